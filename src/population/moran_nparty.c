// SPDX-License-Identifier: MIT
/* moran_nparty.c — N-party populations: the Moran process over a game of k parties.
 *
 * A population of N individuals of n N-party strategies; each generation every individual's
 * payoff is its expected payoff in a group of k: itself and k - 1 others drawn without
 * replacement from the rest of the population.  The chance of each make-up of the others is
 * multivariate hypergeometric, as in the finite-population public-goods models of Hauert,
 * Traulsen, Brandt, Nowak & Sigmund 2007 (Science 316:1905, "Via freedom to coercion") and the
 * n-player Moran process of Kurokawa & Ihara 2009 (Proc. R. Soc. B 276:1379).  The payoff of a
 * type in a group of a given make-up comes from the N-party engine: every group (a multiset of
 * k types) is played once by the N-party tournament (parley/nparty.h) — one match when the game
 * and every strategy are deterministic, else `samples` repetitions with the game's noise — and
 * cached; a generation only weighs that cache.
 *
 * Why a payoff source and not a process of its own: the birth-death and death-birth steps,
 * fitness mapping, mutation, fixation runs over the worker pool and the exact absorption
 * probability are moran.c's, the same code for two-party and N-party games
 * (population/moran_source.h).  The payoff is a function of the counts, so a run keeps counts.
 *
 * A group's make-up is ranked in the combinatorial number system: the sorted members
 * a_0 <= ... <= a_{k-1} map to the k-subset b_i = a_i + i of 0 .. n + k - 2, ranked
 * sum_i C(b_i, i + 1) (Knuth, TAOCP 4A, 7.2.1.3), so the cache is one flat array. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "parley/population.h"
#include "population/moran_source.h"

#define NPOP_MAX_GROUPS 1000000 /* groups of k among n types the cache may hold */

typedef struct np_src {
    size_t n;
    int k;
    size_t ncomp;        /* make-ups of the k - 1 others: multisets of k - 1 types */
    int *comp_len;       /* [ncomp] distinct types in make-up q */
    int *comp_type;      /* [ncomp * (k - 1)] those types */
    int *comp_count;     /* [ncomp * (k - 1)] how many of each */
    double *pay;         /* [n * ncomp] the payoff a turn of type t among make-up q */
    double *lf;          /* [maxN + 1] log factorials */
    int maxN;
    char what[64];
} np_src;

static void np_free(void *ctx)
{
    np_src *s = ctx;
    if (!s) return;
    pl_free(s->comp_len);
    pl_free(s->comp_type);
    pl_free(s->comp_count);
    pl_free(s->pay);
    pl_free(s->lf);
    pl_free(s);
}

static double lchoose(const np_src *s, int a, int b) { return s->lf[a] - s->lf[b] - s->lf[a - b]; }

/* The expected payoff of one individual of type t among cnt[] (M in all): its k - 1 group mates
 * are drawn without replacement from the other M - 1. */
static double np_payoff(const void *ctx, size_t t, const int *cnt, int M)
{
    const np_src *s = ctx;
    if (cnt[t] < 1 || M < s->k || M > s->maxN) return 0;
    int k1 = s->k - 1;
    double lden = lchoose(s, M - 1, k1), sum = 0;
    for (size_t q = 0; q < s->ncomp; q++) {
        double l = -lden;
        int ok = 1;
        for (int j = 0; j < s->comp_len[q] && ok; j++) {
            int ty = s->comp_type[q * (size_t)k1 + (size_t)j], c = s->comp_count[q * (size_t)k1 + (size_t)j];
            int avail = cnt[ty] - ((size_t)ty == t);
            if (avail < c) ok = 0;
            else l += lchoose(s, avail, c);
        }
        if (ok) sum += exp(l) * s->pay[t * s->ncomp + q];
    }
    return sum;
}

