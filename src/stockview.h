/*
 * stockview.h - the Stock pane's list model: filter, sort, and fetch only
 * the rows on screen.
 *
 * It keeps a compact index of every product (id, SKU, name, barcode)
 * so typing a filter character narrows the list in memory
 * without a query; quantities and everything else are read from the
 * database only for the rows being drawn. Sorting by a quantity reads
 * every product's quantity once and sorts in memory. stockview_refresh() picks up changes made
 * by other connections. One per screen; not thread-safe.
 */
#ifndef STOCKVIEW_H
#define STOCKVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "stock.h"

enum stockview_sort {
	SV_SORT_SKU,
	SV_SORT_NAME,
	SV_SORT_CATEGORY,
	SV_SORT_AVAILABLE,
	SV_SORT_ON_HAND,
	SV_NSORTS
};

struct stockview;

struct stockview	*stockview_new(struct db *, struct err *);
void			 stockview_free(struct stockview *);

/*
 * Read every product's search text (SKU, name, barcode) now; otherwise
 * the first filter does. The TUI calls it when idle after the first paint.
 */
int			 stockview_prepare(struct stockview *, struct err *);
/* Case-insensitive substring of SKU, name or barcode; "" shows all. */
void			 stockview_set_filter(struct stockview *, const char *);
const char		*stockview_filter(const struct stockview *);
int			 stockview_set_sort(struct stockview *,
			     enum stockview_sort, int descending, struct err *);
enum stockview_sort	 stockview_sort(const struct stockview *, int *desc);
const char		*stockview_sort_name(enum stockview_sort);

/* Rows in the current (filtered) list, and in all. */
size_t			 stockview_count(const struct stockview *);
size_t			 stockview_total(const struct stockview *);
/* Fill out[0..n) with rows first..first+n; returns how many were filled. */
int			 stockview_rows(struct stockview *, size_t first,
			     size_t n, struct stock_row *out, struct err *);
/* Position of a product in the current list, or -1. */
long			 stockview_find(const struct stockview *, int64_t id);
/* The product id at a position, or 0. */
int64_t			 stockview_id_at(const struct stockview *, size_t pos);

/*
 * Re-read what may have changed in another connection: the index if the
 * catalogue changed, the order if sorted by a quantity. Cheap otherwise.
 */
int			 stockview_refresh(struct stockview *, struct err *);

#endif
