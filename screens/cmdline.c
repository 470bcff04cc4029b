/*
 * cmdline.c - ':': a one-line prompt over the status bar and the commands
 * it runs.
 *
 * Commands (cmdline_commands[] below, dwm-style): q|quit, help,
 * theme NAME, keymap NAME, sort COLUMN [desc], filter [TEXT], goto SKU,
 * scan, undo, zoom, pane NAME, messages. A command that means a key's
 * action (help, scan, undo, zoom, pane) queues that action in app->feed;
 * the loop offers it to the screen below once the prompt is gone, so it
 * does exactly what the key would. Tab completes a command name.
 *
 * Start at cmdline_run().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "keys.h"
#include "product.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

struct cmdline {
	struct app	*app;
	struct input	 in;
};

static int
cmd_quit(struct app *app, const char *args)
{
	app->quit = 1;
	return 0;
}

static int
feed(struct app *app, enum action act)
{
	app->feed = act;
	return 0;
}

static int
cmd_help(struct app *app, const char *args)
{
	return feed(app, ACT_HELP);
}

static int
cmd_scan(struct app *app, const char *args)
{
	return feed(app, ACT_SCAN);
}

static int
cmd_undo(struct app *app, const char *args)
{
	return feed(app, ACT_UNDO);
}

static int
cmd_zoom(struct app *app, const char *args)
{
	return feed(app, ACT_PANE_ZOOM);
}

static int
cmd_pane(struct app *app, const char *args)
{
	static const struct {
		const char	*name;
		enum action	 act;
	} panes[] = {
		{ "stock", ACT_PANE_STOCK },
		{ "alerts", ACT_PANE_ALERTS },
		{ "forecast", ACT_PANE_FORECAST },
		{ "sync", ACT_PANE_SYNC },
	};
	size_t	i;

	for (i = 0; i < sizeof panes / sizeof panes[0]; i++) {
		if (strcmp(args, panes[i].name) == 0)
			return feed(app, panes[i].act);
	}
	app_msg(app, MSG_ERROR, "pane: stock, alerts, forecast or sync");
	return -1;
}

static int
cmd_messages(struct app *app, const char *args)
{
	app_push(app, &screen_messages_ops, NULL);
	return 0;
}

/* Show what a reload complained about: the first line and a count. */
static void
report(struct app *app, struct diags *d, const char *ok)
{
	int	i;

	for (i = 0; i < d->n; i++)
		diags_add(&app->diags, "%s", d->lines[i]);
	if (d->n == 0)
		app_msg(app, MSG_OK, "%s", ok);
	else if (d->n == 1)
		app_msg(app, MSG_ERROR, "%s", d->lines[0]);
	else
		app_msg(app, MSG_ERROR, "%s (%d more; :messages)", d->lines[0],
		    d->n - 1);
	diags_free(d);
}

static int
cmd_theme(struct app *app, const char *args)
{
	struct diags	d = { 0 };
	char		ok[128];

	if (*args == '\0') {
		app_msg(app, MSG_INFO, "theme %s (%s)", app->theme.name,
		    themec_depth_name());
		return 0;
	}
	theme_load(&app->theme, args, &d);
	themec_apply(&app->theme);
	snprintf(ok, sizeof ok, "Theme %s (%s)", args, themec_depth_name());
	report(app, &d, ok);
	app_notify(app, APP_EV_THEME);
	app_dirty_all(app);
	return 0;
}

static int
cmd_keymap(struct app *app, const char *args)
{
	struct diags	 d = { 0 };
	struct keymap	*km;
	char		 ok[128];

	if (*args == '\0') {
		app_msg(app, MSG_ERROR, "keymap: which one? (default, vi, "
		    "emacs)");
		return -1;
	}
	if ((km = keymap_load(args, &d)) == NULL) {
		report(app, &d, "");
		return -1;
	}
	keymap_free(app->km);
	app->km = km;
	snprintf(ok, sizeof ok, "Keymap %s", args);
	report(app, &d, ok);
	app_notify(app, APP_EV_KEYMAP);
	app_dirty_all(app);
	return 0;
}

static int
cmd_sort(struct app *app, const char *args)
{
	static const struct {
		const char		*name;
		enum stockview_sort	 s;
	} cols[] = {
		{ "sku", SV_SORT_SKU },
		{ "name", SV_SORT_NAME },
		{ "category", SV_SORT_CATEGORY },
		{ "available", SV_SORT_AVAILABLE },
		{ "avail", SV_SORT_AVAILABLE },
		{ "onhand", SV_SORT_ON_HAND },
		{ "on-hand", SV_SORT_ON_HAND },
	};
	char	word[32];
	size_t	i, n;
	int	desc;

	n = strcspn(args, " ");
	if (n >= sizeof word)
		n = sizeof word - 1;
	memcpy(word, args, n);
	word[n] = '\0';
	desc = strstr(args + n, "desc") != NULL;
	for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		if (strcmp(word, cols[i].name) == 0)
			return app_set_sort(app, cols[i].s, desc);
	}
	app_msg(app, MSG_ERROR,
	    "sort: sku, name, category, available or onhand [desc]");
	return -1;
}

static int
cmd_filter(struct app *app, const char *args)
{
	app_set_filter(app, args);
	return 0;
}

