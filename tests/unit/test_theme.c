/*
 * test_theme.c - the default palette, theme files and colour fitting.
 *
 * Each file test gets a fresh temporary $XDG_CONFIG_HOME; shipped themes
 * are found through paths_shipped(). Start at the tests[] table in main().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "paths.h"
#include "theme.h"
#include "testutil.h"
#include "xmalloc.h"

static int
setup(void **state)
{
	return testdir_setup_config("test_theme");
}

static void
assert_rgb(struct theme_color c, uint32_t rgb)
{
	assert_int_equal(c.kind, THEME_COLOR_RGB);
	assert_int_equal(c.value, rgb);
}

static void
assert_index(struct theme_color c, uint32_t i)
{
	assert_int_equal(c.kind, THEME_COLOR_INDEX);
	assert_int_equal(c.value, i);
}

static int
style_equal(const struct theme_style *a, const struct theme_style *b)
{
	return a->fg.kind == b->fg.kind && a->fg.value == b->fg.value &&
	    a->bg.kind == b->bg.kind && a->bg.value == b->bg.value &&
	    a->attrs == b->attrs;
}

/* A theme no file would write: shows which roles a file left alone. */
static void
poison(struct theme *t)
{
	int	r;

	memset(t, 0, sizeof *t);
	for (r = 0; r < THEME_NROLES; r++) {
		t->roles[r].fg.kind = THEME_COLOR_INDEX;
		t->roles[r].fg.value = 254;
		t->roles[r].attrs = 0x100;
	}
	t->mono = -1;
}

/* The brand palette, as the brief gives it. */
static void
test_default_is_brand(void **state)
{
	struct theme	t;

	theme_default(&t);
	assert_string_equal(t.name, "default");
	assert_int_equal(t.mono, 0);

	assert_rgb(t.roles[THEME_NORMAL].fg, 0x212121);
	assert_rgb(t.roles[THEME_NORMAL].bg, 0xf5f5f5);
	assert_rgb(t.roles[THEME_HEADER].bg, 0x3f51b5);
	assert_rgb(t.roles[THEME_BORDER_FOCUS].fg, 0x3f51b5);
	assert_rgb(t.roles[THEME_TITLE].fg, 0x3f51b5);
	assert_rgb(t.roles[THEME_COLHEAD].fg, 0x673ab7);
	assert_rgb(t.roles[THEME_ACCENT].fg, 0xff9800);
	assert_rgb(t.roles[THEME_OK].fg, 0x4caf50);
	assert_rgb(t.roles[THEME_WARN].bg, 0xffc107);
	assert_rgb(t.roles[THEME_DANGER].fg, 0xf44336);
	assert_rgb(t.roles[THEME_NEGATIVE].fg, 0xf44336);
	assert_true(t.roles[THEME_NEGATIVE].attrs & THEME_ATTR_BOLD);
	assert_true(t.roles[THEME_NEGATIVE].attrs & THEME_ATTR_REVERSE);
	assert_rgb(t.roles[THEME_BORDER].fg, 0xbdbdbd);
	assert_rgb(t.roles[THEME_SELECTED].fg, 0xffffff);
	assert_rgb(t.roles[THEME_SELECTED].bg, 0x3f51b5);
	assert_rgb(t.roles[THEME_DIM].fg, 0x757575);
}

static void
test_role_names(void **state)
{
	enum theme_role	r;
	int		i;

	for (i = 0; i < THEME_NROLES; i++) {
		assert_int_equal(theme_role_parse(theme_role_name(i), &r), 0);
		assert_int_equal(r, i);
	}
	assert_string_equal(theme_role_name(THEME_BORDER_FOCUS),
	    "border-focus");
	assert_int_equal(theme_role_parse("border_focus", &r), 0);
	assert_int_equal(r, THEME_BORDER_FOCUS);
	assert_int_equal(theme_role_parse("borders", &r), -1);
	assert_int_equal(theme_role_parse("", &r), -1);
	assert_int_equal(theme_role_parse("Normal", &r), -1);
}

