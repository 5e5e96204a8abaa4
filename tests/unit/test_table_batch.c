// SPDX-License-Identifier: MIT
/* test_table_batch.c — 64 repetitions of a memory-one pair at once (twoparty/table_batch.c).
 *
 * Where nothing is random every lane is the match itself (each joint outcome counted as the
 * played match counts it); where something is, the lanes' mean scores agree with the exact
 * expectation of pl_match_expected within five standard errors, and the counts the tournament
 * keeps agree with each other.  In a tournament the option changes only the pairs of tables
 * that draw, gives the same results on 1 and 2 threads, and means close to the default's. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "twoparty/table.h"

#include "batch_testing.h"

static pl_strategy *make(const char *name)
{
    pl_strategy *s = NULL;
    pl_error err;
    if (pl_strategy_create(&s, name, &err)) fail_msg("%s: %s", name, err.msg);
    return s;
}

static void tables(const pl_strategy *a, const pl_strategy *b, pl_table *ta, pl_table *tb)
{
    assert_true(pl_table_of(a, pl_game_standard(), 0, ta));
    assert_true(pl_table_of(b, pl_game_standard(), 1, tb));
}

/* Deterministic tables without noise: every lane is the played match. */
static void deterministic_lanes_are_the_match(void **unused)
{
    (void)unused;
    static const char *det[] = {"tft", "defector", "alternator", "suspicious_tft", "bully", "wsls",
                                "win_shift_lose_stay"};
    static const int lengths[] = {1, 63, 64, 65, 200};
    pl_table_batch bt;
    for (size_t i = 0; i < sizeof det / sizeof *det; i++)
        for (size_t j = 0; j < sizeof det / sizeof *det; j++)
            for (size_t l = 0; l < sizeof lengths / sizeof *lengths; l++) {
                pl_strategy *a = make(det[i]), *b = make(det[j]);
                pl_table ta, tb;
                tables(a, b, &ta, &tb);
                pl_rng rng;
                pl_rng_init(&rng, 1, 2, 3);
                pl_table_pair pp;
                pl_table_pair_prepare(&ta, &tb, 0, NULL, &pp);
                pl_table_batch_play(&pp, lengths[l], 64, &rng, &bt, NULL);
                lanes_are_the_match(a, b, det[i], det[j], lengths[l], &bt);
                pl_strategy_free(a), pl_strategy_free(b);
            }
}

/* Mean scores of `batches` x 64 repetitions of a against b, and their standard errors; the
 * counts the tournament keeps checked against each other on the way.  gaps: the noise's gaps
 * for the players whose tables draw nothing (noise <= 1/16), or the bit-serial draw for all. */
static void batched_means(const char *an, const char *bn, int turns, double noise, int gaps, int batches,
                          double mean[2], double se[2])
{
    pl_strategy *a = make(an), *b = make(bn);
    pl_table ta, tb;
    tables(a, b, &ta, &tb);
    const pl_game *g = pl_game_standard();
    pl_rng_gaps gp;
    uint64_t cut = pl_rng_cut(noise);
    gaps = gaps && cut && cut <= PL_TABLE_GAPS_NOISE;
    if (gaps) pl_rng_gaps_init(&gp, cut);
    pl_table_pair pp;
    pl_table_pair_prepare(&ta, &tb, cut, gaps ? &gp : NULL, &pp);
    assert_true((pp.gaps != NULL) == gaps);
    double sum[2] = {0, 0}, sq[2] = {0, 0};
    pl_table_batch bt;
    for (int q = 0; q < batches; q++) {
        pl_rng rng;
        pl_rng_init(&rng, 5, (uint64_t)turns, (uint64_t)q);
        pl_table_batch_play(&pp, turns, 64, &rng, &bt, NULL);
        uint64_t counted[4] = {0, 0, 0, 0};
        for (int lane = 0; lane < 64; lane++) {
            unsigned n = 0;
            for (int p = 0; p < 2; p++) {
                double x = 0;
                for (int o = 0; o < 4; o++) x += bt.n[lane][o] * g->payoff[o >> 1][o & 1][p];
                sum[p] += x, sq[p] += x * x;
            }
            for (int o = 0; o < 4; o++) n += bt.n[lane][o], counted[o] += bt.n[lane][o];
            assert_int_equal(n, turns);
        }
        /* the outcomes followed by a further turn are all but the last turn's */
        uint64_t next = 0;
        for (int o = 0; o < 4; o++) {
            assert_true(bt.total[o] == counted[o]);
            assert_true(bt.next[o] <= counted[o]);
            assert_true(bt.next_c[0][o] <= bt.next[o] && bt.next_c[1][o] <= bt.next[o]);
            next += bt.next[o];
        }
        assert_int_equal(next, 64 * (turns - 1));
        assert_true(bt.first_c[0] <= 64 && bt.first_c[1] <= 64);
    }
    double n = batches * 64.0;
    for (int p = 0; p < 2; p++) {
        mean[p] = sum[p] / n;
        se[p] = sqrt((sq[p] / n - mean[p] * mean[p]) / n) + 1e-9;
    }
    pl_strategy_free(a), pl_strategy_free(b);
}

