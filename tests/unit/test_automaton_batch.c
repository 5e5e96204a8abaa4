// SPDX-License-Identifier: MIT
/* test_automaton_batch.c — 64 repetitions of a pair of automata at once (twoparty/automaton_batch.c).
 *
 * The oracle is exact: the joint law of the two automata's states carried forward turn by turn
 * (small automata make it cheap) gives each party's expected score, and the lanes' mean scores
 * must be within five standard errors of it, for gamblers, Feld, Tullock, lookup tables and
 * memory-one tables against finite-state machines, cycles and grudgers, with and without noise.
 * The same check fails on a kernel fed a wrong automaton (cuts 3 % off, a next state read with
 * the actions swapped).  Deterministic lanes are the match itself; the tie of a byte with a top
 * is resolved exactly; in a tournament the option gives the same bytes on 1 and 2 threads and
 * leaves every pair it does not play as the default play plays it. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "strategies/strategy_handle.h"
#include "twoparty/automaton_batch.h"

#include "batch_testing.h"

static pl_strategy *make(const char *name)
{
    pl_strategy *s = NULL;
    pl_error err;
    if (pl_strategy_create(&s, name, &err)) fail_msg("%s: %s", name, err.msg);
    return s;
}

/* name on `side` as the kernel takes it for matches of `turns` turns: its automaton hook's, its
 * automaton_length hook's for that length, or its memory-one table's. */
static pl_automaton *automaton_for(const char *name, int side, int turns)
{
    pl_strategy *s = make(name);
    pl_automaton *a = malloc(sizeof *a);
    assert_non_null(a);
    pl_table t;
    if (s->def->automaton) assert_true(s->def->automaton(&s->params, a));
    else if (s->def->automaton_length) assert_true(s->def->automaton_length(&s->params, turns, a));
    else {
        assert_true(pl_table_of(s, pl_game_standard(), side, &t));
        pl_table_as_automaton(&t, a);
    }
    pl_strategy_free(s);
    return a;
}

static pl_automaton *automaton_of(const char *name, int side) { return automaton_for(name, side, 60); }

/* A probability as a double from a cut (exact: 53 bits). */
static double prob(uint64_t cut) { return cut == UINT64_MAX ? 1.0 : (double)(cut >> 11) * 0x1p-53; }

/* Each party's expected score over `turns` turns of A against B under the noise: the law of the
 * joint state (A's, B's) carried forward a turn at a time. */
static void exact_scores(const pl_automaton *A, const pl_automaton *B, int turns, double noise, double e[2])
{
    const pl_game *g = pl_game_standard();
    double nz = prob(pl_rng_cut(noise)) * (noise > 0);
    size_t nn = (size_t)A->n * (size_t)B->n;
    double *p = calloc(nn, sizeof *p), *q = calloc(nn, sizeof *q);
    assert_true(p && q);
    p[0] = 1;
    e[0] = e[1] = 0;
    for (int t = 0; t < turns; t++) {
        memset(q, 0, nn * sizeof *q);
        for (int sa = 0; sa < A->n; sa++)
            for (int sb = 0; sb < B->n; sb++) {
                double w = p[(size_t)sa * (size_t)B->n + (size_t)sb];
                if (w == 0) continue;
                double pa = prob(A->cut[sa]), pb = prob(B->cut[sb]);
                double ca = pa * (1 - nz) + (1 - pa) * nz, cb = pb * (1 - nz) + (1 - pb) * nz;
                for (int x = 0; x < 2; x++)
                    for (int y = 0; y < 2; y++) {
                        double v = w * (x ? 1 - ca : ca) * (y ? 1 - cb : cb);
                        if (v == 0) continue;
                        e[0] += v * g->payoff[x][y][0];
                        e[1] += v * g->payoff[x][y][1];
                        q[(size_t)A->next[sa][2 * x + y] * (size_t)B->n + B->next[sb][2 * y + x]] += v;
                    }
            }
        double *swap = p;
        p = q, q = swap;
    }
    free(p), free(q);
}

