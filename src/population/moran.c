// SPDX-License-Identifier: MIT
/* moran.c — the Moran process over parley's strategies (parley/population.h).
 *
 * Why built this way: a fixation estimate is hundreds of thousands of runs of thousands of
 * generations, so a generation must cost next to nothing.  The payoffs of every pair of
 * types are played once, when the population is made (one match for a deterministic pair,
 * `samples` matches otherwise, as the reference's approximate Moran process does), and a
 * generation only draws from that cache.  When every pair is deterministic, individuals of
 * one type are interchangeable and fitness depends only on the counts, so a run keeps the
 * counts alone and a generation costs O(types^2) whatever the population size; otherwise
 * a run keeps the individuals and draws one cached outcome per meeting.
 *
 * Runs are independent: run r draws from stream (seed, r, MORAN_STREAM), the worker pool
 * (core/parallel.h) folds their tallies in block order, and the results are the same bytes
 * at any thread count.  The exact fixation probability of a two-type population comes
 * from the same transition rule the simulation uses (birth_share below), so the two are
 * two computations of one model.
 *
 * A population may take its payoffs from a payoff source instead of pairs (moran_source.h; the
 * N-party populations of moran_nparty.c): a function of the counts, so its runs keep counts too,
 * and each worker keeps the payoffs it has met by count vector while those are few (memo_make). */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "core/rng_below.h"
#include "core/stats.h"
#include "parley/population.h"
#include "population/moran_source.h"
#include "parley/rng.h"
#include "population/mutation_check.h"
#include "twoparty/match_engine.h"

#define MORAN_STREAM (UINT64_C(1) << 62) /* the runs' second stream coordinate: apart from the cache's */
#define MORAN_BLOCK 16                   /* runs (or cache matches) per block of the worker pool */

enum { ROW_FIXED, ROW_DRAWN, ROW_MIXED }; /* a type's pairs: each one outcome, each several, some of each */

struct pl_moran {
    size_t n;
    char **names;
    pl_strategy **strats; /* NULL for a payoff matrix */
    /* pair (t, s), t <= s, at t * n + s: nsamp outcomes, sa[k] what t got a turn, sb[k] what s got;
     * at s * n + t the same outcomes seen from s (moran_summarise: sa and sb swapped, not owned), so that
     * sa[t * n + u][k] is always what t got against u and a generation reads a type's row */
    int *nsamp;
    double **sa, **sb;
    pl_rng_bound draw; /* every nsamp is 1 (no draw) or draw.n (core/rng_below.h) */
    unsigned char *row_kind; /* [n] ROW_*: whether type t's meetings draw (moran_summarise) */
    double *mean; /* n * n mean payoff a turn */
    double minpay;
    int deterministic;
    pl_moran_source src; /* src.payoff non-NULL: the payoffs come from it, not from pairs (moran_source.h) */
};

size_t pl_moran_types(const pl_moran *m) { return m->n; }
const char *pl_moran_name(const pl_moran *m, size_t i) { return i < m->n ? m->names[i] : NULL; }
double pl_moran_payoff(const pl_moran *m, size_t i, size_t j) { return i < m->n && j < m->n ? m->mean[i * m->n + j] : NAN; }
int pl_moran_deterministic(const pl_moran *m) { return m->deterministic; }

int pl_moran_invades(const pl_moran *m, size_t resident, size_t invader)
{
    size_t n = m->n;
    if (resident >= n || invader >= n || resident == invader) return 0;
    double ji = m->mean[invader * n + resident], ii = m->mean[resident * n + resident];
    if (ji != ii) return ji > ii;
    return m->mean[invader * n + invader] > m->mean[resident * n + invader];
}

void pl_moran_free(pl_moran *m)
{
    if (!m) return;
    if (m->src.free) m->src.free(m->src.ctx);
    for (size_t i = 0; i < m->n; i++) {
        if (m->names) pl_free(m->names[i]);
        if (m->strats) pl_strategy_free(m->strats[i]);
    }
    if (m->sa)
        for (size_t t = 0; t < m->n; t++)
            for (size_t s = t; s < m->n; s++) { /* the mirrored halves are not owned */
                pl_free(m->sa[t * m->n + s]);
                pl_free(m->sb[t * m->n + s]);
            }
    pl_free(m->names);
    pl_free(m->strats);
    pl_free(m->nsamp);
    pl_free(m->row_kind);
    pl_free(m->sa);
    pl_free(m->sb);
    pl_free(m->mean);
    pl_free(m);
}

static int moran_alloc(pl_moran **out, size_t n, pl_error *err)
{
    if (n < 1 || n > 4096) return pl_error_set(err, PL_EINVAL, "a population needs 1 to 4096 types, got %zu", n);
    pl_moran *m = pl_calloc(1, sizeof *m);
    if (!m) return pl_error_set(err, PL_ENOMEM, "out of memory for a population");
    m->n = n;
    m->names = pl_calloc(n, sizeof *m->names);
    m->nsamp = pl_calloc(n * n, sizeof *m->nsamp);
    m->sa = pl_calloc(n * n, sizeof *m->sa);
    m->sb = pl_calloc(n * n, sizeof *m->sb);
    m->mean = pl_calloc(n * n, sizeof *m->mean);
    m->row_kind = pl_calloc(n, sizeof *m->row_kind);
    if (!m->names || !m->nsamp || !m->sa || !m->sb || !m->mean || !m->row_kind) {
        pl_moran_free(m);
        return pl_error_set(err, PL_ENOMEM, "out of memory for a population of %zu types", n);
    }
    *out = m;
    return PL_OK;
}

/* Fills the means, the smallest payoff and whether every pair is one outcome, and the mirrored
 * halves of the outcome arrays (pl_moran.sa); samples: the outcomes cached for a random pair. */
static void moran_summarise(pl_moran *m, int samples)
{
    size_t n = m->n;
    pl_rng_bound_init(&m->draw, (uint64_t)samples);
    m->deterministic = 1;
    m->minpay = INFINITY;
    for (size_t t = 0; t < n; t++)
        for (size_t s = t; s < n; s++) {
            size_t p = t * n + s;
            int k = m->nsamp[p];
            if (k != 1) m->deterministic = 0;
            double ma = 0, mb = 0;
            for (int i = 0; i < k; i++) {
                ma += m->sa[p][i];
                mb += m->sb[p][i];
                if (m->sa[p][i] < m->minpay) m->minpay = m->sa[p][i];
                if (m->sb[p][i] < m->minpay) m->minpay = m->sb[p][i];
            }
            ma /= k;
            mb /= k;
            if (t == s) {
                m->mean[t * n + t] = (ma + mb) / 2;
            } else {
                m->mean[t * n + s] = ma;
                m->mean[s * n + t] = mb;
                m->nsamp[s * n + t] = k;
                m->sa[s * n + t] = m->sb[p];
                m->sb[s * n + t] = m->sa[p];
            }
        }
    for (size_t t = 0; t < n; t++) {
        int drawn = 0;
        for (size_t u = 0; u < n; u++) drawn += m->nsamp[t * n + u] != 1;
        m->row_kind[t] = drawn == 0 ? ROW_FIXED : drawn == (int)n ? ROW_DRAWN : ROW_MIXED;
    }
}

