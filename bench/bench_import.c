/*
 * bench_import.c - how fast "invsync import stock" takes movements in.
 *
 *	bench_import [ROWS [PRODUCTS]]		(default 1000000 10000)
 *
 * Makes a shop of PRODUCTS products in a temp directory, writes a stock
 * CSV of ROWS movements (an opening per SKU, then receipts, sales and
 * adjustments, each with a ref and a time, as a point-of-sale export
 * would have), and times three things: reading the CSV alone, the import
 * (one transaction through ledger_post()), and a second import of the
 * same file, where every ref is already applied. Target: >= 200,000
 * rows/s for the import. Removes its files when done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csvio.h"
#include "dbi.h"
#include "import.h"
#include "product.h"

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(const char *what, const struct err *e)
{
	fprintf(stderr, "bench_import: %s: %s\n", what, e->msg);
	exit(1);
}

static void
make_products(struct db *db, long n)
{
	struct product	p = { 0 };
	struct err	e;
	char		sku[32], name[64];
	long		i;

	if (db_begin(db, &e) != 0)
		die("begin", &e);
	for (i = 0; i < n; i++) {
		snprintf(sku, sizeof sku, "SKU-%06ld", i);
		snprintf(name, sizeof name, "Product %ld", i);
		p.sku = sku;
		p.name = name;
		p.category = "Bench";
		p.price = 999;
		p.cost = 450;
		p.reorder_point = -1;
		if (product_add(db, &p, &e) != 0)
			die("product_add", &e);
	}
	if (db_commit(db, &e) != 0)
		die("commit", &e);
}

static void
write_csv(const char *path, long rows, long nproducts)
{
	FILE		*fp;
	unsigned	 seed = 42;
	long		 i, sku;
	long long	 t = 1767225600;	/* 2026-01-01 */
	struct tm	 tm;
	time_t		 tt;
	char		 when[32];

	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs("sku,kind,qty,unit_cost,reason,note,ref,time\r\n", fp);
	for (i = 0; i < rows; i++) {
		tt = (time_t)(t + i * 20);
		gmtime_r(&tt, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		if (i < nproducts) {
			fprintf(fp, "SKU-%06ld,opening,1000,4.50,,,b%ld,%s\r\n",
			    i, i, when);
			continue;
		}
		seed = seed * 1103515245 + 12345;
		sku = (long)((seed >> 8) % (unsigned)nproducts);
		switch ((seed >> 4) % 10) {
		case 0:
			fprintf(fp, "SKU-%06ld,receipt,%u,4.%02u,,delivery,"
			    "b%ld,%s\r\n", sku, 1 + (seed >> 12) % 24,
			    (seed >> 16) % 100, i, when);
			break;
		case 1:
			fprintf(fp, "SKU-%06ld,adjustment,-1,,damaged,"
			    "\"dropped, box torn\",b%ld,%s\r\n", sku, i, when);
			break;
		default:
			fprintf(fp, "SKU-%06ld,sale,-%u,,,,b%ld,%s\r\n", sku,
			    1 + (seed >> 12) % 3, i, when);
			break;
		}
	}
	if (fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static long
read_only(const char *path)
{
	struct csv_reader	*r;
	struct csv_row		*row;
	struct err		 e;
	long			 n = 0;
	int			 rc;

	if (csv_reader_open(path, &r, &e) != 0)
		die("open", &e);
	while ((rc = csv_read_row(r, &row, &e)) == 1)
		n++;
	if (rc < 0)
		die("read", &e);
	csv_reader_free(r);
	return n - 1;
}

int
main(int argc, char **argv)
{
	struct import_opts	 o = { .user = "bench", .report = stderr };
	struct import_stats	 st;
	struct db		*db;
	struct err		 e;
	char			 dir[] = "/tmp/invsync-bench-XXXXXX";
	char			 dbpath[64], csvpath[64], cmd[128];
	long			 rows = 1000000, nproducts = 10000, n;
	double			 t0, t1;

	if (argc > 1)
		rows = atol(argv[1]);
	if (argc > 2)
		nproducts = atol(argv[2]);
	if (rows < nproducts || nproducts < 1) {
		fprintf(stderr, "usage: bench_import [ROWS [PRODUCTS]] "
		    "(ROWS >= PRODUCTS >= 1)\n");
		return 2;
	}
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(dbpath, sizeof dbpath, "%s/shop.db", dir);
	snprintf(csvpath, sizeof csvpath, "%s/stock.csv", dir);
	if (db_open(dbpath, DB_CREATE, &db, &e) != 0)
		die("db_open", &e);

	t0 = now();
	make_products(db, nproducts);
	write_csv(csvpath, rows, nproducts);
	t1 = now();
	printf("setup: %ld products, %ld-row CSV in %.2f s\n", nproducts,
	    rows, t1 - t0);

	t0 = now();
	n = read_only(csvpath);
	t1 = now();
	printf("read CSV only:   %8ld rows in %6.3f s = %8.0f rows/s\n", n,
	    t1 - t0, n / (t1 - t0));

	t0 = now();
	if (import_stock(db, csvpath, &o, &st, &e) != 0)
		die("import", &e);
	t1 = now();
	printf("import stock:    %8lld rows in %6.3f s = %8.0f rows/s "
	    "(target >= 200000)\n", (long long)st.applied, t1 - t0,
	    st.applied / (t1 - t0));

	t0 = now();
	if (import_stock(db, csvpath, &o, &st, &e) != 0)
		die("re-import", &e);
	t1 = now();
	printf("re-import (refs already applied): %lld skipped in %.3f s = "
	    "%.0f rows/s\n", (long long)st.already, t1 - t0,
	    st.already / (t1 - t0));

	db_close(db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
