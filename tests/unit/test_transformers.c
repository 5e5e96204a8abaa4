// SPDX-License-Identifier: MIT
/* test_transformers.c — strategy transformers (src/strategies/transformers.c) beyond the
 * reference's transcripts (tests/e2e/transformers.sh): the stochastic ones in distribution
 * (noisy, forgiver, Joss-Ann, mixed), identities of composition (dual of dual, flip of flip),
 * deep copies, labels that read back, the metadata per parameters, and errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"

enum { TURNS = 20000 };

/* The share of C in a's moves against b over TURNS turns (seeded). */
static double share_c(const char *a, const char *b, uint64_t seed)
{
    char *x = malloc(TURNS + 1);
    st_play(a, b, (st_match){.turns = TURNS, .seed = seed}, x, NULL);
    double c = st_count_c(x) / (double)TURNS;
    free(x);
    return c;
}

/* noisy flips with its probability; forgiver turns a defection into C with its probability;
 * Joss-Ann cooperates with pc, defects with pd, else plays the strategy; mixed plays the
 * mixed-in strategy with its probability.  5 binomial standard errors. */
static void stochastic_in_distribution(void **state)
{
    (void)state;
    st_assert_proportion("noisy(cooperator, 0.1)", share_c("noisy(cooperator, 0.1)", "tft", 1), 0.9, TURNS, 5);
    st_assert_proportion("noisy(defector, 0.3)", share_c("noisy(defector, 0.3)", "tft", 2), 0.3, TURNS, 5);
    st_assert_proportion("noisy(cooperator) (0.05)", share_c("noisy(cooperator)", "tft", 3), 0.95, TURNS, 5);
    st_assert_proportion("forgiver(defector, 0.25)", share_c("forgiver(defector, 0.25)", "tft", 4), 0.25, TURNS, 5);
    assert_true(share_c("forgiver(cooperator, 0.25)", "tft", 4) == 1.0); /* C stays C */
    /* against Cooperator, tft cooperates: C with pc + (1 - pc - pd) */
    st_assert_proportion("joss_ann(tft, 0.1, 0.2)", share_c("joss_ann(tft, 0.1, 0.2)", "cooperator", 5), 0.8, TURNS, 5);
    /* (0.7, 0.6) scaled to (7/13, 6/13): C with 7/13 whatever the strategy */
    st_assert_proportion("joss_ann(defector, 0.7, 0.6)", share_c("joss_ann(defector, 0.7, 0.6)", "tft", 6), 7.0 / 13,
                         TURNS, 5);
    st_assert_proportion("mixed(cooperator, 0.3, defector)", share_c("mixed(cooperator, 0.3, defector)", "tft", 7), 0.7,
                         TURNS, 5);
    /* two mixed-in players: D with 0.2, C otherwise (the base defects) */
    st_assert_proportion("mixed(defector, 0.2, defector, 0.5, cooperator)",
                         share_c("mixed(defector, 0.2, defector, 0.5, cooperator)", "tft", 8), 0.5, TURNS, 5);
}

/* Probabilities 0 and 1 draw nothing and play a fixed rule. */
static void fixed_settings_are_deterministic(void **state)
{
    (void)state;
    const char *fixed[] = {"noisy(tft, 0)", "noisy(tft, 1)", "forgiver(grudger, 0)", "forgiver(grudger, 1)",
                           "joss_ann(random, 1, 0)", "joss_ann(random, 0, 1)", "mixed(random, 1, defector)"};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        pl_strategy *s = st_make(fixed[i]);
        if (pl_strategy_is_stochastic(s)) fail_msg("%s is classified random", fixed[i]);
        pl_strategy_free(s);
        char a[101], b[101];
        st_play(fixed[i], "alternator", (st_match){.turns = 100, .seed = 1}, a, NULL);
        st_play(fixed[i], "alternator", (st_match){.turns = 100, .seed = 2}, b, NULL);
        if (strcmp(a, b)) fail_msg("%s differs between seeds", fixed[i]);
    }
    st_expect_same("noisy(tft, 1)", "flip(tft)", "alternator", 100);
    st_expect_same("joss_ann(random, 1, 0)", "cooperator", "alternator", 100);
    st_expect_same("mixed(tft, 1, defector)", "defector", "alternator", 100);
}

