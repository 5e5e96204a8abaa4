// SPDX-License-Identifier: MIT
/* data/finite_state_machines.h — transition tables of the finite-state strategies.
 *
 * Source of the numbers: Axelrod-Python 4.13, axelrod/strategies/finite_state_machines.py
 * (each table there is a list of (state, opponent's last action, next state, action)),
 * rewritten here as one row per state: {used, {edge on opponent C, edge on opponent D}},
 * each edge {next state, action}.  The papers the machines come from are cited above
 * each table; the "Evolved FSM" machines were trained by evolutionary algorithms in
 * Harper et al. (2017), "Reinforcement learning produces dominant strategies for the
 * Iterated Prisoner's Dilemma", PLOS ONE 12(12): e0188046, and TF1-TF3 by M. Harper for
 * Moran-process fixation (Axelrod-Python).
 *
 * Evolved FSM 6: its table was not available in the Axelrod source this project could
 * read; it was reconstructed from the 150 reference matches of Evolved FSM 6 in the
 * conformance transcripts (Axelrod-Python 4.13): every machine of at most 6 states that
 * reproduces all of them behaves exactly as this 5-state machine (a sixth state of
 * Axelrod's table is unreachable or equivalent to one of these), and it starts in state
 * 4 playing C as Axelrod's does.  State numbers other than 4 are ours.
 *
 * Licence: numbers ported from Axelrod-Python 4.13 (MIT licence, copyright (c) 2015 the
 * Axelrod-Python project team); its notice is in NOTICE beside this file and in
 * tests/resources/axelrod-4.13/LICENSE.txt. */
#ifndef PL_DATA_FINITE_STATE_MACHINES_H
#define PL_DATA_FINITE_STATE_MACHINES_H

#include "strategies/finite_state_machine.h"

/* Fortress3: W. Ashlock & D. Ashlock (2006), IEEE CEC, doi:10.1109/CEC.2006.1688322. */
static const pl_fsm_row fsm_fortress3_rows[4] = {
    [1] = {1, {{1, PL_D}, {2, PL_D}}},
    [2] = {1, {{1, PL_D}, {3, PL_C}}},
    [3] = {1, {{3, PL_C}, {1, PL_D}}},
};
static const pl_fsm fsm_fortress3 = {.start = 1, .first = PL_D, .n_states = 4, .row = fsm_fortress3_rows};

/* Fortress4: W. Ashlock & D. Ashlock (2006), IEEE CEC, doi:10.1109/CEC.2006.1688322. */
static const pl_fsm_row fsm_fortress4_rows[5] = {
    [1] = {1, {{1, PL_D}, {2, PL_D}}},
    [2] = {1, {{1, PL_D}, {3, PL_D}}},
    [3] = {1, {{1, PL_D}, {4, PL_C}}},
    [4] = {1, {{4, PL_C}, {1, PL_D}}},
};
static const pl_fsm fsm_fortress4 = {.start = 1, .first = PL_D, .n_states = 5, .row = fsm_fortress4_rows};

/* Predator: W. Ashlock & D. Ashlock (2006), IEEE CEC, doi:10.1109/CEC.2006.1688322. */
static const pl_fsm_row fsm_predator_rows[9] = {
    [0] = {1, {{0, PL_D}, {1, PL_D}}},
    [1] = {1, {{2, PL_D}, {3, PL_D}}},
    [2] = {1, {{4, PL_C}, {3, PL_D}}},
    [3] = {1, {{5, PL_D}, {4, PL_C}}},
    [4] = {1, {{2, PL_C}, {6, PL_D}}},
    [5] = {1, {{7, PL_D}, {3, PL_D}}},
    [6] = {1, {{7, PL_C}, {7, PL_D}}},
    [7] = {1, {{8, PL_D}, {7, PL_D}}},
    [8] = {1, {{8, PL_D}, {6, PL_D}}},
};
static const pl_fsm fsm_predator = {.start = 0, .first = PL_C, .n_states = 9, .row = fsm_predator_rows};

/* Pun1: Ashlock, Kim & Leahy (2006), IEEE Trans. SMC-C 36(4). */
static const pl_fsm_row fsm_pun1_rows[3] = {
    [1] = {1, {{2, PL_C}, {2, PL_C}}},
    [2] = {1, {{1, PL_C}, {1, PL_D}}},
};
static const pl_fsm fsm_pun1 = {.start = 1, .first = PL_D, .n_states = 3, .row = fsm_pun1_rows};

/* Raider: Ashlock et al. (2014), IEEE FOCI, doi:10.1109/FOCI.2014.7007818. */
static const pl_fsm_row fsm_raider_rows[4] = {
    [0] = {1, {{2, PL_D}, {2, PL_D}}},
    [1] = {1, {{1, PL_C}, {1, PL_D}}},
    [2] = {1, {{0, PL_D}, {3, PL_C}}},
    [3] = {1, {{0, PL_D}, {1, PL_C}}},
};
static const pl_fsm fsm_raider = {.start = 0, .first = PL_D, .n_states = 4, .row = fsm_raider_rows};

