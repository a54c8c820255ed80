/* The key binding table and its lookups, built from REQ_LIST (see
 * keymap.h); the special keys' names; and the check of a config's label
 * keys against the table. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/config.h"
#include "model/keybind.h"
#include "tui/keymap.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/utf8.h"

static const struct keymap_entry defaults[] = {
#define REQ_GROUP(title) { REQ_NONE, 0, 0, K_NONE, K_NONE, title, NULL, \
	NULL, 0, 0, K_NONE, "" },
#define REQ_(scope, groups, name, key, alt, help) \
	{ REQ_##name, scope, groups, key, alt, help, #name, NULL, 0, 0, \
	K_NONE, "" },
	REQ_LIST
#undef REQ_GROUP
#undef REQ_
};

#define NENTRIES	(sizeof defaults / sizeof defaults[0])

/* The table in use: the defaults, with the keys keymap_configure bound. */
static struct keymap_entry	table[NENTRIES];
static int			table_set;

static void
table_init(void)
{
	if (!table_set) {
		memcpy(table, defaults, sizeof defaults);
		table_set = 1;
	}
}

void
keymap_reset(void)
{
	table_set = 0;
	table_init();
}

const struct keymap_entry *
keymap_table(int *n)
{
	table_init();
	*n = (int)NENTRIES;
	return table;
}

int
keymap_normal(int key)
{
	if (key == '\r')
		return K_ENTER;
	if (key == 0x7f || key == 0x08)
		return K_BACKSPACE;
	return key;
}

static const char	*origin(const struct keymap_entry *);

/* The binding of key in scopes for groups, or NULL. */
static const struct keymap_entry *
binding(int scopes, int groups, int key)
{
	size_t	i;

	table_init();
	key = keymap_normal(key);
	if (key == K_NONE)
		return NULL;
	for (i = 0; i < NENTRIES; i++)
		if (table[i].req != REQ_NONE && (table[i].scope & scopes) &&
		    (table[i].groups & groups) &&
		    (table[i].key == key || table[i].alt == key))
			return &table[i];
	return NULL;
}

enum request
keymap_request(int scopes, int groups, int key)
{
	const struct keymap_entry	*e = binding(scopes, groups, key);

	return e != NULL ? e->req : REQ_NONE;
}

int
keymap_key_of(enum request req)
{
	size_t	i;

	table_init();
	for (i = 0; i < NENTRIES; i++)
		if (table[i].req == req)
			return table[i].key;
	return K_NONE;
}

const char *
keymap_req_key(enum request req)
{
	static char	 names[4][16];
	static int	 next;
	char		*out = names[next++ % 4];

	snprintf(out, sizeof names[0], "%s",
	    keymap_key_name(keymap_key_of(req)));
	return out;
}

const char *
keymap_reserved(int scopes, int groups, int key)
{
	const struct keymap_entry	*e = binding(scopes, groups, key);

	return e != NULL ? e->help : NULL;
}

/*
 * The special keys' names: the first name of a key is the one help and
 * messages print, the others are spellings key scripts also take. The one
 * list for both.
 */
static const struct {
	int		 key;
	const char	*name;
} key_names[] = {
	{ K_ENTER, "Enter" }, { K_ENTER, "Return" },
	{ K_ESC, "Esc" }, { K_ESC, "Escape" },
	{ K_TAB, "Tab" },
	{ K_BTAB, "S-Tab" }, { K_BTAB, "BTab" },
	{ K_BACKSPACE, "Backspace" }, { K_BACKSPACE, "BS" },
	{ K_UP, "Up" }, { K_DOWN, "Down" }, { K_LEFT, "Left" },
	{ K_RIGHT, "Right" },
	{ K_PGUP, "PgUp" }, { K_PGUP, "PageUp" },
	{ K_PGDN, "PgDn" }, { K_PGDN, "PageDown" },
	{ K_HOME, "Home" }, { K_END, "End" },
	{ K_SPACE, "Space" },
	{ K_CTRL_L, "^L" }, { K_CTRL_L, "C-l" },
	{ K_DELETE, "Delete" }, { K_DELETE, "Del" },
	{ K_RESIZE, "(resize)" },
};

