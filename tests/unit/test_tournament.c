// SPDX-License-Identifier: MIT
/* test_tournament.c — the round robin: known scores, the thread-count invariance, bad input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/parley.h"

static pl_strategy *mk(const char *name)
{
    pl_strategy *s;
    pl_error err;
    if (pl_strategy_create(&s, name, &err)) fail_msg("%s", err.msg);
    return s;
}

static void known_scores_of_three_classics(void **state)
{
    (void)state;
    pl_strategy *p[3] = {mk("tft"), mk("defector"), mk("cooperator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 100;
    cfg.repetitions = 3;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, &err), 0);
    /* TFT vs Defector: 0 then 99 x 1 = 99 -> 0.99 a turn; TFT vs Cooperator: 3 a turn */
    assert_true(fabs(pl_tournament_result_payoff(r, 0, 1) - 0.99) < 1e-12);
    assert_true(fabs(pl_tournament_result_payoff(r, 1, 0) - 1.04) < 1e-12);
    assert_true(fabs(pl_tournament_result_payoff(r, 0, 2) - 3.0) < 1e-12);
    assert_true(fabs(pl_tournament_result_payoff(r, 0, 0) - 3.0) < 1e-12); /* self-play */
    assert_true(fabs(pl_tournament_result_normalised(r, 0, 2) - (0.99 + 3.0) / 2) < 1e-12);
    assert_true(fabs(pl_tournament_result_median(r, 1) - (1.04 + 5.0) / 2) < 1e-12);
    const size_t *rank = pl_tournament_result_ranking(r);
    assert_int_equal(rank[0], 1); /* Defector wins this small field */
    assert_int_equal(pl_tournament_result_wins(r, 1, 0), 2);
    assert_int_equal(pl_tournament_result_wins(r, 0, 0), 0);
    assert_int_equal(pl_tournament_result_matches(r), 6 * 3);
    double oc[4], nc[4], ic;
    pl_tournament_result_outcomes(r, 2, oc, nc, &ic);
    assert_true(ic == 1.0);
    assert_true(pl_tournament_result_cooperation(r, 2) == 1.0);
    pl_tournament_result_free(r);
    for (int i = 0; i < 3; i++) pl_strategy_free(p[i]);
}

/* The reference's `scores` (totals a repetition) and `cooperation` (C moves of i against j) */
static void totals_and_pairwise_cooperation(void **state)
{
    (void)state;
    pl_strategy *p[3] = {mk("tft"), mk("defector"), mk("cooperator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 100;
    cfg.repetitions = 3;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, &err), 0);
    for (int k = 0; k < 3; k++) {
        assert_true(pl_tournament_result_score(r, 0, k) == 99 + 300);  /* vs defector, vs cooperator */
        assert_true(pl_tournament_result_score(r, 1, k) == 104 + 500);
        assert_true(pl_tournament_result_score(r, 2, k) == 300 + 0);
    }
    assert_int_equal(pl_tournament_result_pair_cooperation(r, 0, 1), 3);   /* TFT's first move, 3 reps */
    assert_int_equal(pl_tournament_result_pair_cooperation(r, 1, 0), 0);
    assert_int_equal(pl_tournament_result_pair_cooperation(r, 0, 2), 300);
    assert_int_equal(pl_tournament_result_pair_cooperation(r, 2, 1), 300);
    assert_int_equal(pl_tournament_result_pair_cooperation(r, 1, 1), 0);
    assert_int_equal(pl_tournament_result_pair_cooperation(r, 2, 2), 300); /* self-play: not doubled */
    assert_int_equal(pl_tournament_result_pair_turns(r, 0, 1), 300);
    assert_int_equal(pl_tournament_result_pair_turns(r, 2, 2), 300);
    /* TFT's outcomes without self-play: vs defector 1 CD and 99 DD, vs cooperator 100 CC */
    double oc[4], nc[4], ic, all[4];
    pl_tournament_result_outcomes_others(r, 0, oc, nc, &ic);
    assert_true(oc[0] == 0.5 && oc[1] == 0.005 && oc[2] == 0 && oc[3] == 0.495);
    assert_true(ic == 1.0 && nc[0] == 1.0 && nc[1] == 0.0 && isnan(nc[2]));
    pl_tournament_result_outcomes(r, 0, all, nc, &ic); /* with self-play: both copies' 300 CC more */
    assert_true(all[0] == 0.75);
    pl_tournament_result_free(r);
    /* random lengths: the pairs' turns add up to the tournament's, and are symmetric; a noisy
     * self-play count is the rounded-down mean of the copies, never more than the turns */
    cfg.prob_end = 0.1;
    cfg.turns = 0;
    cfg.noise = 0.2;
    cfg.seed = 9;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, &err), 0);
    uint64_t sum = 0;
    for (size_t i = 0; i < 3; i++)
        for (size_t j = i; j < 3; j++) {
            assert_int_equal(pl_tournament_result_pair_turns(r, i, j), pl_tournament_result_pair_turns(r, j, i));
            assert_true(pl_tournament_result_pair_cooperation(r, i, j) <= pl_tournament_result_pair_turns(r, i, j));
            sum += pl_tournament_result_pair_turns(r, i, j);
        }
    assert_int_equal(sum, pl_tournament_result_turns(r));
    pl_tournament_result_free(r);
    for (int i = 0; i < 3; i++) pl_strategy_free(p[i]);
}

