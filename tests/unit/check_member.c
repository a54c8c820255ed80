/* Unit tests for the store's people: project membership (src/store/member.c)
 * and what src/store/user.c adds for the user commands: restoring, the
 * duplicate refusal, counting admins and annotations, listing removed
 * users. */
#include <check.h>
#include <sqlite3.h>

#include "fixture.h"
#include "store/audit.h"
#include "store/member.h"
#include "store/near.h"
#include "store/project.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/suggest.h"

static int64_t	project_id;
static struct user alice = USER_INIT;

/* Adds a project "news" and a user "alice" (annotator) to the fixture. */
static void
setup(void)
{
	struct project	p = PROJECT_INIT;

	fx_setup();
	p.name = xstrdup("news");
	p.type = xstrdup("ner");
	p.config = xstrdup("controls: []");
	ck_assert_int_eq(store_project_add(fx_st, &p), 0);
	project_id = p.id;
	project_release(&p);
	alice.name = xstrdup("alice");
	alice.role = ROLE_ANNOTATOR;
	ck_assert_int_eq(store_user_add(fx_st, &alice), 0);
}

static void
teardown(void)
{
	user_release(&alice);
	fx_teardown();
}

/* Collects "name:role" of each member, comma-separated. */
static int
collect(const struct member *m, void *arg)
{
	struct buf	*b = arg;

	buf_printf(b, "%s%s/%s:%s:%s", b->len ? "," : "", m->project, m->user,
	    role_name(m->role), role_name(m->global_role));
	return 0;
}

static int
stop_at_first(const struct member *m, void *arg)
{
	(void)m;
	(*(int *)arg)++;
	return 7;
}

START_TEST(test_member_set_and_role)
{
	ck_assert_int_eq(store_member_role(fx_st, project_id, alice.id),
	    ROLE_NONE);
	ck_assert_int_eq(store_member_set(fx_st, project_id, alice.id,
	    ROLE_MANAGER), 0);
	ck_assert_int_eq(store_member_role(fx_st, project_id, alice.id),
	    ROLE_MANAGER);
	/* Setting again changes the role, not the row count. */
	ck_assert_int_eq(store_member_set(fx_st, project_id, alice.id,
	    ROLE_REVIEWER), 0);
	ck_assert_int_eq(store_member_role(fx_st, project_id, alice.id),
	    ROLE_REVIEWER);
	ck_assert_int_eq(store_member_role(fx_st, project_id, fx_admin.id),
	    ROLE_NONE);
}
END_TEST

START_TEST(test_member_remove)
{
	ck_assert_int_eq(store_member_remove(fx_st, project_id, alice.id), 0);
	ck_assert_int_eq(store_member_set(fx_st, project_id, alice.id,
	    ROLE_ANNOTATOR), 0);
	ck_assert_int_eq(store_member_remove(fx_st, project_id, alice.id), 1);
	ck_assert_int_eq(store_member_role(fx_st, project_id, alice.id),
	    ROLE_NONE);
	ck_assert_int_eq(store_member_remove(fx_st, project_id, alice.id), 0);
}
END_TEST

START_TEST(test_member_each)
{
	struct buf	b = BUF_INIT;
	int		n = 0;

	ck_assert_int_eq(store_member_each(fx_st, project_id, collect, &b), 0);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_int_eq(store_member_set(fx_st, project_id, alice.id,
	    ROLE_MANAGER), 0);
	ck_assert_int_eq(store_member_set(fx_st, project_id, fx_admin.id,
	    ROLE_REVIEWER), 0);
	ck_assert_int_eq(store_member_each(fx_st, project_id, collect, &b), 0);
	ck_assert_str_eq(buf_str(&b),
	    "news/admin:reviewer:admin,news/alice:manager:annotator");
	buf_reset(&b);
	ck_assert_int_eq(store_member_each_of_user(fx_st, alice.id, collect,
	    &b), 0);
	ck_assert_str_eq(buf_str(&b), "news/alice:manager:annotator");
	/* A non-zero return stops the walk and is passed back. */
	ck_assert_int_eq(store_member_each(fx_st, project_id, stop_at_first,
	    &n), 7);
	ck_assert_int_eq(n, 1);
	buf_release(&b);
}
END_TEST