/* Mean scores of `batches` x 64 lanes of A against B and their standard errors; the counts the
 * tournament keeps checked against each other on the way. */
static void batched_means(const pl_automaton *A, const pl_automaton *B, int turns, double noise, int batches,
                          double mean[2], double se[2])
{
    const pl_game *g = pl_game_standard();
    pl_automaton_batch *ab = pl_automaton_batch_new();
    assert_non_null(ab);
    pl_automaton_batch_set(ab, A, B, pl_rng_cut(noise));
    double sum[2] = {0, 0}, sq[2] = {0, 0};
    pl_table_batch bt;
    for (int q = 0; q < batches; q++) {
        pl_rng rng;
        pl_rng_init(&rng, 7, (uint64_t)turns, (uint64_t)q);
        pl_automaton_batch_play(ab, turns, 64, &rng, &bt, NULL);
        uint64_t counted[4] = {0, 0, 0, 0}, next = 0;
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
        for (int o = 0; o < 4; o++) {
            assert_true(bt.total[o] == counted[o]);
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
    pl_automaton_batch_free(ab);
}

/* How far, in standard errors, the lanes of `play_a` against `play_b` are from the exact
 * expectation of `law_a` against `law_b` (the larger of the two parties'). */
static double distance(const pl_automaton *play_a, const pl_automaton *play_b, const pl_automaton *law_a,
                       const pl_automaton *law_b, int turns, double noise, int batches)
{
    double mean[2], se[2], e[2];
    batched_means(play_a, play_b, turns, noise, batches, mean, se);
    exact_scores(law_a, law_b, turns, noise, e);
    double z = 0;
    for (int p = 0; p < 2; p++)
        if (fabs(mean[p] - e[p]) / se[p] > z) z = fabs(mean[p] - e[p]) / se[p];
    return z;
}

static const char *const pairs[][2] = {
    {"pso_gambler_2_2_2", "evolved_fsm_16"}, {"first_feld", "tf2t"},         {"evolved_lookerup_2_2_2", "gtft"},
    {"cycler", "pso_gambler_1_1_1"},         {"first_tullock", "grudger"},   {"random", "evolved_fsm_4"},
    {"pso_gambler_mem1", "cycler"},          {"first_feld", "evolved_fsm_16"},
    /* players that read the match length, as the automata made for the 60 turns the checks play */
    {"backstabber", "gtft"},                 {"random", "eugine_nier"},      {"grumpy", "first_feld"},
    {"thue_morse", "pso_gambler_2_2_2"}};

/* The lanes' means within five standard errors of the exact expectation, every pair, with and
 * without noise. */
static void lanes_agree_with_the_exact_expectation(void **unused)
{
    (void)unused;
    static const double noises[] = {0, 0.05, 0.3};
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        pl_automaton *a = automaton_of(pairs[k][0], 0), *b = automaton_of(pairs[k][1], 1);
        for (size_t nz = 0; nz < sizeof noises / sizeof *noises; nz++) {
            double z = distance(a, b, a, b, 60, noises[nz], 40);
            if (z > 5) fail_msg("%s vs %s, noise %g: the lanes are %.1f standard errors from the exact expectation",
                                pairs[k][0], pairs[k][1], noises[nz], z);
        }
        free(a), free(b);
    }
}

/* The check above fails on a wrong kernel: Feld's cuts 3 % low, or the machine's next state read
 * with the two actions swapped, are more than five standard errors away. */
static void a_wrong_automaton_is_seen(void **unused)
{
    (void)unused;
    pl_automaton *a = automaton_of("first_feld", 0), *b = automaton_of("evolved_fsm_16", 1);
    pl_automaton *wa = malloc(sizeof *wa), *wb = malloc(sizeof *wb);
    assert_true(wa && wb);
    memcpy(wa, a, sizeof *a);
    memcpy(wb, b, sizeof *b);
    for (int s = 0; s < wa->n; s++)
        if (wa->cut[s] != 0 && wa->cut[s] != UINT64_MAX) wa->cut[s] = (uint64_t)((double)wa->cut[s] * 0.97);
    for (int s = 0; s < wb->n; s++) {
        uint16_t cd = wb->next[s][1];
        wb->next[s][1] = wb->next[s][2], wb->next[s][2] = cd;
    }
    for (int noisy = 0; noisy < 2; noisy++) {
        double noise = noisy ? 0.05 : 0;
        double right = distance(a, b, a, b, 100, noise, 300);
        double cut_off = distance(wa, b, a, b, 100, noise, 300), swapped = distance(a, wb, a, b, 100, noise, 300);
        if (right > 5) fail_msg("noise %g: the right automata are %.1f se off", noise, right);
        if (cut_off < 5) fail_msg("noise %g: cuts 3 %% low are only %.1f se off", noise, cut_off);
        if (swapped < 5) fail_msg("noise %g: the swapped next states are only %.1f se off", noise, swapped);
    }
    free(a), free(b), free(wa), free(wb);
}

/* A state cooperating with the chance 128.5 / 256: a byte of 128 ties the top and the rest of the
 * draw decides, half the time C.  Over 64 x 250 x 640 draws (se 1.6e-4) the share of C is that
 * chance; a tie taken as C or as D would move it by 1 / 512 = 0.00195 (12 se). */
static void a_tie_is_resolved_exactly(void **unused)
{
    (void)unused;
    pl_automaton *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    assert_true(a && b);
    double p = 128.5 / 256;
    a->n = b->n = 1;
    a->cut[0] = pl_rng_cut(p);
    b->cut[0] = UINT64_MAX;
    pl_automaton_batch *ab = pl_automaton_batch_new();
    assert_non_null(ab);
    pl_automaton_batch_set(ab, a, b, 0);
    pl_table_batch bt;
    double c = 0, n = 0;
    for (int q = 0; q < 640; q++) {
        pl_rng rng;
        pl_rng_init(&rng, 3, 1, (uint64_t)q);
        pl_automaton_batch_play(ab, 250, 64, &rng, &bt, NULL);
        c += (double)(bt.total[0] + bt.total[1]);
        n += 64.0 * 250;
        assert_int_equal(bt.total[1] + bt.total[3], 0); /* B always C */
    }
    double se = sqrt(p * (1 - p) / n);
    if (fabs(c / n - p) > 5 * se) fail_msg("share of C %.6f, the chance %.6f (se %.2g)", c / n, p, se);
    pl_automaton_batch_free(ab);
    free(a), free(b);
}

/* Deterministic automata without noise: every lane is the played match. */
static void deterministic_lanes_are_the_match(void **unused)
{
    (void)unused;
    static const char *const det[][2] = {{"tf2t", "cycler"}, {"grudger", "alternator"}, {"evolved_fsm_4", "tft"},
                                         {"evolved_lookerup_2_2_2", "evolved_fsm_16"}};
    static const int lengths[] = {1, 63, 64, 65, 200};
    pl_automaton_batch *ab = pl_automaton_batch_new();
    assert_non_null(ab);
    pl_table_batch bt;
    for (size_t k = 0; k < sizeof det / sizeof *det; k++) {
        pl_automaton *a = automaton_of(det[k][0], 0), *b = automaton_of(det[k][1], 1);
        pl_automaton_batch_set(ab, a, b, 0);
        pl_strategy *sa = make(det[k][0]), *sb = make(det[k][1]);
        for (size_t l = 0; l < sizeof lengths / sizeof *lengths; l++) {
            pl_rng rng;
            pl_rng_init(&rng, 1, 2, 3);
            pl_automaton_batch_play(ab, lengths[l], 64, &rng, &bt, NULL);
            lanes_are_the_match(sa, sb, det[k][0], det[k][1], lengths[l], &bt);
        }
        pl_strategy_free(sa), pl_strategy_free(sb);
        free(a), free(b);
    }
    pl_automaton_batch_free(ab);
}

/* The actions decided in vectors (AVX2's where the machine has them, and SSE2's) and lane by lane:
 * the same counts and the same stream after, batch for batch. */
static void vectors_and_lanes_agree(void **unused)
{
    (void)unused;
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        pl_automaton *a = automaton_of(pairs[k][0], 0), *b = automaton_of(pairs[k][1], 1);
        pl_automaton_batch *ab[3] = {pl_automaton_batch_new(), pl_automaton_batch_new(), pl_automaton_batch_new()};
        assert_true(ab[0] && ab[1] && ab[2]);
        pl_automaton_batch_plain(ab[1], 1);
        pl_automaton_batch_plain(ab[2], 2);
        static pl_table_batch bt[3];
        for (int nz = 0; nz < 2; nz++)
            for (int lanes = 37; lanes <= 64; lanes += 27) {
                pl_rng rng[3];
                for (int v = 0; v < 3; v++) {
                    pl_automaton_batch_set(ab[v], a, b, pl_rng_cut(nz ? 0.1 : 0));
                    pl_rng_init(&rng[v], 11, k, (uint64_t)lanes);
                    pl_automaton_batch_play(ab[v], 150, lanes, &rng[v], &bt[v], NULL);
                }
                for (int v = 0; v < 3; v += 2)
                    if (memcmp(&bt[v], &bt[1], sizeof bt[0]) != 0 || memcmp(&rng[v], &rng[1], sizeof rng[0]) != 0)
                        fail_msg("%s vs %s, noise %d, %d lanes: the %s vectors and the lanes differ", pairs[k][0],
                                 pairs[k][1], nz, lanes, v ? "SSE2" : "machine's");
            }
        pl_automaton_batch_free(ab[0]), pl_automaton_batch_free(ab[1]), pl_automaton_batch_free(ab[2]);
        free(a), free(b);
    }
}

