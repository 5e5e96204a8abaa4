// SPDX-License-Identifier: MIT
/* test_agreement.c — the agreement model: validation, the policies' invariants
 * checked on every one of many seeded runs, determinism across threads, common
 * random numbers across variants, and the replay of the 2007-2009 record. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agreement/agreement.h"
#include "agreement/agreement_output.h"
#include "parley/testing.h"

static pl_agreement *load_text(const char *text, pl_error *err)
{
    pl_ydoc *d = NULL;
    pl_agreement *a = NULL;
    if (pl_ydoc_load_string(&d, "t.yaml", text, strlen(text), err)) return NULL;
    pl_agreement_from_doc(d, &a, err);
    pl_ydoc_free(d);
    return a;
}

#define HEAD "kind: agreement\nstart: 2020-01\nhorizon: 24\nparties:\n  - {id: A}\n  - {id: B}\n"

static void expect_error(const char *text, const char *where, const char *what)
{
    pl_error err = {0};
    pl_agreement *a = load_text(text, &err);
    if (a) {
        pl_agreement_free(a);
        fail_msg("accepted a malformed scenario; expected %s %s", where, what);
    }
    if (!strstr(err.msg, where) || !strstr(err.msg, what)) fail_msg("message '%s' lacks '%s' or '%s'", err.msg, where, what);
}

static void validation_names_file_line_column(void **state)
{
    (void)state;
    expect_error(HEAD "steps:\n  - {id: x, actor: C}\n", "t.yaml:8:", "unknown party 'C'");
    expect_error(HEAD "steps:\n  - {id: x, actor: A, requires: [y]}\n", "t.yaml:8:", "unknown step 'y'");
    expect_error(HEAD "steps:\n  - {id: x, actor: A, requires: [y]}\n  - {id: y, actor: B, requires: [x]}\n",
                 "t.yaml:9:", "makes a cycle: x requires y requires x");
    expect_error(HEAD "steps:\n  - {id: x, actor: A, quantity: -5}\n", "t.yaml:8:", "'quantity'");
    expect_error(HEAD "steps:\n  - {id: x, actor: A, duration: soon}\n", "t.yaml:8:", "'duration'");
    expect_error(HEAD "steps:\n  - {id: x, actor: A}\n  - {id: x, actor: B}\n", "t.yaml:9:", "duplicate step id 'x'");
    expect_error(HEAD "steps:\n  - {id: x, actor: A, verification: IAEA}\n", "t.yaml:8:", "verifier 'IAEA' is not defined");
    expect_error(HEAD "steps:\n  - {id: x, actor: A, not_before: 30}\n", "t.yaml:8:", "can never become due");
    expect_error(HEAD "steps:\n  - {id: x, actor: A, duration: 30}\n  - {id: y, actor: B, requires: [x]}\n",
                 "t.yaml:9:", "can never become due");
    expect_error(HEAD "steps:\n  - {id: x, actor: A, colour: red}\n", "t.yaml:8:", "unknown key 'colour'");
    expect_error(HEAD "steps:\n  - {id: x, actor: A}\nshocks:\n  - {id: s, p: 1.5}\n", "t.yaml:10:", "'p'");
    expect_error("kind: agreement\nstart: 2020-01\nhorizon: 24\nparties:\n  - id: A\n    policy:\n"
                 "      - {policy: grim, p: 0.5}\n      - {policy: hold, p: 0.4}\nsteps:\n  - {id: x, actor: A}\n",
                 "t.yaml:7:", "add up to 1");
    /* and a good one loads */
    pl_error err;
    pl_agreement *a = load_text(HEAD "steps:\n  - {id: x, actor: A}\n  - {id: y, actor: B, requires: [x]}\n", &err);
    assert_non_null(a);
    assert_int_equal(pl_agreement_n_steps(a), 2);
    pl_agreement_free(a);
}

/* ---- invariants ------------------------------------------------------------ */

