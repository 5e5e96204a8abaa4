// SPDX-License-Identifier: MIT
/* progress.h — a progress bar on standard error for long runs (tournaments, Monte Carlo).
 *
 * Shown only when stderr is a terminal (cli_is_tty) and PARLEY_PROGRESS is not
 * "0"; otherwise every call is a cheap no-op, so logs and pipes stay clean.
 * The line shows the label, a bar, the percentage, the rate (items/s), the time
 * elapsed and the time left; it is redrawn at most 10 times a second and erased
 * by cli_progress_finish, which leaves the terminal as it was.
 *
 * Thread-safe: worker threads may call cli_progress_update / cli_progress_add
 * concurrently (a counter is atomic; one thread at a time draws, the others
 * skip the redraw instead of waiting).
 *
 *     cli_progress *p = cli_progress_start("tournament", n_matches);
 *     ... in a callback: cli_progress_add(p, 1);
 *     cli_progress_finish(p);   // erases the line, frees p
 */
#ifndef PL_CLI_PROGRESS_H
#define PL_CLI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct cli_progress cli_progress;

/* Starts a bar for `total` items (0: total unknown, shows the count and rate).
 * Returns NULL when there is nothing to show (not a terminal, disabled, or out of
 * memory); every function below accepts NULL and then does nothing. */
cli_progress *cli_progress_start(const char *label, uint64_t total);
/* The same on any stream; force != 0 draws even if it is not a terminal (tests). */
cli_progress *cli_progress_start_on(FILE *stream, const char *label, uint64_t total, int force);
/* Sets the number of items done (a smaller number than already seen is ignored). */
void cli_progress_update(cli_progress *p, uint64_t done);
/* Adds n items done. */
void cli_progress_add(cli_progress *p, uint64_t n);
/* Erases the line and frees p. */
void cli_progress_finish(cli_progress *p);

/* The text of one line, at most `width` columns (pure; exposed for tests):
 * "label [=====>      ]  45%  1.2k/s  0:12 elapsed  0:15 left".  Returns its length. */
size_t cli_progress_format(char *buf, size_t size, const char *label, uint64_t done, uint64_t total,
                           double elapsed_s, int width);

#endif
