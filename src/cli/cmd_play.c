// SPDX-License-Identifier: MIT
/* cmd_play.c — `parley play OPPONENT`: a person plays party A of a repeated game.
 *
 * The person's moves go through the library's match stepper, the same turn as
 * every other match, so what they play here is what `parley match` would give
 * for a strategy that chose the same.  This file only reads lines, draws the
 * board and the summary.  Input is line-based (c, d, ?, h, q) so that a script
 * can drive it as well as a person; when standard input is not a terminal the
 * line read is echoed after the prompt so that a transcript reads naturally. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/play_input.h"

static const char usage[] =
    "Usage: parley play OPPONENT [--turns N] [--game R,S,T,P] [--noise p] [--prob-end p]\n"
    "                   [--seed s] [--hide-length]\n"
    "       parley play SCENARIO.yaml --as PARTY [--profile NAME | --variant NAME] [--seed s] [--set P=V]...\n"
    "                   (one party of a scenario: 'parley play SCENARIO.yaml --help')\n"
    "\n"
    "Play one party of a repeated prisoner's dilemma yourself, against one of parley's\n"
    "strategies.  Each turn you see the recent history and the scores, and type your\n"
    "move; at the end a summary says who scored more and what your opponent was.\n"
    "\n"
    "  OPPONENT  a strategy id or Axelrod name (see 'parley strategies'), with\n"
    "            parameters as id:key=value, e.g. gtft:p=0.3\n";
static const char after[] =
    "\n"
    "Each turn type:  c or cooperate,  d or defect,  h for the whole history,\n"
    "                 ? for help,  q to quit (end of input also ends the game).\n"
    "\n"
    "Examples:\n"
    "  parley play tft\n"
    "  parley play grudger --turns 20 --hide-length\n"
    "  parley play gtft:p=0.3 --noise 0.05 --seed 7\n"
    "  printf 'c\\nd\\nc\\n' | parley play tft --turns 3     (scripted)\n"
    "\n"
    "One party of a scenario (the argument is a .yaml or .yml file):\n"
    "  --as PARTY       the party you play (without it the parties are listed)\n"
    "  --profile NAME   N-party games: the others' policy profile (default: the first)\n"
    "  --variant NAME   agreements: the sequencing (default: the first)\n"
    "  --reference POL  agreements: the policy you are compared with (default reciprocal)\n"
    "  --seed s         random seed (default: the scenario's)\n"
    "  --set P=V        change one value of the scenario (repeatable), as parley run --set\n"
    "  parley play korea/drills-and-launches --as DPRK\n"
    "  parley play korea/six-party-2007 --as US\n"
    "'parley play SCENARIO.yaml --help' says what to type each period.\n";

#define WINDOW 30 /* turns of history shown each turn */

typedef struct play_ui {
    pl_match_stepper *st;
    const char *them;  /* the opponent's name, or its label when its parameters are set */
    int name_w;        /* width of the name column */
    int color;
    int hide_length;
    double prob_end;
} play_ui;

/* One action as a letter: upper case as chosen, lower case when noise flipped it;
 * green C and red D on a colour terminal. */
static void put_action(const play_ui *ui, int party, int t)
{
    int a = pl_match_stepper_action(ui->st, party, t);
    int flipped = pl_match_stepper_flipped(ui->st, party, t);
    char ch = a ? 'D' : 'C';
    if (flipped) ch = (char)tolower(ch);
    if (ui->color) printf("\033[%sm%c\033[0m", a ? "1;31" : "1;32", ch);
    else putchar(ch);
}

static void put_row(const play_ui *ui, int party, int from, int to)
{
    printf("  %-*s  %s", ui->name_w, party ? ui->them : "you", from > 0 ? "..." : "");
    for (int t = from; t < to; t++) put_action(ui, party, t);
    putchar('\n');
}

static void put_turn_label(const play_ui *ui, int t)
{
    if (ui->hide_length || !pl_match_stepper_length_known(ui->st)) printf("Turn %d", t + 1);
    else printf("Turn %d of %d", t + 1, pl_match_stepper_length(ui->st));
}

