/*
 * keymap.c - named actions, the keys bound to them, and keymap files.
 *
 * The defaults are the typed table default_keys[] below (dwm's keys[]);
 * keymaps/default.keymap repeats it line for line, so the shipped file
 * documents what the binary does. keymap_load() applies, in order: the
 * table, keymaps/NAME.keymap (found by paths_shipped()), then the user's
 * $XDG_CONFIG_HOME/invsync/keymap. Each file is lines of
 *
 *	bind KEY ACTION		# KEY now does ACTION
 *	unbind KEY		# KEY does nothing
 *	unbind-all		# start from an empty keymap
 *
 * with '#' comments, read with conffile.c. A bad line becomes a diag
 * "file:line: reason" and is skipped; the rest of the file still applies.
 *
 * Keys are the abstract codes of keymap.h. Terminals cannot tell C-i from
 * Tab, C-m and C-j from Enter, or C-[ from Esc, so those are folded into
 * KC_TAB, KC_ENTER and KC_ESC (and DEL, 127, into KC_BACKSPACE) both when
 * binding and when looking up: a screen may pass '\t' or KC_TAB alike.
 *
 * A keymap owns its bindings. Lookup is a direct array for codes below
 * 128 and a small chained hash for the rest; bindings are also kept in a
 * vector in the order they were made, which keymap_keys_for() returns so
 * help lists "?" before "F1". Not locked: the UI thread owns its keymap.
 * Start at keymap_load().
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conffile.h"
#include "diag.h"
#include "keymap.h"
#include "xmalloc.h"

#define KEYMAP_LOW	128	/* codes looked up by direct index */
#define KEYMAP_BUCKETS	64	/* hash buckets for the others */
#define KEYMAP_MAXTOK	4

#define CTRL(c)		((c) & 0x1f)

struct binding {
	int		key;
	enum action	act;
	int		next;	/* hash chain (keys >= KEYMAP_LOW); -1 ends */
};

struct keymap {
	enum action	 low[KEYMAP_LOW];
	int		 bucket[KEYMAP_BUCKETS];
	struct binding	*b;	/* in binding order */
	int		 n;
	int		 size;
};

/* Every action's name (as in files) and its line in the help screen. */
static const struct {
	const char	*name;
	const char	*help;
} actions[ACT_NACTIONS] = {
	[ACT_NONE] = { "none", "Do nothing" },
	[ACT_QUIT] = { "app.quit", "Quit invsync" },
	[ACT_HELP] = { "app.help", "Show the keys and what they do" },
	[ACT_COMMAND] = { "app.command", "Open the command line" },
	[ACT_BACK] = { "app.back", "Close, cancel or go back" },
	[ACT_REDRAW] = { "app.redraw", "Redraw the screen" },
	[ACT_PANE_NEXT] = { "pane.next", "Focus the next pane" },
	[ACT_PANE_PREV] = { "pane.prev", "Focus the previous pane" },
	[ACT_PANE_ZOOM] = { "pane.zoom", "Zoom or unzoom the focused pane" },
	[ACT_PANE_STOCK] = { "pane.stock", "Show the stock pane" },
	[ACT_PANE_ALERTS] = { "pane.alerts", "Show the alerts pane" },
	[ACT_PANE_FORECAST] = { "pane.forecast", "Show the forecast pane" },
	[ACT_PANE_SYNC] = { "pane.sync", "Show the sync pane" },
	[ACT_UP] = { "nav.up", "Move up one row" },
	[ACT_DOWN] = { "nav.down", "Move down one row" },
	[ACT_PGUP] = { "nav.pgup", "Move up one page" },
	[ACT_PGDN] = { "nav.pgdn", "Move down one page" },
	[ACT_HOME] = { "nav.home", "Go to the first row" },
	[ACT_END] = { "nav.end", "Go to the last row" },
	[ACT_SELECT] = { "nav.select", "Open the selected row" },
	[ACT_FILTER] = { "stock.filter", "Filter products by SKU or name" },
	[ACT_SORT_NEXT] = { "stock.sort", "Sort by the next column" },
	[ACT_SORT_REVERSE] = { "stock.sort-reverse",
	    "Reverse the sort order" },
	[ACT_ADJUST] = { "stock.adjust", "Adjust stock on hand (+/-)" },
	[ACT_RECEIVE] = { "stock.receive", "Receive a delivery" },
	[ACT_COUNT] = { "stock.count", "Record a stock count" },
	[ACT_HISTORY] = { "stock.history", "Show the product's movements" },
	[ACT_UNDO] = { "stock.undo", "Undo the last movement" },
	[ACT_SCAN] = { "stock.scan", "Scan barcodes" },
};

