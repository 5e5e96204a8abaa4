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
void *pl_realloc(void *p, size_t size);
char *pl_strdup(const char *s);
char *pl_strndup(const char *s, size_t n);
void pl_free(void *p);

#endif
