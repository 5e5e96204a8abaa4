/* SPDX-License-Identifier: MIT */
/* test_strategies_reference_random.c — the random players of Axelrod-Python 4.13 that
 * joined parley with its second tournament's entries: fixed memory-one vectors (Firm But
 * Fair, Stochastic Cooperator, Soft Joss), ALLCorALLD and the "mutual" players, random
 * tit for tat kin (Burn Both Ends, Dynamic Two Tits For Tat, Random Tit for Tat,
 * Michaelos), Forgetful Fool Me Once, the random probers, and misc's copiers, the Worse
 * and Worse family, Inverse, Negation, SelfSteem, Stalker, Calculator and Evolved HMM 5.
 * Expected moves are derived by hand from each rule as the reference writes it ('?'
 * where it draws); where it draws, the share of C over many seeds is checked against its
 * probability. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"

enum { LONG = 120 };

static int repeats_its_first(const char *a, int n)
{
    for (int t = 1; t < n; t++)
        if (a[t] != a[0]) return 0;
    return 1;
}
static int alternates(const char *a, int n)
{
    for (int t = 1; t < n; t++)
        if (a[t] == a[t - 1]) return 0;
    return 1;
}
static int never_forgives_after_d_from_move_2(const char *a, int n)
{
    for (int t = 3; t < n; t++)
        if (a[2] == 'D' && a[t] != 'D') return 0;
    return 1;
}

static void metadata(void **state)
{
    (void)state;
    static const st_meta want[] = {
        {"Firm But Fair", 1, 1, 0, 0},         {"Stochastic Cooperator", 1, 1, 0, 0},
        {"Soft Joss: 0.9", 1, 1, 0, 0},        {"Soft Joss: 0", 0, 0, 0, 0},
        {"Soft Joss: 1", 0, 1, 0, 0},          {"ALLCorALLD", 1, 1, 0, 0},
        {"Desperate", 1, 1, 0, 0},             {"Burn Both Ends", 1, 1, 0, 0},
        {"Random Tit for Tat: 0.5", 1, 1, 0, 0}, {"Random Tit for Tat: 1", 0, 1, 0, 0},
        {"Michaelos: (D,)", 1, -1, 1, 0},      {"Forgetful Fool Me Once: 0.05", 1, -1, 0, 0},
        {"Naive Prober: 0.1", 1, 1, 0, 0},     {"Naive Prober: 0", 0, 1, 0, 0},
        {"Remorseful Prober: 0.1", 1, 2, 0, 0}, {"Knowledgeable Worse and Worse", 1, -1, 1, 0},
        {"Stalker: (D,)", 1, -1, 1, 1},        {"Calculator", 1, -1, 0, 0},
        {"SelfSteem", 1, -1, 0, 0},            {"Negation", 1, 1, 0, 0},
    };
    st_expect_meta(want, sizeof want / sizeof *want, NULL);
}

static void memory_one_vectors(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    /* Firm But Fair (1, 0, 1, 2/3) against all D: C, then D after CD, then 2/3 after DD */
    st_script(o, "", 'D', 3);
    st_expect_moves("firm_but_fair", o, "CD?");
    st_expect_share("firm_but_fair", o, 2, 2.0 / 3.0);
    st_script(o, "", 'C', 40);
    st_script(w, "", 'C', 40);
    st_expect_moves("firm_but_fair", o, w);
    /* Stochastic Cooperator after CC: 0.935; after CD: 0.229 */
    /* Soft Joss: forgives a defection with 1 - q; q = 0 is Cooperator, q = 1 tit for tat */
    st_expect_moves("Soft Joss: 0", "DDDD", "CCCC");
    st_expect_moves("Soft Joss: 1", "DCDD", "CDCD");
    /* ALLCorALLD: C first with 0.6, then its own first move for ever */
    st_expect_every_seed("allc_or_alld", "CDCDDDCCDC", 64, repeats_its_first, "it changed its move");
    /* the mutual players: a coin, then their answer to the last round */
    st_expect_every_seed("desperate", "DDDDDDDD", 64, alternates, "against all D it should alternate");
    st_expect_every_seed("hopeless", "CCCCCCCC", 64, alternates, "against all C it should alternate");
    st_expect_every_seed("willing", "DDDDDDDD", 64, repeats_its_first, "against all D it should repeat its first move");
}