static void same_seed_same_numbers_whatever_the_threads(void **state)
{
    (void)state;
    pl_strategy *p[4] = {mk("tft"), mk("defector"), mk("cooperator"), mk("tft")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 50;
    cfg.repetitions = 7;
    cfg.noise = 0.1;
    cfg.seed = 12345;
    pl_game g;
    pl_game_pd(&g, 3.3, 0.1, 5.7, 1.1); /* fractional payoffs: summation order would show */
    cfg.game = &g;
    pl_tournament_result *r1, *r3;
    pl_error err;
    cfg.threads = 1;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 4, &cfg, &r1, &err), 0);
    cfg.threads = 3;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 4, &cfg, &r3, &err), 0);
    for (size_t i = 0; i < 4; i++) {
        for (int k = 0; k < 7; k++) {
            double a = pl_tournament_result_normalised(r1, i, k), b = pl_tournament_result_normalised(r3, i, k);
            assert_memory_equal(&a, &b, sizeof a);
        }
        for (size_t j = 0; j < 4; j++) {
            double a = pl_tournament_result_payoff(r1, i, j), b = pl_tournament_result_payoff(r3, i, j);
            assert_memory_equal(&a, &b, sizeof a);
        }
    }
    /* noise makes the two TFT copies' scores differ across repetitions */
    assert_true(pl_tournament_result_stddev(r1, 0) > 0);
    pl_tournament_result_free(r1);
    pl_tournament_result_free(r3);
    for (int i = 0; i < 4; i++) pl_strategy_free(p[i]);
}

static void probabilistic_ending_varies_lengths(void **state)
{
    (void)state;
    pl_strategy *p[2] = {mk("tft"), mk("cooperator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 0;
    cfg.prob_end = 0.1;
    cfg.repetitions = 2000;
    cfg.self_play = 0;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 2, &cfg, &r, &err), 0);
    /* geometric lengths with p = 0.1: mean 10; standard error sqrt(90/2000) ~ 0.21; 5 sigma */
    double mean_len = (double)pl_tournament_result_turns(r) / 2000.0;
    assert_true(fabs(mean_len - 10.0) < 1.1);
    /* the length histogram: every match counted once, at its length, none of length 0; and
     * geometric: about 10% of them last 1 turn (200 of 2000, standard error 13: 5 sigma) */
    size_t longest;
    const uint64_t *len = pl_tournament_result_lengths(r, &longest);
    uint64_t matches = 0, turns = 0;
    for (size_t t = 0; t <= longest; t++) matches += len[t], turns += t * len[t];
    assert_true(matches == 2000 && turns == pl_tournament_result_turns(r) && len[0] == 0 && len[longest] > 0);
    assert_true(len[1] > 135 && len[1] < 265);
    pl_tournament_result_free(r);
    for (int i = 0; i < 2; i++) pl_strategy_free(p[i]);
}

