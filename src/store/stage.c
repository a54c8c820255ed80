/* A reader's scratch table (stage.h): temp.import_stage_piece, one row a
 * piece in the order put (seq, its rowid). The walk of a kind is a seek
 * by seq (NOT INDEXED: the rowid alone; an index by kind made SQLite sort
 * the kind for every step, 41 s for 10,000 COCO images).
 *
 * A key's pieces: where every kind's keys came in order (COCO's images by
 * id and their annotations by image id, as the tools write them), they
 * are the next rows of their kind, read on from where the last key's
 * ended: no index at all, each piece one row appended. Otherwise an index
 * by (kind, key, seq), made once (when a key first comes out of order,
 * or at the end of the filling) from the rows there, a sort rather than a
 * B-tree insert a row, and kept from then on. Three B-trees a piece were
 * most of a COCO import's staging.
 *
 * The pieces of one kind and key that come one after another (COCO's
 * annotations of an image) are one row, up to STAGE_ROW bytes: a row's
 * body is its pieces, each a struct row_piece and its bytes. A row a
 * piece was most of the staging's SQLite time.
 *
 * Its statements are its own (not the store's cache): the walk of one
 * kind stays open while the pieces of each key are read and while the
 * import writes its chunks. */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/internal.h"
#include "store/stage.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

#define STAGE_KINDS	8	/* kinds 0 to 7 */
#define STAGE_ROW	(64u << 10)	/* a row's bytes before it is put */

/* A piece in a row's body, before its bytes. */
struct row_piece {
	int64_t		index;
	uint64_t	line;
	uint64_t	len;
};

/* What the pieces of one kind have been so far. */
struct stage_kind {
	int64_t		 n;		/* pieces */
	int64_t		 last;		/* the last one's key */
	int		 unsorted;	/* a key below the one before */
	/* Reading on by key (no index): */
	int64_t		 from;		/* the seq the next key's start at or
					 * after */
	int64_t		 asked;		/* the last key asked, */
	int		 any_asked;	/* once there is one */
};

struct store_stage {
	struct store		*st;
	sqlite3_stmt		*put, *find, *walk, *each, *scan;
	int			 filling;	/* inside its BEGIN */
	int			 indexed;	/* the (kind, key) index made */
	int			 walk_kind;	/* the walk's kind, and the */
	int64_t			 walk_seq;	/* last piece it gave */
	struct buf		 piece;		/* the walk's row's body, */
	size_t			 piece_at;	/* where its next piece is */
	int64_t			 piece_key;	/* and its key */
	/* The row being gathered (a kind and key's pieces), not yet put: */
	struct buf		 pend;
	int			 pend_kind;	/* -1 for none */
	int64_t			 pend_key, pend_index;
	unsigned long		 pend_line;
	struct stage_kind	 kinds[STAGE_KINDS];
};

static const char stage_sql[] =
	"DROP TABLE IF EXISTS temp.import_stage_piece;"
	"CREATE TEMP TABLE import_stage_piece (seq INTEGER PRIMARY KEY,"
	"  kind INTEGER NOT NULL, key INTEGER NOT NULL, idx INTEGER NOT NULL,"
	"  line INTEGER NOT NULL, body BLOB NOT NULL);";

static const char index_sql[] =
	"CREATE INDEX temp.import_stage_piece_key"
	"  ON import_stage_piece(kind, key, seq);";

static int
prepare(struct store_stage *s, const char *sql, sqlite3_stmt **out)
{
	if (sqlite3_prepare_v2(s->st->db, sql, -1, out, NULL) != SQLITE_OK)
		return store_error(s->st, "staging the file");
	return 0;
}

