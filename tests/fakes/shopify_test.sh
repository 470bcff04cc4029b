# shopify_test.sh - the fake Shopify server against its contract
# (../shared/reference/shopify.md, "What a faithful fake must do").
#
# CTest runs "sh shopify_test.sh" with FAKES (the built fake programs),
# SRCDIR and BUILDDIR set. The 2026-07 schema is gunzipped into a temp
# dir; SHOPIFY_SCHEMA_DIR overrides where the .gz files are. Every check
# fails the script with a message saying what differed. python3 reads
# JSON answers (ids stay strings: nothing here goes through a double).
set -eu

: "${FAKES:?FAKES must name the directory of the fake programs}"
: "${SRCDIR:?SRCDIR must name the source tree}"
# The schemas are public data kept beside the project, not in it.
SCHEMAS=${SHOPIFY_SCHEMA_DIR:-}
for d in "$SRCDIR/../shared/reference/shopify-schema" \
    /work/shared/reference/shopify-schema; do
	[ -n "$SCHEMAS" ] || { [ -f "$d/2026-07.graphql.gz" ] && SCHEMAS=$d; }
done
if [ -z "$SCHEMAS" ]; then
	echo "SKIP: no Shopify schemas (set SHOPIFY_SCHEMA_DIR)" >&2
	exit 77
fi
OPS=$SRCDIR/tests/fakes/ops

T=$(mktemp -d "${TMPDIR:-/tmp}/fake-shopify.XXXXXX")
PIDS=
cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null || true
	done
	for p in $PIDS; do
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export LC_ALL=C TZ=UTC

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

ok() {
	echo "ok - $*"
}

# eq WHAT GOT WANT
eq() {
	[ "$2" = "$3" ] || {
		[ -f "$T/resp" ] && { echo "--- last answer" >&2; cat "$T/resp" >&2; echo >&2; }
		fail "$1: got '$2', wanted '$3'"
	}
}

# One python3 reads JSON for the whole script (starting one per check is
# slow): "J<TAB>FILE<TAB>EXPR" answers a Python expression over d, the
# JSON in FILE; "R<TAB>DOC<TAB>OUT<TAB>VARS" writes a GraphQL request.
cat >"$T/jv.py" <<'EOF'
import json, sys
for line in sys.stdin:
    cmd, _, rest = line.rstrip("\n").partition("\t")
    try:
        if cmd == "J":
            path, _, expr = rest.partition("\t")
            d = json.load(open(path))
            v = eval(expr)
            out = v if isinstance(v, str) else json.dumps(v, sort_keys=True)
        else:
            doc, out_path, vars_ = rest.split("\t", 2)
            with open(out_path, "w") as f:
                json.dump({"query": open(doc).read(),
                    "variables": json.loads(vars_)}, f)
            out = "ok"
    except Exception as e:
        out = "ERROR: %s: %s" % (type(e).__name__, e)
    print(out.replace("\n", "\\n"), flush=True)
EOF
mkfifo "$T/jv.in" "$T/jv.out"
python3 "$T/jv.py" <"$T/jv.in" >"$T/jv.out" &
PIDS="$PIDS $!"
exec 3>"$T/jv.in" 4<"$T/jv.out"

# jv EXPR [FILE]: a Python expression over d, the JSON in FILE ($T/resp).
jv() {
	printf 'J\t%s\t%s\n' "${2:-$T/resp}" "$1" >&3
	IFS= read -r line <&4 || fail "the JSON reader died"
	printf '%s\n' "$line"
}

# gql DOC VARS [TOKEN]: POST a document with variables. The body is in
# $T/resp, the headers in $T/hdr and the status in $STATUS.
gql() {
	printf 'R\t%s\t%s\t%s\n' "$1" "$T/req.json" "$(printf '%s' "$2" |
	    tr '\n\t' '  ')" >&3
	IFS= read -r line <&4 || fail "the JSON reader died"
	[ "$line" = ok ] || fail "request for $1: $line"
	STATUS=$(curl -s -o "$T/resp" -D "$T/hdr" -w '%{http_code}' \
	    -H "X-Shopify-Access-Token: ${3-$TOKEN}" \
	    -H 'Content-Type: application/json' --data-binary @"$T/req.json" \
	    "$URL/admin/api/${VERSION:-2026-07}/graphql.json")
	eq "HTTP status of $(basename "$1")" "$STATUS" 200
}

# ctl METHOD PATH [JSON]: a control route; the answer is in $T/ctl.
ctl() {
	code=$(curl -s -o "$T/ctl" -w '%{http_code}' -X "$1" \
	    -H 'Content-Type: application/json' --data-binary "${3-}" \
	    "$URL$2")
	[ "$code" = 200 ] || { cat "$T/ctl" >&2; fail "$1 $2: HTTP $code"; }
}

# doc NAME: the document on stdin becomes $T/NAME.graphql.
doc() {
	cat >"$T/$1.graphql"
}

# wait_for CMD...: retry for up to 5 s.
wait_for() {
	n=0
	until "$@"; do
		n=$((n + 1))
		[ $n -lt 100 ] || return 1
		sleep 0.05
	done
}