/* A small agreement where every policy and every source of noise appears. */
static const char *const model =
    "kind: agreement\nstart: 2020-01\nhorizon: 40\n"
    "parties:\n"
    "  - id: A\n    policy:\n      - {policy: reciprocal, p: 0.3}\n      - {policy: grim, p: 0.2}\n"
    "      - {policy: opportunist, p: 0.2}\n      - {policy: all_first, p: 0.1, waits_for: [b1]}\n"
    "      - {policy: grit, p: 0.1}\n      - {policy: hold, p: 0.1, holds: [a2]}\n"
    "  - id: B\n    policy:\n      - {policy: reciprocal, p: 0.4}\n      - {policy: unconditional, p: 0.2}\n"
    "      - {policy: grim, p: 0.2}\n      - {policy: hold, p: 0.2, holds: [b1]}\n"
    "verifiers:\n  - {id: V, p_confirm: 0.5, p_false: 0.05, delay: 1}\n"
    "steps:\n"
    "  - {id: a1, actor: A, phase: one, duration: 2, cost: 1, value: 2, flow: {A: -0.5, B: 0.3}, reversible: true, "
    "verification: V}\n"
    "  - {id: b1, actor: B, phase: one, quantity: 100, duration: 4, requires: [a1], cost: 1, value: 3}\n"
    "  - {id: a2, actor: A, phase: two, requires: [b1], duration: 2, reversible: true, flow: {A: -0.2, B: 0.4}, "
    "verification: V}\n"
    "  - {id: b2, actor: B, phase: two, requires: [a2], reversible: true, flow: {A: 0.3}, value: 1}\n"
    "shocks:\n  - {id: s, p: 0.03, reverse: [a1], payoff: {A: -1}}\n";

#define MAXEV 4096
typedef struct tev {
    int t, kind, step, party;
    pl_bits verified;
} tev;
typedef struct tlog {
    int n;
    tev ev[MAXEV];
} tlog;

static void record(void *user, int t, int kind, int step, int party, pl_bits verified)
{
    tlog *l = user;
    if (l->n < MAXEV) l->ev[l->n++] = (tev){t, kind, step, party, verified};
}

static void invariants_hold_on_every_run(void **state)
{
    (void)state;
    pl_error err;
    pl_agreement *a = load_text(model, &err);
    if (!a) fail_msg("%s", err.msg);
    pl_ag_compiled *c = malloc(sizeof *c);
    pl_ag_compile(a, 0, c);
    tlog *lg = malloc(sizeof *lg);
    pl_ag_trace tr = {record, lg};
    int runs = 20000, starts_checked = 0, holds_checked = 0, reversals = 0;
    for (int run = 0; run < runs; run++) {
        pl_ag_draws d;
        pl_ag_outcome o;
        pl_ag_draw(c, 7, (uint64_t)run, &d);
        lg->n = 0;
        pl_ag_run(c, &d, &o, &tr);
        pl_bits completed = 0;
        for (int i = 0; i < lg->n; i++) {
            tev *e = &lg->ev[i];
            if (e->kind == PL_TR_COMPLETE) completed |= PL_BIT(e->step);
            if (e->kind == PL_TR_REVERSE) {
                reversals++;
                /* an irreversible step never reverts once complete */
                if (!(c->reversible & PL_BIT(e->step)) && (completed & PL_BIT(e->step)))
                    fail_msg("run %d: irreversible step %d reverted at %d", run, e->step, e->t);
            }
            if (e->kind == PL_TR_START) {
                int p = c->actor[e->step];
                const pl_ag_copt *op = &c->opt[p][o.type[p]];
                if (op->kind == PL_POL_UNCONDITIONAL) continue;
                if (op->kind == PL_POL_GRIT && (op->steps & PL_BIT(e->step))) continue;
                /* no step starts before what its policy waits for is verified */
                if (c->req[e->step] & ~e->verified)
                    fail_msg("run %d: step %d started at %d before its requirements were verified", run, e->step, e->t);
                if (op->kind == PL_POL_ALL_FIRST && (op->steps & ~e->verified))
                    fail_msg("run %d: all_first step %d started before the awaited steps were verified", run, e->step);
                if (op->kind == PL_POL_HOLD && (op->steps & PL_BIT(e->step)))
                    fail_msg("run %d: held step %d was started", run, e->step);
                starts_checked++;
            }
        }
        /* quantities delivered never exceed what was promised */
        for (int s = 0; s < c->n_steps; s++)
            if (o.delivered[s] > c->quantity[s] + 1e-9) fail_msg("run %d: step %d over-delivered", run, s);
        /* a hold on a required step blocks what depends on it, unless an unconditional party acts */
        for (int p = 0; p < c->n_parties; p++) {
            const pl_ag_copt *op = &c->opt[p][o.type[p]];
            if (op->kind != PL_POL_HOLD) continue;
            for (pl_bits b = op->steps; b; b &= b - 1) {
                int held = __builtin_ctzll(b);
                for (pl_bits dd = c->dep_closure[held]; dd; dd &= dd - 1) {
                    int s = __builtin_ctzll(dd);
                    const pl_ag_copt *oa = &c->opt[c->actor[s]][o.type[c->actor[s]]];
                    if (oa->kind == PL_POL_UNCONDITIONAL || oa->kind == PL_POL_GRIT) continue;
                    if (o.ever_done & PL_BIT(s)) fail_msg("run %d: step %d done although %d was held", run, s, held);
                    holds_checked++;
                }
            }
        }
    }
    assert_true(starts_checked > 10000);
    assert_true(holds_checked > 1000);
    assert_true(reversals > 1000);
    free(lg);
    free(c);
    pl_agreement_free(a);
}

