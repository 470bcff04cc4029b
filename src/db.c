/*
 * db.c - opening a shop database and the connection's small services:
 * the statement cache, transactions, error mapping, change detection.
 *
 * One struct db per connection per thread. The file is created 0600
 * (it will hold channel credentials). Pragmas: WAL so readers never block
 * the writer, foreign keys on, a busy timeout so a second writer waits
 * rather than fails, synchronous=FULL so a change the UI has confirmed
 * survives a power cut.
 *
 * Transactions nest: the outer db_begin() is BEGIN IMMEDIATE, inner ones
 * are savepoints, so ledger_post() works alone or inside an import.
 *
 * Start at db_open().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbi.h"
#include "xmalloc.h"

/* "invs": marks a file as ours, so we never migrate a stranger's file. */
#define DB_APPLICATION_ID 0x696e7673
#define DB_BUSY_MS 5000
#define DB_NCACHE 96

struct db_cached {
	const char	*sql;
	sqlite3_stmt	*st;
};

struct db {
	sqlite3			*h;
	char			*path;
	int			 depth;		/* transaction nesting */
	int64_t			 data_version;
	struct db_cached	 cache[DB_NCACHE];
	int			 ncache;
};

sqlite3 *
db_sqlite(struct db *db)
{
	return db->h;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

int
db_fail(struct db *db, struct err *e, const char *what)
{
	int		 code = sqlite3_extended_errcode(db->h);
	const char	*why;

	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		why = "the database is locked by another process "
		    "(waited; try again)";
		break;
	case SQLITE_FULL:
		why = "the disk is full; nothing was changed";
		break;
	case SQLITE_READONLY:
		why = "the database is read-only";
		break;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		why = "the file is not a database or is corrupt "
		    "(left untouched)";
		break;
	case SQLITE_IOERR:
		why = "an I/O error occurred; nothing was changed";
		break;
	case SQLITE_CANTOPEN:
		why = "cannot open the file";
		break;
	default:
		why = sqlite3_errmsg(db->h);
		break;
	}
	err_set(e, ERR_SYSTEM, "%s: %s: %s", what, db->path, why);
	return -1;
}

sqlite3_stmt *
db_prepare(struct db *db, const char *sql, struct err *e)
{
	sqlite3_stmt	*st;
	int		 i;

	for (i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		db_fail(db, e, "prepare");
		return NULL;
	}
	/* A full cache is a bug (too many distinct statements): grow it. */
	if (db->ncache == DB_NCACHE) {
		sqlite3_finalize(db->cache[0].st);
		memmove(db->cache, db->cache + 1,
		    (DB_NCACHE - 1) * sizeof db->cache[0]);
		db->ncache--;
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].st = st;
	db->ncache++;
	return st;
}

int
db_exec(struct db *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "update");
	return 0;
}

/*
 * Savepoint statements by depth, as literals so db_prepare() caches them:
 * a nested ledger_post() costs no parsing.
 */
#define DB_MAXDEPTH 8
static const char *const sp_begin[DB_MAXDEPTH] = {
	"BEGIN IMMEDIATE", "SAVEPOINT s1", "SAVEPOINT s2", "SAVEPOINT s3",
	"SAVEPOINT s4", "SAVEPOINT s5", "SAVEPOINT s6", "SAVEPOINT s7",
};
static const char *const sp_commit[DB_MAXDEPTH] = {
	"COMMIT", "RELEASE s1", "RELEASE s2", "RELEASE s3", "RELEASE s4",
	"RELEASE s5", "RELEASE s6", "RELEASE s7",
};
static const char *const sp_undo[DB_MAXDEPTH] = {
	"ROLLBACK", "ROLLBACK TO s1", "ROLLBACK TO s2", "ROLLBACK TO s3",
	"ROLLBACK TO s4", "ROLLBACK TO s5", "ROLLBACK TO s6", "ROLLBACK TO s7",
};

static int
step_cached(struct db *db, const char *sql, struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, sql, e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(db, e, "update");
	return 0;
}

int
db_in_transaction(const struct db *db)
{
	return db->depth > 0;
}

int
db_begin(struct db *db, struct err *e)
{
	if (db->depth == DB_MAXDEPTH) {
		err_set(e, ERR_SYSTEM, "transactions nested too deeply");
		return -1;
	}
	if (step_cached(db, sp_begin[db->depth], e) != 0)
		return -1;
	db->depth++;
	return 0;
}

int
db_commit(struct db *db, struct err *e)
{
	if (db->depth == 0) {
		err_set(e, ERR_SYSTEM, "commit outside a transaction");
		return -1;
	}
	if (step_cached(db, sp_commit[db->depth - 1], e) != 0) {
		if (db->depth == 1)
			db_rollback(db);
		return -1;
	}
	db->depth--;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (db->depth == 0)
		return;
	db->depth--;
	step_cached(db, sp_undo[db->depth], NULL);
	if (db->depth > 0)
		step_cached(db, sp_commit[db->depth], NULL);
}

