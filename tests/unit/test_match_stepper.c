// SPDX-License-Identifier: MIT
/* test_match_stepper.c — the stepper plays the same match as pl_match_play.
 *
 * The proof: drive party A of a stepper with a strategy's own move function (its
 * random draws taken from the stepper's stream, where pl_match_run takes them),
 * and every action and both scores must equal pl_match_play's for the same pair,
 * seed, noise and length.  Run over every pair of the registry, stochastic ones
 * included, with and without noise and with a probabilistic end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "twoparty/match_engine.h"
#include "strategies/registry.h"
#include "strategies/transformers.h"

/* Plays a against b through a stepper, A's moves chosen by a's move function.
 * Fails the test on the first difference from pl_match_play. */
static void step_like_play(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg)
{
    pl_error err;
    pl_match_result *want;
    assert_int_equal(pl_match_play(a, b, cfg, &want, &err), 0);

    pl_match_stepper *st;
    assert_int_equal(pl_match_stepper_create(&st, b, cfg, &err), 0);
    void *state = calloc(1, pl_strategy_state_need(a)); /* not the registry's largest: a mapping per pair under ASan */
    assert_non_null(state);
    if (a->def->init) a->def->init(state, &a->params);
    pl_view va = {.length = pl_match_stepper_length_known(st) ? pl_match_stepper_length(st) : -1,
                  .me = pl_match_stepper_history(st, 0),
                  .opp = pl_match_stepper_history(st, 1),
                  .game = pl_match_stepper_game(st),
                  .side = 0,
                  .rng = pl_match_stepper_rng(st)};
    int n = pl_match_result_turns(want);
    assert_int_equal(pl_match_stepper_length(st), n);
    for (int t = 0; t < n; t++) {
        assert_false(pl_match_stepper_done(st));
        assert_int_equal(pl_match_stepper_turn(st), t);
        va.turn = t;
        int x = a->def->move(state, &a->params, &va);
        int y;
        assert_int_equal(pl_match_stepper_step(st, x, &y, &err), 0);
        if (pl_match_stepper_action(st, 0, t) != pl_match_result_action(want, 0, t) ||
            y != pl_match_result_action(want, 1, t))
            fail_msg("%s vs %s (noise %g, prob_end %g, seed %llu): turn %d differs", pl_strategy_label(a),
                     pl_strategy_label(b), cfg->noise, cfg->prob_end, (unsigned long long)cfg->seed, t);
        assert_int_equal(pl_match_stepper_action(st, 1, t), y);
        /* a flip is exactly a difference between what was chosen and what was played */
        assert_int_equal(pl_match_stepper_flipped(st, 0, t), pl_match_stepper_action(st, 0, t) != x);
    }
    assert_true(pl_match_stepper_done(st));
    assert_true(pl_match_stepper_score(st, 0) == pl_match_result_score(want, 0));
    assert_true(pl_match_stepper_score(st, 1) == pl_match_result_score(want, 1));
    char *sa = malloc((size_t)n + 1), *sb = malloc((size_t)n + 1);
    assert_non_null(sa);
    assert_non_null(sb);
    pl_match_result_actions(want, 0, sa);
    pl_match_stepper_actions(st, 0, sb);
    assert_string_equal(sa, sb);
    free(sa);
    free(sb);
    if (a->def->release) a->def->release(state);
    free(state);
    pl_match_stepper_free(st);
    pl_match_result_free(want);
}

static pl_strategy *make(const char *spec)
{
    pl_strategy *s;
    pl_error err;
    if (pl_strategy_create(&s, spec, &err)) fail_msg("%s: %s", spec, err.msg);
    return s;
}

