// SPDX-License-Identifier: MIT
/* agreement_output.c — the text summary, CSV and JSON results of an agreement.
 *
 * Percentages in the summary carry their 95% intervals (Wilson for
 * proportions, normal for means).  CSV goes through stdio into an atomic file;
 * JSON through jansson with a fixed real precision, so that the same results
 * give the same bytes. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement_output.h"
#include "agreement/agreement_behaviour_output.h"
#include "io/csv.h"
#include "io/files.h"

/* The period by which a share q of completed runs had completed (-1 if none). */
int pl_ag_time_quantile(const pl_ag_stats *s, int horizon, double q)
{
    return pl_stats_hist_quantile(s->time_hist, horizon, s->completed, q);
}

/* The sample deviation (runs - 1) of party p's payoff over the runs. */
double pl_ag_payoff_sd(const pl_ag_stats *s, int p) { return pl_spread_sd(&s->pay_spread[p], 1); }

static const char *party_or_shock(const pl_agreement *a, int p) { return p < a->n_parties ? a->party[p].id : "shock"; }

static void label(const pl_agreement *a, int t, char *buf, int n)
{
    if (t < 0)
        snprintf(buf, (size_t)n, "-");
    else
        pl_ag_period_label(a, t, buf, n);
}

/* "none_due", "unknown" (every due step lacks a record), "partial" (some do) or "known". */
const char *pl_ag_fulfilment_status(const pl_agreement_ledger *l, int t, int p)
{
    size_t i = (size_t)t * l->n_parties + p;
    int due = l->n_due[i], unk = l->n_unknown[i];
    return !due ? "none_due" : unk == due ? "unknown" : unk ? "partial" : "known";
}

/* The cell for a party's fulfilment: a share, "unknown" when every due step lacks a record,
 * "nothing due"; with the count of due steps that have no record beside it. */
void pl_ag_fulfilment_text(const pl_agreement_ledger *l, int t, int p, char *buf, size_t n)
{
    size_t i = (size_t)t * l->n_parties + p;
    int due = l->n_due[i], unk = l->n_unknown[i];
    if (!due)
        snprintf(buf, n, "nothing due");
    else if (unk == due)
        snprintf(buf, n, "unknown (%d due, no record)", due);
    else if (unk)
        snprintf(buf, n, "%.1f%% of %d with a record; %d unknown", 100 * l->fulfilment[i], due - unk, unk);
    else
        snprintf(buf, n, "%.1f%% of %d", 100 * l->fulfilment[i], due);
}

/* The replay in the summary: the ledger, the first reversal, fulfilment in three states, and the
 * balance of value pair by pair (who gave what to whom). */
static void write_replay_summary(FILE *f, const pl_agreement *a, const pl_agreement_ledger *l, int sw)
{
    char due[16], done[16], ver[16], rev[16];
    const pl_ag_variant *rv = &a->variant[a->record_variant >= 0 ? a->record_variant : 0];
    fprintf(f, "\nReplay of the record against '%s': each step due against done\n", rv->id);
    fprintf(f, "%-*s  %-6s  %-8s  %-8s  %-8s  %-8s  %5s  %-10s  %s\n", sw, "step", "actor", "due", "done", "verified",
            "reversed", "late", "state", "delivered");
    for (int s = 0; s < a->n_steps; s++) {
        const pl_ag_step_ledger *sl = &l->step[s];
        label(a, sl->due, due, sizeof due);
        label(a, sl->completed, done, sizeof done);
        label(a, sl->verified, ver, sizeof ver);
        label(a, sl->first_reversed, rev, sizeof rev);
        char late[16] = "-", dl[64] = "";
        if (sl->late_by >= 0) snprintf(late, sizeof late, "%d%s", sl->late_by, sl->basis == PL_DUE_DEADLINE ? "" : "s");
        if (a->step[s].rate > 0)
            snprintf(dl, sizeof dl, "%.0f %s recorded", sl->delivered, a->step[s].unit ? a->step[s].unit : "");
        else if (a->step[s].quantity > 0)
            snprintf(dl, sizeof dl, "%.0f of %.0f %s", sl->delivered, a->step[s].quantity,
                     a->step[s].unit ? a->step[s].unit : "");
        const char *stt = pl_ag_step_state_names[sl->state_end];
        fprintf(f, "%-*s  %-6.6s  %-8s  %-8s  %-8s  %-8s  %5s  %-10s  %s%s\n", sw, a->step[s].id,
                a->party[a->step[s].actor].id, due, done, ver, rev, late, stt, dl,
                sl->recorded ? "" : (dl[0] ? " (no record)" : "(no record)"));
    }
    fprintf(f, "due: the deadline, or the starting deadline plus the duration, or eligibility plus the duration;\n"
               "late: months after the deadline ('s': after the starting deadline); state at the end of the record:\n"
               "done, not_done, unknown (no record settles it), not_due, not_agreed (an offer: never charged).\n");
    if (l->first_rev_step >= 0)
        fprintf(f, "First reversal on the record: %s by %s on %s.\n", a->step[l->first_rev_step].id,
                a->party[l->first_rev_party].id, l->first_rev_date);
    int nrev = __builtin_popcountll(l->reversed_end);
    if (nrev) {
        fprintf(f, "Reversed at the end of the record:");
        for (pl_bits b = l->reversed_end; b; b &= b - 1) fprintf(f, " %s", a->step[__builtin_ctzll(b)].id);
        fprintf(f, ".\n");
    }
    int T = l->periods, P = a->n_parties;
    fprintf(f, "Fulfilment at the end of the record (share done of the due steps whose state the record gives):\n");
    for (int p = 0; p < P; p++) {
        char cell[96];
        pl_ag_fulfilment_text(l, T - 1, p, cell, sizeof cell);
        double bal = l->received[(size_t)(T - 1) * P + p] - l->given[(size_t)(T - 1) * P + p];
        fprintf(f, "  %-6s  %-40s  balance %+.1f\n", a->party[p].id, cell, bal);
    }
    fprintf(f, "Balance of value by pair at the end (value points under the scenario's payoffs):\n");
    int any = 0;
    for (int p = 0; p < P; p++)
        for (int q = p + 1; q < P; q++) {
            double pq = l->pair_given[(size_t)p * P + q], qp = l->pair_given[(size_t)q * P + p];
            if (pq == 0 && qp == 0) continue;
            any = 1;
            fprintf(f, "  %-6s -> %-6s %6.1f   %-6s -> %-6s %6.1f   net to %-6s %+.1f\n", a->party[p].id,
                    a->party[q].id, pq, a->party[q].id, a->party[p].id, qp, a->party[p].id, qp - pq);
        }
    if (!any) fprintf(f, "  nothing given on the record\n");
    for (int k = 0; k < a->n_claims; k++) {
        char text[4096];
        pl_ag_claim_text(a, l, k, text, sizeof text);
        fprintf(f, "\n%s", text);
    }
}

