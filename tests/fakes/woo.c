/*
 * woo.c - the fake WooCommerce store behind fake_woo: the store model, the
 * wc/v3 REST routes, WooCommerce's stock engine, webhooks, and the /_fake/
 * control routes. The contract is ../shared/reference/woocommerce.md; the
 * PHP behaviour it describes is followed where the notes are silent.
 *
 * Owns everything in struct woo. Entry points: woo_handle() (REST, called
 * by fakehttp with its lock held), woo_control() (/_fake/), the woo_*()
 * in-process helpers, and hook_main(), the webhook delivery thread.
 * Start at woo_handle(), then dispatch().
 *
 * Locking: w->lock guards the whole store. Handlers take it after
 * fakehttp's lock; hook_main() takes only w->lock and never holds it
 * while it talks to a receiver. Lock order: fakehttp, then w->lock.
 *
 * A request goes: woo_handle() -> rq_auth() (Basic over "TLS", OAuth 1.0a
 * otherwise, or anonymous) -> dispatch() (routes, 404 rest_no_route) ->
 * one route_*() function, which validates its parameters (400
 * rest_invalid_param), checks permission (401 for anonymous), and
 * changes the store through the engine functions:
 *
 *   order_set_status() -> order_reduce() / order_increase() /
 *                         order_fully_refunded()
 *   order_refund()     -> restock of refunded items
 *   item_adjust()      -> quantity edits on a reduced order
 *   stock_changed()    -> date_modified_gmt bump, product.updated
 *
 * Known simplifications: one currency (EUR), no taxes, shipping or
 * coupons; the site timezone is UTC; delays (per request and per batch
 * item) are slept while fakehttp's lock is held, like a host with one PHP
 * worker.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <netdb.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "fakehttp.h"
#include "oauth1.h"
#include "woo.h"

#define P_SIMPLE	0
#define P_VARIABLE	1
#define P_VARIATION	2

#define BO_NO		0
#define BO_NOTIFY	1
#define BO_YES		2

#define ST_IN		0
#define ST_OUT		1
#define ST_BACK		2

#define R_PRODUCT	0
#define R_ORDER		1

#define E_PRODUCT_ID	"woocommerce_rest_product_invalid_id"
#define E_VARIATION_ID	"woocommerce_rest_product_variation_invalid_id"
#define E_HOOK_URL	"woocommerce_rest_shop_webhook_invalid_delivery_url"

#define NONCE_WINDOW	(15 * 60)
#define BATCH_LIMIT	100
#define MAX_DELIVERIES	1000

struct attr {
	char	*name;		/* "Size" */
	char	*option;	/* "S" */
};

struct product {
	int64_t		 id;
	int64_t		 parent_id;
	int		 type;		/* P_* */
	char		*name;
	char		*sku;		/* "" if none */
	char		*status;	/* publish, draft, private, trash */
	long		 regular;	/* cents; -1: no price */
	long		 sale;		/* cents; -1: not on sale */
	int		 manage;	/* its own manage_stock */
	long long	 qty;		/* meaningful when manage */
	int		 backorders;	/* BO_* */
	int		 stock_status;	/* ST_*, when not managed */
	time_t		 created;
	time_t		 modified;
	int		 total_sales;
	struct attr	*attrs;
	int		 nattrs;
	int64_t		*kids;		/* variations, for P_VARIABLE */
	int		 nkids;
	int		 deleted;
	uint32_t	 tie;		/* sort key for same-second ties */
};

struct item {
	int64_t		 id;
	int64_t		 product_id;	/* the parent, for a variation */
	int64_t		 variation_id;	/* 0 if none */
	char		*name;
	char		*parent_name;	/* NULL unless a variation */
	char		*sku;
	int		 qty;
	long		 price;		/* cents */
	long		 total;		/* cents */
	struct attr	*attrs;		/* copied from the variation */
	int		 nattrs;
	int64_t		*attr_mids;
	int		 has_reduced;	/* _reduced_stock present */
	long long	 reduced;
	int64_t		 reduced_mid;
	int		 has_restocked;	/* _restock_refunded_items present */
	long long	 restocked;
	int64_t		 restocked_mid;
};

struct ritem {
	int64_t		 id;
	int64_t		 item_id;	/* _refunded_item_id */
	int64_t		 product_id;
	int64_t		 variation_id;
	char		*name;
	char		*sku;
	int		 qty;		/* negative */
	long		 total;		/* cents, negative */
	int64_t		 mid;
};

struct refund {
	int64_t		 id;
	time_t		 created;
	long		 amount;	/* cents, positive */
	char		*reason;
	int		 refunded_payment;
	struct ritem	*items;
	int		 nitems;
};

struct note {
	int64_t		 id;
	time_t		 created;
	char		*text;
	int		 customer;
};

struct order {
	int64_t		 id;
	char		 status[24];
	time_t		 created;
	time_t		 modified;
	time_t		 paid;
	time_t		 completed;
	char		*created_via;
	char		*payment_method;
	char		*payment_title;
	char		*first_name;
	char		*last_name;
	char		*email;
	char		*customer_note;
	char		 order_key[32];
	int		 stock_reduced;	/* _order_stock_reduced */
	struct item	*items;
	int		 nitems;
	struct refund	*refunds;
	int		 nrefunds;
	struct note	*notes;
	int		 nnotes;
	int		 deleted;
	uint32_t	 tie;
};

struct nonce {
	char		*value;
	time_t		 ts;
};

struct woo_key {
	char		*key;
	char		*secret;
	int		 perms;
	int		 revoked;
	struct nonce	*nonces;
	int		 nnonces;
};

struct webhook {
	int64_t		 id;
	char		*name;
	char		 status[16];	/* active, paused, disabled */
	char		*topic;
	char		*delivery_url;
	char		*secret;
	time_t		 created;
	time_t		 modified;
	int		 failures;
	int		 pending_delivery;	/* no ping has succeeded */
	int		 deleted;
};

/* A delivery waiting for hook_main(); one per (webhook, resource). */
struct job {
	int64_t		 hook;
	int		 kind;		/* R_* */
	int64_t		 rid;
	int		 deleted;	/* the resource is gone: {"id":N} */
	int64_t		 due_ms;	/* CLOCK_MONOTONIC */
};

struct woo {
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;		/* jobs queued, or stop */

	int		 version;
	int		 unstable_sort;
	int		 delay_ms;
	int		 batch_item_delay_ms;
	int		 half_batch_drop;	/* batches left to cut */
	int		 webhook_delay_ms;
	int		 webhook_max_failures;
	long		 clock_offset;
	uint64_t	 rng;

	int64_t		 next_post_id;	/* products, orders, refunds */
	int64_t		 next_item_id;
	int64_t		 next_meta_id;
	int64_t		 next_note_id;
	int64_t		 next_hook_id;

	struct product	**products;	/* sorted by id */
	int		 nproducts;
	int		 cproducts;
	struct order	**orders;	/* sorted by id */
	int		 norders;
	int		 corders;
	struct webhook	**hooks;
	int		 nhooks;
	int		 chooks;
	struct woo_key	*keys;
	int		 nkeys;

	struct job	*jobs;
	int		 njobs;
	int		 cjobs;
	cJSON		*deliveries;	/* what hook_main() sent */

	char		 home[256];	/* for webhook sources and bodies */
	struct fake_server *srv;
	pthread_t	 thread;
	int		 thread_started;
	int		 stop;
};

/* One REST request being answered. */
struct rq {
	struct woo		*w;
	const struct fake_req	*req;
	struct fake_resp	*resp;
	char			 home[256];	/* scheme://host */
	int			 tls;
	int			 pretty;	/* /wp-json/, or ?rest_route= */
	char			*route;		/* "/wc/v3/products/12" */
	struct oauth1_params	 q;		/* decoded query, in order */
	struct woo_key		*key;		/* NULL: anonymous */
	cJSON			*body;		/* JSON or form params */
	int			 bad_json;
};

/* Invalid parameters, gathered for one rest_invalid_param answer. */
struct inval {
	cJSON	*params;
	cJSON	*details;
	char	 names[512];
	int	 n;
};

/* An error from the engine, to answer with. */
struct werr {
	int		 status;
	const char	*code;
	char		 msg[256];
};

static void	stock_changed(struct woo *, struct product *);
static void	order_set_status(struct woo *, struct order *, const char *);
static cJSON	*product_json(struct woo *, const char *,
		    const struct product *);

/* Allocation and strings. */

static void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL) {
		fprintf(stderr, "woo: out of memory (%zu bytes)\n", n);
		abort();
	}
	return p;
}

static void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL) {
		fprintf(stderr, "woo: out of memory\n");
		abort();
	}
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL) {
		fprintf(stderr, "woo: out of memory (%zu bytes)\n", n);
		abort();
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p = xmalloc(n);

	memcpy(p, s, n);
	return p;
}

static char *
xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

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
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static void
buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, s);
	free(s);
}

/* PHP's urlencode(): what WordPress puts in Link URLs. */
static void
buf_urlencode(struct buf *b, const char *s)
{
	static const char	hex[] = "0123456789ABCDEF";
	char			e[4];
	unsigned char		c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '_' || c == '.') {
			e[0] = (char)c;
			e[1] = '\0';
		} else if (c == ' ') {
			e[0] = '+';
			e[1] = '\0';
		} else {
			e[0] = '%';
			e[1] = hex[c >> 4];
			e[2] = hex[c & 15];
			e[3] = '\0';
		}
		buf_add(b, e);
	}
}

/* strcasestr(), which is not POSIX. */
static const char *
ci_strstr(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	}
	return n == 0 ? hay : NULL;
}

static uint32_t
rnd(struct woo *w)
{
	uint64_t	x = w->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	w->rng = x;
	return (uint32_t)(x >> 16);
}

static void
sleep_ms(int ms)
{
	struct timespec	ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int64_t
mono_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Time, money and JSON helpers. */

/* The store's clock, which tests may skew (/_fake/clock). */
static time_t
wnow(struct woo *w)
{
	return time(NULL) + w->clock_offset;
}

static void
fmt_date(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
}

/*
 * WordPress's rest_parse_date(): YYYY-MM-DDTHH:MM:SS, optional fraction,
 * optional Z or +hh[:mm]. No zone means the site's, which is UTC.
 */
static int
parse_date(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*p = s;
	int		 v[6], i, sign, oh = 0, om = 0;
	static const int len[6] = { 4, 2, 2, 2, 2, 2 };
	static const char sep[6] = { '-', '-', 'T', ':', ':', '\0' };

	for (i = 0; i < 6; i++) {
		int	j;

		v[i] = 0;
		for (j = 0; j < len[i]; j++, p++) {
			if (!isdigit((unsigned char)*p))
				return -1;
			v[i] = v[i] * 10 + (*p - '0');
		}
		if (i < 5) {
			if (i == 2 ? (*p != 'T' && *p != 't' && *p != ' ') :
			    *p != sep[i])
				return -1;
			p++;
		}
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		p++;
		if (!isdigit((unsigned char)p[0]) ||
		    !isdigit((unsigned char)p[1]))
			return -1;
		oh = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {
			p++;
			if (!isdigit((unsigned char)p[0]) ||
			    !isdigit((unsigned char)p[1]))
				return -1;
			om = (p[0] - '0') * 10 + (p[1] - '0');
			p += 2;
		}
		oh *= sign;
		om *= sign;
	}
	if (*p != '\0')
		return -1;
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 ||
	    v[4] > 59 || v[5] > 60)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	*out = timegm(&tm) - (time_t)oh * 3600 - (time_t)om * 60;
	return 0;
}

static void
fmt_money(long cents, char *buf, size_t len)
{
	long	a = cents < 0 ? -cents : cents;

	snprintf(buf, len, "%s%ld.%02ld", cents < 0 ? "-" : "", a / 100,
	    a % 100);
}

/* "9.5", "9.50", "10" to cents; -1 if empty or not a price. */
static long
parse_money(const char *s)
{
	char	*end;
	double	 d;

	if (s == NULL || *s == '\0')
		return -1;
	d = strtod(s, &end);
	if (*end != '\0' || !isfinite(d) || d < 0 || d > 1e12)
		return -1;
	return lround(d * 100);
}

static const cJSON *
jget(const cJSON *o, const char *k)
{
	return o != NULL ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
}

static void
jint(cJSON *o, const char *k, long long v)
{
	cJSON_AddNumberToObject(o, k, (double)v);
}

static void
jstr(cJSON *o, const char *k, const char *v)
{
	if (v == NULL)
		cJSON_AddNullToObject(o, k);
	else
		cJSON_AddStringToObject(o, k, v);
}

static void
jmoney(cJSON *o, const char *k, long cents)
{
	char	buf[32];

	fmt_money(cents, buf, sizeof buf);
	cJSON_AddStringToObject(o, k, buf);
}

/* A product price: "" when there is none. */
static void
jprice(cJSON *o, const char *k, long cents)
{
	if (cents < 0)
		cJSON_AddStringToObject(o, k, "");
	else
		jmoney(o, k, cents);
}

static void
jdate(cJSON *o, const char *k, time_t t)
{
	char	buf[32];

	if (t == 0) {
		cJSON_AddNullToObject(o, k);
		return;
	}
	fmt_date(t, buf, sizeof buf);
	cJSON_AddStringToObject(o, k, buf);
}

/* Both dates of a pair: "date_created" and "date_created_gmt". */
static void
jdates(cJSON *o, const char *k, time_t t)
{
	char	name[64];

	jdate(o, k, t);
	snprintf(name, sizeof name, "%s_gmt", k);
	jdate(o, name, t);
}

static void
jlinks(cJSON *o, const char *home, const char *self, const char *coll,
    const char *up)
{
	cJSON	*l, *a, *h;
	char	*u;

	l = cJSON_AddObjectToObject(o, "_links");
	a = cJSON_AddArrayToObject(l, "self");
	h = cJSON_CreateObject();
	u = xasprintf("%s/wp-json/wc/v3%s", home, self);
	cJSON_AddStringToObject(h, "href", u);
	free(u);
	cJSON_AddItemToArray(a, h);
	a = cJSON_AddArrayToObject(l, "collection");
	h = cJSON_CreateObject();
	u = xasprintf("%s/wp-json/wc/v3%s", home, coll);
	cJSON_AddStringToObject(h, "href", u);
	free(u);
	cJSON_AddItemToArray(a, h);
	if (up != NULL) {
		a = cJSON_AddArrayToObject(l, "up");
		h = cJSON_CreateObject();
		u = xasprintf("%s/wp-json/wc/v3%s", home, up);
		cJSON_AddStringToObject(h, "href", u);
		free(u);
		cJSON_AddItemToArray(a, h);
	}
}

/*
 * WordPress's rest_is_integer() on a JSON value: a number or numeric
 * string with no fraction. Booleans and null are not integers.
 */
static int
json_integer(const cJSON *v, long long *out)
{
	char	*end;
	double	 d;

	if (cJSON_IsNumber(v))
		d = v->valuedouble;
	else if (cJSON_IsString(v)) {
		const char *s = v->valuestring;

		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0')
			return -1;
		d = strtod(s, &end);
		if (*end != '\0' || end == s)
			return -1;
		if (strpbrk(s, "xXnN") != NULL)	/* hex, nan, inf */
			return -1;
	} else
		return -1;
	if (!isfinite(d) || d != floor(d) || fabs(d) > 9e15)
		return -1;
	*out = (long long)d;
	return 0;
}

/* PHP's intval() as wc_stock_amount() applies it (batch items). */
static long long
json_intval(const cJSON *v)
{
	if (cJSON_IsNumber(v))
		return (long long)v->valuedouble;
	if (cJSON_IsString(v))
		return strtoll(v->valuestring, NULL, 10);
	if (cJSON_IsTrue(v))
		return 1;
	return 0;
}

