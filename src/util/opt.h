/* Option parsing: each command declares one table of options and a usage
 * array (git's parse-options idea, on top of getopt_long). --help is added to
 * every table; it prints the usage and the options and exits 0. A bad option
 * prints the usage and exits 2; so does a prefix of a long option (--desc):
 * only whole names are taken. */
#ifndef SCALEC_OPT_H
#define SCALEC_OPT_H

#include <getopt.h>

#define OPT_NOARG	0
#define OPT_ARG		1

struct opt {
	const char	*name;		/* long name, without "--" */
	int		 letter;	/* short letter, or 0 */
	int		 has_arg;	/* OPT_NOARG or OPT_ARG */
	int		 id;		/* what optparse_next returns */
	const char	*argname;	/* "FILE" in "--output FILE" */
	const char	*help;
};

struct optparse {
	int			 argc;
	char			**argv;
	const struct opt	*opts;
	const char *const	*usage;
	struct option		*lopts;
	char			*shorts;
	const char		*arg;	/* the current option's argument */
	int			 ind;	/* after the loop: first operand */
};

void	optparse_init(struct optparse *, int argc, char **argv,
	    const struct opt *opts, const char *const *usage);
/* The next option's id, or -1 when only operands are left (op->ind). */
int	optparse_next(struct optparse *);
void	optparse_release(struct optparse *);
/* Number of operands left, and the i-th. */
int	optparse_nargs(const struct optparse *);
char	*optparse_arg(const struct optparse *, int);

/* Prints usage and options to f. */
void	usage_print(FILE *, const char *const *usage, const struct opt *opts);
/* Reports "scalec: MESSAGE", prints the usage to stderr and exits 2. */
void	usage_die(const char *const *usage, const struct opt *opts,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4), noreturn));
/* Parses a whole non-negative number for option name; exits 2 if not one. */
long	opt_number(const struct optparse *, const char *name, const char *s,
	    long min, long max);

#endif
