/* What every interchange format shares: the format table, the frame of
 * reading and writing around a format's hooks, the checks on a line's
 * bytes, and the native task shape ({"text"|"image", "id", "meta",
 * "predictions", "annotations"}) that JSONL reads and writes and the other
 * formats map onto. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "formats/ahead.h"
#include "formats/format.h"
#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/config.h"
#include "model/kind.h"
#include "model/tokens.h"
#include "util/buf.h"
#include "util/jsonw.h"
#include "util/error.h"
#include "formats/imagefmt.h"
#include "util/jsonout.h"
#include "util/sink.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* The one table of formats: every list of them derives from it. */
static const struct format *const formats[] = {
	&format_jsonl,
	&format_csv,
	&format_tsv,
	&format_txt,
	&format_doccano,
	&format_prodigy,
	&format_yolo,
	&format_voc,
	&format_coco,
	&format_coco_results,
	&format_labelstudio,
	&format_labelstudio_min,
	&format_conll,
	&format_spacy,
	&format_spacy_v2,
};

const struct format *
format_at(size_t i)
{
	return i < ARRAY_SIZE(formats) ? formats[i] : NULL;
}

const struct format *
format_find(const char *name)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(formats); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const struct format *
format_guess(const char *path, int flags)
{
	const char	*dot, *slash, *p;
	size_t		 i, n;

	slash = strrchr(path, '/');
	dot = strrchr(path, '.');
	if (dot == NULL || (slash != NULL && dot < slash) || dot[1] == '\0')
		return NULL;
	n = strlen(dot);
	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		if ((formats[i]->flags & flags) != flags)
			continue;
		for (p = formats[i]->extensions; (p = strstr(p, dot)) != NULL;
		    p += n) {
			if (p[n] == ' ' || p[n] == '\0')
				return formats[i];
		}
	}
	return NULL;
}

/* The lists format_names has built, kept for the life of the process. */
struct name_list {
	int			 flags;
	char			*last;
	char			*names;
	struct name_list	*next;
};

const char *
format_names(int flags, const char *last)
{
	static struct name_list	*lists;
	struct name_list	*l;
	struct buf		 b = BUF_INIT;
	size_t			 i, n = 0, total = 0;

	for (l = lists; l != NULL; l = l->next)
		if (l->flags == flags && strcmp(l->last, last) == 0)
			return l->names;
	for (i = 0; i < ARRAY_SIZE(formats); i++)
		total += (formats[i]->flags & flags) == flags;
	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		if ((formats[i]->flags & flags) != flags)
			continue;
		if (n > 0)
			buf_addstr(&b, ++n == total ? last : ", ");
		else
			n++;
		buf_addstr(&b, formats[i]->name);
	}
	l = xcalloc(1, sizeof *l);
	l->flags = flags;
	l->last = xstrdup(last);
	l->names = buf_detach(&b);
	l->next = lists;
	lists = l;
	return l->names;
}

int
format_check_text(const char *name, unsigned long line, const char *s,
    size_t len)
{
	const char	*nul;
	long		 bad;

	if ((nul = memchr(s, '\0', len)) != NULL)
		return error("%s:%lu: a NUL byte at byte %zu (is this a"
		    " binary file?)", name, line, (size_t)(nul - s) + 1);
	if ((bad = utf8_invalid_at(s, len)) >= 0)
		return error("%s:%lu: invalid UTF-8 at byte %ld (0x%02x)", name,
		    line, bad + 1, (unsigned)(unsigned char)s[bad]);
	return 0;
}

void
reader_hand_result(struct reader *r, struct record *rec,
    struct record_ann *ann, const struct buf *result)
{
	memset(ann, 0, sizeof *ann);
	ann->user = r->opts.user != NULL ? r->opts.user : "";
	ann->state = "submitted";
	ann->result = buf_str(result);
	ann->result_len = result->len;
	rec->anns = ann;
	rec->nanns = 1;
}

json_t *
format_json_load(const char *s, size_t len, size_t flags, json_error_t *err)
{
	const char	*nul;

	if ((nul = memchr(s, '\0', len)) != NULL) {
		if (err != NULL) {
			memset(err, 0, sizeof *err);
			err->line = -1;
			err->column = -1;
			err->position = (int)(nul - s);
			snprintf(err->text, sizeof err->text, "a NUL byte");
		}
		return NULL;
	}
	return json_loadb(s, len, flags, err);
}

/* A stream that gives a sniffed head and then the rest of the stream it
 * was read from (reader_opts.head). */
struct head_stream {
	char	*head;
	size_t	 len;
	size_t	 pos;
	int	 fd;
};

static ssize_t
head_read(void *cookie, char *buf, size_t size)
{
	struct head_stream	*h = cookie;
	size_t			 n;

	if (h->pos < h->len) {
		n = h->len - h->pos < size ? h->len - h->pos : size;
		memcpy(buf, h->head + h->pos, n);
		h->pos += n;
		return (ssize_t)n;
	}
	return read(h->fd, buf, size);
}

static int
head_close(void *cookie)
{
	struct head_stream	*h = cookie;

	free(h->head);
	free(h);
	return 0;
}

static FILE *
head_open(const char *head, size_t len, int fd)
{
	cookie_io_functions_t	 io = { head_read, NULL, NULL, head_close };
	struct head_stream	*h = xcalloc(1, sizeof *h);
	FILE			*f;

	h->head = xmalloc(len);
	memcpy(h->head, head, len);
	h->len = len;
	h->fd = fd;
	if ((f = fopencookie(h, "r", io)) == NULL)
		head_close(h);
	return f;
}

