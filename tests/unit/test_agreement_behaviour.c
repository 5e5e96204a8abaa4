// SPDX-License-Identifier: MIT
/* test_agreement_behaviour.c — the second edition's behaviour, against numbers worked by hand.
 *
 * Bayes' rule on the public beliefs; a secret withdrawal moves no belief until it is found out,
 * then moves it by Bayes' rule; the likelihood of a short record; a party that gains
 * nothing from an agreement does not join it (and one that gains does); the rule types
 * are one table entry each; the plans the simulator keeps between periods are, at every
 * decision, the plans made afresh; every party's decision made at once (the simulator's loop) is
 * each party's decision made in turn (the stepper's); the lateness kept between periods is, at
 * every period, the lateness made afresh (with start deadlines too); the due sets kept from period to period are the due sets
 * made afresh with every step tested again; the likelihoods the Bayes update reads are those of
 * every type's rule move made afresh; the flows kept after a shock are the flows made afresh; the opening
 * a variant's runs share is each run's own opening. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "parley/testing.h"
#include "core/alloc.h"
#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_fit.h"
#include "agreement/agreement_output.h"
#include "io/yaml_doc.h"
#include "agreement_testing.h"

static const char two_steps[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: unconditional}\n"
    "  - id: B\n    policy:\n      - {policy: reciprocal, p: 0.5}\n      - {policy: hold, p: 0.5, holds: [Y]}\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, value: {B: 2}}\n"
    "  - {id: Y, actor: B, requires: [X], cost: 1, value: {A: 2}}\n"
    "record:\n  events:\n"
    "    - {date: 2000-01-15, step: X, event: completed, source: \"[A1]\"}\n"
    "    - {date: 2000-02-10, step: Y, event: started, source: \"[A1]\"}\n"
    "behaviour: {choice: rule, tremble: 0.1, patience: 5}\n";

/* B is seen to start Y once X is verified: a reciprocal type does so (1 - eps = 0.9), a type
 * that holds Y only by a tremble (eps = 0.1).  From 0.5 / 0.5 the posterior of reciprocal is
 * 0.45 / (0.45 + 0.05) = 0.9; the same evidence again gives 0.405 / (0.405 + 0.005) = 0.98780... */
static void bayes_updating_matches_the_posterior_worked_by_hand(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(two_steps);
    pl_ag_compiled c;
    pl_ag_compile(a, -1, &c);
    pl_ag_state st;
    ag_fresh_state(&c, &st);
    assert_true(fabs(st.belief[1][0] - 0.5) < 1e-15);
    st.t = 1;
    st.started = st.done = st.verified = st.ever_done = PL_BIT(0);
    pl_ag_move seen = {PL_BIT(1), 0, 0, 0};
    double ll[PL_AG_MAX_OPTIONS];
    pl_ag_evidence_loglik(&c, &st, 1, &seen, ll);
    assert_true(fabs(ll[0] - log(0.9)) < 1e-12);
    assert_true(fabs(ll[1] - log(0.1)) < 1e-12);
    assert_int_equal(pl_ag_beliefs_update(&c, &st, &seen, NULL), 1);
    assert_true(fabs(st.belief[1][0] - 0.9) < 1e-12);
    assert_true(fabs(st.belief[1][1] - 0.1) < 1e-12);
    pl_ag_beliefs_update(&c, &st, &seen, NULL);
    assert_true(fabs(st.belief[1][0] - 0.405 / 0.41) < 1e-12);
    /* nothing seen: nothing learnt */
    pl_ag_move none = {0, 0, 0, 0};
    assert_int_equal(pl_ag_beliefs_update(&c, &st, &none, NULL), 0);
    pl_agreement_free(a);
}

/* The record: X completed in period 0 (so started then: its duration is one period), Y started
 * in period 1.  Period 0: A starts X, which its rule does: 0.9.  B: Y is not due, and no type
 * starts it: no factor.  Period 1: X is verified (nobody verifies it: the period after), Y is
 * due; B starts it: 0.9 if reciprocal, 0.1 if it holds Y.  A has nothing left to decide. */
static void the_likelihood_of_a_short_record_is_the_one_worked_by_hand(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(two_steps);
    pl_error err;
    double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    pl_agreement_fit_point g = {INFINITY, 0.1, 5, 0.97};
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll, &err), 0);
    assert_true(fabs(ll[0][0] - log(0.9)) < 1e-12);
    assert_true(fabs(ll[1][0] - log(0.9)) < 1e-12);
    assert_true(fabs(ll[1][1] - log(0.1)) < 1e-12);
    /* the fit: the posterior of reciprocal is the one Bayes' rule gives at the best tremble */
    pl_agreement_fit_config cfg = {.runs = 200, .window = 1};
    pl_agreement_fit *f;
    assert_int_equal(pl_agreement_fit_record(a, &cfg, &f, &err), 0);
    double e = pl_agreement_fit_best(f).tremble;
    assert_true(fabs(pl_agreement_fit_posterior(f, 1, 0) - (1 - e)) < 1e-9);
    pl_agreement_fit_free(f);
    pl_agreement_free(a);
}

/* The fit out of memory at each of its allocations in turn: PL_ENOMEM, no fit, nothing leaked (the
 * sanitizers' leak check), until there is memory for all of them and it fits. */
static void the_fit_fails_cleanly_at_each_allocation(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(two_steps);
    pl_agreement_fit_config cfg = {.runs = 50, .window = 1};
    pl_error err;
    int rc = PL_ENOMEM;
    long n = 0;
    while (rc == PL_ENOMEM && n < 2000) {
        pl_agreement_fit *f = (pl_agreement_fit *)1;
        pl_alloc_fail_at(++n);
        rc = pl_agreement_fit_record(a, &cfg, &f, &err);
        long refused = pl_alloc_failures();
        pl_alloc_fail_at(0);
        if (rc) {
            assert_int_equal(rc, PL_ENOMEM);
            assert_null(f);
            assert_true(refused > 0);
        } else
            pl_agreement_fit_free(f);
    }
    assert_int_equal(rc, 0);
    assert_true(n > 4); /* the grid's arrays, the path and the workers' were each refused once */
    pl_agreement_free(a);
}

/* A delivery first seen under way: Y (B's, six periods, 600 t) is recorded delivering 300 t in
 * period 4 and never recorded started.  It was started by then, the record does not say when: the
 * fit takes it started the first period it is due (X verified: period 1), as if the record said so,
 * so every party's likelihood under every type is the one of the record with that start dated; and
 * not the one of a start at the delivery (the reading before 2026-12-03, which charged B with three
 * periods of not starting a step it was due to start). */
static const char delivery_record[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: unconditional}\n"
    "  - id: B\n    policy:\n      - {policy: reciprocal, p: 0.5}\n      - {policy: hold, p: 0.5, holds: [Y]}\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, value: {B: 2}}\n"
    "  - {id: Y, actor: B, requires: [X], duration: 6, quantity: 600, cost: 1, value: {A: 2}}\n"
    "record:\n  events:\n"
    "    - {date: 2000-01-15, step: X, event: completed, source: \"[A1]\"}\n"
    "%s"
    "    - {date: 2000-05-10, step: Y, event: delivered, quantity: 300, source: \"[A1]\"}\n"
    "behaviour: {choice: rule, tremble: 0.1, patience: 5}\n";

static void record_loglik(const char *started, double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS])
{
    char text[sizeof delivery_record + 512];
    snprintf(text, sizeof text, delivery_record, started);
    pl_agreement *a = ag_load_text(text);
    pl_error err;
    pl_agreement_fit_point g = {INFINITY, 0.1, 5, 0.97};
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll, &err), 0);
    pl_agreement_free(a);
}

static void a_delivery_first_seen_under_way_started_when_it_fell_due(void **state)
{
    (void)state;
    double undated[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS], due[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS],
        late[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    record_loglik("", undated);
    record_loglik("    - {date: 2000-02-10, step: Y, event: started, source: \"[A1]\"}\n", due);
    record_loglik("    - {date: 2000-05-10, step: Y, event: started, source: \"[A1]\"}\n", late);
    for (int p = 0; p < 2; p++)
        for (int k = 0; k < (p ? 2 : 1); k++) assert_true(undated[p][k] == due[p][k]);
    assert_true(fabs(undated[1][0] - late[1][0]) > 0.1); /* reciprocal B: 0.9 once, not 0.1 three times */
}

/* A delivery reported after a withdrawal restarts nothing: the record puts a withdrawn step back with
 * `restored` (six-party-2007: disablement halted 2008-08-14, "eight of eleven tasks done" reported
 * 2008-09-30, resumed 2008-10-12).  So the likelihoods are those of the record without the report;
 * the fit read it as a restart until 2026-12-03 (the replay never did). */
static void a_delivery_reported_after_a_withdrawal_restarts_nothing(void **state)
{
    (void)state;
    static const char *const middle[] = {
        "    - {date: 2000-02-10, step: Y, event: started, source: \"[A1]\"}\n"
        "    - {date: 2000-03-10, step: Y, event: reversed, source: \"[A1]\"}\n"
        "    - {date: 2000-04-10, step: Y, event: delivered, quantity: 100, source: \"[A1]\"}\n",
        "    - {date: 2000-02-10, step: Y, event: started, source: \"[A1]\"}\n"
        "    - {date: 2000-03-10, step: Y, event: reversed, source: \"[A1]\"}\n"};
    double with[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS], without[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    record_loglik(middle[0], with);
    record_loglik(middle[1], without);
    for (int p = 0; p < 2; p++)
        for (int k = 0; k < (p ? 2 : 1); k++) assert_true(with[p][k] == without[p][k]);
}

/* A secret withdrawal found out.  X (A's, covert, found out with chance d = 0.5 a month) is recorded
 * completed in period 0 and found withdrawn in period 3.  Period 0: A starts X, as its rule does:
 * 0.9.  X is in force from period 1; the withdrawal came at tau = 1 or 2 (the record does not say):
 *   tau = 1: withdrawn (0.1), not found in period 2 (0.5), found in 3 (0.5): 0.025;
 *   tau = 2: kept at 1 (0.9), withdrawn (0.1), found in 3 (0.5):            0.045;  sum 0.07.
 * Period 3: X is back (the finding); A's rule starts it again and the record shows it did not: 0.1.
 * B's step Y is never recorded: summed out.  So log L(A) = log(0.9 * 0.07 * 0.1). */
static const char covert_found[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n"
    "  - {id: A, policy: unconditional}\n"
    "  - id: B\n    policy:\n      - {policy: reciprocal, p: 0.5}\n      - {policy: hold, p: 0.5, holds: [Y]}\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 1, value: {B: 2}, reversible: true, verification: {by: B, p_confirm: 1},\n"
    "     covert: {p_detect: 0.5}}\n"
    "  - {id: Y, actor: B, requires: [X], cost: 1, value: {A: 2}}\n"
    "record:\n  events:\n"
    "    - {date: 2000-01-15, step: X, event: completed, source: \"[A1]\"}\n"
    "    - {date: 2000-04-10, step: X, event: detected, source: \"[A1]\"}\n"
    "behaviour: {choice: rule, tremble: 0.1, patience: 5}\n";

static void a_secret_withdrawal_found_out_sums_over_its_unknown_period(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(covert_found);
    pl_error err;
    double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    pl_agreement_fit_point g = {INFINITY, 0.1, 5, 0.97};
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll, &err), 0);
    assert_true(fabs(ll[0][0] - log(0.9 * 0.07 * 0.1)) < 1e-12);
    assert_true(fabs(ll[1][0]) < 1e-15 && fabs(ll[1][1]) < 1e-15);
    pl_agreement_free(a);
    /* found out a month later: tau = 1, 2, 3: 0.1 * 0.25 * 0.5, 0.9 * 0.1 * 0.25, 0.81 * 0.1 * 0.5 */
    char text[sizeof covert_found + 16];
    snprintf(text, sizeof text, "%s", covert_found);
    char *at = strstr(text, "2000-04-10");
    memcpy(at, "2000-05-10", 10);
    a = ag_load_text(text);
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll, &err), 0);
    assert_true(fabs(ll[0][0] - log(0.9 * (0.0125 + 0.0225 + 0.0405) * 0.1)) < 1e-12);
    pl_agreement_free(a);
    /* a finding on a step that cannot be withdrawn in secret is refused where it is written */
    snprintf(text, sizeof text, "%s", covert_found);
    static const char cov[] = "     covert: {p_detect: 0.5}}", blank[] = "                            }";
    _Static_assert(sizeof cov == sizeof blank, "the same length");
    at = strstr(text, cov);
    memcpy(at, blank, sizeof blank - 1); /* the covert: spec blanked out, the map closed */
    assert_int_not_equal(ag_load_error(text, &err), 0);
    assert_non_null(strstr(err.msg, "bad.yaml:18:7: the record finds out a secret withdrawal of step 'X', which has no "
                                    "'covert:'"));
}

/* Golden-section search: the maximum of a parabola inside the bracket, to the width asked; and a
 * maximum on a bracket's end, which it computes exactly (a parameter at an end of its range). */
static double parabola(void *ctx, double x)
{
    (*(int *)ctx)++;
    return -(x - 0.3) * (x - 0.3);
}

static double rising(void *ctx, double x)
{
    (void)ctx;
    return x;
}

static void golden_section_finds_a_maximum_inside_and_on_an_end(void **state)
{
    (void)state;
    int evals = 0;
    double at;
    double best = pl_ag_golden_max(parabola, &evals, 0, 1, 1e-6, &at);
    assert_true(fabs(at - 0.3) < 1e-6);
    assert_true(best <= 0 && best > -1e-12);
    /* both ends and two inner points, then one a step while the bracket (0.618... of the last each
     * step) is wider than 1e-6: 29 steps from 1 to 0.618^29 = 8.7e-7 */
    assert_int_equal(evals, 4 + 29);
    assert_true(pl_ag_golden_max(rising, NULL, -2, 0.75, 1e-4, &at) == 0.75 && at == 0.75);
}

/* The refinement, against a maximum in closed form.  A (one type, unconditional: its rule starts
 * every step at once) is recorded starting X1..X4 in period 0 and Z only in period 1: five starts
 * its rule makes (1 - eps each) and one period of not starting Z (eps).  Every step is worth 1e6 to
 * A at its completion, so at any discount above 0 the logit starts it with chance 1 (to the last
 * bit) at every rationality of the grid, as the rule does: L = (1 - eps)^5 eps, the largest at
 * eps = 1/6, between the grid's 0.1 and 0.2.  At discount 0 the value, which comes at the end of
 * the period, counts nothing: the logit's chance is 1/2 whatever the tremble, L = 2^-6. */
