/* SPDX-License-Identifier: MIT */
/* parley/population.h — evolving populations of two-party strategies: the Moran process, and
 * replicator dynamics (the infinite-population limit).
 *
 * A population of N individuals, each of one of n types (a strategy of the registry, or a
 * row of a payoff matrix).  Each generation every individual meets every other one; its
 * fitness is 1 - w + w * (its mean payoff per turn over those meetings), w the intensity of
 * selection (w = 1: fitness is the mean payoff, the reference library's rule).  Then
 *   birth-death: a parent is chosen in proportion to fitness, its offspring replaces an
 *                individual chosen uniformly among all N (the parent too);
 *   death-birth: an individual chosen uniformly dies; the N - 1 others meet, and a parent is
 *                chosen among them in proportion to fitness.
 * The offspring is of its parent's type, or with probability `mutation` of one of the other
 * types, uniformly.  Without mutation a run ends when one type has taken over (fixation).
 *
 * The meetings are not played every generation: the payoffs of each pair of types are
 * played once when the population is made (a deterministic pair: one match) or sampled
 * `samples` times (noise, random strategies, random lengths), and every meeting draws one
 * of those outcomes (the reference's approximate Moran process). */
#ifndef PARLEY_POPULATION_H
#define PARLEY_POPULATION_H

#include "parley/common.h"

#include <stddef.h>
#include <stdint.h>
#include "parley/error.h"
#include "parley/match.h"
#include "parley/nparty.h"
#include "parley/strategy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_moran_mode { PL_MORAN_BD = 0, PL_MORAN_DB = 1 } pl_moran_mode;

/* The most individuals a population holds (the sum of its counts), checked by the runs and by
 * `parley moran --counts`. */
#define PL_MORAN_MAX_POPULATION 100000

/* The types of a population and the cached outcomes of their meetings (opaque). */
typedef struct pl_moran pl_moran;

/* Types from strategies: plays each pair of types once if both are deterministic and the
 * match has no noise and a fixed length, else `samples` matches (1 .. 1e6) with streams
 * (cfg->seed, pair, sample).  The strategies are cloned.  Runs on `threads` workers; the
 * outcomes do not depend on it. */
PL_EXTERN int pl_moran_create(pl_moran **out, pl_strategy *const *types, size_t n, const pl_match_config *cfg,
                              int samples, int threads, pl_error *err);
/* Types from a payoff matrix: payoff[i * n + j] is what type i gets a turn against type j;
 * names[i] its name (copied). */
PL_EXTERN int pl_moran_create_matrix(pl_moran **out, const double *payoff, const char *const *names, size_t n,
                                     pl_error *err);
PL_EXTERN void pl_moran_free(pl_moran *m);
/* Types from N-party strategies in a game g of k parties (an N-party population): an individual's
 * payoff is its expected payoff a turn in a group of k, itself and k - 1 others drawn without
 * replacement from the rest of the population (hypergeometric; Hauert et al. 2007, Kurokawa &
 * Ihara 2009).  Every group of k types is played once by pl_ntournament_run (cfg: turns, noise,
 * observation noise, seed) and cached: one match when the matches are deterministic, else
 * `samples` repetitions; a type's payoff in a group is the mean over its seats.  The fitness is a
 * function of the counts, so pl_moran_deterministic is 1 and the exact fixation probability of
 * two types is that of the cached means.  Well mixed only (no graphs); a population needs at
 * least k individuals (k + 1 for death-birth); at most 1e6 groups (C(n + k - 1, k)).  The players
 * are used, not kept.  pl_moran_payoff(i, j) is the payoff of one i among k - 1 of j.  The parties
 * are taken to be alike: in a game whose parties differ (their own payoffs, a table) a type's
 * payoff in a group is the mean over the seats it holds there (the group seated lowest type first). */
PL_EXTERN int pl_moran_create_nparty(pl_moran **out, const pl_ngame *g, pl_nplayer *const *types, size_t n,
                                     const pl_nmatch_config *cfg, int samples, int threads, pl_error *err);

PL_EXTERN size_t pl_moran_types(const pl_moran *m);
PL_EXTERN const char *pl_moran_name(const pl_moran *m, size_t i);
/* The mean payoff a turn of type i against type j over the cached outcomes. */
PL_EXTERN double pl_moran_payoff(const pl_moran *m, size_t i, size_t j);
/* 1 if every pair's payoffs are one fixed outcome (then fitness is a function of the counts). */
PL_EXTERN int pl_moran_deterministic(const pl_moran *m);

