// SPDX-License-Identifier: MIT
/* lookup.c — players that look their move up in a table keyed by recent and
 * opening play.  One general player (lookup_move) reads any table of
 * lookup_table.h; each strategy is only its table, in data/lookup_tables.h.
 * Gamblers (gambler_move) look up a probability of cooperating instead, from
 * data/gambler_tables.h (axelrod/strategies/gambler.py).
 * Behaviour matches Axelrod-Python 4.13 (axelrod/strategies/lookerup.py). */
#include "strategies/strategy_def.h"
#include "strategies/lookup_table.h"
#include "strategies/data/lookup_tables.h"
#include "strategies/data/gambler_tables.h"

/* Appends the actions of h at turns [from, from+n) to key, oldest first. */
static unsigned key_append(unsigned key, const pl_history *h, int from, int n)
{
    for (int t = from; t < from + n; t++) key = (key << 1) | (unsigned)pl_hist_at(h, t);
    return key;
}

/* The table's depth: turns before every window is full. */
static int table_depth(int self_depth, int op_depth, int open_depth)
{
    int depth = self_depth;
    if (op_depth > depth) depth = op_depth;
    if (open_depth > depth) depth = open_depth;
    return depth;
}

/* The key of (own last moves, opponent's last moves, opponent's opening moves) at this turn. */
static unsigned table_key(int self_depth, int op_depth, int open_depth, const pl_view *v)
{
    unsigned key = 0;
    key = key_append(key, v->me, v->turn - self_depth, self_depth);
    key = key_append(key, v->opp, v->turn - op_depth, op_depth);
    return key_append(key, v->opp, 0, open_depth);
}

/* A lookup-table player: opening moves, then the table entry for the key. */
static int lookup_move(const pl_lookup *L, const pl_view *v)
{
    int t = v->turn;
    if (t < table_depth(L->self_depth, L->op_depth, L->open_depth))
        return (size_t)t < strlen(L->first) && L->first[t] == 'D' ? PL_D : PL_C;
    return L->pattern[table_key(L->self_depth, L->op_depth, L->open_depth, v)] == 'D' ? PL_D : PL_C;
}

/* A gambler: C until the windows are full, then C with the table's probability
 * (axelrod/strategies/gambler.py: no draw at 0 or 1). */
static int gambler_move(const pl_gambler *G, const pl_view *v)
{
    if (v->turn < table_depth(G->self_depth, G->op_depth, G->open_depth)) return PL_C;
    return pl_view_coop_with(v, G->prob[table_key(G->self_depth, G->op_depth, G->open_depth, v)]);
}

/* A table player as an automaton (strategies/automaton.h), the lookup player (pattern) or the
 * gambler (prob) alike.  A state holds k = min(turn, depth), the player's own last `depth`
 * actions and the other's (newest in the lowest bit) and the other's opening so far:
 * ((k 2^depth + own) 2^depth + other's) 2^open_depth + opening, so the first turn's is 0.
 * Before the windows are full it plays the opening move of the turn (lookup_move; a gambler
 * cooperates), then the entry of its key, made as table_key makes it. */
static int table_automaton(int self_depth, int op_depth, int open_depth, const char *first, const char *pattern,
                           const double *prob, pl_automaton *a)
{
    int depth = table_depth(self_depth, op_depth, open_depth);
    if (2 * depth + open_depth > 16) return 0;
    unsigned win = 1u << depth, opens = 1u << open_depth;
    long n = (long)(depth + 1) * win * win * opens;
    if (n > PL_AUTOMATON_MAX) return 0;
    a->n = (int)n;
    size_t n_first = first ? strlen(first) : 0;
    for (int s = 0; s < a->n; s++) {
        unsigned open = (unsigned)s % opens, opp = (unsigned)s / opens % win, own = (unsigned)s / opens / win % win;
        int k = s / (int)(opens * win * win);
        if (k < depth)
            a->cut[s] = pattern && (size_t)k < n_first && first[k] == 'D' ? 0 : UINT64_MAX;
        else {
            unsigned key = (own & ((1u << self_depth) - 1)) << (op_depth + open_depth) |
                           (opp & ((1u << op_depth) - 1)) << open_depth | open;
            a->cut[s] = pattern ? (pattern[key] == 'D' ? 0 : UINT64_MAX) : pl_rng_cut(prob[key]);
        }
        int k2 = k < depth ? k + 1 : depth;
        for (unsigned x = 0; x < 2; x++)
            for (unsigned y = 0; y < 2; y++) {
                unsigned own2 = ((own << 1) | x) & (win - 1), opp2 = ((opp << 1) | y) & (win - 1);
                unsigned open2 = k < open_depth ? (open << 1) | y : open;
                a->next[s][2 * x + y] = (uint16_t)((((unsigned)k2 * win + own2) * win + opp2) * opens + open2);
            }
    }
    return 1;
}

