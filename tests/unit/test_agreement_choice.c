// SPDX-License-Identifier: MIT
/* test_agreement_choice.c — what a step is worth to its actor in the logit choice
 * (agreement_choice.c), against numbers worked by hand.
 *
 * The case this file was written for (issue 10, 2026-12-01): a counterpart step withdrawn in
 * answer to a breach is restored once the breach is put right, so putting it right is worth
 * that step's flows to the party.  Before, only steps never done counted: in six-party-2007
 * the US then saw nothing to gain in delisting once the DPRK had halted disablement over the
 * delisting's delay (2008), and never delisted; on the record it did, on 2008-10-11, and
 * disablement resumed the next day [F24][F6]. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parley/parley.h"
#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_output.h"
#include "agreement_testing.h"

/* A's step X (reversible; a one-off value 4 and a flow of 2 a period to B) answers a breach of
 * B's step Y (`answers:`); Y costs B 1 and gives A 1.  Discount 0.5 over a look-ahead of 2
 * periods: the annuity of a flow is 1 + 0.5 = 1.5, and a one-period step is discounted by 0.5. */
static const char answered[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: reciprocal}\n"
    "  - {id: B, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, value: {B: 4}, flow: {B: 2}, reversible: true, reverse_cost: 0}\n"
    "  - {id: Y, actor: B, cost: 1, value: {A: 1}}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.5, lookahead: 2, patience: 0,\n"
    "            answers: {X: [Y]}}\n";

static void fresh(const pl_agreement *a, pl_ag_compiled *c, pl_ag_state *st)
{
    pl_ag_compile(a, -1, c);
    ag_fresh_state(c, st);
    pl_ag_expectations(c, st);
}

/* As fresh, then at period 1 with X (step 0) started, done, verified and in force. */
static void fresh_with_x_done(const pl_agreement *a, pl_ag_compiled *c, pl_ag_state *st)
{
    fresh(a, c, st);
    st->t = 1;
    st->started = st->done = st->verified = st->ever_done = PL_BIT(0);
}

/* X still to come: B's worth of starting Y is -1 (cost) + A answers (1) x 0.5 x (4 + 2 x 1.5) = 2.5. */
static void a_step_still_to_come_counts_its_value_and_flows(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(answered);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh(a, &c, &st);
    assert_true(fabs(pl_ag_delta_start(&c, &st, 1, 1) - 2.5) < 1e-12);
    pl_agreement_free(a);
}

/* X done and in force: keeping it is its flows, 2 x 1.5 = 3; starting Y is worth -1 + 3 = 2. */
static void a_step_in_force_counts_its_flows(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(answered);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh_with_x_done(a, &c, &st);
    assert_true(fabs(pl_ag_delta_start(&c, &st, 1, 1) - 2.0) < 1e-12);
    pl_agreement_free(a);
}

/* X done once, then withdrawn in answer to Y running late: A restores it once Y is put right.
 * Its one-off value is spent; its flows come back: -1 + 1 x 0.5 x 2 x 1.5 = 0.5 (before the
 * fix, -1: nothing counted, and B never put the breach right). */
static void a_step_withdrawn_in_answer_counts_the_flows_restoring_it_brings_back(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(answered);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh(a, &c, &st);
    st.t = 3;
    st.started = st.ever_done = PL_BIT(0);
    st.rev = st.retal = PL_BIT(0);
    assert_true(fabs(pl_ag_delta_start(&c, &st, 1, 1) - 0.5) < 1e-12);
    /* withdrawn, but not in answer (on its actor's own account): nothing to win back by Y */
    st.retal = 0;
    assert_true(fabs(pl_ag_delta_start(&c, &st, 1, 1) - (-1.0)) < 1e-12);
    pl_agreement_free(a);
}

/* The same through `requires`: Z (A's, reversible, flow 2 to B) requires Y; withdrawn in answer,
 * it counts its flows discounted by both durations: -1 + 0.5 x 0.5 x 2 x 1.5 = -0.25. */
