/*
 * testutil.h - shared helpers for the cmocka unit tests: a fresh shop
 * database per test in a private temp directory, quick product and
 * movement setup, and a scratch directory for tests of files.
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "db.h"
#include "diag.h"
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

/* A new directory "$TMPDIR/<prefix>XXXXXX" (/tmp without TMPDIR), or NULL. */
char	*testutil_mkdtemp(const char *prefix);
/* Remove path and, if it is a directory, everything below it. */
void	 testutil_rm_rf(const char *path);
/* Print each diag with print_message(), so a failing test shows them. */
void	 testutil_print_diags(const struct diags *);

/* A diag a test expects: "file:line: reason". */
struct testutil_diag {
	int		 line;
	const char	*reason;
};
/* Print d, then assert it is exactly want[0..n-1] about path, in order. */
void	 testutil_assert_diags(const struct diags *, const char *path,
	     const struct testutil_diag *want, size_t n);

/*
 * The test's scratch directory $TMPDIR/name.XXXXXX, for tests of files
 * and the environment: testdir_setup() from a cmocka setup function (0,
 * or -1 if it could not be made), testdir_teardown() as the teardown.
 */
int		 testdir_setup(const char *name);
/* testdir_setup(), $XDG_CONFIG_HOME its "config", $INVSYNC_DATADIR unset. */
int		 testdir_setup_config(const char *name);
int		 testdir_teardown(void **state);
const char	*testdir(void);
/* testdir()/rel; caller frees. */
char		*testdir_path(const char *rel);
/* Set var to testdir()/rel. */
void		 testdir_setenv(const char *var, const char *rel);
/*
 * Write text to testdir()/rel, creating directories; asserts. Returns the
 * path, good until the next call.
 */
const char	*testdir_write(const char *rel, const char *text);

#endif
