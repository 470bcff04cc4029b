/*
 * sync.c - one sync cycle of one channel (see sync.h).
 *
 * PULL. The adapter lists the lines of orders changed since the cursor
 * minus an overlap (a change can land in the second the last pull read).
 * For each line the channel says how many units its stock is down for it
 * now; channel_order_lines holds how many invsync has booked. Only the
 * difference is booked: a sale when it grew, a return when it shrank
 * (a cancel, a refund with restock, an edit). The movement and the new
 * booked count are written in one transaction, and the movement carries
 * an idempotency key naming the change, so an order seen twice (overlap,
 * a retry) is booked once. Sales are recorded even if stock goes below
 * zero: they happened, and a negative level shows the oversell.
 *
 * PUSH. For each linked listing: the quantity it should show
 * (channel_quantity_to_show of the product's available). If that differs
 * from what the channel last confirmed, or an earlier push is still
 * unconfirmed, the wanted value is written first (desired_qty), then
 * sent, then confirmed (channel_qty, desired_qty cleared). A crash in
 * between leaves desired_qty set, and the next cycle sends it again;
 * levels are absolute, so sending twice is harmless.
 *
 * Pull comes before push so a sale on this channel is booked before its
 * level is overwritten. A sale that lands between the two is booked on
 * the next cycle, which then pushes the lower level; until then the
 * channel shows one cycle's worth too many (WooCommerce has no
 * compare-and-set to prevent it).
 *
 * Owns no connection; one thread per call. Start at sync_once().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "dbi.h"
#include "ledger.h"
#include "stock.h"
#include "sync.h"
#include "xmalloc.h"

struct lines {
	struct ext_order_line	*v;
	size_t			 n, cap;
};

static int
collect_line(const struct ext_order_line *l, void *arg)
{
	struct lines	*c = arg;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n++] = *l;
	return 0;
}

/* "YYYY-MM-DDTHH:MM:SS" UTC, moved by delta seconds, into buf (24). */
static void
shift_time(const char *in, int64_t delta, char *buf)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	if (sscanf(in, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		buf[0] = '\0';
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm) + (time_t)delta;
	gmtime_r(&t, &tm);
	strftime(buf, 24, "%Y-%m-%dT%H:%M:%S", &tm);
}

static int
get_cursor(struct db *db, int64_t chid, char *buf, struct err *e)
{
	sqlite3_stmt	*st;
	const char	*s;
	int		 rc;

	buf[0] = '\0';
	st = db_prepare(db, "SELECT coalesce(orders_cursor, '') FROM "
	    "sales_channels WHERE id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, chid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (s = (const char *)sqlite3_column_text(st,
	    0)) != NULL)
		utf8_copy(buf, s, 24);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, e, "read sync cursor");
}

static int
set_cursor(struct db *db, int64_t chid, const char *cursor, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "UPDATE sales_channels SET orders_cursor = ?1 "
	    "WHERE id = ?2 AND (orders_cursor IS NULL OR orders_cursor < ?1)",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, cursor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, chid);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "save sync cursor");
}

