// SPDX-License-Identifier: MIT
/* finite_state_machine.h — a finite-state player described as data.
 *
 * A machine is a table of states; in each state, the opponent's last action
 * selects an edge giving the next state and the action to play.  The first move
 * is fixed (it has no opponent action to react to), after which every move
 * follows one edge.  States are small integers; rows not used by a machine have
 * used = 0 (machines trained by evolution often leave gaps in the numbering). */
#ifndef PL_FINITE_STATE_MACHINE_H
#define PL_FINITE_STATE_MACHINE_H

typedef struct pl_fsm_edge {
    unsigned char next; /* state to move to */
    unsigned char act;  /* action to play: PL_C or PL_D */
} pl_fsm_edge;

typedef struct pl_fsm_row {
    unsigned char used;  /* 1 if the machine defines this state */
    pl_fsm_edge on[2];   /* on[PL_C]: the opponent last cooperated; on[PL_D]: it defected */
} pl_fsm_row;

typedef struct pl_fsm {
    int start;             /* state in force after the first move */
    int first;             /* the first move */
    int n_states;          /* rows in `row` (one past the highest state number) */
    const pl_fsm_row *row;
} pl_fsm;

#endif
