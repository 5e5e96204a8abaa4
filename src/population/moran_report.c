// SPDX-License-Identifier: MIT
/* moran_report.c — report.html of a Moran process: the fixation probabilities with their 95%
 * intervals (and the exact values), and the share of each type over the generations of run 0.
 *
 * Built from the blocks of io/html_report.h and the charts of io/svg_chart.h, like every other
 * report; a long run is drawn at most REPORT_POINTS points (every k-th generation and the
 * last), which the numbers in shares.csv keep in full. */
#include <math.h>
#include <stdio.h>

#include "core/alloc.h"
#include "io/html_report.h"
#include "io/svg_chart.h"
#include "population/moran_report.h"
#include "scenario/overrides.h"
#include "scenario/scenario.h"

#define REPORT_POINTS 400

int pl_moran_write_report(const pl_moran *m, const pl_moran_config *cfg, const pl_moran_meta *meta,
                          const pl_moran_fixation *f, const int *traj, uint64_t gens, const char *path, pl_error *err)
{
    size_t n = pl_moran_types(m);
    int N = 0;
    for (size_t t = 0; t < n; t++) N += meta->counts[t];
    size_t pts = 0;
    uint64_t step = pl_chart_thin(gens, REPORT_POINTS, &pts);
    if (!traj) pts = 0;
    pl_report *rep = pl_report_create("Moran process");
    const char **names = pl_malloc(n * sizeof *names);
    double *x = pl_malloc((pts ? pts : 1) * sizeof *x), *y = pl_malloc((pts ? pts : 1) * sizeof *y);
    if (!rep || !names || !x || !y) {
        pl_report_free(rep);
        pl_free(names), pl_free(x), pl_free(y);
        return pl_error_set(err, PL_ENOMEM, "out of memory for the report");
    }
    for (size_t t = 0; t < n; t++) names[t] = pl_moran_name(m, t);
    if (meta->nmatch) {
        char sub[96];
        snprintf(sub, sizeof sub, "An evolving population of N-party strategies, in groups of %d", meta->parties);
        pl_report_set_subtitle(rep, sub);
    } else {
        pl_report_set_subtitle(rep, "An evolving population of two-party strategies");
    }
    pl_report_param(rep, "mode", cfg->mode == PL_MORAN_DB ? "death-birth" : "birth-death");
    pl_report_paramf(rep, "individuals", "%d", N);
    pl_report_paramf(rep, "selection w", "%g", cfg->selection);
    if (cfg->mutation_matrix) pl_report_param(rep, "mutation", "by matrix (results.json)");
    else pl_report_paramf(rep, "mutation", "%g", cfg->mutation);
    pl_report_param(rep, "fitness", cfg->fitness == PL_MORAN_FIT_EXP ? "exp(w x payoff)" : "1 - w + w x payoff");
    if (meta->nmatch) { /* an N-party population: groups drawn from the whole population */
        pl_report_param(rep, "game", meta->nparty_game ? meta->nparty_game : "");
        pl_report_paramf(rep, "group size", "%d: each individual with %d others drawn at random", meta->parties,
                         meta->parties - 1);
        pl_report_paramf(rep, "turns", "%d", meta->nmatch->turns);
        pl_report_paramf(rep, "noise", "%g, observation noise %g", meta->nmatch->noise, meta->nmatch->obs_noise);
        if (meta->nparty_scenario) { /* what --set changed in the game's file, one line each */
            char cmd[8]; /* (the report gives no command line to append the flags to) */
            cmd[0] = 0;
            pl_overrides_report(rep, pl_scenario_overrides(meta->nparty_scenario), cmd, sizeof cmd);
        }
    } else {
        pl_report_param(rep, "interaction graph", meta->interaction_text ? meta->interaction_text : "complete");
    }
    if (meta->reproduction_text) pl_report_param(rep, "reproduction graph", meta->reproduction_text);
    if (meta->directed) pl_report_param(rep, "graphs", "directed");
    if (meta->match) {
        pl_report_paramf(rep, "turns", "%d", meta->match->turns);
        pl_report_paramf(rep, "noise", "%g", meta->match->noise);
    }
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)cfg->seed);
    if (f) {
        pl_report_section(rep, "Fixation");
        char buf[256];
        snprintf(buf, sizeof buf,
                 "Over %llu runs, how often each type took over the whole population, with its 95%% Wilson "
                 "interval; a neutral type would fix with the share it starts with.",
                 (unsigned long long)f->runs);
        pl_report_paragraph(rep, buf);
        static const char *const head[] = {"type", "start", "fixed", "p", "95% interval", "exact"};
        pl_report_table_begin(rep, NULL, 6, head);
        for (size_t t = 0; t < n; t++) {
            char c0[32], c1[32], c2[32], c3[64], c4[32] = "-";
            snprintf(c0, sizeof c0, "%d", meta->counts[t]);
            snprintf(c1, sizeof c1, "%llu", (unsigned long long)f->fixed[t]);
            snprintf(c2, sizeof c2, "%.4f", f->p[t]);
            snprintf(c3, sizeof c3, "[%.4f, %.4f]", f->lo[t], f->hi[t]);
            if (!isnan(f->exact[t])) snprintf(c4, sizeof c4, "%.6f", f->exact[t]);
            const char *cells[] = {names[t], c0, c1, c2, c3, c4};
            pl_report_table_row(rep, cells, 0);
        }
        pl_report_table_end(rep);
        pl_chart *bar = pl_chart_create(PL_CHART_BAR, "Fixation probability");
        pl_chart_set_categories(bar, n, names);
        pl_chart_add_series(bar, NULL, f->p, n);
        pl_chart_set_errors(bar, 0, f->lo, f->hi);
        pl_chart_set_value_range(bar, 0, 1);
        pl_report_chart(rep, bar, "Bars: the share of runs each type fixed in; whiskers: the 95% interval.");
        pl_chart_free(bar);
    }
    if (traj) {
        pl_report_section(rep, "The population over time (run 0)");
        pl_chart *line = pl_chart_create(PL_CHART_AREA, "Share of the population");
        size_t k = 0;
        for (uint64_t g = 0; g <= gens; g += step) x[k++] = (double)g;
        if (k < pts) x[k++] = (double)gens;
        pl_chart_set_x(line, x, k);
        pl_chart_set_axis_titles(line, "generation", "share");
        pl_chart_set_value_range(line, 0, 1);
        for (size_t t = 0; t < n; t++) {
            for (size_t i = 0; i < k; i++) y[i] = traj[(size_t)x[i] * n + t] / (double)N;
            pl_chart_add_series(line, names[t], y, k);
        }
        pl_report_chart(rep, line, "The share of each type after each generation, stacked: each band is one type "
                                   "(shares.csv holds every generation).");
        pl_chart_free(line);
    }
    int rc = pl_report_write(rep, path, err);
    pl_report_free(rep);
    pl_free(names), pl_free(x), pl_free(y);
    return rc;
}
