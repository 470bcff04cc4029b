/*
 * loop.c - the one loop: wait for a key or a quarter second, hand keys
 * to the top screen, notice other processes' changes, paint.
 *
 * Each turn:
 *	1. paint what is dirty and call doupdate() once (nowhere else);
 *	2. poll() stdin (and any other fd added later: a worker's wake-up
 *	   pipe) for at most LOOP_TICK_MS;
 *	3. read every pending key: KEY_RESIZE resizes all screens; a key
 *	   goes to the top screen as an action from the keymap, and if the
 *	   screen does not take it, to the global actions below;
 *	4. at most every LOOP_TICK_MS, ask db_changed(): when another
 *	   connection committed, every screen rereads its model, so a change
 *	   from the command line shows within a second without a keypress.
 *
 * Work too slow to do per key (the Alerts query on a big shop) is put off
 * by its screen (app->idle_now) and done with APP_EV_IDLE once a paint is
 * out and no key is waiting, so the keys and the first frame never wait
 * for it; app->idle_later defers it to the next tick instead.
 *
 * Ctrl-C (a byte in raw mode) quits from anywhere; so do SIGTERM, SIGHUP
 * and SIGINT, after the terminal is restored by tui.c.
 *
 * Start at loop_run().
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "clock.h"
#include "keys.h"
#include "theme_curses.h"
#include "widgets.h"

#define LOOP_TICK_MS	250
#define LOOP_MAXFD	4
#define LOOP_MAXKEYS	4096	/* keys taken in one turn before a paint */

static volatile sig_atomic_t loop_signal;