/* rest_is_boolean(). */
static int
json_boolean(const cJSON *v, int *out)
{
	const char	*s;

	if (cJSON_IsBool(v)) {
		*out = cJSON_IsTrue(v);
		return 0;
	}
	if (cJSON_IsNumber(v) && (v->valuedouble == 0 ||
	    v->valuedouble == 1)) {
		*out = v->valuedouble == 1;
		return 0;
	}
	if (cJSON_IsString(v)) {
		s = v->valuestring;
		if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* wc_string_to_bool(). */
static int
json_tobool(const cJSON *v)
{
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v);
	if (cJSON_IsNumber(v))
		return v->valuedouble == 1;
	if (cJSON_IsString(v))
		return strcasecmp(v->valuestring, "yes") == 0 ||
		    strcasecmp(v->valuestring, "true") == 0 ||
		    strcmp(v->valuestring, "1") == 0;
	return 0;
}

static const char *
json_string(const cJSON *o, const char *k)
{
	const cJSON	*v = jget(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* WordPress's list format: "a", "a and b", "a, b, and c". */
static void
buf_list(struct buf *b, const char *const *v, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_add(b, n == 2 ? " and " :
			    i == n - 1 ? ", and " : ", ");
		buf_add(b, v[i]);
	}
}

static int
in_list(const char *s, const char *const *v, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (strcmp(s, v[i]) == 0)
			return i;
	}
	return -1;
}

#define NITEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const backorders_enum[] = { "no", "notify", "yes" };
static const char *const stock_status_enum[] = {
	"instock", "outofstock", "onbackorder"
};
static const char *const product_status_enum[] = {
	"draft", "pending", "private", "publish", "future"
};
static const char *const order_status_enum[] = {
	"pending", "processing", "on-hold", "completed", "cancelled",
	"refunded", "failed", "trash", "checkout-draft"
};
static const char *const order_status_labels[] = {
	"Pending payment", "Processing", "On hold", "Completed", "Cancelled",
	"Refunded", "Failed", "Trash", "Draft"
};

/* The store: lookups and creation. */

static int64_t
next_post_id(struct woo *w)
{
	return w->next_post_id++;
}

static struct product *
product_find(struct woo *w, int64_t id)
{
	int	lo = 0, hi = w->nproducts - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (w->products[mid]->id == id)
			return w->products[mid]->deleted ? NULL :
			    w->products[mid];
		if (w->products[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

static struct product *
product_by_sku(struct woo *w, const char *sku)
{
	int	i;

	if (sku == NULL || *sku == '\0')
		return NULL;
	for (i = 0; i < w->nproducts; i++) {
		if (!w->products[i]->deleted &&
		    strcmp(w->products[i]->sku, sku) == 0)
			return w->products[i];
	}
	return NULL;
}

static struct order *
order_find(struct woo *w, int64_t id)
{
	int	lo = 0, hi = w->norders - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (w->orders[mid]->id == id)
			return w->orders[mid]->deleted ? NULL :
			    w->orders[mid];
		if (w->orders[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

static struct webhook *
hook_find(struct woo *w, int64_t id)
{
	int	i;

	for (i = 0; i < w->nhooks; i++) {
		if (w->hooks[i]->id == id && !w->hooks[i]->deleted)
			return w->hooks[i];
	}
	return NULL;
}

static struct product *
product_new(struct woo *w, int type, const char *name, time_t created)
{
	struct product	*p;

	p = xcalloc(1, sizeof *p);
	p->id = next_post_id(w);
	p->type = type;
	p->name = xstrdup(name);
	p->sku = xstrdup("");
	p->status = xstrdup("publish");
	p->regular = -1;
	p->sale = -1;
	p->created = p->modified = created;
	if (w->nproducts == w->cproducts) {
		w->cproducts = w->cproducts == 0 ? 64 : w->cproducts * 2;
		w->products = xrealloc(w->products,
		    (size_t)w->cproducts * sizeof *w->products);
	}
	w->products[w->nproducts++] = p;
	return p;
}

static void
product_free(struct product *p)
{
	int	i;

	for (i = 0; i < p->nattrs; i++) {
		free(p->attrs[i].name);
		free(p->attrs[i].option);
	}
	free(p->attrs);
	free(p->kids);
	free(p->name);
	free(p->sku);
	free(p->status);
	free(p);
}

static void
product_attr_add(struct product *p, const char *name, const char *option)
{
	p->attrs = xrealloc(p->attrs, (size_t)(p->nattrs + 1) *
	    sizeof *p->attrs);
	p->attrs[p->nattrs].name = xstrdup(name);
	p->attrs[p->nattrs].option = xstrdup(option);
	p->nattrs++;
}

static void
product_kid_add(struct product *parent, int64_t id)
{
	parent->kids = xrealloc(parent->kids, (size_t)(parent->nkids + 1) *
	    sizeof *parent->kids);
	parent->kids[parent->nkids++] = id;
}

static struct order *
order_new(struct woo *w, const char *via, time_t created)
{
	struct order	*o;
	static const char hex[] = "0123456789abcdef";
	int		 i;

	o = xcalloc(1, sizeof *o);
	o->id = next_post_id(w);
	snprintf(o->status, sizeof o->status, "pending");
	o->created = o->modified = created;
	o->created_via = xstrdup(via);
	o->payment_method = xstrdup("");
	o->payment_title = xstrdup("");
	o->first_name = xstrdup("");
	o->last_name = xstrdup("");
	o->email = xstrdup("");
	o->customer_note = xstrdup("");
	memcpy(o->order_key, "wc_order_", 9);
	for (i = 9; i < 22; i++)
		o->order_key[i] = hex[rnd(w) % 16];
	o->order_key[22] = '\0';
	if (w->norders == w->corders) {
		w->corders = w->corders == 0 ? 64 : w->corders * 2;
		w->orders = xrealloc(w->orders,
		    (size_t)w->corders * sizeof *w->orders);
	}
	w->orders[w->norders++] = o;
	return o;
}

static void
order_free(struct order *o)
{
	int	i, j;

	for (i = 0; i < o->nitems; i++) {
		struct item *it = &o->items[i];

		for (j = 0; j < it->nattrs; j++) {
			free(it->attrs[j].name);
			free(it->attrs[j].option);
		}
		free(it->attrs);
		free(it->attr_mids);
		free(it->name);
		free(it->parent_name);
		free(it->sku);
	}
	free(o->items);
	for (i = 0; i < o->nrefunds; i++) {
		for (j = 0; j < o->refunds[i].nitems; j++) {
			free(o->refunds[i].items[j].name);
			free(o->refunds[i].items[j].sku);
		}
		free(o->refunds[i].items);
		free(o->refunds[i].reason);
	}
	free(o->refunds);
	for (i = 0; i < o->nnotes; i++)
		free(o->notes[i].text);
	free(o->notes);
	free(o->created_via);
	free(o->payment_method);
	free(o->payment_title);
	free(o->first_name);
	free(o->last_name);
	free(o->email);
	free(o->customer_note);
	free(o);
}

static void
order_note(struct woo *w, struct order *o, const char *text)
{
	struct note	*n;

	o->notes = xrealloc(o->notes, (size_t)(o->nnotes + 1) *
	    sizeof *o->notes);
	n = &o->notes[o->nnotes++];
	n->id = w->next_note_id++;
	n->created = wnow(w);
	n->text = xstrdup(text);
	n->customer = 0;
}

/* Products: what WooCommerce derives. */

static struct product *
product_parent(struct woo *w, const struct product *p)
{
	if (p->type != P_VARIATION)
		return NULL;
	return product_find(w, p->parent_id);
}

/*
 * The product whose stock an order line moves: the product itself when it
 * manages stock, its parent for a "parent" variation, or NULL.
 */
static struct product *
stock_owner(struct woo *w, struct product *p)
{
	struct product	*par;

	if (p == NULL || p->deleted)
		return NULL;
	if (p->manage)
		return p;
	if ((par = product_parent(w, p)) != NULL && par->manage)
		return par;
	return NULL;
}

/* manage_stock as the API shows it: 1 true, 0 false, 2 "parent". */
static int
manage_view(struct woo *w, const struct product *p)
{
	struct product	*par;

	if (p->manage)
		return 1;
	if ((par = product_parent(w, p)) != NULL && par->manage)
		return 2;
	return 0;
}

static int
status_of(long long qty, int backorders)
{
	if (qty > 0)
		return ST_IN;
	return backorders != BO_NO ? ST_BACK : ST_OUT;
}

static int
stock_status_view(struct woo *w, const struct product *p)
{
	struct product	*owner, *kid;
	int		 i, any_back = 0;

	if (p->type == P_VARIABLE && p->nkids > 0) {
		/* A variable product is in stock if a variation is. */
		for (i = 0; i < p->nkids; i++) {
			if ((kid = product_find(w, p->kids[i])) == NULL)
				continue;
			switch (stock_status_view(w, kid)) {
			case ST_IN:
				return ST_IN;
			case ST_BACK:
				any_back = 1;
				break;
			}
		}
		return any_back ? ST_BACK : ST_OUT;
	}
	if ((owner = stock_owner(w, (struct product *)p)) != NULL)
		return status_of(owner->qty, owner->backorders);
	return p->stock_status;
}

static long
product_price(const struct product *p)
{
	if (p->sale >= 0)
		return p->sale;
	return p->regular;
}

/* "Tee - S": a variation's name from its parent and its options. */
static char *
product_name(struct woo *w, const struct product *p)
{
	struct product	*par;
	struct buf	 b = { NULL, 0, 0 };
	int		 i;

	if (p->type != P_VARIATION || (par = product_parent(w, p)) == NULL)
		return xstrdup(p->name);
	buf_add(&b, par->name);
	for (i = 0; i < p->nattrs; i++) {
		buf_add(&b, i == 0 ? " - " : ", ");
		buf_add(&b, p->attrs[i].option);
	}
	return b.s;
}

/* "Tee - S (TEE-S)", as order notes name products. */
static char *
product_formatted_name(struct woo *w, const struct product *p)
{
	char	*n = product_name(w, p), *s;

	if (*p->sku != '\0')
		s = xasprintf("%s (%s)", n, p->sku);
	else
		s = xasprintf("#%lld %s", (long long)p->id, n);
	free(n);
	return s;
}

static const char *
type_name(int type)
{
	switch (type) {
	case P_VARIABLE:
		return "variable";
	case P_VARIATION:
		return "variation";
	default:
		return "simple";
	}
}

static void
stock_fields(struct woo *w, cJSON *o, const struct product *p)
{
	struct product	*owner = stock_owner(w, (struct product *)p);
	int		 mv = manage_view(w, p), bo;

	if (mv == 2)
		cJSON_AddStringToObject(o, "manage_stock", "parent");
	else
		cJSON_AddBoolToObject(o, "manage_stock", mv);
	if (owner != NULL)
		jint(o, "stock_quantity", owner->qty);
	else
		cJSON_AddNullToObject(o, "stock_quantity");
	bo = owner != NULL ? owner->backorders : p->backorders;
	cJSON_AddStringToObject(o, "backorders", backorders_enum[bo]);
	cJSON_AddBoolToObject(o, "backorders_allowed", bo != BO_NO);
	cJSON_AddBoolToObject(o, "backordered", 0);
	cJSON_AddNullToObject(o, "low_stock_amount");
}

static cJSON *
attrs_json(const struct product *p)
{
	cJSON	*a = cJSON_CreateArray(), *e;
	int	 i;

	for (i = 0; i < p->nattrs; i++) {
		e = cJSON_CreateObject();
		jint(e, "id", 0);
		cJSON_AddStringToObject(e, "name", p->attrs[i].name);
		cJSON_AddStringToObject(e, "option", p->attrs[i].option);
		cJSON_AddItemToArray(a, e);
	}
	return a;
}

/* A variable product's attributes: every option its variations use. */
static cJSON *
parent_attrs_json(struct woo *w, const struct product *p)
{
	cJSON		*a = cJSON_CreateArray(), *e, *opts, *it;
	struct product	*kid;
	int		 i, j, found;

	for (i = 0; i < p->nkids; i++) {
		if ((kid = product_find(w, p->kids[i])) == NULL)
			continue;
		for (j = 0; j < kid->nattrs; j++) {
			e = NULL;
			cJSON_ArrayForEach(it, a) {
				if (strcmp(jget(it, "name")->valuestring,
				    kid->attrs[j].name) == 0)
					e = it;
			}
			if (e == NULL) {
				e = cJSON_CreateObject();
				jint(e, "id", 0);
				cJSON_AddStringToObject(e, "name",
				    kid->attrs[j].name);
				jint(e, "position", cJSON_GetArraySize(a));
				cJSON_AddBoolToObject(e, "visible", 1);
				cJSON_AddBoolToObject(e, "variation", 1);
				cJSON_AddArrayToObject(e, "options");
				cJSON_AddItemToArray(a, e);
			}
			opts = cJSON_GetObjectItem(e, "options");
			found = 0;
			cJSON_ArrayForEach(it, opts) {
				if (strcmp(it->valuestring,
				    kid->attrs[j].option) == 0)
					found = 1;
			}
			if (!found)
				cJSON_AddItemToArray(opts, cJSON_CreateString(
				    kid->attrs[j].option));
		}
	}
	return a;
}

/* A product as /products shows it (variations too, via sku=). */
static cJSON *
product_json(struct woo *w, const char *home, const struct product *p)
{
	cJSON	*o, *d;
	char	*name, *u;
	long	 price = product_price(p);
	int	 i;

	o = cJSON_CreateObject();
	jint(o, "id", p->id);
	name = product_name(w, p);
	cJSON_AddStringToObject(o, "name", name);
	u = xasprintf("%s-%lld", p->type == P_VARIATION ? "variation" :
	    "product", (long long)p->id);
	cJSON_AddStringToObject(o, "slug", u);
	free(u);
	u = xasprintf("%s/?p=%lld", home, (long long)p->id);
	cJSON_AddStringToObject(o, "permalink", u);
	free(u);
	jdates(o, "date_created", p->created);
	jdates(o, "date_modified", p->modified);
	cJSON_AddStringToObject(o, "type", type_name(p->type));
	cJSON_AddStringToObject(o, "status", p->status);
	cJSON_AddBoolToObject(o, "featured", 0);
	cJSON_AddStringToObject(o, "catalog_visibility", "visible");
	cJSON_AddStringToObject(o, "description", "");
	cJSON_AddStringToObject(o, "short_description", "");
	cJSON_AddStringToObject(o, "sku", p->sku);
	if (p->type == P_VARIABLE) {
		long		 lo = -1;
		struct product	*kid;

		for (i = 0; i < p->nkids; i++) {
			if ((kid = product_find(w, p->kids[i])) != NULL &&
			    product_price(kid) >= 0 &&
			    (lo < 0 || product_price(kid) < lo))
				lo = product_price(kid);
		}
		price = lo;
	}
	jprice(o, "price", price);
	jprice(o, "regular_price", p->type == P_VARIABLE ? -1 : p->regular);
	jprice(o, "sale_price", p->sale);
	cJSON_AddNullToObject(o, "date_on_sale_from");
	cJSON_AddNullToObject(o, "date_on_sale_from_gmt");
	cJSON_AddNullToObject(o, "date_on_sale_to");
	cJSON_AddNullToObject(o, "date_on_sale_to_gmt");
	cJSON_AddBoolToObject(o, "on_sale", p->sale >= 0);
	cJSON_AddBoolToObject(o, "purchasable", price >= 0 &&
	    strcmp(p->status, "publish") == 0);
	jint(o, "total_sales", p->total_sales);
	cJSON_AddBoolToObject(o, "virtual", 0);
	cJSON_AddBoolToObject(o, "downloadable", 0);
	cJSON_AddArrayToObject(o, "downloads");
	jint(o, "download_limit", -1);
	jint(o, "download_expiry", -1);
	cJSON_AddStringToObject(o, "external_url", "");
	cJSON_AddStringToObject(o, "button_text", "");
	cJSON_AddStringToObject(o, "tax_status", "taxable");
	cJSON_AddStringToObject(o, "tax_class", "");
	stock_fields(w, o, p);
	cJSON_AddBoolToObject(o, "sold_individually", 0);
	cJSON_AddStringToObject(o, "weight", "");
	d = cJSON_AddObjectToObject(o, "dimensions");
	cJSON_AddStringToObject(d, "length", "");
	cJSON_AddStringToObject(d, "width", "");
	cJSON_AddStringToObject(d, "height", "");
	cJSON_AddBoolToObject(o, "shipping_required", 1);
	cJSON_AddBoolToObject(o, "shipping_taxable", 1);
	cJSON_AddStringToObject(o, "shipping_class", "");
	jint(o, "shipping_class_id", 0);
	cJSON_AddBoolToObject(o, "reviews_allowed", 1);
	cJSON_AddStringToObject(o, "average_rating", "0.00");
	jint(o, "rating_count", 0);
	cJSON_AddArrayToObject(o, "upsell_ids");
	cJSON_AddArrayToObject(o, "cross_sell_ids");
	jint(o, "parent_id", p->parent_id);
	cJSON_AddStringToObject(o, "purchase_note", "");
	cJSON_AddArrayToObject(o, "categories");
	cJSON_AddArrayToObject(o, "tags");
	cJSON_AddArrayToObject(o, "images");
	if (p->type == P_VARIABLE)
		cJSON_AddItemToObject(o, "attributes", parent_attrs_json(w, p));
	else
		cJSON_AddItemToObject(o, "attributes", attrs_json(p));
	cJSON_AddArrayToObject(o, "default_attributes");
	d = cJSON_AddArrayToObject(o, "variations");
	for (i = 0; i < p->nkids; i++) {
		if (product_find(w, p->kids[i]) != NULL)
			cJSON_AddItemToArray(d,
			    cJSON_CreateNumber((double)p->kids[i]));
	}
	cJSON_AddArrayToObject(o, "grouped_products");
	jint(o, "menu_order", 0);
	cJSON_AddStringToObject(o, "price_html", "");
	cJSON_AddArrayToObject(o, "related_ids");
	cJSON_AddArrayToObject(o, "meta_data");
	cJSON_AddStringToObject(o, "stock_status",
	    stock_status_enum[stock_status_view(w, p)]);
	cJSON_AddBoolToObject(o, "has_options", p->type == P_VARIABLE);
	cJSON_AddStringToObject(o, "post_password", "");
	free(name);
	if (p->type == P_VARIATION) {
		char	*self = xasprintf("/products/%lld/variations/%lld",
		    (long long)p->parent_id, (long long)p->id);
		char	*up = xasprintf("/products/%lld",
		    (long long)p->parent_id);

		jlinks(o, home, self, "/products", up);
		free(self);
		free(up);
	} else {
		char	*self = xasprintf("/products/%lld", (long long)p->id);

		jlinks(o, home, self, "/products", NULL);
		free(self);
	}
	return o;
}

/*
 * A product as /products/{pid}/variations shows it; 9.4 adds type, name
 * and parent_id. On 7.9 this may be a product that is no variation at all
 * (the wrong-parent behaviour).
 */
static cJSON *
variation_json(struct woo *w, const char *home, const struct product *p,
    int64_t pid)
{
	cJSON	*o, *d;
	char	*s, *coll, *up;

	o = cJSON_CreateObject();
	jint(o, "id", p->id);
	if (w->version >= WOO_V94) {
		cJSON_AddStringToObject(o, "type", type_name(p->type));
		s = product_name(w, p);
		cJSON_AddStringToObject(o, "name", s);
		free(s);
		jint(o, "parent_id", p->parent_id);
	}
	jdates(o, "date_created", p->created);
	jdates(o, "date_modified", p->modified);
	cJSON_AddStringToObject(o, "description", "");
	s = xasprintf("%s/?p=%lld", home, (long long)p->id);
	cJSON_AddStringToObject(o, "permalink", s);
	free(s);
	cJSON_AddStringToObject(o, "sku", p->sku);
	jprice(o, "price", product_price(p));
	jprice(o, "regular_price", p->regular);
	jprice(o, "sale_price", p->sale);
	cJSON_AddNullToObject(o, "date_on_sale_from");
	cJSON_AddNullToObject(o, "date_on_sale_from_gmt");
	cJSON_AddNullToObject(o, "date_on_sale_to");
	cJSON_AddNullToObject(o, "date_on_sale_to_gmt");
	cJSON_AddBoolToObject(o, "on_sale", p->sale >= 0);
	cJSON_AddStringToObject(o, "status", p->status);
	cJSON_AddBoolToObject(o, "purchasable", product_price(p) >= 0);
	cJSON_AddBoolToObject(o, "virtual", 0);
	cJSON_AddBoolToObject(o, "downloadable", 0);
	cJSON_AddArrayToObject(o, "downloads");
	jint(o, "download_limit", -1);
	jint(o, "download_expiry", -1);
	cJSON_AddStringToObject(o, "tax_status", "taxable");
	cJSON_AddStringToObject(o, "tax_class", "");
	stock_fields(w, o, p);
	cJSON_AddStringToObject(o, "stock_status",
	    stock_status_enum[stock_status_view(w, p)]);
	cJSON_AddStringToObject(o, "weight", "");
	d = cJSON_AddObjectToObject(o, "dimensions");
	cJSON_AddStringToObject(d, "length", "");
	cJSON_AddStringToObject(d, "width", "");
	cJSON_AddStringToObject(d, "height", "");
	cJSON_AddStringToObject(o, "shipping_class", "");
	jint(o, "shipping_class_id", 0);
	cJSON_AddNullToObject(o, "image");
	cJSON_AddItemToObject(o, "attributes", attrs_json(p));
	jint(o, "menu_order", 0);
	cJSON_AddArrayToObject(o, "meta_data");
	s = xasprintf("/products/%lld/variations/%lld", (long long)pid,
	    (long long)p->id);
	coll = xasprintf("/products/%lld/variations", (long long)pid);
	up = xasprintf("/products/%lld", (long long)pid);
	jlinks(o, home, s, coll, up);
	free(up);
	free(s);
	free(coll);
	return o;
}

/* Orders as the API shows them. */

static long
order_total(const struct order *o)
{
	long	t = 0;
	int	i;

	for (i = 0; i < o->nitems; i++)
		t += o->items[i].total;
	return t;
}

static long
order_refunded(const struct order *o)
{
	long	t = 0;
	int	i;

	for (i = 0; i < o->nrefunds; i++)
		t += o->refunds[i].amount;
	return t;
}

/* How many of an item's units refunds have taken back (positive). */
static int
item_refunded_qty(const struct order *o, const struct item *it)
{
	int	i, j, q = 0;

	for (i = 0; i < o->nrefunds; i++) {
		for (j = 0; j < o->refunds[i].nitems; j++) {
			if (o->refunds[i].items[j].item_id == it->id)
				q -= o->refunds[i].items[j].qty;
		}
	}
	return q;
}

static void
meta_add(cJSON *a, int64_t id, const char *key, const char *value,
    const char *display_key)
{
	cJSON	*m = cJSON_CreateObject();

	jint(m, "id", id);
	cJSON_AddStringToObject(m, "key", key);
	cJSON_AddStringToObject(m, "value", value);
	cJSON_AddStringToObject(m, "display_key", display_key);
	cJSON_AddStringToObject(m, "display_value", value);
	cJSON_AddItemToArray(a, m);
}

static char *
lower_dup(const char *s)
{
	char	*l = xstrdup(s), *p;

	for (p = l; *p != '\0'; p++)
		*p = *p == ' ' ? '-' : (char)tolower((unsigned char)*p);
	return l;
}

static cJSON *
item_json(const struct item *it)
{
	cJSON	*o, *m, *img;
	char	 buf[32], *k;
	int	 i;

	o = cJSON_CreateObject();
	jint(o, "id", it->id);
	cJSON_AddStringToObject(o, "name", it->name);
	jint(o, "product_id", it->product_id);
	jint(o, "variation_id", it->variation_id);
	jint(o, "quantity", it->qty);
	cJSON_AddStringToObject(o, "tax_class", "");
	jmoney(o, "subtotal", it->total);
	cJSON_AddStringToObject(o, "subtotal_tax", "0.00");
	jmoney(o, "total", it->total);
	cJSON_AddStringToObject(o, "total_tax", "0.00");
	cJSON_AddArrayToObject(o, "taxes");
	m = cJSON_AddArrayToObject(o, "meta_data");
	for (i = 0; i < it->nattrs; i++) {
		k = lower_dup(it->attrs[i].name);
		meta_add(m, it->attr_mids[i], k, it->attrs[i].option,
		    it->attrs[i].name);
		free(k);
	}
	if (it->has_reduced) {
		snprintf(buf, sizeof buf, "%lld", it->reduced);
		meta_add(m, it->reduced_mid, "_reduced_stock", buf,
		    "_reduced_stock");
	}
	if (it->has_restocked) {
		snprintf(buf, sizeof buf, "%lld", it->restocked);
		meta_add(m, it->restocked_mid, "_restock_refunded_items", buf,
		    "_restock_refunded_items");
	}
	cJSON_AddStringToObject(o, "sku", it->sku);
	/* Line-item price is a number, unlike every other amount. */
	cJSON_AddNumberToObject(o, "price", it->price / 100.0);
	img = cJSON_AddObjectToObject(o, "image");
	cJSON_AddStringToObject(img, "id", "");
	cJSON_AddStringToObject(img, "src", "");
	jstr(o, "parent_name", it->parent_name);
	return o;
}

static cJSON *
address_json(const struct order *o, int billing)
{
	cJSON	*a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "first_name", o->first_name);
	cJSON_AddStringToObject(a, "last_name", o->last_name);
	cJSON_AddStringToObject(a, "company", "");
	cJSON_AddStringToObject(a, "address_1", "");
	cJSON_AddStringToObject(a, "address_2", "");
	cJSON_AddStringToObject(a, "city", "");
	cJSON_AddStringToObject(a, "state", "");
	cJSON_AddStringToObject(a, "postcode", "");
	cJSON_AddStringToObject(a, "country", "");
	if (billing)
		cJSON_AddStringToObject(a, "email", o->email);
	cJSON_AddStringToObject(a, "phone", "");
	return a;
}

static int
status_needs_payment(const char *s)
{
	return strcmp(s, "pending") == 0 || strcmp(s, "failed") == 0;
}

static cJSON *
order_json(struct woo *w, const char *home, const struct order *o)
{
	cJSON	*j, *a, *r;
	char	*s;
	int	 i;

	j = cJSON_CreateObject();
	jint(j, "id", o->id);
	jint(j, "parent_id", 0);
	cJSON_AddStringToObject(j, "status", o->status);
	cJSON_AddStringToObject(j, "currency", "EUR");
	cJSON_AddStringToObject(j, "version",
	    w->version >= WOO_V94 ? "9.4.3" : "7.9.0");
	cJSON_AddBoolToObject(j, "prices_include_tax", 0);
	jdates(j, "date_created", o->created);
	jdates(j, "date_modified", o->modified);
	cJSON_AddStringToObject(j, "discount_total", "0.00");
	cJSON_AddStringToObject(j, "discount_tax", "0.00");
	cJSON_AddStringToObject(j, "shipping_total", "0.00");
	cJSON_AddStringToObject(j, "shipping_tax", "0.00");
	cJSON_AddStringToObject(j, "cart_tax", "0.00");
	jmoney(j, "total", order_total(o));
	cJSON_AddStringToObject(j, "total_tax", "0.00");
	jint(j, "customer_id", 0);
	cJSON_AddStringToObject(j, "order_key", o->order_key);
	cJSON_AddItemToObject(j, "billing", address_json(o, 1));
	cJSON_AddItemToObject(j, "shipping", address_json(o, 0));
	cJSON_AddStringToObject(j, "payment_method", o->payment_method);
	cJSON_AddStringToObject(j, "payment_method_title", o->payment_title);
	cJSON_AddStringToObject(j, "transaction_id", "");
	cJSON_AddStringToObject(j, "customer_ip_address", "");
	cJSON_AddStringToObject(j, "customer_user_agent", "");
	cJSON_AddStringToObject(j, "created_via", o->created_via);
	cJSON_AddStringToObject(j, "customer_note", o->customer_note);
	jdates(j, "date_completed", o->completed);
	jdates(j, "date_paid", o->paid);
	cJSON_AddStringToObject(j, "cart_hash", "");
	s = xasprintf("%lld", (long long)o->id);
	cJSON_AddStringToObject(j, "number", s);
	free(s);
	cJSON_AddArrayToObject(j, "meta_data");
	a = cJSON_AddArrayToObject(j, "line_items");
	for (i = 0; i < o->nitems; i++)
		cJSON_AddItemToArray(a, item_json(&o->items[i]));
	cJSON_AddArrayToObject(j, "tax_lines");
	cJSON_AddArrayToObject(j, "shipping_lines");
	cJSON_AddArrayToObject(j, "fee_lines");
	cJSON_AddArrayToObject(j, "coupon_lines");
	a = cJSON_AddArrayToObject(j, "refunds");
	for (i = 0; i < o->nrefunds; i++) {
		r = cJSON_CreateObject();
		jint(r, "id", o->refunds[i].id);
		cJSON_AddStringToObject(r, "reason", o->refunds[i].reason);
		jmoney(r, "total", -o->refunds[i].amount);
		cJSON_AddItemToArray(a, r);
	}
	s = xasprintf("%s/checkout/order-pay/%lld/?pay_for_order=true&key=%s",
	    home, (long long)o->id, o->order_key);
	cJSON_AddStringToObject(j, "payment_url", s);
	free(s);
	cJSON_AddBoolToObject(j, "is_editable", strcmp(o->status, "pending") ==
	    0 || strcmp(o->status, "on-hold") == 0);
	cJSON_AddBoolToObject(j, "needs_payment",
	    status_needs_payment(o->status) && order_total(o) > 0);
	cJSON_AddBoolToObject(j, "needs_processing", 1);
	cJSON_AddStringToObject(j, "currency_symbol", "\xe2\x82\xac");
	s = xasprintf("/orders/%lld", (long long)o->id);
	jlinks(j, home, s, "/orders", NULL);
	free(s);
	return j;
}

static cJSON *
refund_json(const char *home, const struct order *o, const struct refund *r)
{
	cJSON	*j, *a, *it, *m;
	char	 buf[32], *s;
	int	 i;

	j = cJSON_CreateObject();
	jint(j, "id", r->id);
	jdates(j, "date_created", r->created);
	jmoney(j, "amount", r->amount);
	cJSON_AddStringToObject(j, "reason", r->reason);
	jint(j, "refunded_by", 1);
	cJSON_AddBoolToObject(j, "refunded_payment", r->refunded_payment);
	cJSON_AddArrayToObject(j, "meta_data");
	a = cJSON_AddArrayToObject(j, "line_items");
	for (i = 0; i < r->nitems; i++) {
		const struct ritem *ri = &r->items[i];

		it = cJSON_CreateObject();
		jint(it, "id", ri->id);
		cJSON_AddStringToObject(it, "name", ri->name);
		jint(it, "product_id", ri->product_id);
		jint(it, "variation_id", ri->variation_id);
		jint(it, "quantity", ri->qty);
		cJSON_AddStringToObject(it, "tax_class", "");
		jmoney(it, "subtotal", ri->total);
		cJSON_AddStringToObject(it, "subtotal_tax", "0.00");
		jmoney(it, "total", ri->total);
		cJSON_AddStringToObject(it, "total_tax", "0.00");
		cJSON_AddArrayToObject(it, "taxes");
		m = cJSON_AddArrayToObject(it, "meta_data");
		snprintf(buf, sizeof buf, "%lld", (long long)ri->item_id);
		meta_add(m, ri->mid, "_refunded_item_id", buf,
		    "_refunded_item_id");
		cJSON_AddStringToObject(it, "sku", ri->sku);
		cJSON_AddNumberToObject(it, "price", ri->qty != 0 ?
		    (ri->total / 100.0) / ri->qty : 0);
		cJSON_AddItemToArray(a, it);
	}
	cJSON_AddArrayToObject(j, "shipping_lines");
	cJSON_AddArrayToObject(j, "tax_lines");
	cJSON_AddArrayToObject(j, "fee_lines");
	s = xasprintf("/orders/%lld/refunds/%lld", (long long)o->id,
	    (long long)r->id);
	{
		char	*coll = xasprintf("/orders/%lld/refunds",
		    (long long)o->id);
		char	*up = xasprintf("/orders/%lld", (long long)o->id);

		jlinks(j, home, s, coll, up);
		free(coll);
		free(up);
	}
	free(s);
	return j;
}

static cJSON *
note_json(const char *home, const struct order *o, const struct note *n)
{
	cJSON	*j = cJSON_CreateObject();
	char	*s, *coll, *up;

	jint(j, "id", n->id);
	cJSON_AddStringToObject(j, "author", "system");
	jdates(j, "date_created", n->created);
	cJSON_AddStringToObject(j, "note", n->text);
	cJSON_AddBoolToObject(j, "customer_note", n->customer);
	s = xasprintf("/orders/%lld/notes/%lld", (long long)o->id,
	    (long long)n->id);
	coll = xasprintf("/orders/%lld/notes", (long long)o->id);
	up = xasprintf("/orders/%lld", (long long)o->id);
	jlinks(j, home, s, coll, up);
	free(s);
	free(coll);
	free(up);
	return j;
}

static cJSON *
hook_json(const char *home, const struct webhook *h)
{
	cJSON	*j = cJSON_CreateObject(), *a;
	char	*res, *ev, *s;

	jint(j, "id", h->id);
	cJSON_AddStringToObject(j, "name", h->name);
	cJSON_AddStringToObject(j, "status", h->status);
	cJSON_AddStringToObject(j, "topic", h->topic);
	res = xstrdup(h->topic);
	if ((ev = strchr(res, '.')) != NULL)
		*ev++ = '\0';
	cJSON_AddStringToObject(j, "resource", res);
	cJSON_AddStringToObject(j, "event", ev != NULL ? ev : "");
	a = cJSON_AddArrayToObject(j, "hooks");
	s = xasprintf("woocommerce_%s_%s", ev != NULL && strcmp(ev,
	    "created") == 0 ? "new" : ev != NULL ? ev : "", res);
	cJSON_AddItemToArray(a, cJSON_CreateString(s));
	free(s);
	free(res);
	cJSON_AddStringToObject(j, "delivery_url", h->delivery_url);
	jdates(j, "date_created", h->created);
	jdates(j, "date_modified", h->modified);
	s = xasprintf("/webhooks/%lld", (long long)h->id);
	jlinks(j, home, s, "/webhooks", NULL);
	free(s);
	return j;
}

/* Webhooks: queueing, delivery and the ping. */

/*
 * Queue a delivery of resource (kind, id) to every active webhook on
 * topic; a delivery already waiting for the same webhook and resource
 * absorbs it (WooCommerce's coalescing). Called with w->lock held.
 */
static void
fire(struct woo *w, const char *topic, int kind, int64_t id)
{
	struct webhook	*h;
	struct job	*j;
	int		 i, k, dup;

	for (i = 0; i < w->nhooks; i++) {
		h = w->hooks[i];
		if (h->deleted || strcmp(h->status, "active") != 0 ||
		    strcmp(h->topic, topic) != 0)
			continue;
		dup = 0;
		for (k = 0; k < w->njobs; k++) {
			if (w->jobs[k].hook == h->id &&
			    w->jobs[k].kind == kind && w->jobs[k].rid == id)
				dup = 1;
		}
		if (dup)
			continue;
		if (w->njobs == w->cjobs) {
			w->cjobs = w->cjobs == 0 ? 16 : w->cjobs * 2;
			w->jobs = xrealloc(w->jobs,
			    (size_t)w->cjobs * sizeof *w->jobs);
		}
		j = &w->jobs[w->njobs++];
		j->hook = h->id;
		j->kind = kind;
		j->rid = id;
		j->deleted = strstr(topic, ".deleted") != NULL;
		j->due_ms = mono_ms() + w->webhook_delay_ms;
		pthread_cond_signal(&w->cond);
	}
}

/* Split http://host[:port]/path. 0 on success. */
static int
url_split(const char *url, char *host, size_t hlen, char *port, size_t plen,
    const char **path)
{
	const char	*h, *end, *colon;
	size_t		 n;

	if (strncasecmp(url, "http://", 7) != 0)
		return -1;
	h = url + 7;
	end = h + strcspn(h, "/?#");
	*path = *end == '\0' ? "/" : end;
	if (*h == '[') {
		const char *rb = memchr(h, ']', (size_t)(end - h));

		if (rb == NULL)
			return -1;
		n = (size_t)(rb - h - 1);
		if (n >= hlen)
			return -1;
		memcpy(host, h + 1, n);
		host[n] = '\0';
		colon = rb[1] == ':' ? rb + 1 : NULL;
	} else {
		colon = memchr(h, ':', (size_t)(end - h));
		n = (size_t)((colon != NULL ? colon : end) - h);
		if (n == 0 || n >= hlen)
			return -1;
		memcpy(host, h, n);
		host[n] = '\0';
	}
	if (colon != NULL) {
		n = (size_t)(end - colon - 1);
		if (n == 0 || n >= plen)
			return -1;
		memcpy(port, colon + 1, n);
		port[n] = '\0';
	} else
		snprintf(port, plen, "80");
	return 0;
}

static int
connect_timeout(const char *host, const char *port, int timeout_ms)
{
	struct addrinfo	 hints, *res = NULL, *ai;
	struct pollfd	 pfd;
	socklen_t	 sl;
	int		 fd = -1, err, flags;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return -1;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype,
		    ai->ai_protocol)) == -1)
			continue;
		flags = fcntl(fd, F_GETFL);
		fcntl(fd, F_SETFL, flags | O_NONBLOCK);
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			goto connected;
		if (errno == EINPROGRESS) {
			pfd.fd = fd;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, timeout_ms) == 1) {
				err = 0;
				sl = sizeof err;
				if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
				    &sl) == 0 && err == 0)
					goto connected;
			}
		}
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return -1;

