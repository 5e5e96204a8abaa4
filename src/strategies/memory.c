/* memory.c — strategy family "memory" (see strategy_def.h for how a strategy is written). */
#include "strategies/strategy_def.h"

const pl_strategy_def pl_family_memory[] = {
    {0}
};
