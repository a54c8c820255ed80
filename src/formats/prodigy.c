/* Prodigy's JSON Lines (db-out, and the input files it streams): one
 * example a line, {"text", "meta", "tokens", "spans", "label", "options",
 * "accept", "answer", "_input_hash", "_task_hash", "_view_id",
 * "_session_id", "_annotator_id", "_timestamp"}.
 *
 * Offsets are code points, as in Python (--offsets utf16 for a file made
 * elsewhere); a span's "token_end" is inclusive. A span is checked against
 * the text it carries ("text") and against its tokens (token_start's
 * start, token_end's end) where the line has them, and a mismatch is an
 * error at its line, never a guess. Spans go to the project's first spans
 * control; "label" (a binary question) and "accept" (the ids of a choice
 * interface's "options") to its first choice or multichoice control.
 *
 * An answered line is one annotation, submitted for accept and reject,
 * skipped for ignore, by the user named _annotator_id (else _session_id,
 * else the person who imports), who must exist, as for every import
 * (unless --create-users). Its result is what the line shows (the spans,
 * the label, the accepted options), and the answer is kept beside it: a
 * reject is the annotator's answer, not a reviewer's verdict. A line
 * without an answer is a question not yet asked: its spans or label are a
 * prediction (model "prodigy"). Prodigy's "meta" is the task's meta; every
 * other key the line has (tokens, options, the hashes, the view) is kept
 * in it under "_prodigy", with what the annotation cannot say itself (a
 * reject, the session) by user, from where export writes them back. Export
 * writes a line per annotation (Prodigy's db-out has one per answer), a
 * task without any as a question with its first prediction's spans; on
 * import, the lines after a task's first that ask the same question of
 * other people are that task's (tree_task).
 *
 * Both ways have a fast path that gives the same bytes. On import a line
 * is scanned (prodigyscan.c) and fast_line fills the record from the
 * scanner's compact text, meta as the text the store keeps; anything
 * unusual or wrong, and a next line that may answer the same question,
 * sends the whole task to the tree's way (tree_task), which says what is
 * wrong. On export fast_line_out writes each line straight from the
 * stored meta and the typed answer in jansson's key order and spacing
 * (struct line); what it cannot be sure of is write_line's. */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formats/format.h"
#include "formats/prodigyscan.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "model/tokens.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/jsonw.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "util/when.h"

/* The meta key that keeps Prodigy's own fields. */
#define KEPT	"_prodigy"

/* The keys a line's annotation is read from; the others are kept. */
static const char *const read_keys[] = { "text", "meta", "spans", "label",
    "accept", "id", "answer", "_annotator_id", "_session_id", "_timestamp" };

/* Under KEPT, what each annotator's line said that the annotation does not
 * (a reject; the session), by user: {"alice": {"answer": "reject",
 * "_session_id": "news-alice"}}. */
#define BY_USER	"annotators"