int
reader_open(struct reader *r, const struct format *fmt, FILE *f,
    const char *name)
{
	return reader_open_opts(r, fmt, f, name, NULL);
}

int
reader_open_opts(struct reader *r, const struct format *fmt, FILE *f,
    const char *name, const struct reader_opts *opts)
{
	memset(r, 0, sizeof *r);
	if (opts != NULL)
		r->opts = *opts;
	r->fmt = fmt;
	r->name = name;
	r->f = f;
	linereader_init(&r->lr, f, name);
	if (f != NULL)
		linereader_stream(&r->lr);
	if (f != NULL && r->opts.head_len > 0) {
		/* The line formats read the head from their line reader's
		 * buffer (a pipe still read as it comes); the others read
		 * r->f, the head and then the stream. */
		linereader_preload(&r->lr, r->opts.head, r->opts.head_len);
		if ((r->headf = head_open(r->opts.head, r->opts.head_len,
		    fileno(f))) == NULL)
			return error("%s: %s", name, strerror(errno));
		r->f = r->headf;
	}
	r->opts.head = NULL;
	if (!(fmt->flags & FORMAT_READS))
		return error("%s: %s is not a format scalec reads", name,
		    fmt->name);
	if (fmt->open != NULL && fmt->open(r) == -1)
		return -1;
	return 0;
}

int
reader_next(struct reader *r, struct record *rec)
{
	int	rc;

	if (r->ahead != NULL)
		ahead_release(r->ahead, r->obj, r->plainb);
	else
		json_decref(r->obj);
	r->plainb = NULL;
	json_decref(r->meta);
	json_decref(r->built);
	r->obj = r->meta = r->built = NULL;
	r->placed = 0;
	memset(rec, 0, sizeof *rec);
	if ((rc = r->fmt->read(r, rec)) == 1)
		r->nrecords++;
	else if (rc == 0 && r->nrecords == 0)
		return error("%s: empty: there are no tasks in it", r->name);
	return rc;
}

uint64_t
reader_pos(const struct reader *r)
{
	off_t	pos = r->f != NULL ? ftello(r->f) : 0;

	return pos > 0 ? (uint64_t)pos : 0;
}

void
reader_close(struct reader *r)
{
	if (r->fmt == NULL)
		return;
	if (r->fmt->close != NULL)
		r->fmt->close(r);
	ahead_stop(r->ahead);
	free(r->ahead_text);
	if (r->plainb != NULL && r->plainb != &r->plainown) {
		buf_release(r->plainb);	/* the thread's */
		free(r->plainb);
	}
	buf_release(&r->plainown);
	json_decref(r->obj);
	json_decref(r->meta);
	json_decref(r->built);
	linereader_release(&r->lr);
	buf_release(&r->image);
	buf_release(&r->tokens);
	buf_release(&r->idtext);
	if (r->headf != NULL)
		fclose(r->headf);
	memset(r, 0, sizeof *r);
}

