// SPDX-License-Identifier: MIT
/* test_moran_nparty.c — population/moran_nparty: N-party populations against what is known.
 *
 * In the linear public goods game (k parties, each contributor pays c and makes b shared by all
 * k) with groups drawn without replacement from a population of N, a contributor's expected
 * payoff minus a free rider's is the same at every count: b/k (N - k)/(N - 1) - c (Hauert,
 * Traulsen, Brandt, Nowak & Sigmund 2007, supplement; worked out again here).  So:
 *   - at b = k (N - 1)/(N - k) the process is neutral: i contributors fix with probability i/N;
 *   - below it contributors cannot invade: one fixes with probability below 1/N;
 *   - with exponential fitness the fitness ratio is the constant exp(w x difference), and one
 *     mutant fixes with the constant-fitness closed form (1 - 1/r)/(1 - 1/r^N).
 * The exact value agrees with those to rounding and the simulation within its 95% Wilson
 * interval; the same seed gives the same results at any thread count; and the errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

/* Contributors and free riders (cooperator, defector) in a public goods game of k parties. */
static pl_moran *pgg(int k, double cost, double benefit, const char *a, const char *b, double noise, int threads)
{
    pl_ngame *g;
    pl_error err;
    assert_int_equal(pl_ngame_create_public_goods(&g, k, cost, benefit, &err), PL_OK);
    pl_nplayer *p[2];
    assert_int_equal(pl_nplayer_create(&p[0], a, &err), PL_OK);
    assert_int_equal(pl_nplayer_create(&p[1], b, &err), PL_OK);
    pl_nmatch_config mc;
    pl_nmatch_config_default(&mc);
    mc.turns = 20;
    mc.noise = noise;
    mc.seed = 3;
    pl_moran *m = NULL;
    int rc = pl_moran_create_nparty(&m, g, p, 2, &mc, 20, threads, &err);
    if (rc) fail_msg("%s", err.msg);
    pl_nplayer_free(p[0]);
    pl_nplayer_free(p[1]);
    pl_ngame_free(g);
    return m;
}

static pl_moran_fixation *fix(const pl_moran *m, int c0, int c1, pl_moran_mode mode, pl_moran_fitness fit, double w,
                              uint64_t runs, int threads)
{
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    cfg.mode = mode;
    cfg.fitness = fit;
    cfg.selection = w;
    cfg.runs = runs;
    cfg.seed = 9;
    cfg.threads = threads;
    int counts[2] = {c0, c1};
    pl_moran_fixation *f = NULL;
    pl_error err;
    if (pl_moran_fixation_run(m, counts, &cfg, &f, &err)) fail_msg("%s", err.msg);
    assert_int_equal(f->fixed[0] + f->fixed[1] + f->unfixed, runs);
    return f;
}

static void assert_within(const pl_moran_fixation *f, size_t t, double expected)
{
    if (!(f->lo[t] <= expected && expected <= f->hi[t]))
        fail_msg("type %zu: %g not in [%g, %g] (p = %g)", t, expected, f->lo[t], f->hi[t], f->p[t]);
}

static void group_payoffs(void **state)
{
    (void)state;
    pl_moran *m = pgg(4, 1, 6, "cooperator", "defector", 0, 1);
    assert_true(pl_moran_deterministic(m));
    assert_string_equal(pl_moran_name(m, 0), "Cooperator");
    /* one contributor among three free riders: 6/4 - 1; one free rider among three contributors: 6 * 3/4 */
    assert_float_equal(pl_moran_payoff(m, 0, 1), 0.5, 1e-12);
    assert_float_equal(pl_moran_payoff(m, 1, 0), 4.5, 1e-12);
    assert_float_equal(pl_moran_payoff(m, 0, 0), 5, 1e-12);
    assert_float_equal(pl_moran_payoff(m, 1, 1), 0, 1e-12);
    pl_moran_free(m);
}

