/*
 * demo.h - a believable demo shop, generated into its own database.
 *
 * The demo never touches a real shop: demo_generate() writes only a file
 * that does not exist yet or that an earlier demo wrote (meta demo_seed),
 * and replaces it atomically. The same options and seed always give the
 * same database.
 */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>

#include "err.h"

#define DEMO_PRODUCTS		200
#define DEMO_DAYS		548	/* 18 months */
#define DEMO_SEED		1
#define DEMO_MAX_PRODUCTS	2000000
#define DEMO_MAX_DAYS		3660	/* ten years */

struct demo_opts {
	int64_t		products;
	int		days;		/* of history, today included */
	uint64_t	seed;
	int64_t		end_time;	/* unix seconds: the demo's "now" */
};

struct demo_stats {
	int64_t		products;
	int64_t		movements;
	double		seconds;	/* wall time of demo_generate() */
};

/* The defaults above, ending at clock_now(). */
void	demo_opts_default(struct demo_opts *);

/*
 * Generate a demo shop at path. Fails with ERR_REFUSED, leaving the file
 * as it was, if path exists and is not an earlier demo; ERR_USAGE for
 * options out of range. stats may be NULL.
 */
int	demo_generate(const char *path, const struct demo_opts *,
	    struct demo_stats *, struct err *);

/* 1 if path holds a database an earlier demo_generate() wrote. */
int	demo_is_demo(const char *path);

#endif
