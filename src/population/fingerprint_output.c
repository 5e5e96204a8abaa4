// SPDX-License-Identifier: MIT
/* fingerprint_output.c — `parley fingerprint`'s result files: fingerprint.csv (Ashlock) or
 * transitive.csv (transitive), results.json and report.html with the fingerprint as a heat map
 * (parley/population.h, pl_fingerprint_write and pl_fingerprint_transitive_write).
 *
 * Written atomically through io/files.h, every number as the shortest text that reads back to the same
 * double (io/number.h), as every other result file: the same fingerprint, the same bytes. */
#include <stdio.h>

#include "core/alloc.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/html_report.h"
#include "io/json_writer.h"
#include "io/svg_chart.h"
#include "parley/population.h"

typedef struct fp_out {
    const double *grid;
    size_t side;
} fp_out;

static double coord(size_t i, size_t side) { return side > 1 ? (double)i / (double)(side - 1) : 0; }

static void csv_grid(FILE *out, const void *ctx)
{
    const fp_out *f = ctx;
    fputs("x,y,score\n", out);
    for (size_t iy = 0; iy < f->side; iy++)
        for (size_t ix = 0; ix < f->side; ix++)
            pl_csv_row(out, "ggg\n", coord(ix, f->side), coord(iy, f->side), f->grid[iy * f->side + ix]);
}

int pl_fingerprint_write(const char *strategy, const pl_match_config *cfg, double step, int repetitions,
                         const double *grid, size_t side, const char *dir, pl_error *err)
{
    fp_out f = {grid, side};
    int rc = pl_outfile_write(dir, "fingerprint.csv", csv_grid, &f, err);
    if (rc) return rc;
    char *path = pl_path_join(dir, "results.json");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory for a path");
    pl_outfile o;
    rc = pl_outfile_open(&o, path, err);
    pl_free(path);
    if (rc) return rc;
    pl_jw w;
    pl_jw_init(&w, o.f, 1, PL_JW_SHORTEST);
    pl_jw_object(&w);
    pl_jw_key_str(&w, "strategy", strategy);
    pl_jw_key_str(&w, "probe", "Tit For Tat (Joss-Ann; past x + y = 1 the dual of the probe at (1 - x, 1 - y))");
    pl_jw_key_num(&w, "step", step);
    pl_jw_key_int(&w, "turns", cfg->turns);
    pl_jw_key_int(&w, "repetitions", repetitions);
    pl_jw_key_num(&w, "noise", cfg->noise);
    pl_jw_key_u64(&w, "seed", cfg->seed);
    pl_jw_key_u64(&w, "side", side);
    pl_jw_key_matrix(&w, "scores", grid, side, side);
    pl_jw_end(&w);
    fputc('\n', o.f);
    if ((rc = pl_outfile_commit_json(&o, &w, err))) return rc;
    /* the heat map: row 0 at the top is y = 1 */
    double *rows = pl_malloc(side * side * sizeof *rows);
    char **labels = pl_calloc(side, sizeof *labels);
    char *text = pl_malloc(side * 16);
    pl_report *rep = pl_report_create("Ashlock fingerprint");
    pl_chart *c = pl_chart_create(PL_CHART_HEATMAP, strategy);
    if (!rows || !labels || !text || !rep || !c) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for the report");
        goto done;
    }
    for (size_t iy = 0; iy < side; iy++)
        for (size_t ix = 0; ix < side; ix++) rows[(side - 1 - iy) * side + ix] = grid[iy * side + ix];
    for (size_t i = 0; i < side; i++) {
        labels[i] = text + i * 16;
        snprintf(labels[i], 16, "%.3g", coord(i, side));
    }
    const char **ylab = pl_malloc(side * sizeof *ylab);
    if (!ylab) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for the report");
        goto done;
    }
    for (size_t i = 0; i < side; i++) ylab[i] = labels[side - 1 - i];
    pl_report_set_subtitle(rep, strategy);
    pl_report_paramf(rep, "turns", "%d", cfg->turns);
    pl_report_paramf(rep, "repetitions", "%d", repetitions);
    pl_report_paramf(rep, "step", "%g", step);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)cfg->seed);
    pl_report_section(rep, "Mean score a turn against each probe");
    pl_report_paragraph(rep, "At (x, y) the probe cooperates with probability x, defects with probability y and "
                             "otherwise plays tit for tat; past the diagonal x + y = 1 it is the dual of the probe "
                             "at (1 - x, 1 - y): it defects with probability 1 - x, cooperates with probability "
                             "1 - y and otherwise plays the opposite of tit for tat (Ashlock & Kim 2008).  x grows "
                             "to the right, y upwards.");
    pl_chart_set_matrix(c, side, side, rows, ylab, (const char *const *)labels);
    pl_chart_set_axis_titles(c, "x (probe cooperates)", "y (probe defects)");
    pl_report_chart(rep, c, "Each cell: the strategy's mean score a turn over the repetitions (fingerprint.csv).");
    path = pl_path_join(dir, "report.html");
    if (!path) rc = pl_error_set(err, PL_ENOMEM, "out of memory for a path");
    else rc = pl_report_write(rep, path, err);
    pl_free(path);
    pl_free(ylab);
