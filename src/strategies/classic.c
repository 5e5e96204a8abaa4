/* classic.c — the plain reciprocators and their near kin: unconditional players,
 * tit for tat and its variants, punishers and retaliators.
 * Each strategy's rule is cited in the line above it; behaviour matches
 * Axelrod-Python 4.13 where the strategy exists there. */
#include "strategies/strategy_def.h"

/* Always cooperates.  Axelrod (1984), The Evolution of Cooperation. */
static int cooperator_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p, (void)v;
    return PL_C;
}

/* Always defects.  Axelrod (1984), The Evolution of Cooperation. */
static int defector_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p, (void)v;
    return PL_D;
}

/* Cooperates first, then plays what the opponent played last.  Rapoport's entry, Axelrod (1980). */
static int tft_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? PL_C : pl_hist_ago(v->opp, 1);
}

const pl_strategy_def pl_family_classic[] = {
    {.id = "cooperator", .name = "Cooperator", .axelrod_name = "Cooperator",
     .reference = "Axelrod (1984), The Evolution of Cooperation", .memory_depth = 0, .move = cooperator_move},
    {.id = "defector", .name = "Defector", .axelrod_name = "Defector",
     .reference = "Axelrod (1984), The Evolution of Cooperation", .memory_depth = 0, .move = defector_move},
    {.id = "tft", .name = "Tit For Tat", .axelrod_name = "Tit For Tat",
     .reference = "Axelrod (1980), Effective choice in the prisoner's dilemma (Rapoport's entry)", .memory_depth = 1,
     .move = tft_move},
    {0}
};
