// SPDX-License-Identifier: MIT
/* grudgers.c — players that hold a grudge: the grim trigger and its softer,
 * forgetful, delayed and inverted relatives, the "fool me once" pair, and the
 * majority followers (soft and hard, over the whole history or a window).
 * Each strategy's rule is cited in the line above it; behaviour matches
 * Axelrod-Python 4.13 where the strategy exists there. */
#include "strategies/strategy_def.h"
#include "strategies/automaton_probe.h"

/* ---- grim trigger and kin ---------------------------------------------- */

/* Cooperates until the opponent's first defection, then defects for good.
 * Friedman's entry, Axelrod (1980), Effective choice in the prisoner's dilemma. */
static int grudger_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->opp->n_defect > 0 ? PL_D : PL_C;
}

/* Defects until the opponent's first cooperation, then cooperates for good.
 * Axelrod-Python's "Opposite Grudger" (G. Palmer). */
static int opposite_grudger_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return pl_hist_coops(v->opp) > 0 ? PL_C : PL_D;
}

/* Defects on the first three turns, then plays grim trigger over the whole history.
 * Axelrod-Python's "Aggravater" (T. Campbell). */
static int aggravater_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->opp->len < 3) return PL_D;
    return v->opp->n_defect > 0 ? PL_D : PL_C;
}

/* Defects until the opponent's first defection, then cooperates for good.
 * "Easy Go", the PRISON project (1998); Li et al. (2011) call it reverse grim. */
static int easy_go_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->opp->n_defect > 0 ? PL_C : PL_D;
}

/* Cooperates twice unconditionally, then is a grim trigger on the whole history
 * (a defection in the first two turns is punished from the third on).
 * spiteful_cc, Mathieu & Delahaye (2015), New winning strategies for the IPD. */
static int spiteful_cc_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->opp->len < 2) return PL_C;
    return v->opp->n_defect > 0 ? PL_D : PL_C;
}

/* Cooperates until the opponent's first defection, then alternates, starting
 * with D after its own C.  c_then_per_dc, the PRISON project (1998). */
static int grudger_alternator_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->opp->n_defect > 0 && pl_hist_ago(v->me, 1) == PL_C) return PL_D;
    return PL_C;
}

/* Forgives a first defection; defects for good once the opponent has defected twice.
 * Axelrod-Python's "Fool Me Once" (M. Harper). */
static int fool_me_once_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->opp->n_defect > 1 ? PL_D : PL_C;
}

/* ---- grudges with a limited span ----------------------------------------- */

typedef struct {
    int grudged;
    int spent; /* turns of the current grudge already served */
} timed_grudge_state;

/* A defection by the opponent starts (or prolongs) a grudge of ten defections;
 * the count is not restarted by defections inside it.  Axelrod-Python's
 * "Forgetful Grudger" (G. Palmer); span of 10 from there. */
enum { FORGETFUL_SPAN = 10 };
static int forgetful_grudger_move(void *st, const pl_params *p, const pl_view *v)
{
    timed_grudge_state *s = st;
    (void)p;
    if (s->spent == FORGETFUL_SPAN) {
        s->spent = 0;
        s->grudged = 0;
    }
    if (v->turn > 0 && pl_hist_ago(v->opp, 1) == PL_D) s->grudged = 1;
    if (s->grudged) {
        s->spent++;
        return PL_D;
    }
    return PL_C;
}

/* Cooperates for the first two turns; two consecutive defections by the opponent
 * start a grudge: the triggering D then ten more, after which it looks again.
 * Axelrod-Python's "Once Bitten" (span of 10 from there). */
enum { ONCE_BITTEN_SPAN = 10 };
static int once_bitten_move(void *st, const pl_params *p, const pl_view *v)
{
    timed_grudge_state *s = st;
    (void)p;
    if (s->spent >= ONCE_BITTEN_SPAN) {
        s->spent = 0;
        s->grudged = 0;
    }
    if (v->opp->len < 2) return PL_C;
    if (s->grudged) {
        s->spent++;
        return PL_D;
    }
    if (pl_hist_ago(v->opp, 1) == PL_D && pl_hist_ago(v->opp, 2) == PL_D) {
        s->grudged = 1;
        return PL_D;
    }
    return PL_C;
}

/* ---- soft grudgers: punish, do penance, forgive ------------------------- */

