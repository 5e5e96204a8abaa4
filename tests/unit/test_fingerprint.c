// SPDX-License-Identifier: MIT
/* test_fingerprint.c — population/fingerprint: Ashlock's and the transitive fingerprint against
 * what is known.
 *
 * Where the probe is not random the score is exact: at (0, 0) and (1, 1) the probe is tit for tat,
 * at (1, 0) it always cooperates, at (0, 1) it always defects, at (1, 1) it is the dual of tit for
 * tat (the opposite move: tit for tat cycles through 0, 1, 5, 3 against it); the probe is the
 * registry's memory-one strategy (1 - y, x, 1 - y, x, first 1 - y), so a strategy's fingerprint
 * is its mean score against that strategy; the same values at any thread count; and errors.
 * The transitive fingerprint: tit for tat's moves against deterministic opponents turn by turn
 * (past the first 64 turns too, where the moves are in a second word), its cooperation against a
 * Random player at that player's rate, a cooperator's under noise at 1 - noise (the move as
 * played), the same values at any thread count, and errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

static double *fingerprint(const char *name, double step, int reps, int threads, size_t *side)
{
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, name, &err), PL_OK);
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = 50;
    mc.seed = 3;
    double *g = NULL;
    assert_int_equal(pl_fingerprint_ashlock(s, &mc, step, reps, threads, &g, side, &err), PL_OK);
    pl_strategy_free(s);
    return g;
}

static void corners_are_exact(void **state)
{
    (void)state;
    size_t n;
    double *g = fingerprint("tft", 0.5, 20, 1, &n);
    assert_int_equal(n, 3);
    assert_float_equal(g[0], 3, 1e-12);              /* (0, 0) */
    assert_float_equal(g[2], 3, 1e-12);              /* (1, 0) */
    assert_float_equal(g[6], 49.0 / 50, 1e-12);      /* (0, 1) */
    assert_float_equal(g[8], 109.0 / 50, 1e-12);     /* (1, 1): 12 cycles of 0, 1, 5, 3 and then 0, 1 */
    free(g);
    g = fingerprint("defector", 0.5, 20, 1, &n);
    assert_float_equal(g[0], 54.0 / 50, 1e-12);      /* against tit for tat: 5 once, then 1 */
    assert_float_equal(g[2], 5, 1e-12);              /* against a cooperator */
    assert_float_equal(g[6], 1, 1e-12);              /* against a defector */
    free(g);
}

static void the_probe_is_memory_one(void **state)
{
    (void)state;
    size_t n;
    double *g = fingerprint("wsls", 0.25, 300, 2, &n);
    assert_int_equal(n, 5);
    /* (x, y) = (0.75, 0.5), above the diagonal: win-stay lose-shift against memory_one(0.5, 0.75, 0.5, 0.75, 0.5) */
    pl_strategy *a, *b;
    pl_error err;
    assert_int_equal(pl_strategy_create(&a, "wsls", &err), PL_OK);
    assert_int_equal(pl_strategy_create(&b, "memory_one:p_cc=0.5,p_cd=0.75,p_dc=0.5,p_dd=0.75,initial=0.5", &err), PL_OK);
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = 50;
    double sum = 0;
    for (int k = 0; k < 300; k++) {
        pl_match_result *r;
        mc.seed = 1000 + (uint64_t)k;
        assert_int_equal(pl_match_play(a, b, &mc, &r, &err), PL_OK);
        sum += pl_match_result_score(r, 0) / 50;
        pl_match_result_free(r);
    }
    assert_float_equal(g[2 * n + 3], sum / 300, 0.1); /* two independent means of 300 matches */
    pl_strategy_free(a);
    pl_strategy_free(b);
    free(g);
}

static void same_at_any_thread_count(void **state)
{
    (void)state;
    size_t n1, n2;
    double *a = fingerprint("gtft", 0.2, 15, 1, &n1), *b = fingerprint("gtft", 0.2, 15, 2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1 * n1 * sizeof *a);
    free(a);
    free(b);
}

