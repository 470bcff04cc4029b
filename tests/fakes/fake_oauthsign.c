/*
 * fake_oauthsign.c - sign a URL with one-legged OAuth 1.0a, as the
 * WooCommerce adapter does, so shell tests can talk to fake_woo over
 * plain HTTP:
 *
 *   fake_oauthsign [--sha1] [--nonce N] [--timestamp T] [--body FORM]
 *       METHOD URL KEY SECRET
 *
 * Prints URL with the oauth_* parameters appended. The query already in
 * URL (and a form body, if given) is signed too. Uses src/oauth1.c;
 * everything happens in main().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "oauth1.h"

static void
usage(void)
{
	fprintf(stderr, "usage: fake_oauthsign [--sha1] [--nonce N] "
	    "[--timestamp T] [--body FORM] METHOD URL KEY SECRET\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct oauth1_params	 ps;
	const char		*method, *url, *key, *secret, *q;
	const char		*nonce = NULL, *body = NULL;
	const char		*sigmethod = "HMAC-SHA256";
	char			 ts[32], nbuf[33], *base, *sig, *e;
	unsigned char		 rb[16];
	long long		 t = (long long)time(NULL);
	int			 i;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--sha1") == 0)
			sigmethod = "HMAC-SHA1";
		else if (strcmp(argv[i], "--nonce") == 0 && i + 1 < argc)
			nonce = argv[++i];
		else if (strcmp(argv[i], "--timestamp") == 0 && i + 1 < argc)
			t = strtoll(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--body") == 0 && i + 1 < argc)
			body = argv[++i];
		else
			usage();
	}
	if (argc - i != 4)
		usage();
	method = argv[i];
	url = argv[i + 1];
	key = argv[i + 2];
	secret = argv[i + 3];

	if (nonce == NULL) {
		if (RAND_bytes(rb, sizeof rb) != 1)
			return 1;
		for (i = 0; i < 16; i++)
			snprintf(nbuf + 2 * i, 3, "%02x", rb[i]);
		nonce = nbuf;
	}
	snprintf(ts, sizeof ts, "%lld", t);

	oauth1_params_init(&ps);
	if ((q = strchr(url, '?')) != NULL)
		oauth1_params_parse(&ps, q + 1);
	if (body != NULL)
		oauth1_params_parse(&ps, body);
	oauth1_params_add(&ps, "oauth_consumer_key", key);
	oauth1_params_add(&ps, "oauth_nonce", nonce);
	oauth1_params_add(&ps, "oauth_signature_method", sigmethod);
	oauth1_params_add(&ps, "oauth_timestamp", ts);
	base = oauth1_base_string(method, url, &ps);
	if ((sig = oauth1_sign(sigmethod, base, secret, NULL)) == NULL)
		return 1;

	printf("%s%s", url, q != NULL ? "&" : "?");
	e = oauth1_encode(key);
	printf("oauth_consumer_key=%s", e);
	free(e);
	e = oauth1_encode(nonce);
	printf("&oauth_nonce=%s&oauth_signature_method=%s&oauth_timestamp=%s",
	    e, sigmethod, ts);
	free(e);
	e = oauth1_encode(sig);
	printf("&oauth_signature=%s\n", e);
	free(e);
	free(sig);
	free(base);
	oauth1_params_free(&ps);
	return 0;
}
