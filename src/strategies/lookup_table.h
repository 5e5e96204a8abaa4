// SPDX-License-Identifier: MIT
/* lookup_table.h — a player that looks its move up in a table.
 *
 * The key combines three windows of the match so far: the player's own last
 * `self_depth` actions, the opponent's last `op_depth` actions, and the
 * opponent's first `open_depth` actions.  Writing C as 0 and D as 1 and reading
 * the three windows in that order, oldest action first, as one binary number
 * (most significant bit first) gives the position of the move in `pattern`:
 * this is the order Axelrod-Python enumerates its keys in.  Until every window
 * is full (the first max(depths) turns), the player plays `first` instead.
 * A gambler looks up a probability of cooperating the same way. */
#ifndef PL_LOOKUP_TABLE_H
#define PL_LOOKUP_TABLE_H

typedef struct pl_lookup {
    int self_depth;      /* own last actions in the key */
    int op_depth;        /* opponent's last actions in the key */
    int open_depth;      /* opponent's opening actions in the key */
    const char *first;   /* moves before the table applies; C when shorter than needed */
    const char *pattern; /* 2^(self_depth+op_depth+open_depth) moves, C or D */
} pl_lookup;

/* A gambler: the same key, a probability of cooperating in place of the move; before
 * the windows are full it cooperates (Axelrod-Python's Gambler). */
typedef struct pl_gambler {
    int self_depth, op_depth, open_depth;
    const double *prob; /* 2^(self_depth+op_depth+open_depth) probabilities */
} pl_gambler;

#endif