static void expected(const char *an, const char *bn, int turns, double noise, double e[2])
{
    pl_strategy *a = make(an), *b = make(bn);
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = turns;
    cfg.noise = noise;
    pl_match_expectation x;
    pl_error err;
    assert_int_equal(pl_match_expected(a, b, &cfg, &x, &err), PL_OK);
    e[0] = x.score[0], e[1] = x.score[1];
    pl_strategy_free(a), pl_strategy_free(b);
}

/* Random lanes: mean scores within five standard errors of the exact expectation, for pairs
 * of every kind (tables that draw nothing, some states that draw, all), noises that take the
 * gaps (<= 1/16) and that do not, with and without the gaps. */
static void random_lanes_agree_with_the_expectation(void **unused)
{
    (void)unused;
    static const char *pairs[][2] = {{"gtft", "zd_extort_2"}, {"wsls", "stochastic_cooperator"},
                                     {"first_joss", "firm_but_fair"}, {"desperate", "random"}, {"tft", "tft"},
                                     {"tft", "wsls"}, {"cooperator", "defector"}, {"suspicious_tft", "gtft"},
                                     {"zd_gen_2", "zd_set_2"}, {"first_grofman", "soft_joss"}};
    static const double noises[] = {0, 0.01, 0.05, 0.3};
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
        for (size_t nz = 0; nz < sizeof noises / sizeof *noises; nz++)
            for (int gaps = 0; gaps < 2; gaps++) {
                double mean[2], se[2], e[2];
                batched_means(pairs[k][0], pairs[k][1], 50, noises[nz], gaps, 48, mean, se);
                expected(pairs[k][0], pairs[k][1], 50, noises[nz], e);
                for (int p = 0; p < 2; p++)
                    if (fabs(mean[p] - e[p]) > 5 * se[p])
                        fail_msg("%s vs %s, noise %g, gaps %d, party %d: batched mean %g, expected %g (standard "
                                 "error %g)", pairs[k][0], pairs[k][1], noises[nz], gaps, p, mean[p], e[p], se[p]);
            }
}

/* The check above can fail: with enough repetitions (256,000 of 200 turns) a noise 3 % off is
 * more than five standard errors from the batched means (of one party at least), by the gaps
 * (0.05, players whose tables draw nothing), by the bit-serial draw (0.2), and both at once. */
