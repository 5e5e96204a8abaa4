// SPDX-License-Identifier: MIT
/* rng_below.h — pl_rng_below for a bound fixed over many draws, without a division a draw.
 *
 * Why: pl_rng_below(r, n) divides twice a draw (the rejection limit UINT64_MAX - UINT64_MAX % n,
 * then x % n), and a 64-bit division is tens of cycles.  Where one bound serves millions of draws
 * (a Moran generation draws one of a pair's cached outcomes for every meeting) the limit is
 * computed once, and x % n by a multiplication: with l = ceil(log2 n) and
 * m = floor(2^64 (2^l - n) / n) + 1 (< 2^64), floor(x / n) = (t + ((x - t) >> 1)) >> (l - 1) with
 * t = floor(m x / 2^64), for every 64-bit x (l = 0, n = 1: the quotient is x itself) — the
 * "round up" method for unsigned division by invariant integers (Granlund & Montgomery 1994,
 * "Division by invariant integers using multiplication", PLDI, section 4, figure 4.1).
 *
 * pl_rng_below_fixed(r, b) takes the same draws as pl_rng_below(r, b->n) and returns the same
 * value (tests/unit/test_rng_below.c compares them); without a 128-bit integer type it divides. */
#ifndef PL_RNG_BELOW_H
#define PL_RNG_BELOW_H

#include <stdint.h>

#include "parley/rng.h"

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 pl_rng_u128; /* gcc and clang: no warning under -pedantic */
#endif

typedef struct pl_rng_bound {
    uint64_t n;      /* the bound, > 0 */
    uint64_t limit;  /* UINT64_MAX - UINT64_MAX % n: draws at or above it are rejected */
    uint64_t magic;  /* m above */
    int sh1, sh2;    /* min(l, 1), max(l - 1, 0) */
} pl_rng_bound;

/* The bound n (> 0) made ready for pl_rng_below_fixed. */
static inline void pl_rng_bound_init(pl_rng_bound *b, uint64_t n)
{
    int l = 0;
    while (l < 64 && (UINT64_C(1) << l) < n) l++; /* ceil(log2 n) */
    b->n = n;
    b->limit = UINT64_MAX - UINT64_MAX % n;
    b->sh1 = l < 1 ? l : 1;
    b->sh2 = l > 1 ? l - 1 : 0;
#if defined(__SIZEOF_INT128__)
    pl_rng_u128 two_l = (pl_rng_u128)1 << l;
    b->magic = (uint64_t)((((two_l - n) << 64) / n) + 1);
#else
    b->magic = 0;
#endif
}

/* x % b->n. */
static inline uint64_t pl_rng_bound_mod(const pl_rng_bound *b, uint64_t x)
{
#if defined(__SIZEOF_INT128__)
    uint64_t t = (uint64_t)(((pl_rng_u128)b->magic * x) >> 64);
    uint64_t q = (t + ((x - t) >> b->sh1)) >> b->sh2;
    return x - q * b->n;
#else
    return x % b->n;
#endif
}

/* Uniform integer in [0, b->n): exactly pl_rng_below(r, b->n), the same draws. */
static inline uint64_t pl_rng_below_fixed(pl_rng *r, const pl_rng_bound *b)
{
    uint64_t x;
    do x = pl_rng_next(r);
    while (x >= b->limit);
    return pl_rng_bound_mod(b, x);
}

#endif
