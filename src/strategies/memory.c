// SPDX-License-Identifier: MIT
/* memory.c — players whose next move depends on the last one or two rounds:
 * memory-two all-or-none players (AON2, Delayed AON1), MEM2, the
 * zero-determinant memory-one players (extortionate, generous, equalizer), and
 * memory-one players of fixed probabilities (Firm But Fair, Soft Joss, the
 * "mutual" players Desperate, Hopeless and Willing, ...).
 * Each strategy's rule is cited in the line above it; behaviour matches
 * Axelrod-Python 4.13 where the strategy exists there. */
#include <stdio.h>

#include "strategies/strategy_def.h"
#include "strategies/automaton_probe.h"

/* ---- memory-two players ------------------------------------------------- */

/* A memory-two player cooperates on its first two moves, then cooperates with
 * the probability listed for the last two rounds: index 8*a + 4*b + 2*c + d,
 * where a, b are its own actions two turns ago and last turn, c, d the
 * opponent's (C = 0, D = 1).  Hilbe et al. (2017), Memory-n strategies of
 * direct reciprocity, PNAS 114(18). */
static int memory_two(const pl_view *v, const double prob[16])
{
    if (v->turn < 2) return PL_C;
    int idx = (pl_hist_ago(v->me, 2) << 3) | (pl_hist_ago(v->me, 1) << 2) | (pl_hist_ago(v->opp, 2) << 1) |
              pl_hist_ago(v->opp, 1);
    return pl_view_coop_with(v, prob[idx]);
}

/* AON2: cooperates again only after two rounds in which both parties' pairs of
 * actions matched (CC,CC), (CD,CD), (DC,DC), (DD,DD).  Hilbe et al. (2017),
 * vector 1 of the four they report (self-cooperation rate 0.952). */
static const double aon2_prob[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
static int aon2_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return memory_two(v, aon2_prob);
}

/* Delayed AON1 (AON1 is win-stay lose-shift): Hilbe et al. (2017), vector 3
 * of the three they report (self-cooperation rate 0.971). */
static const double delayed_aon1_prob[16] = {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1};
static int delayed_aon1_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return memory_two(v, delayed_aon1_prob);
}

/* ---- MEM2 ----------------------------------------------------------------- */

enum { MEM2_TFT, MEM2_TFTT, MEM2_ALLD };
typedef struct {
    int started;  /* state initialised */
    int mode;     /* MEM2_TFT, MEM2_TFTT or MEM2_ALLD */
    int countdown;
    int alld_picks;
} mem2_state;

/* Plays as TFT, re-choosing every two turns from the third on: TFT after two
 * rounds of mutual cooperation, TFTT after one CD and one DC round, ALLD
 * otherwise; once ALLD has been chosen twice it stays ALLD.  Li & Kendall (2014),
 * The effect of memory size on the evolutionary stability of strategies in
 * iterated prisoner's dilemma, IEEE Trans. Evolutionary Computation. */
static int mem2_move(void *st, const pl_params *p, const pl_view *v)
{
    mem2_state *s = st;
    (void)p;
    if (!s->started) {
        s->started = 1;
        s->mode = MEM2_TFT;
        s->countdown = 3;
    }
    /* the countdown stops with the second ALLD pick (it is read no more): the state stays
     * finite, so that the probe can make the automaton */
    if (s->alld_picks < 2 && --s->countdown == 0) {
        s->countdown = 2;
        /* the two rounds before this one, from this player's side */
        int r1 = (pl_hist_ago(v->me, 1) << 1) | pl_hist_ago(v->opp, 1);
        int r2 = (pl_hist_ago(v->me, 2) << 1) | pl_hist_ago(v->opp, 2);
        enum { CC = 0, CD = 1, DC = 2 };
        if (r1 == CC && r2 == CC)
            s->mode = MEM2_TFT;
        else if ((r1 == CD && r2 == DC) || (r1 == DC && r2 == CD))
            s->mode = MEM2_TFTT;
        else {
            s->mode = MEM2_ALLD;
            s->alld_picks++;
        }
    }
    switch (s->mode) {
    case MEM2_TFT:
        return v->turn == 0 ? PL_C : pl_hist_ago(v->opp, 1);
    case MEM2_TFTT:
        return v->turn >= 2 && pl_hist_ago(v->opp, 1) == PL_D && pl_hist_ago(v->opp, 2) == PL_D ? PL_D : PL_C;
    default:
        return PL_D;
    }
}

