/*
 * http.h - HTTP requests for the channel adapters, through libcurl.
 *
 * One struct http per thread (it owns a curl easy handle, which keeps
 * connections alive between requests). A request either gets a response,
 * whatever its status, or fails in transport (refused, timed out, cut),
 * and says which. Nothing here logs: URLs and headers may carry secrets,
 * so callers log through redact_url().
 */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct http_request {
	const char		*method;	/* "GET", "POST", "PUT" */
	const char		*url;
	const char *const	*headers;	/* "Name: value", NULL-ended */
	const char		*body;		/* NULL for none */
	size_t			 bodylen;
	const char		*basic_user;	/* Basic auth, or NULL */
	const char		*basic_pass;
	long			 timeout_ms;	/* 0: 30 s */
};

struct http_response {
	long	 status;
	char	*body;		/* NUL-terminated; owned */
	size_t	 len;
	char	**names;	/* header names and values; owned */
	char	**values;
	int	 nheaders;
};

struct http;

/*
 * Load and start libcurl: once, before any thread that uses HTTP starts
 * (http_new() calls it if nobody did, which is fine on one thread).
 */
int		 http_init(struct err *);
/* NULL if libcurl cannot be loaded. */
struct http	*http_new(void);
void		 http_free(struct http *);

/*
 * Send the request. 0 when a response came back (check r->status);
 * -1 with ERR_SYSTEM when none did. The body is capped at 64 MB.
 */
int		 http_do(struct http *, const struct http_request *,
		     struct http_response *r, struct err *);
void		 http_response_clear(struct http_response *);
/* A response header (case-insensitive name; the last one wins), or NULL. */
const char	*http_header(const struct http_response *, const char *name);

/*
 * The wait a Retry-After header asks for, in milliseconds: seconds or an
 * HTTP date (relative to now, unix seconds). -1 if absent or unreadable.
 */
int64_t		 http_retry_after_ms(const char *value, int64_t now);

/*
 * Exponential backoff with full jitter: a random wait in
 * [0, min(cap, base * 2^attempt)] milliseconds. seed is the caller's
 * PRNG state (any non-zero start), so threads need no shared state.
 */
int64_t		 http_backoff_ms(int attempt, int64_t base_ms, int64_t cap_ms,
		     uint64_t *seed);

/*
 * A copy of url safe to log: the values of credential-like query
 * parameters (consumer_key, consumer_secret, oauth_*, access_token, key,
 * secret, token, password, signature) and any user:password@ are
 * replaced by "REDACTED". Also works on a whole Link header. Caller frees.
 */
char		*redact_url(const char *url);

#endif
