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
 * the kernel of the pairs of automata).
 *
 * Where the processor has AVX2, two batches of a pair play at once in the vector units
 * (pl_table_batch_play2, below): the same draws for each as alone. */
#include <stdatomic.h>
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

enum { CHUNK = 64 }; /* turns drawn before they are counted */

/* A player whose table draws nothing (every probability 0 or 1: Tit For Tat, Win-Stay
 * Lose-Shift, ...) takes its flips from the gaps' stream (about 3 draws for 64 lanes at a noise
 * of 0.05) when there is one; any other player draws its action as played bit by bit (about 7
 * draws for 64 lanes).  The flips do not depend on the play, so a chunk's are drawn before its
 * turns, a flip at a time (the loop's only unforeseeable exit at the chunk's end, where a loop a
 * word had one every word): the flips of the n words that take them, in the order they take them,
 * into w[0], w[stride], ...  *pos is the position of the stream's next flip counted from the first
 * word's first lane, carried from chunk to chunk; the draws are those of a word at a time. */
static void fill_flips(const pl_rng_gaps *gaps, pl_rng *rng, uint64_t *pos, uint64_t *w, int n, int stride)
{
    for (int i = 0; i < n; i++) w[i * stride] = 0;
    uint64_t end = 64 * (uint64_t)n, at = *pos;
    pl_rng r = *rng; /* a copy in registers */
    while (at < end) {
        w[(at >> 6) * (uint64_t)stride] |= 1ull << (at & 63);
        at += 1 + pl_rng_gap(gaps, &r);
    }
    *rng = r;
    *pos = at - end;
}

/* The actions (D = 1) of turns t0 + 1 .. t0 + n into xs[1..n], x and y the turn before's; ga,
 * gb: A, B take the gaps' flips (constants in each copy). */
static inline __attribute__((always_inline)) void draw_turns(const pl_table_pair *pp, pl_rng *rng, pl_rng_pair *r2,
                                                             uint64_t live,
                                                             int t0, int n, uint64_t *xs, uint64_t *ys,
                                                             uint64_t *pos, uint64_t trans[2][3], const int ga,
                                                             const int gb)
{
    uint64_t x = xs[0], y = ys[0], u[16], fw[2 * CHUNK];
    pl_rng_pair r2c = *r2; /* a copy the chunk keeps in registers */
    const uint64_t *f = fw; /* the next word's flips */
    if (ga || gb) fill_flips(pp->gaps, rng, pos, fw, n * (ga + gb), 1);
    for (int k = 1; k <= n; k++) {
        /* the lanes by last outcome (A's view), and their sixteen unions */
        uint64_t m0 = live & ~(x | y), m1 = y & ~x, m2 = x & ~y, m3 = x & y;
        uint64_t m01 = m0 | m1, m012 = m01 | m2;
        u[0] = 0, u[1] = m0, u[2] = m1, u[3] = m01;
        u[4] = m2, u[5] = m0 | m2, u[6] = m1 | m2, u[7] = m012;
        u[8] = m3, u[9] = m0 | m3, u[10] = m1 | m3, u[11] = m01 | m3;
        u[12] = m2 | m3, u[13] = u[5] | m3, u[14] = u[6] | m3, u[15] = live;
        int later = t0 + k > 1;
        uint64_t ca = ga ? u[pp->move[0][later].always] ^ *f++ : draw_actions(&r2c, u, &pp->d[0][later]);
        uint64_t cb = gb ? u[pp->move[1][later].always] ^ *f++ : draw_actions(&r2c, u, &pp->d[1][later]);
        if (later) pl_batch_count_next_c(trans, m0, m1, m2, ca, cb); /* the C that followed CC, CD, DC */
        x = live & ~ca;
        y = live & ~cb;
        xs[k] = x, ys[k] = y;
    }
    *r2 = r2c;
}

/* Whether player p takes its flips from the gaps' stream: its table draws nothing and there is one. */
static inline int takes_gaps(const pl_table_pair *pp, int p)
{
    return pp->gaps && !pp->move[p][0].open && !pp->move[p][1].open;
}