static const char five_and_one[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: unconditional}\n"
    "steps:\n"
    "  - {id: X1, actor: A, value: {A: 1000000}}\n  - {id: X2, actor: A, value: {A: 1000000}}\n"
    "  - {id: X3, actor: A, value: {A: 1000000}}\n  - {id: X4, actor: A, value: {A: 1000000}}\n"
    "  - {id: Z, actor: A, value: {A: 1000000}}\n"
    "record:\n  events:\n"
    "    - {date: 2000-01-15, step: X1, event: completed, source: \"[A1]\"}\n"
    "    - {date: 2000-01-15, step: X2, event: completed, source: \"[A1]\"}\n"
    "    - {date: 2000-01-15, step: X3, event: completed, source: \"[A1]\"}\n"
    "    - {date: 2000-01-15, step: X4, event: completed, source: \"[A1]\"}\n"
    "    - {date: 2000-02-10, step: Z, event: started, source: \"[A1]\"}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.1, patience: 5}\n";

static void the_refined_tremble_is_the_maximum_in_closed_form(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(five_and_one);
    pl_error err;
    double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    pl_agreement_fit_point g = {INFINITY, 0.1, 5, 0.97};
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll, &err), 0);
    assert_true(fabs(ll[0][0] - (5 * log(0.9) + log(0.1))) < 1e-12);
    g.rationality = 0.25, g.discount = 0.01; /* the logit at the grid's least rationality and discount */
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll, &err), 0);
    assert_true(fabs(ll[0][0] - (5 * log(0.9) + log(0.1))) < 1e-12);
    g.discount = 0; /* a party that weighs only the period it decides in */
    assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll, &err), 0);
    assert_true(fabs(ll[0][0] - 6 * log(0.5)) < 1e-12);
    pl_agreement_fit_config cfg = {.runs = 50, .window = 1};
    pl_agreement_fit *f;
    assert_int_equal(pl_agreement_fit_record(a, &cfg, &f, &err), 0);
    assert_true(f->grid_best.tremble == 0.2 && f->grid_best.discount > 0);
    assert_true(fabs(f->grid_best_ll - (5 * log(0.8) + log(0.2))) < 1e-12);
    pl_agreement_fit_point b = pl_agreement_fit_best(f);
    assert_true(fabs(b.tremble - 1.0 / 6) < 1e-4);
    assert_true(pl_agreement_fit_loglik(f) >= f->grid_best_ll);
    assert_true(fabs(pl_agreement_fit_loglik(f) - (5 * log(5.0 / 6) + log(1.0 / 6))) < 1e-8);
    /* rationality and discount, on which the likelihood is flat here, stay the grid's */
    assert_true(b.rationality == f->grid_best.rationality && b.discount == f->grid_best.discount);
    assert_true(b.patience == f->grid_best.patience);
    /* the same on any threads */
    pl_agreement_fit *f2;
    cfg.threads = 2;
    assert_int_equal(pl_agreement_fit_record(a, &cfg, &f2, &err), 0);
    assert_memory_equal(&f->best, &f2->best, sizeof f->best);
    assert_true(f->best_ll == f2->best_ll);
    pl_agreement_fit_free(f2);
    pl_agreement_fit_free(f);
    pl_agreement_free(a);
}

/* Patience refined between the grid's values.  A (reciprocal, the rule) completes X in period 0; B's Y,
 * which requires X, is due by period 2 and never comes; A withdraws X in period 10.  The rule
 * withdraws X once Y is late by more than A's patience, which is in period 10 for patience 7 alone
 * (the grid has 6 and 9): every other patience has A keep X a period its rule withdraws it, or
 * withdraw it while its rule keeps it (a tremble each).  The grid's best is at 6 or 9, either side
 * (its search of the other parameters decides which); the refinement, which tries every whole
 * number of periods between the grid values either side (across the plateau of 8 and 9, equal),
 * finds 7. */
static const char late_at_seven[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 24\n"
    "parties:\n  - {id: A, policy: reciprocal}\n  - {id: B, policy: unconditional}\n"
    "steps:\n"
    "  - {id: X, actor: A, value: {B: 1}, reversible: true}\n"
    "  - {id: Y, actor: B, requires: [X], deadline: 2, value: {A: 1}}\n"
    "record:\n  events:\n"
    "    - {date: 2000-01-15, step: X, event: completed, source: \"[A1]\"}\n"
    "    - {date: 2000-11-15, step: X, event: reversed, source: \"[A1]\"}\n"
    "behaviour: {choice: rule, tremble: 0.1, patience: 1}\n";

static void the_refined_patience_steps_between_the_grid_values(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(late_at_seven);
    pl_error err;
    double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS], at[12];
    for (int pat = 0; pat < 12; pat++) {
        pl_agreement_fit_point g = {INFINITY, 0.1, pat, 0.97};
        assert_int_equal(pl_ag_fit_loglik_types(a, &g, ll, &err), 0);
        at[pat] = ll[0][0];
    }
    for (int pat = 0; pat < 12; pat++)
        if (pat != 7) assert_true(at[pat] < at[7] - 1); /* a tremble (log 0.1 against log 0.9) at least */
    pl_agreement_fit_config cfg = {.runs = 50, .window = 1};
    pl_agreement_fit *f;
    assert_int_equal(pl_agreement_fit_record(a, &cfg, &f, &err), 0);
    assert_true(f->grid_best.patience == 6 || f->grid_best.patience == 9);
    pl_agreement_fit_point b = pl_agreement_fit_best(f);
    assert_int_equal(b.patience, 7);
    assert_true(pl_agreement_fit_loglik(f) > f->grid_best_ll + 1);
    pl_agreement_fit_free(f);
    pl_agreement_free(a);
}

/* Discount 0: a party weighs only the period it decides in.  A value, which comes at a step's
 * completion (a period or more on), counts nothing (delta^duration = 0, no 0^0: a duration is at
 * least 1); a flow counts its first period's (the annuity 1 + 0 + 0 ... = 1); a step paid as
 * delivered, its first period's share (1/duration). */
static void discount_zero_weighs_only_the_period_decided_in(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(
        "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
        "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: unconditional}\n"
        "steps:\n"
        "  - {id: X, actor: A, duration: 3, cost: 1, reversible: true, value: {A: 2, B: 2}, flow: {A: 0.5, B: 0.5}}\n"
        "  - {id: Y, actor: B, duration: 4, cost: 1, paid: as_delivered, value: {A: 2}}\n"
        "behaviour: {choice: logit, rationality: 1, tremble: 0.1, discount: 0, lookahead: 6}\n");
    pl_ag_compiled c;
    pl_ag_compile(a, -1, &c);
    assert_true(c.annuity == 1);
    assert_true(c.disc[0] == 0 && c.disc[1] == 0);
    assert_true(c.delivered_worth[0] == 0 && c.delivered_worth[1] == 0.25);
    pl_ag_state st;
    ag_fresh_state(&c, &st);
    /* X to A: its cost now, its value and flows (from its completion on) nothing; Y to B: the quarter
     * of its cost paid in the first period of work */
    assert_true(pl_ag_delta_start(&c, &st, 0, 0) == -1);
    assert_true(pl_ag_delta_start(&c, &st, 1, 1) == -0.25);
    /* X done: keeping it is worth this period's flow */
    st.started = st.done = st.ever_done = PL_BIT(0);
    assert_true(pl_ag_delta_keep(&c, &st, 0, 0) == 0.5);
    pl_agreement_free(a);
}

/* A covert withdrawal in the simulator, played period by period.  A (reciprocal 0.3, opportunist
 * 0.7; forced to be the opportunist, both parties following their rules exactly) keeps X, which
 * costs it 1 a period; once B's irreversible Y, which requires X, is done nothing more hangs on X,
 * so the opportunist withdraws it, in secret; the reciprocal type would keep it.  The withdrawal is
 * in A's own plan, but the others see nothing until B finds it out (p_detect 0.3 a period): until
 * then the belief about A stays at the prior (nothing A was seen to do tells the types apart), and
 * the finding is evidence that the withdrawing type explains (1 - eps) and the other only by a
 * tremble (eps = 0.1): the posterior of opportunist is 0.7 * 0.9 / (0.7 * 0.9 + 0.3 * 0.1) = 21/22. */
static const char covert_withdrawal[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 36\n"
    "parties:\n"
    "  - id: A\n    policy:\n      - {policy: reciprocal, p: 0.3}\n      - {policy: opportunist, p: 0.7}\n"
    "  - {id: B, policy: unconditional}\n"
    "steps:\n"
    "  - {id: X, actor: A, cost: 0, flow: {A: -1, B: 2}, reversible: true, verification: {by: B, p_confirm: 1},\n"
    "     covert: {p_detect: 0.3}}\n"
    "  - {id: Y, actor: B, requires: [X], cost: 0, value: {A: 1}}\n"
    "behaviour: {choice: rule, tremble: 0.1, patience: 5}\n";

static void a_secret_withdrawal_moves_no_belief_until_it_is_found_out(void **state)
{
    (void)state;
    pl_agreement *a;
    pl_ag_compiled *c = ag_compile_text(covert_withdrawal, &a);
    c->forced_type[0] = 2; /* the opportunist */
    c->exact[0] = c->exact[1] = 1;
    long hidden = 0; /* the periods the withdrawals stayed secret, over the runs */
    for (uint64_t run = 0; run < 20; run++) {
        pl_ag_draws d;
        pl_ag_run_state R;
        pl_ag_outcome o;
        pl_ag_draw(c, 3, run, &d);
        pl_ag_begin(c, &d, &R, &o);
        pl_ag_period_open(c, &d, &R, &o, NULL);
        int withdrawn_t = -1, found_t = -1;
        while (R.t < c->horizon && found_t < 0) {
            /* nothing seen has told the types apart: the prior */
            assert_true(R.st.belief[0][0] == 0.3 && R.st.belief[0][1] == 0.7);
            assert_int_equal(o.bel_n, 0);
            pl_ag_move all;
            pl_ag_decide_all(c, &R.st, &all);
            if (all.reverse & PL_BIT(0)) {
                assert_int_equal(withdrawn_t, -1); /* withdrawn once, in secret, while in force */
                assert_true(R.st.done & PL_BIT(1)); /* after Y, which hung on it, was done */
                withdrawn_t = R.t;
            }
            pl_ag_period_close(c, &d, &R, &o, &all, NULL);
            assert_true(R.st.belief[0][0] == 0.3 && R.st.belief[0][1] == 0.7); /* the secret move: no news */
            assert_int_equal(o.bel_n, 0);
            if (withdrawn_t >= 0) {
                assert_true(R.st.covert & PL_BIT(0));
                assert_int_equal(R.covert_types[0], 1u << 1); /* only the opportunist would withdraw it */
            }
            if (R.t >= c->horizon) break;
            pl_ag_period_open(c, &d, &R, &o, NULL);
            if (withdrawn_t >= 0 && !(R.st.covert & PL_BIT(0))) found_t = R.t; /* found out at this opening */
        }
        assert_true(withdrawn_t >= 0 && found_t > withdrawn_t);
        hidden += found_t - withdrawn_t;
        assert_int_equal(o.bel_n, 1);
        assert_int_equal(o.bel_t[0], found_t);
        assert_true(fabs(R.st.belief[0][1] - 21.0 / 22) < 1e-12);
        assert_true(fabs(R.st.belief[0][0] - 1.0 / 22) < 1e-12);
    }
    assert_true(hidden > 40); /* secret for more than the one period after it in most runs */
    pl_free(c);
    pl_agreement_free(a);
}

/* X by A gives B 1; Y by B (after X) costs B `cost` and gives A 3; Z by A (after Y) gives B 2.
 * As written B gets 1 + 2 - cost: with cost 5 it gains nothing by joining. */
static pl_agreement *exchange(double cost)
{
    char text[1200];
    snprintf(text, sizeof text,
             "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 24\n"
             "parties:\n  - {id: A, policy: reciprocal}\n  - {id: B, policy: reciprocal}\n"
             "steps:\n"
             "  - {id: X, actor: A, cost: 1, value: {B: 1}}\n"
             "  - {id: Y, actor: B, requires: [X], cost: %g, value: {A: 3}}\n"
             "  - {id: Z, actor: A, requires: [Y], cost: 1, value: {B: 2}}\n"
             "behaviour: {choice: logit, rationality: 4, tremble: 0.001, discount: 0.97, patience: 2}\n",
             cost);
    return ag_load_text(text);
}

static void a_party_that_gains_nothing_does_not_join(void **state)
{
    (void)state;
    for (int gains = 0; gains < 2; gains++) {
        pl_agreement *a = exchange(gains ? 1 : 5);
        pl_error err;
        pl_agreement_sim_config cfg = {.runs = 2000, .seed = 3, .threads = 1};
        pl_agreement_result *r;
        assert_int_equal(pl_agreement_simulate(a, &cfg, &r, &err), 0);
        pl_ag_incentives *inc;
        assert_int_equal(pl_ag_incentives_compute(a, r, 500, 3, 1, &inc, &err), 0);
        double y = pl_agreement_result_p_step(r, 0, 1).est;
        if (gains) {
            assert_true(inc->v[0].as_written[1] > 0);
            assert_int_equal(inc->v[0].joins[1], 1);
            assert_true(y > 0.9);
        } else {
            assert_true(fabs(inc->v[0].as_written[1] - (1 + 2 - 5)) < 1e-12);
            assert_int_equal(inc->v[0].joins[1], 0);
            assert_true(y < 0.1);
        }
        pl_free(inc);
        pl_agreement_result_free(r);
        pl_agreement_free(a);
    }
}

/* The checks on the worker pool (one check an item) give the rows of one thread doing each
 * variant's checks in turn (pl_ag_incentive_row_fill, as the design search does), byte for byte,
 * whatever the number of threads. */
static void the_incentive_checks_are_the_same_on_any_threads(void **state)
{
    (void)state;
    pl_agreement *a = exchange(1);
    pl_error err;
    pl_agreement_sim_config cfg = {.runs = 1000, .seed = 5, .threads = 1};
    pl_agreement_result *r;
    assert_int_equal(pl_agreement_simulate(a, &cfg, &r, &err), 0);
    pl_ag_incentives *one, *three;
    assert_int_equal(pl_ag_incentives_compute(a, r, 300, 5, 1, &one, &err), 0);
    assert_int_equal(pl_ag_incentives_compute(a, r, 300, 5, 3, &three, &err), 0);
    assert_memory_equal(one, three, sizeof *one);
    pl_ag_compiled *c = pl_malloc(sizeof *c), *scratch = pl_malloc(sizeof *scratch);
    assert_non_null(c);
    assert_non_null(scratch);
    pl_ag_compile(a, -1, c);
    double expected[PL_AG_MAX_PARTIES];
    for (int p = 0; p < a->n_parties; p++) expected[p] = r->stats[0].pay_sum[p] / (double)r->stats[0].runs;
    pl_ag_incentive_row row;
    memset(&row, 0, sizeof row);
    pl_ag_incentive_row_fill(a, c, expected, 300, 5, one->tolerance, scratch, &row);
    assert_memory_equal(&row, &one->v[0], sizeof row);
    double most = 0; /* the checks ran: as some type, some party completes the exchange at times */
    for (int p = 0; p < a->n_parties; p++)
        for (int k = 0; k < PL_AG_MAX_OPTIONS; k++)
            if (one->v[0].type_complete[p][k] > most) most = one->v[0].type_complete[p][k];
    assert_true(most > 0.1); /* 0.353 here: a zeroed row would give 0 */
    pl_free(c), pl_free(scratch);
    pl_free(one), pl_free(three);
    pl_agreement_result_free(r);
    pl_agreement_free(a);
}

/* One run as pl_ag_run plays it, checking before every decision that the plan the simulator keeps
 * (remade only when what it reads has changed, its logit chances cached) is the plan made afresh
 * on the snapshot, with no cache: the same steps to start and keep, the same chances to the bit,
 * the same move.  Returns the decisions checked; the outcome is pl_ag_run's. */
static long run_checking_plans(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_outcome *o)
{
    long checked = 0;
    pl_ag_run_state R;
    pl_ag_begin(c, d, &R, o);
    if (c->horizon > 0) pl_ag_period_open(c, d, &R, o, NULL);
    while (R.t < c->horizon) {
        pl_ag_move all = {0, 0, 0, 0};
        for (int p = 0; p < c->n_parties; p++) {
            pl_ag_state fresh = R.st;
            pl_ag_move want, got;
            pl_ag_plan pl;
            pl_ag_rule_as(c, &fresh, p, fresh.type[p], &want);
            want.reverse &= ~fresh.covert, want.retal &= ~fresh.covert, want.opp &= ~fresh.covert;
            pl_ag_plan_choice(c, &fresh, p, &want, &pl);
            pl_ag_decide(c, &R.st, p, &got);
            if (!c->exact[p]) {
                assert_true(R.st.plan_cs[p] == pl.cs);
                assert_true(R.st.plan_ck[p] == pl.ck);
                for (pl_bits b = pl.cs | pl.ck; b; b &= b - 1) {
                    int s = __builtin_ctzll(b);
                    if (R.st.p_act[s] != pl.p_act[s])
                        fail_msg("period %d, party %d, step %d: kept chance %.17g, afresh %.17g", R.t, p, s, R.st.p_act[s],
                                 pl.p_act[s]);
                }
                pl_bits start = 0, reverse = 0;
                for (pl_bits b = pl.cs; b; b &= b - 1) {
                    int s = __builtin_ctzll(b);
                    if (pl_ag_choice_u(fresh.choice_key, fresh.t, s) < pl.p_act[s]) start |= PL_BIT(s);
                }
                for (pl_bits b = pl.ck; b; b &= b - 1) {
                    int s = __builtin_ctzll(b);
                    if (pl_ag_choice_u(fresh.choice_key, fresh.t, s) >= pl.p_act[s]) reverse |= PL_BIT(s);
                }
                want.retal &= reverse, want.opp &= reverse, want.start = start, want.reverse = reverse;
            }
            assert_true(got.start == want.start && got.reverse == want.reverse);
            assert_true(got.retal == want.retal && got.opp == want.opp);
            checked++;
            all.start |= got.start, all.reverse |= got.reverse, all.retal |= got.retal, all.opp |= got.opp;
        }
        if (!pl_ag_period_next(c, d, &R, o, &all, NULL)) break;
    }
    pl_ag_finish(c, &R, o);
    return checked;
}

/* The shipped scenarios with a `behaviour:` block, which the replays below play. */
static const char *const behaviour_files[] = {"scenarios/korea/six-party-2007.yaml",
                                              "scenarios/korea/agreed-framework-1994.yaml"};
enum { N_BEHAVIOUR_FILES = sizeof behaviour_files / sizeof *behaviour_files };

/* Loads behaviour_files[f] (a failure fails the test) and a buffer *c to compile its variants into. */
static pl_agreement *load_behaviour_file(size_t f, pl_ag_compiled **c)
{
    pl_agreement *a;
    pl_error err;
    if (pl_agreement_load(&a, behaviour_files[f], &err)) fail_msg("%s", err.msg);
    assert_true(a->behaviour.given);
    *c = pl_malloc(sizeof **c);
    assert_non_null(*c);
    return a;
}

static void the_plans_kept_between_periods_are_the_plans_made_afresh(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        pl_ag_compiled *c;
        pl_agreement *a = load_behaviour_file(f, &c);
        long checked = 0, moved = 0;
        for (int v = 0; v < pl_agreement_n_variants(a); v++) {
            pl_ag_compile(a, a->n_variants ? v : -1, c);
            for (uint64_t run = 0; run < 200; run++) {
                pl_ag_draws d;
                pl_ag_outcome o, ref;
                pl_ag_draw(c, 11, run, &d);
                checked += run_checking_plans(c, &d, &o);
                pl_ag_run(c, &d, &ref, NULL);
                assert_int_equal(o.complete_t, ref.complete_t);
                assert_true(o.ever_done == ref.ever_done && o.in_force_end == ref.in_force_end);
                for (int p = 0; p < c->n_parties; p++) assert_true(memcmp(&o.pay[p], &ref.pay[p], sizeof o.pay[p]) == 0);
                moved += o.first_rev_step >= 0;
            }
        }
        assert_true(checked > 1000); /* decisions were made, */
        assert_true(moved > 0);      /* and steps withdrawn: the plans had something to follow */
        pl_free(c);
        pl_agreement_free(a);
    }
}

