/* agreement_time.c — when a counterpart's step is late, in each party's eyes.
 *
 * A step is due, for a party, once every step it requires is verified or is one of the
 * party's own steps that the party knows it has done (a party does not wait for the
 * verifier to believe its own declaration is complete: this is how two parties come to
 * disagree about whether a step is late).  A due step is late once it has not been
 * started by its start deadline (`start_by`, else the period it became due) or not
 * completed by its deadline (else the period it became due plus its duration, less one),
 * by more than the party's patience.  A late core step counts, for that party, as a
 * breach: its rule answers it as it answers a reversal (agreement_policy.h).  The public
 * view (what everyone can see verified, with the scenario's default patience) feeds the
 * beliefs: a step newly late there is evidence about its actor's type. */
#include <limits.h>

#include "agreement/agreement_behaviour.h"

void pl_ag_time_init(const pl_ag_compiled *c, pl_ag_state *st)
{
    for (int v = 0; v <= c->n_parties; v++)
        for (int s = 0; s < c->n_steps; s++) st->due_since[v][s] = -1;
    for (int p = 0; p < c->n_parties; p++) st->late[p] = 0;
    st->late_pub = st->late_pub_new = 0;
    st->next_late = INT_MAX;
}

/* The late steps of one view; *next gets the first later period at which another turns late. */
static pl_bits view_late(const pl_ag_compiled *c, pl_ag_state *st, int v, pl_bits visible, pl_bits watch, int patience,
                         int *next)
{
    const int t = st->t;
    short *since = st->due_since[v];
    pl_bits late = 0;
    for (int s = 0; s < c->n_steps; s++) {
        pl_bits bit = PL_BIT(s);
        if ((st->done & bit) || c->not_before[s] > t || (c->req[s] & ~visible)) {
            since[s] = -1;
            continue;
        }
        if (since[s] < 0) since[s] = (short)t;
        if (!(watch & bit)) continue;
        int due_done = since[s] + c->duration[s] - 1;
        if (c->deadline[s] > due_done) due_done = c->deadline[s];
        int when = due_done + patience + 1;
        if (!((st->prog | st->started) & bit) || (st->rev & bit)) {
            int start_by = c->start_by[s] > since[s] ? c->start_by[s] : since[s];
            if (c->start_by[s] >= 0 && start_by + patience + 1 < when) when = start_by + patience + 1;
        }
        if (t >= when)
            late |= bit;
        else if (when < *next)
            *next = when;
    }
    return late;
}

void pl_ag_time_update(const pl_ag_compiled *c, pl_ag_state *st)
{
    int next = INT_MAX;
    for (int p = 0; p < c->n_parties; p++) {
        pl_bits visible = st->verified | (st->done & c->own[p]);
        st->late[p] = view_late(c, st, p, visible, c->core & ~c->own[p], c->patience[p], &next);
    }
    pl_bits pub = view_late(c, st, c->n_parties, st->verified, c->all, c->pub_patience, &next);
    st->late_pub_new = pub & ~st->late_pub;
    st->late_pub = pub;
    st->next_late = next;
}