/*
 * The compiled-in keymap. keymaps/default.keymap must say the same, in
 * the same order (tests/unit/test_keymap.c checks).
 */
static const struct {
	int		key;
	enum action	act;
} default_keys[] = {
	{ 'q', ACT_QUIT },
	{ '?', ACT_HELP },
	{ KC_F1, ACT_HELP },
	{ ':', ACT_COMMAND },
	{ KC_ESC, ACT_BACK },
	{ CTRL('l'), ACT_REDRAW },
	{ KC_TAB, ACT_PANE_NEXT },
	{ KC_BTAB, ACT_PANE_PREV },
	{ 'z', ACT_PANE_ZOOM },
	{ '1', ACT_PANE_STOCK },
	{ '2', ACT_PANE_ALERTS },
	{ '3', ACT_PANE_FORECAST },
	{ '4', ACT_PANE_SYNC },
	{ KC_UP, ACT_UP },
	{ 'k', ACT_UP },
	{ KC_DOWN, ACT_DOWN },
	{ 'j', ACT_DOWN },
	{ KC_PGUP, ACT_PGUP },
	{ CTRL('b'), ACT_PGUP },
	{ KC_PGDN, ACT_PGDN },
	{ CTRL('f'), ACT_PGDN },
	{ ' ', ACT_PGDN },
	{ KC_HOME, ACT_HOME },
	{ 'g', ACT_HOME },
	{ KC_END, ACT_END },
	{ 'G', ACT_END },
	{ KC_ENTER, ACT_SELECT },
	{ '/', ACT_FILTER },
	{ 's', ACT_SORT_NEXT },
	{ 'S', ACT_SORT_REVERSE },
	{ 'a', ACT_ADJUST },
	{ '+', ACT_ADJUST },
	{ '-', ACT_ADJUST },
	{ 'r', ACT_RECEIVE },
	{ 'c', ACT_COUNT },
	{ 'h', ACT_HISTORY },
	{ 'u', ACT_UNDO },
	{ 'b', ACT_SCAN },
};

/* Key names: the first spelling of each key is what keymap_key_name says. */
static const struct {
	const char	*name;
	int		 key;
} key_names[] = {
	{ "Up", KC_UP },
	{ "Down", KC_DOWN },
	{ "Left", KC_LEFT },
	{ "Right", KC_RIGHT },
	{ "PgUp", KC_PGUP },
	{ "PgDn", KC_PGDN },
	{ "Home", KC_HOME },
	{ "End", KC_END },
	{ "Enter", KC_ENTER },
	{ "Esc", KC_ESC },
	{ "Tab", KC_TAB },
	{ "BTab", KC_BTAB },
	{ "Backspace", KC_BACKSPACE },
	{ "Delete", KC_DELETE },
	{ "Insert", KC_INSERT },
	{ "Space", ' ' },
	/* Other spellings people use (tmux, curses, emacs). */
	{ "PageUp", KC_PGUP },
	{ "PPage", KC_PGUP },
	{ "PageDown", KC_PGDN },
	{ "PgDown", KC_PGDN },
	{ "NPage", KC_PGDN },
	{ "Return", KC_ENTER },
	{ "RET", KC_ENTER },
	{ "Escape", KC_ESC },
	{ "S-Tab", KC_BTAB },
	{ "BackTab", KC_BTAB },
	{ "BSpace", KC_BACKSPACE },
	{ "Del", KC_DELETE },
	{ "DC", KC_DELETE },
	{ "Ins", KC_INSERT },
	{ "IC", KC_INSERT },
	{ "SPC", ' ' },
};

