// SPDX-License-Identifier: MIT
/* automaton_batch.c — up to 64 repetitions of a match between two automata at once.
 *
 * Why: in the default play a pair of automata (strategies/automaton.h) that draws plays its
 * repetitions two at a time (match.c, pl_match_run_two), and each move that draws takes a whole
 * xoshiro256** output (about 13 instructions) for a comparison whose outcome a few bits
 * decide.  Here the repetitions of a pair are the lanes of one loop: each lane's two states in
 * arrays, a turn the loop over the lanes, so that the states of many repetitions are in flight at
 * once, and a draw costs about one random byte.
 *
 * The draw.  A player in a state whose chance of cooperating is P / 2^53 (its cut, pl_rng_cut)
 * under a noise E / 2^53 is seen to play C with the chance N / 2^106 exactly, N = P (2^53 - E) +
 * (2^53 - P) E (batch_count.h, pl_batch_played_c; as in table_batch.c), and only that action
 * as played is seen by either player or counted.  So a uniform 106-bit m is compared with N
 * most significant bits first: its first byte (a byte of the lanes' random bytes) decides where
 * it differs from N's top byte (255 times in 256); on a tie the rest of m is drawn from the
 * batch's stream, 64 bits and then 34, and compared with the rest of N.  A state whose N is 0 or
 * 2^106 (no noise, a probability 0 or 1) spends nothing, as in a match.  So each lane's chances
 * are exactly those of a match; the draws that give them are other, which is why this serves an
 * explicit option (the tournament's --batched), as the tables' kernel does.
 *
 * The random bytes come from two xoshiro256** streams advanced together (core/rng_pair.h),
 * seeded from the batch's stream as table_batch.c seeds its own, each word's bytes low first
 * (the same on every machine), spent in order: a turn's lanes in order, A's byte then B's.
 * Without noise the states that draw are the gamblers' and the like: a deterministic state
 * spends no byte.
 *
 * Each state's record (pl_auto_rec) holds its next states by the last turn seen from A (B's
 * swapped when it is prepared), so one index 2x + y serves both players, and its top byte beside
 * them; a lane's state is the offset of its record.  A turn decides its 64 lanes' actions at once
 * in vectors (decide: the comparisons, the ties, and each lane's state offsets plus the outcome's
 * offset in next[]), then steps the lanes one by one (step_lanes: the next state and its top, two
 * loads and two stores a player, the chains of 50 lanes in flight together where the default
 * play's two-lane loop waits on two).  The actions of a turn are gathered into two words (lane i's
 * bit i, D = 1) and counted as table_batch.c counts its own (batch_count.h), into the same
 * pl_table_batch. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
/* AVX2 for the decisions where the machine running has it, asked at run time (the build targets
 * every x86-64): only decide_avx2 is compiled for it.  GCC and clang on x86 only. */
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define AB_AVX2 1
#include <immintrin.h>
#endif

#include "core/alloc.h"
#include "core/rng_pair.h"
#include "strategies/strategy_handle.h"
#include "twoparty/automaton_batch.h"
#include "twoparty/automaton_store.h"
#include "twoparty/batch_count.h"

/* What a player on one side is made of, so that the next pair with the same player (a row of the
 * round robin) does not build its automaton again.  Only automata from a hook are kept (tables
 * hang on the game and side and are cheap). */
typedef struct side_key {
    const pl_strategy_def *def; /* NULL: nothing kept */
    pl_params params;
    uint64_t noise_cut;
    int length; /* the match length an automaton_length hook made it for; -1: the automaton hook */
} side_key;

/* A lane's state is its record's offset, kept in 16 bits, and so is that offset plus the outcome's
 * in next[] (in the decisions' signed 16-bit vectors): the largest automaton's records fit. */
_Static_assert(PL_AUTOMATON_MAX * sizeof(pl_auto_rec) <= 32768, "a record's offset must fit 15 bits");

/* A state of the pair's joint automaton: the next joint state by the last turn's actions seen from A
 * (as the offset of its record, where pl_auto_rec's next[] is, so that the same index serves), each
 * player's top and each player's own state (for the ties). */
typedef struct joint_rec {
    uint16_t next[4];
    int16_t top[2];
    uint16_t state[2];
} joint_rec;
_Static_assert(sizeof(joint_rec) == sizeof(pl_auto_rec) && offsetof(joint_rec, next) == offsetof(pl_auto_rec, next),
               "a joint record is read as a player's record is");

