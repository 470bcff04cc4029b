# panes.sh - at 120x40 the dashboard shows all four panes with what they
# have: the stock rows with state markers, the low-stock alerts, the
# selected product's sales history, and no channels.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
for title in "Stock" "Alerts" "Forecast" "Sync"; do
	wait_line "[┌+-] $title " || fail "no pane titled $title"
done
# Stock and Alerts share the top border row; Forecast and Sync lie below.
screen | sed -n 2p | grep -q "Stock.*Alerts" || fail "Stock and Alerts not side by side"
wait_for "4 of 4" || fail "no row count in the Stock title"
row MUG-01 | grep -q "Blue mug 350 ml.*16" || fail "MUG-01 row wrong"
# Low and out of stock are marked in text, not only in colour.
wait_line "TEA-01 .*LOW" || fail "TEA-01 not marked LOW"
wait_line "CUP-02 .*OUT" || fail "CUP-02 not marked OUT"
wait_for "Sales history" || fail "no sales label"
wait_for "not yet computed" || fail "the label does not say forecasts are not computed"
wait_for "No channels connected." || fail "sync pane"
wait_for "? help" || fail "no key hints"
wait_for "a adjust" || fail "no adjust hint"
# The header names the shop file and the user.
screen | head -n 1 | grep -q "shop.db.*tester" || fail "header"
# Enter on an alert selects that product in the Stock pane. JAM-07 is
# selected first; it is not low, so the alert must be another product.
keys j
wait_for "JAM-07  Strawberry jam" || fail "j"
first=$(screen | sed -n 's/.*││ \([A-Z]*-[0-9]*\) .*\(LOW\|OUT\).*/\1/p' |
    head -n 1)
[ -n "$first" ] && [ "$first" != JAM-07 ] || fail "no alert row"
keys 2
keys Enter
wait_for "$first  " || fail "Enter on alert $first did not select it"
keys a
wait_for "Adjust $first" || fail "the Stock selection is not $first"
esc
wait_gone "Adjust $first" || fail "Esc"
keys q
wait_for "[invsync exited 0]" || fail "q did not quit cleanly"
