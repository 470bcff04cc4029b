/*
 * stock.h - stock levels: what is on hand, committed and available per
 * product and location, and how a level reads at a glance.
 *
 * Levels are only ever changed by ledger_post(); this is the read side.
 */
#ifndef STOCK_H
#define STOCK_H

#include <stdint.h>

#include "db.h"
#include "err.h"

enum stock_state {
	STOCK_OK,
	STOCK_LOW,		/* 0 < available <= reorder point */
	STOCK_OUT,		/* available == 0 */
	STOCK_NEGATIVE,		/* available < 0: the ledger says we oversold */
};

/* One product's row as lists show it. Strings are copies, truncated. */
struct stock_row {
	int64_t			 id;
	char			 sku[64];
	char			 name[128];
	char			 category[48];
	char			 barcode[32];
	int64_t			 on_hand;
	int64_t			 committed;
	int64_t			 available;
	int64_t			 reorder_point;	/* -1 when unset */
	int64_t			 price;
	int64_t			 cost;
	enum stock_state	 state;
};

enum stock_state	 stock_state_of(int64_t available, int64_t reorder_point);
/* "ok", "low", "out", "negative" */
const char		*stock_state_name(enum stock_state);

/* One product's row (all locations summed). */
int	stock_get(struct db *, int64_t product_id, struct stock_row *,
	    struct err *);

/*
 * Products at or below their manual reorder point (or out, or negative),
 * worst first, at most max rows into an array the caller frees.
 */
int	stock_low(struct db *, int max, struct stock_row **out, int *n,
	    struct err *);
/* How many products stock_low() would list without the cap. */
int	stock_low_count(struct db *, int64_t *count, struct err *);

/* Call fn for every product's row in SKU order (low_only: LOW/OUT/NEG). */
int	stock_each(struct db *, int low_only,
	    int (*fn)(const struct stock_row *, void *), void *arg,
	    struct err *);

/* Copy UTF-8 src into dst of size n without splitting a character. */
void	utf8_copy(char *dst, const char *src, size_t n);

#endif
