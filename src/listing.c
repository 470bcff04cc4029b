/*
 * listing.c - importing a channel's catalogue into listings and linking
 * each to an invsync product (see listing.h).
 *
 * The catalogue is read over the network first, with no transaction
 * open; then one write transaction records it. A listing is linked by
 * SKU, then by barcode. What cannot be decided is recorded with the
 * reason: no match (unmatched), a SKU the channel uses more than once
 * (duplicate: Shopify allows it, and guessing would sell the wrong
 * thing), tracking off (untracked). Decisions the operator made
 * (listing_link, listing_ignore) are never overridden by an import.
 *
 * Owns no connection. Start at listing_import().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbi.h"
#include "ledger.h"
#include "listing.h"
#include "product.h"
#include "stock.h"
#include "xmalloc.h"

struct collected {
	struct ext_listing	*v;
	size_t			 n, cap;
};

static int
collect(const struct ext_listing *l, void *arg)
{
	struct collected	*c = arg;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n++] = *l;
	return 0;
}

static const struct ext_listing *sort_base;	/* for by_sku; one thread */

static int
by_sku(const void *a, const void *b)
{
	return strcmp(sort_base[*(const size_t *)a].sku,
	    sort_base[*(const size_t *)b].sku);
}

/* uses[i]: how many tracked listings share listing i's SKU. */
static int *
sku_uses(const struct collected *c)
{
	size_t	*idx, i, j, k, n = 0;
	int	*uses = xcalloc(c->n + 1, sizeof *uses);

	/* Untracked listings sell nothing from our stock: they don't count. */
	idx = xcalloc(c->n + 1, sizeof *idx);
	for (i = 0; i < c->n; i++)
		if (c->v[i].tracked)
			idx[n++] = i;
	sort_base = c->v;
	if (n > 1)
		qsort(idx, n, sizeof *idx, by_sku);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(c->v[idx[i]].sku,
		    c->v[idx[j]].sku) == 0; j++)
			;
		for (k = i; k < j; k++)
			uses[idx[k]] = (int)(j - i);
	}
	free(idx);
	return uses;
}

struct existing {
	int64_t	id;
	char	status[16];
	int	manual;
	int64_t	product_id;
};

static int
find_existing(struct db *db, int64_t chid, const struct ext_listing *l,
    struct existing *x, struct err *e)
{
	sqlite3_stmt	*st;
	const char	*s;
	int		 rc;

	memset(x, 0, sizeof *x);
	st = db_prepare(db, "SELECT id, status, manual, "
	    "coalesce(product_id, 0) FROM listings WHERE channel_id = ? AND "
	    "ext_id = ? AND ext_location = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, chid);
	sqlite3_bind_text(st, 2, l->ext_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, l->ext_location, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		x->id = sqlite3_column_int64(st, 0);
		s = (const char *)sqlite3_column_text(st, 1);
		utf8_copy(x->status, s != NULL ? s : "", sizeof x->status);
		x->manual = sqlite3_column_int(st, 2);
		x->product_id = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, e, "read listings");
	return 0;
}

/* A small set of product ids linked in this import. */
struct idset {
	int64_t	*v;
	size_t	 size, used;
};

static size_t
idset_slot(const struct idset *s, int64_t id)
{
	size_t	i = (size_t)((uint64_t)id * 0x9e3779b97f4a7c15ULL >> 32) &
		    (s->size - 1);

	while (s->v[i] != 0 && s->v[i] != id)
		i = (i + 1) & (s->size - 1);
	return i;
}

/* 1 if id was in the set already; else it is added. */
static int
idset_add(struct idset *s, int64_t id)
{
	int64_t	*old = s->v;
	size_t	 oldsize = s->size, i;

	if ((s->used + 1) * 2 > s->size) {
		s->size = oldsize ? oldsize * 2 : 64;
		s->v = xcalloc(s->size, sizeof *s->v);
		for (i = 0; i < oldsize; i++)
			if (old[i] != 0)
				s->v[idset_slot(s, old[i])] = old[i];
		free(old);
	}
	i = idset_slot(s, id);
	if (s->v[i] == id)
		return 1;
	s->v[i] = id;
	s->used++;
	return 0;
}

/* Decide a listing the operator has not decided. */
static void
decide(struct db *db, const struct ext_listing *l, int uses,
    struct idset *linked, const char **status, int64_t *pid, char *note,
    size_t notelen)
{
	struct product	p = { 0 };

	*pid = 0;
	note[0] = '\0';
	if (!l->tracked) {
		*status = "untracked";
		utf8_copy(note, l->untracked_why, notelen);
		return;
	}
	if (l->sku[0] == '\0' && l->barcode[0] == '\0') {
		*status = "unmatched";
		snprintf(note, notelen, "no SKU or barcode on the channel");
		return;
	}
	if (l->sku[0] != '\0' && uses > 1) {
		*status = "duplicate";
		snprintf(note, notelen, "%d listings on the channel use this "
		    "SKU", uses);
		return;
	}
	if ((l->sku[0] != '\0' && product_get_sku(db, l->sku, &p, NULL) == 0) ||
	    (l->barcode[0] != '\0' &&
	    product_find_code(db, l->barcode, &p, NULL) == 0)) {
		*pid = p.id;
		if (strcmp(p.sku, l->sku) != 0)
			snprintf(note, notelen, "linked by barcode to %s",
			    p.sku);
		product_clear(&p);
		if (idset_add(linked, *pid)) {
			*status = "duplicate";
			snprintf(note, notelen, "another listing on the "
			    "channel is already this product");
			*pid = 0;
			return;
		}
		*status = "linked";
		return;
	}
	*status = "unmatched";
	snprintf(note, notelen, "no product has this SKU or barcode");
}

static int
upsert(struct db *db, int64_t chid, const struct ext_listing *l,
    const char *status, const char *note, int64_t pid, int64_t gen,
    int keep_decision, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT INTO listings (channel_id, ext_id, "
	    "ext_location, sku, barcode, title, tracked, status, note, "
	    "product_id, channel_qty, seen_gen) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (channel_id, ext_id, "
	    "ext_location) DO UPDATE SET sku = ?4, barcode = ?5, title = ?6, "
	    "tracked = ?7, channel_qty = ?11, seen_gen = ?12, "
	    "status = CASE WHEN ?13 THEN status ELSE ?8 END, "
	    "note = CASE WHEN ?13 THEN note ELSE ?9 END, "
	    "product_id = CASE WHEN ?13 THEN product_id ELSE ?10 END", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, chid);
	sqlite3_bind_text(st, 2, l->ext_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, l->ext_location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, l->sku, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, l->barcode, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, l->title, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, l->tracked);
	sqlite3_bind_text(st, 8, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, note, -1, SQLITE_STATIC);
	if (pid > 0)
		sqlite3_bind_int64(st, 10, pid);
	if (l->has_qty)
		sqlite3_bind_int64(st, 11, l->qty);
	sqlite3_bind_int64(st, 12, gen);
	sqlite3_bind_int(st, 13, keep_decision);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "save listing");
	return 0;
}

