/* test_core.c — random streams, histories and games. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#include "parley/parley.h"
#include "core/history.h"

static void rng_streams_depend_only_on_seed_and_ids(void **state)
{
    (void)state;
    pl_rng a, b, c;
    pl_rng_init(&a, 42, 3, 7);
    pl_rng_init(&b, 42, 3, 7);
    pl_rng_init(&c, 42, 3, 8);
    int same_c = 1;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = pl_rng_next(&a), y = pl_rng_next(&b), z = pl_rng_next(&c);
        assert_true(x == y);
        if (x != z) same_c = 0;
    }
    assert_false(same_c);
}

static void rng_uniform_mean_and_bernoulli_extremes(void **state)
{
    (void)state;
    pl_rng r;
    pl_rng_init(&r, 1, 0, 0);
    double sum = 0;
    int n = 200000;
    for (int i = 0; i < n; i++) {
        double u = pl_rng_uniform(&r);
        assert_true(u >= 0 && u < 1);
        sum += u;
    }
    /* mean of U(0,1): 0.5, standard error 1/sqrt(12 n) ~ 0.00065; 5 sigma */
    assert_true(fabs(sum / n - 0.5) < 0.0033);
    pl_rng before = r;
    assert_int_equal(pl_rng_bernoulli(&r, 0.0), 0);
    assert_int_equal(pl_rng_bernoulli(&r, 1.0), 1);
    assert_memory_equal(&before, &r, sizeof r); /* no draw at the extremes */
    for (int i = 0; i < 1000; i++) assert_true(pl_rng_below(&r, 7) < 7);
}

static void history_packs_and_counts(void **state)
{
    (void)state;
    pl_history h;
    assert_int_equal(pl_history_init(&h, 10), 0);
    /* 300 turns: defect on multiples of 3, growing past the first capacity */
    for (int t = 0; t < 300; t++) assert_int_equal(pl_history_push(&h, t % 3 == 0, 1.0), 0);
    assert_int_equal(h.len, 300);
    assert_int_equal(h.n_defect, 100);
    assert_true(h.score == 300.0);
    for (int t = 0; t < 300; t++) assert_int_equal(pl_hist_at(&h, t), t % 3 == 0);
    assert_int_equal(pl_hist_ago(&h, 1), 299 % 3 == 0);
    for (int k = 0; k <= 300; k++) {
        int want = 0;
        for (int t = 300 - k; t < 300; t++) want += t % 3 == 0;
        assert_int_equal(pl_history_defects_last(&h, k), want);
    }
    pl_history_clear(&h);
    assert_int_equal(h.len, 0);
    assert_int_equal(h.n_defect, 0);
    pl_history_push(&h, 0, 0);
    assert_int_equal(pl_hist_at(&h, 0), 0);
    pl_history_free(&h);
}

static void game_parse_and_rstp(void **state)
{
    (void)state;
    pl_game g;
    pl_error err;
    assert_int_equal(pl_game_parse_rstp(&g, "3,0,5,1", &err), 0);
    double R, S, T, P;
    pl_game_rstp(&g, &R, &S, &T, &P);
    assert_true(R == 3 && S == 0 && T == 5 && P == 1);
    assert_true(pl_game_is_pd(&g));
    assert_true(g.payoff[PL_C][PL_D][1] == 5); /* B defects on A's cooperation: temptation to B */
    assert_int_equal(pl_game_parse_rstp(&g, "3,0,5", &err), PL_EINVAL);
    assert_int_equal(pl_game_parse_rstp(&g, "3,0,5,1,2", &err), PL_EINVAL);
    assert_int_equal(pl_game_parse_rstp(&g, "a,0,5,1", &err), PL_EINVAL);
    assert_int_equal(pl_game_parse_rstp(&g, "", &err), PL_EINVAL);
    double a[6] = {1, 2, 3, 4, 5, 6}, b[6] = {6, 5, 4, 3, 2, 1};
    assert_int_equal(pl_game_matrix(&g, 2, 3, a, b, &err), 0);
    assert_true(g.payoff[1][2][0] == 6 && g.payoff[1][2][1] == 1);
    assert_int_equal(pl_game_matrix(&g, 0, 3, a, b, &err), PL_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rng_streams_depend_only_on_seed_and_ids),
        cmocka_unit_test(rng_uniform_mean_and_bernoulli_extremes),
        cmocka_unit_test(history_packs_and_counts),
        cmocka_unit_test(game_parse_and_rstp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
