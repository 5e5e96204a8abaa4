// SPDX-License-Identifier: MIT
/* table_batch.c — 64 repetitions of a match between two memory-one tables at once.
 *
 * Bit-sliced: lane i of every 64-bit word is repetition i.  The words x and y hold each
 * lane's last actions as played (D = 1), so the four masks ~x&~y, ~x&y, x&~y, x&y say which of
 * its five probabilities each lane uses next.
 *
 * One draw an action as played.  In a match a player cooperates when a uniform 53-bit m is
 * below P = ceil(p 2^53) (the cut of pl_rng_cut is P 2^11), and the action is then flipped
 * when another uniform 53-bit integer is below E = ceil(noise 2^53).  So it is played as C
 * with the chance (P (2^53 - E) + (2^53 - P) E) / 2^106 =: N / 2^106, an exact fraction, and
 * only the action as played is seen by either player or counted.  Here a uniform 106-bit m is
 * compared with N one bit at a time, most significant first, for all lanes at once: one 64-bit
 * draw gives every lane its next bit of m, a lane is decided at the first bit where m and N
 * differ, and the draws stop when every lane is decided (about 7 draws for 64 lanes whatever
 * N, at most 106).  The words come two at a time from two xoshiro256** streams advanced
 * together (core/rng_pair.h: the generator runs in SSE2 beside the comparisons), seeded from
 * the batch's stream; a step compares two bits, so an action takes an even number of words.
 * Lanes whose N is 0 or 2^106 (no noise, a probability 0 or 1) draw nothing, as in a match.  So each lane's chances are exactly a match's; the draws that give
 * them are not those of the loop of moves, which is why this serves an explicit option (the
 * tournament's --batched).
 *
 * N's bit b is 1 for some of the four states: that set (a 4-bit code, prepared once a pair)
 * picks, from the sixteen unions of the four masks built once a turn, the lanes whose bit is 1.
 *
 * A player whose table draws nothing takes its noise from the gaps between flips instead
 * (core/rng_gaps.h: about 3 draws for 64 lanes at a noise of 0.05, where the bit-serial draw
 * takes about 7), when the noise is at most 1/16.
 *
 * The draws of a chunk of 64 turns come first, their counting after (out of the draws' way),
 * except the C that followed each outcome, counted by popcount from the state masks of the
 * turn.  Counting is bit-sliced too: A's D, B's D and both D each have a vertical counter (bit
 * b of lane i's count in plane b), fed eight turns at a time through carry-save adders; the
 * per-lane counts come out by 8x8 bit transposes (batch_count.h, shared with automaton_batch.c,
 * the kernel of the pairs of automata). */
#include <string.h>

#include "core/rng_pair.h"
#include "twoparty/batch_count.h"
#include "twoparty/table.h"

/* The draw of one player on one kind of turn; cut[s] is its probability in A's state s, for
 * the first `states` states (the first turn has one: every lane starts as CC). */
static void prepare_draw(const uint64_t *cut, int states, uint64_t e, pl_table_draw *d)
{
    memset(d, 0, sizeof *d);
    int low = PL_TABLE_DRAW_BITS;
    for (int s = 0; s < states; s++) {
        pl_batch_wide n = pl_batch_played_c(cut[s], e);
        if (n.hi == 0 && n.lo == 0) continue;                   /* never */
        if (n.hi == 1ull << 42 && n.lo == 0) {                   /* N = 2^106: always */
            d->always |= (uint8_t)(1u << s);
            continue;
        }
        d->open |= (uint8_t)(1u << s);
        for (int k = 0; k < PL_TABLE_DRAW_BITS; k++)
            if (pl_batch_bit(n, PL_TABLE_DRAW_BITS - 1 - k)) {
                d->code[k] |= (uint8_t)(1u << s);
                if (PL_TABLE_DRAW_BITS - 1 - k < low) low = PL_TABLE_DRAW_BITS - 1 - k;
            }
    }
    d->nbits = d->open ? PL_TABLE_DRAW_BITS - low : 0;
}