static void show_board(const play_ui *ui)
{
    int t = pl_match_stepper_turn(ui->st);
    putchar('\n');
    put_turn_label(ui, t);
    printf("    score: you %g, %s %g\n", pl_match_stepper_score(ui->st, 0), ui->them, pl_match_stepper_score(ui->st, 1));
    if (t > 0) {
        int from = t > WINDOW ? t - WINDOW : 0;
        put_row(ui, 0, from, t);
        put_row(ui, 1, from, t);
    }
}

static void show_history(const play_ui *ui)
{
    int n = pl_match_stepper_turn(ui->st);
    if (n == 0) {
        printf("  no turn played yet\n");
        return;
    }
    for (int from = 0; from < n; from += 50) {
        int to = from + 50 < n ? from + 50 : n;
        printf("  turns %d-%d\n", from + 1, to);
        for (int party = 0; party < 2; party++) {
            printf("  %-*s  ", ui->name_w, party ? ui->them : "you");
            for (int t = from; t < to; t++) put_action(ui, party, t);
            putchar('\n');
        }
    }
    printf("  score: you %g, %s %g\n", pl_match_stepper_score(ui->st, 0), ui->them, pl_match_stepper_score(ui->st, 1));
}

static void show_payoffs(const play_ui *ui)
{
    double R, S, T, P;
    pl_game_rstp(pl_match_stepper_game(ui->st), &R, &S, &T, &P);
    char cell[4][48];
    snprintf(cell[0], sizeof cell[0], "%g, %g", R, R);
    snprintf(cell[1], sizeof cell[1], "%g, %g", S, T);
    snprintf(cell[2], sizeof cell[2], "%g, %g", T, S);
    snprintf(cell[3], sizeof cell[3], "%g, %g", P, P);
    printf("  points (you, them)  they C    they D\n"
           "             you C    %-8s  %s\n"
           "             you D    %-8s  %s\n",
           cell[0], cell[1], cell[2], cell[3]);
}

static void show_help(const play_ui *ui)
{
    printf("  c, cooperate   cooperate this turn\n"
           "  d, defect      defect this turn\n"
           "  h, history     the whole history so far\n"
           "  q, quit        end the game now (the summary is still shown)\n"
           "  ?, help        this help\n"
           "Both of you choose at once; neither sees the other's move before choosing.\n");
    show_payoffs(ui);
    if (ui->prob_end > 0)
        printf("After each turn the game ends with probability %g.\n", ui->prob_end);
}

/* ? and h, for the shared prompt loop (play_input.h). */
static void help_cb(void *user) { show_help(user); }
static void history_cb(void *user) { show_history(user); }

static const char *action_word(int a) { return a ? "D" : "C"; }

static void show_outcome(const play_ui *ui, int chosen)
{
    int t = pl_match_stepper_turn(ui->st) - 1;
    int x = pl_match_stepper_action(ui->st, 0, t), y = pl_match_stepper_action(ui->st, 1, t);
    const pl_game *g = pl_match_stepper_game(ui->st);
    printf("  you %s, %s %s: you +%g, %s +%g\n", action_word(x), ui->them, action_word(y), g->payoff[x][y][0],
           ui->them, g->payoff[x][y][1]);
    if (pl_match_stepper_flipped(ui->st, 0, t))
        printf("  noise: you chose %s but it came out %s\n", action_word(chosen), action_word(x));
    if (pl_match_stepper_flipped(ui->st, 1, t))
        printf("  noise: %s chose %s but it came out %s\n", ui->them, action_word(!y), action_word(y));
}

/* The score a fixed rule would have got against the same opponent, seed and noise. */
static int counterfactual(const char *spec, const pl_strategy *opp, const pl_match_config *cfg, double *score)
{
    pl_strategy *s;
    pl_match_result *r;
    if (pl_strategy_create(&s, spec, NULL)) return -1;
    int rc = pl_match_play(s, opp, cfg, &r, NULL);
    if (!rc) {
        *score = pl_match_result_score(r, 0);
        pl_match_result_free(r);
    }
    pl_strategy_free(s);
    return rc;
}

