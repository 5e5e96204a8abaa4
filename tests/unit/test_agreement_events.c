// SPDX-License-Identifier: MIT
/* test_agreement_events.c — what the record shows that the first model lacked, worked by hand:
 * a covert breach (a step withdrawn in secret, found out by its verifier), an ambiguous event
 * that one party reads as a breach and the other does not, and a shock that changes what a
 * step pays (its flows) rather than forcing it back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_output.h"
#include "io/yaml_doc.h"
#include "agreement_testing.h"

/* A delay drawn from the cut points is the one the logarithm draws (or, where that reaches the horizon,
 * 1 << 29), for chances from near 0 to near 1 and horizons from 1 to the longest: at random uniforms, and at
 * every cut point and the horizon's, the uniforms on either side of it up to a thousand units in the last
 * place and at the margin's edges, where the two ways are closest. */
static void a_delay_from_the_cut_points_is_the_logarithms(void **state)
{
    (void)state;
    const double ps[] = {0.8, 0.15, 0.5, 0.6, 0.3, 0.002, 1e-6, 1e-12, 0.999999, 1 - 1e-15, 0.05, 0.95};
    const int horizons[] = {1, 8, 48, 2400};
    pl_rng r;
    pl_rng_init(&r, 11, 0, 0);
    long checked = 0, fast = 0;
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        for (size_t h = 0; h < sizeof horizons / sizeof horizons[0]; h++) {
            const double p = ps[i], lq = log1p(-p);
            pl_ag_geo g;
            pl_ag_geo_make(&g, p, lq, horizons[h]);
            double us[2000 + (PL_AG_GEO_CUTS + 1) * 3 * 50 * 2];
            int n = 0;
            for (int k = 0; k < 2000; k++) us[n++] = pl_rng_uniform(&r);
            for (int k = 0; k <= PL_AG_GEO_CUTS; k++) {
                const double at = k < PL_AG_GEO_CUTS ? g.cut[k] : g.beyond;
                const double near[] = {at - PL_AG_GEO_MARGIN, at + PL_AG_GEO_MARGIN, at};
                for (int m = 0; m < 3; m++) {
                    double lo = near[m], hi = near[m];
                    for (int step = 0; step < 50; step++) {
                        for (int rep = 0; rep < 20; rep++) lo = nextafter(lo, 0), hi = nextafter(hi, 1);
                        if (lo >= 0 && lo < 1) us[n++] = lo;
                        if (hi >= 0 && hi < 1) us[n++] = hi;
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                const int exact = pl_ag_geometric(us[k], p, lq), cut = pl_ag_geometric_cut(us[k], p, lq, &g);
                if (cut == 1 << 29)
                    assert_true(exact >= horizons[h]);
                else
                    assert_int_equal(cut, exact);
                checked++;
                fast += cut != exact || exact < PL_AG_GEO_CUTS;
            }
        }
    assert_true(checked > 100000 && fast > checked / 4); /* (the cut points answer most draws) */
}

/* One period of a run, every party by its rule, but party `who` making exactly the moves given. */
static void play(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o, int who,
                 pl_bits start, pl_bits reverse)
{
    pl_ag_move all = {0, 0, 0, 0};
    for (int p = 0; p < c->n_parties; p++) {
        pl_ag_move m;
        pl_ag_decide(c, &R->st, p, &m);
        if (p == who) m.start = start, m.reverse = reverse, m.retal = m.opp = 0;
        all.start |= m.start, all.reverse |= m.reverse, all.retal |= m.retal, all.opp |= m.opp;
    }
    pl_ag_period_close(c, d, R, o, &all, NULL);
    if (R->t < c->horizon) pl_ag_period_open(c, d, R, o, NULL);
}

static const char covert_text[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 40\n"
    "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: reciprocal}\n"
    "verifiers:\n  - {id: V, p_confirm: 1}\n"
    "steps:\n"
    "  - {id: F, actor: A, flow: {A: -1, B: 1}, reversible: true, verification: V, covert: {p_detect: 0.3}}\n"
    "  - {id: R, actor: B, requires: [F], flow: {A: 0.5}, reversible: true}\n";

/* A freezes (F), B answers with relief (R); in period 2 A withdraws F in secret.  Until the
 * verifier finds out (a draw from the run's late stream: geometric with p 0.3), the public sees F
 * in force and verified, B keeps R, and F pays nobody; the period it is found, F is a withdrawal
 * like any other, B withdraws R at once, and the first reversal is A's, dated then. */
static void a_covert_breach_is_seen_only_when_found(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(covert_text);
    pl_ag_compiled c;
    pl_ag_compile(a, -1, &c);
    assert_true(c.covert == PL_BIT(0));
    pl_ag_draws d;
    pl_ag_draw(&c, 5, 0, &d);
    pl_ag_run_state R;
    pl_ag_outcome o;
    pl_ag_begin(&c, &d, &R, &o);
    pl_ag_period_open(&c, &d, &R, &o, NULL);
    play(&c, &d, &R, &o, 0, PL_BIT(0), 0); /* t0: A starts F (done at the period's end) */
    play(&c, &d, &R, &o, 0, 0, 0);         /* t1: F verified; B starts R */
    assert_true(R.st.done == (PL_BIT(0) | PL_BIT(1)));
    double pa = o.pay[0], pb = o.pay[1];
    assert_true(fabs(pa - (-1 - 1 + 0.5)) < 1e-12);
    assert_true(fabs(pb - 2) < 1e-12);
    /* the detection period, from the same stream the run draws it from */
    pl_rng late = R.late;
    double u = pl_rng_uniform(&late);
    int found = 2 + 1 + (int)floor(log1p(-u) / log1p(-0.3));
    play(&c, &d, &R, &o, 0, 0, PL_BIT(0)); /* t2: A withdraws F, in secret */
    assert_true(R.st.covert == PL_BIT(0));
    assert_true(R.st.done & R.st.verified & PL_BIT(0)); /* to the public: in force, verified */
    assert_int_equal(o.first_rev_step, -1);
    int t = 3;
    for (; R.t < found; t++) {
        assert_true(R.st.done & PL_BIT(1)); /* B keeps R while nobody knows */
        play(&c, &d, &R, &o, 0, 0, 0);
    }
    /* each period of the secret, F paid nothing and R paid A 0.5 */
    assert_true(fabs(o.pay[0] - (pa + 0.5 * (found - 2))) < 1e-12);
    assert_true(fabs(o.pay[1] - pb) < 1e-12);
    /* found at the opening of period `found`: a public withdrawal by A; B answers that period */
    assert_int_equal(R.t, found);
    assert_true(R.st.rev & PL_BIT(0));
    assert_false(R.st.covert);
    assert_int_equal(o.first_rev_step, 0);
    assert_int_equal(o.first_rev_party, 0);
    assert_int_equal(o.first_rev_t, found);
    play(&c, &d, &R, &o, 0, 0, 0);
    assert_false(R.st.done & PL_BIT(1));
    assert_true(R.st.retal & PL_BIT(1)); /* an answer */
    pl_agreement_free(a);
}

static const char dispute_text[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 12\n"
    "parties:\n  - {id: D, policy: reciprocal}\n  - {id: U, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: M, actor: D, flow: {U: 1}, reversible: true}\n"
    "  - {id: FOOD, actor: U, requires: [M], flow: {D: 1}, reversible: true}\n"
    "shocks:\n"
    "  - {id: launch, p: 1, from: 2000-04, once: true, read_as_breach: {U: [M]}}\n";

/* The launch in period 3 is a breach of the moratorium to U and none to D.  U withdraws the food
 * in period 3 (an answer); D, for whom nothing was breached, reads the withdrawal as an answer and
 * keeps its moratorium; U does not restore the food while it still counts M breached.  The same
 * scenario with `reverse: [M]` instead forces the moratorium itself back. */
static void an_ambiguous_event_is_a_breach_to_one_party_only(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(dispute_text);
    pl_agreement_sim_config cfg = {.runs = 1, .seed = 1, .threads = 1};
    pl_ag_compiled c;
    pl_ag_outcome o;
    ag_run_once(a, 1, &c, &o);
    assert_true(c.shock_read_breach[0][1] == PL_BIT(0));
    assert_true(c.shock_read_breach[0][0] == 0);
    assert_int_equal(o.first_rev_step, 1);  /* FOOD */
    assert_int_equal(o.first_rev_party, 1); /* by U */
    assert_int_equal(o.first_rev_t, 3);
    assert_true(o.in_force_end == PL_BIT(0)); /* M kept, FOOD withdrawn for good */
    /* D: flows of FOOD in periods 1..2 (started in 1: done at its end) = 2; U: M's flow in 0..11 = 12 */
    assert_true(fabs(o.pay[0] - 2) < 1e-12);
    assert_true(fabs(o.pay[1] - 12) < 1e-12);
    pl_agreement_result *r;
    pl_error err;
    assert_int_equal(pl_agreement_simulate(a, &cfg, &r, &err), 0);
    pl_agreement_result_free(r);
    pl_agreement_free(a);

    char forced[sizeof dispute_text + 32];
    snprintf(forced, sizeof forced, "%.*s", (int)(strstr(dispute_text, "read_as_breach") - dispute_text), dispute_text);
    strcat(forced, "reverse: [M]}\n");
    a = ag_load_text(forced);
    ag_run_once(a, 1, &c, &o);
    assert_int_equal(o.first_rev_step, 0); /* M, by the shock */
    assert_int_equal(o.first_rev_party, 2);
    pl_agreement_free(a);
}

static const char flows_text[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 6\n"
    "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: X, actor: A, flow: {A: -0.5, B: 1}, reversible: true}\n"
    "shocks:\n"
    "  - {id: sanctions, p: 1, from: 2000-03, once: true, flows: {X: {A: 1, B: 2}}}\n";

/* X is in force from the end of period 0.  B is paid 1 a period in 0 and 1, and 1 + 2 from the
 * shock in period 2 to the horizon (2..5): 2 + 4 x 3 = 14; A pays 0.5 in 0 and 1 and is paid 0.5
 * after: -1 + 2 = 1.  With behaviour, the shock turns what keeping X is worth to A from
 * -0.5 x annuity to +0.5 x annuity (no cost to withdraw, nothing hangs on it). */
static void a_shock_changes_what_a_step_pays(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(flows_text);
    pl_ag_compiled c;
    pl_ag_outcome o;
    ag_run_once(a, 1, &c, &o);
    assert_true(fabs(o.pay[1] - 14) < 1e-12);
    assert_true(fabs(o.pay[0] - 1) < 1e-12);
    pl_agreement_free(a);

    char text[sizeof flows_text + 128];
    snprintf(text, sizeof text, "%sbehaviour: {choice: logit, rationality: 2, tremble: 0.01, discount: 0.9, lookahead: 12}\n",
             flows_text);
    a = ag_load_text(text);
    pl_ag_compile(a, -1, &c);
    pl_ag_state st;
    ag_fresh_state(&c, &st);
    st.started = st.done = st.verified = st.ever_done = PL_BIT(0);
    double annuity = (1 - pow(0.9, 12)) / (1 - 0.9);
    assert_true(fabs(pl_ag_delta_keep(&c, &st, 0, 0) - (-0.5 * annuity)) < 1e-12);
    st.shock_on = 1;
    assert_true(fabs(pl_ag_delta_keep(&c, &st, 0, 0) - (0.5 * annuity)) < 1e-12);
    pl_agreement_free(a);
}

/* Bad input names the file, line and column. */
static const char covert_bayes_text[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 40\n"
    "parties:\n"
    "  - id: A\n    policy:\n      - {policy: opportunist, p: 0.5}\n      - {policy: reciprocal, p: 0.5}\n"
    "  - {id: B, policy: reciprocal}\n"
    "verifiers:\n  - {id: V, p_confirm: 1}\n"
    "steps:\n"
    "  - {id: F, actor: A, flow: {A: -1, B: 1}, reversible: true, verification: V, covert: {p_detect: 1}}\n"
    "  - {id: R, actor: B, requires: [F], value: {A: 2}}\n"
    "behaviour: {choice: rule, tremble: 0.1, patience: 5}\n";

/* A freezes (F, t0; verified t1), B pays its one-off relief (R, t1); in t2 A withdraws F in secret.
 * Then nothing hangs on F and keeping it costs A 1 a month, so an opportunist's rule withdraws it
 * and a reciprocal's does not.  While it is secret the public belief about A stays at the prior
 * (0.5 / 0.5); the verifier finds out in t3 (p_detect 1), and the find is evidence: opportunist
 * 0.5 x 0.9 against reciprocal 0.5 x 0.1 (eps = the tremble 0.1), so the posterior of opportunist
 * is 0.45 / (0.45 + 0.05) = 0.9. */
static void a_found_covert_breach_is_bayes_evidence(void **state)
{
    (void)state;
    pl_agreement *a = ag_load_text(covert_bayes_text);
    pl_ag_compiled c;
    pl_ag_compile(a, -1, &c);
    c.exact[1] = 1; /* B by its rule, without tremble */
    pl_ag_draws d;
    pl_ag_draw(&c, 3, 0, &d);
    pl_ag_run_state R;
    pl_ag_outcome o;
    pl_ag_begin(&c, &d, &R, &o);
    pl_ag_period_open(&c, &d, &R, &o, NULL);
    play(&c, &d, &R, &o, 0, PL_BIT(0), 0); /* t0: A starts F */
    play(&c, &d, &R, &o, 0, 0, 0);         /* t1: F verified; B starts R, done */
    assert_true(R.st.ever_done & PL_BIT(1));
    assert_int_equal(pl_ag_covert_types(&c, &R.st, 0), 1); /* only the opportunist's rule withdraws F now */
    play(&c, &d, &R, &o, 0, 0, PL_BIT(0)); /* t2: A withdraws F in secret */
    /* now t3 is open: the verifier found out at its opening */
    assert_int_equal(R.t, 3);
    assert_false(R.st.covert & PL_BIT(0));
    assert_true(R.st.rev & PL_BIT(0));
    assert_int_equal(o.bel_n, 1);
    assert_int_equal(o.bel_t[0], 3);
    assert_int_equal(o.bel_j[0], 0);
    assert_true(fabs(R.st.belief[0][0] - 0.9) < 1e-12);
    assert_true(fabs(R.st.belief[0][1] - 0.1) < 1e-12);
    pl_agreement_free(a);
}

/* The opportunist weighs the flows as they are, shocks included.  A's freeze F costs it 0.1 a month
 * and B's relief R, exchanged for it, pays A 0.2: keeping F is worth it (0.1 < 0.2).  A shock in t5
 * makes F cost A 0.2 more (0.3 > 0.2): the opportunist withdraws F that very period.  A shock of
 * 0.05 more (0.15 < 0.2) changes nothing.  (Before the fix the rule read the file's 0.1 and kept F.) */
static void an_opportunist_answers_a_shock_that_changes_a_flow(void **state)
{
    (void)state;
    static const char *const extra[] = {"-0.2", "-0.05"};
    for (int i = 0; i < 2; i++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: 24\n"
                 "parties:\n  - {id: A, policy: opportunist}\n  - {id: B, policy: reciprocal}\n"
                 "steps:\n"
                 "  - {id: F, actor: A, flow: {A: -0.1, B: 1}, reversible: true}\n"
                 "  - {id: R, actor: B, requires: [F], flow: {A: 0.2}, reversible: true}\n"
                 "shocks:\n  - {id: squeeze, p: 1, from: 5, once: true, flows: {F: {A: %s}}}\n",
                 extra[i]);
        pl_agreement *a = ag_load_text(text);
        pl_ag_compiled c;
        pl_ag_outcome o;
        ag_run_once(a, 1, &c, &o);
        assert_true(o.ever_done == 3);
        if (i == 0) {
            assert_int_equal(o.first_rev_step, 0);
            assert_int_equal(o.first_rev_party, 0);
            assert_int_equal(o.first_rev_t, 5);
        } else {
            assert_int_equal(o.first_rev_step, -1);
            assert_true(o.holds_end);
        }
        pl_agreement_free(a);
    }
}

static const char delivery_text[] =
    "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: %d\n"
    "parties:\n  - {id: A, policy: unconditional}\n  - {id: B, policy: reciprocal}\n"
    "steps:\n"
    "  - {id: X, actor: A, duration: 4, cost: 4, value: {A: 2, B: 8}, flow: {B: 1}, paid: %s}\n";

/* A's delivery X starts in period 0 and takes 4 periods.  Paid as delivered, each period of work
 * pays a quarter: cut after 3 periods, A has paid 3 and had 1.5 (a quarter of its own value 2, three
 * times), B has had 6; paid once, A paid the whole 4 at the start and nobody has had anything yet.
 * Over the whole run the totals are the same: A -4 + 2, B 8 and the flow 1 in periods 3 to 5 (X is
 * in force from the close of period 3, which pays the flows of the steps then in force). */
static void a_delivery_paid_as_delivered_pays_its_shares_as_it_goes(void **state)
{
    (void)state;
    struct {
        int horizon;
        const char *paid;
        double a, b;
    } cases[] = {{3, "as_delivered", -3 + 1.5, 6}, {3, "once", -4, 0}, {6, "as_delivered", -2, 11}, {6, "once", -2, 11}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[sizeof delivery_text + 32];
        snprintf(text, sizeof text, delivery_text, cases[i].horizon, cases[i].paid);
        pl_agreement *a = ag_load_text(text);
        pl_ag_compiled c;
        pl_ag_outcome o;
        ag_run_once(a, 1, &c, &o);
        if (fabs(o.pay[0] - cases[i].a) > 1e-12 || fabs(o.pay[1] - cases[i].b) > 1e-12)
            fail_msg("case %zu (%s, horizon %d): A %g B %g, expected %g %g", i, cases[i].paid, cases[i].horizon, o.pay[0],
                     o.pay[1], cases[i].a, cases[i].b);
        pl_agreement_free(a);
    }
}

/* Every party is paid every step's values and flows, whatever the number of parties: the close and the
 * quiet stretch add a step's row of payoffs two at a time, with a constant count for 2, 4, 6 and 8
 * parties and a loop for the others (agreement_simulate.c, add_rows), and none may leave a party out.
 * n parties, each unconditional with one step X<i> started in period 0 and taking 1 + 3 (i mod 4)
 * periods (so that, with behaviour, quiet stretches come between the completions), paid once: cost 1,
 * a value and a flow to every party, in force from the close that completes it to the horizon (14).
 * Party j ends with the values less its own cost, and each flow for horizon - duration + 1 periods.
 * Played by the rules, and with behaviour by the rules without a tremble (the same moves). */
static void every_party_is_paid_whatever_their_number(void **state)
{
    (void)state;
    enum { H = 14 };
    for (int with_behaviour = 0; with_behaviour < 2; with_behaviour++)
        for (int n = 2; n <= 10; n++) {
            char text[8192];
            size_t k = (size_t)snprintf(text, sizeof text, "kind: agreement\nstart: 2000-01\nperiod: month\nhorizon: %d\nparties:\n", H);
            for (int i = 0; i < n; i++) k += (size_t)snprintf(text + k, sizeof text - k, "  - {id: P%d, policy: unconditional}\n", i);
            k += (size_t)snprintf(text + k, sizeof text - k, "steps:\n");
            for (int i = 0; i < n; i++) {
                k += (size_t)snprintf(text + k, sizeof text - k, "  - {id: X%d, actor: P%d, duration: %d, cost: 1, value: {", i, i,
                                      1 + 3 * (i % 4));
                for (int j = 0; j < n; j++) k += (size_t)snprintf(text + k, sizeof text - k, "%sP%d: %g", j ? ", " : "", j, 0.5 * (j + 1));
                k += (size_t)snprintf(text + k, sizeof text - k, "}, flow: {");
                for (int j = 0; j < n; j++)
                    k += (size_t)snprintf(text + k, sizeof text - k, "%sP%d: %g", j ? ", " : "", j, 0.25 * (i + 1) + 0.125 * j);
                k += (size_t)snprintf(text + k, sizeof text - k, "}}\n");
            }
            if (with_behaviour) k += (size_t)snprintf(text + k, sizeof text - k, "behaviour: {choice: rule, tremble: 0}\n");
            assert_true(k < sizeof text);
            pl_agreement *a = ag_load_text(text);
            pl_ag_compiled *c = malloc(sizeof *c);
            pl_ag_outcome o;
            ag_run_once(a, 1, c, &o);
            for (int j = 0; j < n; j++) {
                double want = -1;
                for (int i = 0; i < n; i++) want += 0.5 * (j + 1) + (0.25 * (i + 1) + 0.125 * j) * (H - (1 + 3 * (i % 4)) + 1);
                if (fabs(o.pay[j] - want) > 1e-9)
                    fail_msg("%d parties%s: party %d paid %.17g, expected %.17g", n, with_behaviour ? " (behaviour)" : "", j,
                             o.pay[j], want);
            }
            free(c);
            pl_agreement_free(a);
        }
}

static void bad_keys_are_errors_with_positions(void **state)
{
    (void)state;
    static const char head[] = "kind: agreement\nstart: 2000-01\nhorizon: 6\n"
                               "parties:\n  - {id: A}\n  - {id: B}\nverifiers:\n  - {id: V}\nsteps:\n";
    struct {
        const char *body, *want;
    } cases[] = {
        {"  - {id: X, actor: A, verification: V, covert: {p_detect: 0.1}}\n", "bad.yaml:10:48: step 'X' is 'covert' but not reversible"},
        {"  - {id: X, actor: A, reversible: true, covert: {p_detect: 0.1}}\n", "bad.yaml:10:49: step 'X' is 'covert' but has no verifier"},
        {"  - {id: X, actor: A, reversible: true, verification: V, covert: {p_detect: 0}}\n", "bad.yaml:10:77: step 'X': 'p_detect' must be above 0"},
        {"  - {id: X, actor: A, reversible: true, verification: V, covert: {p_detect: 2}}\n", "bad.yaml:10:77: 'p_detect' must be between 0 and 1"},
        {"  - {id: X, actor: A, reversible: true, verification: V, covert: 0.1}\n", "bad.yaml:10:66: 'covert' (a map with 'p_detect'"},
        {"  - {id: X, actor: A}\nshocks:\n  - {id: s, p: 0.1, read_as_breach: {A: [X]}}\n", "bad.yaml:12:41: 'read_as_breach': party 'A' reads its own step 'X'"},
        {"  - {id: X, actor: A}\nshocks:\n  - {id: s, p: 0.1, read_as_breach: {C: [X]}}\n", "bad.yaml:12:38: 'read_as_breach': unknown party 'C'"},
        {"  - {id: X, actor: A}\nshocks:\n  - {id: s, p: 0.1, flows: {Y: {A: 1}}}\n", "bad.yaml:12:29: 'flows': unknown step 'Y'"},
        {"  - {id: X, actor: A}\nshocks:\n  - {id: s, p: 0.1, flows: {X: {A: much}}}\n", "bad.yaml:12:36: 'flows' must be a number"},
        {"  - {id: X, actor: A, paid: monthly}\n", "bad.yaml:10:29: 'paid' must be 'once' (the cost at the start, the values at completion) or 'as_delivered'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s", head, cases[i].body);
        pl_error err;
        if (!ag_load_error(text, &err)) fail_msg("case %zu loaded", i);
        if (!strstr(err.msg, cases[i].want)) fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_delay_from_the_cut_points_is_the_logarithms),
        cmocka_unit_test(a_covert_breach_is_seen_only_when_found),
        cmocka_unit_test(an_ambiguous_event_is_a_breach_to_one_party_only),
        cmocka_unit_test(a_shock_changes_what_a_step_pays),
        cmocka_unit_test(a_found_covert_breach_is_bayes_evidence),
        cmocka_unit_test(an_opportunist_answers_a_shock_that_changes_a_flow),
        cmocka_unit_test(a_delivery_paid_as_delivered_pays_its_shares_as_it_goes),
        cmocka_unit_test(every_party_is_paid_whatever_their_number),
        cmocka_unit_test(bad_keys_are_errors_with_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