/* Every pair of the registry, under several configurations. */
static void stepping_every_pair_matches_play(void **unused)
{
    (void)unused;
    size_t n = pl_strategy_count();
    pl_strategy **all = calloc(n, sizeof *all);
    assert_non_null(all);
    for (size_t i = 0; i < n; i++) all[i] = make(pl_strategy_info_at(i)->id);
    pl_game g, frac, big;
    pl_game_pd(&g, 4, 0, 7, 1);
    /* payoffs whose sums are not exact in every order: pl_match_run replays the turns for its scores */
    pl_game_pd(&frac, 3.1, 0.3, 5.7, 1.1);
    /* integers beyond 2^20: the same replay (the popcount shortcut is only taken where it is exact) */
    pl_game_pd(&big, 3e9, 1, 5e9 + 1, 2);
    enum { NCFG = 6 };
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 40;                                     /* no noise */
    cfgs[1].turns = 60, cfgs[1].noise = 0.1, cfgs[1].seed = 7; /* noise */
    cfgs[2].turns = 50, cfgs[2].noise = 0.05, cfgs[2].game = &g, cfgs[2].seed = 11, cfgs[2].stream_a = 3;
    cfgs[3].turns = 0, cfgs[3].prob_end = 0.05, cfgs[3].noise = 0.02, cfgs[3].seed = 5; /* unknown length */
    cfgs[4].turns = 30, cfgs[4].noise = 0.05, cfgs[4].game = &frac, cfgs[4].seed = 13;
    cfgs[5].turns = 30, cfgs[5].noise = 0.05, cfgs[5].game = &big, cfgs[5].seed = 17;
    int stochastic_pairs = 0, refused = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            /* a Meta player runs a team of up to 217 strategies every turn: a spread of its
             * pairs (each Meta player against about a tenth of the registry, both sides) */
            if ((all[i]->def->release || all[j]->def->release) && (i + j) % 11 != 0) continue;
            stochastic_pairs += pl_strategy_is_stochastic(all[i]) || pl_strategy_is_stochastic(all[j]);
            for (int k = 0; k < NCFG; k++) {
                /* a zero-determinant player whose relation is impossible in this game is refused
                 * by both (checked just below), not played */
                if (pl_strategy_check_game(all[i], cfgs[k].game, NULL) || pl_strategy_check_game(all[j], cfgs[k].game, NULL)) {
                    refused++;
                    continue;
                }
                step_like_play(all[i], all[j], &cfgs[k]);
            }
        }
    assert_true(stochastic_pairs > 0); /* the proof covers strategies that draw */
    assert_true(refused < (int)(n * n)); /* the refusal is the exception */
    {
        /* both engines refuse such a pair with PL_EINVAL */
        pl_strategy *zd = NULL, *tft = NULL;
        assert_int_equal(pl_strategy_create(&zd, "zd_extort_4", NULL), PL_OK);
        assert_int_equal(pl_strategy_create(&tft, "tft", NULL), PL_OK);
        pl_error err;
        pl_match_result *r = NULL;
        pl_match_stepper *st = NULL;
        assert_int_equal(pl_match_play(zd, tft, &cfgs[5], &r, &err), PL_EINVAL);
        assert_int_equal(pl_match_stepper_create(&st, zd, &cfgs[5], &err), PL_EINVAL);
        assert_null(r);
        assert_null(st);
        pl_strategy_free(zd), pl_strategy_free(tft);
    }
    for (size_t i = 0; i < n; i++) pl_strategy_free(all[i]);
    free(all);
}

/* Named stochastic strategies with parameters, many seeds: the draws interleave right. */
static void stepping_stochastic_with_many_seeds(void **unused)
{
    (void)unused;
    const char *specs[] = {"gtft:p=0.3", "random:p=0.4", "stochastic_wsls", "memory_one:p_cc=0.9,p_cd=0.2,p_dc=0.7,p_dd=0.1",
                           "tft"};
    size_t ns = sizeof specs / sizeof *specs;
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < ns; j++) {
            pl_strategy *a = make(specs[i]), *b = make(specs[j]);
            for (uint64_t seed = 0; seed < 8; seed++) {
                pl_match_config cfg;
                pl_match_config_default(&cfg);
                cfg.turns = 100;
                cfg.noise = 0.08;
                cfg.seed = seed;
                step_like_play(a, b, &cfg);
            }
            pl_strategy_free(a);
            pl_strategy_free(b);
        }
}

