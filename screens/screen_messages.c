/*
 * screen_messages.c - ':messages': what went wrong while starting (bad
 * keymap, theme or config lines, named file:line) and every status
 * message of this session, oldest first. Esc or q closes.
 * Start at messages_draw().
 */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

struct messages {
	struct app	*app;
	int		 top, page;
};

static void *
messages_init(struct app *app, void *arg)
{
	struct messages	*m;

	m = xcalloc(1, sizeof *m);
	m->app = app;
	m->page = 10;
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
	m->page = rows - 2 > 0 ? rows - 2 : 1;
	n = total(m);
	if (m->top > n - m->page)
		m->top = n - m->page;
	if (m->top < 0)
		m->top = 0;
	for (i = m->top, y = 1; y < rows - 1; i++, y++) {
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
	case ACT_UP:
		m->top--;
		break;
	case ACT_DOWN:
		m->top++;
		break;
	case ACT_PGUP:
		m->top -= m->page;
		break;
	case ACT_PGDN:
		m->top += m->page;
		break;
	case ACT_HOME:
		m->top = 0;
		break;
	case ACT_END:
		m->top = total(m);
		break;
	default:
		return 0;
	}
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
