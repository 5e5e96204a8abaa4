/* SPDX-License-Identifier: MIT */
/* parley/nparty.h — repeated games among N parties.
 *
 * A stage game (pl_ngame) gives every party an action set and a payoff at each
 * joint action.  Built in: the N-player prisoner's dilemma, the public goods
 * game, the volunteer's dilemma, a general payoff table over joint actions with
 * any number of actions per party, and the pairwise game in which each party
 * acts toward each other party separately.  Parties may differ (asymmetric
 * payoffs, different action sets).
 *
 * Each action is cooperative or not (by default only action 0 is); what the
 * parties observe of each other is that classification, C or D, with optional
 * observation noise and delay.  A player (pl_nplayer) is an N-party strategy
 * ("ttft:k=3", "targeted", "grim", ...) or any two-party strategy of the
 * registry lifted to play against an aggregate opponent: the parties it
 * watches, or a bloc of them, counted as one that defects when at least k of
 * them did.  With N = 2 a lifted strategy plays exactly as in pl_match_play:
 * same draws in the same order, same actions, same scores.
 *
 * Random draws each turn, in this order: each party's move (seat order), each
 * party's action noise, then each observer's observation noise (observer, then
 * observed party).  A probabilistic end is the first draw of the stream. */
#ifndef PARLEY_NPARTY_H
#define PARLEY_NPARTY_H

#include "parley/common.h"

#include <stddef.h>
#include <stdint.h>
#include "parley/error.h"
#include "parley/game.h"
#include "parley/strategy.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PL_NPARTY_MAX 16   /* parties in one game */
#define PL_NPARTY_MAX_ACTIONS 16

/* ---- stage games -------------------------------------------------------- */

typedef struct pl_ngame pl_ngame; /* opaque */

typedef enum pl_ngame_kind {
    PL_NGAME_PD,           /* N-player prisoner's dilemma, linear in the share of others cooperating */
    PL_NGAME_PUBLIC_GOODS, /* each cooperator pays a cost and makes a benefit shared by all */
    PL_NGAME_VOLUNTEER,    /* all gain if at least `threshold` volunteer; volunteers pay */
    PL_NGAME_TABLE,        /* a payoff for each party at each joint action */
    PL_NGAME_PAIRWISE      /* every pair plays a 2x2 game; each party acts toward each other */
} pl_ngame_kind;

/* N-player prisoner's dilemma: with s the share of the others who cooperate, a
 * cooperator gets S + (R-S)s and a defector P + (T-P)s.  With N = 2 this is the
 * two-party game R,S,T,P exactly; with T > R > P > S defection dominates. */
PL_EXTERN int pl_ngame_create_pd(pl_ngame **out, int n, double R, double S, double T, double P, pl_error *err);
/* Public goods: with k cooperators (self included), payoff benefit*k/n - cost*[self cooperates]. */
PL_EXTERN int pl_ngame_create_public_goods(pl_ngame **out, int n, double cost, double benefit, pl_error *err);
/* Volunteer's dilemma: every party gets benefit if at least threshold parties volunteer
 * (action 0, C); each volunteer pays cost. */
PL_EXTERN int pl_ngame_create_volunteer(pl_ngame **out, int n, double cost, double benefit, int threshold, pl_error *err);
/* General table: n_actions[i] actions for party i; payoffs[idx * n + i] is party i's payoff
 * at the joint action whose index is a[0] + n_actions[0] * (a[1] + n_actions[1] * (...)). */
PL_EXTERN int pl_ngame_create_table(pl_ngame **out, int n, const int *n_actions, const double *payoffs, pl_error *err);
/* Pairwise: each of the n(n-1)/2 pairs plays the 2x2 game g; a party's payoff is its sum. */
PL_EXTERN int pl_ngame_create_pairwise(pl_ngame **out, int n, const pl_game *g, pl_error *err);
PL_EXTERN pl_ngame *pl_ngame_clone(const pl_ngame *g);
PL_EXTERN void pl_ngame_free(pl_ngame *g);

