/*
 * test_ledger.c - the ledger: movements move levels exactly once, refusals
 * write nothing, undo appends, check finds and repairs drift, and two
 * processes posting at once lose no update.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "dbi.h"
#include "ledger.h"
#include "stock.h"
#include "testutil.h"

static int64_t
nmovements(struct db *db)
{
	sqlite3_stmt	*st;
	int64_t		 n;

	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db),
	    "SELECT count(*) FROM movements", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
test_post_moves_level(void **state)
{
	struct testdb	t;
	int64_t		pid;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", 5);
	assert_int_equal(testdb_move(t.db, pid, MV_RECEIPT, 20), 20);
	assert_int_equal(testdb_move(t.db, pid, MV_SALE, -3), 17);
	assert_int_equal(testdb_move(t.db, pid, MV_ADJUSTMENT, -2), 15);
	assert_int_equal(testdb_move(t.db, pid, MV_RETURN, 1), 16);
	assert_int_equal(testdb_on_hand(t.db, pid), 16);
	assert_int_equal(nmovements(t.db), 4);
	testdb_close(&t);
}

static void
test_count_records_difference(void **state)
{
	struct testdb	 t;
	struct movement	*h;
	int64_t		 pid;
	int		 n;
	struct err	 e;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, 10);
	assert_int_equal(testdb_move(t.db, pid, MV_COUNT, 7), 7);
	assert_int_equal(testdb_move(t.db, pid, MV_COUNT, 7), 7);
	assert_int_equal(ledger_history(t.db, pid, 0, 10, &h, &n, &e), 0);
	assert_int_equal(n, 3);
	/* Newest first: the second count found nothing to change. */
	assert_int_equal(h[0].kind, MV_COUNT);
	assert_int_equal(h[0].qty, 0);
	assert_int_equal(h[0].counted, 7);
	assert_int_equal(h[1].qty, -3);
	assert_int_equal(h[1].counted, 7);
	free(h);
	testdb_close(&t);
}

static void
test_negative_refused_and_nothing_written(void **state)
{
	struct testdb		t;
	struct movement_req	r = { 0 };
	struct err		e;
	int64_t			pid;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, 2);
	r.product_id = pid;
	r.kind = MV_SALE;
	r.qty = -3;
	r.unit_cost = -1;
	assert_int_equal(ledger_post(t.db, &r, NULL, &e), -1);
	assert_int_equal(e.code, ERR_REFUSED);
	assert_non_null(strstr(e.msg, "negative"));
	assert_int_equal(testdb_on_hand(t.db, pid), 2);
	assert_int_equal(nmovements(t.db), 1);
	r.allow_negative = 1;
	assert_int_equal(ledger_post(t.db, &r, NULL, &e), 0);
	assert_int_equal(testdb_on_hand(t.db, pid), -1);
	testdb_close(&t);
}

static void
test_validation(void **state)
{
	struct testdb		t;
	struct movement_req	r = { 0 };
	struct err		e;
	int64_t			pid;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	r.product_id = pid;
	r.unit_cost = -1;
	r.kind = MV_ADJUSTMENT;
	r.qty = 1;
	r.reason = "stolen-by-elves";
	assert_int_equal(ledger_post(t.db, &r, NULL, &e), -1);
	assert_int_equal(e.code, ERR_USAGE);
	r.reason = NULL;
	assert_int_equal(ledger_post(t.db, &r, NULL, &e), -1);
	r.reason = "found";
	r.note = "bad \xff utf8";
	assert_int_equal(ledger_post(t.db, &r, NULL, &e), -1);
	r.note = NULL;
	r.product_id = 999;
	assert_int_equal(ledger_post(t.db, &r, NULL, &e), -1);
	assert_int_equal(e.code, ERR_REFUSED);
	assert_int_equal(nmovements(t.db), 0);
	testdb_close(&t);
}

static void
test_idempotency_key_applies_once(void **state)
{
	struct testdb		t;
	struct movement_req	r = { 0 };
	struct movement		m1, m2;
	struct err		e;
	int64_t			pid;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, 10);
	r.product_id = pid;
	r.kind = MV_SALE;
	r.qty = -2;
	r.unit_cost = -1;
	r.idem_key = "shopify:order:1001:line:1";
	assert_int_equal(ledger_post(t.db, &r, &m1, &e), 0);
	assert_int_equal(ledger_post(t.db, &r, &m2, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(m2.id, m1.id);
	assert_int_equal(testdb_on_hand(t.db, pid), 8);
	assert_int_equal(nmovements(t.db), 2);
	testdb_close(&t);
}

static void
test_reverse_appends_once(void **state)
{
	struct testdb	t;
	struct movement	m;
	struct err	e;
	int64_t		pid, n;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, 10);
	testdb_move(t.db, pid, MV_ADJUSTMENT, -4);
	n = nmovements(t.db);
	assert_int_equal(ledger_reverse(t.db, 2, "ann", &m, &e), 0);
	assert_int_equal(m.qty, 4);
	assert_int_equal(m.reverses, 2);
	assert_int_equal(m.on_hand_after, 10);
	assert_int_equal(nmovements(t.db), n + 1);
	/* Once only, and an undo cannot itself be undone. */
	assert_int_equal(ledger_reverse(t.db, 2, "ann", &m, &e), -1);
	assert_int_equal(e.code, ERR_REFUSED);
	assert_int_equal(ledger_reverse(t.db, 3, "ann", &m, &e), -1);
	assert_int_equal(ledger_reverse(t.db, 99, "ann", &m, &e), -1);
	assert_int_equal(testdb_on_hand(t.db, pid), 10);
	testdb_close(&t);
}