/* Three repetitions of `turns` turns at noise 0.1 with this seed: the matches the turn-by-turn
 * checks play again (job_match).  Match by match (batched 0, `--no-batched`): job k's repetition r
 * is then the match of streams (k, r), which these checks play again; the batched play's counts
 * are checked from its interactions (test_interactions.c, batched_file). */
static pl_tournament_config noisy_three(int turns, uint64_t seed)
{
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.batched = 0;
    cfg.turns = turns;
    cfg.repetitions = 3;
    cfg.noise = 0.1;
    cfg.seed = seed;
    return cfg;
}

/* One match played on its own as the tournament cfg plays job k, repetition r (its turns, noise,
 * seed, game and streams). */
static pl_match_result *job_match(const pl_strategy *a, const pl_strategy *b, const pl_tournament_config *cfg,
                                  uint64_t k, int r)
{
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = cfg->turns;
    mc.noise = cfg->noise;
    mc.seed = cfg->seed;
    mc.game = cfg->game;
    mc.stream_a = k;
    mc.stream_b = (uint64_t)r;
    pl_match_result *m;
    pl_error err;
    assert_int_equal(pl_match_play(a, b, &mc, &m, &err), 0);
    return m;
}

/* ... and its per-turn payoff to one side. */
static double match_per_turn(const pl_strategy *a, const pl_strategy *b, const pl_tournament_config *cfg, uint64_t k,
                             int r, int side)
{
    pl_match_result *m = job_match(a, b, cfg, k, r);
    double v = pl_match_result_score(m, side) / pl_match_result_turns(m);
    pl_match_result_free(m);
    return v;
}

/* A pair whose first match drew nothing is played once (Grofman never draws against Tit For
 * Tat: they never disagree), and its numbers are still exactly those of each repetition
 * played on its own stream; a pair that draws (against Random) is played every time. */
static void matches_without_draws_are_played_once(void **state)
{
    (void)state;
    pl_strategy *p[3] = {mk("tft"), mk("first_grofman"), mk("random")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.batched = 0; /* match by match: each repetition the match on its own stream (job_match) */
    cfg.turns = 60;
    cfg.repetitions = 6;
    cfg.seed = 99;
    cfg.self_play = 0;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, &err), 0);
    /* jobs in order: (tft, grofman) k = 0, (tft, random) k = 1, (grofman, random) k = 2 */
    assert_int_equal(pl_tournament_result_turns(r), 3 * 6 * 60);
    assert_int_equal(pl_tournament_result_turns_computed(r), 60 + 2 * 6 * 60);
    const size_t pair[3][2] = {{0, 1}, {0, 2}, {1, 2}};
    for (uint64_t k = 0; k < 3; k++) {
        size_t i = pair[k][0], j = pair[k][1];
        double sum_i = 0, sum_j = 0;
        for (int rep = 0; rep < 6; rep++) {
            sum_i += match_per_turn(p[i], p[j], &cfg, k, rep, 0);
            sum_j += match_per_turn(p[i], p[j], &cfg, k, rep, 1);
        }
        double want_i = sum_i / 6, want_j = sum_j / 6;
        double got_i = pl_tournament_result_payoff(r, i, j), got_j = pl_tournament_result_payoff(r, j, i);
        assert_memory_equal(&got_i, &want_i, sizeof got_i);
        assert_memory_equal(&got_j, &want_j, sizeof got_j);
    }
    pl_tournament_result_free(r);
    for (int i = 0; i < 3; i++) pl_strategy_free(p[i]);
}

