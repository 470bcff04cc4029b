/*
 * widget_table.c - columns that fit a width.
 *
 * A table is an array of struct table_col: fixed widths and at most one
 * flexible column (width 0) that takes what is left. When the width is too
 * small, the column with the lowest keep is hidden first, so a narrow pane
 * still shows SKU and quantities. Cells are cut by display width.
 *
 * Start at table_layout().
 */
#include "theme_curses.h"
#include "widgets.h"

/* Width needed by the visible columns, with one space between. */
static int
needed(const struct table_col *c, int n, const int *hidden)
{
	int	i, w = 0, shown = 0;

	for (i = 0; i < n; i++) {
		if (hidden[i])
			continue;
		w += c[i].width > 0 ? c[i].width : c[i].min;
		shown++;
	}
	return w + (shown > 0 ? shown - 1 : 0);
}

void
table_layout(struct table_col *c, int n, int width)
{
	int	hidden[32] = { 0 };
	int	i, lo, x, flex = -1, extra;

	if (n > 32)
		n = 32;
	for (;;) {
		if (needed(c, n, hidden) <= width)
			break;
		lo = -1;
		for (i = 0; i < n; i++) {
			if (hidden[i] || c[i].keep >= 100)
				continue;
			if (lo == -1 || c[i].keep < c[lo].keep)
				lo = i;
		}
		if (lo == -1)
			break;
		hidden[lo] = 1;
	}
	extra = width - needed(c, n, hidden);
	if (extra < 0)
		extra = 0;
	x = 0;
	for (i = 0; i < n; i++) {
		if (hidden[i]) {
			c[i].x = 0;
			c[i].w = 0;
			continue;
		}
		c[i].x = x;
		c[i].w = c[i].width > 0 ? c[i].width : c[i].min;
		if (c[i].width == 0 && flex == -1) {
			flex = i;
			c[i].w += extra;
			extra = 0;
		}
		if (c[i].x + c[i].w > width)
			c[i].w = width - c[i].x;
		if (c[i].w < 0)
			c[i].w = 0;
		x += c[i].w + 1;
	}
}

void
table_head(WINDOW *w, int y, const struct table_col *c, int n,
    enum theme_role role)
{
	int	i;

	themec_set(w, role);
	text_blank(w, y, 0, getmaxx(w));
	for (i = 0; i < n; i++) {
		if (c[i].w > 0)
			text_put(w, y, c[i].x, c[i].w, c[i].title, c[i].align,
			    1);
	}
}

void
table_cell(WINDOW *w, int y, const struct table_col *c, const char *s)
{
	if (c->w > 0)
		text_put(w, y, c->x, c->w, s, c->align, 1);
}
