// SPDX-License-Identifier: MIT
/* test_strategies_axelrod_first.c — the entries of Axelrod's first tournament:
 * behaviour at other match lengths and payoffs, parameters, and the statistics
 * of the stochastic entries against values derived from their rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "strategy_testing.h"

/* Over m seeded 200-turn matches of a against b, the mean number of a's
 * cooperations must be within 5 standard errors (from the sample spread) of
 * `expected`, or within 1e-9 when the count does not vary. */
static void assert_mean_coops(const char *a, const char *b, int m, double expected)
{
    static char buf[256];
    st_sample coops = {0};
    for (int i = 0; i < m; i++) {
        st_play(a, b, (st_match){.turns = 200, .seed = 1000 + (uint64_t)i}, buf, NULL);
        st_sample_add(&coops, st_count_c(buf));
    }
    char what[160];
    snprintf(what, sizeof what, "%s vs %s: mean cooperations", a, b);
    st_assert_mean(what, &coops, expected, 5, 1e-9);
}

/* ---- registry metadata --------------------------------------------------- */

static void names_flags_and_memory_match_axelrod(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int stochastic, uses_length, uses_game, memory;
    } want[] = {
        {"First by Davis: 10", 0, 0, 0, -1},
        {"First by Downing", 0, 0, 1, -1},
        {"First by Nydegger", 0, 0, 0, 3},
        {"First by Shubik", 0, 0, 0, -1},
        {"First by Stein and Rapoport: 0.05: (D, D)", 0, 1, 0, -1},
        {"First by Tideman and Chieruzzi: (D, D)", 0, 1, 1, -1},
        {"Revised Downing", 0, 0, 0, -1},
        {"First by Feld: 1.0, 0.5, 200", 1, 0, 0, 200},
        {"First by Grofman", 1, 0, 0, 1},
        {"First by Joss: 0.9", 1, 0, 0, 1},
        {"First by Tullock", 1, 0, 0, -1},
        {"First by Graaskamp: 0.05", 1, 0, 0, -1},
        {"First by Anonymous", 1, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        pl_strategy *s = st_make(want[i].name);
        const pl_strategy_info *in = pl_strategy_get_info(s);
        assert_string_equal(in->family, "axelrod_first");
        assert_string_equal(pl_strategy_label(s), want[i].name);
        assert_int_equal(pl_strategy_is_stochastic(s), want[i].stochastic);
        assert_int_equal(in->uses_length, want[i].uses_length);
        assert_int_equal(in->uses_game, want[i].uses_game);
        assert_int_equal(in->memory_depth, want[i].memory);
        pl_strategy_free(s);
    }
    /* Joss with a certain cooperation is deterministic */
    pl_strategy *s = st_make("first_joss:p=1");
    assert_int_equal(pl_strategy_is_stochastic(s), 0);
    pl_strategy_free(s);
}

/* ---- deterministic entries ----------------------------------------------- */

static void davis_parameter(void **state)
{
    (void)state;
    char a[64];
    st_play("first_davis:rounds_to_cooperate=3", "defector", (st_match){.turns = 10, .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCDDDDDDD");
    /* no unconditional cooperation: still C until the first defection is seen */
    st_play("first_davis:rounds_to_cooperate=0", "defector", (st_match){.turns = 5, .seed = 1}, a, NULL);
    assert_string_equal(a, "CDDDD");
    st_play("First by Davis: 10", "cooperator", (st_match){.turns = 30, .seed = 1}, a, NULL);
    assert_int_equal(st_count_c(a), 30);
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "first_davis:rounds_to_cooperate=-1", &err), PL_EINVAL);
}

static void final_two_defections_follow_the_length(void **state)
{
    (void)state;
    static const char *final_two[] = {"First by Stein and Rapoport: 0.05: (D, D)",
                                      "First by Tideman and Chieruzzi: (D, D)"};
    static const struct {
        int turns;
        const char *want;
    } cases[] = {{1, "D"}, {2, "DD"}, {3, "CDD"}, {7, "CCCCCDD"}};
    char a[512];
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
            st_play(final_two[k], "cooperator", (st_match){.turns = cases[i].turns, .seed = 1}, a, NULL);
            assert_string_equal(a, cases[i].want);
        }
        st_play(final_two[k], "cooperator", (st_match){.turns = 333, .seed = 1}, a, NULL);
        assert_int_equal(st_count_c(a), 331);
        assert_string_equal(a + 331, "DD");
        /* with a probabilistic end the length is unknown: no final defections */
        for (uint64_t seed = 1; seed <= 20; seed++) {
            st_play(final_two[k], "cooperator", (st_match){.turns = 400, .prob_end = 0.02, .seed = seed}, a, NULL);
            assert_int_equal(st_count_c(a), (int)strlen(a));
        }
    }
}