void pl_ag_fairness_text(const pl_agreement *a, int v, int w, char *buf, size_t n)
{
    buf[0] = 0;
    int p = pl_ag_variants_differ(a, v, w);
    if (p < 0) return;
    char dv[160], dw[160];
    pl_ag_policy_text(pl_ag_variant_policy(a, v, p), dv, sizeof dv);
    pl_ag_policy_text(pl_ag_variant_policy(a, w, p), dw, sizeof dw);
    snprintf(buf, n,
             "%s and %s differ in more than sequencing: %s's policy types are %s under %s and %s under %s, so their "
             "difference mixes the sequencing with that assumption",
             a->variant[v].id, a->variant[w].id, a->party[p].id, dv, a->variant[v].id, dw, a->variant[w].id);
}

/* The pairs of variants, the one that completes more often first. */
int pl_ag_pairs(const pl_agreement_result *r, int (*pair)[2])
{
    int n = 0;
    for (int v = 0; v < r->n_variants; v++)
        for (int w = v + 1; w < r->n_variants; w++) {
            int hi = r->stats[w].completed > r->stats[v].completed;
            pair[n][0] = hi ? w : v, pair[n][1] = hi ? v : w;
            n++;
        }
    return n;
}

void pl_ag_key_findings(const pl_agreement *a, const pl_agreement_result *r, char *buf, size_t n)
{
    size_t len = 0;
    int V = r->n_variants, pair[PL_AG_MAX_VARIANTS * PL_AG_MAX_VARIANTS / 2][2];
    buf[0] = 0;
    if (V >= 2) {
        int best = 0, second = -1;
        for (int v = 1; v < V; v++)
            if (r->stats[v].completed > r->stats[best].completed) best = v;
        for (int v = 0; v < V; v++)
            if (v != best && (second < 0 || r->stats[v].completed > r->stats[second].completed)) second = v;
        pl_interval d = pl_ag_paired_completion(r, best, second);
        pl_interval c = pl_ag_wilson(r->stats[best].completed, r->stats[best].runs);
        int noise = d.lo <= 0 && d.hi >= 0;
        len += (size_t)snprintf(buf + len, n - len,
                                "%s completes most often (%.1f%%); %sit leads %s by %+.1f points [%+.1f, %+.1f] on the "
                                "same runs%s. ",
                                a->variant[best].id, 100 * c.est, noise ? "but " : "", a->variant[second].id, 100 * d.est,
                                100 * d.lo, 100 * d.hi, noise ? ", which is within the noise: no ranking" : "");
        char why[600];
        pl_ag_fairness_text(a, best, second, why, sizeof why);
        if (*why && len < n) len += (size_t)snprintf(buf + len, n - len, "Warning: %s. ", why);
    } else {
        pl_interval c = pl_ag_wilson(r->stats[0].completed, r->stats[0].runs);
        len += (size_t)snprintf(buf + len, n - len, "The agreement completes in %.1f%% of runs [%.1f, %.1f]. ", 100 * c.est,
                                100 * c.lo, 100 * c.hi);
    }
    (void)pair;
    if (r->incentives && len < n) {
        int any = 0;
        for (int v = 0; v < V; v++) any |= r->incentives->v[v].self_enforcing;
        if (any) {
            len += (size_t)snprintf(buf + len, n - len, "Self-enforcing (no party gains by being another of its types):");
            for (int v = 0; v < V && len < n; v++)
                if (r->incentives->v[v].self_enforcing) len += (size_t)snprintf(buf + len, n - len, " %s", a->variant[v].id);
            if (len < n) len += (size_t)snprintf(buf + len, n - len, ". ");
        } else {
            len += (size_t)snprintf(buf + len, n - len, "No design is self-enforcing: in each, some party gains by being "
                                    "another of its types (the incentive checks say who). ");
        }
    }
    if (len < n && r->depends_on)
        len += (size_t)snprintf(buf + len, n - len, "%s ", r->depends_on);
    else if (len < n)
        len += (size_t)snprintf(buf + len, n - len, "%s", a->n_ranges
                                ? "What the ranking depends on: `parley sensitivity` runs the scenario's declared ranges "
                                  "(tornado, break-even values, Sobol indices). "
                                : "What the ranking depends on is not measured here: declare `sensitivity: ranges:` or "
                                  "give `parley sensitivity --range`. ");
    if (len < n) snprintf(buf + len, n - len, "Intervals are Monte Carlo noise only; the assumptions are not.");
}

