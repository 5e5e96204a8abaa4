// SPDX-License-Identifier: MIT
/* agreement_model.c — the agreement model's lifetime, names, and calendar.
 *
 * Scenario dates map to periods counted from the agreement's `start:`; months
 * are calendar months (a deadline of 2007-04-14 with a February start is
 * period 2), days, weeks, quarters and years follow the same rule. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement.h"
#include "core/date.h"
#include "scenario/overrides.h"

const char *const pl_policy_names[PL_POL_COUNT] = {"reciprocal", "unconditional", "all_first", "grit",
                                                   "grim",       "opportunist",   "hold"};

const char *const pl_ag_event_names[PL_EV_COUNT] = {"started",  "delivered", "completed", "verified", "reversed",
                                                    "restored", "missed",    "shock",     "note",
                                                    "detected"};

int pl_policy_from_name(const char *name)
{
    for (int i = 0; i < PL_POL_COUNT; i++)
        if (!strcmp(pl_policy_names[i], name)) return i;
    return -1;
}

void pl_agreement_free(pl_agreement *a)
{
    if (!a) return;
    pl_overrides_clear(a->overrides), pl_free(a->overrides);
    pl_free(a->path), pl_free(a->id), pl_free(a->name), pl_free(a->description), pl_free(a->assumptions), pl_free(a->start_text);
    for (int i = 0; i < a->n_claims; i++) pl_free(a->claim[i].text), pl_free(a->claim[i].source);
    for (int i = 0; i < a->n_sources; i++) pl_free(a->source_tag[i]), pl_free(a->source_text[i]);
    pl_free(a->source_tag), pl_free(a->source_text);
    for (int i = 0; i < a->n_parties; i++) pl_free(a->party[i].id), pl_free(a->party[i].name);
    for (int i = 0; i < a->n_verifiers; i++) pl_free(a->verifier[i].id), pl_free(a->verifier[i].name);
    for (int i = 0; i < a->n_steps; i++) {
        pl_ag_step *s = &a->step[i];
        pl_free(s->id), pl_free(s->name), pl_free(s->phase), pl_free(s->unit), pl_free(s->source);
    }
    for (int i = 0; i < a->n_variants; i++)
        pl_free(a->variant[i].id), pl_free(a->variant[i].name), pl_free(a->variant[i].description);
    for (int i = 0; i < a->n_shocks; i++) pl_free(a->shock[i].id), pl_free(a->shock[i].name), pl_free(a->shock[i].source);
    for (int i = 0; i < a->n_phases; i++) pl_free(a->phase_names[i]);
    for (int i = 0; i < a->n_events; i++) pl_free(a->event[i].date), pl_free(a->event[i].source), pl_free(a->event[i].note);
    pl_free(a->event);
    pl_free(a);
}

int pl_agreement_n_parties(const pl_agreement *a) { return a->n_parties; }
int pl_agreement_n_steps(const pl_agreement *a) { return a->n_steps; }
int pl_agreement_n_variants(const pl_agreement *a) { return a->n_variants; }
const char *pl_agreement_party_id(const pl_agreement *a, int i) { return i >= 0 && i < a->n_parties ? a->party[i].id : NULL; }
const char *pl_agreement_step_id(const pl_agreement *a, int i) { return i >= 0 && i < a->n_steps ? a->step[i].id : NULL; }
const char *pl_agreement_variant_id(const pl_agreement *a, int i)
{
    return i >= 0 && i < a->n_variants ? a->variant[i].id : NULL;
}
int pl_agreement_has_record(const pl_agreement *a) { return a->has_record; }

int pl_agreement_find_step(const pl_agreement *a, const char *id)
{
    for (int i = 0; i < a->n_steps; i++)
        if (!strcmp(a->step[i].id, id)) return i;
    return -1;
}
int pl_agreement_find_party(const pl_agreement *a, const char *id)
{
    for (int i = 0; i < a->n_parties; i++)
        if (!strcmp(a->party[i].id, id)) return i;
    return -1;
}
int pl_agreement_find_variant(const pl_agreement *a, const char *id)
{
    for (int i = 0; i < a->n_variants; i++)
        if (!strcmp(a->variant[i].id, id)) return i;
    return -1;
}

/* ---- calendar ------------------------------------------------------------- */

int pl_ag_parse_date(const char *s, int *y, int *m, int *d)
{
    int yy, mm, dd;
    if (pl_date_parse(s, &yy, &mm, &dd) || yy < 1800 || yy > 2200) return -1;
    *y = yy, *m = mm, *d = dd ? dd : 1;
    return 0;
}