/* A whole number field of span n, from 0. */
static int
whole(struct reader *r, const struct record *rec, size_t n, json_t *span,
    const char *key, size_t *out)
{
	json_t	*v = json_object_get(span, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return error("%s:%lu: spans %zu: \"%s\" must be a whole number"
		    " from 0", r->name, rec->line, n, key);
	*out = (size_t)json_integer_value(v);
	return 0;
}

/* Token t's field key ("start", "end"), or -1 after reporting. */
static int
token_at(struct reader *r, const struct record *rec, size_t n, json_t *tokens,
    size_t t, const char *which, const char *key, size_t *out)
{
	json_t	*v = json_object_get(json_array_get(tokens, t), key);

	if (t >= json_array_size(tokens))
		return error("%s:%lu: spans %zu: %s %zu is past the last of"
		    " the line's %zu tokens", r->name, rec->line, n, which, t,
		    json_array_size(tokens));
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return error("%s:%lu: tokens %zu: \"%s\" must be a whole"
		    " number from 0", r->name, rec->line, t + 1, key);
	*out = (size_t)json_integer_value(v);
	return 0;
}

/* Checks span n's token_start and token_end (inclusive) against the
 * line's tokens, in the file's own offsets. */
static int
check_tokens(struct reader *r, const struct record *rec, size_t n,
    json_t *span, json_t *tokens, size_t start, size_t end)
{
	size_t	ts, te, at;

	if (json_object_get(span, "token_start") == NULL ||
	    json_object_get(span, "token_end") == NULL || tokens == NULL)
		return 0;
	if (whole(r, rec, n, span, "token_start", &ts) == -1 ||
	    whole(r, rec, n, span, "token_end", &te) == -1)
		return -1;
	if (te < ts)
		return error("%s:%lu: spans %zu: token_end %zu is before"
		    " token_start %zu (token_end is inclusive)", r->name,
		    rec->line, n, te, ts);
	if (token_at(r, rec, n, tokens, ts, "token_start", "start", &at) ==
	    -1)
		return -1;
	if (at != start)
		return error("%s:%lu: spans %zu: starts at %zu, but its"
		    " token_start %zu starts at %zu", r->name, rec->line, n,
		    start, ts, at);
	if (token_at(r, rec, n, tokens, te, "token_end", "end", &at) == -1)
		return -1;
	if (at != end)
		return error("%s:%lu: spans %zu: ends at %zu, but its token_end"
		    " %zu (inclusive) ends at %zu", r->name, rec->line, n, end,
		    te, at);
	return 0;
}

/* One offset of span n as a code point. */
static int
to_cp(struct reader *r, const struct record *rec, size_t n, const char *key,
    size_t off, size_t *cp)
{
	const char	*why;

	if (offset_to_cp(rec->text, rec->text_len, reader_unit(r, OFFSETS_CODEPOINT), off, cp, &why)
	    == 0)
		return 0;
	return error("%s:%lu: spans %zu: \"%s\" %zu is %s (the text is %zu"
	    " %s units long)", r->name, rec->line, n, key, off, why,
	    offset_length(rec->text, rec->text_len, reader_unit(r, OFFSETS_CODEPOINT)),
	    offset_unit_name(reader_unit(r, OFFSETS_CODEPOINT)));
}

/* The line's "spans" as a result list in code points. */
static json_t *
read_spans(struct reader *r, const struct record *rec, json_t *v,
    json_t *tokens)
{
	json_t		*list, *span, *e, *t;
	const char	*k;
	size_t		 i, start, end, s, e_cp, b0, b1;

	if (!json_is_array(v)) {
		error("%s:%lu: \"spans\" must be a list of {\"start\", \"end\","
		    " \"label\"}", r->name, rec->line);
		return NULL;
	}
	list = json_array();
	json_array_foreach(v, i, e) {
		if (!json_is_object(e)) {
			error("%s:%lu: spans %zu must be an object", r->name,
			    rec->line, i + 1);
			goto bad;
		}
		if (whole(r, rec, i + 1, e, "start", &start) == -1 ||
		    whole(r, rec, i + 1, e, "end", &end) == -1)
			goto bad;
		if (!json_is_string(json_object_get(e, "label"))) {
			error("%s:%lu: spans %zu: \"label\" must be a string",
			    r->name, rec->line, i + 1);
			goto bad;
		}
		if (end <= start) {
			error("%s:%lu: spans %zu: ends at or before its start",
			    r->name, rec->line, i + 1);
			goto bad;
		}
		if (check_tokens(r, rec, i + 1, e, tokens, start, end) == -1 ||
		    to_cp(r, rec, i + 1, "start", start, &s) == -1 ||
		    to_cp(r, rec, i + 1, "end", end, &e_cp) == -1)
			goto bad;
		t = json_object_get(e, "text");
		b0 = utf8_offset(rec->text, rec->text_len, s);
		b1 = utf8_offset(rec->text, rec->text_len, e_cp);
		if (json_is_string(t) && (json_string_length(t) != b1 - b0 ||
		    memcmp(json_string_value(t), rec->text + b0, b1 - b0) !=
		    0)) {
			error("%s:%lu: spans %zu: its \"text\" is '%s', but the"
			    " text from %zu to %zu is '%.*s'", r->name,
			    rec->line, i + 1, json_string_value(t), start, end,
			    (int)(b1 - b0), rec->text + b0);
			goto bad;
		}
		span = json_pack("{s:I, s:I}", "start", (json_int_t)s, "end",
		    (json_int_t)e_cp);
		json_object_foreach(e, k, t)
			if (strcmp(k, "start") != 0 && strcmp(k, "end") != 0)
				json_object_set(span, k, t);
		json_array_append_new(list, span);
	}
	return list;
bad:
	json_decref(list);
	return NULL;
}

/* "accept": option ids as labels (a string id is the label, else the
 * option's text). */
static json_t *
read_accept(struct reader *r, const struct record *rec, json_t *accept,
    json_t *options)
{
	json_t	*list, *id, *o, *label;
	size_t	 i, j;

	if (!json_is_array(accept)) {
		error("%s:%lu: \"accept\" must be a list of option ids",
		    r->name, rec->line);
		return NULL;
	}
	list = json_array();
	json_array_foreach(accept, i, id) {
		label = json_is_string(id) ? id : NULL;
		json_array_foreach(options, j, o)
			if (json_equal(json_object_get(o, "id"), id) &&
			    !json_is_string(id))
				label = json_object_get(o, "text");
		if (!json_is_string(label)) {
			error("%s:%lu: accept %zu: no option with that id and a"
			    " text", r->name, rec->line, i + 1);
			json_decref(list);
			return NULL;
		}
		json_array_append(list, label);
	}
	return list;
}

/* Fills result from the line's spans, label and accept. */
static int
read_result(struct reader *r, const struct record *rec, json_t *obj,
    json_t *result)
{
	const struct control	*c;
	json_t			*v, *list;

	if ((v = json_object_get(obj, "spans")) != NULL) {
		if ((c = reader_control(r->opts.cfg, CONTROL_SPANS, -1)) ==
		    NULL)
			return error("%s:%lu: the line has \"spans\", and the"
			    " project has no spans control for them", r->name,
			    rec->line);
		if ((list = read_spans(r, rec, v,
		    json_object_get(obj, "tokens"))) == NULL)
			return -1;
		json_object_set_new(result, c->name, list);
	}
	list = NULL;
	if ((v = json_object_get(obj, "accept")) != NULL) {
		if ((list = read_accept(r, rec, v,
		    json_object_get(obj, "options"))) == NULL)
			return -1;
	} else if ((v = json_object_get(obj, "label")) != NULL) {
		if (!json_is_string(v))
			return error("%s:%lu: \"label\" must be a string",
			    r->name, rec->line);
		list = json_pack("[O]", v);
	}
	if (list == NULL)
		return 0;
	if ((c = reader_control(r->opts.cfg, CONTROL_CHOICE,
	    CONTROL_MULTICHOICE)) == NULL) {
		json_decref(list);
		return error("%s:%lu: the line has \"%s\", and the project has"
		    " no choice or multichoice control for it", r->name,
		    rec->line, json_object_get(obj, "accept") ? "accept" :
		    "label");
	}
	json_object_set_new(result, c->name, list);
	return 0;
}

/* The annotation of an answered line, or a prediction of an unanswered
 * one, into r->built. */
static int
read_answer(struct reader *r, struct record *rec, json_t *obj, json_t *result,
    json_t *kept)
{
	json_t		*v, *ann;
	const char	*answer, *user;
	char		 when[CLOCK_ISO_LEN];

	v = json_object_get(obj, "answer");
	if (r->built == NULL)
		r->built = json_array();
	if (v == NULL || json_is_null(v)) {
		if (json_object_size(result) == 0)
			return 0;
		json_array_append_new(r->built, json_pack("{s:O, s:s}",
		    "result", result, "model", "prodigy"));
		rec->predictions = r->built;
		return 0;
	}
	answer = json_string_value(v);
	if (answer == NULL || (strcmp(answer, "accept") != 0 &&
	    strcmp(answer, "reject") != 0 && strcmp(answer, "ignore") != 0))
		return error("%s:%lu: \"answer\" must be accept, reject or"
		    " ignore", r->name, rec->line);
	if (((v = json_object_get(obj, "_annotator_id")) != NULL &&
	    !json_is_string(v)) || ((v = json_object_get(obj, "_session_id"))
	    != NULL && !json_is_string(v)))
		return error("%s:%lu: \"%s\" must be a string (a user's name)",
		    r->name, rec->line, v == json_object_get(obj,
		    "_annotator_id") ? "_annotator_id" : "_session_id");
	user = json_string_value(json_object_get(obj, "_annotator_id"));
	if (user == NULL)
		user = json_string_value(json_object_get(obj, "_session_id"));
	if (user == NULL)
		user = r->opts.user != NULL ? r->opts.user : "";
	ann = json_pack("{s:s, s:s, s:O}", "user", user, "state",
	    strcmp(answer, "ignore") == 0 ? "skipped" : "submitted", "result",
	    result);
	if ((v = json_object_get(obj, "_timestamp")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 253402300799LL) {
			json_decref(ann);
			return error("%s:%lu: \"_timestamp\" must be seconds"
			    " since 1970", r->name, rec->line);
		}
		prodigy_iso(json_integer_value(v), when);
		json_object_set_new(ann, "created_at", json_string(when));
		json_object_set_new(ann, "updated_at", json_string(when));
	}
	json_array_append_new(r->built, ann);
	rec->annotations = r->built;
	v = json_object();
	if (strcmp(answer, "reject") == 0)
		json_object_set_new(v, "answer", json_string(answer));
	if (json_object_get(obj, "_session_id") != NULL)
		json_object_set(v, "_session_id", json_object_get(obj,
		    "_session_id"));
	if (json_object_size(v) > 0) {
		if (json_object_get(kept, BY_USER) == NULL)
			json_object_set_new(kept, BY_USER, json_object());
		json_object_set_new(json_object_get(kept, BY_USER), user, v);
	} else
		json_decref(v);
	return 0;
}

/* A line into rec (its first line) or, with more, one more annotation of
 * rec's task (into r->built and the kept meta). */
static int
read_line(struct reader *r, struct record *rec, json_t *obj)
{
	json_t		*v, *kept, *result;
	const char	*k;

	v = json_object_get(obj, "text");
	if (!json_is_string(v))
		return error("%s:%lu: a Prodigy line needs \"text\", a string%s",
		    r->name, rec->line, json_object_get(obj, "image") != NULL ?
		    " (image tasks are not read from Prodigy yet)" : "");
	rec->text = json_string_value(v);
	rec->text_len = json_string_length(v);
	if (reader_id(r, rec, json_object_get(obj, "id")) == -1)
		return -1;
	v = json_object_get(obj, "meta");
	if (v != NULL && !json_is_object(v) && !json_is_null(v))
		return error("%s:%lu: \"meta\" must be an object", r->name,
		    rec->line);
	if (json_is_object(v) && json_object_get(v, KEPT) != NULL)
		return error("%s:%lu: \"meta\" has a key \"" KEPT "\", which"
		    " scalec keeps Prodigy's own fields in", r->name,
		    rec->line);
	r->meta = json_is_object(v) ? json_deep_copy(v) : json_object();
	kept = json_object();
	json_object_foreach(obj, k, v)
		if (!format_key_in(k, read_keys, ARRAY_SIZE(read_keys)))
			json_object_set(kept, k, v);
	result = json_object();
	if (read_result(r, rec, obj, result) == -1 ||
	    read_answer(r, rec, obj, result, kept) == -1) {
		json_decref(result);
		json_decref(kept);
		return -1;
	}
	json_decref(result);
	if (json_object_size(kept) > 0)
		json_object_set(r->meta, KEPT, kept);
	json_decref(kept);
	rec->meta = r->meta;
	return 0;
}

/* The keys in which two people's answers to one question differ. */
static const char *const answer_keys[] = { "answer", "_annotator_id",
    "_session_id", "_timestamp", "spans", "label", "accept" };

/* 1 when b is a's question answered again: both answered, every other
 * key the same. */
static int
same_question(json_t *a, json_t *b)
{
	json_t		*x, *y, *v;
	const char	*k;
	int		 i;

	if (!json_is_string(json_object_get(a, "answer")) ||
	    !json_is_string(json_object_get(b, "answer")))
		return 0;
	for (i = 0, x = a, y = b; i < 2; i++, x = b, y = a)
		json_object_foreach(x, k, v)
			if (!format_key_in(k, answer_keys,
			    ARRAY_SIZE(answer_keys)) &&
			    !json_equal(v, json_object_get(y, k)))
				return 0;
	return 1;
}

/* 1 when rec's annotations have one by the user line b names. */
static int
answered_by(const struct record *rec, json_t *b, const char *me)
{
	const char	*u = json_string_value(json_object_get(b,
			    "_annotator_id"));
	json_t		*e;
	size_t		 i;

	if (u == NULL)
		u = json_string_value(json_object_get(b, "_session_id"));
	if (u == NULL)
		u = me != NULL ? me : "";
	json_array_foreach(rec->annotations, i, e)
		if (strcmp(json_string_value(json_object_get(e, "user")), u)
		    == 0)
			return 1;
	return 0;
}

/* Line b (at line) as one more annotation of rec's task. */
static int
more_answer(struct reader *r, struct record *rec, json_t *b,
    unsigned long line)
{
	struct record	 nr;
	json_t		*kept, *result;
	int		 rc;

	memset(&nr, 0, sizeof nr);
	nr.line = line;
	nr.text = rec->text;
	nr.text_len = rec->text_len;
	if ((kept = json_object_get(r->meta, KEPT)) == NULL) {
		kept = json_object();
		json_object_set_new(r->meta, KEPT, kept);
	}
	result = json_object();
	rc = read_result(r, &nr, b, result) == -1 ||
	    read_answer(r, &nr, b, result, kept) == -1 ? -1 : 0;
	json_decref(result);
	if (json_object_size(kept) == 0)
		json_object_del(r->meta, KEPT);
	return rc;
}

/* A line of the file as read, with what prodigy_scan made of it. */
struct pline {
	struct buf	 raw;		/* its bytes, NUL-terminated */
	unsigned long	 line;
	int		 scanned;	/* 1: ps, b and kb hold it; -1: it is
					 * the tree's; 0: not tried */
	struct pscan	 ps;
	struct buf	 b, kb;
};

/*
 * The reader's window on the file: the lines of the task being read
 * (the first, and those read after it to see whether they are more
 * answers to its question), the first line not of it kept for the next.
 */
struct prodigy_r {
	struct pline	**w;
	size_t		  n;		/* lines in w */
	size_t		  aw;
	size_t		  used;		/* of them, the last task's */
	struct buf	  tokens;	/* the line's, in the stored form */
	struct buf	  meta;		/* the scanned task's meta */
	struct buf	  by;		/* its "annotators" */
	struct buf	  tmp;		/* a string unescaped */
	struct buf	  more;		/* a span's other keys */
	struct buf	  result;	/* the scanned line's result, */
	struct buf	  user;		/* its annotator, */
	char		  when[CLOCK_ISO_LEN];	/* its time, */
	struct record_ann ann;		/* its annotation (record_ann) */
	json_t		 *idv;		/* the scanned line's "id" */
	size_t		 *tstart, *tend; /* its tokens' offsets, as written */
	size_t		  atok;
};

static void
pline_free(struct pline *pl)
{
	if (pl == NULL)
		return;
	buf_release(&pl->raw);
	buf_release(&pl->b);
	buf_release(&pl->kb);
	prodigy_scan_release(&pl->ps);
	free(pl);
}

static void
prodigy_close(struct reader *r)
{
	struct prodigy_r	*p = r->priv;
	size_t			 i;

	if (p != NULL) {
		for (i = 0; i < p->aw; i++)
			pline_free(p->w[i]);
		free(p->w);
		buf_release(&p->tokens);
		buf_release(&p->meta);
		buf_release(&p->by);
		buf_release(&p->tmp);
		buf_release(&p->more);
		buf_release(&p->result);
		buf_release(&p->user);
		json_decref(p->idv);
		free(p->tstart);
		free(p->tend);
	}
	free(p);
	r->priv = NULL;
}

/* Line i of the window, read from the file when it is not there yet
 * (blank lines skipped): 1, 0 at the end, -1 after reporting. */
static int
fill(struct reader *r, struct prodigy_r *p, size_t i)
{
	struct pline	*pl;
	char		*line;
	size_t		 len, a;
	int		 rc;

	while (p->n <= i) {
		do
			if ((rc = linereader_next(&r->lr, &line, &len)) != 1)
				return rc;
		while (format_blank_line(line, len));
		if (p->n == p->aw) {
			a = p->aw;
			ARRAY_GROW(p->w, p->n + 1, p->aw);
			memset(p->w + a, 0, (p->aw - a) * sizeof p->w[0]);
		}
		if ((pl = p->w[p->n]) == NULL)
			pl = p->w[p->n] = xcalloc(1, sizeof *pl);
		buf_reset(&pl->raw);
		buf_add(&pl->raw, line, len);
		buf_addch(&pl->raw, '\0');
		pl->raw.len = len;
		pl->line = r->lr.lineno;
		pl->scanned = 0;
		p->n++;
	}
	return 1;
}

/* Line i of the window (there) scanned: 1 when prodigy_scan took it. */
static int
scanned(struct pline *pl)
{
	if (pl->scanned == 0)
		pl->scanned = !prodigy_tree_only && prodigy_scan(pl->raw.data,
		    pl->raw.len, &pl->ps, &pl->b, &pl->kb) == 1 ? 1 : -1;
	return pl->scanned == 1;
}

/* Line i of the window as a tree, or NULL after reporting. */
static json_t *
tree(struct reader *r, struct pline *pl)
{
	return reader_json_bytes(r, pl->line, pl->raw.data, pl->raw.len);
}

/*
 * The tree's way, the reader's before the scanner and its reference: a
 * question answered twice in Prodigy's db-out is two lines one after the
 * other, so the lines after a task's first that ask the same (every key
 * but the answer's the same) and are answered by someone it has no
 * annotation of yet are more annotations of the same task. The first
 * line that is not stays in the window for the next task.
 */
static int
tree_task(struct reader *r, struct prodigy_r *p, struct record *rec)
{
	json_t	*cur, *next;
	size_t	 i;
	int	 rc;

	rec->line = p->w[0]->line;
	if ((r->obj = tree(r, p->w[0])) == NULL)
		return -1;
	p->used = 1;
	if (read_line(r, rec, r->obj) == -1 ||
	    reader_tokens(r, rec, json_object_get(r->obj, "tokens"),
	    &p->tokens) == -1)
		return -1;
	cur = r->obj;
	for (i = 1; rec->annotations != NULL; i++) {
		if ((rc = fill(r, p, i)) != 1)
			return rc == -1 ? -1 : 1;
		if ((next = tree(r, p->w[i])) == NULL)
			return -1;
		if (!same_question(cur, next) ||
		    answered_by(rec, next, r->opts.user)) {
			json_decref(next);
			break;
		}
		rc = more_answer(r, rec, next, p->w[i]->line);
		json_decref(next);
		if (rc == -1)
			return -1;
		p->used = i + 1;
	}
	return 1;
}

/* n's digits, as "%zu" writes them. */
static void
put_size(struct buf *b, size_t n)
{
	char	d[24], *p = d + sizeof d;

	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	buf_add(b, p, (size_t)(d + sizeof d - p));
}

/*
 * t (seconds since 1970, to 9999's end) as clock_iso writes it, without
 * gmtime and printf: the civil date of a day count, in the proleptic
 * Gregorian calendar's 400-year eras starting on 1 March (so that a leap
 * day is an era's year's last). tests/unit/check_prodigyscan.c compares
 * the two.
 */
void
prodigy_iso(int64_t t, char *out)
{
	int64_t		days = t / 86400, secs = t % 86400, z, era, doe, yoe, y,
			doy, mp, d, m;
	char		*p = out;
	int		i;
	int64_t		f[6];

	z = days + 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	f[0] = y + (m <= 2);
	f[1] = m;
	f[2] = d;
	f[3] = secs / 3600;
	f[4] = secs / 60 % 60;
	f[5] = secs % 60;
	*p++ = (char)('0' + f[0] / 1000);
	*p++ = (char)('0' + f[0] / 100 % 10);
	*p++ = (char)('0' + f[0] / 10 % 10);
	*p++ = (char)('0' + f[0] % 10);
	for (i = 1; i < 6; i++) {
		*p++ = "--T::"[i - 1];
		*p++ = (char)('0' + f[i] / 10);
		*p++ = (char)('0' + f[i] % 10);
	}
	*p++ = 'Z';
	*p = '\0';
}

/* The string a written (dumped) value is, borrowed until tmp's next
 * use: 1, or 0 when it is no string. */
static int
str_of(struct buf *tmp, const char *v, size_t len, const char **s,
    size_t *n)
{
	if (len < 2 || v[0] != '"')
		return 0;
	if (memchr(v, '\\', len) == NULL) {
		*s = v + 1;
		*n = len - 2;
		return 1;
	}
	buf_reset(tmp);
	if (jw_unstring(tmp, v, len) == -1)
		return 0;
	buf_addch(tmp, '\0');
	*s = tmp->data;
	*n = tmp->len - 1;
	return 1;
}

/* 1 with the whole number a written value is (from 0: from0). */
static int
whole_of(const char *v, size_t len, int from0, int64_t *out)
{
	size_t	i = v[0] == '-';
	int64_t	n = 0;

	if (i == len || (from0 && i == 1))
		return 0;
	for (; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return 0;
		n = n * 10 + (v[i] - '0');
	}
	*out = v[0] == '-' ? -n : n;
	return 1;
}

/* A written value as a tree (one the scanner wrote: JSON). */
static json_t *
tree_of(const char *v, size_t len)
{
	int64_t	n;

	if (whole_of(v, len, 0, &n))
		return json_integer(n);
	if (v[0] == '"' && memchr(v, '\\', len) == NULL)
		return json_stringn_nocheck(v + 1, len - 2);
	return json_loadb(v, len, JSON_DECODE_ANY, NULL);
}

/*
 * The next member of a written object (the scanner's compact text, so
 * nothing between the tokens), *pp just after its '{' or a ',': its key
 * (quotes and all) and value; 1, or 0 at its '}', *pp past it. One pass
 * over the bytes, each value measured where it lies.
 */
static int
next_member(const char **pp, const char *end, const char **k, size_t *kn,
    const char **v, size_t *vn)
{
	const char	*p = *pp, *q;

	if (p >= end || *p != '"') {
		*pp = p + 1;
		return 0;
	}
	for (q = p + 1; q < end && *q != '"'; q++)
		if (*q == '\\')
			q++;
	*k = p;
	*kn = (size_t)(q + 1 - p);
	p = q + 2;			/* the ':' */
	*v = p;
	if (p < end && *p == '"') {
		for (q = p + 1; q < end && *q != '"'; q++)
			if (*q == '\\')
				q++;
		q++;
	} else if (p < end && (*p == '{' || *p == '[')) {
		q = p + jw_value_len(p, (size_t)(end - p));
	} else
		for (q = p; q < end && *q != ',' && *q != '}' && *q != ']'; q++)
			;
	*vn = (size_t)(q - p);
	*pp = q < end && *q == ',' ? q + 1 : q;
	return 1;
}

/* The members of the written object at *pp (its '{') through fn, *pp
 * moved past it (and a ',' after it). */
static void
each_member(const char **pp, const char *end, int (*fn)(void *, const char *,
    size_t, const char *, size_t), void *arg)
{
	const char	*k, *v;
	size_t		 kn, vn;

	(*pp)++;
	while (next_member(pp, end, &k, &kn, &v, &vn))
		fn(arg, k, kn, v, vn);
	if (*pp < end && **pp == ',')
		(*pp)++;
}

/* Code point cp's byte offset in the text, as utf8_offset gives it, by
 * walking on from the last one asked (*cpos, *bpos; cp no less). */
static size_t
offset_on(const char *s, size_t len, size_t *cpos, size_t *bpos, size_t cp)
{
	size_t	i = *bpos, c = *cpos;

	while (c < cp && i < len) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		c++;
	}
	*cpos = c;
	*bpos = i;
	return i;
}

