// SPDX-License-Identifier: MIT
/* agreement_fit.c — which behaviour the dated record supports: likelihood, posterior, fit, check.
 *
 * The record is turned into a path: for each period, what each step was at the opening
 * (started, done, verified, reversed — as the record dates them) and the moves made in it
 * (starts, restorations, withdrawals).  Where the record is silent the path fills in the
 * least it must: a step recorded completed but never started is taken to have started its
 * duration earlier; one completed but never verified, verified as its verifier's delay
 * allows (the period after, for a step nobody verifies); a restored step completes again
 * after its duration.  A withdrawal in the period of a shock that forces that step back is
 * the shock's, not a choice.
 *
 * The likelihood of the path under a behaviour (choice, rationality lambda, tremble eps,
 * patience, discount delta) and a type profile is the product, over the periods of the
 * record and the recorded steps, of the probability of each recorded decision — to start
 * or not, to keep or withdraw — from the very plan the simulator draws from
 * (pl_ag_plan_choice).  Steps the record never mentions are left out of the product
 * (their decisions summed out, never taken as "not done"); a recorded move the model
 * would not consider (a step started before it is due) is a tremble, probability eps.
 * Every party decides on the public state and the public beliefs, both fixed by the
 * record, and on its own type: so the likelihood factorises by party, and the posterior
 * over type profiles is the product of each party's posterior.  That is exact
 * enumeration at the cost of a sum over each party's types (six-party: 128 profiles
 * from 14 evaluations per grid point).  The behaviour parameters are fitted by exhaustive
 * search over a grid (maximum of the likelihood summed over types, i.e. the marginal
 * likelihood under the prior), whose best point is then refined by golden-section searches
 * (fit_refine); the posterior over types is reported at the refined maximum and averaged
 * over the grid under a flat prior on its points.
 *
 * A secret withdrawal found out (a `detected` event on a `covert:` step) is made at a period the
 * record does not give: the step is forced back at the finding (as the simulator's detection
 * does), and its actor's factor for each type sums over the period tau of the withdrawal, from
 * the first period the step is in force on the path to the one before the finding:
 *   sum_tau [prod_{t < tau} keep(t)] (1 - keep(tau)) (1 - d)^(finding - tau - 1) d,
 * keep(t) its chance of keeping the step at t, d the verifier's chance a period of finding out;
 * the keep terms of those periods are replaced by this sum.  The beliefs learn from the finding
 * by the types whose rule would withdraw the step on the state of the finding (the withdrawal's
 * own period being unknown).  A step the record finds withdrawn but never shows started is
 * taken to start the first period it is due on the path (what it requires verified), as a
 * recorded start, and to complete after its duration.  A step the record first shows delivering
 * (a `delivered` event, no start before it) was under way by then, its start not dated: it is
 * taken to start the first period it is due (at that delivery at the latest), as a recorded start,
 * and to complete only where the record says so.  (Until 2026-12-03 it started at that delivery,
 * which charged its actor with every period before as a choice not to start.)
 *
 * The posterior-predictive check simulates the record's variant with the fitted
 * parameters and the posterior types, and counts how often each recorded completion and
 * withdrawal recurs within +/- window periods of its date. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_fit.h"

/* ---- the path ------------------------------------------------------------- */

typedef struct fit_path {
    int T;                                /* periods 0..T-1 */
    pl_bits recorded;                     /* steps the record mentions */
    pl_bits *start, *reverse, *forced;    /* per period: moves; withdrawals forced by a shock */
    pl_bits *complete, *verify;           /* per period: completions (end of period), verifications (opening) */
    pl_bits *shocks;                      /* per period: the shocks recorded (their flows and readings apply) */
    pl_bits *detect;                      /* per period: secret withdrawals found out (at the opening) */
    pl_bits unstarted;                    /* steps found out withdrawn that the record never shows started */
    pl_bits undated;                      /* steps first seen delivering: started, the record does not say when */
    int undated_by[PL_AG_MAX_STEPS];      /* ... the period of that first delivery (started by then) */
} fit_path;

static void path_free(fit_path *p)
{
    pl_free(p->start), pl_free(p->reverse), pl_free(p->forced), pl_free(p->complete), pl_free(p->verify);
    pl_free(p->shocks), pl_free(p->detect);
}

