// SPDX-License-Identifier: MIT
/* agreement_simulate.c — Monte Carlo runs of an agreement, every variant on common random numbers.
 *
 * Run i of every variant starts from the same draws (pl_ag_draws: a uniform per
 * party for its policy type, a uniform per step for its verification delay and
 * for a false report, the shock dates, and a "late" stream for anything drawn
 * after), so the difference between two variants is the sequencing, not noise.
 * A run touches only fixed-size arrays on the stack: no allocation inside it.
 *
 * The worker pool (core/parallel.c) hands out blocks of runs.  Integer tallies
 * are summed per worker (exact, so order does not matter); sums of doubles are
 * kept per block and folded in block order, so the results are byte-identical
 * whatever the thread count. */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"

enum { TAG_MAIN = 0xA6, TAG_SHOCK = 0xA7, TAG_LATE = 0xA8, TAG_CHOICE = 0xA9 };

/* Failures before the first success of a Bernoulli(p) sequence, from a uniform u in [0,1). */
static inline int geometric(double u, double p, double log_q)
{
    if (p >= 1) return 0;
    if (p <= 0) return 1 << 29;
    double g = floor(log1p(-u) / log_q);
    return g > (1 << 29) ? 1 << 29 : (int)g;
}

/* The same from the draw's cut points (pl_ag_geo): floor(log1p(-u) / log_q) exactly, without the logarithm
 * where u is clear of every cut point by PL_AG_GEO_MARGIN (the delays below PL_AG_GEO_CUTS), and, for a u
 * clearly above `beyond`, 1 << 29 for any delay that reaches the horizon: such a delay puts its event
 * after the horizon either way (verify_at, false_at: t + 1 + ... the delay), and nothing reads those but
 * against periods before the horizon (the openings, the test of a run at rest, the quiet stretch's end,
 * all below it, and next_event, the least of them, read the same way).
 * Why the margin makes the cut exact: the logarithm's quotient, floor's argument, is k + 1 exactly at
 * u = cut[k] and grows with u at least 1 / |log_q| (at most 37 for a double p below 1) per unit of u, so a
 * u 1e-9 below the cut point has a quotient at least 2.7e-11 below k + 1 (and at the horizon's, below H
 * at most 2,400), while log1p, the division and expm1 each round by a few units in the last place: some
 * 1.6e-12 at 2,400, under 1e-14 below 8. */
static inline int geometric_cut(double u, double p, double log_q, const pl_ag_geo *g)
{
    if (p >= 1) return 0;
    if (p <= 0) return 1 << 29;
    for (int k = 0; k < PL_AG_GEO_CUTS; k++) {
        if (u < g->cut[k] - PL_AG_GEO_MARGIN) return k;
        if (u <= g->cut[k] + PL_AG_GEO_MARGIN) return geometric(u, p, log_q);
    }
    if (u > g->beyond + PL_AG_GEO_MARGIN) return 1 << 29;
    return geometric(u, p, log_q);
}

int pl_ag_geometric(double u, double p, double log_q) { return geometric(u, p, log_q); }
int pl_ag_geometric_cut(double u, double p, double log_q, const pl_ag_geo *g) { return geometric_cut(u, p, log_q, g); }

void pl_ag_geo_make(pl_ag_geo *g, double p, double log_q, int horizon)
{
    /* (a chance of 1 or 0 draws nothing: geometric_cut answers before it reads these) */
    for (int k = 0; k < PL_AG_GEO_CUTS; k++) g->cut[k] = p > 0 && p < 1 ? -expm1((k + 1) * log_q) : 0;
    g->beyond = p > 0 && p < 1 ? -expm1(horizon * log_q) : 0;
}

/* A verification delay drawn from u with step s's p_confirm (g): the watching points that would draw
 * another (pl_ag_watch, agreement_fork.c). */
static __attribute__((noinline)) void watch_confirm(pl_ag_watch *w, int s, double u, int g)
{
    for (uint32_t b = w->pending & ~w->differs; b; b &= b - 1) {
        const pl_ag_compiled *p = w->point[__builtin_ctz(b)];
        if (geometric_cut(u, p->p_confirm[s], p->log_q_confirm[s], &p->confirm_geo[s]) != g) w->differs |= b & -b;
    }
}

/* The schedule read (pl_ag_watch): the points whose own schedule answers otherwise.  An opening consumed
 * occurrences i0 to i1 - 1 at period t and stopped at i1; */
static __attribute__((noinline)) void watch_open(pl_ag_watch *w, const pl_ag_draws *d, int i0, int i1, int t)
{
    for (uint32_t b = w->shocks & ~w->differs; b; b &= b - 1) {
        const pl_ag_draws *p = w->draws[__builtin_ctz(b)];
        int same = i1 <= p->n_occ && !(i1 < p->n_occ && p->occ_t[i1] == t);
        for (int i = i0; i < i1 && same; i++) same = p->occ_t[i] == t && p->occ_shock[i] == d->occ_shock[i];
        if (!same) w->differs |= b & -b;
    }
}
/* ... whether none is left from occurrence i; */
static __attribute__((noinline)) void watch_rest(pl_ag_watch *w, const pl_ag_draws *d, int i)
{
    for (uint32_t b = w->shocks & ~w->differs; b; b &= b - 1)
        if ((i >= w->draws[__builtin_ctz(b)]->n_occ) != (i >= d->n_occ)) w->differs |= b & -b;
}
/* ... and a quiet stretch's end, `end` before the schedule bounds it by occurrence i. */
static __attribute__((noinline)) void watch_skip(pl_ag_watch *w, const pl_ag_draws *d, int i, int end)
{
    int mine = i < d->n_occ && d->occ_t[i] < end ? d->occ_t[i] : end;
    for (uint32_t b = w->shocks & ~w->differs; b; b &= b - 1) {
        const pl_ag_draws *p = w->draws[__builtin_ctz(b)];
        if ((i < p->n_occ && p->occ_t[i] < end ? p->occ_t[i] : end) != mine) w->differs |= b & -b;
    }
}

/* Whether no shock is left to come (read as the run reads it: the watch told). */
static inline int schedule_done(const pl_ag_run_state *R, const pl_ag_draws *d)
{
    if (R->watch) watch_rest(R->watch, d, R->occ_i);
    return R->occ_i >= d->n_occ;
}

void pl_ag_draw(const pl_ag_compiled *c, uint64_t seed, uint64_t run, pl_ag_draws *d)
{
    pl_rng r;
    pl_rng_init(&r, seed, run, TAG_MAIN);
    for (int p = 0; p < c->n_parties; p++) d->u_type[p] = pl_rng_uniform(&r);
    for (int s = 0; s < c->n_steps; s++) {
        d->u_verify[s] = pl_rng_uniform(&r);
        d->u_false[s] = pl_rng_uniform(&r);
    }
    d->n_occ = 0;
    if (c->n_shocks) {
        pl_rng rs;
        pl_rng_init(&rs, seed, run, TAG_SHOCK);
        for (int k = 0; k < c->n_shocks; k++) {
            if (c->shock_p[k] <= 0) continue;
            for (int t = c->shock_from[k] - 1;;) {
                t += 1 + geometric(pl_rng_uniform(&rs), c->shock_p[k], c->shock_log_q[k]);
                if (t > c->shock_until[k] || d->n_occ == PL_AG_MAX_OCCURRENCES) break;
                /* insertion keeps occurrences ordered by (period, shock) */
                int i = d->n_occ++;
                while (i > 0 && d->occ_t[i - 1] > t) {
                    d->occ_t[i] = d->occ_t[i - 1], d->occ_shock[i] = d->occ_shock[i - 1];
                    i--;
                }
                d->occ_t[i] = t, d->occ_shock[i] = k;
                if (c->shock_once[k]) break;
            }
        }
    }
    pl_rng_init(&d->late, seed, run, TAG_LATE);
    pl_rng rc;
    pl_rng_init(&rc, seed, run, TAG_CHOICE);
    d->choice_key = pl_rng_next(&rc);
}

/* The type of party p that the draw u gives under c's priors, or the type it is given (forced_type). */
static inline int type_drawn(const pl_ag_compiled *c, int p, double u)
{
    int k = 0;
    while (k < c->n_opt[p] - 1 && u >= c->opt_cum[p][k]) k++;
    return c->forced_type[p] ? c->forced_type[p] - 1 : k;
}

int pl_ag_type_drawn(const pl_ag_compiled *c, int p, double u) { return type_drawn(c, p, u); }

