/*
 * theme.h - colour roles and the themes that give them colours.
 *
 * Screens ask for a role (THEME_SELECTED, THEME_DANGER), never a colour.
 * A theme file (themes/NAME.theme, then $XDG_CONFIG_HOME/invsync/theme)
 * has lines "ROLE FG BG [bold] [underline] [reverse] [dim]" where a colour
 * is #rrggbb, a 0-255 index, a name (black, red, ..., brightwhite) or
 * "default". Colours are kept as given; the screen side picks the depth
 * (true colour, 256, 16 or 8) and calls theme_nearest_*() to fit.
 */
#ifndef THEME_H
#define THEME_H

#include <stdint.h>

#include "diag.h"

enum theme_role {
	THEME_NORMAL,		/* body text */
	THEME_HEADER,		/* the top bar */
	THEME_STATUS,		/* the bottom bar */
	THEME_BORDER,		/* pane frames */
	THEME_BORDER_FOCUS,	/* the focused pane's frame */
	THEME_TITLE,		/* pane titles */
	THEME_COLHEAD,		/* table column headings */
	THEME_SELECTED,		/* the selected row */
	THEME_OK,		/* success */
	THEME_WARN,		/* low stock */
	THEME_DANGER,		/* out of stock, errors */
	THEME_NEGATIVE,		/* negative stock */
	THEME_ACCENT,		/* highlights, keys in help */
	THEME_DIM,		/* secondary text */
	THEME_INPUT,		/* text being typed */
	THEME_CHART,		/* sparklines and bars */
	THEME_NROLES
};

enum theme_color_kind { THEME_COLOR_DEFAULT, THEME_COLOR_RGB, THEME_COLOR_INDEX };

struct theme_color {
	enum theme_color_kind	kind;
	uint32_t		value;	/* 0xRRGGBB or a palette index */
};

enum {
	THEME_ATTR_BOLD = 1,
	THEME_ATTR_UNDERLINE = 2,
	THEME_ATTR_REVERSE = 4,
	THEME_ATTR_DIM = 8,
};

struct theme_style {
	struct theme_color	fg, bg;
	int			attrs;
};

struct theme {
	char			name[32];
	struct theme_style	roles[THEME_NROLES];
	int			mono;	/* "mono yes": draw with attrs only */
};

/* The compiled-in default (the brand palette). */
void		 theme_default(struct theme *);
/* Default, then themes/NAME.theme, then the user's file. */
void		 theme_load(struct theme *, const char *name, struct diags *);
int		 theme_load_file(struct theme *, const char *path,
		     struct diags *);

const char	*theme_role_name(enum theme_role);
int		 theme_role_parse(const char *, enum theme_role *);

/* Nearest xterm palette entries for an RGB colour. */
int		 theme_nearest_256(uint32_t rgb);	/* 16..255 */
int		 theme_nearest_16(uint32_t rgb);	/* 0..15 */
int		 theme_nearest_8(uint32_t rgb);		/* 0..7 */
/* The RGB value of xterm palette index i (0..255). */
uint32_t	 theme_palette_rgb(int i);

#endif
