# lib-tui.sh - sourced by the tests/tui/*.sh scripts: run the real binary
# in a private tmux server at a fixed size, send keys, and wait for text
# on the screen (never a plain sleep to wait for the app).
#
# Scripts are run by CTest as "sh script" with INVSYNC (the binary),
# SRCDIR and BUILDDIR set. Everything runs in a hermetic environment:
# env -i, HOME and the XDG dirs in a temp dir, C.UTF-8, a fixed clock
# (INVSYNC_NOW), TERM=xterm-256color outside tmux and tmux-256color in
# the pane.
#
#	tui_seed			a small shop: MUG-01, TEA-01, CUP-02, ...
#	tui_start [ENV=VAL ...]		open the TUI on $DB (120x40)
#	wait_for TEXT [SECONDS]		until the screen shows TEXT
#	wait_gone TEXT [SECONDS]	until it does not
#	wait_line REGEX [SECONDS]	until a line matches (grep -E)
#	wait_left[_gone] TEXT		the same, left of the right-hand panes
#	keys KEY...			tmux send-keys (names: Enter, Tab...)
#	type_text TEXT			send TEXT literally
#	esc				Esc, on its own
#	inv ARGS...			the CLI on $DB, in the same environment
#	field SKU NAME			a number from "stock --json SKU"
#	latest SKU			its newest movement from "history --json"
#	fail MESSAGE			print the screen and the app's stderr
#	tui_stop			quit; fail unless it exited 0 and clean
#
# At exit the TUI is stopped with Ctrl-C and must exit 0 with nothing from
# a sanitizer on its stderr, whatever screen the test left it on.
set -eu

: "${INVSYNC:?INVSYNC must name the invsync binary}"
if ! command -v tmux >/dev/null 2>&1; then
	echo "FAIL: tmux is not installed" >&2
	exit 1
fi

TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/invsync-tui.XXXXXX")
TUI_SOCK="invsync-tui-$$"
TUI_SESSION=tui
TUI_NOW=1764633600
DB="$TUI_TMP/shop.db"
TUI_TERM=tmux-256color
infocmp "$TUI_TERM" >/dev/null 2>&1 || TUI_TERM=screen-256color
mkdir -p "$TUI_TMP/home" "$TUI_TMP/config" "$TUI_TMP/data"

# The environment every process of the test sees; extra VAR=VAL may follow.
tui_env() {
	env -i PATH=/usr/bin:/bin HOME="$TUI_TMP/home" \
	    XDG_CONFIG_HOME="$TUI_TMP/config" XDG_DATA_HOME="$TUI_TMP/data" \
	    LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color TZ=UTC \
	    USER=tester INVSYNC_NOW="$TUI_NOW" TMPDIR="$TUI_TMP" "$@"
}

tmx() {
	tui_env tmux -L "$TUI_SOCK" -f /dev/null "$@"
}

# tui_stop: quit the TUI (Ctrl-C works from any screen) and check how it
# ended: exit status 0 and nothing from a sanitizer on its stderr. Returns
# 1 if not. Then the tmux server goes.
tui_stop() {
	ok=0
	if [ -n "${TUI_STARTED:-}" ]; then
		TUI_STARTED=
		if ! screen | grep -qF "[invsync exited"; then
			tmx send-keys -t "$TUI_SESSION" C-c 2>/dev/null || true
			wait_for "[invsync exited" 5 || true
		fi
		st=$(screen | sed -n 's/.*\[invsync exited \([0-9]*\)\].*/\1/p' |
		    tail -n 1)
		if [ "$st" != 0 ]; then
			echo "FAIL: the TUI exited with status '${st}'" >&2
			ok=1
		fi
		if grep -qE "Sanitizer|runtime error" "$TUI_TMP/stderr" \
		    2>/dev/null; then
			echo "FAIL: sanitizer report from the TUI:" >&2
			cat "$TUI_TMP/stderr" >&2
			ok=1
		fi
	fi
	tmx kill-server >/dev/null 2>&1 || true
	return $ok
}

tui_cleanup() {
	rc=$?
	trap - EXIT
	tui_stop || rc=1
	rm -rf "$TUI_TMP"
	exit $rc
}
trap tui_cleanup EXIT
trap 'exit 1' INT TERM

screen() {
	tmx capture-pane -p -t "$TUI_SESSION" 2>/dev/null || true
}

# left: the screen cut where a pane to the right of Stock starts.
left() {
	screen | sed 's/││.*//'
}

fail() {
	echo "FAIL: $*" >&2
	echo "--- screen" >&2
	screen >&2
	if [ -s "$TUI_TMP/stderr" ]; then
		echo "--- stderr of the TUI" >&2
		cat "$TUI_TMP/stderr" >&2
	fi
	exit 1
}