static void write_paired_summary(FILE *f, const pl_agreement *a, const pl_agreement_result *r)
{
    int pair[PL_AG_MAX_VARIANTS * PL_AG_MAX_VARIANTS / 2][2], n = pl_ag_pairs(r, pair), w = 8;
    if (!n) return;
    for (int v = 0; v < r->n_variants; v++)
        if ((int)strlen(a->variant[v].id) > w) w = (int)strlen(a->variant[v].id);
    fprintf(f, "Paired differences in completion (percentage points; 95%% interval from the same runs)\n");
    for (int i = 0; i < n; i++) {
        pl_interval d = pl_ag_paired_completion(r, pair[i][0], pair[i][1]);
        char why[600];
        pl_ag_fairness_text(a, pair[i][0], pair[i][1], why, sizeof why);
        fprintf(f, "  %-*s - %-*s  %+5.1f  [%+.1f, %+.1f]%s\n", w, a->variant[pair[i][0]].id, w, a->variant[pair[i][1]].id,
                100 * d.est, 100 * d.lo, 100 * d.hi, *why ? "  (see the warning)" : "");
    }
    for (int i = 0; i < n; i++) {
        char why[600];
        pl_ag_fairness_text(a, pair[i][0], pair[i][1], why, sizeof why);
        if (*why) fprintf(f, "Warning: %s.\n", why);
    }
    fprintf(f, "\n");
}

