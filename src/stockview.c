/*
 * stockview.c - the Stock pane's list model (see stockview.h).
 *
 * Memory: one item per product, holding its id and a lowercased
 * "sku\x1fname\x1fbarcode" haystack in one arena (about 70 bytes a
 * product), so a filter keystroke is a strstr() per product and no query.
 * Orders come from the database (indexes on sku, name, category; a
 * per-product sum for quantities) as arrays of item positions; the
 * filtered view is a subsequence of the current order.
 *
 * Items are kept in id order so an id maps to its item by binary search.
 * Start at stockview_new().
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "stock_sql.h"
#include "stockview.h"
#include "xmalloc.h"

struct sv_item {
	int64_t		id;
	size_t		hay;	/* offset into the arena */
	size_t		rank;	/* position in SKU order */
	int64_t		qty;	/* scratch for quantity sorts */
};

/* Earlier filters' results, so erasing a character costs no scan. */
#define SV_NCACHE 8
struct sv_cached {
	char		 filter[128];
	size_t		*view;
	size_t		 n;
	unsigned	 used;	/* LRU clock */
};

struct stockview {
	struct db		*db;
	char			*catalog_version;

	struct sv_item		*items;	/* by id */
	size_t			 nitems;
	char			*arena;	/* NULL until stockview_prepare() */
	size_t			 arenasz;

	size_t			*order;	/* item positions in sort order */
	size_t			 norder;
	size_t			*view;	/* the filtered subsequence */
	size_t			 nview;

	enum stockview_sort	 sort;
	int			 desc;
	char			 filter[128];

	struct sv_cached	 cache[SV_NCACHE];
	unsigned		 clock;
};

static const char *const sort_names[SV_NSORTS] = {
	[SV_SORT_SKU] = "SKU",
	[SV_SORT_NAME] = "name",
	[SV_SORT_CATEGORY] = "category",
	[SV_SORT_AVAILABLE] = "available",
	[SV_SORT_ON_HAND] = "on hand",
};

/* Orders the database gives; SKU and quantity orders are made here. */
static const char *const sort_sql[SV_NSORTS] = {
	[SV_SORT_NAME] = "SELECT id FROM products ORDER BY name, sku",
	[SV_SORT_CATEGORY] = "SELECT id FROM products ORDER BY category, sku",
	[SV_SORT_AVAILABLE] = "SELECT product_id, sum(available) FROM "
	    "inventory GROUP BY product_id",
	[SV_SORT_ON_HAND] = "SELECT product_id, sum(on_hand) FROM inventory "
	    "GROUP BY product_id",
};

const char *
stockview_sort_name(enum stockview_sort s)
{
	return (unsigned)s < SV_NSORTS ? sort_names[s] : "?";
}