/* Two parties: A an opportunist whose step X pays it 0.5 a month until a shock (chance 0.1 a month) makes
 * X cost it 0.5 to keep; B reciprocal.  The fixture of the tests of the opportunist that takes. */
static const char OPPORTUNIST_TAKES[] = "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 24\n"
                                        "parties:\n  - {id: A, policy: opportunist}\n  - {id: B, policy: reciprocal}\n"
                                        "steps:\n"
                                        "  - {id: X, actor: A, flow: {A: 0.5, B: 1}, reversible: true}\n"
                                        "  - {id: Z, actor: B, flow: {A: 0.25}}\n"
                                        "shocks:\n  - {id: s, p: 0.1, flows: {X: {A: -1}}}\n"
                                        "behaviour: {choice: rule, tremble: 0.01}\n";

/* A shock's `flows:` moves no step, yet an opportunist's rule reads the flows: A keeps X while X pays
 * it something, and withdraws it once the shock makes X cost it to keep (nothing hangs on X, and A
 * would lose nothing in answer).  The plan kept for an opportunist type is made again when the shocks
 * change flows, as the plan made afresh at every decision shows; fails when it is kept over a shock
 * (tried).  B's plan, which reads no flow, is kept (the withdrawals counted are A's). */
static void an_opportunists_plan_is_made_again_when_a_shock_changes_its_flows(void **state)
{
    (void)state;
    pl_agreement *a;
    pl_ag_compiled *c = ag_compile_text(OPPORTUNIST_TAKES, &a);
    long checked = 0, answered = 0;
    for (uint64_t run = 0; run < 200; run++) {
        pl_ag_draws d;
        pl_ag_outcome o;
        pl_ag_draw(c, 29, run, &d);
        checked += run_checking_plans(c, &d, &o);
        /* X withdrawn by A after the shock came */
        answered += d.n_occ > 0 && o.first_rev_step == 0 && o.first_rev_party == 0 && o.first_rev_t >= d.occ_t[0];
    }
    assert_true(checked > 1000);
    assert_true(answered > 50); /* the shock did turn A against X */
    pl_free(c);
    pl_agreement_free(a);
}

/* Plays every run of every variant of the behaviour file f (runs 0 .. runs-1 of the given seed)
 * through the simulator's own steps, party `exact` (or none if negative) following its rule
 * exactly: calls begin (if not NULL) on the state of each run as begun, before its first period
 * opens, and check on the state at every period, after the period's opening and before anyone
 * decides (every party at once, pl_ag_decide_all); both note what they saw in *ctx.  Returns the
 * periods played. */
typedef void period_check(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx);
/* Steps `runs` runs of the compiled c (seed), calling begin (may be NULL) once a run has begun and
 * check at each period before its decisions; returns the periods checked. */
static long step_runs(const pl_ag_compiled *c, uint64_t seed, uint64_t runs, period_check *begin, period_check *check,
                      void *ctx)
{
    long periods = 0;
    for (uint64_t run = 0; run < runs; run++) {
        pl_ag_draws d;
        pl_ag_run_state R;
        pl_ag_outcome o;
        pl_ag_draw(c, seed, run, &d);
        pl_ag_begin(c, &d, &R, &o);
        if (begin) begin(c, &R, ctx);
        if (c->horizon > 0) pl_ag_period_open(c, &d, &R, &o, NULL);
        while (R.t < c->horizon) {
            check(c, &R, ctx);
            periods++;
            pl_ag_move all;
            pl_ag_decide_all(c, &R.st, &all);
            if (!pl_ag_period_next(c, &d, &R, &o, &all, NULL)) break;
        }
    }
    return periods;
}

static long replay_behaviour_file(size_t f, uint64_t seed, uint64_t runs, int exact, period_check *begin,
                                  period_check *check, void *ctx)
{
    pl_ag_compiled *c;
    pl_agreement *a = load_behaviour_file(f, &c);
    long periods = 0;
    for (int v = 0; v < pl_agreement_n_variants(a); v++) {
        pl_ag_compile(a, a->n_variants ? v : -1, c);
        if (exact >= 0) c->exact[exact] = 1;
        periods += step_runs(c, seed, runs, begin, check, ctx);
    }
    pl_free(c);
    pl_agreement_free(a);
    return periods;
}

/* What the runs cut at completion keep of their last look at whether the run can still complete
 * (run_periods: the period before which it still can, the steps in force and withdrawn then), and what
 * the looks came to: ctx of the_bound_on_completion_holds_until_the_next_look. */
typedef struct completion_looks {
    int until;
    pl_bits force, rev;
    long spared, looks;
} completion_looks;

static void completion_looks_begin(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    (void)c, (void)R;
    completion_looks *k = ctx;
    k->until = 0, k->force = k->rev = 0;
}

/* At every period: where the last look's bound says the run can still complete (before `until`, no
 * step out of force or withdrawn since), the look made afresh says so too. */
static void completion_bound_against_afresh(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    completion_looks *k = ctx;
    int until;
    const int cannot = pl_ag_cannot_complete(c, R, &until);
    const pl_bits in_force = R->st.done & ~R->st.covert;
    if (R->t < k->until && !(k->force & ~in_force) && !(R->st.rev & ~k->rev)) {
        if (cannot) fail_msg("period %d: the run can no longer complete, but the bound of the last look ran to %d", R->t, k->until);
        k->spared++;
        return;
    }
    k->looks++;
    k->until = cannot ? 0 : until, k->force = in_force, k->rev = R->st.rev; /* past the end, every period looks */
}

/* The runs cut at completion look at whether a run can still complete only when the bound of their
 * last look has run out or a step left force or was withdrawn since: at every period of every run of
 * the shipped files with behaviour, a period the bound spares is one the look made afresh finds the
 * run able to complete (fails with a bound that ignores the work left, tried). */
static void the_bound_on_completion_holds_until_the_next_look(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        completion_looks k = {0};
        assert_true(replay_behaviour_file(f, 23, 200, -1, completion_looks_begin, completion_bound_against_afresh, &k) > 1000);
        assert_true(k.spared > 1000); /* the bound spares looks, */
        assert_true(k.looks > 100);   /* and runs out */
    }
}

/* Lateness as the simulator keeps it (pl_ag_time_update skips the work in a period where nothing
 * it reads moved and no clock ran out) against lateness made afresh on a copy of the same state:
 * the same late steps, the same public clocks and the same next period at which a step turns
 * late.  *released counts the periods in which some step's `not_before` came (a period where
 * nothing else need move: the skip must not hide it). */
static void lateness_kept_against_afresh(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *released = ctx;
    const int P = c->n_parties;
    pl_ag_state fresh = R->st;
    fresh.time_sig[0] = ~fresh.time_sig[0]; /* as if something had moved: the whole update */
    pl_ag_time_update(c, &fresh);
    for (int p = 0; p < P; p++) assert_true(fresh.late[p] == R->st.late[p]);
    assert_true(fresh.late_pub == R->st.late_pub);
    assert_int_equal(fresh.next_late, R->st.next_late);
    assert_true(fresh.due_mask[P] == R->st.due_mask[P]);
    for (pl_bits b = R->st.due_mask[P]; b; b &= b - 1)
        assert_int_equal(fresh.due_since[P][__builtin_ctzll(b)], R->st.due_since[P][__builtin_ctzll(b)]);
    for (int s = 0; s < c->n_steps; s++) *released += c->not_before[s] > 0 && c->not_before[s] == R->t;
}

/* A bug fixed: a step released by its `not_before` in a period where nothing else moved started
 * its due clock only when something next moved, so it turned late later than it should. */
static void the_lateness_kept_between_periods_is_the_lateness_made_afresh(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        long released = 0;
        assert_true(replay_behaviour_file(f, 5, 200, -1, NULL, lateness_kept_against_afresh, &released) > 1000);
        if (f == 0) assert_true(released > 0); /* six-party-2007's second phase waits for October 2007 */
    }
}

/* The verifiers' events pending at an opening, as the simulator keeps them (R->next_event, the
 * period before which none falls) against every pending one looked at: the opening has seen each
 * that fell by now (a confirmation of a step done, a false report of one verified, the detection of
 * a secret withdrawal), and none falls before the kept period.  seen[0] counts the openings with
 * an event pending before the horizon, seen[1] those of agreed-framework-1994's secret withdrawals. */
static void events_kept_against_pending(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *seen = ctx;
    const pl_ag_state *st = &R->st;
    int first = 1 << 30;
    for (pl_bits b = st->done & ~st->verified; b; b &= b - 1)
        first = R->verify_at[__builtin_ctzll(b)] < first ? R->verify_at[__builtin_ctzll(b)] : first;
    for (pl_bits b = st->verified & c->has_false; b; b &= b - 1)
        first = R->false_at[__builtin_ctzll(b)] < first ? R->false_at[__builtin_ctzll(b)] : first;
    for (pl_bits b = st->covert; b; b &= b - 1)
        first = R->detect_at[__builtin_ctzll(b)] < first ? R->detect_at[__builtin_ctzll(b)] : first;
    if (first <= R->t) fail_msg("period %d: an event of period %d left pending", R->t, first);
    if (R->next_event > first) fail_msg("period %d: next event kept at %d, pending at %d", R->t, R->next_event, first);
    seen[0] += first < c->horizon, seen[1] += st->covert != 0;
}

