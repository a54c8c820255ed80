/* Interchange formats, all behind one small interface. Each format is one
 * row (struct format) in the one table of formats (format.c): its name, the
 * file extensions that suggest it, what it can do and hold, and its hooks.
 * Every list of formats a message or an option shows comes from the table.
 * One file per format: jsonl.c, csv.c (csv and tsv: one reader and writer,
 * told apart by their rows' data), txt.c, doccano.c, prodigy.c, yolo.c,
 * voc.c, coco.c, labelstudio.c (Label Studio's JSON and JSON-MIN, read
 * through jsonsplit.h a task at a time).
 *
 * A format that reads a folder (FORMAT_FOLDER with FORMAT_READS: YOLO's
 * dataset, VOC's Annotations) is opened with no stream (r->f NULL) and
 * r->name the folder; it walks it itself.
 *
 * A reader yields one task record at a time from a FILE *. A line-based
 * format reads through the reader's line reader and holds one line (or one
 * CSV record) at a time, so memory does not grow with the file; a
 * whole-document format reads its document in open. State a format needs
 * between calls is its own, in priv.
 *
 * A writer gets the project's label config (control names, and in time
 * categories) and a sink (util/sink.h): a stream, or for a format that
 * writes a folder (FORMAT_FOLDER) a file of its own naming per task, from
 * sink_file. */
#ifndef SCALEC_FORMAT_H
#define SCALEC_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "formats/linereader.h"
#include "formats/offsets.h"
#include "formats/plainscan.h"
#include "model/record.h"
#include "util/buf.h"

struct answer;
struct ans_value;
struct control;
struct config;
struct sink;
struct reader;
struct writer;

/* What a format can do and what it can hold: its row's flags. */
#define FORMAT_READS		0x001	/* import reads it: open/read/close */
#define FORMAT_WRITES		0x002	/* export writes it: write_* */
#define FORMAT_FOLDER		0x004	/* it writes a folder, not a stream */
#define FORMAT_TEXT		0x010	/* text tasks */
#define FORMAT_IMAGE		0x020	/* image tasks */
#define FORMAT_META		0x040	/* a task's meta */
#define FORMAT_PREDICTIONS	0x080	/* a task's predictions */
#define FORMAT_ANNOTATIONS	0x100	/* a task's annotations */
#define FORMAT_STAGES		0x200	/* it reads with opts.stage */
#define FORMAT_ATTACHES		0x400	/* its records are predictions for
					 * tasks the project has, by their
					 * imported ids (opts.tasks) */

struct format {
	const char	*name;
	const char	*extensions;	/* ".jsonl .ndjson": for guessing */
	int		 flags;		/* FORMAT_* */
	const void	*data;		/* the format's own constants (the CSV
					 * dialect); NULL */

	/* Prepares reading: r->priv, a header, a whole document. 0, or -1
	 * after reporting. NULL when there is nothing to prepare. */
	int		(*open)(struct reader *);
	/* The next record: 1, 0 at the end, -1 after reporting FILE:LINE. */
	int		(*read)(struct reader *, struct record *);
	/* Frees r->priv: after every open, a failed one too. May be NULL. */
	void		(*close)(struct reader *);

	/* What comes before the first task (a CSV header, a '['); w->priv.
	 * 0, or -1 after reporting. May be NULL. */
	int		(*write_begin)(struct writer *);
	/* One task. 0, or -1 after reporting or on a write error (which the
	 * caller finds with sink_error). */
	int		(*write)(struct writer *, const struct out_task *);
	/* What comes after the last task (a ']'), and frees w->priv; after a
	 * failure (w->failed) it only frees. May be NULL. */
	int		(*write_end)(struct writer *);
};

/*
 * What an import asks of a reader beyond its bytes: the formats whose
 * records are another tool's annotations (doccano, Prodigy) map them onto
 * the project's controls and name a person. All may be zero.
 */
