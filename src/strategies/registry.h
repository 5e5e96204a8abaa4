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

/* The definition of the registry's i-th strategy (the order of pl_strategy_info_at), and a
 * definition's parameters at their defaults: for players made of other players (meta.c). */
const pl_strategy_def *pl_registry_def_at(size_t i);
void pl_registry_params_default(const pl_strategy_def *d, pl_params *p);

/* The team of a Meta player by its reference class (MetaWinner): its size and i-th member;
 * 0 / NULL for a class that is not a Meta player with a team (meta.c). */
size_t pl_meta_team_size(const char *class_name);
const pl_strategy_def *pl_meta_team_member(const char *class_name, size_t i);

#endif