void pl_table_pair_prepare(const pl_table *a, const pl_table *b, uint64_t noise_cut, const pl_rng_gaps *gaps,
                           pl_table_pair *pp)
{
    uint64_t e = pl_batch_over53(noise_cut) * (noise_cut != 0);
    uint64_t later_b[4] = {b->cut[1], b->cut[3], b->cut[2], b->cut[4]}; /* B's CC, DC, CD, DD: A's CC, CD, DC, DD */
    const uint64_t *cuts[2][2] = {{&a->cut[0], &a->cut[1]}, {&b->cut[0], later_b}};
    for (int p = 0; p < 2; p++)
        for (int later = 0; later < 2; later++) {
            prepare_draw(cuts[p][later], later ? 4 : 1, e, &pp->d[p][later]);
            prepare_draw(cuts[p][later], later ? 4 : 1, 0, &pp->move[p][later]);
        }
    pp->gaps = gaps && noise_cut && noise_cut <= PL_TABLE_GAPS_NOISE && gaps->e == noise_cut >> 11 ? gaps : NULL;
}

/* The lanes that cooperate; u[c] is the union of the masks of the states in the set c.  Two bits
 * of m a step, bit k from stream 0 of r and bit k + 1 from stream 1 (past N's last bit the code
 * is 0: no lane is below there, so the odd bit a step may add changes nothing). */
static inline uint64_t draw_actions(pl_rng_pair *r, const uint64_t *u, const pl_table_draw *d)
{
    uint64_t yes = u[d->always], open = u[d->open];
    for (const uint8_t *c = d->code, *end = c + d->nbits; open && c < end; c += 2) {
        uint64_t w[2];
        pl_rng_pair_next(r, w);
        uint64_t t0 = u[c[0]], t1 = u[c[1]];
        uint64_t now = open & (w[0] ^ t0); /* decided at this bit: m's differs from N's */
        yes |= now & t0;                    /* N's is 1, m's 0: m < N */
        open ^= now;
        now = open & (w[1] ^ t1);
        yes |= now & t1;
        open ^= now;
    }
    return yes;
}

/* A player whose table draws nothing (every probability 0 or 1: Tit For Tat, Win-Stay
 * Lose-Shift, ...) takes its flips from the gaps' stream (about 3 draws for 64 lanes at a noise
 * of 0.05) when there is one; any other player draws its action as played bit by bit (about 7
 * draws for 64 lanes).  *pos is the position of the stream's next flip counted from this word's
 * first lane, carried from word to word. */
static inline uint64_t flips(const pl_rng_gaps *gaps, pl_rng *rng, uint64_t *pos)
{
    uint64_t f = 0;
    while (*pos < 64) {
        f |= 1ull << *pos;
        *pos += 1 + pl_rng_gap(gaps, rng);
    }
    *pos -= 64;
    return f;
}

/* The actions (D = 1) of turns t0 + 1 .. t0 + n into xs[1..n], x and y the turn before's; ga,
 * gb: A, B take the gaps' flips (constants in each copy). */
