// SPDX-License-Identifier: MIT
/* test_cli_flags.c — the command's one flag parser (src/cli/cli_flags.c): every way of writing a
 * flag reaches the same variable, arguments keep their order around the flags, a typo gets the
 * closest name, a bad value or a missing one is an error (exit 2) and changes nothing after it,
 * and --help prints the table's rows with their short forms; with cli_flags_dump set, the table
 * is printed for shell completion instead of parsed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_flags.h"

/* The variables one test command fills. */
typedef struct vars {
    int turns, turns_given, threads, json, mode;
    uint64_t runs, seed;
    double noise;
    const char *out;
    cli_list sets;
    cli_game game;
} vars;

static const char usage[] = "Usage: parley demo [flags] ARG...\n\n";
static const char after[] = "\nExamples:\n  parley demo x\n";

/* Parses the words of line (split at spaces) with the demo table; returns what cli_flags_parse
 * returns, the arguments left in args (joined by '|'). */
static int parse(const char *line, vars *v, char *args, size_t size)
{
    memset(v, 0, sizeof *v);
    v->turns = 200, v->threads = 1;
    cli_game_default(&v->game);
    const cli_flag flags[] = {
        {"turns", 't', CLI_FLAG_INT, &v->turns, "N", "turns per match", 1, 1000, &v->turns_given},
        {"threads", 'j', CLI_FLAG_THREADS, &v->threads, "k", "worker threads\nsecond line"},
        {"runs", 'r', CLI_FLAG_COUNT, &v->runs, "N", "runs", 1, 1e12},
        {"seed", 's', CLI_FLAG_SEED, &v->seed, "s", "seed"},
        {"noise", 0, CLI_FLAG_PROB, &v->noise, "p", "noise"},
        {"out", 'o', CLI_FLAG_DIR, &v->out, "DIR", "results"},
        {"set", 0, CLI_FLAG_LIST, &v->sets, "P=V", "a change"},
        {"game", 0, CLI_FLAG_GAME, &v->game, "R,S,T,P", "payoffs"},
        {"mode", 0, CLI_FLAG_CHOICE, &v->mode, "bd|db|x", "mode"},
        {"json", 0, CLI_FLAG_BOOL, &v->json, NULL, "JSON"},
        {"hidden", 0, CLI_FLAG_REFUSE, NULL, NULL, "is not for this command"},
        {0}};
    const cli_command cmd = {"demo", usage, after, flags};
    static char buf[512]; /* the values point into it: they must outlive the call */
    char *argv[32];
    int argc = 0;
    snprintf(buf, sizeof buf, "demo %s", line);
    for (char *w = strtok(buf, " "); w && argc < 31; w = strtok(NULL, " ")) argv[argc++] = w;
    argv[argc] = NULL;
    int n = -1;
    int rc = cli_flags_parse(&cmd, argc, argv, &n);
    args[0] = '\0';
    if (rc == CLI_GO)
        for (int i = 1; i <= n; i++) {
            strncat(args, argv[i], size - strlen(args) - 2);
            if (i < n) strcat(args, "|");
        }
    return rc;
}

static void every_spelling_reaches_the_same_variable(void **state)
{
    (void)state;
    vars v;
    char args[256];
    const char *forms[] = {"--turns 7", "--turns=7", "-t 7", "-t7", "--tu 7", "--turn=7"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        assert_int_equal(parse(forms[i], &v, args, sizeof args), CLI_GO);
        assert_int_equal(v.turns, 7);
        assert_int_equal(v.turns_given, 1);
    }
    assert_int_equal(parse("-j 3 -r 1000000000000 -s 18446744073709551615 -o dir", &v, args, sizeof args), CLI_GO);
    assert_int_equal(v.threads, 3);
    assert_true(v.runs == 1000000000000ULL);
    assert_true(v.seed == 18446744073709551615ULL);
    assert_string_equal(v.out, "dir");
    /* nothing given: the defaults stay, `given` stays 0 */
    assert_int_equal(parse("", &v, args, sizeof args), CLI_GO);
    assert_int_equal(v.turns, 200);
    assert_int_equal(v.turns_given, 0);
}

static void kinds_of_values(void **state)
{
    (void)state;
    vars v;
    char args[256];
    assert_int_equal(parse("--set a=1 --set b=2 --mode db --json --noise 0.25 --game 4,0,6,1", &v, args, sizeof args), CLI_GO);
    assert_int_equal(v.sets.n, 2);
    assert_string_equal(v.sets.items[0], "a=1");
    assert_string_equal(v.sets.items[1], "b=2");
    assert_int_equal(v.mode, 1);
    assert_int_equal(v.json, 1);
    assert_true(v.noise == 0.25);
    assert_string_equal(v.game.text, "4,0,6,1");
    assert_string_equal(args, "");
    /* a seed of "-1" is a value, not a flag: it is refused as a seed */
    assert_int_equal(parse("--seed -1", &v, args, sizeof args), EXIT_USAGE);
}