_Static_assert(PL_AG_ORDER_MAX <= 65536 && PL_AG_MAX_OPTIONS <= 256, "pl_ag_run_order holds runs in 16 bits, types in 8");
void pl_ag_order_by_types(const pl_ag_compiled *c, uint64_t seed, uint64_t first, int n, pl_ag_run_order *o)
{
    assert(n >= 0 && n <= PL_AG_ORDER_MAX);
    const int P = c->n_parties;
    for (int i = 0; i < n; i++) {
        pl_rng r;
        pl_rng_init(&r, seed, first + (uint64_t)i, TAG_MAIN); /* pl_ag_draw's first draws are the types' */
        for (int p = 0; p < P; p++) o->type[i][p] = (uint8_t)type_drawn(c, p, pl_rng_uniform(&r));
        o->run[i] = (uint16_t)i;
    }
    /* a stable counting sort a party, the last party's first, so that party 0's type orders first */
    uint16_t *from = o->run, *to = o->tmp;
    for (int p = P - 1; p >= 0; p--) {
        if (c->n_opt[p] < 2 || c->forced_type[p]) continue; /* every run the same type */
        int at[PL_AG_MAX_OPTIONS + 1] = {0};
        for (int i = 0; i < n; i++) at[o->type[from[i]][p] + 1]++;
        for (int k = 0; k < PL_AG_MAX_OPTIONS; k++) at[k + 1] += at[k];
        for (int i = 0; i < n; i++) to[at[o->type[from[i]][p]]++] = from[i];
        uint16_t *x = from;
        from = to, to = x;
    }
    if (from != o->run) memcpy(o->run, from, (size_t)n * sizeof *o->run);
}

#define TRACE(kind, s, p, vb)                                                                                          \
    do {                                                                                                               \
        if (tr) tr->event(tr->user, t, kind, s, p, vb);                                                                \
    } while (0)

/* A step reversed or started again: no longer the object of an ambiguous event's reading. */
static inline void undispute(const pl_ag_compiled *c, pl_ag_state *st, pl_bits bits)
{
    if (!c->ambiguous) return; /* no shock is read as a breach: nothing is ever disputed */
    for (int p = 0; p < c->n_parties; p++) st->disputed[p] &= ~bits;
    st->ld_moved = ~0u;
}

/* What a run's opening sets beside the public state (R->st, but for the types drawn) and the outcome. */
static void begin_run(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o)
{
    const int S = c->n_steps, P = c->n_parties;
    R->t = R->occ_i = 0;
    R->max_not_before = c->max_not_before; /* the last release, made with the variant (pl_ag_compile_behaviour) */
    R->ver_drawn = R->false_drawn = R->ever_rev = R->full = 0; /* rev_t and covert_types: read only where ever_rev, covert */
    R->flowing_on = 0; /* flow_on: read only where shock_on */
    R->next_event = 1 << 30;
    R->unpaid = 0;
    R->watch = NULL;
    R->late = d->late;
    for (int s = 0; s < S; s++) {
        R->remaining[s] = c->duration[s];
        R->verify_at[s] = R->false_at[s] = R->detect_at[s] = 1 << 30;
    }
    for (int p = 0; p < P; p++) {
        const int k = type_drawn(c, p, d->u_type[p]);
        R->st.type[p] = o->type[p] = k;
        o->pay[p] = 0;
    }
    o->complete_t = o->first_rev_step = o->first_rev_party = o->first_rev_t = o->break_step = -1;
    o->break_by_reversal = 0;
    o->late_answered = 0;
    o->bel_n = 0;
}

/* The opening of a run: policy types drawn, every step at rest. */
void pl_ag_begin(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o)
{
    /* the state up to its arrays that are written before they are read (a third of a run's opening) */
    memset(&R->st, 0, offsetof(pl_ag_state, due_since));
    begin_run(c, d, R, o);
    if (c->behave) {
        R->st.choice_key = d->choice_key;
        pl_ag_time_init(c, &R->st);
        pl_ag_beliefs_init(c, &R->st);
    }
}

/* The opening every run of a variant shares: the state after period 0's decisions with every party of
 * type k, for each k below n (pl_ag_policy.h, pl_ag_opening_make). */
struct pl_ag_opening {
    int n;            /* the states: the most types a party has */
    pl_ag_state st[];
};

int pl_ag_opening_make(pl_ag_compiled *c)
{
    pl_ag_opening_drop(c);
    if (!c->behave || c->horizon <= 0) return PL_OK;
    int n = 1;
    for (int p = 0; p < c->n_parties; p++)
        if (c->n_opt[p] > n) n = c->n_opt[p];
    /* zeroed, so that every byte of the states is defined (a run's entries not written before they are
     * read are then the same as in a run opened from zeroed memory: the tests compare whole states) */
    pl_ag_opening *op = pl_calloc(1, sizeof *op + (size_t)n * sizeof(pl_ag_state));
    pl_ag_run_state *R = pl_calloc(1, sizeof *R);
    if (!op || !R) {
        pl_free(op), pl_free(R);
        return PL_ENOMEM;
    }
    op->n = n;
    pl_ag_draws d;
    pl_ag_draw(c, 1, 0, &d);
    d.n_occ = 0; /* no shock: the opening is that of the runs without one in period 0 */
    for (int k = 0; k < n; k++) {
        pl_ag_outcome o;
        memset(&R->st, 0, sizeof R->st);
        pl_ag_begin(c, &d, R, &o);
        for (int p = 0; p < c->n_parties; p++) R->st.type[p] = k < c->n_opt[p] ? k : c->n_opt[p] - 1;
        pl_ag_period_open(c, &d, R, &o, NULL);
        pl_ag_move all;
        pl_ag_decide_all(c, &R->st, &all);
        op->st[k] = R->st;
    }
    pl_free(R);
    c->opening = op;
    return PL_OK;
}

void pl_ag_opening_drop(pl_ag_compiled *c)
{
    pl_free(c->opening);
    c->opening = NULL;
}

/* The state `from` into st but for the ends of its arrays past the variant's steps and parties, which no
 * run reads (six-party-2007's 3.7 kB of the 9.7 kB): the fields up to the arrays, the arrays, and those
 * after them.  The arrays are these, in this order, with nothing between (checked here). */
#define FOLLOWS(a, b) (offsetof(pl_ag_state, b) == offsetof(pl_ag_state, a) + sizeof(((pl_ag_state *)0)->a))
_Static_assert(FOLLOWS(due_since, due_by) && FOLLOWS(due_by, belief) && FOLLOWS(belief, would_do) &&
                   FOLLOWS(would_do, p_act) && FOLLOWS(p_act, pi_start) && FOLLOWS(pi_start, pi_keep) &&
                   FOLLOWS(pi_keep, type_opp),
               "opening_copy copies the state's arrays by name: a field between them would be left out");
#undef FOLLOWS
static void opening_copy(const pl_ag_compiled *c, pl_ag_state *st, const pl_ag_state *from)
{
    const size_t S = (size_t)c->n_steps, P = (size_t)c->n_parties;
    memcpy(st, from, offsetof(pl_ag_state, due_since));
    for (size_t r = 0; r <= P; r++) { /* each party's view and the public one */
        memcpy(st->due_since[r], from->due_since[r], S * sizeof **st->due_since);
        memcpy(st->due_by[r], from->due_by[r], S * sizeof **st->due_by);
    }
    memcpy(st->belief, from->belief, P * sizeof *st->belief);
    memcpy(st->would_do, from->would_do, S * sizeof *st->would_do);
    memcpy(st->p_act, from->p_act, S * sizeof *st->p_act);
    memcpy(st->pi_start, from->pi_start, S * sizeof *st->pi_start);
    memcpy(st->pi_keep, from->pi_keep, S * sizeof *st->pi_keep);
    memcpy(&st->type_opp, &from->type_opp, sizeof *st - offsetof(pl_ag_state, type_opp));
}

void pl_ag_state_copy(const pl_ag_compiled *c, pl_ag_state *st, const pl_ag_state *from) { opening_copy(c, st, from); }

int pl_ag_opening_take(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                       pl_ag_move *all)
{
    const pl_ag_opening *op = c->opening;
    if (!op || (d->n_occ && d->occ_t[0] == 0)) return 0;
    opening_copy(c, &R->st, &op->st[0]);
    begin_run(c, d, R, o);
    R->st.choice_key = d->choice_key;
    for (int p = 0; p < c->n_parties; p++) /* op->st[k] has party p of type k (op->st[0]: every party of type 0) */
        if (R->st.type[p]) pl_ag_plan_take(c, &R->st, &op->st[R->st.type[p]], p);
    pl_ag_decide_drawn(&R->st, all);
    return 1;
}

/* Lowers *at to t if t is earlier (R->next_event and the like). */
static inline void earlier(int *at, int t)
{
    if (t < *at) *at = t;
}

