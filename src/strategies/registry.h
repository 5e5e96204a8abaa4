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
};

/* The largest state_size of any strategy: engines size one buffer for all. */
size_t pl_registry_max_state(void);

#endif
