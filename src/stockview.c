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
};

struct stockview {
	struct db		*db;
	char			*catalog_version;

	struct sv_item		*items;	/* by id */
	size_t			 nitems;
	char			*arena;
	size_t			 arenasz;

	size_t			*order;	/* item positions in sort order */
	size_t			 norder;
	size_t			*view;	/* the filtered subsequence */
	size_t			 nview;

	enum stockview_sort	 sort;
	int			 desc;
	char			 filter[128];
};

static const char *const sort_names[SV_NSORTS] = {
	[SV_SORT_SKU] = "SKU",
	[SV_SORT_NAME] = "name",
	[SV_SORT_CATEGORY] = "category",
	[SV_SORT_AVAILABLE] = "available",
	[SV_SORT_ON_HAND] = "on hand",
};

static const char *const sort_sql[SV_NSORTS] = {
	[SV_SORT_SKU] = "SELECT id FROM products ORDER BY sku",
	[SV_SORT_NAME] = "SELECT id FROM products ORDER BY name, sku",
	[SV_SORT_CATEGORY] = "SELECT id FROM products ORDER BY category, sku",
	[SV_SORT_AVAILABLE] = "SELECT p.id FROM products p ORDER BY "
	    "(SELECT coalesce(sum(available), 0) FROM inventory "
	    "WHERE product_id = p.id), p.sku",
	[SV_SORT_ON_HAND] = "SELECT p.id FROM products p ORDER BY "
	    "(SELECT coalesce(sum(on_hand), 0) FROM inventory "
	    "WHERE product_id = p.id), p.sku",
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

static int
load_items(struct stockview *sv, struct err *e)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0, acap = 0;
	int		 rc;

	free(sv->items);
	free(sv->arena);
	sv->items = NULL;
	sv->arena = NULL;
	sv->nitems = sv->arenasz = 0;
	st = db_prepare(sv->db, "SELECT id, sku, name, coalesce(barcode, '') "
	    "FROM products ORDER BY id", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sv->nitems == cap) {
			cap = cap ? cap * 2 : 1024;
			sv->items = xreallocarray(sv->items, cap,
			    sizeof *sv->items);
		}
		sv->items[sv->nitems].id = sqlite3_column_int64(st, 0);
		sv->items[sv->nitems].hay = sv->arenasz;
		arena_add(sv, &acap, col(st, 1), 1);
		arena_add(sv, &acap, col(st, 2), 1);
		arena_add(sv, &acap, col(st, 3), 0);
		sv->nitems++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(sv->db, e, "load products");
	free(sv->catalog_version);
	sv->catalog_version = db_meta_get(sv->db, "catalog_version");
	return 0;
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

static void
apply_filter(struct stockview *sv)
{
	size_t	i, pos;

	sv->nview = 0;
	for (i = 0; i < sv->norder; i++) {
		pos = sv->order[sv->desc ? sv->norder - 1 - i : i];
		if (sv->filter[0] == '\0' ||
		    strstr(sv->arena + sv->items[pos].hay, sv->filter) != NULL)
			sv->view[sv->nview++] = pos;
	}
}

static int
load_order(struct stockview *sv, struct err *e)
{
	sqlite3_stmt	*st;
	size_t		 n = 0;
	long		 pos;
	int		 rc;

	free(sv->order);
	free(sv->view);
	sv->order = xcalloc(sv->nitems + 1, sizeof *sv->order);
	sv->view = xcalloc(sv->nitems + 1, sizeof *sv->view);
	if ((st = db_prepare(sv->db, sort_sql[sv->sort], e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pos = item_of(sv, sqlite3_column_int64(st, 0));
		/* A product added since load_items(): the next refresh. */
		if (pos >= 0 && n < sv->nitems)
			sv->order[n++] = (size_t)pos;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(sv->db, e, "sort products");
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
	free(sv);
}

void
stockview_set_filter(struct stockview *sv, const char *text)
{
	size_t	i;

	utf8_copy(sv->filter, text, sizeof sv->filter);
	for (i = 0; sv->filter[i] != '\0'; i++)
		sv->filter[i] = (char)tolower((unsigned char)sv->filter[i]);
	apply_filter(sv);
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
