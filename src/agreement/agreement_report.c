// SPDX-License-Identifier: MIT
/* agreement_report.c — report.html for an agreement: the one place it is assembled.
 *
 * Built on the shared report and chart modules (html_report.h, svg_chart.h):
 * completion and holding per variant with 95% intervals, the distribution of
 * time to completion, where runs broke down (first failing step) and who
 * reversed first, each step's completion, payoffs per party with intervals,
 * completion given each party's drawn policy; and, with a record, the replay:
 * a timeline of every step (due, under way, done, verified, reversed), each
 * party's fulfilment and its balance of value over time, and the ledger. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement_output.h"
#include "agreement/agreement_behaviour_output.h"
#include "io/html_report.h"

/* The events of one step drawn on the record's timeline; later ones are left off the chart
 * (the ledger tables keep them all). */
#define PL_AG_REPORT_STEP_EVENTS 512

#define CI_TEXT_MAX 64

static double frac(uint64_t k, uint64_t n) { return n ? (double)k / (double)n : NAN; }

static void pct_cell(char *buf, pl_interval iv)
{
    snprintf(buf, CI_TEXT_MAX, "%.1f%% [%.1f, %.1f]", 100 * iv.est, 100 * iv.lo, 100 * iv.hi);
}

static void time_axis(pl_chart *c, const pl_agreement *a)
{
    if (a->unit == PL_PER_MONTH) pl_chart_set_x_months(c, a->start_y, a->start_m);
}