/* The opening looks at the verifiers' steps only in a period at or after R->next_event, which each
 * confirmation, false report and detection drawn lowers (fails when a completion's confirmation or a
 * secret withdrawal's detection does not lower it, tried). */
static void the_verifiers_events_kept_are_every_event_pending(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        long seen[2] = {0, 0};
        assert_true(replay_behaviour_file(f, 17, 200, -1, NULL, events_kept_against_pending, seen) > 1000);
        assert_true(seen[0] > 100); /* events were pending, */
        if (f == 1) assert_true(seen[1] > 10); /* and secret withdrawals waited to be found out */
    }
}

/* Start deadlines (`behaviour: start_by:`; the steps' own `start_by:` below): a step not started by its
 * start deadline is late, and no longer for that once started.  X and Y start at once or late, by the
 * choice; Z only once X is verified. */
static const char start_deadlines[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 36\n"
    "parties:\n"
    "  - {id: A, policy: reciprocal}\n"
    "  - id: B\n    policy:\n      - {policy: reciprocal, p: 0.5}\n      - {policy: hold, p: 0.5, holds: [Y]}\n"
    "steps:\n"
    "  - {id: X, actor: A, duration: 3, cost: 1, value: {B: 2}, flow: {B: 0.2}, reversible: true}\n"
    "  - {id: Y, actor: B, duration: 2, cost: 1, value: {A: 2}, flow: {A: 0.2}, reversible: true}\n"
    "  - {id: Z, actor: B, requires: [X], duration: 4, cost: 1, value: {A: 3}}\n"
    "behaviour: {choice: logit, rationality: 1, tremble: 0.05, patience: 1,\n"
    "            start_by: {X: 2000-02, Y: 2000-03, Z: 2000-06}}\n";

/* Lateness kept (pl_ag_time_update skips a period in which nothing it reads moved: a step's start
 * moves it only where the step has a start deadline) against lateness made afresh, at every period
 * of runs with start deadlines (fails if a start of a step with a start deadline is not seen as a
 * move, tried).  Some step is late for want of a start, and is started later. */
static void the_lateness_kept_with_start_deadlines_is_the_lateness_made_afresh(void **state)
{
    (void)state;
    pl_agreement *a;
    pl_ag_compiled *c = ag_compile_text(start_deadlines, &a);
    assert_true(c->has_start_by == (PL_BIT(0) | PL_BIT(1) | PL_BIT(2)));
    long released = 0, periods = 0, late_unstarted = 0, started_late = 0;
    for (uint64_t run = 0; run < 400; run++) {
        pl_ag_draws d;
        pl_ag_run_state R;
        pl_ag_outcome o;
        pl_ag_draw(c, 17, run, &d);
        pl_ag_begin(c, &d, &R, &o);
        pl_ag_period_open(c, &d, &R, &o, NULL);
        pl_bits waited = 0; /* steps late on the public view while not started */
        while (R.t < c->horizon) {
            lateness_kept_against_afresh(c, &R, &released);
            periods++;
            pl_bits unstarted = R.st.late_pub & ~(R.st.started | R.st.prog);
            late_unstarted += unstarted != 0;
            started_late += (waited & R.st.started) != 0;
            waited = (waited | unstarted) & ~R.st.started;
            pl_ag_move all;
            pl_ag_decide_all(c, &R.st, &all);
            if (!pl_ag_period_next(c, &d, &R, &o, &all, NULL)) break;
        }
    }
    assert_true(periods > 1000);
    assert_true(late_unstarted > 1000); /* late for want of a start (2601 here), */
    assert_true(started_late > 100);    /* and started after all (234) */
    pl_free(c);
    pl_agreement_free(a);
}

/* A bug fixed (2026-12-03): the simulator read only the behaviour block's start deadlines and ignored
 * a step's own `start_by:` (six-party-2007's first fuel oil, the Agreed Framework's fuel oil), which
 * the replay and the ledger read.  The same deadlines written on the steps compile to the same
 * deadlines and play the same runs, period by period; a behaviour entry wins over the step's own. */
static void a_steps_own_start_deadline_drives_its_lateness(void **state)
{
    (void)state;
    static const char on_steps[] =
        "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 36\n"
        "parties:\n"
        "  - {id: A, policy: reciprocal}\n"
        "  - id: B\n    policy:\n      - {policy: reciprocal, p: 0.5}\n      - {policy: hold, p: 0.5, holds: [Y]}\n"
        "steps:\n"
        "  - {id: X, actor: A, start_by: 2000-02, duration: 3, cost: 1, value: {B: 2}, flow: {B: 0.2}, reversible: true}\n"
        "  - {id: Y, actor: B, start_by: 2000-08, duration: 2, cost: 1, value: {A: 2}, flow: {A: 0.2}, reversible: true}\n"
        "  - {id: Z, actor: B, requires: [X], start_by: 2000-06, duration: 4, cost: 1, value: {A: 3}}\n"
        "behaviour: {choice: logit, rationality: 1, tremble: 0.05, patience: 1, start_by: {Y: 2000-03}}\n";
    pl_agreement *a1 = ag_load_text(start_deadlines), *a2 = ag_load_text(on_steps);
    pl_ag_compiled *c1 = pl_malloc(sizeof *c1), *c2 = pl_malloc(sizeof *c2);
    assert_non_null(c1);
    assert_non_null(c2);
    pl_ag_compile(a1, -1, c1);
    pl_ag_compile(a2, -1, c2);
    assert_true(c2->has_start_by == c1->has_start_by);
    for (int s = 0; s < c1->n_steps; s++) assert_int_equal(c2->start_by[s], c1->start_by[s]);
    assert_int_equal(c2->start_by[1], 2); /* Y: the behaviour block's 2000-03, not the step's 2000-08 */
    long late = 0;
    for (uint64_t run = 0; run < 300; run++) {
        pl_ag_draws d1, d2;
        pl_ag_run_state R1, R2;
        pl_ag_outcome o1, o2;
        pl_ag_draw(c1, 23, run, &d1);
        pl_ag_draw(c2, 23, run, &d2);
        pl_ag_begin(c1, &d1, &R1, &o1);
        pl_ag_begin(c2, &d2, &R2, &o2);
        pl_ag_period_open(c1, &d1, &R1, &o1, NULL);
        pl_ag_period_open(c2, &d2, &R2, &o2, NULL);
        for (;;) {
            assert_int_equal(R2.t, R1.t);
            assert_true(R2.st.late_pub == R1.st.late_pub);
            assert_true(R2.st.started == R1.st.started && R2.st.done == R1.st.done);
            late += R1.st.late_pub != 0;
            if (R1.t >= c1->horizon) break;
            pl_ag_move m1, m2;
            pl_ag_decide_all(c1, &R1.st, &m1);
            pl_ag_decide_all(c2, &R2.st, &m2);
            int go1 = pl_ag_period_next(c1, &d1, &R1, &o1, &m1, NULL), go2 = pl_ag_period_next(c2, &d2, &R2, &o2, &m2, NULL);
            assert_int_equal(go2, go1);
            if (!go1) break;
        }
    }
    assert_true(late > 100); /* the deadlines do make steps late */
    pl_free(c1);
    pl_free(c2);
    pl_agreement_free(a1);
    pl_agreement_free(a2);
}

/* The flows the simulator keeps once a shock has changed them (R->flowing_on, R->flow_on, made when a
 * shock happens) against pl_ag_flowing and pl_ag_flow on the state, at every period: the same steps,
 * the same amounts to the bit.  *shocked counts the periods with flows changed by a shock. */
static void flows_kept_against_afresh(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *shocked = ctx;
    if (!R->st.shock_on) return; /* the closes read c->flow_to */
    (*shocked)++;
    assert_true(R->flowing_on == pl_ag_flowing(c, &R->st));
    for (pl_bits b = R->flowing_on; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        for (int p = 0; p < c->n_parties; p++) {
            double want = pl_ag_flow(c, &R->st, s, p);
            if (memcmp(&R->flow_on[s][p], &want, sizeof want))
                fail_msg("period %d, step %d, party %d: flow kept %.17g, made afresh %.17g", R->t, s, p, R->flow_on[s][p], want);
        }
    }
}

/* flows_kept_against_afresh, counting the periods in which both of two shocks are on. */
typedef struct flows_and_both {
    long shocked, both;
} flows_and_both;

static void flows_with_both_shocks(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    flows_and_both *x = ctx;
    flows_kept_against_afresh(c, R, &x->shocked);
    x->both += R->st.shock_on == 3;
}

/* A period's flows, once a shock has changed them, are made when the shock happens and kept: at every
 * period they are the flows pl_ag_flow makes, in six-party-2007 (one shock changes flows) and in runs
 * of two shocks that change the same step's flows (without behaviour: the closes keep them alike).
 * Fails if the flows are not made when a shock happens, or not made again at the second (tried). */
static void the_flows_kept_after_a_shock_are_the_flows_made_afresh(void **state)
{
    (void)state;
    long shocked = 0;
    assert_true(replay_behaviour_file(0, 19, 300, -1, NULL, flows_kept_against_afresh, &shocked) > 1000);
    assert_true(shocked > 1000); /* six-party-2007's launches and sanctions change flows */
    pl_agreement *a;
    pl_ag_compiled *c = ag_compile_text("kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 24\n"
                                        "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: reciprocal}\n"
                                        "steps:\n"
                                        "  - {id: X, actor: A, flow: {B: 1.5}}\n"
                                        "  - {id: Z, actor: B, flow: {A: 0.25, B: -0.5}}\n"
                                        "shocks:\n"
                                        "  - {id: s1, p: 0.1, flows: {X: {B: -0.5}, Z: {A: 0.125}}}\n"
                                        "  - {id: s2, p: 0.1, flows: {Z: {A: 1}}}\n",
                                        &a);
    flows_and_both x = {0, 0};
    step_runs(c, 23, 200, NULL, flows_with_both_shocks, &x);
    assert_true(x.both > 100); /* the second shock came after the first */
    pl_free(c);
    pl_agreement_free(a);
}

/* The expectations a period's decisions read (would_do, would_answer: from the public beliefs and
 * each party's memory) against expectations made afresh for every party on a copy of the same
 * state.  *triggered counts the periods in which some party's memory had changed since the
 * expectations were last made by the run (the case the bug below missed). */
static void expectations_kept_against_afresh(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *triggered = ctx;
    pl_ag_state fresh = R->st;
    fresh.bel_dirty = ~0u; /* every party's expectations made again */
    pl_ag_expectations(c, &fresh);
    for (int j = 0; j < c->n_parties; j++)
        if (memcmp(&fresh.would_answer[j], &R->st.would_answer[j], sizeof(double)))
            fail_msg("period %d: would_answer[%d] kept %.17g, made afresh %.17g", R->t, j, R->st.would_answer[j],
                     fresh.would_answer[j]);
    for (int s = 0; s < c->n_steps; s++)
        if (memcmp(&fresh.would_do[s], &R->st.would_do[s], sizeof(double)))
            fail_msg("period %d: would_do[%d] kept %.17g, made afresh %.17g", R->t, s, R->st.would_do[s], fresh.would_do[s]);
    *triggered += R->st.grim != R->st.exp_grim;
}

/* A bug fixed: a party's memory (which makes its grim type do nothing) is set while it decides; the
 * expectations were made again only when lateness was updated in full or beliefs changed, so in the
 * quiet periods after a trigger the others still expected the grim type to do its steps. */
static void the_expectations_each_period_reads_are_the_expectations_made_afresh(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        long stale = 0;
        assert_true(replay_behaviour_file(f, 7, 200, -1, NULL, expectations_kept_against_afresh, &stale) > 1000);
        assert_int_equal(stale, 0); /* no period opens with a memory the expectations have not read */
    }
}

/* What hangs on own step s for its actor p, summed over every counterpart step as agreement_choice.c
 * once summed it, those that pay p nothing included (each adds 0): the reference for the worths,
 * which count only the steps that may pay p something (c->worth_hang, c->worth_traded). */
static double hangs_on_every_counterpart(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s)
{
    double g = 0;
    const pl_bits theirs = ~c->own[p], back = st->ever_done & ~st->done & st->retal;
    for (pl_bits b = c->dep_closure[s] & theirs & (~st->ever_done | back); b; b &= b - 1) {
        int d = __builtin_ctzll(b);
        double v = ((back >> d & 1) ? 0 : c->value_to[d][p]) + pl_ag_flow(c, st, d, p) * c->annuity;
        if (v == 0) continue;
        if (c->as_delivered >> d & 1) /* its value as it is delivered, its flows once done */
            g += st->would_do[d] * c->disc[s] *
                 (((back >> d & 1) ? 0 : c->value_to[d][p] * c->delivered_worth[d]) + c->disc[d] * pl_ag_flow(c, st, d, p) * c->annuity);
        else
            g += st->would_do[d] * c->disc[s] * c->disc[d] * v;
    }
    for (pl_bits b = c->link[s] & ~c->dep_closure[s] & theirs; b; b &= b - 1) {
        int x = __builtin_ctzll(b);
        pl_bits bit = PL_BIT(x);
        double v = 0, will = (st->prog & bit) ? 1 : st->would_do[x];
        if (st->done & bit) {
            if (c->reversible & bit) v = pl_ag_flow(c, st, x, p) * c->annuity;
        } else if (!(st->ever_done & bit) && (c->as_delivered & bit))
            v = (c->value_to[x][p] * c->delivered_worth[x] + c->disc[x] * pl_ag_flow(c, st, x, p) * c->annuity) * will;
        else if (!(st->ever_done & bit))
            v = c->disc[x] * (c->value_to[x][p] + pl_ag_flow(c, st, x, p) * c->annuity) * will;
        else if (back & bit)
            v = c->disc[x] * pl_ag_flow(c, st, x, p) * c->annuity * will;
        g += st->would_answer[c->actor[x]] * v;
    }
    return g;
}

/* Every party's worth of starting and of keeping each of its steps, at every period, against the
 * worth summed over every counterpart step (above), bit for bit; *skipped counts the worths for
 * which some counterpart step was left out as paying the actor nothing. */
