// SPDX-License-Identifier: MIT
/* rng.c — seeding of random streams and the draws too long to inline.
 *
 * A stream's state is four rounds of splitmix64 over a mix of the seed and the
 * stream coordinates.  splitmix64 is a bijection with good avalanche, so nearby
 * (seed, a, b) triples give unrelated streams; that is what lets every match of
 * a tournament own a stream named by its index, independent of thread order. */
#include <math.h>

#include "parley/rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void pl_rng_init(pl_rng *r, uint64_t seed, uint64_t stream_a, uint64_t stream_b)
{
    uint64_t x = seed;
    uint64_t h = splitmix64(&x);
    x = h ^ (stream_a * 0xD1B54A32D192ED03ull);
    h = splitmix64(&x);
    x = h ^ (stream_b * 0xAEF17502108EF2D9ull);
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
    if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3])) r->s[0] = 1; /* the all-zero state is absorbing */
}

uint64_t pl_rng_below(pl_rng *r, uint64_t n)
{
    /* Rejection on the top of the range removes modulo bias. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = pl_rng_next(r);
    while (x >= limit);
    return x % n;
}

double pl_rng_normal(pl_rng *r)
{
    double u1 = 1.0 - pl_rng_uniform(r); /* in (0, 1] so log is finite */
    double u2 = pl_rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