/* How a payoff (the mean a turn over an individual's meetings) becomes fitness, w the intensity
 * of selection: linear 1 - w + w * payoff (w = 1: the payoff itself, the reference's rule), or
 * exponential exp(w * payoff) (Traulsen, Shoresh & Nowak 2008), positive whatever the payoffs. */
typedef enum pl_moran_fitness { PL_MORAN_FIT_LINEAR = 0, PL_MORAN_FIT_EXP = 1 } pl_moran_fitness;

/* A graph over the N individuals (vertices 0 .. vertices - 1) as an edge list: edge k joins
 * from[k] and to[k], both ways unless `directed`.  The interaction graph says who meets whom
 * (an individual's payoff is its mean over its meetings; one with none has payoff 0); the
 * reproduction graph where an offspring may go: in birth-death, the parent's offspring replaces
 * one of the parent's out-neighbours chosen uniformly; in death-birth, the dead one's place goes
 * to one of its in-neighbours (not itself) chosen in proportion to fitness.  Without a
 * reproduction graph, the interaction graph with a loop at every vertex (the reference's rule:
 * the parent may be replaced).  A run on a graph keeps individuals, not counts: individual i is
 * of the type whose counts cover i (counts 2,3: individuals 0-1 of type 0, 2-4 of type 1). */
typedef struct pl_moran_graph {
    int vertices;
    int directed;
    size_t edges;
    const int *from, *to;
} pl_moran_graph;

typedef struct pl_moran_config {
    pl_moran_mode mode;
    double mutation;          /* probability an offspring takes another type; 0: runs end at fixation */
    /* NULL, or n * n: mutation_matrix[i * n + j] the probability an offspring of a type-i parent
     * is of type j (rows sum to 1); replaces `mutation` (which must then be 0).  Per-type rates
     * are the matrix with 1 - rate_i on the diagonal and rate_i / (n - 1) elsewhere. */
    const double *mutation_matrix;
    pl_moran_fitness fitness; /* default linear */
    double selection;         /* w in (0, 1] */
    const pl_moran_graph *interaction;  /* NULL: well mixed (everyone meets everyone) */
    const pl_moran_graph *reproduction; /* NULL: the interaction graph with loops, or well mixed */
    uint64_t max_generations; /* a run that has not fixed by then stops (counted as unfixed) */
    uint64_t runs;            /* independent runs for a fixation estimate */
    uint64_t seed;            /* run r draws from stream (seed, r) */
    int threads;              /* 1 .. PL_MAX_THREADS; the results do not depend on it */
    /* Progress of pl_moran_fixation_run (each may be NULL; called from the calling thread, with
     * progress_user): phase names the run as it begins ("fixation runs"), progress reports the
     * runs done of the total. */
    void (*phase)(void *user, const char *name);
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *progress_user;
} pl_moran_config;

/* mode birth-death, no mutation, w = 1, 1e7 generations at most, 1000 runs, seed 0, 1 thread. */
PL_EXTERN void pl_moran_config_default(pl_moran_config *cfg);
/* A graph by name or from a file, for N individuals: "complete", "cycle" (i joins i + 1 mod N),
 * "star" (0 joins every other), or the path of an edge list (one edge a line, two vertex
 * numbers 0 .. N - 1 apart by a comma or spaces; '#' starts a comment; "-" reads standard
 * input).  Undirected.  The edges are allocated: free with pl_moran_graph_free.  Bad input:
 * PL_EINVAL with "PATH:LINE:COL: ..." in err. */
PL_EXTERN int pl_moran_graph_make(const char *spec, int N, pl_moran_graph *g, pl_error *err);
PL_EXTERN void pl_moran_graph_free(pl_moran_graph *g);
/* A mutation matrix from a file: n lines of n probabilities (row i: the chances an offspring of
 * type i is of each type), apart by commas or spaces, '#' comments; each row must sum to 1. */
PL_EXTERN int pl_moran_matrix_read(const char *path, size_t n, double *matrix, pl_error *err);
/* The matrix of per-type mutation rates: 1 - rates[i] on the diagonal, rates[i] / (n - 1) off it. */
PL_EXTERN void pl_moran_rates_matrix(const double *rates, size_t n, double *matrix);

/* 1 if an offspring can differ from its parent under cfg (a population of n types). */
PL_EXTERN int pl_moran_mutates(const pl_moran_config *cfg, size_t n);

