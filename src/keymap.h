/*
 * keymap.h - named actions and the keys bound to them.
 *
 * Keys are abstract codes, not curses constants (the core never includes
 * curses): a Unicode code point for a character, 1..31 for Ctrl-letters,
 * KC_* for special keys, and KC_META | code for Alt/Meta. Screens turn
 * what ncurses returns into these codes.
 *
 * Loading order (keymap_load): the compiled-in defaults, then
 * keymaps/NAME.keymap, then $XDG_CONFIG_HOME/invsync/keymap. Each file is
 * lines of "bind KEY ACTION" or "unbind KEY" ('#' comments). A bad line
 * becomes a diag naming file:line and is skipped.
 */
#ifndef KEYMAP_H
#define KEYMAP_H

#include <stddef.h>

#include "diag.h"

#define KC_SPECIAL	0x200000
#define KC_META		0x1000000

enum keycode {
	KC_UP = KC_SPECIAL,
	KC_DOWN,
	KC_LEFT,
	KC_RIGHT,
	KC_PGUP,
	KC_PGDN,
	KC_HOME,
	KC_END,
	KC_ENTER,
	KC_ESC,
	KC_TAB,
	KC_BTAB,
	KC_BACKSPACE,
	KC_DELETE,
	KC_INSERT,
	KC_F1,		/* KC_F1 + n - 1 for Fn, n <= 12 */
	KC_F12 = KC_F1 + 11,
	KC_LAST
};

enum action {
	ACT_NONE,
	ACT_QUIT,		/* app.quit */
	ACT_HELP,		/* app.help */
	ACT_COMMAND,		/* app.command  (the ':' line) */
	ACT_BACK,		/* app.back     (Esc: close, cancel) */
	ACT_REDRAW,		/* app.redraw */
	ACT_PANE_NEXT,		/* pane.next */
	ACT_PANE_PREV,		/* pane.prev */
	ACT_PANE_ZOOM,		/* pane.zoom */
	ACT_PANE_STOCK,		/* pane.stock */
	ACT_PANE_ALERTS,	/* pane.alerts */
	ACT_PANE_FORECAST,	/* pane.forecast */
	ACT_PANE_SYNC,		/* pane.sync */
	ACT_UP,			/* nav.up */
	ACT_DOWN,		/* nav.down */
	ACT_PGUP,		/* nav.pgup */
	ACT_PGDN,		/* nav.pgdn */
	ACT_HOME,		/* nav.home */
	ACT_END,		/* nav.end */
	ACT_SELECT,		/* nav.select   (Enter) */
	ACT_FILTER,		/* stock.filter */
	ACT_SORT_NEXT,		/* stock.sort */
	ACT_SORT_REVERSE,	/* stock.sort-reverse */
	ACT_ADJUST,		/* stock.adjust */
	ACT_RECEIVE,		/* stock.receive */
	ACT_COUNT,		/* stock.count */
	ACT_HISTORY,		/* stock.history */
	ACT_UNDO,		/* stock.undo */
	ACT_SCAN,		/* stock.scan */
	ACT_NACTIONS
};

struct keymap;

/* A keymap holding the compiled-in defaults; free with keymap_free(). */
struct keymap	*keymap_new(void);
void		 keymap_free(struct keymap *);

/* Defaults, then keymaps/NAME.keymap, then the user's file. */
struct keymap	*keymap_load(const char *name, struct diags *);
/* Apply one file on top of km. -1 only if the file cannot be read. */
int		 keymap_load_file(struct keymap *, const char *path,
		     struct diags *);

enum action	 keymap_lookup(const struct keymap *, int key);
void		 keymap_bind(struct keymap *, int key, enum action);
/* Keys bound to an action, in binding order; returns how many (<= max). */
int		 keymap_keys_for(const struct keymap *, enum action, int *keys,
		     int max);

const char	*keymap_action_name(enum action);	/* "stock.adjust" */
const char	*keymap_action_help(enum action);	/* one line for '?' */
int		 keymap_action_parse(const char *, enum action *);

/* "a", "C-x", "M-a", "PgDn", "F5", "Space", "Enter" into buf. */
void		 keymap_key_name(int key, char *buf, size_t len);
int		 keymap_key_parse(const char *, int *key);

#endif
