/* Ingest: the files 'scalec file add' is given, turned into task records.
 * It is a format of its own, beside the interchange formats, for files
 * that are the tasks themselves: it walks directories in sorted order and
 * decides what each file is by its bytes, never by its name: an image by
 * its signature (PNG, JPEG, GIF, BMP, WebP, PGM, PPM; a PNG named .txt is
 * an image), a PDF by its signature (its text through pdftotext), else
 * text when it is valid UTF-8 without NUL, and otherwise listed and
 * skipped. A name still claims what the bytes must bear out: a .txt or .md
 * that is no image must be text, a .pdf a PDF, and a .png must not be
 * binary data of no known kind. A file of the wrong kind for the project
 * is refused when named, and listed and skipped when found in a
 * directory. Standard input ("-") gives a text, or an image by its bytes,
 * which is kept as a file of its own in ingest_opts.images. */
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
	const char	*images;	/* where a piped image is kept, as
					 * HASH.FORMAT; NULL: refused */
	int		 images_shared;	/* images is the shared database's:
					 * written with its group */
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
 * input) or an image (image and source its absolute path, its size, its
 * content hash, meta {"format": "png"}). Returns 1, 0 at the end, or -1 after reporting
 * FILE[:LINE]: what is wrong. A file that is skipped is reported as a
 * warning ("PATH: skipped: why") and listed in ingest_skipped. The record
 * is borrowed until the next call.
 */
int		 ingest_next(struct ingest *, struct record *);
const struct ingest_stats *ingest_stats(const struct ingest *);
/* The files skipped so far: [{"path": ..., "reason": ...}]; borrowed. */
json_t		*ingest_skipped(const struct ingest *);
/* The file the last record came from, as given ("-", "dir/a.txt");
 * borrowed until ingest_close. NULL before the first. */
const char	*ingest_path(const struct ingest *);
/* The tasks were stored: the piped images kept for them stay. Without it
 * ingest_close removes every file this ingest made. */
void		 ingest_keep(struct ingest *);
void		 ingest_close(struct ingest *);

#endif