struct pl_automaton_batch {
    int plain; /* 1: decide_plain rather than the vectors; 2: SSE2's vectors where AVX2's would serve (tests) */
    int avx2;  /* the machine running has AVX2 (decide_avx2) */
    int no_joint; /* 1: the two players stepped apart even where their joint automaton is small (tests) */
    int no_kept; /* 1: the column player's automaton made afresh for every pair (tests compare the two) */
    /* The column player's automaton and records as prepared (automaton_store.h, salted by the noise's
     * cut, which the records hang on): the next row of the round robin meets every column player of
     * this one again, and building and preparing them again was about 22 M instructions of issue
     * 17's field (field25).  Made on first use. */
    pl_auto_store *kept;
    side_key key[2];
    pl_automaton au[2];
    pl_auto_rec rec[2][PL_AUTOMATON_MAX];
    pl_batch_wide n[2][PL_AUTOMATON_MAX]; /* N of each state, for the ties */
    /* Each side as the kernel reads it: au, rec and n above, or the kept bytes in the store, read
     * where they are (copying them back into au, rec and n was 7.4 M instructions of issue 17's
     * field with --batched) */
    int states[2];
    const uint64_t *cut[2];
    const uint16_t (*next[2])[4];
    const pl_auto_rec *recs[2];
    const pl_batch_wide *ns[2];
    /* the pair's joint automaton (joint_make), jn states; 0: none, the two stepped apart */
    int jn;
    joint_rec joint[PL_AUTOMATON_MAX];
};

pl_automaton_batch *pl_automaton_batch_new(void)
{
    pl_automaton_batch *ab = pl_calloc(1, sizeof(pl_automaton_batch));
#if AB_AVX2
    if (ab) ab->avx2 = __builtin_cpu_supports("avx2") != 0;
#endif
    return ab;
}

void pl_automaton_batch_free(pl_automaton_batch *ab)
{
    if (!ab) return;
    pl_auto_store_free(ab->kept);
    pl_free(ab);
}

void pl_automaton_batch_plain(pl_automaton_batch *ab, int plain) { ab->plain = plain; }

void pl_automaton_batch_no_kept(pl_automaton_batch *ab, int no_kept) { ab->no_kept = no_kept; }

void pl_automaton_batch_no_joint(pl_automaton_batch *ab, int no_joint) { ab->no_joint = no_joint; }

/* The bytes a state of side 1 is kept in: its cut, next states, record and N. */
static const size_t kept_state_bytes = sizeof(uint64_t) + sizeof(uint16_t[4]) + sizeof(pl_auto_rec) + sizeof(pl_batch_wide);

/* Side `side` read from ab's own automaton and records. */
static void side_own(pl_automaton_batch *ab, int side)
{
    ab->states[side] = ab->au[side].n;
    ab->cut[side] = ab->au[side].cut;
    ab->next[side] = (const uint16_t (*)[4])ab->au[side].next;
    ab->recs[side] = ab->rec[side];
    ab->ns[side] = ab->n[side];
}

/* Side 1's automaton and records read in the kept bytes m of n states (the store's bytes follow its
 * entry, aligned for 8 bytes, and every part below is a multiple of 8 bytes long, so each starts
 * aligned for its type; the store frees nothing before ab is freed). */
static void kept_take(pl_automaton_batch *ab, const unsigned char *m, int n)
{
    ab->states[1] = n;
    ab->cut[1] = (const uint64_t *)(const void *)m, m += (size_t)n * sizeof(uint64_t);
    ab->next[1] = (const uint16_t (*)[4])(const void *)m, m += (size_t)n * sizeof(uint16_t[4]);
    ab->recs[1] = (const pl_auto_rec *)(const void *)m, m += (size_t)n * sizeof(pl_auto_rec);
    ab->ns[1] = (const pl_batch_wide *)(const void *)m;
}

/* Side 1's automaton and records, as just made, kept for s under its length and the noise (nothing
 * kept when the store is full). */