static void stepper_rejects_misuse(void **unused)
{
    (void)unused;
    pl_error err;
    pl_match_stepper *st;
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.noise = 2;
    pl_strategy *tft = make("tft");
    assert_int_equal(pl_match_stepper_create(&st, tft, &cfg, &err), PL_EINVAL);
    assert_null(st);
    assert_non_null(strstr(err.msg, "noise"));
    cfg.noise = 0;
    cfg.turns = 2;
    assert_int_equal(pl_match_stepper_create(&st, tft, &cfg, &err), 0);
    pl_strategy_free(tft); /* the stepper keeps its own copy */
    assert_int_equal(pl_match_stepper_step(st, 7, NULL, &err), PL_EINVAL);
    assert_int_equal(pl_match_stepper_turn(st), 0);
    int y = -1;
    assert_int_equal(pl_match_stepper_step(st, PL_D, &y, &err), 0);
    assert_int_equal(y, PL_C);
    assert_int_equal(pl_match_stepper_step(st, PL_C, &y, &err), 0);
    assert_int_equal(y, PL_D);
    assert_true(pl_match_stepper_done(st));
    assert_int_equal(pl_match_stepper_step(st, PL_C, &y, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "over"));
    assert_true(pl_match_stepper_score(st, 0) == 5.0 + 0.0);
    assert_true(pl_match_stepper_score(st, 1) == 0.0 + 5.0);
    assert_int_equal(pl_match_stepper_cooperations(st, 0), 1);
    assert_int_equal(pl_match_stepper_cooperations(st, 1), 1);
    assert_string_equal(pl_strategy_get_info(pl_match_stepper_opponent(st))->id, "tft");
    pl_match_stepper_free(st);
    pl_match_stepper_free(NULL);
}

/* Noise 1 flips every action: the flags say so. */
static void stepper_reports_noise_flips(void **unused)
{
    (void)unused;
    pl_error err;
    pl_match_stepper *st;
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 3;
    cfg.noise = 1;
    pl_strategy *coop = make("cooperator");
    assert_int_equal(pl_match_stepper_create(&st, coop, &cfg, &err), 0);
    for (int t = 0; t < 3; t++) {
        int y;
        assert_int_equal(pl_match_stepper_step(st, PL_C, &y, &err), 0);
        assert_int_equal(y, PL_D);
        assert_int_equal(pl_match_stepper_action(st, 0, t), PL_D);
        assert_int_equal(pl_match_stepper_flipped(st, 0, t), 1);
        assert_int_equal(pl_match_stepper_flipped(st, 1, t), 1);
    }
    pl_match_stepper_free(st);
    pl_strategy_free(coop);
}

/* A long match grows the histories and the flip record past their first capacity. */
static void stepper_grows(void **unused)
{
    (void)unused;
    pl_error err;
    pl_match_stepper *st;
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 0;
    cfg.prob_end = 1e-9; /* practically endless; capped only by the draw */
    pl_strategy *tft = make("tft");
    assert_int_equal(pl_match_stepper_create(&st, tft, &cfg, &err), 0);
    assert_false(pl_match_stepper_length_known(st));
    int n = pl_match_stepper_length(st) < 5000 ? pl_match_stepper_length(st) : 5000;
    for (int t = 0; t < n; t++) assert_int_equal(pl_match_stepper_step(st, t % 2, NULL, &err), 0);
    for (int t = 1; t < n; t++) assert_int_equal(pl_match_stepper_action(st, 1, t), (t - 1) % 2);
    pl_match_stepper_free(st);
    pl_strategy_free(tft);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stepping_every_pair_matches_play),
        cmocka_unit_test(stepping_stochastic_with_many_seeds),
        cmocka_unit_test(stepper_rejects_misuse),
        cmocka_unit_test(stepper_reports_noise_flips),
        cmocka_unit_test(stepper_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
