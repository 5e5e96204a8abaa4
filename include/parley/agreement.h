/* SPDX-License-Identifier: MIT */
/* parley/agreement.h — phased agreements: "commitment for commitment, action for action".
 *
 * An agreement is a set of steps, each a commitment of one party, conditioned on
 * other steps being verified complete (`requires`).  Each party follows a policy
 * (reciprocal, unconditional, all_first, grit, grim, opportunist, hold), drawn
 * per run from a probability distribution.  The simulator runs the agreement many
 * times, every variant of its sequencing on the same random streams, and reports
 * completion, time to completion, breakdown and payoffs; the replay runs a dated
 * record of what happened through the agreement and gives the compliance ledger.
 *
 * Objects: pl_agreement (a validated model, from a scenario file),
 * pl_agreement_result (simulation), pl_agreement_ledger (replay); each has one
 * create and one free.  Errors come back as values; nothing here prints. */
#ifndef PARLEY_AGREEMENT_H
#define PARLEY_AGREEMENT_H

#include "parley/common.h"

#include <stdint.h>
#include <stdio.h>
#include "parley/error.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_agreement pl_agreement;
typedef struct pl_agreement_result pl_agreement_result;
typedef struct pl_agreement_ledger pl_agreement_ledger;

/* Loads and validates an agreement scenario (YAML, `kind: agreement`).  Every
 * problem is reported as "file:line:col: what was expected" with PL_EINVAL. */
PL_EXTERN int pl_agreement_load(pl_agreement **out, const char *path, pl_error *err);
/* The same with n_sets values of the file changed first ("PATH=VALUE", pl_scenario_set): what
 * the fit and the design search print and write (pl_agreement_fit_print, ..._write_json,
 * pl_agreement_design_print, ..._write) records the changes.  An error the changed file
 * causes names the --set. */
PL_EXTERN int pl_agreement_load_set(pl_agreement **out, const char *path, const char *const *sets, int n_sets,
                                    pl_error *err);
/* The same from a scenario already open (parley/scenario.h), with its changes (pl_scenario_set);
 * PL_EINVAL for another kind. */
PL_EXTERN int pl_agreement_from_scenario(pl_agreement **out, const pl_scenario *s, pl_error *err);
PL_EXTERN void pl_agreement_free(pl_agreement *a);

PL_EXTERN int pl_agreement_n_parties(const pl_agreement *a);
PL_EXTERN int pl_agreement_n_steps(const pl_agreement *a);
PL_EXTERN int pl_agreement_n_variants(const pl_agreement *a);
PL_EXTERN const char *pl_agreement_party_id(const pl_agreement *a, int i);
PL_EXTERN const char *pl_agreement_step_id(const pl_agreement *a, int i);
PL_EXTERN const char *pl_agreement_variant_id(const pl_agreement *a, int i);
/* Index of a step, party or variant by id, or -1. */
PL_EXTERN int pl_agreement_find_step(const pl_agreement *a, const char *id);
PL_EXTERN int pl_agreement_find_party(const pl_agreement *a, const char *id);
PL_EXTERN int pl_agreement_find_variant(const pl_agreement *a, const char *id);
/* 1 if the scenario carries a dated record to replay. */
PL_EXTERN int pl_agreement_has_record(const pl_agreement *a);

typedef struct pl_agreement_sim_config {
    uint64_t runs;
    uint64_t seed;
    int threads;                /* >= 1; results do not depend on it */
    void (*progress)(void *user, uint64_t done, uint64_t total); /* may be NULL; called from workers */
    void *progress_user;
    int completion_only;        /* 1: count only completions, their times and the paired differences
                                 * (each run ends at completion: the other statistics stay zero) */
} pl_agreement_sim_config;
/* 10000 runs, seed 1, one thread, no progress. */
PL_EXTERN void pl_agreement_sim_config_default(pl_agreement_sim_config *cfg);

/* Runs every variant `runs` times on common random numbers: run i of every
 * variant draws from the stream (seed, i). */
PL_EXTERN int pl_agreement_simulate(const pl_agreement *a, const pl_agreement_sim_config *cfg, pl_agreement_result **out,
                                    pl_error *err);
PL_EXTERN void pl_agreement_result_free(pl_agreement_result *r);

typedef struct pl_interval {
    double est, lo, hi;         /* estimate and 95% interval */
} pl_interval;

/* Probability that the whole agreement completes under variant v (Wilson interval). */
PL_EXTERN pl_interval pl_agreement_result_p_complete(const pl_agreement_result *r, int v);
/* Probability that step s completes at least once under variant v. */
PL_EXTERN pl_interval pl_agreement_result_p_step(const pl_agreement_result *r, int v, int s);
/* Mean payoff of party p under variant v (normal interval of the mean). */
PL_EXTERN pl_interval pl_agreement_result_payoff(const pl_agreement_result *r, int v, int p);
/* Mean time to completion in periods among completed runs (NAN if none completed). */
PL_EXTERN double pl_agreement_result_mean_time(const pl_agreement_result *r, int v);

