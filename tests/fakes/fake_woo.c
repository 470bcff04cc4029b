/*
 * fake_woo.c - the fake WooCommerce store as a program, for tests and for
 * `invsync demo`:
 *
 *   fake_woo [--listen 127.0.0.1] [--port 0] [--key ck_... --secret cs_...
 *       [--read-only]] [--version 7.9|9.4] [--seed-products N]
 *
 * Prints "listening on http://ADDR:PORT" once ready and serves until
 * SIGTERM or SIGINT. Without --key it accepts the fixed test keys in
 * woo.h (read_write and read). The store itself is woo.c; start there.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "woo.h"

static volatile sig_atomic_t quit;

static void
on_signal(int sig)
{
	quit = sig;
}

static void
usage(void)
{
	fprintf(stderr, "usage: fake_woo [--listen ADDR] [--port N] "
	    "[--key CK --secret CS [--read-only]] [--version 7.9|9.4] "
	    "[--seed-products N]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct woo		*w;
	struct sigaction	 sa;
	sigset_t		 set, old;
	const char		*addr = "127.0.0.1", *key = NULL;
	const char		*secret = NULL;
	int			 port = 0, seed = 0, ro = 0, bound = 0, i;
	int			 version = WOO_V79;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--read-only") == 0) {
			ro = 1;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--listen") == 0)
			addr = argv[++i];
		else if (strcmp(argv[i], "--port") == 0)
			port = atoi(argv[++i]);
		else if (strcmp(argv[i], "--key") == 0)
			key = argv[++i];
		else if (strcmp(argv[i], "--secret") == 0)
			secret = argv[++i];
		else if (strcmp(argv[i], "--seed-products") == 0)
			seed = atoi(argv[++i]);
		else if (strcmp(argv[i], "--version") == 0) {
			i++;
			if (strcmp(argv[i], "7.9") == 0)
				version = WOO_V79;
			else if (strcmp(argv[i], "9.4") == 0)
				version = WOO_V94;
			else
				usage();
		} else
			usage();
	}
	if ((key == NULL) != (secret == NULL))
		usage();

	/* Webhook receivers may hang up; threads inherit the mask below. */
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, &old);

	w = woo_new();
	woo_set_version(w, version);
	if (key != NULL)
		woo_key_add(w, key, secret, ro ? WOO_READ : WOO_READ_WRITE);
	else {
		woo_key_add(w, WOO_TEST_KEY, WOO_TEST_SECRET, WOO_READ_WRITE);
		woo_key_add(w, WOO_TEST_RO_KEY, WOO_TEST_RO_SECRET, WOO_READ);
	}
	if (seed > 0)
		woo_seed(w, seed);
	if (woo_start(w, addr, port, &bound) != 0) {
		woo_free(w);
		return 1;
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);

	printf(strchr(addr, ':') != NULL ? "listening on http://[%s]:%d\n" :
	    "listening on http://%s:%d\n", addr, bound);
	fflush(stdout);
	while (!quit)
		pause();
	woo_free(w);
	return 0;
}
