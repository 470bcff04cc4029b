# woo_test.sh - fake_woo against its contract, ../shared/reference/
# woocommerce.md: auth (OAuth 1.0a, Basic only over "TLS", read-only keys),
# pagination and Link headers, validation errors, the product and stock
# model, batches, the order stock engine, faults and webhooks.
#
# Run by CTest as "sh woo_test.sh" with FAKES (the built fake programs).
# Needs curl, python3 (JSON checks, a webhook receiver) and openssl.
set -eu

: "${FAKES:?FAKES must name the directory holding fake_woo}"
T=$(mktemp -d "${TMPDIR:-/tmp}/woo-t.XXXXXX")
PIDS=""
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

# The fixed test keys of woo.h.
K=ck_4e7d6c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d
S=cs_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b
RK=ck_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c
RS=cs_1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d
API=/wp-json/wc/v3
CHECKS=0

fail() {
	echo "FAIL: $*" >&2
	if [ -s "$T/body" ]; then
		echo "--- last body" >&2
		head -c 2000 "$T/body" >&2
		echo >&2
	fi
	if [ -s "$T/woo.err" ]; then
		echo "--- fake_woo stderr" >&2
		tail -20 "$T/woo.err" >&2
	fi
	exit 1
}

ok() {
	CHECKS=$((CHECKS + 1))
}

# eq GOT WANT WHAT
eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', wanted '$2'"
	ok
}

# jv EXPR [FILE]: a Python expression over the JSON in FILE as d.
jv() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[2]))
v = eval(sys.argv[1])
print(json.dumps(v) if isinstance(v, (dict, list)) else v)' \
	    "$1" "${2:-$T/body}"
}

# header NAME: a response header of the last request.
header() {
	tr -d '\r' <"$T/hdr" | sed -n "s/^$1: //Ip" | head -1
}

# req METHOD URL [BODY] [CURL ARGS...]: STATUS, $T/body and $T/hdr.
req() {
	m=$1
	u=$2
	shift 2
	b=""
	if [ $# -gt 0 ]; then
		b=$1
		shift
	fi
	set +e
	if [ -n "$b" ]; then
		STATUS=$(curl -s -o "$T/body" -D "$T/hdr" -w '%{http_code}' \
		    -X "$m" -H 'Content-Type: application/json' \
		    --data-binary "$b" "$@" "$u")
	else
		STATUS=$(curl -s -o "$T/body" -D "$T/hdr" -w '%{http_code}' \
		    -X "$m" "$@" "$u")
	fi
	CURLRC=$?
	set -e
}

# api METHOD PATH [BODY]: with Basic auth, flagged as HTTPS.
api() {
	m=$1
	p=$2
	shift 2
	req "$m" "$U$API$p" "${1:-}" -u "$K:$S" -H 'X-Forwarded-Proto: https'
}

# signed METHOD PATH [KEY SECRET]: a URL signed with OAuth 1.0a.
signed() {
	"$FAKES/fake_oauthsign" "$1" "$U$API$2" "${3:-$K}" "${4:-$S}"
}

# ctl METHOD PATH [BODY]: a /_fake/ control route.
ctl() {
	req "$1" "$U/_fake/$2" "${3:-}"
	case $STATUS in
	2*) ;;
	*) fail "control $1 /_fake/$2: status $STATUS" ;;
	esac
}

expect_status() {
	eq "$STATUS" "$1" "$2 (status)"
}

expect_code() {
	expect_status "$1" "$3"
	eq "$(jv 'd["code"]')" "$2" "$3 (code)"
	eq "$(jv 'd["data"]["status"]')" "$1" "$3 (data.status)"
}

# wait_for CMD...: poll for up to 10 s.
wait_for() {
	i=0
	while ! "$@"; do
		i=$((i + 1))
		[ $i -lt 100 ] || return 1
		sleep 0.1
	done
}

has_line() {
	grep -q "$1" "$2" 2>/dev/null
}

"$FAKES/fake_woo" --seed-products 25 >"$T/woo.out" 2>"$T/woo.err" &
WOO=$!
PIDS="$PIDS $WOO"
wait_for has_line '^listening on ' "$T/woo.out" ||
    fail "fake_woo did not say it was listening"
U=$(sed -n 's/^listening on //p' "$T/woo.out")
eq "$(wc -l <"$T/woo.out" | tr -d ' ')" 1 "one line on stdout"

# --- 1. Authentication -------------------------------------------------

req GET "$U$API/products"
expect_code 401 woocommerce_rest_cannot_view "anonymous list"
req GET "$U$API/products" "" -u "$K:$S"
expect_code 401 woocommerce_rest_cannot_view "Basic over plain HTTP"
req GET "$U$API/products?consumer_key=$K&consumer_secret=$S"
expect_code 401 woocommerce_rest_cannot_view "query keys over plain HTTP"
api GET /products
expect_status 200 "Basic with X-Forwarded-Proto: https"
req GET "$U$API/products" "" -u "$K:cs_wrong" -H 'X-Forwarded-Proto: https'
expect_code 401 woocommerce_rest_authentication_error "Basic, bad secret"

