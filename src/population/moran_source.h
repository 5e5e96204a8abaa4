// SPDX-License-Identifier: MIT
/* moran_source.h — where a Moran population's payoffs come from, when not from pairs.
 *
 * Why: the Moran process (moran.c) is one mechanism — the birth-death and death-birth steps,
 * the fitness mapping, mutation, the fixation runs on the worker pool, the exact absorption
 * probability — whatever a game makes an individual's payoff.  For two-party games that payoff
 * is the mean over pairwise meetings (moran.c's own cache).  Any other game (the N-party
 * populations of moran_nparty.c) gives the process a payoff source instead: the mean payoff a
 * turn of an individual of a type in a population of given counts.  Such a payoff is a function
 * of the counts alone, so the process runs on counts (O(types) state a run). */
#ifndef PL_MORAN_SOURCE_H
#define PL_MORAN_SOURCE_H

#include <stddef.h>

#include "parley/population.h"

typedef struct pl_moran_source {
    void *ctx;
    /* The mean payoff a turn of an individual of type t in a population of cnt[] (M individuals in
     * all, the individual itself among cnt[t]); when cnt[t] is 0 any finite value (unused). */
    double (*payoff)(const void *ctx, size_t t, const int *cnt, int M);
    void (*free)(void *ctx);
    int min_population;  /* the fewest individuals the payoff is defined for (a game of k parties: k) */
    const char *what;    /* what the payoffs are, for the errors ("an N-party game of 5 parties") */
} pl_moran_source;

/* A population of n types named names[] (copied) whose payoffs come from src; the population owns
 * src->ctx from then on (freed with src->free, also on failure).  mean[i * n + j] (n * n, copied)
 * is what pl_moran_payoff reports: the payoff of one i among j's; minpay the smallest payoff the
 * source gives (the fitness check).  Graphs are refused by the runs: meetings are the source's. */
int pl_moran_create_source(pl_moran **out, const char *const *names, size_t n, const double *mean, double minpay,
                           const pl_moran_source *src, pl_error *err);

#endif