int pl_moran_create_matrix(pl_moran **out, const double *payoff, const char *const *names, size_t n, pl_error *err)
{
    *out = NULL;
    pl_moran *m = NULL;
    int rc = moran_alloc(&m, n, err);
    if (rc) return rc;
    for (size_t t = 0; t < n; t++) {
        m->names[t] = pl_strdup(names && names[t] ? names[t] : "?");
        if (!m->names[t]) goto nomem;
        for (size_t s = t; s < n; s++) {
            double a = payoff[t * n + s], b = payoff[s * n + t];
            if (!isfinite(a) || !isfinite(b)) {
                pl_moran_free(m);
                return pl_error_set(err, PL_EINVAL, "payoff of type %zu against %zu is not a finite number", t, s);
            }
            size_t p = t * n + s;
            m->nsamp[p] = 1;
            m->sa[p] = pl_malloc(sizeof(double));
            m->sb[p] = pl_malloc(sizeof(double));
            if (!m->sa[p] || !m->sb[p]) goto nomem;
            m->sa[p][0] = a;
            m->sb[p][0] = b;
        }
    }
    moran_summarise(m, 1);
    *out = m;
    return PL_OK;
nomem:
    pl_moran_free(m);
    return pl_error_set(err, PL_ENOMEM, "out of memory for a population of %zu types", n);
}

int pl_moran_create_source(pl_moran **out, const char *const *names, size_t n, const double *mean, double minpay,
                           const pl_moran_source *src, pl_error *err)
{
    *out = NULL;
    pl_moran *m = NULL;
    int rc = moran_alloc(&m, n, err);
    if (rc) {
        if (src->free) src->free(src->ctx);
        return rc;
    }
    m->src = *src;
    for (size_t t = 0; t < n; t++)
        if (!(m->names[t] = pl_strdup(names[t]))) {
            pl_moran_free(m);
            return pl_error_set(err, PL_ENOMEM, "out of memory for a population of %zu types", n);
        }
    memcpy(m->mean, mean, n * n * sizeof *mean);
    m->minpay = minpay;
    m->deterministic = 1; /* a payoff source is a function of the counts */
    *out = m;
    return PL_OK;
}

/* ---- the cache of match outcomes, played on the worker pool ---------------------------- */

typedef struct cache_job {
    pl_moran *m;
    const pl_match_config *cfg;
    size_t npairs;
    size_t *pair;       /* [npairs] the pair's index t * n + s */
    uint64_t *first;    /* [npairs + 1] the first match of each pair */
} cache_job;

static int cache_open(void *ctx, void **state, pl_error *err)
{
    cache_job *j = ctx;
    pl_match_buf *b = pl_calloc(1, sizeof *b);
    if (!b || pl_match_buf_init(b, j->cfg->turns > 0 ? j->cfg->turns : PL_MATCH_BUF_TURNS)) {
        pl_free(b);
        return pl_error_set(err, PL_ENOMEM, "out of memory for a match buffer");
    }
    *state = b;
    return PL_OK;
}

static void cache_close(void *ctx, void *state)
{
    (void)ctx;
    pl_match_buf_free(state);
    pl_free(state);
}

static int cache_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)slot;
    cache_job *j = ctx;
    size_t n = j->m->n, q = 0;
    for (uint64_t item = lo; item < hi; item++) {
        while (j->first[q + 1] <= item) q++;
        size_t p = j->pair[q], t = p / n, s = p % n;
        uint64_t k = item - j->first[q];
        pl_match_config mc = *j->cfg;
        mc.stream_a = p;
        mc.stream_b = k;
        int rc = pl_match_run(j->m->strats[t], j->m->strats[s], &mc, state, err);
        if (rc) return rc;
        pl_match_buf *b = state;
        int len = b->h[0].len > 0 ? b->h[0].len : 1;
        j->m->sa[p][k] = b->h[0].score / len;
        j->m->sb[p][k] = b->h[1].score / len;
    }
    return PL_OK;
}

int pl_moran_create(pl_moran **out, pl_strategy *const *types, size_t n, const pl_match_config *cfg, int samples,
                    int threads, pl_error *err)
{
    *out = NULL;
    if (samples < 1 || samples > 1000000)
        return pl_error_set(err, PL_EINVAL, "samples must be 1 to 1000000 (outcomes cached per pair), got %d", samples);
    int rc = pl_match_config_check(cfg, err);
    if (rc) return rc;
    for (size_t t = 0; t < n; t++)
        if ((rc = pl_strategy_check_game(types[t], cfg->game, err))) return rc;
    pl_moran *m = NULL;
    if ((rc = moran_alloc(&m, n, err))) return rc;
    cache_job j = {.m = m, .cfg = cfg, .npairs = n * (n + 1) / 2};
    m->strats = pl_calloc(n, sizeof *m->strats);
    j.pair = pl_calloc(j.npairs, sizeof *j.pair);
    j.first = pl_calloc(j.npairs + 1, sizeof *j.first);
    if (!m->strats || !j.pair || !j.first) goto nomem;
    for (size_t t = 0; t < n; t++) {
        m->strats[t] = pl_strategy_clone(types[t]);
        m->names[t] = m->strats[t] ? pl_strdup(pl_strategy_label(types[t])) : NULL;
        if (!m->names[t]) goto nomem;
    }
    int random_match = cfg->noise > 0 || cfg->prob_end > 0;
    size_t q = 0;
    for (size_t t = 0; t < n; t++)
        for (size_t s = t; s < n; s++, q++) {
            size_t p = t * n + s;
            int det = !random_match && !pl_strategy_is_stochastic(types[t]) && !pl_strategy_is_stochastic(types[s]);
            m->nsamp[p] = det ? 1 : samples;
            m->sa[p] = pl_malloc((size_t)m->nsamp[p] * sizeof(double));
            m->sb[p] = pl_malloc((size_t)m->nsamp[p] * sizeof(double));
            if (!m->sa[p] || !m->sb[p]) goto nomem;
            j.pair[q] = p;
            j.first[q + 1] = j.first[q] + (uint64_t)m->nsamp[p];
        }
    pl_parallel job = {.items = j.first[j.npairs], .block_items = MORAN_BLOCK, .threads = threads, .ctx = &j,
                       .worker_open = cache_open, .worker_close = cache_close, .run = cache_run};
    if (job.items < job.block_items * (uint64_t)threads) job.threads = 1; /* a handful of matches: no threads */
    rc = pl_parallel_run(&job, err);
    pl_free(j.pair);
    pl_free(j.first);
    if (rc) {
        pl_moran_free(m);
        return rc;
    }
    moran_summarise(m, samples);
    *out = m;
    return PL_OK;
nomem:
    pl_free(j.pair);
    pl_free(j.first);
    pl_moran_free(m);
    return pl_error_set(err, PL_ENOMEM, "out of memory for the outcomes of %zu types", n);
}

/* ---- one run ----------------------------------------------------------------------------- */

void pl_moran_config_default(pl_moran_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->mode = PL_MORAN_BD;
    cfg->selection = 1.0;
    cfg->max_generations = 10000000;
    cfg->runs = 1000;
    cfg->threads = 1;
}

/* Fitness from a payoff (parley/population.h, pl_moran_fitness). */
static double fitness_of(pl_moran_fitness kind, double w, double payoff)
{
    return kind == PL_MORAN_FIT_EXP ? exp(w * payoff) : 1 - w + w * payoff;
}

int pl_moran_mutates(const pl_moran_config *cfg, size_t n)
{
    if (!cfg->mutation_matrix) return cfg->mutation > 0 && n > 1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j && cfg->mutation_matrix[i * n + j] > 0) return 1;
    return 0;
}

