/*
 * export.c - the catalogue, the stock levels and the ledger as CSV.
 *
 * RFC 4180 CSV in UTF-8 with CRLF line ends and a header row; money is
 * written as "4.50", times as ISO 8601 UTC ("2026-11-30T14:05:00Z"), an
 * absent value as an empty field.
 *
 *	products	id,sku,name,category,barcode,price,cost,
 *			reorder_point,parent_sku,supplier
 *	stock		sku,name,category,on_hand,committed,available,
 *			reorder_point,state,cost,value
 *			(levels summed over locations; value = cost * on_hand)
 *	movements	id,time,sku,location,kind,qty,counted,unit_cost,
 *			reason,note,user,channel,ref
 *			(oldest first; location and channel by name)
 *
 * products and movements import back as they are (import.c). Each export
 * is one SELECT, so it is a consistent snapshot even while others write.
 * Callers own the connection and the stream. Start at export_movements().
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "csvio.h"
#include "dbi.h"
#include "export.h"
#include "money.h"
#include "product.h"
#include "stock.h"
#include "stock_sql.h"

struct sink {
	FILE		*fp;
	int64_t		 rows;
	int		 failed;
};

void
export_time_str(int64_t t, char *buf)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (gmtime_r(&tt, &tm) == NULL) {
		buf[0] = '\0';
		return;
	}
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
write_failed(struct err *e)
{
	err_set(e, ERR_SYSTEM, "export: write: %s", strerror(errno));
	return -1;
}

/* After the last sqlite3_step() of st (which returned rc): how it went. */
static int
finish(struct db *db, sqlite3_stmt *st, int rc, struct sink *s,
    const char *what, int64_t *rows, struct err *e)
{
	sqlite3_reset(st);
	if (s->failed)
		return write_failed(e);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, what);
	if (rows != NULL)
		*rows = s->rows;
	return 0;
}

static int
put_row(struct sink *s, const char *const *f, size_t n)
{
	if (csv_write_row(s->fp, f, n) != 0) {
		s->failed = 1;
		return -1;
	}
	return 0;
}

/* Column text, or "" for NULL. */
static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/* A money column into buf, or "" for NULL. */
static const char *
col_money(sqlite3_stmt *st, int i, char *buf)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return "";
	return money_format(sqlite3_column_int64(st, i), buf);
}

static const char *
col_int(sqlite3_stmt *st, int i, char *buf, size_t len)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return "";
	snprintf(buf, len, "%" PRId64, (int64_t)sqlite3_column_int64(st, i));
	return buf;
}

static int
product_out(const struct product *p, void *arg)
{
	struct sink	*s = arg;
	char		 id[24], price[MONEY_BUFSZ], cost[MONEY_BUFSZ];
	char		 reorder[24];
	const char	*f[10];

	snprintf(id, sizeof id, "%" PRId64, p->id);
	if (p->reorder_point >= 0)
		snprintf(reorder, sizeof reorder, "%" PRId64,
		    p->reorder_point);
	else
		reorder[0] = '\0';
	f[0] = id;
	f[1] = p->sku;
	f[2] = p->name;
	f[3] = p->category;
	f[4] = p->barcode;
	f[5] = money_format(p->price, price);
	f[6] = money_format(p->cost, cost);
	f[7] = reorder;
	f[8] = p->parent_sku;
	f[9] = p->supplier;
	if (put_row(s, f, 10) != 0)
		return -1;
	s->rows++;
	return 0;
}

int
export_products(struct db *db, FILE *fp, int64_t *rows, struct err *e)
{
	static const char *const head[] = { "id", "sku", "name", "category",
	    "barcode", "price", "cost", "reorder_point", "parent_sku",
	    "supplier" };
	struct sink	s = { .fp = fp };

	if (put_row(&s, head, 10) != 0)
		return write_failed(e);
	if (product_each(db, product_out, &s, e) != 0)
		return -1;
	if (s.failed)
		return write_failed(e);
	if (rows != NULL)
		*rows = s.rows;
	return 0;
}

