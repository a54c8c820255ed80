/* CSV (RFC 4180) and TSV: a header row names the columns; a "text" or an
 * "image" column (both: a row with an image is an image task), an optional
 * "id" (the task's own id), "priority" (a whole number) and "task" (the
 * number an export wrote, which names nothing here and is passed over),
 * and every other column goes into the task's meta as a string.
 * Quoted fields may hold the separator, doubled quotes and line breaks;
 * TSV takes the same quoting. Blank lines between records are skipped; a
 * byte-order mark is ignored. Export writes one row per annotation (a task
 * without any gets one row), with a column per control of the project's
 * config, its cell made from the typed answer (model/answer.h), not from
 * the stored JSON. csv and tsv are one implementation: their rows' data is
 * the dialect (separator and line end). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "model/answer.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/opt.h"
#include "util/xmalloc.h"

/* What tells csv and tsv apart. */
struct dialect {
	char		 sep;		/* between fields */
	const char	*eol;		/* after a row, when writing */
};

static const struct dialect	comma = { ',', "\r\n" };
static const struct dialect	tab = { '\t', "\n" };

/* A CSV reader's own state (r->priv). */
struct csv {
	const struct dialect	*d;
	struct buf		 field;		/* the record's fields */
	size_t			*offs;		/* field starts in field */
	size_t			 noffs, aoffs;
	char			**header;	/* column names */
	size_t			 ncols;
	int			 text_col, image_col, id_col;
	int			 task_col, priority_col;
};

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

	*len = end - c->offs[i] - 1;
	return c->field.data + c->offs[i];
}

/* One physical line, checked, without its '\r'. */
static int
next_line(struct reader *r, char **line, size_t *len)
{
	int	rc;

	if ((rc = linereader_next(&r->lr, line, len)) != 1)
		return rc;
	if (*len > 0 && (*line)[*len - 1] == '\r')
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
	do {
		if ((rc = next_line(r, &line, &len)) != 1)
			return rc;
	} while (len == 0);
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
			if (p < end && *p != c->d->sep)
				return error("%s:%lu: text after a closing"
				    " quote (a quote inside a quoted field is"
				    " written \"\")", r->name, r->lr.lineno);
		} else {
			q = memchr(p, c->d->sep, (size_t)(end - p));
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

/* Reads the header row. */
static int
csv_open(struct reader *r)
{
	struct csv	*c;
	unsigned long	 line;
	const char	*s;
	size_t		 i, j, len;
	int		 rc;

	r->priv = c = xcalloc(1, sizeof *c);
	c->d = r->fmt->data;
	c->text_col = c->image_col = c->id_col = -1;
	c->task_col = c->priority_col = -1;
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
		if (strcmp(s, "text") == 0)
			c->text_col = (int)i;
		else if (strcmp(s, "image") == 0)
			c->image_col = (int)i;
		else if (strcmp(s, "id") == 0)
			c->id_col = (int)i;
		else if (strcmp(s, "task") == 0)
			c->task_col = (int)i;
		else if (strcmp(s, "priority") == 0)
			c->priority_col = (int)i;
	}
	if (c->text_col == -1 && c->image_col == -1)
		return error("%s:%lu: the header row needs a \"text\" or an"
		    " \"image\" column", r->name, line);
	return 0;
}

