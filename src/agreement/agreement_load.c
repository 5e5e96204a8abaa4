// SPDX-License-Identifier: MIT
/* agreement_load.c — an agreement scenario (YAML) read into the model, and its runner.
 *
 * Every value is checked where it is read, so each problem carries the file,
 * line and column of the node at fault: unknown keys (with the closest known
 * one), wrong types, negative quantities and durations, probabilities outside
 * [0, 1], duplicate ids, names of parties, steps, verifiers or shocks that no
 * one defined.  What needs the whole model (cycles in `requires`, steps that
 * can never become due) is checked by pl_ag_validate with the positions kept
 * here.  The runner then simulates, replays and hands the results to the
 * writers (agreement_output.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_design.h"
#include "agreement/agreement_output.h"
#include "scenario/overrides.h"
#include "scenario/scenario.h"

typedef struct ctx {
    const pl_ydoc *d;
    pl_agreement *a;
    pl_error *err;
} ctx;

#define TRY(x)                                                                                                         \
    do {                                                                                                               \
        int rc_ = (x);                                                                                                 \
        if (rc_) return rc_;                                                                                           \
    } while (0)

static pl_ag_pos pos_of(const pl_ynode *n) { return n ? (pl_ag_pos){n->line, n->col} : (pl_ag_pos){1, 1}; }

static int dup_str(ctx *x, const char *s, char **out)
{
    *out = pl_strdup(s ? s : "");
    if (!*out) return pl_error_set(x->err, PL_ENOMEM, "out of memory");
    return PL_OK;
}

/* An optional text value copied into *out (NULL when absent). */
static int opt_text(ctx *x, const pl_ynode *map, const char *key, char **out)
{
    const char *s = NULL;
    TRY(pl_yget_str(x->d, map, key, 0, &s, x->err));
    if (s) return dup_str(x, s, out);
    return PL_OK;
}

static int find_verifier(const pl_agreement *a, const char *id)
{
    for (int k = 0; k < a->n_verifiers; k++)
        if (!strcmp(a->verifier[k].id, id)) return k;
    return -1;
}

static int find_shock(const pl_agreement *a, const char *id)
{
    for (int k = 0; k < a->n_shocks; k++)
        if (!strcmp(a->shock[k].id, id)) return k;
    return -1;
}

/* A step named by a scalar node, or an error naming the node. */
static int step_ref(ctx *x, const pl_ynode *n, const char *what, int *out)
{
    const char *id;
    TRY(pl_ynode_str(x->d, n, what, &id, x->err));
    int s = pl_agreement_find_step(x->a, id);
    if (s < 0) {
        const char *ids[PL_AG_MAX_STEPS], *best;
        for (int i = 0; i < x->a->n_steps; i++) ids[i] = x->a->step[i].id;
        if ((best = pl_yclosest(id, ids, (size_t)x->a->n_steps)))
            return pl_yerr(x->d, n, x->err, "%s: unknown step '%s' (did you mean '%s'?)", what, id, best);
        return pl_yerr(x->d, n, x->err, "%s: unknown step '%s'", what, id);
    }
    *out = s;
    return PL_OK;
}

static int party_ref(ctx *x, const pl_ynode *n, const char *what, int *out)
{
    const char *id;
    TRY(pl_ynode_str(x->d, n, what, &id, x->err));
    int p = pl_agreement_find_party(x->a, id);
    if (p < 0) {
        char list[300] = "";
        size_t k = 0;
        for (int i = 0; i < x->a->n_parties && k < sizeof list; i++)
            k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "", x->a->party[i].id);
        return pl_yerr(x->d, n, x->err, "%s: unknown party '%s'; the parties are: %s", what, id, list);
    }
    *out = p;
    return PL_OK;
}

/* A list of steps (or a single step id) into a bit set. */
static int step_set(ctx *x, const pl_ynode *n, const char *what, pl_bits *out)
{
    *out = 0;
    if (n->kind == PL_Y_SCALAR) {
        int s = 0;
        TRY(step_ref(x, n, what, &s));
        *out = PL_BIT(s);
        return PL_OK;
    }
    TRY(pl_yexpect(x->d, n, PL_Y_SEQ, what, x->err));
    for (size_t i = 0; i < n->n; i++) {
        int s = 0;
        TRY(step_ref(x, n->items[i], what, &s));
        *out |= PL_BIT(s);
    }
    return PL_OK;
}

/* The period of the date y-m-d written at n, or an error there when it is before the start. */
static int date_period(ctx *x, const pl_ynode *n, const char *what, int y, int m, int dd, int *out)
{
    int p = pl_ag_period_of(x->a, y, m, dd);
    if (p < 0)
        return pl_yerr(x->d, n, x->err, "%s %s is before the agreement's start (%s)", what, n->value, x->a->start_text);
    *out = p;
    return PL_OK;
}

/* A period: a whole number of periods from the start, or a date (YYYY-MM[-DD]). */
static int period_value(ctx *x, const pl_ynode *n, const char *what, int *out)
{
    if (n->kind != PL_Y_SCALAR)
        return pl_yerr(x->d, n, x->err, "%s must be a period number or a date (YYYY-MM-DD)", what);
    int y, m, dd;
    if (strchr(n->value, '-') && n->value[0] != '-' && !pl_ag_parse_date(n->value, &y, &m, &dd))
        return date_period(x, n, what, y, m, dd, out);
    long v;
    char *end;
    v = strtol(n->value, &end, 10);
    if (n->quoted || end == n->value || *end)
        return pl_yerr(x->d, n, x->err, "%s must be a period number or a date (YYYY-MM or YYYY-MM-DD), found '%s'",
                       what, n->value);
    if (v < 0 || v > PL_AG_MAX_HORIZON)
        return pl_yerr(x->d, n, x->err, "%s must be between 0 and %d periods, found %ld", what, PL_AG_MAX_HORIZON, v);
    *out = (int)v;
    return PL_OK;
}

/* ---- policies ------------------------------------------------------------- */

static const char *const policy_keys[] = {"policy", "p", "waits_for", "gates", "initiatives", "holds", "note", NULL};

static int policy_kind(ctx *x, const pl_ynode *n, pl_policy_kind *out)
{
    const char *name;
    TRY(pl_ynode_str(x->d, n, "'policy'", &name, x->err));
    int k = pl_policy_from_name(name);
    if (k < 0)
        return pl_yerr(x->d, n, x->err,
                       "unknown policy '%s'; expected one of: reciprocal, unconditional, all_first, grit, grim, "
                       "opportunist, hold",
                       name);
    *out = (pl_policy_kind)k;
    return PL_OK;
}