static void simulation_sections(pl_report *rep, const pl_agreement *a, const pl_agreement_result *r)
{
    int V = r->n_variants, S = a->n_steps, P = a->n_parties;
    const char *vnames[PL_AG_MAX_VARIANTS], *snames[PL_AG_MAX_STEPS], *pnames[PL_AG_MAX_PARTIES + 1];
    for (int v = 0; v < V; v++) vnames[v] = a->variant[v].name;
    for (int s = 0; s < S; s++) snames[s] = a->step[s].id;
    for (int p = 0; p < P; p++) pnames[p] = a->party[p].id;
    pnames[P] = "shock";

    /* completion and holding */
    pl_report_section(rep, "Completion by variant");
    int fair = 1;
    for (int v = 1; v < V; v++) fair &= pl_ag_variants_differ(a, 0, v) < 0;
    pl_report_paragraph(rep, fair ? "Complete: every core step in force at once before the horizon. Holds: still all in "
                                    "force at the horizon; the difference is breakdown after completion. Bars show 95% "
                                    "intervals; all variants ran on the same random numbers and the same assumptions, so "
                                    "their difference is the sequencing."
                                  : "Complete: every core step in force at once before the horizon. Holds: still all in "
                                    "force at the horizon; the difference is breakdown after completion. Bars show 95% "
                                    "intervals; all variants ran on the same random numbers, but not all on the same "
                                    "assumptions: see the warnings under the paired differences.");
    double comp[PL_AG_MAX_VARIANTS], clo[PL_AG_MAX_VARIANTS], chi[PL_AG_MAX_VARIANTS];
    double held[PL_AG_MAX_VARIANTS], hlo[PL_AG_MAX_VARIANTS], hhi[PL_AG_MAX_VARIANTS];
    for (int v = 0; v < V; v++) {
        pl_interval c = pl_ag_wilson(r->stats[v].completed, r->stats[v].runs);
        pl_interval h = pl_ag_wilson(r->stats[v].held, r->stats[v].runs);
        comp[v] = c.est, clo[v] = c.lo, chi[v] = c.hi, held[v] = h.est, hlo[v] = h.lo, hhi[v] = h.hi;
    }
    pl_chart *ch = pl_chart_create(PL_CHART_BAR, "Probability that the agreement completes, and holds to the horizon");
    pl_chart_set_categories(ch, (size_t)V, vnames);
    pl_chart_add_series(ch, "completes", comp, (size_t)V);
    pl_chart_set_errors(ch, 0, clo, chi);
    pl_chart_add_series(ch, "holds to the horizon", held, (size_t)V);
    pl_chart_set_errors(ch, 1, hlo, hhi);
    pl_chart_set_value_range(ch, 0, 1);
    pl_chart_set_axis_titles(ch, "variant", "probability");
    pl_report_chart(rep, ch, NULL);
    pl_chart_free(ch);
    {
        const char *head[] = {"variant", "completes", "holds", "mean time", "median", "10%-90%", "any reversal"};
        pl_report_table_begin(rep, "Per variant (95% intervals; time in periods among runs that completed)", 7, head);
        for (int v = 0; v < V; v++) {
            const pl_ag_stats *s = &r->stats[v];
            char c1[CI_TEXT_MAX], c2[CI_TEXT_MAX], c3[32] = "", c4[32] = "", c5[32] = "", c6[32];
            pct_cell(c1, pl_ag_wilson(s->completed, s->runs));
            pct_cell(c2, pl_ag_wilson(s->held, s->runs));
            if (s->completed) {
                snprintf(c3, sizeof c3, "%.1f", (double)s->time_sum / (double)s->completed);
                snprintf(c4, sizeof c4, "%d", pl_ag_time_quantile(s, r->horizon, .5));
                snprintf(c5, sizeof c5, "%d-%d", pl_ag_time_quantile(s, r->horizon, .1), pl_ag_time_quantile(s, r->horizon, .9));
            }
            snprintf(c6, sizeof c6, "%.1f%%", 100 * frac(s->any_reversal, s->runs));
            const char *row[] = {a->variant[v].name, c1, c2, c3, c4, c5, c6};
            pl_report_table_row(rep, row, 0);
        }
        pl_report_table_end(rep);
    }

    /* paired differences, with a warning where two variants differ in more than sequencing */
    {
        int pair[PL_AG_MAX_VARIANTS * PL_AG_MAX_VARIANTS / 2][2], np = pl_ag_pairs(r, pair);
        if (np) {
            const char *head[] = {"variant", "less", "difference (points)", "95% interval (paired)", "comparable?"};
            pl_report_table_begin(rep, "Paired differences in completion: the same runs under both designs", 5, head);
            for (int i = 0; i < np; i++) {
                pl_interval d = pl_ag_paired_completion(r, pair[i][0], pair[i][1]);
                char c1[32], c2[48], why[600];
                snprintf(c1, sizeof c1, "%+.1f", 100 * d.est);
                snprintf(c2, sizeof c2, "[%+.1f, %+.1f]", 100 * d.lo, 100 * d.hi);
                pl_ag_fairness_text(a, pair[i][0], pair[i][1], why, sizeof why);
                char note[640];
                snprintf(note, sizeof note, "%s%s", *why ? "Warning: " : "yes: only the sequencing differs", why);
                const char *row[] = {a->variant[pair[i][0]].name, a->variant[pair[i][1]].name, c1, c2, note};
                pl_report_table_row(rep, row, *why != 0);
            }
            pl_report_table_end(rep);
        }
    }

    /* time to completion */
    pl_report_section(rep, "Time to completion");
    double *x = pl_malloc(sizeof(double) * (size_t)r->horizon), *y = pl_malloc(sizeof(double) * (size_t)r->horizon);
    if (x && y) {
        ch = pl_chart_create(PL_CHART_LINE, "Probability of having completed, by period");
        for (int t = 0; t < r->horizon; t++) x[t] = t;
        pl_chart_set_x(ch, x, (size_t)r->horizon);
        for (int v = 0; v < V; v++) {
            uint64_t acc = 0;
            for (int t = 0; t < r->horizon; t++) acc += r->stats[v].time_hist[t], y[t] = frac(acc, r->stats[v].runs);
            pl_chart_add_series(ch, a->variant[v].name, y, (size_t)r->horizon);
        }
        time_axis(ch, a);
        pl_chart_set_value_range(ch, 0, 1);
        pl_chart_set_axis_titles(ch, pl_ag_unit_name(a), "probability completed");
        pl_report_chart(rep, ch, "Cumulative distribution of the time to completion");
        pl_chart_free(ch);
        ch = pl_chart_create(PL_CHART_LINE, "Completions per period");
        pl_chart_set_x(ch, x, (size_t)r->horizon);
        for (int v = 0; v < V; v++) {
            for (int t = 0; t < r->horizon; t++) y[t] = frac(r->stats[v].time_hist[t], r->stats[v].runs);
            pl_chart_add_series(ch, a->variant[v].name, y, (size_t)r->horizon);
        }
        time_axis(ch, a);
        pl_chart_set_axis_titles(ch, pl_ag_unit_name(a), "share of runs completing");
        pl_report_chart(rep, ch, "Distribution of the time to completion");
        pl_chart_free(ch);
    }
    pl_free(x), pl_free(y);

    /* breakdown */
    pl_report_section(rep, "Breakdown");
    pl_report_paragraph(rep, "Among all runs: the step where a run that did not hold broke (its earliest reversal "
                             "that was never undone, or else the first core step that was due and never done), and "
                             "the party that reversed first.");
    double vals[PL_AG_MAX_STEPS > PL_AG_MAX_PARTIES + 1 ? PL_AG_MAX_STEPS : PL_AG_MAX_PARTIES + 1];
    ch = pl_chart_create(PL_CHART_BAR, "Where runs that did not hold broke");
    pl_chart_set_horizontal(ch, 1);
    pl_chart_set_categories(ch, (size_t)S, snames);
    for (int v = 0; v < V; v++) {
        for (int s = 0; s < S; s++) vals[s] = frac(r->stats[v].first_break[s], r->stats[v].runs);
        pl_chart_add_series(ch, a->variant[v].name, vals, (size_t)S);
    }
    pl_chart_set_axis_titles(ch, "step", "share of runs");
    pl_report_chart(rep, ch, NULL);
    pl_chart_free(ch);
    ch = pl_chart_create(PL_CHART_BAR, "Who reversed first");
    pl_chart_set_categories(ch, (size_t)P + 1, pnames);
    for (int v = 0; v < V; v++) {
        for (int p = 0; p <= P; p++) vals[p] = frac(r->stats[v].first_rev_party[p], r->stats[v].runs);
        pl_chart_add_series(ch, a->variant[v].name, vals, (size_t)P + 1);
    }
    pl_chart_set_axis_titles(ch, "party (or an exogenous shock)", "share of runs");
    pl_report_chart(rep, ch, NULL);
    pl_chart_free(ch);

    /* steps */
    pl_report_section(rep, "Steps");
    ch = pl_chart_create(PL_CHART_BAR, "Probability that each step completes");
    pl_chart_set_horizontal(ch, 1);
    pl_chart_set_categories(ch, (size_t)S, snames);
    for (int v = 0; v < V; v++) {
        double lo[PL_AG_MAX_STEPS], hi[PL_AG_MAX_STEPS];
        for (int s = 0; s < S; s++) {
            pl_interval iv = pl_ag_wilson(r->stats[v].step_done[s], r->stats[v].runs);
            vals[s] = iv.est, lo[s] = iv.lo, hi[s] = iv.hi;
        }
        pl_chart_add_series(ch, a->variant[v].name, vals, (size_t)S);
        pl_chart_set_errors(ch, (size_t)v, lo, hi);
    }
    pl_chart_set_value_range(ch, 0, 1);
    pl_chart_set_axis_titles(ch, "step", "probability");
    pl_report_chart(rep, ch, NULL);
    pl_chart_free(ch);
    {
        const char *head[] = {"step", "actor", "phase", "name", "source"};
        pl_report_table_begin(rep, "The steps", 5, head);
        for (int s = 0; s < S; s++) {
            const pl_ag_step *st = &a->step[s];
            const char *row[] = {st->id, a->party[st->actor].id, st->phase, st->name, st->source};
            pl_report_table_row(rep, row, 0);
        }
        pl_report_table_end(rep);
    }

    /* payoffs */
    pl_report_section(rep, "Payoffs");
    pl_report_note(rep, "Payoffs are the scenario's assumptions (value points), not measurements.");
    ch = pl_chart_create(PL_CHART_BAR, "Mean payoff per party (95% interval)");
    pl_chart_set_categories(ch, (size_t)P, pnames);
    for (int v = 0; v < V; v++) {
        double lo[PL_AG_MAX_PARTIES], hi[PL_AG_MAX_PARTIES];
        for (int p = 0; p < P; p++) {
            pl_interval iv = pl_ag_mean_interval(&r->stats[v], p);
            vals[p] = iv.est, lo[p] = iv.lo, hi[p] = iv.hi;
        }
        pl_chart_add_series(ch, a->variant[v].name, vals, (size_t)P);
        pl_chart_set_errors(ch, (size_t)v, lo, hi);
    }
    pl_chart_set_axis_titles(ch, "party", "payoff");
    pl_report_chart(rep, ch, NULL);
    pl_chart_free(ch);
    {
        const char *head[] = {"variant", "party", "mean [95% interval]", "sd", "min", "max"};
        pl_report_table_begin(rep, NULL, 6, head);
        for (int v = 0; v < V; v++)
            for (int p = 0; p < P; p++) {
                const pl_ag_stats *s = &r->stats[v];
                pl_interval m = pl_ag_mean_interval(s, p);
                double sd = pl_ag_payoff_sd(s, p);
                char c1[CI_TEXT_MAX], c2[32], c3[32], c4[32];
                snprintf(c1, sizeof c1, "%.2f [%.2f, %.2f]", m.est, m.lo, m.hi);
                snprintf(c2, sizeof c2, "%.2f", sd);
                snprintf(c3, sizeof c3, "%.2f", s->pay_min[p]);
                snprintf(c4, sizeof c4, "%.2f", s->pay_max[p]);
                const char *row[] = {a->variant[v].id, a->party[p].id, c1, c2, c3, c4};
                pl_report_table_row(rep, row, 0);
            }
        pl_report_table_end(rep);
    }

    /* policy types */
    pl_report_section(rep, "Which types make or break it");
    pl_report_paragraph(rep, "Each party's policy is drawn per run from the scenario's probabilities; this is the "
                             "probability of completion given the policy drawn.");
    {
        const char *head[] = {"variant", "party", "policy", "runs", "completes"};
        pl_report_table_begin(rep, NULL, 5, head);
        for (int v = 0; v < V; v++)
            for (int p = 0; p < P; p++) {
                const pl_ag_policy_dist *d = a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : &a->party[p].policy;
                if (d->n < 2) continue;
                for (int k = 0; k < d->n; k++) {
                    const pl_ag_stats *s = &r->stats[v];
                    char c1[32], c2[CI_TEXT_MAX];
                    snprintf(c1, sizeof c1, "%llu", (unsigned long long)s->type_runs[p][k]);
                    pct_cell(c2, pl_ag_wilson(s->type_complete[p][k], s->type_runs[p][k]));
                    const char *row[] = {a->variant[v].id, a->party[p].id, pl_policy_names[d->opt[k].kind], c1,
                                         s->type_runs[p][k] ? c2 : ""};
                    pl_report_table_row(rep, row, 0);
                }
            }
        pl_report_table_end(rep);
    }
}