void
store_stage_close(struct store_stage *s)
{
	if (s == NULL)
		return;
	sqlite3_finalize(s->put);
	sqlite3_finalize(s->find);
	sqlite3_finalize(s->walk);
	sqlite3_finalize(s->each);
	sqlite3_finalize(s->scan);
	buf_release(&s->piece);
	buf_release(&s->pend);
	if (s->filling)
		sqlite3_exec(s->st->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(s->st->db, "DROP TABLE IF EXISTS temp.import_stage_piece",
	    NULL, NULL, NULL);
	free(s);
}

struct store_stage *
store_stage_open(struct store *st)
{
	struct store_stage	*s = xcalloc(1, sizeof *s);

	s->st = st;
	s->walk_kind = -1;
	s->pend_kind = -1;
	/* Its own transaction, of the TEMP table alone (no lock on the
	 * database), ended before the import begins its own. */
	if (sqlite3_exec(st->db, stage_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		store_error(st, "staging the file");
		store_stage_close(s);
		return NULL;
	}
	s->filling = 1;
	/* find and each are prepared with the index (make_index). */
	if (prepare(s, "INSERT INTO temp.import_stage_piece (kind, key, idx,"
	    " line, body) VALUES (?, ?, ?, ?, ?)", &s->put) == -1 ||
	    prepare(s, "SELECT key, idx, line, body, seq FROM"
	    " temp.import_stage_piece NOT INDEXED WHERE seq > ? AND kind = ?"
	    " ORDER BY seq LIMIT 1", &s->walk) == -1 ||
	    prepare(s, "SELECT key, idx, line, body, seq FROM"
	    " temp.import_stage_piece NOT INDEXED WHERE seq >= ? AND kind = ?"
	    " ORDER BY seq", &s->scan) == -1) {
		store_stage_close(s);
		return NULL;
	}
	return s;
}

/* The index by (kind, key), from the rows there, and its statements. */
static int
make_index(struct store_stage *s)
{
	if (s->indexed)
		return 0;
	if (sqlite3_exec(s->st->db, index_sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_error(s->st, "staging the file");
	s->indexed = 1;
	if (prepare(s, "SELECT 1 FROM temp.import_stage_piece WHERE kind = ?"
	    " AND key = ?", &s->find) == -1 || prepare(s, "SELECT key, idx,"
	    " line, body FROM temp.import_stage_piece WHERE kind = ? AND"
	    " key = ? ORDER BY seq", &s->each) == -1)
		return -1;
	return 0;
}

static struct stage_kind *
kind_of(struct store_stage *s, int kind)
{
	return &s->kinds[kind >= 0 && kind < STAGE_KINDS ? kind : 0];
}

/* Puts the row being gathered: 0, or -1 after reporting. */
static int
flush(struct store_stage *s)
{
	int	rc;

	if (s->pend_kind == -1)
		return 0;
	sqlite3_bind_int(s->put, 1, s->pend_kind);
	sqlite3_bind_int64(s->put, 2, s->pend_key);
	sqlite3_bind_int64(s->put, 3, s->pend_index);
	sqlite3_bind_int64(s->put, 4, (sqlite3_int64)s->pend_line);
	sqlite3_bind_blob(s->put, 5, s->pend.data, (int)s->pend.len,
	    SQLITE_STATIC);
	rc = sqlite3_step(s->put);
	sqlite3_reset(s->put);
	s->pend_kind = -1;
	buf_reset(&s->pend);
	if (rc != SQLITE_DONE)
		return store_error(s->st, "staging the file");
	return 0;
}

int
store_stage_put(struct store_stage *s, int kind, int unique,
    const struct stage_piece *p)
{
	struct row_piece	 rp;
	struct stage_kind	*k = kind_of(s, kind);
	int			 rc;

	if (kind < 0 || kind >= STAGE_KINDS)
		return error("staging the file: kind %d", kind);
	/* A key below the one before: the kind's pieces of a key are no
	 * longer the next ones, and a unique key no longer the largest. */
	if (k->n > 0 && p->key < k->last && !k->unsorted) {
		k->unsorted = 1;
		if (make_index(s) == -1)
			return -1;
	}
	if (unique && !s->indexed && k->n > 0 && p->key == k->last)
		return 1;
	if (unique && s->indexed) {
		if (s->pend_kind == kind && s->pend_key == p->key)
			return 1;
		sqlite3_bind_int(s->find, 1, kind);
		sqlite3_bind_int64(s->find, 2, p->key);
		rc = sqlite3_step(s->find);
		sqlite3_reset(s->find);
		if (rc == SQLITE_ROW)
			return 1;
		if (rc != SQLITE_DONE)
			return store_error(s->st, "staging the file");
	}
	/* Gathered with the pieces before it of its kind and key. */
	if ((s->pend_kind != kind || s->pend_key != p->key ||
	    s->pend.len + p->len > STAGE_ROW) && flush(s) == -1)
		return -1;
	if (s->pend_kind == -1) {
		s->pend_kind = kind;
		s->pend_key = p->key;
		s->pend_index = p->index;
		s->pend_line = p->line;
	}
	rp.index = p->index;
	rp.line = p->line;
	rp.len = p->len;
	buf_add(&s->pend, (const char *)&rp, sizeof rp);
	buf_add(&s->pend, p->bytes, p->len);
	if (k->n == 0 || p->key > k->last)
		k->last = p->key;
	k->n++;
	return 0;
}

int
store_stage_filled(struct store_stage *s)
{
	if (flush(s) == -1)
		return -1;
	if (!s->filling)
		return 0;
	s->filling = 0;
	if (sqlite3_exec(s->st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return store_error(s->st, "staging the file");
	return 0;
}

/* The piece of a row's body (len bytes at b) at *at, key its row's: 1,
 * moving *at past it, or 0 at the body's end. */
static int
row_next(const char *b, size_t len, size_t *at, int64_t key,
    struct stage_piece *p)
{
	struct row_piece	rp;

	if (*at + sizeof rp > len)
		return 0;
	memcpy(&rp, b + *at, sizeof rp);
	*at += sizeof rp;
	if (rp.len > len - *at)
		rp.len = len - *at;
	p->key = key;
	p->index = rp.index;
	p->line = (unsigned long)rp.line;
	p->bytes = b + *at;
	p->len = (size_t)rp.len;
	*at += p->len;
	return 1;
}

/* fn for each piece of the row stmt is on: 0, or fn's -1. */
static int
row_each(sqlite3_stmt *stmt, int (*fn)(const struct stage_piece *, void *),
    void *arg)
{
	struct stage_piece	 p;
	const char		*b = sqlite3_column_blob(stmt, 3);
	size_t			 len = (size_t)sqlite3_column_bytes(stmt, 3);
	size_t			 at = 0;
	int64_t			 key = sqlite3_column_int64(stmt, 0);

	while (b != NULL && row_next(b, len, &at, key, &p))
		if (fn(&p, arg) == -1)
			return -1;
	return 0;
}

int
store_stage_next(struct store_stage *s, int kind, struct stage_piece *p)
{
	int	rc;

	const void	*b;

	if (flush(s) == -1)
		return -1;
	/* One row a query, reset at once: no statement stays open across
	 * the import's transactions. The row's pieces are handed out from
	 * its copy. */
	if (s->walk_kind != kind) {
		s->walk_kind = kind;
		s->walk_seq = 0;
		buf_reset(&s->piece);
		s->piece_at = 0;
	}
	for (;;) {
		if (row_next(s->piece.data, s->piece.len, &s->piece_at,
		    s->piece_key, p))
			return 1;
		sqlite3_bind_int64(s->walk, 1, s->walk_seq);
		sqlite3_bind_int(s->walk, 2, kind);
		if ((rc = sqlite3_step(s->walk)) == SQLITE_ROW) {
			s->piece_key = sqlite3_column_int64(s->walk, 0);
			s->walk_seq = sqlite3_column_int64(s->walk, 4);
			b = sqlite3_column_blob(s->walk, 3);
			buf_reset(&s->piece);
			buf_add(&s->piece, b != NULL ? b : "",
			    (size_t)sqlite3_column_bytes(s->walk, 3));
			s->piece_at = 0;
		}
		sqlite3_reset(s->walk);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return store_error(s->st, "reading the staged file");
	}
}

/* Each piece of kind and key by reading on from the last key's, where the
 * kind's keys came in order; a key below the last one asked is looked for
 * from the kind's first piece. */
static int
each_on(struct store_stage *s, int kind, int64_t key,
    int (*fn)(const struct stage_piece *, void *), void *arg)
{
	struct stage_kind	*k = kind_of(s, kind);
	int64_t			 from = k->from, seq, at;
	int			 rc, back;

	back = k->any_asked && key < k->asked;
	if (back)
		from = 0;
	else {
		k->asked = key;
		k->any_asked = 1;
	}
	sqlite3_bind_int64(s->scan, 1, from);
	sqlite3_bind_int(s->scan, 2, kind);
	while ((rc = sqlite3_step(s->scan)) == SQLITE_ROW) {
		at = sqlite3_column_int64(s->scan, 0);
		seq = sqlite3_column_int64(s->scan, 4);
		if (at > key)
			break;
		if (!back)
			k->from = seq + 1;
		if (at < key)
			continue;	/* of no key asked: passed over */
		if (row_each(s->scan, fn, arg) == -1) {
			sqlite3_reset(s->scan);
			return -1;
		}
	}
	sqlite3_reset(s->scan);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(s->st, "reading the staged file");
	if (rc == SQLITE_DONE && !back)
		k->from = INT64_MAX;
	return 0;
}

int
store_stage_each(struct store_stage *s, int kind, int64_t key,
    int (*fn)(const struct stage_piece *, void *), void *arg)
{
	int	rc;

	if (flush(s) == -1)
		return -1;
	if (!s->indexed)
		return each_on(s, kind, key, fn, arg);
	sqlite3_bind_int(s->each, 1, kind);
	sqlite3_bind_int64(s->each, 2, key);
	while ((rc = sqlite3_step(s->each)) == SQLITE_ROW) {
		if (row_each(s->each, fn, arg) == -1) {
			sqlite3_reset(s->each);
			return -1;
		}
	}
	sqlite3_reset(s->each);
	if (rc != SQLITE_DONE)
		return store_error(s->st, "reading the staged file");
	return 0;
}

static int
hook_put(void *arg, int kind, int unique, const struct stage_piece *p)
{
	return store_stage_put(arg, kind, unique, p);
}

static int
hook_filled(void *arg)
{
	return store_stage_filled(arg);
}

static int
hook_next(void *arg, int kind, struct stage_piece *p)
{
	return store_stage_next(arg, kind, p);
}

static int
hook_each(void *arg, int kind, int64_t key,
    int (*fn)(const struct stage_piece *, void *), void *fnarg)
{
	return store_stage_each(arg, kind, key, fn, fnarg);
}

void
store_stage_hooks(struct store_stage *s, struct reader_stage *h)
{
	h->arg = s;
	h->put = hook_put;
	h->filled = hook_filled;
	h->next = hook_next;
	h->each = hook_each;
}
