// SPDX-License-Identifier: MIT
/* cmd_match.c — `parley match A B`: one repeated game, shown turn by turn or as JSON. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"

static const char usage[] =
    "Usage: parley match A B [--turns N] [--game R,S,T,P] [--noise p] [--prob-end p] [--seed s] [--json]\n"
    "                      [--expected]\n"
    "\n"
    "Plays strategy A against strategy B and prints both action strings and scores.\n"
    "With --expected (two memory-one players: TFT, GTFT, WSLS, the zero-determinant players, ...)\n"
    "no match is played: the expected scores over every random draw (noise, their\n"
    "probabilities, the length) are computed exactly, as a Markov chain on the last turn.\n"
    "\n";
static const char after[] =
    "\n"
    "A and B are strategy names as 'parley strategies' lists them, with parameters\n"
    "(gtft:p=0.1, \"GTFT: 0.1\") and transformers, nested as you like: dual(tft),\n"
    "noisy(grudger, 0.1), flip(dual(tft)), joss_ann(tft, 0.1, 0.2) (see\n"
    "'parley strategies --help' and docs/strategies.md).\n"
    "\n"
    "Examples:\n"
    "  parley match tft defector --turns 10\n"
    "  parley match \"dual(tft)\" \"noisy(grudger, 0.1)\" --turns 20 --seed 3\n"
    "  parley match \"First by Davis: 10\" gtft:p=0.3 --noise 0.05 --seed 7 --json\n"
    "  parley match gtft zd_extort_2 --noise 0.05 --expected\n";

/* --expected: the expectation of the match, no match played. */
static int print_expected(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, int as_json)
{
    pl_error err;
    pl_match_expectation e;
    if (pl_match_expected(a, b, cfg, &e, &err)) {
        cli_usage_error("match", "--expected: %s", err.msg);
        return cli_exit_code(err.code);
    }
    if (as_json) {
        json_t *o = json_pack("{s:s,s:s,s:b,s:f,s:f,s:f,s:f,s:f}", "a", pl_strategy_label(a), "b", pl_strategy_label(b),
                              "expected", 1, "turns", e.turns, "a_score", e.score[0], "b_score", e.score[1],
                              "a_cooperations", e.cooperations[0], "b_cooperations", e.cooperations[1]);
        return cli_print_json_line("match", o);
    }
    printf("expected values over every random draw (noise %g), %.6g turns\n", cfg->noise, e.turns);
    printf("score  %s %.6f (%.4f a turn, cooperates %.1f%%)\n", pl_strategy_label(a), e.score[0],
           e.score[0] / e.turns, 100 * e.cooperations[0] / e.turns);
    printf("score  %s %.6f (%.4f a turn, cooperates %.1f%%)\n", pl_strategy_label(b), e.score[1],
           e.score[1] / e.turns, 100 * e.cooperations[1] / e.turns);
    return EXIT_OK;
}

int cmd_match(int argc, char **argv)
{
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cli_game game;
    cli_game_default(&game);
    int as_json = 0, turns_given = 0, expected = 0, n_args;
    const cli_flag flags[] = {
        {"turns", 't', CLI_FLAG_INT, &cfg.turns, "N", "number of turns (default 200); with --prob-end, the upper bound", 1, 1e8,
         &turns_given},
        CLI_ROW_GAME(&game),
        CLI_ROW_NOISE(&cfg.noise),
        {"prob-end", 0, CLI_FLAG_PROB, &cfg.prob_end, "p", "the match ends after each turn with probability p"},
        {"seed", 's', CLI_FLAG_SEED, &cfg.seed, "s", "random seed (default 0): the same seed gives the same match"},
        {"json", 0, CLI_FLAG_BOOL, &as_json, NULL, "{\"a\",\"b\",\"turns\",\"a_actions\",\"b_actions\",\"a_score\",\"b_score\"}"},
        {"expected", 0, CLI_FLAG_BOOL, &expected, NULL,
         "the expected scores of two memory-one players (exact, a Markov chain), not one match"},
        {0}};
    const cli_command cmd = {"match", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args != 2) return cli_usage_error("match", "expected two strategies A and B, got %d (see --help)", n_args);
    if (cfg.prob_end > 0 && !turns_given) cfg.turns = 0;
    cfg.game = &game.game;
    pl_error err;
    pl_strategy *a = NULL, *b = NULL;
    if (pl_strategy_create(&a, argv[1], &err)) {
        cli_usage_error("match", "A: %s", err.msg);
        return cli_exit_code(err.code);
    }
    if (pl_strategy_create(&b, argv[2], &err)) {
        pl_strategy_free(a);
        cli_usage_error("match", "B: %s", err.msg);
        return cli_exit_code(err.code);
    }
    if (expected) {
        rc = print_expected(a, b, &cfg, as_json);
        pl_strategy_free(a);
        pl_strategy_free(b);
        return rc;
    }
    pl_match_result *r;
    if (pl_match_play(a, b, &cfg, &r, &err)) {
        pl_strategy_free(a);
        pl_strategy_free(b);
        cli_error_sizes(&err, "--turns %d", cfg.turns);
        return cli_lib_error("match", &err);
    }
    int n = pl_match_result_turns(r);
    char *sa = malloc((size_t)n + 1), *sb = malloc((size_t)n + 1);
    if (!sa || !sb) {
        free(sa);
        free(sb);
        pl_match_result_free(r);
        pl_strategy_free(a);
        pl_strategy_free(b);
        fprintf(stderr, "parley match: out of memory for the actions of %d turns (the size set by --turns %d)\n", n,
                cfg.turns);
        return EXIT_ENV;
    }
    pl_match_result_actions(r, 0, sa);
    pl_match_result_actions(r, 1, sb);
    rc = EXIT_OK;
    if (as_json) {
        /* one json_pack: it fails whole (NULL) if any member cannot be made, so a starved
         * allocator gives an error, never an object with its action strings missing */
        json_t *o = json_pack("{s:s,s:s,s:i,s:s,s:s,s:f,s:f}", "a", pl_strategy_label(a), "b", pl_strategy_label(b),
                              "turns", n, "a_actions", sa, "b_actions", sb, "a_score", pl_match_result_score(r, 0),
                              "b_score", pl_match_result_score(r, 1));
        if (o)
            rc = cli_print_json_line("match", o);
        else {
            fprintf(stderr, "parley match: out of memory writing the JSON of %d turns (the size set by --turns %d)\n", n,
                    cfg.turns);
            rc = EXIT_ENV;
        }
    } else {
        const char *la = pl_strategy_label(a), *lb = pl_strategy_label(b);
        size_t w = strlen(la) > strlen(lb) ? strlen(la) : strlen(lb);
        printf("%d turns, %s\n", n, game.game.name);
        for (int off = 0; off < n; off += 60) {
            int len = n - off < 60 ? n - off : 60;
            printf("%*s  %.*s\n%*s  %.*s\n", (int)w, la, len, sa + off, (int)w, lb, len, sb + off);
            if (off + 60 < n) putchar('\n');
        }
        printf("\nscore  %s %g (%.3f a turn)   %s %g (%.3f a turn)\n", la, pl_match_result_score(r, 0),
               pl_match_result_score(r, 0) / n, lb, pl_match_result_score(r, 1), pl_match_result_score(r, 1) / n);
    }
    free(sa);
    free(sb);
    pl_match_result_free(r);
    pl_strategy_free(a);
    pl_strategy_free(b);
    return rc;
}
