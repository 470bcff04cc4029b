/*
 * screen_dash.c - the dashboard: the four panes, their layout, focus and
 * zoom, and the stock actions on the selected product.
 *
 * Layouts, by terminal size:
 *
 *	>= 80x24	FOUR: Stock on the left (62%, full height); Alerts,
 *			Forecast and Sync stacked on the right
 *	>= 40x12	STACKED: a one-line tab bar naming all four, then
 *			the focused pane alone
 *	smaller		the loop shows "Terminal too small" instead
 *
 * z zooms the focused pane to the whole body (and back) in either
 * layout. Tab/BTab and 1-4 move the focus.
 *
 * Each shown pane draws into its own pad (frame and inside), and only
 * panes marked dirty are drawn again; every draw of the dashboard then
 * copies the pads into its window, which costs a memory copy, not a
 * query. Pads are not touched by curses when the terminal is resized, and
 * all of them are made anew by layout().
 *
 * Keys go to the focused pane first, then to the dashboard's own actions.
 * Start at dash_key().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "pane.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

enum { DASH_FOUR, DASH_STACKED };

struct dash {
	struct app	*app;
	const struct pane_ops *ops[PANE_N];
	void		*pane[PANE_N];
	WINDOW		*pad[PANE_N];
	WINDOW		*inner[PANE_N];
	struct rect	 pr[PANE_N];	/* in the dashboard's window */
	int		 shown[PANE_N];
	int		 cursor[PANE_N];
	int		 pdirty;	/* bit i: pane i needs drawing */
	int		 tabs_dirty;
	int		 focus;
	int		 zoom;
	int		 mode;
	int		 rows, cols;	/* the terminal */
	int		 h, w;		/* the dashboard's window */
};

static const enum action dash_hint_acts[] = {
	ACT_HELP, ACT_FILTER, ACT_ADJUST, ACT_RECEIVE, ACT_COUNT, ACT_HISTORY,
	ACT_UNDO, ACT_SCAN, ACT_QUIT, ACT_NONE
};

static void
drop_pads(struct dash *d)
{
	int	i;

	for (i = 0; i < PANE_N; i++) {
		if (d->inner[i] != NULL)
			delwin(d->inner[i]);
		if (d->pad[i] != NULL)
			delwin(d->pad[i]);
		d->inner[i] = d->pad[i] = NULL;
		d->shown[i] = 0;
	}
}

static void
show(struct dash *d, int i, int y, int x, int h, int w)
{
	d->pr[i].y = y;
	d->pr[i].x = x;
	d->pr[i].h = h;
	d->pr[i].w = w;
	if (h < 1 || w < 1)
		return;
	if ((d->pad[i] = newpad(h, w)) == NULL)
		return;
	if (h > 2 && w > 4)
		d->inner[i] = subpad(d->pad[i], h - 2, w - 4, 1, 2);
	d->shown[i] = 1;
}

/* Work out where the panes go and make their pads. */
static void
layout(struct dash *d)
{
	int	sw, rw, h1, h2, top;

	drop_pads(d);
	d->mode = d->cols >= 80 && d->rows >= 24 ? DASH_FOUR : DASH_STACKED;
	if (d->zoom) {
		show(d, d->focus, 0, 0, d->h, d->w);
	} else if (d->mode == DASH_STACKED) {
		top = d->h > 4 ? 1 : 0;
		show(d, d->focus, top, 0, d->h - top, d->w);
	} else {
		sw = d->w * 62 / 100;
		rw = d->w - sw;
		h1 = d->h / 3;
		h2 = d->h / 3;
		show(d, PANE_STOCK, 0, 0, d->h, sw);
		show(d, PANE_ALERTS, 0, sw, h1, rw);
		show(d, PANE_FORECAST, h1, sw, h2, rw);
		show(d, PANE_SYNC, h1 + h2, sw, d->h - h1 - h2, rw);
	}
	d->pdirty = (1 << PANE_N) - 1;
	d->tabs_dirty = 1;
}

static void *
dash_init(struct app *app, void *arg)
{
	struct dash	*d;
	int		 i;

	d = xcalloc(1, sizeof *d);
	d->app = app;
	d->ops[PANE_STOCK] = &pane_stock_ops;
	d->ops[PANE_ALERTS] = &pane_alerts_ops;
	d->ops[PANE_FORECAST] = &pane_forecast_ops;
	d->ops[PANE_SYNC] = &pane_sync_ops;
	for (i = 0; i < PANE_N; i++)
		d->pane[i] = d->ops[i]->init(app);
	return d;
}