/* What follows "C-" for each control code 0..31: C-@, C-a, ..., C-_. */
static const char ctrl_punct[] = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

/* Fold the codes a terminal cannot tell apart; see the top of the file. */
static int
canon(int key)
{
	int	meta = key & KC_META;

	switch (key & ~KC_META) {
	case '\t':
		return meta | KC_TAB;
	case '\n':
	case '\r':
		return meta | KC_ENTER;
	case 0x1b:
		return meta | KC_ESC;
	case 0x7f:
		return meta | KC_BACKSPACE;
	}
	return key;
}

static unsigned int
hash(int key)
{
	return ((uint32_t)key * 2654435761u) >> 26;	/* top 6 bits */
}

static int
find(const struct keymap *km, int key)
{
	int	i;

	if (key >= 0 && key < KEYMAP_LOW) {
		if (km->low[key] == ACT_NONE)
			return -1;
		for (i = 0; i < km->n; i++) {
			if (km->b[i].key == key)
				return i;
		}
		return -1;
	}
	for (i = km->bucket[hash(key)]; i != -1; i = km->b[i].next) {
		if (km->b[i].key == key)
			return i;
	}
	return -1;
}

/* Rebuild the hash chains; indices shift whenever a binding is removed. */
static void
rehash(struct keymap *km)
{
	unsigned int	h;
	int		i;

	for (i = 0; i < KEYMAP_BUCKETS; i++)
		km->bucket[i] = -1;
	for (i = 0; i < km->n; i++) {
		km->b[i].next = -1;
		if (km->b[i].key >= 0 && km->b[i].key < KEYMAP_LOW)
			continue;
		h = hash(km->b[i].key);
		km->b[i].next = km->bucket[h];
		km->bucket[h] = i;
	}
}

static void
remove_at(struct keymap *km, int i)
{
	int	key = km->b[i].key;

	if (key >= 0 && key < KEYMAP_LOW)
		km->low[key] = ACT_NONE;
	memmove(&km->b[i], &km->b[i + 1], (km->n - i - 1) * sizeof *km->b);
	km->n--;
	rehash(km);
}

static void
append(struct keymap *km, int key, enum action act)
{
	unsigned int	h;

	if (km->n == km->size) {
		km->size = km->size == 0 ? 64 : km->size * 2;
		km->b = xreallocarray(km->b, km->size, sizeof *km->b);
	}
	km->b[km->n].key = key;
	km->b[km->n].act = act;
	km->b[km->n].next = -1;
	if (key >= 0 && key < KEYMAP_LOW)
		km->low[key] = act;
	else {
		h = hash(key);
		km->b[km->n].next = km->bucket[h];
		km->bucket[h] = km->n;
	}
	km->n++;
}

static void
unbind_all(struct keymap *km)
{
	int	i;

	memset(km->low, 0, sizeof km->low);
	for (i = 0; i < KEYMAP_BUCKETS; i++)
		km->bucket[i] = -1;
	km->n = 0;
}

struct keymap *
keymap_new(void)
{
	struct keymap	*km;
	size_t		 i;

	km = xcalloc(1, sizeof *km);
	unbind_all(km);
	for (i = 0; i < nitems(default_keys); i++)
		keymap_bind(km, default_keys[i].key, default_keys[i].act);
	return km;
}

void
keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	free(km->b);
	free(km);
}

/*
 * Bind key to act, replacing what it did. A key that changes action goes
 * to the end of the binding order; binding ACT_NONE unbinds.
 */
void
keymap_bind(struct keymap *km, int key, enum action act)
{
	int	i;

	assert((unsigned int)act < ACT_NACTIONS);
	if (key < 0)
		return;
	key = canon(key);
	if ((i = find(km, key)) != -1) {
		if (km->b[i].act == act)
			return;
		remove_at(km, i);
	}
	if (act != ACT_NONE)
		append(km, key, act);
}

