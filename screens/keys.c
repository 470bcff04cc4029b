/*
 * keys.c - turning wget_wch() results into keymap.h key codes.
 *
 * Function keys come from keypad() as KEY_* codes. Everything else is a
 * character: Enter (CR or LF), Tab, Backspace (DEL) and Esc become their
 * KC_* codes, other control characters stay 1..31 (C-a is 1; ^H stays
 * C-h, which emacs users bind, and text fields take as Backspace), and
 * an Esc followed at once by another character is Meta/Alt plus that
 * character (KC_META | c). "At once" means the terminal sent both in one
 * burst: ncurses has them buffered when the Esc is returned, so a nodelay
 * read finds the second one. ESCDELAY is set small (KEYS_ESCDELAY) by
 * tui.c so a lone Esc is not held for a second. An Esc [ or Esc O that
 * curses did not recognise is read to its end and decoded or dropped
 * (sequence()), so a wrong TERM never turns keys into commands.
 *
 * Called only by the loop. Start at keys_read().
 */
#include <stdlib.h>
#include <wchar.h>

#include "keymap.h"
#include "keys.h"

static int
special(wint_t k)
{
	if (k >= (wint_t)KEY_F(1) && k <= (wint_t)KEY_F(12))
		return KC_F1 + (int)(k - KEY_F(1));
	switch (k) {
	case KEY_UP:
		return KC_UP;
	case KEY_DOWN:
		return KC_DOWN;
	case KEY_LEFT:
		return KC_LEFT;
	case KEY_RIGHT:
		return KC_RIGHT;
	case KEY_PPAGE:
		return KC_PGUP;
	case KEY_NPAGE:
		return KC_PGDN;
	case KEY_HOME:
	case KEY_A1:
		return KC_HOME;
	case KEY_END:
	case KEY_C1:
		return KC_END;
	case KEY_ENTER:
		return KC_ENTER;
	case KEY_BTAB:
		return KC_BTAB;
	case KEY_BACKSPACE:
		return KC_BACKSPACE;
	case KEY_DC:
		return KC_DELETE;
	case KEY_IC:
		return KC_INSERT;
	}
	return 0;
}

static int
character(wint_t c)
{
	switch (c) {
	case '\r':
	case '\n':
		return KC_ENTER;
	case '\t':
		return KC_TAB;
	case 127:
		return KC_BACKSPACE;
	case 27:
		return KC_ESC;
	case 0:
		return 0;	/* C-Space: not bindable */
	}
	if (c >= KC_SPECIAL)
		return 0;
	return (int)c;
}

/*
 * An escape sequence the terminal description did not know (a TERM that
 * does not match the terminal, as under tmux or ssh). Read it to its final
 * byte so its pieces never arrive as keys ("\033[4~" must not be Esc, '[',
 * '4' = focus Sync, '~'), and take the common ones for what they are.
 */
static int
sequence(WINDOW *w, int intro)
{
	char	p[16];
	wint_t	c;
	int	n = 0, r;

	for (;;) {
		if ((r = wget_wch(w, &c)) == ERR)
			return 0;	/* cut short: drop it */
		if (r == KEY_CODE_YES) {
			ungetch((int)c);
			return 0;
		}
		if (c >= 0x40 && c <= 0x7e)
			break;
		if (n < (int)sizeof p - 1)
			p[n++] = (char)c;
	}
	p[n] = '\0';
	switch (c) {
	case 'A':
		return KC_UP;
	case 'B':
		return KC_DOWN;
	case 'C':
		return KC_RIGHT;
	case 'D':
		return KC_LEFT;
	case 'H':
		return KC_HOME;
	case 'F':
		return KC_END;
	case 'Z':
		return KC_BTAB;
	case 'P':
	case 'Q':
	case 'R':
	case 'S':
		return intro == 'O' && n == 0 ? KC_F1 + (int)(c - 'P') : 0;
	case '~':
		switch (atoi(p)) {
		case 1:
		case 7:
			return KC_HOME;
		case 2:
			return KC_INSERT;
		case 3:
			return KC_DELETE;
		case 4:
		case 8:
			return KC_END;
		case 5:
			return KC_PGUP;
		case 6:
			return KC_PGDN;
		}
		break;
	}
	return 0;
}

int
keys_read(WINDOW *w, int *code)
{
	wint_t	c, c2;
	int	r, r2, k;

	*code = 0;
	if ((r = wget_wch(w, &c)) == ERR)
		return KEYS_NONE;
	if (r == KEY_CODE_YES) {
		if (c == KEY_RESIZE)
			return KEYS_RESIZE;
		*code = special(c);
		return KEYS_KEY;
	}
	if (c != 27) {
		*code = character(c);
		return KEYS_KEY;
	}

	/* Esc: Meta if another character is already waiting. */
	*code = KC_ESC;
	if ((r2 = wget_wch(w, &c2)) == ERR)
		return KEYS_KEY;
	if (r2 == KEY_CODE_YES) {
		ungetch((int)c2);
		return KEYS_KEY;
	}
	if (c2 == 27) {
		unget_wch((wchar_t)c2);
		return KEYS_KEY;
	}
	if (c2 == '[' || c2 == 'O') {
		*code = sequence(w, (int)c2);
		return KEYS_KEY;
	}
	if ((k = character(c2)) != 0)
		*code = KC_META | k;
	return KEYS_KEY;
}

int
keys_is_text(int code)
{
	if (code & KC_META)
		return 0;
	return code >= 32 && code != 127 && code < KC_SPECIAL;
}
