// SPDX-License-Identifier: MIT
/* cmd_moran_nparty.c — `parley moran --game FILE.yaml`: a Moran process over an N-party game.
 *
 * `parley moran` hands over here when --game names a scenario file (kind: nparty) rather than
 * R,S,T,P: the population's strategies are then N-party strategies, and each individual's payoff
 * is its expected payoff in a group of the game's k parties drawn from the population
 * (pl_moran_create_nparty).  The process, its fixation estimate, the exact value and the result
 * files are the two-party command's (parley/population.h); this file reads the flags that differ
 * and prints the summary. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/progress.h"
#include "parley/nscenario.h"
#include "parley/population.h"
#include "parley/scenario.h"

static const char usage[] =
    "Usage: parley moran --game FILE.yaml --players LIST [--counts C1,C2,...] [--turns N] [--noise p]\n"
    "                    [--samples K] [--mode bd|db] [--selection w] [--fitness linear|exp]\n"
    "                    [--mutation p] [--runs R] [--generations G] [--seed s] [--threads k]\n"
    "                    [--set PATH=VALUE]... [--out DIR] [--json]\n"
    "\n"
    "An N-party population: a Moran process over the N-party game of FILE.yaml (a scenario of kind\n"
    "nparty: its game, its number of parties k, its noise, observation noise and periods; or, in a\n"
    "file with only a tournament, the tournament's game, turns and noise).  Each\n"
    "generation an individual's payoff is its expected payoff a turn in a group of k: itself and\n"
    "k - 1 others drawn at random, without replacement, from the rest of the population (Hauert et\n"
    "al. 2007).  Every group of k strategies is played once (or --samples times when the game is\n"
    "noisy or a strategy random) and cached.  The runs, fixation estimate with its 95% Wilson\n"
    "interval, the exact value for two strategies and the result files are as for the two-party\n"
    "`parley moran`.  The scenario's record, shock, profiles and seed are not used.\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley moran --game games/public-goods.yaml --players cooperator,defector --counts 1,9 --noise 0 --selection 0.5\n"
    "  parley moran --game games/public-goods.yaml --players ttft,defector --counts 10,10 --runs 20000 --selection 0.5\n";

/* "ttft:k=3,defector" into players: pieces apart by commas, the longest run of pieces that names a
 * strategy first (a strategy's parameters may hold commas). */
static int parse_nplayers(const char *text, pl_nplayer ***out, size_t *n)
{
    size_t len = strlen(text), cap = 8;
    char *buf = malloc(len + 1);
    pl_nplayer **v = malloc(cap * sizeof *v);
    *n = 0;
    if (!buf || !v) goto nomem;
    memcpy(buf, text, len + 1);
    for (char *p = buf; *p || p == buf;) {
        pl_error err, first;
        char *end = p + strlen(p);
        pl_nplayer *pl = NULL;
        int tried = 0;
        for (;;) { /* from the whole rest down to the first piece */
            char save = *end;
            *end = '\0';
            int rc = pl_nplayer_create(&pl, p, &err);
            *end = save;
            if (!rc) break;
            if (!tried++) first = err;
            char *c = end;
            while (c > p && c[-1] != ',') c--;
            if (c <= p) break;
            end = c - 1;
        }
        if (!pl) {
            size_t l = strcspn(p, ",");
            if (l == 0) cli_usage_error("moran", "--players: strategy %zu is empty (a comma at the start or two together)", *n + 1);
            else cli_usage_error("moran", "--players: strategy %zu ('%.*s'): %s", *n + 1, (int)l, p, first.msg);
            goto fail;
        }
        if (*n == cap) {
            pl_nplayer **w = realloc(v, 2 * cap * sizeof *w);
            if (!w) {
                pl_nplayer_free(pl);
                goto nomem;
            }
            v = w, cap *= 2;
        }
        v[(*n)++] = pl;
        if (!*end) break;
        p = end + 1;
        if (!*p) {
            cli_usage_error("moran", "--players: a strategy name after the last comma expected");
            goto fail;
        }
    }
    free(buf);
    *out = v;
    return 0;
nomem:
    fprintf(stderr, "parley moran: out of memory\n");
fail:
    for (size_t i = 0; v && i < *n; i++) pl_nplayer_free(v[i]);
    free(v);
    free(buf);
    *n = 0;
    return -1;
}

/* What an N-party population prints above the shared summary (cli_moran_writer): how it was made. */
typedef struct nparty_view {
    const pl_nmatch_config *mc;
    int parties;
    const char *game;
    const pl_scenario *scn; /* the game's file, with what --set changed */
} nparty_view;

