/*
 * post.c - posting a stock movement from a screen, asking first when the
 * change is large or would make stock negative, and undoing this
 * session's movements.
 *
 *	dialog -post_confirm()-> [dlg_confirm: y] -post_now()-> ledger_post()
 *	u -post_undo()-> [dlg_confirm: y] -> ledger_reverse()
 *
 * A change asks first when it moves stock by more than confirm_over
 * units (config), or when stock would end below zero; only then is it
 * posted with allow_negative. Scan mode calls post_now() directly and
 * never allows negative stock. After a post the status bar says what
 * happened, the movement goes on the undo list, and every screen is told
 * the data changed (our own commits do not show in db_changed()).
 *
 * Errors from the core are shown as they are (err.msg) and nothing else
 * changes. UI thread only. Start at post_confirm().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "money.h"
#include "xmalloc.h"

static int64_t
delta_of(const struct post_req *pr)
{
	if (pr->req.kind == MV_COUNT)
		return pr->req.counted - pr->on_hand;
	return pr->req.qty;
}

/* "MUG-01: adjust -2 (damaged) → 14 on hand" */
void
post_describe(const struct movement *m, const char *sku, char *buf,
    size_t len, struct app *app)
{
	char		 q[48], after[48], cost[MONEY_BUFSZ], extra[128];
	const char	*arrow = app_sym(app, "\xe2\x86\x92", "->");

	app_fmt_signed(m->qty, q, sizeof q);
	app_fmt_int(m->on_hand_after, after, sizeof after);
	extra[0] = '\0';
	if (m->reverses != 0) {
		snprintf(buf, len, "%s: undo of #%lld, %s %s %s on hand", sku,
		    (long long)m->reverses, q, arrow, after);
		return;
	}
	switch (m->kind) {
	case MV_ADJUSTMENT:
		snprintf(buf, len, "%s: adjust %s (%s) %s %s on hand", sku, q,
		    m->reason, arrow, after);
		return;
	case MV_RECEIPT:
		if (m->unit_cost >= 0)
			snprintf(extra, sizeof extra, " @ %s",
			    money_format(m->unit_cost, cost));
		snprintf(buf, len, "%s: receive %s%s %s %s on hand", sku, q,
		    extra, arrow, after);
		return;
	case MV_COUNT:
		snprintf(buf, len, "%s: count %lld (%s) %s %s on hand", sku,
		    (long long)m->counted, q, arrow, after);
		return;
	default:
		snprintf(buf, len, "%s: %s %s %s %s on hand", sku,
		    ledger_kind_name(m->kind), q, arrow, after);
		return;
	}
}

static void
undo_push(struct app *app, const struct movement *m, const char *sku)
{
	struct undo_entry	*u;

	if (app->nundo == APP_NUNDO) {
		memmove(app->undo, app->undo + 1,
		    (APP_NUNDO - 1) * sizeof app->undo[0]);
		app->nundo--;
	}
	u = &app->undo[app->nundo++];
	u->id = m->id;
	u->kind = m->kind;
	u->qty = m->qty;
	snprintf(u->sku, sizeof u->sku, "%s", sku);
}

/* Post now. 0 on success (status says what happened), else -1 and e. */
int
post_now(struct app *app, struct post_req *pr, struct movement *out,
    struct err *e)
{
	struct movement	 m;
	char		 what[512];

	err_clear(e);
	pr->req.reason = pr->reason[0] != '\0' ? pr->reason : NULL;
	pr->req.note = pr->note[0] != '\0' ? pr->note : NULL;
	pr->req.user = app->user;
	memset(&m, 0, sizeof m);
	if (ledger_post(app->db, &pr->req, &m, e) != 0) {
		app_msg(app, MSG_ERROR, "%s", e->msg);
		return -1;
	}
	/* The row written, as the request said it. */
	if (m.reason[0] == '\0' && pr->req.reason != NULL)
		snprintf(m.reason, sizeof m.reason, "%s", pr->req.reason);
	if (m.note[0] == '\0' && pr->req.note != NULL)
		snprintf(m.note, sizeof m.note, "%s", pr->req.note);
	undo_push(app, &m, pr->sku);
	post_describe(&m, pr->sku, what, sizeof what, app);
	app_msg(app, MSG_OK, "%s", what);
	if (out != NULL)
		*out = m;
	app_refresh(app);
	return 0;
}

