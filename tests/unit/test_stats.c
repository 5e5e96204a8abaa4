// SPDX-License-Identifier: MIT
/* test_stats.c — core/stats: means, spreads, medians, quantiles and intervals against
 * values worked out by hand, and the cancellation cases the old formula got wrong. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "core/stats.h"

#define CLOSE(x, y, tol) assert_true(fabs((x) - (y)) <= (tol))

static void mean_and_deviation_of_a_textbook_sample(void **state)
{
    (void)state;
    /* 2 4 4 4 5 5 7 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32 */
    double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
    assert_true(pl_stats_mean(x, 8) == 5.0);
    CLOSE(pl_stats_sd(x, 8, 0), 2.0, 1e-15);            /* sqrt(32 / 8) */
    CLOSE(pl_stats_sd(x, 8, 1), sqrt(32.0 / 7), 1e-15); /* sqrt(32 / 7) */
    assert_true(isnan(pl_stats_mean(x, 0)));
    assert_true(pl_stats_sd(x, 1, 1) == 0.0); /* one value has no sample spread */
    assert_true(pl_stats_sd(x, 0, 0) == 0.0);
}

static void large_offsets_keep_their_spread(void **state)
{
    (void)state;
    /* 1e9+1, 1e9+2, 1e9+3: squared deviations 1 + 0 + 1 = 2.  The sum-of-squares formula
     * subtracts 3e18 from 3e18 + 2 (doubles 512 apart there) and loses all of it. */
    double x[] = {1e9 + 1, 1e9 + 2, 1e9 + 3};
    assert_true(pl_stats_sd(x, 3, 1) == 1.0);
    CLOSE(pl_stats_sd(x, 3, 0), sqrt(2.0 / 3), 1e-15);
    double sum = 0, sq = 0;
    for (int i = 0; i < 3; i++) sum += x[i], sq += x[i] * x[i];
    double naive = (sq - sum * sum / 3) / 2;
    assert_true(fabs(naive - 1.0) > 0.5); /* what the old formula gave: not 1 */
    /* 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, squared deviations 36 + 9 + 9 + 36 = 90 */
    double y[] = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
    CLOSE(pl_stats_sd(y, 4, 1), sqrt(30.0), 1e-12);
    assert_true(pl_stats_mean(y, 4) == 1e9 + 10);
    /* and 1e15 apart: 1e15 + {0, 2}: sample variance 2 */
    double z[] = {1e15, 1e15 + 2};
    CLOSE(pl_stats_sd(z, 2, 1), sqrt(2.0), 1e-12);
}

static void identical_values_have_no_spread_at_all(void **state)
{
    (void)state;
    /* 0.1 and 2.005 are not binary fractions: sum x^2 / n - mean^2 is not 0 for them */
    double x[20];
    for (int i = 0; i < 20; i++) x[i] = 0.1;
    assert_true(pl_stats_sd(x, 20, 0) == 0.0);
    assert_true(pl_stats_sd(x, 20, 1) == 0.0);
    for (int i = 0; i < 20; i++) x[i] = 2.005;
    assert_true(pl_stats_sd(x, 20, 0) == 0.0);
    /* folded in blocks, still exactly 0 */
    pl_spread all = {0};
    for (int b = 0; b < 4; b++) {
        pl_spread blk = {0};
        for (int i = 0; i < 5; i++) pl_spread_add(&blk, 2.005);
        pl_spread_merge(&all, &blk);
    }
    assert_true(all.n == 20);
    assert_true(pl_spread_sd(&all, 1) == 0.0);
}

static void blocks_folded_in_order_agree_with_one_pass(void **state)
{
    (void)state;
    double x[100];
    for (int i = 0; i < 100; i++) x[i] = 1e6 + sin(i) * 3 + (i % 7);
    pl_spread one = {0}, folded = {0}, again = {0};
    for (int i = 0; i < 100; i++) pl_spread_add(&one, x[i]);
    for (int lo = 0; lo < 100; lo += 13) {
        pl_spread blk = {0};
        for (int i = lo; i < lo + 13 && i < 100; i++) pl_spread_add(&blk, x[i]);
        pl_spread_merge(&folded, &blk);
    }
    for (int lo = 0; lo < 100; lo += 13) {
        pl_spread blk = {0};
        for (int i = lo; i < lo + 13 && i < 100; i++) pl_spread_add(&blk, x[i]);
        pl_spread_merge(&again, &blk);
    }
    assert_true(folded.n == 100);
    CLOSE(pl_spread_variance(&folded, 1), pl_spread_variance(&one, 1), 1e-9 * pl_spread_variance(&one, 1));
    /* the same blocks in the same order: the same bits */
    assert_true(folded.m2 == again.m2 && folded.mean == again.mean);
    /* an empty block changes nothing; merging into an empty one copies */
    pl_spread empty = {0}, copy = {0};
    pl_spread_merge(&folded, &empty);
    assert_true(folded.m2 == again.m2);
    pl_spread_merge(&copy, &again);
    assert_true(copy.m2 == again.m2 && copy.n == 100);
}

