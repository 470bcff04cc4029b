/*
 * adapter.h - what every sales-channel adapter provides, so a new channel
 * is one file in src/channels/ plus one line in adapter.c's table.
 *
 * An adapter speaks one platform's API (REST, GraphQL) over struct http
 * and turns it into plain structs; it never touches the database. The
 * listing and sync code above it decides what to do with what it reads.
 * One struct adapter per thread.
 */
#ifndef ADAPTER_H
#define ADAPTER_H

#include <stdint.h>

#include "channel.h"
#include "db.h"
#include "diag.h"
#include "err.h"
#include "http.h"

/* One thing on a channel that holds stock, as its catalogue shows it. */
struct ext_listing {
	char	ext_id[96];	/* the stock holder: "123", "39/40", a GID */
	char	ext_location[96];	/* "" where stock has no location */
	char	sku[64];	/* "" when the channel has none */
	char	barcode[32];
	char	title[160];
	int	tracked;	/* the channel counts its stock */
	char	untracked_why[96];	/* when not tracked: why, in words */
	int	has_qty;
	int64_t	qty;		/* available, as the channel says */
};

/*
 * One order line as it stands on the channel now. deducted is how many
 * units the channel's own stock is down for it at this moment (after
 * cancels, refunds with restock, edits); sync books only its changes.
 */
struct ext_order_line {
	char	order_id[32];
	char	order_name[32];		/* what the shop calls it: "#38" */
	char	line_id[32];
	char	ext_id[96];		/* the listing sold */
	int64_t	deducted;
	char	modified[24];		/* the order's last change, server time */
};

/* One absolute stock level to set; the adapter fills the outcome. */
struct ext_push {
	char	ext_id[96];
	int64_t	qty;
	int	ok;
	int64_t	result;			/* the level the channel now shows */
	char	error[160];
};

struct adapter;

struct adapter_ops {
	const char	*type;		/* as in sales_channels.type */
	/* Check credentials and permissions; each finding is a diag line. */
	int		(*test)(struct adapter *, struct diags *, struct err *);
	/* Call fn for every listing in the catalogue; fn != 0 stops. */
	int		(*catalogue)(struct adapter *,
			    int (*fn)(const struct ext_listing *, void *),
			    void *arg, struct err *);
	/*
	 * Every line of the orders changed after since (server time "" for
	 * all); latest gets the newest change seen (24 bytes).
	 */
	int		(*orders)(struct adapter *, const char *since,
			    int (*fn)(const struct ext_order_line *, void *),
			    void *arg, char *latest, struct err *);
	/* Set absolute levels; -1 only when no outcome is known at all. */
	int		(*push)(struct adapter *, struct ext_push *, int n,
			    struct err *);
};

struct adapter {
	const struct adapter_ops	*ops;
	struct channel_info		 ch;
	struct channel_creds		 creds;	/* wiped by adapter_close */
	struct http			*http;
	uint64_t			 seed;	/* nonces, jitter */
};

/* The adapter for a channel, with its credentials loaded. */
int	adapter_open(struct db *, const char *channel, struct adapter **,
	    struct err *);
void	adapter_close(struct adapter *);

/* n random bytes (n <= 64) as hex into buf (2 * n + 1 bytes). */
void	adapter_nonce(struct adapter *, char *buf, size_t n);

extern const struct adapter_ops woocommerce_ops;

#endif
