// SPDX-License-Identifier: MIT
/* automaton_batch.h — up to 64 repetitions of a match between two automata at once, for the
 * tournament's --batched option (automaton_batch.c says how).
 *
 * Two players each an automaton (strategies/automaton.h: finite-state machines, lookup tables,
 * gamblers, cycles, ...; a memory-one table is one of five states) where something is random:
 * each repetition a lane, with the laws of a match and other draws.  Two memory-one tables keep
 * their own kernel (table_batch.c). */
#ifndef PL_TWOPARTY_AUTOMATON_BATCH_H
#define PL_TWOPARTY_AUTOMATON_BATCH_H

#include <stdint.h>

#include "parley/game.h"
#include "parley/rng.h"
#include "parley/strategy.h"
#include "strategies/automaton.h"
#include "twoparty/table.h"

/* One state of one player as the kernel reads it: its next state by the last turn's actions
 * seen from A (CC, CD, DC, DD; B's own are swapped in), and the top byte of the chance N / 2^106
 * of cooperating as played (pl_batch_played_c): -1 never, 256 always, else 0..255, and `draws`
 * 1 for those (a byte of the lanes' random bytes is spent). */
typedef struct pl_auto_rec {
    uint16_t next[4];
    int16_t top;
    uint8_t draws;
    uint8_t pad[5];
} pl_auto_rec;

/* A worker's room for a pair: both automata as built (kept for the next pair with the same
 * player: a row of the round robin has the same first player), and as the kernel reads them. */
typedef struct pl_automaton_batch pl_automaton_batch;

pl_automaton_batch *pl_automaton_batch_new(void);
void pl_automaton_batch_free(pl_automaton_batch *ab);

/* plain 1: each turn's actions decided lane by lane rather than in vectors; 2: in SSE2's vectors
 * where the machine has AVX2, whose would serve (the same actions; for tests). */
void pl_automaton_batch_plain(pl_automaton_batch *ab, int plain);

/* no_kept 1: the column player's automaton built and prepared afresh for every pair, never taken
 * from those kept by player (the same records; for tests). */
void pl_automaton_batch_no_kept(pl_automaton_batch *ab, int no_kept);

/* no_joint 1: the two players' states stepped apart even where the pair's joint automaton (every pair
 * of their states) is small enough to step as one (the same actions; for tests). */
void pl_automaton_batch_no_joint(pl_automaton_batch *ab, int no_joint);

/* Prepares in ab the pair a (row, side 0) against b (column) in game g with the noise whose cut
 * is noise_cut, for matches of `turns` turns.  1 when both players are automata (their
 * automaton hook, or the automaton_length hook's for `turns` turns of a player that reads the
 * length, else a memory-one table in g) and a match of them may draw: with noise, or
 * where the two automata reach a state that draws within `turns` turns.  0 otherwise (the
 * tournament's default play, which plays a pair that never draws once). */
int pl_automaton_batch_pair(pl_automaton_batch *ab, const pl_strategy *a, const pl_strategy *b, const pl_game *g,
                            uint64_t noise_cut, int turns);

/* Prepares in ab the automata a (row) and b themselves under the noise whose cut is noise_cut
 * (for tests: any automata, drawing or not). */
void pl_automaton_batch_set(pl_automaton_batch *ab, const pl_automaton *a, const pl_automaton *b, uint64_t noise_cut);

/* Plays `lanes` (1..64) repetitions of `turns` turns of the prepared pair, all draws from `rng`
 * (which it advances).  Each lane's chances are exactly a match's (53-bit probabilities and
 * noise, as pl_rng_bernoulli); only which draws give them differs.  Counts as
 * pl_table_batch_play leaves them, and the actions as played into `actions` when it is not NULL
 * (2 x turns words, as pl_table_batch_play's).  turns < 2^31. */
void pl_automaton_batch_play(const pl_automaton_batch *ab, int turns, int lanes, pl_rng *rng, pl_table_batch *out,
                             uint64_t *actions);

#endif