static void worths_against_every_counterpart(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *skipped = ctx;
    const pl_ag_state *st = &R->st;
    for (int s = 0; s < c->n_steps; s++) {
        const int p = c->actor[s];
        const pl_bits bit = PL_BIT(s), theirs = ~c->own[p];
        const double g = hangs_on_every_counterpart(c, st, p, s), flow = pl_ag_flow(c, st, s, p) * c->annuity;
        double start = ((st->started & bit) ? 0 : -c->cost[s]) +
                       c->disc[s] * (((st->ever_done & bit) ? 0 : c->value_to[s][p]) + flow);
        double keep = c->reverse_cost[s] +
                      ((st->done & bit) ? flow : c->disc[s] * (((st->ever_done & bit) ? 0 : c->value_to[s][p]) + flow));
        if (c->as_delivered & bit) { /* the shares still to pay and to have, its flows once done */
            double shares = (c->value_to[s][p] - c->cost[s]) * c->delivered_worth[s] + c->disc[s] * pl_ag_flow(c, st, s, p) * c->annuity;
            start = shares;
            if (!(st->done & bit)) keep = c->reverse_cost[s] + shares;
        }
        start += g;
        keep = keep + g + c->inertia[p];
        const double got_start = pl_ag_delta_start(c, st, p, s), got_keep = pl_ag_delta_keep(c, st, p, s);
        if (memcmp(&got_start, &start, sizeof start) || memcmp(&got_keep, &keep, sizeof keep))
            fail_msg("period %d, step %d: worth of starting %.17g, of keeping %.17g; over every counterpart %.17g, %.17g",
                     R->t, s, got_start, got_keep, start, keep);
        *skipped += ((c->dep_closure[s] | c->link[s]) & theirs & ~(c->worth_hang[s] | c->worth_traded[s])) != 0;
    }
}

static void a_worth_counts_only_the_steps_that_may_pay_its_actor(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        long skipped = 0;
        assert_true(replay_behaviour_file(f, 13, 100, -1, NULL, worths_against_every_counterpart, &skipped) > 1000);
        assert_true(skipped > 0); /* some counterpart step paid some actor nothing */
    }
}

/* The likelihood of each party's evidence in a period as the Bayes update reads it (pl_ag_evidence_loglik:
 * the move of the party's own type reused from its decision on the snapshot, the other types' made
 * with the threats to the party made once for all of them) against every type's rule move made
 * afresh with pl_ag_rule_as, on the decisions of the period (made on a copy of the state), at every
 * period: the same factor for every type, to the bit.  ctx[0] counts the parties with evidence,
 * ctx[1] those whose evidence some type explains better than another (news: the beliefs move). */
static void likelihood_against_rule_as(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *seen = ctx;
    pl_ag_state st = R->st;
    pl_ag_move all;
    pl_ag_decide_all(c, &st, &all);
    for (int j = 0; j < c->n_parties; j++) {
        const pl_bits own = c->own[j];
        /* the evidence as agreement_beliefs.c defines it: starts, withdrawals, steps newly late */
        pl_bits started = all.start & own, reversed = all.reverse & own;
        pl_bits held = st.late_pub_new & own & ~st.prog & ~st.done & ~all.start;
        int n = __builtin_popcountll(started) + __builtin_popcountll(reversed) + __builtin_popcountll(held);
        if (!n) continue;
        double got[PL_AG_MAX_OPTIONS];
        pl_ag_evidence_loglik(c, &st, j, &all, got);
        int lo = n, hi = 0;
        for (int k = 0; k < c->n_opt[j]; k++) {
            pl_ag_move m;
            pl_ag_rule_as(c, &st, j, k, &m);
            int mm = __builtin_popcountll(started & ~m.start) + __builtin_popcountll(reversed & ~m.reverse) +
                     __builtin_popcountll(held & m.start);
            double want = mm * c->log_eps + (n - mm) * c->log_1m_eps;
            if (memcmp(&got[k], &want, sizeof want))
                fail_msg("period %d, party %d, type %d: likelihood %.17g, from pl_ag_rule_as %.17g", R->t, j, k, got[k], want);
            lo = mm < lo ? mm : lo, hi = mm > hi ? mm : hi;
        }
        seen[0]++, seen[1] += lo != hi;
    }
}

/* likelihood_against_rule_as where one party q alone has decided on the snapshot (pl_ag_decide, as the
 * stepper decides party by party), the others last at the period before, every party at once: the
 * likelihoods of every other party's evidence (the moves every party would make now) against every
 * type's move made afresh.  A party noted as decided in the same epoch whose keys no longer hold (its
 * late steps moved with the clock, nothing public did) must have its type's move made again, not read
 * from the plan the decisions of the period before found holding.  ctx[0] counts the likelihoods
 * checked, ctx[1] those of a party noted whose keys did not hold. */
static void likelihood_one_decided(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *seen = ctx;
    pl_ag_state every = R->st;
    pl_ag_move all;
    pl_ag_decide_all(c, &every, &all);
    for (int q = 0; q < c->n_parties; q++) {
        pl_ag_state st = R->st;
        pl_ag_move mq;
        pl_ag_decide(c, &st, q, &mq);
        /* every party's memory as its decision would set it (a threat seen), which pl_ag_rule_as reads */
        for (int p = 0; p < c->n_parties; p++)
            if (pl_ag_threat(c, &st, p)) st.grim |= 1u << p;
        for (int j = 0; j < c->n_parties; j++) {
            const pl_bits own = c->own[j];
            pl_bits started = all.start & own, reversed = all.reverse & own;
            pl_bits held = st.late_pub_new & own & ~st.prog & ~st.done & ~all.start;
            int n = __builtin_popcountll(started) + __builtin_popcountll(reversed) + __builtin_popcountll(held);
            if (j == q || !n) continue;
            seen[1] += st.plan_epoch == st.pub_epoch && (st.plan_noted >> j & 1) && !pl_ag_plan_keys_hold(c, &st, j);
            double got[PL_AG_MAX_OPTIONS];
            pl_ag_evidence_loglik(c, &st, j, &all, got);
            for (int k = 0; k < c->n_opt[j]; k++) {
                pl_ag_move m;
                pl_ag_rule_as(c, &st, j, k, &m);
                int mm = __builtin_popcountll(started & ~m.start) + __builtin_popcountll(reversed & ~m.reverse) +
                         __builtin_popcountll(held & m.start);
                double want = mm * c->log_eps + (n - mm) * c->log_1m_eps;
                if (memcmp(&got[k], &want, sizeof want))
                    fail_msg("period %d, party %d decided, party %d, type %d: likelihood %.17g, from pl_ag_rule_as %.17g",
                             R->t, q, j, k, got[k], want);
            }
            seen[0]++;
        }
    }
}

/* The Bayes update of the beliefs `before` by the moves seen, made here from the likelihoods the fit reads
 * (pl_ag_evidence_loglik: each type's mismatches with the evidence, recovered from its log-likelihood) and the
 * update's arithmetic (each type's belief times eps / (1 - eps) for each mismatch beyond the fewest, then
 * normalised), into `belief`: a second way to the update's result, whose evidence (what each party started,
 * withdrew, and left undone when it turned late) is gathered apart from the update's own. */
static void beliefs_from_likelihoods(const pl_ag_compiled *c, const pl_ag_state *before, const pl_ag_move *seen,
                                     double belief[][PL_AG_MAX_OPTIONS])
{
    for (int j = 0; j < c->n_parties; j++) {
        const int K = c->n_opt[j];
        for (int k = 0; k < K; k++) belief[j][k] = before->belief[j][k];
        if (K < 2) continue;
        const pl_bits own = c->own[j];
        const int n = __builtin_popcountll(seen->start & own) + __builtin_popcountll(seen->reverse & own) +
                      __builtin_popcountll(before->late_pub_new & own & ~before->prog & ~before->done & ~seen->start);
        if (!n) continue;
        double ll[PL_AG_MAX_OPTIONS];
        pl_ag_evidence_loglik(c, before, j, seen, ll);
        int mm[PL_AG_MAX_OPTIONS], lo = 1 << 30, hi = -1;
        for (int k = 0; k < K; k++) {
            mm[k] = (int)llround((ll[k] - n * c->log_1m_eps) / (c->log_eps - c->log_1m_eps));
            lo = mm[k] < lo ? mm[k] : lo, hi = mm[k] > hi ? mm[k] : hi;
        }
        if (lo == hi) continue; /* every type explains it as well: no news */
        double sum = 0;
        for (int k = 0; k < K; k++) {
            for (int i = lo; i < mm[k]; i++) belief[j][k] *= c->eps_ratio;
            sum += belief[j][k];
        }
        if (!(sum > 0)) {
            for (int k = 0; k < K; k++) belief[j][k] = before->belief[j][k];
            continue;
        }
        for (int k = 0; k < K; k++) belief[j][k] /= sum;
    }
}

/* The close calls the Bayes update only where some step moved or turned late in public (the update finds
 * no evidence otherwise): at every period of every run of the shipped behaviour files, the beliefs after the
 * close are those of the update called on a copy of the state before it, whatever moved, to the bit.  Fails
 * with the steps newly late left out of the close's test (tried): the periods in which only a step turning
 * late moved the beliefs are counted, and there are some.  The update's beliefs are, besides, those made from
 * the likelihoods (beliefs_from_likelihoods: fails with the update's reversals or its steps newly late left
 * out of the evidence, tried). */
static void the_close_updates_the_beliefs_as_the_update_at_every_period(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        pl_ag_compiled *c;
        pl_agreement *a = load_behaviour_file(f, &c);
        long periods = 0, late_only = 0;
        for (int v = 0; v < pl_agreement_n_variants(a); v++) {
            pl_ag_compile(a, a->n_variants ? v : -1, c);
            for (uint64_t run = 0; run < 200; run++) {
                pl_ag_draws d;
                pl_ag_run_state R;
                pl_ag_outcome o;
                pl_ag_draw(c, 31, run, &d);
                pl_ag_begin(c, &d, &R, &o);
                if (c->horizon > 0) pl_ag_period_open(c, &d, &R, &o, NULL);
                while (R.t < c->horizon) {
                    pl_ag_move all;
                    pl_ag_decide_all(c, &R.st, &all);
                    pl_ag_state copy = R.st;
                    /* the moves as seen: a covert step withdrawn in secret is not (pl_ag_period_close) */
                    pl_ag_move seen = all;
                    const pl_bits hidden = all.reverse & c->covert & R.st.done;
                    seen.reverse &= ~hidden, seen.retal &= ~hidden, seen.opp &= ~hidden;
                    double expect[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
                    beliefs_from_likelihoods(c, &R.st, &seen, expect);
                    const int moved = pl_ag_beliefs_update(c, &copy, &seen, NULL);
                    for (int j = 0; j < c->n_parties; j++)
                        if (memcmp(expect[j], copy.belief[j], (size_t)c->n_opt[j] * sizeof expect[j][0]))
                            fail_msg("%s, variant %d, run %llu, period %d, party %d: the update's beliefs are not the "
                                     "likelihoods'", behaviour_files[f], v, (unsigned long long)run, R.t, j);
                    const int rest = pl_ag_period_close(c, &d, &R, &o, &all, NULL);
                    if (memcmp(copy.belief, R.st.belief, sizeof copy.belief))
                        fail_msg("%s, variant %d, run %llu, period %d: the close's beliefs are not the update's",
                                 behaviour_files[f], v, (unsigned long long)run, R.t - 1);
                    late_only += moved && !(seen.start | seen.reverse);
                    periods++;
                    if (!pl_ag_period_reopen(c, &d, &R, &o, rest, NULL)) break;
                }
            }
        }
        assert_true(periods > 1000);
        assert_true(late_only > 0); /* beliefs moved by lateness alone */
        pl_free(c);
        pl_agreement_free(a);
    }
}

/* The parties acting a set of steps read from the compiled table a byte at a time (pl_ag_actors_of, as
 * the decisions' staleness and the Bayes update read them) against the actors of the set's steps one by
 * one: every single step, every step, and 5,000 sets drawn over the variant's steps, in every variant of
 * the shipped behaviour files (fails with the last, partial byte of the steps left out of the table,
 * tried). */
static void the_actors_of_a_set_of_steps_are_its_steps_actors(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        pl_ag_compiled *c;
        pl_agreement *a = load_behaviour_file(f, &c);
        for (int v = 0; v < pl_agreement_n_variants(a); v++) {
            pl_ag_compile(a, a->n_variants ? v : -1, c);
            assert_true(c->n_steps > 8 && c->n_steps % 8); /* sets that span bytes, the last one partial */
            const pl_bits steps = c->n_steps == 64 ? ~0ull : (1ull << c->n_steps) - 1;
            uint64_t x = 0x243F6A8885A308D3ull + (uint64_t)v;
            for (int i = 0; i < 5000 + c->n_steps + 1; i++) {
                pl_bits set;
                if (i < c->n_steps) set = PL_BIT(i);
                else if (i == c->n_steps) set = steps;
                else {
                    x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
                    set = x & steps;
                }
                uint32_t want = 0;
                for (pl_bits b = set; b; b &= b - 1) want |= 1u << c->actor[__builtin_ctzll(b)];
                if (pl_ag_actors_of(c, set) != want)
                    fail_msg("%s, variant %d, steps %#llx: actors %#x, one by one %#x", behaviour_files[f], v,
                             (unsigned long long)set, pl_ag_actors_of(c, set), want);
            }
        }
        pl_free(c);
        pl_agreement_free(a);
    }
}

/* The Bayes update reads a party's own type's move from its plan without asking again whether the plan's
 * keys hold only where the decisions of this very period found every party's plan holding on the
 * snapshot (st->plan_all_t): where one party alone decided now, the others' plans, noted in the same
 * epoch a period before, are asked again (fails with the shortcut taken for any period's decisions,
 * tried). */
static void the_likelihoods_where_one_party_decided_are_those_made_afresh(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        long seen[2] = {0, 0};
        assert_true(replay_behaviour_file(f, 17, 100, -1, NULL, likelihood_one_decided, seen) > 1000);
        assert_true(seen[0] > 1000);
        assert_true(seen[1] > 0); /* noted plans whose keys moved: the case the period's test is for */
    }
}

/* The Bayes update reuses the move a party's own type decided on the snapshot and makes the threats
 * to the party once for all its types: at every period the likelihoods are those of every type's
 * move made afresh (fails if the reused move is not the one on the snapshot, or if a type is not
 * triggered by a threat as pl_ag_rule_as triggers it). */
static void the_likelihoods_of_the_evidence_are_those_of_every_type_made_afresh(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        long seen[2] = {0, 0};
        assert_true(replay_behaviour_file(f, 13, 200, -1, NULL, likelihood_against_rule_as, seen) > 1000);
        assert_true(seen[1] > 100);           /* evidence that moved the beliefs, */
        assert_true(seen[0] - seen[1] > 100); /* and evidence every type explains as well */
    }
}

