// SPDX-License-Identifier: MIT
/* strategy_testing.h — what the strategy tests (tests/unit/test_strategies_*.c)
 * share: make a strategy, play a match and read its action strings and scores,
 * play a strategy against a scripted opponent, and the statistical checks of the
 * stochastic players.  Static inline so that each test stays one file and the
 * Makefile one rule; a failure is a cmocka failure naming what was played.
 *
 * Include after <cmocka.h>.  Action strings are NUL-terminated strings of C and D;
 * a caller's buffer needs turns + 1 bytes. */
#ifndef PL_STRATEGY_TESTING_H
#define PL_STRATEGY_TESTING_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "strategies/registry.h"

/* ---- matches ------------------------------------------------------------ */

/* How a match is played; a field left zero is pl_match_config_default's (no
 * prob_end, no noise, the standard game, seed 0, stream 0) except turns, which
 * is taken as given (0 with prob_end: no cap). */
typedef struct st_match {
    int turns;
    double prob_end, noise;
    const char *game; /* "R,S,T,P", or NULL for 3,0,5,1 */
    uint64_t seed, stream_a;
} st_match;

typedef struct st_result {
    int turns;              /* turns played */
    double score_a, score_b;
} st_result;

/* A strategy by spec ("gtft:p=0.1", an Axelrod name); fails the test if unknown. */
static inline pl_strategy *st_make(const char *spec)
{
    pl_strategy *s = NULL;
    pl_error err;
    if (pl_strategy_create(&s, spec, &err) != 0) fail_msg("cannot create '%s': %s", spec, err.msg);
    return s;
}

/* Every strategy of the registry that keep() accepts, made with its defaults, in an array with room
 * for `room` more (free each with pl_strategy_free, then the array); their count in *n. */
static inline pl_strategy **st_registry_where(int (*keep)(const pl_strategy *), size_t room, size_t *n)
{
    size_t n_reg = pl_strategy_count();
    pl_strategy **all = calloc(n_reg + room, sizeof *all);
    if (!all) fail_msg("out of memory");
    *n = 0;
    for (size_t i = 0; i < n_reg; i++) {
        pl_strategy *s = st_make(pl_strategy_info_at(i)->id);
        if (keep(s)) all[(*n)++] = s;
        else pl_strategy_free(s);
    }
    return all;
}

/* The engine's configuration for m; `game` is storage for a parsed m.game. */
static inline pl_match_config st_config(st_match m, pl_game *game)
{
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = m.turns;
    cfg.prob_end = m.prob_end;
    cfg.noise = m.noise;
    cfg.seed = m.seed;
    cfg.stream_a = m.stream_a;
    if (m.game) {
        pl_error err;
        if (pl_game_parse_rstp(game, m.game, &err) != 0) fail_msg("game '%s': %s", m.game, err.msg);
        cfg.game = game;
    }
    return cfg;
}

/* Plays a against b.  With out_a, out_b (either may be NULL) writes the action
 * strings into the caller's buffers; with alloc_a, alloc_b, into new ones. */
static inline st_result st_play_into(const char *a, const char *b, st_match m, char *out_a, char *out_b,
                                     char **alloc_a, char **alloc_b)
{
    pl_strategy *sa = st_make(a), *sb = st_make(b);
    pl_game g;
    pl_match_config cfg = st_config(m, &g);
    pl_match_result *r;
    pl_error err;
    if (pl_match_play(sa, sb, &cfg, &r, &err) != 0) fail_msg("%s vs %s: %s", a, b, err.msg);
    st_result res = {pl_match_result_turns(r), pl_match_result_score(r, 0), pl_match_result_score(r, 1)};
    if (alloc_a) out_a = *alloc_a = malloc((size_t)res.turns + 1);
    if (alloc_b) out_b = *alloc_b = malloc((size_t)res.turns + 1);
    if (out_a) pl_match_result_actions(r, 0, out_a);
    if (out_b) pl_match_result_actions(r, 1, out_b);
    pl_match_result_free(r);
    pl_strategy_free(sa);
    pl_strategy_free(sb);
    return res;
}

