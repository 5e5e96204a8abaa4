// SPDX-License-Identifier: MIT
/* test_strategies_misc.c — the misc family beyond the 200-turn transcripts:
 * other match lengths (BackStabber, DoubleCrosser), other payoffs (Adaptive),
 * parameters (Grumpy, Handshake, Adaptive), and a few rules pinned directly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"

/* BackStabber and DoubleCrosser defect on the last two turns of a known length,
 * whatever it is, and never when the end is probabilistic. */
static void backstabbers_read_the_length(void **state)
{
    (void)state;
    int lengths[] = {1, 2, 3, 50, 1000};
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
        int n = lengths[i];
        st_match cfg = {.turns = n};
        int k = n > 2 ? n - 2 : 0;
        st_expect_run("backstabber", "cooperator", cfg, k, 'C', 'D');
        st_expect_run("doublecrosser", "cooperator", cfg, k, 'C', 'D');
    }
    st_match pe = {.turns = 0, .prob_end = 0.01, .seed = 3};
    char *xa, *xb;
    st_play_alloc("backstabber", "cooperator", pe, &xa, &xb);
    assert_true(strspn(xa, "C") == strlen(xa)); /* length unknown: no end-game defection */
    free(xa), free(xb);
    /* the fourth opponent defection ends BackStabber's patience: against Defector
     * C C C C (it reacts to defections already seen), then D from turn 4 */
    st_match c10 = {.turns = 10};
    st_expect_run("backstabber", "defector", c10, 4, 'C', 'D');
}

/* DoubleCrosser forgives (defects only after two opponent defections in a row)
 * from round 8 to round 180 only after a clean first seven opponent moves;
 * otherwise it is BackStabber. */
static void doublecrosser_phase_is_absolute(void **state)
{
    (void)state;
    st_match cfg = {.turns = 400};
    char *xa, *xb;
    /* vs Gradual Killer (D D D D D C C ...): defected early, so plain BackStabber:
     * cooperate until the 4th defection is seen (turn 4), then defect */
    st_play_alloc("doublecrosser", "gradual_killer", cfg, &xa, &xb);
    assert_true(st_is_run(xa, 4, 'C', 'D'));
    free(xa), free(xb);
    /* vs Tricky Cooperator (C C C then D while we never defect): first seven have
     * D from turn 3, so again BackStabber: defect once 4 defections are in (turn 7) */
    st_play_alloc("doublecrosser", "tricky_cooperator", cfg, &xa, &xb);
    assert_true(st_is_run(xa, 7, 'C', 'D'));
    free(xa), free(xb);
}

/* DoubleCrosser against scripts of 250 turns (mostly C, a D in the first seven moves or not, at
 * any of them), move for move against its rule with the first seven moves rescanned each turn, for
 * a match of unknown length and of known length: it reads the first seven and the last two of the
 * other's moves as bits.  Fails with the first six taken for the first seven (tried). */
static void doublecrosser_follows_its_rule(void **state)
{
    (void)state;
    enum { N = 250 };
    uint64_t x = 2024;
    char script[N + 1], got[N + 1];
    for (int trial = 0; trial < 64; trial++) {
        for (int j = 0; j < N; j++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            script[j] = (x >> 59) < (unsigned)(1 + trial % 5) ? 'D' : 'C'; /* a D in 32 with chance 1 to 5 */
        }
        if (trial % 2) /* a clean opening but perhaps for one D at move trial / 2 % 8 (8: none) */
            for (int j = 0; j < 7; j++) script[j] = j == trial / 2 % 8 ? 'D' : 'C';
        script[N] = 0;
        for (int known = 0; known < 2; known++) {
            int length = known ? N : -1;
            st_play_script("doublecrosser", script, length, NULL, 1, got);
            for (int n = 0; n < N; n++) {
                int first7 = 0, defects = 0;
                for (int i = 0; i < n && i < 7; i++) first7 += script[i] == 'D';
                for (int i = 0; i < n; i++) defects += script[i] == 'D';
                int round = n + 1;
                char want;
                if (length >= 0 && length - n <= 2) want = 'D';
                else if (!first7 && round > 7 && round <= 180) want = script[n - 1] == 'D' && script[n - 2] == 'D' ? 'D' : 'C';
                else want = n > 0 && defects > 3 ? 'D' : 'C';
                if (got[n] != want) fail_msg("trial %d (length %d), turn %d: played %c, the rule says %c", trial, length, n, got[n], want);
            }
        }
    }
}

/* Adaptive scores its own two actions with the match's game: with the standard
 * game the opening's five D against a cooperator earn 25 > 18, so it defects on;
 * with R = 10, T = 11 the six C earn 60 > 55 and it returns to cooperation. */
