// SPDX-License-Identifier: MIT
/* sequences.c — players that follow a fixed sequence whatever the opponent does
 * (cycles, an aperiodic "anti-cycle", the Thue–Morse word), and the
 * mathematical-constant players that steer the ratio of cooperations to
 * defections in the match towards a constant.
 * Each strategy's rule is cited in the line above it; behaviour matches
 * Axelrod-Python 4.13 where the strategy exists there. */
#include "strategies/strategy_def.h"

/* ---- cyclers ----------------------------------------------------------- */

typedef struct {
    char cycle[PL_PARAM_TEXT_MAX]; /* 'C'/'D' string */
    int n;                          /* its length */
    int pos;                        /* next position to play */
} cycler_state;

static void cycler_set(cycler_state *s, const char *cycle)
{
    size_t n = strlen(cycle);
    if (n >= sizeof s->cycle) n = sizeof s->cycle - 1;
    memcpy(s->cycle, cycle, n);
    s->cycle[n] = '\0';
    s->n = (int)n;
    s->pos = 0;
}

/* Repeats the cycle endlessly from its first action.  Periodic players,
 * Mittal & Deb (2009), Optimal strategies of the iterated prisoner's dilemma
 * problem for multiple conflicting objectives; Axelrod-Python's Cycler (M. Harper). */
static int cycler_move(void *st, const pl_params *p, const pl_view *v)
{
    cycler_state *s = st;
    (void)p, (void)v;
    if (s->n == 0) return PL_C;
    int a = s->cycle[s->pos] == 'D' ? PL_D : PL_C;
    if (++s->pos == s->n) s->pos = 0;
    return a;
}

/* A cycle as an automaton (strategies/automaton.h): state i plays the cycle's action i and
 * moves on to i + 1, whatever was played; the empty cycle cooperates (cycler_move). */
static int cycle_automaton(const char *cycle, pl_automaton *a)
{
    cycler_state s;
    cycler_set(&s, cycle);
    a->n = s.n > 0 ? s.n : 1;
    for (int i = 0; i < a->n; i++) {
        a->cut[i] = s.n > 0 && s.cycle[i] == 'D' ? 0 : UINT64_MAX;
        for (int m = 0; m < 4; m++) a->next[i][m] = (uint16_t)(i + 1 < a->n ? i + 1 : 0);
    }
    return 1;
}

static void cycler_init(void *st, const pl_params *p) { cycler_set(st, p->text[0]); }
static int cycler_automaton(const pl_params *p, pl_automaton *a) { return cycle_automaton(p->text[0], a); }
/* The reference's memory depth of a cycle: its length - 1 (axelrod/strategies/cycler.py). */
static int cycler_depth(const pl_params *p) { return (int)strlen(p->text[0]) - 1; }

#define CYCLER_INIT(ID, CYCLE)                                                \
    static void cycler_##ID##_init(void *st, const pl_params *p)              \
    {                                                                         \
        (void)p;                                                              \
        cycler_set(st, CYCLE);                                                \
    }                                                                         \
    static int cycler_##ID##_automaton(const pl_params *p, pl_automaton *a)   \
    {                                                                         \
        (void)p;                                                              \
        return cycle_automaton(CYCLE, a);                                     \
    }
CYCLER_INIT(cccccd, "CCCCCD")
CYCLER_INIT(cccd, "CCCD")
CYCLER_INIT(cccdcd, "CCCDCD")
CYCLER_INIT(ccd, "CCD")
CYCLER_INIT(dc, "DC")
CYCLER_INIT(ddc, "DDC")
#undef CYCLER_INIT

/* ---- anti-cycler --------------------------------------------------------- */

typedef struct {
    int run;     /* length of the current run of cooperations */
    int counter; /* cooperations of it already played */
} anti_cycler_state;

/* Plays C, D, D, then runs of 1, 2, 3, ... cooperations, each closed by a D,
 * so that its play contains no cycle.  Axelrod-Python's AntiCycler (M. Harper). */
static int anti_cycler_move(void *st, const pl_params *p, const pl_view *v)
{
    anti_cycler_state *s = st;
    (void)p;
    if (v->turn < 3) return v->turn == 0 ? PL_C : PL_D;
    if (s->counter < s->run + 1) { /* run stores length - 1 so that a zeroed state starts at 1 */
        s->counter++;
        return PL_C;
    }
    s->run++;
    s->counter = 0;
    return PL_D;
}

/* AntiCycler's move at turn t, its state played from the first turn. */
static int anti_cycler_at(int t, int length, int c)
{
    (void)length, (void)c;
    if (t < 3) return t == 0 ? PL_C : PL_D;
    int a = PL_C;
    for (int u = 3, run = 0, counter = 0; u <= t; u++) {
        if (counter < run + 1) counter++, a = PL_C;
        else run++, counter = 0, a = PL_D;
    }
    return a;
}

/* The one class of a move that hangs on the turn alone (pl_timed_rule). */
static int turn_only(int t, int c, int x, int y) { return (void)t, (void)c, (void)x, (void)y, 0; }

/* AntiCycler and the Thue-Morse players as automata for a match of known length: a chain of one
 * state a turn (their sequences have no period). */
static int anti_cycler_automaton(const pl_params *p, int length, pl_automaton *a)
{
    static const pl_timed_rule rule = {1, -1, anti_cycler_at, turn_only};
    return (void)p, pl_automaton_timed(&rule, length, a);
}

/* ---- Thue–Morse ---------------------------------------------------------- */

/* Term t of the Thue–Morse sequence: the parity of the number of 1 bits of t. */
static inline int thue_morse(int t) { return __builtin_popcount((unsigned)t) & 1; }

