// SPDX-License-Identifier: MIT
/* date.h — calendar dates, read and counted once for the whole library.
 *
 * Scenario files and event files both give dates as YYYY-MM-DD or YYYY-MM; the
 * agreement's calendar counts periods between them and the event reader counts
 * days.  One strict reader (digits and dashes only, a real day of a real month)
 * and one day count (proleptic Gregorian, Howard Hinnant's civil-date algorithms)
 * serve both, so a date means the same thing in every file. */
#ifndef PL_DATE_H
#define PL_DATE_H

/* Parses exactly YYYY-MM-DD or YYYY-MM (*d = 0 when the day is absent); 0 on success, -1 for
 * anything else (other lengths, other characters, month 13, February 30). */
int pl_date_parse(const char *s, int *y, int *m, int *d);
int pl_date_days_in_month(int y, int m);
/* Days since 1970-01-01 of a date, and back. */
long pl_date_to_days(int y, int m, int d);
void pl_date_from_days(long z, int *y, int *m, int *d);

#endif
