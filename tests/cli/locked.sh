# locked.sh - a database held by another writer: the CLI waits, then says
# so clearly (exit 3) and applies nothing; a read-only file is reported.
. "$SRCDIR/tests/lib.sh"

run 0 init
run 0 product add MUG-01 "Mug"
run 0 receive MUG-01 5
# Hold the write lock from another process for a few seconds.
( printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; sleep 3; printf 'COMMIT;\n' ) |
    sqlite3 -cmd '.timeout 5000' "$DB" >/dev/null &
holder=$!
sleep 0.5
set +e
INVSYNC_BUSY_MS=300 "$INVSYNC" --db "$DB" adjust MUG-01 -1 --reason lost \
    2>"$T/err"
rc=$?
set -e
wait $holder
[ "$rc" = 3 ] || fail "locked: exit $rc"
expect "$T/err" "locked by another process"
[ "$(on_hand MUG-01)" = 5 ] || fail "locked adjust applied"
# Once the lock is gone the same command works.
run 0 adjust MUG-01 -1 --reason lost
[ "$(on_hand MUG-01)" = 4 ] || fail "adjust after lock"
echo ok