/* MEM2 reads its state (a mode and two small counts) and the last two turns: an automaton by
 * probing its move (automaton_probe.h). */
PL_PROBED_AUTOMATON(mem2, mem2_move, NULL, sizeof(mem2_state), 2, NULL)

/* ---- zero-determinant players --------------------------------------------- */

/* How the baseline payoff l of a linear-relation player is set. */
enum { ZD_L_PARAM, ZD_L_IS_P, ZD_L_IS_R };

typedef struct {
    int ready;
    double prob[4]; /* P(C) after CC, CD, DC, DD (own action first) */
} zd_state;

/* A memory-one player enforcing the linear relation s (pi_X - l) = pi_Y - l on
 * the long-run payoffs (with chi = 1/s the extortion factor).  Cooperates
 * first, then with probabilities (Hilbe, Nowak & Sigmund 2013, Evolution of
 * extortion in iterated prisoner's dilemma games, PNAS 110(17), eq. 14):
 *   P(C|CC) = 1 - phi (1 - s)(R - l)        P(C|CD) = 1 - phi (s (l - S) + (T - l))
 *   P(C|DC) = phi ((l - S) + s (T - l))     P(C|DD) = phi (1 - s)(l - P)
 * computed from the match's game.  Parameters no probabilities can enforce in the
 * game are refused before the match (zd_check), as Axelrod-Python refuses them. */
static void zd_probs(const pl_params *p, const pl_view *v, int lmode, double prob[4])
{
    double R, S, T, P;
    pl_view_rstp(v, &R, &S, &T, &P);
    double phi = p->num[0], sl = p->num[1];
    double l = lmode == ZD_L_IS_P ? P : lmode == ZD_L_IS_R ? R : p->num[2];
    /* evaluated in the same order as the reference implementation so the
     * probabilities are bit-identical */
    prob[0] = 1 - phi * (1 - sl) * (R - l);
    prob[1] = 1 - phi * (sl * (l - S) + (T - l));
    prob[2] = phi * ((l - S) + sl * (T - l));
    prob[3] = phi * (1 - sl) * (l - P);
}
static int zd_move(void *st, const pl_params *p, const pl_view *v, int lmode)
{
    zd_state *s = st;
    if (!s->ready) {
        zd_probs(p, v, lmode, s->prob);
        s->ready = 1;
    }
    if (v->turn == 0) return PL_C;
    int idx = (pl_hist_ago(v->me, 1) << 1) | pl_hist_ago(v->opp, 1);
    return pl_view_coop_with(v, s->prob[idx]);
}

/* Whether (phi, s, l) can be played in game g, by the reference's rule
 * (axelrod/strategies/zero_determinant.py, LRPlayer.receive_match_attributes, after
 * Hilbe, Nowak & Sigmund 2013, PNAS 110(17)): P <= l <= R, s <= 1,
 * s >= -min((T - l)/(l - S), (l - S)/(T - l)), and every probability in [0, 1]. */
