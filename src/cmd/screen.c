/* What the commands that open a full screen share (annotate, review): the
 * options of a key script (--keys, --size, --json, --timings, --pace) and
 * --lease, the key script of --keys and the --timings file, the project's config with
 * the person's and the project's keys bound, and the run of a view in the
 * driver on the terminal or on the script's headless display, whose last
 * frame (or a summary) is printed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "store/assign.h"
#include "store/batch.h"
#include "store/project.h"
#include "tui/draw.h"
#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/screen.h"
#include "tui/script.h"
#include "tui/view.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/input.h"
#include "util/opt.h"
#include "util/xmalloc.h"

/* A key script's bytes, from a file or stdin: as a config's, 1 MiB
 * (some 200,000 keys), read no further (--keys /dev/zero is refused). */
#define SCRIPT_MAX	(1024 * 1024)

/* --size WxH, annotate's and review's. */
int
cmd_parse_size(const char *arg, void *dst, char *err, size_t errlen)
{
	struct screen_size	*sz = dst;
	const char		*x = strchr(arg, 'x');
	char			 w[16];
	long			 vw, vh;

	/* Two numbers of digits, as every number an option takes. */
	if (x == NULL || (size_t)(x - arg) >= sizeof w)
		goto bad;
	memcpy(w, arg, (size_t)(x - arg));
	w[x - arg] = '\0';
	if (opt_number(w, 1, 1000, &vw) == -1 ||
	    opt_number(x + 1, 1, 1000, &vh) == -1)
		goto bad;
	sz->w = (int)vw;
	sz->h = (int)vh;
	sz->given = 1;
	return 0;
bad:
	snprintf(err, errlen, "takes WIDTHxHEIGHT, e.g. 80x24, not '%s'", arg);
	return -1;
}

int
cmd_screen_lease(long minutes)
{
	return minutes > 0 ? (int)minutes * 60 : LEASE_SECONDS_DEFAULT;
}

void
cmd_screen_check(const struct ctx *c, const struct screen_script *o)
{
	const char	*given;

	/* What only a script's display has, on the terminal, is a mistake
	 * of the command line's: named, nothing read or changed. */
	if (o->keys == NULL && (given = o->size.given ? "--size" : o->json ?
	    "--json" : o->timings != NULL ? "--timings" : o->pace != 0 ?
	    "--pace" : o->graphics_out != NULL ? "--graphics-out" : NULL) !=
	    NULL)
		cmd_usage_die(c, "%s is for a key script: add --keys FILE, or"
		    " leave %s out", given, given);
}

int
cmd_screen_open(struct ctx *c, struct cmd_screen *cs,
    const struct screen_script *o)
{
	const struct project	*p = c->project;
	const char		*name;

	cmd_screen_check(c, o);
	cs->w = o->size.given ? o->size.w : SCREEN_MIN_WIDTH;
	cs->h = o->size.given ? o->size.h : SCREEN_MIN_HEIGHT;
	cs->pace_ms = (int)o->pace;
	/* The start, and the unread notifications' count. */
	ctx_driver_opts(c, &cs->dopts);
	cs->c = c;
	cs->st = c->st;
	/* A bad script is refused before anything is changed. */
	if (o->keys != NULL && (input_read(o->keys, SCRIPT_MAX, 0,
	    &cs->script, &name) == -1 || (cs->ks = key_script_parse(
	    cs->script.data, cs->script.len, name)) == NULL))
		return -1;
	if (o->timings != NULL &&
	    (cs->dopts.timings = fopen(o->timings, "w")) == NULL) {
		error("%s: %s", o->timings, strerror(errno));
		return -1;
	}
	cs->timings = o->timings;
	if ((cs->cfg = config_parse(p->config, strlen(p->config), p->name)) ==
	    NULL)
		return -1;
	/* The person's keys, then the project's; a key two requests would
	 * share, or that the screens took since a label was given it, is
	 * refused here, never changed behind the person's back. */
	if ((cs->keys_file = ctx_person_keys(&cs->keys,
	    &cs->graphics_yaml)) == NULL)
		return -1;
	cs->graphics = cs->graphics_yaml;
	if (keymap_configure(&cs->keys, cs->keys_file, cs->cfg, p->name) ==
	    -1)
		return error("the keys cannot be used as they are: change keys:"
		    " in %s, or a manager changes project %s's config with"
		    " 'scalec project edit %s --config FILE'", cs->keys_file,
		    p->name, p->name);
	if (cs->cfg->instructions[0] == '\0' && p->instructions != NULL &&
	    p->instructions[0] != '\0') {
		free(cs->cfg->instructions);
		cs->cfg->instructions = xstrdup(p->instructions);
	}
	if (c->st_shared) {
		name = ctx_images_dir(c);
		image_shared_dir(name);
		free((char *)name);
	}
	return 0;
}

