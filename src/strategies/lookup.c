/* lookup.c — players that look their move up in a table keyed by recent and
 * opening play.  One general player (lookup_move) reads any table of
 * lookup_table.h; each strategy is only its table, in data/lookup_tables.h.
 * Behaviour matches Axelrod-Python 4.13 (axelrod/strategies/lookerup.py). */
#include "strategies/strategy_def.h"
#include "strategies/lookup_table.h"
#include "strategies/data/lookup_tables.h"

/* Appends the actions of h at turns [from, from+n) to key, oldest first. */
static unsigned key_append(unsigned key, const pl_history *h, int from, int n)
{
    for (int t = from; t < from + n; t++) key = (key << 1) | (unsigned)pl_hist_at(h, t);
    return key;
}

/* A lookup-table player: opening moves, then the table entry for (own last moves,
 * opponent's last moves, opponent's opening moves). */
static int lookup_move(const pl_lookup *L, const pl_view *v)
{
    int depth = L->self_depth;
    if (L->op_depth > depth) depth = L->op_depth;
    if (L->open_depth > depth) depth = L->open_depth;
    int t = v->turn;
    if (t < depth) return (size_t)t < strlen(L->first) && L->first[t] == 'D' ? PL_D : PL_C;
    unsigned key = 0;
    key = key_append(key, v->me, t - L->self_depth, L->self_depth);
    key = key_append(key, v->opp, t - L->op_depth, L->op_depth);
    key = key_append(key, v->opp, 0, L->open_depth);
    return L->pattern[key] == 'D' ? PL_D : PL_C;
}

#define LOOKUP_PLAYER(ID)                                                     \
    static int ID##_move(void *s, const pl_params *p, const pl_view *v)       \
    {                                                                         \
        (void)s, (void)p;                                                     \
        return lookup_move(&lookup_##ID, v);                                  \
    }

/* EvolvedLookerUp1_1_1: Harper et al. (2017), PLOS ONE (table trained by evolution). */
LOOKUP_PLAYER(evolved_1_1_1)
/* EvolvedLookerUp2_2_2: Harper et al. (2017), PLOS ONE (table trained by evolution). */
LOOKUP_PLAYER(evolved_2_2_2)
/* Winner12: Mathieu & Delahaye (2017), New winning strategies for the IPD, JASSS. */
LOOKUP_PLAYER(winner12)
/* Winner21: Mathieu & Delahaye (2017), New winning strategies for the IPD, JASSS. */
LOOKUP_PLAYER(winner21)

#define HARPER17 "Harper et al. (2017), Reinforcement learning produces dominant strategies for the IPD, PLOS ONE"
#define MATHIEU "Mathieu & Delahaye (2017), New winning strategies for the iterated prisoner's dilemma, JASSS 20(4)"

const pl_strategy_def pl_family_lookup[] = {
    {.id = "evolved_lookerup_1_1_1", .name = "EvolvedLookerUp1_1_1", .axelrod_name = "EvolvedLookerUp1_1_1",
     .reference = HARPER17, .memory_depth = -1, .move = evolved_1_1_1_move},
    {.id = "evolved_lookerup_2_2_2", .name = "EvolvedLookerUp2_2_2", .axelrod_name = "EvolvedLookerUp2_2_2",
     .reference = HARPER17, .memory_depth = -1, .move = evolved_2_2_2_move},
    {.id = "winner12", .name = "Winner12", .axelrod_name = "Winner12", .reference = MATHIEU, .memory_depth = 2,
     .move = winner12_move},
    {.id = "winner21", .name = "Winner21", .axelrod_name = "Winner21", .reference = MATHIEU, .memory_depth = 2,
     .move = winner21_move},
    {0}
};
