/*
 * theme.c - colour roles, theme files and fitting colours to a terminal.
 *
 * The compiled-in default is default_roles[] below: the brand palette on
 * a light background, in true colour. themes/default.theme says the same
 * thing line for line (tests/unit/test_theme.c checks). theme_load()
 * applies, in order: the default, themes/NAME.theme (found by
 * paths_shipped()), then the user's $XDG_CONFIG_HOME/invsync/theme. Each
 * file is lines of
 *
 *	ROLE FG BG [bold] [underline] [reverse] [dim]
 *	mono yes|no
 *
 * where a colour is #rrggbb (or #rgb), a palette index 0-255, a name
 * (black red green yellow blue magenta cyan white, bright* for 8-15) or
 * "default" (the terminal's own). A line replaces the whole style of its
 * role. '#' starts a comment, except where a colour belongs. Files are
 * read with conffile.c; a bad line becomes a diag "file:line: reason" and
 * is skipped.
 *
 * Colours are stored as written. The screen side knows the terminal's
 * depth and uses theme_nearest_256/16/8() to fit RGB values; NO_COLOR is
 * also the screen's business. Owns nothing; no state, so any thread may
 * call the pure functions. Start at theme_load().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conffile.h"
#include "diag.h"
#include "theme.h"

#define THEME_MAXTOK	8

/* The brand palette. */
#define BRAND_PRIMARY	0x3f51b5
#define BRAND_SECONDARY	0x673ab7
#define BRAND_ACCENT	0xff9800
#define BRAND_SUCCESS	0x4caf50
#define BRAND_WARNING	0xffc107
#define BRAND_DANGER	0xf44336
#define BRAND_TEXT	0x212121
#define BRAND_BG	0xf5f5f5
#define BRAND_BORDER	0xbdbdbd
#define BRAND_DIM	0x757575
#define BRAND_BAR	0xe0e0e0
#define BRAND_WHITE	0xffffff

#define RGB(v)		{ THEME_COLOR_RGB, (v) }

#define B		THEME_ATTR_BOLD
#define U		THEME_ATTR_UNDERLINE
#define R		THEME_ATTR_REVERSE

/*
 * The default theme. Amber text on near-white cannot be read, so warn
 * is dark text on an amber chip; negative stock is danger, reversed.
 */
static const struct theme_style default_roles[THEME_NROLES] = {
	[THEME_NORMAL] = { RGB(BRAND_TEXT), RGB(BRAND_BG), 0 },
	[THEME_HEADER] = { RGB(BRAND_WHITE), RGB(BRAND_PRIMARY), B },
	[THEME_STATUS] = { RGB(BRAND_TEXT), RGB(BRAND_BAR), 0 },
	[THEME_BORDER] = { RGB(BRAND_BORDER), RGB(BRAND_BG), 0 },
	[THEME_BORDER_FOCUS] = { RGB(BRAND_PRIMARY), RGB(BRAND_BG), B },
	[THEME_TITLE] = { RGB(BRAND_PRIMARY), RGB(BRAND_BG), B },
	[THEME_COLHEAD] = { RGB(BRAND_SECONDARY), RGB(BRAND_BG), B },
	[THEME_SELECTED] = { RGB(BRAND_WHITE), RGB(BRAND_PRIMARY), 0 },
	[THEME_OK] = { RGB(BRAND_SUCCESS), RGB(BRAND_BG), 0 },
	[THEME_WARN] = { RGB(BRAND_TEXT), RGB(BRAND_WARNING), 0 },
	[THEME_DANGER] = { RGB(BRAND_DANGER), RGB(BRAND_BG), B },
	[THEME_NEGATIVE] = { RGB(BRAND_DANGER), RGB(BRAND_BG), B | R },
	[THEME_ACCENT] = { RGB(BRAND_ACCENT), RGB(BRAND_BG), B },
	[THEME_DIM] = { RGB(BRAND_DIM), RGB(BRAND_BG), 0 },
	[THEME_INPUT] = { RGB(BRAND_TEXT), RGB(BRAND_WHITE), U },
	[THEME_CHART] = { RGB(BRAND_PRIMARY), RGB(BRAND_BG), 0 },
};