static void medians_and_linear_quantiles(void **state)
{
    (void)state;
    double odd[] = {3, 1, 2};
    pl_stats_sort(odd, 3);
    assert_true(odd[0] == 1 && odd[2] == 3);
    assert_true(pl_stats_median_sorted(odd, 3) == 2.0);
    double even[] = {1, 2, 3, 4};
    assert_true(pl_stats_median_sorted(even, 4) == 2.5);
    /* type 7 (numpy's default): position (n - 1) q, so 0.75 and 2.25 between ranks */
    assert_true(pl_stats_quantile_sorted(even, 4, 0.25) == 1.75);
    assert_true(pl_stats_quantile_sorted(even, 4, 0.75) == 3.25);
    assert_true(pl_stats_quantile_sorted(even, 4, 0.5) == 2.5);
    assert_true(pl_stats_quantile_sorted(even, 4, 0.0) == 1.0);
    assert_true(pl_stats_quantile_sorted(even, 4, 1.0) == 4.0);
    double one[] = {7};
    assert_true(pl_stats_quantile_sorted(one, 1, 0.3) == 7.0);
    assert_true(isnan(pl_stats_median_sorted(one, 0)));
}

/* The selection's median of integers against the sort's: every size to 60, values from a
 * narrow range (many ties) and a wide one (negatives), odd and even counts. */
static void integer_medians_match_the_sorted_median(void **state)
{
    (void)state;
    unsigned long long s = 12345;
    for (size_t n = 1; n <= 60; n++)
        for (int trial = 0; trial < 40; trial++) {
            int x[60];
            double d[60];
            int range = trial % 2 ? 3 : 1000;
            for (size_t i = 0; i < n; i++) {
                s = s * 6364136223846793005ull + 1442695040888963407ull;
                x[i] = (int)((s >> 33) % (unsigned)range) - (trial % 4 == 3 ? 500 : 0);
                d[i] = x[i];
            }
            pl_stats_sort(d, n);
            assert_true(pl_stats_median_int(x, n) == pl_stats_median_sorted(d, n));
        }
    int desc[] = {9, 8, 7, 6, 5, 4, 3, 2};
    assert_true(pl_stats_median_int(desc, 8) == 5.5);
    int same[] = {4, 4, 4, 4};
    assert_true(pl_stats_median_int(same, 4) == 4.0);
    assert_true(isnan(pl_stats_median_int(same, 0)));
}

static void histogram_quantiles_are_periods_reached(void **state)
{
    (void)state;
    /* two runs at 0, three at 2, five at 3: ten in all */
    uint64_t h[] = {2, 0, 3, 5};
    assert_int_equal(pl_stats_hist_quantile(h, 4, 10, 0.1), 0); /* the 1st value */
    assert_int_equal(pl_stats_hist_quantile(h, 4, 10, 0.2), 0); /* the 2nd */
    assert_int_equal(pl_stats_hist_quantile(h, 4, 10, 0.5), 2); /* the 5th */
    assert_int_equal(pl_stats_hist_quantile(h, 4, 10, 0.9), 3); /* the 9th */
    assert_int_equal(pl_stats_hist_quantile(h, 4, 10, 0.0), 0); /* at least one value */
    assert_int_equal(pl_stats_hist_quantile(h, 4, 0, 0.5), -1);
    assert_int_equal(pl_stats_hist_quantile(h, 4, 20, 1.0), 3); /* fewer than total: the last bin */
}

