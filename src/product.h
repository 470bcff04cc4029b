/*
 * product.h - the catalogue: products (one row per SKU; a variant such as
 * size or colour is its own SKU, grouped by parent_sku).
 *
 * Prices and costs are money minor units (money.h). Text is UTF-8;
 * invalid UTF-8 is refused at the door (product_validate).
 */
#ifndef PRODUCT_H
#define PRODUCT_H

#include <stdint.h>

#include "db.h"
#include "err.h"

struct product {
	int64_t	 id;
	char	*sku;
	char	*name;
	char	*category;	/* "" when none */
	char	*barcode;	/* NULL when none */
	char	*parent_sku;	/* variants share one; NULL when none */
	char	*supplier;	/* "" when none */
	int64_t	 price;
	int64_t	 cost;		/* current (last/average) unit cost */
	int64_t	 reorder_point;	/* manual threshold; -1 when unset */
	int	 active;
	int64_t	 created_at;
	int64_t	 updated_at;
};

/* Which fields product_edit() changes. */
enum {
	PRODUCT_F_NAME = 1 << 0,
	PRODUCT_F_CATEGORY = 1 << 1,
	PRODUCT_F_BARCODE = 1 << 2,
	PRODUCT_F_PRICE = 1 << 3,
	PRODUCT_F_COST = 1 << 4,
	PRODUCT_F_REORDER = 1 << 5,
	PRODUCT_F_PARENT = 1 << 6,
	PRODUCT_F_SUPPLIER = 1 << 7,
	PRODUCT_F_ACTIVE = 1 << 8,
};

/* Free the strings of p (not p itself); safe on a zeroed struct. */
void	product_clear(struct product *);

/* Check SKU, name, barcode: non-empty where required, valid UTF-8, sane. */
int	product_validate(const struct product *, struct err *);

/* Insert; p->id is set. ERR_REFUSED if the SKU or barcode exists. */
int	product_add(struct db *, struct product *, struct err *);
int	product_edit(struct db *, const char *sku, const struct product *,
	    int fields, struct err *);

/* Fill p (caller clears). ERR_REFUSED "unknown SKU" when absent. */
int	product_get(struct db *, int64_t id, struct product *, struct err *);
int	product_get_sku(struct db *, const char *sku, struct product *,
	    struct err *);
/* Look a scanned code up as a barcode, then as a SKU. */
int	product_find_code(struct db *, const char *code, struct product *,
	    struct err *);

/* Call fn for each product in SKU order; stops when fn returns non-zero. */
int	product_each(struct db *, int (*fn)(const struct product *, void *),
	    void *arg, struct err *);

/* 1 if s is valid UTF-8 with no control characters, else 0. */
int	utf8_valid_text(const char *s);

#endif