connected:
	fcntl(fd, F_SETFL, flags);
	freeaddrinfo(res);
	return fd;
}

/*
 * POST body to url with extra header lines (each ending in CRLF); the
 * HTTP status, or -1 if there was no answer. No TLS: https URLs fail.
 */
static int
http_post(const char *url, const char *ctype, const char *headers,
    const char *body, size_t len, int timeout_ms)
{
	char		 host[256], port[16], resp[512];
	const char	*path;
	struct timeval	 tv;
	struct buf	 req = { NULL, 0, 0 };
	size_t		 off = 0, got = 0;
	ssize_t		 n;
	int		 fd, status = -1;

	if (url_split(url, host, sizeof host, port, sizeof port, &path) != 0)
		return -1;
	if ((fd = connect_timeout(host, port, timeout_ms)) == -1)
		return -1;
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	buf_printf(&req, "POST %s HTTP/1.1\r\nHost: %s%s%s\r\n"
	    "User-Agent: WooCommerce/7.9.0 Hookshot (WordPress/6.3.1)\r\n"
	    "Content-Type: %s\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n%s\r\n", path, host,
	    strcmp(port, "80") == 0 ? "" : ":",
	    strcmp(port, "80") == 0 ? "" : port, ctype, len, headers);
	while (off < req.len) {
		n = send(fd, req.s + off, req.len - off, MSG_NOSIGNAL);
		if (n <= 0)
			goto out;
		off += (size_t)n;
	}
	off = 0;
	while (off < len) {
		n = send(fd, body + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			goto out;
		off += (size_t)n;
	}
	while (got < sizeof resp - 1 && memchr(resp, '\n', got) == NULL) {
		n = recv(fd, resp + got, sizeof resp - 1 - got, 0);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	resp[got] = '\0';
	if (strncmp(resp, "HTTP/1.", 7) == 0 && got >= 12)
		status = atoi(resp + 9);
	/* Drain the rest, so the receiver sees an orderly close. */
	while ((n = recv(fd, resp, sizeof resp, 0)) > 0)
		;
out:
	free(req.s);
	close(fd);
	return status;
}

/* The ping sent when a webhook is saved and no ping has succeeded yet. */
static void
hook_ping(struct woo *w, struct webhook *h)
{
	char	*body;
	int	 status;

	if (!h->pending_delivery || strcmp(h->status, "active") != 0)
		return;
	body = xasprintf("webhook_id=%lld", (long long)h->id);
	status = http_post(h->delivery_url,
	    "application/x-www-form-urlencoded", "", body, strlen(body), 5000);
	if (status >= 200 && status < 300)
		h->pending_delivery = 0;
	free(body);
}

static void
base64(const unsigned char *in, size_t n, char *out)
{
	EVP_EncodeBlock((unsigned char *)out, in, (int)n);
}

/* A delivery, copied out of the store so it can be sent unlocked. */
struct delivery {
	int64_t		 hook;
	char		*url;
	char		*topic;
	char		*body;
	char		*headers;
	char		 id[33];
	int64_t		 rid;
};

/* Take the next due job and build its delivery; 0 if none is due. */
static int
hook_take(struct woo *w, struct delivery *d, int64_t *wait_ms)
{
	struct job	 j;
	struct webhook	*h;
	struct product	*p;
	struct order	*o;
	unsigned char	 mac[EVP_MAX_MD_SIZE], rb[16];
	unsigned int	 maclen = 0;
	char		 sig[128], *res, *ev;
	cJSON		*body;
	int64_t		 now = mono_ms();
	int		 i, best = -1;

	for (i = 0; i < w->njobs; i++) {
		if (best < 0 || w->jobs[i].due_ms < w->jobs[best].due_ms)
			best = i;
	}
	if (best < 0) {
		*wait_ms = -1;
		return 0;
	}
	if (w->jobs[best].due_ms > now) {
		*wait_ms = w->jobs[best].due_ms - now;
		return 0;
	}
	j = w->jobs[best];
	w->jobs[best] = w->jobs[--w->njobs];
	*wait_ms = 0;

	if ((h = hook_find(w, j.hook)) == NULL ||
	    strcmp(h->status, "active") != 0)
		return 0;
	/* The body is built now, from the store as it is when sent. */
	body = NULL;
	if (j.deleted) {
		body = cJSON_CreateObject();
		jint(body, "id", j.rid);
	} else if (j.kind == R_PRODUCT &&
	    (p = product_find(w, j.rid)) != NULL)
		body = product_json(w, w->home, p);
	else if (j.kind == R_ORDER && (o = order_find(w, j.rid)) != NULL)
		body = order_json(w, w->home, o);
	if (body == NULL)
		return 0;
	memset(d, 0, sizeof *d);
	d->hook = h->id;
	d->rid = j.rid;
	d->url = xstrdup(h->delivery_url);
	d->topic = xstrdup(h->topic);
	d->body = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	HMAC(EVP_sha256(), h->secret, (int)strlen(h->secret),
	    (unsigned char *)d->body, strlen(d->body), mac, &maclen);
	base64(mac, maclen, sig);
	if (RAND_bytes(rb, sizeof rb) != 1) {
		for (i = 0; i < 16; i++)
			rb[i] = (unsigned char)rnd(w);
	}
	for (i = 0; i < 16; i++)
		snprintf(d->id + 2 * i, 3, "%02x", rb[i]);
	res = xstrdup(h->topic);
	if ((ev = strchr(res, '.')) != NULL)
		*ev++ = '\0';
	d->headers = xasprintf("X-WC-Webhook-Source: %s/\r\n"
	    "X-WC-Webhook-Topic: %s\r\nX-WC-Webhook-Resource: %s\r\n"
	    "X-WC-Webhook-Event: %s\r\nX-WC-Webhook-Signature: %s\r\n"
	    "X-WC-Webhook-ID: %lld\r\nX-WC-Webhook-Delivery-ID: %s\r\n",
	    w->home, h->topic, res, ev != NULL ? ev : "", sig,
	    (long long)h->id, d->id);
	free(res);
	return 1;
}

static void
delivery_free(struct delivery *d)
{
	free(d->url);
	free(d->topic);
	free(d->body);
	free(d->headers);
}

/*
 * Record a delivery's outcome: 200-302 is a success and resets the
 * failure count; otherwise the count grows and, once past the maximum
 * (WooCommerce's "> 5", so at the 7th failure), the webhook is disabled.
 * No retries. Called with w->lock held.
 */
static void
hook_result(struct woo *w, const struct delivery *d, int status)
{
	struct webhook	*h = hook_find(w, d->hook);
	cJSON		*e;
	int		 ok = status >= 200 && status < 303;

	e = cJSON_CreateObject();
	jint(e, "webhook_id", d->hook);
	cJSON_AddStringToObject(e, "topic", d->topic);
	jint(e, "resource_id", d->rid);
	cJSON_AddStringToObject(e, "delivery_id", d->id);
	jint(e, "status", status);
	cJSON_AddBoolToObject(e, "ok", ok);
	cJSON_AddItemToArray(w->deliveries, e);
	if (cJSON_GetArraySize(w->deliveries) > MAX_DELIVERIES)
		cJSON_DeleteItemFromArray(w->deliveries, 0);
	if (h == NULL)
		return;
	if (ok) {
		h->failures = 0;
		return;
	}
	if (h->failures > w->webhook_max_failures)
		snprintf(h->status, sizeof h->status, "disabled");
	else
		h->failures++;
}

/* The delivery thread: sends due jobs one by one, in due order. */
static void *
hook_main(void *arg)
{
	struct woo	*w = arg;
	struct delivery	 d;
	struct timespec	 ts;
	int64_t		 wait_ms;
	int		 status;

	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		if (hook_take(w, &d, &wait_ms)) {
			pthread_mutex_unlock(&w->lock);
			status = http_post(d.url, "application/json", d.headers,
			    d.body, strlen(d.body), 5000);
			pthread_mutex_lock(&w->lock);
			hook_result(w, &d, status);
			delivery_free(&d);
			continue;
		}
		if (wait_ms == 0)
			continue;
		if (wait_ms < 0)
			pthread_cond_wait(&w->cond, &w->lock);
		else {
			clock_gettime(CLOCK_MONOTONIC, &ts);
			ts.tv_sec += wait_ms / 1000;
			ts.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&w->cond, &w->lock, &ts);
		}
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* The stock engine: what WooCommerce itself does to stock. */

/*
 * Every save of a product bumps date_modified_gmt and fires
 * product.updated; on 7.9 a variation's save bumps its parent too.
 */
static void
stock_changed(struct woo *w, struct product *p)
{
	struct product	*par;

	p->modified = wnow(w);
	fire(w, "product.updated", R_PRODUCT, p->id);
	if (w->version < WOO_V94 && (par = product_parent(w, p)) != NULL) {
		par->modified = p->modified;
		fire(w, "product.updated", R_PRODUCT, par->id);
	}
}

static int
reduces_stock(const char *status)
{
	return strcmp(status, "processing") == 0 ||
	    strcmp(status, "on-hold") == 0 ||
	    strcmp(status, "completed") == 0;
}

static struct product *
item_product(struct woo *w, const struct item *it)
{
	return product_find(w, it->variation_id != 0 ? it->variation_id :
	    it->product_id);
}

static void
change_note(struct woo *w, struct buf *b, struct product *p, long long from,
    long long to)
{
	char	*n = product_formatted_name(w, p);

	buf_printf(b, "%s%s %lld&rarr;%lld", b->len == 0 ? "" : ", ", n, from,
	    to);
	free(n);
}

/* wc_reduce_stock_levels(): once per order, into a paid status. */
static void
order_reduce(struct woo *w, struct order *o)
{
	struct buf	 b = { NULL, 0, 0 };
	struct product	*p, *owner;
	struct item	*it;
	long long	 from;
	int		 i;

	if (o->stock_reduced)
		return;
	for (i = 0; i < o->nitems; i++) {
		it = &o->items[i];
		p = item_product(w, it);
		if ((owner = stock_owner(w, p)) == NULL || it->has_reduced)
			continue;
		from = owner->qty;
		owner->qty -= it->qty;
		owner->total_sales += it->qty;
		it->has_reduced = 1;
		it->reduced = it->qty;
		if (it->reduced_mid == 0)
			it->reduced_mid = w->next_meta_id++;
		change_note(w, &b, p, from, owner->qty);
		stock_changed(w, owner);
	}
	o->stock_reduced = 1;
	if (b.s != NULL) {
		char	*t = xasprintf("Stock levels reduced: %s", b.s);

		order_note(w, o, t);
		free(t);
	}
	free(b.s);
}

/* wc_increase_stock_levels(): into cancelled or pending. */
static void
order_increase(struct woo *w, struct order *o)
{
	struct buf	 b = { NULL, 0, 0 };
	struct product	*p, *owner;
	struct item	*it;
	long long	 from;
	int		 i;

	if (!o->stock_reduced)
		return;
	for (i = 0; i < o->nitems; i++) {
		it = &o->items[i];
		/* PHP: a "0" meta is false, so it is skipped and kept. */
		if (!it->has_reduced || it->reduced == 0)
			continue;
		p = item_product(w, it);
		if ((owner = stock_owner(w, p)) == NULL)
			continue;
		from = owner->qty;
		owner->qty += it->reduced;
		it->has_reduced = 0;
		it->reduced = 0;
		change_note(w, &b, p, from, owner->qty);
		stock_changed(w, owner);
	}
	o->stock_reduced = 0;
	if (b.s != NULL) {
		char	*t = xasprintf("Stock levels increased: %s", b.s);

		order_note(w, o, t);
		free(t);
	}
	free(b.s);
}

static struct refund *
refund_new(struct woo *w, struct order *o, long amount, const char *reason)
{
	struct refund	*r;

	o->refunds = xrealloc(o->refunds, (size_t)(o->nrefunds + 1) *
	    sizeof *o->refunds);
	r = &o->refunds[o->nrefunds++];
	memset(r, 0, sizeof *r);
	r->id = next_post_id(w);
	r->created = wnow(w);
	r->amount = amount;
	r->reason = xstrdup(reason != NULL ? reason : "");
	return r;
}

/* wc_order_fully_refunded(): a bare change to refunded. No restock. */
static void
order_fully_refunded(struct woo *w, struct order *o)
{
	long	max = order_total(o) - order_refunded(o);

	if (max <= 0)
		return;
	refund_new(w, o, max, "Order fully refunded.");
	order_note(w, o, "Order status set to refunded. To return funds to "
	    "the customer you will need to issue a refund through your "
	    "payment gateway.");
}

static const char *
status_label(const char *s)
{
	int	i = in_list(s, order_status_enum, NITEMS(order_status_enum));

	return i >= 0 ? order_status_labels[i] : s;
}

/*
 * The one place an order's status changes, with WooCommerce's hooks:
 *
 *   -> processing, on-hold, completed   order_reduce() (once per order)
 *   -> cancelled, pending               order_increase()
 *   -> failed                           nothing: the deduction stays
 *   -> refunded                         order_fully_refunded(), no stock
 */
static void
order_set_status(struct woo *w, struct order *o, const char *status)
{
	char	*t;

	if (strcmp(o->status, status) == 0)
		return;
	t = xasprintf("Order status changed from %s to %s.",
	    status_label(o->status), status_label(status));
	snprintf(o->status, sizeof o->status, "%s", status);
	o->modified = wnow(w);
	order_note(w, o, t);
	free(t);
	if ((strcmp(status, "processing") == 0 ||
	    strcmp(status, "completed") == 0) && o->paid == 0)
		o->paid = o->modified;
	if (strcmp(status, "completed") == 0 && o->completed == 0)
		o->completed = o->modified;
	if (reduces_stock(status))
		order_reduce(w, o);
	else if (strcmp(status, "cancelled") == 0 ||
	    strcmp(status, "pending") == 0)
		order_increase(w, o);
	else if (strcmp(status, "refunded") == 0)
		order_fully_refunded(w, o);
	fire(w, "order.updated", R_ORDER, o->id);
}

/* WC_Order::payment_complete() for set_paid:true. */
static void
order_payment_complete(struct woo *w, struct order *o)
{
	if (strcmp(o->status, "on-hold") != 0 &&
	    strcmp(o->status, "pending") != 0 &&
	    strcmp(o->status, "failed") != 0 &&
	    strcmp(o->status, "cancelled") != 0)
		return;
	o->paid = wnow(w);
	order_set_status(w, o, "processing");
}

static void
werr_set(struct werr *e, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
werr_set(struct werr *e, int status, const char *code, const char *fmt, ...)
{
	va_list	ap;

	e->status = status;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
}

/* A refund request, parsed. */
struct refund_req {
	long		 amount;	/* cents; -1: from the items */
	const char	*reason;
	int		 restock;
	int		 refunded_payment;
	int		 n;
	int64_t		 item[64];
	int		 qty[64];	/* positive */
	long		 total[64];	/* cents; -1: qty x price */
};

/*
 * wc_create_refund() with wc_restock_refunded_items(): refund line items
 * get a negative quantity and _refunded_item_id; with restock, each
 * item's stock comes back and its _reduced_stock goes down by the refunded
 * quantity while _restock_refunded_items goes up. A refund of all that is
 * left makes the order refunded.
 */
static struct refund *
order_refund(struct woo *w, struct order *o, const struct refund_req *rr,
    struct werr *e)
{
	struct refund	*r;
	struct ritem	*ri;
	struct item	*it;
	struct product	*p, *owner;
	struct buf	 b = { NULL, 0, 0 };
	long		 amount = rr->amount, remaining, line;
	long long	 from;
	int		 i, k;

	remaining = order_total(o) - order_refunded(o);
	if (amount < 0) {
		amount = 0;
		for (i = 0; i < rr->n; i++) {
			for (k = 0; k < o->nitems; k++) {
				if (o->items[k].id != rr->item[i])
					continue;
				amount += rr->total[i] >= 0 ? rr->total[i] :
				    o->items[k].price * rr->qty[i];
			}
		}
	}
	if (amount < 0 || amount > remaining) {
		werr_set(e, 500, "woocommerce_rest_cannot_create_order_refund",
		    "Invalid refund amount.");
		return NULL;
	}
	r = refund_new(w, o, amount, rr->reason);
	r->refunded_payment = rr->refunded_payment;
	for (i = 0; i < rr->n; i++) {
		it = NULL;
		for (k = 0; k < o->nitems; k++) {
			if (o->items[k].id == rr->item[i])
				it = &o->items[k];
		}
		if (it == NULL)
			continue;	/* not this order's: ignored */
		line = rr->total[i] >= 0 ? rr->total[i] :
		    it->price * rr->qty[i];
		r->items = xrealloc(r->items, (size_t)(r->nitems + 1) *
		    sizeof *r->items);
		ri = &r->items[r->nitems++];
		memset(ri, 0, sizeof *ri);
		ri->id = w->next_item_id++;
		ri->item_id = it->id;
		ri->product_id = it->product_id;
		ri->variation_id = it->variation_id;
		ri->name = xstrdup(it->name);
		ri->sku = xstrdup(it->sku);
		ri->qty = -rr->qty[i];
		ri->total = -line;
		ri->mid = w->next_meta_id++;
		if (!rr->restock || rr->qty[i] == 0)
			continue;
		p = item_product(w, it);
		if (!it->has_reduced || it->reduced == 0 ||
		    (owner = stock_owner(w, p)) == NULL)
			continue;
		from = owner->qty;
		owner->qty += rr->qty[i];
		it->reduced -= rr->qty[i];
		if (!it->has_restocked)
			it->restocked_mid = w->next_meta_id++;
		it->has_restocked = 1;
		it->restocked += rr->qty[i];
		buf_printf(&b, "Item #%lld stock increased from %lld to %lld.",
		    (long long)p->id, from, owner->qty);
		order_note(w, o, b.s);
		b.len = 0;
		stock_changed(w, owner);
	}
	free(b.s);
	o->modified = wnow(w);
	{
		char	 money[32], *t;

		fmt_money(amount, money, sizeof money);
		t = xasprintf("Refunded &euro;%s%s%s", money,
		    *r->reason != '\0' ? " &ndash; " : "", r->reason);
		order_note(w, o, t);
		free(t);
	}
	if (remaining - amount <= 0)
		order_set_status(w, o, "refunded");
	else
		fire(w, "order.updated", R_ORDER, o->id);
	return r;
}

static void
item_fill(struct woo *w, struct item *it, struct product *p, int qty,
    long total)
{
	struct product	*par = product_parent(w, p);
	int		 i;

	memset(it, 0, sizeof *it);
	it->id = w->next_item_id++;
	it->product_id = par != NULL ? par->id : p->id;
	it->variation_id = par != NULL ? p->id : 0;
	it->name = product_name(w, p);
	it->parent_name = par != NULL ? xstrdup(par->name) : NULL;
	it->sku = xstrdup(p->sku);
	it->qty = qty;
	it->price = product_price(p) >= 0 ? product_price(p) : 0;
	if (total >= 0) {
		it->total = total;
		it->price = qty != 0 ? total / qty : 0;
	} else
		it->total = it->price * qty;
	if (p->nattrs > 0) {
		it->attrs = xcalloc((size_t)p->nattrs, sizeof *it->attrs);
		it->attr_mids = xcalloc((size_t)p->nattrs,
		    sizeof *it->attr_mids);
		for (i = 0; i < p->nattrs; i++) {
			it->attrs[i].name = xstrdup(p->attrs[i].name);
			it->attrs[i].option = xstrdup(p->attrs[i].option);
			it->attr_mids[i] = w->next_meta_id++;
		}
		it->nattrs = p->nattrs;
	}
}

static struct item *
order_item_add(struct woo *w, struct order *o, struct product *p, int qty,
    long total)
{
	o->items = xrealloc(o->items, (size_t)(o->nitems + 1) *
	    sizeof *o->items);
	item_fill(w, &o->items[o->nitems], p, qty, total);
	return &o->items[o->nitems++];
}

/*
 * wc_maybe_adjust_line_item_product_stock(): a quantity edit on an order
 * whose stock is reduced moves stock by the difference between what the
 * line now needs (less refunds) and its _reduced_stock. qty 0 removes.
 */
static void
item_adjust(struct woo *w, struct order *o, struct item *it, int qty)
{
	struct product	*p, *owner;
	long long	 need, already, diff, from;
	char		*n, *t;

	it->qty = qty;
	it->total = it->price * qty;
	if (!reduces_stock(o->status) || !o->stock_reduced)
		return;
	p = item_product(w, it);
	if ((owner = stock_owner(w, p)) == NULL)
		return;
	need = qty == 0 ? 0 : qty - item_refunded_qty(o, it);
	if (need < 0)
		need = 0;
	already = it->has_reduced ? it->reduced : 0;
	diff = need - already;
	if (diff == 0)
		return;
	from = owner->qty;
	owner->qty -= diff;
	if (!it->has_reduced)
		it->reduced_mid = w->next_meta_id++;
	it->has_reduced = 1;
	it->reduced = need;
	n = product_formatted_name(w, p);
	t = xasprintf("Adjusted stock: %s %lld&rarr;%lld", n, from,
	    owner->qty);
	order_note(w, o, t);
	free(t);
	free(n);
	stock_changed(w, owner);
}

static void
order_item_remove(struct woo *w, struct order *o, int i)
{
	struct item	*it = &o->items[i];
	int		 j;

	item_adjust(w, o, it, 0);
	for (j = 0; j < it->nattrs; j++) {
		free(it->attrs[j].name);
		free(it->attrs[j].option);
	}
	free(it->attrs);
	free(it->attr_mids);
	free(it->name);
	free(it->parent_name);
	free(it->sku);
	for (j = i; j < o->nitems - 1; j++)
		o->items[j] = o->items[j + 1];
	o->nitems--;
}

/* Answers: the error shape and rest_invalid_param. */

static void
rest_error(struct rq *r, int status, const char *code, const char *msg)
{
	cJSON	*j = cJSON_CreateObject(), *d;

	cJSON_AddStringToObject(j, "code", code);
	cJSON_AddStringToObject(j, "message", msg);
	d = cJSON_AddObjectToObject(j, "data");
	jint(d, "status", status);
	fake_resp_json(r->resp, status, j);
}

static void
rest_werr(struct rq *r, const struct werr *e)
{
	rest_error(r, e->status, e->code, e->msg);
}

static void
no_route(struct rq *r)
{
	rest_error(r, 404, "rest_no_route",
	    "No route was found matching the URL and request method.");
}

static void
inval_init(struct inval *v)
{
	memset(v, 0, sizeof *v);
}

/* data NULL is JSON null, as for rest_out_of_bounds and rest_not_in_enum. */
static void
inval_add(struct inval *v, const char *param, const char *code,
    const char *msg, int with_param)
{
	cJSON	*d;
	size_t	 len;

	if (v->params == NULL) {
		v->params = cJSON_CreateObject();
		v->details = cJSON_CreateObject();
	}
	if (cJSON_GetObjectItem(v->params, param) != NULL)
		return;
	cJSON_AddStringToObject(v->params, param, msg);
	d = cJSON_AddObjectToObject(v->details, param);
	cJSON_AddStringToObject(d, "code", code);
	cJSON_AddStringToObject(d, "message", msg);
	if (with_param) {
		cJSON	*data = cJSON_AddObjectToObject(d, "data");

		cJSON_AddStringToObject(data, "param", param);
	} else
		cJSON_AddNullToObject(d, "data");
	len = strlen(v->names);
	snprintf(v->names + len, sizeof v->names - len, "%s%s",
	    v->n > 0 ? ", " : "", param);
	v->n++;
}

static void
inval_type(struct inval *v, const char *param, const char *type)
{
	char	msg[160];

	snprintf(msg, sizeof msg, "%s is not of type %s.", param, type);
	inval_add(v, param, "rest_invalid_type", msg, 1);
}

static void
inval_enum(struct inval *v, const char *param, const char *const *e, int n)
{
	struct buf	b = { NULL, 0, 0 };

	buf_printf(&b, "%s is not one of ", param);
	buf_list(&b, e, n);
	buf_add(&b, ".");
	inval_add(v, param, "rest_not_in_enum", b.s, 0);
	free(b.s);
}

/* Answer with the gathered invalid parameters: -1 if there were any. */
static int
inval_send(struct rq *r, struct inval *v)
{
	cJSON	*j, *d;
	char	 msg[600];

	if (v->n == 0)
		return 0;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "code", "rest_invalid_param");
	snprintf(msg, sizeof msg, "Invalid parameter(s): %s", v->names);
	cJSON_AddStringToObject(j, "message", msg);
	d = cJSON_AddObjectToObject(j, "data");
	jint(d, "status", 400);
	cJSON_AddItemToObject(d, "params", v->params);
	cJSON_AddItemToObject(d, "details", v->details);
	v->params = v->details = NULL;
	fake_resp_json(r->resp, 400, j);
	return -1;
}

static void
inval_free(struct inval *v)
{
	cJSON_Delete(v->params);
	cJSON_Delete(v->details);
	v->params = v->details = NULL;
}

/* Query parameters, validated as WordPress's schema would. */

static const char *
qget(struct rq *r, const char *name)
{
	return oauth1_params_get(&r->q, name);
}

static long long
qint(struct rq *r, struct inval *v, const char *name, long long def,
    long long min, long long max)
{
	const char	*s = qget(r, name);
	cJSON		*tmp;
	long long	 n;
	char		 msg[160];

	if (s == NULL)
		return def;
	tmp = cJSON_CreateString(s);
	if (json_integer(tmp, &n) != 0) {
		cJSON_Delete(tmp);
		inval_type(v, name, "integer");
		return def;
	}
	cJSON_Delete(tmp);
	if (n < min || n > max) {
		if (max == LLONG_MAX)
			snprintf(msg, sizeof msg,
			    "%s must be greater than or equal to %lld", name,
			    min);
		else
			snprintf(msg, sizeof msg, "%s must be between %lld "
			    "(inclusive) and %lld (inclusive)", name, min, max);
		inval_add(v, name, "rest_out_of_bounds", msg, 0);
		return def;
	}
	return n;
}

static const char *
qenum(struct rq *r, struct inval *v, const char *name, const char *def,
    const char *const *e, int n)
{
	const char	*s = qget(r, name);

	if (s == NULL)
		return def;
	if (in_list(s, e, n) < 0) {
		inval_enum(v, name, e, n);
		return def;
	}
	return s;
}

static int
qbool(struct rq *r, struct inval *v, const char *name, int def)
{
	const char	*s = qget(r, name);
	cJSON		*tmp;
	int		 b;

	if (s == NULL)
		return def;
	tmp = cJSON_CreateString(s);
	if (json_boolean(tmp, &b) != 0) {
		inval_type(v, name, "boolean");
		b = def;
	}
	cJSON_Delete(tmp);
	return b;
}

/* A date parameter; 0 if absent or invalid (then noted in v). */
static time_t
qdate(struct rq *r, struct inval *v, const char *name)
{
	const char	*s = qget(r, name);
	time_t		 t;

	if (s == NULL)
		return 0;
	if (parse_date(s, &t) != 0) {
		inval_add(v, name, "rest_invalid_date", "Invalid date.", 0);
		return 0;
	}
	return t;
}

/* A comma list of integers (include, exclude, parent). */
static int
qids(struct rq *r, struct inval *v, const char *name, int64_t *out, int max)
{
	const char	*s = qget(r, name), *p;
	char		*end, pname[80];
	long long	 n;
	int		 count = 0;

	if (s == NULL || *s == '\0')
		return 0;
	for (p = s; *p != '\0' && count < max;) {
		while (*p == ' ')
			p++;
		n = strtoll(p, &end, 10);
		if (end == p) {
			snprintf(pname, sizeof pname, "%s[%d]", name, count);
			inval_type(v, pname, "integer");
			return 0;
		}
		out[count++] = n;
		p = end;
		while (*p == ' ')
			p++;
		if (*p == ',')
			p++;
		else if (*p != '\0') {
			snprintf(pname, sizeof pname, "%s[%d]", name, count);
			inval_type(v, pname, "integer");
			return 0;
		}
	}
	return count;
}

static int
ids_has(const int64_t *v, int n, int64_t id)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (v[i] == id)
			return 1;
	}
	return 0;
}