/* The verifiers' part of an opening: secret withdrawals found out, confirmations, false reports. */
static void verifiers_act(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                          const pl_ag_trace *tr)
{
    const int t = R->t;
    pl_ag_state *const st = &R->st;
    int next = 1 << 30;
    /* a secret withdrawal found out: from now on a withdrawal like any other (not an answer) */
    for (pl_bits b = st->covert; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (t < R->detect_at[s]) {
            earlier(&next, R->detect_at[s]);
            continue;
        }
        pl_bits bit = PL_BIT(s);
        st->covert &= ~bit, st->done &= ~bit, st->verified &= ~bit, st->breach &= ~bit, st->retal &= ~bit;
        st->rev |= bit;
        undispute(c, st, bit);
        R->detect_at[s] = 1 << 30;
        if (c->reversible & bit) R->full &= ~bit, R->remaining[s] = c->duration[s];
        if (!(R->ever_rev & bit)) R->ever_rev |= bit, R->rev_t[s] = t;
        if (o->first_rev_step < 0) o->first_rev_step = s, o->first_rev_party = c->actor[s], o->first_rev_t = t;
        TRACE(PL_TR_REVERSE, s, c->actor[s], st->verified);
        if (c->behave) pl_ag_beliefs_reveal(c, st, s, R->covert_types[s], R->unpaid ? NULL : o); /* the act is evidence, once seen */
    }
    /* 2. verification: confirmations, then false reports of breach */
    for (pl_bits b = st->done & ~st->verified; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (t < R->verify_at[s]) {
            earlier(&next, R->verify_at[s]);
            continue;
        }
        pl_bits bit = PL_BIT(s);
        st->verified |= bit, st->breach &= ~bit;
        if (c->has_false & bit) {
            double u = (R->false_drawn & bit) ? pl_rng_uniform(&R->late) : d->u_false[s];
            R->false_drawn |= bit;
            R->false_at[s] = t + 1 + geometric_cut(u, c->p_false[s], c->log_q_false[s], &c->false_geo[s]);
        }
        TRACE(PL_TR_VERIFY, s, c->actor[s], st->verified);
    }
    for (pl_bits b = st->verified & c->has_false; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (t < R->false_at[s]) {
            earlier(&next, R->false_at[s]);
            continue;
        }
        pl_bits bit = PL_BIT(s);
        st->verified &= ~bit, st->breach |= bit;
        double u = pl_rng_uniform(&R->late);
        int g = geometric_cut(u, c->p_confirm[s], c->log_q_confirm[s], &c->confirm_geo[s]);
        if (R->watch) watch_confirm(R->watch, s, u, g);
        R->verify_at[s] = t + 1 + g;
        R->false_at[s] = 1 << 30;
        earlier(&next, R->verify_at[s]);
        TRACE(PL_TR_FALSE_REPORT, s, c->actor[s], st->verified);
    }
    R->next_event = next;
}

/* The first half of period R->t, before anyone decides: shocks, then verification. */
void pl_ag_period_open(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                       const pl_ag_trace *tr)
{
    const int P = c->n_parties, t = R->t;
    pl_ag_state *const st = &R->st;
    st->t = t;
    /* 1. shocks: a forced step back, and its payoffs */
    const uint32_t shock_on = st->shock_on;
    const int occ_from = R->occ_i;
    while (R->occ_i < d->n_occ && d->occ_t[R->occ_i] == t) {
        int k = d->occ_shock[R->occ_i++];
        TRACE(PL_TR_SHOCK, -1, k, st->verified);
        for (int p = 0; p < P; p++) o->pay[p] += c->shock_payoff[k][p];
        if (c->shock_n_flow[k]) st->shock_on |= 1u << k; /* the incentives it changes, from now on */
        for (int p = 0; p < P; p++) /* an ambiguous event: a breach to some, of the steps then in force */
            st->disputed[p] |= c->shock_read_breach[k][p] & (st->done | st->prog) & ~c->own[p];
        st->ld_moved = ~0u;
        /* a shock undoes reversible steps, and suspends deliveries under way */
        for (pl_bits b = c->shock_reverse[k] & ((st->done & c->reversible) | st->prog); b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            pl_bits bit = PL_BIT(s);
            st->done &= ~bit, st->prog &= ~bit, st->verified &= ~bit, st->breach &= ~bit, st->retal &= ~bit;
            st->rev |= bit, st->covert &= ~bit;
            undispute(c, st, bit);
            if (c->reversible & bit) R->full &= ~bit, R->remaining[s] = c->duration[s];
            if (!(R->ever_rev & bit)) R->ever_rev |= bit, R->rev_t[s] = t;
            if (o->first_rev_step < 0) o->first_rev_step = s, o->first_rev_party = P, o->first_rev_t = t;
            TRACE(PL_TR_REVERSE, s, P, st->verified);
        }
    }
    if (R->watch) watch_open(R->watch, d, occ_from, R->occ_i, t);
    if (st->shock_on != shock_on) { /* the flows as the shocks so far make them, for the closes to come */
        R->flowing_on = pl_ag_flowing(c, st);
        for (pl_bits b = R->flowing_on; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            for (int p = 0; p < P; p++) R->flow_on[s][p] = pl_ag_flow(c, st, s, p);
        }
    }
    /* the verifiers' events, in a period that has some (R->next_event): each pending one is seen by
     * the loops below, so the next is made exact on the way */
    if (t >= R->next_event) verifiers_act(c, d, R, o, tr);
    /* 3. with behaviour: which counterpart steps each party now counts late */
    if (c->behave) pl_ag_time_update(c, st);
}

/* A period's work on a step paid as delivered (`paid: as_delivered`): a 1/duration share of its cost
 * and of its values, as the close pays it and a quiet stretch does period by period. */
/* pay[p] += row[p] for every party, in order (the same sums): the two as restrict, which the outcome's
 * payoffs and the compiled rows never share, so the compiler adds two at a time without first testing
 * whether they overlap (at every step's flows of every period) */
static inline void add_row(double *restrict pay, const double *restrict row, int P)
{
    for (int p = 0; p < P; p++) pay[p] += row[p];
}

/* add_row for the rows of the steps in `steps`, in their order: with up to 8 parties the count is a
 * constant, so that each row is added two at a time (and the odd one alone) without a loop (the loop's
 * setup and its test were as many instructions as the additions); with more, the loop, out of line (in
 * line, its registers cost the callers more than the constant counts saved: agreed-framework-1994's 3
 * parties +1.2 % of the bench's instructions with the even counts alone constant) */
/* (add_rows with any number of parties) */
static __attribute__((noinline)) void add_rows_any(double *restrict pay, const double (*restrict rows)[PL_AG_MAX_PARTIES],
                                                   pl_bits steps, int P)
{
    for (; steps; steps &= steps - 1) add_row(pay, rows[__builtin_ctzll(steps)], P);
}

static inline __attribute__((always_inline)) void add_rows(double *restrict pay,
                                                           const double (*restrict rows)[PL_AG_MAX_PARTIES],
                                                           pl_bits steps, int P)
{
#define ADD_ROWS(n) \
    for (; steps; steps &= steps - 1) add_row(pay, rows[__builtin_ctzll(steps)], n)
    switch (P) {
    case 1: ADD_ROWS(1); break;
    case 2: ADD_ROWS(2); break;
    case 3: ADD_ROWS(3); break;
    case 4: ADD_ROWS(4); break;
    case 5: ADD_ROWS(5); break;
    case 6: ADD_ROWS(6); break;
    case 7: ADD_ROWS(7); break;
    case 8: ADD_ROWS(8); break;
    default: add_rows_any(pay, rows, steps, P);
    }
#undef ADD_ROWS
}

static inline void pay_share(const pl_ag_compiled *c, int s, pl_ag_outcome *o)
{
    const double n = c->duration[s];
    o->pay[c->actor[s]] -= c->cost[s] / n;
    for (int p = 0; p < c->n_parties; p++) o->pay[p] += c->value_to[s][p] / n;
}

/* The second half of period R->t: the moves every party decided on the same snapshot
 * (merged in `all`), the work, the flows.  Returns 1 when nothing can change any more
 * (no work under way, nobody moved, no shock or confirmation to come): the caller may
 * then end the run with pl_ag_fast_forward. */
