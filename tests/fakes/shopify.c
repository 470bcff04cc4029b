/*
 * shopify.c - a fake Shopify store behind the Admin GraphQL API, faithful
 * to ../../../shared/reference/shopify.md ("What a faithful fake must
 * do"). It owns the store model and everything the API does with it:
 *
 *	- the store: locations; products with variants, one inventory item
 *	  each, one level per stocked location holding seven stored
 *	  quantities (on_hand is their sum minus incoming, never stored);
 *	  orders with line items, refunds, cancels and fulfilments that move
 *	  available -> committed -> gone, bumping updatedAt each time;
 *	- POST /admin/api/VERSION/graphql.json: token check, schema
 *	  validation (gql.c), variable coercion, cost and the leaky bucket
 *	  per token, then the resolvers below, then extensions.cost;
 *	- POST /admin/oauth/access_token: the client-credentials grant;
 *	- inventorySetQuantities / inventoryAdjustQuantities with the
 *	  2026-04 rules (@idempotent, changeFromQuantity on every row,
 *	  compare-and-set, all-or-nothing) and idempotency records;
 *	- webhooks: payloads built here, queued, and sent by one thread
 *	  (sender_main) with HMAC signatures, retries and fault switches;
 *	- the control routes under /_fake/ (see control_routes[]).
 *
 * Threads: shopify_handle() and shopify_control() run under fakehttp's
 * server mutex, so the store needs no lock of its own. The delivery
 * queue and log are shared with the sender thread and guarded by
 * sh->qlock; lock order is server mutex, then qlock.
 *
 * IDs are numbers inside (uint64_t) and GID strings outside; webhook
 * bodies carry them as raw digits (cJSON_CreateRaw) so nothing rounds
 * them through a double.
 *
 * Start at shopify_handle(), then graphql() and resolve().
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cjson/cJSON.h>

#include "fakehttp.h"
#include "gql.h"
#include "shopify.h"

#define HUGE_ID_BASE	UINT64_C(271878346596884015)
#define MAX_PAGE	250
#define MAX_ROWS	250
#define DEFAULT_COST	1000

/* Stored quantities; on_hand is derived. */
enum qname {
	Q_AVAILABLE,
	Q_COMMITTED,
	Q_RESERVED,
	Q_DAMAGED,
	Q_SAFETY_STOCK,
	Q_QUALITY_CONTROL,
	Q_INCOMING,
	Q_NSTORED,
	Q_ON_HAND = Q_NSTORED,
	Q_NNAMES
};

static const char *const qnames[Q_NNAMES] = {
	[Q_AVAILABLE] = "available",
	[Q_COMMITTED] = "committed",
	[Q_RESERVED] = "reserved",
	[Q_DAMAGED] = "damaged",
	[Q_SAFETY_STOCK] = "safety_stock",
	[Q_QUALITY_CONTROL] = "quality_control",
	[Q_INCOMING] = "incoming",
	[Q_ON_HAND] = "on_hand",
};

static const char *const reasons[] = {
	"correction", "cycle_count_available", "damaged", "movement_canceled",
	"movement_created", "movement_received", "movement_updated", "other",
	"promotion", "quality_control", "received", "reservation_created",
	"reservation_deleted", "reservation_updated", "restock",
	"safety_stock", "shrinkage", NULL
};

static const char *const all_scopes =
    "read_products,read_inventory,write_inventory,read_locations,"
    "read_orders,read_all_orders";

struct vec {
	void	**v;
	int	  n;
	int	  cap;
};

struct location {
	uint64_t	 id;
	char		*name;
	int		 active;
	time_t		 created;
};

struct item;

struct level {
	uint64_t	 id;
	struct item	*item;
	struct location	*loc;
	int		 q[Q_NSTORED];
	int		 active;
	time_t		 created;
	time_t		 updated;
};

struct product {
	uint64_t	 id;
	char		*title;
	time_t		 created;
	time_t		 updated;
	struct vec	 variants;
};

struct variant {
	uint64_t	 id;
	struct product	*product;
	char		*title;
	char		*sku;		/* NULL: no SKU */
	struct item	*item;
	time_t		 created;
	time_t		 updated;
	uint64_t	 useq;
};

struct item {
	uint64_t	 id;
	struct variant	*variant;
	int		 tracked;
	struct vec	 levels;
	time_t		 created;
	time_t		 updated;
};

struct order;

struct lineitem {
	uint64_t	 id;
	struct order	*order;
	struct variant	*variant;	/* NULL once deleted */
	char		*sku;
	char		*title;
	int		 quantity;	/* ordered */
	int		 current;	/* after removals */
	int		 fulfilled;	/* shipped and not returned */
	int		 committed;	/* units this line holds committed */
};

struct refline {
	struct lineitem	*li;
	int		 quantity;
	const char	*restock;	/* RefundLineItemRestockType */
	struct location	*loc;
};

struct refund {
	uint64_t	 id;
	struct order	*order;
	time_t		 created;
	struct refline	*lines;
	int		 nlines;
};

struct order {
	uint64_t	 id;
	int		 number;
	char		*name;
	time_t		 created;
	time_t		 updated;
	uint64_t	 useq;		/* orders changes in the same second */
	time_t		 cancelled;	/* 0: not */
	char		*cancel_reason;
	int		 test;
	struct location	*loc;
	struct vec	 lines;
	struct vec	 refunds;
};

struct change {
	const char	*name;
	int		 delta;
	struct item	*item;
	struct location	*loc;
	char		*ledger;
};

struct adjgroup {
	uint64_t	 id;
	time_t		 created;
	char		*reason;
	char		*refdoc;
	struct change	*changes;
	int		 nchanges;
};

struct usererr {
	cJSON		*field;		/* array of strings, or NULL */
	char		*message;
	const char	*code;		/* NULL for plain UserError */
};

/* What a stock mutation answered; kept for idempotent replays. */
struct payload {
	struct adjgroup	*group;
	struct usererr	*errs;
	int		 nerrs;
	void		*sub;		/* webhookSubscriptionCreate */
};

struct idem {
	char		*key;
	char		*mutation;
	char		*params;	/* canonical JSON of the arguments */
	struct payload	*p;
};

struct token {
	char		*value;
	time_t		 expires;	/* 0: never */
	double		 avail;		/* cost bucket */
	double		 last;		/* monotonic seconds */
};

struct hook {
	uint64_t	 id;
	char		*topic;		/* "orders/create"; NULL: every topic */
	char		*uri;
	char		*secret;	/* NULL: the client secret */
	cJSON		*include;	/* includeFields, or NULL */
	time_t		 created;
	int		 from_api;	/* made by webhookSubscriptionCreate */
};

struct delivery {
	struct delivery	*next;
	uint64_t	 seq;
	char		*uri;
	char		*topic;
	char		*body;
	char		*hmac;
	char		 webhook_id[40];
	char		 triggered[96];
	char		 event_id[24];
	int		 attempts;
	double		 due;		/* monotonic seconds */
};

struct schema_entry {
	char			*version;	/* NULL: any */
	struct gql_schema	*schema;
};

struct shopify {
	struct schema_entry	 schemas[SHOPIFY_MAXSCHEMA];
	int			 nschemas;
	char			*shop_name;
	char			*client_id;
	char			*client_secret;
	long			 token_lifetime;
	int			 bucket;
	int			 restore;
	int			 max_cost;
	int			 throttle_always;
	int			 huge_ids;
	int			 oversell;
	long			 clock_offset;
	time_t			 frozen;	/* 0: the clock runs */
	char			*scopes;
	cJSON			*running_keys;	/* IDEMPOTENCY_CONCURRENT */
	cJSON			*race;		/* change before next write */

	uint64_t		 nextid;
	uint64_t		 seq;
	int			 order_number;
	struct vec		 locations;
	struct vec		 products;
	struct vec		 variants;
	struct vec		 items;
	struct vec		 orders;
	struct vec		 groups;
	struct vec		 payloads;
	struct vec		 idems;
	struct vec		 tokens;
	struct vec		 hooks;

	/* Webhook sender; everything below is guarded by qlock. */
	pthread_mutex_t		 qlock;
	pthread_cond_t		 qcond;
	pthread_t		 sender;
	int			 sender_started;
	int			 stopping;
	struct delivery		*queue;
	int			 inflight;
	cJSON			*dlog;		/* deliveries attempted */
	uint64_t		 dseq;
	int			 wh_duplicate;
	int			 wh_delay_ms;
	int			 wh_drop;	/* next N dropped; -1: all */
	int			 wh_missign;
	int			 wh_reorder;
	int			 wh_retry_ms;
	int			 wh_retries;
};

/* Per request: what the resolvers need. */
struct req {
	struct shopify		*sh;
	struct gql_exec		*ex;
	const struct gql_sel	*sel;
	const char		*version;
	const char		*scopes;
	cJSON			*search;	/* extensions.search */
};

/* Memory. */

static void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL) {
		fprintf(stderr, "fake_shopify: out of memory\n");
		exit(1);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	char	*p;

	if (s == NULL)
		return NULL;
	p = xcalloc(1, strlen(s) + 1);
	memcpy(p, s, strlen(s) + 1);
	return p;
}

static char * __attribute__((format(printf, 1, 2)))
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = xcalloc(1, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static void
vec_push(struct vec *v, void *p)
{
	void	**nv;

	if (v->n == v->cap) {
		v->cap = v->cap == 0 ? 16 : v->cap * 2;
		if ((nv = realloc(v->v, sizeof *nv * (size_t)v->cap)) == NULL) {
			fprintf(stderr, "fake_shopify: out of memory\n");
			exit(1);
		}
		v->v = nv;
	}
	v->v[v->n++] = p;
}

/* Clocks: the store's (skewable) wall clock and a monotonic one. */

static time_t
store_now(const struct shopify *sh)
{
	if (sh->frozen != 0)
		return sh->frozen;
	return time(NULL) + sh->clock_offset;
}

static double
mono_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "2026-06-22T22:34:02Z" (GraphQL DateTime). */
static void
fmt_time(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* "2026-06-22T22:34:02+00:00" (webhook bodies, REST style). */
static void
fmt_time_rest(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

/*
 * Read "2026-06-22", "2026-06-22T22:00:00Z", with optional fraction and
 * +hh:mm offset. 0 on success.
 */
static int
parse_time(const char *s, time_t *out)
{
	struct tm	 tm;
	int		 y, mo, d, h = 0, mi = 0, sec = 0, n = 0, oh, om;
	long		 off = 0;
	const char	*p;

	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	p = s + n;
	if (*p == 'T' || *p == ' ') {
		if (sscanf(p + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) != 3)
			return -1;
		p += 1 + n;
		if (*p == '.')
			for (p++; isdigit((unsigned char)*p); p++)
				;
		if (*p == 'Z')
			p++;
		else if ((*p == '+' || *p == '-') &&
		    sscanf(p + 1, "%2d:%2d", &oh, &om) == 2) {
			off = (oh * 3600L + om * 60L) * (*p == '+' ? 1 : -1);
			p += 6;
		}
	}
	if (*p != '\0')
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm) - off;
	return 0;
}

/* IDs. */

static uint64_t
new_id(struct shopify *sh)
{
	if (sh->huge_ids && sh->nextid < HUGE_ID_BASE)
		sh->nextid = HUGE_ID_BASE;
	return sh->nextid++;
}

static void
gid(char *buf, size_t len, const char *type, uint64_t id)
{
	snprintf(buf, len, "gid://shopify/%s/%" PRIu64, type, id);
}

static void
level_gid(char *buf, size_t len, const struct level *lv)
{
	snprintf(buf, len, "gid://shopify/InventoryLevel/%" PRIu64
	    "?inventory_item_id=%" PRIu64, lv->id, lv->item->id);
}

static int
parse_u64(const char *s, uint64_t *out)
{
	char			*end;
	unsigned long long	 v;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || (*end != '\0' && *end != '?'))
		return -1;
	*out = v;
	return 0;
}

/* "gid://shopify/TYPE/123" (or plain "123" when loose) -> 123. */
static int
parse_gid(const char *s, const char *type, int loose, uint64_t *out)
{
	char	prefix[64];
	size_t	n;

	if (s == NULL)
		return -1;
	snprintf(prefix, sizeof prefix, "gid://shopify/%s/", type);
	n = strlen(prefix);
	if (strncmp(s, prefix, n) == 0)
		return parse_u64(s + n, out);
	return loose ? parse_u64(s, out) : -1;
}

/* The id of a JSON string (GID or digits) or a small JSON number. */
static int
json_id(const cJSON *j, const char *type, uint64_t *out)
{
	if (cJSON_IsString(j))
		return parse_gid(j->valuestring, type, 1, out);
	if (cJSON_IsNumber(j) && j->valuedouble >= 0 &&
	    j->valuedouble < 9007199254740992.0) {
		*out = (uint64_t)j->valuedouble;
		return 0;
	}
	return -1;
}

static cJSON *
raw_id(uint64_t id)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%" PRIu64, id);
	return cJSON_CreateRaw(buf);
}

static void
add_gid(cJSON *o, const char *key, const char *type, uint64_t id)
{
	char	buf[128];

	gid(buf, sizeof buf, type, id);
	cJSON_AddStringToObject(o, key, buf);
}

static void
add_time(cJSON *o, const char *key, time_t t)
{
	char	buf[40];

	if (t == 0) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	fmt_time(t, buf, sizeof buf);
	cJSON_AddStringToObject(o, key, buf);
}

/* base64, as cursors and signatures use it. */
static char *
b64_encode(const unsigned char *p, size_t n)
{
	char	*out = xcalloc(1, 4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, p, (int)n);
	return out;
}

static char *
b64_decode(const char *s, size_t *outlen)
{
	size_t		 n = strlen(s), pad = 0;
	unsigned char	*out;
	int		 r;

	if (n == 0 || n % 4 != 0)
		return NULL;
	out = xcalloc(1, n / 4 * 3 + 1);
	if ((r = EVP_DecodeBlock(out, (const unsigned char *)s, (int)n)) < 0) {
		free(out);
		return NULL;
	}
	if (s[n - 1] == '=')
		pad++;
	if (s[n - 2] == '=')
		pad++;
	*outlen = (size_t)r - pad;
	out[*outlen] = '\0';
	return (char *)out;
}

/* JSON helpers for control-route bodies. */

static const char *
jstr(const cJSON *o, const char *key)
{
	const cJSON	*j = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

static int
jint(const cJSON *o, const char *key, int def)
{
	const cJSON	*j = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(j) ? j->valueint : def;
}

static int
jbool(const cJSON *o, const char *key, int def)
{
	const cJSON	*j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsBool(j))
		return cJSON_IsTrue(j);
	if (cJSON_IsNumber(j))
		return j->valueint != 0;
	return def;
}

/* Canonical JSON: object keys sorted, so equal arguments compare equal. */
static void
canon(const cJSON *j, char **buf, size_t *len)
{
	const cJSON	 *it, **keys;
	char		 *s, *t;
	int		  n = 0, i, k;


	if (cJSON_IsObject(j)) {
		cJSON_ArrayForEach(it, j)
			n++;
		keys = xcalloc((size_t)n + 1, sizeof *keys);
		i = 0;
		cJSON_ArrayForEach(it, j)
			keys[i++] = it;
		for (i = 1; i < n; i++)
			for (k = i; k > 0 && strcmp(keys[k - 1]->string,
			    keys[k]->string) > 0; k--) {
				it = keys[k];
				keys[k] = keys[k - 1];
				keys[k - 1] = it;
			}
		t = xasprintf("%s{", *buf);
		free(*buf);
		*buf = t;
		for (i = 0; i < n; i++) {
			t = xasprintf("%s%s\"%s\":", *buf, i > 0 ? "," : "",
			    keys[i]->string);
			free(*buf);
			*buf = t;
			canon(keys[i], buf, len);
		}
		t = xasprintf("%s}", *buf);
		free(*buf);
		*buf = t;
		free(keys);
	} else if (cJSON_IsArray(j)) {
		t = xasprintf("%s[", *buf);
		free(*buf);
		*buf = t;
		i = 0;
		cJSON_ArrayForEach(it, j) {
			if (i++ > 0) {
				t = xasprintf("%s,", *buf);
				free(*buf);
				*buf = t;
			}
			canon(it, buf, len);
		}
		t = xasprintf("%s]", *buf);
		free(*buf);
		*buf = t;
	} else {
		s = cJSON_PrintUnformatted(j);
		t = xasprintf("%s%s", *buf, s);
		free(s);
		free(*buf);
		*buf = t;
	}
	*len = strlen(*buf);
}

static char *
canon_str(const cJSON *j)
{
	char	*buf = xstrdup("");
	size_t	 len = 0;

	if (j != NULL)
		canon(j, &buf, &len);
	return buf;
}

/* The store. */

static struct location *
find_location(const struct shopify *sh, uint64_t id)
{
	int	i;

	for (i = 0; i < sh->locations.n; i++)
		if (((struct location *)sh->locations.v[i])->id == id)
			return sh->locations.v[i];
	return NULL;
}

static struct item *
find_item(const struct shopify *sh, uint64_t id)
{
	int	i;

	for (i = 0; i < sh->items.n; i++)
		if (((struct item *)sh->items.v[i])->id == id)
			return sh->items.v[i];
	return NULL;
}

static struct variant *
find_variant(const struct shopify *sh, uint64_t id)
{
	int	i;

	for (i = 0; i < sh->variants.n; i++)
		if (((struct variant *)sh->variants.v[i])->id == id)
			return sh->variants.v[i];
	return NULL;
}

static struct variant *
find_variant_sku(const struct shopify *sh, const char *sku)
{
	struct variant	*v;
	int		 i;

	for (i = 0; i < sh->variants.n; i++) {
		v = sh->variants.v[i];
		if (v->sku != NULL && strcmp(v->sku, sku) == 0)
			return v;
	}
	return NULL;
}

static struct order *
find_order(const struct shopify *sh, uint64_t id)
{
	int	i;

	for (i = 0; i < sh->orders.n; i++)
		if (((struct order *)sh->orders.v[i])->id == id)
			return sh->orders.v[i];
	return NULL;
}

static struct level *
find_level(const struct item *it, const struct location *loc)
{
	struct level	*lv;
	int		 i;

	for (i = 0; i < it->levels.n; i++) {
		lv = it->levels.v[i];
		if (lv->loc == loc)
			return lv;
	}
	return NULL;
}

static struct level *
find_level_id(const struct shopify *sh, uint64_t id)
{
	struct item	*it;
	int		 i, j;

	for (i = 0; i < sh->items.n; i++) {
		it = sh->items.v[i];
		for (j = 0; j < it->levels.n; j++)
			if (((struct level *)it->levels.v[j])->id == id)
				return it->levels.v[j];
	}
	return NULL;
}

static int
qname_index(const char *name)
{
	int	i;

	for (i = 0; i < Q_NNAMES; i++)
		if (strcmp(qnames[i], name) == 0)
			return i;
	return -1;
}

/* on_hand = available + committed + reserved + damaged + safety + QC. */
static long long
level_q(const struct level *lv, int qi)
{
	if (qi != Q_ON_HAND)
		return lv->q[qi];
	return (long long)lv->q[Q_AVAILABLE] + lv->q[Q_COMMITTED] +
	    lv->q[Q_RESERVED] + lv->q[Q_DAMAGED] + lv->q[Q_SAFETY_STOCK] +
	    lv->q[Q_QUALITY_CONTROL];
}

static void	emit_level(struct shopify *, const struct level *);

static void
item_touch(struct shopify *sh, struct item *it)
{
	it->updated = store_now(sh);
	if (it->variant != NULL) {
		it->variant->updated = it->updated;
		it->variant->useq = ++sh->seq;
	}
}

/*
 * Move one stored quantity. Only available changes send
 * inventory_levels/update, as Shopify's payload carries only that.
 */
static void
level_move(struct shopify *sh, struct level *lv, int qi, int delta)
{
	if (delta == 0)
		return;
	lv->q[qi] += delta;
	lv->updated = store_now(sh);
	item_touch(sh, lv->item);
	if (qi == Q_AVAILABLE)
		emit_level(sh, lv);
}

static void
order_bump(struct shopify *sh, struct order *o)
{
	o->updated = store_now(sh);
	o->useq = ++sh->seq;
}

static struct location *
location_new(struct shopify *sh, const char *name, int active)
{
	struct location	*l = xcalloc(1, sizeof *l);

	l->id = new_id(sh);
	l->name = xstrdup(name);
	l->active = active;
	l->created = store_now(sh);
	vec_push(&sh->locations, l);
	return l;
}

static struct level *
level_new(struct shopify *sh, struct item *it, struct location *loc)
{
	struct level	*lv = xcalloc(1, sizeof *lv);

	lv->id = new_id(sh);
	lv->item = it;
	lv->loc = loc;
	lv->active = 1;
	lv->created = lv->updated = store_now(sh);
	vec_push(&it->levels, lv);
	return lv;
}

static struct variant *
variant_new(struct shopify *sh, struct product *p, const char *title,
    const char *sku, int tracked)
{
	struct variant	*v = xcalloc(1, sizeof *v);
	struct item	*it = xcalloc(1, sizeof *it);

	v->id = new_id(sh);
	it->id = new_id(sh);
	v->product = p;
	v->title = xstrdup(title != NULL ? title : "Default Title");
	v->sku = sku != NULL && *sku != '\0' ? xstrdup(sku) : NULL;
	v->item = it;
	v->created = v->updated = store_now(sh);
	v->useq = ++sh->seq;
	it->variant = v;
	it->tracked = tracked;
	it->created = it->updated = v->created;
	vec_push(&p->variants, v);
	vec_push(&sh->variants, v);
	vec_push(&sh->items, it);
	return v;
}