/* A batch's first draws: gap[p], whether player p takes the gaps' flips (takes_gaps); *pos, the gaps' first
 * flip; *r2, the bit-serial draws' two streams, (d, 0, 0) and (d, 1, 0) of pl_rng_init, d the
 * batch's stream's next draw (its gaps, if any, go on from there). */
static void begin_draws(const pl_table_pair *pp, pl_rng *rng, int gap[2], uint64_t *pos, pl_rng_pair *r2)
{
    for (int p = 0; p < 2; p++) gap[p] = takes_gaps(pp, p);
    *pos = gap[0] || gap[1] ? pl_rng_gap(pp->gaps, rng) : 0;
    memset(r2, 0, sizeof *r2);
    if (!gap[0] || !gap[1]) {
        uint64_t d = pl_rng_next(rng);
        pl_rng s0, s1;
        pl_rng_init(&s0, d, 0, 0);
        pl_rng_init(&s1, d, 1, 0);
        pl_rng_pair_set(r2, &s0, &s1);
    }
}

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
    uint64_t pos;
    pl_rng_pair r2;
    begin_draws(pp, &rng, gap, &pos, &r2);
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

/* Two batches of a pair played together (pl_table_batch_play2): batch 0's 64 lanes in the low
 * half of each 128-bit word, batch 1's in the high half, and the four streams of their bit-serial
 * draws in one 256-bit vector, [batch 0's stream 0, batch 1's stream 0, batch 0's stream 1,
 * batch 1's stream 1], so that one step of xoshiro256** gives both batches their next two bits
 * (the low half of its words bit k, the high half bit k + 1).
 *
 * A batch's streams take a step only while it has lanes open, as they would alone, so each batch
 * takes exactly the words, and the flips, of pl_table_batch_play.  But the loop does not branch
 * on it every step: the streams run ahead regardless (their words never wait for a decision), and
 * a blend keeps for each batch the state of its last step with lanes open; the loop tests for
 * open lanes once every WIDE_BLOCK steps, so its exit, which the processor cannot foresee, comes
 * about once an action for two batches, where draw_actions's comes once an action a batch, and
 * the decisions' chain no longer waits on the branch of every step.  The decisions, the unions
 * and the streams are all in the vector units, which the one-batch loop shares between its words
 * and the integer units.  The same code is built twice, for AVX2 and for AVX-512VL (where gcc
 * makes the rotations one instruction and the and-xor-or chains three-input logic), and chosen at
 * the first call from what the processor has; without AVX2 the two batches play one after the
 * other. */
enum { WIDE_NONE, WIDE_AVX2, WIDE_AVX512 };
static _Atomic int wide_level = -1; /* -1: not yet asked (atomic: the workers' first calls meet) */

