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
    fresh(a, &c, &st);
    st.t = 1;
    st.started = st.done = st.verified = st.ever_done = PL_BIT(0);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_step_still_to_come_counts_its_value_and_flows),
        cmocka_unit_test(a_step_in_force_counts_its_flows),
        cmocka_unit_test(a_step_withdrawn_in_answer_counts_the_flows_restoring_it_brings_back),
        cmocka_unit_test(a_dependent_step_withdrawn_in_answer_counts_its_flows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
