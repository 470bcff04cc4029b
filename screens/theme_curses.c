/*
 * theme_curses.c - giving theme roles to the terminal as colour pairs.
 *
 * Each role r is colour pair r + 1 plus its attributes. The depth is
 * chosen once, by themec_init():
 *
 *	NO_COLOR set, or no colour	attributes only
 *	COLORS >= 0x1000000		direct colour: an RGB value is its own
 *					colour number (xterm-direct terminfo);
 *					0-7 stay the ANSI colours
 *	COLORS >= 256			theme_nearest_256()
 *	COLORS >= 16			theme_nearest_16()
 *	otherwise			theme_nearest_8()
 *
 * tui.c may start curses on the xterm-direct description when the
 * terminal says it does true colour (see its top comment); this file only
 * reads COLORS. The terminal's palette is never changed (no
 * init_color()), so the user's colours are as they were after we leave.
 *
 * Without colour, a role still has its theme attributes plus a fallback
 * (selected and bars reversed, titles bold) so the screen reads the same.
 * A theme that says "mono yes" is drawn the same way.
 *
 * The mapping is process-wide, like curses' own pairs; only the UI thread
 * calls it. Start at themec_init().
 */
#include <stdlib.h>

#include "theme_curses.h"

static enum themec_depth	 depth = THEMEC_NONE;
static int			 has_default;	/* use_default_colors() */
static attr_t			 role_attr[THEME_NROLES];

/* What a role looks like with no colour at all. */
static const attr_t mono_attr[THEME_NROLES] = {
	[THEME_HEADER] = A_REVERSE | A_BOLD,
	[THEME_STATUS] = A_REVERSE,
	[THEME_BORDER_FOCUS] = A_BOLD,
	[THEME_TITLE] = A_BOLD,
	[THEME_COLHEAD] = A_BOLD | A_UNDERLINE,
	[THEME_SELECTED] = A_REVERSE,
	[THEME_WARN] = A_BOLD,
	[THEME_DANGER] = A_BOLD,
	[THEME_NEGATIVE] = A_BOLD | A_UNDERLINE,
	[THEME_ACCENT] = A_BOLD,
	[THEME_DIM] = A_DIM,
	[THEME_INPUT] = A_UNDERLINE,
};

void
themec_init(int no_color)
{
	depth = THEMEC_NONE;
	if (no_color || !has_colors() || start_color() == ERR)
		return;
	has_default = (use_default_colors() == OK);
	if (COLORS >= 0x1000000)
		depth = THEMEC_DIRECT;
	else if (COLORS >= 256)
		depth = THEMEC_256;
	else if (COLORS >= 16)
		depth = THEMEC_16;
	else if (COLORS >= 8)
		depth = THEMEC_8;
}

enum themec_depth
themec_depth(void)
{
	return depth;
}

const char *
themec_depth_name(void)
{
	switch (depth) {
	case THEMEC_DIRECT:
		return "true colour";
	case THEMEC_256:
		return "256 colours";
	case THEMEC_16:
		return "16 colours";
	case THEMEC_8:
		return "8 colours";
	case THEMEC_NONE:
		break;
	}
	return "no colour";
}

/* A theme colour as a colour number at this depth; -1 is the default. */
static int
color_number(const struct theme_color *c, int is_bg)
{
	uint32_t	rgb;

	switch (c->kind) {
	case THEME_COLOR_DEFAULT:
		if (has_default)
			return -1;
		return is_bg ? COLOR_BLACK : COLOR_WHITE;
	case THEME_COLOR_INDEX:
		if (depth != THEMEC_DIRECT && (int)c->value < COLORS)
			return (int)c->value;
		if (depth == THEMEC_DIRECT && c->value < 8)
			return (int)c->value;
		rgb = theme_palette_rgb((int)(c->value & 0xff));
		break;
	case THEME_COLOR_RGB:
	default:
		rgb = c->value & 0xffffff;
		break;
	}
	switch (depth) {
	case THEMEC_DIRECT:
		/* Numbers below 8 mean the ANSI colours; nudge near-black. */
		return rgb < 8 ? 8 : (int)rgb;
	case THEMEC_256:
		return theme_nearest_256(rgb);
	case THEMEC_16:
		return theme_nearest_16(rgb);
	case THEMEC_8:
		return theme_nearest_8(rgb);
	case THEMEC_NONE:
		break;
	}
	return -1;
}

static attr_t
attrs_of(int a)
{
	attr_t	out = 0;

	if (a & THEME_ATTR_BOLD)
		out |= A_BOLD;
	if (a & THEME_ATTR_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & THEME_ATTR_REVERSE)
		out |= A_REVERSE;
	if (a & THEME_ATTR_DIM)
		out |= A_DIM;
	return out;
}

void
themec_apply(const struct theme *t)
{
	const struct theme_style	*s;
	int				 r, fg, bg;

	for (r = 0; r < THEME_NROLES; r++) {
		s = &t->roles[r];
		if (depth == THEMEC_NONE || t->mono) {
			role_attr[r] = attrs_of(s->attrs) | mono_attr[r];
			continue;
		}
		fg = color_number(&s->fg, 0);
		bg = color_number(&s->bg, 1);
		if (init_extended_pair(r + 1, fg, bg) == ERR)
			init_pair((short)(r + 1), (short)fg, (short)bg);
		role_attr[r] = attrs_of(s->attrs) | COLOR_PAIR(r + 1);
	}
}

attr_t
themec_attr(enum theme_role r)
{
	if ((unsigned)r >= THEME_NROLES)
		return A_NORMAL;
	return role_attr[r];
}

void
themec_set(WINDOW *w, enum theme_role r)
{
	wattrset(w, (int)themec_attr(r));
}

void
themec_bkgd(WINDOW *w, enum theme_role r)
{
	wbkgdset(w, ' ' | themec_attr(r));
	wattrset(w, (int)themec_attr(r));
}
