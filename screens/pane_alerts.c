/*
 * pane_alerts.c - the Alerts pane: what needs attention now, which in this
 * version means products at or below their manual reorder point, out of
 * stock, or negative (stock_low(), worst first). Nothing here forecasts;
 * the pane says so when the list is empty.
 *
 * The list is read when the data changes, never per keypress; it is an
 * index lookup (the products' stock state), cheap at any catalogue size.
 * Enter on a row selects that product in the Stock pane and moves the
 * focus there.
 * Start at alerts_load().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listnav.h"
#include "pane.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

#define ALERTS_MAX	500

enum { A_SKU, A_NAME, A_AVAIL, A_REORDER, A_STATE, A_N };

struct palerts {
	struct app		*app;
	struct stock_row	*rows;
	int			 n;
	int64_t			 count;
	struct listnav		 nav;
	int			 loaded;	/* read at least once */
	char			 err[512];
};

static void
alerts_load(struct palerts *p)
{
	struct err	e;
	int64_t		id = p->nav.sel < p->n ? p->rows[p->nav.sel].id : 0;
	int		i;

	free(p->rows);
	p->rows = NULL;
	p->n = 0;
	p->count = 0;
	p->err[0] = '\0';
	p->loaded = 1;
	err_clear(&e);
	if (stock_low(p->app->db, ALERTS_MAX, &p->rows, &p->n, &e) != 0) {
		snprintf(p->err, sizeof p->err, "%s", e.msg);
		return;
	}
	/* A short list is the whole list: no second query for the count. */
	p->count = p->n;
	if (p->n == ALERTS_MAX &&
	    stock_low_count(p->app->db, &p->count, &e) != 0) {
		snprintf(p->err, sizeof p->err, "%s", e.msg);
		return;
	}
	/* Keep the same product highlighted if it is still listed. */
	for (i = 0; i < p->n; i++) {
		if (p->rows[i].id == id) {
			p->nav.sel = i;
			return;
		}
	}
	listnav_select(&p->nav, p->nav.sel, p->n);
}

static void *
alerts_init(struct app *app)
{
	struct palerts	*p;

	p = xcalloc(1, sizeof *p);
	p->app = app;
	p->nav.page = 5;
	alerts_load(p);
	return p;
}

static void
alerts_free(void *data)
{
	struct palerts	*p = data;

	free(p->rows);
	free(p);
}

static int
alerts_draw(void *data, WINDOW *w, int focused)
{
	struct palerts		*p = data;
	struct table_col	 c[A_N] = {
		[A_SKU] = { "SKU", 4, 0, TEXT_LEFT, 100, 0, 0 },
		[A_NAME] = { "Name", 0, 10, TEXT_LEFT, 100, 0, 0 },
		[A_AVAIL] = { "Avail", 6, 0, TEXT_RIGHT, 50, 0, 0 },
		[A_REORDER] = { "Reorder", 7, 0, TEXT_RIGHT, 20, 0, 0 },
		[A_STATE] = { "State", 5, 0, TEXT_LEFT, 60, 0, 0 },
	};
	const struct stock_row	*r;
	enum theme_role		 role;
	char			 b[32];
	int			 h = getmaxy(w), cols = getmaxx(w), i, y;

	werase(w);
	if (!p->loaded) {
		text_put_role(w, 0, 0, cols, "Reading stock levels...",
		    THEME_DIM, TEXT_LEFT, 0);
		return 0;
	}
	if (p->err[0] != '\0') {
		text_put_role(w, 0, 0, cols, p->err, THEME_DANGER, TEXT_LEFT,
		    0);
		return 0;
	}
	if (p->n == 0) {
		text_put_role(w, 0, 0, cols,
		    "No low-stock products (manual reorder points)",
		    THEME_DIM, TEXT_LEFT, 0);
		return 0;
	}
	/* As wide as the SKUs on screen need, so names keep their room. */
	for (i = p->nav.top, y = 0; i < p->n && y < h - 1; i++, y++) {
		if (text_width(p->rows[i].sku) > c[A_SKU].width)
			c[A_SKU].width = text_width(p->rows[i].sku);
	}
	if (c[A_SKU].width > 16)
		c[A_SKU].width = 16;
	table_layout(c, A_N, cols);
	table_head(w, 0, c, A_N, THEME_COLHEAD);
	listnav_show(&p->nav, h - 1);
	for (i = p->nav.top, y = 1; i < p->n && y < h; i++, y++) {
		r = &p->rows[i];
		switch (r->state) {
		case STOCK_NEGATIVE:
			role = THEME_NEGATIVE;
			break;
		case STOCK_OUT:
			role = THEME_DANGER;
			break;
		default:
			role = THEME_WARN;
			break;
		}
		themec_set(w, focused && i == p->nav.sel ? THEME_SELECTED :
		    THEME_NORMAL);
		text_blank(w, y, 0, cols);
		table_cell(w, y, &c[A_SKU], r->sku);
		table_cell(w, y, &c[A_NAME], r->name);
		if (r->reorder_point >= 0)
			app_fmt_int(r->reorder_point, b, sizeof b);
		else
			snprintf(b, sizeof b, "-");
		table_cell(w, y, &c[A_REORDER], b);
		if (!(focused && i == p->nav.sel))
			themec_set(w, role);
		app_fmt_int(r->available, b, sizeof b);
		table_cell(w, y, &c[A_AVAIL], b);
		table_cell(w, y, &c[A_STATE],
		    r->state == STOCK_NEGATIVE ? app_sym(p->app,
		    "\xe2\x80\xbc NEG", "!!NEG") : r->state == STOCK_OUT ?
		    app_sym(p->app, "\xe2\x9c\x95 OUT", "x OUT") :
		    app_sym(p->app, "\xe2\x96\xbc LOW", "! LOW"));
	}
	themec_set(w, THEME_NORMAL);
	return 0;
}

static int
alerts_key(void *data, enum action act, int key)
{
	struct palerts	*p = data;
	int		 sel;

	if (act == ACT_SELECT) {
		if (p->n == 0)
			return SCR_HANDLED;
		if (app_select_id(p->app, p->rows[p->nav.sel].id) != 0)
			app_msg(p->app, MSG_ERROR, "%s is not in the list",
			    p->rows[p->nav.sel].sku);
		return SCR_HANDLED | SCR_REDRAW | PANE_FOCUS_STOCK;
	}
	if (listnav_move(act, p->nav.sel, p->nav.page, p->n - 1, &sel) != 0)
		return 0;
	listnav_select(&p->nav, sel, p->n);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
alerts_notify(void *data, int events)
{
	struct palerts	*p = data;

	if (events & APP_EV_DATA) {
		alerts_load(p);
		return SCR_REDRAW;
	}
	return events & APP_EV_THEME ? SCR_REDRAW : 0;
}

static void
alerts_title(void *data, char *buf, size_t len)
{
	struct palerts	*p = data;
	char		 a[32], b[32];

	if (p->err[0] != '\0' || p->count == 0) {
		buf[0] = '\0';
		return;
	}
	app_fmt_int(p->count, a, sizeof a);
	if (p->count > p->n) {
		app_fmt_int(p->n, b, sizeof b);
		snprintf(buf, len, "%s (first %s)", a, b);
	} else
		snprintf(buf, len, "%s", a);
}

const struct pane_ops pane_alerts_ops = {
	.name = "Alerts",
	.init = alerts_init,
	.free = alerts_free,
	.draw = alerts_draw,
	.key = alerts_key,
	.notify = alerts_notify,
	.title = alerts_title,
};
