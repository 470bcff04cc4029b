/*
 * test_paths.c - where files live (paths.c), and the config file that is
 * found there (config.c).
 *
 * Each test runs with HOME, XDG_DATA_HOME and XDG_CONFIG_HOME pointing
 * into a fresh temporary directory and INVSYNC_DB / INVSYNC_DATADIR
 * unset, so nothing of the real user's is read or written. Start at the
 * tests[] table in main().
 */
#include <sys/stat.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "err.h"
#include "paths.h"
#include "testutil.h"
#include "xmalloc.h"

static int
setup(void **state)
{
	if (testdir_setup("test_paths") != 0)
		return -1;
	testdir_setenv("HOME", "home");
	testdir_setenv("XDG_DATA_HOME", "data");
	testdir_setenv("XDG_CONFIG_HOME", "config");
	unsetenv("INVSYNC_DB");
	unsetenv("INVSYNC_DATADIR");
	return 0;
}

/* got is malloc'd; it must be testdir()/rel. Frees got. */
static void
assert_tmp_path(char *got, const char *rel)
{
	char	*want;

	want = testdir_path(rel);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(want);
	free(got);
}

static void
test_xdg_dirs(void **state)
{
	assert_tmp_path(paths_data_dir(), "data/invsync");
	assert_tmp_path(paths_config_dir(), "config/invsync");
	assert_tmp_path(paths_default_db(), "data/invsync/invsync.db");
	assert_tmp_path(paths_demo_db(), "data/invsync/demo.db");
}

/* Unset, empty or relative XDG variables fall back to ~/.local/share. */
static void
test_xdg_fallbacks(void **state)
{
	unsetenv("XDG_DATA_HOME");
	setenv("XDG_CONFIG_HOME", "", 1);
	assert_tmp_path(paths_data_dir(), "home/.local/share/invsync");
	assert_tmp_path(paths_config_dir(), "home/.config/invsync");

	setenv("XDG_DATA_HOME", "relative/data", 1);
	setenv("XDG_CONFIG_HOME", "relative/config", 1);
	assert_tmp_path(paths_data_dir(), "home/.local/share/invsync");
	assert_tmp_path(paths_config_dir(), "home/.config/invsync");
	assert_tmp_path(paths_default_db(),
	    "home/.local/share/invsync/invsync.db");
}