/* Each type's rule move made from the reciprocal frame (pl_ag_frame_on, pl_ag_rule_by_frame, as the Bayes
 * update makes them) against the move pl_ag_rule_with makes, on the steps the frame was made on, at
 * every period: for each party and each of its types, on all its own steps, on each one alone and on all
 * but its first, every field to the bit, and 0 off those steps.  ctx counts, by kind, the moves made
 * from the frame that hold something on the steps (ctx[kind]), and the types left to their rule
 * (ctx[PL_POL_COUNT]: unconditional, grit, a triggered grim). */
static void frame_moves_against_the_rules(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *seen = ctx;
    const pl_ag_state *st = &R->st;
    for (int p = 0; p < c->n_parties; p++) {
        const pl_bits own = c->own[p], threat = pl_ag_threat(c, st, p);
        pl_bits sets[PL_AG_MAX_STEPS + 2];
        int n = 0;
        sets[n++] = own, sets[n++] = own & (own - 1);
        for (pl_bits b = own; b; b &= b - 1) sets[n++] = b & -b;
        for (int k = 0; k < c->n_opt[p]; k++) {
            pl_ag_move want;
            pl_ag_rule_with(c, st, p, k, threat, &want);
            for (int i = 0; i < n; i++) {
                const pl_bits mine = sets[i];
                pl_ag_move frame, got = {~0ull, ~0ull, ~0ull, ~0ull};
                pl_ag_frame_on(c, st, mine, threat, &frame);
                if (!pl_ag_rule_by_frame(c, st, p, k, threat, mine, &frame, &got)) {
                    assert_true(got.start == ~0ull && got.reverse == ~0ull); /* left untouched */
                    assert_true(c->opt[p][k].kind == PL_POL_UNCONDITIONAL || c->opt[p][k].kind == PL_POL_GRIT ||
                                (c->opt[p][k].kind == PL_POL_GRIM && ((st->grim >> p & 1) || threat)));
                    seen[PL_POL_COUNT] += i == 0;
                    continue;
                }
                if (got.start != (want.start & mine) || got.reverse != (want.reverse & mine) ||
                    got.retal != (want.retal & mine) || got.opp != (want.opp & mine))
                    fail_msg("period %d, party %d, type %d (%s), steps %#llx: from the frame start %#llx reverse %#llx "
                             "retal %#llx opp %#llx, the rule's %#llx %#llx %#llx %#llx",
                             R->t, p, k, pl_policy_names[c->opt[p][k].kind], (unsigned long long)mine,
                             (unsigned long long)got.start, (unsigned long long)got.reverse,
                             (unsigned long long)got.retal, (unsigned long long)got.opp,
                             (unsigned long long)(want.start & mine), (unsigned long long)(want.reverse & mine),
                             (unsigned long long)(want.retal & mine), (unsigned long long)(want.opp & mine));
                seen[c->opt[p][k].kind] += i == 0 && (got.start | got.reverse) != 0;
            }
        }
    }
}

/* frame_moves_against_the_rules, counting (in *ctx) the periods in which party 0's rule takes. */
static void frame_moves_and_takes(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long before[PL_POL_COUNT + 1] = {0};
    frame_moves_against_the_rules(c, R, before);
    pl_ag_move m;
    pl_ag_rule_with(c, &R->st, 0, 0, pl_ag_threat(c, &R->st, 0), &m);
    *(long *)ctx += m.opp != 0;
}

/* The Bayes update makes the moves of a party's types whose rule is the reciprocal frame, or it masked
 * (reciprocal, hold, all_first, opportunist, an untriggered grim), from one frame made on the steps of
 * its evidence: at every period of every run of the shipped files with behaviour, and of a file whose
 * opportunist withdraws a step a shock makes costly, each such move is the rule's on those steps
 * (fails with all_first's steps held back without their exemption, or the hold type's held steps left
 * in, tried). */
static void the_moves_made_from_one_frame_are_the_rules_moves(void **state)
{
    (void)state;
    long seen[PL_POL_COUNT + 1] = {0};
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++)
        assert_true(replay_behaviour_file(f, 17, 150, -1, NULL, frame_moves_against_the_rules, seen) > 1000);
    const int kinds[] = {PL_POL_RECIPROCAL, PL_POL_HOLD, PL_POL_ALL_FIRST, PL_POL_OPPORTUNIST, PL_POL_GRIM};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (seen[kinds[i]] < 100) fail_msg("%s: %ld moves from the frame", pl_policy_names[kinds[i]], seen[kinds[i]]);
    assert_true(seen[PL_POL_COUNT] > 100); /* and types left to their rule */
    /* an opportunist that takes: A withdraws X once the shock makes it cost A to keep */
    pl_agreement *a;
    pl_ag_compiled *c = ag_compile_text(OPPORTUNIST_TAKES, &a);
    long takes = 0;
    step_runs(c, 29, 200, NULL, frame_moves_and_takes, &takes);
    assert_true(takes > 50); /* the opportunist's part was checked where it takes */
    pl_free(c);
    pl_agreement_free(a);
}

/* What lateness carries from one period to the next (agreement_time.c), copied from `from` into `to`. */
static void carry_lateness(pl_ag_state *to, const pl_ag_state *from)
{
    memcpy(to->late, from->late, sizeof to->late);
    to->late_pub = from->late_pub, to->late_pub_new = from->late_pub_new, to->next_late = from->next_late;
    memcpy(to->time_sig, from->time_sig, sizeof to->time_sig);
    to->time_cand = from->time_cand, to->time_rel = from->time_rel;
    memcpy(to->due_mask, from->due_mask, sizeof to->due_mask);
    to->view_same = from->view_same;
    memcpy(to->due_since, from->due_since, sizeof to->due_since);
    memcpy(to->due_by, from->due_by, sizeof to->due_by);
}

/* Lateness as the simulator keeps it (each view's due set carried from period to period, only the
 * steps whose candidacy or required steps' visibility moved tested again) against lateness carried
 * beside it in a second state that has every step of every view tested again at every period
 * (pl_ag_time_update_full): the same late steps in every view, the same due sets and clocks, the
 * same next period at which a step turns late, at every period of every run.  full->fell_due counts
 * the periods in which some view's due set moved (the updates checked). */
typedef struct {
    pl_ag_state ref; /* the lateness carried beside the run's, each view tested again in full */
    long fell_due;
} lateness_full;

static void lateness_as_begun(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    (void)c;
    ((lateness_full *)ctx)->ref = R->st; /* the lateness as opened, before any update */
}

static void lateness_kept_against_full(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    lateness_full *lf = ctx;
    const int P = c->n_parties;
    pl_ag_state full = R->st;
    carry_lateness(&full, &lf->ref);
    pl_ag_time_update_full(c, &full);
    for (int p = 0; p < P; p++)
        if (full.late[p] != R->st.late[p]) fail_msg("period %d, party %d: late kept %llx, made afresh %llx", R->t, p,
                                                    (unsigned long long)R->st.late[p], (unsigned long long)full.late[p]);
    assert_true(full.late_pub == R->st.late_pub && full.late_pub_new == R->st.late_pub_new);
    assert_int_equal(full.next_late, R->st.next_late);
    assert_true(full.view_same == R->st.view_same);
    for (int v = 0; v <= P; v++) {
        if (v < P && (R->st.view_same >> v & 1)) continue; /* the public view serves it */
        assert_true(full.due_mask[v] == R->st.due_mask[v]);
        for (pl_bits b = R->st.due_mask[v]; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            assert_int_equal(full.due_since[v][s], R->st.due_since[v][s]);
            /* the period it is due done by, kept from when it fell due, is the one made from its clock */
            int by = R->st.due_since[v][s] + c->duration[s] - 1;
            assert_int_equal(R->st.due_by[v][s], c->deadline[s] > by ? c->deadline[s] : by);
        }
    }
    lf->fell_due += full.due_mask[P] != lf->ref.due_mask[P];
    carry_lateness(&lf->ref, &full);
}

/* The due sets are kept from period to period and tested again only where something they read
 * moved: at every period the same as testing every step again (fails if a moved input is missed:
 * a step's own candidacy, the visibility of a step it requires, a party's own unverified steps). */
static void the_due_sets_kept_between_periods_are_the_due_sets_made_afresh(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        lateness_full lf = {.fell_due = 0};
        assert_true(replay_behaviour_file(f, 9, 200, -1, lateness_as_begun, lateness_kept_against_full, &lf) > 1000);
        assert_true(lf.fell_due > 100); /* the due sets moved often: the kept updates had work to do */
    }
}

/* A period's decisions made with pl_ag_decide_all (every party at once, the choices drawn together)
 * and, on a copy of the same state, with pl_ag_decide party by party: the same merged move and the
 * same state after it, byte for byte.  *moved counts the periods in which someone moved. */
static void decide_all_against_each(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    long *moved = ctx;
    pl_ag_state at_once = R->st, each = R->st;
    pl_ag_move one = {0, 0, 0, 0}, all;
    for (int p = 0; p < c->n_parties; p++) {
        pl_ag_move m;
        pl_ag_decide(c, &each, p, &m);
        one.start |= m.start, one.reverse |= m.reverse, one.retal |= m.retal, one.opp |= m.opp;
    }
    pl_ag_decide_all(c, &at_once, &all);
    assert_true(all.start == one.start && all.reverse == one.reverse);
    assert_true(all.retal == one.retal && all.opp == one.opp);
    /* but the note only the decisions all at once make: every party's plan found holding, or made, on this
     * snapshot (plan_all_t, read by the Bayes update); party by party, it stays as it was */
    assert_int_equal(each.plan_all_t, R->st.plan_all_t);
    assert_int_equal(at_once.plan_all_t, R->st.t + 1);
    each.plan_all_t = at_once.plan_all_t;
    assert_memory_equal(&at_once, &each, sizeof each);
    *moved += (all.start | all.reverse) != 0;
}

/* With `exact`, one party follows its rule exactly (a person at the stepper), so that both kinds
 * of party are in the merge. */
static void deciding_every_party_at_once_is_deciding_each_in_turn(void **state)
{
    (void)state;
    for (size_t f = 0; f < N_BEHAVIOUR_FILES; f++) {
        long periods = 0, moved = 0;
        for (int exact = 0; exact < 2; exact++)
            periods += replay_behaviour_file(f, 5, 100, exact ? 1 : -1, NULL, decide_all_against_each, &moved);
        assert_true(periods > 1000); /* periods were played, */
        assert_true(moved > 100);    /* and in many of them someone moved */
    }
}

/* Three parties, D's moratorium M and the answers U and J exchange for it; a launch, 15 % a month, that U and J
 * read as a breach of M (D does not): the disputes come and go (a step withdrawn or started again is no longer
 * disputed), between them the parties' plans are held. */
