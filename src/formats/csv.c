/* CSV (RFC 4180) and TSV: a header row names the columns; a "text" or an
 * "image" column (both: a row with an image is an image task), an optional
 * "id", and every other column goes into the task's meta as a string.
 * Quoted fields may hold the separator, doubled quotes and line breaks;
 * TSV takes the same quoting. Blank lines between records are skipped; a
 * byte-order mark is ignored. Export writes one row per annotation (a task
 * without any gets one row), with a column per control. */
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* Ends the current field. */
static void
field_end(struct reader *r)
{
	buf_addch(&r->field, '\0');
}

static void
field_start(struct reader *r)
{
	ARRAY_GROW(r->offs, r->noffs + 1, r->aoffs);
	r->offs[r->noffs++] = r->field.len;
}

/* Field i of the current record, and its length. */
static const char *
field(const struct reader *r, size_t i, size_t *len)
{
	size_t	end = i + 1 < r->noffs ? r->offs[i + 1] : r->field.len;

	*len = end - r->offs[i] - 1;
	return r->field.data + r->offs[i];
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
	if (r->lr.lineno == 1 && *len >= 3 &&
	    memcmp(*line, "\xef\xbb\xbf", 3) == 0) {
		*line += 3;
		*len -= 3;
	}
	if (format_check_text(r->name, r->lr.lineno, *line, *len) == -1)
		return -1;
	return 1;
}

/*
 * Reads one record into r->field (the fields NUL-terminated, their starts
 * in r->offs). Returns 1 with the first line in *start, 0 at the end, -1
 * after reporting.
 */
static int
csv_record(struct reader *r, unsigned long *start)
{
	char	*line, *p, *end, *q;
	size_t	 len;
	int	 rc;

	buf_reset(&r->field);
	r->noffs = 0;
	do {
		if ((rc = next_line(r, &line, &len)) != 1)
			return rc;
	} while (len == 0);
	*start = r->lr.lineno;
	p = line;
	end = line + len;
	for (;;) {
		field_start(r);
		if (p < end && *p == '"') {
			p++;
			for (;;) {
				if ((q = memchr(p, '"', (size_t)(end - p)))
				    == NULL) {
					/* It goes on on the next line. */
					buf_add(&r->field, p,
					    (size_t)(end - p));
					buf_addch(&r->field, '\n');
					if (r->field.len > r->lr.max)
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
				buf_add(&r->field, p, (size_t)(q - p));
				p = q + 1;
				if (p < end && *p == '"') {
					buf_addch(&r->field, '"');
					p++;
					continue;
				}
				break;
			}
			if (p < end && *p != r->sep)
				return error("%s:%lu: text after a closing"
				    " quote (a quote inside a quoted field is"
				    " written \"\")", r->name, r->lr.lineno);
		} else {
			q = memchr(p, r->sep, (size_t)(end - p));
			if (q == NULL)
				q = end;
			buf_add(&r->field, p, (size_t)(q - p));
			p = q;
		}
		field_end(r);
		if (p >= end)
			return 1;
		p++;	/* the separator; a field follows, maybe empty */
	}
}

static int
csv_begin(struct reader *r)
{
	unsigned long	 line;
	const char	*s;
	size_t		 i, j, len;
	int		 rc;

	r->sep = strcmp(r->fmt->name, "tsv") == 0 ? '\t' : ',';
	if ((rc = csv_record(r, &line)) != 1)
		return rc == 0 ? error("%s: empty: there are no tasks in it",
		    r->name) : -1;
	r->ncols = r->noffs;
	r->header = xcalloc(r->ncols, sizeof *r->header);
	for (i = 0; i < r->ncols; i++) {
		s = field(r, i, &len);
		r->header[i] = xstrdup(s);
		for (j = 0; j < i; j++)
			if (strcmp(r->header[j], s) == 0)
				return error("%s:%lu: the header names column"
				    " '%s' twice", r->name, line, s);
		if (strcmp(s, "text") == 0)
			r->text_col = (int)i;
		else if (strcmp(s, "image") == 0)
			r->image_col = (int)i;
		else if (strcmp(s, "id") == 0)
			r->id_col = (int)i;
	}
	if (r->text_col == -1 && r->image_col == -1)
		return error("%s:%lu: the header row needs a \"text\" or an"
		    " \"image\" column", r->name, line);
	return 0;
}

static int
csv_read(struct reader *r, struct record *rec)
{
	const char	*s;
	size_t		 i, len;
	int		 rc;

	if ((rc = csv_record(r, &rec->line)) != 1)
		return rc;
	if (r->noffs != r->ncols)
		return error("%s:%lu: %zu field%s, but the header has %zu"
		    " column%s", r->name, rec->line, r->noffs,
		    r->noffs == 1 ? "" : "s", r->ncols,
		    r->ncols == 1 ? "" : "s");
	if (r->image_col != -1 && (s = field(r, (size_t)r->image_col, &len),
	    len > 0))
		rec->image = s;
	else if (r->text_col != -1) {
		rec->text = field(r, (size_t)r->text_col, &rec->text_len);
	} else
		return error("%s:%lu: the \"image\" field is empty", r->name,
		    rec->line);
	if (r->id_col != -1 && (s = field(r, (size_t)r->id_col, &len), len > 0))
		rec->ext_id = s;
	for (i = 0; i < r->ncols; i++) {
		if ((int)i == r->text_col || (int)i == r->image_col ||
		    (int)i == r->id_col)
			continue;
		if (r->meta == NULL)
			r->meta = json_object();
		s = field(r, i, &len);
		json_object_set_new(r->meta, r->header[i],
		    json_stringn(s, len));
	}
	rec->meta = r->meta;
	return 1;
}

/* Writes one field, quoted when it must be. */
static void
put_field(FILE *f, const char *s, char sep, int last)
{
	const char	*p;

	if (s == NULL)
		s = "";
	if (strpbrk(s, "\"\r\n") == NULL && strchr(s, sep) == NULL)
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
		putc(sep, f);
	else
		fputs(sep == ',' ? "\r\n" : "\n", f);
}

static const char *const fixed_head[] = { "id", "text", "image", "width",
    "height", "meta", "user", "state" };
static const char *const fixed_tail[] = { "created_at", "updated_at" };

static int
write_header(FILE *f, const char *const *controls, char sep)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(fixed_head); i++)
		put_field(f, fixed_head[i], sep, 0);
	for (i = 0; controls != NULL && controls[i] != NULL; i++)
		put_field(f, controls[i], sep, 0);
	for (i = 0; i < ARRAY_SIZE(fixed_tail); i++)
		put_field(f, fixed_tail[i], sep,
		    i + 1 == ARRAY_SIZE(fixed_tail));
	return 0;
}

