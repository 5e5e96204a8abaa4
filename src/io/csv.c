/* csv.c — CSV cells (see csv.h). */
#include <math.h>
#include <string.h>

#include "io/csv.h"

void pl_csv_text(FILE *f, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void pl_csv_num(FILE *f, double x)
{
    if (!isnan(x)) fprintf(f, "%.10g", x);
}

void pl_csv_square(FILE *f, const char *corner, size_t n, pl_csv_name_fn name, pl_csv_value_fn value,
                   const void *ctx)
{
    fputs(corner, f);
    for (size_t j = 0; j < n; j++) {
        fputc(',', f);
        pl_csv_text(f, name(ctx, j));
    }
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) {
        pl_csv_text(f, name(ctx, i));
        for (size_t j = 0; j < n; j++) {
            fputc(',', f);
            pl_csv_num(f, value(ctx, i, j));
        }
        fputc('\n', f);
    }
}
