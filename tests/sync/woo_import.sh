# woo_import.sh - connecting a WooCommerce store (the fake, over loopback):
# the key is checked, the catalogue is read with OAuth 1.0a signatures
# (the secret never crosses the wire), listings are linked by SKU or
# recorded with the reason they are not, and the channel's stock can be
# the opening count, once.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/sync/lib-fakes.sh"

# The fake's fixed test key (tests/fakes/woo.h), never a real one.
KEY=$(sed -n 's/^#define WOO_TEST_KEY[^"]*"\(.*\)"/\1/p' "$SRCDIR/tests/fakes/woo.h")
SECRET=$(sed -n 's/^#define WOO_TEST_SECRET[^"]*"\(.*\)"/\1/p' "$SRCDIR/tests/fakes/woo.h")
[ -n "$KEY" ] && [ -n "$SECRET" ] || fail "no test key in woo.h"
W=$(start_fake fake_woo)
fake_post "$W" /_fake/products '[
 {"name":"Mug","sku":"MUG-01","manage_stock":true,"stock_quantity":7},
 {"name":"Tee","type":"variable","sku":"TEE","variations":[
   {"sku":"TEE-S","manage_stock":true,"stock_quantity":3},
   {"sku":"TEE-M","manage_stock":true,"stock_quantity":5}]},
 {"name":"Poster","sku":"POS-1","manage_stock":false},
 {"name":"Card","sku":"CARD-9","manage_stock":true,"stock_quantity":40},
 {"name":"Candle","sku":"CND-77","manage_stock":true,"stock_quantity":2}
]' >/dev/null

run 0 init
run 0 product add MUG-01 Mug
run 0 product add TEE-S "Tee S"
run 0 product add TEE-M "Tee M"
run 0 product add CARD-9 Card
run 0 product add CANDLE-X "Candle (our SKU)"
run 0 receive MUG-01 4
printf '%s:%s\n' "$KEY" "$SECRET" >"$T/key"
run 0 channel add woocommerce Woo --url "$W" --key-file "$T/key"

run 0 channel test Woo
expect "$T/out" "OAuth 1.0a"
expect "$T/out" "5 in the catalogue"

run 0 channel import Woo --opening channel
expect "$T/err" "6 listings: 4 linked (4 new), 1 unmatched, 0 duplicate SKUs, 1 untracked"
expect "$T/out" "CND-77"
expect "$T/out" "no product has this SKU"
expect "$T/out" "POS-1"
# The channel's stock became the opening count of what was linked.
[ "$(on_hand MUG-01)" = 7 ] || fail "opening count from the channel"
[ "$(on_hand TEE-M)" = 5 ] || fail "variation opening count"
[ "$(on_hand CARD-9)" = 40 ] || fail "opening count of CARD-9"
[ "$(on_hand CANDLE-X)" = 0 ] || fail "an unmatched listing was guessed"
run 0 history MUG-01 --json --limit 1
expect "$T/out" '"kind":"count","qty":3,"counted":7'
expect "$T/out" '"note":"opening stock from Woo"'

# The operator links the unmatched listing by hand; a product can hold
# one listing per channel; the next import keeps the decision and takes
# no second opening count.
id=$("$INVSYNC" --db "$DB" channel listings Woo --status unmatched --json |
    sed -n 's/.*"ext_id":"\([0-9]*\)".*/\1/p')
[ -n "$id" ] || fail "no unmatched listing"
run 0 channel link Woo "$id" CANDLE-X
pos=$("$INVSYNC" --db "$DB" channel listings Woo --status untracked --json |
    sed -n 's/.*"ext_id":"\([0-9]*\)".*/\1/p')
run 1 channel link Woo "$pos" MUG-01
expect "$T/err" "already linked"
run 0 channel ignore Woo "$pos"
run 0 adjust MUG-01 -2 --reason damaged
run 0 channel import Woo --opening channel
expect "$T/err" "5 linked (0 new)"
expect "$T/err" "0 opening counts"
[ "$(on_hand MUG-01)" = 5 ] || fail "a second opening count was taken"
run 0 channel listings Woo --json
expect "$T/out" '"product":"CANDLE-X","channel_qty":2,"manual":true'
expect "$T/out" '"status":"ignored"'

# OAuth over plain http: no request carried the secret or Basic auth.
curl -sf "$W/_fake/log" >"$T/log" || fail "fake log"
grep -q 'oauth_signature' "$T/log" || fail "requests were not signed"
expect_not "$T/log" "$SECRET"
expect_not "$T/log" "Basic "

# A wrong key is refused clearly, and the secret is not echoed.
printf '%s:cs_%040d\n' "$KEY" 0 >"$T/bad"
run 0 channel credentials Woo --key-file "$T/bad"
run 1 channel test Woo
expect "$T/err" "refused the key"
expect_not "$T/err" "cs_0000"
echo ok
