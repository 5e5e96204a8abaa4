// SPDX-License-Identifier: MIT
/* rng_gaps.h — the gaps between the successes of a Bernoulli process, drawn one gap at a time.
 *
 * Why: where a trial succeeds rarely (a noise of 0.05 flips one action in twenty), drawing the
 * number of failures before the next success takes one draw a success instead of one a trial.
 * The chance of a success is p = E / 2^53 exactly (E = ceil(p 2^53), as pl_rng_cut and every
 * Bernoulli draw of parley), and the gaps are exact too: G = g failures has the chance
 * (1 - p)^g p.  With U uniform on [0, 1) and c_g = 1 - (1 - p)^g, G is the largest g with
 * U >= c_g.  U's first 64 bits are a draw u; the table holds floor(c_g 2^64) for g = 1..k, so
 * u decides every comparison but one where u equals a cut that is not an integer: there (a
 * chance of about k 2^-64) U's further bits are drawn and compared with the exact binary
 * expansion of c_g ((2^53 - E)^g computed in full).  A gap of k or more starts again from k
 * (the process has no memory).  A guide of 4096 entries (the number of cuts below each 2^52
 * step) leaves about one comparison a gap. */
#ifndef PL_CORE_RNG_GAPS_H
#define PL_CORE_RNG_GAPS_H

#include <stdint.h>

#include "parley/rng.h"

enum { PL_RNG_GAPS_MAX = 128, PL_RNG_GAPS_GUIDE = 4096 };

typedef struct pl_rng_gaps {
    uint64_t e;                          /* p 2^53, 1..2^53 - 1 */
    int k;                               /* cuts in the table */
    uint64_t cut[PL_RNG_GAPS_MAX + 2];   /* cut[g] = floor(c_g 2^64), g = 1..k (cut[0] = 0, cut[k + 1] = UINT64_MAX) */
    uint8_t whole[PL_RNG_GAPS_MAX + 1];  /* c_g 2^64 is an integer (u == cut decides: U >= c_g) */
    uint8_t guide[PL_RNG_GAPS_GUIDE];    /* the number of g in 1..k with cut[g] < i 2^52 */
} pl_rng_gaps;

/* The gaps of the success chance whose cut (pl_rng_cut) is `cut`, neither 0 nor UINT64_MAX. */
void pl_rng_gaps_init(pl_rng_gaps *gp, uint64_t cut);

/* U >= c_g, given that U's first 64 bits are gp->cut[g] and c_g 2^64 is not an integer: U's
 * further bits are drawn from r and compared with c_g's. */
int pl_rng_gaps_tail(const pl_rng_gaps *gp, int g, pl_rng *r);

/* pl_rng_gaps_tail on a copy of the stream, so that a caller's stream need not leave registers. */
static inline int pl_rng_gaps_tail_copy(const pl_rng_gaps *gp, int g, pl_rng *r)
{
    pl_rng copy = *r;
    int yes = pl_rng_gaps_tail(gp, g, &copy);
    *r = copy;
    return yes;
}

/* The number of failures before the next success. */
static inline uint64_t pl_rng_gap(const pl_rng_gaps *gp, pl_rng *r)
{
    uint64_t skipped = 0;
    for (;;) {
        uint64_t u = pl_rng_next(r);
        int g = gp->guide[u >> 52];
        while (gp->cut[g + 1] < u) g++; /* stops at k at the latest (cut[k + 1] = UINT64_MAX) */
        if (gp->cut[g + 1] == u && g < gp->k && (gp->whole[g + 1] || pl_rng_gaps_tail_copy(gp, g + 1, r))) g++;
        if (g < gp->k) return skipped + (uint64_t)g;
        skipped += (uint64_t)gp->k;
    }
}

#endif
