// SPDX-License-Identifier: MIT
/* agreement_behaviour_output.h — the second edition's results: incentives, late answers, beliefs. */
#ifndef PL_AG_BEHAVIOUR_OUTPUT_H
#define PL_AG_BEHAVIOUR_OUTPUT_H

#include <jansson.h>
#include <stdio.h>

#include "agreement/agreement.h"
#include "io/html_report.h"

void pl_ag_write_behaviour_summary(FILE *f, const pl_agreement *a, const pl_agreement_result *r);
/* beliefs.csv, late_answers.csv, incentives.csv (nothing without a `behaviour:` block). */
int pl_ag_write_behaviour_csvs(const char *dir, const pl_agreement *a, const pl_agreement_result *r, pl_error *err);
json_t *pl_ag_behaviour_json(const pl_agreement *a, const pl_agreement_result *r); /* NULL without the block */
/* Each party's inertia (payoff units) as an object party: number, the one way results.json and
 * fit.json write it (pl_json_num); NULL where the summary names none (no block, or every party's 0). */
json_t *pl_ag_inertia_json(const pl_agreement *a);
/* Each party's patience (periods) as an object party: integer. */
json_t *pl_ag_patience_json(const pl_agreement *a);
/* The report's assumption on the parties' inertia, where some party's is not 0. */
void pl_ag_behaviour_assumptions(pl_report *rep, const pl_agreement *a);
void pl_ag_behaviour_report(pl_report *rep, const pl_agreement *a, const pl_agreement_result *r);

#endif