static void
on_signal(int sig)
{
	loop_signal = sig;
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
paint_small(struct app *app)
{
	WINDOW	*w = app->small;
	char	 text[160], lines[4][80];
	int	 y, i, n;

	if (w == NULL)
		return;
	themec_bkgd(w, THEME_NORMAL);
	werase(w);
	snprintf(text, sizeof text, "Terminal too small (%dx%d); need at "
	    "least %dx%d. q quits.", app->cols, app->rows, APP_MINCOLS,
	    APP_MINROWS);
	n = text_wrap(text, app->cols, &lines[0][0], sizeof lines[0], 4);
	y = (app->rows - n) / 2;
	if (y < 0)
		y = 0;
	for (i = 0; i < n && y + i < app->rows; i++)
		text_put(w, y + i, 0, app->cols, lines[i], TEXT_CENTRE, 1);
	wnoutrefresh(w);
}

/* Draw dirty screens, then put every visible window on the screen. */
static void
paint(struct app *app)
{
	static int	 cursor = -1;
	struct screen	*s, *top;
	int		 i, first = 0, any = app->bars_dirty, want;

	if (app->too_small) {
		if (any) {
			paint_small(app);
			app->bars_dirty = 0;
			if (cursor != 0)
				curs_set(0);
			cursor = 0;
			doupdate();
		}
		return;
	}
	if (app->nstack == 0)
		return;
	for (i = app->nstack - 1; i > 0; i--) {
		if (app->stack[i].ops->opaque)
			break;
	}
	first = i;
	for (i = first; i < app->nstack; i++) {
		s = &app->stack[i];
		if (s->dirty && s->win != NULL) {
			s->cursor = (s->ops->draw(s->data, s->win) &
			    SCR_CURSOR) != 0;
			s->dirty = 0;
			any = 1;
		}
	}
	if (!any)
		return;
	bars_draw(app);
	if (app->header != NULL)
		wnoutrefresh(app->header);
	if (app->status != NULL)
		wnoutrefresh(app->status);
	for (i = first; i < app->nstack; i++) {
		s = &app->stack[i];
		if (s->win == NULL)
			continue;
		touchwin(s->win);
		wnoutrefresh(s->win);
	}
	top = &app->stack[app->nstack - 1];
	want = top->cursor && top->win != NULL;
	if (want != cursor)
		curs_set(want ? 1 : 0);
	cursor = want;
	doupdate();
}

static void
resize(struct app *app)
{
	app_resize(app);
	/* stdscr is never drawn; keep wget_wch() from refreshing it. */
	wnoutrefresh(stdscr);
	/* What the terminal kept across the resize is not to be trusted. */
	clearok(curscr, TRUE);
	app->bars_dirty = 1;
}

/* Actions no screen took. */
static void
global(struct app *app, enum action act)
{
	switch (act) {
	case ACT_QUIT:
		app->quit = 1;
		break;
	case ACT_HELP:
		app_push(app, &screen_help_ops, NULL);
		break;
	case ACT_COMMAND:
		app_push(app, &screen_cmdline_ops, NULL);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		app_dirty_all(app);
		break;
	case ACT_UNDO:
		post_undo(app);
		break;
	case ACT_SCAN:
		if (!app_top_is(app, &screen_scan_ops))
			app_push(app, &screen_scan_ops, NULL);
		break;
	case ACT_BACK:
		app_msg_clear(app);
		break;
	default:
		break;
	}
}

static void
offer(struct app *app, enum action act, int code)
{
	struct screen	*top;
	int		 f = 0;

	if (app->nstack > 0) {
		top = &app->stack[app->nstack - 1];
		f = top->ops->key(top->data, act, code);
		if (f & SCR_REDRAW)
			top->dirty = 1;
		if (f & SCR_POP)
			top->closing = 1;
		if (f & SCR_QUIT)
			app->quit = 1;
	}
	if (!(f & SCR_HANDLED))
		global(app, act);
	app_sweep(app);
}

static void
dispatch(struct app *app, int code)
{
	enum action	act;
	int		n = 0;

	if (code == 0)
		return;
	if (code == KEYS_CTRL('c')) {
		app->quit = 1;
		return;
	}
	act = keymap_lookup(app->km, code);
	app_msg_clear(app);
	if (app->too_small) {
		if (act == ACT_QUIT)
			app->quit = 1;
		return;
	}
	offer(app, act, code);
	/* The command line may queue an action for the screen below it. */
	while (app->feed != ACT_NONE && !app->quit && n++ < 8) {
		act = app->feed;
		app->feed = ACT_NONE;
		offer(app, act, 0);
	}
}

static void
read_keys(struct app *app)
{
	int	code, r, n = 0;

	while (!app->quit && n++ < LOOP_MAXKEYS) {
		if ((r = keys_read(stdscr, &code)) == KEYS_NONE)
			break;
		if (r == KEYS_RESIZE)
			resize(app);
		else
			dispatch(app, code);
	}
}

/* Another connection committed: reread. Also turn the clock. */
static void
tick(struct app *app)
{
	char	t[32];

	if (db_changed(app->db))
		app_refresh(app);
	if (app->idle_later) {
		app->idle_later = 0;
		app->idle_now = 1;
	}
	clock_time_str(clock_now(), t);
	if (strcmp(t + 11, app->clock) != 0)
		app->bars_dirty = 1;
}

static void
signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void
loop_run(struct app *app)
{
	struct pollfd	fds[LOOP_MAXFD];
	int64_t		next, now;
	int		nfds = 1, r, timeout;

	signals();
	memset(fds, 0, sizeof fds);
	fds[0].fd = STDIN_FILENO;
	fds[0].events = POLLIN;

	resize(app);
	next = now_ms() + LOOP_TICK_MS;
	while (!app->quit && loop_signal == 0) {
		paint(app);
		/* Slow work that was put off waits until no key is pending. */
		if (app->idle_now && poll(fds, (nfds_t)nfds, 0) == 0) {
			app->idle_now = 0;
			app_notify(app, APP_EV_IDLE);
			continue;
		}
		now = now_ms();
		timeout = next > now ? (int)(next - now) : 0;
		if (timeout > LOOP_TICK_MS)
			timeout = LOOP_TICK_MS;
		r = poll(fds, (nfds_t)nfds, timeout);
		if (r < 0 && errno != EINTR)
			break;
		/* Keys, or a signal: SIGWINCH leaves KEY_RESIZE to read. */
		if (r != 0)
			read_keys(app);
		if (r > 0 && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
			break;
		if ((now = now_ms()) >= next) {
			tick(app);
			next = now + LOOP_TICK_MS;
		}
	}
}