int pl_ag_period_of(const pl_agreement *a, int y, int m, int d)
{
    long months = (long)(y - a->start_y) * 12 + (m - a->start_m);
    long days = pl_date_to_days(y, m, d) - pl_date_to_days(a->start_y, a->start_m, a->start_d);
    switch (a->unit) {
    case PL_PER_DAY: return (int)days;
    case PL_PER_WEEK: return (int)floor(days / 7.0);
    case PL_PER_QUARTER: return (int)floor(months / 3.0);
    case PL_PER_YEAR: return (int)floor(months / 12.0);
    case PL_PER_MONTH:
    default: return (int)months;
    }
}

const char *pl_ag_unit_name(const pl_agreement *a)
{
    static const char *const n[] = {"months", "days", "weeks", "quarters", "years"};
    return n[a->unit];
}

void pl_ag_period_label(const pl_agreement *a, int t, char *buf, int n)
{
    int y, m, d;
    switch (a->unit) {
    case PL_PER_DAY:
    case PL_PER_WEEK: {
        long z = pl_date_to_days(a->start_y, a->start_m, a->start_d) + (long)t * (a->unit == PL_PER_WEEK ? 7 : 1);
        pl_date_from_days(z, &y, &m, &d);
        snprintf(buf, (size_t)n, "%04d-%02d-%02d", y, m, d);
        return;
    }
    default: {
        long months = (long)(a->start_m - 1) + (long)t * (a->unit == PL_PER_QUARTER ? 3 : a->unit == PL_PER_YEAR ? 12 : 1);
        y = a->start_y + (int)(months / 12);
        m = (int)(months % 12) + 1;
        snprintf(buf, (size_t)n, "%04d-%02d", y, m);
        return;
    }
    }
}

/* ---- the model, for front ends ------------------------------------------ */

const char *pl_agreement_name(const pl_agreement *a) { return a->name ? a->name : a->id ? a->id : a->path; }
const char *pl_agreement_party_name(const pl_agreement *a, int p)
{
    return a->party[p].name && *a->party[p].name ? a->party[p].name : a->party[p].id;
}
const char *pl_agreement_step_name(const pl_agreement *a, int s)
{
    return a->step[s].name && *a->step[s].name ? a->step[s].name : a->step[s].id;
}
const char *pl_agreement_step_phase(const pl_agreement *a, int s) { return a->step[s].phase ? a->step[s].phase : ""; }
int pl_agreement_step_actor(const pl_agreement *a, int s) { return a->step[s].actor; }
int pl_agreement_step_reversible(const pl_agreement *a, int s) { return a->step[s].reversible; }
int pl_agreement_step_core(const pl_agreement *a, int s) { return a->step[s].core; }
int pl_agreement_step_not_before(const pl_agreement *a, int s) { return a->step[s].not_before; }
int pl_agreement_horizon(const pl_agreement *a) { return a->horizon; }
void pl_agreement_period_label(const pl_agreement *a, int t, char *buf, int len) { pl_ag_period_label(a, t, buf, len); }
uint64_t pl_agreement_seed(const pl_agreement *a) { return a->seed; }
const char *pl_agreement_assumptions(const pl_agreement *a) { return a->assumptions; }
const char *pl_agreement_shock_id(const pl_agreement *a, int k) { return k >= 0 && k < a->n_shocks ? a->shock[k].id : NULL; }

const pl_ag_policy_dist *pl_ag_variant_policy(const pl_agreement *a, int v, int p)
{
    return v >= 0 && v < a->n_variants && a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : &a->party[p].policy;
}

static int same_dist(const pl_ag_policy_dist *x, const pl_ag_policy_dist *y)
{
    if (x->n != y->n) return 0;
    for (int k = 0; k < x->n; k++) {
        const pl_ag_policy_opt *o = &x->opt[k], *q = &y->opt[k];
        if (o->kind != q->kind || fabs(o->p - q->p) > 1e-12 || o->steps_given != q->steps_given ||
            o->gates_given != q->gates_given || (o->steps_given && o->steps != q->steps) ||
            (o->gates_given && o->gates != q->gates))
            return 0;
    }
    return 1;
}

int pl_ag_variants_differ(const pl_agreement *a, int v, int w)
{
    for (int p = 0; p < a->n_parties; p++)
        if (!same_dist(pl_ag_variant_policy(a, v, p), pl_ag_variant_policy(a, w, p))) return p;
    return -1;
}

void pl_ag_policy_text(const pl_ag_policy_dist *d, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    for (int i = 0; i < d->n && k < n; i++)
        k += (size_t)snprintf(buf + k, n - k, "%s%s %g", i ? ", " : "", pl_policy_names[d->opt[i].kind],
                              d->n == 1 ? 1.0 : d->opt[i].p);
}