# 1. The schema: every operation invsync sends validates against 2026-07
# (and 2026-04, the oldest served); typos are caught and named.
for v in 2026-07 2026-04; do
	gzip -dc "$SCHEMAS/$v.graphql.gz" >"$T/$v.graphql" ||
	    fail "cannot read $SCHEMAS/$v.graphql.gz"
	"$FAKES/fake_gqlcheck" "$T/$v.graphql" "$OPS"/*.graphql >"$T/check" ||
	    { cat "$T/check" >&2; fail "ops/ do not validate against $v"; }
done
[ "$(grep -c '^ok ' "$T/check")" -ge 8 ] || fail "fewer than 8 ops checked"
ok "every ops/*.graphql validates against 2026-07 and 2026-04"

# The operations quoted in the contract itself, verbatim.
MD=${SHOPIFY_MD:-$SRCDIR/../shared/reference/shopify.md}
if [ -f "$MD" ]; then
	mkdir "$T/md"
	awk -v dir="$T/md" '/^```graphql/ { inb = 1; next }
	    /^```/ { inb = 0; next }
	    inb && /^(query|mutation)/ { n++ }
	    inb { print > sprintf("%s/%02d.graphql", dir, n) }' "$MD"
	[ "$(ls "$T/md" | wc -l)" -ge 4 ] || fail "no operations found in $MD"
	"$FAKES/fake_gqlcheck" "$T/2026-07.graphql" "$T/md"/*.graphql \
	    >"$T/check" || { cat "$T/check" >&2; fail "shopify.md operations"; }
	ok "the $(ls "$T/md" | wc -l | tr -d ' ') operations quoted in shopify.md validate against 2026-07"
fi

# reject NAME CODE TEXT: the document on stdin fails with CODE and TEXT.
reject() {
	cat >"$T/bad.graphql"
	if "$FAKES/fake_gqlcheck" "$T/2026-07.graphql" "$T/bad.graphql" \
	    >"$T/check"; then
		fail "$1 was accepted"
	fi
	grep -F "\"code\":\"$2\"" "$T/check" >/dev/null ||
	    { cat "$T/check" >&2; fail "$1: no $2 error"; }
	grep -F -- "$3" "$T/check" >/dev/null ||
	    { cat "$T/check" >&2; fail "$1: message lacks $3"; }
}
sed 's/ tracked$/ trackd/' "$OPS/levels.graphql" >"$T/typo.graphql"
grep -q trackd "$T/typo.graphql" || fail "could not plant the typo"
reject "misspelt field" undefinedField \
    "Field 'trackd' doesn't exist on type 'InventoryItem'" <"$T/typo.graphql"
reject "unknown argument" argumentNotAccepted \
    "Field 'inventoryLevels' doesn't accept argument 'frist'" <<'EOF'
{ inventoryItem(id: "gid://shopify/InventoryItem/1") {
    inventoryLevels(frist: 10) { nodes { id } } } }
EOF
reject "missing argument" missingRequiredArguments \
    "Field 'inventoryLevel' is missing required arguments: locationId" <<'EOF'
{ inventoryItem(id: "gid://shopify/InventoryItem/1") {
    inventoryLevel { id } } }
EOF
reject "selection on a scalar" selectionMismatch \
    "Selections can't be made on scalars (field 'sku' returns String" <<'EOF'
{ productVariants(first: 1) { nodes { sku { id } } } }
EOF
reject "object without selections" selectionMismatch \
    "Field must have selections (field 'inventoryItem' returns InventoryItem" <<'EOF'
{ productVariants(first: 1) { nodes { inventoryItem } } }
EOF
reject "undeclared variable" variableNotDefined \
    'Variable $after is used by Q but not declared' <<'EOF'
query Q { locations(first: 5, after: $after) { nodes { id } } }
EOF
reject "variable of the wrong type" variableMismatch \
    'Type mismatch on variable $n and argument first (String / Int)' <<'EOF'
query Q($n: String) { locations(first: $n) { nodes { id } } }
EOF
reject "removed input field" argumentNotAccepted \
    "InputObject 'InventoryQuantityInput' doesn't accept argument 'compareQuantity'" <<'EOF'
mutation { inventorySetQuantities(input: {name: "available",
  reason: "correction", quantities: [{inventoryItemId: "x",
  locationId: "y", quantity: 1, compareQuantity: 0}]})
  @idempotent(key: "k") { userErrors { code } } }
EOF
reject "directive typo" argumentNotAccepted \
    "Directive 'idempotent' doesn't accept argument 'kee'" <<'EOF'
mutation($i: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $i) @idempotent(kee: "k") { userErrors { code } } }
EOF
reject "syntax error" PARSE_ERROR "Unexpected end of document" <<'EOF'
{ shop { name }
EOF
ok "typos in fields, arguments, variables and directives are rejected by name"

# 2. Start the fake: a permanent token and an app for the grant.
TOKEN=shpat_test_0123456789
SECRET=fake-client-secret-42
"$FAKES/fake_shopify" --schema "$T/2026-07.graphql" --token "$TOKEN" \
    --client-id cid-1 --client-secret "$SECRET" --token-lifetime 2 \
    >"$T/fake.out" 2>"$T/fake.err" &
FAKE_PID=$!
PIDS="$PIDS $FAKE_PID"
wait_for grep -q '^listening on http://127.0.0.1:[0-9][0-9]*$' "$T/fake.out" ||
    { cat "$T/fake.out" "$T/fake.err" >&2; fail "fake_shopify did not start"; }
[ "$(wc -l <"$T/fake.out")" -eq 1 ] || fail "more than one line on stdout"
URL=$(sed -n 's/^listening on //p' "$T/fake.out")
ok "fake_shopify listens on $URL"

# 3. Tokens and versions.
doc shop <"$OPS/shop.graphql"
code=$(curl -s -o "$T/resp" -w '%{http_code}' -H 'X-Shopify-Access-Token: nope' \
    -H 'Content-Type: application/json' -d '{"query":"{shop{name}}"}' \
    "$URL/admin/api/2026-07/graphql.json")
eq "bad token status" "$code" 401
eq "bad token body" "$(cat "$T/resp")" \
    '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}'
code=$(curl -s -o "$T/resp" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"query":"{shop{name}}"}' "$URL/admin/api/2026-07/graphql.json")
eq "missing token status" "$code" 401
gql "$T/shop.graphql" '{}'
eq "shop name" "$(jv 'd["data"]["shop"]["name"]')" "invsync demo shop"
eq "scopes" "$(jv '",".join(s["handle"] for s in d["data"]["currentAppInstallation"]["accessScopes"])')" \
    "read_products,read_inventory,write_inventory,read_locations,read_orders,read_all_orders"
grep -qi '^X-Shopify-API-Version: 2026-07' "$T/hdr" || fail "no version header"
VERSION=2023-10 gql "$T/shop.graphql" '{}'
grep -qi '^X-Shopify-API-Version: 2026-04' "$T/hdr" ||
    { cat "$T/hdr" >&2; fail "unknown version not served as 2026-04"; }
eq "cost always present" "$(jv '"cost" in d["extensions"]')" true
ok "401 for bad or missing tokens; unknown versions served as 2026-04"

# Client-credentials grant; the token expires after --token-lifetime.
code=$(curl -s -o "$T/resp" -w '%{http_code}' -d client_id=cid-1 \
    -d "client_secret=wrong" -d grant_type=client_credentials \
    "$URL/admin/oauth/access_token")
eq "wrong client secret" "$code" 401
code=$(curl -s -o "$T/grant" -w '%{http_code}' -d client_id=cid-1 \
    -d "client_secret=$SECRET" -d grant_type=client_credentials \
    "$URL/admin/oauth/access_token")
eq "grant status" "$code" 200
GRANTED=$(jv 'd["access_token"]' "$T/grant")
eq "expires_in" "$(jv 'd["expires_in"]' "$T/grant")" 2
case $GRANTED in shpat_*) ;; *) fail "granted token $GRANTED" ;; esac
gql "$T/shop.graphql" '{}' "$GRANTED"
eq "granted token works" "$(jv 'd["data"]["shop"]["name"]')" "invsync demo shop"
sleep 2.2
code=$(curl -s -o "$T/resp" -w '%{http_code}' -H "X-Shopify-Access-Token: $GRANTED" \
    -d '{"query":"{shop{name}}"}' "$URL/admin/api/2026-07/graphql.json")
eq "expired token" "$code" 401
ok "client-credentials grant issues a token that expires into a 401"

# 4. Validation over HTTP: HTTP 200, errors only, no data.
gql "$T/typo.graphql" '{"first":1}'
eq "typo code" "$(jv 'd["errors"][0]["extensions"]["code"]')" undefinedField
eq "typo message" "$(jv 'd["errors"][0]["message"]')" \
    "Field 'trackd' doesn't exist on type 'InventoryItem'"
eq "typo path" "$(jv 'd["errors"][0]["path"]')" \
    '["query Levels", "productVariants", "nodes", "inventoryItem", "trackd"]'
eq "no data with a typo" "$(jv '"data" in d')" false
gql "$OPS/set_quantities.graphql" '{"key":"k","input":{"name":"available","reason":"correction","quantities":[{"inventoryItemId":"gid://shopify/InventoryItem/1","locationId":"gid://shopify/Location/1","quantity":1,"changeFromQuantity":0,"compareQuantity":0}]}}'
eq "compareQuantity variable" "$(jv 'd["errors"][0]["extensions"]["code"]')" INVALID_VARIABLE
eq "compareQuantity problem" "$(jv 'd["errors"][0]["extensions"]["problems"][0]["path"]')" \
    '["quantities", 0, "compareQuantity"]'
ok "invalid documents and variables answer HTTP 200 with the right codes"

# 5. The store: two locations (one inactive), five variants, made on a
# fixed clock so updated_at filters have known answers.
ctl POST /_fake/config '{"now":"2026-06-22T21:00:00Z"}'
ctl POST /_fake/locations '{"name":"Shop floor"}'
LOC=$(jv 'd["id"]' "$T/ctl")
ctl POST /_fake/locations '{"name":"Old depot","active":false}'
ctl POST /_fake/products "{\"title\":\"Mug\",\"variants\":[
  {\"sku\":\"MUG-RED\",\"levels\":[{\"location_id\":\"$LOC\",\"available\":5}]},
  {\"sku\":\"MUG-BLUE\",\"levels\":[{\"location_id\":\"$LOC\",\"available\":3}]},
  {\"sku\":\"MUG-GREEN\",\"levels\":[{\"location_id\":\"$LOC\",\"available\":0}]}]}"
ctl POST /_fake/products "{\"title\":\"Tea\",\"variants\":[
  {\"sku\":\"TEA-1\",\"levels\":[{\"location_id\":\"$LOC\",\"available\":9,\"damaged\":2}]},
  {\"sku\":\"TEA-2\",\"tracked\":false,\"levels\":[{\"location_id\":\"$LOC\",\"available\":1}]}]}"
ctl GET /_fake/state
ITEM_RED=$(jv '[v for p in d["products"] for v in p["variants"] if v["sku"]=="MUG-RED"][0]["inventory_item"]["id"]' "$T/ctl")
ITEM_BLUE=$(jv '[v for p in d["products"] for v in p["variants"] if v["sku"]=="MUG-BLUE"][0]["inventory_item"]["id"]' "$T/ctl")
ITEM_TEA=$(jv '[v for p in d["products"] for v in p["variants"] if v["sku"]=="TEA-1"][0]["inventory_item"]["id"]' "$T/ctl")
VAR_RED=$(jv '[v for p in d["products"] for v in p["variants"] if v["sku"]=="MUG-RED"][0]["id"]' "$T/ctl")
VAR_BLUE=$(jv '[v for p in d["products"] for v in p["variants"] if v["sku"]=="MUG-BLUE"][0]["id"]' "$T/ctl")
case $ITEM_RED in gid://shopify/InventoryItem/[0-9]*) ;; *) fail "item id $ITEM_RED" ;; esac
eq "on_hand invariant (damaged counts)" \
    "$(jv '[l for p in d["products"] for v in p["variants"] if v["sku"]=="TEA-1" for l in v["inventory_item"]["levels"]][0]["on_hand"]' "$T/ctl")" 11

gql "$OPS/locations.graphql" '{}'
eq "active locations only" "$(jv '[n["name"] for n in d["data"]["locations"]["nodes"]]')" '["Shop floor"]'
doc locs_all <<'EOF'
{ locations(first: 5, includeInactive: true) { nodes { name isActive } } }
EOF
gql "$T/locs_all.graphql" '{}'
eq "includeInactive" "$(jv 'len(d["data"]["locations"]["nodes"])')" 2

# 6. Pagination: 5 variants, 2 a page.
gql "$OPS/levels.graphql" '{"first":2}'
P1=$(jv '[n["sku"] for n in d["data"]["productVariants"]["nodes"]]')
eq "page 1" "$P1" '["MUG-RED", "MUG-BLUE"]'
eq "page 1 hasNextPage" "$(jv 'd["data"]["productVariants"]["pageInfo"]["hasNextPage"]')" true
C1=$(jv 'd["data"]["productVariants"]["pageInfo"]["endCursor"]')
eq "level id shape" "$(jv 'd["data"]["productVariants"]["nodes"][0]["inventoryItem"]["inventoryLevels"]["nodes"][0]["id"]' | sed 's/[0-9][0-9]*/N/g')" \
    "gid://shopify/InventoryLevel/N?inventory_item_id=N"
