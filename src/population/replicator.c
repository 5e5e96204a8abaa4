// SPDX-License-Identifier: MIT
/* replicator.c — replicator dynamics, and its mutation variant, as differential equations
 * integrated with the classical fourth-order Runge–Kutta method (parley/population.h).
 *
 * Why: the Moran process is a finite population; its infinite-population limit is the
 * replicator equation (Taylor & Jonker 1978; Hofbauer & Sigmund 1998)
 *     dx_i/dt = x_i (f_i(x) - phi(x)),  f = A x,  phi = x . f,
 * and with mutation among the types the replicator–mutator equation (Page & Nowak 2002)
 *     dx_i/dt = sum_j x_j f_j Q_ji - phi x_i,  Q_jj = 1 - mu, Q_ji = mu / (n - 1),
 * or any mutation matrix Q (pl_replicator_mutator_run: per-type rates, a transition matrix).
 * One integrator for all three; the uniform rate keeps its own two-term sum (the same bytes as
 * before the matrix was added).  RK4 with a fixed step keeps the result a function of (A, x0, mu, dt, steps) alone; each
 * step is renormalised onto the simplex so rounding does not drift the total away from 1. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "parley/population.h"
#include "population/mutation_check.h"

/* dx/dt at x into d (n values), f scratch; Q the mutation matrix (row: the parent's type), or
 * NULL for the uniform rate mu. */
static void deriv(const double *A, size_t n, double mu, const double *Q, const double *x, double *f, double *d)
{
    double phi = 0;
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t j = 0; j < n; j++) s += A[i * n + j] * x[j];
        f[i] = s;
        phi += x[i] * s;
    }
    if (Q) {
        for (size_t i = 0; i < n; i++) {
            double in = 0;
            for (size_t j = 0; j < n; j++) in += x[j] * f[j] * Q[j * n + i];
            d[i] = in - phi * x[i];
        }
        return;
    }
    if (mu == 0 || n == 1) {
        for (size_t i = 0; i < n; i++) d[i] = x[i] * (f[i] - phi);
        return;
    }
    double total = 0; /* sum_j x_j f_j = phi */
    for (size_t j = 0; j < n; j++) total += x[j] * f[j];
    for (size_t i = 0; i < n; i++) {
        double xf = x[i] * f[i];
        d[i] = xf * (1 - mu) + (total - xf) * mu / (double)(n - 1) - phi * x[i];
    }
}

/* The integrator, for a uniform rate (Q NULL) or a matrix; the caller has checked n, dt, mutation and Q. */
static int replicator(const double *payoff, size_t n, const double *x0, double mutation, const double *Q, double dt,
                      uint64_t steps, double *out, pl_error *err)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(x0[i] >= 0) || !isfinite(x0[i]))
            return pl_error_set(err, PL_EINVAL, "the starting share of type %zu must be a number >= 0, got %g", i, x0[i]);
        sum += x0[i];
    }
    if (!(sum > 0)) return pl_error_set(err, PL_EINVAL, "the starting shares sum to 0");
    for (size_t i = 0; i < n * n; i++)
        if (!isfinite(payoff[i])) return pl_error_set(err, PL_EINVAL, "payoff %zu is not a finite number", i);
    if (mutation > 0 || Q)
        for (size_t i = 0; i < n * n; i++)
            if (payoff[i] < 0)
                return pl_error_set(err, PL_EINVAL, "with mutation the payoffs must be >= 0 (they are rates of reproduction)");
    double *w = pl_malloc(7 * n * sizeof *w);
    if (!w) return pl_error_set(err, PL_ENOMEM, "out of memory for replicator dynamics of %zu types", n);
    double *x = w, *f = w + n, *k1 = w + 2 * n, *k2 = w + 3 * n, *k3 = w + 4 * n, *k4 = w + 5 * n, *y = w + 6 * n;
    for (size_t i = 0; i < n; i++) x[i] = x0[i] / sum;
    memcpy(out, x, n * sizeof *x);
    for (uint64_t s = 1; s <= steps; s++) {
        deriv(payoff, n, mutation, Q, x, f, k1);
        for (size_t i = 0; i < n; i++) y[i] = x[i] + dt / 2 * k1[i];
        deriv(payoff, n, mutation, Q, y, f, k2);
        for (size_t i = 0; i < n; i++) y[i] = x[i] + dt / 2 * k2[i];
        deriv(payoff, n, mutation, Q, y, f, k3);
        for (size_t i = 0; i < n; i++) y[i] = x[i] + dt * k3[i];
        deriv(payoff, n, mutation, Q, y, f, k4);
        double tot = 0;
        for (size_t i = 0; i < n; i++) {
            x[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            if (x[i] < 0) x[i] = 0;
            tot += x[i];
        }
        if (!(tot > 0) || !isfinite(tot)) {
            pl_free(w);
            return pl_error_set(err, PL_EINVAL, "the integration diverged at step %llu: use a smaller dt",
                                (unsigned long long)s);
        }
        for (size_t i = 0; i < n; i++) x[i] /= tot;
        memcpy(out + s * n, x, n * sizeof *x);
    }
    pl_free(w);
    return PL_OK;
}

static int check_size(size_t n, double dt, pl_error *err)
{
    if (n < 1 || n > 4096) return pl_error_set(err, PL_EINVAL, "replicator dynamics need 1 to 4096 types, got %zu", n);
    if (!(dt > 0 && dt <= 1)) return pl_error_set(err, PL_EINVAL, "the step dt must be in (0, 1], got %g", dt);
    return PL_OK;
}

int pl_replicator_run(const double *payoff, size_t n, const double *x0, double mutation, double dt, uint64_t steps,
                      double *out, pl_error *err)
{
    int rc = check_size(n, dt, err);
    if (rc) return rc;
    if (!(mutation >= 0 && mutation <= 1))
        return pl_error_set(err, PL_EINVAL, "mutation must be a probability in [0, 1], got %g", mutation);
    return replicator(payoff, n, x0, mutation, NULL, dt, steps, out, err);
}

int pl_replicator_mutator_run(const double *payoff, size_t n, const double *x0, const double *Q, double dt,
                              uint64_t steps, double *out, pl_error *err)
{
    int rc = check_size(n, dt, err);
    if (rc) return rc;
    if ((rc = pl_mutation_matrix_check(Q, n, NULL, err))) return rc;
    return replicator(payoff, n, x0, 0, Q, dt, steps, out, err);
}
