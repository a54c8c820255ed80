/* Ingest: the files 'scalec file add' is given, turned into task records.
 * It is a format of its own, beside the interchange formats, for files
 * that are the tasks themselves: it walks directories in sorted order and
 * decides what each file is by its bytes, with its name as a claim. A .txt
 * or .md file must be UTF-8 text, a .png (or another image name) an image,
 * a .pdf a PDF (its text through pdftotext); a file of no known name is an
 * image or a PDF by its signature, text when it is valid UTF-8 without
 * NUL, and otherwise listed and skipped. A file of the wrong kind for the
 * project is refused when named, and listed and skipped when found in a
 * directory. Standard input ("-") gives text only. */
#ifndef SCALEC_INGEST_H
#define SCALEC_INGEST_H

#include <stddef.h>

#include <jansson.h>

#include "model/record.h"

struct ingest_opts {
	int		 takes;		/* config_takes(): CONFIG_TAKES_TEXT
					 * and/or _IMAGE */
	int		 lines;		/* a record per non-empty line of
					 * text, with meta {"line": N} */
	const char	*project;	/* the project's name and type, for */
	const char	*type;		/* "..., but project 'x' (ner) takes" */
};

struct ingest_stats {
	size_t	files;		/* files to read (for a progress bar) */
	size_t	done;		/* of them, read so far */
	size_t	gave;		/* of them, those that gave a record */
};

struct ingest;

/*
 * Expands paths ("-" for standard input; directories walked in sorted
 * order), so that a path that is not there is an error before anything is
 * read. NULL after reporting. The strings of opts are
 * borrowed until ingest_close.
 */
struct ingest	*ingest_open(char *const *paths, size_t n,
		    const struct ingest_opts *);
/*
 * The next record: a text (source its absolute path, NULL for standard
 * input) or an image (image and source its absolute path, its size, meta
 * {"format": "png"}). Returns 1, 0 at the end, or -1 after reporting
 * FILE[:LINE]: what is wrong. A file that is skipped is reported as a
 * warning ("PATH: skipped: why") and listed in ingest_skipped. The record
 * is borrowed until the next call.
 */
int		 ingest_next(struct ingest *, struct record *);
const struct ingest_stats *ingest_stats(const struct ingest *);
/* The files skipped so far: [{"path": ..., "reason": ...}]; borrowed. */
json_t		*ingest_skipped(const struct ingest *);
void		 ingest_close(struct ingest *);

#endif