int
reader_place_image(struct reader *r, struct record *rec, const char *base,
    int allow_missing)
{
	const char		*given = rec->image;
	int			 fd, sized;

	if (rec->image == NULL || strstr(rec->image, "://") != NULL)
		return 0;
	if (rec->image[0] != '/') {
		buf_reset(&r->image);
		buf_printf(&r->image, "%s/%s", base != NULL ? base : ".",
		    rec->image);
		rec->image = buf_str(&r->image);
	}
	sized = rec->width > 0 && rec->height > 0;
	if ((fd = open(rec->image, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && allow_missing && sized)
			return 0;
		if (errno != ENOENT)
			return error("%s:%lu: image '%s': %s", r->name,
			    rec->line, given, strerror(errno));
		if (allow_missing)
			return error("%s:%lu: image '%s' does not exist, and"
			    " the line gives no width and height for"
			    " --allow-missing-images", r->name, rec->line,
			    given);
		return error("%s:%lu: image '%s' does not exist%s%s%s"
		    " (--allow-missing-images takes it where the line gives"
		    " its width and height)", r->name, rec->line, given,
		    given != rec->image ? " (looked for " : "",
		    given != rec->image ? rec->image : "",
		    given != rec->image ? ")" : "");
	}
	if (sized) {
		close(fd);
		return 0;
	}
	return image_probe(r, rec, fd);
}

int
writer_begin(struct writer *w, const struct format *fmt,
    const struct config *cfg, struct sink *sink)
{
	return writer_begin_opts(w, fmt, cfg, sink, NULL);
}

int
writer_begin_opts(struct writer *w, const struct format *fmt,
    const struct config *cfg, struct sink *sink,
    const struct writer_opts *opts)
{
	memset(w, 0, sizeof *w);
	if (opts != NULL)
		w->opts = *opts;
	w->fmt = fmt;
	w->cfg = cfg;
	w->sink = sink;
	w->f = sink_stream(sink);
	if (!(fmt->flags & FORMAT_WRITES))
		return error("%s is not a format scalec writes", fmt->name);
	if (((fmt->flags & FORMAT_FOLDER) != 0) != sink_is_dir(sink))
		return error("%s: %s writes %s", sink_name(sink), fmt->name,
		    (fmt->flags & FORMAT_FOLDER) ? "a folder" : "one file");
	if (fmt->write_begin != NULL && fmt->write_begin(w) == -1) {
		/* What a failed begin made is freed as a failed export's:
		 * the caller does not end a writer that did not begin. */
		w->failed = 1;
		if (fmt->write_end != NULL)
			fmt->write_end(w);
		return -1;
	}
	return 0;
}

int
writer_write(struct writer *w, const struct out_task *t)
{
	if (w->fmt->write(w, t) == -1 || sink_error(w->sink)) {
		w->failed = 1;
		return -1;
	}
	w->ntasks++;
	return 0;
}

int
writer_end(struct writer *w, int ok)
{
	int	rc = 0;

	if (!ok)
		w->failed = 1;
	if (w->fmt->write_end != NULL)
		rc = w->fmt->write_end(w);
	if (w->answer != NULL) {
		free(w->answer->task);
		answer_free(w->answer);
		w->answer = NULL;
	}
	return w->failed ? -1 : rc;
}

/*
 * Against the task itself, as the labeler and import check and write
 * results: a list of regions the task can hold is [] when the result has
 * none ("no entities"), and what reaches outside the task is left out.
 */
/* 1 when an unrotated box is on the image as the general way checks it
 * (kind_boxes.c: each corner within the size, by EDGE; x and y not past
 * it at all); a rotated one is left to the general way. */
static int
box_on_image(const struct ans_box *b, const struct answer_task *at)
{
	const double	edge = 1e-6;

	if (b->rotation != 0)
		return 0;
	if (at->width > 0 && (b->x > at->width || b->x + b->width >
	    at->width + edge))
		return 0;
	if (at->height > 0 && (b->y > at->height || b->y + b->height >
	    at->height + edge))
		return 0;
	return 1;
}

/*
 * Loads result into a with model/answer_scan.h, without a jansson tree
 * (that tree was a third of a CoNLL export, and of a COCO, VOC or YOLO
 * one): 1 when done. The scanner reads an answer with no task, so its
 * spans are then held against the text and its boxes against the image
 * here; a span that reaches outside the text or a box off the image
 * (or rotated), which the general way leaves out or checks itself,
 * spans of an image, boxes of a text, or a shape the scanner declines,
 * give 0 and the general way (answer_load_lenient) loads the result
 * instead: the same answer either way (test_writer_answer_fast in
 * tests/unit/check_formats.c).
 */
static int
scan_answer(struct answer *a, const char *result)
{
	struct answer_task	*at = a->task;
	const struct ans_value	*v;
	size_t			 i, k;
	int			 ok;

	a->task = NULL;
	ok = answer_scan_boxes(a, result, strlen(result));
	a->task = at;
	for (i = 0; ok && i < a->n; i++) {
		v = &a->v[i];
		/* Spans need a text, boxes an image (the general way drops
		 * them otherwise), and a box must lie on its image. */
		if ((v->nspans > 0 && at->text == NULL) || (v->nboxes > 0 &&
		    at->text != NULL))
			ok = 0;
		for (k = 0; ok && k < v->nboxes; k++)
			if (!box_on_image(&v->boxes[k], at))
				ok = 0;
		for (k = 0; ok && k < v->nspans; k++) {
			if (!at->have_ncp) {
				at->ncp = utf8_count(at->text, at->text_len);
				at->have_ncp = 1;
			}
			if (v->spans[k].end > at->ncp)
				ok = 0;
		}
	}
	if (!ok)
		answer_clear(a);
	return ok;
}

const struct answer *
writer_answer(struct writer *w, const struct out_task *t, const char *result)
{
	struct answer_task	*at;
	json_t			*j;

	if (w->cfg == NULL)
		return NULL;
	if (w->answer == NULL)
		w->answer = answer_new(w->cfg, xcalloc(1, sizeof *at));
	at = w->answer->task;
	memset(at, 0, sizeof *at);
	if (strcmp(t->kind, "image") == 0) {
		at->width = t->width;
		at->height = t->height;
	} else {
		at->text = t->text != NULL ? t->text : "";
		at->text_len = strlen(at->text);
	}
	if (result != NULL && scan_answer(w->answer, result))
		return w->answer;
	j = result != NULL ? json_loads(result, 0, NULL) : NULL;
	answer_load_lenient(w->answer, j);
	json_decref(j);
	return w->answer;
}

/* The type of a JSON value, for "must be a string, not a number". */
static const char *
json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:	return "an object";
	case JSON_ARRAY:	return "a list";
	case JSON_STRING:	return "a string";
	case JSON_INTEGER:
	case JSON_REAL:		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:	return "a boolean";
	default:		return "null";
	}
}

static int
wrong_type(struct reader *r, struct record *rec, const char *key,
    const char *want, const json_t *v)
{
	return error("%s:%lu: \"%s\" must be %s, not %s", r->name, rec->line,
	    key, want, json_kind(v));
}

/* Reads a size field ("width", "height"): a positive integer. */
static int
size_field(struct reader *r, struct record *rec, const char *key, json_t *v,
    int *out)
{
	if (!json_is_integer(v) || json_integer_value(v) <= 0 ||
	    json_integer_value(v) > 1000000)
		return error("%s:%lu: \"%s\" must be a whole number of pixels"
		    " from 1 to 1000000", r->name, rec->line, key);
	*out = (int)json_integer_value(v);
	return 0;
}

/* The keys of the native shape; anything else goes into meta. */
static int
known_key(const char *k)
{
	static const char *const keys[] = { "text", "image", "id", "task",
	    "priority", "meta", "predictions", "annotations", "width",
	    "height", "final_answer", "gold", "tokens" };
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (strcmp(k, keys[i]) == 0)
			return 1;
	return 0;
}

/* Each element of a "predictions" or "annotations" list is an object. */
static int
list_of_objects(struct reader *r, struct record *rec, const char *key,
    json_t *v)
{
	size_t	 i;
	json_t	*e;

	if (!json_is_array(v))
		return wrong_type(r, rec, key, "a list", v);
	json_array_foreach(v, i, e) {
		if (!json_is_object(e))
			return error("%s:%lu: \"%s\" item %zu must be an"
			    " object, not %s", r->name, rec->line, key, i + 1,
			    json_kind(e));
	}
	return 0;
}

