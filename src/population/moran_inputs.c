// SPDX-License-Identifier: MIT
/* moran_inputs.c — what a Moran process reads besides its strategies: graphs over the
 * individuals (by name or as an edge list) and mutation matrices, and the check of a mutation
 * matrix (parley/population.h, population/mutation_check.h).
 *
 * Why one reader: an edge list and a matrix are both lines of numbers apart by commas or spaces,
 * so both go through read_numbers(), which names the file, line and column of whatever is not a
 * number in range or a line of the wrong length. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "io/files.h"
#include "parley/population.h"
#include "parley/text.h"
#include "population/mutation_check.h"

/* Reads every line of numbers (cols a line, each in [lo, hi], whole numbers if whole) into a
 * growing array: *vals (rows * cols values), *rows. */
static int read_numbers(const char *path, const char *what, size_t cols, double lo, double hi, int whole,
                        double **vals, size_t *rows, pl_error *err)
{
    FILE *f;
    *vals = NULL;
    *rows = 0;
    int rc = pl_input_open(&f, path, what, err);
    if (rc) return rc;
    const char *name = pl_infile_name(path);
    char *line = NULL;
    size_t cap = 0, len, vcap = 0;
    long lineno = 0;
    int got;
    while ((got = pl_read_line(f, path, what, lineno + 1, &line, &cap, &len, 1 << 20, err)) == 1) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        size_t k = 0;
        char *p = line;
        for (;;) {
            p += strspn(p, " \t,");
            if (!*p) break;
            size_t w = strcspn(p, " \t,");
            char save = p[w];
            p[w] = '\0';
            double x;
            long l;
            pl_error e;
            int bad = whole ? pl_parse_long(p, (long)lo, (long)hi, &l, &e) : pl_parse_double(p, lo, hi, &x, &e);
            if (bad) {
                rc = pl_error_set(err, PL_EINVAL, "%s:%ld:%ld: %s", name, lineno, (long)(p - line) + 1, e.msg);
                goto out;
            }
            if (whole) x = (double)l; /* only once parsed: l is unset after a bad number */
            if (k >= cols) {
                rc = pl_error_set(err, PL_EINVAL, "%s:%ld:%ld: more numbers on the line than the %zu expected (%s)", name,
                                  lineno, (long)(p - line) + 1, cols, what);
                goto out;
            }
            if ((*rows * cols + k + 1) > vcap) {
                size_t nc = vcap ? vcap * 2 : 64;
                double *v = pl_realloc(*vals, nc * sizeof *v);
                if (!v) {
                    rc = pl_error_set(err, PL_ENOMEM, "out of memory reading %s", name);
                    goto out;
                }
                *vals = v;
                vcap = nc;
            }
            (*vals)[*rows * cols + k++] = x;
            p[w] = save;
            p += w;
        }
        if (k == 0) continue; /* a blank or comment line */
        if (k != cols) {
            rc = pl_error_set(err, PL_EINVAL, "%s:%ld:%zu: %zu numbers on the line; expected %zu (%s)", name, lineno,
                              strlen(line) + 1, k, cols, what);
            goto out;
        }
        (*rows)++;
    }
    if (got < 0) rc = got;
out:
    pl_free(line);
    fclose(f);
    if (rc) {
        pl_free(*vals);
        *vals = NULL;
    }
    return rc;
}

void pl_moran_graph_free(pl_moran_graph *g)
{
    if (!g) return;
    pl_free((void *)g->from);
    pl_free((void *)g->to);
    memset(g, 0, sizeof *g);
}

int pl_moran_graph_make(const char *spec, int N, pl_moran_graph *g, pl_error *err)
{
    memset(g, 0, sizeof *g);
    if (N < 2 || N > PL_MORAN_MAX_POPULATION)
        return pl_error_set(err, PL_EINVAL, "a graph needs 2 to %d individuals, got %d", PL_MORAN_MAX_POPULATION, N);
    size_t e;
    double *vals = NULL;
    int named = 1;
    if (!strcmp(spec, "complete")) e = (size_t)N * (size_t)(N - 1) / 2;
    else if (!strcmp(spec, "cycle")) e = N == 2 ? 1 : (size_t)N;
    else if (!strcmp(spec, "star")) e = (size_t)N - 1;
    else {
        named = 0;
        int rc = read_numbers(spec, "an edge list", 2, 0, N - 1, 1, &vals, &e, err);
        if (rc) return rc;
        if (e == 0) return pl_error_set(err, PL_EINVAL, "%s: no edges; expected lines of two vertex numbers", pl_infile_name(spec));
    }
    int *from = pl_malloc(e * sizeof *from), *to = pl_malloc(e * sizeof *to);
    if (!from || !to) {
        pl_free(from);
        pl_free(to);
        pl_free(vals);
        return pl_error_set(err, PL_ENOMEM, "out of memory for a graph of %zu edges", e);
    }
    size_t k = 0;
    if (named && spec[0] == 'c' && spec[1] == 'o') {
        for (int i = 0; i < N; i++)
            for (int j = i + 1; j < N; j++, k++) from[k] = i, to[k] = j;
    } else if (named && spec[0] == 'c') {
        for (k = 0; k < e; k++) from[k] = (int)k, to[k] = (int)((k + 1) % (size_t)N);
    } else if (named) {
        for (k = 0; k < e; k++) from[k] = 0, to[k] = (int)k + 1;
    } else {
        for (k = 0; k < e; k++) from[k] = (int)vals[2 * k], to[k] = (int)vals[2 * k + 1];
    }
    pl_free(vals);
    g->vertices = N;
    g->edges = e;
    g->from = from;
    g->to = to;
    return PL_OK;
}

int pl_moran_matrix_read(const char *path, size_t n, double *matrix, pl_error *err)
{
    double *vals;
    size_t rows;
    int rc = read_numbers(path, "a mutation matrix", n, 0, 1, 0, &vals, &rows, err);
    if (rc) return rc;
    const char *name = pl_infile_name(path);
    if (rows != n) {
        pl_free(vals);
        return pl_error_set(err, PL_EINVAL, "%s: %zu rows; expected %zu, one for each type", name, rows, n);
    }
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t j = 0; j < n; j++) sum += vals[i * n + j];
        if (fabs(sum - 1) > 1e-9) {
            pl_free(vals);
            return pl_error_set(err, PL_EINVAL, "%s: row %zu sums to %.12g; expected 1 (each row: the chances an offspring "
                                "of that type is of each type)", name, i + 1, sum);
        }
    }
    memcpy(matrix, vals, n * n * sizeof *matrix);
    pl_free(vals);
    return PL_OK;
}

void pl_moran_rates_matrix(const double *rates, size_t n, double *matrix)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            matrix[i * n + j] = i == j ? 1 - rates[i] : (n > 1 ? rates[i] / (double)(n - 1) : 0);
}

int pl_mutation_matrix_check(const double *Q, size_t n, const char *const *names, pl_error *err)
{
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t j = 0; j < n; j++) {
            double q = Q[i * n + j];
            if (!(q >= 0 && q <= 1))
                return pl_error_set(err, PL_EINVAL, "mutation matrix row %zu%s%s%s, column %zu: expected a probability, got %g",
                                    i + 1, names ? " (" : "", names ? names[i] : "", names ? ")" : "", j + 1, q);
            sum += q;
        }
        if (fabs(sum - 1) > 1e-9)
            return pl_error_set(err, PL_EINVAL, "mutation matrix row %zu%s%s%s sums to %.12g; expected 1", i + 1,
                                names ? " (" : "", names ? names[i] : "", names ? ")" : "", sum);
    }
    return PL_OK;
}
