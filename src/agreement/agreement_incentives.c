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
 * piece the deviation check, the fit's predictive check and the sensitivity analyses share. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement_behaviour.h"

void pl_ag_tally_runs(const pl_ag_compiled *c, uint64_t seed, uint64_t first, uint64_t n, pl_ag_tally *t)
{
    memset(t, 0, sizeof *t);
    pl_ag_draws d;
    pl_ag_outcome o;
    for (uint64_t i = first; i < first + n; i++) {
        pl_ag_draw(c, seed, i, &d);
        pl_ag_run(c, &d, &o, NULL);
        t->runs++;
        if (o.complete_t >= 0) t->completed++;
        if (o.holds_end) t->held++;
        for (pl_bits b = o.ever_done; b; b &= b - 1) t->step_done[__builtin_ctzll(b)]++;
        for (int p = 0; p < c->n_parties; p++) t->pay_sum[p] += o.pay[p], t->pay_sq[p] += o.pay[p] * o.pay[p];
    }
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

void pl_ag_incentive_row_fill(const pl_agreement *a, const pl_ag_compiled *c, const double *expected, uint64_t runs,
                              uint64_t seed, double tolerance, pl_ag_compiled *scratch, pl_ag_incentive_row *row)
{
    const int P = a->n_parties;
    as_written(a, c, row->as_written);
    pl_ag_tally base;
    pl_ag_tally_runs(c, seed, 0, runs, &base);
    row->self_enforcing = 1;
    row->everyone_joins = 1;
    for (int p = 0; p < P; p++) {
        row->no_agreement[p] = a->behaviour.status_quo[p] * a->horizon;
        row->expected[p] = expected[p];
        row->joins[p] = row->expected[p] >= row->no_agreement[p] && row->as_written[p] >= row->no_agreement[p];
        if (!row->joins[p]) row->everyone_joins = 0;
        double b = base.pay_sum[p] / (double)base.runs;
        row->best_type[p] = -1;
        row->best_gain[p] = 0;
        for (int k = 0; k < c->n_opt[p]; k++) {
            *scratch = *c;
            scratch->forced_type[p] = k + 1;
            pl_ag_tally t;
            pl_ag_tally_runs(scratch, seed, 0, runs, &t);
            double g = t.pay_sum[p] / (double)t.runs - b;
            row->gain[p][k] = g;
            row->type_complete[p][k] = (double)t.completed / (double)t.runs;
            if (g > row->best_gain[p]) row->best_gain[p] = g, row->best_type[p] = k;
        }
        if (row->best_gain[p] > tolerance) row->self_enforcing = 0;
    }
}

int pl_ag_incentives_compute(const pl_agreement *a, const pl_agreement_result *r, uint64_t runs, uint64_t seed,
                             pl_ag_incentives **out, pl_error *err)
{
    *out = NULL;
    pl_ag_incentives *inc = pl_calloc(1, sizeof *inc);
    pl_ag_compiled *c = pl_malloc(sizeof *c), *cf = pl_malloc(sizeof *cf);
    if (!inc || !c || !cf) {
        pl_free(inc), pl_free(c), pl_free(cf);
        return pl_error_set(err, PL_ENOMEM, "out of memory for the incentive checks");
    }
    inc->runs = runs;
    inc->n_variants = r->n_variants;
    inc->tolerance = a->behaviour.tolerance;
    for (int v = 0; v < r->n_variants; v++) {
        pl_ag_compile(a, a->n_variants > 0 ? v : -1, c);
        double expected[PL_AG_MAX_PARTIES];
        for (int p = 0; p < a->n_parties; p++) expected[p] = r->stats[v].pay_sum[p] / (double)r->stats[v].runs;
        pl_ag_incentive_row_fill(a, c, expected, runs, seed, inc->tolerance, cf, &inc->v[v]);
    }
    pl_free(c), pl_free(cf);
    *out = inc;
    return PL_OK;
}
