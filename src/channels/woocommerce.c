/*
 * woocommerce.c - the WooCommerce REST API (wc/v3) adapter, built from
 * ../shared/reference/woocommerce.md.
 *
 * Authentication follows the store's scheme: over https, HTTP Basic with
 * the consumer key and secret; over plain http (a store on this machine,
 * or the fake in tests) WooCommerce ignores Basic, so requests are signed
 * with one-legged OAuth 1.0a (HMAC-SHA256, a fresh nonce each time).
 *
 * Pages are built from X-WP-TotalPages, never from the Link header, which
 * repeats the whole query (keys or OAuth values included) and would replay
 * a nonce. Catalogue reads page by id, which has a tie-break; date order
 * does not.
 *
 * Never retries a 401: the key is wrong or revoked, and that is for the
 * operator. Start at woo_get().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "adapter.h"
#include "oauth1.h"
#include "stock.h"
#include "xmalloc.h"

#define WOO_API "/wp-json/wc/v3/"
#define WOO_PER_PAGE 100

/* A query parameter for woo_get(); values are plain (encoded here). */
struct woo_param {
	const char	*key;
	const char	*value;
};

static int
is_https(const struct adapter *a)
{
	return strncmp(a->ch.base_url, "https://", 8) == 0;
}

/*
 * The request URL with its query; over http the OAuth parameters and
 * signature are part of the query. Caller frees.
 */
static char *
woo_url(struct adapter *a, const char *method, const char *path,
    const struct woo_param *params, int nparams)
{
	struct oauth1_params	 op;
	char			*base, *sbase, *sig, *url, *k, *v, *tmp;
	char			 nonce[33], ts[24];
	int			 i;
	size_t			 j;

	base = xasprintf("%s%s%s", a->ch.base_url, WOO_API, path);
	oauth1_params_init(&op);
	for (i = 0; i < nparams; i++)
		oauth1_params_add(&op, params[i].key, params[i].value);
	if (!is_https(a)) {
		adapter_nonce(a, nonce, 16);
		snprintf(ts, sizeof ts, "%lld", (long long)time(NULL));
		oauth1_params_add(&op, "oauth_consumer_key", a->creds.ident);
		oauth1_params_add(&op, "oauth_nonce", nonce);
		oauth1_params_add(&op, "oauth_signature_method",
		    "HMAC-SHA256");
		oauth1_params_add(&op, "oauth_timestamp", ts);
		sbase = oauth1_base_string(method, base, &op);
		sig = oauth1_sign("HMAC-SHA256", sbase, a->creds.secret, NULL);
		oauth1_params_add(&op, "oauth_signature", sig);
		free(sbase);
		free(sig);
	}
	url = base;
	for (j = 0; j < op.n; j++) {
		k = oauth1_encode(op.v[j].key);
		v = oauth1_encode(op.v[j].value);
		tmp = xasprintf("%s%c%s=%s", url, j == 0 ? '?' : '&', k, v);
		free(url);
		free(k);
		free(v);
		url = tmp;
	}
	oauth1_params_free(&op);
	return url;
}

/* The error a WooCommerce reply describes, in words. */
static void
woo_error(const struct http_response *r, const char *what, struct err *e)
{
	cJSON		*j = cJSON_Parse(r->body);
	const cJSON	*code = cJSON_GetObjectItemCaseSensitive(j, "code");
	const cJSON	*msg = cJSON_GetObjectItemCaseSensitive(j, "message");

	if (r->status == 401)
		err_set(e, ERR_REFUSED, "%s: the store refused the key (%s); "
		    "check it with 'invsync channel credentials'", what,
		    cJSON_IsString(code) ? code->valuestring : "401");
	else if (cJSON_IsString(code))
		err_set(e, ERR_SYSTEM, "%s: HTTP %ld %s: %s", what, r->status,
		    code->valuestring, cJSON_IsString(msg) ?
		    msg->valuestring : "");
	else
		err_set(e, ERR_SYSTEM, "%s: HTTP %ld (not a WooCommerce "
		    "answer)", what, r->status);
	cJSON_Delete(j);
}

/*
 * GET path with params; on 200 *out is the parsed JSON (caller frees)
 * and *pages the X-WP-TotalPages count (1 if absent).
 */
