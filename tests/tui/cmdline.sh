# cmdline.sh - ':' runs commands: sort, filter, goto, theme, unknown
# commands are refused, and :q quits.
. "$SRCDIR/tests/tui/lib-tui.sh"

tui_seed
tui_start
keys :
type_text "sort name"
keys Enter
wait_for "Name▲" || fail "sort name not shown in the column head"
wait_for "sort name" || fail "header does not show the sort"
keys S
wait_for "Name▼" || fail "S did not reverse"
keys s
wait_for "Category▲" || fail "s did not cycle to category"
keys :
type_text "goto TEA-01"
keys Enter
wait_for "TEA-01  Green tea 100 g" || fail "goto did not select TEA-01"
keys :
type_text "filter jam"
keys Enter
wait_for "1 of 4" || fail ":filter"
keys :
type_text "filter"
keys Enter
wait_for "4 of 4" || fail ":filter with no text"
keys :
type_text "frob"
keys Enter
wait_for "Unknown command: frob" || fail "unknown command not refused"
keys :
type_text "theme mono"
keys Enter
wait_for "Theme mono" || fail "theme reload"
keys :
type_text "theme nosuchtheme"
keys Enter
wait_for "nosuchtheme" || fail "bad theme not reported"
keys :
type_text "q"
keys Enter
wait_for "[invsync exited 0]" || fail ":q did not quit"
