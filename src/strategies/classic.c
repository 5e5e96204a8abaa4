// SPDX-License-Identifier: MIT
/* classic.c — the plain reciprocators and their near kin: unconditional players,
 * tit for tat and its variants, punishers and retaliators, win-stay lose-shift,
 * and the common stochastic memory-one players (Random, GTFT, ...).
 * Each strategy's rule is cited in the line above it; behaviour matches
 * Axelrod-Python 4.13 where the strategy exists there. */
#include <stdio.h>

#include "strategies/strategy_def.h"
#include "strategies/automaton_probe.h"

/* ---- small helpers --------------------------------------------------------- */

static inline int flip(int a) { return a == PL_C ? PL_D : PL_C; }

/* ---- unconditional and alternating ------------------------------------------- */

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

/* Cooperates first, then plays the reverse of its own previous action.  Axelrod (1984). */
static int alternator_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? PL_C : flip(pl_view_my_last(v));
}

/* ---- tit for tat and its variants ------------------------------------------- */

/* Cooperates first, then plays what the opponent played last.  Rapoport's entry, Axelrod (1980). */
static int tft_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? PL_C : pl_view_opp_last(v);
}

/* Defects first, then copies the opponent's last action.  Hilbe, Nowak & Traulsen (2013); "Mistrust" in Beaufils et al. (1997). */
static int suspicious_tft_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? PL_D : pl_view_opp_last(v);
}

/* Cooperates first, then plays the opposite of the opponent's last action.  Hilbe, Nowak & Traulsen (2013). */
static int anti_tft_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? PL_C : flip(pl_view_opp_last(v));
}

/* Reverse tit for tat: defects first, then the opposite of the opponent's last action.  Nachbar (1992). */
static int bully_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? PL_D : flip(pl_view_opp_last(v));
}

/* Defects only when the opponent defected on both of the last two turns.  Axelrod (1984). */
static int tf2t_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn >= 2 && pl_hist_ago(v->opp, 1) == PL_D && pl_hist_ago(v->opp, 2) == PL_D ? PL_D : PL_C;
}

/* Answers each defection with two defections: defects if the opponent defected in either of the last two turns.  Axelrod (1984). */
static int two_tits_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return pl_history_defects_last(v->opp, 2) > 0 ? PL_D : PL_C;
}

/* Defects if the opponent defected in any of the last three turns.  prisoners-dilemma.com (2017). */
static int hard_tft_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return pl_history_defects_last(v->opp, 3) > 0 ? PL_D : PL_C;
}

/* Defects if the opponent's last three turns hold two consecutive defections.  Stewart & Plotkin (2012). */
static int hard_tf2t_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    const pl_history *o = v->opp;
    if (o->len >= 2 && pl_hist_ago(o, 1) == PL_D && pl_hist_ago(o, 2) == PL_D) return PL_D;
    if (o->len >= 3 && pl_hist_ago(o, 2) == PL_D && pl_hist_ago(o, 3) == PL_D) return PL_D;
    return PL_C;
}

/* Probes with defections while the opponent has never defected, repents once if punished
 * right after its own defection, otherwise plays tit for tat.  Axelrod-Python (Karol Langner). */
static int sneaky_tft_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn < 2) return PL_C;
    if (v->opp->n_defect == 0) return PL_D;
    if (pl_view_opp_last(v) == PL_D && pl_hist_ago(v->me, 2) == PL_D) return PL_C;
    return pl_view_opp_last(v);
}

/* Sneaky Tit For Tat as an automaton: 0 the first turn; 1 + 2 m1 + o1 the second (m1 and o1 the
 * two players' first actions); then 5 + 8 f + 4 m1 + 2 m2 + o1, f 1 once the other has defected,
 * m1 and m2 its own last two actions, o1 the other's last. */
static int sneaky_tft_automaton(const pl_params *p, pl_automaton *a)
{
    (void)p;
    a->n = 21;
    for (int s = 0; s < 21; s++) {
        int f = 0, m1 = 0, m2 = 0, o1 = 0, act = PL_C;
        if (s >= 1 && s < 5) m1 = (s - 1) >> 1, o1 = f = (s - 1) & 1;
        if (s >= 5) {
            f = (s - 5) >> 3, m1 = ((s - 5) >> 2) & 1, m2 = ((s - 5) >> 1) & 1, o1 = (s - 5) & 1;
            act = !f ? PL_D : o1 == PL_D && m2 == PL_D ? PL_C : o1;
        }
        a->cut[s] = act == PL_C ? UINT64_MAX : 0;
        for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++)
                a->next[s][2 * x + y] = (uint16_t)(s == 0 ? 1 + 2 * x + y : 5 + 8 * (f | y) + 4 * x + 2 * m1 + y);
    }
    return 1;
}

typedef struct { int retaliating; } spiteful_state;

/* Tit for tat until the opponent defects twice in a row, then defects for ever.  PRISON project (1998). */
static int spiteful_tft_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    spiteful_state *s = st;
    if (v->turn == 0) return PL_C;
    if (v->turn >= 2 && pl_hist_ago(v->opp, 1) == PL_D && pl_hist_ago(v->opp, 2) == PL_D) s->retaliating = 1;
    return s->retaliating ? PL_D : pl_view_opp_last(v);
}

/* Cooperates twice; then copies the opponent when its last two actions agree, else repeats its own last action.
 * PRISON project (1998), "Slow tit for tat". */
static int slow_tf2t2_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn < 2) return PL_C;
    int a = pl_hist_ago(v->opp, 1), b = pl_hist_ago(v->opp, 2);
    return a == b ? a : pl_view_my_last(v);
}

typedef struct { int randomness, deadlock; } omega_state;

/* Tit for tat that breaks C/D deadlocks by cooperating twice and turns to defection against
 * an opponent that looks random.  Slany & Kienreich (2007), The Iterated Prisoner's Dilemma: 20 Years On. */
