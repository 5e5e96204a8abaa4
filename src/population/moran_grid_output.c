// SPDX-License-Identifier: MIT
/* moran_grid_output.c — the files of a grid of estimates (`parley moran --grid-sizes`): grid.csv
 * (one row a cell, in long format) and report.html with heat maps over size and each other axis —
 * N x p, the fixation probability against a neutral mutant's 1/N, or with mutation rates as an
 * axis the mutant's mean share (parley/population.h, pl_moran_grid_write).
 *
 * Written atomically through io/files.h at a fixed precision: the same grid, the same bytes. */
#include <math.h>
#include <stdio.h>

#include "core/alloc.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/html_report.h"
#include "io/svg_chart.h"
#include "parley/population.h"

static size_t ngames(const pl_moran_grid *g) { return g->ngames ? g->ngames : 1; }
static size_t nmut(const pl_moran_grid *g) { return g->nmutation ? g->nmutation : 1; }
static const char *game_name(const pl_moran_grid *g, size_t i) { return g->games ? g->games[i] : "3,0,5,1"; }
/* The size of cell k: cells go game, size, noise, mutation (the last the fastest). */
static int cell_size(const pl_moran_grid *g, size_t k) { return g->sizes[k / (g->nnoise * nmut(g)) % g->nsizes]; }

static void csv_grid(FILE *out, const void *ctx)
{
    const pl_moran_grid *g = ctx;
    size_t nm = nmut(g), cells = ngames(g) * g->nsizes * g->nnoise * nm;
    fputs(g->nmutation ? "N,noise,mutation,share,lo95,hi95,generations,game\n"
                       : "N,noise,p,lo95,hi95,exact,N_times_p,mean_generations,game\n", out);
    for (size_t k = 0; k < cells; k++) {
        int N = cell_size(g, k);
        double noise = g->noise[k / nm % g->nnoise];
        const char *game = game_name(g, k / (g->nsizes * g->nnoise * nm));
        if (g->nmutation)
            pl_csv_row(out, "dggggggs\n", N, noise, g->mutation[k % nm], g->p[k], g->lo[k], g->hi[k], g->generations[k],
                       game);
        else {
            pl_csv_row(out, "dgggggg", N, noise, g->p[k], g->lo[k], g->hi[k], g->exact[k], N * g->p[k]);
            pl_csv_row(out, "+gs\n", g->generations[k], game);
        }
    }
}

/* One heat map of N x p: rows the sizes, columns `cols` cells apart by `step` from `first`. */
static int grid_chart(pl_report *rep, const pl_moran_grid *g, const double *np, size_t first, size_t row_step,
                      size_t cols, size_t col_step, const char **rl, const char **cl, const char *title,
                      const char *caption, pl_error *err)
{
    double *cells = pl_malloc(g->nsizes * cols * sizeof *cells);
    pl_chart *c = pl_chart_create(PL_CHART_HEATMAP, title);
    if (!cells || !c) {
        pl_free(cells);
        pl_chart_free(c);
        return pl_error_set(err, PL_ENOMEM, "out of memory for the report");
    }
    for (size_t i = 0; i < g->nsizes; i++)
        for (size_t j = 0; j < cols; j++) cells[i * cols + j] = np[first + i * row_step + j * col_step];
    pl_chart_set_matrix(c, g->nsizes, cols, cells, rl, cl);
    pl_report_chart(rep, c, caption);
    pl_chart_free(c);
    pl_free(cells);
    return PL_OK;
}

