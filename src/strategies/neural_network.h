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

/* For the tests: the output of network `which` (0 Evolved ANN, 1 Evolved ANN 5, 2 Evolved ANN 5 Noise
 * 05) at the position of v, out[0] by the portable loop, out[1] as the player evaluates it without AVX
 * (by pairs with SSE2), out[2] as it does on this machine (with AVX where the machine has it, else
 * out[1]): the same doubles, which the tests compare bit for bit.  (neural.c) */
struct pl_view;
void pl_ann_outputs(int which, const struct pl_view *v, double out[3]);

#endif