/* C(a, b) in 64 bits, or UINT64_MAX past 2^62 (only compared with the cap). */
static uint64_t choose_capped(uint64_t a, uint64_t b)
{
    if (b > a) return 0;
    uint64_t r = 1;
    for (uint64_t i = 1; i <= b; i++) {
        r = r * (a - b + i) / i; /* exact: r * (a-b+i) is C(a-b+i, i) * i */
        if (r > (UINT64_C(1) << 62) / (a + 1)) return UINT64_MAX;
    }
    return r;
}

/* The rank of a sorted multiset a[0..len) (see the file's comment). */
static uint64_t multiset_rank(const int *a, int len)
{
    uint64_t r = 0;
    for (int i = 0; i < len; i++) r += choose_capped((uint64_t)(a[i] + i), (uint64_t)(i + 1));
    return r;
}

/* The next sorted multiset of len types below n after a[] (odometer); 0 after the last. */
static int multiset_next(int *a, int len, int n)
{
    int i = len - 1;
    while (i >= 0 && a[i] == n - 1) i--;
    if (i < 0) return 0;
    a[i]++;
    for (int j = i + 1; j < len; j++) a[j] = a[i];
    return 1;
}

/* The group of make-up `others` (sorted, k - 1) with one t added, sorted, into g. */
static void group_with(const int *others, int k1, int t, int *g)
{
    int j = 0, placed = 0;
    for (int i = 0; i < k1; i++) {
        if (!placed && t <= others[i]) g[j++] = t, placed = 1;
        g[j++] = others[i];
    }
    if (!placed) g[j] = t;
}

