/* Who labels which task next, and the leases and drafts that keep other
 * people off one task beyond the overlap (see store/assign.h).
 *
 *
 * Choosing the next task, and why it stays cheap.
 *
 * A person's queue has three parts: what they hold (a live lease, or a
 * draft: resumed first), the open tasks they have not annotated, in
 * order, and at the end the tasks they skipped, the one skipped longest
 * ago first. A task is open while task.submitted < project.overlap (k);
 * the order is priority DESC, then id. A task has room for a person
 * while its submissions plus the other people holding it, by a live
 * lease or a draft (OTHERS_HOLDING_SQL in internal.h: two seeks), are
 * below k. A draft holds until its person submits or skips it or a
 * manager releases it (store_task_release: the draft becomes a skip); a
 * lease alone expires, which frees the task of a session that crashed
 * before its first change.
 *
 * The open part. The index task_next (project_id, submitted, priority
 * DESC, id) holds the open tasks as k streams, one per submitted value
 * 0 .. k-1, each already in that order; the next task is the first
 * eligible row of any stream, so we walk each stream and keep the best
 * (k small index walks instead of one walk over all open tasks plus a
 * sort). A row is eligible when this person has no annotation of it
 * beyond a draft (anti-join on annotation's UNIQUE (task_id, user_id))
 * and it has room for them. Each is a seek or two per row.
 *
 * What would make the walk long is the person's own history: with k >= 2
 * the tasks they labelled stay open until others catch up, so someone who
 * labelled the first 500,000 of 1,000,000 tasks would step over 500,000
 * rows of their own every time. Hence a per-person cursor (table
 * annotator, one row per person and project): a key in that order before
 * which every open task is one they have annotated. Each walk starts at
 * the cursor and moves it to the first open task they have not annotated,
 * so over a person's whole history each of their tasks is stepped over
 * about once. What can put an open, not-annotated-by-them task before the
 * cursor moves it back: triggers in the schema cover a task reopening or
 * changing priority (file priority: a task raised above the cursor pulls
 * it back to the task; one lowered past it is met later in the walk),
 * their annotation going back to a draft or away, and the overlap
 * growing; tasks added since the last walk (annotator.seen_task, a
 * trigger on every insert would slow imports by a third) are looked at
 * once here. A skip is an annotation, so skipped tasks stay behind the
 * cursor. The cursor never passes a task it could not give (one full with
 * other people's leases or drafts), so a lease that expires or a draft
 * released needs no bookkeeping; the walk steps over such tasks and, past
 * them, over any the person labelled since: at most what one person
 * labels while others hold a task.
 *
 * The skipped part, when the open part gives nothing (or alone, with
 * --skipped): the person's skips in annotation seq order, read from the
 * partial index annotation_skipped (user_id) WHERE state = 'skipped' and
 * sorted, so its cost is their own skips, not the project; a skip again
 * takes a new seq and goes to the back. (An index on (user_id, seq)
 * would give the order without the sort, but seq changes on every write
 * of an annotation, and keeping that index cost each submission about
 * half as much again at 1,000,000 tasks.)
 *
 * A filter (--filter, the labeler's f: a substring of the text or a meta
 * value) is one more condition on the same walks. It starts at the
 * cursor, which holds for it too, but never moves it (what a filtered
 * walk steps over says nothing of the tasks it does not look at), and it
 * steps over the rows that do not match: its cost is the distance to the
 * first match, which is the price of a filter with no index. The filter
 * has statements of its own (BAND_SQL), so that the walk without one
 * reads task_next alone, every column it needs being in the index, and
 * never a task's row.
 *
 * Gold tasks (issue 12 section 1) are not in the streams: is_gold is a
 * column of task_next and every band says is_gold = 0 (NOT_GOLD_SQL), so
 * the walk above stays on the index alone. When the project serves gold
 * (gold_every, gold_onboarding), find_gold runs after the resume and
 * before the open part: a count of the person's tasks (their counter and
 * their skips) says whether this position is a gold one, and task_gold
 * gives their first gold task not yet answered, a seek per gold task they
 * answered before; a project without gold pays for neither. A gold task
 * has no overlap, so no room check. A person paused by gold_pause gets
 * only what they hold or must fix.
 *
 * Extra annotators (issue 12 section 2, store/extra.c): a task whose
 * agreement at its overlap was below the project's threshold has its own
 * overlap, task.wanted, above the project's. Such a task has left the
 * streams (its submitted is k or more), so the streams cannot give it;
 * the partial index task_wanting holds exactly the tasks that want more
 * than they have (wanted > submitted, not gold) in the walk's order,
 * covering the walk, and walk_extra reads it before the streams: its
 * first row with room (submissions plus other holders below wanted) is
 * the candidate the streams must beat, as between streams. The people
 * who annotated a wanting task are the ones who would step over it at
 * every choice (all of them, for the original annotators), so the extra
 * part has a cursor of its own (annotator.want_*), kept as the streams'
 * is: it starts there, moves to the first wanting task the person has
 * not annotated, never past one it could not give; migration 12's
 * triggers move it back when a task enters task_wanting or moves in it,
 * or the person's annotation of one goes back to a draft or away (a
 * task enters only by a write of its row: its wanted, its submitted
 * lowered by a removal, its gold cleared). A project that never asked
 * has an empty index (one seek). The
 * room checks of the resume, the skipped part and lease_hold compare
 * with the task's own overlap too (max(overlap, wanted)).
 *
 * Known costs: the first choice for a person who has a history but no
 * cursor yet (their annotations were imported) walks that history once
 * (about half a second for 500,000 tasks). The choice is k stream walks,
 * so it grows with the overlap, not with the project. A task added with
 * the id of the project's newest task after that one was removed (SQLite
 * reuses the highest rowid) is not noticed as new; at worst such a task
 * waits until the person's cursor is moved back for another reason.
 *
 * The other costs are bounded the same way: their drafts and live leases
 * (resumed first) come from small indexes (annotation_draft, lease_user);
 * their progress count is a counter the schema's triggers keep, and the
 * title's count of their skips is annotation_skipped again, read once per
 * task, not per key; Backspace seeks annotation_recent. Leases are unix
 * seconds; expired ones are ignored and deleted lazily by the next
 * choice. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/filter.h"
#include "model/gold.h"
#include "store/assign.h"
#include "store/internal.h"
#include "store/project.h"
#include "store/store.h"
#include "store/task.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* Cursor keys at the two ends of the order (priority DESC, id). */
#define KEY_START_P	INT64_MAX
#define KEY_START_ID	INT64_MIN
#define KEY_END_P	INT64_MIN
#define KEY_END_ID	INT64_MAX

