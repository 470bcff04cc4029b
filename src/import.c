/*
 * import.c - CSV files into the catalogue and the ledger.
 *
 * Both formats are RFC 4180 CSV in UTF-8 (a byte order mark is skipped;
 * CRLF or LF line ends; fields with commas, quotes or line breaks are
 * quoted, a quote inside doubled). The first row names the columns, in
 * any order and any case; an unknown column is an error, except "error",
 * which is ignored so that a corrected rejects file imports as it is.
 * Spaces around unquoted fields are trimmed. Rows whose cells are all
 * empty are ignored.
 *
 * products (invsync import products FILE.csv)
 *	sku		required; the key. A SKU may appear once per file.
 *	name		required for a new SKU
 *	category, supplier	text; empty clears
 *	barcode, parent_sku	text; empty clears
 *	price, cost	money with at most two decimals: 4.50
 *	reorder_point	a whole number; empty means none
 *	id		ignored (export products writes it)
 *   A new SKU is created; an existing one is updated, changing only the
 *   columns the file has. An empty name, price or cost leaves the
 *   product's value as it is (a new product gets price and cost 0).
 *
 * stock (invsync import stock FILE.csv): one movement per row
 *	sku		required
 *	kind		sale, receipt, adjustment, count, return, transfer or
 *			opening. May be left out (column or cell) when the
 *			row has counted: then it is a count.
 *	qty		the signed change of on_hand, as in the ledger: a sale
 *			of two is -2, a receipt of five is 5. Required except
 *			for a count, where it is ignored.
 *	counted		count only: the quantity found; the ledger records
 *			the difference
 *	unit_cost	money, e.g. 2.35 (receipts)
 *	reason		adjustment only, and required there: damaged, lost,
 *			found, returned, correction or other
 *	note		free text, at most 250 bytes, one line
 *	ref		an external reference, at most 120 bytes. The
 *			movement's idempotency key is "import:" + ref, so a
 *			row whose ref was already imported is skipped
 *			("already applied"), not applied twice and not an
 *			error. Without ref, importing a file twice applies
 *			it twice.
 *	time		when it happened, ISO 8601 in UTC unless a zone is
 *			given: 2026-11-30, 2026-11-30T14:05:00Z,
 *			2026-11-30 14:05, 2026-11-30T15:05:00+01:00.
 *			Empty means now.
 *	location	a location name or id; empty means the default
 *	channel		a sales channel name or id; empty means none
 *	user		who made the movement; empty means the importing user
 *	id		ignored (export movements writes it)
 *   export movements writes exactly these columns, so its output imports
 *   as it is. Rows are applied in file order; a row that would take
 *   on_hand below zero is bad unless --allow-negative.
 *
 * Transactions: the whole file is one transaction (db_begin); movements
 * go through a ledger batch inside it (ledger_batch_post), which writes
 * nothing for a row it refuses and moves each level once at the end
 * (ledger_batch_flush). Every bad row is
 * reported as FILE:LINE: reason. Without skip_bad, any bad row rolls the
 * whole import back; with it, bad rows are left out and written, with an
 * "error" column, to the rejects file. A malformed CSV file (bad quoting)
 * cannot be read past the error and always aborts the import.
 *
 * Callers own the connection; one thread. Start at import_run().
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "csvio.h"
#include "dbi.h"
#include "import.h"
#include "ledger.h"
#include "money.h"
#include "product.h"
#include "xmalloc.h"

#define IMPORT_MAX_COLS	16	/* the most columns a format has */
#define IMPORT_MAX_FIELDS 64	/* in a header */
#define IMPORT_REF_MAX	120

/* A string-keyed hash table (open addressing): SKU -> id or line. */
struct strmap_ent {
	char	*key;		/* owned; NULL when the slot is free */
	int64_t	 val;
};

struct strmap {
	struct strmap_ent	*v;
	size_t			 size;	/* a power of two */
	size_t			 n;
};