/* Whether s is a whole number as JSON writes one ("5", "-12"; not "05",
 * "-0" or "+5") that fits in 64 bits. */
static int
id_is_number(const char *s)
{
	const char	*p = s;
	char		*end;
	long long	 n;

	if (*p == '-')
		p++;
	if (*p >= '1' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
	} else if (*p == '0')
		p++;
	if (*p != '\0' || p == s || strcmp(s, "-0") == 0 || strcmp(s, "-")
	    == 0)
		return 0;
	errno = 0;
	n = strtoll(s, &end, 10);
	(void)n;
	return errno == 0 && *end == '\0';
}

/* An id (a string or a whole number) as rec's ext_id (reader_id). */
static void
id_keep(struct reader *r, struct record *rec, json_t *v)
{
	const char	*s;

	if (json_is_integer(v)) {
		snprintf(r->idbuf, sizeof r->idbuf, "%lld",
		    (long long)json_integer_value(v));
		rec->ext_id = r->idbuf;
		return;
	}
	s = json_string_value(v);
	if (!id_is_number(s) && s[0] != '"') {
		rec->ext_id = s;
		return;
	}
	buf_reset(&r->idtext);
	jw_string(&r->idtext, s);
	rec->ext_id = buf_str(&r->idtext);
}

void
reader_plain_record(struct reader *r, struct record *rec)
{
	const struct plain	*p = &r->plain;
	const char		*b = r->plainb->data, *s;

	rec->text = b + p->text;
	rec->text_len = p->text_len;
	if (p->id_kind == PLAIN_ID_INT)
		rec->ext_id = b + p->id;	/* as id_keep's "%lld" */
	else if (p->id_kind == PLAIN_ID_STRING) {
		s = b + p->id;
		if (!id_is_number(s) && s[0] != '"')
			rec->ext_id = s;
		else {
			buf_reset(&r->idtext);
			jw_string(&r->idtext, s);
			rec->ext_id = buf_str(&r->idtext);
		}
	}
	rec->meta_json = p->has_meta ? b + p->meta : NULL;
	rec->has_priority = p->has_priority;
	rec->priority = p->priority;
}

int
record_from_object(struct reader *r, json_t *obj, struct record *rec)
{
	const char	*k;
	json_t		*v, *meta = NULL, *toks = NULL;
	int		 extra = 0;

	json_object_foreach(obj, k, v) {
		if (strcmp(k, "tokens") == 0) {
			toks = json_is_null(v) ? NULL : v;
		} else if (strcmp(k, "text") == 0) {
			if (!json_is_string(v))
				return wrong_type(r, rec, k, "a string", v);
			rec->text = json_string_value(v);
			rec->text_len = json_string_length(v);
		} else if (strcmp(k, "image") == 0) {
			if (!json_is_string(v))
				return wrong_type(r, rec, k, "a string", v);
			if (json_string_length(v) == 0)
				return error("%s:%lu: \"image\" is empty",
				    r->name, rec->line);
			rec->image = json_string_value(v);
		} else if (strcmp(k, "id") == 0) {
			if (json_is_string(v) && json_string_length(v) == 0)
				return error("%s:%lu: \"id\" is empty",
				    r->name, rec->line);
			if (json_is_string(v) || json_is_integer(v))
				id_keep(r, rec, v);
			else if (!json_is_null(v))
				return wrong_type(r, rec, k,
				    "a string or a whole number", v);
		} else if (strcmp(k, "task") == 0) {
			/* The number the task had in the database that
			 * exported it: it names nothing here. */
			if (!json_is_null(v) && (!json_is_integer(v) ||
			    json_integer_value(v) < 1))
				return error("%s:%lu: \"task\" is the task"
				    " number an export writes, a whole number;"
				    " a field of your own goes in \"meta\"",
				    r->name, rec->line);
		} else if (strcmp(k, "priority") == 0) {
			if (json_is_null(v))
				continue;
			if (!json_is_integer(v) ||
			    json_integer_value(v) < -RECORD_PRIORITY_MAX ||
			    json_integer_value(v) > RECORD_PRIORITY_MAX)
				return error("%s:%lu: \"priority\" must be a"
				    " whole number from %lld to %lld (higher is"
				    " labelled first); a field of your own goes"
				    " in \"meta\"", r->name, rec->line,
				    -RECORD_PRIORITY_MAX, RECORD_PRIORITY_MAX);
			rec->has_priority = 1;
			rec->priority = json_integer_value(v);
		} else if (strcmp(k, "meta") == 0) {
			if (!json_is_object(v) && !json_is_null(v))
				return wrong_type(r, rec, k, "an object", v);
			meta = json_is_object(v) ? v : NULL;
		} else if (strcmp(k, "predictions") == 0) {
			if (json_is_null(v))
				continue;
			if (list_of_objects(r, rec, k, v) == -1)
				return -1;
			rec->predictions = v;
		} else if (strcmp(k, "annotations") == 0) {
			if (json_is_null(v))
				continue;
			if (list_of_objects(r, rec, k, v) == -1)
				return -1;
			rec->annotations = v;
		} else if (strcmp(k, "final_answer") == 0) {
			if (json_is_null(v))
				continue;
			if (!json_is_object(v))
				return wrong_type(r, rec, k, "an object", v);
			rec->final_answer = v;
		} else if (strcmp(k, "gold") == 0) {
			if (json_is_null(v))
				continue;
			if (!json_is_object(v))
				return wrong_type(r, rec, k, "an object (a"
				    " result, as an annotation's)", v);
			rec->gold = v;
		} else if (strcmp(k, "width") == 0) {
			if (size_field(r, rec, k, v, &rec->width) == -1)
				return -1;
		} else if (strcmp(k, "height") == 0) {
			if (size_field(r, rec, k, v, &rec->height) == -1)
				return -1;
		} else
			extra = 1;
	}
	if (rec->text != NULL && rec->image != NULL)
		return error("%s:%lu: a task has \"text\" or \"image\", not"
		    " both", r->name, rec->line);
	if (rec->text == NULL && rec->image == NULL)
		return error("%s:%lu: a task needs \"text\" (a string) or"
		    " \"image\" (a path or URL)", r->name, rec->line);
	if (toks != NULL && rec->text == NULL)
		return error("%s:%lu: \"tokens\" are a text's, and this task"
		    " is an image", r->name, rec->line);
	if (toks != NULL && reader_tokens(r, rec, toks, &r->tokens) == -1)
		return -1;
	if (!extra) {
		rec->meta = meta;
		return 0;
	}
	/* Other top-level keys are kept in meta; "meta" wins on a clash. */
	r->meta = meta != NULL ? json_deep_copy(meta) : json_object();
	json_object_foreach(obj, k, v) {
		if (!known_key(k) && json_object_get(r->meta, k) == NULL)
			json_object_set(r->meta, k, v);
	}
	rec->meta = r->meta;
	return 0;
}

