/*
 * export.h - the catalogue, the stock levels and the ledger as CSV.
 *
 * Each writes a header row and one row per product or movement to fp,
 * in the formats described at the top of export.c; export_movements()
 * output imports back with import_stock(). *rows (may be NULL) is set to
 * the number of data rows written.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "err.h"

int	export_products(struct db *, FILE *, int64_t *rows, struct err *);
int	export_stock(struct db *, FILE *, int64_t *rows, struct err *);
int	export_movements(struct db *, FILE *, int64_t *rows, struct err *);

/* "2026-11-30T14:05:00Z" for unix time t; buf has at least 21 bytes. */
void	export_time_str(int64_t t, char *buf);

#endif
