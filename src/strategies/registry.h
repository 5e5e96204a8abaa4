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

#endif
