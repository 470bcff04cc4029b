/*
 * stock_sql.h - the SQL behind struct stock_row, shared by stock.c and
 * stockview.c so a row reads the same wherever it is drawn. Core only.
 */
#ifndef STOCK_SQL_H
#define STOCK_SQL_H

#include "dbi.h"
#include "stock.h"

/* The columns stock_fill_row() reads, in order. */
#define STOCK_ROW_COLS "p.id, p.sku, p.name, p.category, " \
	"coalesce(p.barcode, ''), coalesce(i.on_hand, 0), " \
	"coalesce(i.committed, 0), coalesce(i.available, 0), " \
	"coalesce(p.reorder_point, -1), p.price, p.cost"
/* Products with their levels summed over locations. */
#define STOCK_ROW_FROM "products p LEFT JOIN (SELECT product_id, " \
	"sum(on_hand) AS on_hand, sum(committed) AS committed, " \
	"sum(available) AS available FROM inventory GROUP BY product_id) i " \
	"ON i.product_id = p.id"
/* One product's row by id, through the primary keys only. */
#define STOCK_ROW_ONE "SELECT p.id, p.sku, p.name, p.category, " \
	"coalesce(p.barcode, ''), coalesce(sum(i.on_hand), 0), " \
	"coalesce(sum(i.committed), 0), coalesce(sum(i.available), 0), " \
	"coalesce(p.reorder_point, -1), p.price, p.cost " \
	"FROM products p LEFT JOIN inventory i ON i.product_id = p.id " \
	"WHERE p.id = ? GROUP BY p.id"

void	stock_fill_row(sqlite3_stmt *, struct stock_row *);

#endif
