/* SPDX-License-Identifier: MIT */
/* test_sensitivity.c — the sensitivity analyses against what is known in closed form.
 *
 * tests/resources/two_step_breakeven.yaml completes with probability 1 - a under one sequencing
 * and 1 - b under the other (a, b the parties' probabilities of waiting for each other), so the
 * ranking flips at a = b = 0.3; one at a time, the completion of the first design at the ends of
 * a's range (0 and 0.6) is 1 and 0.4, and the second design does not move; the payoffs do not
 * matter to rule-following parties, so their scale has no effect and no Sobol index.
 *
 * tests/resources/nparty_breakeven.yaml does the same for the N-party evaluator: one party cooperates
 * with probability p (or 0.8 in the other profile), so lasting cooperation over a window of 2 rounds
 * is p^2 against 0.64 and the ranking flips at p = 0.8. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "parley/sensitivity.h"

#define FIXTURE "tests/resources/two_step_breakeven.yaml"
#define NPARTY_FIXTURE "tests/resources/nparty_breakeven.yaml"

/* Runs the analysis of `fixture` with cfg (its out_dir set to dir) and reads its sensitivity.json. */
static json_t *run_config(const char *fixture, const char *dir, pl_sensitivity_config *cfg)
{
    cfg->out_dir = dir;
    pl_error err;
    FILE *devnull = fopen("/dev/null", "w");
    int rc = pl_sensitivity_run_file(fixture, cfg, devnull, &err);
    fclose(devnull);
    if (rc) fail_msg("%s", err.msg);
    char path[256];
    snprintf(path, sizeof path, "%s/sensitivity.json", dir);
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    assert_non_null(j);
    return j;
}

static json_t *run_file(const char *fixture, const char *dir, int threads, int sobol, const char *grid)
{
    pl_sensitivity_config cfg = {.threads = threads, .sobol_n = sobol, .sobol_runs = 1000, .bootstrap = 100,
                                 .bisect_steps = 12, .grid = grid, .grid_steps = 3};
    return run_config(fixture, dir, &cfg);
}

static json_t *run(const char *dir, int threads, int sobol, const char *grid)
{
    return run_file(FIXTURE, dir, threads, sobol, grid);
}

static double num(json_t *j, const char *a, const char *b)
{
    json_t *x = json_object_get(j, a);
    if (b) x = json_object_get(x, b);
    assert_true(json_is_number(x));
    return json_number_value(x);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = 0;
    fclose(f);
    return s;
}

