/*
 * cli_stock.c - "invsync stock" and "invsync history": reading levels and
 * movements.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_json.h"
#include "clock.h"
#include "money.h"
#include "product.h"
#include "stock.h"

static const char *
state_marker(enum stock_state s)
{
	switch (s) {
	case STOCK_OK:
		return "";
	case STOCK_LOW:
		return "LOW";
	case STOCK_OUT:
		return "OUT";
	case STOCK_NEGATIVE:
		return "NEGATIVE";
	}
	return "";
}

static void
print_row(const struct stock_row *r, int json, int *first)
{
	char	rp[24];

	if (json) {
		json_array_item(stdout, json_stock_row(r), first);
		return;
	}
	if (r->reorder_point >= 0)
		snprintf(rp, sizeof rp, "%lld", (long long)r->reorder_point);
	else
		strcpy(rp, "-");
	printf("%-16s %-36.36s %8lld %9lld %9lld %7s  %s\n", r->sku, r->name,
	    (long long)r->on_hand, (long long)r->committed,
	    (long long)r->available, rp, state_marker(r->state));
}

struct each_arg {
	int	json;
	int	first;
};

static int
each_row(const struct stock_row *r, void *arg)
{
	struct each_arg	*a = arg;

	print_row(r, a->json, &a->first);
	return 0;
}

int
cli_cmd_stock(struct cli *c, int argc, char **argv)
{
	struct each_arg		 a = { 0, 1 };
	struct product		 p = { 0 };
	struct stock_row	 r;
	struct db		*db;
	struct err		 e;
	int			 low, bad = 0, i, rc = CLI_OK;

	a.json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	low = cli_opt(&argc, argv, "low", 0, &bad) != NULL;
	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "--", 2) == 0)
			return cli_usage("stock: unknown option '%s'",
			    argv[i]);
	if (bad)
		return CLI_USAGE;
	if (cli_open(c, DB_READONLY, &db, &e) != 0)
		return cli_fail(&e);
	if (!a.json)
		printf("%-16s %-36s %8s %9s %9s %7s  %s\n", "SKU", "NAME",
		    "ON HAND", "COMMITTED", "AVAILABLE", "REORDER", "STATE");
	if (argc == 1) {
		if (stock_each(db, low, each_row, &a, &e) != 0)
			rc = cli_fail(&e);
	}
	for (i = 1; i < argc && rc == CLI_OK; i++) {
		if (product_get_sku(db, argv[i], &p, &e) != 0 ||
		    stock_get(db, p.id, &r, &e) != 0) {
			rc = cli_fail(&e);
			break;
		}
		product_clear(&p);
		if (!low || r.state != STOCK_OK)
			print_row(&r, a.json, &a.first);
	}
	product_clear(&p);
	if (a.json && rc == CLI_OK)
		json_array_end(stdout, a.first);
	db_close(db);
	return rc;
}

int
cli_cmd_history(struct cli *c, int argc, char **argv)
{
	struct product	 p = { 0 };
	struct movement	*v = NULL;
	struct db	*db = NULL;
	struct err	 e;
	const char	*lim;
	char		 t[17], cost[MONEY_BUFSZ];
	int64_t		 limit = 50;
	int		 json, bad = 0, n = 0, i, first = 1, rc;

	json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	if ((lim = cli_opt(&argc, argv, "limit", 1, &bad)) != NULL &&
	    (qty_parse(lim, &limit, &e) != 0 || limit <= 0 ||
	    limit > 1000000))
		return cli_usage("history: --limit must be 1..1000000");
	if (argc != 2 || bad || strncmp(argv[1], "--", 2) == 0)
		return cli_usage("usage: history SKU [--json] [--limit N]");
	if (cli_open(c, DB_READONLY, &db, &e) != 0 ||
	    product_get_sku(db, argv[1], &p, &e) != 0 ||
	    ledger_history(db, p.id, 0, (int)limit, &v, &n, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	if (!json)
		printf("%8s  %-16s %-10s %7s %9s %-10s %-10s %s\n", "ID", "TIME",
		    "KIND", "QTY", "COST", "REASON", "USER", "NOTE");
	for (i = 0; i < n; i++) {
		if (json) {
			json_array_item(stdout, json_movement(&v[i], p.sku),
			    &first);
			continue;
		}
		clock_time_str(v[i].created_at, t);
		printf("%8lld  %-16s %-10s %+7lld %9s %-10s %-10s %s%s\n",
		    (long long)v[i].id, t, ledger_kind_name(v[i].kind),
		    (long long)v[i].qty, v[i].unit_cost >= 0 ?
		    money_format(v[i].unit_cost, cost) : "", v[i].reason,
		    v[i].user, v[i].note, v[i].reversed_by ? " (undone)" : "");
	}
	if (json)
		json_array_end(stdout, first);
	rc = CLI_OK;
out:
	free(v);
	product_clear(&p);
	db_close(db);
	return rc;
}
