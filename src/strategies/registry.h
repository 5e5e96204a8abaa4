// SPDX-License-Identifier: MIT
/* registry.h — the registry's internal face: the strategy handle (strategy_handle.h), its
 * definition, and the state size engines allocate. */
#ifndef PL_REGISTRY_H
#define PL_REGISTRY_H

#include "strategies/strategy_def.h"
#include "strategies/strategy_handle.h"

/* The largest state of any strategy, transformed ones included (PL_TF_STATE_EXTRA): engines
 * size one buffer for all. */
size_t pl_registry_max_state(void);

/* The definition of the registry's i-th strategy (the order of pl_strategy_info_at), and a
 * definition's parameters at their defaults: for players made of other players (meta.c). */
const pl_strategy_def *pl_registry_def_at(size_t i);
void pl_registry_params_default(const pl_strategy_def *d, pl_params *p);

/* The team of a Meta player by its reference class (MetaWinner): its size and i-th member;
 * 0 / NULL for a class that is not a Meta player with a team (meta.c). */
size_t pl_meta_team_size(const char *class_name);
const pl_strategy_def *pl_meta_team_member(const char *class_name, size_t i);
/* For the tests: nonzero makes the Meta players' turn the plain one: every member's move
 * called (none played from its automaton or table) and Ensemble's ranking sorted afresh each
 * turn (not kept from the last); 0, the default, takes the shortcuts, which must give the same
 * matches.  A match reads it once, as it begins (not at every turn): set it between matches. */
void pl_meta_plain_loop(int on);

#endif
