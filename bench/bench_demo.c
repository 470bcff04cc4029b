/*
 * bench_demo.c - how fast the demo generator builds a big shop.
 *
 *	bench_demo [-p PRODUCTS] [-d DAYS] [-s SEED] [-o FILE]
 *
 * Defaults to 100,000 products and 730 days (the benchmark shop,
 * target: under 60 s) in a temporary directory that is removed after;
 * with -o the database is kept at FILE (which must not exist, or be an
 * earlier demo). Prints products, movements, seconds, movements per
 * second and the file size. The demo ends at clock_now(), so set
 * INVSYNC_NOW for identical runs.
 */
#include <sys/stat.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "demo.h"
#include "xmalloc.h"

static void
usage(void)
{
	fprintf(stderr, "usage: bench_demo [-p PRODUCTS] [-d DAYS] [-s SEED] "
	    "[-o FILE]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct demo_opts	 o;
	struct demo_stats	 st;
	struct err		 e;
	struct stat		 sb;
	const char		*tmpdir;
	char			*dir = NULL, *path = NULL;
	int			 ch, rc = 1;

	demo_opts_default(&o);
	o.products = 100000;
	o.days = 730;
	while ((ch = getopt(argc, argv, "p:d:s:o:")) != -1) {
		switch (ch) {
		case 'p':
			o.products = strtoll(optarg, NULL, 10);
			break;
		case 'd':
			o.days = atoi(optarg);
			break;
		case 's':
			o.seed = strtoull(optarg, NULL, 10);
			break;
		case 'o':
			path = xstrdup(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (path == NULL) {
		if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
			tmpdir = "/tmp";
		dir = xasprintf("%s/bench_demo.XXXXXX", tmpdir);
		if (mkdtemp(dir) == NULL) {
			perror(dir);
			goto out;
		}
		path = xasprintf("%s/demo.db", dir);
	}

	if (demo_generate(path, &o, &st, &e) != 0) {
		fprintf(stderr, "bench_demo: %s\n", e.msg);
		goto out;
	}
	if (stat(path, &sb) != 0)
		sb.st_size = 0;
	printf("products     %" PRId64 "\n", st.products);
	printf("days         %d\n", o.days);
	printf("movements    %" PRId64 "\n", st.movements);
	printf("seconds      %.2f (target < 60 for 100000 x 730)\n",
	    st.seconds);
	printf("movements/s  %.0f\n", (double)st.movements / st.seconds);
	printf("file MB      %.1f\n", (double)sb.st_size / 1e6);
	rc = 0;
out:
	if (dir != NULL) {
		if (path != NULL)
			unlink(path);
		rmdir(dir);
	}
	free(path);
	free(dir);
	return rc;
}
