/*
 * test_demo.c - the demo shop generator (src/demo.c).
 *
 * Each test generates small demos (tens of products, a few months) into
 * its own temporary directory under $TMPDIR and checks them with plain
 * SQL: the same seed gives the same database, the ledger invariant
 * holds, the catalogue looks like a shop, and the generator never
 * overwrites a database that is not an earlier demo.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dbi.h"
#include "demo.h"
#include "ledger.h"
#include "testutil.h"
#include "xmalloc.h"

/* 2025-12-01 12:00:00 UTC: a Monday, just after Black Friday. */
#define END_TIME 1764590400
#define NPRODUCTS 80
#define NDAYS 120

/* ---------------------------------------------------------------- */
/* Helpers. */

/* A fresh directory under $TMPDIR; caller removes it with rm_dir(). */
static char *
tmp_dir(void)
{
	char	*dir;

	assert_non_null(dir = testutil_mkdtemp("test_demo."));
	return dir;
}

/* Remove dir and everything in it (some tests make subdirectories). */
static void
rm_dir(char *dir)
{
	testutil_rm_rf(dir);
	free(dir);
}

static void
opts(struct demo_opts *o, int64_t products, int days, uint64_t seed)
{
	memset(o, 0, sizeof *o);
	o->products = products;
	o->days = days;
	o->seed = seed;
	o->end_time = END_TIME;
}

static int
generate(const char *path, int64_t products, int days, uint64_t seed,
    struct demo_stats *st, struct err *e)
{
	struct demo_opts	o;

	opts(&o, products, days, seed);
	return demo_generate(path, &o, st, e);
}

static struct db *
open_db(const char *path)
{
	struct db	*db;
	struct err	 e;

	if (db_open(path, 0, &db, &e) != 0)
		fail_msg("open %s: %s", path, e.msg);
	return db;
}

static int64_t
scalar(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_sqlite(db)));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* FNV-1a over every column of every row a query returns. */
static uint64_t
hash_query(struct db *db, const char *sql)
{
	sqlite3_stmt		*st;
	const unsigned char	*s;
	uint64_t		 h = 0xcbf29ce484222325ULL;
	int			 i, n;

	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_sqlite(db)));
	while (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_count(st);
		for (i = 0; i < n; i++) {
			s = sqlite3_column_text(st, i);
			if (s == NULL)
				s = (const unsigned char *)"\001NULL";
			for (; *s != '\0'; s++)
				h = (h ^ *s) * 0x100000001b3ULL;
			h = (h ^ 0xff) * 0x100000001b3ULL;
		}
	}
	sqlite3_finalize(st);
	return h;
}

static uint64_t
hash_db(const char *path)
{
	struct db	*db = open_db(path);
	uint64_t	 h;

	h = hash_query(db, "SELECT * FROM movements ORDER BY id");
	h ^= hash_query(db, "SELECT * FROM products ORDER BY id") * 31;
	h ^= hash_query(db, "SELECT * FROM inventory ORDER BY product_id") *
	    131;
	h ^= hash_query(db, "SELECT * FROM meta ORDER BY key") * 1031;
	db_close(db);
	return h;
}

static int
ean13_valid(const char *s)
{
	int	i, sum = 0;

	if (s == NULL || strlen(s) != 13)
		return 0;
	for (i = 0; i < 13; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * (i % 2 ? 3 : 1);
	}
	return sum % 10 == 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp;

	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static char *
read_file(const char *path)
{
	FILE	*fp;
	char	 buf[256];
	size_t	 n;

	assert_non_null(fp = fopen(path, "r"));
	n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return xstrdup(buf);
}

/* Entries of dir whose name contains part. */
static int
count_entries(const char *dir, const char *part)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, part) != NULL)
			n++;
	closedir(d);
	return n;
}

/* ---------------------------------------------------------------- */
/* Tests. */

