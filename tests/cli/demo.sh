# demo.sh - the README's first command: "invsync demo" writes its own
# database (never a shop's), deterministic for a seed, and it checks clean.
. "$SRCDIR/tests/lib.sh"
export INVSYNC_NOW=1764633600

# Default place: the data directory's demo.db, not the shop database.
"$INVSYNC" demo --no-tui --products 60 --days 90 --seed 7 2>"$T/err" ||
    fail "demo failed: $(cat "$T/err")"
[ -f "$XDG_DATA_HOME/invsync/demo.db" ] || fail "no demo.db"
[ ! -e "$XDG_DATA_HOME/invsync/invsync.db" ] || fail "demo touched the shop db"
[ "$(stat -c %a "$XDG_DATA_HOME/invsync/demo.db")" = 600 ] ||
    fail "demo.db is not 0600"
expect "$T/err" "60 products"
D="$XDG_DATA_HOME/invsync/demo.db"
"$INVSYNC" --db "$D" check 2>"$T/err" || fail "demo does not check clean"
"$INVSYNC" --db "$D" stock --json >"$T/a.json"
grep -q '"state":"out"' "$T/a.json" || fail "demo has nothing out of stock"
grep -q '"state":"low"' "$T/a.json" || fail "demo has nothing low"

# Same seed, same shop; another seed, another shop.
"$INVSYNC" demo --no-tui --products 60 --days 90 --seed 7 2>/dev/null
"$INVSYNC" --db "$D" stock --json >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" || fail "demo is not deterministic"
"$INVSYNC" demo --no-tui --products 60 --days 90 --seed 8 2>/dev/null
"$INVSYNC" --db "$D" stock --json >"$T/c.json"
cmp -s "$T/a.json" "$T/c.json" && fail "the seed changes nothing"

# Never over a real shop.
run 0 init
run 0 product add MUG-01 "Mug"
run 1 demo --no-tui --products 10 --days 10
expect "$T/err" "not a demo"
run 0 stock --json
expect "$T/out" "MUG-01"
run 2 demo --products abc --no-tui
echo ok
