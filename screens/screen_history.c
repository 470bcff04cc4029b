/*
 * screen_history.c - one product's movements, newest first, full screen.
 *
 * Pages are read with ledger_history() as the selection nears the end of
 * what is loaded (before_id = the oldest id so far), so a product with a
 * long history opens at once. The ledger does not store the level after
 * each movement; it is worked out backwards from today's on-hand, which
 * is exact because every movement of the product is in the list up to
 * that row. Reversals show both ways: "undo of #12" on the reversing
 * movement, "undone by #13" on the one it undid.
 *
 * Esc, q or h closes. Start at history_load().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "listnav.h"
#include "money.h"
#include "stock.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

#define HIST_PAGE 200

enum { H_ID, H_TIME, H_KIND, H_QTY, H_AFTER, H_COST, H_REASON, H_USER,
    H_LINK, H_NOTE, H_N };

struct history {
	struct app		*app;
	struct stock_row	 row;
	struct movement		*mv;
	int64_t			*after;
	int			 n;
	int			 done;	/* the oldest movement is loaded */
	struct listnav		 nav;
	char			 err[512];
};

/* Append the next page of older movements. */
static void
history_more(struct history *h)
{
	struct movement	*more = NULL;
	struct err	 e;
	int64_t		 before = h->n > 0 ? h->mv[h->n - 1].id : 0;
	int		 m = 0, i;

	if (h->done)
		return;
	err_clear(&e);
	if (ledger_history(h->app->db, h->row.id, before, HIST_PAGE, &more,
	    &m, &e) != 0) {
		snprintf(h->err, sizeof h->err, "%s", e.msg);
		h->done = 1;
		return;
	}
	if (m < HIST_PAGE)
		h->done = 1;
	if (m == 0) {
		free(more);
		return;
	}
	h->mv = xreallocarray(h->mv, (size_t)(h->n + m), sizeof *h->mv);
	h->after = xreallocarray(h->after, (size_t)(h->n + m),
	    sizeof *h->after);
	memcpy(h->mv + h->n, more, (size_t)m * sizeof *more);
	for (i = h->n; i < h->n + m; i++) {
		if (i == 0)
			h->after[i] = h->row.on_hand;
		else
			h->after[i] = h->after[i - 1] - h->mv[i - 1].qty;
	}
	h->n += m;
	free(more);
}

static void
history_load(struct history *h)
{
	struct err	e;

	free(h->mv);
	free(h->after);
	h->mv = NULL;
	h->after = NULL;
	h->n = 0;
	h->done = 0;
	h->err[0] = '\0';
	err_clear(&e);
	if (stock_get(h->app->db, h->row.id, &h->row, &e) != 0) {
		snprintf(h->err, sizeof h->err, "%s", e.msg);
		h->done = 1;
		return;
	}
	history_more(h);
	while (!h->done && h->nav.sel >= h->n)
		history_more(h);
	listnav_select(&h->nav, h->nav.sel, h->n);
}

static void *
history_init(struct app *app, void *arg)
{
	struct history	*h;

	if (app->sel_id == 0) {
		app_msg(app, MSG_ERROR, "No product selected");
		return NULL;
	}
	h = xcalloc(1, sizeof *h);
	h->app = app;
	h->row.id = app->sel_id;
	h->nav.page = 10;
	history_load(h);
	return h;
}

static void
history_free(void *data)
{
	struct history	*h = data;

	free(h->mv);
	free(h->after);
	free(h);
}

static void
draw_row(struct history *h, WINDOW *w, int y, const struct table_col *c,
    int i)
{
	const struct movement	*m = &h->mv[i];
	const char		*note;
	char			 b[512], t[32];

	themec_set(w, i == h->nav.sel ? THEME_SELECTED : THEME_NORMAL);
	text_blank(w, y, 1, getmaxx(w) - 2);
	snprintf(b, sizeof b, "#%lld", (long long)m->id);
	table_cell(w, y, &c[H_ID], b);
	clock_time_str(m->created_at, t);
	table_cell(w, y, &c[H_TIME], t);
	table_cell(w, y, &c[H_KIND], ledger_kind_name(m->kind));
	app_fmt_signed(m->qty, b, sizeof b);
	table_cell(w, y, &c[H_QTY], b);
	app_fmt_int(h->after[i], b, sizeof b);
	table_cell(w, y, &c[H_AFTER], b);
	if (m->unit_cost >= 0)
		money_format(m->unit_cost, b);
	else
		b[0] = '\0';
	table_cell(w, y, &c[H_COST], b);
	table_cell(w, y, &c[H_REASON], m->reason);
	table_cell(w, y, &c[H_USER], m->user);
	if (m->reversed_by != 0)
		snprintf(b, sizeof b, "undone by #%lld",
		    (long long)m->reversed_by);
	else if (m->reverses != 0)
		snprintf(b, sizeof b, "undo of #%lld", (long long)m->reverses);
	else
		b[0] = '\0';
	if (i != h->nav.sel && b[0] != '\0')
		themec_set(w, THEME_ACCENT);
	table_cell(w, y, &c[H_LINK], b);
	themec_set(w, i == h->nav.sel ? THEME_SELECTED : THEME_NORMAL);
	/* The core notes "undo of #N" on reversals; the Undo column says it. */
	note = m->note;
	if (m->reverses != 0 && strncmp(note, "undo of #", 9) == 0)
		note = "";
	if (m->ext_ref[0] != '\0')
		snprintf(b, sizeof b, "%s%sref %s", note,
		    note[0] != '\0' ? "  " : "", m->ext_ref);
	else
		snprintf(b, sizeof b, "%s", note);
	table_cell(w, y, &c[H_NOTE], b);
}

