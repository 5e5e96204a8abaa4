// SPDX-License-Identifier: MIT
/* csv.c — CSV cells and rows (see csv.h). */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "io/csv.h"
#include "io/number.h"

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
    if (isnan(x)) return;
    if (isinf(x)) {
        fputs(x > 0 ? "inf" : "-inf", f);
        return;
    }
    char buf[PL_NUM_BUF];
    pl_num_shortest(buf, x);
    fputs(buf, f);
}

void pl_csv_row(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int first = 1;
    if (*fmt == '+') first = 0, fmt++;
    for (; *fmt; fmt++) {
        if (*fmt == '\n') {
            fputc('\n', f);
            continue;
        }
        if (!first) fputc(',', f);
        first = 0;
        switch (*fmt) {
        case 's': pl_csv_text(f, va_arg(ap, const char *)); break;
        case 'g': pl_csv_num(f, va_arg(ap, double)); break;
        case 'f': {
            double x = va_arg(ap, double);
            if (!isnan(x)) fprintf(f, "%.6f", x);
            break;
        }
        case 'd': fprintf(f, "%d", va_arg(ap, int)); break;
        case 'D': {
            int x = va_arg(ap, int);
            if (x >= 0) fprintf(f, "%d", x);
            break;
        }
        case 'l': fprintf(f, "%ld", va_arg(ap, long)); break;
        case 'u': fprintf(f, "%llu", (unsigned long long)va_arg(ap, uint64_t)); break;
        default: break; /* '-': an empty cell */
        }
    }
    va_end(ap);
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
