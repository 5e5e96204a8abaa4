// SPDX-License-Identifier: MIT
/* tournament.c — the round robin, played by the worker pool (core/parallel.c).
 *
 * A job is one pair of players with all its repetitions; a pair whose first
 * match took no random draw (two deterministic strategies without noise or
 * random ending, among others) is played once and its result reused for
 * every repetition.  Each pair is a block of the pool: its result goes to a
 * slot and the pool folds the slots into the aggregates in pair order, so
 * floating-point sums happen in the same order whatever the thread count
 * (byte-identical results), and memory is a few slots of `repetitions`
 * numbers per thread, never turns x matches.
 *
 * What stays is a players x players payoff matrix (and, with more than one repetition, the
 * deviations beside it): the results hold every pair's payoff.  Pairs are not listed (at 10,000
 * players a list was 800 MB): job k's pair is found from where each row of pairs starts. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "core/stats.h"
#include "parley/tournament.h"
#include "twoparty/match_engine.h"
#include "strategies/registry.h"

/* Per player: joint outcomes (own action first), the same outcomes when a further turn
 * follows, those followed by own cooperation, first moves that were C, and matches. */
enum { OC_CC, OC_CD, OC_DC, OC_DD, OC_CC_N, OC_CD_N, OC_DC_N, OC_DD_N, OC_CC_C, OC_CD_C, OC_DC_C, OC_DD_C,
       OC_FIRST_C, OC_MATCHES, OC_N };

typedef struct rep_result {
    double score[2];
    int turns;
} rep_result;

typedef struct slot {
    uint64_t oc[2][OC_N]; /* outcome counts for the pair's two players, summed over repetitions */
    uint64_t computed;    /* turns actually simulated (a pair whose result is reused is played once) */
    rep_result reps[];    /* one per repetition */
} slot;

struct pl_tournament_result {
    size_t n;
    int reps;
    char **names;
    double *norm;      /* n x reps */
    int *wins;         /* n x reps */
    double *score;     /* n x reps: total score against the opponents (self-play excluded) */
    uint64_t *coop;    /* n x n: C moves of i against j over the repetitions */
    uint64_t *pturns;  /* n x n: turns the pair played over the repetitions */
    double *pay_sum;   /* n x n: sum over reps of per-turn payoff */
    double *pay_m2;    /* n x n: its squared deviations (a cell is filled by one job, all reps at once);
                          NULL with one repetition, where every deviation is 0 */
    uint64_t *oc;      /* n x OC_N */
    uint64_t *oc_others; /* n x OC_N: the same without self-play */
    size_t *rank;
    double *median, *mean, *sd;
    uint64_t matches, turns, computed;
};

typedef struct shared {
    const pl_strategy *const *players;
    size_t n;
    const pl_tournament_config *cfg;
    size_t njobs;
    size_t *row_start; /* n + 1: the first job of each row of pairs (i, j >= i or > i), then njobs */
    pl_tournament_result *res;
} shared;

void pl_tournament_config_default(pl_tournament_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->turns = 200;
    cfg->repetitions = 10;
    cfg->threads = 1;
    cfg->self_play = 1;
}

/* Joint outcomes and what each player did next, for both players of a match at once, a
 * 64-turn word at a time.  B's joint outcomes are A's with the roles swapped (B's CD is A's DC),
 * so one pass makes both players' counts: 16 popcounts a word instead of 24. */
