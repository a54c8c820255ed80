/* Option parsing on getopt_long, one table per command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/xmalloc.h"

#define OPT_HELP_ID	(-1000)

static const struct opt *find_letter(const struct opt *, int);

/* getopt_long takes any unambiguous prefix of a long option (--desc for
 * --description); scalec takes only the whole name, for the reason command
 * names are exact: a new option must never change what a script means.
 * Walks argv as getopt will, skipping option values, up to "--". */
static void
exact_long_names(const struct optparse *op)
{
	const struct opt	*o;
	const char		*a, *eq;
	size_t			 len;
	int			 i, j;

	for (i = 1; i < op->argc; i++) {
		a = op->argv[i];
		if (strcmp(a, "--") == 0)
			return;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (a[1] != '-') {
			/* A cluster of letters; one with a value ends it. */
			for (j = 1; a[j] != '\0'; j++) {
				if ((o = find_letter(op->opts, a[j])) == NULL)
					break;
				if (o->has_arg) {
					if (a[j + 1] == '\0')
						i++;
					break;
				}
			}
			continue;
		}
		eq = strchr(a, '=');
		len = eq != NULL ? (size_t)(eq - a) - 2 : strlen(a + 2);
		if (len == 4 && strncmp(a + 2, "help", 4) == 0)
			continue;
		for (o = op->opts; o != NULL && o->name != NULL; o++)
			if (strlen(o->name) == len &&
			    strncmp(o->name, a + 2, len) == 0)
				break;
		if (o == NULL || o->name == NULL)
			usage_die(op->usage, op->opts, "unknown option '%.*s'",
			    (int)len + 2, a);
		if (o->has_arg && eq == NULL)
			i++;
	}
}

void
optparse_init(struct optparse *op, int argc, char **argv,
    const struct opt *opts, const char *const *usage)
{
	struct buf	 shorts = BUF_INIT;
	size_t		 n = 0, i;

	while (opts != NULL && opts[n].name != NULL)
		n++;
	memset(op, 0, sizeof *op);
	op->argc = argc;
	op->argv = argv;
	op->opts = opts;
	op->usage = usage;
	op->lopts = xcalloc(n + 2, sizeof *op->lopts);
	/* ':' first: report missing arguments ourselves; '+' is not used so
	 * that options may follow operands ("project create NAME --type T"). */
	buf_addch(&shorts, ':');
	for (i = 0; i < n; i++) {
		op->lopts[i].name = opts[i].name;
		op->lopts[i].has_arg = opts[i].has_arg ? required_argument :
		    no_argument;
		op->lopts[i].val = opts[i].id;
		if (opts[i].letter) {
			buf_addch(&shorts, opts[i].letter);
			if (opts[i].has_arg)
				buf_addch(&shorts, ':');
		}
	}
	op->lopts[n].name = "help";
	op->lopts[n].val = OPT_HELP_ID;
	op->shorts = buf_detach(&shorts);
	optind = 0;	/* GNU: reinitialise for each command */
	opterr = 0;
	exact_long_names(op);
}

static const struct opt *
find_letter(const struct opt *opts, int c)
{
	for (; opts != NULL && opts->name != NULL; opts++)
		if (opts->letter == c)
			return opts;
	return NULL;
}

int
optparse_next(struct optparse *op)
{
	const struct opt	*o;
	const char		*a, *eq;
	int			 c, idx = -1;

	c = getopt_long(op->argc, op->argv, op->shorts, op->lopts, &idx);
	op->arg = optarg;
	op->ind = optind;
	if (c == -1)
		return -1;
	if (c == OPT_HELP_ID) {
		usage_print(stdout, op->usage, op->opts);
		exit(0);
	}
	if (c == '?') {
		a = op->argv[optind - 1];
		/* A long option given a value it does not take: optopt is
		 * then its id, not a letter. */
		if (strncmp(a, "--", 2) == 0 && (eq = strchr(a, '=')) != NULL)
			usage_die(op->usage, op->opts, "option '%.*s' takes no"
			    " value", (int)(eq - a), a);
		if (optopt > 0 && optopt < 128)
			usage_die(op->usage, op->opts, "unknown option '-%c'",
			    optopt);
		usage_die(op->usage, op->opts, "unknown option '%s'", a);
	}
	if (c == ':')
		usage_die(op->usage, op->opts, "option '%s' needs a value",
		    op->argv[optind - 1]);
	/* A short letter maps to its option's id. */
	if (idx == -1 && (o = find_letter(op->opts, c)) != NULL)
		return o->id;
	return c;
}

void
optparse_release(struct optparse *op)
{
	free(op->lopts);
	free(op->shorts);
	op->lopts = NULL;
	op->shorts = NULL;
}

int
optparse_nargs(const struct optparse *op)
{
	return op->argc - op->ind;
}

char *
optparse_arg(const struct optparse *op, int i)
{
	return op->argv[op->ind + i];
}

void
usage_print(FILE *f, const char *const *usage, const struct opt *opts)
{
	struct buf	 left = BUF_INIT;
	int		 first = 1, text = 0;

	/* Synopsis lines, then after an empty line free text. */
	for (; usage != NULL && *usage != NULL; usage++) {
		if (**usage == '\0')
			text = 1;
		if (text || **usage == ' ')
			fprintf(f, "%s\n", *usage);
		else
			fprintf(f, "%s%s\n", first ? "usage: " : "   or: ",
			    *usage);
		first = 0;
	}
	if (opts == NULL || opts->name == NULL)
		return;
	fprintf(f, "\n");
	for (; opts->name != NULL; opts++) {
		buf_reset(&left);
		if (opts->letter)
			buf_printf(&left, "-%c, ", opts->letter);
		else
			buf_addstr(&left, "    ");
		buf_printf(&left, "--%s", opts->name);
		if (opts->has_arg)
			buf_printf(&left, " %s", opts->argname ?
			    opts->argname : "VALUE");
		fprintf(f, "    %-26s %s\n", buf_str(&left), opts->help);
	}
	fprintf(f, "    %-26s %s\n", "    --help", "show this help");
	buf_release(&left);
}

void
usage_die(const char *const *usage, const struct opt *opts, const char *fmt,
    ...)
{
	struct buf	msg = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	error("%s", buf_str(&msg));
	buf_release(&msg);
	usage_print(stderr, usage, opts);
	exit(EXIT_USAGE);
}

long
opt_number(const struct optparse *op, const char *name, const char *s,
    long min, long max)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < min || v > max)
		usage_die(op->usage, op->opts, "--%s: '%s' is not a number"
		    " from %ld to %ld", name, s, min, max);
	return v;
}