static void neutral_at_the_threshold(void **state)
{
    (void)state;
    /* k = 4, N = 10: b = 4 x 9 / 6 = 6 makes contributors and free riders equal at every count */
    pl_moran *m = pgg(4, 1, 6, "cooperator", "defector", 0, 2);
    pl_moran_fixation *f = fix(m, 1, 9, PL_MORAN_BD, PL_MORAN_FIT_LINEAR, 1, 20000, 2);
    assert_float_equal(f->exact[0], 0.1, 1e-9);
    assert_within(f, 0, 0.1);
    assert_int_equal(f->unfixed, 0);
    pl_moran_fixation_free(f);
    double x;
    pl_error err;
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    for (int i = 1; i < 10; i++) {
        assert_int_equal(pl_moran_exact_config(m, 0, 1, i, 10, &cfg, &x, &err), PL_OK);
        assert_float_equal(x, i / 10.0, 1e-9);
    }
    /* death-birth: the parent is chosen among the N - 1 survivors, so N = 11 is the neutral one */
    f = fix(m, 1, 10, PL_MORAN_DB, PL_MORAN_FIT_LINEAR, 1, 20000, 2);
    assert_float_equal(f->exact[0], 1 / 11.0, 1e-9);
    assert_within(f, 0, 1 / 11.0);
    pl_moran_fixation_free(f);
    /* a larger population at the same b: the threshold 4 x 19 / 16 = 4.75 is below 6, contributors are favoured */
    f = fix(m, 1, 19, PL_MORAN_BD, PL_MORAN_FIT_LINEAR, 1, 4000, 2);
    assert_true(f->exact[0] > 1 / 20.0);
    assert_true(f->lo[0] > 1 / 20.0);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

static void contributors_cannot_invade(void **state)
{
    (void)state;
    /* b = 3 < k (N - 1)/(N - k) = 5 x 19 / 15 for the public-goods.yaml game in a population of 20 */
    pl_moran *m = pgg(5, 1, 3, "cooperator", "defector", 0, 1);
    pl_moran_fixation *f = fix(m, 1, 19, PL_MORAN_BD, PL_MORAN_FIT_LINEAR, 0.5, 20000, 2);
    assert_true(f->exact[0] < 1 / 20.0);
    assert_true(f->hi[0] < 1 / 20.0);
    assert_within(f, 0, f->exact[0]);
    pl_moran_fixation_free(f);
    /* and one free rider among contributors fixes more often than by drift */
    f = fix(m, 19, 1, PL_MORAN_BD, PL_MORAN_FIT_LINEAR, 0.5, 20000, 2);
    assert_true(f->exact[1] > 1 / 20.0);
    assert_within(f, 1, f->exact[1]);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

static void constant_fitness_closed_form(void **state)
{
    (void)state;
    int k = 5, N = 20;
    double b = 3, c = 1, w = 1;
    pl_moran *m = pgg(k, c, b, "cooperator", "defector", 0, 1);
    double delta = b / k * (N - k) / (N - 1) - c; /* contributor minus free rider, at every count */
    double r = exp(w * delta);                    /* exponential fitness: a constant ratio */
    double closed = (1 - 1 / r) / (1 - pow(r, -N));
    pl_moran_fixation *f = fix(m, 1, N - 1, PL_MORAN_BD, PL_MORAN_FIT_EXP, w, 40000, 2);
    assert_float_equal(f->exact[0], closed, 1e-9 * closed);
    assert_within(f, 0, closed);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

static void reciprocators_against_free_riders(void **state)
{
    (void)state;
    /* threshold tit for tat contributes while every other did: among free riders it contributes once */
    pl_moran *m = pgg(5, 1, 3, "ttft", "defector", 0, 1);
    assert_float_equal(pl_moran_payoff(m, 0, 0), 2, 1e-12);                   /* all contribute: 3 - 1 */
    assert_float_equal(pl_moran_payoff(m, 0, 1), (3 / 5.0 - 1) / 20, 1e-12); /* first turn only */
    pl_moran_free(m);
}

static void same_results_at_any_thread_count(void **state)
{
    (void)state;
    pl_moran *m1 = pgg(3, 1, 2.5, "ttft", "defector", 0.02, 1);
    pl_moran *m3 = pgg(3, 1, 2.5, "ttft", "defector", 0.02, 3);
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 2; j++) assert_true(pl_moran_payoff(m1, i, j) == pl_moran_payoff(m3, i, j));
    pl_moran_fixation *a = fix(m1, 4, 4, PL_MORAN_BD, PL_MORAN_FIT_LINEAR, 1, 3000, 1);
    pl_moran_fixation *b = fix(m3, 4, 4, PL_MORAN_BD, PL_MORAN_FIT_LINEAR, 1, 3000, 3);
    assert_true(a->fixed[0] == b->fixed[0] && a->fixed[1] == b->fixed[1]);
    assert_true(a->mean_generations == b->mean_generations);
    assert_true(a->fixed[0] > 0 && a->fixed[1] > 0);
    pl_moran_fixation_free(a);
    pl_moran_fixation_free(b);
    pl_moran_free(m1);
    pl_moran_free(m3);
}

/* Three types, two of them the same strategy: together they fix as one type of twice the count
 * does (the exact two-type value), which checks the runs' bookkeeping of three-type counts. */
static void a_strategy_split_in_two(void **state)
{
    (void)state;
    pl_ngame *g;
    pl_error err;
    assert_int_equal(pl_ngame_create_public_goods(&g, 4, 1, 6, &err), PL_OK);
    pl_nplayer *p[3];
    assert_int_equal(pl_nplayer_create(&p[0], "cooperator", &err), PL_OK);
    assert_int_equal(pl_nplayer_create(&p[1], "cooperator", &err), PL_OK);
    assert_int_equal(pl_nplayer_create(&p[2], "defector", &err), PL_OK);
    pl_nmatch_config mc;
    pl_nmatch_config_default(&mc);
    mc.turns = 5;
    pl_moran *m3 = NULL, *m2 = NULL;
    assert_int_equal(pl_moran_create_nparty(&m3, g, p, 3, &mc, 1, 1, &err), PL_OK);
    pl_nplayer *two[2] = {p[0], p[2]};
    assert_int_equal(pl_moran_create_nparty(&m2, g, two, 2, &mc, 1, 1, &err), PL_OK);
    for (int mode = 0; mode < 2; mode++) {
        pl_moran_config cfg;
        pl_moran_config_default(&cfg);
        cfg.mode = (pl_moran_mode)mode;
        cfg.runs = 20000;
        cfg.seed = 12;
        cfg.threads = 2;
        double x;
        assert_int_equal(pl_moran_exact_config(m2, 0, 1, 6, 20, &cfg, &x, &err), PL_OK);
        int counts[3] = {3, 3, 14};
        pl_moran_fixation *f = NULL;
        if (pl_moran_fixation_run(m3, counts, &cfg, &f, &err)) fail_msg("%s", err.msg);
        double ps = (double)(f->fixed[0] + f->fixed[1]) / (double)cfg.runs, sd = sqrt(x * (1 - x) / (double)cfg.runs);
        if (fabs(ps - x) > 4 * sd) fail_msg("mode %d: the two halves fixed %g, expected %g", mode, ps, x);
        /* and the halves alike: neither is favoured */
        double d = (double)f->fixed[0] - (double)f->fixed[1], n01 = (double)(f->fixed[0] + f->fixed[1]);
        if (fabs(d) > 4 * sqrt(n01)) fail_msg("mode %d: halves %llu and %llu", mode, (unsigned long long)f->fixed[0],
                                              (unsigned long long)f->fixed[1]);
        pl_moran_fixation_free(f);
    }
    pl_moran_free(m3);
    pl_moran_free(m2);
    for (int i = 0; i < 3; i++) pl_nplayer_free(p[i]);
    pl_ngame_free(g);
}

static void errors(void **state)
{
    (void)state;
    pl_moran *m = pgg(5, 1, 3, "cooperator", "defector", 0, 1);
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    pl_moran_fixation *f = NULL;
    pl_error err;
    int few[2] = {2, 2};
    assert_int_equal(pl_moran_fixation_run(m, few, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "at least 5 individuals"));
    cfg.mode = PL_MORAN_DB;
    int five[2] = {2, 3};
    assert_int_equal(pl_moran_fixation_run(m, five, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "at least 6 individuals"));
    cfg.mode = PL_MORAN_BD;
    pl_moran_graph g;
    assert_int_equal(pl_moran_graph_make("cycle", 5, &g, &err), PL_OK);
    cfg.interaction = &g;
    assert_int_equal(pl_moran_fixation_run(m, five, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "takes no graph"));
    pl_moran_graph_free(&g);
    /* a contributor alone gets 3/5 - 1 < 0: negative fitness at w = 1 */
    cfg.interaction = NULL;
    assert_int_equal(pl_moran_fixation_run(m, five, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "negative fitness"));
    pl_moran_free(m);
    /* too many groups to play */
    pl_ngame *gm;
    assert_int_equal(pl_ngame_create_public_goods(&gm, 16, 1, 3, &err), PL_OK);
    pl_nplayer *p[40];
    for (int i = 0; i < 40; i++) assert_int_equal(pl_nplayer_create(&p[i], i % 2 ? "defector" : "cooperator", &err), PL_OK);
    pl_nmatch_config mc;
    pl_nmatch_config_default(&mc);
    assert_int_equal(pl_moran_create_nparty(&m, gm, p, 40, &mc, 10, 1, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "groups"));
    assert_int_equal(pl_moran_create_nparty(&m, gm, p, 2, &mc, 0, 1, &err), PL_EINVAL);
    for (int i = 0; i < 40; i++) pl_nplayer_free(p[i]);
    pl_ngame_free(gm);
}

/* The game a population of a file plays: a game file's own game, periods and noise; a file with
 * only a tournament, the tournament's game, turns and noise (no misreading). */
static void the_population_game_of_a_file(void **state)
{
    (void)state;
    const char *files[] = {"scenarios/games/public-goods.yaml", "scenarios/games/six-player-tournament.yaml"};
    for (int f = 0; f < 2; f++) {
        pl_scenario *sc;
        pl_nscenario *ns;
        pl_error err;
        assert_int_equal(pl_scenario_open(&sc, files[f], &err), PL_OK);
        assert_int_equal(pl_nscenario_load(&ns, sc, &err), PL_OK);
        pl_nscenario_info raw, pop;
        pl_nscenario_get_info(ns, &raw);
        assert_int_equal(pl_nscenario_population_info(ns, &pop), 1);
        assert_non_null(pop.game);
        if (raw.game) { /* public-goods: its own game, 100 periods, noise 0.01, misreading 0.03 */
            assert_ptr_equal(pop.game, raw.game);
            assert_int_equal(pop.periods, 100);
            assert_true(pop.noise == 0.01 && pop.obs_noise == 0.03);
        } else { /* the tournament's: 200 turns, noise 0.01 */
            assert_non_null(raw.tournament_game);
            assert_ptr_equal(pop.game, raw.tournament_game);
            assert_int_equal(pop.periods, 200);
            assert_true(pop.noise == 0.01 && pop.obs_noise == 0);
        }
        pl_nscenario_free(ns);
        pl_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(group_payoffs),
        cmocka_unit_test(neutral_at_the_threshold),
        cmocka_unit_test(contributors_cannot_invade),
        cmocka_unit_test(constant_fitness_closed_form),
        cmocka_unit_test(reciprocators_against_free_riders),
        cmocka_unit_test(same_results_at_any_thread_count),
        cmocka_unit_test(a_strategy_split_in_two),
        cmocka_unit_test(errors),
        cmocka_unit_test(the_population_game_of_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
