/*
 * testutil.c - helpers for unit tests (see testutil.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "product.h"
#include "stock.h"
#include "testutil.h"

void
testdb_open(struct testdb *t)
{
	const char	*tmp = getenv("TMPDIR");
	struct err	 e;

	snprintf(t->dir, sizeof t->dir, "%s/invsync-test-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof t->path, "%s/shop.db", t->dir);
	if (db_open(t->path, DB_CREATE, &t->db, &e) != 0)
		fail_msg("db_open: %s", e.msg);
}

void
testdb_close(struct testdb *t)
{
	char	cmd[400];

	db_close(t->db);
	t->db = NULL;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
}

int64_t
testdb_product(struct db *db, const char *sku, int64_t reorder_point)
{
	struct product	p = { 0 };
	struct err	e;
	char		name[80];

	snprintf(name, sizeof name, "Product %s", sku);
	p.sku = (char *)sku;
	p.name = name;
	p.price = 500;
	p.cost = 200;
	p.reorder_point = reorder_point;
	if (product_add(db, &p, &e) != 0)
		fail_msg("product_add %s: %s", sku, e.msg);
	return p.id;
}

int64_t
testdb_move(struct db *db, int64_t pid, enum mv_kind kind, int64_t qty)
{
	struct movement_req	r = { 0 };
	struct movement		m;
	struct err		e;

	r.product_id = pid;
	r.kind = kind;
	r.unit_cost = -1;
	if (kind == MV_COUNT)
		r.counted = qty;
	else
		r.qty = qty;
	if (kind == MV_ADJUSTMENT)
		r.reason = "correction";
	r.user = "test";
	if (ledger_post(db, &r, &m, &e) != 0)
		fail_msg("ledger_post: %s", e.msg);
	return m.on_hand_after;
}

int64_t
testdb_on_hand(struct db *db, int64_t pid)
{
	struct stock_row	r;
	struct err		e;

	if (stock_get(db, pid, &r, &e) != 0)
		fail_msg("stock_get: %s", e.msg);
	return r.on_hand;
}