/*
 * themes/default.theme says exactly what theme_default() says, and sets
 * every role, so it stands on its own.
 */
static void
test_default_file_matches(void **state)
{
	struct theme	 def, t;
	struct diags	 d = { 0 };
	char		*path;
	int		 r;

	theme_default(&def);
	poison(&t);
	assert_non_null(path = paths_shipped("themes", "default.theme"));
	assert_int_equal(theme_load_file(&t, path, &d), 0);
	free(path);
	testutil_print_diags(&d);
	assert_int_equal(d.n, 0);
	for (r = 0; r < THEME_NROLES; r++) {
		if (!style_equal(&t.roles[r], &def.roles[r]))
			fail_msg("role %s differs", theme_role_name(r));
	}
	assert_int_equal(t.mono, def.mono);
}

/* Every shipped theme loads cleanly and sets every role and mono. */
static void
test_shipped_themes_are_clean(void **state)
{
	static const char	*names[] = {
		"default", "dark", "light", "mono", "high-contrast",
	};
	struct theme		 t;
	struct diags		 d = { 0 };
	char			 file[64], *path;
	size_t			 i;
	int			 r;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(file, sizeof file, "%s.theme", names[i]);
		if ((path = paths_shipped("themes", file)) == NULL)
			fail_msg("themes/%s not found", file);

		poison(&t);
		assert_int_equal(theme_load_file(&t, path, &d), 0);
		free(path);
		testutil_print_diags(&d);
		assert_int_equal(d.n, 0);
		for (r = 0; r < THEME_NROLES; r++) {
			if (t.roles[r].attrs == 0x100)
				fail_msg("%s leaves %s unset", file,
				    theme_role_name(r));
		}
		assert_true(t.mono == 0 || t.mono == 1);

		theme_load(&t, names[i], &d);
		assert_int_equal(d.n, 0);
		assert_string_equal(t.name, names[i]);
	}
}