typedef struct pl_moran_fixation {
    size_t n;            /* types */
    uint64_t runs;
    uint64_t *fixed;     /* [n] runs that ended with every individual of type i */
    uint64_t unfixed;    /* runs stopped at max_generations */
    double *p, *lo, *hi; /* [n] fixed[i] / runs and its 95% Wilson interval */
    double *exact;       /* [n] the exact fixation probability, NAN where there is none */
    double mean_generations; /* over the runs that fixed (NAN if none) */
} pl_moran_fixation;

/* Estimates the probability that each type takes over a population starting with counts[i]
 * individuals of type i (sum N >= 2; N >= 3 for death-birth), over cfg->runs runs in
 * parallel.  Needs mutation 0.  Fills the exact value where two types are present and every
 * pair is deterministic (pl_moran_exact). */
PL_EXTERN int pl_moran_fixation_run(const pl_moran *m, const int *counts, const pl_moran_config *cfg,
                                    pl_moran_fixation **out, pl_error *err);
PL_EXTERN void pl_moran_fixation_free(pl_moran_fixation *f);

/* The exact probability that type a takes over from i individuals of a among N - i of b
 * (no mutation, deterministic pairs): the birth-death chain's absorption probability
 * (1 + sum_{k<i} prod_{j<=k} g_j) / (1 + sum_{k<N} prod_{j<=k} g_j), g_j = T-(j) / T+(j)
 * (Nowak, Sasaki, Taylor & Fudenberg 2004; Nowak 2006, ch. 6).  PL_EINVAL when it does not
 * exist (a stochastic pair, a state where neither type can change). */
PL_EXTERN int pl_moran_exact(const pl_moran *m, size_t a, size_t b, int i, int N, pl_moran_mode mode,
                             double selection, double *out, pl_error *err);
/* The same under cfg's mode, fitness mapping and selection (well mixed; no mutation). */
PL_EXTERN int pl_moran_exact_config(const pl_moran *m, size_t a, size_t b, int i, int N, const pl_moran_config *cfg,
                                    double *out, pl_error *err);

/* Invasion in an infinite population, from the payoffs a turn (the conditions of an evolutionarily
 * stable strategy, Maynard Smith & Price 1973): 1 if a few of `invader` grow among `resident`,
 * that is A[invader][resident] > A[resident][resident], or equal and A[invader][invader] >
 * A[resident][invader]; 0 otherwise (and for invader == resident). */
PL_EXTERN int pl_moran_invades(const pl_moran *m, size_t resident, size_t invader);

/* One run from counts, recording the counts of every type after each generation:
 * (*out)[g * n + t] for g = 0 (the start) .. *generations, which is at most
 * cfg->max_generations (a run without mutation stops at fixation).  Run index: 0.  Free *out
 * with free(). */
PL_EXTERN int pl_moran_trajectory(const pl_moran *m, const int *counts, const pl_moran_config *cfg, int **out,
                                  uint64_t *generations, pl_error *err);

/* The abundance of each type under mutation: cfg->runs runs of cfg->max_generations
 * generations (at most 1e8) from counts, each type's share averaged over the generations 0 .. G
 * of a run, then over the runs; lo and hi the 95% interval of that mean over runs (normal,
 * clipped to [0, 1]).  Needs mutation (pl_moran_mutates).  Run r from stream (seed, r), summed in
 * run order: the same values at any thread count. */
typedef struct pl_moran_abundance {
    size_t n;
    uint64_t runs, generations;
    double *mean, *lo, *hi; /* [n] */
} pl_moran_abundance;
PL_EXTERN int pl_moran_abundance_run(const pl_moran *m, const int *counts, const pl_moran_config *cfg,
                                     pl_moran_abundance **out, pl_error *err);
PL_EXTERN void pl_moran_abundance_free(pl_moran_abundance *a);

/* ---- replicator dynamics ----------------------------------------------------------------
 * The infinite-population limit: dx_i/dt = x_i ((A x)_i - x . A x) (Taylor & Jonker 1978),
 * or with mutation mu > 0 the replicator–mutator equation dx_i/dt = sum_j x_j (A x)_j Q_ji -
 * (x . A x) x_i, Q_jj = 1 - mu, Q_ji = mu / (n - 1) (Page & Nowak 2002; payoffs >= 0).
 * payoff[i * n + j] is what type i gets against j (pl_moran_payoff gives a population's);
 * x0 the starting shares (normalised to sum 1).  Integrated by fourth-order Runge–Kutta with
 * step dt in (0, 1]: out[s * n + i] is the share of type i after s steps, s = 0 .. steps
 * ((steps + 1) * n values, the caller's). */
