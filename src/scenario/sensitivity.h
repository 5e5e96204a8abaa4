/* SPDX-License-Identifier: MIT */
/* sensitivity.h — the sensitivity analyses' model and results inside the library
 * (parley/sensitivity.h says what they are; sensitivity.c computes, sensitivity_output.c writes). */
#ifndef PL_SCENARIO_SENSITIVITY_H
#define PL_SCENARIO_SENSITIVITY_H

#include "parley/sensitivity.h"
#include "scenario/scenario.h"
#include "io/yaml_path.h"
#include "scenario/overrides.h"

#define PL_SENS_MAX_RANGES 32
#define PL_SENS_MAX_PATHS 8
#define PL_SENS_MAX_GRID 25

/* One assumption varied: a value (one path), or a factor scaling every value some paths name. */
typedef struct pl_sens_range {
    char name[PL_YPATH_MAX];
    int n_paths;
    char path[PL_SENS_MAX_PATHS][PL_YPATH_MAX];
    int scale;               /* 1: the values are multiplied by the factor; 0: the value is set */
    double lo, hi, base;     /* base: the value in the file (after --set), 1 for a scale */
    int n_values;            /* how many values it moves */
    int whole;               /* moves in whole numbers: the kind refuses a fraction there (sensitivity.c) */
    int added;               /* a path names a value the file leaves out: made at its default (overrides.h) */
} pl_sens_range;

/* A design's success and the compared pair's paired difference at one point. */
typedef struct pl_sens_point {
    double rate[PL_EVAL_MAX_DESIGNS];
    double diff, diff_lo, diff_hi;   /* design a less design b, paired 95% interval */
} pl_sens_point;

typedef struct pl_sens_breakeven {
    int flips;               /* 1: the sign of the difference differs at the ends */
    double at;               /* the break-even value (the bracket's middle) */
    double bracket_lo, bracket_hi;
    int evaluations;
    int tie;                 /* where the difference is exactly 0 on the runs: PL_SENS_TIE_* */
} pl_sens_breakeven;
enum { PL_SENS_TIE_NONE, PL_SENS_TIE_LOW_END, PL_SENS_TIE_HIGH_END, PL_SENS_TIE_INSIDE };

typedef struct pl_sens_index {
    double s1, s1_lo, s1_hi, st, st_lo, st_hi;
} pl_sens_index;

typedef struct pl_sensitivity {
    const char *path;        /* the scenario file */
    char scenario_name[256];
    char kind[32];
    int n_ranges;
    pl_sens_range range[PL_SENS_MAX_RANGES];
    pl_eval_result base;     /* at the baseline */
    int a, b;                /* the designs compared */
    uint64_t runs, seed;
    pl_sens_point base_point;
    pl_sens_point at_lo[PL_SENS_MAX_RANGES], at_hi[PL_SENS_MAX_RANGES];
    pl_sens_breakeven be[PL_SENS_MAX_RANGES];
    int bisect_steps;
    /* Sobol: outputs 0..n-1 are the designs' rates, n the paired difference */
    int sobol_n, bootstrap;
    uint64_t sobol_runs;
    pl_sens_index sobol[PL_SENS_MAX_RANGES][PL_EVAL_MAX_DESIGNS + 1];
    double sobol_var[PL_EVAL_MAX_DESIGNS + 1];
    /* the two-way grid: rows the first range, columns the second */
    int grid_r, grid_c, grid_steps;
    double grid_x[PL_SENS_MAX_GRID], grid_y[PL_SENS_MAX_GRID];
    pl_sens_point grid[PL_SENS_MAX_GRID][PL_SENS_MAX_GRID];
    int n_sets;
    const char *const *sets;
    pl_overrides *log;       /* what the --set texts changed, resolved (path, value, the file's value;
                              * the rescaled too), as parley run's summary gives them (overrides.h) */
    int evaluations;
    int quick;               /* parley run's key findings: a flip counts (and is bisected) only where the
                              * difference's intervals at the two ends exclude 0 on opposite sides */
} pl_sensitivity;

/* Whether range k flips the ranking beyond the noise: the paired difference's intervals at its two ends
 * exclude 0, on opposite sides. */
int pl_sens_flip_is_clear(const pl_sensitivity *s, int k);

/* The top sensitivity in words: the assumption that moves the difference of the compared pair
 * most, and where the ranking flips ("" with one design).  The summary's finding and `parley
 * run`'s key findings both use it (sensitivity_output.c). */
void pl_sens_depends_text(const pl_sensitivity *s, char *buf, size_t n);

/* For `parley run`'s key findings, when the scenario declares `sensitivity: ranges:`: one at a time
 * over them and the break-even values of the clear flips (5 bisection steps), at `runs` runs a point on the run's seed
 * and overrides, said in words into buf: which pair, what it depends on most, where it flips. */
int pl_sensitivity_depends_on(const pl_ydoc *doc, const pl_run_options *opt, uint64_t runs, char *buf, size_t n,
                              pl_error *err);

/* Writers (sensitivity_output.c). */
void pl_sens_write_summary(FILE *f, const pl_sensitivity *s);
int pl_sens_write_results(const char *dir, const pl_sensitivity *s, pl_error *err);

#endif
