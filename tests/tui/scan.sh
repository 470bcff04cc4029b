# scan.sh - scan mode: a barcode + Enter in receive mode adds 1, in sell
# mode takes 1, an unknown code posts nothing, and selling below zero is
# refused.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
keys b
wait_for "RECEIVE +1" || fail "no scan screen"
type_text 4006381333931
keys Enter
wait_for "MUG-01: receive +1" || fail "no receive status"
[ "$(field MUG-01 on_hand)" = 17 ] || fail "receive scan: $(field MUG-01 on_hand)"
latest MUG-01 | grep -q '"unit_cost":"2.00"' || fail "cost"
# A SKU works as a code too.
type_text MUG-01
keys Enter
wait_for "→ 18 on hand" || fail "scan by SKU"
# Unknown code: an error, nothing posted.
type_text 999999
keys Enter
wait_for "999999" || fail "unknown code not listed"
[ "$(field MUG-01 on_hand)" = 18 ] || fail "unknown code posted"
keys Tab
wait_for "SELL -1" || fail "Tab did not switch to sell"
type_text 4006381333931
keys Enter
wait_for "MUG-01: sale -1 → 17 on hand" || fail "sell scan"
[ "$(field MUG-01 on_hand)" = 17 ] || fail "sell: $(field MUG-01 on_hand)"
# CUP-02 has none: selling is refused with the core's reason.
type_text CUP-02
keys Enter
wait_line "CUP-02.*(stock would|negative)" || fail "no refusal for selling below zero"
[ "$(field CUP-02 on_hand)" = 0 ] || fail "sold below zero"
# Undo the last scan.
keys C-z
wait_for "Undo sale -1 of MUG-01?" || fail "no undo question"
keys y
wait_for "undo of #" || fail "undo"
[ "$(field MUG-01 on_hand)" = 18 ] || fail "undo of scan"
esc
wait_gone "SELL -1" || fail "Esc did not leave scan mode"
# The scanned product is selected in the Stock pane.
wait_for "CUP-02  Espresso cup" || fail "last scanned product not selected"