enum action
keymap_lookup(const struct keymap *km, int key)
{
	int	i;

	if (km == NULL || key < 0)
		return ACT_NONE;
	key = canon(key);
	if (key < KEYMAP_LOW)
		return km->low[key];
	for (i = km->bucket[hash(key)]; i != -1; i = km->b[i].next) {
		if (km->b[i].key == key)
			return km->b[i].act;
	}
	return ACT_NONE;
}

int
keymap_keys_for(const struct keymap *km, enum action act, int *keys, int max)
{
	int	i, n = 0;

	for (i = 0; i < km->n && n < max; i++) {
		if (km->b[i].act == act)
			keys[n++] = km->b[i].key;
	}
	return n;
}

const char *
keymap_action_name(enum action act)
{
	if ((unsigned int)act >= ACT_NACTIONS)
		return "none";
	return actions[act].name;
}

const char *
keymap_action_help(enum action act)
{
	if ((unsigned int)act >= ACT_NACTIONS)
		return "";
	return actions[act].help;
}

int
keymap_action_parse(const char *s, enum action *act)
{
	int	i;

	for (i = 0; i < ACT_NACTIONS; i++) {
		if (strcmp(s, actions[i].name) == 0) {
			*act = i;
			return 0;
		}
	}
	return -1;
}

/*
 * Decode s as exactly one UTF-8 character that a terminal prints: no
 * controls, no overlong forms, no surrogates.
 */
static int
utf8_one(const char *s, int *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c, min;
	int			 n, i;

	if (p[0] < 0x80) {
		c = p[0];
		n = 1;
		min = 0;
	} else if ((p[0] & 0xe0) == 0xc0) {
		c = p[0] & 0x1f;
		n = 2;
		min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		c = p[0] & 0x0f;
		n = 3;
		min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		c = p[0] & 0x07;
		n = 4;
		min = 0x10000;
	} else
		return -1;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (p[n] != '\0' || c < min || c > 0x10ffff)
		return -1;
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = (int)c;
	return 0;
}