static void unconditional_parties_always_complete(void **state)
{
    (void)state;
    pl_error err;
    char *text = malloc(strlen(model) + 200);
    strcpy(text, model);
    strcat(text, "variants:\n  - id: both_unconditional\n    policies: {A: unconditional, B: unconditional}\n");
    pl_agreement *a = load_text(text, &err);
    free(text);
    if (!a) fail_msg("%s", err.msg);
    pl_agreement_sim_config cfg = {.runs = 5000, .seed = 3, .threads = 2};
    pl_agreement_result *r;
    assert_int_equal(pl_agreement_simulate(a, &cfg, &r, &err), 0);
    assert_int_equal(r->stats[0].completed, 5000);
    for (int s = 0; s < a->n_steps; s++) assert_int_equal(r->stats[0].step_done[s], 5000);
    pl_agreement_result_free(r);
    pl_agreement_free(a);
}

static void results_do_not_depend_on_threads(void **state)
{
    (void)state;
    pl_error err;
    pl_agreement *a = load_text(model, &err);
    if (!a) fail_msg("%s", err.msg);
    pl_agreement_result *r1, *r3;
    pl_agreement_sim_config c1 = {.runs = 10007, .seed = 11, .threads = 1}, c3 = c1;
    c3.threads = 3;
    assert_int_equal(pl_agreement_simulate(a, &c1, &r1, &err), 0);
    assert_int_equal(pl_agreement_simulate(a, &c3, &r3, &err), 0);
    const pl_ag_stats *x = &r1->stats[0], *y = &r3->stats[0];
    assert_int_equal(x->completed, y->completed);
    assert_int_equal(x->held, y->held);
    assert_memory_equal(x->pay_sum, y->pay_sum, sizeof x->pay_sum);
    assert_memory_equal(x->pay_spread, y->pay_spread, sizeof x->pay_spread);
    assert_memory_equal(x->step_done, y->step_done, sizeof x->step_done);
    assert_memory_equal(x->time_hist, y->time_hist, sizeof(uint64_t) * (size_t)a->horizon);
    pl_agreement_result_free(r1);
    pl_agreement_result_free(r3);
    pl_agreement_free(a);
}

static void variants_share_random_streams(void **state)
{
    (void)state;
    pl_error err;
    char *text = malloc(strlen(model) + 200);
    strcpy(text, model);
    strcat(text, "variants:\n  - id: as_written\n  - id: b_first\n    requires: {a1: [b1], b1: []}\n");
    pl_agreement *a = load_text(text, &err);
    free(text);
    if (!a) fail_msg("%s", err.msg);
    pl_ag_compiled *c = malloc(2 * sizeof *c);
    pl_ag_compile(a, 0, &c[0]);
    pl_ag_compile(a, 1, &c[1]);
    for (int run = 0; run < 200; run++) {
        pl_ag_draws d0, d1;
        pl_ag_outcome o0, o1;
        pl_ag_draw(&c[0], 5, (uint64_t)run, &d0);
        pl_ag_draw(&c[1], 5, (uint64_t)run, &d1);
        assert_memory_equal(d0.u_type, d1.u_type, sizeof(double) * (size_t)a->n_parties);
        assert_memory_equal(d0.u_verify, d1.u_verify, sizeof(double) * (size_t)a->n_steps);
        assert_int_equal(d0.n_occ, d1.n_occ);
        pl_ag_run(&c[0], &d0, &o0, NULL);
        pl_ag_run(&c[1], &d1, &o1, NULL);
        assert_memory_equal(o0.type, o1.type, sizeof(int) * (size_t)a->n_parties); /* same policy types in both variants */
    }
    free(c);
    pl_agreement_free(a);
}

/* The simulator plays a block's runs in the order of the types they draw (pl_ag_order_by_types): the
 * order is a permutation, sorted by the types (party 0's first) and stable, each run's types those its
 * run draws; and what the simulator sums (doubles, whose sum depends on the order) is the sum in the
 * order of the runs, block by block, as a plain loop over the runs makes it. */