static void
test_mono_and_high_contrast(void **state)
{
	struct theme	t;
	struct diags	d = { 0 };

	theme_load(&t, "mono", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(t.mono, 1);
	assert_int_equal(t.roles[THEME_SELECTED].attrs, THEME_ATTR_REVERSE);
	assert_int_equal(t.roles[THEME_DANGER].attrs,
	    THEME_ATTR_BOLD | THEME_ATTR_UNDERLINE);
	assert_int_equal(t.roles[THEME_WARN].attrs, THEME_ATTR_BOLD);
	assert_int_equal(t.roles[THEME_NORMAL].fg.kind, THEME_COLOR_DEFAULT);

	theme_load(&t, "high-contrast", &d);
	assert_int_equal(d.n, 0);
	assert_int_equal(t.mono, 0);
	assert_index(t.roles[THEME_NORMAL].bg, 0);		/* black */
	assert_index(t.roles[THEME_NORMAL].fg, 15);		/* brightwhite */
	assert_index(t.roles[THEME_DANGER].fg, 9);		/* brightred */
	assert_true(t.roles[THEME_DANGER].attrs & THEME_ATTR_BOLD);

	theme_load(&t, "dark", &d);
	assert_int_equal(d.n, 0);
	assert_rgb(t.roles[THEME_NORMAL].bg, 0x121212);
}

/* Every colour spelling, and the attributes. */
static void
test_colour_spellings(void **state)
{
	struct theme	 t;
	struct diags	 d = { 0 };
	const char	*path;

	path = testdir_write("spell.theme",
	    "normal #A0b1C2 default\n"
	    "header #abc 0\n"
	    "status 255 17\n"
	    "border red brightred\n"
	    "title WHITE brightwhite\n"
	    "colhead grey gray\n"
	    "dim black brightblack dim\n"
	    "selected default default bold underline reverse dim\n"
	    "ok green default none\n"
	    "warn yellow default   # trailing comment\n"
	    "border_focus blue magenta bold bold\n"
	    "mono yes # comment\n");
	theme_default(&t);
	assert_int_equal(theme_load_file(&t, path, &d), 0);
	testutil_print_diags(&d);
	assert_int_equal(d.n, 0);

	assert_rgb(t.roles[THEME_NORMAL].fg, 0xa0b1c2);
	assert_int_equal(t.roles[THEME_NORMAL].bg.kind, THEME_COLOR_DEFAULT);
	assert_rgb(t.roles[THEME_HEADER].fg, 0xaabbcc);
	assert_index(t.roles[THEME_HEADER].bg, 0);
	assert_int_equal(t.roles[THEME_HEADER].attrs, 0);
	assert_index(t.roles[THEME_STATUS].fg, 255);
	assert_index(t.roles[THEME_STATUS].bg, 17);
	assert_index(t.roles[THEME_BORDER].fg, 1);
	assert_index(t.roles[THEME_BORDER].bg, 9);
	assert_index(t.roles[THEME_TITLE].fg, 7);
	assert_index(t.roles[THEME_TITLE].bg, 15);
	assert_index(t.roles[THEME_COLHEAD].fg, 8);
	assert_index(t.roles[THEME_COLHEAD].bg, 8);
	assert_index(t.roles[THEME_DIM].bg, 8);
	assert_int_equal(t.roles[THEME_DIM].attrs, THEME_ATTR_DIM);
	assert_int_equal(t.roles[THEME_SELECTED].attrs, THEME_ATTR_BOLD |
	    THEME_ATTR_UNDERLINE | THEME_ATTR_REVERSE | THEME_ATTR_DIM);
	assert_int_equal(t.roles[THEME_OK].attrs, 0);
	assert_index(t.roles[THEME_WARN].fg, 3);
	assert_index(t.roles[THEME_BORDER_FOCUS].fg, 4);
	assert_index(t.roles[THEME_BORDER_FOCUS].bg, 5);
	assert_int_equal(t.roles[THEME_BORDER_FOCUS].attrs, THEME_ATTR_BOLD);
	assert_int_equal(t.mono, 1);
}

/* Bad lines become "file:line: reason" diags; good ones still apply. */
static void
test_bad_lines(void **state)
{
	static const struct testutil_diag want[] = {
		{ 2, "bad colour '#12345'" },
		{ 3, "bad colour '256'" },
		{ 4, "bad colour 'purple'" },
		{ 5, "unknown role 'nromal'" },
		{ 6, "usage: header FG BG [ATTR ...]" },
		{ 7, "unknown attribute 'blink'" },
		{ 8, "usage: mono yes|no" },
		{ 9, "usage: mono yes|no" },
		{ 10, "bad colour '#gggggg'" },
		{ 11, "too many words" },
		{ 12, "bad colour '-1'" },
	};
	struct theme	 t;
	struct diags	 d = { 0 };
	const char	*path;

	path = testdir_write("bad.theme",
	    "ok #00ff00 #000000\n"
	    "danger #12345 #000000\n"
	    "danger 256 0\n"
	    "danger purple 0\n"
	    "nromal red blue\n"
	    "header red\n"
	    "warn red blue blink\n"
	    "mono\n"
	    "mono maybe\n"
	    "accent #gggggg default\n"
	    "dim red blue bold bold bold bold bold bold\n"
	    "chart -1 0\n"
	    "\n"
	    "# the end\n"
	    "title #010203 #040506 bold\r\n"
	    "input 1 2");	/* no final newline */
	theme_default(&t);
	assert_int_equal(theme_load_file(&t, path, &d), 0);
	testutil_assert_diags(&d, path, want, sizeof want / sizeof want[0]);
	/* Good lines applied; bad ones left the defaults alone. */
	assert_rgb(t.roles[THEME_OK].fg, 0x00ff00);
	assert_rgb(t.roles[THEME_DANGER].fg, 0xf44336);
	assert_rgb(t.roles[THEME_HEADER].bg, 0x3f51b5);
	assert_rgb(t.roles[THEME_TITLE].fg, 0x010203);
	assert_rgb(t.roles[THEME_TITLE].bg, 0x040506);
	assert_int_equal(t.roles[THEME_TITLE].attrs, THEME_ATTR_BOLD);
	assert_index(t.roles[THEME_INPUT].fg, 1);
	assert_int_equal(t.mono, 0);
	diags_free(&d);
}

/* The user's file is read last and wins over the shipped theme. */
static void
test_user_file_overrides(void **state)
{
	struct theme	t;
	struct diags	d = { 0 };

	testdir_write("config/invsync/theme",
	    "danger #000000 #ffffff underline\n"
	    "bogus line\n");
	theme_load(&t, "dark", &d);
	testutil_print_diags(&d);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.lines[0], "config/invsync/theme:2: "));
	assert_string_equal(t.name, "dark");
	assert_rgb(t.roles[THEME_DANGER].fg, 0x000000);
	assert_rgb(t.roles[THEME_DANGER].bg, 0xffffff);
	assert_int_equal(t.roles[THEME_DANGER].attrs, THEME_ATTR_UNDERLINE);
	assert_rgb(t.roles[THEME_NORMAL].bg, 0x121212);	/* still dark */
	diags_free(&d);
}

