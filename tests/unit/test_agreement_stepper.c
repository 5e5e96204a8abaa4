// SPDX-License-Identifier: MIT
/* test_agreement_stepper.c — a party stepped by hand plays the simulator's run.
 *
 * The proof: for every shipped agreement, every variant, every party and many runs,
 * step the run period by period with the party's moves given from outside, each the
 * move its policy would make (pl_agreement_stepper_policy_move, then
 * pl_agreement_stepper_step: the path a person's moves take), and compare with
 * pl_ag_run, the simulator's run on the same draws, with the party's policy set to the
 * same reference: payoffs (exactly), completion, first reversal, what holds.  And with
 * the party's drawn policy deciding (pl_agreement_stepper_step_policy), every run must be
 * the simulator's own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_policy.h"

static const char *const scenarios[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/agreed-framework-1994.yaml",
                                        "scenarios/korea/singapore-2018.yaml", "scenarios/korea/russia-china-roadmap.yaml",
                                        "scenarios/korea/joint-statement-2005.yaml", "scenarios/korea/leap-day-2012.yaml",
                                        "scenarios/korea/unsc-resolutions.yaml"};

/* Steps the run to its end: by hand with the reference policy's moves, or by the policy itself. */
static void play_out(pl_agreement_stepper *st, int by_hand)
{
    pl_error err;
    while (!pl_agreement_stepper_done(st)) {
        if (pl_agreement_stepper_at_rest(st)) {
            uint64_t s, r;
            pl_agreement_stepper_policy_move(st, &s, &r);
            if (!s && !r) { /* the policy would wait: the simulator jumps to the next choice, or stops */
                assert_int_equal(pl_agreement_stepper_skip(st, &err), 0);
                continue;
            }
        }
        if (by_hand) {
            uint64_t s, r;
            pl_agreement_stepper_policy_move(st, &s, &r);
            if (pl_agreement_stepper_step(st, s, r, &err)) fail_msg("%s", err.msg);
        } else
            assert_int_equal(pl_agreement_stepper_step_policy(st, &err), 0);
    }
}

static void same_outcome(const pl_agreement *a, pl_agreement_stepper *st, const pl_ag_outcome *o, const char *what)
{
    for (int p = 0; p < a->n_parties; p++)
        if (pl_agreement_stepper_payoff(st, p) != o->pay[p])
            fail_msg("%s: payoff of %s %.17g, simulator %.17g", what, a->party[p].id, pl_agreement_stepper_payoff(st, p),
                     o->pay[p]);
    assert_int_equal(pl_agreement_stepper_completed(st), o->complete_t);
    assert_int_equal(pl_agreement_stepper_holds(st), o->holds_end);
    int s, p, t;
    pl_agreement_stepper_first_reversal(st, &s, &p, &t);
    assert_int_equal(s, o->first_rev_step);
    assert_int_equal(p, o->first_rev_party);
    assert_int_equal(t, o->first_rev_t);
    for (int k = 0; k < a->n_steps; k++) {
        pl_agreement_step_status x = pl_agreement_stepper_status(st, k);
        int in_force = x == PL_AGS_DONE || x == PL_AGS_VERIFIED || x == PL_AGS_BREACH;
        /* the stepper shows the public picture: a step withdrawn in secret and never found out is in force there */
        assert_int_equal(in_force, (int)((o->in_force_end | o->covert_end) >> k & 1));
    }
}