/* A scripted opponent's moves over 60 turns (drawn once at random, 40% D). */
static const char *r60 = "CCCCCCDCCCDDDCCDCCCCDDCDDDDCCCCCCCCDCCCCDDDDCCCDCCDDCCCDDCCD";

static void downing_reads_the_payoffs(void **state)
{
    (void)state;
    /* Expected strings computed from the rule (estimate P(C|my C), P(C|my D),
     * compare alpha R + (1-alpha) S with beta T + (1-beta) P) by an independent model. */
    char a[128];
    st_play_script("first_downing", r60, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "DDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
    st_play_script("first_downing", r60, 60, "4,0,4.5,1", 1, a);
    assert_string_equal(a, "DDCDCDCDCDCDCDCDCDCDDCDCCDCDCDCDCDCDDDDDDDDDDDDDDDDDDDDDDDDD");
    st_play_script("first_downing", r60, 60, "2,0,5,1", 1, a);
    assert_string_equal(a, "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
    /* against a cooperator with the standard game: D, D, then a tie broken by alternation */
    st_play("first_downing", "cooperator", (st_match){.turns = 3, .seed = 1}, a, NULL);
    assert_string_equal(a, "DDC");
}

static void tideman_chieruzzi_fresh_starts_depend_on_points_and_length(void **state)
{
    (void)state;
    /* An opponent that defects once every ten moves and takes its punishment:
     * growing retaliations, fresh starts when 10 points ahead (expected strings
     * from an independent model of the rule). */
    const char *sucker = "DCCCCCCCCCDCCCCCCCCCDCCCCCCCCCDCCCCCCCCCDCCCCCCCCCDCCCCCCCCC";
    const char *tc = "First by Tideman and Chieruzzi: (D, D)";
    char a[128];
    st_play_script(tc, sucker, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "CDCCCCCCCCCDDCCCCCCCCDDCCCCCCCCDCCCCCCCCCDDCCCCCCCCDCCCCCCDD");
    st_play_script(tc, sucker, -1, "3,0,5,1", 1, a);
    assert_string_equal(a, "CDCCCCCCCCCDDCCCCCCCCDDCCCCCCCCDCCCCCCCCCDDCCCCCCCCDCCCCCCCC");
    /* ten times the payoffs: the 10-point lead comes sooner */
    st_play_script(tc, sucker, 60, "30,0,50,10", 1, a);
    assert_string_equal(a, "CDCCCCCCCCCDDCCCCCCCCDCCCCCCCCCDDCCCCCCCCDCCCCCCCCCDDCCCCCDD");
    st_play_script(tc, r60, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "CCCCCCCDCCCDDDDDDDDDCDDDDDDDDDDDCCCCDDDDDDDDDDDDDDDDDDDDDDDD");
}

static void stein_rapoport_alpha(void **state)
{
    (void)state;
    /* 5 defections in the first 14 moves: chi2 = (9-5)^2/14 = 1.143, p = 0.285.
     * At alpha 0.05 the opponent looks random (defect from move 15 until the
     * next test at move 30, where 5 of 29 gives p = 0.0004); at alpha 0.3 it does not. */
    const char *opp = "DCCDCCDCCDCCDCCCCCCCCCCCCCCCCCCCCCCCCCCC";
    char a[64];
    st_play_script("first_stein_rapoport", opp, 40, NULL, 1, a);
    assert_string_equal(a, "CCCCDCCDCCDCCDDDDDDDDDDDDDDDDCCCCCCCCCDD");
    st_play_script("first_stein_rapoport:alpha=0.3", opp, 40, NULL, 1, a);
    assert_string_equal(a, "CCCCDCCDCCDCCDCCCCCCCCCCCCCCCCCCCCCCCCDD");
}

static void nydegger_third_move_exception(void **state)
{
    (void)state;
    char a[16];
    st_play_script("first_nydegger", "DCC", 3, NULL, 1, a); /* alone C on move 1, alone D on move 2 */
    assert_string_equal(a, "CDD");
    st_play_script("first_nydegger", "CDC", 3, NULL, 1, a);
    assert_string_equal(a, "CCD");
    /* then A = 16 a1 + 4 a2 + a3: (D,D), (D,D), (C,D) gives 48 + 12 + 2 = 62, not
     * in the set: C; then (C,D), (D,D), (D,D) gives 32 + 12 + 3 = 47: C */
    st_play_script("first_nydegger", "DDDDD", 5, NULL, 1, a);
    assert_string_equal(a, "CDDCC");
    /* mutual cooperation: A = 0, cooperate */
    st_play_script("first_nydegger", "CCCCCCC", 7, NULL, 1, a);
    assert_string_equal(a, "CCCCCCC");
}

static void shubik_retaliations_grow(void **state)
{
    (void)state;
    char a[64];
    /* each defection against a cooperation is answered by 1, 2, 3 ... defections */
    st_play_script("first_shubik", "DCCCDCCCCDCCCCCC", 16, NULL, 1, a);
    assert_string_equal(a, "CDCCCDDCCCDDDCCC");
}

static void revised_downing_against_defector(void **state)
{
    (void)state;
    char a[16];
    st_play("revised_downing", "defector", (st_match){.turns = 6, .seed = 1}, a, NULL);
    /* C; then good = 1, bad = 0: 6-2 >= 0 and >= 4-1: C; after a C answered by D,
     * good = 0: both expressions negative: D from then on */
    assert_string_equal(a, "CCDDDD");
}

/* ---- stochastic entries --------------------------------------------------- */

static void joss_statistics(void **state)
{
    (void)state;
    /* vs Cooperator: C first, then C with probability p on each of 199 moves */
    assert_mean_coops("First by Joss: 0.9", "cooperator", 400, 1 + 199 * 0.9);
    assert_mean_coops("first_joss:p=0.5", "cooperator", 400, 1 + 199 * 0.5);
    /* vs Defector: tit for tat, no draw */
    char a[256];
    st_play("first_joss", "defector", (st_match){.turns = 200, .seed = 7}, a, NULL);
    assert_int_equal(st_count_c(a), 1);
    assert_int_equal(a[0], 'C');
}

static void feld_statistics(void **state)
{
    (void)state;
    /* vs Cooperator: P(C at move t>0) = max(start + (end-start) t / rounds, end) */
    double e = 1;
    for (int t = 1; t < 200; t++) e += fmax(1.0 - 0.5 * t / 200.0, 0.5);
    assert_mean_coops("First by Feld: 1.0, 0.5, 200", "cooperator", 400, e);
    e = 1;
    for (int t = 1; t < 200; t++) e += fmax(0.9 - 0.7 * t / 50.0, 0.2);
    assert_mean_coops("first_feld:start_coop_prob=0.9,end_coop_prob=0.2,rounds_of_decay=50", "cooperator", 400, e);
    /* start = end = 1: tit for tat */
    char a[256], b[256];
    st_play("first_feld:end_coop_prob=1", "tft", (st_match){.turns = 200, .seed = 3}, a, b);
    assert_int_equal(st_count_c(a), 200);
    st_play("first_feld", "defector", (st_match){.turns = 50, .seed = 3}, a, NULL);
    assert_int_equal(st_count_c(a), 1);
}

static void grofman_statistics(void **state)
{
    (void)state;
    /* vs Defector: after C (outcomes differ) cooperate w.p. 2/7, after D (both D)
     * cooperate: P(C at t+1) = 2/7 P(C at t) + (1 - P(C at t)), P(C at 0) = 1 */
    double p = 1, e = 0;
    for (int t = 0; t < 200; t++) {
        e += p;
        p = p * 2.0 / 7.0 + (1 - p);
    }
    assert_mean_coops("First by Grofman", "defector", 400, e);
    char a[256];
    st_play("first_grofman", "cooperator", (st_match){.turns = 200, .seed = 5}, a, NULL);
    assert_int_equal(st_count_c(a), 200); /* outcomes always agree */
}

static void tullock_statistics(void **state)
{
    (void)state;
    /* 11 cooperations, then C with probability (10/10) - 0.1 = 0.9 against a cooperator */
    assert_mean_coops("First by Tullock", "cooperator", 400, 11 + 189 * 0.9);
    /* against a defector the probability is max(0, 0 - 0.1) = 0: no draw */
    char a[256];
    st_play("first_tullock", "defector", (st_match){.turns = 200, .seed = 9}, a, NULL);
    assert_int_equal(st_count_c(a), 11);
    assert_int_equal(strspn(a, "C"), 11);
}

/* A random script of n letters (C or D) from the seed x. */
static void random_script(char *out, int n, uint64_t x)
{
    for (int t = 0; t < n; t++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        out[t] = x >> 63 ? 'D' : 'C';
    }
    out[n] = 0;
}

/* Feld, Tullock and Anonymous draw for draw: their moves against random scripts are those of
 * their rules written out here with the stream st_play_script gives them, each probability
 * computed as the rule says (Feld's quotient each move, Tullock's count over ten, Anonymous's
 * uniform draw) and drawn by pl_rng_bernoulli, so a probability made once a match or read from a
 * table must be the very same double, and a draw made without pl_view_coop_with the same draw. */
static void stochastic_entries_draw_as_their_rules(void **state)
{
    (void)state;
    enum { N = 320 };
    char opp[N + 1], got[N + 1], want[N + 1];
    const struct {
        const char *spec;
        double start, end, rounds;
    } felds[] = {{"first_feld", 1.0, 0.5, 200},
                 {"first_feld:start_coop_prob=0.9,end_coop_prob=0.2,rounds_of_decay=50", 0.9, 0.2, 50},
                 {"first_feld:start_coop_prob=0.3,end_coop_prob=0.7,rounds_of_decay=7", 0.3, 0.7, 7}};
    for (int k = 0; k < 12; k++) {
        random_script(opp, N, 77 + (uint64_t)k);
        for (size_t f = 0; f < sizeof felds / sizeof *felds; f++) {
            pl_rng rng;
            pl_rng_init(&rng, 5 + (uint64_t)k, 0, 0);
            for (int t = 0; t < N; t++) {
                double prob = felds[f].start + (felds[f].end - felds[f].start) / felds[f].rounds * t;
                if (prob < felds[f].end) prob = felds[f].end;
                want[t] = t == 0 ? 'C' : opp[t - 1] == 'D' ? 'D' : pl_rng_bernoulli(&rng, prob) ? 'C' : 'D';
            }
            want[N] = 0;
            st_play_script(felds[f].spec, opp, N, NULL, 5 + (uint64_t)k, got);
            assert_string_equal(got, want);
        }
        pl_rng rng;
        pl_rng_init(&rng, 9 + (uint64_t)k, 0, 0);
        for (int t = 0; t < N; t++) {
            int coops = 0;
            for (int i = t - 10; i < t; i++) coops += i >= 0 && opp[i] == 'C';
            double prob = (double)coops / 10.0 - 0.10;
            if (prob < 0) prob = 0;
            want[t] = t < 11 ? 'C' : pl_rng_bernoulli(&rng, prob) ? 'C' : 'D';
        }
        want[N] = 0;
        st_play_script("first_tullock", opp, N, NULL, 9 + (uint64_t)k, got);
        assert_string_equal(got, want);
        pl_rng_init(&rng, 13 + (uint64_t)k, 0, 0);
        for (int t = 0; t < N; t++) {
            double prob = (3.0 + 4.0 * pl_rng_uniform(&rng)) / 10.0;
            want[t] = pl_rng_bernoulli(&rng, prob) ? 'C' : 'D';
        }
        st_play_script("first_anonymous", opp, N, NULL, 13 + (uint64_t)k, got);
        assert_string_equal(got, want);
    }
}

static void anonymous_statistics(void **state)
{
    (void)state;
    /* P(C) = E[U(0.3, 0.7)] = 0.5 on every move, whatever the opponent */
    assert_mean_coops("First by Anonymous", "cooperator", 400, 100);
    assert_mean_coops("First by Anonymous", "defector", 400, 100);
}

static void graaskamp_behaviour(void **state)
{
    (void)state;
    char a[256], b[256];
    /* vs Cooperator: 50 C, D on move 51, 5 C, then defections every 5 to 14 moves */
    double e = 0;
    {
        /* expected number of random defections within moves 57..200 (turns 56..199):
         * renewal process with gaps uniform on 5..14 starting from turn 56 */
        double f[200 + 15] = {0};
        for (int g = 5; g <= 14; g++) f[56 + g] += 0.1;
        for (int t = 56; t < 200; t++)
            if (f[t] > 0) {
                e += f[t];
                for (int g = 5; g <= 14; g++) f[t + g] += f[t] * 0.1;
            }
    }
    st_sample defections = {0};
    int m = 400;
    for (int i = 0; i < m; i++) {
        st_play("First by Graaskamp: 0.05", "cooperator", (st_match){.turns = 200, .seed = 50 + (uint64_t)i}, a, NULL);
        assert_int_equal(strspn(a, "C"), 50);
        assert_int_equal(a[50], 'D');
        assert_int_equal(strspn(a + 51, "C"), 5 + strspn(a + 56, "C"));
        int last = 56;
        for (int t = 56; t < 200; t++)
            if (a[t] == 'D') {
                int gap = t - last;
                assert_true(gap >= 5 && gap <= 14);
                last = t;
            }
        st_sample_add(&defections, 200 - st_count_c(a) - 1);
    }
    /* mean number of random defections within 5 standard errors (sample spread) */
    st_assert_mean("Graaskamp: random defections", &defections, e, 5, 0);

    /* vs Tit For Tat: recognised as tit for tat, played deterministically */
    st_play("first_graaskamp", "tft", (st_match){.turns = 200, .seed = 1}, a, b);
    char a2[256];
    st_play("first_graaskamp", "tft", (st_match){.turns = 200, .seed = 2}, a2, NULL);
    assert_string_equal(a, a2);
    assert_int_equal(strspn(a, "C"), 50);
    for (int t = 50; t < 200; t++) assert_int_equal(a[t], (t - 50) % 2 == 0 ? 'D' : 'C');

    /* alpha: 24 defections in 56 moves gives p = 0.285; random at 0.05, not at 0.5 */
    char opp[80];
    for (int t = 0; t < 70; t++) opp[t] = (t < 56 && t % 7 < 3) ? 'D' : 'C';
    opp[70] = 0;
    st_play_script("first_graaskamp", opp, 70, NULL, 1, a);
    assert_int_equal(strspn(a + 56, "D"), 14);
    st_play_script("first_graaskamp:alpha=0.5", opp, 70, NULL, 1, a);
    assert_int_equal(a[56], 'C');
    assert_true(strspn(a + 56, "C") >= 5);
}

/* Graaskamp against scripts of 600 turns, from an even split to a strong bias, the bias turned
 * round after a while in every other one (so that its randomness test passes early, late or never), with alpha 0.05, 0.01 and 0.3, move for move
 * against its rule written out with the p-value erfc(sqrt(x / 2)) of the statistic computed at
 * every turn and its random gaps drawn from the same stream: the player skips the turns on which the
 * test certainly fails (graaskamp_sure_failures); the runs of D then C bring the counts back at
 * the fastest rate that bound allows for.  Fails with two turns more skipped than it finds
 * (tried). */
static void graaskamp_tests_as_its_rule(void **state)
{
    (void)state;
    enum { N = 600 };
    static const char *specs[] = {"first_graaskamp", "first_graaskamp:alpha=0.01", "first_graaskamp:alpha=0.3"};
    static const double alpha[] = {0.05, 0.01, 0.3};
    char *script = malloc(N + 1), *got = malloc(N + 1), *want = malloc(N + 1);
    uint64_t x = 4242;
    int found_late = 0, never = 0;
    for (int trial = 0; trial < 60; trial++) {
        unsigned bias = 16 + (unsigned)(trial % 12) * 4; /* a D in 64 with chance 16/64 to 60/64 */
        for (int j = 0; j < N; j++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            /* in every other trial the bias turns round after a while: the counts drift back
             * towards an even split, and the test passes late */
            unsigned b = trial % 2 && j >= 120 + 4 * trial ? 64 - bias : bias;
            script[j] = (x >> 58) < b ? 'D' : 'C';
            /* and in every third, a run of D then only C: the counts come back to an even split as
             * fast as they can, which the skipped turns must allow for exactly */
            if (trial % 3 == 2) script[j] = j < 56 + 3 * trial ? 'D' : 'C';
        }
        script[N] = 0;
        for (size_t k = 0; k < sizeof specs / sizeof *specs; k++) {
            st_play_script(specs[k], script, N, NULL, 1 + (uint64_t)trial, got);
            pl_rng rng;
            pl_rng_init(&rng, 1 + (uint64_t)trial, 0, 0);
            int tft = 1, twin = 1, random = 0, next = 0, coops = 0, found = -1;
            for (int t = 0; t < N; t++) {
                char w;
                if (t == 0) w = 'C';
                else {
                    if (t >= 2 && script[t - 1] != want[t - 2]) tft = 0;
                    if (script[t - 1] != want[t - 1]) twin = 0;
                    if (t < 56) w = script[t - 1] == 'D' || t == 50 ? 'D' : 'C';
                    else {
                        double n = t, e = n / 2.0, a = coops, b = t - coops;
                        double stat = ((a - e) * (a - e) + (b - e) * (b - e)) / e;
                        if (!random && erfc(sqrt(stat / 2.0)) >= alpha[k]) random = 1, found = t;
                        if (random) w = 'D';
                        else if (tft || twin) w = script[t - 1];
                        else {
                            if (next == 0) next = t + 5 + (int)pl_rng_below(&rng, 10);
                            w = 'C';
                            if (t == next) next = t + 5 + (int)pl_rng_below(&rng, 10), w = 'D';
                        }
                    }
                }
                want[t] = w;
                coops += script[t] == 'C';
            }
            want[N] = 0;
            if (strcmp(got, want) != 0) fail_msg("%s, trial %d:\n  got  %s\n  want %s", specs[k], trial, got, want);
            found_late += found > 100;
            never += found < 0;
        }
    }
    assert_true(found_late > 5 && never > 5); /* the test passed late and never, not only at once */
    free(script), free(got), free(want);
}

/* Graaskamp's first random gap is drawn on the first turn that needs it: with the other playing tit
 * for tat against it past turn 56 (so that the move at 56 answers before any draw) and then only C
 * from turn 61, the resemblance is lost at turn 62, where the randomness test is not due (it failed
 * at 56 by far: 3 defections in 56 moves); the gap is drawn there and its first random defection
 * comes 5 to 14 turns later.  (graaskamp_move answers that turn without its out-of-line part unless a draw is due.) */
static void graaskamp_draws_once_tit_for_tat_is_lost(void **state)
{
    (void)state;
    enum { N = 100 };
    char g[N + 1], opp[N + 1], a[N + 1];
    for (int t = 0; t < N; t++) { /* g: its moves against tit for tat; opp: tit for tat to turn 60 */
        g[t] = t == 50 ? 'D' : t == 0 ? 'C' : opp[t - 1];
        opp[t] = t == 0 || t > 60 ? 'C' : g[t - 1];
    }
    opp[N] = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        st_play_script("first_graaskamp", opp, N, NULL, seed, a);
        assert_int_equal(memcmp(a, g, 62), 0);
        int first = 62 + (int)strspn(a + 62, "C"); /* then a defection every 5 to 14 turns */
        if (!(first >= 67 && first <= 76)) fail_msg("seed %d: first random defection at %d:\n%s", (int)seed, first, a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_flags_and_memory_match_axelrod),
        cmocka_unit_test(davis_parameter),
        cmocka_unit_test(final_two_defections_follow_the_length),
        cmocka_unit_test(downing_reads_the_payoffs),
        cmocka_unit_test(tideman_chieruzzi_fresh_starts_depend_on_points_and_length),
        cmocka_unit_test(stein_rapoport_alpha),
        cmocka_unit_test(nydegger_third_move_exception),
        cmocka_unit_test(shubik_retaliations_grow),
        cmocka_unit_test(revised_downing_against_defector),
        cmocka_unit_test(joss_statistics),
        cmocka_unit_test(feld_statistics),
        cmocka_unit_test(grofman_statistics),
        cmocka_unit_test(tullock_statistics),
        cmocka_unit_test(stochastic_entries_draw_as_their_rules),
        cmocka_unit_test(anonymous_statistics),
        cmocka_unit_test(graaskamp_behaviour),
        cmocka_unit_test(graaskamp_tests_as_its_rule),
        cmocka_unit_test(graaskamp_draws_once_tit_for_tat_is_lost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