URL=$(signed GET "/products?per_page=5")
req GET "$URL"
expect_status 200 "OAuth 1.0a HMAC-SHA256"
req GET "$URL"
expect_code 401 woocommerce_rest_authentication_error "replayed nonce"
eq "$(jv 'd["message"]')" "Invalid nonce - nonce has already been used." \
    "replayed nonce message"
req GET "$("$FAKES/fake_oauthsign" --sha1 GET "$U$API/products" "$K" "$S")"
expect_status 200 "OAuth 1.0a HMAC-SHA1"
req GET "$(signed GET /products "$K" cs_not_the_secret)"
expect_code 401 woocommerce_rest_authentication_error "bad signature"
eq "$(jv 'd["message"]')" \
    "Invalid signature - provided signature does not match." \
    "bad signature message"
URL=$(signed GET /products)
req GET "$(echo "$URL" | sed 's/per_page=5//; s/oauth_signature=[^&]*//')"
expect_code 401 woocommerce_rest_authentication_missing_parameter \
    "partial OAuth parameters"
req GET "$U$API/products?oauth_consumer_key=$K"
expect_code 401 woocommerce_rest_authentication_missing_parameter \
    "only a consumer key"
# The fake's clock runs an hour ahead: a fresh timestamp is now stale.
ctl POST clock '{"offset_s":3600}'
req GET "$(signed GET /products)"
expect_code 401 woocommerce_rest_authentication_error "skewed clock"
eq "$(jv 'd["message"]')" "Invalid timestamp." "skewed clock message"
ctl POST clock '{"offset_s":600}'
req GET "$(signed GET /products)"
expect_status 200 "clock 10 min off is within the window"
ctl POST clock '{"offset_s":0}'
req GET "$(signed GET /products "$RK" "$RS")"
expect_status 200 "read-only key reads"
ID=$(jv 'd[0]["id"]')
req PUT "$(signed PUT "/products/$ID" "$RK" "$RS")" '{"stock_quantity":1}'
expect_code 401 woocommerce_rest_authentication_error "read-only key writes"
eq "$(jv 'd["message"]')" \
    "The API key provided does not have write permissions." \
    "read-only message"
api GET "/products/$ID"
[ "$(jv 'd["stock_quantity"]')" != 1 ] || fail "read-only write applied"
ok

# --- 3. Pagination ------------------------------------------------------

URL=$(signed GET "/products?per_page=10&page=2&orderby=id&order=asc")
req GET "$URL"
expect_status 200 "page 2"
eq "$(header X-WP-Total)" 25 "X-WP-Total"
eq "$(header X-WP-TotalPages)" 3 "X-WP-TotalPages"
eq "$(grep -ci '^link:' "$T/hdr")" 1 "one Link header"
LINK=$(header Link)
case $LINK in
*'&page=1&'*'rel="prev"'*'&page=3&'*'rel="next"'*) ok ;;
*) fail "Link lacks prev page=1 and next page=3: $LINK" ;;
esac
# The Link echoes the whole query, OAuth parameters and all.
for p in oauth_consumer_key=$K oauth_nonce= oauth_signature= \
    oauth_signature_method=HMAC-SHA256 oauth_timestamp= orderby=id \
    per_page=10; do
	case $LINK in
	*"$p"*) ok ;;
	*) fail "Link lacks $p: $LINK" ;;
	esac
done
eq "$(jv '[p["id"] for p in d] == sorted(p["id"] for p in d)')" True \
    "orderby=id&order=asc sorts"
eq "$(jv 'len(d)')" 10 "a full page"
api GET "/products?per_page=10&page=4"
expect_status 200 "past the end"
eq "$(cat "$T/body")" "[]" "past the end is []"
api GET "/products?per_page=100"
case $(header Link) in
*'rel="https://api.w.org/"'*) ok ;;
*) fail "single page lacks the api.w.org Link: $(header Link)" ;;
esac
api GET "/products?per_page=101"
expect_code 400 rest_invalid_param "per_page=101"
eq "$(jv 'd["message"]')" "Invalid parameter(s): per_page" \
    "per_page=101 message"
eq "$(jv 'd["data"]["params"]["per_page"]')" \
    "per_page must be between 1 (inclusive) and 100 (inclusive)" \
    "per_page=101 params"
eq "$(jv 'd["data"]["details"]["per_page"]["code"]')" rest_out_of_bounds \
    "per_page=101 details"
api GET "/products?per_page=0"
expect_code 400 rest_invalid_param "per_page=0"
api GET "/products?orderby=colour"
expect_code 400 rest_invalid_param "bad orderby"
eq "$(jv 'd["data"]["details"]["orderby"]["code"]')" rest_not_in_enum \
    "bad orderby details"
api GET "/products?modified_after=yesterday"
expect_code 400 rest_invalid_param "bad date"
eq "$(jv 'd["data"]["details"]["modified_after"]["code"]')" \
    rest_invalid_date "bad date details"
api GET /nothing/here
expect_code 404 rest_no_route "unknown route"
api DELETE /products
expect_code 404 rest_no_route "wrong method"
req GET "$U/?rest_route=/wc/v3/products&per_page=2" "" -u "$K:$S" \
    -H 'X-Forwarded-Proto: https'
