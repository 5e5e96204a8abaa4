/* play_input.h — what a person types into `parley play`, one line at a time.
 *
 * Both front ends (cmd_play_nparty.c, cmd_play_agreement.c) read their moves
 * through this reader, so that a script can play: input is line-based and, when
 * standard input is not a terminal, each line read is echoed after its prompt. */
#ifndef PL_CLI_PLAY_INPUT_H
#define PL_CLI_PLAY_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "parley/scenario.h"

typedef struct in_line {
    char *buf;
    size_t cap;
    int echo; /* echo each line read (standard input is not a terminal) */
} in_line;

/* Prints the prompt and reads one line (trimmed) into *out; -1 at end of input. */
int cli_read_line(in_line *in, const char *prompt, char **out);
/* 1 when s is a or b (b may be NULL), ignoring case. */
int cli_is_word(const char *s, const char *a, const char *b);

/* What `parley play SCENARIO.yaml` was asked: the front end of the scenario's kind reads the
 * options that are its own and refuses the others'. */
typedef struct cli_play_args {
    const char *party;     /* --as */
    const char *profile;   /* --profile (N-party) */
    const char *variant;   /* --variant (agreements) */
    const char *reference; /* --reference (agreements) */
    int seed_given;
    uint64_t seed;
    in_line *in;
} cli_play_args;

/* The front ends (cmd_play_nparty.c, cmd_play_agreement.c): each returns the exit code. */
int cli_play_nparty(const pl_scenario *scn, const cli_play_args *args);
int cli_play_agreement(const pl_scenario *scn, const cli_play_args *args);

#endif