static int build_path(const pl_agreement *a, const pl_ag_compiled *c, fit_path *p, pl_error *err)
{
    memset(p, 0, sizeof *p);
    int T = 0;
    for (int i = 0; i < a->n_events; i++)
        if (a->event[i].period + 1 > T) T = a->event[i].period + 1;
    if (T > a->horizon) T = a->horizon;
    p->T = T;
    size_t n = (size_t)(T + PL_AG_MAX_HORIZON / 8 + 64);
    p->start = pl_calloc(n, sizeof(pl_bits)), p->reverse = pl_calloc(n, sizeof(pl_bits));
    p->forced = pl_calloc(n, sizeof(pl_bits)), p->complete = pl_calloc(n, sizeof(pl_bits));
    p->verify = pl_calloc(n, sizeof(pl_bits)), p->shocks = pl_calloc(n, sizeof(pl_bits));
    p->detect = pl_calloc(n, sizeof(pl_bits));
    if (!p->start || !p->reverse || !p->forced || !p->complete || !p->verify || !p->shocks || !p->detect) {
        path_free(p);
        return pl_error_set(err, PL_ENOMEM, "out of memory for the record's path");
    }
    for (int s = 0; s < a->n_steps; s++) {
        pl_bits bit = PL_BIT(s);
        int started = -1, last_start = -1, has_ver = 0;
        for (int i = 0; i < a->n_events; i++) {
            const pl_ag_event *e = &a->event[i];
            if (e->step != s) continue;
            p->recorded |= bit;
            if (e->period >= T) continue;
            switch (e->kind) {
            case PL_EV_DELIVERED:
                /* the first: under way by then, its start not dated; a later one reports how much is
                 * delivered, and restarts nothing (as the replay reads it: a step withdrawn is put back
                 * by `restored`) */
                if (started < 0) p->undated |= bit, p->undated_by[s] = e->period, started = last_start = e->period;
                break;
            case PL_EV_STARTED:
                if (started < 0 || last_start < 0) p->start[e->period] |= bit, started = last_start = e->period;
                break;
            case PL_EV_COMPLETED:
                if (last_start < 0) {
                    int t0 = e->period - c->duration[s] + 1;
                    if (t0 < 0) t0 = 0;
                    p->start[t0] |= bit, started = t0;
                }
                p->complete[e->period] |= bit;
                last_start = -1;
                break;
            case PL_EV_VERIFIED: p->verify[e->period] |= bit, has_ver = 1; break;
            case PL_EV_REVERSED: {
                int forced = 0;
                for (int k = 0; k < a->n_events; k++)
                    if (a->event[k].kind == PL_EV_SHOCK && a->event[k].period == e->period &&
                        (c->shock_reverse[a->event[k].shock] & bit))
                        forced = 1;
                if (forced)
                    p->forced[e->period] |= bit;
                else
                    p->reverse[e->period] |= bit;
                last_start = -1;
                break;
            }
            case PL_EV_DETECTED:
                if (started < 0) p->unstarted |= bit;
                p->detect[e->period] |= bit;
                last_start = -1;
                break;
            case PL_EV_RESTORED: {
                p->start[e->period] |= bit, last_start = e->period;
                int done = e->period + c->duration[s] - 1;
                if (done < T) p->complete[done] |= bit;
                last_start = -1;
                break;
            }
            default: break;
            }
        }
        (void)started;
        if (!has_ver) /* verified as soon as its verifier may confirm */
            for (int t = 0; t < T; t++)
                if (p->complete[t] & bit) {
                    int tv = t + 1 + c->v_delay[s];
                    if (tv < T) p->verify[tv] |= bit;
                }
    }
    /* shocks recorded without the withdrawal recorded: the shock forces its steps back anyway */
    for (int i = 0; i < a->n_events; i++)
        if (a->event[i].kind == PL_EV_SHOCK && a->event[i].period < T) {
            p->forced[a->event[i].period] |= c->shock_reverse[a->event[i].shock];
            p->shocks[a->event[i].period] |= PL_BIT(a->event[i].shock);
        }
    return PL_OK;
}

/* ---- the likelihood along the path ---------------------------------------- */

static void set_params(pl_ag_compiled *c, const pl_agreement_fit_point *g)
{
    c->behave = 1;
    c->choice = isinf(g->rationality) ? PL_CHOICE_RULE : PL_CHOICE_LOGIT;
    c->lambda = isinf(g->rationality) ? 0 : g->rationality;
    c->eps = g->tremble;
    double eo = g->tremble > 0.001 ? g->tremble : 0.001;
    c->log_eps = log(eo), c->log_1m_eps = log1p(-eo);
    c->eps_ratio = exp(c->log_eps - c->log_1m_eps);
    pl_ag_set_discounting(c, g->discount, c->lookahead > 0 ? c->lookahead : c->horizon);
    for (int p = 0; p < c->n_parties; p++) c->patience[p] = g->patience;
    c->pub_patience = g->patience;
}

/* log L[p][k]: the record's decisions of party p under its type k. */
/* Whether step s may start at t on the path: released, and what it requires seen done (verified,
 * or done by its own actor). */
static int due_on_path(const pl_ag_compiled *c, const pl_ag_state *st, int s, int t)
{
    pl_bits seen = st->verified | (st->done & c->own[c->actor[s]]);
    return c->not_before[s] <= t && !(c->req[s] & ~seen);
}

