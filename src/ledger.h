/*
 * ledger.h - stock movements: the append-only history every level comes
 * from.
 *
 * A movement is posted with ledger_post(): inside one BEGIN IMMEDIATE
 * transaction it appends the movement row and moves the product's level
 * at that location with UPDATE ... SET on_hand = on_hand + ?, so no
 * concurrent writer's change is lost. An idempotency key, when given, is
 * UNIQUE: posting the same external event twice applies it once.
 *
 * Movements are never edited or deleted; ledger_reverse() undoes one by
 * appending its opposite.
 */
#ifndef LEDGER_H
#define LEDGER_H

#include <stdint.h>

#include "db.h"
#include "err.h"

enum mv_kind {
	MV_SALE,
	MV_RECEIPT,
	MV_ADJUSTMENT,
	MV_COUNT,
	MV_RETURN,
	MV_TRANSFER,
	MV_OPENING,
	MV_NKINDS
};

/* Reasons an adjustment may give; the list is fixed. */
extern const char *const ledger_reasons[];	/* NULL-terminated */

#define LEDGER_DEFAULT_LOCATION 1

struct movement_req {
	int64_t		 product_id;
	int64_t		 location_id;	/* 0 means the default location */
	enum mv_kind	 kind;
	int64_t		 qty;		/* change of on_hand (not for COUNT) */
	int64_t		 counted;	/* COUNT: the quantity found */
	int64_t		 unit_cost;	/* minor units; -1 when none */
	const char	*reason;	/* ADJUSTMENT: one of ledger_reasons */
	const char	*note;		/* free text; NULL for none */
	const char	*user;		/* who; NULL means "unknown" */
	const char	*idem_key;	/* NULL for none */
	const char	*ext_ref;	/* e.g. an order line; NULL for none */
	int64_t		 channel_id;	/* 0 for the shop floor */
	int64_t		 created_at;	/* unix seconds; 0 means now */
	int		 allow_negative;
};

struct movement {
	int64_t		 id;
	int64_t		 product_id;
	int64_t		 location_id;
	enum mv_kind	 kind;
	int64_t		 qty;
	int64_t		 counted;	/* -1 unless COUNT */
	int64_t		 unit_cost;	/* -1 when none */
	char		 reason[16];
	char		 note[256];
	char		 user[64];
	char		 ext_ref[128];
	int64_t		 reverses;	/* id undone by this one, 0 if none */
	int64_t		 reversed_by;	/* id that undid this one, 0 if none */
	int64_t		 created_at;
	int64_t		 on_hand_after;	/* ledger_post() result only */
};

const char	*ledger_kind_name(enum mv_kind);
int		 ledger_kind_parse(const char *, enum mv_kind *);
int		 ledger_reason_valid(const char *);

/*
 * Post one movement. On success out (may be NULL) holds the row written,
 * with on_hand_after. If the idempotency key was already used, nothing is
 * applied, out holds the earlier movement and the call fails with
 * ERR_CONFLICT. A COUNT whose counted quantity equals on_hand still
 * writes a zero movement: the count itself is history.
 */
int	ledger_post(struct db *, const struct movement_req *,
	    struct movement *out, struct err *);

/*
 * A batch posts many movements inside a transaction the caller holds
 * (db_begin()), for imports. Each level touched is read once, under the
 * write lock, and kept in memory; each movement is then a single INSERT,
 * and ledger_batch_flush() moves every touched level by the sum of its
 * movements with UPDATE ... SET on_hand = on_hand + ?. A failing post
 * writes nothing and leaves the batch usable. Flush before db_commit();
 * after db_rollback() just free it.
 */
struct ledger_batch;

struct ledger_batch	*ledger_batch_new(struct db *);
int			 ledger_batch_post(struct ledger_batch *,
			     const struct movement_req *, struct movement *out,
			     struct err *);
int			 ledger_batch_flush(struct ledger_batch *,
			     struct err *);
void			 ledger_batch_free(struct ledger_batch *);

/* Append the reverse of movement id (once only; ERR_REFUSED after). */
int	ledger_reverse(struct db *, int64_t id, const char *user,
	    struct movement *out, struct err *);

/*
 * The newest movements of a product, newest first, into an array the
 * caller frees; *n is set. before_id > 0 pages back from that id.
 */
int	ledger_history(struct db *, int64_t product_id, int64_t before_id,
	    int limit, struct movement **out, int *n, struct err *);

/*
 * Units sold per day for the last ndays days ending today (index ndays-1
 * is today), from sale and return movements. Fills out[ndays].
 */
int	ledger_daily_sales(struct db *, int64_t product_id, int ndays,
	    int64_t *out, struct err *);

#endif
