/*
 * dlg_adjust.c - the adjust dialog: a signed quantity, a reason from the
 * fixed list (ledger_reasons) and an optional note.
 *
 * arg is the key that opened it: '+' or '-' prefill the sign. Fields are
 * Quantity, Reason, Note; Tab and Shift-Tab move between them. On the
 * Reason row the arrows (or Space) step through the list and a letter
 * picks the reason it starts with (d l f r c o); typing such a letter in
 * the Quantity field picks the reason too, so "-2 d Enter" is a whole
 * adjustment. The result ("On hand 16 -> 14") and any problem with what
 * was typed show as you type. Enter posts through post_confirm(), which
 * may ask first; Esc cancels.
 *
 * Start at adjust_key().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dlg.h"
#include "keys.h"
#include "money.h"

enum { F_QTY, F_REASON, F_NOTE, F_N };

struct adjust {
	struct dlg_move		 m;	/* first: see dlg.h */
	struct input		 qty, note;
	int			 reason;	/* ledger_reasons[i]; -1 */
	int			 nreasons;
	int			 field;
	int64_t			 delta;
};
_Static_assert(offsetof(struct adjust, m) == 0, "dlg_move comes first");

/* Parse the quantity as typed; sets valid, delta and err. */
static void
check(void *data)
{
	struct adjust	*a = data;
	struct dlg_move	*m = &a->m;
	struct err	 e;
	char		 text[INPUT_MAX * 4];
	int64_t		 after;

	m->valid = 0;
	m->err[0] = '\0';
	input_get(&a->qty, text, sizeof text);
	if (text[0] == '\0' || strcmp(text, "+") == 0 ||
	    strcmp(text, "-") == 0)
		return;
	err_clear(&e);
	if (qty_parse(text, &a->delta, &e) != 0) {
		snprintf(m->err, sizeof m->err, "%s", e.msg);
		return;
	}
	if (a->delta == 0) {
		snprintf(m->err, sizeof m->err, "The quantity must not be 0");
		return;
	}
	if (__builtin_add_overflow(m->row.on_hand, a->delta, &after)) {
		snprintf(m->err, sizeof m->err, "The quantity is too large");
		return;
	}
	m->valid = 1;
}

static void *
adjust_init(struct app *app, void *arg)
{
	struct adjust	*a;
	int		 key = (int)(intptr_t)arg;

	if ((a = dlg_move_new(app, sizeof *a, check)) == NULL)
		return NULL;
	a->reason = -1;
	while (ledger_reasons[a->nreasons] != NULL)
		a->nreasons++;
	if (key == '+' || key == '-')
		input_set(&a->qty, key == '+' ? "+" : "-");
	check(a);
	return a;
}

static void
adjust_resize(void *data, int rows, int cols, struct rect *r)
{
	dlg_place(r, rows, cols, DLG_MAXW, 9);
}

/* All reasons in a row, the chosen one in brackets; or "< chosen >". */
static void
draw_reasons(struct adjust *a, WINDOW *w, int y)
{
	char	t[128];
	int	cols = getmaxx(w), x = 2 + DLG_LABELW, room, need = 2, i;

	text_put_role(w, y, 2, DLG_LABELW, "Reason:", a->field == F_REASON ?
	    THEME_ACCENT : THEME_NORMAL, TEXT_LEFT, 1);
	room = cols - 2 - x;
	for (i = 0; i < a->nreasons; i++)
		need += (int)strlen(ledger_reasons[i]) + (i > 0);
	if (need <= room) {
		for (i = 0; i < a->nreasons; i++) {
			if (i == a->reason)
				snprintf(t, sizeof t, "[%s]",
				    ledger_reasons[i]);
			else
				snprintf(t, sizeof t, "%s",
				    ledger_reasons[i]);
			x += text_put_role(w, y, x, cols - 2 - x, t,
			    i == a->reason ? THEME_SELECTED : THEME_NORMAL,
			    TEXT_LEFT, 0);
			if (i + 1 < a->nreasons)
				x += text_put(w, y, x, 1, " ", TEXT_LEFT, 0);
		}
		return;
	}
	snprintf(t, sizeof t, "< %s >", a->reason >= 0 ?
	    ledger_reasons[a->reason] : "choose");
	text_put_role(w, y, x, room, t, a->reason >= 0 ? THEME_SELECTED :
	    THEME_DIM, TEXT_LEFT, 0);
}