static int
woo_get(struct adapter *a, const char *path, const struct woo_param *params,
    int nparams, cJSON **out, int *pages, struct err *e)
{
	static const char *const hdrs[] = { "Accept: application/json",
	    NULL };
	struct http_request	 q = { 0 };
	struct http_response	 r;
	const char		*tp;
	char			*url;
	int			 rc = -1;

	*out = NULL;
	url = woo_url(a, "GET", path, params, nparams);
	q.method = "GET";
	q.url = url;
	q.headers = hdrs;
	if (is_https(a)) {
		q.basic_user = a->creds.ident;
		q.basic_pass = a->creds.secret;
	}
	if (http_do(a->http, &q, &r, e) != 0) {
		err_prefix(e, "%s: ", a->ch.name);
		free(url);
		return -1;
	}
	free(url);
	if (r.status != 200) {
		woo_error(&r, a->ch.name, e);
		goto out;
	}
	if ((*out = cJSON_Parse(r.body)) == NULL) {
		err_set(e, ERR_SYSTEM, "%s: GET %s: the reply is not JSON "
		    "(%zu bytes)", a->ch.name, path, r.len);
		goto out;
	}
	if (pages != NULL) {
		tp = http_header(&r, "X-WP-TotalPages");
		*pages = tp != NULL ? atoi(tp) : 1;
	}
	rc = 0;
out:
	http_response_clear(&r);
	return rc;
}

static const char *
str_of(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

/*
 * An id as digits. WooCommerce ids are integers well below 2^53, so a
 * cJSON number holds them exactly; anything else is refused.
 */
static int
id_of(const cJSON *o, const char *key, char *buf, size_t len)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v) || v->valuedouble < 1 ||
	    v->valuedouble > 9007199254740991.0 ||
	    v->valuedouble != (double)(long long)v->valuedouble)
		return -1;
	snprintf(buf, len, "%lld", (long long)v->valuedouble);
	return 0;
}

/* manage_stock is true, false, or (on variations) the string "parent". */
static void
stock_of(const cJSON *o, struct ext_listing *l, const char *parent)
{
	const cJSON	*m = cJSON_GetObjectItemCaseSensitive(o, "manage_stock");
	const cJSON	*q = cJSON_GetObjectItemCaseSensitive(o,
			    "stock_quantity");

	l->tracked = cJSON_IsTrue(m);
	if (cJSON_IsString(m) && strcmp(m->valuestring, "parent") == 0)
		snprintf(l->untracked_why, sizeof l->untracked_why,
		    "stock is kept on parent product %s", parent);
	else if (!l->tracked)
		snprintf(l->untracked_why, sizeof l->untracked_why,
		    "stock management is off");
	l->has_qty = cJSON_IsNumber(q);
	l->qty = l->has_qty ? (int64_t)q->valuedouble : 0;
}

static void
texts_of(const cJSON *o, struct ext_listing *l)
{
	utf8_copy(l->sku, str_of(o, "sku"), sizeof l->sku);
	utf8_copy(l->title, str_of(o, "name"), sizeof l->title);
	/* WooCommerce 9.2+ has a GTIN/EAN field; older stores have none. */
	utf8_copy(l->barcode, str_of(o, "global_unique_id"),
	    sizeof l->barcode);
}

/* Every page of a list endpoint, calling each() per element. */
static int
woo_each_page(struct adapter *a, const char *path,
    int (*each)(struct adapter *, const cJSON *, void *), void *arg,
    struct err *e)
{
	struct woo_param	 p[4];
	const cJSON		*item;
	cJSON			*page;
	char			 num[16], per[16];
	int			 pages = 1, n, rc;

	snprintf(per, sizeof per, "%d", WOO_PER_PAGE);
	for (n = 1; n <= pages; n++) {
		snprintf(num, sizeof num, "%d", n);
		p[0] = (struct woo_param){ "per_page", per };
		p[1] = (struct woo_param){ "page", num };
		p[2] = (struct woo_param){ "orderby", "id" };
		p[3] = (struct woo_param){ "order", "asc" };
		if (woo_get(a, path, p, 4, &page, &pages, e) != 0)
			return -1;
		if (!cJSON_IsArray(page)) {
			cJSON_Delete(page);
			err_set(e, ERR_SYSTEM, "%s: GET %s: expected a list",
			    a->ch.name, path);
			return -1;
		}
		cJSON_ArrayForEach(item, page) {
			if ((rc = each(a, item, arg)) != 0) {
				cJSON_Delete(page);
				return rc < 0 ? -1 : 0;
			}
		}
		cJSON_Delete(page);
	}
	return 0;
}