static int omega_tft_move(void *st, const pl_params *p, const pl_view *v)
{
    omega_state *s = st;
    int deadlock_threshold = (int)p->num[0], randomness_threshold = (int)p->num[1];
    if (v->turn == 0) return PL_C;
    int o1 = pl_view_opp_last(v);
    if (v->turn == 1) return o1;
    if (s->deadlock >= deadlock_threshold) {
        /* two cooperations in a row to break the deadlock, then the counter starts over */
        s->deadlock = s->deadlock == deadlock_threshold ? deadlock_threshold + 1 : 0;
        return PL_C;
    }
    int o2 = pl_hist_ago(v->opp, 2);
    if (o1 == PL_C && o2 == PL_C) s->randomness--;
    if (o1 != o2) s->randomness++;
    if (pl_view_my_last(v) != o1) s->randomness++;
    if (s->randomness >= randomness_threshold) return PL_D;
    s->deadlock = o1 != o2 ? s->deadlock + 1 : 0;
    return o1;
}

typedef struct { int punish, calm; } gradual_state;

/* On a defection, punishes with as many defections as the opponent has made in all,
 * then cooperates twice to calm down.  Beaufils, Delahaye & Mathieu (1997), Our meeting with gradual. */
static int gradual_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    gradual_state *s = st;
    if (v->turn == 0) return PL_C;
    if (s->punish > 0) {
        s->punish--;
        return PL_D;
    }
    if (s->calm > 0) {
        s->calm--;
        return PL_C;
    }
    if (pl_view_opp_last(v) == PL_D) {
        s->punish = v->opp->n_defect - 1;
        s->calm = 2;
        return PL_D;
    }
    return PL_C;
}

typedef struct { int calming, punishing, count, limit; } orig_gradual_state;

/* The first Gradual of Axelrod-Python: the punishment length grows by one with each defection
 * that starts a punishment (defections during punishment or calming are not counted).
 * Beaufils, Delahaye & Mathieu (1997). */
static int original_gradual_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    orig_gradual_state *s = st;
    if (s->calming) {
        s->calming = 0;
        return PL_C;
    }
    if (s->punishing) {
        if (s->count < s->limit) {
            s->count++;
            return PL_D;
        }
        s->calming = 1;
        s->punishing = 0;
        s->count = 0;
        return PL_C;
    }
    if (v->turn > 0 && pl_view_opp_last(v) == PL_D) {
        s->punishing = 1;
        s->count++;
        s->limit++;
        return PL_D;
    }
    return PL_C;
}

typedef struct { int contrite, intended; } contrite_state;

/* Tit for tat that, when noise turned its own cooperation into a defection against a cooperator,
 * becomes contrite and cooperates until a cooperation of its own goes through.
 * Wu & Axelrod (1995), How to cope with noise in the iterated prisoner's dilemma. */
static int contrite_tft_choose(contrite_state *s, const pl_view *v)
{
    if (v->turn == 0) return PL_C;
    int mine = pl_view_my_last(v);
    if (s->contrite && mine == PL_C) {
        s->contrite = 0;
        return PL_C;
    }
    if (s->intended != mine && mine == PL_D && pl_view_opp_last(v) == PL_C) s->contrite = 1;
    return pl_view_opp_last(v);
}
static int contrite_tft_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    contrite_state *s = st;
    s->intended = contrite_tft_choose(s, v); /* what it meant to play, before any noise */
    return s->intended;
}

typedef struct { double world; } adaptive_tft_state;

/* Axelrod-Python starts the world image at the rate itself (the paper only asks for a start
 * of at least 1/2); the same here, so that rates below 1/2 open with a few defections. */
static void adaptive_tft_init(void *st, const pl_params *p)
{
    ((adaptive_tft_state *)st)->world = p->num[0];
}

/* Keeps an image of the world, moved towards 1 by each cooperation and towards 0 by each
 * defection at the given rate; cooperates while it is at least 1/2.  Tzafestas (2000),
 * Toward adaptive cooperative behavior. */
static int adaptive_tft_move(void *st, const pl_params *p, const pl_view *v)
{
    adaptive_tft_state *s = st;
    double rate = p->num[0];
    if (v->turn == 0) return PL_C;
    if (pl_view_opp_last(v) == PL_C)
        s->world += rate * (1.0 - s->world);
    else
        s->world -= rate * s->world;
    return s->world >= 0.5 ? PL_C : PL_D;
}

/* Tit for tat, but defects on the last turn of a match of known length.  LessWrong tournament (2011). */
static int alexei_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (pl_view_in_last(v, 1)) return PL_D;
    return v->turn == 0 ? PL_C : pl_view_opp_last(v);
}

/* Tit for tat until the opponent has defected five times, then always defects; defects on
 * the last turn of a match of known length.  LessWrong tournament (2011). */
static int eugine_nier_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (pl_view_in_last(v, 1)) return PL_D;
    if (v->turn == 0) return PL_C;
    if (v->opp->n_defect >= 5) return PL_D;
    return pl_view_opp_last(v);
}

/* Alexei and EugineNier as automata for a match of known length (pl_timed_rule): Alexei's class
 * is the other's last action (C before the first turn); EugineNier's 2 d + that action while the
 * other's defections d are below 5, then class 10 (absorbing: it defects to the end). */
static int alexei_act(int t, int length, int c) { return length - t <= 1 ? PL_D : c; }
static int alexei_step(int t, int c, int x, int y) { return (void)t, (void)c, (void)x, y; }
static int alexei_automaton(const pl_params *p, int length, pl_automaton *a)
{
    static const pl_timed_rule rule = {2, -1, alexei_act, alexei_step};
    return (void)p, pl_automaton_timed(&rule, length, a);
}

enum { EUGINE_DONE = 10 };
static int eugine_nier_act(int t, int length, int c)
{
    if (length - t <= 1 || c == EUGINE_DONE) return PL_D;
    return t == 0 ? PL_C : c & 1;
}
static int eugine_nier_step(int t, int c, int x, int y)
{
    (void)t, (void)x;
    int d = c / 2 + y;
    return d >= 5 ? EUGINE_DONE : 2 * d + y;
}
static int eugine_nier_automaton(const pl_params *p, int length, pl_automaton *a)
{
    static const pl_timed_rule rule = {11, EUGINE_DONE, eugine_nier_act, eugine_nier_step};
    return (void)p, pl_automaton_timed(&rule, length, a);
}