static int policy_option(ctx *x, const pl_ynode *n, int party, int in_list, pl_ag_policy_opt *o)
{
    memset(o, 0, sizeof *o);
    o->p = 1;
    o->pos = pos_of(n);
    if (n->kind == PL_Y_SCALAR) {
        if (in_list) return pl_yerr(x->d, n, x->err, "each entry of a policy list must be a map with 'policy' and 'p'");
        return policy_kind(x, n, &o->kind);
    }
    TRY(pl_yexpect(x->d, n, PL_Y_MAP, "a policy", x->err));
    TRY(pl_ymap_check_keys(x->d, n, policy_keys, x->err));
    const pl_ynode *k = pl_ymap_get(n, "policy");
    if (!k) return pl_yerr(x->d, n, x->err, "missing required key 'policy'");
    TRY(policy_kind(x, k, &o->kind));
    if (in_list)
        TRY(pl_yget_num(x->d, n, "p", 1, 0, 1, &o->p, x->err));
    else if (pl_ymap_get(n, "p"))
        TRY(pl_yget_num(x->d, n, "p", 1, 1, 1, &o->p, x->err));
    static const struct {
        const char *key;
        pl_policy_kind kind;
    } sets[] = {{"waits_for", PL_POL_ALL_FIRST}, {"initiatives", PL_POL_GRIT}, {"holds", PL_POL_HOLD},
                {"gates", PL_POL_ALL_FIRST}};
    for (int i = 0; i < 4; i++) {
        const pl_ynode *s = pl_ymap_get(n, sets[i].key);
        if (!s) continue;
        if (o->kind != sets[i].kind)
            return pl_yerr(x->d, pl_ymap_key(n, sets[i].key), x->err, "'%s' belongs to the policy '%s', not '%s'",
                           sets[i].key, pl_policy_names[sets[i].kind], pl_policy_names[o->kind]);
        char what[64];
        snprintf(what, sizeof what, "'%s'", sets[i].key);
        pl_bits set;
        TRY(step_set(x, s, what, &set));
        if (i == 3)
            o->gates = set, o->gates_given = 1;
        else
            o->steps = set, o->steps_given = 1;
        if (i == 0)
            for (pl_bits b = set; b; b &= b - 1)
                if (x->a->step[__builtin_ctzll(b)].actor == party)
                    return pl_yerr(x->d, s, x->err, "%s names '%s', a step of '%s' itself; it waits for the others' steps",
                                   what, x->a->step[__builtin_ctzll(b)].id, x->a->party[party].id);
        if (i != 0)
            for (pl_bits b = set; b; b &= b - 1)
                if (x->a->step[__builtin_ctzll(b)].actor != party)
                    return pl_yerr(x->d, s, x->err, "%s names '%s', which is not a step of '%s'", what,
                                   x->a->step[__builtin_ctzll(b)].id, x->a->party[party].id);
    }
    return PL_OK;
}

static int policy_dist(ctx *x, const pl_ynode *n, int party, pl_ag_policy_dist *d)
{
    memset(d, 0, sizeof *d);
    d->pos = pos_of(n);
    if (n->kind != PL_Y_SEQ) {
        d->n = 1;
        return policy_option(x, n, party, 0, &d->opt[0]);
    }
    if (n->n == 0) return pl_yerr(x->d, n, x->err, "a policy list needs at least one entry");
    if (n->n > PL_AG_MAX_OPTIONS)
        return pl_yerr(x->d, n, x->err, "at most %d policies per party, found %zu", PL_AG_MAX_OPTIONS, n->n);
    double sum = 0;
    for (size_t i = 0; i < n->n; i++) {
        TRY(policy_option(x, n->items[i], party, 1, &d->opt[i]));
        sum += d->opt[i].p;
    }
    d->n = (int)n->n;
    if (fabs(sum - 1) > 1e-6)
        return pl_yerr(x->d, n, x->err, "the probabilities of a party's policies must add up to 1, they add up to %g",
                       sum);
    return PL_OK;
}

/* The opening every listed entry shares: a map of known keys whose 'id' no earlier entry of its kind took. */
static int entry_id(ctx *x, const pl_ynode *n, const char *kind, const char *const *keys,
                    int (*find)(const pl_agreement *, const char *), const char **id)
{
    char what[32];
    snprintf(what, sizeof what, "a %s", kind);
    TRY(pl_yexpect(x->d, n, PL_Y_MAP, what, x->err));
    TRY(pl_ymap_check_keys(x->d, n, keys, x->err));
    TRY(pl_yget_str(x->d, n, "id", 1, id, x->err));
    if (find(x->a, *id) >= 0) return pl_yerr(x->d, pl_ymap_get(n, "id"), x->err, "duplicate %s id '%s'", kind, *id);
    return PL_OK;
}

/* An entry's id and its name (the id when it gives none), copied. */
static int entry_names(ctx *x, const pl_ynode *n, const char *id, char **id_out, char **name_out)
{
    TRY(dup_str(x, id, id_out));
    TRY(opt_text(x, n, "name", name_out));
    return *name_out ? PL_OK : dup_str(x, id, name_out);
}

/* A list of entries of one kind (parties, verifiers, variants, shocks): at most max of them, at
 * least one when required, each opened by entry_id; read_one reads the rest of entry n. */
typedef struct entry_kind {
    const char *kind, *plural; /* "party", "parties": for the messages */
    int max, required;
    const char *const *keys;
    int (*find)(const pl_agreement *, const char *);
    int (*read_one)(ctx *x, const pl_ynode *n, const char *id);
} entry_kind;

static int read_entries(ctx *x, const pl_ynode *list, const entry_kind *k)
{
    if (k->required && list->n == 0) return pl_yerr(x->d, list, x->err, "'%s' needs at least one %s", k->plural, k->kind);
    if (list->n > (size_t)k->max)
        return pl_yerr(x->d, list, x->err, "at most %d %s, found %zu", k->max, k->plural, list->n);
    for (size_t i = 0; i < list->n; i++) {
        const char *id;
        TRY(entry_id(x, list->items[i], k->kind, k->keys, k->find, &id));
        TRY(k->read_one(x, list->items[i], id));
    }
    return PL_OK;
}

/* ---- parties, verifiers --------------------------------------------------- */

static int party_entry(ctx *x, const pl_ynode *n, const char *id)
{
    pl_ag_party *p = &x->a->party[x->a->n_parties++];
    p->pos = pos_of(n);
    return entry_names(x, n, id, &p->id, &p->name);
}

static int read_parties(ctx *x, const pl_ynode *list)
{
    static const char *const keys[] = {"id", "name", "policy", "note", "source", NULL};
    static const entry_kind k = {"party", "parties", PL_AG_MAX_PARTIES, 1, keys, pl_agreement_find_party, party_entry};
    return read_entries(x, list, &k);
}

static int read_party_policies(ctx *x, const pl_ynode *list)
{
    for (size_t i = 0; i < list->n; i++) {
        const pl_ynode *pol = pl_ymap_get(list->items[i], "policy");
        pl_ag_policy_dist *d = &x->a->party[i].policy;
        if (!pol) {
            memset(d, 0, sizeof *d);
            d->n = 1, d->opt[0].kind = PL_POL_RECIPROCAL, d->opt[0].p = 1;
            continue;
        }
        TRY(policy_dist(x, pol, (int)i, d));
    }
    return PL_OK;
}