static struct product *
product_new(struct shopify *sh, const char *title)
{
	struct product	*p = xcalloc(1, sizeof *p);

	p->id = new_id(sh);
	p->title = xstrdup(title != NULL ? title : "Untitled");
	p->created = p->updated = store_now(sh);
	vec_push(&sh->products, p);
	return p;
}

static void
item_free(struct item *it)
{
	int	i;

	for (i = 0; i < it->levels.n; i++)
		free(it->levels.v[i]);
	free(it->levels.v);
	free(it);
}

static void
order_free(struct order *o)
{
	struct lineitem	*li;
	struct refund	*r;
	int		 i;

	for (i = 0; i < o->lines.n; i++) {
		li = o->lines.v[i];
		free(li->sku);
		free(li->title);
		free(li);
	}
	for (i = 0; i < o->refunds.n; i++) {
		r = o->refunds.v[i];
		free(r->lines);
		free(r);
	}
	free(o->lines.v);
	free(o->refunds.v);
	free(o->name);
	free(o->cancel_reason);
	free(o);
}

static void
payload_free(struct payload *p)
{
	int	i;

	for (i = 0; i < p->nerrs; i++) {
		cJSON_Delete(p->errs[i].field);
		free(p->errs[i].message);
	}
	free(p->errs);
	free(p);
}

static void
group_free(struct adjgroup *g)
{
	int	i;

	for (i = 0; i < g->nchanges; i++)
		free(g->changes[i].ledger);
	free(g->changes);
	free(g->reason);
	free(g->refdoc);
	free(g);
}

/* Everything but tokens, hooks and configuration. */
static void
store_clear(struct shopify *sh)
{
	struct product	*p;
	struct variant	*v;
	struct location	*l;
	struct idem	*id;
	int		 i;

	for (i = 0; i < sh->orders.n; i++)
		order_free(sh->orders.v[i]);
	for (i = 0; i < sh->items.n; i++)
		item_free(sh->items.v[i]);
	for (i = 0; i < sh->variants.n; i++) {
		v = sh->variants.v[i];
		free(v->title);
		free(v->sku);
		free(v);
	}
	for (i = 0; i < sh->products.n; i++) {
		p = sh->products.v[i];
		free(p->title);
		free(p->variants.v);
		free(p);
	}
	for (i = 0; i < sh->locations.n; i++) {
		l = sh->locations.v[i];
		free(l->name);
		free(l);
	}
	for (i = 0; i < sh->groups.n; i++)
		group_free(sh->groups.v[i]);
	for (i = 0; i < sh->payloads.n; i++)
		payload_free(sh->payloads.v[i]);
	for (i = 0; i < sh->idems.n; i++) {
		id = sh->idems.v[i];
		free(id->key);
		free(id->mutation);
		free(id->params);
		free(id);
	}
	sh->orders.n = sh->items.n = sh->variants.n = sh->products.n = 0;
	sh->locations.n = sh->groups.n = sh->payloads.n = sh->idems.n = 0;
}

/* Webhooks: payloads. */

static cJSON *
lineitem_payload(const struct lineitem *li)
{
	cJSON	*o = cJSON_CreateObject();
	char	 buf[128];

	cJSON_AddItemToObject(o, "id", raw_id(li->id));
	gid(buf, sizeof buf, "LineItem", li->id);
	cJSON_AddStringToObject(o, "admin_graphql_api_id", buf);
	if (li->variant != NULL) {
		cJSON_AddItemToObject(o, "variant_id", raw_id(li->variant->id));
		cJSON_AddItemToObject(o, "product_id",
		    raw_id(li->variant->product->id));
	} else {
		cJSON_AddNullToObject(o, "variant_id");
		cJSON_AddNullToObject(o, "product_id");
	}
	if (li->sku != NULL)
		cJSON_AddStringToObject(o, "sku", li->sku);
	else
		cJSON_AddNullToObject(o, "sku");
	cJSON_AddStringToObject(o, "title", li->title);
	cJSON_AddNumberToObject(o, "quantity", li->quantity);
	cJSON_AddNumberToObject(o, "current_quantity", li->current);
	cJSON_AddNumberToObject(o, "fulfillable_quantity",
	    li->current - li->fulfilled);
	return o;
}

static cJSON *
refund_payload(const struct refund *r)
{
	cJSON	*o = cJSON_CreateObject(), *a, *l;
	char	 buf[128];
	int	 i;

	cJSON_AddItemToObject(o, "id", raw_id(r->id));
	gid(buf, sizeof buf, "Refund", r->id);
	cJSON_AddStringToObject(o, "admin_graphql_api_id", buf);
	cJSON_AddItemToObject(o, "order_id", raw_id(r->order->id));
	fmt_time_rest(r->created, buf, sizeof buf);
	cJSON_AddStringToObject(o, "created_at", buf);
	a = cJSON_AddArrayToObject(o, "refund_line_items");
	for (i = 0; i < r->nlines; i++) {
		l = cJSON_CreateObject();
		cJSON_AddItemToObject(l, "line_item_id",
		    raw_id(r->lines[i].li->id));
		cJSON_AddNumberToObject(l, "quantity", r->lines[i].quantity);
		snprintf(buf, sizeof buf, "%s", r->lines[i].restock);
		for (char *p = buf; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		cJSON_AddStringToObject(l, "restock_type", buf);
		if (r->lines[i].loc != NULL)
			cJSON_AddItemToObject(l, "location_id",
			    raw_id(r->lines[i].loc->id));
		else
			cJSON_AddNullToObject(l, "location_id");
		cJSON_AddItemToObject(l, "line_item",
		    lineitem_payload(r->lines[i].li));
		cJSON_AddItemToArray(a, l);
	}
	return o;
}

static cJSON *
order_payload(const struct order *o)
{
	cJSON	*j = cJSON_CreateObject(), *a;
	char	 buf[128];
	int	 i;

	cJSON_AddItemToObject(j, "id", raw_id(o->id));
	gid(buf, sizeof buf, "Order", o->id);
	cJSON_AddStringToObject(j, "admin_graphql_api_id", buf);
	cJSON_AddStringToObject(j, "name", o->name);
	cJSON_AddNumberToObject(j, "order_number", o->number);
	fmt_time_rest(o->created, buf, sizeof buf);
	cJSON_AddStringToObject(j, "created_at", buf);
	fmt_time_rest(o->updated, buf, sizeof buf);
	cJSON_AddStringToObject(j, "updated_at", buf);
	if (o->cancelled != 0) {
		fmt_time_rest(o->cancelled, buf, sizeof buf);
		cJSON_AddStringToObject(j, "cancelled_at", buf);
		snprintf(buf, sizeof buf, "%s", o->cancel_reason);
		for (char *p = buf; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		cJSON_AddStringToObject(j, "cancel_reason", buf);
	} else {
		cJSON_AddNullToObject(j, "cancelled_at");
		cJSON_AddNullToObject(j, "cancel_reason");
	}
	cJSON_AddBoolToObject(j, "test", o->test);
	cJSON_AddStringToObject(j, "financial_status", o->refunds.n > 0 ?
	    "partially_refunded" : "paid");
	a = cJSON_AddArrayToObject(j, "line_items");
	for (i = 0; i < o->lines.n; i++)
		cJSON_AddItemToArray(a, lineitem_payload(o->lines.v[i]));
	a = cJSON_AddArrayToObject(j, "refunds");
	for (i = 0; i < o->refunds.n; i++)
		cJSON_AddItemToArray(a, refund_payload(o->refunds.v[i]));
	return j;
}

static cJSON *
level_payload(const struct level *lv)
{
	cJSON	*j = cJSON_CreateObject();
	char	 buf[160];

	cJSON_AddItemToObject(j, "inventory_item_id", raw_id(lv->item->id));
	cJSON_AddItemToObject(j, "location_id", raw_id(lv->loc->id));
	cJSON_AddNumberToObject(j, "available", lv->q[Q_AVAILABLE]);
	fmt_time_rest(lv->updated, buf, sizeof buf);
	cJSON_AddStringToObject(j, "updated_at", buf);
	level_gid(buf, sizeof buf, lv);
	cJSON_AddStringToObject(j, "admin_graphql_api_id", buf);
	return j;
}

/* Webhooks: signing and queueing. */

static char *
hmac_b64(const char *key, const char *body)
{
	unsigned char	mac[EVP_MAX_MD_SIZE];
	unsigned int	maclen = 0;

	HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)body,
	    strlen(body), mac, &maclen);
	return b64_encode(mac, maclen);
}

static void
random_hex(char *buf, size_t nbytes)
{
	unsigned char	r[64];
	size_t		i;

	if (nbytes > sizeof r)
		nbytes = sizeof r;
	if (RAND_bytes(r, (int)nbytes) != 1)
		for (i = 0; i < nbytes; i++)
			r[i] = (unsigned char)random();
	for (i = 0; i < nbytes; i++)
		snprintf(buf + 2 * i, 3, "%02x", r[i]);
}

static void
uuid4(char *buf)
{
	char	h[33];

	random_hex(h, 16);
	snprintf(buf, 40, "%.8s-%.4s-4%.3s-a%.3s-%.12s", h, h + 8, h + 13,
	    h + 17, h + 20);
}

static void
dlog_add(struct shopify *sh, const struct delivery *d, const char *what,
    int status, const char *error)
{
	cJSON	*e = cJSON_CreateObject();

	cJSON_AddStringToObject(e, "webhook_id", d->webhook_id);
	cJSON_AddStringToObject(e, "topic", d->topic);
	cJSON_AddStringToObject(e, "uri", d->uri);
	cJSON_AddNumberToObject(e, "attempt", d->attempts + 1);
	cJSON_AddStringToObject(e, "result", what);
	cJSON_AddNumberToObject(e, "status", status);
	if (error != NULL)
		cJSON_AddStringToObject(e, "error", error);
	cJSON_AddItemToArray(sh->dlog, e);
}

static void
delivery_free(struct delivery *d)
{
	free(d->uri);
	free(d->topic);
	free(d->body);
	free(d->hmac);
	free(d);
}

/* With qlock held. */
static void
enqueue(struct shopify *sh, struct delivery *d)
{
	struct delivery	**pp;

	for (pp = &sh->queue; *pp != NULL; pp = &(*pp)->next)
		;
	d->next = NULL;
	*pp = d;
	pthread_cond_signal(&sh->qcond);
}

static int
topic_matches(const struct hook *h, const char *topic)
{
	return h->topic == NULL || strcmp(h->topic, topic) == 0;
}

/* Send body (taken) to every subscription for topic. */
static void
emit(struct shopify *sh, const char *topic, cJSON *body)
{
	struct hook	*h;
	struct delivery	*d, *dup;
	cJSON		*b, *it, *next;
	char		 trig[96], *secret, *wrong;
	struct timespec	 ts;
	struct tm	 tm;
	time_t		 now = store_now(sh);
	int		 i;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&now, &tm);
	snprintf(trig, sizeof trig, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000));
	for (i = 0; i < sh->hooks.n; i++) {
		h = sh->hooks.v[i];
		if (!topic_matches(h, topic))
			continue;
		b = cJSON_Duplicate(body, 1);
		if (cJSON_IsArray(h->include) &&
		    cJSON_GetArraySize(h->include) > 0) {
			for (it = b->child; it != NULL; it = next) {
				const cJSON	*f;
				int		 keep = 0;

				next = it->next;
				cJSON_ArrayForEach(f, h->include)
					if (cJSON_IsString(f) &&
					    strcmp(f->valuestring,
					    it->string) == 0)
						keep = 1;
				if (!keep)
					cJSON_DeleteItemFromObjectCaseSensitive(
					    b, it->string);
			}
		}
		d = xcalloc(1, sizeof *d);
		d->uri = xstrdup(h->uri);
		d->topic = xstrdup(topic);
		d->body = cJSON_PrintUnformatted(b);
		cJSON_Delete(b);
		secret = h->secret != NULL ? h->secret : sh->client_secret;
		uuid4(d->webhook_id);
		snprintf(d->triggered, sizeof d->triggered, "%s", trig);
		pthread_mutex_lock(&sh->qlock);
		d->seq = ++sh->dseq;
		snprintf(d->event_id, sizeof d->event_id, "%" PRIu64,
		    UINT64_C(98880550) + d->seq);
		if (sh->wh_missign) {
			wrong = xasprintf("wrong-%s", secret);
			d->hmac = hmac_b64(wrong, d->body);
			free(wrong);
		} else
			d->hmac = hmac_b64(secret, d->body);
		d->due = mono_now() + sh->wh_delay_ms / 1000.0;
		if (sh->wh_drop != 0) {
			if (sh->wh_drop > 0)
				sh->wh_drop--;
			dlog_add(sh, d, "dropped", 0, NULL);
			pthread_mutex_unlock(&sh->qlock);
			delivery_free(d);
			continue;
		}
		if (sh->wh_duplicate) {
			dup = xcalloc(1, sizeof *dup);
			*dup = *d;
			dup->uri = xstrdup(d->uri);
			dup->topic = xstrdup(d->topic);
			dup->body = xstrdup(d->body);
			dup->hmac = xstrdup(d->hmac);
			dup->seq = ++sh->dseq;
			enqueue(sh, d);
			d = dup;
		}
		enqueue(sh, d);
		pthread_mutex_unlock(&sh->qlock);
	}
	cJSON_Delete(body);
}

static void
emit_level(struct shopify *sh, const struct level *lv)
{
	if (sh->hooks.n > 0)
		emit(sh, "inventory_levels/update", level_payload(lv));
}

static void
emit_order(struct shopify *sh, const char *topic, const struct order *o)
{
	if (sh->hooks.n > 0)
		emit(sh, topic, order_payload(o));
}

/* Webhooks: the sender thread and its tiny HTTP/1.1 client. */

/*
 * POST body to an http:// uri; returns the status, or -1 with *err set
 * (static text). Connects within 1 s and waits 5 s for the status line,
 * as Shopify does.
 */
static int
http_post(const struct delivery *d, const char *shop, const char **err)
{
	char		 host[256], port[16] = "80", *req = NULL, buf[512];
	const char	*p = d->uri, *path, *colon, *slash;
	struct addrinfo	 hints, *ai = NULL;
	struct pollfd	 pfd;
	socklen_t	 sl;
	size_t		 len, off;
	ssize_t		 n;
	int		 fd = -1, status = -1, soerr, flags;

	*err = NULL;
	if (strncmp(p, "http://", 7) != 0) {
		*err = "only http:// URIs are delivered";
		return -1;
	}
	p += 7;
	slash = strchr(p, '/');
	path = slash != NULL ? slash : "/";
	len = slash != NULL ? (size_t)(slash - p) : strlen(p);
	colon = memchr(p, ':', len);
	if (colon != NULL) {
		snprintf(port, sizeof port, "%.*s",
		    (int)(len - (size_t)(colon - p) - 1), colon + 1);
		len = (size_t)(colon - p);
	}
	snprintf(host, sizeof host, "%.*s", (int)len, p);
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &ai) != 0) {
		*err = "cannot resolve host";
		goto out;
	}
	if ((fd = socket(ai->ai_family, SOCK_STREAM, 0)) < 0) {
		*err = "socket failed";
		goto out;
	}
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		if (errno != EINPROGRESS) {
			*err = "connection refused";
			goto out;
		}
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, 1000) != 1) {
			*err = "connect timed out";
			goto out;
		}
		sl = sizeof soerr;
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 ||
		    soerr != 0) {
			*err = "connection refused";
			goto out;
		}
	}
	fcntl(fd, F_SETFL, flags);
	req = xasprintf("POST %s HTTP/1.1\r\nHost: %s:%s\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n"
	    "User-Agent: Shopify-Captain-Hook\r\n"
	    "X-Shopify-Topic: %s\r\nX-Shopify-Hmac-Sha256: %s\r\n"
	    "X-Shopify-Shop-Domain: %s\r\nX-Shopify-API-Version: 2026-07\r\n"
	    "X-Shopify-Webhook-Id: %s\r\nX-Shopify-Event-Id: %s\r\n"
	    "X-Shopify-Triggered-At: %s\r\nConnection: close\r\n\r\n%s",
	    path, host, port, strlen(d->body), d->topic, d->hmac, shop,
	    d->webhook_id, d->event_id, d->triggered, d->body);
	for (off = 0, len = strlen(req); off < len; off += (size_t)n)
		if ((n = send(fd, req + off, len - off, MSG_NOSIGNAL)) <= 0) {
			*err = "send failed";
			goto out;
		}
	pfd.fd = fd;
	pfd.events = POLLIN;
	off = 0;
	while (off < sizeof buf - 1 && memchr(buf, '\n', off) == NULL) {
		if (poll(&pfd, 1, 5000) != 1) {
			*err = "no answer within 5 s";
			goto out;
		}
		if ((n = recv(fd, buf + off, sizeof buf - 1 - off, 0)) <= 0)
			break;
		off += (size_t)n;
	}
	buf[off] = '\0';
	if (sscanf(buf, "HTTP/%*d.%*d %d", &status) != 1) {
		*err = "bad HTTP answer";
		status = -1;
	}
out:
	if (fd >= 0)
		close(fd);
	if (ai != NULL)
		freeaddrinfo(ai);
	free(req);
	return status;
}

static void *
sender_main(void *arg)
{
	struct shopify	*sh = arg;
	struct delivery	*d, **pp, **pick;
	struct timespec	 ts;
	const char	*err;
	double		 now, next, wait;
	int		 status;

	pthread_mutex_lock(&sh->qlock);
	while (!sh->stopping) {
		now = mono_now();
		pick = NULL;
		next = -1;
		for (pp = &sh->queue; *pp != NULL; pp = &(*pp)->next) {
			d = *pp;
			if (d->due > now) {
				if (next < 0 || d->due < next)
					next = d->due;
				continue;
			}
			if (pick == NULL || d->seq < (*pick)->seq)
				pick = pp;
		}
		/*
		 * Reordering: once anything is due, send the newest queued
		 * delivery first, so a burst arrives backwards.
		 */
		if (pick != NULL && sh->wh_reorder)
			for (pp = &sh->queue; *pp != NULL; pp = &(*pp)->next)
				if ((*pp)->seq > (*pick)->seq)
					pick = pp;
		if (pick == NULL) {
			clock_gettime(CLOCK_MONOTONIC, &ts);
			wait = next < 0 ? 1.0 : next - now;
			if (wait > 1.0)
				wait = 1.0;
			ts.tv_sec += (time_t)wait;
			ts.tv_nsec += (long)((wait - (double)(long)wait) * 1e9);
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&sh->qcond, &sh->qlock, &ts);
			continue;
		}
		d = *pick;
		*pick = d->next;
		sh->inflight++;
		pthread_mutex_unlock(&sh->qlock);
		status = http_post(d, sh->shop_name, &err);
		pthread_mutex_lock(&sh->qlock);
		sh->inflight--;
		if (status >= 200 && status < 300) {
			dlog_add(sh, d, "delivered", status, NULL);
			delivery_free(d);
		} else if (d->attempts < sh->wh_retries && !sh->stopping) {
			dlog_add(sh, d, "retry", status, err);
			d->due = mono_now() + sh->wh_retry_ms / 1000.0 *
			    (double)(1 << (d->attempts < 16 ? d->attempts :
			    16));
			d->attempts++;
			enqueue(sh, d);
		} else {
			dlog_add(sh, d, "failed", status, err);
			delivery_free(d);
		}
	}
	pthread_mutex_unlock(&sh->qlock);
	return NULL;
}

/* GraphQL: connections, cursors and search filters. */

struct conn {
	int		  n;
	void		**items;
	char		**cursors;
	int		  has_next;
	int		  has_prev;
	const char	 *itemtype;
};

struct edge {
	void		*item;
	const char	*cursor;
	const char	*type;
};

struct qty {
	const char	*name;
	long long	 quantity;
	time_t		 updated;
};

struct scope {
	const char	*handle;
};

/* One candidate of a connection, with its sort key. */
struct ent {
	void		*obj;
	char		 key[48];
	uint64_t	 id;
};