static int
lease_length(int lease_seconds)
{
	return lease_seconds > 0 ? lease_seconds : LEASE_SECONDS_DEFAULT;
}

static int
lease_write(struct store *st, int64_t task_id, int64_t user_id,
    int64_t expires)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO lease (task_id, user_id, expires_at)"
	    " VALUES (?, ?, ?) ON CONFLICT (task_id, user_id) DO UPDATE"
	    " SET expires_at = excluded.expires_at");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_int64(stmt, 3, expires);
	return stmt_exec(st, stmt, "writing a lease");
}

int
lease_delete(struct store *st, int64_t task_id, int64_t user_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "DELETE FROM lease WHERE task_id = ?"
	    " AND user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	return stmt_exec(st, stmt, "releasing a lease");
}

int
lease_hold(struct store *st, const struct task_view *v, int64_t task_id,
    int64_t user_id, int64_t now, int lease_seconds)
{
	if (annotation_state_counts(v->state))
		return 0;
	if (!v->leased && !v->gold && v->submitted + v->others >= v->overlap)
		return 0;
	if (lease_write(st, task_id, user_id, now + lease_length(lease_seconds))
	    == -1)
		return -1;
	return 1;
}

int
store_lease_renew(struct store *st, int64_t task_id, int64_t user_id,
    int lease_seconds)
{
	struct task_view	 v;
	int64_t			 now = store_now();
	int			 own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	rc = task_view_need(st, task_id, user_id, now, &v);
	if (rc == 1)
		rc = lease_hold(st, &v, task_id, user_id, now, lease_seconds);
	return tx_leave(st, own, rc);
}

int
store_lease_release(struct store *st, int64_t task_id, int64_t user_id)
{
	int	own;

	if (tx_enter(st, &own) == -1)
		return -1;
	return tx_leave(st, own, lease_delete(st, task_id, user_id));
}

/* Who holds the task (user_id's hold alone, unless 0), "alice,bob" into
 * *who (NULL: nobody); 0 or -1. */
