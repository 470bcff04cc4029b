/*
 * cli_json.h - the JSON shapes the CLI prints. They are a stable contract
 * documented in the README: add keys, never rename or remove them.
 *
 * Money is a string with two decimals ("4.50"), exact; quantities are
 * integers; times are ISO 8601 UTC strings; absent values are null.
 */
#ifndef CLI_JSON_H
#define CLI_JSON_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "ledger.h"
#include "product.h"
#include "stock.h"

cJSON	*json_stock_row(const struct stock_row *);
cJSON	*json_product(const struct product *);
cJSON	*json_movement(const struct movement *, const char *sku);

/* Print one object and free it, as an element of a streamed array. */
void	 json_array_item(FILE *, cJSON *, int *first);
void	 json_array_end(FILE *, int first);
/* Print one object on its own line and free it. */
void	 json_print(FILE *, cJSON *);

/* "2026-12-02T14:03:00Z" into buf (at least 21 bytes). */
void	 json_time(int64_t, char *buf);

#endif
