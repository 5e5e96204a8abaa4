// SPDX-License-Identifier: MIT
/* batch_count.h — what the batched kernels share: the exact chance of an action as played, and
 * the bit-sliced counts of a batch's joint outcomes.
 *
 * Both kernels of the tournament's --batched option (table_batch.c for two memory-one tables,
 * automaton_batch.c for two automata) play up to 64 repetitions at once and leave each turn's
 * actions as two words, lane i of each word repetition i (D = 1).  They count them the same way
 * (pl_batch_counter: vertical counters fed eight words at a time through carry-save adders, the
 * per-lane counts out by 8x8 bit transposes) into the same pl_table_batch, and both compare draws
 * with the same exact fraction N / 2^106 (pl_batch_played_c). */
#ifndef PL_TWOPARTY_BATCH_COUNT_H
#define PL_TWOPARTY_BATCH_COUNT_H

#include <stdint.h>
#include <string.h>

#include "twoparty/table.h"

/* A probability's cut as an integer over 2^53 (2^53 for always). */
static inline uint64_t pl_batch_over53(uint64_t cut) { return cut == UINT64_MAX ? 1ull << 53 : cut >> 11; }

typedef struct pl_batch_wide {
    uint64_t hi, lo; /* hi 2^64 + lo */
} pl_batch_wide;

/* a b for a, b <= 2^53 (so the halves' products do not overflow). */
static inline pl_batch_wide pl_batch_mul53(uint64_t a, uint64_t b)
{
    uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
    uint64_t low = a0 * b0, mid = a0 * b1 + a1 * b0; /* mid < 2^55 */
    pl_batch_wide r = {a1 * b1 + (mid >> 32), low + (mid << 32)};
    r.hi += r.lo < low;
    return r;
}

static inline pl_batch_wide pl_batch_add(pl_batch_wide a, pl_batch_wide b)
{
    pl_batch_wide r = {a.hi + b.hi, a.lo + b.lo};
    r.hi += r.lo < a.lo;
    return r;
}

static inline int pl_batch_bit(pl_batch_wide n, int b) { return (int)((b >= 64 ? n.hi >> (b - 64) : n.lo >> b) & 1); }

/* The chance of cooperating as played, N / 2^106 exactly: the move's probability P / 2^53 (its
 * cut, pl_rng_cut) then a flip with the chance E / 2^53 (e: the noise's cut over 2^53, 0 without
 * noise), so N = P (2^53 - E) + (2^53 - P) E.  0 never, 2^106 (hi = 2^42, lo = 0) always. */
static inline pl_batch_wide pl_batch_played_c(uint64_t cut, uint64_t e)
{
    const uint64_t one = 1ull << 53, p = pl_batch_over53(cut);
    return pl_batch_add(pl_batch_mul53(p, one - e), pl_batch_mul53(one - p, e));
}

/* The lanes that cooperated after each outcome, counted: m0, m1, m2 the lanes whose last turn was
 * CC, CD, DC (A's action first; the rest were DD), ca and cb the lanes where A and B cooperate now;
 * trans[p][o] += the lanes of outcome o where side p cooperates. */
static inline void pl_batch_count_next_c(uint64_t trans[2][3], uint64_t m0, uint64_t m1, uint64_t m2, uint64_t ca,
                                         uint64_t cb)
{
    trans[0][0] += (uint64_t)__builtin_popcountll(m0 & ca);
    trans[0][1] += (uint64_t)__builtin_popcountll(m1 & ca);
    trans[0][2] += (uint64_t)__builtin_popcountll(m2 & ca);
    trans[1][0] += (uint64_t)__builtin_popcountll(m0 & cb);
    trans[1][1] += (uint64_t)__builtin_popcountll(m1 & cb);
    trans[1][2] += (uint64_t)__builtin_popcountll(m2 & cb);
}

/* The actions of turns t0 .. t0 + n - 1 (A's xs[0..n), B's ys[0..n), lane i's bit i, D = 1) kept
 * as played: A's turn t in actions[t], B's in actions[turns + t] (the kernels' `actions`, for the
 * interactions file; pl_batch_lane_actions writes a lane's out). */
static inline void pl_batch_keep_actions(uint64_t *actions, int turns, int t0, const uint64_t *xs, const uint64_t *ys,
                                         int n)
{
    memcpy(actions + t0, xs, (size_t)n * sizeof *xs);
    memcpy(actions + turns + t0, ys, (size_t)n * sizeof *ys);
}