struct cat_walk {
	int	(*fn)(const struct ext_listing *, void *);
	void	*arg;
	char	 parent[32];
	char	 title[128];
	struct err *e;
};

static int
each_variation(struct adapter *a, const cJSON *v, void *arg)
{
	struct cat_walk		*w = arg;
	struct ext_listing	 l = { 0 };
	char			 id[24];

	if (id_of(v, "id", id, sizeof id) != 0) {
		err_set(w->e, ERR_SYSTEM, "%s: a variation of %s has no id",
		    a->ch.name, w->parent);
		return -1;
	}
	snprintf(l.ext_id, sizeof l.ext_id, "%s/%s", w->parent, id);
	texts_of(v, &l);
	/* Variations have no name before WooCommerce 9: use the parent's. */
	if (l.title[0] == '\0')
		snprintf(l.title, sizeof l.title, "%s", w->title);
	stock_of(v, &l, w->parent);
	return w->fn(&l, w->arg) != 0 ? 1 : 0;
}

static int
each_product(struct adapter *a, const cJSON *p, void *arg)
{
	struct cat_walk		*w = arg;
	struct ext_listing	 l = { 0 };
	const char		*type = str_of(p, "type");
	char			*path;
	int			 rc;

	if (id_of(p, "id", l.ext_id, sizeof l.ext_id) != 0) {
		err_set(w->e, ERR_SYSTEM, "%s: a product has no id",
		    a->ch.name);
		return -1;
	}
	/* Grouped and external products hold no stock of their own. */
	if (strcmp(type, "grouped") == 0 || strcmp(type, "external") == 0)
		return 0;
	texts_of(p, &l);
	stock_of(p, &l, "");
	/* A variable parent is a stock holder only when it manages stock. */
	if (strcmp(type, "variable") != 0 || l.tracked)
		if (w->fn(&l, w->arg) != 0)
			return 1;
	if (strcmp(type, "variable") != 0)
		return 0;
	utf8_copy(w->parent, l.ext_id, sizeof w->parent);
	utf8_copy(w->title, l.title, sizeof w->title);
	path = xasprintf("products/%s/variations", l.ext_id);
	rc = woo_each_page(a, path, each_variation, w, w->e);
	free(path);
	return rc;
}

static int
woo_catalogue(struct adapter *a, int (*fn)(const struct ext_listing *, void *),
    void *arg, struct err *e)
{
	struct cat_walk	w = { fn, arg, "", "", e };

	return woo_each_page(a, "products", each_product, &w, e);
}

/* The current deduction of a line: its _reduced_stock meta, else 0. */
static int64_t
reduced_of(const cJSON *line)
{
	const cJSON	*meta, *m, *k, *v;

	meta = cJSON_GetObjectItemCaseSensitive(line, "meta_data");
	cJSON_ArrayForEach(m, meta) {
		k = cJSON_GetObjectItemCaseSensitive(m, "key");
		v = cJSON_GetObjectItemCaseSensitive(m, "value");
		if (!cJSON_IsString(k) || strcmp(k->valuestring,
		    "_reduced_stock") != 0)
			continue;
		if (cJSON_IsString(v))
			return strtoll(v->valuestring, NULL, 10);
		if (cJSON_IsNumber(v))
			return (int64_t)v->valuedouble;
	}
	return 0;
}

struct order_walk {
	int	(*fn)(const struct ext_order_line *, void *);
	void	*arg;
	char	*latest;
	struct err *e;
};