static const char *role_names[THEME_NROLES] = {
	[THEME_NORMAL] = "normal",
	[THEME_HEADER] = "header",
	[THEME_STATUS] = "status",
	[THEME_BORDER] = "border",
	[THEME_BORDER_FOCUS] = "border-focus",
	[THEME_TITLE] = "title",
	[THEME_COLHEAD] = "colhead",
	[THEME_SELECTED] = "selected",
	[THEME_OK] = "ok",
	[THEME_WARN] = "warn",
	[THEME_DANGER] = "danger",
	[THEME_NEGATIVE] = "negative",
	[THEME_ACCENT] = "accent",
	[THEME_DIM] = "dim",
	[THEME_INPUT] = "input",
	[THEME_CHART] = "chart",
};

static const struct {
	const char	*name;
	int		 attr;
} attr_names[] = {
	{ "bold", THEME_ATTR_BOLD },
	{ "underline", THEME_ATTR_UNDERLINE },
	{ "reverse", THEME_ATTR_REVERSE },
	{ "dim", THEME_ATTR_DIM },
	{ "none", 0 },
};

static const char *color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

/* xterm's first sixteen colours. */
static const uint32_t xterm16[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
	0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
	0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
	0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

/* The levels of each channel in the 6x6x6 cube, indices 16-231. */
static const uint8_t cube_levels[6] = { 0, 95, 135, 175, 215, 255 };

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

void
theme_default(struct theme *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "default");
	memcpy(t->roles, default_roles, sizeof t->roles);
	t->mono = 0;
}

const char *
theme_role_name(enum theme_role r)
{
	if ((unsigned int)r >= THEME_NROLES)
		return "?";
	return role_names[r];
}