int
db_changed(struct db *db)
{
	sqlite3_stmt	*st;
	int64_t		 v;

	if ((st = db_prepare(db, "PRAGMA data_version", NULL)) == NULL)
		return 0;
	if (sqlite3_step(st) != SQLITE_ROW)
		return 0;
	v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (v == db->data_version)
		return 0;
	db->data_version = v;
	return 1;
}

char *
db_meta_get(struct db *db, const char *key)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	st = db_prepare(db, "SELECT value FROM meta WHERE key = ?", NULL);
	if (st == NULL)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return v;
}

int
db_meta_set(struct db *db, const char *key, const char *value,
    struct err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_prepare(db, "INSERT INTO meta (key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, e, "save setting");
	return 0;
}

/* Create an empty file 0600 so SQLite (and its -wal/-shm) inherit it. */
static int
create_private(const char *path, struct err *e)
{
	int	fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1) {
		if (errno == EEXIST)
			return 0;
		err_set(e, ERR_SYSTEM, "create %s: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

/* How long a writer waits for the lock; tests shorten it. */
static int
busy_ms(void)
{
	const char	*s = getenv("INVSYNC_BUSY_MS");
	int		 v;

	if (s != NULL && (v = atoi(s)) > 0)
		return v;
	return DB_BUSY_MS;
}

static int
int_pragma(struct db *db, const char *sql, int *out, struct err *e)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, e, "open");
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(db, e, "open");
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/*
 * Refuse a file that is SQLite but not ours: it has tables and no (or a
 * different) application id. An empty file is new and becomes ours.
 */
static int
claim(struct db *db, int readonly, struct err *e)
{
	int	appid, ntables;
	char	sql[64];

	if (int_pragma(db, "PRAGMA application_id", &appid, e) != 0)
		return -1;
	if (appid == DB_APPLICATION_ID)
		return 0;
	if (int_pragma(db, "SELECT count(*) FROM sqlite_master", &ntables,
	    e) != 0)
		return -1;
	if (appid != 0 || ntables != 0) {
		err_set(e, ERR_SYSTEM, "%s is not an invsync database "
		    "(left untouched)", db->path);
		return -1;
	}
	if (readonly) {
		err_set(e, ERR_SYSTEM, "%s: empty database", db->path);
		return -1;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
	    DB_APPLICATION_ID);
	return db_exec(db, sql, e);
}

int
db_open(const char *path, int flags, struct db **out, struct err *e)
{
	struct db	*db;
	struct stat	 sb;
	int		 oflags, readonly = (flags & DB_READONLY) != 0;

	*out = NULL;
	if (stat(path, &sb) == -1) {
		if (errno != ENOENT || !(flags & DB_CREATE)) {
			err_set(e, ERR_SYSTEM, "%s: %s (run 'invsync init' "
			    "to create a shop)", path, strerror(errno));
			return -1;
		}
		if (create_private(path, e) != 0)
			return -1;
	} else if (!S_ISREG(sb.st_mode)) {
		err_set(e, ERR_SYSTEM, "%s: not a regular file", path);
		return -1;
	}

	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->data_version = -1;
	oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		db_fail(db, e, "open");
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	/*
	 * A CLI command is often the only connection: closing would then
	 * checkpoint the whole WAL and delete it, three fsyncs more than the
	 * change itself. Commits checkpoint automatically instead.
	 */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_busy_timeout(db->h, busy_ms());
	if (claim(db, readonly, e) != 0)
		goto fail;
	if (db_exec(db, "PRAGMA foreign_keys = ON", e) != 0)
		goto fail;
	if (!readonly) {
		if (db_exec(db, "PRAGMA journal_mode = WAL", e) != 0 ||
		    db_exec(db, "PRAGMA synchronous = FULL", e) != 0)
			goto fail;
		/* Savepoint journals in memory: imports nest one per row. */
		if (db_exec(db, "PRAGMA temp_store = MEMORY", e) != 0 ||
		    db_exec(db, "PRAGMA cache_size = -8192", e) != 0)
			goto fail;
		if (db_begin(db, e) != 0)
			goto fail;
		if (schema_migrate(db, e) != 0) {
			db_rollback(db);
			goto fail;
		}
		if (db_commit(db, e) != 0)
			goto fail;
	}
	db_changed(db);
	*out = db;
	return 0;
fail:
	db_close(db);
	return -1;
}

void
db_close(struct db *db)
{
	int	i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	if (db->h != NULL)
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}