static const char required[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: reciprocal}\n"
    "  - {id: B, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: Y, actor: B, cost: 1, value: {A: 1}}\n"
    "  - {id: Z, actor: A, requires: [Y], cost: 1, value: {B: 4}, flow: {B: 2}, reversible: true}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.5, lookahead: 2, patience: 0}\n";

static void a_dependent_step_withdrawn_in_answer_counts_its_flows(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(required);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh(a, &c, &st);
    /* never done: value and flows, -1 + 0.5 x 0.5 x (4 + 3) = 0.75 */
    assert_true(fabs(pl_ag_delta_start(&c, &st, 1, 0) - 0.75) < 1e-12);
    st.t = 4;
    st.started = st.ever_done = PL_BIT(1);
    st.rev = st.retal = PL_BIT(1);
    assert_true(fabs(pl_ag_delta_start(&c, &st, 1, 0) - (-0.25)) < 1e-12);
    pl_agreement_free(a);
}

/* The logit chances a plan keeps are dropped when an expectation they read moves, and only then
 * (agreement_choice.c, pl_ag_expectations).  A's step X, under way, is exchanged for B's step Y in
 * force (`answers:`): keeping X is worth Y's flows to A times the chance that B answers a breach;
 * and, in the second file, B's step Z hangs on X: keeping X is worth Z's value to A times the
 * chance that B ever does Z.  B is one of two types; the belief about B moves as the evidence of a
 * period moves it (a new belief, the party marked, the expectations remade). */
static const char exchanged[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: reciprocal}\n"
    "  - id: B\n"
    "    policy: [{policy: reciprocal, p: 0.5}, {policy: %s, p: 0.5}]\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, duration: 3, reversible: true}\n"
    "  - {id: Y, actor: B, cost: 1, flow: {A: 1}, reversible: true}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.9, lookahead: 4, patience: 0,\n"
    "            answers: {X: [Y]}}\n";
static const char hanging[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: reciprocal}\n"
    "  - id: B\n"
    "    policy: [{policy: reciprocal, p: 0.5}, {policy: hold, p: 0.5, holds: [Z]}]\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, duration: 3, reversible: true}\n"
    "  - {id: Z, actor: B, requires: [X], cost: 1, value: {A: 2}}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.9, lookahead: 4, patience: 0}\n";

/* A's plan kept on st (made or refreshed as the simulator's decision makes it), against the plan made
 * afresh: the chance of keeping X to the bit.  Returns it. */
static double kept_chance_of_x(const pl_ag_compiled *c, pl_ag_state *st)
{
    pl_ag_plan_now(c, st, 0);
    pl_ag_move rule;
    pl_ag_plan pl;
    pl_ag_rule_as(c, st, 0, st->type[0], &rule);
    pl_ag_plan_choice(c, st, 0, &rule, &pl);
    assert_true(st->plan_ck[0] == PL_BIT(0) && pl.ck == PL_BIT(0));
    if (memcmp(&st->p_act[0], &pl.p_act[0], sizeof(double)))
        fail_msg("kept chance %.17g, afresh %.17g", st->p_act[0], pl.p_act[0]);
    return st->p_act[0];
}

/* The belief about B made (b0, 1 - b0), as a period's evidence would make it. */
static void believe(const pl_ag_compiled *c, pl_ag_state *st, double b0)
{
    st->belief[1][0] = b0, st->belief[1][1] = 1 - b0;
    st->bel_dirty |= 1u << 1;
    pl_ag_expectations(c, st);
}

