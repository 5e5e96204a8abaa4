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

/* Writes finite x into buf with the fewest significant digits (1..17) whose text strtod reads
 * back as x, laid out as Python's repr lays it out (without its ".0"): plain for decimal
 * exponents -4 to 15, else with an exponent as %e writes it ("1e-05"); returns the length.  Not
 * for NaN or the infinities (callers write those their own way). */
int pl_num_shortest(char buf[PL_NUM_BUF], double x);

/* Internal, for the tests and for the rare number pl_num_shortest cannot settle on its own: the
 * same text found by printf and strtod (the definition: fewest digits by bisection, then the
 * layout), slow but plainly right; and the two logarithms the fast way scales by, floor(e log10 2)
 * for |e| < 1100 and floor(k log2 10) for |k| < 400. */
int pl_num_shortest_reference(char buf[PL_NUM_BUF], double x);
int pl_num_floor_log10_pow2(int e);
int pl_num_floor_log2_pow10(int k);

#endif