/* Replays the scenario's record through its agreement. */
PL_EXTERN int pl_agreement_replay(const pl_agreement *a, pl_agreement_ledger **out, pl_error *err);
PL_EXTERN void pl_agreement_ledger_free(pl_agreement_ledger *l);
/* Period of a step's first completion on the record, or -1. */
PL_EXTERN int pl_agreement_ledger_completed(const pl_agreement_ledger *l, int s);
/* Quantity of step s delivered by the end of the record. */
PL_EXTERN double pl_agreement_ledger_delivered(const pl_agreement_ledger *l, int s);

/* ---- fitting behaviour to the record ---------------------------------------
 * The likelihood of the scenario's dated record under each party's types and a grid of
 * behaviour parameters (rationality, tremble, patience, discount), the posterior over
 * each party's type, the maximum-likelihood parameters (the grid's best, refined by
 * golden-section search), and a posterior-predictive check
 * (how often the record's completions and withdrawals recur within a window).
 * The method is stated in src/agreement/agreement_fit.c and docs/agreements.md. */
typedef struct pl_agreement_fit pl_agreement_fit;
typedef struct pl_agreement_fit_point {
    double rationality;  /* lambda of the logit; INFINITY: the rule with a tremble */
    double tremble;
    int patience;
    double discount;
} pl_agreement_fit_point;
typedef struct pl_agreement_fit_config {
    uint64_t runs;       /* predictive runs (default 5000) */
    uint64_t seed;
    int seed_given;
    int window;          /* periods either side of a recorded date that count as a recurrence (default 3) */
    int threads;         /* worker threads of the grid and the check (default 1); never changes a result */
    /* Progress (each may be NULL; called from the calling thread, with progress_user): phase names
     * each part as it begins ("likelihood grid", "predictive check"), progress reports its items
     * done of its total (grid points, runs). */
    void (*phase)(void *user, const char *name);
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
} pl_agreement_fit_config;
/* 5000 predictive runs, the scenario's seed, a window of 3 periods. */
PL_EXTERN void pl_agreement_fit_config_default(pl_agreement_fit_config *cfg);
PL_EXTERN int pl_agreement_fit_record(const pl_agreement *a, const pl_agreement_fit_config *cfg, pl_agreement_fit **out,
                                      pl_error *err);
PL_EXTERN void pl_agreement_fit_free(pl_agreement_fit *f);
PL_EXTERN pl_agreement_fit_point pl_agreement_fit_best(const pl_agreement_fit *f);
PL_EXTERN double pl_agreement_fit_loglik(const pl_agreement_fit *f);
PL_EXTERN double pl_agreement_fit_posterior(const pl_agreement_fit *f, int party, int type);
PL_EXTERN int pl_agreement_fit_n_types(const pl_agreement_fit *f, int party);
/* Gives the scenario the fitted behaviour, and each party the posterior as its prior
 * (`parley run --types posterior`). */
PL_EXTERN int pl_agreement_apply_fit(pl_agreement *a, const pl_agreement_fit *f);
/* The fit as text (the command's summary), and as JSON in DIR/fit.json (DIR made if missing). */
PL_EXTERN void pl_agreement_fit_print(FILE *out, const pl_agreement *a, const pl_agreement_fit *f);
PL_EXTERN int pl_agreement_fit_write_json(const char *dir, const pl_agreement *a, const pl_agreement_fit *f, pl_error *err);

/* ---- searching the sequencing designs ----------------------------------------
 * The scenario's `design_search:` block names the `requires` links that may change (each
 * free link on or off, on top of a base variant's sequencing).  The search tries every
 * design where there are few free links, and a steepest-ascent local search where there
 * are many; it screens each design's completion under the priors and (with a record)
 * under the fit's posterior types, every design on the same runs (common random numbers);
 * then re-estimates the best designs and the shipped variants on fresh runs, paired against
 * the best shipped one, with the incentive checks (self-enforcing or not) in each set of
 * types.  The method is stated in src/agreement/agreement_design.c and docs/agreements.md. */