static int graph_check(const pl_moran_graph *g, const char *what, int N, pl_error *err)
{
    if (!g) return PL_OK;
    if (g->vertices != N)
        return pl_error_set(err, PL_EINVAL, "the %s graph has %d vertices for a population of %d individuals", what,
                            g->vertices, N);
    if (g->edges && (!g->from || !g->to)) return pl_error_set(err, PL_EINVAL, "the %s graph has no edge list", what);
    for (size_t k = 0; k < g->edges; k++)
        if (g->from[k] < 0 || g->from[k] >= N || g->to[k] < 0 || g->to[k] >= N)
            return pl_error_set(err, PL_EINVAL, "edge %zu of the %s graph (%d, %d) names a vertex outside 0 .. %d", k + 1,
                                what, g->from[k], g->to[k], N - 1);
    return PL_OK;
}

static int config_check(const pl_moran *m, const int *counts, const pl_moran_config *cfg, int *N, pl_error *err)
{
    *N = 0;
    if (cfg->mode != PL_MORAN_BD && cfg->mode != PL_MORAN_DB) return pl_error_set(err, PL_EINVAL, "unknown Moran mode %d", (int)cfg->mode);
    if (!(cfg->mutation >= 0 && cfg->mutation <= 1))
        return pl_error_set(err, PL_EINVAL, "mutation must be a probability in [0, 1], got %g", cfg->mutation);
    if (!(cfg->selection > 0 && cfg->selection <= 1))
        return pl_error_set(err, PL_EINVAL, "selection intensity must be in (0, 1], got %g", cfg->selection);
    if (cfg->fitness != PL_MORAN_FIT_LINEAR && cfg->fitness != PL_MORAN_FIT_EXP)
        return pl_error_set(err, PL_EINVAL, "unknown fitness mapping %d", (int)cfg->fitness);
    if (cfg->mutation_matrix) {
        size_t n = m->n;
        if (cfg->mutation > 0)
            return pl_error_set(err, PL_EINVAL, "a mutation rate (%g) and a mutation matrix: give one of them", cfg->mutation);
        int rc = pl_mutation_matrix_check(cfg->mutation_matrix, n, (const char *const *)m->names, err);
        if (rc) return rc;
    }
    if (cfg->threads < 1 || cfg->threads > PL_MAX_THREADS)
        return pl_error_set(err, PL_EINVAL, "threads must be 1 to %d, got %d", PL_MAX_THREADS, cfg->threads);
    long total = 0;
    for (size_t t = 0; t < m->n; t++) {
        if (counts[t] < 0) return pl_error_set(err, PL_EINVAL, "the count of %s is negative (%d)", m->names[t], counts[t]);
        total += counts[t];
        if (total > PL_MORAN_MAX_POPULATION)
            return pl_error_set(err, PL_EINVAL, "a population of more than %d individuals is more than a Moran process takes",
                                PL_MORAN_MAX_POPULATION);
    }
    int need = cfg->mode == PL_MORAN_DB ? 3 : 2;
    if (m->src.payoff) { /* the payoff needs min_population individuals, a death-birth survivors' one more */
        int src_need = m->src.min_population + (cfg->mode == PL_MORAN_DB);
        if (src_need > need) need = src_need;
        if (cfg->interaction || cfg->reproduction)
            return pl_error_set(err, PL_EINVAL, "a population of %s is well mixed: it takes no graph", m->src.what);
    }
    if (total < need)
        return pl_error_set(err, PL_EINVAL, "a %s population needs at least %d individuals%s%s, got %ld",
                            cfg->mode == PL_MORAN_DB ? "death-birth" : "birth-death", need,
                            m->src.payoff ? " for " : "", m->src.payoff ? m->src.what : "", total);
    double fmin = fitness_of(cfg->fitness, cfg->selection, m->minpay);
    if (fmin < 0)
        return pl_error_set(err, PL_EINVAL,
                            "a payoff of %g a turn gives a negative fitness at selection %g: use a game with payoffs >= 0 "
                            "or a weaker selection (fitness = 1 - w + w * payoff)",
                            m->minpay, cfg->selection);
    int rc = graph_check(cfg->interaction, "interaction", (int)total, err);
    if (!rc) rc = graph_check(cfg->reproduction, "reproduction", (int)total, err);
    if (rc) return rc;
    *N = (int)total;
    return PL_OK;
}

/* A worker's buffers for one run. */
typedef struct run_state {
    int *type;     /* [N] individuals (stochastic pairs or a graph) */
    double *fit;   /* [N] */
    int *deg;      /* [N] meetings on a graph */
    double *cw;    /* [N] the candidates' fitness (death-birth on a graph) */
    int *cnt;      /* [n] */
    double *w;     /* [n] */
    int *traj;     /* counts per generation (trajectories only) */
    size_t traj_cap;
    /* a payoff source's payoffs met so far (the source's sum over group make-ups is dearer than a
     * look-up; the same value either way): a population of M = N or N - 1 with counts of rank r
     * (memo_rank) at memo[((M - N + 1) * memo_states + r) * n + t], NAN until computed; binom[a * n
     * + b] = C(a, b) for the ranks.  NULL when the states are too many to keep. */
    double *memo;
    size_t memo_states, *binom;
} run_state;

static void state_free(run_state *s)
{
    if (!s) return;
    pl_free(s->type);
    pl_free(s->fit);
    pl_free(s->deg);
    pl_free(s->cw);
    pl_free(s->cnt);
    pl_free(s->w);
    pl_free(s->traj);
    pl_free(s->memo);
    pl_free(s->binom);
    pl_free(s);
}

static run_state *state_new(size_t n, int N)
{
    run_state *s = pl_calloc(1, sizeof *s);
    if (!s) return NULL;
    s->type = pl_calloc((size_t)N, sizeof *s->type);
    s->fit = pl_calloc((size_t)N, sizeof *s->fit);
    s->deg = pl_calloc((size_t)N, sizeof *s->deg);
    s->cw = pl_calloc((size_t)N, sizeof *s->cw);
    s->cnt = pl_calloc(n, sizeof *s->cnt);
    s->w = pl_calloc(n, sizeof *s->w);
    if (!s->type || !s->fit || !s->deg || !s->cw || !s->cnt || !s->w) {
        state_free(s);
        return NULL;
    }
    return s;
}

/* An index in [0, len) drawn in proportion to weight[]; in proportion to alt[] when the
 * weights sum to 0 (no individual has any fitness: the parent is chosen uniformly). */
static size_t pick(pl_rng *rng, const double *weight, const int *alt, size_t len)
{
    double total = 0;
    for (size_t i = 0; i < len; i++) total += weight[i];
    if (total > 0) {
        double u = pl_rng_uniform(rng) * total, c = 0;
        size_t last = 0;
        for (size_t i = 0; i < len; i++) {
            if (weight[i] <= 0) continue;
            c += weight[i];
            last = i;
            if (u < c) return i;
        }
        return last; /* rounding: the last one with weight */
    }
    uint64_t tot = 0;
    for (size_t i = 0; i < len; i++) tot += alt ? (uint64_t)alt[i] : 1;
    uint64_t r = pl_rng_below(rng, tot);
    for (size_t i = 0; i < len; i++) {
        uint64_t a = alt ? (uint64_t)alt[i] : 1;
        if (r < a) return i;
        r -= a;
    }
    return len - 1;
}

/* A type drawn in proportion to the counts (an individual chosen uniformly). */
static size_t pick_count(pl_rng *rng, const int *cnt, size_t n, int N)
{
    uint64_t r = pl_rng_below(rng, (uint64_t)N);
    for (size_t t = 0; t < n; t++) {
        if (r < (uint64_t)cnt[t]) return t;
        r -= (uint64_t)cnt[t];
    }
    return n - 1;
}