START_TEST(test_removed_user_loses_memberships)
{
	ck_assert_int_eq(store_member_set(fx_st, project_id, alice.id,
	    ROLE_MANAGER), 0);
	ck_assert_int_eq(store_user_remove(fx_st, alice.id), 0);
	ck_assert_int_eq(store_member_role(fx_st, project_id, alice.id),
	    ROLE_NONE);
}
END_TEST

START_TEST(test_member_deleted_with_project)
{
	ck_assert_int_eq(store_member_set(fx_st, project_id, alice.id,
	    ROLE_MANAGER), 0);
	ck_assert_int_eq(store_project_delete(fx_st, project_id), 1);
	ck_assert_int_eq(store_member_role(fx_st, project_id, alice.id),
	    ROLE_NONE);
}
END_TEST

START_TEST(test_duplicate_user_refused)
{
	struct user	u = USER_INIT;

	u.name = xstrdup("alice");
	u.role = ROLE_ADMIN;
	ck_assert_int_eq(store_user_add(fx_st, &u), -1);
	user_release(&u);
	ck_assert_int_eq(store_user_get(fx_st, "alice", &u), 1);
	ck_assert_int_eq(u.role, ROLE_ANNOTATOR);
	user_release(&u);
}
END_TEST

START_TEST(test_restore_keeps_the_row)
{
	struct user	u = USER_INIT;
	int64_t		id = alice.id;

	ck_assert_int_eq(store_user_remove(fx_st, alice.id), 0);
	ck_assert_int_eq(store_user_get(fx_st, "alice", &u), 1);
	ck_assert(u.removed);
	ck_assert_ptr_nonnull(u.removed_at);
	user_release(&u);
	u.name = xstrdup("alice");
	u.role = ROLE_REVIEWER;
	ck_assert_int_eq(store_user_add(fx_st, &u), 0);
	ck_assert_int_eq(u.id, id);
	user_release(&u);
	ck_assert_int_eq(store_user_get(fx_st, "alice", &u), 1);
	ck_assert(!u.removed);
	ck_assert_ptr_null(u.removed_at);
	ck_assert_int_eq(u.role, ROLE_REVIEWER);
	user_release(&u);
}
END_TEST

static int
count_user(const struct user *u, void *arg)
{
	(void)u;
	(*(int *)arg)++;
	return 0;
}

