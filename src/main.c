/* scalec: global options, the sorted command table, and dispatch. Command
 * names are exact: no prefix guessing, so adding a command never breaks a
 * script. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "cmd/cmd.h"
#include "formats/format.h"
#include "model/colour.h"
#include "model/kind.h"
#include "model/ptype.h"
#include "model/role.h"
#include "model/state.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/opt.h"

static int	help_run(struct ctx *, void *, int, char **);

struct help_opts {
	const char	*list;
};

static const struct opt help_opts[] = {
	OPT_STRING(0, "list", struct help_opts, list, "LIST",
	    "print one of the lists the completion reads"),
	OPT_END
};

static const char *const help_usage[] = {
	"scalec help [COMMAND]",
	NULL
};

static const struct cmd_sub help_sub = {
	.operands = "[COMMAND]", .scope = CMD_NO_STORE, .opts = help_opts,
	.size = sizeof(struct help_opts), .run = help_run,
};

static const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.summary = "show help for scalec or one command",
	.usage = help_usage,
	.subs = &help_sub,
	.nsubs = 1,
};

/* Sorted by name. */
static const struct cmd_entry *const commands[] = {
	&cmd_annotate_entry,
	&cmd_backup_entry,
	&cmd_demo_entry,
	&cmd_export_entry,
	&cmd_file_entry,
	&cmd_help_entry,
	&cmd_import_entry,
	&cmd_init_entry,
	&cmd_log_entry,
	&cmd_member_entry,
	&cmd_project_entry,
	&cmd_user_entry,
	&cmd_whoami_entry,
};

static const char *const main_usage[] = {
	"scalec [--db FILE] [--as USER] COMMAND [ARGS]",
	"       scalec --version | --help | help COMMAND",
	NULL
};

const struct cmd_entry *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void
print_main_help(FILE *f)
{
	size_t	i;

	usage_print(f, main_usage, NULL, 0);
	fprintf(f, "\nglobal options (before the command):\n"
	    "    --db FILE       the database (else SCALEC_DB, the config, or"
	    " the default)\n"
	    "    --as USER       act as USER (admins only)\n"
	    "    --version       print the version\n"
	    "\ncommands:\n");
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "    %-10s %s%s%s\n", commands[i]->name,
		    commands[i]->summary, commands[i]->formats ? " " : "",
		    commands[i]->formats ? format_names(commands[i]->formats,
		    " or ") : "");
	fprintf(f, "\n'scalec COMMAND --help' or 'man scalec-COMMAND' tells"
	    " more.\n");
}

/*
 * The lists the bash completion (and scripts) read, one name a line, from
 * the tables themselves: "scalec help --list types" and so on. Not in the
 * usage: it is for the completion.
 */
static void
list_commands(void)
{
	size_t	i;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("%s\n", commands[i]->name);
}

/* "project create" and so on: each command's subcommands, from the
 * entries, for the completion to offer after the command. */
static void
list_subcommands(void)
{
	size_t	i, j;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		for (j = 0; j < commands[i]->nsubs; j++)
			if (commands[i]->subs[j].name != NULL)
				printf("%s %s\n", commands[i]->name,
				    commands[i]->subs[j].name);
}

static void
list_types(void)
{
	const struct project_type	*t;
	size_t				 i, n;

	t = project_types(&n);
	for (i = 0; i < n; i++)
		printf("%s\n", t[i].name);
}

static void
list_kinds(void)
{
	int	k;

	for (k = 0; k < CONTROL__COUNT; k++)
		printf("%s\n", control_kind_name(k));
}

static void
list_states(void)
{
	int	s;

	for (s = ANN_NONE + 1; s < ANN__COUNT; s++)
		printf("%s\n", annotation_state_name(s));
}

static void
list_statuses(void)
{
	int	s;

	for (s = 0; s < TASK__COUNT; s++)
		printf("%s\n", task_status_name(s));
}

static void
list_roles(void)
{
	int	r;

	for (r = ROLE_ADMIN; r >= ROLE_ANNOTATOR; r--)
		printf("%s\n", role_name(r));
}

static void
list_colours(void)
{
	int	c;

	for (c = 0; c < COLOUR__COUNT; c++)
		printf("%s\n", colour_name(c));
}

