// SPDX-License-Identifier: MIT
/* strategy_def.h — how a strategy is written.
 *
 * A strategy is a small state machine behind one function table: `init` sets
 * up its state at the start of a match, `move` returns its next action (PL_C or
 * PL_D) from what it sees.  State is a fixed-size struct owned by the engine
 * (zeroed before `init`), so playing a match allocates nothing.  A strategy
 * that needs more than its state derives it from the histories in the view.
 * Random draws come only from v->rng, the match's own stream.
 *
 * Each family file (classic.c, axelrod_first.c, ...) defines
 *     const pl_strategy_def pl_family_NAME[] = { {...}, ..., {0} };
 * and families.def lists the families; nothing else needs touching. */
#ifndef PL_STRATEGY_DEF_H
#define PL_STRATEGY_DEF_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parley/game.h"
#include "parley/rng.h"
#include "parley/strategy.h"
#include "core/history.h"
#include "strategies/automaton.h"

/* What a strategy sees when it chooses. */
typedef struct pl_view {
    int turn;               /* turns already played: 0 on the first move */
    int length;             /* the match length, or -1 when it is not known */
    const pl_history *me;   /* own actions (after noise) and score */
    const pl_history *opp;  /* the opponent's */
    const pl_game *game;
    int side;               /* 0: this party is the row party of game, 1: column */
    pl_rng *rng;            /* the match's stream: the only source of randomness */
} pl_view;

/* Parameter values, in the order of the definition's params[]. */
typedef struct pl_params {
    double num[PL_MAX_PARAMS];
    char text[PL_MAX_PARAMS][PL_PARAM_TEXT_MAX];
} pl_params;

enum {
    PL_STOCHASTIC = 1u << 0,
    PL_USES_LENGTH = 1u << 1,
    PL_USES_GAME = 1u << 2,
    PL_LONG_RUN_TIME = 1u << 3, /* slow to play, as the reference classifies it (Meta players, DBS) */
    PL_META = 1u << 4,          /* a Meta player (a subclass of the reference's MetaPlayer): never in a team */
    /* the reference's classifiers of a player outside the rules (obey_axelrod false): never in a team */
    PL_INSPECTS_SOURCE = 1u << 5,
    PL_MANIPULATES_SOURCE = 1u << 6,
    PL_MANIPULATES_STATE = 1u << 7
};

typedef struct pl_strategy_def {
    const char *id;
    const char *name;
    const char *axelrod_name; /* with default parameters, exactly as Axelrod-Python 4.13 shows it; NULL if none */
    const char *reference;
    unsigned flags;
    int memory_depth;         /* -1: unbounded */
    pl_param_info params[PL_MAX_PARAMS]; /* ends at the first with key == NULL */
    size_t state_size;
    void (*init)(void *state, const pl_params *p); /* NULL: zeroed state is the start */
    int (*move)(void *state, const pl_params *p, const pl_view *v);
    /* Optional: 1 if these parameter values make the strategy draw random numbers.
     * NULL: the PL_STOCHASTIC flag decides. */
    int (*is_stochastic)(const pl_params *p);
    /* Optional: the memory depth with these parameter values (-1: unbounded), where the
     * reference reclassifies by parameters (Cycler: the cycle's length - 1).  NULL: memory_depth. */
    int (*memory_depth_of)(const pl_params *p);
    /* Optional: 0 if these parameters can be played in game g (the row party's view), else
     * nonzero with a sentence in why.  Checked against the standard game when the strategy is
     * created and against the match's game when a match starts, as Axelrod-Python does. */
    int (*check_game)(const pl_params *p, const pl_game *g, char *why, size_t whylen);
    /* The Axelrod-Python class name (TitForTat), accepted as a name; NULL if none. */
    const char *class_name;
    /* Optional: zero only the first state_clear bytes before init, for a state whose tail
     * is a large buffer that every move writes before any move reads it (Meta Hunter's
     * 128 kB ring of proposals): zeroing it cost more than most matches.  0: all of it. */
    size_t state_clear;
    /* Optional: gives back what init took beyond the state (a Meta player's team, whose
     * states and histories grow with the match).  An engine calls it once for every init,
     * before the state's slot is zeroed for the next strategy and when the slot is freed.
     * NULL: init takes nothing (the rule for every strategy but those made of others). */
    void (*release)(void *state);
    /* With release: nonzero once the strategy could not get its memory (at init or while the
     * match grows); it then plays on without it (C) and the engine fails the match with
     * PL_ENOMEM when the match ends.  NULL: it never fails. */
    int (*failed)(const void *state);
    /* Optional: the strategy as a memory-one table, where these parameters in game g (as party
     * `side` sees it) make it one: prob[0] is the probability of cooperating on the first turn,
     * prob[1 + 2 * own + other's] after the last turn's actions (C = 0, D = 1, as played, after
     * noise).  Each probability is drawn as pl_view_coop_with draws it (nothing at 0 or 1), so
     * the engine's table loop (twoparty/match.c) plays the very matches `move` plays, draw for
     * draw.  Returns 1 when prob is filled, 0 when these parameters are not a table. */
    int (*memory_one)(const pl_params *p, const pl_game *g, int side, double prob[5]);
    /* Optional: the strategy as a finite automaton (strategies/automaton.h), in any game and
     * from either side, where these parameters make it one.  Each state's chance is drawn as
     * pl_view_coop_with draws it (nothing at 0 or 1) and the next state follows the actions as
     * played (after noise), so the engine's automaton loop (twoparty/match.c) plays the very
     * matches `move` plays, draw for draw.  Returns 1 when a is filled, 0 when it cannot be
     * (more than PL_AUTOMATON_MAX states). */
    int (*automaton)(const pl_params *p, struct pl_automaton *a);
    /* Optional, for a strategy that has no `automaton` but is one for a match of known length (it
     * reads the length, PL_USES_LENGTH, or its moves follow the turn without a period): the
     * strategy as a finite automaton (as above) for a match of exactly `length` turns, known to it
     * (pl_view.length == length), its states counting the turns.  The engine asks for it only
     * for a match of fixed length (no probabilistic end) and plays it for that many turns; after
     * the last turn its next state is any of its states.  Returns 1 when a is filled, 0 when it
     * cannot be (more than PL_AUTOMATON_MAX states). */
    int (*automaton_length)(const pl_params *p, int length, struct pl_automaton *a);
} pl_strategy_def;

