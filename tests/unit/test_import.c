/*
 * test_import.c - CSV import and export: products created and updated
 * column by column, stock files applied all or nothing, every bad row
 * reported with its line, --skip-bad rejects files, refs that apply once,
 * and exports that import back to the same data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbi.h"
#include "export.h"
#include "import.h"
#include "product.h"
#include "testutil.h"
#include "xmalloc.h"

/* Write s to dir/name; returns the path (caller frees). */
static char *
write_file(const struct testdb *t, const char *name, const char *s)
{
	char	*path;
	FILE	*fp;

	path = xasprintf("%s/%s", t->dir, name);
	assert_non_null(fp = fopen(path, "wb"));
	fputs(s, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static char *
read_file(const char *path)
{
	FILE	*fp;
	char	*buf;
	long	 n;

	assert_non_null(fp = fopen(path, "rb"));
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	assert_non_null(buf = calloc(1, (size_t)n + 1));
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

static int64_t
scalar(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v;

	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int64_t
on_hand(struct db *db, const char *sku)
{
	struct product	p = { 0 };
	struct err	e;
	int64_t		v;

	if (product_get_sku(db, sku, &p, &e) != 0)
		fail_msg("%s", e.msg);
	v = testdb_on_hand(db, p.id);
	product_clear(&p);
	return v;
}

/* An import with its report captured in *report (caller frees). */
struct run {
	struct import_opts	 o;
	struct import_stats	 st;
	struct err		 e;
	char			*report;
	size_t			 len;
	int			 rc;
};

static void
run_import(struct run *r, struct db *db, const char *path, int stock)
{
	FILE	*fp;

	r->report = NULL;
	fp = open_memstream(&r->report, &r->len);
	assert_non_null(fp);
	r->o.report = fp;
	if (r->o.user == NULL)
		r->o.user = "tester";
	err_clear(&r->e);
	if (stock)
		r->rc = import_stock(db, path, &r->o, &r->st, &r->e);
	else
		r->rc = import_products(db, path, &r->o, &r->st, &r->e);
	fclose(fp);
	r->o.report = NULL;
}

static void
expect_in(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("'%s' lacks '%s'", hay, needle);
}

static void
test_products_create_and_update(void **state)
{
	struct testdb	 t;
	struct product	 p = { 0 };
	struct run	 r = { 0 };
	struct err	 e;
	char		*path;

	(void)state;
	testdb_open(&t);
	path = write_file(&t, "p.csv",
	    "SKU,name,category,barcode,price,cost,reorder_point,parent_sku,"
	    "supplier\r\n"
	    "MUG-01,\"Mug, blue\",Kitchen,4006381333931,4.50,2,5,,Acme\r\n"
	    "MUG-02,\"Mug \"\"XL\"\"\",Kitchen,,12,7.25,,MUG-01,\r\n");
	run_import(&r, t.db, path, 0);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.st.created, 2);
	assert_int_equal(r.st.applied, 2);
	assert_int_equal(product_get_sku(t.db, "MUG-01", &p, &e), 0);
	assert_string_equal(p.name, "Mug, blue");
	assert_string_equal(p.barcode, "4006381333931");
	assert_int_equal(p.price, 450);
	assert_int_equal(p.cost, 200);
	assert_int_equal(p.reorder_point, 5);
	assert_null(p.parent_sku);
	assert_string_equal(p.supplier, "Acme");
	product_clear(&p);
	assert_int_equal(product_get_sku(t.db, "MUG-02", &p, &e), 0);
	assert_string_equal(p.name, "Mug \"XL\"");
	assert_null(p.barcode);
	assert_int_equal(p.reorder_point, -1);
	assert_string_equal(p.parent_sku, "MUG-01");
	product_clear(&p);
	free(r.report);
	free(path);

	/* Only the columns present change; empty price keeps the price. */
	path = write_file(&t, "q.csv", "sku,cost,price,reorder_point\n"
	    "MUG-01,2.10,,\n");
	run_import(&r, t.db, path, 0);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.st.updated, 1);
	assert_int_equal(product_get_sku(t.db, "MUG-01", &p, &e), 0);
	assert_string_equal(p.name, "Mug, blue");
	assert_string_equal(p.category, "Kitchen");
	assert_int_equal(p.price, 450);
	assert_int_equal(p.cost, 210);
	assert_int_equal(p.reorder_point, -1);
	product_clear(&p);
	free(r.report);
	free(path);
	testdb_close(&t);
}

static void
test_products_bad_rows(void **state)
{
	struct testdb	 t;
	struct run	 r = { 0 };
	char		*path;

	(void)state;
	testdb_open(&t);
	testdb_product(t.db, "OLD-1", -1);
	path = write_file(&t, "p.csv", "sku,name,price\n"
	    "A-1,Alpha,1.00\n"
	    "A-1,Again,2.00\n"
	    "NEW-2,,3.00\n"
	    "B-1,Beta,1.005\n"
	    "C 1,Gamma,1\n"
	    "D-1,Delta\n"
	    "E-1,Eps\xff,1\n"
	    "OLD-1,Renamed,\n");
	run_import(&r, t.db, path, 0);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.e.code, ERR_REFUSED);
	expect_in(r.e.msg, "6 bad rows; nothing was imported");
	expect_in(r.report, "p.csv:3: SKU A-1 is already on line 2");
	expect_in(r.report, "p.csv:4: unknown SKU NEW-2: a new product needs "
	    "a name");
	expect_in(r.report, "p.csv:5: price: '1.005': at most two decimals");
	expect_in(r.report, "p.csv:6: SKU 'C 1' contains a space");
	expect_in(r.report, "p.csv:7: 2 fields, the header has 3");
	expect_in(r.report, "p.csv:8: column 'name' is not valid UTF-8");
	/* Nothing applied: not the good new row, not the rename. */
	assert_int_equal(scalar(t.db, "SELECT count(*) FROM products"), 1);
	assert_int_equal(scalar(t.db, "SELECT count(*) FROM products WHERE "
	    "name = 'Renamed'"), 0);
	assert_int_equal(r.st.applied, 0);
	free(r.report);
	free(path);
	testdb_close(&t);
}

static void
test_headers(void **state)
{
	struct testdb	 t;
	struct run	 r = { 0 };
	char		*path;

	(void)state;
	testdb_open(&t);
	path = write_file(&t, "e.csv", "");
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	expect_in(r.e.msg, "e.csv: the file is empty");
	free(r.report);
	free(path);

	path = write_file(&t, "h.csv", "sku,kind,qty\r\n\r\n");
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.st.rows, 0);
	free(r.report);
	free(path);

	path = write_file(&t, "u.csv", "sku,kind,qty,colour,size\n");
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.e.code, ERR_REFUSED);
	expect_in(r.e.msg, "u.csv:1: unknown columns 'colour', 'size'");
	free(r.report);
	free(path);

	path = write_file(&t, "d.csv", "sku,qty,kind,QTY\n");
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	expect_in(r.e.msg, "d.csv:1: column 'qty' appears twice");
	free(r.report);
	free(path);

	path = write_file(&t, "k.csv", "sku,qty\n");
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	expect_in(r.e.msg, "no 'kind' column");
	free(r.report);
	free(path);

	path = write_file(&t, "m.csv", "sku,kind,qty\nA,\"sale,-1\n");
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	expect_in(r.e.msg, "m.csv:2: malformed CSV");
	free(r.report);
	free(path);
	testdb_close(&t);
}