/* A control's value in a cell: a string as it is, a one-label list as the
 * label, anything else as compact JSON. Returns a string to free. */
static char *
cell_value(json_t *v)
{
	if (v == NULL || json_is_null(v))
		return xstrdup("");
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_array(v) && json_array_size(v) == 1 &&
	    json_is_string(json_array_get(v, 0)))
		return xstrdup(json_string_value(json_array_get(v, 0)));
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

static int
write_rows(FILE *f, const struct out_task *t, const char *const *controls,
    char sep)
{
	const struct out_annotation	*a;
	char				 num[32], wh[2][16];
	json_t				*res;
	char				*cell;
	size_t				 i, n;

	if (t->ext_id == NULL)
		snprintf(num, sizeof num, "%lld", (long long)t->id);
	wh[0][0] = wh[1][0] = '\0';
	if (t->width > 0 && t->height > 0) {
		snprintf(wh[0], sizeof wh[0], "%d", t->width);
		snprintf(wh[1], sizeof wh[1], "%d", t->height);
	}
	n = t->nannotations > 0 ? t->nannotations : 1;
	for (i = 0; i < n; i++) {
		a = t->nannotations > 0 ? &t->annotations[i] : NULL;
		put_field(f, t->ext_id != NULL ? t->ext_id : num, sep, 0);
		put_field(f, strcmp(t->kind, "image") != 0 ? t->text : "", sep,
		    0);
		put_field(f, strcmp(t->kind, "image") == 0 ? t->image : "", sep,
		    0);
		put_field(f, wh[0], sep, 0);
		put_field(f, wh[1], sep, 0);
		put_field(f, t->meta != NULL ? t->meta : "{}", sep, 0);
		put_field(f, a != NULL ? a->user : "", sep, 0);
		put_field(f, a != NULL ? a->state : "", sep, 0);
		res = a != NULL ? json_loads(a->result, 0, NULL) : NULL;
		for (size_t c = 0; controls != NULL && controls[c] != NULL;
		    c++) {
			cell = cell_value(json_object_get(res, controls[c]));
			put_field(f, cell, sep, 0);
			free(cell);
		}
		json_decref(res);
		put_field(f, a != NULL ? a->created_at : "", sep, 0);
		put_field(f, a != NULL ? a->updated_at : "", sep, 1);
	}
	return ferror(f) ? -1 : 0;
}

static int
csv_write_begin(FILE *f, const char *const *controls)
{
	return write_header(f, controls, ',');
}

static int
csv_write(FILE *f, const struct out_task *t, const char *const *controls)
{
	return write_rows(f, t, controls, ',');
}

static int
tsv_write_begin(FILE *f, const char *const *controls)
{
	return write_header(f, controls, '\t');
}

static int
tsv_write(FILE *f, const struct out_task *t, const char *const *controls)
{
	return write_rows(f, t, controls, '\t');
}

const struct format format_csv = {
	.name = "csv",
	.extensions = ".csv",
	.read_begin = csv_begin,
	.read = csv_read,
	.write_begin = csv_write_begin,
	.write = csv_write,
};

const struct format format_tsv = {
	.name = "tsv",
	.extensions = ".tsv .tab",
	.read_begin = csv_begin,
	.read = csv_read,
	.write_begin = tsv_write_begin,
	.write = tsv_write,
};