/* Each pair's mean payoff is that of its matches played on their own, bit for bit, in the
 * standard game (the tournament makes the scores from its outcome counts) and in one with
 * fractional payoffs (the match adds them turn by turn). */
static void scores_are_those_of_the_matches(void **state)
{
    (void)state;
    pl_strategy *p[3] = {mk("random"), mk("first_tullock"), mk("tft")};
    pl_game games[2];
    pl_game_default(&games[0]);
    pl_game_pd(&games[1], 3.3, 0.1, 5.2, 1.05);
    for (int gi = 0; gi < 2; gi++) {
        pl_tournament_config cfg;
        pl_tournament_config_default(&cfg);
        cfg.batched = 0; /* match by match: each repetition the match on its own stream (job_match) */
        cfg.turns = 130;
        cfg.repetitions = 4;
        cfg.noise = 0.05;
        cfg.seed = 21;
        cfg.self_play = 0;
        cfg.game = &games[gi];
        pl_tournament_result *r;
        pl_error err;
        assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, &err), 0);
        const size_t pair[3][2] = {{0, 1}, {0, 2}, {1, 2}}; /* jobs k = 0, 1, 2 */
        for (uint64_t k = 0; k < 3; k++) {
            double sum[2] = {0, 0};
            for (int rep = 0; rep < 4; rep++)
                for (int side = 0; side < 2; side++) sum[side] += match_per_turn(p[pair[k][0]], p[pair[k][1]], &cfg, k, rep, side);
            double want_i = sum[0] / 4, want_j = sum[1] / 4;
            double got_i = pl_tournament_result_payoff(r, pair[k][0], pair[k][1]);
            double got_j = pl_tournament_result_payoff(r, pair[k][1], pair[k][0]);
            assert_memory_equal(&got_i, &want_i, sizeof got_i);
            assert_memory_equal(&got_j, &want_j, sizeof got_j);
        }
        pl_tournament_result_free(r);
    }
    for (int i = 0; i < 3; i++) pl_strategy_free(p[i]);
}

/* The joint outcomes and what each player did after each, counted from the matches played on
 * their own (the streams of job 0, repetitions 0..2) turn by turn, against the tournament's
 * counts made a word at a time, at lengths on both sides of the 64-turn words. */
static void outcome_counts_match_the_turns(void **state)
{
    (void)state;
    pl_strategy *p[2] = {mk("random"), mk("first_tullock")};
    const int lengths[] = {1, 2, 3, 63, 64, 65, 127, 128, 129, 200};
    for (size_t li = 0; li < sizeof lengths / sizeof *lengths; li++) {
        pl_tournament_config cfg = noisy_three(lengths[li], 5);
        cfg.self_play = 0;
        pl_tournament_result *r;
        pl_error err;
        assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 2, &cfg, &r, &err), 0);
        /* for each side: outcome counts (own action first), the outcomes followed by a turn, and
         * those followed by its cooperation */
        double n[2][4] = {{0}}, follow[2][4] = {{0}}, coop[2][4] = {{0}}, first_c[2] = {0};
        for (int rep = 0; rep < 3; rep++) {
            pl_match_result *m = job_match(p[0], p[1], &cfg, 0, rep);
            int len = pl_match_result_turns(m);
            for (int side = 0; side < 2; side++) {
                first_c[side] += pl_match_result_action(m, side, 0) == PL_C;
                for (int t = 0; t < len; t++) {
                    int k = 2 * pl_match_result_action(m, side, t) + pl_match_result_action(m, 1 - side, t);
                    n[side][k]++;
                    if (t + 1 < len) {
                        follow[side][k]++;
                        coop[side][k] += pl_match_result_action(m, side, t + 1) == PL_C;
                    }
                }
            }
            pl_match_result_free(m);
        }
        for (int side = 0; side < 2; side++) {
            double out[4], next_c[4], ic;
            pl_tournament_result_outcomes(r, (size_t)side, out, next_c, &ic);
            double all = n[side][0] + n[side][1] + n[side][2] + n[side][3];
            for (int k = 0; k < 4; k++) {
                double want = n[side][k] / all;
                assert_memory_equal(&out[k], &want, sizeof want);
                if (follow[side][k] == 0) assert_true(isnan(next_c[k]));
                else {
                    want = coop[side][k] / follow[side][k];
                    assert_memory_equal(&next_c[k], &want, sizeof want);
                }
            }
            double want = first_c[side] / 3;
            assert_memory_equal(&ic, &want, sizeof want);
        }
        pl_tournament_result_free(r);
    }
    for (int i = 0; i < 2; i++) pl_strategy_free(p[i]);
}