static void adaptive_uses_the_game(void **state)
{
    (void)state;
    st_match cfg = {.turns = 300};
    char *xa, *xb;
    st_play_alloc("adaptive", "cooperator", cfg, &xa, &xb);
    assert_memory_equal(xa, "CCCCCCDDDDD", 11);
    assert_true(strspn(xa + 11, "D") == 289);
    free(xa), free(xb);
    cfg.game = "10,0,11,1";
    st_play_alloc("adaptive", "cooperator", cfg, &xa, &xb);
    assert_memory_equal(xa, "CCCCCCDDDDD", 11);
    assert_true(strspn(xa + 11, "C") == 289);
    free(xa), free(xb);
    /* as the column party too */
    st_play_alloc("cooperator", "adaptive", cfg, &xb, &xa);
    assert_true(strspn(xa + 11, "C") == 289);
    free(xa), free(xb);
    /* a shorter opening: after C, D against a cooperator C scored 10, D 11 -> D */
    st_play_alloc("adaptive:initial_plays=CD", "cooperator", cfg, &xa, &xb);
    assert_true(st_is_run(xa, 1, 'C', 'D'));
    free(xa), free(xb);
}

/* Grumpy's mood thresholds and starting mood are parameters. */
static void grumpy_parameters(void **state)
{
    (void)state;
    st_match cfg = {.turns = 100};
    /* default vs Defector: grumpiness after t turns is t; > 10 first at turn 11 */
    st_expect_run("grumpy", "defector", cfg, 11, 'C', 'D');
    st_expect_run("grumpy:grumpy_threshold=2", "defector", cfg, 3, 'C', 'D');
    /* starting grumpy vs Cooperator: grumpiness -t; < -10 first at turn 11 */
    st_expect_run("grumpy:starting_state=1", "cooperator", cfg, 11, 'D', 'C');
    st_expect_run("grumpy:starting_state=1,nice_threshold=0", "cooperator", cfg, 1, 'D', 'C');
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "grumpy:starting_state=2", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "Grumpy: Nice, 10, -10", &err), 0);
    assert_true(pl_strategy_param(s, "grumpy_threshold") == 10);
    assert_true(pl_strategy_param(s, "nice_threshold") == -10);
    pl_strategy_free(s);
}

/* Handshake: the handshake is a parameter; two Handshakes recognise each other. */
static void handshake_parameters(void **state)
{
    (void)state;
    st_match cfg = {.turns = 100};
    char *xa, *xb;
    st_play_alloc("handshake", "handshake", cfg, &xa, &xb);
    assert_memory_equal(xa, "CD", 2);
    assert_true(strspn(xa + 2, "C") == 98);
    free(xa), free(xb);
    st_play_alloc("handshake:initial_plays=DDC", "handshake:initial_plays=DDC", cfg, &xa, &xb);
    assert_memory_equal(xa, "DDC", 3);
    assert_true(strspn(xa + 3, "C") == 97);
    free(xa), free(xb);
    st_expect_run("handshake", "cooperator", cfg, 1, 'C', 'D'); /* opening C D; no handshake back: D */
}

/* Small rules pinned against the unconditional players. */
static void small_rules(void **state)
{
    (void)state;
    st_match cfg = {.turns = 500};
    st_expect_run("tricky_cooperator", "cooperator", cfg, 3, 'C', 'D');
    st_expect_run("tricky_defector", "defector", cfg, 500, 'D', 'D');      /* never saw a C */
    st_expect_run("usually_cooperates", "defector", cfg, 500, 'C', 'C');
    st_expect_run("usually_defects", "cooperator", cfg, 500, 'D', 'D');
    st_expect_run("verybad", "defector", cfg, 3, 'C', 'D');
    st_expect_run("shortmem", "defector", cfg, 11, 'C', 'D');
    st_expect_run("collective_strategy", "cooperator", cfg, 1, 'C', 'D'); /* C, D, then D: no handshake */
    st_expect_run("capri", "tft", cfg, 500, 'C', 'C');
    st_expect_run("gradual_killer", "cooperator", cfg, 5, 'D', 'C');       /* D x5, C, C, then C: no D on moves 6-7 */
    char *xa, *xb;
    st_play_alloc("gradual_killer", "defector", cfg, &xa, &xb); /* defected on moves 6 and 7: D forever */
    assert_memory_equal(xa, "DDDDDCC", 7);
    assert_true(strspn(xa + 7, "D") == 493);
    free(xa), free(xb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(backstabbers_read_the_length),
        cmocka_unit_test(doublecrosser_phase_is_absolute),
        cmocka_unit_test(doublecrosser_follows_its_rule),
        cmocka_unit_test(adaptive_uses_the_game),
        cmocka_unit_test(grumpy_parameters),
        cmocka_unit_test(handshake_parameters),
        cmocka_unit_test(small_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