/* n in decimal (buf_printf's "%zu" without its cost a number). */
static void
put_size(struct buf *b, size_t n)
{
	char	d[24], *p = d + sizeof d;

	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	buf_add(b, p, (size_t)(d + sizeof d - p));
}

int
reader_tokens(struct reader *r, struct record *rec, json_t *list,
    struct buf *b)
{
	enum offset_unit u = reader_unit(r, OFFSETS_CODEPOINT);
	json_t		*t, *x, *js, *je;
	size_t		 i, s, e, prev = 0, b0, b1, ncp = 0;
	const char	*why = "past the end of the text";

	if (list == NULL)
		return 0;
	if (!json_is_array(list))
		return error("%s:%lu: \"tokens\" must be a list of {\"text\","
		    " \"start\", \"end\"}", r->name, rec->line);
	/* Code points are the offsets themselves, up to the text's end
	 * (offset_to_cp would walk the text from its start for each). */
	if (u == OFFSETS_CODEPOINT)
		ncp = utf8_count(rec->text, rec->text_len);
	buf_reset(b);
	buf_addch(b, '[');
	json_array_foreach(list, i, t) {
		js = json_object_get(t, "start");
		je = json_object_get(t, "end");
		if (!json_is_integer(js) || !json_is_integer(je) ||
		    json_integer_value(js) < 0 || json_integer_value(je) < 0)
			return error("%s:%lu: tokens %zu: \"start\" and \"end\""
			    " must be whole numbers from 0", r->name, rec->line,
			    i + 1);
		if (u == OFFSETS_CODEPOINT) {
			s = (size_t)json_integer_value(js);
			e = (size_t)json_integer_value(je);
			if (s > ncp || e > ncp)
				return error("%s:%lu: tokens %zu: an offset is"
				    " %s", r->name, rec->line, i + 1, why);
		} else if (offset_to_cp(rec->text, rec->text_len, u,
		    (size_t)json_integer_value(js), &s, &why) == -1 ||
		    offset_to_cp(rec->text, rec->text_len, u,
		    (size_t)json_integer_value(je), &e, &why) == -1)
			return error("%s:%lu: tokens %zu: an offset is %s",
			    r->name, rec->line, i + 1, why);
		if (e <= s || s < prev)
			return error("%s:%lu: tokens %zu: from %zu to %zu is not"
			    " a token after the one before it", r->name,
			    rec->line, i + 1, s, e);
		b0 = utf8_offset(rec->text, rec->text_len, s);
		b1 = utf8_offset(rec->text, rec->text_len, e);
		x = json_object_get(t, "text");
		if (x != NULL && !json_is_string(x))
			return error("%s:%lu: tokens %zu: \"text\" must be a"
			    " string", r->name, rec->line, i + 1);
		if (x != NULL && (json_string_length(x) != b1 - b0 ||
		    memcmp(json_string_value(x), rec->text + b0, b1 - b0) != 0))
			return error("%s:%lu: tokens %zu: its \"text\" is '%s',"
			    " but the text from %zu to %zu is '%.*s'", r->name,
			    rec->line, i + 1, json_string_value(x), s, e,
			    (int)(b1 - b0), rec->text + b0);
		if (i > 0)
			buf_addch(b, ',');
		put_size(b, s);
		buf_addch(b, ',');
		put_size(b, e);
		prev = e;
	}
	buf_addch(b, ']');
	if (json_array_size(list) > 0)
		rec->tokens = buf_str(b);
	return 0;
}

/* "key": "s" (s NULL: "") and the ", " after it. */
static void
put_str(struct buf *b, const char *key, const char *s)
{
	jw_key(b, key);
	jw_string(b, s != NULL ? s : "");
	buf_addstr(b, ", ");
}

void
writer_put_id(struct buf *b, const char *ext_id)
{
	json_t	*j;

	if (id_is_number(ext_id))
		buf_addstr(b, ext_id);
	else if (ext_id[0] != '"')
		jw_string(b, ext_id);
	else {
		j = writer_id(ext_id);
		jw_stringn(b, json_string_value(j), json_string_length(j));
		json_decref(j);
	}
}