/* A deterministic pair of automata is played until its joint state repeats, the rest copied
 * (twoparty/match.c, play_cycle); the counts say so.  TFT and Defector, 100 turns: TFT-TFT is
 * (C,C) from turn 0, its joint state first repeats at turn 2: 2 played, 98 copied; TFT-Defector
 * plays (C,D) then (D,D) from turn 1, repeating at turn 3: 3 played, 97 copied; Defector-Defector
 * 2 played, 98 copied.  Each is played once for its 10 repetitions. */
static void cycles_copied_are_counted_apart(void **state)
{
    (void)state;
    pl_strategy *p[2] = {mk("tft"), mk("defector")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 100;
    cfg.repetitions = 10;
    cfg.self_play = 1;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 2, &cfg, &r, &err), 0);
    assert_int_equal(pl_tournament_result_turns(r), 3 * 10 * 100);
    assert_int_equal(pl_tournament_result_turns_computed(r), 2 + 3 + 2);
    assert_int_equal(pl_tournament_result_turns_copied(r), 98 + 97 + 98);
    pl_tournament_result_free(r);
    pl_strategy_free(p[0]);
    pl_strategy_free(p[1]);
}

static void bad_configurations(void **state)
{
    (void)state;
    pl_strategy *p[2] = {mk("tft"), mk("cooperator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 1, &cfg, &r, &err), PL_EINVAL);
    cfg.repetitions = 0;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 2, &cfg, &r, &err), PL_EINVAL);
    cfg.repetitions = 1;
    cfg.noise = 2;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 2, &cfg, &r, &err), PL_EINVAL);
    for (int i = 0; i < 2; i++) pl_strategy_free(p[i]);
    /* a player that cannot play the game (ZD-Extort-4, whose relation is impossible in 3,0,10,1) is
     * refused before any match: the matches of a tournament do not check the game again */
    pl_strategy *q[2] = {mk("tft"), mk("zd_extort_4")};
    pl_game g;
    pl_game_pd(&g, 3, 0, 10, 1);
    pl_tournament_config_default(&cfg);
    cfg.game = &g;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)q, 2, &cfg, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "cannot play"));
    for (int i = 0; i < 2; i++) pl_strategy_free(q[i]);
}

/* A deterministic pair is played once and its result reused: every repetition is the same number,
 * so a player's spread (Welford's) is exactly 0 (the sum-of-squares formula used to give 2.98e-08
 * for Tit For Tat against Alternator, whose per-turn payoff 2.005 is not a binary fraction).  The
 * payoff deviations are numpy's, as the reference reports them: numpy's mean of seven 2.005s is
 * one bit off 2.005, so np.std gives 4.440892098500626e-16 there (Debian's numpy 1.24), never
 * more than a few bits. */
static void a_pair_played_once_has_a_spread_of_exactly_zero(void **state)
{
    (void)state;
    pl_strategy *p[5] = {mk("tft"), mk("grudger"), mk("defector"), mk("wsls"), mk("alternator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 200;
    cfg.repetitions = 7;
    cfg.seed = 1;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 5, &cfg, &r, &err), 0);
    for (size_t i = 0; i < 5; i++) {
        assert_true(pl_tournament_result_stddev(r, i) == 0.0);
        for (size_t j = 0; j < 5; j++) assert_true(pl_tournament_result_payoff_stddev(r, i, j) < 1e-15);
    }
    assert_true(pl_tournament_result_payoff_stddev(r, 0, 4) == 4.440892098500626e-16); /* TFT v Alternator */
    pl_tournament_result_free(r);
    for (int i = 0; i < 5; i++) pl_strategy_free(p[i]);
}