/* A token's or a span's members, gathered by each_member. */
struct members {
	const char	*start, *end, *text, *label, *ts, *te;
	size_t		 nstart, nend, ntext, nlabel, nts, nte;
	struct buf	*more;		/* a span's other keys, as written
					 * (",key:value" each), or NULL */
};

static int
member(void *arg, const char *k, size_t kn, const char *v, size_t n)
{
	struct members	*m = arg;

#define IS(name)	(kn == sizeof name + 1 && memcmp(k + 1, name, kn - 2) == 0)
	if (IS("start"))
		m->start = v, m->nstart = n;
	else if (IS("end"))
		m->end = v, m->nend = n;
	else {
		if (IS("text"))
			m->text = v, m->ntext = n;
		else if (IS("label"))
			m->label = v, m->nlabel = n;
		else if (IS("token_start"))
			m->ts = v, m->nts = n;
		else if (IS("token_end"))
			m->te = v, m->nte = n;
		/* The scanner's bytes are json_dumps' (JSON_COMPACT): the
		 * key and value as a tree of them is written. */
		if (m->more != NULL) {
			buf_addch(m->more, ',');
			buf_add(m->more, k, kn);
			buf_addch(m->more, ':');
			buf_add(m->more, v, n);
		}
	}
#undef IS
	return 0;
}

