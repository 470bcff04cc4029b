/*
 * http.c - HTTP through libcurl, and the small rules around it: honouring
 * Retry-After, backing off with jitter, and redacting secrets from
 * anything that might be logged (see http.h).
 *
 * libcurl is loaded when first needed (http_init), not linked: it brings
 * some thirty libraries whose loading alone costs about 9 ms, which every
 * "invsync adjust" would pay without ever speaking HTTP. git keeps libcurl
 * out of its main binary for the same reason.
 *
 * Threads: http_init() runs once before any thread that uses HTTP starts;
 * a struct http belongs to one thread. The other functions are pure.
 * Start at http_do().
 */
#define _XOPEN_SOURCE 700	/* strptime */
#include <ctype.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "http.h"
#include "xmalloc.h"

#define HTTP_MAX_BODY (64u * 1024 * 1024)

struct http {
	CURL	*curl;
};

/* The libcurl functions used, resolved from the library at run time. */
static struct {
	void		*lib;
	CURLcode	 (*global_init)(long);
	CURL		*(*easy_init)(void);
	void		 (*easy_cleanup)(CURL *);
	void		 (*easy_reset)(CURL *);
	CURLcode	 (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	 (*easy_perform)(CURL *);
	CURLcode	 (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char	*(*easy_strerror)(CURLcode);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		 (*slist_free_all)(struct curl_slist *);
} cu;

int
http_init(struct err *e)
{
	static const char *const names[] = { "libcurl.so.4", "libcurl.so",
	    NULL };
	int	i;

	if (cu.lib != NULL)
		return 0;
	for (i = 0; names[i] != NULL && cu.lib == NULL; i++)
		cu.lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (cu.lib == NULL) {
		err_set(e, ERR_SYSTEM, "cannot load libcurl (%s); install the "
		    "libcurl4 package", dlerror());
		return -1;
	}
#define SYM(field, name) do {						\
	*(void **)&cu.field = dlsym(cu.lib, name);			\
	if (cu.field == NULL) {						\
		err_set(e, ERR_SYSTEM, "libcurl lacks %s", name);	\
		goto fail;						\
	}								\
} while (0)
	SYM(global_init, "curl_global_init");
	SYM(easy_init, "curl_easy_init");
	SYM(easy_cleanup, "curl_easy_cleanup");
	SYM(easy_reset, "curl_easy_reset");
	SYM(easy_setopt, "curl_easy_setopt");
	SYM(easy_perform, "curl_easy_perform");
	SYM(easy_getinfo, "curl_easy_getinfo");
	SYM(easy_strerror, "curl_easy_strerror");
	SYM(slist_append, "curl_slist_append");
	SYM(slist_free_all, "curl_slist_free_all");
#undef SYM
	if (cu.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		err_set(e, ERR_SYSTEM, "libcurl failed to start");
		goto fail;
	}
	return 0;
fail:
	dlclose(cu.lib);
	memset(&cu, 0, sizeof cu);
	return -1;
}

struct http *
http_new(void)
{
	struct http	*h;

	if (cu.lib == NULL && http_init(NULL) != 0)
		return NULL;
	h = xcalloc(1, sizeof *h);
	if ((h->curl = cu.easy_init()) == NULL) {
		free(h);
		return NULL;
	}
	return h;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	cu.easy_cleanup(h->curl);
	free(h);
}

void
http_response_clear(struct http_response *r)
{
	int	i;

	free(r->body);
	for (i = 0; i < r->nheaders; i++) {
		free(r->names[i]);
		free(r->values[i]);
	}
	free(r->names);
	free(r->values);
	memset(r, 0, sizeof *r);
}

const char *
http_header(const struct http_response *r, const char *name)
{
	int	i;

	for (i = r->nheaders - 1; i >= 0; i--)
		if (strcasecmp(r->names[i], name) == 0)
			return r->values[i];
	return NULL;
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct http_response	*r = arg;
	size_t			 len = size * n;

	if (r->len + len > HTTP_MAX_BODY)
		return 0;	/* curl stops with a write error */
	r->body = xreallocarray(r->body, r->len + len + 1, 1);
	memcpy(r->body + r->len, p, len);
	r->len += len;
	r->body[r->len] = '\0';
	return len;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct http_response	*r = arg;
	size_t			 len = size * n, nl;
	char			*colon, *v;

	/* A new status line (after a 100 Continue): start afresh. */
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		while (r->nheaders > 0) {
			r->nheaders--;
			free(r->names[r->nheaders]);
			free(r->values[r->nheaders]);
		}
		return len;
	}
	if ((colon = memchr(p, ':', len)) == NULL)
		return len;
	nl = len;
	while (nl > 0 && (p[nl - 1] == '\r' || p[nl - 1] == '\n'))
		nl--;
	v = colon + 1;
	while (v < p + nl && (*v == ' ' || *v == '\t'))
		v++;
	r->names = xreallocarray(r->names, (size_t)r->nheaders + 1,
	    sizeof *r->names);
	r->values = xreallocarray(r->values, (size_t)r->nheaders + 1,
	    sizeof *r->values);
	r->names[r->nheaders] = xstrndup(p, (size_t)(colon - p));
	r->values[r->nheaders] = xstrndup(v, (size_t)(p + nl - v));
	r->nheaders++;
	return len;
}

int
http_do(struct http *h, const struct http_request *q,
    struct http_response *r, struct err *e)
{
	struct curl_slist	*hdrs = NULL;
	CURLcode		 rc;
	char			 errbuf[CURL_ERROR_SIZE] = "";
	int			 i;

