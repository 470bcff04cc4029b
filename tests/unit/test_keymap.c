/*
 * test_keymap.c - the default keys, key names, and keymap files.
 *
 * Each test gets a fresh temporary directory as $XDG_CONFIG_HOME, so the
 * user's own keymap never leaks in; shipped keymaps are found through
 * paths_shipped(), which falls back to the source tree the core was built
 * from. Start at the tests[] table in main().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "keymap.h"
#include "paths.h"
#include "testutil.h"
#include "xmalloc.h"

static int
setup(void **state)
{
	return testdir_setup_config("test_keymap");
}

static int
key(const char *name)
{
	int	k = -1;

	if (keymap_key_parse(name, &k) != 0)
		fail_msg("key '%s' does not parse", name);
	return k;
}

static const char *
bound(const struct keymap *km, const char *name)
{
	return keymap_action_name(keymap_lookup(km, key(name)));
}

/* The defaults, as the brief and keymaps/default.keymap document them. */
static const struct {
	const char	*key;
	const char	*action;
} documented[] = {
	{ "q", "app.quit" }, { "?", "app.help" }, { "F1", "app.help" },
	{ ":", "app.command" }, { "Esc", "app.back" },
	{ "C-l", "app.redraw" }, { "Tab", "pane.next" },
	{ "BTab", "pane.prev" }, { "z", "pane.zoom" },
	{ "1", "pane.stock" }, { "2", "pane.alerts" },
	{ "3", "pane.forecast" }, { "4", "pane.sync" },
	{ "Up", "nav.up" }, { "k", "nav.up" },
	{ "Down", "nav.down" }, { "j", "nav.down" },
	{ "PgUp", "nav.pgup" }, { "C-b", "nav.pgup" },
	{ "PgDn", "nav.pgdn" }, { "C-f", "nav.pgdn" },
	{ "Space", "nav.pgdn" }, { "Home", "nav.home" },
	{ "g", "nav.home" }, { "End", "nav.end" }, { "G", "nav.end" },
	{ "Enter", "nav.select" }, { "/", "stock.filter" },
	{ "s", "stock.sort" }, { "S", "stock.sort-reverse" },
	{ "a", "stock.adjust" }, { "+", "stock.adjust" },
	{ "-", "stock.adjust" }, { "r", "stock.receive" },
	{ "c", "stock.count" }, { "h", "stock.history" },
	{ "u", "stock.undo" }, { "b", "stock.scan" },
};

#define NDOCUMENTED	(sizeof documented / sizeof documented[0])

static int
count_bindings(const struct keymap *km)
{
	int	keys[64], i, n = 0;

	for (i = 0; i < ACT_NACTIONS; i++)
		n += keymap_keys_for(km, i, keys, 64);
	return n;
}

static void
test_defaults(void **state)
{
	struct keymap	*km;
	size_t		 i;

	km = keymap_new();
	for (i = 0; i < NDOCUMENTED; i++) {
		if (strcmp(bound(km, documented[i].key),
		    documented[i].action) != 0)
			fail_msg("%s is %s, want %s", documented[i].key,
			    bound(km, documented[i].key),
			    documented[i].action);
	}
	/* Nothing else is bound. */
	assert_int_equal(count_bindings(km), (int)NDOCUMENTED);
	assert_int_equal(keymap_lookup(km, 'x'), ACT_NONE);
	assert_int_equal(keymap_lookup(km, KC_F1 + 4), ACT_NONE);
	assert_int_equal(keymap_lookup(km, 0x1f600), ACT_NONE);
	keymap_free(km);
	keymap_free(NULL);
}

/* Raw terminal bytes find the same actions as the named keys. */
static void
test_lookup_folds_terminal_bytes(void **state)
{
	struct keymap	*km;

	km = keymap_new();
	assert_int_equal(keymap_lookup(km, '\t'), ACT_PANE_NEXT);
	assert_int_equal(keymap_lookup(km, '\r'), ACT_SELECT);
	assert_int_equal(keymap_lookup(km, '\n'), ACT_SELECT);
	assert_int_equal(keymap_lookup(km, 0x1b), ACT_BACK);
	assert_int_equal(keymap_lookup(km, 12), ACT_REDRAW);	/* C-l */
	assert_int_equal(keymap_lookup(km, -1), ACT_NONE);
	assert_int_equal(keymap_lookup(NULL, 'q'), ACT_NONE);
	keymap_free(km);
}

