/*
 * woo.h - a fake WooCommerce store (REST API wc/v3), faithful to
 * ../shared/reference/woocommerce.md: the store model (products,
 * variations, orders, refunds, notes, webhooks, API keys), WooCommerce's
 * own stock engine, and the REST and /_fake/ control handlers that
 * fakehttp calls.
 *
 * Threads: every entry point takes the store's lock itself; the webhook
 * delivery thread takes it too. Lock order: fakehttp's lock, then the
 * store's. Start at woo_new() and woo_start().
 */
#ifndef WOO_H
#define WOO_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "fakehttp.h"

/*
 * Fixed test keys (fake_woo's defaults): read_write and read.
 * Under tests/fakes/ only; never real credentials.
 */
#define WOO_TEST_KEY	"ck_4e7d6c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d"
#define WOO_TEST_SECRET	"cs_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"
#define WOO_TEST_RO_KEY	"ck_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c"
#define WOO_TEST_RO_SECRET "cs_1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"

/* Key permissions. */
#define WOO_READ	1
#define WOO_WRITE	2
#define WOO_READ_WRITE	(WOO_READ | WOO_WRITE)

/* Versions whose behaviour differs (variation keys, wrong parents). */
#define WOO_V79		79
#define WOO_V94		94

struct woo;

/* A store with no keys and no products. */
struct woo	*woo_new(void);
/* Stops the listener and the webhook thread if started, frees all. */
void		 woo_free(struct woo *);

void		 woo_set_version(struct woo *, int);
void		 woo_key_add(struct woo *, const char *key, const char *secret,
		     int perms);
/* N simple products, SKU-00001..., created ten per second (ties). */
void		 woo_seed(struct woo *, int n);

/*
 * Listen on addr:port through fakehttp and start the webhook thread;
 * *bound is the port taken. 0 on success, -1 with a message on stderr.
 */
int		 woo_start(struct woo *, const char *addr, int port,
		     int *bound);

/* The fakehttp handlers: REST routes, and the /_fake/ control routes. */
void		 woo_handle(void *, const struct fake_req *,
		     struct fake_resp *);
void		 woo_control(void *, const struct fake_req *,
		     struct fake_resp *);

/*
 * In-process control, the same as the /_fake/ routes. The cJSON
 * arguments are borrowed; returned cJSON is the caller's to free.
 */
/* POST /_fake/products: the created product (a variable one lists its
 * variations under "_fake_variations"), or NULL with *err set. */
cJSON		*woo_product_add(struct woo *, const cJSON *spec,
		     const char **err);
/* POST /_fake/orders: the order as a shopper would place it. */
cJSON		*woo_order_add(struct woo *, const cJSON *spec,
		     const char **err);
int		 woo_order_status(struct woo *, int64_t id, const char *status);
int		 woo_stock_set(struct woo *, int64_t id, long long qty);
/* GET /_fake/state. */
cJSON		*woo_state(struct woo *);

#endif
