/* CSV (RFC 4180) and TSV: a header row names the columns, matched
 * without regard to case: a "text" or an "image" column (both: a row with
 * an image is an image task; --text-column and --id-column name others),
 * an optional "id" (the task's own id), "priority" (a whole number) and
 * "task" (the number an export wrote, which names nothing here and is
 * passed over), and every other column goes into the task's meta as a
 * string. A header with an "annotations" column is scalec's task layout:
 * then "width", "height", "meta", "tokens", "predictions", "annotations"
 * and "final_answer" hold what the JSONL keys of those names hold, as JSON,
 * and the row is read as that JSONL line would be (record_from_object).
 * Quoted fields may hold the separator, doubled quotes and line breaks (a
 * CRLF inside quotes is kept, as RFC 4180 says); TSV takes the same
 * quoting. The separator is sniffed from the header line (',' ';' or a
 * tab, the most of them outside quotes; a tie or none: the format's own)
 * unless --delimiter gives it. Blank lines between records are skipped; a
 * byte-order mark is ignored.
 *
 * Export writes a row per task by default (--csv-layout task: the columns
 * above, which import reads back), or a row per annotation (--csv-layout
 * annotation: a task without any gets one row), with a column per control
 * of the project's config, its cell made from the typed answer
 * (model/answer.h), not from the stored JSON.
 *
 * The formula guard (OWASP's CSV injection rule): a cell that starts with
 * '=', '+', '-', '@', a tab or a CR, after any run of "'", is written with
 * one "'" before it, so that a spreadsheet shows it as text; import takes
 * one "'" off such a cell, so that export | import gives back the same
 * bytes ("'=x" goes out as "''=x"). --csv-raw turns both off. csv and tsv
 * are one implementation: their rows' data is the dialect (separator and
 * line end). */
#include <limits.h>
#include <strings.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "model/answer.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/jsonw.h"
#include "util/opt.h"
#include "util/xmalloc.h"

/* What tells csv and tsv apart. */
struct dialect {
	char		 sep;		/* between fields */
	const char	*eol;		/* after a row, when writing */
};

static const struct dialect	comma = { ',', "\r\n" };
static const struct dialect	tab = { '\t', "\n" };

/* The columns scalec's task layout adds to those every CSV may have; in
 * a file without an "annotations" column they are columns of meta. */
enum task_column {
	TC_WIDTH,
	TC_HEIGHT,
	TC_META,
	TC_TOKENS,
	TC_PREDICTIONS,
	TC_ANNOTATIONS,
	TC_FINAL,
	TC_N
};

static const char *const task_column_names[TC_N] = {
	"width", "height", "meta", "tokens", "predictions", "annotations",
	"final_answer"
};

/* A CSV reader's own state (r->priv). */
struct csv {
	const struct dialect	*d;
	char			 sep;		/* the file's separator */
	int			 raw;		/* no formula guard */
	char			*pending;	/* the header's first line, read
						 * by the sniffer; or NULL */
	size_t			 pending_len;
	int			 pending_cr;
	int			 cr;		/* the last line ended "\r\n" */
	struct buf		 field;		/* the record's fields */
	size_t			*offs;		/* field starts in field */
	size_t			 noffs, aoffs;
	char			**header;	/* column names */
	size_t			 ncols;
	int			 text_col, image_col, id_col;
	int			 task_col, priority_col;
	int			 task_layout;	/* an "annotations" column */
	int			 tcol[TC_N];	/* its columns, or -1 */
};

/* 1 when the formula guard applies to a cell that starts at s: after a
 * run of "'", one of = + - @ TAB CR. */
static int
guarded(const char *s, size_t len)
{
	size_t	i = 0;

	while (i < len && s[i] == '\'')
		i++;
	return i < len && strchr("=+-@\t\r", s[i]) != NULL && s[i] != '\0';
}

/* Ends the current field. */
static void
field_end(struct csv *c)
{
	buf_addch(&c->field, '\0');
}

static void
field_start(struct csv *c)
{
	ARRAY_GROW(c->offs, c->noffs + 1, c->aoffs);
	c->offs[c->noffs++] = c->field.len;
}

/* Field i of the current record, and its length. */
static const char *
field(const struct csv *c, size_t i, size_t *len)
{
	size_t	end = i + 1 < c->noffs ? c->offs[i + 1] : c->field.len;

	const char	*s = c->field.data + c->offs[i];

	*len = end - c->offs[i] - 1;
	/* The guard's "'" off again (an export's "''=x" is "'=x"). */
	if (!c->raw && *len > 1 && *s == '\'' && guarded(s, *len)) {
		--*len;
		return s + 1;
	}
	return s;
}

