/*
 * fake_shopify.c - a fake Shopify Admin GraphQL server for tests and
 * `invsync demo`:
 *
 *	fake_shopify [--listen 127.0.0.1] [--port 0]
 *	    --schema [VERSION=]FILE.graphql ...
 *	    [--token shpat_...] ... [--client-id ID --client-secret S]
 *	    [--token-lifetime SECONDS] [--bucket 2000 --restore 100]
 *	    [--scopes read_products,...] [--shop-name NAME]
 *
 * Prints exactly one line, "listening on http://ADDR:PORT", once it
 * accepts connections, then serves until SIGINT or SIGTERM. With neither
 * --token nor --client-id it accepts the token shpat_test_token.
 * The store, the API and the control routes are in shopify.c; the HTTP
 * plumbing in fakehttp.c. Start at main().
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fakehttp.h"
#include "shopify.h"

static void
usage(void)
{
	fprintf(stderr, "usage: fake_shopify [--listen ADDR] [--port N] "
	    "--schema [VERSION=]FILE ...\n"
	    "\t[--token T ...] [--client-id ID --client-secret S]\n"
	    "\t[--token-lifetime SECONDS] [--bucket N] [--restore N]\n"
	    "\t[--scopes LIST] [--shop-name NAME]\n");
	exit(2);
}

static long
number(const char *opt, const char *s, long lo, long hi)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "fake_shopify: %s: bad number \"%s\"\n", opt,
		    s);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	struct shopify_opts	 o;
	struct shopify		*sh;
	struct fake_server	*srv;
	const char		*listen = "127.0.0.1", *arg;
	char			*err, *eq;
	sigset_t		 set;
	int			 port = 0, bound = 0, i, sig;

	memset(&o, 0, sizeof o);
	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		arg = argv[i + 1];
		if (strcmp(argv[i], "--listen") == 0)
			listen = arg;
		else if (strcmp(argv[i], "--port") == 0)
			port = (int)number(argv[i], arg, 0, 65535);
		else if (strcmp(argv[i], "--schema") == 0) {
			if (o.nschema == SHOPIFY_MAXSCHEMA)
				usage();
			/* "2026-04=FILE" pins a version; a plain FILE: all. */
			eq = strchr(arg, '=');
			if (eq != NULL && eq - arg == 7 && arg[4] == '-') {
				o.schema_version[o.nschema] = strndup(arg, 7);
				o.schema_path[o.nschema++] = eq + 1;
			} else
				o.schema_path[o.nschema++] = arg;
		} else if (strcmp(argv[i], "--token") == 0) {
			if (o.ntokens == SHOPIFY_MAXTOKENS)
				usage();
			o.tokens[o.ntokens++] = arg;
		} else if (strcmp(argv[i], "--client-id") == 0)
			o.client_id = arg;
		else if (strcmp(argv[i], "--client-secret") == 0)
			o.client_secret = arg;
		else if (strcmp(argv[i], "--token-lifetime") == 0)
			o.token_lifetime = number(argv[i], arg, 1, LONG_MAX);
		else if (strcmp(argv[i], "--bucket") == 0)
			o.bucket = (int)number(argv[i], arg, 1, INT_MAX);
		else if (strcmp(argv[i], "--restore") == 0)
			o.restore = (int)number(argv[i], arg, 1, INT_MAX);
		else if (strcmp(argv[i], "--scopes") == 0)
			o.scopes = arg;
		else if (strcmp(argv[i], "--shop-name") == 0)
			o.shop_name = arg;
		else
			usage();
		i++;
	}
	if (o.nschema == 0)
		usage();
	if (o.ntokens == 0 && o.client_id == NULL)
		o.tokens[o.ntokens++] = "shpat_test_token";

	/* Block the stop signals in every thread; main sigwait()s. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((sh = shopify_new(&o, &err)) == NULL) {
		fprintf(stderr, "fake_shopify: %s\n", err != NULL ? err :
		    "cannot start");
		free(err);
		return 1;
	}
	srv = fake_server_start(listen, port, shopify_handle, shopify_control,
	    sh, &bound);
	if (srv == NULL) {
		shopify_free(sh);
		return 1;
	}
	printf("listening on http://%s:%d\n", listen, bound);
	fflush(stdout);
	while (sigwait(&set, &sig) != 0)
		;
	fake_server_stop(srv);
	shopify_free(sh);
	for (i = 0; i < o.nschema; i++)
		free((char *)o.schema_version[i]);
	return 0;
}
