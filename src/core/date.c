// SPDX-License-Identifier: MIT
/* date.c — the one date reader and day count (date.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int pl_date_days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

int pl_date_parse(const char *s, int *y, int *m, int *d)
{
    size_t n = strlen(s);
    if (n != 7 && n != 10) return -1;
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i])) return -1;
    int yy = atoi(s), mm = atoi(s + 5), dd = n == 10 ? atoi(s + 8) : 0;
    if (mm < 1 || mm > 12) return -1;
    if (n == 10 && (dd < 1 || dd > pl_date_days_in_month(yy, mm))) return -1;
    *y = yy, *m = mm, *d = dd;
    return 0;
}

long pl_date_to_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pl_date_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}
