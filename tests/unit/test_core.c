// SPDX-License-Identifier: MIT
/* test_core.c — random streams, histories and games. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

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

/* Both ways of deciding a Bernoulli draw x for probability p: pl_rng_bernoulli's, on the uniform
 * made from x, and pl_rng_bernoulli_cut's, on x itself. */
static int decide_by_uniform(uint64_t x, double p) { return (double)(x >> 11) * 0x1.0p-53 < p; }
static int decide_by_cut(uint64_t x, uint64_t cut) { return x < cut; }

/* pl_rng_bernoulli_cut gives exactly pl_rng_bernoulli's decisions and draws: checked on the
 * raw draws right at and around each cut (where a rounding slip would show), on a stream of
 * draws, and for p at the edges (0, 1, the smallest and largest doubles inside (0, 1)). */
static void rng_bernoulli_cut_matches_bernoulli(void **state)
{
    (void)state;
    double ps[64];
    int np = 0;
    const double fixed[] = {1e-300, 0x1p-60, 0x1p-53, 1e-9, 0.01, 0.05, 0.1, 2.0 / 7.0, 0.3, 1.0 / 3.0, 0.5, 0.7,
                            0.9, 0.95, 0.99, 1 - 0x1p-53, 1 - 0x1p-52, 0x1.0000000000001p-1, 4.9e-324};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) ps[np++] = fixed[i];
    pl_rng pr;
    pl_rng_init(&pr, 99, 0, 0);
    while (np < 64) ps[np++] = pl_rng_uniform(&pr); /* and some anywhere in [0, 1) */
    for (int i = 0; i < np; i++) {
        double p = ps[i];
        if (!(p > 0 && p < 1)) continue;
        uint64_t cut = pl_rng_cut(p);
        assert_true(cut != 0 && cut != UINT64_MAX);
        /* the raw draws around the cut, and around each multiple of 2^11 near it */
        for (int64_t d = -4100; d <= 4100; d++) {
            uint64_t x = cut + (uint64_t)d;
            if (d < 0 && cut < (uint64_t)-d) continue;
            assert_int_equal(decide_by_cut(x, cut), decide_by_uniform(x, p));
        }
        assert_int_equal(decide_by_cut(0, cut), decide_by_uniform(0, p));
        assert_int_equal(decide_by_cut(UINT64_MAX, cut), decide_by_uniform(UINT64_MAX, p));
        /* a stream: the same decisions and the same draws taken */
        pl_rng a, b;
        pl_rng_init(&a, 7, (uint64_t)i, 1);
        b = a;
        for (int k = 0; k < 20000; k++) assert_int_equal(pl_rng_bernoulli_cut(&a, cut), pl_rng_bernoulli(&b, p));
        assert_memory_equal(&a, &b, sizeof a);
    }
    /* the extremes draw nothing, as pl_rng_bernoulli does not */
    pl_rng r, before;
    pl_rng_init(&r, 1, 2, 3);
    before = r;
    const double never[] = {0.0, -0.0, -1.0, -1e-300}, always[] = {1.0, 1.5, 1e300};
    for (size_t i = 0; i < sizeof never / sizeof *never; i++) {
        assert_true(pl_rng_cut(never[i]) == 0);
        assert_int_equal(pl_rng_bernoulli_cut(&r, pl_rng_cut(never[i])), 0);
    }
    for (size_t i = 0; i < sizeof always / sizeof *always; i++) {
        assert_true(pl_rng_cut(always[i]) == UINT64_MAX);
        assert_int_equal(pl_rng_bernoulli_cut(&r, pl_rng_cut(always[i])), 1);
    }
    assert_memory_equal(&before, &r, sizeof r);
    /* many random p on one stream each: pl_rng_bernoulli and the cut agree draw for draw */
    pl_rng a, b;
    pl_rng_init(&a, 2026, 11, 23);
    b = a;
    for (int k = 0; k < 200000; k++) {
        double p = pl_rng_uniform(&pr);
        if (k % 7 == 0) p = (double)(pl_rng_next(&pr) >> 11) * 0x1.0p-53; /* exactly a possible uniform value */
        assert_int_equal(pl_rng_bernoulli_cut(&a, pl_rng_cut(p)), pl_rng_bernoulli(&b, p));
    }
    assert_memory_equal(&a, &b, sizeof a);
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
    /* the last k actions as bits, across word boundaries, against pl_hist_at */
    for (int len = 1; len <= 300; len++) {
        pl_history part = h;
        part.len = len;
        for (int k = 1; k <= 64 && k <= len; k++) {
            uint64_t want = 0;
            for (int i = 0; i < k; i++) want |= (uint64_t)pl_hist_at(&h, len - k + i) << i;
            assert_true(pl_hist_last_bits(&part, k) == want);
        }
    }
    /* any window of up to 64 turns (DBS reads its history so), across word boundaries, on a
     * pattern without a short period, against pl_hist_at */
    pl_history m;
    assert_int_equal(pl_history_init(&m, 64), 0);
    for (unsigned t = 0; t < 300; t++) assert_int_equal(pl_history_push(&m, (int)((t * 2654435761u) >> 13 & 1), 0), 0);
    for (int from = 0; from < 300; from++)
        for (int k = 1; k <= 64 && from + k <= 300; k++) {
            uint64_t want = 0;
            for (int i = 0; i < k; i++) want |= (uint64_t)pl_hist_at(&m, from + i) << i;
            assert_true(pl_hist_bits(&m, from, k) == want);
        }
    pl_history_free(&m);
    /* how long ago the last defection was, against a scan turn by turn: histories with one
     * defection at every place of up to 200 turns (runs of C across words), and none */
    for (int len = 0; len <= 200; len++)
        for (int d = -1; d < len; d++) {
            pl_history x;
            assert_int_equal(pl_history_init(&x, 64), 0);
            for (int t = 0; t < len; t++) assert_int_equal(pl_history_push(&x, t == d, 0), 0);
            int want = 0;
            for (int k = 1; k <= len && !want; k++)
                if (pl_hist_ago(&x, k)) want = k;
            assert_int_equal(pl_hist_last_defect_ago(&x), want);
            pl_history_free(&x);
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

/* The shared standard game is, byte for byte, what pl_game_default fills in. */
static void game_standard_is_the_default(void **state)
{
    (void)state;
    pl_game g;
    memset(&g, 0xA5, sizeof g); /* whatever was there before */
    pl_game_default(&g);
    assert_memory_equal(pl_game_standard(), &g, sizeof g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rng_streams_depend_only_on_seed_and_ids),
        cmocka_unit_test(rng_uniform_mean_and_bernoulli_extremes),
        cmocka_unit_test(rng_bernoulli_cut_matches_bernoulli),
        cmocka_unit_test(history_packs_and_counts),
        cmocka_unit_test(game_parse_and_rstp),
        cmocka_unit_test(game_standard_is_the_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
