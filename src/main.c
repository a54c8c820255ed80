/* scalec: global options, the sorted command table, and dispatch. Command
 * names are exact: no prefix guessing, so adding a command never breaks a
 * script. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
#include "util/suggest.h"
#include "util/priv.h"

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
	&cmd_agreement_entry,
	&cmd_annotate_entry,
	&cmd_backup_entry,
	&cmd_demo_entry,
	&cmd_doctor_entry,
	&cmd_export_entry,
	&cmd_file_entry,
	&cmd_help_entry,
	&cmd_import_entry,
	&cmd_inbox_entry,
	&cmd_init_entry,
	&cmd_log_entry,
	&cmd_member_entry,
	&cmd_migrate_entry,
	&cmd_project_entry,
	&cmd_review_entry,
	&cmd_stats_entry,
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

/* Refuses a name that is no command, with the nearest commands. */
static int
no_command(const char *name)
{
	struct suggest	s;
	struct buf	b = BUF_INIT;
	size_t		i;

	suggest_init(&s, name);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		suggest_add(&s, commands[i]->name);
	if (!suggest_text(&s, &b))
		buf_addstr(&b, "see 'scalec help'");
	error("'%s' is not a scalec command; %s", name, buf_str(&b));
	suggest_release(&s);
	buf_release(&b);
	return EXIT_USAGE;
}

/* Refuses an option before the command that is no global one, with the
 * nearest global options. */
