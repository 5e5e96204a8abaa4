// SPDX-License-Identifier: MIT
/* number.c — the shortest round-trip text of a double (see number.h).
 *
 * Tries precisions from 1 up and keeps the first whose text parses back to the same bits;
 * 17 significant digits always do (IEEE 754 binary64), so the loop ends.  glibc's printf and
 * strtod round correctly, so the text found is the shortest %g text that round-trips. */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/number.h"

int pl_num_shortest(char buf[PL_NUM_BUF], double x)
{
    assert(isfinite(x));
    int len = 0;
    for (int p = 1; p <= 17; p++) {
        len = snprintf(buf, PL_NUM_BUF, "%.*g", p, x);
        if (strtod(buf, NULL) == x) break;
    }
    return len;
}
