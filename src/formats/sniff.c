/* The format of a file from its name and its first record (sniff.h).
 * The bytes are not parsed but scanned: a tolerant walk over strings and
 * brackets that notes the keys of the first record (and the shape of
 * their values) as far as the bytes go, so that a record cut off by the
 * end of the head (a 10 MB line) is judged by what was seen of it, and
 * bytes that are no JSON cost nothing. The keys that tell each format are
 * FORMATS.md's: doccano's "label" list and "start_offset", Prodigy's
 * hashes, "answer" and "token_start", COCO's "images" and "categories",
 * a results file's "image_id" beside a box or score, spaCy v2's
 * "paragraphs", Label Studio's "data" and JSON-MIN's "annotator". */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "formats/format.h"
#include "formats/sniff.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* What the scan saw of the first record. */
enum {
	F_TEXT		= 1 << 0,	/* "text" or "image" */
	F_IMAGES	= 1 << 1,	/* COCO: "images" or "categories" */
	F_IMAGE_ID	= 1 << 2,	/* "image_id" */
	F_BOXED		= 1 << 3,	/* "category_id", "bbox", "score",
					 * "segmentation" */
	F_PARAGRAPHS	= 1 << 4,	/* spaCy v2 */
	F_DATA		= 1 << 5,	/* "data": {...} */
	F_ANNOTATED	= 1 << 6,	/* "annotations", "predictions" */
	F_MIN		= 1 << 7,	/* "annotator", "annotation_id",
					 * "lead_time" */
	F_LABEL_LIST	= 1 << 8,	/* "label": [...] */
	F_START_OFFSET	= 1 << 9,	/* "start_offset" inside "entities" */
	F_PRODIGY	= 1 << 10,	/* "_input_hash", "_task_hash", "answer":
					 * "...", "token_start" in "spans" */
};

#define KEY_MAX		32	/* longer keys are no format's */
#define DEPTH_MAX	64	/* object or list kept per level below */

struct scan {
	char		top;		/* the first byte: '{', '[', other; 0 */
	char		first;		/* '[': its first item's first byte */
	int		rdepth;		/* the record's members' depth; 0:
					 * no record object */
	int		done;		/* the record has ended */
	unsigned	feat;		/* F_* */
};

/* Notes a member key of the record and the first byte of its value. */
static void
record_key(struct scan *s, const char *k, char v)
{
	if (strcmp(k, "text") == 0 || strcmp(k, "image") == 0)
		s->feat |= F_TEXT;
	else if (strcmp(k, "images") == 0 || strcmp(k, "categories") == 0)
		s->feat |= v == '[' ? F_IMAGES : 0;
	else if (strcmp(k, "image_id") == 0)
		s->feat |= F_IMAGE_ID;
	else if (strcmp(k, "category_id") == 0 || strcmp(k, "bbox") == 0 ||
	    strcmp(k, "score") == 0 || strcmp(k, "segmentation") == 0)
		s->feat |= F_BOXED;
	else if (strcmp(k, "paragraphs") == 0)
		s->feat |= v == '[' ? F_PARAGRAPHS : 0;
	else if (strcmp(k, "data") == 0)
		s->feat |= v == '{' ? F_DATA : 0;
	else if (strcmp(k, "annotations") == 0 ||
	    strcmp(k, "predictions") == 0)
		s->feat |= F_ANNOTATED;
	else if (strcmp(k, "annotator") == 0 ||
	    strcmp(k, "annotation_id") == 0 || strcmp(k, "lead_time") == 0)
		s->feat |= F_MIN;
	else if (strcmp(k, "label") == 0)
		s->feat |= v == '[' ? F_LABEL_LIST : 0;
	else if (strcmp(k, "_input_hash") == 0 ||
	    strcmp(k, "_task_hash") == 0)
		s->feat |= F_PRODIGY;
	else if (strcmp(k, "answer") == 0)
		s->feat |= v == '"' ? F_PRODIGY : 0;
}

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Walks head as JSON, tolerating anything: keys are the strings where an
 * object expects one, and the record is the document's object or the
 * first item of its list. Stops where the record ends or the bytes do.
 */