/* dual is an involution, flip too; nested transformers compose. */
static void compositions(void **state)
{
    (void)state;
    const char *bases[] = {"tft", "grudger", "First by Davis: 10", "adaptive", "wsls", "cycler:cycle=CCD"};
    const char *opps[] = {"alternator", "tft", "prober", "cycler:cycle=DDC"};
    char buf[2][128];
    for (size_t i = 0; i < sizeof bases / sizeof *bases; i++)
        for (size_t j = 0; j < sizeof opps / sizeof *opps; j++) {
            snprintf(buf[0], sizeof buf[0], "dual(dual(%s))", bases[i]);
            st_expect_same(buf[0], bases[i], opps[j], 300);
            snprintf(buf[1], sizeof buf[1], "flip(flip(%s))", bases[i]);
            st_expect_same(buf[1], bases[i], opps[j], 300);
            snprintf(buf[0], sizeof buf[0], "identity(track_history(%s))", bases[i]);
            st_expect_same(buf[0], bases[i], opps[j], 300);
        }
    /* a player that reads only its opponent is its own flip under dual */
    st_expect_same("dual(tft)", "flip(tft)", "alternator", 50);
    /* initial then the strategy; final at the end of a known length */
    char a[11];
    st_play("initial(cooperator, DDC)", "tft", (st_match){.turns = 10}, a, NULL);
    assert_string_equal(a, "DDCCCCCCCC");
    st_play("final(cooperator, DDC)", "tft", (st_match){.turns = 10}, a, NULL);
    assert_string_equal(a, "CCCCCCCDDC");
    st_play("final(initial(cooperator, D), D)", "tft", (st_match){.turns = 10}, a, NULL);
    assert_string_equal(a, "DCCCCCCCCD");
}

/* A copy of a transformed strategy owns its chain: the original freed, the copy plays. */
static void deep_copy(void **state)
{
    (void)state;
    pl_strategy *s = st_make("mixed(noisy(dual(tft), 0.1), 0.3, grudger, 0.2, flip(cooperator))");
    pl_strategy *c = pl_strategy_clone(s);
    assert_non_null(c);
    assert_string_equal(pl_strategy_label(c), pl_strategy_label(s));
    assert_string_equal(pl_strategy_get_info(c)->name, pl_strategy_label(c));
    pl_strategy_free(s);
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 100;
    pl_match_result *r;
    pl_error err;
    assert_int_equal(pl_match_play(c, c, &cfg, &r, &err), 0);
    assert_int_equal(pl_match_result_turns(r), 100);
    pl_match_result_free(r);
    pl_strategy_free(c);
}

/* Labels are in parley's syntax and read back as the same strategy. */
static void labels_read_back(void **state)
{
    (void)state;
    const char *specs[] = {"dual(tft)", "noisy(grudger, 0.1)", "joss_ann(tft, 0.7, 0.6)", "initial(final(tft, DD), CDC)",
                           "mixed(wsls, 0.25, defector, 0.5, tft)", "apology(gtft:p=0.2, CD, DC)",
                           "retaliation(dual(First by Davis: 10), 3)", "rua(memory_one:p_cc=1,p_cd=0.2)", "Dual Tit For Tat"};
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++) {
        pl_strategy *s = st_make(specs[i]);
        pl_strategy *t = st_make(pl_strategy_label(s));
        assert_string_equal(pl_strategy_label(s), pl_strategy_label(t));
        char x[201], y[201];
        st_play(specs[i], "alternator", (st_match){.turns = 200, .seed = 9}, x, NULL);
        st_play(pl_strategy_label(s), "alternator", (st_match){.turns = 200, .seed = 9}, y, NULL);
        if (strcmp(x, y)) fail_msg("'%s' and its label '%s' play differently", specs[i], pl_strategy_label(s));
        pl_strategy_free(s);
        pl_strategy_free(t);
    }
}

