// SPDX-License-Identifier: MIT
/* cmd_tournament.c — `parley tournament`: flags to a configuration, results to table and files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/progress.h"
#include "parley/player_list.h"

static const char usage[] =
    "Usage: parley tournament --players LIST [--turns N] [--repetitions R] [--noise p] [--prob-end p]\n"
    "                         [--game R,S,T,P] [--seed s] [--threads k] [--no-self-play] [--no-batched]\n"
    "                         [--edges LIST] [--out DIR [--interactions NAME]] [--json]\n"
    "\n"
    "Round robin: every pair of players (and each against a copy of itself, as in\n"
    "Axelrod-Python) plays R matches; players are ranked by their median normalised\n"
    "score (score per turn, averaged over opponents).  With --edges only the listed\n"
    "pairs play (a spatial tournament, as Axelrod-Python's Tournament(edges=...)).\n"
    "\n"
    "Pairs of memory-one players or automata that draw play 64 repetitions at once\n"
    "(batched, the default since 2026-12-04): each match has the chances it has when\n"
    "played alone, from other draws.  --no-batched plays every pair match by match\n"
    "with the draws of earlier versions, to reproduce their results.\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley tournament --players tft,grudger,defector,cooperator --turns 200 --repetitions 10\n"
    "  parley tournament --players all --repetitions 5 --threads 0 --out results/\n"
    "  parley tournament -p tft,wsls,defector -t 100 -r 5 -j 0 -o results/\n"
    "  parley tournament -p tft,wsls,defector,cooperator --edges 0-1,1-2,2-3,3-0\n"
    "  parley tournament -p tft,grudger,random --noise 0.05 -o results/ --interactions interactions.csv.gz\n";

/* The results' own files: an interactions file may not take one of their names. */
static const char *const set_names[] = {"summary.csv", "normalised_scores.csv", "wins.csv", "payoff_matrix.csv",
                                        "results.json", "report.html"};

/* --interactions NAME: a plain file name inside --out DIR, not one of the set's.  0, or
 * EXIT_USAGE after a message naming the flag and what was expected. */
static int check_interactions(const char *name, const char *out_dir)
{
    if (!out_dir) {
        cli_usage_error("tournament", "--interactions: needs --out DIR (NAME is a file name inside DIR, written "
                        "with the other results)");
        return EXIT_USAGE;
    }
    if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
        cli_usage_error("tournament", "--interactions: '%s' is not a file name: expected a name without '/' (the "
                        "file goes inside --out DIR), as interactions.csv.gz", name);
        return EXIT_USAGE;
    }
    for (size_t k = 0; k < sizeof set_names / sizeof *set_names; k++)
        if (!strcmp(name, set_names[k])) {
            cli_usage_error("tournament", "--interactions: '%s' is one of the results' own files; choose another "
                            "name, as interactions.csv.gz", name);
            return EXIT_USAGE;
        }
    return 0;
}

/* --edges "0-1,1-2,...": pairs of player indices (counted from 0, in the order of --players).
 * *out gets 2 x *n indices (the caller frees it).  0, or EXIT_USAGE after a message naming the
 * flag, the position in its value and what was expected. */
static int parse_edges(const char *text, size_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    const char *p = text;
    for (;;) {
        size_t v[2];
        for (int s = 0; s < 2; s++) {
            const char *start = p;
            if (*p < '0' || *p > '9') {
                cli_usage_error("tournament", "--edges: at character %zu of '%s': expected a player index (0, 1, ...)",
                                (size_t)(start - text) + 1, text);
                goto bad;
            }
            errno = 0;
            char *end;
            unsigned long long x = strtoull(p, &end, 10);
            if (errno || x > PL_TOURNAMENT_MAX_PLAYERS) {
                cli_usage_error("tournament", "--edges: at character %zu of '%s': player index too large",
                                (size_t)(start - text) + 1, text);
                goto bad;
            }
            v[s] = (size_t)x;
            p = end;
            if (s == 0) {
                if (*p != '-') {
                    cli_usage_error("tournament", "--edges: at character %zu of '%s': expected '-' between two players "
                                    "(as 0-1)", (size_t)(p - text) + 1, text);
                    goto bad;
                }
                p++;
            }
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            size_t *grown = realloc(*out, 2 * cap * sizeof *grown);
            if (!grown) { /* the machine, not the input: exit 3 as every out-of-memory */
                fprintf(stderr, "parley tournament: out of memory for the %zu pairs of --edges\n", *n + 1);
                free(*out);
                *out = NULL;
                return EXIT_ENV;
            }
            *out = grown;
        }
        (*out)[2 * *n] = v[0];
        (*out)[2 * *n + 1] = v[1];
        ++*n;
        if (*p == '\0') return 0;
        if (*p != ',') {
            cli_usage_error("tournament", "--edges: at character %zu of '%s': expected ',' before the next pair",
                            (size_t)(p - text) + 1, text);
            goto bad;
        }
        p++;
    }
bad:
    free(*out);
    *out = NULL;
    return EXIT_USAGE;
}

