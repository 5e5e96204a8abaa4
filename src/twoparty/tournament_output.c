// SPDX-License-Identifier: MIT
/* tournament_output.c — tournament results for people (a ranked table) and programs (CSV, JSON).
 *
 * summary.csv is Axelrod-Python 4.13's summary (ResultSet.summarise): its 14 columns in its
 * order, each computed as it computes them (see parley/tournament.h), Rank counted from 0 as it
 * counts; parley's own statistics follow under their own names (Mean_score, Std_score,
 * Mean_wins).  results.json holds the reference's result set under its attribute names.
 * Numbers are the shortest text that reads back exactly.  Files hold no timings and nothing that
 * depends on the thread count. */
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
    /* Wins: the mean over repetitions; Coop: the reference's cooperation rating (self-play out) */
    for (size_t k = 0; k < n; k++) {
        size_t i = rank[k];
        fprintf(out, "%4zu  %-*.*s  %8.4f  %8.4f  %7.4f  %7.2f  %5.1f%%\n", k + 1, (int)w, (int)w,
                pl_tournament_result_name(r, i), pl_tournament_result_median(r, i), pl_tournament_result_mean(r, i),
                pl_tournament_result_stddev(r, i), mean_wins(r, i), 100 * pl_tournament_result_cooperating_rating(r, i));
    }
}