static void
dash_free(void *data)
{
	struct dash	*d = data;
	int		 i;

	drop_pads(d);
	for (i = 0; i < PANE_N; i++)
		d->ops[i]->free(d->pane[i]);
	free(d);
}

static void
dash_resize(void *data, int rows, int cols, struct rect *r)
{
	struct dash	*d = data;

	d->rows = rows;
	d->cols = cols;
	d->h = r->h;
	d->w = r->w;
	layout(d);
}

/* The frame, the title (reversed when focused) and the pane's inside. */
static void
draw_pane(struct dash *d, int i)
{
	WINDOW	*p = d->pad[i];
	char	 t[128], extra[96];
	int	 focused = i == d->focus, x, w = d->pr[i].w;
	size_t	 n;

	themec_bkgd(p, THEME_NORMAL);
	werase(p);
	themec_set(p, focused ? THEME_BORDER_FOCUS : THEME_BORDER);
	text_frame(p);
	snprintf(t, sizeof t, " %s ", d->ops[i]->name);
	x = 1 + text_put_role(p, 0, 1, w - 2, t, focused ? THEME_SELECTED :
	    THEME_TITLE, TEXT_LEFT, 0);
	extra[0] = '\0';
	if (d->ops[i]->title != NULL)
		d->ops[i]->title(d->pane[i], extra, sizeof extra);
	if (d->zoom) {
		n = strlen(extra);
		snprintf(extra + n, sizeof extra - n, "%s(zoomed)",
		    n > 0 ? " " : "");
	}
	if (extra[0] != '\0' && x + 3 < w - 1) {
		snprintf(t, sizeof t, " %s ", extra);
		text_put_role(p, 0, x + 1, w - x - 2, t, THEME_DIM, TEXT_LEFT,
		    0);
	}
	d->cursor[i] = 0;
	if (d->inner[i] != NULL) {
		themec_bkgd(d->inner[i], THEME_NORMAL);
		d->cursor[i] = (d->ops[i]->draw(d->pane[i], d->inner[i],
		    focused) & SCR_CURSOR) != 0;
	}
}

static void
draw_tabs(struct dash *d, WINDOW *w)
{
	char	t[64];
	int	i, x = 0;

	themec_set(w, THEME_NORMAL);
	text_blank(w, 0, 0, d->w);
	for (i = 0; i < PANE_N && x < d->w; i++) {
		if (i == d->focus)
			snprintf(t, sizeof t, "[%d %s]", i + 1,
			    d->ops[i]->name);
		else
			snprintf(t, sizeof t, " %d %s ", i + 1,
			    d->ops[i]->name);
		x += text_put_role(w, 0, x, d->w - x, t, i == d->focus ?
		    THEME_SELECTED : THEME_TITLE, TEXT_LEFT, 0);
	}
}

static int
dash_draw(void *data, WINDOW *w)
{
	struct dash	*d = data;
	struct rect	*r;
	int		 i, cy, cx;

	if (d->tabs_dirty) {
		themec_bkgd(w, THEME_NORMAL);
		werase(w);
		if (d->mode == DASH_STACKED && !d->zoom && d->h > 4)
			draw_tabs(d, w);
		d->tabs_dirty = 0;
	}
	for (i = 0; i < PANE_N; i++) {
		if (!d->shown[i])
			continue;
		if (d->pdirty & (1 << i)) {
			d->pdirty &= ~(1 << i);
			draw_pane(d, i);
		}
		r = &d->pr[i];
		copywin(d->pad[i], w, 0, 0, r->y, r->x, r->y + r->h - 1,
		    r->x + r->w - 1, 0);
	}
	i = d->focus;
	if (d->shown[i] && d->cursor[i] && d->inner[i] != NULL) {
		cy = d->pr[i].y + 1 + getcury(d->inner[i]);
		cx = d->pr[i].x + 2 + getcurx(d->inner[i]);
		wmove(w, cy, cx);
		return SCR_CURSOR;
	}
	return 0;
}

