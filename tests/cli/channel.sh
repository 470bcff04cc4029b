# channel.sh - connecting stores: credentials come from files or stdin,
# land in the 0600 database and are never printed; bad input is refused.
. "$SRCDIR/tests/lib.sh"

run 0 init
umask 077
printf 'tok-0123456789abcdef0123456789abcdef\n' >"$T/token"
printf 'ck_testkey:cs_testsecretvalue\n' >"$T/wookey"
printf 'client-secret-value-42\n' >"$T/csecret"

run 0 channel add shopify Web --shop https://demo-shop.myshopify.com/ \
    --token-file "$T/token"
run 0 channel add woocommerce Woo --url http://127.0.0.1:8080 \
    --key-file "$T/wookey"
printf 'tok-fromstdin\n' | "$INVSYNC" --db "$DB" channel add shopify \
    Grant --shop https://grant.myshopify.com --client-id abc123 \
    --client-secret-file - 2>"$T/err" || fail "client credentials from stdin"

run 0 channel list
expect "$T/out" "Web"
expect "$T/out" "Woo"
expect "$T/out" "https://demo-shop.myshopify.com"
run 0 channel show Woo --json
expect "$T/out" '"type":"woocommerce"'
expect "$T/out" '"credentials":"key"'
run 0 channel show Web
expect "$T/out" "access token (set)"

# No secret anywhere in output, and the file stays private.
for cmd in "channel list" "channel list --json" "channel show Web" \
    "channel show Woo --json" "channel show Grant"; do
	run 0 $cmd
	expect_not "$T/out" "tok-"
	expect_not "$T/out" "cs_testsecret"
	expect_not "$T/out" "ck_testkey"
	expect_not "$T/out" "client-secret-value"
	expect_not "$T/err" "tok-"
done
[ "$(stat -c %a "$DB")" = 600 ] || fail "database is not 0600"

# Refused: secrets on the command line, plain http to another host,
# duplicates, wrong credential kinds, empty files.
run 2 channel add shopify X --shop https://x.myshopify.com --token tok-x
run 1 channel add shopify Web --shop https://y.myshopify.com \
    --token-file "$T/token"
expect "$T/err" "exists"
run 2 channel add shopify Y --shop http://y.myshopify.com \
    --token-file "$T/token"
expect "$T/err" "https"
run 2 channel add woocommerce W2 --url https://shop.example \
    --token-file "$T/token"
: >"$T/empty"
run 2 channel add shopify Z --shop https://z.myshopify.com \
    --token-file "$T/empty"
expect "$T/err" "empty"
run 2 channel add shopify Z --shop "https://u:p@z.myshopify.com" \
    --token-file "$T/token"
run 2 channel add ebay E --url https://e.example --key-file "$T/wookey"

# Settings: pause, resume, buffer rules; remove.
run 0 channel pause Web
run 0 channel show Web --json
expect "$T/out" '"state":"paused"'
run 0 channel resume Web
run 0 channel set Web --buffer-units 2 --buffer-pct 10 --cap 50
run 0 channel show Web --json
expect "$T/out" '"buffer_units":2,"buffer_pct":10,"cap":50'
run 2 channel set Web --buffer-pct 101
run 0 channel set Web --cap none
run 0 channel show Web --json
expect "$T/out" '"cap":null'
run 0 channel remove Grant
run 1 channel show Grant
run 0 channel list
expect_not "$T/out" "Grant"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM channel_credentials")" = 2 ] ||
    fail "credentials of a removed channel are kept"
echo ok