static void csv_summary(FILE *f, const void *ctx)
{
    const pl_tournament_result *r = ctx;
    size_t n = pl_tournament_result_players(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    fputs("Rank,Name,Median_score,Cooperation_rating,Wins,Initial_C_rate,CC_rate,CD_rate,DC_rate,DD_rate,"
          "CC_to_C_rate,CD_to_C_rate,DC_to_C_rate,DD_to_C_rate,Mean_score,Std_score,Mean_wins\n",
          f);
    for (size_t k = 0; k < n; k++) {
        size_t i = rank[k];
        double st[4], tc[4];
        pl_tournament_result_summary_rates(r, i, st, tc);
        pl_csv_row(f, "usgggg", (uint64_t)k, pl_tournament_result_name(r, i), pl_tournament_result_median(r, i),
                   pl_tournament_result_cooperating_rating(r, i), pl_tournament_result_median_wins(r, i),
                   pl_tournament_result_initial_cooperation_rate(r, i));
        pl_csv_row(f, "+gggggggg", st[0], st[1], st[2], st[3], tc[0], tc[1], tc[2], tc[3]);
        pl_csv_row(f, "+ggg\n", pl_tournament_result_mean(r, i), pl_tournament_result_stddev(r, i), mean_wins(r, i));
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
    pl_jw_init(&w, o.f, 1, PL_JW_SHORTEST);
    pl_jw_object(&w);
    pl_jw_key(&w, "parameters");
    pl_jw_object(&w);
    pl_jw_key_int(&w, "turns", cfg->turns);
    pl_jw_key_int(&w, "repetitions", cfg->repetitions);
    pl_jw_key_num(&w, "noise", cfg->noise);
    pl_jw_key_num(&w, "prob_end", cfg->prob_end);
    pl_jw_key_str(&w, "game_RSTP", meta->game_text);
    pl_jw_key_u64(&w, "seed", cfg->seed);
    pl_jw_key_bool(&w, "self_play", cfg->edges ? 0 : cfg->self_play);
    if (cfg->edges) { /* a spatial tournament: the pairs that played, as given */
        pl_jw_key(&w, "edges");
        pl_jw_array(&w);
        for (size_t k = 0; k < cfg->n_edges; k++) {
            pl_jw_array(&w);
            pl_jw_int(&w, (long long)cfg->edges[2 * k]);
            pl_jw_int(&w, (long long)cfg->edges[2 * k + 1]);
            pl_jw_end(&w);
        }
        pl_jw_end(&w);
    }
    /* only when some pair was played batched: a tournament none of whose pairs was (deterministic
     * pairs, a random length, --no-batched) writes what parley wrote before batching was the default */
    if (pl_tournament_result_batched(r)) pl_jw_key_bool(&w, "batched", 1);
    pl_jw_end(&w);
    pl_jw_key_int(&w, "matches", (long long)pl_tournament_result_matches(r));
    pl_jw_key_int(&w, "turns_played", (long long)pl_tournament_result_turns(r));
    pl_jw_key(&w, "ranked");
    pl_jw_array(&w);
    static const char *names[4] = {"CC", "CD", "DC", "DD"};
    for (size_t k = 0; k < n; k++) {
        size_t i = rank[k];
        double oc[4], nc[4]; /* the summary's CC_rate .. and CC_to_C_rate .. */
        pl_tournament_result_summary_rates(r, i, oc, nc);
        pl_jw_object(&w);
        pl_jw_key_int(&w, "rank", (long long)k + 1);
        pl_jw_key_str(&w, "name", pl_tournament_result_name(r, i));
        pl_jw_key_int(&w, "index", (long long)i);
        pl_jw_key_num(&w, "median_score", pl_tournament_result_median(r, i));
        pl_jw_key_num(&w, "mean_score", pl_tournament_result_mean(r, i));
        pl_jw_key_num(&w, "std_score", pl_tournament_result_stddev(r, i));
        pl_jw_key_num(&w, "cooperation_rating", pl_tournament_result_cooperating_rating(r, i));
        pl_jw_key_num(&w, "median_wins", pl_tournament_result_median_wins(r, i));
        pl_jw_key_num(&w, "mean_wins", mean_wins(r, i));
        pl_jw_key_num(&w, "initial_c_rate", pl_tournament_result_initial_cooperation_rate(r, i));
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
    /* the reference's result set, under its attribute names (players in input order) */
    pl_jw_key(&w, "ranking");
    pl_jw_array(&w);
    for (size_t k = 0; k < n; k++) pl_jw_int(&w, (long long)rank[k]);
    pl_jw_end(&w);
    pl_jw_key(&w, "ranked_names");
    pl_jw_array(&w);
    for (size_t k = 0; k < n; k++) pl_jw_str(&w, pl_tournament_result_name(r, rank[k]));
    pl_jw_end(&w);
    for (int m = 0; m < 3; m++) { /* players x repetitions */
        static const char *keys[3] = {"normalised_scores", "wins", "scores"};
        pl_jw_key(&w, keys[m]);
        pl_jw_array(&w);
        for (size_t i = 0; i < n; i++) {
            pl_jw_array(&w);
            for (int k = 0; k < reps; k++) {
                if (m == 0) pl_jw_num(&w, pl_tournament_result_normalised(r, i, k));
                else if (m == 1) pl_jw_int(&w, pl_tournament_result_wins(r, i, k));
                else pl_jw_num(&w, pl_tournament_result_score(r, i, k));
            }
            pl_jw_end(&w);
        }
        pl_jw_end(&w);
    }
    for (int m = 0; m < 7; m++) { /* players x players */
        static const char *keys[7] = {"payoff_matrix", "payoff_stddevs", "payoff_diffs_means", "cooperation",
                                      "normalised_cooperation", "vengeful_cooperation", "good_partner_matrix"};
        pl_jw_key(&w, keys[m]);
        pl_jw_array(&w);
        for (size_t i = 0; i < n; i++) {
            pl_jw_array(&w);
            for (size_t j = 0; j < n; j++) {
                switch (m) {
                case 0: pl_jw_num(&w, pl_tournament_result_payoff(r, i, j)); break;
                case 1: pl_jw_num(&w, pl_tournament_result_payoff_stddev(r, i, j)); break;
                case 2: pl_jw_num(&w, pl_tournament_result_payoff_diff(r, i, j)); break;
                case 3: pl_jw_int(&w, (long long)pl_tournament_result_pair_cooperation(r, i, j)); break;
                case 4: pl_jw_num(&w, pl_tournament_result_normalised_cooperation(r, i, j)); break;
                case 5: pl_jw_num(&w, 2 * (pl_tournament_result_normalised_cooperation(r, i, j) - 0.5)); break;
                default: pl_jw_int(&w, (long long)pl_tournament_result_good_partner(r, i, j)); break;
                }
            }
            pl_jw_end(&w);
        }
        pl_jw_end(&w);
    }
    for (int m = 0; m < 6; m++) { /* one number a player */
        static const char *keys[6] = {"cooperating_rating", "initial_cooperation_count", "initial_cooperation_rate",
                                      "good_partner_rating", "eigenjesus_rating", "eigenmoses_rating"};
        pl_jw_key(&w, keys[m]);
        pl_jw_array(&w);
        for (size_t i = 0; i < n; i++) {
            switch (m) {
            case 0: pl_jw_num(&w, pl_tournament_result_cooperating_rating(r, i)); break;
            case 1: pl_jw_int(&w, (long long)pl_tournament_result_initial_cooperation_count(r, i)); break;
            case 2: pl_jw_num(&w, pl_tournament_result_initial_cooperation_rate(r, i)); break;
            case 3: pl_jw_num(&w, pl_tournament_result_good_partner_rating(r, i)); break;
            case 4: pl_jw_num(&w, pl_tournament_result_eigenjesus(r, i)); break;
            default: pl_jw_num(&w, pl_tournament_result_eigenmoses(r, i)); break;
            }
        }
        pl_jw_end(&w);
    }
    /* the per-pair distributions: an object of counts a pair, every key present (the reference's
     * Counter leaves out zeros, which read as 0).  Its normalised forms are not written: each is
     * a count over the pair's sum (of the four states; of C and D after a state), 0 when that is
     * 0, and a million such shares at 220 players took seconds to write */
    for (int m = 0; m < 2; m++) {
        static const char *keys[2] = {"state_distribution", "state_to_action_distribution"};
        static const char *to[8] = {"CC_to_C", "CC_to_D", "CD_to_C", "CD_to_D", "DC_to_C", "DC_to_D", "DD_to_C", "DD_to_D"};
        pl_jw_key(&w, keys[m]);
        pl_jw_array(&w);
        for (size_t i = 0; i < n; i++) {
            pl_jw_array(&w);
            for (size_t j = 0; j < n; j++) {
                uint64_t st[4], tc[4], td[4];
                pl_tournament_result_pair_states(r, i, j, st, tc, td);
                pl_jw_object(&w);
                for (int c = 0; c < 4; c++) {
                    if (m == 0) pl_jw_key_int(&w, names[c], (long long)st[c]);
                    else {
                        pl_jw_key_int(&w, to[2 * c], (long long)tc[c]);
                        pl_jw_key_int(&w, to[2 * c + 1], (long long)td[c]);
                    }
                }
                pl_jw_end(&w);
            }
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