static void
test_overflow_refused(void **state)
{
	struct testdb		t;
	struct movement_req	r = { 0 };
	struct err		e;
	int64_t			pid;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, INT64_MAX);
	r.product_id = pid;
	r.kind = MV_RECEIPT;
	r.qty = 1;
	r.unit_cost = -1;
	assert_int_equal(ledger_post(t.db, &r, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "range"));
	assert_int_equal(testdb_on_hand(t.db, pid), INT64_MAX);
	assert_int_equal(nmovements(t.db), 1);
	testdb_close(&t);
}

static void
test_daily_sales(void **state)
{
	struct testdb	t;
	int64_t		pid, sales[7];
	struct err	e;

	(void)state;
	setenv("INVSYNC_NOW", "1764633600", 1);	/* 2025-12-02 00:00 UTC */
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, 100);
	testdb_move(t.db, pid, MV_SALE, -3);
	testdb_move(t.db, pid, MV_SALE, -2);
	testdb_move(t.db, pid, MV_RETURN, 1);
	assert_int_equal(ledger_daily_sales(t.db, pid, 7, sales, &e), 0);
	assert_int_equal(sales[6], 4);
	assert_int_equal(sales[5], 0);
	unsetenv("INVSYNC_NOW");
	testdb_close(&t);
}

static void
test_check_finds_and_repairs_drift(void **state)
{
	struct testdb	t;
	struct diags	d = { 0 };
	struct err	e;
	int64_t		pid;
	long		fixed;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_product(t.db, "TEA-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, 10);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(sqlite3_exec(db_sqlite(t.db), "UPDATE inventory SET "
	    "on_hand = 7", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.lines[0], "on_hand 7 but movements sum "
	    "to 10"));
	diags_free(&d);
	assert_int_equal(check_repair(t.db, &fixed, &e), 0);
	assert_int_equal(fixed, 1);
	assert_int_equal(testdb_on_hand(t.db, pid), 10);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 0);
	/* A stale stock state is found and mended. */
	assert_int_equal(sqlite3_exec(db_sqlite(t.db), "UPDATE products SET "
	    "stock_state = 3 WHERE sku = 'MUG-01'", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.lines[0], "stock state 3 but its levels say "
	    "0"));
	diags_free(&d);
	assert_int_equal(check_repair(t.db, &fixed, &e), 0);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 0);
	/* Rows naming nothing (written with foreign keys off) are named. */
	assert_int_equal(sqlite3_exec(db_sqlite(t.db), "PRAGMA foreign_keys = "
	    "OFF; INSERT INTO movements (product_id, location_id, kind, qty, "
	    "user, created_at) VALUES (999, 1, 'sale', -1, 'x', 0); "
	    "PRAGMA foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.lines[0], "names missing product 999"));
	diags_free(&d);
	testdb_close(&t);
}

/* Two processes adjusting the same SKU at once lose no update. */
static void
test_concurrent_writers(void **state)
{
	struct testdb	t;
	struct diags	d = { 0 };
	struct err	e;
	pid_t		kids[2];
	int64_t		pid;
	int		i, status;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	for (i = 0; i < 2; i++) {
		if ((kids[i] = fork()) == 0) {
			struct movement_req	 r = { 0 };
			struct db		*db;
			int			 k;

			if (db_open(t.path, 0, &db, &e) != 0)
				_exit(2);
			r.product_id = pid;
			r.kind = MV_ADJUSTMENT;
			r.reason = "found";
			r.unit_cost = -1;
			r.qty = 1;
			for (k = 0; k < 300; k++)
				if (ledger_post(db, &r, NULL, &e) != 0)
					_exit(1);
			db_close(db);
			_exit(0);
		}
		assert_true(kids[i] > 0);
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(testdb_on_hand(t.db, pid), 600);
	assert_int_equal(nmovements(t.db), 600);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 0);
	testdb_close(&t);
}

static void
test_refuses_foreign_and_corrupt_files(void **state)
{
	struct testdb	 t;
	struct db	*db;
	struct err	 e;
	char		 path[400], buf[64];
	FILE		*fp;
	sqlite3		*h;

	(void)state;
	testdb_open(&t);
	/* Not a database at all: refused, and the bytes are untouched. */
	snprintf(path, sizeof path, "%s/junk.db", t.dir);
	fp = fopen(path, "w");
	fputs("this is not a database, it is a shopping list\n", fp);
	fclose(fp);
	assert_int_equal(db_open(path, DB_CREATE, &db, &e), -1);
	assert_int_equal(e.code, ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "not a"));
	fp = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "this is not a database, it is a shopping "
	    "list\n");
	/* Somebody else's SQLite file: refused, never migrated. */
	snprintf(path, sizeof path, "%s/other.db", t.dir);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE x (y)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(db_open(path, 0, &db, &e), -1);
	assert_non_null(strstr(e.msg, "not an invsync database"));
	/* Missing without DB_CREATE: a hint, no file. */
	snprintf(path, sizeof path, "%s/missing.db", t.dir);
	assert_int_equal(db_open(path, 0, &db, &e), -1);
	assert_int_equal(access(path, F_OK), -1);
	testdb_close(&t);
}

