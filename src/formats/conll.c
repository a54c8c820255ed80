/* CoNLL: one token a line, its entity tag last, a blank line after each
 * sentence. Two layouts: CoNLL-2003's four space-separated columns (word,
 * part of speech, chunk, tag) with "-DOCSTART- -X- -X- O" (or three or
 * four fields of it) between documents, and the two columns TOKEN<TAB>TAG
 * of doccano, flair and spaCy's iob. The tags are IOB1, IOB2, BIOES or
 * BILUO (formats/tags.h), read by one decoder, or strictly as --scheme
 * says; export writes IOB2 unless --scheme.
 *
 * A sentence is a task: its text the tokens joined by single spaces, its
 * tokens kept with it (model/tokens.h), its entities one annotation (in
 * the name of the person who imports, as doccano's) of the project's
 * first spans control; a sentence of O tags only is an annotation with no
 * spans. What a task cannot hold otherwise, the middle columns and the
 * -DOCSTART- line before it, is its meta's "_conll", from where export
 * writes them back, so that a file comes back as it was (but for the
 * blank lines and, in a file of two columns, spaces between them for the
 * tab).
 *
 * Export tags the task's tokens: the stored ones, else the tokenizer's
 * (the labeler's). A span that does not start and end on token
 * boundaries cannot be tagged: the whole export fails, naming the tasks,
 * before anything is written (the output goes to a temporary file first),
 * unless --skip-misaligned leaves them out; it is never widened. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "formats/tags.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "model/record.h"
#include "model/tokens.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonw.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* The meta key that keeps what CoNLL says beyond tokens and tags. */
#define KEPT	"_conll"

/* U+FEFF, which the line reader takes off a file's first line. */
#define BOM	"\xef\xbb\xbf"

/* The most columns a line may have. */
#define COLUMNS_MAX	16

struct conll_r {
	struct tag_reader	 tr;
	struct buf		 text;		/* the sentence so far */
	struct buf		 enc;		/* its tokens, stored form */
	size_t			*starts;	/* each token's code points */
	size_t			*ends;
	size_t			 ntok, atok;
	size_t			 ncp;
	struct buf		 spans;		/* the sentence's entities, as
						 * JSON_COMPACT writes their
						 * list's items */
	size_t			 nspans;
	struct buf		 result;	/* its one annotation's, */
	struct record_ann	 ann;		/* handed over as text
						 * (record_ann): no tree for
						 * the store to walk, dump and
						 * free */
	json_t			*columns;	/* the middle columns, or NULL */
	char			*docstart;	/* a -DOCSTART- line before it */
	int			 ncols;		/* the file's, from its first
						 * token line; 0 */
	unsigned long		 ncols_line;
};

static void
emit(void *arg, size_t first, size_t last, const char *label, size_t len)
{
	struct conll_r	*p = arg;
	struct buf	*b = &p->spans;

	/* {"start": S, "end": E, "label": L}, as the tree the store
	 * dumped was written. */
	buf_addstr(b, p->nspans++ > 0 ? ",{\"start\":" : "{\"start\":");
	jw_int(b, (int64_t)p->starts[first]);
	buf_addstr(b, ",\"end\":");
	jw_int(b, (int64_t)p->ends[last]);
	buf_addstr(b, ",\"label\":");
	jw_stringn(b, label, len);
	buf_addch(b, '}');
}

static int
conll_open(struct reader *r)
{
	struct conll_r	*p = xcalloc(1, sizeof *p);

	r->priv = p;
	tags_init(&p->tr, (enum tag_scheme)r->opts.scheme, emit, p);
	return 0;
}

static void
conll_close(struct reader *r)
{
	struct conll_r	*p = r->priv;

	if (p == NULL)
		return;
	tags_release(&p->tr);
	buf_release(&p->text);
	buf_release(&p->enc);
	buf_release(&p->spans);
	buf_release(&p->result);
	free(p->starts);
	free(p->ends);
	json_decref(p->columns);
	free(p->docstart);
	free(p);
	r->priv = NULL;
}

/* Splits line into at most COLUMNS_MAX fields, at tabs when it has one,
 * else at runs of spaces. The number of fields, or -1 for too many. */
static int
split(char *line, char **f)
{
	char	 sep = strchr(line, '\t') != NULL ? '\t' : ' ';
	char	*s = line, *e;
	int	 n = 0;

	for (;;) {
		if (sep == ' ') {
			while (*s == ' ')
				s++;
			if (*s == '\0')
				break;
		}
		if (n == COLUMNS_MAX)
			return -1;
		f[n++] = s;		/* between two tabs: an empty field */
		if ((e = strchr(s, sep)) == NULL)
			break;
		*e = '\0';
		s = e + 1;
	}
	return n;
}

