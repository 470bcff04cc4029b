/*
 * dlg_count.c - the count dialog: type the quantity found on the shelf;
 * the dialog shows what is on hand and the difference as you type, and
 * the difference is what the ledger records (MV_COUNT).
 *
 * A count that moves stock by more than confirm_over asks first (see
 * post.c). Start at count_key().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlg.h"
#include "keys.h"
#include "money.h"
#include "xmalloc.h"

struct count {
	struct app		*app;
	struct stock_row	 row;
	struct input		 qty;
	int64_t			 counted;
	int			 valid;
	char			 err[640];
};

static void
check(struct count *d)
{
	struct err	e;
	char		text[INPUT_MAX * 4];
	int64_t		diff;

	d->valid = 0;
	d->err[0] = '\0';
	input_get(&d->qty, text, sizeof text);
	if (text[0] == '\0')
		return;
	err_clear(&e);
	if (qty_parse(text, &d->counted, &e) != 0) {
		snprintf(d->err, sizeof d->err, "%s", e.msg);
		return;
	}
	if (d->counted < 0) {
		snprintf(d->err, sizeof d->err, "A count cannot be negative");
		return;
	}
	if (__builtin_sub_overflow(d->counted, d->row.on_hand, &diff)) {
		snprintf(d->err, sizeof d->err, "The quantity is too large");
		return;
	}
	d->valid = 1;
}

static void *
count_init(struct app *app, void *arg)
{
	struct count	*d;

	d = xcalloc(1, sizeof *d);
	d->app = app;
	if (dlg_product(app, &d->row) != 0) {
		free(d);
		return NULL;
	}
	return d;
}

static void
count_free(void *data)
{
	free(data);
}

static void
count_resize(void *data, int rows, int cols, struct rect *r)
{
	dlg_place(r, rows, cols, DLG_MAXW, 8);
}

static int
count_draw(void *data, WINDOW *w)
{
	struct count	*d = data;
	char		 t[256], b1[32], b2[32];
	int		 cx;

	snprintf(t, sizeof t, "Count %s", d->row.sku);
	dlg_frame(w, t);
	dlg_text(w, 1, d->row.name, THEME_DIM);
	app_fmt_int(d->row.on_hand, b1, sizeof b1);
	snprintf(t, sizeof t, "On hand %s", b1);
	dlg_text(w, 2, t, THEME_NORMAL);
	cx = dlg_field(w, 3, "Counted:", &d->qty, 1);
	if (d->valid) {
		app_fmt_signed(d->counted - d->row.on_hand, b2, sizeof b2);
		snprintf(t, sizeof t, "Difference %s%s", b2,
		    d->counted == d->row.on_hand ? " (matches)" : "");
		dlg_text(w, 4, t, d->counted == d->row.on_hand ? THEME_OK :
		    THEME_ACCENT);
	}
	dlg_text(w, 5, d->err, THEME_DANGER);
	dlg_text(w, 6, "Enter record  Esc cancel", THEME_DIM);
	if (cx >= 0) {
		wmove(w, 3, cx);
		return SCR_CURSOR;
	}
	return 0;
}

static int
submit(struct count *d)
{
	struct post_req	pr;

	check(d);
	if (!d->valid) {
		if (d->err[0] == '\0')
			snprintf(d->err, sizeof d->err,
			    "Type the quantity you counted");
		return SCR_HANDLED | SCR_REDRAW;
	}
	memset(&pr, 0, sizeof pr);
	pr.req.product_id = d->row.id;
	pr.req.kind = MV_COUNT;
	pr.req.counted = d->counted;
	pr.req.unit_cost = -1;
	snprintf(pr.sku, sizeof pr.sku, "%s", d->row.sku);
	pr.on_hand = d->row.on_hand;
	pr.close = d;
	post_confirm(d->app, &pr);
	if (d->app->msg_kind == MSG_ERROR && d->app->msg[0] != '\0')
		snprintf(d->err, sizeof d->err, "%s", d->app->msg);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
count_key(void *data, enum action act, int key)
{
	struct count	*d = data;

	if (key == KC_ESC || (act == ACT_BACK && !keys_is_text(key))) {
		app_msg(d->app, MSG_INFO, "Count cancelled");
		return SCR_HANDLED | SCR_POP;
	}
	if (key == KC_ENTER)
		return submit(d);
	if (input_key(&d->qty, key) & INPUT_EDIT)
		check(d);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
count_notify(void *data, int events)
{
	struct count		*d = data;
	struct stock_row	 row;
	struct err		 e;

	if (!(events & APP_EV_DATA))
		return events & APP_EV_THEME ? SCR_REDRAW : 0;
	err_clear(&e);
	if (stock_get(d->app->db, d->row.id, &row, &e) == 0) {
		d->row = row;
		check(d);
	}
	return SCR_REDRAW;
}

static void
count_hints(void *data, char *buf, size_t len)
{
	snprintf(buf, len, "Enter record the count  Esc cancel");
}

const struct screen_ops dlg_count_ops = {
	.name = "count",
	.init = count_init,
	.free = count_free,
	.resize = count_resize,
	.draw = count_draw,
	.key = count_key,
	.notify = count_notify,
	.hints = count_hints,
};