/* The scanned line's tokens (as reader_tokens reads them) into
 * p->tokens, their offsets as written into p->tstart and p->tend; the
 * count, or -1 for the tree. */
static ssize_t
fast_tokens(struct reader *r, struct prodigy_r *p, const struct record *rec,
    const struct pscan *ps, const char *kb)
{
	enum offset_unit u = reader_unit(r, OFFSETS_CODEPOINT);
	const struct ptok *t;
	const char	*why, *ts;
	size_t		 nt = 0, s, e, prev = 0, ncp = 0, b0, b1, tl, cpos = 0,
			 bpos = 0;
	int64_t		 js, je;

	if (!ps->toks_ok)
		return -1;
	if (u == OFFSETS_CODEPOINT)
		ncp = utf8_count(rec->text, rec->text_len);
	buf_reset(&p->tokens);
	buf_addch(&p->tokens, '[');
	for (t = ps->tok; t < ps->tok + ps->ntok; t++) {
		if (t->start.len == 0 || t->end.len == 0 ||
		    !whole_of(kb + t->start.at, t->start.len, 1, &js) ||
		    !whole_of(kb + t->end.at, t->end.len, 1, &je))
			return -1;
		if (u == OFFSETS_CODEPOINT) {
			s = (size_t)js;
			e = (size_t)je;
			if (s > ncp || e > ncp)
				return -1;
		} else if (offset_to_cp(rec->text, rec->text_len, u,
		    (size_t)js, &s, &why) == -1 || offset_to_cp(rec->text,
		    rec->text_len, u, (size_t)je, &e, &why) == -1)
			return -1;
		if (e <= s || s < prev)
			return -1;
		if (t->text.len > 0) {
			b0 = offset_on(rec->text, rec->text_len, &cpos, &bpos,
			    s);
			b1 = offset_on(rec->text, rec->text_len, &cpos, &bpos,
			    e);
			if (!str_of(&p->tmp, kb + t->text.at, t->text.len, &ts,
			    &tl) ||
			    tl != b1 - b0 || memcmp(ts, rec->text + b0, tl) != 0)
				return -1;
		}
		if (nt == p->atok) {
			p->atok = p->atok * 2 + 16;
			p->tstart = xreallocarray(p->tstart, p->atok,
			    sizeof *p->tstart);
			p->tend = xreallocarray(p->tend, p->atok,
			    sizeof *p->tend);
		}
		p->tstart[nt] = (size_t)js;
		p->tend[nt++] = (size_t)je;
		if (nt > 1)
			buf_addch(&p->tokens, ',');
		put_size(&p->tokens, s);
		buf_addch(&p->tokens, ',');
		put_size(&p->tokens, e);
		prev = e;
	}
	buf_addch(&p->tokens, ']');
	return (ssize_t)nt;
}

/* The scanned line's spans as read_spans reads them, written as
 * json_dumps(list, JSON_COMPACT) writes that list, into out: 0, or -1
 * for the tree; ntok -1: the line has no tokens. */
