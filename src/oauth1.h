/*
 * oauth1.h - one-legged OAuth 1.0a request signatures (RFC 5849 3.4), the
 * scheme WooCommerce requires over plain HTTP: HMAC-SHA1 or HMAC-SHA256
 * over METHOD&enc(base URL)&enc(sorted k=v pairs), keyed
 * "enc(consumer secret)&enc(token secret)", base64-encoded.
 *
 * Pure computation with no state: callable from any thread. Shared by the
 * WooCommerce adapter (signing) and its fake (verifying). Start at
 * oauth1_sign().
 */
#ifndef OAUTH1_H
#define OAUTH1_H

#include <stddef.h>

/* A parameter list; keys and values are held decoded, in arrival order. */
struct oauth1_param {
	char	*key;
	char	*value;
};

struct oauth1_params {
	struct oauth1_param	*v;
	size_t			 n;
	size_t			 cap;
};

void		 oauth1_params_init(struct oauth1_params *);
void		 oauth1_params_free(struct oauth1_params *);
void		 oauth1_params_add(struct oauth1_params *, const char *key,
		     const char *value);
/* Add the pairs of a query string or form body ('+' is a space). */
void		 oauth1_params_parse(struct oauth1_params *, const char *);
/* Add the pairs of an "Authorization: OAuth k="v", ..." header. */
int		 oauth1_params_parse_header(struct oauth1_params *,
		     const char *header);
/* The first value of key, or NULL; owned by the list. */
const char	*oauth1_params_get(const struct oauth1_params *,
		     const char *key);

/* RFC 3986 percent-encoding (unreserved kept); caller frees. */
char		*oauth1_encode(const char *);
/* Percent-decoding; plus nonzero turns '+' into a space. Caller frees. */
char		*oauth1_decode(const char *, size_t len, int plus);

/*
 * The signature base string of a request to url (its query, if any, is
 * ignored: pass those pairs in params). oauth_signature is left out.
 * Caller frees.
 */
char		*oauth1_base_string(const char *method, const char *url,
		     const struct oauth1_params *);

/*
 * The base64 signature of base with sigmethod "HMAC-SHA1" or
 * "HMAC-SHA256"; NULL for any other method. token_secret may be NULL
 * (one-legged). Caller frees.
 */
char		*oauth1_sign(const char *sigmethod, const char *base,
		     const char *consumer_secret, const char *token_secret);

/* Nonzero if a and b are equal; time depends only on the lengths. */
int		 oauth1_equal(const char *a, const char *b);

#endif
