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
    pl_agreement_fit_point best;   /* maximum likelihood: the grid's best, refined (pl_ag_fit_refine) */
    double best_ll;                /* log likelihood there (types summed out under the prior) */
    pl_agreement_fit_point grid_best; /* the grid's best point (the first of its largest, in grid order) */
    double grid_best_ll;
    int best_index[4];             /* the grid's best's place in the grid: rationality, tremble, patience, discount */
    int refine_rounds, refine_evals; /* the refinement's rounds over the parameters, and likelihoods computed */
    int edge;                      /* bit i: parameter i's plateau reaches the last value searched */
    int own_end;                   /* bit i: ... reaches an end of the parameter's own scale (pl_ag_fit_own_end) */
    int flat_lo[4], flat_hi[4];    /* each parameter's plateau: grid indices within PL_AG_FIT_FLAT of the grid's best */
    double loglik_type[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS]; /* at the maximum (refined) */
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

/* The maximum of f over [lo, hi] by golden-section search, narrowed until the bracket is at most
 * tol wide: the best of the points it computed (both ends among them, the first of the largest),
 * its place in *at.  The maximum of f when f is unimodal on [lo, hi]; never below f at either end. */
double pl_ag_golden_max(double (*f)(void *ctx, double x), void *ctx, double lo, double hi, double tol, double *at);

/* The grid the fit searches (agreement_fit.c), for writers. */
extern const double pl_ag_fit_grid_lambda[], pl_ag_fit_grid_eps[], pl_ag_fit_grid_delta[];
extern const int pl_ag_fit_grid_patience[];
extern const int pl_ag_fit_grid_n[4];
/* 1 if grid value x of parameter i (0 rationality, 1 tremble, 2 patience, 3 discount) is an end of the
 * parameter's own scale (the rule; patience 0 and without end; discount 0), not only of the grid's. */
/* The behaviour parameters of a fitted point as every output writes them (the fit's maximum, the design
 * search's and a run's fitted behaviour): "rationality 54.89, tremble 0.03705, patience 36, discount
 * 0.8097", four significant digits, the rule as "rule" and patience without end as "never"; and as
 * JSON ({rationality ("rule"), tremble, patience, discount}, full precision). */
void pl_ag_fit_point_text(const pl_agreement_fit_point *g, char *buf, size_t n);
struct json_t *pl_ag_fit_point_json(const pl_agreement_fit_point *g);
int pl_ag_fit_own_end(int i, int x);

#endif