int pl_moran_grid_write(const pl_moran_grid *g, const char *dir, pl_error *err)
{
    int rc = pl_outfile_write(dir, "grid.csv", csv_grid, g, err);
    if (rc) return rc;
    size_t ng = ngames(g), nn = g->nnoise, ns = g->nsizes, nm = nmut(g), cells = ng * ns * nn * nm;
    size_t labels = ns + nn + ng + nm;
    int ab = g->nmutation > 0;
    double *np = pl_malloc(cells * sizeof *np);
    char *text = pl_malloc(labels * 48);
    const char **rl = pl_malloc(ns * sizeof *rl), **cl = pl_malloc(nn * sizeof *cl), **gl = pl_malloc(ng * sizeof *gl),
               **ml = pl_malloc(nm * sizeof *ml);
    pl_report *rep = pl_report_create(ab ? "Abundance under mutation over a grid" : "Fixation over a grid");
    char *path = pl_path_join(dir, "report.html");
    if (!np || !text || !rl || !cl || !gl || !ml || !rep || !path) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for the report");
        goto done;
    }
    char *t = text;
    for (size_t i = 0; i < ns; i++, t += 48) snprintf(t, 48, "N = %d", g->sizes[i]), rl[i] = t;
    for (size_t j = 0; j < nn; j++, t += 48) snprintf(t, 48, "noise %g", g->noise[j]), cl[j] = t;
    for (size_t q = 0; q < ng; q++, t += 48) snprintf(t, 48, "game %s", game_name(g, q)), gl[q] = t;
    for (size_t u = 0; u < nm; u++, t += 48) snprintf(t, 48, "mutation %g", ab ? g->mutation[u] : 0), ml[u] = t;
    /* what the heat maps show: N x p for fixation (1 is neutral drift), the mutant's mean share for abundance */
    for (size_t k = 0; k < cells; k++) np[k] = ab ? g->p[k] : cell_size(g, k) * g->p[k];
    char sub[256];
    snprintf(sub, sizeof sub, "One %s among N - 1 %s", g->mutant, g->resident);
    pl_report_set_subtitle(rep, sub);
    pl_report_param(rep, "mode", g->mode == PL_MORAN_DB ? "death-birth" : "birth-death");
    pl_report_paramf(rep, "selection w", "%g", g->selection);
    pl_report_paramf(rep, "turns", "%d", g->turns);
    pl_report_paramf(rep, "runs a cell", "%llu", (unsigned long long)g->runs);
    if (ab) pl_report_paramf(rep, "generations a run", "%.0f", g->generations[0]);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)g->seed);
    const char *what = ab ? "mean share of the mutant's type" : "N x fixation probability (1 = neutral drift)";
    if (ab) {
        pl_report_section(rep, "The mutant's type under mutation");
        pl_report_paragraph(rep, "Each cell: the share of the population of the first player's type, averaged over "
                                 "the generations of a run and over the runs, starting from one mutant among N - 1; "
                                 "with mutation nothing fixes, and this is where mutation and selection balance.");
    } else {
        pl_report_section(rep, "Fixation probability against neutral drift");
        pl_report_paragraph(rep, "Each cell: N times the share of runs in which the single mutant took over; above 1 "
                                 "selection favours it over a neutral mutant (1/N), below 1 it opposes it.");
    }
    /* a heat map over size and each other axis with several values (noise, game, mutation), the rest fixed at
     * each of their values; size x noise always */
    char title[160];
    for (size_t q = 0; q < ng && !rc; q++)
        for (size_t u = 0; u < nm && !rc; u++) {
            snprintf(title, sizeof title, "%s, %s%s%s", what, gl[q], ab ? ", " : "", ab ? ml[u] : "");
            rc = grid_chart(rep, g, np, q * ns * nn * nm + u, nn * nm, nn, nm, rl, cl, title,
                            "Over population size (rows) and noise (columns); grid.csv has the intervals.", err);
        }
    for (size_t j = 0; j < nn && ng > 1 && !rc; j++)
        for (size_t u = 0; u < nm && !rc; u++) {
            snprintf(title, sizeof title, "%s, %s%s%s", what, cl[j], ab ? ", " : "", ab ? ml[u] : "");
            rc = grid_chart(rep, g, np, j * nm + u, nn * nm, ng, ns * nn * nm, rl, gl, title,
                            "Over population size (rows) and game (columns); grid.csv has the intervals.", err);
        }
    for (size_t q = 0; q < ng && nm > 1 && !rc; q++)
        for (size_t j = 0; j < nn && !rc; j++) {
            snprintf(title, sizeof title, "%s, %s, %s", what, gl[q], cl[j]);
            rc = grid_chart(rep, g, np, (q * ns * nn + j) * nm, nn * nm, nm, 1, rl, ml, title,
                            "Over population size (rows) and mutation rate (columns); grid.csv has the intervals.", err);
        }
    if (rc) goto done;
    static const char *const fhead[] = {"N", "noise", "game", "p", "95% interval", "exact", "N x p", "mean generations"};
    static const char *const ahead[] = {"N", "noise", "game", "mutation", "mean share", "95% interval", "generations"};
    pl_report_table_begin(rep, NULL, ab ? 7 : 8, ab ? ahead : fhead);
    for (size_t k = 0; k < cells; k++) {
        char a[24], b[24], d[24], e[64], f[24], h[24], q[24] = "-", mu[24];
        snprintf(a, sizeof a, "%d", cell_size(g, k));
        snprintf(b, sizeof b, "%g", g->noise[k / nm % nn]);
        snprintf(d, sizeof d, "%.4f", g->p[k]);
        snprintf(e, sizeof e, "[%.4f, %.4f]", g->lo[k], g->hi[k]);
        if (!isnan(g->exact[k])) snprintf(q, sizeof q, "%.6f", g->exact[k]);
        snprintf(f, sizeof f, "%.3f", np[k]);
        snprintf(h, sizeof h, ab ? "%.0f" : "%.1f", g->generations[k]);
        snprintf(mu, sizeof mu, "%g", ab ? g->mutation[k % nm] : 0);
        const char *game = game_name(g, k / (ns * nn * nm));
        const char *fc[] = {a, b, game, d, e, q, f, h}, *ac[] = {a, b, game, mu, d, e, h};
        pl_report_table_row(rep, ab ? ac : fc, 0);
    }
    pl_report_table_end(rep);
    rc = pl_report_write(rep, path, err);
done:
    pl_free(path);
    pl_report_free(rep);
    pl_free(np);
    pl_free(text);
    pl_free(rl);
    pl_free(cl);
    pl_free(gl);
    pl_free(ml);
    return rc;
}