eq "quantities" "$(jv 'd["data"]["productVariants"]["nodes"][0]["inventoryItem"]["inventoryLevels"]["nodes"][0]["quantities"]')" \
    '[{"name": "available", "quantity": 5}, {"name": "on_hand", "quantity": 5}, {"name": "committed", "quantity": 0}]'
# 2 + 2 * (1 + item 1 + levels (2 + 10 * (1 + location 1 + 3 names))) + 1
eq "requested cost of Levels(first:2)" "$(jv 'd["extensions"]["cost"]["requestedQueryCost"]')" 111
# the same with the one level each item has
eq "actual cost of Levels(first:2)" "$(jv 'd["extensions"]["cost"]["actualQueryCost"]')" 21
gql "$OPS/levels.graphql" "{\"first\":2,\"after\":\"$C1\"}"
eq "page 2" "$(jv '[n["sku"] for n in d["data"]["productVariants"]["nodes"]]')" '["MUG-GREEN", "TEA-1"]'
C2=$(jv 'd["data"]["productVariants"]["pageInfo"]["endCursor"]')
gql "$OPS/levels.graphql" "{\"first\":2,\"after\":\"$C2\"}"
eq "page 3" "$(jv '[n["sku"] for n in d["data"]["productVariants"]["nodes"]]')" '["TEA-2"]'
eq "page 3 hasNextPage" "$(jv 'd["data"]["productVariants"]["pageInfo"]["hasNextPage"]')" false
eq "untracked" "$(jv 'd["data"]["productVariants"]["nodes"][0]["inventoryItem"]["tracked"]')" false
C3=$(jv 'd["data"]["productVariants"]["pageInfo"]["endCursor"]')
gql "$OPS/levels.graphql" "{\"first\":2,\"after\":\"$C3\"}"
eq "empty page" "$(jv 'd["data"]["productVariants"]')" \
    '{"nodes": [], "pageInfo": {"endCursor": null, "hasNextPage": false}}'