static void the_kept_chances_follow_the_expectations_they_read(void **state)
{
    (void)state;
    /* B's second type: one that does not answer (unconditional) or one that does (grit); the
     * same with Z hanging on X, B's second type holding Z back */
    const struct { const char *text, *type; int moves; } cases[] = {
        {exchanged, "unconditional", 1}, {exchanged, "grit", 0}, {hanging, NULL, 1}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1024];
        snprintf(text, sizeof text, cases[i].text, cases[i].type);
        pl_agreement *a = ag_load_text(text);
        pl_ag_compiled c;
        pl_ag_state st;
        fresh(a, &c, &st);
        st.t = 1;
        st.started = st.prog = PL_BIT(0);
        if (cases[i].text == exchanged)
            st.started |= PL_BIT(1), st.done = st.verified = st.ever_done = PL_BIT(1);
        pl_ag_time_update_full(&c, &st);
        double before = kept_chance_of_x(&c, &st);
        assert_true(st.pi_ok_keep & PL_BIT(0));
        believe(&c, &st, 0.9);
        /* the expectation moved: the chance is dropped and made again; it did not: it is kept */
        assert_int_equal(!(st.pi_ok_keep & PL_BIT(0)), cases[i].moves);
        double after = kept_chance_of_x(&c, &st);
        assert_int_equal(after != before, cases[i].moves);
        pl_agreement_free(a);
    }
}

/* A chance a plan keeps is dropped by a move of what it reads, and only then (agreement_choice.c,
 * pub_check; the tables made at compile time, agreement_behaviour.c): a step's own completion moves
 * its chance of being kept only if the step pays its actor something (X pays A nothing; W a flow; V
 * a flow only once the shock has come, and it has), and a counterpart step hanging on it moves it
 * only if that step pays the actor something (Y pays A nothing, Z a value); a shock changing flows
 * moves only the chances that read one of them (V's).  Each chance is marked
 * in the cache with a value no worth gives: one kept keeps the mark, one made again loses it.
 * Without the marks, every chance the plan holds is the chance made afresh. */
static const char paying[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: reciprocal}\n"
    "  - {id: B, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, value: {B: 2}, reversible: true}\n"
    "  - {id: W, actor: A, cost: 1, flow: {A: 0.5}, reversible: true}\n"
    "  - {id: V, actor: A, cost: 1, value: {B: 1}, reversible: true}\n"
    "  - {id: Y, actor: B, requires: [X, W, V], cost: 1, value: {B: 1}}\n"
    "  - {id: Z, actor: B, requires: [W], cost: 1, value: {A: 1}}\n"
    "shocks:\n"
    "  - {id: S, p: 0.1, flows: {V: {A: 0.3}}}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.9, lookahead: 4, patience: 0}\n";

/* A's plan made current on st (pl_ag_plan_now, as the simulator's decision makes it), and its rule
 * and plan made afresh into rule and pl, to compare. */
static void plan_of_a_now_and_afresh(const pl_ag_compiled *c, pl_ag_state *st, pl_ag_move *rule, pl_ag_plan *pl)
{
    pl_ag_plan_now(c, st, 0);
    pl_ag_rule_as(c, st, 0, st->type[0], rule);
    pl_ag_plan_choice(c, st, 0, rule, pl);
}

/* With mark 0, A's chances of keeping X, W, V as made current against the chances made afresh;
 * else the steps whose cached chance of being kept still holds the mark (then marked again). */
static pl_bits chances_kept(const pl_ag_compiled *c, pl_ag_state *st, double mark)
{
    pl_ag_move rule;
    pl_ag_plan pl;
    plan_of_a_now_and_afresh(c, st, &rule, &pl);
    assert_true(st->plan_ck[0] == pl.ck && pl.ck == 7);
    pl_bits kept = 0;
    for (int s = 0; s < 3; s++) {
        if (mark) {
            kept |= (pl_bits)(st->pi_keep[s] == mark) << s;
            st->pi_keep[s] = mark;
        } else if (memcmp(&st->p_act[s], &pl.p_act[s], sizeof(double)))
            fail_msg("step %d: kept chance %.17g, afresh %.17g", s, st->p_act[s], pl.p_act[s]);
    }
    return kept;
}

