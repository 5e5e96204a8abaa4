/* scenario.h — `parley run`: one YAML file, any kind of experiment.
 *
 * Every scenario file has a top-level `kind:` (agreement, nparty, tournament,
 * ...).  Each kind has one runner that validates the document into its model,
 * runs its engine and writes its results; scenario_kinds.def lists them, and
 * the `run` command only dispatches.  A runner never prints except through the
 * `summary` stream it is handed (the text summary for standard output). */
#ifndef PL_SCENARIO_H
#define PL_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "io/yaml_doc.h"

typedef struct pl_run_options {
    long runs;          /* Monte Carlo runs or repetitions; 0 = the scenario's own default */
    uint64_t seed;      /* used when seed_given, else the scenario's `seed:` (default 1) */
    int seed_given;
    int threads;        /* >= 1 */
    const char *out_dir;/* NULL: no files, summary only */
    /* Progress of long runs (may be NULL); called from worker threads, done <= total. */
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
    FILE *log;          /* timings and where results went, for standard error; NULL: none */
    int types_posterior;/* agreements: fit the record first, run under the posterior types and fitted behaviour */
    const char *const *sets; /* "PATH=VALUE" overrides (scenario/overrides.h), applied before the kind reads the file */
    int n_sets;
} pl_run_options;

/* ---- evaluation for the sensitivity analyses (sensitivity.c) ----------------------------
 * An evaluator runs a scenario's designs (an agreement's variants) on common random numbers and
 * reports, per design, the runs in which it succeeded (an agreement completed), and per pair the
 * runs in which one succeeded and the other did not, for paired differences. */
#define PL_EVAL_MAX_DESIGNS 16
#define PL_EVAL_NAME_MAX 64
typedef struct pl_eval_result {
    int n;                                  /* designs */
    char name[PL_EVAL_MAX_DESIGNS][PL_EVAL_NAME_MAX];
    char measure[PL_EVAL_NAME_MAX];         /* what success is ("completion") */
    uint64_t runs, seed;
    uint64_t success[PL_EVAL_MAX_DESIGNS];
    uint64_t only[PL_EVAL_MAX_DESIGNS][PL_EVAL_MAX_DESIGNS]; /* d succeeded and e did not, same run */
} pl_eval_result;
typedef struct pl_eval_config {
    uint64_t runs;      /* 0: the scenario's own */
    uint64_t seed;
    int seed_given;
    int threads;
} pl_eval_config;
typedef int (*pl_scenario_eval)(const pl_ydoc *doc, const pl_eval_config *cfg, pl_eval_result *out, pl_error *err);
int pl_eval_agreement(const pl_ydoc *doc, const pl_eval_config *cfg, pl_eval_result *out, pl_error *err);

/* A runner: doc is loaded and its `kind` checked.  Returns 0, or a pl_status with err set. */
typedef int (*pl_scenario_runner)(const pl_ydoc *doc, const pl_run_options *opt, FILE *summary, pl_error *err);

typedef struct pl_scenario_kind {
    const char *kind;
    pl_scenario_runner run;
    pl_scenario_eval eval;  /* NULL: the kind has no sensitivity analysis yet */
    const char *summary;
} pl_scenario_kind;

/* The known kinds, ending with {NULL}. */
extern const pl_scenario_kind pl_scenario_kinds[];

/* Every tag ("[C4]") in a `source:` text anywhere in the document names an entry of its top-level
 * `sources:` map (tag: "title: address"); else PL_EINVAL at the source, with the closest tag. */
int pl_scenario_check_sources(const pl_ydoc *doc, pl_error *err);
/* Checks the sources and `kind`, applies opt's overrides to the document, runs it; with an output directory,
 * results.json gains the inputs as run and the overrides. */
int pl_scenario_run_doc(pl_ydoc *doc, const pl_run_options *opt, FILE *summary, pl_error *err);
/* Loads the file and runs it (pl_scenario_run_doc). */
int pl_scenario_run_file(const char *path, const pl_run_options *opt, FILE *summary, pl_error *err);

#endif
