/*
 * testutil.c - helpers for unit tests (see testutil.h).
 *
 * The scratch directory is one static path: each test program runs its
 * tests one after another in one thread. Start at testdb_open() for tests
 * of the database, testdir_setup() for tests of files.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "paths.h"
#include "product.h"
#include "stock.h"
#include "testutil.h"
#include "xmalloc.h"

static char	scratch[PATH_MAX];

void
testdb_open(struct testdb *t)
{
	struct err	 e;
	char		*dir;

	assert_non_null(dir = testutil_mkdtemp("invsync-test-"));
	snprintf(t->dir, sizeof t->dir, "%s", dir);
	free(dir);
	snprintf(t->path, sizeof t->path, "%s/shop.db", t->dir);
	if (db_open(t->path, DB_CREATE, &t->db, &e) != 0)
		fail_msg("db_open: %s", e.msg);
}

void
testdb_close(struct testdb *t)
{
	char	cmd[400];

	db_close(t->db);
	t->db = NULL;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
}

int64_t
testdb_product(struct db *db, const char *sku, int64_t reorder_point)
{
	struct product	p = { 0 };
	struct err	e;
	char		name[80];

	snprintf(name, sizeof name, "Product %s", sku);
	p.sku = (char *)sku;
	p.name = name;
	p.price = 500;
	p.cost = 200;
	p.reorder_point = reorder_point;
	if (product_add(db, &p, &e) != 0)
		fail_msg("product_add %s: %s", sku, e.msg);
	return p.id;
}

int64_t
testdb_move(struct db *db, int64_t pid, enum mv_kind kind, int64_t qty)
{
	struct movement_req	r = { 0 };
	struct movement		m;
	struct err		e;

	r.product_id = pid;
	r.kind = kind;
	r.unit_cost = -1;
	if (kind == MV_COUNT)
		r.counted = qty;
	else
		r.qty = qty;
	if (kind == MV_ADJUSTMENT)
		r.reason = "correction";
	r.user = "test";
	if (ledger_post(db, &r, &m, &e) != 0)
		fail_msg("ledger_post: %s", e.msg);
	return m.on_hand_after;
}

int64_t
testdb_on_hand(struct db *db, int64_t pid)
{
	struct stock_row	r;
	struct err		e;

	if (stock_get(db, pid, &r, &e) != 0)
		fail_msg("stock_get: %s", e.msg);
	return r.on_hand;
}

char *
testutil_mkdtemp(const char *prefix)
{
	const char	*base = getenv("TMPDIR");
	char		*dir;

	if (base == NULL || *base == '\0')
		base = "/tmp";
	dir = xasprintf("%s/%sXXXXXX", base, prefix);
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return NULL;
	}
	return dir;
}

void
testutil_rm_rf(const char *path)
{
	struct stat	 sb;
	struct dirent	*de;
	DIR		*dp;
	char		*sub;

	if (lstat(path, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode) && (dp = opendir(path)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", path, de->d_name);
			testutil_rm_rf(sub);
			free(sub);
		}
		closedir(dp);
		rmdir(path);
	} else
		unlink(path);
}

void
testutil_print_diags(const struct diags *d)
{
	int	i;

	for (i = 0; i < d->n; i++)
		print_message("diag: %s\n", d->lines[i]);
}

void
testutil_assert_diags(const struct diags *d, const char *path,
    const struct testutil_diag *want, size_t n)
{
	char	*line;
	size_t	 i;

	testutil_print_diags(d);
	assert_int_equal(d->n, (int)n);
	for (i = 0; i < n; i++) {
		line = xasprintf("%s:%d: %s", path, want[i].line,
		    want[i].reason);
		assert_string_equal(d->lines[i], line);
		free(line);
	}
}

int
testdir_setup(const char *name)
{
	char	*prefix, *dir;

	prefix = xasprintf("%s.", name);
	dir = testutil_mkdtemp(prefix);
	free(prefix);
	if (dir == NULL)
		return -1;
	snprintf(scratch, sizeof scratch, "%s", dir);
	free(dir);
	return 0;
}

int
testdir_setup_config(const char *name)
{
	if (testdir_setup(name) != 0)
		return -1;
	testdir_setenv("XDG_CONFIG_HOME", "config");
	unsetenv("INVSYNC_DATADIR");
	return 0;
}

int
testdir_teardown(void **state)
{
	testutil_rm_rf(scratch);
	return 0;
}

const char *
testdir(void)
{
	return scratch;
}

char *
testdir_path(const char *rel)
{
	return xasprintf("%s/%s", scratch, rel);
}

void
testdir_setenv(const char *var, const char *rel)
{
	char	*p;

	p = testdir_path(rel);
	setenv(var, p, 1);
	free(p);
}

const char *
testdir_write(const char *rel, const char *text)
{
	static char	*path;
	struct err	 e;
	char		*dir;
	FILE		*fp;

	free(path);
	path = testdir_path(rel);
	dir = paths_dirname(path);
	assert_int_equal(paths_mkdir_p(dir, 0700, &e), 0);
	free(dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
	return path;
}