#define GAMBLER_PLAYER(ID)                                                    \
    static int ID##_move(void *s, const pl_params *p, const pl_view *v)       \
    {                                                                         \
        (void)s, (void)p;                                                     \
        return gambler_move(&gambler_##ID, v);                                \
    }                                                                         \
    static int ID##_automaton(const pl_params *p, pl_automaton *a)            \
    {                                                                         \
        const pl_gambler *G = &gambler_##ID;                                  \
        (void)p;                                                              \
        return table_automaton(G->self_depth, G->op_depth, G->open_depth, NULL, NULL, G->prob, a); \
    }

/* The PSO Gamblers: Harper et al. (2017), PLOS ONE (tables trained by particle swarms). */
GAMBLER_PLAYER(pso_mem1)
GAMBLER_PLAYER(pso_1_1_1)
GAMBLER_PLAYER(pso_2_2_2)
GAMBLER_PLAYER(pso_2_2_2_noise_05)
/* ZD-Mem2: Li, Siwei (2014), Strategies in the Stochastic Iterated Prisoner's Dilemma. */
GAMBLER_PLAYER(zd_mem2)

#define LOOKUP_PLAYER(ID)                                                     \
    static int ID##_move(void *s, const pl_params *p, const pl_view *v)       \
    {                                                                         \
        (void)s, (void)p;                                                     \
        return lookup_move(&lookup_##ID, v);                                  \
    }                                                                         \
    static int ID##_automaton(const pl_params *p, pl_automaton *a)            \
    {                                                                         \
        const pl_lookup *L = &lookup_##ID;                                    \
        (void)p;                                                              \
        return table_automaton(L->self_depth, L->op_depth, L->open_depth, L->first, L->pattern, NULL, a); \
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
     .reference = HARPER17, .memory_depth = -1, .move = evolved_1_1_1_move, .automaton = evolved_1_1_1_automaton},
    {.id = "evolved_lookerup_2_2_2", .name = "EvolvedLookerUp2_2_2", .axelrod_name = "EvolvedLookerUp2_2_2",
     .reference = HARPER17, .memory_depth = -1, .move = evolved_2_2_2_move, .automaton = evolved_2_2_2_automaton},
    {.id = "winner12", .name = "Winner12", .axelrod_name = "Winner12", .reference = MATHIEU, .memory_depth = 2,
     .move = winner12_move, .automaton = winner12_automaton},
    {.id = "winner21", .name = "Winner21", .axelrod_name = "Winner21", .reference = MATHIEU, .memory_depth = 2,
     .move = winner21_move, .automaton = winner21_automaton},
    /* memory 1 for Mem1 (no opening moves in its key), as the reference's player sets it
     * (lookerup.py, _set_memory_depth); the reference's class table says unbounded */
    {.id = "pso_gambler_mem1", .name = "PSO Gambler Mem1", .axelrod_name = "PSO Gambler Mem1", .reference = HARPER17,
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = pso_mem1_move, .automaton = pso_mem1_automaton},
    {.id = "pso_gambler_1_1_1", .name = "PSO Gambler 1_1_1", .axelrod_name = "PSO Gambler 1_1_1", .reference = HARPER17,
     .flags = PL_STOCHASTIC, .memory_depth = -1, .move = pso_1_1_1_move, .automaton = pso_1_1_1_automaton},
    {.id = "pso_gambler_2_2_2", .name = "PSO Gambler 2_2_2", .axelrod_name = "PSO Gambler 2_2_2", .reference = HARPER17,
     .flags = PL_STOCHASTIC, .memory_depth = -1, .move = pso_2_2_2_move, .automaton = pso_2_2_2_automaton},
    {.id = "pso_gambler_2_2_2_noise_05", .name = "PSO Gambler 2_2_2 Noise 05",
     .axelrod_name = "PSO Gambler 2_2_2 Noise 05", .reference = HARPER17, .flags = PL_STOCHASTIC, .memory_depth = -1,
     .move = pso_2_2_2_noise_05_move, .automaton = pso_2_2_2_noise_05_automaton},
    {.id = "zd_mem2", .name = "ZD-Mem2", .axelrod_name = "ZD-Mem2",
     .reference = "Li, Siwei (2014), Strategies in the Stochastic Iterated Prisoner's Dilemma, REU paper, U. Chicago",
     .flags = PL_STOCHASTIC, .memory_depth = 2, .move = zd_mem2_move, .automaton = zd_mem2_automaton},
    {0}
};