static size_t offspring(const pl_moran *m, const pl_moran_config *cfg, pl_rng *rng, size_t parent)
{
    if (cfg->mutation_matrix) {
        const double *row = cfg->mutation_matrix + parent * m->n;
        if (row[parent] >= 1) return parent; /* no draw for a type that never mutates */
        double u = pl_rng_uniform(rng), c = 0;
        for (size_t j = 0; j < m->n; j++) {
            c += row[j];
            if (u < c) return j;
        }
        return parent; /* rounding */
    }
    if (cfg->mutation > 0 && m->n > 1 && pl_rng_bernoulli(rng, cfg->mutation)) {
        size_t c = (size_t)pl_rng_below(rng, m->n - 1);
        return c >= parent ? c + 1 : c;
    }
    return parent;
}

#define MORAN_MEMO_MAX (1u << 21) /* payoffs a worker keeps at most (16 MB) */

/* A worker's memo of a payoff source's payoffs (run_state.memo) for populations of N, when the
 * count vectors of N and N - 1 individuals among n types (C(N + n - 1, n - 1) each) are few enough.
 * 0, or PL_ENOMEM. */
static int memo_make(run_state *s, size_t n, int N)
{
    double states = 1; /* C(N + n - 1, n - 1) */
    for (size_t b = 1; b < n; b++) states = states * (double)((size_t)N + b) / (double)b;
    if (states * 2 * (double)n > MORAN_MEMO_MAX) return PL_OK; /* too many: the source each time */
    s->memo_states = (size_t)llround(states);
    size_t rows = (size_t)N + n, len = 2 * s->memo_states * n;
    s->binom = pl_malloc(rows * n * sizeof *s->binom);
    s->memo = pl_malloc(len * sizeof *s->memo);
    if (!s->binom || !s->memo) return PL_ENOMEM;
    for (size_t a = 0; a < rows; a++)
        for (size_t b = 0; b < n; b++)
            s->binom[a * n + b] = b == 0 ? 1 : a == 0 ? 0 : s->binom[(a - 1) * n + b - 1] + s->binom[(a - 1) * n + b];
    for (size_t q = 0; q < len; q++) s->memo[q] = NAN;
    return PL_OK;
}

/* The rank of counts cnt[0..n) among the count vectors of their sum: the bars of stars and bars,
 * p_j = cnt[0] + ... + cnt[j] + j (j < n - 1), ranked sum_j C(p_j, j + 1). */
static size_t memo_rank(const run_state *s, const int *cnt, size_t n)
{
    size_t r = 0, p = 0;
    for (size_t j = 0; j + 1 < n; j++) {
        p += (size_t)cnt[j] + (j > 0);
        r += s->binom[p * n + j + 1];
    }
    return r;
}

/* The payoff of type t among cnt[] (M of N individuals) from the population's payoff source,
 * through the worker's memo when there is one. */
static double source_payoff(const pl_moran *m, const run_state *s, size_t t, const int *cnt, int M, int N)
{
    if (!s->memo) return m->src.payoff(m->src.ctx, t, cnt, M);
    size_t n = m->n;
    double *x = &s->memo[((size_t)(M - N + 1) * s->memo_states + memo_rank(s, cnt, n)) * n + t];
    if (isnan(*x)) *x = m->src.payoff(m->src.ctx, t, cnt, M);
    return *x;
}

/* The fitness of each type in a population of cnt[] (M individuals of N), deterministic pairs
 * or a payoff source: into w the weight cnt[t] * fitness[t]. */
static void type_weights(const pl_moran *m, const pl_moran_config *cfg, const int *cnt, int M, double *w,
                         const run_state *st, int N)
{
    size_t n = m->n;
    for (size_t t = 0; t < n; t++) {
        if (!cnt[t]) {
            w[t] = 0;
            continue;
        }
        if (m->src.payoff) {
            w[t] = cnt[t] * fitness_of(cfg->fitness, cfg->selection, source_payoff(m, st, t, cnt, M, N));
            continue;
        }
        double sum = -m->mean[t * n + t];
        for (size_t s = 0; s < n; s++)
            if (cnt[s]) sum += cnt[s] * m->mean[t * n + s];
        w[t] = cnt[t] * fitness_of(cfg->fitness, cfg->selection, sum / (M - 1));
    }
}

/* The meetings of individual i (of type t: its row of the outcome arrays, pl_moran.sa) with the
 * individuals lo .. hi - 1 after it: one cached outcome a meeting, drawn unless the pair has one;
 * what i got is added to *fi, what each other got to fit[j], in the order of j.  kind is the
 * row's (a constant where it is called, so that each kind gets a loop without the test). */
static inline void meet_span(const pl_moran *m, size_t t, int kind, const int *type, double *fit, int lo, int hi,
                             double *fi, pl_rng *rng)
{
    size_t row = t * m->n;
    const int *ns = m->nsamp + row;
    double *const *mine = m->sa + row, *const *theirs = m->sb + row;
    double acc = *fi;
    for (int j = lo; j < hi; j++) {
        int u = type[j];
        int drawn = kind == ROW_DRAWN || (kind == ROW_MIXED && ns[u] != 1);
        size_t k = drawn ? (size_t)pl_rng_below_fixed(rng, &m->draw) : 0;
        acc += mine[u][k];
        fit[j] += theirs[u][k];
    }
    *fi = acc;
}

static inline void meet_row(const pl_moran *m, size_t t, const int *type, double *fit, int lo, int hi, double *fi,
                            pl_rng *rng)
{
    switch (m->row_kind[t]) {
    case ROW_FIXED: meet_span(m, t, ROW_FIXED, type, fit, lo, hi, fi, rng); break;
    case ROW_DRAWN: meet_span(m, t, ROW_DRAWN, type, fit, lo, hi, fi, rng); break;
    default: meet_span(m, t, ROW_MIXED, type, fit, lo, hi, fi, rng); break;
    }
}

/* Into s->fit the fitness of every individual but `skip` (-1: none), one cached outcome a meeting.
 * The meetings are taken pair by pair in the order (0, 1), (0, 2), ..., (1, 2), ... and every
 * individual's payoffs are summed in the order of its partners: the draws and the sums of the
 * process's definition, one row of the outcome arrays read per individual, the stream kept in a
 * local copy (registers) for the generation. */
static void individual_fitness(const pl_moran *m, const pl_moran_config *cfg, run_state *s, int N, int skip, pl_rng *rng)
{
    int M = skip >= 0 ? N - 1 : N;
    double *fit = s->fit;
    const int *type = s->type;
    pl_rng r = *rng;
    memset(fit, 0, (size_t)N * sizeof *fit);
    for (int i = 0; i < N; i++) {
        if (i == skip) continue;
        size_t t = (size_t)type[i];
        double fi = fit[i];
        if (skip > i) {
            meet_row(m, t, type, fit, i + 1, skip, &fi, &r);
            meet_row(m, t, type, fit, skip + 1, N, &fi, &r);
        } else {
            meet_row(m, t, type, fit, i + 1, N, &fi, &r);
        }
        fit[i] = fi;
    }
    *rng = r;
    for (int i = 0; i < N; i++) fit[i] = i == skip ? 0 : fitness_of(cfg->fitness, cfg->selection, fit[i] / (M - 1));
}

/* ---- graphs --------------------------------------------------------------------------------- */

