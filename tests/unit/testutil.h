/*
 * testutil.h - shared helpers for the cmocka unit tests: a fresh shop
 * database per test in a private temp directory, and quick product and
 * movement setup.
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "db.h"
#include "ledger.h"

struct testdb {
	char		 dir[256];
	char		 path[300];
	struct db	*db;
};

/* Create a temp dir and an empty shop database in it; asserts. */
void	testdb_open(struct testdb *);
/* Close and remove the directory and everything in it. */
void	testdb_close(struct testdb *);
/* Add a product; returns its id. */
int64_t	testdb_product(struct db *, const char *sku, int64_t reorder_point);
/* Post a movement; asserts success; returns on_hand after. */
int64_t	testdb_move(struct db *, int64_t pid, enum mv_kind, int64_t qty);
/* The product's on_hand read straight from the levels. */
int64_t	testdb_on_hand(struct db *, int64_t pid);

#endif
