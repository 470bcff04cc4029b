/*
 * widgets.h - the small drawing pieces screens are made of.
 *
 *	widget_text.c	UTF-8 text measured and cut by display width
 *	widget_table.c	columns that fit a width, drawn cell by cell
 *	widget_input.c	a one-line text field
 *	widget_spark.c	a sparkline of block characters
 *
 * All text handed to widgets is UTF-8 (the database's encoding), whatever
 * the locale; when the locale cannot show Unicode, non-ASCII characters
 * are drawn as '?' and symbols fall back to ASCII.
 */
#ifndef WIDGETS_H
#define WIDGETS_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "theme.h"

/* widget_text.c */
enum { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTRE };

/* Once at start: whether the locale is UTF-8. */
void	text_init(void);
int	text_utf8(void);
/* Display width of UTF-8 s. */
int	text_width(const char *s);
/*
 * Draw s at y, x in at most w columns, cut with an ellipsis when it does
 * not fit; pad with spaces to w when pad. Returns the columns drawn.
 */
int	text_put(WINDOW *, int y, int x, int w, const char *s, int align,
	    int pad);
/* text_put() in a role, restoring the window's attributes after. */
int	text_put_role(WINDOW *, int y, int x, int w, const char *s,
	    enum theme_role, int align, int pad);
/* Fill w columns at y, x with spaces. */
void	text_blank(WINDOW *, int y, int x, int w);
/* Decode one UTF-8 character; returns bytes used (1 for a bad byte). */
int	text_decode(const char *s, uint32_t *cp);
/* Encode a code point; returns bytes written (at most 4). */
int	text_encode(uint32_t cp, char *out);
/* Width of one code point as drawn (0 for combining, 1 for '?'). */
int	text_cp_width(uint32_t cp);
/*
 * Word-wrap s to width w into at most max lines of linesz bytes each
 * (out is max * linesz bytes). Returns the number of lines.
 */
int	text_wrap(const char *s, int w, char *out, size_t linesz, int max);

/*
 * A frame around the window: Unicode box lines in a UTF-8 locale (so
 * they never depend on the terminal's alternate character set), the
 * terminal's line drawing otherwise.
 */
void	text_frame(WINDOW *);
/* The frame's vertical line at y, x. */
void	text_vline(WINDOW *, int y, int x);

/* widget_table.c */
struct table_col {
	const char	*title;
	int		 width;		/* 0: takes what is left (one flex) */
	int		 min;		/* the flex column's least width */
	int		 align;		/* TEXT_LEFT or TEXT_RIGHT */
	int		 keep;		/* higher: hidden later when narrow */
	int		 x, w;		/* table_layout(): w is 0 when hidden */
};

/* Place columns across width, hiding the least kept ones first. */
void	table_layout(struct table_col *, int n, int width);
void	table_head(WINDOW *, int y, const struct table_col *, int n,
	    enum theme_role);
void	table_cell(WINDOW *, int y, const struct table_col *, const char *);

/* widget_input.c */
#define INPUT_MAX 256

struct input {
	uint32_t	cp[INPUT_MAX];
	int		len;
	int		cur;	/* insertion point, in characters */
	int		off;	/* first character shown */
};

enum { INPUT_EDIT = 1, INPUT_MOVE = 2 };

void	input_set(struct input *, const char *utf8);
void	input_clear(struct input *);
/* The text as UTF-8 into buf. */
void	input_get(const struct input *, char *buf, size_t len);
/* Edit with a key code; INPUT_EDIT, INPUT_MOVE or 0 if not ours. */
int	input_key(struct input *, int key);
/* Draw in w columns; returns the cursor's column in the window. */
int	input_draw(WINDOW *, int y, int x, int w, struct input *,
	    enum theme_role);

/* widget_spark.c */
/*
 * Draw n values in w columns (summing neighbours when n > w), scaled so
 * the largest is a full block. Returns the columns drawn.
 */
int	spark_draw(WINDOW *, int y, int x, int w, const int64_t *v, int n);

#endif