expect_status 200 "?rest_route= form"
eq "$(jv 'len(d)')" 2 "?rest_route= page size"

# Default sort is date desc; seeded products share seconds (ten each).
distinct() {
	: >"$T/ids"
	for pg in 1 2 3 4 5; do
		api GET "/products?per_page=5&page=$pg"
		jv '"\n".join(str(p["id"]) for p in d)' >>"$T/ids"
	done
	sort -u "$T/ids" | wc -l | tr -d ' '
}
eq "$(distinct)" 25 "stable default sort pages through all"
ctl POST config '{"unstable_sort":true}'
short=0
for n in 1 2 3 4 5; do
	[ "$(distinct)" -lt 25 ] && short=1
done
eq $short 1 "unstable_sort repeats and misses rows across pages"
ctl POST config '{"unstable_sort":false}'

# --- 4. Products and stock ----------------------------------------------

ctl POST products '[
 {"name":"Mug","sku":"MUG","regular_price":"9.50","stock_quantity":10},
 {"name":"Poster","sku":"FREE","regular_price":"4.00"},
 {"name":"Pin","sku":"PIN","regular_price":"1.00","stock_quantity":1,
  "backorders":"notify"},
 {"name":"Tee","type":"variable","sku":"TEE","manage_stock":true,
  "stock_quantity":20,"variations":[
   {"sku":"TEE-S","regular_price":"15.00","stock_quantity":5,
    "attributes":{"Size":"S"}},
   {"sku":"TEE-M","regular_price":"15.00","manage_stock":"parent",
    "attributes":{"Size":"M"}}]}]'
MUG=$(jv 'd[0]["id"]')
FREE=$(jv 'd[1]["id"]')
PIN=$(jv 'd[2]["id"]')
TEE=$(jv 'd[3]["id"]')
TEES=$(jv 'd[3]["_fake_variations"][0]["id"]')
TEEM=$(jv 'd[3]["_fake_variations"][1]["id"]')

api GET "/products/$MUG"
eq "$(jv 'd["price"]')" 9.50 "money is a string"
eq "$(jv 'type(d["stock_quantity"]).__name__')" int "stock is an int"
eq "$(jv 'type(d["id"]).__name__')" int "id is an int"
python3 -c 'import re, sys, json
d = json.load(open(sys.argv[1]))
sys.exit(0 if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d",
    d["date_modified_gmt"]) else 1)' "$T/body" ||
    fail "date_modified_gmt is not YYYY-MM-DDTHH:MM:SS"
ok

api GET "/products?sku=MUG,TEE-S"
eq "$(jv 'sorted(p["sku"] for p in d)')" '["MUG", "TEE-S"]' \
    "sku= finds a variation too"
eq "$(jv '[p["type"] for p in d if p["sku"] == "TEE-S"][0]')" variation \
    "sku= variation type"
eq "$(jv '[p["parent_id"] for p in d if p["sku"] == "TEE-S"][0]')" "$TEE" \
    "sku= variation parent_id"
api GET "/products?per_page=100"
eq "$(jv '"TEE-S" in [p["sku"] for p in d]')" False \
    "lists leave variations out"
api GET "/products?sku=MU"
eq "$(jv 'len(d)')" 0 "sku= is an exact match"

api PUT "/products/$MUG" '{"stock_quantity":7}'
expect_status 200 "stock PUT"
eq "$(jv 'd["stock_quantity"]')" 7 "stock PUT applied"
api PUT "/products/$MUG" '{"stock_quantity":2.5}'
expect_code 400 rest_invalid_param "stock 2.5"
eq "$(jv 'd["data"]["details"]["stock_quantity"]["code"]')" \
    rest_invalid_type "stock 2.5 details"
api PUT "/products/$MUG" '{"stock_quantity":"abc"}'
expect_code 400 rest_invalid_param "stock \"abc\""
api PUT "/products/$MUG" '{"stock_quantity":7'
expect_code 400 rest_invalid_json "malformed JSON body"
api GET "/products/$MUG"
eq "$(jv 'd["stock_quantity"]')" 7 "rejected writes left stock alone"
api PUT "/products/$MUG" '{"stock_quantity":-2}'
eq "$(jv 'd["stock_quantity"]')" -2 "negative stock accepted"
eq "$(jv 'd["stock_status"]')" outofstock "negative stock is outofstock"
api PUT "/products/$PIN" '{"stock_quantity":-1}'
eq "$(jv 'd["stock_status"]')" onbackorder "backorders: onbackorder"
api PUT "/products/$MUG" '{"stock_quantity":10}'
eq "$(jv 'd["stock_status"]')" instock "instock again"

api PUT "/products/$FREE" '{"stock_quantity":5}'
expect_status 200 "stock PUT to unmanaged"
eq "$(jv 'd["stock_quantity"]')" None "unmanaged PUT ignored (null)"
eq "$(jv 'd["manage_stock"]')" False "still unmanaged"
api PUT "/products/$FREE" '{"manage_stock":true,"stock_quantity":5}'
eq "$(jv 'd["stock_quantity"]')" 5 "with manage_stock:true it counts"

