/*
 * ledger.c - stock movements and the levels they move (see ledger.h).
 *
 * Owns no connection: callers pass their own struct db, on their own
 * thread. Every write happens in ledger_post() or ledger_reverse(), in
 * this order, inside one transaction (a savepoint if the caller already
 * has one):
 *
 *	1. ensure the level row exists (INSERT OR IGNORE, on_hand 0);
 *	2. for COUNT, read on_hand under the write lock and derive qty;
 *	3. insert the movement (a reused idempotency key fails here, before
 *	   anything has moved);
 *	4. UPDATE inventory SET on_hand = on_hand + qty, refusing to go
 *	   below zero unless allowed.
 *
 * Any failure rolls the whole movement back.
 *
 * Start at ledger_post().
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "dbi.h"
#include "ledger.h"
#include "product.h"
#include "stock.h"
#include "xmalloc.h"

const char *const ledger_reasons[] = {
	"damaged", "lost", "found", "returned", "correction", "other", NULL
};

static const char *const kind_names[MV_NKINDS] = {
	[MV_SALE] = "sale",
	[MV_RECEIPT] = "receipt",
	[MV_ADJUSTMENT] = "adjustment",
	[MV_COUNT] = "count",
	[MV_RETURN] = "return",
	[MV_TRANSFER] = "transfer",
	[MV_OPENING] = "opening",
};

const char *
ledger_kind_name(enum mv_kind k)
{
	return (unsigned)k < MV_NKINDS ? kind_names[k] : "?";
}

int
ledger_kind_parse(const char *s, enum mv_kind *k)
{
	int	i;

	for (i = 0; i < MV_NKINDS; i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum mv_kind)i;
			return 0;
		}
	}
	return -1;
}

int
ledger_reason_valid(const char *s)
{
	int	i;

	for (i = 0; ledger_reasons[i] != NULL; i++)
		if (strcmp(s, ledger_reasons[i]) == 0)
			return 1;
	return 0;
}

static int
validate(const struct movement_req *r, struct err *e)
{
	if (r->product_id <= 0) {
		err_set(e, ERR_USAGE, "movement without a product");
		return -1;
	}
	if ((unsigned)r->kind >= MV_NKINDS) {
		err_set(e, ERR_USAGE, "unknown movement kind");
		return -1;
	}
	if (r->kind == MV_ADJUSTMENT) {
		if (r->reason == NULL || !ledger_reason_valid(r->reason)) {
			err_set(e, ERR_USAGE, "an adjustment needs a reason: "
			    "damaged, lost, found, returned, correction or "
			    "other");
			return -1;
		}
		if (r->qty == 0) {
			err_set(e, ERR_USAGE, "an adjustment of 0 changes "
			    "nothing");
			return -1;
		}
	} else if (r->reason != NULL && *r->reason != '\0' &&
	    !ledger_reason_valid(r->reason)) {
		err_set(e, ERR_USAGE, "unknown reason '%s'", r->reason);
		return -1;
	}
	if (r->kind == MV_COUNT && r->counted < 0) {
		err_set(e, ERR_USAGE, "a count cannot be negative");
		return -1;
	}
	if (r->kind == MV_RECEIPT && r->qty <= 0) {
		err_set(e, ERR_USAGE, "a receipt must add stock");
		return -1;
	}
	if (r->kind == MV_SALE && r->qty >= 0) {
		err_set(e, ERR_USAGE, "a sale must take stock");
		return -1;
	}
	if (r->unit_cost < -1) {
		err_set(e, ERR_USAGE, "unit cost cannot be negative");
		return -1;
	}
	if (r->note != NULL && *r->note != '\0' && (strlen(r->note) > 250 ||
	    !utf8_valid_text(r->note))) {
		err_set(e, ERR_USAGE, "the note must be valid UTF-8 text of at "
		    "most 250 bytes");
		return -1;
	}
	return 0;
}

/* Read the movement that already holds an idempotency key. */
static int
find_idem(struct db *db, const char *key, struct movement *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT id, qty, created_at FROM movements "
	    "WHERE idem_key = ?", NULL);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out != NULL) {
		out->id = sqlite3_column_int64(st, 0);
		out->qty = sqlite3_column_int64(st, 1);
		out->created_at = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

static int
ensure_level(struct db *db, int64_t pid, int64_t loc, int64_t now,
    struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT OR IGNORE INTO inventory (product_id, "
	    "location_id, on_hand, updated_at) VALUES (?, ?, 0, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, loc);
	sqlite3_bind_int64(st, 3, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		/* The product or location does not exist. */
		if (sqlite3_extended_errcode(db_sqlite(db)) ==
		    SQLITE_CONSTRAINT_FOREIGNKEY) {
			err_set(e, ERR_REFUSED, "unknown product or location");
			return -1;
		}
		return db_fail(db, e, "stock level");
	}
	return 0;
}

static int
read_on_hand(struct db *db, int64_t pid, int64_t loc, int64_t *on_hand,
    struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT on_hand FROM inventory WHERE "
	    "product_id = ? AND location_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, loc);
	rc = sqlite3_step(st);
	*on_hand = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, e, "read stock level");
	return 0;
}

static void
bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static int
insert_movement(struct db *db, const struct movement_req *r, int64_t loc,
    int64_t qty, int64_t reverses, int64_t now, int64_t *id, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT INTO movements (product_id, location_id, "
	    "kind, qty, counted, unit_cost, reason, note, user, channel_id, "
	    "ext_ref, idem_key, reverses, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->product_id);
	sqlite3_bind_int64(st, 2, loc);
	sqlite3_bind_text(st, 3, kind_names[r->kind], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, qty);
	if (r->kind == MV_COUNT)
		sqlite3_bind_int64(st, 5, r->counted);
	if (r->unit_cost >= 0)
		sqlite3_bind_int64(st, 6, r->unit_cost);
	bind_opt_text(st, 7, r->reason);
	sqlite3_bind_text(st, 8, r->note ? r->note : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, r->user && *r->user ? r->user : "unknown", -1,
	    SQLITE_STATIC);
	if (r->channel_id > 0)
		sqlite3_bind_int64(st, 10, r->channel_id);
	bind_opt_text(st, 11, r->ext_ref);
	bind_opt_text(st, 12, r->idem_key);
	if (reverses > 0)
		sqlite3_bind_int64(st, 13, reverses);
	sqlite3_bind_int64(st, 14, r->created_at > 0 ? r->created_at : now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = sqlite3_extended_errcode(db_sqlite(db));
		if (rc == SQLITE_CONSTRAINT_UNIQUE && reverses > 0) {
			err_set(e, ERR_REFUSED, "movement #%lld was already "
			    "undone", (long long)reverses);
			return -1;
		}
		if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			err_set(e, ERR_CONFLICT, "already applied (key %s)",
			    r->idem_key);
			return -1;
		}
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
			err_set(e, ERR_REFUSED, "unknown product, location "
			    "or channel");
			return -1;
		}
		return db_fail(db, e, "record movement");
	}
	*id = sqlite3_last_insert_rowid(db_sqlite(db));
	return 0;
}