/* The reference's summary and result set, worked out by hand for Tit For Tat, Defector and
 * Cooperator over 10 turns, 3 repetitions (self-play left out of all of them):
 * - TFT's states: CD once and DD 9 times against Defector (shares 0.1, 0.9), CC always against
 *   Cooperator (1): summed 1, 0.1, 0, 0.9, over their sum 2 -> CC 0.5, CD 0.05, DD 0.45.
 * - TFT's CC_to_C: 1 against Cooperator (its 9 CCs followed, all by C), the only opponent where
 *   it is positive -> 1; CD_to_C: after CD it defected, a share 0, left out -> 0.
 * - cooperating rating of TFT: (1 + 10) x 3 C moves over 60 turns = 0.55.
 * - Defector wins both its matches each repetition: median wins 2; TFT none.
 * - good partner: i cooperated at least as much as j: TFT >= Defector and = Cooperator in all
 *   3 repetitions -> 6 of 6 matches, rating 1; Defector 0 of 6 (fewer than both, 0 = 0 never
 *   happens as the others cooperate at least once) -> 0.
 * - payoff difference TFT - Defector: (9 - 14) / 10 = -0.5 a turn.
 * - eigenjesus: Defector's row of normalised cooperation is 0, so after the first product its
 *   entry is 0; the vector has length 1. */
static void reference_summary_by_hand(void **state)
{
    (void)state;
    pl_strategy *p[3] = {mk("tft"), mk("defector"), mk("cooperator")};
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 10;
    cfg.repetitions = 3;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, &err), 0);
    double st[4], tc[4];
    pl_tournament_result_summary_rates(r, 0, st, tc);
    assert_true(st[0] == 0.5 && st[1] == 0.05 && st[2] == 0 && st[3] == 0.45);
    assert_true(tc[0] == 1 && tc[1] == 0 && tc[2] == 0 && tc[3] == 0);
    assert_true(pl_tournament_result_cooperating_rating(r, 0) == 33.0 / 60.0);
    assert_true(pl_tournament_result_median_wins(r, 1) == 2 && pl_tournament_result_median_wins(r, 0) == 0);
    assert_true(pl_tournament_result_initial_cooperation_rate(r, 0) == 1);
    assert_true(pl_tournament_result_initial_cooperation_rate(r, 1) == 0);
    assert_int_equal(pl_tournament_result_initial_cooperation_count(r, 0), 6);
    assert_int_equal(pl_tournament_result_good_partner(r, 0, 1), 3);
    assert_int_equal(pl_tournament_result_good_partner(r, 1, 0), 0);
    assert_int_equal(pl_tournament_result_good_partner(r, 0, 0), 0);
    assert_true(pl_tournament_result_good_partner_rating(r, 0) == 1);
    assert_true(pl_tournament_result_good_partner_rating(r, 1) == 0);
    assert_true(pl_tournament_result_payoff_diff(r, 0, 1) == -0.5);
    assert_true(pl_tournament_result_payoff_diff(r, 1, 0) == 0.5);
    assert_true(pl_tournament_result_payoff_diff(r, 0, 0) == 0);
    uint64_t s4[4], c4[4], d4[4];
    pl_tournament_result_pair_states(r, 0, 1, s4, c4, d4);
    assert_true(s4[0] == 0 && s4[1] == 3 && s4[2] == 0 && s4[3] == 27);
    assert_true(c4[1] == 0 && d4[1] == 3 && c4[3] == 0 && d4[3] == 24); /* the last DD is followed by nothing */
    assert_true(pl_tournament_result_normalised_cooperation(r, 0, 1) == 0.1);
    double len = 0;
    for (size_t i = 0; i < 3; i++) len += pl_tournament_result_eigenjesus(r, i) * pl_tournament_result_eigenjesus(r, i);
    assert_true(fabs(len - 1) < 1e-12);
    assert_true(pl_tournament_result_eigenjesus(r, 1) == 0);
    pl_tournament_result_free(r);
    for (int i = 0; i < 3; i++) pl_strategy_free(p[i]);
}