static int
post_yes(struct app *app, void *arg)
{
	struct post_req	*pr = arg;
	struct err	 e;

	pr->req.allow_negative = 1;
	if (post_now(app, pr, NULL, &e) == 0 && pr->close != NULL)
		app_close(app, pr->close);
	return 0;
}

/* Post pr, asking first if it is large or makes stock negative. */
int
post_confirm(struct app *app, const struct post_req *in)
{
	struct post_req	*pr;
	struct err	 e;
	char		 text[512], q[48], a[48], b[48];
	const char	*verb;
	int64_t		 delta = delta_of(in), result;
	uint64_t	 mag;
	int		 large, negative;

	if (__builtin_add_overflow(in->on_hand, delta, &result)) {
		app_msg(app, MSG_ERROR, "%s: the quantity is too large",
		    in->sku);
		return SCR_REDRAW;
	}
	mag = delta < 0 ? (uint64_t)0 - (uint64_t)delta : (uint64_t)delta;
	large = app->cfg.confirm_over >= 0 &&
	    mag > (uint64_t)app->cfg.confirm_over;
	negative = result < 0;
	if (!large && !negative) {
		pr = xmalloc(sizeof *pr);
		*pr = *in;
		if (post_now(app, pr, NULL, &e) == 0 && pr->close != NULL)
			app_close(app, pr->close);
		free(pr);
		return SCR_REDRAW;
	}

	switch (in->req.kind) {
	case MV_RECEIPT:
		verb = "Receive";
		break;
	case MV_COUNT:
		verb = "Record count for";
		break;
	default:
		verb = "Adjust";
		break;
	}
	app_fmt_signed(delta, q, sizeof q);
	app_fmt_int(in->on_hand, a, sizeof a);
	app_fmt_int(result, b, sizeof b);
	snprintf(text, sizeof text, "%s %s: %s? On hand %s %s %s.%s%s", verb,
	    in->sku, q, a, app_sym(app, "\xe2\x86\x92", "->"), b,
	    large ? " That is a large change." : "",
	    negative ? " Stock would go negative." : "");
	pr = xmalloc(sizeof *pr);
	*pr = *in;
	pr->req.allow_negative = 0;
	app_confirm(app, text, post_yes, free, pr);
	return SCR_REDRAW;
}

static int
undo_yes(struct app *app, void *arg)
{
	struct undo_entry	*u = arg;
	struct movement		 m;
	struct err		 e;
	char			 what[512];
	int			 i;

	err_clear(&e);
	memset(&m, 0, sizeof m);
	if (ledger_reverse(app->db, u->id, app->user, &m, &e) != 0) {
		app_msg(app, MSG_ERROR, "%s", e.msg);
		if (e.code != ERR_REFUSED)
			return 0;
	} else {
		post_describe(&m, u->sku, what, sizeof what, app);
		app_msg(app, MSG_OK, "%s", what);
	}
	/* Drop it from the list (also when it was already undone). */
	for (i = app->nundo - 1; i >= 0; i--) {
		if (app->undo[i].id == u->id) {
			memmove(app->undo + i, app->undo + i + 1,
			    (size_t)(app->nundo - i - 1) * sizeof app->undo[0]);
			app->nundo--;
			break;
		}
	}
	app_refresh(app);
	return 0;
}

int
post_undo(struct app *app)
{
	struct undo_entry	*u;
	char			 text[256], q[48];

	if (app->nundo == 0) {
		app_msg(app, MSG_INFO, "Nothing to undo in this session");
		return SCR_REDRAW;
	}
	u = xmalloc(sizeof *u);
	*u = app->undo[app->nundo - 1];
	app_fmt_signed(u->qty, q, sizeof q);
	snprintf(text, sizeof text, "Undo %s %s of %s?",
	    ledger_kind_name(u->kind), q, u->sku);
	app_confirm(app, text, undo_yes, free, u);
	return SCR_REDRAW;
}