static const char stock_csv[] =
    "sku,kind,qty,unit_cost,reason,note,ref\r\n"
    "MUG-01,receipt,10,2.35,,first delivery,r1\r\n"
    "MUG-01,sale,-3,,,,r2\r\n"
    "NOPE,sale,-1,,,,r3\r\n"
    "MUG-01,sale,lots,,,,r4\r\n"
    "MUG-01,sale,-99999999999999999999,,,,r5\r\n"
    "MUG-01,receipt,1,2.5.0,,,r6\r\n"
    "MUG-01,theft,-1,,,,r7\r\n"
    "MUG-01,adjustment,-1,,,,r8\r\n"
    "MUG-01,sale,-50,,,,r9\r\n"
    "MUG-01,adjustment,2,,found,\"behind the \"\"shelf\"\", aisle 3\",r10\r\n";

static void
test_stock_all_or_nothing(void **state)
{
	struct testdb	 t;
	struct run	 r = { 0 };
	char		*path;

	(void)state;
	testdb_open(&t);
	testdb_product(t.db, "MUG-01", -1);
	path = write_file(&t, "s.csv", stock_csv);
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.e.code, ERR_REFUSED);
	expect_in(r.e.msg, "7 bad rows; nothing was imported");
	expect_in(r.report, "s.csv:4: unknown SKU NOPE\n");
	expect_in(r.report, "s.csv:5: qty: 'lots' is not a whole number\n");
	expect_in(r.report, "s.csv:6: qty: '-99999999999999999999' is out of "
	    "range\n");
	expect_in(r.report, "s.csv:7: unit_cost: '2.5.0'");
	expect_in(r.report, "s.csv:8: unknown kind 'theft'");
	expect_in(r.report, "s.csv:9: an adjustment needs a reason");
	expect_in(r.report, "s.csv:10: stock would become -43");
	assert_int_equal(on_hand(t.db, "MUG-01"), 0);
	assert_int_equal(scalar(t.db, "SELECT count(*) FROM movements"), 0);
	free(r.report);

	/* The same file with skip_bad: the rest goes in, rejects come out. */
	r.o.skip_bad = 1;
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.st.applied, 3);
	assert_int_equal(r.st.bad, 7);
	assert_int_equal(on_hand(t.db, "MUG-01"), 9);
	expect_in(r.st.rejects, "/s.rejects.csv");
	free(r.report);
	{
		char	*rej = read_file(r.st.rejects);

		expect_in(rej, "sku,kind,qty,unit_cost,reason,note,ref,error"
		    "\r\n");
		expect_in(rej, "NOPE,sale,-1,,,,r3,unknown SKU NOPE\r\n");
		expect_in(rej, "MUG-01,sale,-50,,,,r9,stock would become -43 "
		    "(use --allow-negative to record it anyway)\r\n");
		assert_null(strstr(rej, "r10"));
		free(rej);
	}
	assert_int_equal(scalar(t.db, "SELECT count(*) FROM movements WHERE "
	    "note = 'behind the \"shelf\", aisle 3' AND reason = 'found'"), 1);

	/* Again: every good ref is already applied; nothing moves twice. */
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.st.applied, 0);
	assert_int_equal(r.st.already, 3);
	assert_int_equal(on_hand(t.db, "MUG-01"), 9);
	assert_int_equal(scalar(t.db, "SELECT count(*) FROM movements"), 3);
	free(r.report);

	/* A rejects file that cannot be written fails the whole import. */
	r.o.rejects = "/nonexistent/dir/r.csv";
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.e.code, ERR_SYSTEM);
	expect_in(r.e.msg, "rejects file /nonexistent/dir/r.csv");
	assert_int_equal(r.st.applied, 0);
	free(r.report);

	/* With allow_negative the oversell is recorded. */
	r.o.allow_negative = 1;
	r.o.rejects = NULL;
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.st.applied, 1);
	assert_int_equal(on_hand(t.db, "MUG-01"), -41);
	free(r.report);
	free(path);
	testdb_close(&t);
}

