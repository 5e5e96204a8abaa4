// SPDX-License-Identifier: MIT
/* test_strategies_axelrod_second.c — the deterministic entries of Axelrod's
 * second tournament: payoff-dependent rules under other games, and openings
 * derived by hand from each rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"

/* ---- registry metadata --------------------------------------------------- */

static void names_flags_and_memory_match_axelrod(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int uses_game, memory;
    } want[] = {
        {"Second by Borufsen", 0, -1},       {"Second by Colbert", 0, 4},
        {"Second by Gladstein", 0, -1},      {"Second by GraaskampKatzen", 1, -1},
        {"Second by Grofman", 0, 8},         {"Second by Mikkelson", 0, -1},
        {"Second by RichardHufford", 0, -1}, {"Second by Rowsam", 1, -1},
        {"Second by Tester", 0, -1},         {"Second by Tideman and Chieruzzi", 1, -1},
        {"Second by Weiner", 0, -1},         {"Second by White", 0, -1},
        {"Second by Yamachi", 0, -1},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        pl_strategy *s = st_make(want[i].name);
        const pl_strategy_info *in = pl_strategy_get_info(s);
        assert_string_equal(in->family, "axelrod_second");
        assert_string_equal(pl_strategy_label(s), want[i].name);
        assert_int_equal(pl_strategy_is_stochastic(s), 0);
        assert_int_equal(in->uses_length, 0);
        assert_int_equal(in->uses_game, want[i].uses_game);
        assert_int_equal(in->memory_depth, want[i].memory);
        assert_int_equal(in->n_params, 0);
        pl_strategy_free(s);
    }
}

/* A scripted opponent's moves over 60 turns (drawn once at random, 40% D). */
static const char *r60 = "CCCCCCDCCCDDDCCDCCCCDDCDDDDCCCCCCCCDCCCCDDDDCCCDCCDDCCCDDCCD";

/* ---- strategies that read the payoffs ----------------------------------- */