static void
test_deterministic(void **state)
{
	struct demo_stats	 s1, s2, s3;
	struct err		 e;
	char			*dir = tmp_dir(), *a, *b, *c;

	(void)state;
	a = xasprintf("%s/a.db", dir);
	b = xasprintf("%s/b.db", dir);
	c = xasprintf("%s/c.db", dir);
	assert_int_equal(generate(a, NPRODUCTS, NDAYS, 7, &s1, &e), 0);
	assert_int_equal(generate(b, NPRODUCTS, NDAYS, 7, &s2, &e), 0);
	assert_int_equal(generate(c, NPRODUCTS, NDAYS, 8, &s3, &e), 0);
	assert_int_equal(s1.products, NPRODUCTS);
	assert_int_equal(s1.products, s2.products);
	assert_int_equal(s1.movements, s2.movements);
	assert_true(s1.movements > NPRODUCTS * 10);
	assert_true(hash_db(a) == hash_db(b));
	assert_true(hash_db(a) != hash_db(c));
	free(a);
	free(b);
	free(c);
	rm_dir(dir);
}

static void
test_ledger_invariant(void **state)
{
	struct demo_stats	 st;
	struct err		 e;
	struct db		*db;
	char			*dir = tmp_dir(), *path;

	(void)state;
	path = xasprintf("%s/demo.db", dir);
	assert_int_equal(generate(path, NPRODUCTS, NDAYS, 3, &st, &e), 0);
	db = open_db(path);

	assert_int_equal(scalar(db, "SELECT count(*) FROM movements"),
	    st.movements);
	assert_int_equal(scalar(db, "SELECT count(*) FROM products"),
	    NPRODUCTS);
	/* Every product has a level, and it is the sum of its movements. */
	assert_int_equal(scalar(db, "SELECT count(*) FROM inventory"),
	    NPRODUCTS);
	assert_int_equal(scalar(db, "SELECT count(*) FROM inventory i "
	    "WHERE on_hand != (SELECT coalesce(sum(qty), 0) FROM movements m "
	    "WHERE m.product_id = i.product_id AND "
	    "m.location_id = i.location_id)"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM movements m "
	    "WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE "
	    "i.product_id = m.product_id AND i.location_id = m.location_id)"),
	    0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM inventory "
	    "WHERE on_hand < 0 OR committed != 0"), 0);
	/* Stock never went below zero at any point in history. */
	assert_int_equal(scalar(db, "SELECT count(*) FROM (SELECT sum(qty) "
	    "OVER (PARTITION BY product_id ORDER BY id) AS bal FROM "
	    "movements) WHERE bal < 0"), 0);
	/* A product's ids follow time (history pages by id). */
	assert_int_equal(scalar(db, "SELECT count(*) FROM (SELECT created_at, "
	    "lag(created_at) OVER (PARTITION BY product_id ORDER BY id) AS "
	    "prev FROM movements) WHERE created_at < prev"), 0);
	/* A count records what was found; its qty is the difference. */
	assert_int_equal(scalar(db, "SELECT count(*) FROM (SELECT kind, "
	    "counted, sum(qty) OVER (PARTITION BY product_id ORDER BY id) AS "
	    "bal FROM movements) WHERE kind = 'count' AND counted != bal"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM movements WHERE "
	    "(kind = 'sale' AND qty >= 0) OR (kind = 'receipt' AND qty <= 0) "
	    "OR (kind = 'opening' AND qty <= 0) OR (kind = 'count' AND "
	    "counted IS NULL) OR (kind != 'count' AND counted IS NOT NULL)"),
	    0);
	/* No orphans. */
	assert_int_equal(scalar(db, "SELECT count(*) FROM movements WHERE "
	    "product_id NOT IN (SELECT id FROM products) OR location_id != 1 "
	    "OR channel_id IS NOT NULL"), 0);
	/* History ends at end_time and goes back NDAYS days. */
	assert_true(scalar(db, "SELECT max(created_at) FROM movements") <=
	    END_TIME);
	assert_true(scalar(db, "SELECT min(created_at) FROM movements") >=
	    (END_TIME / 86400 - NDAYS + 1) * 86400);
	assert_true(scalar(db, "SELECT max(created_at) FROM movements") >
	    END_TIME - 86400);
	db_close(db);
	free(path);
	rm_dir(dir);
}