/* Asymmetric parties: party i's own R,S,T,P (PD kind) or cost and benefit (public goods,
 * volunteer's dilemma). */
PL_EXTERN int pl_ngame_set_party_pd(pl_ngame *g, int party, double R, double S, double T, double P, pl_error *err);
PL_EXTERN int pl_ngame_set_party_cost_benefit(pl_ngame *g, int party, double cost, double benefit, pl_error *err);
/* Marks an action of a party as cooperative (1) or not (0). */
PL_EXTERN int pl_ngame_set_cooperative(pl_ngame *g, int party, int action, int cooperative, pl_error *err);

PL_EXTERN pl_ngame_kind pl_ngame_get_kind(const pl_ngame *g);
PL_EXTERN int pl_ngame_parties(const pl_ngame *g);
PL_EXTERN int pl_ngame_actions(const pl_ngame *g, int party);
PL_EXTERN int pl_ngame_is_cooperative(const pl_ngame *g, int party, int action);
/* The payoff of every party (out[n]) at a joint action (one action per party; not for pairwise). */
PL_EXTERN void pl_ngame_payoffs(const pl_ngame *g, const int *actions, double *out);
/* Pure Nash equilibria of a one-action-per-party game by checking every unilateral deviation
 * at every joint action.  *count gets their number; first (n ints, may be NULL) the first found.
 * PL_EINVAL for pairwise games or more than 2^22 joint actions. */
PL_EXTERN int pl_ngame_pure_nash(const pl_ngame *g, long *count, int *first, pl_error *err);
PL_EXTERN const char *pl_ngame_name(const pl_ngame *g);

/* ---- players ------------------------------------------------------------ */

typedef struct pl_nplayer pl_nplayer; /* opaque */

/* An N-party strategy by id with parameters ("ttft:k=2"), or a two-party strategy of the
 * registry ("tft", "gtft:p=0.1", an Axelrod name) lifted to play against an aggregate.
 * A suffix "@K", "@any", "@all" or "@majority" sets how many watched parties (or blocs)
 * must defect for the aggregate opponent of a lifted strategy to count as defecting
 * (default any). */
PL_EXTERN int pl_nplayer_create(pl_nplayer **out, const char *spec, pl_error *err);
PL_EXTERN pl_nplayer *pl_nplayer_clone(const pl_nplayer *p);
PL_EXTERN void pl_nplayer_free(pl_nplayer *p);
PL_EXTERN const char *pl_nplayer_label(const pl_nplayer *p);
PL_EXTERN int pl_nplayer_is_lifted(const pl_nplayer *p);
PL_EXTERN int pl_nplayer_is_stochastic(const pl_nplayer *p);

/* Whom the player reacts to.  Without any call, every other party, each on its own.
 * pl_nplayer_watch adds one unit: a single party (mask with one bit) or a bloc (several
 * bits) that counts as defecting when at least k of its members did (k = 0: all of them). */
PL_EXTERN int pl_nplayer_watch(pl_nplayer *p, uint32_t party_mask, int k, pl_error *err);
/* Aggregation rule of a lifted strategy: the aggregate defects if >= k units defected
 * (k = 0: all units; -1: a strict majority). */
PL_EXTERN void pl_nplayer_set_aggregate(pl_nplayer *p, int k);

/* The N-party strategies (not the lifted ones): id, name, reference, parameters with their defaults
 * as one line ("k=0: watched units needed (0 = all)") and one by one; borrowed pointers, valid for
 * the process.  As pl_strategy_count / pl_strategy_info_at; pl_nstrategy_info_at is NULL past the end. */
typedef struct pl_nstrategy_info {
    const char *id, *name, *reference, *params_help;
    int stochastic;
    int n_params;
    const pl_param_info *params;
} pl_nstrategy_info;
PL_EXTERN size_t pl_nstrategy_count(void);
PL_EXTERN const pl_nstrategy_info *pl_nstrategy_info_at(size_t i);

/* ---- matches ------------------------------------------------------------ */

