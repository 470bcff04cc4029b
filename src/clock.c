/*
 * clock.c - the time (see clock.h). INVSYNC_NOW fixes it for tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"

int64_t
clock_now(void)
{
	const char	*s = getenv("INVSYNC_NOW");
	char		*end;
	long long	 v;

	if (s != NULL && *s != '\0') {
		v = strtoll(s, &end, 10);
		if (*end == '\0')
			return v;
	}
	return (int64_t)time(NULL);
}

int64_t
clock_today(void)
{
	int64_t	t = clock_now();

	return t >= 0 ? t / 86400 : (t - 86399) / 86400;
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
void
clock_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t		era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = (z - era * 146097) - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
clock_day_str(int64_t day, char *buf)
{
	int	y, m, d;

	clock_civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

void
clock_time_str(int64_t t, char *buf)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL) {
		strcpy(buf, "?");
		return;
	}
	strftime(buf, 17, "%Y-%m-%d %H:%M", &tm);
}

int
clock_parse_day(const char *s, int64_t *day)
{
	int	y, m, d, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3
	    || n != 10)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	*day = days_from_civil(y, m, d);
	return 0;
}