/* Fewer lanes than 64: the others stay empty. */
static void partial_batch(void **unused)
{
    (void)unused;
    pl_automaton *a = automaton_of("pso_gambler_2_2_2", 0), *b = automaton_of("evolved_fsm_16", 1);
    pl_automaton_batch *ab = pl_automaton_batch_new();
    assert_non_null(ab);
    pl_automaton_batch_set(ab, a, b, pl_rng_cut(0.1));
    pl_table_batch bt;
    pl_rng rng;
    pl_rng_init(&rng, 9, 9, 9);
    pl_automaton_batch_play(ab, 30, 5, &rng, &bt, NULL);
    for (int lane = 0; lane < 64; lane++) {
        unsigned turns = bt.n[lane][0] + bt.n[lane][1] + bt.n[lane][2] + bt.n[lane][3];
        assert_int_equal(turns, lane < 5 ? 30 : 0);
    }
    assert_true(bt.first_c[0] <= 5 && bt.first_c[1] <= 5);
    assert_int_equal(bt.next[0] + bt.next[1] + bt.next[2] + bt.next[3], 5 * 29);
    pl_automaton_batch_free(ab);
    free(a), free(b);
}

/* Which pairs the tournament gives the kernel: two automata (tables among them) that may draw;
 * not two deterministic ones without noise, not a pair that never reaches a state that draws
 * (GTFT against Grudger: both cooperate for ever), not a player that is not an automaton. */
