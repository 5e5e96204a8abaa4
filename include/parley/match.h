/* SPDX-License-Identifier: MIT */
/* parley/match.h — a repeated two-party game.
 *
 * Each turn both strategies choose at once from what they have seen; noise then
 * flips each chosen action with probability `noise`, and both histories record
 * the flipped actions (as Axelrod-Python does).  A match ends after `turns`
 * turns, or, with prob_end > 0, after a length drawn from the geometric law with
 * that parameter, capped by `turns` when turns > 0.  Strategies are told the
 * length only when it is fixed, as in the reference library. */
#ifndef PARLEY_MATCH_H
#define PARLEY_MATCH_H

#include "parley/common.h"

#include <stdint.h>
#include "parley/error.h"
#include "parley/game.h"
#include "parley/strategy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_match_config {
    int turns;        /* fixed length, or the cap with prob_end; 0 = none (needs prob_end) */
    double prob_end;  /* per-turn probability the match ends after it; 0 = fixed length */
    double noise;     /* probability each action is flipped */
    const pl_game *game; /* NULL: the standard prisoner's dilemma */
    uint64_t seed;    /* with the two stream coordinates, fixes every random draw */
    uint64_t stream_a, stream_b;
} pl_match_config;

/* A sensible default: 200 turns, no noise, standard game, seed 0. */
PL_EXTERN void pl_match_config_default(pl_match_config *cfg);

typedef struct pl_match_result pl_match_result; /* opaque */

/* Plays a match and keeps its whole history. */
PL_EXTERN int pl_match_play(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg,
                            pl_match_result **out, pl_error *err);
PL_EXTERN void pl_match_result_free(pl_match_result *r);

PL_EXTERN int pl_match_result_turns(const pl_match_result *r);
/* The action (PL_C or PL_D) party 0 (A) or 1 (B) played at turn t (0-based). */
PL_EXTERN int pl_match_result_action(const pl_match_result *r, int party, int t);
PL_EXTERN double pl_match_result_score(const pl_match_result *r, int party);
/* Writes the actions of a party as a NUL-terminated string of C and D into buf (turns+1 bytes). */
PL_EXTERN void pl_match_result_actions(const pl_match_result *r, int party, char *buf);

/* ---- expected values: two memory-one players as a Markov chain --------------------
 * Where both players are memory-one tables (TFT, GTFT, WSLS, the zero-determinant players,
 * Memory One, ...), the chance of each outcome of a turn (CC, CD, DC, DD) follows from the
 * last one's, noise included, so the expected scores of a match, over all its random draws,
 * can be computed instead of sampled: 16 multiply-adds a turn.  This is an expectation, not a
 * match, so it is asked for explicitly (`parley match --expected`). */
typedef struct pl_match_expectation {
    double turns;           /* the expected length (turns, or the mean capped length with prob_end) */
    double score[2];        /* the expected total score of A (0) and B (1) */
    double cooperations[2]; /* the expected number of turns each played C (after noise) */
} pl_match_expectation;

/* Fills *out for a against b under cfg (seed and streams play no part).  PL_EINVAL, naming the
 * player, when one is not a memory-one table with its parameters in cfg's game. */
PL_EXTERN int pl_match_expected(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg,
                                pl_match_expectation *out, pl_error *err);

/* ---- stepping a match one turn at a time ----------------------------------------
 * A stepper plays the same match as pl_match_play, but party A's move comes from
 * the caller each turn (a person at a terminal, another program) while party B
 * is a strategy of the registry.  Each turn draws from the match's stream in the
 * same order as pl_match_play: B's move, A's noise flip, B's noise flip (A's
 * move, given, draws nothing).  So stepping with the actions a strategy would
 * choose gives exactly the match pl_match_play gives for that strategy. */
typedef struct pl_match_stepper pl_match_stepper; /* opaque */

/* A match against `opponent` (copied: the caller keeps its own) with cfg as for
 * pl_match_play.  The length is fixed at creation (drawn first when prob_end > 0). */
PL_EXTERN int pl_match_stepper_create(pl_match_stepper **out, const pl_strategy *opponent, const pl_match_config *cfg,
                                      pl_error *err);
PL_EXTERN void pl_match_stepper_free(pl_match_stepper *st);

/* Plays one turn: A chooses my_action (PL_C or PL_D); noise may flip it.  *their_action
 * (if non-NULL) gets B's action as played, after noise.  PL_EINVAL once the match is
 * over or for an action other than PL_C or PL_D. */
PL_EXTERN int pl_match_stepper_step(pl_match_stepper *st, int my_action, int *their_action, pl_error *err);

PL_EXTERN int pl_match_stepper_turn(const pl_match_stepper *st);   /* turns played so far */
PL_EXTERN int pl_match_stepper_length(const pl_match_stepper *st); /* turns the match will last */
/* 0 when the match has a probabilistic end: the strategies are not told its length
 * (a front end should not show it either). */
PL_EXTERN int pl_match_stepper_length_known(const pl_match_stepper *st);
PL_EXTERN int pl_match_stepper_done(const pl_match_stepper *st);   /* 1 once every turn is played */
PL_EXTERN double pl_match_stepper_score(const pl_match_stepper *st, int party); /* 0: A, 1: B */
PL_EXTERN int pl_match_stepper_cooperations(const pl_match_stepper *st, int party);
/* The action party played at turn t < turn() (after noise), and 1 if noise flipped it. */
PL_EXTERN int pl_match_stepper_action(const pl_match_stepper *st, int party, int t);
PL_EXTERN int pl_match_stepper_flipped(const pl_match_stepper *st, int party, int t);
/* The actions of a party so far as a NUL-terminated string of C and D (turn()+1 bytes). */
PL_EXTERN void pl_match_stepper_actions(const pl_match_stepper *st, int party, char *buf);
PL_EXTERN const pl_strategy *pl_match_stepper_opponent(const pl_match_stepper *st);
PL_EXTERN const pl_game *pl_match_stepper_game(const pl_match_stepper *st);

#ifdef __cplusplus
}
#endif
#endif
