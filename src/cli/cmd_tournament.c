/* cmd_tournament.c — `parley tournament`: flags to a configuration, results to table and files. */
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/progress.h"
#include "parley/player_list.h"

static const char help[] =
    "Usage: parley tournament --players LIST [--turns N] [--repetitions R] [--noise p] [--prob-end p]\n"
    "                         [--game R,S,T,P] [--seed s] [--threads k] [--no-self-play] [--out DIR]\n"
    "\n"
    "Round robin: every pair of players (and each against a copy of itself, as in\n"
    "Axelrod-Python) plays R matches; players are ranked by their median normalised\n"
    "score (score per turn, averaged over opponents).\n"
    "\n"
    "  --players LIST   comma-separated strategy names, @FILE (one name a line), 'all' or\n"
    "                   'deterministic'; repeatable\n"
    "  --turns N        turns per match (default 200); with --prob-end, the upper bound\n"
    "  --repetitions R  matches per pair (default 10)\n"
    "  --noise p        each action is flipped with probability p (default 0)\n"
    "  --prob-end p     each match ends after each turn with probability p\n"
    "  --game R,S,T,P   prisoner's dilemma payoffs (default 3,0,5,1)\n"
    "  --seed s         random seed (default 0); same seed, same results, whatever --threads\n"
    "  --threads k      worker threads (default 1; 0 = every core)\n"
    "  --no-self-play   leave out each player's match against its own copy\n"
    "  --out DIR        write summary.csv, normalised_scores.csv, wins.csv, payoff_matrix.csv,\n"
    "                   results.json and report.html into DIR\n"
    "\n"
    "Examples:\n"
    "  parley tournament --players tft,grudger,defector,cooperator --turns 200 --repetitions 10\n"
    "  parley tournament --players all --repetitions 5 --threads 0 --out results/\n";

/* The library counts the matches (self-play or not) and reports them with every call, which
 * it makes one at a time: the bar starts at the first report, when the total is known. */
typedef struct tour_bar {
    cli_progress *bar;
    int started;
} tour_bar;

static void progress_cb(void *user, uint64_t done, uint64_t total)
{
    tour_bar *b = user;
    if (!b->started) b->started = 1, b->bar = cli_progress_start("tournament", total);
    cli_progress_update(b->bar, done);
}

int cmd_tournament(int argc, char **argv)
{
    static const struct option opts[] = {{"players", required_argument, 0, 'P'},  {"turns", required_argument, 0, 't'},
                                         {"repetitions", required_argument, 0, 'r'}, {"noise", required_argument, 0, 'n'},
                                         {"prob-end", required_argument, 0, 'p'}, {"game", required_argument, 0, 'g'},
                                         {"seed", required_argument, 0, 's'},     {"threads", required_argument, 0, 'T'},
                                         {"no-self-play", no_argument, 0, 'x'},   {"out", required_argument, 0, 'o'},
                                         {"help", no_argument, 0, 'h'},           {0}};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    pl_game game;
    pl_game_default(&game);
    const char *game_text = "3,0,5,1", *out_dir = NULL;
    pl_player_list players = {0};
    long v;
    int c, turns_given = 0, rc = EXIT_USAGE;
    pl_error err;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'P':
            if (pl_player_list_add(&players, optarg, &err)) {
                cli_usage_error("tournament", "--players: %s", err.msg);
                goto done;
            }
            break;
        case 't':
            if (cli_parse_int("tournament", "--turns", optarg, 1, 100000000, &v)) goto done;
            cfg.turns = (int)v;
            turns_given = 1;
            break;
        case 'r':
            if (cli_parse_int("tournament", "--repetitions", optarg, 1, 10000000, &v)) goto done;
            cfg.repetitions = (int)v;
            break;
        case 'n': if (cli_parse_prob("tournament", "--noise", optarg, &cfg.noise)) goto done; break;
        case 'p': if (cli_parse_prob("tournament", "--prob-end", optarg, &cfg.prob_end)) goto done; break;
        case 'g':
            if (cli_parse_game("tournament", "--game", optarg, &game)) goto done;
            game_text = optarg;
            break;
        case 's': if (cli_parse_seed("tournament", "--seed", optarg, &cfg.seed)) goto done; break;
        case 'T': if (cli_parse_threads("tournament", "--threads", optarg, &cfg.threads)) goto done; break;
        case 'x': cfg.self_play = 0; break;
        case 'o':
            if (!*optarg) {
                cli_usage_error("tournament", "--out: expected a directory name");
                goto done;
            }
            out_dir = optarg;
            break;
        case 'h': fputs(help, stdout); rc = EXIT_OK; goto done;
        default: fputs(help, stderr); goto done;
        }
    }
    if (optind < argc) {
        cli_usage_error("tournament", "unexpected argument '%s' (see --help)", argv[optind]);
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
    if (cfg.prob_end > 0 && !turns_given) cfg.turns = 0;
    cfg.game = &game;
    /* the results directory is checked and made before anything is computed, and filled as a set */
    cli_signals_install(); /* before the temporary exists, so no signal can leave it behind */
    pl_outdir *od = NULL;
    if (out_dir && pl_outdir_open(&od, out_dir, &err)) {
        rc = cli_lib_error("tournament", &err);
        goto done;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pl_tournament_result *res;
    tour_bar bar = {0};
    cfg.progress = progress_cb;
    cfg.progress_user = &bar;
    int run_rc = pl_tournament_run((const pl_strategy *const *)players.items, players.n, &cfg, &res, &err);
    cli_progress_finish(bar.bar);
    if (run_rc) {
        rc = cli_lib_error("tournament", &err);
        pl_outdir_abort(od);
        goto done;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    pl_tournament_print_table(res, stdout);
    fprintf(stderr, "%llu matches, %llu turns in %.3f s (%.3g turns/s, %d thread%s)\n",
            (unsigned long long)pl_tournament_result_matches(res), (unsigned long long)pl_tournament_result_turns(res),
            secs, secs > 0 ? (double)pl_tournament_result_turns(res) / secs : 0.0, cfg.threads, cfg.threads == 1 ? "" : "s");
    rc = EXIT_OK;
    if (od) {
        pl_tournament_meta meta = {.cfg = &cfg, .game_text = game_text};
        if (pl_tournament_write(res, &meta, pl_outdir_path(od), &err)) {
            pl_outdir_fix_error(od, &err);
            pl_outdir_abort(od);
            rc = cli_lib_error("tournament", &err);
        } else if (pl_outdir_commit(od, &err))
            rc = cli_lib_error("tournament", &err);
        else
            fprintf(stderr, "results written to %s/\n", out_dir);
    }
    pl_tournament_result_free(res);
done:
    pl_player_list_free(&players);
    return rc;
}
