// SPDX-License-Identifier: MIT
/* make_sample_report.c — writes a report with one chart of every kind, for the browser check.
 *
 * Usage: make_sample_report OUT.html [--svg-dir DIR]
 * The data are made up but shaped like the engines' output (a tournament's
 * ranked scores, a payoff matrix, cooperation over time per party, time to
 * completion, an agreement's replay ledger), and one party has a hostile name
 * so that the browser test can check that it shows as text and never runs.
 * With --svg-dir each chart is also written as a standalone .svg file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/html_report.h"
#include "parley/parley.h"

#define HOSTILE "<script>alert(1)</script>"

static const char *svg_dir;

static void add(pl_report *r, pl_chart *c, const char *caption, const char *file)
{
    pl_report_chart(r, c, caption);
    if (svg_dir) {
        pl_strbuf sb;
        pl_strbuf_init(&sb);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.svg", svg_dir, file);
        FILE *f = fopen(path, "w");
        if (f && !pl_chart_svg(c, &sb, NULL)) fputs(pl_strbuf_cstr(&sb), f);
        if (f) fclose(f);
        pl_strbuf_free(&sb);
    }
    pl_chart_free(c);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: make_sample_report OUT.html [--svg-dir DIR]\n");
        return 2;
    }
    if (argc == 4 && !strcmp(argv[2], "--svg-dir")) svg_dir = argv[3];
    pl_rng rng;
    pl_rng_init(&rng, 2007, 0, 0);

    pl_report *r = pl_report_create("Sample report: every chart parley draws");
    pl_report_set_subtitle(r, "Made-up data shaped like the engines' output, with a hostile party name: " HOSTILE);
    pl_report_param(r, "scenario", "tests/tools/make_sample_report.c");
    pl_report_param(r, "runs", "20000");
    pl_report_param(r, "seed", "2007");
    pl_report_param(r, "turns", "200");
    pl_report_param(r, "party with a hostile name", HOSTILE);
    pl_report_assumption(r, "Payoffs are assumptions, not measurements; they are stated in the scenario beside each number.");
    pl_report_assumption(r, "Verification delays and the probability of false reports are taken from the sources cited in the scenario.");

    /* ---- tournament ---- */
    pl_report_section(r, "Tournament");
    pl_report_paragraph(r, "Eight strategies in a round robin, 200 turns, 10 repetitions. Scores are per turn.\n\n"
                           "A second paragraph, separated by a blank line, and a name that must stay text: " HOSTILE);
    const char *players[] = {"Tit For Tat", "Grudger", "Generous Tit For Tat: 0.33", "First by Tideman and Chieruzzi: (D, D)",
                             "Defector", "Cooperator", "Random: 0.5", HOSTILE};
    size_t np = sizeof players / sizeof *players;
    double mean[8], lo[8], hi[8];
    pl_chart *box = pl_chart_create(PL_CHART_BOX, "Ranked scores per turn");
    pl_chart_set_axis_titles(box, NULL, "score per turn");
    for (size_t i = 0; i < np; i++) {
        double v[40], base = 2.9 - 0.18 * (double)i, sum = 0;
        for (int k = 0; k < 40; k++) {
            v[k] = base + 0.25 * (pl_rng_uniform(&rng) + pl_rng_uniform(&rng) - 1);
            if (k == 7 && i % 3 == 0) v[k] = base - 0.9; /* an outlier */
            sum += v[k];
        }
        mean[i] = sum / 40;
        lo[i] = mean[i] - 0.08;
        hi[i] = mean[i] + 0.08;
        pl_chart_add_box(box, players[i], v, 40);
    }
    pl_chart *bar = pl_chart_create(PL_CHART_BAR, "Mean score per turn, with 95% confidence intervals");
    pl_chart_set_categories(bar, np, players);
    pl_chart_add_series(bar, "mean score", mean, np);
    pl_chart_set_errors(bar, 0, lo, hi);
    pl_chart_set_horizontal(bar, 1);
    pl_chart_set_axis_titles(bar, "strategy", "score per turn");
    add(r, bar, "A horizontal bar chart with error bars: long strategy names stay readable.", "bar");
    add(r, box, "Box plots: quartiles, whiskers at 1.5 IQR, outliers as circles, the median in orange.", "box");

    const char *head[] = {"rank", "strategy", "mean score", "95% CI", "wins", "cooperation"};
    pl_report_table_begin(r, "Ranked results", 6, head);
    for (size_t i = 0; i < np; i++) {
        char rank[8], m[16], ci[48], wins[8], coop[16];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        snprintf(m, sizeof m, "%.3f", mean[i]);
        snprintf(ci, sizeof ci, "[%.3f, %.3f]", lo[i], hi[i]);
        snprintf(wins, sizeof wins, "%d", (int)(7 - i));
        snprintf(coop, sizeof coop, "%.1f%%", 100 - 11.5 * (double)i);
        const char *row[] = {rank, players[i], m, ci, wins, coop};
        pl_report_table_row(r, row, i == 0);
    }
    pl_report_table_end(r);

    pl_chart *heat = pl_chart_create(PL_CHART_HEATMAP, "Payoff matrix: mean score per turn of the row against the column");
    double m[64];
    for (size_t i = 0; i < np; i++)
        for (size_t k = 0; k < np; k++) m[i * np + k] = fmod(1.0 + 0.37 * (double)(i * 3 + k * 5), 4.0) + 0.5;
    const char *shortn[] = {"TFT", "Grudger", "GTFT", "Tideman", "Defector", "Cooperator", "Random", HOSTILE};
    pl_chart_set_matrix(heat, np, np, m, shortn, shortn);
    pl_chart_set_axis_titles(heat, "column player", "row player");
    add(r, heat, "A heatmap with values in the cells and a colour scale (viridis).", "heatmap");

    /* ---- agreement ---- */
    pl_report_section(r, "Agreement");
    pl_report_note(r, "Reading guide: a step is due once the steps it requires are verified; the ledger below shows "
                      "when each was due, under way, completed, verified and reversed.");
    const char *parties[] = {"DPRK", "United States", "Republic of Korea", "China", "Japan", "Russia", HOSTILE};
    size_t nparty = sizeof parties / sizeof *parties;
    double x[36];
    for (int t = 0; t < 36; t++) x[t] = t;
    pl_chart *line = pl_chart_create(PL_CHART_LINE, "Fulfilment over time per party");
    pl_chart_set_subtitle(line, "share of each party's due steps done, by month");
    pl_chart_set_x(line, x, 36);
    pl_chart_set_x_months(line, 2007, 2);
    pl_chart_set_value_range(line, 0, 1);
    pl_chart_set_axis_titles(line, "month", "fulfilment");
    for (size_t p = 0; p < nparty; p++) {
        double y[36];
        for (int t = 0; t < 36; t++) {
            double k = 0.08 + 0.03 * (double)p;
            y[t] = 1 - exp(-k * t) * (1 - 0.1 * (double)p / 6);
            if (p == 0 && t > 20) y[t] = y[20] - 0.03 * (t - 20); /* a reversal */
            if (y[t] < 0) y[t] = 0;
            if (p == 3 && (t == 10 || t == 11)) y[t] = NAN; /* missing months break the line */
        }
        pl_chart_add_series(line, parties[p], y, 36);
        if (p == 0) { /* a 90% interval over runs around the first party's line */
            double blo[36], bhi[36];
            for (int t = 0; t < 36; t++) blo[t] = fmax(0, y[t] - 0.04 - 0.004 * t), bhi[t] = fmin(1, y[t] + 0.04 + 0.004 * t);
            pl_chart_set_errors(line, 0, blo, bhi);
        }
    }
    pl_chart_add_x_marker(line, 8, "disablement begins");
    pl_chart_add_x_marker(line, 22, "talks stall");
    add(r, line, "A line chart on a month axis: a band (90% of runs) around the first party, a gap where data are "
                 "missing, dashed markers for events.", "line");

    pl_chart *hist = pl_chart_create(PL_CHART_HISTOGRAM, "Time to completion of the whole agreement");
    pl_chart_set_axis_titles(hist, "months to completion", "runs");
    double t1[400], t2[400];
    for (int i = 0; i < 400; i++) {
        t1[i] = floor(12 + 10 * (pl_rng_uniform(&rng) + pl_rng_uniform(&rng) + pl_rng_uniform(&rng)));
        t2[i] = floor(20 + 14 * (pl_rng_uniform(&rng) + pl_rng_uniform(&rng) + pl_rng_uniform(&rng)));
    }
    pl_chart_add_series(hist, "action for action", t1, 400);
    pl_chart_add_series(hist, "denuclearisation first", t2, 400);
    pl_chart_add_x_marker(hist, 36, "three years");
    add(r, hist, "Two variants side by side in shared bins.", "histogram");

    pl_report_subsection(r, "Replay of the record");
    pl_chart *tl = pl_chart_create(PL_CHART_TIMELINE, "Compliance ledger, February 2007 agreement");
    pl_chart_set_x_months(tl, 2007, 2);
    pl_chart_set_x_range(tl, 0, 30);
    pl_chart_set_axis_titles(tl, "month", NULL);
    int s1 = pl_chart_timeline_add_row(tl, "DPRK: shut down and seal Yongbyon");
    int s2 = pl_chart_timeline_add_row(tl, "Five parties: 50,000 t heavy fuel oil");
    int s3 = pl_chart_timeline_add_row(tl, "DPRK: declare all nuclear programmes");
    int s4 = pl_chart_timeline_add_row(tl, "US: remove from the state-sponsors list");
    int s5 = pl_chart_timeline_add_row(tl, HOSTILE);
    pl_chart_timeline_add_interval(tl, (size_t)s1, 0, 2, PL_TL_DUE, "within 60 days");
    pl_chart_timeline_add_interval(tl, (size_t)s1, 2, 5, PL_TL_STARTED, NULL);
    pl_chart_timeline_add_point(tl, (size_t)s1, 5, PL_TL_COMPLETED, "July 2007");
    pl_chart_timeline_add_interval(tl, (size_t)s1, 5, 6, PL_TL_COMPLETED, NULL);
    pl_chart_timeline_add_interval(tl, (size_t)s1, 6, 19, PL_TL_VERIFIED, "IAEA");
    pl_chart_timeline_add_point(tl, (size_t)s1, 19, PL_TL_REVERSED, "reprocessing resumed");
    pl_chart_timeline_add_interval(tl, (size_t)s1, 19, NAN, PL_TL_REVERSED, NULL);
    pl_chart_timeline_add_interval(tl, (size_t)s2, 0, 2, PL_TL_DUE, NULL);
    pl_chart_timeline_add_point(tl, (size_t)s2, 2, PL_TL_DUE, "deadline");
    pl_chart_timeline_add_interval(tl, (size_t)s2, 4, 8, PL_TL_STARTED, NULL);
    pl_chart_timeline_add_interval(tl, (size_t)s2, 8, 30, PL_TL_VERIFIED, NULL);
    pl_chart_timeline_add_interval(tl, (size_t)s3, 5, 10, PL_TL_DUE, "by end of 2007");
    pl_chart_timeline_add_point(tl, (size_t)s3, 10, PL_TL_DUE, NULL);
    pl_chart_timeline_add_interval(tl, (size_t)s3, 9, 16, PL_TL_STARTED, NULL);
    pl_chart_timeline_add_point(tl, (size_t)s3, 16, PL_TL_COMPLETED, "June 2008");
    pl_chart_timeline_add_interval(tl, (size_t)s4, 16, 20, PL_TL_STARTED, NULL);
    pl_chart_timeline_add_point(tl, (size_t)s4, 20, PL_TL_VERIFIED, "October 2008");
    pl_chart_timeline_add_point(tl, (size_t)s4, 16, PL_TL_STARTED, NULL);
    pl_chart_timeline_add_interval(tl, (size_t)s5, 3, 12, PL_TL_STARTED, HOSTILE);
    pl_chart_add_x_marker(tl, 0, "agreement of 13 February");
    pl_chart_add_x_marker(tl, 22, "talks stall " HOSTILE);
    add(r, tl, "A timeline: due windows dashed, work orange, completed blue, verified green, reversed red.", "timeline");

    pl_report_section(r, "Degenerate data");
    pl_report_paragraph(r, "Charts with nothing to draw say so instead of failing.");
    pl_chart *empty = pl_chart_create(PL_CHART_LINE, "A line chart whose every value is missing");
    double nx[3] = {0, 1, 2}, ny[3] = {NAN, NAN, NAN};
    pl_chart_set_x(empty, nx, 3);
    pl_chart_add_series(empty, "nothing", ny, 3);
    add(r, empty, NULL, "empty");

    pl_report_section(r, "How to reproduce");
    pl_report_code(r, "tests/tools/make_sample_report build/report-sample.html");

    pl_error err;
    int rc = pl_report_write(r, argv[1], &err);
    pl_report_free(r);
    if (rc) {
        fprintf(stderr, "make_sample_report: %s\n", err.msg);
        return 1;
    }
    return 0;
}
