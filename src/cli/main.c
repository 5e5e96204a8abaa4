// SPDX-License-Identifier: MIT
/* main.c — the `parley` command: finds the subcommand and hands over.
 * Every subcommand lives in its own cmd_*.c and is a thin layer over the library. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "parley/text.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    {"strategies", cmd_strategies, "list the strategies: ids, parameters, references (--json, --nparty)"},
    {"match", cmd_match, "play one repeated game between two strategies"},
    {"play", cmd_play, "play yourself: a repeated game against a strategy, or one party of a scenario"},
    {"tournament", cmd_tournament, "round robin of strategies, ranked, with CSV/JSON results"},
    {"moran", cmd_moran, "evolve a population: how often each strategy takes over (Moran process, fixation)"},
    {"ecology", cmd_ecology, "population shares over a tournament's payoffs, step by step (the reference's Ecosystem)"},
    {"fingerprint", cmd_fingerprint, "a strategy's Ashlock fingerprint: its score against tit for tat's random probes (heat map)"},
    {"scenarios", cmd_scenarios, "list the shipped scenarios, by the name 'parley run' takes from any directory"},
    {"run", cmd_run, "run a scenario file (agreements, N-party games, tournaments)"},
    {"fit", cmd_fit, "fit an agreement's behaviour (types, rationality, patience) to its dated record"},
    {"design", cmd_design, "search an agreement's sequencing designs for those that complete most often and enforce themselves"},
    {"sensitivity", cmd_sensitivity, "how the conclusions of a scenario move with its assumptions: tornado, break-even, Sobol"},
    {"check-transcripts", cmd_check_transcripts, "replay reference match transcripts and compare every action"},
    {"completion", cmd_completion, "print the bash or zsh completion script (make install installs both)"},
};

int cli_command_at(size_t i, const char **name, int (**fn)(int, char **))
{
    if (i >= sizeof commands / sizeof *commands) return 0;
    *name = commands[i].name;
    if (fn) *fn = commands[i].fn;
    return 1;
}

static void usage(FILE *out)
{
    fprintf(out,
            "parley %s — a fast engine for simulating reciprocity: repeated games such as the\n"
            "iterated prisoner's dilemma, and phased agreements of \"action for action\".\n"
            "\n"
            "Usage: parley COMMAND [ARGS...]\n"
            "       parley help COMMAND        what a command does, its flags and examples\n"
            "                                  (also: parley COMMAND --help)\n"
            "       parley --version\n"
            "\n"
            "Commands:\n",
            pl_version());
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-18s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "First steps:\n"
            "  parley strategies                          who can play (name them by id)\n"
            "  parley match tft defector --turns 10       tit for tat against always-defect\n"
            "  parley play tft                            you against tit for tat: type c or d\n"
            "  parley tournament --players tft,grudger,defector,cooperator --turns 200 --repetitions 10\n"
            "  parley tournament --players tft,gtft,wsls,grudger,defector --noise 0.05 --seed 1\n"
            "                                             the same with mistakes (noise)\n"
            "  parley scenarios                           the shipped scenarios, by name\n"
            "  parley run korea/six-party-2007 --out report/\n"
            "\n"
            "Strategies are named by id with parameters (gtft:p=0.1), by their Axelrod-Python\n"
            "name (\"First by Davis: 10\", \"GTFT: 0.1\") or class name (TitForTat).\n"
            "\n"
            "Documentation: start with %s/docs/tutorial.md\n"
            "(docs/ in the source); beside it strategies.md (every strategy), agreements.md (the\n"
            "agreement model), sensitivity.md (assumptions), population.md (Moran processes);\n"
            "and 'man parley'.\n"
            "\n"
            "Threads: every command that uses them runs on every core unless -j/--threads k\n"
            "says otherwise; the same seed gives the same results whatever k is, so more\n"
            "threads only make a run faster.\n"
            "\n"
            "Exit codes: 0 success, 1 a check failed, 2 bad usage or bad input, 3 the environment failed\n"
            "(out of memory, disk full, a write or a permission refused).\n",
            pl_data_dir_builtin());
}

static int find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(name, commands[i].name)) return (int)i;
    return -1;
}

/* An unknown command: the closest one if it is a typo of it, then the general usage. */
static int unknown_command(const char *name)
{
    size_t best = 0, best_d = (size_t)-1;
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        size_t d = pl_edit_distance(name, commands[i].name, 0);
        if (d < best_d) best_d = d, best = i;
    }
    if (best_d <= 2) fprintf(stderr, "parley: unknown command '%s'; did you mean '%s'?\n\n", name, commands[best].name);
    else fprintf(stderr, "parley: unknown command '%s'\n\n", name);
    usage(stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "help") && argc > 2) { /* parley help COMMAND: that command's --help */
        int i = find_command(argv[2]);
        if (i < 0) return unknown_command(argv[2]);
        char *help_argv[] = {argv[2], "--help", NULL};
        return cli_finish(commands[i].name, commands[i].fn(2, help_argv));
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return cli_finish(NULL, EXIT_OK);
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("parley %s (libparley %s)\n", PARLEY_VERSION, pl_version());
        return cli_finish(NULL, EXIT_OK);
    }
    /* the shells' completion scripts ask here; not a command a person types */
    if (!strcmp(argv[1], "__complete")) return cmd_complete(argc - 1, argv + 1);
    int i = find_command(argv[1]);
    /* every command's output is checked once it is done: a full disk or a closed stdout fails */
    if (i >= 0) return cli_finish(commands[i].name, commands[i].fn(argc - 1, argv + 1));
    return unknown_command(argv[1]);
}