/* Collection parameters every list route shares. */
struct listq {
	long long	 page;
	long long	 per_page;
	long long	 offset;	/* -1: none */
	int		 desc;
	const char	*orderby;
	time_t		 after;
	time_t		 before;
	time_t		 modified_after;
	time_t		 modified_before;
	int64_t		 include[100];
	int		 ninclude;
	int64_t		 exclude[100];
	int		 nexclude;
	const char	*search;
};

static void
listq_parse(struct rq *r, struct inval *v, struct listq *l,
    const char *const *orderby, int norderby)
{
	static const char *const order_enum[] = { "asc", "desc" };

	memset(l, 0, sizeof *l);
	qenum(r, v, "context", "view", (const char *const[]){ "view",
	    "edit" }, 2);
	l->page = qint(r, v, "page", 1, 1, LLONG_MAX);
	l->per_page = qint(r, v, "per_page", 10, 1, 100);
	l->offset = qint(r, v, "offset", -1, LLONG_MIN, LLONG_MAX);
	l->desc = strcmp(qenum(r, v, "order", "desc", order_enum, 2),
	    "desc") == 0;
	l->orderby = qenum(r, v, "orderby", "date", orderby, norderby);
	l->after = qdate(r, v, "after");
	l->before = qdate(r, v, "before");
	l->modified_after = qdate(r, v, "modified_after");
	l->modified_before = qdate(r, v, "modified_before");
	qbool(r, v, "dates_are_gmt", 0);	/* the site is on UTC */
	l->ninclude = qids(r, v, "include", l->include, 100);
	l->nexclude = qids(r, v, "exclude", l->exclude, 100);
	l->search = qget(r, "search");
}

/* Date filters are strict, to the second. */
static int
listq_dates_ok(const struct listq *l, time_t created, time_t modified)
{
	if (l->after != 0 && !(created > l->after))
		return 0;
	if (l->before != 0 && !(created < l->before))
		return 0;
	if (l->modified_after != 0 && !(modified > l->modified_after))
		return 0;
	if (l->modified_before != 0 && !(modified < l->modified_before))
		return 0;
	return 1;
}

/*
 * X-WP-Total, X-WP-TotalPages and the one Link header. Its URLs repeat
 * the whole query (oauth_* and consumer_* included, as WordPress does)
 * with page replaced or appended.
 */
static void
paginate(struct rq *r, long long total, const struct listq *l)
{
	struct buf	 link = { NULL, 0, 0 };
	long long	 pages, prev, rel[2];
	const char	*relname[2] = { "prev", "next" };
	size_t		 i;
	int		 k, nrel = 0, seen;

	pages = total == 0 ? 0 : (total + l->per_page - 1) / l->per_page;
	fake_resp_header(r->resp, "X-WP-Total", "%lld", total);
	fake_resp_header(r->resp, "X-WP-TotalPages", "%lld", pages);
	if (l->page > 1) {
		prev = l->page - 1;
		if (prev > pages)
			prev = pages;
		rel[0] = prev;
		nrel |= 1;
	}
	if (pages > l->page) {
		rel[1] = l->page + 1;
		nrel |= 2;
	}
	if (nrel == 0) {
		fake_resp_header(r->resp, "Link", "<%s%s>; "
		    "rel=\"https://api.w.org/\"", r->home, r->pretty ?
		    "/wp-json/" : "/index.php?rest_route=/");
		return;
	}
	buf_add(&link, "");
	for (k = 0; k < 2; k++) {
		if ((nrel & (1 << k)) == 0)
			continue;
		if (link.len > 0)
			buf_add(&link, ", ");
		buf_printf(&link, "<%s", r->home);
		if (r->pretty) {
			buf_printf(&link, "/wp-json%s", r->route);
			seen = 0;
		} else {
			buf_add(&link, "/index.php?rest_route=");
			buf_urlencode(&link, r->route);
			seen = 1;
		}
		{
			int	page_done = 0;

			for (i = 0; i < r->q.n; i++) {
				const char *key = r->q.v[i].key;

				if (!r->pretty &&
				    strcmp(key, "rest_route") == 0)
					continue;
				buf_add(&link, seen++ ? "&" : "?");
				buf_urlencode(&link, key);
				buf_add(&link, "=");
				if (strcmp(key, "page") == 0) {
					buf_printf(&link, "%lld", rel[k]);
					page_done = 1;
				} else
					buf_urlencode(&link, r->q.v[i].value);
			}
			if (!page_done)
				buf_printf(&link, "%spage=%lld",
				    seen++ ? "&" : "?", rel[k]);
		}
		buf_printf(&link, ">; rel=\"%s\"", relname[k]);
	}
	fake_resp_header(r->resp, "Link", "%s", link.s);
	free(link.s);
}

/* The page of n sorted items a list answers with: [*start, *end). */
static void
page_bounds(const struct listq *l, int n, int *start, int *end)
{
	long long	s;

	s = l->offset >= 0 ? l->offset : (l->page - 1) * l->per_page;
	if (s > n)
		s = n;
	*start = (int)s;
	*end = (int)(s + l->per_page > n ? n : s + l->per_page);
}

/* WordPress's _fields: keep only the named top-level keys. */
static void
fields_filter(struct rq *r, cJSON *j)
{
	const char	*f = qget(r, "_fields");
	cJSON		*it, *next;
	char		 key[128];
	const char	*p;
	size_t		 n;
	int		 keep;

	if (f == NULL || *f == '\0' || j == NULL)
		return;
	if (cJSON_IsArray(j)) {
		cJSON_ArrayForEach(it, j)
			fields_filter(r, it);
		return;
	}
	if (!cJSON_IsObject(j))
		return;
	for (it = j->child; it != NULL; it = next) {
		next = it->next;
		keep = 0;
		for (p = f; *p != '\0';) {
			n = strcspn(p, ",");
			snprintf(key, sizeof key, "%.*s", (int)n, p);
			if (strchr(key, '.') != NULL)
				*strchr(key, '.') = '\0';
			if (strcmp(key, it->string) == 0)
				keep = 1;
			p += n;
			if (*p == ',')
				p++;
		}
		if (!keep)
			cJSON_Delete(cJSON_DetachItemViaPointer(j, it));
	}
}

static void
answer(struct rq *r, int status, cJSON *j)
{
	fields_filter(r, j);
	fake_resp_json(r->resp, status, j);
}

/* Authentication (reference section 1). */

static struct woo_key *
key_find(struct woo *w, const char *ck)
{
	int	i;

	for (i = 0; i < w->nkeys; i++) {
		if (!w->keys[i].revoked && strcmp(w->keys[i].key, ck) == 0)
			return &w->keys[i];
	}
	return NULL;
}

static void
auth_error(struct rq *r, const char *code, const char *msg)
{
	rest_error(r, 401, code, msg);
}

/* "Basic base64(key:secret)" into key and secret; 0 on success. */
static int
basic_split(const char *h, char *key, size_t klen, char *secret,
    size_t slen)
{
	unsigned char	 out[512];
	size_t		 n;
	int		 len;
	char		*colon;

	if (h == NULL || strncasecmp(h, "Basic ", 6) != 0)
		return -1;
	h += 6;
	while (*h == ' ')
		h++;
	n = strlen(h);
	if (n == 0 || n > 600 || n % 4 != 0)
		return -1;
	if ((len = EVP_DecodeBlock(out, (const unsigned char *)h,
	    (int)n)) < 0)
		return -1;
	while (n > 0 && h[n - 1] == '=') {
		len--;
		n--;
	}
	out[len] = '\0';
	if ((colon = strchr((char *)out, ':')) == NULL)
		return -1;
	*colon = '\0';
	if (strlen((char *)out) >= klen || strlen(colon + 1) >= slen)
		return -1;
	memcpy(key, out, strlen((char *)out) + 1);
	memcpy(secret, colon + 1, strlen(colon + 1) + 1);
	return 0;
}

static int
is_read_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

/*
 * Over "TLS" (X-Forwarded-Proto: https), Basic key:secret or the
 * consumer_key/consumer_secret query. Otherwise only OAuth 1.0a counts;
 * Basic and query keys are ignored and the request runs anonymous.
 * 0 to go on (r->key set, or NULL for anonymous), -1 when answered.
 */
static int
rq_auth(struct rq *r)
{
	static const char *const names[] = {
		"oauth_consumer_key", "oauth_timestamp", "oauth_nonce",
		"oauth_signature", "oauth_signature_method"
	};
	struct woo		*w = r->w;
	struct oauth1_params	 ps;
	struct woo_key		*k;
	struct buf		 missing = { NULL, 0, 0 };
	const char		*ck, *cs, *ctype, *h, *method, *given;
	char			 bk[256], bs[256], *url = NULL, *base = NULL;
	char			*sig = NULL, *provided = NULL, *p;
	long long		 ts;
	time_t			 now = wnow(w);
	int			 i, nmissing = 0, rc = -1, j;

	if (r->tls) {
		ck = qget(r, "consumer_key");
		cs = qget(r, "consumer_secret");
		if (ck == NULL || cs == NULL || *ck == '\0' || *cs == '\0') {
			ck = cs = NULL;
			if (basic_split(fake_req_header(r->req,
			    "Authorization"), bk, sizeof bk, bs,
			    sizeof bs) == 0 && *bk != '\0' && *bs != '\0') {
				ck = bk;
				cs = bs;
			}
		}
		if (ck == NULL)
			return 0;
		if ((k = key_find(w, ck)) == NULL) {
			auth_error(r, "woocommerce_rest_authentication_error",
			    "Consumer key is invalid.");
			return -1;
		}
		if (!oauth1_equal(k->secret, cs)) {
			auth_error(r, "woocommerce_rest_authentication_error",
			    "Consumer secret is invalid.");
			return -1;
		}
		r->key = k;
		goto perms;
	}

	/* OAuth parameters come from the query, a form body or a header. */
	oauth1_params_init(&ps);
	for (i = 0; i < (int)r->q.n; i++)
		oauth1_params_add(&ps, r->q.v[i].key, r->q.v[i].value);
	ctype = fake_req_header(r->req, "Content-Type");
	if (ctype != NULL && strncasecmp(ctype,
	    "application/x-www-form-urlencoded", 33) == 0)
		oauth1_params_parse(&ps, r->req->body);
	h = fake_req_header(r->req, "Authorization");
	if (h != NULL && strncasecmp(h, "OAuth ", 6) == 0)
		oauth1_params_parse_header(&ps, h);
	for (i = 0; i < NITEMS(names); i++) {
		given = oauth1_params_get(&ps, names[i]);
		if (given == NULL || *given == '\0') {
			buf_printf(&missing, "%s%s", nmissing > 0 ? ", " : "",
			    names[i]);
			nmissing++;
		}
	}
	if (nmissing == NITEMS(names)) {
		rc = 0;		/* not trying OAuth: anonymous */
		goto out;
	}
	if (nmissing > 0) {
		char	*msg = xasprintf("Missing OAuth parameter%s %s",
		    nmissing > 1 ? "s" : "", missing.s);

		auth_error(r,
		    "woocommerce_rest_authentication_missing_parameter", msg);
		free(msg);
		goto out;
	}
	if ((k = key_find(w, oauth1_params_get(&ps,
	    "oauth_consumer_key"))) == NULL) {
		auth_error(r, "woocommerce_rest_authentication_error",
		    "Consumer key is invalid.");
		goto out;
	}
	method = oauth1_params_get(&ps, "oauth_signature_method");
	if (strcmp(method, "HMAC-SHA1") != 0 &&
	    strcmp(method, "HMAC-SHA256") != 0) {
		auth_error(r, "woocommerce_rest_authentication_error",
		    "Invalid signature - signature method is invalid.");
		goto out;
	}
	/* The home URL plus the path; the body is not signed. */
	url = xasprintf("%s%s", r->home, r->req->path);
	base = oauth1_base_string(r->req->method, url, &ps);
	sig = oauth1_sign(method, base, k->secret, NULL);
	/* PHP decoded '+' to a space; WooCommerce puts it back. */
	provided = xstrdup(oauth1_params_get(&ps, "oauth_signature"));
	for (p = provided; *p != '\0'; p++) {
		if (*p == ' ')
			*p = '+';
	}
	p = oauth1_decode(provided, strlen(provided), 0);
	free(provided);
	provided = p;
	if (sig == NULL || !oauth1_equal(sig, provided)) {
		auth_error(r, "woocommerce_rest_authentication_error",
		    "Invalid signature - provided signature does not match.");
		goto out;
	}
	ts = strtoll(oauth1_params_get(&ps, "oauth_timestamp"), NULL, 10);
	if (ts < (long long)now - NONCE_WINDOW ||
	    ts > (long long)now + NONCE_WINDOW) {
		auth_error(r, "woocommerce_rest_authentication_error",
		    "Invalid timestamp.");
		goto out;
	}
	given = oauth1_params_get(&ps, "oauth_nonce");
	for (i = 0; i < k->nnonces; i++) {
		if (strcmp(k->nonces[i].value, given) == 0) {
			auth_error(r, "woocommerce_rest_authentication_error",
			    "Invalid nonce - nonce has already been used.");
			goto out;
		}
	}
	/* Remember the nonce; forget those older than the window. */
	for (i = j = 0; i < k->nnonces; i++) {
		if (k->nonces[i].ts < now - NONCE_WINDOW)
			free(k->nonces[i].value);
		else
			k->nonces[j++] = k->nonces[i];
	}
	k->nnonces = j;
	k->nonces = xrealloc(k->nonces, (size_t)(k->nnonces + 1) *
	    sizeof *k->nonces);
	k->nonces[k->nnonces].value = xstrdup(given);
	k->nonces[k->nnonces].ts = (time_t)ts;
	k->nnonces++;
	r->key = k;
	oauth1_params_free(&ps);
	free(url);
	free(base);
	free(sig);
	free(provided);
	free(missing.s);
	goto perms;

out:
	oauth1_params_free(&ps);
	free(url);
	free(base);
	free(sig);
	free(provided);
	free(missing.s);
	return rc;

perms:
	if ((r->key->perms & WOO_WRITE) == 0 &&
	    !is_read_method(r->req->method)) {
		auth_error(r, "woocommerce_rest_authentication_error",
		    "The API key provided does not have write permissions.");
		return -1;
	}
	if ((r->key->perms & WOO_READ) == 0 &&
	    is_read_method(r->req->method)) {
		auth_error(r, "woocommerce_rest_authentication_error",
		    "The API key provided does not have read permissions.");
		return -1;
	}
	return 0;
}

