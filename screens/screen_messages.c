/*
 * screen_messages.c - ':messages': what went wrong while starting (bad
 * keymap, theme or config lines, named file:line) and every status
 * message of this session, oldest first. Esc or q closes.
 * Start at messages_draw().
 */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "listnav.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

struct messages {
	struct app	*app;
	struct listnav	 nav;	/* scrolls; no selection */
};

static void *
messages_init(struct app *app, void *arg)
{
	struct messages	*m;

	m = xcalloc(1, sizeof *m);
	m->app = app;
	m->nav.page = 10;
	return m;
}

static void
messages_free(void *data)
{
	free(data);
}

/* Line i of what is shown: a heading and a list, twice. */
static const char *
line(struct messages *m, int i, enum theme_role *role)
{
	struct diags	*d = &m->app->diags, *l = &m->app->log;
	int		 nd = d->n > 0 ? d->n : 1, nl = l->n > 0 ? l->n : 1;

	*role = THEME_COLHEAD;
	if (i == 0)
		return "Start-up and reload problems";
	i--;
	if (i < nd) {
		*role = d->n > 0 ? THEME_DANGER : THEME_DIM;
		return d->n > 0 ? d->lines[i] : "none";
	}
	i -= nd;
	if (i == 0)
		return "";
	if (i == 1)
		return "Messages this session";
	i -= 2;
	if (i < nl) {
		*role = l->n > 0 ? THEME_NORMAL : THEME_DIM;
		return l->n > 0 ? l->lines[i] : "none";
	}
	return NULL;
}

static int
total(struct messages *m)
{
	return 3 + (m->app->diags.n > 0 ? m->app->diags.n : 1) +
	    (m->app->log.n > 0 ? m->app->log.n : 1);
}

static int
messages_draw(void *data, WINDOW *w)
{
	struct messages	*m = data;
	enum theme_role	 role;
	const char	*s;
	int		 rows = getmaxy(w), cols = getmaxx(w), i, y, n;

	themec_bkgd(w, THEME_NORMAL);
	werase(w);
	themec_set(w, THEME_BORDER_FOCUS);
	text_frame(w);
	text_put_role(w, 0, 1, cols - 2, " Messages ", THEME_SELECTED,
	    TEXT_LEFT, 0);
	n = total(m);
	listnav_scroll(&m->nav, rows - 2, n);
	for (i = m->nav.top, y = 1; y < rows - 1; i++, y++) {
		if ((s = line(m, i, &role)) == NULL)
			break;
		text_put_role(w, y, 2, cols - 4, s, role, TEXT_LEFT, 0);
	}
	return 0;
}

static int
messages_key(void *data, enum action act, int key)
{
	struct messages	*m = data;

	/* Esc closes even under a keymap that unbinds it. */
	if (key == KC_ESC)
		return SCR_HANDLED | SCR_POP;
	switch (act) {
	case ACT_BACK:
	case ACT_QUIT:
		return SCR_HANDLED | SCR_POP;
	default:
		break;
	}
	/* Kept in range by the next draw. */
	if (listnav_move(act, m->nav.top, m->nav.page, total(m),
	    &m->nav.top) != 0)
		return 0;
	return SCR_HANDLED | SCR_REDRAW;
}

static int
messages_notify(void *data, int events)
{
	return SCR_REDRAW;
}

static void
messages_hints(void *data, char *buf, size_t len)
{
	struct messages	*m = data;
	static const enum action acts[] = { ACT_BACK, ACT_DOWN, ACT_UP,
	    ACT_NONE };

	app_hints(m->app, acts, buf, len);
}

const struct screen_ops screen_messages_ops = {
	.name = "messages",
	.init = messages_init,
	.free = messages_free,
	.draw = messages_draw,
	.key = messages_key,
	.notify = messages_notify,
	.hints = messages_hints,
	.opaque = 1,
};
