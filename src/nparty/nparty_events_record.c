/* SPDX-License-Identifier: MIT */
/* nparty_events_record.c — the record prelude of an N-party game built from its dated events.
 *
 * One source of truth: a scenario whose events file already dates every drill, launch and Council
 * move need not copy them into a hand-written record.  `events: record:` names the months the
 * record spans and the rules that read an event as a party's move:
 *
 *     events:
 *       file: drills-and-launches-events.csv
 *       record:
 *         from: 2017-01
 *         to: 2022-12
 *         moves:
 *           - {actor: DPRK, kind: launch, did: {DPRK: launch}}
 *           - {actor: US-ROK, kind: suspension, event: "indefinitely", did: {US: suspend, ROK: suspend}, until: [drill]}
 *
 * An event takes the first rule whose actor and kind (one or a list) are its own and whose `event`
 * text, when given, is part of its description.  A month gives each party the most escalatory move
 * its events that month give it (a month with a drill is a drilling month, whatever else happened);
 * a rule with `until:` carries its move on over the months that follow, where the party has no
 * event of its own, up to the month of the actor's next event of one of those kinds (or the end).
 * Months no event reaches are left open: the profiles' policies choose them, as in any record.
 * Each move keeps the events it came from (date, text, tags) as its source. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "nparty/nparty_events.h"
#include "nparty/nparty_model.h"
#include "scenario/scenario.h"

#define MAX_RULES 64

typedef struct rule {
    const pl_ynode *node;
    const char *actor, *text;
    unsigned kinds, until; /* bit masks of np_event_kind */
    int n_did;
    int party[NP_MAX], action[NP_MAX];
} rule;

static int kind_of(const char *s)
{
    for (int k = 0; k < NP_EV_KIND_COUNT; k++)
        if (!strcmp(s, np_event_kind_names[k])) return k;
    return -1;
}

/* One kind or a list of kinds, as a bit mask. */
static int read_kinds(const pl_ydoc *d, const pl_ynode *n, unsigned *out, pl_error *err)
{
    *out = 0;
    size_t count = n->kind == PL_Y_SEQ ? n->n : 1;
    if (n->kind == PL_Y_MAP || (n->kind == PL_Y_SEQ && !n->n))
        return pl_yerr(d, n, err, "expected an event kind or a list of them");
    for (size_t k = 0; k < count; k++) {
        const pl_ynode *it = n->kind == PL_Y_SEQ ? n->items[k] : n;
        const char *s;
        int rc = pl_ynode_str(d, it, "an event kind", &s, err);
        if (rc) return rc;
        int kk = kind_of(s);
        if (kk < 0)
            return pl_yerr(d, it, err,
                           "unknown event kind '%s'; expected one of: drill, suspension, launch, test, sanctions, veto, relief, note", s);
        *out |= 1u << kk;
    }
    return PL_OK;
}

/* "YYYY-MM" as a month count (year * 12 + month - 1). */
static int read_month(const pl_ydoc *d, const pl_ynode *map, const char *key, long *out, pl_error *err)
{
    const char *s;
    int rc = pl_yget_str(d, map, key, 1, &s, err), y, mo, dd;
    if (rc) return rc;
    if (pl_date_parse(s, &y, &mo, &dd) || dd) return pl_yerr(d, pl_ymap_get(map, key), err, "'%s' must be a month, YYYY-MM, found '%s'", key, s);
    *out = (long)y * 12 + mo - 1;
    return PL_OK;
}

static int read_rule(const pl_ydoc *d, const pl_ynode *n, np_model *m, rule *r, pl_error *err)
{
    static const char *const keys[] = {"actor", "kind", "event", "did", "until", NULL};
    memset(r, 0, sizeof *r);
    r->node = n;
    int rc;
    const pl_ynode *did;
    if ((rc = pl_yexpect(d, n, PL_Y_MAP, "a move rule ({actor, kind, event, did, until})", err)) ||
        (rc = pl_ymap_check_keys(d, n, keys, err)) || (rc = pl_yget_str(d, n, "actor", 1, &r->actor, err)) ||
        (rc = pl_yget_str(d, n, "event", 0, &r->text, err)) || (rc = pl_yget_node(d, n, "did", PL_Y_MAP, 1, &did, err)))
        return rc;
    const pl_ynode *k = pl_ymap_get(n, "kind");
    if (!k) return pl_yerr(d, n, err, "a move rule needs 'kind' (the event kind it reads)");
    if ((rc = read_kinds(d, k, &r->kinds, err))) return rc;
    const pl_ynode *u = pl_ymap_get(n, "until");
    if (u && (rc = read_kinds(d, u, &r->until, err))) return rc;
    if (!did->n) return pl_yerr(d, did, err, "'did' needs at least one party's move ({PARTY: action})");
    for (size_t q = 0; q < did->n; q++) {
        const char *act;
        int pi, a;
        if ((rc = np_need_party(d, m, did->keys[q], did->keys[q]->value, &pi, err)) ||
            (rc = pl_ynode_str(d, did->items[q], "an action", &act, err)) ||
            (rc = np_need_action(d, &m->party[pi], did->items[q], act, &a, err)))
            return rc;
        r->party[r->n_did] = pi;
        r->action[r->n_did++] = a;
    }
    return PL_OK;
}

static const rule *match(const rule *rules, int n_rules, const np_event *e)
{
    for (int k = 0; k < n_rules; k++) {
        const rule *r = &rules[k];
        if (!(r->kinds >> e->kind & 1) || strcmp(r->actor, e->actor)) continue;
        if (r->text && !strstr(e->what, r->text)) continue;
        return r;
    }
    return NULL;
}

