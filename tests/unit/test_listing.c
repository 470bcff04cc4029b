/*
 * test_listing.c - importing a catalogue: linking by SKU then barcode,
 * duplicates and untracked listings recorded instead of guessed, the
 * operator's decisions kept across imports, listings that vanish marked
 * gone, and the channel's stock taken as the opening count only once.
 * The catalogue comes from an in-memory adapter: no network here.
 */
#include <stdlib.h>
#include <string.h>

#include "listing.h"
#include "product.h"
#include "testutil.h"

static struct ext_listing	cat[8];
static int			ncat;

static int
fake_catalogue(struct adapter *a, int (*fn)(const struct ext_listing *,
    void *), void *arg, struct err *e)
{
	int	i;

	(void)a;
	(void)e;
	for (i = 0; i < ncat; i++)
		if (fn(&cat[i], arg) != 0)
			break;
	return 0;
}

static const struct adapter_ops fake_ops = {
	.type = "woocommerce",
	.catalogue = fake_catalogue,
};

static void
add(const char *id, const char *sku, const char *barcode, int tracked,
    int64_t qty)
{
	struct ext_listing	*l = &cat[ncat++];

	memset(l, 0, sizeof *l);
	strcpy(l->ext_id, id);
	strcpy(l->sku, sku);
	strcpy(l->barcode, barcode);
	strcpy(l->title, sku);
	l->tracked = tracked;
	if (!tracked)
		strcpy(l->untracked_why, "stock management is off");
	l->has_qty = 1;
	l->qty = qty;
}

static const char *
status_of(struct db *db, int64_t chid, const char *ext_id, char *sku_out)
{
	static char		 st[16];
	struct listing		*v;
	struct err		 e;
	int			 n, i;

	st[0] = '\0';
	assert_int_equal(listing_list(db, chid, NULL, &v, &n, &e), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].ext_id, ext_id) == 0) {
			strcpy(st, v[i].status);
			if (sku_out != NULL)
				strcpy(sku_out, v[i].product_sku);
		}
	}
	free(v);
	return st;
}

static void
test_import_links_and_records(void **state)
{
	struct testdb		 t;
	struct adapter		 a = { .ops = &fake_ops };
	struct channel_creds	 k = { .kind = CHANNEL_CRED_KEY };
	struct listing_stats	 s;
	struct product		 p = { .reorder_point = -1 };
	struct err		 e;
	int64_t			 chid, mug;
	char			 sku[64];

	(void)state;
	testdb_open(&t);
	mug = testdb_product(t.db, "MUG-01", -1);
	testdb_move(t.db, mug, MV_RECEIPT, 10);
	p.sku = "TEA-01";
	p.name = "Tea";
	p.barcode = "4006381333931";
	assert_int_equal(product_add(t.db, &p, &e), 0);
	testdb_product(t.db, "CUP-01", -1);
	strcpy(k.ident, "ck_x");
	strcpy(k.secret, "cs_x");
	assert_int_equal(channel_add(t.db, "woocommerce", "Woo",
	    "http://127.0.0.1:1", &k, &chid, &e), 0);
	assert_int_equal(channel_find(t.db, "Woo", &a.ch, &e), 0);

	ncat = 0;
	add("11", "MUG-01", "", 1, 7);			/* linked by SKU */
	add("12", "", "4006381333931", 1, 3);		/* linked by barcode */
	add("13", "CUP-01", "", 1, 1);			/* duplicate SKU ... */
	add("14", "CUP-01", "", 1, 2);			/* ... twice */
	add("15", "POSTER", "", 1, 9);			/* no such product */
	add("16", "MUG-01", "", 0, 0);			/* untracked */
	assert_int_equal(listing_import(t.db, &a, LISTING_OPENING_CHANNEL,
	    "ann", &s, &e), 0);
	assert_int_equal(s.seen, 6);
	assert_int_equal(s.linked, 2);
	assert_int_equal(s.newly_linked, 2);
	assert_int_equal(s.duplicate, 2);
	assert_int_equal(s.unmatched, 1);
	assert_int_equal(s.untracked, 1);
	assert_string_equal(status_of(t.db, chid, "12", sku), "linked");
	assert_string_equal(sku, "TEA-01");
	assert_string_equal(status_of(t.db, chid, "13", NULL), "duplicate");
	/* The channel's 7 became the mug's count; the tea got 3. */
	assert_int_equal(s.opening_counts, 2);
	assert_int_equal(testdb_on_hand(t.db, mug), 7);

	/* The operator decides; a second import keeps it and counts once. */
	if (listing_link(t.db, chid, "13", "CUP-01", &e) != 0)
		fail_msg("link: %s", e.msg);
	assert_int_equal(listing_link(t.db, chid, "14", "CUP-01", &e), -1);
	assert_int_equal(e.code, ERR_REFUSED);
	assert_int_equal(listing_ignore(t.db, chid, "15", &e), 0);
	testdb_move(t.db, mug, MV_SALE, -1);
	ncat = 5;		/* listing 16 is gone from the channel */
	assert_int_equal(listing_import(t.db, &a, LISTING_OPENING_CHANNEL,
	    "ann", &s, &e), 0);
	assert_string_equal(status_of(t.db, chid, "13", NULL), "linked");
	assert_string_equal(status_of(t.db, chid, "14", NULL), "duplicate");
	assert_string_equal(status_of(t.db, chid, "15", NULL), "ignored");
	assert_string_equal(status_of(t.db, chid, "16", NULL), "gone");
	assert_int_equal(s.gone, 1);
	assert_int_equal(s.newly_linked, 0);
	assert_int_equal(s.opening_counts, 0);
	assert_int_equal(testdb_on_hand(t.db, mug), 6);
	testdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_links_and_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