/* "id": the imported id as the JSON it was (writer_id). */
static void
put_id(struct buf *b, const char *ext_id)
{
	jw_key(b, "id");
	writer_put_id(b, ext_id);
	buf_addstr(b, ", ");
}

static void
put_int(struct buf *b, const char *key, int64_t v)
{
	jw_key(b, key);
	jw_int(b, v);
	buf_addstr(b, ", ");
}

static void
put_stored(struct buf *b, const char *key, const char *s)
{
	jw_key(b, key);
	jw_stored(b, s);
	buf_addstr(b, ", ");
}

static void
put_bool(struct buf *b, const char *key, int v)
{
	jw_key(b, key);
	buf_addstr(b, v ? "true, " : "false, ");
}

/* Ends an object or array whose last item left ", " behind. */
static void
put_end(struct buf *b, char end)
{
	if (b->len >= 2 && b->data[b->len - 2] == ',') {
		b->len -= 2;
		b->data[b->len] = '\0';
	}
	buf_addch(b, end);
}

/* The task's stored tokens (model/tokens.h) as "tokens": [{"text",
 * "start", "end", "id"}, ...], Prodigy's shape, and the ", " after it;
 * nothing when it has none. */
static void
put_tokens(struct buf *b, const struct out_task *t)
{
	static struct buf	one;
	struct tokens		tok = TOKENS_INIT;
	size_t			i, len;

	if (t->tokens == NULL || t->text == NULL ||
	    strcmp(t->kind, "image") == 0)
		return;
	len = strlen(t->text);
	if (tokens_decode(&tok, t->tokens, t->text, len) == -1 || tok.n == 0) {
		tokens_release(&tok);
		return;
	}
	jw_key(b, "tokens");
	buf_addch(b, '[');
	for (i = 0; i < tok.n; i++) {
		buf_reset(&one);
		buf_add(&one, t->text + tok.v[i].bstart, tok.v[i].bend -
		    tok.v[i].bstart);
		buf_addch(b, '{');
		put_str(b, "text", buf_str(&one));
		put_int(b, "start", (int64_t)tok.v[i].start);
		put_int(b, "end", (int64_t)tok.v[i].end);
		put_int(b, "id", (int64_t)i);
		put_end(b, '}');
		buf_addstr(b, ", ");
	}
	put_end(b, ']');
	buf_addstr(b, ", ");
	tokens_release(&tok);
}

void
out_task_write(struct buf *b, const struct out_task *t)
{
	size_t	 i;

	/* The task's number and its imported id are two things: "id" is
	 * only ever the id it was imported with. Keys in this order; the
	 * layout is jansson's (util/jsonw.h). */
	buf_addch(b, '{');
	put_int(b, "task", t->id);
	if (t->ext_id != NULL)
		put_id(b, t->ext_id);
	if (t->image != NULL && strcmp(t->kind, "image") == 0) {
		put_str(b, "image", t->image);
		if (t->width > 0 && t->height > 0) {
			put_int(b, "width", t->width);
			put_int(b, "height", t->height);
		}
	} else
		put_str(b, "text", t->text);
	if (t->priority != 0)
		put_int(b, "priority", t->priority);
	put_stored(b, "meta", t->meta);
	put_tokens(b, t);
	jw_key(b, "predictions");
	buf_addch(b, '[');
	for (i = 0; i < t->npredictions; i++) {
		const struct out_prediction *p = &t->predictions[i];

		buf_addch(b, '{');
		put_stored(b, "result", p->result);
		if (p->has_score) {
			jw_key(b, "score");
			jw_real(b, p->score);
			buf_addstr(b, ", ");
		}
		put_str(b, "model", p->model);
		if (p->created_at != NULL)
			put_str(b, "created_at", p->created_at);
		put_end(b, '}');
		buf_addstr(b, ", ");
	}
	put_end(b, ']');
	buf_addstr(b, ", ");
	jw_key(b, "annotations");
	buf_addch(b, '[');
	for (i = 0; i < t->nannotations; i++) {
		const struct out_annotation *a = &t->annotations[i];

		buf_addch(b, '{');
		put_str(b, "user", a->user);
		put_str(b, "state", a->state);
		put_stored(b, "result", a->result);
		jw_key(b, "lead_time");
		jw_real(b, a->lead_time);
		buf_addstr(b, ", ");
		put_bool(b, "late", a->late);
		put_bool(b, "from_prediction", a->from_prediction);
		if (a->removed)
			put_bool(b, "removed", 1);
		put_str(b, "created_at", a->created_at);
		put_str(b, "updated_at", a->updated_at);
		if (a->id > 0)
			put_int(b, "annotation_id", a->id);
		if (a->fixed != NULL)
			put_stored(b, "fixed", a->fixed);
		if (a->reviews != NULL)
			put_stored(b, "reviews", a->reviews);
		if (a->consensus) {
			put_int(b, "annotators", a->annotators);
			jw_key(b, "agreement");
			if (a->has_agreement)
				jw_real(b, a->agreement);
			else
				buf_addstr(b, "null");
			buf_addstr(b, ", ");
			if (a->no_consensus != NULL)
				put_stored(b, "no_consensus", a->no_consensus);
			else {
				jw_key(b, "no_consensus");
				buf_addstr(b, "[], ");
			}
		}
		put_end(b, '}');
		buf_addstr(b, ", ");
	}
	put_end(b, ']');
	buf_addstr(b, ", ");
	if (t->final != NULL) {
		jw_key(b, "final_answer");
		buf_addch(b, '{');
		put_stored(b, "result", t->final->result);
		put_str(b, "settled_by", t->final->settled_by);
		if (t->final->from_annotation > 0)
			put_int(b, "from_annotation",
			    t->final->from_annotation);
		put_str(b, "at", t->final->created_at);
		put_end(b, '}');
		buf_addstr(b, ", ");
	}
	if (t->gold != NULL)
		put_stored(b, "gold", t->gold);
	put_end(b, '}');
}

