/* SPDX-License-Identifier: MIT */
/* test_strategies_axelrod_second_random.c — the random entries of Axelrod's second
 * tournament (Appold, Black, Cave, Champion, Eatherley, Getzler, Harrington, Kluepfel,
 * Leyvraz, Tranquilizer, WmAdams), checked against their rules as Axelrod-Python 4.13
 * writes them (axelrod/strategies/axelrod_second.py): every move the rule fixes is the
 * same for every seed (expected moves derived by hand, '?' where the rule draws), and
 * where it draws, the share of cooperations over many seeds is the rule's probability
 * (within 5 binomial standard errors). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"

enum { LONG = 120 };

static void registry_metadata(void **state)
{
    (void)state;
    /* the reference's classifier (all_classifiers.yml): all stochastic, none uses game or length */
    static const st_meta want[] = {
        {"Second by Appold", 1, -1, 0, 0},     {"Second by Black", 1, 5, 0, 0},      {"Second by Cave", 1, -1, 0, 0},
        {"Second by Champion", 1, -1, 0, 0},   {"Second by Eatherley", 1, -1, 0, 0}, {"Second by Getzler", 1, -1, 0, 0},
        {"Second by Harrington", 1, -1, 0, 0}, {"Second by Kluepfel", 1, -1, 0, 0}, {"Second by Leyvraz", 1, 3, 0, 0},
        {"Second by Tranquilizer", 1, -1, 0, 0}, {"Second by WmAdams", 1, -1, 0, 0}};
    st_expect_meta(want, sizeof want / sizeof *want, "axelrod_second");
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) { /* the default's label is its Axelrod name */
        pl_strategy *s = st_make(want[i].spec);
        assert_string_equal(pl_strategy_label(s), want[i].spec);
        pl_strategy_free(s);
    }
}

static void champion(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    /* against all D: 10 C, tit for tat to move 25 (D), then D: share 1 >= max(0.4, r) always */
    st_script(o, "", 'D', 40);
    st_script(w, "CCCCCCCCCC", 'D', 40);
    st_expect_moves("second_champion", o, w);
    /* a defection share under 0.4 never triggers: D once in four moves */
    st_script(o, "", 'C', 60);
    for (int t = 3; t < 60; t += 4) o[t] = 'D';
    st_script(w, "CCCCCCCCCC", 'C', 60);
    for (int t = 10; t < 25; t++) w[t] = o[t - 1];
    st_expect_moves("second_champion", o, w);
    /* alternating C, D: at move 28 the other's share of D is 14/28 = 0.5, last move D: D with 0.5 */
    st_script(o, "", 'C', 40);
    for (int t = 1; t < 40; t += 2) o[t] = 'D';
    st_expect_share("second_champion", o, 28, 0.5);
}

static void eatherley(void **state)
{
    (void)state;
    char o[LONG + 1];
    /* after C: C; after the first move D (share 1): D */
    st_expect_moves("second_eatherley", "DCCD", "CDCC");
    /* "DCDC" then D at move 4: share 3/4 -> C with 1/4 at move 4 */
    st_script(o, "CCCCCCCCCD", 'C', 12);
}

static int defects_at_move_20(const char *a, int n) { return n > 20 && a[20] == 'D'; }
static int never_two_d_in_a_row(const char *a, int n)
{
    for (int t = 0; t + 2 < n; t++)
        if (a[t] == 'D' && a[t + 1] != 'C') return 0;
    return 1;
}

static void cave(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    /* against all D: a coin after each of the first 17 defections, then D (more than 17) */
    st_script(o, "", 'D', 40);
    st_script(w, "C?????????????????", 'D', 40);
    st_expect_moves("second_cave", o, w);
    /* 8 D in the first 20 moves then C: move 40 sees 8/40 = 0.2 <= 0.39 and the last C: C */
    st_script(o, "DCDCDCDCDCDCDCDC", 'C', 45);
    st_script(w, "C?C?C?C?C?C?C?C?C", 'C', 45);
    st_expect_moves("second_cave", o, w);
    /* 17 of the first 20 moves D: at move 20, 17/21 = 0.81 > 0.79: D even after a C */
    st_script(o, "DDDDDDDDDDDDDDDDDCCC", 'C', 21);
    st_expect_every_seed("second_cave", o, ST_SEEDS, defects_at_move_20, "17 of 20 D: D at move 20");
}