typedef struct {
    int grudged;
    int pos; /* position in the punishment that follows the triggering D */
} soft_grudge_state;

/* After n consecutive defections by the opponent: d defections (the triggering
 * one included) then c cooperations, during which the opponent is not watched;
 * then back to watching.  Li, Hingston & Kendall (2011), Engineering design of
 * strategies for winning IPD competitions (SGRIM: n=1, d=4, c=2); the general
 * form is Axelrod-Python's "General Soft Grudger" (J. T. Smith). */
static int soft_grudge(soft_grudge_state *s, const pl_view *v, int n, int d, int c)
{
    int rest_d = d > 1 ? d - 1 : 0; /* defections still owed after the trigger */
    int rest = rest_d + c;
    if (s->grudged) {
        int a = s->pos < rest_d ? PL_D : PL_C;
        if (++s->pos == rest) {
            s->grudged = 0;
            s->pos = 0;
        }
        return a;
    }
    if (v->opp->len >= n && pl_history_defects_last(v->opp, n) == n) {
        /* A punishment with nothing after the trigger (d <= 1, c = 0) is a single D. */
        if (rest > 0) {
            s->grudged = 1;
            s->pos = 0;
        }
        return PL_D;
    }
    return PL_C;
}

static int soft_grudger_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    return soft_grudge(st, v, 1, 4, 2);
}

static int general_soft_grudger_move(void *st, const pl_params *p, const pl_view *v)
{
    return soft_grudge(st, v, (int)p->num[0], (int)p->num[1], (int)p->num[2]);
}

/* ---- go by majority ------------------------------------------------------ */

/* Defects when the opponent has defected more often than cooperated, over its
 * whole history or its last `window` turns; a tie gives C (soft) or D (hard).
 * Grisell's entry to Axelrod's second tournament, Axelrod (1980), More effective
 * choice in the prisoner's dilemma; soft/hard majority after Mittal & Deb (2009). */
static int majority(const pl_view *v, int window, int soft)
{
    int n = v->opp->len;
    if (window > 0 && window < n) n = window;
    int d = n == v->opp->len ? v->opp->n_defect : pl_history_defects_last(v->opp, n);
    int c = n - d;
    if (d > c) return PL_D;
    if (d == c) return soft ? PL_C : PL_D;
    return PL_C;
}

static int go_by_majority_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    return majority(v, (int)p->num[0], p->num[1] != 0);
}
static int hard_go_by_majority_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    return majority(v, (int)p->num[0], 0);
}
/* The reference's memory depth is its window (axelrod/strategies/gobymajority.py); 0 = all. */
static int go_by_majority_depth(const pl_params *p) { return p->num[0] > 0 ? (int)p->num[0] : -1; }
#define MAJORITY_FIXED(NAME, W, SOFT)                                            \
    static int NAME(void *s, const pl_params *p, const pl_view *v)              \
    {                                                                            \
        (void)s, (void)p;                                                        \
        return majority(v, W, SOFT);                                             \
    }
MAJORITY_FIXED(soft_majority_5_move, 5, 1)
MAJORITY_FIXED(soft_majority_10_move, 10, 1)
MAJORITY_FIXED(soft_majority_20_move, 20, 1)
MAJORITY_FIXED(soft_majority_40_move, 40, 1)
MAJORITY_FIXED(hard_majority_5_move, 5, 0)
MAJORITY_FIXED(hard_majority_10_move, 10, 0)
MAJORITY_FIXED(hard_majority_20_move, 20, 0)
MAJORITY_FIXED(hard_majority_40_move, 40, 0)
#undef MAJORITY_FIXED

/* Forgetful Fool Me Once: Fool Me Once (defect for ever after a second defection) that
 * forgets the count with probability forget_probability each move (a draw every move,
 * the first included, as the reference draws it).  Axelrod-Python, original strategy by
 * Marc Harper. */
typedef struct {
    int count;
} forgetful_fmo_state;

static int forgetful_fool_me_once_move(void *st, const pl_params *p, const pl_view *v)
{
    forgetful_fmo_state *s = st;
    double r = pl_rng_uniform(v->rng);
    if (v->turn == 0) return PL_C;
    if (pl_view_opp_last(v) == PL_D) s->count++;
    if (r < p->num[0]) s->count = 0;
    return s->count > 1 ? PL_D : PL_C;
}

