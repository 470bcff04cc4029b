# woo_sync.sh - "invsync sync --once" against the fake WooCommerce: a web
# sale lowers invsync's stock once, however often the order is seen; a
# cancel and a refund with restock bring it back; a sale in the shop is
# pushed to the store, after the channel's buffer; a failing store loses
# nothing and is retried; only one sync runs at a time.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/sync/lib-fakes.sh"

# The fake's fixed test key (tests/fakes/woo.h), never a real one.
KEY=$(sed -n 's/^#define WOO_TEST_KEY[^"]*"\(.*\)"/\1/p' "$SRCDIR/tests/fakes/woo.h")
SECRET=$(sed -n 's/^#define WOO_TEST_SECRET[^"]*"\(.*\)"/\1/p' "$SRCDIR/tests/fakes/woo.h")
[ -n "$KEY" ] && [ -n "$SECRET" ] || fail "no test key in woo.h"
W=$(start_fake fake_woo)
fake_post "$W" /_fake/products '[
 {"name":"Mug","sku":"MUG-01","manage_stock":true,"stock_quantity":10},
 {"name":"Tee","type":"variable","sku":"TEE","variations":[
   {"sku":"TEE-S","manage_stock":true,"stock_quantity":4}]}
]' >/dev/null

# woo_stock SKU: the store's stock_quantity for a SKU.
woo_stock() {
	curl -sf "$W/_fake/state" | python3 -c '
import json, sys
s = json.load(sys.stdin)
def walk(ps):
    for p in ps:
        yield p
        for v in p.get("_fake_variations", []) + p.get("variations_full", []):
            yield v
for p in walk(s["products"]):
    if p.get("sku") == sys.argv[1]:
        print(p["stock_quantity"]); break
' "$1"
}

run 0 init
run 0 product add MUG-01 Mug
run 0 product add TEE-S "Tee S"
printf '%s:%s\n' "$KEY" "$SECRET" >"$T/key"
run 0 channel add woocommerce Woo --url "$W" --key-file "$T/key"
run 0 channel import Woo --opening channel
[ "$(on_hand MUG-01)" = 10 ] || fail "opening"
run 0 sync --once
[ "$(on_hand MUG-01)" = 10 ] || fail "an empty sync changed stock"

# A web sale of 3 mugs and 1 tee: booked once, even when seen again.
order=$(fake_post "$W" /_fake/orders '{"status":"processing","line_items":[
 {"sku":"MUG-01","quantity":3},{"sku":"TEE-S","quantity":1}]}' |
    sed -n 's/^{"id":\([0-9]*\).*/\1/p')
[ -n "$order" ] || fail "no order id"
[ "$(woo_stock MUG-01)" = 7 ] || fail "the store did not reduce its stock"
run 0 sync --once
expect "$T/err" "2 sales (4 units)"
[ "$(on_hand MUG-01)" = 7 ] || fail "web sale not booked: $(on_hand MUG-01)"
[ "$(on_hand TEE-S)" = 3 ] || fail "variation sale not booked"
run 0 sync --once
run 0 sync --once
[ "$(on_hand MUG-01)" = 7 ] || fail "an order seen again was booked again"
run 0 history MUG-01 --json --limit 1
expect "$T/out" '"kind":"sale","qty":-3'
expect "$T/out" '"user":"sync:Woo"'
expect "$T/out" "\"ext_ref\":\"order #$order line"

# Cancel: WooCommerce restores its stock; invsync books the return.
fake_post "$W" "/_fake/orders/$order/status" '{"status":"cancelled"}' \
    >/dev/null
run 0 sync --once
expect "$T/err" "2 returns (4 units)"
[ "$(on_hand MUG-01)" = 10 ] || fail "cancel not booked"
[ "$(on_hand TEE-S)" = 4 ] || fail "cancel of the variation not booked"

# A refund with restock of one of two.
order=$(fake_post "$W" /_fake/orders '{"status":"processing","line_items":[
 {"sku":"MUG-01","quantity":2}]}' | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
run 0 sync --once
[ "$(on_hand MUG-01)" = 8 ] || fail "second sale"
line=$(curl -sf "$W/_fake/state" | python3 -c '
import json, sys
for o in json.load(sys.stdin)["orders"]:
    if str(o["id"]) == sys.argv[1]:
        print(o["line_items"][0]["id"])' "$order")
fake_post "$W" "/_fake/orders/$order/refund" \
    "{\"line_items\":[{\"id\":$line,\"quantity\":1}],\"restock\":true}" \
    >/dev/null
run 0 sync --once
[ "$(on_hand MUG-01)" = 9 ] || fail "refund with restock: $(on_hand MUG-01)"

# A sale in the shop reaches the store, less the channel's buffer.
run 0 channel set Woo --buffer-units 1
run 0 adjust MUG-01 -4 --reason damaged
run 0 sync --once
[ "$(woo_stock MUG-01)" = 4 ] || fail "push: store shows $(woo_stock MUG-01)"
run 0 channel set Woo --buffer-units 0
run 0 sync --once
[ "$(woo_stock MUG-01)" = 5 ] || fail "buffer removed: $(woo_stock MUG-01)"

# The store fails: nothing half-applied, an error said, then caught up.
fake_post "$W" /_fake/faults '{"malformed":true,"count":1}' >/dev/null
fake_post "$W" /_fake/orders '{"status":"processing","line_items":[
 {"sku":"MUG-01","quantity":1}]}' >/dev/null
run 1 sync --once
expect "$T/err" "not JSON"
[ "$(on_hand MUG-01)" = 5 ] || fail "a failed pull booked something"
run 0 channel show Woo --json
expect "$T/out" '"last_error":"Woo: GET orders: the reply is not JSON'
run 0 sync --once
[ "$(on_hand MUG-01)" = 4 ] || fail "the sale was lost after the failure"
run 0 channel show Woo --json
expect "$T/out" '"last_error":null'

# One sync at a time; the ledger checks clean after all of it.
( flock 9; sleep 2 ) 9>"$DB.sync-lock" &
sleep 0.3
run 1 sync --once
expect "$T/err" "already syncing"
wait
run 0 check
echo ok