typedef struct { int retaliate; } ntmt_state;

/* After M consecutive defections by the opponent, defects N times (restarting the count
 * whenever the condition holds again).  Axelrod-Python (Marc Harper). */
static int ntmt_move(void *st, const pl_params *p, const pl_view *v)
{
    ntmt_state *s = st;
    int N = (int)p->num[0], M = (int)p->num[1];
    if (M == 0 || (v->opp->len >= M && pl_history_defects_last(v->opp, M) == M)) s->retaliate = N;
    if (s->retaliate > 0) {
        s->retaliate--;
        return PL_D;
    }
    return PL_C;
}

/* ---- forgivers and appeasers ---------------------------------------------- */

/* Defects while the opponent has defected in more than 10% of the turns.  Axelrod-Python (Thomas Campbell). */
static int forgiver_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return (double)v->opp->n_defect > v->opp->len / 10.0 ? PL_D : PL_C;
}

/* Tit for tat while the opponent has defected in more than 10% of the turns, else cooperates.
 * Axelrod-Python (Thomas Campbell). */
static int forgiving_tft_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return (double)v->opp->n_defect > v->opp->len / 10.0 ? pl_view_opp_last(v) : PL_C;
}

/* Starts with C and switches its action each time the opponent defects.  Axelrod-Python (Jochen Müller). */
static int appeaser_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    return pl_view_opp_last(v) == PL_D ? flip(pl_view_my_last(v)) : pl_view_my_last(v);
}

/* Defects after an opponent's defection while the opponent cooperates no more than twice as
 * often as it defects.  PRISON project (1998). */
static int doubler_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    return pl_view_opp_last(v) == PL_D && pl_hist_coops(v->opp) <= 2 * v->opp->n_defect ? PL_D : PL_C;
}

/* ---- punishers ------------------------------------------------------------- */

typedef struct { int mem_length, grudged, grudge_memory; } punisher_state;

static void punisher_init(void *st, const pl_params *p)
{
    (void)p;
    punisher_state *s = st;
    s->mem_length = 1;
    s->grudge_memory = 1;
}

/* Shared by Punisher and Inverse Punisher: on a defection, defects for a number of turns
 * set by `mem` (computed when the grudge starts). */
static int punisher_common(punisher_state *s, const pl_view *v, int inverse)
{
    if (s->grudge_memory >= s->mem_length) {
        s->grudge_memory = 0;
        s->grudged = 0;
    }
    if (s->grudged) {
        s->grudge_memory++;
        return PL_D;
    }
    if (v->turn > 0 && pl_view_opp_last(v) == PL_D) {
        int base = inverse ? pl_hist_coops(v->opp) : v->opp->n_defect;
        s->mem_length = base * 20 / v->opp->len;
        if (inverse && s->mem_length == 0) s->mem_length = 1;
        s->grudged = 1;
        return PL_D;
    }
    return PL_C;
}

/* After a defection, defects for 20 x (opponent's share of defections) turns.  Axelrod-Python (Geraint Palmer). */
static int punisher_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    return punisher_common(st, v, 0);
}

/* After a defection, defects for 20 x (opponent's share of cooperations) turns, at least one.
 * Axelrod-Python (Geraint Palmer). */
static int inverse_punisher_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    return punisher_common(st, v, 1);
}

/* From turn 10 on, defects while the opponent's share of defections exceeds 20%.  Eckhart (2015), CoopSim. */
static int level_punisher_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    int n = v->opp->len;
    if (n < 10) return PL_C;
    return (double)v->opp->n_defect / n > 0.2 ? PL_D : PL_C;
}

/* Defects while the opponent's share of defections exceeds 20% (before turn 10), 10% (before 50)
 * or 5% (before 100); the thresholds cascade, so earlier turns test every later one too.
 * Eckhart (2015), CoopSim. */
static int tricky_level_punisher_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    int n = v->opp->len;
    if (n == 0) return PL_C;
    double share = (double)v->opp->n_defect / n;
    if (n < 10 && share > 0.2) return PL_D;
    if (n < 50 && share > 0.1) return PL_D;
    if (n < 100 && share > 0.05) return PL_D;
    return PL_C;
}

/* ---- retaliators ------------------------------------------------------------ */

typedef struct { int cd, dc, retaliating, count; } retaliate_state;

/* Counts the rounds where it was exploited (C against D) and where it exploited (D against C). */
static void retaliate_count(retaliate_state *s, const pl_view *v)
{
    if (v->turn == 0) return;
    unsigned pair = pl_view_last_pair(v); /* own action, then the other's */
    s->cd += pair == (PL_C << 1 | PL_D);
    s->dc += pair == (PL_D << 1 | PL_C);
}

/* Defects while it has been exploited more often than threshold x the times it exploited.
 * Axelrod-Python (Owen Campbell). */
static int retaliate_move(void *st, const pl_params *p, const pl_view *v)
{
    retaliate_state *s = st;
    retaliate_count(s, v);
    return s->cd > s->dc * p->num[0] ? PL_D : PL_C;
}

/* Retaliate, but a retaliation stops after `retaliation_limit` defections in a row.
 * Axelrod-Python (Owen Campbell). */
static int limited_retaliate_move(void *st, const pl_params *p, const pl_view *v)
{
    retaliate_state *s = st;
    retaliate_count(s, v);
    int limit = (int)p->num[1];
    if (s->cd > s->dc * p->num[0]) {
        s->retaliating = 1;
    } else {
        s->retaliating = 0;
        s->count = 0;
    }
    if (s->retaliating) {
        if (s->count < limit) {
            s->count++;
            return PL_D;
        }
        s->count = 0;
        s->retaliating = 0;
    }
    return PL_C;
}

/* ---- resurrection ----------------------------------------------------------- */

/* Tit for tat, except that after five defections of its own in a row it keeps defecting.  Eckhart (2015), CoopSim. */
static int resurrection_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    if (v->turn >= 5 && pl_history_defects_last(v->me, 5) == 5) return PL_D;
    return pl_view_opp_last(v);
}

