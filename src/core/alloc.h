// SPDX-License-Identifier: MIT
/* alloc.h — the one seam every allocation of the library goes through.
 *
 * The library never calls malloc, calloc, realloc or strdup directly: it calls
 * these, so that a test can make the Nth allocation fail (the fault-injection
 * tests, after SQLite's test_malloc.c) and prove that each entry point turns
 * out-of-memory into a clean error, frees what it took and leaves no partial
 * output.  In a normal run the seam is one predictable branch per allocation. */
#ifndef PL_ALLOC_H
#define PL_ALLOC_H

#include <stddef.h>

void *pl_malloc(size_t size);
void *pl_calloc(size_t n, size_t size);
/* aligned_alloc through the same seam (size a multiple of align); freed with pl_free */
void *pl_aligned_alloc(size_t align, size_t size);
void *pl_realloc(void *p, size_t size);
char *pl_strdup(const char *s);
char *pl_strndup(const char *s, size_t n);
void pl_free(void *p);

/* As pl_calloc, for a large array its user writes all over (a tournament's results): a block of
 * 1 MB or more is laid on whole 2 MB pages where the system gives transparent huge pages for the
 * asking (Linux, MADV_HUGEPAGE), so that writing it takes a page fault per 2 MB instead of one per
 * 4 kB; the issue 17 field's 169 players took about 1,100 page faults, half of them for its n x n
 * results, and a fault costs tens of microseconds on a virtual machine.  Freed with pl_free. */
void *pl_calloc_huge(size_t n, size_t size);

/* Room for `need` bytes in each of `n_slots` state slots (aligned to 64 bytes) that now hold *cap
 * bytes each: the two-party and N-party match buffers' strategy states, which start small (most
 * strategies' states fit) and grow when a match meets a larger one, so that a buffer reused across
 * matches allocates only while it meets larger states.  Before a slot is replaced, release(owner, k)
 * gives back what the strategy in slot k took at its start (a Meta player's team); the slots' old
 * contents are not kept (they are called before any party begins).  PL_ENOMEM when a slot cannot
 * grow: the slots already grown are larger than *cap says, which is harmless, and *cap is unchanged. */
int pl_slots_room(void **slots, int n_slots, size_t *cap, size_t need, void (*release)(void *owner, int k), void *owner);

#endif
