/* Unit tests for src/formats/ingest.c, file add's files as records: a text
 * whole and line by line, an image by its bytes whatever its name, files
 * named for a kind they are not, and what is listed and skipped (hidden,
 * binary, empty, the wrong kind in a directory) or refused (the wrong kind
 * named), and standard input (text, and images kept as files). Each test
 * works in a fresh temporary folder. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/ingest.h"
#include "model/config.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/xmalloc.h"

#include "errors.h"
#include "runner.h"

static char	dir[64];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/scalec-ingest.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(chdir(dir), 0);
	errors_keep();
}

static void
teardown(void)
{
	char	*cmd = xasprintf("rm -rf '%s'", dir);

	ck_assert_int_eq(chdir("/"), 0);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	errors_drop();
}

/* Writes len bytes of s to path (in the test's folder). */
static void
put(const char *path, const char *s, size_t len)
{
	FILE	*f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(s, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

#define PUT(path, lit)	put((path), (lit), sizeof(lit) - 1)

/* A PNG of 3 by 2 red pixels (tests/cli/images/a.png): a whole one,
 * since ingest decodes the images it reads. */
static const char png[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48"
    "\x44\x52\x00\x00\x00\x03\x00\x00\x00\x02\x01\x03\x00\x00"
    "\x00\xa7\xba\xf4\x59\x00\x00\x00\x03\x50\x4c\x54\x45\xff"
    "\x00\x00\x19\xe2\x09\x37\x00\x00\x00\x0c\x49\x44\x41\x54"
    "\x08\xd7\x63\x60\x60\x60\x00\x00\x00\x04\x00\x01\x27\x34"
    "\x27\x0a\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/* The test folder's absolute path of name, in a static buffer. */
static const char *
abs_path(const char *name)
{
	static char	path[4096];
	char		*real = realpath(dir, NULL);

	snprintf(path, sizeof path, "%s/%s", real, name);
	free(real);
	return path;
}

static struct ingest *
open_paths(int takes, int lines, const char *a, const char *b)
{
	struct ingest_opts	 o = { takes, lines, "p", "custom", NULL };
	char			*paths[2] = { (char *)a, (char *)b };

	return ingest_open(paths, b != NULL ? 2 : 1, &o);
}

/* The record's meta as compact JSON, in a static buffer; "" for none. */
static const char *
meta(const struct record *rec)
{
	static char	 out[256];
	char		*s;

	if (rec->meta == NULL)
		return "";
	s = json_dumps(rec->meta, JSON_COMPACT);
	snprintf(out, sizeof out, "%s", s);
	free(s);
	return out;
}

START_TEST(test_text_whole)
{
	struct ingest	*in;
	struct record	 rec;

	PUT("doc.txt", "\xef\xbb\xbfThe first.\nThe second.\n");
	in = open_paths(CONFIG_TAKES_TEXT, 0, "doc.txt", NULL);
	ck_assert_ptr_nonnull(in);
	ck_assert_uint_eq(ingest_stats(in)->files, 1);
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "The first.\nThe second.\n");	/* no BOM */
	ck_assert_uint_eq(rec.text_len, 23);
	ck_assert_ptr_null(rec.image);
	ck_assert_str_eq(rec.source, abs_path("doc.txt"));
	ck_assert_ptr_null(rec.meta);
	ck_assert_int_eq(ingest_next(in, &rec), 0);
	ck_assert_uint_eq(ingest_stats(in)->done, 1);
	ck_assert_uint_eq(ingest_stats(in)->gave, 1);
	ck_assert_uint_eq(json_array_size(ingest_skipped(in)), 0);
	ingest_close(in);
}
END_TEST

START_TEST(test_text_lines)
{
	struct ingest	*in;
	struct record	 rec;

	PUT("l.md", "alpha\n\n   \nbeta\r\ngamma");
	in = open_paths(CONFIG_TAKES_TEXT, 1, "l.md", NULL);
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "alpha");
	ck_assert_str_eq(meta(&rec), "{\"line\":1}");
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "beta");		/* CR dropped */
	ck_assert_uint_eq(rec.text_len, 4);
	ck_assert_uint_eq(rec.line, 4);
	ck_assert_str_eq(meta(&rec), "{\"line\":4}");
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "gamma");		/* no last newline */
	ck_assert_str_eq(rec.source, abs_path("l.md"));
	ck_assert_uint_eq(ingest_stats(in)->done, 0);	/* still in it */
	ck_assert_int_eq(ingest_next(in, &rec), 0);
	ck_assert_uint_eq(ingest_stats(in)->done, 1);
	ck_assert_uint_eq(ingest_stats(in)->gave, 1);
	ingest_close(in);
}
END_TEST

