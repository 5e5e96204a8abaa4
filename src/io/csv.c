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