static int
csv_read(struct reader *r, struct record *rec)
{
	struct csv	*c = r->priv;
	const char	*s;
	size_t		 i, len;
	long		 n;
	int		 rc;

	if ((rc = csv_record(r, &rec->line)) != 1)
		return rc;
	if (c->noffs != c->ncols)
		return error("%s:%lu: %zu field%s, but the header has %zu"
		    " column%s", r->name, rec->line, c->noffs,
		    c->noffs == 1 ? "" : "s", c->ncols,
		    c->ncols == 1 ? "" : "s");
	if (c->image_col != -1 && (s = field(c, (size_t)c->image_col, &len),
	    len > 0))
		rec->image = s;
	else if (c->text_col != -1) {
		rec->text = field(c, (size_t)c->text_col, &rec->text_len);
	} else
		return error("%s:%lu: the \"image\" field is empty", r->name,
		    rec->line);
	if (c->id_col != -1 && (s = field(c, (size_t)c->id_col, &len), len > 0))
		rec->ext_id = s;
	if (c->task_col != -1 && (s = field(c, (size_t)c->task_col, &len),
	    len > 0) && opt_number(s, 1, LONG_MAX, &n) == -1)
		return error("%s:%lu: \"task\" is the task number an export"
		    " writes, a whole number; a column of your own needs"
		    " another name", r->name, rec->line);
	if (c->priority_col != -1 && (s = field(c, (size_t)c->priority_col,
	    &len), len > 0)) {
		if (opt_number(s, -RECORD_PRIORITY_MAX, RECORD_PRIORITY_MAX,
		    &n) == -1)
			return error("%s:%lu: \"priority\" must be a whole"
			    " number from %lld to %lld (higher is labelled"
			    " first), not '%s'", r->name, rec->line,
			    -RECORD_PRIORITY_MAX, RECORD_PRIORITY_MAX, s);
		rec->has_priority = 1;
		rec->priority = n;
	}
	for (i = 0; i < c->ncols; i++) {
		if ((int)i == c->text_col || (int)i == c->image_col ||
		    (int)i == c->id_col || (int)i == c->task_col ||
		    (int)i == c->priority_col)
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

/* Writes one field, quoted when it must be, and what follows it. */
static void
put_field(FILE *f, const char *s, const struct dialect *d, int last)
{
	const char	*p;

	if (s == NULL)
		s = "";
	if (strpbrk(s, "\"\r\n") == NULL && strchr(s, d->sep) == NULL)
		fputs(s, f);
	else {
		putc('"', f);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				putc('"', f);
			putc(*p, f);
		}
		putc('"', f);
	}
	if (!last)
		putc(d->sep, f);
	else
		fputs(d->eol, f);
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

static int
csv_write_begin(struct writer *w)
{
	const struct dialect	*d = w->fmt->data;
	size_t			 i;

	for (i = 0; i < ARRAY_SIZE(fixed_head); i++)
		put_field(w->f, fixed_head[i], d, 0);
	for (i = 0; i < ncontrols(w); i++)
		put_field(w->f, w->cfg->controls[i].name, d, 0);
	for (i = 0; i < ARRAY_SIZE(fixed_tail); i++)
		put_field(w->f, fixed_tail[i], d,
		    i + 1 == ARRAY_SIZE(fixed_tail));
	return 0;
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
	const struct dialect		*d = w->fmt->data;
	const struct out_annotation	*a;
	const struct answer		*ans;
	char				 num[32], wh[2][16];
	char				*cell;
	FILE				*f = w->f;
	size_t				 i, n;

	snprintf(num, sizeof num, "%lld", (long long)t->id);
	wh[0][0] = wh[1][0] = '\0';
	if (t->width > 0 && t->height > 0) {
		snprintf(wh[0], sizeof wh[0], "%d", t->width);
		snprintf(wh[1], sizeof wh[1], "%d", t->height);
	}
	n = t->nannotations > 0 ? t->nannotations : 1;
	for (i = 0; i < n; i++) {
		a = t->nannotations > 0 ? &t->annotations[i] : NULL;
		put_field(f, num, d, 0);
		put_field(f, t->ext_id, d, 0);
		put_field(f, strcmp(t->kind, "image") != 0 ? t->text : "", d,
		    0);
		put_field(f, strcmp(t->kind, "image") == 0 ? t->image : "", d,
		    0);
		put_field(f, wh[0], d, 0);
		put_field(f, wh[1], d, 0);
		put_field(f, t->meta != NULL ? t->meta : "{}", d, 0);
		put_field(f, a != NULL ? a->user : "", d, 0);
		put_field(f, a != NULL ? a->state : "", d, 0);
		/* No annotation: its cells are empty, not "no entities". */
		ans = a != NULL ? writer_answer(w, t, a->result) : NULL;
		for (size_t c = 0; c < ncontrols(w); c++) {
			cell = ans != NULL ? cell_value(&ans->v[c], ans->task) :
			    NULL;
			put_field(f, cell, d, 0);
			free(cell);
		}
		put_field(f, a != NULL ? a->created_at : "", d, 0);
		put_field(f, a != NULL ? a->updated_at : "", d, 1);
	}
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
