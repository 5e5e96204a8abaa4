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

#include "parley/parley.h"
#include "strategies/registry.h"

/* ---- helpers ------------------------------------------------------------ */

static pl_strategy *make(const char *spec)
{
    pl_strategy *s = NULL;
    pl_error err;
    if (pl_strategy_create(&s, spec, &err) != 0) fail_msg("cannot create %s: %s", spec, err.msg);
    return s;
}

/* Plays a against b; writes a's actions (and b's if bout) as C/D strings. */
static double play_match(const char *a, const char *b, int turns, double prob_end, const char *rstp, uint64_t seed,
                         char *aout, char *bout)
{
    pl_strategy *sa = make(a), *sb = make(b);
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = turns;
    cfg.prob_end = prob_end;
    cfg.seed = seed;
    pl_game g;
    pl_error err;
    if (rstp) {
        assert_int_equal(pl_game_parse_rstp(&g, rstp, &err), 0);
        cfg.game = &g;
    }
    pl_match_result *r;
    assert_int_equal(pl_match_play(sa, sb, &cfg, &r, &err), 0);
    if (aout) pl_match_result_actions(r, 0, aout);
    if (bout) pl_match_result_actions(r, 1, bout);
    double score = pl_match_result_score(r, 0);
    pl_match_result_free(r);
    pl_strategy_free(sa);
    pl_strategy_free(sb);
    return score;
}

/* Plays `spec` against a scripted opponent (the string `opp`), telling it the
 * match length `length` (-1: unknown), under the game R,S,T,P; writes its moves. */
static void play_script(const char *spec, const char *opp, int length, const char *rstp, uint64_t seed, char *out)
{
    pl_strategy *s = make(spec);
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
    free(state);
    pl_history_free(&hm);
    pl_history_free(&ho);
    pl_strategy_free(s);
}

static int count_c(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == 'C';
    return n;
}

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
        pl_strategy *s = make(want[i].name);
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
    play_match("second_graaskamp_katzen", "cooperator", 60, 0, NULL, 1, a, NULL);
    assert_int_equal(count_c(a), 60);
    /* R = 2: 20 points after 10 moves < 23: defect for good from move 11 */
    play_match("second_graaskamp_katzen", "cooperator", 30, 0, "2,0,5,1", 1, a, NULL);
    assert_string_equal(a, "CCCCCCCCCCDDDDDDDDDDDDDDDDDDDD");
    /* R = 2.5: 25 >= 23 at move 11, 50 < 53 at move 21 */
    play_match("second_graaskamp_katzen", "cooperator", 30, 0, "2.5,0,5,1", 1, a, NULL);
    assert_string_equal(a, "CCCCCCCCCCCCCCCCCCCCDDDDDDDDDD");
    /* the same, seen from the column side */
    char b[64];
    play_match("cooperator", "second_graaskamp_katzen", 30, 0, "2.5,0,5,1", 1, NULL, b);
    assert_string_equal(b, "CCCCCCCCCCCCCCCCCCCCDDDDDDDDDD");
}