int pl_ag_period_close(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                       const pl_ag_move *all, const pl_ag_trace *tr)
{
    const int P = c->n_parties, H = c->horizon, t = R->t;
    pl_ag_state *const st = &R->st;
    /* withdrawals of covert steps in force are secret: nobody sees them until the verifier finds out */
    pl_bits hidden = all->reverse & c->covert & st->done;
    pl_ag_move seen;
    if (hidden) {
        /* copied only here: copied at every close, the move was read as two 16-byte loads just after
         * the decisions stored its first two fields one at a time, which the processor cannot forward
         * (a stall at every close) */
        seen = *all;
        seen.reverse &= ~hidden, seen.retal &= ~hidden, seen.opp &= ~hidden;
        all = &seen;
        for (pl_bits b = hidden; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (c->behave) R->covert_types[s] = pl_ag_covert_types(c, st, s); /* read when it is found out */
            st->covert |= PL_BIT(s);
            o->pay[c->actor[s]] -= c->reverse_cost[s];
            R->detect_at[s] = t + 1 + geometric(pl_rng_uniform(&R->late), c->p_detect[s], c->log_q_detect[s]);
            earlier(&R->next_event, R->detect_at[s]);
        }
    }
    /* what each was seen to do, on the snapshot: no move and nothing newly late is no evidence (as the
     * update itself finds, here without the call) */
    if (c->behave && (all->start | all->reverse | st->late_pub_new)) pl_ag_beliefs_update(c, st, all, R->unpaid ? NULL : o);
    for (pl_bits b = all->reverse; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        pl_bits bit = PL_BIT(s);
        int a = c->actor[s];
        if (c->behave && (all->retal & bit) && (st->late[a] & c->link[s]) && !(o->late_answered & bit)) {
            o->late_answered |= bit; /* withdrawn in answer to a late counterpart step */
            o->late_cause[s] = (signed char)__builtin_ctzll(st->late[a] & c->link[s]);
        }
        if (c->reversible & bit) R->full &= ~bit, R->remaining[s] = c->duration[s];
        st->done &= ~bit, st->prog &= ~bit, st->verified &= ~bit, st->breach &= ~bit;
        st->rev |= bit;
        undispute(c, st, bit);
        st->retal = (all->retal & bit) ? st->retal | bit : st->retal & ~bit;
        if (all->opp & bit) st->opp |= bit;
        o->pay[a] -= c->reverse_cost[s];
        if (!(R->ever_rev & bit)) R->ever_rev |= bit, R->rev_t[s] = t;
        if (o->first_rev_step < 0) o->first_rev_step = s, o->first_rev_party = a, o->first_rev_t = t;
        TRACE(PL_TR_REVERSE, s, a, st->verified);
    }
    for (pl_bits b = all->start; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        pl_bits bit = PL_BIT(s);
        if (!(st->started & bit)) {
            if (!(c->as_delivered & bit)) o->pay[c->actor[s]] -= c->cost[s];
            TRACE(PL_TR_START, s, c->actor[s], st->verified);
        } else
            TRACE(PL_TR_RESTART, s, c->actor[s], st->verified);
        st->started |= bit, st->prog |= bit;
        st->rev &= ~bit, st->retal &= ~bit;
        undispute(c, st, bit);
    }
    /* 4. work: quantities delivered pro rata (counted at the end, pl_ag_finish, from what is left),
     * completion pays the one-off values (a step paid as delivered pays a share each period instead) */
    R->full &= ~st->prog;
    for (pl_bits b = st->prog; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        pl_bits bit = PL_BIT(s);
        if ((c->as_delivered & bit) && !R->unpaid) pay_share(c, s, o);
        if (--R->remaining[s] > 0) continue;
        R->full |= bit;
        R->remaining[s] = c->duration[s];
        st->prog &= ~bit, st->done |= bit;
        if (!(st->ever_done & bit)) {
            st->ever_done |= bit;
            if (!(c->as_delivered & bit) && !R->unpaid)
                add_rows(o->pay, c->value_to, bit, P);
        }
        double u = (R->ver_drawn & bit) ? pl_rng_uniform(&R->late) : d->u_verify[s];
        R->ver_drawn |= bit;
        int g = geometric_cut(u, c->p_confirm[s], c->log_q_confirm[s], &c->confirm_geo[s]);
        if (R->watch) watch_confirm(R->watch, s, u, g);
        R->verify_at[s] = t + 1 + c->v_delay[s] + g;
        earlier(&R->next_event, R->verify_at[s]);
        TRACE(PL_TR_COMPLETE, s, c->actor[s], st->verified);
    }
    /* 5. what the steps in force are worth this period */
    pl_bits in_force = st->done & ~st->covert;
    if (!R->unpaid) {
        if (!st->shock_on)
            add_rows(o->pay, c->flow_to, in_force & c->has_flow, P);
        else
            add_rows(o->pay, R->flow_on, in_force & R->flowing_on, P);
    }
    if (o->complete_t < 0 && !(c->core & ~in_force)) o->complete_t = t;
    R->t = t + 1;
    /* 6. nothing can change any more? */
    if (!st->prog && !(all->start | all->reverse) && schedule_done(R, d) && t >= R->max_not_before &&
        (!c->behave || st->next_late >= H)) {
        if (R->next_event >= H) return 1; /* else one may be early: each is looked at */
        for (pl_bits b = st->done & ~st->verified; b; b &= b - 1)
            if (R->verify_at[__builtin_ctzll(b)] < H) return 0;
        for (pl_bits b = st->verified & c->has_false; b; b &= b - 1)
            if (R->false_at[__builtin_ctzll(b)] < H) return 0;
        for (pl_bits b = st->covert; b; b &= b - 1)
            if (R->detect_at[__builtin_ctzll(b)] < H) return 0;
        return 1;
    }
    return 0;
}

/* Ends a run at rest: the flows of the remaining periods, added at once. */
void pl_ag_fast_forward(const pl_ag_compiled *c, pl_ag_run_state *R, pl_ag_outcome *o)
{
    const int P = c->n_parties;
    int rest = c->horizon - R->t;
    if (rest > 0 && !R->unpaid)
        for (pl_bits b = R->st.done & ~R->st.covert & pl_ag_flowing(c, &R->st); b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            for (int p = 0; p < P; p++) o->pay[p] += pl_ag_flow(c, &R->st, s, p) * rest;
        }
    R->t = c->horizon;
}

/* The choices of a plan that may act (cs: a start, ck: a withdrawal) appended to step, keep and cut
 * (the chance each is drawn against); returns the new count. */
static int choices_that_may_act(const pl_ag_state *st, pl_bits cs, pl_bits ck, int n, int *step, int *keep, double *cut)
{
    for (pl_bits b = cs; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (st->p_act[s] > 0) step[n] = s, keep[n] = 0, cut[n++] = st->p_act[s];
    }
    for (pl_bits b = ck; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (st->p_act[s] < 1) step[n] = s, keep[n] = 1, cut[n++] = st->p_act[s];
    }
    return n;
}

/* pl_ag_skip; `kept`: the plans of the period just closed hold on this snapshot (pl_ag_period_next's
 * quiet close at rest), so their merge (agg_cs, agg_ck) is read instead of each party's plan remade. */
static int skip_at_rest(const pl_ag_compiled *c, pl_ag_run_state *R, pl_ag_outcome *o, int kept)
{
    if (!c->behave) {
        pl_ag_fast_forward(c, R, o);
        return 1;
    }
    if (R->t >= c->horizon) return 1;
    /* at rest the state is frozen, so each party's chance to act is the same every period: its plan
     * on this snapshot, as its decision would make it (kept from before, where it holds) */
    pl_ag_state *st = &R->st;
    int n = 0, step[PL_AG_MAX_STEPS], keep[PL_AG_MAX_STEPS];
    double cut[PL_AG_MAX_STEPS];
    if (kept) /* the parties that choose, merged (those that follow their rule exactly are at rest) */
        n = choices_that_may_act(st, st->agg_cs, st->agg_ck, 0, step, keep, cut);
    else {
        for (int p = 0; p < c->n_parties; p++) {
            if (c->exact[p]) continue;
            pl_ag_plan_now(c, st, p);
            n = choices_that_may_act(st, st->plan_cs[p], st->plan_ck[p], n, step, keep, cut);
        }
        if (st->type_watch) { /* the plans' logit choices, for the watching points */
            pl_bits starts = 0, keeps = 0;
            for (int p = 0; p < c->n_parties; p++)
                if (!c->exact[p])
                    starts |= st->plan_cs[p] & st->plan_rule[p].start, keeps |= st->plan_ck[p] & ~st->plan_rule[p].reverse;
            pl_ag_watch_chances(c, st, starts, keeps);
        }
    }
    int stop = c->horizon;
    for (int t = R->t; t < stop && n; t++)
        for (int i = 0; i < n; i++) {
            /* a start acts below its chance, a keeping at or above it (a chance is never NaN): one test
             * whose outcome is almost always "no", where choosing the comparison by keep[i] was a branch
             * the processor mispredicted as starts and keepings alternate */
            if ((pl_ag_choice_u(st->choice_key, t, step[i]) < cut[i]) != keep[i]) {
                stop = t;
                break;
            }
        }
    if (st->type_watch) pl_ag_watch_draws(st, R->t, stop < c->horizon ? stop : c->horizon - 1);
    int gap = stop - R->t;
    if (gap > 0 && !R->unpaid)
        for (pl_bits b = st->done & ~st->covert & pl_ag_flowing(c, st); b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            for (int p = 0; p < c->n_parties; p++) o->pay[p] += pl_ag_flow(c, st, s, p) * gap;
        }
    R->t = stop;
    return stop >= c->horizon;
}