/* The same as a jansson value, for a writer that takes it apart (CSV's
 * task layout): out_task_write's text, read back. */
json_t *
out_task_json(const struct out_task *t)
{
	struct buf	 b = BUF_INIT;
	json_t		*j;

	out_task_write(&b, t);
	j = json_loads(buf_str(&b), 0, NULL);
	buf_release(&b);
	return j;
}

const struct control *
reader_control(const struct config *cfg, int kind, int kind2)
{
	size_t	i;

	for (i = 0; cfg != NULL && i < cfg->ncontrols; i++)
		if (!cfg->controls[i].retired &&
		    ((int)cfg->controls[i].kind == kind ||
		    (kind2 >= 0 && (int)cfg->controls[i].kind == kind2)))
			return &cfg->controls[i];
	return NULL;
}

/* doccano's "label" of a sequence-labelling line: a non-empty list whose
 * items are all [whole, whole, "TAG"]. */
static int
doccano_spans(const json_t *v)
{
	const json_t	*e;
	size_t		 i;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return 0;
	json_array_foreach(v, i, e)
		if (!json_is_array(e) || json_array_size(e) != 3 ||
		    !json_is_integer(json_array_get(e, 0)) ||
		    !json_is_integer(json_array_get(e, 1)) ||
		    !json_is_string(json_array_get(e, 2)))
			return 0;
	return 1;
}

/* A Prodigy answer: accept, reject or ignore. */
static int
prodigy_answer(const json_t *a)
{
	const char	*s = json_string_value(a);

	return s != NULL && (strcmp(s, "accept") == 0 ||
	    strcmp(s, "reject") == 0 || strcmp(s, "ignore") == 0);
}

/* Prodigy's annotation: "spans" as objects with "token_start", or an
 * "answer" beside the field it answers ("spans", "label", "accept") or a
 * Prodigy hash. What it names is its first field found, else "". */
static const char *
prodigy_field(const json_t *obj)
{
	static const char *const fields[] = { "spans", "label", "accept",
	    "_input_hash", "_task_hash" };
	const json_t	*v, *e;
	size_t		 i;

	if ((v = json_object_get(obj, "spans")) != NULL && json_is_array(v))
		json_array_foreach(v, i, e)
			if (json_is_object(e) &&
			    json_object_get(e, "token_start") != NULL)
				return "spans";
	if (!prodigy_answer(json_object_get(obj, "answer")))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (json_object_get(obj, fields[i]) != NULL)
			return fields[i];
	return NULL;
}

int
record_foreign_shape(struct reader *r, json_t *obj, unsigned long line)
{
	const char	*p;
	json_t		*v;

	if (json_object_get(obj, "annotations") != NULL)
		return 0;
	if ((v = json_object_get(obj, "label")) != NULL && doccano_spans(v))
		return error("%s:%lu: \"label\" is doccano's spans ([start, end,"
		    " \"TAG\"]), which a native line would keep as meta:"
		    " import it with --format %s", r->name, line,
		    format_doccano.name);
	if ((v = json_object_get(obj, "entities")) != NULL &&
	    json_is_array(v) && json_array_size(v) > 0 &&
	    json_is_object(json_array_get(v, 0)) &&
	    json_object_get(json_array_get(v, 0), "start_offset") != NULL)
		return error("%s:%lu: \"entities\" is doccano's spans"
		    " (start_offset, end_offset), which a native line would keep"
		    " as meta: import it with --format %s", r->name, line,
		    format_doccano.name);
	if ((p = prodigy_field(obj)) != NULL)
		return error("%s:%lu: \"%s\"%s is Prodigy's annotation, which"
		    " a native line would keep as meta: import it with --format"
		    " %s", r->name, line, p, strcmp(p, "spans") == 0 ?
		    "" : " with an \"answer\"", format_prodigy.name);
	return 0;
}