static void show_summary(const play_ui *ui, const pl_match_config *cfg, const char *how_it_ended)
{
    pl_match_stepper *st = ui->st;
    int n = pl_match_stepper_turn(st);
    printf("\n%s\n", how_it_ended);
    if (n > 0) {
        printf("\n  %-*s  %8s  %8s  %s\n", ui->name_w, "", "total", "per turn", "cooperated");
        for (int party = 0; party < 2; party++) {
            int coop = pl_match_stepper_cooperations(st, party);
            double sc = pl_match_stepper_score(st, party);
            printf("  %-*s  %8g  %8.2f  %d of %d (%.0f%%)\n", ui->name_w, party ? ui->them : "you", sc, sc / n, coop,
                   n, 100.0 * coop / n);
        }
        double a = pl_match_stepper_score(st, 0), b = pl_match_stepper_score(st, 1);
        putchar('\n');
        if (a > b) printf("You won, %g to %g.\n", a, b);
        else if (b > a) printf("%s won, %g to %g.\n", ui->them, b, a);
        else printf("A draw, %g each.\n", a);
        printf("\nThe whole game:\n");
        show_history(ui);
        if (pl_match_stepper_done(st)) {
            double coop, def, tft;
            const pl_strategy *opp = pl_match_stepper_opponent(st);
            if (!counterfactual("cooperator", opp, cfg, &coop) && !counterfactual("defector", opp, cfg, &def) &&
                !counterfactual("tft", opp, cfg, &tft))
                printf("\nAgainst the same opponent%s, always cooperating would have scored %g,\n"
                       "always defecting %g, and tit for tat %g (you scored %g).\n",
                       cfg->noise > 0 || pl_strategy_is_stochastic(opp) ? " and the same random draws" : "", coop,
                       def, tft, a);
        }
    }
    const pl_strategy *opp = pl_match_stepper_opponent(st);
    const pl_strategy_info *in = pl_strategy_get_info(opp);
    char depth[32];
    if (in->memory_depth < 0) snprintf(depth, sizeof depth, "looks at the whole history");
    else if (in->memory_depth == 0) snprintf(depth, sizeof depth, "ignores the history");
    else snprintf(depth, sizeof depth, "looks %d turn%s back", in->memory_depth, in->memory_depth == 1 ? "" : "s");
    int defaults = pl_strategy_is_default(opp);
    if (!defaults) printf("\nYour opponent was %s (%s", in->name, pl_strategy_label(opp));
    else printf("\nYour opponent was %s (id %s", in->name, in->id);
    if (defaults && in->axelrod_name && strcmp(in->axelrod_name, in->name))
        printf(", \"%s\" in Axelrod-Python", in->axelrod_name);
    printf("): %s, %s.\n", pl_strategy_is_stochastic(opp) ? "random in part" : "deterministic", depth);
    if (in->reference) printf("  %s\n", in->reference);
    if (cfg->noise > 0 || cfg->prob_end > 0 || pl_strategy_is_stochastic(opp))
        printf("Seed %llu: add --seed %llu to replay the same random draws.\n", (unsigned long long)cfg->seed,
               (unsigned long long)cfg->seed);
}