static void runs_are_played_in_the_order_of_their_types(void **state)
{
    (void)state;
    pl_error err;
    pl_agreement *a;
    if (pl_agreement_load(&a, "scenarios/korea/six-party-2007.yaml", &err)) fail_msg("%s", err.msg);
    pl_ag_compiled *c = malloc(sizeof *c);
    pl_ag_compile(a, 0, c);
    pl_ag_run_order *o = malloc(sizeof *o);
    const int P = a->n_parties;
    const int sizes[] = {PL_AG_ORDER_MAX, 1000, 1};
    int distinct = 0;
    for (int z = 0; z < 3; z++) {
        const int n = sizes[z];
        const uint64_t first = 4113;
        pl_ag_order_by_types(c, 7, first, n, o);
        char *seen = calloc((size_t)n, 1);
        for (int i = 0; i < n; i++) {
            const int r = o->run[i];
            assert_true(r >= 0 && r < n && !seen[r]);
            seen[r] = 1;
            if (i) {
                const int q = o->run[i - 1], cmp = memcmp(o->type[q], o->type[r], (size_t)P);
                assert_true(cmp < 0 || (cmp == 0 && q < r)); /* by the types, then by the run */
                distinct += cmp != 0 && z == 0;
            }
            if (r % 17 == 0) { /* the types the run itself draws */
                pl_ag_draws d;
                pl_ag_outcome out;
                pl_ag_draw(c, 7, first + (uint64_t)r, &d);
                pl_ag_completion_of(c, &d, &out);
                for (int p = 0; p < P; p++) assert_int_equal(o->type[r][p], out.type[p]);
            }
        }
        free(seen);
    }
    assert_true(distinct >= 4); /* the file's parties have types enough to order by */

    /* the simulator's sums: block by block, each in the order of its runs */
    const uint64_t runs = 2 * 2048 + 300;
    pl_agreement_sim_config cfg = {.runs = runs, .seed = 3, .threads = 1};
    pl_agreement_result *r;
    assert_int_equal(pl_agreement_simulate(a, &cfg, &r, &err), 0);
    for (int v = 0; v < r->n_variants; v++) {
        pl_ag_compile(a, v, c);
        double total[PL_AG_MAX_PARTIES] = {0};
        uint64_t completed = 0;
        for (uint64_t lo = 0; lo < runs; lo += 2048) {
            double block[PL_AG_MAX_PARTIES] = {0};
            for (uint64_t run = lo; run < runs && run < lo + 2048; run++) {
                pl_ag_draws d;
                pl_ag_outcome out;
                pl_ag_draw(c, 3, run, &d);
                pl_ag_run(c, &d, &out, NULL);
                completed += out.complete_t >= 0;
                for (int p = 0; p < P; p++) block[p] += out.pay[p];
            }
            for (int p = 0; p < P; p++) total[p] += block[p];
        }
        assert_int_equal(r->stats[v].completed, completed);
        assert_memory_equal(r->stats[v].pay_sum, total, sizeof(double) * (size_t)P);
    }
    pl_agreement_result_free(r);
    /* the design search's screen and the incentive checks, played in that order too: a plain loop's counts
     * and sums (from run 100, across a stretch of 2,048) */
    pl_ag_compile(a, 0, c);
    pl_ag_tally t;
    uint64_t counted;
    pl_ag_tally_runs(c, 9, 100, 2500, &t);
    pl_ag_count_completions(c, 9, 100, 2500, &counted);
    double sum[PL_AG_MAX_PARTIES] = {0}, sq[PL_AG_MAX_PARTIES] = {0};
    uint64_t completed = 0, held = 0;
    for (uint64_t run = 100; run < 2600; run++) {
        pl_ag_draws d;
        pl_ag_outcome out;
        pl_ag_draw(c, 9, run, &d);
        pl_ag_run(c, &d, &out, NULL);
        completed += out.complete_t >= 0, held += out.holds_end != 0;
        for (int p = 0; p < P; p++) sum[p] += out.pay[p], sq[p] += out.pay[p] * out.pay[p];
    }
    assert_int_equal(t.runs, 2500);
    assert_int_equal(t.completed, completed);
    assert_int_equal(counted, completed);
    assert_int_equal(t.held, held);
    assert_memory_equal(t.pay_sum, sum, sizeof(double) * (size_t)P);
    assert_memory_equal(t.pay_sq, sq, sizeof(double) * (size_t)P);
    /* without the memory for the order (its first or its second allocation refused), the runs in their own
     * order: the same tallies */
    for (long fail = 1; fail <= 2; fail++) {
        pl_ag_tally u;
        uint64_t recounted;
        pl_alloc_fail_at(fail);
        pl_ag_tally_runs(c, 9, 100, 2500, &u);
        assert_true(pl_alloc_failures() > 0);
        pl_alloc_fail_at(1);
        pl_ag_count_completions(c, 9, 100, 2500, &recounted);
        assert_true(pl_alloc_failures() > 0);
        pl_alloc_fail_at(0);
        assert_memory_equal(&u, &t, sizeof t);
        assert_int_equal(recounted, completed);
    }
    free(o);
    free(c);
    pl_agreement_free(a);
}


/* ---- each policy's behaviour, on small deterministic agreements ---------- */

