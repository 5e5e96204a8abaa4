// SPDX-License-Identifier: MIT
/* test_agreement_inertia.c — a party's reluctance to reverse its own course (`behaviour: inertia:`,
 * agreement_choice.c), against the logit worked by hand.
 *
 * The case this file was written for (issue 10, 2026-12-02): the cost of a step is paid at its
 * start, so once under way a step that brings its actor nothing is worth 0 to keep, and the
 * logit halted it with chance 1/2 every period: five steps of the shipped scenarios were halted
 * several times a run, and the others answered each halt as a withdrawal.  Inertia K is added
 * to the worth of keeping an own step under way or in force: the chance of keeping such a step
 * is logistic(lambda K), 1/2 only at K = 0; starting is untouched; the fit reads the same chance. */
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
#include "agreement/agreement_fit.h"
#include "agreement/agreement_output.h"
#include "agreement_testing.h"

/* X by A (three months, cost 1) brings A nothing: no value or flow to A, no reversal cost, and
 * Y (B's, after X) gives A nothing either.  So keeping X under way is worth exactly A's inertia.
 * The tremble is 0 here, so a chance is the logit's own. */
static pl_agreement *indifferent(const char *inertia, double tremble)
{
    char text[1400];
    snprintf(text, sizeof text,
             "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
             "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: reciprocal}\n"
             "steps:\n"
             "  - {id: X, actor: A, duration: 3, cost: 1, value: {B: 2}, reversible: true}\n"
             "  - {id: Y, actor: B, requires: [X], cost: 1, value: {B: 0}}\n"
             "record:\n  events:\n"
             "    - {date: 2000-01-15, step: X, event: started, source: \"[A1]\"}\n"
             "    - {date: 2000-03-15, step: X, event: completed, source: \"[A1]\"}\n"
             "behaviour: {choice: logit, rationality: 4, tremble: %g, discount: 0.9, lookahead: 6, patience: 1%s%s}\n",
             tremble, inertia ? ", inertia: " : "", inertia ? inertia : "");
    return ag_load_text(text);
}

static double logistic(double x) { return 1 / (1 + exp(-x)); }

/* Party p's chance of acting on its own step s (starting it, or keeping it) as the plan gives it. */
static double chance(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s)
{
    pl_ag_move rule;
    pl_ag_rule_as(c, st, p, st->type[p], &rule);
    pl_ag_plan pl;
    pl_ag_plan_choice(c, st, p, &rule, &pl);
    assert_true((pl.cs | pl.ck) >> s & 1);
    return pl.p_act[s];
}

/* X under way (period 1) and X in force (period 4): kept with chance logistic(4 K). */
static double keep_chance(const pl_agreement *a, int in_force)
{
    pl_ag_compiled c;
    pl_ag_compile(a, -1, &c);
    pl_ag_state st;
    ag_fresh_state(&c, &st);
    pl_ag_expectations(&c, &st);
    st.t = in_force ? 4 : 1;
    st.started = PL_BIT(0);
    if (in_force)
        st.done = st.verified = st.ever_done = PL_BIT(0);
    else
        st.prog = PL_BIT(0);
    assert_true(fabs(pl_ag_delta_keep(&c, &st, 0, 0) - c.inertia[0]) < 1e-15); /* nothing but the inertia */
    return chance(&c, &st, 0, 0);
}

static void an_indifferent_step_is_kept_with_chance_logistic_of_lambda_times_inertia(void **state)
{
    (void)state;
    static const char *const ks[] = {NULL, "0", "0.5", "1", "1.5", "2"};
    static const double kv[] = {0, 0, 0.5, 1, 1.5, 2};
    for (int i = 0; i < 6; i++)
        for (int in_force = 0; in_force < 2; in_force++) {
            pl_agreement *a = indifferent(ks[i], 0);
            double got = keep_chance(a, in_force), want = logistic(4 * kv[i]);
            if (fabs(got - want) > 1e-15) fail_msg("K = %s, %s: kept with chance %.17g, logistic(4 K) = %.17g",
                                                  ks[i] ? ks[i] : "absent", in_force ? "in force" : "under way", got, want);
            if (kv[i] == 0) assert_true(got == 0.5); /* the second edition's coin flip */
            pl_agreement_free(a);
        }
    /* with a tremble on top: eps + (1 - 2 eps) logistic(4 K) */
    pl_agreement *a = indifferent("1", 0.01);
    assert_true(fabs(keep_chance(a, 0) - (0.01 + 0.98 * logistic(4))) < 1e-15);
    pl_agreement_free(a);
}

