/*
 * money.h - exact amounts of money as integer minor units (cents).
 *
 * One currency per shop, two decimals. Never floating point: "12.5" parses
 * to 1250 exactly; more than two decimals is an error, not a rounding.
 */
#ifndef MONEY_H
#define MONEY_H

#include <stdint.h>

#include "err.h"

#define MONEY_BUFSZ 32

/* Parse "12", "12.5", "12.50", "-3.99". Returns 0 or -1 (ERR_USAGE). */
int	 money_parse(const char *, int64_t *, struct err *);
/* Format as "12.50" into buf (MONEY_BUFSZ bytes); returns buf. */
char	*money_format(int64_t, char *buf);

/* Parse a 64-bit integer quantity: digits with an optional sign, no junk. */
int	 qty_parse(const char *, int64_t *, struct err *);

#endif
