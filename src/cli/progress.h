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

#include <pthread.h>
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

/* One display for a run in phases: the library names each phase as it begins (the `phase`
 * callback of pl_run_options or pl_sensitivity_config) and reports its progress; each phase gets
 * its own bar, labelled "CMD: PHASE" ("run: key findings: one at a time", "run: runs",
 * "run: noise sweep"), started at the phase's first report (when its total is known) and erased
 * when the phase is done or the next begins.  Before any phase is named the label is CMD alone.
 * The phase named `timed` (NULL: none; before any phase is named, the first) is timed: when it
 * began, when its last item was reported and its total, for the command's timing line.
 * Thread-safe (reports come from worker threads). */
typedef struct cli_phases {
    pthread_mutex_t mu;
    const char *cmd, *timed;
    char label[160];
    cli_progress *bar;
    int started, in_timed;
    double timed_t0, timed_t1; /* cli_seconds; timed_t1 is 0 until its last item came */
    uint64_t timed_total;      /* the timed phase's total (0: no report came) */
} cli_phases;
void cli_phases_init(cli_phases *p, const char *cmd, const char *timed);
/* The callbacks, with user = the cli_phases. */
void cli_phases_phase(void *user, const char *name);
void cli_phases_progress(void *user, uint64_t done, uint64_t total);
/* Erases whatever bar is shown. */
void cli_phases_finish(cli_phases *p);

#endif