/* One run of variant 0; a shock with p: 1 and from = until happens exactly then. */
static void run_once(const char *text, pl_ag_outcome *o, tlog *lg)
{
    pl_error err;
    pl_agreement *a = load_text(text, &err);
    if (!a) fail_msg("%s", err.msg);
    pl_ag_compiled *c = malloc(sizeof *c);
    pl_ag_compile(a, 0, c);
    pl_ag_draws d;
    pl_ag_draw(c, 1, 0, &d);
    pl_ag_trace tr = {record, lg};
    lg->n = 0;
    pl_ag_run(c, &d, o, &tr);
    free(c);
    pl_agreement_free(a);
}

static int has_event(const tlog *lg, int kind, int step, int after)
{
    for (int i = 0; i < lg->n; i++)
        if (lg->ev[i].kind == kind && lg->ev[i].step == step && lg->ev[i].t >= after) return lg->ev[i].t;
    return -1;
}

#define PAIR(pa, pb, extra)                                                                                            \
    "kind: agreement\nstart: 2020-01\nhorizon: 20\nparties:\n  - {id: A, policy: " pa "}\n  - {id: B, policy: " pb  \
    "}\nsteps:\n  - {id: a1, actor: A, reversible: true, flow: {A: -0.5, B: 1}}\n"                                       \
    "  - {id: b1, actor: B, requires: [a1], reversible: true, flow: {A: 0.2}}\n" extra

static void reciprocal_answers_a_reversal_and_resumes(void **state)
{
    (void)state;
    tlog *lg = malloc(sizeof *lg);
    pl_ag_outcome o;
    run_once(PAIR("reciprocal", "reciprocal", "shocks:\n  - {id: s, p: 1, from: 5, until: 5, reverse: [a1]}\n"), &o, lg);
    assert_int_equal(has_event(lg, PL_TR_REVERSE, 1, 5), 5);   /* B answers the forced reversal at once */
    assert_true(has_event(lg, PL_TR_RESTART, 1, 6) >= 6);       /* and resumes once a1 is verified again */
    assert_true(o.holds_end);
    assert_int_equal(o.first_rev_party, 2);                    /* the shock reversed first */
    free(lg);
}

static void grim_never_forgives(void **state)
{
    (void)state;
    tlog *lg = malloc(sizeof *lg);
    pl_ag_outcome o;
    run_once(PAIR("reciprocal", "grim", "shocks:\n  - {id: s, p: 1, from: 5, until: 5, reverse: [a1]}\n"), &o, lg);
    assert_int_equal(has_event(lg, PL_TR_REVERSE, 1, 5), 5);
    assert_int_equal(has_event(lg, PL_TR_RESTART, 1, 0), -1);
    assert_false(o.holds_end);
    assert_int_equal(o.break_step, 1);
    free(lg);
}

static void opportunist_reverses_when_it_pays(void **state)
{
    (void)state;
    tlog *lg = malloc(sizeof *lg);
    pl_ag_outcome o;
    /* b1 irreversible: once it is delivered, keeping a1 only costs A */
    run_once("kind: agreement\nstart: 2020-01\nhorizon: 20\nparties:\n  - {id: A, policy: opportunist}\n  - {id: B}\n"
             "steps:\n  - {id: a1, actor: A, reversible: true, flow: {A: -0.5, B: 1}}\n"
             "  - {id: b1, actor: B, requires: [a1], value: {A: 3}}\n",
             &o, lg);
    assert_true(has_event(lg, PL_TR_COMPLETE, 1, 0) >= 0);
    assert_true(has_event(lg, PL_TR_REVERSE, 0, 0) > has_event(lg, PL_TR_COMPLETE, 1, 0));
    assert_int_equal(o.first_rev_party, 0);
    assert_false(o.holds_end);
    /* b1 reversible with a flow worth more to A than a1 costs it: A keeps a1 */
    run_once(PAIR("opportunist", "reciprocal", ""), &o, lg); /* b1's flow to A (0.2) < what a1 costs (0.5) */
    assert_int_equal(o.first_rev_party, 0);
    run_once("kind: agreement\nstart: 2020-01\nhorizon: 20\nparties:\n  - {id: A, policy: opportunist}\n  - {id: B}\n"
             "steps:\n  - {id: a1, actor: A, reversible: true, flow: {A: -0.5, B: 1}}\n"
             "  - {id: b1, actor: B, requires: [a1], reversible: true, flow: {A: 1}}\n",
             &o, lg);
    assert_int_equal(o.first_rev_step, -1);
    assert_true(o.holds_end);
    free(lg);
}