static void wilson_and_normal_intervals(void **state)
{
    (void)state;
    double p, lo, hi;
    /* 8 of 10 at z = 1.96: centre (0.8 + z^2/20) / (1 + z^2/10) = 0.716739, half-width
     * z sqrt(0.016 + z^2/400) / (1 + z^2/10) = 0.226578 */
    pl_stats_wilson(8, 10, PL_STATS_Z95, &p, &lo, &hi);
    assert_true(p == 0.8);
    CLOSE(lo, 0.490162, 1e-6);
    CLOSE(hi, 0.943318, 1e-6);
    /* none of 20: the interval starts at 0 and reaches z^2 / (20 + z^2) = 0.161125 */
    pl_stats_wilson(0, 20, PL_STATS_Z95, &p, &lo, &hi);
    assert_true(p == 0.0 && lo == 0.0);
    CLOSE(hi, 0.161125, 1e-6);
    pl_stats_wilson(20, 20, PL_STATS_Z95, &p, &lo, &hi);
    assert_true(hi == 1.0);
    CLOSE(lo, 1 - 0.161125, 1e-6);
    pl_stats_wilson(0, 0, PL_STATS_Z95, &p, &lo, &hi);
    assert_true(isnan(p) && isnan(lo) && isnan(hi));
    /* mean 10, variance 4, 16 values, z 2: 10 +- 2 sqrt(4 / 16) = 10 +- 1 */
    pl_stats_normal_interval(10, 4, 16, 2, &lo, &hi);
    assert_true(lo == 9.0 && hi == 11.0);
}

/* Beta(a, b) draws: their mean and variance are a / (a + b) and ab / ((a + b)^2 (a + b + 1)):
 * Beta(4, 11) 0.266667 and 0.012222 (sd 0.110554); 40,000 draws put the sample mean within
 * 0.0028 (5 standard errors of 0.00055) and the variance within 0.0015 of them.  Beta(1, 1) is
 * uniform: mean 0.5.  Every draw lies in [0, 1], and the same stream gives the same draws. */
static void beta_draws_have_the_beta_mean_and_variance(void **state)
{
    (void)state;
    pl_rng r, r2;
    pl_rng_init(&r, 11, 0, 0);
    pl_rng_init(&r2, 11, 0, 0);
    pl_spread s = {0}, u = {0};
    for (int i = 0; i < 40000; i++) {
        double x = pl_stats_beta_int(&r, 4, 11), y = pl_stats_beta_int(&r, 1, 1);
        assert_true(x >= 0 && x <= 1 && y >= 0 && y <= 1);
        pl_spread_add(&s, x);
        pl_spread_add(&u, y);
    }
    assert_true(fabs(s.mean - 4.0 / 15.0) < 0.0028);
    assert_true(fabs(pl_spread_variance(&s, 1) - 44.0 / (225.0 * 16.0)) < 0.0015);
    assert_true(fabs(u.mean - 0.5) < 0.01);
    pl_rng_init(&r, 11, 0, 0);
    for (int i = 0; i < 10; i++) assert_true(pl_stats_beta_int(&r, 3, 2) == pl_stats_beta_int(&r2, 3, 2));
}

static void paired_difference_of_two_proportions(void **state)
{
    (void)state;
    double d, lo, hi;
    /* 100 runs, 20 where only the first succeeded, 10 only the second, z = 2 (Bonett and Price):
     * a = 21/102, b = 11/102, centre a - b, half-width 2 sqrt((a + b - (a - b)^2) / 102) */
    pl_stats_paired_diff(20, 10, 100, 2, &d, &lo, &hi);
    assert_true(d == 0.1);
    CLOSE(lo, -0.011167, 1e-6);
    CLOSE(hi, 0.207246, 1e-6);
    /* no run disagrees: the estimate is 0 and the interval is not empty */
    pl_stats_paired_diff(0, 0, 50, 2, &d, &lo, &hi);
    assert_true(d == 0.0);
    CLOSE(lo, -0.054393, 1e-6);
    CLOSE(hi, 0.054393, 1e-6);
    pl_stats_paired_diff(0, 0, 0, 2, &d, &lo, &hi);
    assert_true(isnan(d) && isnan(lo) && isnan(hi));
}

/* numpy's sum, mean and deviation to the bit.  Values: numpy 1.24 (Debian's), from
 *   x = np.array([(i*0.1 + 1/(i+3)) * (-1)**(i%3) for i in range(n)])
 *   np.sum(x), np.mean(x), np.std(x)
 * for n = 7 (a plain loop), 13 (8 interleaved sums and a rest), 200 and 1000 (halves); at 200
 * and 1000 numpy's sum differs from the plain loop's (651.4885588667604, 16718.625683851973),
 * so an index-order sum fails here. */