static void
test_missing_theme(void **state)
{
	struct theme	 t, def;
	struct diags	 d = { 0 };
	char		*path;
	int		 r;

	theme_default(&def);
	theme_load(&t, "nosuch", &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.lines[0], "theme nosuch: not found");
	assert_string_equal(t.name, "default");
	for (r = 0; r < THEME_NROLES; r++)
		assert_true(style_equal(&t.roles[r], &def.roles[r]));
	diags_free(&d);

	theme_load(&t, "../themes/dark", &d);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.lines[0], "theme ../themes/dark: bad name");
	diags_free(&d);

	theme_load(&t, NULL, &d);
	assert_int_equal(d.n, 0);

	path = testdir_path("none.theme");
	assert_int_equal(theme_load_file(&t, path, &d), -1);
	free(path);
	assert_int_equal(d.n, 1);
	diags_free(&d);
}

static void
test_palette(void **state)
{
	int	i;

	assert_int_equal(theme_palette_rgb(0), 0x000000);
	assert_int_equal(theme_palette_rgb(1), 0xcd0000);
	assert_int_equal(theme_palette_rgb(12), 0x5c5cff);
	assert_int_equal(theme_palette_rgb(15), 0xffffff);
	assert_int_equal(theme_palette_rgb(16), 0x000000);
	assert_int_equal(theme_palette_rgb(21), 0x0000ff);
	assert_int_equal(theme_palette_rgb(61), 0x5f5faf);
	assert_int_equal(theme_palette_rgb(196), 0xff0000);
	assert_int_equal(theme_palette_rgb(231), 0xffffff);
	assert_int_equal(theme_palette_rgb(232), 0x080808);
	assert_int_equal(theme_palette_rgb(244), 0x808080);
	assert_int_equal(theme_palette_rgb(255), 0xeeeeee);
	assert_int_equal(theme_palette_rgb(-1), 0);
	assert_int_equal(theme_palette_rgb(256), 0);

	/* Every entry from 16 up is its own nearest (no duplicates there). */
	for (i = 16; i < 256; i++)
		assert_int_equal(theme_nearest_256(theme_palette_rgb(i)), i);
	for (i = 0; i < 16; i++)
		assert_int_equal(theme_nearest_16(theme_palette_rgb(i)), i);
	for (i = 0; i < 8; i++)
		assert_int_equal(theme_nearest_8(theme_palette_rgb(i)), i);
}