static void kept_put(pl_automaton_batch *ab, const pl_strategy *s, int length, uint64_t noise_cut)
{
    int n = ab->au[1].n;
    unsigned char *m = pl_auto_store_add(ab->kept, s, length, noise_cut, (size_t)n * kept_state_bytes);
    if (!m) return;
    memcpy(m, ab->au[1].cut, (size_t)n * sizeof(uint64_t)), m += (size_t)n * sizeof(uint64_t);
    memcpy(m, ab->au[1].next, (size_t)n * sizeof(uint16_t[4])), m += (size_t)n * sizeof(uint16_t[4]);
    memcpy(m, ab->rec[1], (size_t)n * sizeof(pl_auto_rec)), m += (size_t)n * sizeof(pl_auto_rec);
    memcpy(m, ab->n[1], (size_t)n * sizeof(pl_batch_wide));
}

/* Player `side`'s records from its automaton au[side] under the noise e (over 2^53). */
static void prepare_side(pl_automaton_batch *ab, int side, uint64_t e)
{
    const pl_automaton *a = &ab->au[side];
    for (int s = 0; s < a->n; s++) {
        pl_auto_rec *r = &ab->rec[side][s];
        memset(r, 0, sizeof *r);
        for (int o = 0; o < 4; o++) /* A's outcome o = 2x + y; B's own view of it is 2y + x */
            r->next[o] = (uint16_t)(a->next[s][side ? 2 * (o & 1) + (o >> 1) : o] * sizeof *r);
        pl_batch_wide n = pl_batch_played_c(a->cut[s], e);
        ab->n[side][s] = n;
        if (n.hi == 0 && n.lo == 0) r->top = -1;
        else if (n.hi == 1ull << 42 && n.lo == 0) r->top = 256;
        else {
            r->top = (int16_t)(n.hi >> 34); /* bits 105..98 */
            r->draws = 1;
        }
    }
}

/* s on `side` as an automaton into ab->au[side] and its records: its automaton hook's, or for a
 * player that reads the match length its automaton_length hook's for these turns (the batches'
 * length is always fixed), kept when the last one was the same player under the same noise and
 * length; or its memory-one table's.  0 when it is none of them. */
static int side_automaton(pl_automaton_batch *ab, const pl_strategy *s, const pl_game *g, int side, uint64_t noise_cut,
                          int turns)
{
    side_key *k = &ab->key[side];
    uint64_t e = pl_batch_over53(noise_cut) * (noise_cut != 0);
    const pl_strategy_def *d = s->def;
    if (d->automaton || d->automaton_length) {
        int length = d->automaton ? -1 : turns;
        if (k->def == d && k->noise_cut == noise_cut && k->length == length &&
            memcmp(&k->params, &s->params, sizeof s->params) == 0)
            return 1;
        k->def = NULL;
        side_key want = {.def = d, .params = s->params, .noise_cut = noise_cut, .length = length};
        int keep = side == 1 && !ab->no_kept && (ab->kept || (ab->kept = pl_auto_store_new()));
        size_t bytes;
        const unsigned char *m = keep ? pl_auto_store_find(ab->kept, s, length, noise_cut, &bytes) : NULL;
        if (m) {
            kept_take(ab, m, (int)(bytes / kept_state_bytes));
            *k = want;
            return 1;
        }
        if (!(d->automaton ? d->automaton(&s->params, &ab->au[side]) : d->automaton_length(&s->params, length, &ab->au[side])))
            return 0;
        prepare_side(ab, side, e);
        side_own(ab, side);
        *k = want;
        if (keep) kept_put(ab, s, length, noise_cut);
        return 1;
    }
    k->def = NULL;
    pl_table t;
    if (!d->memory_one || !pl_table_of(s, g, side, &t)) return 0;
    pl_table_as_automaton(&t, &ab->au[side]);
    prepare_side(ab, side, e);
    side_own(ab, side);
    return 1;
}

/* 1 when a match of the two automata without noise reaches a state that draws within `turns`
 * turns (every state before it deterministic, the path is the match's).  A joint state seen
 * again before then is a cycle that never draws: found by comparing with the state at the last
 * power of two (Brent's), so a short cycle stops the walk early. */
static int draws_within(const pl_automaton_batch *ab, int turns)
{
    const uint64_t *cut_a = ab->cut[0], *cut_b = ab->cut[1];
    const uint16_t (*next_a)[4] = ab->next[0], (*next_b)[4] = ab->next[1];
    unsigned sa = 0, sb = 0, mark_a = UINT32_MAX, mark_b = 0;
    for (int t = 0; t < turns; t++) {
        uint64_t ca = cut_a[sa], cb = cut_b[sb];
        if ((ca != 0 && ca != UINT64_MAX) || (cb != 0 && cb != UINT64_MAX)) return 1;
        if (sa == mark_a && sb == mark_b) return 0;
        if ((t & (t - 1)) == 0) mark_a = sa, mark_b = sb; /* t a power of two (or 0) */
        unsigned x = ca == 0, y = cb == 0;
        sa = next_a[sa][2 * x + y];
        sb = next_b[sb][2 * y + x];
    }
    return 0;
}