api GET /products/99999
expect_code 404 woocommerce_rest_product_invalid_id "GET unknown id"
api PUT /products/99999 '{"stock_quantity":1}'
expect_code 400 woocommerce_rest_product_invalid_id "PUT unknown id"
api PUT "/products/$TEES" '{"stock_quantity":1}'
expect_code 404 woocommerce_rest_invalid_product_id "PUT a variation id"

# manage_stock "parent": mirrors the parent, ignores its own stock PUT.
api GET "/products/$TEE/variations/$TEEM"
eq "$(jv 'd["manage_stock"]')" parent "manage_stock \"parent\""
eq "$(jv 'd["stock_quantity"]')" 20 "parent variation mirrors parent"
api PUT "/products/$TEE/variations/$TEEM" '{"stock_quantity":3}'
expect_status 200 "stock PUT to a parent variation"
eq "$(jv 'd["stock_quantity"]')" 20 "parent variation PUT ignored"
api GET "/products/$TEE"
eq "$(jv 'd["stock_quantity"]')" 20 "parent untouched by that PUT"

# Every change bumps date_modified_gmt; on 7.9 the parent's too.
ctl POST clock '{"offset_s":100}'
api PUT "/products/$TEE/variations/$TEES" '{"stock_quantity":6}'
eq "$(jv 'd["stock_quantity"]')" 6 "variation stock PUT"
VMOD=$(jv 'd["date_modified_gmt"]')
api GET "/products/$TEE"
eq "$(jv 'd["date_modified_gmt"]')" "$VMOD" "7.9 bumps the parent"
ctl POST clock '{"offset_s":0}'