/* Anonymous requests fail the route's permission check: 401. */
static int
perm(struct rq *r, const char *code, const char *msg)
{
	if (r->key != NULL)
		return 0;
	rest_error(r, 401, code, msg);
	return -1;
}

#define PERM_LIST(r) perm(r, "woocommerce_rest_cannot_view", \
	"Sorry, you cannot list resources.")
#define PERM_VIEW(r) perm(r, "woocommerce_rest_cannot_view", \
	"Sorry, you cannot view this resource.")
#define PERM_CREATE(r) perm(r, "woocommerce_rest_cannot_create", \
	"Sorry, you are not allowed to create resources.")
#define PERM_EDIT(r) perm(r, "woocommerce_rest_cannot_edit", \
	"Sorry, you are not allowed to edit this resource.")
#define PERM_DELETE(r) perm(r, "woocommerce_rest_cannot_delete", \
	"Sorry, you are not allowed to delete this resource.")
#define PERM_BATCH(r) perm(r, "woocommerce_rest_cannot_batch", \
	"Sorry, you are not allowed to batch manipulate this resource.")

/* Product writes. */

/* A product update, from a PUT body (strict) or a batch item (lenient). */
struct pupd {
	int		 has_qty;
	long long	 qty;
	int		 has_delta;
	long long	 delta;
	int		 has_manage;
	int		 manage;	/* 0, 1, or 2 for "parent" */
	int		 has_backorders;
	int		 backorders;
	int		 has_stock_status;
	int		 stock_status;
	const char	*sku;
	const char	*name;
	const char	*status;
	int		 has_regular;
	long		 regular;
	int		 has_sale;
	long		 sale;
};

static void
str_param(const cJSON *b, struct inval *v, const char *k, const char **out)
{
	const cJSON	*x = jget(b, k);

	if (x == NULL)
		return;
	if (!cJSON_IsString(x)) {
		inval_type(v, k, "string");
		return;
	}
	*out = x->valuestring;
}

static int
enum_param(const cJSON *b, struct inval *v, const char *k,
    const char *const *e, int n, int *out)
{
	const cJSON	*x = jget(b, k);
	int		 i;

	if (x == NULL)
		return 0;
	if (!cJSON_IsString(x)) {
		inval_type(v, k, "string");
		return 0;
	}
	if ((i = in_list(x->valuestring, e, n)) < 0) {
		inval_enum(v, k, e, n);
		return 0;
	}
	*out = i;
	return 1;
}

/* A PUT body checked against the schema (reference sections 4 and 8). */
static void
pupd_strict(const cJSON *b, struct inval *v, struct pupd *u, int variation)
{
	const cJSON	*x;
	const char	*s = NULL;

	memset(u, 0, sizeof *u);
	if ((x = jget(b, "stock_quantity")) != NULL) {
		if (json_integer(x, &u->qty) != 0)
			inval_type(v, "stock_quantity", "integer");
		else
			u->has_qty = 1;
	}
	if ((x = jget(b, "inventory_delta")) != NULL) {
		if (json_integer(x, &u->delta) != 0)
			inval_type(v, "inventory_delta", "integer");
		else
			u->has_delta = 1;
	}
	if ((x = jget(b, "manage_stock")) != NULL) {
		if (variation && cJSON_IsString(x) &&
		    strcmp(x->valuestring, "parent") == 0) {
			u->has_manage = 1;
			u->manage = 2;
		} else if (json_boolean(x, &u->manage) != 0)
			inval_type(v, "manage_stock", "boolean");
		else
			u->has_manage = 1;
	}
	u->has_backorders = enum_param(b, v, "backorders", backorders_enum,
	    NITEMS(backorders_enum), &u->backorders);
	u->has_stock_status = enum_param(b, v, "stock_status",
	    stock_status_enum, NITEMS(stock_status_enum), &u->stock_status);
	str_param(b, v, "sku", &u->sku);
	if (!variation)
		str_param(b, v, "name", &u->name);
	if (jget(b, "status") != NULL) {
		int	i;

		if (enum_param(b, v, "status", product_status_enum,
		    NITEMS(product_status_enum), &i))
			u->status = product_status_enum[i];
	}
	s = NULL;
	str_param(b, v, "regular_price", &s);
	if (s != NULL) {
		u->has_regular = 1;
		u->regular = parse_money(s);
	}
	s = NULL;
	str_param(b, v, "sale_price", &s);
	if (s != NULL) {
		u->has_sale = 1;
		u->sale = parse_money(s);
	}
}

static long
money_lenient(const cJSON *x)
{
	char	buf[64];

	if (cJSON_IsNumber(x)) {
		snprintf(buf, sizeof buf, "%.2f", x->valuedouble);
		return parse_money(buf);
	}
	return cJSON_IsString(x) ? parse_money(x->valuestring) : -1;
}

/*
 * A batch item: batches skip the schema, so PHP's conversions apply
 * (intval: 2.5 is 2, "abc" is 0; wc_string_to_bool).
 */
static void
pupd_lenient(const cJSON *b, struct pupd *u, int variation)
{
	const cJSON	*x;
	int		 i;

	memset(u, 0, sizeof *u);
	if ((x = jget(b, "stock_quantity")) != NULL && !cJSON_IsNull(x)) {
		u->has_qty = 1;
		u->qty = json_intval(x);
	}
	if ((x = jget(b, "inventory_delta")) != NULL && !cJSON_IsNull(x)) {
		u->has_delta = 1;
		u->delta = json_intval(x);
	}
	if ((x = jget(b, "manage_stock")) != NULL && !cJSON_IsNull(x)) {
		u->has_manage = 1;
		if (variation && cJSON_IsString(x) &&
		    strcmp(x->valuestring, "parent") == 0)
			u->manage = 2;
		else
			u->manage = json_tobool(x);
	}
	if ((x = jget(b, "backorders")) != NULL && cJSON_IsString(x) &&
	    (i = in_list(x->valuestring, backorders_enum,
	    NITEMS(backorders_enum))) >= 0) {
		u->has_backorders = 1;
		u->backorders = i;
	}
	if ((x = jget(b, "stock_status")) != NULL && cJSON_IsString(x) &&
	    (i = in_list(x->valuestring, stock_status_enum,
	    NITEMS(stock_status_enum))) >= 0) {
		u->has_stock_status = 1;
		u->stock_status = i;
	}
	u->sku = json_string(b, "sku");
	if (!variation)
		u->name = json_string(b, "name");
	if ((x = jget(b, "status")) != NULL && cJSON_IsString(x) &&
	    (i = in_list(x->valuestring, product_status_enum,
	    NITEMS(product_status_enum))) >= 0)
		u->status = product_status_enum[i];
	if ((x = jget(b, "regular_price")) != NULL) {
		u->has_regular = 1;
		u->regular = money_lenient(x);
	}
	if ((x = jget(b, "sale_price")) != NULL) {
		u->has_sale = 1;
		u->sale = money_lenient(x);
	}
}

/*
 * Apply an update the way the products (variation 0) or variations
 * controller does: stock_quantity only counts when stock is managed after
 * manage_stock is applied; otherwise it is dropped, with 200.
 */
static int
product_apply(struct woo *w, struct product *p, const struct pupd *u,
    int variation, struct werr *e)
{
	struct product	*other;

	if (u->sku != NULL && *u->sku != '\0' &&
	    (other = product_by_sku(w, u->sku)) != NULL && other != p) {
		werr_set(e, 400, "product_invalid_sku",
		    "Invalid or duplicated SKU.");
		return -1;
	}
	if (u->sku != NULL)
		set_str(&p->sku, u->sku);
	if (u->name != NULL)
		set_str(&p->name, u->name);
	if (u->status != NULL)
		set_str(&p->status, u->status);
	if (u->has_regular)
		p->regular = u->regular;
	if (u->has_sale)
		p->sale = u->sale;
	if (u->has_manage)
		p->manage = u->manage == 1;
	if (u->has_backorders)
		p->backorders = u->backorders;
	if (p->manage) {
		if (u->has_qty)
			p->qty = u->qty;
		else if (u->has_delta)
			p->qty += u->delta;
	} else {
		p->qty = 0;
		if (variation)
			p->backorders = BO_NO;
		else if (u->has_stock_status && p->type != P_VARIABLE)
			p->stock_status = u->stock_status;
	}
	if (variation && !p->manage && u->has_stock_status)
		p->stock_status = u->stock_status;
	stock_changed(w, p);
	return 0;
}

/*
 * A product from a spec: the REST create body (rest 1: manage_stock off
 * unless sent) or a /_fake/products one (rest 0: stock_quantity alone
 * turns it on; date_created and variations accepted).
 */
static struct product *
product_from_spec(struct woo *w, const cJSON *s, struct product *parent,
    int rest, struct werr *e)
{
	struct product	*p;
	const cJSON	*x, *it;
	const char	*name, *sku, *type;
	time_t		 created = wnow(w);
	long long	 q;
	int		 t, i;

	type = json_string(s, "type");
	t = parent != NULL ? P_VARIATION : type != NULL &&
	    strcmp(type, "variable") == 0 ? P_VARIABLE : P_SIMPLE;
	sku = json_string(s, "sku");
	if (sku != NULL && *sku != '\0' && product_by_sku(w, sku) != NULL) {
		werr_set(e, 400, "product_invalid_sku",
		    "Invalid or duplicated SKU.");
		return NULL;
	}
	if (t == P_VARIABLE && (x = jget(s, "variations")) != NULL &&
	    cJSON_IsArray(x)) {
		cJSON_ArrayForEach(it, x) {
			const char *vs = json_string(it, "sku");

			if (vs != NULL && *vs != '\0' &&
			    (product_by_sku(w, vs) != NULL ||
			    (sku != NULL && strcmp(sku, vs) == 0))) {
				werr_set(e, 400, "product_invalid_sku",
				    "Invalid or duplicated SKU.");
				return NULL;
			}
		}
	}
	if (!rest && (x = jget(s, "date_created")) != NULL &&
	    cJSON_IsString(x) && parse_date(x->valuestring, &created) != 0) {
		werr_set(e, 400, "fake_bad_date", "date_created: bad date");
		return NULL;
	}
	name = json_string(s, "name");
	p = product_new(w, t, name != NULL ? name : parent != NULL ?
	    parent->name : "Product", created);
	if (name == NULL && parent == NULL) {
		free(p->name);
		p->name = xasprintf("Product %lld", (long long)p->id);
	}
	if (sku != NULL)
		set_str(&p->sku, sku);
	p->regular = money_lenient(jget(s, "regular_price"));
	if ((x = jget(s, "sale_price")) != NULL)
		p->sale = money_lenient(x);
	x = jget(s, "manage_stock");
	if (x != NULL)
		p->manage = cJSON_IsString(x) ? strcmp(x->valuestring,
		    "parent") != 0 && json_tobool(x) : json_tobool(x);
	else if (!rest && jget(s, "stock_quantity") != NULL &&
	    !cJSON_IsNull(jget(s, "stock_quantity")))
		p->manage = 1;
	if (p->manage && (x = jget(s, "stock_quantity")) != NULL &&
	    json_integer(x, &q) == 0)
		p->qty = q;
	if ((x = jget(s, "backorders")) != NULL && cJSON_IsString(x) &&
	    (i = in_list(x->valuestring, backorders_enum,
	    NITEMS(backorders_enum))) >= 0)
		p->backorders = i;
	if ((x = jget(s, "stock_status")) != NULL && cJSON_IsString(x) &&
	    (i = in_list(x->valuestring, stock_status_enum,
	    NITEMS(stock_status_enum))) >= 0)
		p->stock_status = i;
	if ((x = jget(s, "status")) != NULL && cJSON_IsString(x))
		set_str(&p->status, x->valuestring);
	if (parent != NULL) {
		p->parent_id = parent->id;
		product_kid_add(parent, p->id);
		x = jget(s, "attributes");
		if (cJSON_IsObject(x)) {
			cJSON_ArrayForEach(it, x) {
				if (cJSON_IsString(it))
					product_attr_add(p, it->string,
					    it->valuestring);
			}
		} else if (cJSON_IsArray(x)) {
			cJSON_ArrayForEach(it, x) {
				const char *an = json_string(it, "name");
				const char *ao = json_string(it, "option");

				if (an != NULL && ao != NULL)
					product_attr_add(p, an, ao);
			}
		}
	}
	fire(w, "product.created", R_PRODUCT, p->id);
	if (t == P_VARIABLE && !rest && (x = jget(s, "variations")) != NULL &&
	    cJSON_IsArray(x)) {
		cJSON_ArrayForEach(it, x) {
			if (product_from_spec(w, it, p, rest, e) == NULL)
				return NULL;
		}
	}
	return p;
}

/* Delete (force) or trash a product. */
static void
product_delete(struct woo *w, struct product *p, int force)
{
	struct product	*kid;
	int		 i;

	if (!force) {
		set_str(&p->status, "trash");
		stock_changed(w, p);
		return;
	}
	p->deleted = 1;
	fire(w, "product.deleted", R_PRODUCT, p->id);
	for (i = 0; i < p->nkids; i++) {
		if ((kid = product_find(w, p->kids[i])) != NULL)
			kid->deleted = 1;
	}
}

/* Lists: sorting without a tie-break unless asked for stability. */

struct sortctx {
	const char	*orderby;
	int		 desc;
	int		 unstable;
	const int64_t	*include;
	int		 ninclude;
};

static _Thread_local const struct sortctx *sortctx;

static int
cmp_ll(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

static int
include_pos(int64_t id)
{
	int	i;

	for (i = 0; i < sortctx->ninclude; i++) {
		if (sortctx->include[i] == id)
			return i;
	}
	return INT_MAX;
}

/*
 * Ties on the sort key: by id (stable), or by a key drawn afresh for
 * every request, like MySQL's unstable ORDER BY post_date.
 */
static int
tie_break(int64_t a, int64_t b, uint32_t ta, uint32_t tb)
{
	int	c;

	if (sortctx->unstable && (c = cmp_ll(ta, tb)) != 0)
		return c;
	return sortctx->desc ? cmp_ll(b, a) : cmp_ll(a, b);
}

static int
product_cmp(const void *va, const void *vb)
{
	const struct product	*a = *(struct product *const *)va;
	const struct product	*b = *(struct product *const *)vb;
	const char		*ob = sortctx->orderby;
	int			 c = 0;

	if (strcmp(ob, "include") == 0)
		return cmp_ll(include_pos(a->id), include_pos(b->id));
	if (strcmp(ob, "date") == 0)
		c = cmp_ll(a->created, b->created);
	else if (strcmp(ob, "modified") == 0)
		c = cmp_ll(a->modified, b->modified);
	else if (strcmp(ob, "title") == 0)
		c = strcmp(a->name, b->name);
	else if (strcmp(ob, "price") == 0)
		c = cmp_ll(product_price(a), product_price(b));
	else if (strcmp(ob, "popularity") == 0)
		c = cmp_ll(a->total_sales, b->total_sales);
	else if (strcmp(ob, "id") == 0 || strcmp(ob, "slug") == 0)
		c = cmp_ll(a->id, b->id);
	if (sortctx->desc)
		c = -c;
	if (c != 0)
		return c;
	return tie_break(a->id, b->id, a->tie, b->tie);
}

static int
sku_in(const char *list, const char *sku)
{
	const char	*p = list;
	size_t		 n, sl = strlen(sku);

	if (sl == 0)
		return 0;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		n = strcspn(p, ",");
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n == sl && strncmp(p, sku, n) == 0)
			return 1;
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return 0;
}

static const char *const product_orderby[] = {
	"date", "id", "include", "title", "slug", "price", "popularity",
	"rating", "menu_order", "modified"
};
static const char *const product_status_filter[] = {
	"any", "future", "trash", "draft", "pending", "private", "publish"
};
static const char *const product_type_filter[] = {
	"simple", "grouped", "external", "variable"
};

/*
 * GET /products and GET /products/{pid}/variations (parent > 0). sku=
 * matches exactly and finds variations; nothing else lists them here.
 */
static void
list_products(struct rq *r, int64_t parent)
{
	struct woo	*w = r->w;
	struct inval	 v;
	struct listq	 l;
	struct sortctx	 sc;
	struct product	**sel, *p, *par = NULL;
	const char	*status, *type, *sku, *stock;
	int64_t		 parents[100];
	int		 nparents, i, n = 0, start, end;
	cJSON		*a;

	inval_init(&v);
	listq_parse(r, &v, &l, product_orderby, NITEMS(product_orderby));
	status = qenum(r, &v, "status", "any", product_status_filter,
	    NITEMS(product_status_filter));
	type = parent == 0 ? qenum(r, &v, "type", NULL, product_type_filter,
	    NITEMS(product_type_filter)) : NULL;
	stock = qenum(r, &v, "stock_status", NULL, stock_status_enum,
	    NITEMS(stock_status_enum));
	sku = qget(r, "sku");
	nparents = qids(r, &v, "parent", parents, 100);
	if (inval_send(r, &v) != 0)
		return;
	if (PERM_LIST(r) != 0)
		return;
	if (parent != 0)
		par = product_find(w, parent);

	sel = xcalloc((size_t)w->nproducts + 1, sizeof *sel);
	for (i = 0; i < w->nproducts; i++) {
		p = w->products[i];
		if (p->deleted)
			continue;
		if (parent != 0) {
			if (par == NULL || p->type != P_VARIATION ||
			    p->parent_id != parent)
				continue;
		} else if (p->type == P_VARIATION &&
		    (sku == NULL || *sku == '\0'))
			continue;
		if (sku != NULL && *sku != '\0' && !sku_in(sku, p->sku))
			continue;
		if (strcmp(status, "any") == 0 ?
		    strcmp(p->status, "trash") == 0 :
		    strcmp(p->status, status) != 0)
			continue;
		if (type != NULL && strcmp(type, type_name(p->type)) != 0)
			continue;
		if (stock != NULL && strcmp(stock,
		    stock_status_enum[stock_status_view(w, p)]) != 0)
			continue;
		if (l.ninclude > 0 && !ids_has(l.include, l.ninclude, p->id))
			continue;
		if (l.nexclude > 0 && ids_has(l.exclude, l.nexclude, p->id))
			continue;
		if (nparents > 0 && !ids_has(parents, nparents, p->parent_id))
			continue;
		if (l.search != NULL && *l.search != '\0' &&
		    ci_strstr(p->name, l.search) == NULL)
			continue;
		if (!listq_dates_ok(&l, p->created, p->modified))
			continue;
		p->tie = rnd(w);
		sel[n++] = p;
	}
	sc.orderby = l.orderby;
	sc.desc = l.desc;
	sc.unstable = w->unstable_sort;
	sc.include = l.include;
	sc.ninclude = l.ninclude;
	sortctx = &sc;
	qsort(sel, (size_t)n, sizeof *sel, product_cmp);
	sortctx = NULL;

	page_bounds(&l, n, &start, &end);
	a = cJSON_CreateArray();
	for (i = start; i < end; i++) {
		cJSON_AddItemToArray(a, parent != 0 ?
		    variation_json(w, r->home, sel[i], parent) :
		    product_json(w, r->home, sel[i]));
	}
	free(sel);
	paginate(r, n, &l);
	answer(r, 200, a);
}

static void
route_product_get(struct rq *r, int64_t id)
{
	struct product	*p = product_find(r->w, id);

	if (p != NULL && PERM_VIEW(r) != 0)
		return;
	if (p == NULL) {
		rest_error(r, 404, "woocommerce_rest_product_invalid_id",
		    "Invalid ID.");
		return;
	}
	answer(r, 200, product_json(r->w, r->home, p));
}

static const char variation_msg[] = "To manipulate product variations you "
    "should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; "
    "endpoint.";

/* PUT /products/{id}, and one update item of a batch (strict 0). */
static cJSON *
product_update(struct rq *r, int64_t id, const cJSON *b, int strict,
    struct werr *e)
{
	struct product	*p = product_find(r->w, id);
	struct pupd	 u;
	struct inval	 v;

	if (p == NULL) {
		werr_set(e, 400, "woocommerce_rest_product_invalid_id",
		    "Invalid ID.");
		return NULL;
	}
	if (p->type == P_VARIATION) {
		werr_set(e, 404, "woocommerce_rest_invalid_product_id", "%s",
		    variation_msg);
		return NULL;
	}
	if (strict) {
		inval_init(&v);
		pupd_strict(b, &v, &u, 0);
		inval_free(&v);
	} else
		pupd_lenient(b, &u, 0);
	if (product_apply(r->w, p, &u, 0, e) != 0)
		return NULL;
	return product_json(r->w, r->home, p);
}