/* Plays a against b; writes the action strings into out_a, out_b (either may be NULL). */
static inline st_result st_play(const char *a, const char *b, st_match m, char *out_a, char *out_b)
{
    return st_play_into(a, b, m, out_a, out_b, NULL, NULL);
}

/* Plays a against b; *out_a and *out_b are new action strings (the caller frees them). */
static inline st_result st_play_alloc(const char *a, const char *b, st_match m, char **out_a, char **out_b)
{
    return st_play_into(a, b, m, NULL, NULL, out_a, out_b);
}

/* Plays `spec` against a scripted opponent (the string `opp`, one turn a letter),
 * telling it the match length `length` (-1: unknown), under the game R,S,T,P
 * (NULL: 3,0,5,1) with the random stream of `seed`; writes its moves into out. */
static inline void st_play_script(const char *spec, const char *opp, int length, const char *rstp, uint64_t seed,
                                  char *out)
{
    pl_strategy *s = st_make(spec);
    pl_game g;
    pl_error err;
    assert_int_equal(pl_game_parse_rstp(&g, rstp ? rstp : "3,0,5,1", &err), 0);
    pl_history hm, ho;
    assert_int_equal(pl_history_init(&hm, 64), 0);
    assert_int_equal(pl_history_init(&ho, 64), 0);
    void *state = calloc(1, s->def->state_size + 1);
    assert_non_null(state);
    if (s->def->init) s->def->init(state, &s->params);
    pl_rng rng;
    pl_rng_init(&rng, seed, 0, 0);
    pl_view v = {.length = length, .me = &hm, .opp = &ho, .game = &g, .side = 0, .rng = &rng};
    int n = (int)strlen(opp);
    for (int t = 0; t < n; t++) {
        v.turn = t;
        int a = s->def->move(state, &s->params, &v);
        int o = opp[t] == 'D';
        out[t] = a == PL_D ? 'D' : 'C';
        pl_history_push(&hm, a, g.payoff[a][o][0]);
        pl_history_push(&ho, o, g.payoff[a][o][1]);
    }
    out[n] = 0;
    if (s->def->release) s->def->release(state);
    free(state);
    pl_history_free(&hm);
    pl_history_free(&ho);
    pl_strategy_free(s);
}

/* ---- what was played ------------------------------------------------------ */

static inline int st_count_c(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == 'C';
    return n;
}

/* 1 if s is k copies of c followed by copies of d to its end. */
static inline int st_is_run(const char *s, int k, char c, char d)
{
    int n = (int)strlen(s);
    for (int i = 0; i < n; i++)
        if (s[i] != (i < k ? c : d)) return 0;
    return 1;
}

/* a against b over strlen(want) turns (standard game, seed 0) plays `want`. */
static inline void st_expect_actions(const char *a, const char *b, const char *want)
{
    size_t n = strlen(want);
    char *got = malloc(n + 1);
    st_play(a, b, (st_match){.turns = (int)n}, got, NULL);
    if (strcmp(got, want)) fail_msg("%s vs %s (%zu turns):\n got  %s\n want %s", a, b, n, got, want);
    free(got);
}

/* a against b under m plays k copies of c, then d to the end. */
static inline void st_expect_run(const char *a, const char *b, st_match m, int k, char c, char d)
{
    char *xa, *xb;
    st_play_alloc(a, b, m, &xa, &xb);
    if (!st_is_run(xa, k, c, d)) fail_msg("%s vs %s over %d turns: got %.80s...", a, b, m.turns, xa);
    free(xa), free(xb);
}

/* a and b play the same moves against opp over `turns` turns. */
static inline void st_expect_same(const char *a, const char *b, const char *opp, int turns)
{
    char *x = malloc((size_t)turns + 1), *y = malloc((size_t)turns + 1);
    st_play(a, opp, (st_match){.turns = turns}, x, NULL);
    st_play(b, opp, (st_match){.turns = turns}, y, NULL);
    if (strcmp(x, y)) fail_msg("%s and %s differ against %s: %s / %s", a, b, opp, x, y);
    free(x), free(y);
}