START_TEST(test_image_by_bytes)
{
	struct ingest	*in;
	struct record	 rec;

	/* An image by its content, whatever its name. */
	put("picture.dat", png, sizeof png - 1);
	in = open_paths(CONFIG_TAKES_IMAGE, 0, "picture.dat", NULL);
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.image, abs_path("picture.dat"));
	ck_assert_str_eq(rec.source, rec.image);
	ck_assert_ptr_null(rec.text);
	ck_assert_int_eq(rec.width, 3);
	ck_assert_int_eq(rec.height, 2);
	ck_assert_str_eq(meta(&rec), "{\"format\":\"png\"}");
	ck_assert_int_eq(ingest_next(in, &rec), 0);
	ingest_close(in);
}
END_TEST

/* Opens one path, reads until the end or an error: the error's message,
 * or "" at the end. */
static const char *
refusal(int takes, const char *path)
{
	struct ingest	*in;
	struct record	 rec;
	int		 rc;

	last_error[0] = '\0';
	if ((in = open_paths(takes, 0, path, NULL)) == NULL)
		return last_error;
	while ((rc = ingest_next(in, &rec)) == 1)
		;
	ingest_close(in);
	return rc == -1 ? last_error : "";
}

START_TEST(test_misnamed)
{
	int	both = CONFIG_TAKES_TEXT | CONFIG_TAKES_IMAGE;

	/* Binary data of no known kind named like an image; text so named
	 * is text (the bytes decide). */
	PUT("fake.png", "\x01\x02\0\xff binary\n");
	ck_assert_str_eq(refusal(both, "fake.png"), "fake.png: named like an"
	    " image, but its content is not PNG, JPEG, GIF, BMP, WebP, PGM or"
	    " PPM");
	PUT("text.png", "just text\n");
	ck_assert_str_eq(refusal(both, "text.png"), "");
	PUT("fake.pdf", "not a pdf\n");
	ck_assert_str_eq(refusal(both, "fake.pdf"), "fake.pdf: named like a"
	    " PDF, but it is not one");
	put("short.png", png, 20);
	ck_assert_str_eq(refusal(both, "short.png"), "short.png: not a valid"
	    " image: truncated PNG header");
	/* Named as text, it must be text: the fault at its line and byte. */
	PUT("bad.txt", "ok line\nbad \xff\xfe byte\n");
	ck_assert_str_eq(refusal(both, "bad.txt"), "bad.txt:2: invalid UTF-8"
	    " at byte 5 (0xff)");
	PUT("nul.md", "text\0with a NUL\n");
	ck_assert_str_eq(refusal(both, "nul.md"), "nul.md:1: a NUL byte at"
	    " byte 5: not a text file");
	/* binary data of no known kind named as text (an image so named is
	 * an image: test_content_not_name) */
	PUT("data.txt", "\x89PNX\r\n\x1a\n\0\0");
	ck_assert_str_eq(refusal(both, "data.txt"), "data.txt:3: a NUL byte"
	    " at byte 1: not a text file");	/* after "\r\n\x1a\n" */
	ck_assert_str_eq(refusal(both, "missing.txt"), "missing.txt: No such"
	    " file or directory");
}
END_TEST

START_TEST(test_wrong_kind_named)
{
	PUT("one.txt", "text\n");
	put("a.png", png, sizeof png - 1);
	ck_assert_str_eq(refusal(CONFIG_TAKES_TEXT, "a.png"), "a.png: an image,"
	    " but project 'p' (custom) takes text");
	ck_assert_str_eq(refusal(CONFIG_TAKES_IMAGE, "one.txt"), "one.txt:"
	    " text, but project 'p' (custom) takes images");
	/* Text by content, not by name, is refused the same. */
	PUT("notes.log", "caf\xc3\xa9\n");
	ck_assert_str_eq(refusal(CONFIG_TAKES_IMAGE, "notes.log"),
	    "notes.log: text, but project 'p' (custom) takes images");
}
END_TEST

