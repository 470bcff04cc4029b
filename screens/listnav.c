/*
 * listnav.c - the selection and scrolling of lists of rows (see
 * listnav.h), shared by the Alerts pane, history, help and messages.
 *
 * A screen keeps a struct listnav, turns nav.* actions into a new
 * position with listnav_move(), stores it with listnav_select(), and
 * from draw() calls listnav_show() (or listnav_scroll() for a list that
 * only scrolls) once it knows how many rows fit. Owns nothing; UI thread
 * only. Start at listnav_move().
 */
#include "listnav.h"

int
listnav_move(enum action act, int cur, int page, int last, int *to)
{
	switch (act) {
	case ACT_UP:
		*to = cur - 1;
		return 0;
	case ACT_DOWN:
		*to = cur + 1;
		return 0;
	case ACT_PGUP:
		*to = cur - page;
		return 0;
	case ACT_PGDN:
		*to = cur + page;
		return 0;
	case ACT_HOME:
		*to = 0;
		return 0;
	case ACT_END:
		*to = last;
		return 0;
	default:
		return -1;
	}
}

void
listnav_select(struct listnav *nav, int sel, int n)
{
	if (sel >= n)
		sel = n - 1;
	if (sel < 0)
		sel = 0;
	nav->sel = sel;
}

void
listnav_show(struct listnav *nav, int page)
{
	nav->page = page > 0 ? page : 1;
	if (nav->sel < nav->top)
		nav->top = nav->sel;
	if (nav->sel >= nav->top + nav->page)
		nav->top = nav->sel - nav->page + 1;
}

void
listnav_scroll(struct listnav *nav, int page, int n)
{
	nav->page = page > 0 ? page : 1;
	if (nav->top > n - nav->page)
		nav->top = n - nav->page;
	if (nav->top < 0)
		nav->top = 0;
}
