// SPDX-License-Identifier: MIT
/* test_rng_below.c — pl_rng_below_fixed (core/rng_below.h) is pl_rng_below without its divisions:
 * the same value and the same draws for every bound, and x % n exact on the edges of the method. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/rng_below.h"

/* The bounds: small ones, powers of two and their neighbours, and the largest. */
static size_t bounds(uint64_t *out)
{
    size_t k = 0;
    for (uint64_t n = 1; n <= 1100; n++) out[k++] = n;
    for (int e = 11; e < 64; e++) {
        uint64_t p = UINT64_C(1) << e;
        out[k++] = p - 1;
        out[k++] = p;
        out[k++] = p + 1;
    }
    out[k++] = UINT64_MAX - 1;
    out[k++] = UINT64_MAX;
    out[k++] = 1000000;            /* the most outcomes a Moran pair caches */
    out[k++] = UINT64_C(10000000019); /* a prime past 2^32 */
    return k;
}

/* x % n on the values where a multiply-and-shift remainder goes wrong first: around the
 * multiples of n and at the top of the range. */
static void bound_mod_is_the_remainder(void **state)
{
    (void)state;
    static uint64_t ns[1400];
    size_t count = bounds(ns);
    pl_rng r;
    pl_rng_init(&r, 5, 0, 0);
    for (size_t i = 0; i < count; i++) {
        pl_rng_bound b;
        pl_rng_bound_init(&b, ns[i]);
        uint64_t n = ns[i], top = UINT64_MAX / n * n;
        uint64_t xs[] = {0, 1, n - 1, n, n + 1, 2 * n - 1, 2 * n, top - 1, top,
                         UINT64_MAX, UINT64_MAX - 1, UINT64_MAX / 2, UINT64_MAX / 2 + 1};
        for (size_t k = 0; k < sizeof xs / sizeof *xs; k++) assert_true(pl_rng_bound_mod(&b, xs[k]) == xs[k] % n);
        for (int k = 0; k < 200; k++) {
            uint64_t x = pl_rng_next(&r);
            assert_true(pl_rng_bound_mod(&b, x) == x % n);
            x >>= k % 64; /* small values too */
            assert_true(pl_rng_bound_mod(&b, x) == x % n);
        }
    }
}

/* The same values and the same draws as pl_rng_below, including the rejected ones: a bound of
 * 2^63 + 1 rejects almost half the draws. */
static void below_fixed_is_pl_rng_below(void **state)
{
    (void)state;
    static uint64_t ns[1400];
    size_t count = bounds(ns);
    for (size_t i = 0; i < count; i++) {
        pl_rng a, c;
        pl_rng_init(&a, 11, i, 3);
        c = a;
        pl_rng_bound b;
        pl_rng_bound_init(&b, ns[i]);
        for (int k = 0; k < 64; k++) {
            uint64_t x = pl_rng_below(&a, ns[i]), y = pl_rng_below_fixed(&c, &b);
            assert_true(x == y);
            assert_true(x < ns[i]);
        }
        assert_memory_equal(a.s, c.s, sizeof a.s);
    }
    /* a bound that rejects: both streams advance alike past the rejections */
    pl_rng a, c;
    pl_rng_init(&a, 1, 2, 3);
    c = a;
    pl_rng_bound b;
    pl_rng_bound_init(&b, (UINT64_C(1) << 63) + 1);
    pl_rng probe = a;
    int rejected = 0;
    for (int k = 0; k < 1000; k++) rejected += pl_rng_next(&probe) >= b.limit;
    assert_true(rejected > 100);
    for (int k = 0; k < 1000; k++) assert_true(pl_rng_below(&a, b.n) == pl_rng_below_fixed(&c, &b));
    assert_memory_equal(a.s, c.s, sizeof a.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bound_mod_is_the_remainder),
        cmocka_unit_test(below_fixed_is_pl_rng_below),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