static void path_loglik(const pl_ag_compiled *c, const fit_path *path, double ll[][PL_AG_MAX_OPTIONS])
{
    const int P = c->n_parties;
    pl_ag_state st;
    memset(&st, 0, sizeof st);
    pl_ag_time_init(c, &st);
    pl_ag_beliefs_init(c, &st);
    for (int p = 0; p < P; p++)
        for (int k = 0; k < PL_AG_MAX_OPTIONS; k++) ll[p][k] = 0;
    const double eps_floor = c->eps > 1e-9 ? c->eps : 1e-9;
    pl_bits pending = 0; /* verifications dated in the period of the completion take effect the next */
    /* secret withdrawals found out: per party, type and step, the log of the chance of keeping the
     * step so far in its window (wk) and of the sum over the withdrawal's period (wl) */
    enum { NONE = -1 };
    double wk[PL_AG_MAX_STEPS][PL_AG_MAX_OPTIONS], wl[PL_AG_MAX_STEPS][PL_AG_MAX_OPTIONS];
    int implied_done[PL_AG_MAX_STEPS], implied_ver[PL_AG_MAX_STEPS];
    for (int s = 0; s < c->n_steps; s++) {
        implied_done[s] = implied_ver[s] = NONE;
        for (int k = 0; k < PL_AG_MAX_OPTIONS; k++) wk[s][k] = 0, wl[s][k] = -INFINITY;
    }
    for (int t = 0; t < path->T; t++) {
        st.t = t;
        /* the findings: the step forced back, its actor's sum over the withdrawal's period */
        pl_bits found = path->detect[t] & st.done;
        for (pl_bits b = found; b; b &= b - 1) {
            int s = __builtin_ctzll(b), p = c->actor[s];
            uint32_t types = pl_ag_covert_types(c, &st, s);
            for (int k = 0; k < c->n_opt[p]; k++) ll[p][k] += wl[s][k] > log(1e-300) ? wl[s][k] : log(1e-300);
            st.done &= ~PL_BIT(s), st.verified &= ~PL_BIT(s), st.rev |= PL_BIT(s), st.retal &= ~PL_BIT(s);
            for (int q = 0; q < P; q++) st.disputed[q] &= ~PL_BIT(s);
            pl_ag_beliefs_reveal(c, &st, s, types, NULL);
        }
        for (pl_bits b = path->detect[t] & ~found; b; b &= b - 1) { /* never in force on the path: impossible */
            int s = __builtin_ctzll(b), p = c->actor[s];
            for (int k = 0; k < c->n_opt[p]; k++) ll[p][k] += log(1e-300);
        }
        for (int s = 0; s < c->n_steps; s++) /* a window opens where the step is in force */
            if (!(st.done & PL_BIT(s)))
                for (int k = 0; k < PL_AG_MAX_OPTIONS; k++) wk[s][k] = 0, wl[s][k] = -INFINITY;
        for (pl_bits b = path->unstarted; b; b &= b - 1) { /* verified as its verifier allows */
            int s = __builtin_ctzll(b);
            if (implied_ver[s] == t) pending |= PL_BIT(s), implied_ver[s] = NONE;
        }
        /* opening: forced withdrawals, verifications */
        for (pl_bits k = path->shocks[t]; k; k &= k - 1) { /* what the recorded shocks change, as in a run */
            int j = __builtin_ctzll(k);
            if (c->shock_n_flow[j]) st.shock_on |= 1u << j;
            for (int p = 0; p < P; p++) st.disputed[p] |= c->shock_read_breach[j][p] & (st.done | st.prog) & ~c->own[p];
        }
        pl_bits f = path->forced[t] & (st.done | st.prog);
        st.done &= ~f, st.prog &= ~f, st.verified &= ~f, st.rev |= f, st.retal &= ~f;
        for (int p = 0; p < P; p++) st.disputed[p] &= ~f;
        pending |= path->verify[t];
        st.verified |= pending & st.done;
        pending &= ~st.done;
        pl_ag_time_update(c, &st);
        pl_ag_move all = {path->start[t], path->reverse[t], 0, 0};
        /* a step found out withdrawn and never recorded started: started the first period it is due */
        for (pl_bits b = path->unstarted & ~st.started; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (!due_on_path(c, &st, s, t)) continue;
            all.start |= PL_BIT(s);
            implied_done[s] = t + c->duration[s] - 1;
        }
        /* a step first seen delivering: started the first period it is due, or at that delivery at the latest */
        for (pl_bits b = path->undated & ~st.started; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (due_on_path(c, &st, s, t) || t >= path->undated_by[s]) all.start |= PL_BIT(s);
        }
        /* the steps in a window of a secret withdrawal found out later: in force, a finding ahead */
        pl_bits window = 0;
        int found_at[PL_AG_MAX_STEPS];
        for (int s = 0; s < c->n_steps; s++) found_at[s] = NONE;
        for (pl_bits b = st.done & path->recorded; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (!(c->covert & PL_BIT(s))) continue;
            for (int u = t + 1; u < path->T && found_at[s] == NONE; u++) {
                if (path->detect[u] & PL_BIT(s)) found_at[s] = u;
                if ((path->reverse[u] | path->forced[u]) & PL_BIT(s)) break; /* withdrawn in public first */
            }
            if (found_at[s] != NONE) window |= PL_BIT(s);
        }
        for (int p = 0; p < P; p++) {
            pl_bits threat = pl_ag_threat(c, &st, p);
            if (threat) st.grim |= 1u << p;
            all.retal |= pl_ag_reciprocal_reversals(c, &st, c->own[p], threat) & path->reverse[t];
        }
        for (int p = 0; p < P; p++) {
            pl_bits mine = c->own[p] & path->recorded;
            if (!mine) continue;
            for (int k = 0; k < c->n_opt[p]; k++) {
                pl_ag_move m;
                pl_ag_plan pl;
                pl_ag_rule_as(c, &st, p, k, &m);
                pl_ag_plan_choice(c, &st, p, &m, &pl);
                double x = 0;
                for (pl_bits b = mine & (pl.cs | pl.ck | all.start | all.reverse); b; b &= b - 1) {
                    int s = __builtin_ctzll(b);
                    pl_bits bit = PL_BIT(s);
                    int started = (all.start & bit) != 0, reversed = (all.reverse & bit) != 0;
                    double q;
                    if ((window & bit) && !reversed) { /* a secret withdrawal now, or kept */
                        if (!(pl.ck & bit)) continue; /* no choice to withdraw it now */
                        double keep = pl.p_act[s], dp = c->p_detect[s];
                        double now = wk[s][k] + log(1 - keep) + (found_at[s] - t - 1) * log1p(-dp) + log(dp);
                        double hi = now > wl[s][k] ? now : wl[s][k];
                        if (hi > -INFINITY) wl[s][k] = hi + log(exp(wl[s][k] - hi) + exp(now - hi));
                        wk[s][k] += log(keep);
                        continue;
                    }
                    if (pl.cs & bit)
                        q = started ? pl.p_act[s] : 1 - pl.p_act[s];
                    else if (pl.ck & bit)
                        q = reversed ? 1 - pl.p_act[s] : pl.p_act[s];
                    else
                        q = eps_floor; /* a move the model would not consider: a tremble */
                    x += log(q > 1e-300 ? q : 1e-300);
                }
                ll[p][k] += x;
            }
        }
        pl_ag_beliefs_update(c, &st, &all, NULL);
        /* the moves, then the completions at the period's end */
        for (int p = 0; p < P; p++) st.disputed[p] &= ~(all.reverse | all.start);
        for (pl_bits b = all.reverse & (st.done | st.prog); b; b &= b - 1) {
            pl_bits bit = b & -b;
            st.done &= ~bit, st.prog &= ~bit, st.verified &= ~bit, st.rev |= bit;
            st.retal = (all.retal & bit) ? st.retal | bit : st.retal & ~bit;
        }
        st.started |= all.start, st.prog |= all.start & ~st.done, st.rev &= ~all.start, st.retal &= ~all.start;
        pl_bits fin = path->complete[t];
        for (pl_bits b = path->unstarted; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (implied_done[s] == t) fin |= PL_BIT(s), implied_done[s] = NONE, implied_ver[s] = t + 1 + c->v_delay[s];
        }
        st.prog &= ~fin, st.done |= fin, st.ever_done |= fin, st.started |= fin;
    }
}

/* ---- the grid ------------------------------------------------------------- */

/* The grid: wide enough that the maximum of the shipped records lies inside it; where a maximum still
 * falls on the last value searched (not on a bound of the parameter itself: patience 0, the rule as
 * the limit of rationality, patience without end, discount 0), the fit says so (pl_agreement_fit.edge).
 * The discount runs down to 0, a party that weighs only the payoffs of the period it decides in
 * (pl_ag_set_discounting at 0: a step's value, which comes at its completion a period or more on,
 * counts nothing, a flow only its first period's); until 2026-12-03 it stopped at 0.1, where
 * six-party's maximum sat. */