static void
test_report_cap(void **state)
{
	struct testdb	 t;
	struct run	 r = { 0 };
	char		*buf, *p, *path;
	int		 i;

	(void)state;
	testdb_open(&t);
	buf = malloc(64 * 100);
	p = buf + sprintf(buf, "sku,kind,qty\n");
	for (i = 0; i < 50; i++)
		p += sprintf(p, "X%d,sale,-1\n", i);
	path = write_file(&t, "c.csv", buf);
	free(buf);
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.st.bad, 50);
	expect_in(r.report, "c.csv:21: unknown SKU X19\n");
	assert_null(strstr(r.report, "X20"));
	expect_in(r.report, "and 30 more bad rows");
	free(r.report);
	free(path);
	testdb_close(&t);
}

static void
test_counts_and_times(void **state)
{
	struct testdb	 t;
	struct run	 r = { 0 };
	int64_t		 v;
	char		*path;

	(void)state;
	assert_int_equal(import_parse_time("2026-11-30", &v), 0);
	assert_int_equal(v, 1795996800);
	assert_int_equal(import_parse_time("2026-11-30T14:05:00Z", &v), 0);
	assert_int_equal(v, 1795996800 + 14 * 3600 + 5 * 60);
	assert_int_equal(import_parse_time("2026-11-30 14:05", &v), 0);
	assert_int_equal(v, 1795996800 + 14 * 3600 + 5 * 60);
	assert_int_equal(import_parse_time("2026-11-30T15:05:00.250+01:00",
	    &v), 0);
	assert_int_equal(v, 1795996800 + 14 * 3600 + 5 * 60);
	assert_int_equal(import_parse_time("2024-02-29", &v), 0);
	assert_int_equal(import_parse_time("2026-02-29", &v), -1);
	assert_int_equal(import_parse_time("2026-13-01", &v), -1);
	assert_int_equal(import_parse_time("30/11/2026", &v), -1);
	assert_int_equal(import_parse_time("2026-11-30T25:00Z", &v), -1);
	assert_int_equal(import_parse_time("2026-11-30T14:05Zjunk", &v), -1);

	testdb_open(&t);
	testdb_product(t.db, "A", -1);
	testdb_product(t.db, "B", -1);
	testdb_move(t.db, 1, MV_RECEIPT, 10);
	/* No kind column: counted makes each row a count. */
	path = write_file(&t, "n.csv", "sku,counted,time\n"
	    "A,7,2026-11-30T14:05:00Z\nB,3,\n");
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(on_hand(t.db, "A"), 7);
	assert_int_equal(on_hand(t.db, "B"), 3);
	assert_int_equal(scalar(t.db, "SELECT qty FROM movements WHERE "
	    "kind = 'count' AND product_id = 1"), -3);
	assert_int_equal(scalar(t.db, "SELECT created_at FROM movements "
	    "WHERE kind = 'count' AND product_id = 1"),
	    1795996800 + 14 * 3600 + 5 * 60);
	free(r.report);
	free(path);

	path = write_file(&t, "x.csv", "sku,kind,qty,counted,time\n"
	    "A,count,,,\nA,sale,-1,4,\nA,sale,-1,,yesterday\n");
	run_import(&r, t.db, path, 1);
	assert_int_equal(r.rc, -1);
	expect_in(r.report, "x.csv:2: a count needs 'counted'");
	expect_in(r.report, "x.csv:3: 'counted' is only for kind count");
	expect_in(r.report, "x.csv:4: time 'yesterday' is not");
	free(r.report);
	free(path);
	testdb_close(&t);
}