int pl_ag_skip(const pl_ag_compiled *c, pl_ag_run_state *R, pl_ag_outcome *o) { return skip_at_rest(c, R, o, 0); }

/* The end of a run: what held, and whom a breakdown is blamed on. */
void pl_ag_finish(const pl_ag_compiled *c, const pl_ag_run_state *R, pl_ag_outcome *o)
{
    const int S = c->n_steps;
    const pl_ag_state *st = &R->st;
    o->ever_done = st->ever_done;
    o->in_force_end = st->done & ~st->covert;
    o->covert_end = st->covert;
    for (int s = 0; s < S; s++) /* the whole quantity, or pro rata to the periods worked since the last restart */
        o->delivered[s] = (R->full >> s & 1)                ? c->quantity[s]
                          : R->remaining[s] == c->duration[s] ? 0
                                                              : c->quantity[s] * (double)(c->duration[s] - R->remaining[s]) / c->duration[s];
    o->holds_end = !(c->core & ~o->in_force_end);
    o->break_step = -1;
    o->break_by_reversal = 0;
    if (!o->holds_end) {
        /* The breakdown is blamed on the earliest reversal that was never undone; failing that,
         * on the first core step that was due and never done (the hold-out). */
        pl_bits undone = c->core & ~o->in_force_end, blamed = undone & R->ever_rev;
        if (blamed) {
            int best = -1;
            for (pl_bits b = blamed; b; b &= b - 1) {
                int s = __builtin_ctzll(b);
                if (best < 0 || R->rev_t[s] < R->rev_t[best]) best = s;
            }
            o->break_step = best;
        } else {
            pl_bits due = 0;
            for (pl_bits b = undone; b; b &= b - 1) {
                int s = __builtin_ctzll(b);
                if (!(c->req[s] & ~st->verified)) due |= PL_BIT(s);
            }
            pl_bits pick = due ? due : undone;
            o->break_step = pick ? __builtin_ctzll(pick) : -1;
        }
        o->break_by_reversal = blamed != 0;
    }
}

/* A quiet stretch, skipped in bulk.  Called after the close of a period T whose decisions (made by
 * pl_ag_decide_all, so every plan is current and merged in agg_cs/agg_ck) moved nothing, gave the
 * Bayes update no evidence (nothing newly late) and left the expectations as they were (no memory
 * set, no belief to remake), and whose close completed nothing (the lateness's signature is the
 * state's).  Until the next event (a shock, a detection, a confirmation, a false report, a release
 * by `not_before`, a lateness clock running out, a completion) opens or closes a period, every
 * period's snapshot is T's: every plan holds, and the period plays out as T's did unless a choice
 * draw (the same hash, pl_ag_choice_u) fires.  So the periods are skipped one by one, drawing the
 * choices and doing the work and the flows of each (the payoffs added period by period, as the
 * close adds them: the same sums), up to the first that must be played: it is opened next.  No
 * skipped period's close finds the run at rest (pl_ag_period_close's test): what that test reads is
 * frozen in the stretch but the period, and T's close was not at rest, so only the last release was
 * to come, and a release ends the stretch. */
static void quiet_skip(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o)
{
    pl_ag_state *const st = &R->st;
    const int H = c->horizon, P = c->n_parties, t0 = R->t;
    int t = R->t, end = H; /* end: the first period whose opening (or closing) moves something */
    if (R->next_event < end) end = R->next_event; /* may be early: a period the stretch could skip played */
    if (st->next_late < end) end = st->next_late;
    for (pl_bits b = st->prog; b; b &= b - 1) /* the period whose close completes the step */
        if (t + R->remaining[__builtin_ctzll(b)] - 1 < end) end = t + R->remaining[__builtin_ctzll(b)] - 1;
    if (R->watch) watch_skip(R->watch, d, R->occ_i, end);
    if (R->occ_i < d->n_occ && d->occ_t[R->occ_i] < end) end = d->occ_t[R->occ_i];
    if (t >= end) return;
    /* the flows of a period, as the close adds them, from the same rows (none where the payoffs are not
     * added up) */
    const pl_bits in_force = R->unpaid ? 0 : st->done & ~st->covert;
    const pl_bits shares = R->unpaid ? 0 : c->as_delivered;
    const pl_bits flowing = in_force & (st->shock_on ? R->flowing_on : c->has_flow);
    const double(*const rows)[PL_AG_MAX_PARTIES] = st->shock_on ? R->flow_on : c->flow_to;
    const pl_bits cs = st->agg_cs, ck = st->agg_ck;
    for (; t < end; t++) {
        if (pl_ag_released(c, t) != st->time_rel) break; /* a release: the lateness and the rules move */
        const uint64_t base = pl_ag_choice_base(st->choice_key, t);
        for (pl_bits b = cs; b; b &= b - 1) {
            unsigned s = (unsigned)__builtin_ctzll(b);
            if (pl_ag_choice_u_at(base, s) < st->p_act[s]) goto played;
        }
        for (pl_bits b = ck; b; b &= b - 1) {
            unsigned s = (unsigned)__builtin_ctzll(b);
            if (pl_ag_choice_u_at(base, s) >= st->p_act[s]) goto played;
        }
        /* the period's close: the work, the flows */
        for (pl_bits b = st->prog; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (shares >> s & 1) pay_share(c, s, o);
            R->remaining[s]--;
        }
        add_rows(o->pay, rows, flowing, P);
    }
    if (st->type_watch) pl_ag_watch_draws(st, t0, t - 1); /* the periods skipped */
    R->t = t;
    return;
played:
    if (st->type_watch) pl_ag_watch_draws(st, t0, t); /* ... and the one a choice acts in */
    R->t = t;
}

/* pl_ag_period_reopen; `kept`: as skip_at_rest's. */
static int reopen(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o, int rest,
                  int kept, const pl_ag_trace *tr)
{
    if (rest && kept) { /* the next opening would move nothing: the run jumps first and opens where it lands */
        if (skip_at_rest(c, R, o, 1)) return 0;
        pl_ag_period_open(c, d, R, o, tr);
        return 1;
    }
    /* the next period opens at once (as the stepper's does), and a run at rest jumps from there */
    if (R->t < c->horizon) pl_ag_period_open(c, d, R, o, tr);
    if (rest) {
        int from = R->t;
        if (skip_at_rest(c, R, o, kept)) return 0;
        if (R->t != from) pl_ag_period_open(c, d, R, o, tr);
    }
    return 1;
}

int pl_ag_period_reopen(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o, int rest,
                        const pl_ag_trace *tr)
{
    return reopen(c, d, R, o, rest, 0, tr);
}

int pl_ag_period_next(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                      const pl_ag_move *all, const pl_ag_trace *tr)
{
    const pl_ag_state *st = &R->st;
    int quiet = c->behave && !(all->start | all->reverse) && !st->late_pub_new && st->grim == st->exp_grim &&
                !st->bel_dirty;
    int rest = pl_ag_period_close(c, d, R, o, all, tr);
    /* a quiet period whose close completed nothing: the next period's snapshot is this one's */
    quiet = quiet && st->done == st->time_sig[0] && st->prog == st->time_sig[2];
    if (quiet && !rest && R->t < c->horizon) quiet_skip(c, d, R, o);
    /* at rest after it, the next opening moves nothing either (no event is left to come before the
     * horizon), so the plans decided on this snapshot hold there */
    return reopen(c, d, R, o, rest, quiet, tr);
}

/* Whether the run, from period R->t on, can no longer complete before the horizon: some core step
 * not in force could not be in force by the last period even if its work went on without a break
 * (a step finishes in the period its remaining work runs out: one under way counting from now, one
 * not under way from when it may start again, at the earliest now or its `not_before`; a step's
 * remaining work is its duration unless a suspension kept what was delivered).  A lower bound only: the
 * steps it requires, the parties' choices and the verifiers can only make it later.
 * If not, *until gets a period before which it stays so while no step leaves force and no step is
 * withdrawn (st->rev gains no bit).  Each step's earliest finish (`at`) then only moves later: a step
 * under way keeps it while worked (a period later, a period less to do) and stops being worked only
 * when withdrawn (by a party or a shock: `rev` gains it; completed, it leaves the count); a step not
 * under way keeps its remaining work (only a withdrawal gives back the full duration, and one withdrawn
 * before the last look already had it), so its `at` passes the last period first at period
 * horizon + 1 - remaining.  The bound only spares looks: a run it lets go on cannot complete anyway. */