struct reader_opts {
	const struct config	*cfg;		/* the project's; NULL: none */
	const char		*user;		/* whose annotations a format
						 * that names nobody brings */
	enum offset_unit	 offsets;	/* --offsets; DEFAULT: the
						 * format's own */
	int			 drop_relations; /* leave relations out
						 * rather than refuse them */
	int			 parse_ahead;	/* JSON lines of a regular file
						 * parsed in a thread of their
						 * own (formats/ahead.h) */
	const char		*base;		/* where relative image paths
						 * are (the file's folder, or
						 * the folder read); NULL: . */
	const char		*image_root;	/* --image-root, or NULL */
	int			 allow_missing;	/* --allow-missing-images */
	int			 one_based;	/* --voc-one-based */
	struct config		*keep_ids;	/* cfg itself, writable: a
						 * format that numbers labels
						 * (COCO's category ids) sets
						 * the ids its file gives;
						 * NULL: not kept */
	struct reader_tasks	*tasks;		/* the project's tasks, for a
						 * FORMAT_ATTACHES format */
	struct reader_stage	*stage;		/* a scratch table, for a
						 * FORMAT_STAGES format */
	const char		*ls_config;	/* --ls-config: Label
						 * Studio's XML label config,
						 * or NULL */
	int			 scheme;	/* --scheme: enum tag_scheme
						 * (formats/tags.h); 0 sniffs */
	/* CSV and TSV (csv.c): */
	const char		*text_column;	/* --text-column, or NULL */
	const char		*id_column;	/* --id-column, or NULL */
	char			 delimiter;	/* --delimiter; 0: sniffed */
	int			 csv_raw;	/* keep a leading ' (--csv-raw) */
	/* Bytes already read from a stream that cannot seek back (stdin's
	 * head, read to sniff its format: formats/sniff.h): the reader
	 * reads them first, then the rest of the stream. */
	const char		*head;
	size_t			 head_len;
};

/* CSV's layouts (--csv-layout): a row per task, or per annotation. */
enum csv_layout {
	CSV_LAYOUT_TASK,
	CSV_LAYOUT_ANNOTATION,
};

/* What an export asks of a writer beyond its sink; all may be zero. */
struct writer_opts {
	enum csv_layout		 csv_layout;
	int			 csv_raw;	/* no formula guard (--csv-raw) */
	int	 one_based;	/* --voc-one-based: VOC's devkit indices */
	int	 empty_files;	/* --empty-files: a file for an image with
				 * nothing on it (YOLO) */
	int			 scheme;	/* --scheme: enum tag_scheme;
						 * 0: the format's own */
	int			 skip_misaligned; /* leave out the tasks whose
						 * spans are not on tokens */
	const char		*ls_config;	/* --ls-config: the Label
						 * Studio XML label config
						 * whose names go out, or
						 * NULL */
	enum offset_unit	 offsets;	/* --offsets: doccano's unit;
						 * DEFAULT: the format's own */
};

/* The reading state every format shares; a reader owns what it yields. */
struct reader {
	const struct format	*fmt;
	const char		*name;		/* for messages */
	FILE			*f;
	struct linereader	 lr;		/* for the line-based formats */
	json_t			*obj;		/* the current record's JSON,
						 * owned; dropped on the next */
	json_t			*meta;		/* built meta, owned; as obj */
	char			 idbuf[32];	/* an integer id as text */
	unsigned long		 nrecords;	/* records yielded so far */
	void			*priv;		/* the format's own state */
	struct buf		 image;		/* a record's image path */
	struct buf		 tokens;	/* a record's "tokens", stored
						 * form (reader_tokens) */
	struct reader_opts	 opts;		/* reader_open_opts' */
	json_t			*built;		/* a format's built annotations,
						 * owned; dropped as obj */
	struct ahead		*ahead;		/* opts.parse_ahead's thread */
	int			 ahead_tried;
	char			*ahead_text;	/* its last line not JSON */
	struct buf		*plainb;	/* the current line scanned, not
						 * parsed (plainscan.h): the
						 * thread's (given back on the
						 * next) or plainown; or NULL */
	struct plain		 plain;		/* what is where in plainb */
	struct buf		 plainown;	/* without the thread */
	struct buf		 idtext;	/* a string id as JSON (below) */
	int			 ids_kept;	/* labels whose id opts.keep_ids
						 * got from the file */
	FILE			*headf;		/* f as opts.head then the
						 * stream, for a format that
						 * reads f itself; owned */
	int			 placed;	/* the record's image placed
						 * (reader_place_image's work)
						 * by its format: not again */
};

/* The writing state every format shares. */
struct writer {
	const struct format	*fmt;
	const struct config	*cfg;		/* the project's label config;
						 * NULL: no controls */
	struct sink		*sink;		/* where it goes */
	FILE			*f;		/* the sink's stream; NULL for a
						 * folder (use sink_file) */
	unsigned long		 ntasks;	/* tasks written so far */
	int			 failed;	/* for write_end: only free */
	struct answer		*answer;	/* writer_answer's, made on
						 * first use; writer_end frees */
	void			*priv;		/* the format's own state */
	struct writer_opts	 opts;		/* writer_begin_opts' */
	char			 note[160];	/* what the export says after
						 * its summary ("3 images had
						 * no boxes"); "" for nothing */
};