/* "2019-05-04 several short-range missiles [K1][K2]" added to a cell's source text (";" between). */
static int add_source(np_model *m, size_t cell, const char *prefix, const np_event *e)
{
    const char *old = m->rec_source[cell];
    size_t len = (old ? strlen(old) + 2 : 0) + strlen(prefix) + strlen(e->date) + strlen(e->what) + strlen(e->source) + 4;
    char *s = pl_malloc(len);
    if (!s) return PL_ENOMEM;
    snprintf(s, len, "%s%s%s%s %s %s", old ? old : "", old ? "; " : "", prefix, e->date, e->what, e->source);
    if (!(m->rec_source[cell] = np_model_keep(m, s))) return PL_ENOMEM;
    return PL_OK;
}

int np_record_from_events(const pl_ydoc *d, const pl_ynode *spec, np_model *m, pl_error *err)
{
    static const char *const keys[] = {"from", "to", "moves", NULL};
    const np_events *E = m->events;
    const pl_ynode *mv;
    long from, to;
    int rc;
    if ((rc = pl_yexpect(d, spec, PL_Y_MAP, "'record' (from, to, moves)", err)) || (rc = pl_ymap_check_keys(d, spec, keys, err)) ||
        (rc = read_month(d, spec, "from", &from, err)) || (rc = read_month(d, spec, "to", &to, err)) ||
        (rc = pl_yget_node(d, spec, "moves", PL_Y_SEQ, 1, &mv, err)))
        return rc;
    if (np_months_per_period(m) != 1 || !m->start_year)
        return pl_yerr(d, spec, err, "a record built from dated events runs a month a period: it needs 'period: month' and "
                                     "'calendar: {start_year: Y, per_year: 12}'");
    if (from != (long)m->start_year * 12)
        return pl_yerr(d, pl_ymap_get(spec, "from"), err, "the record must start where the calendar does, %d-01",
                       m->start_year);
    if (to < from) return pl_yerr(d, pl_ymap_get(spec, "to"), err, "'to' comes before 'from'");
    if (to - from + 1 > 1200) return pl_yerr(d, pl_ymap_get(spec, "to"), err, "a record of at most 1200 months (100 years)");
    if (!mv->n || mv->n > MAX_RULES) return pl_yerr(d, mv, err, "expected 1 to %d move rules, found %zu", MAX_RULES, mv->n);
    rule rules[MAX_RULES];
    for (size_t k = 0; k < mv->n; k++)
        if ((rc = read_rule(d, mv->items[k], m, &rules[k], err))) return rc;
    const int n = m->n, T = (int)(to - from + 1);
    m->rec_turns = T;
    m->rec_from_events = 1;
    m->rec = pl_malloc((size_t)T * (size_t)n * sizeof *m->rec);
    m->rec_label = pl_calloc((size_t)T, sizeof *m->rec_label);
    m->rec_source = pl_calloc((size_t)T * (size_t)n, sizeof *m->rec_source);
    unsigned char *own = pl_calloc((size_t)T * (size_t)n, 1); /* the party has an event of its own that month */
    if (!m->rec || !m->rec_label || !m->rec_source || !own) {
        pl_free(own);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    for (long k = 0; k < (long)T * n; k++) m->rec[k] = -1;
    rc = PL_OK;
    for (int t = 0; t < T && !rc; t++) {
        char lab[48];
        snprintf(lab, sizeof lab, "%04ld-%02ld", (from + t) / 12, (from + t) % 12 + 1);
        if (!(m->rec_label[t] = np_model_keep(m, pl_strdup(lab)))) rc = PL_ENOMEM;
    }
    /* the months' own moves: the most escalatory each party's events give it */
    for (int i = 0; i < E->n && !rc; i++) {
        const np_event *e = &E->ev[i];
        long t = (long)e->y * 12 + e->m - 1 - from;
        if (t < 0 || t >= T) continue;
        const rule *r = match(rules, (int)mv->n, e);
        if (!r) continue;
        char tag[20];
        if (pl_scenario_untagged_source(d, e->source, tag, sizeof tag)) {
            pl_free(own);
            return pl_yerr(d, r->node, err, "the event of %s:%d (%s) enters the record by this rule, but its source [%s] "
                                            "is not in the scenario's 'sources:'",
                           E->path, e->line, e->date, tag);
        }
        for (int q = 0; q < r->n_did && !rc; q++) {
            size_t cell = (size_t)t * n + (size_t)r->party[q];
            if (r->action[q] > m->rec[cell]) m->rec[cell] = r->action[q];
            own[cell] = 1;
            rc = add_source(m, cell, "", e);
        }
    }
    /* moves carried on (`until:`) over the months after, where the party has no event of its own */
    for (int i = 0; i < E->n && !rc; i++) {
        const np_event *e = &E->ev[i];
        long t0 = (long)e->y * 12 + e->m - 1 - from;
        const rule *r = t0 < T ? match(rules, (int)mv->n, e) : NULL;
        if (!r || !r->until) continue;
        long stop = T;
        for (int j = i + 1; j < E->n; j++)
            if (!strcmp(E->ev[j].actor, e->actor) && (r->until >> E->ev[j].kind & 1)) {
                stop = (long)E->ev[j].y * 12 + E->ev[j].m - 1 - from;
                break;
            }
        for (long t = t0 + 1 < 0 ? 0 : t0 + 1; t < stop && t < T && !rc; t++)
            for (int q = 0; q < r->n_did && !rc; q++) {
                size_t cell = (size_t)t * n + (size_t)r->party[q];
                if (own[cell] || m->rec[cell] >= 0) continue;
                m->rec[cell] = r->action[q];
                rc = add_source(m, cell, "carried on since ", e);
            }
    }
    pl_free(own);
    if (rc) return pl_error_set(err, PL_ENOMEM, "out of memory");
    return PL_OK;
}
