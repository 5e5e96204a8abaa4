/* main.c — the `parley` command: finds the subcommand and hands over.
 * Every subcommand lives in its own cmd_*.c and is a thin layer over the library. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} commands[] = {
    {"strategies", cmd_strategies, "list the strategies (a table, or --json)"},
    {"match", cmd_match, "play one repeated game between two strategies"},
    {"tournament", cmd_tournament, "round robin of strategies, ranked, with CSV/JSON/HTML results"},
    {"run", cmd_run, "run a scenario file (agreements, N-party games, tournaments)"},
    {"check-transcripts", cmd_check_transcripts, "replay reference match transcripts and compare every action"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "parley %s — a fast engine for simulating reciprocity\n"
            "\n"
            "Usage: parley COMMAND [ARGS...]     parley COMMAND --help for each command\n"
            "\n"
            "Commands:\n",
            pl_version());
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-18s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Examples:\n"
            "  parley strategies                          what can play\n"
            "  parley match tft defector --turns 10       tit for tat against always-defect\n"
            "  parley tournament --players tft,grudger,defector,cooperator --turns 200 --repetitions 10\n"
            "  parley run scenarios/korea/six-party-2007.yaml --out report/\n"
            "\n"
            "Exit codes: 0 success, 1 a check failed, 2 bad usage or bad input.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("parley %s\n", pl_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "parley: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
