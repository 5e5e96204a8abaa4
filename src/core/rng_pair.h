// SPDX-License-Identifier: MIT
/* rng_pair.h — two xoshiro256** streams advanced together, one word of each a step.
 *
 * Why: the batched kernel (twoparty/table_batch.c) compares two bits of a draw a step, one from
 * each stream; with both states in 128-bit GNU C vectors each operation of a step is one
 * baseline SSE2 instruction for both streams (the x5 and x9 written as shifts and adds, the
 * rotations as shifts and ors), run on the vector units beside the kernel's comparisons.  gcc
 * did not vectorise the same code written as loops over an array of states, hence the vector
 * type; other compilers get the plain loop (PL_RNG_PAIR_PLAIN asks for it under gcc too: the
 * tests run both).  The words are exactly those of pl_rng_next on each
 * stream (test_rng_pair.c checks it): the same on every machine and compiler.  No intrinsics. */
#ifndef PL_CORE_RNG_PAIR_H
#define PL_CORE_RNG_PAIR_H

#include <stdint.h>

#include "parley/rng.h"

#if defined(__GNUC__) && !defined(PL_RNG_PAIR_PLAIN)
typedef uint64_t pl_rng_pair_word __attribute__((vector_size(16))); /* [j]: stream j's */
#else
typedef struct pl_rng_pair_word {
    uint64_t v[2];
} pl_rng_pair_word;
#endif

typedef struct pl_rng_pair {
    pl_rng_pair_word s[4]; /* s[i][j]: word i of stream j's xoshiro256** state */
} pl_rng_pair;

#if defined(__GNUC__) && !defined(PL_RNG_PAIR_PLAIN)
#define PL_RNG_PAIR_AT(w, j) ((w)[j])
#else
#define PL_RNG_PAIR_AT(w, j) ((w).v[j])
#endif

/* Streams 0 and 1 from a and b. */
static inline void pl_rng_pair_set(pl_rng_pair *r, const pl_rng *a, const pl_rng *b)
{
    for (int i = 0; i < 4; i++) PL_RNG_PAIR_AT(r->s[i], 0) = a->s[i], PL_RNG_PAIR_AT(r->s[i], 1) = b->s[i];
}

/* Stream j's state. */
static inline void pl_rng_pair_get(const pl_rng_pair *r, int j, pl_rng *out)
{
    for (int i = 0; i < 4; i++) out->s[i] = PL_RNG_PAIR_AT(r->s[i], j);
}

/* The next word of each stream: w[j] = pl_rng_next(stream j). */
static inline void pl_rng_pair_next(pl_rng_pair *r, uint64_t w[2])
{
#if defined(__GNUC__) && !defined(PL_RNG_PAIR_PLAIN)
    /* both streams in one 128-bit word: each operation below is one SSE2 instruction */
    pl_rng_pair_word s0 = r->s[0], s1 = r->s[1], s2 = r->s[2], s3 = r->s[3];
    pl_rng_pair_word x = (s1 << 2) + s1; /* s1 5 */
    x = (x << 7) | (x >> 57);
    x = (x << 3) + x; /* 9 */
    pl_rng_pair_word t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 45) | (s3 >> 19);
    r->s[0] = s0, r->s[1] = s1, r->s[2] = s2, r->s[3] = s3;
    w[0] = x[0], w[1] = x[1];
#else
    for (int j = 0; j < 2; j++) {
        uint64_t *s0 = &r->s[0].v[j], *s1 = &r->s[1].v[j], *s2 = &r->s[2].v[j], *s3 = &r->s[3].v[j];
        uint64_t x = *s1 * 5;
        w[j] = ((x << 7) | (x >> 57)) * 9;
        uint64_t t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = (*s3 << 45) | (*s3 >> 19);
    }
#endif
}

#endif