static void break_even_matches_the_closed_form(void **state)
{
    (void)state;
    char dir[] = "/tmp/parley-sens-XXXXXX";
    assert_non_null(mkdtemp(dir));
    json_t *j = run(dir, 1, 16, "1,2");
    json_t *ranges = json_object_get(j, "ranges");
    assert_int_equal(json_array_size(ranges), 2);
    json_t *a = json_array_get(ranges, 0), *pay = json_array_get(ranges, 1);
    /* the compared designs: a_first ahead at the baseline (1 - 0.2 against 1 - 0.3) */
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "compared"), 0)), "a_first");
    json_t *be = json_object_get(a, "break_even");
    assert_true(json_is_true(json_object_get(be, "flips")));
    double at = num(be, "at", NULL);
    /* 20,000 runs: the empirical crossing is within a few standard errors (0.003) of 0.3 */
    assert_true(fabs(at - 0.3) < 0.015);
    /* one at a time: a = 0 completes always, a = 0.6 in 40 % of runs; b_first unmoved at 70 % */
    json_t *lo = json_object_get(json_object_get(a, "at_low"), "rate"), *hi = json_object_get(json_object_get(a, "at_high"), "rate");
    assert_true(num(lo, "a_first", NULL) == 1.0);
    assert_true(fabs(num(hi, "a_first", NULL) - 0.4) < 0.015);
    assert_true(num(lo, "b_first", NULL) == num(hi, "b_first", NULL));
    assert_true(fabs(num(lo, "b_first", NULL) - 0.7) < 0.015);
    /* the payoffs do not matter to rules without behaviour: no flip, no swing, total index 0 */
    assert_true(json_is_false(json_object_get(json_object_get(pay, "break_even"), "flips")));
    assert_true(num(json_object_get(pay, "at_low"), "difference", "est") == num(json_object_get(pay, "at_high"), "difference", "est"));
    assert_true(num(json_object_get(json_object_get(pay, "sobol"), "difference"), "total", NULL) == 0.0);
    /* a's range explains the difference: total index near 1 */
    assert_true(num(json_object_get(json_object_get(a, "sobol"), "difference"), "total", NULL) > 0.8);
    assert_int_equal(json_array_size(json_object_get(json_object_get(j, "grid"), "cells")), 9);
    json_decref(j);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void nparty_break_even_matches_the_closed_form(void **state)
{
    (void)state;
    char dir[] = "/tmp/parley-sens-XXXXXX";
    assert_non_null(mkdtemp(dir));
    json_t *j = run_file(NPARTY_FIXTURE, dir, 1, 8, "1,2");
    json_t *ranges = json_object_get(j, "ranges");
    assert_int_equal(json_array_size(ranges), 2);
    json_t *p = json_array_get(ranges, 0), *ben = json_array_get(ranges, 1);
    /* at p = 0.9, x_random (0.81) is ahead of y_random (0.64) */
    assert_string_equal(json_string_value(json_array_get(json_object_get(j, "compared"), 0)), "x_random");
    json_t *be = json_object_get(p, "break_even");
    assert_true(json_is_true(json_object_get(be, "flips")));
    /* 20,000 runs: the standard error of each rate is about 0.003 */
    assert_true(fabs(num(be, "at", NULL) - 0.8) < 0.015);
    json_t *lo = json_object_get(json_object_get(p, "at_low"), "rate"), *hi = json_object_get(json_object_get(p, "at_high"), "rate");
    assert_true(fabs(num(lo, "x_random", NULL) - 0.25) < 0.015);
    assert_true(num(hi, "x_random", NULL) == 1.0);
    assert_true(num(lo, "y_random", NULL) == num(hi, "y_random", NULL));
    assert_true(fabs(num(lo, "y_random", NULL) - 0.64) < 0.015);
    /* the policies do not read payoffs: the benefit moves nothing */
    assert_true(json_is_false(json_object_get(json_object_get(ben, "break_even"), "flips")));
    assert_true(num(json_object_get(ben, "at_low"), "difference", "est") == num(json_object_get(ben, "at_high"), "difference", "est"));
    assert_true(num(json_object_get(json_object_get(ben, "sobol"), "difference"), "total", NULL) == 0.0);
    assert_int_equal(json_array_size(json_object_get(json_object_get(j, "grid"), "cells")), 9);
    json_decref(j);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void every_output_is_the_same_bytes_at_one_and_two_threads(void **state)
{
    (void)state;
    for (int f = 0; f < 2; f++) {
        const char *fixture = f ? NPARTY_FIXTURE : FIXTURE;
        char d1[] = "/tmp/parley-sens-XXXXXX", d2[] = "/tmp/parley-sens-XXXXXX";
        assert_non_null(mkdtemp(d1));
        assert_non_null(mkdtemp(d2));
        json_decref(run_file(fixture, d1, 1, 8, "1,2"));
        json_decref(run_file(fixture, d2, 2, 8, "1,2"));
        const char *files[] = {"sensitivity.json", "sensitivity.csv", "breakeven.csv", "sobol.csv", "grid.csv", "sensitivity.html"};
        for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
            char p1[300], p2[300];
            snprintf(p1, sizeof p1, "%s/%s", d1, files[i]);
            snprintf(p2, sizeof p2, "%s/%s", d2, files[i]);
            char *a = slurp(p1), *b = slurp(p2);
            if (strcmp(a, b)) fail_msg("%s: %s differs between 1 and 2 threads", fixture, files[i]);
            free(a), free(b);
        }
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", d1, d2);
        assert_int_equal(system(cmd), 0);
    }
}

