/* sequences.c — strategy family "sequences" (see strategy_def.h for how a strategy is written). */
#include "strategies/strategy_def.h"

const pl_strategy_def pl_family_sequences[] = {
    {0}
};
