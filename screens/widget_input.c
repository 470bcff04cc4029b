/*
 * widget_input.c - a one-line text field, as code points.
 *
 * Keys (keymap.h codes): characters insert; Left/Right, Home/End, C-a and
 * C-e move; Backspace (or C-h) and Delete erase; C-u clears; C-w erases a word;
 * C-k erases to the end. The field scrolls sideways so the cursor stays
 * in view, measuring by display width. Text leaves as UTF-8.
 *
 * Start at input_key().
 */
#include <string.h>

#include "keymap.h"
#include "keys.h"
#include "theme_curses.h"
#include "widgets.h"

void
input_clear(struct input *in)
{
	memset(in, 0, sizeof *in);
}

void
input_set(struct input *in, const char *s)
{
	uint32_t	cp;

	input_clear(in);
	while (*s != '\0' && in->len < INPUT_MAX - 1) {
		s += text_decode(s, &cp);
		in->cp[in->len++] = cp;
	}
	in->cur = in->len;
}

void
input_get(const struct input *in, char *buf, size_t len)
{
	char	tmp[4];
	size_t	o = 0;
	int	i, n;

	if (len == 0)
		return;
	for (i = 0; i < in->len; i++) {
		n = text_encode(in->cp[i], tmp);
		if (o + (size_t)n >= len)
			break;
		memcpy(buf + o, tmp, (size_t)n);
		o += (size_t)n;
	}
	buf[o] = '\0';
}

static void
cut(struct input *in, int from, int to)
{
	if (from < 0)
		from = 0;
	if (to > in->len)
		to = in->len;
	if (from >= to)
		return;
	memmove(in->cp + from, in->cp + to,
	    (size_t)(in->len - to) * sizeof in->cp[0]);
	in->len -= to - from;
	in->cur = from;
}

int
input_key(struct input *in, int key)
{
	int	i;

	if (keys_is_text(key)) {
		if (in->len >= INPUT_MAX - 1)
			return INPUT_MOVE;	/* full: swallow it */
		memmove(in->cp + in->cur + 1, in->cp + in->cur,
		    (size_t)(in->len - in->cur) * sizeof in->cp[0]);
		in->cp[in->cur++] = (uint32_t)key;
		in->len++;
		return INPUT_EDIT;
	}
	switch (key) {
	case KC_LEFT:
	case KEYS_CTRL('b'):
		if (in->cur > 0)
			in->cur--;
		return INPUT_MOVE;
	case KC_RIGHT:
	case KEYS_CTRL('f'):
		if (in->cur < in->len)
			in->cur++;
		return INPUT_MOVE;
	case KC_HOME:
	case KEYS_CTRL('a'):
		in->cur = 0;
		return INPUT_MOVE;
	case KC_END:
	case KEYS_CTRL('e'):
		in->cur = in->len;
		return INPUT_MOVE;
	case KC_BACKSPACE:
	case KEYS_CTRL('h'):
		if (in->cur == 0)
			return INPUT_MOVE;
		cut(in, in->cur - 1, in->cur);
		return INPUT_EDIT;
	case KC_DELETE:
	case KEYS_CTRL('d'):
		if (in->cur == in->len)
			return INPUT_MOVE;
		cut(in, in->cur, in->cur + 1);
		return INPUT_EDIT;
	case KEYS_CTRL('u'):
		cut(in, 0, in->cur);
		return INPUT_EDIT;
	case KEYS_CTRL('k'):
		cut(in, in->cur, in->len);
		return INPUT_EDIT;
	case KEYS_CTRL('w'):
		i = in->cur;
		while (i > 0 && in->cp[i - 1] == ' ')
			i--;
		while (i > 0 && in->cp[i - 1] != ' ')
			i--;
		cut(in, i, in->cur);
		return INPUT_EDIT;
	}
	return 0;
}

int
input_draw(WINDOW *win, int y, int x, int w, struct input *in,
    enum theme_role role)
{
	char	buf[INPUT_MAX * 4 + 1], tmp[4];
	size_t	o = 0;
	int	i, used, n, cx;

	if (w < 2)
		return x;
	/* Scroll so the cursor fits, keeping one column for it. */
	if (in->off > in->cur)
		in->off = in->cur;
	for (;;) {
		used = 0;
		for (i = in->off; i < in->cur; i++)
			used += text_cp_width(in->cp[i]);
		if (used <= w - 1 || in->off >= in->cur)
			break;
		in->off++;
	}
	cx = x + used;
	used = 0;
	for (i = in->off; i < in->len; i++) {
		if (used + text_cp_width(in->cp[i]) > w)
			break;
		used += text_cp_width(in->cp[i]);
		n = text_encode(in->cp[i], tmp);
		memcpy(buf + o, tmp, (size_t)n);
		o += (size_t)n;
	}
	buf[o] = '\0';
	text_put_role(win, y, x, w, buf, role, TEXT_LEFT, 1);
	wmove(win, y, cx);
	return cx;
}
