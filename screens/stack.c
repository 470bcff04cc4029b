/*
 * stack.c - the screen stack: pushing, closing, and giving each screen a
 * window where it asks for one.
 *
 * The bottom screen is the dashboard; dialogs, prompts and full-screen
 * views go on top and only the top one gets keys. A screen is closed by
 * marking it (app_close(), or SCR_POP from its key handler) and the loop
 * sweeps marked screens after each key, so a handler may close itself or
 * the dialog under it without pulling the stack from under the loop.
 *
 * Every window is made fresh on each resize and none has subwindows, so
 * nothing depends on how curses moves windows when the terminal shrinks.
 * (The dashboard draws its panes in pads of its own; see screen_dash.c.)
 *
 * UI thread only. Start at app_push().
 */
#include <string.h>

#include "app.h"

/* Ask the screen where it goes and give it a window there. */
static void
place(struct app *app, struct screen *s)
{
	struct rect	r;

	if (app->too_small)
		return;
	r.y = 1;
	r.x = 0;
	r.h = app->rows - 2;
	r.w = app->cols;
	if (s->ops->resize != NULL)
		s->ops->resize(s->data, app->rows, app->cols, &r);
	if (r.y < 0)
		r.y = 0;
	if (r.x < 0)
		r.x = 0;
	if (r.y >= app->rows)
		r.y = app->rows - 1;
	if (r.x >= app->cols)
		r.x = app->cols - 1;
	if (r.h < 1)
		r.h = 1;
	if (r.w < 1)
		r.w = 1;
	if (r.y + r.h > app->rows)
		r.h = app->rows - r.y;
	if (r.x + r.w > app->cols)
		r.w = app->cols - r.x;
	if (s->win != NULL)
		delwin(s->win);
	s->win = newwin(r.h, r.w, r.y, r.x);
	s->r = r;
	s->dirty = 1;
}

/*
 * Push a screen. init() may refuse (returning NULL after setting a
 * message, e.g. "no product selected"); then NULL is returned.
 */
void *
app_push(struct app *app, const struct screen_ops *ops, void *arg)
{
	struct screen	*s;
	void		*data;

	if ((data = ops->init(app, arg)) == NULL)
		return NULL;
	if (app->nstack == APP_MAXSCREENS) {
		ops->free(data);
		app_msg(app, MSG_ERROR, "Too many screens open");
		return NULL;
	}
	s = &app->stack[app->nstack++];
	memset(s, 0, sizeof *s);
	s->ops = ops;
	s->data = data;
	s->dirty = 1;
	place(app, s);
	app->bars_dirty = 1;
	return data;
}

void
app_close(struct app *app, void *data)
{
	int	i;

	for (i = 0; i < app->nstack; i++) {
		if (app->stack[i].data == data)
			app->stack[i].closing = 1;
	}
}

int
app_top_is(struct app *app, const struct screen_ops *ops)
{
	return app->nstack > 0 && app->stack[app->nstack - 1].ops == ops;
}

static void
drop(struct screen *s)
{
	s->ops->free(s->data);
	if (s->win != NULL)
		delwin(s->win);
	memset(s, 0, sizeof *s);
}

/* The bars and the "too small" window; made again by app_resize(). */
static void
drop_bars(struct app *app)
{
	if (app->header != NULL)
		delwin(app->header);
	if (app->status != NULL)
		delwin(app->status);
	if (app->small != NULL)
		delwin(app->small);
	app->header = app->status = app->small = NULL;
}

/* Remove the screens marked for closing. */
void
app_sweep(struct app *app)
{
	int	i, j = 0;

	for (i = 0; i < app->nstack; i++) {
		if (app->stack[i].closing) {
			drop(&app->stack[i]);
			app->bars_dirty = 1;
			continue;
		}
		if (i != j)
			app->stack[j] = app->stack[i];
		j++;
	}
	for (i = j; i < app->nstack; i++)
		memset(&app->stack[i], 0, sizeof app->stack[i]);
	app->nstack = j;
}

void
app_dirty_all(struct app *app)
{
	int	i;

	for (i = 0; i < app->nstack; i++)
		app->stack[i].dirty = 1;
	app->bars_dirty = 1;
}

/* The terminal changed size (or this is the start): new windows all round. */
void
app_resize(struct app *app)
{
	int	i;

	app->rows = getmaxy(stdscr);
	app->cols = getmaxx(stdscr);
	app->too_small = app->rows < APP_MINROWS || app->cols < APP_MINCOLS;
	drop_bars(app);
	if (app->rows < 1 || app->cols < 1)
		return;
	app->small = newwin(app->rows, app->cols, 0, 0);
	if (app->too_small)
		return;
	app->header = newwin(1, app->cols, 0, 0);
	app->status = newwin(1, app->cols, app->rows - 1, 0);
	for (i = 0; i < app->nstack; i++)
		place(app, &app->stack[i]);
	app_dirty_all(app);
}

void
app_stack_free(struct app *app)
{
	while (app->nstack > 0)
		drop(&app->stack[--app->nstack]);
	drop_bars(app);
}
