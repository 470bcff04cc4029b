/*
 * check.c - verifying the ledger's invariants and rebuilding levels from
 * it (see check.h).
 *
 * The level check reads the movements table once, in rowid order, and
 * sums quantities into an array indexed by product and location: a
 * sequential scan of millions of rows is far faster than a GROUP BY that
 * sorts them. When ids are too sparse for an array, it lets SQLite group.
 *
 * Runs in one read transaction, so the levels and movements it compares
 * are one snapshot even while another process posts.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "clock.h"
#include "dbi.h"
#include "xmalloc.h"

#define CHECK_MAX_CELLS (64 * 1024 * 1024)
#define CHECK_MAX_REPORT 50

struct sums {
	int64_t	*v;		/* [loc * (maxpid + 1) + pid] */
	char	*seen;		/* a movement exists for the cell */
	char	*product;	/* [pid]: the product exists */
	char	*location;	/* [loc]: the location exists */
	int64_t	 maxpid, maxloc;
};

static int
scalar(struct db *db, const char *sql, int64_t *out, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, e, "check");
	return 0;
}

static void
report(struct diags *d, int *n, const char *fmt, long long a, long long b,
    long long c, long long x)
{
	if (++*n <= CHECK_MAX_REPORT)
		diags_add(d, fmt, a, b, c, x);
}

/* Rows returned by sql are problems, described by fmt (four numbers). */
static int
each_problem(struct db *db, const char *sql, const char *fmt,
    struct diags *d, int *n, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		report(d, n, fmt, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    sqlite3_column_int64(st, 3));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "check");
	return 0;
}

/* Mark which ids of a table exist, for the orphan checks of the scans. */
static int
mark_ids(struct db *db, const char *sql, char *exists, int64_t max,
    struct err *e)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id >= 0 && id <= max)
			exists[id] = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "check");
	return 0;
}

static int
known(const struct sums *s, int64_t pid, int64_t loc)
{
	return pid >= 0 && pid <= s->maxpid && s->product[pid] &&
	    loc >= 0 && loc <= s->maxloc && s->location[loc];
}

/* One pass over the ledger: sums per cell, and movements naming nothing. */
static int
sum_movements(struct db *db, struct sums *s, struct diags *d, int *n,
    struct err *e)
{
	sqlite3_stmt	*st;
	int64_t		 pid, loc, cell;
	int		 rc;

	st = db_prepare(db, "SELECT product_id, location_id, qty, id "
	    "FROM movements", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pid = sqlite3_column_int64(st, 0);
		loc = sqlite3_column_int64(st, 1);
		if (!known(s, pid, loc)) {
			report(d, n, "movement %lld names missing product "
			    "%lld or location %lld", sqlite3_column_int64(st,
			    3), pid, loc, 0);
			continue;
		}
		cell = loc * (s->maxpid + 1) + pid;
		s->v[cell] += sqlite3_column_int64(st, 2);
		s->seen[cell] = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "check movements");
	return 0;
}

/* Compare every level with the sums; cells left seen lack a level row. */
static int
compare_levels(struct db *db, struct sums *s, struct diags *d, int *n,
    struct err *e)
{
	sqlite3_stmt	*st;
	int64_t		 pid, loc, cell, on_hand, i;
	int		 rc;

	st = db_prepare(db, "SELECT product_id, location_id, on_hand "
	    "FROM inventory", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pid = sqlite3_column_int64(st, 0);
		loc = sqlite3_column_int64(st, 1);
		on_hand = sqlite3_column_int64(st, 2);
		if (!known(s, pid, loc)) {
			report(d, n, "inventory row product %lld location %lld "
			    "names a missing product or location", pid, loc, 0,
			    0);
			continue;
		}
		cell = loc * (s->maxpid + 1) + pid;
		if (on_hand != s->v[cell])
			report(d, n, "inventory product %lld location %lld: "
			    "on_hand %lld but movements sum to %lld", pid, loc,
			    on_hand, s->v[cell]);
		s->seen[cell] = 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "check levels");
	for (i = 0; i < (s->maxloc + 1) * (s->maxpid + 1); i++) {
		if (s->seen[i] && s->v[i] != 0)
			report(d, n, "product %lld location %lld: movements "
			    "sum to %lld but there is no level row",
			    i % (s->maxpid + 1), i / (s->maxpid + 1), s->v[i],
			    0);
	}
	return 0;
}

