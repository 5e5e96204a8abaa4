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

const char *const pl_policy_names[PL_POL_COUNT] = {"reciprocal", "unconditional", "all_first", "grit",
                                                   "grim",       "opportunist",   "hold"};

const char *const pl_ag_event_names[PL_EV_COUNT] = {"started",  "delivered", "completed", "verified", "reversed",
                                                    "restored", "missed",    "shock",     "note"};

int pl_policy_from_name(const char *name)
{
    for (int i = 0; i < PL_POL_COUNT; i++)
        if (!strcmp(pl_policy_names[i], name)) return i;
    return -1;
}

void pl_agreement_free(pl_agreement *a)
{
    if (!a) return;
    pl_free(a->path), pl_free(a->id), pl_free(a->name), pl_free(a->description), pl_free(a->assumptions), pl_free(a->start_text);
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

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int month_days(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

int pl_ag_parse_date(const char *s, int *y, int *m, int *d)
{
    int yy, mm, dd = 1, n = 0;
    if (sscanf(s, "%4d-%2d%n", &yy, &mm, &n) != 2) return -1;
    if (s[n] == '-') {
        int n2 = 0;
        if (sscanf(s + n + 1, "%2d%n", &dd, &n2) != 1) return -1;
        n += 1 + n2;
    }
    if (s[n] != '\0' || yy < 1800 || yy > 2200 || mm < 1 || mm > 12 || dd < 1 || dd > month_days(yy, mm)) return -1;
    *y = yy, *m = mm, *d = dd;
    return 0;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int pl_ag_period_of(const pl_agreement *a, int y, int m, int d)
{
    long months = (long)(y - a->start_y) * 12 + (m - a->start_m);
    long days = days_from_civil(y, m, d) - days_from_civil(a->start_y, a->start_m, a->start_d);
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
        long z = days_from_civil(a->start_y, a->start_m, a->start_d) + (long)t * (a->unit == PL_PER_WEEK ? 7 : 1);
        civil_from_days(z, &y, &m, &d);
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
int pl_agreement_horizon(const pl_agreement *a) { return a->horizon; }
void pl_agreement_period_label(const pl_agreement *a, int t, char *buf, int len) { pl_ag_period_label(a, t, buf, len); }
uint64_t pl_agreement_seed(const pl_agreement *a) { return a->seed; }
const char *pl_agreement_assumptions(const pl_agreement *a) { return a->assumptions; }
const char *pl_agreement_shock_id(const pl_agreement *a, int k) { return k >= 0 && k < a->n_shocks ? a->shock[k].id : NULL; }
