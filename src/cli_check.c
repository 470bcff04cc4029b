/*
 * cli_check.c - "invsync check [--repair]": verify the ledger, name what
 * is broken, and on request rebuild levels from the movements.
 */
#include <stdio.h>

#include "check.h"
#include "cli.h"

int
cli_cmd_check(struct cli *c, int argc, char **argv)
{
	struct diags	 d = { 0 };
	struct db	*db;
	struct err	 e;
	long		 fixed;
	int		 repair, bad = 0, i, rc = CLI_OK;

	repair = cli_opt(&argc, argv, "repair", 0, &bad) != NULL;
	if (argc != 1 || bad)
		return cli_usage("usage: check [--repair]");
	if (cli_open(c, repair ? 0 : DB_READONLY, &db, &e) != 0)
		return cli_fail(&e);
	if (repair) {
		if (check_repair(db, &fixed, &e) != 0) {
			rc = cli_fail(&e);
			goto out;
		}
		fprintf(stderr, "invsync: repaired %ld level rows from the "
		    "ledger\n", fixed);
	}
	if (check_run(db, &d, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	for (i = 0; i < d.n; i++)
		printf("%s\n", d.lines[i]);
	if (d.n > 0) {
		fprintf(stderr, "invsync: check failed: %d problem%s%s\n", d.n,
		    d.n == 1 ? "" : "s", repair ? "" :
		    " ('invsync check --repair' rebuilds levels)");
		rc = CLI_REFUSED;
	} else
		fprintf(stderr, "invsync: check passed\n");
out:
	diags_free(&d);
	db_close(db);
	return rc;
}
