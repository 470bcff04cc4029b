/*
 * cli_product.c - "invsync init" and "invsync product add|edit|list".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_json.h"
#include "money.h"
#include "product.h"
#include "xmalloc.h"

int
cli_cmd_init(struct cli *c, int argc, char **argv)
{
	struct db	*db;
	struct err	 e;

	if (argc > 1)
		return cli_usage("init: unexpected '%s'", argv[1]);
	if (cli_open(c, DB_CREATE, &db, &e) != 0)
		return cli_fail(&e);
	db_close(db);
	fprintf(stderr, "invsync: shop database ready at %s\n", c->db_path);
	return CLI_OK;
}

/* Options shared by add and edit; sets *fields to those given. */
static int
product_options(int *argc, char **argv, struct product *p, int *fields)
{
	static const struct {
		const char	*name;
		int		 flag;
	} text[] = {
		{ "name", PRODUCT_F_NAME },
		{ "category", PRODUCT_F_CATEGORY },
		{ "barcode", PRODUCT_F_BARCODE },
		{ "parent", PRODUCT_F_PARENT },
		{ "supplier", PRODUCT_F_SUPPLIER },
	};
	struct err	 e;
	const char	*v;
	char		**dst[] = { &p->name, &p->category, &p->barcode,
			    &p->parent_sku, &p->supplier };
	size_t		 i;
	int		 bad = 0;

	for (i = 0; i < sizeof text / sizeof text[0]; i++) {
		if ((v = cli_opt(argc, argv, text[i].name, 1, &bad)) != NULL) {
			free(*dst[i]);
			*dst[i] = xstrdup(v);
			*fields |= text[i].flag;
		}
	}
	if ((v = cli_opt(argc, argv, "price", 1, &bad)) != NULL) {
		if (money_parse(v, &p->price, &e) != 0)
			return cli_usage("--price: %s", e.msg);
		*fields |= PRODUCT_F_PRICE;
	}
	if ((v = cli_opt(argc, argv, "cost", 1, &bad)) != NULL) {
		if (money_parse(v, &p->cost, &e) != 0)
			return cli_usage("--cost: %s", e.msg);
		*fields |= PRODUCT_F_COST;
	}
	if ((v = cli_opt(argc, argv, "reorder-point", 1, &bad)) != NULL) {
		if (strcmp(v, "none") == 0)
			p->reorder_point = -1;
		else if (qty_parse(v, &p->reorder_point, &e) != 0 ||
		    p->reorder_point < 0)
			return cli_usage("--reorder-point: a whole number "
			    ">= 0 or 'none'");
		*fields |= PRODUCT_F_REORDER;
	}
	if ((v = cli_opt(argc, argv, "active", 1, &bad)) != NULL) {
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
			return cli_usage("--active: yes or no");
		p->active = strcmp(v, "yes") == 0;
		*fields |= PRODUCT_F_ACTIVE;
	}
	if (bad)
		return CLI_USAGE;
	for (i = 1; i < (size_t)*argc; i++)
		if (strncmp(argv[i], "--", 2) == 0)
			return cli_usage("product: unknown option '%s'",
			    argv[i]);
	return 0;
}

static int
product_add_cmd(struct cli *c, int argc, char **argv)
{
	struct product	 p = { .reorder_point = -1, .active = 1 };
	struct db	*db = NULL;
	struct err	 e;
	int		 fields = 0, rc;

	if ((rc = product_options(&argc, argv, &p, &fields)) != 0)
		goto out;
	if (argc != 3) {
		rc = cli_usage("usage: product add SKU NAME [options]");
		goto out;
	}
	p.sku = xstrdup(argv[1]);
	free(p.name);
	p.name = xstrdup(argv[2]);
	if (cli_open(c, 0, &db, &e) != 0 || product_add(db, &p, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	fprintf(stderr, "invsync: added %s\n", p.sku);
	rc = CLI_OK;
out:
	db_close(db);
	product_clear(&p);
	return rc;
}

static int
product_edit_cmd(struct cli *c, int argc, char **argv)
{
	struct product	 p = { .reorder_point = -1, .active = 1 };
	struct db	*db = NULL;
	struct err	 e;
	int		 fields = 0, rc;

	if ((rc = product_options(&argc, argv, &p, &fields)) != 0)
		goto out;
	if (argc != 2 || fields == 0) {
		rc = cli_usage("usage: product edit SKU --FIELD VALUE ...");
		goto out;
	}
	if (cli_open(c, 0, &db, &e) != 0 ||
	    product_edit(db, argv[1], &p, fields, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	fprintf(stderr, "invsync: updated %s\n", argv[1]);
	rc = CLI_OK;
out:
	db_close(db);
	product_clear(&p);
	return rc;
}

static int
print_product(const struct product *p, void *arg)
{
	int	*first = arg;
	char	 price[MONEY_BUFSZ], cost[MONEY_BUFSZ];

	if (first != NULL) {
		json_array_item(stdout, json_product(p), first);
		return 0;
	}
	printf("%-16s %-40s %-16s %10s %10s\n", p->sku, p->name,
	    p->category ? p->category : "", money_format(p->price, price),
	    money_format(p->cost, cost));
	return 0;
}

static int
product_list_cmd(struct cli *c, int argc, char **argv)
{
	struct db	*db;
	struct err	 e;
	int		 json, first = 1, bad = 0, rc;

	json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	if (argc != 1 || bad)
		return cli_usage("usage: product list [--json]");
	if (cli_open(c, DB_READONLY, &db, &e) != 0)
		return cli_fail(&e);
	if (!json)
		printf("%-16s %-40s %-16s %10s %10s\n", "SKU", "NAME",
		    "CATEGORY", "PRICE", "COST");
	rc = product_each(db, print_product, json ? &first : NULL, &e);
	if (json)
		json_array_end(stdout, first);
	db_close(db);
	return rc == 0 ? CLI_OK : cli_fail(&e);
}

int
cli_cmd_product(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("usage: product add|edit|list ...");
	if (strcmp(argv[1], "add") == 0)
		return product_add_cmd(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "edit") == 0)
		return product_edit_cmd(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return product_list_cmd(c, argc - 1, argv + 1);
	return cli_usage("product: unknown subcommand '%s'", argv[1]);
}