/* Plays D where the Thue–Morse sequence (0 1 1 0 1 0 0 1 ...) has 0, C where it has 1.
 * Thue (1912) / Morse (1921); as a player, Axelrod-Python's ThueMorse (G. Palmer). */
static int thue_morse_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return thue_morse(v->turn) ? PL_C : PL_D;
}

/* The same sequence with the actions swapped: C on 0, D on 1.
 * Axelrod-Python's ThueMorseInverse (G. Palmer). */
static int thue_morse_inverse_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return thue_morse(v->turn) ? PL_D : PL_C;
}

static int thue_morse_at(int t, int length, int c) { return (void)length, (void)c, thue_morse(t) ? PL_C : PL_D; }
static int thue_morse_inverse_at(int t, int length, int c) { return (void)length, (void)c, thue_morse(t) ? PL_D : PL_C; }
static int thue_morse_automaton(const pl_params *p, int length, pl_automaton *a)
{
    static const pl_timed_rule rule = {1, -1, thue_morse_at, turn_only};
    return (void)p, pl_automaton_timed(&rule, length, a);
}
static int thue_morse_inverse_automaton(const pl_params *p, int length, pl_automaton *a)
{
    static const pl_timed_rule rule = {1, -1, thue_morse_inverse_at, turn_only};
    return (void)p, pl_automaton_timed(&rule, length, a);
}

/* ---- mathematical constants ---------------------------------------------- */

/* Cooperates first; defects while the opponent has never defected; otherwise
 * defects when the ratio of all cooperations in the match (both parties) to all
 * defections exceeds the constant, and cooperates when it does not.
 * Axelrod-Python's "Co to Do Ratio" players (T. Standen). */
static int ratio_move(const pl_view *v, double target)
{
    if (v->turn == 0) return PL_C;
    if (v->opp->n_defect == 0) return PL_D;
    int coops = pl_hist_coops(v->opp) + pl_hist_coops(v->me);
    int defects = v->opp->n_defect + v->me->n_defect;
    return (double)coops / (double)defects > target ? PL_D : PL_C;
}

/* The golden ratio (1 + sqrt 5) / 2. */
static int golden_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return ratio_move(v, (1.0 + sqrt(5.0)) / 2.0);
}
/* pi, as the double nearest to it. */
static int pi_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return ratio_move(v, 3.141592653589793);
}
/* e, as the double nearest to it. */
static int e_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return ratio_move(v, 2.718281828459045);
}

#define REF_CYCLER "Mittal & Deb (2009), Optimal strategies of the IPD for multiple conflicting objectives; Axelrod-Python Cycler"
#define REF_AXLPY "Axelrod-Python library (Knight et al. 2016), strategy of the same name"
#define REF_TM "Thue (1912), Morse (1921): the Thue-Morse sequence; as a player, Axelrod-Python"

#define NAMED_CYCLER(ID, CYC, DEPTH)                                                                           \
    {.id = "cycler_" #ID, .name = "Cycler " CYC, .axelrod_name = "Cycler " CYC, .reference = REF_CYCLER,        \
     .memory_depth = DEPTH, .state_size = sizeof(cycler_state), .init = cycler_##ID##_init, .move = cycler_move, \
     .automaton = cycler_##ID##_automaton}

const pl_strategy_def pl_family_sequences[] = {
    {.id = "cycler", .name = "Cycler", .axelrod_name = NULL, .reference = REF_CYCLER, .memory_depth = 2,
     .params = {{.key = "cycle", .kind = PL_PARAM_ACTIONS, .def_text = "CCD",
                 .help = "the actions to repeat, e.g. CCD"}},
     .state_size = sizeof(cycler_state), .init = cycler_init, .move = cycler_move,
     .memory_depth_of = cycler_depth, .class_name = "Cycler", .automaton = cycler_automaton},
    NAMED_CYCLER(cccccd, "CCCCCD", 5),
    NAMED_CYCLER(cccd, "CCCD", 3),
    NAMED_CYCLER(cccdcd, "CCCDCD", 5),
    NAMED_CYCLER(ccd, "CCD", 2),
    NAMED_CYCLER(dc, "DC", 1),
    NAMED_CYCLER(ddc, "DDC", 2),
    {.id = "anti_cycler", .name = "AntiCycler", .axelrod_name = "AntiCycler", .reference = REF_AXLPY,
     .memory_depth = -1, .state_size = sizeof(anti_cycler_state), .move = anti_cycler_move,
     .automaton_length = anti_cycler_automaton},
    {.id = "golden", .name = "Golden", .axelrod_name = "$\\phi$", .reference = REF_AXLPY " (Golden, T. Standen)",
     .memory_depth = -1, .move = golden_move},
    {.id = "pi", .name = "Pi", .axelrod_name = "$\\pi$", .reference = REF_AXLPY " (Pi, T. Standen)",
     .memory_depth = -1, .move = pi_move},
    {.id = "e", .name = "e", .axelrod_name = "$e$", .reference = REF_AXLPY " (e, T. Standen)",
     .memory_depth = -1, .move = e_move},
    {.id = "thue_morse", .name = "ThueMorse", .axelrod_name = "ThueMorse", .reference = REF_TM,
     .memory_depth = -1, .move = thue_morse_move, .automaton_length = thue_morse_automaton},
    {.id = "thue_morse_inverse", .name = "ThueMorseInverse", .axelrod_name = "ThueMorseInverse", .reference = REF_TM,
     .memory_depth = -1, .move = thue_morse_inverse_move, .automaton_length = thue_morse_inverse_automaton},
    {0}
};
