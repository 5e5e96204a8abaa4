/* SPDX-License-Identifier: MIT */
/* parley/rng.h — seeded random streams.
 *
 * A stream is a function of (seed, stream id): the tournament gives each match
 * the id (pair index, repetition), the agreement simulator gives each run its
 * run index.  No stream depends on which thread plays it or in what order, so
 * the same seed gives byte-identical results whatever the thread count.
 * The generator is xoshiro256** (Blackman & Vigna 2018), seeded through
 * splitmix64; it is small, fast and passes BigCrush. */
#ifndef PARLEY_RNG_H
#define PARLEY_RNG_H

#include "parley/common.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_rng {
    uint64_t s[4];
} pl_rng;

/* A stream from a seed and up to two stream coordinates (e.g. match, repetition). */
PL_EXTERN void pl_rng_init(pl_rng *r, uint64_t seed, uint64_t stream_a, uint64_t stream_b);

static inline uint64_t pl_rng_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t pl_rng_next(pl_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = pl_rng_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = pl_rng_rotl(s[3], 45);
    return result;
}

/* Uniform double in [0, 1) with 53 random bits. */
static inline double pl_rng_uniform(pl_rng *r) { return (double)(pl_rng_next(r) >> 11) * 0x1.0p-53; }

/* pl_rng_bernoulli for a p fixed over many draws (a match's noise, a constant probability):
 * the comparison is made on the raw 64-bit draw against a cut computed once from p, which
 * gives exactly the decisions of pl_rng_bernoulli(r, p) and takes the same draws.  Why it is
 * exact: with m = x >> 11 < 2^53, uniform = m * 2^-53 exactly, so uniform < p <=> m < p * 2^53
 * (exact: a power-of-two scaling) <=> m < ceil(p * 2^53) =: T (m is an integer)
 * <=> x < T * 2^11; for 0 < p < 1, 1 <= T <= 2^53 - 1, so the cut fits in 64 bits and is
 * neither 0 nor UINT64_MAX, which are left to mean "never, no draw" and "always, no draw".
 * p must be a number (not NaN). */
static inline uint64_t pl_rng_cut(double p)
{
    if (p <= 0.0) return 0;
    if (p >= 1.0) return UINT64_MAX;
    double scaled = p * 0x1.0p53;
    uint64_t t = (uint64_t)scaled; /* floor: scaled < 2^53 */
    if ((double)t < scaled) t++;   /* ceil */
    return t << 11;
}

/* 1 with the probability whose cut is `cut` (from pl_rng_cut); draws unless the cut is 0 or UINT64_MAX. */
static inline int pl_rng_bernoulli_cut(pl_rng *r, uint64_t cut)
{
    if (cut == 0) return 0;
    if (cut == UINT64_MAX) return 1;
    return pl_rng_next(r) < cut;
}

/* 1 with probability p (p <= 0 never draws and returns 0; p >= 1 never draws and returns 1).
 * Not drawing at the extremes keeps deterministic strategies deterministic. */
static inline int pl_rng_bernoulli(pl_rng *r, double p)
{
    /* a constant p (Grofman's 2/7, ...) folds to one integer compare of the draw, the same decision */
#if defined(__GNUC__)
    if (__builtin_constant_p(p)) return pl_rng_bernoulli_cut(r, pl_rng_cut(p));
#endif
    if (p <= 0.0) return 0;
    if (p >= 1.0) return 1;
    return pl_rng_uniform(r) < p;
}

/* Uniform integer in [0, n), n > 0, without modulo bias. */
PL_EXTERN uint64_t pl_rng_below(pl_rng *r, uint64_t n);

/* Standard normal deviate (Box–Muller, no cached second value: stateless beyond the stream). */
PL_EXTERN double pl_rng_normal(pl_rng *r);

#ifdef __cplusplus
}
#endif
#endif