/* Ripoff: Ashlock & Kim (2008), IEEE Trans. Evol. Comput., doi:10.1109/TEVC.2008.920675. */
static const pl_fsm_row fsm_ripoff_rows[4] = {
    [1] = {1, {{2, PL_C}, {3, PL_C}}},
    [2] = {1, {{1, PL_D}, {3, PL_C}}},
    [3] = {1, {{3, PL_C}, {3, PL_D}}},
};
static const pl_fsm fsm_ripoff = {.start = 1, .first = PL_D, .n_states = 4, .row = fsm_ripoff_rows};

/* SolutionB1: Ashlock et al. (2015), IEEE Trans. CIAIG, doi:10.1109/TCIAIG.2014.2326012. */
static const pl_fsm_row fsm_solution_b1_rows[4] = {
    [1] = {1, {{2, PL_D}, {1, PL_D}}},
    [2] = {1, {{2, PL_C}, {3, PL_C}}},
    [3] = {1, {{3, PL_C}, {3, PL_C}}},
};
static const pl_fsm fsm_solution_b1 = {.start = 1, .first = PL_D, .n_states = 4, .row = fsm_solution_b1_rows};

/* SolutionB5: Ashlock et al. (2015), IEEE Trans. CIAIG, doi:10.1109/TCIAIG.2014.2326012. */
static const pl_fsm_row fsm_solution_b5_rows[7] = {
    [1] = {1, {{2, PL_C}, {6, PL_D}}},
    [2] = {1, {{2, PL_C}, {3, PL_D}}},
    [3] = {1, {{6, PL_C}, {1, PL_D}}},
    [4] = {1, {{3, PL_C}, {6, PL_D}}},
    [5] = {1, {{5, PL_D}, {4, PL_D}}},
    [6] = {1, {{3, PL_C}, {5, PL_D}}},
};
static const pl_fsm fsm_solution_b5 = {.start = 1, .first = PL_D, .n_states = 7, .row = fsm_solution_b5_rows};

/* Thumper: Ashlock & Kim (2008), IEEE Trans. Evol. Comput., doi:10.1109/TEVC.2008.920675. */
static const pl_fsm_row fsm_thumper_rows[3] = {
    [1] = {1, {{1, PL_C}, {2, PL_D}}},
    [2] = {1, {{1, PL_D}, {1, PL_D}}},
};
static const pl_fsm fsm_thumper = {.start = 1, .first = PL_C, .n_states = 3, .row = fsm_thumper_rows};

/* Evolved FSM 4: Harper et al. (2017), PLOS ONE. */
static const pl_fsm_row fsm_evolved_fsm_4_rows[4] = {
    [0] = {1, {{0, PL_C}, {2, PL_D}}},
    [1] = {1, {{3, PL_D}, {0, PL_C}}},
    [2] = {1, {{2, PL_D}, {1, PL_C}}},
    [3] = {1, {{3, PL_D}, {1, PL_D}}},
};
static const pl_fsm fsm_evolved_fsm_4 = {.start = 0, .first = PL_C, .n_states = 4, .row = fsm_evolved_fsm_4_rows};

/* Evolved FSM 16: Harper et al. (2017), PLOS ONE. */
static const pl_fsm_row fsm_evolved_fsm_16_rows[16] = {
    [0] = {1, {{0, PL_C}, {12, PL_D}}},
    [1] = {1, {{3, PL_D}, {6, PL_C}}},
    [2] = {1, {{2, PL_D}, {14, PL_D}}},
    [3] = {1, {{3, PL_D}, {3, PL_D}}},
    [5] = {1, {{12, PL_D}, {10, PL_D}}},
    [6] = {1, {{5, PL_C}, {12, PL_D}}},
    [7] = {1, {{3, PL_D}, {1, PL_C}}},
    [8] = {1, {{5, PL_C}, {5, PL_C}}},
    [10] = {1, {{11, PL_D}, {8, PL_C}}},
    [11] = {1, {{15, PL_D}, {5, PL_D}}},
    [12] = {1, {{8, PL_C}, {11, PL_D}}},
    [13] = {1, {{13, PL_D}, {7, PL_D}}},
    [14] = {1, {{13, PL_D}, {13, PL_D}}},
    [15] = {1, {{15, PL_D}, {2, PL_C}}},
};
static const pl_fsm fsm_evolved_fsm_16 = {.start = 0, .first = PL_C, .n_states = 16, .row = fsm_evolved_fsm_16_rows};