static void the_pairs_it_takes(void **unused)
{
    (void)unused;
    static const struct {
        const char *a, *b;
        double noise;
        int takes;
    } cases[] = {{"first_feld", "tf2t", 0, 1}, {"gtft", "cycler", 0, 1}, {"tf2t", "grudger", 0, 0},
                 {"tf2t", "grudger", 0.01, 1},       {"gtft", "grudger", 0, 0},        {"gtft", "defector", 0, 1},
                 {"adaptive", "first_feld", 0, 0},   {"first_feld", "adaptive", 0.1, 0},
                 {"backstabber", "gtft", 0, 1},      {"random", "alexei", 0, 1},       {"anti_cycler", "tft", 0, 0},
                 {"doublecrosser", "gtft", 0, 0}};
    pl_automaton_batch *ab = pl_automaton_batch_new();
    assert_non_null(ab);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        pl_strategy *a = make(cases[c].a), *b = make(cases[c].b);
        int got = pl_automaton_batch_pair(ab, a, b, pl_game_standard(), pl_rng_cut(cases[c].noise), 200);
        if (got != cases[c].takes)
            fail_msg("%s vs %s, noise %g: taken %d, expected %d", cases[c].a, cases[c].b, cases[c].noise, got,
                     cases[c].takes);
        pl_strategy_free(a), pl_strategy_free(b);
    }
    pl_automaton_batch_free(ab);
}

