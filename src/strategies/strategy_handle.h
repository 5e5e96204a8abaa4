// SPDX-License-Identifier: MIT
/* strategy_handle.h — what a pl_strategy is inside the library: a registry entry with its
 * parameter values, or a chain of transformers over one (transformers.h).  Its own header so
 * that the registry and the transformers both see it without including each other. */
#ifndef PL_STRATEGY_HANDLE_H
#define PL_STRATEGY_HANDLE_H

#include "strategies/strategy_def.h"

struct pl_tf_chain;

struct pl_strategy {
    const pl_strategy_def *def;
    const pl_strategy_info *info;
    pl_params params;
    int is_default;   /* all parameters at their defaults */
    int stochastic;   /* with these parameters */
    int memory_depth; /* with these parameters; -1: unbounded */
    char label[160];
    /* a transformed strategy (transformers.h): def is pl_transformed_def, the chain holds
     * the strategy it transforms; info points at tf_info, its own */
    struct pl_tf_chain *tf;
    pl_strategy_info tf_info;
    char ref_name[160]; /* the reference's name of the transformed player, "" if none */
};

#endif
