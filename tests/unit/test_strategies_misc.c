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

#include "parley/parley.h"

static void play(const char *a, const char *b, const pl_match_config *cfg, char **xa, char **xb)
{
    pl_strategy *sa, *sb;
    pl_error err;
    if (pl_strategy_create(&sa, a, &err)) fail_msg("%s: %s", a, err.msg);
    if (pl_strategy_create(&sb, b, &err)) fail_msg("%s: %s", b, err.msg);
    pl_match_result *r;
    assert_int_equal(pl_match_play(sa, sb, cfg, &r, &err), 0);
    int n = pl_match_result_turns(r);
    *xa = malloc((size_t)n + 1);
    *xb = malloc((size_t)n + 1);
    pl_match_result_actions(r, 0, *xa);
    pl_match_result_actions(r, 1, *xb);
    pl_match_result_free(r);
    pl_strategy_free(sa);
    pl_strategy_free(sb);
}

static pl_match_config turns(int n)
{
    pl_match_config c;
    pl_match_config_default(&c);
    c.turns = n;
    return c;
}

/* 1 if s is k copies of c then copies of d. */
static int is_run(const char *s, int k, char c, char d)
{
    int n = (int)strlen(s);
    for (int i = 0; i < n; i++)
        if (s[i] != (i < k ? c : d)) return 0;
    return 1;
}

static void expect(const char *a, const char *b, const pl_match_config *cfg, int k, char c, char d)
{
    char *xa, *xb;
    play(a, b, cfg, &xa, &xb);
    if (!is_run(xa, k, c, d)) fail_msg("%s vs %s: got %.80s", a, b, xa);
    free(xa), free(xb);
}

/* BackStabber and DoubleCrosser defect on the last two turns of a known length,
 * whatever it is, and never when the end is probabilistic. */
static void backstabbers_read_the_length(void **state)
{
    (void)state;
    int lengths[] = {1, 2, 3, 50, 1000};
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
        int n = lengths[i];
        pl_match_config cfg = turns(n);
        int k = n > 2 ? n - 2 : 0;
        expect("backstabber", "cooperator", &cfg, k, 'C', 'D');
        expect("doublecrosser", "cooperator", &cfg, k, 'C', 'D');
    }
    pl_match_config pe;
    pl_match_config_default(&pe);
    pe.turns = 0;
    pe.prob_end = 0.01;
    pe.seed = 3;
    char *xa, *xb;
    play("backstabber", "cooperator", &pe, &xa, &xb);
    assert_true(strspn(xa, "C") == strlen(xa)); /* length unknown: no end-game defection */
    free(xa), free(xb);
    /* the fourth opponent defection ends BackStabber's patience: against Defector
     * C C C C (it reacts to defections already seen), then D from turn 4 */
    pl_match_config c10 = turns(10);
    expect("backstabber", "defector", &c10, 4, 'C', 'D');
}

/* DoubleCrosser forgives (defects only after two opponent defections in a row)
 * from round 8 to round 180 only after a clean first seven opponent moves;
 * otherwise it is BackStabber. */
static void doublecrosser_phase_is_absolute(void **state)
{
    (void)state;
    pl_match_config cfg = turns(400);
    char *xa, *xb;
    /* vs Gradual Killer (D D D D D C C ...): defected early, so plain BackStabber:
     * cooperate until the 4th defection is seen (turn 4), then defect */
    play("doublecrosser", "gradual_killer", &cfg, &xa, &xb);
    assert_true(is_run(xa, 4, 'C', 'D'));
    free(xa), free(xb);
    /* vs Tricky Cooperator (C C C then D while we never defect): first seven have
     * D from turn 3, so again BackStabber: defect once 4 defections are in (turn 7) */
    play("doublecrosser", "tricky_cooperator", &cfg, &xa, &xb);
    assert_true(is_run(xa, 7, 'C', 'D'));
    free(xa), free(xb);
}

/* Adaptive scores its own two actions with the match's game: with the standard
 * game the opening's five D against a cooperator earn 25 > 18, so it defects on;
 * with R = 10, T = 11 the six C earn 60 > 55 and it returns to cooperation. */
