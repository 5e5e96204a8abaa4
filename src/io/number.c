// SPDX-License-Identifier: MIT
/* number.c — the shortest round-trip text of a double (see number.h).
 *
 * What is written (the definition, and pl_num_shortest_reference's way of finding it): the
 * smallest count of significant digits p whose "%.<p-1>e" text (x correctly rounded to p digits,
 * ties to even) parses back to the same bits, found by bisection with 15 tried first, 17 taken as
 * reading back always (IEEE 754 binary64), laid out as Python's repr lays it out: plain decimals
 * for exponents -4 to 15 ("100", "0.0001", "2.5"), an exponent beyond ("1e-05", "1e+16"), so a
 * count stays "200" where a bare %g would write "2e+02"; a whole number below 10^15 is written
 * whole ("%.0f").  The reference finds it with up to six printf/strtod pairs a number, which made
 * printing most of the time a tournament's results took (docs/performance.md, "Writing results").
 *
 * How pl_num_shortest finds the same text without printf or strtod, after Ryu (Ulf Adams, "Ryu:
 * fast float-to-string conversion", PLDI 2018): x = m 2^e and the ends of the interval of reals
 * that read back as x (halfway to each neighbour; the ends read back as x when m is even) are
 * scaled by 10^-e10, e10 chosen so that the scaled x has 18 or 19 digits, through one multiply by
 * a 128-bit power of ten (number_pow10.h, made by tools/gen_pow10.py, rounded up so the product
 * is above the exact one by less than 2^-65, too little to cross an integer unless the exact
 * value is one — which divisibility tells, or else the rare case goes to the reference).  The
 * floors of the three give the integers L..H that read back; digits come off all three while a
 * multiple of 10 stays in L..H, and the shortest is x's own digits rounded there, ties to even.
 * That it is the reference's p: a p-digit decimal closer to x than one in the interval is in it
 * when the interval is symmetric about x, so "p digits read back" only grows with p and the
 * bisection ends at the smallest p.  The interval is lopsided only for a power of two (the
 * neighbour below is half as far): there the reference's own bisection is replayed, each probe
 * x rounded to p digits from the scaled integer and checked against L..H.  The tests compare
 * the two functions on millions of doubles (tests/unit/test_number.c). */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/number.h"
#include "io/number_pow10.h"

__extension__ typedef unsigned __int128 num_u128; /* gcc and clang: no warning under -pedantic */

int pl_num_shortest_reference(char buf[PL_NUM_BUF], double x)
{
    assert(isfinite(x));
    if (x == floor(x) && fabs(x) < 1e15) return snprintf(buf, PL_NUM_BUF, "%.0f", x);
    /* most computed numbers need 16 or 17 digits: 15 tried first settles them in two or three
     * tries; a shorter one is then bisected within 1..15 */
    int lo = 16, hi = 17; /* hi digits read back; the answer is in [lo, hi] */
    snprintf(buf, PL_NUM_BUF, "%.*e", 14, x);
    if (strtod(buf, NULL) == x) lo = 1, hi = 15;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        snprintf(buf, PL_NUM_BUF, "%.*e", mid - 1, x);
        if (strtod(buf, NULL) == x) hi = mid;
        else lo = mid + 1;
    }
    int len = snprintf(buf, PL_NUM_BUF, "%.*e", hi - 1, x);
    int exp10 = atoi(strchr(buf, 'e') + 1);
    if (exp10 < -4 || exp10 >= 16) return len; /* 1.5e-05, 1e+16: as %g and Python write them */
    int decimals = hi - 1 - exp10;
    return snprintf(buf, PL_NUM_BUF, "%.*f", decimals > 0 ? decimals : 0, x);
}

/* floor(v / 2^32) for any sign (>> of a negative number is the compiler's choice in C) */
static int floor_shift32(int64_t v)
{
    return v >= 0 ? (int)(v >> 32) : -(int)((-v + 0xffffffff) >> 32);
}

/* floor(e log10 2) and floor(k log2 10) for |e| < 1100, |k| < 400 (test_number.c checks every one) */
int pl_num_floor_log10_pow2(int e) { return floor_shift32((int64_t)e * 1292913986); }
int pl_num_floor_log2_pow10(int k) { return floor_shift32((int64_t)k * 3566893131 * 4); }

static const uint64_t POW10[20] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
    10000000000000000000u};

