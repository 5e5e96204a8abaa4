// SPDX-License-Identifier: MIT
/* agreement_output.h — an agreement's results as text, CSV, JSON and HTML.
 *
 * The summary goes to the stream `parley run` hands over (standard output);
 * with an output directory every file is written atomically (src/io/files.h).
 * Result files hold nothing that depends on the thread count or the clock. */
#ifndef PL_AGREEMENT_OUTPUT_H
#define PL_AGREEMENT_OUTPUT_H

#include <stdio.h>

#include "agreement/agreement.h"
#include "io/yaml_doc.h"

/* The period by which a share q of a variant's completed runs had completed (-1 if none did). */
int pl_ag_time_quantile(const pl_ag_stats *s, int horizon, double q);
/* The sample standard deviation of party p's payoff over a variant's runs (0 under two runs). */
double pl_ag_payoff_sd(const pl_ag_stats *s, int p);

/* Party p's fulfilment at period t of the replay in words: a share of the due steps with a
 * record, "unknown" when none has one, "nothing due"; and the status alone
 * ("none_due", "unknown", "partial", "known"). */
void pl_ag_fulfilment_text(const pl_agreement_ledger *l, int t, int p, char *buf, size_t n);
const char *pl_ag_fulfilment_status(const pl_agreement_ledger *l, int t, int p);

/* The warning for a comparison of variants v and w when they differ in more than sequencing, else "". */
void pl_ag_fairness_text(const pl_agreement *a, int v, int w, char *buf, size_t n);
/* Every pair of variants, the one completing more often first; returns how many. */
int pl_ag_pairs(const pl_agreement_result *r, int (*pair)[2]);
/* The key findings in words: which design completes most often and by how much on the same runs
 * (or that the ranking is within the noise), a warning where the two differ in more than
 * sequencing, which designs are self-enforcing where that is computed, and where to find what
 * the ranking depends on. */
void pl_ag_key_findings(const pl_agreement *a, const pl_agreement_result *r, char *buf, size_t n);
void pl_ag_write_summary(FILE *f, const pl_agreement *a, const pl_agreement_result *r, const pl_agreement_ledger *l);
/* variants.csv, steps.csv, payoffs.csv, completion_time.csv, first_reversal.csv, policy_types.csv,
 * ledger.csv, fulfilment.csv and balance.csv (with a record), results.json and report.html. */
int pl_ag_write_results(const char *dir, const pl_agreement *a, const pl_agreement_result *r,
                        const pl_agreement_ledger *l, pl_error *err);
/* report.html alone: the one place the report is assembled. */
int pl_ag_write_report(const char *path, const pl_agreement *a, const pl_agreement_result *r,
                       const pl_agreement_ledger *l, pl_error *err);
/* The model from a loaded document (the runner and the tests use it). */
int pl_agreement_from_doc(const pl_ydoc *d, pl_agreement **out, pl_error *err);
/* A sensitivity point's result (scenario/scenario.h) for a's designs, before its tallies: zeroed, its
 * count of designs, runs and seed, the measure ("completion") and each design's name
 * (agreement_run.c's pl_eval_agreement and agreement_fork.c's shared evaluation fill the rest). */
struct pl_eval_result;
void pl_ag_eval_result_begin(const pl_agreement *a, uint64_t runs, uint64_t seed, struct pl_eval_result *out);

#endif