# inv ARGS...: the command line on the test's database.
inv() {
	tui_env "$INVSYNC" --db "$DB" "$@"
}

# field SKU NAME: a number field of the SKU's row in "stock --json".
field() {
	inv stock --json "$1" |
	    sed -n "s/.*\"$2\":\(-\{0,1\}[0-9]*\).*/\1/p" | head -n 1
}

# latest SKU: the newest movement of SKU, as "history --json" prints it.
latest() {
	inv history "$1" --json | head -n 1
}

# history_count SKU: how many movements "history --json" lists.
history_count() {
	inv history "$1" --json | grep -o '"id":' | wc -l | tr -d ' '
}

tui_seed() {
	inv init >/dev/null 2>&1 || fail "init failed"
	inv product add MUG-01 "Blue mug 350 ml" --price 4.50 --cost 2.00 \
	    --barcode 4006381333931 --category Kitchen --reorder-point 5 \
	    >/dev/null 2>&1 || fail "product add MUG-01 failed"
	inv product add TEA-01 "Green tea 100 g" --price 3.20 --cost 1.10 \
	    --barcode 5012345678900 --category Food --reorder-point 10 \
	    >/dev/null 2>&1 || fail "product add TEA-01 failed"
	inv product add CUP-02 "Espresso cup" --price 2.00 --cost 0.80 \
	    --category Kitchen --reorder-point 3 >/dev/null 2>&1 ||
	    fail "product add CUP-02 failed"
	inv product add JAM-07 "Strawberry jam" --price 3.90 --cost 1.60 \
	    --barcode 7310865004703 --category Food --reorder-point 4 \
	    >/dev/null 2>&1 || fail "product add JAM-07 failed"
	inv receive MUG-01 16 --cost 2.00 >/dev/null 2>&1 ||
	    fail "receive MUG-01 failed"
	inv receive TEA-01 4 --cost 1.10 >/dev/null 2>&1 ||
	    fail "receive TEA-01 failed"
	inv receive JAM-07 30 --cost 1.60 >/dev/null 2>&1 ||
	    fail "receive JAM-07 failed"
}

# tui_start [VAR=VAL ...]: open the TUI in a 120x40 tmux window. The pane
# stays after the app exits, saying how it exited. Inside the pane TERM is
# tmux's own description (as for any program under tmux): the keys tmux
# sends are the ones it describes.
tui_start() {
	printf '#!/bin/sh\nenv "$@" "%s" --db "%s" --user tester 2>>"%s"\n' \
	    "$INVSYNC" "$DB" "$TUI_TMP/stderr" >"$TUI_TMP/run.sh"
	printf 'echo "[invsync exited $?]"\nexec sleep 3600\n' >>"$TUI_TMP/run.sh"
	tmx start-server \; set-option -g default-terminal "$TUI_TERM" \; \
	    new-session -d -s "$TUI_SESSION" -x "${TUI_W:-120}" \
	    -y "${TUI_H:-40}" sh "$TUI_TMP/run.sh" "$@" ||
	    fail "tmux new-session failed"
	TUI_STARTED=1
	wait_for "Stock" || fail "the TUI did not start"
}

# wait_for TEXT [SECONDS]: poll the screen every 50 ms.
wait_for() {
	n=$(( ${2:-10} * 20 ))
	while [ "$n" -gt 0 ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

wait_gone() {
	n=$(( ${2:-10} * 20 ))
	while [ "$n" -gt 0 ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# wait_left TEXT / wait_left_gone TEXT: the same, in the Stock pane only.
wait_left() {
	n=$(( ${2:-10} * 20 ))
	while [ "$n" -gt 0 ]; do
		if left | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

wait_left_gone() {
	n=$(( ${2:-10} * 20 ))
	while [ "$n" -gt 0 ]; do
		if ! left | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

wait_line() {
	n=$(( ${2:-10} * 20 ))
	while [ "$n" -gt 0 ]; do
		if screen | grep -qE -- "$1"; then
			return 0
		fi
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

keys() {
	tmx send-keys -t "$TUI_SESSION" "$@"
}

type_text() {
	tmx send-keys -t "$TUI_SESSION" -l -- "$1"
}

# esc: Esc alone. A key sent within the app's ESCDELAY (25 ms) after it
# would read as Meta+key, so leave a gap; this is key timing, not waiting
# for the app.
esc() {
	tmx send-keys -t "$TUI_SESSION" Escape
	sleep 0.1
}

# resize W H: the window (and so the pane) to W x H.
resize() {
	tmx resize-window -t "$TUI_SESSION" -x "$1" -y "$2" ||
	    fail "resize-window failed"
}

# row SKU: the Stock pane's line for SKU, cut where the next pane starts.
row() {
	left | grep -F -- "$1" | head -n 1
}
