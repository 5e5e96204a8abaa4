// SPDX-License-Identifier: MIT
/* agreement_replay.c — a dated record run through the agreement: the compliance ledger.
 *
 * Events are applied in date order (file order within a day).  For each step the ledger keeps
 * when it became eligible (everything it requires verified on the record), when it fell due,
 * when it was started, completed, verified, reversed and restored, and how much of its quantity
 * was delivered.  The rules, stated in docs/agreements.md ("The replay's rules"):
 *
 *  - Only steps of the agreement as agreed are charged (`agreed: false` marks an offer or a
 *    variant's step).  A step is charged from its completion deadline; a step with a starting
 *    deadline (`start_by`, "commence within 60 days") also from that date while it has not
 *    started; a step with neither is due once eligible plus its duration (a 60-month construction
 *    is not "due and undone" the day it may begin); a rate (`rate`, "500,000 t a year until ...")
 *    is due pro rata from its start until what ends it.
 *  - A charged step is in one of three states: done (in force), not done (the record shows it
 *    undone: not started, reversed, refused), or unknown (the record does not settle it).  A
 *    step with no record at all is unknown, never 0 %; so is a delivery under way between two
 *    dated tranches (missing data is not non-delivery); a step whose record starts with its
 *    completion is unknown before it (we do not know when the work began).
 *  - A party's fulfilment is the share done among its charged steps whose state is known
 *    (deliveries pro rata); the count of unknown ones is kept beside it.
 *  - Value flows from giver to receiver under the scenario's payoffs, kept per pair of parties.
 * A step with no verifier counts as verified when completed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement.h"

const char *const pl_ag_due_basis_names[PL_DUE_BASIS_COUNT] = {"none", "deadline", "start_by", "duration", "rate",
                                                               "not_agreed"};
const char *const pl_ag_step_state_names[PL_SS_COUNT] = {"not_due", "done", "not_done", "unknown", "not_agreed"};

enum { ST_IDLE, ST_PROG, ST_DONE, ST_REV };

static int cmp_event(const void *x, const void *y)
{
    const pl_ag_event *const *a = x, *const *b = y;
    if ((*a)->period != (*b)->period) return (*a)->period < (*b)->period ? -1 : 1;
    int c = strcmp((*a)->date, (*b)->date);
    if (c) return c;
    return *a < *b ? -1 : *a > *b; /* stable: file order */
}

static int last_work_period(int from, int duration) { return from + (duration > 1 ? duration - 1 : 0); }