START_TEST(test_directory)
{
	struct ingest	*in;
	struct record	 rec;
	json_t		*sk;

	ck_assert_int_eq(mkdir("tree", 0777), 0);
	ck_assert_int_eq(mkdir("tree/b", 0777), 0);
	ck_assert_int_eq(mkdir("tree/a", 0777), 0);
	PUT("tree/z.txt", "zeta\n");
	PUT("tree/a/1.txt", "in a\n");
	PUT("tree/b/2.txt", "in b\n");
	PUT("tree/empty.txt", "");
	PUT("tree/blank.txt", " \n\t\n");
	put("tree/blob.bin", "\0\0\0\0", 4);
	PUT("tree/.dotfile", "x");
	put("tree/a/pic.png", png, sizeof png - 1);
	ck_assert_int_eq(symlink("nowhere", "tree/broken"), 0);
	in = open_paths(CONFIG_TAKES_TEXT, 0, "tree", NULL);
	ck_assert_ptr_nonnull(in);
	/* Hidden files and broken links are not files to read. */
	ck_assert_uint_eq(ingest_stats(in)->files, 7);
	/* Sorted, and recursively. */
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "in a\n");
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "in b\n");
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "zeta\n");
	ck_assert_int_eq(ingest_next(in, &rec), 0);
	ck_assert_uint_eq(ingest_stats(in)->done, 7);
	ck_assert_uint_eq(ingest_stats(in)->gave, 3);
	ck_assert_str_eq(warnings,
	    "tree/.dotfile: skipped: hidden\n"
	    "tree/a/pic.png: skipped: an image, but project 'p' (custom) takes"
	    " text\n"
	    "tree/blank.txt: skipped: only white space\n"
	    "tree/blob.bin: skipped: not a supported type (binary data)\n"
	    "tree/broken: skipped: a broken symbolic link\n"
	    "tree/empty.txt: skipped: an empty file\n");
	sk = ingest_skipped(in);
	ck_assert_uint_eq(json_array_size(sk), 6);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(sk,
	    3), "path")), "tree/blob.bin");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(sk,
	    0), "reason")), "hidden");
	ingest_close(in);
}
END_TEST

START_TEST(test_loop)
{
	struct ingest	*in;
	struct record	 rec;

	ck_assert_int_eq(mkdir("d", 0777), 0);
	PUT("d/t.txt", "text\n");
	ck_assert_int_eq(symlink(".", "d/self"), 0);
	in = open_paths(CONFIG_TAKES_TEXT, 0, "d", NULL);
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_int_eq(ingest_next(in, &rec), 0);
	ck_assert_ptr_nonnull(strstr(warnings, "d/self: skipped: a directory"
	    " loop (through a symbolic link)"));
	ingest_close(in);
}
END_TEST

START_TEST(test_two_paths)
{
	struct ingest	*in;
	struct record	 rec;

	PUT("one.txt", "one\n");
	put("pic.dat", png, sizeof png - 1);
	in = open_paths(CONFIG_TAKES_TEXT | CONFIG_TAKES_IMAGE, 1, "pic.dat",
	    "one.txt");
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_ptr_nonnull(rec.image);
	ck_assert_uint_eq(ingest_stats(in)->gave, 1);
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "one");
	ck_assert_uint_eq(ingest_stats(in)->done, 1);
	ck_assert_uint_eq(ingest_stats(in)->gave, 2);
	ck_assert_int_eq(ingest_next(in, &rec), 0);
	ingest_close(in);
}
END_TEST

/* Makes path standard input (each test runs in a process of its own). */
static void
stdin_from(const char *path)
{
	ck_assert_ptr_nonnull(freopen(path, "r", stdin));
}

START_TEST(test_stdin)
{
	struct ingest	*in;
	struct record	 rec;

	PUT("in.txt", "from stdin 1\nfrom stdin 2\n");
	stdin_from("in.txt");
	in = open_paths(CONFIG_TAKES_TEXT, 1, "-", NULL);
	ck_assert_uint_eq(ingest_stats(in)->files, 1);
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.text, "from stdin 1");
	ck_assert_ptr_null(rec.source);		/* no file of its own */
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_int_eq(ingest_next(in, &rec), 0);
	ingest_close(in);

	ck_assert_str_eq(refusal(CONFIG_TAKES_IMAGE, "-"), "-: text, but"
	    " project 'p' (custom) takes images");
	put("a.png", png, sizeof png - 1);
	stdin_from("a.png");
	ck_assert_str_eq(refusal(CONFIG_TAKES_TEXT, "-"), "-: an image, but"
	    " project 'p' (custom) takes text");
	PUT("doc.pdf", "%PDF-1.4\n");
	stdin_from("doc.pdf");
	ck_assert_str_eq(refusal(CONFIG_TAKES_TEXT, "-"), "-: a PDF from"
	    " standard input: name it by its path, for pdftotext");
}
END_TEST

