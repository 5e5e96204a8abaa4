// SPDX-License-Identifier: MIT
/* scenario.h — inside the library: what a scenario kind's runner sees.
 *
 * The public side (parley/scenario.h) opens a file and reads its kind; here a
 * runner gets the loaded document.  parley/scenario_kinds.def is the one table of kinds:
 * each line names a kind, its runner, its evaluator for the sensitivity analyses,
 * its `parley play` front end and a summary, and `parley run`, `parley play` and `parley sensitivity` find a
 * kind through it. */
#ifndef PL_SCENARIO_H
#define PL_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "parley/scenario.h"
#include "io/yaml_doc.h"

/* A runner: doc is loaded and its `kind` checked.  Returns 0, or a pl_status with err set. */
typedef int (*pl_scenario_runner)(const pl_ydoc *doc, const pl_run_options *opt, FILE *summary, pl_error *err);

/* CHECKOUT into out when exe (an absolute path) is CHECKOUT/build/MODE/NAME and CHECKOUT/scenarios
 * is a folder: 0, else -1 (shipped.c; pl_data_dir_checkout applies it to the running program). */
int pl_checkout_of(const char *exe, char *out, size_t size);

/* The document of an open scenario (the domains' loaders read it). */
const pl_ydoc *pl_scenario_doc(const pl_scenario *s);

/* ---- evaluation for the sensitivity analyses (sensitivity.c) ----------------------------
 * An evaluator runs a scenario's designs (an agreement's variants, an N-party scenario's policy
 * profiles) on common random numbers and reports, per design, the runs in which it succeeded (an
 * agreement completed, a profile ended in lasting restraint), and per pair the
 * runs in which one succeeded and the other did not, for paired differences. */
#define PL_EVAL_MAX_DESIGNS 16
#define PL_EVAL_NAME_MAX 64
typedef struct pl_eval_result {
    int n;                                  /* designs */
    char name[PL_EVAL_MAX_DESIGNS][PL_EVAL_NAME_MAX];
    char measure[PL_EVAL_NAME_MAX];         /* what success is ("completion") */
    char item[16], items[16];               /* what the kind calls what it compares ("design", "profile") */
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
int pl_eval_nparty(const pl_ydoc *doc, const pl_eval_config *cfg, pl_eval_result *out, pl_error *err);
/* The baseline and points together, where a kind can share the baseline's runs with them (the agreement:
 * points that move only draw thresholds or only the priors over the parties' types, forked from the
 * baseline's runs, agreement_fork.c): the
 * baseline's result into *base_out, as its evaluator's; each point it shares (shared[i] = 1) into
 * points_out[i], as its evaluator's with the baseline's runs and seed; the others (a NULL point too) are
 * left to the evaluator (shared[i] = 0).  On an error the caller evaluates as without it. */
typedef int (*pl_scenario_eval_shared)(const pl_ydoc *base, const pl_ydoc *const *points, int n,
                                       const pl_eval_config *cfg, pl_eval_result *base_out, pl_eval_result *points_out,
                                       int *shared, pl_error *err);
int pl_eval_agreement_shared(const pl_ydoc *base, const pl_ydoc *const *points, int n, const pl_eval_config *cfg,
                             pl_eval_result *base_out, pl_eval_result *points_out, int *shared, pl_error *err);
/* A kind's loader alone: reads the document with every check (noting the defaults it uses when the
 * document records them: io/yaml_doc.h) and keeps nothing.  pl_scenario_reader_of: the reader of
 * the document's `kind:` (NULL for none or an unknown one). */
typedef int (*pl_scenario_reader)(const pl_ydoc *doc, pl_error *err);
int pl_read_agreement(const pl_ydoc *doc, pl_error *err);
int pl_read_nparty(const pl_ydoc *doc, pl_error *err);
pl_scenario_reader pl_scenario_reader_of(const pl_ydoc *doc);
/* The evaluator of a kind (NULL: the kind has none yet, or is unknown), and its evaluator of points
 * with the baseline (NULL: none, the points evaluated one by one). */
pl_scenario_eval pl_scenario_evaluator(const char *kind);
pl_scenario_eval_shared pl_scenario_shared_evaluator(const char *kind);

/* Every tag ("[C4]") in a `source:` text anywhere in the document names an entry of its top-level
 * `sources:` map (tag: "title: address"); else PL_EINVAL at the source, with the closest tag. */
int pl_scenario_check_sources(const pl_ydoc *doc, pl_error *err);
/* For a text the scenario takes from elsewhere (a dated event's source): 1, with the tag, when one
 * of its [tags] is not in the scenario's `sources:` map; 0 when all resolve or there is no map. */
int pl_scenario_untagged_source(const pl_ydoc *doc, const char *text, char *tag, size_t len);

/* What --set changed in an open scenario (pl_scenario_set, or a run's options; n == 0 for nothing),
 * for a model read from it to record in what it writes (overrides.h). */
struct pl_overrides;
const struct pl_overrides *pl_scenario_overrides(const pl_scenario *s);
/* After a kind's loader or runner refused the scenario with rc: when the error follows from a value
 * --set changed, says which --set and its value, and makes the error about --set (overrides.h:
 * pl_overrides_explain; a key --set made names the flag itself).  Returns rc. */
int pl_scenario_blame(const pl_scenario *s, int rc, pl_error *err);

/* The run without the key findings' sensitivity pass (pl_scenario_run adds it: sensitivity.c). */
int pl_scenario_run_plain(const pl_scenario *s, const pl_run_options *opt, FILE *summary, pl_error *err);

#endif