	memset(r, 0, sizeof *r);
	cu.easy_reset(h->curl);
	for (i = 0; q->headers != NULL && q->headers[i] != NULL; i++)
		hdrs = cu.slist_append(hdrs, q->headers[i]);
	/* No "Expect: 100-continue" round trip before a body. */
	hdrs = cu.slist_append(hdrs, "Expect:");
	cu.easy_setopt(h->curl, CURLOPT_URL, q->url);
	cu.easy_setopt(h->curl, CURLOPT_CUSTOMREQUEST, q->method);
	cu.easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdrs);
	cu.easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
	cu.easy_setopt(h->curl, CURLOPT_TIMEOUT_MS, q->timeout_ms > 0 ?
	    q->timeout_ms : 30000L);
	cu.easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
	/* A redirect would turn a POST into a GET: it is an error here. */
	cu.easy_setopt(h->curl, CURLOPT_FOLLOWLOCATION, 0L);
	cu.easy_setopt(h->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	cu.easy_setopt(h->curl, CURLOPT_ERRORBUFFER, errbuf);
	cu.easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_body);
	cu.easy_setopt(h->curl, CURLOPT_WRITEDATA, r);
	cu.easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, on_header);
	cu.easy_setopt(h->curl, CURLOPT_HEADERDATA, r);
	cu.easy_setopt(h->curl, CURLOPT_USERAGENT, "invsync/" "0.1");
	if (q->body != NULL) {
		cu.easy_setopt(h->curl, CURLOPT_POSTFIELDS, q->body);
		cu.easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)q->bodylen);
	}
	if (q->basic_user != NULL) {
		cu.easy_setopt(h->curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		cu.easy_setopt(h->curl, CURLOPT_USERNAME, q->basic_user);
		cu.easy_setopt(h->curl, CURLOPT_PASSWORD, q->basic_pass);
	}
	rc = cu.easy_perform(h->curl);
	cu.slist_free_all(hdrs);
	if (rc != CURLE_OK) {
		err_set(e, ERR_SYSTEM, "%s", errbuf[0] ? errbuf :
		    cu.easy_strerror(rc));
		http_response_clear(r);
		return -1;
	}
	cu.easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &r->status);
	if (r->body == NULL)
		r->body = xstrdup("");
	return 0;
}

int64_t
http_retry_after_ms(const char *v, int64_t now)
{
	struct tm	tm;
	char		*end;
	long long	 s;
	time_t		 t;

	if (v == NULL)
		return -1;
	while (isspace((unsigned char)*v))
		v++;
	if (isdigit((unsigned char)*v)) {
		s = strtoll(v, &end, 10);
		while (isspace((unsigned char)*end))
			end++;
		if (*end != '\0' || s < 0 || s > 86400)
			return -1;
		return (int64_t)s * 1000;
	}
	/* An HTTP date: "Wed, 21 Oct 2015 07:28:00 GMT". */
	memset(&tm, 0, sizeof tm);
	end = strptime(v, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	t = timegm(&tm);
	return t <= now ? 0 : ((int64_t)t - now) * 1000;
}

int64_t
http_backoff_ms(int attempt, int64_t base_ms, int64_t cap_ms,
    uint64_t *seed)
{
	int64_t		ceiling = base_ms;
	uint64_t	x;
	int		i;

	for (i = 0; i < attempt && ceiling < cap_ms; i++)
		ceiling *= 2;
	if (ceiling > cap_ms)
		ceiling = cap_ms;
	/* xorshift64: per-caller state, no locks, good enough for jitter. */
	x = *seed != 0 ? *seed : 0x9e3779b97f4a7c15ULL;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*seed = x;
	return ceiling > 0 ? (int64_t)(x % (uint64_t)(ceiling + 1)) : 0;
}

/* Parameter names whose values are secrets (a prefix when ending '*'). */
static const char *const secret_params[] = {
	"consumer_key", "consumer_secret", "oauth_*", "access_token", "key",
	"secret", "token", "password", "signature", "client_secret", NULL
};

static int
secret_name(const char *p, size_t len)
{
	size_t	i, n;

	for (i = 0; secret_params[i] != NULL; i++) {
		n = strlen(secret_params[i]);
		if (secret_params[i][n - 1] == '*') {
			if (len >= n - 1 &&
			    strncasecmp(p, secret_params[i], n - 1) == 0)
				return 1;
		} else if (len == n && strncasecmp(p, secret_params[i], n) == 0)
			return 1;
	}
	return 0;
}

char *
redact_url(const char *url)
{
	const char	*p = url, *name, *at, *slash;
	/* "REDACTED" is at most 8 bytes longer than what it replaces. */
	size_t		 cap = strlen(url) * 3 + 64, n = 0, len;
	char		*out = xmalloc(cap);
	int		 inquery = 0;

#define PUT(s, l) do {						\
	memcpy(out + n, (s), (l));				\
	n += (l);						\
} while (0)
	while (*p != '\0') {
		/* user:password@ after a scheme. */
		if (strncmp(p, "://", 3) == 0) {
			PUT(p, 3);
			p += 3;
			at = strchr(p, '@');
			slash = p + strcspn(p, "/?#> ,;");
			if (at != NULL && at < slash) {
				PUT("REDACTED", 8);
				p = at;
			}
			continue;
		}
		if (*p == '?' || ((*p == '&' || *p == ';') && inquery)) {
			inquery = 1;
			PUT(p, 1);
			p++;
			name = p;
			len = strcspn(p, "=&#> ,;");
			PUT(p, len);
			p += len;
			if (*p == '=' && secret_name(name, len)) {
				PUT("=REDACTED", 9);
				p++;
				p += strcspn(p, "&#> ,;");
			}
			continue;
		}
		/* A Link header holds several URLs: each starts afresh. */
		if (*p == '>' || *p == ' ' || *p == ',')
			inquery = 0;
		PUT(p, 1);
		p++;
	}
#undef PUT
	out[n] = '\0';
	return out;
}
