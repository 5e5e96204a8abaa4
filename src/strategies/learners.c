/* SPDX-License-Identifier: MIT */
/* learners.c — players that learn from their payoffs during the match: the four
 * Q-learners, Bush–Mosteller and the two Adaptors of Axelrod-Python 4.13
 * (axelrod/strategies/qlearner.py, bush_mosteller.py, adaptor.py).  Each follows the
 * reference's rule; its draws come from the match's stream, so they match the
 * reference in distribution, not draw for draw. */
#include <stdio.h>

#include "strategies/strategy_def.h"

/* ---- Q-learners ---------------------------------------------------------------
 * Q-learning over states "the other's last (up to) 12 moves and its count of
 * cooperations", with an epsilon-soft choice: the action of the larger Q (C on a tie)
 * with probability 0.9, else a coin.  The reward of a move is its payoff in the match's
 * game against the other's answer.  Because the other's count of cooperations never
 * falls, a state of an older count is never seen again: only the states of the current
 * count (at most 13: its window as D's are appended) and the previous state are kept,
 * which is exact, and the state is a fixed size whatever the match length. */

#define QL_WINDOW 12
#define QL_SLOTS 16

typedef struct {
    unsigned bits;  /* the other's last moves, D = 1, the oldest in bit 0 */
    int len;        /* how many (0..12) */
    int coops;      /* the other's cooperations so far */
    double q[2], v; /* Q of C and of D; V = the larger */
} ql_entry;

typedef struct {
    ql_entry slot[QL_SLOTS];
    int n;          /* slots in use */
    int prev;       /* the previous state's slot; -1: the start state "" */
    double start_q[2], start_v;
    int prev_action; /* the action it chose last (before noise) */
} ql_state;

/* The slot of a state, made (Q = V = 0) if new; states of an older count are dropped
 * first, keeping the previous state's. */
static int ql_find(ql_state *s, unsigned bits, int len, int coops)
{
    for (int i = 0; i < s->n; i++)
        if (s->slot[i].bits == bits && s->slot[i].len == len && s->slot[i].coops == coops) return i;
    if (s->n > 0 && s->slot[s->n - 1].coops != coops) {
        /* a new count: keep only the previous state */
        if (s->prev >= 0) {
            s->slot[0] = s->slot[s->prev];
            s->prev = 0;
            s->n = 1;
        } else {
            s->n = 0;
        }
    }
    if (s->n == QL_SLOTS) return s->n - 1; /* cannot happen: at most 13 states a count, plus the previous */
    ql_entry *e = &s->slot[s->n];
    *e = (ql_entry){.bits = bits, .len = len, .coops = coops};
    return s->n++;
}

static int ql_move(ql_state *s, const pl_view *v, double learning_rate, double discount_rate)
{
    if (v->turn == 0) {
        s->prev = -1;
        s->prev_action = pl_view_coop_with(v, 0.5);
    }
    int len = v->opp->len < QL_WINDOW ? v->opp->len : QL_WINDOW;
    /* the window as a key (only ever compared whole, with its length): the newest last */
    unsigned bits = len ? (unsigned)pl_hist_last_bits(v->opp, len) : 0;
    int cur = ql_find(s, bits, len, pl_hist_coops(v->opp));
    /* the reward of its last choice: before the first move the other's move is a coin */
    int opp_prev = v->turn == 0 ? pl_view_coop_with(v, 0.5) : pl_view_opp_last(v);
    double reward = pl_view_payoff(v, s->prev_action, opp_prev);
    double *q = s->prev < 0 ? s->start_q : s->slot[s->prev].q;
    double *pv = s->prev < 0 ? &s->start_v : &s->slot[s->prev].v;
    double v_next = s->slot[cur].v;
    q[s->prev_action] = (1.0 - learning_rate) * q[s->prev_action] + learning_rate * (reward + discount_rate * v_next);
    *pv = q[PL_C] >= q[PL_D] ? q[PL_C] : q[PL_D];
    int action;
    if (pl_rng_uniform(v->rng) < 1.0 - 0.1) action = s->slot[cur].q[PL_C] >= s->slot[cur].q[PL_D] ? PL_C : PL_D;
    else action = pl_view_coop_with(v, 0.5);
    s->prev = cur;
    s->prev_action = action;
    return action;
}