static int
fast_spans(struct reader *r, struct prodigy_r *p, const struct record *rec,
    const char *v, size_t len, ssize_t ntok, struct buf *out)
{
	enum offset_unit u = reader_unit(r, OFFSETS_CODEPOINT);
	struct members	 m;
	const char	*why, *ts, *at = v + 1;
	size_t		 s, e, b0, b1, tl, ncp = (size_t)-1, n = 0;
	int64_t		 start, end, a, b;

	if (len < 2 || v[0] != '[')
		return -1;
	buf_addch(out, '[');
	while (*at != ']') {
		if (*at != '{')
			return -1;
		memset(&m, 0, sizeof m);
		buf_reset(&p->more);
		m.more = &p->more;
		each_member(&at, v + len, member, &m);
		if (m.start == NULL || m.end == NULL ||
		    !whole_of(m.start, m.nstart, 1, &start) ||
		    !whole_of(m.end, m.nend, 1, &end) || m.label == NULL ||
		    m.label[0] != '"' || end <= start)
			return -1;
		if (m.ts != NULL && m.te != NULL && ntok >= 0) {
			if (!whole_of(m.ts, m.nts, 1, &a) ||
			    !whole_of(m.te, m.nte, 1, &b) || b < a ||
			    a >= ntok || p->tstart[a] != (size_t)start ||
			    b >= ntok || p->tend[b] != (size_t)end)
				return -1;
		}
		/* Code points are the offsets themselves (fast_tokens). */
		if (u == OFFSETS_CODEPOINT) {
			if (ncp == (size_t)-1)
				ncp = utf8_count(rec->text, rec->text_len);
			s = (size_t)start;
			e = (size_t)end;
			if (s > ncp || e > ncp)
				return -1;
		} else if (offset_to_cp(rec->text, rec->text_len, u,
		    (size_t)start, &s, &why) == -1 || offset_to_cp(rec->text,
		    rec->text_len, u, (size_t)end, &e, &why) == -1)
			return -1;
		if (m.text != NULL && m.text[0] == '"') {
			b0 = utf8_offset(rec->text, rec->text_len, s);
			b1 = utf8_offset(rec->text, rec->text_len, e);
			if (!str_of(&p->tmp, m.text, m.ntext, &ts, &tl) ||
			    tl != b1 - b0 || memcmp(ts, rec->text + b0, tl) != 0)
				return -1;
		}
		/* {"start", "end", then its other keys in the line's order},
		 * as read_spans builds it. */
		buf_addstr(out, n++ > 0 ? ",{\"start\":" : "{\"start\":");
		jw_int(out, (int64_t)s);
		buf_addstr(out, ",\"end\":");
		jw_int(out, (int64_t)e);
		buf_add(out, p->more.data, p->more.len);
		buf_addch(out, '}');
	}
	buf_addch(out, ']');
	return 0;
}

/* A written string as JSON the way jansson writes a key of it. */
static void
key_put(struct buf *b, const char *s)
{
	jw_string(b, s);
}

/*
 * The task's first line, scanned, as read_line and reader_tokens read
 * its tree: 1, or 0 when it is the tree's (anything unusual, or wrong:
 * the tree says what), with rec and the reader as before.
 */
static int
fast_line(struct reader *r, struct prodigy_r *p, struct record *rec)
{
	struct pline		*pl = p->w[0];
	const struct pscan	*ps = &pl->ps;
	const struct control	*c;
	const char		*b = pl->b.data, *kb = pl->kb.data, *user = NULL,
				*v, *ans;
	json_t			*result = NULL;
	ssize_t			 ntok = -1;
	int64_t			 n, t;
	size_t			 len;
	int			 reject = 0;

	rec->line = pl->line;
	rec->text = b + ps->text.at;
	rec->text_len = ps->text.len;
	if (ps->id.has) {
		v = b + ps->id.at;
		if (whole_of(v, ps->id.len, 0, &n))
			p->idv = json_integer(n);
		else if (v[0] == '"' && ps->id.len > 2)
			p->idv = tree_of(v, ps->id.len);
		else
			goto tree;
		if (p->idv == NULL || reader_id(r, rec, p->idv) == -1)
			goto tree;
	}
	if (ps->meta.has && memmem(b + ps->meta.at, ps->meta.len,
	    "\"" KEPT "\"", sizeof KEPT + 1) != NULL)
		goto tree;
	if (ps->tokens.has && (ntok = fast_tokens(r, p, rec, ps, kb)) == -1)
		goto tree;
	/* The result, as json_dumps(result, JSON_COMPACT) writes the tree
	 * read_result builds: {} or {"<spans control>":[...]}. */
	buf_reset(&p->result);
	buf_addch(&p->result, '{');
	if (ps->spans.has) {
		if ((c = reader_control(r->opts.cfg, CONTROL_SPANS, -1)) ==
		    NULL)
			goto tree;
		jw_string(&p->result, c->name);
		buf_addch(&p->result, ':');
		if (fast_spans(r, p, rec, b + ps->spans.at, ps->spans.len,
		    ntok, &p->result) == -1)
			goto tree;
	}
	buf_addch(&p->result, '}');
	buf_reset(&p->meta);
	buf_reset(&p->by);
	if (!ps->answer.has || strcmp(b + ps->answer.at, "null") == 0) {
		/* A question not asked: a prediction, which the store takes
		 * as a tree. */
		if (ps->spans.has) {
			if ((result = json_loadb(p->result.data, p->result.len,
			    0, NULL)) == NULL)
				goto tree;
			r->built = json_array();
			json_array_append_new(r->built, json_pack("{s:o, s:s}",
			    "result", result, "model", "prodigy"));
			result = NULL;
			rec->predictions = r->built;
		}
	} else {
		ans = b + ps->answer.at;
		if (strcmp(ans, "\"accept\"") != 0 && strcmp(ans,
		    "\"ignore\"") != 0 && !(reject = strcmp(ans,
		    "\"reject\"") == 0))
			goto tree;
		if ((ps->annotator.has && b[ps->annotator.at] != '"') ||
		    (ps->session.has && b[ps->session.at] != '"'))
			goto tree;
		v = ps->annotator.has ? b + ps->annotator.at : ps->session.has ?
		    b + ps->session.at : NULL;
		if (v != NULL) {
			if (!str_of(&p->tmp, v, strlen(v), &user, &len))
				goto tree;
		} else {
			user = r->opts.user != NULL ? r->opts.user : "";
			len = strlen(user);
		}
		/* The annotation as text (record_ann): no tree to build,
		 * check, dump and free. */
		buf_reset(&p->user);
		buf_add(&p->user, user, len);
		memset(&p->ann, 0, sizeof p->ann);
		p->ann.user = buf_str(&p->user);
		p->ann.state = ans[1] == 'i' ? "skipped" : "submitted";
		p->ann.result = buf_str(&p->result);
		p->ann.result_len = p->result.len;
		if (ps->timestamp.has) {
			if (!whole_of(b + ps->timestamp.at, ps->timestamp.len, 1,
			    &t) || t > 253402300799LL)
				goto tree;
			prodigy_iso(t, p->when);
			p->ann.created_at = p->when;
			p->ann.updated_at = p->when;
		}
		rec->anns = &p->ann;
		rec->nanns = 1;
		/* What the annotation cannot say, by user: the kept part's
		 * last key. */
		if (reject || ps->session.has) {
			buf_addstr(&p->by, "\"" BY_USER "\":{");
			if (v != NULL)
				buf_addstr(&p->by, v);
			else
				key_put(&p->by, user);
			buf_addstr(&p->by, ":{");
			if (reject)
				buf_addstr(&p->by, "\"answer\":\"reject\"");
			if (reject && ps->session.has)
				buf_addch(&p->by, ',');
			if (ps->session.has) {
				buf_addstr(&p->by, "\"_session_id\":");
				buf_addstr(&p->by, b + ps->session.at);
			}
			buf_addstr(&p->by, "}}");
		}
	}
	/* meta, then "_prodigy": {the kept keys, then "annotators"}. */
	if (pl->kb.len > 0 || p->by.len > 0) {
		if (ps->meta.has && ps->meta.len > 2) {
			buf_add(&p->meta, b + ps->meta.at, ps->meta.len - 1);
			buf_addch(&p->meta, ',');
		} else
			buf_addch(&p->meta, '{');
		buf_addstr(&p->meta, "\"" KEPT "\":{");
		if (pl->kb.len > 0)
			buf_add(&p->meta, kb, pl->kb.len);
		if (p->by.len > 0 && pl->kb.len > 0)
			buf_addch(&p->meta, ',');
		if (p->by.len > 0)
			buf_add(&p->meta, p->by.data, p->by.len);
		buf_addstr(&p->meta, "}}");
		rec->meta_json = buf_str(&p->meta);
	} else
		rec->meta_json = ps->meta.has ? b + ps->meta.at : "{}";
	if (ntok > 0)
		rec->tokens = buf_str(&p->tokens);
	return 1;
tree:
	json_decref(result);
	json_decref(r->built);
	r->built = NULL;
	json_decref(p->idv);
	p->idv = NULL;
	memset(rec, 0, sizeof *rec);
	return 0;
}

