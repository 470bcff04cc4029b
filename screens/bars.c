/*
 * bars.c - the header bar (app, shop, user, filter and sort, the time)
 * and the status bar (the last message, then the top screen's key hints).
 *
 * Drawn by the loop when app->bars_dirty is set: after a message, a
 * screen change, a change of list state, or when the minute turns.
 * Start at bars_draw().
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "theme_curses.h"
#include "widgets.h"

static void
header_draw(struct app *app, WINDOW *w)
{
	const char	*path = db_path(app->db), *base, *filter;
	char		 left[256], right[256], t[32];
	enum stockview_sort s;
	int		 desc, rw, cols = getmaxx(w);

	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	snprintf(left, sizeof left, " invsync %s %s %s %s", app_sym(app,
	    "\xe2\x94\x82", "|"), base, app_sym(app, "\xe2\x94\x82", "|"),
	    app->user);

	filter = stockview_filter(app->sv);
	s = stockview_sort(app->sv, &desc);
	clock_time_str(clock_now(), t);
	snprintf(app->clock, sizeof app->clock, "%.5s", t + 11);
	if (filter[0] != '\0')
		snprintf(right, sizeof right, "filter \"%s\"  sort %s %s  %s ",
		    filter, stockview_sort_name(s), desc ?
		    app_sym(app, "\xe2\x96\xbc", "v") :
		    app_sym(app, "\xe2\x96\xb2", "^"), app->clock);
	else
		snprintf(right, sizeof right, "sort %s %s  %s ",
		    stockview_sort_name(s), desc ?
		    app_sym(app, "\xe2\x96\xbc", "v") :
		    app_sym(app, "\xe2\x96\xb2", "^"), app->clock);

	themec_bkgd(w, THEME_HEADER);
	werase(w);
	rw = text_width(right);
	if (rw > cols / 2)
		rw = cols / 2;
	text_put(w, 0, 0, cols - rw - 1, left, TEXT_LEFT, 0);
	text_put(w, 0, cols - rw, rw, right, TEXT_RIGHT, 1);
}

static void
status_draw(struct app *app, WINDOW *w)
{
	struct screen	*top = NULL;
	char		 hints[512];
	enum theme_role	 role;
	int		 cols = getmaxx(w), mw = 0, hw;

	hints[0] = '\0';
	if (app->nstack > 0)
		top = &app->stack[app->nstack - 1];
	if (top != NULL && top->ops->hints != NULL)
		top->ops->hints(top->data, hints, sizeof hints);

	themec_bkgd(w, THEME_STATUS);
	werase(w);
	if (app->msg[0] != '\0') {
		role = app->msg_kind == MSG_ERROR ? THEME_DANGER :
		    app->msg_kind == MSG_OK ? THEME_OK : THEME_STATUS;
		mw = 1 + text_put_role(w, 0, 1, cols - 1, app->msg, role,
		    TEXT_LEFT, 0);
	}
	hw = text_width(hints);
	if (hints[0] == '\0')
		return;
	if (mw == 0)
		text_put(w, 0, 1, cols - 1, hints, TEXT_LEFT, 0);
	else if (mw + 3 + hw <= cols)
		text_put_role(w, 0, cols - hw - 1, hw, hints, THEME_STATUS,
		    TEXT_LEFT, 0);
}

void
bars_draw(struct app *app)
{
	if (app->header != NULL)
		header_draw(app, app->header);
	if (app->status != NULL)
		status_draw(app, app->status);
	app->bars_dirty = 0;
}
