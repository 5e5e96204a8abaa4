// SPDX-License-Identifier: MIT
/* number.h — a double as the shortest decimal text that reads back to the same double.
 *
 * Every CSV cell and JSON real parley writes goes through here, so a results file holds each
 * number exactly (a script that reads it gets the bits parley computed) and no longer than
 * needed: 0.1 stays "0.1", 2/3 becomes "0.6666666666666666", the way Python's repr writes it
 * (the reference library's CSV files).  Domain-free. */
#ifndef PL_IO_NUMBER_H
#define PL_IO_NUMBER_H

#include <stddef.h>

/* Room for any result: sign, 17 digits, point, "e-308", the terminator. */
#define PL_NUM_BUF 32

/* Writes finite x into buf as "%.<p>g" with the smallest p in 1..17 whose text strtod reads back
 * as x; returns the length.  Not for NaN or the infinities (callers write those their own way). */
int pl_num_shortest(char buf[PL_NUM_BUF], double x);

#endif