/* The task in the window's first line, scanned where it can be. */
static int
prodigy_read(struct reader *r, struct record *rec)
{
	struct prodigy_r	*p = r->priv;
	struct pline		*a, *b;
	size_t			 i;
	int			 rc;

	if (p == NULL)
		r->priv = p = xcalloc(1, sizeof *p);
	/* The last task's lines go to the window's end, for reuse. */
	for (i = 0; i < p->used; i++) {
		a = p->w[0];
		memmove(p->w, p->w + 1, (p->aw - 1) * sizeof p->w[0]);
		p->w[p->aw - 1] = a;
	}
	p->n -= p->used;
	p->used = 0;
	json_decref(p->idv);
	p->idv = NULL;
	if ((rc = fill(r, p, 0)) != 1)
		return rc;
	if (!scanned(p->w[0]) || fast_line(r, p, rec) == 0)
		return tree_task(r, p, rec);
	p->used = 1;
	if (rec->nanns == 0)
		return prodigy_fast_reads++, 1;
	/* Answered: the next line may answer the same question. It does
	 * not when it is not answered or its text is another (both keys
	 * same_question compares); else the tree decides. */
	if ((rc = fill(r, p, 1)) != 1)
		return rc == -1 ? -1 : (prodigy_fast_reads++, 1);
	a = p->w[0];
	b = p->w[1];
	if (scanned(b) && (!b->ps.answer.has || b->b.data[b->ps.answer.at] !=
	    '"' || b->ps.text.len != a->ps.text.len || memcmp(b->b.data +
	    b->ps.text.at, a->b.data + a->ps.text.at, a->ps.text.len) != 0))
		return prodigy_fast_reads++, 1;
	json_decref(r->built);
	r->built = NULL;
	json_decref(p->idv);
	p->idv = NULL;
	memset(rec, 0, sizeof *rec);
	return tree_task(r, p, rec);
}

/*
 * The tokens a task keeps (from CoNLL or spaCy; a Prodigy line's own are
 * written back from KEPT) in Prodigy's shape, {"text", "start", "end",
 * "id", "ws"}, into *tok as well; NULL when it keeps none.
 */
static json_t *
write_tokens(const struct out_task *t, struct tokens *tok)
{
	json_t	*list;
	size_t	 i, len = strlen(t->text);

	if (t->tokens == NULL || tokens_decode(tok, t->tokens, t->text, len)
	    == -1)
		return NULL;
	list = json_array();
	for (i = 0; i < tok->n; i++)
		json_array_append_new(list, json_pack("{s:s%, s:I, s:I, s:I,"
		    " s:b}", "text", t->text + tok->v[i].bstart,
		    tok->v[i].bend - tok->v[i].bstart, "start",
		    (json_int_t)tok->v[i].start, "end",
		    (json_int_t)tok->v[i].end, "id", (json_int_t)i, "ws",
		    tok->v[i].bend < len && t->text[tok->v[i].bend] == ' '));
	return list;
}

/* The spans of value v, in code points, with their other keys, and the
 * tokens they start and end on where tok has them and the span did not
 * come with its own. */
static json_t *
write_spans(const struct ans_value *v, const struct tokens *tok)
{
	json_t	*list = json_array(), *span;
	size_t	 i, a, b;

	for (i = 0; i < v->nspans; i++) {
		span = json_pack("{s:I, s:I}", "start",
		    (json_int_t)v->spans[i].start, "end",
		    (json_int_t)v->spans[i].end);
		if (tok != NULL && (a = tokens_starting(tok,
		    v->spans[i].start)) < tok->n && (b = tokens_ending(tok,
		    v->spans[i].end)) < tok->n && a <= b) {
			json_object_set_new(span, "token_start",
			    json_integer((json_int_t)a));
			json_object_set_new(span, "token_end",
			    json_integer((json_int_t)b));
		}
		if (v->spans[i].more != NULL)
			json_object_update(span, v->spans[i].more);
		json_object_set_new(span, "label", json_string(
		    v->control->labels[v->spans[i].label].name));
		json_array_append_new(list, span);
	}
	return list;
}

/* The chosen labels of v as "label", or as the ids of "options" in
 * "accept" (a multichoice, or a line that had options). */
static void
write_classes(json_t *j, const struct ans_value *v, json_t *kept)
{
	json_t	*options = json_object_get(kept, "options"), *accept, *o, *id;
	size_t	 i, k;

	if (v == NULL || v->chosen == NULL)
		return;
	if (options == NULL && v->control->kind == CONTROL_CHOICE) {
		for (i = 0; i < v->control->nlabels; i++)
			if (v->chosen[i])
				json_object_set_new(j, "label", json_string(
				    v->control->labels[i].name));
		return;
	}
	if (options == NULL) {
		options = json_array();
		for (i = 0; i < v->control->nlabels; i++)
			if (!v->control->labels[i].retired)
				json_array_append_new(options, json_pack(
				    "{s:s, s:s}", "id",
				    v->control->labels[i].name, "text",
				    v->control->labels[i].name));
		json_object_set_new(j, "options", options);
	}
	accept = json_array();
	for (i = 0; i < v->control->nlabels; i++) {
		if (!v->chosen[i])
			continue;
		id = NULL;
		json_array_foreach(options, k, o)
			if (json_is_string(json_object_get(o, "id")) ?
			    strcmp(json_string_value(json_object_get(o, "id")),
			    v->control->labels[i].name) == 0 :
			    json_is_string(json_object_get(o, "text")) &&
			    strcmp(json_string_value(json_object_get(o,
			    "text")), v->control->labels[i].name) == 0)
				id = json_object_get(o, "id");
		json_array_append_new(accept, id != NULL ? json_incref(id) :
		    json_string(v->control->labels[i].name));
	}
	json_object_set_new(j, "accept", accept);
}

/* The annotation's own fields: answer, who, when. */
static void
write_answer(json_t *j, const struct out_annotation *a, json_t *kept)
{
	json_t	*mine = json_object_get(json_object_get(kept, BY_USER),
		    a->user), *v;
	time_t	 t;
	char	 why[128];

	if (strcmp(a->state, "skipped") == 0)
		json_object_set_new(j, "answer", json_string("ignore"));
	else if ((v = json_object_get(mine, "answer")) != NULL)
		json_object_set(j, "answer", v);
	else
		json_object_set_new(j, "answer", json_string("accept"));
	json_object_set_new(j, "_annotator_id", json_string(a->user));
	if ((v = json_object_get(mine, "_session_id")) != NULL)
		json_object_set(j, "_session_id", v);
	if (a->updated_at != NULL && when_parse_time(a->updated_at, &t, why,
	    sizeof why) == 0)
		json_object_set_new(j, "_timestamp", json_integer(t));
}

static int
write_line(struct writer *w, const struct out_task *t, const char *result,
    const struct out_annotation *a, json_t *meta)
{
	const struct control	*spans, *cls;
	const struct answer	*ans;
	const struct ans_value	*sv;
	struct tokens		 tok = TOKENS_INIT;
	json_t			*j, *kept, *v, *rest, *tokens = NULL;
	const char		*k;

	j = json_object();
	json_object_set_new(j, "text", json_string(t->text != NULL ? t->text :
	    ""));
	if (t->ext_id != NULL)
		json_object_set_new(j, "id", writer_id(t->ext_id));
	kept = json_object_get(meta, KEPT);
	json_object_foreach(kept, k, v)
		if (strcmp(k, BY_USER) != 0)
			json_object_set(j, k, v);
	if (json_object_get(j, "tokens") == NULL &&
	    (tokens = write_tokens(t, &tok)) != NULL)
		json_object_set_new(j, "tokens", tokens);
	rest = json_object();
	json_object_foreach(meta, k, v)
		if (strcmp(k, KEPT) != 0)
			json_object_set(rest, k, v);
	if (json_object_size(rest) > 0)
		json_object_set(j, "meta", rest);
	json_decref(rest);
	ans = result != NULL ? writer_answer(w, t, result) : NULL;
	spans = reader_control(w->cfg, CONTROL_SPANS, -1);
	cls = reader_control(w->cfg, CONTROL_CHOICE, CONTROL_MULTICHOICE);
	if ((sv = writer_value(ans, spans)) != NULL && (sv->present ||
	    a != NULL))
		json_object_set_new(j, "spans", write_spans(sv,
		    tokens != NULL ? &tok : NULL));
	tokens_release(&tok);
	write_classes(j, writer_value(ans, cls), kept);
	if (a != NULL)
		write_answer(j, a, kept);
	return writer_json_line(w, j);
}