static int verifier_entry(ctx *x, const pl_ynode *n, const char *id)
{
    if (pl_agreement_find_party(x->a, id) >= 0)
        return pl_yerr(x->d, pl_ymap_get(n, "id"), x->err,
                       "verifier '%s' has the id of a party; a verifier is not a party (a party may verify a step "
                       "directly with 'by: %s')",
                       id, id);
    pl_ag_verifier *v = &x->a->verifier[x->a->n_verifiers++];
    v->pos = pos_of(n);
    v->p_confirm = 1;
    TRY(entry_names(x, n, id, &v->id, &v->name));
    long delay = 0;
    TRY(pl_yget_int(x->d, n, "delay", 0, 0, PL_AG_MAX_HORIZON, &delay, x->err));
    v->delay = (int)delay;
    TRY(pl_yget_num(x->d, n, "p_confirm", 0, 0, 1, &v->p_confirm, x->err));
    const pl_ynode *pc = pl_ymap_get(n, "p_confirm");
    if (pc) v->p_confirm_pos = pos_of(pc);
    return pl_yget_num(x->d, n, "p_false", 0, 0, 1, &v->p_false, x->err);
}

static int read_verifiers(ctx *x, const pl_ynode *list)
{
    static const char *const keys[] = {"id", "name", "delay", "p_confirm", "p_false", "note", "source", NULL};
    static const entry_kind k = {"verifier", "verifiers", PL_AG_MAX_VERIFIERS, 0, keys, find_verifier, verifier_entry};
    return read_entries(x, list, &k);
}

/* ---- steps ---------------------------------------------------------------- */

/* value / flow: a number for each party in `to` (default: every other party), or a map party -> number. */
static int payoff_spec(ctx *x, const pl_ynode *step, const char *key, int actor, double *out)
{
    const pl_ynode *n = pl_ymap_get(step, key);
    if (!n) return PL_OK;
    char what[64];
    snprintf(what, sizeof what, "'%s'", key);
    if (n->kind == PL_Y_MAP) {
        for (size_t i = 0; i < n->n; i++) {
            int p = 0;
            TRY(party_ref(x, n->keys[i], what, &p));
            TRY(pl_ynode_num(x->d, n->items[i], what, -1e12, 1e12, &out[p], x->err));
        }
        return PL_OK;
    }
    double v;
    TRY(pl_ynode_num(x->d, n, what, -1e12, 1e12, &v, x->err));
    const pl_ynode *to = pl_ymap_get(step, "to");
    if (!to) {
        for (int p = 0; p < x->a->n_parties; p++)
            if (p != actor) out[p] = v;
        return PL_OK;
    }
    if (to->kind == PL_Y_SCALAR) {
        int p = 0;
        TRY(party_ref(x, to, "'to'", &p));
        out[p] = v;
        return PL_OK;
    }
    TRY(pl_yexpect(x->d, to, PL_Y_SEQ, "'to'", x->err));
    for (size_t i = 0; i < to->n; i++) {
        int p = 0;
        TRY(party_ref(x, to->items[i], "'to'", &p));
        out[p] = v;
    }
    return PL_OK;
}

static int verification_spec(ctx *x, const pl_ynode *n, pl_ag_step *s)
{
    static const char *const keys[] = {"by", "delay", "p_confirm", "p_false", "note", "source", NULL};
    const pl_ynode *by = n;
    if (n->kind == PL_Y_MAP) {
        TRY(pl_ymap_check_keys(x->d, n, keys, x->err));
        by = pl_ymap_get(n, "by");
        if (!by) return pl_yerr(x->d, n, x->err, "missing required key 'by' (a verifier, a party, or none)");
    } else if (n->kind != PL_Y_SCALAR)
        return pl_yerr(x->d, n, x->err, "'verification' must be a verifier's id or a map with 'by'");
    const char *id;
    TRY(pl_ynode_str(x->d, by, "'by'", &id, x->err));
    s->v_delay = 0, s->p_confirm = 1, s->p_false = 0;
    if (!strcmp(id, "none")) {
        s->ver_kind = PL_AG_VER_NONE;
    } else {
        int v = find_verifier(x->a, id);
        if (v >= 0) {
            s->ver_kind = PL_AG_VER_VERIFIER, s->ver_index = v;
            s->v_delay = x->a->verifier[v].delay;
            s->p_confirm = x->a->verifier[v].p_confirm, s->p_confirm_pos = x->a->verifier[v].p_confirm_pos;
            s->p_false = x->a->verifier[v].p_false;
        } else {
            int p = pl_agreement_find_party(x->a, id);
            if (p < 0) {
                char list[300] = "";
                size_t k = 0;
                for (int i = 0; i < x->a->n_verifiers && k < sizeof list; i++)
                    k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "", x->a->verifier[i].id);
                return pl_yerr(x->d, by, x->err,
                               "verifier '%s' is not defined: add it under 'verifiers:' (defined: %s) or name a party "
                               "or 'none'",
                               id, k ? list : "none");
            }
            s->ver_kind = PL_AG_VER_PARTY, s->ver_index = p;
        }
    }
    if (n->kind == PL_Y_MAP) {
        long delay = s->v_delay;
        TRY(pl_yget_int(x->d, n, "delay", 0, 0, PL_AG_MAX_HORIZON, &delay, x->err));
        s->v_delay = (int)delay;
        TRY(pl_yget_num(x->d, n, "p_confirm", 0, 0, 1, &s->p_confirm, x->err));
        const pl_ynode *pc = pl_ymap_get(n, "p_confirm");
        if (pc) s->p_confirm_pos = pos_of(pc);
        TRY(pl_yget_num(x->d, n, "p_false", 0, 0, 1, &s->p_false, x->err));
    }
    return PL_OK;
}

/* Periods of each unit in a year, to turn "500,000 t a year" into a rate per period. */
static double per_year(pl_period_unit u)
{
    switch (u) {
    case PL_PER_DAY: return 365.2425;
    case PL_PER_WEEK: return 365.2425 / 7;
    case PL_PER_QUARTER: return 4;
    case PL_PER_YEAR: return 1;
    default: return 12;
    }
}

/* The terms only the replay reads: a starting deadline, whether the step was agreed at all, and
 * a rate ("500,000 t a year until the first LWR unit") with what ends it. */
static int replay_terms(ctx *x, const pl_ynode *n, pl_ag_step *s)
{
    s->start_by = s->until = s->until_step = -1;
    const pl_ynode *sb = pl_ymap_get(n, "start_by");
    if (sb) {
        TRY(period_value(x, sb, "'start_by'", &s->start_by));
        s->start_by_pos = pos_of(sb);
        if (s->deadline >= 0 && s->deadline < s->start_by)
            return pl_yerr(x->d, sb, x->err, "step '%s': 'start_by' is after its 'deadline'", s->id);
    }
    s->agreed = 1;
    TRY(pl_yget_bool(x->d, n, "agreed", 0, &s->agreed, x->err));
    const pl_ynode *rt = pl_ymap_get(n, "rate"), *per = pl_ymap_get(n, "per"), *un = pl_ymap_get(n, "until");
    if (!rt) {
        if (per) return pl_yerr(x->d, pl_ymap_key(n, "per"), x->err, "'per' belongs to a 'rate' (quantity per period)");
        if (un) return pl_yerr(x->d, pl_ymap_key(n, "until"), x->err, "'until' belongs to a 'rate': what ends it");
        return PL_OK;
    }
    double r = 0;
    TRY(pl_ynode_num(x->d, rt, "'rate'", 0, 1e15, &r, x->err));
    if (r <= 0) return pl_yerr(x->d, rt, x->err, "'rate' must be above 0 (a quantity per 'per')");
    s->rate_pos = pos_of(rt);
    pl_period_unit pu = x->a->unit;
    if (per) {
        const char *pn;
        TRY(pl_ynode_str(x->d, per, "'per'", &pn, x->err));
        static const char *const units[] = {"month", "day", "week", "quarter", "year"};
        int u = -1;
        for (int i = 0; i < 5; i++)
            if (!strcmp(units[i], pn)) u = i;
        if (u < 0) return pl_yerr(x->d, per, x->err, "'per' must be one of month, day, week, quarter, year; found '%s'", pn);
        pu = (pl_period_unit)u;
    }
    s->rate = r * per_year(pu) / per_year(x->a->unit);
    if (un) {
        if (un->kind == PL_Y_SCALAR && pl_agreement_find_step(x->a, un->value) >= 0)
            TRY(step_ref(x, un, "'until'", &s->until_step));
        else
            TRY(period_value(x, un, "'until' (a step id or a date)", &s->until));
    }
    if (s->quantity <= 0) s->quantity = s->rate * (s->duration > 0 ? s->duration : 1); /* what a run delivers */
    return PL_OK;
}

