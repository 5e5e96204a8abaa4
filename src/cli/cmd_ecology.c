// SPDX-License-Identifier: MIT
/* cmd_ecology.c — `parley ecology`: how a population's shares move over a tournament's payoff
 * matrix (the reference library's Ecosystem).
 *
 * Flags to a tournament (parley/tournament.h), its mean payoffs a turn and their deviations over
 * the repetitions into pl_ecosystem_run (parley/population.h), the shares printed at the start and
 * the end, and the result files (shares.csv, payoffs.csv, results.json, report.html). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "parley/player_list.h"
#include "parley/population.h"
#include "parley/text.h"
#include "parley/tournament.h"

static const char usage[] =
    "Usage: parley ecology --players LIST [--population P1,P2,...] [--steps T] [--turns N]\n"
    "                      [--repetitions R] [--noise p] [--prob-end p] [--game R,S,T,P] [--seed s]\n"
    "                      [--threads k] [--no-batched] [--out DIR] [--json]\n"
    "\n"
    "Ecological dynamics after a tournament (Axelrod-Python's Ecosystem): the strategies play a\n"
    "round robin, and then, step by step, each strategy's share of an infinite population grows in\n"
    "proportion to its payoff against the population as it is, sum_j P_ij x_j, P_ij the mean payoff\n"
    "a turn of i against j drawn around the tournament's mean with its deviation over the\n"
    "repetitions.  Prints the shares at the start and the end; --out writes them for every step\n"
    "and a report with the shares over time as a stacked area chart.\n"
    "\n"
    "The tournament is `parley tournament`'s: batched repetitions by default since\n"
    "2026-12-04 (the same payoffs as `parley tournament` with the same flags);\n"
    "--no-batched plays match by match, to reproduce the results of earlier versions.\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley ecology --players tft,defector,cooperator,grudger --steps 100\n"
    "  parley ecology --players tft,defector,cooperator --population 1,1,8 --steps 300 --out eco/\n"
    "  parley ecology --players wsls,tft,defector,random --noise 0.05 --repetitions 20 --steps 200 --seed 3\n";

/* "1,1,8" into n shares >= 0 (not all 0); an error names --population, the place and the value. */
static int parse_population(const char *text, size_t n, double *x)
{
    const char *p = text;
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strcspn(p, ",");
        if ((p[len] == '\0') != (i + 1 == n))
            return cli_usage_error("ecology", "--population: expected %zu numbers, one for each player", n), -1;
        char piece[64];
        snprintf(piece, sizeof piece, "%.*s", (int)(len < sizeof piece ? len : sizeof piece - 1), p);
        pl_error e;
        if (len >= sizeof piece || pl_parse_double(piece, 0, 1e12, &x[i], &e))
            return cli_usage_error("ecology", "--population: number %zu of %zu: %s", i + 1, n,
                                   len >= sizeof piece ? "expected a number, got a longer text" : e.msg), -1;
        total += x[i];
        p += len + 1;
    }
    if (!(total > 0)) return cli_usage_error("ecology", "--population: every share is 0; expected at least one above 0"), -1;
    return 0;
}