/* ---- the grudgers as automata ---------------------------------------------
 * Each of the machines above that reads the other's whole history only through "has it
 * defected (twice)", written out as its automaton (automaton.h): act[s], then next[s] by own
 * action and the other's (CC, CD, DC, DD).  tests/unit/test_match_automaton.c plays each
 * against the loop of moves. */

/* 0 no defection yet, 1 the grudge */
static int grudger_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[2][4] = {PL_NEXT_BY_OTHER(0, 1), PL_NEXT_BY_OTHER(1, 1)};
    return pl_automaton_fill(a, 2, "CD", next);
}
/* 0 no cooperation yet, 1 cooperating for good */
static int opposite_grudger_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[2][4] = {PL_NEXT_BY_OTHER(1, 0), PL_NEXT_BY_OTHER(1, 1)};
    return pl_automaton_fill(a, 2, "DC", next);
}
/* 0 no defection yet, 1 cooperating for good */
static int easy_go_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[2][4] = {PL_NEXT_BY_OTHER(0, 1), PL_NEXT_BY_OTHER(1, 1)};
    return pl_automaton_fill(a, 2, "DC", next);
}
/* turns 0, 1 and 2 without a defection of the other (D), then 3 grudger's C; 4 the grudge */
static int aggravater_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[5][4] = {PL_NEXT_BY_OTHER(1, 4), PL_NEXT_BY_OTHER(2, 4), PL_NEXT_BY_OTHER(3, 4),
                                       PL_NEXT_BY_OTHER(3, 4), PL_NEXT_BY_OTHER(4, 4)};
    return pl_automaton_fill(a, 5, "DDDCD", next);
}
/* 0 the first turn, 1 the second without a defection, 2 the second after one (C, then the
 * grudge); 3 grudger's C; 4 the grudge */
static int spiteful_cc_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[5][4] = {PL_NEXT_BY_OTHER(1, 2), PL_NEXT_BY_OTHER(3, 4), PL_NEXT_BY_OTHER(4, 4),
                                       PL_NEXT_BY_OTHER(3, 4), PL_NEXT_BY_OTHER(4, 4)};
    return pl_automaton_fill(a, 5, "CCCCD", next);
}
/* 0 no defection yet; after one, 1 (own last C: D) and 2 (own last D: C) by its own action */
static int grudger_alternator_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[3][4] = {{0, 1, 0, 2}, {1, 1, 2, 2}, {1, 1, 2, 2}};
    return pl_automaton_fill(a, 3, "CDC", next);
}
/* the other's defections so far: 0, 1, 2 or more */
static int fool_me_once_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[3][4] = {PL_NEXT_BY_OTHER(0, 1), PL_NEXT_BY_OTHER(1, 2), PL_NEXT_BY_OTHER(2, 2)};
    return pl_automaton_fill(a, 3, "CCD", next);
}

/* Automata by probing (automaton_probe.h): the majorities over a window of 5 or fewer. */
PL_PROBED_AUTOMATON(soft_majority_5, soft_majority_5_move, NULL, 0, 5, NULL)
PL_PROBED_AUTOMATON(hard_majority_5, hard_majority_5_move, NULL, 0, 5, NULL)
/* a window of 1 to 5 turns (the whole history: none) */
PL_PROBED_AUTOMATON(go_by_majority, go_by_majority_move, NULL, 0, 0, go_by_majority_depth)
PL_PROBED_AUTOMATON(hard_go_by_majority, hard_go_by_majority_move, NULL, 0, 0, go_by_majority_depth)

/* and the grudges of limited span, by probing their state and the last turns */
PL_PROBED_AUTOMATON(forgetful_grudger, forgetful_grudger_move, NULL, sizeof(timed_grudge_state), 1, NULL)
PL_PROBED_AUTOMATON(once_bitten, once_bitten_move, NULL, sizeof(timed_grudge_state), 2, NULL)
PL_PROBED_AUTOMATON(soft_grudger, soft_grudger_move, NULL, sizeof(soft_grudge_state), 1, NULL)
/* the last n turns of the other (n of 1 to 5) */
static int general_soft_grudger_depth(const pl_params *p) { return p->num[0] <= PL_PROBE_MAX_DEPTH ? (int)p->num[0] : -1; }
PL_PROBED_AUTOMATON(general_soft_grudger, general_soft_grudger_move, NULL, sizeof(soft_grudge_state), 0,
                    general_soft_grudger_depth)