/* The channel's stock becomes invsync's count, once per listing. */
static int
opening_count(struct db *db, const struct adapter *a,
    const struct ext_listing *l, int64_t pid, const char *user,
    struct listing_stats *s, struct err *e)
{
	struct movement_req	r = { 0 };
	char			key[256], note[128];

	if (!l->has_qty)
		return 0;
	snprintf(key, sizeof key, "opening:%lld:%s:%s", (long long)a->ch.id,
	    l->ext_id, l->ext_location);
	snprintf(note, sizeof note, "opening stock from %s", a->ch.name);
	r.product_id = pid;
	r.kind = MV_COUNT;
	r.counted = l->qty > 0 ? l->qty : 0;
	r.unit_cost = -1;
	r.note = note;
	r.user = user;
	r.idem_key = key;
	r.ext_ref = l->ext_id;
	if (ledger_post(db, &r, NULL, e) == 0) {
		s->opening_counts++;
		return 0;
	}
	return e != NULL && e->code == ERR_CONFLICT ? 0 : -1;
}

static void
tally(struct listing_stats *s, const char *status)
{
	if (strcmp(status, "linked") == 0)
		s->linked++;
	else if (strcmp(status, "unmatched") == 0)
		s->unmatched++;
	else if (strcmp(status, "duplicate") == 0)
		s->duplicate++;
	else if (strcmp(status, "untracked") == 0)
		s->untracked++;
	else if (strcmp(status, "ignored") == 0)
		s->ignored++;
}

static int
record(struct db *db, struct adapter *a, const struct collected *c,
    enum listing_opening opening, const char *user, struct listing_stats *s,
    struct err *e)
{
	struct idset		 linked = { 0 };
	struct existing		 x;
	sqlite3_stmt		*st;
	const char		*status;
	char			 note[128];
	int64_t			 gen, pid;
	int			*uses, rc = -1;
	size_t			 i;

	uses = sku_uses(c);
	st = db_prepare(db, "SELECT coalesce(max(seen_gen), 0) + 1 FROM "
	    "listings WHERE channel_id = ?", e);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, a->ch.id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		db_fail(db, e, "read listings");
		goto out;
	}
	gen = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (i = 0; i < c->n; i++) {
		if (find_existing(db, a->ch.id, &c->v[i], &x, e) != 0)
			goto out;
		if (x.manual) {
			/* The values must pass the row's CHECKs even unused. */
			if (upsert(db, a->ch.id, &c->v[i], x.status, "",
			    x.product_id, gen, 1, e) != 0)
				goto out;
			if (x.product_id > 0)
				idset_add(&linked, x.product_id);
			tally(s, x.status);
			continue;
		}
		decide(db, &c->v[i], uses[i], &linked, &status, &pid, note,
		    sizeof note);
		if (upsert(db, a->ch.id, &c->v[i], status, note, pid, gen, 0,
		    e) != 0)
			goto out;
		tally(s, status);
		if (pid > 0 && (strcmp(x.status, "linked") != 0 ||
		    x.product_id != pid)) {
			s->newly_linked++;
			if (opening == LISTING_OPENING_CHANNEL &&
			    opening_count(db, a, &c->v[i], pid, user, s,
			    e) != 0)
				goto out;
		}
	}
	st = db_prepare(db, "UPDATE listings SET status = 'gone', note = 'no "
	    "longer on the channel', product_id = NULL WHERE channel_id = ? "
	    "AND seen_gen < ? AND status != 'gone'", e);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, a->ch.id);
	sqlite3_bind_int64(st, 2, gen);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		db_fail(db, e, "save listings");
		goto out;
	}
	sqlite3_reset(st);
	s->gone = sqlite3_changes(db_sqlite(db));
	rc = 0;
