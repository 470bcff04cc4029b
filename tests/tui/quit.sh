# quit.sh - q quits at once and Ctrl-C quits cleanly (raw mode), both
# with status 0; a missing database fails before curses starts.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
keys a
wait_for "Adjust CUP-02" || fail "no dialog"
keys C-c
wait_for "[invsync exited 0]" || fail "Ctrl-C did not quit cleanly"
tui_stop || fail "unclean exit"
set +e
tui_env "$INVSYNC" --db "$TUI_TMP/missing.db" tui </dev/null >"$TUI_TMP/out" 2>&1
rc=$?
set -e
[ "$rc" = 3 ] || { cat "$TUI_TMP/out" >&2; fail "missing db: exit $rc, wanted 3"; }
grep -q "invsync:" "$TUI_TMP/out" || fail "no message for a missing db"