/*
 * The export's direct way: a line written as write_line's tree would be
 * dumped, without the tree. An object of jansson keeps its keys in the
 * order first set, and a key set again keeps its place: struct line does
 * the same with each value already written (jansson's spacing, reals of
 * 15 digits), so the bytes are the tree's. The stored meta is read where
 * it lies (util/jsonw's relay); what this does not read with certainty
 * (a key with an escape or twice, meta that is not an object, a choice
 * control, text that is not UTF-8) is write_line's.
 */
#define LINE_KEYS	64

struct line {
	struct buf	 vals;		/* the values, written */
	const char	*key[LINE_KEYS];	/* borrowed */
	size_t		 klen[LINE_KEYS];
	size_t		 at[LINE_KEYS], len[LINE_KEYS];
	size_t		 n;
	int		 full;		/* more keys than LINE_KEYS */
};

/* The value written since mark as key's (klen bytes, unescaped). */
static void
line_set(struct line *l, const char *key, size_t klen, size_t mark)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (l->klen[i] == klen && memcmp(l->key[i], key, klen) == 0)
			break;
	if (i == l->n) {
		if (l->n == LINE_KEYS) {
			l->full = 1;
			return;
		}
		l->key[i] = key;
		l->klen[i] = klen;
		l->n++;
	}
	l->at[i] = mark;
	l->len[i] = l->vals.len - mark;
}

static int
line_has(const struct line *l, const char *key)
{
	size_t	i, n = strlen(key);

	for (i = 0; i < l->n; i++)
		if (l->klen[i] == n && memcmp(l->key[i], key, n) == 0)
			return 1;
	return 0;
}

/* The object's members, in their order, into b. */
static void
line_put(struct buf *b, const struct line *l)
{
	size_t	i;

	char	*o;

	buf_addch(b, '{');
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_add(b, ", ", 2);
		jw_stringn(b, l->key[i], l->klen[i]);
		/* ": " and the value at once. */
		buf_grow(b, l->len[i] + 2);
		o = b->data + b->len;
		*o++ = ':';
		*o++ = ' ';
		memcpy(o, l->vals.data + l->at[i], l->len[i]);
		b->len += l->len[i] + 2;
		b->data[b->len] = '\0';
	}
	buf_addch(b, '}');
}

/* A tree value as json_dumps writes it (JSON_ENCODE_ANY, 15 digits). */
static void
put_tree(struct buf *b, json_t *v)
{
	char	*s;

	switch (json_typeof(v)) {
	case JSON_INTEGER:
		jw_int(b, json_integer_value(v));
		return;
	case JSON_STRING:
		if (json_string_length(v) == strlen(json_string_value(v))) {
			jw_string(b, json_string_value(v));
			return;
		}
		break;
	case JSON_TRUE:
		buf_addstr(b, "true");
		return;
	case JSON_FALSE:
		buf_addstr(b, "false");
		return;
	case JSON_NULL:
		buf_addstr(b, "null");
		return;
	default:
		break;
	}
	if ((s = json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))) !=
	    NULL) {
		buf_addstr(b, s);
		free(s);
	}
}

/* A stored object's members (compact text, '{' first, at most len bytes
 * at s): each key (a plain one: no escape) and value, into m (*n of
 * them). The member called deep (NULL: none), when its value is an
 * object, has its members read into dm (*dn) as its length is found, so
 * that its bytes are walked once. The object's length, or 0 for the
 * tree. */
struct member {
	const char	*k, *v;
	size_t		 kn, vn;
};

#define OBJ_KEYS	64

static size_t
object_at(const char *s, size_t len, struct member *m, size_t *n,
    const char *deep, struct member *dm, size_t *dn)
{
	size_t	i = 1, j;

	*n = 0;
	if (len < 2 || s[0] != '{')
		return 0;
	if (s[1] == '}')
		return 2;
	for (;;) {
		if (*n == OBJ_KEYS || i >= len || s[i] != '"')
			return 0;
		m[*n].k = s + i + 1;
		for (j = i + 1; j < len && s[j] != '"' && s[j] != '\\'; j++)
			;
		if (j >= len || s[j] != '"' || j + 1 >= len || s[j + 1] != ':')
			return 0;
		m[*n].kn = j - i - 1;
		for (i = 0; i < *n; i++)
			if (m[i].kn == m[*n].kn && memcmp(m[i].k, m[*n].k,
			    m[i].kn) == 0)
				return 0;
		i = j + 2;
		m[*n].v = s + i;
		if (deep != NULL && i < len && s[i] == '{' &&
		    m[*n].kn == strlen(deep) && memcmp(m[*n].k, deep,
		    m[*n].kn) == 0)
			m[*n].vn = object_at(s + i, len - i, dm, dn, NULL, NULL,
			    NULL);
		else
			m[*n].vn = jw_value_len(s + i, len - i);
		if (m[*n].vn == 0)
			return 0;
		i += m[*n].vn;
		(*n)++;
		if (i < len && s[i] == '}')
			return i + 1;
		if (i >= len || s[i] != ',')
			return 0;
		i++;
	}
}

/* The members of the object that is all of s (len bytes): 0, or -1 for
 * the tree. */
static int
members(const char *s, size_t len, struct member *m, size_t *n)
{
	return object_at(s, len, m, n, NULL, NULL, NULL) == len ? 0 : -1;
}

/* The member named key, or NULL. */
static const struct member *
member_get(const struct member *m, size_t n, const char *key)
{
	size_t	i, kn = strlen(key);

	for (i = 0; i < n; i++)
		if (m[i].kn == kn && memcmp(m[i].k, key, kn) == 0)
			return &m[i];
	return NULL;
}

/* A stored value (n bytes at v) in the export's layout, into l->vals. */
static void
put_stored(struct line *l, const char *v, size_t n)
{
	jw_storedn(&l->vals, v, n);
}

/* The keys write_line sets after the kept ones: a kept key among them
 * is the tree's to place. */
static const char *const set_keys[] = { "text", "id", "meta", "spans",
    "label", "options", "accept", "answer", "_annotator_id", "_session_id",
    "_timestamp" };

struct fastw {
	struct line	 l, sp;		/* the line, a span */
	struct buf	 tmp, out;	/* out: the task's lines */
	struct tokens	 tok;
	struct member	 meta[OBJ_KEYS], kept[OBJ_KEYS], by[OBJ_KEYS],
			 mine[OBJ_KEYS];
	size_t		 nmeta, nkept, nby, nmine;
	const struct member *kp;	/* the meta's "_prodigy" */
	const struct member *bp;	/* its "annotators" */
};

static struct fastw fw;

/* Reads t's stored meta into fw: 0, or -1 for the tree. */
static int
fast_meta(const struct out_task *t)
{
	size_t	i, len;

	fw.nmeta = fw.nkept = fw.nby = 0;
	fw.kp = fw.bp = NULL;
	if (t->meta == NULL)
		return 0;
	/* The kept Prodigy keys read as the meta is (their tokens are
	 * most of its bytes). */
	len = strlen(t->meta);
	if (object_at(t->meta, len, fw.meta, &fw.nmeta, KEPT, fw.kept,
	    &fw.nkept) != len)
		return -1;
	if ((fw.kp = member_get(fw.meta, fw.nmeta, KEPT)) == NULL)
		return 0;
	if (fw.kp->v[0] != '{')
		return -1;
	for (i = 0; i < fw.nkept; i++)
		if (fw.kept[i].kn == sizeof BY_USER - 1 && memcmp(fw.kept[i].k,
		    BY_USER, fw.kept[i].kn) == 0) {
			fw.bp = &fw.kept[i];
			if (members(fw.bp->v, fw.bp->vn, fw.by, &fw.nby) == -1)
				return -1;
		} else {
			buf_reset(&fw.tmp);
			buf_add(&fw.tmp, fw.kept[i].k, fw.kept[i].kn);
			if (format_key_in(buf_str(&fw.tmp), set_keys,
			    ARRAY_SIZE(set_keys)))
				return -1;
		}
	return 0;
}