/* A population's graphs in the form a run reads: the meetings (the interaction graph's edges,
 * each one meeting), and the reproduction graph's out- and in-neighbours of each vertex
 * (start[v] .. start[v + 1] in nb), built once for all runs. */
typedef struct adjacency {
    int *start, *nb;
} adjacency;

typedef struct moran_graphs {
    int N;
    size_t meetings;
    const int *ma, *mb;
    int *deg;                /* [N] each vertex's meetings with another (the interaction graph's degree) */
    adjacency out, in;
    pl_moran_graph complete; /* owned: the interaction graph when none is given (else empty) */
} moran_graphs;

static void graphs_free(moran_graphs *g)
{
    if (!g) return;
    pl_moran_graph_free(&g->complete);
    pl_free(g->deg);
    pl_free(g->out.start);
    pl_free(g->out.nb);
    pl_free(g->in.start);
    pl_free(g->in.nb);
    pl_free(g);
}

/* Adds the arcs of g (both ways unless directed) and, with loops, v -> v, into adjacency a
 * by source (by_target: by target); counting pass when a->nb is NULL. */
static void add_arcs(adjacency *a, const pl_moran_graph *g, int loops, int by_target, int *fill)
{
    for (size_t k = 0; k < g->edges; k++)
        for (int dir = 0; dir < (g->directed ? 1 : 2); dir++) {
            int u = dir ? g->to[k] : g->from[k], v = dir ? g->from[k] : g->to[k];
            int key = by_target ? v : u, val = by_target ? u : v;
            if (a->nb) a->nb[fill[key]++] = val;
            else a->start[key + 1]++;
        }
    if (loops)
        for (int v = 0; v < g->vertices; v++) {
            if (a->nb) a->nb[fill[v]++] = v;
            else a->start[v + 1]++;
        }
}

static int adjacency_build(adjacency *a, const pl_moran_graph *g, int loops, int by_target, int *fill)
{
    int N = g->vertices;
    a->start = pl_calloc((size_t)N + 1, sizeof *a->start);
    if (!a->start) return PL_ENOMEM;
    add_arcs(a, g, loops, by_target, NULL);
    for (int v = 0; v < N; v++) a->start[v + 1] += a->start[v];
    a->nb = pl_malloc(((size_t)a->start[N] + 1) * sizeof *a->nb);
    if (!a->nb) return PL_ENOMEM;
    memcpy(fill, a->start, (size_t)N * sizeof *fill);
    add_arcs(a, g, loops, by_target, fill);
    return PL_OK;
}

/* NULL with *out NULL when the population is well mixed. */
static int graphs_build(const pl_moran_config *cfg, int N, moran_graphs **out, pl_error *err)
{
    *out = NULL;
    if (!cfg->interaction && !cfg->reproduction) return PL_OK;
    moran_graphs *g = pl_calloc(1, sizeof *g);
    int *fill = pl_calloc((size_t)N + 1, sizeof *fill);
    /* a missing interaction graph is the complete one, a missing reproduction graph the interaction graph with loops */
    const pl_moran_graph *inter = cfg->interaction, *repro = cfg->reproduction;
    int loops = !repro;
    if (!g || !fill) goto nomem;
    if (!inter) {
        int rc = pl_moran_graph_make("complete", N, &g->complete, err);
        if (rc) {
            pl_free(fill);
            graphs_free(g);
            return rc;
        }
        inter = &g->complete;
    }
    if (!repro) repro = inter;
    g->N = N;
    if (adjacency_build(&g->out, repro, loops, 0, fill) || adjacency_build(&g->in, repro, loops, 1, fill)) goto nomem;
    g->meetings = inter->edges;
    g->ma = inter->from;
    g->mb = inter->to;
    if (!(g->deg = pl_calloc((size_t)N, sizeof *g->deg))) goto nomem;
    for (size_t e = 0; e < g->meetings; e++)
        if (g->ma[e] != g->mb[e]) g->deg[g->ma[e]]++, g->deg[g->mb[e]]++;
    pl_free(fill);
    *out = g;
    return PL_OK;
nomem:
    pl_free(fill);
    graphs_free(g);
    return pl_error_set(err, PL_ENOMEM, "out of memory for the population's graphs");
}

/* Into s->fit the fitness of every individual on the graph (the mean payoff over its meetings;
 * none: payoff 0), leaving out the meetings of `skip` (-1: none), whose fitness is 0. */
static void graph_fitness(const pl_moran *m, const pl_moran_config *cfg, const moran_graphs *g, run_state *s, int skip,
                          pl_rng *rng)
{
    size_t n = m->n;
    int N = g->N;
    memset(s->fit, 0, (size_t)N * sizeof *s->fit);
    memcpy(s->deg, g->deg, (size_t)N * sizeof *s->deg); /* less the meetings with `skip`, below */
    pl_rng r = *rng; /* a local copy: the stream stays in registers */
    for (size_t e = 0; e < g->meetings; e++) {
        int i = g->ma[e], j = g->mb[e];
        if (i == j) continue;
        if (i == skip || j == skip) {
            s->deg[i == skip ? j : i]--;
            continue;
        }
        size_t p = (size_t)s->type[i] * n + (size_t)s->type[j]; /* i's row (pl_moran.sa) */
        size_t k = m->nsamp[p] == 1 ? 0 : (size_t)pl_rng_below_fixed(&r, &m->draw);
        s->fit[i] += m->sa[p][k];
        s->fit[j] += m->sb[p][k];
    }
    *rng = r;
    for (int i = 0; i < N; i++)
        s->fit[i] = i == skip ? 0 : fitness_of(cfg->fitness, cfg->selection, s->deg[i] ? s->fit[i] / s->deg[i] : 0);
}

/* One generation on the graphs (nothing changes when the parent has nowhere to place its
 * offspring, or the dead one no neighbour to fill its place). */
static void graph_step(const pl_moran *m, const pl_moran_config *cfg, const moran_graphs *g, run_state *s, pl_rng *rng)
{
    int N = g->N, dead, parent;
    if (cfg->mode == PL_MORAN_BD) {
        graph_fitness(m, cfg, g, s, -1, rng);
        parent = (int)pick(rng, s->fit, NULL, (size_t)N);
        int lo = g->out.start[parent], k = g->out.start[parent + 1] - lo;
        if (k == 0) return; /* nowhere to place the offspring */
        dead = g->out.nb[lo + (int)pl_rng_below(rng, (uint64_t)k)];
    } else {
        dead = (int)pl_rng_below(rng, (uint64_t)N);
        graph_fitness(m, cfg, g, s, dead, rng);
        int lo = g->in.start[dead], hi = g->in.start[dead + 1], k = 0, others = 0;
        for (int q = lo; q < hi; q++) {
            int self = g->in.nb[q] == dead;
            s->cw[k++] = self ? 0 : s->fit[g->in.nb[q]];
            others += !self;
        }
        if (!others) return; /* nobody can fill the place */
        size_t c = pick(rng, s->cw, NULL, (size_t)k);
        if (g->in.nb[lo + (int)c] == dead) { /* every candidate has fitness 0: uniformly among the others */
            int r = (int)pl_rng_below(rng, (uint64_t)others);
            for (int q = lo; q < hi; q++)
                if (g->in.nb[q] != dead && r-- == 0) c = (size_t)(q - lo);
        }
        parent = g->in.nb[lo + (int)c];
    }
    size_t child = offspring(m, cfg, rng, (size_t)s->type[parent]);
    s->cnt[s->type[dead]]--;
    s->cnt[child]++;
    s->type[dead] = (int)child;
}