static void
test_keys_for_in_binding_order(void **state)
{
	struct keymap	*km;
	int		 keys[8], n;

	km = keymap_new();
	n = keymap_keys_for(km, ACT_HELP, keys, 8);
	assert_int_equal(n, 2);
	assert_int_equal(keys[0], '?');
	assert_int_equal(keys[1], KC_F1);

	n = keymap_keys_for(km, ACT_PGDN, keys, 8);
	assert_int_equal(n, 3);
	assert_int_equal(keys[0], KC_PGDN);
	assert_int_equal(keys[1], 6);	/* C-f */
	assert_int_equal(keys[2], ' ');

	/* max is respected. */
	assert_int_equal(keymap_keys_for(km, ACT_ADJUST, keys, 2), 2);
	assert_int_equal(keys[0], 'a');
	assert_int_equal(keys[1], '+');

	/* Rebinding moves the key to the end of its new action's list. */
	keymap_bind(km, 'q', ACT_HELP);
	assert_int_equal(keymap_lookup(km, 'q'), ACT_HELP);
	assert_int_equal(keymap_keys_for(km, ACT_QUIT, keys, 8), 0);
	n = keymap_keys_for(km, ACT_HELP, keys, 8);
	assert_int_equal(n, 3);
	assert_int_equal(keys[2], 'q');

	/* Binding to what it already does keeps the order. */
	keymap_bind(km, '?', ACT_HELP);
	n = keymap_keys_for(km, ACT_HELP, keys, 8);
	assert_int_equal(keys[0], '?');

	keymap_bind(km, '?', ACT_NONE);
	assert_int_equal(keymap_lookup(km, '?'), ACT_NONE);
	assert_int_equal(keymap_keys_for(km, ACT_HELP, keys, 8), 2);
	keymap_free(km);
}

/* Many keys above 127 exercise the hash chains, including removal. */
static void
test_many_wide_keys(void **state)
{
	struct keymap	*km;
	int		 i;

	km = keymap_new();
	for (i = 0; i < 500; i++)
		keymap_bind(km, 0x400 + i, (enum action)(1 + i % 28));
	for (i = 0; i < 500; i += 3)
		keymap_bind(km, 0x400 + i, ACT_NONE);
	for (i = 0; i < 500; i++) {
		if (i % 3 == 0)
			assert_int_equal(keymap_lookup(km, 0x400 + i),
			    ACT_NONE);
		else
			assert_int_equal(keymap_lookup(km, 0x400 + i),
			    1 + i % 28);
	}
	/* The defaults are untouched. */
	assert_int_equal(keymap_lookup(km, KC_UP), ACT_UP);
	assert_int_equal(keymap_lookup(km, 'k'), ACT_UP);
	keymap_bind(km, KC_META | 'v', ACT_PGUP);
	assert_int_equal(keymap_lookup(km, KC_META | 'v'), ACT_PGUP);
	assert_int_equal(keymap_lookup(km, 'v'), ACT_NONE);
	keymap_free(km);
}

static void
test_action_names(void **state)
{
	enum action	 a;
	int		 i, j;

	for (i = 1; i < ACT_NACTIONS; i++) {
		const char	*name = keymap_action_name(i);

		assert_non_null(strchr(name, '.'));
		assert_true(strlen(keymap_action_help(i)) > 0);
		assert_true(strlen(keymap_action_help(i)) < 60);
		assert_int_equal(keymap_action_parse(name, &a), 0);
		assert_int_equal(a, i);
		for (j = 1; j < i; j++)
			assert_string_not_equal(name, keymap_action_name(j));
	}
	assert_string_equal(keymap_action_name(ACT_ADJUST), "stock.adjust");
	assert_string_equal(keymap_action_name(ACT_SORT_REVERSE),
	    "stock.sort-reverse");
	assert_string_equal(keymap_action_name(ACT_NACTIONS), "none");
	assert_int_equal(keymap_action_parse("stok.adjust", &a), -1);
	assert_int_equal(keymap_action_parse("", &a), -1);
}

