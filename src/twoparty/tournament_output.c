// SPDX-License-Identifier: MIT
/* tournament_output.c — tournament results for people (a ranked table) and programs (CSV, JSON).
 *
 * Column names follow Axelrod-Python's summary (Rank, Name, Median_score,
 * Cooperation_rating, Wins, Initial_C_rate, CC_rate, ... DD_to_C_rate) so that
 * its users' scripts read parley's files with a changed path only.  Files hold
 * no timings and nothing that depends on the thread count. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "parley/tournament.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/json_writer.h"

static double mean_wins(const pl_tournament_result *r, size_t i)
{
    int reps = pl_tournament_result_repetitions(r);
    double s = 0;
    for (int k = 0; k < reps; k++) s += pl_tournament_result_wins(r, i, k);
    return s / reps;
}

void pl_tournament_print_table(const pl_tournament_result *r, FILE *out)
{
    size_t n = pl_tournament_result_players(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    size_t w = 4;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(pl_tournament_result_name(r, i));
        if (l > w) w = l;
    }
    if (w > 48) w = 48;
    fprintf(out, "%4s  %-*s  %8s  %8s  %7s  %7s  %6s\n", "Rank", (int)w, "Name", "Median", "Mean", "Std", "Wins",
            "Coop");
    for (size_t k = 0; k < n; k++) {
        size_t i = rank[k];
        fprintf(out, "%4zu  %-*.*s  %8.4f  %8.4f  %7.4f  %7.2f  %5.1f%%\n", k + 1, (int)w, (int)w,
                pl_tournament_result_name(r, i), pl_tournament_result_median(r, i), pl_tournament_result_mean(r, i),
                pl_tournament_result_stddev(r, i), mean_wins(r, i), 100 * pl_tournament_result_cooperation(r, i));
    }
}

static void csv_summary(FILE *f, const void *ctx)
{
    const pl_tournament_result *r = ctx;
    size_t n = pl_tournament_result_players(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    fputs("Rank,Name,Median_score,Mean_score,Std_score,Cooperation_rating,Wins,Initial_C_rate,CC_rate,CD_rate,DC_rate,"
          "DD_rate,CC_to_C_rate,CD_to_C_rate,DC_to_C_rate,DD_to_C_rate\n",
          f);
    for (size_t k = 0; k < n; k++) {
        size_t i = rank[k];
        double oc[4], nc[4], ic;
        pl_tournament_result_outcomes(r, i, oc, nc, &ic);
        pl_csv_row(f, "usgggggg", (uint64_t)k, pl_tournament_result_name(r, i), pl_tournament_result_median(r, i),
                   pl_tournament_result_mean(r, i), pl_tournament_result_stddev(r, i),
                   pl_tournament_result_cooperation(r, i), mean_wins(r, i), ic);
        pl_csv_row(f, "+gggggggg\n", oc[0], oc[1], oc[2], oc[3], nc[0], nc[1], nc[2], nc[3]);
    }
}

/* A players x repetitions table: normalised scores, or wins. */
static void per_rep(FILE *f, const pl_tournament_result *r, int wins)
{
    size_t n = pl_tournament_result_players(r);
    int reps = pl_tournament_result_repetitions(r);
    fputs("Name", f);
    for (int k = 0; k < reps; k++) fprintf(f, ",rep_%d", k + 1);
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) {
        pl_csv_row(f, "s", pl_tournament_result_name(r, i));
        for (int k = 0; k < reps; k++) {
            if (wins) pl_csv_row(f, "+d", pl_tournament_result_wins(r, i, k));
            else pl_csv_row(f, "+g", pl_tournament_result_normalised(r, i, k));
        }
        fputc('\n', f);
    }
}
static void csv_normalised(FILE *f, const void *ctx) { per_rep(f, ctx, 0); }
static void csv_wins(FILE *f, const void *ctx) { per_rep(f, ctx, 1); }

static const char *player_name(const void *r, size_t i) { return pl_tournament_result_name(r, i); }
static double player_payoff(const void *r, size_t i, size_t j) { return pl_tournament_result_payoff(r, i, j); }
static void csv_payoffs(FILE *f, const void *ctx)
{
    pl_csv_square(f, "Name", pl_tournament_result_players(ctx), player_name, player_payoff, ctx);
}

/* Streamed (io/json_writer.h): memory stays one number at a time whatever the size, where a
 * tree of a 10,000-player tournament's two payoff matrices was 2 x 10^8 nodes. */