static void
test_nearest(void **state)
{
	uint32_t	rgb;
	int		i;

	/*
	 * #3f51b5 = (63, 81, 181). Per channel the nearest cube levels are
	 * 95 (|63-95| = 32 < 63), 95 (14) and 175 (6): cube (1, 1, 3), index
	 * 16 + 36 + 6 + 3 = 61 = #5f5faf, distance 32^2 + 14^2 + 6^2 = 1256.
	 * The nearest grey, 98 or 108, is over 5000 away.
	 */
	assert_int_equal(theme_nearest_256(0x3f51b5), 61);
	/*
	 * #f44336 = (244, 67, 54): 255 (11), 95 (28), 95 (41): cube (5, 1,
	 * 1), index 16 + 180 + 6 + 1 = 203 = #ff5f5f.
	 */
	assert_int_equal(theme_nearest_256(0xf44336), 203);
	/* #ff9800 = (255, 152, 0): 255, 135 (17 < 23), 0: (5, 2, 0) = 208. */
	assert_int_equal(theme_nearest_256(0xff9800), 208);

	/*
	 * Greys land on the ramp 232-255 (8 + 10n): #808080 is exactly
	 * 244; #bdbdbd (189) is 188 = 250, where the cube's 175 is 588
	 * away; #f5f5f5 (245) is 238 = 255 (147) before the cube's white
	 * (300); #757575 (117) is 118 = 243.
	 */
	assert_int_equal(theme_nearest_256(0x808080), 244);
	assert_int_equal(theme_nearest_256(0xbdbdbd), 250);
	assert_int_equal(theme_nearest_256(0xf5f5f5), 255);
	assert_int_equal(theme_nearest_256(0x757575), 243);
	for (i = 8; i <= 238; i += 10) {
		rgb = (uint32_t)i * 0x010101;
		assert_int_equal(theme_nearest_256(rgb), 232 + (i - 8) / 10);
	}
	/* Black and white are cube corners, not ramp entries. */
	assert_int_equal(theme_nearest_256(0x000000), 16);
	assert_int_equal(theme_nearest_256(0xffffff), 231);

	/*
	 * 16 colours: #3f51b5 is 6438 from brightblue #5c5cff against 9128
	 * from grey and 13779 from blue. 8 colours: blue #0000ee wins.
	 */
	assert_int_equal(theme_nearest_16(0x3f51b5), 12);
	assert_int_equal(theme_nearest_8(0x3f51b5), 4);
	assert_int_equal(theme_nearest_16(0xf44336), 9);
	assert_int_equal(theme_nearest_8(0xf44336), 1);
	assert_int_equal(theme_nearest_8(0x4caf50), 2);
	assert_int_equal(theme_nearest_8(0xffc107), 3);
	assert_int_equal(theme_nearest_8(0xf5f5f5), 7);
	assert_int_equal(theme_nearest_8(0x212121), 0);

	/* High bits are not colour. */
	assert_int_equal(theme_nearest_256(0xff3f51b5), 61);

	/* Ranges hold for anything. */
	for (rgb = 0; rgb < 0x1000000; rgb += 0x0b0d07) {
		i = theme_nearest_256(rgb);
		assert_true(i >= 16 && i <= 255);
		i = theme_nearest_16(rgb);
		assert_true(i >= 0 && i <= 15);
		i = theme_nearest_8(rgb);
		assert_true(i >= 0 && i <= 7);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_default_is_brand),
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_palette),
		cmocka_unit_test(test_nearest),
		cmocka_unit_test_setup_teardown(test_default_file_matches,
		    setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(test_shipped_themes_are_clean,
		    setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(test_mono_and_high_contrast,
		    setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(test_colour_spellings, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_bad_lines, setup,
		    testdir_teardown),
		cmocka_unit_test_setup_teardown(test_user_file_overrides,
		    setup, testdir_teardown),
		cmocka_unit_test_setup_teardown(test_missing_theme, setup,
		    testdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