static void champion_and_wm_adams_count_from_the_second_move(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    /* WmAdams against all D: the count leaves out the first D; D at counts 4, 7, 9 */
    st_script(o, "", 'D', 30);
    st_script(w, "CCCCCDCCDCD", '?', 30);
    st_expect_moves("second_wm_adams", o, w);
    /* a first C does not change the count: D at 4 defections */
    st_script(o, "C", 'D', 8);
    st_expect_moves("second_wm_adams", o, "CCCCCDCC");
}

static void getzler(void **state)
{
    (void)state;
    char o[LONG + 1];
    st_script(o, "", 'C', 50);
    char w[LONG + 1];
    st_script(w, "", 'C', 50);
    st_expect_moves("second_getzler", o, w); /* no flack, no draw */
    st_script(o, "", 'D', 10);
}

static void leyvraz(void **state)
{
    (void)state;
    /* opponent C C D C C C: (C,C,C) C, (C,C,C) C, (C,C,C) C, (C,C,D) coin, (C,D,C) D, (D,C,C) C */
    st_expect_moves("second_leyvraz", "CCDCCC", "CCC?DC");
    /* (C,C,D) coin, (C,D,D) 0.25, then (D,D,C) and (D,C,D): rule 2, C */
    st_expect_moves("second_leyvraz", "DDCDC", "C??CC");
}

static void black(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    st_script(o, "", 'C', 30);
    st_script(w, "", 'C', 30);
    st_expect_moves("second_black", o, w);
    /* one D in the last five: still 1.0 */
    st_script(o, "CCCCCCD", 'C', 12);
    st_script(w, "", 'C', 12);
    st_expect_moves("second_black", o, w);
    st_script(o, "", 'D', 8);
    st_expect_moves("second_black", o, "CCCCC???");
}

static void appold(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    st_script(o, "", 'C', 40);
    st_script(w, "", 'C', 40);
    st_expect_moves("second_appold", o, w); /* the other always answers C: probability 1 */
    /* against all D: four C; the first D seen after them is forgiven (C); then
     * D after its own C two back (0 of 5, 0 of 6), and 1/2 after its D two back (the prior) */
    st_script(o, "", 'D', 9);
    st_expect_moves("second_appold", o, "CCCCCDD??");
}

static void kluepfel(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    st_script(o, "", 'C', 60);
    st_script(w, "", 'C', 60);
    st_expect_moves("second_kluepfel", o, w);
    st_script(o, "", 'D', 60);
    st_script(w, "C??", 'D', 60);
    st_expect_moves("second_kluepfel", o, w);
    /* an opponent whose answers look random (it copies the coin of its own script, not our
     * moves): after move 26 the counts pass the test and it defects for ever */
    static const char coin[] = "CDDCDCCDCDDCCDCDDCDCCDDCDCCDCDDCDCCDDCDC";
    char a[64];
    st_play_script("second_kluepfel", coin, -1, NULL, 1, a);
    int cd = 0, dd = 0, cc = 0, dc = 0, hits = 0;
    for (int t = 2; t < 40; t++) {
        int me2 = a[t - 2] == 'D', op = coin[t - 1] == 'D';
        if (me2) op ? dd++ : cd++;
        else op ? dc++ : cc++;
        if (t > 26 && cd >= (cd + dd) / 2.0 - 0.75 * sqrt(cd + dd) && dc >= (dc + cc) / 2.0 - 0.75 * sqrt(dc + cc))
            hits++, assert_int_equal(a[t], 'D');
    }
    assert_true(hits > 0); /* the test did look random to it */
}

static void tranquilizer(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    /* against all D its average falls under 1.75 at once: tit for tat */
    st_script(o, "", 'D', 40);
    st_script(w, "C", 'D', 40);
    st_expect_moves("second_tranquilizer", o, w);
    /* against all C: tit for tat at move 1 (3/2 < 1.75), then probabilities above 1
     * (move 2: 0.25 + 3/3 + 4/3; move 3: 0.95 + 1/16), then 0.95 + 1/25 = 0.99 at move 4 */
    st_script(o, "", 'C', 5);
    st_expect_moves("second_tranquilizer", o, "CCCC?");
    /* it never defects twice in a row (a defection is followed by a C, whatever happens) */
    st_script(o, "", 'C', 60);
    st_expect_every_seed("second_tranquilizer", o, 200, never_two_d_in_a_row, "a D followed by a D");
}

