/*
 * cli_demo.c - "invsync demo [--products N] [--days D] [--seed S]
 * [--no-tui]": build a demo shop in its own database, then open it.
 *
 * The database is --db (or $INVSYNC_DB) when given, else the demo's own
 * file (paths_demo_db()), never the default shop. demo_generate()
 * refuses to overwrite a file that is not an earlier demo, so pointing
 * --db at a real shop fails with exit status 1 and changes nothing.
 *
 * Runs on the CLI's thread. Start at cli_cmd_demo().
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "demo.h"
#include "money.h"
#include "paths.h"
#include "xmalloc.h"

#define DEMO_USAGE "demo [--products N] [--days D] [--seed S] [--no-tui]"

/* An integer option in [lo, hi]; 0 if absent, -1 after a usage error. */
static int
int_opt(int *argc, char **argv, const char *name, int64_t lo, int64_t hi,
    int64_t *out, int *bad)
{
	const char	*v;
	struct err	 e;
	int64_t		 n;

	if ((v = cli_opt(argc, argv, name, 1, bad)) == NULL)
		return 0;
	if (qty_parse(v, &n, &e) != 0 || n < lo || n > hi) {
		fprintf(stderr, "invsync: demo: --%s must be a whole number "
		    "from %" PRId64 " to %" PRId64 ", not '%s'\n", name, lo,
		    hi, v);
		*bad = 1;
		return -1;
	}
	*out = n;
	return 0;
}

/* 1234567 as "1,234,567" into buf. */
static char *
thousands(int64_t n, char *buf, size_t sz)
{
	char	digits[32];
	size_t	len, i, j = 0;

	snprintf(digits, sizeof digits, "%" PRId64, n < 0 ? -n : n);
	len = strlen(digits);
	if (n < 0 && j + 1 < sz)
		buf[j++] = '-';
	for (i = 0; i < len && j + 2 < sz; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	return buf;
}

/* "18 months" for 548 days, "45 days" for short histories. */
static char *
span(int days, char *buf, size_t sz)
{
	int	months;

	if (days < 60) {
		snprintf(buf, sz, "%d day%s", days, days == 1 ? "" : "s");
		return buf;
	}
	months = (int)((days + 15) / 30.44);
	snprintf(buf, sz, "%d months", months);
	return buf;
}

int
cli_cmd_demo(struct cli *c, int argc, char **argv)
{
	struct demo_opts	 o;
	struct demo_stats	 st;
	struct tui_opts		 t;
	struct err		 e;
	char			*path = NULL, nbuf[32], mbuf[32], sbuf[32];
	int64_t			 n;
	int			 bad = 0, no_tui, rc;

	demo_opts_default(&o);
	n = o.products;
	int_opt(&argc, argv, "products", 1, DEMO_MAX_PRODUCTS, &n, &bad);
	o.products = n;
	n = o.days;
	int_opt(&argc, argv, "days", 1, DEMO_MAX_DAYS, &n, &bad);
	o.days = (int)n;
	n = (int64_t)o.seed;
	int_opt(&argc, argv, "seed", 0, INT64_MAX, &n, &bad);
	o.seed = (uint64_t)n;
	no_tui = cli_opt(&argc, argv, "no-tui", 0, &bad) != NULL;
	if (bad)
		return cli_usage("usage: invsync " DEMO_USAGE);
	if (argc > 1)
		return cli_usage("demo: unexpected '%s'; usage: invsync "
		    DEMO_USAGE, argv[1]);

	path = c->db_explicit ? xstrdup(c->db_path) : paths_demo_db();
	if (demo_generate(path, &o, &st, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	fprintf(stderr, "demo: %s products, %s movements, %s, written to %s "
	    "in %.1f s\n", thousands(st.products, nbuf, sizeof nbuf),
	    thousands(st.movements, mbuf, sizeof mbuf),
	    span(o.days, sbuf, sizeof sbuf), path, st.seconds);
	if (no_tui || c->tui == NULL) {
		if (!c->db_explicit)
			fprintf(stderr, "demo: open it with: invsync --db %s\n",
			    path);
		rc = CLI_OK;
		goto out;
	}
	memset(&t, 0, sizeof t);
	t.db_path = path;
	t.user = c->user;
	t.keymap = c->keymap;
	t.theme = c->theme;
	rc = c->tui(&t);
out:
	free(path);
	return rc;
}
