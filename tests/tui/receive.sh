# receive.sh - r receives a quantity at a unit cost prefilled from the
# product's cost; the row and the ledger change.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
keys End
wait_for "TEA-01  Green tea" || fail "TEA-01 not selected"
keys r
wait_for "Receive TEA-01" || fail "no receive dialog"
wait_for "1.10" || fail "cost not prefilled"
type_text 6
wait_for "On hand 4 → 10" || fail "no live result"
keys Tab C-u
type_text 1.25
keys Enter
wait_for "TEA-01: receive +6 @ 1.25 → 10 on hand" || fail "no status"
[ "$(field TEA-01 on_hand)" = 10 ] || fail "ledger on_hand"
latest TEA-01 | grep -q '"kind":"receipt"' || fail "kind"
latest TEA-01 | grep -q '"unit_cost":"1.25"' || fail "cost"
# TEA-01 is no longer low (reorder point 10: 10 is still low; 11 is not).
keys r
wait_for "Receive TEA-01" || fail "dialog again"
type_text 1
keys Enter
wait_for "→ 11 on hand" || fail "second receipt"
row TEA-01 | grep -q "LOW" && fail "TEA-01 still LOW at 11"
# A bad cost is refused inline.
keys r
type_text 2
keys Tab C-u
type_text 1.234
wait_line "decimal|cost" || fail "no inline error for cost 1.234"
esc
wait_gone "Receive TEA-01" || fail "Esc"
[ "$(field TEA-01 on_hand)" = 11 ] || fail "refused receipt was posted"
