/*
 * pane.h - the four panes of the dashboard (screen_dash.c): Stock,
 * Alerts, Forecast, Sync. A pane is a smaller screen: it draws inside a
 * frame the dashboard owns, and gets keys only when focused.
 */
#ifndef PANE_H
#define PANE_H

#include <curses.h>
#include <stddef.h>

#include "app.h"

/* Beyond the SCR_* flags: ask the dashboard to focus the Stock pane. */
#define PANE_FOCUS_STOCK	0x100

struct pane_ops {
	const char	*name;		/* the frame's title */
	void		*(*init)(struct app *);
	void		 (*free)(void *);
	/* Draw inside the frame; SCR_CURSOR to show the cursor there. */
	int		 (*draw)(void *, WINDOW *, int focused);
	/* SCR_HANDLED | SCR_REDRAW | PANE_FOCUS_STOCK ... */
	int		 (*key)(void *, enum action, int key);
	/* APP_EV_* bits; SCR_REDRAW if the pane must be drawn again. */
	int		 (*notify)(void *, int events);
	/* Said after the title, e.g. "1,234 of 100,000"; may be NULL. */
	void		 (*title)(void *, char *, size_t);
	/* Hints while the pane is in a mode of its own; may be NULL. */
	int		 (*hints)(void *, char *, size_t);
};

enum { PANE_STOCK, PANE_ALERTS, PANE_FORECAST, PANE_SYNC, PANE_N };

extern const struct pane_ops pane_stock_ops;
extern const struct pane_ops pane_alerts_ops;
extern const struct pane_ops pane_forecast_ops;
extern const struct pane_ops pane_sync_ops;

/* pane_stock.c: start typing a filter (the dashboard's '/' and ':filter'). */
int	pane_stock_filter(void *);

#endif
