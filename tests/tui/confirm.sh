# confirm.sh - a large change, or one that makes stock negative, asks
# first: n cancels and the ledger is unchanged; y posts (negative allowed
# because the user said so) and the row shows NEG.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
keys j
wait_for "JAM-07  Strawberry jam" || fail "JAM-07 not selected"
before=$(history_count JAM-07)
keys a
wait_for "Adjust JAM-07" || fail "no dialog"
type_text -60
keys l Enter
wait_for "Confirm" || fail "no confirmation for -60"
wait_for "Stock would go negative" || fail "no negative warning"
keys n
wait_for "Cancelled: nothing was changed" || fail "n did not cancel"
[ "$(history_count JAM-07)" = "$before" ] || fail "n posted anyway"
[ "$(field JAM-07 on_hand)" = 30 ] || fail "on_hand changed after n"
# Back in the dialog: Enter asks again, y posts.
wait_for "Adjust JAM-07" || fail "dialog gone after n"
keys Enter
wait_for "Confirm" || fail "no second confirmation"
keys y
wait_for "JAM-07: adjust -60 (lost) → -30 on hand" || fail "no status after y"
[ "$(field JAM-07 on_hand)" = -30 ] || fail "ledger after y"
wait_line "JAM-07 .*NEG" || fail "no NEG marker"
# A count that moves more than confirm_over asks too; Esc says no.
keys c
wait_for "Count JAM-07" || fail "count dialog"
type_text 100
keys Enter
wait_for "large change" || fail "no confirmation for a big count"
esc
wait_for "Cancelled" || fail "Esc did not cancel"
[ "$(field JAM-07 on_hand)" = -30 ] || fail "count posted after Esc"