static void rowsam_distrust_follows_the_score(void **state)
{
    (void)state;
    char a[64];
    play_match("second_rowsam", "cooperator", 40, 0, NULL, 1, a, NULL);
    assert_int_equal(count_c(a), 40);
    /* R = 2: on move 6, 10/6 < 2 gives 2 distrust points: D, C, D; on move 12,
     * 28/12 < 2.5 gives one more: D, C, D; on move 18 distrust wears off to 2
     * and 46/18 >= 2.5 (derived by hand, and by an independent model beyond) */
    play_match("second_rowsam", "cooperator", 40, 0, "2,0,5,1", 1, a, NULL);
    assert_string_equal(a, "CCCCCDCDCCCDCDCCCCCCCCCDCDCCCCCCCCCDCDCC");
    play_script("second_rowsam", r60, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "CCCCCCCCCCCDCDCCCDCDCCCDCDCCCDCDCCCDCDCCCDCDCCCDCDCCCDCDCCCD");
    play_script("second_rowsam", r60, 60, "4,0,4.5,1", 1, a);
    assert_string_equal(a, "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCDCDCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
    /* vs Defector: 0/6 < 1 on move 6 gives 5 points (D, C, D); 2/12 < 1 on move
     * 12 gives 5 more: 10 >= 7, defect for good */
    play_match("second_rowsam", "defector", 20, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CCCCCDCDCCCDDDDDDDDD");
}

static void tideman_chieruzzi_second_margins_and_fresh_starts(void **state)
{
    (void)state;
    char a[64];
    /* vs Defector: behind, no fresh start before move 10; then the 9 defections of
     * 9 moves are 3 standard deviations off a 50-50 split: C, C; again 10 moves later */
    play_match("second_tideman_chieruzzi", "defector", 30, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CDDDDDDDDCCDDDDDDDDDCCDDDDDDDD");
    /* expected strings from an independent model of the rule: the margins are in
     * points, so scaling the payoffs changes the play */
    play_script("second_tideman_chieruzzi", r60, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "CCCCCCCDCCCDDDDCDDDCCDDDDDDDDDDDDDCCDDDDDDDDDDDDDDDDDDDDDDDD");
    play_script("second_tideman_chieruzzi", r60, 60, "30,0,50,10", 1, a);
    assert_string_equal(a, "CCCCCCCDCCCDDDDCDCCCCDDCDDDDCCCCCCCCDDCCCDDDDDCCDCCDDDCCDDDC");
    play_script("second_tideman_chieruzzi", r60, 60, "3,-1,4,0", 1, a);
    assert_string_equal(a, "CCCCCCCDCCCDDDDCDDDCCDDDDDDDDDDDDDCCDDDDDDDDDDDDDDDDDDDDDDDD");
}

/* ---- the other deterministic rules (derived by hand from each rule) ------ */

static void simple_openings(void **state)
{
    (void)state;
    char a[64];
    /* Borufsen vs Defector: three mutual defections are broken by a C; at move 27
     * fewer than 3 cooperations by the other since the start: defect mode */
    play_match("second_borufsen", "defector", 40, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CDDDCDDDCDDDCDDDCDDDCDDDCDDDDDDDDDDDDDDD");
    /* Colbert: C C C C C D C C, then D, D, C, C after each defection */
    play_match("second_colbert", "defector", 20, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CCCCCDCCDDCCDDCCDDCC");
    play_match("second_colbert", "cooperator", 12, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CCCCCDCCCCCC");
    /* Mikkelson: credit 7, -2 per defection; non-positive within 10 moves: D and
     * credit 4; later D while the other defected on 15% of moves or more */
    play_match("second_mikkelson", "defector", 15, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CCCCDCDCDCDDDDD");
    /* White: ten C, then floor(ln 11) * 10 >= 11 */
    play_match("second_white", "defector", 15, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CCCCCCCCCCDDDDD");
    /* Tester: D, C, C, then alternate while the other never defects */
    play_match("second_tester", "cooperator", 10, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "DCCDCDCDCD");
    /* Gladstein: D, then D whenever its cooperations exceed half its moves;
     * once the other defects: apologise (C) and tit for tat */
    play_match("second_gladstein", "cooperator", 10, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "DCCDCDCDCD");
    play_match("second_gladstein", "tft", 10, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "DCCCCCCCCC");
    /* Grofman: C, C, then copy for moves 3-7, then count the other's defections
     * in its moves 8 to 2 back: 3 (D after own C), 3, 2 (D after own D), 1 (C) */
    play_script("second_grofman", "DDDCCCCCCCCC", 12, NULL, 1, a);
    assert_string_equal(a, "CCDDCCCDDDCC");
}

static void yamachi_defects_against_a_coin(void **state)
{
    (void)state;
    char a[64], opp[64];
    for (int t = 0; t < 60; t++) opp[t] = t % 2 ? 'D' : 'C';
    opp[60] = 0;
    play_script("second_yamachi", opp, 60, NULL, 1, a);
    /* from move 41, (defections + 0.5) / move stays within (0.45, 0.55): D */
    for (int t = 40; t < 60; t++) assert_int_equal(a[t], 'D');
    play_match("second_yamachi", "cooperator", 60, 0, NULL, 1, a, NULL);
    assert_int_equal(count_c(a), 60);
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