/* The table's rows in order, for listing: NULL past the last. */
const struct format	*format_at(size_t i);
/* The format named name ("jsonl", "csv", ...); NULL when unknown. */
const struct format	*format_find(const char *name);
/* The format with all of flags (FORMAT_READS, ...) that a file name
 * suggests by its extension, or NULL. */
const struct format	*format_guess(const char *path, int flags);
/*
 * The names of the formats with all of flags, joined by ", " and by last
 * before the last name: "jsonl, csv, tsv, txt" (last ", "), "jsonl, csv or
 * tsv" (last " or "). Built once per flags and last; borrowed.
 */
const char		*format_names(int flags, const char *last);

/* Starts reading f as fmt; name is for messages. 0 or -1 after reporting;
 * reader_close either way. */
int	reader_open(struct reader *, const struct format *, FILE *,
	    const char *name);
/* reader_open with what an import asks (opts may be NULL: none). */
int	reader_open_opts(struct reader *, const struct format *, FILE *,
	    const char *name, const struct reader_opts *opts);
/* The next record: 1, 0 at the end (an empty input is reported and is -1),
 * or -1 after reporting FILE:LINE: what is wrong. */
int	reader_next(struct reader *, struct record *);
/*
 * Places an image record: a relative path is made one in base (the
 * folder of the file it came from, or --image-root; URLs and absolute
 * paths stay), and the image's size read from the file when the record
 * did not give it. A file that is not there is refused, FILE:LINE,
 * unless allow_missing and the record gives its width and height (an
 * image that lives elsewhere); a broken image is refused. 0 or -1; the
 * path is the reader's until the next record.
 */
int	reader_place_image(struct reader *, struct record *, const char *base,
	    int allow_missing);
/* Bytes of the input read so far, for a progress bar; 0 when unknown. */
uint64_t reader_pos(const struct reader *);
void	reader_close(struct reader *);

/*
 * Starts writing fmt into sink, for a project whose label config is cfg
 * (NULL for none). 0, or -1 after reporting; after -1 there is nothing to
 * end.
 */
int	writer_begin(struct writer *, const struct format *,
	    const struct config *, struct sink *);
/* writer_begin with what an export asks (opts may be NULL: none). */
int	writer_begin_opts(struct writer *, const struct format *,
	    const struct config *, struct sink *, const struct writer_opts *);
/* Writes one task: 0, or -1 after reporting or on a write error (then
 * sink_error(w->sink) is set). */
int	writer_write(struct writer *, const struct out_task *);
/* Ends what writer_begin began: with ok, the format's end is written; else
 * it only frees. 0, or -1 (always when !ok). */
int	writer_end(struct writer *, int ok);

/*
 * A stored result (an out_annotation's or out_prediction's JSON text) of
 * task t as the typed answer of the writer's config, for a format that
 * writes a control's value at a time (ans_value, answer_value_emit):
 * loaded leniently, so what no longer fits the config is left out and keys
 * that are no control are kept aside. One answer per writer, reused:
 * borrowed until the next call or writer_end. NULL result (no annotation)
 * or damaged JSON gives an empty answer; NULL when the writer has no
 * config.
 */
const struct answer	*writer_answer(struct writer *, const struct out_task *t,
			    const char *result);

/*
 * rec's one annotation the importer's (opts.user), submitted, its result
 * the text in result (json_dumps(JSON_COMPACT)'s bytes) handed over in
 * ann (model/record.h's record_ann), which the reader keeps until its
 * next read.
 */
void	reader_hand_result(struct reader *, struct record *rec,
	    struct record_ann *ann, const struct buf *result);

/* Whether a line holds nothing but white space (a JSON line format
 * skips it). */
int	format_blank_line(const char *s, size_t len);
/*
 * Checks a line's bytes before parsing: no NUL byte, valid UTF-8. Reports
 * FILE:LINE: what is wrong and returns -1, else 0.
 */
int	format_check_text(const char *name, unsigned long line, const char *s,
	    size_t len);
/*
 * jansson's json_loadb, but bytes with a NUL anywhere are not JSON (err
 * says so; jansson itself takes one right after a number, "[1\0]").
 * The readers' one way into jansson for outside bytes.
 */
json_t	*format_json_load(const char *s, size_t len, size_t flags,
	    json_error_t *err);
/*
 * Fills rec from a task object in the native shape (JSONL): type checks,
 * other top-level keys into meta. Reports FILE:LINE and returns -1.
 */
int	record_from_object(struct reader *, json_t *obj, struct record *rec);
/*
 * Refuses a native line that is another format's record: a top-level key
 * that is that format's annotation field in its shape (doccano's "label"
 * as [[start, end, "TAG"], ...], Prodigy's "spans" with "token_start" or
 * an "answer"), which the native reader would keep in meta as if it were
 * no annotation. FILE:LINE naming --format, and -1; else 0.
 */
