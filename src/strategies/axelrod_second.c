/* axelrod_second.c — strategy family "axelrod_second" (see strategy_def.h for how a strategy is written). */
#include "strategies/strategy_def.h"

const pl_strategy_def pl_family_axelrod_second[] = {
    {0}
};
