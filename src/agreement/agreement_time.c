// SPDX-License-Identifier: MIT
/* agreement_time.c — when a counterpart's step is late, in each party's eyes.
 *
 * A step is due, for a party, once every step it requires is verified or is one of the
 * party's own steps that the party knows it has done (a party does not wait for the
 * verifier to believe its own declaration is complete: this is how two parties come to
 * disagree about whether a step is late).  A due step is late once it has not been
 * started by its start deadline (`start_by`, else the period it became due) or not
 * completed by its deadline (else the period it became due plus its duration, less one),
 * by more than the party's patience (a withdrawn step is judged by the rules for
 * withdrawals, not again as late).  A late core step counts, for that party, as a
 * breach: its rule answers it as it answers a reversal (agreement_policy.h).  The public
 * view (what everyone can see verified, with the scenario's default patience) feeds the
 * beliefs: a step newly late there is evidence about its actor's type. */
#include <limits.h>
#include <string.h>

#include "agreement/agreement_behaviour.h"

void pl_ag_time_init(const pl_ag_compiled *c, pl_ag_state *st)
{
    /* the clocks (due_since, due_by) are read only for the steps of their view's due set, which are
     * written as they fall due: the empty sets need none */
    for (int p = 0; p < c->n_parties; p++) st->late[p] = 0;
    st->ld_moved = ~0u;
    st->late_pub = st->late_pub_new = 0;
    st->late_of_pub = 0;
    st->next_late = INT_MAX;
    for (int v = 0; v <= c->n_parties; v++) st->due_mask[v] = 0;
    st->view_same = c->n_parties >= 32 ? ~0u : (1u << c->n_parties) - 1;
    st->pat_same = 0; /* made here, per run: the fit sets the patience after compiling */
    for (int p = 0; p < c->n_parties; p++)
        if (c->patience[p] == c->pub_patience) st->pat_same |= 1u << p;
    memset(st->time_sig, 0, sizeof st->time_sig);
    st->time_cand = st->time_rel = 0; /* consistent with the empty due sets: every candidate is new */
}

/* The steps whose due status may have moved since the last update: those that require a step whose
 * visibility moved (c->req_users). */
static inline pl_bits users_of(const pl_ag_compiled *c, pl_bits moved)
{
    pl_bits u = 0;
    for (; moved; moved &= moved - 1) u |= c->req_users[__builtin_ctzll(moved)];
    return u;
}

/* The late steps of one view; *next gets the first later period at which another turns late.  The
 * view's due set is kept from its last update: only the steps of `affected` (those whose candidacy
 * or whose required steps' visibility moved since) are tested again. */
static inline __attribute__((always_inline)) pl_bits view_late_body(const pl_ag_compiled *c, pl_ag_state *st, int v,
                                                                    pl_bits cand, pl_bits affected, pl_bits visible,
                                                                    pl_bits watch, int patience, int *next)
{
    const int t = st->t;
    short *since = st->due_since[v], *due_by = st->due_by[v];
    pl_bits due = st->due_mask[v] & ~affected;
    for (pl_bits b = affected & cand; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (!(c->req[s] & ~visible)) due |= PL_BIT(s);
    }
    for (pl_bits b = due & ~st->due_mask[v]; b; b &= b - 1) {
        int s = __builtin_ctzll(b), by = t + c->duration[s] - 1;
        since[s] = (short)t;
        due_by[s] = (short)(c->deadline[s] > by ? c->deadline[s] : by);
    }
    st->due_mask[v] = due;
    pl_bits late = 0;
    int first = *next;
    const pl_bits to_start = c->has_start_by & ~(st->prog | st->started); /* a start deadline still to meet */
    for (pl_bits b = due & watch & ~st->rev; b; b &= b - 1) { /* a withdrawn step is judged as a withdrawal */
        int s = __builtin_ctzll(b);
        /* the period it is due done by (due_by); or, not yet started, the period it is due started by
         * (its start deadline, at the earliest when it fell due) if sooner */
        int by = due_by[s];
        if (to_start >> s & 1) {
            int start_by = c->start_by[s] > since[s] ? c->start_by[s] : since[s];
            by = start_by < by ? start_by : by;
        }
        int when = by + patience + 1;
        if (t >= when)
            late |= PL_BIT(s);
        else if (when < first)
            first = when;
    }
    *next = first;
    return late;
}

/* view_late_body out of line, for the parties' own views; the public view's, made at every update, has it
 * in place (the call's saving and restoring of registers was a tenth of its instructions) */
static pl_bits view_late(const pl_ag_compiled *c, pl_ag_state *st, int v, pl_bits cand, pl_bits affected,
                         pl_bits visible, pl_bits watch, int patience, int *next)
{
    return view_late_body(c, st, v, cand, affected, visible, watch, patience, next);
}

