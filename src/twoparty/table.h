// SPDX-License-Identifier: MIT
/* table.h — memory-one players as tables, and the loops that play two of them.
 *
 * A strategy whose definition has a memory_one hook (strategies/strategy_def.h) is, with
 * its parameters in a game, five probabilities of cooperating: on the first turn, then
 * after CC, CD, DC, DD (its own action first).  Two such players need no call a turn:
 *   - match.c plays one match of them with the very draws of the loop of moves (play_table);
 *   - table_batch.c plays 64 repetitions at once, bit-sliced, for the tournament's
 *     --batched option: other draws (one stream a batch), the same laws.  Its counts
 *     (pl_table_batch) are those of automaton_batch.c's batches too. */
#ifndef PL_TWOPARTY_TABLE_H
#define PL_TWOPARTY_TABLE_H

#include <stdint.h>

#include "parley/game.h"
#include "parley/rng.h"
#include "parley/strategy.h"
#include "core/rng_gaps.h"
#include "strategies/automaton.h"

/* Each probability as its cut (pl_rng_cut): 0 never, UINT64_MAX always, else a draw x < cut. */
typedef struct pl_table {
    uint64_t cut[5];
} pl_table;

/* s as a table in game g seen from `side` (0 row, 1 column); 0 when it is not one. */
int pl_table_of(const pl_strategy *s, const pl_game *g, int side, pl_table *t);

/* 1 when neither table draws anything (every cut 0 or UINT64_MAX). */
int pl_table_deterministic(const pl_table *t);

/* The table t as an automaton (strategies/automaton.h): state 0 the first turn, 1 + 2x + y after
 * own action x and the other's y, whatever the state; for match.c's loops and automaton_batch.c's. */
static inline void pl_table_as_automaton(const pl_table *t, pl_automaton *a)
{
    a->n = 5;
    for (int s = 0; s < 5; s++) {
        a->cut[s] = t->cut[s];
        for (int k = 0; k < 4; k++) a->next[s][k] = (uint16_t)(1 + k);
    }
}

/* The bits a batched action is compared with: the chance of cooperating as played (after
 * noise) is a fraction N / 2^106 exactly (a 53-bit probability and a 53-bit noise). */
enum { PL_TABLE_DRAW_BITS = 106 };

/* One player's action on one kind of turn (the first, or a later one) in a batch, by the four
 * states of the last turn seen from A (CC, CD, DC, DD: bits 0..3 of each set below). */
typedef struct pl_table_draw {
    uint8_t always, open; /* the states that cooperate for sure; those that draw */
    int nbits;            /* bits of N to compare (past the last one no lane can still be below) */
    uint8_t code[PL_TABLE_DRAW_BITS + 2]; /* per bit of N, most significant first: the states whose N has a 1
                                           * (0 past the last 1: the draw's loop takes two bits a step) */
} pl_table_draw;

/* A pair of tables and a noise, prepared once for all its batches (pl_table_pair_prepare). */
typedef struct pl_table_pair {
    pl_table_draw d[2][2];     /* [A, B][first turn, later turns]: the action as played */
    pl_table_draw move[2][2];  /* the same without the noise */
    const pl_rng_gaps *gaps;   /* the noise as gaps between flips, or NULL */
} pl_table_pair;

/* The noise (its cut) is drawn as gaps between flips (pl_table_pair.gaps) when it is at most
 * this: a flip a 16 trials or fewer, so that a gap a flip costs less than a bit-serial draw. */
#define PL_TABLE_GAPS_NOISE (UINT64_C(1) << 60)

/* What a batch of up to 64 repetitions leaves: per repetition the counts of the four joint
 * outcomes (A's action first: CC, CD, DC, DD), and summed over the batch the counts the
 * tournament keeps (twoparty/tournament.c: per outcome, all, those followed by a further turn
 * and those followed by each party's C; first moves that were C). */
typedef struct pl_table_batch {
    uint32_t n[64][4];
    uint64_t total[4], next[4], next_c[2][4], first_c[2];
} pl_table_batch;

/* A (table a, row) against B (table b), each action flipped with the chance whose cut is
 * noise_cut: the fractions N of every state and turn, exact.  gaps: NULL, or the noise's gaps
 * (pl_rng_gaps_init(gaps, noise_cut), for 0 < noise_cut <= PL_TABLE_GAPS_NOISE), kept by the
 * caller for as long as the pair is played. */
void pl_table_pair_prepare(const pl_table *a, const pl_table *b, uint64_t noise_cut, const pl_rng_gaps *gaps,
                           pl_table_pair *pp);

/* Plays `lanes` (1..64) repetitions of `turns` turns of the prepared pair, all draws from
 * `rng`.  Each lane's chances are exactly those of a match (53-bit probabilities and noise, as
 * pl_rng_bernoulli); only which draws give them differs.  turns < 2^31.  actions: NULL, or room
 * for 2 x turns words that get every turn's actions as played (A's turn t in actions[t], B's in
 * actions[turns + t], lane i's bit i, D = 1; batch_count.h, pl_batch_lane_actions): copied once
 * a chunk of 64 turns, so the turns' loop is the same with or without. */
void pl_table_batch_play(const pl_table_pair *pp, int turns, int lanes, pl_rng *rng, pl_table_batch *out,
                         uint64_t *actions);

/* Two batches of the same pair, lanes[b] repetitions drawn from rng[b] into out[b] (no actions
 * kept): the same results and draws as pl_table_batch_play on each in turn.  Where the processor
 * has AVX2 (pl_table_batch_wide) both batches play at once in the vector units; else it is those
 * two calls. */
void pl_table_batch_play2(const pl_table_pair *pp, int turns, const int lanes[2], pl_rng *rng[2],
                          pl_table_batch *out[2]);

/* How pl_table_batch_play2 plays: 0 one batch after the other, 1 at once in AVX2, 2 at once in
 * AVX-512VL; the best the processor has, found at the first call.  level >= 0 sets it (the
 * tests play every way the processor allows; a level it does not have is not allowed), -1 only
 * asks.  Returns the level before. */
int pl_table_batch_wide(int level);

#endif