static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* One token line of the sentence. */
static int
add_token(struct reader *r, struct conll_r *p, struct record *rec, char **f,
    int nf)
{
	const char	*why;
	json_t		*mid;
	size_t		 len = strlen(f[0]);
	int		 i;

	if (p->ncols == 0) {
		p->ncols = nf;
		p->ncols_line = r->lr.lineno;
	} else if (nf != p->ncols)
		return error("%s:%lu: %d columns, where line %lu has %d (every"
		    " token line has the same)", r->name, r->lr.lineno, nf,
		    p->ncols_line, p->ncols);
	for (i = 0; i < nf; i++)
		if (f[i][0] == '\0')
			return error("%s:%lu: column %d is empty", r->name,
			    r->lr.lineno, i + 1);
	if (strncmp(f[0], BOM, 3) == 0)
		return error("%s:%lu: the token starts with U+FEFF, a byte"
		    " order mark, which a file's first line loses", r->name,
		    r->lr.lineno);
	if (p->ntok == 0) {
		rec->line = r->lr.lineno;
		buf_reset(&p->spans);
		p->nspans = 0;
	} else {
		buf_addch(&p->text, ' ');
		p->ncp++;
	}
	if (p->ntok + 1 > p->atok) {
		ARRAY_GROW(p->starts, p->ntok + 1, p->atok);
		p->ends = xreallocarray(p->ends, p->atok, sizeof *p->ends);
	}
	p->starts[p->ntok] = p->ncp;
	buf_add(&p->text, f[0], len);
	p->ncp += utf8_count(f[0], len);
	p->ends[p->ntok] = p->ncp;
	if (nf > 2) {
		if (p->columns == NULL)
			p->columns = json_array();
		mid = json_array();
		for (i = 1; i < nf - 1; i++)
			json_array_append_new(mid, json_string(f[i]));
		json_array_append_new(p->columns, mid);
	}
	if (tags_next(&p->tr, p->ntok, f[nf - 1], strlen(f[nf - 1]), &why) ==
	    -1)
		return error("%s:%lu: tag '%s': %s", r->name, r->lr.lineno,
		    f[nf - 1], why);
	p->ntok++;
	return 0;
}

/* The sentence read as rec. */
static int
finish(struct reader *r, struct conll_r *p, struct record *rec)
{
	const struct control	*c;
	struct tokens		 tok;
	struct token		*v;
	const char		*why;
	json_t			*kept;
	size_t			 i;

	if (tags_end(&p->tr, p->ntok, &why) == -1)
		return error("%s:%lu: %s", r->name, r->lr.lineno - 1, why);
	if ((c = reader_control(r->opts.cfg, CONTROL_SPANS, -1)) == NULL)
		return error("%s:%lu: the sentence's tags are entities, and the"
		    " project has no spans control for them", r->name,
		    rec->line);
	rec->text = buf_str(&p->text);
	rec->text_len = p->text.len;
	/* The tokens in their stored form, from the offsets. */
	v = xreallocarray(NULL, p->ntok, sizeof *v);
	for (i = 0; i < p->ntok; i++) {
		v[i].start = p->starts[i];
		v[i].end = p->ends[i];
	}
	tok.v = v;
	tok.n = p->ntok;
	buf_reset(&p->enc);
	tokens_encode(&tok, &p->enc);
	free(v);
	rec->tokens = buf_str(&p->enc);
	buf_reset(&p->result);
	buf_addch(&p->result, '{');
	jw_string(&p->result, c->name);
	buf_addstr(&p->result, ":[");
	if (p->spans.len > 0)
		buf_add(&p->result, p->spans.data, p->spans.len);
	buf_addstr(&p->result, "]}");
	reader_hand_result(r, rec, &p->ann, &p->result);
	if (p->docstart != NULL || p->columns != NULL) {
		kept = json_object();
		if (p->docstart != NULL)
			json_object_set_new(kept, "docstart",
			    json_string(p->docstart));
		if (p->columns != NULL)
			json_object_set(kept, "columns", p->columns);
		r->meta = json_pack("{s:o}", KEPT, kept);
		rec->meta = r->meta;
	}
	return 1;
}

/* A -DOCSTART- line before the next sentence, kept as its words (its
 * fields' runs of non-blanks) one space apart, as export writes it and
 * a second import reads it back; two with no sentence between are kept
 * one a line. */