/* A player that reads the match length is taken as its automaton for the length of the batch's
 * matches: the pair as pl_automaton_batch_pair prepares it plays the same lanes as the automata
 * made for that length set by hand, and not as those made for one turn more. */
static void length_automata_made_for_the_match(void **unused)
{
    (void)unused;
    static const char *const cases[][2] = {{"backstabber", "gtft"}, {"random", "alexei"}, {"eugine_nier", "first_feld"}};
    pl_automaton_batch *ab = pl_automaton_batch_new(), *by_hand = pl_automaton_batch_new();
    assert_non_null(ab), assert_non_null(by_hand);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        pl_strategy *a = make(cases[c][0]), *b = make(cases[c][1]);
        assert_true(pl_automaton_batch_pair(ab, a, b, pl_game_standard(), 0, 60));
        int same[2];
        for (int extra = 0; extra < 2; extra++) {
            pl_automaton *ha = automaton_for(cases[c][0], 0, 60 + extra), *hb = automaton_for(cases[c][1], 1, 60 + extra);
            pl_automaton_batch_set(by_hand, ha, hb, 0);
            pl_table_batch x, y;
            pl_rng r1, r2;
            pl_rng_init(&r1, 3, c, 0), pl_rng_init(&r2, 3, c, 0);
            pl_automaton_batch_play(ab, 60, 64, &r1, &x, NULL);
            pl_automaton_batch_play(by_hand, 60, 64, &r2, &y, NULL);
            same[extra] = !memcmp(x.n, y.n, sizeof x.n);
            free(ha), free(hb);
        }
        if (!same[0] || same[1])
            fail_msg("%s vs %s: the lanes are%s those of the automata made for 60 turns and%s those made for 61",
                     cases[c][0], cases[c][1], same[0] ? "" : " not", same[1] ? "" : " not");
        pl_strategy_free(a), pl_strategy_free(b);
    }
    pl_automaton_batch_free(ab), pl_automaton_batch_free(by_hand);
}

/* The column player's automaton kept by player (field25) plays the same lanes as one built and
 * prepared afresh for the pair: a round robin of automata (among them players that read the
 * length and one that is a table) under three noises and two lengths, in one batch that keeps
 * them, each pair against a batch that keeps nothing.  A kept automaton taken under another noise
 * or length, or another player's, plays other lanes. */
static void kept_columns_play_as_made(void **unused)
{
    (void)unused;
    static const char *names[] = {"pso_gambler_2_2_2", "evolved_fsm_4", "first_feld", "gtft", "backstabber", "tf2t",
                                  "random", "first_tullock"};
    enum { N = sizeof names / sizeof *names };
    static const double noises[] = {0.05, 0.01, 0};
    pl_strategy *p[N];
    for (int i = 0; i < N; i++) p[i] = make(names[i]);
    pl_automaton_batch *kept = pl_automaton_batch_new(), *fresh = pl_automaton_batch_new();
    assert_non_null(kept), assert_non_null(fresh);
    pl_automaton_batch_no_kept(fresh, 1);
    int played = 0;
    for (int t = 0; t < 2; t++)
        for (size_t v = 0; v < sizeof noises / sizeof *noises; v++)
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++) {
                    int turns = 60 + t;
                    uint64_t cut = pl_rng_cut(noises[v]);
                    int a = pl_automaton_batch_pair(kept, p[i], p[j], pl_game_standard(), cut, turns);
                    int b = pl_automaton_batch_pair(fresh, p[i], p[j], pl_game_standard(), cut, turns);
                    assert_int_equal(a, b);
                    if (!a) continue;
                    pl_table_batch x, y;
                    pl_rng r1, r2;
                    pl_rng_init(&r1, 7, (uint64_t)(i * N + j), 0), pl_rng_init(&r2, 7, (uint64_t)(i * N + j), 0);
                    pl_automaton_batch_play(kept, turns, 64, &r1, &x, NULL);
                    pl_automaton_batch_play(fresh, turns, 64, &r2, &y, NULL);
                    if (memcmp(x.n, y.n, sizeof x.n) != 0)
                        fail_msg("%s vs %s, noise %g, %d turns: the kept column plays other lanes", names[i], names[j],
                                 noises[v], turns);
                    played++;
                }
    assert_true(played > 2 * N * N); /* most pairs were played: the noisy ones all */
    pl_automaton_batch_free(kept), pl_automaton_batch_free(fresh);
    for (int i = 0; i < N; i++) pl_strategy_free(p[i]);
}

