// SPDX-License-Identifier: MIT
/* registry.h — the registry's internal face: the strategy handle and its definition. */
#ifndef PL_REGISTRY_H
#define PL_REGISTRY_H

#include "strategies/strategy_def.h"

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

/* The largest state_size of any strategy: engines size one buffer for all. */
size_t pl_registry_max_state(void);

#endif
