/*
 * theme_curses.h - theme roles as curses attributes and colour pairs.
 */
#ifndef THEME_CURSES_H
#define THEME_CURSES_H

#include <curses.h>

#include "theme.h"

enum themec_depth {
	THEMEC_NONE,		/* attributes only (NO_COLOR, no colour) */
	THEMEC_8,
	THEMEC_16,
	THEMEC_256,
	THEMEC_DIRECT,		/* 24-bit: colour numbers are 0xRRGGBB */
};

/* Once, after newterm(): start colour unless no_color; pick the depth. */
void			 themec_init(int no_color);
/* Give every role its pair and attributes from t (again after a reload). */
void			 themec_apply(const struct theme *t);
enum themec_depth	 themec_depth(void);
const char		*themec_depth_name(void);

attr_t			 themec_attr(enum theme_role);
void			 themec_set(WINDOW *, enum theme_role);
/* Background of the window (what werase() fills with). */
void			 themec_bkgd(WINDOW *, enum theme_role);

#endif
