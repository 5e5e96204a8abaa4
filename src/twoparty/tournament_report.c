// SPDX-License-Identifier: MIT
/* tournament_report.c — report.html for a tournament: the ranking as Axelrod-Python users
 * know it to look (box plots of normalised scores, the payoff matrix as a heat map, the
 * distribution of wins, score differences as its sdvplot and pdplot draw them, cooperation,
 * and the lengths of matches under a random end), drawn with the shared chart module.
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
 * pair, drawn compactly: every strategy of the library, 243 players, is 59,049 cells), and listed in
 * the ranked table.  Above them is a hostile size, not a tournament anyone reads as a picture. */
enum { REPORT_MAX_CHART_PLAYERS = 400, REPORT_MAX_HEATMAP_PLAYERS = 300, REPORT_MAX_TABLE_ROWS = 500 };

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

/* A heat map of one number a pair (cell(r, i, j), i's against j), rows and columns in rank order;
 * matrix has room for n x n, names are the players' in rank order. */
static void pair_heatmap(pl_report *rep, const pl_tournament_result *r,
                         double (*cell)(const pl_tournament_result *, size_t, size_t), double *matrix,
                         const char **names, const char *title, const char *note)
{
    size_t n = pl_tournament_result_players(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) matrix[a * n + b] = cell(r, rank[a], rank[b]);
    pl_chart *heat = pl_chart_create(PL_CHART_HEATMAP, title);
    pl_chart_set_matrix(heat, n, n, matrix, names, names);
    pl_chart_set_axis_titles(heat, "opponent", "player");
    pl_report_chart(rep, heat, note);
    pl_chart_free(heat);
}

/* A box per player (in rank order) over its repetitions: of its normalised score, or (wins) of the
 * matches it won.  vals holds at least one value per repetition. */
static void repetition_boxes(pl_report *rep, const pl_tournament_result *r, const char **names, int wins,
                             double *vals, const char *title, const char *y_title, const char *caption)
{
    size_t n = pl_tournament_result_players(r);
    int reps = pl_tournament_result_repetitions(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    pl_chart *box = pl_chart_create(PL_CHART_BOX, title);
    pl_chart_set_horizontal(box, n > 12);
    pl_chart_set_axis_titles(box, "player (ranked)", y_title);
    for (size_t k = 0; k < n; k++) {
        for (int t = 0; t < reps; t++)
            vals[t] = wins ? pl_tournament_result_wins(r, rank[k], t) : pl_tournament_result_normalised(r, rank[k], t);
        pl_chart_add_box(box, names[k], vals, (size_t)reps);
    }
    pl_report_chart(rep, box, caption);
    pl_chart_free(box);
}

int pl_tournament_write_report(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *path,
                               pl_error *err)
{
    size_t n = pl_tournament_result_players(r);
    int reps = pl_tournament_result_repetitions(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    const pl_tournament_config *cfg = meta->cfg;
    pl_report *rep = pl_report_create("Tournament results");
    double *vals = pl_malloc(((size_t)reps > n ? (size_t)reps : n) * sizeof *vals);
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
    if (draw_charts)
        repetition_boxes(rep, r, names, 0, vals, "Normalised score per repetition", "score per turn",
                         "Each box spans the middle half of a player's repetitions; the line is the median.");
    else
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
    if (draw_heat)
        pair_heatmap(rep, r, pl_tournament_result_payoff, matrix, names,
                     "Mean payoff per turn of the row player against the column player",
                     "Rows and columns in rank order; the diagonal is the match against a copy of itself.");
    else
        too_many(rep, "the payoff of every pair", n, REPORT_MAX_HEATMAP_PLAYERS, "payoff_matrix.csv");

    pl_report_section(rep, "Score differences");
    if (draw_heat)
        pair_heatmap(rep, r, pl_tournament_result_payoff_diff, matrix, names,
                     "Mean score difference per turn, row player minus column player",
                     "The reference's pdplot (payoff_diffs_means): rows and columns in rank order.");
    else
        too_many(rep, "the score difference of every pair", n, REPORT_MAX_HEATMAP_PLAYERS, "results.json");
    if (draw_charts) {
        pl_chart *box = pl_chart_create(PL_CHART_BOX, "Score difference per turn against each opponent");
        pl_chart_set_horizontal(box, n > 12);
        pl_chart_set_axis_titles(box, "player (ranked)", "own minus opponent's score per turn");
        for (size_t k = 0; k < n; k++) {
            size_t m = 0;
            for (size_t j = 0; j < n; j++)
                if (j != rank[k] && pl_tournament_result_pair_turns(r, rank[k], j))
                    vals[m++] = pl_tournament_result_payoff_diff(r, rank[k], j);
            pl_chart_add_box(box, names[k], vals, m);
        }
        pl_report_chart(rep, box, "As the reference's sdvplot, one value per opponent met: the mean over the "
                                  "repetitions (results.json's payoff_diffs_means).");
        pl_chart_free(box);
    }

    if (cfg->prob_end > 0) {
        pl_report_section(rep, "Match lengths");
        size_t longest;
        const uint64_t *len = pl_tournament_result_lengths(r, &longest);
        enum { LEN_BINS = 40 };
        size_t width = longest / LEN_BINS + 1, bins = longest / width + 1;
        double counts[LEN_BINS + 1];
        char labels[LEN_BINS + 1][48];
        const char *lab[LEN_BINS + 1];
        for (size_t b = 0; b < bins; b++) {
            counts[b] = 0;
            for (size_t t = b * width; t < (b + 1) * width && t <= longest; t++) counts[b] += (double)len[t];
            if (width == 1) snprintf(labels[b], sizeof labels[b], "%zu", b);
            else snprintf(labels[b], sizeof labels[b], "%zu-%zu", b * width, (b + 1) * width - 1);
            lab[b] = labels[b];
        }
        pl_chart *lc = pl_chart_create(PL_CHART_BAR, "Matches by length");
        pl_chart_set_categories(lc, bins, lab);
        pl_chart_add_series(lc, "matches", counts, bins);
        pl_chart_set_axis_titles(lc, "turns", "matches");
        char note[200];
        snprintf(note, sizeof note, "Each match ends after each turn with probability %g%s; the longest lasted %zu turns.",
                 cfg->prob_end, cfg->turns > 0 ? ", and at the turn cap at the latest" : "", longest);
        pl_report_chart(rep, lc, note);
        pl_chart_free(lc);
    }

    pl_report_section(rep, "Wins and cooperation");
    if (!draw_charts) {
        too_many(rep, "wins and cooperation", n, REPORT_MAX_CHART_PLAYERS, "summary.csv");
        goto write;
    }
    repetition_boxes(rep, r, names, 1, vals, "Matches won per repetition", "matches won (strictly higher score)",
                     "The distribution of wins over the repetitions (the reference's winplot).");
    pl_chart *cb = pl_chart_create(PL_CHART_BAR, "Share of moves that were cooperation, self-play left out");
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