static void
route_product_put(struct rq *r, int64_t id)
{
	struct pupd	 u;
	struct inval	 v;
	struct werr	 e;
	cJSON		*j;

	inval_init(&v);
	pupd_strict(r->body, &v, &u, 0);
	if (inval_send(r, &v) != 0)
		return;
	if (product_find(r->w, id) != NULL && PERM_EDIT(r) != 0)
		return;
	if ((j = product_update(r, id, r->body, 1, &e)) == NULL) {
		rest_werr(r, &e);
		return;
	}
	answer(r, 200, j);
}

static void
route_product_delete(struct rq *r, int64_t id)
{
	struct product	*p = product_find(r->w, id);
	cJSON		*j;
	const char	*force = qget(r, "force");

	if (p != NULL && PERM_DELETE(r) != 0)
		return;
	if (p == NULL) {
		rest_error(r, 404, "woocommerce_rest_product_invalid_id",
		    "Invalid ID.");
		return;
	}
	j = product_json(r->w, r->home, p);
	product_delete(r->w, p, force != NULL && (strcmp(force, "true") == 0 ||
	    strcmp(force, "1") == 0));
	answer(r, 200, j);
}

static void
route_product_create(struct rq *r, int64_t parent_id)
{
	struct product	*p, *parent = NULL;
	struct werr	 e;

	if (PERM_CREATE(r) != 0)
		return;
	if (parent_id != 0 && ((parent = product_find(r->w, parent_id)) ==
	    NULL || parent->type != P_VARIABLE)) {
		rest_error(r, 404, "woocommerce_rest_product_invalid_id",
		    "Invalid ID.");
		return;
	}
	if ((p = product_from_spec(r->w, r->body, parent, 1, &e)) == NULL) {
		rest_werr(r, &e);
		return;
	}
	answer(r, 201, parent != NULL ? variation_json(r->w, r->home, p,
	    parent_id) : product_json(r->w, r->home, p));
}

static void
route_variation_get(struct rq *r, int64_t pid, int64_t vid)
{
	struct product	*p = product_find(r->w, vid);

	/* 9.4 checks the parent; 7.9 answered for any product id. */
	if (p != NULL && r->w->version >= WOO_V94 &&
	    (p->type != P_VARIATION || p->parent_id != pid))
		p = NULL;
	if (p != NULL && PERM_VIEW(r) != 0)
		return;
	if (p == NULL) {
		rest_error(r, 404,
		    "woocommerce_rest_product_variation_invalid_id",
		    "Invalid ID.");
		return;
	}
	answer(r, 200, variation_json(r->w, r->home, p, pid));
}

/* PUT /products/{pid}/variations/{vid}, and variation batch updates. */
static cJSON *
variation_update(struct rq *r, int64_t pid, int64_t vid, const cJSON *b,
    int strict, struct werr *e)
{
	struct product	*p = product_find(r->w, vid);
	struct pupd	 u;
	struct inval	 v;

	if (p != NULL && r->w->version >= WOO_V94 &&
	    (p->type != P_VARIATION || p->parent_id != pid))
		p = NULL;
	if (p == NULL) {
		werr_set(e, 400,
		    "woocommerce_rest_product_variation_invalid_id",
		    "Invalid ID.");
		return NULL;
	}
	if (strict) {
		inval_init(&v);
		pupd_strict(b, &v, &u, 1);
		inval_free(&v);
	} else
		pupd_lenient(b, &u, 1);
	if (product_apply(r->w, p, &u, 1, e) != 0)
		return NULL;
	return variation_json(r->w, r->home, p, pid);
}

static void
route_variation_put(struct rq *r, int64_t pid, int64_t vid)
{
	struct pupd	 u;
	struct inval	 v;
	struct werr	 e;
	cJSON		*j;

	inval_init(&v);
	pupd_strict(r->body, &v, &u, 1);
	if (inval_send(r, &v) != 0)
		return;
	if (product_find(r->w, vid) != NULL && PERM_EDIT(r) != 0)
		return;
	if ((j = variation_update(r, pid, vid, r->body, 1, &e)) == NULL) {
		rest_werr(r, &e);
		return;
	}
	answer(r, 200, j);
}

static cJSON *
werr_item(const cJSON *id, const struct werr *e)
{
	cJSON	*o = cJSON_CreateObject(), *err, *d;

	if (id != NULL)
		cJSON_AddItemToObject(o, "id", cJSON_Duplicate(id, 1));
	else
		cJSON_AddNullToObject(o, "id");
	err = cJSON_AddObjectToObject(o, "error");
	cJSON_AddStringToObject(err, "code", e->code);
	cJSON_AddStringToObject(err, "message", e->msg);
	d = cJSON_AddObjectToObject(err, "data");
	jint(d, "status", e->status);
	return o;
}

/*
 * POST /products/batch and /products/{pid}/variations/batch (pid > 0):
 * at most 100 items in all (413, nothing applied), run one by one with no
 * rollback; 200 with per-item results in input order, only the keys
 * sent; {} gives []. The half_batch_drop knob applies the first half and
 * then drops the connection, like a batch that timed out half done.
 */
static void
route_batch(struct rq *r, int64_t pid)
{
	static const char *const kinds[] = { "create", "update", "delete" };
	struct woo	*w = r->w;
	const cJSON	*arr[3], *it, *id;
	struct werr	 e;
	struct product	*p, *parent = NULL;
	cJSON		*out, *res, *j;
	long long	 n;
	int		 k, total = 0, limit, done = 0, cut = 0;

	if (PERM_BATCH(r) != 0)
		return;
	for (k = 0; k < 3; k++) {
		arr[k] = jget(r->body, kinds[k]);
		if (!cJSON_IsArray(arr[k]) || cJSON_GetArraySize(arr[k]) == 0)
			arr[k] = NULL;
		else
			total += cJSON_GetArraySize(arr[k]);
	}
	if (total > BATCH_LIMIT) {
		char	msg[128];

		snprintf(msg, sizeof msg, "Unable to accept more than %d items "
		    "for this request.", BATCH_LIMIT);
		rest_error(r, 413, "woocommerce_rest_request_entity_too_large",
		    msg);
		return;
	}
	if (pid != 0)
		parent = product_find(w, pid);
	limit = total;
	if (w->half_batch_drop > 0 && total > 0) {
		w->half_batch_drop--;
		limit = (total + 1) / 2;
		cut = 1;
	}
	out = NULL;
	for (k = 0; k < 3 && done < limit; k++) {
		if (arr[k] == NULL)
			continue;
		if (out == NULL)
			out = cJSON_CreateObject();
		res = cJSON_AddArrayToObject(out, kinds[k]);
		cJSON_ArrayForEach(it, arr[k]) {
			if (done == limit)
				break;
			if (done > 0 && w->batch_item_delay_ms > 0) {
				pthread_mutex_unlock(&w->lock);
				sleep_ms(w->batch_item_delay_ms);
				pthread_mutex_lock(&w->lock);
			}
			done++;
			j = NULL;
			if (k == 0) {
				if (pid != 0 && (parent == NULL ||
				    parent->type != P_VARIABLE)) {
					werr_set(&e, 404, E_PRODUCT_ID,
					    "Invalid ID.");
				} else if ((p = product_from_spec(w, it, parent,
				    1, &e)) != NULL)
					j = pid != 0 ? variation_json(w,
					    r->home, p, pid) :
					    product_json(w, r->home, p);
				if (j == NULL) {
					cJSON	*zero = cJSON_CreateNumber(0);

					j = werr_item(zero, &e);
					cJSON_Delete(zero);
				}
			} else if (k == 1) {
				id = jget(it, "id");
				n = id != NULL ? json_intval(id) : 0;
				if (n < 0)
					n = -n;
				j = pid != 0 ? variation_update(r, pid, n, it,
				    0, &e) : product_update(r, n, it, 0, &e);
				if (j == NULL)
					j = werr_item(id, &e);
			} else {
				n = json_intval(it);
				p = product_find(w, n);
				if (p != NULL && pid != 0 &&
				    w->version >= WOO_V94 &&
				    p->parent_id != pid)
					p = NULL;
				if (p == NULL) {
					werr_set(&e, 404, pid != 0 ?
					    E_VARIATION_ID : E_PRODUCT_ID,
					    "Invalid ID.");
					j = werr_item(it, &e);
				} else {
					j = pid != 0 ? variation_json(w,
					    r->home, p, pid) :
					    product_json(w, r->home, p);
					product_delete(w, p, 1);
				}
			}
			cJSON_AddItemToArray(res, j);
		}
	}
	if (cut) {
		cJSON_Delete(out);
		r->resp->drop = 1;
		return;
	}
	answer(r, 200, out != NULL ? out : cJSON_CreateArray());
}

/* Orders. */

static int
order_cmp(const void *va, const void *vb)
{
	const struct order	*a = *(struct order *const *)va;
	const struct order	*b = *(struct order *const *)vb;
	const char		*ob = sortctx->orderby;
	int			 c = 0;

	if (strcmp(ob, "include") == 0)
		return cmp_ll(include_pos(a->id), include_pos(b->id));
	if (strcmp(ob, "date") == 0)
		c = cmp_ll(a->created, b->created);
	else if (strcmp(ob, "modified") == 0)
		c = cmp_ll(a->modified, b->modified);
	else
		c = cmp_ll(a->id, b->id);
	if (sortctx->desc)
		c = -c;
	if (c != 0)
		return c;
	return tie_break(a->id, b->id, a->tie, b->tie);
}

static const char *const order_orderby[] = {
	"date", "id", "include", "title", "slug", "modified"
};
static const char *const order_status_filter[] = {
	"any", "trash", "pending", "processing", "on-hold", "completed",
	"cancelled", "refunded", "failed", "checkout-draft"
};

static void
route_orders_list(struct rq *r)
{
	struct woo	*w = r->w;
	struct inval	 v;
	struct listq	 l;
	struct sortctx	 sc;
	struct order	**sel, *o;
	const char	*st, *p;
	char		 want[10][24], pname[32];
	long long	 product;
	int		 nwant = 0, any = 0, i, k, n = 0, start, end, ok;
	size_t		 len;
	cJSON		*a;

	inval_init(&v);
	listq_parse(r, &v, &l, order_orderby, NITEMS(order_orderby));
	product = qint(r, &v, "product", 0, LLONG_MIN, LLONG_MAX);
	if ((st = qget(r, "status")) == NULL || *st == '\0')
		any = 1;
	for (p = st; p != NULL && *p != '\0' && nwant < 10;) {
		len = strcspn(p, ",");
		snprintf(want[nwant], sizeof want[nwant], "%.*s", (int)len, p);
		if (in_list(want[nwant], order_status_filter,
		    NITEMS(order_status_filter)) < 0) {
			struct buf	b = { NULL, 0, 0 };

			snprintf(pname, sizeof pname, "status[%d]", nwant);
			buf_printf(&b, "%s is not one of ", pname);
			buf_list(&b, order_status_filter,
			    NITEMS(order_status_filter));
			buf_add(&b, ".");
			inval_add(&v, "status", "rest_not_in_enum", b.s, 0);
			free(b.s);
			break;
		}
		if (strcmp(want[nwant], "any") == 0)
			any = 1;
		nwant++;
		p += len;
		if (*p == ',')
			p++;
	}
	if (inval_send(r, &v) != 0)
		return;
	if (PERM_LIST(r) != 0)
		return;

	sel = xcalloc((size_t)w->norders + 1, sizeof *sel);
	for (i = 0; i < w->norders; i++) {
		o = w->orders[i];
		if (o->deleted)
			continue;
		if (any) {
			if (strcmp(o->status, "trash") == 0 ||
			    strcmp(o->status, "checkout-draft") == 0)
				continue;
		} else {
			for (ok = k = 0; k < nwant; k++) {
				if (strcmp(want[k], o->status) == 0)
					ok = 1;
			}
			if (!ok)
				continue;
		}
		if (l.ninclude > 0 && !ids_has(l.include, l.ninclude, o->id))
			continue;
		if (l.nexclude > 0 && ids_has(l.exclude, l.nexclude, o->id))
			continue;
		if (product != 0) {
			for (ok = k = 0; k < o->nitems; k++) {
				if (o->items[k].product_id == product ||
				    o->items[k].variation_id == product)
					ok = 1;
			}
			if (!ok)
				continue;
		}
		if (!listq_dates_ok(&l, o->created, o->modified))
			continue;
		o->tie = rnd(w);
		sel[n++] = o;
	}
	sc.orderby = l.orderby;
	sc.desc = l.desc;
	sc.unstable = w->unstable_sort;
	sc.include = l.include;
	sc.ninclude = l.ninclude;
	sortctx = &sc;
	qsort(sel, (size_t)n, sizeof *sel, order_cmp);
	sortctx = NULL;
	page_bounds(&l, n, &start, &end);
	a = cJSON_CreateArray();
	for (i = start; i < end; i++)
		cJSON_AddItemToArray(a, order_json(w, r->home, sel[i]));
	free(sel);
	paginate(r, n, &l);
	answer(r, 200, a);
}

static void
route_order_get(struct rq *r, int64_t id)
{
	struct order	*o = order_find(r->w, id);

	if (o != NULL && PERM_VIEW(r) != 0)
		return;
	if (o == NULL) {
		rest_error(r, 404, "woocommerce_rest_shop_order_invalid_id",
		    "Invalid ID.");
		return;
	}
	answer(r, 200, order_json(r->w, r->home, o));
}

/* The product a posted line item names: sku, variation_id, product_id. */
static struct product *
line_product(struct woo *w, const cJSON *li, struct werr *e)
{
	const char	*sku = json_string(li, "sku");
	long long	 pid = json_intval(jget(li, "product_id"));
	long long	 vid = json_intval(jget(li, "variation_id"));
	struct product	*p;

	if (sku != NULL && *sku != '\0')
		p = product_by_sku(w, sku);
	else if (vid != 0)
		p = product_find(w, vid);
	else if (pid != 0)
		p = product_find(w, pid);
	else {
		werr_set(e, 400, "woocommerce_rest_required_product_reference",
		    "Product ID or SKU is required.");
		return NULL;
	}
	if (p == NULL || p->type == P_VARIABLE) {
		werr_set(e, 400, "woocommerce_rest_invalid_product_id",
		    "Product ID provided is invalid.");
		return NULL;
	}
	return p;
}

/* Line items and status of a POST/PUT order body, schema-checked. */
static void
order_body_check(const cJSON *b, struct inval *v)
{
	const cJSON	*x, *li;
	long long	 q;
	int		 i = 0, flag;
	char		 name[64];
	const char	*s;

	if ((x = jget(b, "status")) != NULL) {
		int	k;

		enum_param(b, v, "status", order_status_enum,
		    NITEMS(order_status_enum), &k);
	}
	if ((x = jget(b, "set_paid")) != NULL && json_boolean(x, &flag) != 0)
		inval_type(v, "set_paid", "boolean");
	s = NULL;
	str_param(b, v, "customer_note", &s);
	str_param(b, v, "payment_method", &s);
	if ((x = jget(b, "line_items")) != NULL) {
		if (!cJSON_IsArray(x)) {
			inval_type(v, "line_items", "array");
			return;
		}
		cJSON_ArrayForEach(li, x) {
			const cJSON *qv = jget(li, "quantity");

			if (qv != NULL && json_integer(qv, &q) != 0) {
				snprintf(name, sizeof name,
				    "line_items[%d][quantity] is not of type "
				    "integer.", i);
				inval_add(v, "line_items", "rest_invalid_type",
				    name, 1);
			}
			i++;
		}
	}
}

static void
order_props(struct order *o, const cJSON *b)
{
	const cJSON	*bill = jget(b, "billing");
	const char	*s;

	if ((s = json_string(b, "payment_method")) != NULL)
		set_str(&o->payment_method, s);
	if ((s = json_string(b, "payment_method_title")) != NULL)
		set_str(&o->payment_title, s);
	if ((s = json_string(b, "customer_note")) != NULL)
		set_str(&o->customer_note, s);
	if ((s = json_string(bill, "first_name")) != NULL)
		set_str(&o->first_name, s);
	if ((s = json_string(bill, "last_name")) != NULL)
		set_str(&o->last_name, s);
	if ((s = json_string(bill, "email")) != NULL)
		set_str(&o->email, s);
}

static void
order_discard(struct woo *w, struct order *o)
{
	int	i;

	for (i = 0; i < w->norders; i++) {
		if (w->orders[i] == o) {
			w->orders[i] = w->orders[--w->norders];
			break;
		}
	}
	order_free(o);
}

/*
 * A new order: from POST /orders (via "rest-api", no stock check: a line
 * may take stock below zero) or from a shopper (/_fake/orders, via
 * "checkout", stock checked unless skip_check). It starts pending; a
 * status or set_paid then moves it, with the stock engine. order.created
 * and order.updated both fire.
 */
static struct order *
order_create(struct woo *w, const cJSON *b, const char *via, int check,
    struct werr *e)
{
	struct order	*o;
	struct product	*prods[256], *owner;
	const cJSON	*items = jget(b, "line_items"), *li, *x;
	const char	*status = json_string(b, "status");
	int		 qty[256], n = 0, i, k, flag, paid = 0;
	long long	 need, q;
	long		 totals[256];
	time_t		 created = wnow(w);

	cJSON_ArrayForEach(li, items) {
		if (n == 256) {
			werr_set(e, 400, "fake_too_many_items",
			    "At most 256 line items.");
			return NULL;
		}
		if ((prods[n] = line_product(w, li, e)) == NULL)
			return NULL;
		x = jget(li, "quantity");
		qty[n] = x == NULL ? 1 : json_integer(x, &q) == 0 ? (int)q : 1;
		x = jget(li, "total");
		totals[n] = x != NULL ? money_lenient(x) : -1;
		n++;
	}
	if (check) {
		/* A shopper cannot buy what is not there (the cart check). */
		for (i = 0; i < n; i++) {
			owner = stock_owner(w, prods[i]);
			if (owner == NULL) {
				if (prods[i]->stock_status == ST_OUT)
					goto nostock;
				continue;
			}
			for (need = 0, k = 0; k < n; k++) {
				if (stock_owner(w, prods[k]) == owner)
					need += qty[k];
			}
			if (owner->backorders == BO_NO && owner->qty < need)
				goto nostock;
		}
	}
	if ((x = jget(b, "date_created")) != NULL && cJSON_IsString(x) &&
	    parse_date(x->valuestring, &created) != 0) {
		werr_set(e, 400, "fake_bad_date", "date_created: bad date");
		return NULL;
	}
	o = order_new(w, via, created);
	order_props(o, b);
	for (i = 0; i < n; i++)
		order_item_add(w, o, prods[i], qty[i], totals[i]);
	fire(w, "order.created", R_ORDER, o->id);
	if ((x = jget(b, "set_paid")) != NULL && json_boolean(x, &flag) == 0)
		paid = flag;
	if (status != NULL && strcmp(status, "pending") != 0) {
		if (in_list(status, order_status_enum,
		    NITEMS(order_status_enum)) < 0) {
			werr_set(e, 400, "fake_bad_status", "unknown status");
			order_discard(w, o);
			return NULL;
		}
		order_set_status(w, o, status);
	}
	if (paid)
		order_payment_complete(w, o);
	fire(w, "order.updated", R_ORDER, o->id);
	return o;

nostock:
	{
		char	*nm = product_name(w, prods[i]);

		werr_set(e, 400, "fake_out_of_stock", "Sorry, \"%s\" is not in "
		    "stock. Please edit your cart and try again.", nm);
		free(nm);
	}
	return NULL;
}

static void
route_order_create(struct rq *r)
{
	struct inval	 v;
	struct werr	 e;
	struct order	*o;

	inval_init(&v);
	order_body_check(r->body, &v);
	if (inval_send(r, &v) != 0)
		return;
	if (PERM_CREATE(r) != 0)
		return;
	if ((o = order_create(r->w, r->body, "rest-api", 0, &e)) == NULL) {
		rest_werr(r, &e);
		return;
	}
	answer(r, 201, order_json(r->w, r->home, o));
}

/*
 * Edit an order: line items first ({id, quantity}: quantity edit, 0
 * removes; no id: a new line), then the status, as WooCommerce saves.
 */
static int
order_update(struct woo *w, struct order *o, const cJSON *b, struct werr *e)
{
	const cJSON	*li, *x;
	const char	*status = json_string(b, "status");
	struct product	*p;
	struct item	*it;
	long long	 id, q;
	int		 i, flag;

	cJSON_ArrayForEach(li, jget(b, "line_items")) {
		id = json_intval(jget(li, "id"));
		x = jget(li, "quantity");
		q = x != NULL && json_integer(x, &q) == 0 ? q : -1;
		if (id != 0) {
			for (i = 0; i < o->nitems; i++) {
				if (o->items[i].id == id)
					break;
			}
			if (i == o->nitems) {
				werr_set(e, 400,
				    "woocommerce_rest_invalid_item_id",
				    "Order item ID provided is not associated "
				    "with order.");
				return -1;
			}
			if (q == 0)
				order_item_remove(w, o, i);
			else if (q > 0)
				item_adjust(w, o, &o->items[i], (int)q);
			continue;
		}
		if ((p = line_product(w, li, e)) == NULL)
			return -1;
		if (q <= 0)
			q = 1;
		it = order_item_add(w, o, p, 0, -1);
		item_adjust(w, o, it, (int)q);
	}
	order_props(o, b);
	o->modified = wnow(w);
	if (status != NULL)
		order_set_status(w, o, status);
	if ((x = jget(b, "set_paid")) != NULL && json_boolean(x, &flag) == 0 &&
	    flag)
		order_payment_complete(w, o);
	fire(w, "order.updated", R_ORDER, o->id);
	return 0;
}

static void
route_order_put(struct rq *r, int64_t id)
{
	struct inval	 v;
	struct werr	 e;
	struct order	*o;

	inval_init(&v);
	order_body_check(r->body, &v);
	if (inval_send(r, &v) != 0)
		return;
	o = order_find(r->w, id);
	if (o != NULL && PERM_EDIT(r) != 0)
		return;
	if (o == NULL) {
		rest_error(r, 400, "woocommerce_rest_shop_order_invalid_id",
		    "Invalid ID.");
		return;
	}
	if (order_update(r->w, o, r->body, &e) != 0) {
		rest_werr(r, &e);
		return;
	}
	answer(r, 200, order_json(r->w, r->home, o));
}

static void
route_order_delete(struct rq *r, int64_t id)
{
	struct order	*o = order_find(r->w, id);
	const char	*force = qget(r, "force");
	cJSON		*j;

	if (o != NULL && PERM_DELETE(r) != 0)
		return;
	if (o == NULL) {
		rest_error(r, 404, "woocommerce_rest_shop_order_invalid_id",
		    "Invalid ID.");
		return;
	}
	if (force != NULL && (strcmp(force, "true") == 0 ||
	    strcmp(force, "1") == 0)) {
		j = order_json(r->w, r->home, o);
		o->deleted = 1;
		fire(r->w, "order.deleted", R_ORDER, o->id);
	} else {
		order_set_status(r->w, o, "trash");
		j = order_json(r->w, r->home, o);
	}
	answer(r, 200, j);
}

/* Gateways that can refund by API; bacs, cheque and cod cannot. */
static int
gateway_refunds(const char *m, struct werr *e)
{
	static const char *const ok[] = {
		"stripe", "fakepay", "paypal", "ppcp-gateway",
		"woocommerce_payments"
	};
	static const char *const manual[] = { "bacs", "cheque", "cod" };

	if (in_list(m, ok, NITEMS(ok)) >= 0)
		return 0;
	werr_set(e, 500, "woocommerce_rest_cannot_create_order_refund", "%s",
	    in_list(m, manual, NITEMS(manual)) >= 0 ?
	    "The payment gateway for this order does not support automatic "
	    "refunds." : "The payment gateway for this order does not exist.");
	return -1;
}