int pl_moran_create_nparty(pl_moran **out, const pl_ngame *g, pl_nplayer *const *types, size_t n,
                           const pl_nmatch_config *cfg, int samples, int threads, pl_error *err)
{
    *out = NULL;
    if (n < 1 || n > 4096) return pl_error_set(err, PL_EINVAL, "a population needs 1 to 4096 types, got %zu", n);
    if (samples < 1 || samples > 1000000)
        return pl_error_set(err, PL_EINVAL, "samples must be 1 to 1000000 (matches played per group), got %d", samples);
    int k = pl_ngame_parties(g);
    if (k < 2) return pl_error_set(err, PL_EINVAL, "an N-party population needs a game of 2 or more parties, got %d", k);
    uint64_t ngroups = choose_capped((uint64_t)n + (uint64_t)k - 1, (uint64_t)k);
    if (ngroups > NPOP_MAX_GROUPS)
        return pl_error_set(err, PL_EINVAL, "%zu types in groups of %d make more than %d groups to play; use fewer types",
                            n, k, NPOP_MAX_GROUPS);
    int random_match = cfg->noise > 0 || cfg->obs_noise > 0 || cfg->prob_end > 0;
    for (size_t t = 0; t < n && !random_match; t++) random_match = pl_nplayer_is_stochastic(types[t]);
    pl_ntournament_config tc;
    pl_ntournament_config_default(&tc);
    tc.group_size = k;
    tc.repetitions = random_match ? samples : 1;
    tc.threads = threads;
    tc.match = *cfg;
    pl_ntournament_result *tr = NULL;
    int rc = pl_ntournament_run(g, types, n, &tc, &tr, err);
    if (rc) return rc;
    int k1 = k - 1;
    np_src *s = pl_calloc(1, sizeof *s);
    double *gpay = pl_calloc((size_t)ngroups * n, sizeof *gpay), *mean = pl_calloc(n * n, sizeof *mean);
    const char **names = pl_calloc(n, sizeof *names);
    if (!s || !gpay || !mean || !names) goto nomem;
    s->n = n;
    s->k = k;
    s->ncomp = (size_t)choose_capped((uint64_t)n + (uint64_t)k1 - 1, (uint64_t)k1);
    s->maxN = PL_MORAN_MAX_POPULATION;
    snprintf(s->what, sizeof s->what, "an N-party game of %d parties", k);
    s->comp_len = pl_calloc(s->ncomp, sizeof *s->comp_len);
    s->comp_type = pl_calloc(s->ncomp * (size_t)(k1 ? k1 : 1), sizeof *s->comp_type);
    s->comp_count = pl_calloc(s->ncomp * (size_t)(k1 ? k1 : 1), sizeof *s->comp_count);
    s->pay = pl_calloc(n * s->ncomp, sizeof *s->pay);
    s->lf = pl_malloc(((size_t)s->maxN + 1) * sizeof *s->lf);
    if (!s->comp_len || !s->comp_type || !s->comp_count || !s->pay || !s->lf) goto nomem;
    s->lf[0] = 0;
    for (int i = 1; i <= s->maxN; i++) s->lf[i] = s->lf[i - 1] + log((double)i);
    /* each group's payoff a turn for each type in it: the mean over its seats */
    long groups = pl_ntournament_result_groups(tr);
    int members[PL_NPARTY_MAX], sorted[PL_NPARTY_MAX];
    double scores[PL_NPARTY_MAX];
    for (long q = 0; q < groups; q++) {
        pl_ntournament_result_group(tr, q, members, scores);
        memcpy(sorted, members, (size_t)k * sizeof *sorted);
        for (int i = 1; i < k; i++) /* insertion sort: k is at most 16 */
            for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
                int x = sorted[j];
                sorted[j] = sorted[j - 1], sorted[j - 1] = x;
            }
        uint64_t r = multiset_rank(sorted, k);
        for (int i = 0; i < k; i++) {
            int seats = 0;
            double sum = 0;
            for (int j = 0; j < k; j++)
                if (members[j] == members[i]) sum += scores[j], seats++;
            gpay[r * n + (size_t)members[i]] = sum / seats;
        }
    }
    /* the make-ups of the others and the payoff of each type among them */
    int others[PL_NPARTY_MAX] = {0}, grp[PL_NPARTY_MAX];
    double minpay = INFINITY;
    size_t q = 0;
    do {
        int len = 0;
        for (int i = 0; i < k1; i++) {
            if (i > 0 && others[i] == others[i - 1]) {
                s->comp_count[q * (size_t)k1 + (size_t)len - 1]++;
                continue;
            }
            s->comp_type[q * (size_t)k1 + (size_t)len] = others[i];
            s->comp_count[q * (size_t)k1 + (size_t)len] = 1;
            len++;
        }
        s->comp_len[q] = len;
        for (size_t t = 0; t < n; t++) {
            group_with(others, k1, (int)t, grp);
            double p = gpay[multiset_rank(grp, k) * n + t];
            s->pay[t * s->ncomp + q] = p;
            if (p < minpay) minpay = p;
        }
        q++;
    } while (k1 > 0 && multiset_next(others, k1, (int)n));
    /* what pl_moran_payoff reports: one i among k - 1 of j */
    for (size_t i = 0; i < n; i++) {
        names[i] = pl_nplayer_label(types[i]);
        for (size_t j = 0; j < n; j++) {
            for (int m = 0; m < k1; m++) others[m] = (int)j;
            group_with(others, k1, (int)i, grp);
            mean[i * n + j] = gpay[multiset_rank(grp, k) * n + i];
        }
    }
    pl_moran_source src = {.ctx = s, .payoff = np_payoff, .free = np_free, .min_population = k, .what = s->what};
    rc = pl_moran_create_source(out, names, n, mean, minpay, &src, err); /* owns s from here */
    pl_ntournament_result_free(tr);
    pl_free(gpay);
    pl_free(mean);
    pl_free(names);
    return rc;
nomem:
    pl_ntournament_result_free(tr);
    np_free(s);
    pl_free(gpay);
    pl_free(mean);
    pl_free(names);
    return pl_error_set(err, PL_ENOMEM, "out of memory for the groups of %zu types", n);
}
