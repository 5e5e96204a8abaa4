// SPDX-License-Identifier: MIT
/* parallel.c — the one worker pool: blocks taken in order, results folded in order.
 *
 * Why built this way: the library promises the same bytes whatever --threads
 * is, and floating-point sums give the same bits only when they are added in
 * the same order.  So work is cut into blocks whose size the caller fixes, a
 * block's result goes to a slot, and whoever finishes a block folds every
 * consecutive finished slot into the totals, always in block order, under one
 * lock.  The slots form a ring of PL_PARALLEL_SLOTS_PER_THREAD per thread: a
 * worker that runs too far ahead of the fold waits, so memory is a few slots
 * per thread, never one per block.
 *
 * The first error wins in block order, not in time: workers take blocks in
 * order, so when block b fails every block before b has been taken and will
 * finish (or fail, replacing the error); no block after b starts.  The error
 * reported is the one of the lowest failing block, the same for any thread
 * count.
 *
 * The calling thread is worker 0; threads - 1 more are started (no more than
 * there are blocks: the others would find no work).  A thread count out of
 * range, or a thread the system will not start, is an error, never a quiet
 * change to fewer threads. */
#include <assert.h>
#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "parley/distribute.h"

typedef struct pool {
    const pl_parallel *job;
    uint64_t blocks, window, next, folded, done;
    size_t stride; /* slot_size rounded up to the strictest alignment */
    unsigned char *slots;
    unsigned char *ready; /* per slot: its block has finished */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int failed;
    uint64_t err_block; /* the block whose error err holds (UINT64_MAX: not a block's) */
    pl_error err;
} pool;

/* Keeps e if it belongs to a lower block than the error held; under the lock. */
static void fail_locked(pool *p, uint64_t block, const pl_error *e)
{
    if (!p->failed || block < p->err_block) {
        p->err = *e;
        p->err_block = block;
    }
    p->failed = 1;
    pthread_cond_broadcast(&p->cv);
}

static void *worker(void *arg)
{
    pool *p = arg;
    const pl_parallel *job = p->job;
    void *state = NULL;
    pl_error e;
    pl_error_clear(&e);
    if (job->worker_open && job->worker_open(job->ctx, &state, &e)) {
        if (!e.code) pl_error_set(&e, PL_ENOMEM, "out of memory");
        pthread_mutex_lock(&p->mu);
        fail_locked(p, UINT64_MAX, &e);
        pthread_mutex_unlock(&p->mu);
        return NULL;
    }
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->failed && p->next < p->blocks && job->fold && p->next >= p->folded + p->window)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->failed || p->next >= p->blocks) break;
        uint64_t b = p->next++;
        size_t s = (size_t)(b % p->window);
        void *slot = p->stride ? p->slots + s * p->stride : NULL;
        pthread_mutex_unlock(&p->mu);

        uint64_t lo = b * job->block_items, hi = lo + job->block_items < job->items ? lo + job->block_items : job->items;
        assert(lo < hi && hi <= job->items);
        if (slot && !job->slot_filled) memset(slot, 0, job->slot_size);
        pl_error_clear(&e);
        int rc = job->run(job->ctx, state, lo, hi, slot, &e);

        pthread_mutex_lock(&p->mu);
        if (rc) {
            if (!e.code) pl_error_set(&e, rc, "a worker failed (status %d)", rc);
            fail_locked(p, b, &e);
            break;
        }
        if (!job->fold) {
            p->done += hi - lo;
            if (job->progress) job->progress(job->progress_user, p->done, job->items);
            continue;
        }
        p->ready[s] = 1;
        uint64_t before = p->folded;
        while (p->folded < p->blocks && p->ready[p->folded % p->window]) {
            uint64_t f = p->folded, flo = f * job->block_items;
            uint64_t fhi = flo + job->block_items < job->items ? flo + job->block_items : job->items;
            size_t fs = (size_t)(f % p->window);
            assert(f < p->next && fhi > flo);
            job->fold(job->ctx, flo, fhi, p->stride ? p->slots + fs * p->stride : NULL);
            p->ready[fs] = 0;
            p->folded++;
            p->done += fhi - flo;
            if (job->progress) job->progress(job->progress_user, p->done, job->items);
        }
        if (p->folded != before) pthread_cond_broadcast(&p->cv);
    }
    if (job->worker_close) job->worker_close(job->ctx, state);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ---- sharing a job's blocks among processes (parley/distribute.h) ----------------------------
 * In rounds of K blocks a process (about a quarter of its share, at most 32 MiB of slots: the
 * same K in every process, from the job alone): process r plays blocks base + r K .. base + (r + 1) K - 1 on its own threads
 * into a buffer after a header holding its status, the buffers are gathered to every process,
 * and every process folds every block of the round in block order.  Rank order is block order,
 * so the first failed header holds the error of the lowest failing block, as without processes. */