typedef struct pl_nmatch_config {
    int turns;         /* fixed length, or the cap with prob_end */
    double prob_end;   /* per-turn probability of ending; 0 = fixed length */
    double noise;      /* probability each action is replaced by another (flipped for C/D) */
    double obs_noise;  /* probability an observer sees another's C as D or D as C */
    int obs_delay;     /* an observer sees turn t's actions at turn t + delay (before: C) */
    int shock_party;   /* -1: none; else this party is made to defect at shock_turn */
    int shock_turn;
    /* Forced actions (a prelude such as a historical record, or a replay): forced[t * n + i]
     * is party i's action at turn t < forced_turns, or -1 to let its strategy choose.
     * Strategies still choose (and draw) on forced turns; their choice is overridden. */
    const int *forced;
    int forced_turns;
    uint64_t seed, stream_a, stream_b;
} pl_nmatch_config;

PL_EXTERN void pl_nmatch_config_default(pl_nmatch_config *cfg); /* 200 turns, no noise, no shock */

typedef struct pl_nmatch_result pl_nmatch_result; /* opaque */

/* Plays one match: players[i] takes seat i of the game (n = pl_ngame_parties(g)). */
PL_EXTERN int pl_nmatch_play(const pl_ngame *g, pl_nplayer *const *players, const pl_nmatch_config *cfg,
                             pl_nmatch_result **out, pl_error *err);
PL_EXTERN void pl_nmatch_result_free(pl_nmatch_result *r);
PL_EXTERN int pl_nmatch_result_turns(const pl_nmatch_result *r);
PL_EXTERN int pl_nmatch_result_parties(const pl_nmatch_result *r);
/* Party i's action at turn t (pairwise games: 1 if it defected toward anyone). */
PL_EXTERN int pl_nmatch_result_action(const pl_nmatch_result *r, int party, int t);
/* Pairwise games: party i's action toward party j at turn t. */
PL_EXTERN int pl_nmatch_result_action_toward(const pl_nmatch_result *r, int party, int toward, int t);
/* 1 if party i's action at turn t was cooperative (pairwise: toward everyone). */
PL_EXTERN int pl_nmatch_result_cooperated(const pl_nmatch_result *r, int party, int t);
PL_EXTERN double pl_nmatch_result_score(const pl_nmatch_result *r, int party);
/* Party i's actions as a string (turns + 1 bytes): C/D for two-action games, else digits. */
PL_EXTERN void pl_nmatch_result_actions(const pl_nmatch_result *r, int party, char *buf);
/* What party i's strategy chose at turn t before noise, shocks and forced actions. */
PL_EXTERN int pl_nmatch_result_intent(const pl_nmatch_result *r, int party, int t);

/* ---- stepping a match one turn at a time ------------------------------------
 * A stepper plays the same match as pl_nmatch_play, turn by turn, with one seat's
 * move given by the caller each turn (a person at a terminal).  The seat's own
 * player still chooses first, drawing from the stream as it would, and its choice
 * is then replaced by the given one, before noise, shocks and forced actions, as
 * for every party.  So the draws of a turn come in the same order whatever the
 * caller plays, and stepping with the actions the seat's player chose
 * (pl_nmatch_result_intent) gives exactly the match pl_nmatch_play gives. */
typedef struct pl_nmatch_stepper pl_nmatch_stepper; /* opaque */

/* The game, the players and the forced actions are copied: the caller keeps its own.
 * seat is the caller's party (0..n-1).  The length is fixed at creation.  Not for pairwise
 * games (PL_EINVAL): there a party's move is one action toward each other party. */
PL_EXTERN int pl_nmatch_stepper_create(pl_nmatch_stepper **out, const pl_ngame *g, pl_nplayer *const *players,
                                       const pl_nmatch_config *cfg, int seat, pl_error *err);
PL_EXTERN void pl_nmatch_stepper_free(pl_nmatch_stepper *st);
/* Plays one turn with the seat playing `action` (one of its actions), or, with -1, what
 * its own player chooses.  PL_EINVAL once the match is over or for an action out of range. */
