/*
 * channel.c - sales channels and their credentials (see channel.h).
 *
 * Owns no connection. Credentials are written and read here only; they
 * are copied into caller-provided structs and never logged or formatted.
 * Start at channel_add().
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "clock.h"
#include "dbi.h"
#include "product.h"
#include "stock.h"
#include "xmalloc.h"

static const char *const cred_kinds[] = {
	[CHANNEL_CRED_TOKEN] = "token",
	[CHANNEL_CRED_CLIENT] = "client",
	[CHANNEL_CRED_KEY] = "key",
};

#define CHANNEL_COLS "c.id, c.name, c.type, c.base_url, c.paused, " \
	"c.buffer_units, c.buffer_pct, coalesce(c.cap, -1), " \
	"coalesce(k.kind, 'none'), coalesce(c.last_sync_at, 0), " \
	"coalesce(c.last_error, '') FROM sales_channels c LEFT JOIN " \
	"channel_credentials k ON k.channel_id = c.id"

static void
copy_col(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);

	utf8_copy(dst, s != NULL ? s : "", n);
}

static void
fill(sqlite3_stmt *st, struct channel_info *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	copy_col(st, 1, c->name, sizeof c->name);
	copy_col(st, 2, c->type, sizeof c->type);
	copy_col(st, 3, c->base_url, sizeof c->base_url);
	c->paused = sqlite3_column_int(st, 4);
	c->buffer_units = sqlite3_column_int64(st, 5);
	c->buffer_pct = sqlite3_column_int64(st, 6);
	c->cap = sqlite3_column_int64(st, 7);
	copy_col(st, 8, c->cred_kind, sizeof c->cred_kind);
	c->last_sync_at = sqlite3_column_int64(st, 9);
	copy_col(st, 10, c->last_error, sizeof c->last_error);
}

int
channel_list(struct db *db, struct channel_info **out, int *n, struct err *e)
{
	sqlite3_stmt		*st;
	struct channel_info	*v = NULL;
	int			 rc, cap = 0;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT " CHANNEL_COLS " WHERE c.removed_at IS "
	    "NULL ORDER BY c.name", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		fill(st, &v[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return db_fail(db, e, "list channels");
	}
	*out = v;
	return 0;
}

int
channel_find(struct db *db, const char *name, struct channel_info *c,
    struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "SELECT " CHANNEL_COLS " WHERE c.name = ? AND "
	    "c.removed_at IS NULL", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fill(st, c);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		err_set(e, ERR_REFUSED, "no channel named '%s' (see 'invsync "
		    "channel list')", name);
		return -1;
	}
	return db_fail(db, e, "read channel");
}

/* http(s)://host[:port][/path], no query, no credentials in it. */
static int
check_url(const char *url, struct err *e)
{
	const char	*host;
	size_t		 len;

	if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncmp(url, "http://", 7) == 0) {
		host = url + 7;
		/* Plain HTTP carries credentials in the clear: loopback only. */
		if (strncmp(host, "127.0.0.1", 9) != 0 &&
		    strncmp(host, "localhost", 9) != 0 &&
		    strncmp(host, "[::1]", 5) != 0) {
			err_set(e, ERR_USAGE, "%s: use https:// (plain http "
			    "is only for a shop on this machine)", url);
			return -1;
		}
	} else {
		err_set(e, ERR_USAGE, "%s: the address must start with "
		    "https://", url);
		return -1;
	}
	len = strlen(url);
	if (*host == '\0' || *host == '/' || len > 200 ||
	    strpbrk(url, "?#@ \t") != NULL || !utf8_valid_text(url)) {
		err_set(e, ERR_USAGE, "%s: not a plain store address (no "
		    "user, query or spaces)", url);
		return -1;
	}
	return 0;
}

static int
check_creds(const char *type, const struct channel_creds *k, struct err *e)
{
	const char	*p;

	if (strcmp(type, "shopify") == 0 ? k->kind == CHANNEL_CRED_KEY :
	    k->kind != CHANNEL_CRED_KEY) {
		err_set(e, ERR_USAGE, "these credentials are not for %s", type);
		return -1;
	}
	if (k->secret[0] == '\0' || (k->kind != CHANNEL_CRED_TOKEN &&
	    k->ident[0] == '\0')) {
		err_set(e, ERR_USAGE, "the credentials are empty");
		return -1;
	}
	for (p = k->secret; *p != '\0'; p++) {
		if (!isgraph((unsigned char)*p)) {
			err_set(e, ERR_USAGE, "the secret holds a space or a "
			    "control character (one line, no spaces)");
			return -1;
		}
	}
	for (p = k->ident; *p != '\0'; p++) {
		if (!isgraph((unsigned char)*p)) {
			err_set(e, ERR_USAGE, "the client id or key holds a "
			    "space or a control character");
			return -1;
		}
	}
	return 0;
}

