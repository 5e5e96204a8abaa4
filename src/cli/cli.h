/* cli.h — what the command's subcommands share: flag parsing that names the
 * flag in its error, the exit codes, and printing a library error. */
#ifndef PL_CLI_H
#define PL_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "parley/parley.h"

enum { EXIT_OK = 0, EXIT_CHECK_FAILED = 1, EXIT_USAGE = 2 };
/* The most `--set PATH=VALUE` (and `--range`) flags one command takes. */
#define CLI_MAX_SETS 256

/* Prints "parley CMD: message" to stderr and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse a flag value; on failure print an error naming the flag and return -1. */
int cli_parse_int(const char *cmd, const char *flag, const char *text, long lo, long hi, long *out);
int cli_parse_prob(const char *cmd, const char *flag, const char *text, double *out);
int cli_parse_double(const char *cmd, const char *flag, const char *text, double lo, double hi, double *out);
int cli_parse_seed(const char *cmd, const char *flag, const char *text, uint64_t *out);
int cli_parse_game(const char *cmd, const char *flag, const char *text, pl_game *out);
/* Threads: a number >= 1, or 0 meaning every core. */
int cli_parse_threads(const char *cmd, const char *flag, const char *text, int *out);

/* 1 if the argument names a scenario file (it ends in .yaml or .yml; a strategy's name never does). */
int cli_is_scenario_path(const char *arg);

/* 1 if stream is a terminal and NO_COLOR is unset (colour and progress bars). */
int cli_is_tty(FILE *stream);
int cli_use_color(FILE *stream);

/* Number of online cores. */
int cli_cores(void);

/* Subcommands. */
int cmd_strategies(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_play(int argc, char **argv);
/* `parley play SCENARIO.yaml --as PARTY` (cmd_play hands over when an argument is a .yaml/.yml file). */
int cmd_play_scenario(int argc, char **argv);
int cmd_check_transcripts(int argc, char **argv);
int cmd_tournament(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);

#endif
