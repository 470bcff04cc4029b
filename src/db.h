/*
 * db.h - one shop's SQLite database: opening, migrating, change detection.
 *
 * struct db is one connection. It must stay on the thread that opened it;
 * each thread opens its own. Screens see only this opaque handle; core
 * modules that issue SQL include dbi.h for the raw connection.
 */
#ifndef DB_H
#define DB_H

#include <stdint.h>

#include "err.h"

struct db;

enum {
	DB_CREATE = 1,		/* create the file (0600) if it is missing */
	DB_READONLY = 2,	/* open read-only; never migrates */
};

/* Open path, set pragmas, run migrations. *out is freed with db_close(). */
int		 db_open(const char *path, int flags, struct db **out,
		     struct err *);
void		 db_close(struct db *);
const char	*db_path(const struct db *);

/*
 * 1 if another connection committed since the last call, else 0. Cheap
 * (PRAGMA data_version): the TUI calls it a few times a second.
 */
int		 db_changed(struct db *);

/* A shop-wide setting from the meta table; caller frees. NULL if unset. */
char		*db_meta_get(struct db *, const char *key);
int		 db_meta_set(struct db *, const char *key, const char *value,
		     struct err *);

#endif