static void
add_docstart(struct conll_r *p, char **f, int nf)
{
	struct buf	 b = BUF_INIT;
	const char	*s;
	size_t		 n, start;
	int		 i;

	if (p->docstart != NULL) {
		buf_addstr(&b, p->docstart);
		buf_addch(&b, '\n');
	}
	start = b.len;
	for (i = 0; i < nf; i++)
		for (s = f[i]; *s != '\0'; s += n) {
			if ((n = strcspn(s, " ")) == 0) {
				n = 1;
				continue;
			}
			if (b.len > start)
				buf_addch(&b, ' ');
			buf_add(&b, s, n);
		}
	free(p->docstart);
	p->docstart = buf_detach(&b);
}

/* Clears what the last sentence left. */
static void
reset(struct conll_r *p)
{
	buf_reset(&p->text);
	p->ntok = p->ncp = 0;
	buf_reset(&p->spans);
	p->nspans = 0;
	json_decref(p->columns);
	p->columns = NULL;
	free(p->docstart);
	p->docstart = NULL;
}

static int
conll_read(struct reader *r, struct record *rec)
{
	struct conll_r	*p = r->priv;
	char		*line, *f[COLUMNS_MAX];
	size_t		 len;
	int		 rc, nf;

	reset(p);
	for (;;) {
		if ((rc = linereader_next(&r->lr, &line, &len)) == -1)
			return -1;
		if (rc == 0)
			return p->ntok > 0 ? finish(r, p, rec) : 0;
		if (format_check_text(r->name, r->lr.lineno, line, len) == -1)
			return -1;
		/* CRLF, and blanks at the end of a line. */
		while (len > 0 && (line[len - 1] == '\r' || line[len - 1] ==
		    ' '))
			line[--len] = '\0';
		if (blank(line)) {
			if (p->ntok > 0)
				return finish(r, p, rec);
			continue;
		}
		if ((nf = split(line, f)) == -1)
			return error("%s:%lu: more than %d columns", r->name,
			    r->lr.lineno, COLUMNS_MAX);
		if (strcmp(f[0], "-DOCSTART-") == 0) {
			if (p->ntok > 0)
				return error("%s:%lu: -DOCSTART- inside a"
				    " sentence (a blank line ends one)",
				    r->name, r->lr.lineno);
			add_docstart(p, f, nf);
			continue;
		}
		if (nf < 2)
			return error("%s:%lu: a token line is TOKEN and TAG (two"
			    " columns, or four as CoNLL-2003's), and this one"
			    " has one", r->name, r->lr.lineno);
		if (add_token(r, p, rec, f, nf) == -1)
			return -1;
	}
}

/* Writing. */

struct conll_w {
	struct tagged_out	 out;
	struct tokens		 tok;
	struct buf		 line;
	size_t			*ent;		/* each token's span */
	size_t			 aent;
	const struct control	*spans;
};

static int
conll_write_begin(struct writer *w)
{
	struct conll_w	*p;

	if (reader_control(w->cfg, CONTROL_SPANS, -1) == NULL)
		return error("the project has no spans control: a CoNLL file"
		    " holds the entities of one");
	p = xcalloc(1, sizeof *p);
	if (tagged_begin(&p->out) == -1) {
		free(p);
		return -1;
	}
	w->priv = p;
	p->spans = reader_control(w->cfg, CONTROL_SPANS, -1);
	return 0;
}

/* The kept middle columns of a task of n tokens, or NULL. */
static json_t *
kept_columns(json_t *kept, size_t n)
{
	json_t	*cols = json_object_get(kept, "columns"), *row, *v;
	size_t	 i, j, width = 0;

	if (!json_is_array(cols) || json_array_size(cols) != n)
		return NULL;
	json_array_foreach(cols, i, row) {
		if (!json_is_array(row) || (i > 0 && json_array_size(row) !=
		    width))
			return NULL;
		width = json_array_size(row);
		json_array_foreach(row, j, v)
			if (!json_is_string(v) || json_string_length(v) == 0 ||
			    strpbrk(json_string_value(v), "\t\n") != NULL)
				return NULL;
	}
	return cols;
}

/* 1 when a token or a kept column has a space, so that only tabs can
 * separate the columns. */
static int
spaced(const char *text, const struct tokens *tok, json_t *cols)
{
	json_t	*row, *v;
	size_t	 i, j;

	for (i = 0; i < tok->n; i++)
		if (memchr(text + tok->v[i].bstart, ' ', tok->v[i].bend -
		    tok->v[i].bstart) != NULL)
			return 1;
	json_array_foreach(cols, i, row)
		json_array_foreach(row, j, v)
			if (strchr(json_string_value(v), ' ') != NULL)
				return 1;
	return 0;
}

