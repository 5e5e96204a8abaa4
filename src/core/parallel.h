// SPDX-License-Identifier: MIT
/* parallel.h — the one worker pool of the library (see parallel.c).
 *
 * A job is `items` work items (matches, runs, groups) cut into blocks of
 * `block_items`.  Worker threads take blocks in order; each block writes its
 * result into a slot of `slot_size` bytes, and the pool hands the finished
 * slots to `fold` one at a time, in block order.  Whatever is summed in `fold`
 * is therefore summed in the same order for any thread count: the results are
 * the same bytes with 1 thread or 64.  The block size is the caller's and must
 * not depend on the thread count; where the result does not depend on the blocks
 * at all (integer tallies only), the caller may let the pool make them longer
 * (block_items_max). */
#ifndef PL_PARALLEL_H
#define PL_PARALLEL_H

#include <stddef.h>
#include <stdint.h>

#include "parley/error.h"
#include "parley/parley.h"

/* The most worker threads one job may ask for; more is refused with a message. */
#define PL_PARALLEL_MAX_THREADS PL_MAX_THREADS
/* Slots in flight per thread: how far the fastest worker may run ahead of the fold. */
#define PL_PARALLEL_SLOTS_PER_THREAD 8

typedef struct pl_parallel {
    uint64_t items;       /* work items, numbered 0 .. items - 1; 0 runs nothing */
    uint64_t block_items; /* items per block, 1 or more: fixed by the caller, never by the thread count */
    /* Optional: where nothing the job makes depends on how its items are cut into blocks of a multiple
     * of block_items (integer tallies in worker_close; slots the fold adds up exactly in any grouping, or
     * that keep a sum per block_items of their items and are folded so; or none), the most items a block
     * may hold: the pool then makes the blocks as long as leaves each thread four of them (on one thread,
     * the whole job), rounded down to a multiple of block_items, between it and this most (so one thread
     * plays 20,000 items of blocks of 2,048 as 18,432 and 1,568).  Where the job's
     * blocks are shared among processes (distributable, below), which must agree on them, block_items.
     * 0: the blocks are block_items long. */
    uint64_t block_items_max;
    int threads;          /* 1 .. PL_PARALLEL_MAX_THREADS; never more are started than there are blocks */
    size_t slot_size;     /* bytes of one block's result, zeroed before the block runs; 0: none (needs fold) */
    /* 1 when run writes every byte of its slot that fold reads: the pool then does not zero the
     * slot first (a tournament's slot of 1,000 repetitions is 32 kB a pair).  Slots shared among
     * processes (distributable, below) are zeroed all the same: they travel whole. */
    int slot_filled;
    void *ctx;            /* passed to every callback */
    /* Optional: per-worker state (buffers, exact integer tallies).  0 or an error. */
    int (*worker_open)(void *ctx, void **state, pl_error *err);
    /* Optional: called once for every opened state as its worker ends, under the pool's lock
     * and in no fixed order: add in here only what sums exactly in any order (integers). */
    void (*worker_close)(void *ctx, void *state);
    /* Runs items [lo, hi) into slot.  0 or an error; after an error no new block starts. */
    int (*run)(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err);
    /* Optional: receives each finished block's slot, one block at a time, in block order. */
    void (*fold)(void *ctx, uint64_t lo, uint64_t hi, void *slot);
    /* Optional: after each fold, the items folded so far and the total (one call at a time). */
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
    /* 1 when the job's whole result travels in its slots (run writes nothing but its slot) and
     * in the integer tallies worker_close adds (described below): then, with a distributor
     * installed (parley/distribute.h), the blocks are shared among the processes, every process
     * folds all of them in order, and the tallies of every process are added to every one's. */
    int distributable;
    /* The tallies worker_close adds into ctx, exact in any order: tally_pack copies this
     * process's totals into tally_size bytes, tally_add adds another process's packed totals.
     * tally_size 0: worker_close adds nothing. */
    size_t tally_size;
    void (*tally_pack)(void *ctx, void *bytes);
    void (*tally_add)(void *ctx, const void *bytes);
} pl_parallel;

/* Runs the job.  0, or the error of the lowest-numbered block that failed (so the same
 * error whatever the thread count), or PL_EINVAL for a thread count out of range, or
 * PL_ENOMEM when memory or a thread could not be had. */
int pl_parallel_run(const pl_parallel *job, pl_error *err);

#endif
