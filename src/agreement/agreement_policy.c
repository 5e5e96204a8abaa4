// SPDX-License-Identifier: MIT
/* agreement_policy.c — the rule types, one table entry each.
 *
 * A rule type is what a party of that type does on the public snapshot: which of its
 * own steps it starts or restores and which it reverses.  The types are also what
 * parties believe each other to be (agreement_beliefs.c), so each entry says whether
 * the type answers a breach.  Adding a type is one function here and one entry in
 * the table (and its name in pl_policy_names).  The rules in words are in
 * agreement_policy.h and docs/agreements.md. */
#include "agreement/agreement_policy.h"

/* The reciprocal frame every conditional type shares: answer breaches of exchanged steps,
 * start what is due.  `mine`: the own steps the rule governs; `blocked`: steps it holds back.
 * Every rule is given m cleared (pl_ag_rule_fn), and no rule sets a withdrawal before the frame, so
 * its withdrawals are set, not or-ed in: the compiler read the two cleared fields back as one 16-byte
 * load straddling the two stores that had just cleared the move, which the processor cannot forward
 * from (a stall of some 15 cycles at every rule called: a sixth of the frame's time, perf). */
static void reciprocal_frame(const pl_ag_compiled *c, const pl_ag_state *st, pl_bits mine, pl_bits threat,
                             pl_bits blocked, pl_ag_move *m)
{
    pl_bits rev = pl_ag_reciprocal_reversals(c, st, mine, threat);
    m->reverse = rev;
    m->retal = rev;
    m->start |= pl_ag_reciprocal_starts(c, st, mine, threat, blocked | rev);
}

static pl_bits startable(const pl_ag_compiled *c, const pl_ag_state *st, pl_bits steps)
{
    return steps & ~st->prog & ~st->done & pl_ag_released(c, st->t);
}

static void rule_reciprocal(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_copt *o, pl_bits threat,
                            int triggered, pl_ag_move *m)
{
    (void)o, (void)triggered;
    reciprocal_frame(c, st, c->own[p], threat, 0, m);
}

static void rule_unconditional(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_copt *o,
                               pl_bits threat, int triggered, pl_ag_move *m)
{
    (void)o, (void)threat, (void)triggered;
    m->start = startable(c, st, c->own[p]);
}

static void rule_all_first(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_copt *o, pl_bits threat,
                           int triggered, pl_ag_move *m)
{
    (void)triggered;
    pl_bits mine = c->own[p], blocked = 0;
    if (o->steps & ~st->verified) blocked = mine & ~st->started & ~o->exempt;
    reciprocal_frame(c, st, mine, threat, blocked, m);
}

static void rule_grit(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_copt *o, pl_bits threat,
                      int triggered, pl_ag_move *m)
{
    (void)triggered;
    pl_bits keep = c->own[p] & o->steps;
    m->start = startable(c, st, keep);
    reciprocal_frame(c, st, c->own[p] & ~keep, threat, 0, m);
}

static void rule_grim(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_copt *o, pl_bits threat,
                      int triggered, pl_ag_move *m)
{
    if (triggered) {
        m->reverse = c->own[p] & ((st->done & c->reversible) | st->prog);
        m->retal = m->reverse;
        return;
    }
    rule_reciprocal(c, st, p, o, threat, triggered, m);
}

static void rule_opportunist(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_copt *o,
                             pl_bits threat, int triggered, pl_ag_move *m)
{
    (void)o, (void)triggered;
    reciprocal_frame(c, st, c->own[p], threat, 0, m);
    pl_ag_opportunist_takes(c, st, p, c->own[p], m);
}

void pl_ag_opportunist_takes(const pl_ag_compiled *c, const pl_ag_state *st, int p, pl_bits mine, pl_ag_move *m)
{
    const pl_bits own = c->own[p];
    /* the flows as they are now: a shock's `flows:` may have made a step cost more, or less, to keep */
    pl_bits costly = c->neg_self_flow;
    for (uint32_t k = st->shock_on; k; k &= k - 1) costly |= c->shock_flow_steps[__builtin_ctz(k)];
    for (pl_bits b = mine & st->done & c->reversible & costly & ~m->reverse; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (c->dep_closure[s] & ~own & ~st->ever_done) continue; /* still something to gain */
        double saves = -pl_ag_flow(c, st, s, p), loses = 0;
        if (!(saves > 0)) continue;
        for (pl_bits x = c->link[s] & st->done & c->reversible; x; x &= x - 1) loses += pl_ag_flow(c, st, __builtin_ctzll(x), p);
        if (saves > loses) m->opp |= PL_BIT(s);
    }
    m->reverse |= m->opp;
    m->start &= ~m->opp;
}

static void rule_hold(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_copt *o, pl_bits threat,
                      int triggered, pl_ag_move *m)
{
    (void)triggered;
    reciprocal_frame(c, st, c->own[p] & ~o->steps, threat, 0, m);
}

const pl_ag_policy_type pl_ag_policy_types[PL_POL_COUNT] = {
    [PL_POL_RECIPROCAL] = {"reciprocal",
                           "starts a step once what it requires is verified; withdraws it when a counterpart breaches "
                           "a step exchanged for it, and restores it when that is put right",
                           rule_reciprocal, 1},
    [PL_POL_UNCONDITIONAL] = {"unconditional", "does every own step at once and never withdraws one",
                              rule_unconditional, 0},
    [PL_POL_ALL_FIRST] = {"all_first",
                          "reciprocal, but starts nothing (or none of its gated steps) until every counterpart step it "
                          "waits for is verified",
                          rule_all_first, 1},
    [PL_POL_GRIT] = {"grit", "starts its initiatives at once and keeps them; reciprocal otherwise (Osgood 1962)",
                     rule_grit, 1},
    [PL_POL_GRIM] = {"grim", "reciprocal until the first counterpart breach, then withdraws all it can for good",
                     rule_grim, 1},
    [PL_POL_OPPORTUNIST] = {"opportunist",
                            "reciprocal, but withdraws a step that costs it to keep once nothing more hangs on it and "
                            "what it would lose in answer is worth less",
                            rule_opportunist, 1},
    [PL_POL_HOLD] = {"hold", "never does its held steps (a spoiler); reciprocal otherwise", rule_hold, 1},
};
