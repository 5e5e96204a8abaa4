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

void pl_ag_expectations(const pl_ag_compiled *c, pl_ag_state *st)
{
    for (int j = 0; j < c->n_parties; j++) {
        double a = 0;
        for (int k = 0; k < c->n_opt[j]; k++)
            if (pl_ag_policy_types[c->opt[j][k].kind].answers) a += st->belief[j][k];
        st->would_answer[j] = a;
    }
    for (int d = 0; d < c->n_steps; d++) st->would_do[d] = 1;
    for (pl_bits b = c->maybe_never; b; b &= b - 1) { /* only steps some type may never do */
        int d = __builtin_ctzll(b);
        int j = c->actor[d];
        double w = 0;
        for (int k = 0; k < c->n_opt[j]; k++) {
            const pl_ag_copt *o = &c->opt[j][k];
            int never = (o->kind == PL_POL_HOLD && (o->steps >> d & 1)) || (o->kind == PL_POL_GRIM && st->grim_on[j]);
            if (!never) w += st->belief[j][k];
        }
        st->would_do[d] = w;
    }
}

/* What hangs on s for p: the counterpart steps still to come that require it; those exchanged
 * for it, which a counterpart that answers breaches would hold back, suspend or withdraw. */
static double what_hangs_on(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s)
{
    double g = 0;
    pl_bits theirs = ~c->own[p];
    for (pl_bits b = c->dep_closure[s] & theirs & ~st->ever_done; b; b &= b - 1) {
        int d = __builtin_ctzll(b);
        double v = c->value_to[d][p] + c->flow_to[d][p] * c->annuity;
        if (v != 0) g += st->would_do[d] * c->disc[s] * c->disc[d] * v;
    }
    for (pl_bits b = c->link[s] & ~c->dep_closure[s] & theirs; b; b &= b - 1) {
        int x = __builtin_ctzll(b);
        pl_bits bit = PL_BIT(x);
        double ans = st->would_answer[c->actor[x]], v = 0;
        if (st->done & bit) {
            if (c->reversible & bit) v = c->flow_to[x][p] * c->annuity;
        } else if (!(st->ever_done & bit))
            v = c->disc[x] * (c->value_to[x][p] + c->flow_to[x][p] * c->annuity) * ((st->prog & bit) ? 1 : st->would_do[x]);
        g += ans * v;
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

static inline uint64_t mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    return h * 0xBF58476D1CE4E5B9ULL;
}

/* Everything a party's rule move and plan read, hashed: the public state, what it counts late,
 * its memory, the beliefs, and the period while steps are still held back by `not_before`. */
static uint64_t plan_signature(const pl_ag_compiled *c, const pl_ag_state *st, int p)
{
    uint64_t h = mix(st->started, st->prog);
    h = mix(h, st->done), h = mix(h, st->rev), h = mix(h, st->verified), h = mix(h, st->breach);
    h = mix(h, st->retal), h = mix(h, st->opp), h = mix(h, st->ever_done), h = mix(h, st->late[p]);
    uint64_t grims = 0;
    for (int j = 0; j < c->n_parties; j++) grims |= (uint64_t)(st->grim_on[j] != 0) << j;
    h = mix(h, grims << 32 | st->bel_ver);
    h = mix(h, (uint64_t)(st->t < c->max_not_before ? st->t : c->max_not_before) << 8 | (uint64_t)st->type[p]);
    return h | 1; /* 0 means "no plan yet" */
}

void pl_ag_decide_behaved(const pl_ag_compiled *c, pl_ag_state *st, int p, pl_ag_move *m)
{
    pl_bits threat = pl_ag_threat(c, st, p);
    if (threat) st->grim_on[p] = 1; /* the memory of every party; only grim reads it */
    uint64_t sig = plan_signature(c, st, p);
    if (sig != st->plan_sig[p]) {
        const pl_ag_copt *o = &c->opt[p][st->type[p]];
        pl_ag_move r = {0, 0, 0, 0};
        pl_ag_policy_types[o->kind].rule(c, st, p, o, threat, st->grim_on[p], &r);
        st->plan_rule[p] = r;
        st->plan_sig[p] = sig;
        if (!c->exact[p]) {
            pl_ag_plan pl;
            pl_ag_plan_choice(c, st, p, &r, &pl);
            st->plan_cs[p] = pl.cs, st->plan_ck[p] = pl.ck;
            for (pl_bits b = pl.cs | pl.ck; b; b &= b - 1) st->p_act[__builtin_ctzll(b)] = pl.p_act[__builtin_ctzll(b)];
        }
    }
    *m = st->plan_rule[p];
    if (c->exact[p]) return;
    pl_bits start = 0, reverse = 0;
    for (pl_bits b = st->plan_cs[p]; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (pl_ag_choice_u(st->choice_key, st->t, s) < st->p_act[s]) start |= PL_BIT(s);
    }
    for (pl_bits b = st->plan_ck[p]; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (pl_ag_choice_u(st->choice_key, st->t, s) >= st->p_act[s]) reverse |= PL_BIT(s);
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