static void bad_ranges_are_refused_with_where(void **state)
{
    (void)state;
    struct {
        const char *range, *want;
    } cases[] = {
        {"parties.A.policy.all_fist.p=0:1", "did you mean 'all_first'?"},
        {"parties.A.policy.all_first.p=0.5:0.1", "from a lower to a higher value"},
        {"parties.A.policy.all_first.p=0..1", "expected LO:HI"},
        {"parties.*.policy.all_first.p=0:1", "names 2 values that differ"},
        {"parties.A.policy.all_first.p", "expected PATH=LO:HI"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *ranges[] = {cases[i].range};
        pl_sensitivity_config cfg = {.threads = 1, .runs = 100, .ranges = ranges, .n_ranges = 1};
        pl_error err;
        assert_int_equal(pl_sensitivity_run_file(FIXTURE, &cfg, stdout, &err), PL_EINVAL);
        if (!strstr(err.msg, cases[i].want) || !strstr(err.msg, "--range")) fail_msg("%s: %s", cases[i].range, err.msg);
    }
    pl_sensitivity_config cfg = {.threads = 1, .runs = 100, .compare = "a_first,c_first"};
    pl_error err;
    assert_int_equal(pl_sensitivity_run_file(FIXTURE, &cfg, stdout, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "--compare 'a_first,c_first'"));
    cfg.compare = NULL, cfg.grid = "1,9";
    assert_int_equal(pl_sensitivity_run_file(FIXTURE, &cfg, stdout, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "--grid '1,9'"));
}

/* A range moves in whole numbers where the scenario refuses a fraction, not wherever its ends are
 * whole: the horizon (a count of periods) from 6 to 12 is whole; a step's cost from 1 to 3, written
 * as whole numbers too, moves continuously (until 2026-12-02 any range with a whole value and whole
 * ends was rounded, so a rationality from 1 to 16 took only whole values). */
static void whole_ranges_are_the_ones_the_scenario_counts_whole(void **state)
{
    (void)state;
    char dir[] = "/tmp/parley-sens-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *ranges[] = {"horizon=6:12", "steps.a_step.cost=1:3"};
    pl_sensitivity_config cfg = {.threads = 1, .runs = 200, .bisect_steps = 2, .ranges = ranges, .n_ranges = 2};
    json_t *j = run_config(FIXTURE, dir, &cfg);
    json_t *rs = json_object_get(j, "ranges");
    assert_int_equal(json_array_size(rs), 4); /* the file's two, then the flags' */
    const char *want[][2] = {{"parties.A.policy.all_first.p", "false"}, {"payoffs", "false"}, {"horizon", "true"},
                             {"steps.a_step.cost", "false"}};
    for (size_t k = 0; k < 4; k++) {
        json_t *r = json_array_get(rs, k);
        assert_string_equal(json_string_value(json_object_get(r, "name")), want[k][0]);
        json_t *w = json_object_get(r, "whole");
        assert_true(json_is_boolean(w));
        if (json_is_true(w) != !strcmp(want[k][1], "true")) fail_msg("range %s: whole is %s", want[k][0], json_is_true(w) ? "true" : "false");
    }
    json_decref(j);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Every public configuration has a _default(): this one's gives one thread and "the scenario's
 * own" or "the default" (0) everywhere else. */
static void the_default_configuration(void **state)
{
    (void)state;
    pl_sensitivity_config cfg;
    memset(&cfg, 0xab, sizeof cfg);
    pl_sensitivity_config_default(&cfg);
    assert_int_equal(cfg.threads, 1);
    assert_true(cfg.runs == 0 && cfg.seed_given == 0 && cfg.sobol_n == 0 && cfg.bisect_steps == 0);
    assert_null(cfg.sets);
    assert_null(cfg.ranges);
    assert_null(cfg.out_dir);
    assert_null(cfg.log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_default_configuration),
        cmocka_unit_test(break_even_matches_the_closed_form),
        cmocka_unit_test(nparty_break_even_matches_the_closed_form),
        cmocka_unit_test(every_output_is_the_same_bytes_at_one_and_two_threads),
        cmocka_unit_test(bad_ranges_are_refused_with_where),
        cmocka_unit_test(whole_ranges_are_the_ones_the_scenario_counts_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