const double pl_ag_fit_grid_lambda[] = {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096, INFINITY};
const double pl_ag_fit_grid_eps[] = {0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 0.4, 0.45};
const int pl_ag_fit_grid_patience[] = {0, 1, 2, 3, 4, 6, 9, 12, 18, 24, 36, 48, 72, 120, PL_AG_FIT_NEVER};
const double pl_ag_fit_grid_delta[] = {0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.35, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.995};
#define NL 14
#define NE 9
#define NPAT 15
#define ND 14
const int pl_ag_fit_grid_n[4] = {NL, NE, NPAT, ND};
#define grid_lambda pl_ag_fit_grid_lambda
#define grid_eps pl_ag_fit_grid_eps
#define grid_patience pl_ag_fit_grid_patience
#define grid_delta pl_ag_fit_grid_delta

int pl_ag_fit_own_end(int i, int x)
{
    switch (i) {
    case 0: return isinf(grid_lambda[x]);                                  /* the rule: no payoffs weighed */
    case 2: return grid_patience[x] == 0 || grid_patience[x] >= PL_AG_FIT_NEVER; /* late at once; never late */
    case 3: return grid_delta[x] == 0;                                     /* only the period's own payoffs */
    default: return 0;                                                     /* tremble: 0 and 1/2 are not searched */
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int pl_ag_fit_loglik_types(const pl_agreement *a, const pl_agreement_fit_point *g, double ll[][PL_AG_MAX_OPTIONS],
                           pl_error *err)
{
    pl_ag_compiled *c = pl_malloc(sizeof *c);
    if (!c) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_ag_compile(a, a->record_variant, c);
    set_params(c, g);
    fit_path path;
    int rc = build_path(a, c, &path, err);
    if (!rc) path_loglik(c, &path, ll), path_free(&path);
    pl_free(c);
    return rc;
}

static double prior_of(const pl_ag_compiled *c, int p, int k) { return c->opt_cum[p][k] - (k ? c->opt_cum[p][k - 1] : 0); }

static double marginal(const pl_ag_compiled *c, double ll[][PL_AG_MAX_OPTIONS], int p)
{
    double mx = -INFINITY, s = 0;
    for (int k = 0; k < c->n_opt[p]; k++)
        if (prior_of(c, p, k) > 0 && ll[p][k] > mx) mx = ll[p][k];
    for (int k = 0; k < c->n_opt[p]; k++) s += prior_of(c, p, k) * exp(ll[p][k] - mx);
    return mx + log(s);
}

/* The record's log likelihood at point g, each party's types summed out under its prior; each
 * party's under each of its types in ll.  c is compiled afresh for the point. */
static double point_loglik(const pl_agreement *a, const fit_path *path, const pl_agreement_fit_point *g,
                           pl_ag_compiled *c, double ll[][PL_AG_MAX_OPTIONS])
{
    pl_ag_compile(a, a->record_variant, c);
    set_params(c, g);
    path_loglik(c, path, ll);
    double tot = 0;
    for (int p = 0; p < a->n_parties; p++) tot += marginal(c, ll, p);
    return tot;
}

void pl_agreement_fit_config_default(pl_agreement_fit_config *cfg)
{
    *cfg = (pl_agreement_fit_config){.runs = 5000, .window = 3};
}

/* ---- the grid on the worker pool ---------------------------------------------- */

/* Grid points per block: fixed (never the thread count), so the same blocks whatever the threads
 * and processes. */
#define FIT_GRID_BLOCK 128

/* The grid point at index gi (lambda slowest, discount fastest). */
static pl_agreement_fit_point grid_point(size_t gi, int idx[4])
{
    idx[3] = (int)(gi % ND), gi /= ND;
    idx[2] = (int)(gi % NPAT), gi /= NPAT;
    idx[1] = (int)(gi % NE), gi /= NE;
    idx[0] = (int)gi;
    return (pl_agreement_fit_point){grid_lambda[idx[0]], grid_eps[idx[1]], grid_patience[idx[2]], grid_delta[idx[3]]};
}

typedef struct grid_job {
    const pl_agreement *a;
    const fit_path *path;
    pl_agreement_fit *f;
    double *gll;
    double *tll;       /* every point's log-likelihood of each party under each type: nt a point */
    int nt, n_opt[PL_AG_MAX_PARTIES];
} grid_job;

/* A block's result: every point's log-likelihood, and the block's best point (the first of its
 * largest, as a scan in grid order finds it); then, nt a point, each party's under each of its types
 * (so that the posterior averaged over the grid need not compute them again). */
typedef struct grid_slot {
    double gll[FIT_GRID_BLOCK];
    double best_ll;
    uint64_t best;
    double tll[];
} grid_slot;

/* ll[p][k] of the n_opt[p] types of each party, packed into row (nt values), and back. */
static void pack_types(const grid_job *j, double ll[][PL_AG_MAX_OPTIONS], double *row)
{
    for (int p = 0, i = 0; p < j->a->n_parties; p++)
        for (int k = 0; k < j->n_opt[p]; k++) row[i++] = ll[p][k];
}
static void unpack_types(const grid_job *j, const double *row, double ll[][PL_AG_MAX_OPTIONS])
{
    for (int p = 0, i = 0; p < j->a->n_parties; p++)
        for (int k = 0; k < j->n_opt[p]; k++) ll[p][k] = row[i++];
}

static int compiled_open(void *ctx, void **state, pl_error *err)
{
    (void)ctx;
    if (!(*state = pl_malloc(sizeof(pl_ag_compiled)))) return pl_error_set(err, PL_ENOMEM, "out of memory for the fit");
    return PL_OK;
}

static void compiled_close(void *ctx, void *state)
{
    (void)ctx;
    pl_free(state);
}

static int grid_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)err;
    const grid_job *j = ctx;
    pl_ag_compiled *c = state;
    grid_slot *out = slot;
    double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    out->best_ll = -INFINITY;
    out->best = lo;
    for (uint64_t gi = lo; gi < hi; gi++) {
        int idx[4];
        pl_agreement_fit_point g = grid_point((size_t)gi, idx);
        double tot = point_loglik(j->a, j->path, &g, c, ll);
        out->gll[gi - lo] = tot;
        pack_types(j, ll, out->tll + (size_t)(gi - lo) * (size_t)j->nt);
        if (tot > out->best_ll) out->best_ll = tot, out->best = gi;
    }
    return PL_OK;
}