int pl_ag_cannot_complete(const pl_ag_compiled *c, const pl_ag_run_state *R, int *until)
{
    const int last = c->horizon - 1;
    int most = 0; /* the most work left of a step not under way */
    for (pl_bits b = c->core & ~(R->st.done & ~R->st.covert); b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        int from = c->not_before[s] > R->t ? c->not_before[s] : R->t;
        int at = ((R->st.prog >> s & 1) ? R->t : from) + R->remaining[s] - 1; /* a suspended step keeps its work */
        if (at > last) return 1;
        if (!(R->st.prog >> s & 1) && R->remaining[s] > most) most = R->remaining[s];
    }
    *until = last + 2 - most;
    return 0;
}

/* The opening of a run (pl_ag_loop_open's): the variant's shared opening, or the run's own; 0 if the
 * run ended there. */
static inline __attribute__((always_inline)) int loop_open(const pl_ag_compiled *c, const pl_ag_draws *d,
                                                           pl_ag_run_state *R, pl_ag_outcome *o, pl_ag_move *all,
                                                           const pl_ag_trace *tr, int until_complete)
{
    if (!pl_ag_opening_take(c, d, R, o, all)) {
        pl_ag_begin(c, d, R, o);
        if (c->horizon <= 0) return 0;
        pl_ag_period_open(c, d, R, o, tr);
        pl_ag_decide_all(c, &R->st, all);
    }
    R->unpaid = until_complete == 2;
    return 1;
}

int pl_ag_loop_open(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                    pl_ag_move *all, int until_complete)
{
    return loop_open(c, d, R, o, all, NULL, until_complete);
}

/* until_complete: 0 the whole run; 1 cut at completion; 2 cut, the payoffs not added up (R->unpaid) */
static void run_periods(const pl_ag_compiled *c, const pl_ag_draws *d,
                       pl_ag_run_state *R, pl_ag_outcome *o,
                       const pl_ag_trace *tr, int until_complete)
{
    pl_ag_move all;
    if (!loop_open(c, d, R, o, &all, tr, until_complete)) return;
    int until = 0; /* pl_ag_loop_cut's last look */
    pl_bits force = 0, rev = 0;
    /* from here, each period: every party decided on the same snapshot (`all`), then the close */
    while (pl_ag_period_next(c, d, R, o, &all, tr)) {
        if (until_complete && pl_ag_loop_cut(c, R, o, &until, &force, &rev)) return;
        if (R->t >= c->horizon) return;
        pl_ag_decide_all(c, &R->st, &all);
    }
}

void pl_ag_run(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_outcome *o, const pl_ag_trace *tr)
{
    pl_ag_run_state R;
    run_periods(c, d, &R, o, tr, 0);
    pl_ag_finish(c, &R, o);
}

int pl_ag_run_to_completion(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_outcome *o)
{
    pl_ag_run_state R; /* pl_ag_run's periods, the same draws in the same order, cut */
    run_periods(c, d, &R, o, NULL, 1);
    return o->complete_t;
}

int pl_ag_completion_of(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_outcome *o)
{
    pl_ag_run_state R; /* the same, the payoffs of the periods left out */
    run_periods(c, d, &R, o, NULL, 2);
    return o->complete_t;
}

void pl_ag_count_completions(const pl_ag_compiled *c, uint64_t seed, uint64_t first, uint64_t n, uint64_t *completed)
{
    pl_ag_draws d;
    pl_ag_outcome o;
    uint64_t k = 0;
    pl_ag_run_order *ord = pl_malloc(sizeof *ord); /* (without it, the runs in their order: the same count) */
    for (uint64_t at = first; at < first + n; at += PL_AG_ORDER_MAX) {
        const int m = (int)(first + n - at < PL_AG_ORDER_MAX ? first + n - at : PL_AG_ORDER_MAX);
        if (ord) pl_ag_order_by_types(c, seed, at, m, ord);
        for (int i = 0; i < m; i++) {
            pl_ag_draw(c, seed, at + (uint64_t)(ord ? ord->run[i] : i), &d);
            k += pl_ag_completion_of(c, &d, &o) >= 0;
        }
    }
    pl_free(ord);
    *completed = k;
}

/* ---- the many-run driver -------------------------------------------------- */

/* Runs per sum of doubles: each PL_AG_RUN_BLOCK runs from run 0 on are summed apart, and the sums added
 * to the totals in order (work_fold), so that the sums do not depend on the thread count nor on the
 * blocks of the worker pool (core/parallel.c), which hold one or more of them: whole runs up to
 * PL_AG_RUN_WINDOW, runs cut at completion (integer tallies only) up to PL_AG_ORDER_MAX. */
#define PL_AG_RUN_BLOCK 2048
#define PL_AG_RUN_WINDOW 8192
#define PL_AG_RUN_SUMS (PL_AG_RUN_WINDOW / PL_AG_RUN_BLOCK)
_Static_assert(PL_AG_RUN_WINDOW % PL_AG_RUN_BLOCK == 0 && PL_AG_RUN_WINDOW <= PL_AG_ORDER_MAX,
               "a block of whole runs is a whole number of sums, put in order at once");

typedef struct sim_job {
    const pl_ag_compiled *c; /* n_variants compiled variants */
    int n_variants, P, S, H;
    uint64_t runs, seed;
    size_t bel_n;           /* behaviour only: horizon x parties x options belief sums per variant, else 0 */
    int completion_only;    /* only completions, their times and the paired tallies (runs cut at completion) */
    pl_agreement_result *r; /* the totals: integers from each worker, doubles from each block in order */
} sim_job;

/* One worker's integer tallies (exact, so the order they are added in does not matter). */
/* Runs cut at completion are played a chunk of the block's runs at a time, every variant in turn on the
 * chunk: its draws made once (pl_ag_draw: variant 0's tables draw for every variant), not once a variant,
 * and few enough that they stay in the caches while the variants play them (some 1.7 KB a run). */
#define PL_AG_DRAW_CHUNK 128
typedef struct worker {
    pl_ag_stats st[PL_AG_MAX_VARIANTS];
    uint64_t *hist;
    uint64_t *bel; /* behaviour only: n_variants x bel_n */
    uint32_t prior_q[PL_AG_MAX_VARIANTS][PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS]; /* ... and each variant's prior */
    pl_ag_run_order order; /* a block's runs in the order they are played */
    double *keep;          /* whole runs: each run's payoffs[P] and deliveries[S], added up in run order after */
    pl_ag_draws draws[PL_AG_DRAW_CHUNK]; /* runs cut at completion: a chunk's draws, made once for every variant */
    uint64_t done[PL_AG_MAX_VARIANTS][PL_AG_ORDER_MAX / 64]; /* a block's completions, a bit a run */
} worker;

/* A block's sums of doubles: for each PL_AG_RUN_BLOCK runs of it (k) and variant, the payoffs' spread[P],
 * then pay_sum[P] and delivered[S]. */
static size_t variant_slot(const sim_job *j)
{
    return (size_t)j->P * sizeof(pl_spread) + (size_t)(j->P + j->S) * sizeof(double);
}
static pl_spread *slot_spread(const sim_job *j, void *slot, int k, int v)
{
    return (pl_spread *)((char *)slot + ((size_t)k * (size_t)j->n_variants + (size_t)v) * variant_slot(j));
}
static double *slot_dbl(const sim_job *j, void *slot, int k, int v)
{
    return (double *)(slot_spread(j, slot, k, v) + j->P);
}

static void stats_init(pl_ag_stats *s, uint64_t *hist)
{
    memset(s, 0, sizeof *s);
    s->time_hist = hist;
    for (int p = 0; p < PL_AG_MAX_PARTIES; p++) s->pay_min[p] = INFINITY, s->pay_max[p] = -INFINITY;
}

static int work_open(void *ctx, void **state, pl_error *err)
{
    sim_job *j = ctx;
    worker *w = pl_malloc(sizeof *w);
    uint64_t *hist = pl_calloc((size_t)j->n_variants * (size_t)j->H, sizeof *hist);
    if (!w || !hist) {
        pl_free(w), pl_free(hist);
        return pl_error_set(err, PL_ENOMEM, "out of memory for %llu runs", (unsigned long long)j->runs);
    }
    w->hist = hist;
    w->bel = NULL;
    w->keep = NULL;
    if ((j->bel_n && !(w->bel = pl_calloc((size_t)j->n_variants * j->bel_n, sizeof *w->bel))) ||
        (!j->completion_only && !(w->keep = pl_malloc((size_t)PL_AG_RUN_WINDOW * (size_t)(j->P + j->S) * sizeof *w->keep)))) {
        pl_free(w->bel), pl_free(w), pl_free(hist);
        return pl_error_set(err, PL_ENOMEM, "out of memory for %llu runs", (unsigned long long)j->runs);
    }
    for (int v = 0; v < j->n_variants; v++) {
        stats_init(&w->st[v], hist + (size_t)v * j->H);
        if (j->bel_n) w->st[v].belief_q = w->bel + (size_t)v * j->bel_n;
        if (j->bel_n) pl_ag_belief_prior(&j->c[v], w->prior_q[v]);
    }
    *state = w;
    return PL_OK;
}

