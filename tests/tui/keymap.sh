# keymap.sh - a bad keymap line is reported as file:line in the status
# bar, the rest of the file still applies, and the app works; :messages
# lists every problem.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
mkdir -p "$TUI_TMP/config/invsync"
printf 'bind x stock.adjust\nbind y stok.adjust\nfrobnicate\n' \
    >"$TUI_TMP/config/invsync/keymap"
tui_start
wait_for "invsync/keymap:2" || fail "no file:line message for the bad line"
wait_for "more; :messages" || fail "no hint about the other problems"
keys j
wait_for "JAM-07  Strawberry jam" || fail "j does not move after a bad keymap"
keys x
wait_for "Adjust JAM-07" || fail "the good line of the file did not apply"
esc
wait_gone "Adjust JAM-07" || fail "Esc"
keys :
type_text messages
keys Enter
wait_for "Start-up and reload problems" || fail "no messages screen"
wait_for "invsync/keymap:2" || fail "line 2 not listed"
wait_for "invsync/keymap:3" || fail "line 3 not listed"
esc
wait_gone "Start-up and reload" || fail "Esc from messages"
