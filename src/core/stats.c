// SPDX-License-Identifier: MIT
/* stats.c — means, spreads, medians, quantiles and intervals, once for the whole library.
 *
 * Spread: Welford's running update (Welford 1962), merged across blocks with the
 * pairwise formula of Chan, Golub and LeVeque (1979).  Chosen over the two-pass
 * algorithm because most engines cannot keep every value (the agreement
 * simulator sees a million runs once each) and over the textbook
 * sum-of-squares formula (sum x^2 - n mean^2), which the library used before:
 * that formula subtracts two large, nearly equal numbers, so values like
 * 1e9+1, 1e9+2, 1e9+3 lose every digit of their spread, and a constant series
 * reported a deviation of 1e-8 instead of 0.  Welford's update adds only
 * deviations from the running mean: a constant series gives exactly 0 (every
 * deviation is exactly 0), and the error grows with the spread, not with the
 * mean.  The result depends on the order of the values, so the engines fold
 * their blocks in block order (core/parallel.c) and the bits do not depend on
 * the thread count.
 *
 * Means are the plain sum in index order over the count: the figures every
 * result file has printed since the first version, bit for bit.
 *
 * Medians and quantiles follow numpy, which Axelrod-Python uses: the median is
 * the middle value or the mean of the two middle ones; a quantile interpolates
 * linearly between the closest ranks (Hyndman and Fan 1996, type 7).  Period
 * counts kept as histograms (the agreement's time to completion) take the
 * inverse of the empirical distribution function (type 1): an integer period
 * that some run actually reached. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "core/stats.h"

void pl_spread_merge(pl_spread *a, const pl_spread *b)
{
    if (!b->n) return;
    if (!a->n) {
        *a = *b;
        return;
    }
    double na = (double)a->n, nb = (double)b->n, n = na + nb;
    double delta = b->mean - a->mean;
    a->mean += delta * (nb / n);
    a->m2 += b->m2 + delta * delta * (na * nb / n);
    a->n += b->n;
}

double pl_spread_variance(const pl_spread *s, int ddof)
{
    if (s->n <= (uint64_t)(ddof < 0 ? 0 : ddof)) return 0;
    assert(s->m2 >= 0); /* each Welford term is delta times a deviation of the same sign */
    double v = s->m2 / (double)(s->n - (uint64_t)ddof);
    return v > 0 ? v : 0;
}

double pl_spread_sd(const pl_spread *s, int ddof) { return sqrt(pl_spread_variance(s, ddof)); }

double pl_stats_mean(const double *x, size_t n)
{
    if (!n) return NAN;
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += x[i];
    return sum / (double)n;
}

/* numpy's pairwise sum of x[i] (square: of (x[i] - mean)^2, the terms np.std sums, made as
 * they are needed, so no buffer of them is allocated). */
static double np_sum_terms(const double *x, size_t n, int square, double mean)
{
#define TERM(i) (square ? (x[i] - mean) * (x[i] - mean) : x[i])
    if (n < 8) {
        double s = 0.;
        for (size_t i = 0; i < n; i++) s += TERM(i);
        return s;
    }
    if (n <= 128) {
        double r[8];
        for (int k = 0; k < 8; k++) r[k] = TERM(k);
        size_t i;
        for (i = 8; i < n - n % 8; i += 8)
            for (int k = 0; k < 8; k++) r[k] += TERM(i + k);
        double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) s += TERM(i);
        return s;
    }
#undef TERM
    size_t half = n / 2;
    half -= half % 8;
    return np_sum_terms(x, half, square, mean) + np_sum_terms(x + half, n - half, square, mean);
}

double pl_stats_np_sum(const double *x, size_t n) { return np_sum_terms(x, n, 0, 0); }

double pl_stats_np_mean(const double *x, size_t n) { return n ? pl_stats_np_sum(x, n) / (double)n : NAN; }

double pl_stats_np_std(const double *x, size_t n)
{
    if (!n) return NAN;
    double mean = pl_stats_np_mean(x, n);
    return sqrt(np_sum_terms(x, n, 1, mean) / (double)n);
}

/* np_sum_terms of n terms all equal to t, as the same additions make it: each of the eight
 * partial sums gets the same terms, so the tree of them is two of one, then of that, then of that. */
static double np_sum_same(double t, size_t n)
{
    if (n < 8) {
        double s = 0.;
        for (size_t i = 0; i < n; i++) s += t;
        return s;
    }
    if (n <= 128) {
        double r = t;
        size_t i;
        for (i = 8; i < n - n % 8; i += 8) r += t;
        double r2 = r + r, r4 = r2 + r2, s = r4 + r4;
        for (; i < n; i++) s += t;
        return s;
    }
    size_t half = n / 2;
    half -= half % 8;
    return np_sum_same(t, half) + np_sum_same(t, n - half);
}

double pl_stats_np_mean_same(double v, size_t n) { return n ? np_sum_same(v, n) / (double)n : NAN; }