static void arguments_keep_their_order(void **state)
{
    (void)state;
    vars v;
    char args[256];
    assert_int_equal(parse("a -t 5 b --json c - -- -d --turns", &v, args, sizeof args), CLI_GO);
    assert_string_equal(args, "a|b|c|-|-d|--turns"); /* "-" is an argument; after "--" everything is */
    assert_int_equal(v.turns, 5);
}

static void errors_are_usage_errors(void **state)
{
    (void)state;
    vars v;
    char args[256];
    const char *bad[] = {
        "--theads 2",      /* unknown (did you mean --threads) */
        "-x",              /* unknown short */
        "--t 2",           /* ambiguous: turns, threads */
        "--turns",         /* no value */
        "--turns 0",       /* out of range */
        "--turns 0x10",    /* not decimal */
        "--json=1",        /* a switch takes no value */
        "--mode bx",       /* not a choice */
        "--out=",          /* empty directory */
        "--noise 2",       /* not a probability */
        "--game 1,2",      /* not four payoffs */
        "--hidden",        /* refused by this command */
        "--threads -1",    /* negative */
        "--",              /* fine: nothing after */
    };
    for (size_t i = 0; i + 1 < sizeof bad / sizeof *bad; i++) assert_int_equal(parse(bad[i], &v, args, sizeof args), EXIT_USAGE);
    assert_int_equal(parse(bad[sizeof bad / sizeof *bad - 1], &v, args, sizeof args), CLI_GO);
    /* the value before the error was taken, the one after was not read */
    assert_int_equal(parse("--turns 9 --bogus --runs 5", &v, args, sizeof args), EXIT_USAGE);
    assert_int_equal(v.turns, 9);
    assert_true(v.runs == 0);
}

static void closest_name(void **state)
{
    (void)state;
    int a, b, c;
    const cli_flag flags[] = {{"threads", 'j', CLI_FLAG_THREADS, &a, "k", "x"},
                              {"turns", 't', CLI_FLAG_INT, &b, "N", "x", 1, 9},
                              {"out", 'o', CLI_FLAG_DIR, &c, "DIR", "x"},
                              {0}};
    assert_string_equal(cli_flags_closest(flags, "theads")->name, "threads");
    assert_string_equal(cli_flags_closest(flags, "trns")->name, "turns");
    assert_string_equal(cli_flags_closest(flags, "Turns")->name, "turns"); /* case is no edit */
    assert_string_equal(cli_flags_closest(flags, "ot")->name, "out");
    assert_null(cli_flags_closest(flags, "bogus"));
    assert_null(cli_flags_closest(flags, "o")); /* two edits from "out": too many for a name of three letters */
}

static void help_lists_the_table(void **state)
{
    (void)state;
    vars v;
    char args[256];
    /* --help and -h return EXIT_OK (printing to stdout) */
    assert_int_equal(parse("--help", &v, args, sizeof args), EXIT_OK);
    assert_int_equal(parse("-h", &v, args, sizeof args), EXIT_OK);
    assert_int_equal(parse("--he", &v, args, sizeof args), EXIT_OK);
    const cli_flag flags[] = {{"turns", 't', CLI_FLAG_INT, &v.turns, "N", "turns per match\nsecond line", 1, 9},
                              {"json", 0, CLI_FLAG_BOOL, &v.json, NULL, "JSON"},
                              {"quiet", 0, CLI_FLAG_BOOL, &v.json, NULL, NULL},
                              {"turn-off", 0, CLI_FLAG_REFUSE, NULL, NULL, "not here"},
                              {0}};
    const cli_command cmd = {"demo", "U\n", "E\n", flags};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    cli_flags_help(&cmd, f);
    fclose(f);
    assert_string_equal(text, "U\n"
                              "  -t, --turns N  turns per match\n"
                              "                 second line\n"
                              "      --json     JSON\n"
                              "E\n");
    free(text);
}

/* Shell completion reads a command's table through cli_flags_dump: one line a listed flag (the
 * refused ones left out), the command's variables untouched. */
static void dump_for_completion(void **state)
{
    (void)state;
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    assert_non_null(mem);
    cli_flags_dump = mem;
    vars v;
    char args[256];
    assert_int_equal(parse("--turns 5 x", &v, args, sizeof args), EXIT_OK);
    cli_flags_dump = NULL;
    fclose(mem);
    assert_int_equal(v.turns, 200); /* nothing was parsed */
    assert_non_null(strstr(text, "turns\t-t\tvalue\tN\n"));
    assert_non_null(strstr(text, "out\t-o\tdir\tDIR\n"));
    assert_non_null(strstr(text, "mode\t-\tchoice\tbd|db|x\n"));
    assert_non_null(strstr(text, "json\t-\tbool\t-\n"));
    assert_null(strstr(text, "hidden"));
    int lines = 0;
    for (const char *p = text; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 10);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_spelling_reaches_the_same_variable),
        cmocka_unit_test(kinds_of_values),
        cmocka_unit_test(arguments_keep_their_order),
        cmocka_unit_test(errors_are_usage_errors),
        cmocka_unit_test(closest_name),
        cmocka_unit_test(help_lists_the_table),
        cmocka_unit_test(dump_for_completion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