doc pinfo <<'EOF'
query($after: String) { productVariants(first: 2, after: $after) {
  edges { cursor node { sku } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
EOF
gql "$T/pinfo.graphql" "{\"after\":\"$C1\"}"
eq "edges" "$(jv '[e["node"]["sku"] for e in d["data"]["productVariants"]["edges"]]')" '["MUG-GREEN", "TEA-1"]'
eq "hasPreviousPage" "$(jv 'd["data"]["productVariants"]["pageInfo"]["hasPreviousPage"]')" true
eq "startCursor is the first edge's" "$(jv 'd["data"]["productVariants"]["pageInfo"]["startCursor"] == d["data"]["productVariants"]["edges"][0]["cursor"]')" true
eq "endCursor matches nodes" "$(jv 'd["data"]["productVariants"]["pageInfo"]["endCursor"]')" "$C2"
doc big <<'EOF'
{ productVariants(first: 251) { nodes { id } } }
EOF
gql "$T/big.graphql" '{}'
eq "first > 250 refused" "$(jv '"must be less than or equal to 250" in d["errors"][0]["message"]')" true
ok "pagination: pages, cursors, pageInfo, the empty page, first <= 250"

# 7. Filters.
gql "$OPS/levels.graphql" '{"first":10,"query":"sku:MUG-BLUE"}'
eq "sku filter" "$(jv '[n["sku"] for n in d["data"]["productVariants"]["nodes"]]')" '["MUG-BLUE"]'
gql "$OPS/levels.graphql" '{"first":10,"query":"sku:NOPE"}'
eq "sku filter, no match" "$(jv 'len(d["data"]["productVariants"]["nodes"])')" 0
gql "$OPS/levels.graphql" '{"first":10,"query":"colour:red"}'
eq "unknown filter field is a search warning" \
    "$(jv 'd["extensions"]["search"][0]["warnings"][0]["field"]')" colour
ok "sku: filter and search warnings"

# 8. Orders: the clock is fixed so updatedAt is known.
ctl POST /_fake/config '{"now":"2026-06-22T22:00:00Z"}'
ctl POST /_fake/orders "{\"lines\":[{\"variant_id\":\"$VAR_RED\",\"quantity\":2}]}"
O1=$(jv 'd["id"]' "$T/ctl")
L1=$(jv 'd["line_items"][0]["id"]' "$T/ctl")
doc level <"$OPS/level.graphql"
doc q3 <<'EOF'
query($item: ID!, $loc: ID!) { inventoryItem(id: $item) {
  inventoryLevel(locationId: $loc) {
    quantities(names: ["available", "committed", "on_hand"]) { name quantity } } } }
EOF
gql "$T/q3.graphql" "{\"item\":\"$ITEM_RED\",\"loc\":\"$LOC\"}"
eq "order moves available to committed" \
    "$(jv '[q["quantity"] for q in d["data"]["inventoryItem"]["inventoryLevel"]["quantities"]]')" '[3, 2, 5]'
ctl POST /_fake/config '{"now":"2026-06-22T22:01:00Z"}'
ctl POST /_fake/orders "{\"lines\":[{\"variant_id\":\"$VAR_BLUE\",\"quantity\":2}]}"
O2=$(jv 'd["id"]' "$T/ctl")
L2=$(jv 'd["line_items"][0]["id"]' "$T/ctl")
orders() {
	gql "$OPS/orders.graphql" "{\"first\":${2:-5},\"query\":\"$1\"}"
}
orders "updated_at:>'2026-06-22T22:00:30Z'"
eq "updated_at:>" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]]')" "[\"$O2\"]"
orders "updated_at:>='2026-06-22T22:00:00Z'"
eq "updated_at:>=" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]]')" "[\"$O1\", \"$O2\"]"
orders "updated_at:<'2026-06-22T22:00:30Z'"
eq "updated_at:<" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]]')" "[\"$O1\"]"
orders "updated_at:>'2026-06-22T22:00:00Z'"
eq "updated_at:> is strict" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]]')" "[\"$O2\"]"
orders "updated_at:>='2026-06-22T21:00:00Z'"
eq "line item" "$(jv 'd["data"]["orders"]["nodes"][0]["lineItems"]["nodes"][0]')" \
    "{\"currentQuantity\": 2, \"id\": \"$L1\", \"quantity\": 2, \"sku\": \"MUG-RED\", \"variant\": {\"id\": \"$VAR_RED\"}}"
eq "updatedAt" "$(jv 'd["data"]["orders"]["nodes"][0]["updatedAt"]')" 2026-06-22T22:00:00Z
eq "not cancelled" "$(jv '[d["data"]["orders"]["nodes"][0][k] for k in ("cancelledAt","cancelReason","test","refunds")]')" '[null, null, false, []]'
orders "updated_at:>='2026-06-22T21:00:00Z'" 1
eq "orders page 1" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]] + [d["data"]["orders"]["pageInfo"]["hasNextPage"]]')" "[\"$O1\", true]"

# Cancel order 1 a minute later: restocked, refunded, bumped, re-sorted.
ctl POST /_fake/config '{"now":"2026-06-22T22:02:00Z"}'
ctl POST /_fake/orders/cancel "{\"order_id\":\"$O1\",\"reason\":\"CUSTOMER\"}"
orders "updated_at:>'2026-06-22T22:01:30Z'"
eq "cancel bumps updatedAt" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]]')" "[\"$O1\"]"
eq "cancelled" "$(jv '[d["data"]["orders"]["nodes"][0][k] for k in ("cancelledAt","cancelReason","updatedAt")]')" \
    '["2026-06-22T22:02:00Z", "CUSTOMER", "2026-06-22T22:02:00Z"]'