static int phase_index(ctx *x, const char *name)
{
    for (int i = 0; i < x->a->n_phases; i++)
        if (!strcmp(x->a->phase_names[i], name)) return i;
    x->a->phase_names[x->a->n_phases] = pl_strdup(name);
    return x->a->n_phases++;
}

/* `covert: {p_detect: P}`: the actor may withdraw the step in secret; its verifier finds out with
 * chance P each period.  Only a reversible step with a verifier (a party or a verifier) can be. */
static int covert_spec(ctx *x, const pl_ynode *n, pl_ag_step *s)
{
    static const char *const keys[] = {"p_detect", "note", "source", NULL};
    TRY(pl_yexpect(x->d, n, PL_Y_MAP, "'covert' (a map with 'p_detect', the verifier's chance a period of finding out)",
                   x->err));
    TRY(pl_ymap_check_keys(x->d, n, keys, x->err));
    if (!pl_ymap_get(n, "p_detect"))
        return pl_yerr(x->d, n, x->err, "step '%s': 'covert' needs 'p_detect' (a probability per period, above 0)", s->id);
    TRY(pl_yget_num(x->d, n, "p_detect", 1, 0, 1, &s->p_detect, x->err));
    const pl_ynode *pd = pl_ymap_get(n, "p_detect");
    if (!(s->p_detect > 0))
        return pl_yerr(x->d, pd, x->err, "step '%s': 'p_detect' must be above 0 (a breach nobody can ever find is not "
                       "in the model)", s->id);
    if (!s->reversible)
        return pl_yerr(x->d, n, x->err, "step '%s' is 'covert' but not reversible: a covert breach withdraws it (add "
                       "'reversible: true')", s->id);
    if (s->ver_kind == PL_AG_VER_NONE)
        return pl_yerr(x->d, n, x->err, "step '%s' is 'covert' but has no verifier to find out: name one with "
                       "'verification:'", s->id);
    s->covert_pos = pos_of(n);
    return PL_OK;
}

static int read_steps(ctx *x, const pl_ynode *list)
{
    static const char *const keys[] = {"id",        "name",     "actor",    "phase",      "quantity", "unit",
                                       "requires",  "duration", "deadline", "not_before", "cost",     "value",
                                       "flow",      "to",       "reversible", "reverse_cost", "verification",
                                       "core",      "source",   "note",     "covert",   "paid",
                                       /* the record's reading of the step (replay only) */
                                       "start_by",  "agreed",   "rate",     "per",        "until",    NULL};
    pl_agreement *a = x->a;
    if (list->n == 0) return pl_yerr(x->d, list, x->err, "'steps' needs at least one step");
    if (list->n > PL_AG_MAX_STEPS)
        return pl_yerr(x->d, list, x->err, "at most %d steps in one agreement, found %zu", PL_AG_MAX_STEPS, list->n);
    /* First pass: ids, so that `requires` may name a later step. */
    for (size_t i = 0; i < list->n; i++) {
        const pl_ynode *n = list->items[i];
        TRY(pl_yexpect(x->d, n, PL_Y_MAP, "a step", x->err));
        TRY(pl_ymap_check_keys(x->d, n, keys, x->err));
        const char *id;
        TRY(pl_yget_str(x->d, n, "id", 1, &id, x->err));
        int first = pl_agreement_find_step(a, id);
        if (first >= 0)
            return pl_yerr(x->d, pl_ymap_get(n, "id"), x->err, "duplicate step id '%s' (first at line %d)", id,
                           a->step[first].pos.line);
        pl_ag_step *s = &a->step[a->n_steps++];
        s->pos = pos_of(n);
        TRY(dup_str(x, id, &s->id));
    }
    for (size_t i = 0; i < list->n; i++) {
        const pl_ynode *n = list->items[i];
        pl_ag_step *s = &a->step[i];
        TRY(opt_text(x, n, "name", &s->name));
        if (!s->name) TRY(dup_str(x, s->id, &s->name));
        const pl_ynode *act = pl_ymap_get(n, "actor");
        if (!act) return pl_yerr(x->d, n, x->err, "step '%s': missing required key 'actor'", s->id);
        TRY(party_ref(x, act, "'actor'", &s->actor));
        s->actor_pos = pos_of(act);
        TRY(opt_text(x, n, "phase", &s->phase));
        if (!s->phase) TRY(dup_str(x, "main", &s->phase));
        s->phase_index = phase_index(x, s->phase);
        TRY(opt_text(x, n, "unit", &s->unit));
        TRY(opt_text(x, n, "source", &s->source));
        TRY(pl_yget_num(x->d, n, "quantity", 0, 0, 1e15, &s->quantity, x->err));
        s->quantity_pos = pos_of(pl_ymap_get(n, "quantity"));
        const pl_ynode *req = pl_ymap_get(n, "requires");
        if (req) {
            s->req_pos = pos_of(req);
            pl_bits b;
            TRY(step_set(x, req, "'requires'", &b));
            if (b & PL_BIT(i)) return pl_yerr(x->d, req, x->err, "step '%s' requires itself", s->id);
            for (; b; b &= b - 1) s->req[s->n_req++] = __builtin_ctzll(b);
        }
        long dur = 1;
        TRY(pl_yget_int(x->d, n, "duration", 0, 0, PL_AG_MAX_HORIZON, &dur, x->err));
        s->duration = (int)dur;
        s->deadline = -1;
        const pl_ynode *dl = pl_ymap_get(n, "deadline");
        if (dl) {
            TRY(period_value(x, dl, "'deadline'", &s->deadline));
            s->deadline_pos = pos_of(dl);
        }
        pl_ydoc_note_fixed(x->d, n, "deadline", "a step without a deadline is never late, and no number says 'none' "
                           "(write 'deadline:' in the file to give it one)");
        const pl_ynode *nb = pl_ymap_get(n, "not_before");
        if (nb) TRY(period_value(x, nb, "'not_before'", &s->not_before));
        pl_ydoc_note_reachable(x->d, n, "not_before", x->a->start_text); /* the default: from the start */
        TRY(pl_yget_num(x->d, n, "cost", 0, -1e12, 1e12, &s->cost, x->err));
        TRY(pl_yget_num(x->d, n, "reverse_cost", 0, -1e12, 1e12, &s->reverse_cost, x->err));
        TRY(payoff_spec(x, n, "value", s->actor, s->value_to));
        TRY(payoff_spec(x, n, "flow", s->actor, s->flow_to));
        const char *paid = NULL;
        TRY(pl_yget_str(x->d, n, "paid", 0, &paid, x->err));
        if (paid && strcmp(paid, "as_delivered") == 0) s->paid_as_delivered = 1;
        else if (paid && strcmp(paid, "once") != 0)
            return pl_yerr(x->d, pl_ymap_get(n, "paid"), x->err,
                           "'paid' must be 'once' (the cost at the start, the values at completion) or "
                           "'as_delivered' (both a share each period of work), found '%s'", paid);
        const pl_ynode *to = pl_ymap_get(n, "to");
        if (to && !pl_ymap_get(n, "value") && !pl_ymap_get(n, "flow"))
            return pl_yerr(x->d, pl_ymap_key(n, "to"), x->err, "'to' names who receives 'value' or 'flow'; give one");
        s->reversible = 0;
        TRY(pl_yget_bool(x->d, n, "reversible", 0, &s->reversible, x->err));
        s->core = 1;
        TRY(pl_yget_bool(x->d, n, "core", 0, &s->core, x->err));
        s->p_confirm = 1;
        const pl_ynode *ver = pl_ymap_get(n, "verification");
        if (ver) TRY(verification_spec(x, ver, s));
        const pl_ynode *cov = pl_ymap_get(n, "covert");
        if (cov) TRY(covert_spec(x, cov, s));
        TRY(replay_terms(x, n, s));
    }
    return PL_OK;
}

