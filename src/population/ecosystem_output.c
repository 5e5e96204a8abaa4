// SPDX-License-Identifier: MIT
/* ecosystem_output.c — `parley ecology`'s result files: shares.csv, payoffs.csv, results.json
 * and report.html with the shares over time as a stacked area chart (parley/population.h,
 * pl_ecosystem_write).
 *
 * Written atomically through io/files.h, numbers through io/csv.h and io/json_writer.h at a
 * fixed precision, so the same shares are the same bytes; no timings. */
#include <stdio.h>

#include "core/alloc.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/html_report.h"
#include "io/json_writer.h"
#include "io/svg_chart.h"
#include "parley/population.h"

#define REPORT_POINTS 1000 /* at most this many steps drawn; shares.csv has every one */

static void csv_shares(FILE *out, const void *ctx)
{
    const pl_ecosystem_result *r = ctx;
    fputs("step", out);
    for (size_t i = 0; i < r->n; i++) pl_csv_row(out, "+s", r->names[i]);
    fputc('\n', out);
    for (uint64_t s = 0; s <= r->steps; s++) {
        pl_csv_row(out, "u", s);
        for (size_t i = 0; i < r->n; i++) fprintf(out, ",%.17g", r->shares[s * r->n + i]);
        fputc('\n', out);
    }
}

static const char *name_of(const void *ctx, size_t i) { return ((const pl_ecosystem_result *)ctx)->names[i]; }
static double payoff_of(const void *ctx, size_t i, size_t j)
{
    const pl_ecosystem_result *r = ctx;
    return r->payoff[i * r->n + j];
}
static void csv_payoffs(FILE *out, const void *ctx) { pl_csv_square(out, "type", ((const pl_ecosystem_result *)ctx)->n, name_of, payoff_of, ctx); }

static int write_json(const pl_ecosystem_result *r, const char *path, pl_error *err)
{
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    pl_jw w;
    pl_jw_init(&w, o.f, 1, 17);
    pl_jw_object(&w);
    pl_jw_key(&w, "parameters");
    pl_jw_object(&w);
    pl_jw_key_int(&w, "turns", r->turns);
    pl_jw_key_int(&w, "repetitions", r->repetitions);
    pl_jw_key_num(&w, "noise", r->noise);
    if (r->game_text) pl_jw_key_str(&w, "game_RSTP", r->game_text);
    pl_jw_key_u64(&w, "steps", r->steps);
    pl_jw_key_u64(&w, "seed", r->seed);
    pl_jw_end(&w);
    pl_jw_key(&w, "types");
    pl_jw_array(&w);
    for (size_t i = 0; i < r->n; i++) {
        pl_jw_object(&w);
        pl_jw_key_str(&w, "name", r->names[i]);
        pl_jw_key_num(&w, "start", r->shares[i]);
        pl_jw_key_num(&w, "end", r->shares[r->steps * r->n + i]);
        pl_jw_key(&w, "payoffs");
        pl_jw_array(&w);
        for (size_t j = 0; j < r->n; j++) pl_jw_num(&w, r->payoff[i * r->n + j]);
        pl_jw_end(&w);
        if (r->stddev) {
            pl_jw_key(&w, "payoff_stddevs");
            pl_jw_array(&w);
            for (size_t j = 0; j < r->n; j++) pl_jw_num(&w, r->stddev[i * r->n + j]);
            pl_jw_end(&w);
        }
        pl_jw_end(&w);
    }
    pl_jw_end(&w);
    pl_jw_end(&w);
    fputc('\n', o.f);
    return pl_outfile_commit_json(&o, &w, err);
}

static int write_report(const pl_ecosystem_result *r, const char *path, pl_error *err)
{
    size_t n = r->n;
    size_t pts;
    uint64_t stride = pl_chart_thin(r->steps, REPORT_POINTS, &pts);
    pl_report *rep = pl_report_create("Ecosystem");
    double *x = pl_malloc(pts * sizeof *x), *y = pl_malloc(pts * sizeof *y);
    pl_chart *c = pl_chart_create(PL_CHART_AREA, "Share of the population");
    if (!rep || !x || !y || !c) {
        pl_report_free(rep);
        pl_free(x), pl_free(y);
        pl_chart_free(c);
        return pl_error_set(err, PL_ENOMEM, "out of memory for the report");
    }
    pl_report_set_subtitle(rep, "Population shares over a tournament's payoff matrix");
    pl_report_paramf(rep, "turns", "%d", r->turns);
    pl_report_paramf(rep, "repetitions", "%d", r->repetitions);
    pl_report_paramf(rep, "noise", "%g", r->noise);
    pl_report_paramf(rep, "steps", "%llu", (unsigned long long)r->steps);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)r->seed);
    pl_report_section(rep, "Shares over time");
    pl_report_paragraph(rep, "Each step every type's payoff is its mean payoff a turn against each type (drawn around "
                             "the tournament's mean with its deviation over the repetitions), weighted by that "
                             "type's share; the new shares are the old ones times the payoffs, normalised.");
    size_t k = 0;
    for (uint64_t s = 0; s <= r->steps; s += stride) x[k++] = (double)s;
    if (k < pts) x[k++] = (double)r->steps;
    pl_chart_set_x(c, x, k);
    pl_chart_set_axis_titles(c, "step", "share");
    for (size_t i = 0; i < n; i++) {
        for (size_t q = 0; q < k; q++) y[q] = r->shares[(size_t)x[q] * n + i];
        pl_chart_add_series(c, r->names[i], y, k);
    }
    pl_report_chart(rep, c, "Stacked: each band is one type's share (shares.csv holds every step).");
    static const char *const head[] = {"type", "start", "end"};
    pl_report_table_begin(rep, NULL, 3, head);
    for (size_t i = 0; i < n; i++) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%.4f", r->shares[i]);
        snprintf(b, sizeof b, "%.4f", r->shares[r->steps * n + i]);
        const char *cells[] = {r->names[i], a, b};
        pl_report_table_row(rep, cells, 0);
    }
    pl_report_table_end(rep);
    int rc = pl_report_write(rep, path, err);
    pl_report_free(rep);
    pl_chart_free(c);
    pl_free(x), pl_free(y);
    return rc;
}

int pl_ecosystem_write(const pl_ecosystem_result *r, const char *dir, pl_error *err)
{
    int rc = pl_outfile_write(dir, "shares.csv", csv_shares, r, err);
    if (!rc) rc = pl_outfile_write(dir, "payoffs.csv", csv_payoffs, r, err);
    for (int k = 0; k < 2 && !rc; k++) {
        char *path = pl_path_join(dir, k == 0 ? "results.json" : "report.html");
        if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory for a path");
        rc = k == 0 ? write_json(r, path, err) : write_report(r, path, err);
        pl_free(path);
    }
    return rc;
}