int pl_table_batch_wide(int level)
{
    int was = atomic_load_explicit(&wide_level, memory_order_relaxed);
    if (was < 0) { /* every thread that asks finds the same */
        was = WIDE_NONE;
#if defined(__GNUC__) && defined(__x86_64__)
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2")) was = WIDE_AVX2;
        if (was && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")) was = WIDE_AVX512;
#endif
        atomic_store_explicit(&wide_level, was, memory_order_relaxed);
    }
    if (level >= 0) atomic_store_explicit(&wide_level, level, memory_order_relaxed);
    return was;
}

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>

#define WIDE_INLINE static inline __attribute__((always_inline, target("avx2")))

/* The streams' next word, x, from their state s (rng_pair.h's step, twice as wide). */
WIDE_INLINE __m256i wide_out(const __m256i s[4])
{
    __m256i x = _mm256_add_epi64(_mm256_slli_epi64(s[1], 2), s[1]); /* s1 5 */
    x = _mm256_or_si256(_mm256_slli_epi64(x, 7), _mm256_srli_epi64(x, 57));
    return _mm256_add_epi64(_mm256_slli_epi64(x, 3), x); /* 9 */
}

/* The streams' state a step on. */
WIDE_INLINE void wide_next(__m256i s[4])
{
    __m256i t = _mm256_slli_epi64(s[1], 17);
    s[2] = _mm256_xor_si256(s[2], s[0]);
    s[3] = _mm256_xor_si256(s[3], s[1]);
    s[1] = _mm256_xor_si256(s[1], s[2]);
    s[0] = _mm256_xor_si256(s[0], s[3]);
    s[2] = _mm256_xor_si256(s[2], t);
    s[3] = _mm256_or_si256(_mm256_slli_epi64(s[3], 45), _mm256_srli_epi64(s[3], 19));
}

/* Two bits of m (words x) against N's (the lanes t0, t1 whose N has a 1 there), both batches:
 * draw_actions's step. */
WIDE_INLINE void wide_bits(__m256i x, __m128i t0, __m128i t1, __m128i *open, __m128i *yes)
{
    __m128i now = _mm_and_si128(*open, _mm_xor_si128(_mm256_castsi256_si128(x), t0));
    *yes = _mm_or_si128(*yes, _mm_and_si128(now, t0));
    *open = _mm_xor_si128(*open, now);
    now = _mm_and_si128(*open, _mm_xor_si128(_mm256_extracti128_si256(x, 1), t1));
    *yes = _mm_or_si128(*yes, _mm_and_si128(now, t1));
    *open = _mm_xor_si128(*open, now);
}

/* The streams that run ahead (n, their word xn) and those a batch has taken (s, x): a step of
 * both batches' draws on bits c[0], c[1], taken by a batch where it has lanes open.  The words
 * are made whatever the lanes, so that the next ones do not wait for the decisions: the
 * decisions only choose, by a blend, what each batch keeps. */
WIDE_INLINE void wide_bit_step(__m256i s[4], __m256i *x, __m256i n[4], __m256i *xn, const __m128i *u,
                               const uint8_t *c, __m128i *open, __m128i *yes)
{
    __m256i keep = _mm256_broadcastsi128_si256(_mm_cmpeq_epi64(*open, _mm_setzero_si128())); /* no lane open */
    __m256i w = *xn;
    wide_next(n);
    *xn = wide_out(n);
    wide_bits(w, u[c[0]], u[c[1]], open, yes);
    for (int i = 0; i < 4; i++) s[i] = _mm256_blendv_epi8(n[i], s[i], keep);
    *x = _mm256_blendv_epi8(*xn, *x, keep);
}

/* Steps taken without a test for open lanes: 10 bits, after which all 128 lanes are decided 88 %
 * of the time (1 - 2^-10 to the 128th).  3 and 5 to 6 were best in the kernel's time over the
 * memory-one field's pairs; 4 and 8 slower, 1 (a test every step) slowest. */
enum { WIDE_BLOCK = 5 };

/* draw_actions for both batches; u[c] the union of the states in the set c, a half a batch; s
 * the streams, x their next words.  Steps go WIDE_BLOCK at a time without a branch while N has
 * the bits, each batch's streams taking a step only where that batch has lanes open (as alone);
 * the test for lanes still open comes once a block, where draw_actions tests every step. */
WIDE_INLINE __m128i wide_draw(__m256i s[4], __m256i *x, const __m128i *u, const pl_table_draw *d)
{
    __m128i yes = u[d->always], open = u[d->open];
    const uint8_t *c = d->code, *end = c + d->nbits;
    __m256i n[4] = {s[0], s[1], s[2], s[3]}, xn = *x;
    while (c < end && !_mm_testz_si128(open, open)) {
        if (end - c >= 2 * WIDE_BLOCK) {
            for (int j = 0; j < WIDE_BLOCK; j++) wide_bit_step(s, x, n, &xn, u, c + 2 * j, &open, &yes);
            c += 2 * WIDE_BLOCK;
        } else {
            wide_bit_step(s, x, n, &xn, u, c, &open, &yes);
            c += 2;
        }
    }
    return yes;
}

/* The C that followed CC, CD, DC in turns t0 + 1 .. t0 + n (xs[k], ys[k] turn t0 + k's actions,
 * xs[0], ys[0] the turn before): draw_turns counts them as it goes. */
static inline __attribute__((always_inline)) void count_trans(uint64_t trans[2][3], uint64_t live, int t0, int n,
                                                              const uint64_t *xs, const uint64_t *ys)
{
    for (int k = t0 == 0 ? 2 : 1; k <= n; k++) {
        uint64_t x = xs[k - 1], y = ys[k - 1];
        pl_batch_count_next_c(trans, live & ~(x | y), y & ~x, x & ~y, live & ~xs[k], live & ~ys[k]);
    }
}

/* Both batches' turns (draw_turns twice as wide, then each batch counted as
 * pl_table_batch_play counts it); ga, gb as draw_turns's. */
WIDE_INLINE void wide_play(const pl_table_pair *pp, int turns, const int lanes[2], pl_rng *rng_io[2],
                           pl_table_batch *out[2], const int ga, const int gb)
{
    pl_rng rng[2];
    uint64_t pos[2], live[2], trans[2][2][3];
    int gap[2];
    pl_batch_counter cnt[2];
    __m256i s[4];
    pl_rng_pair r2[2];
    for (int b = 0; b < 2; b++) {
        memset(out[b], 0, sizeof *out[b]);
        live[b] = lanes[b] >= 64 ? ~0ull : (1ull << lanes[b]) - 1;
        rng[b] = *rng_io[b];
        begin_draws(pp, &rng[b], gap, &pos[b], &r2[b]);
        pl_batch_counter_init(&cnt[b]);
        memset(trans[b], 0, sizeof trans[b]);
    }
    for (int i = 0; i < 4; i++)
        s[i] = _mm256_set_epi64x((long long)PL_RNG_PAIR_AT(r2[1].s[i], 1), (long long)PL_RNG_PAIR_AT(r2[0].s[i], 1),
                                 (long long)PL_RNG_PAIR_AT(r2[1].s[i], 0), (long long)PL_RNG_PAIR_AT(r2[0].s[i], 0));
    __m256i sx = wide_out(s); /* the streams' next words */
    const __m128i lv = _mm_set_epi64x((long long)live[1], (long long)live[0]);
    __m128i x = _mm_setzero_si128(), y = x;
    for (int t0 = 0; t0 < turns; t0 += CHUNK) {
        int n = turns - t0 < CHUNK ? turns - t0 : CHUNK;
        __m128i xw[CHUNK + 1], yw[CHUNK + 1], u[16];
        uint64_t fw[CHUNK][2]; /* the flips of the side that takes the gaps', [turn][batch] */
        if (ga || gb)
            for (int b = 0; b < 2; b++) fill_flips(pp->gaps, &rng[b], &pos[b], &fw[0][b], n, 2);
        xw[0] = x, yw[0] = y;
        for (int k = 1; k <= n; k++) {
            __m128i m0 = _mm_andnot_si128(_mm_or_si128(x, y), lv), m1 = _mm_andnot_si128(x, y),
                    m2 = _mm_andnot_si128(y, x), m3 = _mm_and_si128(x, y);
            __m128i m01 = _mm_or_si128(m0, m1);
            u[0] = _mm_setzero_si128(), u[1] = m0, u[2] = m1, u[3] = m01;
            u[4] = m2, u[5] = _mm_or_si128(m0, m2), u[6] = _mm_or_si128(m1, m2), u[7] = _mm_or_si128(m01, m2);
            u[8] = m3, u[9] = _mm_or_si128(m0, m3), u[10] = _mm_or_si128(m1, m3), u[11] = _mm_or_si128(m01, m3);
            u[12] = _mm_or_si128(m2, m3), u[13] = _mm_or_si128(u[5], m3), u[14] = _mm_or_si128(u[6], m3), u[15] = lv;
            int later = t0 + k > 1;
            __m128i ca = ga ? _mm_xor_si128(u[pp->move[0][later].always], _mm_loadu_si128((const __m128i *)fw[k - 1]))
                            : wide_draw(s, &sx, u, &pp->d[0][later]);
            __m128i cb = gb ? _mm_xor_si128(u[pp->move[1][later].always], _mm_loadu_si128((const __m128i *)fw[k - 1]))
                            : wide_draw(s, &sx, u, &pp->d[1][later]);
            x = _mm_andnot_si128(ca, lv);
            y = _mm_andnot_si128(cb, lv);
            xw[k] = x, yw[k] = y;
        }
        for (int b = 0; b < 2; b++) { /* each batch's words, counted */
            uint64_t xs[CHUNK + 1], ys[CHUNK + 1], both[CHUNK];
            for (int k = 0; k <= n; k++) {
                uint64_t hx[2], hy[2];
                memcpy(hx, &xw[k], sizeof hx);
                memcpy(hy, &yw[k], sizeof hy);
                xs[k] = hx[b], ys[k] = hy[b];
            }
            count_trans(trans[b], live[b], t0, n, xs, ys);
            if (t0 == 0) {
                out[b]->first_c[0] = (uint64_t)__builtin_popcountll(live[b] & ~xs[1]);
                out[b]->first_c[1] = (uint64_t)__builtin_popcountll(live[b] & ~ys[1]);
            }
            pl_batch_counter_add(&cnt[b], xs + 1, ys + 1, n, both);
        }
    }
    for (int b = 0; b < 2; b++) {
        *rng_io[b] = rng[b];
        uint64_t last[2][2];
        memcpy(last[0], &x, sizeof last[0]);
        memcpy(last[1], &y, sizeof last[1]);
        pl_batch_counter_finish(&cnt[b], turns, lanes[b], live[b], last[0][b], last[1][b],
                                (const uint64_t(*)[3])trans[b], out[b]);
    }
}

/* The copies the dispatch chooses from: [AVX2, AVX-512VL][A takes the gaps' flips, B does,
 * neither]. */
typedef void wide_fn(const pl_table_pair *pp, int turns, const int lanes[2], pl_rng *rng[2], pl_table_batch *out[2]);

#define WIDE_COPY(name, isa, ga, gb)                                                                                  \
    __attribute__((target(isa))) static void name(const pl_table_pair *pp, int turns, const int lanes[2],           \
                                                  pl_rng *rng[2], pl_table_batch *out[2])                            \
    {                                                                                                                \
        wide_play(pp, turns, lanes, rng, out, ga, gb);                                                               \
    }
WIDE_COPY(wide_avx2_a, "avx2", 1, 0)
WIDE_COPY(wide_avx2_b, "avx2", 0, 1)
WIDE_COPY(wide_avx2, "avx2", 0, 0)
WIDE_COPY(wide_avx512_a, "avx2,avx512f,avx512vl", 1, 0)
WIDE_COPY(wide_avx512_b, "avx2,avx512f,avx512vl", 0, 1)
WIDE_COPY(wide_avx512, "avx2,avx512f,avx512vl", 0, 0)
#undef WIDE_COPY

static wide_fn *const wide_copies[2][3] = {{wide_avx2_a, wide_avx2_b, wide_avx2},
                                           {wide_avx512_a, wide_avx512_b, wide_avx512}};
#endif

void pl_table_batch_play2(const pl_table_pair *pp, int turns, const int lanes[2], pl_rng *rng[2],
                          pl_table_batch *out[2])
{
    const int gap[2] = {takes_gaps(pp, 0), takes_gaps(pp, 1)};
#if defined(__GNUC__) && defined(__x86_64__)
    int level = pl_table_batch_wide(-1);
    if (!(gap[0] && gap[1]) && level > WIDE_NONE) { /* both taking the gaps' flips: no streams to share */
        wide_copies[level == WIDE_AVX512][gap[0] ? 0 : gap[1] ? 1 : 2](pp, turns, lanes, rng, out);
        return;
    }
#endif
    for (int b = 0; b < 2; b++) pl_table_batch_play(pp, turns, lanes[b], rng[b], out[b], NULL);
}