static int
each_order(struct adapter *a, const cJSON *o, void *arg)
{
	struct order_walk	*w = arg;
	struct ext_order_line	 l;
	const cJSON		*lines, *li;
	char			 pid[24], vid[24];
	const char		*mod = str_of(o, "date_modified_gmt");

	memset(&l, 0, sizeof l);
	if (id_of(o, "id", l.order_id, sizeof l.order_id) != 0) {
		err_set(w->e, ERR_SYSTEM, "%s: an order has no id", a->ch.name);
		return -1;
	}
	l.order_name[0] = '#';
	utf8_copy(l.order_name + 1, l.order_id, sizeof l.order_name - 1);
	utf8_copy(l.modified, mod, sizeof l.modified);
	if (strcmp(mod, w->latest) > 0)
		utf8_copy(w->latest, mod, 24);
	lines = cJSON_GetObjectItemCaseSensitive(o, "line_items");
	cJSON_ArrayForEach(li, lines) {
		if (id_of(li, "id", l.line_id, sizeof l.line_id) != 0 ||
		    id_of(li, "product_id", pid, sizeof pid) != 0)
			continue;	/* a deleted product: nothing to book */
		if (id_of(li, "variation_id", vid, sizeof vid) == 0)
			snprintf(l.ext_id, sizeof l.ext_id, "%s/%s", pid, vid);
		else
			snprintf(l.ext_id, sizeof l.ext_id, "%s", pid);
		l.deducted = reduced_of(li);
		if (w->fn(&l, w->arg) != 0)
			return 1;
	}
	return 0;
}

/*
 * Orders changed after since, newest change first (an order changed
 * during the scan moves to the front, where it cannot slip between two
 * pages). modified_after is strict, to the second.
 */
static int
woo_orders(struct adapter *a, const char *since,
    int (*fn)(const struct ext_order_line *, void *), void *arg, char *latest,
    struct err *e)
{
	struct order_walk	 w = { fn, arg, latest, e };
	struct woo_param	 p[8];
	const cJSON		*o;
	cJSON			*page;
	char			 num[16], per[16];
	int			 pages = 1, n, np, rc;

	latest[0] = '\0';
	snprintf(per, sizeof per, "%d", WOO_PER_PAGE);
	for (n = 1; n <= pages; n++) {
		snprintf(num, sizeof num, "%d", n);
		np = 0;
		p[np++] = (struct woo_param){ "per_page", per };
		p[np++] = (struct woo_param){ "page", num };
		p[np++] = (struct woo_param){ "orderby", "modified" };
		p[np++] = (struct woo_param){ "order", "desc" };
		p[np++] = (struct woo_param){ "status", "any" };
		if (since != NULL && *since != '\0') {
			p[np++] = (struct woo_param){ "modified_after", since };
			p[np++] = (struct woo_param){ "dates_are_gmt", "true" };
		}
		if (woo_get(a, "orders", p, np, &page, &pages, e) != 0)
			return -1;
		if (!cJSON_IsArray(page)) {
			cJSON_Delete(page);
			err_set(e, ERR_SYSTEM, "%s: GET orders: expected a list",
			    a->ch.name);
			return -1;
		}
		cJSON_ArrayForEach(o, page) {
			if ((rc = each_order(a, o, &w)) != 0) {
				cJSON_Delete(page);
				return rc < 0 ? -1 : 0;
			}
		}
		cJSON_Delete(page);
	}
	return 0;
}

/* POST a batch body to path; *out is the parsed reply on 200. */
static int
woo_post(struct adapter *a, const char *path, const char *body, cJSON **out,
    struct err *e)
{
	static const char *const hdrs[] = { "Accept: application/json",
	    "Content-Type: application/json", NULL };
	struct http_request	 q = { 0 };
	struct http_response	 r;
	char			*url;
	int			 rc = -1;

	*out = NULL;
	url = woo_url(a, "POST", path, NULL, 0);
	q.method = "POST";
	q.url = url;
	q.headers = hdrs;
	q.body = body;
	q.bodylen = strlen(body);
	if (is_https(a)) {
		q.basic_user = a->creds.ident;
		q.basic_pass = a->creds.secret;
	}
	if (http_do(a->http, &q, &r, e) != 0) {
		err_prefix(e, "%s: ", a->ch.name);
		free(url);
		return -1;
	}
	free(url);
	if (r.status != 200)
		woo_error(&r, a->ch.name, e);
	else if ((*out = cJSON_Parse(r.body)) == NULL)
		err_set(e, ERR_SYSTEM, "%s: POST %s: the reply is not JSON",
		    a->ch.name, path);
	else
		rc = 0;
	http_response_clear(&r);
	return rc;
}

/*
 * One batch call for the items of one endpoint (products, or one
 * parent's variations). Items run one by one on the store with no
 * transaction, so each result is read on its own; the reply lists them
 * in the order sent.
 */
