/*
 * clock.h - the time, in one place so tests can fix it.
 *
 * If INVSYNC_NOW is set (unix seconds) that is the time, always; tests use
 * it for deterministic history and demo data.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdint.h>

int64_t	clock_now(void);		/* unix seconds, UTC */
int64_t	clock_today(void);		/* days since the epoch, UTC */
/* "2026-12-02" for a day number; buf has at least 11 bytes. */
void	clock_day_str(int64_t day, char *buf);
/* "2026-12-02 14:03" in local time; buf has at least 17 bytes. */
void	clock_time_str(int64_t t, char *buf);
/* The UTC calendar date (month and day from 1) of a day number. */
void	clock_civil_from_days(int64_t day, int *y, int *m, int *d);
/* Parse YYYY-MM-DD to a day number; -1 if malformed. */
int	clock_parse_day(const char *, int64_t *day);

#endif