static int
ent_cmp(const void *a, const void *b)
{
	const struct ent	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
key_id(struct ent *e, uint64_t id)
{
	e->id = id;
	snprintf(e->key, sizeof e->key, "%020" PRIu64, id);
}

static void
key_time(struct ent *e, uint64_t id, time_t t, uint64_t seq)
{
	e->id = id;
	snprintf(e->key, sizeof e->key, "%015lld.%015" PRIu64, (long long)t,
	    seq);
}

static void
key_str(struct ent *e, uint64_t id, const char *s)
{
	size_t	i;

	e->id = id;
	snprintf(e->key, sizeof e->key, "%s", s != NULL ? s : "");
	for (i = 0; e->key[i] != '\0'; i++)
		e->key[i] = (char)tolower((unsigned char)e->key[i]);
}

static char *
cursor_make(struct gql_exec *ex, const struct ent *e)
{
	char	 json[128], *b, *out;

	snprintf(json, sizeof json, "{\"last_id\":%" PRIu64 ",\"last_value\":"
	    "\"%s\"}", e->id, e->key);
	b = b64_encode((const unsigned char *)json, strlen(json));
	out = gql_exec_strdup(ex, b);
	free(b);
	return out;
}

static int
cursor_read(const char *s, struct ent *e)
{
	char		*json;
	size_t		 len;
	unsigned long long id;
	int		 n = 0;

	memset(e, 0, sizeof *e);
	if ((json = b64_decode(s, &len)) == NULL)
		return -1;
	if (sscanf(json, "{\"last_id\":%llu,\"last_value\":\"%47[^\"]\"}%n",
	    &id, e->key, &n) != 2 || (size_t)n != len) {
		free(json);
		return -1;
	}
	e->id = id;
	free(json);
	return 0;
}

static void
notimpl(struct req *r, const char *type, const char *field,
    struct gql_val *out)
{
	gql_exec_error(r->ex, "INTERNAL_SERVER_ERROR", NULL, "fake_shopify "
	    "does not implement %s.%s", type, field);
	gql_val_leaf(out, NULL);
}

static int
arg_int(const cJSON *args, const char *name, int *out)
{
	const cJSON	*j = cJSON_GetObjectItemCaseSensitive(args, name);

	if (!cJSON_IsNumber(j))
		return 0;
	*out = j->valueint;
	return 1;
}

static const char *
arg_str(const cJSON *args, const char *name)
{
	return jstr(args, name);
}

/*
 * Sort ents and cut the page that first/after/last/before select, as
 * Relay's connection spec says; out->type is set by the caller.
 */
static struct conn *
paginate(struct req *r, struct ent *ents, int n, const cJSON *args,
    const char *itemtype)
{
	struct conn	*c;
	struct ent	 cur;
	const char	*after = arg_str(args, "after");
	const char	*before = arg_str(args, "before");
	int		 first = -1, last = -1, reverse, start = 0, end = n;
	int		 i, from, to, dir;

	arg_int(args, "first", &first);
	arg_int(args, "last", &last);
	reverse = cJSON_IsTrue(cJSON_GetObjectItem(args, "reverse"));
	if (first < 0 && last < 0 && !cJSON_HasObjectItem(args, "first") &&
	    !cJSON_HasObjectItem(args, "last")) {
		gql_exec_error(r->ex, NULL, NULL, "you must provide one of "
		    "first or last");
		return NULL;
	}
	if (first >= 0 && last >= 0) {
		gql_exec_error(r->ex, NULL, NULL, "providing both first and "
		    "last is not supported");
		return NULL;
	}
	if (first > MAX_PAGE || last > MAX_PAGE) {
		gql_exec_error(r->ex, NULL, NULL, "The page size must be less "
		    "than or equal to %d.", MAX_PAGE);
		return NULL;
	}
	if ((cJSON_HasObjectItem(args, "first") && first < 0) ||
	    (cJSON_HasObjectItem(args, "last") && last < 0)) {
		gql_exec_error(r->ex, NULL, NULL, "The page size must be "
		    "greater than or equal to 0.");
		return NULL;
	}
	qsort(ents, (size_t)n, sizeof *ents, ent_cmp);
	if (reverse)
		for (i = 0; i < n / 2; i++) {
			cur = ents[i];
			ents[i] = ents[n - 1 - i];
			ents[n - 1 - i] = cur;
		}
	dir = reverse ? -1 : 1;
	if (after != NULL) {
		if (cursor_read(after, &cur) != 0) {
			gql_exec_error(r->ex, NULL, NULL, "Invalid cursor for "
			    "current pagination sort.");
			return NULL;
		}
		while (start < n && ent_cmp(&ents[start], &cur) * dir <= 0)
			start++;
	}
	if (before != NULL) {
		if (cursor_read(before, &cur) != 0) {
			gql_exec_error(r->ex, NULL, NULL, "Invalid cursor for "
			    "current pagination sort.");
			return NULL;
		}
		for (end = start; end < n && ent_cmp(&ents[end], &cur) * dir <
		    0; end++)
			;
	}
	if (first >= 0) {
		from = start;
		to = start + first < end ? start + first : end;
	} else {
		to = end;
		from = end - last > start ? end - last : start;
	}
	c = gql_exec_alloc(r->ex, sizeof *c);
	c->itemtype = itemtype;
	c->n = to - from;
	if (c->n > 0) {
		c->items = gql_exec_alloc(r->ex, sizeof *c->items *
		    (size_t)c->n);
		c->cursors = gql_exec_alloc(r->ex, sizeof *c->cursors *
		    (size_t)c->n);
		for (i = 0; i < c->n; i++) {
			c->items[i] = ents[from + i].obj;
			c->cursors[i] = cursor_make(r->ex, &ents[from + i]);
		}
		c->has_prev = from > 0;
		c->has_next = to < n;
	}
	return c;
}

/* A search term: [-]field:[op]value, value maybe 'quoted'. */
struct term {
	char	 field[48];
	char	 op[3];
	char	 value[160];
	int	 neg;
	int	 bare;		/* no field: free text */
};

static int
parse_search(const char *q, struct term *t, int max)
{
	const char	*p = q, *c;
	size_t		 n;
	int		 nt = 0;
	char		 quote;

	while (*p != '\0' && nt < max) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		memset(&t[nt], 0, sizeof t[nt]);
		if (*p == '-') {
			t[nt].neg = 1;
			p++;
		}
		for (c = p; *c != '\0' && *c != ':' && !isspace((unsigned char)
		    *c) && *c != '\'' && *c != '"'; c++)
			;
		if (*c == ':') {
			snprintf(t[nt].field, sizeof t[nt].field, "%.*s",
			    (int)(c - p), p);
			p = c + 1;
			if ((p[0] == '>' || p[0] == '<') && p[1] == '=') {
				snprintf(t[nt].op, sizeof t[nt].op, "%.2s", p);
				p += 2;
			} else if (*p == '>' || *p == '<' || *p == '=') {
				snprintf(t[nt].op, sizeof t[nt].op, "%.1s", p);
				p++;
			}
		} else
			t[nt].bare = 1;
		if (*p == '\'' || *p == '"') {
			quote = *p++;
			for (c = p; *c != '\0' && *c != quote; c++)
				;
			n = (size_t)(c - p);
			snprintf(t[nt].value, sizeof t[nt].value, "%.*s",
			    (int)n, p);
			p = *c == quote ? c + 1 : c;
		} else {
			for (c = p; *c != '\0' && !isspace((unsigned char)*c);
			    c++)
				;
			snprintf(t[nt].value, sizeof t[nt].value, "%.*s",
			    (int)(c - p), p);
			p = c;
		}
		if (t[nt].bare && (strcmp(t[nt].value, "AND") == 0 ||
		    strcmp(t[nt].value, "OR") == 0))
			continue;
		nt++;
	}
	return nt;
}

static int
cmp_op(const char *op, long long a, long long b)
{
	if (strcmp(op, ">") == 0)
		return a > b;
	if (strcmp(op, ">=") == 0)
		return a >= b;
	if (strcmp(op, "<") == 0)
		return a < b;
	if (strcmp(op, "<=") == 0)
		return a <= b;
	return a == b;
}

/* Does a time field satisfy the term? -1: the value is not a time. */
static int
match_time(const struct term *t, time_t v)
{
	time_t	 want;

	if (parse_time(t->value, &want) != 0)
		return -1;
	/* updated_at:'2026-06-22' without op means that day. */
	if (t->op[0] == '\0' && strlen(t->value) == 10)
		return v >= want && v < want + 86400;
	return cmp_op(t->op, (long long)v, (long long)want);
}

/* Case-insensitive substring test (strcasestr is not POSIX). */
static int
ci_contains(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	if (hay == NULL)
		return 0;
	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return n == 0;
}

static int
match_text(const char *have, const char *want)
{
	size_t	n = strlen(want);

	if (have == NULL)
		return 0;
	if (n > 0 && want[n - 1] == '*')
		return strncasecmp(have, want, n - 1) == 0;
	return strcasecmp(have, want) == 0;
}

static int
match_id(const struct term *t, uint64_t id, const char *type)
{
	uint64_t	want;

	if (parse_gid(t->value, type, 1, &want) != 0)
		return -1;
	return cmp_op(t->op, (long long)(id > LLONG_MAX ? LLONG_MAX : id),
	    (long long)(want > LLONG_MAX ? LLONG_MAX : want));
}

static void
search_warn(struct req *r, const char *query, const char *field,
    const char *msg)
{
	cJSON	*e = NULL, *it, *w;
	cJSON	*path = gql_exec_path(r->ex);

	cJSON_ArrayForEach(it, r->search) {
		char	*a = cJSON_PrintUnformatted(cJSON_GetObjectItem(it,
		    "path")), *b = cJSON_PrintUnformatted(path);

		if (strcmp(a, b) == 0)
			e = it;
		free(a);
		free(b);
	}
	if (e == NULL) {
		e = cJSON_CreateObject();
		cJSON_AddItemToObject(e, "path", path);
		cJSON_AddStringToObject(e, "query", query);
		cJSON_AddArrayToObject(e, "warnings");
		cJSON_AddItemToArray(r->search, e);
	} else
		cJSON_Delete(path);
	w = cJSON_CreateObject();
	cJSON_AddStringToObject(w, "field", field);
	cJSON_AddStringToObject(w, "message", msg);
	cJSON_AddItemToArray(cJSON_GetObjectItem(e, "warnings"), w);
}

/*
 * Warn, as Shopify does in extensions.search, about terms on fields the
 * collection does not know ("t:updated_at": a time, "i:id": an id, "s:":
 * text, "b:": boolean) or with values of the wrong kind; such terms are
 * then ignored by search_keep().
 */
static void
search_check(struct req *r, const char *query, const char *const *fields,
    const char *type)
{
	struct term	t[16];
	uint64_t	id;
	time_t		tm;
	int		n, i, j, known;

	if (query == NULL)
		return;
	n = parse_search(query, t, 16);
	for (i = 0; i < n; i++) {
		if (t[i].bare)
			continue;
		for (known = 0, j = 0; fields[j] != NULL; j++) {
			if (strcmp(fields[j] + 2, t[i].field) != 0)
				continue;
			known = 1;
			if ((fields[j][0] == 't' && parse_time(t[i].value,
			    &tm) != 0) || (fields[j][0] == 'i' &&
			    parse_gid(t[i].value, type, 1, &id) != 0))
				search_warn(r, query, t[i].field, "Invalid "
				    "value for this search field.");
		}
		if (!known)
			search_warn(r, query, t[i].field, "Invalid search "
			    "field for this query.");
	}
}

/* Apply each term with match(obj, term): 1 match, 0 not, <0 ignored. */
typedef int	(*matcher)(struct req *, void *, const struct term *);

static int
search_keep(struct req *r, const char *query, void *obj, matcher match)
{
	struct term	t[16];
	int		n, i, m;

	if (query == NULL)
		return 1;
	n = parse_search(query, t, 16);
	for (i = 0; i < n; i++) {
		if ((m = match(r, obj, &t[i])) < 0)
			continue;
		if (t[i].neg)
			m = !m;
		if (!m)
			return 0;
	}
	return 1;
}

static const char *const variant_fields[] = {
	"s:sku", "s:title", "t:updated_at", "t:created_at", "i:id",
	"i:product_id", NULL
};
static const char *const item_fields[] = {
	"s:sku", "t:updated_at", "t:created_at", "i:id", NULL
};
static const char *const order_fields[] = {
	"t:updated_at", "t:created_at", "t:processed_at", "i:id", "s:name",
	"b:test", "s:status", "s:sku", NULL
};
static const char *const location_fields[] = {
	"s:name", "i:id", "i:location_id", "b:active", NULL
};
static const char *const level_fields[] = {
	"t:updated_at", "i:location_id", NULL
};

static int
match_variant(struct req *r, void *obj, const struct term *t)
{
	struct variant	*v = obj;
	int		 m;

	if (t->bare)
		return (v->sku != NULL && ci_contains(v->sku, t->value)) ||
		    ci_contains(v->title, t->value) ||
		    ci_contains(v->product->title, t->value);
	if (strcmp(t->field, "sku") == 0)
		return match_text(v->sku, t->value);
	if (strcmp(t->field, "title") == 0)
		return match_text(v->title, t->value);
	if (strcmp(t->field, "updated_at") == 0)
		return (m = match_time(t, v->updated)) < 0 ? -2 : m;
	if (strcmp(t->field, "created_at") == 0)
		return (m = match_time(t, v->created)) < 0 ? -2 : m;
	if (strcmp(t->field, "id") == 0)
		return (m = match_id(t, v->id, "ProductVariant")) < 0 ? -2 : m;
	if (strcmp(t->field, "product_id") == 0)
		return (m = match_id(t, v->product->id, "Product")) < 0 ? -2 :
		    m;
	return -1;
}

static int
match_item(struct req *r, void *obj, const struct term *t)
{
	struct item	*it = obj;
	int		 m;

	if (strcmp(t->field, "sku") == 0)
		return match_text(it->variant->sku, t->value);
	if (strcmp(t->field, "updated_at") == 0)
		return (m = match_time(t, it->updated)) < 0 ? -2 : m;
	if (strcmp(t->field, "created_at") == 0)
		return (m = match_time(t, it->created)) < 0 ? -2 : m;
	if (strcmp(t->field, "id") == 0)
		return (m = match_id(t, it->id, "InventoryItem")) < 0 ? -2 : m;
	return -1;
}

static int
match_order(struct req *r, void *obj, const struct term *t)
{
	struct order	*o = obj;
	struct lineitem	*li;
	int		 m, i;

	if (t->bare)
		return ci_contains(o->name, t->value);
	if (strcmp(t->field, "updated_at") == 0)
		return (m = match_time(t, o->updated)) < 0 ? -2 : m;
	if (strcmp(t->field, "created_at") == 0 ||
	    strcmp(t->field, "processed_at") == 0)
		return (m = match_time(t, o->created)) < 0 ? -2 : m;
	if (strcmp(t->field, "id") == 0)
		return (m = match_id(t, o->id, "Order")) < 0 ? -2 : m;
	if (strcmp(t->field, "name") == 0)
		return match_text(o->name, t->value) || (t->value[0] != '#' &&
		    strcmp(o->name + 1, t->value) == 0);
	if (strcmp(t->field, "test") == 0)
		return o->test == (strcmp(t->value, "true") == 0);
	if (strcmp(t->field, "status") == 0) {
		if (strcmp(t->value, "cancelled") == 0)
			return o->cancelled != 0;
		if (strcmp(t->value, "open") == 0 ||
		    strcmp(t->value, "not_closed") == 0)
			return o->cancelled == 0;
		if (strcmp(t->value, "closed") == 0)
			return 0;
		return -2;
	}
	if (strcmp(t->field, "sku") == 0) {
		for (i = 0; i < o->lines.n; i++) {
			li = o->lines.v[i];
			if (match_text(li->sku, t->value))
				return 1;
		}
		return 0;
	}
	return -1;
}

static int
match_location(struct req *r, void *obj, const struct term *t)
{
	struct location	*l = obj;
	int		 m;

	if (t->bare)
		return ci_contains(l->name, t->value);
	if (strcmp(t->field, "name") == 0)
		return match_text(l->name, t->value);
	if (strcmp(t->field, "id") == 0 ||
	    strcmp(t->field, "location_id") == 0)
		return (m = match_id(t, l->id, "Location")) < 0 ? -2 : m;
	if (strcmp(t->field, "active") == 0)
		return l->active == (strcmp(t->value, "true") == 0);
	return -1;
}

static int
match_level(struct req *r, void *obj, const struct term *t)
{
	struct level	*lv = obj;
	int		 m;

	if (strcmp(t->field, "updated_at") == 0)
		return (m = match_time(t, lv->updated)) < 0 ? -2 : m;
	if (strcmp(t->field, "location_id") == 0)
		return (m = match_id(t, lv->loc->id, "Location")) < 0 ? -2 : m;
	return -1;
}

static int
has_scope(const struct req *r, const char *scope)
{
	const char	*p = r->scopes;
	size_t		 n = strlen(scope);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, scope, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p = strchr(p, ',');
		if (p != NULL)
			p++;
	}
	/* write_ implies read_, as Shopify grants it. */
	if (strncmp(scope, "read_", 5) == 0) {
		char	w[64];

		snprintf(w, sizeof w, "write_%s", scope + 5);
		p = r->scopes;
		n = strlen(w);
		while (p != NULL && *p != '\0') {
			if (strncmp(p, w, n) == 0 && (p[n] == ',' ||
			    p[n] == '\0'))
				return 1;
			p = strchr(p, ',');
			if (p != NULL)
				p++;
		}
	}
	return 0;
}

/* ACCESS_DENIED unless the token has scope; 0 if it has. */
static int
need_scope(struct req *r, const char *field, const char *scope,
    struct gql_val *out)
{
	cJSON	*ext;
	char	 req[96];

	if (has_scope(r, scope))
		return 0;
	snprintf(req, sizeof req, "`%s` access scope.", scope);
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "code", "ACCESS_DENIED");
	cJSON_AddStringToObject(ext, "documentation",
	    "https://shopify.dev/api/usage/access-scopes");
	cJSON_AddStringToObject(ext, "requiredAccess", req);
	gql_exec_error(r->ex, NULL, ext, "Access denied for %s field. Required "
	    "access: %s", field, req);
	gql_val_leaf(out, NULL);
	return -1;
}

/* Connections over the store. */

static void
conn_locations(struct req *r, const cJSON *args, struct gql_val *out,
    const char *type)
{
	struct shopify	*sh = r->sh;
	struct location	*l;
	struct ent	*e;
	struct conn	*c;
	const char	*sort = arg_str(args, "sortKey");
	int		 i, n = 0, inactive;

	inactive = cJSON_IsTrue(cJSON_GetObjectItem(args, "includeInactive"));
	search_check(r, arg_str(args, "query"), location_fields, "Location");
	e = gql_exec_alloc(r->ex, sizeof *e * (size_t)(sh->locations.n + 1));
	for (i = 0; i < sh->locations.n; i++) {
		l = sh->locations.v[i];
		if (!l->active && !inactive)
			continue;
		if (!search_keep(r, arg_str(args, "query"), l, match_location))
			continue;
		e[n].obj = l;
		if (sort != NULL && strcmp(sort, "ID") == 0)
			key_id(&e[n], l->id);
		else
			key_str(&e[n], l->id, l->name);
		n++;
	}
	if ((c = paginate(r, e, n, args, "Location")) == NULL)
		gql_val_leaf(out, NULL);
	else
		gql_val_obj(out, c, type);
}

static void
conn_variants(struct req *r, struct product *p, const cJSON *args,
    struct gql_val *out, const char *type)
{
	struct shopify	*sh = r->sh;
	struct vec	*src = p != NULL ? &p->variants : &sh->variants;
	struct variant	*v;
	struct ent	*e;
	struct conn	*c;
	const char	*sort = arg_str(args, "sortKey");
	const char	*query = arg_str(args, "query");
	int		 i, n = 0;

	search_check(r, query, variant_fields, "ProductVariant");
	e = gql_exec_alloc(r->ex, sizeof *e * (size_t)(src->n + 1));
	for (i = 0; i < src->n; i++) {
		v = src->v[i];
		if (!search_keep(r, query, v, match_variant))
			continue;
		e[n].obj = v;
		if (sort != NULL && strcmp(sort, "SKU") == 0)
			key_str(&e[n], v->id, v->sku);
		else if (sort != NULL && (strcmp(sort, "TITLE") == 0 ||
		    strcmp(sort, "NAME") == 0 ||
		    strcmp(sort, "FULL_TITLE") == 0))
			key_str(&e[n], v->id, v->title);
		else
			key_id(&e[n], v->id);
		n++;
	}
	if ((c = paginate(r, e, n, args, "ProductVariant")) == NULL)
		gql_val_leaf(out, NULL);
	else
		gql_val_obj(out, c, type);
}

static void
conn_items(struct req *r, const cJSON *args, struct gql_val *out,
    const char *type)
{
	struct shopify	*sh = r->sh;
	struct item	*it;
	struct ent	*e;
	struct conn	*c;
	int		 i, n = 0;

	search_check(r, arg_str(args, "query"), item_fields, "InventoryItem");
	e = gql_exec_alloc(r->ex, sizeof *e * (size_t)(sh->items.n + 1));
	for (i = 0; i < sh->items.n; i++) {
		it = sh->items.v[i];
		if (!search_keep(r, arg_str(args, "query"), it, match_item))
			continue;
		e[n].obj = it;
		key_id(&e[n], it->id);
		n++;
	}
	if ((c = paginate(r, e, n, args, "InventoryItem")) == NULL)
		gql_val_leaf(out, NULL);
	else
		gql_val_obj(out, c, type);
}

static void
conn_levels(struct req *r, struct item *it, const cJSON *args,
    struct gql_val *out, const char *type)
{
	struct level	*lv;
	struct ent	*e;
	struct conn	*c;
	int		 i, n = 0, inactive;

	inactive = cJSON_IsTrue(cJSON_GetObjectItem(args, "includeInactive"));
	search_check(r, arg_str(args, "query"), level_fields, "Location");
	e = gql_exec_alloc(r->ex, sizeof *e * (size_t)(it->levels.n + 1));
	for (i = 0; i < it->levels.n; i++) {
		lv = it->levels.v[i];
		if ((!lv->active || !lv->loc->active) && !inactive)
			continue;
		if (!search_keep(r, arg_str(args, "query"), lv, match_level))
			continue;
		e[n].obj = lv;
		key_id(&e[n], lv->id);
		n++;
	}
	if ((c = paginate(r, e, n, args, "InventoryLevel")) == NULL)
		gql_val_leaf(out, NULL);
	else
		gql_val_obj(out, c, type);
}