static int zd_check_side(const pl_params *p, const pl_game *g, int side, char *why, size_t whylen, int lmode)
{
    pl_view v = {.game = g, .side = side};
    double R, S, T, P;
    pl_view_rstp(&v, &R, &S, &T, &P);
    double phi = p->num[0], sl = p->num[1];
    double l = lmode == ZD_L_IS_P ? P : lmode == ZD_L_IS_R ? R : p->num[2];
    if (l < P || l > R) {
        snprintf(why, whylen, "the baseline payoff l = %g must lie between P = %g and R = %g", l, P, R);
        return 1;
    }
    if (l == S || T == l) { /* the reference divides by zero here */
        snprintf(why, whylen, "the baseline payoff l = %g equals %s = %g, which leaves the slope's bound undefined", l,
                 l == S ? "S" : "T", l);
        return 1;
    }
    double a = (T - l) / (l - S), b = (l - S) / (T - l);
    double s_min = -(a < b ? a : b);
    if (sl > 1 || sl < s_min) {
        snprintf(why, whylen, "the slope s = %g must lie between %g and 1 for l = %g", sl, s_min, l);
        return 1;
    }
    double prob[4] = {1 - phi * (1 - sl) * (R - l), 1 - phi * (sl * (l - S) + (T - l)), phi * ((l - S) + sl * (T - l)),
                      phi * (1 - sl) * (l - P)};
    static const char *after[4] = {"CC", "CD", "DC", "DD"};
    for (int i = 0; i < 4; i++)
        if (!(prob[i] >= 0 && prob[i] <= 1)) {
            snprintf(why, whylen, "phi = %g makes the probability of cooperating after %s %.6g, outside [0, 1]", phi,
                     after[i], prob[i]);
            return 1;
        }
    return 0;
}
/* Checked as the row party and as the column party: a tournament plays it on both sides. */
static int zd_check(const pl_params *p, const pl_game *g, char *why, size_t whylen, int lmode)
{
    return zd_check_side(p, g, 0, why, whylen, lmode) || zd_check_side(p, g, 1, why, whylen, lmode);
}
static int zd_check_l(const pl_params *p, const pl_game *g, char *w, size_t n) { return zd_check(p, g, w, n, ZD_L_PARAM); }
static int zd_check_lp(const pl_params *p, const pl_game *g, char *w, size_t n) { return zd_check(p, g, w, n, ZD_L_IS_P); }
static int zd_check_lr(const pl_params *p, const pl_game *g, char *w, size_t n) { return zd_check(p, g, w, n, ZD_L_IS_R); }

/* The same player as a table for the engine's table loop: cooperates first, then prob[]. */
static int zd_table(const pl_params *p, const pl_game *g, int side, double prob[5], int lmode)
{
    pl_view v = {.game = g, .side = side};
    double q[4];
    zd_probs(p, &v, lmode, q);
    return pl_table_fill(prob, 1, q[0], q[1], q[2], q[3]);
}
static int zd_move_l_table(const pl_params *p, const pl_game *g, int side, double prob[5]) { return zd_table(p, g, side, prob, ZD_L_PARAM); }
static int zd_move_lp_table(const pl_params *p, const pl_game *g, int side, double prob[5]) { return zd_table(p, g, side, prob, ZD_L_IS_P); }
static int zd_move_lr_table(const pl_params *p, const pl_game *g, int side, double prob[5]) { return zd_table(p, g, side, prob, ZD_L_IS_R); }

static int zd_move_l(void *st, const pl_params *p, const pl_view *v) { return zd_move(st, p, v, ZD_L_PARAM); }
static int zd_move_lp(void *st, const pl_params *p, const pl_view *v) { return zd_move(st, p, v, ZD_L_IS_P); }
static int zd_move_lr(void *st, const pl_params *p, const pl_view *v) { return zd_move(st, p, v, ZD_L_IS_R); }

/* ---- memory-one players of fixed probabilities ------------------------------ */

/* Cooperates first, then with the probability given for the last round: pv[0..3] after
 * (own, other's) = CC, CD, DC, DD, as the reference's MemoryOnePlayer four-vector. */
static int four_vector(const pl_view *v, const double pv[4])
{
    if (v->turn == 0) return PL_C;
    return pl_view_coop_with(v, pv[2 * pl_view_my_last(v) + pl_view_opp_last(v)]);
}
/* The same as a table (first move `first`), for the engine's table loop. */
static int four_vector_table(double prob[5], double first, const double pv[4])
{
    return pl_table_fill(prob, first, pv[0], pv[1], pv[2], pv[3]);
}

