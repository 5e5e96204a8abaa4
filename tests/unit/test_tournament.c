/* test_tournament.c — the round robin: known scores, the thread-count invariance, bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/parley.h"

static pl_strategy *mk(const char *name)
{
    pl_strategy *s;
    pl_error err;
    if (pl_strategy_create(&s, name, &err)) fail_msg("%s", err.msg);
    return s;
}

static void known_scores_of_three_classics(void **state)
{
    (void)state;
    pl_strategy *p[3] = {mk("tft"), mk("defector"), mk("cooperator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 100;
    cfg.repetitions = 3;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, &err), 0);
    /* TFT vs Defector: 0 then 99 x 1 = 99 -> 0.99 a turn; TFT vs Cooperator: 3 a turn */
    assert_true(fabs(pl_tournament_result_payoff(r, 0, 1) - 0.99) < 1e-12);
    assert_true(fabs(pl_tournament_result_payoff(r, 1, 0) - 1.04) < 1e-12);
    assert_true(fabs(pl_tournament_result_payoff(r, 0, 2) - 3.0) < 1e-12);
    assert_true(fabs(pl_tournament_result_payoff(r, 0, 0) - 3.0) < 1e-12); /* self-play */
    assert_true(fabs(pl_tournament_result_normalised(r, 0, 2) - (0.99 + 3.0) / 2) < 1e-12);
    assert_true(fabs(pl_tournament_result_median(r, 1) - (1.04 + 5.0) / 2) < 1e-12);
    const size_t *rank = pl_tournament_result_ranking(r);
    assert_int_equal(rank[0], 1); /* Defector wins this small field */
    assert_int_equal(pl_tournament_result_wins(r, 1, 0), 2);
    assert_int_equal(pl_tournament_result_wins(r, 0, 0), 0);
    assert_int_equal(pl_tournament_result_matches(r), 6 * 3);
    double oc[4], nc[4], ic;
    pl_tournament_result_outcomes(r, 2, oc, nc, &ic);
    assert_true(ic == 1.0);
    assert_true(pl_tournament_result_cooperation(r, 2) == 1.0);
    pl_tournament_result_free(r);
    for (int i = 0; i < 3; i++) pl_strategy_free(p[i]);
}

static void same_seed_same_numbers_whatever_the_threads(void **state)
{
    (void)state;
    pl_strategy *p[4] = {mk("tft"), mk("defector"), mk("cooperator"), mk("tft")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 50;
    cfg.repetitions = 7;
    cfg.noise = 0.1;
    cfg.seed = 12345;
    pl_game g;
    pl_game_pd(&g, 3.3, 0.1, 5.7, 1.1); /* fractional payoffs: summation order would show */
    cfg.game = &g;
    pl_tournament_result *r1, *r3;
    pl_error err;
    cfg.threads = 1;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 4, &cfg, &r1, &err), 0);
    cfg.threads = 3;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 4, &cfg, &r3, &err), 0);
    for (size_t i = 0; i < 4; i++) {
        for (int k = 0; k < 7; k++) {
            double a = pl_tournament_result_normalised(r1, i, k), b = pl_tournament_result_normalised(r3, i, k);
            assert_memory_equal(&a, &b, sizeof a);
        }
        for (size_t j = 0; j < 4; j++) {
            double a = pl_tournament_result_payoff(r1, i, j), b = pl_tournament_result_payoff(r3, i, j);
            assert_memory_equal(&a, &b, sizeof a);
        }
    }
    /* noise makes the two TFT copies' scores differ across repetitions */
    assert_true(pl_tournament_result_stddev(r1, 0) > 0);
    pl_tournament_result_free(r1);
    pl_tournament_result_free(r3);
    for (int i = 0; i < 4; i++) pl_strategy_free(p[i]);
}

static void probabilistic_ending_varies_lengths(void **state)
{
    (void)state;
    pl_strategy *p[2] = {mk("tft"), mk("cooperator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 0;
    cfg.prob_end = 0.1;
    cfg.repetitions = 2000;
    cfg.self_play = 0;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 2, &cfg, &r, &err), 0);
    /* geometric lengths with p = 0.1: mean 10; standard error sqrt(90/2000) ~ 0.21; 5 sigma */
    double mean_len = (double)pl_tournament_result_turns(r) / 2000.0;
    assert_true(fabs(mean_len - 10.0) < 1.1);
    pl_tournament_result_free(r);
    for (int i = 0; i < 2; i++) pl_strategy_free(p[i]);
}

static void bad_configurations(void **state)
{
    (void)state;
    pl_strategy *p[2] = {mk("tft"), mk("cooperator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 1, &cfg, &r, &err), PL_EINVAL);
    cfg.repetitions = 0;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 2, &cfg, &r, &err), PL_EINVAL);
    cfg.repetitions = 1;
    cfg.noise = 2;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 2, &cfg, &r, &err), PL_EINVAL);
    for (int i = 0; i < 2; i++) pl_strategy_free(p[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_scores_of_three_classics),
        cmocka_unit_test(same_seed_same_numbers_whatever_the_threads),
        cmocka_unit_test(probabilistic_ending_varies_lengths),
        cmocka_unit_test(bad_configurations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
