/*
 * dlg.h - what the small dialogs (adjust, receive, count, confirm) share:
 * a centred framed box, labelled fields and message lines; and for the
 * three that move stock, the product, its refresh, cancel and posting.
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

/*
 * What the dialogs that move stock (adjust, receive, count) share. It is
 * the first member of each one's struct, so the screen's data is also a
 * struct dlg_move and dlg_move_free and dlg_move_notify serve as ops.
 */
struct dlg_move {
	struct app		*app;
	struct stock_row	 row;	/* the product, reread on change */
	void			 (*check)(void *);	/* sets valid, err */
	int			 valid;	/* what was typed can be posted */
	char			 err[640];	/* what is wrong, or "" */
};

/*
 * size bytes of dialog (zeroed) for the selected product; NULL with a
 * message in the status bar if there is none. check(data) runs whenever
 * the product is reread.
 */
void	*dlg_move_new(struct app *, size_t size, void (*check)(void *));
void	 dlg_move_free(void *);
/* Reread the product when the data changed (another process may move it). */
int	 dlg_move_notify(void *, int events);
/* The frame, titled "verb SKU", and the product's name on line 1. */
void	 dlg_move_frame(struct dlg_move *, WINDOW *, const char *verb);
/* Line y: "On hand 16", or "On hand 16 -> 14" while the change is valid. */
void	 dlg_move_on_hand(struct dlg_move *, WINDOW *, int y, int64_t delta,
	     enum theme_role);
/*
 * Whether key closes the dialog (Esc, or app.back on a key that does not
 * type text); if so, says msg in the status bar.
 */
int	 dlg_move_cancel(struct dlg_move *, enum action, int key,
	     const char *msg);
/*
 * Post pr (its kind and amounts set) for the product through
 * post_confirm(); the dialog closes once it is posted, or shows why not.
 */
int	 dlg_move_post(struct dlg_move *, struct post_req *);

#endif