/* A run counted, and its completion (t: the period, -1 none) with its time; 1 if it completed. */
static inline int tally_completion(pl_ag_stats *st, int t)
{
    st->runs++;
    if (t < 0) return 0;
    st->completed++;
    st->time_hist[t]++;
    st->time_sum += (uint64_t)t;
    st->time_sq += (uint64_t)t * (uint64_t)t;
    return 1;
}

/* Runs [lo, hi) of every variant: integer tallies into the worker, sums of doubles into the slot.
 * Variant by variant, each over the block's runs in the order of the types they draw (pl_ag_order_by_types;
 * whole runs: the draws made again for each variant, a few hundredths of a run; runs cut at completion: a
 * chunk of the runs at a time, every variant on it in turn, the chunk's draws made once), so that one
 * variant's compiled tables are in the caches, not all of them, and runs that go the same ways follow each other.
 * The integer tallies do not depend on the order; the sums of doubles do, so each run's payoffs and
 * deliveries are kept (w->keep) and added up in the order of the runs after, as before; the completions
 * of every variant are kept (done, a bit a run) for the paired tallies. */
static int work(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)err;
    sim_job *j = ctx;
    worker *w = state;
    pl_ag_draws d;
    pl_ag_outcome o;
    const int P = j->P, S = j->S;
    uint64_t(*done)[PL_AG_ORDER_MAX / 64] = w->done;
    assert(j->completion_only || hi - lo <= PL_AG_RUN_WINDOW); /* (w->keep holds a block of whole runs) */
    for (uint64_t at = lo; at < hi; at += PL_AG_ORDER_MAX) { /* (a block is PL_AG_ORDER_MAX runs at most) */
        const int n = (int)(hi - at < PL_AG_ORDER_MAX ? hi - at : PL_AG_ORDER_MAX);
        const size_t words = (size_t)(n + 63) / 64;
        for (int v = 0; v < j->n_variants; v++) memset(done[v], 0, words * sizeof done[v][0]);
        pl_ag_order_by_types(&j->c[0], j->seed, at, n, &w->order); /* the types variant 0's tables draw */
        if (j->completion_only) { /* the runs cut where their completion is known; nothing else counted */
            for (int i0 = 0; i0 < n; i0 += PL_AG_DRAW_CHUNK) {
                const int m = n - i0 < PL_AG_DRAW_CHUNK ? n - i0 : PL_AG_DRAW_CHUNK;
                for (int i = 0; i < m; i++) pl_ag_draw(&j->c[0], j->seed, at + (uint64_t)w->order.run[i0 + i], &w->draws[i]);
                for (int v = 0; v < j->n_variants; v++)
                    for (int i = 0; i < m; i++) {
                        const int r = w->order.run[i0 + i];
                        done[v][r / 64] |= (uint64_t)tally_completion(&w->st[v], pl_ag_completion_of(&j->c[v], &w->draws[i], &o)) << (r % 64);
                    }
            }
        }
        for (int v = 0; v < j->n_variants && !j->completion_only; v++) { /* whole runs */
            const pl_ag_compiled *c = &j->c[v];
            pl_ag_stats *st = &w->st[v];
            for (int i = 0; i < n; i++) {
                const int r = w->order.run[i];
                pl_ag_draw(&j->c[0], j->seed, at + (uint64_t)r, &d); /* variant 0's tables draw for every variant */
                uint64_t *bit = &done[v][r / 64];
                pl_ag_run(c, &d, &o, NULL);
                assert(o.complete_t < j->H && o.first_rev_party <= P);
                *bit |= (uint64_t)tally_completion(st, o.complete_t) << (r % 64);
                if (o.holds_end)
                    st->held++;
                else if (o.break_step >= 0) {
                    st->first_break[o.break_step]++;
                    if (o.break_by_reversal) st->break_by_reversal++;
                }
                if (o.first_rev_step >= 0) {
                    st->any_reversal++;
                    st->first_rev_step[o.first_rev_step]++;
                    st->first_rev_party[o.first_rev_party]++;
                }
                for (pl_bits b = o.ever_done; b; b &= b - 1) st->step_done[__builtin_ctzll(b)]++;
                for (pl_bits b = o.in_force_end; b; b &= b - 1) st->step_in_force[__builtin_ctzll(b)]++;
                for (int p = 0; p < P; p++) {
                    st->type_runs[p][o.type[p]]++;
                    if (o.complete_t >= 0) st->type_complete[p][o.type[p]]++;
                }
                double *kept = w->keep + (size_t)r * (size_t)(P + S);
                memcpy(kept, o.pay, (size_t)P * sizeof *kept);
                memcpy(kept + P, o.delivered, (size_t)S * sizeof *kept);
                for (pl_bits b = o.late_answered; b; b &= b - 1) {
                    int s = __builtin_ctzll(b);
                    st->late_answer[s][(int)o.late_cause[s]]++;
                }
                if (st->belief_q) pl_ag_belief_accumulate(c, w->prior_q[v], &o, st->belief_q);
            }
            for (int r = 0; r < n; r++) { /* the sums of doubles, in the order of the runs, a sum a PL_AG_RUN_BLOCK */
                double *dbl = slot_dbl(j, slot, r / PL_AG_RUN_BLOCK, v);
                pl_spread *spread = slot_spread(j, slot, r / PL_AG_RUN_BLOCK, v);
                const double *kept = w->keep + (size_t)r * (size_t)(P + S);
                for (int p = 0; p < P; p++) {
                    const double x = kept[p];
                    dbl[p] += x;
                    pl_spread_add(&spread[p], x);
                    if (x < st->pay_min[p]) st->pay_min[p] = x;
                    if (x > st->pay_max[p]) st->pay_max[p] = x;
                }
                for (int s = 0; s < S; s++) dbl[P + s] += kept[P + s];
            }
        }
        for (int v = 0; v < j->n_variants; v++) /* the paired tallies: the same run under two designs */
            for (int x = 0; x < j->n_variants; x++) w->st[v].only_completed[x] += pl_ag_only_completed(done[v], done[x], words);
    }
    return PL_OK;
}

/* Adds a block's sums of doubles to the totals, in block order, each PL_AG_RUN_BLOCK runs' in order (whole
 * runs; a block of runs cut at completion has none). */
static void work_fold(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    sim_job *j = ctx;
    if (j->completion_only) return;
    for (int k = 0; (uint64_t)k * PL_AG_RUN_BLOCK < hi - lo; k++)
        for (int v = 0; v < j->n_variants; v++) {
            pl_ag_stats *m = &j->r->stats[v];
            const double *dbl = slot_dbl(j, slot, k, v);
            const pl_spread *spread = slot_spread(j, slot, k, v);
            for (int p = 0; p < j->P; p++) m->pay_sum[p] += dbl[p], pl_spread_merge(&m->pay_spread[p], &spread[p]);
            for (int s = 0; s < j->S; s++) m->delivered_sum[s] += dbl[j->P + s];
        }
}

/* Adds integer tallies (and the payoffs' least and greatest) to variant v's totals: exact, so
 * in any order. */
static void stats_add(sim_job *j, int v, const pl_ag_stats *s)
{
    pl_ag_stats *m = &j->r->stats[v];
    m->runs += s->runs, m->completed += s->completed, m->any_reversal += s->any_reversal;
    m->held += s->held;
    m->break_by_reversal += s->break_by_reversal;
    m->time_sum += s->time_sum, m->time_sq += s->time_sq;
    for (int k = 0; k < j->S; k++) {
        m->step_done[k] += s->step_done[k], m->step_in_force[k] += s->step_in_force[k];
        m->first_break[k] += s->first_break[k], m->first_rev_step[k] += s->first_rev_step[k];
    }
    for (int p = 0; p <= j->P; p++) m->first_rev_party[p] += s->first_rev_party[p];
    for (int p = 0; p < j->P; p++) {
        for (int k = 0; k < PL_AG_MAX_OPTIONS; k++)
            m->type_runs[p][k] += s->type_runs[p][k], m->type_complete[p][k] += s->type_complete[p][k];
        if (s->pay_min[p] < m->pay_min[p]) m->pay_min[p] = s->pay_min[p];
        if (s->pay_max[p] > m->pay_max[p]) m->pay_max[p] = s->pay_max[p];
    }
    for (int t = 0; t < j->H; t++) m->time_hist[t] += s->time_hist[t];
    for (int x = 0; x < j->S; x++)
        for (int y = 0; y < j->S; y++) m->late_answer[x][y] += s->late_answer[x][y];
    for (size_t q = 0; q < j->bel_n; q++) m->belief_q[q] += s->belief_q[q];
    for (int x = 0; x < j->n_variants; x++) m->only_completed[x] += s->only_completed[x];
}

