// SPDX-License-Identifier: MIT
/* csv.h — the CSV writers every results file uses: cells (RFC 4180 quoting; NaN as an empty
 * cell), a row of cells from a format, and the labelled square table. */
#ifndef PL_CSV_H
#define PL_CSV_H

#include <stddef.h>
#include <stdio.h>

/* A text cell, quoted when it holds a comma, a quote or a newline (NULL writes an empty cell). */
void pl_csv_text(FILE *f, const char *s);
/* A number as the shortest text that reads back to the same double (io/number.h); NaN writes an
 * empty cell, the infinities inf and -inf. */
void pl_csv_num(FILE *f, double x);

/* Cells from a format, one letter a cell, commas between them:
 *   s  text (const char *), quoted when needed as pl_csv_text; NULL is an empty cell
 *   g  a number (double) as pl_csv_num: the shortest exact text, NaN empty
 *   f  a number (double) with 6 decimals, NaN empty
 *   d  an int          D  an int, empty when negative (a period or a count not known)
 *   l  a long          u  a uint64_t
 *   -  an empty cell (takes no argument)
 * A '+' first goes on with a row already begun (a comma before the first cell); a '\n' last ends
 * the row.  So `pl_csv_row(f, "sgd\n", name, x, n)` writes a whole row. */
void pl_csv_row(FILE *f, const char *fmt, ...);

/* A labelled square table: a header row `corner,name(0),...,name(n-1)`, then for each row i its
 * name and value(i, j) for every column j (numbers as pl_csv_num writes them). */
typedef const char *(*pl_csv_name_fn)(const void *ctx, size_t i);
typedef double (*pl_csv_value_fn)(const void *ctx, size_t i, size_t j);
void pl_csv_square(FILE *f, const char *corner, size_t n, pl_csv_name_fn name, pl_csv_value_fn value,
                   const void *ctx);

#endif
