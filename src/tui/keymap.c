/* The key binding table and lookups, built from REQ_LIST. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tui/keymap.h"
#include "util/utf8.h"

static const struct keymap_entry table[] = {
#define REQ_GROUP(title) { REQ_NONE, K_NONE, K_NONE, title },
#define REQ_(name, key, alt, help) { REQ_##name, key, alt, help },
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

enum request
keymap_request(int key)
{
	size_t	i;

	if (key == K_NONE)
		return REQ_NONE;
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].req != REQ_NONE &&
		    (table[i].key == key || table[i].alt == key))
			return table[i].req;
	return REQ_NONE;
}

const char *
keymap_reserved(int key)
{
	size_t	i;

	/* The caret keys and Enter's other spelling are taken as well. */
	if (key == '\r')
		key = K_ENTER;
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].req != REQ_NONE &&
		    (table[i].key == key || table[i].alt == key))
			return table[i].help;
	return NULL;
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