/*
 * Move the level; refuse a result below zero unless allowed, and one
 * that does not fit in 64 bits (SQLite would quietly turn it into a
 * float). Both checks are in the UPDATE itself, under the write lock.
 */
static int
move_level(struct db *db, int64_t pid, int64_t loc, int64_t qty,
    int allow_negative, int64_t now, int64_t *after, struct err *e)
{
	sqlite3_stmt	*st;
	int64_t		 lo, hi, on_hand;
	int		 rc;

	lo = qty < 0 ? INT64_MIN - qty : INT64_MIN;
	hi = qty > 0 ? INT64_MAX - qty : INT64_MAX;
	st = db_prepare(db, "UPDATE inventory SET on_hand = on_hand + ?1, "
	    "updated_at = ?4 WHERE product_id = ?2 AND location_id = ?3 AND "
	    "on_hand BETWEEN ?6 AND ?7 AND "
	    "(?5 OR ?1 >= 0 OR on_hand + ?1 >= 0) RETURNING on_hand", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, qty);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_int64(st, 3, loc);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int(st, 5, allow_negative);
	sqlite3_bind_int64(st, 6, lo);
	sqlite3_bind_int64(st, 7, hi);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*after = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = SQLITE_ROW;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "move stock");
	if (read_on_hand(db, pid, loc, &on_hand, e) != 0)
		return -1;
	if (on_hand < lo || on_hand > hi)
		err_set(e, ERR_USAGE, "quantity out of range");
	else
		err_set(e, ERR_REFUSED, "stock would become %lld "
		    "(use --allow-negative to record it anyway)",
		    (long long)on_hand + (long long)qty);
	return -1;
}