/* The joint automaton of the prepared pair into ab->joint: every pair of states (a, b) as state a nb + b,
 * so (0, 0) is the first; ab->jn its number of states, or 0 (none made) where the product has more states
 * than a record's offset can reach.  Made once a pair, for all its batches.
 *
 * Why: a lane's step is then one next state and two tops read from one record (step_joint) where it
 * was two next states and two tops read from two (step_lanes); issue 17's field has 1,014 of its 1,209
 * batched pairs within the bound, most of them a memory-one table (five states) against a small machine.
 * The whole product rather than the pairs a match reaches: those are about half of it there (123 of
 * 230 on average), but numbering them by a search cost more (11.3 M instructions for the field) than
 * making every pair (7.6 M). */
static void joint_make(pl_automaton_batch *ab)
{
    const int na = ab->states[0], nb = ab->states[1];
    ab->jn = 0;
    if (na * nb > PL_AUTOMATON_MAX) return;
    joint_rec *j = ab->joint;
    const pl_auto_rec *RA = ab->recs[0], *RB = ab->recs[1];
    for (int a = 0; a < na; a++) {
        unsigned row[4];
        for (int o = 0; o < 4; o++) row[o] = RA[a].next[o] / sizeof *RA * (unsigned)nb;
        for (int b = 0; b < nb; b++) {
            joint_rec *r = &j[a * nb + b];
            r->state[0] = (uint16_t)a, r->state[1] = (uint16_t)b;
            r->top[0] = RA[a].top, r->top[1] = RB[b].top;
            for (int o = 0; o < 4; o++) r->next[o] = (uint16_t)((row[o] + RB[b].next[o] / sizeof *RB) * sizeof *j);
        }
    }
    ab->jn = na * nb;
}

int pl_automaton_batch_pair(pl_automaton_batch *ab, const pl_strategy *a, const pl_strategy *b, const pl_game *g,
                            uint64_t noise_cut, int turns)
{
    const pl_strategy *s[2] = {a, b};
    if (!noise_cut && !a->stochastic && !b->stochastic) return 0; /* no draw at all: not built */
    for (int side = 0; side < 2; side++)
        if (!side_automaton(ab, s[side], g, side, noise_cut, turns)) return 0;
    if (!noise_cut && !draws_within(ab, turns)) return 0;
    joint_make(ab);
    return 1;
}

void pl_automaton_batch_set(pl_automaton_batch *ab, const pl_automaton *a, const pl_automaton *b, uint64_t noise_cut)
{
    uint64_t e = pl_batch_over53(noise_cut) * (noise_cut != 0);
    const pl_automaton *au[2] = {a, b};
    for (int side = 0; side < 2; side++) {
        ab->key[side].def = NULL;
        memcpy(&ab->au[side], au[side], sizeof *au[side]);
        prepare_side(ab, side, e);
        side_own(ab, side);
    }
    joint_make(ab);
}

/* m < N for a uniform 106-bit m whose top byte equals N's: the rest of m drawn from r, its next
 * 64 bits compared with N's bits 97..34, on a tie its last 34 with N's bits 33..0. */
static __attribute__((noinline)) unsigned below_rest(pl_batch_wide n, pl_rng *r)
{
    uint64_t mid = (n.hi << 30) | (n.lo >> 34), w = pl_rng_next(r);
    if (w != mid) return w < mid;
    return (pl_rng_next(r) >> 30) < (n.lo & ((1ull << 34) - 1));
}

enum { CHUNK = 64 };

/* 64 random bytes into u: four steps of the two streams, each word's bytes low first. */
static inline void random_bytes(pl_rng_pair *r2, uint8_t *u)
{
    for (int k = 0; k < 4; k++) {
        uint64_t w[2];
        pl_rng_pair_next(r2, w);
        for (int j = 0; j < 2; j++) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            w[j] = __builtin_bswap64(w[j]);
#endif
            memcpy(u + 16 * k + 8 * j, &w[j], 8);
        }
    }
}

