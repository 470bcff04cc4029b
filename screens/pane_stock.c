/*
 * pane_stock.c - the Stock pane: the product list, its filter line and
 * the selection.
 *
 * The list model is the app's stockview: each draw fetches only the rows
 * that fit (stockview_rows() for the visible window), so 100,000 products
 * cost what 30 do. Moving the selection, filtering and sorting never walk
 * the whole list here.
 *
 * A product's state is shown in words as well as colour, so low, out and
 * negative stock read the same on a monochrome terminal:
 *
 *	LOW  (THEME_WARN)	0 < available <= reorder point
 *	OUT  (THEME_DANGER)	available == 0
 *	NEG  (THEME_NEGATIVE)	available < 0
 *
 * '/' opens the filter line at the bottom: every keystroke filters
 * (stockview_set_filter()), Enter keeps the filter, Esc clears it. While
 * typing, the product selected before the filter stays selected whenever
 * it matches. Start at stock_draw().
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "pane.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

#define PSTOCK_MAXROWS 512

enum { C_SKU, C_NAME, C_CAT, C_ONHAND, C_AVAIL, C_REORDER, C_STATE, C_N };

struct pstock {
	struct app	*app;
	size_t		 top;		/* first row shown */
	int		 page;		/* rows shown at the last draw */
	int		 filtering;
	struct input	 in;
	int64_t		 anchor;	/* selected when '/' was pressed */
	char		 sorthead[32];
	struct stock_row rows[PSTOCK_MAXROWS];
};

static void *
stock_init(struct app *app)
{
	struct pstock	*p;

	p = xcalloc(1, sizeof *p);
	p->app = app;
	p->page = 10;
	/* Read the search text once the first frame is out. */
	app->idle_now = 1;
	return p;
}

static void
stock_free(void *data)
{
	free(data);
}

/* "LOW" and a symbol, and the role it is drawn in. */
static const char *
state_text(struct app *app, enum stock_state s, enum theme_role *role)
{
	switch (s) {
	case STOCK_LOW:
		*role = THEME_WARN;
		return app_sym(app, "\xe2\x96\xbc LOW", "! LOW");
	case STOCK_OUT:
		*role = THEME_DANGER;
		return app_sym(app, "\xe2\x9c\x95 OUT", "x OUT");
	case STOCK_NEGATIVE:
		*role = THEME_NEGATIVE;
		return app_sym(app, "\xe2\x80\xbc NEG", "!!NEG");
	case STOCK_OK:
		break;
	}
	*role = THEME_NORMAL;
	return "";
}

/* Widest text of the rows on screen, between lo and hi. */
static int
widest(const struct stock_row *r, int n, size_t off, int lo, int hi)
{
	int	i, w, max = lo;

	for (i = 0; i < n; i++) {
		w = text_width((const char *)r + off + i * sizeof *r);
		if (w > max)
			max = w;
	}
	return max > hi ? hi : max;
}

/* Columns for the rows on screen: SKU and Category as wide as needed. */
static void
columns(struct pstock *p, struct table_col *c, int width, int got)
{
	struct app		*app = p->app;
	enum stockview_sort	 s;
	int			 desc, wide = width >= 100, skuw, catw;
	static const int	 sortcol[SV_NSORTS] = {
		[SV_SORT_SKU] = C_SKU,
		[SV_SORT_NAME] = C_NAME,
		[SV_SORT_CATEGORY] = C_CAT,
		[SV_SORT_AVAILABLE] = C_AVAIL,
		[SV_SORT_ON_HAND] = C_ONHAND,
	};

	skuw = widest(p->rows, got, offsetof(struct stock_row, sku), 4,
	    wide ? 20 : 14);
	catw = widest(p->rows, got, offsetof(struct stock_row, category), 8,
	    wide ? 16 : 10);
	memset(c, 0, C_N * sizeof *c);
	c[C_SKU] = (struct table_col){ "SKU", skuw, 0, TEXT_LEFT, 100, 0, 0 };
	c[C_NAME] = (struct table_col){ "Name", 0, width >= 60 ? 14 : 8,
	    TEXT_LEFT, 100, 0, 0 };
	c[C_CAT] = (struct table_col){ "Category", catw, 0, TEXT_LEFT, 10, 0,
	    0 };
	c[C_ONHAND] = (struct table_col){ "On hand", 7, 0, TEXT_RIGHT, 30, 0,
	    0 };
	c[C_AVAIL] = (struct table_col){ "Avail", 7, 0, TEXT_RIGHT, 40, 0,
	    0 };
	/* "Reorder pt" where there is room; a narrow pane says "Reorder". */
	c[C_REORDER] = width >= 80 ?
	    (struct table_col){ "Reorder pt", 10, 0, TEXT_RIGHT, 20, 0, 0 } :
	    (struct table_col){ "Reorder", 7, 0, TEXT_RIGHT, 20, 0, 0 };
	c[C_STATE] = (struct table_col){ "State", 5, 0, TEXT_LEFT, 50, 0,
	    0 };
	s = stockview_sort(app->sv, &desc);
	if ((unsigned)s < SV_NSORTS) {
		snprintf(p->sorthead, sizeof p->sorthead, "%s%s",
		    c[sortcol[s]].title, desc ?
		    app_sym(app, "\xe2\x96\xbc", "v") :
		    app_sym(app, "\xe2\x96\xb2", "^"));
		c[sortcol[s]].title = p->sorthead;
		if (c[sortcol[s]].width > 0 &&
		    text_width(p->sorthead) > c[sortcol[s]].width)
			c[sortcol[s]].width = text_width(p->sorthead);
	}
	table_layout(c, C_N, width);
}

