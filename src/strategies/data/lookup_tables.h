// SPDX-License-Identifier: MIT
/* data/lookup_tables.h — the tables of the lookup strategies.
 *
 * Source of the numbers: Axelrod-Python 4.13, axelrod/strategies/lookerup.py (patterns
 * over keys ordered as in lookup_table.h; checked against the 4.13 reference transcripts).
 * EvolvedLookerUp1_1_1 and EvolvedLookerUp2_2_2 were trained by an evolutionary algorithm
 * in Harper et al. (2017), "Reinforcement learning produces dominant strategies for the
 * Iterated Prisoner's Dilemma", PLOS ONE 12(12): e0188046.  Winner12 and Winner21 are
 * from Mathieu & Delahaye (2017), "New winning strategies for the iterated prisoner's
 * dilemma", JASSS 20(4) 12 (AAMAS 2015).
 *
 * Licence: numbers ported from Axelrod-Python 4.13 (MIT licence, copyright (c) 2015 the
 * Axelrod-Python project team); its notice is in NOTICE beside this file and in
 * tests/resources/axelrod-4.13/LICENSE.txt. */
#ifndef PL_DATA_LOOKUP_TABLES_H
#define PL_DATA_LOOKUP_TABLES_H

#include "strategies/lookup_table.h"

static const pl_lookup lookup_evolved_1_1_1 = {
    .self_depth = 1, .op_depth = 1, .open_depth = 1, .first = "C", .pattern = "CDDDDCDD"};

static const pl_lookup lookup_evolved_2_2_2 = {
    .self_depth = 2, .op_depth = 2, .open_depth = 2, .first = "CC",
    .pattern = "CDDCDCDDCDDDCDDDDDCDCDCCCDDCCDCDDDCCCCCDDDCDDDDDDDDDCCDDCDDDCCCD"};

static const pl_lookup lookup_winner12 = {
    .self_depth = 1, .op_depth = 2, .open_depth = 0, .first = "CC", .pattern = "CDCDDCDD"};

static const pl_lookup lookup_winner21 = {
    .self_depth = 1, .op_depth = 2, .open_depth = 0, .first = "DC", .pattern = "CDCDCDDD"};

#endif
