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
 * played), the same values at any thread count, and errors.  Both fingerprints' result files hold
 * every value exactly: read back from results.json and from the CSV, the doubles in memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The third cell of every row but the header of dir/name, read back as doubles into out[max]; the count. */
static size_t csv_column3(const char *dir, const char *name, double *out, size_t max)
{
    char path[512], line[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t k = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* the header */
    while (fgets(line, sizeof line, f)) {
        char *c = strchr(line, ',');
        assert_non_null(c);
        c = strchr(c + 1, ',');
        assert_non_null(c);
        assert_true(k < max);
        out[k++] = strtod(c + 1, NULL);
    }
    fclose(f);
    unlink(path);
    return k;
}

/* The rows of the matrix `key` of dir/results.json, read back as doubles, equal want[rows * cols] bit for bit. */
static void json_matrix_is(const char *dir, const char *key, const double *want, size_t rows, size_t cols)
{
    char path[512];
    snprintf(path, sizeof path, "%s/results.json", dir);
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    assert_non_null(doc);
    json_t *m = json_object_get(doc, key);
    assert_int_equal(json_array_size(m), rows);
    for (size_t r = 0; r < rows; r++) {
        json_t *row = json_array_get(m, r);
        assert_int_equal(json_array_size(row), cols);
        for (size_t c = 0; c < cols; c++) {
            double x = json_number_value(json_array_get(row, c));
            assert_memory_equal(&x, &want[r * cols + c], sizeof x);
        }
    }
    json_decref(doc);
    unlink(path);
    snprintf(path, sizeof path, "%s/report.html", dir);
    unlink(path);
}

/* Whether some of the n values needs more than 12 significant digits (so that the test below
 * can fail: at 12 digits those would not read back). */
static int needs_more_than_12_digits(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.12g", v[i]);
        if (strtod(buf, NULL) != v[i]) return 1;
    }
    return 0;
}

static void files_hold_the_values_exactly(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_fingerprint_XXXXXX";
    assert_non_null(mkdtemp(dir));
    pl_error err;
    /* Ashlock's: a noisy generous tit for tat, whose mean scores have many digits */
    size_t side;
    double *g = fingerprint("gtft", 0.25, 7, 1, &side);
    assert_true(needs_more_than_12_digits(g, side * side));
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = 50;
    mc.seed = 3;
    assert_int_equal(pl_fingerprint_write("gtft", &mc, 0.25, 7, g, side, dir, &err), PL_OK);
    json_matrix_is(dir, "scores", g, side, side);
    double back[64];
    assert_int_equal(csv_column3(dir, "fingerprint.csv", back, 64), side * side);
    assert_memory_equal(back, g, side * side * sizeof *g);
    free(g);
    /* the transitive one: cooperation rates over 7 repetitions (sevenths) */
    double *r = transitive("gtft", "random:p=0.2,wsls", 10, 0.05, 7, 1);
    assert_true(needs_more_than_12_digits(r, 2 * 10));
    const char *names[2] = {"Random: 0.2", "Win-Stay Lose-Shift"};
    mc.turns = 10;
    mc.noise = 0.05;
    mc.seed = 11;
    assert_int_equal(pl_fingerprint_transitive_write("gtft", names, 2, &mc, 7, r, dir, &err), PL_OK);
    json_matrix_is(dir, "cooperation", r, 2, 10);
    assert_int_equal(csv_column3(dir, "transitive.csv", back, 64), 2 * 10);
    assert_memory_equal(back, r, 2 * 10 * sizeof *r);
    free(r);
    assert_int_equal(rmdir(dir), 0);
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
        cmocka_unit_test(files_hold_the_values_exactly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
