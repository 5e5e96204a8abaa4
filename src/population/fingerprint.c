// SPDX-License-Identifier: MIT
/* fingerprint.c — Ashlock's fingerprint of a strategy against tit for tat's Joss-Ann probes
 * (parley/population.h, pl_fingerprint_ashlock).
 *
 * Why built this way: each probe is a memory-one strategy of the registry (`memory_one` with
 * the probabilities the Joss-Ann rule gives, and its dual's past the diagonal), so the matches are the
 * ordinary match loop and nothing new decides a move.  Every (point, repetition) is one item of
 * the worker pool, drawing from its own stream, and the means are summed in repetition order
 * afterwards: the same bytes at any thread count. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "parley/population.h"
#include "twoparty/match_engine.h"

#define FP_BLOCK 32

typedef struct fp_job {
    const pl_strategy *s;
    pl_strategy **probe; /* [side * side] */
    const pl_match_config *cfg;
    int reps;
    double *score; /* [points * reps] */
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
        j->score[item] = b->h[0].len > 0 ? b->h[0].score / b->h[0].len : 0;
    }
    return PL_OK;
}

int pl_fingerprint_ashlock(const pl_strategy *s, const pl_match_config *cfg, double step, int repetitions, int threads,
                           double **out, size_t *side, pl_error *err)
{
    *out = NULL;
    *side = 0;
    if (!(step > 0 && step <= 1)) return pl_error_set(err, PL_EINVAL, "the step must be in (0, 1], got %g", step);
    if (1 / step > 1000) return pl_error_set(err, PL_EINVAL, "a step of %g makes more than 1001 points a side", step);
    if (repetitions < 1 || repetitions > 1000000)
        return pl_error_set(err, PL_EINVAL, "repetitions must be 1 to 1000000, got %d", repetitions);
    int rc = pl_match_config_check(cfg, err);
    if (rc) return rc;
    size_t n = (size_t)floor(1 / step + 1e-9) + 1, points = n * n;
    fp_job j = {.s = s, .cfg = cfg, .reps = repetitions};
    j.probe = pl_calloc(points, sizeof *j.probe);
    j.score = pl_malloc(points * (size_t)repetitions * sizeof *j.score);
    double *grid = malloc(points * sizeof *grid);
    if (!j.probe || !j.score || !grid) {
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
            if ((rc = pl_strategy_create(&j.probe[iy * n + ix], spec, err))) break;
        }
    if (rc) goto done;
    pl_parallel job = {.items = points * (uint64_t)repetitions, .block_items = FP_BLOCK, .threads = threads, .ctx = &j,
                       .worker_open = fp_open, .worker_close = fp_close, .run = fp_run};
    if ((rc = pl_parallel_run(&job, err))) goto done;
    for (size_t p = 0; p < points; p++) {
        double sum = 0;
        for (int r = 0; r < repetitions; r++) sum += j.score[p * (size_t)repetitions + (size_t)r];
        grid[p] = sum / repetitions;
    }
    *out = grid;
    *side = n;
    grid = NULL;
done:
    if (j.probe)
        for (size_t p = 0; p < points; p++) pl_strategy_free(j.probe[p]);
    pl_free(j.probe);
    pl_free(j.score);
    free(grid);
    return rc;
}