static void count_outcomes(const pl_history *ha, const pl_history *hb, uint64_t oc[2][OC_N])
{
    int len = ha->len;
    if (len == 0) return;
    int words = (len + 63) / 64;
    uint64_t n[4] = {0, 0, 0, 0}, n_next[4] = {0, 0, 0, 0}, c_next[2][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    for (int w = 0; w < words; w++) {
        uint64_t x = ha->w[w], y = hb->w[w];
        int in_word = len - w * 64 < 64 ? len - w * 64 : 64;
        uint64_t mask = in_word == 64 ? ~0ull : (1ull << in_word) - 1;
        /* turns t with a following turn t+1 < len */
        int with_next = len - 1 - w * 64;
        uint64_t mask2 = with_next >= 64 ? ~0ull : with_next <= 0 ? 0 : (1ull << with_next) - 1;
        uint64_t xn = (x >> 1) | (w + 1 < words ? ha->w[w + 1] << 63 : 0);
        uint64_t yn = (y >> 1) | (w + 1 < words ? hb->w[w + 1] << 63 : 0);
        uint64_t o[4] = {~x & ~y, ~x & y, x & ~y, x & y}; /* CC, CD, DC, DD with A's action first */
        for (int k = 0; k < 4; k++) {
            n[k] += (uint64_t)__builtin_popcountll(o[k] & mask);
            n_next[k] += (uint64_t)__builtin_popcountll(o[k] & mask2);
            c_next[0][k] += (uint64_t)__builtin_popcountll(o[k] & ~xn & mask2);
            c_next[1][k] += (uint64_t)__builtin_popcountll(o[k] & ~yn & mask2);
        }
    }
    static const int swap[4] = {0, 2, 1, 3}; /* A's CC, CD, DC, DD are B's CC, DC, CD, DD */
    for (int k = 0; k < 4; k++) {
        oc[0][OC_CC + k] += n[k];
        oc[0][OC_CC_N + k] += n_next[k];
        oc[0][OC_CC_C + k] += c_next[0][k];
        oc[1][OC_CC + swap[k]] += n[k];
        oc[1][OC_CC_N + swap[k]] += n_next[k];
        oc[1][OC_CC_C + swap[k]] += c_next[1][k];
    }
    oc[0][OC_FIRST_C] += !pl_hist_at(ha, 0);
    oc[1][OC_FIRST_C] += !pl_hist_at(hb, 0);
    oc[0][OC_MATCHES]++;
    oc[1][OC_MATCHES]++;
}

/* The pair of job k: the row i whose jobs hold k (a binary search of the row starts), then j. */
static void job_pair(const shared *sh, size_t k, size_t *i, size_t *j)
{
    size_t lo = 0, hi = sh->n; /* row_start[lo] <= k < row_start[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (sh->row_start[mid] <= k) lo = mid;
        else hi = mid;
    }
    *i = lo;
    *j = lo + !sh->cfg->self_play + (k - sh->row_start[lo]);
}

static int play_job(shared *sh, size_t k, slot *s, pl_match_buf *buf, pl_error *err)
{
    const pl_tournament_config *cfg = sh->cfg;
    size_t pi, pj;
    job_pair(sh, k, &pi, &pj);
    const pl_strategy *a = sh->players[pi], *b = sh->players[pj];
    /* Played once, its result reused for every repetition: a pair whose first match took no
     * draw from its stream (buf->drew == 0).  That covers two deterministic strategies without
     * noise or a random length, and also, say, Grofman against Tit For Tat, which never
     * disagree, so Grofman never draws.  Strategies draw only from the stream, so each turn of
     * such a match followed from the histories alone and any other repetition's stream gives
     * the same match, draw for (no) draw. */
    int reuse = 0;
    pl_match_config mc = {.turns = cfg->turns, .prob_end = cfg->prob_end, .noise = cfg->noise, .game = cfg->game,
                          .seed = cfg->seed, .stream_a = k};
    memset(s->oc, 0, sizeof s->oc);
    s->computed = 0;
    for (int r = 0; r < cfg->repetitions; r++) {
        if (reuse && r > 0) {
            s->reps[r] = s->reps[0];
            continue;
        }
        mc.stream_b = (uint64_t)r;
        int rc = pl_match_run(a, b, &mc, buf, err);
        if (rc) return rc;
        s->reps[r].score[0] = buf->h[0].score;
        s->reps[r].score[1] = buf->h[1].score;
        s->reps[r].turns = buf->h[0].len;
        s->computed += (uint64_t)buf->h[0].len;
        count_outcomes(&buf->h[0], &buf->h[1], s->oc);
        if (r == 0 && !buf->drew) reuse = 1;
    }
    if (reuse) /* the outcomes were counted for the one match played */
        for (int p = 0; p < 2; p++)
            for (int c = 0; c < OC_N; c++) s->oc[p][c] *= (uint64_t)cfg->repetitions;
    return PL_OK;
}

/* Folds job k into the aggregates; called in job order under the lock. */
static void merge_job(shared *sh, size_t k, const slot *s)
{
    pl_tournament_result *R = sh->res;
    size_t i, j, n = R->n;
    job_pair(sh, k, &i, &j);
    int reps = R->reps;
    assert(i <= j && j < n);
    pl_spread sij = {0}, sji = {0};
    for (int r = 0; r < reps; r++) {
        const rep_result *x = &s->reps[r];
        assert(x->turns >= 0 && (sh->cfg->prob_end > 0 || x->turns == sh->cfg->turns));
        double t = x->turns > 0 ? x->turns : 1;
        double pi = x->score[0] / t, pj = x->score[1] / t;
        R->turns += (uint64_t)x->turns;
        R->matches++;
        if (i == j) {
            double p = (pi + pj) / 2;
            R->pay_sum[i * n + i] += p;
            pl_spread_add(&sij, p);
            continue;
        }
        R->norm[i * (size_t)reps + r] += pi;
        R->norm[j * (size_t)reps + r] += pj;
        R->score[i * (size_t)reps + r] += x->score[0];
        R->score[j * (size_t)reps + r] += x->score[1];
        if (x->score[0] > x->score[1]) R->wins[i * (size_t)reps + r]++;
        else if (x->score[1] > x->score[0]) R->wins[j * (size_t)reps + r]++;
        R->pay_sum[i * n + j] += pi;
        pl_spread_add(&sij, pi);
        R->pay_sum[j * n + i] += pj;
        pl_spread_add(&sji, pj);
    }
    if (R->pay_m2) {
        R->pay_m2[i * n + j] = sij.m2;
        if (i != j) R->pay_m2[j * n + i] = sji.m2;
    }
    R->computed += s->computed;
    /* the turns of the pair (its repetitions' lengths), and each side's cooperations; in self-play
     * the two copies' counts are averaged (rounded down), as the reference counts them */
    uint64_t pair_turns = 0;
    for (int r = 0; r < reps; r++) pair_turns += (uint64_t)s->reps[r].turns;
    uint64_t ci = s->oc[0][OC_CC] + s->oc[0][OC_CD], cj = s->oc[1][OC_CC] + s->oc[1][OC_CD];
    R->pturns[i * n + j] = R->pturns[j * n + i] = pair_turns;
    if (i == j) R->coop[i * n + i] = (ci + cj) / 2;
    else R->coop[i * n + j] = ci, R->coop[j * n + i] = cj;
    for (int c = 0; c < OC_N; c++) {
        R->oc[i * OC_N + c] += s->oc[0][c];
        R->oc[j * OC_N + c] += s->oc[1][c];
        if (i != j) {
            R->oc_others[i * OC_N + c] += s->oc[0][c];
            R->oc_others[j * OC_N + c] += s->oc[1][c];
        }
    }
}

/* ---- the pool's callbacks: a block is one pair ---- */

static int worker_open(void *ctx, void **state, pl_error *err)
{
    shared *sh = ctx;
    pl_match_buf *buf = pl_malloc(sizeof *buf);
    if (!buf || pl_match_buf_init(buf, sh->cfg->turns > 0 ? sh->cfg->turns : PL_MATCH_BUF_TURNS)) {
        pl_free(buf);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    *state = buf;
    return PL_OK;
}

static void worker_close(void *ctx, void *state)
{
    (void)ctx;
    pl_match_buf_free(state);
    pl_free(state);
}

static int run_pair(void *ctx, void *state, uint64_t lo, uint64_t hi, void *s, pl_error *err)
{
    (void)hi;
    return play_job(ctx, (size_t)lo, s, state, err);
}

static void fold_pair(void *ctx, uint64_t lo, uint64_t hi, void *s)
{
    (void)hi;
    merge_job(ctx, (size_t)lo, s);
}

/* The pool counts pairs; the caller's bar counts matches. */
static void pair_progress(void *user, uint64_t done, uint64_t total)
{
    const pl_tournament_config *cfg = user;
    cfg->progress(cfg->progress_user, done * (uint64_t)cfg->repetitions, total * (uint64_t)cfg->repetitions);
}

/* Best first: higher median, then higher mean, then lower index (a total order). */
static int cmp_rank(const void *a, const void *b, void *ctx)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const pl_tournament_result *R = ctx;
    if (R->median[i] != R->median[j]) return R->median[i] > R->median[j] ? -1 : 1;
    if (R->mean[i] != R->mean[j]) return R->mean[i] > R->mean[j] ? -1 : 1;
    return (i > j) - (i < j);
}

/* Normalised scores, their mean, deviation and median, and the ranking.  0 or PL_ENOMEM. */
static int finish(pl_tournament_result *R)
{
    size_t n = R->n;
    int reps = R->reps;
    double *tmp = pl_malloc((size_t)reps * sizeof *tmp);
    if (!tmp) return PL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        double *v = &R->norm[i * (size_t)reps];
        for (int r = 0; r < reps; r++) tmp[r] = v[r] /= (double)(n - 1);
        /* numpy's mean and population deviation, as Axelrod-Python reports them */
        R->mean[i] = pl_stats_mean(v, (size_t)reps);
        R->sd[i] = pl_stats_sd(v, (size_t)reps, 0);
        pl_stats_sort(tmp, (size_t)reps);
        R->median[i] = pl_stats_median_sorted(tmp, (size_t)reps);
        R->rank[i] = i;
    }
    pl_free(tmp);
    assert(R->matches == (uint64_t)reps * (n * (n - 1) / 2) || R->matches == (uint64_t)reps * (n * (n + 1) / 2));
    qsort_r(R->rank, n, sizeof *R->rank, cmp_rank, R);
    return PL_OK;
}