/* Lane i's bit i from bit `bit` of the bytes b[0..64).  With SSE2: sixteen lanes a step, each
 * 16-bit lane shifted left by 7 - bit (bit `bit` of its low byte to that byte's top, and of its high
 * byte likewise, from the low byte's shifted in below it), the bytes' tops gathered by movemask.
 * Otherwise eight lanes a multiplication (byte j of a word times the byte 7 - j of the constant,
 * 2^j, lands on bit 56 + j, and nothing carries).  The same bits either way (the tests compare
 * the lanes with matches played alone). */
#if defined(__SSE2__)
static inline uint64_t lane_mask(const uint8_t *b, int bit)
{
    uint64_t m = 0;
    for (int q = 0; q < 4; q++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * q));
        v = _mm_slli_epi16(v, 7 - bit);
        m |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * q);
    }
    return m;
}
#else
static inline uint64_t lane_mask(const uint8_t *b, int bit)
{
    uint64_t m = 0;
    for (int g = 0; g < 8; g++) {
        uint64_t w;
        memcpy(&w, b + 8 * g, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap64(w);
#endif
        w = (w >> bit) & 0x0101010101010101ull;
        m |= ((w * 0x0102040810204080ull) >> 56) << (8 * g);
    }
    return m;
}
#endif

/* The actions of 64 lanes: ob[i] = 4 x + 2 y (the offset of the next state by the outcome in a
 * record's next[]), x = 1 (D) where A's byte ua[i] is not below its top tt[2 i] (never below -1,
 * always below 256), y likewise for B's ub[i] and tt[2 i + 1] (the two tops of a lane side by side:
 * a joint automaton's record holds them so, and the lane's step copies them as one word); na[i] and
 * nb[i] the offsets of the lane's next states in the records (sa[i] + ob[i], sb[i] + ob[i]).  For a
 * pair's joint automaton sb and nb are NULL: sa[i] is the lane's joint state, na[i] where its next
 * one is read.  Returns non-zero when some lane's byte ties its top.  decide_plain is the same
 * written lane by lane: machines without SSE2 take it, and the tests compare the two
 * (pl_automaton_batch_plain). */
static uint64_t decide_plain(const uint8_t *ua, const uint8_t *ub, const int16_t *tt, const uint16_t *sa,
                             const uint16_t *sb, uint8_t *ob, uint16_t *na, uint16_t *nb)
{
    uint64_t tie = 0;
    for (int i = 0; i < 64; i++) {
        ob[i] = (uint8_t)(4 * (ua[i] >= tt[2 * i]) + 2 * (ub[i] >= tt[2 * i + 1]));
        na[i] = (uint16_t)(sa[i] + ob[i]);
        if (sb) nb[i] = (uint16_t)(sb[i] + ob[i]);
        tie |= (uint64_t)((ua[i] == tt[2 * i]) | (ub[i] == tt[2 * i + 1]));
    }
    return tie;
}

#if defined(__SSE2__)
/* Eight lanes a step: their 16 bytes interleaved as the tops are (A's, B's, lane by lane) and widened
 * to 16 bits, compared with the tops in two vectors, each lane's pair of actions weighed (4 for A's
 * D, 2 for B's) and summed by one multiply-add into its outcome. */
static inline __attribute__((always_inline)) uint64_t decide(const uint8_t *ua, const uint8_t *ub, const int16_t *tt,
                                                             const uint16_t *sa, const uint16_t *sb, uint8_t *ob,
                                                             uint16_t *na, uint16_t *nb)
{
    const __m128i zero = _mm_setzero_si128(), weight = _mm_set1_epi32(2 << 16 | 4), one = _mm_set1_epi16(1);
    __m128i tie = zero;
    for (int g = 0; g < 64; g += 8) {
        __m128i u = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(const void *)(ua + g)),
                                      _mm_loadl_epi64((const __m128i *)(const void *)(ub + g)));
        __m128i u0 = _mm_unpacklo_epi8(u, zero), u1 = _mm_unpackhi_epi8(u, zero);
        __m128i t0 = _mm_loadu_si128((const __m128i *)(const void *)(tt + 2 * g));
        __m128i t1 = _mm_loadu_si128((const __m128i *)(const void *)(tt + 2 * g + 8));
        /* D where the byte is not below the top: the weight where top > byte is false */
        __m128i d0 = _mm_andnot_si128(_mm_cmpgt_epi16(t0, u0), weight);
        __m128i d1 = _mm_andnot_si128(_mm_cmpgt_epi16(t1, u1), weight);
        __m128i o = _mm_packs_epi32(_mm_madd_epi16(d0, one), _mm_madd_epi16(d1, one));
        _mm_storel_epi64((__m128i *)(void *)(ob + g), _mm_packus_epi16(o, o));
        tie = _mm_or_si128(tie, _mm_or_si128(_mm_cmpeq_epi16(t0, u0), _mm_cmpeq_epi16(t1, u1)));
        __m128i xa = _mm_add_epi16(_mm_loadu_si128((const __m128i *)(const void *)(sa + g)), o);
        _mm_storeu_si128((__m128i *)(void *)(na + g), xa);
        if (sb) { /* a constant where inlined: NULL for a pair's joint automaton */
            __m128i xb = _mm_add_epi16(_mm_loadu_si128((const __m128i *)(const void *)(sb + g)), o);
            _mm_storeu_si128((__m128i *)(void *)(nb + g), xb);
        }
    }
    return (uint64_t)_mm_movemask_epi8(tie);
}
#else
#define decide decide_plain
#endif

