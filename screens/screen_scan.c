/*
 * screen_scan.c - scan mode: for a USB barcode scanner (which types the
 * code and Enter) or a person typing codes.
 *
 * Each code + Enter is looked up with product_find_code() (barcode, then
 * SKU), that product becomes the selection in the Stock pane, and one
 * movement is posted at once, without asking:
 *
 *	RECEIVE +1	MV_RECEIPT of 1 at the product's cost
 *	SELL -1		MV_SALE of 1; refused (the core's message) rather
 *			than taking stock below zero
 *
 * Tab switches the mode. An unknown code beeps and posts nothing. The
 * last scans are listed with what happened. Every key but Tab, Enter, Esc
 * and C-z (undo the last scan, via the usual confirmation) goes into the
 * code, since scanners type letters too. Start at scan_enter().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "keys.h"
#include "product.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

#define SCAN_LAST 10

struct scan_entry {
	char	when[8];
	char	code[64];
	char	text[640];
	int	ok;
};

struct scan {
	struct app		*app;
	int			 sell;
	struct input		 in;
	struct scan_entry	 last[SCAN_LAST];	/* newest first */
	int			 nlast;
};

static struct scan_entry *
entry_new(struct scan *s, const char *code)
{
	struct scan_entry	*e;
	char			 t[32];

	if (s->nlast < SCAN_LAST)
		s->nlast++;
	memmove(s->last + 1, s->last, (size_t)(s->nlast - 1) * sizeof *s->last);
	e = &s->last[0];
	memset(e, 0, sizeof *e);
	clock_time_str(clock_now(), t);
	snprintf(e->when, sizeof e->when, "%.5s", t + 11);
	utf8_copy(e->code, code, sizeof e->code);
	return e;
}

static void
scan_enter(struct scan *s)
{
	struct app		*app = s->app;
	struct scan_entry	*ent;
	struct product		 p;
	struct post_req		 pr;
	struct movement		 m;
	struct stock_row	 row;
	struct err		 e;
	char			 code[INPUT_MAX * 4], what[512];
	size_t			 len;
	char			*c = code;

	input_get(&s->in, code, sizeof code);
	input_clear(&s->in);
	while (*c == ' ')
		c++;
	len = strlen(c);
	while (len > 0 && c[len - 1] == ' ')
		c[--len] = '\0';
	if (*c == '\0')
		return;

	ent = entry_new(s, c);
	memset(&p, 0, sizeof p);
	err_clear(&e);
	if (product_find_code(app->db, c, &p, &e) != 0) {
		snprintf(ent->text, sizeof ent->text, "%s", e.msg);
		app_msg(app, MSG_ERROR, "%s: %s", c, e.msg);
		beep();
		goto out;
	}
	app_select_id(app, p.id);
	memset(&row, 0, sizeof row);
	if (stock_get(app->db, p.id, &row, &e) != 0) {
		snprintf(ent->text, sizeof ent->text, "%s", e.msg);
		beep();
		goto out;
	}
	memset(&pr, 0, sizeof pr);
	pr.req.product_id = p.id;
	pr.req.kind = s->sell ? MV_SALE : MV_RECEIPT;
	pr.req.qty = s->sell ? -1 : 1;
	pr.req.unit_cost = s->sell ? -1 : (p.cost >= 0 ? p.cost : -1);
	pr.req.allow_negative = 0;
	snprintf(pr.sku, sizeof pr.sku, "%s", p.sku);
	pr.on_hand = row.on_hand;
	if (post_now(app, &pr, &m, &e) != 0) {
		snprintf(ent->text, sizeof ent->text, "%s: %s", p.sku, e.msg);
		beep();
		goto out;
	}
	post_describe(&m, p.sku, what, sizeof what, app);
	snprintf(ent->text, sizeof ent->text, "%s  %s", what, p.name);
	ent->ok = 1;
out:
	product_clear(&p);
}

static void *
scan_init(struct app *app, void *arg)
{
	struct scan	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	return s;
}

static void
scan_free(void *data)
{
	free(data);
}

