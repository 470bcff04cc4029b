/*
 * dbi.h - the raw SQLite side of struct db, for core modules only.
 *
 * Screens never include this (CI greps for it). Statements from
 * db_prepare() are cached on the connection and owned by it: do not
 * finalize them; they come back reset with bindings cleared.
 */
#ifndef DBI_H
#define DBI_H

#include <sqlite3.h>

#include "db.h"

sqlite3		*db_sqlite(struct db *);

/* A cached statement for a SQL string literal (keyed by the pointer). */
sqlite3_stmt	*db_prepare(struct db *, const char *sql, struct err *);

/* BEGIN IMMEDIATE: take the write lock first so no read goes stale. */
int		 db_begin(struct db *, struct err *);
int		 db_commit(struct db *, struct err *);
int		 db_in_transaction(const struct db *);
void		 db_rollback(struct db *);
int		 db_exec(struct db *, const char *sql, struct err *);

/*
 * Fill e from the connection's last error, prefixed with what was being
 * done, mapping SQLite's codes onto err codes and plain words (locked,
 * disk full, read-only, not a database). Returns -1 for "return db_fail()".
 */
int		 db_fail(struct db *, struct err *, const char *what);

/* Run by db_open() inside a transaction; see schema.c. */
int		 schema_migrate(struct db *, struct err *);
int		 schema_version(void);

#endif
