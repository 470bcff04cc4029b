# undo.sh - u asks, then writes a reversing movement: history keeps both
# and on hand is back where it was.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
keys u
wait_for "Nothing to undo" || fail "undo with nothing done"
keys j j
wait_for "MUG-01  Blue mug 350 ml" || fail "MUG-01 not selected"
keys a
type_text -2
keys d Enter
wait_for "→ 14 on hand" || fail "adjust"
keys u
wait_for "Undo adjustment -2 of MUG-01?" || fail "no undo question"
keys y
wait_for "undo of #" || fail "no undo status"
[ "$(field MUG-01 on_hand)" = 16 ] || fail "on_hand not back"
[ "$(history_count MUG-01)" = 3 ] || fail "history should keep both"
latest MUG-01 | grep -q '"reverses":[0-9]' || fail "no reversing row"
row MUG-01 | grep -q " 16 " || fail "row not back: $(row MUG-01)"
# The history screen shows the pair.
keys h
wait_for "History: MUG-01" || fail "no history screen"
wait_for "undone by #" || fail "no 'undone by' mark"
wait_line "undo of #[0-9]" || fail "no 'undo of' mark"
keys q
wait_gone "History: MUG-01" || fail "q did not close history"
wait_for "Stock" || fail "dashboard gone"