const char *
keymap_key_name(int key)
{
	static char	buf[8];
	size_t		i;
	int		n;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key)
			return key_names[i].name;
	if (key > 0 && key < 0x20) {
		snprintf(buf, sizeof buf, "^%c", key + 0x40);
		return buf;
	}
	if (key <= 0 || key >= K_BASE)
		return "?";
	n = utf8_encode((uint32_t)key, buf);
	buf[n] = '\0';
	return buf;
}

int
keymap_key_from_name(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key != K_RESIZE &&
		    strlen(key_names[i].name) == len &&
		    strncasecmp(key_names[i].name, name, len) == 0)
			return key_names[i].key;
	return -1;
}

const char *
keymap_key_names(void)
{
	static char	list[256];
	size_t		i, n = 0;

	if (list[0] != '\0')
		return list;
	/* A key's first name only, and no names for what is not a key. */
	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key != K_RESIZE && (i == 0 ||
		    key_names[i - 1].key != key_names[i].key))
			n += (size_t)snprintf(list + n, sizeof list - n,
			    "%s%s", n > 0 ? ", " : "", key_names[i].name);
	return list;
}

static void
help_key(struct buf *b, int key)
{
	const char	*name = keymap_key_name(key);

	escape_add(b, name, strlen(name), 0);
}

void
keymap_help(struct buf *b, int scopes, int groups)
{
	struct buf	 k = BUF_INIT;
	const char	*title = NULL;
	size_t		 i;
	int		 w, sections = 0;

	table_init();
	for (i = 0; i < NENTRIES; i++) {
		if (table[i].req == REQ_NONE) {
			title = table[i].help;
			continue;
		}
		if (!(table[i].scope & scopes) || !(table[i].groups & groups))
			continue;
		/* A section's title before its first key shown. */
		if (title != NULL) {
			buf_printf(b, "%s%s\n", sections++ > 0 ? "\n" : "",
			    title);
			title = NULL;
		}
		buf_reset(&k);
		help_key(&k, table[i].key);
		if (table[i].alt != K_NONE) {
			buf_addstr(&k, ", ");
			help_key(&k, table[i].alt);
		}
		w = (int)utf8_width(buf_str(&k), k.len);
		buf_printf(b, "  %s%*s %s", buf_str(&k), w < 16 ? 16 - w : 0,
		    "", table[i].help);
		if (table[i].yielded != K_NONE) {
			buf_addstr(b, "; ");
			help_key(b, table[i].yielded);
			buf_addstr(b, " is ");
			escape_add(b, table[i].yielded_to,
			    strlen(table[i].yielded_to), 0);
			buf_addstr(b, "'s here");
		}
		buf_addch(b, '\n');
	}
	buf_release(&k);
}

int
keymap_check_config(const struct config *cfg, const char *file)
{
	const struct control		*c;
	const struct label		*l;
	const struct keymap_entry	*e;
	const char			*why, *by;
	uint32_t			 cp;
	size_t				 i, j;
	int				 rc = 0;

	for (i = 0; i < cfg->ncontrols; i++) {
		c = &cfg->controls[i];
		for (j = 0; j < c->nlabels; j++) {
			l = &c->labels[j];
			if (l->retired || l->key[0] == '\0' ||
			    utf8_decode(l->key, strlen(l->key), &cp) < 0)
				continue;
			e = binding(KS_LABELLING, control_kind_keys(c->kind),
			    (int)cp);
			if (e == NULL)
				continue;
			why = e->help;
			/* A key a keys: bound says where. */
			by = e->file != NULL ? origin(e) : "";
			if (l->key_line > 0)
				rc = error("%s:%u:%u: label \"%s\" takes key"
				    " \"%s\", which the screens reserve for"
				    " \"%s\"%s", file, l->key_line, l->key_col,
				    l->name, l->key, why, by);
			else
				rc = error("%s: label \"%s\" of control \"%s\""
				    " takes key \"%s\", which the screens"
				    " reserve for \"%s\"%s", file, l->name,
				    c->name, l->key, why, by);
		}
	}
	return rc;
}