/* Where the record is silent, party by party: a hatched band over the periods in which every
 * step a party owed has no record (unknown, not 0 %), with the counts in the tooltip. */
static void fulfilment_known_chart(pl_report *rep, const pl_agreement *a, const pl_agreement_ledger *l)
{
    int P = a->n_parties, T = l->periods;
    pl_chart *ch = pl_chart_create(PL_CHART_TIMELINE, "Fulfilment the record cannot settle");
    time_axis(ch, a);
    pl_chart_set_x_range(ch, 0, T);
    for (int p = 0; p < P; p++) {
        int row = pl_chart_timeline_add_row(ch, a->party[p].id);
        if (row < 0) break;
        for (int t = 0; t < T;) {
            const char *st = pl_ag_fulfilment_status(l, t, p);
            if (strcmp(st, "unknown")) {
                t++;
                continue;
            }
            int t1 = t + 1;
            while (t1 < T && !strcmp(pl_ag_fulfilment_status(l, t1, p), st)) t1++;
            char note[128];
            snprintf(note, sizeof note, "all %d due steps without a record", l->n_due[(size_t)t * P + p]);
            pl_chart_timeline_add_interval(ch, (size_t)row, t, t1, PL_TL_UNKNOWN, note);
            t = t1;
        }
    }
    pl_report_chart(rep, ch, "Hatched: no record of anything the party owed (unknown, never drawn as 0 %); where only "
                             "some of it has no record, the share above is of the rest (fulfilment.csv counts both)");
    pl_chart_free(ch);
}

