/* Interchange formats, all behind one small interface: a format has a name,
 * a reader that yields one task record at a time from a FILE *, and a writer
 * that writes one task at a time. Readers stream: they hold one line (or one
 * CSV record) at a time, so memory does not grow with the file. One file per
 * format: jsonl.c, csv.c (csv and tsv), txt.c. */
#ifndef SCALEC_FORMAT_H
#define SCALEC_FORMAT_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "formats/linereader.h"
#include "model/record.h"
#include "util/buf.h"

struct reader;

struct format {
	const char	*name;
	const char	*extensions;	/* ".jsonl .ndjson": for guessing */
	/* Reads the next record: 1, 0 at the end, -1 after reporting. */
	int		(*read)(struct reader *, struct record *);
	/* Prepares the reader (the CSV header); 0 or -1 after reporting. */
	int		(*read_begin)(struct reader *);
	/* Writes whatever comes before the first task (a CSV header). */
	int		(*write_begin)(FILE *, const char *const *controls);
	/* Writes one task; 0 or -1 (the caller checks ferror). */
	int		(*write)(FILE *, const struct out_task *,
			    const char *const *controls);
};

/*
 * The reading state every format shares; a reader owns what it yields.
 */
struct reader {
	const struct format	*fmt;
	struct linereader	 lr;
	const char		*name;		/* for messages */
	json_t			*obj;		/* the current line's JSON */
	json_t			*meta;		/* built meta, owned */
	char			 idbuf[32];	/* an integer id as text */
	struct buf		 field;		/* CSV: the record's fields */
	size_t			*offs;		/* CSV: field starts in field */
	size_t			 noffs, aoffs;
	char			**header;	/* CSV: column names */
	size_t			 ncols;
	int			 text_col, image_col, id_col;
	char			 sep;		/* ',' or '\t' */
	unsigned long		 nrecords;	/* records yielded so far */
};

/* The formats by name ("jsonl", "csv", "tsv", "txt"); NULL when unknown. */
const struct format	*format_find(const char *name);
/* The format a file name suggests by its extension, or NULL. */
const struct format	*format_guess(const char *path);
/* "jsonl, csv, tsv, txt": for usage messages. */
const char		*format_names(void);
/* 1 when fmt can write (export). */
int			 format_can_write(const struct format *);

/* Starts reading f as fmt; name is for messages. 0 or -1 after reporting. */
int	reader_open(struct reader *, const struct format *, FILE *,
	    const char *name);
/* The next record: 1, 0 at the end (an empty input is reported and is -1),
 * or -1 after reporting FILE:LINE: what is wrong. */
int	reader_next(struct reader *, struct record *);
/* Bytes of the input read so far, for a progress bar; 0 when unknown. */
uint64_t reader_pos(const struct reader *);
void	reader_close(struct reader *);

/*
 * Checks a line's bytes before parsing: no NUL byte, valid UTF-8. Reports
 * FILE:LINE: what is wrong and returns -1, else 0.
 */
int	format_check_text(const char *name, unsigned long line, const char *s,
	    size_t len);
/*
 * Fills rec from a task object in the native shape (JSONL): type checks,
 * other top-level keys into meta. Reports FILE:LINE and returns -1.
 */
int	record_from_object(struct reader *, json_t *obj, struct record *rec);
/* A task in the native shape, for the JSONL writer and for tests. */
json_t	*out_task_json(const struct out_task *);

extern const struct format format_jsonl;
extern const struct format format_csv;
extern const struct format format_tsv;
extern const struct format format_txt;

#endif