static void adaptive_uses_the_game(void **state)
{
    (void)state;
    pl_match_config cfg = turns(300);
    char *xa, *xb;
    play("adaptive", "cooperator", &cfg, &xa, &xb);
    assert_memory_equal(xa, "CCCCCCDDDDD", 11);
    assert_true(strspn(xa + 11, "D") == 289);
    free(xa), free(xb);
    pl_game g;
    pl_error err;
    assert_int_equal(pl_game_parse_rstp(&g, "10,0,11,1", &err), 0);
    cfg.game = &g;
    play("adaptive", "cooperator", &cfg, &xa, &xb);
    assert_memory_equal(xa, "CCCCCCDDDDD", 11);
    assert_true(strspn(xa + 11, "C") == 289);
    free(xa), free(xb);
    /* as the column party too */
    play("cooperator", "adaptive", &cfg, &xb, &xa);
    assert_true(strspn(xa + 11, "C") == 289);
    free(xa), free(xb);
    /* a shorter opening: after C, D against a cooperator C scored 10, D 11 -> D */
    play("adaptive:initial_plays=CD", "cooperator", &cfg, &xa, &xb);
    assert_true(is_run(xa, 1, 'C', 'D'));
    free(xa), free(xb);
}

/* Grumpy's mood thresholds and starting mood are parameters. */
static void grumpy_parameters(void **state)
{
    (void)state;
    pl_match_config cfg = turns(100);
    /* default vs Defector: grumpiness after t turns is t; > 10 first at turn 11 */
    expect("grumpy", "defector", &cfg, 11, 'C', 'D');
    expect("grumpy:grumpy_threshold=2", "defector", &cfg, 3, 'C', 'D');
    /* starting grumpy vs Cooperator: grumpiness -t; < -10 first at turn 11 */
    expect("grumpy:starting_state=1", "cooperator", &cfg, 11, 'D', 'C');
    expect("grumpy:starting_state=1,nice_threshold=0", "cooperator", &cfg, 1, 'D', 'C');
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
    pl_match_config cfg = turns(100);
    char *xa, *xb;
    play("handshake", "handshake", &cfg, &xa, &xb);
    assert_memory_equal(xa, "CD", 2);
    assert_true(strspn(xa + 2, "C") == 98);
    free(xa), free(xb);
    play("handshake:initial_plays=DDC", "handshake:initial_plays=DDC", &cfg, &xa, &xb);
    assert_memory_equal(xa, "DDC", 3);
    assert_true(strspn(xa + 3, "C") == 97);
    free(xa), free(xb);
    expect("handshake", "cooperator", &cfg, 1, 'C', 'D'); /* opening C D; no handshake back: D */
}

/* Small rules pinned against the unconditional players. */
static void small_rules(void **state)
{
    (void)state;
    pl_match_config cfg = turns(500);
    expect("tricky_cooperator", "cooperator", &cfg, 3, 'C', 'D');
    expect("tricky_defector", "defector", &cfg, 500, 'D', 'D');      /* never saw a C */
    expect("usually_cooperates", "defector", &cfg, 500, 'C', 'C');
    expect("usually_defects", "cooperator", &cfg, 500, 'D', 'D');
    expect("verybad", "defector", &cfg, 3, 'C', 'D');
    expect("shortmem", "defector", &cfg, 11, 'C', 'D');
    expect("collective_strategy", "cooperator", &cfg, 1, 'C', 'D'); /* C, D, then D: no handshake */
    expect("capri", "tft", &cfg, 500, 'C', 'C');
    expect("gradual_killer", "cooperator", &cfg, 5, 'D', 'C');       /* D x5, C, C, then C: no D on moves 6-7 */
    char *xa, *xb;
    play("gradual_killer", "defector", &cfg, &xa, &xb); /* defected on moves 6 and 7: D forever */
    assert_memory_equal(xa, "DDDDDCC", 7);
    assert_true(strspn(xa + 7, "D") == 493);
    free(xa), free(xb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(backstabbers_read_the_length),
        cmocka_unit_test(doublecrosser_phase_is_absolute),
        cmocka_unit_test(adaptive_uses_the_game),
        cmocka_unit_test(grumpy_parameters),
        cmocka_unit_test(handshake_parameters),
        cmocka_unit_test(small_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
