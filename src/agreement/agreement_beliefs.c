// SPDX-License-Identifier: MIT
/* agreement_beliefs.c — what the parties believe each other to be, by Bayes' rule.
 *
 * Every party starts from the scenario's prior over each counterpart's type (its policy
 * distribution).  What is verified is public and the prior is common, so every observer
 * holds the same belief about a given party; the model keeps one belief per party (what
 * the others believe of it).  After each period the belief about party j is multiplied by
 * the probability, under each of j's types, of what j was seen to do:
 *   - each step j started or restored: 1 - eps if the type's rule starts it now, else eps;
 *   - each step j withdrew: 1 - eps if the type's rule withdraws it now, else eps;
 *   - each step of j newly late on the public view (held past its deadline and the
 *     scenario's patience): eps if the type's rule would have started it, else 1 - eps;
 * and normalised; and when a secret withdrawal (`covert:`) is found out, by what j did then:
 *   - 1 - eps if the type's rule would have withdrawn the step on the snapshot of the period
 *     it was withdrawn in, else eps (the evidence is the act, read when it is seen).
 * eps is the tremble (at least 0.001, so that no type is ever ruled out
 * for good): observers read each other as rule types that tremble.  A step merely not yet
 * started is no evidence until it is late, so that a party weighing its choice is not
 * taken for a spoiler the first period it waits. */
#include <math.h>

#include "agreement/agreement_behaviour.h"

void pl_ag_prior_of(const pl_ag_compiled *c, int j, double *prior)
{
    double prev = 0;
    for (int k = 0; k < c->n_opt[j]; k++) {
        prior[k] = c->opt_cum[j][k] - prev;
        prev = c->opt_cum[j][k];
    }
}

void pl_ag_beliefs_init(const pl_ag_compiled *c, pl_ag_state *st)
{
    for (int j = 0; j < c->n_parties; j++) pl_ag_prior_of(c, j, st->belief[j]);
    for (int d = 0; d < c->n_steps; d++) st->would_do[d] = 1;
    st->bel_dirty = c->n_parties >= 32 ? ~0u : (1u << c->n_parties) - 1; /* every expectation to be made */
    st->exp_grim = st->grim;
}

/* The mismatches of j's evidence under each of its types (mm[k]) and the fewest (*fewest); returns 1
 * if some type explains it better than another (the fewest are not the most), else it is no news.
 * Inlined in its two callers (the Bayes update's call, at most a party a close, was some 25 instructions
 * of saving and restoring registers). */
static inline __attribute__((always_inline)) int evidence_counts(const pl_ag_compiled *c, const pl_ag_state *st, int j,
                                                                 pl_bits started, pl_bits reversed, pl_bits held,
                                                                 int *mm, int *fewest)
{
    /* j's own type decided on this very snapshot (the simulator, the stepper): its rule move is made */
    const int made = st->pub_t == st->t + 1 && st->plan_epoch == st->pub_epoch && (st->plan_noted >> j & 1) &&
                             !((st->plan_grim ^ st->grim) >> j & 1) &&
                             (st->plan_all_t == st->t + 1 || pl_ag_plan_keys_hold(c, st, j))
                         ? st->type[j]
                         : -1;
    /* the other types' moves as pl_ag_rule_as makes them, with the threats to j made once for all; of
     * the moves only the evidence's steps are read (below), so the types whose rule is the reciprocal
     * frame, or it masked, have theirs from one frame made on those steps alone (pl_ag_rule_by_frame),
     * at the first type that needs it */
    const pl_bits threat = pl_ag_threat(c, st, j), mine = started | reversed | held;
    pl_ag_move frame;
    int framed = 0;
    int lo = 1 << 30, hi = -1;
    for (int k = 0; k < c->n_opt[j]; k++) {
        pl_ag_move m;
        const pl_ag_move *mk = &m;
        if (k == made)
            mk = &st->plan_rule[j]; /* read in place: only its starts and withdrawals count */
        else {
            if (!framed && pl_ag_by_frame(c->opt[j][k].kind)) pl_ag_frame_on(c, st, mine, threat, &frame), framed = 1;
            if (!framed || !pl_ag_rule_by_frame(c, st, j, k, threat, mine, &frame, &m))
                pl_ag_rule_with(c, st, j, k, threat, &m);
        }
        int x = __builtin_popcountll(started & ~mk->start) + __builtin_popcountll(reversed & ~mk->reverse) +
                __builtin_popcountll(held & mk->start);
        mm[k] = x;
        lo = x < lo ? x : lo, hi = x > hi ? x : hi;
    }
    *fewest = lo;
    return lo != hi;
}