/* Tit for tat, except that five own cooperations in a row are followed by a defection and five
 * own defections in a row by a cooperation.  Eckhart (2015), CoopSim. */
static int double_resurrection_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    if (v->turn >= 5) {
        int d = pl_history_defects_last(v->me, 5);
        if (d == 0) return PL_D;
        if (d == 5) return PL_C;
    }
    return pl_view_opp_last(v);
}

/* ---- memory-one players --------------------------------------------------- */

/* Win-stay lose-shift (Pavlov): cooperates first, then cooperates iff both played the same
 * last turn (four-vector 1,0,0,1).  Nowak & Sigmund (1993), Nature 364; Kraines & Kraines (1989). */
static int wsls_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    return pl_view_my_last(v) == pl_view_opp_last(v) ? PL_C : PL_D;
}

/* Win-shift lose-stay (reverse Pavlov): plays `initial` first, then cooperates iff the two
 * actions differed last turn (four-vector 0,1,1,0).  Li, Hingston & Kendall (2011). */
static int wshls_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    if (v->turn == 0) return p->text[0][0] == 'D' ? PL_D : PL_C;
    return pl_view_my_last(v) != pl_view_opp_last(v) ? PL_C : PL_D;
}

/* Cooperates with probability p each turn, whatever happens.  Axelrod (1980), the RANDOM entry. */
static int random_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    return pl_view_coop_with(v, p->num[0]);
}
static int random_is_stochastic(const pl_params *p) { return p->num[0] > 0 && p->num[0] < 1; }

/* The forgiveness probability GTFT uses by default in a game: min(1 - (T-R)/(R-S), (R-P)/(T-P)),
 * as in Axelrod-Python (1/3 for R,S,T,P = 3,0,5,1).  Nowak & Sigmund (1992). */
static double gtft_default_p(const pl_view *v)
{
    double R, S, T, P;
    pl_view_rstp(v, &R, &S, &T, &P);
    double a = 1.0 - (T - R) / (R - S), b = (R - P) / (T - P);
    double p = a < b ? a : b;
    return isnan(p) ? 0.0 : p; /* a degenerate game (T = P = R): no forgiveness, plain tit for tat */
}

typedef struct { double p; } gtft_state;

/* Generous tit for tat: cooperates first and after a cooperation; after a defection forgives
 * (cooperates) with probability p.  Nowak & Sigmund (1992), Tit for tat in heterogeneous populations. */
static int gtft_move(void *st, const pl_params *p, const pl_view *v)
{
    gtft_state *s = st;
    if (v->turn == 0) {
        s->p = p->num[0] < 0 ? gtft_default_p(v) : p->num[0];
        return PL_C;
    }
    return pl_view_opp_last(v) == PL_C ? PL_C : pl_view_coop_with(v, s->p);
}
static int gtft_is_stochastic(const pl_params *p) { return p->num[0] < 0 || (p->num[0] > 0 && p->num[0] < 1); }
/* p is a probability, or exactly -1 for "the match's own game": another negative value would run
 * as -1 under the label typed (gtft:p=-0.5), so it is refused when the player is made. */
static int gtft_check(const pl_params *p, const pl_game *g, char *why, size_t whylen)
{
    (void)g;
    if (p->num[0] >= 0 || p->num[0] == -1) return 0;
    snprintf(why, whylen, "p must be a probability in [0, 1], or -1 for the default of each match's game; found %g",
             p->num[0]);
    return 1;
}

/* Stochastic win-stay lose-shift: four-vector (1-ep, ep, ep, 1-ep), cooperating first.
 * Axelrod-Python (Marc Harper). */
static int stochastic_wsls_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    if (v->turn == 0) return PL_C;
    double ep = p->num[0];
    return pl_view_coop_with(v, pl_view_my_last(v) == pl_view_opp_last(v) ? 1.0 - ep : ep);
}
static int stochastic_wsls_is_stochastic(const pl_params *p) { return p->num[0] > 0 && p->num[0] < 1; }

/* A general memory-one player: cooperates first with probability `initial`, then with the
 * probability given for the last turn's outcome (my action, their action): p_cc, p_cd, p_dc, p_dd.
 * Press & Dyson (2012), PNAS 109; Nowak & Sigmund (1990). */
static int memory_one_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    if (v->turn == 0) return pl_view_coop_with(v, p->num[4]);
    return pl_view_coop_with(v, p->num[2 * pl_view_my_last(v) + pl_view_opp_last(v)]);
}
static int memory_one_is_stochastic(const pl_params *p)
{
    for (int i = 0; i < 5; i++)
        if (p->num[i] > 0 && p->num[i] < 1) return 1;
    return 0;
}
/* The reference's MemoryOnePlayer: memory depth 0 when the four probabilities are all 0 or
 * all 1 (axelrod/strategies/memoryone.py, _post_init), else 1. */
static int memory_one_depth(const pl_params *p)
{
    int zeros = 0, ones = 0;
    for (int i = 0; i < 4; i++) zeros += p->num[i] == 0, ones += p->num[i] == 1;
    return zeros == 4 || ones == 4 ? 0 : 1;
}

/* ---- more tit for tat kin (random) ---------------------------------------- */

/* Burn Both Ends: tit for tat that answers a cooperation with one only with probability
 * 0.9.  Marinoff (1992), Maximizing expected utilities in the prisoner's dilemma,
 * J. Conflict Resolution 36(1). */
static int burn_both_ends_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    return pl_view_opp_last(v) == PL_C ? pl_view_coop_with(v, 0.9) : PL_D;
}

/* Dynamic Two Tits For Tat: cooperates unless the other defected in one of its last two
 * moves; then cooperates with probability the other's share of cooperations.
 * Axelrod-Python, original strategy by Grant Garrett-Grossman. */
static int dynamic_two_tits_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    if (pl_history_defects_last(v->opp, 2) > 0)
        return pl_view_coop_with(v, (double)pl_hist_coops(v->opp) / (double)v->opp->len);
    return PL_C;
}

/* Random Tit for Tat: cooperates first, then alternates between tit for tat and a
 * random move (C with probability p).  Axelrod-Python, original strategy by Zachary M. Taylor. */
