/*
 * dlg_receive.c - the receive dialog: a delivery of a quantity at a unit
 * cost, the cost prefilled with the product's current cost.
 *
 * Both fields are checked as you type (qty_parse(), money_parse(); the
 * quantity must be positive). Enter posts an MV_RECEIPT through
 * post_confirm(); Esc cancels. Start at receive_key().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlg.h"
#include "keys.h"
#include "money.h"
#include "xmalloc.h"

enum { F_QTY, F_COST, F_N };

struct receive {
	struct app		*app;
	struct stock_row	 row;
	struct input		 qty, cost;
	int			 field;
	int64_t			 n, unit_cost;
	int			 valid;
	char			 err[640];
};

static void
check(struct receive *d)
{
	struct err	e;
	char		text[INPUT_MAX * 4];
	int64_t		after;

	d->valid = 0;
	d->err[0] = '\0';
	err_clear(&e);
	input_get(&d->qty, text, sizeof text);
	if (text[0] == '\0')
		return;
	if (qty_parse(text, &d->n, &e) != 0) {
		snprintf(d->err, sizeof d->err, "Quantity: %s", e.msg);
		return;
	}
	if (d->n <= 0) {
		snprintf(d->err, sizeof d->err,
		    "Receive a positive quantity (use adjust to remove)");
		return;
	}
	if (__builtin_add_overflow(d->row.on_hand, d->n, &after)) {
		snprintf(d->err, sizeof d->err, "The quantity is too large");
		return;
	}
	input_get(&d->cost, text, sizeof text);
	d->unit_cost = -1;
	if (text[0] != '\0') {
		if (money_parse(text, &d->unit_cost, &e) != 0) {
			snprintf(d->err, sizeof d->err, "Unit cost: %s", e.msg);
			return;
		}
		if (d->unit_cost < 0) {
			snprintf(d->err, sizeof d->err,
			    "The unit cost cannot be negative");
			return;
		}
	}
	d->valid = 1;
}

static void *
receive_init(struct app *app, void *arg)
{
	struct receive	*d;
	char		 b[MONEY_BUFSZ];

	d = xcalloc(1, sizeof *d);
	d->app = app;
	if (dlg_product(app, &d->row) != 0) {
		free(d);
		return NULL;
	}
	if (d->row.cost >= 0)
		input_set(&d->cost, money_format(d->row.cost, b));
	check(d);
	return d;
}

static void
receive_free(void *data)
{
	free(data);
}

static void
receive_resize(void *data, int rows, int cols, struct rect *r)
{
	dlg_place(r, rows, cols, DLG_MAXW, 8);
}

static int
receive_draw(void *data, WINDOW *w)
{
	struct receive	*d = data;
	char		 t[256], b1[32], b2[32];
	int		 cx, cy = -1, x = -1;

	snprintf(t, sizeof t, "Receive %s", d->row.sku);
	dlg_frame(w, t);
	dlg_text(w, 1, d->row.name, THEME_DIM);
	app_fmt_int(d->row.on_hand, b1, sizeof b1);
	if (d->valid) {
		app_fmt_int(d->row.on_hand + d->n, b2, sizeof b2);
		snprintf(t, sizeof t, "On hand %s %s %s", b1,
		    app_sym(d->app, "\xe2\x86\x92", "->"), b2);
	} else
		snprintf(t, sizeof t, "On hand %s", b1);
	dlg_text(w, 2, t, THEME_NORMAL);
	if ((cx = dlg_field(w, 3, "Quantity:", &d->qty, d->field == F_QTY))
	    >= 0) {
		cy = 3;
		x = cx;
	}
	if ((cx = dlg_field(w, 4, "Unit cost:", &d->cost,
	    d->field == F_COST)) >= 0) {
		cy = 4;
		x = cx;
	}
	dlg_text(w, 5, d->err, THEME_DANGER);
	dlg_text(w, 6, "Enter post  Tab next  Esc cancel", THEME_DIM);
	if (cy >= 0) {
		wmove(w, cy, x);
		return SCR_CURSOR;
	}
	return 0;
}

static int
submit(struct receive *d)
{
	struct post_req	pr;

	check(d);
	if (!d->valid) {
		if (d->err[0] == '\0')
			snprintf(d->err, sizeof d->err, "Type a quantity");
		return SCR_HANDLED | SCR_REDRAW;
	}
	memset(&pr, 0, sizeof pr);
	pr.req.product_id = d->row.id;
	pr.req.kind = MV_RECEIPT;
	pr.req.qty = d->n;
	pr.req.unit_cost = d->unit_cost;
	snprintf(pr.sku, sizeof pr.sku, "%s", d->row.sku);
	pr.on_hand = d->row.on_hand;
	pr.close = d;
	post_confirm(d->app, &pr);
	if (d->app->msg_kind == MSG_ERROR && d->app->msg[0] != '\0')
		snprintf(d->err, sizeof d->err, "%s", d->app->msg);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
receive_key(void *data, enum action act, int key)
{
	struct receive	*d = data;

	if (key == KC_ESC || (act == ACT_BACK && !keys_is_text(key))) {
		app_msg(d->app, MSG_INFO, "Receive cancelled");
		return SCR_HANDLED | SCR_POP;
	}
	if (key == KC_ENTER)
		return submit(d);
	if (key == KC_TAB || key == KC_BTAB || key == KC_UP ||
	    key == KC_DOWN) {
		d->field = (d->field + 1) % F_N;
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (input_key(d->field == F_QTY ? &d->qty : &d->cost, key) &
	    INPUT_EDIT)
		check(d);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
receive_notify(void *data, int events)
{
	struct receive		*d = data;
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
receive_hints(void *data, char *buf, size_t len)
{
	snprintf(buf, len, "Enter post  Tab next field  Esc cancel");
}

const struct screen_ops dlg_receive_ops = {
	.name = "receive",
	.init = receive_init,
	.free = receive_free,
	.resize = receive_resize,
	.draw = receive_draw,
	.key = receive_key,
	.notify = receive_notify,
	.hints = receive_hints,
};
