// SPDX-License-Identifier: MIT
/* draw_only.h — the players whose move reads nothing but the stream, for the engine to play inline.
 *
 * First by Anonymous (axelrod_first.c) looks at no history, no turn and no state: each move is two
 * draws of the match's stream.  Its rule is here so that its move and the match loop that plays it
 * without a call (twoparty/match.c, play_draw_only) are one rule; the loop keeps the stream in
 * registers where a call needs it in memory. */
#ifndef PL_DRAW_ONLY_H
#define PL_DRAW_ONLY_H

#include <stdint.h>

#include "parley/rng.h"
#include "strategies/strategy_def.h"

/* First by Anonymous's action (D = 1) from two draws: prob = (3 + 4 u1) / 10, then C when u2 < prob
 * (pl_view_coop_with's draw without its tests of 0 and 1: prob is in [0.3, 0.7]), with each
 * u = m 2^-53 (pl_rng_uniform) and everything scaled by 2^53: fl(3 + 4 u1) 2^53 = fl(3 2^53 + 4 m1)
 * and fl(a / 10) 2^53 = fl(a 2^53 / 10), since scaling by a power of two is exact and commutes with
 * rounding (far from overflow and the subnormals), and u2 < prob exactly when m2 < prob 2^53.  The
 * same test on the same two draws, without their two scalings by 2^-53 (m1 < 2^53, so 4 m1 and m2
 * convert exactly). */
static inline __attribute__((always_inline)) unsigned pl_anonymous_defects(pl_rng *r)
{
    uint64_t m1 = pl_rng_next(r) >> 11, m2 = pl_rng_next(r) >> 11;
    double prob_scaled = (0x3p53 + (double)(int64_t)(m1 << 2)) / 10.0;
    return !((double)(int64_t)m2 < prob_scaled);
}

/* First by Anonymous's move (the definition's `move`): the engine knows the player by it. */
int pl_anonymous_move(void *s, const pl_params *p, const pl_view *v);

#endif
