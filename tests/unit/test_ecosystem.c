// SPDX-License-Identifier: MIT
/* test_ecosystem.c — population/ecosystem: the reference's Ecosystem map against what is known.
 *
 * Constant payoffs a and b multiply the odds of the first type by a/b each step (the closed form
 * x_t/(1 - x_t) = (x_0/(1 - x_0)) (a/b)^t); a hawk-dove game's interior fixed point, where both
 * types earn alike (x* = 2/3 for [[1, 3], [2, 1]]), stays put and attracts the shares from
 * elsewhere; the shares always sum to 1; random payoffs: the same seed gives the same shares and
 * another seed others; and the errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

static void constant_payoffs_closed_form(void **state)
{
    (void)state;
    double pay[4] = {3, 3, 2, 2}, x0[2] = {1, 9}, out[51 * 2];
    pl_error err;
    assert_int_equal(pl_ecosystem_run(pay, NULL, 2, x0, 50, 0, out, &err), PL_OK);
    for (int t = 0; t <= 50; t++) {
        double odds = (1.0 / 9) * pow(1.5, t);
        assert_float_equal(out[2 * t], odds / (1 + odds), 1e-12);
        assert_float_equal(out[2 * t] + out[2 * t + 1], 1, 1e-12);
    }
}

static void hawk_dove_fixed_point(void **state)
{
    (void)state;
    double pay[4] = {1, 3, 2, 1}, out[501 * 2];
    pl_error err;
    double at[2] = {2, 1};
    assert_int_equal(pl_ecosystem_run(pay, NULL, 2, at, 500, 0, out, &err), PL_OK);
    for (int t = 0; t <= 500; t++) assert_float_equal(out[2 * t], 2.0 / 3, 1e-12);
    double from[2] = {0.3, 0.7};
    assert_int_equal(pl_ecosystem_run(pay, NULL, 2, from, 500, 0, out, &err), PL_OK);
    assert_float_equal(out[2 * 500], 2.0 / 3, 1e-9);
    double high[2] = {0.95, 0.05};
    assert_int_equal(pl_ecosystem_run(pay, NULL, 2, high, 500, 0, out, &err), PL_OK);
    assert_float_equal(out[2 * 500], 2.0 / 3, 1e-9);
}

static void random_payoffs_follow_the_seed(void **state)
{
    (void)state;
    double pay[9] = {3, 0, 3, 5, 1, 1, 3, 1, 3}, dev[9] = {0.2, 0, 0.1, 0.3, 0, 0, 0.1, 0, 0.2}, x0[3] = {1, 1, 1};
    double a[101 * 3], b[101 * 3], c[101 * 3];
    pl_error err;
    assert_int_equal(pl_ecosystem_run(pay, dev, 3, x0, 100, 7, a, &err), PL_OK);
    assert_int_equal(pl_ecosystem_run(pay, dev, 3, x0, 100, 7, b, &err), PL_OK);
    assert_int_equal(pl_ecosystem_run(pay, dev, 3, x0, 100, 8, c, &err), PL_OK);
    assert_memory_equal(a, b, sizeof a);
    assert_true(memcmp(a, c, sizeof a) != 0);
    for (int t = 0; t <= 100; t++) assert_float_equal(a[3 * t] + a[3 * t + 1] + a[3 * t + 2], 1, 1e-12);
    /* deviations of 0 are the means themselves: the same as no deviations */
    double zero[9] = {0};
    assert_int_equal(pl_ecosystem_run(pay, zero, 3, x0, 100, 7, a, &err), PL_OK);
    assert_int_equal(pl_ecosystem_run(pay, NULL, 3, x0, 100, 9, b, &err), PL_OK);
    assert_memory_equal(a, b, sizeof a);
}

static void errors(void **state)
{
    (void)state;
    double pay[4] = {1, 1, 1, 1}, out[11 * 2];
    pl_error err;
    double neg[2] = {-1, 2};
    assert_int_equal(pl_ecosystem_run(pay, NULL, 2, neg, 10, 0, out, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "starting share of type 1"));
    double zero[2] = {0, 0};
    assert_int_equal(pl_ecosystem_run(pay, NULL, 2, zero, 10, 0, out, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "all 0"));
    double bad[4] = {-1, -1, -1, -1}, x0[2] = {1, 1};
    assert_int_equal(pl_ecosystem_run(bad, NULL, 2, x0, 10, 0, out, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "step 1"));
    double nan_pay[4] = {1, NAN, 1, 1};
    assert_int_equal(pl_ecosystem_run(nan_pay, NULL, 2, x0, 10, 0, out, &err), PL_EINVAL);
    assert_int_equal(pl_ecosystem_run(pay, NULL, 0, x0, 10, 0, out, &err), PL_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(constant_payoffs_closed_form),
        cmocka_unit_test(hawk_dove_fixed_point),
        cmocka_unit_test(random_payoffs_follow_the_seed),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