static int
history_draw(void *data, WINDOW *w)
{
	struct history		*h = data;
	struct table_col	 c[H_N] = {
		[H_ID] = { "#", 7, 0, TEXT_RIGHT, 30, 0, 0 },
		[H_TIME] = { "Time", 16, 0, TEXT_LEFT, 100, 0, 0 },
		[H_KIND] = { "Kind", 10, 0, TEXT_LEFT, 90, 0, 0 },
		[H_QTY] = { "Qty", 8, 0, TEXT_RIGHT, 100, 0, 0 },
		[H_AFTER] = { "After", 8, 0, TEXT_RIGHT, 40, 0, 0 },
		[H_COST] = { "Unit cost", 9, 0, TEXT_RIGHT, 20, 0, 0 },
		[H_REASON] = { "Reason", 10, 0, TEXT_LEFT, 50, 0, 0 },
		[H_USER] = { "User", 10, 0, TEXT_LEFT, 85, 0, 0 },
		[H_LINK] = { "Undo", 14, 0, TEXT_LEFT, 60, 0, 0 },
		[H_NOTE] = { "Note", 0, 8, TEXT_LEFT, 45, 0, 0 },
	};
	char			 t[512], a[32];
	int			 rows = getmaxy(w), cols = getmaxx(w), i, y;

	themec_bkgd(w, THEME_NORMAL);
	werase(w);
	themec_set(w, THEME_BORDER_FOCUS);
	text_frame(w);
	app_fmt_int(h->row.on_hand, a, sizeof a);
	snprintf(t, sizeof t, " History: %s  %s  (%s on hand) ", h->row.sku,
	    h->row.name, a);
	text_put_role(w, 0, 1, cols - 2, t, THEME_SELECTED, TEXT_LEFT, 0);
	if (h->err[0] != '\0') {
		text_put_role(w, 1, 1, cols - 2, h->err, THEME_DANGER,
		    TEXT_LEFT, 0);
		return 0;
	}
	if (h->n == 0) {
		text_put_role(w, 1, 1, cols - 2, "No movements yet.",
		    THEME_DIM, TEXT_LEFT, 0);
		return 0;
	}
	/* Columns inside the frame: shift by one. */
	table_layout(c, H_N, cols - 4);
	for (i = 0; i < H_N; i++)
		c[i].x += 2;
	table_head(w, 1, c, H_N, THEME_COLHEAD);
	themec_set(w, THEME_BORDER_FOCUS);
	text_vline(w, 1, 0);
	text_vline(w, 1, cols - 1);
	listnav_show(&h->nav, rows - 3);
	for (i = h->nav.top, y = 2; i < h->n && y < rows - 1; i++, y++)
		draw_row(h, w, y, c, i);
	themec_set(w, THEME_NORMAL);
	if (!h->done && h->n > 0) {
		snprintf(t, sizeof t, " %d loaded, more below ", h->n);
		text_put_role(w, rows - 1, 2, cols - 4, t, THEME_DIM,
		    TEXT_LEFT, 0);
	}
	return 0;
}

static int
history_key(void *data, enum action act, int key)
{
	struct history	*h = data;
	int		 sel;

	/* Esc closes even under a keymap that unbinds it. */
	if (key == KC_ESC)
		return SCR_HANDLED | SCR_POP;
	switch (act) {
	case ACT_BACK:
	case ACT_QUIT:
	case ACT_HISTORY:
		return SCR_HANDLED | SCR_POP;
	case ACT_END:
		/* The end is the oldest movement: read them all first. */
		while (!h->done)
			history_more(h);
		break;
	default:
		break;
	}
	if (listnav_move(act, h->nav.sel, h->nav.page, h->n - 1, &sel) != 0)
		return 0;
	/* Read older pages before the selection reaches the end. */
	while (!h->done && sel + h->nav.page >= h->n)
		history_more(h);
	listnav_select(&h->nav, sel, h->n);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
history_notify(void *data, int events)
{
	struct history	*h = data;

	if (events & APP_EV_DATA) {
		history_load(h);
		return SCR_REDRAW;
	}
	return events & APP_EV_THEME ? SCR_REDRAW : 0;
}

static void
history_hints(void *data, char *buf, size_t len)
{
	struct history	*h = data;
	static const enum action acts[] = { ACT_BACK, ACT_UNDO, ACT_HELP,
	    ACT_NONE };

	app_hints(h->app, acts, buf, len);
}

const struct screen_ops screen_history_ops = {
	.name = "history",
	.init = history_init,
	.free = history_free,
	.draw = history_draw,
	.key = history_key,
	.notify = history_notify,
	.hints = history_hints,
	.opaque = 1,
};
