/*
 * dlg.c - the frame, fields and lines the small dialogs share.
 *
 * A dialog is a screen whose resize() centres a box with dlg_place() and
 * whose draw() starts with dlg_frame(). Each box re-centres on every
 * resize, and shrinks to the terminal when it must; fields scroll.
 * Start at dlg_place().
 */
#include <string.h>

#include "dlg.h"
#include "theme_curses.h"

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

int
dlg_product(struct app *app, struct stock_row *row)
{
	struct err	e;

	memset(row, 0, sizeof *row);
	if (app->sel_id == 0) {
		app_msg(app, MSG_ERROR, "No product selected");
		return -1;
	}
	err_clear(&e);
	if (stock_get(app->db, app->sel_id, row, &e) != 0) {
		app_msg(app, MSG_ERROR, "%s", e.msg);
		return -1;
	}
	return 0;
}