/* The formats with all of flags: what import reads, export writes. */
static void
list_formats_with(int flags)
{
	const struct format	*fmt;
	size_t			 i;

	for (i = 0; (fmt = format_at(i)) != NULL; i++)
		if ((fmt->flags & flags) == flags)
			printf("%s\n", fmt->name);
}

static void
list_formats(void)
{
	list_formats_with(0);
}

static void
list_formats_read(void)
{
	list_formats_with(FORMAT_READS);
}

static void
list_formats_write(void)
{
	list_formats_with(FORMAT_WRITES);
}

static const struct {
	const char	*name;
	void		(*print)(void);
} lists[] = {
	{ "colours", list_colours },
	{ "commands", list_commands },
	{ "formats", list_formats },
	{ "formats-read", list_formats_read },
	{ "formats-write", list_formats_write },
	{ "kinds", list_kinds },
	{ "roles", list_roles },
	{ "states", list_states },
	{ "statuses", list_statuses },
	{ "subcommands", list_subcommands },
	{ "types", list_types },
};

static int
print_list(const char *name)
{
	struct buf	known = BUF_INIT;
	size_t		i;

	for (i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strcmp(lists[i].name, name) == 0) {
			lists[i].print();
			return 0;
		}
	for (i = 0; i < sizeof lists / sizeof lists[0]; i++)
		buf_printf(&known, "%s%s", i > 0 ? ", " : "", lists[i].name);
	error("help --list: no list '%s' (%s)", name, buf_str(&known));
	buf_release(&known);
	return EXIT_USAGE;
}

static int
help_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct help_opts	*o = opts;
	const struct cmd_entry	*cmd;

	(void)c;
	if (o->list != NULL) {
		if (argc > 0)
			cmd_usage_die(c, "help --list takes no COMMAND");
		return print_list(o->list);
	}
	/* "help help" is the help for all of scalec. */
	if (argc == 0 || strcmp(argv[0], "help") == 0) {
		print_main_help(stdout);
		return 0;
	}
	if ((cmd = cmd_find(argv[0])) == NULL) {
		error("'%s' is not a scalec command; see 'scalec help'",
		    argv[0]);
		return EXIT_USAGE;
	}
	cmd_help(cmd, stdout);
	return 0;
}

/* Widths and offsets need a UTF-8 LC_CTYPE; fall back to C.UTF-8. */
static void
init_locale(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

int
main(int argc, char **argv)
{
	struct ctx		 c = { 0 };
	const struct cmd_entry	*cmd;
	int			 i, rc;

	init_locale();
	c.me = (struct user)USER_INIT;
	c.real = (struct user)USER_INIT;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--version") == 0) {
			printf("scalec %s\n", PACKAGE_VERSION);
			return 0;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_main_help(stdout);
			return 0;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "--as") == 0) {
			if (i + 1 >= argc) {
				error("option '%s' needs a value", a);
				return EXIT_USAGE;
			}
			if (a[2] == 'd')
				c.db_opt = argv[++i];
			else
				c.as_opt = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0)
			c.db_opt = a + 5;
		else if (strncmp(a, "--as=", 5) == 0)
			c.as_opt = a + 5;
		else {
			error("unknown option '%s' (global options go before"
			    " the command)", a);
			usage_print(stderr, main_usage, NULL, 0);
			return EXIT_USAGE;
		}
		if ((c.db_opt != NULL && *c.db_opt == '\0') ||
		    (c.as_opt != NULL && *c.as_opt == '\0')) {
			error("option '%.4s' needs a value, not an empty one",
			    a);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		print_main_help(stderr);
		return EXIT_USAGE;
	}
	if ((cmd = cmd_find(argv[i])) == NULL) {
		error("'%s' is not a scalec command; see 'scalec help'",
		    argv[i]);
		return EXIT_USAGE;
	}
	rc = cmd_run(&c, cmd, argc - i, argv + i);
	ctx_release(&c);
	errno = 0;
	fflush(stdout);
	if (output_failed(stdout)) {
		/* A reader that stopped early (head) is not an error to
		 * report; the exit says the output was not all taken. */
		if (!output_reader_gone())
			error("writing the output failed");
		return EXIT_FAILURE_DATA;
	}
	return rc;
}