static int record(run_state *s, size_t n, uint64_t g)
{
    size_t need = (size_t)(g + 1) * n;
    if (need > s->traj_cap) {
        size_t cap = s->traj_cap ? s->traj_cap * 2 : 1024 * n;
        while (cap < need) cap *= 2;
        int *t = pl_realloc(s->traj, cap * sizeof *t);
        if (!t) return PL_ENOMEM;
        s->traj = t;
        s->traj_cap = cap;
    }
    memcpy(s->traj + (size_t)g * n, s->cnt, n * sizeof *s->cnt);
    return PL_OK;
}

/* Runs one population from counts; returns the generations played, *winner the type that
 * fixed or -1.  With trace, records the counts after every generation into s->traj; with occ
 * ([n]), adds every type's count at the start and after every generation to occ[type]. */
static int run_one(const pl_moran *m, const pl_moran_config *cfg, const moran_graphs *graphs, const int *counts, int N,
                   run_state *s, pl_rng *rng, int trace, uint64_t *occ, int *winner, uint64_t *gens)
{
    size_t n = m->n;
    int mutates = pl_moran_mutates(cfg, n);
    if (m->src.payoff && !s->memo && !s->binom && memo_make(s, n, N)) /* kept for the worker's later runs (same N) */
        return PL_ENOMEM;
    memcpy(s->cnt, counts, n * sizeof *counts);
    if (!m->deterministic || graphs) {
        int i = 0;
        for (size_t t = 0; t < n; t++)
            for (int c = 0; c < counts[t]; c++) s->type[i++] = (int)t;
    }
    *winner = -1;
    uint64_t g = 0;
    if (trace && record(s, n, 0)) return PL_ENOMEM;
    if (occ)
        for (size_t t = 0; t < n; t++) occ[t] += (uint64_t)s->cnt[t];
    for (;;) {
        if (!mutates) {
            size_t t = 0;
            while (t < n && s->cnt[t] != N) t++;
            if (t < n) {
                *winner = (int)t;
                break;
            }
        }
        if (g >= cfg->max_generations) break;
        if (graphs) {
            graph_step(m, cfg, graphs, s, rng);
        } else if (m->deterministic) {
            size_t dead, parent;
            if (cfg->mode == PL_MORAN_BD) {
                type_weights(m, cfg, s->cnt, N, s->w, s, N);
                parent = pick(rng, s->w, s->cnt, n);
                dead = pick_count(rng, s->cnt, n, N);
                s->cnt[dead]--;
            } else {
                dead = pick_count(rng, s->cnt, n, N);
                s->cnt[dead]--;
                type_weights(m, cfg, s->cnt, N - 1, s->w, s, N);
                parent = pick(rng, s->w, s->cnt, n);
            }
            s->cnt[offspring(m, cfg, rng, parent)]++;
        } else {
            int dead, parent;
            if (cfg->mode == PL_MORAN_BD) {
                individual_fitness(m, cfg, s, N, -1, rng);
                parent = (int)pick(rng, s->fit, NULL, (size_t)N);
                dead = (int)pl_rng_below(rng, (uint64_t)N);
            } else {
                dead = (int)pl_rng_below(rng, (uint64_t)N);
                individual_fitness(m, cfg, s, N, dead, rng);
                /* the dead one has weight 0; if every survivor has 0 too, choose among the survivors */
                parent = (int)pick(rng, s->fit, NULL, (size_t)N);
                if (parent == dead) parent = (dead + 1 + (int)pl_rng_below(rng, (uint64_t)N - 1)) % N;
            }
            size_t child = offspring(m, cfg, rng, (size_t)s->type[parent]);
            s->cnt[s->type[dead]]--;
            s->cnt[child]++;
            s->type[dead] = (int)child;
        }
        g++;
        if (trace && record(s, n, g)) return PL_ENOMEM;
        if (occ)
            for (size_t t = 0; t < n; t++) occ[t] += (uint64_t)s->cnt[t];
    }
    *gens = g;
    return PL_OK;
}

int pl_moran_trajectory(const pl_moran *m, const int *counts, const pl_moran_config *cfg, int **out,
                        uint64_t *generations, pl_error *err)
{
    *out = NULL;
    int N, rc = config_check(m, counts, cfg, &N, err);
    if (rc) return rc;
    if ((cfg->mutation > 0 || pl_moran_mutates(cfg, m->n)) && cfg->max_generations > 100000000)
        return pl_error_set(err, PL_EINVAL, "with mutation a run never fixes: give at most 1e8 generations, got %llu",
                            (unsigned long long)cfg->max_generations);
    moran_graphs *graphs;
    if ((rc = graphs_build(cfg, N, &graphs, err))) return rc;
    run_state *s = state_new(m->n, N);
    if (!s) {
        graphs_free(graphs);
        return pl_error_set(err, PL_ENOMEM, "out of memory for a population of %d", N);
    }
    pl_rng rng;
    pl_rng_init(&rng, cfg->seed, 0, MORAN_STREAM);
    int winner;
    rc = run_one(m, cfg, graphs, counts, N, s, &rng, 1, NULL, &winner, generations);
    graphs_free(graphs);
    if (rc) {
        state_free(s);
        return pl_error_set(err, PL_ENOMEM, "out of memory recording the population's course");
    }
    *out = s->traj;
    s->traj = NULL;
    state_free(s);
    return PL_OK;
}

/* ---- fixation over many runs ------------------------------------------------------------ */

typedef struct fix_job {
    const pl_moran *m;
    const pl_moran_config *cfg;
    const moran_graphs *graphs;
    const int *counts;
    int N;
    uint64_t *fixed, unfixed, gensum;
} fix_job;

/* A block's slot: fixed[n], unfixed, the generations of the runs that fixed. */
static int fix_open(void *ctx, void **state, pl_error *err)
{
    fix_job *j = ctx;
    *state = state_new(j->m->n, j->N);
    return *state ? PL_OK : pl_error_set(err, PL_ENOMEM, "out of memory for a population of %d", j->N);
}

static void fix_close(void *ctx, void *state)
{
    (void)ctx;
    state_free(state);
}

static int fix_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    fix_job *j = ctx;
    uint64_t *tally = slot;
    size_t n = j->m->n;
    for (uint64_t r = lo; r < hi; r++) {
        pl_rng rng;
        pl_rng_init(&rng, j->cfg->seed, r, MORAN_STREAM);
        int winner;
        uint64_t g;
        if (run_one(j->m, j->cfg, j->graphs, j->counts, j->N, state, &rng, 0, NULL, &winner, &g))
            return pl_error_set(err, PL_ENOMEM, "out of memory in run %llu", (unsigned long long)r);
        if (winner >= 0) {
            tally[winner]++;
            tally[n + 1] += g;
        } else {
            tally[n]++;
        }
    }
    return PL_OK;
}

static void fix_fold(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    (void)lo;
    (void)hi;
    fix_job *j = ctx;
    const uint64_t *tally = slot;
    for (size_t t = 0; t < j->m->n; t++) j->fixed[t] += tally[t];
    j->unfixed += tally[j->m->n];
    j->gensum += tally[j->m->n + 1];
}

void pl_moran_fixation_free(pl_moran_fixation *f)
{
    if (!f) return;
    pl_free(f->fixed);
    pl_free(f->p);
    pl_free(f->lo);
    pl_free(f->hi);
    pl_free(f->exact);
    pl_free(f);
}