static void errors(void **state)
{
    (void)state;
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "tft", &err), PL_OK);
    pl_match_config mc;
    pl_match_config_default(&mc);
    double *g;
    size_t n;
    assert_int_equal(pl_fingerprint_ashlock(s, &mc, 0, 10, 1, &g, &n, &err), PL_EINVAL);
    assert_null(g);
    assert_int_equal(pl_fingerprint_ashlock(s, &mc, 0.0001, 10, 1, &g, &n, &err), PL_EINVAL);
    assert_int_equal(pl_fingerprint_ashlock(s, &mc, 0.5, 0, 1, &g, &n, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "repetitions"));
    pl_strategy_free(s);
}

/* The transitive fingerprint of `name` against the comma-separated `opponents`. */
static double *transitive(const char *name, const char *opponents, int turns, double noise, int reps, int threads)
{
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, name, &err), PL_OK);
    pl_player_list l = {0};
    assert_int_equal(pl_player_list_add(&l, opponents, &err), PL_OK);
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = turns;
    mc.noise = noise;
    mc.seed = 11;
    double *r = NULL;
    assert_int_equal(pl_fingerprint_transitive(s, l.items, l.n, &mc, reps, threads, &r, &err), PL_OK);
    pl_player_list_free(&l);
    pl_strategy_free(s);
    return r;
}

static void transitive_deterministic(void **state)
{
    (void)state;
    const int turns = 130;
    double *r = transitive("tft", "cooperator,defector,alternator", turns, 0, 3, 2);
    for (int t = 0; t < turns; t++) {
        assert_float_equal(r[t], 1, 0);                          /* against a cooperator: always C */
        assert_float_equal(r[turns + t], t == 0 ? 1 : 0, 0);     /* against a defector: C, then D */
        /* against the alternator (C, D, C, ...): C, then its last move: C at turn 2, D at 3, C at 4, ... */
        assert_float_equal(r[2 * turns + t], t == 0 || t % 2 == 1 ? 1 : 0, 0);
    }
    free(r);
}

static void transitive_random_and_noise(void **state)
{
    (void)state;
    /* tit for tat copies a Random player's last move: from turn 2 it cooperates with the player's
     * p = 0.3; 4000 repetitions give a standard error of 0.0072, and 0.04 is five and a half of them */
    double *r = transitive("tft", "random:p=0.3", 20, 0, 4000, 2);
    assert_float_equal(r[0], 1, 0);
    for (int t = 1; t < 20; t++) assert_float_equal(r[t], 0.3, 0.04);
    free(r);
    /* a cooperator's move as played is flipped with the noise: 1 - 0.1 of the time (standard error 0.0047) */
    r = transitive("cooperator", "defector", 20, 0.1, 4000, 2);
    for (int t = 0; t < 20; t++) assert_float_equal(r[t], 0.9, 0.03);
    free(r);
}

static void transitive_same_at_any_thread_count(void **state)
{
    (void)state;
    double *a = transitive("gtft", "random:p=0.2,wsls,alternator", 70, 0.05, 50, 1);
    double *b = transitive("gtft", "random:p=0.2,wsls,alternator", 70, 0.05, 50, 2);
    assert_memory_equal(a, b, 3 * 70 * sizeof *a);
    free(a);
    free(b);
}

static void transitive_errors(void **state)
{
    (void)state;
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "tft", &err), PL_OK);
    pl_match_config mc;
    pl_match_config_default(&mc);
    double *r;
    assert_int_equal(pl_fingerprint_transitive(s, &s, 0, &mc, 10, 1, &r, &err), PL_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.msg, "opponent"));
    assert_int_equal(pl_fingerprint_transitive(s, &s, 1, &mc, 0, 1, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "repetitions"));
    mc.prob_end = 0.1;
    assert_int_equal(pl_fingerprint_transitive(s, &s, 1, &mc, 10, 1, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "fixed number of turns"));
    mc.prob_end = 0;
    mc.turns = 10000000;
    assert_int_equal(pl_fingerprint_transitive(s, &s, 1, &mc, 1000000, 1, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "too large"));
    pl_strategy_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(corners_are_exact),
        cmocka_unit_test(the_probe_is_memory_one),
        cmocka_unit_test(same_at_any_thread_count),
        cmocka_unit_test(errors),
        cmocka_unit_test(transitive_deterministic),
        cmocka_unit_test(transitive_random_and_noise),
        cmocka_unit_test(transitive_same_at_any_thread_count),
        cmocka_unit_test(transitive_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
