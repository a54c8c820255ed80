/* The task records that pass between the formats and the store: a record is
 * one task as a reader (or file add's ingest) yields it, an out_task one
 * task as export writes it, with its predictions and annotations. They live
 * here, not in formats/, so that the store never includes a format. */
#ifndef SCALEC_RECORD_H
#define SCALEC_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/*
 * One annotation as a reader that has its result as text hands it over
 * (record.anns), in place of an object of record.annotations: the
 * fields the store reads from that object, plain. No reviews, no
 * "annotation_id" (a reader with those gives the tree).
 */
struct record_ann {
	const char	*user;		/* a login; NULL: none given (refused
					 * as a missing "user") */
	const char	*state;		/* a state's name; NULL: submitted */
	const char	*result;	/* exactly json_dumps(result,
					 * JSON_COMPACT)'s bytes, NUL-ended;
					 * NULL: none ({}) */
	size_t		 result_len;
	int		 has_lead_time;
	double		 lead_time;	/* seconds */
	int		 late, from_prediction, removed;	/* 0 or 1 */
	const char	*created_at;	/* as the file writes them; NULL:
					 * now */
	const char	*updated_at;
};

/*
 * One task as a reader yields it. Everything is borrowed from the reader
 * and valid until the next read. Fields a format does not have are NULL.
 * A text is NUL-terminated as well as text_len bytes long.
 */
struct record {
	unsigned long	 line;		/* where the record starts */
	const char	*text;		/* the text, or NULL for an image */
	size_t		 text_len;	/* bytes */
	const char	*image;		/* path or URL as written; or NULL */
	const char	*ext_id;	/* "id" as text; NULL when none: only
					 * ever the id it was imported with,
					 * never a task number */
	const char	*source;	/* the file it came from, when each
					 * record has its own (file add) */
	json_t		*meta;		/* an object, or NULL for {} */
	const char	*meta_json;	/* or meta as the store keeps it
					 * (JSON_COMPACT text), when the
					 * reader has it so: meta is NULL */
	json_t		*predictions;	/* an array of objects, or NULL */
	json_t		*annotations;	/* an array of objects, or NULL */
	const struct record_ann *anns;	/* or nanns annotations so, when
					 * the reader has their results as
					 * text: annotations is NULL */
	size_t		 nanns;
	json_t		*final_answer;	/* an object, or NULL */
	json_t		*gold;		/* the task's known answer: a result
					 * as an annotation's, or NULL */
	int		 width;		/* image size when given; 0 if not */
	int		 height;
	int		 has_priority;	/* "priority" was given: */
	int64_t		 priority;	/* its place in the labelling order */
	int		 has_hash;	/* an image's content_hash is known */
	int64_t		 hash;		/* of its file's bytes (util/hash.h);
					 * a text's the store computes */
	const char	*tokens;	/* the file's tokens as model/tokens.h
					 * stores them, or NULL */
};

/*
 * A piece of a file kept aside while it is read, for a format whose file
 * is not in task order (COCO: annotations apart from their images): its
 * key (what the pieces are grouped by), its index in its list and line in
 * the file (for messages), and its bytes, borrowed until the next call.
 */
struct stage_piece {
	int64_t		 key;
	int64_t		 index;
	unsigned long	 line;
	const char	*bytes;
	size_t		 len;
};

/* Where such a format keeps them: the store's scratch table
 * (store/stage.h), as hooks, so that formats call no store code. Each is
 * 0 (or 1 as said), or -1 after reporting. */
struct reader_stage {
	void	*arg;
	/* Adds a piece of kind; with unique, 1 when one of its kind and key
	 * is there already (nothing added). */
	int	(*put)(void *, int kind, int unique, const struct stage_piece *);
	/* Ends the adding. */
	int	(*filled)(void *);
	/* The pieces of kind in the order put: 1 with the piece, 0 at the
	 * end. */
	int	(*next)(void *, int kind, struct stage_piece *);
	/* fn for each piece of kind and key, in the order put; stops at
	 * fn's -1. */
	int	(*each)(void *, int kind, int64_t key,
		    int (*fn)(const struct stage_piece *, void *), void *);
};

/* The project's tasks as a reader of predictions for them (a COCO
 * results file) looks them up, as a hook so that formats call no store
 * code: find gives the task whose imported id is ext_id, its image's
 * width and height: 1, 0 when the project has none, -1 after
 * reporting. */
struct reader_tasks {
	void	*arg;
	int	(*find)(void *, const char *ext_id, int *width, int *height);
};

/* A task's priority as a file gives it (higher is labelled first). */
#define RECORD_PRIORITY_MAX	1000000000LL

/* One prediction and one annotation of an exported task. */
struct out_prediction {
	const char	*model;
	double		 score;
	int		 has_score;
	const char	*result;	/* JSON object as text */
	const char	*created_at;
};

struct out_annotation {
	const char	*user;
	const char	*state;
	const char	*result;	/* JSON object as text */
	double		 lead_time;
	int		 late;		/* submitted after its lease expired */
	int		 from_prediction; /* a suggestion accepted as is */
	const char	*created_at;
	const char	*updated_at;
	const char	*fixed;		/* a fixed one's fix, JSON, or NULL */
	const char	*reviews;	/* its history as a JSON array, or
					 * NULL for none */
	int64_t		 id;		/* the annotation's id (review's IDs);
					 * 0 leaves it out */
	int		 removed;	/* rejected and taken out of the
					 * overlap (on_reject: remove) */
	/* export --annotations consensus: one result made of several. */
	int		 consensus;	/* 1: the fields below are written */
	int		 annotators;	/* the answers in force it rests on */
	int		 has_agreement;
	double		 agreement;	/* the task's score, 0..1 */
	const char	*no_consensus;	/* the controls without one, a JSON
					 * array, or NULL for none */
};

/* A task's final answer in force (review final). */
struct out_final {
	const char	*result;	/* JSON object as text */
	const char	*settled_by;	/* a login */
	int64_t		 from_annotation;	/* its annotation's id, or 0:
						 * written by hand */
	const char	*created_at;
};

/* One task to write, with all its predictions and annotations. */
struct out_task {
	int64_t				 id;	/* the task number */
	const char			*ext_id;	/* the imported id, or
							 * NULL */
	const char			*kind;	/* "text" or "image" */
	const char			*text;
	const char			*image;
	int				 width;	/* 0 when unknown */
	int				 height;
	const char			*meta;	/* JSON object as text */
	const struct out_prediction	*predictions;
	size_t				 npredictions;
	const struct out_annotation	*annotations;
	size_t				 nannotations;
	int64_t				 priority;	/* 0 unless set */
	const struct out_final		*final;	/* or NULL for none */
	const char			*gold;	/* its gold answer, JSON, or
						 * NULL: not a gold task */
	const char			*tokens;	/* stored tokens
							 * (model/tokens.h), or
							 * NULL: the tokenizer's */
};

#endif