static void
scan(const char *p, size_t len, struct scan *s)
{
	unsigned char	 is_obj[DEPTH_MAX];
	char		 key[KEY_MAX + 1], rkey[KEY_MAX + 1] = "";
	size_t		 i = 0, j, klen;
	int		 depth = 0, want_key = 0, pending = 0, inkey;

	memset(s, 0, sizeof *s);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	else if (len < 3 && memcmp(p, "\xef\xbb\xbf", len) == 0)
		return;	/* a mark not whole yet: nothing seen */
	for (; i < len; i++) {
		char	c = p[i];

		if (space(c))
			continue;
		if (s->top == 0) {
			s->top = c;
			if (c != '{' && c != '[')
				return;
			s->rdepth = c == '{' ? 1 : 0;
		} else if (s->top == '[' && s->first == 0 && depth == 1) {
			s->first = c;
			if (c == '{')
				s->rdepth = 2;
			else {
				/* A list of strings (spaCy's pairs) or
				 * of anything else: the first byte says
				 * all there is to say. */
				s->done = 1;
				return;
			}
		}
		if (pending) {
			/* The first byte of the value of the record's key
			 * just read. */
			if (c == ':')
				continue;
			record_key(s, rkey, c);
			pending = 0;
		}
		switch (c) {
		case '"':
			inkey = want_key && depth > 0 && depth <= DEPTH_MAX &&
			    is_obj[depth - 1];
			klen = 0;
			for (j = i + 1; j < len && p[j] != '"'; j++) {
				if (p[j] == '\\')
					j++;
				else if (klen < KEY_MAX)
					key[klen++] = p[j];
				else
					klen = KEY_MAX + 1;
			}
			if (j >= len)
				return;	/* a string cut off */
			i = j;
			if (!inkey)
				break;
			want_key = 0;
			if (klen > KEY_MAX)
				break;
			key[klen] = '\0';
			if (depth == s->rdepth) {
				memcpy(rkey, key, klen + 1);
				pending = 1;
			} else if (depth > s->rdepth && s->rdepth > 0) {
				if (strcmp(key, "token_start") == 0 &&
				    strcmp(rkey, "spans") == 0)
					s->feat |= F_PRODIGY;
				if (strcmp(key, "start_offset") == 0 &&
				    strcmp(rkey, "entities") == 0)
					s->feat |= F_START_OFFSET;
			}
			break;
		case '{':
		case '[':
			if (depth < DEPTH_MAX)
				is_obj[depth] = c == '{';
			depth++;
			want_key = c == '{';
			break;
		case '}':
		case ']':
			if (depth == 0)
				return;
			depth--;
			want_key = 0;
			if (s->rdepth > 0 && depth == s->rdepth - 1) {
				s->done = 1;
				return;
			}
			break;
		case ',':
			want_key = depth > 0 && depth <= DEPTH_MAX &&
			    is_obj[depth - 1];
			break;
		default:
			break;
		}
	}
}

/* Adds f to the candidates once. */
static void
add(struct sniff *out, const struct format *f)
{
	size_t	i;

	for (i = 0; i < out->ncand; i++)
		if (out->cand[i] == f)
			return;
	if (out->ncand < SNIFF_CANDS)
		out->cand[out->ncand++] = f;
}

/* The candidates of a list's first item. */
static void
item_candidates(const struct scan *s, struct sniff *out)
{
	if ((s->feat & F_IMAGE_ID) && (s->feat & F_BOXED))
		add(out, &format_coco_results);
	if (s->feat & F_PARAGRAPHS)
		add(out, &format_spacy_v2);
	if (s->feat & F_DATA)
		add(out, &format_labelstudio);
	if ((s->feat & F_ANNOTATED) && !(s->feat & F_DATA))
		add(out, &format_labelstudio);
	if (s->feat & F_MIN)
		add(out, &format_labelstudio_min);
	if (out->ncand > 0)
		return;
	if (s->done) {
		/* A flat object: the data's fields at the top, as JSON-MIN
		 * (and Label Studio's own import files) hold them. */
		add(out, &format_labelstudio_min);
		return;
	}
	add(out, &format_labelstudio);
	add(out, &format_labelstudio_min);
	add(out, &format_coco_results);
	add(out, &format_spacy_v2);
}

/* The candidates of a document or line that is one object. */
static void
object_candidates(const struct scan *s, struct sniff *out)
{
	if (s->feat & F_IMAGES)
		add(out, &format_coco);
	if (s->feat & F_PRODIGY)
		add(out, &format_prodigy);
	if (s->feat & (F_LABEL_LIST | F_START_OFFSET))
		add(out, &format_doccano);
	if (out->ncand == 0 && (s->feat & F_TEXT))
		add(out, &format_jsonl);
}