# modified_after and modified_before are strict, to the second.
api GET "/products/$MUG"
MOD=$(jv 'd["date_modified_gmt"]')
BEFORE=$(python3 -c 'import datetime, sys
t = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%S")
print((t - datetime.timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S"))
print((t + datetime.timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%S"))' \
    "$MOD")
M1=$(echo "$BEFORE" | sed -n 1p)
P1=$(echo "$BEFORE" | sed -n 2p)
api GET "/products?sku=MUG&dates_are_gmt=true&modified_after=$MOD"
eq "$(jv 'len(d)')" 0 "modified_after=T excludes T"
api GET "/products?sku=MUG&dates_are_gmt=true&modified_after=$M1"
eq "$(jv 'len(d)')" 1 "modified_after=T-1 includes T"
api GET "/products?sku=MUG&dates_are_gmt=true&modified_before=$MOD"
eq "$(jv 'len(d)')" 0 "modified_before=T excludes T"
api GET "/products?sku=MUG&dates_are_gmt=true&modified_before=$P1"
eq "$(jv 'len(d)')" 1 "modified_before=T+1 includes T"

# --- 5. Batches ---------------------------------------------------------

api POST /products/batch "{\"update\":[{\"id\":$MUG,\"stock_quantity\":30},
 {\"id\":99999,\"stock_quantity\":1},{\"id\":$TEES,\"stock_quantity\":8}]}"
expect_status 200 "batch with bad items"
eq "$(jv 'list(d.keys())')" '["update"]' "batch answers the keys sent"
eq "$(jv 'd["update"][0]["stock_quantity"]')" 30 "batch item 1 applied"
eq "$(jv 'd["update"][1]["id"]')" 99999 "batch item 2 in order"
eq "$(jv 'd["update"][1]["error"]["code"]')" \
    woocommerce_rest_product_invalid_id "batch item 2 error"
eq "$(jv 'd["update"][1]["error"]["data"]["status"]')" 400 \
    "batch item 2 error status"
eq "$(jv 'd["update"][2]["error"]["code"]')" \
    woocommerce_rest_invalid_product_id "batch item 3: a variation"
eq "$(jv 'd["update"][2]["error"]["data"]["status"]')" 404 \
    "batch item 3 error status"
api GET "/products/$MUG"
eq "$(jv 'd["stock_quantity"]')" 30 "good batch items stay applied"
api GET "/products/$TEE/variations/$TEES"
eq "$(jv 'd["stock_quantity"]')" 6 "failed batch item not applied"
api POST /products/batch '{}'
expect_status 200 "empty batch"
eq "$(cat "$T/body")" "[]" "{} gives []"
api POST /products/batch "{\"update\":[{\"stock_quantity\":1}]}"
eq "$(jv 'd["update"][0]["id"]')" None "missing id gives id null"

python3 -c 'import json, sys
print(json.dumps({"update": [{"id": int(sys.argv[1]), "stock_quantity": i}
    for i in range(101)]}))' "$MUG" >"$T/big.json"
api POST /products/batch "$(cat "$T/big.json")"
expect_code 413 woocommerce_rest_request_entity_too_large "101-item batch"
api GET "/products/$MUG"
eq "$(jv 'd["stock_quantity"]')" 30 "101-item batch applied nothing"

api POST "/products/$TEE/variations/batch" \
    "{\"update\":[{\"id\":$TEES,\"stock_quantity\":9}]}"
expect_status 200 "variation batch"
eq "$(jv 'd["update"][0]["stock_quantity"]')" 9 "variation batch applied"

# The 7.9/9.4 switch: variation keys, and ids under the wrong parent.
api GET "/products/$TEE/variations/$TEES"
eq "$(jv '"type" in d or "parent_id" in d or "name" in d')" False \
    "7.9 variations lack type, name, parent_id"
api GET "/products/$TEE/variations/$MUG"
expect_status 200 "7.9 answers a GET under the wrong parent"
api POST "/products/$TEE/variations/batch" \
    "{\"update\":[{\"id\":$MUG,\"stock_quantity\":31}]}"
eq "$(jv 'd["update"][0]["stock_quantity"]')" 31 \
    "7.9 applies a non-variation id in a variation batch"
ctl POST config '{"version":"9.4"}'
api GET "/products/$TEE/variations/$TEES"
eq "$(jv 'd["type"], d["parent_id"], d["name"]')" \
    "('variation', $TEE, 'Tee - S')" "9.4 variation keys"
api GET "/products/$TEE/variations/$MUG"
expect_code 404 woocommerce_rest_product_variation_invalid_id \
    "9.4 GET under the wrong parent"
api POST "/products/$TEE/variations/batch" \
    "{\"update\":[{\"id\":$MUG,\"stock_quantity\":32}]}"
eq "$(jv 'd["update"][0]["error"]["code"]')" \
    woocommerce_rest_product_variation_invalid_id "9.4 batch wrong parent"
eq "$(jv 'd["update"][0]["error"]["data"]["status"]')" 400 \
    "9.4 batch wrong parent status"
ctl POST clock '{"offset_s":200}'
api PUT "/products/$TEE/variations/$TEES" '{"stock_quantity":9}'
VMOD=$(jv 'd["date_modified_gmt"]')
api GET "/products/$TEE"
[ "$(jv 'd["date_modified_gmt"]')" != "$VMOD" ] ||
    fail "9.4 bumped the parent"
ok
ctl POST clock '{"offset_s":0}'
ctl POST config '{"version":"7.9"}'
api PUT "/products/$MUG" '{"stock_quantity":30}'

# Stock changed behind invsync's back.
ctl POST stock "{\"id\":$MUG,\"stock_quantity\":33}"
api GET "/products/$MUG"
eq "$(jv 'd["stock_quantity"]')" 33 "/_fake/stock changes stock"
api PUT "/products/$MUG" '{"stock_quantity":30}'

# --- 6. The order stock engine ------------------------------------------

# stock SKU: a product's stock from /_fake/state.
stock() {
	ctl GET state
	jv "[p['stock_quantity'] for p in d['products'] if p['sku'] == '$1'][0]"
}
# meta ORDER-FILE KEY: the first line item's meta value, or None.
meta() {
	jv "([m['value'] for m in d['line_items'][0]['meta_data']
	    if m['key'] == '$1'] or [None])[0]"
}
order_get() {
	api GET "/orders/$1"
	expect_status 200 "GET order $1"
}

ctl POST orders "{\"status\":\"processing\",
 \"line_items\":[{\"product_id\":$MUG,\"quantity\":2}]}"
O1=$(jv 'd["id"]')
eq "$(meta _reduced_stock)" 2 "processing sets _reduced_stock"
eq "$(stock MUG)" 28 "processing reduces stock"
ctl POST "orders/$O1/status" '{"status":"completed"}'
eq "$(stock MUG)" 28 "processing -> completed: no change"
ctl POST "orders/$O1/status" '{"status":"cancelled"}'
eq "$(stock MUG)" 30 "cancel restores"
order_get "$O1"
eq "$(meta _reduced_stock)" None "cancel removes _reduced_stock"

ctl POST orders "{\"status\":\"processing\",
 \"line_items\":[{\"sku\":\"MUG\",\"quantity\":3}]}"
O2=$(jv 'd["id"]')
eq "$(stock MUG)" 27 "second order reduces"
ctl POST "orders/$O2/status" '{"status":"failed"}'
eq "$(stock MUG)" 27 "failed keeps the deduction"
order_get "$O2"
eq "$(meta _reduced_stock)" 3 "failed keeps _reduced_stock"
ctl POST "orders/$O2/status" '{"status":"processing"}'
eq "$(stock MUG)" 27 "failed -> processing: no second reduction"

ctl POST orders "{\"status\":\"pending\",
 \"line_items\":[{\"product_id\":$MUG,\"quantity\":4}]}"
eq "$(stock MUG)" 27 "pending deducts nothing"
ctl POST orders "{\"status\":\"on-hold\",
 \"line_items\":[{\"product_id\":$MUG,\"quantity\":4}]}"
OP=$(jv 'd["id"]')
eq "$(stock MUG)" 23 "on-hold reduces"
ctl POST "orders/$OP/status" '{"status":"pending"}'
eq "$(stock MUG)" 27 "-> pending restores"

# A full refund with restock, through the REST route.
ctl POST orders "{\"status\":\"processing\",
 \"line_items\":[{\"product_id\":$MUG,\"quantity\":1}]}"
O3=$(jv 'd["id"]')
I3=$(jv 'd["line_items"][0]["id"]')
eq "$(stock MUG)" 26 "third order reduces"
api POST "/orders/$O3/refunds" "{\"amount\":\"9.50\",\"api_refund\":false,
 \"line_items\":[{\"id\":$I3,\"quantity\":-1,\"refund_total\":\"-9.50\"}]}"
expect_status 201 "refund created"
eq "$(jv 'd["line_items"][0]["quantity"]')" -1 "refund quantity negative"
eq "$(jv '[m["value"] for m in d["line_items"][0]["meta_data"]
    if m["key"] == "_refunded_item_id"][0]')" "$I3" "_refunded_item_id"
eq "$(stock MUG)" 27 "refund with restock restores"
order_get "$O3"
eq "$(meta _reduced_stock)" 0 "_reduced_stock down to 0"
eq "$(meta _restock_refunded_items)" 1 "_restock_refunded_items"
eq "$(jv 'd["status"]')" refunded "a full refund makes it refunded"
api GET "/orders/$O3/refunds"
eq "$(jv 'len(d)')" 1 "refund listed"

# refunded as a bare status change: an item-less refund, no stock.
ctl POST "orders/$O2/status" '{"status":"refunded"}'
eq "$(stock MUG)" 27 "-> refunded keeps the deduction"
order_get "$O2"
eq "$(jv 'len(d["refunds"])')" 1 "-> refunded adds a refund"
api GET "/orders/$O2/refunds"
eq "$(jv 'd[0]["line_items"]')" "[]" "that refund has no items"

# REST orders: set_paid reduces; no availability check.
api POST /orders "{\"set_paid\":true,
 \"line_items\":[{\"product_id\":$PIN,\"quantity\":3}]}"
expect_status 201 "REST order"
O4=$(jv 'd["id"]')
eq "$(jv 'd["status"]')" processing "set_paid makes it processing"
eq "$(stock PIN)" -4 "REST orders skip the stock check"
api POST /orders "{\"line_items\":[{\"product_id\":$PIN,\"quantity\":1}]}"
eq "$(jv 'd["status"]')" pending "REST order defaults to pending"
eq "$(stock PIN)" -4 "pending REST order deducts nothing"
req POST "$U/_fake/orders" "{\"line_items\":[{\"sku\":\"FREE\",
 \"quantity\":50}]}"
eq "$STATUS" 400 "a shopper cannot buy what is not there"

# A quantity edit on a reduced order moves the difference.
api GET "/orders/$O4"
I4=$(jv 'd["line_items"][0]["id"]')
api PUT "/orders/$O4" "{\"line_items\":[{\"id\":$I4,\"quantity\":5}]}"
expect_status 200 "order edit"
eq "$(meta _reduced_stock)" 5 "edit updates _reduced_stock"
eq "$(stock PIN)" -6 "edit takes the difference"
api PUT "/orders/$O4" '{"status":"cancelled"}'
eq "$(stock PIN)" -1 "cancel after an edit restores all"
api GET "/orders/$O4/notes"
eq "$(jv 'any("Stock levels increased" in n["note"] for n in d)')" True \
    "notes record stock moves"

# Orders of a "parent" variation move the parent's stock.
ctl POST orders "{\"status\":\"on-hold\",
 \"line_items\":[{\"product_id\":$TEE,\"variation_id\":$TEEM,
 \"quantity\":2}]}"
eq "$(jv 'd["line_items"][0]["product_id"]')" "$TEE" "line product_id"
eq "$(jv 'd["line_items"][0]["variation_id"]')" "$TEEM" "line variation_id"
eq "$(jv 'd["line_items"][0]["price"]')" 15 "line price"
eq "$(jv 'type(d["line_items"][0]["price"]).__name__')" int \
    "line price is a number"
eq "$(meta _reduced_stock)" 2 "parent variation _reduced_stock"
eq "$(stock TEE)" 18 "parent variation order decrements the parent"
eq "$(stock TEE-M)" 18 "and the variation mirrors it"

api GET "/orders?status=on-hold,processing&orderby=modified"
expect_status 200 "order list"
eq "$(jv 'all(o["status"] in ("on-hold", "processing") for o in d)')" True \
    "status filter"
api GET "/orders?status=shipped"
expect_code 400 rest_invalid_param "bad order status"
api GET /orders/99999
expect_code 404 woocommerce_rest_shop_order_invalid_id "unknown order"

# --- 7. Faults ----------------------------------------------------------

ctl POST faults '{"status":503,"retry_after":"2","count":1}'
api GET /products
eq "$STATUS" 503 "503 fault"
eq "$(header Retry-After)" 2 "Retry-After"
api GET /products
eq "$STATUS" 200 "fault count used up"
ctl POST faults '{"drop":true,"count":1}'
api GET /products
eq "$CURLRC" 52 "dropped connection (curl: empty reply)"
api GET "/products/$MUG"
Q=$(jv 'd["stock_quantity"]')
ctl POST faults '{"drop":true,"count":1}'
api PUT "/products/$MUG" '{"stock_quantity":55}'
eq "$CURLRC" 52 "dropped PUT"
api GET "/products/$MUG"
eq "$(jv 'd["stock_quantity"]')" "$Q" "a drop before the handler: not applied"
ctl POST faults '{"drop":true,"after":true,"count":1}'
api PUT "/products/$MUG" '{"stock_quantity":55}'
eq "$CURLRC" 52 "PUT whose answer was lost"
api GET "/products/$MUG"
eq "$(jv 'd["stock_quantity"]')" 55 "a drop after the handler: applied"
api PUT "/products/$MUG" "{\"stock_quantity\":$Q}"
ctl POST faults '{"malformed":true,"count":1}'
api GET /products
eq "$STATUS" 200 "malformed keeps the status"
if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' \
    "$T/body" 2>/dev/null; then
	fail "malformed body parsed as JSON"
fi
ok
ctl POST faults '{"truncate":true,"count":1}'
api GET /products
eq "$CURLRC" 18 "truncated body (curl: partial file)"
ctl POST faults '{"html":true,"count":1}'
api GET /products
eq "$STATUS" 200 "html fault status"
case $(header Content-Type) in
text/html*) ok ;;
*) fail "html fault Content-Type: $(header Content-Type)" ;;
esac
ctl POST faults '{"status":429,"count":1,"path":"/orders"}'
api GET /products
eq "$STATUS" 200 "path-limited fault spares other paths"
api GET /orders
eq "$STATUS" 429 "path-limited fault hits its path"
ctl DELETE faults
ctl GET log
eq "$(jv 'any(e["status"] == 429 and e["path"].endswith("/orders")
    for e in d)')" True "the log records requests"