static void a_noise_off_by_three_per_cent_is_seen(void **unused)
{
    (void)unused;
    static const struct {
        const char *a, *b;
        double noise;
    } cases[] = {{"cooperator", "cooperator", 0.05}, {"cooperator", "zd_extort_2", 0.05}, {"defector", "cooperator", 0.05},
                 {"cooperator", "cooperator", 0.2}, {"defector", "cooperator", 0.2}, {"zd_extort_2", "gtft", 0.2}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        double mean[2], se[2], e[2], off[2];
        batched_means(cases[c].a, cases[c].b, 200, cases[c].noise, 1, 4000, mean, se);
        expected(cases[c].a, cases[c].b, 200, cases[c].noise, e);
        expected(cases[c].a, cases[c].b, 200, cases[c].noise * 1.03, off);
        double seen = 0; /* how far, in standard errors, the means are from the noise 3 % off */
        for (int p = 0; p < 2; p++) {
            if (fabs(mean[p] - e[p]) > 5 * se[p])
                fail_msg("%s vs %s, noise %g: batched %g, expected %g (se %g)", cases[c].a, cases[c].b,
                         cases[c].noise, mean[p], e[p], se[p]);
            if (fabs(mean[p] - off[p]) / se[p] > seen) seen = fabs(mean[p] - off[p]) / se[p];
        }
        if (seen < 5)
            fail_msg("%s vs %s, noise %g: the batched means are within 5 se of the noise 3 %% off", cases[c].a,
                     cases[c].b, cases[c].noise);
    }
}

/* Fewer lanes than 64: the others stay empty. */
static void partial_batch(void **unused)
{
    (void)unused;
    pl_strategy *a = make("random"), *b = make("gtft");
    pl_table ta, tb;
    tables(a, b, &ta, &tb);
    pl_table_batch bt;
    pl_rng rng;
    pl_rng_init(&rng, 9, 9, 9);
    pl_table_pair pp;
    pl_table_pair_prepare(&ta, &tb, pl_rng_cut(0.1), NULL, &pp);
    pl_table_batch_play(&pp, 30, 5, &rng, &bt, NULL);
    for (int lane = 0; lane < 64; lane++) {
        unsigned turns = bt.n[lane][0] + bt.n[lane][1] + bt.n[lane][2] + bt.n[lane][3];
        assert_int_equal(turns, lane < 5 ? 30 : 0);
    }
    assert_true(bt.first_c[0] <= 5 && bt.first_c[1] <= 5);
    assert_int_equal(bt.next[0] + bt.next[1] + bt.next[2] + bt.next[3], 5 * 29);
    pl_strategy_free(a), pl_strategy_free(b);
}

/* The actions kept for the interactions file (the kernel's `actions`): the same batch and draws
 * as without them, every lane's actions its counts (batch_testing.h), for a full and a partial
 * batch, lengths across a chunk of 64 turns, the bit-serial draws and the noise's gaps. */
static void kept_actions(void **unused)
{
    (void)unused;
    static const char *pairs[][2] = {{"random", "gtft"}, {"tft", "wsls"}, {"zd_extort_2", "tft"}};
    static const int lengths[] = {1, 63, 64, 130}, lanes_of[] = {64, 7};
    pl_rng_gaps gaps;
    pl_rng_gaps_init(&gaps, pl_rng_cut(0.05));
    for (int k = 0; k < 3; k++) {
        pl_strategy *a = make(pairs[k][0]), *b = make(pairs[k][1]);
        pl_table ta, tb;
        tables(a, b, &ta, &tb);
        for (int g = 0; g < 2; g++) {
            pl_table_pair pp;
            pl_table_pair_prepare(&ta, &tb, pl_rng_cut(0.05), g ? &gaps : NULL, &pp);
            for (int l = 0; l < 4; l++)
                for (int v = 0; v < 2; v++) {
                    int turns = lengths[l], lanes = lanes_of[v];
                    uint64_t *acts = malloc(2 * (size_t)turns * sizeof *acts);
                    assert_non_null(acts);
                    pl_table_batch plain, kept;
                    pl_rng r1, r2;
                    pl_rng_init(&r1, 5, (uint64_t)k, (uint64_t)l);
                    r2 = r1;
                    pl_table_batch_play(&pp, turns, lanes, &r1, &plain, NULL);
                    pl_table_batch_play(&pp, turns, lanes, &r2, &kept, acts);
                    assert_memory_equal(&r1, &r2, sizeof r1); /* the same draws taken */
                    kept_actions_are_the_counts(&plain, &kept, acts, turns, lanes);
                    free(acts);
                }
        }
        pl_strategy_free(a), pl_strategy_free(b);
    }
}

