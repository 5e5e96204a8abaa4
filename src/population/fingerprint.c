// SPDX-License-Identifier: MIT
/* fingerprint.c — Ashlock's fingerprint of a strategy against tit for tat's Joss-Ann probes, and
 * the transitive fingerprint, its cooperation at each turn against a list of opponents
 * (parley/population.h, pl_fingerprint_ashlock and pl_fingerprint_transitive).
 *
 * Why built this way: each probe is a memory-one strategy of the registry (`memory_one` with
 * the probabilities the Joss-Ann rule gives, and its dual's past the diagonal), so the matches are the
 * ordinary match loop and nothing new decides a move.  Every (point, repetition) is one item of
 * the worker pool, drawing from its own stream, and the means are summed in repetition order
 * afterwards: the same bytes at any thread count. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "parley/population.h"
#include "twoparty/match_engine.h"

#define FP_BLOCK 32

typedef struct fp_job {
    const pl_strategy *s;
    pl_strategy *const *probe; /* the opponents: [side * side] probes, or the transitive list */
    const pl_match_config *cfg;
    int reps;
    double *score;  /* [points * reps] the mean score a turn (Ashlock), or NULL */
    uint64_t *bits; /* [points * reps * words] the strategy's moves, 1 = D (transitive), or NULL */
    size_t words;
} fp_job;

static int fp_open(void *ctx, void **state, pl_error *err)
{
    fp_job *j = ctx;
    pl_match_buf *b = pl_calloc(1, sizeof *b);
    if (!b || pl_match_buf_init(b, j->cfg->turns > 0 ? j->cfg->turns : PL_MATCH_BUF_TURNS)) {
        pl_free(b);
        return pl_error_set(err, PL_ENOMEM, "out of memory for a match buffer");
    }
    *state = b;
    return PL_OK;
}

static void fp_close(void *ctx, void *state)
{
    (void)ctx;
    pl_match_buf_free(state);
    pl_free(state);
}

static int fp_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)slot;
    fp_job *j = ctx;
    pl_match_buf *b = state;
    for (uint64_t item = lo; item < hi; item++) {
        uint64_t point = item / (uint64_t)j->reps, rep = item % (uint64_t)j->reps;
        pl_match_config mc = *j->cfg;
        mc.stream_a = point;
        mc.stream_b = rep;
        int rc = pl_match_run(j->s, j->probe[point], &mc, b, err);
        if (rc) return rc;
        if (j->score) j->score[item] = b->h[0].len > 0 ? b->h[0].score / b->h[0].len : 0;
        else memcpy(j->bits + item * j->words, b->h[0].w, j->words * sizeof *j->bits);
    }
    return PL_OK;
}

/* Plays every (opponent, repetition) of the job on the worker pool. */
static int fp_play(fp_job *j, size_t opponents, int threads, pl_error *err)
{
    pl_parallel job = {.items = opponents * (uint64_t)j->reps, .block_items = FP_BLOCK, .threads = threads, .ctx = j,
                       .worker_open = fp_open, .worker_close = fp_close, .run = fp_run};
    return pl_parallel_run(&job, err);
}

static int fp_check_reps(int repetitions, pl_error *err)
{
    if (repetitions < 1 || repetitions > 1000000)
        return pl_error_set(err, PL_EINVAL, "repetitions must be 1 to 1000000, got %d", repetitions);
    return PL_OK;
}

