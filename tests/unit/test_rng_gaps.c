// SPDX-License-Identifier: MIT
/* test_rng_gaps.c — the gaps between a Bernoulli process's successes (core/rng_gaps.h).
 *
 * The table's cuts are floor(c_g 2^64) exactly (c_g = 1 - (1 - p)^g), checked against 128-bit
 * arithmetic where it reaches and against long double everywhere; the rare comparison past the
 * first 64 bits decides with the chance the exact expansion gives; and drawn gaps have the law
 * (1 - p)^g p: their mean within five standard errors (a p off by 3 % is 14 of them away) and a
 * chi-square over the gap lengths.  Seeds are fixed: the outcomes do not change from run to run. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/rng_gaps.h"

__extension__ typedef unsigned __int128 u128;

static const double noises[] = {0.05, 0.01, 0.001, 1.0 / 16, 0x1.0p-53, 0.0123456789};

/* Every cut against long double, cuts rising, the guide counting the cuts below each step. */
static void cuts_are_floors(void **unused)
{
    (void)unused;
    for (size_t i = 0; i < sizeof noises / sizeof *noises; i++) {
        pl_rng_gaps gp;
        uint64_t cut = pl_rng_cut(noises[i]);
        pl_rng_gaps_init(&gp, cut);
        uint64_t e = cut >> 11;
        assert_int_equal(gp.e, e);
        assert_int_equal(gp.k, PL_RNG_GAPS_MAX);
        long double q = 1.0L - (long double)e / 0x1.0p53L;
        for (int g = 1; g <= gp.k; g++) {
            long double want = (1.0L - powl(q, g)) * 0x1.0p64L;
            if (fabsl((long double)gp.cut[g] - want) > 0x1.0p14L)
                fail_msg("noise %g, g %d: cut %llu, about %Lg", noises[i], g, (unsigned long long)gp.cut[g], want);
            assert_true(gp.cut[g] > gp.cut[g - 1]);
        }
        assert_true(gp.cut[gp.k + 1] == UINT64_MAX);
        for (int j = 0; j < PL_RNG_GAPS_GUIDE; j++) {
            int n = 0;
            for (int g = 1; g <= gp.k; g++) n += gp.cut[g] < (uint64_t)j << 52;
            assert_int_equal(gp.guide[j], n);
        }
        /* g = 1 and 2 exactly: c_1 2^64 = E 2^11; c_2 2^64 = E 2^12 - E^2 / 2^42 */
        assert_true(gp.cut[1] == e << 11 && gp.whole[1]);
        u128 sq = (u128)e * e;
        uint64_t hi = (uint64_t)(sq >> 42), rest = (uint64_t)(sq & ((UINT64_C(1) << 42) - 1));
        assert_true(gp.cut[2] == (e << 12) - hi - (rest != 0));
        assert_int_equal(gp.whole[2], rest == 0);
    }
}

/* p = 1/16: c_g 2^64 = 2^64 - 15^g 2^(64 - 4g), whole up to g = 16, then not. */
static void dyadic_noise(void **unused)
{
    (void)unused;
    pl_rng_gaps gp;
    pl_rng_gaps_init(&gp, pl_rng_cut(1.0 / 16));
    u128 p15 = 1;
    for (int g = 1; g <= 30; g++) {
        p15 *= 15;
        if (g <= 16) {
            assert_true(gp.cut[g] == (uint64_t)(((u128)1 << 64) - (p15 << (64 - 4 * g))));
            assert_true(gp.whole[g]);
        } else {
            u128 down = p15 >> (4 * g - 64), rest = p15 & (((u128)1 << (4 * g - 64)) - 1);
            assert_true(gp.cut[g] == (uint64_t)(((u128)1 << 64) - down - (rest != 0)));
            assert_int_equal(gp.whole[g], rest == 0);
        }
    }
}