/* Overflow-safe a + b for quantities; -1 if it does not fit. */
static int
add_qty(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

/* What was written, as the caller's struct movement (post, batch post). */
static void
movement_out(struct movement *out, const struct movement_req *r, int64_t id,
    int64_t loc, int64_t qty, int64_t reverses, int64_t now, int64_t after)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	out->product_id = r->product_id;
	out->location_id = loc;
	out->kind = r->kind;
	out->qty = qty;
	out->counted = r->kind == MV_COUNT ? r->counted : -1;
	out->unit_cost = r->unit_cost;
	out->reverses = reverses;
	out->created_at = r->created_at > 0 ? r->created_at : now;
	out->on_hand_after = after;
}

static int
post(struct db *db, const struct movement_req *r, int64_t reverses,
    struct movement *out, struct err *e)
{
	int64_t	loc, qty, on_hand, id = 0, after = 0, now = clock_now();

	loc = r->location_id > 0 ? r->location_id : LEDGER_DEFAULT_LOCATION;
	if (ensure_level(db, r->product_id, loc, now, e) != 0)
		return -1;
	qty = r->qty;
	if (r->kind == MV_COUNT) {
		if (read_on_hand(db, r->product_id, loc, &on_hand, e) != 0)
			return -1;
		if (add_qty(r->counted, -on_hand, &qty) != 0) {
			err_set(e, ERR_USAGE, "quantity out of range");
			return -1;
		}
	}
	if (insert_movement(db, r, loc, qty, reverses, now, &id, e) != 0)
		return -1;
	/* A count sets the level to what was found, even below zero. */
	if (move_level(db, r->product_id, loc, qty,
	    r->allow_negative || r->kind == MV_COUNT, now, &after, e) != 0)
		return -1;
	if (out != NULL)
		movement_out(out, r, id, loc, qty, reverses, now, after);
	return 0;
}

/*
 * The batch: an open-addressed table of the levels touched, keyed by
 * (product, location), holding on_hand as it stands in this transaction
 * and the change not yet written to inventory.
 */
struct batch_level {
	int64_t	pid, loc;	/* pid 0: empty slot */
	int64_t	on_hand;
	int64_t	delta;
};

struct ledger_batch {
	struct db		*db;
	struct batch_level	*v;
	size_t			 size, used;	/* size is a power of two */
};

struct ledger_batch *
ledger_batch_new(struct db *db)
{
	struct ledger_batch	*b;

	assert(db_in_transaction(db));
	b = xcalloc(1, sizeof *b);
	b->db = db;
	b->size = 1024;
	b->v = xcalloc(b->size, sizeof *b->v);
	return b;
}

void
ledger_batch_free(struct ledger_batch *b)
{
	if (b == NULL)
		return;
	free(b->v);
	free(b);
}

static size_t
batch_slot(const struct batch_level *v, size_t size, int64_t pid,
    int64_t loc)
{
	uint64_t	h = (uint64_t)pid * 0x9e3779b97f4a7c15ULL ^ (uint64_t)loc;
	size_t		i = (size_t)(h >> 20) & (size - 1);

	while (v[i].pid != 0 && (v[i].pid != pid || v[i].loc != loc))
		i = (i + 1) & (size - 1);
	return i;
}

static void
batch_grow(struct ledger_batch *b)
{
	struct batch_level	*old = b->v;
	size_t			 oldsize = b->size, i;

	b->size *= 2;
	b->v = xcalloc(b->size, sizeof *b->v);
	for (i = 0; i < oldsize; i++)
		if (old[i].pid != 0)
			b->v[batch_slot(b->v, b->size, old[i].pid,
			    old[i].loc)] = old[i];
	free(old);
}

