// SPDX-License-Identifier: MIT
/* cmd_fingerprint.c — `parley fingerprint STRATEGY`: Ashlock's fingerprint, the strategy's mean
 * score against tit for tat's Joss-Ann probes over the unit square, or with --transitive its
 * cooperation rate at each turn against a list of opponents (parley/population.h).
 *
 * Flags to pl_fingerprint_ashlock or pl_fingerprint_transitive, a small summary on the terminal,
 * and the result files (fingerprint.csv or transitive.csv, results.json, report.html with the
 * heat map). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "parley/player_list.h"
#include "parley/population.h"

static const char usage[] =
    "Usage: parley fingerprint STRATEGY [--step h] [--turns N] [--repetitions R] [--noise p]\n"
    "                          [--game R,S,T,P] [--seed s] [--threads k] [--out DIR] [--json]\n"
    "       parley fingerprint STRATEGY --transitive [--opponents LIST] [--turns N] [--repetitions R] ...\n"
    "\n"
    "Ashlock's fingerprint of a strategy (Axelrod-Python's AshlockFingerprint): its mean score a\n"
    "turn against a probe at every point (x, y) of a grid over the unit square, the probe\n"
    "cooperating with probability x, defecting with probability y and otherwise playing tit for\n"
    "tat (past x + y = 1, the dual of the probe at (1 - x, 1 - y): defect with 1 - x, cooperate\n"
    "with 1 - y, else the opposite of tit for tat).  Strategies that differ\n"
    "show different fingerprints.\n"
    "\n"
    "With --transitive, the transitive fingerprint (Axelrod-Python's TransitiveFingerprint): the\n"
    "strategy's cooperation rate at each turn against each opponent of a list (default: 50 Random\n"
    "players cooperating with probability 0, 1/49, ..., 1), over R matches each (default 1000).\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley fingerprint tft --step 0.1\n"
    "  parley fingerprint wsls --step 0.05 --repetitions 50 --out fp/\n"
    "  parley fingerprint tft --transitive --noise 0.05 --out tf/\n"
    "  parley fingerprint wsls --transitive --opponents cooperator,defector,alternator --turns 20\n";

/* The reference's default opponents: Random(p) for p in numpy's linspace(0, 1, 50). */
#define TF_DEFAULT_OPPONENTS 50

static int default_opponents(pl_player_list *l, pl_error *err)
{
    for (int i = 0; i < TF_DEFAULT_OPPONENTS; i++) {
        /* linspace: i * (1 / 49), the last exactly 1 */
        double p = i == TF_DEFAULT_OPPONENTS - 1 ? 1.0 : i * (1.0 / (TF_DEFAULT_OPPONENTS - 1));
        char spec[64];
        snprintf(spec, sizeof spec, "random:p=%.17g", p);
        int rc = pl_player_list_add(l, spec, err);
        if (rc) return rc;
    }
    return PL_OK;
}

/* The transitive fingerprint: play, summarise each opponent on the terminal, write the files. */
static int run_transitive(const pl_strategy *s, pl_player_list *opp, const pl_match_config *mc, int reps, int threads,
                          cli_out *out)
{
    pl_error err;
    double *rates = NULL;
    const char **labels = NULL;
    int rc = EXIT_USAGE;
    if (!opp->n && default_opponents(opp, &err)) {
        rc = cli_lib_error("fingerprint", &err);
        goto done;
    }
    double t0 = cli_seconds();
    if (pl_fingerprint_transitive(s, opp->items, opp->n, mc, reps, threads, &rates, &err)) {
        rc = cli_lib_error("fingerprint", &err);
        goto done;
    }
    printf("transitive fingerprint of %s: %zu opponents, %d turns, %d repetitions, noise %g, seed %llu\n",
           pl_strategy_label(s), opp->n, mc->turns, reps, mc->noise, (unsigned long long)mc->seed);
    printf("%-32s %10s %10s %10s\n", "cooperation against", "turn 1", "last turn", "mean");
    size_t turns = (size_t)mc->turns;
    labels = calloc(opp->n, sizeof *labels);
    if (!labels) {
        pl_error_set(&err, PL_ENOMEM, "out of memory for %zu opponents' names", opp->n);
        rc = cli_lib_error("fingerprint", &err);
        goto done;
    }
    for (size_t o = 0; o < opp->n; o++) {
        const double *row = rates + o * turns;
        double sum = 0;
        for (size_t t = 0; t < turns; t++) sum += row[t];
        labels[o] = pl_strategy_label(opp->items[o]);
        printf("%-32s %10.4f %10.4f %10.4f\n", labels[o], row[0], row[turns - 1], sum / (double)turns);
    }
    fprintf(stderr, "fingerprint in %.3f s (%d thread%s)\n", cli_seconds() - t0, threads, threads == 1 ? "" : "s");
    int wrc = 0;
    if (cli_out_path(out))
        wrc = pl_fingerprint_transitive_write(pl_strategy_label(s), labels, opp->n, mc, reps, rates, cli_out_path(out),
                                              &err);
    rc = cli_out_end(out, wrc, &err);
done:
    free(labels);
    free(rates);
    return rc;
}

