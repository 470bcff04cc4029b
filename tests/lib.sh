# lib.sh - shared by the cli/ and tui/ test scripts: a private temp dir, a
# hermetic environment, and assertions that say what went wrong.
#
# Scripts are run by CTest as "sh script" with INVSYNC (the binary),
# SRCDIR and BUILDDIR set.
set -eu

: "${INVSYNC:?INVSYNC must name the invsync binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/invsync-t.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export LC_ALL=C.UTF-8 TZ=UTC
unset INVSYNC_DB NO_COLOR || true
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
DB="$T/shop.db"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# run EXPECTED-STATUS CMD...: run the binary, keep stdout/stderr in
# $T/out and $T/err, and check its exit status.
run() {
	want=$1
	shift
	set +e
	"$INVSYNC" --db "$DB" "$@" >"$T/out" 2>"$T/err"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "--- stdout" >&2; cat "$T/out" >&2
		echo "--- stderr" >&2; cat "$T/err" >&2
		fail "invsync $*: exit $got, wanted $want"
	fi
}

# expect FILE TEXT: FILE contains TEXT (a fixed string).
expect() {
	grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks '$2'"; }
}

expect_not() {
	if grep -qF -- "$2" "$1"; then cat "$1" >&2; fail "$1 has '$2'"; fi
}

# on_hand SKU: the SKU's on_hand as the CLI reports it.
on_hand() {
	"$INVSYNC" --db "$DB" stock --json "$1" |
	    sed -n 's/.*"on_hand":\(-\{0,1\}[0-9]*\).*/\1/p'
}