static pl_distributor dist;
static int dist_on;

void pl_distribute(const pl_distributor *d)
{
    dist_on = d && d->size > 1 && d->allgather;
    if (dist_on) dist = *d;
}

typedef struct part_header {
    int rc;
    pl_error err;
} part_header;

typedef struct part {
    const pl_parallel *job;
    uint64_t first; /* the first block of this process's share */
    size_t stride;
    unsigned char *buf;
} part;

static int part_open(void *ctx, void **state, pl_error *err)
{
    const part *p = ctx;
    return p->job->worker_open ? p->job->worker_open(p->job->ctx, state, err) : PL_OK;
}

static void part_close(void *ctx, void *state)
{
    const part *p = ctx;
    if (p->job->worker_close) p->job->worker_close(p->job->ctx, state);
}

/* Items of the sub-job are this process's blocks; each runs into its own place in the buffer. */
static int part_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *unused, pl_error *err)
{
    (void)unused;
    const part *p = ctx;
    const pl_parallel *job = p->job;
    for (uint64_t k = lo; k < hi; k++) {
        uint64_t b = p->first + k, ilo = b * job->block_items;
        uint64_t ihi = ilo + job->block_items < job->items ? ilo + job->block_items : job->items;
        void *slot = p->buf + k * p->stride;
        memset(slot, 0, job->slot_size);
        int rc = job->run(job->ctx, state, ilo, ihi, slot, err);
        if (rc) return rc;
    }
    return PL_OK;
}

static uint64_t share(uint64_t blocks, uint64_t base, uint64_t K, int r)
{
    uint64_t from = base + (uint64_t)r * K;
    return from >= blocks ? 0 : blocks - from < K ? blocks - from : K;
}

static int run_distributed(const pl_parallel *job, pl_error *err)
{
    const uint64_t blocks = (job->items - 1) / job->block_items + 1;
    const size_t align = alignof(max_align_t);
    const size_t stride = (job->slot_size + align - 1) / align * align;
    const size_t head = (sizeof(part_header) + align - 1) / align * align;
    const int S = dist.size;
    uint64_t K = (blocks + (uint64_t)S * 4 - 1) / ((uint64_t)S * 4), cap = ((uint64_t)32 << 20) / stride;
    if (K > cap) K = cap;
    if (K < 1) K = 1;
    size_t *bytes = pl_calloc((size_t)S, sizeof *bytes);
    unsigned char *mine = pl_malloc(head + (size_t)K * stride), *all = pl_malloc((size_t)S * (head + (size_t)K * stride));
    int rc = PL_OK;
    if (!bytes || !mine || !all) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory for the blocks shared among %d processes", S);
        goto done;
    }
    uint64_t done_items = 0;
    for (uint64_t base = 0; base < blocks && !rc; base += (uint64_t)S * K) {
        for (int r = 0; r < S; r++) bytes[r] = head + (size_t)share(blocks, base, K, r) * stride;
        uint64_t n = share(blocks, base, K, dist.rank);
        part_header h = {0};
        pl_error_clear(&h.err);
        if (n) {
            part p = {.job = job, .first = base + (uint64_t)dist.rank * K, .stride = stride, .buf = mine + head};
            pl_parallel sub = {.items = n, .block_items = 1, .threads = job->threads, .ctx = &p,
                               .worker_open = part_open, .worker_close = part_close, .run = part_run};
            h.rc = pl_parallel_run(&sub, &h.err);
        }
        memset(mine, 0, head);
        memcpy(mine, &h, sizeof h);
        if ((rc = dist.allgather(dist.user, mine, bytes[dist.rank], all, bytes, err))) break;
        const unsigned char *at = all;
        for (int r = 0; r < S && !rc; r++) { /* rank order is block order: the first error is the lowest block's */
            part_header hr;
            memcpy(&hr, at, sizeof hr);
            if (hr.rc) {
                if (err) *err = hr.err;
                rc = hr.rc;
            }
            at += bytes[r];
        }
        at = all;
        for (int r = 0; r < S && !rc; r++) {
            uint64_t first = base + (uint64_t)r * K, cnt = share(blocks, base, K, r);
            for (uint64_t k = 0; k < cnt; k++) {
                uint64_t b = first + k, ilo = b * job->block_items;
                uint64_t ihi = ilo + job->block_items < job->items ? ilo + job->block_items : job->items;
                job->fold(job->ctx, ilo, ihi, (void *)(at + head + k * stride));
                done_items += ihi - ilo;
                if (job->progress) job->progress(job->progress_user, done_items, job->items);
            }
            at += bytes[r];
        }
    }
    if (!rc && job->tally_size) { /* every process's tallies added to every one's */
        unsigned char *t = pl_malloc(job->tally_size), *ts = pl_malloc((size_t)S * job->tally_size);
        if (!t || !ts) rc = pl_error_set(err, PL_ENOMEM, "out of memory for the tallies of %d processes", S);
        for (int r = 0; r < S; r++) bytes[r] = job->tally_size;
        if (!rc) {
            job->tally_pack(job->ctx, t);
            rc = dist.allgather(dist.user, t, job->tally_size, ts, bytes, err);
        }
        for (int r = 0; r < S && !rc; r++)
            if (r != dist.rank) job->tally_add(job->ctx, ts + (size_t)r * job->tally_size);
        pl_free(t);
        pl_free(ts);
    }