START_TEST(test_list_all)
{
	int	n = 0;

	ck_assert_int_eq(store_user_remove(fx_st, alice.id), 0);
	ck_assert_int_eq(store_user_list(fx_st, 0, count_user, &n), 0);
	ck_assert_int_eq(n, 1);
	n = 0;
	ck_assert_int_eq(store_user_list(fx_st, 1, count_user, &n), 0);
	ck_assert_int_eq(n, 2);
	n = 0;
	ck_assert_int_eq(store_user_each(fx_st, count_user, &n), 0);
	ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(test_admin_count)
{
	ck_assert_int_eq(store_user_admin_count(fx_st), 1);
	alice.role = ROLE_ADMIN;
	ck_assert_int_eq(store_user_update(fx_st, &alice), 0);
	ck_assert_int_eq(store_user_admin_count(fx_st), 2);
	ck_assert_int_eq(store_user_remove(fx_st, alice.id), 0);
	ck_assert_int_eq(store_user_admin_count(fx_st), 1);
}
END_TEST

START_TEST(test_annotation_counts)
{
	struct state_counts	n;

	ck_assert_int_eq(store_user_counts(fx_st, alice.id, &n), 0);
	ck_assert_int_eq(n.total, 0);
	fx_exec("INSERT INTO task (project_id, kind, text, created_at)"
	    " SELECT id, 'text', 't' || value, 'now' FROM project,"
	    " (SELECT 1 AS value UNION SELECT 2 UNION SELECT 3 UNION SELECT 4);"
	    "INSERT INTO annotation (task_id, user_id, state, created_at,"
	    " updated_at) SELECT t.id, u.id, CASE t.text WHEN 't1' THEN"
	    " 'draft' WHEN 't4' THEN 'rejected' ELSE 'submitted' END, 'now',"
	    " 'now' FROM task t, user u WHERE u.name = 'alice';"
	    "INSERT INTO annotation (task_id, user_id, state, created_at,"
	    " updated_at) SELECT t.id, u.id, 'accepted', 'now', 'now'"
	    " FROM task t, user u WHERE u.name = 'admin';");
	ck_assert_int_eq(store_user_counts(fx_st, alice.id, &n), 0);
	ck_assert_int_eq(n.n[ANN_DRAFT], 1);
	ck_assert_int_eq(n.n[ANN_SUBMITTED], 2);
	ck_assert_int_eq(n.n[ANN_SKIPPED], 0);
	ck_assert_int_eq(n.n[ANN_ACCEPTED], 0);
	ck_assert_int_eq(n.n[ANN_REJECTED], 1);
	ck_assert_int_eq(store_user_counts(fx_st, fx_admin.id, &n), 0);
	ck_assert_int_eq(n.n[ANN_ACCEPTED], 4);
	ck_assert_int_eq(n.n[ANN_DRAFT], 0);
}
END_TEST

/* The message error() reported last. */
static char	said[512];

static void
keep_said(int is_warning, const char *msg)
{
	(void)is_warning;
	snprintf(said, sizeof said, "%s", msg);
}

/* The users' units of work: each audited with who acted, the last admin
 * kept, nobody removing themselves, a restore keeping what was known. */
START_TEST(test_user_units)
{
	struct actor		 me = { fx_admin.id, fx_admin.id };
	struct user_change	 ch = USER_CHANGE_INIT;
	struct user		 u = USER_INIT, was = USER_INIT;
	struct state_counts	 n;
	int			 restored;

	error_set_handler(keep_said);
	ch.email = "bob@example.org";
	ck_assert_int_eq(store_user_create(fx_st, &me, "bob", &ch, &u,
	    &restored), 0);
	ck_assert_int_eq(restored, 0);
	ck_assert_int_eq(u.role, ROLE_ANNOTATOR);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit WHERE action ="
	    " 'user add' AND object = 'bob' AND user_id = 1"), 1);
	/* The last admin is neither demoted nor removed; nor is oneself. */
	ch = (struct user_change)USER_CHANGE_INIT;
	ch.role = ROLE_MANAGER;
	ck_assert_int_eq(store_user_change(fx_st, &me, "admin", &ch,
	    "user role", NULL, NULL), -1);
	ck_assert_ptr_nonnull(strstr(said, "they are the last admin"));
	ck_assert_int_eq(store_user_retire(fx_st, &me, "admin", &u, &n), -1);
	ck_assert_ptr_nonnull(strstr(said, "cannot remove admin"));
	ch.role = ROLE_ADMIN;
	ck_assert_int_eq(store_user_change(fx_st, &me, "bob", &ch,
	    "user role", &was, &u), 0);
	ck_assert_int_eq(was.role, ROLE_ANNOTATOR);
	ck_assert_int_eq(u.role, ROLE_ADMIN);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit WHERE action ="
	    " 'user role' AND detail = 'role annotator -> admin'"), 1);
	ck_assert_int_eq(store_user_retire(fx_st, &me, "admin", &u, &n), -1);
	ck_assert_ptr_nonnull(strstr(said, "that is you"));
	ck_assert_int_eq(store_user_retire(fx_st, &me, "bob", &u, &n), 0);
	ck_assert_int_eq(u.removed, 1);
	/* Back again: what was known (the email, the role) is kept. */
	ch = (struct user_change)USER_CHANGE_INIT;
	ck_assert_int_eq(store_user_create(fx_st, &me, "bob", &ch, &u,
	    &restored), 0);
	ck_assert_int_eq(restored, 1);
	ck_assert_str_eq(u.email, "bob@example.org");
	ck_assert_int_eq(u.role, ROLE_ADMIN);
	/* A second database's first unit: refused, it has users. */
	ck_assert_int_eq(store_init(fx_st, "someone"), -1);
	ck_assert_ptr_nonnull(strstr(said, "already initialised"));
	error_set_handler(NULL);
	user_release(&u);
	user_release(&was);
}
END_TEST