/* The draw that falls on a cut: U >= c_g with the chance 1 - frac(c_g 2^64). */
static void tail_chance(void **unused)
{
    (void)unused;
    struct {
        double noise;
        int g;
    } cases[] = {{1.0 / 16, 20}, {1.0 / 16, 30}, {0.05, 2}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        pl_rng_gaps gp;
        uint64_t cut = pl_rng_cut(cases[c].noise);
        pl_rng_gaps_init(&gp, cut);
        int g = cases[c].g;
        double want; /* 1 - frac(c_g 2^64) = (part of the subtracted term below the point) */
        if (cases[c].noise == 1.0 / 16) {
            u128 p15 = 1;
            for (int i = 0; i < g; i++) p15 *= 15;
            int sh = 4 * g - 64;
            want = (double)(uint64_t)(p15 & (((u128)1 << sh) - 1)) / ldexp(1, sh);
        } else {
            uint64_t e = cut >> 11;
            u128 sq = (u128)e * e;
            want = (double)(uint64_t)(sq & ((UINT64_C(1) << 42) - 1)) / 0x1.0p42;
        }
        assert_false(gp.whole[g]);
        enum { N = 200000 };
        pl_rng r;
        pl_rng_init(&r, 17, c, 0);
        int yes = 0;
        for (int i = 0; i < N; i++) yes += pl_rng_gaps_tail(&gp, g, &r);
        double se = sqrt(want * (1 - want) / N);
        if (fabs(yes / (double)N - want) > 5 * se + 1e-12)
            fail_msg("noise %g, g %d: %d of %d at or above the cut, want %g", cases[c].noise, g, yes, N, want);
    }
}

/* Gaps of p = 0.05 and 0.001 (mostly past the table: the restart): their mean, the share at or
 * past the table's end, and a chi-square over the lengths. */
static void gaps_have_the_law(void **unused)
{
    (void)unused;
    static const double ps[] = {0.05, 0.001};
    for (size_t i = 0; i < 2; i++) {
        pl_rng_gaps gp;
        uint64_t cut = pl_rng_cut(ps[i]);
        pl_rng_gaps_init(&gp, cut);
        double p = (double)(cut >> 11) / 0x1.0p53, q = 1 - p;
        enum { N = 400000, BINS = 100 };
        static double bin[BINS + 1];
        memset(bin, 0, sizeof bin);
        double sum = 0;
        int past = 0;
        pl_rng r;
        pl_rng_init(&r, 23, i, 0);
        double width = ps[i] == 0.05 ? 1 : 50; /* lengths per bin */
        for (int n = 0; n < N; n++) {
            uint64_t g = pl_rng_gap(&gp, &r);
            sum += (double)g;
            past += g >= (uint64_t)gp.k;
            size_t b = (size_t)((double)g / width);
            bin[b < BINS ? b : BINS]++;
        }
        double mean = sum / N, want = q / p, se = sqrt(q) / p / sqrt((double)N);
        if (fabs(mean - want) > 5 * se) fail_msg("p %g: mean gap %g, want %g (se %g)", p, mean, want, se);
        double tail = pow(q, gp.k), se_t = sqrt(tail * (1 - tail) / N);
        if (fabs(past / (double)N - tail) > 5 * se_t) fail_msg("p %g: %d gaps past the table, want %g", p, past, tail * N);
        double chi = 0;
        for (int b = 0; b <= BINS; b++) {
            double lo = pow(q, b * width), hi = b < BINS ? pow(q, (b + 1) * width) : 0;
            double expect = N * (lo - hi);
            chi += (bin[b] - expect) * (bin[b] - expect) / expect;
        }
        /* 100 degrees of freedom: mean 100, standard deviation 14 */
        if (chi > 185) fail_msg("p %g: chi-square %g over %d bins", p, chi, BINS + 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cuts_are_floors),
        cmocka_unit_test(dyadic_noise),
        cmocka_unit_test(tail_chance),
        cmocka_unit_test(gaps_have_the_law),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
