// SPDX-License-Identifier: MIT
/* test_parallel.c — core/parallel: the same bits for any thread count, folds in block order,
 * the error of the lowest failing block, nothing to do, and thread counts out of range. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/parallel.h"
#include "parley/distribute.h"
#include "parley/testing.h"

typedef struct sums {
    double total;        /* folded in block order: order-sensitive bits */
    uint64_t next_fold;  /* the first item of the block the fold expects next */
    int out_of_order;
    long items_by_workers; /* integer tallies added by worker_close */
    long own_items;        /* with processes: this process's own, before the others' are added */
    int opened, closed;
    uint64_t fail_item[2]; /* items whose block fails (UINT64_MAX: none) */
    uint64_t last_progress, progress_calls;
    int progress_backwards;
} sums;

typedef struct tally {
    long items;
} tally;

static int open_tally(void *ctx, void **state, pl_error *err)
{
    sums *s = ctx;
    tally *t = calloc(1, sizeof *t);
    if (!t) return pl_error_set(err, PL_ENOMEM, "out of memory");
    __atomic_add_fetch(&s->opened, 1, __ATOMIC_SEQ_CST); /* workers open at the same time */
    *state = t;
    return 0;
}

static void close_tally(void *ctx, void *state)
{
    sums *s = ctx;
    tally *t = state;
    s->items_by_workers += t->items;
    s->closed++;
    free(t);
}

/* Values whose sum depends on the order of addition. */
static double value(uint64_t i) { return sin((double)i) * 1e6 + 1.0 / (double)(i + 1); }

static int run_block(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    sums *s = ctx;
    tally *t = state;
    double *acc = slot;
    assert_true(*acc == 0.0); /* the pool zeroes each slot before its block */
    for (uint64_t i = lo; i < hi; i++) {
        if (i == s->fail_item[0] || i == s->fail_item[1])
            return pl_error_set(err, PL_EINVAL, "item %llu failed", (unsigned long long)i);
        *acc += value(i);
        t->items++;
    }
    return 0;
}

static int count_block(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)ctx, (void)err;
    assert_null(slot);
    ((tally *)state)->items += (long)(hi - lo);
    return 0;
}

static void fold_block(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    sums *s = ctx;
    if (lo != s->next_fold) s->out_of_order = 1;
    s->next_fold = hi;
    s->total += *(double *)slot;
}

static void progress(void *user, uint64_t done, uint64_t total)
{
    sums *s = user;
    (void)total;
    if (done < s->last_progress) s->progress_backwards = 1;
    s->last_progress = done;
    s->progress_calls++;
}

static int run_job(sums *s, uint64_t items, uint64_t block, int threads, pl_error *err)
{
    memset(s, 0, sizeof *s);
    s->fail_item[0] = s->fail_item[1] = UINT64_MAX;
    pl_parallel job = {.items = items, .block_items = block, .threads = threads, .slot_size = sizeof(double), .ctx = s,
                       .worker_open = open_tally, .worker_close = close_tally, .run = run_block, .fold = fold_block,
                       .progress = progress, .progress_user = s};
    return pl_parallel_run(&job, err);
}

/* ---- processes (parley/distribute.h): S forked processes, an allgather through shared memory ---- */

typedef struct shared_mem {
    pthread_barrier_t barrier; /* process-shared */
    size_t cap;
    unsigned char data[]; /* the gathered bytes, rank after rank */
} shared_mem;

static shared_mem *shm;

static int shm_allgather(void *user, const void *mine, size_t mine_bytes, void *all, const size_t *bytes,
                         pl_error *err)
{
    const pl_distributor *d = user;
    size_t at = 0, total = 0;
    for (int r = 0; r < d->size; r++) {
        if (r < d->rank) at += bytes[r];
        total += bytes[r];
    }
    if (total > shm->cap) return pl_error_set(err, PL_ENOMEM, "test: %zu bytes to gather", total);
    memcpy(shm->data + at, mine, mine_bytes);
    pthread_barrier_wait(&shm->barrier);
    memcpy(all, shm->data, total);
    pthread_barrier_wait(&shm->barrier); /* nobody writes the next round before all have read */
    return 0;
}

typedef struct proc_result {
    double total;
    long items_by_workers, own_items;
    int rc, out_of_order, progress_backwards;
    uint64_t last_progress;
    char msg[PL_ERROR_MSG_MAX];
} proc_result;