/* A strategy that reads neither the payoffs nor the match length: against opp,
 * `turns` turns under the game 2,-1,4,0 are the same as under the standard game,
 * and with a probabilistic end (0.02, capped at `turns`) it plays a prefix of them. */
static inline void st_expect_blind_to_game_and_length(const char *spec, const char *opp, int turns, uint64_t seed)
{
    char *a0 = malloc((size_t)turns + 1), *a1 = malloc((size_t)turns + 1);
    st_play(spec, opp, (st_match){.turns = turns, .seed = seed}, a0, NULL);
    st_play(spec, opp, (st_match){.turns = turns, .game = "2,-1,4,0", .seed = seed}, a1, NULL);
    assert_string_equal(a0, a1);
    int n = st_play(spec, opp, (st_match){.turns = turns, .prob_end = 0.02, .seed = seed}, a1, NULL).turns;
    assert_true(n >= 1 && n <= turns);
    assert_memory_equal(a0, a1, (size_t)n);
    free(a0), free(a1);
}

/* ---- statistics ---------------------------------------------------------- */

/* |got - want| <= tol, or a failure naming `what`. */
static inline void st_assert_near(const char *what, double got, double want, double tol)
{
    if (fabs(got - want) > tol) fail_msg("%s: got %.5f, want %.5f (tolerance %.5f)", what, got, want, tol);
}

/* An observed proportion over n draws within k binomial standard errors of p. */
static inline void st_assert_proportion(const char *what, double observed, double p, double n, double k)
{
    double se = sqrt(p * (1 - p) / n);
    if (fabs(observed - p) > k * se)
        fail_msg("%s: observed %.5f, expected %.5f (n=%.0f, %.1f SE = %.5f)", what, observed, p, n, k, k * se);
}

/* A sample's running sums, for its mean and the standard error of the mean. */
typedef struct st_sample {
    double sum, sum2;
    int n;
} st_sample;

static inline void st_sample_add(st_sample *s, double x)
{
    s->sum += x;
    s->sum2 += x * x;
    s->n++;
}

static inline double st_sample_mean(const st_sample *s) { return s->sum / s->n; }

/* The standard error of the mean from the sample's own spread (0 if it does not vary). */
static inline double st_sample_se(const st_sample *s)
{
    double mean = st_sample_mean(s), var = (s->sum2 - s->n * mean * mean) / (s->n - 1);
    return sqrt(var > 0 ? var : 0) / sqrt(s->n);
}

/* The sample's mean within k standard errors (its own spread) plus `slack` of `want`. */
static inline void st_assert_mean(const char *what, const st_sample *s, double want, double k, double slack)
{
    st_assert_near(what, st_sample_mean(s), want, k * st_sample_se(s) + slack);
}

/* ---- rules checked over many seeds ------------------------------------------
 * For random strategies: moves the rule fixes must be the same for every seed; where
 * it draws, the share of C over many seeds must be its probability. */
enum { ST_SEEDS = 8, ST_DRAWS = 4000 };

/* A scripted opponent of n moves: `head` then `fill` repeated. */
static inline void st_script(char *out, const char *head, char fill, int n)
{
    size_t h = strlen(head);
    for (int t = 0; t < n; t++) out[t] = (size_t)t < h ? head[t] : fill;
    out[n] = 0;
}

/* A random opponent of n moves, each D with chance eighths / 8, drawn from the test's own generator
 * state *x (a 64-bit linear congruential step a move, its top three bits compared), so that a test's
 * trials follow one another from one seed. */
static inline void st_biased_script(char *out, int n, unsigned eighths, uint64_t *x)
{
    for (int j = 0; j < n; j++) {
        *x = *x * 6364136223846793005ull + 1442695040888963407ull;
        out[j] = (*x >> 61) < eighths ? 'D' : 'C';
    }
    out[n] = 0;
}

