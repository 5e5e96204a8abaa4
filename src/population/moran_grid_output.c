// SPDX-License-Identifier: MIT
/* moran_grid_output.c — the files of a grid of fixation estimates (`parley moran --grid-sizes`):
 * grid.csv and report.html with N x p, the fixation probability against a neutral mutant's 1/N,
 * as a heat map over population size and noise (parley/population.h, pl_moran_grid_write).
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

static void csv_grid(FILE *out, const void *ctx)
{
    const pl_moran_grid *g = ctx;
    fputs("N,noise,p,lo95,hi95,exact,N_times_p,mean_generations\n", out);
    for (size_t i = 0; i < g->nsizes; i++)
        for (size_t j = 0; j < g->nnoise; j++) {
            size_t k = i * g->nnoise + j;
            pl_csv_row(out, "dgggggg", g->sizes[i], g->noise[j], g->p[k], g->lo[k], g->hi[k], g->exact[k],
                       g->sizes[i] * g->p[k]);
            pl_csv_row(out, "+g\n", g->generations[k]);
        }
}

int pl_moran_grid_write(const pl_moran_grid *g, const char *dir, pl_error *err)
{
    int rc = pl_outfile_write(dir, "grid.csv", csv_grid, g, err);
    if (rc) return rc;
    size_t cells = g->nsizes * g->nnoise;
    double *np = pl_malloc(cells * sizeof *np);
    char *text = pl_malloc((g->nsizes + g->nnoise) * 24);
    const char **rl = pl_malloc(g->nsizes * sizeof *rl), **cl = pl_malloc(g->nnoise * sizeof *cl);
    pl_report *rep = pl_report_create("Fixation over a grid");
    pl_chart *c = pl_chart_create(PL_CHART_HEATMAP, "N x fixation probability (1 = neutral drift)");
    char *path = pl_path_join(dir, "report.html");
    if (!np || !text || !rl || !cl || !rep || !c || !path) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for the report");
        goto done;
    }
    for (size_t i = 0; i < g->nsizes; i++) {
        rl[i] = text + i * 24;
        snprintf(text + i * 24, 24, "N = %d", g->sizes[i]);
    }
    for (size_t j = 0; j < g->nnoise; j++) {
        cl[j] = text + (g->nsizes + j) * 24;
        snprintf(text + (g->nsizes + j) * 24, 24, "noise %g", g->noise[j]);
    }
    for (size_t k = 0; k < cells; k++) np[k] = g->sizes[k / g->nnoise] * g->p[k];
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
    pl_chart_set_matrix(c, g->nsizes, g->nnoise, np, rl, cl);
    pl_report_chart(rep, c, "N x p over population size (rows) and noise (columns); grid.csv has the intervals.");
    static const char *const head[] = {"N", "noise", "p", "95% interval", "exact", "N x p", "mean generations"};
    pl_report_table_begin(rep, NULL, 7, head);
    for (size_t k = 0; k < cells; k++) {
        char a[24], b[24], d[24], e[64], f[24], h[24], q[24] = "-";
        snprintf(a, sizeof a, "%d", g->sizes[k / g->nnoise]);
        snprintf(b, sizeof b, "%g", g->noise[k % g->nnoise]);
        snprintf(d, sizeof d, "%.4f", g->p[k]);
        snprintf(e, sizeof e, "[%.4f, %.4f]", g->lo[k], g->hi[k]);
        if (!isnan(g->exact[k])) snprintf(q, sizeof q, "%.6f", g->exact[k]);
        snprintf(f, sizeof f, "%.3f", np[k]);
        snprintf(h, sizeof h, "%.1f", g->generations[k]);
        const char *cells_[] = {a, b, d, e, q, f, h};
        pl_report_table_row(rep, cells_, 0);
    }
    pl_report_table_end(rep);
    rc = pl_report_write(rep, path, err);
done:
    pl_free(path);
    pl_report_free(rep);
    pl_chart_free(c);
    pl_free(np);
    pl_free(text);
    pl_free(rl);
    pl_free(cl);
    return rc;
}