/* One physical line, checked, without its '\r' (c->cr says there was
 * one: inside quotes it is the field's). */
static int
next_line(struct reader *r, char **line, size_t *len)
{
	struct csv	*c = r->priv;
	int		 rc;

	if ((rc = linereader_next(&r->lr, line, len)) != 1)
		return rc;
	c->cr = *len > 0 && (*line)[*len - 1] == '\r';
	if (c->cr)
		(*line)[--*len] = '\0';
	if (format_check_text(r->name, r->lr.lineno, *line, *len) == -1)
		return -1;
	return 1;
}

/*
 * Reads one record into c->field (the fields NUL-terminated, their starts
 * in c->offs). Returns 1 with the first line in *start, 0 at the end, -1
 * after reporting.
 */
static int
csv_record(struct reader *r, unsigned long *start)
{
	struct csv	*c = r->priv;
	char		*line, *p, *end, *q;
	size_t		 len;
	int		 rc;

	buf_reset(&c->field);
	c->noffs = 0;
	if (c->pending != NULL) {
		line = c->pending;
		len = c->pending_len;
		c->cr = c->pending_cr;
		c->pending = NULL;
	} else {
		do {
			if ((rc = next_line(r, &line, &len)) != 1)
				return rc;
		} while (len == 0);
	}
	*start = r->lr.lineno;
	p = line;
	end = line + len;
	for (;;) {
		field_start(c);
		if (p < end && *p == '"') {
			p++;
			for (;;) {
				if ((q = memchr(p, '"', (size_t)(end - p)))
				    == NULL) {
					/* It goes on on the next line. */
					buf_add(&c->field, p,
					    (size_t)(end - p));
					if (c->cr)
						buf_addch(&c->field, '\r');
					buf_addch(&c->field, '\n');
					if (c->field.len > r->lr.max)
						return error("%s:%lu: the"
						    " record is longer than"
						    " the limit",
						    r->name, *start);
					if ((rc = next_line(r, &line, &len))
					    == -1)
						return -1;
					if (rc == 0)
						return error("%s:%lu: a quoted"
						    " field is never closed",
						    r->name, *start);
					p = line;
					end = line + len;
					continue;
				}
				buf_add(&c->field, p, (size_t)(q - p));
				p = q + 1;
				if (p < end && *p == '"') {
					buf_addch(&c->field, '"');
					p++;
					continue;
				}
				break;
			}
			if (p < end && *p != c->sep)
				return error("%s:%lu: text after a closing"
				    " quote (a quote inside a quoted field is"
				    " written \"\")", r->name, r->lr.lineno);
		} else {
			q = memchr(p, c->sep, (size_t)(end - p));
			if (q == NULL)
				q = end;
			buf_add(&c->field, p, (size_t)(q - p));
			p = q;
		}
		field_end(c);
		if (p >= end)
			return 1;
		p++;	/* the separator; a field follows, maybe empty */
	}
}

static void
csv_close(struct reader *r)
{
	struct csv	*c = r->priv;
	size_t		 i;

	if (c == NULL)
		return;
	buf_release(&c->field);
	free(c->offs);
	for (i = 0; i < c->ncols; i++)
		free(c->header[i]);
	free(c->header);
	free(c);
	r->priv = NULL;
}

/* The separator of a header line: the one of ',' ';' TAB found most
 * often outside quotes; on a tie, or when there is none, own. */
static char
sniff(const char *line, size_t len, char own)
{
	static const char	cand[] = { ',', ';', '\t' };
	size_t			n[3] = { 0, 0, 0 }, i, k, best = 0;
	int			quoted = 0;

	for (i = 0; i < len; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			for (k = 0; k < ARRAY_SIZE(cand); k++)
				n[k] += line[i] == cand[k];
	}
	for (k = 0; k < ARRAY_SIZE(cand); k++)
		if (cand[k] == own)
			best = k;
	for (k = 0; k < ARRAY_SIZE(cand); k++)
		if (n[k] > n[best])
			best = k;
	return n[best] > 0 ? cand[best] : own;
}

/* The header's names, for a message: "id, body, lang" (escaped where
 * shown, as every message is). Caller releases. */
static void
header_list(const struct csv *c, struct buf *b)
{
	size_t	i;

	for (i = 0; i < c->ncols && b->len < 200; i++)
		buf_printf(b, "%s\"%s\"", i > 0 ? ", " : "", c->header[i]);
	if (i < c->ncols)
		buf_printf(b, ", ... (%zu columns)", c->ncols);
}

