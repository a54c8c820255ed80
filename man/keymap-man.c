/* Prints the list of keys the screens reserve, as man(7) source for
 * scalec-config(5), from the same table the screens use (REQ_LIST).
 * 'make man-keys' splices it into man/scalec-config.5; check_config fails
 * when the page and the table drift apart. */
#include <stdio.h>

#include "tui/keymap.h"

int
main(void)
{
	const struct keymap_entry	*t;
	int				 n, i;

	t = keymap_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].req == REQ_NONE) {
			printf(".SS %s\n", t[i].help);
			continue;
		}
		printf(".TP\n");
		if (t[i].alt != K_NONE)
			printf(".BR %s \", \" %s\n", keymap_key_name(t[i].key),
			    keymap_key_name(t[i].alt));
		else
			printf(".B %s\n", keymap_key_name(t[i].key));
		printf("%s\n", t[i].help);
	}
	return 0;
}