/* ---- variants, shocks ----------------------------------------------------- */

static int variant_entry(ctx *x, const pl_ynode *n, const char *id)
{
    pl_agreement *a = x->a;
    pl_ag_variant *v = &a->variant[a->n_variants++];
    v->pos = pos_of(n);
    TRY(entry_names(x, n, id, &v->id, &v->name));
    TRY(opt_text(x, n, "description", &v->description));
    const pl_ynode *req = pl_ymap_get(n, "requires");
    if (req) {
        TRY(pl_yexpect(x->d, req, PL_Y_MAP, "'requires' of a variant (step: [steps it requires])", x->err));
        for (size_t k = 0; k < req->n; k++) {
            int s = 0;
            TRY(step_ref(x, req->keys[k], "'requires'", &s));
            pl_bits b = 0;
            const pl_ynode *val = req->items[k];
            if (!(val->kind == PL_Y_SEQ && val->n == 0) && !(val->kind == PL_Y_SCALAR && !val->quoted &&
                                                             (!strcmp(val->value, "") || !strcmp(val->value, "~") ||
                                                              !strcmp(val->value, "null"))))
                TRY(step_set(x, val, "'requires'", &b));
            if (b & PL_BIT(s)) return pl_yerr(x->d, val, x->err, "step '%s' requires itself", a->step[s].id);
            v->has_req[s] = 1, v->req[s] = b, v->req_pos[s] = pos_of(val);
        }
    }
    const pl_ynode *pol = pl_ymap_get(n, "policies");
    if (pol) {
        TRY(pl_yexpect(x->d, pol, PL_Y_MAP, "'policies' of a variant (party: policy)", x->err));
        for (size_t k = 0; k < pol->n; k++) {
            int p = 0;
            TRY(party_ref(x, pol->keys[k], "'policies'", &p));
            TRY(policy_dist(x, pol->items[k], p, &v->policy[p]));
            v->has_policy[p] = 1;
        }
    }
    return PL_OK;
}

static int read_variants(ctx *x, const pl_ynode *list)
{
    static const char *const keys[] = {"id", "name", "description", "requires", "policies", "note", "source", NULL};
    static const entry_kind k = {"variant", "variants", PL_AG_MAX_VARIANTS, 0, keys, pl_agreement_find_variant,
                                 variant_entry};
    return read_entries(x, list, &k);
}

static int shock_entry(ctx *x, const pl_ynode *n, const char *id)
{
    pl_agreement *a = x->a;
    pl_ag_shock *sh = &a->shock[a->n_shocks++];
    sh->pos = pos_of(n);
    sh->until = -1;
    TRY(entry_names(x, n, id, &sh->id, &sh->name));
    TRY(opt_text(x, n, "source", &sh->source));
    TRY(pl_yget_num(x->d, n, "p", 1, 0, 1, &sh->p, x->err));
    const pl_ynode *f = pl_ymap_get(n, "from");
    if (f) TRY(period_value(x, f, "'from'", &sh->from));
    pl_ydoc_note_reachable(x->d, n, "from", x->a->start_text); /* the default: from the start */
    const pl_ynode *u = pl_ymap_get(n, "until");
    if (u) TRY(period_value(x, u, "'until'", &sh->until));
    pl_ydoc_note_fixed(x->d, n, "until", "a shock without 'until' runs to the horizon, which follows 'horizon' "
                       "(write 'until:' in the file to end it earlier)");
    if (u && sh->until < sh->from) return pl_yerr(x->d, u, x->err, "'until' is before 'from'");
    TRY(pl_yget_bool(x->d, n, "once", 0, &sh->once, x->err));
    const pl_ynode *rv = pl_ymap_get(n, "reverse");
    if (rv) {
        TRY(step_set(x, rv, "'reverse'", &sh->reverse));
        sh->reverse_pos = pos_of(rv);
        for (pl_bits b = sh->reverse; b; b &= b - 1) {
            const pl_ag_step *st = &a->step[__builtin_ctzll(b)];
            if (!st->reversible && !(st->quantity > 0 && st->duration > 1)) /* deliveries may be suspended */
                return pl_yerr(x->d, rv, x->err,
                               "shock '%s' forces back step '%s', which is not reversible (add 'reversible: true' "
                               "to the step, or drop it here)",
                               sh->id, st->id);
        }
    }
    const pl_ynode *po = pl_ymap_get(n, "payoff");
    if (po) {
        TRY(pl_yexpect(x->d, po, PL_Y_MAP, "'payoff' of a shock (party: number)", x->err));
        for (size_t k = 0; k < po->n; k++) {
            int p = 0;
            TRY(party_ref(x, po->keys[k], "'payoff'", &p));
            sh->payoff_party[sh->n_payoff] = p;
            TRY(pl_ynode_num(x->d, po->items[k], "'payoff'", -1e12, 1e12, &sh->payoff[sh->n_payoff], x->err));
            sh->n_payoff++;
        }
    }
    const pl_ynode *fl = pl_ymap_get(n, "flows");
    if (fl) {
        TRY(pl_yexpect(x->d, fl, PL_Y_MAP, "'flows' of a shock (step: {party: change of its flow per period})", x->err));
        sh->flows_pos = pos_of(fl);
        for (size_t k = 0; k < fl->n; k++) {
            int st = 0;
            TRY(step_ref(x, fl->keys[k], "'flows'", &st));
            const pl_ynode *m = fl->items[k];
            TRY(pl_yexpect(x->d, m, PL_Y_MAP, "a step's flow changes (party: number)", x->err));
            for (size_t q = 0; q < m->n; q++) {
                if (sh->n_flow == PL_AG_MAX_EFFECTS)
                    return pl_yerr(x->d, m->keys[q], x->err, "shock '%s': at most %d flow changes", sh->id,
                                   PL_AG_MAX_EFFECTS);
                int p = 0;
                TRY(party_ref(x, m->keys[q], "'flows'", &p));
                sh->flow_step[sh->n_flow] = st, sh->flow_party[sh->n_flow] = p;
                TRY(pl_ynode_num(x->d, m->items[q], "'flows'", -1e12, 1e12, &sh->flow[sh->n_flow], x->err));
                sh->n_flow++;
            }
        }
    }
    const pl_ynode *rb = pl_ymap_get(n, "read_as_breach");
    if (rb) {
        TRY(pl_yexpect(x->d, rb, PL_Y_MAP,
                       "'read_as_breach' of a shock (party: [steps it counts breached by the event])", x->err));
        sh->read_pos = pos_of(rb);
        for (size_t k = 0; k < rb->n; k++) {
            int p = 0;
            TRY(party_ref(x, rb->keys[k], "'read_as_breach'", &p));
            TRY(step_set(x, rb->items[k], "'read_as_breach'", &sh->read_breach[p]));
            for (pl_bits b = sh->read_breach[p]; b; b &= b - 1)
                if (a->step[__builtin_ctzll(b)].actor == p)
                    return pl_yerr(x->d, rb->items[k], x->err,
                                   "'read_as_breach': party '%s' reads its own step '%s' as breached; name a "
                                   "counterpart's step",
                                   a->party[p].id, a->step[__builtin_ctzll(b)].id);
        }
    }
    return PL_OK;
}

