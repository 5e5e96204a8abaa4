/* SPDX-License-Identifier: MIT */
/* parley/sensitivity.h — how much the conclusions of a scenario depend on its assumptions.
 *
 * `parley sensitivity SCENARIO.yaml` varies assumed numbers of a scenario over declared ranges
 * (the scenario's `sensitivity: ranges:` block, or `--range` flags) and runs every design at
 * every point on common random numbers (the same seed and runs at every point), so that what
 * moves is the assumption, not the noise:
 *   - one at a time: each assumption at the ends of its range, the others at their values →
 *     a tornado of each design's success and of the paired difference between two designs;
 *   - break-even: the value of each assumption at which the two designs' ranking flips, found
 *     by bisection, or "no flip within the range";
 *   - global: Sobol first-order and total indices over all ranges together (Saltelli's and
 *     Jansen's estimators on Latin hypercube samples) with bootstrap intervals;
 *   - a grid of two assumptions → which design wins where.
 * Every output is the same bytes whatever the number of threads.  Nothing here prints except
 * to the stream handed over; timings go to `log`. */
#ifndef PARLEY_SENSITIVITY_H
#define PARLEY_SENSITIVITY_H

#include "parley/common.h"

#include <stdint.h>
#include <stdio.h>

#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_sensitivity_config {
    uint64_t runs;              /* runs per point; 0: the scenario's own */
    uint64_t seed;
    int seed_given;
    int threads;                /* >= 1; results do not depend on it */
    const char *const *sets;    /* "PATH=VALUE" overrides: the baseline the ranges move from */
    int n_sets;
    const char *const *ranges;  /* "PATH=LO:HI", or "PATH[,PATH...]=xLO:HI" to scale every value named */
    int n_ranges;               /* 0 with no `sensitivity: ranges:` in the scenario: an error */
    const char *compare;        /* "A,B": the two designs compared; NULL: the two best at the baseline */
    int bisect_steps;           /* bisection steps for a break-even (0: 8) */
    int sobol_n;                /* Latin hypercube rows for the Sobol indices; 0: none */
    uint64_t sobol_runs;        /* runs per Sobol point (0: runs / 10, at least 200) */
    int bootstrap;              /* bootstrap resamples for the indices' intervals (0: 500) */
    const char *grid;           /* "R1,R2": two ranges (names or 1-based numbers) for a two-way grid; NULL: none */
    int grid_steps;             /* points per side of the grid (0: 7) */
    const char *out_dir;        /* NULL: summary only */
    FILE *log;                  /* timings; NULL: none */
    /* Progress in points evaluated (may be NULL; called from the calling thread): phase names each
     * part as it begins ("baseline", "one at a time", "break-even", "Sobol", "grid"), progress
     * counts its points, done from 0 to that part's total (break-even's is an upper bound: the
     * bisection steps of every range that may swap the designs). */
    void (*phase)(void *user, const char *name);
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
    const char *phase_prefix;   /* put before each phase's name ("key findings: "); NULL: none */
} pl_sensitivity_config;
/* The scenario's runs and seed, one thread, no overrides, ranges only from the scenario, the
 * default bisection, bootstrap and grid steps, no Sobol indices, no grid, no files, no log. */
PL_EXTERN void pl_sensitivity_config_default(pl_sensitivity_config *cfg);

/* Loads the scenario, runs the analyses the configuration asks for, prints the summary to
 * `summary`, and with out_dir writes sensitivity.csv, breakeven.csv, sobol.csv, grid.csv,
 * sensitivity.json and sensitivity.html.  PL_EINVAL (with the file, the flag or the path) for
 * bad input. */
PL_EXTERN int pl_sensitivity_run_file(const char *path, const pl_sensitivity_config *cfg, FILE *summary, pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
