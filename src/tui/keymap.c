/* The key binding table and its lookups, built from REQ_LIST (see
 * keymap.h); the special keys' names; and the check of a config's label
 * keys against the table. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/config.h"
#include "tui/keymap.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/utf8.h"

static const struct keymap_entry table[] = {
#define REQ_GROUP(title) { REQ_NONE, 0, 0, K_NONE, K_NONE, title },
#define REQ_(scope, groups, name, key, alt, help) \
	{ REQ_##name, scope, groups, key, alt, help },
	REQ_LIST
#undef REQ_GROUP
#undef REQ_
};

const struct keymap_entry *
keymap_table(int *n)
{
	*n = (int)(sizeof table / sizeof table[0]);
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

/* The binding of key in scopes for groups, or NULL. */
static const struct keymap_entry *
binding(int scopes, int groups, int key)
{
	size_t	i;

	key = keymap_normal(key);
	if (key == K_NONE)
		return NULL;
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
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

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].req == req)
			return table[i].key;
	return K_NONE;
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

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
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
		buf_printf(b, "  %s%*s %s\n", buf_str(&k), w < 16 ? 16 - w : 0,
		    "", table[i].help);
	}
	buf_release(&k);
}

int
keymap_check_config(const struct config *cfg, const char *file)
{
	const struct control	*c;
	const struct label	*l;
	const char		*why;
	uint32_t		 cp;
	size_t			 i, j;
	int			 rc = 0;

	for (i = 0; i < cfg->ncontrols; i++) {
		c = &cfg->controls[i];
		for (j = 0; j < c->nlabels; j++) {
			l = &c->labels[j];
			if (l->retired || l->key[0] == '\0' ||
			    utf8_decode(l->key, strlen(l->key), &cp) < 0)
				continue;
			why = keymap_reserved(KS_LABELLING,
			    control_kind_keys(c->kind), (int)cp);
			if (why == NULL)
				continue;
			if (l->key_line > 0)
				rc = error("%s:%u:%u: label \"%s\" takes key"
				    " \"%s\", which the screens reserve for"
				    " \"%s\"", file, l->key_line, l->key_col,
				    l->name, l->key, why);
			else
				rc = error("%s: label \"%s\" of control \"%s\""
				    " takes key \"%s\", which the screens"
				    " reserve for \"%s\"", file, l->name,
				    c->name, l->key, why);
		}
	}
	return rc;
}
