// SPDX-License-Identifier: MIT
/* cli_flags.h — one table of flags per command, one parser for every command.
 *
 * A command lists its flags as rows {long name, short letter, kind, target, value name, help,
 * range, given}; cli_flags_parse reads argv against the table and cli_flags_help prints the
 * flags part of --help from the same rows, so a flag is declared once.  The parser gives every
 * command the same behaviour: --name VALUE, --name=VALUE, -x VALUE and -xVALUE; a unique prefix
 * of a long name (as getopt_long accepted); arguments and flags in any order, "--" ending the
 * flags; "did you mean --threads?" for an unknown flag (the closest name by edit distance); and
 * for a bad value an error naming the flag and what was expected (exit 2). */
#ifndef PL_CLI_FLAGS_H
#define PL_CLI_FLAGS_H

#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"

typedef enum cli_flag_kind {
    CLI_FLAG_BOOL,    /* no value: *(int *)target = 1 */
    CLI_FLAG_TEXT,    /* any text: *(const char **)target */
    CLI_FLAG_DIR,     /* a directory name, not empty: *(const char **)target */
    CLI_FLAG_INT,     /* a whole number from lo to hi: *(int *)target */
    CLI_FLAG_COUNT,   /* a whole number from lo to hi: *(uint64_t *)target */
    CLI_FLAG_REAL,    /* a number from lo to hi: *(double *)target */
    CLI_FLAG_PROB,    /* a probability, 0 to 1: *(double *)target */
    CLI_FLAG_SEED,    /* a seed, 0 to 2^64 - 1: *(uint64_t *)target */
    CLI_FLAG_THREADS, /* a thread count, 0 = every core: *(int *)target */
    CLI_FLAG_GAME,    /* prisoner's dilemma payoffs R,S,T,P: *(cli_game *)target */
    CLI_FLAG_CHOICE,  /* one of the words of meta ("bd|db"): its index in *(int *)target */
    CLI_FLAG_LIST,    /* repeatable, each value appended: *(cli_list *)target */
    CLI_FLAG_PLAYERS, /* repeatable strategy lists: pl_player_list_add(*(pl_player_list *)target) */
    CLI_FLAG_REFUSE,  /* a flag the command refuses, with help as the reason; not listed in --help */
} cli_flag_kind;

typedef struct cli_flag {
    const char *name;  /* the long name, without "--"; NULL ends a table */
    char short_name;   /* its one-letter form (-t), or 0 */
    cli_flag_kind kind;
    void *target;      /* where the value goes (see the kinds) */
    const char *meta;  /* the value's name in --help ("N", "DIR"); NULL for a BOOL */
    const char *help;  /* its text in --help; '\n' starts a continuation line; NULL: not listed */
    double lo, hi;     /* INT, COUNT, REAL: the range accepted */
    int *given;        /* set to 1 when the flag appears (NULL: not needed) */
} cli_flag;
/* A row of a table names only the fields its flag uses (a text flag has no range, most have no
 * `given`); C sets the rest to zero, which is what they mean.  So the warning that a row leaves
 * fields out is off in the files that write tables. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* Rows several commands share word for word: the game's payoffs and the noise of a match. */
#define CLI_ROW_GAME(target) {"game", 0, CLI_FLAG_GAME, target, "R,S,T,P", "prisoner's dilemma payoffs (default 3,0,5,1)"}
#define CLI_ROW_NOISE(target) \
    {"noise", 0, CLI_FLAG_PROB, target, "p", "each action is flipped with probability p (default 0)"}

/* --threads, the same row in every command that has it (its default: cli_default_threads). */
#define CLI_ROW_THREADS(target) \
    {"threads", 'j', CLI_FLAG_THREADS, target, "k", \
     "worker threads (default: every core; 0 = every core); the results\n" \
     "are the same whatever k is, only the time changes"}

/* --json, the same row in every command whose results set holds a JSON file (cli_out). */
#define CLI_ROW_JSON(target) \
    {"json", 0, CLI_FLAG_BOOL, target, NULL, \
     "print the results as one JSON document on standard output and\n" \
     "nothing else there (the set's JSON file, as --out writes it;\n" \
     "docs/json.md); progress and timings stay on standard error"}

/* --set, the same row in every command that reads a scenario's values (run, fit, design, play;
 * the library applies them: pl_scenario_set); `records` ends it: where the command records them. */
#define CLI_ROW_SET(target, records) \
    {"set", 0, CLI_FLAG_LIST, target, "P=V", \
     "change one value of the scenario (repeatable), by a path of\n" \
     "keys and ids: parties.DPRK.policy.opportunist.p=0.1,\n" \
     "steps.SP-DP-1.flow.DPRK=-0.31, verifiers.IAEA.p_confirm=0.6; the\n" \
     "other probabilities of a policy list are rescaled to add up to 1.\n" \
     "A number the file leaves to its default can be set too\n" \
     "(steps.S.verification.p_false=0.01), and one party's entry of a\n" \
     "number written for all (behaviour.inertia.DPRK=2 makes\n" \
     "inertia {default: 1, DPRK: 2}).  " records}

/* Repeatable text flags (--set, --range). */
typedef struct cli_list {
    const char *items[CLI_MAX_SETS];
    int n;
} cli_list;

/* --game, and its text as given (the results record it). */
typedef struct cli_game {
    pl_game game;
    const char *text;
} cli_game;
/* The standard game, "3,0,5,1". */
void cli_game_default(cli_game *g);

typedef struct cli_command {
    const char *name;     /* "tournament": errors read "parley tournament: ..." */
    const char *usage;    /* --help before the flags: the usage lines and what the command does */
    const char *after;    /* --help after the flags: notes and examples */
    const cli_flag *flags;
} cli_command;

/* What cli_flags_parse returns when the command should go on. */
#define CLI_GO (-1)

/* Reads argv[1..argc-1]: each flag's value goes to its target; the other arguments are moved, in
 * order, to argv[1..*n_args].  Returns CLI_GO, EXIT_OK after printing --help (-h), or EXIT_USAGE
 * after printing an error that names the flag and what was expected. */
int cli_flags_parse(const cli_command *cmd, int argc, char **argv, int *n_args);
/* Prints the command's --help: usage, the listed flags of the table, the text after. */
void cli_flags_help(const cli_command *cmd, FILE *out);
/* When set, cli_flags_parse prints the command's table on it instead of parsing, one flag a
 * line "NAME<TAB>SHORT<TAB>KIND<TAB>META" (SHORT "-" when none, KIND "bool", "dir", "choice",
 * "players" or "value", META "-" when none), and returns EXIT_OK: shell completion
 * (cmd_complete.c) reads the tables the commands parse with, so a flag is declared once. */
extern FILE *cli_flags_dump;

/* The flag of the table closest to name (a long name without "--", a typo), or NULL if none is
 * within two edits (one for names of three letters or fewer). */
const cli_flag *cli_flags_closest(const cli_flag *flags, const char *name);

#endif
