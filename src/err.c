/*
 * err.c - setting and decorating struct err (see err.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

void
err_clear(struct err *e)
{
	if (e == NULL)
		return;
	e->code = ERR_NONE;
	e->msg[0] = '\0';
}

void
err_set(struct err *e, enum err_code code, const char *fmt, ...)
{
	va_list	ap;

	if (e == NULL)
		return;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
}

void
err_prefix(struct err *e, const char *fmt, ...)
{
	char	prefix[256], old[sizeof e->msg];
	size_t	plen, olen;
	va_list	ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	/* Truncating a long message is fine; keep the prefix whole. */
	plen = strlen(prefix);
	olen = strnlen(old, sizeof old - 1);
	if (plen + olen >= sizeof e->msg)
		olen = sizeof e->msg - 1 - plen;
	memcpy(e->msg, prefix, plen);
	memcpy(e->msg + plen, old, olen);
	e->msg[plen + olen] = '\0';
}