int pl_moran_fixation_run(const pl_moran *m, const int *counts, const pl_moran_config *cfg, pl_moran_fixation **out,
                          pl_error *err)
{
    *out = NULL;
    int N, rc = config_check(m, counts, cfg, &N, err);
    if (rc) return rc;
    if (cfg->mutation > 0)
        return pl_error_set(err, PL_EINVAL, "with mutation (%g) a population never fixes: a fixation estimate needs mutation 0",
                            cfg->mutation);
    if (pl_moran_mutates(cfg, m->n))
        return pl_error_set(err, PL_EINVAL, "with mutation (the matrix) a population never fixes: a fixation estimate needs "
                            "a matrix without mutation");
    if (cfg->runs < 1 || cfg->runs > UINT64_C(1000000000000))
        return pl_error_set(err, PL_EINVAL, "runs must be 1 to 1e12, got %llu", (unsigned long long)cfg->runs);
    size_t n = m->n;
    pl_moran_fixation *f = pl_calloc(1, sizeof *f);
    if (!f) return pl_error_set(err, PL_ENOMEM, "out of memory for the fixation results");
    f->n = n;
    f->runs = cfg->runs;
    f->fixed = pl_calloc(n, sizeof *f->fixed);
    f->p = pl_calloc(n, sizeof *f->p);
    f->lo = pl_calloc(n, sizeof *f->lo);
    f->hi = pl_calloc(n, sizeof *f->hi);
    f->exact = pl_calloc(n, sizeof *f->exact);
    if (!f->fixed || !f->p || !f->lo || !f->hi || !f->exact) {
        pl_moran_fixation_free(f);
        return pl_error_set(err, PL_ENOMEM, "out of memory for the fixation results");
    }
    moran_graphs *graphs;
    if ((rc = graphs_build(cfg, N, &graphs, err))) {
        pl_moran_fixation_free(f);
        return rc;
    }
    fix_job j = {.m = m, .cfg = cfg, .graphs = graphs, .counts = counts, .N = N, .fixed = f->fixed};
    pl_parallel job = {.items = cfg->runs, .block_items = MORAN_BLOCK, .threads = cfg->threads,
                       .slot_size = (n + 2) * sizeof(uint64_t), .ctx = &j, .worker_open = fix_open,
                       .worker_close = fix_close, .run = fix_run, .fold = fix_fold,
                       .progress = cfg->progress, .progress_user = cfg->progress_user,
                       .distributable = 1}; /* the whole result is in the slots: shared among processes */
    if (cfg->phase) cfg->phase(cfg->progress_user, "fixation runs");
    rc = pl_parallel_run(&job, err);
    graphs_free(graphs);
    if (rc) {
        pl_moran_fixation_free(f);
        return rc;
    }
    f->unfixed = j.unfixed;
    uint64_t nfixed = cfg->runs - j.unfixed;
    f->mean_generations = nfixed ? (double)j.gensum / (double)nfixed : NAN;
    for (size_t t = 0; t < n; t++) pl_stats_wilson(f->fixed[t], cfg->runs, PL_STATS_Z95, &f->p[t], &f->lo[t], &f->hi[t]);
    /* the exact values: one type present, or two with deterministic pairs */
    size_t present[2], np = 0;
    for (size_t t = 0; t < n; t++) {
        f->exact[t] = NAN;
        if (counts[t] > 0 && np < 3) {
            if (np < 2) present[np] = t;
            np++;
        }
    }
    if (np == 1) {
        for (size_t t = 0; t < n; t++) f->exact[t] = t == present[0] ? 1 : 0;
    } else if (np == 2 && m->deterministic && !cfg->interaction && !cfg->reproduction) {
        double x;
        if (!pl_moran_exact_config(m, present[0], present[1], counts[present[0]], N, cfg, &x, NULL)) {
            for (size_t t = 0; t < n; t++) f->exact[t] = 0;
            f->exact[present[0]] = x;
            f->exact[present[1]] = 1 - x;
        }
    }
    *out = f;
    return PL_OK;
}

/* ---- abundance under mutation over many runs ---------------------------------------------- */

typedef struct ab_job {
    const pl_moran *m;
    const pl_moran_config *cfg;
    const moran_graphs *graphs;
    const int *counts;
    int N;
    double *sum, *sumsq; /* [n] over runs of each run's mean share */
} ab_job;

/* A worker's state: its population and the counts summed over a run's generations. */
typedef struct ab_state {
    run_state *s;
    uint64_t *occ; /* [n] */
} ab_state;

static int ab_open(void *ctx, void **state, pl_error *err)
{
    ab_job *j = ctx;
    ab_state *w = pl_calloc(1, sizeof *w);
    if (w) {
        w->s = state_new(j->m->n, j->N);
        w->occ = pl_calloc(j->m->n, sizeof *w->occ);
    }
    if (!w || !w->s || !w->occ) {
        if (w) state_free(w->s), pl_free(w->occ);
        pl_free(w);
        return pl_error_set(err, PL_ENOMEM, "out of memory for a population of %d", j->N);
    }
    *state = w;
    return PL_OK;
}

static void ab_close(void *ctx, void *state)
{
    (void)ctx;
    ab_state *w = state;
    state_free(w->s);
    pl_free(w->occ);
    pl_free(w);
}

/* A block's slot: the sum and the sum of squares over its runs of each type's mean share, added
 * in run order (so the same bytes whatever the thread count). */
static int ab_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    ab_job *j = ctx;
    ab_state *w = state;
    double *tally = slot;
    size_t n = j->m->n;
    uint64_t *occ = w->occ;
    for (uint64_t r = lo; r < hi; r++) {
        pl_rng rng;
        pl_rng_init(&rng, j->cfg->seed, r, MORAN_STREAM);
        int winner;
        uint64_t g;
        memset(occ, 0, n * sizeof *occ);
        if (run_one(j->m, j->cfg, j->graphs, j->counts, j->N, w->s, &rng, 0, occ, &winner, &g))
            return pl_error_set(err, PL_ENOMEM, "out of memory in run %llu", (unsigned long long)r);
        for (size_t t = 0; t < n; t++) {
            double share = (double)occ[t] / ((double)j->N * (double)(g + 1));
            tally[t] += share;
            tally[n + t] += share * share;
        }
    }
    return PL_OK;
}

static void ab_fold(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    (void)lo;
    (void)hi;
    ab_job *j = ctx;
    const double *tally = slot;
    for (size_t t = 0; t < j->m->n; t++) {
        j->sum[t] += tally[t];
        j->sumsq[t] += tally[j->m->n + t];
    }
}

void pl_moran_abundance_free(pl_moran_abundance *a)
{
    if (!a) return;
    pl_free(a->mean);
    pl_free(a->lo);
    pl_free(a->hi);
    pl_free(a);
}

