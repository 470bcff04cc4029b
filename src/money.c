/*
 * money.c - parsing and printing exact money and quantities (money.h).
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

int
qty_parse(const char *s, int64_t *out, struct err *e)
{
	const char	*p = s;
	char		*end;
	long long	 v;

	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p)) {
		err_set(e, ERR_USAGE, "'%s' is not a whole number", s);
		return -1;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE) {
		err_set(e, ERR_USAGE, "'%s' is out of range", s);
		return -1;
	}
	if (*end != '\0') {
		err_set(e, ERR_USAGE, "'%s' is not a whole number", s);
		return -1;
	}
	*out = v;
	return 0;
}

int
money_parse(const char *s, int64_t *out, struct err *e)
{
	const char	*p = s;
	int		 neg = 0, ndec = 0, digits = 0;
	int64_t		 v = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; *p != '\0' && *p != '.'; p++) {
		if (!isdigit((unsigned char)*p))
			goto bad;
		if (v > (INT64_MAX - 9) / 10 / 100)
			goto range;
		v = v * 10 + (*p - '0');
		digits++;
	}
	v *= 100;
	if (*p == '.') {
		for (p++; *p != '\0'; p++) {
			if (!isdigit((unsigned char)*p))
				goto bad;
			if (++ndec > 2) {
				err_set(e, ERR_USAGE, "'%s': at most two "
				    "decimals", s);
				return -1;
			}
			v += (*p - '0') * (ndec == 1 ? 10 : 1);
			digits++;
		}
	}
	if (digits == 0)
		goto bad;
	*out = neg ? -v : v;
	return 0;
bad:
	err_set(e, ERR_USAGE, "'%s' is not an amount (e.g. 4.50)", s);
	return -1;
range:
	err_set(e, ERR_USAGE, "'%s' is out of range", s);
	return -1;
}

char *
money_format(int64_t v, char *buf)
{
	uint64_t	a;

	a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	snprintf(buf, MONEY_BUFSZ, "%s%" PRIu64 ".%02u", v < 0 ? "-" : "",
	    a / 100, (unsigned)(a % 100));
	return buf;
}