/* The linked product of a listing, or 0. */
static int
linked_product(struct db *db, int64_t chid, const char *ext_id,
    int64_t *pid, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*pid = 0;
	st = db_prepare(db, "SELECT product_id FROM listings WHERE "
	    "channel_id = ? AND ext_id = ? AND status = 'linked'", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, chid);
	sqlite3_bind_text(st, 2, ext_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*pid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(db, e, "read listings");
}

static int
booked_of(struct db *db, int64_t chid, const struct ext_order_line *l,
    int64_t *booked, int *known, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*booked = 0;
	*known = 0;
	st = db_prepare(db, "SELECT booked FROM channel_order_lines WHERE "
	    "channel_id = ? AND order_id = ? AND line_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, chid);
	sqlite3_bind_text(st, 2, l->order_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, l->line_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*booked = sqlite3_column_int64(st, 0);
		*known = 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(db, e, "read order lines");
}

static int
set_booked(struct db *db, int64_t chid, const struct ext_order_line *l,
    int64_t pid, int64_t booked, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT INTO channel_order_lines (channel_id, "
	    "order_id, line_id, product_id, booked) VALUES (?, ?, ?, ?, ?) "
	    "ON CONFLICT (channel_id, order_id, line_id) DO UPDATE SET "
	    "booked = excluded.booked", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, chid);
	sqlite3_bind_text(st, 2, l->order_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, l->line_id, -1, SQLITE_STATIC);
	if (pid > 0)
		sqlite3_bind_int64(st, 4, pid);
	sqlite3_bind_int64(st, 5, booked);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "save order lines");
}

/* Book one line's change since it was last seen. */
static int
book_line(struct db *db, struct adapter *a, const struct ext_order_line *l,
    struct sync_report *r, struct err *e)
{
	struct movement_req	 m = { 0 };
	int64_t			 pid, booked, delta;
	char			 key[256], ref[128], user[96];
	int			 known;

	if (linked_product(db, a->ch.id, l->ext_id, &pid, e) != 0 ||
	    booked_of(db, a->ch.id, l, &booked, &known, e) != 0)
		return -1;
	if (pid == 0) {
		r->unlinked++;
		return 0;
	}
	if ((delta = l->deducted - booked) == 0)
		return known ? 0 : set_booked(db, a->ch.id, l, pid, booked, e);
	snprintf(key, sizeof key, "order:%lld:%s:%s:%lld>%lld",
	    (long long)a->ch.id, l->order_id, l->line_id, (long long)booked,
	    (long long)l->deducted);
	snprintf(ref, sizeof ref, "order %s line %s", l->order_name,
	    l->line_id);
	snprintf(user, sizeof user, "sync:%s", a->ch.name);
	m.product_id = pid;
	m.kind = delta > 0 ? MV_SALE : MV_RETURN;
	m.qty = -delta;
	m.unit_cost = -1;
	m.user = user;
	m.ext_ref = ref;
	m.idem_key = key;
	m.channel_id = a->ch.id;
	m.allow_negative = 1;
	if (ledger_post(db, &m, NULL, e) != 0 && e->code != ERR_CONFLICT)
		return -1;
	if (delta > 0) {
		r->sales++;
		r->units_sold += delta;
	} else {
		r->returns++;
		r->units_back -= delta;
	}
	return set_booked(db, a->ch.id, l, pid, l->deducted, e);
}

/* Read the channel's orders since the cursor (minus the overlap). */
static int
pull(struct adapter *a, const char *cursor, struct lines *c, char *latest,
    struct err *e)
{
	char	since[24] = "";

	if (cursor[0] != '\0')
		shift_time(cursor, -SYNC_OVERLAP_S, since);
	return a->ops->orders(a, since, collect_line, c, latest, e);
}

int
sync_seed(struct db *db, struct adapter *a, struct err *e)
{
	struct lines	 c = { 0 };
	char		 cursor[24], latest[24], now[24];
	int64_t		 pid, booked;
	size_t		 i;
	int		 known, rc = -1;

	if (get_cursor(db, a->ch.id, cursor, e) != 0)
		return -1;
	if (cursor[0] != '\0')
		return 0;
	if (pull(a, "", &c, latest, e) != 0)
		goto out;
	if (db_begin(db, e) != 0)
		goto out;
	for (i = 0; i < c.n; i++) {
		if (linked_product(db, a->ch.id, c.v[i].ext_id, &pid, e) != 0 ||
		    booked_of(db, a->ch.id, &c.v[i], &booked, &known, e) != 0 ||
		    (!known && set_booked(db, a->ch.id, &c.v[i], pid,
		    c.v[i].deducted, e) != 0)) {
			db_rollback(db);
			goto out;
		}
	}
	/* No orders yet: start from now, in the channel's format. */
	if (latest[0] == '\0') {
		time_t		t = (time_t)clock_now();
		struct tm	tm;

		gmtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%S", &tm);
		utf8_copy(latest, now, sizeof latest);
	}
	if (set_cursor(db, a->ch.id, latest, e) != 0) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db, e);
out:
	free(c.v);
	return rc;
}

struct want {
	int64_t	listing;
	int64_t	qty;
};

/* Listings whose channel level is not (confirmed) what it should be. */
static int
wanted(struct db *db, struct adapter *a, struct ext_push **out, int *n,
    struct want **w, struct err *e)
{
	struct stock_row	 row;
	sqlite3_stmt		*st;
	int64_t			 q, have, desired;
	int			 rc, cap = 0, has_have, has_desired;

	*out = NULL;
	*w = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id, ext_id, product_id, channel_qty, "
	    "desired_qty FROM listings WHERE channel_id = ? AND "
	    "status = 'linked'", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->ch.id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (stock_get(db, sqlite3_column_int64(st, 2), &row, NULL) != 0)
			continue;
		q = channel_quantity_to_show(&a->ch, row.available);
		has_have = sqlite3_column_type(st, 3) != SQLITE_NULL;
		have = sqlite3_column_int64(st, 3);
		has_desired = sqlite3_column_type(st, 4) != SQLITE_NULL;
		desired = sqlite3_column_int64(st, 4);
		if (has_have && have == q && (!has_desired || desired == q))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, (size_t)cap, sizeof **out);
			*w = xreallocarray(*w, (size_t)cap, sizeof **w);
		}
		memset(&(*out)[*n], 0, sizeof **out);
		utf8_copy((*out)[*n].ext_id, (const char *)sqlite3_column_text(
		    st, 1), sizeof (*out)[*n].ext_id);
		(*out)[*n].qty = q;
		(*w)[*n].listing = sqlite3_column_int64(st, 0);
		(*w)[*n].qty = q;
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "read listings");
	return 0;
}