void pl_ag_write_summary(FILE *f, const pl_agreement *a, const pl_agreement_result *r, const pl_agreement_ledger *l)
{
    int V = r->n_variants;
    fprintf(f, "%s\n", a->name);
    fprintf(f, "%llu runs per variant, seed %llu, %d variant%s on common random numbers; horizon %d %s from %s\n\n",
            (unsigned long long)r->runs, (unsigned long long)r->seed, V, V == 1 ? "" : "s", a->horizon, pl_ag_unit_name(a),
            a->start_text);
    int w = 8;
    for (int v = 0; v < V; v++)
        if ((int)strlen(a->variant[v].id) > w) w = (int)strlen(a->variant[v].id);
    fprintf(f, "%-*s  %8s  %-15s  %9s  %6s  %8s  %-15s  %s\n", w, "variant", "complete", "95% interval", "mean time",
            "median", "holds", "95% interval", "first to reverse");
    for (int v = 0; v < V; v++) {
        const pl_ag_stats *s = &r->stats[v];
        pl_interval c = pl_ag_wilson(s->completed, s->runs);
        char iv[32], mt[16] = "-", md[16] = "-", who[64] = "-";
        snprintf(iv, sizeof iv, "[%.1f, %.1f]", 100 * c.lo, 100 * c.hi);
        if (s->completed) {
            snprintf(mt, sizeof mt, "%.1f", (double)s->time_sum / (double)s->completed);
            snprintf(md, sizeof md, "%d", pl_ag_time_quantile(s, r->horizon, 0.5));
        }
        uint64_t best = 0;
        int bp = -1;
        for (int p = 0; p <= a->n_parties; p++)
            if (s->first_rev_party[p] > best) best = s->first_rev_party[p], bp = p;
        if (bp >= 0) snprintf(who, sizeof who, "%s %.1f%%", party_or_shock(a, bp), 100.0 * (double)best / (double)s->runs);
        pl_interval h = pl_ag_wilson(s->held, s->runs);
        char hv[32];
        snprintf(hv, sizeof hv, "[%.1f, %.1f]", 100 * h.lo, 100 * h.hi);
        fprintf(f, "%-*s  %7.1f%%  %-15s  %9s  %6s  %7.1f%%  %-15s  %s\n", w, a->variant[v].id, 100 * c.est, iv, mt, md,
                100 * h.est, hv, who);
    }
    fprintf(f, "complete: every core step in force at once before the horizon; time in %s from %s among those.\n"
               "holds: still all in force at the horizon (the rest broke down or never completed).\n\n",
            pl_ag_unit_name(a), a->start_text);
    write_paired_summary(f, a, r);
    char kf[4096];
    pl_ag_key_findings(a, r, kf, sizeof kf);
    fprintf(f, "Key findings: %s\n\n", kf);

    int sw = 4;
    for (int s = 0; s < a->n_steps; s++)
        if ((int)strlen(a->step[s].id) > sw) sw = (int)strlen(a->step[s].id);
    int vw[PL_AG_MAX_VARIANTS];
    for (int v = 0; v < V; v++) vw[v] = (int)strlen(a->variant[v].id) > 6 ? (int)strlen(a->variant[v].id) : 6;
    fprintf(f, "Probability that each step completes at least once (%%)\n");
    fprintf(f, "%-*s  %-6s", sw, "step", "actor");
    for (int v = 0; v < V; v++) fprintf(f, "  %*s", vw[v], a->variant[v].id);
    fprintf(f, "\n");
    for (int s = 0; s < a->n_steps; s++) {
        fprintf(f, "%-*s  %-6.6s", sw, a->step[s].id, a->party[a->step[s].actor].id);
        for (int v = 0; v < V; v++)
            fprintf(f, "  %*.1f", vw[v], 100.0 * (double)r->stats[v].step_done[s] / (double)r->stats[v].runs);
        fprintf(f, "%s\n", a->step[s].core ? "" : "  (not core)");
    }
    fprintf(f, "\nWhere runs that did not hold broke (earliest reversal never undone, else the hold-out; %% of those runs)\n");
    for (int v = 0; v < V; v++) {
        const pl_ag_stats *st = &r->stats[v];
        uint64_t broke = st->runs - st->held;
        fprintf(f, "  %-*s ", w, a->variant[v].id);
        if (!broke) {
            fprintf(f, " none\n");
            continue;
        }
        int shown = 0, used[PL_AG_MAX_STEPS] = {0};
        for (int k = 0; k < 4; k++) { /* the four most frequent, largest first (ties: file order) */
            int best = -1;
            for (int s = 0; s < a->n_steps; s++)
                if (!used[s] && st->first_break[s] && (best < 0 || st->first_break[s] > st->first_break[best])) best = s;
            if (best < 0) break;
            used[best] = 1;
            fprintf(f, "%s %s %.1f%%", shown++ ? "," : "", a->step[best].id,
                    100.0 * (double)st->first_break[best] / (double)broke);
        }
        fprintf(f, "\n");
    }
    /* which types make or break it: completion given the policy each party drew */
    int any_mixed = 0;
    for (int p = 0; p < a->n_parties; p++)
        for (int v = 0; v < V; v++) {
            const pl_ag_policy_dist *d = a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : &a->party[p].policy;
            if (d->n > 1) any_mixed = 1;
        }
    if (any_mixed) {
        fprintf(f, "\nCompletion given the policy a party drew (%%; its probability in parentheses)\n");
        int lw = w;
        for (int p = 0; p < a->n_parties; p++)
            for (int k = 0; k < a->party[p].policy.n; k++) {
                int len = (int)strlen(a->party[p].id) + (int)strlen(pl_policy_names[a->party[p].policy.opt[k].kind]) + 8;
                if (len > lw) lw = len;
            }
        fprintf(f, "%-*s", lw, "");
        for (int v = 0; v < V; v++) fprintf(f, "  %*s", vw[v], a->variant[v].id);
        fprintf(f, "\n");
        for (int p = 0; p < a->n_parties; p++) {
            const pl_ag_policy_dist *d0 = &a->party[p].policy;
            int mixed = d0->n > 1;
            for (int v = 0; v < V; v++)
                if (a->variant[v].has_policy[p] && a->variant[v].policy[p].n > 1) mixed = 1;
            if (!mixed) continue;
            /* rows follow the party's own distribution; a variant that overrides it shows its own options */
            int rows = d0->n;
            for (int v = 0; v < V; v++)
                if (a->variant[v].has_policy[p] && a->variant[v].policy[p].n > rows) rows = a->variant[v].policy[p].n;
            for (int k = 0; k < rows; k++) {
                char lab[96];
                if (k < d0->n)
                    snprintf(lab, sizeof lab, "%s %s (%.2f)", a->party[p].id, pl_policy_names[d0->opt[k].kind], d0->opt[k].p);
                else
                    snprintf(lab, sizeof lab, "%s option %d", a->party[p].id, k + 1);
                fprintf(f, "%-*s", lw, lab);
                for (int v = 0; v < V; v++) {
                    const pl_ag_policy_dist *d = a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : d0;
                    const pl_ag_stats *st = &r->stats[v];
                    char cell[48] = "-";
                    if (k < d->n && st->type_runs[p][k]) {
                        if (d != d0)
                            snprintf(cell, sizeof cell, "%s %.1f", pl_policy_names[d->opt[k].kind],
                                     100.0 * (double)st->type_complete[p][k] / (double)st->type_runs[p][k]);
                        else
                            snprintf(cell, sizeof cell, "%.1f",
                                     100.0 * (double)st->type_complete[p][k] / (double)st->type_runs[p][k]);
                    }
                    fprintf(f, "  %*s", vw[v], cell);
                }
                fprintf(f, "\n");
            }
        }
    }
    fprintf(f, "\nPayoff per party: mean [95%% interval] (standard deviation)\n");
    fprintf(f, "%-6s", "party");
    for (int v = 0; v < V; v++) fprintf(f, "  %-30.30s", a->variant[v].id);
    fprintf(f, "\n");
    for (int p = 0; p < a->n_parties; p++) {
        fprintf(f, "%-6.6s", a->party[p].id);
        for (int v = 0; v < V; v++) {
            const pl_ag_stats *s = &r->stats[v];
            pl_interval m = pl_ag_mean_interval(s, p);
            double sd = pl_ag_payoff_sd(s, p);
            char cell[64];
            snprintf(cell, sizeof cell, "%.1f [%.1f, %.1f] (%.1f)", m.est, m.lo, m.hi, sd);
            fprintf(f, "  %-30s", cell);
        }
        fprintf(f, "\n");
    }
    if (l) write_replay_summary(f, a, l, sw);
    pl_ag_write_behaviour_summary(f, a, r);
    fprintf(f, "\nThese results hold only under the scenario's stated assumptions (payoffs, policy probabilities,\n"
               "verification and shock rates)%s; they are not forecasts.\n",
            a->assumptions ? ": see 'assumptions' in the scenario file" : "");
}

/* ---- files ---------------------------------------------------------------- */

/* What every file of a run is written from. */
typedef struct ag_out {
    const pl_agreement *a;
    const pl_agreement_result *r;
    const pl_agreement_ledger *l; /* NULL: no record, no ledger files */
} ag_out;

