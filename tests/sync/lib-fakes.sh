# lib-fakes.sh - start the fake stores for a sync test, on loopback, and
# stop them when the test ends. Sourced after tests/lib.sh.
: "${FAKES:?FAKES must name the directory of the built fakes}"

FAKE_PIDS=""
trap 'for p in $FAKE_PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$T"' \
    EXIT INT TERM

# start_fake NAME ARGS...: run $FAKES/NAME on a free port; prints its URL.
start_fake() {
	name=$1
	shift
	"$FAKES/$name" --port 0 "$@" >"$T/$name.out" 2>"$T/$name.err" &
	FAKE_PIDS="$FAKE_PIDS $!"
	i=0
	while ! grep -q '^listening on ' "$T/$name.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "$name did not start: $(cat "$T/$name.err")"
		sleep 0.05
	done
	sed -n 's/^listening on //p' "$T/$name.out"
}

# fake_post URL PATH JSON: a control request to a fake.
fake_post() {
	curl -sf -X POST -H 'Content-Type: application/json' -d "$3" "$1$2" ||
	    fail "fake control $2 failed"
}