static void nparty_header(void *ctx, const pl_moran *m, const pl_moran_config *cfg, int N)
{
    (void)m;
    const nparty_view *v = ctx;
    pl_scenario_print_overrides(stdout, v->scn); /* --set: as the summary of parley run opens */
    printf("N-party Moran process (%s), %d individuals in groups of %d (%s), selection w = %g%s, mutation %g;\n"
           "%d turns a group, noise %g, observation noise %g%s\n",
           cfg->mode == PL_MORAN_DB ? "death-birth" : "birth-death", N, v->parties, v->game, cfg->selection,
           cfg->fitness == PL_MORAN_FIT_EXP ? " (fitness exp(w x payoff))" : "", cfg->mutation, v->mc->turns,
           v->mc->noise, v->mc->obs_noise,
           v->mc->noise > 0 || v->mc->obs_noise > 0 ? " (each group's payoffs: the mean of its samples)" : "");
}

int cmd_moran_nparty(int argc, char **argv)
{
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    cfg.threads = cli_default_threads();
    const char *game_path = NULL, *players_text = NULL, *counts_text = NULL, *out_dir = NULL;
    int turns = 0, turns_given = 0, noise_given = 0, samples = 100, mode = 0, fitness = 0, as_json = 0, gens_given = 0;
    int n_args;
    double noise = 0;
    pl_nplayer **players = NULL;
    size_t n = 0;
    int *counts = NULL;
    pl_scenario *scn = NULL;
    pl_nscenario *ns = NULL;
    pl_moran *m = NULL;
    cli_out out = {0};
    pl_error err;
    cli_list sets = {0};
    const cli_flag flags[] = {
        {"game", 0, CLI_FLAG_TEXT, &game_path, "FILE.yaml", "the N-party game: a scenario file of kind nparty, or a shipped one\nby name from anywhere (games/public-goods.yaml)"},
        {"players", 'p', CLI_FLAG_TEXT, &players_text, "LIST", "the N-party strategies (types), comma-separated, as in a scenario's\n"
         "policies: ttft, \"ttft:k=3\", gttft, tft@majority, cooperator, defector, ..."},
        {"counts", 0, CLI_FLAG_TEXT, &counts_text, "C,...", "how many individuals of each type start (default 1 each; at least\n"
         "k in all, k + 1 with --mode db)"},
        {"turns", 't', CLI_FLAG_INT, &turns, "N", "turns a group plays (default: the file's periods)", 1, 1e8, &turns_given},
        {"noise", 0, CLI_FLAG_PROB, &noise, "p", "each action is flipped with probability p (default: the file's noise)", 0, 0,
         &noise_given},
        {"samples", 0, CLI_FLAG_INT, &samples, "K", "matches played per group when the game is noisy or a strategy random\n"
         "(default 100); a group's payoff is their mean", 1, 1e6},
        {"mode", 0, CLI_FLAG_CHOICE, &mode, "bd|db", "birth-death (default) or death-birth"},
        {"selection", 0, CLI_FLAG_REAL, &cfg.selection, "w", "fitness = 1 - w + w * payoff, 0 < w <= 1 (default 1)", 0, 1},
        {"fitness", 0, CLI_FLAG_CHOICE, &fitness, "linear|exp", "fitness from payoff: 1 - w + w * payoff (default) or exp(w * payoff)"},
        {"mutation", 0, CLI_FLAG_PROB, &cfg.mutation, "p", "an offspring becomes another of the types with probability p (default 0);\n"
         "then nothing fixes: one run of --generations is recorded instead"},
        {"runs", 'r', CLI_FLAG_COUNT, &cfg.runs, "R", "runs for the fixation estimate (default 1000)", 1, 1e12},
        {"generations", 0, CLI_FLAG_COUNT, &cfg.max_generations, "G", "a run that has not fixed after G generations stops (default\n"
         "10000000; with --mutation, the length of the recorded run, default 1000)", 1, 1e12, &gens_given},
        {"seed", 's', CLI_FLAG_SEED, &cfg.seed, "s", "random seed (default 0); same seed, same results, whatever --threads"},
        CLI_ROW_THREADS(&cfg.threads),
        {"out", 'o', CLI_FLAG_DIR, &out_dir, "DIR", "write fixation.csv, payoffs.csv (one of a type among k - 1 of another),\n"
         "shares.csv, results.json and report.html into DIR"},
        CLI_ROW_JSON(&as_json),
        CLI_ROW_SET(&sets, "The summary and results.json\n"
                           "record the changes (the game's file: --game)."),
        {"graph", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: the population is well mixed: groups are drawn from everyone"},
        {"reproduction-graph", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: the population is well mixed: groups are drawn from everyone"},
        {"mutation-rates", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: it takes one --mutation rate"},
        {"mutation-matrix", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: it takes one --mutation rate"},
        {"prob-end", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: a group plays --turns turns"},
        {"replicator", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: the replicator equation takes pairwise payoffs"},
        {"invasion", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: the invasion table takes pairwise payoffs"},
        {"grid-sizes", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: grids take two-party games"},
        {"grid-noise", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: grids take two-party games"},
        {"grid-game", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: grids take two-party games"},
        {"grid-mutation", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: grids take two-party games"},
        {"directed", 0, CLI_FLAG_REFUSE, NULL, NULL, "is refused with an N-party game: the population is well mixed: groups are drawn from everyone"},
        {0}};
    const cli_command cmd = {"moran", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) goto done;
    rc = EXIT_USAGE;
    if (n_args > 0) {
        cli_usage_error("moran", "unexpected argument '%s' (see --help)", argv[1]);
        goto done;
    }
    if (!(cfg.selection > 0)) {
        cli_usage_error("moran", "--selection: expected a number in (0, 1], got 0");
        goto done;
    }
    if (!players_text) {
        cli_usage_error("moran", "--players: expected the N-party strategies of the population, e.g. --players ttft,defector");
        goto done;
    }
    char game_file[4096]; /* a file, or a shipped game by name (games/public-goods.yaml) from anywhere */
    if ((rc = cli_scenario_find("moran", game_path, game_file, sizeof game_file))) goto done;
    rc = EXIT_USAGE;
    if (pl_scenario_open(&scn, game_file, &err) || pl_scenario_set(scn, sets.items, sets.n, &err) ||
        pl_nscenario_load(&ns, scn, &err)) {
        rc = cli_lib_error("moran", &err);
        goto done;
    }
    if (parse_nplayers(players_text, &players, &n)) goto done;
    if (!(counts = calloc(n, sizeof *counts))) {
        fprintf(stderr, "parley moran: out of memory\n");
        rc = EXIT_ENV;
        goto done;
    }
    if (counts_text) {
        if (cli_moran_counts(counts_text, n, counts)) goto done;
    } else {
        for (size_t i = 0; i < n; i++) counts[i] = 1;
    }
    cfg.mode = mode == 1 ? PL_MORAN_DB : PL_MORAN_BD;
    cfg.fitness = fitness == 1 ? PL_MORAN_FIT_EXP : PL_MORAN_FIT_LINEAR;
    int mutating = pl_moran_mutates(&cfg, n);
    if (mutating && !gens_given) cfg.max_generations = 1000;
    if (mutating && cfg.max_generations > 100000000) {
        cli_usage_error("moran", "--generations: with --mutation one run is recorded; expected at most 100000000, got %llu",
                        (unsigned long long)cfg.max_generations);
        goto done;
    }
    pl_nscenario_info info;
    int has_game = pl_nscenario_population_info(ns, &info);
    pl_nmatch_config mc;
    pl_nmatch_config_default(&mc);
    if (!has_game) {
        cli_usage_error("moran", "--game: %s has no game (expected a `game:` block or a `tournament:` with one)", game_path);
        goto done;
    }
    mc.turns = turns_given ? turns : info.periods;
    mc.noise = noise_given ? noise : info.noise;
    mc.obs_noise = info.obs_noise;
    mc.seed = cfg.seed;
    int k = pl_ngame_parties(info.game);
    if ((rc = cli_out_begin(&out, "moran", out_dir, "CSV, results.json, report.html", as_json ? "results.json" : NULL)))
        goto done;
    rc = EXIT_USAGE;
    double t0 = cli_seconds();
    if (pl_moran_create_nparty(&m, info.game, players, n, &mc, samples, cfg.threads, &err)) {
        rc = cli_lib_error("moran", &err);
        goto done;
    }
    double t1 = cli_seconds();
    nparty_view view = {.mc = &mc, .parties = k, .game = pl_ngame_name(info.game), .scn = scn};
    const cli_moran_writer wr = {.header = nparty_header, .ctx = &view, .made = "groups played"};
    pl_moran_meta meta = {.samples = samples, .counts = counts, .nmatch = &mc, .nparty_game = game_path, .parties = k,
                          .nparty_scenario = scn};
    rc = cli_moran_report(m, counts, &cfg, &meta, &out, t0, t1, &wr);
done:
    cli_out_abort(&out);
    free(counts);
    for (size_t i = 0; i < n; i++) pl_nplayer_free(players[i]);
    free(players);
    pl_moran_free(m);
    pl_nscenario_free(ns);
    pl_scenario_free(scn);
    return rc == EXIT_OK ? cli_finish("moran", rc) : rc;
}
