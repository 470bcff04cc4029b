/*
 * cli_io.c - "invsync import" and "invsync export": CSV in and out.
 *
 *	import products|stock FILE.csv [--skip-bad] [--rejects PATH]
 *	    [--allow-negative]
 *	export products|stock|movements [FILE.csv]
 *
 * The work is in import.c and export.c; this file parses the command,
 * reports to stderr and turns the outcome into an exit status. An export
 * to a file is written beside it and renamed into place, so a failed
 * export never leaves half a file under the name asked for.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"
#include "import.h"
#include "xmalloc.h"

/* Refuse options nobody took; drop a "--" that ends them. */
static int
check_args(const char *cmd, int *argc, char **argv)
{
	int	i;

	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			memmove(argv + i, argv + i + 1,
			    (size_t)(*argc - i) * sizeof *argv);
			(*argc)--;
			break;
		}
		if (strncmp(argv[i], "--", 2) == 0)
			return cli_usage("%s: unknown option '%s'", cmd,
			    argv[i]);
	}
	return 0;
}

static void
summary(const char *path, int products, const struct import_stats *st)
{
	if (st->rows == 0) {
		fprintf(stderr, "invsync: %s has no rows after the header; "
		    "nothing to import\n", path);
		return;
	}
	fprintf(stderr, "invsync: imported %lld row%s from %s", (long long)
	    st->applied, st->applied == 1 ? "" : "s", path);
	if (products)
		fprintf(stderr, " (%lld new, %lld updated)",
		    (long long)st->created, (long long)st->updated);
	if (st->bad != 0)
		fprintf(stderr, ", skipped %lld bad row%s -> %s",
		    (long long)st->bad, st->bad == 1 ? "" : "s", st->rejects);
	if (st->already != 0)
		fprintf(stderr, ", %lld already applied",
		    (long long)st->already);
	fputc('\n', stderr);
}

int
cli_cmd_import(struct cli *c, int argc, char **argv)
{
	struct import_opts	 o = { 0 };
	struct import_stats	 st;
	struct db		*db = NULL;
	struct err		 e;
	const char		*path;
	int			 products, bad = 0, rc;

	o.skip_bad = cli_opt(&argc, argv, "skip-bad", 0, &bad) != NULL;
	o.allow_negative = cli_opt(&argc, argv, "allow-negative", 0,
	    &bad) != NULL;
	o.rejects = cli_opt(&argc, argv, "rejects", 1, &bad);
	if (bad || check_args("import", &argc, argv) != 0)
		return CLI_USAGE;
	if (argc != 3 || (strcmp(argv[1], "products") != 0 &&
	    strcmp(argv[1], "stock") != 0))
		return cli_usage("usage: import products|stock FILE.csv "
		    "[--skip-bad] [--rejects PATH] [--allow-negative]");
	products = strcmp(argv[1], "products") == 0;
	path = argv[2];
	if (o.rejects != NULL && !o.skip_bad)
		return cli_usage("import: --rejects goes with --skip-bad");
	if (o.rejects != NULL && *o.rejects == '\0')
		return cli_usage("import: --rejects needs a file name");
	if (products && o.allow_negative)
		return cli_usage("import products: --allow-negative is for "
		    "import stock");
	o.user = c->user;
	o.report = stderr;

	if (cli_open(c, 0, &db, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	if (products)
		rc = import_products(db, path, &o, &st, &e);
	else
		rc = import_stock(db, path, &o, &st, &e);
	if (rc != 0) {
		if (e.code == ERR_REFUSED && st.bad != 0 && !o.skip_bad) {
			fprintf(stderr, "invsync: %s (fix the rows above, or "
			    "use --skip-bad to import the others)\n", e.msg);
			rc = CLI_REFUSED;
		} else
			rc = cli_fail(&e);
		goto out;
	}
	summary(path, products, &st);
	rc = CLI_OK;
out:
	db_close(db);
	return rc;
}

/* A temporary file beside path, with the mode a new file would get. */
static FILE *
open_beside(const char *path, char **tmp, struct err *e)
{
	FILE	*fp;
	mode_t	 mask;
	int	 fd;

	*tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) == -1) {
		err_set(e, ERR_SYSTEM, "%s: %s", path, strerror(errno));
		goto fail;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if ((fp = fdopen(fd, "w")) == NULL) {
		err_set(e, ERR_SYSTEM, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(*tmp);
		goto fail;
	}
	return fp;
fail:
	free(*tmp);
	*tmp = NULL;
	return NULL;
}

int
cli_cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char	*name;
		int		(*fn)(struct db *, FILE *, int64_t *,
				    struct err *);
		const char	*rows;
	} kinds[] = {
		{ "products", export_products, "products" },
		{ "stock", export_stock, "stock rows" },
		{ "movements", export_movements, "movements" },
	};
	struct db	*db = NULL;
	struct err	 e;
	FILE		*fp = NULL;
	char		*tmp = NULL;
	const char	*path = NULL;
	int64_t		 rows = 0;
	size_t		 k;
	int		 rc;

	if (check_args("export", &argc, argv) != 0)
		return CLI_USAGE;
	for (k = 0; argc >= 2 && k < sizeof kinds / sizeof kinds[0]; k++)
		if (strcmp(argv[1], kinds[k].name) == 0)
			break;
	if (argc < 2 || argc > 3 || k == sizeof kinds / sizeof kinds[0])
		return cli_usage("usage: export products|stock|movements "
		    "[FILE.csv]");
	if (argc == 3 && strcmp(argv[2], "-") != 0)
		path = argv[2];

	if (cli_open(c, DB_READONLY, &db, &e) != 0)
		goto fail;
	if (path != NULL) {
		if ((fp = open_beside(path, &tmp, &e)) == NULL)
			goto fail;
	} else
		fp = stdout;
	if (kinds[k].fn(db, fp, &rows, &e) != 0)
		goto fail;
	if (path == NULL) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			err_set(&e, ERR_SYSTEM, "export: stdout: %s",
			    strerror(errno));
			goto fail;
		}
	} else {
		rc = fclose(fp);
		fp = NULL;
		if (rc != 0) {
			err_set(&e, ERR_SYSTEM, "export: %s: %s", path,
			    strerror(errno));
			goto fail;
		}
		if (rename(tmp, path) != 0) {
			err_set(&e, ERR_SYSTEM, "export: %s: %s", path,
			    strerror(errno));
			goto fail;
		}
		free(tmp);
		tmp = NULL;
		fprintf(stderr, "invsync: exported %lld %s to %s\n",
		    (long long)rows, kinds[k].rows, path);
	}
	db_close(db);
	return CLI_OK;
fail:
	rc = cli_fail(&e);
	if (fp != NULL && fp != stdout)
		fclose(fp);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	db_close(db);
	return rc;
}
