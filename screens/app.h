/*
 * app.h - the state every screen shares, and the services they call.
 *
 * One struct app per TUI, made by tui_main() and owned by the UI thread.
 * It holds the database connection, the Stock list model (the stockview;
 * several screens filter, sort and select through it), the selected
 * product, the status line, the undo list of this session and the screen
 * stack the loop runs.
 *
 *	app.c		messages, selection, notifications, key hints
 *	stack.c		pushing and closing screens, resizing, painting
 *	post.c		posting a movement (with confirmation) and undo
 *	bars.c		the header and status bars
 *	loop.c		the main loop
 */
#ifndef APP_H
#define APP_H

#include <stdint.h>

#include "cli.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "keymap.h"
#include "ledger.h"
#include "screen.h"
#include "stockview.h"
#include "theme.h"

#define APP_MAXSCREENS	16
#define APP_NUNDO	64
#define APP_NLOG	1000	/* messages kept for :messages */
#define APP_MINROWS	12
#define APP_MINCOLS	40

enum msg_kind { MSG_INFO, MSG_OK, MSG_ERROR };

struct screen {
	const struct screen_ops	*ops;
	void			*data;
	WINDOW			*win;
	struct rect		 r;
	int			 dirty;
	int			 cursor;	/* draw() returned SCR_CURSOR */
	int			 closing;	/* app_close() was called */
};

/* A movement this session posted, for undo. */
struct undo_entry {
	int64_t		id;
	enum mv_kind	kind;
	int64_t		qty;
	char		sku[64];
};

struct app {
	const struct tui_opts	*opts;
	const char		*user;
	struct db		*db;
	struct config		 cfg;
	struct keymap		*km;
	struct theme		 theme;
	struct diags		 diags;		/* start-up, reload problems */
	struct diags		 log;		/* every status message */
	int			 utf8;		/* the locale shows Unicode */

	struct stockview	*sv;
	int64_t			 sel_id;	/* the selected product, or 0 */
	size_t			 sel_pos;	/* its place in the list */

	struct screen		 stack[APP_MAXSCREENS];
	int			 nstack;
	int			 rows, cols;
	int			 too_small;
	WINDOW			*header, *status, *small;
	int			 bars_dirty;
	int			 quit;
	enum action		 feed;		/* queued by the command line */
	int			 idle_now;	/* APP_EV_IDLE when no key */
	int			 idle_later;	/* APP_EV_IDLE at next tick */

	char			 msg[512];
	enum msg_kind		 msg_kind;
	int			 msg_keep;	/* survive the next key */
	char			 clock[8];	/* hh:mm as last drawn */

	struct undo_entry	 undo[APP_NUNDO];
	int			 nundo;
};

/* app.c */
void	 app_msg(struct app *, enum msg_kind, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 app_msg_clear(struct app *);
void	 app_notify(struct app *, int events);
void	 app_select_pos(struct app *, size_t pos);
int	 app_select_id(struct app *, int64_t id);
void	 app_list_changed(struct app *);
void	 app_set_filter(struct app *, const char *);
int	 app_set_sort(struct app *, enum stockview_sort, int desc);
void	 app_refresh(struct app *);
void	 app_hints(struct app *, const enum action *, char *, size_t);
const char *app_sym(struct app *, const char *utf8, const char *ascii);
void	 app_fmt_int(int64_t, char *, size_t);
void	 app_fmt_signed(int64_t, char *, size_t);

/* stack.c */
void	*app_push(struct app *, const struct screen_ops *, void *arg);
void	 app_close(struct app *, void *data);
int	 app_top_is(struct app *, const struct screen_ops *);
void	 app_sweep(struct app *);
void	 app_resize(struct app *);
void	 app_dirty_all(struct app *);
void	 app_paint(struct app *);
void	 app_stack_free(struct app *);

/* post.c */
struct post_req {
	struct movement_req	 req;	/* reason and note are set from below */
	char			 sku[64];
	char			 reason[16];
	char			 note[256];
	int64_t			 on_hand;	/* before, as shown */
	void			*close;		/* screen to close on success */
};
int	 post_confirm(struct app *, const struct post_req *);
int	 post_now(struct app *, struct post_req *, struct movement *,
	    struct err *);
int	 post_undo(struct app *);
void	 post_describe(const struct movement *, const char *sku, char *,
	    size_t, struct app *);

/* dlg_confirm.c: ask, then call yes(app, arg); free(arg) either way. */
int	 app_confirm(struct app *, const char *text,
	    int (*yes)(struct app *, void *), void (*fr)(void *), void *arg);

/* bars.c */
void	 bars_draw(struct app *);

/* loop.c */
void	 loop_run(struct app *);

#endif