static void a_chance_is_kept_when_what_moved_pays_its_actor_nothing(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(paying);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh(a, &c, &st);
    assert_int_equal(c.pays_actor, PL_BIT(1) | PL_BIT(2) | PL_BIT(3)); /* W, V through the shock, and Y (to B) */
    for (int marked = 0; marked < 2; marked++) {
        const double mark = marked ? 0.123456789 : 0, all = marked ? 7 : 0;
        fresh(a, &c, &st);
        st.t = 1, st.shock_on = 1;
        st.started = st.prog = 7; /* X, W, V under way */
        pl_ag_time_update_full(&c, &st);
        chances_kept(&c, &st, mark);                          /* made (and marked) */
        assert_int_equal(chances_kept(&c, &st, mark), all); /* nothing moved: every one kept */
        /* the three completed: only X's chance is kept */
        st.t = 2, st.prog = 0, st.done = st.ever_done = st.verified = 7;
        pl_ag_time_update_full(&c, &st);
        assert_int_equal(chances_kept(&c, &st, mark), marked ? PL_BIT(0) : 0);
        /* Y (hanging on all three, paying A nothing) starts, then completes: every chance is kept */
        st.t = 3, st.started |= PL_BIT(3), st.prog = PL_BIT(3);
        pl_ag_time_update_full(&c, &st);
        assert_int_equal(chances_kept(&c, &st, mark), all);
        st.t = 4, st.prog = 0, st.done |= PL_BIT(3), st.ever_done |= PL_BIT(3), st.verified |= PL_BIT(3);
        pl_ag_time_update_full(&c, &st);
        assert_int_equal(chances_kept(&c, &st, mark), all);
        /* Z (hanging on W, paying A) completes: W's chance is made again */
        st.t = 5, st.started |= PL_BIT(4), st.done |= PL_BIT(4), st.ever_done |= PL_BIT(4), st.verified |= PL_BIT(4);
        pl_ag_time_update_full(&c, &st);
        assert_int_equal(chances_kept(&c, &st, mark), marked ? PL_BIT(0) | PL_BIT(2) : 0);
        /* the shock's flow gone (as if it had not come): only V's chance, which reads it, is made again */
        st.t = 6, st.shock_on = 0;
        pl_ag_time_update_full(&c, &st);
        assert_int_equal(chances_kept(&c, &st, mark), marked ? PL_BIT(0) | PL_BIT(1) : 0);
    }
    pl_agreement_free(a);
}

/* Whether a step exchanged for one's own is under way is read only as the chance its actor does it: 1 if
 * it is, else the expectation would_do, which is exactly 1 for a step no type of its actor may hold back
 * (agreement_choice.c, pub_check: only the starts of c->maybe_never steps drop the chances that read
 * them).  A's step X, under way, is exchanged (`answers:`) for B's steps U and Y, both paying A; B may be
 * a hold type holding Y back, so would_do of Y is 1/2 and of U 1.  U's start keeps X's chance of being
 * kept (the same to the bit as made afresh); Y's start makes it again, and it moves.  Fails with the
 * starts of every step dropping the chances (the mark lost at U's start) and with none of them (the
 * kept chance not the fresh one at Y's start), tried. */
static const char exchanged_under_way[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: reciprocal}\n"
    "  - id: B\n"
    "    policy: [{policy: reciprocal, p: 0.5}, {policy: hold, p: 0.5, holds: [Y]}]\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, duration: 3, reversible: true}\n"
    "  - {id: U, actor: B, cost: 1, duration: 3, value: {A: 1}, reversible: true}\n"
    "  - {id: Y, actor: B, cost: 1, duration: 3, flow: {A: 1}, reversible: true}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.9, lookahead: 4, patience: 0,\n"
    "            answers: {X: [U, Y]}}\n";

/* A's plan made current on st; with mark 0, the chance of keeping X against the one made afresh
 * (returned); else whether the cached chance still holds the mark (then marked again). */
