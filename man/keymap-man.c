/* Prints the list of keys the screens reserve, as man(7) source for
 * scalec-config(5) and scalec-annotate(1), from the same table the screens
 * use (REQ_LIST), with the control kinds a binding holds for and the
 * request's name in keys: (scalec-config(5)). 'make
 * man-keys' splices it into the pages; check_config and annotate.sh fail
 * when the pages and the table drift apart. */
#include <ctype.h>
#include <stdio.h>

#include "model/kind.h"
#include "tui/keymap.h"

/* "(on spans only)", or nothing for a binding of every kind. */
static void
kinds(int groups)
{
	int	k, n = 0;

	if ((groups & KEYS_ANY) == KEYS_ANY)
		return;
	printf(".br\n(on ");
	for (k = 0; k < CONTROL__COUNT; k++)
		if (control_kind_keys(k) & groups)
			printf("%s%s", n++ > 0 ? ", " : "",
			    control_kind_name(k));
	printf(" controls)\n");
}

int
main(void)
{
	const struct keymap_entry	*t;
	const char			*c;
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
		kinds(t[i].groups);
		printf(".br\n(keys: ");
		for (c = t[i].name; *c != '\0'; c++)
			putchar(tolower((unsigned char)*c));
		printf(")\n");
	}
	return 0;
}
