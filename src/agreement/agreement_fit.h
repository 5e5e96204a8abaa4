// SPDX-License-Identifier: MIT
/* agreement_fit.h — the fit of an agreement's behaviour to its dated record (agreement_fit.c). */
#ifndef PL_AG_FIT_H
#define PL_AG_FIT_H

#include "agreement/agreement.h"

#define PL_AG_FIT_MAX_MILESTONES 64
#define PL_AG_FIT_NEVER 1000 /* the patience that never counts a step late (the grid's last) */
#define PL_AG_FIT_FLAT 0.05 /* log likelihood within which a profile counts as at its maximum */

typedef struct pl_agreement_fit_milestone {
    int step, reversal, period; /* the first recorded completion (reversal = 0) or withdrawal of a step */
    uint64_t hits, ever;        /* runs where it recurred within the window; at any time */
} pl_agreement_fit_milestone;

struct pl_agreement_fit {
    int n_parties, periods, n_grid;
    pl_bits recorded;
    pl_agreement_fit_point best;   /* maximum likelihood */
    int best_index[4];             /* its place in the grid: rationality, tremble, patience, discount */
    int edge;                      /* bit i: parameter i's plateau reaches the last value searched */
    int flat_lo[4], flat_hi[4];    /* each parameter's plateau: grid indices within PL_AG_FIT_FLAT of the maximum */
    double best_ll;                /* log likelihood there (types summed out under the prior) */
    double loglik_type[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS]; /* at the maximum */
    int n_types[PL_AG_MAX_PARTIES];
    double prior[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    double posterior[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];     /* at the maximum */
    double posterior_avg[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS]; /* averaged over the grid */
    double profile_lambda[16], profile_eps[16], profile_patience[16], profile_delta[16];
    int window;
    uint64_t predictive_runs;
    double predictive_complete;
    int n_milestones;
    pl_agreement_fit_milestone milestone[PL_AG_FIT_MAX_MILESTONES];
    uint64_t late_answer[PL_AG_MAX_STEPS][PL_AG_MAX_STEPS];
    double seconds_likelihood, seconds_predictive;
};

/* log L of the record under each type of each party, at one point (tests use it). */
int pl_ag_fit_loglik_types(const pl_agreement *a, const pl_agreement_fit_point *g, double ll[][PL_AG_MAX_OPTIONS],
                           pl_error *err);
int pl_ag_fit_predictive(const pl_agreement *a, const pl_ag_compiled *c, const pl_agreement_fit_config *cfg,
                         pl_agreement_fit *f, pl_error *err);

/* The grid the fit searches (agreement_fit.c), for writers. */
extern const double pl_ag_fit_grid_lambda[], pl_ag_fit_grid_eps[], pl_ag_fit_grid_delta[];
extern const int pl_ag_fit_grid_patience[];
extern const int pl_ag_fit_grid_n[4];

#endif