static void
draw_row(struct pstock *p, WINDOW *w, int y, const struct table_col *c,
    const struct stock_row *r, int selected)
{
	enum theme_role	 role;
	const char	*st;
	char		 b[48];

	st = state_text(p->app, r->state, &role);
	themec_set(w, selected ? THEME_SELECTED : THEME_NORMAL);
	text_blank(w, y, 0, getmaxx(w));
	table_cell(w, y, &c[C_SKU], r->sku);
	table_cell(w, y, &c[C_NAME], r->name);
	table_cell(w, y, &c[C_CAT], r->category);
	app_fmt_int(r->on_hand, b, sizeof b);
	table_cell(w, y, &c[C_ONHAND], b);
	if (r->reorder_point >= 0)
		app_fmt_int(r->reorder_point, b, sizeof b);
	else
		snprintf(b, sizeof b, "-");
	table_cell(w, y, &c[C_REORDER], b);
	if (!selected && role != THEME_NORMAL)
		themec_set(w, role);
	app_fmt_int(r->available, b, sizeof b);
	table_cell(w, y, &c[C_AVAIL], b);
	table_cell(w, y, &c[C_STATE], st);
	themec_set(w, THEME_NORMAL);
}

static void
draw_empty(struct pstock *p, WINDOW *w, int y)
{
	const char	*f = stockview_filter(p->app->sv);
	char		 t[256];
	int		 cols = getmaxx(w);

	if (f[0] != '\0') {
		snprintf(t, sizeof t, "No product matches \"%s\".", f);
		text_put_role(w, y, 1, cols - 2, t, THEME_DIM, TEXT_LEFT, 0);
		text_put_role(w, y + 1, 1, cols - 2, "Esc clears the filter.",
		    THEME_DIM, TEXT_LEFT, 0);
		return;
	}
	text_put_role(w, y, 1, cols - 2, "No products yet.", THEME_DIM,
	    TEXT_LEFT, 0);
	text_put_role(w, y + 1, 1, cols - 2,
	    "Add one with: invsync product add SKU NAME", THEME_DIM,
	    TEXT_LEFT, 0);
}

static int
stock_draw(void *data, WINDOW *w, int focused)
{
	struct pstock	*p = data;
	struct app	*app = p->app;
	struct table_col c[C_N];
	struct err	 e;
	const char	*f = stockview_filter(app->sv);
	char		 t[300];
	size_t		 n = stockview_count(app->sv), pos;
	int		 h = getmaxy(w), cols = getmaxx(w), list, got, i;
	int		 bottom, cx = -1;

	werase(w);
	bottom = p->filtering || f[0] != '\0';
	list = h - 1 - bottom;
	if (list < 1)
		list = 1;
	if (list > PSTOCK_MAXROWS)
		list = PSTOCK_MAXROWS;
	p->page = list;

	got = 0;
	pos = 0;
	if (n > 0) {
		if (app->sel_id == 0 || app->sel_pos >= n)
			app_select_pos(app, app->sel_pos);
		pos = app->sel_pos;
		if (pos < p->top)
			p->top = pos;
		if (pos >= p->top + (size_t)list)
			p->top = pos - (size_t)list + 1;
		if (p->top + (size_t)list > n)
			p->top = n > (size_t)list ? n - (size_t)list : 0;
		err_clear(&e);
		got = stockview_rows(app->sv, p->top, (size_t)list, p->rows,
		    &e);
		if (got < 0) {
			app_msg(app, MSG_ERROR, "%s", e.msg);
			got = 0;
		}
	}
	columns(p, c, cols, got);
	table_head(w, 0, c, C_N, THEME_COLHEAD);
	themec_set(w, THEME_NORMAL);
	if (n == 0)
		draw_empty(p, w, 1);
	for (i = 0; i < got; i++)
		draw_row(p, w, 1 + i, c, &p->rows[i],
		    p->top + (size_t)i == pos);

	if (p->filtering) {
		text_put_role(w, h - 1, 0, 1, "/", THEME_ACCENT, TEXT_LEFT, 0);
		cx = input_draw(w, h - 1, 1, cols - 1, &p->in, THEME_INPUT);
		wmove(w, h - 1, cx);
		return focused ? SCR_CURSOR : 0;
	}
	if (f[0] != '\0') {
		snprintf(t, sizeof t, "filter: %s", f);
		text_put_role(w, h - 1, 0, cols, t, THEME_DIM, TEXT_LEFT, 1);
	}
	return 0;
}