static void csv_variants(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_result *r = x->r;
    fprintf(f, "variant,name,runs,p_complete,p_complete_lo,p_complete_hi,mean_time,time_p10,time_median,time_p90,"
               "p_holds,p_holds_lo,p_holds_hi,p_breakdown,p_breakdown_by_reversal,p_any_reversal\n");
    for (int v = 0; v < r->n_variants; v++) {
        const pl_ag_stats *s = &r->stats[v];
        pl_interval c = pl_ag_wilson(s->completed, s->runs), h = pl_ag_wilson(s->held, s->runs);
        double runs = (double)s->runs;
        pl_csv_row(f, "ssufffg", a->variant[v].id, a->variant[v].name, s->runs, c.est, c.lo, c.hi,
                   s->completed ? (double)s->time_sum / (double)s->completed : NAN);
        for (int k = 0; k < 3; k++) pl_csv_row(f, "+D", pl_ag_time_quantile(s, r->horizon, k == 0 ? 0.1 : k == 1 ? 0.5 : 0.9));
        pl_csv_row(f, "+ffffff\n", h.est, h.lo, h.hi, (double)(s->runs - s->held) / runs, (double)s->break_by_reversal / runs,
                   (double)s->any_reversal / runs);
    }
}

static void csv_paired(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_result *r = x->r;
    fprintf(f, "variant,other,runs,difference,difference_lo,difference_hi,runs_only_variant,runs_only_other,"
               "differs_in_more_than_sequencing\n");
    int pair[PL_AG_MAX_VARIANTS * PL_AG_MAX_VARIANTS / 2][2], np = pl_ag_pairs(r, pair);
    for (int i = 0; i < np; i++) {
        int v = pair[i][0], w = pair[i][1];
        pl_interval d = pl_ag_paired_completion(r, v, w);
        char why[600];
        pl_ag_fairness_text(a, v, w, why, sizeof why);
        pl_csv_row(f, "ssufffuus\n", a->variant[v].id, a->variant[w].id, r->stats[v].runs, d.est, d.lo, d.hi,
                   r->stats[v].only_completed[w], r->stats[w].only_completed[v], why);
    }
}

static void csv_steps(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_result *r = x->r;
    fprintf(f, "variant,step,actor,phase,core,p_completed,p_completed_lo,p_completed_hi,p_in_force_at_end,"
               "p_first_failure,p_first_reversed,mean_delivered,quantity,unit\n");
    for (int v = 0; v < r->n_variants; v++) {
        const pl_ag_stats *s = &r->stats[v];
        double runs = (double)s->runs;
        for (int k = 0; k < a->n_steps; k++) {
            const pl_ag_step *st = &a->step[k];
            pl_interval c = pl_ag_wilson(s->step_done[k], s->runs);
            pl_csv_row(f, "ssssdffffffggs\n", a->variant[v].id, st->id, a->party[st->actor].id, st->phase, st->core, c.est,
                       c.lo, c.hi, (double)s->step_in_force[k] / runs, (double)s->first_break[k] / runs,
                       (double)s->first_rev_step[k] / runs, st->quantity > 0 ? s->delivered_sum[k] / runs : NAN,
                       st->quantity > 0 ? st->quantity : NAN, st->unit);
        }
    }
}

static void csv_payoffs(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_result *r = x->r;
    fprintf(f, "variant,party,mean,mean_lo,mean_hi,sd,min,max\n");
    for (int v = 0; v < r->n_variants; v++) {
        const pl_ag_stats *s = &r->stats[v];
        for (int p = 0; p < a->n_parties; p++) {
            pl_interval m = pl_ag_mean_interval(s, p);
            pl_csv_row(f, "ssgggggg\n", a->variant[v].id, a->party[p].id, m.est, m.lo, m.hi, pl_ag_payoff_sd(s, p),
                       s->pay_min[p], s->pay_max[p]);
        }
    }
}

static void csv_completion_time(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_result *r = x->r;
    fprintf(f, "variant,period,date,completed,cumulative_p\n");
    for (int v = 0; v < r->n_variants; v++) {
        const pl_ag_stats *s = &r->stats[v];
        uint64_t acc = 0;
        for (int t = 0; t < r->horizon; t++) {
            char d[16];
            acc += s->time_hist[t];
            pl_ag_period_label(a, t, d, sizeof d);
            pl_csv_row(f, "sdsuf\n", a->variant[v].id, t, d, s->time_hist[t], (double)acc / (double)s->runs);
        }
    }
}

static void csv_first_reversal(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_result *r = x->r;
    fprintf(f, "variant,party,runs,share\n");
    for (int v = 0; v < r->n_variants; v++)
        for (int p = 0; p <= a->n_parties; p++) {
            const pl_ag_stats *s = &r->stats[v];
            pl_csv_row(f, "ssuf\n", a->variant[v].id, party_or_shock(a, p), s->first_rev_party[p],
                       (double)s->first_rev_party[p] / (double)s->runs);
        }
}

static void csv_policy_types(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_result *r = x->r;
    fprintf(f, "variant,party,option,policy,runs,p_complete_given_policy\n");
    for (int v = 0; v < r->n_variants; v++) {
        const pl_ag_stats *s = &r->stats[v];
        for (int p = 0; p < a->n_parties; p++) {
            const pl_ag_policy_dist *d = a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : &a->party[p].policy;
            for (int k = 0; k < d->n; k++) {
                uint64_t n = s->type_runs[p][k];
                pl_csv_row(f, "ssdsuf\n", a->variant[v].id, a->party[p].id, k, pl_policy_names[d->opt[k].kind], n,
                           n ? (double)s->type_complete[p][k] / (double)n : NAN);
            }
        }
    }
}

/* A period as its date, or an empty cell for none (-1). */
static void date_cell(FILE *f, const pl_agreement *a, int t)
{
    char d[16] = "";
    if (t >= 0) pl_ag_period_label(a, t, d, sizeof d);
    pl_csv_row(f, "+s", d);
}

