/* agreement_replay.c — a dated record run through the agreement: the compliance ledger.
 *
 * Events are applied in date order (file order within a period).  For each
 * step the ledger keeps when it fell due (its deadline, or when everything it
 * requires had been verified on the record), when it was started, completed,
 * verified, reversed and restored, and how much of its quantity was delivered.
 * For each party and period it gives the fulfilment (the share of its due core
 * steps in force, partial deliveries counted pro rata) and the cumulative value
 * it gave to and received from the others under the scenario's payoffs.  A step
 * with no verifier counts as verified when completed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement.h"

enum { ST_IDLE, ST_PROG, ST_DONE, ST_REV };

static int cmp_event(const void *x, const void *y)
{
    const pl_ag_event *const *a = x, *const *b = y;
    if ((*a)->period != (*b)->period) return (*a)->period < (*b)->period ? -1 : 1;
    return *a < *b ? -1 : *a > *b; /* stable: file order */
}

int pl_agreement_replay(const pl_agreement *a, pl_agreement_ledger **out, pl_error *err)
{
    *out = NULL;
    if (!a->has_record) return pl_error_set(err, PL_EINVAL, "%s: the scenario has no 'record' to replay", a->path);
    int S = a->n_steps, P = a->n_parties;
    int last = 0;
    for (int i = 0; i < a->n_events; i++)
        if (a->event[i].period > last) last = a->event[i].period;
    int T = last + 3 < a->horizon ? last + 3 : a->horizon;
    pl_agreement_ledger *l = pl_calloc(1, sizeof *l);
    const pl_ag_event **ev = pl_malloc(sizeof *ev * (size_t)(a->n_events ? a->n_events : 1));
    if (l) {
        l->fulfilment = pl_malloc(sizeof(double) * (size_t)T * (size_t)P);
        l->given = pl_calloc((size_t)T * (size_t)P, sizeof(double));
        l->received = pl_calloc((size_t)T * (size_t)P, sizeof(double));
    }
    if (!l || !ev || !l->fulfilment || !l->given || !l->received) {
        pl_free(ev);
        pl_agreement_ledger_free(l);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    l->n_steps = S, l->n_parties = P, l->periods = T, l->last_event_period = last;
    l->first_rev_step = l->first_rev_party = l->first_rev_period = -1;
    for (int i = 0; i < a->n_events; i++) ev[i] = &a->event[i];
    qsort(ev, (size_t)a->n_events, sizeof *ev, cmp_event);

    pl_ag_compiled *c = pl_malloc(sizeof *c);
    if (!c) {
        pl_free(ev);
        pl_agreement_ledger_free(l);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    pl_ag_compile(a, a->record_variant, c);
    int status[PL_AG_MAX_STEPS] = {0};
    double frac_max[PL_AG_MAX_STEPS] = {0};
    pl_bits verified = 0;
    for (int s = 0; s < S; s++) {
        pl_ag_step_ledger *sl = &l->step[s];
        sl->due = a->step[s].deadline;
        sl->eligible = sl->started = sl->completed = sl->verified = sl->first_reversed = sl->last_restored = -1;
        sl->missed = sl->late_by = -1;
    }
    int e = 0;
    double given[PL_AG_MAX_PARTIES] = {0}, received[PL_AG_MAX_PARTIES] = {0};
    for (int t = 0; t < T; t++) {
        for (; e < a->n_events && ev[e]->period == t; e++) {
            const pl_ag_event *x = ev[e];
            if (x->step < 0) continue;
            int s = x->step;
            const pl_ag_step *st = &a->step[s];
            pl_ag_step_ledger *sl = &l->step[s];
            sl->recorded = 1;
            switch (x->kind) {
            case PL_EV_STARTED:
                if (sl->started < 0) sl->started = t, sl->started_date = x->date;
                if (status[s] == ST_IDLE) status[s] = ST_PROG;
                break;
            case PL_EV_DELIVERED:
                if (sl->started < 0) sl->started = t, sl->started_date = x->date;
                sl->delivered += x->quantity;
                if (sl->delivered > st->quantity) sl->delivered = st->quantity; /* never more than promised */
                if (status[s] == ST_IDLE) status[s] = ST_PROG;
                if (sl->delivered >= st->quantity && status[s] == ST_PROG) {
                    status[s] = ST_DONE;
                    if (sl->completed < 0) sl->completed = t, sl->completed_date = x->date;
                    if (st->ver_kind == PL_AG_VER_NONE) {
                        verified |= PL_BIT(s);
                        if (sl->verified < 0) sl->verified = t, sl->verified_date = x->date;
                    }
                }
                break;
            case PL_EV_RESTORED:
                sl->last_restored = t, sl->restored_date = x->date;
                status[s] = sl->completed >= 0 ? ST_DONE : ST_PROG;
                if (status[s] == ST_DONE && c->p_confirm[s] >= 1 && st->ver_kind == PL_AG_VER_NONE) verified |= PL_BIT(s);
                break;
            case PL_EV_COMPLETED:
                if (sl->started < 0) sl->started = t, sl->started_date = x->date;
                status[s] = ST_DONE;
                if (st->quantity > 0) sl->delivered = st->quantity;
                if (sl->completed < 0) sl->completed = t, sl->completed_date = x->date;
                if (st->ver_kind == PL_AG_VER_NONE) { /* plain to all: seen when done */
                    verified |= PL_BIT(s);
                    if (sl->verified < 0) sl->verified = t, sl->verified_date = x->date;
                }
                break;
            case PL_EV_VERIFIED:
                verified |= PL_BIT(s);
                if (sl->verified < 0) sl->verified = t, sl->verified_date = x->date;
                break;
            case PL_EV_REVERSED:
                status[s] = ST_REV;
                verified &= ~PL_BIT(s);
                sl->n_reversals++;
                if (sl->first_reversed < 0) sl->first_reversed = t, sl->reversed_date = x->date;
                if (l->first_rev_step < 0)
                    l->first_rev_step = s, l->first_rev_party = st->actor, l->first_rev_period = t,
                    l->first_rev_date = x->date;
                break;
            case PL_EV_MISSED:
                if (sl->missed < 0) sl->missed = t;
                break;
            default: break;
            }
        }
        /* due, fulfilment and the value balance at the end of period t */
        double frac[PL_AG_MAX_STEPS];
        for (int s = 0; s < S; s++) {
            pl_ag_step_ledger *sl = &l->step[s];
            if (sl->eligible < 0 && !(c->req[s] & ~verified)) sl->eligible = t;
            const pl_ag_step *st = &a->step[s];
            double q = st->quantity;
            switch (status[s]) {
            case ST_DONE: frac[s] = 1; break;
            case ST_PROG: frac[s] = q > 0 ? sl->delivered / q : 0; break; /* partial credit for work done */
            case ST_REV: frac[s] = q > 0 && !st->reversible ? sl->delivered / q : 0; break;
            default: frac[s] = 0;
            }
            double reached = q > 0 ? sl->delivered / q : (status[s] == ST_DONE ? 1 : 0);
            if (status[s] == ST_DONE) reached = 1;
            if (reached > frac_max[s]) {
                double dlt = reached - frac_max[s];
                frac_max[s] = reached;
                for (int p = 0; p < P; p++)
                    if (p != st->actor) given[st->actor] += st->value_to[p] * dlt, received[p] += st->value_to[p] * dlt;
            }
            if (status[s] == ST_DONE)
                for (int p = 0; p < P; p++)
                    if (p != st->actor) given[st->actor] += st->flow_to[p], received[p] += st->flow_to[p];
        }
        for (int p = 0; p < P; p++) {
            double sum = 0;
            int due = 0;
            for (int s = 0; s < S; s++) {
                const pl_ag_step *st = &a->step[s];
                if (st->actor != p || !st->core) continue;
                int d = st->deadline >= 0 ? st->deadline <= t : (l->step[s].eligible >= 0 && l->step[s].eligible <= t);
                if (!d) continue;
                due++;
                sum += frac[s];
            }
            l->fulfilment[(size_t)t * P + p] = due ? sum / due : NAN;
            l->given[(size_t)t * P + p] = given[p];
            l->received[(size_t)t * P + p] = received[p];
        }
    }
    for (int s = 0; s < S; s++) {
        pl_ag_step_ledger *sl = &l->step[s];
        sl->in_force_end = status[s] == ST_DONE;
        if (status[s] == ST_DONE) l->in_force_end |= PL_BIT(s);
        if (status[s] == ST_REV) l->reversed_end |= PL_BIT(s);
        if (sl->due >= 0 && sl->recorded) {
            if (sl->completed >= 0)
                sl->late_by = sl->completed > sl->due ? sl->completed - sl->due : 0;
            else if (T - 1 > sl->due)
                sl->late_by = T - 1 - sl->due;
        }
    }
    pl_free(c);
    pl_free(ev);
    *out = l;
    return PL_OK;
}

void pl_agreement_ledger_free(pl_agreement_ledger *l)
{
    if (!l) return;
    pl_free(l->fulfilment), pl_free(l->given), pl_free(l->received);
    pl_free(l);
}

int pl_agreement_ledger_completed(const pl_agreement_ledger *l, int s)
{
    return s >= 0 && s < l->n_steps ? l->step[s].completed : -1;
}
double pl_agreement_ledger_delivered(const pl_agreement_ledger *l, int s)
{
    return s >= 0 && s < l->n_steps ? l->step[s].delivered : 0;
}
