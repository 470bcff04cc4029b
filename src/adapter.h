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

struct adapter;

struct adapter_ops {
	const char	*type;		/* as in sales_channels.type */
	/* Check credentials and permissions; each finding is a diag line. */
	int		(*test)(struct adapter *, struct diags *, struct err *);
	/* Call fn for every listing in the catalogue; fn != 0 stops. */
	int		(*catalogue)(struct adapter *,
			    int (*fn)(const struct ext_listing *, void *),
			    void *arg, struct err *);
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