/* spec against the script plays `want` ('?': the rule draws there) for ST_SEEDS seeds. */
static inline void st_expect_moves(const char *spec, const char *opp, const char *want)
{
    size_t n = strlen(opp);
    char *a = malloc(n + 1);
    assert_int_equal(strlen(want), n);
    for (uint64_t seed = 1; seed <= ST_SEEDS; seed++) {
        st_play_script(spec, opp, -1, NULL, seed, a);
        for (size_t t = 0; t < n; t++)
            if (want[t] != '?' && a[t] != want[t])
                fail_msg("%s vs %s (seed %llu): move %zu is %c, the rule says %c\n  got  %s\n  want %s", spec, opp,
                         (unsigned long long)seed, t, a[t], want[t], a, want);
    }
    free(a);
}

/* The share of C at move t of spec against the script, over ST_DRAWS seeds, is p_c. */
static inline void st_expect_share(const char *spec, const char *opp, int t, double p_c)
{
    size_t n = (size_t)t + 1;
    char *a = malloc(n + 1), *o = malloc(n + 1);
    memcpy(o, opp, n);
    o[n] = 0;
    int coop = 0;
    for (uint64_t seed = 1; seed <= ST_DRAWS; seed++) {
        st_play_script(spec, o, -1, NULL, seed, a);
        coop += a[t] == 'C';
    }
    char what[160];
    snprintf(what, sizeof what, "%s: share of C at move %d", spec, t);
    st_assert_proportion(what, (double)coop / ST_DRAWS, p_c, ST_DRAWS, 5);
    free(a), free(o);
}


/* The share of C at move t of spec against the script opp is p_c: one row of a table of a
 * random rule's draws, checked by st_expect_shares. */
typedef struct st_share {
    const char *spec, *opp;
    int t;
    double p_c;
} st_share;
static inline void st_expect_shares(const st_share *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) st_expect_share(rows[i].spec, rows[i].opp, rows[i].t, rows[i].p_c);
}
#define ST_EXPECT_SHARES(rows) st_expect_shares(rows, sizeof rows / sizeof *rows)

/* A strategy's classification as the reference gives it (all_classifiers.yml); checked by
 * st_expect_meta, which also checks the family when one is named. */
typedef struct st_meta {
    const char *spec;
    int stochastic, memory, uses_length, uses_game;
} st_meta;
static inline void st_expect_meta(const st_meta *want, size_t n, const char *family)
{
    for (size_t i = 0; i < n; i++) {
        pl_strategy *s = st_make(want[i].spec);
        const pl_strategy_info *in = pl_strategy_get_info(s);
        if (pl_strategy_is_stochastic(s) != want[i].stochastic || pl_strategy_memory_depth(s) != want[i].memory ||
            in->uses_length != want[i].uses_length || in->uses_game != want[i].uses_game ||
            (family && strcmp(in->family, family)))
            fail_msg("%s: stochastic %d memory %d length %d game %d family %s", want[i].spec, pl_strategy_is_stochastic(s),
                     pl_strategy_memory_depth(s), in->uses_length, in->uses_game, in->family);
        pl_strategy_free(s);
    }
}

/* What spec plays against the script, for seeds 1..seeds, passes ok (a check of the whole string). */
typedef int (*st_play_check)(const char *a, int n);
static inline void st_expect_every_seed(const char *spec, const char *opp, uint64_t seeds, st_play_check ok,
                                        const char *what)
{
    size_t n = strlen(opp);
    char *a = malloc(n + 1);
    for (uint64_t seed = 1; seed <= seeds; seed++) {
        st_play_script(spec, opp, -1, NULL, seed, a);
        if (!ok(a, (int)n)) fail_msg("%s vs %s (seed %llu): %s, played %s", spec, opp, (unsigned long long)seed, what, a);
    }
    free(a);
}

#endif