int
cmd_screen_graphics(struct cmd_screen *cs, int mode, const char *out)
{
	cs->graphics = mode != GRAPHICS_AUTO ? mode : cs->graphics_yaml;
	if (out != NULL && (cs->graphics_out = fopen(out, "w")) == NULL)
		return error("%s: %s", out, strerror(errno));
	cs->graphics_out_name = out;
	return 0;
}

/* The --json summary: what every screen says, then the view's. */
static void
print_summary(struct cmd_screen *cs, struct view *v, struct driver *drv,
    void (*summary)(struct view *, json_t *))
{
	json_t	*j = json_object();

	json_object_set_new(j, "project", json_string(cs->c->project->name));
	json_object_set_new(j, "user", json_string(cs->c->me.name));
	json_object_set_new(j, "keys", json_integer((json_int_t)
	    key_script_done(cs->ks)));
	json_object_set_new(j, "quit", json_boolean(drv_quit(drv)));
	json_object_set_new(j, "status", json_string(drv_status(drv)));
	summary(v, j);
	json_print(j);
}

int
cmd_screen_run(struct cmd_screen *cs, struct view *v,
    void (*summary)(struct view *, json_t *))
{
	struct display	 d;
	struct driver	*drv;
	int		 rc;

	cs->dopts.headless = cs->ks != NULL;
	if (cs->ks != NULL) {
		display_text_init(&d, cs->ks, cs->w, cs->h, cs->graphics,
		    cs->graphics_out);
		display_text_pace(&d, cs->pace_ms);
	} else if (draw_open(&d, cs->graphics) == -1)
		return EXIT_FAILURE_DATA;
	drv = driver_new(v, &d, &cs->dopts);
	/* A session never gives up on a busy database (an import's chunk,
	 * a backup): it waits, says so, and keeps what the person typed. */
	store_set_wait(cs->st, STORE_WAIT_FOREVER, driver_wait_hook, drv);
	rc = driver_run(drv);
	store_set_wait(cs->st, STORE_WAIT_FOREVER, NULL, NULL);
	/* The last frame, while the script's display still has its size. */
	if (rc != -1 && cs->ks != NULL) {
		if (summary != NULL)
			print_summary(cs, v, drv, summary);
		else
			screen_dump(driver_compose(drv), stdout);
	}
	d.close(&d);
	if (rc == -1 && cs->ks == NULL && drv_last_error(drv)[0] != '\0')
		fprintf(stderr, "scalec: %s\n", drv_last_error(drv));
	driver_free(drv);
	return rc == -1 ? EXIT_FAILURE_DATA : rc;
}

int
cmd_screen_close(struct cmd_screen *cs, int ret)
{
	image_shared_dir(NULL);
	config_free(cs->cfg);
	key_script_free(cs->ks);
	buf_release(&cs->script);
	/* The table names keys_file for the bindings it gave. */
	keymap_reset();
	keybinds_release(&cs->keys);
	free(cs->keys_file);
	if (cs->dopts.timings != NULL && fclose(cs->dopts.timings) == EOF &&
	    ret == 0) {
		error("%s: %s", cs->timings, strerror(errno));
		ret = EXIT_FAILURE_DATA;
	}
	if (cs->graphics_out != NULL && fclose(cs->graphics_out) == EOF &&
	    ret == 0) {
		error("%s: %s", cs->graphics_out_name, strerror(errno));
		ret = EXIT_FAILURE_DATA;
	}
	return ret;
}

/* What the image region showed last, or null. */
json_t *
cmd_screen_image_json(void)
{
	const struct image_record	*r = image_last();
	json_t				*j;

	if (r->path[0] == '\0')
		return json_null();
	j = json_pack("{s:s, s:s, s:{s:i, s:i, s:i, s:i}, s:i, s:i, s:i,"
	    " s:i, s:i, s:i, s:i, s:i, s:I}", "path", r->path, "mode",
	    graphics_name(r->mode), "region", "x", r->x, "y", r->y, "w", r->w,
	    "h", r->h, "cols", r->cols, "rows", r->rows, "width", r->src_w,
	    "height", r->src_h, "decoded_width", r->dec_w, "decoded_height",
	    r->dec_h, "scale_denom", r->denom, "orientation", r->orientation,
	    "bytes", (json_int_t)r->bytes);
	json_object_set_new(j, "tinted", json_integer(r->tinted));
	/* A sixel picture's partial updates: how many, the last's cells. */
	json_object_set_new(j, "patches", json_integer(r->patches));
	json_object_set_new(j, "patch", r->patches == 0 ? json_null() :
	    json_pack("{s:i, s:i, s:i, s:i}", "col", r->patch_x, "row",
	    r->patch_y, "cols", r->patch_w, "rows", r->patch_h));
	json_object_set_new(j, "error", r->error[0] != '\0' ?
	    json_string(r->error) : json_null());
	/* Boxes: the crosshair, the zoom, the boxes and their cells. */
	json_object_set(j, "draw", image_last_draw() != NULL ?
	    image_last_draw() : json_null());
	return j;
}