/* Firm But Fair: (1, 0, 1, 2/3).  Frean (1994), The prisoner's dilemma without
 * synchrony, Proc. R. Soc. B 257. */
static const double firm_but_fair_pv[4] = {1, 0, 1, 2.0 / 3.0};
static int firm_but_fair_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return four_vector(v, firm_but_fair_pv);
}
static int firm_but_fair_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)p, (void)g, (void)side;
    return four_vector_table(prob, 1, firm_but_fair_pv);
}

/* Stochastic Cooperator: (0.935, 0.229, 0.266, 0.42).  Adami & Hintze (2013), Evolutionary
 * instability of zero-determinant strategies, Nature Communications 4. */
static const double stochastic_cooperator_pv[4] = {0.935, 0.229, 0.266, 0.42};
static int stochastic_cooperator_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return four_vector(v, stochastic_cooperator_pv);
}
static int stochastic_cooperator_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)p, (void)g, (void)side;
    return four_vector_table(prob, 1, stochastic_cooperator_pv);
}

/* Soft Joss: (1, 1 - q, 1, 1 - q): tit for tat that forgives a defection with probability
 * 1 - q.  The PRISON project (1998), LIFL Lille (strategy list). */
static int soft_joss_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    double q = p->num[0];
    const double pv[4] = {1.0, 1 - q, 1, 1 - q};
    return four_vector(v, pv);
}
static int soft_joss_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)g, (void)side;
    double q = p->num[0];
    return pl_table_fill(prob, 1, 1.0, 1 - q, 1, 1 - q);
}
static int soft_joss_is_stochastic(const pl_params *p) { return p->num[0] > 0 && p->num[0] < 1; }
/* the reference's MemoryOnePlayer: depth 0 when every probability is 1 (q = 0) */
static int soft_joss_depth(const pl_params *p) { return p->num[0] == 0 ? 0 : 1; }

/* ALLCorALLD: cooperates first with probability 0.6, then repeats its own last move
 * (the ZD extreme phi = 0).  Axelrod-Python library, strategy of the same name. */
static int allc_or_alld_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? pl_view_coop_with(v, 0.6) : pl_view_my_last(v);
}
static int allc_or_alld_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)p, (void)g, (void)side;
    return pl_table_fill(prob, 0.6, 1, 1, 0, 0);
}

/* The "mutual" players: a coin on the first move, then a fixed answer to the last round.
 * Desperate cooperates only after mutual defection; Hopeless defects only after mutual
 * cooperation; Willing defects only after mutual defection.  Van den Berg & Weissing
 * (2015), The importance of mechanisms for the evolution of cooperation, Proc. R. Soc. B. */
static int desperate_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return pl_view_coop_with(v, 0.5);
    return pl_view_my_last(v) == PL_D && pl_view_opp_last(v) == PL_D ? PL_C : PL_D;
}
static int hopeless_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return pl_view_coop_with(v, 0.5);
    return pl_view_my_last(v) == PL_C && pl_view_opp_last(v) == PL_C ? PL_D : PL_C;
}
static int willing_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return pl_view_coop_with(v, 0.5);
    return pl_view_my_last(v) == PL_D && pl_view_opp_last(v) == PL_D ? PL_D : PL_C;
}
/* The three as tables: a coin first, then C (1) or D (0) after CC, CD, DC, DD. */
static int desperate_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)p, (void)g, (void)side;
    return pl_table_fill(prob, 0.5, 0, 0, 0, 1);
}
static int hopeless_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)p, (void)g, (void)side;
    return pl_table_fill(prob, 0.5, 0, 1, 1, 1);
}
static int willing_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)p, (void)g, (void)side;
    return pl_table_fill(prob, 0.5, 1, 1, 1, 0);
}