static int
check_levels(struct db *db, struct diags *d, int *n, struct err *e)
{
	struct sums	s = { 0 };
	int64_t		cells;
	int		rc = -1;

	if (scalar(db, "SELECT coalesce(max(id), 0) FROM products", &s.maxpid,
	    e) != 0 ||
	    scalar(db, "SELECT coalesce(max(id), 0) FROM locations", &s.maxloc,
	    e) != 0)
		return -1;
	cells = (s.maxpid + 1) * (s.maxloc + 1);
	if (cells > CHECK_MAX_CELLS) {
		/* Sparse ids: let SQLite group instead. */
		return each_problem(db, "SELECT i.product_id, i.location_id, "
		    "i.on_hand, coalesce(m.s, 0) FROM inventory i LEFT JOIN "
		    "(SELECT product_id, location_id, sum(qty) AS s FROM "
		    "movements GROUP BY 1, 2) m USING (product_id, "
		    "location_id) WHERE i.on_hand != coalesce(m.s, 0)",
		    "inventory product %lld location %lld: on_hand %lld but "
		    "movements sum to %lld", d, n, e) != 0 ? -1 :
		    each_problem(db, "SELECT m.id, m.product_id, m.location_id, "
		    "0 FROM movements m WHERE NOT EXISTS (SELECT 1 FROM "
		    "products p WHERE p.id = m.product_id) OR NOT EXISTS "
		    "(SELECT 1 FROM locations l WHERE l.id = m.location_id) "
		    "LIMIT 50", "movement %lld names missing product %lld or "
		    "location %lld", d, n, e);
	}
	s.v = xcalloc((size_t)cells, sizeof *s.v);
	s.seen = xcalloc((size_t)cells, 1);
	s.product = xcalloc((size_t)s.maxpid + 1, 1);
	s.location = xcalloc((size_t)s.maxloc + 1, 1);
	if (mark_ids(db, "SELECT id FROM products", s.product, s.maxpid,
	    e) != 0 ||
	    mark_ids(db, "SELECT id FROM locations", s.location, s.maxloc,
	    e) != 0 ||
	    sum_movements(db, &s, d, n, e) != 0 ||
	    compare_levels(db, &s, d, n, e) != 0)
		goto out;
	rc = 0;
out:
	free(s.v);
	free(s.seen);
	free(s.product);
	free(s.location);
	return rc;
}

static const struct {
	const char	*sql;
	const char	*fmt;
} orphan_checks[] = {
	{ "SELECT r.id, r.reverses, r.qty, m.qty FROM movements r JOIN "
	  "movements m ON m.id = r.reverses WHERE r.product_id != m.product_id "
	  "OR r.location_id != m.location_id OR r.qty != -m.qty LIMIT 50",
	  "movement %lld reverses %lld but its quantity %lld does not undo "
	  "%lld" },
	{ "SELECT p.id, p.stock_state, s.state, 0 FROM products p JOIN "
	  "product_state s ON s.product_id = p.id WHERE p.stock_state != "
	  "s.state LIMIT 50",
	  "product %lld: stock state %lld but its levels say %lld" },
	{ "SELECT r.id, r.reverses, 0, 0 FROM movements r WHERE r.reverses "
	  "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM movements m WHERE "
	  "m.id = r.reverses) LIMIT 50",
	  "movement %lld reverses missing movement %lld" },
};

int
check_run(struct db *db, struct diags *problems, struct err *e)
{
	size_t	i;
	int	n = 0, rc = -1;

	/* One snapshot for every comparison. */
	if (db_exec(db, "BEGIN", e) != 0)
		return -1;
	if (check_levels(db, problems, &n, e) != 0)
		goto out;
	for (i = 0; i < sizeof orphan_checks / sizeof orphan_checks[0]; i++) {
		if (each_problem(db, orphan_checks[i].sql,
		    orphan_checks[i].fmt, problems, &n, e) != 0)
			goto out;
	}
	if (n > CHECK_MAX_REPORT)
		diags_add(problems, "... and %d more problems",
		    n - CHECK_MAX_REPORT);
	rc = 0;
out:
	sqlite3_exec(db_sqlite(db), "COMMIT", NULL, NULL, NULL);
	return rc;
}

int
check_repair(struct db *db, long *fixed, struct err *e)
{
	sqlite3_stmt	*st;
	long		 n = 0;

	*fixed = 0;
	if (db_begin(db, e) != 0)
		return -1;
	/* Levels with no movements at all hold nothing. */
	st = db_prepare(db, "UPDATE inventory SET on_hand = 0, updated_at = ?1 "
	    "WHERE on_hand != 0 AND NOT EXISTS (SELECT 1 FROM movements m "
	    "WHERE m.product_id = inventory.product_id AND "
	    "m.location_id = inventory.location_id)", e);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, clock_now());
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		db_fail(db, e, "repair levels");
		goto fail;
	}
	sqlite3_reset(st);
	n += sqlite3_changes(db_sqlite(db));
	st = db_prepare(db, "INSERT INTO inventory (product_id, location_id, "
	    "on_hand, updated_at) SELECT m.product_id, m.location_id, "
	    "sum(m.qty), ?1 FROM movements m WHERE EXISTS (SELECT 1 FROM "
	    "products p WHERE p.id = m.product_id) AND EXISTS (SELECT 1 FROM "
	    "locations l WHERE l.id = m.location_id) GROUP BY 1, 2 "
	    "ON CONFLICT (product_id, location_id) DO UPDATE SET "
	    "on_hand = excluded.on_hand, updated_at = excluded.updated_at "
	    "WHERE on_hand != excluded.on_hand", e);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, clock_now());
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		db_fail(db, e, "repair levels");
		goto fail;
	}
	sqlite3_reset(st);
	n += sqlite3_changes(db_sqlite(db));
	/* The triggers follow levels that moved; mend any state left stale. */
	if (db_exec(db, "UPDATE products SET stock_state = (SELECT state FROM "
	    "product_state WHERE product_id = products.id) WHERE stock_state != "
	    "(SELECT state FROM product_state WHERE product_id = products.id)",
	    e) != 0)
		goto fail;
	n += sqlite3_changes(db_sqlite(db));
	if (db_commit(db, e) != 0)
		return -1;
	*fixed = n;
	return 0;
fail:
	db_rollback(db);
	return -1;
}