int pl_fingerprint_ashlock(const pl_strategy *s, const pl_match_config *cfg, double step, int repetitions, int threads,
                           double **out, size_t *side, pl_error *err)
{
    *out = NULL;
    *side = 0;
    if (!(step > 0 && step <= 1)) return pl_error_set(err, PL_EINVAL, "the step must be in (0, 1], got %g", step);
    if (1 / step > 1000) return pl_error_set(err, PL_EINVAL, "a step of %g makes more than 1001 points a side", step);
    int rc = fp_check_reps(repetitions, err);
    if (rc || (rc = pl_match_config_check(cfg, err))) return rc;
    size_t n = (size_t)floor(1 / step + 1e-9) + 1, points = n * n;
    pl_strategy **probe = pl_calloc(points, sizeof *probe);
    fp_job j = {.s = s, .probe = probe, .cfg = cfg, .reps = repetitions};
    j.score = pl_malloc(points * (size_t)repetitions * sizeof *j.score);
    double *grid = malloc(points * sizeof *grid);
    if (!probe || !j.score || !grid) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for a fingerprint of %zu points", points);
        goto done;
    }
    for (size_t iy = 0; iy < n && !rc; iy++)
        for (size_t ix = 0; ix < n; ix++) {
            double x = n > 1 ? (double)ix / (double)(n - 1) : 0, y = n > 1 ? (double)iy / (double)(n - 1) : 0;
            /* below the diagonal: C with x, D with y, else tit for tat; above it the dual of the probe at
             * (1 - x, 1 - y): D with 1 - x, C with 1 - y, else the opposite of tit for tat.  Both come to
             * cooperating after the opponent's C with 1 - y, after its D with x, and first with 1 - y. */
            char spec[200];
            snprintf(spec, sizeof spec, "memory_one:p_cc=%.17g,p_cd=%.17g,p_dc=%.17g,p_dd=%.17g,initial=%.17g", 1 - y, x,
                     1 - y, x, 1 - y);
            if ((rc = pl_strategy_create(&probe[iy * n + ix], spec, err))) break;
        }
    if (rc || (rc = fp_play(&j, points, threads, err))) goto done;
    for (size_t p = 0; p < points; p++) {
        double sum = 0;
        for (int r = 0; r < repetitions; r++) sum += j.score[p * (size_t)repetitions + (size_t)r];
        grid[p] = sum / repetitions;
    }
    *out = grid;
    *side = n;
    grid = NULL;
done:
    if (probe)
        for (size_t p = 0; p < points; p++) pl_strategy_free(probe[p]);
    pl_free(probe);
    pl_free(j.score);
    free(grid);
    return rc;
}

/* The most memory the moves of a transitive fingerprint may take before they are counted. */
#define FP_MAX_BITS_BYTES ((size_t)1 << 30)

int pl_fingerprint_transitive(const pl_strategy *s, pl_strategy *const *opponents, size_t n_opponents,
                              const pl_match_config *cfg, int repetitions, int threads, double **out, pl_error *err)
{
    *out = NULL;
    int rc = fp_check_reps(repetitions, err);
    if (rc || (rc = pl_match_config_check(cfg, err))) return rc;
    if (n_opponents < 1) return pl_error_set(err, PL_EINVAL, "a transitive fingerprint needs at least one opponent");
    if (cfg->prob_end > 0 || cfg->turns < 1)
        return pl_error_set(err, PL_EINVAL, "a transitive fingerprint needs matches of a fixed number of turns "
                                            "(no probabilistic end)");
    size_t turns = (size_t)cfg->turns, words = (turns + 63) / 64, items = n_opponents * (size_t)repetitions;
    if (items > FP_MAX_BITS_BYTES / sizeof(uint64_t) / words)
        return pl_error_set(err, PL_EINVAL, "%zu opponents x %d repetitions x %zu turns is too large (more than %zu MB "
                                            "of moves); lower the repetitions or the turns", n_opponents, repetitions,
                            turns, FP_MAX_BITS_BYTES >> 20);
    fp_job j = {.s = s, .probe = opponents, .cfg = cfg, .reps = repetitions, .words = words};
    j.bits = pl_malloc(items * words * sizeof *j.bits);
    double *rates = malloc(n_opponents * turns * sizeof *rates);
    if (!j.bits || !rates) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for a transitive fingerprint of %zu opponents", n_opponents);
        goto done;
    }
    if ((rc = fp_play(&j, n_opponents, threads, err))) goto done;
    for (size_t o = 0; o < n_opponents; o++)
        for (size_t t = 0; t < turns; t++) {
            long defected = 0;
            for (size_t r = 0; r < (size_t)repetitions; r++)
                defected += (long)((j.bits[(o * (size_t)repetitions + r) * words + t / 64] >> (t % 64)) & 1u);
            rates[o * turns + t] = (double)(repetitions - defected) / repetitions;
        }
    *out = rates;
    rates = NULL;
done:
    pl_free(j.bits);
    free(rates);
    return rc;
}