/* The formats a family's extension may be; n of them. */
static const struct format *const jsonl_family[] = { &format_jsonl,
    &format_doccano, &format_prodigy, &format_spacy };
static const struct format *const json_family[] = { &format_labelstudio,
    &format_labelstudio_min, &format_coco, &format_coco_results,
    &format_spacy_v2 };

static int
in_family(const struct format *f, const struct format *const *fam, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (fam[i] == f)
			return 1;
	return 0;
}

static enum sniff_rc
sure(struct sniff *out, const struct format *f)
{
	out->fmt = f;
	out->ncand = 0;
	return SNIFF_SURE;
}

enum sniff_rc
sniff_guess(const char *name, const char *head, size_t len, int eof,
    struct sniff *out)
{
	const struct format	*const *fam = NULL, *g = NULL, *keep[SNIFF_CANDS];
	struct scan		 s;
	size_t			 i, n = 0, nfam = 0;

	memset(out, 0, sizeof *out);
	if (head == NULL)
		head = "", len = 0;
	if (name != NULL && strcmp(name, "-") != 0)
		g = format_guess(name, FORMAT_READS);
	if (g != NULL && g != &format_jsonl && g != &format_labelstudio) {
		out->by_name = 1;
		return sure(out, g);
	}
	if (g == &format_jsonl) {
		fam = jsonl_family;
		nfam = ARRAY_SIZE(jsonl_family);
	} else if (g == &format_labelstudio) {
		fam = json_family;
		nfam = ARRAY_SIZE(json_family);
	}
	if (len > SNIFF_MAX)
		len = SNIFF_MAX;
	scan(head, len, &s);
	if (!s.done && !eof && len < SNIFF_MAX && (s.top == '{' ||
	    s.top == '[' || s.top == 0))
		return SNIFF_MORE;

	if (s.top == 0)		/* empty: the reader says so */
		return sure(out, g != NULL ? g : &format_jsonl);
	if (s.top == '[' && s.first == ']')
		return sure(out, g != NULL ? g : &format_labelstudio);
	if (s.top == '[' && s.first == '"')
		add(out, &format_spacy);
	else if (s.top == '[' && (s.first == '{' || s.first == 0))
		item_candidates(&s, out);
	else if (s.top == '{')
		object_candidates(&s, out);

	/* An extension keeps the candidates of its family; a .json file
	 * whose first object is a line of one of the JSON Lines formats is
	 * that format. */
	if (fam != NULL) {
		for (i = 0; i < out->ncand; i++)
			if (in_family(out->cand[i], fam, nfam) ||
			    (fam == json_family && s.top == '{' &&
			    in_family(out->cand[i], jsonl_family,
			    ARRAY_SIZE(jsonl_family))))
				keep[n++] = out->cand[i];
		memcpy(out->cand, keep, n * sizeof keep[0]);
		out->ncand = n;
	}
	if (out->ncand == 1)
		return sure(out, out->cand[0]);
	if (out->ncand > 1)
		return SNIFF_UNSURE;
	/* Nothing of a format: a .jsonl file is the native JSON Lines its
	 * name says (whose reader tells what is wrong with it); any other
	 * name lists what it could be. */
	if (fam == jsonl_family)
		return sure(out, &format_jsonl);
	for (i = 0; i < nfam; i++)
		out->cand[out->ncand++] = fam[i];
	return SNIFF_UNKNOWN;
}

int
sniff_head(int fd, const char *name, struct buf *head, struct sniff *out,
    enum sniff_rc *rc)
{
	char	chunk[64 << 10];
	ssize_t	n;
	int	eof = 0;

	for (;;) {
		*rc = sniff_guess(name, head->data != NULL ? head->data : "",
		    head->len, eof, out);
		if (*rc != SNIFF_MORE)
			return 0;
		/* What is there, not a whole chunk: a pipe's first line
		 * decides as soon as it comes. */
		while ((n = read(fd, chunk, sizeof chunk)) == -1 &&
		    errno == EINTR)
			;
		if (n == -1)
			return -1;
		if (n == 0)
			eof = 1;
		else
			buf_add(head, chunk, (size_t)n);
	}
}

void
sniff_names(const struct sniff *s, struct buf *b)
{
	size_t	i;

	for (i = 0; i < s->ncand; i++) {
		if (i > 0)
			buf_addstr(b, i + 1 == s->ncand ? " or " : ", ");
		buf_addstr(b, s->cand[i]->name);
	}
}