eq "cancel empties currentQuantity" "$(jv 'd["data"]["orders"]["nodes"][0]["lineItems"]["nodes"][0]["currentQuantity"]')" 0
eq "cancel refund" "$(jv 'd["data"]["orders"]["nodes"][0]["refunds"][0]["refundLineItems"]["nodes"]')" \
    "[{\"lineItem\": {\"id\": \"$L1\"}, \"quantity\": 2, \"restockType\": \"CANCEL\"}]"
gql "$T/q3.graphql" "{\"item\":\"$ITEM_RED\",\"loc\":\"$LOC\"}"
eq "cancel restocks" "$(jv '[q["quantity"] for q in d["data"]["inventoryItem"]["inventoryLevel"]["quantities"]]')" '[5, 0, 5]'
orders "updated_at:>='2026-06-22T21:00:00Z'"
eq "sorted by UPDATED_AT" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]]')" "[\"$O2\", \"$O1\"]"

# Ship order 2, then refund one unit as a return.
ctl POST /_fake/config '{"now":"2026-06-22T22:03:00Z"}'
ctl POST /_fake/orders/fulfil "{\"order_id\":\"$O2\"}"
gql "$T/q3.graphql" "{\"item\":\"$ITEM_BLUE\",\"loc\":\"$LOC\"}"
eq "fulfilment takes committed and on_hand" "$(jv '[q["quantity"] for q in d["data"]["inventoryItem"]["inventoryLevel"]["quantities"]]')" '[1, 0, 1]'
ctl POST /_fake/config '{"now":"2026-06-22T22:04:00Z"}'
ctl POST /_fake/orders/refund "{\"order_id\":\"$O2\",\"lines\":[{\"line_item_id\":\"$L2\",\"quantity\":1,\"restock_type\":\"RETURN\"}]}"
orders "updated_at:>='2026-06-22T22:04:00Z'"
eq "refund bumps updatedAt" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]]')" "[\"$O2\"]"
eq "refund lowers currentQuantity" "$(jv 'd["data"]["orders"]["nodes"][0]["lineItems"]["nodes"][0]["currentQuantity"]')" 1
eq "refund line" "$(jv 'd["data"]["orders"]["nodes"][0]["refunds"][0]["refundLineItems"]["nodes"][0]["restockType"]')" RETURN
gql "$T/q3.graphql" "{\"item\":\"$ITEM_BLUE\",\"loc\":\"$LOC\"}"
eq "return restocks" "$(jv '[q["quantity"] for q in d["data"]["inventoryItem"]["inventoryLevel"]["quantities"]]')" '[2, 0, 2]'
gql "$OPS/levels.graphql" '{"first":10,"query":"updated_at:>'"'"'2026-06-22T22:03:30Z'"'"'"}'
eq "variant updated_at filter" "$(jv '[n["sku"] for n in d["data"]["productVariants"]["nodes"]]')" '["MUG-BLUE"]'
# An edit that removes two of three units gives them back.
ctl POST /_fake/orders "{\"lines\":[{\"sku\":\"TEA-1\",\"quantity\":3}]}"
O3=$(jv 'd["id"]' "$T/ctl")
gql "$T/q3.graphql" "{\"item\":\"$ITEM_TEA\",\"loc\":\"$LOC\"}"
eq "order of 3" "$(jv '[q["quantity"] for q in d["data"]["inventoryItem"]["inventoryLevel"]["quantities"]]')" '[6, 3, 11]'
ctl POST /_fake/config '{"now":"2026-06-22T22:05:00Z"}'
ctl POST /_fake/orders/edit "{\"order_id\":\"$O3\",\"quantity\":1}"
orders "updated_at:>='2026-06-22T22:05:00Z'"
eq "edit bumps updatedAt" "$(jv '[n["id"] for n in d["data"]["orders"]["nodes"]]')" "[\"$O3\"]"
eq "edit: quantity and currentQuantity" "$(jv '[d["data"]["orders"]["nodes"][0]["lineItems"]["nodes"][0][k] for k in ("quantity","currentQuantity")]')" '[3, 1]'
gql "$T/q3.graphql" "{\"item\":\"$ITEM_TEA\",\"loc\":\"$LOC\"}"
eq "edit restocks" "$(jv '[q["quantity"] for q in d["data"]["inventoryItem"]["inventoryLevel"]["quantities"]]')" '[8, 1, 11]'
ctl POST /_fake/orders/cancel "{\"order_id\":\"$O3\"}"
ok "orders: committed on create; edit, cancel, fulfil and refund move stock and bump updatedAt"

# 9. Cost: MAX_COST_EXCEEDED, then a small bucket throttles a burst.
gql "$OPS/levels.graphql" '{"first":50}'
eq "max cost" "$(jv 'd["errors"][0]["extensions"]["code"]')" MAX_COST_EXCEEDED
eq "max cost message" "$(jv 'd["errors"][0]["message"].split(",")[0]')" "Query cost is 2703"
eq "max cost: no data" "$(jv '"data" in d')" false
eq "max cost: requested" "$(jv 'd["extensions"]["cost"]["requestedQueryCost"]')" 2703
ctl POST /_fake/config '{"bucket":150,"restore":10}'
throttled=0
for i in 1 2 3 4 5 6; do
	gql "$OPS/levels.graphql" '{"first":2}'
	if [ "$(jv '"errors" in d and d["errors"][0]["extensions"]["code"]')" = THROTTLED ]; then
		throttled=1
		break
	fi
done
eq "a burst is throttled" "$throttled" 1
eq "throttled: no data" "$(jv '"data" in d')" false
eq "throttled: actual cost null" "$(jv 'd["extensions"]["cost"]["actualQueryCost"]')" null
eq "throttled: status" "$(jv '[d["extensions"]["cost"]["throttleStatus"][k] for k in ("maximumAvailable","restoreRate")]')" '[150, 10]'
avail=$(jv 'd["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"]')
[ "$avail" -lt 111 ] || fail "throttled with $avail available"
sleep "$(python3 -c "print((111 - $avail) / 10 + 0.3)")"
gql "$OPS/levels.graphql" '{"first":2}'
eq "after waiting" "$(jv 'len(d["data"]["productVariants"]["nodes"])')" 2
ctl POST /_fake/config '{"throttle_always":true}'
gql "$T/shop.graphql" '{}'
eq "throttle switch" "$(jv 'd["errors"][0]["extensions"]["code"]')" THROTTLED
ctl POST /_fake/config '{"throttle_always":false,"bucket":2000,"restore":100}'
ok "cost: MAX_COST_EXCEEDED over 1000, THROTTLED with extensions.cost, then success"