static void all_first_and_hold_block(void **state)
{
    (void)state;
    tlog *lg = malloc(sizeof *lg);
    pl_ag_outcome o;
    /* A waits for b1, b1 waits for a1: nothing ever starts; a1 is the hold-out */
    run_once(PAIR("{policy: all_first, waits_for: [b1]}", "reciprocal", ""), &o, lg);
    assert_int_equal(o.ever_done, 0);
    assert_int_equal(o.break_step, 0);
    /* with gates, only the gated steps wait */
    run_once("kind: agreement\nstart: 2020-01\nhorizon: 20\nparties:\n"
             "  - {id: A, policy: {policy: all_first, waits_for: [b1], gates: [a2]}}\n  - {id: B}\n"
             "steps:\n  - {id: a1, actor: A}\n  - {id: b1, actor: B, requires: [a1]}\n  - {id: a2, actor: A}\n",
             &o, lg);
    assert_true(has_event(lg, PL_TR_START, 2, 0) >= has_event(lg, PL_TR_VERIFY, 1, 0)); /* seen at the start of a period, acted on in it */
    assert_true(o.holds_end);
    /* B holds b1: a reciprocal A never does a2, which requires it; an unconditional A does */
    const char *held = "kind: agreement\nstart: 2020-01\nhorizon: 20\nparties:\n  - {id: A, policy: %s}\n"
                       "  - {id: B, policy: {policy: hold, holds: [b1]}}\nsteps:\n  - {id: a1, actor: A}\n"
                       "  - {id: b1, actor: B, requires: [a1]}\n  - {id: a2, actor: A, requires: [b1]}\n";
    char text[600];
    snprintf(text, sizeof text, held, "reciprocal");
    run_once(text, &o, lg);
    assert_int_equal(o.ever_done, PL_BIT(0));
    assert_int_equal(o.break_step, 1);
    snprintf(text, sizeof text, held, "unconditional");
    run_once(text, &o, lg);
    assert_int_equal(o.ever_done, PL_BIT(0) | PL_BIT(2));
    free(lg);
}

static void grit_starts_its_initiatives_alone(void **state)
{
    (void)state;
    tlog *lg = malloc(sizeof *lg);
    pl_ag_outcome o;
    /* a1 waits for b1 as written; a grit A starts it anyway, then reciprocates with a2 */
    run_once("kind: agreement\nstart: 2020-01\nhorizon: 20\nparties:\n"
             "  - {id: A, policy: {policy: grit, initiatives: [a1]}}\n  - {id: B}\n"
             "steps:\n  - {id: a1, actor: A, requires: [b1]}\n  - {id: b1, actor: B}\n"
             "  - {id: a2, actor: A, requires: [b2]}\n  - {id: b2, actor: B, requires: [a1]}\n",
             &o, lg);
    assert_int_equal(has_event(lg, PL_TR_START, 0, 0), 0);
    assert_true(has_event(lg, PL_TR_START, 2, 0) >= has_event(lg, PL_TR_VERIFY, 3, 0));
    assert_true(o.holds_end);
    free(lg);
}

/* ---- the 2007-2009 record ------------------------------------------------ */

static void replay_reproduces_the_record(void **state)
{
    (void)state;
    pl_error err;
    pl_agreement *a;
    if (pl_agreement_load(&a, "scenarios/korea/six-party-2007.yaml", &err)) fail_msg("%s", err.msg);
    pl_agreement_ledger *l;
    assert_int_equal(pl_agreement_replay(a, &l, &err), 0);
    int shut = pl_agreement_find_step(a, "IA-DP-1"), decl = pl_agreement_find_step(a, "SP-DP-2");
    int sst = pl_agreement_find_step(a, "SP-US-SST"), dis = pl_agreement_find_step(a, "SP-DP-1");
    int iaea = pl_agreement_find_step(a, "IA-DP-2"), twea = pl_agreement_find_step(a, "SP-US-TWEA");
    /* Yongbyon shut 2007-07-14, confirmed 2007-07-18 [C11][D7][D8]: three months past the 60-day deadline */
    assert_string_equal(l->step[shut].completed_date, "2007-07-14");
    assert_string_equal(l->step[shut].verified_date, "2007-07-18");
    assert_int_equal(l->step[shut].late_by, 3);
    /* declaration 2008-06-26, six months late [F11] */
    assert_string_equal(l->step[decl].completed_date, "2008-06-26");
    assert_int_equal(l->step[decl].late_by, 6);
    /* TWEA ends 2008-06-27, delisting 2008-10-11 [F13][F24] */
    assert_string_equal(l->step[twea].completed_date, "2008-06-27");
    assert_string_equal(l->step[sst].completed_date, "2008-10-11");
    /* heavy fuel oil delivered by the end: 50,000 + 50,000 + 200,000 + 200,000 = 500,000 t [F30][D12] */
    double hfo = 0;
    for (int s = 0; s < a->n_steps; s++)
        if (a->step[s].unit && !strcmp(a->step[s].unit, "t HFO")) hfo += pl_agreement_ledger_delivered(l, s);
    assert_true(fabs(hfo - 500000) < 1e-6);
    /* how it broke down: disablement halted 2008-08-14 first [F20], never completed [F16];
     * inspectors out 2009-04-15 [F37], reprocessing restarted [F40] */
    assert_int_equal(l->first_rev_step, dis);
    assert_string_equal(l->first_rev_date, "2008-08-14");
    assert_string_equal(a->party[l->first_rev_party].id, "DPRK");
    assert_int_equal(l->step[dis].completed, -1);
    assert_string_equal(l->step[dis].restored_date, "2008-10-12");
    assert_true(l->reversed_end & PL_BIT(iaea));
    assert_true(l->reversed_end & PL_BIT(shut));
    assert_true(l->reversed_end & PL_BIT(dis));
    /* inspectors barred 2008-10-09 [F22], back from 2008-10-12 [F24], out for good 2009-04-15 [F37] */
    assert_string_equal(l->step[iaea].reversed_date, "2008-10-09");
    assert_string_equal(l->step[iaea].restored_date, "2008-10-12");
    assert_int_equal(l->step[iaea].n_reversals, 2);
    pl_agreement_ledger_free(l);
    pl_agreement_free(a);
}