static void
conn_orders(struct req *r, const cJSON *args, struct gql_val *out,
    const char *type)
{
	struct shopify	*sh = r->sh;
	struct order	*o;
	struct ent	*e;
	struct conn	*c;
	const char	*sort = arg_str(args, "sortKey");
	const char	*query = arg_str(args, "query");
	int		 i, n = 0;

	search_check(r, query, order_fields, "Order");
	e = gql_exec_alloc(r->ex, sizeof *e * (size_t)(sh->orders.n + 1));
	for (i = 0; i < sh->orders.n; i++) {
		o = sh->orders.v[i];
		if (!search_keep(r, query, o, match_order))
			continue;
		e[n].obj = o;
		if (sort != NULL && strcmp(sort, "UPDATED_AT") == 0)
			key_time(&e[n], o->id, o->updated, o->useq);
		else if (sort != NULL && strcmp(sort, "ID") == 0)
			key_id(&e[n], o->id);
		else if (sort != NULL && strcmp(sort, "ORDER_NUMBER") == 0)
			key_time(&e[n], o->id, (time_t)o->number, 0);
		else	/* PROCESSED_AT, CREATED_AT and the rest */
			key_time(&e[n], o->id, o->created, o->id);
		n++;
	}
	if ((c = paginate(r, e, n, args, "Order")) == NULL)
		gql_val_leaf(out, NULL);
	else
		gql_val_obj(out, c, type);
}

static void
conn_vec(struct req *r, struct vec *v, const cJSON *args,
    struct gql_val *out, const char *type, const char *itemtype)
{
	struct ent	*e;
	struct conn	*c;
	int		 i;

	e = gql_exec_alloc(r->ex, sizeof *e * (size_t)(v->n + 1));
	for (i = 0; i < v->n; i++) {
		e[i].obj = v->v[i];
		key_id(&e[i], (uint64_t)i);
	}
	if ((c = paginate(r, e, v->n, args, itemtype)) == NULL)
		gql_val_leaf(out, NULL);
	else
		gql_val_obj(out, c, type);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* XConnection, XEdge, PageInfo: the same for every connection. */
static void
r_conn(struct req *r, const char *type, struct conn *c, const char *f,
    struct gql_val *out)
{
	struct edge	*e;
	char		*et;
	int		 i;

	if (strcmp(f, "nodes") == 0) {
		gql_val_list(r->ex, out, c->n);
		for (i = 0; i < c->n; i++)
			gql_val_obj(&out->items[i], c->items[i], c->itemtype);
	} else if (strcmp(f, "edges") == 0) {
		et = gql_exec_alloc(r->ex, strlen(type) + 1);
		snprintf(et, strlen(type) + 1, "%.*sEdge",
		    (int)(strlen(type) - strlen("Connection")), type);
		gql_val_list(r->ex, out, c->n);
		for (i = 0; i < c->n; i++) {
			e = gql_exec_alloc(r->ex, sizeof *e);
			e->item = c->items[i];
			e->cursor = c->cursors[i];
			e->type = c->itemtype;
			gql_val_obj(&out->items[i], e, et);
		}
	} else if (strcmp(f, "pageInfo") == 0)
		gql_val_obj(out, c, "PageInfo");
	else
		notimpl(r, type, f, out);
}

static void
r_edge(struct req *r, const char *type, struct edge *e, const char *f,
    struct gql_val *out)
{
	if (strcmp(f, "node") == 0)
		gql_val_obj(out, e->item, e->type);
	else if (strcmp(f, "cursor") == 0)
		gql_val_str(out, e->cursor);
	else
		notimpl(r, type, f, out);
}

static void
r_pageinfo(struct req *r, struct conn *c, const char *f, struct gql_val *out)
{
	if (strcmp(f, "hasNextPage") == 0)
		gql_val_bool(out, c->has_next);
	else if (strcmp(f, "hasPreviousPage") == 0)
		gql_val_bool(out, c->has_prev);
	else if (strcmp(f, "startCursor") == 0)
		gql_val_str(out, c->n > 0 ? c->cursors[0] : NULL);
	else if (strcmp(f, "endCursor") == 0)
		gql_val_str(out, c->n > 0 ? c->cursors[c->n - 1] : NULL);
	else
		notimpl(r, "PageInfo", f, out);
}

/* Objects. */

static void
val_gid(struct gql_val *out, const char *type, uint64_t id)
{
	char	buf[128];

	gid(buf, sizeof buf, type, id);
	gql_val_str(out, buf);
}

static void
val_legacy(struct gql_val *out, uint64_t id)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%" PRIu64, id);
	gql_val_str(out, buf);
}

static void
val_time(struct gql_val *out, time_t t)
{
	char	buf[40];

	if (t == 0) {
		gql_val_leaf(out, NULL);
		return;
	}
	fmt_time(t, buf, sizeof buf);
	gql_val_str(out, buf);
}

static void
r_shop(struct req *r, const char *f, struct gql_val *out)
{
	if (strcmp(f, "id") == 0)
		gql_val_str(out, "gid://shopify/Shop/1");
	else if (strcmp(f, "name") == 0)
		gql_val_str(out, r->sh->shop_name);
	else if (strcmp(f, "myshopifyDomain") == 0)
		gql_val_str(out, "invsync-fake.myshopify.com");
	else if (strcmp(f, "ianaTimezone") == 0)
		gql_val_str(out, "Etc/UTC");
	else if (strcmp(f, "currencyCode") == 0)
		gql_val_str(out, "EUR");
	else
		notimpl(r, "Shop", f, out);
}

static void
r_app(struct req *r, const char *f, struct gql_val *out)
{
	struct scope	*s;
	const char	*p, *c;
	char		*h;
	int		 n = 0, i;

	if (strcmp(f, "id") == 0) {
		gql_val_str(out, "gid://shopify/AppInstallation/1");
		return;
	}
	if (strcmp(f, "accessScopes") != 0) {
		notimpl(r, "AppInstallation", f, out);
		return;
	}
	for (p = r->scopes; p != NULL && *p != '\0'; n++)
		p = (c = strchr(p, ',')) != NULL ? c + 1 : NULL;
	gql_val_list(r->ex, out, n);
	for (i = 0, p = r->scopes; i < n; i++) {
		c = strchr(p, ',');
		h = gql_exec_alloc(r->ex, strlen(p) + 1);
		snprintf(h, strlen(p) + 1, "%.*s", (int)(c != NULL ?
		    (size_t)(c - p) : strlen(p)), p);
		s = gql_exec_alloc(r->ex, sizeof *s);
		s->handle = h;
		gql_val_obj(&out->items[i], s, "AccessScope");
		p = c != NULL ? c + 1 : p + strlen(p);
	}
}

static void
r_location(struct req *r, struct location *l, const char *f,
    struct gql_val *out)
{
	if (strcmp(f, "id") == 0)
		val_gid(out, "Location", l->id);
	else if (strcmp(f, "legacyResourceId") == 0)
		val_legacy(out, l->id);
	else if (strcmp(f, "name") == 0)
		gql_val_str(out, l->name);
	else if (strcmp(f, "isActive") == 0)
		gql_val_bool(out, l->active);
	else if (strcmp(f, "fulfillsOnlineOrders") == 0 ||
	    strcmp(f, "shipsInventory") == 0)
		gql_val_bool(out, 1);
	else if (strcmp(f, "createdAt") == 0 || strcmp(f, "updatedAt") == 0)
		val_time(out, l->created);
	else
		notimpl(r, "Location", f, out);
}

static void
r_item(struct req *r, struct item *it, const char *f, const cJSON *args,
    struct gql_val *out)
{
	struct location	*loc;
	struct level	*lv;
	uint64_t	 id;

	if (strcmp(f, "id") == 0)
		val_gid(out, "InventoryItem", it->id);
	else if (strcmp(f, "legacyResourceId") == 0)
		val_legacy(out, it->id);
	else if (strcmp(f, "sku") == 0)
		gql_val_str(out, it->variant->sku);
	else if (strcmp(f, "tracked") == 0)
		gql_val_bool(out, it->tracked);
	else if (strcmp(f, "requiresShipping") == 0)
		gql_val_bool(out, 1);
	else if (strcmp(f, "createdAt") == 0)
		val_time(out, it->created);
	else if (strcmp(f, "updatedAt") == 0)
		val_time(out, it->updated);
	else if (strcmp(f, "variant") == 0)
		gql_val_obj(out, it->variant, "ProductVariant");
	else if (strcmp(f, "inventoryLevel") == 0) {
		lv = NULL;
		if (parse_gid(arg_str(args, "locationId"), "Location", 0,
		    &id) == 0 && (loc = find_location(r->sh, id)) != NULL)
			lv = find_level(it, loc);
		if (lv != NULL && (!lv->active || !lv->loc->active) &&
		    !cJSON_IsTrue(cJSON_GetObjectItem(args, "includeInactive")))
			lv = NULL;
		gql_val_obj(out, lv, "InventoryLevel");
	} else if (strcmp(f, "inventoryLevels") == 0)
		conn_levels(r, it, args, out, "InventoryLevelConnection");
	else
		notimpl(r, "InventoryItem", f, out);
}

static void
r_level(struct req *r, struct level *lv, const char *f, const cJSON *args,
    struct gql_val *out)
{
	const cJSON	*names, *nm;
	struct qty	*q;
	char		 buf[160];
	int		 n, i, qi;

	if (strcmp(f, "id") == 0) {
		level_gid(buf, sizeof buf, lv);
		gql_val_str(out, buf);
	} else if (strcmp(f, "item") == 0)
		gql_val_obj(out, lv->item, "InventoryItem");
	else if (strcmp(f, "location") == 0)
		gql_val_obj(out, lv->loc, "Location");
	else if (strcmp(f, "isActive") == 0)
		gql_val_bool(out, lv->active);
	else if (strcmp(f, "canDeactivate") == 0)
		gql_val_bool(out, 1);
	else if (strcmp(f, "createdAt") == 0)
		val_time(out, lv->created);
	else if (strcmp(f, "updatedAt") == 0)
		val_time(out, lv->updated);
	else if (strcmp(f, "quantities") == 0) {
		names = cJSON_GetObjectItem(args, "names");
		n = cJSON_GetArraySize(names);
		cJSON_ArrayForEach(nm, names)
			if (!cJSON_IsString(nm) ||
			    qname_index(nm->valuestring) < 0) {
				gql_exec_error(r->ex, NULL, NULL, "Invalid "
				    "quantity name: '%s'. Valid names are: "
				    "available, committed, damaged, incoming, "
				    "on_hand, quality_control, reserved, "
				    "safety_stock.", cJSON_IsString(nm) ?
				    nm->valuestring : "?");
				gql_val_leaf(out, NULL);
				return;
			}
		gql_val_list(r->ex, out, n);
		i = 0;
		cJSON_ArrayForEach(nm, names) {
			qi = qname_index(nm->valuestring);
			q = gql_exec_alloc(r->ex, sizeof *q);
			q->name = qnames[qi];
			q->quantity = level_q(lv, qi);
			q->updated = lv->updated;
			gql_val_obj(&out->items[i++], q, "InventoryQuantity");
		}
	} else
		notimpl(r, "InventoryLevel", f, out);
}

static void
r_qty(struct req *r, struct qty *q, const char *f, struct gql_val *out)
{
	if (strcmp(f, "name") == 0)
		gql_val_str(out, q->name);
	else if (strcmp(f, "quantity") == 0)
		gql_val_int(out, q->quantity);
	else if (strcmp(f, "updatedAt") == 0)
		val_time(out, q->updated);
	else
		notimpl(r, "InventoryQuantity", f, out);
}

static void
r_variant(struct req *r, struct variant *v, const char *f,
    struct gql_val *out)
{
	long long	sum = 0;
	char		buf[512];
	int		i;

	if (strcmp(f, "id") == 0)
		val_gid(out, "ProductVariant", v->id);
	else if (strcmp(f, "legacyResourceId") == 0)
		val_legacy(out, v->id);
	else if (strcmp(f, "sku") == 0)
		gql_val_str(out, v->sku);
	else if (strcmp(f, "title") == 0)
		gql_val_str(out, v->title);
	else if (strcmp(f, "displayName") == 0) {
		snprintf(buf, sizeof buf, "%s - %s", v->product->title,
		    v->title);
		gql_val_str(out, buf);
	} else if (strcmp(f, "barcode") == 0)
		gql_val_leaf(out, NULL);
	else if (strcmp(f, "inventoryItem") == 0)
		gql_val_obj(out, v->item, "InventoryItem");
	else if (strcmp(f, "product") == 0)
		gql_val_obj(out, v->product, "Product");
	else if (strcmp(f, "inventoryQuantity") == 0) {
		for (i = 0; i < v->item->levels.n; i++)
			sum += ((struct level *)v->item->levels.v[i])->
			    q[Q_AVAILABLE];
		gql_val_int(out, sum);
	} else if (strcmp(f, "createdAt") == 0)
		val_time(out, v->created);
	else if (strcmp(f, "updatedAt") == 0)
		val_time(out, v->updated);
	else
		notimpl(r, "ProductVariant", f, out);
}

static void
r_product(struct req *r, struct product *p, const char *f, const cJSON *args,
    struct gql_val *out)
{
	if (strcmp(f, "id") == 0)
		val_gid(out, "Product", p->id);
	else if (strcmp(f, "legacyResourceId") == 0)
		val_legacy(out, p->id);
	else if (strcmp(f, "title") == 0)
		gql_val_str(out, p->title);
	else if (strcmp(f, "status") == 0)
		gql_val_str(out, "ACTIVE");
	else if (strcmp(f, "createdAt") == 0)
		val_time(out, p->created);
	else if (strcmp(f, "updatedAt") == 0)
		val_time(out, p->updated);
	else if (strcmp(f, "variants") == 0)
		conn_variants(r, p, args, out, "ProductVariantConnection");
	else
		notimpl(r, "Product", f, out);
}

static void
r_order(struct req *r, struct order *o, const char *f, const cJSON *args,
    struct gql_val *out)
{
	struct lineitem	*li;
	int		 n, i, all = 1, some = 0, first = -1;

	if (strcmp(f, "id") == 0)
		val_gid(out, "Order", o->id);
	else if (strcmp(f, "legacyResourceId") == 0)
		val_legacy(out, o->id);
	else if (strcmp(f, "name") == 0)
		gql_val_str(out, o->name);
	else if (strcmp(f, "createdAt") == 0 || strcmp(f, "processedAt") == 0)
		val_time(out, o->created);
	else if (strcmp(f, "updatedAt") == 0)
		val_time(out, o->updated);
	else if (strcmp(f, "cancelledAt") == 0)
		val_time(out, o->cancelled);
	else if (strcmp(f, "cancelReason") == 0)
		gql_val_str(out, o->cancelled != 0 ? o->cancel_reason : NULL);
	else if (strcmp(f, "test") == 0)
		gql_val_bool(out, o->test);
	else if (strcmp(f, "closed") == 0)
		gql_val_bool(out, 0);
	else if (strcmp(f, "confirmed") == 0)
		gql_val_bool(out, 1);
	else if (strcmp(f, "displayFinancialStatus") == 0)
		gql_val_str(out, o->refunds.n > 0 ? "PARTIALLY_REFUNDED" :
		    "PAID");
	else if (strcmp(f, "displayFulfillmentStatus") == 0) {
		for (i = 0; i < o->lines.n; i++) {
			li = o->lines.v[i];
			if (li->fulfilled > 0)
				some = 1;
			if (li->fulfilled < li->current)
				all = 0;
		}
		gql_val_str(out, all && some ? "FULFILLED" : some ?
		    "PARTIALLY_FULFILLED" : "UNFULFILLED");
	} else if (strcmp(f, "lineItems") == 0)
		conn_vec(r, &o->lines, args, out, "LineItemConnection",
		    "LineItem");
	else if (strcmp(f, "refunds") == 0) {
		arg_int(args, "first", &first);
		n = o->refunds.n;
		if (first >= 0 && first < n)
			n = first;
		gql_val_list(r->ex, out, n);
		for (i = 0; i < n; i++)
			gql_val_obj(&out->items[i], o->refunds.v[i], "Refund");
	} else
		notimpl(r, "Order", f, out);
}

static void
r_lineitem(struct req *r, struct lineitem *li, const char *f,
    struct gql_val *out)
{
	if (strcmp(f, "id") == 0)
		val_gid(out, "LineItem", li->id);
	else if (strcmp(f, "sku") == 0)
		gql_val_str(out, li->sku);
	else if (strcmp(f, "name") == 0 || strcmp(f, "title") == 0)
		gql_val_str(out, li->title);
	else if (strcmp(f, "quantity") == 0)
		gql_val_int(out, li->quantity);
	else if (strcmp(f, "currentQuantity") == 0)
		gql_val_int(out, li->current);
	else if (strcmp(f, "unfulfilledQuantity") == 0)
		gql_val_int(out, li->current - li->fulfilled);
	else if (strcmp(f, "refundableQuantity") == 0)
		gql_val_int(out, li->current);
	else if (strcmp(f, "variant") == 0)
		gql_val_obj(out, li->variant, "ProductVariant");
	else if (strcmp(f, "product") == 0)
		gql_val_obj(out, li->variant != NULL ? li->variant->product :
		    NULL, "Product");
	else
		notimpl(r, "LineItem", f, out);
}

static void
r_refund(struct req *r, struct refund *rf, const char *f, const cJSON *args,
    struct gql_val *out)
{
	struct vec	v;
	int		i;

	if (strcmp(f, "id") == 0)
		val_gid(out, "Refund", rf->id);
	else if (strcmp(f, "legacyResourceId") == 0)
		val_legacy(out, rf->id);
	else if (strcmp(f, "createdAt") == 0 || strcmp(f, "updatedAt") == 0)
		val_time(out, rf->created);
	else if (strcmp(f, "order") == 0)
		gql_val_obj(out, rf->order, "Order");
	else if (strcmp(f, "refundLineItems") == 0) {
		v.n = v.cap = rf->nlines;
		v.v = gql_exec_alloc(r->ex, sizeof *v.v * (size_t)(v.n + 1));
		for (i = 0; i < v.n; i++)
			v.v[i] = &rf->lines[i];
		conn_vec(r, &v, args, out, "RefundLineItemConnection",
		    "RefundLineItem");
	} else
		notimpl(r, "Refund", f, out);
}

static void
r_refline(struct req *r, struct refline *rl, const char *f,
    struct gql_val *out)
{
	if (strcmp(f, "quantity") == 0)
		gql_val_int(out, rl->quantity);
	else if (strcmp(f, "restockType") == 0)
		gql_val_str(out, rl->restock);
	else if (strcmp(f, "restocked") == 0)
		gql_val_bool(out, strcmp(rl->restock, "NO_RESTOCK") != 0);
	else if (strcmp(f, "lineItem") == 0)
		gql_val_obj(out, rl->li, "LineItem");
	else if (strcmp(f, "location") == 0)
		gql_val_obj(out, rl->loc, "Location");
	else
		notimpl(r, "RefundLineItem", f, out);
}

static int
json_has_str(const cJSON *arr, const char *s)
{
	const cJSON	*j;

	cJSON_ArrayForEach(j, arr)
		if (cJSON_IsString(j) && strcmp(j->valuestring, s) == 0)
			return 1;
	return 0;
}

static void
r_group(struct req *r, struct adjgroup *g, const char *f, const cJSON *args,
    struct gql_val *out)
{
	const cJSON	*ids = cJSON_GetObjectItem(args, "inventoryItemIds");
	const cJSON	*locs = cJSON_GetObjectItem(args, "locationIds");
	const cJSON	*names = cJSON_GetObjectItem(args, "quantityNames");
	struct change	*c;
	char		 buf[128];
	int		 i, n;

	if (strcmp(f, "id") == 0)
		val_gid(out, "InventoryAdjustmentGroup", g->id);
	else if (strcmp(f, "createdAt") == 0)
		val_time(out, g->created);
	else if (strcmp(f, "reason") == 0)
		gql_val_str(out, g->reason);
	else if (strcmp(f, "referenceDocumentUri") == 0)
		gql_val_str(out, g->refdoc);
	else if (strcmp(f, "app") == 0 || strcmp(f, "staffMember") == 0)
		gql_val_leaf(out, NULL);
	else if (strcmp(f, "changes") == 0) {
		struct change	**keep = gql_exec_alloc(r->ex, sizeof *keep *
		    (size_t)(g->nchanges + 1));

		for (n = 0, i = 0; i < g->nchanges; i++) {
			c = &g->changes[i];
			gid(buf, sizeof buf, "InventoryItem", c->item->id);
			if (cJSON_IsArray(ids) && !json_has_str(ids, buf))
				continue;
			gid(buf, sizeof buf, "Location", c->loc->id);
			if (cJSON_IsArray(locs) && !json_has_str(locs, buf))
				continue;
			if (cJSON_IsArray(names) && !json_has_str(names,
			    c->name))
				continue;
			keep[n++] = c;
		}
		gql_val_list(r->ex, out, n);
		for (i = 0; i < n; i++)
			gql_val_obj(&out->items[i], keep[i], "InventoryChange");
	} else
		notimpl(r, "InventoryAdjustmentGroup", f, out);
}

static void
r_change(struct req *r, struct change *c, const char *f, struct gql_val *out)
{
	if (strcmp(f, "name") == 0)
		gql_val_str(out, c->name);
	else if (strcmp(f, "delta") == 0)
		gql_val_int(out, c->delta);
	else if (strcmp(f, "quantityAfterChange") == 0)
		gql_val_leaf(out, NULL);
	else if (strcmp(f, "item") == 0)
		gql_val_obj(out, c->item, "InventoryItem");
	else if (strcmp(f, "location") == 0)
		gql_val_obj(out, c->loc, "Location");
	else if (strcmp(f, "ledgerDocumentUri") == 0)
		gql_val_str(out, c->ledger);
	else
		notimpl(r, "InventoryChange", f, out);
}

static void
r_usererr(struct req *r, const char *type, struct usererr *e, const char *f,
    struct gql_val *out)
{
	if (strcmp(f, "field") == 0)
		gql_val_leaf(out, e->field != NULL ? cJSON_Duplicate(e->field,
		    1) : NULL);
	else if (strcmp(f, "message") == 0)
		gql_val_str(out, e->message);
	else if (strcmp(f, "code") == 0)
		gql_val_str(out, e->code);
	else
		notimpl(r, type, f, out);
}

