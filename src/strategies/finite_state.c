/* finite_state.c — strategy family "finite_state" (see strategy_def.h for how a strategy is written). */
#include "strategies/strategy_def.h"

const pl_strategy_def pl_family_finite_state[] = {
    {0}
};
