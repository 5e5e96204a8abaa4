// SPDX-License-Identifier: MIT
/* match_engine.h — the two-party match loop, for engines that play many matches.
 *
 * A pl_match_buf holds the two histories and the two strategy states; an engine
 * keeps one per thread and reuses it, so the hot loop allocates nothing. */
#ifndef PL_MATCH_ENGINE_H
#define PL_MATCH_ENGINE_H

#include "parley/match.h"
#include "core/history.h"
#include "parley/rng.h"

typedef struct pl_match_buf {
    pl_history h[2];
    void *state[2];
    const void *held[2]; /* the definition whose state holds a resource in state[side] (its release), or NULL */
    size_t state_cap;
    int drew; /* the last match drew from its stream (its length, a move, a noise flip), so its course may depend on it */
    int generic; /* 1: always the loop that calls each strategy's move, never the table loop (tests compare the two) */
    int no_extrapolate; /* 1: a deterministic pair of automata plays every turn, never extrapolated (tests compare the two) */
    int copied; /* turns of the last match copied from its cycle rather than played (0 unless extrapolated) */
    int half; /* 1: the last match was played with one player an automaton stepped in the loop, the other called */
    int half_in_order; /* 1: with the automaton as A, its move always made before the called B's (play_half),
                        * never after it for a B that does not draw (tests compare the two) */
    int late; /* 1: the last match's automaton A moved after the called B (A never draws, or B is
               * deterministic by its definition); 2: B deterministic by its definition drew all the
               * same, so the match was played again in the order of the draws */
    int no_scores; /* 1: h[].score left as it was, for a caller that makes both scores from its own counts
                    * of the joint outcomes (the tournament, when pl_match_payoffs_exact) */
    int game_checked; /* 1: the caller has checked every player against the game (pl_strategy_check_game, a
                       * function of the parameters and the game) once, so a match does not again */
    int same_players; /* 1: the caller promises that this match's players, their sides and the game are those
                       * of the last match played in this buffer (the tournament's repetitions of a pair):
                       * what that match made of them (their tables, their automata, the room for their
                       * states) is taken again rather than made again.  0 (the default): made afresh */
    struct pl_match_autos *autos; /* the automata of the last players (match.c), made on first use; NULL before */
} pl_match_buf;

/* Turns a buffer starts with when the length is not known in advance (a probabilistic end);
 * it grows as the match goes on. */
#define PL_MATCH_BUF_TURNS 256

int pl_match_buf_init(pl_match_buf *b, int turns_hint);
void pl_match_buf_free(pl_match_buf *b);

/* Plays one match into buf (histories h[0] for a, h[1] for b, scores in them). */
int pl_match_run(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, pl_match_buf *buf,
                 pl_error *err);

/* Two matches of a and b that differ only by their streams, cfg's stream_b into buf and stream_b1
 * into buf1, played together turn by turn (the same matches as two pl_match_run, each on its own
 * stream in its own order of draws; a turn of one overlaps its wait on its chain of states with
 * the other's).  Only for a pair of automata (memory-one tables among them) that may draw, with
 * a fixed length, with buf->game_checked, once buf has played a match (its automata are kept there):
 * 1 when played, 0 when not (nothing played: the caller plays them one by one with pl_match_run).
 * buf1 lends its histories only. */
int pl_match_run_two(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, uint64_t stream_b1,
                     pl_match_buf *buf, pl_match_buf *buf1);
/* The length of a match: `turns`, or with a probabilistic end (prob_end > 0) a draw of the
 * geometric law ceil(log(1-u)/log(1-prob_end)) from rng, capped at turns when turns > 0.
 * Both the two-party and the N-party match take it as the first draw of their stream. */
int pl_match_length(pl_rng *rng, int turns, double prob_end);

/* 1 if every payoff of the 2x2 game is an integer of magnitude at most 2^20: then any sum of
 * at most 2^31 of them is an integer below 2^53, exact in whatever order it is added. */
int pl_match_payoffs_exact(const pl_game *g);
/* Both scores of a match from its joint outcomes counted from A's side (CC, CD, DC, DD), summed in
 * that order: with exact payoffs, the doubles adding each turn's payoff gives (match.c's own scores,
 * and the tournament's from the counts it keeps, pl_match_buf.no_scores). */
void pl_match_scores_of_counts(const uint64_t n[4], const pl_game *g, pl_history *ha, pl_history *hb);

/* Validates a configuration: turns, probabilities, game shape. */
int pl_match_config_check(const pl_match_config *cfg, pl_error *err);

/* The stepper's stream and histories, for tests that drive party A with a strategy of
 * their own: such an A draws its move from this stream before pl_match_stepper_step,
 * exactly where pl_match_run would let it draw. */
pl_rng *pl_match_stepper_rng(pl_match_stepper *st);
const pl_history *pl_match_stepper_history(const pl_match_stepper *st, int party);

#endif
