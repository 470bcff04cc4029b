/*
 * err.h - an error with context, filled by any function that can fail.
 *
 * A failing function returns -1 and sets e->msg to a sentence a user can
 * read ("adjust MUG-01: stock would become -3 (use --allow-negative)") and
 * e->code to what kind of failure it was, which the CLI maps to its exit
 * status and the TUI to a message. Passing NULL for e is allowed.
 */
#ifndef ERR_H
#define ERR_H

enum err_code {
	ERR_NONE = 0,
	ERR_REFUSED,	/* the operation is not allowed (unknown SKU, negative) */
	ERR_USAGE,	/* the request itself is malformed */
	ERR_CONFLICT,	/* already applied (idempotency key seen) */
	ERR_SYSTEM,	/* the database or the OS failed (locked, full, corrupt) */
};

struct err {
	enum err_code	code;
	char		msg[512];
};

void	err_clear(struct err *);
void	err_set(struct err *, enum err_code, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Prefix the existing message: "import line 7: " + old message. */
void	err_prefix(struct err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