static void pack_tally(void *ctx, void *bytes)
{
    sums *s = ctx;
    s->own_items = s->items_by_workers;
    memcpy(bytes, &s->items_by_workers, sizeof(long));
}
static void add_tally(void *ctx, const void *bytes)
{
    long x;
    memcpy(&x, bytes, sizeof x);
    ((sums *)ctx)->items_by_workers += x;
}

/* Runs the job of run_job on S processes of `threads` threads, failing at fail_item (or none);
 * out[r] is what process r ended with. */
static void run_on_processes(int S, int threads, uint64_t items, uint64_t block, uint64_t fail_item, proc_result *out)
{
    size_t cap = 1 << 20;
    shm = mmap(NULL, sizeof *shm + cap, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    proc_result *res = mmap(NULL, (size_t)S * sizeof *res, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(shm != MAP_FAILED && res != MAP_FAILED);
    shm->cap = cap;
    pthread_barrierattr_t a;
    pthread_barrierattr_init(&a);
    pthread_barrierattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_barrier_init(&shm->barrier, &a, (unsigned)S);
    for (int r = 0; r < S; r++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid) continue;
        pl_distributor d = {.rank = r, .size = S, .allgather = shm_allgather};
        d.user = &d;
        pl_distribute(&d);
        sums s;
        memset(&s, 0, sizeof s);
        s.fail_item[0] = fail_item;
        s.fail_item[1] = UINT64_MAX;
        pl_parallel job = {.items = items, .block_items = block, .threads = threads, .slot_size = sizeof(double),
                           .ctx = &s, .worker_open = open_tally, .worker_close = close_tally, .run = run_block,
                           .fold = fold_block, .progress = progress, .progress_user = &s, .distributable = 1,
                           .tally_size = sizeof(long), .tally_pack = pack_tally, .tally_add = add_tally};
        pl_error err;
        pl_error_clear(&err);
        res[r].rc = pl_parallel_run(&job, &err);
        res[r].total = s.total;
        res[r].items_by_workers = s.items_by_workers;
        res[r].own_items = s.own_items;
        res[r].out_of_order = s.out_of_order;
        res[r].progress_backwards = s.progress_backwards;
        res[r].last_progress = s.last_progress;
        snprintf(res[r].msg, sizeof res[r].msg, "%s", err.msg);
        _exit(0);
    }
    for (int r = 0; r < S; r++) {
        int st;
        assert_true(wait(&st) > 0);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    memcpy(out, res, (size_t)S * sizeof *res);
    pthread_barrier_destroy(&shm->barrier);
    munmap(shm, sizeof *shm + cap);
    munmap(res, (size_t)S * sizeof *res);
}

static void processes_give_the_one_process_bits(void **state)
{
    (void)state;
    sums one;
    pl_error err;
    assert_int_equal(run_job(&one, 10007, 13, 1, &err), 0);
    for (int S = 2; S <= 3; S++)
        for (int t = 1; t <= 2; t++) {
            proc_result out[3];
            run_on_processes(S, t, 10007, 13, UINT64_MAX, out);
            long own = 0;
            for (int r = 0; r < S; r++) own += out[r].own_items;
            assert_int_equal(own, 10007); /* the work was shared, each item played once */
            for (int r = 0; r < S; r++) {
                assert_true(out[r].own_items > 0 && out[r].own_items < 10007);
                assert_int_equal(out[r].rc, 0);
                assert_memory_equal(&out[r].total, &one.total, sizeof one.total); /* every process: all of it */
                assert_int_equal(out[r].items_by_workers, 10007); /* each played its share; the tallies added */
                assert_false(out[r].out_of_order);
                assert_false(out[r].progress_backwards);
                assert_int_equal(out[r].last_progress, 10007);
            }
        }
    /* without a distributor installed (this process), the same job runs whole here */
    pl_distribute(NULL);
    assert_int_equal(run_job(&one, 10007, 13, 2, &err), 0);
    assert_int_equal(one.items_by_workers, 10007);
}

static void a_failure_in_any_process_is_every_process_error(void **state)
{
    (void)state;
    /* item 9000 lies in the last process's share: every process reports it */
    proc_result out[3];
    run_on_processes(3, 2, 10007, 13, 9000, out);
    for (int r = 0; r < 3; r++) {
        assert_int_equal(out[r].rc, PL_EINVAL);
        assert_string_equal(out[r].msg, "item 9000 failed");
    }
}

static void any_thread_count_gives_the_same_bits(void **state)
{
    (void)state;
    sums one, s;
    pl_error err;
    assert_int_equal(run_job(&one, 10007, 13, 1, &err), 0);
    assert_int_equal(one.next_fold, 10007);
    assert_int_equal(one.items_by_workers, 10007);
    /* summed in another order, the total is different bits: the test could fail */
    double reversed = 0;
    for (uint64_t i = 10007; i-- > 0;) reversed += value(i);
    assert_true(reversed != one.total);
    for (int t = 1; t <= 7; t++) {
        assert_int_equal(run_job(&s, 10007, 13, t, &err), 0);
        assert_memory_equal(&s.total, &one.total, sizeof s.total);
        assert_false(s.out_of_order);
        assert_int_equal(s.next_fold, 10007);
        assert_int_equal(s.items_by_workers, 10007);
        assert_int_equal(s.opened, s.closed);
        assert_true(s.opened >= 1 && s.opened <= t);
        assert_false(s.progress_backwards);
        assert_int_equal(s.last_progress, 10007);
        assert_int_equal(s.progress_calls, (10007 + 12) / 13);
    }
}

static void the_lowest_failing_block_gives_the_error(void **state)
{
    (void)state;
    for (int t = 1; t <= 7; t++) {
        sums s;
        memset(&s, 0, sizeof s);
        s.fail_item[0] = 900;
        s.fail_item[1] = 500;
        pl_parallel job = {.items = 2000, .block_items = 10, .threads = t, .slot_size = sizeof(double), .ctx = &s,
                           .worker_open = open_tally, .worker_close = close_tally, .run = run_block, .fold = fold_block};
        pl_error err;
        pl_error_clear(&err);
        assert_int_equal(pl_parallel_run(&job, &err), PL_EINVAL);
        assert_string_equal(err.msg, "item 500 failed");
        /* nothing at or after the failed block was folded, and every worker was closed */
        assert_true(s.next_fold <= 500);
        assert_false(s.out_of_order);
        assert_int_equal(s.opened, s.closed);
    }
}

static void zero_items_run_nothing(void **state)
{
    (void)state;
    sums s;
    pl_error err;
    assert_int_equal(run_job(&s, 0, 5, 4, &err), 0);
    assert_int_equal(s.opened, 0);
    assert_int_equal(s.progress_calls, 0);
    assert_true(s.total == 0.0);
}

static void more_threads_than_blocks_and_no_fold(void **state)
{
    (void)state;
    sums s;
    pl_error err;
    assert_int_equal(run_job(&s, 3, 1, 7, &err), 0);
    assert_int_equal(s.items_by_workers, 3);
    assert_true(s.opened <= 3);
    /* without a fold there is no slot; each block still runs once */
    memset(&s, 0, sizeof s);
    pl_parallel job = {.items = 100, .block_items = 7, .threads = 3, .ctx = &s, .worker_open = open_tally,
                       .worker_close = close_tally, .run = count_block, .progress = progress, .progress_user = &s};
    assert_int_equal(pl_parallel_run(&job, &err), 0);
    assert_int_equal(s.items_by_workers, 100);
    assert_int_equal(s.last_progress, 100);
    /* a slot with nothing to fold it is a mistake of the caller */
    job.slot_size = 8;
    assert_int_equal(pl_parallel_run(&job, &err), PL_EINVAL);
}

/* The longest block a job was cut into (block_items_max: blocks the pool may make longer). */
typedef struct longest {
    uint64_t items, longest, blocks;
} longest;
static int note_block(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)state, (void)slot, (void)err;
    longest *l = ctx;
    __atomic_add_fetch(&l->items, hi - lo, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&l->blocks, 1, __ATOMIC_SEQ_CST);
    for (uint64_t seen = __atomic_load_n(&l->longest, __ATOMIC_SEQ_CST); hi - lo > seen;)
        if (__atomic_compare_exchange_n(&l->longest, &seen, hi - lo, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) break;
    return 0;
}
static longest cut(uint64_t items, uint64_t block, uint64_t most, int threads)
{
    longest l = {0};
    pl_parallel job = {.items = items, .block_items = block, .block_items_max = most, .threads = threads, .ctx = &l,
                       .run = note_block};
    pl_error err;
    assert_int_equal(pl_parallel_run(&job, &err), 0);
    assert_int_equal(l.items, items); /* every item once */
    return l;
}

static void blocks_made_longer_where_the_caller_allows(void **state)
{
    (void)state;
    /* one thread: the whole job in one block, up to the most, a multiple of the caller's block */
    assert_int_equal(cut(20480, 2048, 32768, 1).longest, 20480);
    assert_int_equal(cut(20000, 2048, 32768, 1).longest, 18432);
    assert_int_equal(cut(100000, 2048, 32768, 1).longest, 32768);
    /* more threads: four blocks a thread, never below the caller's block */
    longest two = cut(40000, 2048, 32768, 2);
    assert_int_equal(two.longest, 4096);
    assert_int_equal(two.blocks, 10);
    assert_int_equal(cut(20000, 2048, 32768, 8).longest, 2048);
    /* without a most, or a most no longer than the block: the caller's blocks */
    assert_int_equal(cut(20000, 2048, 0, 1).longest, 2048);
    assert_int_equal(cut(20000, 2048, 2048, 1).longest, 2048);
}

static void thread_counts_out_of_range_are_refused(void **state)
{
    (void)state;
    sums s;
    pl_error err;
    assert_int_equal(run_job(&s, 10, 1, 0, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "threads must be between 1 and 1024, got 0"));
    assert_int_equal(run_job(&s, 10, 1, PL_PARALLEL_MAX_THREADS + 1, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "got 1025"));
    assert_int_equal(s.opened, 0);
    /* the maximum itself is honoured (no more are started than there are blocks) */
    assert_int_equal(run_job(&s, 50, 1, PL_PARALLEL_MAX_THREADS, &err), 0);
    assert_int_equal(s.items_by_workers, 50);
}

static void out_of_memory_is_an_error(void **state)
{
    (void)state;
    pl_error err;
    for (long n = 1;; n++) {
        sums s;
        pl_alloc_fail_at(n);
        int rc = run_job(&s, 100, 3, 3, &err);
        long failures = pl_alloc_failures();
        pl_alloc_fail_at(0);
        if (!failures) {
            assert_int_equal(rc, 0);
            break;
        }
        assert_int_equal(rc, PL_ENOMEM);
        assert_non_null(strstr(err.msg, "out of memory"));
        assert_true(n < 10);
    }
}

/* ---- slot_filled: a run that writes its whole slot gets it as the last block left it ---- */

static int found_dirty; /* a filled block found its slot holding an earlier block's sum */

static int fill_block(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)ctx, (void)err;
    double *acc = slot;
    if (*acc != 0.0) __atomic_store_n(&found_dirty, 1, __ATOMIC_SEQ_CST);
    *acc = 0; /* it writes every byte the fold reads */
    for (uint64_t i = lo; i < hi; i++) *acc += value(i);
    ((tally *)state)->items += (long)(hi - lo);
    return 0;
}

static void a_filled_slot_is_not_cleared_and_folds_the_same(void **state)
{
    (void)state;
    sums want;
    pl_error err;
    assert_int_equal(run_job(&want, 1000, 7, 1, &err), 0);
    for (int threads = 1; threads <= 3; threads++) {
        sums s;
        memset(&s, 0, sizeof s);
        found_dirty = 0;
        pl_parallel job = {.items = 1000, .block_items = 7, .threads = threads, .slot_size = sizeof(double),
                           .slot_filled = 1, .ctx = &s, .worker_open = open_tally, .worker_close = close_tally,
                           .run = fill_block, .fold = fold_block, .progress = progress, .progress_user = &s};
        assert_int_equal(pl_parallel_run(&job, &err), 0);
        assert_memory_equal(&s.total, &want.total, sizeof s.total); /* the same bits */
        assert_false(s.out_of_order);
        assert_int_equal(s.items_by_workers, 1000);
        /* one thread reuses slot b mod 8 for block b: the clear was skipped (143 blocks) */
        if (threads == 1) assert_true(found_dirty);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(any_thread_count_gives_the_same_bits),
        cmocka_unit_test(the_lowest_failing_block_gives_the_error),
        cmocka_unit_test(zero_items_run_nothing),
        cmocka_unit_test(a_filled_slot_is_not_cleared_and_folds_the_same),
        cmocka_unit_test(more_threads_than_blocks_and_no_fold),
        cmocka_unit_test(blocks_made_longer_where_the_caller_allows),
        cmocka_unit_test(thread_counts_out_of_range_are_refused),
        cmocka_unit_test(out_of_memory_is_an_error),
        cmocka_unit_test(processes_give_the_one_process_bits),
        cmocka_unit_test(a_failure_in_any_process_is_every_process_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