static int
mark(struct db *db, const char *sql, int64_t listing, int64_t qty,
    struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, qty);
	sqlite3_bind_int64(st, 2, listing);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, clock_now());
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "save listing");
}

static int
push(struct db *db, struct adapter *a, struct sync_report *r, struct err *e)
{
	struct ext_push	*v;
	struct want	*w;
	int		 n, i, rc = -1;

	if (wanted(db, a, &v, &n, &w, e) != 0)
		return -1;
	if (n == 0)
		return 0;
	/* Desired first: a crash after this resends, never forgets. */
	if (db_begin(db, e) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (mark(db, "UPDATE listings SET desired_qty = ?1 WHERE "
		    "id = ?2", w[i].listing, w[i].qty, e) != 0) {
			db_rollback(db);
			goto out;
		}
	}
	if (db_commit(db, e) != 0)
		goto out;
	a->ops->push(a, v, n, e);
	if (db_begin(db, e) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (!v[i].ok) {
			if (r->push_failed++ == 0)
				snprintf(r->push_error, sizeof r->push_error,
				    "%.40s: %.110s", v[i].ext_id, v[i].error);
			continue;
		}
		r->pushed++;
		if (mark(db, "UPDATE listings SET channel_qty = ?1, "
		    "desired_qty = NULL, pushed_at = ?3 WHERE id = ?2",
		    w[i].listing, v[i].result, e) != 0) {
			db_rollback(db);
			goto out;
		}
	}
	rc = db_commit(db, e);
out:
	free(v);
	free(w);
	return rc;
}

static void
record_outcome(struct db *db, int64_t chid, const char *error)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE sales_channels SET last_sync_at = CASE "
	    "WHEN ?1 IS NULL THEN ?2 ELSE last_sync_at END, last_error = ?1 "
	    "WHERE id = ?3", NULL);
	if (st == NULL)
		return;
	if (error != NULL)
		sqlite3_bind_text(st, 1, error, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, clock_now());
	sqlite3_bind_int64(st, 3, chid);
	sqlite3_step(st);
	sqlite3_reset(st);
}

int
sync_once(struct db *db, struct adapter *a, struct sync_report *r,
    struct err *e)
{
	struct lines	 c = { 0 };
	char		 cursor[24], latest[24];
	size_t		 i;
	int		 rc = -1;

	memset(r, 0, sizeof *r);
	if (sync_seed(db, a, e) != 0 || get_cursor(db, a->ch.id, cursor,
	    e) != 0)
		goto out;
	if (pull(a, cursor, &c, latest, e) != 0)
		goto out;
	r->lines_seen = (int)c.n;
	if (db_begin(db, e) != 0)
		goto out;
	for (i = 0; i < c.n; i++) {
		if (book_line(db, a, &c.v[i], r, e) != 0) {
			db_rollback(db);
			goto out;
		}
	}
	if ((latest[0] != '\0' && set_cursor(db, a->ch.id, latest, e) != 0) ||
	    db_commit(db, e) != 0) {
		db_rollback(db);
		goto out;
	}
	if (push(db, a, r, e) != 0)
		goto out;
	if (r->push_failed > 0) {
		err_set(e, ERR_SYSTEM, "%s: %d of %d pushes failed (%s)",
		    a->ch.name, r->push_failed, r->push_failed + r->pushed,
		    r->push_error);
		goto out;
	}
	rc = 0;
out:
	record_outcome(db, a->ch.id, rc == 0 ? NULL : e->msg);
	free(c.v);
	return rc;
}

int
sync_lock(const char *db_path, int *fd, struct err *e)
{
	char	*path = xasprintf("%s.sync-lock", db_path);

	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd == -1) {
		err_set(e, ERR_SYSTEM, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) == -1) {
		err_set(e, ERR_REFUSED, "another invsync is already syncing "
		    "this shop (%s is locked)", path);
		close(*fd);
		*fd = -1;
		free(path);
		return -1;
	}
	free(path);
	return 0;
}