static inline __attribute__((always_inline)) void draw_turns(const pl_table_pair *pp, pl_rng *rng, pl_rng_pair *r2,
                                                             uint64_t live,
                                                             int t0, int n, uint64_t *xs, uint64_t *ys,
                                                             uint64_t *pos, uint64_t trans[2][3], const int ga,
                                                             const int gb)
{
    uint64_t x = xs[0], y = ys[0], u[16];
    pl_rng_pair r2c = *r2; /* a copy the chunk keeps in registers */
    for (int k = 1; k <= n; k++) {
        /* the lanes by last outcome (A's view), and their sixteen unions */
        uint64_t m0 = live & ~(x | y), m1 = y & ~x, m2 = x & ~y, m3 = x & y;
        uint64_t m01 = m0 | m1, m012 = m01 | m2;
        u[0] = 0, u[1] = m0, u[2] = m1, u[3] = m01;
        u[4] = m2, u[5] = m0 | m2, u[6] = m1 | m2, u[7] = m012;
        u[8] = m3, u[9] = m0 | m3, u[10] = m1 | m3, u[11] = m01 | m3;
        u[12] = m2 | m3, u[13] = u[5] | m3, u[14] = u[6] | m3, u[15] = live;
        int later = t0 + k > 1;
        uint64_t ca = ga ? u[pp->move[0][later].always] ^ flips(pp->gaps, rng, pos)
                         : draw_actions(&r2c, u, &pp->d[0][later]);
        uint64_t cb = gb ? u[pp->move[1][later].always] ^ flips(pp->gaps, rng, pos)
                         : draw_actions(&r2c, u, &pp->d[1][later]);
        if (later) pl_batch_count_next_c(trans, m0, m1, m2, ca, cb); /* the C that followed CC, CD, DC */
        x = live & ~ca;
        y = live & ~cb;
        xs[k] = x, ys[k] = y;
    }
    *r2 = r2c;
}

enum { CHUNK = 64 }; /* turns drawn before they are counted */

void pl_table_batch_play(const pl_table_pair *pp, int turns, int lanes, pl_rng *rng_io, pl_table_batch *out,
                         uint64_t *actions)
{
    memset(out, 0, sizeof *out);
    const uint64_t live = lanes >= 64 ? ~0ull : (1ull << lanes) - 1;
    pl_rng rng = *rng_io;
    pl_batch_counter cnt;
    pl_batch_counter_init(&cnt);
    uint64_t x = 0, y = 0, trans[2][3] = {{0, 0, 0}, {0, 0, 0}};
    int gap[2];
    for (int p = 0; p < 2; p++) gap[p] = pp->gaps && !pp->move[p][0].open && !pp->move[p][1].open;
    uint64_t pos = gap[0] || gap[1] ? pl_rng_gap(pp->gaps, &rng) : 0; /* the gaps' stream's first flip */
    /* the bit-serial draws' two streams: (d, 0, 0) and (d, 1, 0) of pl_rng_init, d the batch's
     * stream's next draw (its gaps, if any, go on from there) */
    pl_rng_pair r2 = {{{0}}};
    if (!gap[0] || !gap[1]) {
        uint64_t d = pl_rng_next(&rng);
        pl_rng s0, s1;
        pl_rng_init(&s0, d, 0, 0);
        pl_rng_init(&s1, d, 1, 0);
        pl_rng_pair_set(&r2, &s0, &s1);
    }
    for (int t0 = 0; t0 < turns; t0 += CHUNK) {
        int n = turns - t0 < CHUNK ? turns - t0 : CHUNK;
        uint64_t xs[CHUNK + 1], ys[CHUNK + 1], both[CHUNK];
        xs[0] = x, ys[0] = y; /* the turn before (none before the first) */
        if (gap[0] && gap[1]) draw_turns(pp, &rng, &r2, live, t0, n, xs, ys, &pos, trans, 1, 1);
        else if (gap[0]) draw_turns(pp, &rng, &r2, live, t0, n, xs, ys, &pos, trans, 1, 0);
        else if (gap[1]) draw_turns(pp, &rng, &r2, live, t0, n, xs, ys, &pos, trans, 0, 1);
        else draw_turns(pp, &rng, &r2, live, t0, n, xs, ys, &pos, trans, 0, 0);
        x = xs[n], y = ys[n];
        if (t0 == 0) {
            out->first_c[0] = (uint64_t)__builtin_popcountll(live & ~xs[1]);
            out->first_c[1] = (uint64_t)__builtin_popcountll(live & ~ys[1]);
        }
        pl_batch_counter_add(&cnt, xs + 1, ys + 1, n, both);
        if (actions) pl_batch_keep_actions(actions, turns, t0, xs + 1, ys + 1, n); /* once a chunk */
    }
    *rng_io = rng;

    pl_batch_counter_finish(&cnt, turns, lanes, live, x, y, trans, out);
}