/* The level's entry, read from the database the first time. */
static struct batch_level *
batch_level(struct ledger_batch *b, int64_t pid, int64_t loc, int64_t now,
    struct err *e)
{
	struct batch_level	*l;
	int64_t			 on_hand;
	size_t			 i;

	i = batch_slot(b->v, b->size, pid, loc);
	if (b->v[i].pid != 0)
		return &b->v[i];
	if (ensure_level(b->db, pid, loc, now, e) != 0 ||
	    read_on_hand(b->db, pid, loc, &on_hand, e) != 0)
		return NULL;
	if ((b->used + 1) * 2 > b->size) {
		batch_grow(b);
		i = batch_slot(b->v, b->size, pid, loc);
	}
	l = &b->v[i];
	l->pid = pid;
	l->loc = loc;
	l->on_hand = on_hand;
	l->delta = 0;
	b->used++;
	return l;
}

int
ledger_batch_post(struct ledger_batch *b, const struct movement_req *r,
    struct movement *out, struct err *e)
{
	struct batch_level	*l;
	int64_t			 loc, qty, after, id, now = clock_now();

	if (validate(r, e) != 0)
		return -1;
	loc = r->location_id > 0 ? r->location_id : LEDGER_DEFAULT_LOCATION;
	if ((l = batch_level(b, r->product_id, loc, now, e)) == NULL)
		return -1;
	qty = r->qty;
	if (r->kind == MV_COUNT && add_qty(r->counted, -l->on_hand, &qty) != 0)
		goto range;
	if (add_qty(l->on_hand, qty, &after) != 0)
		goto range;
	if (after < 0 && qty < 0 && !r->allow_negative && r->kind != MV_COUNT) {
		err_set(e, ERR_REFUSED, "stock would become %lld "
		    "(use --allow-negative to record it anyway)",
		    (long long)after);
		return -1;
	}
	if (insert_movement(b->db, r, loc, qty, 0, now, &id, e) != 0) {
		if (e != NULL && e->code == ERR_CONFLICT && r->idem_key != NULL)
			find_idem(b->db, r->idem_key, out);
		return -1;
	}
	l->on_hand = after;
	l->delta += qty;
	if (out != NULL)
		movement_out(out, r, id, loc, qty, 0, now, after);
	return 0;
range:
	err_set(e, ERR_USAGE, "quantity out of range");
	return -1;
}

int
ledger_batch_flush(struct ledger_batch *b, struct err *e)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	st = db_prepare(b->db, "UPDATE inventory SET on_hand = on_hand + ?, "
	    "updated_at = ? WHERE product_id = ? AND location_id = ?", e);
	if (st == NULL)
		return -1;
	for (i = 0; i < b->size; i++) {
		if (b->v[i].pid == 0 || b->v[i].delta == 0)
			continue;
		sqlite3_bind_int64(st, 1, b->v[i].delta);
		sqlite3_bind_int64(st, 2, clock_now());
		sqlite3_bind_int64(st, 3, b->v[i].pid);
		sqlite3_bind_int64(st, 4, b->v[i].loc);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(b->db, e, "move stock");
		b->v[i].delta = 0;
	}
	return 0;
}

int
ledger_post(struct db *db, const struct movement_req *r,
    struct movement *out, struct err *e)
{
	if (validate(r, e) != 0)
		return -1;
	if (db_begin(db, e) != 0)
		return -1;
	if (post(db, r, 0, out, e) != 0) {
		db_rollback(db);
		/* Say which movement holds the key, for the caller's report. */
		if (e != NULL && e->code == ERR_CONFLICT && r->idem_key != NULL)
			find_idem(db, r->idem_key, out);
		return -1;
	}
	return db_commit(db, e);
}

static void
fill_movement(sqlite3_stmt *st, struct movement *m)
{
	const unsigned char	*s;
	enum mv_kind		 k;

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->product_id = sqlite3_column_int64(st, 1);
	m->location_id = sqlite3_column_int64(st, 2);
	s = sqlite3_column_text(st, 3);
	m->kind = s != NULL && ledger_kind_parse((const char *)s, &k) == 0 ?
	    k : MV_ADJUSTMENT;
	m->qty = sqlite3_column_int64(st, 4);
	m->counted = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 5);
	m->unit_cost = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 6);