static void
test_catalogue(void **state)
{
	struct demo_stats	 st;
	struct err		 e;
	struct db		*db;
	sqlite3_stmt		*q;
	char			*dir = tmp_dir(), *path, *v;
	int			 n = 0;

	(void)state;
	path = xasprintf("%s/demo.db", dir);
	assert_int_equal(generate(path, NPRODUCTS, NDAYS, 3, &st, &e), 0);
	db = open_db(path);

	assert_true(scalar(db, "SELECT count(DISTINCT category) FROM "
	    "products WHERE category != ''") >= 5);
	assert_true(scalar(db, "SELECT count(DISTINCT supplier) FROM "
	    "products WHERE supplier != ''") >= 5);
	/* Variants: SKUs sharing a parent, named after it. */
	assert_true(scalar(db, "SELECT count(*) FROM (SELECT parent_sku FROM "
	    "products WHERE parent_sku IS NOT NULL GROUP BY parent_sku "
	    "HAVING count(*) >= 2)") >= 3);
	assert_int_equal(scalar(db, "SELECT count(*) FROM products WHERE "
	    "parent_sku IS NOT NULL AND substr(sku, 1, length(parent_sku) + 1) "
	    "!= parent_sku || '-'"), 0);
	assert_true(scalar(db, "SELECT count(*) FROM products WHERE "
	    "parent_sku IS NULL") >= 10);
	assert_int_equal(scalar(db, "SELECT count(*) FROM products WHERE "
	    "sku NOT GLOB '[A-Z][A-Z][A-Z]-[0-9][0-9][0-9][0-9]*'"), 0);
	assert_int_equal(scalar(db, "SELECT count(DISTINCT name) FROM "
	    "products"), NPRODUCTS);
	/* Money: integer minor units, cost 30-60% of the price. */
	assert_int_equal(scalar(db, "SELECT count(*) FROM products WHERE "
	    "typeof(price) != 'integer' OR price <= 0 OR cost * 100 < "
	    "price * 30 - 100 OR cost * 100 > price * 60 + 100"), 0);
	assert_true(scalar(db, "SELECT count(*) FROM products WHERE "
	    "reorder_point IS NOT NULL") >= NPRODUCTS / 5);

	/* Barcodes: most products, valid EAN-13, all different. */
	assert_true(scalar(db, "SELECT count(*) FROM products WHERE "
	    "barcode IS NOT NULL") >= NPRODUCTS * 9 / 10);
	assert_int_equal(scalar(db, "SELECT count(DISTINCT barcode) FROM "
	    "products"), scalar(db, "SELECT count(barcode) FROM products"));
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "SELECT barcode "
	    "FROM products WHERE barcode IS NOT NULL", -1, &q, NULL),
	    SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (!ean13_valid((const char *)sqlite3_column_text(q, 0)))
			fail_msg("bad EAN-13 %s", sqlite3_column_text(q, 0));
		n++;
	}
	sqlite3_finalize(q);
	assert_true(n > 0);

	/* Every kind of movement the demo promises, well formed. */
	assert_true(scalar(db, "SELECT count(*) FROM movements "
	    "WHERE kind = 'opening'") >= NPRODUCTS / 2);
	assert_true(scalar(db, "SELECT count(*) FROM movements "
	    "WHERE kind = 'sale'") > NPRODUCTS * 5);
	assert_true(scalar(db, "SELECT count(*) FROM movements "
	    "WHERE kind = 'receipt'") > 0);
	assert_true(scalar(db, "SELECT count(*) FROM movements "
	    "WHERE kind = 'count'") > 0);
	assert_true(scalar(db, "SELECT count(*) FROM movements "
	    "WHERE kind = 'adjustment'") > 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM movements m JOIN "
	    "products p ON p.id = m.product_id WHERE m.kind = 'receipt' AND "
	    "(m.unit_cost IS NOT p.cost OR m.reason IS NOT NULL)"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM movements WHERE "
	    "kind = 'adjustment' AND (reason IS NULL OR note = '' OR qty = 0 "
	    "OR reason NOT IN ('damaged', 'lost', 'found', 'correction'))"),
	    0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM movements WHERE "
	    "user = '' OR (kind != 'adjustment' AND reason IS NOT NULL)"), 0);
	assert_true(scalar(db, "SELECT count(DISTINCT user) FROM movements "
	    "WHERE kind = 'sale'") >= 2);

	/* Demand: weekends busier than Mondays, intermittent movers. */
	assert_true(scalar(db, "SELECT -sum(qty) FROM movements WHERE kind = "
	    "'sale' AND strftime('%w', created_at, 'unixepoch') = '6'") >
	    scalar(db, "SELECT -sum(qty) FROM movements WHERE kind = 'sale' "
	    "AND strftime('%w', created_at, 'unixepoch') = '1'") * 3 / 2);
	assert_true(scalar(db, "SELECT count(*) FROM (SELECT product_id FROM "
	    "movements WHERE kind = 'sale' GROUP BY product_id HAVING "
	    "count(*) < 30)") >= 5);
	assert_true(scalar(db, "SELECT count(*) FROM (SELECT product_id FROM "
	    "movements WHERE kind = 'sale' GROUP BY product_id HAVING "
	    "count(*) > 100)") >= 5);
	/* Dead items: sold once, nothing in the last month. */
	assert_true(scalar(db, "SELECT count(*) FROM products p WHERE EXISTS "
	    "(SELECT 1 FROM movements m WHERE m.product_id = p.id AND "
	    "m.kind = 'sale') AND NOT EXISTS (SELECT 1 FROM movements m WHERE "
	    "m.product_id = p.id AND m.kind = 'sale' AND m.created_at > "
	    "1764590400 - 30 * 86400)") >= 1);
	/* The Alerts pane has content: low and out of stock. */
	assert_true(scalar(db, "SELECT count(*) FROM inventory WHERE "
	    "on_hand = 0") >= 1);
	assert_true(scalar(db, "SELECT count(*) FROM products p JOIN "
	    "inventory i ON i.product_id = p.id WHERE p.reorder_point IS NOT "
	    "NULL AND i.on_hand <= p.reorder_point") >= 2);

	v = db_meta_get(db, "demo_seed");
	assert_non_null(v);
	assert_string_equal(v, "3");
	free(v);
	db_close(db);
	free(path);
	rm_dir(dir);
}

