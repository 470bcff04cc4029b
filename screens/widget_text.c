/*
 * widget_text.c - UTF-8 text measured and cut by display width.
 *
 * Strings from the database are UTF-8 whatever the locale, so they are
 * decoded here, not with mbrtowc(); each code point is measured with
 * wcwidth() (glibc's wchar_t is the code point). Control characters and,
 * in a locale that is not UTF-8, everything outside ASCII are drawn as
 * '?', so a product name can never move the cursor or break the layout.
 *
 * Only the UI thread draws. Start at text_put().
 */
#include <langinfo.h>
#include <string.h>
#include <wchar.h>

#include "theme_curses.h"
#include "widgets.h"

#define TEXT_MAXW 1024		/* widest run drawn at once */

static int utf8_locale;

void
text_init(void)
{
	const char	*cs = nl_langinfo(CODESET);

	utf8_locale = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

int
text_utf8(void)
{
	return utf8_locale;
}

int
text_decode(const char *s, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	int			 n, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		c = u[0] & 0x1f;
		n = 2;
	} else if ((u[0] & 0xf0) == 0xe0) {
		c = u[0] & 0x0f;
		n = 3;
	} else if ((u[0] & 0xf8) == 0xf0) {
		c = u[0] & 0x07;
		n = 4;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return n;
	}
	*cp = c;
	return n;
}

int
text_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* What is drawn for cp: itself or '?'. */
static wchar_t
shown(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return L'?';
	if (cp >= 0x80 && !utf8_locale)
		return L'?';
	if (wcwidth((wchar_t)cp) < 0)
		return L'?';
	return (wchar_t)cp;
}

int
text_cp_width(uint32_t cp)
{
	int	w = wcwidth(shown(cp));

	return w < 0 ? 1 : w;
}

int
text_width(const char *s)
{
	uint32_t	cp;
	int		w = 0;

	while (*s != '\0') {
		s += text_decode(s, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

int
text_put(WINDOW *win, int y, int x, int w, const char *s, int align,
    int pad)
{
	wchar_t		 buf[TEXT_MAXW + 8];
	const char	*p;
	uint32_t	 cp;
	int		 total, used = 0, n = 0, cw, room, lead = 0;
	int		 cut;

	if (w <= 0)
		return 0;
	if (w > TEXT_MAXW)
		w = TEXT_MAXW;
	total = text_width(s);
	cut = total > w;
	room = cut ? w - 1 : w;
	if (!cut && pad && align != TEXT_LEFT) {
		lead = w - total;
		if (align == TEXT_CENTRE)
			lead /= 2;
	}
	while (n < lead)
		buf[n++] = L' ';
	used = lead;
	for (p = s; *p != '\0';) {
		p += text_decode(p, &cp);
		cw = text_cp_width(cp);
		if (used + cw > lead + room)
			break;
		buf[n++] = shown(cp);
		used += cw;
	}
	if (cut) {
		buf[n++] = utf8_locale ? L'\x2026' : L'~';
		used++;
	}
	while (pad && used < w) {
		buf[n++] = L' ';
		used++;
	}
	buf[n] = L'\0';
	if (n > 0)
		mvwaddnwstr(win, y, x, buf, n);
	return used;
}

int
text_put_role(WINDOW *win, int y, int x, int w, const char *s,
    enum theme_role role, int align, int pad)
{
	attr_t	a;
	short	pair;
	int	n;

	wattr_get(win, &a, &pair, NULL);
	themec_set(win, role);
	n = text_put(win, y, x, w, s, align, pad);
	wattr_set(win, a, pair, NULL);
	return n;
}

void
text_blank(WINDOW *win, int y, int x, int w)
{
	if (w > 0)
		mvwhline(win, y, x, ' ', w);
}

int
text_wrap(const char *s, int w, char *out, size_t linesz, int max)
{
	const char	*p = s, *word, *q;
	char		*line;
	size_t		 len, wl;
	int		 n = 0, used, ww;
	uint32_t	 cp;

	if (max <= 0 || w <= 0 || linesz == 0)
		return 0;
	line = out;
	line[0] = '\0';
	len = 0;
	used = 0;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		word = p;
		ww = 0;
		while (*p != '\0' && *p != ' ') {
			q = p;
			p += text_decode(p, &cp);
			/* A word wider than a line is cut to fit. */
			if (ww + text_cp_width(cp) > w) {
				p = q;
				break;
			}
			ww += text_cp_width(cp);
		}
		wl = (size_t)(p - word);
		if (used > 0 && used + 1 + ww > w) {
			if (++n == max)
				return n;
			line = out + (size_t)n * linesz;
			line[0] = '\0';
			len = 0;
			used = 0;
		}
		if (used > 0 && len + 1 < linesz) {
			line[len++] = ' ';
			used++;
		}
		if (len + wl >= linesz)
			wl = linesz - len - 1;
		memcpy(line + len, word, wl);
		len += wl;
		line[len] = '\0';
		used += ww;
	}
	return used > 0 || n > 0 ? n + 1 : 0;
}

static void
cell(cchar_t *c, wchar_t wc, WINDOW *w)
{
	wchar_t	s[2] = { wc, L'\0' };
	attr_t	a;
	short	pair;

	wattr_get(w, &a, &pair, NULL);
	setcchar(c, s, a, pair, NULL);
}

void
text_frame(WINDOW *w)
{
	cchar_t	ls, rs, ts, bs, tl, tr, bl, br;

	if (!utf8_locale) {
		box(w, 0, 0);
		return;
	}
	cell(&ls, L'\x2502', w);
	cell(&rs, L'\x2502', w);
	cell(&ts, L'\x2500', w);
	cell(&bs, L'\x2500', w);
	cell(&tl, L'\x250c', w);
	cell(&tr, L'\x2510', w);
	cell(&bl, L'\x2514', w);
	cell(&br, L'\x2518', w);
	wborder_set(w, &ls, &rs, &ts, &bs, &tl, &tr, &bl, &br);
}

void
text_vline(WINDOW *w, int y, int x)
{
	cchar_t	c;

	if (!utf8_locale) {
		mvwaddch(w, y, x, ACS_VLINE);
		return;
	}
	cell(&c, L'\x2502', w);
	mvwadd_wch(w, y, x, &c);
}