done:
    pl_report_free(rep);
    pl_chart_free(c);
    pl_free(rows);
    pl_free(labels);
    pl_free(text);
    return rc;
}

/* ---- the transitive fingerprint ---- */

/* The most turns the report's heat map draws (transitive.csv holds them all). */
#define TF_REPORT_TURNS 1000

typedef struct tf_out {
    const char *const *opponents;
    size_t n;
    int turns;
    const double *rates;
} tf_out;

static void csv_transitive(FILE *out, const void *ctx)
{
    const tf_out *f = ctx;
    fputs("opponent_index,turn,cooperation,opponent\n", out);
    for (size_t o = 0; o < f->n; o++)
        for (int t = 0; t < f->turns; t++)
            pl_csv_row(out, "ldgs\n", (long)o, t + 1, f->rates[o * (size_t)f->turns + (size_t)t], f->opponents[o]);
}

int pl_fingerprint_transitive_write(const char *strategy, const char *const *opponents, size_t n_opponents,
                                    const pl_match_config *cfg, int repetitions, const double *rates, const char *dir,
                                    pl_error *err)
{
    tf_out f = {opponents, n_opponents, cfg->turns, rates};
    int rc = pl_outfile_write(dir, "transitive.csv", csv_transitive, &f, err);
    if (rc) return rc;
    char *path = pl_path_join(dir, "results.json");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory for a path");
    pl_outfile o;
    rc = pl_outfile_open(&o, path, err);
    pl_free(path);
    if (rc) return rc;
    size_t turns = (size_t)cfg->turns;
    pl_jw w;
    pl_jw_init(&w, o.f, 1, PL_JW_SHORTEST);
    pl_jw_object(&w);
    pl_jw_key_str(&w, "strategy", strategy);
    pl_jw_key_str(&w, "fingerprint", "transitive");
    pl_jw_key_int(&w, "turns", cfg->turns);
    pl_jw_key_int(&w, "repetitions", repetitions);
    pl_jw_key_num(&w, "noise", cfg->noise);
    pl_jw_key_u64(&w, "seed", cfg->seed);
    pl_jw_key(&w, "opponents");
    pl_jw_array(&w);
    for (size_t i = 0; i < n_opponents; i++) pl_jw_str(&w, opponents[i]);
    pl_jw_end(&w);
    pl_jw_key_matrix(&w, "cooperation", rates, n_opponents, turns);
    pl_jw_end(&w);
    fputc('\n', o.f);
    if ((rc = pl_outfile_commit_json(&o, &w, err))) return rc;
    /* the heat map: one row an opponent (the first at the top, as the reference draws it), one column a turn */
    size_t cols = turns < TF_REPORT_TURNS ? turns : TF_REPORT_TURNS;
    double *cells = pl_malloc(n_opponents * cols * sizeof *cells);
    pl_report *rep = pl_report_create("Transitive fingerprint");
    pl_chart *c = pl_chart_create(PL_CHART_HEATMAP, strategy);
    if (!cells || !rep || !c) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for the report");
        goto done;
    }
    for (size_t i = 0; i < n_opponents; i++)
        for (size_t t = 0; t < cols; t++) cells[i * cols + t] = rates[i * turns + t];
    pl_report_set_subtitle(rep, strategy);
    pl_report_paramf(rep, "turns", "%d", cfg->turns);
    pl_report_paramf(rep, "repetitions", "%d", repetitions);
    pl_report_paramf(rep, "noise", "%g", cfg->noise);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)cfg->seed);
    pl_report_section(rep, "Cooperation rate at each turn against each opponent");
    pl_report_paragraph(rep, "Each row is an opponent, each column a turn; a cell is the share of the repetitions "
                             "in which the strategy cooperated at that turn against that opponent (its move as "
                             "played, after noise).  Strategies that respond to what the opponent does show the "
                             "opponents' differences; a strategy that ignores them shows the same row throughout.");
    pl_chart_set_matrix(c, n_opponents, cols, cells, opponents, NULL);
    pl_chart_set_axis_titles(c, "turn", "opponent");
    pl_report_chart(rep, c, cols < turns ? "The first 1000 turns (transitive.csv holds every turn)."
                                         : "Each cell: the cooperation rate over the repetitions (transitive.csv).");
    path = pl_path_join(dir, "report.html");
    if (!path) rc = pl_error_set(err, PL_ENOMEM, "out of memory for a path");
    else rc = pl_report_write(rep, path, err);
    pl_free(path);
done:
    pl_report_free(rep);
    pl_chart_free(c);
    pl_free(cells);
    return rc;
}
