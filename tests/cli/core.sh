# core.sh - the command line's contract: commands, JSON, exit statuses,
# and bad input refused with a clear message and nothing applied.
. "$SRCDIR/tests/lib.sh"

run 0 init
[ "$(stat -c %a "$DB")" = 600 ] || fail "database is not 0600"
run 0 product add MUG-01 "Ceramic Mug — Sage" --price 12.50 --cost 4.20 \
    --barcode 4006381333931 --category Mugs --reorder-point 5
run 0 product add TEA-01 "Green tea" --price 6 --cost 2.5
run 1 product add MUG-01 "Duplicate"
expect "$T/err" "SKU MUG-01 already exists"
run 2 product add "BAD SKU" "x"
run 2 product add BAD-1 "$(printf 'bad \377 name')"
expect "$T/err" "UTF-8"
run 2 product add MUG-02 "x" --price 1.234
expect "$T/err" "at most two decimals"

run 0 receive MUG-01 20 --cost 4.00
expect "$T/err" "-> 20 on hand"
run 0 adjust MUG-01 -3 --reason damaged --note "dropped in the back"
run 0 count MUG-01 15 --json
expect "$T/out" '"kind":"count","qty":-2,"counted":15'
[ "$(on_hand MUG-01)" = 15 ] || fail "on_hand after count"

# Refused: unknown SKU, negative stock, reasons; usage: bad numbers.
run 1 adjust NOPE-1 1 --reason found
expect "$T/err" "unknown SKU NOPE-1"
run 1 adjust TEA-01 -1 --reason lost
expect "$T/err" "negative"
[ "$(on_hand TEA-01)" = 0 ] || fail "refused adjust changed stock"
run 0 adjust TEA-01 -1 --reason lost --allow-negative
[ "$(on_hand TEA-01)" = -1 ] || fail "allow-negative"
run 2 adjust MUG-01 -1
expect "$T/err" "--reason is required"
run 2 adjust MUG-01 -1 --reason stolen
run 2 adjust MUG-01 abc --reason found
expect "$T/err" "not a whole number"
run 2 adjust MUG-01 99999999999999999999 --reason found
expect "$T/err" "out of range"
run 2 receive MUG-01 0
run 2 count MUG-01 -4
run 2 adjust MUG-01 1 --reason found --bogus
run 2 frobnicate
[ "$(on_hand MUG-01)" = 15 ] || fail "bad input changed stock"

# Stock and history as JSON.
run 0 stock --json
expect "$T/out" '"sku":"MUG-01","name":"Ceramic Mug — Sage","category":"Mugs","barcode":"4006381333931","on_hand":15,"committed":0,"available":15,"reorder_point":5,"state":"ok","price":"12.50","cost":"4.20"'
expect "$T/out" '"sku":"TEA-01"'
expect "$T/out" '"state":"negative"'
run 0 stock --low
expect "$T/out" "TEA-01"
expect_not "$T/out" "MUG-01"
run 0 history MUG-01 --json --limit 2
expect "$T/out" '"kind":"count"'
expect "$T/out" '"kind":"adjustment","qty":-3'
expect_not "$T/out" '"kind":"receipt"'

# Undo appends a reversal; history keeps both; twice is refused.
id=$("$INVSYNC" --db "$DB" history MUG-01 --json --limit 1 |
    sed -n 's/^\[{"id":\([0-9]*\).*/\1/p')
run 0 undo "$id"
[ "$(on_hand MUG-01)" = 17 ] || fail "undo of the count"
run 1 undo "$id"
expect "$T/err" "already undone"
run 0 history MUG-01 --json
expect "$T/out" "\"reverses\":$id"
expect "$T/out" "\"reversed_by\":"

# Edits.
run 0 product edit MUG-01 --reorder-point 20 --price 13
run 0 stock --json MUG-01
expect "$T/out" '"reorder_point":20,"state":"low","price":"13.00"'
run 0 product edit MUG-01 --reorder-point none
run 0 product list --json
expect "$T/out" '"reorder_point":null'

# check passes, finds tampering, and --repair fixes it.
run 0 check
sqlite3 "$DB" "UPDATE inventory SET on_hand = on_hand + 5 WHERE product_id = 1"
run 1 check
expect "$T/out" "movements sum to 17"
run 0 check --repair
run 0 check
[ "$(on_hand MUG-01)" = 17 ] || fail "repair"

# Help and version; a corrupt or foreign file is refused untouched.
run 0 --version
run 0 help adjust
expect "$T/out" "usage: invsync adjust"
printf 'not a database' >"$T/junk.db"
set +e; "$INVSYNC" --db "$T/junk.db" stock >/dev/null 2>"$T/err"; rc=$?; set -e
[ "$rc" = 3 ] || fail "corrupt file: exit $rc"
expect "$T/err" "not a"
[ "$(cat "$T/junk.db")" = "not a database" ] || fail "corrupt file changed"
set +e; "$INVSYNC" --db "$T/none.db" stock >/dev/null 2>"$T/err"; rc=$?; set -e
[ "$rc" = 3 ] || fail "missing db: exit $rc"
expect "$T/err" "invsync init"
echo "ok"