PL_EXTERN int pl_replicator_run(const double *payoff, size_t n, const double *x0, double mutation, double dt,
                                uint64_t steps, double *out, pl_error *err);

/* The replicator–mutator equation with any mutation matrix: Q[j * n + i] is the chance that an
 * offspring of type j is of type i (each row sums to 1, as pl_moran_config.mutation_matrix;
 * pl_moran_rates_matrix makes it from per-type rates).  Otherwise as pl_replicator_run (payoffs
 * >= 0). */
PL_EXTERN int pl_replicator_mutator_run(const double *payoff, size_t n, const double *x0, const double *Q, double dt,
                                        uint64_t steps, double *out, pl_error *err);

/* ---- ecological dynamics (the reference's Ecosystem) --------------------------------------
 * Shares of an infinite population over a tournament's payoff matrix, in discrete steps: each
 * step every type's payoff is sum_j P_ij x_j, where P_ij is drawn from a normal distribution
 * with the tournament's mean payoff a turn of i against j and its standard deviation over the
 * repetitions (stddev NULL or 0: the mean itself), and the new shares are x_i * payoff_i,
 * normalised to sum 1 (Axelrod-Python's Ecosystem.reproduce, fitness the payoff itself).
 * payoff[i * n + j], stddev likewise; x0 the starting shares (normalised; >= 0).  out[s * n + i]
 * is the share of type i after s steps, s = 0 .. steps ((steps + 1) * n values, the caller's).
 * Draws come from stream (seed, step): the same seed gives the same shares.  PL_EINVAL when the
 * payoffs make the shares' total 0 or negative (a game with negative payoffs). */
PL_EXTERN int pl_ecosystem_run(const double *payoff, const double *stddev, size_t n, const double *x0, uint64_t steps,
                               uint64_t seed, double *out, pl_error *err);

/* An ecosystem's results for the files: n types named names[], the payoffs and their deviations
 * (n * n, row against column), shares[(steps + 1) * n], and what made them. */
typedef struct pl_ecosystem_result {
    size_t n;
    const char *const *names;
    const double *payoff, *stddev, *shares;
    uint64_t steps, seed;
    int turns, repetitions;
    double noise;
    const char *game_text;
} pl_ecosystem_result;

/* Writes into dir: shares.csv (step and the share of each type), payoffs.csv (mean payoff a
 * turn), results.json, and report.html (the shares over time as a stacked area chart). */
PL_EXTERN int pl_ecosystem_write(const pl_ecosystem_result *r, const char *dir, pl_error *err);

/* ---- fingerprints ---------------------------------------------------------------------------
 * Ashlock's fingerprint of a strategy (Ashlock & Kim 2008; the reference's AshlockFingerprint
 * with its default probe, tit for tat): its mean score a turn against the Joss-Ann probe at every
 * point (x, y) of a grid over the unit square.  The probe cooperates with probability x, defects
 * with probability y and otherwise plays tit for tat (x + y < 1); past the diagonal it is the dual
 * (the opposite move to the same history) of the probe at (1 - x, 1 - y): it defects with
 * probability 1 - x, cooperates with probability 1 - y and otherwise plays the opposite of tit for
 * tat.  Both are one memory-one strategy: cooperate after the opponent's C with probability 1 - y,
 * after its D with probability x, and on the first turn with 1 - y.
 * side = floor(1 / step) + 1 points a side, x = i / (side - 1); out[j * side + i] the mean over
 * `repetitions` matches (cfg's turns, noise, game; match (point, repetition) from stream
 * (cfg->seed, point, repetition)) at x_i, y_j.  *out is allocated (free()); the same seed gives
 * the same values at any thread count. */
PL_EXTERN int pl_fingerprint_ashlock(const pl_strategy *s, const pl_match_config *cfg, double step, int repetitions,
                                     int threads, double **out, size_t *side, pl_error *err);

/* Writes a fingerprint into dir: fingerprint.csv (x, y, score), results.json and report.html
 * (a heat map, y growing upwards as in the reference's plot). */
PL_EXTERN int pl_fingerprint_write(const char *strategy, const pl_match_config *cfg, double step, int repetitions,
                                   const double *grid, size_t side, const char *dir, pl_error *err);