/* The metadata follows the reference's reclassifiers, per parameters. */
static void metadata(void **state)
{
    (void)state;
    struct {
        const char *spec;
        int stochastic, depth, uses_length;
    } rows[] = {
        {"noisy(tft, 0.1)", 1, 1, 0},          {"noisy(tft, 0)", 0, 1, 0},
        {"initial(tft, DDCC)", 0, 4, 0},       {"final(cooperator, DDD)", 0, 3, 1},
        {"retaliation(cooperator, 5)", 0, 5, 0}, {"rua(cooperator)", 0, 1, 0},
        {"joss_ann(grudger, 1, 0)", 0, 0, 0},  {"joss_ann(cooperator, 0, 0)", 1, 0, 0},
        {"mixed(tft, 0, random)", 0, 1, 0},    {"mixed(tft, 1, random)", 1, 1, 0},
        {"initial(grudger, DD)", 0, -1, 0},    {"joss_ann(final(tft, D), 0, 1)", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        pl_strategy *s = st_make(rows[i].spec);
        if (pl_strategy_is_stochastic(s) != rows[i].stochastic || pl_strategy_memory_depth(s) != rows[i].depth ||
            pl_strategy_get_info(s)->uses_length != rows[i].uses_length)
            fail_msg("%s: stochastic %d memory %d length %d", rows[i].spec, pl_strategy_is_stochastic(s),
                     pl_strategy_memory_depth(s), pl_strategy_get_info(s)->uses_length);
        pl_strategy_free(s);
    }
}

/* Bad names: the code and a message naming what is wrong; nothing is made. */
static void errors(void **state)
{
    (void)state;
    struct {
        const char *spec, *msg;
    } bad[] = {
        {"noisy(tft, 2)", "'noise' must be between 0 and 1"},
        {"noisy(tft, x)", "unknown strategy 'tft, x'"},
        {"forgiver(tft)", "expected forgiver(STRATEGY, p)"},
        {"initial(tft, )", "'sequence' must be 1 to"},
        {"apology(tft, D, CC)", "must be of one length"},
        {"joss_ann(tft, 0.5, -0.1)", "'p_defect' must be between 0 and 1"},
        {"mixed(tft, 0.5)", "expected mixed(STRATEGY, PROBABILITY, OTHER"},
        {"mixed(tft, 0.5, nosuch)", "transformer mixed: 'strategy': unknown strategy 'nosuch'"},
        {"grudge(tft, 2.5)", "'grudges' must be a whole number"},
        {"dual(tft))", "unbalanced ')'"},
        {"swap(tft)", "unknown transformer 'swap'"},
        {"dual()", "expected a strategy to transform"},
        {"dual((tft)", "unbalanced '(' in '(tft'"},
        /* a number too long to read is named as the transformer's argument, not as a strategy */
        {"noisy(tft, 0.1234567890123456789012345678901234567890123456789012345678901234567890)",
         "transformer noisy: 'noise' is too long"},
        /* a label past the handle's 159 characters is refused, not cut */
        {"noisy(noisy(noisy(noisy(noisy(noisy(noisy(tft, 0.1234567890123), 0.1234567890123), 0.1234567890123), "
         "0.1234567890123), 0.1234567890123), 0.1234567890123), 0.1234567890123)",
         "is longer than 159 characters"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pl_strategy *s = NULL;
        pl_error err;
        int rc = pl_strategy_create(&s, bad[i].spec, &err);
        if (rc == 0) fail_msg("'%s' was accepted", bad[i].spec);
        assert_null(s);
        if (!strstr(err.msg, bad[i].msg)) fail_msg("'%s': message '%s' lacks '%s'", bad[i].spec, err.msg, bad[i].msg);
        assert_int_equal(pl_strategy_create(&s, bad[i].spec, NULL), rc); /* a quiet probe agrees */
    }
}

/* A player list splits at commas outside parentheses only. */
static void lists(void **state)
{
    (void)state;
    pl_player_list l = {0};
    pl_error err;
    assert_int_equal(pl_player_list_add(&l, "tft,noisy(grudger, 0.1),mixed(tft, 0.2, defector, 0.3, cooperator),Omega TFT: 3, 8",
                                        &err),
                     0);
    assert_int_equal(l.n, 4);
    assert_string_equal(pl_strategy_label(l.items[1]), "noisy(Grudger, 0.1)");
    assert_string_equal(pl_strategy_label(l.items[2]), "mixed(Tit For Tat, 0.2, Defector, 0.3, Cooperator)");
    pl_player_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stochastic_in_distribution), cmocka_unit_test(fixed_settings_are_deterministic),
        cmocka_unit_test(compositions),               cmocka_unit_test(deep_copy),
        cmocka_unit_test(labels_read_back),           cmocka_unit_test(metadata),
        cmocka_unit_test(errors),                     cmocka_unit_test(lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