/* Lane `lane`'s actions of side `side` (0 A, 1 B) in turns t0 .. t0 + n - 1 from the words kept
 * for a batch of `turns` turns, one C or D a turn, into text[0..n). */
static inline void pl_batch_lane_actions(const uint64_t *actions, int turns, int side, int lane, int t0, int n,
                                         char *text)
{
    const uint64_t *w = actions + (size_t)side * (size_t)turns + t0;
    for (int t = 0; t < n; t++) text[t] = (char)((w[t] >> lane) & 1 ? 'D' : 'C');
}

/* A vertical counter: lane i's count is the sum over b of bit i of plane[b] 2^b, plus bit i of
 * ones, 2 twos and 4 fours, the carry-save part (Harley and Seal's scheme). */
typedef struct pl_batch_vcount {
    uint64_t ones, twos, fours, plane[32];
} pl_batch_vcount;

/* plane += w 2^b, lane by lane. */
static inline void pl_batch_add_at(uint64_t *plane, int b, uint64_t w)
{
    for (; w; b++) {
        uint64_t c = plane[b] & w;
        plane[b] ^= w;
        w = c;
    }
}

/* A carry-save adder: a + b + c = 2 *high + *low, lane by lane. */
static inline void pl_batch_csa(uint64_t *high, uint64_t *low, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t u = a ^ b;
    *high = (a & b) | (u & c);
    *low = u ^ c;
}

/* The bits of w[0..n) counted lane by lane: eight words at a time through seven carry-save
 * adders into ones, twos and fours, the eights carried into the planes. */
static inline void pl_batch_count_words(pl_batch_vcount *v, const uint64_t *w, int n)
{
    uint64_t ones = v->ones, twos = v->twos, fours = v->fours;
    int k = 0;
    for (; k + 8 <= n; k += 8) {
        uint64_t twos_a, twos_b, fours_a, fours_b, eights;
        pl_batch_csa(&twos_a, &ones, ones, w[k], w[k + 1]);
        pl_batch_csa(&twos_b, &ones, ones, w[k + 2], w[k + 3]);
        pl_batch_csa(&fours_a, &twos, twos, twos_a, twos_b);
        pl_batch_csa(&twos_a, &ones, ones, w[k + 4], w[k + 5]);
        pl_batch_csa(&twos_b, &ones, ones, w[k + 6], w[k + 7]);
        pl_batch_csa(&fours_b, &twos, twos, twos_a, twos_b);
        pl_batch_csa(&eights, &fours, fours, fours_a, fours_b);
        pl_batch_add_at(v->plane, 3, eights);
    }
    for (; k < n; k++) pl_batch_add_at(v->plane, 0, w[k]);
    v->ones = ones, v->twos = twos, v->fours = fours;
}

/* Bit 8r + c to bit 8c + r. */
static inline uint64_t pl_batch_transpose8(uint64_t x)
{
    uint64_t t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAull;
    x ^= t ^ (t << 7);
    t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCull;
    x ^= t ^ (t << 14);
    t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0ull;
    x ^= t ^ (t << 28);
    return x;
}

/* Byte c of word r to byte r of word c (an 8x8 transpose of bytes: the 4-, 2- and 1-byte blocks
 * swapped in turn). */
static inline void pl_batch_transpose_bytes(uint64_t p[8])
{
    for (int b = 0; b < 4; b++) {
        uint64_t lo = p[b], hi = p[b + 4];
        p[b] = (lo & 0x00000000FFFFFFFFull) | (hi << 32);
        p[b + 4] = (lo >> 32) | (hi & 0xFFFFFFFF00000000ull);
    }
    for (int b = 0; b < 8; b += (b & 1) ? 3 : 1) { /* 0, 1, 4, 5 */
        uint64_t lo = p[b], hi = p[b + 2], m = 0x0000FFFF0000FFFFull;
        p[b] = (lo & m) | ((hi & m) << 16);
        p[b + 2] = ((lo >> 16) & m) | (hi & ~m);
    }
    for (int b = 0; b < 8; b += 2) {
        uint64_t lo = p[b], hi = p[b + 1], m = 0x00FF00FF00FF00FFull;
        p[b] = (lo & m) | ((hi & m) << 8);
        p[b + 1] = ((lo >> 8) & m) | (hi & ~m);
    }
}

