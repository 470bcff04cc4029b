# nocolor.sh - NO_COLOR starts without colour (attributes only), and the
# state markers still say LOW/OUT in text.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start NO_COLOR=1
wait_line "TEA-01 .*LOW" || fail "no LOW marker"
esc_seq=$(printf '\033')
if tmx capture-pane -p -e -t "$TUI_SESSION" |
    grep -E "${esc_seq}\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)" >/dev/null; then
	fail "colour escapes on screen with NO_COLOR"
fi
# Selection is shown by attributes (reverse video).
tmx capture-pane -p -e -t "$TUI_SESSION" | grep -q "${esc_seq}\[7m" ||
    fail "no reverse video for the selection"
keys q
wait_for "[invsync exited 0]" || fail "quit"