/* 1 if the strategy in this state ran out of memory during its match (pl_strategy_def.failed). */
static inline int pl_strategy_def_failed(const pl_strategy_def *d, const void *state)
{
    return d->failed && d->failed(state);
}

/* Fills a memory-one table (first move, then after CC, CD, DC, DD, own action first); returns 1. */
static inline int pl_table_fill(double prob[5], double first, double cc, double cd, double dc, double dd)
{
    prob[0] = first;
    prob[1] = cc;
    prob[2] = cd;
    prob[3] = dc;
    prob[4] = dd;
    return 1;
}

/* The memory-one table of a strategy with these parameters in game g from `side`, as the cuts
 * (pl_rng_cut) of its five probabilities (first turn; after CC, CD, DC, DD, own action first):
 * 1 when filled, 0 when it is not one (no hook, the hook declines, or a NaN: pl_view_coop_with
 * draws and defects on NaN, which no cut says).  For the engines that play tables without a
 * call a turn (twoparty/match.c, the Meta players' teams). */
static inline int pl_strategy_def_table_cuts(const pl_strategy_def *d, const pl_params *p, const pl_game *g, int side,
                                             uint64_t cut[5])
{
    double prob[5];
    if (!d->memory_one || !d->memory_one(p, g, side, prob)) return 0;
    for (int k = 0; k < 5; k++) {
        if (isnan(prob[k])) return 0;
        cut[k] = pl_rng_cut(prob[k]);
    }
    return 1;
}

/* The bytes of a strategy's state an engine zeroes before init (at least one). */
static inline size_t pl_strategy_def_clear_size(const pl_strategy_def *d)
{
    size_t n = d->state_clear ? d->state_clear : d->state_size;
    return n ? n : 1;
}

/* The bytes of a strategy's state slot: its state, and at least what an engine zeroes. */
static inline size_t pl_strategy_def_state_bytes(const pl_strategy_def *d)
{
    size_t clear = pl_strategy_def_clear_size(d);
    return clear > d->state_size ? clear : d->state_size;
}

/* Payoff to the viewing party when it plays `mine` and the opponent `theirs`. */
static inline double pl_view_payoff(const pl_view *v, int mine, int theirs)
{
    return v->side == 0 ? v->game->payoff[mine][theirs][0] : v->game->payoff[theirs][mine][1];
}
/* Payoff the opponent gets when the viewing party plays `mine` and the opponent `theirs`. */
static inline double pl_view_opp_payoff(const pl_view *v, int mine, int theirs)
{
    return v->side == 0 ? v->game->payoff[mine][theirs][1] : v->game->payoff[theirs][mine][0];
}
/* R, S, T, P of the game as the viewing party sees it. */
static inline void pl_view_rstp(const pl_view *v, double *R, double *S, double *T, double *P)
{
    *R = pl_view_payoff(v, PL_C, PL_C);
    *S = pl_view_payoff(v, PL_C, PL_D);
    *T = pl_view_payoff(v, PL_D, PL_C);
    *P = pl_view_payoff(v, PL_D, PL_D);
}

/* The opponent's and this party's action on the previous turn (as played, after noise);
 * only meaningful once v->turn > 0. */
static inline int pl_view_opp_last(const pl_view *v) { return pl_hist_ago(v->opp, 1); }
static inline int pl_view_my_last(const pl_view *v) { return pl_hist_ago(v->me, 1); }

/* This party's last action (bit 1) and the opponent's (bit 0), as played: both histories hold
 * v->turn turns, so the two bits are read at one position (one index, one shift) rather than
 * each from its own length.  Only meaningful once v->turn > 0. */
static inline unsigned pl_view_last_pair(const pl_view *v)
{
    unsigned t = (unsigned)v->turn - 1, b = t & 63;
    return (unsigned)(v->me->w[t >> 6] >> b & 1u) << 1 | (unsigned)(v->opp->w[t >> 6] >> b & 1u);
}

/* Tit for tat's reply: the opponent's last action, C on the first move. */
static inline int pl_view_tft_reply(const pl_view *v) { return v->opp->len ? pl_hist_ago(v->opp, 1) : PL_C; }

/* Cooperates with probability p: one draw from the match's stream (p outside (0,1) draws nothing). */
static inline int pl_view_coop_with(const pl_view *v, double p) { return pl_rng_bernoulli(v->rng, p) ? PL_C : PL_D; }

/* 1 when the match length is known and this turn is one of its last n (this one included):
 * Axelrod-Python's final transformer, which defects there whatever the rule chose.  When the
 * length is unknown a strategy plays as if the match never ends. */
static inline int pl_view_in_last(const pl_view *v, int n)
{
    return v->length >= 0 && v->turn < v->length && v->length - v->turn <= n;
}

/* Plays the action of a C/D string at position i (wrapping): for cycles and opening sequences. */
static inline int pl_actions_at(const char *s, int i)
{
    size_t n = strlen(s);
    return n == 0 ? PL_C : (s[(size_t)i % n] == 'D' ? PL_D : PL_C);
}

#endif