static int
store_creds(struct db *db, int64_t id, const struct channel_creds *k,
    struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT INTO channel_credentials (channel_id, "
	    "kind, ident, secret) VALUES (?, ?, ?, ?) ON CONFLICT "
	    "(channel_id) DO UPDATE SET kind = excluded.kind, ident = "
	    "excluded.ident, secret = excluded.secret", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, cred_kinds[k->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, k->ident, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, k->secret, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	/* The bound secret is not kept by SQLite after the reset. */
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "save credentials");
	return 0;
}

int
channel_add(struct db *db, const char *type, const char *name,
    const char *base_url, const struct channel_creds *k, int64_t *id,
    struct err *e)
{
	sqlite3_stmt	*st;
	char		 url[256];
	size_t		 len;
	int		 rc;

	if (strcmp(type, "shopify") != 0 && strcmp(type, "woocommerce") != 0) {
		err_set(e, ERR_USAGE, "unknown channel type '%s' (shopify or "
		    "woocommerce)", type);
		return -1;
	}
	if (*name == '\0' || strlen(name) > 60 || !utf8_valid_text(name)) {
		err_set(e, ERR_USAGE, "a channel name is 1 to 60 characters of "
		    "text");
		return -1;
	}
	utf8_copy(url, base_url, sizeof url);
	len = strlen(url);
	while (len > 0 && url[len - 1] == '/')
		url[--len] = '\0';
	if (check_url(url, e) != 0 || check_creds(type, k, e) != 0)
		return -1;
	if (db_begin(db, e) != 0)
		return -1;
	st = db_prepare(db, "INSERT INTO sales_channels (name, type, base_url, "
	    "created_at) VALUES (?, ?, ?, ?)", e);
	if (st == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, url, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, clock_now());
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db_sqlite(db)) ==
		    SQLITE_CONSTRAINT_UNIQUE)
			err_set(e, ERR_REFUSED, "a channel named '%s' exists",
			    name);
		else
			db_fail(db, e, "add channel");
		goto fail;
	}
	*id = sqlite3_last_insert_rowid(db_sqlite(db));
	if (store_creds(db, *id, k, e) != 0)
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}

/* Run a one-row UPDATE by channel name; ERR_REFUSED if there is none. */
static int
update_by_name(struct db *db, sqlite3_stmt *st, const char *name,
    struct err *e)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "update channel");
	if (sqlite3_changes(db_sqlite(db)) == 0) {
		err_set(e, ERR_REFUSED, "no channel named '%s'", name);
		return -1;
	}
	return 0;
}

int
channel_set_paused(struct db *db, const char *name, int paused,
    struct err *e)
{
	sqlite3_stmt	*st;

	st = db_prepare(db, "UPDATE sales_channels SET paused = ? WHERE "
	    "name = ? AND removed_at IS NULL", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, paused != 0);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return update_by_name(db, st, name, e);
}

int
channel_set_buffer(struct db *db, const char *name, int64_t units,
    int64_t pct, int64_t cap, struct err *e)
{
	sqlite3_stmt	*st;

	if (units < 0 || pct < 0 || pct > 100 || cap < -1) {
		err_set(e, ERR_USAGE, "a buffer is units >= 0, a percentage "
		    "0..100 and a cap >= 0");
		return -1;
	}
	st = db_prepare(db, "UPDATE sales_channels SET buffer_units = ?, "
	    "buffer_pct = ?, cap = ? WHERE name = ? AND removed_at IS NULL",
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, units);
	sqlite3_bind_int64(st, 2, pct);
	if (cap >= 0)
		sqlite3_bind_int64(st, 3, cap);
	sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
	return update_by_name(db, st, name, e);
}

int
channel_remove(struct db *db, const char *name, struct err *e)
{
	struct channel_info	 c;
	sqlite3_stmt		*st;
	char			 gone[96];
	int			 rc, used;

	if (db_begin(db, e) != 0)
		return -1;
	if (channel_find(db, name, &c, e) != 0)
		goto fail;
	st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM movements WHERE "
	    "channel_id = ?)", e);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, c.id);
	rc = sqlite3_step(st);
	used = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		db_fail(db, e, "remove channel");
		goto fail;
	}
	st = db_prepare(db, "DELETE FROM channel_credentials WHERE "
	    "channel_id = ?", e);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, c.id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, e, "remove channel");
		goto fail;
	}
	if (used) {
		snprintf(gone, sizeof gone, "%s (removed #%lld)", c.name,
		    (long long)c.id);
		st = db_prepare(db, "UPDATE sales_channels SET removed_at = ?, "
		    "paused = 1, name = ? WHERE id = ?", e);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, clock_now());
		sqlite3_bind_text(st, 2, gone, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, c.id);
	} else {
		st = db_prepare(db, "DELETE FROM sales_channels WHERE id = ?",
		    e);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, c.id);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, e, "remove channel");
		goto fail;
	}
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}

int
channel_credentials(struct db *db, int64_t id, struct channel_creds *k,
    struct err *e)
{
	sqlite3_stmt	*st;
	const char	*kind;
	int		 rc, i;

	memset(k, 0, sizeof *k);
	st = db_prepare(db, "SELECT kind, ident, secret FROM "
	    "channel_credentials WHERE channel_id = ?", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		kind = (const char *)sqlite3_column_text(st, 0);
		for (i = 0; i < 3; i++)
			if (kind != NULL && strcmp(kind, cred_kinds[i]) == 0)
				k->kind = (enum channel_cred_kind)i;
		utf8_copy(k->ident, (const char *)sqlite3_column_text(st, 1),
		    sizeof k->ident);
		utf8_copy(k->secret, (const char *)sqlite3_column_text(st, 2),
		    sizeof k->secret);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		err_set(e, ERR_REFUSED, "the channel has no credentials");
		return -1;
	}
	return db_fail(db, e, "read credentials");
}

int
channel_set_credentials(struct db *db, const char *name,
    const struct channel_creds *k, struct err *e)
{
	struct channel_info	c;

	if (channel_find(db, name, &c, e) != 0 ||
	    check_creds(c.type, k, e) != 0)
		return -1;
	return store_creds(db, c.id, k, e);
}

int64_t
channel_quantity_to_show(const struct channel_info *c, int64_t available)
{
	int64_t	q = available - c->buffer_units, keep;

	if (q <= 0)
		return 0;
	/* Percent of what is left, rounded up, without overflowing. */
	keep = q / 100 * c->buffer_pct + (q % 100 * c->buffer_pct + 99) / 100;
	q -= keep;
	if (c->cap >= 0 && q > c->cap)
		q = c->cap;
	return q > 0 ? q : 0;
}
