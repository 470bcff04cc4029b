# filter.sh - '/' filters as you type: other SKUs disappear and the row
# count follows; Enter keeps the filter, Esc clears it.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
wait_for "4 of 4" || fail "not all rows at start"
wait_for "TEA-01" || fail "TEA-01 missing at start"
keys /
type_text mug
wait_for "1 of 4" || fail "filter did not narrow the count"
wait_left_gone "TEA-01" || fail "TEA-01 still shown under filter 'mug'"
row MUG-01 >/dev/null || fail "MUG-01 gone"
# Filter by barcode too.
keys C-u
type_text 86500
wait_left "JAM-07" || fail "barcode filter"
wait_left_gone "MUG-01" || fail "MUG-01 shown under barcode filter"
keys C-u
type_text mug
wait_for "1 of 4" || fail "refilter"
keys Enter
wait_for "filter: mug" || fail "Enter did not keep the filter"
wait_for "filter \"mug\"" || fail "header does not show the filter"
# The kept filter stays while moving; Esc in the filter line clears it.
keys /
esc
wait_for "4 of 4" || fail "Esc did not clear the filter"
wait_left "TEA-01" || fail "TEA-01 not back"
# No match.
keys /
type_text zzz
wait_for "0 of 4" || fail "no-match count"
wait_for "No product matches" || fail "no-match message"
esc
wait_for "4 of 4" || fail "clear after no match"
