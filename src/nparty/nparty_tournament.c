// SPDX-License-Identifier: MIT
/* nparty_tournament.c — every group of N drawn from a list of players.
 *
 * A group is a multiset of N players (a player may sit with copies of itself,
 * as in a round robin with self-play); groups are listed in lexicographic
 * order, or, when a sample is asked for, group k is N independent uniform
 * picks from the stream (seed, 2^40 + k, 0), sorted.  A job is one group with
 * all its repetitions; repetition r of group k plays on stream (seed, k, r).
 * The worker pool (core/parallel.c) hands out one group at a time; a worker
 * writes only to its group's row, and the per-player figures are summed
 * afterwards in group order: the results are the same bytes whatever the
 * number of threads. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "core/stats.h"
#include "nparty/nparty_engine.h"

/* The most groups a full listing may have (each keeps its seats' scores); beyond, ask for a sample. */
#define GROUPS_MAX 20000000L
/* The largest sample of groups (max_groups), as a scenario file may ask, and the most players. */
#define SAMPLE_MAX 100000000L
#define NT_MAX_PLAYERS 100000

struct pl_ntournament_result {
    int n_players, n;
    long groups;
    int *members;       /* groups * n */
    double *score;      /* groups * n: mean score per turn of each seat over repetitions */
    double *coop;       /* groups * n: share of cooperative actions */
    double *wins;       /* groups * n: share of repetitions with the (shared) top score */
    pl_ntournament_row *rows;
};

typedef struct job_ctx {
    const pl_ngame *g;
    pl_nplayer *const *players;
    const pl_ntournament_config *cfg;
    pl_ntournament_result *r;
} job_ctx;

static int group_open(void *ctx, void **state, pl_error *err)
{
    job_ctx *c = ctx;
    pl_nmatch_buf *buf = pl_malloc(sizeof *buf);
    if (!buf || pl_nmatch_buf_init(buf, c->r->n, c->g->kind == PL_NGAME_PAIRWISE,
                                   c->cfg->match.turns > 0 ? c->cfg->match.turns : PL_NMATCH_BUF_TURNS)) {
        pl_free(buf);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    *state = buf;
    return PL_OK;
}

static void group_close(void *ctx, void *state)
{
    (void)ctx;
    pl_nmatch_buf_free(state);
    pl_free(state);
}

/* Plays group lo (a block is one group) with all its repetitions into its own row. */
static int play_group(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)hi, (void)slot;
    job_ctx *c = ctx;
    pl_nmatch_buf *buf = state;
    const int n = c->r->n;
    pl_nplayer *seat[PL_NPARTY_MAX];
    {
        long k = (long)lo;
        const int *m = c->r->members + k * n;
        for (int i = 0; i < n; i++) seat[i] = c->players[m[i]];
        double *sc = c->r->score + k * n, *co = c->r->coop + k * n, *wi = c->r->wins + k * n;
        for (int i = 0; i < n; i++) sc[i] = co[i] = wi[i] = 0;
        for (int rep = 0; rep < c->cfg->repetitions; rep++) {
            pl_nmatch_config mc = c->cfg->match;
            mc.stream_a = (uint64_t)k;
            mc.stream_b = (uint64_t)rep;
            int rc = pl_nmatch_run(c->g, seat, &mc, buf, err);
            if (rc) return rc;
            int T = buf->turns;
            double best = -INFINITY;
            for (int i = 0; i < n; i++)
                if (buf->score[i] > best) best = buf->score[i];
            for (int i = 0; i < n; i++) {
                int coops = 0;
                if (buf->pairwise) {
                    for (int t = 0; t < T; t++) coops += !buf->acts[(size_t)t * n + i];
                } else
                    coops = T - buf->hist[i].n_defect;
                sc[i] += T ? buf->score[i] / T : 0;
                co[i] += T ? (double)coops / T : 0;
                wi[i] += buf->score[i] == best;
            }
        }
        for (int i = 0; i < n; i++) {
            assert(co[i] >= 0 && co[i] <= c->cfg->repetitions && wi[i] <= c->cfg->repetitions);
            sc[i] /= c->cfg->repetitions;
            co[i] /= c->cfg->repetitions;
            wi[i] /= c->cfg->repetitions;
        }
    }
    return PL_OK;
}

