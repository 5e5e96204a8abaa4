// SPDX-License-Identifier: MIT
/* test_strategies_sequences.c — the sequences family beyond the 200-turn
 * transcripts: cycle parameters, long matches against sequences built
 * independently here, and the ratio the mathematical-constant players steer to. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "strategy_testing.h"

#define MAXT 20000

static char xa[MAXT + 1], xb[MAXT + 1];

static void cyclers_repeat_their_cycle(void **state)
{
    (void)state;
    struct {
        const char *spec, *cycle;
    } c[] = {
        {"cycler", "CCD"},
        {"Cycler CCCCCD", "CCCCCD"},
        {"cycler_cccd", "CCCD"},
        {"cycler_cccdcd", "CCCDCD"},
        {"cycler_ccd", "CCD"},
        {"cycler_dc", "DC"},
        {"Cycler DDC", "DDC"},
        {"cycler:cycle=D", "D"},
        {"cycler:cycle=CDDCCCDDDDCCCCCDCDCDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDC",
         "CDDCCCDDDDCCCCCDCDCDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDC"},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        size_t n = strlen(c[i].cycle);
        st_play(c[i].spec, "tft", (st_match){.turns = 5000}, xa, xb);
        for (int t = 0; t < 5000; t++)
            if (xa[t] != c[i].cycle[(size_t)t % n]) fail_msg("%s: turn %d", c[i].spec, t);
    }
}

static void cycler_parameter_handling(void **state)
{
    (void)state;
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "cycler", &err), 0);
    assert_string_equal(pl_strategy_label(s), "Cycler");
    pl_strategy_free(s);
    assert_int_equal(pl_strategy_create(&s, "cycler:cycle=CCD", &err), 0);
    assert_string_equal(pl_strategy_label(s), "Cycler");
    pl_strategy_free(s);
    assert_int_equal(pl_strategy_create(&s, "cycler:cycle=DDCD", &err), 0);
    assert_string_equal(pl_strategy_label(s), "cycler:cycle=DDCD");
    assert_false(pl_strategy_is_stochastic(s));
    pl_strategy_free(s);
    assert_int_equal(pl_strategy_create(&s, "cycler:cycle=CXD", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "cycler:cycle=", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "cycler:cycle=cd", &err), PL_EINVAL);
    /* 64 actions do not fit the parameter text (63 do: see above) */
    assert_int_equal(pl_strategy_create(&s, "cycler:cycle=CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCD", &err),
                     PL_EINVAL);
}

/* AntiCycler: C D D, then runs of 1, 2, 3, ... C each closed by D. */
static void anti_cycler_has_growing_runs(void **state)
{
    (void)state;
    static char want[MAXT + 1];
    int n = 0;
    want[n++] = 'C', want[n++] = 'D', want[n++] = 'D';
    for (int run = 1; n < MAXT; run++) {
        for (int k = 0; k < run && n < MAXT; k++) want[n++] = 'C';
        if (n < MAXT) want[n++] = 'D';
    }
    want[n] = '\0';
    st_play("anti_cycler", "defector", (st_match){.turns = MAXT}, xa, xb);
    assert_string_equal(xa, want);
    /* no period p <= 100 holds over the last half of the match */
    for (int p = 1; p <= 100; p++) {
        int periodic = 1;
        for (int t = MAXT / 2; t + p < MAXT && periodic; t++) periodic = xa[t] == xa[t + p];
        assert_false(periodic);
    }
}

/* The Thue–Morse word from its recursive definition: t(0) = 0, t(2n) = t(n), t(2n+1) = 1 - t(n). */
static void thue_morse_follows_the_recursion(void **state)
{
    (void)state;
    static int tm[MAXT];
    tm[0] = 0;
    for (int i = 1; i < MAXT; i++) tm[i] = i % 2 ? 1 - tm[i / 2] : tm[i / 2];
    static char inv[MAXT + 1];
    st_play("thue_morse", "cooperator", (st_match){.turns = MAXT}, xa, xb);
    st_play("thue_morse_inverse", "defector", (st_match){.turns = MAXT}, inv, xb);
    for (int t = 0; t < MAXT; t++) {
        if (xa[t] != (tm[t] ? 'C' : 'D')) fail_msg("ThueMorse turn %d", t);
        if (inv[t] != (tm[t] ? 'D' : 'C')) fail_msg("ThueMorseInverse turn %d", t);
    }
    assert_memory_equal(xa, "DCCDCDDCCDDCDCCD", 16);
}

static void constant_players_steer_the_ratio(void **state)
{
    (void)state;
    struct {
        const char *id;
        double r;
    } c[] = {{"golden", 1.6180339887498949}, {"pi", 3.141592653589793}, {"e", 2.718281828459045}};
    for (size_t i = 0; i < 3; i++) {
        /* never defected against: defects from the second turn on */
        st_play(c[i].id, "cooperator", (st_match){.turns = 500}, xa, xb);
        assert_int_equal(xa[0], 'C');
        for (int t = 1; t < 500; t++) assert_int_equal(xa[t], 'D');
        /* against Defector the ratio can never exceed 1 < constant: always cooperates */
        st_play(c[i].id, "defector", (st_match){.turns = 500}, xa, xb);
        for (int t = 0; t < 500; t++) assert_int_equal(xa[t], 'C');
        /* in self-play both add the same action each turn, and each turn moves the
         * ratio of all cooperations to all defections towards the constant: after
         * n turns it is within one step, 2 / (defections), of it */
        int n = MAXT;
        st_play(c[i].id, c[i].id, (st_match){.turns = n}, xa, xb);
        assert_string_equal(xa, xb);
        int coop = 0, def = 0;
        for (int t = 0; t < n; t++) (xa[t] == 'C' ? &coop : &def)[0] += 2;
        double ratio = (double)coop / def;
        if (fabs(ratio - c[i].r) > 2.0 / def * (1 + c[i].r))
            fail_msg("%s self-play ratio %.6f, constant %.6f", c[i].id, ratio, c[i].r);
    }
}

static void payoffs_and_length_do_not_matter(void **state)
{
    (void)state;
    const char *ids[] = {"cycler:cycle=CDDCD", "anti_cycler", "thue_morse", "golden", "pi", "e"};
    static char a[MAXT + 1], c[MAXT + 1];
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        st_play(ids[i], "cycler:cycle=CCDCDDDCCCCCCD", (st_match){.turns = 3000}, a, xb);
        st_play(ids[i], "cycler:cycle=CCDCDDDCCCCCCD", (st_match){.turns = 1000, .game = "2,-1,4,0"}, c, xb);
        assert_memory_equal(a, c, 1000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cyclers_repeat_their_cycle),
        cmocka_unit_test(cycler_parameter_handling),
        cmocka_unit_test(anti_cycler_has_growing_runs),
        cmocka_unit_test(thue_morse_follows_the_recursion),
        cmocka_unit_test(constant_players_steer_the_ratio),
        cmocka_unit_test(payoffs_and_length_do_not_matter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
