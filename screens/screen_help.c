/*
 * screen_help.c - '?': every action with the keys bound to it, made from
 * the active keymap (keymap_keys_for(), keymap_key_name()), so a user's
 * remapping shows here as soon as it is loaded. Then the keys of the
 * dialogs and scan mode, which are fixed, and the ':' commands.
 *
 * The text is built when the screen opens and again when the keymap is
 * reloaded; drawing only scrolls it. Esc, q or ? closes.
 * Start at help_build().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cmdline.h"
#include "listnav.h"
#include "theme_curses.h"
#include "widgets.h"
#include "xmalloc.h"

#define HELP_KEYSW	20
#define HELP_NAMEW	20

struct help_line {
	int	 heading;
	char	 keys[64];
	char	 name[32];
	char	 text[160];
};

struct help {
	struct app		*app;
	struct help_line	*l;
	int			 n, cap;
	struct listnav		 nav;	/* scrolls; no selection */
};

static struct help_line *
add(struct help *h, int heading, const char *keys, const char *name,
    const char *text)
{
	struct help_line	*l;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->l = xreallocarray(h->l, (size_t)h->cap, sizeof *h->l);
	}
	l = &h->l[h->n++];
	l->heading = heading;
	snprintf(l->keys, sizeof l->keys, "%s", keys);
	snprintf(l->name, sizeof l->name, "%s", name);
	snprintf(l->text, sizeof l->text, "%s", text);
	return l;
}

static const struct {
	const char	*prefix;
	const char	*title;
} groups[] = {
	{ "app.", "Global" },
	{ "pane.", "Panes" },
	{ "nav.", "Navigation" },
	{ "stock.", "Stock" },
};

static void
help_build(struct help *h)
{
	const char	*name;
	char		 keys[64], k[32];
	int		 codes[8], nk, g, a, i;
	size_t		 o;

	h->n = 0;
	for (g = 0; g < (int)(sizeof groups / sizeof groups[0]); g++) {
		if (h->n > 0)
			add(h, 0, "", "", "");
		add(h, 1, "", "", groups[g].title);
		for (a = ACT_NONE + 1; a < ACT_NACTIONS; a++) {
			name = keymap_action_name((enum action)a);
			if (strncmp(name, groups[g].prefix,
			    strlen(groups[g].prefix)) != 0)
				continue;
			nk = keymap_keys_for(h->app->km, (enum action)a, codes,
			    8);
			o = 0;
			keys[0] = '\0';
			for (i = 0; i < nk; i++) {
				keymap_key_name(codes[i], k, sizeof k);
				o += (size_t)snprintf(keys + o, sizeof keys - o,
				    "%s%s", i > 0 ? ", " : "", k);
				if (o >= sizeof keys)
					break;
			}
			if (nk == 0)
				snprintf(keys, sizeof keys, "(unbound)");
			add(h, 0, keys, name, keymap_action_help(
			    (enum action)a));
		}
	}
	add(h, 0, "", "", "");
	add(h, 1, "", "", "In dialogs (adjust, receive, count)");
	add(h, 0, "Tab, Shift-Tab", "", "Next / previous field");
	add(h, 0, "Left, Right", "", "Choose the reason (or its first "
	    "letter: d l f r c o)");
	add(h, 0, "Enter", "", "Post the change (large or negative changes "
	    "ask first)");
	add(h, 0, "Esc", "", "Cancel");
	add(h, 0, "y/Enter, n/Esc", "", "Answer a confirmation");
	add(h, 0, "", "", "");
	add(h, 1, "", "", "Scan mode");
	add(h, 0, "code + Enter", "", "Look up a barcode or SKU and apply "
	    "+1 (receive) or -1 (sell)");
	add(h, 0, "Tab", "", "Switch between receive and sell");
	add(h, 0, "C-z", "", "Undo the last scan");
	add(h, 0, "Esc", "", "Leave scan mode");
	add(h, 0, "", "", "");
	add(h, 1, "", "", "Commands (after :)");
	for (i = 0; cmdline_commands[i].name != NULL; i++)
		add(h, 0, cmdline_commands[i].usage, "",
		    cmdline_commands[i].help);
}

static void *
help_init(struct app *app, void *arg)
{
	struct help	*h;

	h = xcalloc(1, sizeof *h);
	h->app = app;
	h->nav.page = 10;
	help_build(h);
	return h;
}

static void
help_free(void *data)
{
	struct help	*h = data;

	free(h->l);
	free(h);
}

static int
help_draw(void *data, WINDOW *w)
{
	struct help		*h = data;
	struct help_line	*l;
	int			 rows = getmaxy(w), cols = getmaxx(w), y, i, x;
	int			 kw = HELP_KEYSW, nw = HELP_NAMEW;

	themec_bkgd(w, THEME_NORMAL);
	werase(w);
	themec_set(w, THEME_BORDER_FOCUS);
	text_frame(w);
	text_put_role(w, 0, 1, cols - 2, " Help: keys from the active keymap ",
	    THEME_SELECTED, TEXT_LEFT, 0);
	if (cols < 70) {
		kw = 14;
		nw = 0;
	}
	listnav_scroll(&h->nav, rows - 2, h->n);
	for (i = h->nav.top, y = 1; i < h->n && y < rows - 1; i++, y++) {
		l = &h->l[i];
		if (l->heading) {
			text_put_role(w, y, 2, cols - 4, l->text,
			    THEME_COLHEAD, TEXT_LEFT, 0);
			continue;
		}
		x = 2;
		text_put_role(w, y, x, kw, l->keys, THEME_ACCENT, TEXT_LEFT,
		    1);
		x += kw + 1;
		if (nw > 0) {
			text_put_role(w, y, x, nw, l->name, THEME_DIM,
			    TEXT_LEFT, 1);
			x += nw + 1;
		}
		if (x < cols - 2)
			text_put_role(w, y, x, cols - 2 - x, l->text,
			    THEME_NORMAL, TEXT_LEFT, 0);
	}
	if (h->nav.top + h->nav.page < h->n)
		text_put_role(w, rows - 1, 2, cols - 4, " more below ",
		    THEME_DIM, TEXT_LEFT, 0);
	return 0;
}

static int
help_key(void *data, enum action act, int key)
{
	struct help	*h = data;

	/* Esc closes even under a keymap that unbinds it. */
	if (key == KC_ESC)
		return SCR_HANDLED | SCR_POP;
	switch (act) {
	case ACT_BACK:
	case ACT_QUIT:
	case ACT_HELP:
		return SCR_HANDLED | SCR_POP;
	default:
		break;
	}
	if (listnav_move(act, h->nav.top, h->nav.page, h->n, &h->nav.top) != 0)
		return 0;
	listnav_scroll(&h->nav, h->nav.page, h->n);
	return SCR_HANDLED | SCR_REDRAW;
}

static int
help_notify(void *data, int events)
{
	struct help	*h = data;

	if (events & APP_EV_KEYMAP)
		help_build(h);
	return events & (APP_EV_KEYMAP | APP_EV_THEME) ? SCR_REDRAW : 0;
}

static void
help_hints(void *data, char *buf, size_t len)
{
	struct help	*h = data;
	static const enum action acts[] = { ACT_BACK, ACT_DOWN, ACT_UP,
	    ACT_PGDN, ACT_NONE };

	app_hints(h->app, acts, buf, len);
}

const struct screen_ops screen_help_ops = {
	.name = "help",
	.init = help_init,
	.free = help_free,
	.draw = help_draw,
	.key = help_key,
	.notify = help_notify,
	.hints = help_hints,
	.opaque = 1,
};
