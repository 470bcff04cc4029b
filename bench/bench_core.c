/*
 * bench_core.c - the ledger's speed on a shop database: the invariant
 * check over every movement, and "invsync adjust" end to end as a user
 * would run it (a new process each time).
 *
 * usage: bench_core INVSYNC DB [SKU]
 *
 * The adjustments are +1/-1 pairs with reason "correction", so the shop's
 * stock is unchanged afterwards (the history shows them).
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "check.h"
#include "db.h"

#define NADJUST 50

extern char **environ;

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
run(char *const argv[])
{
	pid_t	pid;
	int	status;

	if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0)
		return -1;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int
main(int argc, char **argv)
{
	struct diags	 d = { 0 };
	struct db	*db;
	struct err	 e;
	double		 t0, lat[NADJUST];
	char		*sku = argc > 3 ? argv[3] : "SKU-000001";
	int		 i;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_core INVSYNC DB [SKU]\n");
		return 2;
	}
	if (db_open(argv[2], 0, &db, &e) != 0) {
		fprintf(stderr, "bench_core: %s\n", e.msg);
		return 1;
	}
	t0 = now_ms();
	if (check_run(db, &d, &e) != 0) {
		fprintf(stderr, "bench_core: %s\n", e.msg);
		return 1;
	}
	printf("check (all invariants)       %.0f ms, %d problems\n",
	    now_ms() - t0, d.n);
	diags_free(&d);
	db_close(db);

	for (i = 0; i < NADJUST; i++) {
		char	*av[] = { argv[1], "--db", argv[2], "adjust", sku,
		    i % 2 ? "-1" : "+1", "--reason", "correction", "--note",
		    "bench", NULL };

		t0 = now_ms();
		if (run(av) != 0) {
			fprintf(stderr, "bench_core: adjust %s failed\n", sku);
			return 1;
		}
		lat[i] = now_ms() - t0;
	}
	qsort(lat, NADJUST, sizeof lat[0], cmp_double);
	printf("invsync adjust, end to end   median %.1f ms  p95 %.1f ms  "
	    "max %.1f ms  (%d runs)\n", lat[NADJUST / 2],
	    lat[NADJUST * 95 / 100], lat[NADJUST - 1], NADJUST);
	return 0;
}