# 10. inventorySetQuantities.
set_vars() {	# key item quantity changeFrom [name]
	echo "{\"key\":\"$1\",\"input\":{\"name\":\"${5:-available}\",\"reason\":\"correction\",\"referenceDocumentUri\":\"gid://invsync/StockMovement/1\",\"quantities\":[{\"inventoryItemId\":\"$2\",\"locationId\":\"$LOC\",\"quantity\":$3,\"changeFromQuantity\":$4}]}}"
}
avail_of() {
	gql "$OPS/level.graphql" "{\"item\":\"$1\",\"loc\":\"$LOC\"}"
	jv 'd["data"]["inventoryItem"]["inventoryLevel"]["quantities"][0]["quantity"]'
}
eq "before the push" "$(avail_of "$ITEM_RED")" 5
gql "$OPS/set_quantities.graphql" "$(set_vars push-1 "$ITEM_RED" 7 5)"
cp "$T/resp" "$T/first"
eq "set: changes" "$(jv 'd["data"]["inventorySetQuantities"]["inventoryAdjustmentGroup"]["changes"]')" \
    '[{"delta": 2, "name": "available", "quantityAfterChange": null}, {"delta": 2, "name": "on_hand", "quantityAfterChange": null}]'
eq "set: no userErrors" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"]')" '[]'
eq "set: mutation cost" "$(jv 'd["extensions"]["cost"]["requestedQueryCost"]')" 10
eq "set applied" "$(avail_of "$ITEM_RED")" 7
gql "$OPS/set_quantities.graphql" "$(set_vars push-1 "$ITEM_RED" 7 5)"
eq "replay answers the first answer" "$(jv 'd["data"]' "$T/resp")" "$(jv 'd["data"]' "$T/first")"
ctl GET /_fake/state
eq "replay applied nothing more" "$(jv 'd["adjustment_groups"]' "$T/ctl")" 1
eq "still 7" "$(avail_of "$ITEM_RED")" 7
gql "$OPS/set_quantities.graphql" "$(set_vars push-1 "$ITEM_RED" 8 7)"
eq "same key, other variables" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" \
    IDEMPOTENCY_KEY_PARAMETER_MISMATCH
eq "mismatch applies nothing" "$(avail_of "$ITEM_RED")" 7
gql "$OPS/set_quantities.graphql" "$(set_vars push-2 "$ITEM_RED" 9 5)"
eq "stale compare" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"]')" \
    '[{"code": "CHANGE_FROM_QUANTITY_STALE", "field": ["input", "quantities", "0", "changeFromQuantity"], "message": "The changeFromQuantity value does not match persisted value."}]'
