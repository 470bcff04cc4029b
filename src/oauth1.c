/*
 * oauth1.c - one-legged OAuth 1.0a signatures (see oauth1.h).
 *
 * Owns nothing beyond the strings it returns; no state, any thread.
 * Start at oauth1_base_string(), then oauth1_sign().
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "oauth1.h"
#include "xmalloc.h"

void
oauth1_params_init(struct oauth1_params *ps)
{
	memset(ps, 0, sizeof *ps);
}

void
oauth1_params_free(struct oauth1_params *ps)
{
	size_t	i;

	for (i = 0; i < ps->n; i++) {
		free(ps->v[i].key);
		free(ps->v[i].value);
	}
	free(ps->v);
	memset(ps, 0, sizeof *ps);
}

void
oauth1_params_add(struct oauth1_params *ps, const char *key,
    const char *value)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap == 0 ? 16 : ps->cap * 2;
		ps->v = xreallocarray(ps->v, ps->cap, sizeof *ps->v);
	}
	ps->v[ps->n].key = xstrdup(key);
	ps->v[ps->n].value = xstrdup(value);
	ps->n++;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
oauth1_decode(const char *s, size_t n, int plus)
{
	char	*out = xmalloc(n + 1), *o = out;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			*o++ = (char)(hexval((unsigned char)s[i + 1]) * 16 +
			    hexval((unsigned char)s[i + 2]));
			i += 2;
		} else if (plus && s[i] == '+')
			*o++ = ' ';
		else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

void
oauth1_params_parse(struct oauth1_params *ps, const char *s)
{
	const char	*amp, *eq;
	char		*k, *v;
	size_t		 n;

	while (s != NULL && *s != '\0') {
		amp = strchr(s, '&');
		n = amp != NULL ? (size_t)(amp - s) : strlen(s);
		if (n != 0) {
			eq = memchr(s, '=', n);
			if (eq != NULL) {
				k = oauth1_decode(s, (size_t)(eq - s), 1);
				v = oauth1_decode(eq + 1,
				    n - (size_t)(eq + 1 - s), 1);
			} else {
				k = oauth1_decode(s, n, 1);
				v = xstrdup("");
			}
			oauth1_params_add(ps, k, v);
			free(k);
			free(v);
		}
		s = amp != NULL ? amp + 1 : NULL;
	}
}

int
oauth1_params_parse_header(struct oauth1_params *ps, const char *h)
{
	const char	*k, *v;
	char		*key, *value;
	size_t		 kn;

	while (isspace((unsigned char)*h))
		h++;
	if (strncasecmp(h, "OAuth", 5) != 0 ||
	    (h[5] != '\0' && !isspace((unsigned char)h[5])))
		return -1;
	h += 5;
	for (;;) {
		while (isspace((unsigned char)*h) || *h == ',')
			h++;
		if (*h == '\0')
			return 0;
		k = h;
		while (*h != '\0' && *h != '=' && *h != ',' &&
		    !isspace((unsigned char)*h))
			h++;
		kn = (size_t)(h - k);
		if (*h != '=')
			return -1;
		h++;
		if (*h == '"') {
			v = ++h;
			while (*h != '\0' && *h != '"')
				h++;
			if (*h != '"')
				return -1;
		} else {
			v = h;
			while (*h != '\0' && *h != ',' &&
			    !isspace((unsigned char)*h))
				h++;
		}
		key = oauth1_decode(k, kn, 0);
		value = oauth1_decode(v, (size_t)(h - v), 0);
		if (strcasecmp(key, "realm") != 0)
			oauth1_params_add(ps, key, value);
		free(key);
		free(value);
		if (*h == '"')
			h++;
	}
}

const char *
oauth1_params_get(const struct oauth1_params *ps, const char *key)
{
	size_t	i;

	for (i = 0; i < ps->n; i++) {
		if (strcmp(ps->v[i].key, key) == 0)
			return ps->v[i].value;
	}
	return NULL;
}

char *
oauth1_encode(const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			*out = xmalloc(strlen(s) * 3 + 1), *o = out;
	unsigned char		 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '.' || c == '_' ||
		    c == '~')
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* A growing string. */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static void
buf_add(struct buf *b, const char *s)
{
	size_t	n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

struct pair {
	char	*k;
	char	*v;
};

static int
pair_cmp(const void *a, const void *b)
{
	const struct pair	*pa = a, *pb = b;
	int			 c;

	if ((c = strcmp(pa->k, pb->k)) != 0)
		return c;
	return strcmp(pa->v, pb->v);
}

/* scheme://host[:port]/path, lower-cased, default port and query gone. */
static char *
base_url(const char *url)
{
	const char	*p, *host, *end;
	struct buf	 b = { NULL, 0, 0 };
	char		*s;
	size_t		 i, hn;
	int		 https;

	if ((p = strstr(url, "://")) == NULL)
		return xstrdup(url);
	https = (size_t)(p - url) == 5 && strncasecmp(url, "https", 5) == 0;
	s = xmalloc((size_t)(p - url) + 4);
	for (i = 0; url + i < p; i++)
		s[i] = (char)tolower((unsigned char)url[i]);
	memcpy(s + i, "://", 4);
	buf_add(&b, s);
	free(s);
	host = p + 3;
	end = host + strcspn(host, "/?#");
	hn = (size_t)(end - host);
	if (hn > 3 && !https && strncmp(end - 3, ":80", 3) == 0)
		hn -= 3;
	else if (hn > 4 && https && strncmp(end - 4, ":443", 4) == 0)
		hn -= 4;
	s = xmalloc(hn + 1);
	for (i = 0; i < hn; i++)
		s[i] = (char)tolower((unsigned char)host[i]);
	s[hn] = '\0';
	buf_add(&b, s);
	free(s);
	if (*end != '/')
		buf_add(&b, "/");
	else {
		s = xmalloc(strcspn(end, "?#") + 1);
		memcpy(s, end, strcspn(end, "?#"));
		s[strcspn(end, "?#")] = '\0';
		buf_add(&b, s);
		free(s);
	}
	return b.s;
}

char *
oauth1_base_string(const char *method, const char *url,
    const struct oauth1_params *ps)
{
	struct pair	*pairs;
	struct buf	 norm = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	char		*s, *m;
	size_t		 i, n = 0;

	pairs = xmalloc((ps->n + 1) * sizeof *pairs);
	for (i = 0; i < ps->n; i++) {
		if (strcmp(ps->v[i].key, "oauth_signature") == 0)
			continue;
		pairs[n].k = oauth1_encode(ps->v[i].key);
		pairs[n].v = oauth1_encode(ps->v[i].value);
		n++;
	}
	qsort(pairs, n, sizeof *pairs, pair_cmp);
	buf_add(&norm, "");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_add(&norm, "&");
		buf_add(&norm, pairs[i].k);
		buf_add(&norm, "=");
		buf_add(&norm, pairs[i].v);
		free(pairs[i].k);
		free(pairs[i].v);
	}
	free(pairs);

	m = xstrdup(method);
	for (i = 0; m[i] != '\0'; i++)
		m[i] = (char)toupper((unsigned char)m[i]);
	buf_add(&out, m);
	free(m);
	buf_add(&out, "&");
	s = base_url(url);
	m = oauth1_encode(s);
	buf_add(&out, m);
	free(m);
	free(s);
	buf_add(&out, "&");
	m = oauth1_encode(norm.s);
	buf_add(&out, m);
	free(m);
	free(norm.s);
	return out.s;
}

