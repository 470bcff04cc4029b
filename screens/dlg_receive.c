/*
 * dlg_receive.c - the receive dialog: a delivery of a quantity at a unit
 * cost, the cost prefilled with the product's current cost.
 *
 * Both fields are checked as you type (qty_parse(), money_parse(); the
 * quantity must be positive). Enter posts an MV_RECEIPT through
 * post_confirm(); Esc cancels. Start at receive_key().
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dlg.h"
#include "keys.h"
#include "money.h"

enum { F_QTY, F_COST, F_N };

struct receive {
	struct dlg_move		 m;	/* first: see dlg.h */
	struct input		 qty, cost;
	int			 field;
	int64_t			 n, unit_cost;
};
_Static_assert(offsetof(struct receive, m) == 0, "dlg_move comes first");

static void
check(void *data)
{
	struct receive	*d = data;
	struct dlg_move	*m = &d->m;
	struct err	 e;
	char		 text[INPUT_MAX * 4];
	int64_t		 after;

	m->valid = 0;
	m->err[0] = '\0';
	err_clear(&e);
	input_get(&d->qty, text, sizeof text);
	if (text[0] == '\0')
		return;
	if (qty_parse(text, &d->n, &e) != 0) {
		snprintf(m->err, sizeof m->err, "Quantity: %s", e.msg);
		return;
	}
	if (d->n <= 0) {
		snprintf(m->err, sizeof m->err,
		    "Receive a positive quantity (use adjust to remove)");
		return;
	}
	if (__builtin_add_overflow(m->row.on_hand, d->n, &after)) {
		snprintf(m->err, sizeof m->err, "The quantity is too large");
		return;
	}
	input_get(&d->cost, text, sizeof text);
	d->unit_cost = -1;
	if (text[0] != '\0') {
		if (money_parse(text, &d->unit_cost, &e) != 0) {
			snprintf(m->err, sizeof m->err, "Unit cost: %s", e.msg);
			return;
		}
		if (d->unit_cost < 0) {
			snprintf(m->err, sizeof m->err,
			    "The unit cost cannot be negative");
			return;
		}
	}
	m->valid = 1;
}

static void *
receive_init(struct app *app, void *arg)
{
	struct receive	*d;
	char		 b[MONEY_BUFSZ];

	if ((d = dlg_move_new(app, sizeof *d, check)) == NULL)
		return NULL;
	if (d->m.row.cost >= 0)
		input_set(&d->cost, money_format(d->m.row.cost, b));
	check(d);
	return d;
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
	int		 cx, cy = -1, x = -1;

	dlg_move_frame(&d->m, w, "Receive");
	dlg_move_on_hand(&d->m, w, 2, d->n, THEME_NORMAL);
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
	dlg_text(w, 5, d->m.err, THEME_DANGER);
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
	if (!d->m.valid) {
		if (d->m.err[0] == '\0')
			snprintf(d->m.err, sizeof d->m.err, "Type a quantity");
		return SCR_HANDLED | SCR_REDRAW;
	}
	memset(&pr, 0, sizeof pr);
	pr.req.kind = MV_RECEIPT;
	pr.req.qty = d->n;
	pr.req.unit_cost = d->unit_cost;
	return dlg_move_post(&d->m, &pr);
}

static int
receive_key(void *data, enum action act, int key)
{
	struct receive	*d = data;

	if (dlg_move_cancel(&d->m, act, key, "Receive cancelled"))
		return SCR_HANDLED | SCR_POP;
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

static void
receive_hints(void *data, char *buf, size_t len)
{
	snprintf(buf, len, "Enter post  Tab next field  Esc cancel");
}

const struct screen_ops dlg_receive_ops = {
	.name = "receive",
	.init = receive_init,
	.free = dlg_move_free,
	.resize = receive_resize,
	.draw = receive_draw,
	.key = receive_key,
	.notify = dlg_move_notify,
	.hints = receive_hints,
};
