/* Unit tests for tui/tint: a polygon's and a mask's pixels blended half
 * with the region's colour, the others left as they were, through a map
 * that scales and offsets the picture (a zoomed view); the hash tells a
 * change; the colours of labels. */
#include <check.h>
#include <string.h>

#include "tui/tint.h"

#include "runner.h"

#define W	8
#define H	6

static uint8_t	px[H][W][4];

static void
grey(void)
{
	memset(px, 100, sizeof px);
}

/* 1 when pixel i, j is blended with pure red (100 -> 178, 50, 50). */
static int
red(int i, int j)
{
	return px[j][i][0] == 178 && px[j][i][1] == 50 && px[j][i][2] == 50;
}

static int
plain(int i, int j)
{
	return px[j][i][0] == 100 && px[j][i][1] == 100 && px[j][i][2] == 100;
}

START_TEST(test_polygon)
{
	/* a triangle over the image's pixels 0..8 x 0..6, one to one */
	struct ans_point	 tri[] = { { 0, 0 }, { 8, 0 }, { 0, 6 } };
	struct image_region	 r = { tri, 3, NULL, 0, 0xff0000 };
	struct tint_map		 m = { 0, 0, 1, 1, W, H };

	grey();
	ck_assert_uint_gt(tint_apply(&px[0][0][0], W, H, W * 4, &m, &r, 1), 0);
	ck_assert(red(0, 0));
	ck_assert(red(2, 2));
	ck_assert(plain(7, 5));
	ck_assert(plain(6, 4));
	/* alpha untouched */
	ck_assert_int_eq(px[0][0][3], 100);
}
END_TEST

START_TEST(test_polygon_zoomed)
{
	/* the view 4..8 x 3..6 of the image, two buffer pixels a pixel:
	 * the square 5..6 x 4..5 is buffer pixels 2..3 x 2..3 */
	struct ans_point	 sq[] = { { 5, 4 }, { 6, 4 }, { 6, 5 }, { 5, 5 } };
	struct image_region	 r = { sq, 4, NULL, 0, 0xff0000 };
	struct tint_map		 m = { 4, 3, 2, 2, 16, 12 };
	int			 i, j, n = 0;

	grey();
	ck_assert_uint_eq(tint_apply(&px[0][0][0], W, H, W * 4, &m, &r, 1), 4);
	for (j = 0; j < H; j++)
		for (i = 0; i < W; i++)
			n += red(i, j);
	ck_assert_int_eq(n, 4);
	ck_assert(red(2, 2) && red(3, 3));
	ck_assert(plain(1, 2) && plain(4, 3));
}
END_TEST

START_TEST(test_mask)
{
	/* column-major over 8 x 6: columns 2 and 3, rows 1..3 */
	static const uint32_t	 rle[] = { 2 * 6 + 1, 3, 3, 3, 48 - 22 };
	struct image_region	 r = { NULL, 0, rle, 5, 0xff0000 };
	struct tint_map		 m = { 0, 0, 1, 1, W, H };

	grey();
	ck_assert_uint_eq(tint_apply(&px[0][0][0], W, H, W * 4, &m, &r, 1), 6);
	ck_assert(red(2, 1) && red(2, 3) && red(3, 1) && red(3, 3));
	ck_assert(plain(2, 0) && plain(2, 4) && plain(1, 2) && plain(4, 2));
}
END_TEST

START_TEST(test_hash_and_colours)
{
	struct ans_point	 a[] = { { 0, 0 }, { 8, 0 }, { 0, 6 } };
	struct ans_point	 b[] = { { 0, 0 }, { 8, 0 }, { 0, 5 } };
	struct image_region	 ra = { a, 3, NULL, 0, 0xff0000 };
	struct image_region	 rb = { b, 3, NULL, 0, 0xff0000 };
	struct image_region	 rc = { a, 3, NULL, 0, 0x00ff00 };

	ck_assert(tint_hash(&ra, 1) == tint_hash(&ra, 1));
	ck_assert(tint_hash(&ra, 1) != tint_hash(&rb, 1));
	ck_assert(tint_hash(&ra, 1) != tint_hash(&rc, 1));
	ck_assert(tint_hash(&ra, 1) != tint_hash(NULL, 0));
	ck_assert_uint_eq(tint_rgb("#102030", 2), 0x102030);
	ck_assert_uint_eq(tint_rgb(NULL, 2), 0xcd0000);
	ck_assert_uint_eq(tint_rgb("red", 2), 0xcd0000);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("tint");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_polygon);
	tcase_add_test(tc, test_polygon_zoomed);
	tcase_add_test(tc, test_mask);
	tcase_add_test(tc, test_hash_and_colours);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