static void calendar_maps_dates_to_periods(void **state)
{
    (void)state;
    pl_agreement a;
    memset(&a, 0, sizeof a);
    a.start_y = 2007, a.start_m = 2, a.start_d = 13, a.unit = PL_PER_MONTH;
    assert_int_equal(pl_ag_period_of(&a, 2007, 4, 14), 2);   /* the 60-day deadline */
    assert_int_equal(pl_ag_period_of(&a, 2007, 7, 14), 5);   /* shutdown: three months late */
    assert_int_equal(pl_ag_period_of(&a, 2009, 4, 15), 26);
    a.unit = PL_PER_DAY;
    assert_int_equal(pl_ag_period_of(&a, 2007, 4, 14), 60);  /* "60 days" from 2007-02-13 */
    a.unit = PL_PER_WEEK;
    assert_int_equal(pl_ag_period_of(&a, 2007, 3, 15), 4);
    a.unit = PL_PER_QUARTER;
    assert_int_equal(pl_ag_period_of(&a, 2008, 2, 1), 4);
    char buf[16];
    a.unit = PL_PER_MONTH;
    pl_ag_period_label(&a, 11, buf, sizeof buf);
    assert_string_equal(buf, "2008-01");
    a.unit = PL_PER_DAY;
    pl_ag_period_label(&a, 60, buf, sizeof buf);
    assert_string_equal(buf, "2007-04-14");
    int y, m, d;
    assert_int_equal(pl_ag_parse_date("2008-02-29", &y, &m, &d), 0);
    assert_int_not_equal(pl_ag_parse_date("2007-02-29", &y, &m, &d), 0);
    assert_int_not_equal(pl_ag_parse_date("2007-13", &y, &m, &d), 0);
    assert_int_not_equal(pl_ag_parse_date("2007-1-5x", &y, &m, &d), 0);
    assert_int_equal(pl_ag_parse_date("2007-10", &y, &m, &d), 0);
    assert_int_equal(d, 1);
}

static void replay_of_the_agreed_framework(void **state)
{
    (void)state;
    pl_error err;
    pl_agreement *a;
    if (pl_agreement_load(&a, "scenarios/korea/agreed-framework-1994.yaml", &err)) fail_msg("%s", err.msg);
    pl_agreement_ledger *l;
    assert_int_equal(pl_agreement_replay(a, &l, &err), 0);
    int freeze = pl_agreement_find_step(a, "AF-DP-1"), hfo = pl_agreement_find_step(a, "AF-US-2");
    int decl = pl_agreement_find_step(a, "AF-DP-5");
    /* the enrichment programme found out 2002-10-16 [A7][A14] (read as a covert breach of AF-DP-5),
     * then HFO suspended 2002-11-14 [A9], then the freeze undone 2002-12-27 [A8] */
    assert_int_equal(l->first_rev_step, decl);
    assert_string_equal(l->first_rev_date, "2002-10-16");
    assert_string_equal(l->step[hfo].reversed_date, "2002-11-14");
    assert_string_equal(l->step[freeze].reversed_date, "2002-12-27");
    assert_int_equal(l->step[freeze].late_by, 0);                   /* in place within the month [A6][A13] */
    assert_true(fabs(l->step[hfo].delivered - 1900000) < 1e-6);      /* 1.9 million t recorded by 1999-07-31 [A5] */
    assert_true(l->reversed_end & PL_BIT(freeze));
    pl_agreement_ledger_free(l);
    pl_agreement_free(a);
}

