/*
 * dlg.h - what the small dialogs (adjust, receive, count, confirm) share:
 * a centred framed box, labelled fields and message lines.
 */
#ifndef DLG_H
#define DLG_H

#include <curses.h>

#include "app.h"
#include "stock.h"
#include "theme.h"
#include "widgets.h"

#define DLG_MAXW	64
#define DLG_LABELW	11	/* "Unit cost: " */

/* Centre a box of w x h in the terminal (shrunk to fit) into r. */
void	dlg_place(struct rect *r, int rows, int cols, int w, int h);
/* Clear the window and frame it, with title in the top border. */
void	dlg_frame(WINDOW *, const char *title);
/* A line of text inside the frame at row y. */
void	dlg_text(WINDOW *, int y, const char *, enum theme_role);
/* "Label:  [text  ]"; returns the cursor column when focused, else -1. */
int	dlg_field(WINDOW *, int y, const char *label, struct input *,
	    int focused);
/* The selected product's row, or -1 with a message in the status bar. */
int	dlg_product(struct app *, struct stock_row *);

#endif
