# resize.sh - the layout follows the terminal: four panes at 120x40, one
# pane with a tab bar at 60x20, "too small" below 40x12, and back; also
# while a dialog is open (it re-centres), and never a crash.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
wait_line "Stock .*Alerts" || fail "four panes at 120x40"
resize 60 20
wait_line "\[1 Stock\] +2 Alerts +3 Forecast +4 Sync" || fail "no tab bar at 60x20"
wait_gone "Forecast ─" || fail "other panes still framed at 60x20"
wait_for "MUG-01" || fail "stock rows at 60x20"
# The focused pane changes with Tab; the tab bar follows.
keys Tab
wait_line "1 Stock +\[2 Alerts\]" || fail "Tab did not move the focus"
wait_for "TEA-01" || fail "alerts content at 60x20"
keys 1
wait_line "\[1 Stock\]" || fail "1 did not focus Stock"
resize 30 10
wait_for "Terminal too small (30x10);" || fail "no too-small message"
wait_for "need at least 40x12" || fail "too-small message does not say the minimum"
resize 40 12
wait_line "\[1 Stock\]" || fail "40x12 is allowed"
resize 120 40
wait_line "Stock .*Alerts" || fail "four panes not back at 120x40"
wait_for "No channels connected." || fail "sync pane back"
# Zoom.
keys z
wait_for "(zoomed)" || fail "z did not zoom"
wait_gone "Alerts" || fail "other panes shown while zoomed"
keys z
wait_line "Stock .*Alerts" || fail "z did not unzoom"
# A dialog survives resizes and re-centres.
keys a
wait_for "Adjust CUP-02" || fail "no dialog"
resize 50 14
wait_for "Adjust CUP-02" || fail "dialog lost at 50x14"
resize 20 8
wait_for "Terminal too small" || fail "too small with a dialog"
resize 100 30
wait_for "Adjust CUP-02" || fail "dialog lost after too small"
type_text 1
keys f Enter
wait_for "CUP-02: adjust +1 (found)" || fail "dialog does not work after resizes"
resize 120 40
wait_line "Stock .*Alerts" || fail "final layout"
keys q
wait_for "[invsync exited 0]" || fail "exit after resizes"