static int digit_count(uint64_t v)
{
    int n = 1;
    while (n < 20 && v >= POW10[n]) n++;
    return n;
}

/* floor(m T 2^-shift) for the 128-bit T, shift in [121, 124]; *frac gets the top 64 bits of
 * what the floor drops */
static uint64_t mul_shift(uint64_t m, const uint64_t t[2], int shift, uint64_t *frac)
{
    num_u128 low = (num_u128)m * t[1], high = (num_u128)m * t[0];
    uint64_t w0 = (uint64_t)low;
    num_u128 mid = (low >> 64) + (uint64_t)high;
    uint64_t w1 = (uint64_t)mid;
    uint64_t w2 = (uint64_t)(high >> 64) + (uint64_t)(mid >> 64);
    *frac = (w1 << (128 - shift)) | (w0 >> (shift - 64));
    return (w2 << (128 - shift)) | (w1 >> (shift - 64));
}

/* x's text from its significant digits (digits, p of them, p <= 17) and decimal exponent: the
 * reference's layout.  -1 when it would be "%.0f" of a number that is not whole (never, by the
 * argument below, but then the reference decides). */
static int layout(char buf[PL_NUM_BUF], int negative, uint64_t digits, int p, int exp10, double x)
{
    char d[20];
    for (int i = p - 1; i >= 0; i--) d[i] = (char)('0' + digits % 10), digits /= 10;
    char *o = buf;
    if (negative) *o++ = '-';
    if (exp10 < -4 || exp10 >= 16) {
        *o++ = d[0];
        if (p > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)(p - 1));
            o += p - 1;
        }
        *o++ = 'e';
        *o++ = exp10 < 0 ? '-' : '+';
        int a = abs(exp10);
        if (a >= 100) *o++ = (char)('0' + a / 100);
        *o++ = (char)('0' + a / 10 % 10);
        *o++ = (char)('0' + a % 10);
    } else if (exp10 < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = -1; i > exp10; i--) *o++ = '0';
        memcpy(o, d, (size_t)p);
        o += p;
    } else if (exp10 < p) {
        memcpy(o, d, (size_t)exp10 + 1);
        o += exp10 + 1;
        if (p > exp10 + 1) {
            *o++ = '.';
            memcpy(o, d + exp10 + 1, (size_t)(p - exp10 - 1));
            o += p - exp10 - 1;
        }
    } else {
        /* "%.0f" of x itself: a decimal with fewer digits than x's integer part reads back as
         * x only when x is whole (a whole decimal below 2^53 is a double of its own, and every
         * double from 2^52 up is whole), so x is written whole */
        if (x != floor(x)) return -1;
        uint64_t whole = (uint64_t)fabs(x);
        int n = digit_count(whole);
        for (int i = n - 1; i >= 0; i--) o[i] = (char)('0' + whole % 10), whole /= 10;
        o += n;
    }
    *o = '\0';
    return (int)(o - buf);
}

static int whole_number(char buf[PL_NUM_BUF], double x)
{
    char *o = buf;
    if (signbit(x)) *o++ = '-'; /* "%.0f" writes -0 as "-0" */
    uint64_t v = (uint64_t)fabs(x);
    int n = digit_count(v);
    for (int i = n - 1; i >= 0; i--) o[i] = (char)('0' + v % 10), v /= 10;
    o[n] = '\0';
    return (int)(o - buf) + n;
}

/* x scaled by 10^-e10: the floors of x and of the ends of its interval, which of them are whole */
typedef struct {
    uint64_t v, lo, hi;
    int v_whole;
    int e10;
} scaled;

/* whether m 2^e2 10^-e10 is a whole number (e10 = floor(e2 log10 2) - 1) */
static int scaled_is_whole(uint64_t m, int e2, int e10)
{
    if (e10 >= 0) { /* m 2^(e2 - e10) / 5^e10, e2 > e10: whole when 5^e10 divides m < 2^56 */
        if (e10 > 24) return 0;
        uint64_t p5 = 1;
        for (int i = 0; i < e10; i++) p5 *= 5;
        return m % p5 == 0;
    }
    int twos = -(e2 - e10); /* m 5^-e10 / 2^twos */
    return twos <= 0 || (twos < 64 && __builtin_ctzll(m) >= twos);
}