static int
holders_of(struct store *st, int64_t task_id, int64_t user_id, int64_t now,
    char **who)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*who = NULL;
	stmt = stmt_get(st, "SELECT group_concat(name, ', ') FROM"
	    " (SELECT u.name FROM lease l JOIN user u ON u.id = l.user_id"
	    "   WHERE l.task_id = ?1 AND l.expires_at > ?3"
	    "   AND (?2 = 0 OR l.user_id = ?2)"
	    " UNION SELECT u.name FROM annotation d JOIN user u"
	    "   ON u.id = d.user_id WHERE d.task_id = ?1"
	    "   AND d.state = 'draft' AND (?2 = 0 OR d.user_id = ?2)"
	    " ORDER BY 1)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_int64(stmt, 3, now);
	if ((rc = stmt_row(st, stmt, "reading who holds a task")) == 1) {
		*who = column_dup(stmt, 0);
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : 0;
}

/* The release itself: drafts become skips (their result kept, at the back
 * of their person's queue), leases go. */
static int
release_holds(struct store *st, int64_t task_id, int64_t user_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE annotation SET state = 'skipped',"
	    " updated_at = " NOW_SQL ", seq = (SELECT coalesce(max(b.seq), 0)"
	    " + 1 FROM annotation b WHERE b.user_id = annotation.user_id)"
	    " WHERE task_id = ?1 AND state = 'draft'"
	    " AND (?2 = 0 OR user_id = ?2)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if (stmt_exec(st, stmt, "releasing drafts") == -1)
		return -1;
	stmt = stmt_get(st, "DELETE FROM lease WHERE task_id = ?1"
	    " AND (?2 = 0 OR user_id = ?2)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	return stmt_exec(st, stmt, "releasing leases");
}

int
store_task_release(struct store *st, const struct actor *a, int64_t task_id,
    int64_t user_id, char **who)
{
	struct task	 t = TASK_INIT;
	struct project	 p = PROJECT_INIT;
	char		*detail = NULL;
	int		 own, rc;

	*who = NULL;
	if (tx_enter(st, &own) == -1)
		return -1;
	if ((rc = store_task_get(st, task_id, &t)) != 1) {
		if (rc == 0)
			error("no task %lld", (long long)task_id);
		rc = -1;
		goto out;
	}
	rc = -1;
	if (store_project_get_id(st, t.project_id, &p) != 1 ||
	    holders_of(st, task_id, user_id, store_now(), who) == -1)
		goto out;
	rc = 0;
	if (*who == NULL)
		goto out;
	rc = -1;
	detail = xasprintf("task %lld: %s", (long long)task_id, *who);
	if (release_holds(st, task_id, user_id) == -1 ||
	    audit_write(st, a, "file.release", p.name, detail) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		free(*who);
		*who = NULL;
	}
	free(detail);
	task_release(&t);
	project_release(&p);
	return tx_leave(st, own, rc);
}

/* 1 when key (p1, id1) comes before (p2, id2) in next-task order. */
static int
key_before(int64_t p1, int64_t id1, int64_t p2, int64_t id2)
{
	return p1 > p2 || (p1 == p2 && id1 < id2);
}

/* What a session's walk is limited to (struct next_where), as a clause of
 * the walk's statements: ?7 a text's substring, ?8 a meta path and ?9
 * the value there, each NULL when not asked; of the content readers see
 * (TASK_LIVE_ONE). */
#define WHERE_SQL							\
	" AND (?7 IS NULL OR instr(" TASK_LIVE_ONE("t", "text") ", ?7) > 0)" \
	" AND (?8 IS NULL OR CAST(json_extract(" TASK_LIVE_ONE("t", "meta") \
	", ?8) AS TEXT) = ?9)"

/* One walk of the next-task choice. */
struct walk {
	int64_t	 project_id;
	int64_t	 user_id;
	int64_t	 now;
	int	 overlap;
	int	 gold_every;	/* the project's gold_rate as every Nth */
	int	 gold_onboarding;	/* a newcomer's first N are gold */
	int	 paused;	/* gold_pause holds their new work */
	const struct next_where *where;	/* NULL: every task */
	char	*meta_path;	/* where's meta key as a JSON path */
	int64_t	 from_p;	/* the cursor: start here (inclusive) */
	int64_t	 from_id;
	int	 found_first;	/* first open task they have not annotated */
	int64_t	 first_p;
	int64_t	 first_id;
	int	 found;		/* the task to give */
	int64_t	 take_p;
	int64_t	 take_id;
};

static void
where_bind(sqlite3_stmt *stmt, const struct walk *w)
{
	const struct task_filter	*f;

	if (w->where == NULL || (f = w->where->filter) == NULL)
		return;
	bind_text(stmt, 7, f->text);
	if (w->meta_path != NULL) {
		bind_text(stmt, 8, w->meta_path);
		bind_text(stmt, 9, f->meta_value);
	}
}

/* 1 when the walk is limited, so its cursor is not its own to move. */
static int
where_limits(const struct next_where *wh)
{
	return wh != NULL && wh->filter != NULL;
}

/* The JSON path of a top-level key ($."KEY"; filter.c refuses a '"' in
 * it). Caller frees. */
static char *
json_path_of(const char *key)
{
	return xasprintf("$.\"%s\"", key);
}

/* The two bands of a stream's walk (see walk_band), with a filter's
 * clause or none: without one, the walk reads task_next alone (every
 * column it needs is in the index), never a task's row. */
#define BAND_SQL(band, order, where)					\
	"SELECT t.priority, t.id, t.submitted + " OTHERS_HOLDING_SQL	\
	" FROM task t WHERE t.project_id = ?1 AND t.submitted = ?4"	\
	band NOT_GOLD_SQL("t") VISIBLE_SQL("t", "?1")			\
	" AND NOT EXISTS (SELECT 1 FROM annotation a"			\
	"   WHERE a.task_id = t.id AND a.user_id = ?2"			\
	"   AND a.state <> 'draft')" where " ORDER BY " order
#define BAND_A_SQL(where)						\
	BAND_SQL(" AND t.priority = ?5 AND t.id >= ?6", "t.id", where)
#define BAND_B_SQL(where)						\
	BAND_SQL(" AND t.priority < ?5", "t.priority DESC, t.id", where)

/*
 * Walks one stream (submitted = s) from the cursor: its first row is a
 * cursor candidate, its first row with room a task candidate. Stops at the
 * first row after the best task found so far. 1 when the walk should stop
 * (nothing later can be better), 0 to go on to the next band, -1.
 */
static int
walk_band(struct store *st, struct walk *w, int s, int band_b)
{
	sqlite3_stmt	*stmt;
	int64_t		 p, id, held;
	int		 rc, stop = 0, filtered = where_limits(w->where);

	/* Band A: the cursor's own priority, from its id on; band B: every
	 * lower priority. Two range scans of task_next in its own order (a
	 * row value cannot say "priority DESC, id ASC" to an index). */
	if (!band_b)
		stmt = stmt_get(st, filtered ? BAND_A_SQL(WHERE_SQL) :
		    BAND_A_SQL(""));
	else
		stmt = stmt_get(st, filtered ? BAND_B_SQL(WHERE_SQL) :
		    BAND_B_SQL(""));
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	sqlite3_bind_int64(stmt, 3, w->now);
	sqlite3_bind_int(stmt, 4, s);
	sqlite3_bind_int64(stmt, 5, w->from_p);
	if (!band_b)
		sqlite3_bind_int64(stmt, 6, w->from_id);
	where_bind(stmt, w);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		p = sqlite3_column_int64(stmt, 0);
		id = sqlite3_column_int64(stmt, 1);
		held = sqlite3_column_int64(stmt, 2);
		if (!w->found_first ||
		    key_before(p, id, w->first_p, w->first_id)) {
			w->found_first = 1;
			w->first_p = p;
			w->first_id = id;
		}
		if (w->found && !key_before(p, id, w->take_p, w->take_id)) {
			stop = 1;
			break;
		}
		if (held < w->overlap) {
			w->found = 1;
			w->take_p = p;
			w->take_id = id;
			stop = 1;
			break;
		}
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "choosing the next task");
	return stop;
}

/* The extra part's walk (see walk_extra), its two bands as the streams'
 * (walk_band), with a filter's clause or none: task_wanting holds every
 * column it needs without one. */
#define EXTRA_SQL(band, order, where)					\
	"SELECT t.priority, t.id, t.submitted + " OTHERS_HOLDING_SQL	\
	", t.wanted FROM task t INDEXED BY task_wanting"		\
	" WHERE t.project_id = ?1 AND t.wanted > t.submitted"		\
	NOT_GOLD_SQL("t") band VISIBLE_SQL("t", "?1")			\
	" AND NOT EXISTS (SELECT 1 FROM annotation a"			\
	"   WHERE a.task_id = t.id AND a.user_id = ?2"			\
	"   AND a.state <> 'draft')" where " ORDER BY " order
#define EXTRA_A_SQL(where)						\
	EXTRA_SQL(" AND t.priority = ?5 AND t.id >= ?6", "t.id", where)
#define EXTRA_B_SQL(where)						\
	EXTRA_SQL(" AND t.priority < ?5", "t.priority DESC, t.id", where)

/* One band of walk_extra from its cursor (*from_p, *from_id): the first
 * row is the cursor's candidate (*first), the first with room the task.
 * 1 when found, 0, -1. */
static int
extra_band(struct store *st, struct walk *w, int band_b, int64_t from_p,
    int64_t from_id, int *found_first, int64_t *first_p, int64_t *first_id)
{
	sqlite3_stmt	*stmt;
	int		 rc, filtered = where_limits(w->where), found = 0;

	if (!band_b)
		stmt = stmt_get(st, filtered ? EXTRA_A_SQL(WHERE_SQL) :
		    EXTRA_A_SQL(""));
	else
		stmt = stmt_get(st, filtered ? EXTRA_B_SQL(WHERE_SQL) :
		    EXTRA_B_SQL(""));
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	sqlite3_bind_int64(stmt, 3, w->now);
	sqlite3_bind_int64(stmt, 5, from_p);
	if (!band_b)
		sqlite3_bind_int64(stmt, 6, from_id);
	where_bind(stmt, w);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!*found_first) {
			*found_first = 1;
			*first_p = sqlite3_column_int64(stmt, 0);
			*first_id = sqlite3_column_int64(stmt, 1);
		}
		if (sqlite3_column_int64(stmt, 2) <
		    sqlite3_column_int64(stmt, 3)) {
			w->found = 1;
			w->take_p = sqlite3_column_int64(stmt, 0);
			w->take_id = sqlite3_column_int64(stmt, 1);
			found = 1;
			break;
		}
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "choosing a task wanting more");
	return found;
}

