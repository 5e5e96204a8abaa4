// SPDX-License-Identifier: MIT
/* play_input.h — what a person types into `parley play`, one line at a time.
 *
 * Every front end (cmd_play.c, cmd_play_nparty.c, cmd_play_agreement.c) reads its moves
 * through this reader, so that a script can play: input is line-based and, when
 * standard input is not a terminal, each line read is echoed after its prompt.  At a terminal
 * the line is read through libedit (BSD editline): the arrow keys, Home and End edit it, and
 * the up arrow recalls the moves typed before (the history of this game).  What every
 * game understands alike (q to quit, ? for help, h for the history, an empty line, the end of
 * input) is handled here once, by cli_play_next; the front end reads only the moves. */
#ifndef PL_CLI_PLAY_INPUT_H
#define PL_CLI_PLAY_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "parley/scenario.h"

typedef struct in_line {
    char *buf;
    size_t cap;
    int echo; /* echo each line read (standard input is not a terminal) */
    int edit; /* read through libedit (standard input and output are terminals) */
} in_line;

/* Sets a reader up for standard input: line editing at a terminal, echo when scripted. */
void cli_line_init(in_line *in);
/* Frees what the reader holds. */
void cli_line_free(in_line *in);

/* Prints the prompt and reads one line (trimmed) into *out; -1 at end of input. */
int cli_read_line(in_line *in, const char *prompt, char **out);
/* 1 when s is a or b (b may be NULL), ignoring case. */
int cli_is_word(const char *s, const char *a, const char *b);

/* One front end's prompt loop: what cli_play_next needs to answer the lines every game shares. */
typedef struct cli_play_loop {
    in_line *in;
    const char *prompt;
    const char *hint;                  /* the answer to an empty line */
    const char *unit;                  /* what is counted, singular: "turn", "period", "half-year" */
    void (*help)(void *user);          /* ? or help */
    void (*history)(void *user);       /* h or history */
    void *user;
} cli_play_loop;

/* What cli_play_next read. */
enum {
    CLI_PLAY_MOVE,  /* a line for the front end to read as a move */
    CLI_PLAY_AGAIN, /* a line answered here (help, history, empty): prompt again */
    CLI_PLAY_STOP,  /* q, quit, exit or the end of input: *ended says which ("You quit after 3 turns.") */
};
/* Prompts and reads a line (played: the turns or periods played so far, for the closing line).
 * Returns one of the above; with CLI_PLAY_MOVE, *line is the trimmed line. */
int cli_play_next(const cli_play_loop *lp, int played, char **line, char *ended, size_t size);

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
