// SPDX-License-Identifier: MIT
/* test_strategies_grudgers.c — the grudgers family beyond the 200-turn
 * transcripts: grudge spans written out by hand, the general soft grudger with
 * other parameters, majority windows against a brute-force count, long
 * matches and other payoffs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"

#define MAXT 4096

static void grim_family_by_hand(void **state)
{
    (void)state;
    /* the opponent defects once at turn 3 */
    st_expect_actions("grudger", "cycler:cycle=CCCDCCCCCCCC", "CCCCDDDDDDDD");
    st_expect_actions("aggravater", "cooperator", "DDDCCCCC");
    st_expect_actions("aggravater", "cycler:cycle=DCCCCCCC", "DDDDDDDD");
    st_expect_actions("easy_go", "cycler:cycle=CCDCCCCC", "DDDCCCCC");
    st_expect_actions("opposite_grudger", "cycler:cycle=DDCDDDDD", "DDDCCCCC");
    /* SpitefulCC ignores a defection during its first two moves until its third */
    st_expect_actions("spiteful_cc", "cycler:cycle=DCCCCCCC", "CCDDDDDD");
    st_expect_actions("spiteful_cc", "cooperator", "CCCCCCCC");
    st_expect_actions("grudger_alternator", "cycler:cycle=CCDCCCCC", "CCCDCDCD");
    /* a single defection is forgiven, a second one is not */
    st_expect_actions("fool_me_once", "cycler:cycle=DCCCDCCCCCCC", "CCCCCDDDDDDD");
}

static void forgetful_grudger_span_is_ten(void **state)
{
    (void)state;
    /* one D at turn 0: D on turns 1..10, then forgiven */
    st_expect_actions("forgetful_grudger", "cycler:cycle=DCCCCCCCCCCCCCCCCCCC", "CDDDDDDDDDDCCCCCCCCC");
    /* a defection inside the grudge does not restart its count (turn 5); one seen on
     * the turn the grudge ends starts a new one (turn 10, seen at 11) */
    st_expect_actions("forgetful_grudger", "cycler:cycle=DCCCCDCCCCCCCCCCCCCCCCCC", "CDDDDDDDDDDCCCCCCCCCCCCC");
    st_expect_actions("forgetful_grudger", "cycler:cycle=DCCCCDCCCCDCCCCCCCCCCCCC", "CDDDDDDDDDDDDDDDDDDDDCCC");
    /* against Defector it never forgives */
    st_expect_actions("forgetful_grudger", "defector", "CDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
}

static void once_bitten_needs_two_in_a_row(void **state)
{
    (void)state;
    /* isolated defections are tolerated */
    st_expect_actions("once_bitten", "cycler:cycle=DC", "CCCCCCCCCCCCCCCCCCCC");
    /* DD at turns 0-1: the triggering D at turn 2 then ten more, then it looks again */
    st_expect_actions("once_bitten", "cycler:cycle=DDCCCCCCCCCCCCCCCCCCCCCCCCCCCC", "CCDDDDDDDDDDDCCCCCCCCCCCCCCCCC");
}

static void soft_grudger_is_general_soft_grudger_with_defaults(void **state)
{
    (void)state;
    static char a[MAXT + 1], b[MAXT + 1], c[MAXT + 1], d[MAXT + 1];
    const char *opps[] = {"cycler:cycle=CCCDCCDDCDDDDCCCCCCCD", "defector", "tft", "cycler:cycle=DDC", "anti_cycler",
                          "thue_morse"};
    for (size_t i = 0; i < sizeof opps / sizeof *opps; i++) {
        st_play("soft_grudger", opps[i], (st_match){.turns = 1000}, a, b);
        st_play("General Soft Grudger: n=1,d=4,c=2", opps[i], (st_match){.turns = 1000}, c, d);
        assert_string_equal(a, c);
    }
    /* D D D D C C after a defection (the first D answers it) */
    st_expect_actions("soft_grudger", "cycler:cycle=CDCCCCCCCCCC", "CCDDDDCCCCCC");
}

static void general_soft_grudger_other_parameters(void **state)
{
    (void)state;
    /* n=2: only two consecutive defections trigger; d=3: D D D; c=1: then one C of penance
     * during which the opponent is not watched */
    st_expect_actions("general_soft_grudger:n=2,d=3,c=1", "cycler:cycle=DCDDDDCCCCCC", "CCCCDDDCCCCC");
    st_expect_actions("general_soft_grudger:n=2,d=3,c=1", "cycler:cycle=DDCDDDDDCCCCCC", "CCDDDCDDDCCCCC");
    /* d=1, c=0: each trigger is answered by a single D (tit for tat when n=1) */
    st_expect_actions("general_soft_grudger:n=1,d=1,c=0", "cycler:cycle=CDDCDCCC", "CCDDCDCC");
    /* d=1, c=2: the answer to a defection is D then two unconditional C */
    st_expect_actions("general_soft_grudger:n=1,d=1,c=2", "defector", "CDCCDCCDCC");

    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "general_soft_grudger:n=2,d=3,c=1", &err), 0);
    assert_string_equal(pl_strategy_label(s), "general_soft_grudger:n=2,d=3,c=1");
    assert_true(pl_strategy_param(s, "d") == 3);
    pl_strategy_free(s);
    assert_int_equal(pl_strategy_create(&s, "general_soft_grudger", &err), 0);
    assert_string_equal(pl_strategy_label(s), "General Soft Grudger: n=1,d=4,c=2");
    pl_strategy_free(s);
    assert_int_equal(pl_strategy_create(&s, "general_soft_grudger:n=0", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "general_soft_grudger:d=0", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "general_soft_grudger:c=-1", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "general_soft_grudger:n=1.5", &err), PL_EINVAL);
}