static int read_shocks(ctx *x, const pl_ynode *list)
{
    static const char *const keys[] = {"id",     "name",   "p",     "from",           "until",  "once", "reverse",
                                       "payoff", "flows",  "read_as_breach", "source", "note", NULL};
    static const entry_kind k = {"shock", "shocks", PL_AG_MAX_SHOCKS, 0, keys, find_shock, shock_entry};
    return read_entries(x, list, &k);
}

/* ---- record --------------------------------------------------------------- */

static int cmp_event_date(const void *p, const void *q)
{
    const pl_ag_event *const *a = p, *const *b = q;
    if ((*a)->period != (*b)->period) return (*a)->period < (*b)->period ? -1 : 1;
    int c = strcmp((*a)->date, (*b)->date); /* a day apart within one period */
    if (c) return c;
    return *a < *b ? -1 : *a > *b; /* same date: file order */
}

/* The record must tell a story the step can have lived: it is verified only once completed,
 * restored only once reversed, reversed only once started (and only if it can be reversed),
 * not reversed twice without a restoration between.  Read in date order (file order within a
 * day), each event against what the record said before it. */
static int check_record_story(ctx *x)
{
    pl_agreement *a = x->a;
    if (!a->n_events) return PL_OK;
    const pl_ag_event **ev = pl_malloc(sizeof *ev * (size_t)a->n_events);
    if (!ev) return pl_error_set(x->err, PL_ENOMEM, "out of memory");
    for (int i = 0; i < a->n_events; i++) ev[i] = &a->event[i];
    qsort(ev, (size_t)a->n_events, sizeof *ev, cmp_event_date);
    enum { IDLE, PROG, DONE, REV };
    int state[PL_AG_MAX_STEPS] = {0}, done_ever[PL_AG_MAX_STEPS] = {0};
    const pl_ag_event *last_rev[PL_AG_MAX_STEPS] = {0};
    double delivered[PL_AG_MAX_STEPS] = {0};
    int rc = PL_OK;
    for (int i = 0; i < a->n_events && !rc; i++) {
        const pl_ag_event *e = ev[i];
        int s = e->step;
        if (s < 0 || e->kind == PL_EV_NOTE || e->kind == PL_EV_SHOCK || e->kind == PL_EV_MISSED) continue;
        const pl_ag_step *st = &a->step[s];
        switch (e->kind) {
        case PL_EV_STARTED:
            if (state[s] == IDLE) state[s] = PROG;
            break;
        case PL_EV_DELIVERED:
            if (state[s] == IDLE) state[s] = PROG;
            delivered[s] += e->quantity;
            if (st->rate <= 0 && delivered[s] >= st->quantity && state[s] == PROG) state[s] = DONE, done_ever[s] = 1;
            break;
        case PL_EV_COMPLETED:
            if (state[s] != REV) state[s] = DONE;
            done_ever[s] = 1;
            break;
        case PL_EV_VERIFIED:
            if (!done_ever[s])
                rc = pl_ag_err_at(x->d, e->pos, x->err,
                                  "the record verifies step '%s' on %s before it is completed; record its 'completed' (or "
                                  "the deliveries that complete it) on or before that date",
                                  st->id, e->date);
            break;
        case PL_EV_REVERSED:
            if (state[s] == IDLE)
                rc = pl_ag_err_at(x->d, e->pos, x->err,
                                  "the record reverses step '%s' on %s, which it never started; record its start first, "
                                  "or record what happened as a note",
                                  st->id, e->date);
            else if (state[s] == REV)
                rc = pl_ag_err_at(x->d, e->pos, x->err,
                                  "the record reverses step '%s' on %s, already reversed on %s (line %d) and never "
                                  "restored; record a 'restored' between, or make this a note",
                                  st->id, e->date, last_rev[s]->date, last_rev[s]->pos.line);
            else
                state[s] = REV, last_rev[s] = e;
            break;
        case PL_EV_DETECTED: /* found out withdrawn: in force before, as the record may not have dated */
            if (state[s] == REV)
                rc = pl_ag_err_at(x->d, e->pos, x->err,
                                  "the record finds step '%s' withdrawn in secret on %s, already reversed on %s (line "
                                  "%d) and never restored; record a 'restored' between, or make this a note",
                                  st->id, e->date, last_rev[s]->date, last_rev[s]->pos.line);
            else
                state[s] = REV, last_rev[s] = e, done_ever[s] = 1;
            break;
        case PL_EV_RESTORED:
            if (state[s] != REV)
                rc = pl_ag_err_at(x->d, e->pos, x->err,
                                  "the record restores step '%s' on %s, which it never reversed before; record the "
                                  "reversal first",
                                  st->id, e->date);
            else
                state[s] = done_ever[s] ? DONE : PROG;
            break;
        default: break;
        }
    }
    pl_free(ev);
    return rc;
}

/* `claims: [{text: ..., source: ..., owed: STEP}]`: claims the record can test; the owed step's
 * `requires:` are the steps the claim says earned it. */