/* The actions kept for the interactions file (the kernel's `actions`): the same batch and draws
 * as without them, every lane's actions its counts (batch_testing.h), for a full and a partial
 * batch, lengths across a chunk of 64 turns, with and without noise. */
static void kept_actions(void **unused)
{
    (void)unused;
    static const char *kinds[][2] = {{"pso_gambler_2_2_2", "evolved_fsm_16"}, {"first_feld", "tf2t"}};
    static const int lengths[] = {1, 60, 64, 130}, lanes_of[] = {64, 7};
    static const double noises[] = {0, 0.05};
    for (int k = 0; k < 2; k++)
        for (int l = 0; l < 4; l++) {
            int turns = lengths[l];
            pl_automaton *a = automaton_for(kinds[k][0], 0, turns), *b = automaton_for(kinds[k][1], 1, turns);
            pl_automaton_batch *ab = pl_automaton_batch_new();
            assert_non_null(ab);
            for (int z = 0; z < 2; z++) {
                pl_automaton_batch_set(ab, a, b, pl_rng_cut(noises[z]));
                for (int v = 0; v < 2; v++) {
                    int lanes = lanes_of[v];
                    uint64_t *acts = malloc(2 * (size_t)turns * sizeof *acts);
                    assert_non_null(acts);
                    pl_table_batch plain, kept;
                    pl_rng r1, r2;
                    pl_rng_init(&r1, 6, (uint64_t)k, (uint64_t)l);
                    r2 = r1;
                    pl_automaton_batch_play(ab, turns, lanes, &r1, &plain, NULL);
                    pl_automaton_batch_play(ab, turns, lanes, &r2, &kept, acts);
                    assert_memory_equal(&r1, &r2, sizeof r1); /* the same draws taken */
                    kept_actions_are_the_counts(&plain, &kept, acts, turns, lanes);
                    free(acts);
                }
            }
            pl_automaton_batch_free(ab);
            free(a), free(b);
        }
}

/* A pair whose joint automaton (every pair of the two players' states) is small is stepped as that one
 * automaton (field28); it plays the same lanes, draw for draw, as the two automata stepped apart
 * (pl_automaton_batch_no_joint): a round robin of tables, gamblers, machines, lookup tables, players
 * that read the length, Feld and Tullock (whose products with most are past the bound, so both ways
 * are seen), under three noises, two lengths, a full and a partial batch, decided in vectors and
 * lane by lane; the counts, the actions kept and the batch's stream after it all the same. */
