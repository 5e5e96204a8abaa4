// SPDX-License-Identifier: MIT
/* agreement_behaviour.h — the second edition's behaviour: choice, time and beliefs.
 *
 * agreement_choice.c: each party's choice around its rule (a tremble, or a logit over
 * what starting or keeping a step is worth to it under its beliefs);
 * agreement_time.c: when a counterpart's step is late in each party's eyes;
 * agreement_beliefs.c: the public beliefs over each party's type, by Bayes' rule;
 * agreement_behaviour.c: the `behaviour:` block of a scenario and its compiled form.
 * All of it is inert when the scenario has no `behaviour:` block (c->behave == 0). */
#ifndef PL_AG_BEHAVIOUR_H
#define PL_AG_BEHAVIOUR_H

#include <math.h>

#include "agreement/agreement_policy.h"
#include "io/yaml_doc.h"

/* A party's choice this period: the steps it may start (cs) and those it may keep or
 * withdraw (ck), with the probability that it starts, or keeps, each. */
typedef struct pl_ag_plan {
    pl_bits cs, ck;
    double p_act[PL_AG_MAX_STEPS]; /* cs: probability of starting; ck: probability of keeping */
} pl_ag_plan;

/* The plan of party p given its rule's move on the snapshot. */
void pl_ag_plan_choice(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_move *rule, pl_ag_plan *pl);
/* Makes party p's rule move and plan current on the snapshot, as its decision does (st->plan_rule[p],
 * plan_cs[p], plan_ck[p] and p_act of its steps; kept from before where they still hold): the same
 * plan as pl_ag_plan_choice on the rule's move, to the bit. */
void pl_ag_plan_now(const pl_ag_compiled *c, pl_ag_state *st, int p);
/* The moves drawn against the plans the decisions made on this snapshot (pl_ag_decide_all_behaved's
 * last part: the plans merged, agg_* and fix_*, are current). */
void pl_ag_decide_drawn(const pl_ag_state *st, pl_ag_move *all);
/* Party p's plan, as the decisions made it on `from`, taken into st: the same snapshot but for p's
 * type, which only p's plan reads (the opening of a run, agreement_simulate.c).  Every entry and bit of
 * p's plan, of its steps' chances and of its type that the decisions wrote, and nothing else. */
void pl_ag_plan_take(const pl_ag_compiled *c, pl_ag_state *st, const pl_ag_state *from, int p);
/* What starting (or keeping in force) own step s is worth to p (its actor: the tables of what the
 * worth counts are made for it) over doing without it, under the public beliefs (the logit's Delta). */
double pl_ag_delta_start(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s);
double pl_ag_delta_keep(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s);
/* The parties' inertia as text, "K by default (PARTY K, ...)" naming each party's that differs, into
 * buf; 0 (and "0") when every party's is 0, as without the key, else 1.  For the summary, report, fit. */
int pl_ag_inertia_text(const pl_agreement *a, char *buf, size_t n);
/* The logit's chance 1 / (1 + exp(-x)).  Where x >= 37 it is exactly 1 without the exp: exp(-37) is
 * 8.5e-17, below half an ulp of 1 (2^-53 = 1.1e-16) by more than exp's error, so 1 + exp(-x) rounds to 1
 * and the quotient is 1 (a sixth of the chances made in six-party-2007's runs).  Below 0, exp once: exp
 * may set errno, so the compiler does not merge two calls. */
static inline double pl_ag_logistic(double x)
{
    if (x >= 37) return 1;
    if (x >= 0) return 1 / (1 + exp(-x));
    double e = exp(x);
    return e / (1 + e);
}
/* The uniform that decides step s at period t (a hash of the run's key: order-free), from the period's
 * base pl_ag_choice_base(key, t): key + G (t 64 + s + 1) modulo 2^64 is the base, key + G (t 64 + 1),
 * plus G s (t and s are not negative, so the sum t 64 + 1 + s converts to 64 bits as its parts do).  A
 * loop over a period's steps makes the base once: no sign extension and one multiplication less a step. */
static inline uint64_t pl_ag_choice_base(uint64_t key, int t) { return key + 0x9E3779B97F4A7C15ULL * (uint64_t)(t * 64 + 1); }

/* G s modulo 2^64 for every step s (agreement_choice.c): read where the draws made it, one load where
 * that was a widening and a multiplication a draw (some 2.5 million draws in `bench_agreement ... 500`) */
extern const uint64_t pl_ag_choice_step[PL_AG_MAX_STEPS];

