// SPDX-License-Identifier: MIT
/* test_moran.c — population/moran: the Moran process against what is known of it.
 *
 * The neutral process fixes a single mutant with probability 1/N; under constant fitness r
 * with (1 - 1/r) / (1 - 1/r^N); the exact value from the pair payoffs agrees with Nowak's
 * formula written out independently here, and the simulation agrees with it within its 95%
 * Wilson interval; the one-third law (Nowak, Sasaki, Taylor & Fudenberg 2004) under weak
 * selection; win-stay lose-shift displacing tit for tat under noise (Nowak & Sigmund 1993); a
 * population that keeps its individuals fixing as the exact chain says, in both modes and both
 * type orders; the same results at any thread count; and the errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

static pl_moran *from_matrix(double a, double b, double c, double d)
{
    double pay[4] = {a, b, c, d};
    const char *names[2] = {"A", "B"};
    pl_moran *m = NULL;
    pl_error err;
    assert_int_equal(pl_moran_create_matrix(&m, pay, names, 2, &err), PL_OK);
    return m;
}

static pl_moran *from_strategies(const char *x, const char *y, int turns, double noise, int samples, int threads)
{
    pl_strategy *s[2];
    pl_error err;
    assert_int_equal(pl_strategy_create(&s[0], x, &err), PL_OK);
    assert_int_equal(pl_strategy_create(&s[1], y, &err), PL_OK);
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = turns;
    mc.noise = noise;
    mc.seed = 11;
    pl_moran *m = NULL;
    assert_int_equal(pl_moran_create(&m, s, 2, &mc, samples, threads, &err), PL_OK);
    pl_strategy_free(s[0]);
    pl_strategy_free(s[1]);
    return m;
}

static pl_moran_fixation *fix(const pl_moran *m, int c0, int c1, pl_moran_mode mode, double w, uint64_t runs,
                              int threads)
{
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    cfg.mode = mode;
    cfg.selection = w;
    cfg.runs = runs;
    cfg.seed = 5;
    cfg.threads = threads;
    int counts[2] = {c0, c1};
    pl_moran_fixation *f = NULL;
    pl_error err;
    int rc = pl_moran_fixation_run(m, counts, &cfg, &f, &err);
    if (rc) fail_msg("%s", err.msg);
    assert_int_equal(f->fixed[0] + f->fixed[1] + f->unfixed, runs);
    return f;
}

static void assert_within(const pl_moran_fixation *f, size_t t, double expected)
{
    if (!(f->lo[t] <= expected && expected <= f->hi[t]))
        fail_msg("type %zu: %g not in [%g, %g] (p = %g)", t, expected, f->lo[t], f->hi[t], f->p[t]);
}

/* Nowak's formula for a single A mutant among N - 1 B, birth-death, written from the book
 * (Nowak 2006, eq. 6.13 with f_i, g_i of eq. 6.2), not from the library's chain. */
static double nowak(double a, double b, double c, double d, int N, double w)
{
    double sum = 1, prod = 1;
    for (int i = 1; i < N; i++) {
        double f = 1 - w + w * (a * (i - 1) + b * (N - i)) / (N - 1);
        double g = 1 - w + w * (c * i + d * (N - i - 1)) / (N - 1);
        prod *= g / f;
        sum += prod;
    }
    return 1 / sum;
}

static void neutral_fixes_one_in_n(void **state)
{
    (void)state;
    /* tit for tat and the cooperator are the same payoffs without noise: neutral */
    pl_moran *m = from_strategies("tft", "cooperator", 20, 0, 1, 1);
    assert_true(pl_moran_deterministic(m));
    for (int mode = 0; mode < 2; mode++) {
        pl_moran_fixation *f = fix(m, 1, 9, (pl_moran_mode)mode, 1, 20000, 2);
        assert_float_equal(f->exact[0], 0.1, 1e-12);
        assert_float_equal(f->exact[1], 0.9, 1e-12);
        assert_within(f, 0, 0.1);
        assert_int_equal(f->unfixed, 0);
        pl_moran_fixation_free(f);
    }
    /* i mutants of N fix with probability i / N */
    double x;
    pl_error err;
    assert_int_equal(pl_moran_exact(m, 0, 1, 3, 10, PL_MORAN_BD, 1, &x, &err), PL_OK);
    assert_float_equal(x, 0.3, 1e-12);
    pl_moran_free(m);
}