/* *dst = src field by field, so that the padding of a point kept in the (zeroed) result stays zero: a
 * copy of a whole struct may carry stack bytes, and the point is compared and written as bytes. */
static void keep_point(pl_agreement_fit_point *dst, pl_agreement_fit_point src)
{
    dst->rationality = src.rationality, dst->tremble = src.tremble, dst->patience = src.patience;
    dst->discount = src.discount;
}

/* In grid order: the points' log-likelihoods, and the best so far (the first of the largest). */
static void grid_fold(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    grid_job *j = ctx;
    const grid_slot *in = slot;
    memcpy(j->gll + lo, in->gll, (size_t)(hi - lo) * sizeof *in->gll);
    memcpy(j->tll + lo * (size_t)j->nt, in->tll, (size_t)(hi - lo) * (size_t)j->nt * sizeof *in->tll);
    if (in->best_ll > j->f->grid_best_ll) {
        j->f->grid_best_ll = in->best_ll;
        keep_point(&j->f->grid_best, grid_point((size_t)in->best, j->f->best_index));
    }
}

/* ---- the refinement ---------------------------------------------------------- */

double pl_ag_golden_max(double (*f)(void *ctx, double x), void *ctx, double lo, double hi, double tol, double *at)
{
    const double r = 0.6180339887498949; /* (sqrt(5) - 1) / 2: each step keeps this share of the bracket */
    double best = f(ctx, lo), fx;
    *at = lo;
    if ((fx = f(ctx, hi)) > best) best = fx, *at = hi;
    double x1 = hi - r * (hi - lo), x2 = lo + r * (hi - lo);
    double f1 = f(ctx, x1), f2 = f(ctx, x2);
    if (f1 > best) best = f1, *at = x1;
    if (f2 > best) best = f2, *at = x2;
    while (hi - lo > tol) { /* the maximum of a unimodal f stays inside [lo, hi]; one new point a step */
        if (f1 >= f2) {
            hi = x2, x2 = x1, f2 = f1;
            x1 = hi - r * (hi - lo), fx = f1 = f(ctx, x1);
            if (fx > best) best = fx, *at = x1;
        } else {
            lo = x1, x1 = x2, f1 = f2;
            x2 = lo + r * (hi - lo), fx = f2 = f(ctx, x2);
            if (fx > best) best = fx, *at = x2;
        }
    }
    return best;
}

/* The grid's best refined: rounds of golden-section searches (pl_ag_golden_max) on log rationality,
 * logit tremble and the discount in turn, the others held, each over the bracket from the grid value
 * below to the grid value above the one nearest its current value (a maximum on a bracket's end moves
 * the bracket the next round); then one along the round's own move, from where the round ended as
 * far as the grid's range allows (FIT_REFINE_STRETCH of the move at most), since the likelihood's
 * ridges run across the parameters (rationality and discount rise together on the Agreed
 * Framework's) and steps along one parameter at a time only zigzag up them.  A move is kept only
 * where the likelihood rises, so the refined maximum is never below the grid's best.  Patience, in
 * whole periods, is refined in each round after them: every whole number of periods between the grid
 * values either side of the one nearest its current value is tried (the grid's values are up to 48
 * periods apart, 72 to 120), the best kept where the likelihood rises.
 * Rounds until one gains less than FIT_REFINE_GAIN, FIT_REFINE_ROUNDS at most.  The rule stays the
 * rule (the limit of rationality, where no payoff is weighed), patience without end stays so, and no
 * parameter leaves the range the grid searched (patience 0 to 120).  Exact likelihoods, in the calling thread: the same
 * whatever the threads. */
#define FIT_REFINE_ROUNDS 40
#define FIT_REFINE_GAIN 1e-6
#define FIT_REFINE_TOL 1e-4   /* the bracket's width at the end, on the scale searched */
#define FIT_REFINE_STRETCH 16 /* the line search's reach, in multiples of the round's move */

typedef struct refine_job {
    const pl_agreement *a;
    const fit_path *path;
    pl_ag_compiled *c;
    pl_agreement_fit_point g; /* the current point */
    int param;                /* the parameter searched (0 rationality, 1 tremble, 3 discount), or -1: a line */
    double x0[4], d[4];       /* the line: the point x0 + t d on the scales searched */
    int evals;
} refine_job;

static const int refine_params[3] = {0, 1, 3};
static const double *const refine_vals[4] = {grid_lambda, grid_eps, NULL, grid_delta};
static const int refine_n[4] = {NL - 1, NE, 0, ND}; /* rationality: its finite values */

/* The scale each parameter is searched on, and back. */
static double to_scale(int i, double v) { return i == 0 ? log(v) : i == 1 ? log(v / (1 - v)) : v; }
static double from_scale(int i, double x) { return i == 0 ? exp(x) : i == 1 ? 1 / (1 + exp(-x)) : x; }

/* Parameter i's value at x on its scale: a grid value exactly where x is one's (a bracket's end), and
 * never beyond the grid's ends (a line's far end computed a rounding past one). */
static double value_at(int i, double x)
{
    const double *v = refine_vals[i];
    const int n = refine_n[i];
    for (int k = 0; k < n; k++)
        if (x == to_scale(i, v[k])) return v[k];
    if (x < to_scale(i, v[0])) return v[0];
    if (x > to_scale(i, v[n - 1])) return v[n - 1];
    return from_scale(i, x);
}

static double *param_of(pl_agreement_fit_point *g, int i)
{
    return i == 0 ? &g->rationality : i == 1 ? &g->tremble : &g->discount;
}

/* The point at x: the current one with the parameter searched at x, or the line's point at t = x. */
static pl_agreement_fit_point refine_point(const refine_job *j, double x)
{
    pl_agreement_fit_point g = j->g;
    if (j->param >= 0)
        *param_of(&g, j->param) = value_at(j->param, x);
    else
        for (int q = 0; q < 3; q++) {
            int i = refine_params[q];
            if (j->d[i] != 0) *param_of(&g, i) = value_at(i, j->x0[i] + x * j->d[i]);
        }
    return g;
}