/* Gives column i the role *slot (a column index or -1) names, refusing a
 * second column for it. 0, or -1 after reporting. */
static int
take_column(struct reader *r, unsigned long line, int *slot, size_t i)
{
	struct csv	*c = r->priv;

	if (*slot != -1)
		return error("%s:%lu: the header names column \"%s\" twice"
		    " (as \"%s\" too: names are matched without regard to"
		    " case)", r->name, line, c->header[i],
		    c->header[*slot]);
	*slot = (int)i;
	return 0;
}

/* Which of the columns a CSV reads is column i (named s), by name
 * without regard to case, or --text-column's and --id-column's. */
static int
column_role(struct reader *r, unsigned long line, size_t i, const char *s)
{
	struct csv		*c = r->priv;
	const struct reader_opts *o = &r->opts;
	size_t			 k;

	if (o->text_column != NULL ? strcasecmp(s, o->text_column) == 0 :
	    strcasecmp(s, "text") == 0)
		return take_column(r, line, &c->text_col, i);
	if (o->id_column != NULL ? strcasecmp(s, o->id_column) == 0 :
	    strcasecmp(s, "id") == 0)
		return take_column(r, line, &c->id_col, i);
	if (strcasecmp(s, "image") == 0)
		return take_column(r, line, &c->image_col, i);
	if (strcasecmp(s, "task") == 0)
		return take_column(r, line, &c->task_col, i);
	if (strcasecmp(s, "priority") == 0)
		return take_column(r, line, &c->priority_col, i);
	for (k = 0; k < TC_N; k++)
		if (strcasecmp(s, task_column_names[k]) == 0)
			return take_column(r, line, &c->tcol[k], i);
	return 0;
}

/* A header that lacks a column it needs: FILE:LINE, what, and the
 * header as read. -1. */
static int
no_column(struct reader *r, unsigned long line, const char *what)
{
	struct buf	b = BUF_INIT;

	header_list(r->priv, &b);
	error("%s:%lu: %s; the header has %s (read with '%s' between"
	    " columns: --delimiter gives another)", r->name, line, what,
	    buf_str(&b), ((struct csv *)r->priv)->sep == '\t' ? "\\t" :
	    ((struct csv *)r->priv)->sep == ';' ? ";" : ",");
	buf_release(&b);
	return -1;
}

/* Reads the header row: the separator first (sniffed from its first
 * line, or --delimiter), then the columns. */
static int
csv_open(struct reader *r)
{
	struct csv	*c;
	unsigned long	 line;
	const char	*s;
	char		*first;
	size_t		 i, j, k, len;
	int		 rc;

	r->priv = c = xcalloc(1, sizeof *c);
	c->d = r->fmt->data;
	c->sep = c->d->sep;
	c->raw = r->opts.csv_raw;
	c->text_col = c->image_col = c->id_col = -1;
	c->task_col = c->priority_col = -1;
	for (k = 0; k < TC_N; k++)
		c->tcol[k] = -1;
	do {
		if ((rc = next_line(r, &first, &len)) != 1)
			return rc == 0 ? error("%s: empty: there are no tasks"
			    " in it", r->name) : -1;
	} while (len == 0);
	c->pending = first;
	c->pending_len = len;
	c->pending_cr = c->cr;
	c->sep = r->opts.delimiter != '\0' ? r->opts.delimiter :
	    sniff(first, len, c->d->sep);
	if ((rc = csv_record(r, &line)) != 1)
		return rc == 0 ? error("%s: empty: there are no tasks in it",
		    r->name) : -1;
	c->ncols = c->noffs;
	c->header = xcalloc(c->ncols, sizeof *c->header);
	for (i = 0; i < c->ncols; i++) {
		s = field(c, i, &len);
		c->header[i] = xstrdup(s);
		for (j = 0; j < i; j++)
			if (strcmp(c->header[j], s) == 0)
				return error("%s:%lu: the header names column"
				    " '%s' twice", r->name, line, s);
		if (column_role(r, line, i, s) == -1)
			return -1;
	}
	/* Without "annotations" it is no task layout: the other names
	 * of one are columns of meta as any. */
	c->task_layout = c->tcol[TC_ANNOTATIONS] != -1;
	if (!c->task_layout)
		for (k = 0; k < TC_N; k++)
			c->tcol[k] = -1;
	if (r->opts.text_column != NULL && c->text_col == -1)
		return no_column(r, line, "--text-column names no column of"
		    " it");
	if (r->opts.id_column != NULL && c->id_col == -1)
		return no_column(r, line, "--id-column names no column of it");
	if (c->text_col == -1 && c->image_col == -1)
		return no_column(r, line, "the header row needs a \"text\" or"
		    " an \"image\" column (or --text-column NAME)");
	return 0;
}