/* Each pair's states and what followed them, as the tournament counts them a word of turns at a
 * time, are those counted turn by turn from the same matches played again (job k's repetition r is
 * the match of streams (k, r); with self-play the jobs of three players are (0,0), (0,1), (0,2),
 * (1,1), (1,2), (2,2)): noisy stochastic players, at lengths of one turn, one word, a word and a
 * turn, two words and a turn, 200, from both sides. */
static void pair_states_as_counted_turn_by_turn(void **state)
{
    (void)state;
    pl_strategy *p[3] = {mk("random"), mk("gtft"), mk("first_anonymous")};
    static const int lengths[] = {1, 2, 63, 64, 65, 128, 129, 200};
    for (size_t li = 0; li < sizeof lengths / sizeof *lengths; li++) {
        pl_tournament_config cfg = noisy_three(lengths[li], 11);
        pl_tournament_result *r;
        pl_error err;
        assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, &err), 0);
        size_t k = 0;
        for (size_t i = 0; i < 3; i++)
            for (size_t j = i; j < 3; j++, k++) {
                if (i == j) continue;
                uint64_t st[2][4] = {{0}}, to_c[2][4] = {{0}}, to_d[2][4] = {{0}};
                for (int rep = 0; rep < cfg.repetitions; rep++) {
                    pl_match_result *m = job_match(p[i], p[j], &cfg, k, rep);
                    for (int t = 0; t < cfg.turns; t++)
                        for (int side = 0; side < 2; side++) {
                            int own = pl_match_result_action(m, side, t), other = pl_match_result_action(m, 1 - side, t);
                            st[side][2 * own + other]++;
                            if (t + 1 < cfg.turns) {
                                if (pl_match_result_action(m, side, t + 1)) to_d[side][2 * own + other]++;
                                else to_c[side][2 * own + other]++;
                            }
                        }
                    pl_match_result_free(m);
                }
                for (int side = 0; side < 2; side++) {
                    uint64_t s4[4], c4[4], d4[4];
                    pl_tournament_result_pair_states(r, side ? j : i, side ? i : j, s4, c4, d4);
                    for (int o = 0; o < 4; o++)
                        if (s4[o] != st[side][o] || c4[o] != to_c[side][o] || d4[o] != to_d[side][o])
                            fail_msg("%d turns, pair (%zu, %zu), side %d, state %d: %llu %llu %llu, turn by turn %llu %llu %llu",
                                     cfg.turns, i, j, side, o, (unsigned long long)s4[o], (unsigned long long)c4[o],
                                     (unsigned long long)d4[o], (unsigned long long)st[side][o],
                                     (unsigned long long)to_c[side][o], (unsigned long long)to_d[side][o]);
                }
            }
        pl_tournament_result_free(r);
    }
    for (int i = 0; i < 3; i++) pl_strategy_free(p[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_scores_of_three_classics),
        cmocka_unit_test(reference_summary_by_hand),
        cmocka_unit_test(pair_states_as_counted_turn_by_turn),
        cmocka_unit_test(totals_and_pairwise_cooperation),
        cmocka_unit_test(a_pair_played_once_has_a_spread_of_exactly_zero),
        cmocka_unit_test(same_seed_same_numbers_whatever_the_threads),
        cmocka_unit_test(probabilistic_ending_varies_lengths),
        cmocka_unit_test(matches_without_draws_are_played_once),
        cmocka_unit_test(outcome_counts_match_the_turns),
        cmocka_unit_test(scores_are_those_of_the_matches),
        cmocka_unit_test(cycles_copied_are_counted_apart),
        cmocka_unit_test(bad_configurations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
