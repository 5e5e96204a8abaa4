/* SPDX-License-Identifier: MIT */
/* agreement_claims.c — a claim about an agreement tested against its replayed record.
 *
 * A claim of the form "these steps by one side were owed that step by the other, and it never
 * came" (seed 002_1dc129737080049f.txt: positive steps by the DPRK were owed a partial lifting of
 * sanctions) is written in a scenario as `record: claims: [{text, source, owed: STEP}]`: the owed
 * step's `requires:` are the steps the claim counts.  The test reads only the replay's ledger:
 * which of those steps the record shows done (and when, and whether reversed), when the owed step
 * would have fallen due on that reading, whether it came, whether the agreement as agreed contains
 * it (`agreed: false` marks a reading or an offer), and what the steps as agreed of the same actor
 * and phase are tied to instead.  The verdict separates the two halves of the claim: "never came"
 * is a fact of the record; "owed" holds only if the agreement as agreed says so. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "agreement/agreement.h"

const char *const pl_ag_claim_verdict_names[PL_CLAIM_VERDICT_COUNT] = {"unearned", "came", "supported",
                                                                      "reading_only"};

static int all_done(const pl_agreement_ledger *l, const pl_ag_step *s)
{
    for (int r = 0; r < s->n_req; r++)
        if (l->step[s->req[r]].completed < 0) return 0;
    return 1;
}

pl_ag_claim_verdict pl_ag_claim_test(const pl_agreement *a, const pl_agreement_ledger *l, int k)
{
    const pl_ag_step *o = &a->step[a->claim[k].owed];
    if (!all_done(l, o)) return PL_CLAIM_UNEARNED;
    if (l->step[a->claim[k].owed].completed >= 0) return PL_CLAIM_CAME;
    return o->agreed ? PL_CLAIM_SUPPORTED : PL_CLAIM_READING_ONLY;
}

/* Appends to buf (at *at of n), never past its end. */
static void put(char *buf, size_t n, size_t *at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t n, size_t *at, const char *fmt, ...)
{
    if (*at >= n) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *at, n - *at, fmt, ap);
    va_end(ap);
    if (w > 0) *at += (size_t)w < n - *at ? (size_t)w : n - *at;
}

static void when(const pl_agreement *a, int t, char *buf, int n)
{
    if (t < 0) snprintf(buf, (size_t)n, "-");
    else pl_ag_period_label(a, t, buf, n);
}

/* "DP-MORATORIUM (DPRK) done 2018-04, reversed 2020-01" or "... not done on the record". */
static void step_on_record(const pl_agreement *a, const pl_agreement_ledger *l, int s, char *buf, size_t n, size_t *at)
{
    const pl_ag_step_ledger *sl = &l->step[s];
    char d[16];
    put(buf, n, at, "%s (%s)", a->step[s].id, a->party[a->step[s].actor].id);
    if (sl->completed < 0) {
        put(buf, n, at, " not done on the record");
        return;
    }
    when(a, sl->completed, d, sizeof d);
    put(buf, n, at, " done %s", d);
    if (sl->first_reversed >= 0) {
        when(a, sl->first_reversed, d, sizeof d);
        put(buf, n, at, ", reversed %s", d);
    }
}

void pl_ag_claim_text(const pl_agreement *a, const pl_agreement_ledger *l, int k, char *buf, size_t n)
{
    const pl_ag_claim *c = &a->claim[k];
    const pl_ag_step *o = &a->step[c->owed];
    const pl_ag_step_ledger *ol = &l->step[c->owed];
    size_t at = 0;
    char d[16];
    buf[0] = 0;
    put(buf, n, &at, "Claim%s%s%s: %s\n", c->source ? " (" : "", c->source ? c->source : "", c->source ? ")" : "", c->text);
    put(buf, n, &at, "  The steps it counts, on the record: ");
    for (int r = 0; r < o->n_req; r++) {
        if (r) put(buf, n, &at, "; ");
        step_on_record(a, l, o->req[r], buf, n, &at);
    }
    put(buf, n, &at, ".\n  What they would have earned: %s (%s)", o->id, a->party[o->actor].id);
    if (ol->due >= 0) {
        when(a, ol->due, d, sizeof d);
        put(buf, n, &at, ", due %s on that reading", d);
    }
    put(buf, n, &at, o->agreed ? "; the agreement as agreed contains it.\n"
                               : "; the agreement as agreed does not contain it (agreed: false, never charged).\n");
    put(buf, n, &at, "  What came: ");
    if (ol->completed >= 0) {
        when(a, ol->completed, d, sizeof d);
        put(buf, n, &at, "%s done %s.\n", o->id, d);
    } else {
        put(buf, n, &at, "nothing: %s is never done on the record", o->id);
        if (ol->missed >= 0) {
            when(a, ol->missed, d, sizeof d);
            put(buf, n, &at, " (recorded missed %s)", d);
        }
        put(buf, n, &at, ".\n");
    }
    /* the steps as agreed of the same actor and phase: what the agreement ties that side's move to */
    int any = 0;
    for (int s = 0; s < a->n_steps; s++) {
        const pl_ag_step *q = &a->step[s];
        if (s == c->owed || !q->agreed || q->actor != o->actor || q->phase_index != o->phase_index) continue;
        put(buf, n, &at, any ? "; " : "  What the steps as agreed tie it to instead: ");
        any = 1;
        put(buf, n, &at, "%s requires ", q->id);
        if (!q->n_req) put(buf, n, &at, "nothing");
        for (int r = 0; r < q->n_req; r++) {
            if (r) put(buf, n, &at, " and ");
            step_on_record(a, l, q->req[r], buf, n, &at);
        }
        put(buf, n, &at, all_done(l, q) ? " (earned on the record)" : " (never earned on the record: nothing owed under it)");
    }
    if (any) put(buf, n, &at, ".\n");
    put(buf, n, &at, "  Verdict: ");
    switch (pl_ag_claim_test(a, l, k)) {
    case PL_CLAIM_UNEARNED: put(buf, n, &at, "the steps the claim counts are not all done on the record: it does not hold on it.\n"); break;
    case PL_CLAIM_CAME: put(buf, n, &at, "what the claim says never came did come: the record contradicts it.\n"); break;
    case PL_CLAIM_SUPPORTED:
        put(buf, n, &at, "owed under the agreement as agreed and never given: the record supports the claim.\n");
        break;
    default:
        put(buf, n, &at, "'never came' holds on the record; 'owed' holds only under the claim's reading, which the "
                         "agreement as agreed does not contain.\n");
    }
}
