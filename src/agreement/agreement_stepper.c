// SPDX-License-Identifier: MIT
/* agreement_stepper.c — one run of an agreement, one period per call, one party's moves given.
 *
 * The period is the simulator's own (pl_ag_period_open and pl_ag_period_close in
 * agreement_simulate.c, pl_ag_decide in agreement_policy.h): only the caller's party's move comes from
 * outside.  Its reference policy still decides each period, on the same snapshot,
 * so that its memory follows the run and pl_agreement_stepper_policy_move can say
 * what it would do; stepping with those moves gives exactly pl_ag_run's run.  The
 * stepper opens each period (shocks, verification) as soon as the last one closes,
 * so that what the caller sees is what every party decides on.  With a `behaviour:` block the
 * caller's party follows its reference rule exactly (a person's moves do not tremble); at rest,
 * pl_agreement_stepper_skip jumps, as the simulator does, to the next period where some other
 * party's choice acts. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_policy.h"

#define MAX_EVENTS 256

typedef struct st_event {
    int kind, step, party, period;
} st_event;

struct pl_agreement_stepper {
    const pl_agreement *a;
    pl_ag_compiled c;
    pl_ag_draws d;
    pl_ag_run_state R;
    pl_ag_outcome o;
    int party, at_rest;
    int n_ev;
    st_event ev[MAX_EVENTS];
};

static void on_event(void *user, int t, int kind, int step, int party, pl_bits verified_before)
{
    (void)verified_before;
    pl_agreement_stepper *st = user;
    if (st->n_ev < MAX_EVENTS) st->ev[st->n_ev++] = (st_event){kind, step, party, t};
}

int pl_agreement_stepper_create(pl_agreement_stepper **out, const pl_agreement *a, int variant, int party,
                                uint64_t seed, uint64_t run, const char *reference, pl_error *err)
{
    *out = NULL;
    if (party < 0 || party >= a->n_parties)
        return pl_error_set(err, PL_EINVAL, "no party %d in an agreement of %d parties", party, a->n_parties);
    if (variant < -1 || variant >= (a->n_variants > 0 ? a->n_variants : 1))
        return pl_error_set(err, PL_EINVAL, "no variant %d", variant);
    int kind = -1;
    if (reference) {
        kind = pl_policy_from_name(reference);
        if (kind != PL_POL_RECIPROCAL && kind != PL_POL_UNCONDITIONAL && kind != PL_POL_GRIM && kind != PL_POL_OPPORTUNIST)
            return pl_error_set(err, PL_EINVAL, "reference policy '%s': expected reciprocal, unconditional, grim or "
                                                "opportunist (policies that name no steps)", reference);
    }
    pl_agreement_stepper *st = pl_calloc(1, sizeof *st);
    if (!st) return pl_error_set(err, PL_ENOMEM, "out of memory");
    st->a = a;
    st->party = party;
    pl_ag_compile(a, a->n_variants > 0 ? (variant < 0 ? 0 : variant) : -1, &st->c);
    /* the draws depend on the parties, steps and shocks only: a reference policy leaves them as they are */
    pl_ag_draw(&st->c, seed, run, &st->d);
    if (kind >= 0) pl_ag_set_one_policy(&st->c, party, (pl_policy_kind)kind);
    st->c.exact[party] = 1;
    pl_ag_begin(&st->c, &st->d, &st->R, &st->o);
    pl_ag_trace tr = {on_event, st};
    if (st->c.horizon > 0) pl_ag_period_open(&st->c, &st->d, &st->R, &st->o, &tr);
    *out = st;
    return PL_OK;
}

void pl_agreement_stepper_free(pl_agreement_stepper *st) { pl_free(st); }

int pl_agreement_stepper_period(const pl_agreement_stepper *st) { return st->R.t; }
int pl_agreement_stepper_done(const pl_agreement_stepper *st) { return st->R.t >= st->c.horizon; }
int pl_agreement_stepper_party(const pl_agreement_stepper *st) { return st->party; }
int pl_agreement_stepper_at_rest(const pl_agreement_stepper *st) { return st->at_rest; }

uint64_t pl_agreement_stepper_can_start(const pl_agreement_stepper *st)
{
    const pl_ag_state *s = &st->R.st;
    pl_bits out = 0;
    if (pl_agreement_stepper_done(st)) return 0;
    for (pl_bits b = st->c.own[st->party] & ~s->prog & ~s->done; b; b &= b - 1)
        if (st->c.not_before[__builtin_ctzll(b)] <= st->R.t) out |= b & -b;
    return out;
}

uint64_t pl_agreement_stepper_can_reverse(const pl_agreement_stepper *st)
{
    const pl_ag_state *s = &st->R.st;
    if (pl_agreement_stepper_done(st)) return 0;
    return st->c.own[st->party] & ((s->done & st->c.reversible) | s->prog);
}

void pl_agreement_stepper_policy_move(const pl_agreement_stepper *st, uint64_t *start, uint64_t *reverse)
{
    pl_ag_state copy = st->R.st; /* deciding may set the policy's memory: on a copy here */
    pl_ag_move m;
    pl_ag_decide(&st->c, &copy, st->party, &m);
    *start = m.start;
    *reverse = m.reverse;
}

/* One period: every other party's policy and the caller's move (or, own_policy, the
 * reference policy's) on the same snapshot, then the simulator's close, then the next open. */