static void
banner(struct scan *s, WINDOW *w, int y, int cols)
{
	const char	*t = s->sell ? "SELL -1" : "RECEIVE +1";
	attr_t		 a;
	int		 i;

	a = themec_attr(s->sell ? THEME_WARN : THEME_OK) | A_REVERSE | A_BOLD;
	wattrset(w, (int)a);
	for (i = 0; i < 3; i++)
		text_blank(w, y + i, 2, cols - 4);
	text_put(w, y + 1, 2, cols - 4, t, TEXT_CENTRE, 1);
	themec_set(w, THEME_NORMAL);
}

static int
scan_draw(void *data, WINDOW *w)
{
	struct scan		*s = data;
	struct scan_entry	*e;
	char			 t[800];
	int			 rows = getmaxy(w), cols = getmaxx(w), y, i, cx;
	int			 cy;

	themec_bkgd(w, THEME_NORMAL);
	werase(w);
	themec_set(w, THEME_BORDER_FOCUS);
	text_frame(w);
	text_put_role(w, 0, 1, cols - 2, " Scan ", THEME_SELECTED, TEXT_LEFT,
	    0);
	y = 1;
	if (rows >= 12) {
		banner(s, w, y, cols);
		y += 3;
	} else {
		text_put_role(w, y, 2, cols - 4, s->sell ? "SELL -1" :
		    "RECEIVE +1", s->sell ? THEME_WARN : THEME_OK,
		    TEXT_CENTRE, 1);
		y++;
	}
	snprintf(t, sizeof t, "Tab switches to %s", s->sell ? "RECEIVE +1" :
	    "SELL -1");
	text_put_role(w, y++, 2, cols - 4, t, THEME_DIM, TEXT_CENTRE, 1);
	if (rows >= 12)
		y++;
	cy = y;
	text_put_role(w, y, 2, 6, "Code:", THEME_ACCENT, TEXT_LEFT, 1);
	cx = input_draw(w, y, 8, cols - 10, &s->in, THEME_INPUT);
	y += 2;
	if (y < rows - 1)
		text_put_role(w, y++, 2, cols - 4, "Last scans", THEME_COLHEAD,
		    TEXT_LEFT, 0);
	for (i = 0; i < s->nlast && y < rows - 1; i++, y++) {
		e = &s->last[i];
		snprintf(t, sizeof t, "%s  %-14s %s %s", e->when, e->code,
		    e->ok ? app_sym(s->app, "\xe2\x9c\x93", "ok") :
		    app_sym(s->app, "\xe2\x9c\x95", "x"), e->text);
		text_put_role(w, y, 2, cols - 4, t, e->ok ? THEME_NORMAL :
		    THEME_DANGER, TEXT_LEFT, 0);
	}
	if (s->nlast == 0 && y < rows - 1)
		text_put_role(w, y, 2, cols - 4, "none yet", THEME_DIM,
		    TEXT_LEFT, 0);
	wmove(w, cy, cx);
	return SCR_CURSOR;
}

static int
scan_key(void *data, enum action act, int key)
{
	struct scan	*s = data;

	switch (key) {
	case KC_ESC:
		return SCR_HANDLED | SCR_POP;
	case KC_TAB:
	case KC_BTAB:
		s->sell = !s->sell;
		return SCR_HANDLED | SCR_REDRAW;
	case KC_ENTER:
		scan_enter(s);
		return SCR_HANDLED | SCR_REDRAW;
	case KEYS_CTRL('z'):
		post_undo(s->app);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (act == ACT_BACK && !keys_is_text(key))
		return SCR_HANDLED | SCR_POP;
	input_key(&s->in, key);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
scan_notify(void *data, int events)
{
	return events & (APP_EV_THEME | APP_EV_DATA) ? SCR_REDRAW : 0;
}

static void
scan_hints(void *data, char *buf, size_t len)
{
	snprintf(buf, len, "Enter apply  Tab mode  C-z undo  Esc leave");
}

const struct screen_ops screen_scan_ops = {
	.name = "scan",
	.init = scan_init,
	.free = scan_free,
	.draw = scan_draw,
	.key = scan_key,
	.notify = scan_notify,
	.hints = scan_hints,
	.opaque = 1,
};
