// SPDX-License-Identifier: MIT
/* history.h — what one party has played in a two-party match, as packed bits.
 *
 * Bit t of the words is the action at turn t (0 = C, 1 = D).  Packing keeps a
 * million-turn match at 125 kB a party and makes window counts ("defections in
 * the last n turns") a few popcounts.  The running defection count and score
 * are kept alongside because nearly every strategy asks for them. */
#ifndef PL_HISTORY_H
#define PL_HISTORY_H

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct pl_history {
    uint64_t *w;     /* packed actions */
    int len;         /* turns recorded */
    int cap;         /* capacity in turns (a multiple of 64) */
    int n_defect;    /* defections so far */
    double score;    /* payoff accumulated so far */
} pl_history;

int pl_history_init(pl_history *h, int capacity_turns); /* 0 or PL_ENOMEM */
void pl_history_free(pl_history *h);

/* Back to no turn: the words that held turns zeroed.  Inline: a match begins by clearing both
 * histories, mostly of a few words (where GCC inlines it into match_begin it makes the loop a call
 * to memset again). */
static inline void pl_history_clear(pl_history *h)
{
    for (int k = 0; k < (h->len + 63) / 64; k++) h->w[k] = 0;
    h->len = 0;
    h->n_defect = 0;
    h->score = 0;
}
int pl_history_grow(pl_history *h); /* doubles the capacity: 0 or PL_ENOMEM */

/* Records one turn.  Inline: it is the innermost step of every match. */
static inline int pl_history_push(pl_history *h, int action, double payoff)
{
    if (__builtin_expect(h->len == h->cap, 0) && pl_history_grow(h)) return -2; /* PL_ENOMEM */
    assert(h->len < h->cap);
    h->w[h->len >> 6] |= (uint64_t)(action & 1) << (h->len & 63);
    h->n_defect += action & 1;
    h->len++;
    h->score += payoff;
    return 0;
}

/* The k actions from turn `from` on as bits, 1 <= k <= 64 and from + k <= len: bit i is the
 * action at turn from + i.  At most two word loads. */
static inline uint64_t pl_hist_bits(const pl_history *h, int from, int k)
{
    assert(k >= 1 && k <= 64 && from >= 0 && from + k <= h->len);
    int b = from & 63;
    const uint64_t *w = h->w + (from >> 6);
    uint64_t x = w[0] >> b;
    if (b + k > 64) x |= w[1] << (64 - b); /* the window spills into the next word (b > 0 here) */
    return k == 64 ? x : x & ((1ull << k) - 1);
}

/* The last k actions as bits, 1 <= k <= 64 and k <= len: bit i is the action at turn
 * len - k + i, so the latest is bit k - 1.  For the strategies that look a few turns back and
 * for window counts. */
static inline uint64_t pl_hist_last_bits(const pl_history *h, int k) { return pl_hist_bits(h, h->len - k, k); }

int pl_history_defects_window(const pl_history *h, int k); /* any k: a popcount per word */

/* Defections in the last k turns.  Inline with one popcount for windows of up to 64 turns
 * (the common case: Tullock's 10, the hard tit for tats' 2 and 3), so a move makes no call. */
static inline int pl_history_defects_last(const pl_history *h, int k)
{
    if (k >= h->len) return h->n_defect;
    if (k <= 0) return 0;
    if (k <= 64) return __builtin_popcountll(pl_hist_last_bits(h, k));
    return pl_history_defects_window(h, k);
}

/* Makes room for `turns` turns in all, so a match grows its history once, not turn by turn. */
static inline int pl_history_reserve(pl_history *h, int turns)
{
    while (h->cap < turns)
        if (pl_history_grow(h)) return -2; /* PL_ENOMEM */
    return 0;
}

/* How many turns ago the last defection was (1: the last turn), 0 when there was none: a word
 * at a time from the newest, the highest set bit of the first word that has one. */
static inline int pl_hist_last_defect_ago(const pl_history *h)
{
    if (h->n_defect == 0) return 0;
    int w = (h->len - 1) >> 6;
    uint64_t x = h->w[w];
    if ((h->len & 63) != 0) x &= (1ull << (h->len & 63)) - 1; /* the bits past len are 0; this only says so */
    while (x == 0) x = h->w[--w]; /* n_defect > 0: some word before has a defection */
    int t = w * 64 + 63 - __builtin_clzll(x);
    return h->len - t;
}

/* Action at turn t, 0-based, t < len. */
static inline int pl_hist_at(const pl_history *h, int t)
{
    assert(t >= 0 && t < h->len);
    return (int)((h->w[t >> 6] >> (t & 63)) & 1u);
}
/* Action k turns ago: k = 1 is the last turn.  k <= len. */
static inline int pl_hist_ago(const pl_history *h, int k) { return pl_hist_at(h, h->len - k); }
static inline int pl_hist_coops(const pl_history *h) { return h->len - h->n_defect; }

#endif