void pl_tournament_result_free(pl_tournament_result *R)
{
    if (!R) return;
    for (size_t i = 0; R->names && i < R->n; i++) pl_free(R->names[i]);
    pl_free(R->names);
    pl_free(R->norm);
    pl_free(R->wins);
    pl_free(R->score);
    pl_free(R->coop);
    pl_free(R->pturns);
    pl_free(R->pay_sum);
    pl_free(R->pay_m2);
    pl_free(R->oc);
    pl_free(R->oc_others);
    pl_free(R->rank);
    pl_free(R->median);
    pl_free(R->mean);
    pl_free(R->sd);
    pl_free(R);
}

int pl_tournament_run(const pl_strategy *const *players, size_t n, const pl_tournament_config *cfg,
                      pl_tournament_result **out, pl_error *err)
{
    *out = NULL;
    if (n < 2) return pl_error_set(err, PL_EINVAL, "a tournament needs at least two players, got %zu", n);
    if (cfg->repetitions < 1) return pl_error_set(err, PL_EINVAL, "repetitions must be 1 or more, got %d", cfg->repetitions);
    if (cfg->threads < 1) return pl_error_set(err, PL_EINVAL, "threads must be 1 or more, got %d", cfg->threads);
    if (n > PL_TOURNAMENT_MAX_PLAYERS)
        return pl_error_set(err, PL_EINVAL, "%zu players are more than a tournament takes (at most %d)", n,
                            PL_TOURNAMENT_MAX_PLAYERS);
    pl_match_config probe = {.turns = cfg->turns, .prob_end = cfg->prob_end, .noise = cfg->noise, .game = cfg->game};
    int rc = pl_match_config_check(&probe, err);
    if (rc) return rc;
    for (size_t i = 0; i < n; i++)
        if ((rc = pl_strategy_check_game(players[i], cfg->game, err))) return rc;

    shared sh = {.players = players, .n = n, .cfg = cfg};
    sh.njobs = cfg->self_play ? n * (n + 1) / 2 : n * (n - 1) / 2;
    pl_tournament_result *R = pl_calloc(1, sizeof *R);
    sh.row_start = pl_malloc((n + 1) * sizeof *sh.row_start);
    if (!R || !sh.row_start) goto nomem;
    R->n = n;
    R->reps = cfg->repetitions;
    R->names = pl_calloc(n, sizeof *R->names);
    R->norm = pl_calloc(n * (size_t)R->reps, sizeof *R->norm);
    R->wins = pl_calloc(n * (size_t)R->reps, sizeof *R->wins);
    R->score = pl_calloc(n * (size_t)R->reps, sizeof *R->score);
    R->coop = pl_calloc(n * n, sizeof *R->coop);
    R->pturns = pl_calloc(n * n, sizeof *R->pturns);
    R->pay_sum = pl_calloc(n * n, sizeof *R->pay_sum);
    R->pay_m2 = R->reps > 1 ? pl_calloc(n * n, sizeof *R->pay_m2) : NULL;
    R->oc = pl_calloc(n * OC_N, sizeof *R->oc);
    R->oc_others = pl_calloc(n * OC_N, sizeof *R->oc_others);
    R->rank = pl_calloc(n, sizeof *R->rank);
    R->median = pl_calloc(n, sizeof *R->median);
    R->mean = pl_calloc(n, sizeof *R->mean);
    R->sd = pl_calloc(n, sizeof *R->sd);
    if (!R->names || !R->norm || !R->wins || !R->score || !R->coop || !R->pturns || !R->pay_sum ||
        (R->reps > 1 && !R->pay_m2) || !R->oc || !R->oc_others || !R->rank || !R->median ||
        !R->mean || !R->sd)
        goto nomem;
    for (size_t i = 0; i < n; i++)
        if (!(R->names[i] = pl_strdup(pl_strategy_label(players[i])))) goto nomem;
    sh.row_start[0] = 0;
    for (size_t i = 0; i < n; i++) sh.row_start[i + 1] = sh.row_start[i] + (n - i - !cfg->self_play);
    assert(sh.row_start[n] == sh.njobs);
    sh.res = R;
    pl_parallel job = {.items = sh.njobs, .block_items = 1, .threads = cfg->threads,
                       .slot_size = sizeof(slot) + (size_t)cfg->repetitions * sizeof(rep_result), .ctx = &sh,
                       .worker_open = worker_open, .worker_close = worker_close, .run = run_pair, .fold = fold_pair,
                       .progress = cfg->progress ? pair_progress : NULL, .progress_user = (void *)cfg,
                       .distributable = 1};
    if ((rc = pl_parallel_run(&job, err))) goto fail;
    if (finish(R)) goto nomem;
    pl_free(sh.row_start);
    *out = R;
    return PL_OK;
nomem:
    rc = pl_error_set(err, PL_ENOMEM, "out of memory");
fail:
    pl_free(sh.row_start);
    pl_tournament_result_free(R);
    return rc;
}