static int
cmd_goto(struct app *app, const char *args)
{
	struct product	p;
	struct err	e;
	int		rc = -1;

	memset(&p, 0, sizeof p);
	err_clear(&e);
	if (*args == '\0') {
		app_msg(app, MSG_ERROR, "goto: which SKU?");
		return -1;
	}
	if (product_get_sku(app->db, args, &p, &e) != 0 &&
	    product_find_code(app->db, args, &p, &e) != 0) {
		app_msg(app, MSG_ERROR, "%s", e.msg);
		goto out;
	}
	if (app_select_id(app, p.id) != 0) {
		app_msg(app, MSG_ERROR, "%s is not in the list", p.sku);
		goto out;
	}
	feed(app, ACT_PANE_STOCK);
	rc = 0;
out:
	product_clear(&p);
	return rc;
}

const struct cmdline_cmd cmdline_commands[] = {
	{ "quit", "q, quit", "Quit invsync", cmd_quit },
	{ "q", NULL, NULL, cmd_quit },
	{ "help", "help", "Show the keys", cmd_help },
	{ "theme", "theme NAME", "Load a theme (default, dark, light, mono, "
	    "high-contrast)", cmd_theme },
	{ "keymap", "keymap NAME", "Load a keymap (default, vi, emacs)",
	    cmd_keymap },
	{ "sort", "sort COLUMN [desc]", "Sort by sku, name, category, "
	    "available or onhand", cmd_sort },
	{ "filter", "filter [TEXT]", "Filter the list (no text: show all)",
	    cmd_filter },
	{ "goto", "goto SKU", "Select a product by SKU or barcode", cmd_goto },
	{ "scan", "scan", "Open scan mode", cmd_scan },
	{ "undo", "undo", "Undo the last movement of this session", cmd_undo },
	{ "zoom", "zoom", "Zoom or unzoom the focused pane", cmd_zoom },
	{ "pane", "pane NAME", "Focus stock, alerts, forecast or sync",
	    cmd_pane },
	{ "messages", "messages", "Show start-up problems and past messages",
	    cmd_messages },
	{ NULL, NULL, NULL, NULL },
};

int
cmdline_run(struct app *app, const char *line)
{
	char		 name[32], args[512];
	const char	*p = line;
	size_t		 n, len;
	int		 i;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return 0;
	n = strcspn(p, " ");
	if (n >= sizeof name) {
		app_msg(app, MSG_ERROR, "Unknown command: %.20s...", p);
		return -1;
	}
	memcpy(name, p, n);
	name[n] = '\0';
	p += n;
	while (*p == ' ')
		p++;
	snprintf(args, sizeof args, "%s", p);
	len = strlen(args);
	while (len > 0 && args[len - 1] == ' ')
		args[--len] = '\0';
	for (i = 0; cmdline_commands[i].name != NULL; i++) {
		if (strcmp(name, cmdline_commands[i].name) == 0)
			return cmdline_commands[i].run(app, args);
	}
	app_msg(app, MSG_ERROR, "Unknown command: %s (see ? for the list)",
	    name);
	return -1;
}

/* Complete the command name if one command starts with what is typed. */
static void
complete(struct cmdline *c)
{
	char		 text[INPUT_MAX * 4], out[64];
	const char	*found = NULL;
	size_t		 len;
	int		 i, n = 0;

	input_get(&c->in, text, sizeof text);
	if (strchr(text, ' ') != NULL)
		return;
	len = strlen(text);
	for (i = 0; cmdline_commands[i].name != NULL; i++) {
		if (cmdline_commands[i].usage == NULL)
			continue;
		if (strncmp(text, cmdline_commands[i].name, len) == 0) {
			found = cmdline_commands[i].name;
			n++;
		}
	}
	if (n == 1) {
		snprintf(out, sizeof out, "%s ", found);
		input_set(&c->in, out);
	}
}

static void *
cmdline_init(struct app *app, void *arg)
{
	struct cmdline	*c;

	c = xcalloc(1, sizeof *c);
	c->app = app;
	return c;
}

static void
cmdline_free(void *data)
{
	free(data);
}

static void
cmdline_resize(void *data, int rows, int cols, struct rect *r)
{
	r->y = rows - 1;
	r->x = 0;
	r->h = 1;
	r->w = cols;
}

static int
cmdline_draw(void *data, WINDOW *w)
{
	struct cmdline	*c = data;
	int		 cx;

	themec_bkgd(w, THEME_STATUS);
	werase(w);
	text_put_role(w, 0, 0, 1, ":", THEME_ACCENT, TEXT_LEFT, 0);
	cx = input_draw(w, 0, 1, getmaxx(w) - 1, &c->in, THEME_INPUT);
	wmove(w, 0, cx);
	return SCR_CURSOR;
}

static int
cmdline_key(void *data, enum action act, int key)
{
	struct cmdline	*c = data;
	struct app	*app = c->app;
	char		 text[INPUT_MAX * 4];

	if (key == KC_ESC || (act == ACT_BACK && !keys_is_text(key)))
		return SCR_HANDLED | SCR_POP;
	if (key == KC_ENTER) {
		/* What the command pushes goes above us; we close after. */
		input_get(&c->in, text, sizeof text);
		cmdline_run(app, text);
		return SCR_HANDLED | SCR_POP;
	}
	if (key == KC_TAB) {
		complete(c);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if ((key == KC_BACKSPACE || key == KEYS_CTRL('h')) && c->in.len == 0)
		return SCR_HANDLED | SCR_POP;
	input_key(&c->in, key);
	return SCR_HANDLED | SCR_REDRAW;
}

static void
cmdline_hints(void *data, char *buf, size_t len)
{
	buf[0] = '\0';
}

const struct screen_ops screen_cmdline_ops = {
	.name = "cmdline",
	.init = cmdline_init,
	.free = cmdline_free,
	.resize = cmdline_resize,
	.draw = cmdline_draw,
	.key = cmdline_key,
	.hints = cmdline_hints,
};
