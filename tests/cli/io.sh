# io.sh - "invsync import" and "invsync export" on a real database:
# products round trip, all-or-nothing stock imports with line numbers,
# --skip-bad and its rejects file, refs that apply once, CRLF and quoted
# fields, invalid UTF-8, and a movements export that imports back as is.
. "$SRCDIR/tests/lib.sh"

run 0 init

# --- products: BOM, CRLF, quoted commas and quotes; export round trip.
printf '\357\273\277SKU,name,category,price,cost,reorder_point,barcode\r\n' \
    >"$T/p.csv"
printf 'MUG-01,"Mug, blue",Kitchen,4.50,2.00,5,400638133393\r\n' >>"$T/p.csv"
printf 'TEE-S,"T-shirt ""S""",Clothes,15,6.5,,\r\n' >>"$T/p.csv"
run 0 import products "$T/p.csv"
expect "$T/err" "imported 2 rows from $T/p.csv (2 new, 0 updated)"
run 0 export products "$T/p2.csv"
expect "$T/err" "exported 2 products to $T/p2.csv"
expect "$T/p2.csv" '1,MUG-01,"Mug, blue",Kitchen,400638133393,4.50,2.00,5,,'
expect "$T/p2.csv" '2,TEE-S,"T-shirt ""S""",Clothes,,15.00,6.50,,,'
run 0 export products
cmp -s "$T/out" "$T/p2.csv" || fail "export to stdout differs from file"

# Updating only some columns leaves the others alone.
printf 'sku,price\nMUG-01,4.75\n' >"$T/price.csv"
run 0 import products "$T/price.csv"
expect "$T/err" "(0 new, 1 updated)"
run 0 export products
expect "$T/out" '1,MUG-01,"Mug, blue",Kitchen,400638133393,4.75,2.00,5,,'

# A duplicate SKU in one file is an error; nothing of the file applies.
printf 'sku,name\nNEW-1,New\nMUG-01,A\nMUG-01,B\n' >"$T/dup.csv"
run 1 import products "$T/dup.csv"
expect "$T/err" "dup.csv:4: SKU MUG-01 is already on line 3 of this file"
run 0 export products
expect_not "$T/out" "NEW-1"

# --- stock: one bad row anywhere and nothing is applied.
{
	printf 'sku,kind,qty,unit_cost,note,ref\r\n'
	printf 'MUG-01,receipt,10,2.00,"delivery, pallet 1",r1\r\n'
	printf 'MUG-01,sale,-2,,"say ""hi""",r2\r\n'
	printf 'TEE-S,receipt,5,,"two\r\nlines",r3\r\n'
	printf 'NOPE,sale,-1,,,r4\r\n'
	printf 'MUG-01,sale,-100,,,r5\r\n'
	printf 'TEE-S,receipt,3,,,r6\r\n'
	printf 'MUG-01,sale,many,,,r7\r\n'
} >"$T/s.csv"
run 1 import stock "$T/s.csv"
expect "$T/err" "$T/s.csv:4: the note must be"
expect "$T/err" "$T/s.csv:6: unknown SKU NOPE"
expect "$T/err" "$T/s.csv:7: stock would become -92"
expect "$T/err" "$T/s.csv:9: qty: 'many' is not a whole number"
expect "$T/err" "4 bad rows; nothing was imported"
[ "$(on_hand MUG-01)" = 0 ] || fail "MUG-01 moved by a refused import"
[ "$(on_hand TEE-S)" = 0 ] || fail "TEE-S moved by a refused import"
[ ! -e "$T/s.rejects.csv" ] || fail "rejects written without --skip-bad"

# --skip-bad applies the rest and writes the bad rows with an error column.
run 0 import stock "$T/s.csv" --skip-bad
expect "$T/err" "imported 3 rows from $T/s.csv, skipped 4 bad rows"
expect "$T/err" "bad rows -> $T/s.rejects.csv"
[ "$(on_hand MUG-01)" = 8 ] || fail "MUG-01 is $(on_hand MUG-01), wanted 8"
[ "$(on_hand TEE-S)" = 3 ] || fail "TEE-S is $(on_hand TEE-S), wanted 3"
expect "$T/s.rejects.csv" "sku,kind,qty,unit_cost,note,ref,error"
expect "$T/s.rejects.csv" "NOPE,sale,-1,,,r4,unknown SKU NOPE"
expect "$T/s.rejects.csv" '"two'
expect_not "$T/s.rejects.csv" "r6"
[ "$(grep -c . "$T/s.rejects.csv")" = 6 ] || fail "rejects: wrong row count"

