/*
 * cli_sync.c - "invsync sync": keep the channels and the ledger in step
 * from the command line, for cron or systemd.
 *
 * --once runs one cycle per channel and exits 0 when every channel
 * synced, 1 when one failed (each failure is said on stderr, and the
 * others still ran). Without it, cycles repeat every --interval seconds
 * until SIGINT or SIGTERM; a cycle in progress finishes first. Only one
 * process syncs a shop at a time (sync_lock).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adapter.h"
#include "channel.h"
#include "cli.h"
#include "money.h"
#include "sync.h"

static volatile sig_atomic_t	stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int
wanted_channel(const char *name, int argc, char **argv)
{
	int	i;

	if (argc <= 1)
		return 1;
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

/* One cycle over the channels; the number that failed. */
static int
cycle(struct db *db, int argc, char **argv)
{
	struct channel_info	*v = NULL;
	struct sync_report	 r;
	struct adapter		*a;
	struct err		 e;
	int			 n = 0, i, failed = 0;

	if (channel_list(db, &v, &n, &e) != 0) {
		fprintf(stderr, "invsync: %s\n", e.msg);
		return 1;
	}
	for (i = 0; i < n && !stop; i++) {
		if (!wanted_channel(v[i].name, argc, argv))
			continue;
		if (v[i].paused) {
			fprintf(stderr, "invsync: %s: paused\n", v[i].name);
			continue;
		}
		if (adapter_open(db, v[i].name, &a, &e) != 0 ||
		    sync_once(db, a, &r, &e) != 0) {
			fprintf(stderr, "invsync: sync %s\n", e.msg);
			failed++;
		} else
			fprintf(stderr, "invsync: %s: %d order lines, %d sales "
			    "(%lld units), %d returns (%lld units), %d pushed"
			    "%s\n", v[i].name, r.lines_seen, r.sales,
			    (long long)r.units_sold, r.returns,
			    (long long)r.units_back, r.pushed, r.unlinked ?
			    ", some lines are of unlinked listings" : "");
		adapter_close(a);
		a = NULL;
	}
	free(v);
	return failed;
}

int
cli_cmd_sync(struct cli *c, int argc, char **argv)
{
	struct sigaction	 sa;
	struct db		*db;
	struct err		 e;
	const char		*iv;
	int64_t			 interval = 10;
	int			 once, bad = 0, fd, failed, i;

	once = cli_opt(&argc, argv, "once", 0, &bad) != NULL;
	if ((iv = cli_opt(&argc, argv, "interval", 1, &bad)) != NULL &&
	    (qty_parse(iv, &interval, &e) != 0 || interval < 1 ||
	    interval > 86400))
		return cli_usage("sync: --interval is 1 to 86400 seconds");
	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "--", 2) == 0)
			bad = 1;
	if (bad)
		return cli_usage("usage: sync [--once] [--interval S] "
		    "[CHANNEL...]");
	if (sync_lock(c->db_path, &fd, &e) != 0)
		return cli_fail(&e);
	if (cli_open(c, 0, &db, &e) != 0) {
		close(fd);
		return cli_fail(&e);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	for (;;) {
		failed = cycle(db, argc, argv);
		if (once || stop)
			break;
		for (i = 0; i < interval && !stop; i++)
			sleep(1);
		if (stop)
			break;
	}
	db_close(db);
	close(fd);
	return failed > 0 ? CLI_REFUSED : CLI_OK;
}