static double refine_at(void *ctx, double x)
{
    refine_job *j = ctx;
    pl_agreement_fit_point g = refine_point(j, x);
    double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    j->evals++;
    return point_loglik(j->a, j->path, &g, j->c, ll);
}

static void fit_refine(const pl_agreement *a, const fit_path *path, pl_ag_compiled *c, pl_agreement_fit *f)
{
    refine_job j = {.a = a, .path = path, .c = c, .g = f->grid_best};
    double cur = f->grid_best_ll, at;
    int rounds = 0;
    while (rounds < FIT_REFINE_ROUNDS) {
        rounds++;
        double before = cur, x0[4];
        for (int q = 0; q < 3; q++) x0[refine_params[q]] = to_scale(refine_params[q], *param_of(&j.g, refine_params[q]));
        for (int q = 0; q < 3; q++) {
            int i = refine_params[q];
            const double *v = refine_vals[i];
            if (i == 0 && isinf(j.g.rationality)) continue;
            double x = to_scale(i, *param_of(&j.g, i));
            int near = 0;
            for (int k = 1; k < refine_n[i]; k++)
                if (fabs(to_scale(i, v[k]) - x) < fabs(to_scale(i, v[near]) - x)) near = k;
            int lo = near > 0 ? near - 1 : 0, hi = near < refine_n[i] - 1 ? near + 1 : refine_n[i] - 1;
            j.param = i;
            double got = pl_ag_golden_max(refine_at, &j, to_scale(i, v[lo]), to_scale(i, v[hi]), FIT_REFINE_TOL, &at);
            if (got > cur) cur = got, j.g = refine_point(&j, at);
        }
        /* the line along the round's move, inside the grid's range */
        double reach = FIT_REFINE_STRETCH, longest = 0;
        for (int q = 0; q < 3; q++) {
            int i = refine_params[q];
            j.x0[i] = to_scale(i, *param_of(&j.g, i)), j.d[i] = i == 0 && isinf(j.g.rationality) ? 0 : j.x0[i] - x0[i];
            double end = to_scale(i, refine_vals[i][j.d[i] > 0 ? refine_n[i] - 1 : 0]);
            if (j.d[i] != 0 && (end - j.x0[i]) / j.d[i] < reach) reach = (end - j.x0[i]) / j.d[i];
            if (fabs(j.d[i]) > longest) longest = fabs(j.d[i]);
        }
        if (longest > 0 && reach > 0) {
            j.param = -1;
            double got = pl_ag_golden_max(refine_at, &j, 0, reach, FIT_REFINE_TOL / longest, &at);
            if (got > cur) cur = got, j.g = refine_point(&j, at);
        }
        /* patience, in whole periods: every one between the grid values either side of the one nearest
         * its current value (never past the last value short of "never"), the best kept where it rises */
        if (j.g.patience < PL_AG_FIT_NEVER) {
            int near = 0;
            for (int k = 1; k < NPAT - 1; k++)
                if (abs(grid_patience[k] - j.g.patience) < abs(grid_patience[near] - j.g.patience)) near = k;
            int lo = grid_patience[near > 0 ? near - 1 : 0], hi = grid_patience[near < NPAT - 2 ? near + 1 : NPAT - 2];
            pl_agreement_fit_point g = j.g, best = j.g;
            double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS], top = cur;
            for (g.patience = lo; g.patience <= hi; g.patience++) {
                if (g.patience == j.g.patience) continue;
                j.evals++;
                double got = point_loglik(a, path, &g, c, ll);
                if (got > top) top = got, best = g;
            }
            cur = top, j.g = best;
        }
        if (cur - before < FIT_REFINE_GAIN) break;
    }
    keep_point(&f->best, j.g);
    f->best_ll = point_loglik(a, path, &f->best, c, f->loglik_type); /* cur again, with each type's */
    f->refine_rounds = rounds, f->refine_evals = j.evals + 1;
}