static void
push_batch(struct adapter *a, const char *path, struct ext_push **items,
    int n, struct err *e)
{
	cJSON		*body = cJSON_CreateObject(), *upd, *it, *reply;
	const cJSON	*res, *r, *q, *er;
	char		*text, *slash;
	int		 i = 0;

	upd = cJSON_AddArrayToObject(body, "update");
	for (i = 0; i < n; i++) {
		it = cJSON_CreateObject();
		slash = strchr(items[i]->ext_id, '/');
		cJSON_AddNumberToObject(it, "id", (double)strtoll(slash != NULL ?
		    slash + 1 : items[i]->ext_id, NULL, 10));
		/* Unmanaged stock ignores stock_quantity: manage it too. */
		cJSON_AddBoolToObject(it, "manage_stock", 1);
		cJSON_AddNumberToObject(it, "stock_quantity",
		    (double)items[i]->qty);
		cJSON_AddItemToArray(upd, it);
	}
	text = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	if (woo_post(a, path, text, &reply, e) != 0) {
		for (i = 0; i < n; i++)
			utf8_copy(items[i]->error, e->msg,
			    sizeof items[i]->error);
		free(text);
		return;
	}
	free(text);
	res = cJSON_GetObjectItemCaseSensitive(reply, "update");
	i = 0;
	cJSON_ArrayForEach(r, res) {
		if (i == n)
			break;
		er = cJSON_GetObjectItemCaseSensitive(r, "error");
		q = cJSON_GetObjectItemCaseSensitive(r, "stock_quantity");
		if (er != NULL)
			snprintf(items[i]->error, sizeof items[i]->error,
			    "%s", str_of(er, "code"));
		else if (!cJSON_IsNumber(q))
			snprintf(items[i]->error, sizeof items[i]->error,
			    "the store kept no stock level");
		else {
			items[i]->ok = 1;
			items[i]->result = (int64_t)q->valuedouble;
		}
		i++;
	}
	for (; i < n; i++)
		snprintf(items[i]->error, sizeof items[i]->error,
		    "no result for this item");
	cJSON_Delete(reply);
}

/* Group by endpoint, at most WOO_PER_PAGE items a call. */
static int
woo_push(struct adapter *a, struct ext_push *v, int n, struct err *e)
{
	struct ext_push	**batch;
	char		  parent[32], other[32], *path;
	int		  i, j, nb, *done;

	batch = xcalloc((size_t)n + 1, sizeof *batch);
	done = xcalloc((size_t)n + 1, sizeof *done);
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		/* Items with the same parent (or none) share an endpoint. */
		snprintf(parent, sizeof parent, "%.*s",
		    (int)strcspn(v[i].ext_id, "/"), v[i].ext_id);
		if (strchr(v[i].ext_id, '/') == NULL)
			parent[0] = '\0';
		nb = 0;
		for (j = i; j < n && nb < WOO_PER_PAGE; j++) {
			if (done[j])
				continue;
			snprintf(other, sizeof other, "%.*s",
			    (int)strcspn(v[j].ext_id, "/"), v[j].ext_id);
			if (strchr(v[j].ext_id, '/') == NULL)
				other[0] = '\0';
			if (strcmp(parent, other) != 0)
				continue;
			batch[nb++] = &v[j];
			done[j] = 1;
		}
		path = parent[0] != '\0' ?
		    xasprintf("products/%s/variations/batch", parent) :
		    xstrdup("products/batch");
		push_batch(a, path, batch, nb, e);
		free(path);
	}
	free(batch);
	free(done);
	return 0;
}

static int
woo_test(struct adapter *a, struct diags *found, struct err *e)
{
	struct woo_param	 p[1] = { { "per_page", "1" } };
	cJSON			*j;
	int			 pages;

	if (woo_get(a, "products", p, 1, &j, &pages, e) != 0)
		return -1;
	cJSON_Delete(j);
	diags_add(found, "reached %s (WooCommerce REST v3, %s)",
	    a->ch.base_url, is_https(a) ? "https, Basic auth" :
	    "plain http on this machine, OAuth 1.0a signatures");
	diags_add(found, "the key can read products: %d in the catalogue",
	    pages);
	return 0;
}

const struct adapter_ops woocommerce_ops = {
	.type = "woocommerce",
	.test = woo_test,
	.catalogue = woo_catalogue,
	.orders = woo_orders,
	.push = woo_push,
};
