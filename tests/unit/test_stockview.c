/*
 * test_stockview.c - the Stock pane's model: filtering narrows in memory,
 * sorts come back in the right order, rows are fetched for a window, and
 * a change from another connection is picked up by refresh.
 */
#include <stdlib.h>
#include <string.h>

#include "product.h"
#include "stockview.h"
#include "testutil.h"

static void
seed(struct db *db)
{
	static const char *const skus[] = { "MUG-03", "MUG-01", "TEA-02",
	    "MUG-02", "TEA-01" };
	size_t	i;

	for (i = 0; i < 5; i++)
		testdb_move(db, testdb_product(db, skus[i], 3), MV_RECEIPT,
		    (int64_t)(10 - i * 2));
}

static void
test_filter_and_window(void **state)
{
	struct testdb		 t;
	struct stockview	*sv;
	struct stock_row	 rows[3];
	struct err		 e;

	(void)state;
	testdb_open(&t);
	seed(t.db);
	assert_non_null(sv = stockview_new(t.db, &e));
	assert_int_equal(stockview_count(sv), 5);
	assert_int_equal(stockview_rows(sv, 0, 3, rows, &e), 3);
	assert_string_equal(rows[0].sku, "MUG-01");
	assert_string_equal(rows[2].sku, "MUG-03");
	stockview_set_filter(sv, "tea");
	assert_int_equal(stockview_count(sv), 2);
	assert_int_equal(stockview_rows(sv, 0, 3, rows, &e), 2);
	assert_string_equal(rows[0].sku, "TEA-01");
	/* Names match too, case-insensitively. */
	stockview_set_filter(sv, "PRODUCT MUG-02");
	assert_int_equal(stockview_count(sv), 1);
	stockview_set_filter(sv, "");
	assert_int_equal(stockview_count(sv), 5);
	/* Typing narrows, erasing comes back from the cache: same answers. */
	stockview_set_filter(sv, "m");
	assert_int_equal(stockview_count(sv), 3);
	stockview_set_filter(sv, "mu");
	assert_int_equal(stockview_count(sv), 3);
	stockview_set_filter(sv, "mug-0");
	assert_int_equal(stockview_count(sv), 3);
	stockview_set_filter(sv, "mug-02");
	assert_int_equal(stockview_count(sv), 1);
	stockview_set_filter(sv, "mug-0");
	assert_int_equal(stockview_count(sv), 3);
	stockview_set_filter(sv, "tea-01");
	assert_int_equal(stockview_count(sv), 1);
	assert_int_equal(stockview_rows(sv, 0, 1, rows, &e), 1);
	assert_string_equal(rows[0].sku, "TEA-01");
	stockview_set_filter(sv, "");
	assert_int_equal(stockview_count(sv), 5);
	assert_int_equal(stockview_total(sv), 5);
	stockview_free(sv);
	testdb_close(&t);
}

static void
test_sort_by_available(void **state)
{
	struct testdb		 t;
	struct stockview	*sv;
	struct stock_row	 rows[5];
	struct err		 e;

	(void)state;
	testdb_open(&t);
	seed(t.db);
	assert_non_null(sv = stockview_new(t.db, &e));
	assert_int_equal(stockview_set_sort(sv, SV_SORT_AVAILABLE, 0, &e), 0);
	assert_int_equal(stockview_rows(sv, 0, 5, rows, &e), 5);
	assert_string_equal(rows[0].sku, "TEA-01");	/* 2 on hand */
	assert_int_equal(rows[0].state, STOCK_LOW);
	assert_string_equal(rows[4].sku, "MUG-03");	/* 10 on hand */
	assert_int_equal(stockview_set_sort(sv, SV_SORT_AVAILABLE, 1, &e), 0);
	assert_int_equal(stockview_rows(sv, 0, 1, rows, &e), 1);
	assert_string_equal(rows[0].sku, "MUG-03");
	stockview_free(sv);
	testdb_close(&t);
}

static void
test_refresh_sees_other_connection(void **state)
{
	struct testdb		 t;
	struct stockview	*sv;
	struct db		*other;
	struct err		 e;

	(void)state;
	testdb_open(&t);
	seed(t.db);
	assert_non_null(sv = stockview_new(t.db, &e));
	assert_int_equal(db_open(t.path, 0, &other, &e), 0);
	assert_int_equal(db_changed(t.db), 0);
	testdb_product(other, "CUP-09", -1);
	assert_int_equal(db_changed(t.db), 1);
	assert_int_equal(stockview_refresh(sv, &e), 0);
	assert_int_equal(stockview_count(sv), 6);
	assert_int_equal(stockview_find(sv, stockview_id_at(sv, 0)), 0);
	db_close(other);
	stockview_free(sv);
	testdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filter_and_window),
		cmocka_unit_test(test_sort_by_available),
		cmocka_unit_test(test_refresh_sees_other_connection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
