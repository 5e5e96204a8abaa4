// SPDX-License-Identifier: MIT
/* neural_network.h — a one-hidden-layer feed-forward network as data.
 *
 * Weights are stored in one array, in the layout Axelrod-Python uses
 * (axelrod/strategies/ann.py, split_weights): n_hidden rows of n_features
 * input weights (row j feeds hidden unit j), then the n_hidden output weights,
 * then the n_hidden biases of the hidden units. */
#ifndef PL_NEURAL_NETWORK_H
#define PL_NEURAL_NETWORK_H

#define PL_ANN_FEATURES 17
#define PL_ANN_MAX_HIDDEN 16

typedef struct pl_ann {
    int n_features; /* PL_ANN_FEATURES */
    int n_hidden;   /* at most PL_ANN_MAX_HIDDEN */
    const double *w;
} pl_ann;

#endif
