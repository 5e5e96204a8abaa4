// SPDX-License-Identifier: MIT
/* mutation_check.h — the one check of a mutation matrix, shared by the Moran process and the
 * replicator–mutator equation (population/moran.c, population/replicator.c).
 *
 * Why here: both take the same matrix (row i: the chances an offspring of type i is of each type)
 * and must refuse the same bad ones with the same words. */
#ifndef PL_POPULATION_MUTATION_CHECK_H
#define PL_POPULATION_MUTATION_CHECK_H

#include <stddef.h>

#include "parley/error.h"

/* PL_OK if every Q[i * n + j] is a probability and every row sums to 1 (within 1e-9); otherwise
 * PL_EINVAL naming the row (and its type, names[i], when names is not NULL) and the column. */
int pl_mutation_matrix_check(const double *Q, size_t n, const char *const *names, pl_error *err);

#endif