static void
r_payload(struct req *r, const char *type, struct payload *p, const char *f,
    struct gql_val *out)
{
	const char	*et;
	int		 i;

	if (strcmp(f, "inventoryAdjustmentGroup") == 0)
		gql_val_obj(out, p->group, "InventoryAdjustmentGroup");
	else if (strcmp(f, "webhookSubscription") == 0)
		gql_val_obj(out, p->sub, "WebhookSubscription");
	else if (strcmp(f, "userErrors") == 0) {
		et = strcmp(type, "InventorySetQuantitiesPayload") == 0 ?
		    "InventorySetQuantitiesUserError" : strcmp(type,
		    "InventoryAdjustQuantitiesPayload") == 0 ?
		    "InventoryAdjustQuantitiesUserError" : "UserError";
		gql_val_list(r->ex, out, p->nerrs);
		for (i = 0; i < p->nerrs; i++)
			gql_val_obj(&out->items[i], &p->errs[i], et);
	} else
		notimpl(r, type, f, out);
}

static void
topic_enum(const char *topic, char *buf, size_t len)
{
	size_t	i;

	snprintf(buf, len, "%s", topic);
	for (i = 0; buf[i] != '\0'; i++)
		buf[i] = buf[i] == '/' ? '_' : (char)toupper((unsigned char)
		    buf[i]);
}

static void
r_hook(struct req *r, struct hook *h, const char *f, struct gql_val *out)
{
	char	buf[64];

	if (strcmp(f, "id") == 0)
		val_gid(out, "WebhookSubscription", h->id);
	else if (strcmp(f, "topic") == 0) {
		topic_enum(h->topic != NULL ? h->topic : "", buf, sizeof buf);
		gql_val_str(out, buf);
	} else if (strcmp(f, "uri") == 0 || strcmp(f, "callbackUrl") == 0)
		gql_val_str(out, h->uri);
	else if (strcmp(f, "format") == 0)
		gql_val_str(out, "JSON");
	else if (strcmp(f, "includeFields") == 0)
		gql_val_leaf(out, h->include != NULL ?
		    cJSON_Duplicate(h->include, 1) : cJSON_CreateArray());
	else if (strcmp(f, "createdAt") == 0 || strcmp(f, "updatedAt") == 0)
		val_time(out, h->created);
	else
		notimpl(r, "WebhookSubscription", f, out);
}

/* Stock mutations. */

static struct payload *
payload_new(struct shopify *sh)
{
	struct payload	*p = xcalloc(1, sizeof *p);

	vec_push(&sh->payloads, p);
	return p;
}

/* Add a userError; the path is NULL-terminated strings. */
static void
uerr(struct payload *p, const char *code, const char *msg, ...)
{
	struct usererr	*e, *ne;
	va_list		 ap;
	const char	*s;

	ne = realloc(p->errs, sizeof *p->errs * (size_t)(p->nerrs + 1));
	if (ne == NULL) {
		fprintf(stderr, "fake_shopify: out of memory\n");
		exit(1);
	}
	p->errs = ne;
	e = &p->errs[p->nerrs++];
	memset(e, 0, sizeof *e);
	e->code = code;
	e->message = xstrdup(msg);
	va_start(ap, msg);
	while ((s = va_arg(ap, const char *)) != NULL) {
		if (e->field == NULL)
			e->field = cJSON_CreateArray();
		cJSON_AddItemToArray(e->field, cJSON_CreateString(s));
	}
	va_end(ap);
}

static int
valid_uri(const char *s)
{
	const char	*p = s;

	if (s == NULL || !isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	if (*p != ':' || p[1] == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (isspace((unsigned char)*p) || (unsigned char)*p < 0x20)
			return 0;
	return 1;
}

static int
valid_reason(const char *s)
{
	int	i;

	for (i = 0; s != NULL && reasons[i] != NULL; i++)
		if (strcmp(reasons[i], s) == 0)
			return 1;
	return 0;
}

static struct adjgroup *
group_new(struct shopify *sh, const cJSON *input, int nchanges)
{
	struct adjgroup	*g = xcalloc(1, sizeof *g);

	g->id = new_id(sh);
	g->created = store_now(sh);
	g->reason = xstrdup(jstr(input, "reason"));
	g->refdoc = xstrdup(jstr(input, "referenceDocumentUri"));
	g->changes = xcalloc((size_t)nchanges + 1, sizeof *g->changes);
	vec_push(&sh->groups, g);
	return g;
}

/* Look up row i's item, location and level, adding userErrors. */
static struct level *
row_level(struct shopify *sh, struct payload *p, const cJSON *row,
    const char *rows, const char *idx)
{
	struct item	*it;
	struct location	*loc;
	struct level	*lv;
	uint64_t	 id;

	if (parse_gid(jstr(row, "inventoryItemId"), "InventoryItem", 0,
	    &id) != 0 || (it = find_item(sh, id)) == NULL) {
		uerr(p, "INVALID_INVENTORY_ITEM", "The specified inventory "
		    "item could not be found.", "input", rows, idx,
		    "inventoryItemId", NULL);
		return NULL;
	}
	if (parse_gid(jstr(row, "locationId"), "Location", 0, &id) != 0 ||
	    (loc = find_location(sh, id)) == NULL) {
		uerr(p, "INVALID_LOCATION", "The specified location could not "
		    "be found.", "input", rows, idx, "locationId", NULL);
		return NULL;
	}
	if ((lv = find_level(it, loc)) == NULL || !lv->active) {
		uerr(p, "ITEM_NOT_STOCKED_AT_LOCATION", "The specified "
		    "inventory item is not stocked at the location.", "input",
		    rows, idx, "locationId", NULL);
		return NULL;
	}
	return lv;
}

/*
 * inventorySetQuantities: validate every row first, then apply all or
 * nothing. Setting available or on_hand moves available (on_hand is
 * derived), so both change rows carry the same delta.
 */
static struct payload *
apply_set(struct shopify *sh, const cJSON *input)
{
	struct payload	 *p = payload_new(sh);
	const cJSON	 *rows = cJSON_GetObjectItem(input, "quantities"), *row;
	const cJSON	 *cf;
	const char	 *name = jstr(input, "name");
	struct level	**lv;
	struct adjgroup	 *g;
	int		 *want, n, i, j, qi = -1, delta;
	char		  idx[16];

	n = cJSON_GetArraySize(rows);
	lv = xcalloc((size_t)n + 1, sizeof *lv);
	want = xcalloc((size_t)n + 1, sizeof *want);
	if (name != NULL && strcmp(name, "available") == 0)
		qi = Q_AVAILABLE;
	else if (name != NULL && strcmp(name, "on_hand") == 0)
		qi = Q_ON_HAND;
	else
		uerr(p, "INVALID_NAME", "The quantity name must be either "
		    "'available' or 'on_hand'.", "input", "name", NULL);
	if (!valid_reason(jstr(input, "reason")))
		uerr(p, "INVALID_REASON", "The specified reason is invalid.",
		    "input", "reason", NULL);
	if (jstr(input, "referenceDocumentUri") != NULL &&
	    !valid_uri(jstr(input, "referenceDocumentUri")))
		uerr(p, "INVALID_REFERENCE_DOCUMENT", "The specified reference "
		    "document is invalid.", "input", "referenceDocumentUri",
		    NULL);
	i = 0;
	cJSON_ArrayForEach(row, rows) {
		snprintf(idx, sizeof idx, "%d", i);
		if ((lv[i] = row_level(sh, p, row, "quantities", idx)) == NULL)
			goto next;
		for (j = 0; j < i; j++)
			if (lv[j] == lv[i]) {
				uerr(p, "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_"
				    "ID_PAIR", "The combination of "
				    "inventoryItemId and locationId must be "
				    "unique.", "input", "quantities", idx,
				    NULL);
				lv[i] = NULL;
				goto next;
			}
		want[i] = jint(row, "quantity", 0);
		if (want[i] > 1000000000)
			uerr(p, "INVALID_QUANTITY_TOO_HIGH", "The total "
			    "quantity can't be higher than 1,000,000,000.",
			    "input", "quantities", idx, "quantity", NULL);
		else if (qi == Q_ON_HAND && want[i] < 0)
			uerr(p, "INVALID_QUANTITY_NEGATIVE", "The quantity "
			    "can't be negative.", "input", "quantities", idx,
			    "quantity", NULL);
		else if (want[i] < -1000000000)
			uerr(p, "INVALID_QUANTITY_TOO_LOW", "The total "
			    "quantity can't be lower than -1,000,000,000.",
			    "input", "quantities", idx, "quantity", NULL);
		cf = cJSON_GetObjectItem(row, "changeFromQuantity");
		if (qi >= 0 && cJSON_IsNumber(cf) &&
		    cf->valueint != level_q(lv[i], qi))
			uerr(p, "CHANGE_FROM_QUANTITY_STALE", "The "
			    "changeFromQuantity value does not match persisted "
			    "value.", "input", "quantities", idx,
			    "changeFromQuantity", NULL);
	next:
		i++;
	}
	if (p->nerrs > 0)
		goto out;
	g = p->group = group_new(sh, input, 2 * n);
	for (i = 0; i < n; i++) {
		delta = (int)(want[i] - level_q(lv[i], qi));
		level_move(sh, lv[i], Q_AVAILABLE, delta);
		g->changes[g->nchanges++] = (struct change){ qnames[qi], delta,
		    lv[i]->item, lv[i]->loc, NULL };
		g->changes[g->nchanges++] = (struct change){ qi == Q_AVAILABLE ?
		    "on_hand" : "available", delta, lv[i]->item, lv[i]->loc,
		    NULL };
	}
out:
	free(lv);
	free(want);
	return p;
}

/*
 * inventoryAdjustQuantities: deltas on available or one of the
 * non-sellable states; each but incoming also moves on_hand.
 */
static struct payload *
apply_adjust(struct shopify *sh, const cJSON *input)
{
	struct payload	 *p = payload_new(sh);
	const cJSON	 *rows = cJSON_GetObjectItem(input, "changes"), *row;
	const cJSON	 *cf;
	const char	 *name = jstr(input, "name"), *ledger, *first = NULL;
	static const char *const ok[] = {
		"available", "damaged", "incoming", "quality_control",
		"reserved", "safety_stock", NULL
	};
	struct level	**lv;
	struct adjgroup	 *g;
	long long	  after;
	int		 *delta, n, i, j, qi = -1;
	char		  idx[16];

	n = cJSON_GetArraySize(rows);
	lv = xcalloc((size_t)n + 1, sizeof *lv);
	delta = xcalloc((size_t)n + 1, sizeof *delta);
	for (i = 0; name != NULL && ok[i] != NULL; i++)
		if (strcmp(ok[i], name) == 0)
			qi = qname_index(name);
	if (qi < 0)
		uerr(p, "INVALID_QUANTITY_NAME", "The specified quantity name "
		    "is invalid.", "input", "name", NULL);
	if (!valid_reason(jstr(input, "reason")))
		uerr(p, "INVALID_REASON", "The specified reason is invalid.",
		    "input", "reason", NULL);
	if (jstr(input, "referenceDocumentUri") != NULL &&
	    !valid_uri(jstr(input, "referenceDocumentUri")))
		uerr(p, "INVALID_REFERENCE_DOCUMENT", "The specified reference "
		    "document is invalid.", "input", "referenceDocumentUri",
		    NULL);
	i = 0;
	cJSON_ArrayForEach(row, rows) {
		snprintf(idx, sizeof idx, "%d", i);
		ledger = jstr(row, "ledgerDocumentUri");
		if (qi == Q_AVAILABLE && ledger != NULL)
			uerr(p, "INVALID_AVAILABLE_DOCUMENT", "A ledger "
			    "document URI is not allowed when adjusting "
			    "available.", "input", "changes", idx,
			    "ledgerDocumentUri", NULL);
		else if (qi >= 0 && qi != Q_AVAILABLE && ledger == NULL)
			uerr(p, "INVALID_QUANTITY_DOCUMENT", "A ledger "
			    "document URI is required except when adjusting "
			    "available.", "input", "changes", idx,
			    "ledgerDocumentUri", NULL);
		else if (ledger != NULL && !valid_uri(ledger))
			uerr(p, "INVALID_LEDGER_DOCUMENT", "The specified "
			    "ledger document is invalid.", "input", "changes",
			    idx, "ledgerDocumentUri", NULL);
		else if (ledger != NULL && strncmp(ledger, "gid://shopify/",
		    14) == 0)
			uerr(p, "INTERNAL_LEDGER_DOCUMENT", "Internal "
			    "(gid://shopify/) ledger documents are not allowed "
			    "to be adjusted via API.", "input", "changes", idx,
			    "ledgerDocumentUri", NULL);
		else if (ledger != NULL && first != NULL && strcmp(first,
		    ledger) != 0)
			uerr(p, "MAX_ONE_LEDGER_DOCUMENT", "All changes must "
			    "have the same ledger document URI or, in the case "
			    "of adjusting available, no ledger document URI.",
			    "input", "changes", idx, "ledgerDocumentUri", NULL);
		if (ledger != NULL && first == NULL)
			first = ledger;
		if ((lv[i] = row_level(sh, p, row, "changes", idx)) == NULL ||
		    qi < 0)
			goto next;
		delta[i] = jint(row, "delta", 0);
		cf = cJSON_GetObjectItem(row, "changeFromQuantity");
		if (cJSON_IsNumber(cf) && cf->valueint != level_q(lv[i], qi))
			uerr(p, "CHANGE_FROM_QUANTITY_STALE", "The "
			    "changeFromQuantity argument no longer matches the "
			    "persisted quantity.", "input", "changes", idx,
			    "changeFromQuantity", NULL);
		for (after = level_q(lv[i], qi), j = 0; j <= i; j++)
			if (lv[j] == lv[i])
				after += delta[j];
		if (after > 2000000000LL)
			uerr(p, "INVALID_QUANTITY_TOO_HIGH", "The quantity "
			    "can't be higher than 2,000,000,000.", "input",
			    "changes", idx, "delta", NULL);
		else if (after < -2000000000LL)
			uerr(p, "INVALID_QUANTITY_TOO_LOW", "The quantity "
			    "can't be lower than -2,000,000,000.", "input",
			    "changes", idx, "delta", NULL);
	next:
		i++;
	}
	if (p->nerrs > 0)
		goto out;
	g = p->group = group_new(sh, input, 2 * n);
	for (i = 0; i < n; i++) {
		level_move(sh, lv[i], qi, delta[i]);
		ledger = jstr(cJSON_GetArrayItem(rows, i), "ledgerDocumentUri");
		g->changes[g->nchanges++] = (struct change){ qnames[qi],
		    delta[i], lv[i]->item, lv[i]->loc, xstrdup(ledger) };
		if (qi != Q_INCOMING)
			g->changes[g->nchanges++] = (struct change){ "on_hand",
			    delta[i], lv[i]->item, lv[i]->loc, NULL };
	}
out:
	free(lv);
	free(delta);
	return p;
}

/* The "stock changed between read and write" fault, if armed. */
static void
race_apply(struct shopify *sh)
{
	struct item	*it;
	struct location	*loc;
	struct level	*lv;
	uint64_t	 id;

	if (sh->race == NULL)
		return;
	if (json_id(cJSON_GetObjectItem(sh->race, "inventory_item_id"),
	    "InventoryItem", &id) == 0 && (it = find_item(sh, id)) != NULL &&
	    json_id(cJSON_GetObjectItem(sh->race, "location_id"), "Location",
	    &id) == 0 && (loc = find_location(sh, id)) != NULL &&
	    (lv = find_level(it, loc)) != NULL)
		level_move(sh, lv, Q_AVAILABLE, jint(sh->race, "delta", -1));
	cJSON_Delete(sh->race);
	sh->race = NULL;
}

static struct idem *
idem_find(struct shopify *sh, const char *key)
{
	int	i;

	for (i = 0; i < sh->idems.n; i++)
		if (strcmp(((struct idem *)sh->idems.v[i])->key, key) == 0)
			return sh->idems.v[i];
	return NULL;
}

static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * inventorySetQuantities and inventoryAdjustQuantities: the 2026-04
 * rules first (top-level errors, root null), then idempotency by
 * (key, arguments), then the mutation itself.
 */
static void
m_stock(struct req *r, const char *f, const cJSON *args, struct gql_val *out)
{
	struct shopify	*sh = r->sh;
	int		 set = strcmp(f, "inventorySetQuantities") == 0;
	const char	*rows_key = set ? "quantities" : "changes";
	const char	*ptype = set ? "InventorySetQuantitiesPayload" :
			    "InventoryAdjustQuantitiesPayload";
	const cJSON	*input = cJSON_GetObjectItem(args, "input"), *row;
	struct idem	*id;
	struct payload	*p;
	cJSON		*key, *ext;
	char		*params;
	int		 present, i;

	if (need_scope(r, f, "write_inventory", out) != 0)
		return;
	key = gql_directive_arg(r->sel->dirs, r->sel->ndirs, "idempotent",
	    "key", gql_exec_vars(r->ex), &present);
	if (!present) {
		gql_exec_error(r->ex, "BAD_REQUEST", NULL, "The @idempotent "
		    "directive is required for this mutation but was not "
		    "provided.");
		goto null;
	}
	if (!cJSON_IsString(key) || blank(key->valuestring)) {
		gql_exec_error(r->ex, "BAD_REQUEST", NULL, "The idempotency "
		    "key cannot be an empty string or whitespace only.");
		goto null;
	}
	if (cJSON_GetArraySize(cJSON_GetObjectItem(input, rows_key)) >
	    MAX_ROWS) {
		ext = cJSON_CreateObject();
		cJSON_AddNumberToObject(ext, "maxInputSize", MAX_ROWS);
		gql_exec_error(r->ex, "MAX_INPUT_SIZE_EXCEEDED", ext, "The "
		    "input array size of %d is greater than the maximum "
		    "allowed of %d.", cJSON_GetArraySize(cJSON_GetObjectItem(
		    input, rows_key)), MAX_ROWS);
		goto null;
	}
	i = 0;
	cJSON_ArrayForEach(row, cJSON_GetObjectItem(input, rows_key)) {
		if (!cJSON_HasObjectItem(row, "changeFromQuantity")) {
			ext = cJSON_CreateObject();
			cJSON_AddItemToObject(ext, "field",
			    cJSON_CreateStringArray((const char *[]){ "input",
			    rows_key }, 2));
			gql_exec_error(r->ex, "INVALID_FIELD_ARGUMENTS", ext,
			    "The changeFromQuantity argument is required for "
			    "each %s entry (at %s[%d]); pass null to skip the "
			    "compare check.", rows_key, rows_key, i);
			goto null;
		}
		i++;
	}
	params = canon_str(args);
	race_apply(sh);
	if ((id = idem_find(sh, key->valuestring)) != NULL) {
		if (strcmp(id->mutation, f) == 0 && strcmp(id->params,
		    params) == 0)
			p = id->p;		/* replay the first answer */
		else {
			p = payload_new(sh);
			uerr(p, "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", "The "
			    "same idempotency key cannot be used with "
			    "different operation parameters.", NULL);
		}
		free(params);
		gql_val_obj(out, p, ptype);
		goto done;
	}
	if (json_has_str(sh->running_keys, key->valuestring)) {
		p = payload_new(sh);
		uerr(p, "IDEMPOTENCY_CONCURRENT_REQUEST", "This request is "
		    "currently in progress, please try again.", NULL);
		free(params);
		gql_val_obj(out, p, ptype);
		goto done;
	}
	p = set ? apply_set(sh, input) : apply_adjust(sh, input);
	id = xcalloc(1, sizeof *id);
	id->key = xstrdup(key->valuestring);
	id->mutation = xstrdup(f);
	id->params = params;
	id->p = p;
	vec_push(&sh->idems, id);
	gql_val_obj(out, p, ptype);
done:
	cJSON_Delete(key);
	return;
null:
	cJSON_Delete(key);
	gql_val_leaf(out, NULL);
}

static struct hook *
hook_new(struct shopify *sh, const char *topic, const char *uri,
    const char *secret, const cJSON *include, int from_api)
{
	struct hook	*h = xcalloc(1, sizeof *h);

	h->id = new_id(sh);
	h->topic = xstrdup(topic);
	h->uri = xstrdup(uri);
	h->secret = xstrdup(secret);
	h->include = include != NULL ? cJSON_Duplicate(include, 1) : NULL;
	h->created = store_now(sh);
	h->from_api = from_api;
	vec_push(&sh->hooks, h);
	return h;
}

/* webhookSubscriptionCreate(topic:, webhookSubscription:{uri,...}). */
static void
m_webhook(struct req *r, const cJSON *args, struct gql_val *out)
{
	struct shopify	*sh = r->sh;
	const cJSON	*ws = cJSON_GetObjectItem(args, "webhookSubscription");
	const char	*topic = jstr(args, "topic"), *uri, *fmt;
	struct payload	*p = payload_new(sh);
	struct hook	*h;
	char		 t[96], *us;
	int		 i;

	uri = jstr(ws, "uri") != NULL ? jstr(ws, "uri") : jstr(ws,
	    "callbackUrl");
	fmt = jstr(ws, "format");
	snprintf(t, sizeof t, "%s", topic != NULL ? topic : "");
	for (i = 0; t[i] != '\0'; i++)
		t[i] = (char)tolower((unsigned char)t[i]);
	if ((us = strrchr(t, '_')) != NULL)
		*us = '/';
	if (uri == NULL || (strncmp(uri, "http://", 7) != 0 &&
	    strncmp(uri, "https://", 8) != 0 && strncmp(uri, "pubsub://",
	    9) != 0 && strncmp(uri, "arn:", 4) != 0))
		uerr(p, NULL, "Address is invalid", "webhookSubscription",
		    "callbackUrl", NULL);
	else if (fmt != NULL && strcmp(fmt, "JSON") != 0)
		uerr(p, NULL, "Format is not supported by fake_shopify",
		    "webhookSubscription", "format", NULL);
	else
		for (i = 0; i < sh->hooks.n; i++) {
			h = sh->hooks.v[i];
			if (h->topic != NULL && strcmp(h->topic, t) == 0 &&
			    strcmp(h->uri, uri) == 0) {
				uerr(p, NULL, "Address for this topic has "
				    "already been taken", "webhookSubscription",
				    "callbackUrl", NULL);
				break;
			}
		}
	if (p->nerrs == 0)
		p->sub = hook_new(sh, t, uri, NULL, cJSON_GetObjectItem(ws,
		    "includeFields"), 1);
	gql_val_obj(out, p, "WebhookSubscriptionCreatePayload");
}

/* Root fields. */

static int
id_arg(struct req *r, const cJSON *args, const char *name, const char *type,
    uint64_t *id, struct gql_val *out)
{
	const char	*s = arg_str(args, name);
	cJSON		*ext;

	if (parse_gid(s, type, 0, id) == 0)
		return 0;
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "code", "argumentLiteralsIncompatible");
	cJSON_AddStringToObject(ext, "typeName", "CoercionError");
	gql_exec_error(r->ex, NULL, ext, "Invalid global id '%s'", s != NULL ?
	    s : "");
	gql_val_leaf(out, NULL);
	return -1;
}

static void
r_node(struct req *r, const cJSON *args, struct gql_val *out)
{
	const char	*s = arg_str(args, "id");
	struct level	*lv;
	uint64_t	 id;

	gql_val_leaf(out, NULL);
	if (parse_gid(s, "Order", 0, &id) == 0)
		gql_val_obj(out, find_order(r->sh, id), "Order");
	else if (parse_gid(s, "ProductVariant", 0, &id) == 0)
		gql_val_obj(out, find_variant(r->sh, id), "ProductVariant");
	else if (parse_gid(s, "InventoryItem", 0, &id) == 0)
		gql_val_obj(out, find_item(r->sh, id), "InventoryItem");
	else if (parse_gid(s, "Location", 0, &id) == 0)
		gql_val_obj(out, find_location(r->sh, id), "Location");
	else if (parse_gid(s, "InventoryLevel", 0, &id) == 0 &&
	    (lv = find_level_id(r->sh, id)) != NULL)
		gql_val_obj(out, lv, "InventoryLevel");
}

static void
r_query(struct req *r, const char *f, const cJSON *args, struct gql_val *out)
{
	struct shopify	*sh = r->sh;
	struct location	*l;
	struct product	*p;
	uint64_t	 id;
	int		 i;

	if (strcmp(f, "shop") == 0)
		gql_val_obj(out, sh, "Shop");
	else if (strcmp(f, "currentAppInstallation") == 0)
		gql_val_obj(out, sh, "AppInstallation");
	else if (strcmp(f, "locations") == 0) {
		if (need_scope(r, f, "read_locations", out) == 0)
			conn_locations(r, args, out, "LocationConnection");
	} else if (strcmp(f, "location") == 0) {
		if (need_scope(r, f, "read_locations", out) != 0)
			return;
		if (arg_str(args, "id") == NULL) {
			for (l = NULL, i = 0; i < sh->locations.n && l == NULL;
			    i++)
				if (((struct location *)sh->locations.v[i])->
				    active)
					l = sh->locations.v[i];
			gql_val_obj(out, l, "Location");
		} else if (id_arg(r, args, "id", "Location", &id, out) == 0)
			gql_val_obj(out, find_location(sh, id), "Location");
	} else if (strcmp(f, "inventoryItem") == 0) {
		if (need_scope(r, f, "read_inventory", out) == 0 &&
		    id_arg(r, args, "id", "InventoryItem", &id, out) == 0)
			gql_val_obj(out, find_item(sh, id), "InventoryItem");
	} else if (strcmp(f, "inventoryItems") == 0) {
		if (need_scope(r, f, "read_inventory", out) == 0)
			conn_items(r, args, out, "InventoryItemConnection");
	} else if (strcmp(f, "inventoryLevel") == 0) {
		if (need_scope(r, f, "read_inventory", out) == 0 &&
		    id_arg(r, args, "id", "InventoryLevel", &id, out) == 0)
			gql_val_obj(out, find_level_id(sh, id),
			    "InventoryLevel");
	} else if (strcmp(f, "productVariant") == 0) {
		if (need_scope(r, f, "read_products", out) == 0 &&
		    id_arg(r, args, "id", "ProductVariant", &id, out) == 0)
			gql_val_obj(out, find_variant(sh, id),
			    "ProductVariant");
	} else if (strcmp(f, "productVariants") == 0) {
		if (need_scope(r, f, "read_products", out) == 0)
			conn_variants(r, NULL, args, out,
			    "ProductVariantConnection");
	} else if (strcmp(f, "product") == 0) {
		if (need_scope(r, f, "read_products", out) != 0 ||
		    id_arg(r, args, "id", "Product", &id, out) != 0)
			return;
		for (p = NULL, i = 0; i < sh->products.n; i++)
			if (((struct product *)sh->products.v[i])->id == id)
				p = sh->products.v[i];
		gql_val_obj(out, p, "Product");
	} else if (strcmp(f, "order") == 0) {
		if (need_scope(r, f, "read_orders", out) == 0 &&
		    id_arg(r, args, "id", "Order", &id, out) == 0)
			gql_val_obj(out, find_order(sh, id), "Order");
	} else if (strcmp(f, "orders") == 0) {
		if (need_scope(r, f, "read_orders", out) == 0)
			conn_orders(r, args, out, "OrderConnection");
	} else if (strcmp(f, "node") == 0)
		r_node(r, args, out);
	else
		notimpl(r, "QueryRoot", f, out);
}

static void
r_mutation(struct req *r, const char *f, const cJSON *args,
    struct gql_val *out)
{
	if (strcmp(f, "inventorySetQuantities") == 0 ||
	    strcmp(f, "inventoryAdjustQuantities") == 0)
		m_stock(r, f, args, out);
	else if (strcmp(f, "webhookSubscriptionCreate") == 0)
		m_webhook(r, args, out);
	else
		notimpl(r, "Mutation", f, out);
}

/* The resolver gql_execute() calls for every field. */
static void
resolve(struct gql_exec *ex, void *ctx, const char *type, void *obj,
    const struct gql_sel *sel, const cJSON *args, struct gql_val *out)
{
	struct req	*r = ctx;
	const char	*f = sel->name;

	r->ex = ex;
	r->sel = sel;
	if (strcmp(type, "QueryRoot") == 0)
		r_query(r, f, args, out);
	else if (strcmp(type, "Mutation") == 0)
		r_mutation(r, f, args, out);
	else if (strcmp(type, "PageInfo") == 0)
		r_pageinfo(r, obj, f, out);
	else if (ends_with(type, "Connection"))
		r_conn(r, type, obj, f, out);
	else if (ends_with(type, "Edge"))
		r_edge(r, type, obj, f, out);
	else if (strcmp(type, "Shop") == 0)
		r_shop(r, f, out);
	else if (strcmp(type, "AppInstallation") == 0)
		r_app(r, f, out);
	else if (strcmp(type, "AccessScope") == 0) {
		if (strcmp(f, "handle") == 0)
			gql_val_str(out, ((struct scope *)obj)->handle);
		else if (strcmp(f, "description") == 0)
			gql_val_str(out, ((struct scope *)obj)->handle);
		else
			notimpl(r, type, f, out);
	} else if (strcmp(type, "Location") == 0)
		r_location(r, obj, f, out);
	else if (strcmp(type, "InventoryItem") == 0)
		r_item(r, obj, f, args, out);
	else if (strcmp(type, "InventoryLevel") == 0)
		r_level(r, obj, f, args, out);
	else if (strcmp(type, "InventoryQuantity") == 0)
		r_qty(r, obj, f, out);
	else if (strcmp(type, "ProductVariant") == 0)
		r_variant(r, obj, f, out);
	else if (strcmp(type, "Product") == 0)
		r_product(r, obj, f, args, out);
	else if (strcmp(type, "Order") == 0)
		r_order(r, obj, f, args, out);
	else if (strcmp(type, "LineItem") == 0)
		r_lineitem(r, obj, f, out);
	else if (strcmp(type, "Refund") == 0)
		r_refund(r, obj, f, args, out);
	else if (strcmp(type, "RefundLineItem") == 0)
		r_refline(r, obj, f, out);
	else if (strcmp(type, "InventoryAdjustmentGroup") == 0)
		r_group(r, obj, f, args, out);
	else if (strcmp(type, "InventoryChange") == 0)
		r_change(r, obj, f, out);
	else if (ends_with(type, "UserError"))
		r_usererr(r, type, obj, f, out);
	else if (ends_with(type, "Payload"))
		r_payload(r, type, obj, f, out);
	else if (strcmp(type, "WebhookSubscription") == 0)
		r_hook(r, obj, f, out);
	else
		notimpl(r, type, f, out);
}

/* HTTP: tokens and the cost bucket. */

static const char *const invalid_token =
    "[API] Invalid API key or access token (unrecognized login or wrong "
    "password)";

static void
resp_error_string(struct fake_resp *resp, int status, const char *msg)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "errors", msg);
	fake_resp_json(resp, status, j);
}