static double chance_of_x_kept(const pl_ag_compiled *c, pl_ag_state *st, double mark)
{
    pl_ag_move rule;
    pl_ag_plan pl;
    plan_of_a_now_and_afresh(c, st, &rule, &pl);
    assert_true(st->plan_ck[0] == PL_BIT(0) && pl.ck == PL_BIT(0));
    if (mark) {
        const int kept = st->pi_keep[0] == mark;
        st->pi_keep[0] = mark;
        return kept;
    }
    if (memcmp(&st->p_act[0], &pl.p_act[0], sizeof(double)))
        fail_msg("kept chance %.17g, afresh %.17g", st->p_act[0], pl.p_act[0]);
    return st->p_act[0];
}

static void only_the_start_of_a_step_its_actor_may_hold_back_moves_a_chance(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(exchanged_under_way);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh(a, &c, &st);
    assert_int_equal(c.maybe_never, PL_BIT(2));
    assert_true(st.would_do[1] == 1 && st.would_do[2] == 0.5);
    for (int marked = 0; marked < 2; marked++) {
        const double mark = marked ? 0.123456789 : 0;
        fresh(a, &c, &st);
        st.t = 1, st.started = st.prog = PL_BIT(0); /* X under way */
        pl_ag_time_update_full(&c, &st);
        const double made = chance_of_x_kept(&c, &st, mark);
        if (marked) assert_true(chance_of_x_kept(&c, &st, mark)); /* nothing moved: kept */
        st.t = 2, st.started |= PL_BIT(1), st.prog |= PL_BIT(1); /* U starts: kept, and unchanged */
        pl_ag_time_update_full(&c, &st);
        const double at_u = chance_of_x_kept(&c, &st, mark);
        if (marked)
            assert_true(at_u);
        else
            assert_true(at_u == made);
        st.t = 3, st.started |= PL_BIT(2), st.prog |= PL_BIT(2); /* Y starts: made again, and moved */
        pl_ag_time_update_full(&c, &st);
        const double at_y = chance_of_x_kept(&c, &st, mark);
        if (marked)
            assert_false(at_y);
        else
            assert_true(at_y != made);
    }
    pl_agreement_free(a);
}

/* A kept plan is remade when a threat moves only if its rule reads that threat (agreement_policy.h,
 * pl_ag_plan_keys_hold, pl_ag_plan_threat_reads): on a step it may withdraw (in force, or under way) or
 * start (released, what it requires verified).  A's X, in force, is exchanged for B's Y; A's W, which
 * requires B's V (not done), for B's Z.  Z withdrawn by B: W cannot start either way, so A's plan is
 * kept (its keys as made); Y withdrawn: A withdraws X in answer, the plan remade.  At every step the kept
 * plan is the one made afresh.  Fails with the plan remade at Z's withdrawal (every threat on a step
 * exchanged for A's compared, as before), tried. */
