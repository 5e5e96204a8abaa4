// SPDX-License-Identifier: MIT
/* alloc.c — the allocation seam (see alloc.h).
 *
 * pl_alloc_fail_at(n), declared in parley/testing.h, arms the seam: the nth
 * allocation from then on (1-based) and every one after it fail until
 * pl_alloc_fail_at(0) disarms it.  Failing every later allocation too, not only
 * the nth, is what SQLite calls a "persistent" fault: error paths that allocate
 * (to format a message, to clean up) must cope with that as well.  The counter
 * is atomic because worker threads allocate too.
 *
 * While armed, the seam also notes each distinct place in the library that
 * allocates (the caller's return address) and the first allocation that came
 * from it: a test can then fail the first allocation of every site instead of
 * every N (pl_alloc_sites). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/alloc.h"
#include "parley/error.h"
#include "parley/testing.h"

static atomic_long fail_at;  /* 0: never fail */
static atomic_long count;    /* allocations since the seam was armed */
static atomic_long failures; /* allocations refused since then */

/* The allocation sites seen since the seam was armed, in the order first reached. */
#define PL_ALLOC_SITES_MAX 4096
static pthread_mutex_t sites_mu = PTHREAD_MUTEX_INITIALIZER;
static const void *site_pc[PL_ALLOC_SITES_MAX];
static long site_first[PL_ALLOC_SITES_MAX];
static size_t n_sites;

static void note_site(const void *pc, long nth)
{
    pthread_mutex_lock(&sites_mu);
    size_t i = 0;
    while (i < n_sites && site_pc[i] != pc) i++;
    if (i == n_sites && n_sites < PL_ALLOC_SITES_MAX) site_pc[n_sites] = pc, site_first[n_sites++] = nth;
    pthread_mutex_unlock(&sites_mu);
}

size_t pl_alloc_sites(long *first, size_t max)
{
    pthread_mutex_lock(&sites_mu);
    size_t n = n_sites < max ? n_sites : max;
    for (size_t i = 0; i < n; i++) first[i] = site_first[i];
    pthread_mutex_unlock(&sites_mu);
    return n;
}

void pl_alloc_fail_at(long n)
{
    pthread_mutex_lock(&sites_mu);
    n_sites = 0;
    pthread_mutex_unlock(&sites_mu);
    atomic_store(&count, 0);
    atomic_store(&failures, 0);
    atomic_store(&fail_at, n > 0 ? n : 0);
}

long pl_alloc_count(void) { return atomic_load(&count); }
long pl_alloc_failures(void) { return atomic_load(&failures); }

/* pc: where in the library the allocation was asked for. */
static inline int refuse(const void *pc)
{
    long at = atomic_load_explicit(&fail_at, memory_order_relaxed);
    if (__builtin_expect(at == 0, 1)) return 0;
    long nth = atomic_fetch_add(&count, 1) + 1;
    note_site(pc, nth);
    if (nth < at) return 0;
    atomic_fetch_add(&failures, 1);
    return 1;
}

#define CALLER __builtin_return_address(0)
void *pl_malloc(size_t size) { return refuse(CALLER) ? NULL : malloc(size); }
void *pl_calloc(size_t n, size_t size) { return refuse(CALLER) ? NULL : calloc(n, size); }
void *pl_realloc(void *p, size_t size) { return refuse(CALLER) ? NULL : realloc(p, size); }
void *pl_aligned_alloc(size_t align, size_t size) { return refuse(CALLER) ? NULL : aligned_alloc(align, size); }
char *pl_strdup(const char *s) { return refuse(CALLER) ? NULL : strdup(s); }
char *pl_strndup(const char *s, size_t n) { return refuse(CALLER) ? NULL : strndup(s, n); }
void pl_free(void *p) { free(p); }

void *pl_calloc_huge(size_t n, size_t size)
{
    if (refuse(CALLER)) return NULL;
#ifdef MADV_HUGEPAGE
    const size_t huge = (size_t)2 << 20;
    if (size && n <= SIZE_MAX / 2 / size && n * size >= huge / 2) {
        size_t bytes = n * size, whole = (bytes + huge - 1) / huge * huge;
        void *p = aligned_alloc(huge, whole); /* whole huge pages, none shared with other blocks */
        if (!p) return NULL;
        madvise(p, whole, MADV_HUGEPAGE); /* advice only: refused, the block has small pages */
        memset(p, 0, bytes);
        return p;
    }
#endif
    return calloc(n, size);
}

int pl_slots_room(void **slots, int n_slots, size_t *cap, size_t need, void (*release)(void *owner, int k), void *owner)
{
    if (need <= *cap) return PL_OK;
    size_t grown = (need + 63) / 64 * 64;
    for (int k = 0; k < n_slots; k++) {
        void *p = pl_aligned_alloc(64, grown);
        if (!p) return PL_ENOMEM;
        release(owner, k);
        pl_free(slots[k]);
        slots[k] = p;
    }
    *cap = grown;
    return PL_OK;
}
