/* SPDX-License-Identifier: MIT */
/* parley/tournament.h — round-robin tournaments of two-party strategies.
 *
 * Every pair of players (with self-play unless turned off) plays `repetitions`
 * matches.  Results are the metrics Axelrod-Python users know: normalised
 * scores (score per turn, averaged over opponents) per repetition and their
 * ranking by median, wins, the payoff matrix, cooperation rates and the
 * distribution of joint outcomes.  Memory does not grow with turns x matches:
 * each match is folded into the aggregates as soon as it is played, and in a
 * fixed order, so the same seed gives byte-identical results for any number of
 * threads. */
#ifndef PARLEY_TOURNAMENT_H
#define PARLEY_TOURNAMENT_H

#include <stddef.h>
#include <stdint.h>
#include "parley/error.h"
#include "parley/game.h"
#include "parley/strategy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_tournament_config {
    int turns;          /* fixed length, or the cap with prob_end */
    int repetitions;    /* >= 1 */
    double noise;       /* probability each action is flipped */
    double prob_end;    /* probabilistic ending; 0 = fixed length */
    const pl_game *game;/* NULL: standard prisoner's dilemma */
    uint64_t seed;
    int threads;        /* >= 1 */
    int self_play;      /* include each player against a copy of itself (default 1, as Axelrod-Python) */
    /* Called as matches finish (from any thread, serialised), done <= total, in matches. */
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
} pl_tournament_config;

void pl_tournament_config_default(pl_tournament_config *cfg);

typedef struct pl_tournament_result pl_tournament_result; /* opaque */

/* Plays the tournament.  players are borrowed for the duration of the call. */
int pl_tournament_run(const pl_strategy *const *players, size_t n, const pl_tournament_config *cfg,
                      pl_tournament_result **out, pl_error *err);
void pl_tournament_result_free(pl_tournament_result *r);

size_t pl_tournament_result_players(const pl_tournament_result *r);
int pl_tournament_result_repetitions(const pl_tournament_result *r);
const char *pl_tournament_result_name(const pl_tournament_result *r, size_t player);
/* Player indices from best to worst: by median normalised score, ties by mean, then by index. */
const size_t *pl_tournament_result_ranking(const pl_tournament_result *r);
/* Normalised score of a player in a repetition: its per-turn score averaged over its opponents
 * (self-play excluded). */
double pl_tournament_result_normalised(const pl_tournament_result *r, size_t player, int rep);
double pl_tournament_result_median(const pl_tournament_result *r, size_t player);
double pl_tournament_result_mean(const pl_tournament_result *r, size_t player);
double pl_tournament_result_stddev(const pl_tournament_result *r, size_t player);
/* Matches won (strictly higher score) in a repetition, self-play excluded. */
int pl_tournament_result_wins(const pl_tournament_result *r, size_t player, int rep);
/* Mean per-turn payoff of player i against j over the repetitions, and its standard deviation. */
double pl_tournament_result_payoff(const pl_tournament_result *r, size_t i, size_t j);
double pl_tournament_result_payoff_stddev(const pl_tournament_result *r, size_t i, size_t j);
/* Share of a player's moves that were C, over all its matches (self-play included). */
double pl_tournament_result_cooperation(const pl_tournament_result *r, size_t player);
/* Share of turns with joint outcome CC, CD, DC, DD from the player's side (out[4]), and the
 * probability of cooperating after each of them (out_next_c[4], NAN if the outcome never occurred
 * before a further turn); initial cooperation rate in *initial_c. */
void pl_tournament_result_outcomes(const pl_tournament_result *r, size_t player, double out[4],
                                   double out_next_c[4], double *initial_c);
/* Matches played and turns played in all. */
uint64_t pl_tournament_result_matches(const pl_tournament_result *r);
uint64_t pl_tournament_result_turns(const pl_tournament_result *r);
/* Turns actually simulated: a pair whose first match drew nothing from its random stream (two
 * deterministic strategies without noise or a random length, among others) is played once and reused. */
uint64_t pl_tournament_result_turns_computed(const pl_tournament_result *r);

#ifdef __cplusplus
}
#endif
#endif