/* 1 when column i is one of those csv_read takes itself. */
static int
own_column(const struct csv *c, size_t i)
{
	size_t	k;

	if ((int)i == c->text_col || (int)i == c->image_col ||
	    (int)i == c->id_col || (int)i == c->task_col ||
	    (int)i == c->priority_col)
		return 1;
	for (k = 0; k < TC_N; k++)
		if ((int)i == c->tcol[k])
			return 1;
	return 0;
}

/* The "task" and "priority" cells, checked: 0, or -1 after reporting. A
 * priority given is in *prio and *has. */
static int
number_cells(struct reader *r, unsigned long line, long *prio, int *has)
{
	struct csv	*c = r->priv;
	const char	*s;
	size_t		 len;
	long		 n;

	*has = 0;
	if (c->task_col != -1 && (s = field(c, (size_t)c->task_col, &len),
	    len > 0) && opt_number(s, 1, LONG_MAX, &n) == -1)
		return error("%s:%lu: \"task\" is the task number an export"
		    " writes, a whole number; a column of your own needs"
		    " another name", r->name, line);
	if (c->priority_col != -1 && (s = field(c, (size_t)c->priority_col,
	    &len), len > 0)) {
		if (opt_number(s, -RECORD_PRIORITY_MAX, RECORD_PRIORITY_MAX,
		    prio) == -1)
			return error("%s:%lu: \"priority\" must be a whole"
			    " number from %lld to %lld (higher is labelled"
			    " first), not '%s'", r->name, line,
			    -RECORD_PRIORITY_MAX, RECORD_PRIORITY_MAX, s);
		*has = 1;
	}
	return 0;
}

/*
 * A row of the task layout, as the JSONL line with the same keys: the
 * JSON cells parsed, the other columns into meta (meta's own keys win,
 * as they do over a JSONL line's other keys), then record_from_object.
 */
static int
task_row(struct reader *r, struct record *rec, long prio, int has_prio)
{
	struct csv	*c = r->priv;
	json_error_t	 err;
	json_t		*obj, *extra = NULL, *v, *meta;
	const char	*s, *k;
	size_t		 i, t, len;

	r->obj = obj = json_object();
	if (c->image_col != -1 && (s = field(c, (size_t)c->image_col, &len),
	    len > 0))
		json_object_set_new(obj, "image", json_stringn(s, len));
	else if (c->text_col != -1) {
		s = field(c, (size_t)c->text_col, &len);
		json_object_set_new(obj, "text", json_stringn(s, len));
	}
	if (c->id_col != -1 && (s = field(c, (size_t)c->id_col, &len), len > 0))
		json_object_set_new(obj, "id", json_stringn(s, len));
	if (has_prio)
		json_object_set_new(obj, "priority", json_integer(prio));
	for (t = 0; t < TC_N; t++) {
		if (c->tcol[t] == -1 || (s = field(c, (size_t)c->tcol[t],
		    &len), len == 0))
			continue;
		if ((v = json_loadb(s, len, JSON_DECODE_ANY |
		    JSON_REJECT_DUPLICATES, &err)) == NULL)
			return error("%s:%lu: the \"%s\" cell is not JSON: %s",
			    r->name, rec->line, task_column_names[t],
			    err.text);
		json_object_set_new(obj, task_column_names[t], v);
	}
	for (i = 0; i < c->ncols; i++) {
		if (own_column(c, i))
			continue;
		if (extra == NULL)
			extra = json_object();
		s = field(c, i, &len);
		json_object_set_new(extra, c->header[i], json_stringn(s, len));
	}
	if (extra != NULL) {
		meta = json_object_get(obj, "meta");
		if (meta == NULL || json_is_null(meta))
			json_object_set(obj, "meta", extra);
		else if (json_is_object(meta))
			json_object_foreach(extra, k, v)
				if (json_object_get(meta, k) == NULL)
					json_object_set(meta, k, v);
		json_decref(extra);
	}
	return record_from_object(r, obj, rec) == -1 ? -1 : 1;
}