/* Who gave what to whom: the balance of value pair by pair, not summed over all recipients. */
static void balance_by_pair_table(pl_report *rep, const pl_agreement *a, const pl_agreement_ledger *l)
{
    int P = a->n_parties;
    const char *head[] = {"party", "counterpart", "gave", "received", "net received"};
    pl_report_table_begin(rep, "Balance of value by pair at the end of the record (value points, assumed payoffs)", 5,
                          head);
    for (int p = 0; p < P; p++)
        for (int q = p + 1; q < P; q++) {
            double pq = l->pair_given[(size_t)p * P + q], qp = l->pair_given[(size_t)q * P + p];
            if (pq == 0 && qp == 0) continue;
            char g[32], r[32], n[32];
            snprintf(g, sizeof g, "%.1f", pq);
            snprintf(r, sizeof r, "%.1f", qp);
            snprintf(n, sizeof n, "%+.1f", qp - pq);
            const char *row[] = {a->party[p].id, a->party[q].id, g, r, n};
            pl_report_table_row(rep, row, 0);
        }
    pl_report_table_end(rep);
}

static void replay_sections(pl_report *rep, const pl_agreement *a, const pl_agreement_ledger *l)
{
    int S = a->n_steps, P = a->n_parties, T = l->periods;
    const pl_ag_variant *rv = &a->variant[a->record_variant >= 0 ? a->record_variant : 0];
    pl_report_section(rep, "Replay of the record");
    char text[512];
    snprintf(text, sizeof text,
             "The dated record run through the sequencing of '%s': when each step fell due (its deadline, or when "
             "everything it requires was verified on the record), when it was done, verified, reversed.",
             rv->name);
    pl_report_paragraph(rep, text);
    pl_chart *ch = pl_chart_create(PL_CHART_TIMELINE, "Each step on the record");
    time_axis(ch, a);
    pl_chart_set_x_range(ch, 0, T);
    for (int s = 0; s < S; s++) {
        const pl_ag_step_ledger *sl = &l->step[s];
        int row = pl_chart_timeline_add_row(ch, a->step[s].id);
        if (row < 0) break;
        size_t rw = (size_t)row;
        if (sl->due >= 0) {
            if (sl->eligible >= 0 && sl->eligible < sl->due)
                pl_chart_timeline_add_interval(ch, rw, sl->eligible, sl->due, PL_TL_DUE, "due");
            pl_chart_timeline_add_point(ch, rw, sl->due, PL_TL_DUE, "deadline");
        }
        /* the step's own events in date order (file order within a period) drive its intervals */
        int idx[PL_AG_REPORT_STEP_EVENTS], n = 0;
        for (int i = 0; i < a->n_events && n < PL_AG_REPORT_STEP_EVENTS; i++)
            if (a->event[i].step == s) {
                int j = n++;
                while (j > 0 && a->event[idx[j - 1]].period > a->event[i].period) idx[j] = idx[j - 1], j--;
                idx[j] = i;
            }
        int open = -1, ever_done = 0;
        double from = 0;
        const char *open_note = NULL;
        for (int k = 0; k < n; k++) {
            const pl_ag_event *e = &a->event[idx[k]];
            double t = e->period;
            int next = -1;
            switch (e->kind) {
            case PL_EV_STARTED:
            case PL_EV_DELIVERED: if (open < 0) next = PL_TL_STARTED; break;
            case PL_EV_COMPLETED:
                ever_done = 1;
                next = a->step[s].ver_kind == PL_AG_VER_NONE ? PL_TL_VERIFIED : PL_TL_COMPLETED;
                pl_chart_timeline_add_point(ch, rw, t, PL_TL_COMPLETED, e->date);
                break;
            case PL_EV_VERIFIED: next = PL_TL_VERIFIED; break;
            case PL_EV_REVERSED:
            case PL_EV_DETECTED:
                next = PL_TL_REVERSED;
                pl_chart_timeline_add_point(ch, rw, t, PL_TL_REVERSED, e->date);
                break;
            case PL_EV_RESTORED:
                next = ever_done ? (a->step[s].ver_kind == PL_AG_VER_NONE ? PL_TL_VERIFIED : PL_TL_COMPLETED) : PL_TL_STARTED;
                break;
            default: break;
            }
            if (next < 0 || next == open) continue;
            if (open >= 0 && t > from)
                pl_chart_timeline_add_interval(ch, rw, from, t, (pl_timeline_kind)open, open_note);
            open = next, from = t, open_note = e->note ? e->note : e->date;
        }
        if (open >= 0) pl_chart_timeline_add_interval(ch, rw, from, NAN, (pl_timeline_kind)open, open_note);
    }
    pl_report_chart(rep, ch, "Due (deadline marks), under way, done, verified, reversed");
    pl_chart_free(ch);

    double *x = pl_malloc(sizeof(double) * (size_t)T), *y = pl_malloc(sizeof(double) * (size_t)T);
    if (x && y) {
        for (int t = 0; t < T; t++) x[t] = t;
        ch = pl_chart_create(PL_CHART_LINE, "Fulfilment: share of each party's due core steps in force");
        pl_chart_set_x(ch, x, (size_t)T);
        for (int p = 0; p < P; p++) {
            for (int t = 0; t < T; t++) y[t] = l->fulfilment[(size_t)t * P + p];
            pl_chart_add_series(ch, a->party[p].id, y, (size_t)T);
        }
        time_axis(ch, a);
        pl_chart_set_value_range(ch, 0, 1);
        pl_chart_set_axis_titles(ch, pl_ag_unit_name(a), "fulfilment");
        pl_report_chart(rep, ch, "The share done of the due steps whose state the record gives (deliveries pro rata); "
                                 "no point where nothing is due or nothing due has a record (see the next chart)");
        pl_chart_free(ch);
        fulfilment_known_chart(rep, a, l);
        ch = pl_chart_create(PL_CHART_LINE, "Balance of value: received minus given, cumulative");
        pl_chart_set_x(ch, x, (size_t)T);
        for (int p = 0; p < P; p++) {
            for (int t = 0; t < T; t++) y[t] = l->received[(size_t)t * P + p] - l->given[(size_t)t * P + p];
            pl_chart_add_series(ch, a->party[p].id, y, (size_t)T);
        }
        time_axis(ch, a);
        pl_chart_set_axis_titles(ch, pl_ag_unit_name(a), "value points");
        pl_report_chart(rep, ch, "Under the scenario's payoffs (assumptions)");
        pl_chart_free(ch);
    }
    pl_free(x), pl_free(y);
    const char *head[] = {"step", "actor", "due", "basis", "done", "verified", "reversed", "restored", "late",
                          "delivered", "state at the end"};
    pl_report_table_begin(rep, "The ledger: each step due against done", 11, head);
    for (int s = 0; s < S; s++) {
        const pl_ag_step_ledger *sl = &l->step[s];
        char due[16] = "", late[16] = "", dl[64] = "";
        if (sl->due >= 0) pl_ag_period_label(a, sl->due, due, sizeof due);
        if (sl->late_by >= 0) snprintf(late, sizeof late, "%d", sl->late_by);
        if (a->step[s].quantity > 0)
            snprintf(dl, sizeof dl, "%.0f of %.0f %s", sl->delivered, a->step[s].quantity,
                     a->step[s].unit ? a->step[s].unit : "");
        const char *row[] = {a->step[s].id,     a->party[a->step[s].actor].id, due,
                             pl_ag_due_basis_names[sl->basis], sl->completed_date,
                             sl->verified_date, sl->reversed_date, sl->restored_date, late, dl,
                             pl_ag_step_state_names[sl->state_end]};
        pl_report_table_row(rep, row, 0);
    }
    pl_report_table_end(rep);
    balance_by_pair_table(rep, a, l);
    if (l->first_rev_step >= 0) {
        snprintf(text, sizeof text, "First reversal on the record: %s by %s on %s.", a->step[l->first_rev_step].id,
                 a->party[l->first_rev_party].id, l->first_rev_date);
        pl_report_paragraph(rep, text);
    }
    for (int k = 0; k < a->n_claims; k++) {
        char claim[4096];
        pl_ag_claim_text(a, l, k, claim, sizeof claim);
        /* one paragraph per line of the test */
        for (char *line = claim, *nl; *line; line = nl + 1) {
            nl = strchr(line, '\n');
            if (!nl) nl = line + strlen(line) - 1;
            else *nl = 0;
            while (*line == ' ') line++;
            pl_report_paragraph(rep, line);
        }
    }
    const char *eh[] = {"date", "event", "step", "source", "note"};
    pl_report_table_begin(rep, "The record", 5, eh);
    for (int i = 0; i < a->n_events; i++) {
        const pl_ag_event *e = &a->event[i];
        const char *what = e->step >= 0 ? a->step[e->step].id : e->shock >= 0 ? a->shock[e->shock].id : "";
        const char *row[] = {e->date, pl_ag_event_names[e->kind], what, e->source, e->note};
        pl_report_table_row(rep, row, 0);
    }
    pl_report_table_end(rep);
}

