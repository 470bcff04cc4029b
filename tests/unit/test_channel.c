/*
 * test_channel.c - channels: the quantity a channel is shown after its
 * buffer, credentials kept out of listings, and removal that keeps the
 * history of a channel's sales.
 */
#include <string.h>

#include "channel.h"
#include "dbi.h"
#include "testutil.h"

static void
test_quantity_to_show(void **state)
{
	struct channel_info	c = { .cap = -1 };

	(void)state;
	assert_int_equal(channel_quantity_to_show(&c, 10), 10);
	c.buffer_units = 2;
	c.buffer_pct = 10;
	/* 10 - 2 = 8; 10 % of 8 rounds up to 1 kept back. */
	assert_int_equal(channel_quantity_to_show(&c, 10), 7);
	c.cap = 5;
	assert_int_equal(channel_quantity_to_show(&c, 10), 5);
	assert_int_equal(channel_quantity_to_show(&c, 2), 0);
	assert_int_equal(channel_quantity_to_show(&c, -4), 0);
	c.cap = -1;
	c.buffer_units = 0;
	c.buffer_pct = 100;
	assert_int_equal(channel_quantity_to_show(&c, 1000), 0);
	c.buffer_pct = 50;
	assert_int_equal(channel_quantity_to_show(&c, INT64_MAX),
	    INT64_MAX / 2);
}

static void
test_credentials_and_remove(void **state)
{
	struct testdb		 t;
	struct channel_creds	 k = { .kind = CHANNEL_CRED_TOKEN }, out;
	struct channel_info	*v, c;
	struct movement_req	 r = { 0 };
	struct err		 e;
	sqlite3_stmt		*st;
	int64_t			 id, pid;
	int			 n;

	(void)state;
	testdb_open(&t);
	strcpy(k.secret, "token-secret");
	assert_int_equal(channel_add(t.db, "shopify", "Web",
	    "https://x.myshopify.com/", &k, &id, &e), 0);
	assert_int_equal(channel_find(t.db, "Web", &c, &e), 0);
	assert_string_equal(c.base_url, "https://x.myshopify.com");
	assert_string_equal(c.cred_kind, "token");
	assert_int_equal(channel_credentials(t.db, id, &out, &e), 0);
	assert_string_equal(out.secret, "token-secret");
	/* Shopify credentials for a WooCommerce store are refused. */
	assert_int_equal(channel_add(t.db, "woocommerce", "Woo",
	    "https://w.example", &k, &id, &e), -1);
	/* A channel with sales in the ledger is kept, renamed. */
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, 5);
	r.product_id = pid;
	r.kind = MV_SALE;
	r.qty = -1;
	r.unit_cost = -1;
	r.channel_id = c.id;
	assert_int_equal(ledger_post(t.db, &r, NULL, &e), 0);
	assert_int_equal(channel_remove(t.db, "Web", &e), 0);
	assert_int_equal(channel_list(t.db, &v, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(channel_credentials(t.db, c.id, &out, &e), -1);
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(t.db), "SELECT name "
	    "FROM sales_channels WHERE id = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, c.id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
	    "Web (removed #1)");
	sqlite3_finalize(st);
	testdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quantity_to_show),
		cmocka_unit_test(test_credentials_and_remove),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
