/*
 * schema.c - the database schema as numbered migrations.
 *
 * PRAGMA user_version is the number of migrations applied. db_open() runs
 * the missing ones, each in the same transaction as the version bump, so
 * a crash leaves the file at an old version, never between two. Append
 * new migrations; never edit an applied one.
 *
 * The ledger (movements) is the truth; inventory holds levels derived from
 * it, kept in step by ledger_post() and verified by check.c.
 */
#include <stdio.h>

#include "dbi.h"

static const char *const migrations[] = {
	/* 1: catalogue, locations, channels, the ledger and its levels. */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE locations ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  type TEXT NOT NULL DEFAULT 'store'"
	"    CHECK (type IN ('warehouse', 'store', 'online')),"
	"  address TEXT NOT NULL DEFAULT ''"
	");"
	"INSERT INTO locations (id, name, type) VALUES (1, 'Shop', 'store');"
	"CREATE TABLE products ("
	"  id INTEGER PRIMARY KEY,"
	"  sku TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  description TEXT NOT NULL DEFAULT '',"
	"  category TEXT NOT NULL DEFAULT '',"
	"  barcode TEXT UNIQUE,"
	"  parent_sku TEXT,"
	"  supplier TEXT NOT NULL DEFAULT '',"
	"  price INTEGER NOT NULL DEFAULT 0,"	/* minor units */
	"  cost INTEGER NOT NULL DEFAULT 0,"	/* minor units */
	"  reorder_point INTEGER,"		/* NULL: no manual threshold */
	/* 0 ok, 1 low, 2 out, 3 negative: kept by the triggers below. */
	"  stock_state INTEGER NOT NULL DEFAULT 2,"
	"  image_url TEXT NOT NULL DEFAULT '',"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	");"
	"CREATE INDEX products_name ON products (name);"
	"CREATE INDEX products_category ON products (category, sku);"
	/* Any change to the catalogue bumps this, so lists know to reload. */
	"INSERT INTO meta VALUES ('catalog_version', '0');"
	"CREATE TRIGGER products_ai AFTER INSERT ON products BEGIN"
	"  UPDATE meta SET value = value + 1 WHERE key = 'catalog_version';"
	" END;"
	"CREATE TRIGGER products_au AFTER UPDATE OF sku, name, category, "
	"  barcode, parent_sku, supplier, active ON products BEGIN"
	"  UPDATE meta SET value = value + 1 WHERE key = 'catalog_version';"
	" END;"
	"CREATE TRIGGER products_ad AFTER DELETE ON products BEGIN"
	"  UPDATE meta SET value = value + 1 WHERE key = 'catalog_version';"
	" END;"
	"CREATE TABLE sales_channels ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  type TEXT NOT NULL,"
	"  paused INTEGER NOT NULL DEFAULT 0,"
	"  last_sync_at INTEGER,"
	"  last_error TEXT,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE TABLE movements ("
	"  id INTEGER PRIMARY KEY,"
	"  product_id INTEGER NOT NULL REFERENCES products (id),"
	"  location_id INTEGER NOT NULL REFERENCES locations (id),"
	/* ORs, not IN (...): SQLite builds a lookup table per row for IN. */
	"  kind TEXT NOT NULL CHECK (kind = 'sale' OR kind = 'receipt' OR"
	"    kind = 'adjustment' OR kind = 'count' OR kind = 'return' OR"
	"    kind = 'transfer' OR kind = 'opening'),"
	"  qty INTEGER NOT NULL,"		/* change of on_hand */
	"  counted INTEGER,"			/* count: the quantity found */
	"  unit_cost INTEGER,"			/* minor units */
	"  reason TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  user TEXT NOT NULL,"
	"  channel_id INTEGER REFERENCES sales_channels (id),"
	"  ext_ref TEXT,"
	"  idem_key TEXT,"
	"  reverses INTEGER REFERENCES movements (id),"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX movements_product ON movements (product_id, created_at);"
	"CREATE UNIQUE INDEX movements_idem ON movements (idem_key)"
	"  WHERE idem_key IS NOT NULL;"
	"CREATE UNIQUE INDEX movements_reverses ON movements (reverses)"
	"  WHERE reverses IS NOT NULL;"
	"CREATE TABLE inventory ("
	"  product_id INTEGER NOT NULL REFERENCES products (id),"
	"  location_id INTEGER NOT NULL REFERENCES locations (id),"
	"  on_hand INTEGER NOT NULL DEFAULT 0,"
	"  committed INTEGER NOT NULL DEFAULT 0,"
	"  available INTEGER GENERATED ALWAYS AS (on_hand - committed) VIRTUAL,"
	"  updated_at INTEGER NOT NULL,"
	"  PRIMARY KEY (product_id, location_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX inventory_available ON inventory (available);"
	"CREATE INDEX inventory_on_hand ON inventory (on_hand);"
	/*
	 * Each product's stock state follows its levels and reorder point in
	 * the same transaction, whoever writes them, so the low-stock list is
	 * an index lookup instead of a sum over every level.
	 */
	"CREATE INDEX products_alert ON products (stock_state)"
	"  WHERE stock_state > 0;"
	"CREATE VIEW product_state AS"
	"  SELECT id AS product_id, CASE"
	"    WHEN available < 0 THEN 3"
	"    WHEN available = 0 THEN 2"
	"    WHEN available <= reorder_point THEN 1"
	"    ELSE 0 END AS state"
	"  FROM (SELECT id, reorder_point, (SELECT coalesce(sum(available), 0)"
	"    FROM inventory WHERE product_id = products.id) AS available"
	"    FROM products);"
	"CREATE TRIGGER inventory_ai AFTER INSERT ON inventory BEGIN"
	"  UPDATE products SET stock_state = (SELECT state FROM product_state"
	"    WHERE product_id = NEW.product_id) WHERE id = NEW.product_id;"
	" END;"
	"CREATE TRIGGER inventory_au AFTER UPDATE OF on_hand, committed"
	"  ON inventory BEGIN"
	"  UPDATE products SET stock_state = (SELECT state FROM product_state"
	"    WHERE product_id = NEW.product_id) WHERE id = NEW.product_id"
	"    AND stock_state IS NOT (SELECT state FROM product_state"
	"    WHERE product_id = NEW.product_id);"
	" END;"
	"CREATE TRIGGER products_rp AFTER UPDATE OF reorder_point ON products"
	"  BEGIN"
	"  UPDATE products SET stock_state = (SELECT state FROM product_state"
	"    WHERE product_id = NEW.id) WHERE id = NEW.id;"
	" END;"
	/* Units sold per product per day (UTC), derived from the ledger. */
	"CREATE VIEW sales_data AS"
	"  SELECT product_id, channel_id,"
	"    date(created_at, 'unixepoch') AS sale_date,"
	"    -sum(qty) AS quantity_sold"
	"  FROM movements WHERE kind IN ('sale', 'return')"
	"  GROUP BY product_id, channel_id, sale_date;",

	/*
	 * 2: what a channel needs to be reached. Credentials live in their
	 * own table so no query of channels can select them by accident;
	 * the file is 0600 and they are never printed.
	 */
	"ALTER TABLE sales_channels ADD COLUMN base_url TEXT NOT NULL "
	"  DEFAULT '';"
	"ALTER TABLE sales_channels ADD COLUMN buffer_units INTEGER NOT NULL "
	"  DEFAULT 0;"
	"ALTER TABLE sales_channels ADD COLUMN buffer_pct INTEGER NOT NULL "
	"  DEFAULT 0;"
	"ALTER TABLE sales_channels ADD COLUMN cap INTEGER;"
	"ALTER TABLE sales_channels ADD COLUMN removed_at INTEGER;"
	"CREATE TABLE channel_credentials ("
	"  channel_id INTEGER PRIMARY KEY"
	"    REFERENCES sales_channels (id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind = 'token' OR kind = 'client' OR"
	"    kind = 'key'),"
	"  ident TEXT NOT NULL DEFAULT '',"	/* client id, consumer key */
	"  secret TEXT NOT NULL"
	");",

	/*
	 * 3: listings, the things on a channel that hold stock, and which
	 * invsync product each one is. What import cannot decide (no match,
	 * a SKU used twice, tracking off) is recorded, not guessed; what
	 * the operator decides (manual) an import never overrides.
	 */
	"CREATE TABLE listings ("
	"  id INTEGER PRIMARY KEY,"
	"  channel_id INTEGER NOT NULL"
	"    REFERENCES sales_channels (id) ON DELETE CASCADE,"
	"  ext_id TEXT NOT NULL,"
	"  ext_location TEXT NOT NULL DEFAULT '',"
	"  sku TEXT NOT NULL DEFAULT '',"
	"  barcode TEXT NOT NULL DEFAULT '',"
	"  title TEXT NOT NULL DEFAULT '',"
	"  tracked INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status = 'linked' OR"
	"    status = 'unmatched' OR status = 'duplicate' OR"
	"    status = 'untracked' OR status = 'ignored' OR status = 'gone'),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  manual INTEGER NOT NULL DEFAULT 0,"
	"  product_id INTEGER REFERENCES products (id),"
	"  channel_qty INTEGER,"
	"  seen_gen INTEGER NOT NULL,"	/* the import that last saw it */
	"  UNIQUE (channel_id, ext_id, ext_location)"
	");"
	"CREATE INDEX listings_product ON listings (product_id)"
	"  WHERE product_id IS NOT NULL;",

	/*
	 * 4: what sync has seen and done. Each order line remembers how
	 * many units invsync has booked for it, so a line's later life
	 * (cancel, refund, edit) books only the difference, once. A
	 * listing's desired quantity is written before a push and cleared
	 * when the channel confirms it, so a crash between resumes.
	 */
	"CREATE TABLE channel_order_lines ("
	"  channel_id INTEGER NOT NULL"
	"    REFERENCES sales_channels (id) ON DELETE CASCADE,"
	"  order_id TEXT NOT NULL,"
	"  line_id TEXT NOT NULL,"
	"  product_id INTEGER REFERENCES products (id),"
	"  booked INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (channel_id, order_id, line_id)"
	") WITHOUT ROWID;"
	"ALTER TABLE sales_channels ADD COLUMN orders_cursor TEXT;"
	"ALTER TABLE listings ADD COLUMN desired_qty INTEGER;"
	"ALTER TABLE listings ADD COLUMN pushed_at INTEGER;",
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int
schema_version(void)
{
	return NMIGRATIONS;
}

int
schema_migrate(struct db *db, struct err *e)
{
	sqlite3_stmt	*st;
	int		 version, i;
	char		 sql[64];

	if ((st = db_prepare(db, "PRAGMA user_version", e)) == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, e, "read schema version");
	version = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (version > NMIGRATIONS) {
		err_set(e, ERR_SYSTEM, "%s: database schema %d is newer than "
		    "this invsync (%d); upgrade invsync", db_path(db), version,
		    NMIGRATIONS);
		return -1;
	}
	for (i = version; i < NMIGRATIONS; i++) {
		if (db_exec(db, migrations[i], e) != 0) {
			err_prefix(e, "migration %d: ", i + 1);
			return -1;
		}
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", i + 1);
		if (db_exec(db, sql, e) != 0)
			return -1;
	}
	return 0;
}