/* Filter as typed: keep the anchor product if it matches, else the top. */
static void
filter_typed(struct pstock *p)
{
	struct app	*app = p->app;
	char		 text[INPUT_MAX * 4];

	input_get(&p->in, text, sizeof text);
	stockview_set_filter(app->sv, text);
	if (p->anchor != 0 && stockview_find(app->sv, p->anchor) >= 0)
		app_select_id(app, p->anchor);
	else
		app_select_pos(app, 0);
	p->top = 0;
	app_notify(app, APP_EV_LIST);
}

int
pane_stock_filter(void *data)
{
	struct pstock	*p = data;

	p->filtering = 1;
	p->anchor = p->app->sel_id;
	input_set(&p->in, stockview_filter(p->app->sv));
	return SCR_HANDLED | SCR_REDRAW;
}

static int
sel_move(struct pstock *p, long delta, int absolute)
{
	struct app	*app = p->app;
	size_t		 n = stockview_count(app->sv);
	long		 pos = (long)app->sel_pos;

	if (n == 0)
		return SCR_HANDLED;
	if (absolute)
		pos = delta < 0 ? (long)n - 1 : 0;
	else
		pos += delta;
	if (pos < 0)
		pos = 0;
	if (pos >= (long)n)
		pos = (long)n - 1;
	app_select_pos(app, (size_t)pos);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
filter_key(struct pstock *p, enum action act, int key)
{
	struct app	*app = p->app;
	int		 r;

	switch (key) {
	case KC_ENTER:
		p->filtering = 0;
		app->bars_dirty = 1;
		return SCR_HANDLED | SCR_REDRAW;
	case KC_ESC:
		p->filtering = 0;
		app_set_filter(app, "");
		if (p->anchor != 0)
			app_select_id(app, p->anchor);
		return SCR_HANDLED | SCR_REDRAW;
	case KC_UP:
		return sel_move(p, -1, 0);
	case KC_DOWN:
		return sel_move(p, 1, 0);
	case KC_PGUP:
		return sel_move(p, -p->page, 0);
	case KC_PGDN:
		return sel_move(p, p->page, 0);
	}
	if (act == ACT_BACK && !keys_is_text(key)) {
		p->filtering = 0;
		app_set_filter(app, "");
		return SCR_HANDLED | SCR_REDRAW;
	}
	if ((r = input_key(&p->in, key)) & INPUT_EDIT)
		filter_typed(p);
	/* Modal: every other key is the filter's, not a command. */
	return SCR_HANDLED | SCR_REDRAW;
}

static int
stock_key(void *data, enum action act, int key)
{
	struct pstock	*p = data;

	if (p->filtering)
		return filter_key(p, act, key);
	switch (act) {
	case ACT_UP:
		return sel_move(p, -1, 0);
	case ACT_DOWN:
		return sel_move(p, 1, 0);
	case ACT_PGUP:
		return sel_move(p, -p->page, 0);
	case ACT_PGDN:
		return sel_move(p, p->page, 0);
	case ACT_HOME:
		return sel_move(p, 0, 1);
	case ACT_END:
		return sel_move(p, -1, 1);
	case ACT_FILTER:
		return pane_stock_filter(p);
	case ACT_BACK:
		if (stockview_filter(p->app->sv)[0] == '\0')
			return 0;
		app_set_filter(p->app, "");
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_SELECT:
		if (p->app->sel_id != 0)
			app_push(p->app, &screen_history_ops, NULL);
		return SCR_HANDLED;
	default:
		break;
	}
	return 0;
}

/*
 * The search text of a big catalogue takes a moment to read: do it when
 * idle after the first paint (and after the catalogue changed), so
 * neither the first frame nor the first filter key waits for it.
 */
static int
stock_notify(void *data, int events)
{
	struct pstock	*p = data;
	struct err	 e;

	/* Reading the search text changes nothing on screen. */
	if (events & APP_EV_IDLE) {
		if (stockview_prepare(p->app->sv, &e) != 0) {
			app_msg(p->app, MSG_ERROR, "%s", e.msg);
			return SCR_REDRAW;
		}
		return 0;
	}
	/* A refresh may have reloaded the catalogue and dropped it. */
	if (events & APP_EV_DATA)
		p->app->idle_now = 1;
	return SCR_REDRAW;
}

static void
stock_title(void *data, char *buf, size_t len)
{
	struct pstock	*p = data;
	char		 a[32], b[32];

	app_fmt_int((int64_t)stockview_count(p->app->sv), a, sizeof a);
	app_fmt_int((int64_t)stockview_total(p->app->sv), b, sizeof b);
	snprintf(buf, len, "%s of %s", a, b);
}

static int
stock_hints(void *data, char *buf, size_t len)
{
	struct pstock	*p = data;

	if (!p->filtering)
		return 0;
	snprintf(buf, len, "type to filter  Enter keep  Esc clear  %s move",
	    app_sym(p->app, "\xe2\x86\x91\xe2\x86\x93", "Up/Down"));
	return 1;
}

const struct pane_ops pane_stock_ops = {
	.name = "Stock",
	.init = stock_init,
	.free = stock_free,
	.draw = stock_draw,
	.key = stock_key,
	.notify = stock_notify,
	.title = stock_title,
	.hints = stock_hints,
};