static void tit_for_tat_kin(void **state)
{
    (void)state;
    char o[LONG + 1];
    st_expect_moves("burn_both_ends", "DDDD", "CDDD");
    /* Dynamic Two Tits For Tat: C until a D among the other's last two, then its share of C */
    st_expect_moves("dynamic_two_tits_for_tat", "CCCCDC", "CCCCC?");
    /* Random Tit for Tat: copy on moves 1, 3, ...; draw on moves 2, 4, ... */
    st_expect_moves("random_tft", "DDDDDDD", "CD?D?D?");
    st_expect_moves("Random Tit for Tat: 1", "DDDDDDD", "CDCDCDC");
    /* Michaelos: tit for tat; after its D answered by C a coin: C, or D for ever */
    st_expect_moves("michaelos", "CCCCC", "CCCCC");
    st_script(o, "DC", 'C', 30);
    st_expect_moves("michaelos", "DCCC", "CD??");
    st_expect_every_seed("michaelos", o, 64, never_forgives_after_d_from_move_2, "after the coin said D it must defect for ever");
    /* and the last move of a match of known length is D */
    char a[16];
    st_play("michaelos", "cooperator", (st_match){.turns = 10, .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCCCCCD");
}

static void forgetful_and_probers(void **state)
{
    (void)state;
    /* Forgetful Fool Me Once against all D: at move 2 it defects unless it forgot at move 1
     * or 2 (0.05 each): C with 1 - 0.95^2 */
    st_expect_moves("forgetful_fool_me_once", "DDD", "CC?");
    st_expect_moves("forgetful_fool_me_once:forget_probability=0", "DCDCCC", "CCCDDD");
    /* Naive Prober: tit for tat, and after a C a probe (D) with p */
    st_expect_moves("naive_prober", "DDDD", "CDDD");
    st_expect_moves("Naive Prober: 0", "CDCD", "CCDC");
    /* Remorseful Prober with p = 1: probe, then an apology (C) when the probe is punished */
    st_expect_moves("remorseful_prober:p=1", "CDDD", "CDCD");
    st_expect_moves("remorseful_prober:p=0", "CDDC", "CCDD");
}

static void copiers_and_worse_and_worse(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    st_expect_moves("average_copier", "CCCC", "?CCC");
    st_expect_moves("average_copier", "DDDD", "?DDD");
    st_expect_moves("nice_average_copier", "DDDD", "CDDD");
    /* move n (from 1): 1 - n/1000, n/1000 */
    st_script(o, "", 'C', 100);
    st_expect_share("worse_and_worse", o, 99, 0.9);
    st_expect_share("better_and_better", o, 99, 0.1);
    /* Worse and Worse 2: tit for tat for 20 moves, then 20/n */
    st_script(o, "", 'D', 21);
    st_script(w, "C", 'D', 21);
    w[20] = '?';
    st_expect_moves("worse_and_worse_2", o, w);
    st_script(o, "", 'C', 40);
    st_expect_share("worse_and_worse_2", o, 39, 0.5);
    /* Worse and Worse 3: C, then the other's share of C */
    st_expect_moves("worse_and_worse_3", "DCCC", "CD??");
    /* Knowledgeable: 1 - n/length; C when the length is unknown; D on the last move */
    st_script(o, "", 'C', 30);
    st_script(w, "", 'C', 30);
    st_expect_moves("knowledgeable_worse_and_worse", o, w);
    char a[16];
    for (uint64_t seed = 1; seed <= 16; seed++) {
        st_play("knowledgeable_worse_and_worse", "cooperator", (st_match){.turns = 10, .seed = seed}, a, NULL);
        assert_int_equal(a[9], 'D');
    }
}

static void inverse_negation_selfsteem(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    /* Inverse: D with 1/k, k moves since the other's last D */
    st_expect_moves("inverse", "CCCC", "CCCC");
    st_expect_moves("inverse", "DDDD", "CDDD");
    /* Negation: a coin, then the opposite of the other's last move */
    st_expect_moves("negation", "CDDC", "?DCC");
    /* SelfSteem against all D, by n mod 10: coin, copy, D, D, copy, coin, copy, C, C, copy */
    st_script(o, "", 'D', 20);
    memcpy(w, "?DDDD?DCCD?DDDD?DCCD", 21);
    st_expect_moves("selfsteem", o, w);
    st_expect_share("selfsteem", o, 5, 0.5);
}

static void stalker_and_calculator(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1], a[LONG + 1];
    /* Stalker against all C: average 3 = R, not above it nor strictly between (R+P)/2 and R,
     * but above 2: C; the last move of a known length is D */
    st_script(o, "", 'C', 30);
    st_script(w, "", 'C', 30);
    st_expect_moves("stalker", o, w);
    st_play("stalker", "cooperator", (st_match){.turns = 10, .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCCCCCD");
    /* against all D after its first C: average 0: a coin */
    /* Calculator: Joss for 20 moves; the other's 20 moves are a cycle (all C): D for ever */
    st_script(o, "", 'C', 40);
    st_script(w, "C???????????????????", 'D', 40);
    st_expect_moves("calculator", o, w);
    st_expect_share("calculator", o, 5, 0.9);
    /* alternating C, D is a cycle of length 2: D for ever after move 20 */
    for (int t = 0; t < 40; t++) o[t] = t % 2 ? 'D' : 'C';
    o[40] = 0;
    for (int t = 0; t < 40; t++) w[t] = t >= 20 ? 'D' : t == 0 ? 'C' : o[t - 1] == 'D' ? 'D' : '?';
    w[40] = 0;
    st_expect_moves("calculator", o, w);
    /* no cycle of length <= 10 in the first 20 moves: tit for tat after them */
    static const char nocycle[] = "CCDCDDDCCDCCCDDCDCDCDDCCDCCCDDDC";
    size_t n = strlen(nocycle);
    for (size_t t = 0; t < n; t++) w[t] = t >= 20 ? nocycle[t - 1] : t == 0 ? 'C' : nocycle[t - 1] == 'D' ? 'D' : '?';
    w[n] = 0;
    st_expect_moves("calculator", nocycle, w);
}

/* Evolved HMM 5 (start state 3, first move C).  Against all C: state 3 -> 0 or 3, both
 * cooperate, and 0 stays 0: C for ever.  Against all D: 3 -> 0 (C), 0 -> 1 (D), 1 -> 1 or
 * 2 (D), then from 2 -> 3 (C) with 0.59 or 4 (C with 0.111) with 0.41, from 1 -> 1 or 2 (D):
 * P(C at move 4) = 0.513 (0.59 + 0.41 x 0.111). */
static void evolved_hmm_5(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    st_script(o, "", 'C', 60);
    st_script(w, "", 'C', 60);
    st_expect_moves("evolved_hmm_5", o, w);
    st_expect_moves("evolved_hmm_5", "DDDDD", "CCDD?");
}

/* Where a rule draws, the share of C over many seeds is its probability: every such check of
 * this file whose script is written out, one row each (spec, script, move, P(C)). */
static void draw_shares(void **state)
{
    (void)state;
    static const st_share rows[] = {
        {"stochastic_cooperator", "CC", 1, 0.935},
        {"stochastic_cooperator", "DC", 1, 0.229},
        {"soft_joss", "DC", 1, 0.1},
        {"Soft Joss: 0.7", "DC", 1, 0.3},
        {"allc_or_alld", "C", 0, 0.6},
        {"desperate", "C", 0, 0.5},
        {"burn_both_ends", "CC", 1, 0.9},
        {"dynamic_two_tits_for_tat", "CCDC", 3, 2.0 / 3.0},
        {"dynamic_two_tits_for_tat", "CCDCC", 4, 3.0 / 4.0}, /* the D two back still counts */
        {"random_tft", "DDD", 2, 0.5},
        {"michaelos", "DCCC", 2, 0.5},
        {"forgetful_fool_me_once", "DDD", 2, 1 - 0.95 * 0.95},
        {"naive_prober", "CC", 1, 0.9},
        {"remorseful_prober", "CC", 1, 0.9},
        {"average_copier", "C", 0, 0.5},
        {"nice_average_copier", "CDC", 2, 0.5},
        {"worse_and_worse_3", "DCCC", 3, 2.0 / 3.0},
        {"inverse", "DCC", 2, 0.5},
        {"inverse", "DCCCC", 4, 0.75},
        {"negation", "C", 0, 0.5},
        {"stalker", "DD", 1, 0.5},
        {"evolved_hmm_5", "DDDDD", 4, 0.513 * (0.59 + 0.41 * 0.111)},
    };
    ST_EXPECT_SHARES(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(draw_shares),
        cmocka_unit_test(metadata),
        cmocka_unit_test(memory_one_vectors),
        cmocka_unit_test(tit_for_tat_kin),
        cmocka_unit_test(forgetful_and_probers),
        cmocka_unit_test(copiers_and_worse_and_worse),
        cmocka_unit_test(inverse_negation_selfsteem),
        cmocka_unit_test(stalker_and_calculator),
        cmocka_unit_test(evolved_hmm_5),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