# Delays: per request, and per batch item.
ms() {
	python3 -c 'import time; print(int(time.time() * 1000))'
}
ctl POST config '{"delay_ms":400}'
t0=$(ms)
api GET "/products/$MUG"
t1=$(ms)
ctl POST config '{"delay_ms":0,"batch_item_delay_ms":300}'
[ $((t1 - t0)) -ge 400 ] || fail "delay_ms: took $((t1 - t0)) ms"
ok
t0=$(ms)
api POST /products/batch "{\"update\":[{\"id\":$MUG,\"stock_quantity\":27},
 {\"id\":$MUG,\"stock_quantity\":27},{\"id\":$MUG,\"stock_quantity\":27}]}"
t1=$(ms)
ctl POST config '{"batch_item_delay_ms":0}'
[ $((t1 - t0)) -ge 600 ] || fail "batch_item_delay_ms: took $((t1 - t0)) ms"
ok

# A key revoked mid-run.
ctl POST keys '{"consumer_key":"ck_1111111111111111111111111111111111111111",
 "consumer_secret":"cs_2222222222222222222222222222222222222222",
 "permissions":"read_write"}'
req GET "$(signed GET /products ck_1111111111111111111111111111111111111111 \
    cs_2222222222222222222222222222222222222222)"
expect_status 200 "an added key works"
ctl DELETE keys/ck_1111111111111111111111111111111111111111
req GET "$(signed GET /products ck_1111111111111111111111111111111111111111 \
    cs_2222222222222222222222222222222222222222)"
