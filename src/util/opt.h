/* Option parsing (git's parse-options idea, on top of getopt_long): a
 * command declares one static table of its options, each bound to a field
 * of the command's own options struct by its offset, and opt_parse fills
 * that struct: a command has no switch over its options. A value is
 * checked where it is parsed (a number's range, a time, a role), so a bad
 * one is refused before anything is opened. --help is added to every
 * table; it prints the usage and the options and exits 0. A bad option
 * prints the usage and exits 2; so does a prefix of a long option
 * (--desc): only whole names are taken. */
#ifndef SCALEC_OPT_H
#define SCALEC_OPT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

enum opt_type {
	OPT__END,
	OPT__FLAG,	/* int, set to 1 */
	OPT__STRING,	/* const char *, borrowed from argv */
	OPT__NUMBER,	/* long, within [min, max] */
	OPT__TIME,	/* struct opt_time, through util/when.h */
	OPT__PARSE,	/* anything, through the option's parse function */
};

/* A time option's value: given or not, and when. */
struct opt_time {
	int	 given;
	time_t	 t;
};

struct opt {
	const char	*name;		/* long name, without "--" */
	int		 letter;	/* short letter, or 0 */
	enum opt_type	 type;
	size_t		 off;		/* of the field in the options struct */
	const char	*argname;	/* "FILE" in "--output FILE" */
	const char	*help;		/* or NULL, and help_fn gives it */
	long		 min, max;	/* OPT__NUMBER */
	/* OPT__PARSE: stores arg's value at dst, or writes what is wrong
	 * into err (no option name: opt_parse adds it) and returns -1. */
	int		(*parse)(const char *arg, void *dst, char *err,
			    size_t errlen);
	/* The help when it is made from a table (the formats). */
	const char	*(*help_fn)(void);
};

/* 0, and a compile error when field f of T is not of type type: an
 * offset alone would bind any field to any option. */
#define OPT_TYPED(T, f, type)						\
	(0 * sizeof((type *){ 0 } = &((T *)0)->f))
#define OPT_AT(T, f, type)	(offsetof(T, f) + OPT_TYPED(T, f, type))

#define OPT_FLAG(l, name, T, f, help)					\
	{ name, l, OPT__FLAG, OPT_AT(T, f, int), NULL, help, 0, 0, NULL,	\
	    NULL }
#define OPT_STRING(l, name, T, f, arg, help)				\
	{ name, l, OPT__STRING, OPT_AT(T, f, const char *), arg, help, 0,	\
	    0, NULL, NULL }
#define OPT_NUMBER(l, name, T, f, arg, help, min, max)			\
	{ name, l, OPT__NUMBER, OPT_AT(T, f, long), arg, help, min, max,	\
	    NULL, NULL }
#define OPT_TIME(l, name, T, f, arg, help)				\
	{ name, l, OPT__TIME, OPT_AT(T, f, struct opt_time), arg, help, 0,	\
	    0, NULL, NULL }
#define OPT_PARSE(l, name, T, f, type, arg, help, fn)			\
	{ name, l, OPT__PARSE, OPT_AT(T, f, type), arg, help, 0, 0, fn,	\
	    NULL }
/* An OPT_PARSE whose help is made by help_fn. */
#define OPT_PARSE_FN(l, name, T, f, type, arg, help_fn, fn)		\
	{ name, l, OPT__PARSE, OPT_AT(T, f, type), arg, NULL, 0, 0, fn,	\
	    help_fn }
#define OPT_END	{ NULL, 0, OPT__END, 0, NULL, NULL, 0, 0, NULL, NULL }

/* One table and the struct its offsets are into. */
struct opt_set {
	const struct opt	*opts;
	void			*base;
};

/* The options main.c reads before the command (name without "--", and
 * its value's name or NULL), ending with a NULL name: after the command
 * one is refused with where it goes. */
struct opt_global {
	const char	*name;
	const char	*argname;
};

extern const struct opt_global opt_globals[];

/* 1, with msg saying where it goes, when arg (--db, --as=alice) is a
 * global option; else 0. */
int	opt_global_misplaced(const char *arg, char *msg, size_t len);

/*
 * Parses the options of argv (argv[0] is the command's name) into the
 * fields of each set's base, in the sets' order for --help. Returns the
 * number of operands, moved to argv[0..n-1]. Exits 0 after --help and 2
 * after reporting a bad option or value, with the usage.
 */
int	opt_parse(int argc, char **argv, const struct opt_set *sets,
	    size_t nsets, const char *const *usage);

/*
 * The one reading of a number a user writes: digits only, a '-' first
 * when min < 0 (no sign, space or base prefix otherwise: ' 5', '+5' and
 * '0x5' are not numbers), within min..max. 0 with *v, or -1.
 */
int	opt_number(const char *s, long min, long max, long *v);

/* Prints usage (synopsis lines, then after "" free text) and the options
 * of the sets to f. */
void	usage_print(FILE *, const char *const *usage,
	    const struct opt_set *sets, size_t nsets);
/* Reports "scalec: MESSAGE", prints the usage to stderr and exits 2. */
void	usage_die(const char *const *usage, const struct opt_set *sets,
	    size_t nsets, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5), noreturn));
void	usage_vdie(const char *const *usage, const struct opt_set *sets,
	    size_t nsets, const char *fmt, va_list)
	    __attribute__((format(printf, 4, 0), noreturn));

#endif