static void
assert_round_trip(int k, const char *want)
{
	char	buf[32];
	int	back = -1;

	keymap_key_name(k, buf, sizeof buf);
	if (want != NULL)
		assert_string_equal(buf, want);
	if (keymap_key_parse(buf, &back) != 0)
		fail_msg("name '%s' of %#x does not parse", buf, k);
	if (back != k)
		fail_msg("'%s' parses to %#x, not %#x", buf, back, k);
}

static void
test_key_names_round_trip(void **state)
{
	static const char	*special[] = {
		"Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
		"Enter", "Esc", "Tab", "BTab", "Backspace", "Delete", "Insert",
	};
	char			 want[16];
	int			 k, c;

	for (k = KC_UP; k <= KC_INSERT; k++) {
		assert_round_trip(k, special[k - KC_UP]);
		assert_round_trip(KC_META | k, NULL);
	}
	for (k = 1; k <= 12; k++) {
		snprintf(want, sizeof want, "F%d", k);
		assert_round_trip(KC_F1 + k - 1, want);
	}
	assert_int_equal(KC_F1 + 11, KC_F12);

	/* C-a .. C-z, except those a terminal sends as Tab and Enter. */
	for (c = 'a'; c <= 'z'; c++) {
		if (c == 'i' || c == 'j' || c == 'm')
			continue;
		snprintf(want, sizeof want, "C-%c", c);
		assert_round_trip(c - 'a' + 1, want);
		snprintf(want, sizeof want, "M-C-%c", c);
		assert_round_trip(KC_META | (c - 'a' + 1), want);
	}
	assert_round_trip(0, "C-@");
	assert_round_trip(0x1c, "C-\\");
	assert_round_trip(0x1d, "C-]");
	assert_round_trip(0x1e, "C-^");
	assert_round_trip(0x1f, "C-_");

	/* Every printable ASCII character, plain and with Meta. */
	for (c = '!'; c <= '~'; c++) {
		snprintf(want, sizeof want, "%c", c);
		assert_round_trip(c, want);
		snprintf(want, sizeof want, "M-%c", c);
		assert_round_trip(KC_META | c, want);
	}
	assert_round_trip(' ', "Space");
	assert_round_trip(KC_META | ' ', "M-Space");

	/* UTF-8 of each length. */
	assert_round_trip(0xe9, "\xc3\xa9");		/* é */
	assert_round_trip(0x20ac, "\xe2\x82\xac");	/* € */
	assert_round_trip(0x1f600, "\xf0\x9f\x98\x80");	/* 😀 */
	assert_round_trip(KC_META | 0xe9, "M-\xc3\xa9");
	assert_round_trip(0x10ffff, NULL);
}

static void
test_key_parse(void **state)
{
	static const char	*bad[] = {
		"", "C-", "M-", "C-1", "C-ab", "F0", "F13", "F01", "Fx",
		"ab", "Foo", "M-M-x", "\xff", "\xc3", "\xc0\xaf",
		"\xed\xa0\x80", "\x01", "\x7f", "\xc2\x85", "\xc3\xa9x",
		"C-\xc3\xa9",
	};
	size_t			 i;
	int			 k;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (keymap_key_parse(bad[i], &k) == 0)
			fail_msg("'%s' parsed as %#x", bad[i], k);
	}
	assert_int_equal(keymap_key_parse(NULL, &k), -1);

	/* Folded: the terminal cannot tell these apart. */
	assert_int_equal(key("C-i"), KC_TAB);
	assert_int_equal(key("C-m"), KC_ENTER);
	assert_int_equal(key("C-j"), KC_ENTER);
	assert_int_equal(key("C-["), KC_ESC);

	/* Spellings and case. */
	assert_int_equal(key("C-A"), 1);
	assert_int_equal(key("C-Space"), 0);
	assert_int_equal(key("pgdn"), KC_PGDN);
	assert_int_equal(key("PageDown"), KC_PGDN);
	assert_int_equal(key("NPage"), KC_PGDN);
	assert_int_equal(key("Escape"), KC_ESC);
	assert_int_equal(key("Return"), KC_ENTER);
	assert_int_equal(key("S-Tab"), KC_BTAB);
	assert_int_equal(key("BSpace"), KC_BACKSPACE);
	assert_int_equal(key("f5"), KC_F1 + 4);
	assert_int_equal(key("F"), 'F');
	assert_int_equal(key("C"), 'C');
	assert_int_equal(key("M-<"), KC_META | '<');
	assert_int_equal(key("M--"), KC_META | '-');
	assert_int_equal(key("M-C-x"), KC_META | 24);
	assert_int_equal(key("M-Up"), KC_META | KC_UP);
	assert_int_equal(key("#"), '#');
}