done:
    pl_free(bytes);
    pl_free(mine);
    pl_free(all);
    return rc;
}

int pl_parallel_run(const pl_parallel *job, pl_error *err)
{
    if (job->threads < 1 || job->threads > PL_PARALLEL_MAX_THREADS)
        return pl_error_set(err, PL_EINVAL, "threads must be between 1 and %d, got %d", PL_PARALLEL_MAX_THREADS,
                            job->threads);
    if (job->block_items < 1) return pl_error_set(err, PL_EINVAL, "a block must hold at least one item");
    if (job->slot_size && !job->fold) return pl_error_set(err, PL_EINVAL, "a block's slot needs a fold to read it");
    if (job->items == 0) return PL_OK;
    if (dist_on && job->distributable && job->fold && job->slot_size) return run_distributed(job, err);
    pl_parallel longer; /* the blocks the pool may make longer (block_items_max) */
    if (job->block_items_max > job->block_items) {
        uint64_t b = job->threads == 1 ? job->items : job->items / (4 * (uint64_t)job->threads);
        b = b < job->block_items ? job->block_items : b > job->block_items_max ? job->block_items_max : b;
        longer = *job;
        longer.block_items = b / job->block_items * job->block_items; /* a multiple of the caller's */
        job = &longer;
    }

    pool p = {.job = job, .err_block = UINT64_MAX};
    p.blocks = (job->items - 1) / job->block_items + 1;
    uint64_t nthreads = (uint64_t)job->threads < p.blocks ? (uint64_t)job->threads : p.blocks;
    p.window = nthreads * PL_PARALLEL_SLOTS_PER_THREAD;
    if (p.window > p.blocks) p.window = p.blocks;
    const size_t align = alignof(max_align_t);
    p.stride = job->slot_size ? (job->slot_size + align - 1) / align * align : 0;
    if (p.stride) p.slots = pl_malloc((size_t)p.window * p.stride);
    p.ready = pl_calloc((size_t)p.window, 1);
    pthread_t *tids = nthreads > 1 ? pl_calloc((size_t)nthreads, sizeof *tids) : NULL;
    if ((p.stride && !p.slots) || !p.ready || (nthreads > 1 && !tids)) {
        pl_free(p.slots);
        pl_free(p.ready);
        pl_free(tids);
        return pl_error_set(err, PL_ENOMEM, "out of memory for %llu worker threads", (unsigned long long)nthreads);
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    uint64_t started = 0;
    for (uint64_t t = 1; t < nthreads; t++) {
        int rc = pthread_create(&tids[t], NULL, worker, &p);
        if (rc) {
            pl_error e;
            pl_error_set(&e, PL_ENOMEM, "could not start worker thread %llu of the %d asked for (%s)",
                         (unsigned long long)t + 1, job->threads, strerror(rc));
            pthread_mutex_lock(&p.mu);
            fail_locked(&p, 0, &e);
            pthread_mutex_unlock(&p.mu);
            break;
        }
        started = t;
    }
    worker(&p);
    for (uint64_t t = 1; t <= started; t++) pthread_join(tids[t], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    pl_free(p.slots);
    pl_free(p.ready);
    pl_free(tids);
    if (p.failed) {
        if (err) *err = p.err;
        return p.err.code ? p.err.code : PL_ENOMEM;
    }
    return PL_OK;
}