static int read_claims(ctx *x, const pl_ynode *cl)
{
    static const char *const keys[] = {"text", "source", "owed", "note", NULL};
    pl_agreement *a = x->a;
    if (!cl) return PL_OK;
    TRY(pl_yexpect(x->d, cl, PL_Y_SEQ, "'claims' (a list of {text, source, owed})", x->err));
    if (cl->n > PL_AG_MAX_CLAIMS) return pl_yerr(x->d, cl, x->err, "at most %d claims", PL_AG_MAX_CLAIMS);
    for (size_t i = 0; i < cl->n; i++) {
        const pl_ynode *n = cl->items[i];
        TRY(pl_yexpect(x->d, n, PL_Y_MAP, "a claim ({text, source, owed})", x->err));
        TRY(pl_ymap_check_keys(x->d, n, keys, x->err));
        pl_ag_claim *c = &a->claim[a->n_claims++];
        c->pos = pos_of(n);
        const char *id;
        TRY(pl_yget_str(x->d, n, "owed", 1, &id, x->err));
        c->owed = pl_agreement_find_step(a, id);
        if (c->owed < 0) return pl_yerr(x->d, pl_ymap_get(n, "owed"), x->err, "'owed': unknown step '%s'", id);
        if (!a->step[c->owed].n_req)
            return pl_yerr(x->d, pl_ymap_get(n, "owed"), x->err,
                           "'owed': step %s requires nothing, so no step of the record could have earned it "
                           "(its 'requires:' are the steps the claim counts)", id);
        const char *t;
        TRY(pl_yget_str(x->d, n, "text", 1, &t, x->err));
        TRY(dup_str(x, t, &c->text));
        TRY(opt_text(x, n, "source", &c->source));
    }
    return PL_OK;
}

static int read_record(ctx *x, const pl_ynode *rec)
{
    static const char *const keys[] = {"variant", "events", "claims", "note", "source", NULL};
    static const char *const ev_keys[] = {"date", "step", "event", "shock", "quantity", "source", "note", NULL};
    pl_agreement *a = x->a;
    TRY(pl_ymap_check_keys(x->d, rec, keys, x->err));
    TRY(read_claims(x, pl_ymap_get(rec, "claims")));
    a->record_pos = pos_of(rec);
    const pl_ynode *vv = pl_ymap_get(rec, "variant");
    a->record_variant = a->n_variants > 0 ? 0 : -1;
    if (vv) {
        const char *id;
        TRY(pl_ynode_str(x->d, vv, "'variant'", &id, x->err));
        a->record_variant = pl_agreement_find_variant(a, id);
        if (a->record_variant < 0) return pl_yerr(x->d, vv, x->err, "'variant': unknown variant '%s'", id);
    }
    const pl_ynode *evs = pl_ymap_get(rec, "events");
    if (!evs) return pl_yerr(x->d, rec, x->err, "missing required key 'events' (the dated record)");
    TRY(pl_yexpect(x->d, evs, PL_Y_SEQ, "'events'", x->err));
    double delivered[PL_AG_MAX_STEPS] = {0};
    a->event = pl_calloc(evs->n ? evs->n : 1, sizeof *a->event);
    if (!a->event) return pl_error_set(x->err, PL_ENOMEM, "out of memory");
    for (size_t i = 0; i < evs->n; i++) {
        const pl_ynode *n = evs->items[i];
        TRY(pl_yexpect(x->d, n, PL_Y_MAP, "an event", x->err));
        TRY(pl_ymap_check_keys(x->d, n, ev_keys, x->err));
        pl_ag_event *e = &a->event[a->n_events++];
        e->pos = pos_of(n);
        e->step = e->shock = -1;
        const char *kind, *date;
        TRY(pl_yget_str(x->d, n, "event", 1, &kind, x->err));
        int k = -1;
        for (int j = 0; j < PL_EV_COUNT; j++)
            if (!strcmp(pl_ag_event_names[j], kind)) k = j;
        if (k < 0)
            return pl_yerr(x->d, pl_ymap_get(n, "event"), x->err,
                           "unknown event '%s'; expected one of: started, delivered, completed, verified, reversed, "
                           "restored, missed, shock, note, detected",
                           kind);
        e->kind = (pl_ag_event_kind)k;
        TRY(pl_yget_str(x->d, n, "date", 1, &date, x->err));
        int y, m, dd;
        if (pl_ag_parse_date(date, &y, &m, &dd))
            return pl_yerr(x->d, pl_ymap_get(n, "date"), x->err, "'date' must be YYYY-MM or YYYY-MM-DD, found '%s'",
                           date);
        TRY(date_period(x, pl_ymap_get(n, "date"), "date", y, m, dd, &e->period));
        TRY(dup_str(x, date, &e->date));
        TRY(opt_text(x, n, "source", &e->source));
        TRY(opt_text(x, n, "note", &e->note));
        const pl_ynode *st = pl_ymap_get(n, "step"), *sh = pl_ymap_get(n, "shock");
        if (e->kind == PL_EV_SHOCK) {
            if (!sh) return pl_yerr(x->d, n, x->err, "a 'shock' event names its shock with 'shock:'");
            const char *id;
            TRY(pl_ynode_str(x->d, sh, "'shock'", &id, x->err));
            e->shock = find_shock(a, id);
            if (e->shock < 0) return pl_yerr(x->d, sh, x->err, "'shock': unknown shock '%s'", id);
        } else if (e->kind != PL_EV_NOTE) {
            if (!st) return pl_yerr(x->d, n, x->err, "a '%s' event names its step with 'step:'", kind);
            TRY(step_ref(x, st, "'step'", &e->step));
        } else if (st)
            TRY(step_ref(x, st, "'step'", &e->step));
        if (e->kind == PL_EV_DELIVERED) {
            TRY(pl_yget_num(x->d, n, "quantity", 1, 0, 1e15, &e->quantity, x->err));
            if (a->step[e->step].quantity <= 0)
                return pl_yerr(x->d, pl_ymap_get(n, "quantity"), x->err,
                               "step '%s' names no quantity, so nothing can be delivered against it",
                               a->step[e->step].id);
            delivered[e->step] += e->quantity;
            if (a->step[e->step].rate <= 0 && delivered[e->step] > a->step[e->step].quantity * (1 + 1e-12))
                return pl_yerr(x->d, pl_ymap_get(n, "quantity"), x->err,
                               "the record delivers %g %s against step '%s' in all, more than the %g promised",
                               delivered[e->step], a->step[e->step].unit ? a->step[e->step].unit : "",
                               a->step[e->step].id, a->step[e->step].quantity);
        } else if (pl_ymap_get(n, "quantity"))
            return pl_yerr(x->d, pl_ymap_key(n, "quantity"), x->err, "'quantity' belongs to 'delivered' events only");
        if (e->kind == PL_EV_DETECTED && !(a->step[e->step].p_detect > 0))
            return pl_yerr(x->d, n, x->err,
                           "the record finds out a secret withdrawal of step '%s', which has no 'covert:' (a step the "
                           "actor may withdraw in secret); give the step 'covert: {p_detect: P}' or record a 'reversed'",
                           a->step[e->step].id);
        if (e->kind == PL_EV_REVERSED && !a->step[e->step].reversible && a->step[e->step].quantity <= 0)
            return pl_yerr(x->d, n, x->err,
                           "the record reverses step '%s', which the agreement says cannot be reversed; mark it "
                           "'reversible: true' or record what happened as a note",
                           a->step[e->step].id);
        if (e->period >= a->horizon)
            return pl_yerr(x->d, pl_ymap_get(n, "date"), x->err,
                           "date %s is past the agreement's horizon (%d periods from %s); raise 'horizon'", date,
                           a->horizon, a->start_text);
    }
    a->has_record = 1;
    return check_record_story(x);
}

/* ---- the document --------------------------------------------------------- */