#define COPY(i, field) do {						\
	if ((s = sqlite3_column_text(st, i)) != NULL)			\
		utf8_copy(m->field, (const char *)s, sizeof m->field);	\
} while (0)
	COPY(7, reason);
	COPY(8, note);
	COPY(9, user);
	COPY(10, ext_ref);
#undef COPY
	m->reverses = sqlite3_column_int64(st, 11);
	m->reversed_by = sqlite3_column_int64(st, 12);
	m->created_at = sqlite3_column_int64(st, 13);
}

#define MOVEMENT_COLS "m.id, m.product_id, m.location_id, m.kind, m.qty, " \
	"m.counted, m.unit_cost, m.reason, m.note, m.user, m.ext_ref, " \
	"coalesce(m.reverses, 0), " \
	"coalesce((SELECT r.id FROM movements r WHERE r.reverses = m.id), 0), " \
	"m.created_at"

int
ledger_reverse(struct db *db, int64_t id, const char *user,
    struct movement *out, struct err *e)
{
	struct movement_req	 r = { 0 };
	struct movement		 m;
	sqlite3_stmt		*st;
	char			 note[64];
	int			 rc;

	if (db_begin(db, e) != 0)
		return -1;
	st = db_prepare(db, "SELECT " MOVEMENT_COLS " FROM movements m "
	    "WHERE m.id = ?", e);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fill_movement(st, &m);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			err_set(e, ERR_REFUSED, "no movement #%lld",
			    (long long)id);
		else
			db_fail(db, e, "read movement");
		goto fail;
	}
	if (m.reverses != 0) {
		err_set(e, ERR_REFUSED, "movement #%lld is itself an undo",
		    (long long)id);
		goto fail;
	}
	/* The reversal keeps the kind, so sales and receipts net out. */
	snprintf(note, sizeof note, "undo of #%lld", (long long)id);
	r.product_id = m.product_id;
	r.location_id = m.location_id;
	r.kind = m.kind == MV_COUNT ? MV_ADJUSTMENT : m.kind;
	r.qty = -m.qty;
	r.unit_cost = m.unit_cost;
	r.reason = r.kind == MV_ADJUSTMENT ? "correction" : NULL;
	if (m.kind == MV_ADJUSTMENT)
		r.reason = m.reason;
	r.note = note;
	r.user = user;
	r.unit_cost = m.unit_cost;
	r.allow_negative = 1;	/* undoing must always be possible */
	if (post(db, &r, id, out, e) != 0)
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}

int
ledger_history(struct db *db, int64_t product_id, int64_t before_id,
    int limit, struct movement **out, int *n, struct err *e)
{
	sqlite3_stmt	*st;
	struct movement	*v = NULL;
	int		 rc, cap = 0;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " MOVEMENT_COLS " FROM movements m "
	    "WHERE m.product_id = ?1 AND (?2 <= 0 OR m.id < ?2) "
	    "ORDER BY m.id DESC LIMIT ?3", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, product_id);
	sqlite3_bind_int64(st, 2, before_id);
	sqlite3_bind_int(st, 3, limit > 0 ? limit : 100);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		fill_movement(st, &v[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return db_fail(db, e, "read history");
	}
	*out = v;
	return 0;
}

int
ledger_daily_sales(struct db *db, int64_t product_id, int ndays,
    int64_t *out, struct err *e)
{
	sqlite3_stmt	*st;
	int64_t		 today = clock_today(), first, day;
	int		 rc;

	memset(out, 0, (size_t)ndays * sizeof *out);
	first = today - ndays + 1;
	st = db_prepare(db, "SELECT created_at / 86400, -sum(qty) "
	    "FROM movements WHERE product_id = ? AND created_at >= ? "
	    "AND kind IN ('sale', 'return') GROUP BY 1", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, product_id);
	sqlite3_bind_int64(st, 2, first * 86400);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		day = sqlite3_column_int64(st, 0);
		if (day >= first && day <= today)
			out[day - first] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "read sales");
	return 0;
}