#if AB_AVX2
/* decide sixteen lanes a step in AVX2's 256-bit registers: the same comparisons, weights and sums
 * (the multiply-add's pairs and the packing work within each 128-bit half, so the packed outcomes
 * are put back in lane order by one permutation).  Not inlined: it is compiled for AVX2 alone, and
 * the call is a few instructions a turn against the 64 lanes'. */
static __attribute__((noinline, target("avx2"))) uint64_t decide_avx2(const uint8_t *ua, const uint8_t *ub,
                                                                      const int16_t *tt, const uint16_t *sa,
                                                                      const uint16_t *sb, uint8_t *ob, uint16_t *na,
                                                                      uint16_t *nb)
{
    const __m256i weight = _mm256_set1_epi32(2 << 16 | 4), one = _mm256_set1_epi16(1);
    __m256i tie = _mm256_setzero_si256();
    for (int g = 0; g < 64; g += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(ua + g));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(ub + g));
        __m256i u0 = _mm256_cvtepu8_epi16(_mm_unpacklo_epi8(a, b)), u1 = _mm256_cvtepu8_epi16(_mm_unpackhi_epi8(a, b));
        __m256i t0 = _mm256_loadu_si256((const __m256i *)(const void *)(tt + 2 * g));
        __m256i t1 = _mm256_loadu_si256((const __m256i *)(const void *)(tt + 2 * g + 16));
        __m256i d0 = _mm256_andnot_si256(_mm256_cmpgt_epi16(t0, u0), weight);
        __m256i d1 = _mm256_andnot_si256(_mm256_cmpgt_epi16(t1, u1), weight);
        /* packed per half: lanes g..g+3, g+8..g+11 | g+4..g+7, g+12..g+15; the quarters 0, 2, 1, 3 */
        __m256i o = _mm256_permute4x64_epi64(_mm256_packs_epi32(_mm256_madd_epi16(d0, one), _mm256_madd_epi16(d1, one)),
                                             0xD8);
        _mm_storeu_si128((__m128i *)(void *)(ob + g),
                         _mm_packus_epi16(_mm256_castsi256_si128(o), _mm256_extracti128_si256(o, 1)));
        tie = _mm256_or_si256(tie, _mm256_or_si256(_mm256_cmpeq_epi16(t0, u0), _mm256_cmpeq_epi16(t1, u1)));
        __m256i xa = _mm256_add_epi16(_mm256_loadu_si256((const __m256i *)(const void *)(sa + g)), o);
        _mm256_storeu_si256((__m256i *)(void *)(na + g), xa);
        if (sb) {
            __m256i xb = _mm256_add_epi16(_mm256_loadu_si256((const __m256i *)(const void *)(sb + g)), o);
            _mm256_storeu_si256((__m256i *)(void *)(nb + g), xb);
        }
    }
    return !_mm256_testz_si256(tie, tie);
}
#endif

/* The lanes (bit i for lane i) where a byte ties its top, A's or B's: asked only on the turns where
 * decide saw one (about a third of the turns of the field), so that the ties are resolved
 * lane by lane where they are rather than every lane tested again (about 17 M instructions there).
 * `plain`: lane by lane, as decide_plain (the tests compare the two). */
