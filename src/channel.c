/*
 * channel.c - listing sales channels (see channel.h).
 */
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "dbi.h"
#include "stock.h"
#include "xmalloc.h"

int
channel_list(struct db *db, struct channel_info **out, int *n, struct err *e)
{
	sqlite3_stmt		*st;
	struct channel_info	*v = NULL, *c;
	const char		*s;
	int			 rc, cap = 0;

	*out = NULL;
	*n = 0;
	st = db_prepare(db, "SELECT id, name, type, paused, "
	    "coalesce(last_sync_at, 0), coalesce(last_error, '') "
	    "FROM sales_channels ORDER BY name", e);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		c = &v[(*n)++];
		memset(c, 0, sizeof *c);
		c->id = sqlite3_column_int64(st, 0);
		if ((s = (const char *)sqlite3_column_text(st, 1)) != NULL)
			utf8_copy(c->name, s, sizeof c->name);
		if ((s = (const char *)sqlite3_column_text(st, 2)) != NULL)
			utf8_copy(c->type, s, sizeof c->type);
		c->paused = sqlite3_column_int(st, 3);
		c->last_sync_at = sqlite3_column_int64(st, 4);
		if ((s = (const char *)sqlite3_column_text(st, 5)) != NULL)
			utf8_copy(c->last_error, s, sizeof c->last_error);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*n = 0;
		return db_fail(db, e, "list channels");
	}
	*out = v;
	return 0;
}