int pl_agreement_fit_record(const pl_agreement *a, const pl_agreement_fit_config *cfg, pl_agreement_fit **out,
                            pl_error *err)
{
    *out = NULL;
    if (!a->has_record) return pl_error_set(err, PL_EINVAL, "%s: no 'record:' to fit", a->path);
    double t0 = now_s();
    pl_agreement_fit *f = pl_calloc(1, sizeof *f);
    pl_ag_compiled *c = pl_malloc(sizeof *c);
    size_t NG = NL * NE * NPAT * ND;
    double *gll = pl_malloc(sizeof(double) * NG), *tll = NULL;
    double (*post_sum)[PL_AG_MAX_OPTIONS] = pl_calloc(PL_AG_MAX_PARTIES, sizeof *post_sum);
    int rc = PL_OK;
    if (!f || !c || !gll || !post_sum) goto nomem;
    const int rv = a->record_variant;
    pl_ag_compile(a, rv, c);
    grid_job gj = {.a = a, .f = f, .gll = gll};
    for (int p = 0; p < a->n_parties; p++) gj.n_opt[p] = c->n_opt[p], gj.nt += c->n_opt[p];
    /* each party's likelihood under each type at every point, kept from the grid for the posterior
     * averaged over it: NG x nt doubles (six-party-2007: 26,460 x 14, 3.0 MB) */
    if (!(tll = pl_malloc(sizeof(double) * NG * (size_t)gj.nt))) goto nomem;
    gj.tll = tll;
    fit_path path;
    if ((rc = build_path(a, c, &path, err))) goto fail;
    gj.path = &path;
    const int P = a->n_parties;
    f->n_parties = P;
    f->periods = path.T;
    f->recorded = path.recorded;
    f->grid_best_ll = -INFINITY;
    double ll[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    pl_parallel job = {.items = NG, .block_items = FIT_GRID_BLOCK, .threads = cfg && cfg->threads > 0 ? cfg->threads : 1,
                       .slot_size = sizeof(grid_slot) + sizeof(double) * FIT_GRID_BLOCK * (size_t)gj.nt, .ctx = &gj, .worker_open = compiled_open,
                       .worker_close = compiled_close, .run = grid_run, .fold = grid_fold, .distributable = 1,
                       .progress = cfg ? cfg->progress : NULL, .progress_user = cfg ? cfg->progress_user : NULL};
    if (cfg && cfg->phase) cfg->phase(cfg->progress_user, "likelihood grid");
    if ((rc = pl_parallel_run(&job, err))) {
        path_free(&path);
        goto fail;
    }
    f->n_grid = (int)NG;
    /* the posterior over types averaged over the grid (flat prior on its points); c is still the
     * record variant compiled above (the grid compiled into its workers' own) */
    for (int p = 0; p < P; p++) {
        f->n_types[p] = c->n_opt[p];
        for (int k = 0; k < c->n_opt[p]; k++) f->prior[p][k] = prior_of(c, p, k);
    }
    double wsum = 0;
    for (size_t gi = 0; gi < NG; gi++) {
        double w = exp(gll[gi] - f->grid_best_ll);
        if (w < 1e-12) continue;
        unpack_types(&gj, tll + gi * (size_t)gj.nt, ll); /* as the grid computed them */
        for (int p = 0; p < P; p++) {
            double m = marginal(c, ll, p);
            for (int k = 0; k < c->n_opt[p]; k++) post_sum[p][k] += w * prior_of(c, p, k) * exp(ll[p][k] - m);
        }
        wsum += w;
    }
    for (int p = 0; p < P; p++)
        for (int k = 0; k < f->n_types[p]; k++) f->posterior_avg[p][k] = post_sum[p][k] / wsum;
    /* the profile likelihood of each parameter: the best over the others */
    double *const prof[4] = {f->profile_lambda, f->profile_eps, f->profile_patience, f->profile_delta};
    const int nn[4] = {NL, NE, NPAT, ND};
    for (int i = 0; i < 4; i++)
        for (int x = 0; x < nn[i]; x++) prof[i][x] = -INFINITY;
    for (size_t gi = 0; gi < NG; gi++) {
        int idx[4];
        grid_point(gi, idx);
        for (int i = 0; i < 4; i++)
            if (gll[gi] > prof[i][idx[i]]) prof[i][idx[i]] = gll[gi];
    }
    /* each parameter's plateau: the values whose profile is within PL_AG_FIT_FLAT of the grid's best.
     * Reaching an end of the parameter's own scale (pl_ag_fit_own_end: the rule, patience 0 and
     * without end, discount 0) is an estimate there; reaching the last value searched short of
     * one is the edge of the searched range, a bound */
    f->edge = f->own_end = 0;
    for (int i = 0; i < 4; i++) {
        int lo = -1, hi = -1;
        for (int x = 0; x < nn[i]; x++)
            if (prof[i][x] >= f->grid_best_ll - PL_AG_FIT_FLAT) {
                if (lo < 0) lo = x;
                hi = x;
            }
        f->flat_lo[i] = lo, f->flat_hi[i] = hi;
        int end_lo = pl_ag_fit_own_end(i, 0), end_hi = pl_ag_fit_own_end(i, nn[i] - 1);
        int last = end_hi ? nn[i] - 2 : nn[i] - 1; /* the last value searched short of the scale's end */
        if ((lo == 0 && !end_lo) || hi == last) f->edge |= 1 << i;
        if ((lo == 0 && end_lo) || (hi == nn[i] - 1 && end_hi)) f->own_end |= 1 << i;
    }
    /* the grid's best refined; the posterior over types at the refined maximum */
    fit_refine(a, &path, c, f);
    for (int p = 0; p < P; p++) {
        double m = marginal(c, f->loglik_type, p);
        for (int k = 0; k < c->n_opt[p]; k++) f->posterior[p][k] = f->prior[p][k] * exp(f->loglik_type[p][k] - m);
    }
    path_free(&path);
    pl_free(gll), pl_free(tll), pl_free(post_sum);
    f->seconds_likelihood = now_s() - t0;

    /* the posterior-predictive check */
    double t1 = now_s();
    pl_ag_compile(a, rv, c);
    set_params(c, &f->best);
    for (int p = 0; p < P; p++) {
        double cum = 0;
        for (int k = 0; k < c->n_opt[p]; k++) cum += f->posterior[p][k], c->opt_cum[p][k] = cum;
        c->opt_cum[p][c->n_opt[p] - 1] = 1;
    }
    rc = pl_ag_fit_predictive(a, c, cfg, f, err);
    f->seconds_predictive = now_s() - t1;
    pl_free(c);
    if (rc) {
        pl_free(f);
        return rc;
    }
    *out = f;
    return PL_OK;
nomem:
    rc = pl_error_set(err, PL_ENOMEM, "out of memory for the fit");
fail: /* before the grid's arrays were given back */
    pl_free(f), pl_free(c), pl_free(gll), pl_free(tll), pl_free(post_sum);
    return rc;
}

/* ---- the predictive check ---------------------------------------------------- */

typedef struct first_times {
    int done[PL_AG_MAX_STEPS], rev[PL_AG_MAX_STEPS];
} first_times;

static void on_event(void *user, int t, int kind, int step, int party, pl_bits verified_before)
{
    (void)party, (void)verified_before;
    first_times *ft = user;
    if (step < 0) return;
    if (kind == PL_TR_COMPLETE && ft->done[step] < 0) ft->done[step] = t;
    if (kind == PL_TR_REVERSE && ft->rev[step] < 0) ft->rev[step] = t;
}

/* Runs per block of the check: fixed, never the thread count. */
#define FIT_RUN_BLOCK 512

/* The check's integer tallies: exact in any order, added as workers end and across processes. */
typedef struct pred_tally {
    uint64_t hits[PL_AG_FIT_MAX_MILESTONES], ever[PL_AG_FIT_MAX_MILESTONES];
    uint64_t late[PL_AG_MAX_STEPS][PL_AG_MAX_STEPS];
} pred_tally;

typedef struct pred_job {
    const pl_agreement *a;
    const pl_ag_compiled *c;
    const pl_agreement_fit *f; /* its milestones */
    uint64_t seed;
    int window;
    pred_tally t;       /* every worker's, then every process's */
    uint64_t completed; /* folded block by block (a block's slot: its completed runs) */
} pred_job;

static int pred_open(void *ctx, void **state, pl_error *err)
{
    (void)ctx;
    if (!(*state = pl_calloc(1, sizeof(pred_tally)))) return pl_error_set(err, PL_ENOMEM, "out of memory for the check");
    return PL_OK;
}

static void pred_add(void *ctx, const void *bytes)
{
    pred_job *j = ctx;
    pred_tally t;
    memcpy(&t, bytes, sizeof t);
    for (int k = 0; k < PL_AG_FIT_MAX_MILESTONES; k++) j->t.hits[k] += t.hits[k], j->t.ever[k] += t.ever[k];
    for (int s = 0; s < PL_AG_MAX_STEPS; s++)
        for (int q = 0; q < PL_AG_MAX_STEPS; q++) j->t.late[s][q] += t.late[s][q];
}

static void pred_pack(void *ctx, void *bytes) { memcpy(bytes, &((pred_job *)ctx)->t, sizeof(pred_tally)); }

static void pred_close(void *ctx, void *state)
{
    pred_add(ctx, state);
    pl_free(state);
}

static int pred_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)err;
    const pred_job *j = ctx;
    const pl_agreement *a = j->a;
    const pl_agreement_fit *f = j->f;
    pred_tally *t = state;
    pl_ag_draws d;
    pl_ag_outcome o;
    uint64_t completed = 0;
    for (uint64_t i = lo; i < hi; i++) {
        first_times ft;
        for (int s = 0; s < a->n_steps; s++) ft.done[s] = ft.rev[s] = -1;
        pl_ag_trace tr = {on_event, &ft};
        pl_ag_draw(j->c, j->seed, i, &d);
        pl_ag_run(j->c, &d, &o, &tr);
        if (o.complete_t >= 0) completed++;
        for (int k = 0; k < f->n_milestones; k++) {
            const pl_agreement_fit_milestone *m = &f->milestone[k];
            int at = m->reversal ? ft.rev[m->step] : ft.done[m->step];
            if (at >= 0) t->ever[k]++;
            if (at >= 0 && at >= m->period - j->window && at <= m->period + j->window) t->hits[k]++;
        }
        for (pl_bits b = o.late_answered; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            t->late[s][(int)o.late_cause[s]]++;
        }
    }
    memcpy(slot, &completed, sizeof completed);
    return PL_OK;
}