typedef struct pl_agreement_design_result pl_agreement_design_result;
typedef struct pl_agreement_design_config {
    uint64_t runs;          /* screening runs per design and set of types (default 2000) */
    uint64_t confirm_runs;  /* runs of the re-estimate, fresh runs after the screen's (default 10000) */
    uint64_t check_runs;    /* runs of each incentive check (default 2000) */
    int top;                /* designs of the search re-estimated and checked (default 8) */
    int exhaustive_max;     /* free links up to which every design is tried (default 10) */
    int max_designs;        /* the local search's budget of designs screened (default 4000) */
    uint64_t seed;
    int seed_given;
    int threads;            /* >= 1; results do not depend on it */
    int prior_only;         /* 1: only under the priors, even with a record */
    /* Progress (each may be NULL; called from the calling thread, with progress_user): phase names
     * each part as it begins ("screen" of every design, or "local search"; "re-estimate", with the
     * incentive checks), progress reports its designs done of its total (the local search: designs
     * screened of its budget, so it may end short of it). */
    void (*phase)(void *user, const char *name);
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
} pl_agreement_design_config;
/* The defaults above, the scenario's seed, one thread. */
PL_EXTERN void pl_agreement_design_config_default(pl_agreement_design_config *cfg);
/* PL_EINVAL (with the reason) when the scenario has no `design_search:` block. */
PL_EXTERN int pl_agreement_design_search(const pl_agreement *a, const pl_agreement_design_config *cfg,
                                         pl_agreement_design_result **out, pl_error *err);
PL_EXTERN void pl_agreement_design_free(pl_agreement_design_result *r);
/* The search's answer as text; and DIR/designs.csv, DIR/screen.csv, DIR/results.json and
 * DIR/report.html (DIR made if missing). */
PL_EXTERN void pl_agreement_design_print(FILE *out, const pl_agreement *a, const pl_agreement_design_result *r);
PL_EXTERN int pl_agreement_design_write(const char *dir, const pl_agreement *a, const pl_agreement_design_result *r,
                                        pl_error *err);
/* Whether the scenario declares a design search (`design_search:`). */
PL_EXTERN int pl_agreement_has_design_space(const pl_agreement *a);

/* ---- the model, for front ends ------------------------------------------ */

PL_EXTERN const char *pl_agreement_name(const pl_agreement *a);
PL_EXTERN const char *pl_agreement_party_name(const pl_agreement *a, int p);   /* its display name, else its id */
PL_EXTERN const char *pl_agreement_step_name(const pl_agreement *a, int s);    /* its display name, else its id */
PL_EXTERN const char *pl_agreement_step_phase(const pl_agreement *a, int s);
PL_EXTERN int pl_agreement_step_actor(const pl_agreement *a, int s);
PL_EXTERN int pl_agreement_step_reversible(const pl_agreement *a, int s);
PL_EXTERN int pl_agreement_step_core(const pl_agreement *a, int s);
/* The first period the step may start in (its `not_before:`; 0 when it has none). */
PL_EXTERN int pl_agreement_step_not_before(const pl_agreement *a, int s);
PL_EXTERN int pl_agreement_horizon(const pl_agreement *a);
PL_EXTERN const char *pl_agreement_shock_id(const pl_agreement *a, int k);
PL_EXTERN uint64_t pl_agreement_seed(const pl_agreement *a);             /* the scenario's `seed:` */
PL_EXTERN const char *pl_agreement_assumptions(const pl_agreement *a);   /* its `assumptions:`, or NULL */
/* Period t as a date or label of the scenario's calendar ("2007-03"). */
PL_EXTERN void pl_agreement_period_label(const pl_agreement *a, int t, char *buf, int len);

/* ---- stepping one run, one period at a time -----------------------------------
 * A stepper plays one run of the simulator (run `run` of the stream `seed`: the
 * same policy types, verification delays, false reports and shocks as run `run`
 * of pl_agreement_simulate) period by period, with one party's moves given by the
 * caller each period, and every other party following the policy drawn for it.
 * Each period goes through the simulator's own code: shocks and verification
 * first, then every party decides on the same snapshot, then the moves, the work
 * and the flows.  The caller's party has a reference policy, which still
 * "decides" each period (so that its memory, e.g. grim's trigger, follows the
 * run) and which pl_agreement_stepper_policy_move reports; stepping with its
 * moves gives exactly the simulator's run. */
typedef struct pl_agreement_stepper pl_agreement_stepper; /* opaque */

/* What a step is, as every party sees it at the current period. */
typedef enum pl_agreement_step_status {
    PL_AGS_WAITING,   /* not started; something it requires is not verified */
    PL_AGS_DUE,       /* not started; everything it requires is verified and its not_before date has come */
    PL_AGS_UNDER_WAY, /* started, periods of work left */
    PL_AGS_DONE,      /* complete, in force, not yet verified */
    PL_AGS_VERIFIED,  /* complete, in force, verified */
    PL_AGS_BREACH,    /* complete, reported in breach (a false report, until confirmed again) */
    PL_AGS_REVERSED   /* reversed or suspended, not restored */
} pl_agreement_step_status;