size_t pl_tournament_result_players(const pl_tournament_result *r) { return r->n; }
int pl_tournament_result_repetitions(const pl_tournament_result *r) { return r->reps; }
const char *pl_tournament_result_name(const pl_tournament_result *r, size_t i) { return r->names[i]; }
const size_t *pl_tournament_result_ranking(const pl_tournament_result *r) { return r->rank; }
double pl_tournament_result_normalised(const pl_tournament_result *r, size_t i, int rep)
{
    return r->norm[i * (size_t)r->reps + rep];
}
double pl_tournament_result_median(const pl_tournament_result *r, size_t i) { return r->median[i]; }
double pl_tournament_result_mean(const pl_tournament_result *r, size_t i) { return r->mean[i]; }
double pl_tournament_result_stddev(const pl_tournament_result *r, size_t i) { return r->sd[i]; }
int pl_tournament_result_wins(const pl_tournament_result *r, size_t i, int rep) { return r->wins[i * (size_t)r->reps + rep]; }
double pl_tournament_result_score(const pl_tournament_result *r, size_t i, int rep)
{
    return r->score[i * (size_t)r->reps + rep];
}
uint64_t pl_tournament_result_pair_cooperation(const pl_tournament_result *r, size_t i, size_t j)
{
    return r->coop[i * r->n + j];
}
uint64_t pl_tournament_result_pair_turns(const pl_tournament_result *r, size_t i, size_t j)
{
    return r->pturns[i * r->n + j];
}
double pl_tournament_result_payoff(const pl_tournament_result *r, size_t i, size_t j)
{
    return r->pay_sum[i * r->n + j] / r->reps;
}
double pl_tournament_result_payoff_stddev(const pl_tournament_result *r, size_t i, size_t j)
{
    pl_spread s = {.n = (uint64_t)r->reps, .m2 = r->pay_m2 ? r->pay_m2[i * r->n + j] : 0};
    return pl_spread_sd(&s, 0);
}
double pl_tournament_result_cooperation(const pl_tournament_result *r, size_t i)
{
    const uint64_t *oc = &r->oc[i * OC_N];
    uint64_t all = oc[OC_CC] + oc[OC_CD] + oc[OC_DC] + oc[OC_DD];
    return all ? (double)(oc[OC_CC] + oc[OC_CD]) / (double)all : 0;
}
/* Rates of the outcome counts oc (one player's OC_N counters). */
static void outcome_rates(const uint64_t *oc, double out[4], double next_c[4], double *initial_c)
{
    uint64_t all = oc[OC_CC] + oc[OC_CD] + oc[OC_DC] + oc[OC_DD];
    for (int c = 0; c < 4; c++) {
        out[c] = all ? (double)oc[OC_CC + c] / (double)all : 0;
        next_c[c] = oc[OC_CC_N + c] ? (double)oc[OC_CC_C + c] / (double)oc[OC_CC_N + c] : NAN;
    }
    *initial_c = oc[OC_MATCHES] ? (double)oc[OC_FIRST_C] / (double)oc[OC_MATCHES] : NAN;
}
void pl_tournament_result_outcomes(const pl_tournament_result *r, size_t i, double out[4], double next_c[4],
                                   double *initial_c)
{
    outcome_rates(&r->oc[i * OC_N], out, next_c, initial_c);
}
void pl_tournament_result_outcomes_others(const pl_tournament_result *r, size_t i, double out[4], double next_c[4],
                                          double *initial_c)
{
    outcome_rates(&r->oc_others[i * OC_N], out, next_c, initial_c);
}
uint64_t pl_tournament_result_matches(const pl_tournament_result *r) { return r->matches; }
uint64_t pl_tournament_result_turns(const pl_tournament_result *r) { return r->turns; }
uint64_t pl_tournament_result_turns_computed(const pl_tournament_result *r) { return r->computed; }