#define REF_VDBERG "van den Berg & Weissing (2015), The importance of mechanisms for the evolution of cooperation, Proc. R. Soc. B 282"
#define REF_HILBE2017 "Hilbe, Martinez-Vaquero, Chatterjee & Nowak (2017), Memory-n strategies of direct reciprocity, PNAS"
#define REF_LI2014 "Li & Kendall (2014), The effect of memory size on the evolutionary stability of strategies in the IPD (MEM2)"
#define REF_HILBE2013 "Hilbe, Nowak & Sigmund (2013), Evolution of extortion in IPD games, PNAS (eq. 14)"
#define REF_STEWART "Stewart & Plotkin (2012), Extortion and cooperation in the prisoner's dilemma, PNAS"
#define REF_PRESS "Press & Dyson (2012), Iterated prisoner's dilemma contains strategies that dominate any evolutionary opponent, PNAS"
#define REF_KUHN "Kuhn (2017), Prisoner's Dilemma, Stanford Encyclopedia of Philosophy; Hilbe, Nowak & Sigmund (2013)"
#define REF_ROEMHELD "Roemheld (2013), Evolutionary extortion and mischief: zero determinant strategies in iterated 2x2 games"

#define ZD_PHI(DEF) {.key = "phi", .kind = PL_PARAM_REAL, .def = (DEF), .lo = 0, .hi = 1e6, .help = "scale of the deviations from TFT-like play (> 0)"}
#define ZD_S(DEF) {.key = "s", .kind = PL_PARAM_REAL, .def = (DEF), .lo = -1, .hi = 1, .help = "slope s = 1/chi of the enforced linear relation"}
#define ZD_L(DEF) {.key = "l", .kind = PL_PARAM_REAL, .def = (DEF), .lo = -1e9, .hi = 1e9, .help = "baseline payoff l (P <= l <= R)"}
#define ZD_ENTRY(ID, NAME, AXL, REF, MOVE, ...)                                                                \
    {.id = ID, .name = NAME, .axelrod_name = AXL, .reference = REF, .flags = PL_STOCHASTIC | PL_USES_GAME,     \
     .memory_depth = 1, .params = {__VA_ARGS__}, .state_size = sizeof(zd_state), .move = MOVE,                 \
     .check_game = MOVE##_check, .memory_one = MOVE##_table}
#define zd_move_l_check zd_check_l
#define zd_move_lp_check zd_check_lp
#define zd_move_lr_check zd_check_lr

/* The memory-two players as automata, by probing (automaton_probe.h). */
PL_PROBED_AUTOMATON(aon2, aon2_move, NULL, 0, 2, NULL)
PL_PROBED_AUTOMATON(delayed_aon1, delayed_aon1_move, NULL, 0, 2, NULL)

const pl_strategy_def pl_family_memory[] = {
    {.id = "aon2", .name = "AON2", .axelrod_name = "AON2", .reference = REF_HILBE2017, .memory_depth = 2,
     .move = aon2_move, .automaton = aon2_automaton},
    {.id = "delayed_aon1", .name = "Delayed AON1", .axelrod_name = "Delayed AON1", .reference = REF_HILBE2017,
     .memory_depth = 2, .move = delayed_aon1_move, .automaton = delayed_aon1_automaton},
    {.id = "mem2", .name = "MEM2", .axelrod_name = "MEM2", .reference = REF_LI2014, .memory_depth = -1,
     .state_size = sizeof(mem2_state), .move = mem2_move, .automaton = mem2_automaton},

    ZD_ENTRY("zd_extort_2", "ZD-Extort-2", "ZD-Extort-2: 0.1111111111111111, 0.5", REF_STEWART " (l = P)",
             zd_move_lp, ZD_PHI(1.0 / 9), ZD_S(0.5)),
    ZD_ENTRY("zd_extort_2_v2", "ZD-Extort-2 v2", "ZD-Extort-2 v2: 0.125, 0.5, 1", REF_KUHN " (EXTORT2)", zd_move_l,
             ZD_PHI(1.0 / 8), ZD_S(0.5), ZD_L(1)),
    ZD_ENTRY("zd_extort_3", "ZD-Extort3", "ZD-Extort3: 0.11538461538461539, 0.3333333333333333, 1", REF_PRESS,
             zd_move_l, ZD_PHI(3.0 / 26), ZD_S(1.0 / 3), ZD_L(1)),
    ZD_ENTRY("zd_extort_4", "ZD-Extort-4", "ZD-Extort-4: 0.23529411764705882, 0.25, 1", REF_HILBE2013 " (chi = 4)",
             zd_move_l, ZD_PHI(4.0 / 17), ZD_S(0.25), ZD_L(1)),
    ZD_ENTRY("zd_gtft_2", "ZD-GTFT-2", "ZD-GTFT-2: 0.25, 0.5", REF_STEWART " (generous, l = R)", zd_move_lr,
             ZD_PHI(0.25), ZD_S(0.5)),
    ZD_ENTRY("zd_gen_2", "ZD-GEN-2", "ZD-GEN-2: 0.125, 0.5, 3", REF_KUHN " (GEN2)", zd_move_l, ZD_PHI(1.0 / 8),
             ZD_S(0.5), ZD_L(3)),
    ZD_ENTRY("zd_set_2", "ZD-SET-2", "ZD-SET-2: 0.25, 0.0, 2", REF_KUHN " (SET2, equalizer)", zd_move_l,
             ZD_PHI(0.25), ZD_S(0.0), ZD_L(2)),
    ZD_ENTRY("zd_mischief", "ZD-Mischief", "ZD-Mischief: 0.1, 0.0, 1", REF_ROEMHELD, zd_move_l, ZD_PHI(0.1),
             ZD_S(0.0), ZD_L(1)),
    ZD_ENTRY("zd_extortion", "ZD-Extortion", "ZD-Extortion: 0.2, 0.1, 1", REF_ROEMHELD, zd_move_l, ZD_PHI(0.2),
             ZD_S(0.1), ZD_L(1)),
    {.id = "firm_but_fair", .name = "Firm But Fair", .axelrod_name = "Firm But Fair",
     .reference = "Frean (1994), The prisoner's dilemma without synchrony, Proc. R. Soc. B 257",
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = firm_but_fair_move, .memory_one = firm_but_fair_table},
    {.id = "stochastic_cooperator", .name = "Stochastic Cooperator", .axelrod_name = "Stochastic Cooperator",
     .reference = "Adami & Hintze (2013), Evolutionary instability of zero-determinant strategies, Nat. Commun. 4",
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = stochastic_cooperator_move, .memory_one = stochastic_cooperator_table},
    {.id = "soft_joss", .name = "Soft Joss", .axelrod_name = "Soft Joss: 0.9",
     .reference = "The PRISON project (1998), LIFL Lille (strategy list)", .flags = PL_STOCHASTIC,
     .memory_depth = 1,
     .params = {{.key = "q", .kind = PL_PARAM_REAL, .def = 0.9, .lo = 0, .hi = 1,
                 .help = "probability of answering a defection with a defection"}},
     .move = soft_joss_move, .memory_one = soft_joss_table, .is_stochastic = soft_joss_is_stochastic, .memory_depth_of = soft_joss_depth},
    {.id = "allc_or_alld", .name = "ALLCorALLD", .axelrod_name = "ALLCorALLD",
     .reference = "Axelrod-Python library (Knight et al. 2016), strategy of the same name (ZD extreme phi = 0)",
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = allc_or_alld_move, .memory_one = allc_or_alld_table},
    {.id = "desperate", .name = "Desperate", .axelrod_name = "Desperate", .reference = REF_VDBERG,
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = desperate_move, .memory_one = desperate_table},
    {.id = "hopeless", .name = "Hopeless", .axelrod_name = "Hopeless", .reference = REF_VDBERG,
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = hopeless_move, .memory_one = hopeless_table},
    {.id = "willing", .name = "Willing", .axelrod_name = "Willing", .reference = REF_VDBERG,
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = willing_move, .memory_one = willing_table},
    {0}
};