static inline __attribute__((always_inline)) void time_update(const pl_ag_compiled *c, pl_ag_state *st, int full)
{
    /* the signature (time_sig: done, verified, prog, started, rev) compared and kept field by field, not
     * through an array on the stack: its fields were stored there one at a time and read back two at a time
     * just after, which the processor cannot forward from those stores (a stall at every update) */
    pl_bits *const sig = st->time_sig;
    pl_bits rel = pl_ag_released(c, st->t);
    /* what the views read of the state: done, verified and rev, and whether a step with a start
     * deadline is under way or started (view_late); the other steps' starts and work move no lateness */
    pl_bits moved = (st->done ^ sig[0]) | (st->verified ^ sig[1]) | (st->rev ^ sig[4]) |
                    (((st->prog ^ sig[2]) | (st->started ^ sig[3])) & c->has_start_by);
    if (!full && rel == st->time_rel && !moved && st->t < st->next_late && st->t > 0) {
        sig[2] = st->prog, sig[3] = st->started; /* the state it holds for */
        st->late_pub_new = 0; /* nothing moved, nothing released and no clock ran out: as before */
        /* but a party's memory set while it decided last period is read by the expectations now
         * (a triggered grim type does nothing): they were last made before it */
        if (st->grim != st->exp_grim) pl_ag_expectations(c, st);
        return;
    }
    /* what moved since the last update: the due sets are kept, and only the steps it can move tested */
    pl_bits cand = c->all & ~st->done & rel;
    pl_bits d_cand = cand ^ st->time_cand, d_ver = st->verified ^ sig[1], d_done = st->done ^ sig[0];
    if (full) d_cand = c->all; /* every step tested again */
    sig[0] = st->done, sig[1] = st->verified, sig[2] = st->prog, sig[3] = st->started, sig[4] = st->rev;
    st->time_cand = cand, st->time_rel = rel;
    int next = INT_MAX;
    const int P = c->n_parties;
    const uint32_t parties = P >= 32 ? ~0u : (1u << P) - 1;
    /* the parties with own steps done and not yet verified: they see those as done, the public not */
    uint32_t unverified = 0;
    for (pl_bits b = st->done & ~st->verified; b; b &= b - 1) unverified |= 1u << c->actor[__builtin_ctzll(b)];
    /* parties that see what everyone sees, and have since the steps fell due: the public view serves them */
    uint32_t deferred = st->view_same & ~unverified & parties;
    for (uint32_t m = parties & ~deferred; m; m &= m - 1) {
        int p = __builtin_ctz(m);
        pl_bits mine_unverified = st->done & ~st->verified & c->own[p];
        /* its own steps done are visible to it: what moved is what moved in public and its own done */
        pl_bits vis_moved = d_ver | (d_done & c->own[p]);
        if (st->view_same >> p & 1) {
            /* its clocks were the public ones up to now: take them before they move on */
            memcpy(st->due_since[p], st->due_since[P], sizeof st->due_since[p]);
            memcpy(st->due_by[p], st->due_by[P], sizeof st->due_by[p]);
            st->due_mask[p] = st->due_mask[P];
            vis_moved = d_ver | mine_unverified; /* the public view saw only the verified */
        }
        const pl_bits late = view_late(c, st, p, cand, d_cand | users_of(c, vis_moved), st->verified | mine_unverified,
                                       c->core & ~c->own[p], c->patience[p], &next);
        st->ld_moved |= (uint32_t)(late != st->late[p]) << p;
        st->late[p] = late;
    }
    pl_bits pub = view_late_body(c, st, P, cand, d_cand | users_of(c, d_ver), st->verified, c->all, c->pub_patience, &next);
    /* those with the public patience too: the public late steps, theirs made again only where the public
     * ones moved or they were made otherwise last time */
    const uint32_t of_pub = deferred & st->pat_same;
    for (uint32_t m = of_pub & ~(pub == st->late_pub && !full ? st->late_of_pub : 0); m; m &= m - 1) {
        int p = __builtin_ctz(m);
        const pl_bits late = pub & c->core & ~c->own[p];
        st->ld_moved |= (uint32_t)(late != st->late[p]) << p;
        st->late[p] = late;
    }
    st->late_of_pub = of_pub;
    for (uint32_t m = deferred & ~st->pat_same; m; m &= m - 1) { /* the public clocks, the party's patience */
        int p = __builtin_ctz(m);
        memcpy(st->due_since[p], st->due_since[P], sizeof st->due_since[p]);
        memcpy(st->due_by[p], st->due_by[P], sizeof st->due_by[p]);
        st->due_mask[p] = st->due_mask[P];
        int nx = INT_MAX;
        const pl_bits late = view_late(c, st, p, st->due_mask[p], 0, st->verified, c->core & ~c->own[p], c->patience[p], &nx);
        st->ld_moved |= (uint32_t)(late != st->late[p]) << p;
        st->late[p] = late;
        if (nx < next) next = nx;
    }
    /* the others back to the public view once their clocks agree with the public ones */
    for (uint32_t m = parties & ~deferred; m; m &= m - 1) {
        int p = __builtin_ctz(m);
        int same = !(unverified >> p & 1) && st->due_mask[p] == st->due_mask[P];
        for (pl_bits b = st->due_mask[p]; b && same; b &= b - 1)
            if (st->due_since[p][__builtin_ctzll(b)] != st->due_since[P][__builtin_ctzll(b)]) same = 0;
        st->view_same = same ? st->view_same | 1u << p : st->view_same & ~(1u << p);
    }
    st->late_pub_new = pub & ~st->late_pub;
    st->late_pub = pub;
    st->next_late = next;
    /* a belief or a memory changed since the expectations were made (else remaking them is a no-op) */
    if (st->bel_dirty || st->grim != st->exp_grim) pl_ag_expectations(c, st);
}

void pl_ag_time_update(const pl_ag_compiled *c, pl_ag_state *st) { time_update(c, st, 0); }
void pl_ag_time_update_full(const pl_ag_compiled *c, pl_ag_state *st) { time_update(c, st, 1); }
