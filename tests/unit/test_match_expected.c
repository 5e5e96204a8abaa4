// SPDX-License-Identifier: MIT
/* test_match_expected.c — the Markov chain of two memory-one players gives their expected scores.
 *
 * Checked three ways: against closed forms (two coins; tit for tat against a defector), against
 * the played match where nothing is random (every deterministic pair of tables, exactly), and
 * against the mean of many played matches where something is (noise, the strategies' own
 * probabilities, a probabilistic end: within five standard errors).  A player that is not a
 * memory-one table is refused with its name. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

static pl_strategy *make(const char *name)
{
    pl_strategy *s = NULL;
    pl_error err;
    if (pl_strategy_create(&s, name, &err)) fail_msg("%s: %s", name, err.msg);
    return s;
}

static void closed_forms(void **unused)
{
    (void)unused;
    pl_strategy *coin = make("random"), *tft = make("tft"), *alld = make("defector");
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 100;
    pl_match_expectation e;
    pl_error err;
    /* two fair coins: each outcome a quarter of the time, (3 + 0 + 5 + 1) / 4 a turn each */
    assert_int_equal(pl_match_expected(coin, coin, &cfg, &e, &err), PL_OK);
    assert_true(fabs(e.score[0] - 225) < 1e-9 && fabs(e.score[1] - 225) < 1e-9);
    assert_true(fabs(e.cooperations[0] - 50) < 1e-9 && e.turns == 100);
    /* TFT against a defector: S once, then P: 0 + 99; the defector 5 + 99 */
    assert_int_equal(pl_match_expected(tft, alld, &cfg, &e, &err), PL_OK);
    assert_true(e.score[0] == 99 && e.score[1] == 104 && e.cooperations[0] == 1 && e.cooperations[1] == 0);
    /* with noise n each played action is the other one with chance n: the defector is seen to
     * cooperate with n, so TFT means to cooperate with n and plays C with n(1 - n) + (1 - n)n,
     * after a first C played with 1 - n */
    cfg.noise = 0.1;
    assert_int_equal(pl_match_expected(tft, alld, &cfg, &e, &err), PL_OK);
    assert_true(fabs(e.cooperations[0] - (0.9 + 99 * 0.18)) < 1e-9);
    assert_true(fabs(e.cooperations[1] - 100 * 0.1) < 1e-9);
    /* a probabilistic end of 0.1 without a cap: the mean length of the geometric law, 1 / 0.1 */
    cfg.turns = 0;
    cfg.prob_end = 0.1;
    assert_int_equal(pl_match_expected(coin, coin, &cfg, &e, &err), PL_OK);
    assert_true(fabs(e.turns - 10) < 1e-9 && fabs(e.score[0] - 22.5) < 1e-9);
    pl_strategy_free(coin), pl_strategy_free(tft), pl_strategy_free(alld);
}

/* Where nothing is random, the expectation is the match. */
static void deterministic_pairs_are_their_match(void **unused)
{
    (void)unused;
    static const char *det[] = {"tft", "cooperator", "defector", "alternator", "suspicious_tft", "anti_tft", "bully",
                                "wsls", "win_shift_lose_stay", "gtft:p=0"};
    size_t n = sizeof det / sizeof *det;
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 37;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            pl_strategy *a = make(det[i]), *b = make(det[j]);
            pl_match_expectation e;
            pl_match_result *r;
            pl_error err;
            assert_int_equal(pl_match_expected(a, b, &cfg, &e, &err), PL_OK);
            assert_int_equal(pl_match_play(a, b, &cfg, &r, &err), PL_OK);
            if (e.score[0] != pl_match_result_score(r, 0) || e.score[1] != pl_match_result_score(r, 1))
                fail_msg("%s vs %s: expected %g, %g; the match gave %g, %g", det[i], det[j], e.score[0], e.score[1],
                         pl_match_result_score(r, 0), pl_match_result_score(r, 1));
            pl_match_result_free(r);
            pl_strategy_free(a), pl_strategy_free(b);
        }
}

/* The mean of many played matches lies within five standard errors of the expectation. */
static void random_pairs_agree_with_their_mean(void **unused)
{
    (void)unused;
    static const char *pairs[][2] = {{"gtft", "zd_extort_2"}, {"wsls", "stochastic_cooperator"},
                                     {"first_joss", "firm_but_fair"}, {"desperate", "zd_gen_2"}};
    pl_game asym;
    pl_game_pd(&asym, 3, 0, 5, 1);
    asym.payoff[0][1][1] = 6, asym.payoff[1][1][0] = 2; /* the two sides differ */
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
        for (int setting = 0; setting < 3; setting++) {
            pl_strategy *a = make(pairs[k][0]), *b = make(pairs[k][1]);
            pl_match_config cfg;
            pl_match_config_default(&cfg);
            cfg.turns = 60;
            cfg.noise = setting == 0 ? 0 : 0.05;
            if (setting == 2) cfg.prob_end = 0.03, cfg.game = &asym;
            pl_error err;
            pl_match_expectation e;
            if (pl_strategy_check_game(a, cfg.game, NULL) || pl_strategy_check_game(b, cfg.game, NULL)) {
                pl_strategy_free(a), pl_strategy_free(b);
                continue;
            }
            assert_int_equal(pl_match_expected(a, b, &cfg, &e, &err), PL_OK);
            enum { N = 2000 };
            double sum[2] = {0, 0}, sq[2] = {0, 0};
            for (int r = 0; r < N; r++) {
                cfg.seed = 99;
                cfg.stream_a = k * 3 + (uint64_t)setting;
                cfg.stream_b = (uint64_t)r;
                pl_match_result *m;
                assert_int_equal(pl_match_play(a, b, &cfg, &m, &err), PL_OK);
                for (int p = 0; p < 2; p++) {
                    double s = pl_match_result_score(m, p);
                    sum[p] += s, sq[p] += s * s;
                }
                pl_match_result_free(m);
            }
            for (int p = 0; p < 2; p++) {
                double mean = sum[p] / N, var = sq[p] / N - mean * mean;
                double se = sqrt(var / N) + 1e-9;
                if (fabs(mean - e.score[p]) > 5 * se)
                    fail_msg("%s vs %s (setting %d), party %d: mean of %d matches %g, expected %g (standard error %g)",
                             pairs[k][0], pairs[k][1], setting, p, N, mean, e.score[p], se);
            }
            pl_strategy_free(a), pl_strategy_free(b);
        }
}

static void refuses_other_players(void **unused)
{
    (void)unused;
    pl_strategy *a = make("tft"), *b = make("grudger");
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    pl_match_expectation e;
    pl_error err;
    assert_int_equal(pl_match_expected(a, b, &cfg, &e, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "Grudger"));
    assert_non_null(strstr(err.msg, "memory-one"));
    cfg.noise = 2;
    assert_int_equal(pl_match_expected(a, a, &cfg, &e, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "noise"));
    pl_strategy_free(a), pl_strategy_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(closed_forms),
        cmocka_unit_test(deterministic_pairs_are_their_match),
        cmocka_unit_test(random_pairs_agree_with_their_mean),
        cmocka_unit_test(refuses_other_players),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