/* Without $HOME the password file says where home is. */
static void
test_home_from_passwd(void **state)
{
	struct passwd	*pw;
	char		*want, *got;

	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	pw = getpwuid(getuid());
	if (pw == NULL || pw->pw_dir == NULL || *pw->pw_dir == '\0')
		skip();
	got = paths_config_dir();
	if (strcmp(pw->pw_dir, "/") == 0)
		want = xstrdup("/.config/invsync");
	else
		want = xasprintf("%s/.config/invsync", pw->pw_dir);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void
test_default_db(void **state)
{
	char	*db;

	setenv("INVSYNC_DB", "/srv/shop/stock.db", 1);
	db = paths_default_db();
	assert_string_equal(db, "/srv/shop/stock.db");
	free(db);

	/* The demo never follows $INVSYNC_DB. */
	assert_tmp_path(paths_demo_db(), "data/invsync/demo.db");

	setenv("INVSYNC_DB", "", 1);
	assert_tmp_path(paths_default_db(), "data/invsync/invsync.db");
}

static void
test_shipped(void **state)
{
	char	*p, *want;

	/* The source tree the core was built from has the real files. */
	assert_non_null(p = paths_shipped("keymaps", "default.keymap"));
	assert_int_equal(access(p, R_OK), 0);
	assert_non_null(strstr(p, "/keymaps/default.keymap"));
	free(p);
	assert_non_null(p = paths_shipped("themes", "mono.theme"));
	free(p);
	assert_null(paths_shipped("themes", "no-such.theme"));
	assert_null(paths_shipped("keymaps", ""));	/* a directory */

	/* $INVSYNC_DATADIR comes first... */
	testdir_write("share/keymaps/default.keymap", "# mine\n");
	testdir_write("share/keymaps/extra.keymap", "\n");
	testdir_setenv("INVSYNC_DATADIR", "share");
	assert_tmp_path(paths_shipped("keymaps", "default.keymap"),
	    "share/keymaps/default.keymap");
	assert_tmp_path(paths_shipped("keymaps", "extra.keymap"),
	    "share/keymaps/extra.keymap");

	/* ...but what it lacks is still found further on. */
	assert_non_null(p = paths_shipped("themes", "dark.theme"));
	want = testdir_path("share");
	assert_null(strstr(p, want));
	free(want);
	free(p);

	/* A directory where a file should be is passed over. */
	testdir_setenv("INVSYNC_DATADIR", "dirs");
	p = testdir_path("dirs/themes/dark.theme");
	assert_int_equal(paths_mkdir_p(p, 0700, NULL), 0);
	free(p);
	assert_non_null(p = paths_shipped("themes", "dark.theme"));
	want = testdir_path("dirs");
	assert_null(strstr(p, want));
	free(want);
	free(p);

	setenv("INVSYNC_DATADIR", "", 1);
	assert_non_null(p = paths_shipped("keymaps", "vi.keymap"));
	free(p);
}

static void
test_mkdir_p(void **state)
{
	struct stat	 sb;
	struct err	 e;
	char		*p, *q;

	umask(022);
	p = testdir_path("a/b/c");
	assert_int_equal(paths_mkdir_p(p, 0700, &e), 0);
	assert_int_equal(stat(p, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* Again: nothing to do, no error. */
	assert_int_equal(paths_mkdir_p(p, 0700, &e), 0);
	free(p);

	/* Only what it creates gets the mode. */
	p = testdir_path("a");
	assert_int_equal(chmod(p, 0755), 0);
	free(p);
	p = testdir_path("a/b2//c2/");
	assert_int_equal(paths_mkdir_p(p, 0750, &e), 0);
	free(p);
	p = testdir_path("a");
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0755);
	free(p);
	p = testdir_path("a/b2/c2");
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0750);
	free(p);

	/* A file in the way is an error that names it. */
	testdir_write("f", "x");
	p = testdir_path("f/sub");
	q = testdir_path("f");
	err_clear(&e);
	assert_int_equal(paths_mkdir_p(p, 0700, &e), -1);
	assert_int_equal(e.code, ERR_SYSTEM);
	assert_non_null(strstr(e.msg, q));
	assert_non_null(strstr(e.msg, "Not a directory"));
	free(q);
	free(p);

	assert_int_equal(paths_mkdir_p("", 0700, &e), -1);
	assert_int_equal(e.code, ERR_USAGE);
	assert_int_equal(paths_mkdir_p("/", 0700, &e), 0);
	assert_int_equal(paths_mkdir_p(testdir(), 0700, NULL), 0);
}

static void
test_dirname(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "/a/b/c", "/a/b" },
		{ "/a/b/c/", "/a/b" },
		{ "/a//b", "/a" },
		{ "a/b", "a" },
		{ "a", "." },
		{ "a/", "." },
		{ "", "." },
		{ "/", "/" },
		{ "/a", "/" },
		{ "//a", "/" },
		{ "./x.db", "." },
		{ "../x.db", ".." },
	};
	size_t	 i;
	char	*d;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		d = paths_dirname(cases[i].in);
		if (strcmp(d, cases[i].out) != 0)
			fail_msg("dirname '%s' is '%s', want '%s'",
			    cases[i].in, d, cases[i].out);
		free(d);
	}
	d = paths_dirname(NULL);
	assert_string_equal(d, ".");
	free(d);
}

static void
test_config_defaults(void **state)
{
	struct config	c;
	struct diags	d = { 0 };

	config_defaults(&c);
	assert_string_equal(c.keymap, "default");
	assert_string_equal(c.theme, "default");
	assert_int_equal(c.confirm_over, 50);

	/* No file: the defaults, and not a word. */
	config_load(&c, &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(c.keymap, "default");
	assert_int_equal(c.confirm_over, 50);
}

static void
test_config_file(void **state)
{
	static const struct testutil_diag want[] = {
		{ 5, "unknown setting 'colour'" },
		{ 6, "keymap: missing value" },
		{ 7, "theme: too many words" },
		{ 8, "confirm-over: needs a whole number >= 0" },
		{ 9, "confirm-over: needs a whole number >= 0" },
		{ 10, "keymap: name must not contain '/' or start with '.'" },
		{ 11, "theme: name too long" },
	};
	struct config	 c;
	struct diags	 d = { 0 };
	char		*path;

	testdir_write("config/invsync/config",
	    "# my settings\n"
	    "keymap vi\n"
	    "\ttheme   dark   # at night\n"
	    "confirm-over 100\n"
	    "colour red\n"
	    "keymap\n"
	    "theme a b\n"
	    "confirm-over -3\n"
	    "confirm-over 12x\n"
	    "keymap ../../etc/passwd\n"
	    "theme 0123456789012345678901234567890123456789012345678901234567"
	    "890123456789\n"
	    "\n"
	    "confirm-over 7\r\n");
	config_defaults(&c);
	config_load(&c, &d);
	path = testdir_path("config/invsync/config");
	testutil_assert_diags(&d, path, want, sizeof want / sizeof want[0]);
	free(path);
	assert_string_equal(c.keymap, "vi");
	assert_string_equal(c.theme, "dark");
	assert_int_equal(c.confirm_over, 7);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test_setup_teardown(test_xdg_dirs, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_xdg_fallbacks, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_home_from_passwd, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_default_db, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_shipped, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_p, setup,
		    testdir_teardown),
		cmocka_unit_test(test_dirname),
		cmocka_unit_test_setup_teardown(test_config_defaults, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_config_file, setup,
		    testdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
