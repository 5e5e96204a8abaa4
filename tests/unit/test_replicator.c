// SPDX-License-Identifier: MIT
/* test_replicator.c — population/replicator: RK4 integration of replicator dynamics against
 * what is known analytically: the interior fixed point of a hawk–dove game, the logistic
 * solution under constant fitness, the conserved product of rock–paper–scissors, the
 * equilibrium of the replicator–mutator equation (a quadratic's root), the same with a mutation
 * matrix (pl_replicator_mutator_run: neutral types with one-way rates u, v hold v / (u + v);
 * unequal fitness and unequal rates, a quadratic's root; the uniform matrix is the uniform rate),
 * and the errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

static double *run(const double *A, size_t n, const double *x0, double mu, double dt, uint64_t steps)
{
    double *out = malloc((steps + 1) * n * sizeof *out);
    assert_non_null(out);
    pl_error err;
    int rc = pl_replicator_run(A, n, x0, mu, dt, steps, out, &err);
    if (rc) fail_msg("%s", err.msg);
    return out;
}

static void hawk_dove_fixed_point(void **state)
{
    (void)state;
    /* a = -1, b = 4, c = 0, d = 2: x* = (b - d) / ((b - d) + (c - a)) = 2/3, stable */
    double A[4] = {-1, 4, 0, 2}, starts[2][2] = {{0.1, 0.9}, {0.95, 0.05}};
    for (int k = 0; k < 2; k++) {
        double *out = run(A, 2, starts[k], 0, 0.01, 5000);
        assert_float_equal(out[5000 * 2], 2.0 / 3, 1e-9);
        assert_float_equal(out[5000 * 2] + out[5000 * 2 + 1], 1, 1e-12);
        free(out);
    }
    /* started at the fixed point, it stays there */
    double x0[2] = {2.0 / 3, 1.0 / 3};
    double *out = run(A, 2, x0, 0, 0.1, 100);
    assert_float_equal(out[100 * 2], 2.0 / 3, 1e-12);
    free(out);
}

static void constant_fitness_is_logistic(void **state)
{
    (void)state;
    double r = 1.5, x0 = 0.1, A[4] = {r, r, 1, 1}, s[2] = {x0, 1 - x0};
    double *out = run(A, 2, s, 0, 0.01, 1000);
    for (int step = 0; step <= 1000; step += 250) {
        double t = step * 0.01, e = exp((r - 1) * t);
        assert_float_equal(out[step * 2], x0 * e / (1 - x0 + x0 * e), 1e-9);
    }
    free(out);
}

static void rock_paper_scissors_conserves_the_product(void **state)
{
    (void)state;
    double A[9] = {0, -1, 1, 1, 0, -1, -1, 1, 0}, x0[3] = {0.5, 0.3, 0.2};
    double *out = run(A, 3, x0, 0, 0.01, 2000);
    double p0 = x0[0] * x0[1] * x0[2];
    for (int s = 0; s <= 2000; s += 500) assert_float_equal(out[s * 3] * out[s * 3 + 1] * out[s * 3 + 2], p0, 1e-8);
    assert_true(fabs(out[2000 * 3] - 0.5) > 1e-3); /* it cycles: not a fixed point */
    free(out);
}

static void mutation_equilibrium(void **state)
{
    (void)state;
    /* f = (r, 1): 0 = (r - 1) x^2 - (r - r mu - mu - 1) x - mu at equilibrium */
    double r = 2, mu = 0.1, A[4] = {r, r, 1, 1}, x0[2] = {0.01, 0.99};
    double bq = -(r - r * mu - mu - 1), xs = (-bq + sqrt(bq * bq + 4 * (r - 1) * mu)) / (2 * (r - 1));
    double *out = run(A, 2, x0, mu, 0.01, 5000);
    assert_float_equal(out[5000 * 2], xs, 1e-9);
    free(out);
}

static double *run_q(const double *A, size_t n, const double *x0, const double *Q, uint64_t steps)
{
    double *out = malloc((steps + 1) * n * sizeof *out);
    assert_non_null(out);
    pl_error err;
    int rc = pl_replicator_mutator_run(A, n, x0, Q, 0.01, steps, out, &err);
    if (rc) fail_msg("%s", err.msg);
    return out;
}

