/* SPDX-License-Identifier: MIT */
/* parley/scenario.h — scenario files: open one, read its kind, run it.
 *
 * Every scenario file is YAML with a top-level `kind:` (agreement, nparty, ...).
 * pl_scenario_open loads the file and checks that its kind is one the library
 * knows, so every front end (`parley run`, `parley play`, a program of your own)
 * opens a scenario the same way and gets the same errors, each with its
 * file:line:col.  pl_scenario_run hands the scenario to its kind's runner, which
 * validates it into its model, runs its engine and writes its results.  A runner
 * prints nothing except the text summary, to the stream it is handed. */
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include "parley/common.h"

#include <stdint.h>
#include <stdio.h>
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_run_options {
    uint64_t runs;      /* Monte Carlo runs or repetitions; 0 = the scenario's own default */
    uint64_t seed;      /* used when seed_given, else the scenario's `seed:` (default 1) */
    int seed_given;
    int threads;        /* >= 1 */
    const char *out_dir;/* NULL: no files, summary only */
    /* Progress of long runs (may be NULL); called from worker threads, done <= total. */
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
    /* Called (may be NULL; from the calling thread, with progress_user) when a phase of the run
     * begins: "key findings: one at a time" (the sensitivity pass), "runs", "noise sweep"; the
     * progress reports after it count that phase's work, from 0 to its own total. */
    void (*phase)(void *user, const char *name);
    int types_posterior;/* agreements: fit the record first, run under the posterior types and fitted behaviour */
    const char *const *sets; /* "PATH=VALUE" overrides applied before the kind reads the file (a path of keys and
                              * ids: parties.DPRK.policy.opportunist.p=0.1); the summary and results.json record them */
    int n_sets;
    /* Filled by pl_scenario_run (callers leave it NULL): when the scenario declares `sensitivity: ranges:`,
     * the top sensitivity in words (one at a time over the ranges at up to PL_RUN_SENSITIVITY_RUNS runs a
     * point, with the break-even values), which the key findings quote. */
    const char *depends_on;
} pl_run_options;
#define PL_RUN_SENSITIVITY_RUNS 1000

/* One thread, the scenario's own runs and seed, no files, no progress. */
PL_EXTERN void pl_run_options_default(pl_run_options *opt);

typedef struct pl_scenario pl_scenario; /* opaque: a loaded scenario file */

/* Loads the YAML file at path and reads its `kind:`; an unknown kind is an error at its
 * line and column.  Returns 0, or a pl_status with err set (PL_EIO: the file cannot be
 * read; PL_EINVAL: not YAML, no `kind:`, a kind the library does not know). */
PL_EXTERN int pl_scenario_open(pl_scenario **out, const char *path, pl_error *err);
/* The file a scenario argument names, into path (size bytes): the argument as given when it
 * exists (or is "-", or an absolute path: pl_scenario_open then reports what is wrong with it),
 * else a shipped scenario by name (korea/six-party-2007, with or without .yaml, or as the checkout
 * spells it, scenarios/korea/...) in $PARLEY_DATA/scenarios, then DATADIR/parley/scenarios.
 * Returns 0, or PL_EINVAL with err saying where it looked and the closest shipped name. */
PL_EXTERN int pl_scenario_find(const char *arg, char *path, size_t size, pl_error *err);
/* The installed data: DATADIR/parley holds scenarios/ and docs/ after `make install`;
 * $PARLEY_DATA, when set, names another such folder, searched first. */
typedef struct pl_names {
    char **items;
    int n, cap;
} pl_names;
/* The data folders in search order, at most PL_DATA_DIRS_MAX: $PARLEY_DATA if set, then the checkout
 * the running command was built in (pl_data_dir_checkout) if it is one, then the compiled-in one;
 * returns how many. */
#define PL_DATA_DIRS_MAX 3
PL_EXTERN int pl_data_dirs(const char *dirs[PL_DATA_DIRS_MAX]);
/* The source checkout the running program was built in, when it runs from there before `make
 * install` (the program is CHECKOUT/build/MODE/NAME and CHECKOUT/scenarios is a folder: `make`'s
 * build/release/parley); NULL otherwise (an installed command, a program linking the library). */
PL_EXTERN const char *pl_data_dir_checkout(void);
/* What dirs[i] of pl_data_dirs is, for messages: " ($PARLEY_DATA)", " (the checkout this command
 * was built in)" or "" (the compiled-in folder). */
PL_EXTERN const char *pl_data_dir_label(const char *dir);
/* The compiled-in data folder, DATADIR/parley (where --help sends the reader for the docs). */
PL_EXTERN const char *pl_data_dir_builtin(void);
/* Appends the scenario files under data_dir/scenarios ("korea/six-party-2007.yaml"), sorted, to
 * out; returns how many it added.  pl_names_free frees the list. */
PL_EXTERN int pl_scenarios_shipped(const char *data_dir, pl_names *out);
PL_EXTERN void pl_names_free(pl_names *names);
/* A scenario's name as typed: the file name without its .yaml or .yml, into buf. */
PL_EXTERN void pl_scenario_stem(const char *name, char *buf, size_t size);
PL_EXTERN void pl_scenario_free(pl_scenario *s);
/* "agreement", "nparty", ... */
PL_EXTERN const char *pl_scenario_kind(const pl_scenario *s);
PL_EXTERN const char *pl_scenario_path(const pl_scenario *s);
/* The file's top-level `name:` (its title, for listings), or "" when it has none. */
PL_EXTERN const char *pl_scenario_name(const pl_scenario *s);

/* Runs the scenario with its kind's runner: the text summary to `summary` (may be NULL),
 * the result files into opt->out_dir when set.  First every [tag] of a `source:` must name an
 * entry of the file's `sources:`, and opt's overrides are applied (to this scenario's document:
 * run it once). */
PL_EXTERN int pl_scenario_run(const pl_scenario *s, const pl_run_options *opt, FILE *summary, pl_error *err);

/* Changes values of the scenario before it is read or run: n "PATH=VALUE" texts, as
 * pl_run_options.sets (the same paths, the same renormalisation of lists of `p`, the same
 * errors, each naming its --set with the closest key or id), for front ends that read the
 * scenario themselves (pl_agreement_from_scenario, pl_nscenario_load, whose errors at a value
 * changed then name its --set).  An agreement read after it keeps the changes, and the fit and
 * the design search record them in what they print and write; a run records them as its own;
 * pl_scenario_print_overrides gives them to a front end's screen.  All in one call: PL_EINVAL
 * for a second.  After an error the scenario may be changed in part: free it. */
PL_EXTERN int pl_scenario_set(pl_scenario *s, const char *const *sets, int n, pl_error *err);
/* The changes, as a screen's opening lines ("Assumptions changed from the file (--set):", then one
 * line each: "PATH = VALUE (the file: ...)"), or nothing when there are none.  (`parley run`, fit and
 * design head theirs "for this run", "for this fit", "for this design search".) */
PL_EXTERN void pl_scenario_print_overrides(FILE *f, const pl_scenario *s);

/* The kinds the library knows, for help texts: the ith kind's name and a one-line summary;
 * NULL past the last. */
PL_EXTERN const char *pl_scenario_kind_name(int i, const char **summary);

#ifdef __cplusplus
}
#endif
#endif