static void numpy_sums_to_the_bit(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        double sum, mean, sd;
    } want[] = {{7, 1.6432539682539684, 0.23475056689342405, 0.44986219766058855},
                {13, 4.078668553668554, 0.31374373489758106, 0.7369295020071357},
                {200, 651.4885588667607, 3.257442794333804, 11.041415332780783},
                {1000, 16718.625683851984, 16.718625683851982, 55.21792604489131}};
    double x[1000];
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        for (size_t i = 0; i < want[k].n; i++) x[i] = ((double)i * 0.1 + 1.0 / (double)(i + 3)) * (i % 3 == 1 ? -1 : 1);
        assert_true(pl_stats_np_sum(x, want[k].n) == want[k].sum);
        assert_true(pl_stats_np_mean(x, want[k].n) == want[k].mean);
        assert_true(pl_stats_np_std(x, want[k].n) == want[k].sd);
    }
    assert_true(isnan(pl_stats_np_mean(x, 0)));
}

/* numpy's mean and deviation of n copies of one value, made without the array (a tournament's
 * pair played once), are those of the array to the bit: every n from 0 to 700 (below 8, the
 * partial sums up to 128, the halves past it), values of every size and sign, a tenth, a third,
 * a seventh and numbers whose sums round (the deviation of copies is then not 0). */
static void numpy_of_copies_to_the_bit(void **state)
{
    (void)state;
    static double x[700];
    double vs[40] = {0, -0.0, 1, -1, 0.1, 1.0 / 3, -1.0 / 7, 2.345, 3.0000000000000004, 1e-300, -7.5e250,
                     4.9406564584124654e-324, 0x1.fffffffffffffp-1, 1.0 / 199, 599.0 / 200, -441.0 / 200};
    uint64_t z = 0x9e3779b97f4a7c15ull;
    for (int k = 16; k < 40; k++) { /* random doubles of several magnitudes */
        z ^= z << 13, z ^= z >> 7, z ^= z << 17;
        vs[k] = ((double)(z >> 11) * 0x1.0p-53 - 0.5) * pow(10, (double)(k % 12) - 4);
    }
    long rounded = 0;
    for (int k = 0; k < 40; k++) {
        for (size_t i = 0; i < 700; i++) x[i] = vs[k];
        for (size_t n = 0; n <= 700; n++) {
            double m = pl_stats_np_mean(x, n), d = pl_stats_np_std(x, n);
            double ms = pl_stats_np_mean_same(vs[k], n), ds = pl_stats_np_std_same(vs[k], n);
            if (!(memcmp(&m, &ms, sizeof m) == 0 && memcmp(&d, &ds, sizeof d) == 0))
                fail_msg("%a copied %zu times: mean %a, %a; deviation %a, %a", vs[k], n, m, ms, d, ds);
            rounded += n > 0 && d != 0;
        }
    }
    assert_true(rounded > 1000); /* the sums rounded often: the test of the order of the additions */
}

/* Kahan's sum keeps what a plain sum drops: 1 + 1e-16 ten times is 1 + 1e-15 to within a bit. */
static void compensated_sum_keeps_small_terms(void **state)
{
    (void)state;
    pl_kahan k = {0, 0};
    double plain = 1;
    pl_kahan_add(&k, 1);
    for (int i = 0; i < 10; i++) pl_kahan_add(&k, 1e-16), plain += 1e-16;
    assert_true(plain == 1);
    assert_true(k.sum > 1 && fabs(k.sum - (1 + 1e-15)) <= 2.3e-16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numpy_sums_to_the_bit),
        cmocka_unit_test(numpy_of_copies_to_the_bit),
        cmocka_unit_test(compensated_sum_keeps_small_terms),
        cmocka_unit_test(paired_difference_of_two_proportions),
        cmocka_unit_test(beta_draws_have_the_beta_mean_and_variance),
        cmocka_unit_test(mean_and_deviation_of_a_textbook_sample),
        cmocka_unit_test(large_offsets_keep_their_spread),
        cmocka_unit_test(identical_values_have_no_spread_at_all),
        cmocka_unit_test(blocks_folded_in_order_agree_with_one_pass),
        cmocka_unit_test(medians_and_linear_quantiles),
        cmocka_unit_test(integer_medians_match_the_sorted_median),
        cmocka_unit_test(histogram_quantiles_are_periods_reached),
        cmocka_unit_test(wilson_and_normal_intervals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