eq "stale: no group" "$(jv 'd["data"]["inventorySetQuantities"]["inventoryAdjustmentGroup"]')" null
eq "stale changed nothing" "$(avail_of "$ITEM_RED")" 7
gql "$OPS/set_quantities.graphql" "$(set_vars push-3 "$ITEM_RED" 4 null)"
eq "explicit null skips the compare" "$(avail_of "$ITEM_RED")" 4
gql "$OPS/set_quantities.graphql" "{\"key\":\"push-4\",\"input\":{\"name\":\"available\",\"reason\":\"correction\",\"quantities\":[
  {\"inventoryItemId\":\"$ITEM_RED\",\"locationId\":\"$LOC\",\"quantity\":6,\"changeFromQuantity\":4},
  {\"inventoryItemId\":\"$ITEM_BLUE\",\"locationId\":\"$LOC\",\"quantity\":6,\"changeFromQuantity\":99}]}}"
eq "one stale row" "$(jv '[e["field"] for e in d["data"]["inventorySetQuantities"]["userErrors"]]')" \
    '[["input", "quantities", "1", "changeFromQuantity"]]'
eq "all or nothing" "$(avail_of "$ITEM_RED")" 4
gql "$OPS/set_quantities.graphql" "{\"key\":\"push-5\",\"input\":{\"name\":\"available\",\"reason\":\"correction\",\"quantities\":[{\"inventoryItemId\":\"$ITEM_RED\",\"locationId\":\"$LOC\",\"quantity\":6}]}}"
eq "missing changeFromQuantity" "$(jv 'd["errors"][0]["extensions"]["code"]')" INVALID_FIELD_ARGUMENTS
eq "missing changeFromQuantity: root null" "$(jv 'd["data"]')" '{"inventorySetQuantities": null}'
eq "missing changeFromQuantity changed nothing" "$(avail_of "$ITEM_RED")" 4
sed 's/ @idempotent(key: \$key)//; s/, \$key: String!//' "$OPS/set_quantities.graphql" >"$T/nokey.graphql"
gql "$T/nokey.graphql" "$(set_vars unused "$ITEM_RED" 6 4 | sed 's/"key":"unused",//')"
eq "missing @idempotent" "$(jv 'd["errors"][0]["extensions"]["code"]')" BAD_REQUEST
eq "missing @idempotent: root null" "$(jv 'd["data"]')" '{"inventorySetQuantities": null}'
eq "missing @idempotent changed nothing" "$(avail_of "$ITEM_RED")" 4
gql "$OPS/set_quantities.graphql" "$(set_vars push-6 "$ITEM_RED" 1 4 | sed 's/"available"/"committed"/')"
eq "bad name" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" INVALID_NAME
gql "$OPS/set_quantities.graphql" "$(set_vars push-7 "$ITEM_RED" 1 4 | sed 's/"correction"/"because"/')"
eq "bad reason" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" INVALID_REASON
gql "$OPS/set_quantities.graphql" "$(set_vars push-8 "$ITEM_RED" -1 null on_hand)"
eq "negative on_hand" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" INVALID_QUANTITY_NEGATIVE
gql "$OPS/set_quantities.graphql" "$(set_vars push-9 "$ITEM_RED" 1000000001 null)"
eq "too high" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" INVALID_QUANTITY_TOO_HIGH
gql "$OPS/set_quantities.graphql" "{\"key\":\"push-10\",\"input\":{\"name\":\"available\",\"reason\":\"correction\",\"quantities\":[
  {\"inventoryItemId\":\"$ITEM_RED\",\"locationId\":\"$LOC\",\"quantity\":6,\"changeFromQuantity\":null},
  {\"inventoryItemId\":\"$ITEM_RED\",\"locationId\":\"$LOC\",\"quantity\":6,\"changeFromQuantity\":null}]}}"
eq "duplicate rows" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" \
    NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR
python3 -c "
import json
rows = [{'inventoryItemId': '$ITEM_RED', 'locationId': '$LOC', 'quantity': 1,
    'changeFromQuantity': None}] * 251
print(json.dumps({'key': 'push-11', 'input': {'name': 'available',
    'reason': 'correction', 'quantities': rows}}))" >"$T/rows251"
gql "$OPS/set_quantities.graphql" "$(cat "$T/rows251")"
eq "251 rows" "$(jv 'd["errors"][0]["extensions"]["code"]')" MAX_INPUT_SIZE_EXCEEDED
gql "$OPS/set_quantities.graphql" "$(set_vars push-12 "$ITEM_TEA" 5 9 on_hand)"
eq "on_hand compares against on_hand (11, not 9)" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" \
    CHANGE_FROM_QUANTITY_STALE
gql "$OPS/set_quantities.graphql" "$(set_vars push-13 "$ITEM_TEA" 5 11 on_hand)"
eq "set on_hand: on_hand 11 -> 5" "$(jv '[(c["name"], c["delta"]) for c in d["data"]["inventorySetQuantities"]["inventoryAdjustmentGroup"]["changes"]]')" \
    '[["on_hand", -6], ["available", -6]]'
eq "set on_hand moves available" "$(avail_of "$ITEM_TEA")" 3
gql "$OPS/adjust_quantities.graphql" "{\"key\":\"adj-1\",\"input\":{\"name\":\"available\",\"reason\":\"correction\",\"changes\":[{\"inventoryItemId\":\"$ITEM_RED\",\"locationId\":\"$LOC\",\"delta\":-1,\"changeFromQuantity\":4}]}}"
eq "adjust" "$(jv 'd["data"]["inventoryAdjustQuantities"]["inventoryAdjustmentGroup"]["changes"]')" \
    '[{"delta": -1, "name": "available", "quantityAfterChange": null}, {"delta": -1, "name": "on_hand", "quantityAfterChange": null}]'
eq "adjust applied" "$(avail_of "$ITEM_RED")" 3
gql "$OPS/adjust_quantities.graphql" "{\"key\":\"adj-2\",\"input\":{\"name\":\"damaged\",\"reason\":\"damaged\",\"changes\":[{\"inventoryItemId\":\"$ITEM_RED\",\"locationId\":\"$LOC\",\"delta\":1,\"changeFromQuantity\":null}]}}"
eq "adjust damaged needs a ledger document" "$(jv 'd["data"]["inventoryAdjustQuantities"]["userErrors"][0]["code"]')" INVALID_QUANTITY_DOCUMENT
ctl POST /_fake/config "{\"race_next_write\":{\"inventory_item_id\":\"$ITEM_RED\",\"location_id\":\"$LOC\",\"delta\":-1}}"
gql "$OPS/set_quantities.graphql" "$(set_vars push-14 "$ITEM_RED" 10 3)"
eq "stock changed between read and write" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" CHANGE_FROM_QUANTITY_STALE
eq "the sale in between stands" "$(avail_of "$ITEM_RED")" 2
ctl POST /_fake/config '{"idempotency_running":["push-15"]}'
gql "$OPS/set_quantities.graphql" "$(set_vars push-15 "$ITEM_RED" 10 2)"
eq "key still running" "$(jv 'd["data"]["inventorySetQuantities"]["userErrors"][0]["code"]')" IDEMPOTENCY_CONCURRENT_REQUEST
eq "running key applies nothing" "$(avail_of "$ITEM_RED")" 2
ctl POST /_fake/config '{"idempotency_running":[]}'
ok "inventorySetQuantities: CAS, idempotency, all-or-nothing, 2026-04 rules"

# The request log shows what was sent; fakehttp's faults apply here too.
ctl DELETE /_fake/log
gql "$OPS/set_quantities.graphql" "$(set_vars push-16 "$ITEM_RED" 2 2)"
ctl GET /_fake/log
eq "logged request" "$(jv 'json.loads(d[-1]["body"])["variables"]["key"]' "$T/ctl")" push-16
ctl POST /_fake/faults '{"status":429,"retry_after":"2","count":1}'
code=$(curl -s -o /dev/null -D "$T/hdr" -w '%{http_code}' -H "X-Shopify-Access-Token: $TOKEN" \
    -d '{"query":"{shop{name}}"}' "$URL/admin/api/2026-07/graphql.json")
eq "429 fault" "$code" 429
grep -qi '^Retry-After: 2' "$T/hdr" || fail "no Retry-After"
gql "$T/shop.graphql" '{}'
eq "fault spent" "$(jv 'd["data"]["shop"]["name"]')" "invsync demo shop"
ok "request log and fault switches"

# 11. Scopes.
ctl POST /_fake/config '{"scopes":"read_products"}'
orders "updated_at:>='2026-06-22T21:00:00Z'"
eq "missing scope" "$(jv 'd["errors"][0]["extensions"]["code"]')" ACCESS_DENIED
eq "missing scope: data null" "$(jv 'd["data"]')" null
ctl POST /_fake/config '{"scopes":"read_products,read_inventory,write_inventory,read_locations,read_orders,read_all_orders"}'
ok "a missing scope is ACCESS_DENIED"

# 12. Webhooks: a receiver that files each request.
cat >"$T/receiver.py" <<'EOF'
import http.server, itertools, sys
out = sys.argv[1]
seq = itertools.count()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        n = next(seq)
        with open("%s/%03d.body" % (out, n), "wb") as f:
            f.write(body)
        with open("%s/%03d.tmp" % (out, n), "w") as f:
            for k, v in self.headers.items():
                f.write("%s: %s\n" % (k.lower(), v))
        import os
        os.rename("%s/%03d.tmp" % (out, n), "%s/%03d.hdr" % (out, n))
        self.send_response(200)
        self.end_headers()
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
EOF
mkdir "$T/hooks"
python3 "$T/receiver.py" "$T/hooks" >"$T/recv.port" &
PIDS="$PIDS $!"
wait_for test -s "$T/recv.port" || fail "receiver did not start"
HOOK=http://127.0.0.1:$(cat "$T/recv.port")/hooks/shopify
ctl POST /_fake/config '{"huge_ids":true}'
ctl POST /_fake/products "{\"title\":\"Big\",\"variants\":[{\"sku\":\"BIG-1\",\"levels\":[{\"location_id\":\"$LOC\",\"available\":4}]}]}"
VAR_BIG=$(jv 'd["products"][0]["variants"][0]["id"]' "$T/ctl")
case $VAR_BIG in gid://shopify/ProductVariant/2718783465968840[0-9][0-9]) ;; *) fail "huge id $VAR_BIG" ;; esac
ctl POST /_fake/webhooks "{\"uri\":\"$HOOK\",\"topics\":[\"orders/create\",\"inventory_levels/update\"]}"
ctl POST /_fake/orders "{\"lines\":[{\"variant_id\":\"$VAR_BIG\",\"quantity\":1}]}"
OBIG=$(jv 'd["id"]' "$T/ctl")
have_hooks() {
	[ "$(ls "$T/hooks" | grep -c '\.hdr$')" -ge "$1" ]
}
wait_for have_hooks 2 || fail "webhooks were not delivered"
f=$(grep -l '^x-shopify-topic: orders/create' "$T/hooks"/*.hdr | head -1)
[ -n "$f" ] || fail "no orders/create delivery"
b=${f%.hdr}.body
hdr() {
	sed -n "s/^$1: //p" "$2" | tr -d '\r'
}
want=$(hdr x-shopify-hmac-sha256 "$f")
got=$(openssl dgst -sha256 -hmac "$SECRET" -binary "$b" | base64)
eq "HMAC of the raw body" "$got" "$want"
[ -n "$(hdr x-shopify-webhook-id "$f")" ] || fail "no webhook id"
hdr x-shopify-triggered-at "$f" | grep -q '^20[0-9-]*T[0-9:.]*Z$' || fail "no triggered-at"
eq "admin_graphql_api_id" "$(jv 'd["admin_graphql_api_id"]' "$b")" "$OBIG"
digits=${OBIG##*/}
grep -q "\"id\":$digits," "$b" || { cat "$b" >&2; fail "numeric id is not $digits"; }
[ "$digits" -gt 9007199254740992 ] || fail "$digits is not above 2^53"
grep -q "\"variant_id\":${VAR_BIG##*/}," "$b" || fail "variant_id digits"
f2=$(grep -l '^x-shopify-topic: inventory_levels/update' "$T/hooks"/*.hdr | head -1)
[ -n "$f2" ] || fail "no inventory_levels/update delivery"
eq "level webhook" "$(jv '[d["available"], d["admin_graphql_api_id"].split("?")[0].startswith("gid://shopify/InventoryLevel/")]' "${f2%.hdr}.body")" '[3, true]'
ok "webhooks: signed with the client secret, ids above 2^53 kept exact"

rm -f "$T/hooks"/*
ctl POST /_fake/config '{"webhook_duplicate":true}'
ctl POST /_fake/stock "{\"inventory_item_id\":\"$ITEM_RED\",\"location_id\":\"$LOC\",\"delta\":1}"
wait_for have_hooks 2 || fail "duplicate not delivered"
eq "duplicate keeps the webhook id" "$(cat "$T/hooks"/*.hdr | sed -n 's/^x-shopify-webhook-id: //p' | sort -u | wc -l | tr -d ' ')" 1
ctl POST /_fake/config '{"webhook_duplicate":false,"webhook_missign":true}'
rm -f "$T/hooks"/*
ctl POST /_fake/stock "{\"inventory_item_id\":\"$ITEM_RED\",\"location_id\":\"$LOC\",\"delta\":1}"
wait_for have_hooks 1 || fail "mis-signed not delivered"
f=$(ls "$T/hooks"/*.hdr | head -1)
got=$(openssl dgst -sha256 -hmac "$SECRET" -binary "${f%.hdr}.body" | base64)
[ "$got" != "$(hdr x-shopify-hmac-sha256 "$f")" ] || fail "mis-sign switch signed correctly"
ctl POST /_fake/config '{"webhook_missign":false,"webhook_reorder":true,"webhook_delay_ms":200}'
rm -f "$T/hooks"/*
for q in 11 12 13; do
	ctl POST /_fake/stock "{\"inventory_item_id\":\"$ITEM_RED\",\"location_id\":\"$LOC\",\"set\":$q}"
done
wait_for have_hooks 3 || fail "reordered deliveries did not arrive"
eq "reordered" "$(for f in "$T/hooks"/*.body; do jv 'd["available"]' "$f"; done | tr '\n' ' ')" "13 12 11 "
ctl POST /_fake/config '{"webhook_reorder":false,"webhook_delay_ms":0,"webhook_drop":1}'
rm -f "$T/hooks"/*
ctl POST /_fake/stock "{\"inventory_item_id\":\"$ITEM_RED\",\"location_id\":\"$LOC\",\"delta\":1}"
ctl GET /_fake/webhooks
eq "drop" "$(jv '[e["result"] for e in d["deliveries"]].count("dropped")' "$T/ctl")" 1
sleep 0.3
eq "dropped means not sent" "$(ls "$T/hooks" | wc -l | tr -d ' ')" 0
# A receiver that is down: retried, then given up.
ctl POST /_fake/config '{"webhook_drop":0,"webhook_retry_ms":20,"webhook_retries":2}'
ctl POST /_fake/webhooks '{"uri":"http://127.0.0.1:9/down","topics":["orders/updated"]}'
ctl POST /_fake/orders/touch "{\"order_id\":\"$O2\"}"
gave_up() {
	ctl GET /_fake/webhooks
	[ "$(jv '[(e["result"], e["attempt"]) for e in d["deliveries"] if e["uri"].endswith("/down")]' "$T/ctl")" = \
	    '[["retry", 1], ["retry", 2], ["failed", 3]]' ]
}
wait_for gave_up || { cat "$T/ctl" >&2; fail "no retries for a receiver that is down"; }
ok "webhook switches: duplicate, mis-sign, reorder, drop; retries"

# webhookSubscriptionCreate over GraphQL.
gql "$OPS/webhook_create.graphql" "{\"topic\":\"ORDERS_UPDATED\",\"uri\":\"$HOOK\"}"
eq "webhookSubscriptionCreate" "$(jv '[d["data"]["webhookSubscriptionCreate"]["webhookSubscription"][k] for k in ("topic","uri","format")]')" \
    "[\"ORDERS_UPDATED\", \"$HOOK\", \"JSON\"]"
ctl POST /_fake/orders/touch "{\"order_id\":\"$OBIG\"}"
wait_for have_hooks 1 || fail "orders/updated not delivered"
grep -q '^x-shopify-topic: orders/updated' "$T/hooks"/*.hdr || fail "topic"
ok "webhookSubscriptionCreate subscribes a topic"

# Stop cleanly (ASan reports leaks at exit).
kill -TERM "$FAKE_PID"
wait "$FAKE_PID" || fail "fake_shopify exited with $?"
[ ! -s "$T/fake.err" ] || { cat "$T/fake.err" >&2; fail "fake_shopify wrote to stderr"; }
ok "fake_shopify exits cleanly"