/* Memberships as units of work, audited. */
START_TEST(test_member_units)
{
	struct actor	me = { fx_admin.id, fx_admin.id };

	ck_assert_int_eq(store_member_grant(fx_st, &me, project_id, "news",
	    alice.id, "alice", ROLE_REVIEWER, ROLE_NONE), 0);
	ck_assert_int_eq(store_member_role(fx_st, project_id, alice.id),
	    ROLE_REVIEWER);
	ck_assert_int_eq(store_member_revoke(fx_st, &me, project_id, "news",
	    alice.id, "alice"), 1);
	ck_assert_int_eq(store_member_revoke(fx_st, &me, project_id, "news",
	    alice.id, "alice"), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit WHERE object ="
	    " 'news' AND action IN ('member add', 'member remove')"), 2);
}
END_TEST

/* The names near a mistyped one: active users only, the nearest first;
 * projects the same. */
START_TEST(test_names_near)
{
	struct suggest	 s;
	struct project	 p = PROJECT_INIT;
	struct buf	 b = BUF_INIT;
	struct user	 u = USER_INIT;
	const char	*names[] = { "alicia", "alina", "bob", "alexandra" };
	size_t		 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		u.name = xstrdup(names[i]);
		u.role = ROLE_ANNOTATOR;
		ck_assert_int_eq(store_user_add(fx_st, &u), 0);
		if (strcmp(names[i], "alina") == 0)
			ck_assert_int_eq(store_user_remove(fx_st, u.id), 0);
		user_release(&u);
	}
	suggest_init(&s, "alcie");
	ck_assert_int_eq(store_user_near(fx_st, &s), 0);
	ck_assert_int_eq(suggest_text(&s, &b), 1);
	/* alice 1, alicia 2; alina is removed, the others too far */
	ck_assert_str_eq(buf_str(&b), "did you mean 'alice' or 'alicia'?");
	suggest_release(&s);
	buf_reset(&b);
	suggest_init(&s, "zzzzzz");
	ck_assert_int_eq(store_user_near(fx_st, &s), 0);
	ck_assert_int_eq(suggest_text(&s, &b), 0);
	suggest_release(&s);
	p.name = xstrdup("reviews");
	p.type = xstrdup("sentiment");
	p.config = xstrdup("controls: []");
	ck_assert_int_eq(store_project_add(fx_st, &p), 0);
	project_release(&p);
	buf_reset(&b);
	suggest_init(&s, "nwes");
	ck_assert_int_eq(store_project_near(fx_st, &s), 0);
	ck_assert_int_eq(suggest_text(&s, &b), 1);
	ck_assert_str_eq(buf_str(&b), "did you mean 'news'?");
	suggest_release(&s);
	buf_release(&b);
}
END_TEST

/* "id:action:object:user:real" of each record read, comma-separated. */
static int
collect_audit(const struct audit_record *r, void *arg)
{
	struct buf	*b = arg;

	buf_printf(b, "%s%lld:%s:%s:%s:%s", b->len ? "," : "",
	    (long long)r->id, r->action, r->object, r->user != NULL ?
	    r->user : "-", r->real_user != NULL ? r->real_user : "-");
	return 0;
}

static const char *
audit(struct buf *b, const struct audit_filter *f, const struct page *pg)
{
	buf_reset(b);
	ck_assert_int_eq(store_audit_each(fx_st, f, pg, collect_audit, b), 0);
	return buf_str(b);
}

