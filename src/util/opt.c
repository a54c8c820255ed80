/* Option parsing on getopt_long: tables of options bound to fields. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <getopt.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/suggest.h"
#include "util/when.h"
#include "util/xmalloc.h"

/* getopt_long's val for option i of set s; --help is one of its own. */
#define OPT_VAL_BASE	1000
#define OPT_VAL(s, i)	(OPT_VAL_BASE + (int)(s) * 256 + (int)(i))
#define OPT_HELP_VAL	(OPT_VAL_BASE - 1)

struct parser {
	int			 argc;
	char			**argv;
	const struct opt_set	*sets;
	size_t			 nsets;
	const char *const	*usage;
	struct option		*lopts;		/* getopt's table and */
	struct buf		*shorts;	/* letters, freed on exit */
};

static size_t
count(const struct opt *opts)
{
	size_t	n = 0;

	while (opts != NULL && opts[n].type != OPT__END)
		n++;
	return n;
}

static int
takes_value(const struct opt *o)
{
	return o->type != OPT__FLAG;
}

static const struct opt *
find_letter(const struct parser *p, int c, size_t *set)
{
	const struct opt	*o;
	size_t			 s;

	for (s = 0; s < p->nsets; s++)
		for (o = p->sets[s].opts; o != NULL && o->type != OPT__END;
		    o++)
			if (o->letter == c) {
				if (set != NULL)
					*set = s;
				return o;
			}
	return NULL;
}

static const struct opt *
find_long(const struct parser *p, const char *name, size_t len)
{
	const struct opt	*o;
	size_t			 s;

	for (s = 0; s < p->nsets; s++)
		for (o = p->sets[s].opts; o != NULL && o->type != OPT__END;
		    o++)
			if (strlen(o->name) == len &&
			    strncmp(o->name, name, len) == 0)
				return o;
	return NULL;
}

static void	parse_die(const struct parser *, const char *, ...)
		    __attribute__((format(printf, 2, 3), noreturn));

static void
parse_die(const struct parser *p, const char *fmt, ...)
{
	va_list	ap;

	/* What exit would leave behind (nothing the message uses). */
	free(p->lopts);
	if (p->shorts != NULL)
		buf_release(p->shorts);
	va_start(ap, fmt);
	usage_vdie(p->usage, p->sets, p->nsets, fmt, ap);
}

const struct opt_global opt_globals[] = {
	{ "db", "FILE" },
	{ "as", "USER" },
	{ "version", NULL },
	{ NULL, NULL },
};

int
opt_global_misplaced(const char *arg, char *msg, size_t len)
{
	const struct opt_global	*g;
	size_t			 n = strcspn(arg, "=");

	for (g = opt_globals; g->name != NULL; g++)
		if (n == strlen(g->name) + 2 && strncmp(arg, "--", 2) == 0 &&
		    strncmp(arg + 2, g->name, n - 2) == 0) {
			snprintf(msg, len, "'--%s' is a global option: it goes"
			    " before the command (scalec --%s%s%s COMMAND ...)",
			    g->name, g->name, g->argname != NULL ? " " : "",
			    g->argname != NULL ? g->argname : "");
			return 1;
		}
	return 0;
}

/* Refuses --NAME (len bytes of name) that no table here takes: a global
 * option says where it goes, anything else gets the nearest names. */
static void
unknown_long(const struct parser *p, const char *name, size_t len)
{
	const struct opt	*o;
	struct suggest		 sg;
	struct buf		 word = BUF_INIT, near = BUF_INIT;
	char			 msg[512];
	size_t			 s;

	buf_printf(&word, "--%.*s", (int)len, name);
	if (opt_global_misplaced(buf_str(&word), msg, sizeof msg)) {
		buf_release(&word);
		parse_die(p, "%s", msg);
	}
	suggest_init(&sg, buf_str(&word));
	for (s = 0; s < p->nsets; s++)
		for (o = p->sets[s].opts; o != NULL && o->type != OPT__END;
		    o++) {
			buf_reset(&near);
			buf_printf(&near, "--%s", o->name);
			suggest_add(&sg, buf_str(&near));
		}
	suggest_add(&sg, "--help");
	buf_reset(&near);
	s = (size_t)suggest_text(&sg, &near);
	snprintf(msg, sizeof msg, "unknown option '%s'%s%s", buf_str(&word),
	    s ? "; " : "", buf_str(&near));
	suggest_release(&sg);
	buf_release(&word);
	buf_release(&near);
	parse_die(p, "%s", msg);
}

