/*
 * tui.c - entering and leaving the full-screen interface.
 *
 * tui_main() runs when the CLI is given no command (or "tui"):
 *
 *	1. setlocale(); the user's config, keymap and theme. What is wrong
 *	   in them is collected as diags: the first shows in the status bar
 *	   ("... (2 more; :messages)"), all in :messages; defaults stand in.
 *	2. Our own database connection and the Stock list model. A failure
 *	   here is printed to stderr before curses starts (exit status 3).
 *	3. curses: newterm() on $TERM (or xterm-direct, see term_pick.c),
 *	   raw mode (so Ctrl-C is a key that quits cleanly), no echo,
 *	   keypad, a short ESCDELAY, no cursor, colours per theme_curses.c
 *	   unless NO_COLOR is set.
 *	4. The dashboard, then loop_run() until the user quits.
 *
 * The fatal hook of xmalloc leaves curses first, so an out-of-memory
 * message is readable. Start at tui_main().
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "keys.h"
#include "term_pick.h"
#include "theme_curses.h"
#include "tui.h"
#include "widgets.h"
#include "xmalloc.h"

static SCREEN	*tui_screen;

static void
tui_fatal(void)
{
	if (tui_screen != NULL && !isendwin())
		endwin();
}

static int
no_color(void)
{
	const char	*s = getenv("NO_COLOR");

	return s != NULL && *s != '\0';
}

static int
curses_start(void)
{
	const char	*term = term_pick();

	if (term != NULL)
		tui_screen = newterm(term, stdout, stdin);
	if (tui_screen == NULL)
		tui_screen = newterm(NULL, stdout, stdin);
	if (tui_screen == NULL)
		return -1;
	set_term(tui_screen);
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(KEYS_ESCDELAY);
	curs_set(0);
	themec_init(no_color());
	return 0;
}

static void
curses_end(void)
{
	if (tui_screen == NULL)
		return;
	endwin();
	delscreen(tui_screen);
	tui_screen = NULL;
}

static void
startup_message(struct app *app)
{
	if (app->diags.n == 1)
		app_msg(app, MSG_ERROR, "%s", app->diags.lines[0]);
	else if (app->diags.n > 1)
		app_msg(app, MSG_ERROR, "%s (%d more; :messages)",
		    app->diags.lines[0], app->diags.n - 1);
}

int
tui_main(const struct tui_opts *opts)
{
	struct app	 app;
	struct err	 e;
	const char	*user;
	int		 rc = 3;

	setlocale(LC_ALL, "");
	text_init();
	memset(&app, 0, sizeof app);
	app.opts = opts;
	app.utf8 = text_utf8();
	user = opts->user;
	if (user == NULL || *user == '\0')
		user = getenv("USER");
	app.user = user != NULL && *user != '\0' ? user : "unknown";

	config_defaults(&app.cfg);
	config_load(&app.cfg, &app.diags);
	app.km = keymap_load(opts->keymap != NULL ? opts->keymap :
	    app.cfg.keymap, &app.diags);
	if (app.km == NULL)
		app.km = keymap_new();
	theme_load(&app.theme, opts->theme != NULL ? opts->theme :
	    app.cfg.theme, &app.diags);

	err_clear(&e);
	if (opts->db_path == NULL) {
		fprintf(stderr, "invsync: no database given\n");
		goto out;
	}
	if (db_open(opts->db_path, 0, &app.db, &e) != 0) {
		fprintf(stderr, "invsync: %s\n", e.msg);
		goto out;
	}
	if ((app.sv = stockview_new(app.db, &e)) == NULL) {
		fprintf(stderr, "invsync: %s\n", e.msg);
		goto out;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "invsync: the TUI needs a terminal; use a "
		    "command (invsync --help) in scripts\n");
		rc = 2;
		goto out;
	}

	xmalloc_set_fatal_hook(tui_fatal);
	if (curses_start() != 0) {
		fprintf(stderr, "invsync: cannot start the terminal "
		    "interface (TERM=%s)\n", getenv("TERM") != NULL ?
		    getenv("TERM") : "");
		goto out;
	}
	themec_apply(&app.theme);
	app_resize(&app);
	app_select_pos(&app, 0);
	app_push(&app, &screen_dash_ops, NULL);
	startup_message(&app);
	loop_run(&app);
	rc = 0;

out:
	app_stack_free(&app);
	curses_end();
	xmalloc_set_fatal_hook(NULL);
	stockview_free(app.sv);
	if (app.db != NULL)
		db_close(app.db);
	keymap_free(app.km);
	diags_free(&app.diags);
	diags_free(&app.log);
	return rc;
}
