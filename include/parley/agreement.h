/* parley/agreement.h — phased agreements: "commitment for commitment, action for action".
 *
 * An agreement is a set of steps, each a commitment of one party, conditioned on
 * other steps being verified complete (`requires`).  Each party follows a policy
 * (reciprocal, unconditional, all_first, grit, grim, opportunist, hold), drawn
 * per run from a probability distribution.  The simulator runs the agreement many
 * times, every variant of its sequencing on the same random streams, and reports
 * completion, time to completion, breakdown and payoffs; the replay runs a dated
 * record of what happened through the agreement and gives the compliance ledger.
 *
 * Objects: pl_agreement (a validated model, from a scenario file),
 * pl_agreement_result (simulation), pl_agreement_ledger (replay); each has one
 * create and one free.  Errors come back as values; nothing here prints. */
#ifndef PARLEY_AGREEMENT_H
#define PARLEY_AGREEMENT_H

#include <stdint.h>
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_agreement pl_agreement;
typedef struct pl_agreement_result pl_agreement_result;
typedef struct pl_agreement_ledger pl_agreement_ledger;

/* Loads and validates an agreement scenario (YAML, `kind: agreement`).  Every
 * problem is reported as "file:line:col: what was expected" with PL_EINVAL. */
int pl_agreement_load(pl_agreement **out, const char *path, pl_error *err);
void pl_agreement_free(pl_agreement *a);

int pl_agreement_n_parties(const pl_agreement *a);
int pl_agreement_n_steps(const pl_agreement *a);
int pl_agreement_n_variants(const pl_agreement *a);
const char *pl_agreement_party_id(const pl_agreement *a, int i);
const char *pl_agreement_step_id(const pl_agreement *a, int i);
const char *pl_agreement_variant_id(const pl_agreement *a, int i);
/* Index of a step, party or variant by id, or -1. */
int pl_agreement_find_step(const pl_agreement *a, const char *id);
int pl_agreement_find_party(const pl_agreement *a, const char *id);
int pl_agreement_find_variant(const pl_agreement *a, const char *id);
/* 1 if the scenario carries a dated record to replay. */
int pl_agreement_has_record(const pl_agreement *a);

typedef struct pl_agreement_sim_config {
    uint64_t runs;
    uint64_t seed;
    int threads;                /* >= 1; results do not depend on it */
    void (*progress)(void *user, uint64_t done, uint64_t total); /* may be NULL; called from workers */
    void *progress_user;
} pl_agreement_sim_config;

/* Runs every variant `runs` times on common random numbers: run i of every
 * variant draws from the stream (seed, i). */
int pl_agreement_simulate(const pl_agreement *a, const pl_agreement_sim_config *cfg, pl_agreement_result **out,
                          pl_error *err);
void pl_agreement_result_free(pl_agreement_result *r);

typedef struct pl_interval {
    double est, lo, hi;         /* estimate and 95% interval */
} pl_interval;

/* Probability that the whole agreement completes under variant v (Wilson interval). */
pl_interval pl_agreement_result_p_complete(const pl_agreement_result *r, int v);
/* Probability that step s completes at least once under variant v. */
pl_interval pl_agreement_result_p_step(const pl_agreement_result *r, int v, int s);
/* Mean payoff of party p under variant v (normal interval of the mean). */
pl_interval pl_agreement_result_payoff(const pl_agreement_result *r, int v, int p);
/* Mean time to completion in periods among completed runs (NAN if none completed). */
double pl_agreement_result_mean_time(const pl_agreement_result *r, int v);

/* Replays the scenario's record through its agreement. */
int pl_agreement_replay(const pl_agreement *a, pl_agreement_ledger **out, pl_error *err);
void pl_agreement_ledger_free(pl_agreement_ledger *l);
/* Period of a step's first completion on the record, or -1. */
int pl_agreement_ledger_completed(const pl_agreement_ledger *l, int s);
/* Quantity of step s delivered by the end of the record. */
double pl_agreement_ledger_delivered(const pl_agreement_ledger *l, int s);

#ifdef __cplusplus
}
#endif
#endif