int
export_stock(struct db *db, FILE *fp, int64_t *rows, struct err *e)
{
	static const char *const head[] = { "sku", "name", "category",
	    "on_hand", "committed", "available", "reorder_point", "state",
	    "cost", "value" };
	struct sink	 s = { .fp = fp };
	sqlite3_stmt	*st;
	char		 on_hand[24], committed[24], available[24];
	char		 reorder[24], cost[MONEY_BUFSZ], value[MONEY_BUFSZ];
	const char	*f[10];
	int64_t		 oh, rp, c, v;
	int		 rc;

	if (put_row(&s, head, 10) != 0)
		return write_failed(e);
	/* Columns as in STOCK_ROW_COLS; strings read whole, not truncated. */
	st = db_prepare(db, "SELECT " STOCK_ROW_COLS " FROM " STOCK_ROW_FROM
	    " ORDER BY p.sku", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		oh = sqlite3_column_int64(st, 5);
		rp = sqlite3_column_int64(st, 8);
		c = sqlite3_column_int64(st, 10);
		f[0] = col_text(st, 1);
		f[1] = col_text(st, 2);
		f[2] = col_text(st, 3);
		f[3] = col_int(st, 5, on_hand, sizeof on_hand);
		f[4] = col_int(st, 6, committed, sizeof committed);
		f[5] = col_int(st, 7, available, sizeof available);
		if (rp >= 0)
			f[6] = col_int(st, 8, reorder, sizeof reorder);
		else
			f[6] = "";
		f[7] = stock_state_name(stock_state_of(
		    sqlite3_column_int64(st, 7), rp));
		f[8] = money_format(c, cost);
		/* An amount beyond 64 bits is left empty, not wrapped. */
		if (__builtin_mul_overflow(c, oh, &v))
			f[9] = "";
		else
			f[9] = money_format(v, value);
		if (put_row(&s, f, 10) != 0)
			break;
		s.rows++;
	}
	return finish(db, st, rc, &s, "export stock", rows, e);
}

int
export_movements(struct db *db, FILE *fp, int64_t *rows, struct err *e)
{
	static const char *const head[] = { "id", "time", "sku", "location",
	    "kind", "qty", "counted", "unit_cost", "reason", "note", "user",
	    "channel", "ref" };
	struct sink	 s = { .fp = fp };
	sqlite3_stmt	*st;
	char		 id[24], when[24], qty[24], counted[24];
	char		 cost[MONEY_BUFSZ];
	const char	*f[13];
	int		 rc;

	if (put_row(&s, head, 13) != 0)
		return write_failed(e);
	st = db_prepare(db, "SELECT m.id, m.created_at, p.sku, l.name, "
	    "m.kind, m.qty, m.counted, m.unit_cost, m.reason, m.note, m.user, "
	    "c.name, m.ext_ref FROM movements m "
	    "JOIN products p ON p.id = m.product_id "
	    "JOIN locations l ON l.id = m.location_id "
	    "LEFT JOIN sales_channels c ON c.id = m.channel_id "
	    "ORDER BY m.id", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		export_time_str(sqlite3_column_int64(st, 1), when);
		f[0] = col_int(st, 0, id, sizeof id);
		f[1] = when;
		f[2] = col_text(st, 2);
		f[3] = col_text(st, 3);
		f[4] = col_text(st, 4);
		f[5] = col_int(st, 5, qty, sizeof qty);
		f[6] = col_int(st, 6, counted, sizeof counted);
		f[7] = col_money(st, 7, cost);
		f[8] = col_text(st, 8);
		f[9] = col_text(st, 9);
		f[10] = col_text(st, 10);
		f[11] = col_text(st, 11);
		f[12] = col_text(st, 12);
		if (put_row(&s, f, 13) != 0)
			break;
		s.rows++;
	}
	return finish(db, st, rc, &s, "export movements", rows, e);
}