/*
 * The tasks that asked for extra annotators (task.wanted above their
 * submissions: store/extra.c), in the walk's order from the person's
 * cursor in task_wanting (annotator.want_*; before it every wanting task
 * is one they annotated): the first with room for them (its submissions
 * and other holders below its wanted) is the task candidate the streams
 * then try to beat. The cursor moves to the first wanting task they have
 * not annotated, unless the walk is limited (where_limits). 0 or -1.
 */
static int
walk_extra(struct store *st, struct walk *w)
{
	sqlite3_stmt	*stmt;
	int64_t		 from_p = KEY_START_P, from_id = KEY_START_ID;
	int64_t		 first_p = KEY_END_P, first_id = KEY_END_ID;
	int		 rc, found_first = 0;

	stmt = stmt_get(st, "SELECT want_priority, want_task FROM annotator"
	    " WHERE project_id = ? AND user_id = ? AND want_task IS NOT NULL");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	if ((rc = stmt_row(st, stmt, "reading a cursor")) == -1)
		return -1;
	if (rc == 1) {
		from_p = sqlite3_column_int64(stmt, 0);
		from_id = sqlite3_column_int64(stmt, 1);
		sqlite3_reset(stmt);
	}
	if ((rc = extra_band(st, w, 0, from_p, from_id, &found_first,
	    &first_p, &first_id)) == 0)
		rc = extra_band(st, w, 1, from_p, from_id, &found_first,
		    &first_p, &first_id);
	if (rc == -1)
		return -1;
	if (where_limits(w->where) || (first_p == from_p &&
	    first_id == from_id))
		return 0;
	stmt = stmt_get(st, "INSERT INTO annotator (project_id, user_id,"
	    " want_priority, want_task) VALUES (?, ?, ?, ?)"
	    " ON CONFLICT (project_id, user_id) DO UPDATE SET"
	    " want_priority = excluded.want_priority,"
	    " want_task = excluded.want_task");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	sqlite3_bind_int64(stmt, 3, first_p);
	sqlite3_bind_int64(stmt, 4, first_id);
	return stmt_exec(st, stmt, "saving a cursor");
}

