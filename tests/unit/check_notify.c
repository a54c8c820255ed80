/* Unit tests for notifications (src/store/notify.c): one-event rows,
 * batching (one unread row per recipient, project and kind whose count
 * grows, a new one after it is read), whom "the project's reviewers" and
 * "managers" are, the newest-first order by seq, marking read, and that a
 * notification goes with its event's transaction. */
#include <check.h>
#include <sqlite3.h>

#include "fixture.h"
#include "store/notify.h"
#include "util/buf.h"

static int64_t	news, sport;

static int64_t
add_user(const char *name, enum role role)
{
	struct user	u = USER_INIT;
	int64_t		id;

	u.name = xstrdup(name);
	u.role = role;
	ck_assert_int_eq(store_user_add(fx_st, &u), 0);
	id = u.id;
	user_release(&u);
	return id;
}

static void
setup(void)
{
	fx_setup();
	news = fx_add_project("news", 1);
	sport = fx_add_project("sport", 1);
}

/* Runs a batch inside a transaction of its own, as a unit of work would. */
static void
batch(int64_t user, int64_t project, int64_t delta)
{
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(notify_batch(fx_st, user, project,
	    NOTIFY_REVIEW_WAITING, delta), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
}

static int64_t
unread(int64_t user)
{
	int64_t	n, seq;

	ck_assert_int_eq(store_inbox_unread(fx_st, user, &n, &seq), 0);
	return n;
}

START_TEST(test_kinds)
{
	int	i;

	for (i = 0; i < NOTIFY__COUNT; i++)
		ck_assert_int_eq(notify_kind_from_name(notify_kind_name(i)),
		    i);
	ck_assert_int_eq(notify_kind_from_name("nonsense"), -1);
	ck_assert_ptr_null(notify_kind_name(NOTIFY__COUNT));
	ck_assert(notify_kind_batched(NOTIFY_REVIEW_WAITING));
	ck_assert(!notify_kind_batched(NOTIFY_REJECTED));
}
END_TEST

/* Three submissions in one project, then two in another: one row per
 * project, counting; a read one stays, and the next event starts anew. */
START_TEST(test_batch_counts_per_project)
{
	int64_t	bob = add_user("bob", ROLE_REVIEWER);

	batch(bob, news, 1);
	batch(bob, news, 1);
	batch(bob, news, 1);
	batch(bob, sport, 2);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM notification"), 2);
	ck_assert_int_eq(fx_int("SELECT count FROM notification WHERE"
	    " project_id = 1"), 3);
	ck_assert_int_eq(fx_int("SELECT count FROM notification WHERE"
	    " project_id = 2"), 2);
	ck_assert_int_eq(unread(bob), 2);
	fx_exec("UPDATE notification SET read_at = '2026-01-01T00:00:00Z'"
	    " WHERE project_id = 1");
	batch(bob, news, 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM notification"), 3);
	ck_assert_int_eq(fx_int("SELECT count FROM notification WHERE"
	    " project_id = 1 AND read_at IS NOT NULL"), 3);
	ck_assert_int_eq(fx_int("SELECT count FROM notification WHERE"
	    " project_id = 1 AND read_at IS NULL"), 1);
}
END_TEST

/* A row whose count grows takes the newest seq: it is new again. */
START_TEST(test_batch_moves_to_the_top)
{
	int64_t	bob = add_user("bob", ROLE_REVIEWER), n, seq, before;

	batch(bob, news, 1);
	batch(bob, sport, 1);
	ck_assert_int_eq(store_inbox_unread(fx_st, bob, &n, &before), 0);
	batch(bob, news, 1);
	ck_assert_int_eq(store_inbox_unread(fx_st, bob, &n, &seq), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_gt(seq, before);
	ck_assert_int_eq(fx_int("SELECT project_id FROM notification"
	    " ORDER BY seq DESC LIMIT 1"), news);
}
END_TEST

START_TEST(test_batch_refuses_a_one_event_kind)
{
	int64_t	bob = add_user("bob", ROLE_REVIEWER);
	struct notify_new n = { .user_id = bob, .project_id = news,
	    .kind = NOTIFY_REVIEW_WAITING };

	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(notify_batch(fx_st, bob, news, NOTIFY_REJECTED, 1),
	    -1);
	ck_assert_int_eq(notify_batch(fx_st, bob, news,
	    NOTIFY_REVIEW_WAITING, 0), -1);
	ck_assert_int_eq(notify_add(fx_st, &n), -1);
	store_rollback(fx_st);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM notification"), 0);
}
END_TEST

/* One event each, nobody told of their own act. */
START_TEST(test_add_one_per_event)
{
	int64_t	ann = add_user("ann", ROLE_ANNOTATOR);
	int64_t	bob = add_user("bob", ROLE_REVIEWER);
	struct notify_new n = { .user_id = ann, .project_id = news,
	    .kind = NOTIFY_REJECTED, .actor_id = bob, .task_id = 7,
	    .annotation_id = 9, .body = "wrong label" };
	struct notify_new self = { .user_id = bob, .project_id = news,
	    .kind = NOTIFY_COMMENT, .actor_id = bob };

	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(notify_add(fx_st, &n), 0);
	ck_assert_int_eq(notify_add(fx_st, &n), 0);
	ck_assert_int_eq(notify_add(fx_st, &self), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	ck_assert_int_eq(unread(ann), 2);
	ck_assert_int_eq(unread(bob), 0);
}
END_TEST

/* A notification is part of its event: rolled back with it. */
START_TEST(test_rolled_back_with_the_event)
{
	int64_t	bob = add_user("bob", ROLE_REVIEWER);

	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(notify_batch(fx_st, bob, news,
	    NOTIFY_REVIEW_WAITING, 1), 0);
	store_rollback(fx_st);
	ck_assert_int_eq(unread(bob), 0);
}
END_TEST

static int
collect_id(int64_t id, void *arg)
{
	buf_printf(arg, "%s%lld", ((struct buf *)arg)->len ? "," : "",
	    (long long)id);
	return 0;
}

static char *
reviewers(int64_t project, int managers)
{
	struct buf	b = BUF_INIT;

	buf_printf(&b, "%s", "");
	if (managers)
		ck_assert_int_eq(notify_each_manager(fx_st, project,
		    collect_id, &b), 0);
	else
		ck_assert_int_eq(notify_each_reviewer(fx_st, project,
		    collect_id, &b), 0);
	return buf_detach(&b);
}

/* Members at reviewer or above; the global reviewers where there are
 * none (less those a membership makes something else there); removed
 * users never. The same for managers. */
START_TEST(test_reviewers_and_managers)
{
	int64_t	 r1 = add_user("r1", ROLE_REVIEWER);	/* 2 */
	int64_t	 r2 = add_user("r2", ROLE_REVIEWER);	/* 3 */
	int64_t	 ann = add_user("ann", ROLE_ANNOTATOR);	/* 4 */
	int64_t	 m1 = add_user("m1", ROLE_MANAGER);	/* 5 */
	char	*s;

	ck_assert_int_eq(store_member_set(fx_st, sport, r1,
	    ROLE_ANNOTATOR), 0);
	/* No reviewer members in either: the global reviewers, but r1 is
	 * an annotator in sport. */
	ck_assert_str_eq(s = reviewers(news, 0), "2,3"); free(s);
	ck_assert_str_eq(s = reviewers(sport, 0), "3"); free(s);
	/* A member at reviewer or above replaces the global ones. */
	ck_assert_int_eq(store_member_set(fx_st, news, ann, ROLE_REVIEWER),
	    0);
	ck_assert_int_eq(store_member_set(fx_st, news, m1, ROLE_MANAGER),
	    0);
	ck_assert_str_eq(s = reviewers(news, 0), "4,5"); free(s);
	ck_assert_str_eq(s = reviewers(news, 1), "5"); free(s);
	ck_assert_str_eq(s = reviewers(sport, 1), "5"); free(s);
	/* A removed user is nobody's reviewer. */
	ck_assert_int_eq(store_user_remove(fx_st, r2), 0);
	ck_assert_str_eq(s = reviewers(sport, 0), ""); free(s);
	(void)r2;
}
END_TEST

/* notify_reviewers: one batch each, never to the annotator. */
START_TEST(test_notify_reviewers_except)
{
	int64_t	 r1 = add_user("r1", ROLE_REVIEWER);
	int64_t	 r2 = add_user("r2", ROLE_REVIEWER);

	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(notify_reviewers(fx_st, news, NOTIFY_REVIEW_WAITING,
	    1, r1), 0);
	ck_assert_int_eq(notify_reviewers(fx_st, news, NOTIFY_REVIEW_WAITING,
	    4, 0), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	ck_assert_int_eq(fx_int("SELECT count FROM notification WHERE"
	    " user_id = 2"), 4);
	ck_assert_int_eq(fx_int("SELECT count FROM notification WHERE"
	    " user_id = 3"), 5);
	(void)r2;
}
END_TEST

static int
collect_note(const struct notification *n, void *arg)
{
	buf_printf(arg, "%s%lld:%s:%lld%s", ((struct buf *)arg)->len ? " " :
	    "", (long long)n->id, n->kind, (long long)n->count,
	    n->read_at == NULL ? "*" : "");
	return 0;
}

static char *
inbox(int64_t user, int all, const struct page *page)
{
	struct buf	b = BUF_INIT;

	buf_printf(&b, "%s", "");
	ck_assert_int_eq(store_inbox_each(fx_st, user, all, page,
	    collect_note, &b), 0);
	return buf_detach(&b);
}

/* Newest first, unread only unless all; a window by cursor; marking read
 * refuses another's id and changes nothing then. */
START_TEST(test_inbox_order_and_mark)
{
	int64_t		 bob = add_user("bob", ROLE_REVIEWER);
	int64_t		 ann = add_user("ann", ROLE_ANNOTATOR);
	struct notify_new n = { .user_id = bob, .project_id = news,
	    .kind = NOTIFY_MEMBER_ADDED, .body = "reviewer" };
	struct actor	 a = { bob, bob };
	struct page	 after = { 3, 0, 0 };
	int64_t		 ids[2] = { 1, 4 };
	char		*s;

	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(notify_add(fx_st, &n), 0);		/* 1 */
	ck_assert_int_eq(notify_batch(fx_st, bob, news,
	    NOTIFY_REVIEW_WAITING, 1), 0);			/* 2 */
	n.kind = NOTIFY_PROJECT_DONE;
	ck_assert_int_eq(notify_add(fx_st, &n), 0);		/* 3 */
	n.user_id = ann;
	ck_assert_int_eq(notify_add(fx_st, &n), 0);		/* 4: ann's */
	ck_assert_int_eq(notify_batch(fx_st, bob, news,
	    NOTIFY_REVIEW_WAITING, 1), 0);			/* 2 again */
	ck_assert_int_eq(store_commit(fx_st), 0);
	ck_assert_str_eq(s = inbox(bob, 0, NULL),
	    "2:review_waiting:2* 3:project_done:1* 1:member_added:1*");
	free(s);
	ck_assert_str_eq(s = inbox(bob, 0, &after), "1:member_added:1*");
	free(s);
	/* ann's 4 is not bob's: refused, nothing marked. */
	ck_assert_int_eq(store_inbox_mark(fx_st, &a, ids, 2), -1);
	ck_assert_int_eq(unread(bob), 3);
	ck_assert_int_eq(store_inbox_mark(fx_st, &a, ids, 1), 1);
	ck_assert_int_eq(store_inbox_mark(fx_st, &a, ids, 1), 0);
	ck_assert_str_eq(s = inbox(bob, 0, NULL),
	    "2:review_waiting:2* 3:project_done:1*");
	free(s);
	ck_assert_str_eq(s = inbox(bob, 1, NULL),
	    "2:review_waiting:2* 3:project_done:1* 1:member_added:1");
	free(s);
	ck_assert_int_eq(store_inbox_mark(fx_st, &a, NULL, 0), 2);
	ck_assert_int_eq(unread(bob), 0);
	ck_assert_int_eq(unread(ann), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit WHERE action ="
	    " 'inbox read'"), 2);
}
END_TEST

/* A project's notifications go with it. */
START_TEST(test_deleted_with_project)
{
	int64_t	bob = add_user("bob", ROLE_REVIEWER);

	batch(bob, news, 1);
	batch(bob, sport, 1);
	ck_assert_int_eq(store_project_delete(fx_st, news), 1);
	ck_assert_int_eq(unread(bob), 1);
}
END_TEST

static Suite *
notify_suite(void)
{
	Suite	*s = suite_create("notify");
	TCase	*tc = tcase_create("notify");

	tcase_add_checked_fixture(tc, setup, fx_teardown);
	tcase_add_test(tc, test_kinds);
	tcase_add_test(tc, test_batch_counts_per_project);
	tcase_add_test(tc, test_batch_moves_to_the_top);
	tcase_add_test(tc, test_batch_refuses_a_one_event_kind);
	tcase_add_test(tc, test_add_one_per_event);
	tcase_add_test(tc, test_rolled_back_with_the_event);
	tcase_add_test(tc, test_reviewers_and_managers);
	tcase_add_test(tc, test_notify_reviewers_except);
	tcase_add_test(tc, test_inbox_order_and_mark);
	tcase_add_test(tc, test_deleted_with_project);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(notify_suite());
}