static void constant_fitness_closed_form(void **state)
{
    (void)state;
    double r = 1.5;
    int N = 10;
    pl_moran *m = from_matrix(r, r, 1, 1);
    double closed = (1 - 1 / r) / (1 - pow(1 / r, N)), x;
    pl_error err;
    assert_int_equal(pl_moran_exact(m, 0, 1, 1, N, PL_MORAN_BD, 1, &x, &err), PL_OK);
    assert_float_equal(x, closed, 1e-12);
    pl_moran_fixation *f = fix(m, 1, N - 1, PL_MORAN_BD, 1, 20000, 1);
    assert_float_equal(f->exact[0], closed, 1e-12);
    assert_within(f, 0, closed);
    assert_true(f->p[0] > 1.0 / N + 0.1); /* the fitter mutant fixes far more often than 1/N */
    pl_moran_fixation_free(f);
    /* death-birth: the chain of the library against the simulation */
    f = fix(m, 1, N - 1, PL_MORAN_DB, 1, 20000, 1);
    assert_true(f->exact[0] > 1.0 / N && f->exact[0] < closed);
    assert_within(f, 0, f->exact[0]);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

static void nowak_formula_for_tft_against_alld(void **state)
{
    (void)state;
    int N = 12;
    pl_moran *m = from_strategies("tft", "defector", 10, 0, 1, 1);
    /* per turn over 10 turns: TFT-TFT 3, TFT-ALLD 9/10, ALLD-TFT 14/10, ALLD-ALLD 1 */
    assert_float_equal(pl_moran_payoff(m, 0, 0), 3, 1e-12);
    assert_float_equal(pl_moran_payoff(m, 0, 1), 0.9, 1e-12);
    assert_float_equal(pl_moran_payoff(m, 1, 0), 1.4, 1e-12);
    assert_float_equal(pl_moran_payoff(m, 1, 1), 1, 1e-12);
    for (int k = 0; k < 3; k++) {
        double w = k == 0 ? 1 : k == 1 ? 0.5 : 0.1;
        double x, expected = nowak(3, 0.9, 1.4, 1, N, w);
        pl_error err;
        assert_int_equal(pl_moran_exact(m, 0, 1, 1, N, PL_MORAN_BD, w, &x, &err), PL_OK);
        assert_float_equal(x, expected, 1e-12);
    }
    pl_moran_fixation *f = fix(m, 1, N - 1, PL_MORAN_BD, 1, 100000, 2);
    assert_float_equal(f->exact[0], nowak(3, 0.9, 1.4, 1, N, 1), 1e-12);
    assert_within(f, 0, f->exact[0]);
    assert_within(f, 1, f->exact[1]);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

/* x* = (d - b) / (a - b - c + d), the unstable mix of a coordination game: under weak
 * selection in a large population, a single A fixes more often than 1/N iff x* < 1/3. */
static void one_third_law(void **state)
{
    (void)state;
    int N = 400;
    double w = 0.0005;
    /* TFT against ALLD over 4 turns: x* = 1 / (2 * 4 - 3) = 1/5 < 1/3 */
    pl_moran *m = from_strategies("tft", "defector", 4, 0, 1, 1);
    double x;
    pl_error err;
    assert_int_equal(pl_moran_exact(m, 0, 1, 1, N, PL_MORAN_BD, w, &x, &err), PL_OK);
    assert_true(x * N > 1);
    pl_moran_free(m);
    /* the same coordination shape with x* on either side of 1/3 (a = 1 + 1/x*, b = 0, c = 1, d = 1) */
    double xs[] = {0.25, 0.30, 0.36, 0.45};
    for (int k = 0; k < 4; k++) {
        /* a = 1 / x*, b = 0, c = d = 1: d - b = 1 and a - b - c + d = 1 / x* */
        m = from_matrix(1 / xs[k], 0, 1, 1);
        assert_int_equal(pl_moran_exact(m, 0, 1, 1, N, PL_MORAN_BD, w, &x, &err), PL_OK);
        if (xs[k] < 1.0 / 3) assert_true(x * N > 1);
        else assert_true(x * N < 1);
        pl_moran_free(m);
    }
}

static void wsls_displaces_tft_under_noise(void **state)
{
    (void)state;
    int N = 10;
    pl_moran *m = from_strategies("wsls", "tft", 50, 0.05, 200, 2);
    assert_false(pl_moran_deterministic(m));
    assert_true(pl_moran_payoff(m, 0, 0) > pl_moran_payoff(m, 1, 1)); /* WSLS recovers from errors, TFT echoes them */
    pl_moran_fixation *f = fix(m, 1, N - 1, PL_MORAN_BD, 1, 20000, 2);
    assert_true(isnan(f->exact[0]));
    assert_true(f->lo[0] > 1.0 / N); /* a WSLS mutant takes over a TFT population more often than a neutral one */
    pl_moran_fixation_free(f);
    f = fix(m, N - 1, 1, PL_MORAN_BD, 1, 20000, 2);
    assert_true(f->hi[1] < 1.0 / N); /* a TFT mutant in a WSLS population less often */
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

/* A population that keeps its individuals (its pairs are random: noise) but whose cached outcomes
 * are all the noise-free ones (noise 1e-9: no flip in its few matches, checked) fixes as the exact
 * chain over those payoffs says: each meeting reads what each side got the right way round,
 * whichever type comes first, in birth-death and in death-birth.  (Read the other way round, a
 * cooperator among defectors would get 5 where it gets 0: 0.30 where the chain says 0.043.) */
static void individuals_fix_as_the_exact_chain(void **state)
{
    (void)state;
    int N = 10;
    double w = 0.1;
    pl_moran *exact = from_strategies("cooperator", "defector", 10, 0, 1, 1);
    for (int order = 0; order < 2; order++) {
        pl_moran *m = order ? from_strategies("defector", "cooperator", 10, 1e-9, 5, 1)
                            : from_strategies("cooperator", "defector", 10, 1e-9, 5, 1);
        assert_false(pl_moran_deterministic(m));
        size_t c = order ? 1 : 0, d = 1 - c; /* the cooperator's and the defector's index */
        assert_true(pl_moran_payoff(m, c, c) == 3 && pl_moran_payoff(m, c, d) == 0);
        assert_true(pl_moran_payoff(m, d, c) == 5 && pl_moran_payoff(m, d, d) == 1);
        for (int mode = 0; mode < 2; mode++) {
            pl_moran_config cfg;
            pl_moran_config_default(&cfg);
            cfg.mode = (pl_moran_mode)mode;
            cfg.selection = w;
            double x;
            pl_error err;
            assert_int_equal(pl_moran_exact_config(exact, 0, 1, 1, N, &cfg, &x, &err), PL_OK);
            if (mode == PL_MORAN_BD) assert_float_equal(x, nowak(3, 0, 5, 1, N, w), 1e-12);
            pl_moran_fixation *f = order ? fix(m, N - 1, 1, (pl_moran_mode)mode, w, 20000, 2)
                                         : fix(m, 1, N - 1, (pl_moran_mode)mode, w, 20000, 2);
            assert_true(isnan(f->exact[c]));
            /* within four standard errors of the chain (as tests/e2e/moran_reference.sh): a correct
             * process fails it about once in 15,000 seeds; 95 % intervals would fail one in twenty */
            double se = sqrt(x * (1 - x) / 20000);
            if (fabs(f->p[c] - x) > 4 * se) fail_msg("mode %d, order %d: p = %g, the chain %g", mode, order, f->p[c], x);
            pl_moran_fixation_free(f);
        }
        pl_moran_free(m);
    }
    pl_moran_free(exact);
}

static void same_results_at_any_thread_count(void **state)
{
    (void)state;
    pl_moran *m1 = from_strategies("wsls", "random", 20, 0.01, 50, 1);
    pl_moran *m3 = from_strategies("wsls", "random", 20, 0.01, 50, 3);
    for (int k = 0; k < 2; k++)
        for (int j = 0; j < 2; j++) assert_true(pl_moran_payoff(m1, k, j) == pl_moran_payoff(m3, k, j));
    pl_moran_fixation *a = fix(m1, 3, 5, PL_MORAN_DB, 0.7, 500, 1);
    pl_moran_fixation *b = fix(m3, 3, 5, PL_MORAN_DB, 0.7, 500, 3);
    assert_true(a->fixed[0] == b->fixed[0] && a->fixed[1] == b->fixed[1]);
    assert_true(a->mean_generations == b->mean_generations);
    pl_moran_fixation_free(a);
    pl_moran_fixation_free(b);
    pl_moran_free(m1);
    pl_moran_free(m3);
}

static void trajectory_counts(void **state)
{
    (void)state;
    pl_moran *m = from_strategies("tft", "defector", 10, 0, 1, 1);
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    int counts[2] = {4, 6}, *traj = NULL;
    uint64_t g = 0;
    pl_error err;
    assert_int_equal(pl_moran_trajectory(m, counts, &cfg, &traj, &g, &err), PL_OK);
    assert_true(g > 0);
    for (uint64_t k = 0; k <= g; k++) assert_int_equal(traj[2 * k] + traj[2 * k + 1], 10);
    assert_int_equal(traj[0], 4);
    assert_true(traj[2 * g] == 10 || traj[2 * g + 1] == 10); /* without mutation it ends at fixation */
    free(traj);
    /* with mutation it runs the generations it is given */
    cfg.mutation = 0.1;
    cfg.max_generations = 300;
    assert_int_equal(pl_moran_trajectory(m, counts, &cfg, &traj, &g, &err), PL_OK);
    assert_int_equal(g, 300);
    free(traj);
    pl_moran_free(m);
}

static void errors(void **state)
{
    (void)state;
    pl_moran *m = from_matrix(-3, 0, 1, 1);
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    int counts[2] = {1, 1};
    pl_moran_fixation *f = NULL;
    pl_error err;
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "negative fitness"));
    cfg.selection = 0.1; /* 1 - 0.1 + 0.1 * -3 > 0 */
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_OK);
    pl_moran_fixation_free(f);
    cfg.mode = PL_MORAN_DB;
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "at least 3"));
    cfg.mode = PL_MORAN_BD;
    cfg.mutation = 0.01;
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "mutation 0"));
    cfg.mutation = 0;
    counts[0] = -1;
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_EINVAL);
    pl_moran_free(m);
    /* no exact value with random payoffs */
    m = from_strategies("tft", "defector", 10, 0.1, 10, 1);
    double x;
    assert_int_equal(pl_moran_exact(m, 0, 1, 1, 10, PL_MORAN_BD, 1, &x, &err), PL_EINVAL);
    assert_true(isnan(x));
    pl_moran_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(neutral_fixes_one_in_n),
        cmocka_unit_test(constant_fitness_closed_form),
        cmocka_unit_test(nowak_formula_for_tft_against_alld),
        cmocka_unit_test(one_third_law),
        cmocka_unit_test(wsls_displaces_tft_under_noise),
        cmocka_unit_test(individuals_fix_as_the_exact_chain),
        cmocka_unit_test(same_results_at_any_thread_count),
        cmocka_unit_test(trajectory_counts),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