/* Runs a one-row choice of the walk (?1 the project, ?2 the person, ?3
 * now, ?4 the overlap, and where's): 1 and *task_id from column col, 0
 * when there is no row, -1. */
static int
walk_row(struct store *st, sqlite3_stmt *stmt, const struct walk *w,
    const char *what, int col, int64_t *task_id)
{
	int	rc;

	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	sqlite3_bind_int64(stmt, 3, w->now);
	sqlite3_bind_int(stmt, 4, w->overlap);
	where_bind(stmt, w);
	if ((rc = stmt_row(st, stmt, what)) == 1) {
		*task_id = sqlite3_column_int64(stmt, col);
		sqlite3_reset(stmt);
	}
	return rc;
}

/* Before all: the person's rejected annotations in the project, the one
 * rejected longest ago first (annotation_rejected: their few rows), but
 * not one removed under on_reject: remove, which left their queue. A
 * rejected one counts already, so it needs no room and takes no lease. 1
 * and *task_id, 0 when none, -1. */
static int
find_rejected(struct store *st, const struct walk *w, int64_t *task_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT t.id FROM annotation a"
	    " CROSS JOIN task t ON t.id = a.task_id"
	    " WHERE a.user_id = ?2 AND a.state = 'rejected' AND a.removed = 0"
	    " AND t.project_id = ?1" WHERE_SQL
	    " ORDER BY +a.updated_at, a.id LIMIT 1");
	return walk_row(st, stmt, w, "finding a rejected task", 0, task_id);
}