/* Evolved FSM 16 Noise 05: Harper et al. (2017), PLOS ONE. */
static const pl_fsm_row fsm_evolved_fsm_16_noise_05_rows[16] = {
    [0] = {1, {{8, PL_C}, {3, PL_D}}},
    [1] = {1, {{13, PL_C}, {15, PL_D}}},
    [2] = {1, {{12, PL_C}, {3, PL_D}}},
    [3] = {1, {{10, PL_C}, {3, PL_D}}},
    [4] = {1, {{5, PL_D}, {4, PL_D}}},
    [5] = {1, {{4, PL_D}, {10, PL_D}}},
    [6] = {1, {{8, PL_C}, {6, PL_D}}},
    [8] = {1, {{2, PL_C}, {4, PL_D}}},
    [10] = {1, {{4, PL_D}, {1, PL_D}}},
    [11] = {1, {{14, PL_D}, {13, PL_C}}},
    [12] = {1, {{13, PL_C}, {2, PL_C}}},
    [13] = {1, {{13, PL_C}, {6, PL_C}}},
    [14] = {1, {{3, PL_D}, {13, PL_D}}},
    [15] = {1, {{5, PL_D}, {11, PL_C}}},
};
static const pl_fsm fsm_evolved_fsm_16_noise_05 = {.start = 0, .first = PL_C, .n_states = 16, .row = fsm_evolved_fsm_16_noise_05_rows};

/* TF1: trained by M. Harper for Moran fixation (Axelrod-Python). */
static const pl_fsm_row fsm_tf1_rows[16] = {
    [0] = {1, {{7, PL_C}, {1, PL_C}}},
    [1] = {1, {{11, PL_D}, {11, PL_D}}},
    [2] = {1, {{8, PL_D}, {8, PL_C}}},
    [3] = {1, {{3, PL_C}, {12, PL_D}}},
    [4] = {1, {{6, PL_C}, {3, PL_C}}},
    [5] = {1, {{11, PL_C}, {8, PL_D}}},
    [6] = {1, {{13, PL_D}, {14, PL_C}}},
    [7] = {1, {{4, PL_D}, {2, PL_D}}},
    [8] = {1, {{14, PL_D}, {8, PL_D}}},
    [9] = {1, {{0, PL_C}, {10, PL_D}}},
    [10] = {1, {{8, PL_C}, {15, PL_C}}},
    [11] = {1, {{6, PL_D}, {5, PL_D}}},
    [12] = {1, {{6, PL_D}, {9, PL_D}}},
    [13] = {1, {{9, PL_D}, {8, PL_D}}},
    [14] = {1, {{8, PL_D}, {13, PL_D}}},
    [15] = {1, {{4, PL_C}, {5, PL_C}}},
};
static const pl_fsm fsm_tf1 = {.start = 0, .first = PL_C, .n_states = 16, .row = fsm_tf1_rows};

/* TF2: trained by M. Harper for Moran fixation (Axelrod-Python). */
static const pl_fsm_row fsm_tf2_rows[16] = {
    [0] = {1, {{13, PL_D}, {12, PL_D}}},
    [1] = {1, {{3, PL_D}, {4, PL_D}}},
    [2] = {1, {{14, PL_D}, {9, PL_D}}},
    [3] = {1, {{0, PL_C}, {1, PL_D}}},
    [4] = {1, {{1, PL_D}, {2, PL_D}}},
    [7] = {1, {{12, PL_D}, {2, PL_D}}},
    [8] = {1, {{7, PL_D}, {9, PL_D}}},
    [9] = {1, {{8, PL_D}, {0, PL_D}}},
    [10] = {1, {{2, PL_C}, {15, PL_C}}},
    [11] = {1, {{7, PL_D}, {13, PL_D}}},
    [12] = {1, {{3, PL_C}, {8, PL_D}}},
    [13] = {1, {{7, PL_C}, {10, PL_D}}},
    [14] = {1, {{10, PL_D}, {7, PL_D}}},
    [15] = {1, {{15, PL_C}, {11, PL_D}}},
};
static const pl_fsm fsm_tf2 = {.start = 0, .first = PL_C, .n_states = 16, .row = fsm_tf2_rows};

/* TF3: trained by M. Harper for Moran fixation (Axelrod-Python). */
static const pl_fsm_row fsm_tf3_rows[8] = {
    [0] = {1, {{0, PL_C}, {3, PL_C}}},
    [1] = {1, {{5, PL_D}, {0, PL_C}}},
    [2] = {1, {{3, PL_C}, {2, PL_D}}},
    [3] = {1, {{4, PL_D}, {6, PL_D}}},
    [4] = {1, {{3, PL_C}, {1, PL_D}}},
    [5] = {1, {{6, PL_C}, {3, PL_D}}},
    [6] = {1, {{6, PL_D}, {6, PL_D}}},
    [7] = {1, {{7, PL_D}, {5, PL_C}}},
};
static const pl_fsm fsm_tf3 = {.start = 0, .first = PL_C, .n_states = 8, .row = fsm_tf3_rows};

/* Evolved FSM 6: Harper et al. (2017), PLOS ONE. */
static const pl_fsm_row fsm_evolved_fsm_6_rows[5] = {
    [0] = {1, {{1, PL_D}, {4, PL_C}}},
    [1] = {1, {{0, PL_C}, {2, PL_D}}},
    [2] = {1, {{2, PL_D}, {3, PL_D}}},
    [3] = {1, {{2, PL_C}, {0, PL_D}}},
    [4] = {1, {{4, PL_C}, {1, PL_D}}},
};
static const pl_fsm fsm_evolved_fsm_6 = {.start = 4, .first = PL_C, .n_states = 5, .row = fsm_evolved_fsm_6_rows};
#endif
