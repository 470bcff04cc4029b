/*
 * dlg_confirm.c - "are you sure?": a question, y/Enter for yes and
 * n/Esc for no.
 *
 * Pushed by app_confirm() with a callback that runs on yes. The arg given
 * to app_confirm() belongs to this screen from then on and is freed with
 * the given function when it closes, whatever the answer. The dialog is
 * modal: it takes every key, so a stray 'q' cannot quit the app halfway.
 * Start at app_confirm().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlg.h"
#include "keys.h"
#include "xmalloc.h"

#define CONFIRM_MAXLINES 8
#define CONFIRM_LINESZ 256

struct confirm {
	struct app	*app;
	char		 text[512];
	int		 (*yes)(struct app *, void *);
	void		 (*free)(void *);
	void		*arg;
	char		 lines[CONFIRM_MAXLINES][CONFIRM_LINESZ];
	int		 nlines;
};

static void *
confirm_init(struct app *app, void *arg)
{
	return arg;	/* made by app_confirm() */
}

static void
confirm_free(void *data)
{
	struct confirm	*c = data;

	if (c->free != NULL && c->arg != NULL)
		c->free(c->arg);
	free(c);
}

static void
confirm_resize(void *data, int rows, int cols, struct rect *r)
{
	struct confirm	*c = data;
	int		 w = text_width(c->text) + 4;

	/* As wide as the question, within 36..DLG_MAXW and the terminal. */
	if (w < 36)
		w = 36;
	if (w > DLG_MAXW)
		w = DLG_MAXW;
	if (w > cols - 2)
		w = cols - 2;
	c->nlines = text_wrap(c->text, w - 4, &c->lines[0][0],
	    CONFIRM_LINESZ, CONFIRM_MAXLINES);
	dlg_place(r, rows, cols, w, c->nlines + 4);
}

static int
confirm_draw(void *data, WINDOW *w)
{
	struct confirm	*c = data;
	int		 i;

	dlg_frame(w, "Confirm");
	for (i = 0; i < c->nlines; i++)
		dlg_text(w, 1 + i, c->lines[i], THEME_NORMAL);
	dlg_text(w, getmaxy(w) - 2, "y/Enter yes    n/Esc no",
	    THEME_ACCENT);
	return 0;
}

static int
confirm_key(void *data, enum action act, int key)
{
	struct confirm	*c = data;
	int		 f;

	if (key == 'y' || key == 'Y' || key == KC_ENTER) {
		f = c->yes(c->app, c->arg);
		return f | SCR_HANDLED | SCR_POP;
	}
	if (key == 'n' || key == 'N' || key == KC_ESC || act == ACT_BACK) {
		app_msg(c->app, MSG_INFO, "Cancelled: nothing was changed");
		return SCR_HANDLED | SCR_POP;
	}
	return SCR_HANDLED;
}

static void
confirm_hints(void *data, char *buf, size_t len)
{
	snprintf(buf, len, "y/Enter yes  n/Esc no");
}

const struct screen_ops dlg_confirm_ops = {
	.name = "confirm",
	.init = confirm_init,
	.free = confirm_free,
	.resize = confirm_resize,
	.draw = confirm_draw,
	.key = confirm_key,
	.hints = confirm_hints,
};

int
app_confirm(struct app *app, const char *text,
    int (*yes)(struct app *, void *), void (*fr)(void *), void *arg)
{
	struct confirm	*c;

	c = xcalloc(1, sizeof *c);
	c->app = app;
	snprintf(c->text, sizeof c->text, "%s", text);
	c->yes = yes;
	c->free = fr;
	c->arg = arg;
	if (app_push(app, &dlg_confirm_ops, c) == NULL)
		return -1;
	return 0;
}
