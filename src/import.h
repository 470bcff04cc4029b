/*
 * import.h - loading products and stock movements from CSV files.
 *
 * An import is one transaction: either every good row is applied or none
 * is. The file formats are described at the top of import.c.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "err.h"

#define IMPORT_REPORT_MAX 20	/* bad rows listed before "and N more" */

struct import_opts {
	const char	*user;		/* movements without a user column */
	int		 skip_bad;	/* apply good rows, write out bad */
	int		 allow_negative; /* below zero allowed */
	const char	*rejects;	/* NULL: FILE.rejects.csv beside FILE */
	FILE		*report;	/* "FILE:LINE: why" lines; NULL: none */
	int		 report_max;	/* 0: IMPORT_REPORT_MAX */
};

struct import_stats {
	int64_t		 rows;		/* data rows read (blank ones not) */
	int64_t		 applied;	/* rows that changed the database */
	int64_t		 created;	/* products: new SKUs */
	int64_t		 updated;	/* products: existing SKUs */
	int64_t		 bad;		/* rows refused */
	int64_t		 already;	/* stock: ref applied by an earlier
					   import (or earlier in the file) */
	char		 rejects[1024];	/* the rejects file written, or "" */
};

/*
 * Import path. Returns 0 when the import was committed (with skip_bad,
 * perhaps leaving bad rows out); -1 otherwise, with nothing applied and e
 * saying why: ERR_REFUSED for a bad file or bad rows (each bad row has
 * been written to o->report), ERR_SYSTEM when the database or the disk
 * failed. A file with a header and no rows imports nothing and returns 0.
 */
int	import_products(struct db *, const char *path,
	    const struct import_opts *, struct import_stats *, struct err *);
int	import_stock(struct db *, const char *path,
	    const struct import_opts *, struct import_stats *, struct err *);

/*
 * Parse an ISO 8601 time: "2026-11-30", "2026-11-30T14:05", "...:00",
 * with "Z" or "+01:00" (no zone means UTC). Returns 0 or -1.
 */
int	import_parse_time(const char *, int64_t *);

#endif