/*
 * A full disk: SQLite's page limit makes the file unable to grow, as a
 * full file system would. The failing movement is refused whole, the
 * message says so, and the ledger still checks clean.
 */
static void
test_full_disk_applies_nothing(void **state)
{
	struct testdb		t;
	struct movement_req	r = { 0 };
	struct diags		d = { 0 };
	struct err		e;
	int64_t			pid, before;
	int			i, rc = 0;
	char			note[200];

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	assert_int_equal(sqlite3_exec(db_sqlite(t.db), "PRAGMA max_page_count "
	    "= 40", NULL, NULL, NULL), SQLITE_OK);
	memset(note, 'x', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	r.product_id = pid;
	r.kind = MV_RECEIPT;
	r.qty = 1;
	r.unit_cost = -1;
	r.note = note;
	for (i = 0; i < 100000 && rc == 0; i++) {
		before = testdb_on_hand(t.db, pid);
		rc = ledger_post(t.db, &r, NULL, &e);
	}
	assert_int_equal(rc, -1);
	assert_int_equal(e.code, ERR_SYSTEM);
	assert_non_null(strstr(e.msg, "disk is full"));
	assert_int_equal(testdb_on_hand(t.db, pid), before);
	assert_int_equal(nmovements(t.db), before);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 0);
	testdb_close(&t);
}

/* A batch moves each level once, by the sum; a refused row writes nothing. */
static void
test_batch(void **state)
{
	struct testdb		 t;
	struct ledger_batch	*b;
	struct movement_req	 r = { 0 };
	struct movement		 m;
	struct diags		 d = { 0 };
	struct err		 e;
	int64_t			 pid;
	int			 i;

	(void)state;
	testdb_open(&t);
	pid = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, pid, MV_RECEIPT, 5);
	assert_int_equal(db_begin(t.db, &e), 0);
	b = ledger_batch_new(t.db);
	r.product_id = pid;
	r.unit_cost = -1;
	r.kind = MV_SALE;
	r.qty = -1;
	for (i = 0; i < 5; i++)
		assert_int_equal(ledger_batch_post(b, &r, &m, &e), 0);
	assert_int_equal(m.on_hand_after, 0);
	/* The sixth sale would go negative: refused, nothing written. */
	assert_int_equal(ledger_batch_post(b, &r, &m, &e), -1);
	assert_int_equal(e.code, ERR_REFUSED);
	r.kind = MV_COUNT;
	r.counted = 3;
	assert_int_equal(ledger_batch_post(b, &r, &m, &e), 0);
	assert_int_equal(m.qty, 3);
	r.kind = MV_RECEIPT;
	r.qty = 2;
	r.idem_key = "import:po-1";
	assert_int_equal(ledger_batch_post(b, &r, &m, &e), 0);
	assert_int_equal(ledger_batch_post(b, &r, &m, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(ledger_batch_flush(b, &e), 0);
	ledger_batch_free(b);
	assert_int_equal(db_commit(t.db, &e), 0);
	assert_int_equal(testdb_on_hand(t.db, pid), 5);
	assert_int_equal(nmovements(t.db), 8);
	assert_int_equal(check_run(t.db, &d, &e), 0);
	assert_int_equal(d.n, 0);
	testdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_moves_level),
		cmocka_unit_test(test_count_records_difference),
		cmocka_unit_test(test_negative_refused_and_nothing_written),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_idempotency_key_applies_once),
		cmocka_unit_test(test_reverse_appends_once),
		cmocka_unit_test(test_overflow_refused),
		cmocka_unit_test(test_daily_sales),
		cmocka_unit_test(test_check_finds_and_repairs_drift),
		cmocka_unit_test(test_concurrent_writers),
		cmocka_unit_test(test_refuses_foreign_and_corrupt_files),
		cmocka_unit_test(test_full_disk_applies_nothing),
		cmocka_unit_test(test_batch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