static void graaskamp_katzen_score_checkpoints(void **state)
{
    (void)state;
    char a[64];
    /* standard game: 3 a move beats every checkpoint (23 at move 11, 53 at 21, ...) */
    st_play("second_graaskamp_katzen", "cooperator", (st_match){.turns = 60, .seed = 1}, a, NULL);
    assert_int_equal(st_count_c(a), 60);
    /* R = 2: 20 points after 10 moves < 23: defect for good from move 11 */
    st_play("second_graaskamp_katzen", "cooperator", (st_match){.turns = 30, .game = "2,0,5,1", .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCCCCCCDDDDDDDDDDDDDDDDDDDD");
    /* R = 2.5: 25 >= 23 at move 11, 50 < 53 at move 21 */
    st_play("second_graaskamp_katzen", "cooperator", (st_match){.turns = 30, .game = "2.5,0,5,1", .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCCCCCCCCCCCCCCCCDDDDDDDDDD");
    /* the same, seen from the column side */
    char b[64];
    st_play("cooperator", "second_graaskamp_katzen", (st_match){.turns = 30, .game = "2.5,0,5,1", .seed = 1}, NULL, b);
    assert_string_equal(b, "CCCCCCCCCCCCCCCCCCCCDDDDDDDDDD");
}

static void rowsam_distrust_follows_the_score(void **state)
{
    (void)state;
    char a[64];
    st_play("second_rowsam", "cooperator", (st_match){.turns = 40, .seed = 1}, a, NULL);
    assert_int_equal(st_count_c(a), 40);
    /* R = 2: on move 6, 10/6 < 2 gives 2 distrust points: D, C, D; on move 12,
     * 28/12 < 2.5 gives one more: D, C, D; on move 18 distrust wears off to 2
     * and 46/18 >= 2.5 (derived by hand, and by an independent model beyond) */
    st_play("second_rowsam", "cooperator", (st_match){.turns = 40, .game = "2,0,5,1", .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCDCDCCCDCDCCCCCCCCCDCDCCCCCCCCCDCDCC");
    st_play_script("second_rowsam", r60, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "CCCCCCCCCCCDCDCCCDCDCCCDCDCCCDCDCCCDCDCCCDCDCCCDCDCCCDCDCCCD");
    st_play_script("second_rowsam", r60, 60, "4,0,4.5,1", 1, a);
    assert_string_equal(a, "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCDCDCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
    /* vs Defector: 0/6 < 1 on move 6 gives 5 points (D, C, D); 2/12 < 1 on move
     * 12 gives 5 more: 10 >= 7, defect for good */
    st_play("second_rowsam", "defector", (st_match){.turns = 20, .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCDCDCCCDDDDDDDDD");
}

static void tideman_chieruzzi_second_margins_and_fresh_starts(void **state)
{
    (void)state;
    char a[64];
    /* vs Defector: behind, no fresh start before move 10; then the 9 defections of
     * 9 moves are 3 standard deviations off a 50-50 split: C, C; again 10 moves later */
    st_play("second_tideman_chieruzzi", "defector", (st_match){.turns = 30, .seed = 1}, a, NULL);
    assert_string_equal(a, "CDDDDDDDDCCDDDDDDDDDCCDDDDDDDD");
    /* expected strings from an independent model of the rule: the margins are in
     * points, so scaling the payoffs changes the play */
    st_play_script("second_tideman_chieruzzi", r60, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "CCCCCCCDCCCDDDDCDDDCCDDDDDDDDDDDDDCCDDDDDDDDDDDDDDDDDDDDDDDD");
    st_play_script("second_tideman_chieruzzi", r60, 60, "30,0,50,10", 1, a);
    assert_string_equal(a, "CCCCCCCDCCCDDDDCDCCCCDDCDDDDCCCCCCCCDDCCCDDDDDCCDCCDDDCCDDDC");
    st_play_script("second_tideman_chieruzzi", r60, 60, "3,-1,4,0", 1, a);
    assert_string_equal(a, "CCCCCCCDCCCDDDDCDDDCCDDDDDDDDDDDDDCCDDDDDDDDDDDDDDDDDDDDDDDD");
}

/* ---- the other deterministic rules (derived by hand from each rule) ------ */

static void simple_openings(void **state)
{
    (void)state;
    char a[64];
    /* Borufsen vs Defector: three mutual defections are broken by a C; at move 27
     * fewer than 3 cooperations by the other since the start: defect mode */
    st_play("second_borufsen", "defector", (st_match){.turns = 40, .seed = 1}, a, NULL);
    assert_string_equal(a, "CDDDCDDDCDDDCDDDCDDDCDDDCDDDDDDDDDDDDDDD");
    /* Colbert: C C C C C D C C, then D, D, C, C after each defection */
    st_play("second_colbert", "defector", (st_match){.turns = 20, .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCDCCDDCCDDCCDDCC");
    st_play("second_colbert", "cooperator", (st_match){.turns = 12, .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCDCCCCCC");
    /* Mikkelson: credit 7, -2 per defection; non-positive within 10 moves: D and
     * credit 4; later D while the other defected on 15% of moves or more */
    st_play("second_mikkelson", "defector", (st_match){.turns = 15, .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCDCDCDCDDDDD");
    /* White: ten C, then floor(ln 11) * 10 >= 11 */
    st_play("second_white", "defector", (st_match){.turns = 15, .seed = 1}, a, NULL);
    assert_string_equal(a, "CCCCCCCCCCDDDDD");
    /* Tester: D, C, C, then alternate while the other never defects */
    st_play("second_tester", "cooperator", (st_match){.turns = 10, .seed = 1}, a, NULL);
    assert_string_equal(a, "DCCDCDCDCD");
    /* Gladstein: D, then D whenever its cooperations exceed half its moves;
     * once the other defects: apologise (C) and tit for tat */
    st_play("second_gladstein", "cooperator", (st_match){.turns = 10, .seed = 1}, a, NULL);
    assert_string_equal(a, "DCCDCDCDCD");
    st_play("second_gladstein", "tft", (st_match){.turns = 10, .seed = 1}, a, NULL);
    assert_string_equal(a, "DCCCCCCCCC");
    /* Grofman: C, C, then copy for moves 3-7, then count the other's defections
     * in its moves 8 to 2 back: 3 (D after own C), 3, 2 (D after own D), 1 (C) */
    st_play_script("second_grofman", "DDDCCCCCCCCC", 12, NULL, 1, a);
    assert_string_equal(a, "CCDDCCCDDDCC");
}

static void yamachi_defects_against_a_coin(void **state)
{
    (void)state;
    char a[64], opp[64];
    for (int t = 0; t < 60; t++) opp[t] = t % 2 ? 'D' : 'C';
    opp[60] = 0;
    st_play_script("second_yamachi", opp, 60, NULL, 1, a);
    /* from move 41, (defections + 0.5) / move stays within (0.45, 0.55): D */
    for (int t = 40; t < 60; t++) assert_int_equal(a[t], 'D');
    st_play("second_yamachi", "cooperator", (st_match){.turns = 60, .seed = 1}, a, NULL);
    assert_int_equal(st_count_c(a), 60);
}

/* White against scripts of 3,200 turns (a D in 8 to 7 in 8) past floor(ln n)'s steps at 21, 55,
 * 149, 404, 1,097 and 2,981, move for move against its rule with log called at every turn: the
 * player counts the steps (found once with log itself) instead.  Fails with a step taken one turn
 * late (tried). */
static void white_follows_floor_log(void **state)
{
    (void)state;
    enum { N = 3200 };
    char *script = malloc(N + 1), *got = malloc(N + 1);
    uint64_t x = 99;
    for (int trial = 0; trial < 14; trial++) {
        unsigned bias = 1 + (unsigned)(trial % 7);
        st_biased_script(script, N, bias, &x);
        st_play_script("second_white", script, N, NULL, 1, got);
        int defects = 0;
        for (int t = 0; t < N; t++) {
            int turn = t + 1;
            char want = turn <= 10 || script[t - 1] == 'C' ? 'C'
                        : floor(log((double)turn)) * defects >= turn ? 'D' : 'C';
            if (got[t] != want) fail_msg("trial %d, turn %d: played %c, the rule says %c", trial, turn, got[t], want);
            defects += script[t] == 'D';
        }
    }
    free(script), free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_flags_and_memory_match_axelrod),
        cmocka_unit_test(graaskamp_katzen_score_checkpoints),
        cmocka_unit_test(rowsam_distrust_follows_the_score),
        cmocka_unit_test(tideman_chieruzzi_second_margins_and_fresh_starts),
        cmocka_unit_test(simple_openings),
        cmocka_unit_test(yamachi_defects_against_a_coin),
        cmocka_unit_test(white_follows_floor_log),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