static void csv_ledger(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_ledger *l = x->l;
    fprintf(f, "step,actor,phase,due,eligible,started,completed,verified,first_reversed,last_restored,reversals,"
               "late_by,delivered,quantity,unit,in_force_at_end,recorded,start_by,due_basis,agreed,state_at_end,share_at_end\n");
    for (int s = 0; s < a->n_steps; s++) {
        const pl_ag_step *st = &a->step[s];
        const pl_ag_step_ledger *sl = &l->step[s];
        pl_csv_row(f, "sss", st->id, a->party[st->actor].id, st->phase);
        int ts[] = {sl->due, sl->eligible, sl->started, sl->completed, sl->verified, sl->first_reversed, sl->last_restored};
        for (int k = 0; k < 7; k++) date_cell(f, a, ts[k]);
        pl_csv_row(f, "+dDggsdd", sl->n_reversals, sl->late_by, st->quantity > 0 ? sl->delivered : NAN,
                   st->quantity > 0 ? st->quantity : NAN, st->unit, sl->in_force_end, sl->recorded);
        date_cell(f, a, sl->start_by);
        pl_csv_row(f, "+sds", pl_ag_due_basis_names[sl->basis], st->agreed, pl_ag_step_state_names[sl->state_end]);
        if (sl->state_end == PL_SS_UNKNOWN) pl_csv_row(f, "+s\n", "unknown");
        else pl_csv_row(f, "+g\n", sl->frac_end);
    }
}

static void csv_fulfilment(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    const pl_agreement_ledger *l = x->l;
    fprintf(f, "period,date,party,fulfilment,value_given,value_received,balance,due,known,unknown,status\n");
    for (int t = 0; t < l->periods; t++)
        for (int p = 0; p < a->n_parties; p++) {
            char d[16];
            size_t i = (size_t)t * a->n_parties + p;
            pl_ag_period_label(a, t, d, sizeof d);
            pl_csv_row(f, "dss", t, d, a->party[p].id);
            int due = l->n_due[i], unk = l->n_unknown[i];
            if (due && unk == due) pl_csv_row(f, "+s", "unknown"); /* never 0 for missing data */
            else pl_csv_row(f, "+g", l->fulfilment[i]);
            pl_csv_row(f, "+gggddds\n", l->given[i], l->received[i], l->received[i] - l->given[i], due, due - unk, unk,
                       pl_ag_fulfilment_status(l, t, p));
        }
}

static void csv_balance(FILE *f, const void *ctx)
{
    const ag_out *x = ctx;
    const pl_agreement *a = x->a;
    fprintf(f, "giver,receiver,value_given\n");
    for (int p = 0; p < a->n_parties; p++)
        for (int q = 0; q < a->n_parties; q++)
            if (p != q) pl_csv_row(f, "ssg\n", a->party[p].id, a->party[q].id, x->l->pair_given[(size_t)p * a->n_parties + q]);
}

/* The CSV files, in the order written; the last three only with a record (a ledger). */
static const struct {
    const char *name;
    pl_write_fn write;
    int ledger;
} ag_csvs[] = {
    {"variants.csv", csv_variants, 0},   {"paired.csv", csv_paired, 0},
    {"steps.csv", csv_steps, 0},         {"payoffs.csv", csv_payoffs, 0},
    {"completion_time.csv", csv_completion_time, 0}, {"first_reversal.csv", csv_first_reversal, 0},
    {"policy_types.csv", csv_policy_types, 0}, {"ledger.csv", csv_ledger, 1},
    {"fulfilment.csv", csv_fulfilment, 1},  {"balance.csv", csv_balance, 1},
};

static int write_csvs(const char *dir, const ag_out *x, pl_error *err)
{
    for (size_t i = 0; i < sizeof ag_csvs / sizeof *ag_csvs; i++) {
        if (ag_csvs[i].ledger && !x->l) continue;
        int rc = pl_outfile_write(dir, ag_csvs[i].name, ag_csvs[i].write, x, err);
        if (rc) return rc;
    }
    return PL_OK;
}

/* ---- JSON ----------------------------------------------------------------- */

static json_t *jstr(const char *s) { return s ? json_string(s) : json_null(); }
static json_t *jinterval(pl_interval iv)
{
    return json_pack("{s:o,s:o,s:o}", "estimate", pl_json_num(iv.est), "lo", pl_json_num(iv.lo), "hi",
                     pl_json_num(iv.hi));
}
static json_t *jperiod(const pl_agreement *a, int t)
{
    if (t < 0) return json_null();
    char d[16];
    pl_ag_period_label(a, t, d, sizeof d);
    return json_string(d);
}

