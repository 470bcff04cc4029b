/*
 * pane_sync.c - the Sync pane: the sales channels (channel_list()) and
 * how their last sync went. With none connected it says so; it never
 * shows a channel that does not exist.
 *
 * Read when the data changes. Start at sync_load().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "clock.h"
#include "pane.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

struct psync {
	struct app		*app;
	struct channel_info	*ch;
	int			 n;
	int			 top;
	char			 err[512];
};

static void
sync_load(struct psync *p)
{
	struct err	e;

	free(p->ch);
	p->ch = NULL;
	p->n = 0;
	p->err[0] = '\0';
	err_clear(&e);
	if (channel_list(p->app->db, &p->ch, &p->n, &e) != 0)
		snprintf(p->err, sizeof p->err, "%s", e.msg);
}

static void *
sync_init(struct app *app)
{
	struct psync	*p;

	p = xcalloc(1, sizeof *p);
	p->app = app;
	sync_load(p);
	return p;
}

static void
sync_free(void *data)
{
	struct psync	*p = data;

	free(p->ch);
	free(p);
}

static int	any_synced(const struct psync *);

static int
sync_draw(void *data, WINDOW *w, int focused)
{
	struct psync		*p = data;
	struct channel_info	*c;
	char			 t[512], when[32];
	int			 h = getmaxy(w), cols = getmaxx(w), i, y = 0;

	werase(w);
	if (p->err[0] != '\0') {
		text_put_role(w, 0, 0, cols, p->err, THEME_DANGER, TEXT_LEFT,
		    0);
		return 0;
	}
	if (p->n == 0) {
		text_put_role(w, 0, 0, cols, "No channels connected.",
		    THEME_NORMAL, TEXT_LEFT, 0);
		if (h > 1)
			text_put_role(w, 1, 0, cols, app_sym(p->app,
			    "Connect one: invsync channel add \xe2\x80\xa6",
			    "Connect one: invsync channel add ..."), THEME_DIM,
			    TEXT_LEFT, 0);
		return 0;
	}
	if (p->top >= p->n)
		p->top = p->n - 1;
	for (i = p->top; i < p->n && y < h; i++) {
		c = &p->ch[i];
		if (c->last_sync_at > 0)
			clock_time_str(c->last_sync_at, when);
		else
			snprintf(when, sizeof when, "never");
		snprintf(t, sizeof t, "%s (%s)%s  last sync %s", c->name,
		    c->type, c->paused ? " paused" : "", when);
		text_put_role(w, y++, 0, cols, t, c->paused ? THEME_DIM :
		    THEME_NORMAL, TEXT_LEFT, 0);
		if (c->last_error[0] != '\0' && y < h)
			text_put_role(w, y++, 2, cols - 2, c->last_error,
			    THEME_DANGER, TEXT_LEFT, 0);
	}
	/* Channels can be connected before the engine that syncs them. */
	if (y < h && !any_synced(p))
		text_put_role(w, y, 0, cols, "Not synced yet: run 'invsync "
		    "sync' (WooCommerce so far).", THEME_DIM, TEXT_LEFT, 0);
	return 0;
}

static int
any_synced(const struct psync *p)
{
	int	i;

	for (i = 0; i < p->n; i++)
		if (p->ch[i].last_sync_at > 0)
			return 1;
	return 0;
}

static int
sync_key(void *data, enum action act, int key)
{
	struct psync	*p = data;

	switch (act) {
	case ACT_UP:
		if (p->top > 0)
			p->top--;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_DOWN:
		if (p->top + 1 < p->n)
			p->top++;
		return SCR_HANDLED | SCR_REDRAW;
	default:
		return 0;
	}
}

static int
sync_notify(void *data, int events)
{
	struct psync	*p = data;

	if (events & APP_EV_DATA) {
		sync_load(p);
		return SCR_REDRAW;
	}
	return events & APP_EV_THEME ? SCR_REDRAW : 0;
}

static void
sync_title(void *data, char *buf, size_t len)
{
	struct psync	*p = data;

	if (p->n > 0)
		snprintf(buf, len, "%d", p->n);
	else
		buf[0] = '\0';
}

const struct pane_ops pane_sync_ops = {
	.name = "Sync",
	.init = sync_init,
	.free = sync_free,
	.draw = sync_draw,
	.key = sync_key,
	.notify = sync_notify,
	.title = sync_title,
};
