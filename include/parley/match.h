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
void pl_match_config_default(pl_match_config *cfg);

typedef struct pl_match_result pl_match_result; /* opaque */

/* Plays a match and keeps its whole history. */
int pl_match_play(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg,
                  pl_match_result **out, pl_error *err);
void pl_match_result_free(pl_match_result *r);

int pl_match_result_turns(const pl_match_result *r);
/* The action (PL_C or PL_D) party 0 (A) or 1 (B) played at turn t (0-based). */
int pl_match_result_action(const pl_match_result *r, int party, int t);
double pl_match_result_score(const pl_match_result *r, int party);
/* Writes the actions of a party as a NUL-terminated string of C and D into buf (turns+1 bytes). */
void pl_match_result_actions(const pl_match_result *r, int party, char *buf);

#ifdef __cplusplus
}
#endif
#endif
