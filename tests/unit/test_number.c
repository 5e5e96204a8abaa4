// SPDX-License-Identifier: MIT
/* test_number.c — io/number.c: the shortest text that reads back to the same double, and the
 * CSV and JSON writers that use it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/rng.h"
#include "io/csv.h"
#include "io/json_writer.h"
#include "io/number.h"
#include "io/number_pow10.h"

static const char *shortest(double x)
{
    static char buf[PL_NUM_BUF];
    pl_num_shortest(buf, x);
    return buf;
}

/* The texts Python's repr gives (the reference library's CSV), without its ".0" after a whole
 * number. */
static void known_values(void **state)
{
    (void)state;
    assert_string_equal(shortest(0.1), "0.1");
    assert_string_equal(shortest(2.0 / 3.0), "0.6666666666666666");
    assert_string_equal(shortest(0.1 + 0.2), "0.30000000000000004");
    assert_string_equal(shortest(2.6), "2.6");
    assert_string_equal(shortest(3), "3");
    assert_string_equal(shortest(0), "0");
    assert_string_equal(shortest(-0.5), "-0.5");
    assert_string_equal(shortest(1e-5), "1e-05");
    assert_string_equal(shortest(1.5e-5), "1.5e-05");
    assert_string_equal(shortest(0.0001), "0.0001");
    assert_string_equal(shortest(200), "200"); /* a bare %g would write 2e+02 */
    assert_string_equal(shortest(123456.5), "123456.5");
    assert_string_equal(shortest(1e16), "1e+16");
    assert_string_equal(shortest(1.25e20), "1.25e+20");
    assert_string_equal(shortest(-2.5), "-2.5");
    assert_string_equal(shortest(DBL_MAX), "1.7976931348623157e+308");
    assert_string_equal(shortest(5e-324), "5e-324");
    assert_string_equal(shortest(0.001), "0.001");
}

/* Every text reads back to the same bits, and one digit fewer would not. */
static void random_doubles_round_trip_and_are_shortest(void **state)
{
    (void)state;
    pl_rng r;
    pl_rng_init(&r, 42, 0, 0);
    for (int k = 0; k < 20000; k++) {
        uint64_t bits = pl_rng_next(&r);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (!isfinite(x)) continue;
        char buf[PL_NUM_BUF], fewer[400];
        int len = pl_num_shortest(buf, x);
        assert_int_equal(len, (int)strlen(buf));
        assert_true(strtod(buf, NULL) == x);
        int digits = 0, seen = 0; /* significant digits: leading zeros do not count */
        for (const char *c = buf; *c && *c != 'e'; c++) {
            if (*c >= '1' && *c <= '9') seen = 1;
            digits += seen && *c >= '0' && *c <= '9';
        }
        if (!strpbrk(buf, ".e")) /* a whole number: its trailing zeros are not significant */
            for (const char *c = buf + len - 1; c > buf && *c == '0' && digits > 1; c--) digits--;
        if (digits > 1) {
            snprintf(fewer, sizeof fewer, "%.*g", digits - 1, x);
            assert_true(strtod(fewer, NULL) != x);
        }
    }
}

/* ---- the fast way against the reference (printf and strtod), byte for byte ---- */

/* PARLEY_NUMBER_ROUNDS multiplies every count below (1 by default; the long runs of
 * docs/performance.md's "Writing results" set it in a release build of this file) */
static long rounds(void)
{
    const char *s = getenv("PARLEY_NUMBER_ROUNDS");
    long r = s ? atol(s) : 1;
    return r > 0 ? r : 1;
}

static long compared, differed;

/* x and -x written both ways; the first few differences are printed with their bits */
static void compare(double x)
{
    if (!isfinite(x)) return;
    for (int s = 0; s < 2; s++, x = -x) {
        char fast[PL_NUM_BUF], ref[PL_NUM_BUF];
        int lf = pl_num_shortest(fast, x), lr = pl_num_shortest_reference(ref, x);
        compared++;
        if (lf != lr || strcmp(fast, ref) != 0) {
            if (differed++ < 10) print_message("%a: fast \"%s\", reference \"%s\"\n", x, fast, ref);
        }
    }
}

static void compare_neighbours(double x, int each_side)
{
    double up = x, down = x;
    compare(x);
    for (int i = 0; i < each_side; i++) {
        up = nextafter(up, INFINITY);
        down = nextafter(down, -INFINITY);
        compare(up);
        compare(down);
    }
}

