/* tournament_output.c — tournament results for people (a ranked table) and programs (CSV, JSON).
 *
 * Column names follow Axelrod-Python's summary (Rank, Name, Median_score,
 * Cooperation_rating, Wins, Initial_C_rate, CC_rate, ... DD_to_C_rate) so that
 * its users' scripts read parley's files with a changed path only.  Files hold
 * no timings and nothing that depends on the thread count. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "parley/tournament.h"
#include "io/csv.h"
#include "io/files.h"

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

static int write_json(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *path, pl_error *err)
{
    size_t n = pl_tournament_result_players(r);
    int reps = pl_tournament_result_repetitions(r);
    const size_t *rank = pl_tournament_result_ranking(r);
    const pl_tournament_config *cfg = meta->cfg;
    pl_json_begin();
    json_t *root = json_object();
    json_t *params = json_object();
    json_object_set_new(params, "turns", json_integer(cfg->turns));
    json_object_set_new(params, "repetitions", json_integer(cfg->repetitions));
    json_object_set_new(params, "noise", json_real(cfg->noise));
    json_object_set_new(params, "prob_end", json_real(cfg->prob_end));
    json_object_set_new(params, "game_RSTP", json_string(meta->game_text));
    json_object_set_new(params, "seed", pl_json_u64(cfg->seed));
    json_object_set_new(params, "self_play", json_boolean(cfg->self_play));
    json_object_set_new(root, "parameters", params);
    json_object_set_new(root, "matches", json_integer((json_int_t)pl_tournament_result_matches(r)));
    json_object_set_new(root, "turns_played", json_integer((json_int_t)pl_tournament_result_turns(r)));
    json_t *players = json_array();
    for (size_t k = 0; k < n; k++) {
        size_t i = rank[k];
        double oc[4], nc[4], ic;
        pl_tournament_result_outcomes(r, i, oc, nc, &ic);
        json_t *p = json_object();
        json_object_set_new(p, "rank", json_integer((json_int_t)k + 1));
        json_object_set_new(p, "name", json_string(pl_tournament_result_name(r, i)));
        json_object_set_new(p, "index", json_integer((json_int_t)i));
        json_object_set_new(p, "median_score", pl_json_num(pl_tournament_result_median(r, i)));
        json_object_set_new(p, "mean_score", pl_json_num(pl_tournament_result_mean(r, i)));
        json_object_set_new(p, "std_score", pl_json_num(pl_tournament_result_stddev(r, i)));
        json_object_set_new(p, "cooperation_rating", pl_json_num(pl_tournament_result_cooperation(r, i)));
        json_object_set_new(p, "mean_wins", pl_json_num(mean_wins(r, i)));
        json_object_set_new(p, "initial_c_rate", pl_json_num(ic));
        json_t *outc = json_object(), *nextc = json_object();
        static const char *names[4] = {"CC", "CD", "DC", "DD"};
        for (int c = 0; c < 4; c++) {
            json_object_set_new(outc, names[c], pl_json_num(oc[c]));
            json_object_set_new(nextc, names[c], pl_json_num(nc[c]));
        }
        json_object_set_new(p, "outcome_rates", outc);
        json_object_set_new(p, "cooperation_after", nextc);
        json_t *ns = json_array(), *ws = json_array();
        for (int k2 = 0; k2 < reps; k2++) {
            json_array_append_new(ns, pl_json_num(pl_tournament_result_normalised(r, i, k2)));
            json_array_append_new(ws, json_integer(pl_tournament_result_wins(r, i, k2)));
        }
        json_object_set_new(p, "normalised_scores", ns);
        json_object_set_new(p, "wins", ws);
        json_array_append_new(players, p);
    }
    json_object_set_new(root, "ranked", players);
    json_t *pm = json_array(), *ps = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array(), *srow = json_array();
        for (size_t j = 0; j < n; j++) {
            json_array_append_new(row, pl_json_num(pl_tournament_result_payoff(r, i, j)));
            json_array_append_new(srow, pl_json_num(pl_tournament_result_payoff_stddev(r, i, j)));
        }
        json_array_append_new(pm, row);
        json_array_append_new(ps, srow);
    }
    json_t *names = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(names, json_string(pl_tournament_result_name(r, i)));
    json_object_set_new(root, "players", names);
    json_object_set_new(root, "payoff_matrix", pm);
    json_object_set_new(root, "payoff_stddevs", ps);
    int rc = pl_write_json_file(path, root, JSON_INDENT(1) | JSON_REAL_PRECISION(12), 0, err);
    json_decref(root);
    return rc;
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
