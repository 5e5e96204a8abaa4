/* SPDX-License-Identifier: MIT */
/* data/gambler_tables.h — the probability tables of the gambler strategies.
 *
 * A gambler is a lookup player (lookup_table.h) whose table holds the probability of
 * cooperating instead of a move.  Source of the numbers: Axelrod-Python 4.13,
 * axelrod/data/pso_gambler.csv (the PSO Gamblers, the copy in
 * tests/resources/axelrod-4.13/pso_gambler.csv, trained by particle swarm optimisation in
 * Harper et al. (2017), "Reinforcement learning produces dominant strategies for the
 * Iterated Prisoner's Dilemma", PLOS ONE 12(12): e0188046), and
 * axelrod/strategies/gambler.py (ZD-Mem2, the memory-two zero-determinant player of
 * Li, Siwei (2014), "Strategies in the Stochastic Iterated Prisoner's Dilemma", REU paper,
 * University of Chicago).  Keys are ordered as in lookup_table.h, as the reference orders
 * them.
 *
 * Licence: numbers ported from Axelrod-Python 4.13 (MIT licence, copyright (c) 2015 the
 * Axelrod-Python project team); its notice is in NOTICE beside this file and in
 * tests/resources/axelrod-4.13/LICENSE.txt. */
#ifndef PL_DATA_GAMBLER_TABLES_H
#define PL_DATA_GAMBLER_TABLES_H

#include "strategies/lookup_table.h"

/* PSO Gambler Mem1: 1 own, 1 last and 0 opening moves of the other (4 probabilities). */
static const double gambler_pso_mem1_prob[4] = {
    1.0, 0.52173487, 0.0, 0.12050939,
};
static const pl_gambler gambler_pso_mem1 = {.self_depth = 1, .op_depth = 1, .open_depth = 0, .prob = gambler_pso_mem1_prob};

/* PSO Gambler 1_1_1: 1 own, 1 last and 1 opening moves of the other (8 probabilities). */
static const double gambler_pso_1_1_1_prob[8] = {
    1.0, 1.0, 0.12304797, 0.57740178, 0.0, 0.0,
    0.13581423, 0.11886807,
};
static const pl_gambler gambler_pso_1_1_1 = {.self_depth = 1, .op_depth = 1, .open_depth = 1, .prob = gambler_pso_1_1_1_prob};

/* PSO Gambler 2_2_2: 2 own, 2 last and 2 opening moves of the other (64 probabilities). */
static const double gambler_pso_2_2_2_prob[64] = {
    1.0, 1.0, 1.0, 0.0, 1.0, 0.95280465,
    0.0, 0.0, 0.0, 0.80897541, 0.0, 0.0,
    0.02126434, 0.0, 0.43278586, 0.0, 0.0, 0.0,
    1.0, 0.15140743, 1.0, 0.0, 0.0, 0.0,
    1.0, 0.0, 0.23563137, 0.0, 0.0, 0.65147565,
    1.0, 0.0, 0.0, 0.15412392, 1.0, 0.0,
    0.0, 0.24922166, 1.0, 0.0, 0.0, 0.0,
    0.00227615, 0.0, 0.0, 0.0, 0.0, 1.0,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0, 1.0, 0.0, 0.0, 0.0, 0.77344942,
    1.0, 0.24523149, 1.0, 0.0,
};
static const pl_gambler gambler_pso_2_2_2 = {.self_depth = 2, .op_depth = 2, .open_depth = 2, .prob = gambler_pso_2_2_2_prob};

/* PSO Gambler 2_2_2 Noise 05: 2 own, 2 last and 2 opening moves of the other (64 probabilities). */
static const double gambler_pso_2_2_2_noise_05_prob[64] = {
    1.0, 1.0, 0.0, 0.0, 0.0, 1.0,
    0.98603825, 1.0, 1.0, 0.0, 0.0, 0.16240799,
    0.63548102, 0.0, 0.0, 0.0, 1.0, 0.0,
    1.0, 0.0, 1.0, 0.13863175, 0.06434619, 1.0,
    1.0, 1.0, 1.0, 1.0, 0.0, 0.7724137,
    1.0, 0.0, 0.0, 0.0, 1.0, 0.0,
    1.0, 1.0, 0.50999729, 1.0, 0.0, 0.0,
    0.00524508, 0.87463905, 0.0, 0.07127653, 1.0, 0.0,
    1.0, 0.0, 1.0, 0.0, 0.0, 1.0,
    1.0, 1.0, 0.0, 0.28124022, 1.0, 0.0,
    0.0, 0.0, 1.0, 0.0,
};
static const pl_gambler gambler_pso_2_2_2_noise_05 = {.self_depth = 2, .op_depth = 2, .open_depth = 2, .prob = gambler_pso_2_2_2_noise_05_prob};

/* ZD-Mem2: 2 own and 2 last moves of the other (16 probabilities, the reference's fractions). */
static const double gambler_zd_mem2_prob[16] = {
    11.0 / 12, 4.0 / 11, 7.0 / 9, 1.0 / 10, 5.0 / 6, 3.0 / 11, 7.0 / 9, 1.0 / 10,
    2.0 / 3,   1.0 / 11, 7.0 / 9, 1.0 / 10, 3.0 / 4, 2.0 / 11, 7.0 / 9, 1.0 / 10,
};
static const pl_gambler gambler_zd_mem2 = {.self_depth = 2, .op_depth = 2, .open_depth = 0, .prob = gambler_zd_mem2_prob};

#endif
