/*
 * screen.h - what every screen is: a table of entry points (tmux's
 * window_mode, ncdu's draw()/key() pair) and the flags its handlers hand
 * back to the one loop in loop.c.
 *
 * A screen is pushed on the app's stack with app_push(); the dashboard is
 * the bottom one and dialogs, prompts, help and history are pushed on top.
 * The loop gives each screen a window at the place its resize() asks for,
 * calls draw() only when the screen is dirty, offers keys to the top
 * screen, and alone calls doupdate() and sees KEY_RESIZE.
 */
#ifndef SCREEN_H
#define SCREEN_H

#include <curses.h>
#include <stddef.h>

#include "keymap.h"

struct app;

/* A place on the terminal, in cells. */
struct rect {
	int	y, x, h, w;
};

/* What handlers return: bits, or-ed together. */
enum {
	SCR_HANDLED = 1,	/* the key was used: no global action */
	SCR_REDRAW = 2,		/* draw this screen again */
	SCR_POP = 4,		/* close this screen */
	SCR_QUIT = 8,		/* leave the app */
	SCR_CURSOR = 16,	/* draw(): show the cursor where draw left it */
};

/* Events app_notify() sends to every screen on the stack. */
enum {
	APP_EV_DATA = 1,	/* the database changed (here or elsewhere) */
	APP_EV_SELECT = 2,	/* the selected product changed */
	APP_EV_THEME = 4,	/* colours were reloaded */
	APP_EV_KEYMAP = 8,	/* the keymap was reloaded */
	APP_EV_LIST = 16,	/* the Stock list's filter or order changed */
	APP_EV_IDLE = 32,	/* no key is waiting: do deferred slow work */
};

struct screen_ops {
	const char	*name;
	/* arg is the screen's own; see each screen's file for what it is. */
	void		*(*init)(struct app *, void *arg);
	void		 (*free)(void *);
	/*
	 * The terminal is rows x cols; r arrives as the body (between the
	 * header and the status bar) and the screen may move it (dialogs
	 * centre themselves). Called before every window change: drop any
	 * subwindow of the old window here.
	 */
	void		 (*resize)(void *, int rows, int cols, struct rect *r);
	/* Paint everything into the window; SCR_CURSOR to show a cursor. */
	int		 (*draw)(void *, WINDOW *);
	/* A key as an action (ACT_NONE if unbound) and its code. */
	int		 (*key)(void *, enum action, int key);
	/* APP_EV_* bits; may be NULL. */
	int		 (*notify)(void *, int events);
	/* Key hints for the status bar into buf; may be NULL. */
	void		 (*hints)(void *, char *buf, size_t len);
	/* Covers the whole body, so screens below need not be drawn. */
	int		 opaque;
};

extern const struct screen_ops screen_dash_ops;
extern const struct screen_ops screen_help_ops;
extern const struct screen_ops screen_history_ops;
extern const struct screen_ops screen_messages_ops;
extern const struct screen_ops screen_scan_ops;
extern const struct screen_ops screen_cmdline_ops;
extern const struct screen_ops dlg_adjust_ops;
extern const struct screen_ops dlg_receive_ops;
extern const struct screen_ops dlg_count_ops;
extern const struct screen_ops dlg_confirm_ops;

#endif