/* A refund body into rr; -1 with v filled if it does not validate. */
static int
refund_parse(const cJSON *b, struct inval *v, struct refund_req *rr,
    int rest)
{
	const cJSON	*x, *li;
	long long	 q;
	int		 flag;
	const char	*s = NULL;

	memset(rr, 0, sizeof *rr);
	rr->amount = -1;
	rr->restock = 1;
	rr->refunded_payment = rest;
	if ((x = jget(b, "amount")) != NULL) {
		if (rest && !cJSON_IsString(x))
			inval_type(v, "amount", "string");
		else if ((rr->amount = money_lenient(x)) < 0 &&
		    !(cJSON_IsString(x) && *x->valuestring == '\0'))
			inval_type(v, "amount", "string");
	}
	str_param(b, v, "reason", &s);
	rr->reason = s != NULL ? s : "";
	if ((x = jget(b, rest ? "api_restock" : "restock")) != NULL) {
		if (json_boolean(x, &flag) != 0)
			inval_type(v, rest ? "api_restock" : "restock",
			    "boolean");
		else
			rr->restock = flag;
	}
	if (rest && (x = jget(b, "api_refund")) != NULL) {
		if (json_boolean(x, &flag) != 0)
			inval_type(v, "api_refund", "boolean");
		else
			rr->refunded_payment = flag;
	}
	cJSON_ArrayForEach(li, jget(b, "line_items")) {
		if (rr->n == NITEMS(rr->item))
			break;
		rr->item[rr->n] = json_intval(jget(li, "id"));
		x = jget(li, "quantity");
		q = x != NULL && json_integer(x, &q) == 0 ? q : 0;
		rr->qty[rr->n] = (int)(q < 0 ? -q : q);
		x = jget(li, "refund_total");
		rr->total[rr->n] = -1;
		if (x != NULL) {
			long	t;

			if (cJSON_IsString(x) && *x->valuestring == '-')
				t = parse_money(x->valuestring + 1);
			else if (cJSON_IsNumber(x) && x->valuedouble < 0) {
				cJSON	*pos = cJSON_CreateNumber(
				    -x->valuedouble);

				t = money_lenient(pos);
				cJSON_Delete(pos);
			} else
				t = money_lenient(x);
			rr->total[rr->n] = t;
		}
		rr->n++;
	}
	return v->n > 0 ? -1 : 0;
}

static void
route_refund_create(struct rq *r, int64_t oid)
{
	struct inval		 v;
	struct werr		 e;
	struct refund_req	 rr;
	struct order		*o;
	struct refund		*rf;

	inval_init(&v);
	if (refund_parse(r->body, &v, &rr, 1) != 0) {
		inval_send(r, &v);
		return;
	}
	inval_free(&v);
	if (PERM_CREATE(r) != 0)
		return;
	if ((o = order_find(r->w, oid)) == NULL) {
		rest_error(r, 404, "woocommerce_rest_invalid_order_id",
		    "Invalid order ID.");
		return;
	}
	if (rr.refunded_payment && gateway_refunds(o->payment_method,
	    &e) != 0) {
		rest_werr(r, &e);
		return;
	}
	if ((rf = order_refund(r->w, o, &rr, &e)) == NULL) {
		rest_werr(r, &e);
		return;
	}
	answer(r, 201, refund_json(r->home, o, rf));
}

static void
route_refunds_list(struct rq *r, int64_t oid)
{
	struct inval	 v;
	struct listq	 l;
	struct order	*o;
	cJSON		*a;
	int		 i, start, end;

	inval_init(&v);
	listq_parse(r, &v, &l, order_orderby, NITEMS(order_orderby));
	if (inval_send(r, &v) != 0)
		return;
	if (PERM_LIST(r) != 0)
		return;
	if ((o = order_find(r->w, oid)) == NULL) {
		rest_error(r, 404, "woocommerce_rest_invalid_order_id",
		    "Invalid order ID.");
		return;
	}
	page_bounds(&l, o->nrefunds, &start, &end);
	a = cJSON_CreateArray();
	/* Newest first, as date desc. */
	for (i = start; i < end; i++)
		cJSON_AddItemToArray(a, refund_json(r->home, o,
		    &o->refunds[l.desc ? o->nrefunds - 1 - i : i]));
	paginate(r, o->nrefunds, &l);
	answer(r, 200, a);
}

static void
route_refund_get(struct rq *r, int64_t oid, int64_t rid)
{
	struct order	*o = order_find(r->w, oid);
	int		 i;

	if (PERM_VIEW(r) != 0)
		return;
	for (i = 0; o != NULL && i < o->nrefunds; i++) {
		if (o->refunds[i].id == rid) {
			answer(r, 200, refund_json(r->home, o, &o->refunds[i]));
			return;
		}
	}
	rest_error(r, 404, "woocommerce_rest_invalid_id",
	    "Invalid resource ID.");
}

static void
route_notes(struct rq *r, int64_t oid, int create)
{
	struct order	*o;
	const char	*text;
	const cJSON	*x;
	cJSON		*a;
	int		 i, flag = 0;

	if ((create ? PERM_CREATE(r) : PERM_LIST(r)) != 0)
		return;
	if ((o = order_find(r->w, oid)) == NULL) {
		rest_error(r, 404, "woocommerce_rest_order_invalid_id",
		    "Invalid order ID.");
		return;
	}
	if (create) {
		if ((text = json_string(r->body, "note")) == NULL ||
		    *text == '\0') {
			rest_error(r, 400,
			    "woocommerce_rest_invalid_order_note",
			    "Cannot create order note, please try again.");
			return;
		}
		order_note(r->w, o, text);
		if ((x = jget(r->body, "customer_note")) != NULL &&
		    json_boolean(x, &flag) == 0)
			o->notes[o->nnotes - 1].customer = flag;
		answer(r, 201, note_json(r->home, o, &o->notes[o->nnotes - 1]));
		return;
	}
	a = cJSON_CreateArray();
	for (i = o->nnotes - 1; i >= 0; i--)
		cJSON_AddItemToArray(a, note_json(r->home, o, &o->notes[i]));
	answer(r, 200, a);
}

/* Webhooks (reference section 9). */

static int
topic_valid(const char *t)
{
	static const char *const topics[] = {
		"product.created", "product.updated", "product.deleted",
		"product.restored", "order.created", "order.updated",
		"order.deleted", "order.restored"
	};

	return t != NULL && in_list(t, topics, NITEMS(topics)) >= 0;
}

static const char *const hook_status_enum[] = {
	"active", "paused", "disabled"
};

static void
hook_body_check(const cJSON *b, struct inval *v)
{
	const char	*s = NULL;
	int		 k;

	str_param(b, v, "name", &s);
	str_param(b, v, "topic", &s);
	str_param(b, v, "delivery_url", &s);
	str_param(b, v, "secret", &s);
	enum_param(b, v, "status", hook_status_enum, NITEMS(hook_status_enum),
	    &k);
}

static int
url_valid(const char *u)
{
	return u != NULL && (strncmp(u, "http://", 7) == 0 ||
	    strncmp(u, "https://", 8) == 0) && strlen(u) > 8;
}

/* A webhook's save: the ping, until one has succeeded. */
static void
hook_save(struct woo *w, struct webhook *h)
{
	h->modified = wnow(w);
	hook_ping(w, h);
}

static void
route_hook_create(struct rq *r)
{
	struct woo	*w = r->w;
	struct inval	 v;
	struct webhook	*h;
	const char	*topic, *url, *s;
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	char		 hex[2 * EVP_MAX_MD_SIZE + 1], date[32];
	unsigned int	 i;

	inval_init(&v);
	hook_body_check(r->body, &v);
	if (inval_send(r, &v) != 0)
		return;
	if (PERM_CREATE(r) != 0)
		return;
	topic = json_string(r->body, "topic");
	url = json_string(r->body, "delivery_url");
	if (!topic_valid(topic)) {
		rest_error(r, 400,
		    "woocommerce_rest_shop_webhook_invalid_topic",
		    "Webhook topic is required and must be valid.");
		return;
	}
	if (!url_valid(url)) {
		rest_error(r, 400,
		    "woocommerce_rest_shop_webhook_invalid_delivery_url",
		    "Webhook delivery URL must be a valid URL starting with "
		    "http:// or https://.");
		return;
	}
	h = xcalloc(1, sizeof *h);
	h->id = w->next_hook_id++;
	h->created = wnow(w);
	if ((s = json_string(r->body, "name")) != NULL)
		h->name = xstrdup(s);
	else {
		fmt_date(h->created, date, sizeof date);
		h->name = xasprintf("Webhook created on %s", date);
	}
	h->topic = xstrdup(topic);
	h->delivery_url = xstrdup(url);
	if ((s = json_string(r->body, "secret")) != NULL && *s != '\0')
		h->secret = xstrdup(s);
	else {
		/* The default: a hash of the user's id and login. */
		EVP_Digest("1admin", 6, md, &mdlen, EVP_md5(), NULL);
		for (i = 0; i < mdlen; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
		h->secret = xstrdup(hex);
	}
	snprintf(h->status, sizeof h->status, "%s",
	    (s = json_string(r->body, "status")) != NULL ? s : "active");
	h->pending_delivery = 1;
	if (w->nhooks == w->chooks) {
		w->chooks = w->chooks == 0 ? 8 : w->chooks * 2;
		w->hooks = xrealloc(w->hooks,
		    (size_t)w->chooks * sizeof *w->hooks);
	}
	w->hooks[w->nhooks++] = h;
	hook_save(w, h);
	answer(r, 201, hook_json(r->home, h));
}

static void
route_hook_put(struct rq *r, int64_t id)
{
	struct woo	*w = r->w;
	struct inval	 v;
	struct webhook	*h = hook_find(w, id);
	const char	*s;

	inval_init(&v);
	hook_body_check(r->body, &v);
	if (inval_send(r, &v) != 0)
		return;
	if (PERM_EDIT(r) != 0)
		return;
	if (h == NULL) {
		rest_error(r, 400, "woocommerce_rest_shop_webhook_invalid_id",
		    "Invalid ID.");
		return;
	}
	if ((s = json_string(r->body, "topic")) != NULL) {
		if (!topic_valid(s)) {
			rest_error(r, 400,
			    "woocommerce_rest_shop_webhook_invalid_topic",
			    "Webhook topic is required and must be valid.");
			return;
		}
		set_str(&h->topic, s);
	}
	if ((s = json_string(r->body, "delivery_url")) != NULL) {
		if (!url_valid(s)) {
			rest_error(r, 400, E_HOOK_URL,
			    "Webhook delivery URL must be a valid URL starting "
			    "with http:// or https://.");
			return;
		}
		set_str(&h->delivery_url, s);
	}
	if ((s = json_string(r->body, "name")) != NULL)
		set_str(&h->name, s);
	if ((s = json_string(r->body, "secret")) != NULL)
		set_str(&h->secret, s);
	if ((s = json_string(r->body, "status")) != NULL) {
		if (strcmp(s, "active") == 0 && strcmp(h->status,
		    "active") != 0)
			h->failures = 0;
		snprintf(h->status, sizeof h->status, "%s", s);
	}
	hook_save(w, h);
	answer(r, 200, hook_json(r->home, h));
}

static void
route_hook_get(struct rq *r, int64_t id)
{
	struct webhook	*h = hook_find(r->w, id);

	if (PERM_VIEW(r) != 0)
		return;
	if (h == NULL) {
		rest_error(r, 404, "woocommerce_rest_shop_webhook_invalid_id",
		    "Invalid ID.");
		return;
	}
	answer(r, 200, hook_json(r->home, h));
}

static void
route_hook_delete(struct rq *r, int64_t id)
{
	struct webhook	*h = hook_find(r->w, id);
	const char	*force = qget(r, "force");

	if (PERM_DELETE(r) != 0)
		return;
	if (h == NULL) {
		rest_error(r, 404, "woocommerce_rest_shop_webhook_invalid_id",
		    "Invalid ID.");
		return;
	}
	if (force == NULL || (strcmp(force, "true") != 0 &&
	    strcmp(force, "1") != 0)) {
		rest_error(r, 501, "woocommerce_rest_trash_not_supported",
		    "Webhooks do not support trashing.");
		return;
	}
	answer(r, 200, hook_json(r->home, h));
	h->deleted = 1;
}

static void
route_hooks_list(struct rq *r)
{
	static const char *const st_enum[] = {
		"all", "active", "paused", "disabled"
	};
	struct inval	 v;
	struct listq	 l;
	struct webhook	*sel[256];
	const char	*st;
	cJSON		*a;
	int		 i, n = 0, start, end;

	inval_init(&v);
	listq_parse(r, &v, &l, order_orderby, NITEMS(order_orderby));
	st = qenum(r, &v, "status", "all", st_enum, NITEMS(st_enum));
	if (inval_send(r, &v) != 0)
		return;
	if (PERM_LIST(r) != 0)
		return;
	for (i = r->w->nhooks - 1; i >= 0 && n < 256; i--) {
		struct webhook *h = r->w->hooks[i];

		if (h->deleted || (strcmp(st, "all") != 0 &&
		    strcmp(st, h->status) != 0))
			continue;
		sel[n++] = h;
	}
	page_bounds(&l, n, &start, &end);
	a = cJSON_CreateArray();
	for (i = start; i < end; i++)
		cJSON_AddItemToArray(a, hook_json(r->home, sel[i]));
	paginate(r, n, &l);
	answer(r, 200, a);
}

/* Routing. */

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s))
			return 0;
	}
	return 1;
}

#define M_GET		1
#define M_EDIT		2	/* POST, PUT, PATCH */
#define M_POST		4
#define M_DELETE	8

static int
method_bits(const char *m)
{
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return M_GET;
	if (strcmp(m, "POST") == 0)
		return M_EDIT | M_POST;
	if (strcmp(m, "PUT") == 0 || strcmp(m, "PATCH") == 0)
		return M_EDIT;
	if (strcmp(m, "DELETE") == 0)
		return M_DELETE;
	return 0;
}

/* Match r->route against the wc/v3 routes and run one (404 otherwise). */
static void
dispatch(struct rq *r)
{
	char		*copy, *seg[8], *save = NULL, *t;
	int		 n = 0, m = method_bits(r->req->method);
	int64_t		 a = 0, b = 0;
	enum {
		NONE, PRODUCTS, PRODUCT_CREATE, PRODUCTS_BATCH, PRODUCT_GET,
		PRODUCT_PUT, PRODUCT_DELETE, VARIATIONS, VARIATION_CREATE,
		VARIATIONS_BATCH, VARIATION_GET, VARIATION_PUT,
		VARIATION_DELETE, ORDERS, ORDER_CREATE, ORDER_GET, ORDER_PUT,
		ORDER_DELETE, REFUNDS, REFUND_CREATE, REFUND_GET, NOTES,
		NOTE_CREATE, HOOKS, HOOK_CREATE, HOOK_GET, HOOK_PUT,
		HOOK_DELETE
	} route = NONE;

	copy = xstrdup(r->route);
	for (t = strtok_r(copy, "/", &save); t != NULL && n < 8;
	    t = strtok_r(NULL, "/", &save))
		seg[n++] = t;
	if (n < 3 || t != NULL || strcmp(seg[0], "wc") != 0 ||
	    strcmp(seg[1], "v3") != 0)
		goto match;
	if (n > 3 && all_digits(seg[3]))
		a = strtoll(seg[3], NULL, 10);
	if (n > 5 && all_digits(seg[5]))
		b = strtoll(seg[5], NULL, 10);

	if (strcmp(seg[2], "products") == 0) {
		if (n == 3)
			route = m & M_GET ? PRODUCTS : m & M_POST ?
			    PRODUCT_CREATE : NONE;
		else if (n == 4 && strcmp(seg[3], "batch") == 0)
			route = m & M_EDIT ? PRODUCTS_BATCH : NONE;
		else if (n == 4 && a != 0)
			route = m & M_GET ? PRODUCT_GET : m & M_EDIT ?
			    PRODUCT_PUT : m & M_DELETE ? PRODUCT_DELETE : NONE;
		else if (n == 5 && a != 0 && strcmp(seg[4], "variations") == 0)
			route = m & M_GET ? VARIATIONS : m & M_POST ?
			    VARIATION_CREATE : NONE;
		else if (n == 6 && a != 0 &&
		    strcmp(seg[4], "variations") == 0 &&
		    strcmp(seg[5], "batch") == 0)
			route = m & M_EDIT ? VARIATIONS_BATCH : NONE;
		else if (n == 6 && a != 0 && b != 0 &&
		    strcmp(seg[4], "variations") == 0)
			route = m & M_GET ? VARIATION_GET : m & M_EDIT ?
			    VARIATION_PUT : m & M_DELETE ? VARIATION_DELETE :
			    NONE;
	} else if (strcmp(seg[2], "orders") == 0) {
		if (n == 3)
			route = m & M_GET ? ORDERS : m & M_POST ?
			    ORDER_CREATE : NONE;
		else if (n == 4 && a != 0)
			route = m & M_GET ? ORDER_GET : m & M_EDIT ?
			    ORDER_PUT : m & M_DELETE ? ORDER_DELETE : NONE;
		else if (n == 5 && a != 0 && strcmp(seg[4], "refunds") == 0)
			route = m & M_GET ? REFUNDS : m & M_POST ?
			    REFUND_CREATE : NONE;
		else if (n == 6 && a != 0 && b != 0 &&
		    strcmp(seg[4], "refunds") == 0)
			route = m & M_GET ? REFUND_GET : NONE;
		else if (n == 5 && a != 0 && strcmp(seg[4], "notes") == 0)
			route = m & M_GET ? NOTES : m & M_POST ? NOTE_CREATE :
			    NONE;
	} else if (strcmp(seg[2], "webhooks") == 0) {
		if (n == 3)
			route = m & M_GET ? HOOKS : m & M_POST ? HOOK_CREATE :
			    NONE;
		else if (n == 4 && a != 0)
			route = m & M_GET ? HOOK_GET : m & M_EDIT ? HOOK_PUT :
			    m & M_DELETE ? HOOK_DELETE : NONE;
	}

match:
	free(copy);
	if (route == NONE) {
		no_route(r);
		return;
	}
	/* A matched route checks its JSON before anything else. */
	if (r->bad_json) {
		cJSON	*j = cJSON_CreateObject(), *d;

		cJSON_AddStringToObject(j, "code", "rest_invalid_json");
		cJSON_AddStringToObject(j, "message",
		    "Invalid JSON body passed.");
		d = cJSON_AddObjectToObject(j, "data");
		jint(d, "status", 400);
		jint(d, "json_error_code", 4);
		cJSON_AddStringToObject(d, "json_error_message",
		    "Syntax error");
		fake_resp_json(r->resp, 400, j);
		return;
	}
	switch (route) {
	case PRODUCTS:
		list_products(r, 0);
		break;
	case PRODUCT_CREATE:
		route_product_create(r, 0);
		break;
	case PRODUCTS_BATCH:
		route_batch(r, 0);
		break;
	case PRODUCT_GET:
		route_product_get(r, a);
		break;
	case PRODUCT_PUT:
		route_product_put(r, a);
		break;
	case PRODUCT_DELETE:
	case VARIATION_DELETE:
		route_product_delete(r, route == PRODUCT_DELETE ? a : b);
		break;
	case VARIATIONS:
		list_products(r, a);
		break;
	case VARIATION_CREATE:
		route_product_create(r, a);
		break;
	case VARIATIONS_BATCH:
		route_batch(r, a);
		break;
	case VARIATION_GET:
		route_variation_get(r, a, b);
		break;
	case VARIATION_PUT:
		route_variation_put(r, a, b);
		break;
	case ORDERS:
		route_orders_list(r);
		break;
	case ORDER_CREATE:
		route_order_create(r);
		break;
	case ORDER_GET:
		route_order_get(r, a);
		break;
	case ORDER_PUT:
		route_order_put(r, a);
		break;
	case ORDER_DELETE:
		route_order_delete(r, a);
		break;
	case REFUNDS:
		route_refunds_list(r, a);
		break;
	case REFUND_CREATE:
		route_refund_create(r, a);
		break;
	case REFUND_GET:
		route_refund_get(r, a, b);
		break;
	case NOTES:
	case NOTE_CREATE:
		route_notes(r, a, route == NOTE_CREATE);
		break;
	case HOOKS:
		route_hooks_list(r);
		break;
	case HOOK_CREATE:
		route_hook_create(r);
		break;
	case HOOK_GET:
		route_hook_get(r, a);
		break;
	case HOOK_PUT:
		route_hook_put(r, a);
		break;
	case HOOK_DELETE:
		route_hook_delete(r, a);
		break;
	case NONE:
		break;
	}
}

/* Parse what a request carries into r. */
static void
rq_init(struct rq *r, struct woo *w, const struct fake_req *req,
    struct fake_resp *resp)
{
	const char	*host, *proto, *ctype;
	size_t		 i;

	memset(r, 0, sizeof *r);
	r->w = w;
	r->req = req;
	r->resp = resp;
	oauth1_params_init(&r->q);
	oauth1_params_parse(&r->q, req->query);
	proto = fake_req_header(req, "X-Forwarded-Proto");
	r->tls = proto != NULL && strcasecmp(proto, "https") == 0;
	if ((host = fake_req_header(req, "Host")) == NULL)
		host = "127.0.0.1";
	snprintf(r->home, sizeof r->home, "%s://%s", r->tls ? "https" : "http",
	    host);
	for (i = 0; r->home[i] != '\0'; i++)
		r->home[i] = (char)tolower((unsigned char)r->home[i]);

	ctype = fake_req_header(req, "Content-Type");
	if (ctype != NULL && ci_strstr(ctype, "json") != NULL) {
		if (req->bodylen > 0) {
			r->body = cJSON_ParseWithLength(req->body,
			    req->bodylen);
			if (r->body == NULL)
				r->bad_json = 1;
			else if (!cJSON_IsObject(r->body) &&
			    !cJSON_IsArray(r->body)) {
				cJSON_Delete(r->body);
				r->body = NULL;
			}
		}
	} else if (ctype != NULL && strncasecmp(ctype,
	    "application/x-www-form-urlencoded", 33) == 0) {
		struct oauth1_params	f;

		oauth1_params_init(&f);
		oauth1_params_parse(&f, req->body);
		r->body = cJSON_CreateObject();
		for (i = 0; i < f.n; i++) {
			if (cJSON_GetObjectItem(r->body, f.v[i].key) == NULL)
				cJSON_AddStringToObject(r->body, f.v[i].key,
				    f.v[i].value);
		}
		oauth1_params_free(&f);
	}
	if (r->body == NULL && !r->bad_json)
		r->body = cJSON_CreateObject();
}

static void
rq_free(struct rq *r)
{
	oauth1_params_free(&r->q);
	cJSON_Delete(r->body);
	free(r->route);
}

static const char not_found_page[] = "<!DOCTYPE html>\n<html lang=\"en-US\">"
    "<head><title>Page not found &#8211; Fake Shop</title></head>\n"
    "<body class=\"error404\"><h1>Oops! That page can&rsquo;t be found."
    "</h1></body></html>\n";