static struct token *
token_add(struct shopify *sh, const char *value, time_t expires)
{
	struct token	*t = xcalloc(1, sizeof *t);

	t->value = xstrdup(value);
	t->expires = expires;
	t->avail = sh->bucket;
	t->last = mono_now();
	vec_push(&sh->tokens, t);
	return t;
}

/* The request's token if known and not expired, else NULL. */
static struct token *
token_check(struct shopify *sh, const struct fake_req *req)
{
	const char	*v = fake_req_header(req, "X-Shopify-Access-Token");
	struct token	*t;
	int		 i;

	if (v == NULL)
		return NULL;
	for (i = 0; i < sh->tokens.n; i++) {
		t = sh->tokens.v[i];
		if (strcmp(t->value, v) != 0)
			continue;
		if (t->expires != 0 && time(NULL) >= t->expires)
			return NULL;
		return t;
	}
	return NULL;
}

static void
bucket_refill(struct shopify *sh, struct token *t)
{
	double	now = mono_now();

	t->avail += (now - t->last) * sh->restore;
	if (t->avail > sh->bucket)
		t->avail = sh->bucket;
	t->last = now;
}

static cJSON *
cost_json(struct shopify *sh, struct token *t, int requested, int actual)
{
	cJSON	*c = cJSON_CreateObject(), *ts;

	cJSON_AddNumberToObject(c, "requestedQueryCost", requested);
	if (actual >= 0)
		cJSON_AddNumberToObject(c, "actualQueryCost", actual);
	else
		cJSON_AddNullToObject(c, "actualQueryCost");
	ts = cJSON_AddObjectToObject(c, "throttleStatus");
	cJSON_AddNumberToObject(ts, "maximumAvailable", sh->bucket);
	cJSON_AddNumberToObject(ts, "currentlyAvailable", floor(t->avail));
	cJSON_AddNumberToObject(ts, "restoreRate", sh->restore);
	return c;
}

static void
respond(struct shopify *sh, struct fake_resp *resp, struct token *t,
    cJSON *data, cJSON *errors, cJSON *search, int requested, int actual)
{
	cJSON	*j = cJSON_CreateObject(), *ext;

	if (cJSON_GetArraySize(errors) > 0)
		cJSON_AddItemToObject(j, "errors", errors);
	else
		cJSON_Delete(errors);
	if (data != NULL)
		cJSON_AddItemToObject(j, "data", data);
	ext = cJSON_AddObjectToObject(j, "extensions");
	cJSON_AddItemToObject(ext, "cost", cost_json(sh, t, requested,
	    actual));
	if (search != NULL && cJSON_GetArraySize(search) > 0)
		cJSON_AddItemToObject(ext, "search", search);
	else
		cJSON_Delete(search);
	fake_resp_json(resp, 200, j);
}

static const char *const known_versions[] = { "2026-04", "2026-07", NULL };

/* The version served: the one asked for if supported, else the oldest. */
static const char *
serve_version(const struct shopify *sh, const char *asked)
{
	const char	*oldest = known_versions[0];
	int		 i;

	for (i = 0; known_versions[i] != NULL; i++)
		if (strcmp(known_versions[i], asked) == 0)
			return known_versions[i];
	for (i = 0; i < sh->nschemas; i++) {
		if (sh->schemas[i].version == NULL)
			continue;
		if (strcmp(sh->schemas[i].version, asked) == 0)
			return sh->schemas[i].version;
		if (strcmp(sh->schemas[i].version, oldest) < 0)
			oldest = sh->schemas[i].version;
	}
	return oldest;
}

static const struct gql_schema *
schema_for(const struct shopify *sh, const char *version)
{
	int	i;

	for (i = 0; i < sh->nschemas; i++)
		if (sh->schemas[i].version != NULL &&
		    strcmp(sh->schemas[i].version, version) == 0)
			return sh->schemas[i].schema;
	for (i = 0; i < sh->nschemas; i++)
		if (sh->schemas[i].version == NULL)
			return sh->schemas[i].schema;
	return sh->schemas[0].schema;
}

/*
 * POST /admin/api/VERSION/graphql.json: parse, validate, coerce, price,
 * throttle, execute, refund the unused cost.
 */
static void
graphql(struct shopify *sh, const struct fake_req *req, struct fake_resp *resp,
    const char *version)
{
	const struct gql_schema	*S = schema_for(sh, version);
	const struct gql_op	*op;
	struct gql_doc		*doc = NULL;
	struct token		*t;
	struct req		 r;
	const char		*ctype = fake_req_header(req, "Content-Type");
	const char		*query = NULL, *opname = NULL;
	cJSON			*body = NULL, *errors, *vars = NULL, *data;
	cJSON			*ext;
	const cJSON		*given = NULL;
	int			 requested = 0, actual;

	fake_resp_header(resp, "X-Shopify-API-Version", "%s", version);
	if ((t = token_check(sh, req)) == NULL) {
		resp_error_string(resp, 401, invalid_token);
		return;
	}
	if (strcmp(req->method, "POST") != 0) {
		resp_error_string(resp, 405, "Method Not Allowed");
		return;
	}
	if (ctype != NULL && strncasecmp(ctype, "application/graphql", 19) ==
	    0)
		query = req->body;
	else if ((body = cJSON_Parse(req->body)) != NULL) {
		query = jstr(body, "query");
		opname = jstr(body, "operationName");
		given = cJSON_GetObjectItem(body, "variables");
	}
	if (query == NULL) {
		cJSON	*j = cJSON_CreateObject(), *e;

		e = cJSON_AddObjectToObject(j, "errors");
		cJSON_AddStringToObject(e, "query", "Required parameter "
		    "missing or invalid");
		fake_resp_json(resp, 400, j);
		goto out;
	}
	bucket_refill(sh, t);
	errors = cJSON_CreateArray();
	if ((doc = gql_parse(query, errors)) == NULL ||
	    gql_validate(S, doc, errors) > 0 ||
	    (op = gql_doc_operation(doc, opname, errors)) == NULL ||
	    (vars = gql_coerce_variables(S, op, cJSON_IsObject(given) ? given :
	    NULL, errors)) == NULL) {
		respond(sh, resp, t, NULL, errors, NULL, 0, 0);
		goto out;
	}
	requested = gql_cost(S, doc, op, vars, NULL);
	if (requested > sh->max_cost) {
		ext = cJSON_CreateObject();
		cJSON_AddStringToObject(ext, "code", "MAX_COST_EXCEEDED");
		cJSON_AddNumberToObject(ext, "cost", requested);
		cJSON_AddNumberToObject(ext, "maxCost", sh->max_cost);
		cJSON_AddStringToObject(ext, "documentation",
		    "https://shopify.dev/api/usage/rate-limits");
		gql_error_add(errors, 0, 0, NULL, NULL, ext, "Query cost is "
		    "%d, which exceeds the single query max cost limit "
		    "(%d).\n\nSee "
		    "https://shopify.dev/concepts/about-apis/rate-limits "
		    "for more information on how the\ncost of a query is "
		    "calculated.\n\nTo query larger amounts of data with fewer "
		    "limits, bulk operations should be used instead.\nSee "
		    "https://shopify.dev/api/usage/bulk-operations/queries for "
		    "usage details.\n", requested, sh->max_cost);
		respond(sh, resp, t, NULL, errors, NULL, requested, -1);
		goto out;
	}
	if (sh->throttle_always || requested > t->avail) {
		ext = cJSON_CreateObject();
		cJSON_AddStringToObject(ext, "code", "THROTTLED");
		cJSON_AddStringToObject(ext, "documentation",
		    "https://shopify.dev/api/usage/rate-limits");
		gql_error_add(errors, 0, 0, NULL, NULL, ext, "Throttled");
		respond(sh, resp, t, NULL, errors, NULL, requested, -1);
		goto out;
	}
	t->avail -= requested;
	memset(&r, 0, sizeof r);
	r.sh = sh;
	r.version = version;
	r.scopes = sh->scopes;
	r.search = cJSON_CreateArray();
	data = gql_execute(S, doc, op, vars, resolve, &r, errors);
	actual = gql_cost(S, doc, op, vars, data);
	if (actual > requested)
		actual = requested;
	t->avail += requested - actual;
	if (t->avail > sh->bucket)
		t->avail = sh->bucket;
	respond(sh, resp, t, data, errors, r.search, requested, actual);
out:
	cJSON_Delete(vars);
	cJSON_Delete(body);
	gql_doc_free(doc);
}

/* "a=1&b=x%20y" -> the value of name, decoded; caller frees. */
static char *
form_value(const char *body, const char *name)
{
	const char	*p = body, *e, *v;
	size_t		 n = strlen(name), i, o;
	char		*out;
	unsigned	 c;

	while (p != NULL && *p != '\0') {
		e = strchr(p, '&');
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			v = p + n + 1;
			n = e != NULL ? (size_t)(e - v) : strlen(v);
			out = xcalloc(1, n + 1);
			for (i = o = 0; i < n; i++) {
				if (v[i] == '+')
					out[o++] = ' ';
				else if (v[i] == '%' && i + 2 < n + 1 &&
				    sscanf(v + i + 1, "%2x", &c) == 1) {
					out[o++] = (char)c;
					i += 2;
				} else
					out[o++] = v[i];
			}
			return out;
		}
		p = e != NULL ? e + 1 : NULL;
	}
	return NULL;
}

static char *
oauth_param(const struct fake_req *req, const cJSON *json, const char *name)
{
	char	*v;

	if (json != NULL && jstr(json, name) != NULL)
		return xstrdup(jstr(json, name));
	if ((v = form_value(req->body, name)) != NULL)
		return v;
	return fake_req_param(req, name);
}

/* POST /admin/oauth/access_token, grant_type=client_credentials. */
static void
oauth(struct shopify *sh, const struct fake_req *req, struct fake_resp *resp)
{
	cJSON	*json = cJSON_Parse(req->body), *j;
	char	*id = oauth_param(req, json, "client_id");
	char	*secret = oauth_param(req, json, "client_secret");
	char	*grant = oauth_param(req, json, "grant_type");
	char	 hex[65], tok[80];

	j = cJSON_CreateObject();
	if (strcmp(req->method, "POST") != 0) {
		cJSON_AddStringToObject(j, "error", "invalid_request");
		fake_resp_json(resp, 405, j);
	} else if (grant == NULL || strcmp(grant, "client_credentials") != 0) {
		cJSON_AddStringToObject(j, "error", "unsupported_grant_type");
		cJSON_AddStringToObject(j, "error_description", "The "
		    "authorization grant type is not supported by the "
		    "authorization server.");
		fake_resp_json(resp, 400, j);
	} else if (sh->client_id == NULL || id == NULL || secret == NULL ||
	    strcmp(id, sh->client_id) != 0 ||
	    strcmp(secret, sh->client_secret) != 0) {
		cJSON_AddStringToObject(j, "error", "invalid_client");
		cJSON_AddStringToObject(j, "error_description", "Client "
		    "authentication failed due to unknown client, no client "
		    "authentication included, or unsupported authentication "
		    "method.");
		fake_resp_json(resp, 401, j);
	} else {
		random_hex(hex, 16);
		snprintf(tok, sizeof tok, "shpat_%s", hex);
		token_add(sh, tok, time(NULL) + sh->token_lifetime);
		cJSON_AddStringToObject(j, "access_token", tok);
		cJSON_AddStringToObject(j, "scope", sh->scopes);
		cJSON_AddNumberToObject(j, "expires_in",
		    (double)sh->token_lifetime);
		fake_resp_json(resp, 200, j);
	}
	cJSON_Delete(json);
	free(id);
	free(secret);
	free(grant);
}

void
shopify_handle(void *ctx, const struct fake_req *req, struct fake_resp *resp)
{
	struct shopify	*sh = ctx;
	char		 version[32], rest[32];

	if (strcmp(req->path, "/admin/oauth/access_token") == 0) {
		oauth(sh, req, resp);
		return;
	}
	if (sscanf(req->path, "/admin/api/%31[^/]/%31s", version, rest) ==
	    2 && strcmp(rest, "graphql.json") == 0) {
		graphql(sh, req, resp, serve_version(sh, version));
		return;
	}
	resp_error_string(resp, 404, "Not Found");
}

