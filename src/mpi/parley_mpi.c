// SPDX-License-Identifier: MIT
/* parley_mpi.c — parley-mpi: the parley command run as several MPI processes (`make mpi`).
 *
 * Every process runs the same command line.  The library is told the rank, the number of
 * processes and how to gather bytes from all of them (parley/distribute.h, here
 * MPI_Allgatherv), and shares the blocks of every distributable job among the processes by
 * index: each process plays its share on its own --threads, and every process folds every
 * block in order, so each ends with the one-process result, byte for byte.  Rank 0 alone
 * speaks and writes: the others send their standard output and error to /dev/null and write
 * any --out into a private temporary directory they remove at the end.  A process that fails
 * stops them all (MPI_Abort with its exit code), so no process waits for a partner that left.
 *
 * The command itself is src/cli/main.c, compiled for this program with its main renamed. */
#include <ftw.h>
#include <limits.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parley/parley.h"

int parley_cli_main(int argc, char **argv);

static int allgather(void *user, const void *mine, size_t mine_bytes, void *all, const size_t *bytes, pl_error *err)
{
    (void)user;
    int size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int *counts = malloc((size_t)size * sizeof *counts), *displs = malloc((size_t)size * sizeof *displs);
    if (!counts || !displs) {
        free(counts);
        free(displs);
        return pl_error_set(err, PL_ENOMEM, "out of memory gathering the blocks of %d processes", size);
    }
    size_t at = 0;
    for (int r = 0; r < size; r++) {
        if (bytes[r] > INT_MAX || at > INT_MAX) {
            free(counts);
            free(displs);
            return pl_error_set(err, PL_ENOMEM, "a round of blocks is too large to gather (%zu bytes)", bytes[r]);
        }
        counts[r] = (int)bytes[r];
        displs[r] = (int)at;
        at += bytes[r];
    }
    int rc = MPI_Allgatherv(mine, (int)mine_bytes, MPI_BYTE, all, counts, displs, MPI_BYTE, MPI_COMM_WORLD);
    free(counts);
    free(displs);
    return rc == MPI_SUCCESS ? PL_OK : pl_error_set(err, PL_EIO, "MPI_Allgatherv failed (%d)", rc);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

int main(int argc, char **argv)
{
    int provided, rank = 0, size = 1;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    pl_distributor d = {.rank = rank, .size = size, .allgather = allgather};
    pl_distribute(&d);
    char tmp[] = "/tmp/parley-mpi-XXXXXX", out[64] = "";
    int made_tmp = 0;
    if (rank != 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) MPI_Abort(MPI_COMM_WORLD, 3);
        for (int i = 1; i < argc; i++) {
            int joined = !strncmp(argv[i], "--out=", 6);
            if (strcmp(argv[i], "--out") && !joined) continue;
            if (!made_tmp) {
                if (!mkdtemp(tmp)) MPI_Abort(MPI_COMM_WORLD, 3);
                made_tmp = 1;
                snprintf(out, sizeof out, "%s%s/out", joined ? "--out=" : "", tmp);
            }
            if (joined) argv[i] = out;
            else if (i + 1 < argc) argv[++i] = out;
        }
    }
    int rc = parley_cli_main(argc, argv);
    if (made_tmp) nftw(tmp, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    fflush(stdout);
    fflush(stderr);
    if (rc != 0) {
        if (rank != 0) sleep(2); /* let rank 0 say what went wrong first, when it failed too */
        MPI_Abort(MPI_COMM_WORLD, rc);
    }
    MPI_Finalize();
    return 0;
}