static uint64_t tied_lanes(const uint8_t *ua, const uint8_t *ub, const int16_t *tt, int plain)
{
    uint64_t m = 0;
#if defined(__SSE2__)
    if (!plain) {
        const __m128i zero = _mm_setzero_si128();
        for (int g = 0; g < 64; g += 8) {
            __m128i u = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(const void *)(ua + g)),
                                          _mm_loadl_epi64((const __m128i *)(const void *)(ub + g)));
            __m128i t0 = _mm_loadu_si128((const __m128i *)(const void *)(tt + 2 * g));
            __m128i t1 = _mm_loadu_si128((const __m128i *)(const void *)(tt + 2 * g + 8));
            __m128i e0 = _mm_cmpeq_epi16(t0, _mm_unpacklo_epi8(u, zero)), e1 = _mm_cmpeq_epi16(t1, _mm_unpackhi_epi8(u, zero));
            /* a lane's two 16-bit results as one 32-bit word, nonzero where either tied (packed with
             * saturation, a nonzero word stays nonzero); then a byte a lane, 0 where neither did */
            __m128i e = _mm_packs_epi32(e0, e1);
            __m128i none = _mm_cmpeq_epi16(e, zero);
            m |= (uint64_t)(~(unsigned)_mm_movemask_epi8(_mm_packs_epi16(none, none)) & 0xffu) << g;
        }
        return m;
    }
#else
    (void)plain;
#endif
    for (int i = 0; i < 64; i++) m |= (uint64_t)((ua[i] == tt[2 * i]) | (ub[i] == tt[2 * i + 1])) << i;
    return m;
}

/* The lanes' next states and their tops, lane by lane: two loads and two stores a player.  gcc
 * would make it 8-lane vectors filled a 16-bit word at a time (more instructions than lanes), so
 * not vectorised there. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-vectorize")))
#endif
static void step_lanes(const char *ra, const char *rb, const uint16_t *oa, const uint16_t *ob, uint16_t *sa,
                       uint16_t *sb, int16_t *tt, int lanes)
{
    enum { TOP = offsetof(pl_auto_rec, top) };
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 4
#endif
    for (int i = 0; i < lanes; i++) {
        unsigned na = *(const uint16_t *)(const void *)(ra + oa[i]);
        unsigned nb = *(const uint16_t *)(const void *)(rb + ob[i]);
        sa[i] = (uint16_t)na, sb[i] = (uint16_t)nb;
        tt[2 * i] = *(const int16_t *)(const void *)(ra + na + TOP);
        tt[2 * i + 1] = *(const int16_t *)(const void *)(rb + nb + TOP);
    }
}



/* step_lanes for a joint automaton: each lane's next joint state and its two tops from its record. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-vectorize")))
#endif
static void step_joint(const char *r, const uint16_t *o, uint16_t *s, int16_t *tt, int lanes)
{
    enum { TOP = offsetof(joint_rec, top) };
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 4
#endif
    for (int i = 0; i < lanes; i++) {
        unsigned n = *(const uint16_t *)(const void *)(r + o[i]);
        s[i] = (uint16_t)n;
        memcpy(tt + 2 * i, r + n + TOP, 2 * sizeof *tt); /* both tops, A's first, as one word */
    }
}

