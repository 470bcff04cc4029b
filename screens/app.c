/*
 * app.c - the services screens share: the status message, the selected
 * product, telling every screen that something changed, and the small
 * formatting helpers all of them use.
 *
 * The selection is kept as a product id (sel_id) plus where it last was
 * (sel_pos): when the list is filtered, re-sorted or refreshed, the same
 * product stays selected if it is still listed, else the row that took
 * its place. Nothing here walks the whole list; the stockview answers
 * where a product is.
 *
 * UI thread only. Start at app_select_id().
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "widgets.h"

void
app_msg(struct app *app, enum msg_kind kind, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(app->msg, sizeof app->msg, fmt, ap);
	va_end(ap);
	app->msg_kind = kind;
	app->msg_keep = 1;
	app->bars_dirty = 1;
	/* Keep :messages bounded in a session that runs for days. */
	if (app->log.n >= APP_NLOG) {
		diags_free(&app->log);
		diags_add(&app->log, "(older messages dropped)");
	}
	diags_add(&app->log, "%s%s", kind == MSG_ERROR ? "error: " : "",
	    app->msg);
}

void
app_msg_clear(struct app *app)
{
	if (app->msg[0] == '\0')
		return;
	app->msg[0] = '\0';
	app->bars_dirty = 1;
}

void
app_notify(struct app *app, int events)
{
	struct screen	*s;
	int		 i, f;

	for (i = 0; i < app->nstack; i++) {
		s = &app->stack[i];
		if (s->closing || s->ops->notify == NULL)
			continue;
		f = s->ops->notify(s->data, events);
		if (f & SCR_REDRAW)
			s->dirty = 1;
	}
	app->bars_dirty = 1;
}

static void
set_selection(struct app *app, int64_t id, size_t pos)
{
	int	changed = id != app->sel_id;

	app->sel_id = id;
	app->sel_pos = pos;
	if (changed)
		app_notify(app, APP_EV_SELECT);
}

void
app_select_pos(struct app *app, size_t pos)
{
	size_t	n = stockview_count(app->sv);

	if (n == 0) {
		set_selection(app, 0, 0);
		return;
	}
	if (pos >= n)
		pos = n - 1;
	set_selection(app, stockview_id_at(app->sv, pos), pos);
}

/*
 * Select a product, clearing the filter if it hides it. -1 if the product
 * is not in the list at all.
 */
int
app_select_id(struct app *app, int64_t id)
{
	long	pos;

	if ((pos = stockview_find(app->sv, id)) < 0 &&
	    stockview_filter(app->sv)[0] != '\0') {
		stockview_set_filter(app->sv, "");
		app_notify(app, APP_EV_LIST);
		pos = stockview_find(app->sv, id);
	}
	if (pos < 0)
		return -1;
	set_selection(app, id, (size_t)pos);
	return 0;
}

/* After the list changed: keep the product, else the place. */
void
app_list_changed(struct app *app)
{
	long	pos;

	if (app->sel_id != 0 &&
	    (pos = stockview_find(app->sv, app->sel_id)) >= 0)
		app->sel_pos = (size_t)pos;
	else
		app_select_pos(app, app->sel_pos);
	app_notify(app, APP_EV_LIST);
}

void
app_set_filter(struct app *app, const char *text)
{
	stockview_set_filter(app->sv, text);
	app_list_changed(app);
}

int
app_set_sort(struct app *app, enum stockview_sort s, int desc)
{
	struct err	e;

	err_clear(&e);
	if (stockview_set_sort(app->sv, s, desc, &e) != 0) {
		app_msg(app, MSG_ERROR, "%s", e.msg);
		return -1;
	}
	app_list_changed(app);
	return 0;
}

/* Another connection committed, or we did: reread and tell everyone. */
void
app_refresh(struct app *app)
{
	struct err	e;

	err_clear(&e);
	if (stockview_refresh(app->sv, &e) != 0)
		app_msg(app, MSG_ERROR, "%s", e.msg);
	app_list_changed(app);
	app_notify(app, APP_EV_DATA);
}

/* "? help  / filter  a adjust" from the keymap's first key per action. */
void
app_hints(struct app *app, const enum action *acts, char *buf, size_t len)
{
	const char	*name, *dot;
	char		 key[32];
	int		 keys[4];
	size_t		 o = 0;
	int		 n;

	buf[0] = '\0';
	for (; *acts != ACT_NONE; acts++) {
		if ((n = keymap_keys_for(app->km, *acts, keys, 4)) <= 0)
			continue;
		keymap_key_name(keys[0], key, sizeof key);
		name = keymap_action_name(*acts);
		if ((dot = strrchr(name, '.')) != NULL)
			name = dot + 1;
		n = snprintf(buf + o, len - o, "%s%s %s", o > 0 ? "  " : "",
		    key, name);
		if (n < 0 || (size_t)n >= len - o) {
			buf[o] = '\0';
			break;
		}
		o += (size_t)n;
	}
}

const char *
app_sym(struct app *app, const char *utf8, const char *ascii)
{
	return app->utf8 ? utf8 : ascii;
}

/* 1234567 as "1,234,567". */
void
app_fmt_int(int64_t v, char *buf, size_t len)
{
	char		digits[32], out[48];
	uint64_t	u;
	int		n, i, o = 0;

	u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, len, "%s", out);
}

/* +5 / -5 / 0 with separators. */
void
app_fmt_signed(int64_t v, char *buf, size_t len)
{
	char	tmp[48];

	app_fmt_int(v, tmp, sizeof tmp);
	snprintf(buf, len, "%s%s", v > 0 ? "+" : "", tmp);
}
