/* agreement_policy.h — what each party does each period, from what it has verified.
 *
 * A policy sees the common public state (which steps are verified, which have
 * been reversed or reported breached) and returns the set of its own steps to
 * start or restore and the set to reverse.  All parties decide on the same
 * snapshot, so moves within a period are simultaneous.  The rules, in words,
 * are in docs/agreements.md; the essentials:
 *  - reciprocal: start a step when every step it requires is verified; when a
 *    counterpart reverses a step exchanged for ours (one ours requires, or one
 *    that requires ours), reverse ours; resume when it is restored.  A reversal
 *    that was itself an answer does not call for an answer (no endless echo),
 *    and a step we reversed may be restored once what it requires is verified
 *    or was withdrawn only in answer to us.
 *  - unconditional: do every own step at once, never reverse.
 *  - all_first: reciprocal, and start nothing until every counterpart step it
 *    waits for is verified ("denuclearisation first"); with `gates`, only
 *    the named own steps wait.
 *  - grit: start the initiatives at once and keep them; reciprocal otherwise.
 *  - grim: reciprocal until the first counterpart reversal, then reverse all
 *    it can and never act again.
 *  - opportunist: reciprocal, but reverse a step that costs it to keep in force
 *    once nothing more depends on it and what it would lose in answer is worth
 *    less per period than what it saves.
 *  - hold: reciprocal, but never does the held steps (a spoiler).
 * Kept inline: the simulator calls this for every party every period. */
#ifndef PL_AG_POLICY_H
#define PL_AG_POLICY_H

#include "agreement/agreement.h"

typedef struct pl_ag_state {
    int t;
    pl_bits started, prog, done, rev, verified, breach, retal, opp, ever_done;
    int grim_on[PL_AG_MAX_PARTIES];
    int type[PL_AG_MAX_PARTIES];
} pl_ag_state;

typedef struct pl_ag_move {
    pl_bits start, reverse, retal, opp;
} pl_ag_move;

/* One run in progress: the public state and what the simulator keeps beside it.
 * pl_ag_run plays a whole run with it; the stepper (agreement_stepper.c) one period at a time. */
typedef struct pl_ag_run_state {
    pl_ag_state st;
    pl_rng late;
    int t;                       /* the period to play next */
    int occ_i;                   /* next shock occurrence */
    int max_not_before;
    int remaining[PL_AG_MAX_STEPS], verify_at[PL_AG_MAX_STEPS], false_at[PL_AG_MAX_STEPS];
    int rev_t[PL_AG_MAX_STEPS];  /* first reversal of each step (valid where ever_rev) */
    double delivered[PL_AG_MAX_STEPS];
    pl_bits ver_drawn, false_drawn, ever_rev;
} pl_ag_run_state;

/* The pieces of pl_ag_run (agreement_simulate.c), in the order it calls them: begin, then for each
 * period open, every party's pl_ag_decide, close (and, when close says the run is at
 * rest, fast_forward and stop), then finish. */
void pl_ag_begin(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o);
void pl_ag_period_open(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                       const pl_ag_trace *tr);
int pl_ag_period_close(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                       const pl_ag_move *all, const pl_ag_trace *tr);
void pl_ag_fast_forward(const pl_ag_compiled *c, pl_ag_run_state *R, pl_ag_outcome *o);
void pl_ag_finish(const pl_ag_compiled *c, const pl_ag_run_state *R, pl_ag_outcome *o);

/* Steps of party p (within `mine`) to start or restore under reciprocal rules. */
static inline pl_bits pl_ag_reciprocal_starts(const pl_ag_compiled *c, const pl_ag_state *st, pl_bits mine,
                                              pl_bits threat, pl_bits blocked)
{
    pl_bits out = 0;
    pl_bits cand = mine & ~st->prog & ~st->done & ~st->opp & ~blocked;
    for (pl_bits b = cand; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (c->not_before[s] > st->t) continue;
        if (c->link[s] & threat) continue;
        pl_bits ok = st->verified;
        if (st->rev & PL_BIT(s)) ok |= st->rev & st->retal; /* restoring: answers to us do not block */
        if (c->req[s] & ~ok) continue;
        out |= PL_BIT(s);
    }
    return out;
}

/* Own steps in force or under way that a reciprocal party withdraws in answer to `threat`. */
static inline pl_bits pl_ag_reciprocal_reversals(const pl_ag_compiled *c, const pl_ag_state *st, pl_bits mine,
                                                 pl_bits threat)
{
    pl_bits out = 0;
    if (!threat) return 0;
    pl_bits cand = mine & ((st->done & c->reversible) | st->prog);
    for (pl_bits b = cand; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (c->link[s] & threat) out |= PL_BIT(s);
    }
    return out;
}

static inline void pl_ag_decide(const pl_ag_compiled *c, pl_ag_state *st, int p, pl_ag_move *m)
{
    const pl_ag_copt *o = &c->opt[p][st->type[p]];
    pl_bits own = c->own[p];
    pl_bits seen_rev = st->rev | st->breach;
    pl_bits threat = seen_rev & ~own & ~st->retal; /* counterpart reversals that call for an answer */
    m->start = m->reverse = m->retal = m->opp = 0;
    switch (o->kind) {
    case PL_POL_UNCONDITIONAL: {
        for (pl_bits b = own & ~st->prog & ~st->done; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (c->not_before[s] <= st->t) m->start |= PL_BIT(s);
        }
        return;
    }
    case PL_POL_GRIM:
        if (!st->grim_on[p] && threat) st->grim_on[p] = 1;
        if (st->grim_on[p]) {
            m->reverse = own & ((st->done & c->reversible) | st->prog);
            m->retal = m->reverse;
            return;
        }
        break;
    default: break;
    }
    pl_bits mine = own, keep = 0;
    if (o->kind == PL_POL_HOLD) mine &= ~o->steps;
    if (o->kind == PL_POL_GRIT) {
        keep = own & o->steps;
        for (pl_bits b = keep & ~st->prog & ~st->done; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (c->not_before[s] <= st->t) m->start |= PL_BIT(s);
        }
        mine &= ~keep;
    }
    m->reverse = pl_ag_reciprocal_reversals(c, st, mine, threat);
    m->retal = m->reverse;
    pl_bits blocked = m->reverse;
    if (o->kind == PL_POL_ALL_FIRST && (o->steps & ~st->verified)) blocked |= mine & ~st->started & ~o->exempt;
    m->start |= pl_ag_reciprocal_starts(c, st, mine, threat, blocked);
    if (o->kind == PL_POL_OPPORTUNIST) {
        for (pl_bits b = mine & st->done & c->reversible & c->neg_self_flow & ~m->reverse; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (c->dep_closure[s] & ~own & ~st->ever_done) continue; /* still something to gain */
            double saves = -c->flow_to[s][p], loses = 0;
            for (pl_bits x = c->link[s] & st->done & c->reversible; x; x &= x - 1) loses += c->flow_to[__builtin_ctzll(x)][p];
            if (saves > loses) m->opp |= PL_BIT(s);
        }
        m->reverse |= m->opp;
        m->start &= ~m->opp;
    }
}

#endif