int pl_moran_abundance_run(const pl_moran *m, const int *counts, const pl_moran_config *cfg, pl_moran_abundance **out,
                           pl_error *err)
{
    *out = NULL;
    int N, rc = config_check(m, counts, cfg, &N, err);
    if (rc) return rc;
    if (!pl_moran_mutates(cfg, m->n))
        return pl_error_set(err, PL_EINVAL, "an abundance estimate needs mutation (without it a run stops at fixation)");
    if (cfg->runs < 1 || cfg->runs > UINT64_C(1000000000000))
        return pl_error_set(err, PL_EINVAL, "runs must be 1 to 1e12, got %llu", (unsigned long long)cfg->runs);
    if (cfg->max_generations > 100000000)
        return pl_error_set(err, PL_EINVAL, "with mutation a run never fixes: give at most 1e8 generations, got %llu",
                            (unsigned long long)cfg->max_generations);
    size_t n = m->n;
    pl_moran_abundance *a = pl_calloc(1, sizeof *a);
    double *acc = pl_calloc(2 * n, sizeof *acc);
    if (a) {
        a->mean = pl_calloc(n, sizeof *a->mean);
        a->lo = pl_calloc(n, sizeof *a->lo);
        a->hi = pl_calloc(n, sizeof *a->hi);
    }
    if (!a || !acc || !a->mean || !a->lo || !a->hi) {
        pl_free(acc);
        pl_moran_abundance_free(a);
        return pl_error_set(err, PL_ENOMEM, "out of memory for the abundance results");
    }
    a->n = n;
    a->runs = cfg->runs;
    a->generations = cfg->max_generations;
    moran_graphs *graphs;
    if ((rc = graphs_build(cfg, N, &graphs, err))) {
        pl_free(acc);
        pl_moran_abundance_free(a);
        return rc;
    }
    ab_job j = {.m = m, .cfg = cfg, .graphs = graphs, .counts = counts, .N = N, .sum = acc, .sumsq = acc + n};
    pl_parallel job = {.items = cfg->runs, .block_items = MORAN_BLOCK, .threads = cfg->threads,
                       .slot_size = 2 * n * sizeof(double), .ctx = &j, .worker_open = ab_open,
                       .worker_close = ab_close, .run = ab_run, .fold = ab_fold,
                       .progress = cfg->progress, .progress_user = cfg->progress_user};
    if (cfg->phase) cfg->phase(cfg->progress_user, "abundance runs");
    rc = pl_parallel_run(&job, err);
    graphs_free(graphs);
    if (rc) {
        pl_free(acc);
        pl_moran_abundance_free(a);
        return rc;
    }
    double R = (double)cfg->runs;
    for (size_t t = 0; t < n; t++) {
        double mean = acc[t] / R, var = R > 1 ? (acc[n + t] - R * mean * mean) / (R - 1) : 0;
        double half = PL_STATS_Z95 * sqrt(var > 0 ? var : 0) / sqrt(R);
        a->mean[t] = mean;
        a->lo[t] = mean - half > 0 ? mean - half : 0;
        a->hi[t] = mean + half < 1 ? mean + half : 1;
    }
    pl_free(acc);
    *out = a;
    return PL_OK;
}

/* ---- the exact fixation probability ------------------------------------------------------ */

/* The probability the parent is of type A among x of A (fitness fa) and y of B (fitness fb):
 * in proportion to fitness, or to numbers when nobody has any (as pick() does). */
static double birth_share(int x, double fa, int y, double fb)
{
    double tot = x * fa + y * fb;
    return tot > 0 ? x * fa / tot : (double)x / (x + y);
}

/* Two types A and B of a population: their pairwise payoffs a (A against A), b (A against B),
 * c (B against A), d (B against B), or, with a payoff source, the source and a counts array. */
typedef struct two_types {
    const pl_moran *m;
    size_t A, B;
    int *cnt; /* [n], zero but at A and B */
    double a, b, c, d;
} two_types;

/* The fitness of A and B in a population of x A and y B (x + y >= 2). */
static void fitness2(two_types *tt, pl_moran_fitness kind, double w, int x, int y, double *fa, double *fb)
{
    int M = x + y;
    if (tt->m->src.payoff) {
        tt->cnt[tt->A] = x;
        tt->cnt[tt->B] = y;
        *fa = fitness_of(kind, w, tt->m->src.payoff(tt->m->src.ctx, tt->A, tt->cnt, M));
        *fb = fitness_of(kind, w, tt->m->src.payoff(tt->m->src.ctx, tt->B, tt->cnt, M));
        return;
    }
    *fa = fitness_of(kind, w, (tt->a * (x - 1) + tt->b * y) / (M - 1));
    *fb = fitness_of(kind, w, (tt->c * x + tt->d * (y - 1)) / (M - 1));
}

static double exact_chain(two_types *tt, int i, int N, pl_moran_mode mode,
                          pl_moran_fitness kind, double w, int *ok)
{
    /* log of prod_{j<=k} T-(j)/T+(j), summed by log-sum-exp so that large N does not overflow */
    double num = -INFINITY, den = -INFINITY, L = 0;
    *ok = 0;
    for (int k = 0; k < N; k++) {
        if (k > 0) {
            int j = k;
            double tp, tm, fa, fb;
            if (mode == PL_MORAN_BD) {
                fitness2(tt, kind, w, j, N - j, &fa, &fb);
                double s = birth_share(j, fa, N - j, fb);
                tp = s * (N - j) / N;
                tm = (1 - s) * j / N;
            } else {
                fitness2(tt, kind, w, j, N - j - 1, &fa, &fb); /* a B died: j A and N-j-1 B remain */
                tp = (double)(N - j) / N * birth_share(j, fa, N - j - 1, fb);
                fitness2(tt, kind, w, j - 1, N - j, &fa, &fb); /* an A died */
                tm = (double)j / N * (1 - birth_share(j - 1, fa, N - j, fb));
            }
            if (!(tp > 0) || !(tm >= 0)) return NAN;
            if (tm == 0) L = -INFINITY;
            else if (isfinite(L)) L += log(tm / tp);
        }
        double hi = den > L ? den : L;
        if (isfinite(hi)) den = hi + log(exp(den - hi) + exp(L - hi));
        if (k < i) num = den;
    }
    *ok = 1;
    return exp(num - den);
}

int pl_moran_exact(const pl_moran *m, size_t a, size_t b, int i, int N, pl_moran_mode mode, double selection,
                   double *out, pl_error *err)
{
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    cfg.mode = mode;
    cfg.selection = selection;
    return pl_moran_exact_config(m, a, b, i, N, &cfg, out, err);
}

int pl_moran_exact_config(const pl_moran *m, size_t a, size_t b, int i, int N, const pl_moran_config *cfg, double *out,
                          pl_error *err)
{
    pl_moran_mode mode = cfg->mode;
    double selection = cfg->selection;
    *out = NAN;
    if (a >= m->n || b >= m->n || a == b) return pl_error_set(err, PL_EINVAL, "two different types are needed");
    if (N < (mode == PL_MORAN_DB ? 3 : 2) || i < 0 || i > N)
        return pl_error_set(err, PL_EINVAL, "no population of %d with %d mutants", N, i);
    if (!(selection > 0 && selection <= 1)) return pl_error_set(err, PL_EINVAL, "selection must be in (0, 1]");
    if (!m->deterministic) return pl_error_set(err, PL_EINVAL, "no exact value: some pair's payoffs are random (noise, random strategies or lengths)");
    size_t n = m->n;
    int ok;
    two_types tt = {m, a, b, NULL, m->mean[a * n + a], m->mean[a * n + b], m->mean[b * n + a], m->mean[b * n + b]};
    if (m->src.payoff && !(tt.cnt = pl_calloc(n, sizeof *tt.cnt)))
        return pl_error_set(err, PL_ENOMEM, "out of memory for the exact fixation probability");
    if (m->src.payoff && N < m->src.min_population + (mode == PL_MORAN_DB)) {
        pl_free(tt.cnt);
        return pl_error_set(err, PL_EINVAL, "no population of %d for %s", N, m->src.what);
    }
    double x = exact_chain(&tt, i, N, mode, cfg->fitness, selection, &ok);
    pl_free(tt.cnt);
    if (!ok) return pl_error_set(err, PL_EINVAL, "no exact value: a state where the mutants cannot grow");
    *out = x;
    return PL_OK;
}
