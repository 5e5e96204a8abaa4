// SPDX-License-Identifier: MIT
/* tournament_report.c — report.html for a tournament: the ranking as Axelrod-Python users
 * know it to look (box plots of normalised scores, the payoff matrix as a heat map,
 * wins, cooperation), drawn with the shared chart module.
 *
 * The page has a size budget: a chart per player or a cell per pair grows without bound (a
 * 1,000-player heat map alone was over 100 MB), so beyond the limits below a chart gives way to
 * a note that sends the reader to the CSV files, which hold every number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "parley/tournament.h"
#include "io/html_report.h"
#include "io/svg_chart.h"

/* The most players drawn in a chart with one mark per player, in the payoff heat map (a cell per
 * pair: 100 players are 10,000 cells), and listed in the ranked table. */
enum { REPORT_MAX_CHART_PLAYERS = 200, REPORT_MAX_HEATMAP_PLAYERS = 100, REPORT_MAX_TABLE_ROWS = 500 };

/* The note that stands in for a chart too large to draw. */
static void too_many(pl_report *rep, const char *what, size_t n, int limit, const char *csv)
{
    char text[320];
    snprintf(text, sizeof text, "Too many players to draw %s: %zu players, more than %d; see %s, which holds every number.",
             what, n, limit, csv);
    pl_report_paragraph(rep, text);
}

static char *fmt(const char *f, double x)
{
    char *s = NULL;
    if (asprintf(&s, f, x) < 0) return NULL;
    return s;
}