int cmd_play(int argc, char **argv)
{
    /* A scenario is recognised by its file name (a strategy's name never ends in .yaml); the
     * flags that only scenarios take say so too. */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) break;
        if ((argv[i][0] != '-' && cli_is_scenario_path(argv[i])) || !strcmp(argv[i], "--as") || !strncmp(argv[i], "--as=", 5) ||
            !strcmp(argv[i], "--profile") || !strcmp(argv[i], "--variant") || !strncmp(argv[i], "--profile=", 10) ||
            !strncmp(argv[i], "--variant=", 10) || !strcmp(argv[i], "--reference") || !strcmp(argv[i], "--set") ||
            !strncmp(argv[i], "--set=", 6))
            return cmd_play_scenario(argc, argv);
    }
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 10;
    cli_game game;
    cli_game_default(&game);
    int turns_given = 0, seed_given = 0, hide_length = 0, n_args;
    const cli_flag flags[] = {
        {"turns", 't', CLI_FLAG_INT, &cfg.turns, "N", "number of turns (default 10); with --prob-end, the upper bound", 1, 1e6,
         &turns_given},
        CLI_ROW_GAME(&game),
        {"noise", 0, CLI_FLAG_PROB, &cfg.noise, "p", "each action (yours too) is flipped with probability p (default 0)"},
        {"prob-end", 0, CLI_FLAG_PROB, &cfg.prob_end, "p", "the game ends after each turn with probability p (length unknown)"},
        {"seed", 's', CLI_FLAG_SEED, &cfg.seed, "s", "random seed for noise and random opponents (default: a fresh one,\n"
         "shown at the end so that a game can be replayed)", .given = &seed_given},
        {"hide-length", 0, CLI_FLAG_BOOL, &hide_length, NULL, "do not show how many turns the game lasts (the opponent, as in\n"
         "'parley match', is still told; use --prob-end to hide it from both)"},
        {0}};
    const cli_command cmd = {"play", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args != 1) return cli_usage_error("play", "expected one OPPONENT strategy, got %d (see --help)", n_args);
    if (cfg.prob_end > 0 && !turns_given) cfg.turns = 0;
    cfg.game = &game.game;
    if (!seed_given) { /* a fresh game each time, with a seed short enough to type back */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        cfg.seed = ((uint64_t)ts.tv_sec * 1000003u ^ (uint64_t)ts.tv_nsec ^ (uint64_t)getpid() << 32) % 1000000;
    }
    pl_error err;
    pl_strategy *opp;
    if (pl_strategy_create(&opp, argv[1], &err)) {
        cli_usage_error("play", "OPPONENT: %s", err.msg);
        return cli_exit_code(err.code);
    }
    /* The display name reads best ("Generous Tit For Tat"); with parameters set, the
     * label says which ("gtft:p=0.3"). */
    play_ui ui = {.them = pl_strategy_is_default(opp) ? pl_strategy_get_info(opp)->name : pl_strategy_label(opp),
                  .color = cli_use_color(stdout),
                  .hide_length = hide_length,
                  .prob_end = cfg.prob_end};
    if (pl_match_stepper_create(&ui.st, opp, &cfg, &err)) {
        pl_strategy_free(opp);
        return cli_lib_error("play", &err);
    }
    ui.name_w = (int)strlen(ui.them) > 3 ? (int)strlen(ui.them) : 3;

    printf("You are playing against %s: ", ui.them);
    if (cfg.prob_end > 0) printf("a game that ends after each turn with probability %g", cfg.prob_end);
    else if (hide_length) printf("a game of unannounced length");
    else printf("%d turns", cfg.turns);
    printf(" (%s%s).\n", game.game.name, cfg.noise > 0 ? "" : ", no noise");
    if (cfg.noise > 0)
        printf("Noise: each action, yours too, is flipped with probability %g; a flipped action shows\n"
               "in lower case in the history.\n",
               cfg.noise);
    printf("Each turn, both of you choose at once: c to cooperate, d to defect.\n");
    show_payoffs(&ui);
    printf("Type ? for help, h for the whole history, q to quit.\n");

    const char *ended = NULL;
    char buf_end[160];
    in_line in;
    cli_line_init(&in);
    const cli_play_loop loop = {&in, "your move (c/d, ? for help): ",
                                "type c to cooperate or d to defect (? for help, q to quit)", "turn", help_cb, history_cb,
                                &ui};
    int need_board = 1;
    while (!pl_match_stepper_done(ui.st)) {
        if (need_board) show_board(&ui);
        need_board = 0;
        char *line;
        int what = cli_play_next(&loop, pl_match_stepper_turn(ui.st), &line, buf_end, sizeof buf_end);
        if (what == CLI_PLAY_STOP) {
            ended = buf_end;
            break;
        }
        if (what == CLI_PLAY_AGAIN) continue;
        int mine = cli_is_word(line, "c", "cooperate") ? PL_C : cli_is_word(line, "d", "defect") ? PL_D : -1;
        if (mine < 0) {
            printf("  '%.40s' is not a move: type c to cooperate or d to defect (? for help, q to quit)\n", line);
            continue;
        }
        if (pl_match_stepper_step(ui.st, mine, NULL, &err)) {
            fprintf(stderr, "parley play: %s\n", err.msg);
            break;
        }
        show_outcome(&ui, mine);
        need_board = 1;
    }
    cli_line_free(&in);
    if (!ended) {
        snprintf(buf_end, sizeof buf_end, "Game over after %d turn%s.", pl_match_stepper_turn(ui.st),
                 pl_match_stepper_turn(ui.st) == 1 ? "" : "s");
        ended = buf_end;
    }
    show_summary(&ui, &cfg, ended);
    pl_match_stepper_free(ui.st);
    pl_strategy_free(opp);
    return EXIT_OK;
}