/* 1 when a token holds a tab or a line break, which no line can, or
 * starts with a byte order mark, which a first line loses. */
static int
unwritable(const char *text, const struct tokens *tok)
{
	size_t	i;

	for (i = 0; i < tok->n; i++)
		if (strcspn(text + tok->v[i].bstart, "\t\n") <
		    tok->v[i].bend - tok->v[i].bstart ||
		    strncmp(text + tok->v[i].bstart, BOM, 3) == 0)
			return 1;
	return 0;
}

/* The sentence of task t, tagged, to the temporary file. */
static void
put_sentence(struct writer *w, struct conll_w *p, const struct out_task *t,
    const struct ans_value *v, const char *text)
{
	json_t		*meta, *kept, *cols, *c;
	const char	*doc;
	size_t		 i, k;
	char		 sep;

	meta = writer_meta(t, KEPT);
	kept = json_object_get(meta, KEPT);
	cols = kept_columns(kept, p->tok.n);
	/* Each -DOCSTART- line, and the blank line after it. */
	doc = json_string_value(json_object_get(kept, "docstart"));
	while (doc != NULL && *doc != '\0') {
		k = strcspn(doc, "\n");
		fprintf(p->out.tmp, "%.*s\n\n", (int)k, doc);
		doc += k + (doc[k] == '\n');
	}
	sep = cols != NULL && !spaced(text, &p->tok, cols) ? ' ' : '\t';
	for (i = 0; i < p->tok.n; i++) {
		buf_reset(&p->line);
		buf_add(&p->line, text + p->tok.v[i].bstart, p->tok.v[i].bend -
		    p->tok.v[i].bstart);
		json_array_foreach(json_array_get(cols, i), k, c) {
			buf_addch(&p->line, sep);
			buf_addstr(&p->line, json_string_value(c));
		}
		buf_addch(&p->line, sep);
		tags_put(&p->line, (enum tag_scheme)w->opts.scheme, v, p->ent,
		    p->tok.n, i);
		buf_addch(&p->line, '\n');
		fwrite(buf_str(&p->line), 1, p->line.len, p->out.tmp);
	}
	fputc('\n', p->out.tmp);
	json_decref(meta);
}

static int
conll_write(struct writer *w, const struct out_task *t)
{
	struct conll_w		*p = w->priv;
	const struct ans_value	*v;
	const char		*text = t->text != NULL ? t->text : "";

	if (strcmp(t->kind, "text") != 0)
		return error("task %lld is an image: a CoNLL file holds text",
		    (long long)t->id);
	if (t->nannotations > 1)
		return error("task %lld has %zu annotations (by %s and %s,"
		    " ...): a CoNLL sentence holds one tagging; --user USER or"
		    " --annotations final picks one", (long long)t->id,
		    t->nannotations, t->annotations[0].user,
		    t->annotations[1].user);
	if (t->nannotations == 0) {
		p->out.unlabelled++;
		return 0;
	}
	v = writer_value(writer_answer(w, t, t->annotations[0].result),
	    p->spans);
	tokens_of(&p->tok, t->tokens, text, strlen(text));
	ARRAY_GROW(p->ent, p->tok.n + 1, p->aent);
	if (tags_of_spans(&p->tok, v, p->ent) == -1 ||
	    unwritable(text, &p->tok)) {
		tagged_misaligned(&p->out, t->id);
		return 0;
	}
	/* Nothing more is written once the export is sure to fail. */
	if (p->out.nbad == 0 && p->tok.n > 0)
		put_sentence(w, p, t, v, text);
	if (ferror(p->out.tmp))
		return error("writing a temporary file: %s", strerror(errno));
	return 0;
}

static int
conll_write_end(struct writer *w)
{
	struct conll_w	*p = w->priv;
	int		 rc;

	if (p == NULL)
		return -1;
	rc = tagged_end(&p->out, w, "CoNLL");
	tokens_release(&p->tok);
	buf_release(&p->line);
	free(p->ent);
	free(p);
	w->priv = NULL;
	return rc;
}

const struct format format_conll = {
	.name = "conll",
	.extensions = ".conll .iob .bio",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_ANNOTATIONS,
	.open = conll_open,
	.read = conll_read,
	.close = conll_close,
	.write_begin = conll_write_begin,
	.write = conll_write,
	.write_end = conll_write_end,
};