static void
utf8_put(int c, char *buf, size_t len)
{
	unsigned char	u[5];
	uint32_t	v = (uint32_t)c;

	if (v < 0x80) {
		u[0] = (unsigned char)v;
		u[1] = '\0';
	} else if (v < 0x800) {
		u[0] = (unsigned char)(0xc0 | (v >> 6));
		u[1] = (unsigned char)(0x80 | (v & 0x3f));
		u[2] = '\0';
	} else if (v < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (v >> 12));
		u[1] = (unsigned char)(0x80 | ((v >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (v & 0x3f));
		u[3] = '\0';
	} else {
		u[0] = (unsigned char)(0xf0 | (v >> 18));
		u[1] = (unsigned char)(0x80 | ((v >> 12) & 0x3f));
		u[2] = (unsigned char)(0x80 | ((v >> 6) & 0x3f));
		u[3] = (unsigned char)(0x80 | (v & 0x3f));
		u[4] = '\0';
	}
	snprintf(buf, len, "%s", (const char *)u);
}

/* The key after "C-": a letter (either case) or one of @[\]^_ and Space. */
static int
ctrl_parse(const char *s, int *key)
{
	const char	*p;

	if (strcasecmp(s, "Space") == 0 || strcasecmp(s, "SPC") == 0) {
		*key = 0;
		return 0;
	}
	if (s[0] == '\0' || s[1] != '\0')
		return -1;
	if (s[0] >= 'A' && s[0] <= 'Z') {
		*key = CTRL(s[0]);
		return 0;
	}
	if ((p = strchr(ctrl_punct, s[0])) == NULL)
		return -1;
	*key = (int)(p - ctrl_punct);
	return 0;
}

int
keymap_key_parse(const char *s, int *key)
{
	size_t	 i;
	long	 n;
	char	*end;
	int	 k;

	if (s == NULL || *s == '\0')
		return -1;
	if (utf8_one(s, &k) == 0)
		goto found;
	if (strncmp(s, "M-", 2) == 0 || strncmp(s, "m-", 2) == 0) {
		if (keymap_key_parse(s + 2, &k) != 0 || (k & KC_META))
			return -1;
		*key = KC_META | k;
		return 0;
	}
	if (strncmp(s, "C-", 2) == 0 || strncmp(s, "c-", 2) == 0) {
		if (ctrl_parse(s + 2, &k) != 0)
			return -1;
		goto found;
	}
	for (i = 0; i < nitems(key_names); i++) {
		if (strcasecmp(s, key_names[i].name) == 0) {
			k = key_names[i].key;
			goto found;
		}
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9') {
		n = strtol(s + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12) {
			k = KC_F1 + (int)n - 1;
			goto found;
		}
	}
	return -1;
found:
	*key = canon(k);
	return 0;
}

void
keymap_key_name(int key, char *buf, size_t len)
{
	const char	*meta = "";
	size_t		 i, used;

	if (len == 0)
		return;
	if (key < 0) {
		snprintf(buf, len, "none");
		return;
	}
	key = canon(key);
	if (key & KC_META) {
		meta = "M-";
		key &= ~KC_META;
	}
	used = (size_t)snprintf(buf, len, "%s", meta);
	if (used >= len)
		return;
	buf += used;
	len -= used;

	for (i = 0; i < nitems(key_names); i++) {
		if (key_names[i].key == key) {
			snprintf(buf, len, "%s", key_names[i].name);
			return;
		}
	}
	if (key >= KC_F1 && key <= KC_F12)
		snprintf(buf, len, "F%d", key - KC_F1 + 1);
	else if (key < 0x20)
		snprintf(buf, len, "C-%c", ctrl_punct[key]);
	else if (key <= 0x10ffff && key != 0x7f)
		utf8_put(key, buf, len);
	else
		snprintf(buf, len, "<%#x>", (unsigned int)key);
}

/* "bind # app.help": '#' is a key, not a comment, where a key belongs. */
static int
hash_is_key(char **word, int n)
{
	return n == 1 && (strcmp(word[0], "bind") == 0 ||
	    strcmp(word[0], "unbind") == 0);
}

/* Apply one line; on failure fill why (a sentence fragment). */
static int
keymap_line(void *arg, char **tok, int ntok, char *why, size_t len)
{
	struct keymap	*km = arg;
	enum action	 act;
	int		 key;

	if (strcmp(tok[0], "bind") == 0) {
		if (ntok != 3) {
			snprintf(why, len, "usage: bind KEY ACTION");
			return -1;
		}
		if (keymap_key_parse(tok[1], &key) != 0) {
			snprintf(why, len, "unknown key '%s'", tok[1]);
			return -1;
		}
		if (keymap_action_parse(tok[2], &act) != 0) {
			snprintf(why, len, "unknown action '%s'", tok[2]);
			return -1;
		}
		keymap_bind(km, key, act);
		return 0;
	}
	if (strcmp(tok[0], "unbind") == 0) {
		if (ntok != 2) {
			snprintf(why, len, "usage: unbind KEY");
			return -1;
		}
		if (keymap_key_parse(tok[1], &key) != 0) {
			snprintf(why, len, "unknown key '%s'", tok[1]);
			return -1;
		}
		keymap_bind(km, key, ACT_NONE);
		return 0;
	}
	if (strcmp(tok[0], "unbind-all") == 0) {
		if (ntok != 1) {
			snprintf(why, len, "usage: unbind-all");
			return -1;
		}
		unbind_all(km);
		return 0;
	}
	snprintf(why, len, "unknown command '%s'", tok[0]);
	return -1;
}

int
keymap_load_file(struct keymap *km, const char *path, struct diags *d)
{
	return conffile_read(path, KEYMAP_MAXTOK, hash_is_key, keymap_line, km,
	    d);
}

static int
load_file(void *km, const char *path, struct diags *d)
{
	return keymap_load_file(km, path, d);
}

struct keymap *
keymap_load(const char *name, struct diags *d)
{
	struct keymap	*km;

	km = keymap_new();
	conffile_load_named("keymap", "keymaps", name, load_file, km, d);
	return km;
}