static void
arena_add(struct stockview *sv, size_t *cap, const char *s, int sep)
{
	size_t	len = strlen(s), i;

	while (sv->arenasz + len + 2 > *cap) {
		*cap = *cap ? *cap * 2 : 1 << 16;
		sv->arena = xreallocarray(sv->arena, *cap, 1);
	}
	for (i = 0; i < len; i++)
		sv->arena[sv->arenasz++] = (char)tolower((unsigned char)s[i]);
	sv->arena[sv->arenasz++] = sep ? '\x1f' : '\0';
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

static long	item_of(const struct stockview *, int64_t);

static int
cmp_id(const void *a, const void *b)
{
	const struct sv_item	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static const struct stockview	*qsort_sv;	/* for cmp_qty; one thread */

static int
cmp_qty(const void *a, const void *b)
{
	const struct sv_item	*x = &qsort_sv->items[*(const size_t *)a];
	const struct sv_item	*y = &qsort_sv->items[*(const size_t *)b];

	if (x->qty != y->qty)
		return x->qty < y->qty ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static void
cache_clear(struct stockview *sv)
{
	int	i;

	for (i = 0; i < SV_NCACHE; i++) {
		free(sv->cache[i].view);
		memset(&sv->cache[i], 0, sizeof sv->cache[i]);
	}
}

/*
 * The ids in SKU order: one scan of the SKU index, no row read, so the
 * first screen is quick. The search text comes later (load_hay).
 */
static int
load_items(struct stockview *sv, struct err *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	free(sv->items);
	free(sv->arena);
	sv->items = NULL;
	sv->arena = NULL;
	sv->nitems = sv->arenasz = 0;
	st = db_prepare(sv->db, "SELECT id FROM products ORDER BY sku", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sv->nitems == cap) {
			cap = cap ? cap * 2 : 1024;
			sv->items = xreallocarray(sv->items, cap,
			    sizeof *sv->items);
		}
		sv->items[sv->nitems].id = sqlite3_column_int64(st, 0);
		sv->items[sv->nitems].rank = sv->nitems;
		sv->items[sv->nitems].hay = 0;
		sv->nitems++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(sv->db, e, "load products");
	if (sv->nitems > 0)
		qsort(sv->items, sv->nitems, sizeof *sv->items, cmp_id);
	free(sv->catalog_version);
	sv->catalog_version = db_meta_get(sv->db, "catalog_version");
	return 0;
}

/* The lowercased search text of every product, in one arena. */
static int
load_hay(struct stockview *sv, struct err *e)
{
	sqlite3_stmt	*st;
	size_t		 acap = 0;
	long		 pos;
	int		 rc;

	st = db_prepare(sv->db, "SELECT id, sku, name, coalesce(barcode, '') "
	    "FROM products ORDER BY id", e);
	if (st == NULL)
		return -1;
	sv->arenasz = 0;
	/* Offset 0 is an empty string for products added since load_items. */
	arena_add(sv, &acap, "", 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((pos = item_of(sv, sqlite3_column_int64(st, 0))) < 0)
			continue;
		sv->items[pos].hay = sv->arenasz;
		arena_add(sv, &acap, col(st, 1), 1);
		arena_add(sv, &acap, col(st, 2), 1);
		arena_add(sv, &acap, col(st, 3), 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(sv->arena);
		sv->arena = NULL;
		return db_fail(sv->db, e, "load products");
	}
	return 0;
}

int
stockview_prepare(struct stockview *sv, struct err *e)
{
	if (sv->arena != NULL)
		return 0;
	return load_hay(sv, e);
}

static long
item_of(const struct stockview *sv, int64_t id)
{
	size_t	lo = 0, hi = sv->nitems, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sv->items[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sv->nitems && sv->items[lo].id == id)
		return (long)lo;
	return -1;
}

/* The order with the sort direction applied: position i of the list. */
static size_t
ordered(const struct stockview *sv, size_t i)
{
	return sv->order[sv->desc ? sv->norder - 1 - i : i];
}

static int
matches(const struct stockview *sv, size_t pos)
{
	return sv->filter[0] == '\0' || (sv->arena != NULL &&
	    strstr(sv->arena + sv->items[pos].hay, sv->filter) != NULL);
}

/* Filter the whole order afresh. */
static void
apply_filter(struct stockview *sv)
{
	size_t	i, pos;

	cache_clear(sv);
	sv->nview = 0;
	for (i = 0; i < sv->norder; i++) {
		pos = ordered(sv, i);
		if (matches(sv, pos))
			sv->view[sv->nview++] = pos;
	}
}

static struct sv_cached *
cache_find(struct stockview *sv, const char *filter)
{
	int	i;

	for (i = 0; i < SV_NCACHE; i++)
		if (sv->cache[i].view != NULL &&
		    strcmp(sv->cache[i].filter, filter) == 0)
			return &sv->cache[i];
	return NULL;
}

/* Remember the current view under its filter, evicting the oldest. */
static void
cache_put(struct stockview *sv)
{
	struct sv_cached	*c;
	int			 i, victim = 0;

	if (cache_find(sv, sv->filter) != NULL)
		return;
	for (i = 0; i < SV_NCACHE; i++) {
		if (sv->cache[i].view == NULL) {
			victim = i;
			break;
		}
		if (sv->cache[i].used < sv->cache[victim].used)
			victim = i;
	}
	c = &sv->cache[victim];
	free(c->view);
	memcpy(c->filter, sv->filter, sizeof c->filter);
	c->view = xreallocarray(NULL, sv->nview + 1, sizeof *c->view);
	memcpy(c->view, sv->view, sv->nview * sizeof *c->view);
	c->n = sv->nview;
	c->used = ++sv->clock;
}

/* Quantities per item from a (product_id, qty) query; 0 without a level. */
static int
load_quantities(struct stockview *sv, const char *sql, struct err *e)
{
	sqlite3_stmt	*st;
	long		 pos;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sv->nitems; i++)
		sv->items[i].qty = 0;
	if ((st = db_prepare(sv->db, sql, e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pos = item_of(sv, sqlite3_column_int64(st, 0));
		if (pos >= 0)
			sv->items[pos].qty = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(sv->db, e, "sort products");
	return 0;
}

static int
load_order(struct stockview *sv, struct err *e)
{
	sqlite3_stmt	*st;
	size_t		 n = 0, i;
	long		 pos;
	int		 rc;

	free(sv->order);
	free(sv->view);
	sv->order = xcalloc(sv->nitems + 1, sizeof *sv->order);
	sv->view = xcalloc(sv->nitems + 1, sizeof *sv->view);
	switch (sv->sort) {
	case SV_SORT_SKU:
		for (i = 0; i < sv->nitems; i++)
			sv->order[sv->items[i].rank] = i;
		n = sv->nitems;
		break;
	case SV_SORT_AVAILABLE:
	case SV_SORT_ON_HAND:
		if (load_quantities(sv, sort_sql[sv->sort], e) != 0)
			return -1;
		for (i = 0; i < sv->nitems; i++)
			sv->order[i] = i;
		n = sv->nitems;
		qsort_sv = sv;
		if (n > 0)
			qsort(sv->order, n, sizeof *sv->order, cmp_qty);
		break;
	default:
		if ((st = db_prepare(sv->db, sort_sql[sv->sort], e)) == NULL)
			return -1;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			pos = item_of(sv, sqlite3_column_int64(st, 0));
			/* A product added since load_items(): next refresh. */
			if (pos >= 0 && n < sv->nitems)
				sv->order[n++] = (size_t)pos;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(sv->db, e, "sort products");
		break;
	}
	/* Fewer than nitems if some were deleted between the two reads. */
	sv->norder = n;
	apply_filter(sv);
	return 0;
}

struct stockview *
stockview_new(struct db *db, struct err *e)
{
	struct stockview	*sv;

	sv = xcalloc(1, sizeof *sv);
	sv->db = db;
	sv->sort = SV_SORT_SKU;
	if (load_items(sv, e) != 0 || load_order(sv, e) != 0) {
		stockview_free(sv);
		return NULL;
	}
	return sv;
}

void
stockview_free(struct stockview *sv)
{
	if (sv == NULL)
		return;
	free(sv->items);
	free(sv->arena);
	free(sv->order);
	free(sv->view);
	free(sv->catalog_version);
	cache_clear(sv);
	free(sv);
}

/*
 * Typing a character narrows: only the current rows are scanned. Erasing
 * one finds the earlier result in the cache. Anything else scans all.
 */
void
stockview_set_filter(struct stockview *sv, const char *text)
{
	struct sv_cached	*c;
	char			 f[sizeof sv->filter];
	size_t			 i, n = 0;

	utf8_copy(f, text, sizeof f);
	for (i = 0; f[i] != '\0'; i++)
		f[i] = (char)tolower((unsigned char)f[i]);
	if (strcmp(f, sv->filter) == 0)
		return;
	/* Without the search text (a failed read) nothing can match. */
	if (stockview_prepare(sv, NULL) != 0) {
		memcpy(sv->filter, f, sizeof sv->filter);
		sv->nview = 0;
		return;
	}
	cache_put(sv);
	if ((c = cache_find(sv, f)) != NULL) {
		memcpy(sv->filter, f, sizeof sv->filter);
		memcpy(sv->view, c->view, c->n * sizeof *sv->view);
		sv->nview = c->n;
		c->used = ++sv->clock;
		return;
	}
	if (strstr(f, sv->filter) != NULL) {
		memcpy(sv->filter, f, sizeof sv->filter);
		for (i = 0; i < sv->nview; i++)
			if (matches(sv, sv->view[i]))
				sv->view[n++] = sv->view[i];
		sv->nview = n;
		return;
	}
	memcpy(sv->filter, f, sizeof sv->filter);
	n = 0;
	for (i = 0; i < sv->norder; i++)
		if (matches(sv, ordered(sv, i)))
			sv->view[n++] = ordered(sv, i);
	sv->nview = n;
}

const char *
stockview_filter(const struct stockview *sv)
{
	return sv->filter;
}

int
stockview_set_sort(struct stockview *sv, enum stockview_sort s, int desc,
    struct err *e)
{
	if ((unsigned)s >= SV_NSORTS) {
		err_set(e, ERR_USAGE, "unknown sort");
		return -1;
	}
	if (s == sv->sort) {
		sv->desc = desc;
		apply_filter(sv);
		return 0;
	}
	sv->sort = s;
	sv->desc = desc;
	return load_order(sv, e);
}

enum stockview_sort
stockview_sort(const struct stockview *sv, int *desc)
{
	if (desc != NULL)
		*desc = sv->desc;
	return sv->sort;
}

size_t
stockview_count(const struct stockview *sv)
{
	return sv->nview;
}

size_t
stockview_total(const struct stockview *sv)
{
	return sv->norder;
}

int
stockview_rows(struct stockview *sv, size_t first, size_t n,
    struct stock_row *out, struct err *e)
{
	size_t	i;
	int	filled = 0;

	for (i = first; i < first + n && i < sv->nview; i++) {
		if (stock_get(sv->db, sv->items[sv->view[i]].id, &out[filled],
		    e) != 0) {
			/* Deleted under us: skip it until the next refresh. */
			if (e != NULL && e->code == ERR_REFUSED)
				continue;
			return -1;
		}
		filled++;
	}
	return filled;
}

long
stockview_find(const struct stockview *sv, int64_t id)
{
	long	pos = item_of(sv, id);
	size_t	i;

	if (pos < 0)
		return -1;
	for (i = 0; i < sv->nview; i++)
		if (sv->view[i] == (size_t)pos)
			return (long)i;
	return -1;
}

int64_t
stockview_id_at(const struct stockview *sv, size_t pos)
{
	return pos < sv->nview ? sv->items[sv->view[pos]].id : 0;
}

int
stockview_refresh(struct stockview *sv, struct err *e)
{
	char	*v;
	int	 changed;

	v = db_meta_get(sv->db, "catalog_version");
	changed = v == NULL || sv->catalog_version == NULL ||
	    strcmp(v, sv->catalog_version) != 0;
	free(v);
	if (changed) {
		if (load_items(sv, e) != 0)
			return -1;
		return load_order(sv, e);
	}
	/* Quantities move the order only when sorted by one. */
	if (sv->sort == SV_SORT_AVAILABLE || sv->sort == SV_SORT_ON_HAND)
		return load_order(sv, e);
	return 0;
}
