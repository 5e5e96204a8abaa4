// SPDX-License-Identifier: MIT
/* number.c — the shortest round-trip text of a double (see number.h).
 *
 * The digits: the smallest count of significant digits p whose "%.<p-1>e" text parses back to the
 * same bits, found by bisection (15 tried first): 17 digits always read back (IEEE 754 binary64), and
 * if p digits do, p + 1 do too (glibc rounds correctly, so the nearest (p + 1)-digit decimal is
 * at least as close to x as the nearest p-digit one).  Six printf/strtod pairs at most, two or
 * three for most computed numbers; a whole
 * number below 10^15 takes one ("%.0f" is exact).  The layout is Python repr's: plain decimals
 * for exponents -4 to 15 ("100", "0.0001", "2.5"), an exponent beyond ("1e-05", "1e+16"), so a
 * count stays "200" where a bare %g would write "2e+02". */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/number.h"

int pl_num_shortest(char buf[PL_NUM_BUF], double x)
{
    assert(isfinite(x));
    if (x == floor(x) && fabs(x) < 1e15) return snprintf(buf, PL_NUM_BUF, "%.0f", x);
    /* most computed numbers need 16 or 17 digits: 15 tried first settles them in two or three
     * tries; a shorter one is then bisected within 1..15 */
    int lo = 16, hi = 17; /* hi digits read back; the answer is in [lo, hi] */
    snprintf(buf, PL_NUM_BUF, "%.*e", 14, x);
    if (strtod(buf, NULL) == x) lo = 1, hi = 15;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        snprintf(buf, PL_NUM_BUF, "%.*e", mid - 1, x);
        if (strtod(buf, NULL) == x) hi = mid;
        else lo = mid + 1;
    }
    int len = snprintf(buf, PL_NUM_BUF, "%.*e", hi - 1, x);
    int exp10 = atoi(strchr(buf, 'e') + 1);
    if (exp10 < -4 || exp10 >= 16) return len; /* 1.5e-05, 1e+16: as %g and Python write them */
    int decimals = hi - 1 - exp10;
    return snprintf(buf, PL_NUM_BUF, "%.*f", decimals > 0 ? decimals : 0, x);
}