#define REF_AXL80 "Axelrod (1980), Effective choice in the prisoner's dilemma"
#define REF_AXLPY "Axelrod-Python library (Knight et al. 2016), strategy of the same name"
#define REF_PRISON "The PRISON project (1998), LIFL Lille; Mathieu & Delahaye (2015)"
#define REF_LI2011 "Li, Hingston & Kendall (2011), Engineering design of strategies for winning IPD competitions"
#define REF_MAJ "Axelrod (1980), More effective choice in the prisoner's dilemma (Grisell); Mittal & Deb (2009)"

#define P_WINDOW(DEF)                                                                                          \
    {.key = "memory_depth", .kind = PL_PARAM_INT, .def = (DEF), .lo = 0, .hi = 1e9,                            \
     .help = "turns of the opponent's history counted (0: all of it)"}

const pl_strategy_def pl_family_grudgers[] = {
    {.id = "grudger", .name = "Grudger", .axelrod_name = "Grudger", .reference = REF_AXL80 " (Friedman)",
     .memory_depth = -1, .move = grudger_move,
     .automaton = grudger_automaton},
    {.id = "forgetful_grudger", .name = "Forgetful Grudger", .axelrod_name = "Forgetful Grudger", .reference = REF_AXLPY,
     .memory_depth = 10, .state_size = sizeof(timed_grudge_state), .move = forgetful_grudger_move,
     .automaton = forgetful_grudger_automaton},
    {.id = "opposite_grudger", .name = "Opposite Grudger", .axelrod_name = "Opposite Grudger", .reference = REF_AXLPY,
     .memory_depth = -1, .move = opposite_grudger_move,
     .automaton = opposite_grudger_automaton},
    {.id = "aggravater", .name = "Aggravater", .axelrod_name = "Aggravater", .reference = REF_AXLPY,
     .memory_depth = -1, .move = aggravater_move,
     .automaton = aggravater_automaton},
    {.id = "soft_grudger", .name = "Soft Grudger", .axelrod_name = "Soft Grudger", .reference = REF_LI2011,
     .memory_depth = 6, .state_size = sizeof(soft_grudge_state), .move = soft_grudger_move,
     .automaton = soft_grudger_automaton},
    {.id = "general_soft_grudger", .name = "General Soft Grudger", .axelrod_name = "General Soft Grudger: n=1,d=4,c=2",
     .reference = REF_LI2011 "; generalised in Axelrod-Python", .memory_depth = -1,
     .params = {{.key = "n", .kind = PL_PARAM_INT, .def = 1, .lo = 1, .hi = 1e6,
                 .help = "consecutive opponent defections that trigger a punishment"},
                {.key = "d", .kind = PL_PARAM_INT, .def = 4, .lo = 1, .hi = 1e6,
                 .help = "defections in a punishment (the triggering one included)"},
                {.key = "c", .kind = PL_PARAM_INT, .def = 2, .lo = 0, .hi = 1e6,
                 .help = "cooperations of penance after the defections"}},
     .state_size = sizeof(soft_grudge_state), .move = general_soft_grudger_move,
     .automaton = general_soft_grudger_automaton},
    {.id = "grudger_alternator", .name = "GrudgerAlternator", .axelrod_name = "GrudgerAlternator",
     .reference = REF_PRISON " (c_then_per_dc)", .memory_depth = -1, .move = grudger_alternator_move,
     .automaton = grudger_alternator_automaton},
    {.id = "easy_go", .name = "EasyGo", .axelrod_name = "EasyGo", .reference = REF_PRISON " (easy_go)",
     .memory_depth = -1, .move = easy_go_move,
     .automaton = easy_go_automaton},
    {.id = "spiteful_cc", .name = "SpitefulCC", .axelrod_name = "SpitefulCC",
     .reference = "Mathieu & Delahaye (2015), New winning strategies for the iterated prisoner's dilemma (spiteful_cc)",
     .memory_depth = -1, .move = spiteful_cc_move,
     .automaton = spiteful_cc_automaton},
    {.id = "once_bitten", .name = "Once Bitten", .axelrod_name = "Once Bitten", .reference = REF_AXLPY,
     .memory_depth = 12, .state_size = sizeof(timed_grudge_state), .move = once_bitten_move,
     .automaton = once_bitten_automaton},
    {.id = "fool_me_once", .name = "Fool Me Once", .axelrod_name = "Fool Me Once", .reference = REF_AXLPY,
     .memory_depth = -1, .move = fool_me_once_move,
     .automaton = fool_me_once_automaton},
    {.id = "forgetful_fool_me_once", .name = "Forgetful Fool Me Once", .axelrod_name = "Forgetful Fool Me Once: 0.05",
     .reference = "Axelrod-Python library, original strategy by Marc Harper", .flags = PL_STOCHASTIC,
     .memory_depth = -1,
     .params = {{.key = "forget_probability", .kind = PL_PARAM_REAL, .def = 0.05, .lo = 0, .hi = 1,
                 .help = "probability of forgetting the count of the other's defections, each move"}},
     .state_size = sizeof(forgetful_fmo_state), .move = forgetful_fool_me_once_move},

    {.id = "soft_go_by_majority", .name = "Soft Go By Majority", .axelrod_name = "Soft Go By Majority", .class_name = "GoByMajority",
     .reference = REF_MAJ, .memory_depth = -1,
     .params = {P_WINDOW(0),
                {.key = "soft", .kind = PL_PARAM_INT, .def = 1, .lo = 0, .hi = 1,
                 .help = "1: cooperate on a tie; 0: defect on a tie (hard)"}},
     .move = go_by_majority_move, .memory_depth_of = go_by_majority_depth,
     .automaton = go_by_majority_automaton},
    {.id = "soft_go_by_majority_5", .name = "Soft Go By Majority: 5", .axelrod_name = "Soft Go By Majority: 5", .class_name = "GoByMajority5",
     .reference = REF_MAJ, .memory_depth = 5, .move = soft_majority_5_move, .automaton = soft_majority_5_automaton},
    {.id = "soft_go_by_majority_10", .name = "Soft Go By Majority: 10", .axelrod_name = "Soft Go By Majority: 10", .class_name = "GoByMajority10",
     .reference = REF_MAJ, .memory_depth = 10, .move = soft_majority_10_move},
    {.id = "soft_go_by_majority_20", .name = "Soft Go By Majority: 20", .axelrod_name = "Soft Go By Majority: 20", .class_name = "GoByMajority20",
     .reference = REF_MAJ, .memory_depth = 20, .move = soft_majority_20_move},
    {.id = "soft_go_by_majority_40", .name = "Soft Go By Majority: 40", .axelrod_name = "Soft Go By Majority: 40", .class_name = "GoByMajority40",
     .reference = REF_MAJ, .memory_depth = 40, .move = soft_majority_40_move},
    {.id = "hard_go_by_majority", .name = "Hard Go By Majority", .axelrod_name = "Hard Go By Majority", .class_name = "HardGoByMajority",
     .reference = REF_MAJ, .memory_depth = -1, .params = {P_WINDOW(0)}, .move = hard_go_by_majority_move,
     .memory_depth_of = go_by_majority_depth, .automaton = hard_go_by_majority_automaton},
    {.id = "hard_go_by_majority_5", .name = "Hard Go By Majority: 5", .axelrod_name = "Hard Go By Majority: 5", .class_name = "HardGoByMajority5",
     .reference = REF_MAJ, .memory_depth = 5, .move = hard_majority_5_move, .automaton = hard_majority_5_automaton},
    {.id = "hard_go_by_majority_10", .name = "Hard Go By Majority: 10", .axelrod_name = "Hard Go By Majority: 10", .class_name = "HardGoByMajority10",
     .reference = REF_MAJ, .memory_depth = 10, .move = hard_majority_10_move},
    {.id = "hard_go_by_majority_20", .name = "Hard Go By Majority: 20", .axelrod_name = "Hard Go By Majority: 20", .class_name = "HardGoByMajority20",
     .reference = REF_MAJ, .memory_depth = 20, .move = hard_majority_20_move},
    {.id = "hard_go_by_majority_40", .name = "Hard Go By Majority: 40", .axelrod_name = "Hard Go By Majority: 40", .class_name = "HardGoByMajority40",
     .reference = REF_MAJ, .memory_depth = 40, .move = hard_majority_40_move},
    {0}
};
