/* axelrod_first.c — strategy family "axelrod_first" (see strategy_def.h for how a strategy is written). */
#include "strategies/strategy_def.h"

const pl_strategy_def pl_family_axelrod_first[] = {
    {0}
};