/* Drop the first column of every line (ids differ between shops). */
static void
strip_ids(char *s)
{
	char	*in = s, *out = s;

	while (*in != '\0') {
		while (*in != '\0' && *in != ',')
			in++;
		while (*in != '\0' && *in != '\n')
			*out++ = *in++;
		if (*in == '\n')
			*out++ = *in++;
	}
	*out = '\0';
}

/* Export everything, import it into a new shop, export again: equal. */
static void
test_export_round_trip(void **state)
{
	struct testdb	 a, b;
	struct run	 r = { 0 };
	struct err	 e;
	char		*pa, *ma, *pb, *mb, *ppath, *mpath;
	size_t		 len;
	int64_t		 rows;
	FILE		*fp;

	(void)state;
	testdb_open(&a);
	testdb_open(&b);
	ppath = write_file(&a, "p.csv", "sku,name,category,barcode,price,cost,"
	    "reorder_point,parent_sku,supplier\n"
	    "TEE-S,\"T-shirt, small\",Clothes,123,15.00,6.5,3,TEE,"
	    "\"A \"\"B\"\"\"\n"
	    "TEE-M,T-shirt medium,Clothes,,15,6.50,,TEE,\n");
	run_import(&r, a.db, ppath, 0);
	assert_int_equal(r.rc, 0);
	free(r.report);
	mpath = write_file(&a, "m.csv", "sku,kind,qty,counted,unit_cost,"
	    "reason,note,ref,time\n"
	    "TEE-S,opening,5,,6.50,,,o1,2026-01-01\n"
	    "TEE-S,sale,-2,,,,\"line one\",s1,2026-01-02T10:00:00Z\n"
	    "TEE-S,count,,2,,,,c1,2026-01-03T10:00:00Z\n"
	    "TEE-M,receipt,4,,6.00,,,,2026-01-04T10:00:00Z\n"
	    "TEE-M,adjustment,-1,,,damaged,torn,,2026-01-05T10:00:00Z\n"
	    "TEE-M,return,1,,,,,,2026-01-06T10:00:00Z\n");
	run_import(&r, a.db, mpath, 1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.st.applied, 6);
	free(r.report);
	free(ppath);
	free(mpath);

	/* Export a. */
	fp = open_memstream(&pa, &len);
	assert_int_equal(export_products(a.db, fp, &rows, &e), 0);
	assert_int_equal(rows, 2);
	fclose(fp);
	fp = open_memstream(&ma, &len);
	assert_int_equal(export_movements(a.db, fp, &rows, &e), 0);
	assert_int_equal(rows, 6);
	fclose(fp);
	expect_in(ma, "id,time,sku,location,kind,qty,counted,unit_cost,reason,"
	    "note,user,channel,ref\r\n");
	expect_in(ma, "3,2026-01-03T10:00:00Z,TEE-S,Shop,count,-1,2,,,,tester,"
	    ",c1\r\n");
	expect_in(pa, ",TEE-S,\"T-shirt, small\",Clothes,123,15.00,6.50,3,TEE,"
	    "\"A \"\"B\"\"\"\r\n");

	/* Import into b. */
	ppath = write_file(&b, "p.csv", pa);
	mpath = write_file(&b, "m.csv", ma);
	run_import(&r, b.db, ppath, 0);
	assert_int_equal(r.rc, 0);
	free(r.report);
	r.o.user = "someone-else";
	run_import(&r, b.db, mpath, 1);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.st.applied, 6);
	free(r.report);
	assert_int_equal(on_hand(b.db, "TEE-S"), 2);
	assert_int_equal(on_hand(b.db, "TEE-M"), 4);

	/* Export b: the same bytes. */
	fp = open_memstream(&pb, &len);
	assert_int_equal(export_products(b.db, fp, &rows, &e), 0);
	fclose(fp);
	fp = open_memstream(&mb, &len);
	assert_int_equal(export_movements(b.db, fp, &rows, &e), 0);
	fclose(fp);
	/* Products come back in SKU order, so with other ids. */
	strip_ids(pa);
	strip_ids(pb);
	assert_string_equal(pa, pb);
	assert_string_equal(ma, mb);

	/* And the stock export reads sensibly. */
	free(pb);
	fp = open_memstream(&pb, &len);
	assert_int_equal(export_stock(b.db, fp, &rows, &e), 0);
	fclose(fp);
	expect_in(pb, "sku,name,category,on_hand,committed,available,"
	    "reorder_point,state,cost,value\r\n");
	expect_in(pb, "TEE-S,\"T-shirt, small\",Clothes,2,0,2,3,low,6.50,"
	    "13.00\r\n");
	expect_in(pb, "TEE-M,T-shirt medium,Clothes,4,0,4,,ok,6.50,26.00\r\n");
	free(pb);

	free(pa);
	free(ma);
	free(mb);
	free(ppath);
	free(mpath);
	testdb_close(&a);
	testdb_close(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_products_create_and_update),
		cmocka_unit_test(test_products_bad_rows),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_stock_all_or_nothing),
		cmocka_unit_test(test_report_cap),
		cmocka_unit_test(test_counts_and_times),
		cmocka_unit_test(test_export_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