static double from_bits(uint64_t bits)
{
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static void check_none_differed(const char *what)
{
    print_message("%s: %ld texts compared, %ld differed\n", what, compared, differed);
    assert_int_equal(differed, 0);
    compared = differed = 0;
}

/* random bit patterns (every exponent alike), random values in [0, 1) as the engines draw them */
static void fast_equals_reference_on_random_doubles(void **state)
{
    (void)state;
    pl_rng r;
    pl_rng_init(&r, 2020, 1, 0);
    long n = 400000 * rounds();
    for (long i = 0; i < n; i++) compare(from_bits(pl_rng_next(&r)));
    for (long i = 0; i < n; i++) compare(pl_rng_uniform(&r));
    check_none_differed("random bits, [0, 1)");
}

/* what results hold: k / n (means, rates, shares), whole numbers of every size, short decimals
 * d 10^e with 1 to 4 digits at every exponent, and x 10^e scaled across the layout's switches */
static void fast_equals_reference_on_computed_numbers(void **state)
{
    (void)state;
    pl_rng r;
    pl_rng_init(&r, 2020, 2, 0);
    long n = rounds();
    for (long rep = 0; rep < n; rep++) {
        for (uint64_t d = 1; d <= 600; d++)
            for (uint64_t k = 0; k <= 2 * d; k++) compare((double)(k + 600 * rep * d) / (double)d);
        for (int i = 0; i < 100000; i++) { /* whole numbers up to 2^63, and halves */
            uint64_t v = pl_rng_next(&r) >> (pl_rng_next(&r) % 64);
            compare((double)v);
            compare((double)v + 0.5);
        }
        for (int i = 0; i < 200000; i++) { /* 1 to 17 random digits at a random exponent */
            int digits = 1 + (int)(pl_rng_next(&r) % 17), e = (int)(pl_rng_next(&r) % 640) - 330;
            uint64_t m = pl_rng_next(&r) % 100000000000000000u;
            for (int j = digits; j < 17; j++) m /= 10;
            char text[64];
            snprintf(text, sizeof text, "%llue%d", (unsigned long long)m, e);
            compare(strtod(text, NULL));
        }
        for (int i = 0; i < 100000; i++) { /* across 1e-5..1e-3 and 1e14..1e17 */
            double u = pl_rng_uniform(&r);
            compare(1e-5 * pow(100.0, u));
            compare(1e14 * pow(1000.0, u));
        }
    }
    check_none_differed("k/n, whole numbers, short decimals, the layout's ranges");
}

/* the edges: subnormals (the smallest ones all, then random), powers of 10 and 2 and their
 * neighbours (a power of 2 is where the interval that reads back is lopsided), the largest and
 * smallest doubles, zeros, the layout's switches 1e-4 / 1e-5 and 1e15 / 1e16 */
static void fast_equals_reference_at_the_edges(void **state)
{
    (void)state;
    pl_rng r;
    pl_rng_init(&r, 2020, 3, 0);
    for (uint64_t b = 0; b < 50000 * (uint64_t)rounds(); b++) compare(from_bits(b));
    for (int i = 0; i < 100000; i++) compare(from_bits(pl_rng_next(&r) >> 12)); /* subnormal */
    for (int i = 0; i < 20000; i++) compare(from_bits((pl_rng_next(&r) >> 12) | UINT64_C(1) << 52));
    for (int e = -325; e <= 308; e++) {
        char text[32];
        snprintf(text, sizeof text, "1e%d", e);
        compare_neighbours(strtod(text, NULL), 40);
    }
    for (int e = -1074; e <= 1023; e++) compare_neighbours(ldexp(1.0, e), 40);
    for (int e = -1074; e <= 1023; e++) /* 3 2^e, 5 2^e: short mantissas */
        for (int m = 3; m < 64; m += 2) compare(ldexp((double)m, e));
    compare_neighbours(DBL_MAX, 1000);
    compare_neighbours(DBL_MIN, 1000);
    compare_neighbours(5e-324, 1000);
    compare_neighbours(0.0, 1000);
    compare(-0.0);
    double switches[] = {1e-4, 1e-5, 1e15, 1e16, 9.9999999999999995e-5, 9.999999999999999e14,
                         9.999999999999999e15, 1e15 + 0.5, 1e15 - 0.5, 4503599627370496.5};
    for (size_t i = 0; i < sizeof switches / sizeof switches[0]; i++)
        compare_neighbours(switches[i], 5000);
    check_none_differed("the edges");
    char buf[PL_NUM_BUF];
    assert_int_equal(pl_num_shortest(buf, -0.0), 2);
    assert_string_equal(buf, "-0"); /* as "%.0f" writes it, and as before */
}

/* a number with n 32-bit limbs, least significant first */
typedef struct {
    uint32_t limb[40];
    int n;
} bignum;

static void big_mul_small(bignum *b, uint32_t f)
{
    uint64_t carry = 0;
    for (int i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->limb[i] * f + carry;
        b->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) b->limb[b->n++] = (uint32_t)carry;
}

/* b /= f; whether the remainder was not zero */
static int big_div_small(bignum *b, uint32_t f)
{
    uint64_t rem = 0;
    for (int i = b->n - 1; i >= 0; i--) {
        uint64_t t = rem << 32 | b->limb[i];
        b->limb[i] = (uint32_t)(t / f);
        rem = t % f;
    }
    while (b->n > 0 && b->limb[b->n - 1] == 0) b->n--;
    return rem != 0;
}

static int big_bits(const bignum *b)
{
    return b->n == 0 ? 0 : 32 * (b->n - 1) + 32 - __builtin_clz(b->limb[b->n - 1]);
}

static int big_bit(const bignum *b, int i) { return i >= 0 && (b->limb[i / 32] >> (i % 32)) & 1; }

/* number_pow10.h, entry by entry: 10^k's top 128 bits, rounded up (for k < 0, 2^(127 + bits of
 * 10^-k) / 10^-k rounded up), from this file's own arithmetic; and the logarithms' formulas */
static void powers_of_ten_table_is_right(void **state)
{
    (void)state;
    for (int k = PL_NUM_POW10_MIN; k <= PL_NUM_POW10_MAX; k++) {
        bignum b = {{1}, 1};
        int up = 0, t;
        if (k >= 0) {
            for (int i = 0; i < k; i++) big_mul_small(&b, 10);
            int bits = big_bits(&b);
            t = bits - 128;
            bignum top = {{0}, 4};
            for (int i = 0; i < 128; i++)
                if (big_bit(&b, t + i)) top.limb[i / 32] |= UINT32_C(1) << (i % 32);
            for (int i = 0; i < t; i++) up |= big_bit(&b, i);
            b = top;
        } else {
            bignum d = {{1}, 1};
            for (int i = 0; i < -k; i++) big_mul_small(&d, 10);
            int bits = big_bits(&d);
            t = -bits - 127;
            b.n = (127 + bits) / 32 + 1;
            memset(b.limb, 0, sizeof b.limb);
            b.limb[(127 + bits) / 32] = UINT32_C(1) << ((127 + bits) % 32);
            for (int i = 0; i < -k; i++) up |= big_div_small(&b, 10);
        }
        uint64_t hi = (uint64_t)b.limb[3] << 32 | b.limb[2], lo = (uint64_t)b.limb[1] << 32 | b.limb[0];
        lo += (uint64_t)up;
        hi += up && lo == 0;
        assert_true(hi >> 63); /* 2^127 <= T < 2^128 */
        assert_true(hi == pl_num_pow10[k - PL_NUM_POW10_MIN][0]);
        assert_true(lo == pl_num_pow10[k - PL_NUM_POW10_MIN][1]);
        assert_int_equal(pl_num_floor_log2_pow10(k), t + 127);
    }
    for (int e = -1099; e < 1100; e++)
        assert_int_equal(pl_num_floor_log10_pow2(e), (int)floorl((long double)e * log10l(2.0L)));
    for (int k = -399; k < 400; k++)
        assert_int_equal(pl_num_floor_log2_pow10(k), (int)floorl((long double)k * log2l(10.0L)));
}

/* CSV cells and JSON reals both write it; NaN stays an empty cell and a JSON null. */
static void writers_use_it(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    pl_csv_row(f, "ggg\n", 2.0 / 3.0, NAN, 0.1);
    pl_jw w;
    pl_jw_init(&w, f, -1, PL_JW_SHORTEST);
    pl_jw_array(&w);
    pl_jw_num(&w, 2.0 / 3.0);
    pl_jw_num(&w, 3);
    pl_jw_num(&w, 1e-5);
    pl_jw_num(&w, NAN);
    pl_jw_end(&w);
    assert_int_equal(pl_jw_finish(&w), 0);
    fclose(f);
    assert_string_equal(text, "0.6666666666666666,,0.1\n[0.6666666666666666,3.0,1e-5,null]");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_values),
        cmocka_unit_test(random_doubles_round_trip_and_are_shortest),
        cmocka_unit_test(writers_use_it),
        cmocka_unit_test(fast_equals_reference_on_random_doubles),
        cmocka_unit_test(fast_equals_reference_on_computed_numbers),
        cmocka_unit_test(fast_equals_reference_at_the_edges),
        cmocka_unit_test(powers_of_ten_table_is_right),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