static void harrington(void **state)
{
    (void)state;
    char o[LONG + 1], w[LONG + 1];
    /* against all C: tit for tat to move 36, D at move 37 (index 36), C C (scheduled), then
     * D with probability 0.25 (the first probe) */
    st_script(o, "", 'C', 40);
    st_script(w, "", 'C', 40);
    w[36] = 'D', w[39] = '?';
    st_expect_moves("second_harrington", o, w);
    st_expect_share("second_harrington", o, 39, 0.75);
    /* against all D: once the other has defected 20 times in a row, D for ever
     * (the chi-squared test sees 100% defections: not random) */
    st_script(o, "", 'D', LONG);
    for (int t = 0; t < LONG; t++) w[t] = t < 21 ? '?' : 'D';
    w[LONG] = 0;
    st_expect_moves("second_harrington", o, w);
    /* a fair-weather opponent (36 C then D at move 38): C, and C while it cooperates */
    st_script(o, "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC", 'D', 37);
    o[36] = 'D';
    st_script(o + 37, "", 'C', 20);
    st_script(w, "", 'C', 57);
    w[36] = 'D';
    st_expect_moves("second_harrington", o, w);
}

/* Where a rule draws, the share of C over many seeds is its probability: every such check of
 * this file whose script is written out, one row each (spec, script, move, P(C)). */
static void draw_shares(void **state)
{
    (void)state;
    static const st_share rows[] = {
        {"second_appold", "DDDDDDDD", 7, 0.5}, /* 1/2 after its D two back (the prior) */
        {"second_black", "CCDDDC", 5, 0.68}, /* 3 D */
        {"second_black", "CCDDCCC", 6, 0.88}, /* 2 D (moves 2, 3) */
        {"second_black", "CDDDDCC", 6, 0.4}, /* 4 D */
        {"second_black", "DDDDDDD", 6, 0.04}, /* 5 D: 1 - 24/25 */
        {"second_cave", "DDDDDD", 5, 0.5}, /* a coin after each of the first 17 defections */
        {"second_eatherley", "DCDDC", 4, 0.25},
        {"second_eatherley", "CCCCCCCCCDC", 10, 0.9}, /* one D in ten */
        {"second_getzler", "DCC", 2, 0.75}, /* 0.5 / 2 = 0.25 */
        {"second_getzler", "DD", 1, 0.5},    /* flack 0.5 */
        {"second_getzler", "DDD", 2, 0.25},  /* (0.5 + 1) / 2 = 0.75 */
        {"second_getzler", "DDDD", 3, 0.125}, /* 0.875 */
        {"second_kluepfel", "CDCC", 3, 0.7}, /* a lone C: keep it with 0.7 */
        {"second_kluepfel", "DD", 1, 0.4},  /* a lone D: keep it with 0.6 */
        {"second_kluepfel", "DDD", 2, 0.1}, /* two D: keep it with 0.9 */
        {"second_leyvraz", "CCDCCC", 3, 0.5},
        {"second_leyvraz", "CDDC", 3, 0.25}, /* (C, D, D) */
        {"second_leyvraz", "DDDC", 3, 0.25}, /* (D, D, D) */
        {"second_tranquilizer", "CCCCC", 4, 0.99}, /* 0.95 + 1/25 at move 4 against all C */
        {"second_wm_adams", "DDDDDDDDDDDD", 11, 0.5},   /* count 10: 0.5^1 */
        {"second_wm_adams", "DDDDDDDDDDDDD", 12, 0.25}, /* count 11: 0.5^2 */
    };
    ST_EXPECT_SHARES(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(draw_shares),
        cmocka_unit_test(registry_metadata),
        cmocka_unit_test(champion),
        cmocka_unit_test(eatherley),
        cmocka_unit_test(cave),
        cmocka_unit_test(champion_and_wm_adams_count_from_the_second_move),
        cmocka_unit_test(getzler),
        cmocka_unit_test(leyvraz),
        cmocka_unit_test(black),
        cmocka_unit_test(appold),
        cmocka_unit_test(kluepfel),
        cmocka_unit_test(tranquilizer),
        cmocka_unit_test(harrington),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
