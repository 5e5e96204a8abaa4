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

#include "parley/common.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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
    /* A spatial tournament (the reference's Tournament(edges=...)): only these pairs play,
     * edges[2k] against edges[2k + 1] (player indices; (i, i) is a player against its copy),
     * each pair once; self_play is then ignored.  NULL: the round robin.  Normalised scores
     * average over the opponents met (0 for a player with none, as the reference). */
    const size_t *edges;
    size_t n_edges;
    /* Called as matches finish (from any thread, serialised), done <= total, in matches. */
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
    /* 1 (the default, pl_tournament_config_default; since 2026-12-04, issue 17): pairs of
     * memory-one players (TFT, GTFT, WSLS, the zero-determinant players, ...), and pairs of
     * automata (finite-state machines, lookup tables, gamblers, cycles, ...; a memory-one player
     * against one) that draw, with a fixed length and integer payoffs, play 64 repetitions at once
     * from one stream a batch: each match has the same chances as when played alone, the draws
     * are others (still the same bytes on any number of threads).  0 plays every pair match by
     * match with the draws parley used before 2026-12-04 (`parley tournament --no-batched`), so
     * older results can be reproduced.  A configuration is made by pl_tournament_config_default,
     * as every caller in parley makes it: one zeroed by hand has 0 here (match by match), as it
     * has no self-play, and 0 repetitions, which pl_tournament_run refuses. */
    int batched;
    /* Optional: every match played, written to this path as gzip-compressed CSV (the reference's
     * interactions, from which every result can be rebuilt): a header, then one line a match,
     * "i,j,repetition,actions_i,actions_j,score_i,score_j" (players numbered from 0 in the order
     * given, i <= j; repetitions from 0; actions as played, noise included, one C or D a turn;
     * total scores as the shortest text that reads back exactly), pairs in job order, so the
     * same bytes for any number of threads.  Written atomically.  Batched or not, the file holds
     * exactly the matches whose scores the results hold (the batched kernels keep a batch's
     * actions only when a file is asked for).  A pair played once and reused is written once a
     * repetition.  NULL: none. */
    const char *interactions;
} pl_tournament_config;

PL_EXTERN void pl_tournament_config_default(pl_tournament_config *cfg);

/* The most players a tournament takes.  Its results hold numbers for every ordered pair (the
 * payoff, its deviation, the mean score difference, and 13 32-bit counts: states, what followed
 * them, good partnership): 76 bytes a pair, 7.6 GB of memory at 10,000 players while it runs,
 * and a results.json of many GB (the reference's per-pair distributions); beyond that a machine runs out of memory or disk after hours of
 * play, so a larger field is refused before any is played (a Moran population, `parley moran`,
 * takes many copies of few types). */
#define PL_TOURNAMENT_MAX_PLAYERS 10000

typedef struct pl_tournament_result pl_tournament_result; /* opaque */

/* Plays the tournament.  players are borrowed for the duration of the call. */
PL_EXTERN int pl_tournament_run(const pl_strategy *const *players, size_t n, const pl_tournament_config *cfg,
                                pl_tournament_result **out, pl_error *err);
PL_EXTERN void pl_tournament_result_free(pl_tournament_result *r);

PL_EXTERN size_t pl_tournament_result_players(const pl_tournament_result *r);
PL_EXTERN int pl_tournament_result_repetitions(const pl_tournament_result *r);
PL_EXTERN const char *pl_tournament_result_name(const pl_tournament_result *r, size_t player);
/* Player indices from best to worst: by median normalised score, ties in player order (the
 * reference library's stable sort by the median). */
PL_EXTERN const size_t *pl_tournament_result_ranking(const pl_tournament_result *r);
/* Normalised score of a player in a repetition: its per-turn score averaged over its opponents
 * (self-play excluded). */