int cmd_fingerprint(int argc, char **argv)
{
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = 50;
    cli_game game;
    cli_game_default(&game);
    double step = 0.01, *grid = NULL;
    int reps = 10, threads = cli_default_threads(), as_json = 0, n_args, transitive = 0, step_given = 0, reps_given = 0;
    pl_player_list opponents = {0};
    const char *out_dir = NULL;
    pl_strategy *s = NULL;
    size_t side = 0;
    cli_out out = {0};
    pl_error err;
    const cli_flag flags[] = {
        {"step", 0, CLI_FLAG_REAL, &step, "h", "the grid's spacing (default 0.01: 101 x 101 points)", 0.001, 1, &step_given},
        {"transitive", 0, CLI_FLAG_BOOL, &transitive, NULL, "the transitive fingerprint: cooperation at each turn against\n"
         "each opponent (transitive.csv) instead of Ashlock's"},
        {"opponents", 0, CLI_FLAG_PLAYERS, &opponents, "LIST", "with --transitive, the opponents (default: 50 Random players,\n"
         "p = 0, 1/49, ..., 1, the reference's)"},
        {"turns", 't', CLI_FLAG_INT, &mc.turns, "N", "turns per match (default 50, the reference's)", 1, 1e7},
        {"repetitions", 'r', CLI_FLAG_INT, &reps, "R", "matches per point or opponent (default 10; 1000 with\n"
         "--transitive, the reference's)", 1, 1e6, &reps_given},
        CLI_ROW_NOISE(&mc.noise),
        CLI_ROW_GAME(&game),
        {"seed", 's', CLI_FLAG_SEED, &mc.seed, "s", "random seed (default 0); same seed, same results, whatever --threads"},
        CLI_ROW_THREADS(&threads),
        {"out", 'o', CLI_FLAG_DIR, &out_dir, "DIR", "write fingerprint.csv, results.json and report.html (the heat map)"},
        CLI_ROW_JSON(&as_json),
        {0}};
    const cli_command cmd = {"fingerprint", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) goto done;
    rc = EXIT_USAGE;
    if (n_args != 1) {
        cli_usage_error("fingerprint", n_args ? "expected one strategy, got %d arguments" : "expected a strategy, e.g. "
                        "parley fingerprint tft%.0d", n_args);
        goto done;
    }
    if (pl_strategy_create(&s, argv[1], &err)) {
        cli_usage_error("fingerprint", "%s", err.msg);
        goto done;
    }
    if (!transitive && opponents.n) {
        cli_usage_error("fingerprint", "--opponents: only with --transitive (Ashlock's fingerprint plays its own probes)");
        goto done;
    }
    if (transitive && step_given) {
        cli_usage_error("fingerprint", "--step: only for Ashlock's fingerprint, not with --transitive (it has no grid)");
        goto done;
    }
    if (transitive && !reps_given) reps = 1000;
    mc.game = &game.game;
    if ((rc = cli_out_begin(&out, "fingerprint", out_dir,
                            transitive ? "transitive.csv, results.json, report.html" : "fingerprint.csv, results.json, report.html",
                            as_json ? "results.json" : NULL)))
        goto done;
    if (transitive) {
        rc = run_transitive(s, &opponents, &mc, reps, threads, &out);
        goto done;
    }
    rc = EXIT_USAGE;
    double t0 = cli_seconds();
    if (pl_fingerprint_ashlock(s, &mc, step, reps, threads, &grid, &side, &err)) {
        rc = cli_lib_error("fingerprint", &err);
        goto done;
    }
    printf("Ashlock fingerprint of %s: %zu x %zu points, %d turns, %d repetitions, seed %llu\n", pl_strategy_label(s),
           side, side, mc.turns, reps, (unsigned long long)mc.seed);
    /* the corners and the centre on the terminal; the whole grid in the files */
    size_t m = side / 2;
    printf("score at (x, y): (0, 0) %.4f  (1, 0) %.4f  (0, 1) %.4f  (1, 1) %.4f  (%.2g, %.2g) %.4f\n", grid[0],
           grid[side - 1], grid[(side - 1) * side], grid[side * side - 1], side > 1 ? (double)m / (double)(side - 1) : 0,
           side > 1 ? (double)m / (double)(side - 1) : 0, grid[m * side + m]);
    fprintf(stderr, "fingerprint in %.3f s (%d thread%s)\n", cli_seconds() - t0, threads, threads == 1 ? "" : "s");
    int wrc = 0;
    if (cli_out_path(&out)) wrc = pl_fingerprint_write(pl_strategy_label(s), &mc, step, reps, grid, side, cli_out_path(&out), &err);
    rc = cli_out_end(&out, wrc, &err);
done:
    cli_out_abort(&out);
    free(grid);
    pl_player_list_free(&opponents);
    pl_strategy_free(s);
    return rc == EXIT_OK ? cli_finish("fingerprint", rc) : rc;
}
