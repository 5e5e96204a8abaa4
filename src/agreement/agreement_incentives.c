// SPDX-License-Identifier: MIT
/* agreement_incentives.c — does each party gain by joining a design, and by leaving it?
 *
 * Three checks per variant, under the scenario's stated assumptions:
 *   - as written: each party's payoff if every step were done at the earliest its `requires`
 *     allow and kept to the horizon (no behaviour, no chance) — the agreement's own arithmetic;
 *   - participation: each party's expected payoff under the design (the simulation's mean)
 *     against its payoff with no agreement (`status_quo` per period over the horizon, 0 by
 *     default).  A party below it gains nothing by joining: it would not sign, and the model
 *     says so rather than run it as if it had;
 *   - deviation: for each party and each of its types, its expected payoff if it were that
 *     type while the others keep their priors (and the others still believe the prior of it),
 *     on common random numbers, against its payoff under the prior.  A design where no party
 *     gains more than `tolerance` by being another type is self-enforcing.
 * pl_ag_tally (runs of one compiled variant from a seed, one thread, allocation-free) is the
 * piece the deviation check, the fit's predictive check and the sensitivity analyses share.
 * The checks of every variant run on the worker pool, one check an item, and are shared among
 * MPI processes the same way; each check's sums are those of one thread's runs in order, so the
 * rows are the same bytes whatever the threads and processes. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "agreement/agreement_behaviour.h"

/* Runs played a stretch at a time in the order of their types (pl_ag_order_by_types), their payoffs kept and
 * added up in the order of the runs after, so the sums are a plain loop's (without the memory for that, a
 * stretch is one run). */
#define TALLY_STRETCH 2048
void pl_ag_tally_runs(const pl_ag_compiled *c, uint64_t seed, uint64_t first, uint64_t n, pl_ag_tally *t)
{
    memset(t, 0, sizeof *t);
    pl_ag_draws d;
    pl_ag_outcome o;
    const int P = c->n_parties;
    pl_ag_run_order *ord = pl_malloc(sizeof *ord);
    double one[1][PL_AG_MAX_PARTIES], (*pay)[PL_AG_MAX_PARTIES] = pl_malloc(TALLY_STRETCH * sizeof *pay);
    if (!ord || !pay) pl_free(ord), pl_free(pay), ord = NULL, pay = one;
    const uint64_t stretch = ord ? TALLY_STRETCH : 1;
    for (uint64_t at = first; at < first + n; at += stretch) {
        const int m = (int)(first + n - at < stretch ? first + n - at : stretch);
        if (ord) pl_ag_order_by_types(c, seed, at, m, ord);
        for (int i = 0; i < m; i++) {
            const int r = ord ? ord->run[i] : i;
            pl_ag_draw(c, seed, at + (uint64_t)r, &d);
            pl_ag_run(c, &d, &o, NULL);
            t->runs++;
            if (o.complete_t >= 0) t->completed++;
            if (o.holds_end) t->held++;
            for (pl_bits b = o.ever_done; b; b &= b - 1) t->step_done[__builtin_ctzll(b)]++;
            memcpy(pay[r], o.pay, (size_t)P * sizeof o.pay[0]);
        }
        for (int r = 0; r < m; r++)
            for (int p = 0; p < P; p++) t->pay_sum[p] += pay[r][p], t->pay_sq[p] += pay[r][p] * pay[r][p];
    }
    pl_free(ord);
    if (pay != one) pl_free(pay);
}

