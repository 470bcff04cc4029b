/*
 * pane_forecast.c - the Forecast pane, which in this version shows the
 * selected product's sales history honestly labelled as such: a sparkline
 * of daily units sold over the last 8 weeks (ledger_daily_sales()), the
 * total, the average per day and the weekly totals. No forecast is
 * printed until one is computed.
 *
 * Read when the selection or the data changes, not when drawn. Start at
 * forecast_load().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

#define FC_DAYS		56
#define FC_WEEKS	8
#define FC_LABEL	"Sales history (forecasts: not yet computed)"

struct pforecast {
	struct app		*app;
	int64_t			 id;	/* the product shown, 0 for none */
	struct stock_row	 row;
	int64_t			 sales[FC_DAYS];
	int64_t			 total;
	char			 err[512];
};

static void
forecast_load(struct pforecast *p)
{
	struct err	e;
	int		i;

	p->id = p->app->sel_id;
	p->err[0] = '\0';
	p->total = 0;
	memset(p->sales, 0, sizeof p->sales);
	if (p->id == 0)
		return;
	err_clear(&e);
	if (stock_get(p->app->db, p->id, &p->row, &e) != 0 ||
	    ledger_daily_sales(p->app->db, p->id, FC_DAYS, p->sales, &e) != 0) {
		snprintf(p->err, sizeof p->err, "%s", e.msg);
		return;
	}
	for (i = 0; i < FC_DAYS; i++)
		p->total += p->sales[i];
}

static void *
forecast_init(struct app *app)
{
	struct pforecast	*p;

	p = xcalloc(1, sizeof *p);
	p->app = app;
	forecast_load(p);
	return p;
}

static void
forecast_free(void *data)
{
	free(data);
}

static int
forecast_draw(void *data, WINDOW *w, int focused)
{
	struct pforecast	*p = data;
	char			 t[512], a[32], wk[32];
	int64_t			 week, tenths;
	int			 h = getmaxy(w), cols = getmaxx(w), y = 0, i, j;
	int			 o, sw;

	werase(w);
	if (p->id != p->app->sel_id)
		forecast_load(p);
	if (p->id == 0) {
		text_put_role(w, 0, 0, cols, "No product selected.",
		    THEME_DIM, TEXT_LEFT, 0);
		return 0;
	}
	if (p->err[0] != '\0') {
		text_put_role(w, 0, 0, cols, p->err, THEME_DANGER, TEXT_LEFT,
		    0);
		return 0;
	}
	snprintf(t, sizeof t, "%s  %s", p->row.sku, p->row.name);
	text_put_role(w, y++, 0, cols, t, THEME_TITLE, TEXT_LEFT, 0);
	/* Honest about what this is: on two lines rather than cut. */
	if (text_width(FC_LABEL) <= cols) {
		if (y < h)
			text_put_role(w, y++, 0, cols, FC_LABEL, THEME_DIM,
			    TEXT_LEFT, 0);
	} else {
		if (y < h)
			text_put_role(w, y++, 0, cols, "Sales history",
			    THEME_DIM, TEXT_LEFT, 0);
		if (y < h)
			text_put_role(w, y++, 0, cols, cols >= 29 ?
			    "(forecasts: not yet computed)" :
			    "(no forecast yet)", THEME_DIM, TEXT_LEFT, 0);
	}
	if (p->total == 0) {
		if (y < h)
			text_put_role(w, y++, 0, cols,
			    "No sales in the last 8 weeks.", THEME_NORMAL,
			    TEXT_LEFT, 0);
		return 0;
	}
	if (y < h) {
		themec_set(w, THEME_CHART);
		sw = spark_draw(w, y++, 0, cols, p->sales, FC_DAYS);
		themec_set(w, THEME_NORMAL);
		/* The axis only when there is a row to spare. */
		if (h >= 6 && y < h && sw >= 20) {
			text_put_role(w, y, 0, sw, "8 weeks ago", THEME_DIM,
			    TEXT_LEFT, 0);
			text_put_role(w, y, sw - 5, 5, "today", THEME_DIM,
			    TEXT_LEFT, 0);
			y++;
		}
	}
	if (y < h) {
		app_fmt_int(p->total, a, sizeof a);
		tenths = (p->total * 10 + FC_DAYS / 2) / FC_DAYS;
		snprintf(t, sizeof t, "Sales, last 8 weeks: %s units "
		    "(%lld.%lld/day)", a, (long long)(tenths / 10),
		    (long long)(tenths < 0 ? -tenths % 10 : tenths % 10));
		if (text_width(t) > cols)
			snprintf(t, sizeof t, "8 weeks: %s (%lld.%lld/day)", a,
			    (long long)(tenths / 10), (long long)(tenths < 0 ?
			    -tenths % 10 : tenths % 10));
		text_put_role(w, y++, 0, cols, t, THEME_NORMAL, TEXT_LEFT, 0);
	}
	if (y < h) {
		o = snprintf(t, sizeof t, "Weekly:");
		for (i = 0; i < FC_WEEKS; i++) {
			week = 0;
			for (j = 0; j < 7; j++)
				week += p->sales[i * 7 + j];
			app_fmt_int(week, wk, sizeof wk);
			o += snprintf(t + o, sizeof t - (size_t)o, " %s", wk);
		}
		text_put_role(w, y++, 0, cols, t, THEME_NORMAL, TEXT_LEFT, 0);
	}
	return 0;
}

static int
forecast_key(void *data, enum action act, int key)
{
	return 0;
}

static int
forecast_notify(void *data, int events)
{
	struct pforecast	*p = data;

	if (events & (APP_EV_DATA | APP_EV_SELECT)) {
		forecast_load(p);
		return SCR_REDRAW;
	}
	return events & APP_EV_THEME ? SCR_REDRAW : 0;
}

const struct pane_ops pane_forecast_ops = {
	.name = "Forecast",
	.init = forecast_init,
	.free = forecast_free,
	.draw = forecast_draw,
	.key = forecast_key,
	.notify = forecast_notify,
};
