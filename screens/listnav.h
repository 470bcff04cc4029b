/*
 * listnav.h - moving through a list of rows with the nav.* actions (up,
 * down, a page, home, end): the selection, the first row on screen and
 * how many rows fit.
 */
#ifndef LISTNAV_H
#define LISTNAV_H

#include "keymap.h"

struct listnav {
	int	sel;	/* the selected row; 0 in an empty list */
	int	top;	/* the first row on screen */
	int	page;	/* rows on screen at the last draw */
};

/*
 * Where act takes position cur: a row or a page up or down, to 0 or to
 * last. Not kept inside the list. -1 if act is not a nav.* move.
 */
int	listnav_move(enum action, int cur, int page, int last, int *to);
/* Select row sel of n rows, kept inside the list. */
void	listnav_select(struct listnav *, int sel, int n);
/* From draw(): page rows fit; scroll so that the selection shows. */
void	listnav_show(struct listnav *, int page);
/*
 * For a list without a selection (help, messages): page rows fit; scroll
 * no further than a full last page of n rows.
 */
void	listnav_scroll(struct listnav *, int page, int n);

#endif