/*
 * fakehttp's handler for everything outside /_fake/: the REST API under
 * /wp-json/ or ?rest_route=, a WordPress 404 page otherwise.
 */
void
woo_handle(void *ctx, const struct fake_req *req, struct fake_resp *resp)
{
	struct woo	*w = ctx;
	struct rq	 r;
	const char	*rr;
	size_t		 n;
	int		 delay;

	pthread_mutex_lock(&w->lock);
	delay = w->delay_ms;
	pthread_mutex_unlock(&w->lock);
	sleep_ms(delay);

	pthread_mutex_lock(&w->lock);
	rq_init(&r, w, req, resp);
	if (strcmp(req->path, "/wp-json") == 0 ||
	    strncmp(req->path, "/wp-json/", 9) == 0) {
		r.pretty = 1;
		r.route = xstrdup(req->path[8] == '\0' ? "/" : req->path + 8);
	} else if ((strcmp(req->path, "/") == 0 ||
	    strcmp(req->path, "/index.php") == 0) &&
	    (rr = qget(&r, "rest_route")) != NULL)
		r.route = xstrdup(*rr == '\0' ? "/" : rr);
	else {
		fake_resp_text(resp, 404, "text/html; charset=UTF-8",
		    not_found_page);
		goto out;
	}
	n = strlen(r.route);
	while (n > 1 && r.route[n - 1] == '/')
		r.route[--n] = '\0';
	fake_resp_header(resp, "X-Robots-Tag", "noindex");
	fake_resp_header(resp, "X-Content-Type-Options", "nosniff");
	fake_resp_header(resp, "Access-Control-Expose-Headers",
	    "X-WP-Total, X-WP-TotalPages, Link");
	if (rq_auth(&r) != 0)
		goto out;
	dispatch(&r);
out:
	rq_free(&r);
	pthread_mutex_unlock(&w->lock);
}

/* The /_fake/ control routes: JSON in and out, no auth. */

static void
ctl_error(struct fake_resp *resp, int status, const char *msg)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "error", msg);
	fake_resp_json(resp, status, j);
}

static cJSON *
config_json(struct woo *w)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "version", w->version >= WOO_V94 ? "9.4" :
	    "7.9");
	cJSON_AddBoolToObject(j, "unstable_sort", w->unstable_sort);
	jint(j, "delay_ms", w->delay_ms);
	jint(j, "batch_item_delay_ms", w->batch_item_delay_ms);
	jint(j, "half_batch_drop", w->half_batch_drop);
	jint(j, "webhook_delay_ms", w->webhook_delay_ms);
	jint(j, "webhook_max_failures", w->webhook_max_failures);
	jint(j, "next_id", w->next_post_id);
	jint(j, "clock_offset_s", w->clock_offset);
	return j;
}

static int
config_set(struct woo *w, const cJSON *b, const char **err)
{
	const cJSON	*x;
	long long	 n;
	int		 flag;

	if ((x = jget(b, "version")) != NULL) {
		const char *s = cJSON_IsString(x) ? x->valuestring : "";

		if (strncmp(s, "7.9", 3) == 0)
			w->version = WOO_V79;
		else if (strncmp(s, "9.4", 3) == 0)
			w->version = WOO_V94;
		else {
			*err = "version: 7.9 or 9.4";
			return -1;
		}
	}
	if ((x = jget(b, "unstable_sort")) != NULL &&
	    json_boolean(x, &flag) == 0)
		w->unstable_sort = flag;
	if ((x = jget(b, "delay_ms")) != NULL && json_integer(x, &n) == 0)
		w->delay_ms = (int)n;
	if ((x = jget(b, "batch_item_delay_ms")) != NULL &&
	    json_integer(x, &n) == 0)
		w->batch_item_delay_ms = (int)n;
	if ((x = jget(b, "half_batch_drop")) != NULL) {
		if (cJSON_IsBool(x))
			w->half_batch_drop = cJSON_IsTrue(x);
		else if (json_integer(x, &n) == 0)
			w->half_batch_drop = (int)n;
	}
	if ((x = jget(b, "webhook_delay_ms")) != NULL &&
	    json_integer(x, &n) == 0)
		w->webhook_delay_ms = (int)n;
	if ((x = jget(b, "webhook_max_failures")) != NULL &&
	    json_integer(x, &n) == 0)
		w->webhook_max_failures = (int)n;
	if ((x = jget(b, "next_id")) != NULL && json_integer(x, &n) == 0) {
		/* Ids only grow: the lookups rely on it. */
		if (n > w->next_post_id)
			w->next_post_id = n;
	}
	return 0;
}

static cJSON *
state_json(struct woo *w, const char *home)
{
	cJSON	*j = cJSON_CreateObject(), *a, *h;
	int	 i;

	a = cJSON_AddArrayToObject(j, "products");
	for (i = 0; i < w->nproducts; i++) {
		if (!w->products[i]->deleted)
			cJSON_AddItemToArray(a, product_json(w, home,
			    w->products[i]));
	}
	a = cJSON_AddArrayToObject(j, "orders");
	for (i = 0; i < w->norders; i++) {
		if (!w->orders[i]->deleted)
			cJSON_AddItemToArray(a, order_json(w, home,
			    w->orders[i]));
	}
	a = cJSON_AddArrayToObject(j, "webhooks");
	for (i = 0; i < w->nhooks; i++) {
		if (w->hooks[i]->deleted)
			continue;
		h = hook_json(home, w->hooks[i]);
		cJSON_AddStringToObject(h, "secret", w->hooks[i]->secret);
		jint(h, "failure_count", w->hooks[i]->failures);
		cJSON_AddBoolToObject(h, "pending_delivery",
		    w->hooks[i]->pending_delivery);
		cJSON_AddItemToArray(a, h);
	}
	jint(j, "pending_deliveries", w->njobs);
	cJSON_AddItemToObject(j, "config", config_json(w));
	jdate(j, "now", wnow(w));
	return j;
}

static cJSON *
product_out(struct woo *w, const char *home, struct product *p)
{
	cJSON		*j = product_json(w, home, p), *a;
	struct product	*kid;
	int		 i;

	if (p->type == P_VARIABLE) {
		a = cJSON_AddArrayToObject(j, "_fake_variations");
		for (i = 0; i < p->nkids; i++) {
			if ((kid = product_find(w, p->kids[i])) != NULL)
				cJSON_AddItemToArray(a, product_json(w, home,
				    kid));
		}
	}
	return j;
}

static int
perms_parse(const char *s)
{
	if (s == NULL || strcmp(s, "read_write") == 0)
		return WOO_READ_WRITE;
	if (strcmp(s, "read") == 0)
		return WOO_READ;
	if (strcmp(s, "write") == 0)
		return WOO_WRITE;
	return 0;
}

static int
ctl_stock(struct woo *w, const cJSON *b, const char *home,
    struct fake_resp *resp)
{
	struct product	*p = NULL, *owner;
	const cJSON	*x;
	long long	 q;

	if ((x = jget(b, "id")) != NULL)
		p = product_find(w, json_intval(x));
	else if (json_string(b, "sku") != NULL)
		p = product_by_sku(w, json_string(b, "sku"));
	if (p == NULL) {
		ctl_error(resp, 404, "stock: no such product (id or sku)");
		return -1;
	}
	if (json_integer(jget(b, "stock_quantity"), &q) != 0) {
		ctl_error(resp, 400,
		    "stock: stock_quantity must be an integer");
		return -1;
	}
	if ((x = jget(b, "manage_stock")) != NULL && json_tobool(x))
		p->manage = 1;
	/* A "parent" variation's stock is its parent's. */
	if ((owner = stock_owner(w, p)) == NULL) {
		ctl_error(resp, 400, "stock: product does not manage stock "
		    "(send manage_stock:true)");
		return -1;
	}
	owner->qty = q;
	stock_changed(w, owner);
	fake_resp_json(resp, 200, product_json(w, home, p));
	return 0;
}

/*
 * fakehttp's control handler for /_fake/ (fakehttp keeps /_fake/faults
 * and /_fake/log for itself):
 *   POST /_fake/products          object or array of product specs
 *   POST /_fake/seed              {"count":N}
 *   POST /_fake/orders            a shopper's order {status, line_items}
 *   POST /_fake/orders/ID/status  {"status":"cancelled"}
 *   POST /_fake/orders/ID/refund  {line_items:[{id,quantity}],restock}
 *   POST /_fake/orders/ID/edit    {line_items:[{id,quantity}]}
 *   POST /_fake/stock             {"id"|"sku", "stock_quantity"}
 *   GET  /_fake/state             products, orders, webhooks
 *   GET|POST /_fake/config        version, unstable_sort, delay_ms,
 *                                 batch_item_delay_ms, half_batch_drop,
 *                                 webhook_delay_ms, webhook_max_failures,
 *                                 next_id
 *   GET|POST /_fake/clock         {"offset_s":N}
 *   GET|POST /_fake/keys          {consumer_key, consumer_secret,
 *                                 permissions}; DELETE /_fake/keys/CK
 *   GET|DELETE /_fake/deliveries  webhook deliveries made
 */
void
woo_control(void *ctx, const struct fake_req *req, struct fake_resp *resp)
{
	struct woo	*w = ctx;
	const char	*p = req->path + 7, *m = req->method, *s, *err = NULL;
	const char	*host;
	char		 home[256];
	cJSON		*b = NULL, *out;
	const cJSON	*it;
	struct order	*o;
	struct werr	 e;
	long long	 id = 0;
	int		 post = strcmp(m, "POST") == 0;
	int		 get = strcmp(m, "GET") == 0;

	pthread_mutex_lock(&w->lock);
	if ((host = fake_req_header(req, "Host")) != NULL)
		snprintf(home, sizeof home, "http://%s", host);
	else
		snprintf(home, sizeof home, "%s", w->home);
	if (req->bodylen > 0 && (b = cJSON_ParseWithLength(req->body,
	    req->bodylen)) == NULL) {
		ctl_error(resp, 400, "body is not JSON");
		goto out;
	}
	if (b == NULL)
		b = cJSON_CreateObject();

	if (strcmp(p, "products") == 0 && post) {
		struct product	*np;

		if (cJSON_IsArray(b)) {
			out = cJSON_CreateArray();
			cJSON_ArrayForEach(it, b) {
				if ((np = product_from_spec(w, it, NULL, 0,
				    &e)) == NULL) {
					cJSON_Delete(out);
					ctl_error(resp, e.status, e.msg);
					goto out;
				}
				cJSON_AddItemToArray(out, product_out(w, home,
				    np));
			}
			fake_resp_json(resp, 201, out);
		} else if ((np = product_from_spec(w, b, NULL, 0, &e)) == NULL)
			ctl_error(resp, e.status, e.msg);
		else
			fake_resp_json(resp, 201, product_out(w, home, np));
	} else if (strcmp(p, "seed") == 0 && post) {
		long long	n = 0;

		json_integer(jget(b, "count"), &n);
		pthread_mutex_unlock(&w->lock);
		woo_seed(w, (int)n);
		pthread_mutex_lock(&w->lock);
		out = cJSON_CreateObject();
		jint(out, "count", n);
		fake_resp_json(resp, 200, out);
	} else if (strcmp(p, "orders") == 0 && post) {
		const cJSON	*sk = jget(b, "skip_check");

		if (jget(b, "status") == NULL)
			cJSON_AddStringToObject(b, "status", "processing");
		if (jget(b, "payment_method") == NULL) {
			cJSON_AddStringToObject(b, "payment_method", "stripe");
			cJSON_AddStringToObject(b, "payment_method_title",
			    "Credit Card (Stripe)");
		}
		if ((o = order_create(w, b, "checkout",
		    !(sk != NULL && json_tobool(sk)), &e)) == NULL)
			ctl_error(resp, e.status, e.msg);
		else
			fake_resp_json(resp, 201, order_json(w, home, o));
	} else if (strncmp(p, "orders/", 7) == 0 && post) {
		char	*end;

		id = strtoll(p + 7, &end, 10);
		if ((o = order_find(w, id)) == NULL) {
			ctl_error(resp, 404, "no such order");
			goto out;
		}
		if (strcmp(end, "/status") == 0) {
			s = json_string(b, "status");
			if (s == NULL || in_list(s, order_status_enum,
			    NITEMS(order_status_enum)) < 0) {
				ctl_error(resp, 400, "status: unknown");
				goto out;
			}
			order_set_status(w, o, s);
			fake_resp_json(resp, 200, order_json(w, home, o));
		} else if (strcmp(end, "/refund") == 0) {
			struct refund_req	 rr;
			struct inval		 v;
			struct refund		*rf;

			inval_init(&v);
			if (refund_parse(b, &v, &rr, 0) != 0) {
				inval_free(&v);
				ctl_error(resp, 400, "refund: bad body");
				goto out;
			}
			inval_free(&v);
			if ((rf = order_refund(w, o, &rr, &e)) == NULL)
				ctl_error(resp, e.status, e.msg);
			else
				fake_resp_json(resp, 201, refund_json(home, o,
				    rf));
		} else if (strcmp(end, "/edit") == 0) {
			if (order_update(w, o, b, &e) != 0)
				ctl_error(resp, e.status, e.msg);
			else
				fake_resp_json(resp, 200, order_json(w, home,
				    o));
		} else
			ctl_error(resp, 404, "no such control route");
	} else if (strcmp(p, "stock") == 0 && post)
		ctl_stock(w, b, home, resp);
	else if (strcmp(p, "state") == 0 && get)
		fake_resp_json(resp, 200, state_json(w, home));
	else if (strcmp(p, "config") == 0 && (get || post)) {
		if (post && config_set(w, b, &err) != 0)
			ctl_error(resp, 400, err);
		else
			fake_resp_json(resp, 200, config_json(w));
	} else if (strcmp(p, "clock") == 0 && (get || post)) {
		long long	n;

		if (post && json_integer(jget(b, "offset_s"), &n) == 0)
			w->clock_offset = (long)n;
		out = cJSON_CreateObject();
		jint(out, "offset_s", w->clock_offset);
		jint(out, "now", wnow(w));
		fake_resp_json(resp, 200, out);
	} else if (strcmp(p, "keys") == 0 && post) {
		const char	*k = json_string(b, "consumer_key");
		const char	*sec = json_string(b, "consumer_secret");
		int		 pm = perms_parse(json_string(b,
		    "permissions"));

		if (k == NULL || sec == NULL || pm == 0) {
			ctl_error(resp, 400, "keys: consumer_key, "
			    "consumer_secret, "
			    "permissions read|write|read_write");
			goto out;
		}
		pthread_mutex_unlock(&w->lock);
		woo_key_add(w, k, sec, pm);
		pthread_mutex_lock(&w->lock);
		fake_resp_json(resp, 201, cJSON_Duplicate(b, 1));
	} else if (strcmp(p, "keys") == 0 && get) {
		int	i;

		out = cJSON_CreateArray();
		for (i = 0; i < w->nkeys; i++) {
			cJSON	*k = cJSON_CreateObject();

			cJSON_AddStringToObject(k, "consumer_key",
			    w->keys[i].key);
			cJSON_AddStringToObject(k, "permissions",
			    w->keys[i].perms == WOO_READ ? "read" :
			    w->keys[i].perms == WOO_WRITE ? "write" :
			    "read_write");
			cJSON_AddBoolToObject(k, "revoked", w->keys[i].revoked);
			cJSON_AddItemToArray(out, k);
		}
		fake_resp_json(resp, 200, out);
	} else if (strncmp(p, "keys/", 5) == 0 &&
	    strcmp(m, "DELETE") == 0) {
		int	i, found = 0;

		for (i = 0; i < w->nkeys; i++) {
			if (strcmp(w->keys[i].key, p + 5) == 0) {
				w->keys[i].revoked = 1;
				found = 1;
			}
		}
		if (!found)
			ctl_error(resp, 404, "no such key");
		else {
			out = cJSON_CreateObject();
			cJSON_AddBoolToObject(out, "revoked", 1);
			fake_resp_json(resp, 200, out);
		}
	} else if (strcmp(p, "deliveries") == 0 && get)
		fake_resp_json(resp, 200, cJSON_Duplicate(w->deliveries, 1));
	else if (strcmp(p, "deliveries") == 0 && strcmp(m, "DELETE") == 0) {
		cJSON_Delete(w->deliveries);
		w->deliveries = cJSON_CreateArray();
		fake_resp_json(resp, 200, cJSON_CreateArray());
	} else
		ctl_error(resp, 404, "no such control route");
out:
	cJSON_Delete(b);
	pthread_mutex_unlock(&w->lock);
}

/* The store's life. */

struct woo *
woo_new(void)
{
	struct woo		*w;
	pthread_condattr_t	 ca;

	w = xcalloc(1, sizeof *w);
	pthread_mutex_init(&w->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cond, &ca);
	pthread_condattr_destroy(&ca);
	w->version = WOO_V79;
	w->webhook_delay_ms = 300;
	w->webhook_max_failures = 5;
	w->rng = (uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid();
	if (w->rng == 0)
		w->rng = 1;
	/* Ids as on a young store: posts share one sequence. */
	w->next_post_id = 10;
	w->next_item_id = 1;
	w->next_meta_id = 1;
	w->next_note_id = 1;
	w->next_hook_id = 1;
	w->deliveries = cJSON_CreateArray();
	snprintf(w->home, sizeof w->home, "http://127.0.0.1");
	return w;
}

void
woo_free(struct woo *w)
{
	int	i, j;

	if (w == NULL)
		return;
	/* No handler runs after this; then the thread stops. */
	fake_server_stop(w->srv);
	if (w->thread_started) {
		pthread_mutex_lock(&w->lock);
		w->stop = 1;
		pthread_cond_broadcast(&w->cond);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
	}
	for (i = 0; i < w->nproducts; i++)
		product_free(w->products[i]);
	free(w->products);
	for (i = 0; i < w->norders; i++)
		order_free(w->orders[i]);
	free(w->orders);
	for (i = 0; i < w->nhooks; i++) {
		free(w->hooks[i]->name);
		free(w->hooks[i]->topic);
		free(w->hooks[i]->delivery_url);
		free(w->hooks[i]->secret);
		free(w->hooks[i]);
	}
	free(w->hooks);
	for (i = 0; i < w->nkeys; i++) {
		for (j = 0; j < w->keys[i].nnonces; j++)
			free(w->keys[i].nonces[j].value);
		free(w->keys[i].nonces);
		free(w->keys[i].key);
		free(w->keys[i].secret);
	}
	free(w->keys);
	free(w->jobs);
	cJSON_Delete(w->deliveries);
	pthread_cond_destroy(&w->cond);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

void
woo_set_version(struct woo *w, int version)
{
	pthread_mutex_lock(&w->lock);
	w->version = version >= WOO_V94 ? WOO_V94 : WOO_V79;
	pthread_mutex_unlock(&w->lock);
}

void
woo_key_add(struct woo *w, const char *key, const char *secret, int perms)
{
	struct woo_key	*k;
	int		 i;

	pthread_mutex_lock(&w->lock);
	for (i = 0; i < w->nkeys; i++) {
		if (strcmp(w->keys[i].key, key) == 0) {
			k = &w->keys[i];
			set_str(&k->secret, secret);
			k->perms = perms;
			k->revoked = 0;
			goto out;
		}
	}
	w->keys = xrealloc(w->keys, (size_t)(w->nkeys + 1) * sizeof *w->keys);
	k = &w->keys[w->nkeys++];
	memset(k, 0, sizeof *k);
	k->key = xstrdup(key);
	k->secret = xstrdup(secret);
	k->perms = perms;
out:
	pthread_mutex_unlock(&w->lock);
}

void
woo_seed(struct woo *w, int n)
{
	struct product	*p;
	time_t		 base;
	int		 i;

	pthread_mutex_lock(&w->lock);
	base = wnow(w) - n / 10 - 60;
	for (i = 0; i < n; i++) {
		p = product_new(w, P_SIMPLE, "Product", base + i / 10);
		free(p->name);
		p->name = xasprintf("Product %05d", i + 1);
		free(p->sku);
		p->sku = xasprintf("SKU-%05d", i + 1);
		p->regular = 500 + (long)(i * 37 % 4500);
		p->manage = 1;
		p->qty = 1 + i * 7 % 50;
	}
	pthread_mutex_unlock(&w->lock);
}

int
woo_start(struct woo *w, const char *addr, int port, int *bound)
{
	int	p = 0;

	if ((w->srv = fake_server_start(addr, port, woo_handle, woo_control, w,
	    &p)) == NULL)
		return -1;
	pthread_mutex_lock(&w->lock);
	snprintf(w->home, sizeof w->home, strchr(addr, ':') != NULL ?
	    "http://[%s]:%d" : "http://%s:%d", addr, p);
	pthread_mutex_unlock(&w->lock);
	if (pthread_create(&w->thread, NULL, hook_main, w) != 0) {
		fprintf(stderr, "woo: cannot start the webhook thread\n");
		fake_server_stop(w->srv);
		w->srv = NULL;
		return -1;
	}
	w->thread_started = 1;
	if (bound != NULL)
		*bound = p;
	return 0;
}

/* In-process control: the same as the /_fake/ routes. */

cJSON *
woo_product_add(struct woo *w, const cJSON *spec, const char **err)
{
	struct product	*p;
	struct werr	 e;
	cJSON		*j = NULL;

	pthread_mutex_lock(&w->lock);
	if ((p = product_from_spec(w, spec, NULL, 0, &e)) == NULL)
		*err = "product: invalid spec or duplicated SKU";
	else
		j = product_out(w, w->home, p);
	pthread_mutex_unlock(&w->lock);
	return j;
}

cJSON *
woo_order_add(struct woo *w, const cJSON *spec, const char **err)
{
	struct order	*o;
	struct werr	 e;
	cJSON		*s = cJSON_Duplicate(spec, 1), *j = NULL;

	if (jget(s, "status") == NULL)
		cJSON_AddStringToObject(s, "status", "processing");
	if (jget(s, "payment_method") == NULL)
		cJSON_AddStringToObject(s, "payment_method", "stripe");
	pthread_mutex_lock(&w->lock);
	if ((o = order_create(w, s, "checkout", 1, &e)) == NULL)
		*err = "order: unknown product, or out of stock";
	else
		j = order_json(w, w->home, o);
	pthread_mutex_unlock(&w->lock);
	cJSON_Delete(s);
	return j;
}

int
woo_order_status(struct woo *w, int64_t id, const char *status)
{
	struct order	*o;
	int		 rc = -1;

	pthread_mutex_lock(&w->lock);
	if ((o = order_find(w, id)) != NULL && in_list(status,
	    order_status_enum, NITEMS(order_status_enum)) >= 0) {
		order_set_status(w, o, status);
		rc = 0;
	}
	pthread_mutex_unlock(&w->lock);
	return rc;
}

int
woo_stock_set(struct woo *w, int64_t id, long long qty)
{
	struct product	*owner;
	int		 rc = -1;

	pthread_mutex_lock(&w->lock);
	if ((owner = stock_owner(w, product_find(w, id))) != NULL) {
		owner->qty = qty;
		stock_changed(w, owner);
		rc = 0;
	}
	pthread_mutex_unlock(&w->lock);
	return rc;
}

cJSON *
woo_state(struct woo *w)
{
	cJSON	*j;

	pthread_mutex_lock(&w->lock);
	j = state_json(w, w->home);
	pthread_mutex_unlock(&w->lock);
	return j;
}
