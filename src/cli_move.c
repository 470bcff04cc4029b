/*
 * cli_move.c - the commands that post movements: adjust, receive, count
 * and undo. Each is one ledger_post() (or ledger_reverse()): one
 * transaction, nothing half-applied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_json.h"
#include "ledger.h"
#include "money.h"
#include "product.h"

static int
no_unknown_options(const char *cmd, int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "--", 2) == 0)
			return cli_usage("%s: unknown option '%s'", cmd,
			    argv[i]);
	return 0;
}

/* Post r for the SKU and report the result; the common tail of each. */
static int
post_for_sku(struct cli *c, const char *sku, struct movement_req *r,
    int json)
{
	struct product	 p = { 0 };
	struct movement	 m;
	struct db	*db = NULL;
	struct err	 e;
	int		 rc;

	r->user = c->user;
	if (cli_open(c, 0, &db, &e) != 0 ||
	    product_get_sku(db, sku, &p, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	r->product_id = p.id;
	if (r->kind == MV_RECEIPT && r->unit_cost < 0)
		r->unit_cost = p.cost;
	if (ledger_post(db, r, &m, &e) != 0) {
		err_prefix(&e, "%s %s: ", ledger_kind_name(r->kind), sku);
		rc = cli_fail(&e);
		goto out;
	}
	if (json)
		json_print(stdout, json_movement(&m, p.sku));
	fprintf(stderr, "invsync: %s %s %+lld%s%s -> %lld on hand "
	    "(movement #%lld)\n", sku, ledger_kind_name(m.kind),
	    (long long)m.qty, r->reason ? " " : "", r->reason ? r->reason : "",
	    (long long)m.on_hand_after, (long long)m.id);
	rc = CLI_OK;
out:
	product_clear(&p);
	db_close(db);
	return rc;
}

int
cli_cmd_adjust(struct cli *c, int argc, char **argv)
{
	struct movement_req	 r = { .kind = MV_ADJUSTMENT, .unit_cost = -1 };
	struct err		 e;
	int			 json, bad = 0, rc;

	r.reason = cli_opt(&argc, argv, "reason", 1, &bad);
	r.note = cli_opt(&argc, argv, "note", 1, &bad);
	r.allow_negative = cli_opt(&argc, argv, "allow-negative", 0, &bad) !=
	    NULL;
	json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	if (bad || (rc = no_unknown_options("adjust", argc, argv)) != 0)
		return CLI_USAGE;
	if (argc != 3)
		return cli_usage("usage: adjust SKU DELTA --reason R "
		    "[--note TEXT]");
	if (r.reason == NULL)
		return cli_usage("adjust: --reason is required (damaged, "
		    "lost, found, returned, correction, other)");
	if (!ledger_reason_valid(r.reason))
		return cli_usage("adjust: unknown reason '%s' (damaged, lost, "
		    "found, returned, correction, other)", r.reason);
	if (qty_parse(argv[2], &r.qty, &e) != 0)
		return cli_usage("adjust: %s", e.msg);
	if (r.qty == 0)
		return cli_usage("adjust: DELTA must not be 0");
	return post_for_sku(c, argv[1], &r, json);
}

int
cli_cmd_receive(struct cli *c, int argc, char **argv)
{
	struct movement_req	 r = { .kind = MV_RECEIPT, .unit_cost = -1 };
	struct err		 e;
	const char		*cost;
	int			 json, bad = 0;

	cost = cli_opt(&argc, argv, "cost", 1, &bad);
	r.note = cli_opt(&argc, argv, "note", 1, &bad);
	r.allow_negative = 1;
	json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	if (bad || no_unknown_options("receive", argc, argv) != 0)
		return CLI_USAGE;
	if (argc != 3)
		return cli_usage("usage: receive SKU QTY [--cost C]");
	if (qty_parse(argv[2], &r.qty, &e) != 0)
		return cli_usage("receive: %s", e.msg);
	if (r.qty <= 0)
		return cli_usage("receive: QTY must be positive");
	if (cost != NULL && (money_parse(cost, &r.unit_cost, &e) != 0 ||
	    r.unit_cost < 0))
		return cli_usage("receive: --cost: %s", e.msg);
	return post_for_sku(c, argv[1], &r, json);
}

int
cli_cmd_count(struct cli *c, int argc, char **argv)
{
	struct movement_req	 r = { .kind = MV_COUNT, .unit_cost = -1 };
	struct err		 e;
	int			 json, bad = 0;

	r.note = cli_opt(&argc, argv, "note", 1, &bad);
	json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	if (bad || no_unknown_options("count", argc, argv) != 0)
		return CLI_USAGE;
	if (argc != 3)
		return cli_usage("usage: count SKU QTY");
	if (qty_parse(argv[2], &r.counted, &e) != 0)
		return cli_usage("count: %s", e.msg);
	if (r.counted < 0)
		return cli_usage("count: QTY cannot be negative");
	return post_for_sku(c, argv[1], &r, json);
}

int
cli_cmd_undo(struct cli *c, int argc, char **argv)
{
	struct movement	 m;
	struct db	*db;
	struct err	 e;
	int64_t		 id;
	int		 json, bad = 0;

	json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	if (bad || no_unknown_options("undo", argc, argv) != 0)
		return CLI_USAGE;
	if (argc != 2 || qty_parse(argv[1], &id, &e) != 0 || id <= 0)
		return cli_usage("usage: undo MOVEMENT-ID");
	if (cli_open(c, 0, &db, &e) != 0)
		return cli_fail(&e);
	if (ledger_reverse(db, id, c->user, &m, &e) != 0) {
		db_close(db);
		return cli_fail(&e);
	}
	db_close(db);
	if (json)
		json_print(stdout, json_movement(&m, NULL));
	fprintf(stderr, "invsync: undid movement #%lld with #%lld (%+lld) -> "
	    "%lld on hand\n", (long long)id, (long long)m.id,
	    (long long)m.qty, (long long)m.on_hand_after);
	return CLI_OK;
}