static json_t *results_json(const pl_agreement *a, const pl_agreement_result *r, const pl_agreement_ledger *l)
{
    pl_json_begin();
    json_t *root = json_object();
    json_object_set_new(root, "kind", json_string("agreement"));
    json_object_set_new(root, "scenario", jstr(a->id));
    json_object_set_new(root, "name", jstr(a->name));
    json_object_set_new(root, "assumptions", jstr(a->assumptions));
    json_object_set_new(root, "start", jstr(a->start_text));
    json_object_set_new(root, "period", json_string(pl_ag_unit_name(a)));
    json_object_set_new(root, "horizon", json_integer(a->horizon));
    json_object_set_new(root, "runs", json_integer((json_int_t)r->runs));
    json_object_set_new(root, "seed", pl_json_u64(r->seed));
    json_t *parties = json_array(), *steps = json_array(), *vars = json_array();
    for (int p = 0; p < a->n_parties; p++)
        json_array_append_new(parties, json_pack("{s:s,s:s}", "id", a->party[p].id, "name", a->party[p].name));
    for (int s = 0; s < a->n_steps; s++) {
        const pl_ag_step *st = &a->step[s];
        json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:b,s:b}", "id", st->id, "name", st->name, "actor",
                              a->party[st->actor].id, "phase", st->phase, "reversible", st->reversible, "core", st->core);
        json_object_set_new(j, "quantity", st->quantity > 0 ? json_real(st->quantity) : json_null());
        json_object_set_new(j, "unit", jstr(st->unit));
        json_object_set_new(j, "deadline", jperiod(a, st->deadline));
        json_object_set_new(j, "source", jstr(st->source));
        json_array_append_new(steps, j);
    }
    for (int v = 0; v < r->n_variants; v++) {
        const pl_ag_stats *s = &r->stats[v];
        json_t *j = json_pack("{s:s,s:s}", "id", a->variant[v].id, "name", a->variant[v].name);
        json_object_set_new(j, "description", jstr(a->variant[v].description));
        json_object_set_new(j, "p_complete", jinterval(pl_ag_wilson(s->completed, s->runs)));
        json_object_set_new(j, "mean_time",
                            pl_json_num(s->completed ? (double)s->time_sum / (double)s->completed : NAN));
        json_object_set_new(j, "median_time", pl_ag_time_quantile(s, r->horizon, .5) >= 0
                                                  ? json_integer(pl_ag_time_quantile(s, r->horizon, .5))
                                                  : json_null());
        json_object_set_new(j, "p_holds", jinterval(pl_ag_wilson(s->held, s->runs)));
        json_object_set_new(j, "p_breakdown", jinterval(pl_ag_wilson(s->runs - s->held, s->runs)));
        json_object_set_new(j, "p_any_reversal", jinterval(pl_ag_wilson(s->any_reversal, s->runs)));
        json_t *hist = json_array();
        for (int t = 0; t < r->horizon; t++) json_array_append_new(hist, json_integer((json_int_t)s->time_hist[t]));
        json_object_set_new(j, "completion_time_histogram", hist);
        json_t *js = json_object();
        for (int k = 0; k < a->n_steps; k++) {
            json_t *e = json_object();
            json_object_set_new(e, "p_completed", jinterval(pl_ag_wilson(s->step_done[k], s->runs)));
            json_object_set_new(e, "p_in_force_at_end", pl_json_num((double)s->step_in_force[k] / (double)s->runs));
            json_object_set_new(e, "p_first_failure", pl_json_num((double)s->first_break[k] / (double)s->runs));
            json_object_set_new(e, "p_first_reversed", pl_json_num((double)s->first_rev_step[k] / (double)s->runs));
            json_object_set_new(e, "mean_delivered", pl_json_num(s->delivered_sum[k] / (double)s->runs));
            json_object_set_new(js, a->step[k].id, e);
        }
        json_object_set_new(j, "steps", js);
        json_t *fr = json_object(), *pay = json_object();
        for (int p = 0; p <= a->n_parties; p++)
            json_object_set_new(fr, party_or_shock(a, p), pl_json_num((double)s->first_rev_party[p] / (double)s->runs));
        for (int p = 0; p < a->n_parties; p++) {
            pl_interval m = pl_ag_mean_interval(s, p);
            double sd = pl_ag_payoff_sd(s, p);
            json_t *e = jinterval(m);
            json_object_set_new(e, "sd", pl_json_num(sd));
            json_object_set_new(e, "min", pl_json_num(s->pay_min[p]));
            json_object_set_new(e, "max", pl_json_num(s->pay_max[p]));
            json_object_set_new(pay, a->party[p].id, e);
        }
        json_object_set_new(j, "first_reversal_by", fr);
        json_object_set_new(j, "payoff", pay);
        json_t *types = json_array();
        for (int p = 0; p < a->n_parties; p++) {
            const pl_ag_policy_dist *d = a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : &a->party[p].policy;
            for (int k = 0; k < d->n; k++) {
                json_t *e = json_pack("{s:s,s:s,s:f,s:I}", "party", a->party[p].id, "policy",
                                      pl_policy_names[d->opt[k].kind], "p", d->opt[k].p, "runs",
                                      (json_int_t)s->type_runs[p][k]);
                json_object_set_new(e, "p_complete", jinterval(pl_ag_wilson(s->type_complete[p][k], s->type_runs[p][k])));
                json_array_append_new(types, e);
            }
        }
        json_object_set_new(j, "policy_types", types);
        json_array_append_new(vars, j);
    }
    json_object_set_new(root, "parties", parties);
    json_object_set_new(root, "steps", steps);
    json_object_set_new(root, "variants", vars);
    json_t *paired = json_array();
    int pair[PL_AG_MAX_VARIANTS * PL_AG_MAX_VARIANTS / 2][2], np = pl_ag_pairs(r, pair);
    for (int i = 0; i < np; i++) {
        json_t *e = json_object();
        pl_interval d = pl_ag_paired_completion(r, pair[i][0], pair[i][1]);
        char why[600];
        pl_ag_fairness_text(a, pair[i][0], pair[i][1], why, sizeof why);
        json_object_set_new(e, "variant", json_string(a->variant[pair[i][0]].id));
        json_object_set_new(e, "other", json_string(a->variant[pair[i][1]].id));
        json_object_set_new(e, "difference", jinterval(d));
        json_object_set_new(e, "warning", *why ? json_string(why) : json_null());
        json_array_append_new(paired, e);
    }
    json_object_set_new(root, "paired_completion", paired);
    if (l) {
        json_t *rep = json_object(), *ls = json_array();
        json_object_set_new(rep, "variant", json_string(a->variant[a->record_variant >= 0 ? a->record_variant : 0].id));
        for (int s = 0; s < a->n_steps; s++) {
            const pl_ag_step_ledger *sl = &l->step[s];
            json_t *e = json_pack("{s:s}", "step", a->step[s].id);
            json_object_set_new(e, "due", jperiod(a, sl->due));
            json_object_set_new(e, "eligible", jperiod(a, sl->eligible));
            json_object_set_new(e, "started", jstr(sl->started_date));
            json_object_set_new(e, "completed", jstr(sl->completed_date));
            json_object_set_new(e, "verified", jstr(sl->verified_date));
            json_object_set_new(e, "first_reversed", jstr(sl->reversed_date));
            json_object_set_new(e, "last_restored", jstr(sl->restored_date));
            json_object_set_new(e, "reversals", json_integer(sl->n_reversals));
            json_object_set_new(e, "late_by", sl->late_by >= 0 ? json_integer(sl->late_by) : json_null());
            json_object_set_new(e, "delivered", a->step[s].quantity > 0 ? json_real(sl->delivered) : json_null());
            json_object_set_new(e, "in_force_at_end", json_boolean(sl->in_force_end));
            json_object_set_new(e, "recorded", json_boolean(sl->recorded));
            json_object_set_new(e, "start_by", jperiod(a, sl->start_by));
            json_object_set_new(e, "due_basis", json_string(pl_ag_due_basis_names[sl->basis]));
            json_object_set_new(e, "agreed", json_boolean(a->step[s].agreed));
            json_object_set_new(e, "state_at_end", json_string(pl_ag_step_state_names[sl->state_end]));
            json_array_append_new(ls, e);
        }
        json_object_set_new(rep, "ledger", ls);
        if (l->first_rev_step >= 0)
            json_object_set_new(rep, "first_reversal",
                                json_pack("{s:s,s:s,s:s}", "step", a->step[l->first_rev_step].id, "party",
                                          a->party[l->first_rev_party].id, "date", l->first_rev_date));
        json_t *fu = json_array();
        for (int t = 0; t < l->periods; t++) {
            json_t *row = json_object();
            json_object_set_new(row, "date", jperiod(a, t));
            for (int p = 0; p < a->n_parties; p++) {
                size_t i = (size_t)t * a->n_parties + p;
                json_t *cell = json_pack("{s:o,s:o,s:o}", "fulfilment", pl_json_num(l->fulfilment[i]), "given",
                                         pl_json_num(l->given[i]), "received", pl_json_num(l->received[i]));
                json_object_set_new(cell, "status", json_string(pl_ag_fulfilment_status(l, t, p)));
                json_object_set_new(cell, "due", json_integer(l->n_due[i]));
                json_object_set_new(cell, "unknown", json_integer(l->n_unknown[i]));
                json_object_set_new(row, a->party[p].id, cell);
            }
            json_array_append_new(fu, row);
        }
        json_object_set_new(rep, "fulfilment", fu);
        json_t *bal = json_array();
        for (int p = 0; p < a->n_parties; p++)
            for (int q = 0; q < a->n_parties; q++)
                if (p != q)
                    json_array_append_new(bal, json_pack("{s:s,s:s,s:o}", "giver", a->party[p].id, "receiver",
                                                         a->party[q].id, "value_given",
                                                         pl_json_num(l->pair_given[(size_t)p * a->n_parties + q])));
        json_object_set_new(rep, "balance_by_pair", bal);
        json_t *cl = json_array();
        for (int k = 0; k < a->n_claims; k++) {
            char text[4096];
            pl_ag_claim_text(a, l, k, text, sizeof text);
            const pl_ag_step *o = &a->step[a->claim[k].owed];
            json_t *e = json_object();
            json_object_set_new(e, "text", json_string(a->claim[k].text));
            json_object_set_new(e, "source", a->claim[k].source ? json_string(a->claim[k].source) : json_null());
            json_object_set_new(e, "owed", json_string(o->id));
            json_object_set_new(e, "owed_agreed", json_boolean(o->agreed));
            json_object_set_new(e, "owed_done", jperiod(a, l->step[a->claim[k].owed].completed));
            json_t *cs = json_array();
            for (int q = 0; q < o->n_req; q++)
                json_array_append_new(cs, json_pack("{s:s,s:o}", "step", a->step[o->req[q]].id, "done",
                                                    jperiod(a, l->step[o->req[q]].completed)));
            json_object_set_new(e, "counts", cs);
            json_object_set_new(e, "verdict", json_string(pl_ag_claim_verdict_names[pl_ag_claim_test(a, l, k)]));
            json_object_set_new(e, "test", json_string(text));
            json_array_append_new(cl, e);
        }
        json_object_set_new(rep, "claims", cl);
        json_object_set_new(root, "replay", rep);
    }
    return root;
}

int pl_ag_write_results(const char *dir, const pl_agreement *a, const pl_agreement_result *r,
                        const pl_agreement_ledger *l, pl_error *err)
{
    int rc = pl_mkdir_p(dir, err);
    if (rc) return rc;
    const ag_out x = {a, r, l};
    if ((rc = write_csvs(dir, &x, err))) return rc;
    if ((rc = pl_ag_write_behaviour_csvs(dir, a, r, err))) return rc;
    json_t *j = results_json(a, r, l);
    json_t *jb = pl_ag_behaviour_json(a, r);
    if (jb) json_object_set_new(j, "behaviour", jb);
    char *path = pl_path_join(dir, "results.json");
    rc = path ? pl_write_json_file(path, j, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10), 1, err)
              : pl_error_set(err, PL_ENOMEM, "out of memory");
    json_decref(j);
    pl_free(path);
    if (rc) return rc;
    path = pl_path_join(dir, "report.html");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    rc = pl_ag_write_report(path, a, r, l, err);
    pl_free(path);
    return rc;
}