PL_EXTERN double pl_tournament_result_normalised(const pl_tournament_result *r, size_t player, int rep);
PL_EXTERN double pl_tournament_result_median(const pl_tournament_result *r, size_t player);
PL_EXTERN double pl_tournament_result_mean(const pl_tournament_result *r, size_t player);
PL_EXTERN double pl_tournament_result_stddev(const pl_tournament_result *r, size_t player);
/* Matches won (strictly higher score) in a repetition, self-play excluded. */
PL_EXTERN int pl_tournament_result_wins(const pl_tournament_result *r, size_t player, int rep);
/* Total score of a player in a repetition: the sum of its match scores against its opponents
 * (self-play excluded; the reference library's `scores`). */
PL_EXTERN double pl_tournament_result_score(const pl_tournament_result *r, size_t player, int rep);
/* Moves of player i that were C in its matches against j, over every repetition (the reference's
 * `cooperation` matrix); for i == j (self-play) the mean of the two copies' counts, rounded down. */
PL_EXTERN uint64_t pl_tournament_result_pair_cooperation(const pl_tournament_result *r, size_t i, size_t j);
/* Turns players i and j played against each other, over every repetition (0 for self-play when
 * it is turned off). */
PL_EXTERN uint64_t pl_tournament_result_pair_turns(const pl_tournament_result *r, size_t i, size_t j);
/* Mean per-turn payoff of player i against j over the repetitions, and its standard deviation
 * (numpy's mean and population deviation, summed as numpy sums: the reference's payoff_matrix
 * and payoff_stddevs to the bit); the mean per-turn score difference (i's minus j's, the
 * reference's payoff_diffs_means; 0 for self-play). */
PL_EXTERN double pl_tournament_result_payoff(const pl_tournament_result *r, size_t i, size_t j);
PL_EXTERN double pl_tournament_result_payoff_stddev(const pl_tournament_result *r, size_t i, size_t j);
PL_EXTERN double pl_tournament_result_payoff_diff(const pl_tournament_result *r, size_t i, size_t j);
/* i's turns against j (i != j; all 0 for i == j, as the reference leaves self-play out) in state
 * CC, CD, DC, DD (its own action first), and of those followed by a turn, how many by its C and
 * by its D (the reference's state_distribution and state_to_action_distribution). */
PL_EXTERN void pl_tournament_result_pair_states(const pl_tournament_result *r, size_t i, size_t j, uint64_t states[4],
                                                uint64_t to_c[4], uint64_t to_d[4]);
/* Repetitions in which i cooperated at least as often as j (0 for i == j): the reference's
 * good_partner_matrix; and i's cooperations over turns against j (0 if they never met): its
 * normalised_cooperation, whose 2 (x - 0.5) is its vengeful_cooperation. */
PL_EXTERN uint64_t pl_tournament_result_good_partner(const pl_tournament_result *r, size_t i, size_t j);
PL_EXTERN double pl_tournament_result_normalised_cooperation(const pl_tournament_result *r, size_t i, size_t j);

/* ---- the reference library's summary (its ResultSet.summarise) and ratings, per player ----
 * Self-play is left out of all of them.
 * median_wins: the median over repetitions of the matches won.
 * cooperating_rating: cooperations over turns, against all opponents together.
 * initial_cooperation_rate: first moves that were C over matches (0 without any).
 * summary_rates: states[s], the player's share of turns in state s against each opponent,
 *   summed over the opponents and divided by the sum of the four (the reference's CC_rate ..
 *   DD_rate); to_c[s], the mean over the opponents against whom it ever followed s with C of
 *   the share of s followed by C (CC_to_C_rate .. DD_to_C_rate; 0 if none).
 * good_partner_rating: good partner repetitions over matches.
 * eigenjesus, eigenmoses: the principal eigenvector (the reference's power iteration) of
 *   normalised cooperation and of vengeful cooperation (Singer-Clark's morality metrics). */
