// SPDX-License-Identifier: MIT
/* test_rng_pair_plain.c — test_rng_pair.c's checks on the plain loop of core/rng_pair.h, the one
 * compilers without GNU C vectors get (PL_RNG_PAIR_PLAIN selects it here): its words must be the
 * scalar streams' too, so that --batched gives the same bytes whichever compiler built parley. */
#define PL_RNG_PAIR_PLAIN 1
#include "test_rng_pair.c"