/* getopt_long takes any unambiguous prefix of a long option (--desc for
 * --description); scalec takes only the whole name, for the reason command
 * names are exact: a new option must never change what a script means.
 * Walks argv as getopt will, skipping option values, up to "--". */
static void
exact_long_names(const struct parser *p)
{
	const struct opt	*o;
	const char		*a, *eq;
	size_t			 len;
	int			 i, j;

	for (i = 1; i < p->argc; i++) {
		a = p->argv[i];
		if (strcmp(a, "--") == 0)
			return;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (a[1] != '-') {
			/* A cluster of letters; one with a value ends it. */
			for (j = 1; a[j] != '\0'; j++) {
				if ((o = find_letter(p, a[j], NULL)) == NULL)
					break;
				if (takes_value(o)) {
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
		if ((o = find_long(p, a + 2, len)) == NULL)
			unknown_long(p, a + 2, len);
		if (takes_value(o) && eq == NULL)
			i++;
	}
}

int
opt_number(const char *s, long min, long max, long *v)
{
	const char	*p = s;
	long		 x = 0;
	int		 neg = 0;

	if (*p == '-' && min < 0) {
		neg = 1;
		p++;
	}
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (x > (LONG_MAX - (*p - '0')) / 10)
			return -1;
		x = x * 10 + (*p - '0');
	}
	if (*p != '\0')
		return -1;
	if (neg)
		x = -x;
	if (x < min || x > max)
		return -1;
	*v = x;
	return 0;
}

/* Stores arg as o's value in base; exits 2 when it is not one. */
static void
store(const struct parser *p, const struct opt *o, void *base,
    const char *arg)
{
	void	*dst = (char *)base + o->off;
	char	 err[256];
	long	 v;

	switch (o->type) {
	case OPT__FLAG:
		*(int *)dst = 1;
		break;
	case OPT__STRING:
		*(const char **)dst = arg;
		break;
	case OPT__NUMBER:
		if (opt_number(arg, o->min, o->max, &v) == -1)
			parse_die(p, "--%s: '%s' is not a number from %ld to %ld",
			    o->name, arg, o->min, o->max);
		*(long *)dst = v;
		break;
	case OPT__TIME:
		if (when_parse(arg, clock_now(), &((struct opt_time *)dst)->t,
		    err, sizeof err) == -1)
			parse_die(p, "--%s: %s", o->name, err);
		((struct opt_time *)dst)->given = 1;
		break;
	case OPT__PARSE:
		err[0] = '\0';
		if (o->parse(arg, dst, err, sizeof err) == -1)
			parse_die(p, "--%s: %s", o->name, err);
		break;
	case OPT__END:
		break;
	}
}

int
opt_parse(int argc, char **argv, const struct opt_set *sets, size_t nsets,
    const char *const *usage)
{
	struct parser		 p = { .argc = argc, .argv = argv, .sets = sets,
				    .nsets = nsets, .usage = usage };
	struct buf		 shorts = BUF_INIT;
	struct option		*lopts;
	const struct opt	*o;
	const char		*a, *eq;
	size_t			 n = 0, s, i, k = 0, set;
	int			 c, idx, nargs, j;

	for (s = 0; s < nsets; s++)
		n += count(sets[s].opts);
	lopts = xcalloc(n + 2, sizeof *lopts);
	p.lopts = lopts;
	p.shorts = &shorts;
	/* ':' first: report missing arguments ourselves; '+' is not used so
	 * that options may follow operands ("project create NAME --type T"). */
	buf_addch(&shorts, ':');
	for (s = 0; s < nsets; s++)
		for (i = 0; i < count(sets[s].opts); i++) {
			o = &sets[s].opts[i];
			lopts[k].name = o->name;
			lopts[k].has_arg = takes_value(o) ? required_argument :
			    no_argument;
			lopts[k++].val = OPT_VAL(s, i);
			if (o->letter) {
				buf_addch(&shorts, (char)o->letter);
				if (takes_value(o))
					buf_addch(&shorts, ':');
			}
		}
	lopts[k].name = "help";
	lopts[k].val = OPT_HELP_VAL;
	optind = 0;	/* GNU: reinitialise for each command */
	opterr = 0;
	exact_long_names(&p);
	for (;;) {
		idx = -1;
		c = getopt_long(argc, argv, buf_str(&shorts), lopts, &idx);
		if (c == -1)
			break;
		if (c == OPT_HELP_VAL) {
			free(lopts);
			buf_release(&shorts);
			usage_print(stdout, usage, sets, nsets);
			exit(0);
		}
		if (c == '?') {
			a = argv[optind - 1];
			/* A long option given a value it does not take:
			 * optopt is then its val, not a letter. */
			if (strncmp(a, "--", 2) == 0 &&
			    (eq = strchr(a, '=')) != NULL)
				parse_die(&p, "option '%.*s' takes no value",
				    (int)(eq - a), a);
			if (optopt > 0 && optopt < 128)
				parse_die(&p, "unknown option '-%c'", optopt);
			parse_die(&p, "unknown option '%s'", a);
		}
		if (c == ':')
			parse_die(&p, "option '%s' needs a value", argv[optind - 1]);
		if (c >= OPT_VAL_BASE) {
			set = (size_t)(c - OPT_VAL_BASE) / 256;
			o = &sets[set].opts[(c - OPT_VAL_BASE) % 256];
		} else if ((o = find_letter(&p, c, &set)) == NULL)
			continue;
		store(&p, o, sets[set].base, optarg);
	}
	free(lopts);
	buf_release(&shorts);
	/* GNU getopt has moved the operands to the end, in order. */
	nargs = argc - optind;
	for (j = 0; j < nargs; j++)
		argv[j] = argv[optind + j];
	return nargs;
}

void
usage_print(FILE *f, const char *const *usage, const struct opt_set *sets,
    size_t nsets)
{
	const struct opt	*o;
	struct buf		 left = BUF_INIT;
	size_t			 s;
	int			 first = 1, text = 0, any = 0;

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
	for (s = 0; s < nsets; s++)
		for (o = sets[s].opts; o != NULL && o->type != OPT__END; o++) {
			if (!any++)
				fprintf(f, "\n");
			buf_reset(&left);
			if (o->letter)
				buf_printf(&left, "-%c, ", o->letter);
			else
				buf_addstr(&left, "    ");
			buf_printf(&left, "--%s", o->name);
			if (takes_value(o))
				buf_printf(&left, " %s", o->argname != NULL ?
				    o->argname : "VALUE");
			fprintf(f, "    %-26s %s\n", buf_str(&left),
			    o->help != NULL ? o->help : o->help_fn != NULL ?
			    o->help_fn() : "");
		}
	if (any)
		fprintf(f, "    %-26s %s\n", "    --help", "show this help");
	buf_release(&left);
}

void
usage_die(const char *const *usage, const struct opt_set *sets, size_t nsets,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	usage_vdie(usage, sets, nsets, fmt, ap);
}

void
usage_vdie(const char *const *usage, const struct opt_set *sets,
    size_t nsets, const char *fmt, va_list ap)
{
	struct buf	msg = BUF_INIT;

	buf_vprintf(&msg, fmt, ap);
	error("%s", buf_str(&msg));
	buf_release(&msg);
	usage_print(stderr, usage, sets, nsets);
	exit(EXIT_USAGE);
}
