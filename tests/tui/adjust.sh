# adjust.sh - an adjustment made with the keyboard changes the row on the
# screen and the ledger: select MUG-01, a, -2, reason d, Enter.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
[ "$(field MUG-01 on_hand)" = 16 ] || fail "seed"
wait_for "CUP-02" || fail "list"
# Rows are in SKU order: CUP-02, JAM-07, MUG-01, TEA-01.
keys j j
wait_line "Sales history" || fail "forecast"
wait_for "MUG-01  Blue mug 350 ml" || fail "MUG-01 not selected (forecast)"
keys a
wait_for "Adjust MUG-01" || fail "no adjust dialog"
type_text -2
wait_for "On hand 16 → 14" || fail "no live result"
keys d
wait_for "[damaged]" || fail "reason d not chosen"
keys Tab
type_text "dropped it"
keys Enter
wait_for "MUG-01: adjust -2 (damaged) → 14 on hand" || fail "no status"
wait_gone "Adjust MUG-01" || fail "dialog still open"
row MUG-01 | grep -q " 14 " || fail "row did not change: $(row MUG-01)"
[ "$(field MUG-01 on_hand)" = 14 ] || fail "ledger: $(field MUG-01 on_hand)"
latest MUG-01 | grep -q '"qty":-2' || fail "history qty"
latest MUG-01 | grep -q '"reason":"damaged"' || fail "history reason"
latest MUG-01 | grep -q '"note":"dropped it"' || fail "history note"
latest MUG-01 | grep -q '"user":"tester"' || fail "history user"

# Bad input is refused inline and nothing is posted.
keys a
wait_for "Adjust MUG-01" || fail "dialog again"
type_text x5
wait_line "not a number|invalid|number" || fail "no inline error for x5"
keys C-u
type_text 0
keys c
keys Enter
wait_for "must not be 0" || fail "no inline error for 0"
esc
wait_gone "Adjust MUG-01" || fail "Esc did not cancel"
[ "$(history_count MUG-01)" = 2 ] || fail "a refused adjustment was posted"

# '+' opens the dialog with the sign typed.
keys +
wait_for "Adjust MUG-01" || fail "+ did not open adjust"
type_text 3
wait_for "On hand 14 → 17" || fail "+ prefill"
keys f Enter
wait_for "MUG-01: adjust +3 (found) → 17 on hand" || fail "+3 status"
[ "$(field MUG-01 on_hand)" = 17 ] || fail "ledger after +3"