static const char threatened[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n  - {id: A, policy: reciprocal}\n  - {id: B, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, flow: {B: 1}, reversible: true}\n"
    "  - {id: W, actor: A, requires: [V], cost: 1, value: {B: 1}}\n"
    "  - {id: Y, actor: B, cost: 1, flow: {A: 1}, reversible: true}\n"
    "  - {id: Z, actor: B, cost: 1, flow: {A: 1}, reversible: true}\n"
    "  - {id: V, actor: B, cost: 1, value: {A: 1}}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.9, lookahead: 4, patience: 12,\n"
    "            answers: {X: [Y], W: [Z]}}\n";

/* A's plan made current on st, against the rule and plan made afresh. */
static void plan_of_a_as_afresh(const pl_ag_compiled *c, pl_ag_state *st)
{
    pl_ag_move rule;
    pl_ag_plan pl;
    plan_of_a_now_and_afresh(c, st, &rule, &pl);
    assert_true(!memcmp(&st->plan_rule[0], &rule, sizeof rule));
    assert_true(st->plan_cs[0] == pl.cs && st->plan_ck[0] == pl.ck);
    for (pl_bits b = pl.cs | pl.ck; b; b &= b - 1) {
        const int s = __builtin_ctzll(b);
        assert_true(!memcmp(&st->p_act[s], &pl.p_act[s], sizeof(double)));
    }
}

static void a_threat_the_rule_does_not_read_keeps_the_plan(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(threatened);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh(a, &c, &st);
    const pl_bits X = PL_BIT(0), Y = PL_BIT(2), Z = PL_BIT(3);
    st.t = 1, st.started = st.done = st.verified = st.ever_done = X | Y | Z;
    pl_ag_time_update_full(&c, &st);
    plan_of_a_as_afresh(&c, &st);
    assert_true(st.plan_key_threat[0] == 0 && st.plan_rule[0].reverse == 0);
    st.t = 2, st.done &= ~Z, st.rev |= Z; /* Z withdrawn: a breach exchanged for W, which cannot start */
    pl_ag_time_update_full(&c, &st);
    plan_of_a_as_afresh(&c, &st);
    assert_true(st.plan_key_threat[0] == 0); /* kept: its keys as when it was made */
    st.t = 3, st.done &= ~Y, st.rev |= Y; /* Y withdrawn: A answers by withdrawing X */
    pl_ag_time_update_full(&c, &st);
    plan_of_a_as_afresh(&c, &st);
    assert_true(st.plan_key_threat[0] == (Y | Z) && st.plan_rule[0].reverse == X); /* remade */
    pl_agreement_free(a);
}

/* The worths are made apart before any shock (each flow the compiled one) and after (pl_ag_flow, with
 * what the shocks add: agreement_choice.c, pl_ag_delta_start and _keep).  B's Y, hanging on A's X, pays
 * A a value of 1 and, once the shock has come, a flow of 2; X itself pays A a flow of 0.5 and, after
 * the shock, 0.25 more.  With the shock, starting X and keeping it in force both gain Y's flow through
 * what hangs on X (chance 1, both discounts, the annuity) and X's own extra flow (discounted by X's
 * duration for the start).  Fails with the shocks' flows left out of either (tried). */
static const char shocked[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n  - {id: A, policy: reciprocal}\n  - {id: B, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, flow: {A: 0.5}, reversible: true}\n"
    "  - {id: Y, actor: B, requires: [X], cost: 1, value: {A: 1}}\n"
    "shocks:\n"
    "  - {id: S, p: 0.1, flows: {Y: {A: 2}, X: {A: 0.25}}}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.9, lookahead: 4, patience: 0}\n";

static void the_worths_read_the_shocks_flows_once_a_shock_has_come(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(shocked);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh(a, &c, &st);
    const double start0 = pl_ag_delta_start(&c, &st, 0, 0);
    st.shock_on = 1;
    const double start1 = pl_ag_delta_start(&c, &st, 0, 0);
    const double want = c.disc[0] * c.disc[1] * 2 * c.annuity + c.disc[0] * 0.25 * c.annuity;
    if (fabs(start1 - start0 - want) > 1e-12) fail_msg("start: %.17g with the shock, %.17g before", start1, start0);
    st.t = 2, st.started = st.done = st.verified = st.ever_done = PL_BIT(0);
    st.shock_on = 0;
    const double keep0 = pl_ag_delta_keep(&c, &st, 0, 0);
    st.shock_on = 1;
    const double keep1 = pl_ag_delta_keep(&c, &st, 0, 0);
    const double want_keep = c.disc[0] * c.disc[1] * 2 * c.annuity + 0.25 * c.annuity;
    if (fabs(keep1 - keep0 - want_keep) > 1e-12) fail_msg("keep: %.17g with the shock, %.17g before", keep1, keep0);
    pl_agreement_free(a);
}

/* B's step W, then A's delivery X (4 periods, cost 4, worth 8 to B) which requires it.  Discount 0.5
 * over a look-ahead of 2: paid as delivered, a payment of 1 is worth (1 + 0.5) / 4 = 0.375 at the
 * start.  So A's worth of starting X is -4 x 0.375 = -1.5 (paid once, -4), and of keeping it under
 * way the same (the shares still to pay; paid once, 0); in force, 0.  B's worth of starting W is its
 * cost -1 and what hangs on it, X done (A reciprocal: chance 1) discounted a period: 0.5 x 8 x 0.375
 * = 1.5, so 0.5 (paid once, 0.5 x 0.5^4 x 8 = 0.25, so -0.75). */
static const char delivery[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n  - {id: A, policy: reciprocal}\n  - {id: B, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: W, actor: B, cost: 1}\n"
    "  - {id: X, actor: A, requires: [W], duration: 4, cost: 4, value: {B: 8}, paid: %s}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.01, discount: 0.5, lookahead: 2, patience: 0, inertia: 0}\n";

static void a_step_paid_as_delivered_counts_its_shares_within_the_look_ahead(void **state)
{
    (void)state;
    const double want[2][4] = {{-1.5, -1.5, 0, 0.5}, {-4, 0, 0, -0.75}}; /* start X, keep X under way, in force; start W */
    const char *const paid[2] = {"as_delivered", "once"};
    for (int i = 0; i < 2; i++) {
        char text[sizeof delivery + 16];
        snprintf(text, sizeof text, delivery, paid[i]);
        pl_agreement *a = ag_load_text(text);
        pl_ag_compiled c;
        pl_ag_state st;
        fresh(a, &c, &st);
        double got[4];
        got[3] = pl_ag_delta_start(&c, &st, 1, 0);
        st.t = 2;
        st.started = st.done = st.verified = st.ever_done = PL_BIT(0);
        got[0] = pl_ag_delta_start(&c, &st, 0, 1);
        st.started |= PL_BIT(1), st.prog = PL_BIT(1);
        got[1] = pl_ag_delta_keep(&c, &st, 0, 1);
        st.prog = 0, st.done |= PL_BIT(1), st.ever_done |= PL_BIT(1);
        got[2] = pl_ag_delta_keep(&c, &st, 0, 1);
        for (int k = 0; k < 4; k++)
            if (fabs(got[k] - want[i][k]) > 1e-12) fail_msg("paid %s, worth %d: %.17g, expected %g", paid[i], k, got[k], want[i][k]);
        pl_agreement_free(a);
    }
}

/* The logit's chance skips the exp where x >= 37 (pl_ag_logistic): 1 / (1 + exp(-x)) is exactly 1 there.
 * Against the formula to the bit, every 1/256 from 30 to 60 (across 53 ln 2 = 36.74, below which it is
 * not 1), and far beyond; and below 0, where exp is still taken.  Fails with the cut at 36 (tried). */
static void the_logistic_skips_the_exp_only_where_it_is_exactly_one(void **state)
{
    (void)state;
    for (int i = 30 * 256; i <= 60 * 256; i++) {
        volatile double x = i / 256.0;
        double want = 1 / (1 + exp(-x)), got = pl_ag_logistic(x);
        if (memcmp(&got, &want, sizeof got)) fail_msg("logistic(%.17g) = %.17g, the formula %.17g", (double)x, got, want);
    }
    const double far[] = {61, 100, 745, 1e10, 1e300, INFINITY, -0.5, -37, -40, -745, -1e300};
    for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
        volatile double x = far[i];
        double e = exp(-fabs(x)), want = x >= 0 ? 1 / (1 + e) : e / (1 + e), got = pl_ag_logistic(x);
        if (memcmp(&got, &want, sizeof got)) fail_msg("logistic(%.17g) = %.17g, the formula %.17g", (double)x, got, want);
    }
}

/* A period's draws made from its base (pl_ag_choice_base, pl_ag_choice_u_at, as the decisions and the
 * quiet stretches draw them) are the hash of (key, period, step) as written out here, to the bit, for
 * keys across the 64 bits, periods 0 to 1199 and every step.  Fails with the base missing its + 1. */
static void a_period_s_draws_from_its_base_are_the_hash_of_key_period_and_step(void **state)
{
    (void)state;
    uint64_t key = 0x0123456789ABCDEFULL;
    for (int i = 0; i < 40; i++) {
        key = key * 6364136223846793005ULL + 1442695040888963407ULL;
        for (int t = 0; t < 1200; t += 7)
            for (int s = 0; s < 64; s++) {
                uint64_t z = key + 0x9E3779B97F4A7C15ULL * (uint64_t)(t * 64 + s + 1);
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
                z ^= z >> 31;
                double want = (double)(z >> 11) * 0x1.0p-53, got = pl_ag_choice_u_at(pl_ag_choice_base(key, t), (unsigned)s),
                       whole = pl_ag_choice_u(key, t, s);
                if (memcmp(&got, &want, sizeof got) || memcmp(&whole, &want, sizeof got))
                    fail_msg("key %llx, period %d, step %d: %.17g and %.17g, the hash %.17g", (unsigned long long)key, t, s,
                             got, whole, want);
            }
    }
}

/* The logit's chances come through a memo of the logistic by its argument's bits (agreement_choice.c: the
 * thread's last arguments): for 6,000 rationalities of both signs (so that arguments fall in the same entries
 * and evict each other), each asked twice (the second found in the memo), A's chance of keeping X made afresh
 * is eps + (1 - 2 eps) pl_ag_logistic(lambda pl_ag_delta_keep), made here without the memo, to the bit; and
 * at the argument +0, whose entry the zeroed memo would otherwise hold as a chance of 0. */
static void the_chances_are_the_logistic_of_the_worths(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(answered);
    pl_ag_compiled c;
    pl_ag_state st;
    fresh_with_x_done(a, &c, &st);
    const double eps = c.eps, span = 1 - 2 * eps;
    for (int i = -1; i < 6000; i++) {
        /* the first: a zero of the worth's sign, so that the argument is +0, whose bits are 0 (first, and this
         * test the first of the file: the memo's entry for +0 not yet taken by another argument) */
        c.lambda = i < 0 ? copysign(0.0, pl_ag_delta_keep(&c, &st, 0, 0)) : (i - 3000) * 0.00731;
        const double want = eps + span * pl_ag_logistic(c.lambda * pl_ag_delta_keep(&c, &st, 0, 0));
        for (int twice = 0; twice < 2; twice++) {
            pl_ag_move rule;
            pl_ag_plan pl;
            pl_ag_rule_as(&c, &st, 0, st.type[0], &rule);
            pl_ag_plan_choice(&c, &st, 0, &rule, &pl);
            assert_true(pl.ck == PL_BIT(0) && !(rule.reverse & PL_BIT(0)));
            if (memcmp(&pl.p_act[0], &want, sizeof want))
                fail_msg("lambda %g (%s): chance %.17g, the logistic %.17g", c.lambda, twice ? "again" : "first",
                         pl.p_act[0], want);
        }
    }
    pl_agreement_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_chances_are_the_logistic_of_the_worths),
        cmocka_unit_test(a_step_still_to_come_counts_its_value_and_flows),
        cmocka_unit_test(a_step_paid_as_delivered_counts_its_shares_within_the_look_ahead),
        cmocka_unit_test(a_step_in_force_counts_its_flows),
        cmocka_unit_test(a_step_withdrawn_in_answer_counts_the_flows_restoring_it_brings_back),
        cmocka_unit_test(a_dependent_step_withdrawn_in_answer_counts_its_flows),
        cmocka_unit_test(the_kept_chances_follow_the_expectations_they_read),
        cmocka_unit_test(a_chance_is_kept_when_what_moved_pays_its_actor_nothing),
        cmocka_unit_test(only_the_start_of_a_step_its_actor_may_hold_back_moves_a_chance),
        cmocka_unit_test(a_threat_the_rule_does_not_read_keeps_the_plan),
        cmocka_unit_test(the_worths_read_the_shocks_flows_once_a_shock_has_come),
        cmocka_unit_test(the_logistic_skips_the_exp_only_where_it_is_exactly_one),
        cmocka_unit_test(a_period_s_draws_from_its_base_are_the_hash_of_key_period_and_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
