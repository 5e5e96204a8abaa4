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

/* States an automaton may have: 2,048, for Tullock (strategies/axelrod_first.c: his first eleven
 * turns, then the other's last ten actions), so its next states take 16 bits.  An automaton is
 * 32 kB; the engine keeps four a match buffer, the Meta players' teams one a member that has one. */
#define PL_AUTOMATON_MAX 2048

typedef struct pl_automaton {
    int n;                              /* states; 0 is the state of the first turn */
    uint64_t cut[PL_AUTOMATON_MAX];     /* chance of cooperating in each state, as pl_rng_cut: 0 never, UINT64_MAX always */
    uint16_t next[PL_AUTOMATON_MAX][4]; /* the state after own action x and the other's y: next[s][2 * x + y] (D = 1) */
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

/* State s of a, deterministic: it plays act ('C' or 'D'), and its next state hangs on the other's
 * action only (after_c, after_d), as in the machines built turn by turn (misc.c, hunters.c). */
static inline void pl_automaton_state(pl_automaton *a, int s, char act, int after_c, int after_d)
{
    a->cut[s] = act == 'C' ? UINT64_MAX : 0;
    for (int x = 0; x < 2; x++) {
        a->next[s][2 * x] = (uint16_t)after_c;
        a->next[s][2 * x + 1] = (uint16_t)after_d;
    }
}

/* A row of next states that hangs on the other's action only: {after C, after D} for own C and D. */
#define PL_NEXT_BY_OTHER(C_, D_) {C_, D_, C_, D_}

/* An opening of k = strlen(open) moves into states 0 .. 2k - 1 of a: state 2 i + f plays open[i],
 * f the flag raised once the other has played otherwise than expect[i] (expect NULL: C) at one of
 * the opening's turns.  After the last one, the next state is `clean` without the flag, else
 * flagged[the other's last action].  The caller fills the states from 2k on and sets a->n.  0 when
 * 2k + extra states are more than PL_AUTOMATON_MAX. */
static inline int pl_automaton_opening(pl_automaton *a, const char *open, const char *expect, int extra, int clean,
                                       const int flagged[2])
{
    int k = 0;
    while (open[k]) k++;
    if (2 * k + extra > PL_AUTOMATON_MAX) return 0;
    for (int s = 0; s < 2 * k; s++) {
        int i = s / 2, f = s & 1;
        a->cut[s] = open[i] == 'D' ? 0 : UINT64_MAX;
        for (int y = 0; y < 2; y++) {
            int g = f | (y != (expect && expect[i] == 'D'));
            int to = i + 1 < k ? 2 * (i + 1) + g : g ? flagged[y] : clean;
            a->next[s][y] = a->next[s][2 + y] = (uint16_t)to;
        }
    }
    return 1;
}

/* A rule whose move at turn t of a match of `length` turns hangs only on t and a class c of the
 * history so far (0 .. classes - 1; class 0 before the first turn), the class after a turn on the
 * class, the turn and its two actions as played (after noise): the automaton of a player that
 * reads the match length or follows the turn alone (pl_strategy_def.automaton_length).  Its states are the pairs (t, c)
 * met from (0, 0), numbered in the order a breadth-first search meets them, but for the class
 * `absorbing` (or -1: none), one state whatever the turn, kept once entered, whose move must not
 * hang on t.  After the last turn each state goes back to itself (never played). */
typedef struct pl_timed_rule {
    int classes, absorbing;
    int (*act)(int t, int length, int c);    /* 1: defect */
    int (*step)(int t, int c, int x, int y); /* the class after turn t: own action x, the other's y (D = 1) */
} pl_timed_rule;

/* The automaton of rule r for a match of `length` turns into a: 1 when made, 0 when it would have
 * more than PL_AUTOMATON_MAX states (or memory runs out). */
int pl_automaton_timed(const pl_timed_rule *r, int length, pl_automaton *a);

#endif