static void stepped_runs_equal_simulated_runs(void **state)
{
    (void)state;
    long compared = 0, moved = 0;
    for (size_t f = 0; f < sizeof scenarios / sizeof *scenarios; f++) {
        pl_error err;
        pl_agreement *a;
        if (pl_agreement_load(&a, scenarios[f], &err)) fail_msg("%s", err.msg);
        int nv = a->n_variants > 0 ? a->n_variants : 1;
        for (int v = 0; v < nv; v++) {
            pl_ag_compiled c0;
            pl_ag_compile(a, a->n_variants > 0 ? v : -1, &c0);
            for (int party = 0; party < a->n_parties; party++)
                for (uint64_t run = 0; run < 40; run++) {
                    pl_ag_compiled c = c0;
                    c.exact[party] = 1; /* the stepped party does not tremble */
                    pl_ag_draws d;
                    pl_ag_outcome o;
                    char what[200];
                    snprintf(what, sizeof what, "%s variant %d party %s run %llu", scenarios[f], v, a->party[party].id,
                             (unsigned long long)run);
                    /* the drawn policy deciding: the simulator's run itself */
                    pl_ag_draw(&c, 7, run, &d);
                    pl_ag_run(&c, &d, &o, NULL);
                    pl_agreement_stepper *st;
                    assert_int_equal(pl_agreement_stepper_create(&st, a, v, party, 7, run, NULL, &err), 0);
                    play_out(st, 0);
                    same_outcome(a, st, &o, what);
                    pl_agreement_stepper_free(st);
                    /* by hand, with the moves of a reciprocal policy */
                    pl_ag_compiled cr = c;
                    pl_ag_set_one_policy(&cr, party, PL_POL_RECIPROCAL);
                    pl_ag_run(&cr, &d, &o, NULL);
                    assert_int_equal(pl_agreement_stepper_create(&st, a, v, party, 7, run, "reciprocal", &err), 0);
                    assert_string_equal(pl_agreement_stepper_policy(st, party), "reciprocal");
                    play_out(st, 1);
                    same_outcome(a, st, &o, what);
                    moved += o.first_rev_step >= 0;
                    pl_agreement_stepper_free(st);
                    compared += 2;
                }
        }
        pl_agreement_free(a);
    }
    assert_true(compared > 1000);
    assert_true(moved > 0); /* reversals happened: the answers were exercised */
}

/* What a person may do: only its own steps, only when they can be; the events say what happened. */
static void moves_are_checked_and_events_reported(void **state)
{
    (void)state;
    pl_error err;
    pl_agreement *a;
    assert_int_equal(pl_agreement_load(&a, "scenarios/korea/six-party-2007.yaml", &err), 0);
    int us = pl_agreement_find_party(a, "US");
    assert_true(us >= 0);
    pl_agreement_stepper *st;
    assert_int_equal(pl_agreement_stepper_create(&st, a, -1, us, 1, 0, "reciprocal", &err), 0);
    uint64_t can = pl_agreement_stepper_can_start(st);
    assert_true(can != 0);
    for (int s = 0; s < a->n_steps; s++)
        if (can >> s & 1) assert_int_equal(pl_agreement_step_actor(a, s), us);
    uint64_t other = 0;
    for (int s = 0; s < a->n_steps; s++)
        if (pl_agreement_step_actor(a, s) != us) other |= (uint64_t)1 << s;
    assert_int_equal(pl_agreement_stepper_step(st, other & -other, 0, &err), PL_EINVAL);
    assert_int_equal(pl_agreement_stepper_step(st, 0, can & -can, &err), PL_EINVAL); /* not in force: cannot reverse */
    int first = __builtin_ctzll(can);
    assert_int_equal(pl_agreement_stepper_step(st, can & -can, 0, &err), 0);
    int seen = 0;
    for (int i = 0; i < pl_agreement_stepper_n_events(st); i++) {
        int kind, step, party, period;
        pl_agreement_stepper_event(st, i, &kind, &step, &party, &period);
        if (kind == PL_AGE_START && step == first && party == us && period == 0) seen = 1;
    }
    assert_true(seen);
    assert_int_equal(pl_agreement_stepper_period(st), 1);
    assert_int_equal(pl_agreement_stepper_wait_to_end(st, &err), 0);
    assert_true(pl_agreement_stepper_done(st));
    assert_int_equal(pl_agreement_stepper_step(st, 0, 0, &err), PL_EINVAL);
    pl_agreement_stepper_free(st);
    assert_int_equal(pl_agreement_stepper_create(&st, a, -1, us, 1, 0, "hold", &err), PL_EINVAL);
    assert_int_equal(pl_agreement_stepper_create(&st, a, -1, 99, 1, 0, NULL, &err), PL_EINVAL);
    pl_agreement_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stepped_runs_equal_simulated_runs),
        cmocka_unit_test(moves_are_checked_and_events_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
