// SPDX-License-Identifier: MIT
/* moran_grid_output.c — the files of a grid of fixation estimates (`parley moran --grid-sizes`):
 * grid.csv (one row a cell, in long format) and report.html with N x p, the fixation probability
 * against a neutral mutant's 1/N, as heat maps over each pair of axes — size and noise for each
 * game, size and game for each noise level (parley/population.h, pl_moran_grid_write).
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
static const char *game_name(const pl_moran_grid *g, size_t i) { return g->games ? g->games[i] : "3,0,5,1"; }

static void csv_grid(FILE *out, const void *ctx)
{
    const pl_moran_grid *g = ctx;
    fputs("N,noise,p,lo95,hi95,exact,N_times_p,mean_generations,game\n", out);
    for (size_t q = 0; q < ngames(g); q++)
        for (size_t i = 0; i < g->nsizes; i++)
            for (size_t j = 0; j < g->nnoise; j++) {
                size_t k = (q * g->nsizes + i) * g->nnoise + j;
                pl_csv_row(out, "dgggggg", g->sizes[i], g->noise[j], g->p[k], g->lo[k], g->hi[k], g->exact[k],
                           g->sizes[i] * g->p[k]);
                pl_csv_row(out, "+gs\n", g->generations[k], game_name(g, q));
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
    size_t ng = ngames(g), cells = ng * g->nsizes * g->nnoise, labels = g->nsizes + g->nnoise + ng;
    double *np = pl_malloc(cells * sizeof *np);
    char *text = pl_malloc(labels * 48);
    const char **rl = pl_malloc(g->nsizes * sizeof *rl), **cl = pl_malloc(g->nnoise * sizeof *cl),
               **gl = pl_malloc(ng * sizeof *gl);
    pl_report *rep = pl_report_create("Fixation over a grid");
    char *path = pl_path_join(dir, "report.html");
    if (!np || !text || !rl || !cl || !gl || !rep || !path) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for the report");
        goto done;
    }
    for (size_t i = 0; i < g->nsizes; i++) {
        rl[i] = text + i * 48;
        snprintf(text + i * 48, 48, "N = %d", g->sizes[i]);
    }
    for (size_t j = 0; j < g->nnoise; j++) {
        cl[j] = text + (g->nsizes + j) * 48;
        snprintf(text + (g->nsizes + j) * 48, 48, "noise %g", g->noise[j]);
    }
    for (size_t q = 0; q < ng; q++) {
        gl[q] = text + (g->nsizes + g->nnoise + q) * 48;
        snprintf(text + (g->nsizes + g->nnoise + q) * 48, 48, "game %s", game_name(g, q));
    }
    for (size_t k = 0; k < cells; k++) np[k] = g->sizes[k / g->nnoise % g->nsizes] * g->p[k];
    char sub[256];
    snprintf(sub, sizeof sub, "One %s among N - 1 %s", g->mutant, g->resident);
    pl_report_set_subtitle(rep, sub);
    pl_report_param(rep, "mode", g->mode == PL_MORAN_DB ? "death-birth" : "birth-death");
    pl_report_paramf(rep, "selection w", "%g", g->selection);
    pl_report_paramf(rep, "turns", "%d", g->turns);
    pl_report_paramf(rep, "runs a cell", "%llu", (unsigned long long)g->runs);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)g->seed);
    pl_report_section(rep, "Fixation probability against neutral drift");
    pl_report_paragraph(rep, "Each cell: N times the share of runs in which the single mutant took over; above 1 "
                             "selection favours it over a neutral mutant (1/N), below 1 it opposes it.");
    /* size x noise for each game; with several games, size x game for each noise level too */
    for (size_t q = 0; q < ng && !rc; q++) {
        char title[128];
        snprintf(title, sizeof title, "N x fixation probability (1 = neutral drift), %s", gl[q]);
        rc = grid_chart(rep, g, np, q * g->nsizes * g->nnoise, g->nnoise, g->nnoise, 1, rl, cl, title,
                        "N x p over population size (rows) and noise (columns); grid.csv has the intervals.", err);
    }
    for (size_t j = 0; j < g->nnoise && ng > 1 && !rc; j++) {
        char title[128];
        snprintf(title, sizeof title, "N x fixation probability (1 = neutral drift), %s", cl[j]);
        rc = grid_chart(rep, g, np, j, g->nnoise, ng, g->nsizes * g->nnoise, rl, gl, title,
                        "N x p over population size (rows) and game (columns); grid.csv has the intervals.", err);
    }
    if (rc) goto done;
    static const char *const head[] = {"N", "noise", "game", "p", "95% interval", "exact", "N x p", "mean generations"};
    pl_report_table_begin(rep, NULL, 8, head);
    for (size_t k = 0; k < cells; k++) {
        char a[24], b[24], d[24], e[64], f[24], h[24], q[24] = "-";
        snprintf(a, sizeof a, "%d", g->sizes[k / g->nnoise % g->nsizes]);
        snprintf(b, sizeof b, "%g", g->noise[k % g->nnoise]);
        snprintf(d, sizeof d, "%.4f", g->p[k]);
        snprintf(e, sizeof e, "[%.4f, %.4f]", g->lo[k], g->hi[k]);
        if (!isnan(g->exact[k])) snprintf(q, sizeof q, "%.6f", g->exact[k]);
        snprintf(f, sizeof f, "%.3f", np[k]);
        snprintf(h, sizeof h, "%.1f", g->generations[k]);
        const char *cells_[] = {a, b, game_name(g, k / (g->nnoise * g->nsizes)), d, e, q, f, h};
        pl_report_table_row(rep, cells_, 0);
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
    return rc;
}