# Importing the same file again applies nothing twice (refs).
run 0 import stock "$T/s.csv" --skip-bad --rejects "$T/again.csv"
expect "$T/err" "imported 0 rows"
expect "$T/err" "3 already applied"
[ "$(on_hand MUG-01)" = 8 ] || fail "re-import moved MUG-01"
[ -e "$T/again.csv" ] || fail "--rejects PATH not written"
run 2 import stock "$T/s.csv" --skip-bad --rejects "$T/s.csv"

# --allow-negative lets the oversell in.
printf 'sku,kind,qty,ref\nMUG-01,sale,-100,r5\n' >"$T/neg.csv"
run 1 import stock "$T/neg.csv"
expect "$T/err" "neg.csv:2: stock would become -92 (use --allow-negative"
run 0 import stock "$T/neg.csv" --allow-negative
[ "$(on_hand MUG-01)" = -92 ] || fail "--allow-negative not applied"

# Invalid UTF-8 is reported with its line; counts need no kind column.
printf 'sku,kind,qty,note\nMUG-01,sale,-1,ok\nMUG-01,sale,-1,caf\351\n' \
    >"$T/u.csv"
run 1 import stock "$T/u.csv"
expect "$T/err" "u.csv:3: column 'note' is not valid UTF-8"
printf 'sku,counted\nMUG-01,12\nTEE-S,0\n' >"$T/count.csv"
run 0 import stock "$T/count.csv"
[ "$(on_hand MUG-01)" = 12 ] || fail "count not applied"
[ "$(on_hand TEE-S)" = 0 ] || fail "count to zero not applied"

# Malformed quoting stops the import at its line.
printf 'sku,kind,qty\nMUG-01,sale,-1\nMUG-01,sale,"-1\n' >"$T/q.csv"
run 1 import stock "$T/q.csv"
expect "$T/err" "q.csv:3: malformed CSV: a quoted field is never closed"
printf 'sku,kind,qty\nMUG-01,sale,-1x"\n' >"$T/q.csv"
run 1 import stock "$T/q.csv"
expect "$T/err" "q.csv:2: malformed CSV"
[ "$(on_hand MUG-01)" = 12 ] || fail "malformed file moved stock"

# Empty files, header-only files, unknown columns, usage.
: >"$T/empty.csv"
run 1 import stock "$T/empty.csv"
expect "$T/err" "the file is empty"
printf 'sku,kind,qty\r\n' >"$T/head.csv"
run 0 import stock "$T/head.csv"
expect "$T/err" "no rows after the header"
printf 'sku,kind,qty,colour\n' >"$T/col.csv"
run 1 import stock "$T/col.csv"
expect "$T/err" "unknown column 'colour'"
run 2 import widgets "$T/head.csv"
run 2 import stock "$T/head.csv" --bogus
run 2 import stock "$T/head.csv" --rejects "$T/x.csv"
run 3 import stock "$T/missing.csv"

# --- export stock and movements; movements import back unchanged.
run 0 export stock
expect "$T/out" "sku,name,category,on_hand,committed,available,reorder_point,"
expect "$T/out" 'MUG-01,"Mug, blue",Kitchen,12,0,12,5,ok,2.00,24.00'
run 0 export movements "$T/m.csv"
expect "$T/m.csv" "id,time,sku,location,kind,qty,counted,unit_cost,reason,note,"
expect "$T/m.csv" ',MUG-01,Shop,receipt,10,,2.00,,"delivery, pallet 1",'
DB="$T/copy.db"
run 0 init
run 0 import products "$T/p2.csv"
run 0 import stock "$T/m.csv" --allow-negative
[ "$(on_hand MUG-01)" = 12 ] || fail "copy: MUG-01 is $(on_hand MUG-01)"
run 0 export movements "$T/m2.csv"
cmp -s "$T/m.csv" "$T/m2.csv" || {
	diff "$T/m.csv" "$T/m2.csv" >&2
	fail "movements did not round-trip"
}

# A locked database: the import waits, then fails; nothing is applied.
if command -v sqlite3 >/dev/null 2>&1; then
	printf 'sku,kind,qty\nMUG-01,receipt,1\n' >"$T/one.csv"
	# The holder waits for the lock too: the probe below may hold it
	# for an instant.
	(printf 'BEGIN IMMEDIATE;\n'; sleep 10; printf 'COMMIT;\n') |
	    sqlite3 -cmd '.timeout 5000' "$DB" &
	# Wait until the other writer really holds the lock.
	i=0
	while sqlite3 -cmd '.timeout 0' "$DB" 'BEGIN IMMEDIATE; ROLLBACK;' \
	    >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the other writer never took the lock"
		sleep 0.1
	done
	run 3 import stock "$T/one.csv"
	expect "$T/err" "locked"
	wait
	[ "$(on_hand MUG-01)" = 12 ] || fail "locked import applied"
fi

echo "io.sh: ok"