static int
csv_read(struct reader *r, struct record *rec)
{
	struct csv	*c = r->priv;
	const char	*s;
	size_t		 i, len;
	long		 prio = 0;
	int		 rc, has_prio;

	if ((rc = csv_record(r, &rec->line)) != 1)
		return rc;
	if (c->noffs != c->ncols)
		return error("%s:%lu: %zu field%s, but the header has %zu"
		    " column%s", r->name, rec->line, c->noffs,
		    c->noffs == 1 ? "" : "s", c->ncols,
		    c->ncols == 1 ? "" : "s");
	if (number_cells(r, rec->line, &prio, &has_prio) == -1)
		return -1;
	if (c->image_col != -1 && c->text_col == -1 &&
	    (s = field(c, (size_t)c->image_col, &len), len == 0))
		return error("%s:%lu: the \"image\" field is empty", r->name,
		    rec->line);
	if (c->task_layout)
		return task_row(r, rec, prio, has_prio);
	if (c->image_col != -1 && (s = field(c, (size_t)c->image_col, &len),
	    len > 0))
		rec->image = s;
	else
		rec->text = field(c, (size_t)c->text_col, &rec->text_len);
	if (c->id_col != -1 && (s = field(c, (size_t)c->id_col, &len), len > 0))
		rec->ext_id = s;
	rec->has_priority = has_prio;
	rec->priority = prio;
	for (i = 0; i < c->ncols; i++) {
		if (own_column(c, i))
			continue;
		if (r->meta == NULL)
			r->meta = json_object();
		s = field(c, i, &len);
		json_object_set_new(r->meta, c->header[i],
		    json_stringn(s, len));
	}
	rec->meta = r->meta;
	return 1;
}

/* Writes one field, quoted when it must be, with the formula guard's "'"
 * unless --csv-raw, and what follows it: the row is kept until its last
 * field. */
static void
put_field(struct writer *w, const char *s, int last)
{
	static struct buf	 row;
	const struct dialect	*d = w->fmt->data;
	const char		*p, *q;
	int			 guard;

	if (s == NULL)
		s = "";
	guard = !w->opts.csv_raw && guarded(s, strlen(s));
	if (strpbrk(s, "\"\r\n") == NULL && strchr(s, d->sep) == NULL) {
		if (guard)
			buf_addch(&row, '\'');
		buf_addstr(&row, s);
	} else {
		buf_addch(&row, '"');
		if (guard)
			buf_addch(&row, '\'');
		for (p = s; (q = strchr(p, '"')) != NULL; p = q + 1) {
			buf_add(&row, p, (size_t)(q - p + 1));
			buf_addch(&row, '"');
		}
		buf_addstr(&row, p);
		buf_addch(&row, '"');
	}
	/* A row goes out whole, in one write; a failed one leaves the
	 * stream's error set, which the callers check. */
	if (!last) {
		buf_addch(&row, d->sep);
		return;
	}
	buf_addstr(&row, d->eol);
	fwrite(row.data, 1, row.len, w->f);
	buf_reset(&row);
}

/* The project's controls, a column each. */
static size_t
ncontrols(const struct writer *w)
{
	return w->cfg != NULL ? w->cfg->ncontrols : 0;
}

static const char *const fixed_head[] = { "task", "id", "text", "image",
    "width", "height", "meta", "user", "state" };
static const char *const fixed_tail[] = { "created_at", "updated_at" };

/* The task layout's columns: the JSONL keys of a task, in this order. */
static const char *const task_head[] = { "task", "id", "text", "image",
    "width", "height", "priority", "meta", "tokens", "predictions",
    "annotations", "final_answer" };

static int
csv_write_begin(struct writer *w)
{
	size_t	i;

	if (w->opts.csv_layout == CSV_LAYOUT_TASK) {
		for (i = 0; i < ARRAY_SIZE(task_head); i++)
			put_field(w, task_head[i],
			    i + 1 == ARRAY_SIZE(task_head));
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(fixed_head); i++)
		put_field(w, fixed_head[i], 0);
	for (i = 0; i < ncontrols(w); i++)
		put_field(w, w->cfg->controls[i].name, 0);
	for (i = 0; i < ARRAY_SIZE(fixed_tail); i++)
		put_field(w, fixed_tail[i], i + 1 == ARRAY_SIZE(fixed_tail));
	return 0;
}

/* A task layout's cell of the task's JSON: a string as it is, a number
 * as digits, an object or a list as compact JSON (an empty list, like
 * nothing, as an empty cell). Returns a string to free. */