int cmd_tournament(int argc, char **argv)
{
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.threads = cli_default_threads();
    cli_game game;
    cli_game_default(&game);
    const char *out_dir = NULL, *edges_text = NULL, *interactions = NULL;
    char *interactions_path = NULL;
    size_t *edges = NULL;
    pl_player_list players = {0};
    int turns_given = 0, self_play_off = 0, batched_off = 0, batched_on = 0, as_json = 0, n_args;
    pl_error err;
    const cli_flag flags[] = {
        {"players", 'p', CLI_FLAG_PLAYERS, &players, "LIST", "comma-separated strategy names, @FILE (one name a line; @- reads\n"
         "standard input), 'all', 'deterministic' or 'short' (the reference's\n"
         "short_run_time_strategies: all but DBS, the slow Meta players and\n"
         "Darwin); repeatable"},
        {"turns", 't', CLI_FLAG_INT, &cfg.turns, "N", "turns per match (default 200); with --prob-end, the upper bound", 1, 1e8,
         &turns_given},
        {"repetitions", 'r', CLI_FLAG_INT, &cfg.repetitions, "R", "matches per pair (default 10)", 1, 1e7},
        CLI_ROW_NOISE(&cfg.noise),
        {"prob-end", 0, CLI_FLAG_PROB, &cfg.prob_end, "p", "each match ends after each turn with probability p"},
        CLI_ROW_GAME(&game),
        {"seed", 's', CLI_FLAG_SEED, &cfg.seed, "s", "random seed (default 0); same seed, same results, whatever --threads"},
        CLI_ROW_THREADS(&cfg.threads),
        {"no-self-play", 0, CLI_FLAG_BOOL, &self_play_off, NULL, "leave out each player's match against its own copy"},
        {"edges", 0, CLI_FLAG_TEXT, &edges_text, "LIST", "play only these pairs: player indices from 0 in --players order,\n"
         "as 0-1,1-2,2-0 (a pair i-i is a player against its copy); no other self-play"},
        {"no-batched", 0, CLI_FLAG_BOOL, &batched_off, NULL,
         "play every pair match by match, with the draws of parley before\n"
         "2026-12-04 (their results reproduced; slower).  By default pairs of\n"
         "memory-one players or automata (machines, lookup tables, cycles) that draw\n"
         "play 64 repetitions at once: the same chances, other draws"},
        {"batched", 0, CLI_FLAG_BOOL, &batched_on, NULL, "the default (batched repetitions, as above); kept for older scripts"},
        {"out", 'o', CLI_FLAG_DIR, &out_dir, "DIR", "write summary.csv, normalised_scores.csv, wins.csv, payoff_matrix.csv,\n"
         "results.json and report.html into DIR"},
        {"interactions", 0, CLI_FLAG_TEXT, &interactions, "NAME", "also write every match into DIR/NAME: NAME is a file\n"
         "name inside --out DIR (needs --out), written with the set; gzip CSV\n"
         "i,j,repetition,actions_i,actions_j,score_i,score_j"},
        CLI_ROW_JSON(&as_json),
        {0}};
    const cli_command cmd = {"tournament", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) goto done;
    rc = EXIT_USAGE;
    if (self_play_off) cfg.self_play = 0;
    if (batched_off && batched_on) {
        cli_usage_error("tournament", "--batched and --no-batched: choose one (--batched is the default)");
        goto done;
    }
    if (batched_off) cfg.batched = 0;
    if (n_args > 0) {
        cli_usage_error("tournament", "unexpected argument '%s' (see --help)", argv[1]);
        goto done;
    }
    if (players.n < 2) {
        cli_usage_error("tournament", "--players: a tournament needs at least two players, got %zu", players.n);
        goto done;
    }
    if (players.n > PL_TOURNAMENT_MAX_PLAYERS) { /* refused now, not after hours of play */
        cli_usage_error("tournament",
                        "--players: %zu players are more than a tournament takes (at most %d: the results hold a "
                        "payoff for every pair of players)",
                        players.n, PL_TOURNAMENT_MAX_PLAYERS);
        goto done;
    }
    if (edges_text) {
        if ((rc = parse_edges(edges_text, &edges, &cfg.n_edges))) goto done;
        rc = EXIT_USAGE;
        for (size_t k = 0; k < 2 * cfg.n_edges; k++)
            if (edges[k] >= players.n) {
                cli_usage_error("tournament", "--edges: pair %zu names player %zu, but --players lists %zu (0 to %zu)",
                                k / 2 + 1, edges[k], players.n, players.n - 1);
                goto done;
            }
        cfg.edges = edges;
    }
    if (interactions && (rc = check_interactions(interactions, out_dir))) goto done;
    rc = EXIT_USAGE;
    if (cfg.prob_end > 0 && !turns_given) cfg.turns = 0;
    cfg.game = &game.game;
    /* the results directory is checked and made before anything is computed, and filled as a set */
    cli_out out;
    char files[320];
    snprintf(files, sizeof files, "CSV, results.json, report.html%s%.256s", interactions ? ", " : "",
             interactions ? interactions : "");
    if ((rc = cli_out_begin(&out, "tournament", out_dir, files, as_json ? "results.json" : NULL))) goto done;
    if (interactions) { /* into the set's temporary: committed with the others, or never */
        size_t len = strlen(cli_out_path(&out)) + strlen(interactions) + 2;
        if (!(interactions_path = malloc(len))) {
            pl_error_set(&err, PL_ENOMEM, "out of memory");
            rc = cli_out_end(&out, PL_ENOMEM, &err);
            goto done;
        }
        snprintf(interactions_path, len, "%s/%s", cli_out_path(&out), interactions);
        cfg.interactions = interactions_path;
    }
    double t0 = cli_seconds();
    pl_tournament_result *res = NULL;
    /* the library counts the matches (self-play or not) and reports them with every call: the bar
     * starts at the first report, when the total is known */
    cli_phases bar;
    cli_phases_init(&bar, "tournament", NULL);
    cfg.progress = cli_phases_progress;
    cfg.progress_user = &bar;
    int run_rc = pl_tournament_run((const pl_strategy *const *)players.items, players.n, &cfg, &res, &err);
    cli_phases_finish(&bar);
    if (!run_rc) {
        double secs = cli_seconds() - t0;
        pl_tournament_print_table(res, stdout);
        /* The turns of the results, then how many of them were simulated and the rate of those:
         * a pair whose match drew nothing is played once and repeated, a deterministic pair of
         * automata is copied from its cycle once it enters one, and a rate over the repeated turns
         * too once claimed 2e14 turns a second.  The line says which it counts. */
        unsigned long long turns = pl_tournament_result_turns(res), sim = pl_tournament_result_turns_computed(res);
        unsigned long long copied = pl_tournament_result_turns_copied(res);
        double rate = secs > 0 ? (double)sim / secs : 0.0;
        char simulated[224];
        int len;
        if (sim < turns) len = snprintf(simulated, sizeof simulated, "%llu of them simulated, at %.3g simulated turns/s", sim, rate);
        else len = snprintf(simulated, sizeof simulated, "every turn simulated, at %.3g simulated turns/s", rate);
        if (copied && len > 0 && (size_t)len < sizeof simulated)
            len += snprintf(simulated + len, sizeof simulated - (size_t)len,
                            "; %llu copied from the cycles of deterministic matches", copied);
        if (sim + copied < turns && len > 0 && (size_t)len < sizeof simulated)
            snprintf(simulated + len, sizeof simulated - (size_t)len, "; the others repeat deterministic matches");
        fprintf(stderr, "%llu matches, %llu turns in %.3f s (%s; %d thread%s)\n",
                (unsigned long long)pl_tournament_result_matches(res), turns, secs, simulated, cfg.threads,
                cfg.threads == 1 ? "" : "s");
        pl_tournament_meta meta = {.cfg = &cfg, .game_text = game.text};
        if (cli_out_path(&out)) run_rc = pl_tournament_write(res, &meta, cli_out_path(&out), &err);
    }
    cli_error_sizes(&err, "--players %zu, --repetitions %d and --threads %d", players.n, cfg.repetitions, cfg.threads);
    rc = cli_out_end(&out, run_rc, &err);
    pl_tournament_result_free(res);
done:
    free(interactions_path);
    free(edges);
    pl_player_list_free(&players);
    return rc;
}