/* write_line's line, written directly: 0, -1 on a write error. */
static int
fast_line_out(struct writer *w, const struct out_task *t, const char *result,
    const struct out_annotation *a)
{
	struct line		*l = &fw.l, *sp = &fw.sp;
	const struct answer	*ans;
	const struct ans_value	*sv;
	const struct member	*m, *mv;
	const char		*k, *text = t->text != NULL ? t->text : "";
	size_t			 i, len = strlen(text), mark, x, y, list;
	json_t			*v;
	int			 tokens = 0;
	time_t			 when;
	char			 why[128];

	l->n = 0;
	l->full = 0;
	buf_reset(&l->vals);
	jw_string(&l->vals, text);
	line_set(l, "text", 4, 0);
	if (t->ext_id != NULL) {
		mark = l->vals.len;
		if ((v = writer_id(t->ext_id)) == NULL)
			return 1;
		put_tree(&l->vals, v);
		json_decref(v);
		line_set(l, "id", 2, mark);
	}
	for (i = 0; i < fw.nkept; i++) {
		if (&fw.kept[i] == fw.bp)
			continue;
		mark = l->vals.len;
		put_stored(l, fw.kept[i].v, fw.kept[i].vn);
		line_set(l, fw.kept[i].k, fw.kept[i].kn, mark);
	}
	tokens_release(&fw.tok);
	if (!line_has(l, "tokens") && t->tokens != NULL &&
	    tokens_decode(&fw.tok, t->tokens, text, len) == 0) {
		tokens = 1;
		mark = l->vals.len;
		buf_addch(&l->vals, '[');
		for (i = 0; i < fw.tok.n; i++) {
			if (i > 0)
				buf_add(&l->vals, ", ", 2);
			buf_addstr(&l->vals, "{\"text\": ");
			jw_stringn(&l->vals, text + fw.tok.v[i].bstart,
			    fw.tok.v[i].bend - fw.tok.v[i].bstart);
			buf_addstr(&l->vals, ", \"start\": ");
			jw_int(&l->vals, (int64_t)fw.tok.v[i].start);
			buf_addstr(&l->vals, ", \"end\": ");
			jw_int(&l->vals, (int64_t)fw.tok.v[i].end);
			buf_addstr(&l->vals, ", \"id\": ");
			jw_int(&l->vals, (int64_t)i);
			buf_addstr(&l->vals, fw.tok.v[i].bend < len &&
			    text[fw.tok.v[i].bend] == ' ' ? ", \"ws\": true}" :
			    ", \"ws\": false}");
		}
		buf_addch(&l->vals, ']');
		line_set(l, "tokens", 6, mark);
	}
	if (fw.nmeta > (fw.kp != NULL)) {
		mark = l->vals.len;
		buf_addch(&l->vals, '{');
		for (i = 0, x = 0; i < fw.nmeta; i++) {
			if (&fw.meta[i] == fw.kp)
				continue;
			if (x++ > 0)
				buf_add(&l->vals, ", ", 2);
			jw_stringn(&l->vals, fw.meta[i].k, fw.meta[i].kn);
			buf_add(&l->vals, ": ", 2);
			put_stored(l, fw.meta[i].v, fw.meta[i].vn);
		}
		buf_addch(&l->vals, '}');
		line_set(l, "meta", 4, mark);
	}
	ans = result != NULL ? writer_answer(w, t, result) : NULL;
	if ((sv = writer_value(ans, reader_control(w->cfg, CONTROL_SPANS, -1)))
	    != NULL && (sv->present || a != NULL)) {
		list = l->vals.len;
		buf_addch(&l->vals, '[');
		for (i = 0; i < sv->nspans; i++) {
			if (i > 0)
				buf_add(&l->vals, ", ", 2);
			sp->n = 0;
			sp->full = 0;
			buf_reset(&sp->vals);
			jw_int(&sp->vals, (int64_t)sv->spans[i].start);
			line_set(sp, "start", 5, 0);
			x = sp->vals.len;
			jw_int(&sp->vals, (int64_t)sv->spans[i].end);
			line_set(sp, "end", 3, x);
			if (tokens && (x = tokens_starting(&fw.tok,
			    sv->spans[i].start)) < fw.tok.n && (y =
			    tokens_ending(&fw.tok, sv->spans[i].end)) <
			    fw.tok.n && x <= y) {
				mark = sp->vals.len;
				jw_int(&sp->vals, (int64_t)x);
				line_set(sp, "token_start", 11, mark);
				mark = sp->vals.len;
				jw_int(&sp->vals, (int64_t)y);
				line_set(sp, "token_end", 9, mark);
			}
			json_object_foreach(sv->spans[i].more, k, v) {
				x = sp->vals.len;
				put_tree(&sp->vals, v);
				line_set(sp, k, strlen(k), x);
			}
			x = sp->vals.len;
			k = sv->control->labels[sv->spans[i].label].name;
			if (!jw_utf8(k))
				return 1;
			jw_string(&sp->vals, k);
			line_set(sp, "label", 5, x);
			line_put(&l->vals, sp);
			if (sp->full)
				l->full = 1;
		}
		buf_addch(&l->vals, ']');
		line_set(l, "spans", 5, list);
	}
	if (a != NULL) {
		fw.nmine = 0;
		if ((m = member_get(fw.by, fw.nby, a->user)) != NULL &&
		    m->v[0] == '{' && members(m->v, m->vn, fw.mine, &fw.nmine)
		    == -1)
			l->full = 1;
		mark = l->vals.len;
		if (strcmp(a->state, "skipped") == 0)
			buf_addstr(&l->vals, "\"ignore\"");
		else if ((mv = member_get(fw.mine, fw.nmine, "answer")) != NULL)
			put_stored(l, mv->v, mv->vn);
		else
			buf_addstr(&l->vals, "\"accept\"");
		line_set(l, "answer", 6, mark);
		mark = l->vals.len;
		jw_string(&l->vals, a->user);
		line_set(l, "_annotator_id", 13, mark);
		if ((mv = member_get(fw.mine, fw.nmine, "_session_id")) != NULL) {
			mark = l->vals.len;
			put_stored(l, mv->v, mv->vn);
			line_set(l, "_session_id", 11, mark);
		}
		if (a->updated_at != NULL && when_parse_time(a->updated_at,
		    &when, why, sizeof why) == 0) {
			mark = l->vals.len;
			jw_int(&l->vals, (int64_t)when);
			line_set(l, "_timestamp", 10, mark);
		}
	}
	if (l->full)
		return 1;
	if (fw.out.len > 0)
		buf_addch(&fw.out, '\n');
	line_put(&fw.out, l);
	return 0;
}

static int
prodigy_write(struct writer *w, const struct out_task *t)
{
	json_t	*meta;
	size_t	 i;
	int	 rc = 0;

	if (strcmp(t->kind, "text") != 0)
		return error("task %lld is an image: the Prodigy export writes"
		    " text tasks", (long long)t->id);
	if (!prodigy_tree_only && reader_control(w->cfg, CONTROL_CHOICE,
	    CONTROL_MULTICHOICE) == NULL && (t->text == NULL ||
	    jw_utf8(t->text)) && fast_meta(t) == 0) {
		buf_reset(&fw.out);
		if (t->nannotations == 0)
			rc = fast_line_out(w, t, t->npredictions > 0 ?
			    t->predictions[0].result : NULL, NULL);
		for (i = 0; rc == 0 && i < t->nannotations; i++)
			rc = fast_line_out(w, t, t->annotations[i].result,
			    &t->annotations[i]);
		if (rc == 0) {
			prodigy_fast_writes++;
			return writer_jsonw_line(w, &fw.out);
		}
		rc = 0;
	}
	meta = t->meta != NULL ? json_loads(t->meta, 0, NULL) : NULL;
	if (t->nannotations == 0)
		rc = write_line(w, t, t->npredictions > 0 ?
		    t->predictions[0].result : NULL, NULL, meta);
	for (i = 0; rc == 0 && i < t->nannotations; i++)
		rc = write_line(w, t, t->annotations[i].result,
		    &t->annotations[i], meta);
	json_decref(meta);
	return rc;
}

const struct format format_prodigy = {
	.name = "prodigy",
	.extensions = "",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_META |
	    FORMAT_PREDICTIONS | FORMAT_ANNOTATIONS,
	.read = prodigy_read,
	.close = prodigy_close,
	.write = prodigy_write,
};