/* A map by party, as `patience:` is read: each party's own, the default for the rest. */
static void inertia_may_be_given_per_party(void **state)
{
    (void)state;
    pl_agreement *a = indifferent("{default: 2, A: 0.5}", 0);
    assert_true(fabs(keep_chance(a, 0) - logistic(2)) < 1e-15);
    pl_ag_compiled c;
    pl_ag_compile(a, -1, &c);
    assert_true(c.inertia[0] == 0.5 && c.inertia[1] == 2);
    pl_agreement_free(a);
    a = indifferent("{B: 3}", 0); /* no default: 0 */
    assert_true(keep_chance(a, 1) == 0.5);
    pl_ag_compile(a, -1, &c);
    assert_true(c.inertia[0] == 0 && c.inertia[1] == 3);
    pl_agreement_free(a);
}

/* Starting X is worth -1 (its cost) whatever the inertia: the same chance at K = 0 and K = 2. */
static void inertia_does_not_touch_starting(void **state)
{
    (void)state;
    double pi[2];
    for (int i = 0; i < 2; i++) {
        pl_agreement *a = indifferent(i ? "2" : "0", 0);
        pl_ag_compiled c;
        pl_ag_compile(a, -1, &c);
        pl_ag_state st;
        ag_fresh_state(&c, &st);
        pl_ag_expectations(&c, &st);
        assert_true(fabs(pl_ag_delta_start(&c, &st, 0, 0) - (-1.0)) < 1e-15);
        pi[i] = chance(&c, &st, 0, 0);
        pl_agreement_free(a);
    }
    assert_true(pi[0] == pi[1]);
    assert_true(fabs(pi[0] - logistic(-4)) < 1e-15);
}

/* The fit reads the same chance.  The record: X (three periods) started in period 0 and completed
 * in the course of period 2, so kept under way in periods 1 and 2.  The path is the same at K = 0 and K = 1; its log likelihood
 * for A differs by exactly 2 [log(eps + (1 - 2 eps) logistic(4)) - log(1/2)], B's not at all. */
static void the_fits_likelihood_moves_with_the_inertia(void **state)
{
    (void)state;
    pl_error err;
    double ll0[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS], ll1[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    pl_agreement_fit_point g = {4, 0.01, 1, 0.9};
    pl_agreement *a = indifferent(NULL, 0.01);
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll0, &err), 0);
    pl_agreement_free(a);
    a = indifferent("1", 0.01);
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll1, &err), 0);
    pl_agreement_free(a);
    double want = 2 * (log(0.01 + 0.98 * logistic(4)) - log(0.5));
    if (fabs((ll1[0][0] - ll0[0][0]) - want) > 1e-12)
        fail_msg("log L(K=1) - log L(K=0) = %.17g, want %.17g", ll1[0][0] - ll0[0][0], want);
    assert_true(ll1[1][0] == ll0[1][0]);
}

/* A negative or non-number inertia is refused where it is written, saying what was expected. */
static void a_bad_inertia_is_refused_with_its_place(void **state)
{
    (void)state;
    static const struct {
        const char *value, *msg;
    } bad[] = {
        {"-1", "bad.yaml:10:110: 'inertia' (payoff units, a number >= 0, or a map party: number) must be between 0 and "},
        {"lots", "bad.yaml:10:110: 'inertia' (payoff units, a number >= 0, or a map party: number) must be a number"},
        {"[1, 2]", "bad.yaml:10:110: 'inertia' (payoff units, a number >= 0, or a map party: number) must be a number"},
        {"{A: -0.5}", "bad.yaml:10:114: 'inertia' (payoff units, a number >= 0, or a map party: number) must be between"},
        {"{default: x}", "bad.yaml:10:120: 'inertia' (payoff units, a number >= 0, or a map party: number) must be a number"},
        {"{C: 1}", "bad.yaml:10:111: 'inertia': unknown party 'C'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[1400];
        snprintf(text, sizeof text,
                 "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
                 "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: reciprocal}\n"
                 "steps:\n  - {id: X, actor: A, cost: 1}\n"
                 "behaviour: {choice: logit, rationality: 4, tremble: 0.01, discount: 0.9, lookahead: 6, patience: 1, "
                 "inertia: %s}\n",
                 bad[i].value);
        pl_error err;
        assert_int_not_equal(ag_load_error(text, &err), 0);
        if (!strstr(err.msg, bad[i].msg)) fail_msg("inertia: %s: got \"%s\", want \"%s\"", bad[i].value, err.msg, bad[i].msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_indifferent_step_is_kept_with_chance_logistic_of_lambda_times_inertia),
        cmocka_unit_test(inertia_may_be_given_per_party),
        cmocka_unit_test(inertia_does_not_touch_starting),
        cmocka_unit_test(the_fits_likelihood_moves_with_the_inertia),
        cmocka_unit_test(a_bad_inertia_is_refused_with_its_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