/* The transitive fingerprint (the reference's TransitiveFingerprint): the strategy's cooperation
 * rate at each turn against each of n_opponents opponents (the reference's default: 50 Random
 * players, p = 0, 1/49, ..., 1), over `repetitions` matches of cfg's fixed number of turns (no
 * probabilistic end).  out[o * turns + t] is the share of the repetitions in which s cooperated at
 * turn t + 1 against opponents[o] (its move as played, after noise, as the reference records it);
 * match (o, repetition) from stream (cfg->seed, o, repetition).  *out is allocated (free()); the
 * same seed gives the same values at any thread count. */
PL_EXTERN int pl_fingerprint_transitive(const pl_strategy *s, pl_strategy *const *opponents, size_t n_opponents,
                                        const pl_match_config *cfg, int repetitions, int threads, double **out,
                                        pl_error *err);

/* Writes a transitive fingerprint into dir: transitive.csv (opponent_index, turn, cooperation,
 * opponent), results.json and report.html (a heat map, one row an opponent, one column a turn). */
PL_EXTERN int pl_fingerprint_transitive_write(const char *strategy, const char *const *opponents, size_t n_opponents,
                                              const pl_match_config *cfg, int repetitions, const double *rates,
                                              const char *dir, pl_error *err);

/* A grid of fixation estimates: one mutant of type `mutant` among N - 1 of `resident` for every
 * game games[g], population size sizes[i] and noise level noise[j]; cell (g, i, j) at
 * (g * nsizes + i) * nnoise + j.  ngames 0 is one game, named "3,0,5,1" when games is NULL.  With
 * mutation rates (nmutation > 0), cell (g, i, j, u) at ((g * nsizes + i) * nnoise + j) * nmutation + u. */
typedef struct pl_moran_grid {
    const char *mutant, *resident;
    size_t nsizes, nnoise;
    const int *sizes;
    const double *noise;
    const double *p, *lo, *hi, *exact, *generations; /* [nsizes * nnoise]; exact NAN where none */
    uint64_t runs, seed;
    int turns;
    double selection;
    pl_moran_mode mode;
    size_t ngames;
    const char *const *games; /* [ngames] each game's payoffs as given ("3,0,5,1") */
    /* nmutation > 0: an abundance grid over these mutation rates too (cells game, size, noise,
     * mutation, the last the fastest): p, lo, hi are the mutant type's mean share and its interval
     * (pl_moran_abundance_run), generations the length of a run, exact NAN */
    size_t nmutation;
    const double *mutation;
} pl_moran_grid;

/* Writes grid.csv (N, noise, p, lo95, hi95, exact, N_times_p, mean_generations, game: one row a
 * cell; with mutation N, noise, mutation, share, lo95, hi95, generations, game) and report.html
 * (heat maps over size and noise, and over size and game and size and mutation when they have
 * several values, and the table) into dir. */
PL_EXTERN int pl_moran_grid_write(const pl_moran_grid *g, const char *dir, pl_error *err);

/* What the result files say of how the population was made (for results.json). */
typedef struct pl_moran_meta {
    const pl_match_config *match; /* NULL for a payoff matrix */
    const char *game_text;        /* "3,0,5,1" */
    int samples;
    const int *counts;            /* [n] the starting population */
    const char *interaction_text; /* how the graphs were given (NULL: complete, and the interaction */
    const char *reproduction_text;/* graph with loops) */
    int invasion;                 /* write invasion.csv: every invader against every resident */
    const pl_nmatch_config *nmatch; /* an N-party population (pl_moran_create_nparty): its matches, */
    const char *nparty_game;        /* the game's file */
    int parties;                    /* and its number of parties */
    int directed;                 /* the graphs given were made directed (--directed) */
    const struct pl_scenario *nparty_scenario; /* NULL, or the N-party game's scenario: what --set changed
                                                * in it (pl_scenario_set) results.json records as
                                                * `overrides` and the report lists */
} pl_moran_meta;

/* Writes into dir: fixation.csv (type, start, fixed, p, lo, hi, exact) when f is given,
 * payoffs.csv (the mean payoff a turn of each type against each), shares.csv (generation and
 * the count of each type) when traj is given (gens + 1 rows of n counts), results.json
 * with all of it and the parameters, and report.html (a table and charts).  Nothing in them
 * depends on the thread count. */
PL_EXTERN int pl_moran_write(const pl_moran *m, const pl_moran_config *cfg, const pl_moran_meta *meta,
                             const pl_moran_fixation *f, const int *traj, uint64_t gens, const char *dir,
                             pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