static void evidence_of(const pl_ag_compiled *c, const pl_ag_state *st, int j, const pl_ag_move *all, pl_bits *started,
                        pl_bits *reversed, pl_bits *held)
{
    pl_bits own = c->own[j];
    *started = all->start & own;
    *reversed = all->reverse & own;
    *held = st->late_pub_new & own & ~st->prog & ~st->done & ~all->start;
}

void pl_ag_evidence_loglik(const pl_ag_compiled *c, const pl_ag_state *st, int j, const pl_ag_move *all, double *loglik)
{
    pl_bits started, reversed, held;
    evidence_of(c, st, j, all, &started, &reversed, &held);
    int n = __builtin_popcountll(started) + __builtin_popcountll(reversed) + __builtin_popcountll(held);
    int mm[PL_AG_MAX_OPTIONS], lo;
    evidence_counts(c, st, j, started, reversed, held, mm, &lo);
    for (int k = 0; k < c->n_opt[j]; k++) loglik[k] = mm[k] * c->log_eps + (n - mm[k]) * c->log_1m_eps;
}

/* The watching points' beliefs about j updated as apply_evidence updates the run's (below, the same operations
 * in the same order); `ok`: whether the run's sum was positive (its beliefs normalised). */
static __attribute__((noinline)) void watch_evidence(const pl_ag_compiled *c, pl_ag_type_watch *w, int j, const int *mm,
                                                     int lo, int ok)
{
    const int K = c->n_opt[j];
    const double r = c->eps_ratio;
    for (uint32_t b = w->pending & ~w->differs; b; b &= b - 1) {
        const int k = __builtin_ctz(b);
        if (!(w->parties[k] >> j & 1)) continue; /* its beliefs about j are the run's */
        double *bel = w->belief[k][j], sum = 0;
        for (int t = 0; t < K; t++) {
            for (int i = lo; i < mm[t]; i++) bel[t] *= r;
            sum += bel[t];
        }
        if ((sum > 0) != ok) {
            w->differs |= b & -b;
            continue;
        }
        if (ok)
            for (int t = 0; t < K; t++) bel[t] /= sum;
    }
}

/* Multiplies the belief about j by eps / (1 - eps) for each mismatch of each type beyond the fewest,
 * lo (the common (1 - eps)^n cancels), normalises, and records the change.  Only for news: some type
 * has more mismatches than lo.  0 if the beliefs are left as they were. */
static int apply_evidence(const pl_ag_compiled *c, pl_ag_state *st, int j, const int *mm, int lo, pl_ag_outcome *o)
{
    const int K = c->n_opt[j];
    double r = c->eps_ratio, sum = 0;
    for (int k = 0; k < K; k++) {
        for (int i = lo; i < mm[k]; i++) st->belief[j][k] *= r;
        sum += st->belief[j][k];
    }
    if (st->type_watch) watch_evidence(c, st->type_watch, j, mm, lo, sum > 0);
    if (!(sum > 0)) return 0;
    for (int k = 0; k < K; k++) st->belief[j][k] /= sum;
    st->bel_ver++;
    st->bel_dirty |= 1u << j;
    pl_ag_expectations(c, st);
    if (o) {
        int i = o->bel_n < PL_AG_MAX_BELIEF_EVENTS ? o->bel_n++ : PL_AG_MAX_BELIEF_EVENTS - 1;
        o->bel_t[i] = (short)st->t;
        o->bel_j[i] = (signed char)j;
        for (int k = 0; k < K; k++) o->bel_q[i][k] = pl_ag_belief_q(st->belief[j][k]);
    }
    return 1;
}