static void
test_key_name_small_buffer(void **state)
{
	char	buf[4];

	keymap_key_name(KC_BACKSPACE, buf, sizeof buf);
	assert_string_equal(buf, "Bac");
	keymap_key_name(KC_META | KC_PGDN, buf, 2);
	assert_string_equal(buf, "M");
	keymap_key_name('x', buf, 0);	/* must not write */
	keymap_key_name('\t', buf, sizeof buf);
	assert_string_equal(buf, "Tab");
}

/* Every shipped keymap loads without a single complaint. */
static void
test_shipped_keymaps_are_clean(void **state)
{
	static const char	*names[] = { "default", "vi", "emacs" };
	struct keymap		*km;
	struct diags		 d = { 0 };
	char			*path;
	size_t			 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		char	file[64];

		snprintf(file, sizeof file, "%s.keymap", names[i]);
		path = paths_shipped("keymaps", file);
		if (path == NULL)
			fail_msg("keymaps/%s not found", file);
		free(path);

		km = keymap_load(names[i], &d);
		testutil_print_diags(&d);
		assert_int_equal(d.n, 0);
		/* The basics survive every keymap. */
		assert_string_equal(bound(km, "q"), "app.quit");
		assert_string_equal(bound(km, "?"), "app.help");
		assert_string_equal(bound(km, "Esc"), "app.back");
		assert_string_equal(bound(km, "Up"), "nav.up");
		keymap_free(km);
	}
}

/*
 * keymaps/default.keymap says exactly what default_keys[] says: applied
 * to an empty keymap it gives the same keys, in the same order.
 */
static void
test_default_file_matches_table(void **state)
{
	struct keymap	*def, *km;
	struct diags	 d = { 0 };
	char		*path;
	int		 a, i, n1, n2, k1[16], k2[16];

	def = keymap_new();
	km = keymap_new();
	for (a = 1; a < ACT_NACTIONS; a++) {
		n1 = keymap_keys_for(km, a, k1, 16);
		for (i = 0; i < n1; i++)
			keymap_bind(km, k1[i], ACT_NONE);
	}
	assert_int_equal(count_bindings(km), 0);

	assert_non_null(path = paths_shipped("keymaps", "default.keymap"));
	assert_int_equal(keymap_load_file(km, path, &d), 0);
	free(path);
	testutil_print_diags(&d);
	assert_int_equal(d.n, 0);

	for (a = 0; a < ACT_NACTIONS; a++) {
		n1 = keymap_keys_for(def, a, k1, 16);
		n2 = keymap_keys_for(km, a, k2, 16);
		assert_int_equal(n1, n2);
		for (i = 0; i < n1; i++)
			assert_int_equal(k1[i], k2[i]);
	}
	keymap_free(km);
	keymap_free(def);
}

