// SPDX-License-Identifier: MIT
/* rng_gaps.c — the table of pl_rng_gap, and the exact comparison for the rare draw that falls on
 * a cut (core/rng_gaps.h says why and how).  (2^53 - E)^g is computed in full, in 32-bit limbs. */
#include <string.h>

#include "core/rng_gaps.h"

enum { LIMBS = (53 * PL_RNG_GAPS_MAX + 31) / 32 + 2 };

/* q *= m (m <= 2^53), q of n limbs (the product fits). */
static void mul_small(uint32_t *q, int n, uint64_t m)
{
    uint64_t lo = m & 0xffffffffu, hi = m >> 32, carry = 0;
    uint32_t r[LIMBS];
    for (int i = 0; i < n; i++) {
        uint64_t t = (uint64_t)q[i] * lo + carry;
        r[i] = (uint32_t)t;
        carry = t >> 32;
    }
    carry = 0;
    for (int i = 0; i + 1 < n; i++) { /* + q hi, one limb up */
        uint64_t t = (uint64_t)q[i] * hi + r[i + 1] + carry;
        r[i + 1] = (uint32_t)t;
        carry = t >> 32;
    }
    memcpy(q, r, (size_t)n * sizeof *q);
}

/* d = 2^(53 g) - q (q = (2^53 - e)^g < 2^(53 g), q > 0): c_g 2^(53 g). */
static void complement(const uint32_t *q, int g, uint32_t *d)
{
    uint32_t borrow = 0; /* -q modulo 2^(32 LIMBS), then the bits from 53 g up cleared */
    for (int i = 0; i < LIMBS; i++) {
        uint64_t t = 0 - (uint64_t)q[i] - borrow;
        d[i] = (uint32_t)t;
        borrow = (t >> 32) ? 1 : 0;
    }
    int top = 53 * g;
    for (int i = top / 32; i < LIMBS; i++) d[i] &= i == top / 32 ? (uint32_t)((1ull << (top % 32)) - 1) : 0;
}

/* d = c_g 2^(53 g), computed afresh. */
static void expansion(uint64_t e, int g, uint32_t *d)
{
    uint32_t q[LIMBS];
    memset(q, 0, sizeof q);
    q[0] = 1;
    for (int i = 1; i <= g; i++) mul_small(q, (53 * i + 31) / 32 + 1, (1ull << 53) - e);
    complement(q, g, d);
}

/* The 64 bits of d from bit lo up (bits below 0 are 0). */
static uint64_t bits64(const uint32_t *d, int lo)
{
    uint64_t v = 0;
    for (int b = 63; b >= 0; b--) {
        int at = lo + b;
        v = v << 1 | (at >= 0 && at / 32 < LIMBS ? (d[at / 32] >> (at % 32)) & 1 : 0);
    }
    return v;
}

void pl_rng_gaps_init(pl_rng_gaps *gp, uint64_t cut)
{
    memset(gp, 0, sizeof *gp);
    gp->e = cut >> 11;
    uint32_t q[LIMBS], d[LIMBS];
    memset(q, 0, sizeof q);
    q[0] = 1;
    int g = 1;
    for (; g <= PL_RNG_GAPS_MAX; g++) {
        mul_small(q, (53 * g + 31) / 32 + 1, (1ull << 53) - gp->e);
        complement(q, g, d);
        int lo = 53 * g - 64; /* c_g 2^64 = d / 2^lo */
        uint64_t c = bits64(d, lo);
        int whole = 1; /* no bit of d below lo */
        for (int i = 0; i < lo / 32 && whole; i++) whole = d[i] == 0;
        if (whole && lo > 0 && lo % 32) whole = (d[lo / 32] & ((1u << (lo % 32)) - 1)) == 0;
        if (g > 1 && c <= gp->cut[g - 1]) break; /* cuts must rise (one tie at most a draw) */
        gp->cut[g] = c;
        gp->whole[g] = (uint8_t)whole;
    }
    gp->k = g - 1;
    gp->cut[gp->k + 1] = UINT64_MAX;
    for (int i = 0, n = 0; i < PL_RNG_GAPS_GUIDE; i++) {
        while (n < gp->k && gp->cut[n + 1] < (uint64_t)i << 52) n++;
        gp->guide[i] = (uint8_t)n;
    }
}

int pl_rng_gaps_tail(const pl_rng_gaps *gp, int g, pl_rng *r)
{
    uint32_t d[LIMBS];
    expansion(gp->e, g, d);
    for (int lo = 53 * g - 128; lo > -64; lo -= 64) { /* the next 64 bits of c_g, then the next */
        uint64_t c = bits64(d, lo), u = pl_rng_next(r);
        if (u != c) return u > c;
    }
    return 1; /* equal to every bit of c_g: U >= c_g */
}