static char *
task_cell(const json_t *v)
{
	if (v == NULL || json_is_null(v) ||
	    (json_is_array(v) && json_array_size(v) == 0))
		return xstrdup("");
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	return jsonout_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
	    JSON_REAL_PRECISION(15));
}

/*
 * A task layout's cell from the value of its key in out_task_write's
 * text (v, n bytes; NULL when the key is not there), as task_cell makes
 * it from the value read back: a string as it is, a number as its
 * digits, [] and null as nothing, the rest as compact JSON. 0, or -1
 * when the value is not one this reads (the caller takes jansson's way).
 */
static int
task_cell_text(struct buf *cell, const char *v, size_t n)
{
	static struct buf	compact;

	buf_reset(cell);
	if (v == NULL || (n == 2 && memcmp(v, "[]", 2) == 0) ||
	    (n == 4 && memcmp(v, "null", 4) == 0))
		return 0;
	if (v[0] == '"')
		return jw_unstring(cell, v, n);
	if (v[0] == '-' || (v[0] >= '0' && v[0] <= '9')) {
		if (memchr(v, '.', n) != NULL || memchr(v, 'e', n) != NULL)
			goto json;
		buf_add(cell, v, n);
		return 0;
	}
json:
	buf_reset(&compact);
	jw_compact(&compact, v, n);
	jsonout_escape(cell, compact.data, compact.len);
	return 0;
}

/* The task's JSON as jansson reads it back, a cell at a time: the slow
 * way, for what task_cell_text does not read. */
static int
write_task_row_json(struct writer *w, const struct out_task *t)
{
	json_t	*j = out_task_json(t);
	char	*cell;
	size_t	 i;

	for (i = 0; i < ARRAY_SIZE(task_head); i++) {
		cell = task_cell(json_object_get(j, task_head[i]));
		put_field(w, cell, i + 1 == ARRAY_SIZE(task_head));
		free(cell);
	}
	json_decref(j);
	return ferror(w->f) ? -1 : 0;
}

/*
 * One row per task, its annotations and the rest as JSON cells: what
 * the JSONL writer writes (out_task_write), so that import reads it back
 * the same. The cells are cut from that text (its top-level keys, each
 * once, in jansson's layout), not read back into a jansson tree, which
 * was most of the time.
 */
static int
write_task_row(struct writer *w, const struct out_task *t)
{
	static struct buf	 raw, cells[ARRAY_SIZE(task_head)];
	const char		*s, *val[ARRAY_SIZE(task_head)];
	size_t			 i, k, n, len, vlen[ARRAY_SIZE(task_head)];
	int			 rc = 0;

	buf_reset(&raw);
	out_task_write(&raw, t);
	s = raw.data;
	len = raw.len;
	memset(val, 0, sizeof val);
	memset(vlen, 0, sizeof vlen);
	/* {"key": value, "key": value}, the keys ours (no escapes). */
	for (i = 1; i < len && s[i] == '"'; ) {
		n = jw_value_len(s + i, len - i);
		if (n < 2 || i + n + 2 > len || s[i + n] != ':' ||
		    memchr(s + i, '\\', n) != NULL) {
			rc = -1;
			break;
		}
		for (k = 0; k < ARRAY_SIZE(task_head); k++)
			if (strlen(task_head[k]) == n - 2 &&
			    memcmp(s + i + 1, task_head[k], n - 2) == 0)
				break;
		i += n + 2;
		n = jw_value_len(s + i, len - i);
		if (k < ARRAY_SIZE(task_head)) {
			val[k] = s + i;
			vlen[k] = n;
		}
		i += n;
		if (i < len && s[i] == ',')
			i += 2;
		else if (i + 1 != len || s[i] != '}') {
			rc = -1;
			break;
		}
	}
	for (k = 0; rc == 0 && k < ARRAY_SIZE(task_head); k++)
		rc = task_cell_text(&cells[k], val[k], vlen[k]);
	if (rc == -1)
		return write_task_row_json(w, t);
	for (k = 0; k < ARRAY_SIZE(task_head); k++)
		put_field(w, buf_str(&cells[k]), k + 1 == ARRAY_SIZE(task_head));
	return ferror(w->f) ? -1 : 0;
}

/* put_field's cell from the len bytes at s (no NUL among them) into row,
 * and its separator or the row's end. */