static int random_tft_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    if (v->turn == 0) return PL_C;
    /* moves 2, 4, ... (turn 1, 3, ...) copy; moves 3, 5, ... draw */
    return v->turn % 2 == 1 ? pl_view_opp_last(v) : pl_view_coop_with(v, p->num[0]);
}
static int random_tft_is_stochastic(const pl_params *p) { return p->num[0] > 0 && p->num[0] < 1; }

/* Michaelos: tit for tat, except that after its own defection answered by a cooperation it
 * tosses a coin: C, or defect for the rest of the match; defects on the last move when the
 * length is known (the reference's final transformer).  LessWrong (2011), Prisoner's
 * dilemma tournament results. */
typedef struct {
    int defector;
} michaelos_state;

static int michaelos_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    michaelos_state *s = st;
    if (pl_view_in_last(v, 1)) return PL_D;
    if (v->turn == 0) return PL_C;
    if (s->defector) return PL_D;
    if (pl_view_my_last(v) == PL_D && pl_view_opp_last(v) == PL_C) {
        if (pl_view_coop_with(v, 0.5) == PL_C) return PL_C;
        s->defector = 1;
        return PL_D;
    }
    return pl_view_opp_last(v);
}

/* ---- the table --------------------------------------------------------------- */

#define NO_STATE 0
#define REF_AXL84 "Axelrod (1984), The Evolution of Cooperation"
#define REF_ECKHART "Eckhart (2015), CoopSim v0.9.9 beta 6 (strategies listed by the Axelrod-Python library)"
#define REF_PRISON "PRISON project (1998), LIFL, Universite de Lille (strategy list)"
#define REF_LESSWRONG "LessWrong (2011), Prisoner's dilemma tournament results"
#define REF_AXLPY(who) "Axelrod-Python library, original strategy by " who

#define P_RET_THRESHOLD(d)                                                                                       \
    {.key = "retaliation_threshold", .kind = PL_PARAM_REAL, .def = (d), .lo = 0, .hi = 1e9,                     \
     .help = "defect while (own C vs their D) rounds exceed this times (own D vs their C) rounds"}
#define P_RET_LIMIT(d)                                                                                           \
    {.key = "retaliation_limit", .kind = PL_PARAM_INT, .def = (d), .lo = 0, .hi = 1e9,                          \
     .help = "longest run of retaliating defections before it cooperates again"}


/* ---- the memory-one players above as tables (first move, then P(C) after CC, CD, DC, DD,
 * own action first), for the engine's table loop; each says what its move function does ---- */

#define FIXED_TABLE(NAME, FIRST, CC, CD, DC, DD)                                                      \
    static int NAME##_table(const pl_params *p, const pl_game *g, int side, double prob[5])          \
    {                                                                                                \
        (void)p, (void)g, (void)side;                                                                \
        return pl_table_fill(prob, FIRST, CC, CD, DC, DD);                                            \
    }
FIXED_TABLE(cooperator, 1, 1, 1, 1, 1)
FIXED_TABLE(defector, 0, 0, 0, 0, 0)
FIXED_TABLE(alternator, 1, 0, 0, 1, 1)
FIXED_TABLE(tft, 1, 1, 0, 1, 0)
FIXED_TABLE(suspicious_tft, 0, 1, 0, 1, 0)
FIXED_TABLE(anti_tft, 1, 0, 1, 0, 1)
FIXED_TABLE(bully, 0, 0, 1, 0, 1)
FIXED_TABLE(wsls, 1, 1, 0, 0, 1)
FIXED_TABLE(burn_both_ends, 1, 0.9, 0, 0.9, 0)
#undef FIXED_TABLE

static int wshls_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)g, (void)side;
    return pl_table_fill(prob, p->text[0][0] == 'D' ? 0 : 1, 0, 1, 1, 0);
}
static int random_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)g, (void)side;
    double c = p->num[0];
    return pl_table_fill(prob, c, c, c, c, c);
}
static int gtft_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    pl_view v = {.game = g, .side = side};
    double f = p->num[0] < 0 ? gtft_default_p(&v) : p->num[0];
    return pl_table_fill(prob, 1, 1, f, 1, f);
}
static int stochastic_wsls_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)g, (void)side;
    double ep = p->num[0];
    return pl_table_fill(prob, 1, 1.0 - ep, ep, ep, 1.0 - ep);
}
static int memory_one_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)g, (void)side;
    return pl_table_fill(prob, p->num[4], p->num[0], p->num[1], p->num[2], p->num[3]);
}

/* Automata by probing (automaton_probe.h): a move of the last DEPTH turns, then of its state too. */
PL_PROBED_AUTOMATON(tf2t, tf2t_move, NULL, 0, 2, NULL)
PL_PROBED_AUTOMATON(two_tits, two_tits_move, NULL, 0, 2, NULL)
PL_PROBED_AUTOMATON(hard_tft, hard_tft_move, NULL, 0, 3, NULL)
PL_PROBED_AUTOMATON(hard_tf2t, hard_tf2t_move, NULL, 0, 3, NULL)
PL_PROBED_AUTOMATON(slow_tf2t2, slow_tf2t2_move, NULL, 0, 2, NULL)
PL_PROBED_AUTOMATON(appeaser, appeaser_move, NULL, 0, 1, NULL)
PL_PROBED_AUTOMATON(resurrection, resurrection_move, NULL, 0, 5, NULL)
PL_PROBED_AUTOMATON(double_resurrection, double_resurrection_move, NULL, 0, 5, NULL)
PL_PROBED_AUTOMATON(spiteful_tft, spiteful_tft_move, NULL, sizeof(spiteful_state), 2, NULL)
PL_PROBED_AUTOMATON(contrite_tft, contrite_tft_move, NULL, sizeof(contrite_state), 1, NULL)
/* N tits for M tats reads its count of retaliations left and the other's last M turns. */
static int ntmt_probe_depth(const pl_params *p)
{
    double M = p->num[1];
    if (M == 0) return 1; /* it retaliates every turn */
    return M <= PL_PROBE_MAX_DEPTH ? (int)M : -1;
}
PL_PROBED_AUTOMATON(ntmt, ntmt_move, NULL, sizeof(ntmt_state), 0, ntmt_probe_depth)

