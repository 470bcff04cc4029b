/*
 * test_conffile.c - reading line-oriented files (conffile.c): words and
 * comments, line numbers, bad lines as "file:line: reason", and files
 * that are missing or cannot be read. keymap, theme and config files
 * are tested through it in test_keymap.c, test_theme.c and test_paths.c.
 * Start at the tests[] table in main().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"
#include "diag.h"
#include "testutil.h"
#include "xmalloc.h"

static int
setup(void **state)
{
	return testdir_setup_config("test_conffile");
}

/* '#' is a word only right after "key", as "bind # ..." is in keymaps. */
static int
hash_after_key(char **word, int n)
{
	return n == 1 && strcmp(word[0], "key") == 0;
}

static void
test_words(void **state)
{
	struct conffile	 cf;
	struct diags	 d = { 0 };
	const char	*path;

	path = testdir_write("words",
	    "# a comment\n"
	    "\n"
	    "  one\ttwo  # the rest is a comment\r\n"
	    "key # x\n"
	    "other #\n"
	    "a b c d\n"
	    "a b c d e\n"
	    "last");	/* no final newline */
	assert_int_equal(conffile_open(&cf, path, 4, hash_after_key, &d), 0);

	assert_int_equal(conffile_next(&cf), 1);
	assert_int_equal(cf.lineno, 3);
	assert_int_equal(cf.nword, 2);
	assert_string_equal(cf.word[0], "one");
	assert_string_equal(cf.word[1], "two");

	assert_int_equal(conffile_next(&cf), 1);
	assert_int_equal(cf.lineno, 4);
	assert_int_equal(cf.nword, 3);
	assert_string_equal(cf.word[1], "#");

	assert_int_equal(conffile_next(&cf), 1);
	assert_int_equal(cf.lineno, 5);
	assert_int_equal(cf.nword, 1);

	assert_int_equal(conffile_next(&cf), 1);
	assert_int_equal(cf.nword, 4);
	assert_int_equal(conffile_next(&cf), 1);
	assert_int_equal(cf.lineno, 7);
	assert_int_equal(cf.nword, 5);	/* more than max */
	conffile_reject(&cf, &d, "too many: %d", cf.nword);

	assert_int_equal(conffile_next(&cf), 1);
	assert_int_equal(cf.lineno, 8);
	assert_string_equal(cf.word[0], "last");
	assert_int_equal(conffile_next(&cf), 0);
	assert_int_equal(conffile_close(&cf, &d), 0);

	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.lines[0], "/words:7: too many: 5"));
	diags_free(&d);
}

/* Accepts "ok" lines only. */
static int
only_ok(void *arg, char **word, int nword, char *why, size_t len)
{
	int	*n = arg;

	if (nword != 1 || strcmp(word[0], "ok") != 0) {
		snprintf(why, len, "not ok '%s'", word[0]);
		return -1;
	}
	(*n)++;
	return 0;
}

static void
test_read(void **state)
{
	static const struct testutil_diag want[] = {
		{ 2, "not ok 'bad'" },
		{ 4, "not ok 'ok'" },
	};
	struct diags	 d = { 0 };
	const char	*path;
	char		*none;
	int		 n = 0;

	path = testdir_write("read", "ok\nbad\n# ok\nok ok\nok # fine\n");
	assert_int_equal(conffile_read(path, 4, NULL, only_ok, &n, &d), 0);
	testutil_assert_diags(&d, path, want, sizeof want / sizeof want[0]);
	assert_int_equal(n, 2);
	diags_free(&d);

	/* Missing: conffile_missing() says so; reading it is a diag. */
	none = testdir_path("none");
	assert_true(conffile_missing(none));
	assert_false(conffile_missing(path));
	assert_int_equal(conffile_read(none, 4, NULL, only_ok, &n, &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.lines[0], "/none: "));
	free(none);
	diags_free(&d);

	/* A directory opens but cannot be read. */
	assert_int_equal(conffile_read(testdir(), 4, NULL, only_ok, &n, &d),
	    -1);
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

static int
count_load(void *arg, const char *path, struct diags *d)
{
	return conffile_read(path, 4, NULL, only_ok, arg, d);
}

/* Shipped keymaps/NAME.keymap, then the user's "keymap". */
static void
test_load_named(void **state)
{
	struct diags	d = { 0 };
	int		n = 0;

	testdir_write("config/invsync/keymap", "ok\nok\n");
	assert_int_equal(conffile_load_named("keymap", "keymaps", "nosuch",
	    count_load, &n, &d), -1);
	assert_int_equal(n, 2);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.lines[0], "keymap nosuch: not found");
	diags_free(&d);

	n = 0;
	assert_int_equal(conffile_load_named("keymap", "keymaps", "../x",
	    count_load, &n, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.lines[0], "keymap ../x: bad name");
	assert_int_equal(n, 2);
	diags_free(&d);

	/* default.keymap is there; its bind lines are not "ok". */
	n = 0;
	assert_int_equal(conffile_load_named("keymap", "keymaps", NULL,
	    count_load, &n, &d), 0);
	assert_true(d.n > 0);
	assert_int_equal(n, 2);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test_setup_teardown(test_words, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_read, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_load_named, setup,
		    testdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
