// SPDX-License-Identifier: MIT
/* automaton.h — a strategy as a finite automaton, for the engine's loop without calls.
 *
 * Many players are, whatever they look like, a small machine: a finite-state machine, a
 * lookup table keyed by the last few moves and the other's opening, a fixed cycle, a
 * memory-one table.  Written as a Moore machine they are all the same data: in each state a
 * chance of cooperating, and after each turn the next state from the two actions as played
 * (after noise; own action first).  Two such players need no call a turn (twoparty/match.c,
 * play_automata), and a pair of deterministic ones without noise can be seen to cycle
 * (its joint state repeats) and so extrapolated to the end of the match exactly.
 * A strategy definition offers one through its `automaton` hook (strategy_def.h). */
#ifndef PL_STRATEGIES_AUTOMATON_H
#define PL_STRATEGIES_AUTOMATON_H

#include <stdint.h>

/* States an automaton may have (its next states are bytes). */
#define PL_AUTOMATON_MAX 256

typedef struct pl_automaton {
    int n;                              /* states; 0 is the state of the first turn */
    uint64_t cut[PL_AUTOMATON_MAX];     /* chance of cooperating in each state, as pl_rng_cut: 0 never, UINT64_MAX always */
    uint8_t next[PL_AUTOMATON_MAX][4];  /* the state after own action x and the other's y: next[s][2 * x + y] (D = 1) */
} pl_automaton;

/* 1 when no state of a draws (every cut 0 or UINT64_MAX). */
static inline int pl_automaton_deterministic(const pl_automaton *a)
{
    for (int s = 0; s < a->n; s++)
        if (a->cut[s] != 0 && a->cut[s] != UINT64_MAX) return 0;
    return 1;
}

/* A deterministic automaton of n states written out: act[s] is 'C' or 'D', next[s][2 x + y]
 * the state after own action x and the other's y (D = 1), as the hand-written hooks of small
 * machines give them (grudgers.c).  Returns 1. */
static inline int pl_automaton_fill(pl_automaton *a, int n, const char *act, const uint8_t (*next)[4])
{
    a->n = n;
    for (int s = 0; s < n; s++) {
        a->cut[s] = act[s] == 'C' ? UINT64_MAX : 0;
        for (int k = 0; k < 4; k++) a->next[s][k] = next[s][k];
    }
    return 1;
}

#endif