void pl_automaton_batch_play(const pl_automaton_batch *ab, int turns, int lanes, pl_rng *rng_io, pl_table_batch *out,
                             uint64_t *actions)
{
    memset(out, 0, sizeof *out);
    const uint64_t live = lanes >= 64 ? ~0ull : (1ull << lanes) - 1;
    const pl_auto_rec *RA = ab->recs[0], *RB = ab->recs[1];
    pl_rng rng = *rng_io;
    /* the bytes' two streams: (d, 0, 0) and (d, 1, 0) of pl_rng_init, d the batch's stream's next
     * draw (its ties go on from there) */
    pl_rng_pair r2;
    {
        uint64_t d = pl_rng_next(&rng);
        pl_rng s0, s1;
        pl_rng_init(&s0, d, 0, 0);
        pl_rng_init(&s1, d, 1, 0);
        pl_rng_pair_set(&r2, &s0, &s1);
    }
    /* a player none of whose states draws takes no bytes (its tops are -1 and 256: any byte
     * decides alike) */
    const int plain = ab->plain, avx2 = ab->avx2 && !plain;
    int draws[2] = {0, 0};
    for (int side = 0; side < 2; side++)
        for (int st = 0; st < ab->states[side] && !draws[side]; st++) draws[side] = ab->recs[side][st].draws;
    uint16_t sa[64], sb[64]; /* each lane's states, as the offsets of their records */
    int16_t tt[128];         /* and their tops, A's and B's side by side */
    uint8_t ua[64], ub[64], ob[64];
    uint16_t oa[64], obb[64]; /* where each lane's next states are read: its state's record plus the outcome */
    memset(sa, 0, sizeof sa);
    memset(sb, 0, sizeof sb);
    memset(ua, 0, sizeof ua);
    memset(ub, 0, sizeof ub);
    for (int i = 0; i < 64; i++) tt[2 * i] = RA[0].top, tt[2 * i + 1] = RB[0].top;
    const char *ra = (const char *)RA, *rb = (const char *)RB;
    const joint_rec *joint = ab->joint;
    const int jn = ab->no_joint ? 0 : ab->jn; /* sa[i] a joint state when jn > 0, sb unused */
    const char *rj = (const char *)joint;
    pl_batch_counter cnt;
    pl_batch_counter_init(&cnt);
    uint64_t x = 0, y = 0, trans[2][3] = {{0, 0, 0}, {0, 0, 0}};
    for (int t0 = 0; t0 < turns; t0 += CHUNK) {
        int n = turns - t0 < CHUNK ? turns - t0 : CHUNK;
        uint64_t xs[CHUNK], ys[CHUNK], both[CHUNK];
        for (int k = 0; k < n; k++) {
            if (draws[0]) random_bytes(&r2, ua);
            if (draws[1]) random_bytes(&r2, ub);
            /* (B's states are not read for a joint automaton: NULL, a constant where decide is inlined) */
            uint64_t tie;
#if AB_AVX2
            if (avx2) tie = decide_avx2(ua, ub, tt, sa, jn ? NULL : sb, ob, oa, obb);
            else
#endif
            if (plain == 1) tie = decide_plain(ua, ub, tt, sa, jn ? NULL : sb, ob, oa, obb);
            else if (jn) tie = decide(ua, ub, tt, sa, NULL, ob, oa, NULL);
            else tie = decide(ua, ub, tt, sa, sb, ob, oa, obb);
            if (__builtin_expect(tie != 0, 0))
                for (uint64_t m = tied_lanes(ua, ub, tt, plain == 1) & live; m; m &= m - 1) {
                    /* the rest of m from the batch's stream, lane by lane in order, A first */
                    int i = __builtin_ctzll(m), tied = 0;
                    if (ua[i] == tt[2 * i]) {
                        unsigned st = jn ? joint[sa[i] / sizeof *joint].state[0] : sa[i] / sizeof *RA;
                        ob[i] = (uint8_t)((ob[i] & 2) | 4 * !below_rest(ab->ns[0][st], &rng));
                        tied = 1;
                    }
                    if (ub[i] == tt[2 * i + 1]) {
                        unsigned st = jn ? joint[sa[i] / sizeof *joint].state[1] : sb[i] / sizeof *RB;
                        ob[i] = (uint8_t)((ob[i] & 4) | 2 * !below_rest(ab->ns[1][st], &rng));
                        tied = 1;
                    }
                    if (tied) oa[i] = (uint16_t)(sa[i] + ob[i]), obb[i] = (uint16_t)(sb[i] + ob[i]);
                }
            uint64_t X = lane_mask(ob, 2) & live, Y = lane_mask(ob, 1) & live;
            if (jn) step_joint(rj, oa, sa, tt, lanes);
            else step_lanes(ra, rb, oa, obb, sa, sb, tt, lanes);
            if (t0 + k > 0) { /* the C that followed CC, CD, DC (the rest followed DD) */
                pl_batch_count_next_c(trans, live & ~(x | y), y & ~x, x & ~y, live & ~X, live & ~Y);
            } else {
                out->first_c[0] = (uint64_t)__builtin_popcountll(live & ~X);
                out->first_c[1] = (uint64_t)__builtin_popcountll(live & ~Y);
            }
            x = X, y = Y;
            xs[k] = X, ys[k] = Y;
        }
        pl_batch_counter_add(&cnt, xs, ys, n, both);
        if (actions) pl_batch_keep_actions(actions, turns, t0, xs, ys, n); /* once a chunk */
    }
    *rng_io = rng;
    pl_batch_counter_finish(&cnt, turns, lanes, live, x, y, trans, out);
}