/* Each variant's sequencing as a graph of its steps and `requires` links, what it changes from
 * the steps as written highlighted. */
static void sequencing_section(pl_report *rep, const pl_agreement *a)
{
    pl_report_section(rep, "Sequencing of each variant");
    pl_report_paragraph(rep, "Each step is a box; an arrow runs from a step to the steps that wait for it to be verified "
                             "(`requires`), so a step's column is how many steps must come before it. What a variant "
                             "changes from the steps as written is highlighted: requirements it adds, requirements it "
                             "drops (dashed), and the steps whose requirements differ.");
    int V = a->n_variants > 0 ? a->n_variants : 1;
    for (int v = 0; v < V; v++) {
        pl_bits written[PL_AG_MAX_STEPS], eff[PL_AG_MAX_STEPS];
        for (int s = 0; s < a->n_steps; s++) {
            written[s] = 0;
            for (int k = 0; k < a->step[s].n_req; k++) written[s] |= PL_BIT(a->step[s].req[k]);
            eff[s] = a->n_variants > 0 && a->variant[v].has_req[s] ? a->variant[v].req[s] : written[s];
        }
        char title[300];
        snprintf(title, sizeof title, "%s", a->n_variants > 0 ? a->variant[v].name : "The steps as written");
        pl_chart *c = pl_chart_create(PL_CHART_GRAPH, title);
        for (int s = 0; s < a->n_steps; s++) pl_chart_graph_add_node(c, a->step[s].id, eff[s] != written[s]);
        for (int s = 0; s < a->n_steps; s++)
            for (int q = 0; q < a->n_steps; q++) {
                pl_bits b = PL_BIT(q);
                if (eff[s] & b) pl_chart_graph_add_edge(c, (size_t)q, (size_t)s, (written[s] & b) ? PL_GE_SHARED : PL_GE_ADDED);
                else if (written[s] & b) pl_chart_graph_add_edge(c, (size_t)q, (size_t)s, PL_GE_REMOVED);
            }
        pl_report_chart(rep, c, a->n_variants > 0 ? a->variant[v].description : NULL);
        pl_chart_free(c);
    }
}

