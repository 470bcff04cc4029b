# count.sh - c records a count: the dialog shows on hand and the
# difference as you type, and the ledger records the difference.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
keys j
wait_for "JAM-07  Strawberry jam" || fail "JAM-07 not selected"
keys c
wait_for "Count JAM-07" || fail "no count dialog"
wait_for "On hand 30" || fail "on hand not shown"
type_text 27
wait_for "Difference -3" || fail "no live difference"
keys Enter
wait_for "JAM-07: count 27 (-3) → 27 on hand" || fail "no status"
[ "$(field JAM-07 on_hand)" = 27 ] || fail "ledger on_hand"
latest JAM-07 | grep -q '"kind":"count"' || fail "kind"
latest JAM-07 | grep -q '"qty":-3' || fail "qty"
row JAM-07 | grep -q " 27 " || fail "row: $(row JAM-07)"