int pl_ag_beliefs_update(const pl_ag_compiled *c, pl_ag_state *st, const pl_ag_move *all, pl_ag_outcome *o)
{
    pl_bits moved = all->start | all->reverse | st->late_pub_new; /* no move, nothing newly late: no evidence */
    if (!moved) return 0;
    /* every party's evidence (evidence_of) made once: nothing the updates below write moves it */
    const pl_bits start = all->start, reverse = all->reverse, held_all = st->late_pub_new & ~st->prog & ~st->done & ~start;
    uint32_t seen = pl_ag_actors_of(c, start | reverse | held_all); /* the parties with evidence: the actors of the steps that moved */
    int changed = 0;
    for (; seen; seen &= seen - 1) {
        int j = __builtin_ctz(seen);
        if (c->n_opt[j] < 2) continue;
        const pl_bits own = c->own[j], started = start & own, reversed = reverse & own, held = held_all & own;
        int mm[PL_AG_MAX_OPTIONS], lo;
        if (evidence_counts(c, st, j, started, reversed, held, mm, &lo)) /* else every type explains it as well */
            changed |= apply_evidence(c, st, j, mm, lo, o);
    }
    return changed;
}

uint32_t pl_ag_covert_types(const pl_ag_compiled *c, const pl_ag_state *st, int s)
{
    int j = c->actor[s];
    uint32_t types = 0;
    for (int k = 0; k < c->n_opt[j]; k++) {
        pl_ag_move m;
        pl_ag_rule_as(c, st, j, k, &m);
        if (m.reverse >> s & 1) types |= 1u << k;
    }
    return types;
}

int pl_ag_beliefs_reveal(const pl_ag_compiled *c, pl_ag_state *st, int s, uint32_t types, pl_ag_outcome *o)
{
    const int j = c->actor[s], K = c->n_opt[j];
    if (K < 2) return 0;
    const uint32_t all = (1u << K) - 1;
    if (!(types & all) || (types & all) == all) return 0; /* every type would have, or none: no news */
    int mm[PL_AG_MAX_OPTIONS];
    for (int k = 0; k < K; k++) mm[k] = !(types >> k & 1);
    return apply_evidence(c, st, j, mm, 0, o);
}

void pl_ag_belief_prior(const pl_ag_compiled *c, uint32_t prior[][PL_AG_MAX_OPTIONS])
{
    for (int j = 0; j < c->n_parties; j++) {
        double row[PL_AG_MAX_OPTIONS];
        pl_ag_prior_of(c, j, row);
        for (int k = 0; k < c->n_opt[j]; k++) prior[j][k] = (uint32_t)llround(row[k] * PL_AG_BELIEF_ONE);
    }
}

void pl_ag_belief_accumulate(const pl_ag_compiled *c, const uint32_t prior[][PL_AG_MAX_OPTIONS], const pl_ag_outcome *o,
                             uint64_t *q)
{
    /* a difference array: each change at its period as new less old (modulo 2^64, exact); the prior's
     * entries at period 0, the same in every run, are added once for all the runs by pl_ag_belief_prefix,
     * which makes the sums.  O(changes) a run, not O(horizon): a party's old belief is the prior until
     * its first change in the run (`seen`). */
    const int P = c->n_parties;
    uint32_t cur[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    uint32_t seen = 0;
    for (int e = 0; e < o->bel_n; e++) {
        int j = o->bel_j[e];
        const uint32_t *old = (seen >> j & 1) ? cur[j] : prior[j];
        uint64_t *row = q + (size_t)o->bel_t[e] * P * PL_AG_MAX_OPTIONS + (size_t)j * PL_AG_MAX_OPTIONS;
        for (int k = 0; k < c->n_opt[j]; k++) {
            row[k] += (uint64_t)o->bel_q[e][k] - (uint64_t)old[k];
            cur[j][k] = o->bel_q[e][k];
        }
        seen |= 1u << j;
    }
}

void pl_ag_belief_prefix(const pl_ag_compiled *c, const uint32_t prior[][PL_AG_MAX_OPTIONS], uint64_t runs, uint64_t *q)
{
    for (int j = 0; j < c->n_parties; j++) /* the prior, at period 0, of each of the runs accumulated */
        for (int k = 0; k < c->n_opt[j]; k++) q[j * PL_AG_MAX_OPTIONS + k] += (uint64_t)prior[j][k] * runs;
    const size_t row = (size_t)c->n_parties * PL_AG_MAX_OPTIONS;
    for (int t = 1; t < c->horizon; t++)
        for (size_t i = 0; i < row; i++) q[(size_t)t * row + i] += q[(size_t)(t - 1) * row + i];
}
