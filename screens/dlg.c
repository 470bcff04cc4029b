/*
 * dlg.c - the frame, fields and lines the small dialogs share.
 *
 * A dialog is a screen whose resize() centres a box with dlg_place() and
 * whose draw() starts with dlg_frame(). Each box re-centres on every
 * resize, and shrinks to the terminal when it must; fields scroll.
 *
 * The adjust, receive and count dialogs start with a struct dlg_move:
 * made by dlg_move_new() for the selected product, reread by
 * dlg_move_notify(), posted by dlg_move_post(). UI thread only.
 * Start at dlg_place(), or dlg_move_new() for those three.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlg.h"
#include "keys.h"
#include "theme_curses.h"
#include "xmalloc.h"

void
dlg_place(struct rect *r, int rows, int cols, int w, int h)
{
	if (w > cols - 2)
		w = cols - 2;
	if (h > rows)
		h = rows;
	if (w < 10)
		w = cols;
	r->w = w;
	r->h = h;
	r->x = (cols - w) / 2;
	r->y = (rows - h) / 2;
}

void
dlg_frame(WINDOW *w, const char *title)
{
	char	t[160];
	int	cols = getmaxx(w);

	themec_bkgd(w, THEME_NORMAL);
	werase(w);
	themec_set(w, THEME_BORDER_FOCUS);
	text_frame(w);
	snprintf(t, sizeof t, " %s ", title);
	text_put_role(w, 0, 2, cols - 4, t, THEME_TITLE, TEXT_LEFT, 0);
	themec_set(w, THEME_NORMAL);
}

void
dlg_text(WINDOW *w, int y, const char *s, enum theme_role role)
{
	int	cols = getmaxx(w);

	if (y <= 0 || y >= getmaxy(w) - 1)
		return;
	text_put_role(w, y, 2, cols - 4, s, role, TEXT_LEFT, 1);
}

int
dlg_field(WINDOW *w, int y, const char *label, struct input *in,
    int focused)
{
	int	cols = getmaxx(w), fw, cx;

	if (y <= 0 || y >= getmaxy(w) - 1)
		return -1;
	text_put_role(w, y, 2, DLG_LABELW, label, focused ? THEME_ACCENT :
	    THEME_NORMAL, TEXT_LEFT, 1);
	fw = cols - 4 - DLG_LABELW;
	if (fw < 2)
		return -1;
	cx = input_draw(w, y, 2 + DLG_LABELW, fw, in, THEME_INPUT);
	return focused ? cx : -1;
}

void *
dlg_move_new(struct app *app, size_t size, void (*check)(void *))
{
	struct dlg_move	*m;
	struct err	 e;

	m = xcalloc(1, size);
	m->app = app;
	m->check = check;
	if (app->sel_id == 0) {
		app_msg(app, MSG_ERROR, "No product selected");
		goto fail;
	}
	err_clear(&e);
	if (stock_get(app->db, app->sel_id, &m->row, &e) != 0) {
		app_msg(app, MSG_ERROR, "%s", e.msg);
		goto fail;
	}
	return m;
fail:
	free(m);
	return NULL;
}

void
dlg_move_free(void *data)
{
	free(data);
}

int
dlg_move_notify(void *data, int events)
{
	struct dlg_move		*m = data;
	struct stock_row	 row;
	struct err		 e;

	if (!(events & APP_EV_DATA))
		return events & APP_EV_THEME ? SCR_REDRAW : 0;
	err_clear(&e);
	if (stock_get(m->app->db, m->row.id, &row, &e) == 0) {
		m->row = row;
		m->check(m);
	}
	return SCR_REDRAW;
}

void
dlg_move_frame(struct dlg_move *m, WINDOW *w, const char *verb)
{
	char	t[256];

	snprintf(t, sizeof t, "%s %s", verb, m->row.sku);
	dlg_frame(w, t);
	dlg_text(w, 1, m->row.name, THEME_DIM);
}

void
dlg_move_on_hand(struct dlg_move *m, WINDOW *w, int y, int64_t delta,
    enum theme_role role)
{
	char	t[256], b1[32], b2[32];

	app_fmt_int(m->row.on_hand, b1, sizeof b1);
	if (m->valid) {
		app_fmt_int(m->row.on_hand + delta, b2, sizeof b2);
		snprintf(t, sizeof t, "On hand %s %s %s", b1,
		    app_sym(m->app, "\xe2\x86\x92", "->"), b2);
	} else
		snprintf(t, sizeof t, "On hand %s", b1);
	dlg_text(w, y, t, role);
}

int
dlg_move_cancel(struct dlg_move *m, enum action act, int key,
    const char *msg)
{
	if (key == KC_ESC || (act == ACT_BACK && !keys_is_text(key))) {
		app_msg(m->app, MSG_INFO, "%s", msg);
		return 1;
	}
	return 0;
}

int
dlg_move_post(struct dlg_move *m, struct post_req *pr)
{
	pr->req.product_id = m->row.id;
	snprintf(pr->sku, sizeof pr->sku, "%s", m->row.sku);
	pr->on_hand = m->row.on_hand;
	pr->close = m;
	post_confirm(m->app, pr);
	/* Nothing was posted: keep the dialog open and say why. */
	if (m->app->msg_kind == MSG_ERROR && m->app->msg[0] != '\0')
		snprintf(m->err, sizeof m->err, "%s", m->app->msg);
	return SCR_HANDLED | SCR_REDRAW;
}