int cmd_ecology(int argc, char **argv)
{
    pl_tournament_config tc;
    pl_tournament_config_default(&tc);
    tc.threads = cli_default_threads();
    cli_game game;
    cli_game_default(&game);
    pl_player_list players = {0};
    const char *out_dir = NULL, *pop_text = NULL;
    uint64_t steps = 100;
    int turns_given = 0, batched_off = 0, as_json = 0, n_args;
    double *x0 = NULL, *pay = NULL, *dev = NULL, *shares = NULL;
    const char **names = NULL;
    pl_tournament_result *res = NULL;
    cli_out out = {0};
    pl_error err;
    const cli_flag flags[] = {
        {"players", 'p', CLI_FLAG_PLAYERS, &players, "LIST", "the strategies, comma-separated, as for `parley tournament`"},
        {"population", 0, CLI_FLAG_TEXT, &pop_text, "P1,...", "the starting shares (any numbers >= 0, normalised; default equal)"},
        {"steps", 0, CLI_FLAG_COUNT, &steps, "T", "steps of the dynamics (default 100; the reference's reproduce(T))", 1, 1e7},
        {"turns", 't', CLI_FLAG_INT, &tc.turns, "N", "turns per match (default 200)", 1, 1e8, &turns_given},
        {"repetitions", 'r', CLI_FLAG_INT, &tc.repetitions, "R", "matches per pair (default 10)", 1, 1e7},
        CLI_ROW_NOISE(&tc.noise),
        {"prob-end", 0, CLI_FLAG_PROB, &tc.prob_end, "p", "each match ends after each turn with probability p"},
        CLI_ROW_GAME(&game),
        {"seed", 's', CLI_FLAG_SEED, &tc.seed, "s", "random seed of the tournament and of the draws (default 0)"},
        CLI_ROW_THREADS(&tc.threads),
        {"no-batched", 0, CLI_FLAG_BOOL, &batched_off, NULL,
         "play the tournament match by match, with the draws of parley before\n"
         "2026-12-04 (as `parley tournament --no-batched`)"},
        {"out", 'o', CLI_FLAG_DIR, &out_dir, "DIR", "write shares.csv (every step), payoffs.csv, results.json and report.html"},
        CLI_ROW_JSON(&as_json),
        {0}};
    const cli_command cmd = {"ecology", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) goto done;
    rc = EXIT_USAGE;
    if (n_args > 0) {
        cli_usage_error("ecology", "unexpected argument '%s' (see --help)", argv[1]);
        goto done;
    }
    if (players.n < 1) {
        cli_usage_error("ecology", "--players: expected the strategies, e.g. --players tft,defector,cooperator");
        goto done;
    }
    if (players.n < 2) { /* said here, naming the flag: the tournament would refuse it without */
        cli_usage_error("ecology",
                        "--players: the payoffs come from a tournament, which needs at least two players; got one");
        goto done;
    }
    size_t n = players.n;
    x0 = calloc(n, sizeof *x0);
    pay = calloc(n * n, sizeof *pay);
    dev = calloc(n * n, sizeof *dev);
    names = calloc(n, sizeof *names);
    shares = calloc((size_t)(steps + 1) * n, sizeof *shares);
    if (!x0 || !pay || !dev || !names || !shares) {
        fprintf(stderr, "parley ecology: out of memory for %llu steps of %zu shares\n", (unsigned long long)steps, n);
        rc = EXIT_ENV;
        goto done;
    }
    if (pop_text) {
        if (parse_population(pop_text, n, x0)) goto done;
    } else {
        for (size_t i = 0; i < n; i++) x0[i] = 1;
    }
    if (tc.prob_end > 0 && !turns_given) tc.turns = 0;
    if (batched_off) tc.batched = 0;
    tc.game = &game.game;
    if ((rc = cli_out_begin(&out, "ecology", out_dir, "CSV, results.json, report.html", as_json ? "results.json" : NULL))) goto done;
    rc = EXIT_USAGE;
    if (pl_tournament_run((const pl_strategy *const *)players.items, n, &tc, &res, &err)) {
        rc = cli_lib_error("ecology", &err);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        names[i] = pl_tournament_result_name(res, i);
        for (size_t j = 0; j < n; j++) {
            pay[i * n + j] = pl_tournament_result_payoff(res, i, j);
            dev[i * n + j] = pl_tournament_result_payoff_stddev(res, i, j);
        }
    }
    if (pl_ecosystem_run(pay, dev, n, x0, steps, tc.seed, shares, &err)) {
        rc = cli_lib_error("ecology", &err);
        goto done;
    }
    size_t w = 4;
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) > w) w = strlen(names[i]);
    printf("Ecosystem over a tournament of %zu players, %d turns, %d repetitions, noise %g; %llu steps, seed %llu\n\n",
           n, tc.turns, tc.repetitions, tc.noise, (unsigned long long)steps, (unsigned long long)tc.seed);
    printf("%-*s  %8s  %8s\n", (int)w, "type", "start", "end");
    for (size_t i = 0; i < n; i++)
        printf("%-*s  %8.4f  %8.4f\n", (int)w, names[i], shares[i], shares[steps * n + i]);
    int wrc = 0;
    if (cli_out_path(&out)) {
        pl_ecosystem_result r = {.n = n, .names = names, .payoff = pay, .stddev = dev, .shares = shares, .steps = steps,
                                 .seed = tc.seed, .turns = tc.turns, .repetitions = tc.repetitions, .noise = tc.noise,
                                 .game_text = game.text};
        wrc = pl_ecosystem_write(&r, cli_out_path(&out), &err);
    }
    rc = cli_out_end(&out, wrc, &err);
done:
    cli_out_abort(&out);
    free(x0);
    free(pay);
    free(dev);
    free(shares);
    free(names);
    pl_tournament_result_free(res);
    pl_player_list_free(&players);
    return rc == EXIT_OK ? cli_finish("ecology", rc) : rc;
}