/* Earliest completion of every step when everything is done as soon as it may be. */
static void as_written(const pl_agreement *a, const pl_ag_compiled *c, double *pay)
{
    int done_at[PL_AG_MAX_STEPS];
    for (int s = 0; s < c->n_steps; s++) done_at[s] = -2;
    for (int round = 0; round < c->n_steps + 1; round++)
        for (int s = 0; s < c->n_steps; s++) {
            if (done_at[s] != -2) continue;
            int start = c->not_before[s], ok = 1;
            for (pl_bits b = c->req[s]; b; b &= b - 1) {
                int r = __builtin_ctzll(b);
                if (done_at[r] == -2) ok = 0;
                else if (done_at[r] + 1 + c->v_delay[r] > start) start = done_at[r] + 1 + c->v_delay[r];
            }
            if (ok) done_at[s] = start + c->duration[s] - 1;
        }
    for (int p = 0; p < c->n_parties; p++) pay[p] = 0;
    for (int s = 0; s < c->n_steps; s++) {
        if (done_at[s] < 0 || done_at[s] >= c->horizon) continue;
        pay[c->actor[s]] -= c->cost[s];
        for (int p = 0; p < c->n_parties; p++) pay[p] += c->value_to[s][p] + c->flow_to[s][p] * (c->horizon - done_at[s]);
    }
    (void)a;
}

/* ---- one variant's row: a tally for the prior, one for every (party, type) ------- */

/* What the row needs of a tally: runs, completions and every party's payoff sum. */
typedef struct check_sums {
    uint64_t runs, completed;
    double pay_sum[PL_AG_MAX_PARTIES];
} check_sums;

/* Checks of a compiled variant: 0 the prior, then every party's every type, party by party. */
static int n_checks(const pl_ag_compiled *c)
{
    int n = 1;
    for (int p = 0; p < c->n_parties; p++) n += c->n_opt[p];
    return n;
}

/* Runs check j of variant c (runs 0..runs-1 of seed) into *out; scratch is overwritten. */
static void run_check(const pl_ag_compiled *c, int j, uint64_t runs, uint64_t seed, pl_ag_compiled *scratch,
                      check_sums *out)
{
    const pl_ag_compiled *run = c;
    if (j > 0) {
        int p = 0, k = j - 1;
        while (k >= c->n_opt[p]) k -= c->n_opt[p++];
        *scratch = *c;
        scratch->forced_type[p] = k + 1;
        run = scratch;
    }
    pl_ag_tally t;
    pl_ag_tally_runs(run, seed, 0, runs, &t);
    out->runs = t.runs, out->completed = t.completed;
    memcpy(out->pay_sum, t.pay_sum, sizeof out->pay_sum);
}

/* The row from its checks' sums (check[0] the prior's, then as run_check numbers them). */
static void row_finish(const pl_agreement *a, const pl_ag_compiled *c, const double *expected, double tolerance,
                       const check_sums *check, pl_ag_incentive_row *row)
{
    const int P = a->n_parties;
    as_written(a, c, row->as_written);
    row->self_enforcing = 1;
    row->everyone_joins = 1;
    const check_sums *at = check + 1;
    for (int p = 0; p < P; p++) {
        row->no_agreement[p] = a->behaviour.status_quo[p] * a->horizon;
        row->expected[p] = expected[p];
        row->joins[p] = row->expected[p] >= row->no_agreement[p] && row->as_written[p] >= row->no_agreement[p];
        if (!row->joins[p]) row->everyone_joins = 0;
        double b = check[0].pay_sum[p] / (double)check[0].runs;
        row->best_type[p] = -1;
        row->best_gain[p] = 0;
        for (int k = 0; k < c->n_opt[p]; k++, at++) {
            double g = at->pay_sum[p] / (double)at->runs - b;
            row->gain[p][k] = g;
            row->type_complete[p][k] = (double)at->completed / (double)at->runs;
            if (g > row->best_gain[p]) row->best_gain[p] = g, row->best_type[p] = k;
        }
        if (row->best_gain[p] > tolerance) row->self_enforcing = 0;
    }
}

void pl_ag_incentive_row_fill(const pl_agreement *a, const pl_ag_compiled *c, const double *expected, uint64_t runs,
                              uint64_t seed, double tolerance, pl_ag_compiled *scratch, pl_ag_incentive_row *row)
{
    check_sums check[1 + PL_AG_MAX_PARTIES * PL_AG_MAX_OPTIONS];
    const int n = n_checks(c);
    for (int j = 0; j < n; j++) run_check(c, j, runs, seed, scratch, &check[j]);
    row_finish(a, c, expected, tolerance, check, row);
}

