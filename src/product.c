/*
 * product.c - the catalogue (see product.h).
 *
 * Owns no connection: callers pass their struct db. Start at
 * product_add().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "dbi.h"
#include "product.h"
#include "xmalloc.h"

#define PRODUCT_COLS "id, sku, name, category, barcode, parent_sku, " \
	"supplier, price, cost, reorder_point, active, created_at, updated_at"

int
utf8_valid_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 n, i;
	uint32_t		 c;

	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return 0;
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			n = 1;
			c = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			n = 2;
			c = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			n = 3;
			c = *p & 0x07;
		} else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3f);
		}
		/* Overlong forms, surrogates and beyond U+10FFFF. */
		if ((n == 1 && c < 0x80) || (n == 2 && c < 0x800) ||
		    (n == 3 && c < 0x10000) || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff))
			return 0;
		p += n + 1;
	}
	return 1;
}

void
product_clear(struct product *p)
{
	free(p->sku);
	free(p->name);
	free(p->category);
	free(p->barcode);
	free(p->parent_sku);
	free(p->supplier);
	memset(p, 0, sizeof *p);
}

static int
check_text(const char *what, const char *s, size_t max, int required,
    struct err *e)
{
	if (s == NULL || *s == '\0') {
		if (!required)
			return 0;
		err_set(e, ERR_USAGE, "%s is empty", what);
		return -1;
	}
	if (!utf8_valid_text(s)) {
		err_set(e, ERR_USAGE, "%s is not valid UTF-8 text", what);
		return -1;
	}
	if (strlen(s) > max) {
		err_set(e, ERR_USAGE, "%s is longer than %zu bytes", what, max);
		return -1;
	}
	return 0;
}

int
product_validate(const struct product *p, struct err *e)
{
	const char	*c;

	if (check_text("SKU", p->sku, 60, 1, e) != 0)
		return -1;
	for (c = p->sku; *c != '\0'; c++) {
		if (*c == ' ') {
			err_set(e, ERR_USAGE, "SKU '%s' contains a space",
			    p->sku);
			return -1;
		}
	}
	if (check_text("name", p->name, 200, 1, e) != 0 ||
	    check_text("category", p->category, 60, 0, e) != 0 ||
	    check_text("barcode", p->barcode, 30, 0, e) != 0 ||
	    check_text("parent SKU", p->parent_sku, 60, 0, e) != 0 ||
	    check_text("supplier", p->supplier, 100, 0, e) != 0)
		return -1;
	if (p->price < 0 || p->cost < 0) {
		err_set(e, ERR_USAGE, "price and cost cannot be negative");
		return -1;
	}
	if (p->reorder_point < -1) {
		err_set(e, ERR_USAGE, "reorder point cannot be negative");
		return -1;
	}
	return 0;
}

static void
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Turn a UNIQUE failure into words naming the SKU or barcode. */
static int
fail_write(struct db *db, const struct product *p, struct err *e,
    const char *what)
{
	const char	*msg = sqlite3_errmsg(db_sqlite(db));

	if (sqlite3_extended_errcode(db_sqlite(db)) ==
	    SQLITE_CONSTRAINT_UNIQUE) {
		if (strstr(msg, "barcode") != NULL)
			err_set(e, ERR_REFUSED, "barcode %s is already used by "
			    "another product", p->barcode);
		else
			err_set(e, ERR_REFUSED, "SKU %s already exists",
			    p->sku);
		return -1;
	}
	return db_fail(db, e, what);
}