/* The replay's three states: a step with no record is unknown, never 0; a delivery under way
 * between dated tranches is unknown; a dated start settles the time before it; an offer is never
 * charged; a starting deadline is late by its start; a rate accrues; value is kept by pair. */
static void replay_keeps_three_states(void **state)
{
    (void)state;
    const char *path = "build/test_replay_states.yaml";
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("kind: agreement\nstart: 2020-01\nhorizon: 24\nparties:\n  - {id: A}\n  - {id: B}\nsteps:\n"
          "  - {id: silent, actor: A, deadline: 2020-02}\n"
          "  - {id: ship, actor: B, quantity: 100, duration: 6, start_by: 2020-02, value: {A: 2}}\n"
          "  - {id: offer, actor: A, agreed: false, deadline: 2020-01}\n"
          "  - {id: oil, actor: B, rate: 120, per: year, start_by: 2020-01, duration: 12}\n"
          "record:\n  events:\n"
          "    - {date: 2020-04-10, step: ship, event: started}\n"
          "    - {date: 2020-04-10, step: ship, event: delivered, quantity: 40}\n"
          "    - {date: 2020-09-01, step: ship, event: delivered, quantity: 60}\n"
          "    - {date: 2020-06-01, step: oil, event: delivered, quantity: 30}\n",
          f);
    fclose(f);
    pl_error err;
    pl_agreement *a;
    if (pl_agreement_load(&a, path, &err)) fail_msg("%s", err.msg);
    pl_agreement_ledger *l;
    assert_int_equal(pl_agreement_replay(a, &l, &err), 0);
    int silent = pl_agreement_find_step(a, "silent"), ship = pl_agreement_find_step(a, "ship");
    int offer = pl_agreement_find_step(a, "offer"), oil = pl_agreement_find_step(a, "oil");
    assert_int_equal(l->step[silent].state_end, PL_SS_UNKNOWN);  /* no record: unknown */
    assert_int_equal(l->step[offer].state_end, PL_SS_NOT_AGREED);
    assert_int_equal(l->step[ship].state_end, PL_SS_DONE);
    assert_int_equal(l->step[ship].late_by, 2);                   /* started 2020-04 against 2020-02 */
    assert_int_equal(l->step[ship].basis, PL_DUE_START_BY);
    assert_int_equal(l->step[oil].basis, PL_DUE_RATE);
    int P = a->n_parties;
    /* B in 2020-03: 'ship' not started by its starting deadline, on a dated start: known, 0 */
    assert_int_equal(l->n_due[2 * P + 1], 2);
    assert_true(l->fulfilment[2 * P + 1] == 0);
    /* B in 2020-05: 'ship' started and within its duration: not charged; 'oil' has no dated
     * tranche yet: unknown, so B's fulfilment is unknown, not 0 */
    assert_int_equal(l->n_due[4 * P + 1], 1);
    assert_int_equal(l->n_unknown[4 * P + 1], 1);
    assert_true(isnan(l->fulfilment[4 * P + 1]));
    /* B in 2020-06: 30 t of oil against 6 months at 10 t a month: half */
    assert_int_equal(l->n_unknown[5 * P + 1], 0);
    assert_true(fabs(l->fulfilment[5 * P + 1] - 0.5) < 1e-9);
    /* B in 2020-08: 'ship' due (started 2020-04, 6 months) and between tranches: unknown */
    assert_int_equal(l->n_due[7 * P + 1], 2);
    assert_int_equal(l->n_unknown[7 * P + 1], 2);
    /* A's fulfilment is never a number: its only charged step has no record */
    for (int t = 0; t < l->periods; t++) assert_true(isnan(l->fulfilment[t * P]));
    /* value by pair: B gave A the 2 points of 'ship' */
    assert_true(fabs(l->pair_given[1 * P + 0] - 2) < 1e-9);
    assert_true(l->pair_given[0 * P + 1] == 0);
    pl_agreement_ledger_free(l);
    pl_agreement_free(a);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(validation_names_file_line_column), cmocka_unit_test(invariants_hold_on_every_run),
        cmocka_unit_test(unconditional_parties_always_complete), cmocka_unit_test(results_do_not_depend_on_threads),
        cmocka_unit_test(variants_share_random_streams),
        cmocka_unit_test(runs_are_played_in_the_order_of_their_types), cmocka_unit_test(replay_reproduces_the_record),
        cmocka_unit_test(reciprocal_answers_a_reversal_and_resumes), cmocka_unit_test(grim_never_forgives),
        cmocka_unit_test(opportunist_reverses_when_it_pays), cmocka_unit_test(all_first_and_hold_block),
        cmocka_unit_test(grit_starts_its_initiatives_alone), cmocka_unit_test(calendar_maps_dates_to_periods),
        cmocka_unit_test(replay_of_the_agreed_framework), cmocka_unit_test(replay_keeps_three_states),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
