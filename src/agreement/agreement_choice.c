/* agreement_choice.c — a party's choice around its rule: a tremble, or a logit over its payoffs.
 *
 * The rule type (agreement_policy.c) says what a party of that type would do.  The choice
 * then decides, step by step:
 *   - with `choice: rule`, it does what the rule says, except that with probability
 *     epsilon (the tremble) it does the opposite;
 *   - with `choice: logit`, where the rule would start or keep a step it does so with
 *     probability 1 / (1 + exp(-lambda * Delta)), Delta being what starting or keeping the
 *     step is worth to it over doing without it (below); where the rule holds back or
 *     withdraws, it does so; and the tremble epsilon still applies on top, so that every
 *     recorded history has a probability.
 * Delta counts, over a look-ahead of L periods discounted by delta per period: the step's own
 * cost (once, at its first start) or reversal cost, its one-off value and flows to the party;
 * the counterpart steps that hang on it through `requires` (directly or transitively), each
 * weighted by the probability, under the public beliefs about their actor's type, that the
 * actor would do it (a `hold` type never does its held steps; a triggered `grim` nothing);
 * and the flows of the counterpart steps in force exchanged for it, weighted by the
 * probability that their actor answers a breach (every type but `unconditional`).
 * Only steps that are due in the party's eyes (what they require verified, or done by the
 * party itself), or that its rule starts, are candidates to start: a tremble is a slip in
 * carrying out a decision, not a random unilateral move.
 * Draws come from a hash of (run key, period, step), so a preview of a choice (the stepper)
 * draws nothing and the simulator and the stepper agree exactly. */
#include <math.h>

#include "agreement/agreement_behaviour.h"

/* Probability, under the public beliefs, that party j would ever do its step d. */
static double would_do(const pl_ag_compiled *c, const pl_ag_state *st, int j, int d)
{
    double w = 0;
    for (int k = 0; k < c->n_opt[j]; k++) {
        const pl_ag_copt *o = &c->opt[j][k];
        int never = (o->kind == PL_POL_HOLD && (o->steps >> d & 1)) || (o->kind == PL_POL_GRIM && st->grim_on[j]);
        if (!never) w += st->belief[j][k];
    }
    return w;
}

/* Probability, under the public beliefs, that party j answers a breach. */
static double would_answer(const pl_ag_compiled *c, const pl_ag_state *st, int j)
{
    double a = 0;
    for (int k = 0; k < c->n_opt[j]; k++)
        if (pl_ag_policy_types[c->opt[j][k].kind].answers) a += st->belief[j][k];
    return a;
}

/* The counterpart steps still to come that hang on s, and the counterpart flows exchanged for it. */
static double what_hangs_on(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s)
{
    double g = 0;
    for (pl_bits b = c->dep_closure[s] & ~c->own[p] & ~st->ever_done; b; b &= b - 1) {
        int d = __builtin_ctzll(b);
        double v = c->value_to[d][p] + c->flow_to[d][p] * c->annuity;
        if (v != 0) g += would_do(c, st, c->actor[d], d) * c->disc[s] * c->disc[d] * v;
    }
    for (pl_bits b = c->link[s] & st->done & c->reversible & ~c->own[p]; b; b &= b - 1) {
        int x = __builtin_ctzll(b);
        if (c->flow_to[x][p] != 0) g += would_answer(c, st, c->actor[x]) * c->flow_to[x][p] * c->annuity;
    }
    return g;
}

double pl_ag_delta_start(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s)
{
    pl_bits bit = PL_BIT(s);
    double d = (st->started & bit) ? 0 : -c->cost[s];
    double v = (st->ever_done & bit) ? 0 : c->value_to[s][p];
    d += c->disc[s] * (v + c->flow_to[s][p] * c->annuity);
    return d + what_hangs_on(c, st, p, s);
}

double pl_ag_delta_keep(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s)
{
    pl_bits bit = PL_BIT(s);
    double d = c->reverse_cost[s];
    if (st->done & bit)
        d += c->flow_to[s][p] * c->annuity;
    else {
        double v = (st->ever_done & bit) ? 0 : c->value_to[s][p];
        d += c->disc[s] * (v + c->flow_to[s][p] * c->annuity);
    }
    return d + what_hangs_on(c, st, p, s);
}

static inline double logistic(double x) { return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)); }

void pl_ag_plan_choice(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_move *rule, pl_ag_plan *pl)
{
    pl_bits own = c->own[p];
    pl_bits seen = st->verified | (st->done & own);
    pl_bits due = 0;
    for (pl_bits b = own & ~st->prog & ~st->done; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (c->not_before[s] <= st->t && !(c->req[s] & ~seen)) due |= PL_BIT(s);
    }
    pl->cs = due | rule->start;
    pl->ck = own & ((st->done & c->reversible) | st->prog);
    const double eps = c->eps, span = 1 - 2 * eps;
    const int logit = c->choice == PL_CHOICE_LOGIT;
    for (pl_bits b = pl->cs; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        double pi = 0;
        if (rule->start >> s & 1) pi = logit ? logistic(c->lambda * pl_ag_delta_start(c, st, p, s)) : 1;
        pl->p_act[s] = eps + span * pi;
    }
    for (pl_bits b = pl->ck; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        double pi = 0;
        if (!(rule->reverse >> s & 1)) pi = logit ? logistic(c->lambda * pl_ag_delta_keep(c, st, p, s)) : 1;
        pl->p_act[s] = eps + span * pi;
    }
}

void pl_ag_choose(const pl_ag_compiled *c, const pl_ag_state *st, int p, pl_ag_move *m)
{
    pl_ag_plan pl;
    pl_ag_plan_choice(c, st, p, m, &pl);
    pl_bits start = 0, reverse = 0;
    for (pl_bits b = pl.cs; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (pl_ag_choice_u(st->choice_key, st->t, s) < pl.p_act[s]) start |= PL_BIT(s);
    }
    for (pl_bits b = pl.ck; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (pl_ag_choice_u(st->choice_key, st->t, s) >= pl.p_act[s]) reverse |= PL_BIT(s);
    }
    m->retal &= reverse;
    m->opp &= reverse;
    m->start = start;
    m->reverse = reverse;
}

void pl_ag_rule_as(const pl_ag_compiled *c, const pl_ag_state *st, int p, int k, pl_ag_move *m)
{
    const pl_ag_copt *o = &c->opt[p][k];
    pl_bits threat = pl_ag_threat(c, st, p);
    m->start = m->reverse = m->retal = m->opp = 0;
    pl_ag_policy_types[o->kind].rule(c, st, p, o, threat, st->grim_on[p] || threat != 0, m);
}