int pl_ag_write_report(const char *path, const pl_agreement *a, const pl_agreement_result *r,
                       const pl_agreement_ledger *l, pl_error *err)
{
    pl_report *rep = pl_report_create(a->name);
    if (!rep) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_report_set_subtitle(rep, a->path);
    pl_report_citations(rep, (const char *const *)a->source_tag, (size_t)a->n_sources); /* [C4] links to its source */
    pl_report_paramf(rep, "runs per variant", "%llu", (unsigned long long)r->runs);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)r->seed);
    pl_report_paramf(rep, "variants", "%d (on common random numbers)", r->n_variants);
    pl_report_paramf(rep, "horizon", "%d %s from %s", a->horizon, pl_ag_unit_name(a), a->start_text);
    if (a->assumptions) pl_report_assumption(rep, a->assumptions);
    pl_report_assumption(rep, "parties follow the policies and probabilities the scenario states; payoffs, verification "
                              "and shock rates are the scenario's");
    pl_ag_behaviour_assumptions(rep, a);
    if (a->description) pl_report_paragraph(rep, a->description);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "parley run %s --runs %llu --seed %llu", a->path, (unsigned long long)r->runs,
             (unsigned long long)r->seed);
    pl_report_code(rep, cmd);
    {
        char kf[4096];
        pl_ag_key_findings(a, r, kf, sizeof kf);
        pl_report_section(rep, "Key findings");
        pl_report_paragraph(rep, kf);
    }
    simulation_sections(rep, a, r);
    sequencing_section(rep, a);
    pl_ag_behaviour_report(rep, a, r);
    if (l) replay_sections(rep, a, l);
    if (a->n_sources) { /* every [tag] the tables cite, resolved (scenario.c checks that each one is here) */
        pl_report_section(rep, "Sources");
        pl_report_paragraph(rep, "The tags in brackets in this report's tables, and in the scenario file, are these sources "
                                 "(the scenario's 'sources:'; every tag the file cites resolves here, or the file is refused).");
        pl_report_citation_list(rep, "Source list", (size_t)a->n_sources, (const char *const *)a->source_tag,
                                (const char *const *)a->source_text);
    }
    int rc = pl_report_write(rep, path, err);
    pl_report_free(rep);
    return rc;
}
