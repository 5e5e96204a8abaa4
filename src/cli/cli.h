// SPDX-License-Identifier: MIT
/* cli.h — what the command's subcommands share: flag parsing that names the
 * flag in its error, the exit codes, and printing a library error. */
#ifndef PL_CLI_H
#define PL_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "parley/parley.h"

/* Exit codes by cause: 0 success, 1 a check failed, 2 bad usage or bad input, 3 the environment
 * failed (out of memory, disk full, a write refused, permission denied). */
enum { EXIT_OK = 0, EXIT_CHECK_FAILED = 1, EXIT_USAGE = 2, EXIT_ENV = 3 };

/* The exit code for a library error: EXIT_ENV for PL_ENOMEM and PL_EIO (a write or a read the
 * system refused), EXIT_USAGE for everything else (the input was wrong). */
int cli_exit_code(int status);
/* Prints "parley CMD: message" for a library error and returns cli_exit_code(err->code). */
int cli_lib_error(const char *cmd, const pl_error *err);
/* When err is out of memory, appends the flags whose values set the size that did not fit, e.g.
 * " (the size set by --players 2 and --repetitions 10000000)", so the message says what to lower;
 * any other error is left as it is. */
void cli_error_sizes(pl_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Flushes standard output and checks that everything written to it arrived (a full disk, a closed
 * pipe, /dev/full): on failure prints a message and returns EXIT_ENV, else returns code. */
int cli_finish(const char *cmd, int code);
/* Prints a small JSON document (a listing, a count: --json of scenarios and check-transcripts)
 * on standard output, indented, and frees it; NULL (a jansson allocation that failed) prints
 * "out of memory".  Numbers are written as the results files write them, the shortest text that
 * reads back to the same double.  Returns EXIT_OK or EXIT_ENV. */
struct json_t;
int cli_print_json(const char *cmd, struct json_t *doc);
/* The same as one compact line (a match, one strategy of a listing: JSON lines). */
int cli_print_json_line(const char *cmd, struct json_t *doc);
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

/* A monotonic clock in seconds, for the timings the command prints on standard error. */
double cli_seconds(void);

/* Number of online cores. */
int cli_cores(void);
/* The one default thread count of every command that uses threads (run, tournament, moran, design,
 * sensitivity, fit --compare): every online core.  Why: the results do not depend on the number
 * of threads (the same seed gives the same bytes), so more threads only make a run faster; one
 * thread is always a --threads 1 away. */
int cli_default_threads(void);

/* SIGINT and SIGTERM remove the temporary results directories (parley/outdir.h) before the
 * process ends as the signal asks; SIGXFSZ (a file size limit, ulimit -f) is ignored so the write
 * fails with EFBIG and is reported like any failed write.  Idempotent. */
void cli_signals_install(void);

/* A command's `--out DIR` and `--json` (parley/outdir.h), one way for every command.  cli_out_begin
 * installs the signal handlers (cli_signals_install), then, with a directory, checks it and makes
 * the temporary beside it, before anything is computed; it returns EXIT_OK or the exit code of
 * the error it printed.  The writers write into cli_out_path (NULL when neither --out nor --json
 * was given).  cli_out_end takes the run's pl_status and error: on success it commits the set and
 * prints "parley CMD: results in DIR/ (FILES)" on standard error; on an error it removes the
 * temporary and prints the error, naming DIR rather than the temporary.  It returns the exit code.
 * cli_out_abort removes the temporary after an error the command has printed itself; both may be
 * called more than once.
 *
 * --json (json names the set's JSON file, "results.json"; NULL without --json): the command's
 * JSON document is the one its results set holds, written by the same writer, so there is one
 * serialiser and one schema (docs/json.md).  Without --out the set is written to a temporary
 * directory that is removed at the end.  From cli_out_begin to cli_out_end standard output is
 * pointed at /dev/null, so the text summary the command prints goes nowhere whatever prints it;
 * cli_out_end (or cli_out_abort) puts it back and copies the JSON file there, so standard output
 * holds one JSON document and nothing else. */
typedef struct cli_out {
    const char *cmd;   /* the command, for the messages */
    const char *dir;   /* DIR as given, NULL without --out */
    const char *files; /* what the set holds, for the closing line */
    const char *json;  /* the set's JSON file printed on standard output (--json), or NULL */
    int stdout_fd;     /* with --json: standard output as it was, while it points at /dev/null */
    int redirected;    /* 1 while standard output is pointed away */
    pl_outdir *od;
} cli_out;
int cli_out_begin(cli_out *o, const char *cmd, const char *dir, const char *files, const char *json);
const char *cli_out_path(const cli_out *o);
int cli_out_end(cli_out *o, int status, pl_error *err);
void cli_out_abort(cli_out *o);

/* The file a command's SCENARIO argument names (pl_scenario_find); on a miss prints where it
 * looked and the closest shipped name, and returns EXIT_USAGE. */
int cli_scenario_find(const char *cmd, const char *arg, char *path, size_t size);

/* Subcommands. */
int cmd_strategies(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_play(int argc, char **argv);
/* `parley play SCENARIO.yaml --as PARTY` (cmd_play hands over when an argument is a .yaml/.yml file). */
int cmd_play_scenario(int argc, char **argv);
int cmd_check_transcripts(int argc, char **argv);
int cmd_tournament(int argc, char **argv);
int cmd_moran(int argc, char **argv);
/* `parley moran --game FILE.yaml`: an N-party population (cmd_moran hands over when --game names a file). */
int cmd_moran_nparty(int argc, char **argv);
/* --counts "3,1,2" into n counts (cmd_moran.c); an error names --counts and the count: -1 after printing it. */
int cli_moran_counts(const char *text, size_t n, int *counts);
/* What one kind of `parley moran` population prints of its own around the shared summary
 * (cli_moran_report): the lines above it, what it is; below it, anything more (NULL: nothing; the
 * exit code, after its message); and what making the population was, for the timing line. */
typedef struct cli_moran_writer {
    void (*header)(void *ctx, const pl_moran *m, const pl_moran_config *cfg, int N);
    int (*more)(void *ctx, const pl_moran *m, const pl_moran_config *cfg, int N, int name_width);
    void *ctx;
    const char *made; /* "outcomes cached", "groups played" */
} cli_moran_writer;
/* The fixation runs (or the one run, with mutation), the summary, the timing line and the output
 * set of population m made in t1 - t0 seconds (cmd_moran.c, for cmd_moran and cmd_moran_nparty). */
int cli_moran_report(pl_moran *m, const int *counts, pl_moran_config *cfg, const pl_moran_meta *meta, cli_out *out,
                     double t0, double t1, const cli_moran_writer *wr);
int cmd_ecology(int argc, char **argv);
int cmd_fingerprint(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_design(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_scenarios(int argc, char **argv);
/* `parley completion bash|zsh` and the hidden `parley __complete WORD...` (cmd_complete.c). */
int cmd_completion(int argc, char **argv);
int cmd_complete(int argc, char **argv);
/* The i-th subcommand of main.c's table: its name and function (fn may be NULL); 0 past the end. */
int cli_command_at(size_t i, const char **name, int (**fn)(int, char **));

#endif
