// SPDX-License-Identifier: MIT
/* darwin.c — Darwin (Paul Slavin's, Axelrod-Python 4.13 axelrod/strategies/darwin.py).
 *
 * The reference's Darwin keeps a "genome" on its class: the move it should have made at each
 * turn, rewritten after every turn that paid it less than R (it then flips what it played),
 * shared by every Darwin and carried from match to match for the life of the process.  A
 * match replays the genome where it exists and plays tit for tat past its end.  The reference
 * classifies it as a cheat for this (manipulates_state, and inspects_source: it checks who
 * calls it), keeps it out of every Meta player's team, and its results depend on which
 * matches the process played before, in what order.
 *
 * parley plays matches independently, so that results do not depend on order or on the
 * number of threads: each match starts from the genome [C], as a fresh process of the
 * reference does.  From that start the genome's rewritten entries lie behind the turn being
 * played and are never read again in the match, and Darwin plays tit for tat: C, then the
 * opponent's last move.  That is what this entry plays; its classifiers are the reference's. */
#include "strategies/strategy_def.h"

static int darwin_move(void *state, const pl_params *p, const pl_view *v)
{
    (void)state;
    (void)p;
    return pl_view_tft_reply(v);
}

const pl_strategy_def pl_family_darwin[] = {
    {.id = "darwin", .name = "Darwin", .axelrod_name = "Darwin", .class_name = "Darwin",
     .reference = "Axelrod-Python (Paul Slavin), axelrod/strategies/darwin.py; genome per match (docs/strategies.md)",
     .flags = PL_USES_GAME | PL_INSPECTS_SOURCE | PL_MANIPULATES_STATE, .memory_depth = -1, .move = darwin_move},
    {0},
};
