/*
 * listing.h - a channel's listings and the invsync product each is
 * linked to: importing a catalogue, linking by SKU then barcode, and the
 * operator's own decisions (link, ignore).
 */
#ifndef LISTING_H
#define LISTING_H

#include <stdint.h>

#include "adapter.h"
#include "db.h"
#include "err.h"

enum listing_opening {
	LISTING_OPENING_INVSYNC,	/* invsync's count stands */
	LISTING_OPENING_CHANNEL,	/* the channel's stock is the count */
};

struct listing {
	int64_t	id;
	char	ext_id[96];
	char	ext_location[96];
	char	sku[64];
	char	title[160];
	char	status[16];	/* linked unmatched duplicate untracked
				   ignored gone */
	char	note[128];
	int	manual;
	char	product_sku[64];	/* "" unless linked */
	int	has_qty;
	int64_t	channel_qty;
};

struct listing_stats {
	int	seen;
	int	linked, newly_linked, unmatched, duplicate, untracked,
		ignored, gone;
	int	opening_counts;	/* counts posted from the channel's stock */
};

/*
 * Read the channel's whole catalogue through a and record it in one
 * transaction. New links take their opening stock as opening says: with
 * LISTING_OPENING_CHANNEL each newly linked product gets a count of the
 * channel's quantity (once: keyed by channel and listing).
 */
int	listing_import(struct db *, struct adapter *, enum listing_opening,
	    const char *user, struct listing_stats *, struct err *);

/* The channel's listings, optionally of one status; caller frees. */
int	listing_list(struct db *, int64_t channel_id, const char *status,
	    struct listing **out, int *n, struct err *);

/* The operator links a listing to a SKU, or sets it aside. */
int	listing_link(struct db *, int64_t channel_id, const char *ext_id,
	    const char *sku, struct err *);
int	listing_ignore(struct db *, int64_t channel_id, const char *ext_id,
	    struct err *);

#endif
