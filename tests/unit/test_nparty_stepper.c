// SPDX-License-Identifier: MIT
/* test_nparty_stepper.c — a seat stepped by hand plays the same N-party match as the simulator.
 *
 * The proof: for every profile and every party of the shipped N-party scenarios, play
 * the match pl_nmatch_play plays for run r of `parley run` (stream (seed, r, 0), the
 * record and the opening forced), then step the same match with that party's moves
 * given from outside, each the one its own policy chose in the simulation.  Every
 * action, every payoff and every score must be equal, noise and observation noise
 * included; and run 0 must be the run `parley run` keeps as its sample. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "nparty/nparty_model.h"

static void check_scenario(const char *path)
{
    pl_error err;
    pl_ydoc *doc;
    assert_int_equal(pl_ydoc_load(&doc, path, &err), 0);
    np_model m;
    if (np_model_load(doc, &m, &err)) fail_msg("%s: %s", path, err.msg);
    const int n = m.n, T = m.rec_turns + m.periods;
    long steps = 0;
    for (int k = 0; k < m.n_profiles; k++) {
        int ft;
        int *forced = np_forced_actions(&m, k, -1, &ft);
        assert_non_null(forced);
        /* run 0 as `parley run` plays it (its sample) */
        np_profile_result res;
        memset(&res, 0, sizeof res);
        np_model m1 = m;
        m1.runs = 64;
        m1.shock_party = -1;
        pl_run_options opt = {.threads = 1};
        uint64_t done = 0;
        assert_int_equal(np_run_profile(&m1, k, &opt, &res, &done, 0, &err), 0);
        for (long r = 0; r < 3; r++) {
            pl_nmatch_config cfg;
            pl_nmatch_config_default(&cfg);
            cfg.turns = T;
            cfg.noise = m.noise;
            cfg.obs_noise = m.obs_noise;
            cfg.obs_delay = m.obs_delay;
            cfg.forced = forced;
            cfg.forced_turns = ft;
            cfg.seed = m.seed;
            cfg.stream_a = (uint64_t)r;
            pl_nmatch_result *want;
            assert_int_equal(pl_nmatch_play(m.game, m.profile[k].players, &cfg, &want, &err), 0);
            if (r == 0)
                for (int t = 0; t < T; t++)
                    for (int i = 0; i < n; i++)
                        assert_int_equal(pl_nmatch_result_action(want, i, t), res.sample[(size_t)t * n + i]);
            for (int seat = 0; seat < n; seat++) {
                pl_nmatch_stepper *st;
                assert_int_equal(pl_nmatch_stepper_create(&st, m.game, m.profile[k].players, &cfg, seat, &err), 0);
                assert_int_equal(pl_nmatch_stepper_length(st), T);
                for (int t = 0; t < T; t++) {
                    assert_false(pl_nmatch_stepper_done(st));
                    assert_int_equal(pl_nmatch_stepper_step(st, pl_nmatch_result_intent(want, seat, t), &err), 0);
                    steps++;
                    for (int i = 0; i < n; i++) {
                        if (pl_nmatch_stepper_action(st, i, t) != pl_nmatch_result_action(want, i, t))
                            fail_msg("%s profile %s run %ld seat %d: party %d's action at turn %d differs", path,
                                     m.profile[k].id, r, seat, i, t);
                        assert_int_equal(pl_nmatch_stepper_intent(st, i, t), pl_nmatch_result_intent(want, i, t));
                        assert_int_equal(pl_nmatch_stepper_cooperated(st, i, t), pl_nmatch_result_cooperated(want, i, t));
                    }
                }
                assert_true(pl_nmatch_stepper_done(st));
                for (int i = 0; i < n; i++)
                    assert_true(pl_nmatch_stepper_score(st, i) == pl_nmatch_result_score(want, i)); /* exact */
                pl_error e2;
                assert_int_equal(pl_nmatch_stepper_step(st, 0, &e2), PL_EINVAL);
                pl_nmatch_stepper_free(st);
            }
            pl_nmatch_result_free(want);
        }
        free(res.coop_t);
        free(res.sample);
        free(forced);
    }
    assert_true(steps > 0);
    np_model_free(&m);
    pl_ydoc_free(doc);
}

static void drills_and_launches_stepped_equals_simulated(void **state)
{
    (void)state;
    check_scenario("scenarios/korea/drills-and-launches.yaml");
}

static void public_goods_stepped_equals_simulated(void **state)
{
    (void)state;
    check_scenario("scenarios/games/public-goods.yaml");
}

/* A person's move is theirs: the seat plays it, noise aside, whatever its policy wanted;
 * and a move outside the party's actions is refused. */
static void the_seat_plays_the_given_action(void **state)
{
    (void)state;
    pl_error err;
    pl_ngame *g;
    assert_int_equal(pl_ngame_create_pd(&g, 3, 3, 0, 5, 1, &err), 0);
    pl_nplayer *p[3];
    for (int i = 0; i < 3; i++) assert_int_equal(pl_nplayer_create(&p[i], "cooperator", &err), 0);
    pl_nmatch_config cfg;
    pl_nmatch_config_default(&cfg);
    cfg.turns = 4;
    pl_nmatch_stepper *st;
    assert_int_equal(pl_nmatch_stepper_create(&st, g, p, &cfg, 1, &err), 0);
    assert_int_equal(pl_nmatch_stepper_step(st, 1, &err), 0);
    assert_int_equal(pl_nmatch_stepper_action(st, 1, 0), 1);
    assert_int_equal(pl_nmatch_stepper_action(st, 0, 0), 0);
    assert_true(pl_nmatch_stepper_payoff(st, 1, 0) == 5);
    assert_int_equal(pl_nmatch_stepper_step(st, -1, &err), 0); /* its own policy */
    assert_int_equal(pl_nmatch_stepper_action(st, 1, 1), 0);
    assert_int_equal(pl_nmatch_stepper_step(st, 2, &err), PL_EINVAL);
    assert_int_equal(pl_nmatch_stepper_turn(st), 2);
    pl_nmatch_stepper_free(st);
    assert_int_equal(pl_nmatch_stepper_create(&st, g, p, &cfg, 3, &err), PL_EINVAL);
    pl_ngame *pw;
    pl_game pd;
    pl_game_default(&pd);
    assert_int_equal(pl_ngame_create_pairwise(&pw, 3, &pd, &err), 0);
    assert_int_equal(pl_nmatch_stepper_create(&st, pw, p, &cfg, 0, &err), PL_EINVAL);
    pl_ngame_free(pw);
    for (int i = 0; i < 3; i++) pl_nplayer_free(p[i]);
    pl_ngame_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(drills_and_launches_stepped_equals_simulated),
        cmocka_unit_test(public_goods_stepped_equals_simulated),
        cmocka_unit_test(the_seat_plays_the_given_action),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
