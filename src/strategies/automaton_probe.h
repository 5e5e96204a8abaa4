// SPDX-License-Identifier: MIT
/* automaton_probe.h — the automaton of a strategy of bounded memory, made by asking its move.
 *
 * A deterministic strategy whose move hangs only on its own state (a few bytes) and the last k
 * turns of both sides (in its first k turns, on the turns so far) is a finite automaton whatever
 * its code, when its state takes few values: the automaton's raw states are the pairs (the
 * strategy's state bytes, the histories of fewer than k turns or the windows of the last k),
 * found from the first turn by a breadth-first search in which each is asked its move and its
 * next state bytes by calling the strategy's own `move`.  pl_automaton_probe builds it, checks the
 * claim (each window's move and next state after prefixes of other lengths and contents; the same
 * with the match length known and in another game from the other side; no draw from the stream),
 * merges the states that play alike from there on (Moore minimisation), and refuses (returns 0)
 * when a check fails, the search passes 4,096 raw states, or more than PL_AUTOMATON_MAX states
 * are left.  Stateless strategies (Tit For 2 Tats) are the case of one state value.
 *
 * It is opt-in, one definition at a time: a definition offers it as its `automaton` hook through
 * PL_PROBED_AUTOMATON (a strategy is never made an automaton because its depth says it could be:
 * the checks try many prefixes, not all).  A probed automaton is made once a process for each
 * strategy and parameters (kept behind a lock), since the engine asks for it at every new pair. */
#ifndef PL_AUTOMATON_PROBE_H
#define PL_AUTOMATON_PROBE_H

#include "strategies/strategy_def.h"

/* The deepest memory probed: 4^5 windows and the 341 shorter histories before minimisation. */
#define PL_PROBE_MAX_DEPTH 5

typedef struct pl_probe_def {
    const char *id; /* for messages and tests */
    int (*move)(void *state, const pl_params *p, const pl_view *v);
    void (*init)(void *state, const pl_params *p); /* NULL: the zeroed state */
    size_t state_size;
    int depth;                            /* the turns back its move reads (1 to PL_PROBE_MAX_DEPTH) besides its state */
    int (*depth_of)(const pl_params *p); /* NULL: depth; else the depth with these parameters */
} pl_probe_def;

/* The automaton of d with parameters p into a: 1 when made, 0 when refused (a depth outside 1 to
 * PL_PROBE_MAX_DEPTH, a state of more than 256 bytes, a move that reads more than its state and
 * its depth, the match length, the game or the stream, or too many states).  Thread-safe.  The cache knows d by its address:
 * d must be a definition that lives as long as the process (PL_PROBED_AUTOMATON's are static). */
int pl_automaton_probe(const pl_probe_def *d, const pl_params *p, pl_automaton *a);

/* The same without the process's cache: for tests. */
int pl_automaton_probe_uncached(const pl_probe_def *d, const pl_params *p, pl_automaton *a);

/* Defines `static int ID##_automaton(const pl_params *, pl_automaton *)`, the automaton hook of a
 * strategy whose move is MOVE, init INIT (or NULL), state STATE_SIZE bytes and memory DEPTH turns
 * (DEPTH_OF: its depth by parameters, or NULL). */
#define PL_PROBED_AUTOMATON(ID, MOVE, INIT, STATE_SIZE, DEPTH, DEPTH_OF)                                  \
    static const pl_probe_def ID##_probe = {#ID, MOVE, INIT, STATE_SIZE, DEPTH, DEPTH_OF};                \
    static int ID##_automaton(const pl_params *p, pl_automaton *a) { return pl_automaton_probe(&ID##_probe, p, a); }

#endif
