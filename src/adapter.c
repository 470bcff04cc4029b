/*
 * adapter.c - the table of channel adapters and what they share: opening
 * one for a channel with its credentials, and nonces.
 *
 * To add a channel: write src/channels/NAME.c exporting its
 * struct adapter_ops, and list it in adapters[] below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "adapter.h"
#include "xmalloc.h"

static const struct adapter_ops *const adapters[] = {
	&woocommerce_ops,
	NULL
};

int
adapter_open(struct db *db, const char *channel, struct adapter **out,
    struct err *e)
{
	struct adapter	*a;
	struct timespec	 ts;
	int		 i;

	*out = NULL;
	a = xcalloc(1, sizeof *a);
	if (channel_find(db, channel, &a->ch, e) != 0)
		goto fail;
	for (i = 0; adapters[i] != NULL; i++)
		if (strcmp(adapters[i]->type, a->ch.type) == 0)
			a->ops = adapters[i];
	if (a->ops == NULL) {
		err_set(e, ERR_REFUSED, "%s: %s channels are not supported "
		    "yet", channel, a->ch.type);
		goto fail;
	}
	if (channel_credentials(db, a->ch.id, &a->creds, e) != 0)
		goto fail;
	if (http_init(e) != 0)
		goto fail;
	if ((a->http = http_new()) == NULL) {
		err_set(e, ERR_SYSTEM, "cannot start an HTTP client");
		goto fail;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	a->seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
	    ((uint64_t)getpid() << 40) ^ (uint64_t)(uintptr_t)a;
	*out = a;
	return 0;
fail:
	adapter_close(a);
	return -1;
}

void
adapter_close(struct adapter *a)
{
	if (a == NULL)
		return;
	http_free(a->http);
	/* The secret should not outlive its use in freed memory. */
	memset(&a->creds, 0, sizeof a->creds);
	free(a);
}

void
adapter_nonce(struct adapter *a, char *buf, size_t n)
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		raw[64];
	uint64_t		x;
	size_t			i;

	if (n > sizeof raw)
		n = sizeof raw;
	/* The kernel's randomness; a seeded mix only if that fails. */
	if (getrandom(raw, n, 0) != (ssize_t)n) {
		for (i = 0; i < n; i++) {
			a->seed += 0x9e3779b97f4a7c15ULL;
			x = a->seed;
			x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
			x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
			raw[i] = (unsigned char)(x ^ (x >> 31));
		}
	}
	for (i = 0; i < n; i++) {
		buf[2 * i] = hex[raw[i] >> 4];
		buf[2 * i + 1] = hex[raw[i] & 15];
	}
	buf[2 * n] = '\0';
}