int	record_foreign_shape(struct reader *, json_t *obj, unsigned long line);
/* The project's first control of kind (enum control_kind) for a foreign
 * format's annotations, or NULL; also a second kind when kind2 >= 0. */
const struct control *reader_control(const struct config *, int kind,
	    int kind2);
/* For the JSON Lines formats: the next line that is not blank, parsed
 * into r->obj (an object) with rec->line set. 1, 0 at the end, or -1
 * after reporting FILE:LINE. */
int	reader_json_line(struct reader *, struct record *);
/* A line a format read itself (len bytes at s, line its number) parsed
 * as reader_json_line parses one, with its messages: the object to
 * decref, or NULL after reporting. */
json_t	*reader_json_bytes(struct reader *, unsigned long line, const char *s,
	    size_t len);
/* The same for any JSON value (an array: spaCy's pairs). */
int	reader_json_value(struct reader *, struct record *);
/* For JSONL on import (opts.parse_ahead): a line reader_json_line left
 * with r->plainb, not r->obj, is a plain line (plainscan.h); this fills
 * rec from it as record_from_object would from its tree, meta as its
 * JSON text (rec->meta_json). */
void	reader_plain_record(struct reader *, struct record *);
/* 1 when k is one of the n keys. */
int	format_key_in(const char *k, const char *const *keys, size_t n);
/*
 * A record's "tokens" (Prodigy's shape, which native JSONL and CSV share:
 * [{"text", "start", "end"}], offsets in reader_unit's unit, code points
 * by default) as its stored tokens (model/tokens.h) in b, and rec->tokens
 * pointing at them; each token after the one before it, inside the text,
 * its "text" (when given) the text's from start to end. A NULL list or an
 * empty one: none. 0, or -1 after reporting FILE:LINE: tokens N: what.
 */
int	reader_tokens(struct reader *, struct record *, json_t *list,
	    struct buf *b);
/* The unit of a reader's span offsets: --offsets, else the format's own. */
enum offset_unit reader_unit(const struct reader *, enum offset_unit own);
/* Writes j (whose reference it takes) as one JSON line to w->f: 0, or -1
 * on a write error. */
int	writer_json_line(struct writer *, json_t *j);
/* raw, JSON that util/jsonw wrote, as one line to w->f through
 * jsonout_escape, as writer_json_line writes a tree. 0 or -1. */
int	writer_jsonw_line(struct writer *, const struct buf *raw);
/* raw, JSON that util/jsonw wrote, to f through jsonout_escape, as it
 * is (no line end). 0 or -1. */
int	writer_put_escaped(FILE *f, const struct buf *raw);
/*
 * An "id" (a string or a whole number; NULL or null: none) as rec's
 * ext_id, the text that keeps its JSON type (task.ext_id): a number as
 * its digits (5), a string as itself ("abc"), except a string that would
 * read as a number or begins with a quote, which is kept as JSON ("\"5\""),
 * so that 5 and "5" are two ids and each comes back as it came. 0, or -1
 * after reporting.
 */
int	reader_id(struct reader *, struct record *, json_t *v);
/* An imported id (ext_id as reader_id keeps it) as the JSON it was: 5 for
 * "5", "5" for "\"5\"", a string for anything else (a format without types,
 * CSV's cells, a file name: a whole number comes back as a number). */
json_t	*writer_id(const char *ext_id);
/* The same id written to b (util/jsonw) as writer_id's JSON would be. */
void	writer_put_id(struct buf *b, const char *ext_id);
/* The task's meta as a jansson object to decref, when it may hold key
 * (any key: key NULL); else NULL, the meta not read: a stored key is its
 * own text unless escaped, and most tasks' meta has no key of a format. */
json_t	*writer_meta(const struct out_task *, const char *key);
/* The value of control c (from reader_control) in a writer's answer, or
 * NULL when either is NULL. */
const struct ans_value *writer_value(const struct answer *,
	    const struct control *c);
/* A task in the native shape, for the JSONL writer and for tests. */
void	 out_task_write(struct buf *, const struct out_task *);
json_t	*out_task_json(const struct out_task *);

extern const struct format format_jsonl;
extern const struct format format_csv;
extern const struct format format_tsv;
extern const struct format format_txt;
extern const struct format format_doccano;
extern const struct format format_prodigy;
extern const struct format format_yolo;
extern const struct format format_voc;
extern const struct format format_coco;
extern const struct format format_coco_results;
extern const struct format format_labelstudio;
extern const struct format format_labelstudio_min;
extern const struct format format_conll;
extern const struct format format_spacy;
extern const struct format format_spacy_v2;

#endif