static double binom(int a, int b) /* C(a, b) as a double, to detect overflow */
{
    double r = 1;
    for (int i = 1; i <= b; i++) r = r * (a - b + i) / i;
    return r;
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static int list_groups(pl_ntournament_result *r, int S, const pl_ntournament_config *cfg, pl_error *err)
{
    int n = r->n;
    double all = binom(S + n - 1, n);
    int sample = cfg->max_groups > 0 && all > (double)cfg->max_groups;
    if (!sample && all > GROUPS_MAX)
        return pl_error_set(err, PL_EINVAL, "%.0f groups of %d from %d players is too many; ask for a sample (max_groups)", all,
                            n, S);
    r->groups = sample ? (long)cfg->max_groups : (long)all;
    r->members = pl_malloc((size_t)r->groups * (size_t)n * sizeof *r->members);
    if (!r->members) return pl_error_set(err, PL_ENOMEM, "out of memory");
    if (sample) {
        for (long k = 0; k < r->groups; k++) {
            pl_rng rng;
            pl_rng_init(&rng, cfg->match.seed, (1ull << 40) + (uint64_t)k, 0);
            int *m = r->members + k * n;
            for (int i = 0; i < n; i++) m[i] = (int)pl_rng_below(&rng, (uint64_t)S);
            qsort(m, (size_t)n, sizeof *m, cmp_int);
        }
        return PL_OK;
    }
    int cur[PL_NPARTY_MAX] = {0};
    for (long k = 0; k < r->groups; k++) {
        memcpy(r->members + k * n, cur, (size_t)n * sizeof *cur);
        int i = n - 1;
        while (i >= 0 && cur[i] == S - 1) i--;
        if (i < 0) break;
        cur[i]++;
        for (int j = i + 1; j < n; j++) cur[j] = cur[i];
    }
    return PL_OK;
}

static int cmp_rows(const void *a, const void *b)
{
    const pl_ntournament_row *x = a, *y = b;
    if (x->mean_score != y->mean_score) return x->mean_score > y->mean_score ? -1 : 1;
    return x->player - y->player;
}

static int summarise(pl_ntournament_result *r, pl_error *err)
{
    int S = r->n_players, n = r->n;
    r->rows = pl_calloc((size_t)S, sizeof *r->rows);
    double *per_group = pl_malloc((size_t)r->groups * sizeof *per_group);
    if (!r->rows || !per_group) {
        pl_free(per_group);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    for (int s = 0; s < S; s++) {
        pl_ntournament_row *row = &r->rows[s];
        row->player = s;
        long ng = 0;
        double sum = 0, coop = 0, wins = 0, gcoop = 0;
        long seats = 0;
        for (long k = 0; k < r->groups; k++) {
            const int *m = r->members + k * n;
            int mine = 0;
            double gs = 0, gc = 0;
            for (int i = 0; i < n; i++) {
                gc += r->coop[k * n + i];
                if (m[i] != s) continue;
                mine++;
                gs += r->score[k * n + i];
                coop += r->coop[k * n + i];
                wins += r->wins[k * n + i];
                sum += r->score[k * n + i];
            }
            if (!mine) continue;
            seats += mine;
            gcoop += gc / n;
            per_group[ng++] = gs / mine;
        }
        row->seats = seats;
        if (!seats) continue;
        row->mean_score = sum / seats;
        row->cooperation = coop / seats;
        row->wins = wins / seats;
        row->group_cooperation = gcoop / ng;
        pl_stats_sort(per_group, (size_t)ng);
        row->median_score = pl_stats_median_sorted(per_group, (size_t)ng);
        row->sd_score = pl_stats_sd(per_group, (size_t)ng, 1); /* the sample deviation over groups */
    }
    qsort(r->rows, (size_t)S, sizeof *r->rows, cmp_rows);
    for (int i = 0; i < S; i++) r->rows[i].rank = i + 1;
    pl_free(per_group);
    return PL_OK;
}

void pl_ntournament_config_default(pl_ntournament_config *cfg)
{
    *cfg = (pl_ntournament_config){.group_size = 2, .repetitions = 1, .max_groups = 0, .threads = 1};
    pl_nmatch_config_default(&cfg->match);
}

int pl_ntournament_run(const pl_ngame *g, pl_nplayer *const *players, size_t n_players, const pl_ntournament_config *cfg,
                       pl_ntournament_result **out, pl_error *err)
{
    *out = NULL;
    if (n_players < 1) return pl_error_set(err, PL_EINVAL, "a tournament needs at least one player");
    if (n_players > NT_MAX_PLAYERS)
        return pl_error_set(err, PL_EINVAL, "at most %d players in a tournament, got %zu", NT_MAX_PLAYERS, n_players);
    if (cfg->max_groups > SAMPLE_MAX)
        return pl_error_set(err, PL_EINVAL, "max_groups: at most %ld, got %llu", SAMPLE_MAX,
                            (unsigned long long)cfg->max_groups);
    if (cfg->group_size != g->n)
        return pl_error_set(err, PL_EINVAL, "groups of %d need a game of %d parties, got %d", cfg->group_size, cfg->group_size,
                            g->n);
    if (cfg->repetitions < 1) return pl_error_set(err, PL_EINVAL, "repetitions must be 1 or more, got %d", cfg->repetitions);
    if (cfg->threads < 1) return pl_error_set(err, PL_EINVAL, "threads must be 1 or more, got %d", cfg->threads);
    /* each player in every seat at once: a watch list may be fine in one seat and not in another */
    pl_nplayer *probe[PL_NPARTY_MAX];
    for (size_t s = 0; s < n_players; s++) {
        for (int i = 0; i < g->n; i++) probe[i] = players[s];
        int rc = pl_nmatch_check(g, probe, &cfg->match, err);
        if (rc) return rc;
    }
    pl_ntournament_result *r = pl_calloc(1, sizeof *r);
    if (!r) return pl_error_set(err, PL_ENOMEM, "out of memory");
    r->n_players = (int)n_players;
    r->n = g->n;
    int rc = list_groups(r, r->n_players, cfg, err);
    if (rc) {
        pl_ntournament_result_free(r);
        return rc;
    }
    size_t gn = (size_t)r->groups * (size_t)r->n;
    r->score = pl_malloc(gn * sizeof *r->score);
    r->coop = pl_malloc(gn * sizeof *r->coop);
    r->wins = pl_malloc(gn * sizeof *r->wins);
    if (!r->score || !r->coop || !r->wins) {
        pl_ntournament_result_free(r);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    job_ctx c = {.g = g, .players = players, .cfg = cfg, .r = r};
    pl_parallel job = {.items = (uint64_t)r->groups, .block_items = 1, .threads = cfg->threads, .ctx = &c,
                       .worker_open = group_open, .worker_close = group_close, .run = play_group};
    if ((rc = pl_parallel_run(&job, err))) {
        pl_ntournament_result_free(r);
        return rc;
    }
    if ((rc = summarise(r, err))) {
        pl_ntournament_result_free(r);
        return rc;
    }
    *out = r;
    return PL_OK;
}

void pl_ntournament_result_free(pl_ntournament_result *r)
{
    if (!r) return;
    pl_free(r->members);
    pl_free(r->score);
    pl_free(r->coop);
    pl_free(r->wins);
    pl_free(r->rows);
    pl_free(r);
}

long pl_ntournament_result_groups(const pl_ntournament_result *r) { return r->groups; }
int pl_ntournament_result_players(const pl_ntournament_result *r) { return r->n_players; }

const pl_ntournament_row *pl_ntournament_result_row(const pl_ntournament_result *r, int i)
{
    return i >= 0 && i < r->n_players ? &r->rows[i] : NULL;
}

void pl_ntournament_result_group(const pl_ntournament_result *r, long k, int *players, double *scores)
{
    for (int i = 0; i < r->n; i++) {
        if (players) players[i] = r->members[k * r->n + i];
        if (scores) scores[i] = r->score[k * r->n + i];
    }
}