/* ---- every variant's checks on the worker pool -------------------------------------- */

/* One item a check (the prior's or a type's, `runs` runs), in variant order; its sums travel in
 * the item's slot, so the checks are shared among processes (parley/distribute.h) as among
 * threads, and every process folds all of them. */
typedef struct checks_job {
    const pl_ag_compiled *c; /* every variant, compiled */
    int n_variants;
    int first[PL_AG_MAX_VARIANTS + 1]; /* item of each variant's check 0 */
    uint64_t runs, seed;
    check_sums *sums;        /* every item's, written by the fold */
} checks_job;

static int scratch_open(void *ctx, void **state, pl_error *err)
{
    (void)ctx;
    if (!(*state = pl_malloc(sizeof(pl_ag_compiled)))) return pl_error_set(err, PL_ENOMEM, "out of memory for the incentive checks");
    return PL_OK;
}

static void scratch_close(void *ctx, void *state)
{
    (void)ctx;
    pl_free(state);
}

static int checks_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)err, (void)hi;
    const checks_job *j = ctx;
    int v = 0;
    while (j->first[v + 1] <= (int)lo) v++;
    run_check(&j->c[v], (int)lo - j->first[v], j->runs, j->seed, state, slot);
    return PL_OK;
}

static void checks_fold(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    (void)hi;
    checks_job *j = ctx;
    memcpy(&j->sums[lo], slot, sizeof(check_sums));
}

int pl_ag_incentives_compute(const pl_agreement *a, const pl_agreement_result *r, uint64_t runs, uint64_t seed,
                             int threads, pl_ag_incentives **out, pl_error *err)
{
    *out = NULL;
    const int V = r->n_variants;
    pl_ag_incentives *inc = pl_calloc(1, sizeof *inc);
    pl_ag_compiled *c = pl_malloc(sizeof *c * (size_t)(V > 0 ? V : 1));
    check_sums *sums = pl_malloc(sizeof *sums * (size_t)(V > 0 ? V : 1) * (1 + PL_AG_MAX_PARTIES * PL_AG_MAX_OPTIONS));
    if (!inc || !c || !sums) {
        pl_free(inc), pl_free(c), pl_free(sums);
        return pl_error_set(err, PL_ENOMEM, "out of memory for the incentive checks");
    }
    inc->runs = runs;
    inc->n_variants = V;
    inc->tolerance = a->behaviour.tolerance;
    checks_job j = {.c = c, .n_variants = V, .runs = runs, .seed = seed, .sums = sums};
    for (int v = 0; v < V; v++) {
        pl_ag_compile(a, a->n_variants > 0 ? v : -1, &c[v]);
        /* the opening its runs share (out of memory, each run opens on its own: the same runs); a check
         * forcing a party's type runs on a copy sharing it, whose runs take that type's plans from it */
        (void)pl_ag_opening_make(&c[v]);
        j.first[v + 1] = j.first[v] + n_checks(&c[v]);
    }
    pl_parallel job = {.items = (uint64_t)j.first[V], .block_items = 1, .threads = threads < 1 ? 1 : threads,
                       .slot_size = sizeof(check_sums), .ctx = &j, .worker_open = scratch_open,
                       .worker_close = scratch_close, .run = checks_run, .fold = checks_fold, .distributable = 1};
    int rc = pl_parallel_run(&job, err);
    for (int v = 0; v < V && !rc; v++) {
        double expected[PL_AG_MAX_PARTIES];
        for (int p = 0; p < a->n_parties; p++) expected[p] = r->stats[v].pay_sum[p] / (double)r->stats[v].runs;
        row_finish(a, &c[v], expected, inc->tolerance, &sums[j.first[v]], &inc->v[v]);
    }
    for (int v = 0; v < V; v++) pl_ag_opening_drop(&c[v]);
    pl_free(c), pl_free(sums);
    if (rc) {
        pl_free(inc);
        return rc;
    }
    *out = inc;
    return PL_OK;
}
