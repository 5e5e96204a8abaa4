// SPDX-License-Identifier: MIT
/* stats.h — the one place where parley computes a mean, a spread, a median, a
 * quantile or an interval (see stats.c for the definitions and why).
 *
 * Every engine and writer calls these, so a figure named "sd" or "median" in
 * one result file means exactly what it means in another. */
#ifndef PL_STATS_H
#define PL_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "parley/rng.h"

/* The 97.5th percentile of the standard normal: the z of every 95% interval. */
#define PL_STATS_Z95 1.959963984540054

/* A running spread (Welford): the count, the running mean and the sum of squared
 * deviations from it.  Zero-initialise ({0}) to start.  The running mean serves the
 * spread only; a reported mean is the plain sum over the count (pl_stats_mean). */
typedef struct pl_spread {
    uint64_t n;
    double mean, m2;
} pl_spread;

static inline void pl_spread_add(pl_spread *s, double x)
{
    s->n++;
    double delta = x - s->mean;
    s->mean += delta / (double)s->n;
    s->m2 += delta * (x - s->mean);
}

/* Adds the values summarised by b to a (Chan, Golub and LeVeque's pairwise update).
 * Folding the same blocks in the same order gives the same bits. */
void pl_spread_merge(pl_spread *a, const pl_spread *b);
/* Variance: m2 / (n - ddof); 0 when n <= ddof.  ddof 0: the population variance
 * (numpy's default, what Axelrod-Python reports); ddof 1: the sample variance. */
double pl_spread_variance(const pl_spread *s, int ddof);
double pl_spread_sd(const pl_spread *s, int ddof);

/* The sum of x[0..n) in index order, over n (NAN for n = 0). */
double pl_stats_mean(const double *x, size_t n);
/* numpy's sum of x[0..n) (its add.reduce of a contiguous float64 array): in index order below
 * 8 values, in 8 interleaved partial sums up to 128, halves (cut at a multiple of 8) beyond;
 * and numpy's mean and population deviation built on it (np.mean, np.std).  The reference
 * library's payoff matrix, its deviations and per-opponent averages are these, to the bit. */
double pl_stats_np_sum(const double *x, size_t n);
double pl_stats_np_mean(const double *x, size_t n);
double pl_stats_np_std(const double *x, size_t n);
/* pl_stats_np_mean and pl_stats_np_std of n copies of v, the same doubles without the array: its
 * pairwise sums made once for all the equal terms (a tournament's pair played once). */
double pl_stats_np_mean_same(double v, size_t n);
double pl_stats_np_std_same(double v, size_t n);
/* A compensated (Kahan) running sum, as pandas' groupby sum and mean add their groups (the
 * reference library's normalised scores).  Zero-initialise to start. */
typedef struct pl_kahan {
    double sum, c;
} pl_kahan;
static inline void pl_kahan_add(pl_kahan *k, double x)
{
    double y = x - k->c, t = k->sum + y;
    k->c = (t - k->sum) - y;
    k->sum = t;
}
/* The standard deviation of x[0..n) (Welford, in index order), ddof as above. */
double pl_stats_sd(const double *x, size_t n, int ddof);
/* The median of sorted values: the middle one, or the mean of the middle two (numpy's median). */
double pl_stats_median_sorted(const double *sorted, size_t n);
/* The q-quantile (0 <= q <= 1) of sorted values by linear interpolation between closest
 * ranks (Hyndman and Fan's type 7, numpy's default "linear"). */
double pl_stats_quantile_sorted(const double *sorted, size_t n, double q);
/* Sorts x[0..n) in place, ascending (NaN-free input). */
void pl_stats_sort(double *x, size_t n);
/* The median of integers, as pl_stats_median_sorted gives it for them as sorted doubles,
 * without sorting them: x[0..n) is reordered (a selection, linear on average).  NaN for n 0. */
double pl_stats_median_int(int *x, size_t n);
/* The q-quantile of integer values given as a histogram (hist[v] values equal to v,
 * total of them): the smallest v with at least ceil(q * total) values <= v (the inverse
 * of the empirical distribution function, type 1); at least one value.  -1 when total
 * is 0; len - 1 if the histogram holds fewer than needed. */
int pl_stats_hist_quantile(const uint64_t *hist, int len, uint64_t total, double q);

/* Wilson's score interval for k successes in n trials at normal quantile z (Wilson
 * 1927), clipped to [0, 1].  *p gets k / n.  All NAN for n = 0. */
void pl_stats_wilson(uint64_t k, uint64_t n, double z, double *p, double *lo, double *hi);
/* The difference of two proportions measured on the same n runs (paired): n10 runs where the
 * first succeeded and the second did not, n01 the other way.  *d = (n10 - n01) / n, and its
 * interval is Bonett and Price's adjusted Wald interval for paired proportions (2012), which
 * keeps its coverage when few runs disagree (and is not empty when none do). */
void pl_stats_paired_diff(uint64_t n10, uint64_t n01, uint64_t n, double z, double *d, double *lo, double *hi);
/* A draw from Beta(a, b) for whole a, b >= 1, as X / (X + Y) with X and Y sums of a and b
 * standard exponentials (Gamma(a) and Gamma(b)): exact, a + b uniforms from r.  Beta(k + 1,
 * n - k + 1) is the posterior of a rate after k successes in n trials from a uniform prior. */
double pl_stats_beta_int(pl_rng *r, long a, long b);
/* The normal interval mean +- z * sqrt(variance / n) of a mean of n values. */
void pl_stats_normal_interval(double mean, double variance, uint64_t n, double z, double *lo, double *hi);

#endif