/* The shortest text without printf, or -1 for the rare number the reference must decide. */
static int shortest_fast(char buf[PL_NUM_BUF], double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int negative = (int)(bits >> 63);
    int biased = (int)(bits >> 52 & 0x7ff);
    uint64_t fraction = bits & ((UINT64_C(1) << 52) - 1);
    uint64_t m = biased ? fraction | UINT64_C(1) << 52 : fraction;
    int e2 = (biased ? biased : 1) - 1075 - 2; /* x = 4m 2^e2 */
    int lopsided = fraction == 0 && biased > 1;
    int inclusive = (m & 1) == 0; /* an end of the interval reads back as x, ties to even */
    uint64_t mv = 4 * m, mp = mv + 2, mm = mv - (lopsided ? 1 : 2);

    int e10 = pl_num_floor_log10_pow2(e2) - 1;
    int k = -e10;
    if (k < PL_NUM_POW10_MIN || k > PL_NUM_POW10_MAX) return -1;
    int shift = -(e2 + pl_num_floor_log2_pow10(k) - 127);
    if (shift < 121 || shift > 124) return -1;
    const uint64_t *t = pl_num_pow10[k - PL_NUM_POW10_MIN];
    uint64_t fv, fm, fp;
    uint64_t v = mul_shift(mv, t, shift, &fv);
    uint64_t lo = mul_shift(mm, t, shift, &fm);
    uint64_t hi = mul_shift(mp, t, shift, &fp);
    int v_whole = scaled_is_whole(mv, e2, e10);
    int lo_whole = scaled_is_whole(mm, e2, e10);
    int hi_whole = scaled_is_whole(mp, e2, e10);
    /* the products are at most 2^-65 above the exact values: a floor is right unless the
     * product lies within 2^-64 above an integer the exact value may be just below */
    if ((fv == 0) != v_whole || (fm == 0) != lo_whole || (fp == 0) != hi_whole) return -1;
    uint64_t first = lo_whole && inclusive ? lo : lo + 1; /* the integers that read back */
    uint64_t last = hi_whole && !inclusive ? hi - 1 : hi;

    uint64_t digits;
    int p, exp10;
    if (!lopsided) {
        /* 4 ulp of x are 40..400 units here, so at least one digit comes off */
        int removed = 0, below = !v_whole, dropped = 0;
        uint64_t r = v;
        for (;;) {
            uint64_t f10 = (first + 9) / 10, l10 = last / 10;
            if (f10 > l10) break;
            below |= dropped != 0;
            dropped = (int)(r % 10);
            r /= 10;
            first = f10, last = l10;
            removed++;
        }
        digits = r + (dropped > 5 || (dropped == 5 && (below || (r & 1))));
        if (digits < first || digits > last) return -1; /* not for a symmetric interval */
        p = digit_count(digits);
        exp10 = e10 + removed + p - 1;
    } else {
        /* the reference's bisection, each probe x rounded to p digits and tried against first..last */
        int len = digit_count(v); /* 18 or 19 for a normal x */
        uint64_t probe[18];
        int lo_p = 16, hi_p = 17;
        for (int q = 1; q <= 17; q++) {
            uint64_t unit = POW10[len - q], quot = v / unit, rem = v % unit, half = unit / 2;
            quot += rem > half || (rem == half && (!v_whole || (quot & 1)));
            probe[q] = quot;
        }
#define READS_BACK(q) (probe[q] * POW10[len - (q)] >= first && probe[q] * POW10[len - (q)] <= last)
        if (READS_BACK(15)) lo_p = 1, hi_p = 15;
        while (lo_p < hi_p) {
            int mid = lo_p + (hi_p - lo_p) / 2;
            if (READS_BACK(mid)) hi_p = mid;
            else lo_p = mid + 1;
        }
#undef READS_BACK
        p = hi_p;
        digits = probe[p];
        exp10 = e10 + len - 1;
        if (digits == POW10[p]) digits /= 10, exp10++; /* 9.96 to 2 digits is 1.0e+01 */
    }
    return layout(buf, negative, digits, p, exp10, x);
}

int pl_num_shortest(char buf[PL_NUM_BUF], double x)
{
    assert(isfinite(x));
    if (x == floor(x) && fabs(x) < 1e15) return whole_number(buf, x);
    int len = shortest_fast(buf, x);
    return len >= 0 ? len : pl_num_shortest_reference(buf, x);
}