static int
no_global(const char *a)
{
	const struct opt_global	*g;
	struct suggest		 s;
	struct buf		 b = BUF_INIT, name = BUF_INIT;
	size_t			 len = strcspn(a, "=");

	buf_add(&name, a, len);
	suggest_init(&s, buf_str(&name));
	for (g = opt_globals; g->name != NULL; g++) {
		buf_reset(&b);
		buf_printf(&b, "--%s", g->name);
		suggest_add(&s, buf_str(&b));
	}
	suggest_add(&s, "--help");
	buf_reset(&b);
	if (!suggest_text(&s, &b))
		buf_addstr(&b, "global options go before the command");
	error("unknown option '%s'; %s", buf_str(&name), buf_str(&b));
	usage_print(stderr, main_usage, NULL, 0);
	suggest_release(&s);
	buf_release(&b);
	buf_release(&name);
	return EXIT_USAGE;
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

static void
list_demos(void)
{
	const char	*name;
	size_t		 i;

	for (i = 0; (name = cmd_demo_project(i)) != NULL; i++)
		printf("%s\n", name);
}

/*
 * What a value or an operand is, for the completion, from the word that
 * names it (an option's FILE, an operand's PROJECT or [COMMAND]): a list
 * of this table's, or projects, users and files, which the completion
 * reads itself. NULL for a value it cannot know (a number, a time, a new
 * name).
 */
static const struct {
	const char	*word;
	const char	*kind;
} value_kinds[] = {
	{ "COMMAND", "commands" },
	{ "FILE", "files" },
	{ "LIST", "lists" },
	{ "PATH", "files" },
	{ "PROJECT", "projects" },
	{ "ROLE", "roles" },
	{ "STATE", "states" },
	{ "STATUS", "statuses" },
	{ "TYPE", "types" },
	{ "USER", "users" },
};

static const char *
word_kind(const char *w, size_t len)
{
	size_t	i;

	if (len > 0 && *w == '[') {
		w++;
		len -= len > 1 && w[len - 2] == ']' ? 2 : 1;
	}
	if (len >= 3 && memcmp(w + len - 3, "...", 3) == 0)
		len -= 3;
	for (i = 0; i < sizeof value_kinds / sizeof value_kinds[0]; i++)
		if (strlen(value_kinds[i].word) == len &&
		    memcmp(value_kinds[i].word, w, len) == 0)
			return value_kinds[i].kind;
	return NULL;
}

/* "-" for a flag, else what its value is (word_kind, or "value"). */
static const char *
opt_kind(const struct opt *o)
{
	const char	*k;

	if (o->type == OPT__FLAG)
		return "-";
	if (o->parse == cmd_parse_format_read)
		return "formats-read";
	if (o->parse == cmd_parse_format_write)
		return "formats-write";
	k = o->argname != NULL ? word_kind(o->argname, strlen(o->argname)) :
	    NULL;
	return k != NULL ? k : "value";
}

static void
print_opts(const char *cmd, const char *sub, const struct opt *o)
{
	for (; o != NULL && o->type != OPT__END; o++) {
		printf("%s %s --%s %s\n", cmd, sub, o->name, opt_kind(o));
		if (o->letter)
			printf("%s %s -%c %s\n", cmd, sub, o->letter,
			    opt_kind(o));
	}
}

/* "COMMAND SUBCOMMAND OPTION KIND" for every option of every subcommand
 * ("-" for a command's own run, "- -" for the global options), --help
 * included: the completion offers them and what their values are. */
static void
list_options(void)
{
	const struct opt_global	*g;
	const struct cmd_sub	*s;
	const char		*k;
	size_t			 i, j;

	for (g = opt_globals; g->name != NULL; g++) {
		k = g->argname != NULL ? word_kind(g->argname,
		    strlen(g->argname)) : "-";
		printf("- - --%s %s\n", g->name, k != NULL ? k : "value");
	}
	printf("- - --help -\n");
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		for (j = 0; j < commands[i]->nsubs; j++) {
			s = &commands[i]->subs[j];
			k = s->name != NULL ? s->name : "-";
			print_opts(commands[i]->name, k, s->opts);
			if (s->scope == CMD_TASKS)
				print_opts(commands[i]->name, k,
				    cmd_task_opts);
			printf("%s %s --help -\n", commands[i]->name, k);
		}
}

/* "COMMAND SUBCOMMAND KIND..." for every subcommand, a kind for each of
 * its operands in order ("value" for one the completion cannot know; a
 * last kind ending in "..." repeats). Operand 0 of a CMD_PROJECT is a
 * project whatever its word; a project where there is no store is the
 * demo's. */
static void
list_operands(void)
{
	const struct cmd_sub	*s;
	const char		*p, *w, *k;
	size_t			 i, j, n;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		for (j = 0; j < commands[i]->nsubs; j++) {
			s = &commands[i]->subs[j];
			printf("%s %s", commands[i]->name, s->name != NULL ?
			    s->name : "-");
			p = s->operands != NULL ? s->operands : "";
			for (n = 0; *p != '\0'; n++) {
				while (*p == ' ')
					p++;
				if (*p == '\0')
					break;
				for (w = p; *p != '\0' && *p != ' '; p++)
					;
				k = n == 0 && s->scope == CMD_PROJECT ?
				    "projects" : word_kind(w, (size_t)(p - w));
				if (k != NULL && s->scope == CMD_NO_STORE &&
				    strcmp(k, "projects") == 0)
					k = "demos";
				printf(" %s%s", k != NULL ? k : "value",
				    memmem(w, (size_t)(p - w), "...", 3) !=
				    NULL ? "..." : "");
			}
			printf("\n");
		}
}

static void	list_lists(void);

static const struct {
	const char	*name;
	void		(*print)(void);
} lists[] = {
	{ "colours", list_colours },
	{ "commands", list_commands },
	{ "demos", list_demos },
	{ "formats", list_formats },
	{ "formats-read", list_formats_read },
	{ "formats-write", list_formats_write },
	{ "kinds", list_kinds },
	{ "lists", list_lists },
	{ "operands", list_operands },
	{ "options", list_options },
	{ "roles", list_roles },
	{ "states", list_states },
	{ "statuses", list_statuses },
	{ "subcommands", list_subcommands },
	{ "types", list_types },
};

static void
list_lists(void)
{
	size_t	i;

	for (i = 0; i < sizeof lists / sizeof lists[0]; i++)
		printf("%s\n", lists[i].name);
}

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
	if ((cmd = cmd_find(argv[0])) == NULL)
		return no_command(argv[0]);
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

/*
 * Every way out (a return from main, exit() after --help or a usage
 * error) passes here: output that could not all be written (a full disk,
 * /dev/full, a closed stdout) is a failure, exit 1, whatever the command
 * thought. A pipe closed by its reader stops scalec by SIGPIPE first, or
 * where SIGPIPE is ignored, exits 1 without a message.
 */
static void
check_stdout(void)
{
	int	bad = ferror(stdout);

	errno = 0;
	if (fflush(stdout) != EOF) {
		if (!bad)
			return;
		errno = 0;	/* the reason went with the earlier write */
	}
	/* A reader that stopped early (head, with SIGPIPE ignored) is not an
	 * error to report; the exit says the output was not all taken. */
	if (output_failed(stdout) && !output_reader_gone())
		error("writing the output failed%s%s", errno != 0 ? ": " :
		    "", errno != 0 ? strerror(errno) : "");
	_exit(EXIT_FAILURE_DATA);
}

int
main(int argc, char **argv)
{
	struct ctx		 c = { 0 };
	const struct cmd_entry	*cmd;
	int			 i, rc;

	/* Before anything reads a file or the environment. */
	if (priv_init() == -1)
		return EXIT_FAILURE_DATA;
	init_locale();
	atexit(check_stdout);
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
		else
			return no_global(a);
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
	if ((cmd = cmd_find(argv[i])) == NULL)
		return no_command(argv[i]);
	rc = cmd_run(&c, cmd, argc - i, argv + i);
	ctx_release(&c);
	return rc;
}