static void play_period(pl_agreement_stepper *st, int own_policy, pl_bits start, pl_bits reverse)
{
    const pl_ag_compiled *c = &st->c;
    pl_ag_state *s = &st->R.st;
    pl_ag_move all = {0, 0, 0, 0};
    for (int p = 0; p < c->n_parties; p++) {
        pl_ag_move m;
        pl_ag_decide(c, s, p, &m);
        if (p == st->party && !own_policy) {
            /* the caller's answer to a counterpart's reversal is an answer, as a policy's would be */
            pl_bits threat = pl_ag_threat(c, s, p);
            m.start = start;
            m.reverse = reverse;
            m.retal = reverse & pl_ag_reciprocal_reversals(c, s, c->own[p], threat);
            m.opp = 0;
        }
        all.start |= m.start, all.reverse |= m.reverse, all.retal |= m.retal, all.opp |= m.opp;
    }
    st->n_ev = 0;
    pl_ag_trace tr = {on_event, st};
    st->at_rest = pl_ag_period_close(c, &st->d, &st->R, &st->o, &all, &tr);
    if (st->R.t < c->horizon) pl_ag_period_open(c, &st->d, &st->R, &st->o, &tr);
}

int pl_agreement_stepper_step(pl_agreement_stepper *st, uint64_t start, uint64_t reverse, pl_error *err)
{
    if (pl_agreement_stepper_done(st)) return pl_error_set(err, PL_EINVAL, "the run is over (horizon %d)", st->c.horizon);
    pl_bits bad = (start & ~pl_agreement_stepper_can_start(st)) | (reverse & ~pl_agreement_stepper_can_reverse(st));
    if (bad) {
        int s = __builtin_ctzll(bad);
        return pl_error_set(err, PL_EINVAL, "step '%s' cannot be %s by %s now", st->a->step[s].id,
                            (start >> s & 1) ? "started" : "reversed", st->a->party[st->party].id);
    }
    if (start & reverse)
        return pl_error_set(err, PL_EINVAL, "step '%s' both started and reversed", st->a->step[__builtin_ctzll(start & reverse)].id);
    play_period(st, 0, start, reverse);
    return PL_OK;
}

int pl_agreement_stepper_step_policy(pl_agreement_stepper *st, pl_error *err)
{
    if (pl_agreement_stepper_done(st)) return pl_error_set(err, PL_EINVAL, "the run is over (horizon %d)", st->c.horizon);
    play_period(st, 1, 0, 0);
    return PL_OK;
}

int pl_agreement_stepper_wait_to_end(pl_agreement_stepper *st, pl_error *err)
{
    int n_ev = 0;
    st_event ev[MAX_EVENTS];
    while (!pl_agreement_stepper_done(st)) {
        if (st->at_rest) {
            int from = st->R.t;
            if (pl_ag_skip(&st->c, &st->R, &st->o)) break;
            st->at_rest = 0;
            if (st->R.t != from) {
                pl_ag_trace tr = {on_event, st};
                pl_ag_period_open(&st->c, &st->d, &st->R, &st->o, &tr);
            }
        }
        int rc = pl_agreement_stepper_step(st, 0, 0, err);
        if (rc) return rc;
        for (int i = 0; i < st->n_ev && n_ev < MAX_EVENTS; i++) ev[n_ev++] = st->ev[i];
    }
    memcpy(st->ev, ev, (size_t)n_ev * sizeof *ev); /* every event of the periods waited */
    st->n_ev = n_ev;
    return PL_OK;
}

int pl_agreement_stepper_skip(pl_agreement_stepper *st, pl_error *err)
{
    if (pl_agreement_stepper_done(st)) return pl_error_set(err, PL_EINVAL, "the run is over (horizon %d)", st->c.horizon);
    if (!st->at_rest) return PL_OK;
    int from = st->R.t;
    st->n_ev = 0;
    if (!pl_ag_skip(&st->c, &st->R, &st->o) && st->R.t != from) {
        pl_ag_trace tr = {on_event, st};
        pl_ag_period_open(&st->c, &st->d, &st->R, &st->o, &tr);
    }
    st->at_rest = 0;
    return PL_OK;
}

pl_agreement_step_status pl_agreement_stepper_status(const pl_agreement_stepper *st, int s)
{
    const pl_ag_state *x = &st->R.st;
    pl_bits bit = PL_BIT(s);
    if (x->prog & bit) return PL_AGS_UNDER_WAY;
    if (x->done & bit) return (x->verified & bit) ? PL_AGS_VERIFIED : (x->breach & bit) ? PL_AGS_BREACH : PL_AGS_DONE;
    if (x->rev & bit) return PL_AGS_REVERSED;
    /* due only once it may start: what it requires is verified and its not_before date has come */
    return (st->c.req[s] & ~x->verified) || st->c.not_before[s] > st->R.t ? PL_AGS_WAITING : PL_AGS_DUE;
}

double pl_agreement_stepper_payoff(const pl_agreement_stepper *st, int p) { return st->o.pay[p]; }

const char *pl_agreement_stepper_policy(const pl_agreement_stepper *st, int p)
{
    return pl_policy_names[st->c.opt[p][st->R.st.type[p]].kind];
}

int pl_agreement_stepper_completed(const pl_agreement_stepper *st) { return st->o.complete_t; }
int pl_agreement_stepper_holds(const pl_agreement_stepper *st) { return !(st->c.core & ~(st->R.st.done & ~st->R.st.covert)); }

void pl_agreement_stepper_first_reversal(const pl_agreement_stepper *st, int *step, int *party, int *period)
{
    *step = st->o.first_rev_step;
    *party = st->o.first_rev_party;
    *period = st->o.first_rev_t;
}

int pl_agreement_stepper_n_events(const pl_agreement_stepper *st) { return st->n_ev; }
void pl_agreement_stepper_event(const pl_agreement_stepper *st, int i, int *kind, int *step, int *party, int *period)
{
    const st_event *e = &st->ev[i];
    *kind = e->kind, *step = e->step, *party = e->party, *period = e->period;
}
