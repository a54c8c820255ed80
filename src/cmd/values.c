/* The values several commands' options take, parsed where the option is
 * read (util/opt.h OPT_PARSE), so a bad one is refused before anything is
 * opened, with the same words in every command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "formats/format.h"
#include "model/role.h"
#include "model/state.h"

int
cmd_parse_role(const char *arg, void *dst, char *err, size_t errlen)
{
	enum role	r;

	if ((r = role_from_name(arg)) == ROLE_NONE) {
		snprintf(err, errlen, "'%s' is not a role (%s)", arg,
		    role_names());
		return -1;
	}
	*(enum role *)dst = r;
	return 0;
}

/* A format of the table with all of flags in *dst; NULL if none. */
static const struct format *
find_format(const char *arg, void *dst, int flags)
{
	const struct format	*fmt = format_find(arg);

	if (fmt == NULL || (fmt->flags & flags) != flags)
		return NULL;
	return *(const struct format **)dst = fmt;
}

int
cmd_parse_format_read(const char *arg, void *dst, char *err, size_t errlen)
{
	if (find_format(arg, dst, FORMAT_READS) != NULL)
		return 0;
	/* A format that only writes is as unknown to import. */
	snprintf(err, errlen, "unknown format '%s' (%s)", arg,
	    format_names(FORMAT_READS, ", "));
	return -1;
}

int
cmd_parse_format_write(const char *arg, void *dst, char *err, size_t errlen)
{
	if (find_format(arg, dst, FORMAT_WRITES) != NULL)
		return 0;
	snprintf(err, errlen, "export writes %s, not '%s'",
	    format_names(FORMAT_WRITES, " or "), arg);
	return -1;
}

int
cmd_parse_state(const char *arg, void *dst, char *err, size_t errlen)
{
	if (annotation_state_from_name(arg) == ANN_NONE) {
		snprintf(err, errlen, "unknown state '%s' (%s)", arg,
		    ANNOTATION_STATE_NAMES);
		return -1;
	}
	*(const char **)dst = arg;
	return 0;
}

const char *
cmd_format_read_help(void)
{
	static char	help[256];

	snprintf(help, sizeof help, "%s (default: guessed from the name and"
	    " the first record; refused when unsure)",
	    format_names(FORMAT_READS, " or "));
	return help;
}

const char *
cmd_format_write_help(void)
{
	static char	help[256];

	snprintf(help, sizeof help, "%s (default: -o's extension, refused"
	    " when no format has it; none or -: %s)",
	    format_names(FORMAT_WRITES, " or "), format_jsonl.name);
	return help;
}
