/* csv.h — the two CSV cell writers every results file uses (RFC 4180 quoting; NaN as an empty cell). */
#ifndef PL_CSV_H
#define PL_CSV_H

#include <stdio.h>

/* A text cell, quoted when it holds a comma, a quote or a newline (NULL writes an empty cell). */
void pl_csv_text(FILE *f, const char *s);
/* A number with 10 significant digits; NaN writes an empty cell. */
void pl_csv_num(FILE *f, double x);

#endif