/* Resume first: the person's live lease, or their draft where the task
 * has room. 1 and *task_id, 0 when none, -1. */
static int
find_resume(struct store *st, const struct walk *w, int64_t *task_id)
{
	sqlite3_stmt	*stmt;

	/* CROSS JOIN keeps the person's few rows first: the planner would
	 * otherwise walk the project's tasks and probe for theirs. The "+"
	 * on a.task_id: VISIBLE_SQL's range on t.id would otherwise make
	 * SQLite pick annotation's (task_id, user_id) index and read the
	 * person's whole history (11.7 ms at 200,000 tasks, 0.6 ms with). */
	stmt = stmt_get(st, "SELECT t.priority, t.id FROM lease l"
	    " CROSS JOIN task t ON t.id = l.task_id"
	    " WHERE l.user_id = ?2 AND l.expires_at > ?3 AND t.project_id = ?1"
	    VISIBLE_SQL("t", "?1")
	    " AND NOT EXISTS (SELECT 1 FROM annotation a"
	    "   WHERE a.task_id = t.id AND a.user_id = ?2"
	    "   AND a.state <> 'draft')" WHERE_SQL
	    " UNION "
	    "SELECT t.priority, t.id FROM annotation a"
	    " CROSS JOIN task t ON t.id = +a.task_id"
	    " WHERE a.user_id = ?2 AND a.state = 'draft' AND t.project_id = ?1"
	    VISIBLE_SQL("t", "?1")
	    " AND (t.is_gold OR t.submitted + " OTHERS_HOLDING_SQL
	    " < max(?4, t.wanted))"
	    WHERE_SQL
	    " ORDER BY 1 DESC, 2 LIMIT 1");
	return walk_row(st, stmt, w, "finding a task to resume", 1, task_id);
}

/* The end of the queue: the task the person skipped longest ago (their
 * annotation's seq: a skip again sends it to the back) that still has
 * room. 1 and *task_id, 0 when none, -1. */
static int
find_skipped(struct store *st, const struct walk *w, int64_t *task_id)
{
	sqlite3_stmt	*stmt;

	/* annotation_skipped: their skips alone, sorted here by seq
	 * ("+a.seq": not annotation_recent's order over all they did;
	 * "+a.task_id" as in find_resume). */
	stmt = stmt_get(st, "SELECT t.id FROM annotation a"
	    " CROSS JOIN task t ON t.id = +a.task_id"
	    " WHERE a.user_id = ?2 AND a.state = 'skipped'"
	    " AND t.project_id = ?1" VISIBLE_SQL("t", "?1")
	    " AND (t.is_gold OR t.submitted + " OTHERS_HOLDING_SQL
	    " < max(?4, t.wanted))" WHERE_SQL " ORDER BY +a.seq LIMIT 1");
	return walk_row(st, stmt, w, "finding a skipped task", 0, task_id);
}

/* Reads the project's overlap, highest task id and gold settings, and
 * whether the person's new work is paused, into w; 1, 0 for no project,
 * -1. */
static int
project_facts(struct store *st, struct walk *w, int64_t *max_task)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT overlap, (SELECT coalesce(max(id), 0)"
	    " FROM task t WHERE project_id = ?1" VISIBLE_SQL("t", "?1") "),"
	    " gold_every, gold_onboarding, coalesce((SELECT gold_paused"
	    " FROM annotator WHERE project_id = ?1 AND user_id = ?2), 0)"
	    " FROM project WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	if ((rc = stmt_row(st, stmt, "reading a project")) == 1) {
		w->overlap = sqlite3_column_int(stmt, 0);
		*max_task = sqlite3_column_int64(stmt, 1);
		w->gold_every = sqlite3_column_int(stmt, 2);
		w->gold_onboarding = sqlite3_column_int(stmt, 3);
		w->paused = sqlite3_column_int(stmt, 4);
		sqlite3_reset(stmt);
	} else if (rc == 0)
		return error("there is no project %lld",
		    (long long)w->project_id);
	return rc;
}