/* The log read back: newest first, a project's records (not a user's of
 * the same name), who acted or was behind --as, since, the window. */
START_TEST(test_audit_read)
{
	struct actor		 me = { fx_admin.id, fx_admin.id };
	struct actor		 as = { alice.id, fx_admin.id };
	struct user_change	 ch = USER_CHANGE_INIT;
	struct user		 u = USER_INIT;
	struct audit_filter	 f;
	struct page		 pg = PAGE_ALL;
	struct buf		 b = BUF_INIT;
	int			 restored;

	ck_assert_int_eq(store_member_grant(fx_st, &me, project_id, "news",
	    alice.id, "alice", ROLE_REVIEWER, ROLE_NONE), 0);
	/* A user named as the project is no record of the project. */
	ck_assert_int_eq(store_user_create(fx_st, &me, "news", &ch, &u,
	    &restored), 0);
	ck_assert_int_eq(store_member_revoke(fx_st, &as, project_id, "news",
	    alice.id, "alice"), 1);
	fx_exec("UPDATE audit SET at = '2026-01-01T00:00:00Z' WHERE id = 1");
	memset(&f, 0, sizeof f);
	ck_assert_str_eq(audit(&b, &f, NULL), "3:member remove:news:alice:"
	    "admin,2:user add:news:admin:admin,1:member add:news:admin:admin");
	f.project = "news";
	ck_assert_str_eq(audit(&b, &f, NULL), "3:member remove:news:alice:"
	    "admin,1:member add:news:admin:admin");
	f.project = "other";
	ck_assert_str_eq(audit(&b, &f, NULL), "");
	/* alice acted once (as herself, through --as); admin in all. */
	memset(&f, 0, sizeof f);
	f.user_id = alice.id;
	ck_assert_str_eq(audit(&b, &f, NULL), "3:member remove:news:alice:"
	    "admin");
	f.user_id = fx_admin.id;
	ck_assert_int_eq(store_audit_each(fx_st, &f, NULL, collect_audit,
	    (buf_reset(&b), &b)), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "3:"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "1:"));
	f.user_id = 0;
	f.since = "2026-06-01T00:00:00Z";
	ck_assert_str_eq(audit(&b, &f, NULL), "3:member remove:news:alice:"
	    "admin,2:user add:news:admin:admin");
	/* The window: newest first, the cursor is "older than". */
	f.since = NULL;
	pg.limit = 1;
	ck_assert_str_eq(audit(&b, &f, &pg), "3:member remove:news:alice:"
	    "admin");
	pg.after = 3;
	ck_assert_str_eq(audit(&b, &f, &pg), "2:user add:news:admin:admin");
	pg.after = 0;
	pg.offset = 2;
	ck_assert_str_eq(audit(&b, &f, &pg), "1:member add:news:admin:admin");
	pg.after = 1;
	pg.offset = 0;
	ck_assert_str_eq(audit(&b, &f, &pg), "");
	user_release(&u);
	buf_release(&b);
}
END_TEST

static Suite *
member_suite(void)
{
	Suite	*s = suite_create("member");
	TCase	*tc = tcase_create("people");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_member_set_and_role);
	tcase_add_test(tc, test_member_remove);
	tcase_add_test(tc, test_member_each);
	tcase_add_test(tc, test_removed_user_loses_memberships);
	tcase_add_test(tc, test_member_deleted_with_project);
	tcase_add_test(tc, test_duplicate_user_refused);
	tcase_add_test(tc, test_restore_keeps_the_row);
	tcase_add_test(tc, test_list_all);
	tcase_add_test(tc, test_admin_count);
	tcase_add_test(tc, test_annotation_counts);
	tcase_add_test(tc, test_names_near);
	tcase_add_test(tc, test_user_units);
	tcase_add_test(tc, test_member_units);
	tcase_add_test(tc, test_audit_read);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(member_suite());
}