static void
cell_put(struct buf *row, const struct writer *w, const char *s, size_t len,
    int last)
{
	const struct dialect	*d = w->fmt->data;
	const char		*p, *q, *end = s + len;
	size_t			 i;
	int			 guard, quote = 0;

	if (len == 0) {		/* most cells of a row */
		if (last)
			buf_addstr(row, d->eol);
		else
			buf_addch(row, d->sep);
		return;
	}
	guard = !w->opts.csv_raw && guarded(s, len);
	for (i = 0; i < len && !quote; i++)
		quote = s[i] == '"' || s[i] == '\r' || s[i] == '\n' ||
		    s[i] == d->sep;
	if (quote)
		buf_addch(row, '"');
	if (guard)
		buf_addch(row, '\'');
	if (!quote)
		buf_add(row, s, len);
	else {
		for (p = s; (q = memchr(p, '"', (size_t)(end - p))) != NULL;
		    p = q + 1) {
			buf_add(row, p, (size_t)(q - p + 1));
			buf_addch(row, '"');
		}
		buf_add(row, p, (size_t)(end - p));
		buf_addch(row, '"');
	}
	if (last)
		buf_addstr(row, d->eol);
	else
		buf_addch(row, d->sep);
}

/* A cell of the digits of v. */
static void
cell_int(struct buf *row, const struct writer *w, int64_t v)
{
	char		 d[24], *p = d + sizeof d;
	uint64_t	 u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	/* "%lld", without printf: several a row. */
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	cell_put(row, w, p, (size_t)(d + sizeof d - p), 0);
}

/* jw_utf8(s), its ASCII run stepped over first. */
static int
utf8_ok(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	while (*u != '\0' && *u < 0x80)
		u++;
	return *u == '\0' || jw_utf8((const char *)u);
}

/*
 * The task layout's row written from the task itself, cell by cell, where
 * out_task_write's record would hold no list (no tokens, predictions,
 * annotations or final answer: their cells are empty) and its strings are
 * UTF-8 that jansson takes (a cell is the string then): the bytes
 * write_task_row gives, without the record it builds and cuts. 1, or 0
 * when the task is write_task_row's.
 */
static int
write_task_row_direct(struct writer *w, const struct out_task *t)
{
	static struct buf	 row, stored, cell;
	const char		*text = t->text != NULL ? t->text : "";
	int			 image;

	image = t->image != NULL && strcmp(t->kind, "image") == 0;
	if (t->npredictions > 0 || t->nannotations > 0 || t->final != NULL ||
	    (t->tokens != NULL && t->text != NULL &&
	    strcmp(t->kind, "image") != 0) ||
	    (t->ext_id != NULL && (t->ext_id[0] == '"' ||
	    !utf8_ok(t->ext_id))) || !utf8_ok(image ? t->image : text))
		return 0;
	buf_reset(&stored);
	jw_stored(&stored, t->meta);
	if (stored.len > 0 && stored.data[0] == '{') {
		/* task_cell_text's object, its escaping pass only where it
		 * changes something. */
		buf_reset(&cell);
		jw_compact(&cell, stored.data, stored.len);
		if (jsonout_needs_escape(cell.data, cell.len)) {
			buf_reset(&stored);
			jsonout_escape(&stored, cell.data, cell.len);
			buf_reset(&cell);
			buf_add(&cell, stored.data, stored.len);
		}
	} else if (task_cell_text(&cell, stored.data, stored.len) == -1)
		return 0;
	/* task, id, text, image, width, height, priority, meta, tokens,
	 * predictions, annotations, final_answer */
	buf_reset(&row);
	cell_int(&row, w, t->id);
	if (t->ext_id != NULL)
		cell_put(&row, w, t->ext_id, strlen(t->ext_id), 0);
	else
		cell_put(&row, w, "", 0, 0);
	if (image) {
		cell_put(&row, w, "", 0, 0);
		cell_put(&row, w, t->image, strlen(t->image), 0);
		if (t->width > 0 && t->height > 0) {
			cell_int(&row, w, t->width);
			cell_int(&row, w, t->height);
		} else {
			cell_put(&row, w, "", 0, 0);
			cell_put(&row, w, "", 0, 0);
		}
	} else {
		cell_put(&row, w, text, strlen(text), 0);
		cell_put(&row, w, "", 0, 0);
		cell_put(&row, w, "", 0, 0);
		cell_put(&row, w, "", 0, 0);
	}
	if (t->priority != 0)
		cell_int(&row, w, t->priority);
	else
		cell_put(&row, w, "", 0, 0);
	cell_put(&row, w, cell.data != NULL ? cell.data : "", cell.len, 0);
	cell_put(&row, w, "", 0, 0);
	cell_put(&row, w, "", 0, 0);
	cell_put(&row, w, "", 0, 0);
	cell_put(&row, w, "", 0, 1);
	fwrite(row.data, 1, row.len, w->f);
	return 1;
}