int
product_add(struct db *db, struct product *p, struct err *e)
{
	sqlite3_stmt	*st;
	int64_t		 now = clock_now();
	int		 rc;

	if (product_validate(p, e) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO products (sku, name, category, "
	    "barcode, parent_sku, supplier, price, cost, reorder_point, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, p->sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->category ? p->category : "", -1,
	    SQLITE_STATIC);
	bind_text_or_null(st, 4, p->barcode);
	bind_text_or_null(st, 5, p->parent_sku);
	sqlite3_bind_text(st, 6, p->supplier ? p->supplier : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, p->price);
	sqlite3_bind_int64(st, 8, p->cost);
	if (p->reorder_point >= 0)
		sqlite3_bind_int64(st, 9, p->reorder_point);
	sqlite3_bind_int64(st, 10, now);
	sqlite3_bind_int64(st, 11, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail_write(db, p, e, "add product");
	p->id = sqlite3_last_insert_rowid(db_sqlite(db));
	p->created_at = p->updated_at = now;
	return 0;
}

int
product_edit(struct db *db, const char *sku, const struct product *in,
    int fields, struct err *e)
{
	struct product	 p = { 0 };
	sqlite3_stmt	*st;
	int		 rc = -1;

	if (product_get_sku(db, sku, &p, e) != 0)
		return -1;
	/* Merge, then validate the result as a whole. */
#define TAKE(flag, field) do {						\
	if (fields & (flag)) {						\
		free(p.field);						\
		p.field = in->field ? xstrdup(in->field) : NULL;	\
	}								\
} while (0)
	TAKE(PRODUCT_F_NAME, name);
	TAKE(PRODUCT_F_CATEGORY, category);
	TAKE(PRODUCT_F_BARCODE, barcode);
	TAKE(PRODUCT_F_PARENT, parent_sku);
	TAKE(PRODUCT_F_SUPPLIER, supplier);
#undef TAKE
	if (fields & PRODUCT_F_PRICE)
		p.price = in->price;
	if (fields & PRODUCT_F_COST)
		p.cost = in->cost;
	if (fields & PRODUCT_F_REORDER)
		p.reorder_point = in->reorder_point;
	if (fields & PRODUCT_F_ACTIVE)
		p.active = in->active;
	if (product_validate(&p, e) != 0)
		goto out;
	st = db_prepare(db, "UPDATE products SET name = ?, category = ?, "
	    "barcode = ?, parent_sku = ?, supplier = ?, price = ?, cost = ?, "
	    "reorder_point = ?, active = ?, updated_at = ? WHERE id = ?", e);
	if (st == NULL)
		goto out;
	sqlite3_bind_text(st, 1, p.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p.category ? p.category : "", -1,
	    SQLITE_STATIC);
	bind_text_or_null(st, 3, p.barcode);
	bind_text_or_null(st, 4, p.parent_sku);
	sqlite3_bind_text(st, 5, p.supplier ? p.supplier : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, p.price);
	sqlite3_bind_int64(st, 7, p.cost);
	if (p.reorder_point >= 0)
		sqlite3_bind_int64(st, 8, p.reorder_point);
	sqlite3_bind_int(st, 9, p.active);
	sqlite3_bind_int64(st, 10, clock_now());
	sqlite3_bind_int64(st, 11, p.id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		fail_write(db, &p, e, "edit product");
		sqlite3_reset(st);
		goto out;
	}
	sqlite3_reset(st);
	rc = 0;
out:
	product_clear(&p);
	return rc;
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? xstrdup((const char *)s) : NULL;
}

static void
fill(sqlite3_stmt *st, struct product *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->sku = col_dup(st, 1);
	p->name = col_dup(st, 2);
	p->category = col_dup(st, 3);
	p->barcode = col_dup(st, 4);
	p->parent_sku = col_dup(st, 5);
	p->supplier = col_dup(st, 6);
	p->price = sqlite3_column_int64(st, 7);
	p->cost = sqlite3_column_int64(st, 8);
	p->reorder_point = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 9);
	p->active = sqlite3_column_int(st, 10);
	p->created_at = sqlite3_column_int64(st, 11);
	p->updated_at = sqlite3_column_int64(st, 12);
}

/* Step a bound one-row query into p. */
static int
get_one(struct db *db, sqlite3_stmt *st, const char *what, struct product *p,
    struct err *e)
{
	int	rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		fill(st, p);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		err_set(e, ERR_REFUSED, "unknown SKU %s", what);
		return -1;
	}
	return db_fail(db, e, "read product");
}

int
product_get(struct db *db, int64_t id, struct product *p, struct err *e)
{
	sqlite3_stmt	*st;
	char		 what[32];

	st = db_prepare(db, "SELECT " PRODUCT_COLS " FROM products "
	    "WHERE id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof what, "(id %lld)", (long long)id);
	return get_one(db, st, what, p, e);
}

int
product_get_sku(struct db *db, const char *sku, struct product *p,
    struct err *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "SELECT " PRODUCT_COLS " FROM products "
	    "WHERE sku = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, sku, -1, SQLITE_STATIC);
	return get_one(db, st, sku, p, e);
}

int
product_find_code(struct db *db, const char *code, struct product *p,
    struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " PRODUCT_COLS " FROM products "
	    "WHERE barcode = ?1 UNION ALL SELECT " PRODUCT_COLS
	    " FROM products WHERE sku = ?1 LIMIT 1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = get_one(db, st, code, p, e);
	if (rc != 0 && e != NULL && e->code == ERR_REFUSED)
		err_set(e, ERR_REFUSED, "no product has barcode or SKU '%s'",
		    code);
	return rc;
}

int
product_each(struct db *db, int (*fn)(const struct product *, void *),
    void *arg, struct err *e)
{
	struct product	 p;
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " PRODUCT_COLS " FROM products "
	    "ORDER BY sku", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&p, 0, sizeof p);
		fill(st, &p);
		rc = fn(&p, arg);
		product_clear(&p);
		if (rc != 0) {
			sqlite3_reset(st);
			return 0;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "list products");
	return 0;
}
