# external.sh - a change made by another process (the CLI) shows on the
# open screen within about a second, without a keypress.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
row MUG-01 | grep -q " 16 " || fail "start: $(row MUG-01)"
inv adjust MUG-01 -5 --reason lost --note "from the shell" >/dev/null 2>&1 ||
    fail "CLI adjust failed"
n=0
until row MUG-01 | grep -q " 11 "; do
	n=$((n + 1))
	[ "$n" -lt 30 ] || fail "no change on screen within 1.5 s"
	sleep 0.05
done
# A new product appears too, and the count follows.
inv product add ZED-99 "Zed" --price 1 --cost 0.5 >/dev/null 2>&1 ||
    fail "product add"
wait_for "5 of 5" 2 || fail "new product not counted"
wait_for "ZED-99" 2 || fail "new product not listed"
# Alerts follow: TEA-01 received above its reorder point leaves the list.
inv receive TEA-01 20 >/dev/null 2>&1 || fail "receive"
wait_line "TEA-01 .* 24 " 2 || fail "TEA-01 level not refreshed"