/* Two batches at once (pl_table_batch_play2) are the two batches played one after the other,
 * count for count and draw for draw (the streams handed back the same), in every way this
 * processor allows (one after the other; AVX2; AVX-512VL): both players drawing bit by bit, one
 * or both taking the gaps' flips, a noise above the gaps' and none, lengths about a chunk of 64
 * turns and of the WIDE_BLOCK steps, a second batch of 64 lanes, of a few and of one. */
static void two_batches_at_once(void **unused)
{
    (void)unused;
    static const char *pairs[][2] = {{"random", "gtft"},  {"zd_extort_2", "tft"}, {"wsls", "soft_joss"},
                                     {"tft", "wsls"},     {"first_joss", "zd_gtft_2"}, {"defector", "random"},
                                     {"cooperator", "stochastic_cooperator"}};
    static const double noises[] = {0, 0.05, 0.3};
    static const int lengths[] = {1, 2, 5, 63, 64, 65, 200}, seconds[] = {64, 9, 1};
    pl_rng_gaps gaps;
    pl_rng_gaps_init(&gaps, pl_rng_cut(0.05));
    int best = pl_table_batch_wide(-1), played = 0;
    for (int level = 0; level <= best; level++) {
        pl_table_batch_wide(level);
        for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
            pl_strategy *a = make(pairs[k][0]), *b = make(pairs[k][1]);
            pl_table ta, tb;
            tables(a, b, &ta, &tb);
            for (int v = 0; v < 3; v++) {
                uint64_t cut = pl_rng_cut(noises[v]);
                pl_table_pair pp;
                pl_table_pair_prepare(&ta, &tb, cut, v == 1 ? &gaps : NULL, &pp);
                for (size_t l = 0; l < sizeof lengths / sizeof *lengths; l++)
                    for (int s = 0; s < 3; s++) {
                        pl_table_batch alone[2], together[2];
                        pl_rng r1[2], r2[2];
                        int lanes[2] = {64, seconds[s]};
                        for (int q = 0; q < 2; q++) {
                            pl_rng_init(&r1[q], 11, k * 7 + (uint64_t)l, (uint64_t)(2 * s + q));
                            r2[q] = r1[q];
                            pl_table_batch_play(&pp, lengths[l], lanes[q], &r1[q], &alone[q], NULL);
                        }
                        pl_rng *rs[2] = {&r2[0], &r2[1]};
                        pl_table_batch *outs[2] = {&together[0], &together[1]};
                        pl_table_batch_play2(&pp, lengths[l], lanes, rs, outs);
                        for (int q = 0; q < 2; q++) {
                            if (memcmp(&alone[q], &together[q], sizeof alone[q]) != 0 ||
                                memcmp(&r1[q], &r2[q], sizeof r1[q]) != 0)
                                fail_msg("level %d, %s against %s, noise %g, %d turns, lanes %d and %d: batch %d differs",
                                         level, pairs[k][0], pairs[k][1], noises[v], lengths[l], lanes[0], lanes[1], q);
                        }
                        played++;
                    }
            }
            pl_strategy_free(a), pl_strategy_free(b);
        }
    }
    pl_table_batch_wide(best);
    assert_true(played > 0);
}

/* In a tournament: same bytes on 1 and 2 threads; the pairs that are not two tables are
 * unchanged; the others' payoffs are close to the default's (batch_testing.h). */
static void batched_tournament(void **unused)
{
    (void)unused;
    static const char *names[] = {"tft", "gtft", "zd_extort_2", "adaptive", "wsls"};
    enum { N = 5, ADAPTIVE = 3 }; /* neither a table nor an automaton (an automaton's pairs take automaton_batch.c) */
    pl_strategy *p[N];
    for (int i = 0; i < N; i++) p[i] = make(names[i]);
    batched_against_default(p, names, N, ADAPTIVE, 0.05);
    for (int i = 0; i < N; i++) pl_strategy_free(p[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deterministic_lanes_are_the_match),
        cmocka_unit_test(random_lanes_agree_with_the_expectation),
        cmocka_unit_test(a_noise_off_by_three_per_cent_is_seen),
        cmocka_unit_test(partial_batch),
        cmocka_unit_test(kept_actions),
        cmocka_unit_test(two_batches_at_once),
        cmocka_unit_test(batched_tournament),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
