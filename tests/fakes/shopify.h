/*
 * shopify.h - the fake Shopify store: locations, products, variants,
 * inventory items and levels, orders, refunds, tokens, cost buckets,
 * idempotency records and webhook deliveries, served as the Admin
 * GraphQL API (shopify_handle) and changed by tests through the control
 * routes under /_fake/ (shopify_control). See shopify.c.
 *
 * Both handlers run under fakehttp's server mutex; the webhook sender is
 * a thread of its own that only touches the delivery queue.
 */
#ifndef SHOPIFY_H
#define SHOPIFY_H

#include "fakehttp.h"

#define SHOPIFY_MAXSCHEMA	8
#define SHOPIFY_MAXTOKENS	16

struct shopify_opts {
	/* SDL files; version NULL: the schema for every version. */
	const char	*schema_path[SHOPIFY_MAXSCHEMA];
	const char	*schema_version[SHOPIFY_MAXSCHEMA];
	int		 nschema;
	const char	*tokens[SHOPIFY_MAXTOKENS];	/* permanent tokens */
	int		 ntokens;
	const char	*client_id;	/* NULL: no client-credentials grant */
	const char	*client_secret;	/* also signs webhooks */
	long		 token_lifetime;	/* seconds; 0: 86399 */
	int		 bucket;		/* 0: 2000 */
	int		 restore;		/* 0: 100 per second */
	const char	*shop_name;		/* NULL: "invsync demo shop" */
	const char	*scopes;		/* comma-separated; NULL: all */
};

struct shopify;

/* NULL with *errp set (caller frees) if a schema does not load. */
struct shopify	*shopify_new(const struct shopify_opts *, char **errp);
void		 shopify_free(struct shopify *);

/* fake_handler for /admin/...: GraphQL and the token endpoint. */
void		 shopify_handle(void *, const struct fake_req *,
		    struct fake_resp *);
/* fake_handler for /_fake/...: test control routes. */
void		 shopify_control(void *, const struct fake_req *,
		    struct fake_resp *);

#endif