const pl_strategy_def pl_family_classic[] = {
    {.id = "cooperator", .name = "Cooperator", .axelrod_name = "Cooperator", .reference = REF_AXL84,
     .memory_depth = 0, .move = cooperator_move, .memory_one = cooperator_table},
    {.id = "defector", .name = "Defector", .axelrod_name = "Defector", .reference = REF_AXL84, .memory_depth = 0,
     .move = defector_move, .memory_one = defector_table},
    {.id = "tft", .name = "Tit For Tat", .axelrod_name = "Tit For Tat",
     .reference = "Axelrod (1980), Effective choice in the prisoner's dilemma (Rapoport's entry)", .memory_depth = 1,
     .move = tft_move, .memory_one = tft_table},
    {.id = "alternator", .name = "Alternator", .axelrod_name = "Alternator", .reference = REF_AXL84,
     .memory_depth = 1, .move = alternator_move, .memory_one = alternator_table},
    {.id = "suspicious_tft", .name = "Suspicious Tit For Tat", .axelrod_name = "Suspicious Tit For Tat",
     .reference = "Hilbe, Nowak & Traulsen (2013), Adaptive dynamics of extortion and compliance, PLoS ONE",
     .memory_depth = 1, .move = suspicious_tft_move, .memory_one = suspicious_tft_table},
    {.id = "anti_tft", .name = "Anti Tit For Tat", .axelrod_name = "Anti Tit For Tat",
     .reference = "Hilbe, Nowak & Traulsen (2013), Adaptive dynamics of extortion and compliance, PLoS ONE",
     .memory_depth = 1, .move = anti_tft_move, .memory_one = anti_tft_table},
    {.id = "bully", .name = "Bully", .axelrod_name = "Bully",
     .reference = "Nachbar (1992), Evolution in the finitely repeated prisoner's dilemma (reverse tit for tat)",
     .memory_depth = 1, .move = bully_move, .memory_one = bully_table},
    {.id = "tf2t", .name = "Tit For 2 Tats", .axelrod_name = "Tit For 2 Tats", .reference = REF_AXL84,
     .memory_depth = 2, .move = tf2t_move, .automaton = tf2t_automaton},
    {.id = "two_tits_for_tat", .name = "Two Tits For Tat", .axelrod_name = "Two Tits For Tat",
     .reference = REF_AXL84, .memory_depth = 2, .move = two_tits_move, .automaton = two_tits_automaton},
    {.id = "hard_tft", .name = "Hard Tit For Tat", .axelrod_name = "Hard Tit For Tat",
     .reference = "prisoners-dilemma.com (2017), strategy list", .memory_depth = 3, .move = hard_tft_move, .automaton = hard_tft_automaton},
    {.id = "hard_tf2t", .name = "Hard Tit For 2 Tats", .axelrod_name = "Hard Tit For 2 Tats",
     .reference = "Stewart & Plotkin (2012), Extortion and cooperation in the prisoner's dilemma, PNAS 109",
     .memory_depth = 3, .move = hard_tf2t_move, .automaton = hard_tf2t_automaton},
    {.id = "sneaky_tft", .name = "Sneaky Tit For Tat", .axelrod_name = "Sneaky Tit For Tat",
     .reference = REF_AXLPY("Karol Langner"), .memory_depth = -1, .move = sneaky_tft_move,
     .automaton = sneaky_tft_automaton},
    {.id = "spiteful_tft", .name = "Spiteful Tit For Tat", .axelrod_name = "Spiteful Tit For Tat",
     .reference = REF_PRISON, .memory_depth = -1, .state_size = sizeof(spiteful_state), .move = spiteful_tft_move,
     .automaton = spiteful_tft_automaton},
    {.id = "slow_tf2t2", .name = "Slow Tit For Two Tats 2", .axelrod_name = "Slow Tit For Two Tats 2",
     .reference = REF_PRISON, .memory_depth = 2, .move = slow_tf2t2_move, .automaton = slow_tf2t2_automaton},
    {.id = "omega_tft", .name = "Omega TFT", .axelrod_name = "Omega TFT: 3, 8",
     .reference = "Slany & Kienreich (2007), in The Iterated Prisoners' Dilemma: 20 Years On", .memory_depth = -1,
     .params = {{.key = "deadlock_threshold", .kind = PL_PARAM_INT, .def = 3, .lo = 0, .hi = 1e9,
                 .help = "opponent switches in a row (under tit for tat) that count as a deadlock"},
                {.key = "randomness_threshold", .kind = PL_PARAM_INT, .def = 8, .lo = 0, .hi = 1e9,
                 .help = "randomness score at which it defects"}},
     .state_size = sizeof(omega_state), .move = omega_tft_move},
    {.id = "gradual", .name = "Gradual", .axelrod_name = "Gradual",
     .reference = "Beaufils, Delahaye & Mathieu (1997), Our meeting with gradual, ALIFE V", .memory_depth = -1,
     .state_size = sizeof(gradual_state), .move = gradual_move},
    {.id = "original_gradual", .name = "Original Gradual", .axelrod_name = "Original Gradual",
     .reference = "Beaufils, Delahaye & Mathieu (1997), Our meeting with gradual, ALIFE V", .memory_depth = -1,
     .state_size = sizeof(orig_gradual_state), .move = original_gradual_move},
    {.id = "contrite_tft", .name = "Contrite Tit For Tat", .axelrod_name = "Contrite Tit For Tat",
     .reference = "Wu & Axelrod (1995), How to cope with noise in the iterated prisoner's dilemma, J. Conflict Resol.",
     .memory_depth = 3, .state_size = sizeof(contrite_state), .move = contrite_tft_move,
     .automaton = contrite_tft_automaton},
    {.id = "adaptive_tft", .name = "Adaptive Tit For Tat", .axelrod_name = "Adaptive Tit For Tat: 0.5",
     .reference = "Tzafestas (2000), Toward adaptive cooperative behavior, SAB 2000", .memory_depth = -1,
     .params = {{.key = "rate", .kind = PL_PARAM_REAL, .def = 0.5, .lo = 0, .hi = 1,
                 .help = "adaptation rate of the world image"}},
     .state_size = sizeof(adaptive_tft_state), .init = adaptive_tft_init, .move = adaptive_tft_move},
    {.id = "alexei", .name = "Alexei", .axelrod_name = "Alexei: (D,)", .reference = REF_LESSWRONG,
     .flags = PL_USES_LENGTH, .memory_depth = -1, .move = alexei_move, .automaton_length = alexei_automaton},
    {.id = "eugine_nier", .name = "EugineNier", .axelrod_name = "EugineNier: (D,)", .reference = REF_LESSWRONG,
     .flags = PL_USES_LENGTH, .memory_depth = -1, .move = eugine_nier_move,
     .automaton_length = eugine_nier_automaton},
    {.id = "n_tits_for_m_tats", .name = "N Tit(s) For M Tat(s)", .axelrod_name = "N Tit(s) For M Tat(s): 3, 2",
     .reference = REF_AXLPY("Marc Harper"), .memory_depth = 3,
     .params = {{.key = "N", .kind = PL_PARAM_INT, .def = 3, .lo = 0, .hi = 1e9, .help = "number of retaliations"},
                {.key = "M", .kind = PL_PARAM_INT, .def = 2, .lo = 0, .hi = 1e9,
                 .help = "consecutive opponent defections that trigger them"}},
     .state_size = sizeof(ntmt_state), .move = ntmt_move, .automaton = ntmt_automaton},
    {.id = "forgiver", .name = "Forgiver", .axelrod_name = "Forgiver", .reference = REF_AXLPY("Thomas Campbell"),
     .memory_depth = -1, .move = forgiver_move},
    {.id = "forgiving_tft", .name = "Forgiving Tit For Tat", .axelrod_name = "Forgiving Tit For Tat",
     .reference = REF_AXLPY("Thomas Campbell"), .memory_depth = -1, .move = forgiving_tft_move},
    {.id = "appeaser", .name = "Appeaser", .axelrod_name = "Appeaser", .reference = REF_AXLPY("Jochen Mueller"),
     .memory_depth = -1, .move = appeaser_move, .automaton = appeaser_automaton},
    {.id = "doubler", .name = "Doubler", .axelrod_name = "Doubler", .reference = REF_PRISON, .memory_depth = -1,
     .move = doubler_move},
    {.id = "punisher", .name = "Punisher", .axelrod_name = "Punisher", .reference = REF_AXLPY("Geraint Palmer"),
     .memory_depth = -1, .state_size = sizeof(punisher_state), .init = punisher_init, .move = punisher_move},
    {.id = "inverse_punisher", .name = "Inverse Punisher", .axelrod_name = "Inverse Punisher",
     .reference = REF_AXLPY("Geraint Palmer"), .memory_depth = -1, .state_size = sizeof(punisher_state),
     .init = punisher_init, .move = inverse_punisher_move},
    {.id = "level_punisher", .name = "Level Punisher", .axelrod_name = "Level Punisher", .reference = REF_ECKHART,
     .memory_depth = -1, .move = level_punisher_move},
    {.id = "tricky_level_punisher", .name = "Tricky Level Punisher", .axelrod_name = "Tricky Level Punisher",
     .reference = REF_ECKHART, .memory_depth = -1, .move = tricky_level_punisher_move},
    {.id = "retaliate", .name = "Retaliate", .axelrod_name = "Retaliate: 0.1", .reference = REF_AXLPY("Owen Campbell"),
     .memory_depth = -1, .params = {P_RET_THRESHOLD(0.1)}, .state_size = sizeof(retaliate_state),
     .move = retaliate_move},
    {.id = "retaliate_2", .name = "Retaliate 2", .axelrod_name = "Retaliate 2: 0.08",
     .reference = REF_AXLPY("Owen Campbell"), .memory_depth = -1, .params = {P_RET_THRESHOLD(0.08)},
     .state_size = sizeof(retaliate_state), .move = retaliate_move},
    {.id = "retaliate_3", .name = "Retaliate 3", .axelrod_name = "Retaliate 3: 0.05",
     .reference = REF_AXLPY("Owen Campbell"), .memory_depth = -1, .params = {P_RET_THRESHOLD(0.05)},
     .state_size = sizeof(retaliate_state), .move = retaliate_move},
    {.id = "limited_retaliate", .name = "Limited Retaliate", .axelrod_name = "Limited Retaliate: 0.1, 20",
     .reference = REF_AXLPY("Owen Campbell"), .memory_depth = -1, .params = {P_RET_THRESHOLD(0.1), P_RET_LIMIT(20)},
     .state_size = sizeof(retaliate_state), .move = limited_retaliate_move},
    {.id = "limited_retaliate_2", .name = "Limited Retaliate 2", .axelrod_name = "Limited Retaliate 2: 0.08, 15",
     .reference = REF_AXLPY("Owen Campbell"), .memory_depth = -1, .params = {P_RET_THRESHOLD(0.08), P_RET_LIMIT(15)},
     .state_size = sizeof(retaliate_state), .move = limited_retaliate_move},
    {.id = "limited_retaliate_3", .name = "Limited Retaliate 3", .axelrod_name = "Limited Retaliate 3: 0.05, 20",
     .reference = REF_AXLPY("Owen Campbell"), .memory_depth = -1, .params = {P_RET_THRESHOLD(0.05), P_RET_LIMIT(20)},
     .state_size = sizeof(retaliate_state), .move = limited_retaliate_move},
    {.id = "resurrection", .name = "Resurrection", .axelrod_name = "Resurrection", .reference = REF_ECKHART,
     .memory_depth = 5, .move = resurrection_move, .automaton = resurrection_automaton},
    {.id = "double_resurrection", .name = "DoubleResurrection", .axelrod_name = "DoubleResurrection",
     .reference = REF_ECKHART, .memory_depth = 5, .move = double_resurrection_move, .automaton = double_resurrection_automaton},
    {.id = "wsls", .name = "Win-Stay Lose-Shift", .axelrod_name = "Win-Stay Lose-Shift",
     .reference = "Nowak & Sigmund (1993), A strategy of win-stay, lose-shift that outperforms tit-for-tat, Nature 364",
     .memory_depth = 1, .move = wsls_move, .memory_one = wsls_table},
    {.id = "win_shift_lose_stay", .name = "Win-Shift Lose-Stay", .axelrod_name = "Win-Shift Lose-Stay: D",
     .reference = "Li, Hingston & Kendall (2011), Engineering design of strategies for winning IPD competitions",
     .memory_depth = 1,
     .params = {{.key = "initial", .kind = PL_PARAM_ACTIONS, .def_text = "D",
                 .help = "first action (the first letter of the string is used)"}},
     .move = wshls_move, .memory_one = wshls_table},
    {.id = "random", .name = "Random", .axelrod_name = "Random: 0.5",
     .reference = "Axelrod (1980), Effective choice in the prisoner's dilemma (the RANDOM entry)",
     .flags = PL_STOCHASTIC, .memory_depth = 0,
     .params = {{.key = "p", .kind = PL_PARAM_REAL, .def = 0.5, .lo = 0, .hi = 1,
                 .help = "probability of cooperating each turn"}},
     .move = random_move, .memory_one = random_table, .is_stochastic = random_is_stochastic},
    {.id = "gtft", .name = "Generous Tit For Tat", .axelrod_name = "GTFT: 0.33",
     .reference = "Nowak & Sigmund (1992), Tit for tat in heterogeneous populations, Nature 355",
     .flags = PL_STOCHASTIC | PL_USES_GAME, .memory_depth = 1,
     /* The default is the reference's: p = min(1 - (T-R)/(R-S), (R-P)/(T-P)) of the standard game
      * (R, S, T, P) = (3, 0, 5, 1), fixed when the player is made and kept in any game
      * (axelrod/strategies/titfortat.py, GTFT); 1 - 2/3 in floating point, as it computes it. */
     .params = {{.key = "p", .kind = PL_PARAM_REAL, .def = 1.0 - 2.0 / 3.0, .lo = -1, .hi = 1,
                 .help = "probability of forgiving a defection (the reference's 1/3 of the standard game); "
                         "-1: min(1-(T-R)/(R-S), (R-P)/(T-P)) of each match's game"}},
     .state_size = sizeof(gtft_state), .move = gtft_move, .memory_one = gtft_table, .is_stochastic = gtft_is_stochastic,
     .check_game = gtft_check},
    {.id = "stochastic_wsls", .name = "Stochastic WSLS", .axelrod_name = "Stochastic WSLS: 0.05",
     .reference = REF_AXLPY("Marc Harper"), .flags = PL_STOCHASTIC, .memory_depth = 1,
     .params = {{.key = "ep", .kind = PL_PARAM_REAL, .def = 0.05, .lo = 0, .hi = 1,
                 .help = "probability of cooperating after CD or DC (and of defecting after CC or DD)"}},
     .move = stochastic_wsls_move, .memory_one = stochastic_wsls_table, .is_stochastic = stochastic_wsls_is_stochastic},
    {.id = "memory_one", .name = "Memory One", .axelrod_name = NULL,
     .reference = "Press & Dyson (2012), Iterated prisoner's dilemma contains strategies that dominate any "
                  "evolutionary opponent, PNAS 109",
     .flags = PL_STOCHASTIC, .memory_depth = 1,
     .params = {{.key = "p_cc", .kind = PL_PARAM_REAL, .def = 1, .lo = 0, .hi = 1,
                 .help = "probability of cooperating after (me C, them C)"},
                {.key = "p_cd", .kind = PL_PARAM_REAL, .def = 0, .lo = 0, .hi = 1,
                 .help = "probability of cooperating after (me C, them D)"},
                {.key = "p_dc", .kind = PL_PARAM_REAL, .def = 0, .lo = 0, .hi = 1,
                 .help = "probability of cooperating after (me D, them C)"},
                {.key = "p_dd", .kind = PL_PARAM_REAL, .def = 1, .lo = 0, .hi = 1,
                 .help = "probability of cooperating after (me D, them D)"},
                {.key = "initial", .kind = PL_PARAM_REAL, .def = 1, .lo = 0, .hi = 1,
                 .help = "probability of cooperating on the first turn"}},
     .move = memory_one_move, .memory_one = memory_one_table, .is_stochastic = memory_one_is_stochastic, .memory_depth_of = memory_one_depth,
     .class_name = "MemoryOnePlayer"},
    {.id = "burn_both_ends", .name = "Burn Both Ends", .axelrod_name = "Burn Both Ends",
     .reference = "Marinoff (1992), Maximizing expected utilities in the prisoner's dilemma, J. Conflict Resolution 36(1)",
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = burn_both_ends_move, .memory_one = burn_both_ends_table},
    {.id = "dynamic_two_tits_for_tat", .name = "Dynamic Two Tits For Tat", .axelrod_name = "Dynamic Two Tits For Tat",
     .reference = REF_AXLPY("Grant Garrett-Grossman"), .flags = PL_STOCHASTIC, .memory_depth = -1,
     .move = dynamic_two_tits_move},
    {.id = "random_tft", .name = "Random Tit for Tat", .axelrod_name = "Random Tit for Tat: 0.5",
     .reference = REF_AXLPY("Zachary M. Taylor"), .flags = PL_STOCHASTIC, .memory_depth = 1,
     .params = {{.key = "p", .kind = PL_PARAM_REAL, .def = 0.5, .lo = 0, .hi = 1,
                 .help = "probability of cooperating on the random moves (every other move)"}},
     .move = random_tft_move, .is_stochastic = random_tft_is_stochastic},
    {.id = "michaelos", .name = "Michaelos", .axelrod_name = "Michaelos: (D,)",
     .reference = "LessWrong (2011), Prisoner's dilemma tournament results", .flags = PL_STOCHASTIC | PL_USES_LENGTH,
     .memory_depth = -1, .state_size = sizeof(michaelos_state), .move = michaelos_move},
    {0}
};