/* The majority rule written out naively: count the opponent's actions in the window. */
static int majority_reference(const char *opp, int t, int window, int soft)
{
    int from = window > 0 && t > window ? t - window : 0, d = 0, c = 0;
    for (int k = from; k < t; k++) {
        if (opp[k] == 'D')
            d++;
        else
            c++;
    }
    if (d > c) return 'D';
    if (d == c) return soft ? 'C' : 'D';
    return 'C';
}

static void majority_windows_match_brute_force(void **state)
{
    (void)state;
    static char a[MAXT + 1], b[MAXT + 1];
    const char *opps[] = {"cycler:cycle=DDC", "cycler:cycle=CCD", "cycler:cycle=DC", "anti_cycler", "thue_morse",
                          "cycler:cycle=DDDDDDDDDDDDCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDDDDDDCCCCCCCCCCCCC",
                          "tft", "grudger"};
    struct {
        const char *spec;
        int window, soft;
    } players[] = {
        {"soft_go_by_majority", 0, 1},          {"hard_go_by_majority", 0, 0},
        {"Soft Go By Majority: 5", 5, 1},       {"soft_go_by_majority_10", 10, 1},
        {"soft_go_by_majority_20", 20, 1},      {"soft_go_by_majority_40", 40, 1},
        {"Hard Go By Majority: 5", 5, 0},       {"hard_go_by_majority_10", 10, 0},
        {"hard_go_by_majority_20", 20, 0},      {"hard_go_by_majority_40", 40, 0},
        {"soft_go_by_majority:memory_depth=7", 7, 1},
        {"soft_go_by_majority:memory_depth=7,soft=0", 7, 0},
        {"hard_go_by_majority:memory_depth=64", 64, 0},
        {"hard_go_by_majority:memory_depth=3000", 3000, 0},
    };
    for (size_t i = 0; i < sizeof players / sizeof *players; i++)
        for (size_t j = 0; j < sizeof opps / sizeof *opps; j++) {
            st_play(players[i].spec, opps[j], (st_match){.turns = 1500}, a, b);
            for (int t = 0; t < 1500; t++)
                if (a[t] != majority_reference(b, t, players[i].window, players[i].soft))
                    fail_msg("%s vs %s: turn %d", players[i].spec, opps[j], t);
        }
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "soft_go_by_majority:soft=2", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "hard_go_by_majority:memory_depth=-1", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "hard_go_by_majority:memory_depth=0", &err), 0);
    assert_string_equal(pl_strategy_label(s), "Hard Go By Majority");
    pl_strategy_free(s);
}

static void payoffs_and_length_do_not_matter(void **state)
{
    (void)state;
    /* none of these read the game or the length: same play under another game
     * and as a prefix of a longer match */
    const char *ids[] = {"grudger", "forgetful_grudger", "once_bitten", "soft_grudger", "general_soft_grudger",
                         "spiteful_cc", "hard_go_by_majority_10", "soft_go_by_majority", "fool_me_once"};
    static char a[MAXT + 1], b[MAXT + 1], c[MAXT + 1], d[MAXT + 1];
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        st_play(ids[i], "cycler:cycle=CCDCDDDCCCCCCD", (st_match){.turns = 3000}, a, b);
        st_play(ids[i], "cycler:cycle=CCDCDDDCCCCCCD", (st_match){.turns = 1000, .game = "2,-1,4,0"}, c, d);
        assert_memory_equal(a, c, 1000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grim_family_by_hand),
        cmocka_unit_test(forgetful_grudger_span_is_ten),
        cmocka_unit_test(once_bitten_needs_two_in_a_row),
        cmocka_unit_test(soft_grudger_is_general_soft_grudger_with_defaults),
        cmocka_unit_test(general_soft_grudger_other_parameters),
        cmocka_unit_test(majority_windows_match_brute_force),
        cmocka_unit_test(payoffs_and_length_do_not_matter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
