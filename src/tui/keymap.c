/* The key binding table and lookups, built from REQ_LIST. */
#include <stdio.h>

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

const char *
keymap_key_name(int key)
{
	static char	buf[8];
	int		n;

	switch (key) {
	case K_ENTER:		return "Enter";
	case K_TAB:		return "Tab";
	case K_ESC:		return "Esc";
	case K_SPACE:		return "Space";
	case K_UP:		return "Up";
	case K_DOWN:		return "Down";
	case K_LEFT:		return "Left";
	case K_RIGHT:		return "Right";
	case K_PGUP:		return "PgUp";
	case K_PGDN:		return "PgDn";
	case K_HOME:		return "Home";
	case K_END:		return "End";
	case K_BACKSPACE:	return "Backspace";
	case K_BTAB:		return "S-Tab";
	case K_RESIZE:		return "(resize)";
	case K_CTRL_L:		return "^L";
	}
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
