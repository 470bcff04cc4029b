/*
 * dlg_count.c - the count dialog: type the quantity found on the shelf;
 * the dialog shows what is on hand and the difference as you type, and
 * the difference is what the ledger records (MV_COUNT).
 *
 * A count that moves stock by more than confirm_over asks first (see
 * post.c). Start at count_key().
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dlg.h"
#include "keys.h"
#include "money.h"

struct count {
	struct dlg_move		 m;	/* first: see dlg.h */
	struct input		 qty;
	int64_t			 counted;
};
_Static_assert(offsetof(struct count, m) == 0, "dlg_move comes first");

static void
check(void *data)
{
	struct count	*d = data;
	struct dlg_move	*m = &d->m;
	struct err	 e;
	char		 text[INPUT_MAX * 4];
	int64_t		 diff;

	m->valid = 0;
	m->err[0] = '\0';
	input_get(&d->qty, text, sizeof text);
	if (text[0] == '\0')
		return;
	err_clear(&e);
	if (qty_parse(text, &d->counted, &e) != 0) {
		snprintf(m->err, sizeof m->err, "%s", e.msg);
		return;
	}
	if (d->counted < 0) {
		snprintf(m->err, sizeof m->err, "A count cannot be negative");
		return;
	}
	if (__builtin_sub_overflow(d->counted, m->row.on_hand, &diff)) {
		snprintf(m->err, sizeof m->err, "The quantity is too large");
		return;
	}
	m->valid = 1;
}

static void *
count_init(struct app *app, void *arg)
{
	return dlg_move_new(app, sizeof (struct count), check);
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

	dlg_move_frame(&d->m, w, "Count");
	app_fmt_int(d->m.row.on_hand, b1, sizeof b1);
	snprintf(t, sizeof t, "On hand %s", b1);
	dlg_text(w, 2, t, THEME_NORMAL);
	cx = dlg_field(w, 3, "Counted:", &d->qty, 1);
	if (d->m.valid) {
		app_fmt_signed(d->counted - d->m.row.on_hand, b2, sizeof b2);
		snprintf(t, sizeof t, "Difference %s%s", b2,
		    d->counted == d->m.row.on_hand ? " (matches)" : "");
		dlg_text(w, 4, t, d->counted == d->m.row.on_hand ? THEME_OK :
		    THEME_ACCENT);
	}
	dlg_text(w, 5, d->m.err, THEME_DANGER);
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
	if (!d->m.valid) {
		if (d->m.err[0] == '\0')
			snprintf(d->m.err, sizeof d->m.err,
			    "Type the quantity you counted");
		return SCR_HANDLED | SCR_REDRAW;
	}
	memset(&pr, 0, sizeof pr);
	pr.req.kind = MV_COUNT;
	pr.req.counted = d->counted;
	pr.req.unit_cost = -1;
	return dlg_move_post(&d->m, &pr);
}

static int
count_key(void *data, enum action act, int key)
{
	struct count	*d = data;

	if (dlg_move_cancel(&d->m, act, key, "Count cancelled"))
		return SCR_HANDLED | SCR_POP;
	if (key == KC_ENTER)
		return submit(d);
	if (input_key(&d->qty, key) & INPUT_EDIT)
		check(d);
	return SCR_HANDLED | SCR_REDRAW;
}

static void
count_hints(void *data, char *buf, size_t len)
{
	snprintf(buf, len, "Enter record the count  Esc cancel");
}

const struct screen_ops dlg_count_ops = {
	.name = "count",
	.init = count_init,
	.free = dlg_move_free,
	.resize = count_resize,
	.draw = count_draw,
	.key = count_key,
	.notify = dlg_move_notify,
	.hints = count_hints,
};