double pl_stats_np_std_same(double v, size_t n)
{
    if (!n) return NAN;
    double mean = pl_stats_np_mean_same(v, n);
    return sqrt(np_sum_same((v - mean) * (v - mean), n) / (double)n);
}

double pl_stats_sd(const double *x, size_t n, int ddof)
{
    pl_spread s = {0};
    for (size_t i = 0; i < n; i++) pl_spread_add(&s, x[i]);
    return pl_spread_sd(&s, ddof);
}

double pl_stats_median_sorted(const double *s, size_t n)
{
    if (!n) return NAN;
    assert(s[0] <= s[n - 1]);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

double pl_stats_quantile_sorted(const double *s, size_t n, double q)
{
    if (!n) return NAN;
    assert(q >= 0 && q <= 1 && s[0] <= s[n - 1]);
    double h = (double)(n - 1) * q;
    size_t i = (size_t)floor(h);
    if (i + 1 >= n) return s[n - 1];
    return s[i] + (h - (double)i) * (s[i + 1] - s[i]);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void pl_stats_sort(double *x, size_t n) { qsort(x, n, sizeof *x, cmp_double); }

/* Hoare's selection: reorders x[0..n) so that x[k] is the k-th smallest, nothing before it
 * greater and nothing after it smaller; returns it. */
static int select_int(int *x, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        int pivot = x[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        for (;;) { /* x[lo..i) <= pivot, x(j..hi] >= pivot */
            while (x[i] < pivot) i++;
            while (x[j] > pivot) j--;
            if (i >= j) break;
            int t = x[i];
            x[i++] = x[j];
            x[j--] = t;
        }
        /* now x[lo..j] <= pivot <= x[j+1..hi] (j < hi: the pivot's own place stops the scans) */
        if (k <= j) hi = j;
        else lo = j + 1;
    }
    return x[k];
}

double pl_stats_median_int(int *x, size_t n)
{
    if (!n) return NAN;
    double b = select_int(x, n, n / 2);
    if (n % 2) return b;
    int a = x[0]; /* the greatest of the lower half, all <= x[n / 2] */
    for (size_t i = 1; i < n / 2; i++)
        if (x[i] > a) a = x[i];
    return ((double)a + b) / 2;
}

int pl_stats_hist_quantile(const uint64_t *hist, int len, uint64_t total, double q)
{
    if (!total) return -1;
    assert(q >= 0 && q <= 1);
    uint64_t need = (uint64_t)ceil(q * (double)total), acc = 0;
    if (need < 1) need = 1;
    for (int v = 0; v < len; v++)
        if ((acc += hist[v]) >= need) return v;
    return len - 1;
}

void pl_stats_wilson(uint64_t k, uint64_t n, double z, double *p, double *lo, double *hi)
{
    if (!n) {
        *p = *lo = *hi = NAN;
        return;
    }
    assert(k <= n && z > 0);
    double est = (double)k / (double)n, z2 = z * z, nn = (double)n;
    double den = 1 + z2 / nn, centre = (est + z2 / (2 * nn)) / den;
    double half = z * sqrt(est * (1 - est) / nn + z2 / (4 * nn * nn)) / den;
    *p = est;
    *lo = centre - half < 0 || k == 0 ? 0 : centre - half; /* exact at the ends: no 1e-18 from rounding */
    *hi = centre + half > 1 || k == n ? 1 : centre + half;
}

void pl_stats_paired_diff(uint64_t n10, uint64_t n01, uint64_t n, double z, double *d, double *lo, double *hi)
{
    if (!n) {
        *d = *lo = *hi = NAN;
        return;
    }
    assert(n10 + n01 <= n && z > 0);
    double nn = (double)n, a = ((double)n10 + 1) / (nn + 2), b = ((double)n01 + 1) / (nn + 2);
    double centre = a - b, half = z * sqrt(((a + b) - centre * centre) / (nn + 2));
    *d = ((double)n10 - (double)n01) / nn;
    *lo = centre - half < -1 ? -1 : centre - half;
    *hi = centre + half > 1 ? 1 : centre + half;
}

void pl_stats_normal_interval(double mean, double variance, uint64_t n, double z, double *lo, double *hi)
{
    double half = n ? z * sqrt(variance / (double)n) : NAN;
    *lo = mean - half;
    *hi = mean + half;
}

static double gamma_int(pl_rng *r, long a)
{
    double x = 0;
    for (long i = 0; i < a; i++) x -= log1p(-pl_rng_uniform(r)); /* 1 - U is in (0, 1]: log never sees 0 */
    return x;
}

double pl_stats_beta_int(pl_rng *r, long a, long b)
{
    double x = gamma_int(r, a), y = gamma_int(r, b);
    return x + y > 0 ? x / (x + y) : 0.5; /* both 0 only if every uniform drawn was exactly 0 */
}
