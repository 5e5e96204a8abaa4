/* csv.h — the CSV cell writers every results file uses, and the square table of two of them (RFC 4180 quoting; NaN as an empty cell). */
#ifndef PL_CSV_H
#define PL_CSV_H

#include <stddef.h>
#include <stdio.h>

/* A text cell, quoted when it holds a comma, a quote or a newline (NULL writes an empty cell). */
void pl_csv_text(FILE *f, const char *s);
/* A number with 10 significant digits; NaN writes an empty cell. */
void pl_csv_num(FILE *f, double x);

/* A labelled square table: a header row `corner,name(0),...,name(n-1)`, then for each row i its
 * name and value(i, j) for every column j (numbers as pl_csv_num writes them). */
typedef const char *(*pl_csv_name_fn)(const void *ctx, size_t i);
typedef double (*pl_csv_value_fn)(const void *ctx, size_t i, size_t j);
void pl_csv_square(FILE *f, const char *corner, size_t n, pl_csv_name_fn name, pl_csv_value_fn value,
                   const void *ctx);

#endif