int pl_agreement_replay(const pl_agreement *a, pl_agreement_ledger **out, pl_error *err)
{
    *out = NULL;
    if (!a->has_record) return pl_error_set(err, PL_EINVAL, "%s: the scenario has no 'record' to replay", a->path);
    int S = a->n_steps, P = a->n_parties;
    int last = 0;
    for (int i = 0; i < a->n_events; i++)
        if (a->event[i].period > last) last = a->event[i].period;
    int T = last + 3 < a->horizon ? last + 3 : a->horizon;
    size_t TP = (size_t)T * (size_t)P;
    pl_agreement_ledger *l = pl_calloc(1, sizeof *l);
    const pl_ag_event **ev = pl_malloc(sizeof *ev * (size_t)(a->n_events ? a->n_events : 1));
    pl_ag_compiled *c = pl_malloc(sizeof *c);
    if (l) {
        l->fulfilment = pl_malloc(sizeof(double) * TP);
        l->given = pl_calloc(TP, sizeof(double));
        l->received = pl_calloc(TP, sizeof(double));
        l->n_due = pl_calloc(TP, sizeof(int));
        l->n_unknown = pl_calloc(TP, sizeof(int));
        l->pair_given = pl_calloc((size_t)P * (size_t)P, sizeof(double));
    }
    if (!l || !ev || !c || !l->fulfilment || !l->given || !l->received || !l->n_due || !l->n_unknown ||
        !l->pair_given) {
        pl_free(ev), pl_free(c);
        pl_agreement_ledger_free(l);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    l->n_steps = S, l->n_parties = P, l->periods = T, l->last_event_period = last;
    l->first_rev_step = l->first_rev_party = l->first_rev_period = -1;
    for (int i = 0; i < a->n_events; i++) ev[i] = &a->event[i];
    qsort(ev, (size_t)a->n_events, sizeof *ev, cmp_event);
    pl_ag_compile(a, a->record_variant, c);

    /* what the record says first about each step: a dated start settles the time before it */
    int first_kind[PL_AG_MAX_STEPS];
    for (int s = 0; s < S; s++) first_kind[s] = -1;
    for (int i = 0; i < a->n_events; i++) {
        int s = ev[i]->step;
        if (s >= 0 && first_kind[s] < 0 && ev[i]->kind != PL_EV_NOTE) first_kind[s] = (int)ev[i]->kind;
    }
    int status[PL_AG_MAX_STEPS] = {0}, missed_seen[PL_AG_MAX_STEPS] = {0}, until_hit[PL_AG_MAX_STEPS] = {0};
    double frac_max[PL_AG_MAX_STEPS] = {0}, rate_due[PL_AG_MAX_STEPS] = {0};
    pl_bits verified = 0;
    for (int s = 0; s < S; s++) {
        const pl_ag_step *st = &a->step[s];
        pl_ag_step_ledger *sl = &l->step[s];
        sl->eligible = sl->started = sl->completed = sl->verified = sl->first_reversed = sl->last_restored = -1;
        sl->missed = sl->late_by = -1;
        sl->start_by = st->start_by;
        sl->due = -1;
        sl->frac_end = NAN;
        if (!st->agreed) sl->basis = PL_DUE_NOT_AGREED;
        else if (st->rate > 0) sl->basis = PL_DUE_RATE;
        else if (st->deadline >= 0) sl->basis = PL_DUE_DEADLINE, sl->due = st->deadline;
        else if (st->start_by >= 0) sl->basis = PL_DUE_START_BY, sl->due = last_work_period(st->start_by, st->duration);
        else sl->basis = PL_DUE_NONE; /* PL_DUE_DURATION once eligible */
        if (st->rate > 0 && st->start_by >= 0) sl->due = st->start_by;
    }
    int e = 0;
    double given[PL_AG_MAX_PARTIES] = {0}, received[PL_AG_MAX_PARTIES] = {0};
    for (int t = 0; t < T; t++) {
        int tranche[PL_AG_MAX_STEPS] = {0}; /* a delivery or completion dated in this period */
        for (; e < a->n_events && ev[e]->period == t; e++) {
            const pl_ag_event *x = ev[e];
            if (x->step < 0) continue;
            int s = x->step;
            const pl_ag_step *st = &a->step[s];
            pl_ag_step_ledger *sl = &l->step[s];
            if (x->kind != PL_EV_NOTE) sl->recorded = 1;
            switch (x->kind) {
            case PL_EV_STARTED:
                if (sl->started < 0) sl->started = t, sl->started_date = x->date;
                if (status[s] == ST_IDLE) status[s] = ST_PROG;
                break;
            case PL_EV_DELIVERED:
                if (sl->started < 0) sl->started = t, sl->started_date = x->date;
                sl->delivered += x->quantity;
                tranche[s] = 1;
                if (st->rate <= 0 && sl->delivered > st->quantity) sl->delivered = st->quantity; /* never more than promised */
                if (status[s] == ST_IDLE) status[s] = ST_PROG;
                if (st->rate <= 0 && sl->delivered >= st->quantity && status[s] == ST_PROG) {
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
                if (status[s] == ST_DONE && st->ver_kind == PL_AG_VER_NONE) verified |= PL_BIT(s);
                break;
            case PL_EV_COMPLETED:
                if (sl->started < 0) sl->started = t, sl->started_date = x->date;
                status[s] = ST_DONE;
                tranche[s] = 1;
                if (st->quantity > 0 && st->rate <= 0) sl->delivered = st->quantity;
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
            case PL_EV_DETECTED: /* a secret withdrawal, seen from its finding */
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
                missed_seen[s] = 1;
                break;
            default: break;
            }
        }
        /* eligibility, due dates, each step's state, fulfilment and the value balance at the end of t */
        double frac[PL_AG_MAX_STEPS];
        pl_ag_step_state state[PL_AG_MAX_STEPS];
        for (int s = 0; s < S; s++) {
            pl_ag_step_ledger *sl = &l->step[s];
            const pl_ag_step *st = &a->step[s];
            if (sl->eligible < 0 && !(c->req[s] & ~verified)) {
                sl->eligible = t;
                int from = t > st->not_before ? t : st->not_before; /* eligible, and not before its date */
                if (sl->basis == PL_DUE_NONE) sl->basis = PL_DUE_DURATION, sl->due = last_work_period(from, st->duration);
                /* an offer is never charged, but the ledger shows when it would have fallen due */
                if (sl->basis == PL_DUE_NOT_AGREED && sl->due < 0)
                    sl->due = st->deadline >= 0 ? st->deadline : last_work_period(from, st->duration);
                if (sl->basis == PL_DUE_RATE && sl->due < 0) sl->due = t;
            }
            double q = st->quantity;
            int charged = 0;
            switch (sl->basis) {
            case PL_DUE_RATE: {
                int ends = (st->until >= 0 && t > st->until) ||
                           (st->until_step >= 0 && l->step[st->until_step].completed >= 0 &&
                            t > l->step[st->until_step].completed);
                if (ends) until_hit[s] = 1;
                if (sl->due >= 0 && t >= sl->due) {
                    charged = 1;
                    if (!until_hit[s]) rate_due[s] += st->rate;
                }
                break;
            }
            case PL_DUE_START_BY:
                charged = t >= sl->due || (t >= sl->start_by && !(sl->started >= 0 && sl->started <= t));
                break;
            case PL_DUE_DEADLINE:
            case PL_DUE_DURATION: charged = t >= sl->due; break;
            default: charged = 0;
            }
            /* the state the record gives the step at t */
            double f = NAN;
            switch (status[s]) {
            case ST_DONE: f = 1; break;
            case ST_REV: f = q > 0 && !st->reversible && st->rate <= 0 ? sl->delivered / q : 0; break;
            case ST_PROG:
                if (st->rate > 0) f = tranche[s] && rate_due[s] > 0 ? fmin(1, sl->delivered / rate_due[s]) : NAN;
                else if (q > 0) f = tranche[s] ? sl->delivered / q : NAN; /* between dated tranches: unknown */
                else f = 0;                                                /* started, not completed */
                break;
            default: /* not started on the record at t */
                f = missed_seen[s] || first_kind[s] == PL_EV_STARTED || first_kind[s] == PL_EV_MISSED ? 0 : NAN;
            }
            frac[s] = f;
            state[s] = !st->agreed ? PL_SS_NOT_AGREED
                     : !charged    ? PL_SS_NOT_DUE
                     : isnan(f)    ? PL_SS_UNKNOWN
                     : f >= 1      ? PL_SS_DONE
                                   : PL_SS_NOT_DONE;
            if (t == T - 1) sl->state_end = state[s], sl->frac_end = charged ? f : NAN;
            /* value given, pair by pair: one-off value as it is reached, flows while in force */
            double reached = q > 0 ? fmin(1, sl->delivered / q) : (status[s] == ST_DONE ? 1 : 0);
            if (status[s] == ST_DONE) reached = 1;
            if (reached > frac_max[s]) {
                double dlt = reached - frac_max[s];
                frac_max[s] = reached;
                for (int p = 0; p < P; p++)
                    if (p != st->actor) {
                        double v = st->value_to[p] * dlt;
                        given[st->actor] += v, received[p] += v, l->pair_given[(size_t)st->actor * P + p] += v;
                    }
            }
            if (status[s] == ST_DONE)
                for (int p = 0; p < P; p++)
                    if (p != st->actor) {
                        double v = st->flow_to[p];
                        given[st->actor] += v, received[p] += v, l->pair_given[(size_t)st->actor * P + p] += v;
                    }
        }
        for (int p = 0; p < P; p++) {
            double sum = 0;
            int due = 0, unknown = 0;
            for (int s = 0; s < S; s++) {
                if (a->step[s].actor != p) continue;
                if (state[s] == PL_SS_NOT_DUE || state[s] == PL_SS_NOT_AGREED) continue;
                due++;
                if (state[s] == PL_SS_UNKNOWN) unknown++;
                else sum += frac[s];
            }
            size_t i = (size_t)t * P + p;
            l->fulfilment[i] = due > unknown ? sum / (due - unknown) : NAN;
            l->n_due[i] = due, l->n_unknown[i] = unknown;
            l->given[i] = given[p];
            l->received[i] = received[p];
        }
    }
    for (int s = 0; s < S; s++) {
        pl_ag_step_ledger *sl = &l->step[s];
        sl->in_force_end = status[s] == ST_DONE;
        if (status[s] == ST_DONE) l->in_force_end |= PL_BIT(s);
        if (status[s] == ST_REV) l->reversed_end |= PL_BIT(s);
        /* lateness against a date in the text: the start against a starting deadline, the completion
         * against a completion deadline (durations are assumptions, so no lateness from them) */
        if (sl->basis == PL_DUE_START_BY || (sl->basis == PL_DUE_RATE && sl->start_by >= 0)) {
            if (sl->started >= 0 && first_kind[s] == PL_EV_STARTED) /* a dated start, not a first tranche */
                sl->late_by = sl->started > sl->start_by ? sl->started - sl->start_by : 0;
            else if (sl->started < 0 && sl->recorded && T - 1 > sl->start_by)
                sl->late_by = T - 1 - sl->start_by;
        } else if (sl->basis == PL_DUE_DEADLINE && sl->recorded) {
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
    pl_free(l->n_due), pl_free(l->n_unknown), pl_free(l->pair_given);
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