/* Control routes: JSON views of the store. */

static cJSON *
level_json(const struct level *lv)
{
	cJSON	*j = cJSON_CreateObject();
	char	 buf[160];
	int	 qi;

	level_gid(buf, sizeof buf, lv);
	cJSON_AddStringToObject(j, "id", buf);
	add_gid(j, "inventory_item_id", "InventoryItem", lv->item->id);
	add_gid(j, "location_id", "Location", lv->loc->id);
	cJSON_AddBoolToObject(j, "active", lv->active);
	for (qi = 0; qi < Q_NNAMES; qi++)
		cJSON_AddNumberToObject(j, qnames[qi],
		    (double)level_q(lv, qi));
	add_time(j, "updated_at", lv->updated);
	return j;
}

static cJSON *
variant_json(const struct variant *v)
{
	cJSON	*j = cJSON_CreateObject(), *it, *a;
	int	 i;

	add_gid(j, "id", "ProductVariant", v->id);
	if (v->sku != NULL)
		cJSON_AddStringToObject(j, "sku", v->sku);
	else
		cJSON_AddNullToObject(j, "sku");
	cJSON_AddStringToObject(j, "title", v->title);
	add_time(j, "updated_at", v->updated);
	it = cJSON_AddObjectToObject(j, "inventory_item");
	add_gid(it, "id", "InventoryItem", v->item->id);
	cJSON_AddBoolToObject(it, "tracked", v->item->tracked);
	a = cJSON_AddArrayToObject(it, "levels");
	for (i = 0; i < v->item->levels.n; i++)
		cJSON_AddItemToArray(a, level_json(v->item->levels.v[i]));
	return j;
}

static cJSON *
product_json(const struct product *p)
{
	cJSON	*j = cJSON_CreateObject(), *a;
	int	 i;

	add_gid(j, "id", "Product", p->id);
	cJSON_AddStringToObject(j, "title", p->title);
	a = cJSON_AddArrayToObject(j, "variants");
	for (i = 0; i < p->variants.n; i++)
		cJSON_AddItemToArray(a, variant_json(p->variants.v[i]));
	return j;
}

static cJSON *
order_json(const struct order *o)
{
	cJSON		*j = cJSON_CreateObject(), *a, *l, *ra, *rl;
	struct lineitem	*li;
	struct refund	*rf;
	char		 buf[32];
	int		 i, k;

	add_gid(j, "id", "Order", o->id);
	snprintf(buf, sizeof buf, "%" PRIu64, o->id);
	cJSON_AddStringToObject(j, "legacy_id", buf);
	cJSON_AddStringToObject(j, "name", o->name);
	add_time(j, "created_at", o->created);
	add_time(j, "updated_at", o->updated);
	add_time(j, "cancelled_at", o->cancelled);
	if (o->cancelled != 0)
		cJSON_AddStringToObject(j, "cancel_reason", o->cancel_reason);
	else
		cJSON_AddNullToObject(j, "cancel_reason");
	cJSON_AddBoolToObject(j, "test", o->test);
	add_gid(j, "location_id", "Location", o->loc->id);
	a = cJSON_AddArrayToObject(j, "line_items");
	for (i = 0; i < o->lines.n; i++) {
		li = o->lines.v[i];
		l = cJSON_CreateObject();
		add_gid(l, "id", "LineItem", li->id);
		if (li->variant != NULL)
			add_gid(l, "variant_id", "ProductVariant",
			    li->variant->id);
		else
			cJSON_AddNullToObject(l, "variant_id");
		if (li->sku != NULL)
			cJSON_AddStringToObject(l, "sku", li->sku);
		else
			cJSON_AddNullToObject(l, "sku");
		cJSON_AddNumberToObject(l, "quantity", li->quantity);
		cJSON_AddNumberToObject(l, "current_quantity", li->current);
		cJSON_AddNumberToObject(l, "fulfilled", li->fulfilled);
		cJSON_AddItemToArray(a, l);
	}
	a = cJSON_AddArrayToObject(j, "refunds");
	for (i = 0; i < o->refunds.n; i++) {
		rf = o->refunds.v[i];
		l = cJSON_CreateObject();
		add_gid(l, "id", "Refund", rf->id);
		add_time(l, "created_at", rf->created);
		ra = cJSON_AddArrayToObject(l, "lines");
		for (k = 0; k < rf->nlines; k++) {
			rl = cJSON_CreateObject();
			add_gid(rl, "line_item_id", "LineItem",
			    rf->lines[k].li->id);
			cJSON_AddNumberToObject(rl, "quantity",
			    rf->lines[k].quantity);
			cJSON_AddStringToObject(rl, "restock_type",
			    rf->lines[k].restock);
			cJSON_AddItemToArray(ra, rl);
		}
		cJSON_AddItemToArray(a, l);
	}
	return j;
}

static cJSON *
config_json(struct shopify *sh)
{
	cJSON	*j = cJSON_CreateObject();
	char	 now[40];

	fmt_time(store_now(sh), now, sizeof now);
	cJSON_AddStringToObject(j, "now", now);
	cJSON_AddNumberToObject(j, "clock_offset", (double)sh->clock_offset);
	cJSON_AddBoolToObject(j, "frozen", sh->frozen != 0);
	cJSON_AddNumberToObject(j, "bucket", sh->bucket);
	cJSON_AddNumberToObject(j, "restore", sh->restore);
	cJSON_AddNumberToObject(j, "max_cost", sh->max_cost);
	cJSON_AddBoolToObject(j, "throttle_always", sh->throttle_always);
	cJSON_AddBoolToObject(j, "huge_ids", sh->huge_ids);
	cJSON_AddBoolToObject(j, "oversell", sh->oversell);
	cJSON_AddNumberToObject(j, "token_lifetime",
	    (double)sh->token_lifetime);
	cJSON_AddStringToObject(j, "scopes", sh->scopes);
	pthread_mutex_lock(&sh->qlock);
	cJSON_AddBoolToObject(j, "webhook_duplicate", sh->wh_duplicate);
	cJSON_AddNumberToObject(j, "webhook_delay_ms", sh->wh_delay_ms);
	cJSON_AddNumberToObject(j, "webhook_drop", sh->wh_drop);
	cJSON_AddBoolToObject(j, "webhook_missign", sh->wh_missign);
	cJSON_AddBoolToObject(j, "webhook_reorder", sh->wh_reorder);
	cJSON_AddNumberToObject(j, "webhook_retry_ms", sh->wh_retry_ms);
	cJSON_AddNumberToObject(j, "webhook_retries", sh->wh_retries);
	pthread_mutex_unlock(&sh->qlock);
	return j;
}

static void
ctl_error(struct fake_resp *resp, int status, const char *fmt, ...)
{
	cJSON	*j = cJSON_CreateObject();
	char	 msg[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(j, "error", msg);
	fake_resp_json(resp, status, j);
}

typedef void	(*ctl_fn)(struct shopify *, const cJSON *, struct fake_resp *);

static void
c_state(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	cJSON		*j = cJSON_CreateObject(), *a, *l;
	struct location	*loc;
	int		 i;

	cJSON_AddItemToObject(j, "config", config_json(sh));
	a = cJSON_AddArrayToObject(j, "locations");
	for (i = 0; i < sh->locations.n; i++) {
		loc = sh->locations.v[i];
		l = cJSON_CreateObject();
		add_gid(l, "id", "Location", loc->id);
		cJSON_AddStringToObject(l, "name", loc->name);
		cJSON_AddBoolToObject(l, "active", loc->active);
		cJSON_AddItemToArray(a, l);
	}
	a = cJSON_AddArrayToObject(j, "products");
	for (i = 0; i < sh->products.n; i++)
		cJSON_AddItemToArray(a, product_json(sh->products.v[i]));
	a = cJSON_AddArrayToObject(j, "orders");
	for (i = 0; i < sh->orders.n; i++)
		cJSON_AddItemToArray(a, order_json(sh->orders.v[i]));
	cJSON_AddNumberToObject(j, "idempotency_keys", sh->idems.n);
	cJSON_AddNumberToObject(j, "adjustment_groups", sh->groups.n);
	cJSON_AddNumberToObject(j, "tokens", sh->tokens.n);
	fake_resp_json(resp, 200, j);
}

static void
c_reset(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	store_clear(sh);
	fake_resp_json(resp, 200, cJSON_CreateObject());
}

static void
c_config_get(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	fake_resp_json(resp, 200, config_json(sh));
}

static void
c_config(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	const cJSON	*j;
	struct token	*t;
	time_t		 want;
	int		 i;

	if (!cJSON_IsObject(body)) {
		ctl_error(resp, 400, "config wants a JSON object");
		return;
	}
	if ((j = cJSON_GetObjectItem(body, "bucket")) && cJSON_IsNumber(j) &&
	    j->valueint > 0)
		sh->bucket = j->valueint;
	if ((j = cJSON_GetObjectItem(body, "restore")) && cJSON_IsNumber(j) &&
	    j->valueint >= 0)
		sh->restore = j->valueint;
	if ((j = cJSON_GetObjectItem(body, "bucket")) != NULL ||
	    cJSON_IsTrue(cJSON_GetObjectItem(body, "refill")))
		for (i = 0; i < sh->tokens.n; i++) {
			t = sh->tokens.v[i];
			t->avail = sh->bucket;
			t->last = mono_now();
		}
	sh->max_cost = jint(body, "max_cost", sh->max_cost);
	sh->throttle_always = jbool(body, "throttle_always",
	    sh->throttle_always);
	sh->huge_ids = jbool(body, "huge_ids", sh->huge_ids);
	sh->oversell = jbool(body, "oversell", sh->oversell);
	if ((j = cJSON_GetObjectItem(body, "token_lifetime")) &&
	    cJSON_IsNumber(j))
		sh->token_lifetime = (long)j->valuedouble;
	/*
	 * The clock: "now" stops it at a time, "advance" moves it on,
	 * "frozen":false lets it run again from there, "clock_offset" runs
	 * it skewed from the host's.
	 */
	if ((j = cJSON_GetObjectItem(body, "clock_offset")) &&
	    cJSON_IsNumber(j)) {
		sh->clock_offset = (long)j->valuedouble;
		sh->frozen = 0;
	}
	if (jstr(body, "now") != NULL) {
		if (parse_time(jstr(body, "now"), &want) != 0) {
			ctl_error(resp, 400, "now: not a time");
			return;
		}
		sh->frozen = want;
	}
	if ((j = cJSON_GetObjectItem(body, "advance")) && cJSON_IsNumber(j)) {
		if (sh->frozen != 0)
			sh->frozen += (time_t)j->valuedouble;
		else
			sh->clock_offset += (long)j->valuedouble;
	}
	if (cJSON_IsFalse(cJSON_GetObjectItem(body, "frozen")) &&
	    sh->frozen != 0) {
		sh->clock_offset = (long)(sh->frozen - time(NULL));
		sh->frozen = 0;
	}
	if (jstr(body, "scopes") != NULL) {
		free(sh->scopes);
		sh->scopes = xstrdup(jstr(body, "scopes"));
	}
	if (cJSON_IsTrue(cJSON_GetObjectItem(body, "expire_tokens")))
		for (i = 0; i < sh->tokens.n; i++) {
			t = sh->tokens.v[i];
			if (t->expires != 0)
				t->expires = time(NULL) - 1;
		}
	if ((j = cJSON_GetObjectItem(body, "idempotency_running")) != NULL) {
		cJSON_Delete(sh->running_keys);
		sh->running_keys = cJSON_Duplicate(j, 1);
	}
	if ((j = cJSON_GetObjectItem(body, "race_next_write")) != NULL) {
		cJSON_Delete(sh->race);
		sh->race = cJSON_IsObject(j) ? cJSON_Duplicate(j, 1) : NULL;
	}
	pthread_mutex_lock(&sh->qlock);
	sh->wh_duplicate = jbool(body, "webhook_duplicate", sh->wh_duplicate);
	sh->wh_delay_ms = jint(body, "webhook_delay_ms", sh->wh_delay_ms);
	if (cJSON_IsBool(cJSON_GetObjectItem(body, "webhook_drop")))
		sh->wh_drop = jbool(body, "webhook_drop", 0) ? -1 : 0;
	else
		sh->wh_drop = jint(body, "webhook_drop", sh->wh_drop);
	sh->wh_missign = jbool(body, "webhook_missign", sh->wh_missign);
	sh->wh_reorder = jbool(body, "webhook_reorder", sh->wh_reorder);
	sh->wh_retry_ms = jint(body, "webhook_retry_ms", sh->wh_retry_ms);
	sh->wh_retries = jint(body, "webhook_retries", sh->wh_retries);
	pthread_cond_signal(&sh->qcond);
	pthread_mutex_unlock(&sh->qlock);
	fake_resp_json(resp, 200, config_json(sh));
}

static void
c_location(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct location	*l;
	uint64_t	 id;
	cJSON		*j;

	if (json_id(cJSON_GetObjectItem(body, "id"), "Location", &id) == 0) {
		if ((l = find_location(sh, id)) == NULL) {
			ctl_error(resp, 404, "no such location");
			return;
		}
		l->active = jbool(body, "active", l->active);
	} else
		l = location_new(sh, jstr(body, "name") != NULL ?
		    jstr(body, "name") : "Warehouse", jbool(body, "active", 1));
	j = cJSON_CreateObject();
	add_gid(j, "id", "Location", l->id);
	cJSON_AddStringToObject(j, "name", l->name);
	cJSON_AddBoolToObject(j, "active", l->active);
	fake_resp_json(resp, 200, j);
}

static struct location *
default_location(struct shopify *sh)
{
	int	i;

	for (i = 0; i < sh->locations.n; i++)
		if (((struct location *)sh->locations.v[i])->active)
			return sh->locations.v[i];
	return location_new(sh, "Main warehouse", 1);
}

/* Set a level's stored quantities from {"available":5,"committed":1}. */
static void
level_set_from(struct shopify *sh, struct level *lv, const cJSON *o)
{
	const cJSON	*j;
	int		 qi;

	for (qi = 0; qi < Q_NSTORED; qi++)
		if ((j = cJSON_GetObjectItem(o, qnames[qi])) != NULL &&
		    cJSON_IsNumber(j))
			level_move(sh, lv, qi, j->valueint - lv->q[qi]);
}

static int
add_variant(struct shopify *sh, struct product *p, const cJSON *vj,
    struct fake_resp *resp)
{
	struct variant	*v;
	struct location	*loc;
	struct level	*lv;
	const cJSON	*levels, *l;
	uint64_t	 id;

	v = variant_new(sh, p, jstr(vj, "title"), jstr(vj, "sku"),
	    jbool(vj, "tracked", 1));
	levels = cJSON_GetObjectItem(vj, "levels");
	if (!cJSON_IsArray(levels)) {
		lv = level_new(sh, v->item, default_location(sh));
		level_set_from(sh, lv, vj);
		return 0;
	}
	cJSON_ArrayForEach(l, levels) {
		if (json_id(cJSON_GetObjectItem(l, "location_id"), "Location",
		    &id) != 0 || (loc = find_location(sh, id)) == NULL) {
			ctl_error(resp, 400, "levels: no such location");
			return -1;
		}
		lv = level_new(sh, v->item, loc);
		level_set_from(sh, lv, l);
	}
	return 0;
}

/*
 * {"title","variants":[{"sku","title","tracked","levels":[{"location_id",
 * "available",...}]}]}, or {"sku","available"} for one variant at the
 * first location, or {"products":[...]}.
 */
static void
c_products(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	const cJSON	*list, *pj, *vj;
	struct product	*p;
	cJSON		*out = cJSON_CreateObject(), *a;

	a = cJSON_AddArrayToObject(out, "products");
	list = cJSON_GetObjectItem(body, "products");
	if (!cJSON_IsArray(list))
		list = NULL;
	for (pj = list != NULL ? list->child : body; pj != NULL;
	    pj = list != NULL ? pj->next : NULL) {
		p = product_new(sh, jstr(pj, "title") != NULL ? jstr(pj,
		    "title") : jstr(pj, "sku"));
		if (cJSON_IsArray(cJSON_GetObjectItem(pj, "variants"))) {
			cJSON_ArrayForEach(vj, cJSON_GetObjectItem(pj,
			    "variants"))
				if (add_variant(sh, p, vj, resp) != 0)
					goto fail;
		} else if (add_variant(sh, p, pj, resp) != 0)
			goto fail;
		cJSON_AddItemToArray(a, product_json(p));
	}
	fake_resp_json(resp, 200, out);
	return;
fail:
	cJSON_Delete(out);
}

/* {"count":N,"prefix":"SKU-","available":Q,"locations":M}. */
static void
c_seed(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	const char	*prefix = jstr(body, "prefix");
	struct product	*p;
	struct variant	*v;
	struct level	*lv;
	cJSON		*j;
	char		 sku[96], name[64];
	int		 n = jint(body, "count", 10), nloc, i, k;
	int		 avail = jint(body, "available", 10);

	nloc = jint(body, "locations", 1);
	for (i = sh->locations.n; i < nloc; i++) {
		snprintf(name, sizeof name, "Location %d", i + 1);
		location_new(sh, name, 1);
	}
	if (nloc < 1)
		nloc = 1;
	if (sh->locations.n == 0)
		(void)default_location(sh);
	for (i = 0; i < n; i++) {
		snprintf(sku, sizeof sku, "%s%05d", prefix != NULL ? prefix :
		    "SKU-", sh->variants.n + 1);
		p = product_new(sh, sku);
		v = variant_new(sh, p, NULL, sku, 1);
		for (k = 0; k < nloc && k < sh->locations.n; k++) {
			lv = level_new(sh, v->item, sh->locations.v[k]);
			lv->q[Q_AVAILABLE] = avail;
		}
	}
	j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "created", n);
	cJSON_AddNumberToObject(j, "variants", sh->variants.n);
	fake_resp_json(resp, 200, j);
}

static struct item *
body_item(struct shopify *sh, const cJSON *body)
{
	struct variant	*v;
	uint64_t	 id;

	if (json_id(cJSON_GetObjectItem(body, "inventory_item_id"),
	    "InventoryItem", &id) == 0)
		return find_item(sh, id);
	if (json_id(cJSON_GetObjectItem(body, "variant_id"), "ProductVariant",
	    &id) == 0)
		return (v = find_variant(sh, id)) != NULL ? v->item : NULL;
	if (jstr(body, "sku") != NULL)
		return (v = find_variant_sku(sh, jstr(body, "sku"))) != NULL ?
		    v->item : NULL;
	return NULL;
}

static struct location *
body_location(struct shopify *sh, const cJSON *body)
{
	uint64_t	id;

	if (json_id(cJSON_GetObjectItem(body, "location_id"), "Location",
	    &id) == 0)
		return find_location(sh, id);
	return default_location(sh);
}

/*
 * Change stock behind invsync's back: {"inventory_item_id"|"variant_id"|
 * "sku", "location_id"?, "name":"available", "set":N | "delta":N,
 * "active":bool, "tracked":bool}.
 */
static void
c_stock(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct item	*it;
	struct location	*loc;
	struct level	*lv;
	const char	*name = jstr(body, "name");
	const cJSON	*j;
	int		 qi;

	if ((it = body_item(sh, body)) == NULL) {
		ctl_error(resp, 404, "no such inventory item");
		return;
	}
	if ((loc = body_location(sh, body)) == NULL) {
		ctl_error(resp, 404, "no such location");
		return;
	}
	qi = qname_index(name != NULL ? name : "available");
	if (qi < 0) {
		ctl_error(resp, 400, "unknown quantity name");
		return;
	}
	if ((lv = find_level(it, loc)) == NULL)
		lv = level_new(sh, it, loc);
	lv->active = jbool(body, "active", lv->active);
	it->tracked = jbool(body, "tracked", it->tracked);
	if (qi == Q_ON_HAND)
		qi = Q_AVAILABLE;	/* on_hand moves with available */
	if ((j = cJSON_GetObjectItem(body, "set")) && cJSON_IsNumber(j))
		level_move(sh, lv, qi, (int)(j->valueint - level_q(lv,
		    qname_index(name != NULL ? name : "available"))));
	if ((j = cJSON_GetObjectItem(body, "delta")) && cJSON_IsNumber(j))
		level_move(sh, lv, qi, j->valueint);
	item_touch(sh, it);
	fake_resp_json(resp, 200, level_json(lv));
}

static struct order *
body_order(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct order	*o;
	uint64_t	 id;

	if (json_id(cJSON_GetObjectItem(body, "order_id"), "Order", &id) != 0 ||
	    (o = find_order(sh, id)) == NULL) {
		ctl_error(resp, 404, "no such order");
		return NULL;
	}
	return o;
}

static struct lineitem *
body_line(struct order *o, const cJSON *body)
{
	struct lineitem	*li;
	uint64_t	 id;
	int		 i;

	if (json_id(cJSON_GetObjectItem(body, "line_item_id"), "LineItem",
	    &id) != 0)
		return o->lines.n == 1 ? o->lines.v[0] : NULL;
	for (i = 0; i < o->lines.n; i++) {
		li = o->lines.v[i];
		if (li->id == id)
			return li;
	}
	return NULL;
}

static struct level *
line_level(struct lineitem *li)
{
	if (li->variant == NULL || !li->variant->item->tracked)
		return NULL;
	return find_level(li->variant->item, li->order->loc);
}

/* n unfulfilled units leave the line: back to available, or gone. */
static void
line_release(struct shopify *sh, struct lineitem *li, int n, int restock)
{
	struct level	*lv = line_level(li);

	if (n <= 0)
		return;
	if (lv != NULL && li->committed > 0) {
		level_move(sh, lv, Q_COMMITTED, -(n < li->committed ? n :
		    li->committed));
		if (restock)
			level_move(sh, lv, Q_AVAILABLE, n);
	}
	li->committed -= n;
	if (li->committed < 0)
		li->committed = 0;
}