static const char AMBIGUOUS_LAUNCHES[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 36\n"
    "parties:\n  - {id: D, policy: reciprocal}\n  - {id: U, policy: reciprocal}\n  - {id: J, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: M, actor: D, flow: {U: 1, J: 0.5}, reversible: true}\n"
    "  - {id: FOOD, actor: U, requires: [M], flow: {D: 1}, reversible: true}\n"
    "  - {id: AID, actor: J, requires: [M], flow: {D: 0.5}, reversible: true}\n"
    "shocks:\n  - {id: launch, p: 0.15, read_as_breach: {U: [M], J: [M]}}\n"
    "behaviour: {choice: logit, rationality: 2, tremble: 0.02, discount: 0.9, lookahead: 6, patience: 1}\n";

typedef struct disputes_seen {
    long moved, disputed;
} disputes_seen;

static void decide_all_against_each_disputed(const pl_ag_compiled *c, const pl_ag_run_state *R, void *ctx)
{
    disputes_seen *k = ctx;
    for (int p = 0; p < c->n_parties; p++) k->disputed += R->st.disputed[p] != 0;
    decide_all_against_each(c, R, &k->moved);
}

/* The decisions all at once read a party's late and disputed steps only where they may have moved since the
 * last decisions (st->ld_moved): the disputes an ambiguous event adds, and those a withdrawal or a new start
 * takes away, are among them.  Every party at once against each in turn, which compares them every time, at
 * every period: fails when the shock's disputes, or those taken away, are left out of ld_moved (tried). */
static void the_decisions_read_the_disputes_an_ambiguous_event_moves(void **state)
{
    (void)state;
    pl_agreement *a;
    pl_ag_compiled *c = ag_compile_text(AMBIGUOUS_LAUNCHES, &a);
    assert_true(c->ambiguous);
    disputes_seen k = {0, 0};
    long periods = step_runs(c, 13, 300, NULL, decide_all_against_each_disputed, &k);
    assert_true(periods > 3000);
    assert_true(k.disputed > 1000); /* parties counted a step disputed, */
    assert_true(k.moved > 300);     /* and moved */
    pl_free(c);
    pl_agreement_free(a);
}

/* The events of a run's trace, in order (at most 4096 kept, all counted). */
typedef struct trace_log {
    int n;
    int ev[4096][4];
    pl_bits ver[4096];
} trace_log;

static void log_event(void *user, int t, int kind, int step, int party, pl_bits verified_before)
{
    trace_log *l = user;
    if (l->n < 4096) {
        int *e = l->ev[l->n];
        e[0] = t, e[1] = kind, e[2] = step, e[3] = party;
        l->ver[l->n] = verified_before;
    }
    l->n++;
}

/* The state of a decision the quiet skip reuses: the merged plans and their chances, the moves. */
typedef struct quiet_snap {
    pl_bits cs, ck;
    double p_act[PL_AG_MAX_STEPS];
} quiet_snap;

static void snap_of(const pl_ag_state *st, quiet_snap *q)
{
    memset(q, 0, sizeof *q);
    q->cs = st->agg_cs, q->ck = st->agg_ck;
    for (pl_bits b = q->cs | q->ck; b; b &= b - 1) q->p_act[__builtin_ctzll(b)] = st->p_act[__builtin_ctzll(b)];
}

/* The close and the next opening, as the stepper plays them (a jump only at rest, pl_ag_skip):
 * what pl_ag_period_next did before it skipped quiet stretches.  0 once the run is over. */
static int next_every_period(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                             const pl_ag_move *all, const pl_ag_trace *tr)
{
    return pl_ag_period_reopen(c, d, R, o, pl_ag_period_close(c, d, R, o, all, tr), tr);
}

/* One run played two ways in step: A by the simulator's loop (pl_ag_period_next, which skips quiet
 * stretches), B period by period.  At every period A decides, B decides the same; in every period
 * A skipped, B moves nothing and its plans and their chances are those of A's decision before the
 * skip (what the skip drew against).  The outcomes and traces are compared by the caller.
 * Returns the periods B decided; *skipped gets those A did not. */
static long run_in_step(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_outcome *oa, pl_ag_outcome *ob,
                        const pl_ag_trace *ta, const pl_ag_trace *tb, long *skipped)
{
    pl_ag_run_state *A = pl_malloc(sizeof *A), *B = pl_malloc(sizeof *B);
    assert_true(A && B);
    long decided = 0;
    pl_ag_begin(c, d, A, oa), pl_ag_begin(c, d, B, ob);
    if (c->horizon > 0) pl_ag_period_open(c, d, A, oa, ta), pl_ag_period_open(c, d, B, ob, tb);
    int b_on = 1;
    while (A->t < c->horizon) {
        assert_int_equal(A->t, B->t);
        pl_ag_move ma, mb;
        pl_ag_decide_all(c, &A->st, &ma);
        pl_ag_decide_all(c, &B->st, &mb);
        decided++;
        assert_memory_equal(&ma, &mb, sizeof ma);
        quiet_snap qa, qb;
        snap_of(&A->st, &qa), snap_of(&B->st, &qb);
        assert_memory_equal(&qa, &qb, sizeof qa);
        int a_on = pl_ag_period_next(c, d, A, oa, &ma, ta);
        b_on = next_every_period(c, d, B, ob, &mb, tb);
        while (b_on && B->t < A->t && B->t < c->horizon) { /* the periods A skipped */
            pl_ag_decide_all(c, &B->st, &mb);
            decided++, (*skipped)++;
            assert_true(!(mb.start | mb.reverse));
            snap_of(&B->st, &qb);
            assert_memory_equal(&qa, &qb, sizeof qa);
            b_on = next_every_period(c, d, B, ob, &mb, tb);
        }
        if (!a_on) break;
    }
    while (b_on && B->t < c->horizon) { /* A ended at rest or at the horizon: B must move nothing either */
        pl_ag_move mb;
        pl_ag_decide_all(c, &B->st, &mb);
        decided++;
        assert_true(!(mb.start | mb.reverse));
        b_on = next_every_period(c, d, B, ob, &mb, tb);
    }
    pl_ag_finish(c, A, oa), pl_ag_finish(c, B, ob);
    pl_free(B), pl_free(A);
    return decided;
}

/* pl_ag_period_next skips quiet stretches (nobody moved, nothing for the beliefs or expectations,
 * nothing due to happen) in bulk, drawing the choices period by period up to the first that acts or
 * the next event.  Every variant of every shipped file with behaviour, with and without a party that
 * follows its rule exactly, played both ways in step (run_in_step): the same decisions wherever the
 * simulator decides, nothing moved and the same chances in the periods it skipped, and the same
 * outcome (payoffs, delivered quantities, completion, reversals, belief changes, byte for byte) and
 * trace; and the skip spares periods.  It fails if any of the skip's conditions or stops is dropped
 * (nothing newly late, no memory set, a shock, a confirmation, a false report, a detection, a
 * release, a lateness clock, a completion, a draw that acts), or if a jump at rest reads the plans
 * kept from a period that was not quiet (tried). */
static void a_quiet_stretch_skipped_is_the_periods_played(void **state)
{
    (void)state;
    static const char *const files[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/agreed-framework-1994.yaml",
                                        "scenarios/korea/russia-china-roadmap.yaml", "scenarios/korea/singapore-2018.yaml"};
    pl_ag_compiled *c = pl_malloc(sizeof *c);
    trace_log *la = pl_malloc(sizeof *la), *lb = pl_malloc(sizeof *lb);
    assert_true(c && la && lb);
    /* ... and the Agreed Framework again with its deliveries paid as delivered (shares paid in the skip) */
    for (size_t f = 0; f <= sizeof files / sizeof *files; f++) {
        pl_agreement *a;
        pl_error err;
        const int other = f == sizeof files / sizeof *files;
        const char *name = other ? "agreed-framework-1994, paid as delivered" : files[f];
        if (other) a = ag_load_as_delivered(files[1]);
        else if (pl_agreement_load(&a, files[f], &err)) fail_msg("%s", err.msg);
        long played = 0, skipped = 0;
        for (int v = 0; v < pl_agreement_n_variants(a); v++)
            for (int exact = -1; exact < 1; exact++) {
                pl_ag_compile(a, a->n_variants ? v : -1, c);
                if (exact >= 0) c->exact[exact] = 1;
                for (uint64_t run = 0; run < 300; run++) {
                    pl_ag_draws d;
                    pl_ag_outcome oa, ob;
                    memset(&oa, 0, sizeof oa), memset(&ob, 0, sizeof ob);
                    la->n = lb->n = 0;
                    pl_ag_trace ta = {log_event, la}, tb = {log_event, lb};
                    pl_ag_draw(c, 11, run, &d);
                    played += run_in_step(c, &d, &oa, &ob, &ta, &tb, &skipped);
                    if (memcmp(&oa, &ob, sizeof oa))
                        fail_msg("%s variant %d run %llu: the outcomes differ", name, v, (unsigned long long)run);
                    assert_int_equal(la->n, lb->n);
                    int n = la->n < 4096 ? la->n : 4096;
                    assert_memory_equal(la->ev, lb->ev, sizeof la->ev[0] * (size_t)n);
                    assert_memory_equal(la->ver, lb->ver, sizeof la->ver[0] * (size_t)n);
                }
            }
        assert_true(skipped * 50 > played); /* more than 2 % of the periods were skipped */
        pl_agreement_free(a);
    }
    pl_free(lb), pl_free(la), pl_free(c);
}

/* The quantities delivered are counted at a run's end (pl_ag_finish), from what is left of each
 * step's duration and the steps delivered whole: a step in force at the end has delivered its whole
 * quantity, a step never completed less than it, and none more (every variant of the four shipped
 * files with behaviour, 300 runs each).  It fails if a completion does not mark its step delivered
 * whole (tried). */
static void the_quantities_delivered_are_counted_at_the_end(void **state)
{
    (void)state;
    static const char *const files[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/agreed-framework-1994.yaml",
                                        "scenarios/korea/russia-china-roadmap.yaml", "scenarios/korea/singapore-2018.yaml"};
    pl_ag_compiled *c = pl_malloc(sizeof *c);
    assert_non_null(c);
    long whole = 0, part = 0;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        pl_agreement *a;
        pl_error err;
        if (pl_agreement_load(&a, files[f], &err)) fail_msg("%s", err.msg);
        for (int v = 0; v < pl_agreement_n_variants(a); v++) {
            pl_ag_compile(a, a->n_variants ? v : -1, c);
            for (uint64_t run = 0; run < 300; run++) {
                pl_ag_draws d;
                pl_ag_outcome o;
                pl_ag_draw(c, 13, run, &d);
                pl_ag_run(c, &d, &o, NULL);
                for (int s = 0; s < c->n_steps; s++) {
                    if (!(c->quantity[s] > 0)) continue;
                    assert_true(o.delivered[s] >= 0 && o.delivered[s] <= c->quantity[s]);
                    if (o.in_force_end >> s & 1) {
                        assert_true(o.delivered[s] == c->quantity[s]);
                        whole++;
                    } else if (!(o.ever_done >> s & 1)) {
                        assert_true(o.delivered[s] < c->quantity[s]);
                        part += o.delivered[s] > 0;
                    }
                }
            }
        }
        pl_agreement_free(a);
    }
    assert_true(whole > 1000 && part > 10); /* steps ended delivered whole, and some part-delivered */
    pl_free(c);
}

/* The head of a year's agreement between A (unconditional) and B (reciprocal), monthly. */
#define A_AND_B                                                                                                        \
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"                                                     \
    "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: reciprocal}\n"

/* A check run on a scenario from text, then on each of some shipped files. */
static void check_text_and_files(const char *text, const char *const *files, size_t n_files,
                                 void (*check)(const pl_agreement *, void *), void *ctx)
{
    pl_agreement *a = ag_load_text(text);
    check(a, ctx);
    pl_agreement_free(a);
    for (size_t f = 0; f < n_files; f++) {
        pl_error err;
        if (pl_agreement_load(&a, files[f], &err)) fail_msg("%s", err.msg);
        check(a, ctx);
        pl_agreement_free(a);
    }
}

/* pl_ag_released reads a table of the steps released at each period, made from the distinct
 * `not_before` periods when the variant is compiled: at every period it gives the steps whose
 * not_before has come, as a test of every step does (a text with three release dates, one of them twice, and the shipped files that have some). */
static void released_as_tested_step_by_step(const pl_agreement *a, void *ctx)
{
    (void)ctx;
    pl_ag_compiled *c = pl_malloc(sizeof *c);
    assert_non_null(c);
    int nv = a->n_variants > 0 ? a->n_variants : 1;
    for (int v = 0; v < nv; v++) {
        pl_ag_compile(a, a->n_variants > 0 ? v : -1, c);
        int later = 0;
        for (int t = -1; t <= c->horizon + 1; t++) {
            pl_bits want = 0;
            for (int s = 0; s < c->n_steps; s++)
                if (c->not_before[s] <= t) want |= PL_BIT(s);
            assert_true(pl_ag_released(c, t) == want);
            later += want != 0 && want != c->all;
        }
        assert_true(later > 0); /* some period released some steps and not others */
    }
    pl_free(c);
}

static void the_steps_released_are_those_whose_not_before_has_come(void **state)
{
    (void)state;
    static const char three_dates[] =
        A_AND_B
        "steps:\n"
        "  - {id: W, actor: A, not_before: 2000-03-01}\n"
        "  - {id: X, actor: A}\n"
        "  - {id: Y, actor: B, requires: [X], not_before: 2000-06-01}\n"
        "  - {id: Z, actor: B, not_before: 2000-03-01}\n";
    static const char *const files[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/singapore-2018.yaml",
                                        "scenarios/korea/joint-statement-2005.yaml"};
    check_text_and_files(three_dates, files, sizeof files / sizeof *files, released_as_tested_step_by_step, NULL);
}

/* pl_ag_flow reads only the shocks that change the step's flows (c->flow_shocks, made when the variant
 * is compiled): for every step and party, under every set of shocks on, it gives what a sum over every
 * shock on gives, byte for byte (a text with two shocks, one touching two steps, and the shipped files). */
static void flows_as_summed_over_every_shock(const pl_agreement *a, void *ctx)
{
    long *touched = ctx;
    pl_ag_compiled *c = pl_malloc(sizeof *c);
    assert_non_null(c);
    int nv = a->n_variants > 0 ? a->n_variants : 1;
    for (int v = 0; v < nv; v++) {
        pl_ag_compile(a, a->n_variants > 0 ? v : -1, c);
        uint32_t with_flow = 0;
        for (int k = 0; k < c->n_shocks; k++)
            if (c->shock_n_flow[k]) with_flow |= 1u << k;
        pl_ag_state st;
        memset(&st, 0, sizeof st);
        for (uint32_t on = with_flow;; on = (on - 1) & with_flow) { /* every subset of the shocks with flows */
            st.shock_on = on;
            for (int s = 0; s < c->n_steps; s++)
                for (int p = 0; p < c->n_parties; p++) {
                    double f = c->flow_to[s][p];
                    for (uint32_t k = on; k; k &= k - 1) {
                        int j = __builtin_ctz(k);
                        for (int i = 0; i < c->shock_n_flow[j]; i++)
                            if (c->shock_flow_step[j][i] == s && c->shock_flow_party[j][i] == p) f += c->shock_flow[j][i];
                    }
                    double g = pl_ag_flow(c, &st, s, p);
                    assert_memory_equal(&f, &g, sizeof f);
                    *touched += f != c->flow_to[s][p];
                }
            if (!on) break;
        }
    }
    pl_free(c);
}

static void a_flow_counts_the_shocks_that_change_it(void **state)
{
    (void)state;
    static const char two_shocks[] =
        A_AND_B
        "steps:\n"
        "  - {id: X, actor: A, flow: {B: 1.5}}\n"
        "  - {id: Y, actor: B, requires: [X], flow: {A: 2}}\n"
        "  - {id: Z, actor: B, flow: {A: 0.25, B: -0.5}}\n"
        "shocks:\n"
        "  - {id: s1, p: 0.1, flows: {X: {B: -0.5}, Z: {A: 0.125}}}\n"
        "  - {id: s2, p: 0.2, flows: {Z: {A: 1}, Y: {B: 3}}}\n";
    static const char *const files[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/agreed-framework-1994.yaml",
                                        "scenarios/korea/russia-china-roadmap.yaml"};
    long touched = 0;
    check_text_and_files(two_shocks, files, sizeof files / sizeof *files, flows_as_summed_over_every_shock, &touched);
    assert_true(touched > 0); /* some shock changed some flow */
}

/* A run cut where only completion is asked (pl_ag_run_to_completion: at completion, or once some
 * core step could no longer be in force by the horizon) completes exactly when, and only when, the
 * whole run does: every run of every variant of the shipped agreement files, and some runs are cut
 * before the horizon without completing (their payoffs stop early), so the bound is exercised.  It
 * fails if the bound counts a suspended step's whole duration instead of its remaining work (tried).
 * The same run with the payoffs of its periods not added up and its belief changes not recorded
 * (pl_ag_completion_of) is the cut run in every byte of its outcome but those, which differ in most
 * runs (fails with a quiet stretch's work left undone with its payoffs, tried). */
