/*
 * channel.h - sales channels (Shopify, WooCommerce stores) as the rest of
 * the app sees them: name, kind, state. The sync engine fills them in.
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
	int	paused;
	int64_t	last_sync_at;	/* 0 when never */
	char	last_error[256];
};

/* All channels into an array the caller frees; *n may be 0. */
int	channel_list(struct db *, struct channel_info **out, int *n,
	    struct err *);

#endif