PL_EXTERN int pl_nmatch_stepper_step(pl_nmatch_stepper *st, int action, pl_error *err);
PL_EXTERN int pl_nmatch_stepper_seat(const pl_nmatch_stepper *st);
PL_EXTERN int pl_nmatch_stepper_turn(const pl_nmatch_stepper *st);    /* turns played so far */
PL_EXTERN int pl_nmatch_stepper_length(const pl_nmatch_stepper *st);  /* turns the match will last */
PL_EXTERN int pl_nmatch_stepper_done(const pl_nmatch_stepper *st);
/* The action forced on party i at turn t (a record, an opening), or -1. */
PL_EXTERN int pl_nmatch_stepper_forced(const pl_nmatch_stepper *st, int party, int t);
/* Party i at turn t < turn(): its action as played, what was chosen (before noise and
 * forcing), its payoff that turn, and 1 if the action was cooperative. */
PL_EXTERN int pl_nmatch_stepper_action(const pl_nmatch_stepper *st, int party, int t);
PL_EXTERN int pl_nmatch_stepper_intent(const pl_nmatch_stepper *st, int party, int t);
PL_EXTERN double pl_nmatch_stepper_payoff(const pl_nmatch_stepper *st, int party, int t);
PL_EXTERN int pl_nmatch_stepper_cooperated(const pl_nmatch_stepper *st, int party, int t);
PL_EXTERN double pl_nmatch_stepper_score(const pl_nmatch_stepper *st, int party); /* total so far */
PL_EXTERN const pl_ngame *pl_nmatch_stepper_game(const pl_nmatch_stepper *st);

/* ---- tournaments --------------------------------------------------------- */

typedef struct pl_ntournament_config {
    int group_size;     /* N */
    int repetitions;
    uint64_t max_groups; /* 0: every group (multiset of size N); else a seeded sample of this many */
    int threads;        /* >= 1; results do not depend on it */
    pl_nmatch_config match; /* turns, noise, ...; its seed is the tournament's */
} pl_ntournament_config;
/* Groups of 2, one repetition, every group, one thread, the default match (pl_nmatch_config_default). */
PL_EXTERN void pl_ntournament_config_default(pl_ntournament_config *cfg);

typedef struct pl_ntournament_result pl_ntournament_result; /* opaque */

/* Plays every group of size N drawn (with repetition) from the players, each group
 * `repetitions` times, in the game g (which must have group_size parties).  Group k,
 * repetition r uses stream (seed, k, r). */
PL_EXTERN int pl_ntournament_run(const pl_ngame *g, pl_nplayer *const *players, size_t n_players,
                                 const pl_ntournament_config *cfg, pl_ntournament_result **out, pl_error *err);
PL_EXTERN void pl_ntournament_result_free(pl_ntournament_result *r);

typedef struct pl_ntournament_row {
    int player;           /* index into the players given */
    int rank;             /* 1 = best mean score per turn */
    long seats;           /* seats it held, summed over its groups (two copies in a group: two); each
                           * seat played `repetitions` matches */
    double mean_score;    /* per turn, over every seat played */
    double median_score;  /* per turn, median over groups */
    double sd_score;      /* per turn, standard deviation over groups */
    double cooperation;   /* share of its actions that were cooperative */
    double wins;          /* share of its matches in which it had the (shared) top score */
    double group_cooperation; /* share of cooperative actions of everyone in its groups */
} pl_ntournament_row;

PL_EXTERN long pl_ntournament_result_groups(const pl_ntournament_result *r);
PL_EXTERN int pl_ntournament_result_players(const pl_ntournament_result *r);
/* Row of rank i (0-based): ranked by mean score per turn, ties by player index. */
PL_EXTERN const pl_ntournament_row *pl_ntournament_result_row(const pl_ntournament_result *r, int i);
/* The players of group k (n ints) and the mean score per turn of each seat. */
PL_EXTERN void pl_ntournament_result_group(const pl_ntournament_result *r, long k, int *players, double *scores);

#ifdef __cplusplus
}
#endif
#endif