int pl_tournament_write_report(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *path,
                               pl_error *err)
{
    size_t n = pl_tournament_result_players(r);
    int reps = pl_tournament_result_repetitions(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    const pl_tournament_config *cfg = meta->cfg;
    pl_report *rep = pl_report_create("Tournament results");
    double *vals = pl_malloc((size_t)reps * sizeof *vals);
    int draw_heat = n <= REPORT_MAX_HEATMAP_PLAYERS, draw_charts = n <= REPORT_MAX_CHART_PLAYERS;
    double *matrix = pl_malloc((draw_heat ? n * n : 1) * sizeof *matrix);
    double *wins = pl_malloc(n * sizeof *wins), *coop = pl_malloc(n * sizeof *coop);
    const char **names = pl_malloc(n * sizeof *names);
    if (!rep || !vals || !matrix || !wins || !coop || !names) {
        pl_report_free(rep);
        pl_free(vals), pl_free(matrix), pl_free(wins), pl_free(coop), pl_free(names);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    pl_report_set_subtitle(rep, "Round robin of two-party strategies, repeated prisoner's dilemma");
    pl_report_paramf(rep, "players", "%zu", n);
    pl_report_paramf(rep, "turns", cfg->prob_end > 0 ? "up to %d (random end)" : "%d", cfg->turns);
    pl_report_paramf(rep, "repetitions", "%d", reps);
    pl_report_paramf(rep, "noise", "%g", cfg->noise);
    if (cfg->prob_end > 0) pl_report_paramf(rep, "probability of ending each turn", "%g", cfg->prob_end);
    pl_report_param(rep, "game R,S,T,P", meta->game_text);
    pl_report_param(rep, "self-play", cfg->self_play ? "yes" : "no");
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)cfg->seed);
    pl_report_paramf(rep, "matches", "%llu", (unsigned long long)pl_tournament_result_matches(r));

    pl_report_section(rep, "Ranking");
    pl_report_paragraph(rep, "Players are ranked by the median of their normalised score: the score per turn, "
                             "averaged over all opponents (not counting the match against a copy of itself), "
                             "one value per repetition.");
    for (size_t k = 0; k < n; k++) {
        size_t i = rank[k];
        names[k] = pl_tournament_result_name(r, i);
        double w = 0;
        for (int t = 0; t < reps; t++) w += pl_tournament_result_wins(r, i, t);
        wins[k] = w / reps;
        coop[k] = pl_tournament_result_cooperating_rating(r, i);
    }
    if (draw_charts) {
        pl_chart *box = pl_chart_create(PL_CHART_BOX, "Normalised score per repetition");
        pl_chart_set_horizontal(box, n > 12);
        pl_chart_set_axis_titles(box, "player (ranked)", "score per turn");
        for (size_t k = 0; k < n; k++) {
            for (int t = 0; t < reps; t++) vals[t] = pl_tournament_result_normalised(r, rank[k], t);
            pl_chart_add_box(box, names[k], vals, (size_t)reps);
        }
        pl_report_chart(rep, box, "Each box spans the middle half of a player's repetitions; the line is the median.");
        pl_chart_free(box);
    } else
        too_many(rep, "the scores per repetition", n, REPORT_MAX_CHART_PLAYERS, "normalised_scores.csv");

    static const char *head[] = {"Rank", "Player", "Median", "Mean", "Std", "Wins", "Cooperation"};
    size_t rows = n < REPORT_MAX_TABLE_ROWS ? n : REPORT_MAX_TABLE_ROWS;
    pl_report_table_begin(rep, "Ranked results", 7, head);
    for (size_t k = 0; k < rows; k++) {
        size_t i = rank[k];
        char *c[7];
        c[0] = fmt("%.0f", (double)(k + 1));
        c[1] = pl_strdup(names[k]);
        c[2] = fmt("%.4f", pl_tournament_result_median(r, i));
        c[3] = fmt("%.4f", pl_tournament_result_mean(r, i));
        c[4] = fmt("%.4f", pl_tournament_result_stddev(r, i));
        c[5] = fmt("%.2f", wins[k]);
        c[6] = fmt("%.1f%%", 100 * coop[k]);
        pl_report_table_row(rep, (const char *const *)c, 0);
        for (int j = 0; j < 7; j++) pl_free(c[j]);
    }
    pl_report_table_end(rep);
    if (rows < n) {
        char text[200];
        snprintf(text, sizeof text, "The first %zu of %zu players; summary.csv ranks them all.", rows, n);
        pl_report_paragraph(rep, text);
    }

    pl_report_section(rep, "Payoffs");
    if (draw_heat) {
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++) matrix[a * n + b] = pl_tournament_result_payoff(r, rank[a], rank[b]);
        pl_chart *heat = pl_chart_create(PL_CHART_HEATMAP, "Mean payoff per turn of the row player against the column player");
        pl_chart_set_matrix(heat, n, n, matrix, names, names);
        pl_chart_set_axis_titles(heat, "opponent", "player");
        pl_report_chart(rep, heat, "Rows and columns in rank order; the diagonal is the match against a copy of itself.");
        pl_chart_free(heat);
    } else
        too_many(rep, "the payoff of every pair", n, REPORT_MAX_HEATMAP_PLAYERS, "payoff_matrix.csv");

    pl_report_section(rep, "Wins and cooperation");
    if (!draw_charts) {
        too_many(rep, "wins and cooperation", n, REPORT_MAX_CHART_PLAYERS, "summary.csv");
        goto write;
    }
    pl_chart *wb = pl_chart_create(PL_CHART_BAR, "Matches won per repetition");
    pl_chart_set_horizontal(wb, n > 12);
    pl_chart_set_categories(wb, n, names);
    pl_chart_add_series(wb, "wins", wins, n);
    pl_chart_set_axis_titles(wb, "player (ranked)", "matches won (strictly higher score)");
    pl_report_chart(rep, wb, NULL);
    pl_chart_free(wb);
    pl_chart *cb = pl_chart_create(PL_CHART_BAR, "Share of moves that were cooperation");
    pl_chart_set_horizontal(cb, n > 12);
    pl_chart_set_categories(cb, n, names);
    pl_chart_add_series(cb, "cooperation", coop, n);
    pl_chart_set_value_range(cb, 0, 1);
    pl_chart_set_axis_titles(cb, "player (ranked)", "cooperation rate");
    pl_report_chart(rep, cb, NULL);
    pl_chart_free(cb);

write:;
    int rc = pl_report_write(rep, path, err);
    pl_report_free(rep);
    pl_free(vals), pl_free(matrix), pl_free(wins), pl_free(coop), pl_free(names);
    return rc;
}