/* The file is an ordinary shop database: same schema, WAL, usable. */
static void
test_normal_database(void **state)
{
	struct movement_req	 r;
	struct movement		 m;
	struct stat		 sb;
	struct err		 e;
	struct db		*db, *fresh;
	char			*dir = tmp_dir(), *path, *empty;

	(void)state;
	path = xasprintf("%s/demo.db", dir);
	empty = xasprintf("%s/empty.db", dir);
	assert_int_equal(generate(path, 20, 30, 5, NULL, &e), 0);
	assert_int_equal(db_open(empty, DB_CREATE, &fresh, &e), 0);
	db = open_db(path);
	assert_true(hash_query(db, "SELECT type, name, tbl_name, sql FROM "
	    "sqlite_master ORDER BY type, name") == hash_query(fresh,
	    "SELECT type, name, tbl_name, sql FROM sqlite_master "
	    "ORDER BY type, name"));
	assert_int_equal(scalar(db, "PRAGMA user_version"),
	    scalar(fresh, "PRAGMA user_version"));
	assert_int_equal(scalar(db, "PRAGMA application_id"),
	    scalar(fresh, "PRAGMA application_id"));
	assert_int_equal(scalar(db, "SELECT count(*) FROM pragma_journal_mode "
	    "WHERE journal_mode = 'wal'"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM "
	    "pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM "
	    "pragma_foreign_key_check"), 0);
	db_close(fresh);

	/* The ledger works on it. */
	memset(&r, 0, sizeof r);
	r.product_id = 1;
	r.kind = MV_RECEIPT;
	r.qty = 5;
	r.unit_cost = 100;
	r.user = "test";
	assert_int_equal(ledger_post(db, &r, &m, &e), 0);
	assert_int_equal(m.on_hand_after, scalar(db, "SELECT sum(qty) FROM "
	    "movements WHERE product_id = 1"));
	db_close(db);

	/* Private, like any shop file. */
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 077, 0);
	free(path);
	free(empty);
	rm_dir(dir);
}

