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
};
