/* SPDX-License-Identifier: MIT */
/* parley/testing.h — hooks for the tests of programs built on parley.
 *
 * Not for production use: they let a test make the library's allocations fail
 * (fault injection) to check that every entry point handles out-of-memory with
 * a clean error, no leak and no partial output. */
#ifndef PARLEY_TESTING_H
#define PARLEY_TESTING_H

#include "parley/common.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* From now on, the nth allocation of the library (1-based) and every later one fail;
 * n <= 0 turns the faults off.  Resets the counters below. */
PL_EXTERN void pl_alloc_fail_at(long n);
/* Allocations the library attempted since the last pl_alloc_fail_at. */
PL_EXTERN long pl_alloc_count(void);
/* How many of them were refused. */
PL_EXTERN long pl_alloc_failures(void);
/* The distinct places in the library that allocated since the last pl_alloc_fail_at, in the
 * order first reached: first[i] gets the allocation (1-based) that first came from the ith.
 * Returns how many were stored (at most max). */
PL_EXTERN size_t pl_alloc_sites(long *first, size_t max);

#ifdef __cplusplus
}
#endif
#endif