/* The last name looked up in a small table (locations, channels). */
struct name_cache {
	char	*name;
	int64_t	 id;
};

struct job;

struct importer {
	const char		*what;
	const char *const	*cols;		/* NULL-terminated */
	const char		*example;	/* a header, for messages */
	int	(*header)(struct job *, struct err *);
	/* 0 applied, 1 already applied, -1 bad (or ERR_SYSTEM: give up) */
	int	(*row)(struct job *, char **cell, struct err *);
};

struct job {
	struct db		*db;
	const char		*path;
	const struct import_opts *o;
	struct import_stats	*st;
	const struct importer	*imp;

	int			 ncols;		/* in the file */
	int			 map[IMPORT_MAX_FIELDS];
	int			 present[IMPORT_MAX_COLS];
	char			**header;	/* the file's names */
	long			 line;		/* of the row being imported */

	struct strmap		 skus;
	struct name_cache	 loc, chan;
	struct ledger_batch	*batch;		/* stock imports */

	FILE			*rej;
	char			*rej_path;
	int64_t			 reported;
};

/* ------------------------------------------------------------------ */

static uint64_t
hash_str(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static struct strmap_ent *
strmap_slot(struct strmap_ent *v, size_t size, const char *key)
{
	size_t	i = (size_t)hash_str(key) & (size - 1);

	while (v[i].key != NULL && strcmp(v[i].key, key) != 0)
		i = (i + 1) & (size - 1);
	return &v[i];
}

/* The entry for key; with add, created (val 0) if missing. */
static struct strmap_ent *
strmap_get(struct strmap *m, const char *key, int add, int *created)
{
	struct strmap_ent	*ent, *old;
	size_t			 i, oldsize;

	*created = 0;
	if (m->size == 0) {
		if (!add)
			return NULL;
		m->size = 1024;
		m->v = xcalloc(m->size, sizeof *m->v);
	}
	ent = strmap_slot(m->v, m->size, key);
	if (ent->key != NULL || !add)
		return ent->key != NULL ? ent : NULL;
	if ((m->n + 1) * 2 > m->size) {
		old = m->v;
		oldsize = m->size;
		m->size *= 2;
		m->v = xcalloc(m->size, sizeof *m->v);
		for (i = 0; i < oldsize; i++) {
			if (old[i].key != NULL)
				*strmap_slot(m->v, m->size, old[i].key) =
				    old[i];
		}
		free(old);
		ent = strmap_slot(m->v, m->size, key);
	}
	ent->key = xstrdup(key);
	ent->val = 0;
	m->n++;
	*created = 1;
	return ent;
}

static void
strmap_free(struct strmap *m)
{
	size_t	i;

	for (i = 0; i < m->size; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------ */

static int
is_empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* Parse a money cell; the message names the column. */
static int
cell_money(const char *col, const char *s, int64_t *v, struct err *e)
{
	if (money_parse(s, v, e) != 0) {
		err_prefix(e, "%s: ", col);
		return -1;
	}
	return 0;
}

static int
cell_qty(const char *col, const char *s, int64_t *v, struct err *e)
{
	if (qty_parse(s, v, e) != 0) {
		err_prefix(e, "%s: ", col);
		return -1;
	}
	return 0;
}

static int
two_digits(const char *p, int *v)
{
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
		return -1;
	*v = (p[0] - '0') * 10 + (p[1] - '0');
	return 0;
}

int
import_parse_time(const char *s, int64_t *out)
{
	const char	*p;
	char		 date[11];
	int64_t		 day, t;
	int		 y, mon, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0;
	int		 sign = 0;

	if (strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (clock_parse_day(date, &day) != 0)
		return -1;
	/* clock_parse_day() allows 29 February in any year. */
	y = atoi(date);
	mon = atoi(date + 5);
	d = atoi(date + 8);
	if (mon == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return -1;
	p = s + 10;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (two_digits(p, &h) != 0 || p[2] != ':' ||
		    two_digits(p + 3, &mi) != 0)
			return -1;
		p += 5;
		if (*p == ':') {
			if (two_digits(p + 1, &sec) != 0)
				return -1;
			p += 3;
			if (*p == '.') {
				if (!isdigit((unsigned char)*++p))
					return -1;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
		if (sec == 60)
			sec = 59;	/* a leap second */
		if (*p == 'Z' || *p == 'z')
			p++;
		else if (*p == '+' || *p == '-') {
			sign = *p == '-' ? -1 : 1;
			if (two_digits(p + 1, &oh) != 0)
				return -1;
			p += 3;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p)) {
				if (two_digits(p, &om) != 0)
					return -1;
				p += 2;
			}
			if (oh > 23 || om > 59)
				return -1;
		}
	}
	if (*p != '\0')
		return -1;
	t = day * 86400 + h * 3600 + mi * 60 + sec - sign * (oh * 3600 +
	    om * 60);
	if (t <= 0)
		return -1;
	*out = t;
	return 0;
}

/* ------------------------------------------------------------------ */

static void
report(struct job *j, const char *msg)
{
	int	max = j->o->report_max > 0 ? j->o->report_max :
		    IMPORT_REPORT_MAX;

	if (j->o->report != NULL && j->reported < max)
		fprintf(j->o->report, "%s:%ld: %s\n", j->path, j->line, msg);
	j->reported++;
}

/* The default rejects file: stock.csv -> stock.rejects.csv. */
static char *
rejects_path(const char *path)
{
	size_t	n = strlen(path);

	if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
		return xasprintf("%.*s.rejects.csv", (int)(n - 4), path);
	return xasprintf("%s.rejects.csv", path);
}

/* Refuse to write the rejects over the file being read. */
static int
same_file(const char *a, const char *b)
{
	struct stat	sa, sb;

	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int
rejects_open(struct job *j, struct err *e)
{
	int	i;

	j->rej_path = j->o->rejects != NULL ? xstrdup(j->o->rejects) :
	    rejects_path(j->path);
	if (same_file(j->rej_path, j->path)) {
		err_set(e, ERR_USAGE, "the rejects file %s is the file being "
		    "imported", j->rej_path);
		return -1;
	}
	if ((j->rej = fopen(j->rej_path, "w")) == NULL) {
		err_set(e, ERR_SYSTEM, "rejects file %s: %s", j->rej_path,
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < j->ncols; i++) {
		csv_write_field(j->rej, j->header[i], strlen(j->header[i]));
		putc(',', j->rej);
	}
	fputs("error\r\n", j->rej);
	return 0;
}

/* Write a bad row as it was read, padded to the header, plus why. */
static int
rejects_write(struct job *j, const struct csv_row *row, const char *why,
    struct err *e)
{
	size_t	i;

	if (j->rej == NULL && rejects_open(j, e) != 0)
		return -1;
	for (i = 0; i < row->n || i < (size_t)j->ncols; i++) {
		if (i < row->n)
			csv_write_field(j->rej, row->field[i], row->len[i]);
		putc(',', j->rej);
	}
	csv_write_field(j->rej, why, strlen(why));
	fputs("\r\n", j->rej);
	if (ferror(j->rej)) {
		err_set(e, ERR_SYSTEM, "rejects file %s: %s", j->rej_path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
rejects_close(struct job *j, struct err *e)
{
	int	rc;

	if (j->rej == NULL)
		return 0;
	rc = fclose(j->rej);
	j->rej = NULL;
	if (rc != 0) {
		err_set(e, ERR_SYSTEM, "rejects file %s: %s", j->rej_path,
		    strerror(errno));
		return -1;
	}
	snprintf(j->st->rejects, sizeof j->st->rejects, "%s", j->rej_path);
	return 0;
}

/* Map the header's names onto the importer's columns. */
static int
read_header(struct job *j, const struct csv_row *row, struct err *e)
{
	const char *const	*cols = j->imp->cols;
	char			 unknown[256] = "";
	size_t			 i, len;
	int			 c, nunknown = 0;

	if (row->n > IMPORT_MAX_FIELDS) {
		err_set(e, ERR_REFUSED, "%s:%ld: %zu columns; at most %d",
		    j->path, row->line, row->n, IMPORT_MAX_FIELDS);
		return -1;
	}
	if (row->bad_utf8) {
		err_set(e, ERR_REFUSED, "%s:%ld: the header is not valid UTF-8",
		    j->path, row->line);
		return -1;
	}
	j->ncols = (int)row->n;
	j->header = xcalloc(row->n, sizeof *j->header);
	for (i = 0; i < row->n; i++) {
		j->header[i] = xstrdup(row->field[i]);
		j->map[i] = -1;
		if (row->len[i] == 0) {
			err_set(e, ERR_REFUSED, "%s:%ld: column %zu has no "
			    "name", j->path, row->line, i + 1);
			return -1;
		}
		if (strcasecmp(row->field[i], "error") == 0)
			continue;
		for (c = 0; cols[c] != NULL; c++) {
			if (strcasecmp(row->field[i], cols[c]) == 0)
				break;
		}
		if (cols[c] == NULL) {
			len = strlen(unknown);
			if (len + 8 < sizeof unknown)
				snprintf(unknown + len, sizeof unknown - len,
				    "%s'%s'", nunknown ? ", " : "",
				    row->field[i]);
			nunknown++;
			continue;
		}
		if (j->present[c]) {
			err_set(e, ERR_REFUSED, "%s:%ld: column '%s' appears "
			    "twice", j->path, row->line, cols[c]);
			return -1;
		}
		j->present[c] = 1;
		j->map[i] = c;
	}
	if (nunknown != 0) {
		err_set(e, ERR_REFUSED, "%s:%ld: unknown column%s %s (a %s "
		    "file has: %s)", j->path, row->line,
		    nunknown > 1 ? "s" : "", unknown, j->imp->what,
		    j->imp->example);
		return -1;
	}
	if (j->imp->header(j, e) != 0) {
		err_prefix(e, "%s:%ld: ", j->path, row->line);
		return -1;
	}
	return 0;
}

static int
all_empty(const struct csv_row *row)
{
	size_t	i;

	for (i = 0; i < row->n; i++) {
		if (row->len[i] != 0)
			return 0;
	}
	return 1;
}

/* One data row: check its shape, hand it to the importer, count it. */
static int
one_row(struct job *j, const struct csv_row *row, struct err *e)
{
	struct err	 re;
	char		*cell[IMPORT_MAX_COLS];
	size_t		 i;
	int		 rc;

	err_clear(&re);
	j->line = row->line;
	j->st->rows++;
	if (row->bad_utf8) {
		i = row->bad_utf8 - 1;
		err_set(&re, ERR_REFUSED, "column %s%s%s is not valid UTF-8",
		    i < (size_t)j->ncols ? "'" : "",
		    i < (size_t)j->ncols ? j->header[i] : "past the header",
		    i < (size_t)j->ncols ? "'" : "");
		rc = -1;
	} else if (row->n != (size_t)j->ncols) {
		err_set(&re, ERR_REFUSED, "%zu field%s, the header has %d",
		    row->n, row->n == 1 ? "" : "s", j->ncols);
		rc = -1;
	} else {
		memset(cell, 0, sizeof cell);
		for (i = 0; i < row->n; i++) {
			if (j->map[i] >= 0)
				cell[j->map[i]] = row->field[i];
		}
		rc = j->imp->row(j, cell, &re);
	}
	if (rc == 0) {
		j->st->applied++;
		return 0;
	}
	if (rc == 1) {
		j->st->already++;
		return 0;
	}
	if (re.code == ERR_SYSTEM) {
		*e = re;
		err_prefix(e, "%s:%ld: ", j->path, j->line);
		return -1;
	}
	j->st->bad++;
	report(j, re.msg);
	if (j->o->skip_bad && rejects_write(j, row, re.msg, e) != 0)
		return -1;
	return 0;
}

static int
import_run(struct db *db, const char *path, const struct importer *imp,
    const struct import_opts *o, struct import_stats *st, struct err *e)
{
	struct csv_reader	*r = NULL;
	struct csv_row		*row;
	struct job		 j;
	int			 rc = -1, n, intx = 0, i;

	memset(st, 0, sizeof *st);
	memset(&j, 0, sizeof j);
	j.db = db;
	j.path = path;
	j.o = o;
	j.st = st;
	j.imp = imp;

	if (csv_reader_open(path, &r, e) != 0)
		goto out;
	if ((n = csv_read_row(r, &row, e)) < 0)
		goto out;
	if (n == 0) {
		err_set(e, ERR_REFUSED, "%s: the file is empty (a %s file "
		    "starts with a header row such as %s)", path, imp->what,
		    imp->example);
		goto out;
	}
	if (read_header(&j, row, e) != 0)
		goto out;

	/*
	 * A big import inserts into the ledger's indexes at random places;
	 * with the usual 8 MB page cache most of its time goes to paging.
	 */
	db_exec(db, "PRAGMA cache_size = -262144", NULL);
	if (db_begin(db, e) != 0) {
		err_prefix(e, "import %s: ", path);
		goto out;
	}
	intx = 1;
	j.batch = ledger_batch_new(db);
	while ((n = csv_read_row(r, &row, e)) == 1) {
		if (all_empty(row))
			continue;
		if (one_row(&j, row, e) != 0)
			goto out;
	}
	if (n < 0)
		goto out;
	if (j.reported > (o->report_max > 0 ? o->report_max :
	    IMPORT_REPORT_MAX) && o->report != NULL)
		fprintf(o->report, "%s: ... and %lld more bad rows\n", path,
		    (long long)(j.reported - (o->report_max > 0 ?
		    o->report_max : IMPORT_REPORT_MAX)));
	if (st->bad != 0 && !o->skip_bad) {
		err_set(e, ERR_REFUSED, "%s: %lld bad row%s; nothing was "
		    "imported", path, (long long)st->bad,
		    st->bad == 1 ? "" : "s");
		goto out;
	}
	if (rejects_close(&j, e) != 0)
		goto out;
	if (ledger_batch_flush(j.batch, e) != 0) {
		err_prefix(e, "import %s: ", path);
		goto out;
	}
	intx = 0;
	if (db_commit(db, e) != 0) {
		err_prefix(e, "import %s: ", path);
		goto out;
	}
	rc = 0;
out:
	if (intx)
		db_rollback(db);
	db_exec(db, "PRAGMA cache_size = -8192", NULL);
	ledger_batch_free(j.batch);
	if (j.rej != NULL)
		fclose(j.rej);
	if (rc != 0 && j.rej_path != NULL) {
		unlink(j.rej_path);
		st->rejects[0] = '\0';
	}
	if (rc != 0) {
		st->applied = st->created = st->updated = 0;
		st->already = 0;
	}
	free(j.rej_path);
	for (i = 0; i < j.ncols && j.header != NULL; i++)
		free(j.header[i]);
	free(j.header);
	strmap_free(&j.skus);
	free(j.loc.name);
	free(j.chan.name);
	csv_reader_free(r);
	return rc;
}

/* ------------------------------------------------------------------ */
/* products */

enum {
	P_ID, P_SKU, P_NAME, P_CATEGORY, P_BARCODE, P_PRICE, P_COST,
	P_REORDER, P_PARENT, P_SUPPLIER
};

static const char *const product_cols[] = {
	[P_ID] = "id",
	[P_SKU] = "sku",
	[P_NAME] = "name",
	[P_CATEGORY] = "category",
	[P_BARCODE] = "barcode",
	[P_PRICE] = "price",
	[P_COST] = "cost",
	[P_REORDER] = "reorder_point",
	[P_PARENT] = "parent_sku",
	[P_SUPPLIER] = "supplier",
	NULL
};

static int
product_header(struct job *j, struct err *e)
{
	if (!j->present[P_SKU]) {
		err_set(e, ERR_REFUSED, "no 'sku' column");
		return -1;
	}
	return 0;
}

static int
product_row(struct job *j, char **c, struct err *e)
{
	struct product		 p = { 0 }, old = { 0 };
	struct strmap_ent	*ent;
	int			 created, exists, fields = 0;

	if (is_empty(c[P_SKU])) {
		err_set(e, ERR_REFUSED, "sku is empty");
		return -1;
	}
	ent = strmap_get(&j->skus, c[P_SKU], 1, &created);
	if (!created) {
		err_set(e, ERR_REFUSED, "SKU %s is already on line %lld of "
		    "this file", c[P_SKU], (long long)ent->val);
		return -1;
	}
	ent->val = j->line;

	p.reorder_point = -1;
	if (!is_empty(c[P_NAME])) {
		p.name = c[P_NAME];
		fields |= PRODUCT_F_NAME;
	}
	if (c[P_CATEGORY] != NULL) {
		p.category = c[P_CATEGORY];
		fields |= PRODUCT_F_CATEGORY;
	}
	if (c[P_BARCODE] != NULL) {
		p.barcode = is_empty(c[P_BARCODE]) ? NULL : c[P_BARCODE];
		fields |= PRODUCT_F_BARCODE;
	}
	if (c[P_PARENT] != NULL) {
		p.parent_sku = is_empty(c[P_PARENT]) ? NULL : c[P_PARENT];
		fields |= PRODUCT_F_PARENT;
	}
	if (c[P_SUPPLIER] != NULL) {
		p.supplier = c[P_SUPPLIER];
		fields |= PRODUCT_F_SUPPLIER;
	}
	if (!is_empty(c[P_PRICE])) {
		if (cell_money("price", c[P_PRICE], &p.price, e) != 0)
			return -1;
		fields |= PRODUCT_F_PRICE;
	}
	if (!is_empty(c[P_COST])) {
		if (cell_money("cost", c[P_COST], &p.cost, e) != 0)
			return -1;
		fields |= PRODUCT_F_COST;
	}
	if (c[P_REORDER] != NULL) {
		if (!is_empty(c[P_REORDER]) && cell_qty("reorder_point",
		    c[P_REORDER], &p.reorder_point, e) != 0)
			return -1;
		if (p.reorder_point < -1 || (p.reorder_point == -1 &&
		    !is_empty(c[P_REORDER]))) {
			err_set(e, ERR_REFUSED, "reorder_point cannot be "
			    "negative");
			return -1;
		}
		fields |= PRODUCT_F_REORDER;
	}

	exists = product_get_sku(j->db, c[P_SKU], &old, e) == 0;
	product_clear(&old);
	if (!exists && e->code == ERR_SYSTEM)
		return -1;
	if (exists) {
		if (product_edit(j->db, c[P_SKU], &p, fields, e) != 0)
			return -1;
		j->st->updated++;
		return 0;
	}
	if (!(fields & PRODUCT_F_NAME)) {
		err_set(e, ERR_REFUSED, "unknown SKU %s: a new product needs "
		    "a name", c[P_SKU]);
		return -1;
	}
	p.sku = c[P_SKU];
	if (product_add(j->db, &p, e) != 0)
		return -1;
	j->st->created++;
	return 0;
}

static const struct importer products_importer = {
	.what = "products",
	.cols = product_cols,
	.example = "sku,name,category,barcode,price,cost,reorder_point,"
	    "parent_sku,supplier",
	.header = product_header,
	.row = product_row,
};

int
import_products(struct db *db, const char *path,
    const struct import_opts *o, struct import_stats *st, struct err *e)
{
	return import_run(db, path, &products_importer, o, st, e);
}

/* ------------------------------------------------------------------ */
/* stock */

enum {
	S_ID, S_TIME, S_SKU, S_LOCATION, S_KIND, S_QTY, S_COUNTED,
	S_UNIT_COST, S_REASON, S_NOTE, S_USER, S_CHANNEL, S_REF
};

static const char *const stock_cols[] = {
	[S_ID] = "id",
	[S_TIME] = "time",
	[S_SKU] = "sku",
	[S_LOCATION] = "location",
	[S_KIND] = "kind",
	[S_QTY] = "qty",
	[S_COUNTED] = "counted",
	[S_UNIT_COST] = "unit_cost",
	[S_REASON] = "reason",
	[S_NOTE] = "note",
	[S_USER] = "user",
	[S_CHANNEL] = "channel",
	[S_REF] = "ref",
	NULL
};

static int
stock_header(struct job *j, struct err *e)
{
	if (!j->present[S_SKU]) {
		err_set(e, ERR_REFUSED, "no 'sku' column");
		return -1;
	}
	if (!j->present[S_KIND] && !j->present[S_COUNTED]) {
		err_set(e, ERR_REFUSED, "no 'kind' column (only a file of "
		    "counts, with 'counted', may leave it out)");
		return -1;
	}
	if (j->present[S_KIND] && !j->present[S_QTY] &&
	    !j->present[S_COUNTED]) {
		err_set(e, ERR_REFUSED, "no 'qty' column");
		return -1;
	}
	return 0;
}

/* SKU to product id through the cache; 0 is cached for unknown SKUs. */
static int
lookup_product(struct job *j, const char *sku, int64_t *id, struct err *e)
{
	struct strmap_ent	*ent;
	struct product		 p = { 0 };
	int			 created;

	ent = strmap_get(&j->skus, sku, 1, &created);
	if (created) {
		if (product_get_sku(j->db, sku, &p, e) == 0)
			ent->val = p.id;
		else if (e->code == ERR_SYSTEM)
			return -1;
		product_clear(&p);
	}
	if (ent->val == 0) {
		err_set(e, ERR_REFUSED, "unknown SKU %s", sku);
		return -1;
	}
	*id = ent->val;
	return 0;
}

/*
 * A location or channel by name, or by id when the cell is all digits.
 * by_name and by_id are SQL literals (the statement cache keys on them).
 */
static int
lookup_name(struct job *j, struct name_cache *nc, const char *what,
    const char *by_name, const char *by_id, const char *s, int64_t *id,
    struct err *e)
{
	sqlite3_stmt	*st;
	const char	*p;
	int		 rc, numeric = 1;

	if (nc->name != NULL && strcmp(nc->name, s) == 0) {
		*id = nc->id;
		return 0;
	}
	for (p = s; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			numeric = 0;
	}
	if ((st = db_prepare(j->db, numeric ? by_id : by_name, e)) == NULL)
		return -1;
	if (numeric)
		sqlite3_bind_int64(st, 1, strtoll(s, NULL, 10));
	else
		sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		err_set(e, ERR_REFUSED, "unknown %s '%s'", what, s);
		return -1;
	}
	if (rc != SQLITE_ROW)
		return db_fail(j->db, e, "import");
	free(nc->name);
	nc->name = xstrdup(s);
	nc->id = *id;
	return 0;
}

static int
stock_kind(const char *s, enum mv_kind *k, struct err *e)
{
	char	buf[16];
	size_t	i;

	for (i = 0; s[i] != '\0' && i < sizeof buf - 1; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[i] = '\0';
	if (s[i] != '\0' || ledger_kind_parse(buf, k) != 0) {
		err_set(e, ERR_REFUSED, "unknown kind '%s' (sale, receipt, "
		    "adjustment, count, return, transfer or opening)", s);
		return -1;
	}
	return 0;
}

static int
stock_row(struct job *j, char **c, struct err *e)
{
	struct movement_req	 r;
	char			 key[IMPORT_REF_MAX + 8];
	int			 has_counted;

	memset(&r, 0, sizeof r);
	r.unit_cost = -1;
	r.user = j->o->user;
	r.allow_negative = j->o->allow_negative;

	if (is_empty(c[S_SKU])) {
		err_set(e, ERR_REFUSED, "sku is empty");
		return -1;
	}
	if (lookup_product(j, c[S_SKU], &r.product_id, e) != 0)
		return -1;

	has_counted = !is_empty(c[S_COUNTED]);
	if (!is_empty(c[S_KIND])) {
		if (stock_kind(c[S_KIND], &r.kind, e) != 0)
			return -1;
	} else if (has_counted)
		r.kind = MV_COUNT;
	else {
		err_set(e, ERR_REFUSED, "kind is empty");
		return -1;
	}
	if (r.kind == MV_COUNT) {
		if (!has_counted) {
			err_set(e, ERR_REFUSED, "a count needs 'counted'");
			return -1;
		}
		if (cell_qty("counted", c[S_COUNTED], &r.counted, e) != 0)
			return -1;
	} else {
		if (has_counted) {
			err_set(e, ERR_REFUSED, "'counted' is only for kind "
			    "count");
			return -1;
		}
		if (is_empty(c[S_QTY])) {
			err_set(e, ERR_REFUSED, "qty is empty");
			return -1;
		}
		if (cell_qty("qty", c[S_QTY], &r.qty, e) != 0)
			return -1;
	}
	if (!is_empty(c[S_UNIT_COST])) {
		if (cell_money("unit_cost", c[S_UNIT_COST], &r.unit_cost,
		    e) != 0)
			return -1;
		if (r.unit_cost < 0) {
			err_set(e, ERR_REFUSED, "unit_cost cannot be negative");
			return -1;
		}
	}
	if (!is_empty(c[S_REASON]))
		r.reason = c[S_REASON];
	if (!is_empty(c[S_NOTE]))
		r.note = c[S_NOTE];
	if (!is_empty(c[S_USER]))
		r.user = c[S_USER];
	if (!is_empty(c[S_TIME]) &&
	    import_parse_time(c[S_TIME], &r.created_at) != 0) {
		err_set(e, ERR_REFUSED, "time '%s' is not an ISO 8601 date or "
		    "time (2026-11-30 or 2026-11-30T14:05:00Z)", c[S_TIME]);
		return -1;
	}
	if (!is_empty(c[S_LOCATION]) && lookup_name(j, &j->loc, "location",
	    "SELECT id FROM locations WHERE name = ?",
	    "SELECT id FROM locations WHERE id = ?",
	    c[S_LOCATION], &r.location_id, e) != 0)
		return -1;
	if (!is_empty(c[S_CHANNEL]) && lookup_name(j, &j->chan, "channel",
	    "SELECT id FROM sales_channels WHERE name = ?",
	    "SELECT id FROM sales_channels WHERE id = ?",
	    c[S_CHANNEL], &r.channel_id, e) != 0)
		return -1;
	if (!is_empty(c[S_REF])) {
		if (strlen(c[S_REF]) > IMPORT_REF_MAX) {
			err_set(e, ERR_REFUSED, "ref is longer than %d bytes",
			    IMPORT_REF_MAX);
			return -1;
		}
		snprintf(key, sizeof key, "import:%s", c[S_REF]);
		r.idem_key = key;
		r.ext_ref = c[S_REF];
	}

	if (ledger_batch_post(j->batch, &r, NULL, e) == 0)
		return 0;
	if (e->code == ERR_CONFLICT)
		return 1;
	return -1;
}

static const struct importer stock_importer = {
	.what = "stock",
	.cols = stock_cols,
	.example = "sku,kind,qty,counted,unit_cost,reason,note,ref,time "
	    "(also id,location,user,channel)",
	.header = stock_header,
	.row = stock_row,
};

int
import_stock(struct db *db, const char *path, const struct import_opts *o,
    struct import_stats *st, struct err *e)
{
	return import_run(db, path, &stock_importer, o, st, e);
}