/* Events of a period (for a front end's log). */
enum { PL_AGE_START, PL_AGE_RESTART, PL_AGE_COMPLETE, PL_AGE_VERIFY, PL_AGE_REVERSE, PL_AGE_FALSE_REPORT, PL_AGE_SHOCK };

/* variant: index, or -1 for the scenario's first (or only) sequencing.  party: the caller's.
 * reference: the caller's party's policy ("reciprocal", "unconditional", "grim",
 * "opportunist"), or NULL for the one drawn from its distribution.  The agreement must
 * outlive the stepper. */
PL_EXTERN int pl_agreement_stepper_create(pl_agreement_stepper **out, const pl_agreement *a, int variant, int party,
                                          uint64_t seed, uint64_t run, const char *reference, pl_error *err);
PL_EXTERN void pl_agreement_stepper_free(pl_agreement_stepper *st);

PL_EXTERN int pl_agreement_stepper_period(const pl_agreement_stepper *st);  /* the period to decide now */
PL_EXTERN int pl_agreement_stepper_done(const pl_agreement_stepper *st);    /* 1 once the horizon is reached */
PL_EXTERN int pl_agreement_stepper_party(const pl_agreement_stepper *st);
/* Bit s set: the caller's party may start (or restore) step s now: one of its own, not under
 * way or in force, past its not_before.  Starting one that is not yet due is a unilateral step. */
PL_EXTERN uint64_t pl_agreement_stepper_can_start(const pl_agreement_stepper *st);
/* Bit s set: the party may reverse step s now (its own, reversible and in force, or under way). */
PL_EXTERN uint64_t pl_agreement_stepper_can_reverse(const pl_agreement_stepper *st);
/* What the reference policy would do this period. */
PL_EXTERN void pl_agreement_stepper_policy_move(const pl_agreement_stepper *st, uint64_t *start, uint64_t *reverse);
/* Plays the period: the party starts the steps in `start` and reverses those in `reverse`
 * (both 0: it waits).  A reversal that answers a counterpart's reversal of a step exchanged
 * for it counts as an answer (it calls for no answer in turn), as for the policies.
 * PL_EINVAL for a step it may not start or reverse now, or once the run is over. */
PL_EXTERN int pl_agreement_stepper_step(pl_agreement_stepper *st, uint64_t start, uint64_t reverse, pl_error *err);
/* Plays the period with the reference policy deciding for the party. */
PL_EXTERN int pl_agreement_stepper_step_policy(pl_agreement_stepper *st, pl_error *err);
/* 1 when the last period left the agreement at rest: nothing will change unless the party
 * acts (no work under way, no verification or shock to come, nobody moved). */
PL_EXTERN int pl_agreement_stepper_at_rest(const pl_agreement_stepper *st);
/* The party waits to the horizon; at rest, the remaining periods are added at once, as the
 * simulator does. */
PL_EXTERN int pl_agreement_stepper_wait_to_end(pl_agreement_stepper *st, pl_error *err);
/* At rest: jumps to the next period at which some other party's choice may act (with a
 * `behaviour:` block, a tremble or a logit choice; without, the horizon), adding the flows
 * of the periods passed, exactly as the simulator does.  Nothing happens when not at rest. */
PL_EXTERN int pl_agreement_stepper_skip(pl_agreement_stepper *st, pl_error *err);

PL_EXTERN pl_agreement_step_status pl_agreement_stepper_status(const pl_agreement_stepper *st, int s);
PL_EXTERN double pl_agreement_stepper_payoff(const pl_agreement_stepper *st, int p);  /* so far */
/* The name of the policy party p follows in this run (the caller's party: the reference). */
PL_EXTERN const char *pl_agreement_stepper_policy(const pl_agreement_stepper *st, int p);
/* First period every core step was in force, or -1. */
PL_EXTERN int pl_agreement_stepper_completed(const pl_agreement_stepper *st);
/* 1 if every core step is in force now. */
PL_EXTERN int pl_agreement_stepper_holds(const pl_agreement_stepper *st);
/* The first reversal: its step, its party (n_parties for a shock) and period; step -1 if none. */
PL_EXTERN void pl_agreement_stepper_first_reversal(const pl_agreement_stepper *st, int *step, int *party, int *period);
/* The events since the caller last decided (the end of the period played and the opening
 * of the next): kind (PL_AGE_*), step (-1 for a shock), party (the shock's index for a shock). */
PL_EXTERN int pl_agreement_stepper_n_events(const pl_agreement_stepper *st);
PL_EXTERN void pl_agreement_stepper_event(const pl_agreement_stepper *st, int i, int *kind, int *step, int *party, int *period);

#ifdef __cplusplus
}
#endif
#endif
