// SPDX-License-Identifier: MIT
/* test_rng_pair.c — two xoshiro256** streams advanced together (core/rng_pair.h).
 *
 * The pair's words are exactly pl_rng_next's on each of the two streams it was given, step by
 * step (so the batched kernel's draws are the same on every machine and compiler, vectorised or
 * not), and the state it hands back is the scalar stream's after as many draws.  Seeds are
 * fixed: the outcomes do not change from run to run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/rng_pair.h"

/* Each word of each stream, for streams from several seeds and coordinates, against the scalar
 * generator run beside it. */
static void words_are_the_scalar_streams(void **unused)
{
    (void)unused;
    static const uint64_t seeds[][3] = {{1, 0, 0}, {1, 1, 0}, {42, 7, UINT64_MAX}, {UINT64_MAX, 3, 9}};
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++)
        for (size_t j = 0; j < sizeof seeds / sizeof *seeds; j++) {
            pl_rng a, b, a2, b2;
            pl_rng_init(&a, seeds[i][0], seeds[i][1], seeds[i][2]);
            pl_rng_init(&b, seeds[j][0], seeds[j][1], seeds[j][2]);
            pl_rng_pair r;
            pl_rng_pair_set(&r, &a, &b);
            for (int k = 0; k < 10000; k++) {
                uint64_t w[2];
                pl_rng_pair_next(&r, w);
                uint64_t wa = pl_rng_next(&a), wb = pl_rng_next(&b);
                if (w[0] != wa || w[1] != wb)
                    fail_msg("seeds %zu, %zu, word %d: %016llx %016llx, the streams %016llx %016llx", i, j, k,
                             (unsigned long long)w[0], (unsigned long long)w[1], (unsigned long long)wa,
                             (unsigned long long)wb);
            }
            pl_rng_pair_get(&r, 0, &a2);
            pl_rng_pair_get(&r, 1, &b2);
            for (int s = 0; s < 4; s++) {
                assert_true(a2.s[s] == a.s[s]);
                assert_true(b2.s[s] == b.s[s]);
            }
        }
}

/* A known state: xoshiro256** from the state {1, 2, 3, 4} gives 11520 and then 0 (its first two
 * outputs, worked by hand: 2 5 = 10, rotated 7 = 1280, 9 = 11520; the second from s1 = 0). */
static void known_words(void **unused)
{
    (void)unused;
    pl_rng a = {{1, 2, 3, 4}}, b = {{4, 3, 2, 1}};
    pl_rng_pair r;
    pl_rng_pair_set(&r, &a, &b);
    uint64_t w[2];
    pl_rng_pair_next(&r, w);
    assert_true(w[0] == 11520);
    assert_true(w[1] == 3 * 5 * 128 * 9);
    pl_rng_pair_next(&r, w);
    assert_true(w[0] == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_are_the_scalar_streams),
        cmocka_unit_test(known_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
