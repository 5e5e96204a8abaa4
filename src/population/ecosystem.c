// SPDX-License-Identifier: MIT
/* ecosystem.c — ecological dynamics over a tournament's payoff matrix (parley/population.h,
 * pl_ecosystem_run): the reference library's Ecosystem, the discrete-time replicator map
 * x_i <- x_i (P x)_i / sum_k x_k (P x)_k with each payoff drawn around the tournament's mean.
 *
 * Why apart from replicator.c: that one integrates the continuous replicator equation with
 * Runge-Kutta; this is the map the reference iterates, step by step, with its noise, so that
 * `parley ecology` gives the reference's shares for the same tournament. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "parley/population.h"
#include "parley/rng.h"

#define ECOSYSTEM_STREAM (UINT64_C(3) << 61) /* apart from the Moran runs' streams */

int pl_ecosystem_run(const double *payoff, const double *stddev, size_t n, const double *x0, uint64_t steps,
                     uint64_t seed, double *out, pl_error *err)
{
    if (n < 1) return pl_error_set(err, PL_EINVAL, "an ecosystem needs at least one type");
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(x0[i] >= 0) || !isfinite(x0[i]))
            return pl_error_set(err, PL_EINVAL, "the starting share of type %zu is not a number >= 0 (%g)", i + 1, x0[i]);
        total += x0[i];
    }
    if (!(total > 0)) return pl_error_set(err, PL_EINVAL, "the starting shares are all 0");
    for (size_t k = 0; k < n * n; k++)
        if (!isfinite(payoff[k]) || (stddev && !(stddev[k] >= 0 && isfinite(stddev[k]))))
            return pl_error_set(err, PL_EINVAL, "payoff %zu of %zu against %zu is not a finite number (or its deviation)",
                                k + 1, k / n + 1, k % n + 1);
    double *pay = pl_malloc(n * sizeof *pay);
    if (!pay) return pl_error_set(err, PL_ENOMEM, "out of memory for an ecosystem of %zu types", n);
    for (size_t i = 0; i < n; i++) out[i] = x0[i] / total;
    int random = 0;
    for (size_t k = 0; stddev && k < n * n; k++) random |= stddev[k] > 0;
    for (uint64_t s = 1; s <= steps; s++) {
        const double *x = out + (s - 1) * n;
        double *y = out + s * n;
        pl_rng rng;
        if (random) pl_rng_init(&rng, seed, s, ECOSYSTEM_STREAM);
        for (size_t i = 0; i < n; i++) {
            double p = 0;
            for (size_t j = 0; j < n; j++) {
                double a = payoff[i * n + j];
                if (random && stddev[i * n + j] > 0) a += stddev[i * n + j] * pl_rng_normal(&rng);
                p += a * x[j];
            }
            pay[i] = p;
        }
        double norm = 0;
        for (size_t i = 0; i < n; i++) norm += x[i] * pay[i];
        if (!(norm > 0) || !isfinite(norm)) {
            pl_free(pay);
            return pl_error_set(err, PL_EINVAL,
                                "step %llu: the shares times the payoffs sum to %g, which cannot be normalised "
                                "(the ecosystem needs payoffs >= 0)", (unsigned long long)s, norm);
        }
        for (size_t i = 0; i < n; i++) y[i] = x[i] * pay[i] / norm;
    }
    pl_free(pay);
    return PL_OK;
}