static void pred_fold(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    (void)lo, (void)hi;
    uint64_t n;
    memcpy(&n, slot, sizeof n);
    ((pred_job *)ctx)->completed += n;
}

int pl_ag_fit_predictive(const pl_agreement *a, const pl_ag_compiled *c, const pl_agreement_fit_config *cfg,
                         pl_agreement_fit *f, pl_error *err)
{
    int W = cfg && cfg->window > 0 ? cfg->window : 3;
    uint64_t runs = cfg && cfg->runs ? cfg->runs : 5000, seed = cfg && cfg->seed_given ? cfg->seed : a->seed;
    f->window = W, f->predictive_runs = runs;
    /* the milestones: each step's first recorded completion and first recorded withdrawal */
    f->n_milestones = 0;
    for (int s = 0; s < a->n_steps; s++)
        for (int kind = 0; kind < 2; kind++) {
            int at = -1;
            for (int i = 0; i < a->n_events; i++) {
                const pl_ag_event *e = &a->event[i];
                if (e->step != s) continue;
                if ((kind == 0 && e->kind == PL_EV_COMPLETED) ||
                    (kind == 1 && (e->kind == PL_EV_REVERSED || e->kind == PL_EV_DETECTED)))
                    if (at < 0 || e->period < at) at = e->period;
            }
            if (at < 0 || f->n_milestones >= PL_AG_FIT_MAX_MILESTONES) continue;
            pl_agreement_fit_milestone *m = &f->milestone[f->n_milestones++];
            m->step = s, m->reversal = kind, m->period = at, m->hits = 0, m->ever = 0;
        }
    memset(f->late_answer, 0, sizeof f->late_answer);
    pred_job pj = {.a = a, .c = c, .f = f, .seed = seed, .window = W};
    pl_parallel job = {.items = runs, .block_items = FIT_RUN_BLOCK, .threads = cfg && cfg->threads > 0 ? cfg->threads : 1,
                       .slot_size = sizeof(uint64_t), .ctx = &pj, .worker_open = pred_open, .worker_close = pred_close,
                       .run = pred_run, .fold = pred_fold, .distributable = 1, .tally_size = sizeof(pred_tally),
                       .tally_pack = pred_pack, .tally_add = pred_add,
                       .progress = cfg ? cfg->progress : NULL, .progress_user = cfg ? cfg->progress_user : NULL};
    if (cfg && cfg->phase) cfg->phase(cfg->progress_user, "predictive check");
    int rc = pl_parallel_run(&job, err);
    if (rc) return rc;
    for (int k = 0; k < f->n_milestones; k++) f->milestone[k].hits = pj.t.hits[k], f->milestone[k].ever = pj.t.ever[k];
    memcpy(f->late_answer, pj.t.late, sizeof f->late_answer);
    uint64_t completed = pj.completed;
    f->predictive_complete = (double)completed / (double)runs;
    return PL_OK;
}

void pl_agreement_fit_free(pl_agreement_fit *f) { pl_free(f); }

/* The scenario with the fit applied: the fitted behaviour, and the posterior as each party's prior. */
int pl_agreement_apply_fit(pl_agreement *a, const pl_agreement_fit *f)
{
    pl_ag_behaviour *b = &a->behaviour;
    b->given = 1;
    b->choice = isinf(f->best.rationality) ? PL_CHOICE_RULE : PL_CHOICE_LOGIT;
    b->rationality = isinf(f->best.rationality) ? 0 : f->best.rationality;
    b->tremble = f->best.tremble;
    b->discount = f->best.discount;
    if (b->lookahead < 1) b->lookahead = a->horizon;
    b->patience_default = f->best.patience;
    for (int p = 0; p < PL_AG_MAX_PARTIES; p++) b->patience[p] = f->best.patience;
    /* the parties' priors become the posterior; a variant's own policies keep theirs */
    for (int p = 0; p < a->n_parties; p++)
        for (int k = 0; k < a->party[p].policy.n; k++) a->party[p].policy.opt[k].p = f->posterior[p][k];
    return PL_OK;
}