/* Keys people choose (keys: in config.yaml and in a label config). */

/* The entry a keys: name stands for ("skip", any case), or NULL. */
static struct keymap_entry *
entry_named(const char *name)
{
	size_t	i;

	for (i = 0; i < NENTRIES; i++)
		if (table[i].name != NULL &&
		    strcasecmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

/* The key written: one character, or a key's name; -1 when neither. */
static int
key_written(const char *s)
{
	uint32_t	cp;
	size_t		len = strlen(s);
	int		k;

	if ((k = keymap_key_from_name(s, len)) >= 0)
		return k;
	if (len > 0 && utf8_decode(s, len, &cp) == (int)len && cp > ' ' &&
	    cp != 0x7f)
		return (int)cp;
	return -1;
}

/* "skip" for messages: the request's name as keys: writes it. */
static const char *
lower_name(const char *name)
{
	static char	out[2][64];
	static int	next;
	char		*o = out[next++ % 2];
	size_t		i;

	for (i = 0; name[i] != '\0' && i + 1 < sizeof out[0]; i++)
		o[i] = (char)tolower((unsigned char)name[i]);
	o[i] = '\0';
	return o;
}

/* Binds one map's keys; 0, or -1 after reporting each problem. */
static int
apply(const struct keybinds *map, const char *file)
{
	const struct keybind	*b;
	struct keymap_entry	*e;
	size_t			 i;
	int			 key, rc = 0;

	for (i = 0; map != NULL && i < map->n; i++) {
		b = &map->v[i];
		if ((e = entry_named(b->request)) == NULL) {
			rc = error("%s:%u:%u: keys: no request is named \"%s\""
			    " (scalec-config(5) lists them: skip, undo,"
			    " next_token, ...)", file, b->name_line,
			    b->name_col, b->request);
			continue;
		}
		if ((key = key_written(b->key)) < 0) {
			rc = error("%s:%u:%u: keys: \"%s\" for %s is not a key:"
			    " write one character or one of %s", file, b->line,
			    b->col, b->key, lower_name(e->name),
			    keymap_key_names());
			continue;
		}
		if (key >= '0' && key <= '9') {
			rc = error("%s:%u:%u: keys: %s cannot take %s: the"
			    " digits are the labels' keys", file, b->line,
			    b->col, lower_name(e->name), b->key);
			continue;
		}
		e->key = key;
		if (e->alt == key)
			e->alt = K_NONE;
		e->file = file;
		e->line = b->line;
		e->col = b->col;
	}
	return rc;
}

/* Where a binding came from, for messages: " (keys: at FILE:L:C)". */
static const char *
origin(const struct keymap_entry *e)
{
	static char	out[2][512];
	static int	next;
	char		*o = out[next++ % 2];

	if (e->file == NULL)
		snprintf(o, sizeof out[0], " (by default)");
	else
		snprintf(o, sizeof out[0], " (keys: at %s:%u:%u)", e->file,
		    e->line, e->col);
	return o;
}

/* 1 when bindings for groups a and b can hold on one screen at once: a
 * group in common, or an image's binding beside any but the spans' (a
 * text's only). */
static int
groups_meet(int a, int b)
{
	if (a & b)
		return 1;
	if (a & KEYS_IMAGE)
		return (b & ~KEYS_MARK) != 0;
	if (b & KEYS_IMAGE)
		return (a & ~KEYS_MARK) != 0;
	return 0;
}

/* Takes key from yielding binding e (its other key stays), for what
 * names it. */
static void
yield_key(struct keymap_entry *e, int key, const char *what, const char *name)
{
	if (e->key == key) {
		e->key = e->alt;
		e->alt = K_NONE;
	} else if (e->alt == key)
		e->alt = K_NONE;
	else
		return;
	e->yielded = key;
	snprintf(e->yielded_to, sizeof e->yielded_to, "%s%s%s", what,
	    what[0] != '\0' ? " " : "", name);
}

/* A KS_YIELDS binding's default keys that a keys: gave another request
 * where both would hold, or that a label's key takes, are theirs. */
static void
yield_keys(const struct config *cfg)
{
	struct keymap_entry	*y, *o;
	const struct label	*l;
	uint32_t		 cp;
	size_t			 i, j, k;

	for (i = 0; i < NENTRIES; i++) {
		y = &table[i];
		if (y->req == REQ_NONE || !(y->scope & KS_YIELDS) ||
		    y->file != NULL)
			continue;
		for (j = 0; j < NENTRIES; j++) {
			o = &table[j];
			if (o->req == REQ_NONE || o->file == NULL || o == y ||
			    !KS_MEET(o->scope, y->scope) ||
			    !groups_meet(o->groups, y->groups))
				continue;
			yield_key(y, o->key, "", lower_name(o->name));
			if (o->alt != K_NONE)
				yield_key(y, o->alt, "", lower_name(o->name));
		}
		for (j = 0; cfg != NULL && j < cfg->ncontrols; j++)
			for (k = 0; k < cfg->controls[j].nlabels; k++) {
				l = &cfg->controls[j].labels[k];
				if (l->retired || l->key[0] == '\0' ||
				    utf8_decode(l->key, strlen(l->key), &cp) <
				    0)
					continue;
				yield_key(y, (int)cp, "label", l->name);
			}
	}
}

/* Two requests on one key where both hold: refused at the one a keys:
 * gave (the person's, when both were: theirs is the one to change, the
 * project's holding for everyone). */
static int
check_collisions(const char *person_file)
{
	const struct keymap_entry	*a, *b, *at;
	size_t				 i, j;
	int				 rc = 0, key;

	for (i = 0; i < NENTRIES; i++)
		for (j = i + 1; j < NENTRIES; j++) {
			a = &table[i];
			b = &table[j];
			if (a->req == REQ_NONE || b->req == REQ_NONE ||
			    !KS_MEET(a->scope, b->scope) ||
			    !groups_meet(a->groups, b->groups) ||
			    a->req == b->req)
				continue;
			if (a->key == b->key || a->key == b->alt)
				key = a->key;
			else if (a->alt != K_NONE && (a->alt == b->key ||
			    a->alt == b->alt))
				key = a->alt;
			else
				continue;
			if (key == K_NONE)
				continue;
			/* Report where a keys: gave it. */
			if (a->file != NULL && b->file != NULL)
				at = b->file == person_file ? b : a;
			else
				at = b->file != NULL ? b : a;
			if (at->file == NULL)
				continue;
			rc = error("%s:%u:%u: keys: %s and %s would both take"
			    " key \"%s\"%s%s", at->file, at->line, at->col,
			    lower_name(at->name), lower_name(at == a ? b->name :
			    a->name), keymap_key_name(key), at == a ?
			    origin(b) : origin(a), "; give one another key");
		}
	return rc;
}

int
keymap_configure(const struct keybinds *person, const char *person_file,
    const struct config *cfg, const char *cfg_file)
{
	int	rc;

	keymap_reset();
	rc = apply(person, person_file);
	/* The project's after the person's: it wins for a request both
	 * name. */
	if (cfg != NULL)
		rc |= apply(&cfg->keys, cfg_file);
	if (rc == 0)
		yield_keys(cfg);
	if (rc == 0)
		rc = check_collisions(person_file);
	if (rc == 0 && cfg != NULL)
		rc = keymap_check_config(cfg, cfg_file);
	if (rc != 0)
		keymap_reset();
	return rc;
}