/* count[i] = lane i's count in the vertical counter `plane` of `bits` planes. */
static inline void pl_batch_lane_counts(const uint64_t *plane, int bits, uint32_t *count)
{
    memset(count, 0, 64 * sizeof *count);
    for (int j = 0; j * 8 < bits; j++) {
        uint64_t p[8]; /* word g: byte b is byte g of plane 8 j + b (lanes 8 g .. 8 g + 7) */
        memcpy(p, plane + 8 * j, sizeof p);
        pl_batch_transpose_bytes(p);
        for (int g = 0; g < 8; g++) {
            uint64_t w = pl_batch_transpose8(p[g]);
            for (int i = 0; i < 8; i++) count[8 * g + i] |= (uint32_t)((w >> (8 * i)) & 0xff) << (8 * j);
        }
    }
}

/* A batch's three vertical counters: of A's D, of B's D, of both D. */
typedef struct pl_batch_counter {
    pl_batch_vcount v[3];
} pl_batch_counter;

static inline void pl_batch_counter_init(pl_batch_counter *c) { memset(c, 0, sizeof *c); }

/* Turns' actions xs[0..n), ys[0..n) counted lane by lane; both[n] is room for their ANDs. */
static inline void pl_batch_counter_add(pl_batch_counter *c, const uint64_t *xs, const uint64_t *ys, int n,
                                        uint64_t *both)
{
    for (int k = 0; k < n; k++) both[k] = xs[k] & ys[k];
    pl_batch_count_words(&c->v[0], xs, n);
    pl_batch_count_words(&c->v[1], ys, n);
    pl_batch_count_words(&c->v[2], both, n);
}

/* out's counts from the counters of a batch of `lanes` repetitions (live: their bits) of `turns`
 * turns whose last actions were x and y; trans[p][o] is the C of player p that followed A's
 * outcome o (CC, CD, DC) summed over the turns after the first; out->first_c set by the caller. */
static inline void pl_batch_counter_finish(pl_batch_counter *counter, int turns, int lanes, uint64_t live, uint64_t x,
                                           uint64_t y, const uint64_t trans[2][3], pl_table_batch *out)
{
    pl_batch_vcount *cnt = counter->v;
    int bits = 32 - __builtin_clz((unsigned)turns | 1u); /* planes a count of at most `turns` uses */
    uint32_t dx[64], dy[64], dd[64];
    for (int c = 0; c < 3; c++) { /* the carry-save part into the planes */
        pl_batch_add_at(cnt[c].plane, 0, cnt[c].ones);
        pl_batch_add_at(cnt[c].plane, 1, cnt[c].twos);
        pl_batch_add_at(cnt[c].plane, 2, cnt[c].fours);
    }
    pl_batch_lane_counts(cnt[0].plane, bits, dx);
    pl_batch_lane_counts(cnt[1].plane, bits, dy);
    pl_batch_lane_counts(cnt[2].plane, bits, dd);
    uint64_t total[4] = {0, 0, 0, 0};
    for (int i = 0; i < lanes; i++) {
        uint32_t *n = out->n[i];
        n[3] = dd[i];
        n[2] = dx[i] - dd[i];
        n[1] = dy[i] - dd[i];
        n[0] = (uint32_t)turns - dx[i] - dy[i] + dd[i];
        for (int o = 0; o < 4; o++) total[o] += n[o];
    }
    memcpy(out->total, total, sizeof total);
    /* every outcome but the last turn's is followed by a further turn; the C that followed the
     * fourth outcome are the rest of the C after the first turn */
    uint64_t last[4] = {live & ~(x | y), y & ~x, x & ~y, x & y};
    for (int o = 0; o < 4; o++) out->next[o] = turns > 0 ? total[o] - (uint64_t)__builtin_popcountll(last[o]) : 0;
    uint64_t c_later[2] = {total[0] + total[1] - out->first_c[0], total[0] + total[2] - out->first_c[1]};
    for (int p = 0; p < 2; p++) {
        out->next_c[p][3] = turns > 0 ? c_later[p] : 0;
        for (int o = 0; o < 3; o++) {
            out->next_c[p][o] = trans[p][o];
            out->next_c[p][3] -= trans[p][o];
        }
    }
}

#endif