static int read_doc(ctx *x)
{
    static const char *const keys[] = {"kind",  "id",        "name",     "description", "assumptions", "start",
                                       "period", "horizon",  "runs",     "seed",        "parties",     "verifiers",
                                       "steps", "variants",  "shocks",   "record",      "sources",     "notes",
                                       "behaviour", "sensitivity", "design_search", NULL}; /* sensitivity: ranges for parley sensitivity */
    const pl_ydoc *d = x->d;
    const pl_ynode *root = d->root;
    pl_agreement *a = x->a;
    TRY(pl_ymap_check_keys(d, root, keys, x->err));
    TRY(opt_text(x, root, "id", &a->id));
    TRY(opt_text(x, root, "name", &a->name));
    if (!a->name) TRY(dup_str(x, a->id ? a->id : "agreement", &a->name));
    TRY(opt_text(x, root, "description", &a->description));
    TRY(opt_text(x, root, "assumptions", &a->assumptions));
    const pl_ynode *sens = pl_ymap_get(root, "sensitivity"), *ranges = sens ? pl_ymap_get(sens, "ranges") : NULL;
    if (ranges && ranges->kind == PL_Y_SEQ) a->n_ranges = (int)ranges->n; /* read and checked by parley sensitivity */
    const pl_ynode *src = pl_ymap_get(root, "sources");
    if (src && src->kind == PL_Y_MAP && src->n) { /* kept for the report's source list */
        a->source_tag = pl_calloc(src->n, sizeof *a->source_tag);
        a->source_text = pl_calloc(src->n, sizeof *a->source_text);
        if (!a->source_tag || !a->source_text) return pl_error_set(x->err, PL_ENOMEM, "out of memory");
        for (size_t i = 0; i < src->n; i++) {
            if (src->items[i]->kind != PL_Y_SCALAR)
                return pl_yerr(x->d, src->items[i], x->err, "a source is a text (\"title: address\")");
            a->n_sources++;
            TRY(dup_str(x, src->keys[i]->value, &a->source_tag[i]));
            TRY(dup_str(x, src->items[i]->value, &a->source_text[i]));
        }
    }
    const char *start = "2000-01";
    TRY(pl_yget_str(d, root, "start", 0, &start, x->err));
    if (pl_ag_parse_date(start, &a->start_y, &a->start_m, &a->start_d))
        return pl_yerr(d, pl_ymap_get(root, "start"), x->err, "'start' must be a date, YYYY-MM or YYYY-MM-DD; found '%s'",
                       start);
    TRY(dup_str(x, start, &a->start_text));
    const char *unit = "month";
    TRY(pl_yget_str(d, root, "period", 0, &unit, x->err));
    static const char *const units[] = {"month", "day", "week", "quarter", "year"};
    int u = -1;
    for (int i = 0; i < 5; i++)
        if (!strcmp(units[i], unit)) u = i;
    if (u < 0)
        return pl_yerr(d, pl_ymap_get(root, "period"), x->err,
                       "'period' must be one of month, day, week, quarter, year; found '%s'", unit);
    a->unit = (pl_period_unit)u;
    const pl_ynode *hz = pl_ymap_get(root, "horizon");
    if (!hz) return pl_yerr(d, root, x->err, "missing required key 'horizon' (periods to simulate, or an end date)");
    TRY(period_value(x, hz, "'horizon'", &a->horizon));
    if (a->horizon < 1) return pl_yerr(d, hz, x->err, "'horizon' must be at least 1 period");
    a->horizon_pos = pos_of(hz);
    a->runs = 10000;
    TRY(pl_yget_int(d, root, "runs", 0, 1, 1000000000L, &a->runs, x->err));
    a->seed = 1;
    TRY(pl_yget_u64(d, root, "seed", 0, &a->seed, x->err));

    /* the sections, each read once its kind is checked; the order lets each name what came before */
    const pl_ynode *parties, *ver, *steps, *vars, *sh, *rec;
    TRY(pl_yget_node(d, root, "parties", PL_Y_SEQ, 1, &parties, x->err));
    TRY(read_parties(x, parties));
    TRY(pl_yget_node(d, root, "verifiers", PL_Y_SEQ, 0, &ver, x->err));
    if (ver) TRY(read_verifiers(x, ver));
    TRY(pl_yget_node(d, root, "steps", PL_Y_SEQ, 1, &steps, x->err));
    TRY(read_steps(x, steps));
    TRY(read_party_policies(x, parties));
    TRY(pl_yget_node(d, root, "variants", PL_Y_SEQ, 0, &vars, x->err));
    if (vars) TRY(read_variants(x, vars));
    if (a->n_variants == 0) { /* one implicit variant: the agreement as written */
        pl_ag_variant *v = &a->variant[a->n_variants++];
        TRY(dup_str(x, "as_written", &v->id));
        TRY(dup_str(x, "as written", &v->name));
    }
    TRY(pl_yget_node(d, root, "shocks", PL_Y_SEQ, 0, &sh, x->err));
    if (sh) TRY(read_shocks(x, sh));
    TRY(pl_yget_node(d, root, "record", PL_Y_MAP, 0, &rec, x->err));
    if (rec) TRY(read_record(x, rec));
    const pl_ynode *beh = pl_ymap_get(root, "behaviour");
    if (beh) TRY(pl_ag_read_behaviour(d, beh, a, x->err));
    TRY(pl_ag_validate(d, a, x->err));
    const pl_ynode *dsn = pl_ymap_get(root, "design_search"); /* the links `parley design` may change */
    if (dsn) TRY(pl_ag_read_design(d, dsn, a, x->err));
    return PL_OK;
}

int pl_agreement_from_doc(const pl_ydoc *d, pl_agreement **out, pl_error *err)
{
    *out = NULL;
    pl_agreement *a = pl_calloc(1, sizeof *a);
    if (!a || !(a->path = pl_strdup(d->path))) {
        pl_free(a);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    ctx x = {d, a, err};
    int rc = read_doc(&x);
    if (rc) {
        pl_agreement_free(a);
        return rc;
    }
    *out = a;
    return PL_OK;
}

int pl_agreement_from_scenario(pl_agreement **out, const pl_scenario *s, pl_error *err)
{
    *out = NULL;
    const pl_ydoc *d = pl_scenario_doc(s);
    if (strcmp(pl_scenario_kind(s), "agreement"))
        return pl_yerr(d, pl_ymap_get(d->root, "kind"), err, "expected 'kind: agreement', found '%s'",
                       pl_scenario_kind(s));
    int rc = pl_scenario_blame(s, pl_agreement_from_doc(d, out, err), err);
    const pl_overrides *log = pl_scenario_overrides(s);
    if (!rc && log->n && !((*out)->overrides = pl_overrides_copy(log))) {
        pl_agreement_free(*out), *out = NULL;
        rc = pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    return rc;
}

int pl_agreement_load_set(pl_agreement **out, const char *path, const char *const *sets, int n_sets, pl_error *err)
{
    *out = NULL;
    pl_scenario *s;
    int rc = pl_scenario_open(&s, path, err);
    if (rc) return rc;
    if (!(rc = pl_scenario_set(s, sets, n_sets, err))) rc = pl_agreement_from_scenario(out, s, err);
    pl_scenario_free(s);
    return rc;
}

int pl_agreement_load(pl_agreement **out, const char *path, pl_error *err)
{
    return pl_agreement_load_set(out, path, NULL, 0, err);
}