static int
adjust_draw(void *data, WINDOW *w)
{
	struct adjust	*a = data;
	int		 cx, cy = -1, x = -1;

	dlg_move_frame(&a->m, w, "Adjust");
	dlg_move_on_hand(&a->m, w, 2, a->delta,
	    a->m.valid && a->m.row.on_hand + a->delta < 0 ? THEME_NEGATIVE :
	    THEME_NORMAL);
	if ((cx = dlg_field(w, 3, "Quantity:", &a->qty, a->field == F_QTY))
	    >= 0) {
		cy = 3;
		x = cx;
	}
	draw_reasons(a, w, 4);
	if ((cx = dlg_field(w, 5, "Note:", &a->note, a->field == F_NOTE))
	    >= 0) {
		cy = 5;
		x = cx;
	}
	dlg_text(w, 6, a->m.err, THEME_DANGER);
	dlg_text(w, 7, "Enter post  Tab next  Esc cancel", THEME_DIM);
	if (cy >= 0) {
		wmove(w, cy, x);
		return SCR_CURSOR;
	}
	return 0;
}

static int
reason_by_letter(struct adjust *a, int key)
{
	int	i;

	for (i = 0; i < a->nreasons; i++) {
		if (ledger_reasons[i][0] == key)
			return i;
	}
	return -1;
}

static int
submit(struct adjust *a)
{
	struct post_req	pr;

	check(a);
	if (!a->m.valid) {
		if (a->m.err[0] == '\0')
			snprintf(a->m.err, sizeof a->m.err,
			    "Type a quantity such as -2 or +5");
		a->field = F_QTY;
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (a->reason < 0) {
		snprintf(a->m.err, sizeof a->m.err,
		    "Choose a reason (d l f r c o)");
		a->field = F_REASON;
		return SCR_HANDLED | SCR_REDRAW;
	}
	memset(&pr, 0, sizeof pr);
	pr.req.kind = MV_ADJUSTMENT;
	pr.req.qty = a->delta;
	pr.req.unit_cost = -1;
	snprintf(pr.reason, sizeof pr.reason, "%s", ledger_reasons[a->reason]);
	input_get(&a->note, pr.note, sizeof pr.note);
	return dlg_move_post(&a->m, &pr);
}

static int
adjust_key(void *data, enum action act, int key)
{
	struct adjust	*a = data;
	int		 r;

	if (dlg_move_cancel(&a->m, act, key, "Adjustment cancelled"))
		return SCR_HANDLED | SCR_POP;
	if (key == KC_ENTER)
		return submit(a);
	if (key == KC_TAB || (key == KC_DOWN && a->field != F_REASON)) {
		a->field = (a->field + 1) % F_N;
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (key == KC_BTAB || (key == KC_UP && a->field != F_REASON)) {
		a->field = (a->field + F_N - 1) % F_N;
		return SCR_HANDLED | SCR_REDRAW;
	}
	switch (a->field) {
	case F_QTY:
		if (key >= 'a' && key <= 'z' &&
		    (r = reason_by_letter(a, key)) >= 0) {
			a->reason = r;
			a->field = F_REASON;
			break;
		}
		if (input_key(&a->qty, key) & INPUT_EDIT)
			check(a);
		break;
	case F_REASON:
		if (key == KC_RIGHT || key == KC_DOWN || key == ' ')
			a->reason = (a->reason + 1) % a->nreasons;
		else if (key == KC_LEFT || key == KC_UP)
			a->reason = a->reason <= 0 ? a->nreasons - 1 :
			    a->reason - 1;
		else if ((r = reason_by_letter(a, key)) >= 0)
			a->reason = r;
		if (a->reason >= 0 && strncmp(a->m.err, "Choose", 6) == 0)
			a->m.err[0] = '\0';
		break;
	case F_NOTE:
		input_key(&a->note, key);
		break;
	}
	return SCR_HANDLED | SCR_REDRAW;
}

static void
adjust_hints(void *data, char *buf, size_t len)
{
	snprintf(buf, len, "Enter post  Tab next field  Esc cancel");
}

const struct screen_ops dlg_adjust_ops = {
	.name = "adjust",
	.init = adjust_init,
	.free = dlg_move_free,
	.resize = adjust_resize,
	.draw = adjust_draw,
	.key = adjust_key,
	.notify = dlg_move_notify,
	.hints = adjust_hints,
};