static void joint_automaton_plays_as_two(void **unused)
{
    (void)unused;
    static const char *names[] = {"gtft", "random", "pso_gambler_2_2_2", "evolved_fsm_16", "evolved_lookerup_2_2_2",
                                  "first_feld", "backstabber", "tf2t", "first_tullock", "grudger"};
    enum { N = sizeof names / sizeof *names };
    static const double noises[] = {0, 0.05, 0.3};
    static const int lengths[] = {60, 130}, lanes_of[] = {64, 37};
    pl_strategy *p[N];
    for (int i = 0; i < N; i++) p[i] = make(names[i]);
    pl_automaton_batch *ab[2] = {pl_automaton_batch_new(), pl_automaton_batch_new()};
    assert_true(ab[0] && ab[1]);
    pl_automaton_batch_no_joint(ab[1], 1);
    int joint = 0, apart = 0;
    for (int plain = 0; plain < 2; plain++)
        for (int l = 0; l < 2; l++)
            for (size_t v = 0; v < sizeof noises / sizeof *noises; v++)
                for (int i = 0; i < N; i++)
                    for (int j = 0; j < N; j++) {
                        int turns = lengths[l], lanes = lanes_of[(i + j + l) & 1];
                        uint64_t cut = pl_rng_cut(noises[v]);
                        pl_automaton_batch_plain(ab[0], plain), pl_automaton_batch_plain(ab[1], plain);
                        int a = pl_automaton_batch_pair(ab[0], p[i], p[j], pl_game_standard(), cut, turns);
                        int b = pl_automaton_batch_pair(ab[1], p[i], p[j], pl_game_standard(), cut, turns);
                        assert_int_equal(a, b);
                        if (!a) continue;
                        pl_automaton *x = automaton_for(names[i], 0, turns), *y = automaton_for(names[j], 1, turns);
                        if (x->n * y->n <= PL_AUTOMATON_MAX) joint++;
                        else apart++;
                        free(x), free(y);
                        static pl_table_batch bt[2];
                        uint64_t *acts[2];
                        pl_rng r[2];
                        for (int k = 0; k < 2; k++) {
                            acts[k] = calloc(2 * (size_t)turns, sizeof *acts[k]);
                            assert_non_null(acts[k]);
                            pl_rng_init(&r[k], 5, (uint64_t)(i * N + j), (uint64_t)(v + 4 * l));
                            pl_automaton_batch_play(ab[k], turns, lanes, &r[k], &bt[k], acts[k]);
                        }
                        if (memcmp(&bt[0], &bt[1], sizeof bt[0]) != 0 || memcmp(&r[0], &r[1], sizeof r[0]) != 0 ||
                            memcmp(acts[0], acts[1], 2 * (size_t)turns * sizeof *acts[0]) != 0)
                            fail_msg("%s vs %s, noise %g, %d turns, %d lanes%s: the joint automaton plays other lanes",
                                     names[i], names[j], noises[v], turns, lanes, plain ? ", lane by lane" : "");
                        free(acts[0]), free(acts[1]);
                    }
    assert_true(joint > 100 && apart > 10);
    pl_automaton_batch_free(ab[0]), pl_automaton_batch_free(ab[1]);
    for (int i = 0; i < N; i++) pl_strategy_free(p[i]);
}

/* In a tournament: the same results on 1 and 2 threads; a pair with Adaptive (no automaton)
 * unchanged; the automata's pairs changed, but close to the default's (batch_testing.h), with and
 * without noise. */
static void batched_tournament(void **unused)
{
    (void)unused;
    static const char *names[] = {"pso_gambler_2_2_2", "evolved_fsm_4", "first_feld", "gtft", "tf2t", "adaptive"};
    enum { N = 6, ADAPTIVE = 5 };
    pl_strategy *p[N];
    for (int i = 0; i < N; i++) p[i] = make(names[i]);
    for (int noisy = 0; noisy < 2; noisy++) batched_against_default(p, names, N, ADAPTIVE, noisy ? 0.05 : 0);
    for (int i = 0; i < N; i++) pl_strategy_free(p[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lanes_agree_with_the_exact_expectation),
        cmocka_unit_test(a_wrong_automaton_is_seen),
        cmocka_unit_test(a_tie_is_resolved_exactly),
        cmocka_unit_test(deterministic_lanes_are_the_match),
        cmocka_unit_test(vectors_and_lanes_agree),
        cmocka_unit_test(partial_batch),
        cmocka_unit_test(the_pairs_it_takes),
        cmocka_unit_test(length_automata_made_for_the_match),
        cmocka_unit_test(batched_tournament),
        cmocka_unit_test(kept_columns_play_as_made),
        cmocka_unit_test(kept_actions),
        cmocka_unit_test(joint_automaton_plays_as_two),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