/* n shipped units come back (restocked) or not. */
static void
line_return(struct shopify *sh, struct lineitem *li, int n, int restock)
{
	struct level	*lv = line_level(li);

	if (n <= 0)
		return;
	li->fulfilled -= n;
	if (lv != NULL && restock)
		level_move(sh, lv, Q_AVAILABLE, n);
}

static int
add_line(struct shopify *sh, struct order *o, const cJSON *lj,
    struct fake_resp *resp)
{
	struct lineitem	*li;
	struct variant	*v = NULL;
	struct level	*lv;
	uint64_t	 id;
	char		 title[256];
	int		 q = jint(lj, "quantity", 1);

	if (json_id(cJSON_GetObjectItem(lj, "variant_id"), "ProductVariant",
	    &id) == 0)
		v = find_variant(sh, id);
	else if (jstr(lj, "sku") != NULL)
		v = find_variant_sku(sh, jstr(lj, "sku"));
	if (v == NULL) {
		ctl_error(resp, 404, "no such variant");
		return -1;
	}
	if (q <= 0) {
		ctl_error(resp, 400, "quantity must be positive");
		return -1;
	}
	lv = v->item->tracked ? find_level(v->item, o->loc) : NULL;
	if (v->item->tracked && lv == NULL) {
		ctl_error(resp, 422, "%s is not stocked at the order's "
		    "location", v->sku != NULL ? v->sku : "variant");
		return -1;
	}
	if (lv != NULL && lv->q[Q_AVAILABLE] < q && !sh->oversell &&
	    !jbool(lj, "oversell", 0)) {
		ctl_error(resp, 422, "%s: only %d available",
		    v->sku != NULL ? v->sku : "variant", lv->q[Q_AVAILABLE]);
		return -1;
	}
	li = xcalloc(1, sizeof *li);
	li->id = new_id(sh);
	li->order = o;
	li->variant = v;
	li->sku = xstrdup(v->sku);
	snprintf(title, sizeof title, "%s", v->product->title);
	li->title = xstrdup(title);
	li->quantity = li->current = q;
	vec_push(&o->lines, li);
	if (lv != NULL) {
		level_move(sh, lv, Q_AVAILABLE, -q);
		level_move(sh, lv, Q_COMMITTED, q);
		li->committed = q;
	}
	return 0;
}

/* {"lines":[{"variant_id"|"sku","quantity"}],"location_id","test","name"}. */
static void
c_order_create(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct order	*o = xcalloc(1, sizeof *o);
	const cJSON	*lj;
	int		 i;

	o->id = new_id(sh);
	o->number = ++sh->order_number;
	o->name = jstr(body, "name") != NULL ? xstrdup(jstr(body, "name")) :
	    xasprintf("#%d", o->number);
	o->created = store_now(sh);
	o->test = jbool(body, "test", 0);
	o->cancel_reason = xstrdup("OTHER");
	if ((o->loc = body_location(sh, body)) == NULL) {
		ctl_error(resp, 404, "no such location");
		goto fail;
	}
	if (!cJSON_IsArray(cJSON_GetObjectItem(body, "lines")) ||
	    cJSON_GetArraySize(cJSON_GetObjectItem(body, "lines")) == 0) {
		ctl_error(resp, 400, "an order needs lines");
		goto fail;
	}
	/* Check every line before moving any stock. */
	cJSON_ArrayForEach(lj, cJSON_GetObjectItem(body, "lines"))
		if (add_line(sh, o, lj, resp) != 0)
			goto undo;
	order_bump(sh, o);
	vec_push(&sh->orders, o);
	emit_order(sh, "orders/create", o);
	fake_resp_json(resp, 200, order_json(o));
	return;
undo:
	for (i = 0; i < o->lines.n; i++)
		line_release(sh, o->lines.v[i],
		    ((struct lineitem *)o->lines.v[i])->committed, 1);
fail:
	order_free(o);
}

/* {"order_id","line_item_id","quantity":N,"restock":true} or "add":[...]. */
static void
c_order_edit(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct order	*o;
	struct lineitem	*li;
	const cJSON	*lj;
	int		 q, n0;

	if ((o = body_order(sh, body, resp)) == NULL)
		return;
	if (o->cancelled != 0) {
		ctl_error(resp, 422, "order is cancelled");
		return;
	}
	n0 = o->lines.n;
	cJSON_ArrayForEach(lj, cJSON_GetObjectItem(body, "add"))
		if (add_line(sh, o, lj, resp) != 0)
			return;
	if (cJSON_HasObjectItem(body, "quantity")) {
		if ((li = body_line(o, body)) == NULL) {
			ctl_error(resp, 404, "no such line item");
			return;
		}
		q = jint(body, "quantity", li->current);
		if (q > li->current || li->current - q > li->current -
		    li->fulfilled || q < 0) {
			ctl_error(resp, 422, "can only remove unfulfilled "
			    "units");
			return;
		}
		line_release(sh, li, li->current - q, jbool(body, "restock",
		    1));
		li->current = q;
	} else if (o->lines.n == n0) {
		ctl_error(resp, 400, "edit wants quantity or add");
		return;
	}
	order_bump(sh, o);
	emit_order(sh, "orders/updated", o);
	fake_resp_json(resp, 200, order_json(o));
}

static struct refund *
refund_new(struct shopify *sh, struct order *o, int nlines)
{
	struct refund	*rf = xcalloc(1, sizeof *rf);

	rf->id = new_id(sh);
	rf->order = o;
	rf->created = store_now(sh);
	rf->lines = xcalloc((size_t)nlines + 1, sizeof *rf->lines);
	vec_push(&o->refunds, rf);
	return rf;
}

/*
 * Cancel: every unfulfilled unit is refunded (restockType CANCEL, or
 * NO_RESTOCK with "restock":false), so currentQuantity drops to what
 * was shipped.
 */
static void
c_order_cancel(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct order	*o;
	struct lineitem	*li;
	struct refund	*rf = NULL;
	const char	*reason = jstr(body, "reason");
	int		 restock = jbool(body, "restock", 1), i, unf;

	if ((o = body_order(sh, body, resp)) == NULL)
		return;
	if (o->cancelled != 0) {
		ctl_error(resp, 422, "order is already cancelled");
		return;
	}
	for (i = 0; i < o->lines.n; i++) {
		li = o->lines.v[i];
		if ((unf = li->current - li->fulfilled) <= 0)
			continue;
		if (rf == NULL)
			rf = refund_new(sh, o, o->lines.n);
		rf->lines[rf->nlines++] = (struct refline){ li, unf,
		    restock ? "CANCEL" : "NO_RESTOCK", o->loc };
		line_release(sh, li, unf, restock);
		li->current -= unf;
	}
	o->cancelled = store_now(sh);
	free(o->cancel_reason);
	o->cancel_reason = xstrdup(reason != NULL ? reason : "CUSTOMER");
	order_bump(sh, o);
	if (rf != NULL && sh->hooks.n > 0)
		emit(sh, "refunds/create", refund_payload(rf));
	emit_order(sh, "orders/cancelled", o);
	emit_order(sh, "orders/updated", o);
	fake_resp_json(resp, 200, order_json(o));
}

static const char *
restock_type(const char *s)
{
	static const char *const types[] = {
		"RETURN", "CANCEL", "LEGACY_RESTOCK", "NO_RESTOCK", NULL
	};
	int	i;

	for (i = 0; s != NULL && types[i] != NULL; i++)
		if (strcasecmp(types[i], s) == 0)
			return types[i];
	return NULL;
}

/*
 * {"order_id","lines":[{"line_item_id","quantity","restock_type"}]}.
 * RETURN takes shipped units back first; the other types take
 * unfulfilled units first. NO_RESTOCK puts nothing back on the shelf.
 */
static void
c_order_refund(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct order	*o;
	struct lineitem	*li;
	struct refund	*rf;
	const cJSON	*lines = cJSON_GetObjectItem(body, "lines"), *lj;
	const char	*rt;
	int		 q, unf, from_u, from_f, restock;

	if ((o = body_order(sh, body, resp)) == NULL)
		return;
	if (!cJSON_IsArray(lines) || cJSON_GetArraySize(lines) == 0) {
		ctl_error(resp, 400, "a refund needs lines");
		return;
	}
	cJSON_ArrayForEach(lj, lines) {
		if ((li = body_line(o, lj)) == NULL) {
			ctl_error(resp, 404, "no such line item");
			return;
		}
		q = jint(lj, "quantity", 1);
		if (q <= 0 || q > li->current) {
			ctl_error(resp, 422, "cannot refund %d of %d", q,
			    li->current);
			return;
		}
		if (restock_type(jstr(lj, "restock_type") != NULL ? jstr(lj,
		    "restock_type") : "RETURN") == NULL) {
			ctl_error(resp, 400, "restock_type must be RETURN, "
			    "CANCEL, LEGACY_RESTOCK or NO_RESTOCK");
			return;
		}
	}
	rf = refund_new(sh, o, cJSON_GetArraySize(lines));
	cJSON_ArrayForEach(lj, lines) {
		li = body_line(o, lj);
		q = jint(lj, "quantity", 1);
		rt = restock_type(jstr(lj, "restock_type") != NULL ? jstr(lj,
		    "restock_type") : "RETURN");
		restock = strcmp(rt, "NO_RESTOCK") != 0;
		unf = li->current - li->fulfilled;
		if (strcmp(rt, "RETURN") == 0) {
			from_f = q < li->fulfilled ? q : li->fulfilled;
			from_u = q - from_f;
		} else {
			from_u = q < unf ? q : unf;
			from_f = q - from_u;
		}
		line_release(sh, li, from_u, restock);
		line_return(sh, li, from_f, restock);
		li->current -= q;
		rf->lines[rf->nlines++] = (struct refline){ li, q, rt,
		    o->loc };
	}
	order_bump(sh, o);
	if (sh->hooks.n > 0)
		emit(sh, "refunds/create", refund_payload(rf));
	emit_order(sh, "orders/updated", o);
	fake_resp_json(resp, 200, order_json(o));
}

/* {"order_id","lines":[{"line_item_id","quantity"}]}; no lines: all. */
static void
c_order_fulfil(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct order	*o;
	struct lineitem	*li;
	struct level	*lv;
	const cJSON	*lines = cJSON_GetObjectItem(body, "lines"), *lj;
	int		 i, q;

	if ((o = body_order(sh, body, resp)) == NULL)
		return;
	if (cJSON_IsArray(lines))
		cJSON_ArrayForEach(lj, lines) {
			if ((li = body_line(o, lj)) == NULL) {
				ctl_error(resp, 404, "no such line item");
				return;
			}
			q = jint(lj, "quantity", li->current - li->fulfilled);
			if (q <= 0 || q > li->current - li->fulfilled) {
				ctl_error(resp, 422, "cannot fulfil %d", q);
				return;
			}
		}
	for (i = 0; i < o->lines.n; i++) {
		li = o->lines.v[i];
		q = li->current - li->fulfilled;
		if (cJSON_IsArray(lines)) {
			q = 0;
			cJSON_ArrayForEach(lj, lines)
				if (body_line(o, lj) == li)
					q += jint(lj, "quantity",
					    li->current - li->fulfilled);
		}
		if (q <= 0)
			continue;
		if ((lv = line_level(li)) != NULL && li->committed > 0)
			level_move(sh, lv, Q_COMMITTED, -(q < li->committed ?
			    q : li->committed));
		li->committed -= q;
		if (li->committed < 0)
			li->committed = 0;
		li->fulfilled += q;
	}
	order_bump(sh, o);
	emit_order(sh, "orders/updated", o);
	fake_resp_json(resp, 200, order_json(o));
}

static void
c_order_touch(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct order	*o;

	if ((o = body_order(sh, body, resp)) == NULL)
		return;
	order_bump(sh, o);
	emit_order(sh, "orders/updated", o);
	fake_resp_json(resp, 200, order_json(o));
}

static cJSON *
hook_json(const struct hook *h)
{
	cJSON	*j = cJSON_CreateObject();

	add_gid(j, "id", "WebhookSubscription", h->id);
	if (h->topic != NULL)
		cJSON_AddStringToObject(j, "topic", h->topic);
	else
		cJSON_AddNullToObject(j, "topic");
	cJSON_AddStringToObject(j, "uri", h->uri);
	cJSON_AddBoolToObject(j, "from_api", h->from_api);
	return j;
}

static void
c_hooks(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	cJSON		*j = cJSON_CreateObject(), *a;
	struct delivery	*d;
	int		 i, pending = 0;

	a = cJSON_AddArrayToObject(j, "subscriptions");
	for (i = 0; i < sh->hooks.n; i++)
		cJSON_AddItemToArray(a, hook_json(sh->hooks.v[i]));
	pthread_mutex_lock(&sh->qlock);
	for (d = sh->queue; d != NULL; d = d->next)
		pending++;
	cJSON_AddNumberToObject(j, "pending", pending + sh->inflight);
	cJSON_AddItemToObject(j, "deliveries", cJSON_Duplicate(sh->dlog, 1));
	pthread_mutex_unlock(&sh->qlock);
	fake_resp_json(resp, 200, j);
}

/* {"uri","topics":[...]|"topic","secret","include_fields":[...]}. */
static void
c_hook_add(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	const cJSON	*topics = cJSON_GetObjectItem(body, "topics"), *t;
	const char	*uri = jstr(body, "uri");
	const cJSON	*inc = cJSON_GetObjectItem(body, "include_fields");
	cJSON		*j = cJSON_CreateObject(), *a;

	if (uri == NULL || strncmp(uri, "http://", 7) != 0) {
		cJSON_Delete(j);
		ctl_error(resp, 400, "uri must be http://HOST:PORT/PATH");
		return;
	}
	a = cJSON_AddArrayToObject(j, "subscriptions");
	if (cJSON_IsArray(topics))
		cJSON_ArrayForEach(t, topics) {
			if (cJSON_IsString(t))
				cJSON_AddItemToArray(a, hook_json(hook_new(sh,
				    t->valuestring, uri, jstr(body, "secret"),
				    inc, 0)));
		}
	else
		cJSON_AddItemToArray(a, hook_json(hook_new(sh, jstr(body,
		    "topic"), uri, jstr(body, "secret"), inc, 0)));
	fake_resp_json(resp, 200, j);
}

static void
hooks_clear(struct shopify *sh)
{
	struct hook	*h;
	struct delivery	*d;
	int		 i;

	for (i = 0; i < sh->hooks.n; i++) {
		h = sh->hooks.v[i];
		free(h->topic);
		free(h->uri);
		free(h->secret);
		cJSON_Delete(h->include);
		free(h);
	}
	sh->hooks.n = 0;
	pthread_mutex_lock(&sh->qlock);
	while ((d = sh->queue) != NULL) {
		sh->queue = d->next;
		delivery_free(d);
	}
	cJSON_Delete(sh->dlog);
	sh->dlog = cJSON_CreateArray();
	pthread_mutex_unlock(&sh->qlock);
}

static void
c_hook_clear(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	hooks_clear(sh);
	fake_resp_json(resp, 200, cJSON_CreateObject());
}

/* {"token":"shpat_x","expires_in":N} adds one; {"expire":"shpat_x"}. */
static void
c_tokens(struct shopify *sh, const cJSON *body, struct fake_resp *resp)
{
	struct token	*t;
	const char	*v;
	int		 i, secs;

	if ((v = jstr(body, "expire")) != NULL) {
		for (i = 0; i < sh->tokens.n; i++) {
			t = sh->tokens.v[i];
			if (strcmp(t->value, v) == 0)
				t->expires = time(NULL) - 1;
		}
	} else if ((v = jstr(body, "token")) != NULL) {
		secs = jint(body, "expires_in", 0);
		token_add(sh, v, secs > 0 ? time(NULL) + secs : 0);
	} else {
		ctl_error(resp, 400, "tokens wants token or expire");
		return;
	}
	fake_resp_json(resp, 200, cJSON_CreateObject());
}

static const struct {
	const char	*method;
	const char	*path;
	ctl_fn		 fn;
} control_routes[] = {
	{ "GET", "/_fake/state", c_state },
	{ "POST", "/_fake/reset", c_reset },
	{ "GET", "/_fake/config", c_config_get },
	{ "POST", "/_fake/config", c_config },
	{ "POST", "/_fake/locations", c_location },
	{ "POST", "/_fake/products", c_products },
	{ "POST", "/_fake/seed", c_seed },
	{ "POST", "/_fake/stock", c_stock },
	{ "POST", "/_fake/orders", c_order_create },
	{ "POST", "/_fake/orders/edit", c_order_edit },
	{ "POST", "/_fake/orders/cancel", c_order_cancel },
	{ "POST", "/_fake/orders/refund", c_order_refund },
	{ "POST", "/_fake/orders/fulfil", c_order_fulfil },
	{ "POST", "/_fake/orders/touch", c_order_touch },
	{ "GET", "/_fake/webhooks", c_hooks },
	{ "POST", "/_fake/webhooks", c_hook_add },
	{ "DELETE", "/_fake/webhooks", c_hook_clear },
	{ "POST", "/_fake/tokens", c_tokens },
};

void
shopify_control(void *ctx, const struct fake_req *req, struct fake_resp *resp)
{
	struct shopify	*sh = ctx;
	cJSON		*body = NULL;
	size_t		 i;
	int		 pathok = 0;

	for (i = 0; i < sizeof control_routes / sizeof control_routes[0];
	    i++) {
		if (strcmp(control_routes[i].path, req->path) != 0)
			continue;
		pathok = 1;
		if (strcmp(control_routes[i].method, req->method) != 0)
			continue;
		if (req->bodylen > 0 && (body = cJSON_Parse(req->body)) ==
		    NULL) {
			ctl_error(resp, 400, "body is not JSON");
			return;
		}
		if (body == NULL)
			body = cJSON_CreateObject();
		control_routes[i].fn(sh, body, resp);
		cJSON_Delete(body);
		return;
	}
	ctl_error(resp, pathok ? 405 : 404, "no control route %s %s",
	    req->method, req->path);
}

/* Life cycle. */

struct shopify *
shopify_new(const struct shopify_opts *o, char **errp)
{
	struct shopify		*sh = xcalloc(1, sizeof *sh);
	pthread_condattr_t	 ca;
	int			 i;

	*errp = NULL;
	for (i = 0; i < o->nschema && i < SHOPIFY_MAXSCHEMA; i++) {
		sh->schemas[i].schema = gql_schema_load(o->schema_path[i],
		    errp);
		if (sh->schemas[i].schema == NULL) {
			sh->nschemas = i;
			shopify_free(sh);
			return NULL;
		}
		sh->schemas[i].version = xstrdup(o->schema_version[i]);
		sh->nschemas = i + 1;
	}
	if (sh->nschemas == 0) {
		*errp = xstrdup("no schema given (--schema FILE.graphql)");
		shopify_free(sh);
		return NULL;
	}
	sh->shop_name = xstrdup(o->shop_name != NULL ? o->shop_name :
	    "invsync demo shop");
	sh->client_id = xstrdup(o->client_id);
	sh->client_secret = xstrdup(o->client_secret != NULL ?
	    o->client_secret : "fake-client-secret");
	sh->token_lifetime = o->token_lifetime > 0 ? o->token_lifetime :
	    86399;
	sh->bucket = o->bucket > 0 ? o->bucket : 2000;
	sh->restore = o->restore > 0 ? o->restore : 100;
	sh->max_cost = DEFAULT_COST;
	sh->scopes = xstrdup(o->scopes != NULL ? o->scopes : all_scopes);
	sh->nextid = 1001;
	sh->order_number = 1000;
	sh->wh_retry_ms = 1000;
	sh->wh_retries = 8;
	for (i = 0; i < o->ntokens; i++)
		token_add(sh, o->tokens[i], 0);
	sh->dlog = cJSON_CreateArray();
	pthread_mutex_init(&sh->qlock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sh->qcond, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&sh->sender, NULL, sender_main, sh) != 0) {
		*errp = xstrdup("cannot start the webhook sender thread");
		shopify_free(sh);
		return NULL;
	}
	sh->sender_started = 1;
	return sh;
}

void
shopify_free(struct shopify *sh)
{
	struct token	*t;
	int		 i;

	if (sh == NULL)
		return;
	if (sh->sender_started) {
		pthread_mutex_lock(&sh->qlock);
		sh->stopping = 1;
		pthread_cond_broadcast(&sh->qcond);
		pthread_mutex_unlock(&sh->qlock);
		pthread_join(sh->sender, NULL);
		hooks_clear(sh);
		pthread_mutex_destroy(&sh->qlock);
		pthread_cond_destroy(&sh->qcond);
	}
	store_clear(sh);
	free(sh->orders.v);
	free(sh->items.v);
	free(sh->variants.v);
	free(sh->products.v);
	free(sh->locations.v);
	free(sh->groups.v);
	free(sh->payloads.v);
	free(sh->idems.v);
	free(sh->hooks.v);
	for (i = 0; i < sh->tokens.n; i++) {
		t = sh->tokens.v[i];
		free(t->value);
		free(t);
	}
	free(sh->tokens.v);
	for (i = 0; i < sh->nschemas; i++) {
		gql_schema_free(sh->schemas[i].schema);
		free(sh->schemas[i].version);
	}
	cJSON_Delete(sh->dlog);
	cJSON_Delete(sh->running_keys);
	cJSON_Delete(sh->race);
	free(sh->shop_name);
	free(sh->client_id);
	free(sh->client_secret);
	free(sh->scopes);
	free(sh);
}