#define QLEARNER(ID, LR, DR)                                                  \
    static int ID##_move(void *st, const pl_params *p, const pl_view *v)      \
    {                                                                         \
        (void)p;                                                              \
        return ql_move(st, v, LR, DR);                                        \
    }
/* learning rate, discount rate: Risky 0.9, 0.9; Arrogant 0.9, 0.1; Hesitant 0.1, 0.9;
 * Cautious 0.1, 0.1.  Axelrod-Python, original strategies by Geraint Palmer. */
QLEARNER(risky_qlearner, 0.9, 0.9)
QLEARNER(arrogant_qlearner, 0.9, 0.1)
QLEARNER(hesitant_qlearner, 0.1, 0.9)
QLEARNER(cautious_qlearner, 0.1, 0.1)
#undef QLEARNER

/* ---- Bush–Mosteller ----------------------------------------------------------
 * Plays C with probability c / (c + d); after each move the probability of the action
 * just played moves toward 1 (or 0) by learning_rate x stimulus, the stimulus being
 * (payoff - aspiration) / |max payoff - aspiration|, at least -1.  The aspiration is
 * fixed when the player is made, from the standard game's largest payoff (5) over the
 * divider, as the reference fixes it; payoffs and the largest payoff are the match's.
 * Izquierdo & Izquierdo (2008), Dynamics of the Bush-Mosteller learning algorithm in
 * 2x2 games. */
typedef struct {
    double c, d;
    int ready;
} bush_mosteller_state;

/* The reference divides by c + d: both 0 is refused (as its ZeroDivisionError would). */
static int bush_mosteller_check(const pl_params *p, const pl_game *g, char *why, size_t whylen)
{
    (void)g;
    if (p->num[0] + p->num[1] > 0) return 0;
    snprintf(why, whylen, "c_prob and d_prob are both 0: no probability of cooperating");
    return 1;
}

static int bush_mosteller_move(void *st, const pl_params *p, const pl_view *v)
{
    bush_mosteller_state *s = st;
    if (!s->ready) {
        s->c = p->num[0], s->d = p->num[1];
        s->ready = 1;
    }
    if (v->turn > 0) {
        double R, S, T, P;
        pl_view_rstp(v, &R, &S, &T, &P);
        double best = R;
        if (P > best) best = P;
        if (S > best) best = S;
        if (T > best) best = T;
        double aspiration = fabs(5.0 / p->num[2]);
        double lr = p->num[3];
        double stimulus = (pl_view_payoff(v, pl_view_my_last(v), pl_view_opp_last(v)) - aspiration) /
                          fabs(best - aspiration);
        if (stimulus < -1) stimulus = -1;
        double *x = pl_view_my_last(v) == PL_C ? &s->c : &s->d;
        if (stimulus >= 0) *x += lr * stimulus * (1 - *x);
        else *x += lr * stimulus * *x;
    }
    return pl_view_coop_with(v, s->c / (s->c + s->d));
}

/* ---- Adaptors ----------------------------------------------------------------
 * A state s (0 at the start) moves by a fixed amount after each round, by its outcome;
 * the player cooperates with probability 0.99 while -1 <= s < 1, else 0.01.  Hauert &
 * Stenull (2002), Simple adaptive strategy wins the prisoner's dilemma, J. Theor. Biol. 218. */
typedef struct {
    double s;
} adaptor_state;