expect_code 401 woocommerce_rest_authentication_error "a revoked key"
eq "$(jv 'd["message"]')" "Consumer key is invalid." "revoked key message"

# Half a batch applied, then the connection drops.
ctl POST config '{"half_batch_drop":1}'
api POST /products/batch "{\"update\":[{\"id\":$MUG,\"stock_quantity\":41},
 {\"id\":$FREE,\"stock_quantity\":42},{\"id\":$PIN,\"stock_quantity\":43},
 {\"id\":$TEE,\"stock_quantity\":44}]}"
eq "$CURLRC" 52 "half-applied batch drops the connection"
eq "$(stock MUG) $(stock FREE) $(stock PIN) $(stock TEE)" "41 42 -1 18" \
    "first half of the batch applied, second not"

# --- 8. Webhooks --------------------------------------------------------

cat >"$T/recv.py" <<'EOF'
import http.server, os, sys
portfile, logdir, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
n = [0]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        n[0] += 1
        base = os.path.join(logdir, "%04d" % n[0])
        with open(base + ".body", "wb") as f:
            f.write(body)
        with open(base + ".hdr", "w") as f:
            for k, v in self.headers.items():
                f.write("%s: %s\n" % (k, v))
        os.rename(base + ".hdr", base + ".req")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
with open(portfile + ".tmp", "w") as f:
    f.write(str(s.server_address[1]))
os.rename(portfile + ".tmp", portfile)
s.serve_forever()
EOF
mkdir "$T/good" "$T/bad"
python3 "$T/recv.py" "$T/good.port" "$T/good" 200 &
PIDS="$PIDS $!"
python3 "$T/recv.py" "$T/bad.port" "$T/bad" 500 &
PIDS="$PIDS $!"
wait_for test -s "$T/good.port" || fail "receiver did not start"
wait_for test -s "$T/bad.port" || fail "receiver did not start"
GOOD="http://127.0.0.1:$(cat "$T/good.port")/hook"
BAD="http://127.0.0.1:$(cat "$T/bad.port")/hook"
count() {
	ls "$1" | grep -c '\.req$' || true
}
has_n() {
	[ "$(count "$1")" -ge "$2" ]
}
last() {
	ls "$1"/*.req | tail -1 | sed 's/\.req$//'
}

api POST /webhooks '{"name":"x","topic":"product.sold",
 "delivery_url":"'"$GOOD"'"}'
expect_code 400 woocommerce_rest_shop_webhook_invalid_topic "bad topic"
ctl POST config '{"webhook_delay_ms":1000}'
api POST /webhooks '{"name":"stock","topic":"product.updated",
 "delivery_url":"'"$GOOD"'","secret":"s3cret"}'
expect_status 201 "webhook created"
H1=$(jv 'd["id"]')
eq "$(jv 'd["status"]')" active "webhook active"
wait_for has_n "$T/good" 1 || fail "no ping"
eq "$(cat "$T/good/0001.body")" "webhook_id=$H1" "ping body"
grep -qi '^X-WC-' "$T/good/0001.req" && fail "ping has X-WC headers"
ok
grep -qi '^Content-Type: application/x-www-form-urlencoded' \
    "$T/good/0001.req" || fail "ping is not form-encoded"
ok

# A PUT to 20 then an order down to 19: one delivery, showing 19.
api PUT "/products/$MUG" '{"stock_quantity":20}'
ctl POST orders "{\"status\":\"processing\",
 \"line_items\":[{\"product_id\":$MUG,\"quantity\":1}]}"
wait_for has_n "$T/good" 2 || fail "no product.updated delivery"
sleep 1.5
eq "$(count "$T/good")" 2 "deliveries coalesce per resource"
D=$(last "$T/good")
eq "$(jv 'd["stock_quantity"]' "$D.body")" 19 "body built when sent"
eq "$(jv 'd["id"]' "$D.body")" "$MUG" "delivery resource"
hv() {
	tr -d '\r' <"$D.req" | sed -n "s/^$1: //Ip" | head -1
}
eq "$(hv X-WC-Webhook-Topic)" product.updated "topic header"
eq "$(hv X-WC-Webhook-Resource)" product "resource header"
eq "$(hv X-WC-Webhook-Event)" updated "event header"
eq "$(hv X-WC-Webhook-ID)" "$H1" "webhook id header"
eq "$(hv X-WC-Webhook-Source)" "$U/" "source header"
hv X-WC-Webhook-Delivery-ID | grep -qE '^[0-9a-f]{32}$' ||
    fail "delivery id is not 32 hex"
ok
SIG=$(openssl dgst -sha256 -hmac s3cret -binary "$D.body" | openssl base64)
eq "$(hv X-WC-Webhook-Signature)" "$SIG" "HMAC-SHA256 signature"

# A new order fires order.created and order.updated.
ctl POST config '{"webhook_delay_ms":100}'
api POST /webhooks '{"topic":"order.created","delivery_url":"'"$GOOD"'",
 "secret":"s3cret"}'
api POST /webhooks '{"topic":"order.updated","delivery_url":"'"$GOOD"'",
 "secret":"s3cret"}'
wait_for has_n "$T/good" 4 || fail "no pings for the order webhooks"
ctl POST orders "{\"status\":\"processing\",
 \"line_items\":[{\"product_id\":$FREE,\"quantity\":1}]}"
O5=$(jv 'd["id"]')
wait_for has_n "$T/good" 7 || fail "order deliveries missing"
sleep 0.5
cat "$T"/good/*.req | tr -d '\r' | sed -n 's/^X-WC-Webhook-Topic: //Ip' |
    sort | uniq -c | tr -s ' ' >"$T/topics"
for t in order.created order.updated; do
	grep -q " 1 $t\$" "$T/topics" || fail "not one $t: $(cat "$T/topics")"
	ok
done

# Failures: no retries; the 7th in a row disables the webhook; a ping
# that failed is repeated on the next save.
api POST /webhooks '{"topic":"product.updated","delivery_url":"'"$BAD"'",
 "secret":"s3cret"}'
H2=$(jv 'd["id"]')
wait_for has_n "$T/bad" 1 || fail "no ping to the failing receiver"
api PUT "/webhooks/$H2" '{"name":"renamed"}'
wait_for has_n "$T/bad" 2 || fail "failed ping not repeated on save"
for n in 1 2 3 4 5 6 7; do
	api PUT "/products/$PIN" "{\"stock_quantity\":$n}"
	wait_for has_n "$T/bad" $((n + 2)) || fail "delivery $n not made"
	sleep 0.2
done
api GET "/webhooks/$H2"
eq "$(jv 'd["status"]')" disabled "disabled after the 7th failure"
api PUT "/products/$PIN" '{"stock_quantity":8}'
sleep 0.6
eq "$(count "$T/bad")" 9 "a disabled webhook gets nothing (no retries)"
api PUT "/webhooks/$H2" '{"status":"active"}'
eq "$(jv 'd["status"]')" active "PUT status active re-enables"

# SIGTERM stops it cleanly (and, in a sanitizer build, without reports).
kill -TERM "$WOO"
set +e
wait "$WOO"
rc=$?
set -e
PIDS=$(echo "$PIDS" | sed "s/ $WOO\b//")
eq "$rc" 0 "fake_woo exits 0 on SIGTERM"
if grep -E 'Sanitizer|runtime error' "$T/woo.err" >&2; then
	fail "sanitizer reports from fake_woo"
fi
ok

echo "woo_test: $CHECKS checks passed"
