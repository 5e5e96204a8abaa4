// SPDX-License-Identifier: MIT
/* agreement_design.h — the design search's block, results and writers (agreement_design.c,
 * agreement_design_output.c), for the loader, the command's library calls and the tests.
 *
 * A design is the base variant's sequencing with each free link (`design_search: free:`) on
 * or off: bit i of its mask says whether free link i is in force. */
#ifndef PL_AG_DESIGN_H
#define PL_AG_DESIGN_H

#include "agreement/agreement.h"
#include "io/yaml_doc.h"

#define PL_AG_DESIGN_WORLDS 2 /* the sets of types a design is judged under: the priors; the fit's posterior */

typedef struct pl_ag_design {
    uint64_t mask;            /* free links on (bit i: free link i) */
    int shipped;              /* -1: a design of the search; else the shipped variant it is */
    int problem;              /* 0: it can run; else pl_ag_requires_problem's code (never run) */
    uint64_t screen_done[PL_AG_DESIGN_WORLDS];   /* completed runs of the screen */
    int confirmed;
    uint64_t done[PL_AG_DESIGN_WORLDS];          /* completed runs of the re-estimate */
    uint64_t only_me[PL_AG_DESIGN_WORLDS], only_ref[PL_AG_DESIGN_WORLDS]; /* paired against the reference */
    double pay[PL_AG_DESIGN_WORLDS][PL_AG_MAX_PARTIES];                   /* mean payoffs of the re-estimate */
    pl_ag_incentive_row inc[PL_AG_DESIGN_WORLDS];
    int self_enforcing;       /* self-enforcing in every set of types */
    uint64_t *bits[PL_AG_DESIGN_WORLDS];          /* completion of each re-estimate run (while pairing) */
} pl_ag_design;

struct pl_agreement_design_result {
    int n_worlds, exhaustive, n_free, base;
    uint64_t runs, confirm_runs, check_runs, seed;
    uint64_t base_mask;
    pl_bits fixed[PL_AG_MAX_STEPS]; /* the base's requires less every free link */
    int n_screened, n_infeasible, n_starts, n_moves, budget_hit;
    pl_ag_design *screened;   /* every design screened, in the order screened */
    int n_cand;
    pl_ag_design *cand;       /* the best designs of the search, then the shipped variants */
    int reference;            /* the best shipped variant (robust completion of the re-estimate) */
    int best;                 /* the best design of the search */
    int best_se;              /* the best self-enforcing design of the search, -1 none */
    int beats;                /* best_se completes more often than the reference in every set of types
                               * (paired 95% interval above 0) */
    int best_beats;           /* the same for `best`, self-enforcing or not */
    double tolerance;
    int has_fit;
    pl_agreement_fit_point fitted;
    double posterior[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
};

/* The `design_search:` block (checked at its file:line:col; after steps and variants). */
int pl_ag_read_design(const pl_ydoc *d, const pl_ynode *n, pl_agreement *a, pl_error *err);

/* A design's share completed in world w of the screen or of the re-estimate; the smaller over
 * the worlds (what the search maximises: robust across the priors and the posterior). */
double pl_ag_design_screen_rate(const pl_agreement_design_result *r, const pl_ag_design *d, int w);
double pl_ag_design_rate(const pl_agreement_design_result *r, const pl_ag_design *d, int w);
double pl_ag_design_robust(const pl_agreement_design_result *r, const pl_ag_design *d, int screen);
/* The paired difference of a candidate against the reference in world w, with its 95% interval. */
pl_interval pl_ag_design_paired(const pl_agreement_design_result *r, const pl_ag_design *d, int w);
/* A design's name: the shipped variant's id, or "D" and its free links as 0/1 from the first. */
void pl_ag_design_name(const pl_agreement *a, const pl_agreement_design_result *r, const pl_ag_design *d, char *buf,
                       size_t n);
/* What a design changes from the base: "+A<-B -C<-D", or "(the base)". */
void pl_ag_design_changes(const pl_agreement *a, const pl_agreement_design_result *r, const pl_ag_design *d, char *buf,
                          size_t n);
/* The requires of every step under a candidate (a design, or a shipped variant). */
void pl_ag_design_requires(const pl_agreement *a, const pl_agreement_design_result *r, const pl_ag_design *d,
                           pl_bits *req);

#endif
