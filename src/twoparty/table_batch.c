// SPDX-License-Identifier: MIT
/* table_batch.c — 64 repetitions of a match between two memory-one tables at once.
 *
 * Bit-sliced: lane i of every 64-bit word is repetition i.  The words X and Y hold each
 * lane's last actions (D = 1), so the four masks ~X&~Y, ~X&Y, X&~Y, X&Y say which of its
 * five probabilities each lane uses next.  A probability p is drawn, as everywhere in parley,
 * as "a uniform 53-bit integer m is below T = ceil(p 2^53)" (the cut of pl_rng_cut is T 2^11);
 * here m is compared with T one bit at a time, most significant first, for all lanes at once:
 * one 64-bit draw gives every lane its next bit, a lane is decided at the first bit where m
 * and T differ, and the draws stop when every lane is decided (about 8 draws for 64 lanes,
 * at most 53).  Lanes whose probability is 0 or 1 draw nothing, as a match does.  So each
 * lane's chances are exactly a match's; the draws that give them are not those of the loop
 * of moves, which is why this serves an explicit option (the tournament's --batched).
 * Noise flips come the same way (a constant cut); counting is bit-sliced too: each joint
 * outcome has a vertical counter (bit b of lane i's count in plane b), incremented with a
 * ripple of carries that stops at the first plane left without one. */
#include <string.h>

#include "twoparty/table.h"

/* Lanes in `open` (a subset of the union of m[]) that draw m < T with T from cut[s] for the
 * lanes of m[s]; lanes whose cut is UINT64_MAX are 1 and those whose cut is 0 are 0. */
static uint64_t draw_lanes(pl_rng *rng, const uint64_t *cut, const uint64_t *m, int states, uint64_t live)
{
    uint64_t yes = 0, open = 0;
    for (int s = 0; s < states; s++) {
        if (cut[s] == UINT64_MAX) yes |= m[s];
        else if (cut[s] != 0) open |= m[s];
    }
    yes &= live;
    open &= live;
    /* bits 63..11 of the cut are T's 53 bits; its low 11 bits are 0, so a lane still equal
     * after them has m = T: not below, no */
    for (int bit = 63; open && bit >= 11; bit--) {
        uint64_t r = pl_rng_next(rng), t = 0;
        for (int s = 0; s < states; s++) t |= m[s] & (0 - ((cut[s] >> bit) & 1));
        yes |= open & ~r & t; /* m's bit 0 where T's is 1: m < T */
        open &= ~(r ^ t);     /* still equal so far */
    }
    return yes;
}

static inline void count_up(uint64_t *plane, uint64_t carry)
{
    for (int b = 0; carry; b++) {
        uint64_t c = plane[b] & carry;
        plane[b] ^= carry;
        carry = c;
    }
}

void pl_table_batch_play(const pl_table *a, const pl_table *b, int turns, uint64_t noise_cut, int lanes,
                         pl_rng *rng, pl_table_batch *out)
{
    memset(out, 0, sizeof *out);
    uint64_t live = lanes >= 64 ? ~0ull : (1ull << lanes) - 1;
    uint64_t plane[3][32];   /* counters of CC, CD, DC; DD is the rest */
    memset(plane, 0, sizeof plane);
    uint64_t x = 0, y = 0, prev[4] = {0, 0, 0, 0};
    for (int t = 0; t < turns; t++) {
        uint64_t ca, cb;
        if (t == 0) {
            uint64_t all[1] = {live};
            ca = draw_lanes(rng, &a->cut[0], all, 1, live);
            cb = draw_lanes(rng, &b->cut[0], all, 1, live);
        } else {
            /* A's state (own, other's) = CC, CD, DC, DD; B sees CD as DC and DC as CD */
            uint64_t ma[4] = {~x & ~y, ~x & y, x & ~y, x & y};
            uint64_t mb[4] = {ma[0], ma[2], ma[1], ma[3]};
            ca = draw_lanes(rng, &a->cut[1], ma, 4, live);
            cb = draw_lanes(rng, &b->cut[1], mb, 4, live);
        }
        uint64_t nx = ~ca & live, ny = ~cb & live; /* D = 1 */
        if (noise_cut) {
            uint64_t all[1] = {live};
            nx ^= draw_lanes(rng, &noise_cut, all, 1, live);
            ny ^= draw_lanes(rng, &noise_cut, all, 1, live);
        }
        uint64_t o[4] = {~nx & ~ny & live, ~nx & ny & live, nx & ~ny & live, nx & ny & live};
        if (t == 0) {
            out->first_c[0] = (uint64_t)__builtin_popcountll(~nx & live);
            out->first_c[1] = (uint64_t)__builtin_popcountll(~ny & live);
        } else
            for (int k = 0; k < 4; k++) {
                out->next[k] += (uint64_t)__builtin_popcountll(prev[k]);
                out->next_c[0][k] += (uint64_t)__builtin_popcountll(prev[k] & ~nx);
                out->next_c[1][k] += (uint64_t)__builtin_popcountll(prev[k] & ~ny);
            }
        for (int k = 0; k < 3; k++) count_up(plane[k], o[k]);
        memcpy(prev, o, sizeof prev);
        x = nx;
        y = ny;
    }
    int bits = 32 - __builtin_clz((unsigned)turns | 1u); /* planes a count of at most `turns` uses */
    for (int i = 0; i < lanes; i++) {
        uint32_t sum = 0;
        for (int k = 0; k < 3; k++) {
            uint32_t c = 0;
            for (int bit = 0; bit < bits; bit++) c |= (uint32_t)((plane[k][bit] >> i) & 1) << bit;
            out->n[i][k] = c;
            sum += c;
        }
        out->n[i][3] = (uint32_t)turns - sum;
    }
}
