/* SPDX-License-Identifier: MIT */
/* parley/distribute.h — a run's work split across processes (MPI ranks) by index.
 *
 * The library knows no MPI: a program that runs as several processes (parley-mpi, built by
 * `make mpi`) tells it its rank, the number of processes and how to gather bytes from all of
 * them.  From then on every job of the worker pool that carries its whole result in its blocks'
 * slots (a tournament's pairs) is cut into rounds of blocks; in each round every process plays
 * its own share of the blocks on its own threads, the slots are gathered to every process, and
 * every process folds all of them in block order.  So every process ends with the very result a
 * single process would have (the same bytes: the same sums in the same order), whatever the
 * number of processes and of threads in each, and whichever writes the files (rank 0) writes
 * the one-process files.  Jobs whose results are not all in their slots run whole in every
 * process, as without a distributor. */
#ifndef PARLEY_DISTRIBUTE_H
#define PARLEY_DISTRIBUTE_H

#include "parley/common.h"

#include <stddef.h>
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_distributor {
    int rank, size; /* this process's rank, 0 .. size - 1, and how many there are */
    /* Every process calls it at the same point with its own `mine` (mine_bytes of them); it must
     * fill `all` with every process's bytes one after the other in rank order, process r's
     * being bytes[r] long (an MPI_Allgatherv of bytes).  0, or an error (which every process
     * must then see). */
    int (*allgather)(void *user, const void *mine, size_t mine_bytes, void *all, const size_t *bytes, pl_error *err);
    void *user;
} pl_distributor;

/* Installs d (copied) for the whole process, or with NULL (or size 1) goes back to every
 * process doing all of its own work.  Not thread-safe: call it before any run starts. */
PL_EXTERN void pl_distribute(const pl_distributor *d);

#ifdef __cplusplus
}
#endif
#endif