/* 1 when the line is only white space. */
int
format_blank_line(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* The next line that is not blank, parsed: 1 with r->obj (or NULL and
 * err, text and len for one that is not JSON), 0 at the end, -1. */
static int
next_json_line(struct reader *r, struct record *rec, json_error_t *err,
    char **text, size_t *len)
{
	struct ahead_line	l;
	int			rc;
	/* Native lines of the plain keys are scanned, not parsed: on
	 * import only, whose store takes a record's meta as text. */
	int			scan = r->opts.parse_ahead &&
				    r->fmt == &format_jsonl;

	if (r->opts.parse_ahead && !r->ahead_tried) {
		r->ahead_tried = 1;
		r->ahead = ahead_start(&r->lr, JSON_REJECT_DUPLICATES, scan);
	}
	if (r->ahead == NULL) {
		for (;;) {
			if ((rc = linereader_next(&r->lr, text, len)) != 1)
				return rc;
			rec->line = r->lr.lineno;
			if (!format_blank_line(*text, *len))
				break;
		}
		if (scan && plain_scan(*text, *len, &r->plain,
		    &r->plainown) == 1) {
			r->plainb = &r->plainown;
			return 1;
		}
		r->obj = format_json_load(*text, *len, JSON_REJECT_DUPLICATES,
		    err);
		return 1;
	}
	ahead_next(r->ahead, &l);
	if (l.rc != 1) {
		if (l.msg != NULL)
			error("%s", l.msg);
		free(l.msg);
		return l.rc;
	}
	rec->line = l.lineno;
	r->obj = l.obj;
	r->plainb = l.pb;
	r->plain = l.plain;
	*err = l.err;
	free(r->ahead_text);
	r->ahead_text = *text = l.text;
	*len = l.len;
	return 1;
}

/* Reports why a line (len bytes at s) is not JSON: -1. */
static int
not_json(struct reader *r, unsigned long line, const char *s, size_t len,
    const json_error_t *err)
{
	/* Say what is wrong with the bytes before blaming JSON. */
	if (format_check_text(r->name, line, s, len) == -1)
		return -1;
	if (strstr(err->text, "JSON_ALLOW_NUL") != NULL)
		return error("%s:%lu: a \\u0000 (NUL) in a string at column"
		    " %d: text may not hold NUL", r->name, line, err->column);
	return error("%s:%lu: malformed JSON at column %d: %s", r->name, line,
	    err->column, err->text);
}

int
reader_json_value(struct reader *r, struct record *rec)
{
	json_error_t	 err;
	char		*line;
	size_t		 len;
	int		 rc;

	if ((rc = next_json_line(r, rec, &err, &line, &len)) != 1)
		return rc;
	if (r->obj == NULL && r->plainb == NULL)
		return not_json(r, rec->line, line, len, &err);
	return 1;
}

json_t *
reader_json_bytes(struct reader *r, unsigned long line, const char *s,
    size_t len)
{
	json_error_t	 err;
	json_t		*obj;

	if ((obj = format_json_load(s, len, JSON_REJECT_DUPLICATES, &err)) ==
	    NULL) {
		not_json(r, line, s, len, &err);
		return NULL;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		error("%s:%lu: each line must be a JSON object (one task)",
		    r->name, line);
		return NULL;
	}
	return obj;
}

int
reader_json_line(struct reader *r, struct record *rec)
{
	int	rc;

	if ((rc = reader_json_value(r, rec)) != 1)
		return rc;
	if (r->plainb == NULL && !json_is_object(r->obj))
		return error("%s:%lu: each line must be a JSON object (one"
		    " task)", r->name, rec->line);
	return 1;
}

int
reader_id(struct reader *r, struct record *rec, json_t *v)
{
	if (v == NULL || json_is_null(v))
		return 0;
	if ((json_is_string(v) && json_string_length(v) > 0) ||
	    json_is_integer(v)) {
		id_keep(r, rec, v);
		return 0;
	}
	return error("%s:%lu: \"id\" must be a string or a whole number",
	    r->name, rec->line);
}

json_t *
writer_id(const char *ext_id)
{
	json_t	*j;

	if (id_is_number(ext_id))
		return json_integer(strtoll(ext_id, NULL, 10));
	/* A string kept as JSON; one from before that begins with a quote
	 * is itself. */
	if (ext_id[0] == '"' && (j = json_loads(ext_id, JSON_DECODE_ANY,
	    NULL)) != NULL) {
		if (json_is_string(j))
			return j;
		json_decref(j);
	}
	return json_string(ext_id);
}

json_t *
writer_meta(const struct out_task *t, const char *key)
{
	const char	*p;
	size_t		 n;

	if (t->meta == NULL || strcmp(t->meta, "{}") == 0)
		return NULL;
	if (key != NULL && strchr(t->meta, '\\') == NULL) {
		n = strlen(key);
		for (p = t->meta; (p = strstr(p, key)) != NULL; p += n)
			if (p > t->meta && p[-1] == '"' && p[n] == '"')
				break;
		if (p == NULL)
			return NULL;
	}
	return json_loads(t->meta, 0, NULL);
}

const struct ans_value *
writer_value(const struct answer *a, const struct control *c)
{
	size_t	i;

	for (i = 0; a != NULL && c != NULL && i < a->n; i++)
		if (a->v[i].control == c)
			return &a->v[i];
	return NULL;
}

int
format_key_in(const char *k, const char *const *keys, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(k, keys[i]) == 0)
			return 1;
	return 0;
}

enum offset_unit
reader_unit(const struct reader *r, enum offset_unit own)
{
	return r->opts.offsets != OFFSETS_DEFAULT ? r->opts.offsets : own;
}

int
writer_json_line(struct writer *w, json_t *j)
{
	int	rc = jsonout_dumpf(j, w->f, JSON_REAL_PRECISION(15));

	json_decref(j);
	if (rc == -1 || putc('\n', w->f) == EOF)
		return -1;
	return 0;
}

int
writer_put_escaped(FILE *f, const struct buf *raw)
{
	static struct buf	out;

	if (!jsonout_needs_escape(raw->data, raw->len))
		return fwrite(raw->data, 1, raw->len, f) == raw->len ? 0 : -1;
	buf_reset(&out);
	jsonout_escape(&out, raw->data, raw->len);
	return fwrite(out.data, 1, out.len, f) == out.len ? 0 : -1;
}

int
writer_jsonw_line(struct writer *w, const struct buf *raw)
{
	static struct buf	out;

	if (!jsonout_needs_escape(raw->data, raw->len))
		return fwrite(raw->data, 1, raw->len, w->f) == raw->len &&
		    putc('\n', w->f) != EOF ? 0 : -1;
	buf_reset(&out);
	jsonout_escape(&out, raw->data, raw->len);
	buf_addch(&out, '\n');
	return fwrite(out.data, 1, out.len, w->f) == out.len ? 0 : -1;
}