/*
 * Gold tasks (issue 12 section 1), served before the open part when the
 * person's next position is a gold one (model/gold.h's gold_slot): the
 * position is how many of the project's tasks they have submitted or
 * skipped (the annotator counter and annotation_skipped: no walk of
 * their history), and the task the first gold one by id that they have
 * no annotation of beyond a draft (task_gold: the project's gold tasks
 * alone, a seek each). Gold tasks have no overlap and are out of the
 * streams (is_gold in task_next), so everyone may answer each once. 1
 * and *task_id, 0 when it is not a gold turn or they have no gold left,
 * -1.
 */
static int
find_gold(struct store *st, const struct walk *w, int64_t *task_id)
{
	sqlite3_stmt	*stmt;
	int64_t		 served;

	if (w->gold_every <= 0 && w->gold_onboarding <= 0)
		return 0;
	stmt = stmt_get(st, "SELECT coalesce((SELECT submitted FROM annotator"
	    "   WHERE project_id = ?1 AND user_id = ?2), 0)"
	    " + (SELECT count(*) FROM annotation a"
	    "   CROSS JOIN task t ON t.id = +a.task_id WHERE a.user_id = ?2"
	    "   AND a.state = 'skipped' AND t.project_id = ?1)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	if ((served = stmt_int64(st, stmt, "counting a person's tasks")) == -1)
		return -1;
	if (!gold_slot(w->gold_every, w->gold_onboarding, served))
		return 0;
	stmt = stmt_get(st, "SELECT t.id FROM task t WHERE t.project_id = ?1"
	    GOLD_SQL("t") VISIBLE_SQL("t", "?1")
	    " AND NOT EXISTS (SELECT 1 FROM annotation a"
	    "   WHERE a.task_id = t.id AND a.user_id = ?2"
	    "   AND a.state <> 'draft')" WHERE_SQL " ORDER BY t.id LIMIT 1");
	return walk_row(st, stmt, w, "finding a gold task", 0, task_id);
}

/* Loads the cursor into w (the start when there is none); *seen is the
 * highest task id it has looked at. */
static int
cursor_load(struct store *st, struct walk *w, int64_t *seen)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	w->from_p = KEY_START_P;
	w->from_id = KEY_START_ID;
	*seen = 0;
	stmt = stmt_get(st, "SELECT cur_priority, cur_task, seen_task"
	    " FROM annotator WHERE project_id = ? AND user_id = ?"
	    " AND cur_task IS NOT NULL");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	if ((rc = stmt_row(st, stmt, "reading a cursor")) == 1) {
		w->from_p = sqlite3_column_int64(stmt, 0);
		w->from_id = sqlite3_column_int64(stmt, 1);
		*seen = sqlite3_column_int64(stmt, 2);
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : 0;
}

/* Moves the cursor back to the first open task added after seen, if it
 * comes before it. Each task added is looked at once per person. */
static int
cursor_catch_up(struct store *st, struct walk *w, int64_t seen)
{
	sqlite3_stmt	*stmt;
	int64_t		 p, id;
	int		 rc;

	/* "+submitted": walk the new rows by id (task_project), not every
	 * open task of the project. */
	stmt = stmt_get(st, "SELECT priority, id FROM task t"
	    " WHERE project_id = ?1 AND id > ?2 AND +submitted < ?3"
	    NOT_GOLD_SQL("t") VISIBLE_SQL("t", "?1")
	    " ORDER BY priority DESC, id LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, seen);
	sqlite3_bind_int(stmt, 3, w->overlap);
	if ((rc = stmt_row(st, stmt, "looking at new tasks")) == 1) {
		p = sqlite3_column_int64(stmt, 0);
		id = sqlite3_column_int64(stmt, 1);
		if (key_before(p, id, w->from_p, w->from_id)) {
			w->from_p = p;
			w->from_id = id;
		}
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : 0;
}

static int
cursor_save(struct store *st, const struct walk *w, int64_t p, int64_t id,
    int64_t seen)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO annotator (project_id, user_id,"
	    " cur_priority, cur_task, seen_task) VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT (project_id, user_id) DO UPDATE SET"
	    " cur_priority = excluded.cur_priority,"
	    " cur_task = excluded.cur_task, seen_task = excluded.seen_task");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	sqlite3_bind_int64(stmt, 3, p);
	sqlite3_bind_int64(stmt, 4, id);
	sqlite3_bind_int64(stmt, 5, seen);
	return stmt_exec(st, stmt, "saving a cursor");
}

static int
leases_expire(struct store *st, int64_t now)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "DELETE FROM lease WHERE expires_at <= ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, now);
	return stmt_exec(st, stmt, "removing expired leases");
}

/* The choice itself, inside the transaction: 1 and *task_id, 0, -1. A
 * limited walk (where_limits) starts at the cursor, which holds for it
 * too, but leaves it where it was: what it steps over says nothing of
 * the tasks it does not look at. */
static int
next_task_id(struct store *st, struct walk *w, int lease_seconds,
    int64_t *task_id)
{
	int64_t	 seen, max_task = 0, cur_p, cur_id, old_p, old_id;
	int	 s, rc;

	if (project_facts(st, w, &max_task) == -1 ||
	    leases_expire(st, w->now) == -1)
		return -1;
	if (w->paused) {
		/* Below gold_min_score under gold_pause: what they hold or
		 * must fix, nothing new (store_gold_paused says why). */
		if (w->where != NULL && w->where->skipped_only)
			return 0;
		if ((rc = find_rejected(st, w, task_id)) != 0)
			return rc;
		rc = find_resume(st, w, task_id);
		goto lease;
	}
	if (w->where != NULL && w->where->skipped_only) {
		rc = find_skipped(st, w, task_id);
		goto lease;
	}
	if ((rc = find_rejected(st, w, task_id)) != 0)
		return rc;
	if ((rc = find_resume(st, w, task_id)) != 0)
		goto lease;
	if ((rc = find_gold(st, w, task_id)) != 0)
		goto lease;

	if (cursor_load(st, w, &seen) == -1)
		return -1;
	old_p = w->from_p;
	old_id = w->from_id;
	if (seen < max_task && (old_p != KEY_START_P ||
	    old_id != KEY_START_ID) && cursor_catch_up(st, w, seen) == -1)
		return -1;
	if (walk_extra(st, w) == -1)
		return -1;
	for (s = 0; s < w->overlap; s++) {
		if ((rc = walk_band(st, w, s, 0)) == 0)
			rc = walk_band(st, w, s, 1);
		if (rc == -1)
			return -1;
	}
	if (w->found_first) {
		cur_p = w->first_p;
		cur_id = w->first_id;
	} else {
		cur_p = KEY_END_P;
		cur_id = KEY_END_ID;
	}
	if (!where_limits(w->where) && (cur_p != old_p || cur_id != old_id ||
	    seen != max_task) && cursor_save(st, w, cur_p, cur_id, max_task)
	    == -1)
		return -1;
	if (w->found) {
		*task_id = w->take_id;
		rc = 1;
	} else
		rc = find_skipped(st, w, task_id);
lease:
	if (rc == 1 && lease_write(st, *task_id, w->user_id,
	    w->now + lease_length(lease_seconds)) == -1)
		return -1;
	return rc;
}

int
store_next_task_where(struct store *st, int64_t project_id, int64_t user_id,
    int lease_seconds, const struct next_where *where, struct task *t)
{
	struct walk	 w;
	int64_t		 task_id = 0;
	int		 own, rc;

	memset(&w, 0, sizeof w);
	w.project_id = project_id;
	w.user_id = user_id;
	w.now = store_now();
	w.where = where;
	if (where != NULL && where->filter != NULL &&
	    where->filter->meta_key != NULL)
		w.meta_path = json_path_of(where->filter->meta_key);
	if (tx_enter(st, &own) == -1) {
		free(w.meta_path);
		return -1;
	}
	rc = next_task_id(st, &w, lease_seconds, &task_id);
	if (rc == 1 && (rc = store_task_get(st, task_id, t)) == 0)
		rc = error("task %lld vanished", (long long)task_id);
	free(w.meta_path);
	return tx_leave(st, own, rc);
}

int
store_next_task(struct store *st, int64_t project_id, int64_t user_id,
    int lease_seconds, struct task *t)
{
	return store_next_task_where(st, project_id, user_id, lease_seconds,
	    NULL, t);
}