/* Reads one record of an image piped in, kept in kept/; keep says whether
 * ingest_keep is called before the close. */
static void
piped_image(int keep, char *path, size_t len)
{
	struct ingest_opts	 o = { CONFIG_TAKES_IMAGE, 0, "p", "custom",
				    "kept" };
	char			*paths[1] = { (char *)"-" };
	struct ingest		*in;
	struct record		 rec;
	struct stat		 sb;

	put("a.png", png, sizeof png - 1);
	stdin_from("a.png");
	in = ingest_open(paths, 1, &o);
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_int_eq(rec.width, 3);
	ck_assert(rec.has_hash);
	ck_assert_int_eq(rec.hash, content_hash(png, sizeof png - 1));
	snprintf(path, len, "kept/%016llx.png",
	    (unsigned long long)(uint64_t)rec.hash);
	ck_assert_str_eq(rec.image, path);
	ck_assert_str_eq(rec.source, rec.image);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_size, (off_t)sizeof png - 1);
	if (keep)
		ingest_keep(in);
	ck_assert_int_eq(ingest_next(in, &rec), 0);
	ingest_close(in);
}

/* An image piped in is an image: its bytes are kept as a file named by
 * their hash (a task is a path), removed again when the add is not kept,
 * so that a failed add leaves no file. */
START_TEST(test_stdin_image)
{
	char		path[128];
	struct stat	sb;

	piped_image(0, path, sizeof path);
	ck_assert_int_eq(stat(path, &sb), -1);
	piped_image(1, path, sizeof path);
	ck_assert_int_eq(stat(path, &sb), 0);
	/* The same bytes again: the file is there, and stays */
	piped_image(0, path, sizeof path);
	ck_assert_int_eq(stat(path, &sb), 0);
	/* No place to keep it: refused */
	stdin_from("a.png");
	ck_assert_str_eq(refusal(CONFIG_TAKES_IMAGE, "-"), "-: an image from"
	    " standard input needs a place to keep it");
}
END_TEST

/* The bytes decide, not the name: a PNG named .txt, Netpbm images named
 * anything, and the hash of an image's bytes; a text that begins like a
 * Netpbm header is text when named so. */
START_TEST(test_content_not_name)
{
	struct ingest	*in;
	struct record	 rec;
	int		 both = CONFIG_TAKES_TEXT | CONFIG_TAKES_IMAGE;

	put("png.txt", png, sizeof png - 1);
	PUT("grey.dat", "P5\n3 2\n255\n\0\1\2\3\4\5");
	PUT("colour.txt", "P3\n# two\n2 1\n255\n255 0 0 0 0 255\n");
	PUT("words.txt", "P5 is where we turn; P6 is after.\n");
	in = open_paths(both, 0, "png.txt", "grey.dat");
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(rec.image, abs_path("png.txt"));
	ck_assert_int_eq(rec.hash, content_hash(png, sizeof png - 1));
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(meta(&rec), "{\"format\":\"pgm\"}");
	ck_assert_int_eq(rec.width * 10 + rec.height, 32);
	ingest_close(in);
	in = open_paths(both, 0, "colour.txt", "words.txt");
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_str_eq(meta(&rec), "{\"format\":\"ppm\"}");
	ck_assert_int_eq(rec.width * 10 + rec.height, 21);
	ck_assert_int_eq(ingest_next(in, &rec), 1);
	ck_assert_ptr_null(rec.image);
	ck_assert_str_eq(rec.text, "P5 is where we turn; P6 is after.\n");
	ingest_close(in);
	/* In a text project, a PNG named .txt is an image of the wrong kind */
	ck_assert_str_eq(refusal(CONFIG_TAKES_TEXT, "png.txt"), "png.txt: an"
	    " image, but project 'p' (custom) takes text");
}
END_TEST

static Suite *
ingest_suite(void)
{
	Suite	*s = suite_create("ingest");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_text_whole);
	tcase_add_test(tc, test_text_lines);
	tcase_add_test(tc, test_image_by_bytes);
	tcase_add_test(tc, test_misnamed);
	tcase_add_test(tc, test_content_not_name);
	tcase_add_test(tc, test_stdin_image);
	tcase_add_test(tc, test_wrong_kind_named);
	tcase_add_test(tc, test_directory);
	tcase_add_test(tc, test_loop);
	tcase_add_test(tc, test_two_paths);
	tcase_add_test(tc, test_stdin);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(ingest_suite());
}