static inline double pl_ag_choice_u_at(uint64_t base, unsigned s)
{
    uint64_t z = base + pl_ag_choice_step[s];
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}

static inline double pl_ag_choice_u(uint64_t key, int t, int s) { return pl_ag_choice_u_at(pl_ag_choice_base(key, t), (unsigned)s); }

/* A belief in [0, 1] as an integer of 2^-30 (PL_AG_BELIEF_ONE), rounded half away from zero: what
 * llround gives, without the library call at every change of belief (the fraction of a non-negative
 * double below 2^52 is exact, so comparing it with 0.5 rounds as llround does). */
static inline uint32_t pl_ag_belief_q(double b)
{
    double y = b * PL_AG_BELIEF_ONE;
    uint32_t r = (uint32_t)y;
    return r + (y - (double)r >= 0.5);
}

/* The expectations the beliefs give (st->would_do, st->would_answer); after any change of beliefs. */
void pl_ag_expectations(const pl_ag_compiled *c, pl_ag_state *st);
/* The expectations of party j as pl_ag_expectations makes them, from the beliefs `belief` (a row of
 * st->belief, or another's), with st's memory: into *would_answer, and would_do[d] for each of j's steps some
 * type may never do (c->maybe_never). */
void pl_ag_expectation_of(const pl_ag_compiled *c, const pl_ag_state *st, const double *belief, int j,
                          double *would_answer, double *would_do);
/* The rule move of party p if it were of type k (pure: the snapshot is not touched). */
void pl_ag_rule_as(const pl_ag_compiled *c, const pl_ag_state *st, int p, int k, pl_ag_move *m);

/* Lateness on the snapshot of period st->t (call after verification). */
void pl_ag_time_init(const pl_ag_compiled *c, pl_ag_state *st);
void pl_ag_time_update(const pl_ag_compiled *c, pl_ag_state *st);
/* The same with every step's due status tested again and no period skipped as unchanged: what the
 * kept due sets are checked against (tests). */
void pl_ag_time_update_full(const pl_ag_compiled *c, pl_ag_state *st);

/* Beliefs: the priors, and the update by what each party was seen to do in the period
 * (its starts, its reversals, its steps newly late), on the snapshot before the moves.
 * Records each change in o (may be NULL).  Returns 1 if any belief changed. */
void pl_ag_beliefs_init(const pl_ag_compiled *c, pl_ag_state *st);
/* Party j's prior over its types (the beliefs every run opens with), from c's cumulative probabilities. */
void pl_ag_prior_of(const pl_ag_compiled *c, int j, double *prior);
int pl_ag_beliefs_update(const pl_ag_compiled *c, pl_ag_state *st, const pl_ag_move *all, pl_ag_outcome *o);
/* A covert withdrawal of step s on this snapshot: the types of its actor whose rule would withdraw
 * it (bit k), kept until it is found out; then pl_ag_beliefs_reveal updates the public belief
 * about the actor by it (1 - eps for those types, eps for the others).  Returns 1 if it changed. */
uint32_t pl_ag_covert_types(const pl_ag_compiled *c, const pl_ag_state *st, int s);
int pl_ag_beliefs_reveal(const pl_ag_compiled *c, pl_ag_state *st, int s, uint32_t types, pl_ag_outcome *o);
/* The factor of one party's observed evidence under each of its types (likelihoods, for tests). */
void pl_ag_evidence_loglik(const pl_ag_compiled *c, const pl_ag_state *st, int j, const pl_ag_move *all, double *loglik);

/* The `behaviour:` block (agreement_behaviour.c), and its compiled form. */
int pl_ag_read_behaviour(const pl_ydoc *d, const pl_ynode *n, pl_agreement *a, pl_error *err);
void pl_ag_compile_behaviour(const pl_agreement *a, pl_ag_compiled *c);
/* Makes party p follow one policy kind (a person at the stepper, a reference policy in a test),
 * and remakes every table compiled from the parties' types (which types answer, are grim or hold a
 * step; what a plan reads; the steps some type may never do), so none is left describing the old
 * types. */
/* The discounting of the worths (agreement_choice.c) at `discount` a period over `lookahead` periods:
 * delta, the annuity of a flow, each step's delta^duration and, for a step paid as delivered, the
 * worth of its spread payments.  The compiler and the fit's grid (agreement_fit.c) both set it here. */
void pl_ag_set_discounting(pl_ag_compiled *c, double discount, int lookahead);
void pl_ag_set_one_policy(pl_ag_compiled *c, int p, pl_policy_kind kind);

#endif