PL_EXTERN double pl_tournament_result_median_wins(const pl_tournament_result *r, size_t player);
PL_EXTERN double pl_tournament_result_cooperating_rating(const pl_tournament_result *r, size_t player);
PL_EXTERN double pl_tournament_result_initial_cooperation_rate(const pl_tournament_result *r, size_t player);
PL_EXTERN uint64_t pl_tournament_result_initial_cooperation_count(const pl_tournament_result *r, size_t player);
PL_EXTERN void pl_tournament_result_summary_rates(const pl_tournament_result *r, size_t player, double states[4],
                                                  double to_c[4]);
PL_EXTERN double pl_tournament_result_good_partner_rating(const pl_tournament_result *r, size_t player);
PL_EXTERN double pl_tournament_result_eigenjesus(const pl_tournament_result *r, size_t player);
PL_EXTERN double pl_tournament_result_eigenmoses(const pl_tournament_result *r, size_t player);
/* Share of a player's moves that were C, over all its matches (self-play included). */
PL_EXTERN double pl_tournament_result_cooperation(const pl_tournament_result *r, size_t player);
/* Share of turns with joint outcome CC, CD, DC, DD from the player's side (out[4]), and the
 * probability of cooperating after each of them (out_next_c[4], NAN if the outcome never occurred
 * before a further turn); initial cooperation rate in *initial_c. */
PL_EXTERN void pl_tournament_result_outcomes(const pl_tournament_result *r, size_t player, double out[4],
                                             double out_next_c[4], double *initial_c);
/* The same over its matches against the others only, self-play left out (the reference
 * library's summary rates, which leave it out). */
PL_EXTERN void pl_tournament_result_outcomes_others(const pl_tournament_result *r, size_t player, double out[4],
                                                    double out_next_c[4], double *initial_c);
/* Matches of each length: counts[t] matches lasted t turns, for t from 0 to *longest (the
 * longest played); the distribution of lengths under prob_end. */
PL_EXTERN const uint64_t *pl_tournament_result_lengths(const pl_tournament_result *r, size_t *longest);
/* Matches played and turns played in all. */
PL_EXTERN uint64_t pl_tournament_result_matches(const pl_tournament_result *r);
PL_EXTERN uint64_t pl_tournament_result_turns(const pl_tournament_result *r);
/* Turns actually simulated: a pair whose first match drew nothing from its random stream (two
 * deterministic strategies without noise or a random length, among others) is played once and reused,
 * and a deterministic pair of automata is played until it cycles, its remaining turns copied. */
PL_EXTERN uint64_t pl_tournament_result_turns_computed(const pl_tournament_result *r);
/* Turns of the matches played that were copied from their cycle rather than simulated (the
 * repetitions of a reused match not counted): the turns of the results are the simulated ones,
 * these, and the repeated ones. */
PL_EXTERN uint64_t pl_tournament_result_turns_copied(const pl_tournament_result *r);
/* 1 when some pair was played by the batched kernels (pl_tournament_config.batched, and a pair
 * that draws with a fixed length and integer payoffs): its draws are not those of the play match
 * by match.  results.json says "batched": true then, and only then. */
PL_EXTERN int pl_tournament_result_batched(const pl_tournament_result *r);

/* ---- writing the results --------------------------------------------------- */

typedef struct pl_tournament_meta {
    const pl_tournament_config *cfg;
    const char *game_text; /* "3,0,5,1" */
} pl_tournament_meta;

/* Writes summary.csv, normalised_scores.csv, wins.csv, payoff_matrix.csv, results.json and
 * report.html into dir (created if needed), each atomically. */
PL_EXTERN int pl_tournament_write(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *dir,
                                  pl_error *err);
/* report.html alone: charts and tables of the results. */
PL_EXTERN int pl_tournament_write_report(const pl_tournament_result *r, const pl_tournament_meta *meta,
                                         const char *path, pl_error *err);
/* The ranked table, as text, for a terminal or a file. */
PL_EXTERN void pl_tournament_print_table(const pl_tournament_result *r, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