/* Adds a worker's integer tallies to the totals and frees it (under the pool's lock). */
static void work_close(void *ctx, void *state)
{
    sim_job *j = ctx;
    worker *w = state;
    for (int v = 0; v < j->n_variants; v++) {
        if (j->bel_n) /* the worker kept differences, and a run accumulated for each counted */
            pl_ag_belief_prefix(&j->c[v], (const uint32_t(*)[PL_AG_MAX_OPTIONS])w->prior_q[v], w->st[v].runs, w->st[v].belief_q);
        stats_add(j, v, &w->st[v]);
    }
    pl_free(w->bel);
    pl_free(w->keep);
    pl_free(w->hist);
    pl_free(w);
}

/* Across processes (parley/distribute.h): a process's totals of integer tallies as bytes, per
 * variant its stats (whose doubles and pointers the other side ignores), the completion-time
 * histogram and the belief sums; and another process's added to this one's. */
static size_t tally_variant(const sim_job *j) { return sizeof(pl_ag_stats) + ((size_t)j->H + j->bel_n) * sizeof(uint64_t); }

static void tally_pack(void *ctx, void *bytes)
{
    sim_job *j = ctx;
    for (int v = 0; v < j->n_variants; v++) {
        unsigned char *at = (unsigned char *)bytes + (size_t)v * tally_variant(j);
        const pl_ag_stats *m = &j->r->stats[v];
        memcpy(at, m, sizeof *m);
        memcpy(at + sizeof *m, m->time_hist, (size_t)j->H * sizeof(uint64_t));
        if (j->bel_n) memcpy(at + sizeof *m + (size_t)j->H * sizeof(uint64_t), m->belief_q, j->bel_n * sizeof(uint64_t));
    }
}

static void tally_add(void *ctx, const void *bytes)
{
    sim_job *j = ctx;
    for (int v = 0; v < j->n_variants; v++) {
        const unsigned char *at = (const unsigned char *)bytes + (size_t)v * tally_variant(j);
        pl_ag_stats s;
        memcpy(&s, at, sizeof s);
        s.time_hist = (uint64_t *)(uintptr_t)(at + sizeof s); /* 8-aligned: the stats hold uint64s */
        s.belief_q = j->bel_n ? (uint64_t *)(uintptr_t)(at + sizeof s + (size_t)j->H * sizeof(uint64_t)) : NULL;
        stats_add(j, v, &s);
    }
}

void pl_agreement_sim_config_default(pl_agreement_sim_config *cfg)
{
    *cfg = (pl_agreement_sim_config){.runs = 10000, .seed = 1, .threads = 1};
}

int pl_agreement_simulate(const pl_agreement *a, const pl_agreement_sim_config *cfg, pl_agreement_result **out,
                          pl_error *err)
{
    *out = NULL;
    if (!cfg || cfg->runs == 0) return pl_error_set(err, PL_EINVAL, "runs must be at least 1");
    int nv = a->n_variants > 0 ? a->n_variants : 1;
    sim_job j = {.n_variants = nv, .P = a->n_parties, .S = a->n_steps, .H = a->horizon, .runs = cfg->runs,
                 .seed = cfg->seed};
    pl_ag_compiled *comp = pl_malloc(sizeof *comp * (size_t)nv);
    pl_agreement_result *r = pl_calloc(1, sizeof *r);
    uint64_t *hist_all = pl_calloc((size_t)nv * (size_t)a->horizon, sizeof(uint64_t));
    j.completion_only = cfg->completion_only != 0;
    j.bel_n = a->behaviour.given && !j.completion_only ? (size_t)a->horizon * a->n_parties * PL_AG_MAX_OPTIONS : 0;
    uint64_t *bel_all = j.bel_n ? pl_calloc((size_t)nv * j.bel_n, sizeof(uint64_t)) : NULL;
    int rc = !comp || !r || !hist_all || (j.bel_n && !bel_all) ? PL_ENOMEM : PL_OK;
    for (int v = 0; v < nv && comp; v++) {
        pl_ag_compile(a, a->n_variants > 0 ? v : -1, &comp[v]);
        if (!rc) rc = pl_ag_opening_make(&comp[v]); /* the opening all its runs share (none without behaviour) */
    }
    if (rc) {
        for (int v = 0; v < nv && comp; v++) pl_ag_opening_drop(&comp[v]);
        pl_free(comp), pl_free(r), pl_free(hist_all), pl_free(bel_all);
        return pl_error_set(err, PL_ENOMEM, "out of memory for %llu runs", (unsigned long long)cfg->runs);
    }
    j.c = comp;
    j.r = r;
    r->n_variants = nv, r->horizon = a->horizon, r->n_parties = a->n_parties, r->n_steps = a->n_steps;
    r->runs = cfg->runs, r->seed = cfg->seed;
    r->hist_store = hist_all;
    r->belief_store = bel_all;
    for (int v = 0; v < nv; v++) {
        stats_init(&r->stats[v], hist_all + (size_t)v * a->horizon);
        if (j.bel_n) r->stats[v].belief_q = bel_all + (size_t)v * j.bel_n;
    }
    /* blocks as long as the pool makes them (the sums a PL_AG_RUN_BLOCK runs whatever they are): the longer,
     * the longer the stretches of runs of the same types (pl_ag_order_by_types), and the faster (on
     * six-party-2007's points 5 % at 8,192 runs a block against 2,048, 3 % more at 32,768); whole runs up
     * to PL_AG_RUN_WINDOW (their payoffs kept a run each, and the progress told a block at a time); runs
     * cut at completion have no sums of doubles (a slot of one byte, unread: the job is shared among processes
     * as a job with slots is, its tallies travelling as integers) */
    pl_parallel job = {.items = cfg->runs, .block_items = PL_AG_RUN_BLOCK,
                       .block_items_max = j.completion_only ? PL_AG_ORDER_MAX : PL_AG_RUN_WINDOW,
                       .threads = cfg->threads < 1 ? 1 : cfg->threads,
                       .slot_size = j.completion_only ? 1 : PL_AG_RUN_SUMS * (size_t)nv * variant_slot(&j), .ctx = &j, .worker_open = work_open,
                       .worker_close = work_close, .run = work, .fold = work_fold, .progress = cfg->progress,
                       .progress_user = cfg->progress_user, .distributable = 1,
                       .tally_size = (size_t)nv * tally_variant(&j), .tally_pack = tally_pack, .tally_add = tally_add};
    rc = pl_parallel_run(&job, err);
    for (int v = 0; v < nv; v++) pl_ag_opening_drop(&comp[v]);
    pl_free(comp);
    if (rc) {
        pl_agreement_result_free(r);
        return rc;
    }
    *out = r;
    return PL_OK;
}

void pl_agreement_result_free(pl_agreement_result *r)
{
    if (!r) return;
    pl_free(r->hist_store);
    pl_free(r->belief_store);
    pl_free(r->incentives);
    pl_free(r);
}

pl_interval pl_ag_wilson(uint64_t k, uint64_t n)
{
    pl_interval iv;
    pl_stats_wilson(k, n, PL_STATS_Z95, &iv.est, &iv.lo, &iv.hi);
    return iv;
}

pl_interval pl_ag_mean_interval(const pl_ag_stats *s, int p)
{
    pl_interval iv = {NAN, NAN, NAN};
    if (!s->runs) return iv;
    iv.est = s->pay_sum[p] / (double)s->runs;
    pl_stats_normal_interval(iv.est, pl_spread_variance(&s->pay_spread[p], 1), s->runs, PL_STATS_Z95, &iv.lo, &iv.hi);
    return iv;
}

pl_interval pl_ag_paired_completion(const pl_agreement_result *r, int v, int w)
{
    pl_interval iv;
    pl_stats_paired_diff(r->stats[v].only_completed[w], r->stats[w].only_completed[v], r->stats[v].runs, PL_STATS_Z95,
                         &iv.est, &iv.lo, &iv.hi);
    return iv;
}

pl_interval pl_agreement_result_p_complete(const pl_agreement_result *r, int v)
{
    return pl_ag_wilson(r->stats[v].completed, r->stats[v].runs);
}
pl_interval pl_agreement_result_p_step(const pl_agreement_result *r, int v, int s)
{
    return pl_ag_wilson(r->stats[v].step_done[s], r->stats[v].runs);
}
pl_interval pl_agreement_result_payoff(const pl_agreement_result *r, int v, int p)
{
    return pl_ag_mean_interval(&r->stats[v], p);
}
double pl_agreement_result_mean_time(const pl_agreement_result *r, int v)
{
    const pl_ag_stats *s = &r->stats[v];
    return s->completed ? (double)s->time_sum / (double)s->completed : NAN;
}