static void mutation_matrix_equilibria(void **state)
{
    (void)state;
    /* neutral (every payoff 1): dx/dt = v (1 - x) - u x, so x* = v / (u + v) from anywhere */
    double u = 0.1, v = 0.05, N[4] = {1, 1, 1, 1}, Q[4] = {1 - u, u, v, 1 - v}, x0[2] = {0.9, 0.1};
    double *out = run_q(N, 2, x0, Q, 20000); /* it nears x* as exp(-(u + v) t): t = 200 */
    assert_float_equal(out[20000 * 2], v / (u + v), 1e-9);
    free(out);
    /* f = (a, b): 0 = a (1 - u) x + b v (1 - x) - (a x + b (1 - x)) x, i.e.
     * (b - a) x^2 + (a (1 - u) - b v - b) x + b v = 0; with a = 2, b = 1 the root in (0, 1) */
    double a = 2, b = 1, A[4] = {a, a, b, b}, qa = b - a, qb = a * (1 - u) - b * v - b, qc = b * v;
    double xs = (-qb - sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
    assert_true(xs > 0 && xs < 1);
    out = run_q(A, 2, x0, Q, 20000);
    assert_float_equal(out[20000 * 2], xs, 1e-9);
    assert_float_equal(out[20000 * 2 + 1], 1 - xs, 1e-9);
    free(out);
    /* the uniform matrix (1 - mu on the diagonal, mu / 2 off it) is the uniform rate */
    double mu = 0.06, R[9] = {3, 0, 5, 5, 1, 1, 3, 1, 2}, U[9], y0[3] = {0.2, 0.3, 0.5};
    for (int i = 0; i < 9; i++) U[i] = i % 4 == 0 ? 1 - mu : mu / 2;
    double *m = run_q(R, 3, y0, U, 3000), *r = run(R, 3, y0, mu, 0.01, 3000);
    for (int s = 0; s <= 3000; s += 100)
        for (int i = 0; i < 3; i++) assert_float_equal(m[s * 3 + i], r[s * 3 + i], 1e-12);
    free(m);
    free(r);
}

static void errors(void **state)
{
    (void)state;
    double A[4] = {-1, 4, 0, 2}, x0[2] = {0.5, 0.5}, out[4];
    pl_error err;
    assert_int_equal(pl_replicator_run(A, 2, x0, 0, 0, 1, out, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "dt"));
    double bad[2] = {-0.1, 1};
    assert_int_equal(pl_replicator_run(A, 2, bad, 0, 0.1, 1, out, &err), PL_EINVAL);
    assert_int_equal(pl_replicator_run(A, 2, x0, 0.1, 0.1, 1, out, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, ">= 0"));
    double zero[2] = {0, 0};
    assert_int_equal(pl_replicator_run(A, 2, zero, 0, 0.1, 1, out, &err), PL_EINVAL);
    double P[4] = {1, 4, 0, 2}, Q[4] = {0.9, 0.2, 0, 1};
    assert_int_equal(pl_replicator_mutator_run(P, 2, x0, Q, 0.1, 1, out, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "row 1 sums to 1.1"));
    double Qn[4] = {1.1, -0.1, 0, 1};
    assert_int_equal(pl_replicator_mutator_run(P, 2, x0, Qn, 0.1, 1, out, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "row 1, column 1: expected a probability"));
    double Qi[4] = {1, 0, 0, 1};
    assert_int_equal(pl_replicator_mutator_run(A, 2, x0, Qi, 0.1, 1, out, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, ">= 0"));
    assert_int_equal(pl_replicator_mutator_run(P, 2, x0, Qi, 0.1, 1, out, &err), PL_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hawk_dove_fixed_point),
        cmocka_unit_test(constant_fitness_is_logistic),
        cmocka_unit_test(rock_paper_scissors_conserves_the_product),
        cmocka_unit_test(mutation_equilibrium),
        cmocka_unit_test(mutation_matrix_equilibria),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