out:
	free(uses);
	free(linked.v);
	return rc;
}

int
listing_import(struct db *db, struct adapter *a, enum listing_opening opening,
    const char *user, struct listing_stats *s, struct err *e)
{
	struct collected	c = { 0 };
	int			rc = -1;

	memset(s, 0, sizeof *s);
	/* The network first, with no lock held. */
	if (a->ops->catalogue(a, collect, &c, e) != 0)
		goto out;
	s->seen = (int)c.n;
	if (db_begin(db, e) != 0)
		goto out;
	if (record(db, a, &c, opening, user, s, e) != 0) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db, e);
out:
	free(c.v);
	return rc;
}

int
listing_list(struct db *db, int64_t chid, const char *status,
    struct listing **out, int *n, struct err *e)
{
	sqlite3_stmt	*st;
	struct listing	*v = NULL, *l;
	const char	*t;
	int		 rc, cap = 0;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT l.id, l.ext_id, l.ext_location, l.sku, "
	    "l.title, l.status, l.note, l.manual, coalesce(p.sku, ''), "
	    "l.channel_qty FROM listings l LEFT JOIN products p ON "
	    "p.id = l.product_id WHERE l.channel_id = ?1 AND (?2 IS NULL OR "
	    "l.status = ?2) ORDER BY l.status != 'linked', l.sku, l.ext_id",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, chid);
	if (status != NULL)
		sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		l = &v[(*n)++];
		memset(l, 0, sizeof *l);
		l->id = sqlite3_column_int64(st, 0);
#define COPY(i, f) do {							\
	t = (const char *)sqlite3_column_text(st, (i));			\
	utf8_copy(l->f, t != NULL ? t : "", sizeof l->f);		\
} while (0)
		COPY(1, ext_id);
		COPY(2, ext_location);
		COPY(3, sku);
		COPY(4, title);
		COPY(5, status);
		COPY(6, note);
		COPY(8, product_sku);
#undef COPY
		l->manual = sqlite3_column_int(st, 7);
		l->has_qty = sqlite3_column_type(st, 9) != SQLITE_NULL;
		l->channel_qty = sqlite3_column_int64(st, 9);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return db_fail(db, e, "list listings");
	}
	*out = v;
	return 0;
}

static int
decide_by_hand(struct db *db, int64_t chid, const char *ext_id,
    const char *status, int64_t pid, const char *note, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "UPDATE listings SET status = ?, product_id = ?, "
	    "note = ?, manual = 1 WHERE channel_id = ? AND ext_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	if (pid > 0)
		sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_text(st, 3, note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, chid);
	sqlite3_bind_text(st, 5, ext_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "save listing");
	if (sqlite3_changes(db_sqlite(db)) == 0) {
		err_set(e, ERR_REFUSED, "no listing %s on this channel (see "
		    "'invsync channel listings')", ext_id);
		return -1;
	}
	return 0;
}

int
listing_link(struct db *db, int64_t chid, const char *ext_id,
    const char *sku, struct err *e)
{
	struct product	p = { 0 };
	int		rc;

	sqlite3_stmt	*st;
	char		 other[96] = "";

	if (product_get_sku(db, sku, &p, e) != 0)
		return -1;
	/* Two listings showing the same units would sell them twice. */
	st = db_prepare(db, "SELECT ext_id FROM listings WHERE channel_id = ? "
	    "AND product_id = ? AND ext_id != ? AND status = 'linked'", e);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, chid);
	sqlite3_bind_int64(st, 2, p.id);
	sqlite3_bind_text(st, 3, ext_id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		utf8_copy(other, (const char *)sqlite3_column_text(st, 0),
		    sizeof other);
	sqlite3_reset(st);
	if (other[0] != '\0') {
		err_set(e, ERR_REFUSED, "%s is already linked to listing %s on "
		    "this channel; ignore that one first", sku, other);
		goto out;
	}
	rc = decide_by_hand(db, chid, ext_id, "linked", p.id,
	    "linked by hand", e);
	product_clear(&p);
	return rc;
out:
	product_clear(&p);
	return -1;
}

int
listing_ignore(struct db *db, int64_t chid, const char *ext_id,
    struct err *e)
{
	return decide_by_hand(db, chid, ext_id, "ignored", 0,
	    "set aside by hand", e);
}
