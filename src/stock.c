/*
 * stock.c - reading stock levels (see stock.h).
 *
 * Owns no connection. Levels are summed over locations: with one
 * location that is the level itself.
 */
#include <stdlib.h>
#include <string.h>

#include "dbi.h"
#include "stock.h"
#include "stock_sql.h"
#include "xmalloc.h"

void
utf8_copy(char *dst, const char *src, size_t n)
{
	size_t	len;

	len = strlen(src);
	if (len >= n) {
		len = n - 1;
		/* Back off continuation bytes so no character is split. */
		while (len > 0 && ((unsigned char)src[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

enum stock_state
stock_state_of(int64_t available, int64_t reorder_point)
{
	if (available < 0)
		return STOCK_NEGATIVE;
	if (available == 0)
		return STOCK_OUT;
	if (reorder_point >= 0 && available <= reorder_point)
		return STOCK_LOW;
	return STOCK_OK;
}

const char *
stock_state_name(enum stock_state s)
{
	switch (s) {
	case STOCK_OK:
		return "ok";
	case STOCK_LOW:
		return "low";
	case STOCK_OUT:
		return "out";
	case STOCK_NEGATIVE:
		return "negative";
	}
	return "?";
}

void
stock_fill_row(sqlite3_stmt *st, struct stock_row *r)
{

#define TEXT(i) ((const char *)sqlite3_column_text(st, (i)) ? \
	(const char *)sqlite3_column_text(st, (i)) : "")
	r->id = sqlite3_column_int64(st, 0);
	utf8_copy(r->sku, TEXT(1), sizeof r->sku);
	utf8_copy(r->name, TEXT(2), sizeof r->name);
	utf8_copy(r->category, TEXT(3), sizeof r->category);
	utf8_copy(r->barcode, TEXT(4), sizeof r->barcode);
#undef TEXT
	r->on_hand = sqlite3_column_int64(st, 5);
	r->committed = sqlite3_column_int64(st, 6);
	r->available = sqlite3_column_int64(st, 7);
	r->reorder_point = sqlite3_column_int64(st, 8);
	r->price = sqlite3_column_int64(st, 9);
	r->cost = sqlite3_column_int64(st, 10);
	r->state = stock_state_of(r->available, r->reorder_point);
}

int
stock_get(struct db *db, int64_t product_id, struct stock_row *r,
    struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, STOCK_ROW_ONE, e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, product_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		stock_fill_row(st, r);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		err_set(e, ERR_REFUSED, "unknown product id %lld",
		    (long long)product_id);
		return -1;
	}
	return db_fail(db, e, "read stock");
}

/* Products below their threshold: kept current by the schema's triggers. */
#define LOW_WHERE "p.stock_state > 0"

int
stock_low(struct db *db, int max, struct stock_row **out, int *n,
    struct err *e)
{
	sqlite3_stmt		*st;
	struct stock_row	*v = NULL;
	int			 rc, cap = 0;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT p.id, p.sku, p.name, p.category, "
	    "coalesce(p.barcode, ''), coalesce(sum(i.on_hand), 0), "
	    "coalesce(sum(i.committed), 0), coalesce(sum(i.available), 0), "
	    "coalesce(p.reorder_point, -1), p.price, p.cost "
	    "FROM products p LEFT JOIN inventory i ON i.product_id = p.id "
	    "WHERE " LOW_WHERE " GROUP BY p.id ORDER BY p.stock_state DESC, "
	    "coalesce(sum(i.available), 0) - coalesce(p.reorder_point, 0), "
	    "p.sku LIMIT ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		stock_fill_row(st, &v[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return db_fail(db, e, "read low stock");
	}
	*out = v;
	return 0;
}

int
stock_low_count(struct db *db, int64_t *count, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT count(*) FROM products p WHERE " LOW_WHERE,
	    e);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, e, "count low stock");
	return 0;
}

int
stock_each(struct db *db, int low_only,
    int (*fn)(const struct stock_row *, void *), void *arg, struct err *e)
{
	sqlite3_stmt		*st;
	struct stock_row	 r;
	int			 rc;

	st = db_prepare(db, "SELECT " STOCK_ROW_COLS " FROM " STOCK_ROW_FROM
	    " WHERE NOT ?1 OR " LOW_WHERE " ORDER BY p.sku", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, low_only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		stock_fill_row(st, &r);
		if (fn(&r, arg) != 0) {
			sqlite3_reset(st);
			return 0;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "read stock");
	return 0;
}
