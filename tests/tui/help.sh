# help.sh - '?' lists every action with its keys from the active keymap,
# including a user's own binding from $XDG_CONFIG_HOME/invsync/keymap.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
mkdir -p "$TUI_TMP/config/invsync"
printf '# mine\nbind x stock.adjust\nbind F5 stock.scan\n' \
    >"$TUI_TMP/config/invsync/keymap"
tui_start
keys ?
wait_for "Help: keys from the active keymap" || fail "no help screen"
wait_line "^│ +q +app.quit +Quit" || fail "quit binding not listed"
wait_line "a, \+, -, x +stock.adjust" ||
    fail "the user's binding x is not shown for stock.adjust"
wait_line "r +stock.receive" || fail "receive not listed"
wait_for "Navigation" || fail "no Navigation group"
# Scroll to the end: the ':' commands are listed.
keys End
wait_for "goto SKU" || fail "commands not listed at the end"
keys q
wait_gone "Help: keys" || fail "q did not close help"
# The remapped key works.
keys x
wait_for "Adjust CUP-02" || fail "x did not open adjust"
esc
wait_gone "Adjust CUP-02" || fail "Esc"
keys F5
wait_for "RECEIVE +1" || fail "F5 did not open scan mode"
esc
wait_gone "RECEIVE +1" || fail "Esc from scan"