static int write_json(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *path, pl_error *err)
{
    size_t n = pl_tournament_result_players(r);
    int reps = pl_tournament_result_repetitions(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    const pl_tournament_config *cfg = meta->cfg;
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    pl_jw w;
    pl_jw_init(&w, o.f, 1, 12);
    pl_jw_object(&w);
    pl_jw_key(&w, "parameters");
    pl_jw_object(&w);
    pl_jw_key_int(&w, "turns", cfg->turns);
    pl_jw_key_int(&w, "repetitions", cfg->repetitions);
    pl_jw_key_num(&w, "noise", cfg->noise);
    pl_jw_key_num(&w, "prob_end", cfg->prob_end);
    pl_jw_key_str(&w, "game_RSTP", meta->game_text);
    pl_jw_key_u64(&w, "seed", cfg->seed);
    pl_jw_key_bool(&w, "self_play", cfg->self_play);
    pl_jw_end(&w);
    pl_jw_key_int(&w, "matches", (long long)pl_tournament_result_matches(r));
    pl_jw_key_int(&w, "turns_played", (long long)pl_tournament_result_turns(r));
    pl_jw_key(&w, "ranked");
    pl_jw_array(&w);
    static const char *names[4] = {"CC", "CD", "DC", "DD"};
    for (size_t k = 0; k < n; k++) {
        size_t i = rank[k];
        double oc[4], nc[4], ic;
        pl_tournament_result_outcomes(r, i, oc, nc, &ic);
        pl_jw_object(&w);
        pl_jw_key_int(&w, "rank", (long long)k + 1);
        pl_jw_key_str(&w, "name", pl_tournament_result_name(r, i));
        pl_jw_key_int(&w, "index", (long long)i);
        pl_jw_key_num(&w, "median_score", pl_tournament_result_median(r, i));
        pl_jw_key_num(&w, "mean_score", pl_tournament_result_mean(r, i));
        pl_jw_key_num(&w, "std_score", pl_tournament_result_stddev(r, i));
        pl_jw_key_num(&w, "cooperation_rating", pl_tournament_result_cooperation(r, i));
        pl_jw_key_num(&w, "mean_wins", mean_wins(r, i));
        pl_jw_key_num(&w, "initial_c_rate", ic);
        pl_jw_key(&w, "outcome_rates");
        pl_jw_object(&w);
        for (int c = 0; c < 4; c++) pl_jw_key_num(&w, names[c], oc[c]);
        pl_jw_end(&w);
        pl_jw_key(&w, "cooperation_after");
        pl_jw_object(&w);
        for (int c = 0; c < 4; c++) pl_jw_key_num(&w, names[c], nc[c]);
        pl_jw_end(&w);
        pl_jw_key(&w, "normalised_scores");
        pl_jw_array(&w);
        for (int k2 = 0; k2 < reps; k2++) pl_jw_num(&w, pl_tournament_result_normalised(r, i, k2));
        pl_jw_end(&w);
        pl_jw_key(&w, "wins");
        pl_jw_array(&w);
        for (int k2 = 0; k2 < reps; k2++) pl_jw_int(&w, pl_tournament_result_wins(r, i, k2));
        pl_jw_end(&w);
        pl_jw_end(&w);
    }
    pl_jw_end(&w);
    pl_jw_key(&w, "players");
    pl_jw_array(&w);
    for (size_t i = 0; i < n; i++) pl_jw_str(&w, pl_tournament_result_name(r, i));
    pl_jw_end(&w);
    for (int sd = 0; sd < 2; sd++) {
        pl_jw_key(&w, sd ? "payoff_stddevs" : "payoff_matrix");
        pl_jw_array(&w);
        for (size_t i = 0; i < n; i++) {
            pl_jw_array(&w);
            for (size_t j = 0; j < n; j++)
                pl_jw_num(&w, sd ? pl_tournament_result_payoff_stddev(r, i, j) : pl_tournament_result_payoff(r, i, j));
            pl_jw_end(&w);
        }
        pl_jw_end(&w);
    }
    pl_jw_end(&w);
    return pl_outfile_commit_json(&o, &w, err);
}

int pl_tournament_write(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *dir, pl_error *err)
{
    int rc = pl_mkdir_p(dir, err);
    static const struct {
        const char *name;
        pl_write_fn write;
    } csvs[] = {{"summary.csv", csv_summary}, {"normalised_scores.csv", csv_normalised}, {"wins.csv", csv_wins},
                {"payoff_matrix.csv", csv_payoffs}};
    for (size_t k = 0; k < sizeof csvs / sizeof *csvs && !rc; k++) rc = pl_outfile_write(dir, csvs[k].name, csvs[k].write, r, err);
    for (int k = 0; k < 2 && !rc; k++) {
        char *path = pl_path_join(dir, k == 0 ? "results.json" : "report.html");
        if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
        rc = k == 0 ? write_json(r, meta, path, err) : pl_tournament_write_report(r, meta, path, err);
        pl_free(path);
    }
    return rc;
}
