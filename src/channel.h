/*
 * channel.h - sales channels (Shopify stores, WooCommerce stores): adding
 * and removing them, their settings, and their credentials.
 *
 * Credentials go in and, for the sync engine only, come out through
 * channel_credentials(); nothing else reads them, and no listing or
 * struct channel_info carries them.
 */
#ifndef CHANNEL_H
#define CHANNEL_H

#include <stdint.h>

#include "db.h"
#include "err.h"

struct channel_info {
	int64_t	id;
	char	name[64];
	char	type[32];	/* "shopify", "woocommerce" */
	char	base_url[256];	/* https://shop.myshopify.com, no slash */
	int	paused;
	int64_t	buffer_units;	/* keep back this many units */
	int64_t	buffer_pct;	/* and this percentage (0..100) */
	int64_t	cap;		/* show at most this many; -1 for none */
	char	cred_kind[16];	/* "token", "client", "key" or "none" */
	int64_t	last_sync_at;	/* 0 when never */
	char	last_error[256];
};

enum channel_cred_kind {
	CHANNEL_CRED_TOKEN,	/* Shopify access token */
	CHANNEL_CRED_CLIENT,	/* Shopify client id + secret (grant) */
	CHANNEL_CRED_KEY,	/* WooCommerce consumer key + secret */
};

struct channel_creds {
	enum channel_cred_kind	kind;
	char			ident[256];	/* client id / consumer key */
	char			secret[512];
};

/* All channels (not removed) into an array the caller frees. */
int	channel_list(struct db *, struct channel_info **out, int *n,
	    struct err *);
int	channel_find(struct db *, const char *name, struct channel_info *,
	    struct err *);

/*
 * Add a channel. type is "shopify" or "woocommerce"; base_url must be
 * http(s); plain http is allowed only to loopback (tests, the demo).
 */
int	channel_add(struct db *, const char *type, const char *name,
	    const char *base_url, const struct channel_creds *, int64_t *id,
	    struct err *);
int	channel_set_paused(struct db *, const char *name, int paused,
	    struct err *);
int	channel_set_buffer(struct db *, const char *name, int64_t units,
	    int64_t pct, int64_t cap, struct err *);
/*
 * Remove a channel and its credentials. One whose sales are in the
 * ledger is kept, renamed "NAME (removed #ID)", so history still says
 * where each sale came from.
 */
int	channel_remove(struct db *, const char *name, struct err *);

/* The sync engine's read of the secrets; wipe c after use. */
int	channel_credentials(struct db *, int64_t id, struct channel_creds *c,
	    struct err *);
/* Replace a channel's credentials (e.g. a rotated token). */
int	channel_set_credentials(struct db *, const char *name,
	    const struct channel_creds *, struct err *);

/*
 * What a channel should show for an available quantity: minus the
 * buffer (units, then percent of what is left, rounded up so the shop
 * keeps back at least that much), capped, never below zero.
 */
int64_t	channel_quantity_to_show(const struct channel_info *,
	    int64_t available);

#endif