static void
test_vi_and_emacs(void **state)
{
	struct keymap	*km;
	struct diags	 d = { 0 };

	km = keymap_load("vi", &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(bound(km, "C-d"), "nav.pgdn");
	assert_string_equal(bound(km, "C-u"), "nav.pgup");
	assert_string_equal(bound(km, "j"), "nav.down");
	assert_string_equal(bound(km, "G"), "nav.end");
	keymap_free(km);

	km = keymap_load("emacs", &d);
	assert_int_equal(d.n, 0);
	assert_string_equal(bound(km, "C-n"), "nav.down");
	assert_string_equal(bound(km, "C-p"), "nav.up");
	assert_string_equal(bound(km, "C-v"), "nav.pgdn");
	assert_string_equal(bound(km, "M-v"), "nav.pgup");
	assert_string_equal(bound(km, "M-<"), "nav.home");
	assert_string_equal(bound(km, "M->"), "nav.end");
	assert_string_equal(bound(km, "C-s"), "stock.filter");
	assert_string_equal(bound(km, "C-g"), "app.back");
	assert_string_equal(bound(km, "M-x"), "app.command");
	keymap_free(km);
}

/* The user's file is read last and wins over the shipped one. */
static void
test_user_file_overrides(void **state)
{
	struct keymap	*km;
	struct diags	 d = { 0 };

	testdir_write("config/invsync/keymap",
	    "# mine\n"
	    "bind C-d nav.home\n"
	    "unbind q\n"
	    "bind x app.quit   # x quits instead\n"
	    "bind # app.help\n");
	km = keymap_load("vi", &d);
	testutil_print_diags(&d);
	assert_int_equal(d.n, 0);
	assert_string_equal(bound(km, "C-d"), "nav.home");
	assert_string_equal(bound(km, "C-u"), "nav.pgup");
	assert_string_equal(bound(km, "q"), "none");
	assert_string_equal(bound(km, "x"), "app.quit");
	assert_string_equal(bound(km, "#"), "app.help");
	keymap_free(km);
}

static void
test_unbind_all(void **state)
{
	struct keymap	*km;
	struct diags	 d = { 0 };

	testdir_write("config/invsync/keymap",
	    "unbind-all\n"
	    "bind Q app.quit\n");
	km = keymap_load("default", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(count_bindings(km), 1);
	assert_string_equal(bound(km, "Q"), "app.quit");
	assert_string_equal(bound(km, "q"), "none");
	assert_string_equal(bound(km, "Up"), "none");
	keymap_free(km);
}

/* Bad lines become "file:line: reason" diags; good ones still apply. */
static void
test_bad_lines(void **state)
{
	static const struct testutil_diag want[] = {
		{ 2, "usage: bind KEY ACTION" },
		{ 3, "unknown key 'Foo'" },
		{ 4, "unknown action 'stok.adjust'" },
		{ 5, "unknown command 'frob'" },
		{ 6, "usage: bind KEY ACTION" },
		{ 7, "usage: unbind KEY" },
		{ 8, "usage: unbind-all" },
	};
	struct keymap	*km;
	struct diags	 d = { 0 };
	const char	*path;

	path = testdir_write("bad.keymap",
	    "bind x app.quit\n"
	    "bind\n"
	    "bind Foo app.quit\n"
	    "bind y stok.adjust\n"
	    "frob\n"
	    "bind y app.quit extra\n"
	    "unbind\n"
	    "unbind-all now\n"
	    "\n"
	    "   # indented comment\n"
	    "bind X app.help\r\n"
	    "bind y app.redraw");	/* no final newline */
	km = keymap_new();
	assert_int_equal(keymap_load_file(km, path, &d), 0);
	testutil_assert_diags(&d, path, want, sizeof want / sizeof want[0]);
	assert_string_equal(bound(km, "x"), "app.quit");
	assert_string_equal(bound(km, "X"), "app.help");
	assert_string_equal(bound(km, "y"), "app.redraw");
	assert_string_equal(bound(km, "q"), "app.quit");
	keymap_free(km);
	diags_free(&d);
	assert_int_equal(d.n, 0);
	assert_null(d.lines);
}

static void
test_missing_keymap(void **state)
{
	struct keymap	*km;
	struct diags	 d = { 0 };
	char		*path;

	km = keymap_load("nosuch", &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.lines[0], "keymap nosuch: not found");
	assert_string_equal(bound(km, "q"), "app.quit");
	keymap_free(km);
	diags_free(&d);

	km = keymap_load("../keymaps/vi", &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.lines[0], "keymap ../keymaps/vi: bad name");
	keymap_free(km);
	diags_free(&d);

	/* NULL and "" mean the default, quietly. */
	km = keymap_load(NULL, &d);
	assert_int_equal(d.n, 0);
	keymap_free(km);
	km = keymap_load("", NULL);
	keymap_free(km);

	/* An unreadable file is -1 and a diag. */
	path = testdir_path("none.keymap");
	km = keymap_new();
	assert_int_equal(keymap_load_file(km, path, &d), -1);
	free(path);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.lines[0], "none.keymap: "));
	keymap_free(km);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_lookup_folds_terminal_bytes),
		cmocka_unit_test(test_keys_for_in_binding_order),
		cmocka_unit_test(test_many_wide_keys),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_key_names_round_trip),
		cmocka_unit_test(test_key_parse),
		cmocka_unit_test(test_key_name_small_buffer),
		cmocka_unit_test_setup_teardown(test_shipped_keymaps_are_clean,
		    setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(test_default_file_matches_table,
		    setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(test_vi_and_emacs, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_user_file_overrides,
		    setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(test_unbind_all, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_bad_lines, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_missing_keymap, setup,
		    testdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