/*
 * A control's value in a cell, from the typed answer: a choice of one label
 * as the label, a text as it is, a rating as its number, anything else as
 * compact JSON of what the result holds for it (answer_value_emit: [] for
 * "no entities" and "none of these apply"). Empty when the result does not
 * have the control or holds nothing for it. Returns a string to free.
 */
static char *
cell_value(const struct ans_value *v, const struct answer_task *t)
{
	json_t	*j;
	char	*s;
	size_t	 i, n = 0, one = 0;

	if (!v->present)
		return xstrdup("");
	switch (v->control->kind) {
	case CONTROL_CHOICE:
	case CONTROL_MULTICHOICE:
		for (i = 0; i < v->control->nlabels; i++)
			if (v->chosen[i]) {
				one = i;
				n++;
			}
		if (n == 1)
			return xstrdup(v->control->labels[one].name);
		break;
	case CONTROL_TEXT:
		return xstrdup(v->text != NULL ? v->text : "");
	case CONTROL_RATING:
		return v->rating > 0 ? xasprintf("%d", v->rating) : xstrdup("");
	default:
		break;
	}
	if ((j = answer_value_emit(v, t)) == NULL)
		return xstrdup("");
	s = jsonout_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(j);
	return s;
}

static int
csv_write(struct writer *w, const struct out_task *t)
{
	const struct out_annotation	*a;
	const struct answer		*ans;
	char				 num[32], wh[2][16];
	char				*cell;
	FILE				*f = w->f;
	const char			*id = t->ext_id;
	json_t				*idj = NULL;
	size_t				 i, n;

	if (w->opts.csv_layout == CSV_LAYOUT_TASK) {
		if (write_task_row_direct(w, t))
			return ferror(f) ? -1 : 0;
		return write_task_row(w, t);
	}
	/* "5" is kept as "\"5\"" (reader_id): the cell is its text */
	if (id != NULL && id[0] == '"' && (idj = writer_id(id)) != NULL &&
	    json_is_string(idj))
		id = json_string_value(idj);
	snprintf(num, sizeof num, "%lld", (long long)t->id);
	wh[0][0] = wh[1][0] = '\0';
	if (t->width > 0 && t->height > 0) {
		snprintf(wh[0], sizeof wh[0], "%d", t->width);
		snprintf(wh[1], sizeof wh[1], "%d", t->height);
	}
	n = t->nannotations > 0 ? t->nannotations : 1;
	for (i = 0; i < n; i++) {
		a = t->nannotations > 0 ? &t->annotations[i] : NULL;
		put_field(w, num, 0);
		put_field(w, id, 0);
		put_field(w, strcmp(t->kind, "image") != 0 ? t->text : "",
		    0);
		put_field(w, strcmp(t->kind, "image") == 0 ? t->image : "",
		    0);
		put_field(w, wh[0], 0);
		put_field(w, wh[1], 0);
		put_field(w, t->meta != NULL ? t->meta : "{}", 0);
		put_field(w, a != NULL ? a->user : "", 0);
		put_field(w, a != NULL ? a->state : "", 0);
		/* No annotation: its cells are empty, not "no entities". */
		ans = a != NULL ? writer_answer(w, t, a->result) : NULL;
		for (size_t c = 0; c < ncontrols(w); c++) {
			cell = ans != NULL ? cell_value(&ans->v[c], ans->task) :
			    NULL;
			put_field(w, cell, 0);
			free(cell);
		}
		put_field(w, a != NULL ? a->created_at : "", 0);
		put_field(w, a != NULL ? a->updated_at : "", 1);
	}
	json_decref(idj);
	return ferror(f) ? -1 : 0;
}

#define CSV_FLAGS	(FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | \
	FORMAT_IMAGE | FORMAT_META | FORMAT_ANNOTATIONS)

const struct format format_csv = {
	.name = "csv",
	.extensions = ".csv",
	.flags = CSV_FLAGS,
	.data = &comma,
	.open = csv_open,
	.read = csv_read,
	.close = csv_close,
	.write_begin = csv_write_begin,
	.write = csv_write,
};

const struct format format_tsv = {
	.name = "tsv",
	.extensions = ".tsv .tab",
	.flags = CSV_FLAGS,
	.data = &tab,
	.open = csv_open,
	.read = csv_read,
	.close = csv_close,
	.write_begin = csv_write_begin,
	.write = csv_write,
};
