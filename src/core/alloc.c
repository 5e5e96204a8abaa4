/* alloc.c — the allocation seam (see alloc.h).
 *
 * pl_alloc_fail_at(n), declared in parley/testing.h, arms the seam: the nth
 * allocation from then on (1-based) and every one after it fail until
 * pl_alloc_fail_at(0) disarms it.  Failing every later allocation too, not only
 * the nth, is what SQLite calls a "persistent" fault: error paths that allocate
 * (to format a message, to clean up) must cope with that as well.  The counter
 * is atomic because worker threads allocate too. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "parley/testing.h"

static atomic_long fail_at;  /* 0: never fail */
static atomic_long count;    /* allocations since the seam was armed */
static atomic_long failures; /* allocations refused since then */

void pl_alloc_fail_at(long n)
{
    atomic_store(&count, 0);
    atomic_store(&failures, 0);
    atomic_store(&fail_at, n > 0 ? n : 0);
}

long pl_alloc_count(void) { return atomic_load(&count); }
long pl_alloc_failures(void) { return atomic_load(&failures); }

static int refuse(void)
{
    long at = atomic_load_explicit(&fail_at, memory_order_relaxed);
    if (__builtin_expect(at == 0, 1)) return 0;
    if (atomic_fetch_add(&count, 1) + 1 < at) return 0;
    atomic_fetch_add(&failures, 1);
    return 1;
}

void *pl_malloc(size_t size) { return refuse() ? NULL : malloc(size); }
void *pl_calloc(size_t n, size_t size) { return refuse() ? NULL : calloc(n, size); }
void *pl_realloc(void *p, size_t size) { return refuse() ? NULL : realloc(p, size); }
char *pl_strdup(const char *s) { return refuse() ? NULL : strdup(s); }
char *pl_strndup(const char *s, size_t n) { return refuse() ? NULL : strndup(s, n); }
void pl_free(void *p) { free(p); }
