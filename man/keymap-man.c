/* Prints the list of keys the screens reserve, as man(7) source for
 * scalec-config(5) and scalec-annotate(1), from the same table the screens
 * use (REQ_LIST), with the control kinds a binding holds for and the
 * request's name in keys: (scalec-config(5)); with the argument
 * "annotate" the labelling views' keys only, for scalec-annotate(1), and
 * with "review" the review screen's (its own and every view's), for
 * scalec-review(1). 'make man-keys' splices them into the pages;
 * check_config, annotate.sh and review.sh fail when the pages and the
 * table drift apart. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "model/kind.h"
#include "tui/keymap.h"

/* "(on spans only)", or nothing for a binding of every kind. */
static void
kinds(int groups)
{
	int	k, n = 0;

	if ((groups & KEYS_ANY) == KEYS_ANY)
		return;
	if (groups == KEYS_IMAGE) {
		printf(".br\n(over an image, whatever the control)\n");
		return;
	}
	if (groups == KEYS_PAN) {
		printf(".br\n(zoomed in on an image, on a control with no"
		    " crosshair)\n");
		return;
	}
	printf(".br\n(on ");
	for (k = 0; k < CONTROL__COUNT; k++)
		if (control_kind_keys(k) & groups)
			printf("%s%s", n++ > 0 ? ", " : "",
			    control_kind_name(k));
	printf(" controls)\n");
}

int
main(int argc, char **argv)
{
	const struct keymap_entry	*t;
	const char			*c;
	int				 n, i, j, scopes = ~0;

	if (argc > 1 && strcmp(argv[1], "review") == 0)
		scopes = KS_REVIEWING;
	else if (argc > 1 && strcmp(argv[1], "annotate") == 0)
		scopes = KS_LABELLING;
	t = keymap_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].req == REQ_NONE) {
			/* A section with none of the keys asked for is left
			 * out. */
			for (j = i + 1; j < n && t[j].req != REQ_NONE; j++)
				if (t[j].scope & scopes)
					break;
			if (j < n && t[j].req != REQ_NONE)
				printf(".SS %s\n", t[i].help);
			continue;
		}
		if (!(t[i].scope & scopes))
			continue;
		printf(".TP\n");
		/* One name a call: a character's is a static buffer. */
		if (t[i].alt != K_NONE) {
			printf(".BR %s \", \" ", keymap_key_name(t[i].key));
			printf("%s\n", keymap_key_name(t[i].alt));
		} else
			printf(".B %s\n", keymap_key_name(t[i].key));
		printf("%s\n", t[i].help);
		kinds(t[i].groups);
		if (t[i].scope & KS_YIELDS)
			printf(".br\n(a label's key, or a keys: giving another"
			    " request one of these keys, wins: the other key"
			    " still does it)\n");
		printf(".br\n(keys: ");
		for (c = t[i].name; *c != '\0'; c++)
			putchar(tolower((unsigned char)*c));
		printf(")\n");
	}
	return 0;
}