/* "border-focus"; "border_focus" is accepted too. */
int
theme_role_parse(const char *s, enum theme_role *r)
{
	const char	*n;
	size_t		 i;
	int		 k;

	for (k = 0; k < THEME_NROLES; k++) {
		n = role_names[k];
		for (i = 0; s[i] != '\0' && n[i] != '\0'; i++) {
			if (s[i] != n[i] && !(s[i] == '_' && n[i] == '-'))
				break;
		}
		if (s[i] == '\0' && n[i] == '\0') {
			*r = k;
			return 0;
		}
	}
	return -1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
color_parse(const char *s, struct theme_color *c)
{
	uint32_t	v = 0;
	size_t		len, i;
	int		h;

	len = strlen(s);
	if (strcasecmp(s, "default") == 0) {
		c->kind = THEME_COLOR_DEFAULT;
		c->value = 0;
		return 0;
	}
	if (s[0] == '#' && (len == 7 || len == 4)) {
		for (i = 1; i < len; i++) {
			if ((h = hexval((unsigned char)s[i])) == -1)
				return -1;
			/* #rgb means #rrggbb. */
			v = (v << 4) | (uint32_t)h;
			if (len == 4)
				v = (v << 4) | (uint32_t)h;
		}
		c->kind = THEME_COLOR_RGB;
		c->value = v;
		return 0;
	}
	if (len >= 1 && len <= 3 && strspn(s, "0123456789") == len) {
		v = (uint32_t)strtoul(s, NULL, 10);
		if (v > 255)
			return -1;
		c->kind = THEME_COLOR_INDEX;
		c->value = v;
		return 0;
	}
	if (strcasecmp(s, "grey") == 0 || strcasecmp(s, "gray") == 0) {
		c->kind = THEME_COLOR_INDEX;
		c->value = 8;
		return 0;
	}
	for (i = 0; i < nitems(color_names); i++) {
		if (strcasecmp(s, color_names[i]) == 0)
			v = (uint32_t)i;
		else if (strncasecmp(s, "bright", 6) == 0 &&
		    strcasecmp(s + 6, color_names[i]) == 0)
			v = (uint32_t)i + 8;
		else
			continue;
		c->kind = THEME_COLOR_INDEX;
		c->value = v;
		return 0;
	}
	return -1;
}

/* '#' starts an RGB colour, not a comment, in the colour positions. */
static int
hash_is_colour(char **word, int n)
{
	return n == 1 || n == 2;
}

/* Apply one line; on failure fill why. */
static int
theme_line(void *arg, char **tok, int ntok, char *why, size_t len)
{
	struct theme		*t = arg;
	struct theme_style	 st;
	enum theme_role		 r;
	size_t			 j;
	int			 i;

	if (ntok > THEME_MAXTOK) {
		snprintf(why, len, "too many words");
		return -1;
	}

	if (strcmp(tok[0], "mono") == 0) {
		/* "mono yes # comment": the comment landed in tok[2]. */
		if (ntok >= 3 && tok[2][0] == '#')
			ntok = 2;
		if (ntok != 2)
			goto mono_usage;
		if (strcmp(tok[1], "yes") == 0 || strcmp(tok[1], "on") == 0 ||
		    strcmp(tok[1], "true") == 0)
			t->mono = 1;
		else if (strcmp(tok[1], "no") == 0 ||
		    strcmp(tok[1], "off") == 0 || strcmp(tok[1], "false") == 0)
			t->mono = 0;
		else
			goto mono_usage;
		return 0;
	mono_usage:
		snprintf(why, len, "usage: mono yes|no");
		return -1;
	}

	if (theme_role_parse(tok[0], &r) != 0) {
		snprintf(why, len, "unknown role '%s'", tok[0]);
		return -1;
	}
	if (ntok < 3) {
		snprintf(why, len, "usage: %s FG BG [ATTR ...]", tok[0]);
		return -1;
	}
	if (color_parse(tok[1], &st.fg) != 0) {
		snprintf(why, len, "bad colour '%s'", tok[1]);
		return -1;
	}
	if (color_parse(tok[2], &st.bg) != 0) {
		snprintf(why, len, "bad colour '%s'", tok[2]);
		return -1;
	}
	st.attrs = 0;
	for (i = 3; i < ntok; i++) {
		for (j = 0; j < nitems(attr_names); j++) {
			if (strcmp(tok[i], attr_names[j].name) == 0)
				break;
		}
		if (j == nitems(attr_names)) {
			snprintf(why, len, "unknown attribute '%s'", tok[i]);
			return -1;
		}
		st.attrs |= attr_names[j].attr;
	}
	t->roles[r] = st;
	return 0;
}

int
theme_load_file(struct theme *t, const char *path, struct diags *d)
{
	return conffile_read(path, THEME_MAXTOK, hash_is_colour, theme_line, t,
	    d);
}

static int
load_file(void *t, const char *path, struct diags *d)
{
	return theme_load_file(t, path, d);
}

void
theme_load(struct theme *t, const char *name, struct diags *d)
{
	theme_default(t);
	if (name == NULL || *name == '\0')
		name = "default";
	/* t->name says which shipped theme was read, if one was. */
	if (conffile_load_named("theme", "themes", name, load_file, t, d) == 0)
		snprintf(t->name, sizeof t->name, "%s", name);
}

uint32_t
theme_palette_rgb(int i)
{
	int	r, g, b, v;

	if (i < 0 || i > 255)
		return 0;
	if (i < 16)
		return xterm16[i];
	if (i < 232) {
		i -= 16;
		r = cube_levels[i / 36];
		g = cube_levels[(i / 6) % 6];
		b = cube_levels[i % 6];
		return ((uint32_t)r << 16) | ((uint32_t)g << 8) | (uint32_t)b;
	}
	v = 8 + 10 * (i - 232);
	return ((uint32_t)v << 16) | ((uint32_t)v << 8) | (uint32_t)v;
}

/*
 * The palette entry in [lo, hi] at the least squared RGB distance; ties
 * go to the lower index. Plain Euclidean distance: it is predictable and
 * the cube and grey ramp are dense enough that weighting changes little.
 */
static int
nearest(uint32_t rgb, int lo, int hi)
{
	uint32_t	p, best_d = UINT32_MAX, dist;
	int		i, best = lo, dr, dg, db;

	for (i = lo; i <= hi; i++) {
		p = theme_palette_rgb(i);
		dr = (int)((rgb >> 16) & 0xff) - (int)((p >> 16) & 0xff);
		dg = (int)((rgb >> 8) & 0xff) - (int)((p >> 8) & 0xff);
		db = (int)(rgb & 0xff) - (int)(p & 0xff);
		dist = (uint32_t)(dr * dr + dg * dg + db * db);
		if (dist < best_d) {
			best_d = dist;
			best = i;
		}
	}
	return best;
}

/* 16-255 only: the first sixteen are whatever the user's palette says. */
int
theme_nearest_256(uint32_t rgb)
{
	return nearest(rgb, 16, 255);
}

int
theme_nearest_16(uint32_t rgb)
{
	return nearest(rgb, 0, 15);
}

int
theme_nearest_8(uint32_t rgb)
{
	return nearest(rgb, 0, 7);
}