static void
focus_set(struct dash *d, int i)
{
	int	old = d->focus;

	if (i == old)
		return;
	d->focus = i;
	if (d->zoom || d->mode == DASH_STACKED)
		layout(d);
	else
		d->pdirty |= (1 << old) | (1 << i);
}

static int
open_dialog(struct dash *d, const struct screen_ops *ops, void *arg)
{
	if (d->app->sel_id == 0) {
		app_msg(d->app, MSG_ERROR, "No product selected");
		return SCR_HANDLED;
	}
	app_push(d->app, ops, arg);
	return SCR_HANDLED;
}

static int
dash_key(void *data, enum action act, int key)
{
	struct dash		*d = data;
	enum stockview_sort	 s;
	int			 f, desc;

	f = d->ops[d->focus]->key(d->pane[d->focus], act, key);
	if (f & SCR_REDRAW)
		d->pdirty |= 1 << d->focus;
	if (f & PANE_FOCUS_STOCK)
		focus_set(d, PANE_STOCK);
	if (f & SCR_HANDLED)
		return SCR_HANDLED | SCR_REDRAW;

	switch (act) {
	case ACT_PANE_NEXT:
		focus_set(d, (d->focus + 1) % PANE_N);
		break;
	case ACT_PANE_PREV:
		focus_set(d, (d->focus + PANE_N - 1) % PANE_N);
		break;
	case ACT_PANE_STOCK:
	case ACT_PANE_ALERTS:
	case ACT_PANE_FORECAST:
	case ACT_PANE_SYNC:
		focus_set(d, PANE_STOCK + (int)(act - ACT_PANE_STOCK));
		break;
	case ACT_PANE_ZOOM:
		d->zoom = !d->zoom;
		layout(d);
		break;
	case ACT_BACK:
		if (!d->zoom)
			return 0;
		d->zoom = 0;
		layout(d);
		break;
	case ACT_FILTER:
		focus_set(d, PANE_STOCK);
		pane_stock_filter(d->pane[PANE_STOCK]);
		d->pdirty |= 1 << PANE_STOCK;
		break;
	case ACT_SORT_NEXT:
		s = stockview_sort(d->app->sv, &desc);
		app_set_sort(d->app, (enum stockview_sort)((s + 1) % SV_NSORTS),
		    0);
		break;
	case ACT_SORT_REVERSE:
		s = stockview_sort(d->app->sv, &desc);
		app_set_sort(d->app, s, !desc);
		break;
	case ACT_ADJUST:
		return open_dialog(d, &dlg_adjust_ops, (void *)(intptr_t)key) |
		    SCR_REDRAW;
	case ACT_RECEIVE:
		return open_dialog(d, &dlg_receive_ops, NULL) | SCR_REDRAW;
	case ACT_COUNT:
		return open_dialog(d, &dlg_count_ops, NULL) | SCR_REDRAW;
	case ACT_HISTORY:
		return open_dialog(d, &screen_history_ops, NULL) | SCR_REDRAW;
	default:
		return 0;
	}
	return SCR_HANDLED | SCR_REDRAW;
}

static int
dash_notify(void *data, int events)
{
	struct dash	*d = data;
	int		 i, f = 0;

	for (i = 0; i < PANE_N; i++) {
		if (d->ops[i]->notify != NULL &&
		    (d->ops[i]->notify(d->pane[i], events) & SCR_REDRAW)) {
			d->pdirty |= 1 << i;
			f = SCR_REDRAW;
		}
	}
	if (events & (APP_EV_THEME | APP_EV_KEYMAP)) {
		d->pdirty = (1 << PANE_N) - 1;
		d->tabs_dirty = 1;
		f = SCR_REDRAW;
	}
	return f;
}

static void
dash_hints(void *data, char *buf, size_t len)
{
	struct dash	*d = data;
	const struct pane_ops *ops = d->ops[d->focus];

	if (ops->hints != NULL && ops->hints(d->pane[d->focus], buf, len))
		return;
	app_hints(d->app, dash_hint_acts, buf, len);
}

const struct screen_ops screen_dash_ops = {
	.name = "dashboard",
	.init = dash_init,
	.free = dash_free,
	.resize = dash_resize,
	.draw = dash_draw,
	.key = dash_key,
	.notify = dash_notify,
	.hints = dash_hints,
	.opaque = 1,
};
