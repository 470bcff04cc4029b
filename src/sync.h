/*
 * sync.h - keeping one channel and the ledger in step: a cycle pulls
 * the orders changed since the last one and books what changed, then
 * pushes what each linked listing should show.
 */
#ifndef SYNC_H
#define SYNC_H

#include <stdint.h>

#include "adapter.h"
#include "db.h"
#include "err.h"

/* How far back each pull looks again, past the cursor (seconds). */
#define SYNC_OVERLAP_S 300

struct sync_report {
	int	lines_seen;
	int	sales, returns;		/* movements booked */
	int64_t	units_sold, units_back;
	int	unlinked;		/* lines of listings not linked */
	int	pushed, push_failed;
	char	push_error[160];	/* the first failure */
};

/*
 * Start a channel's order cursor, if it has none, at the newest order
 * now on the channel, taking the lines seen as already in the opening
 * stock: only what happens after linking is booked.
 */
int	sync_seed(struct db *, struct adapter *, struct err *);

/*
 * One cycle. The network is read with no transaction open; what it
 * read is booked in one transaction; a push records what it wants
 * before it sends and what the channel confirmed after.
 */
int	sync_once(struct db *, struct adapter *, struct sync_report *,
	    struct err *);

/*
 * Take the database's sync lock (a lock file beside it, released by the
 * kernel if the holder dies): one sync engine per shop. *fd is kept
 * open while the lock is held. ERR_REFUSED if another process holds it.
 */
int	sync_lock(const char *db_path, int *fd, struct err *);

#endif
