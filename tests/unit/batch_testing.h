// SPDX-License-Identifier: MIT
/* batch_testing.h — what the batched kernels' tests (test_table_batch.c, test_automaton_batch.c)
 * share: deterministic lanes checked against the match, and a tournament played with and without --batched, and the check that the batched one is
 * the same on 1 and 2 threads, leaves the pairs it does not batch as they were, and moves the
 * others' payoffs by no more than their noise.  Static inline, as strategy_testing.h; include after
 * <cmocka.h>. */
#ifndef PL_BATCH_TESTING_H
#define PL_BATCH_TESTING_H

#include <math.h>
#include <stddef.h>

#include "parley/parley.h"
#include "twoparty/table.h"

/* The batch bt of 64 lanes of a deterministic pair (an, bn) of `turns` turns: every lane counts
 * the outcomes of the match of a against b, and the first turn's C of each side as it. */
static inline void lanes_are_the_match(const pl_strategy *a, const pl_strategy *b, const char *an, const char *bn,
                                       int turns, const pl_table_batch *bt)
{
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = turns;
    pl_match_result *r;
    pl_error err;
    assert_int_equal(pl_match_play(a, b, &cfg, &r, &err), PL_OK);
    unsigned want[4] = {0, 0, 0, 0};
    for (int t = 0; t < turns; t++) want[2 * pl_match_result_action(r, 0, t) + pl_match_result_action(r, 1, t)]++;
    for (int lane = 0; lane < 64; lane++)
        for (int o = 0; o < 4; o++)
            if (bt->n[lane][o] != want[o])
                fail_msg("%s vs %s, %d turns, lane %d: outcome %d counted %u, the match %u", an, bn, turns, lane, o,
                         bt->n[lane][o], want[o]);
    assert_int_equal(bt->first_c[0], pl_match_result_action(r, 0, 0) ? 0 : 64);
    assert_int_equal(bt->first_c[1], pl_match_result_action(r, 1, 0) ? 0 : 64);
    pl_match_result_free(r);
}

/* The actions a kernel kept (acts: A's turn t in acts[t], B's in acts[turns + t], lane i's bit i,
 * D = 1) against the counts of the same batch played without keeping them (plain) and with (kept):
 * the two batches the same, every lane's actions counting exactly its outcomes and first moves
 * (lanes from `lanes` on all C, never played), and the C that followed each outcome summed over
 * the batch.  So the interactions file, written from the kept words, holds the matches whose
 * counts the tournament folds. */
static inline void kept_actions_are_the_counts(const pl_table_batch *plain, const pl_table_batch *kept,
                                               const uint64_t *acts, int turns, int lanes)
{
    assert_memory_equal(plain, kept, sizeof *plain);
    uint64_t first_c[2] = {0, 0}, next[4] = {0, 0, 0, 0}, next_c[2][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    for (int lane = 0; lane < 64; lane++) {
        uint32_t n[4] = {0, 0, 0, 0};
        int last = -1;
        for (int t = 0; t < turns; t++) {
            int x = (int)((acts[t] >> lane) & 1), y = (int)((acts[turns + t] >> lane) & 1);
            if (lane >= lanes) {
                assert_int_equal(x + y, 0);
                continue;
            }
            if (t == 0) first_c[0] += !x, first_c[1] += !y;
            else {
                next[last]++;
                next_c[0][last] += !x;
                next_c[1][last] += !y;
            }
            last = 2 * x + y;
            n[last]++;
        }
        if (lane < lanes)
            for (int o = 0; o < 4; o++)
                if (n[o] != kept->n[lane][o])
                    fail_msg("lane %d of %d, %d turns: outcome %d in the actions %u, counted %u", lane, lanes, turns, o,
                             n[o], kept->n[lane][o]);
    }
    for (int p = 0; p < 2; p++) {
        assert_int_equal(first_c[p], kept->first_c[p]);
        for (int o = 0; o < 4; o++) assert_int_equal(next_c[p][o], kept->next_c[p][o]);
    }
    for (int o = 0; o < 4; o++) assert_int_equal(next[o], kept->next[o]);
}

/* The round robin of p[0..n): 100 turns, 150 repetitions (two full batches of 64 and a partial
 * one), seed 4, the noise, batched or not, on `threads` threads. */
static inline pl_tournament_result *batch_tournament(pl_strategy **p, size_t n, int batched, int threads, double noise)
{
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 100;
    cfg.repetitions = 150;
    cfg.noise = noise;
    cfg.seed = 4;
    cfg.threads = threads;
    cfg.batched = batched;
    pl_tournament_result *r;
    pl_error err;
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)p, n, &cfg, &r, &err), PL_OK);
    return r;
}

/* The tournament of names[0..n) (made as p) batched on 1 and 2 threads and by default: the two
 * batched ones the same to the bit; every pair with player `unbatched` the default's; the others
 * within 0.15 of the default's mean payoff a turn (150 matches of 100 turns: a pair's mean moves by
 * a few hundredths), and at least one of them not the default's (the option did change the draws). */
static inline void batched_against_default(pl_strategy **p, const char *const *names, int n, int unbatched,
                                           double noise)
{
    pl_tournament_result *b1 = batch_tournament(p, (size_t)n, 1, 1, noise),
                         *b2 = batch_tournament(p, (size_t)n, 1, 2, noise),
                         *d = batch_tournament(p, (size_t)n, 0, 1, noise);
    int differs = 0;
    for (int i = 0; i < n; i++) {
        for (int r = 0; r < 150; r++)
            assert_true(pl_tournament_result_score(b1, (size_t)i, r) == pl_tournament_result_score(b2, (size_t)i, r));
        for (int j = 0; j < n; j++) {
            double pb = pl_tournament_result_payoff(b1, (size_t)i, (size_t)j),
                   pd = pl_tournament_result_payoff(d, (size_t)i, (size_t)j);
            assert_true(pb == pl_tournament_result_payoff(b2, (size_t)i, (size_t)j));
            assert_true(pl_tournament_result_pair_cooperation(b1, (size_t)i, (size_t)j) ==
                        pl_tournament_result_pair_cooperation(b2, (size_t)i, (size_t)j));
            if (i == unbatched || j == unbatched) assert_true(pb == pd); /* not batched: played as before */
            else {
                differs += pb != pd;
                if (fabs(pb - pd) > 0.15)
                    fail_msg("%s vs %s, noise %g: batched %g, default %g", names[i], names[j], noise, pb, pd);
            }
        }
    }
    assert_true(differs > 0);
    assert_int_equal(pl_tournament_result_turns(b1), pl_tournament_result_turns(d));
    pl_tournament_result_free(b1), pl_tournament_result_free(b2), pl_tournament_result_free(d);
}

#endif