static void a_run_cut_where_only_completion_is_asked_completes_as_the_whole_run(void **state)
{
    (void)state;
    static const char *const files[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/agreed-framework-1994.yaml",
                                        "scenarios/korea/russia-china-roadmap.yaml", "scenarios/korea/singapore-2018.yaml",
                                        "scenarios/korea/joint-statement-2005.yaml", "scenarios/korea/leap-day-2012.yaml"};
    long completed = 0, cut = 0, unpaid = 0, unrecorded = 0;
    pl_ag_check_chances = 1, pl_ag_stale_chances = 0; /* and every chance a plan took from its cache checked */
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        pl_agreement *a;
        pl_error err;
        if (pl_agreement_load(&a, files[f], &err)) fail_msg("%s", err.msg);
        pl_ag_compiled *c = pl_malloc(sizeof *c);
        assert_non_null(c);
        for (int v = 0; v < pl_agreement_n_variants(a); v++) {
            pl_ag_compile(a, a->n_variants ? v : -1, c);
            uint64_t counted;
            long here = 0;
            for (uint64_t run = 0; run < 1500; run++) {
                pl_ag_draws d;
                pl_ag_outcome whole, part, bare;
                memset(&part, 0, sizeof part), memset(&bare, 0, sizeof bare);
                pl_ag_draw(c, 1, run, &d);
                pl_ag_run(c, &d, &whole, NULL);
                int t = pl_ag_run_to_completion(c, &d, &part);
                assert_int_equal(t, whole.complete_t);
                assert_int_equal(part.complete_t, whole.complete_t);
                assert_int_equal(pl_ag_completion_of(c, &d, &bare), t);
                unpaid += memcmp(bare.pay, part.pay, sizeof part.pay) != 0;
                assert_int_equal(bare.bel_n, 0); /* nor its belief changes recorded */
                unrecorded += part.bel_n > 0;
                memcpy(bare.pay, part.pay, sizeof bare.pay);
                bare.bel_n = part.bel_n;
                memcpy(bare.bel_t, part.bel_t, sizeof bare.bel_t), memcpy(bare.bel_j, part.bel_j, sizeof bare.bel_j);
                memcpy(bare.bel_q, part.bel_q, sizeof bare.bel_q);
                assert_memory_equal(&bare, &part, sizeof part);
                here += t >= 0;
                for (int p = 0; p < c->n_parties && t < 0; p++)
                    if (part.pay[p] != whole.pay[p]) {
                        cut++;
                        break;
                    }
            }
            pl_ag_count_completions(c, 1, 0, 1500, &counted);
            assert_int_equal(counted, here);
            completed += here;
        }
        pl_free(c);
        pl_agreement_free(a);
    }
    assert_true(completed > 1000); /* runs completed, */
    assert_true(cut > 1000);       /* and runs were found unable to complete before their horizon */
    assert_true(unpaid > 10000);   /* and the payoffs were left out, */
    assert_true(unrecorded > 1000); /* and the belief changes */
    pl_ag_check_chances = 0;
    assert_int_equal(pl_ag_stale_chances, 0);
}

/* The opening a variant's runs share (pl_ag_opening_take: the state after period 0's decisions made
 * once for each type index, each party's plan taken from the one of its type) is each run's own
 * opening, to the byte: the run state, the outcome and the moves of pl_ag_begin, pl_ag_period_open
 * and pl_ag_decide_all, both from zeroed memory (so that the entries neither writes compare equal),
 * in every variant of the shipped files with behaviour (and the Agreed Framework paid as delivered); a
 * run with a shock in period 0 opens on its own.  And whole runs, and runs cut at completion, come out
 * the same with the opening and without. */
static void opening_against_own(const pl_agreement *a, long *taken, long *own)
{
    pl_ag_compiled *c = pl_malloc(sizeof *c), *bare = pl_malloc(sizeof *bare);
    pl_ag_run_state *R1 = pl_malloc(sizeof *R1), *R2 = pl_malloc(sizeof *R2);
    pl_ag_outcome *o1 = pl_malloc(sizeof *o1), *o2 = pl_malloc(sizeof *o2);
    assert_true(c && bare && R1 && R2 && o1 && o2);
    for (int v = 0; v < pl_agreement_n_variants(a); v++) {
        pl_ag_compile(a, a->n_variants ? v : -1, c);
        *bare = *c; /* the same tables, no opening */
        assert_int_equal(pl_ag_opening_make(c), PL_OK);
        if (!c->behave) { /* without behaviour there is none */
            assert_null(c->opening);
            continue;
        }
        assert_non_null(c->opening);
        for (uint64_t run = 0; run < 800; run++) {
            pl_ag_draws d;
            pl_ag_draw(c, 3, run, &d);
            pl_ag_move m1, m2;
            memset(R1, 0, sizeof *R1), memset(R2, 0, sizeof *R2), memset(o1, 0, sizeof *o1), memset(o2, 0, sizeof *o2);
            if (!pl_ag_opening_take(c, &d, R2, o2, &m2)) {
                assert_true(d.n_occ > 0 && d.occ_t[0] == 0); /* only a shock in period 0 leaves the opening */
                ++*own;
            } else {
                pl_ag_begin(c, &d, R1, o1);
                pl_ag_period_open(c, &d, R1, o1, NULL);
                pl_ag_decide_all(c, &R1->st, &m1);
                assert_memory_equal(R1, R2, sizeof *R1);
                assert_memory_equal(o1, o2, sizeof *o1);
                assert_memory_equal(&m1, &m2, sizeof m1);
                ++*taken;
            }
            if (run % 4) continue; /* whole runs, a quarter of them */
            memset(o1, 0, sizeof *o1), memset(o2, 0, sizeof *o2);
            pl_ag_run(bare, &d, o1, NULL);
            pl_ag_run(c, &d, o2, NULL);
            assert_memory_equal(o1, o2, sizeof *o1);
            assert_int_equal(pl_ag_run_to_completion(c, &d, o2), o1->complete_t);
        }
        pl_ag_opening_drop(c);
        assert_null(c->opening);
    }
    pl_free(c), pl_free(bare), pl_free(R1), pl_free(R2), pl_free(o1), pl_free(o2);
}

static void the_opening_a_variant_shares_is_each_runs_own_opening(void **state)
{
    (void)state;
    static const char *const files[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/agreed-framework-1994.yaml",
                                        "scenarios/korea/russia-china-roadmap.yaml", "scenarios/korea/singapore-2018.yaml",
                                        "scenarios/korea/joint-statement-2005.yaml", "scenarios/korea/leap-day-2012.yaml"};
    long taken = 0, own = 0;
    for (size_t f = 0; f <= sizeof files / sizeof *files; f++) {
        pl_agreement *a;
        pl_error err;
        if (f == sizeof files / sizeof *files)
            a = ag_load_as_delivered("scenarios/korea/agreed-framework-1994.yaml");
        else if (pl_agreement_load(&a, files[f], &err))
            fail_msg("%s", err.msg);
        opening_against_own(a, &taken, &own);
        pl_agreement_free(a);
    }
    assert_true(taken > 5000); /* runs opened from the opening, */
    assert_true(own > 0);      /* and runs with a shock in period 0, on their own */
}

/* pl_ag_belief_q is llround of the belief in units of 2^-30, for every belief: the halves and the
 * doubles either side of them, 0 and 1, and a spread of beliefs in between. */
static void a_belief_counted_in_units_is_rounded_as_llround_does(void **state)
{
    (void)state;
    for (uint32_t k = 0; k < 4096; k++) {
        double u = (double)k * 262143.0 + 0.5; /* a half, through the range */
        double b[5] = {u / PL_AG_BELIEF_ONE, nextafter(u, 0) / PL_AG_BELIEF_ONE, nextafter(u, 2 * u) / PL_AG_BELIEF_ONE,
                       (double)k / 4095.0, 1.0 / (3.0 + k)};
        for (int i = 0; i < 5; i++) assert_int_equal(pl_ag_belief_q(b[i]), (uint32_t)llround(b[i] * PL_AG_BELIEF_ONE));
    }
    assert_int_equal(pl_ag_belief_q(0), 0);
    assert_int_equal(pl_ag_belief_q(1), 1u << 30);
    assert_int_equal(pl_ag_belief_q(0.5 / PL_AG_BELIEF_ONE), 1);                            /* a half rounds up */
    assert_int_equal(pl_ag_belief_q(nextafter(0.5, 0) / PL_AG_BELIEF_ONE), 0);              /* just below does not */
}

static void every_rule_type_is_a_table_entry(void **state)
{
    (void)state;
    for (int k = 0; k < PL_POL_COUNT; k++) {
        assert_non_null(pl_ag_policy_types[k].rule);
        assert_string_equal(pl_ag_policy_types[k].name, pl_policy_names[k]);
        assert_true(strlen(pl_ag_policy_types[k].description) > 20);
    }
}

/* The simulation's belief sums by period (the result's belief_q: every run's belief about each party at
 * the end of each period, in units of 2^-30, added up) against every run's beliefs played again one by
 * one and added period by period from the prior and the run's recorded changes.  The simulation keeps
 * differences and adds the prior's entries at period 0 once for all its runs (pl_ag_belief_prefix, the
 * runs times the prior): the test fails with one run more or less, or a party's first change read
 * against its last run's belief instead of the prior.  On 1 and 3 threads (each worker its own sums). */
static void the_belief_sums_are_every_runs_beliefs_added_up(void **state)
{
    (void)state;
    for (size_t f = 0; f < sizeof behaviour_files / sizeof *behaviour_files; f++)
        for (int threads = 1; threads <= 3; threads += 2) {
            pl_agreement *a;
            pl_error err;
            if (pl_agreement_load(&a, behaviour_files[f], &err)) fail_msg("%s", err.msg);
            pl_agreement_sim_config cfg = {.runs = 300, .seed = 7, .threads = threads};
            pl_agreement_result *r;
            assert_int_equal(pl_agreement_simulate(a, &cfg, &r, &err), 0);
            const int nv = a->n_variants > 0 ? a->n_variants : 1, H = a->horizon, P = a->n_parties;
            const size_t n = (size_t)H * P * PL_AG_MAX_OPTIONS;
            uint64_t *want = calloc(n, sizeof *want);
            pl_ag_compiled *c = malloc(sizeof *c * (size_t)nv);
            assert_non_null(want);
            assert_non_null(c);
            for (int v = 0; v < nv; v++) pl_ag_compile(a, a->n_variants > 0 ? v : -1, &c[v]);
            for (int v = 0; v < nv; v++) {
                memset(want, 0, n * sizeof *want);
                uint32_t prior[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS] = {{0}};
                pl_ag_belief_prior(&c[v], prior);
                for (uint64_t run = 0; run < cfg.runs; run++) {
                    pl_ag_draws d;
                    pl_ag_outcome o;
                    pl_ag_draw(&c[0], cfg.seed, run, &d); /* every variant's runs on the first's draws */
                    pl_ag_run(&c[v], &d, &o, NULL);
                    uint32_t cur[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
                    memcpy(cur, prior, sizeof cur);
                    for (int t = 0, e = 0; t < H; t++) {
                        for (; e < o.bel_n && o.bel_t[e] <= t; e++)
                            for (int k = 0; k < c[v].n_opt[o.bel_j[e]]; k++) cur[o.bel_j[e]][k] = o.bel_q[e][k];
                        for (int j = 0; j < P; j++)
                            for (int k = 0; k < c[v].n_opt[j]; k++)
                                want[((size_t)t * P + j) * PL_AG_MAX_OPTIONS + k] += cur[j][k];
                    }
                }
                for (size_t i = 0; i < n; i++)
                    if (want[i] != r->stats[v].belief_q[i])
                        fail_msg("%s, variant %d, %d threads: period %zu party %zu type %zu: %llu, the runs one by one %llu",
                                 behaviour_files[f], v, threads, i / ((size_t)P * PL_AG_MAX_OPTIONS),
                                 i / PL_AG_MAX_OPTIONS % (size_t)P, i % PL_AG_MAX_OPTIONS,
                                 (unsigned long long)r->stats[v].belief_q[i], (unsigned long long)want[i]);
            }
            free(c);
            free(want);
            pl_agreement_result_free(r);
            pl_agreement_free(a);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bayes_updating_matches_the_posterior_worked_by_hand),
        cmocka_unit_test(the_belief_sums_are_every_runs_beliefs_added_up),
        cmocka_unit_test(the_likelihood_of_a_short_record_is_the_one_worked_by_hand),
        cmocka_unit_test(the_fit_fails_cleanly_at_each_allocation),
        cmocka_unit_test(a_delivery_first_seen_under_way_started_when_it_fell_due),
        cmocka_unit_test(a_delivery_reported_after_a_withdrawal_restarts_nothing),
        cmocka_unit_test(a_secret_withdrawal_found_out_sums_over_its_unknown_period),
        cmocka_unit_test(golden_section_finds_a_maximum_inside_and_on_an_end),
        cmocka_unit_test(the_refined_tremble_is_the_maximum_in_closed_form),
        cmocka_unit_test(the_refined_patience_steps_between_the_grid_values),
        cmocka_unit_test(discount_zero_weighs_only_the_period_decided_in),
        cmocka_unit_test(a_secret_withdrawal_moves_no_belief_until_it_is_found_out),
        cmocka_unit_test(a_party_that_gains_nothing_does_not_join),
        cmocka_unit_test(the_incentive_checks_are_the_same_on_any_threads),
        cmocka_unit_test(every_rule_type_is_a_table_entry),
        cmocka_unit_test(the_steps_released_are_those_whose_not_before_has_come),
        cmocka_unit_test(a_belief_counted_in_units_is_rounded_as_llround_does),
        cmocka_unit_test(a_flow_counts_the_shocks_that_change_it),
        cmocka_unit_test(the_plans_kept_between_periods_are_the_plans_made_afresh),
        cmocka_unit_test(an_opportunists_plan_is_made_again_when_a_shock_changes_its_flows),
        cmocka_unit_test(deciding_every_party_at_once_is_deciding_each_in_turn),
        cmocka_unit_test(the_decisions_read_the_disputes_an_ambiguous_event_moves),
        cmocka_unit_test(a_quiet_stretch_skipped_is_the_periods_played),
        cmocka_unit_test(the_quantities_delivered_are_counted_at_the_end),
        cmocka_unit_test(the_lateness_kept_between_periods_is_the_lateness_made_afresh),
        cmocka_unit_test(the_bound_on_completion_holds_until_the_next_look),
        cmocka_unit_test(the_verifiers_events_kept_are_every_event_pending),
        cmocka_unit_test(the_lateness_kept_with_start_deadlines_is_the_lateness_made_afresh),
        cmocka_unit_test(a_steps_own_start_deadline_drives_its_lateness),
        cmocka_unit_test(the_flows_kept_after_a_shock_are_the_flows_made_afresh),
        cmocka_unit_test(the_expectations_each_period_reads_are_the_expectations_made_afresh),
        cmocka_unit_test(a_worth_counts_only_the_steps_that_may_pay_its_actor),
        cmocka_unit_test(the_likelihoods_of_the_evidence_are_those_of_every_type_made_afresh),
        cmocka_unit_test(the_likelihoods_where_one_party_decided_are_those_made_afresh),
        cmocka_unit_test(the_actors_of_a_set_of_steps_are_its_steps_actors),
        cmocka_unit_test(the_close_updates_the_beliefs_as_the_update_at_every_period),
        cmocka_unit_test(the_moves_made_from_one_frame_are_the_rules_moves),
        cmocka_unit_test(the_due_sets_kept_between_periods_are_the_due_sets_made_afresh),
        cmocka_unit_test(a_run_cut_where_only_completion_is_asked_completes_as_the_whole_run),
        cmocka_unit_test(the_opening_a_variant_shares_is_each_runs_own_opening),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