char *
oauth1_sign(const char *sigmethod, const char *base,
    const char *consumer_secret, const char *token_secret)
{
	const EVP_MD	*md;
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 maclen = 0;
	struct buf	 key = { NULL, 0, 0 };
	char		*s, *out;

	if (strcmp(sigmethod, "HMAC-SHA1") == 0)
		md = EVP_sha1();
	else if (strcmp(sigmethod, "HMAC-SHA256") == 0)
		md = EVP_sha256();
	else
		return NULL;
	s = oauth1_encode(consumer_secret);
	buf_add(&key, s);
	free(s);
	buf_add(&key, "&");
	if (token_secret != NULL) {
		s = oauth1_encode(token_secret);
		buf_add(&key, s);
		free(s);
	}
	if (HMAC(md, key.s, (int)key.len, (const unsigned char *)base,
	    strlen(base), mac, &maclen) == NULL) {
		free(key.s);
		return NULL;
	}
	free(key.s);
	out = xmalloc(4 * ((maclen + 2) / 3) + 1);
	EVP_EncodeBlock((unsigned char *)out, mac, (int)maclen);
	return out;
}

int
oauth1_equal(const char *a, const char *b)
{
	size_t		 la = strlen(a), lb = strlen(b), i;
	unsigned char	 d = 0;

	if (la != lb)
		return 0;
	for (i = 0; i < la; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}
