/*
 * check.h - verifying the ledger's invariants and rebuilding levels.
 *
 * Invariants: each level's on_hand equals the sum of its movements; every
 * movement with stock has a level row; no movement or level names a
 * missing product or location; a reversal points at a movement of the
 * same product with the opposite quantity; each product's stock state
 * (ok, low, out, negative) agrees with its levels and reorder point.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

#include "db.h"
#include "diag.h"
#include "err.h"

/*
 * Check everything; each broken invariant is a line in problems (naming
 * the rows). Returns 0 when the check ran (problems->n says if it passed).
 */
int	check_run(struct db *, struct diags *problems, struct err *);
/* Rebuild every level from the ledger in one transaction. *fixed = rows. */
int	check_repair(struct db *, long *fixed, struct err *);

#endif