static void
test_refuses_shop(void **state)
{
	struct err	 e;
	struct db	*db;
	char		*dir = tmp_dir(), *path, *text, *s, *v;

	(void)state;
	path = xasprintf("%s/shop.db", dir);
	assert_int_equal(db_open(path, DB_CREATE, &db, &e), 0);
	assert_int_equal(db_exec(db, "INSERT INTO products (sku, name, "
	    "created_at, updated_at) VALUES ('MINE-1', 'My product', 1, 1)",
	    &e), 0);
	db_close(db);

	assert_int_equal(generate(path, 20, 30, 1, NULL, &e), -1);
	assert_int_equal(e.code, ERR_REFUSED);
	assert_non_null(strstr(e.msg, "not a demo"));
	db = open_db(path);
	assert_int_equal(scalar(db, "SELECT count(*) FROM products"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM products "
	    "WHERE sku = 'MINE-1'"), 1);
	v = db_meta_get(db, "demo_seed");
	assert_null(v);
	db_close(db);
	assert_int_equal(count_entries(dir, "tmp-"), 0);

	/* Not a database at all: left byte for byte. */
	text = xasprintf("%s/notes.txt", dir);
	write_file(text, "not a database\n");
	assert_int_equal(generate(text, 20, 30, 1, NULL, &e), -1);
	assert_int_equal(e.code, ERR_REFUSED);
	s = read_file(text);
	assert_string_equal(s, "not a database\n");
	free(s);

	/* A directory. */
	assert_int_equal(generate(dir, 20, 30, 1, NULL, &e), -1);
	assert_int_equal(count_entries(dir, "tmp-"), 0);
	free(text);
	free(path);
	rm_dir(dir);
}

static void
test_replaces_demo(void **state)
{
	struct demo_stats	 st;
	struct err		 e;
	struct db		*db;
	char			*dir = tmp_dir(), *path, *v;

	(void)state;
	path = xasprintf("%s/sub/dir/demo.db", dir);
	assert_int_equal(generate(path, 30, 40, 1, &st, &e), 0);
	assert_true(demo_is_demo(path));

	/* The user played with the old demo; it is replaced anyway. */
	db = open_db(path);
	assert_int_equal(db_exec(db, "INSERT INTO meta VALUES ('x', 'y')",
	    &e), 0);
	db_close(db);

	assert_int_equal(generate(path, 25, 40, 2, &st, &e), 0);
	assert_int_equal(st.products, 25);
	db = open_db(path);
	v = db_meta_get(db, "demo_seed");
	assert_non_null(v);
	assert_string_equal(v, "2");
	free(v);
	assert_null(db_meta_get(db, "x"));
	assert_int_equal(scalar(db, "SELECT count(*) FROM products"), 25);
	db_close(db);
	free(path);

	path = xasprintf("%s/sub/dir", dir);
	assert_int_equal(count_entries(path, "tmp-"), 0);
	free(path);
	rm_dir(dir);
}

static void
test_bad_options(void **state)
{
	struct err	 e;
	char		*dir = tmp_dir(), *path;

	(void)state;
	path = xasprintf("%s/demo.db", dir);
	assert_int_equal(generate(path, 0, 30, 1, NULL, &e), -1);
	assert_int_equal(e.code, ERR_USAGE);
	assert_int_equal(generate(path, 10, 0, 1, NULL, &e), -1);
	assert_int_equal(e.code, ERR_USAGE);
	assert_int_equal(generate(path, DEMO_MAX_PRODUCTS + 1, 30, 1, NULL,
	    &e), -1);
	assert_int_equal(access(path, F_OK), -1);

	/* Tiny shops work too. */
	assert_int_equal(generate(path, 1, 1, 1, NULL, &e), 0);
	assert_int_equal(generate(path, 3, 2, 9, NULL, &e), 0);
	free(path);
	rm_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_ledger_invariant),
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_normal_database),
		cmocka_unit_test(test_refuses_shop),
		cmocka_unit_test(test_replaces_demo),
		cmocka_unit_test(test_bad_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