static int adaptor_move(adaptor_state *s, const pl_view *v, const double delta[4])
{
    if (v->turn > 0) s->s += delta[2 * pl_view_my_last(v) + pl_view_opp_last(v)];
    /* 0.01 + 0.98 (H(s + 1) - H(s - 1)), H the step with H(0) = 1 (numpy's heaviside(x, 1)) */
    double h1 = s->s + 1 >= 0 ? 1 : 0, h2 = s->s - 1 >= 0 ? 1 : 0;
    return pl_view_coop_with(v, 0.01 + (1.0 - 2 * 0.01) * (h1 - h2));
}
/* after CC, CD, DC, DD: trained on short and on long interactions (Hauert & Stenull 2002) */
static int adaptor_brief_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    static const double delta[4] = {0.0, -1.001505, 0.992107, -0.638734};
    return adaptor_move(st, v, delta);
}
static int adaptor_long_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    static const double delta[4] = {0.0, 1.888159, 1.858883, -0.995703};
    return adaptor_move(st, v, delta);
}

#define REF_QL "Axelrod-Python library, original strategy by Geraint Palmer (Q-learning)"
#define REF_HAUERT "Hauert & Stenull (2002), Simple adaptive strategy wins the prisoner's dilemma, J. Theor. Biol. 218"

const pl_strategy_def pl_family_learners[] = {
    {.id = "risky_qlearner", .name = "Risky QLearner", .axelrod_name = "Risky QLearner", .reference = REF_QL,
     .flags = PL_STOCHASTIC | PL_USES_GAME, .memory_depth = -1, .state_size = sizeof(ql_state),
     .move = risky_qlearner_move},
    {.id = "arrogant_qlearner", .name = "Arrogant QLearner", .axelrod_name = "Arrogant QLearner", .reference = REF_QL,
     .flags = PL_STOCHASTIC | PL_USES_GAME, .memory_depth = -1, .state_size = sizeof(ql_state),
     .move = arrogant_qlearner_move},
    {.id = "hesitant_qlearner", .name = "Hesitant QLearner", .axelrod_name = "Hesitant QLearner", .reference = REF_QL,
     .flags = PL_STOCHASTIC | PL_USES_GAME, .memory_depth = -1, .state_size = sizeof(ql_state),
     .move = hesitant_qlearner_move},
    {.id = "cautious_qlearner", .name = "Cautious QLearner", .axelrod_name = "Cautious QLearner", .reference = REF_QL,
     .flags = PL_STOCHASTIC | PL_USES_GAME, .memory_depth = -1, .state_size = sizeof(ql_state),
     .move = cautious_qlearner_move},
    {.id = "bush_mosteller", .name = "Bush Mosteller", .axelrod_name = "Bush Mosteller: 0.5, 0.5, 3.0, 0.5",
     .reference = "Izquierdo & Izquierdo (2008), Dynamics of the Bush-Mosteller learning algorithm in 2x2 games",
     .flags = PL_STOCHASTIC | PL_USES_GAME, .memory_depth = -1,
     .params = {{.key = "c_prob", .kind = PL_PARAM_REAL, .def = 0.5, .lo = 0, .hi = 1,
                 .help = "initial weight of C (the probability of C is c / (c + d))"},
                {.key = "d_prob", .kind = PL_PARAM_REAL, .def = 0.5, .lo = 0, .hi = 1, .help = "initial weight of D"},
                {.key = "aspiration_level_divider", .kind = PL_PARAM_REAL, .def = 3.0, .lo = 1e-9, .hi = 1e9,
                 .help = "the aspiration is the standard game's largest payoff (5) over this"},
                {.key = "learning_rate", .kind = PL_PARAM_REAL, .def = 0.5, .lo = 0, .hi = 1,
                 .help = "how far each stimulus moves the weight of the action played"}},
     .state_size = sizeof(bush_mosteller_state), .move = bush_mosteller_move, .check_game = bush_mosteller_check},
    {.id = "adaptor_brief", .name = "AdaptorBrief", .axelrod_name = "AdaptorBrief", .reference = REF_HAUERT,
     .flags = PL_STOCHASTIC, .memory_depth = -1, .state_size = sizeof(adaptor_state), .move = adaptor_brief_move},
    {.id = "adaptor_long", .name = "AdaptorLong", .axelrod_name = "AdaptorLong", .reference = REF_HAUERT,
     .flags = PL_STOCHASTIC, .memory_depth = -1, .state_size = sizeof(adaptor_state), .move = adaptor_long_move},
    {0}
};
