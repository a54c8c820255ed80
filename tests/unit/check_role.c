/* Unit tests for src/model/role: the one table of who may do what, each
 * role against each act, written out here by hand so that a change to
 * ACT_LIST has to change this test too. Membership overriding the global
 * role is a matter of the context and is shown in tests/cli/roles.sh. */
#include <check.h>
#include <stdlib.h>

#include "model/role.h"

#include "runner.h"

/* What each role may do: 1 where allowed. Columns: annotator, reviewer,
 * manager, admin. */
static const struct {
	enum act	 act;
	int		 allowed[4];
} expect[] = {
	{ ACT_PROJECT_READ,	{ 1, 1, 1, 1 } },
	{ ACT_PROJECT_CREATE,	{ 0, 0, 1, 1 } },
	{ ACT_PROJECT_EDIT,	{ 0, 0, 1, 1 } },
	{ ACT_PROJECT_DELETE,	{ 0, 0, 1, 1 } },
	{ ACT_TASK_ADD,		{ 0, 0, 1, 1 } },
	{ ACT_TASK_REMOVE,	{ 0, 0, 1, 1 } },
	{ ACT_TASK_EDIT,	{ 0, 0, 1, 1 } },
	{ ACT_EXPORT,		{ 0, 0, 1, 1 } },
	{ ACT_STATS,		{ 0, 0, 1, 1 } },
	{ ACT_ANNOTATE,		{ 1, 1, 1, 1 } },
	{ ACT_REVIEW,		{ 0, 1, 1, 1 } },
	{ ACT_MEMBER_MANAGE,	{ 0, 0, 1, 1 } },
	{ ACT_USER_READ,	{ 1, 1, 1, 1 } },
	{ ACT_USER_MANAGE,	{ 0, 0, 0, 1 } },
	{ ACT_BACKUP,		{ 0, 0, 1, 1 } },
	{ ACT_LOG_READ,		{ 0, 0, 1, 1 } },
	{ ACT_LOG_ALL,		{ 0, 0, 0, 1 } },
	{ ACT_ACT_AS,		{ 0, 0, 0, 1 } },
};

START_TEST(test_every_act_is_listed)
{
	size_t	i;
	int	seen[ACT__COUNT] = { 0 };

	ck_assert_int_eq(sizeof expect / sizeof expect[0], ACT__COUNT);
	for (i = 0; i < sizeof expect / sizeof expect[0]; i++)
		seen[expect[i].act]++;
	for (i = 0; i < ACT__COUNT; i++)
		ck_assert_msg(seen[i] == 1, "act %zu (%s) listed %d times", i,
		    act_what((enum act)i), seen[i]);
}
END_TEST

/* Looped over every act (see tcase_add_loop_test). */
START_TEST(test_role_against_act)
{
	enum role	r;

	for (r = ROLE_ANNOTATOR; r <= ROLE_ADMIN; r++)
		ck_assert_msg(role_allows(r, expect[_i].act) ==
		    expect[_i].allowed[r], "%s may %s: expected %d",
		    role_name(r), act_what(expect[_i].act),
		    expect[_i].allowed[r]);
	/* Not a role (not a user, not a member) may do nothing. */
	ck_assert_int_eq(role_allows(ROLE_NONE, expect[_i].act), 0);
}
END_TEST

START_TEST(test_least_role_is_consistent)
{
	int	i;

	/* The least role allows, the one below it does not. */
	for (i = 0; i < ACT__COUNT; i++) {
		enum role least = act_least((enum act)i);

		ck_assert(role_allows(least, (enum act)i));
		if (least > ROLE_ANNOTATOR)
			ck_assert(!role_allows(least - 1, (enum act)i));
		ck_assert_ptr_nonnull(act_what((enum act)i));
	}
}
END_TEST

START_TEST(test_out_of_range_act_refused)
{
	ck_assert_int_eq(role_allows(ROLE_ADMIN, ACT__COUNT), 0);
	ck_assert_int_eq(role_allows(ROLE_ADMIN, (enum act)-1), 0);
}
END_TEST

START_TEST(test_role_names)
{
	enum role	r;

	for (r = ROLE_ANNOTATOR; r <= ROLE_ADMIN; r++)
		ck_assert_int_eq(role_from_name(role_name(r)), r);
	ck_assert_int_eq(role_from_name("admin"), ROLE_ADMIN);
	ck_assert_int_eq(role_from_name("annotator"), ROLE_ANNOTATOR);
	ck_assert_int_eq(role_from_name("Admin"), ROLE_NONE);
	ck_assert_int_eq(role_from_name("boss"), ROLE_NONE);
	ck_assert_int_eq(role_from_name(""), ROLE_NONE);
	ck_assert_ptr_null(role_name(ROLE_NONE));
	/* Ordered from least to most. */
	ck_assert(ROLE_ANNOTATOR < ROLE_REVIEWER);
	ck_assert(ROLE_REVIEWER < ROLE_MANAGER);
	ck_assert(ROLE_MANAGER < ROLE_ADMIN);
}
END_TEST

static Suite *
role_suite(void)
{
	Suite	*s = suite_create("role");
	TCase	*tc = tcase_create("table");

	tcase_add_test(tc, test_every_act_is_listed);
	tcase_add_loop_test(tc, test_role_against_act, 0,
	    sizeof expect / sizeof expect[0]);
	tcase_add_test(tc, test_least_role_is_consistent);
	tcase_add_test(tc, test_out_of_range_act_refused);
	tcase_add_test(tc, test_role_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(role_suite());
}
