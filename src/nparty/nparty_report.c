// SPDX-License-Identifier: MIT
/* nparty_report.c — report.html for an N-party scenario.
 *
 * The same numbers as the summary and the CSV files, for a reader: which
 * profiles lead to lasting restraint, each party's restraint over time per
 * profile (and each bloc's), how far one shock spreads, the record with its
 * sources, and the tournament.  Built with html_report.h and svg_chart.h, so
 * the page is self-contained and byte-identical for the same results. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/html_report.h"
#include "core/stats.h"
#include "nparty/nparty_model.h"
#include "nparty/nparty_events.h"
#include "io/svg_chart.h"

static void profiles_section(pl_report *rep, const np_model *m, const np_results *r)
{
    const np_terms *T = &m->terms;
    char text[2048], h0[96], h1[96], h2[96], h3[96], title[160], s0[96], s1[96];
    snprintf(title, sizeof title, "Which policies lead to lasting %s", T->coop);
    pl_report_section(rep, title);
    char counted[256] = "";
    size_t k = 0;
    for (int i = 0; i < m->n; i++)
        if (m->measured >> i & 1) k += (size_t)snprintf(counted + k, sizeof counted - k, "%s%s", k ? ", " : "", m->party[i].id);
    char unit[64]; /* the period's name opening a sentence ("Months escalated: ...") */
    snprintf(unit, sizeof unit, "%s", m->period_unit);
    unit[0] = (char)toupper((unsigned char)unit[0]);
    const char *article = T->defect[0] && strchr("aeiouAEIOU", T->defect[0]) ? "An" : "A"; /* an escalation, a defection */
    snprintf(text, sizeof text,
             "Each profile is played %ld times on the same random streams%s. %s %s is counted for %s. Lasting %s: none of "
             "them %s in the last %d %ss of the run, with its 95%% (Wilson) interval. First %s: the mean simulated %s (1 = "
             "the first) of the first %s, among runs with one. %ss %s: the share of %s-by-party slots %s.",
             m->runs, m->rec_turns ? ", starting from the record" : "", article, T->defect, counted, T->coop, T->defects,
             m->window, m->period_unit, T->defect, m->period_unit, T->defect, unit, T->defected, m->period_unit,
             T->defected);
    text[0] = (char)toupper((unsigned char)text[0]);
    pl_report_paragraph(rep, text);
    snprintf(h0, sizeof h0, "lasting %s [95%% interval]", T->coop);
    snprintf(h1, sizeof h1, "runs with %s", T->defect);
    snprintf(h2, sizeof h2, "first %s", T->defect);
    snprintf(h3, sizeof h3, "%ss %s", m->period_unit, T->defected);
    const char *head[] = {"profile", h0, h1, h2, h3};
    pl_report_table_begin(rep, "Policy profiles", 5, head);
    double *lasting = pl_malloc((size_t)m->n_profiles * sizeof *lasting), *esc = pl_malloc((size_t)m->n_profiles * sizeof *esc);
    const char **names = pl_malloc((size_t)m->n_profiles * sizeof *names);
    int best = 0, second = -1;
    for (int q = 0; q < m->n_profiles; q++) {
        const np_profile_result *p = &r->prof[q];
        char a[64], b[32], c[32], d[32];
        double e, lo, hi;
        pl_stats_wilson((uint64_t)p->restraint_runs, (uint64_t)p->runs, PL_STATS_Z95, &e, &lo, &hi);
        snprintf(a, sizeof a, "%.1f%% [%.1f, %.1f]", 100.0 * p->restraint_runs / p->runs, 100 * lo, 100 * hi);
        np_fmt_pct(b, sizeof b, (double)p->escalation_runs / p->runs);
        np_fmt_num(c, sizeof c, p->first_escalation + 1, 1);
        np_fmt_pct(d, sizeof d, p->escalated_share);
        const char *row[] = {m->profile[q].id, a, b, c, d};
        pl_report_table_row(rep, row, 0);
        if (p->restraint_runs > r->prof[best].restraint_runs) best = q;
        if (lasting && esc && names) {
            lasting[q] = 100.0 * p->restraint_runs / p->runs;
            esc[q] = 100.0 * p->escalated_share;
            names[q] = m->profile[q].id;
        }
    }
    pl_report_table_end(rep);
    for (int q = 0; q < m->n_profiles; q++)
        if (q != best && (second < 0 || r->prof[q].restraint_runs > r->prof[second].restraint_runs)) second = q;
    if (second >= 0) { /* a ranking within the noise is no ranking (as the summary says) */
        double p1, l1, h1v, p2, l2, h2v;
        pl_stats_wilson((uint64_t)r->prof[best].restraint_runs, (uint64_t)r->prof[best].runs, PL_STATS_Z95, &p1, &l1, &h1v);
        pl_stats_wilson((uint64_t)r->prof[second].restraint_runs, (uint64_t)r->prof[second].runs, PL_STATS_Z95, &p2, &l2, &h2v);
        snprintf(text, sizeof text, "Lasting %s is most frequent under %s (%.1f%% [%.1f, %.1f]), next under %s (%.1f%% "
                 "[%.1f, %.1f])%s", T->coop, m->profile[best].id, 100 * p1, 100 * l1, 100 * h1v, m->profile[second].id,
                 100 * p2, 100 * l2, 100 * h2v, h2v >= l1 ? ": within the noise of each other, so no ranking between the two."
                                                           : ".");
        if (h2v >= l1) pl_report_note(rep, text);
        else pl_report_paragraph(rep, text);
    }
    if (r->depends_on) pl_report_paragraph(rep, r->depends_on);
    if (lasting && esc && names) {
        snprintf(title, sizeof title, "Lasting %s and %s by policy profile", T->coop, T->defect);
        pl_chart *c = pl_chart_create(PL_CHART_BAR, title);
        pl_chart_set_horizontal(c, 1);
        pl_chart_set_categories(c, (size_t)m->n_profiles, names);
        snprintf(s0, sizeof s0, "runs in lasting %s (%%)", T->coop);
        snprintf(s1, sizeof s1, "%ss %s (%%)", m->period_unit, T->defected);
        pl_chart_add_series(c, s0, lasting, (size_t)m->n_profiles);
        pl_chart_add_series(c, s1, esc, (size_t)m->n_profiles);
        pl_chart_set_value_range(c, 0, 100);
        pl_chart_set_axis_titles(c, "profile", "percent");
        snprintf(text, sizeof text, "Lasting %s (share of runs) and %s (share of %ss), per profile", T->coop, T->defect,
                 m->period_unit);
        pl_report_chart(rep, c, text);
        pl_chart_free(c);
    }
    pl_free(lasting);
    pl_free(esc);
    pl_free(names);
    for (int q = 0; q < m->n_profiles; q++)
        if (m->profile[q].description[0]) {
            snprintf(text, sizeof text, "%s (%s): %s", m->profile[q].id, m->profile[q].name, m->profile[q].description);
            pl_report_paragraph(rep, text);
        }
}

/* One run, record included, as a heat map: how far up its ladder each party is in each period. */
static void sample_chart(pl_report *rep, const np_model *m, const np_profile_result *p)
{
    int n = m->n, T = m->rec_turns + m->periods;
    double *v = pl_malloc((size_t)T * (size_t)n * sizeof *v);
    const char **rows = pl_malloc((size_t)n * sizeof *rows), **cols = pl_malloc((size_t)T * sizeof *cols);
    char(*labels)[32] = pl_malloc((size_t)T * sizeof *labels);
    if (v && rows && cols && labels && p->sample) {
        for (int i = 0; i < n; i++) {
            rows[i] = m->party[i].id;
            for (int t = 0; t < T; t++)
                v[(size_t)i * T + t] = (double)p->sample[(size_t)t * n + i] / (m->party[i].n_actions - 1);
        }
        for (int t = 0; t < T; t++) {
            np_period_label(m, t, labels[t], sizeof labels[t]);
            cols[t] = labels[t];
        }
        char title[160];
        snprintf(title, sizeof title, "One run: how far up its ladder each party is (0 = %s, 1 = top)%s", m->terms.coop,
                 m->rec_turns ? "; the record first, then the simulation" : "");
        pl_chart *c = pl_chart_create(PL_CHART_HEATMAP, title);
        pl_chart_set_matrix(c, (size_t)n, (size_t)T, v, rows, cols);
        pl_chart_set_size(c, 900, 190 + 30 * n);
        pl_chart_set_value_range(c, 0, 1);
        pl_chart_set_decimals(c, 1);
        pl_chart_set_axis_titles(c, m->period_unit, "party");
        pl_report_chart(rep, c, m->rec_turns ? "Run 1 of this profile, the record first" : "Run 1 of this profile");
        pl_chart_free(c);
    }
    pl_free(v);
    pl_free(rows);
    pl_free(cols);
    pl_free(labels);
}

static void time_section(pl_report *rep, const np_model *m, const np_results *r)
{
    int n = m->n, nb = m->n_blocs, T = m->periods;
    const np_terms *Tm = &m->terms;
    char text[512], share[96], tab[160];
    snprintf(text, sizeof text, "%s over time, per party and bloc", Tm->coop);
    text[0] = (char)toupper((unsigned char)text[0]);
    pl_report_section(rep, text);
    snprintf(text, sizeof text, "The share of runs in which each party (and each bloc, counted as %s when its rule says "
                                "so) chose a cooperative action in each simulated period.", Tm->defected);
    pl_report_paragraph(rep, text);
    snprintf(share, sizeof share, "share that %s", Tm->coops);
    snprintf(tab, sizeof tab, "Share of periods each party %s", Tm->coops);
    double *x = pl_malloc((size_t)T * sizeof *x), *y = pl_malloc((size_t)T * sizeof *y);
    if (!x || !y) {
        pl_free(x);
        pl_free(y);
        return;
    }
    for (int t = 0; t < T; t++)
        x[t] = m->start_year ? m->start_year + (double)(m->rec_turns + t) / m->per_year : m->rec_turns + t + 1;
    for (int q = 0; q < m->n_profiles; q++) {
        pl_report_subsection(rep, m->profile[q].name);
        pl_chart *c = pl_chart_create(PL_CHART_LINE, m->profile[q].name);
        pl_chart_set_x(c, x, (size_t)T);
        pl_chart_set_value_range(c, 0, 1);
        pl_chart_set_axis_titles(c, m->start_year ? "year" : m->period_unit, share);
        if (m->profile[q].has_opening) pl_chart_add_x_marker(c, x[0], "opening moves");
        for (int k = 0; k < n + nb; k++) {
            for (int t = 0; t < T; t++) y[t] = r->prof[q].coop_t[(size_t)t * (n + nb) + k];
            char name[96];
            snprintf(name, sizeof name, "%s%s", k < n ? "" : "bloc ", k < n ? m->party[k].id : m->bloc[k - n].id);
            pl_chart_add_series(c, name, y, (size_t)T);
        }
        pl_report_chart(rep, c, m->profile[q].description[0] ? m->profile[q].description : NULL);
        pl_chart_free(c);
        sample_chart(rep, m, &r->prof[q]);
    }
    pl_free(x);
    pl_free(y);
    const char *head0 = "profile";
    const char **head = pl_malloc((size_t)(n + 1) * sizeof *head);
    char(*cells)[32] = pl_malloc((size_t)(n + 1) * sizeof *cells);
    const char **row = pl_malloc((size_t)(n + 1) * sizeof *row);
    if (!head || !cells || !row) goto done;
    head[0] = head0;
    for (int i = 0; i < n; i++) head[i + 1] = m->party[i].id;
    for (int pass = 0; pass < 2; pass++) {
        pl_report_table_begin(rep, pass ? "Mean payoff per period (under the stated payoff assumptions)"
                                        : tab,
                              (size_t)n + 1, head);
        for (int q = 0; q < m->n_profiles; q++) {
            row[0] = m->profile[q].id;
            for (int i = 0; i < n; i++) {
                if (pass) np_fmt_num(cells[i], sizeof cells[i], r->prof[q].payoff[i], 2);
                else np_fmt_pct(cells[i], sizeof cells[i], r->prof[q].coop[i]);
                row[i + 1] = cells[i];
            }
            pl_report_table_row(rep, row, 0);
        }
        pl_report_table_end(rep);
    }
done:
    pl_free(head);
    pl_free(cells);
    pl_free(row);
}

static void sensitivity_section(pl_report *rep, const np_model *m, const np_results *r)
{
    if (!m->n_sens) return;
    pl_report_section(rep, "How much the answer depends on an assumption");
    char text[512], title[160], axis[160];
    snprintf(text, sizeof text, "Every profile is run again on the same random streams with %s set to each value below "
                                "(everything else as stated); the chart gives the share of runs in lasting %s.",
             m->sens_param, m->terms.coop);
    pl_report_paragraph(rep, text);
    snprintf(title, sizeof title, "Lasting %s against the assumed noise", m->terms.coop);
    snprintf(axis, sizeof axis, "share of runs in lasting %s", m->terms.coop);
    pl_chart *c = pl_chart_create(PL_CHART_LINE, title);
    pl_chart_set_x(c, m->sens_value, (size_t)m->n_sens);
    pl_chart_set_value_range(c, 0, 1);
    pl_chart_set_axis_titles(c, m->sens_param, axis);
    for (int k = 0; k < m->n_profiles; k++) {
        double y[NP_MAX_SENS_VALUES];
        for (int v = 0; v < m->n_sens; v++) y[v] = r->sens_restraint[v][k];
        pl_chart_add_series(c, m->profile[k].id, y, (size_t)m->n_sens);
    }
    snprintf(title, sizeof title, "Sensitivity of lasting %s, by profile", m->terms.coop);
    pl_report_chart(rep, c, title);
    pl_chart_free(c);
}

static void shock_section(pl_report *rep, const np_model *m, const np_results *r)
{
    if (m->shock_party < 0) return;
    const np_terms *T = &m->terms;
    char text[1024], title[160];
    snprintf(title, sizeof title, "How fast %s spreads", T->defect);
    pl_report_section(rep, title);
    snprintf(text, sizeof text,
             "In a second set of runs %s is made to %s once, in simulated %s %d. Among the runs in which no counted "
             "party %s just before, the table gives how many %ss it took until half of the other parties "
             "%s, how many of them %s within %d %ss, and the share of runs back in lasting %s at the end.",
             m->party[m->shock_party].id, T->defect_verb, m->period_unit, m->shock_period + 1, T->defected, m->period_unit,
             T->defected, T->defected, m->shock_horizon, m->period_unit, T->coop);
    pl_report_paragraph(rep, text);
    const char *head[] = {"profile", "calm before the shock", "periods to spread", "parties reached", "recovered"};
    snprintf(title, sizeof title, "After a single %s", T->defect);
    pl_report_table_begin(rep, title, 5, head);
    for (int q = 0; q < m->n_profiles; q++) {
        const np_profile_result *p = &r->prof[q];
        char a[32], b[32], c[32], d[32];
        np_fmt_pct(a, sizeof a, (double)p->shock_runs / p->runs);
        np_fmt_num(b, sizeof b, p->spread_periods, 1);
        np_fmt_num(c, sizeof c, p->reach[m->shock_horizon - 1], 2);
        np_fmt_pct(d, sizeof d, p->shock_runs ? (double)p->recovered / p->shock_runs : NAN);
        const char *row[] = {m->profile[q].id, a, b, c, d};
        pl_report_table_row(rep, row, 0);
    }
    pl_report_table_end(rep);
    snprintf(title, sizeof title, "Other parties that have %s since the shock", T->defected);
    pl_chart *c = pl_chart_create(PL_CHART_LINE, title);
    double x[NP_SHOCK_HORIZON];
    for (int h = 0; h < m->shock_horizon; h++) x[h] = h + 1;
    pl_chart_set_x(c, x, (size_t)m->shock_horizon);
    pl_chart_set_axis_titles(c, "periods after the shock", "parties (mean)");
    for (int q = 0; q < m->n_profiles; q++) pl_chart_add_series(c, m->profile[q].id, r->prof[q].reach, (size_t)m->shock_horizon);
    snprintf(title, sizeof title, "Reach of one %s, by profile (runs calm before the shock)", T->defect);
    pl_report_chart(rep, c, title);
    pl_chart_free(c);
}

static void record_section(pl_report *rep, const np_model *m, const np_results *r)
{
    if (!m->rec_turns) return;
    pl_report_section(rep, "The record every run starts from");
    pl_report_paragraph(rep, "The periods and actions of the record, each with the source the scenario file cites. Periods "
                             "the record leaves open are chosen by each profile's own policy.");
    const char *head[] = {"period", "party", "action", "source"};
    pl_report_table_begin(rep, "Record", 4, head);
    for (int t = 0; t < m->rec_turns; t++)
        for (int i = 0; i < m->n; i++) {
            int a = m->rec[(size_t)t * m->n + i];
            if (a < 0) continue;
            const char *src = m->rec_source[(size_t)t * m->n + i];
            const char *row[] = {m->rec_label[t], m->party[i].id, m->party[i].action[a], src ? src : ""};
            pl_report_table_row(rep, row, 0);
        }
    pl_report_table_end(rep);
    if (m->rec_turns < 2) return;
    pl_report_subsection(rep, "Replay: does each policy reproduce the record?");
    pl_report_paragraph(rep, "Each policy is fed the record period by period; the cells count the periods in which its "
                             "choice (restraint or escalation) matched what the record shows.");
    int n = m->n;
    const char **head2 = pl_malloc((size_t)(n + 1) * sizeof *head2);
    const char **row = pl_malloc((size_t)(n + 1) * sizeof *row);
    char(*cells)[32] = pl_malloc((size_t)n * sizeof *cells);
    if (head2 && row && cells) {
        head2[0] = "profile";
        for (int i = 0; i < n; i++) head2[i + 1] = m->party[i].id;
        pl_report_table_begin(rep, "Replay agreement (matched / periods on record)", (size_t)n + 1, head2);
        for (int q = 0; q < m->n_profiles; q++) {
            row[0] = m->profile[q].id;
            for (int i = 0; i < n; i++) {
                const np_profile_result *p = &r->prof[q];
                if (p->replay_checked[i]) snprintf(cells[i], sizeof cells[i], "%ld/%ld", p->replay_agreed[i], p->replay_checked[i]);
                else snprintf(cells[i], sizeof cells[i], "n/a");
                row[i + 1] = cells[i];
            }
            pl_report_table_row(rep, row, 0);
        }
        pl_report_table_end(rep);
    }
    pl_free(head2);
    pl_free(row);
    pl_free(cells);
}

static void tournament_section(pl_report *rep, const np_model *m, const np_results *r)
{
    if (!r->tour) return;
    pl_report_section(rep, "N-party tournament");
    char text[512];
    snprintf(text, sizeof text, "%s: every group of %d drawn from %d strategies (%ld groups), %d repetitions of %d turns%s.",
             pl_ngame_name(m->tour_game), m->tour_cfg.group_size, m->tour_n_players, pl_ntournament_result_groups(r->tour),
             m->tour_cfg.repetitions, m->tour_cfg.match.turns, m->tour_cfg.max_groups ? " (a seeded sample)" : "");
    pl_report_paragraph(rep, text);
    const char *head[] = {"rank", "strategy", "mean", "median", "sd", "cooperation", "wins", "group cooperation"};
    pl_report_table_begin(rep, "Ranked by mean score per turn", 8, head);
    int np = m->tour_n_players;
    const char **names = pl_malloc((size_t)np * sizeof *names);
    double *means = pl_malloc((size_t)np * sizeof *means);
    for (int k = 0; k < np; k++) {
        const pl_ntournament_row *row = pl_ntournament_result_row(r->tour, k);
        char a[16], b[32], c[32], d[32], e[32], f[32], g[32];
        snprintf(a, sizeof a, "%d", row->rank);
        np_fmt_num(b, sizeof b, row->mean_score, 3);
        np_fmt_num(c, sizeof c, row->median_score, 3);
        np_fmt_num(d, sizeof d, row->sd_score, 3);
        np_fmt_pct(e, sizeof e, row->cooperation);
        np_fmt_pct(f, sizeof f, row->wins);
        np_fmt_pct(g, sizeof g, row->group_cooperation);
        const char *cells[] = {a, pl_nplayer_label(m->tour_players[row->player]), b, c, d, e, f, g};
        pl_report_table_row(rep, cells, 0);
        if (names && means) {
            names[k] = cells[1];
            means[k] = row->mean_score;
        }
    }
    pl_report_table_end(rep);
    if (names && means) {
        pl_chart *c = pl_chart_create(PL_CHART_BAR, "Mean score per turn");
        pl_chart_set_horizontal(c, 1);
        pl_chart_set_categories(c, (size_t)np, names);
        pl_chart_add_series(c, NULL, means, (size_t)np);
        pl_chart_set_axis_titles(c, "strategy", "mean score per turn");
        pl_report_chart(rep, c, "N-party tournament, ranked");
        pl_chart_free(c);
    }
    pl_free(names);
    pl_free(means);
}

static void events_share_row(pl_report *rep, const char *what, np_share s, double base)
{
    char k[64], p[64], iv[64], b[32] = "";
    snprintf(k, sizeof k, "%ld of %ld", s.k, s.n);
    np_fmt_pct(p, sizeof p, s.n ? s.p : NAN);
    if (s.n) snprintf(iv, sizeof iv, "[%.1f%%, %.1f%%]", 100 * s.lo, 100 * s.hi);
    else snprintf(iv, sizeof iv, "no cases");
    if (!isnan(base)) np_fmt_pct(b, sizeof b, base);
    const char *row[] = {what, k, p, iv, b};
    pl_report_table_row(rep, row, 0);
}

/* Who answered whom: the dated events' lagged-response shares against their base rates, and the
 * reaction functions by month, each with its 95% interval. */
static void events_section(pl_report *rep, const np_model *m)
{
    if (!m->events) return;
    const np_events *e = m->events;
    const np_events_analysis *a = &e->an;
    pl_report_section(rep, "Who answered whom: the dated events");
    char text[600];
    snprintf(text, sizeof text,
             "%d dated events from %s (%s to %s), at their own resolution (days). A launch within %d days after a "
             "drill starts is counted as following it; the base rate is the share of days that lie in such a window, "
             "what the share would be if launches fell at random over the same span. The events are the fact sheet's "
             "selection, not a catalogue: the shares describe the recorded events only.",
             e->n, e->path, a->first ? a->first : "-", a->last ? a->last : "-", a->window_days);
    pl_report_paragraph(rep, text);
    const char *head[] = {"measure", "cases", "share", "95% interval", "base rate"};
    pl_report_table_begin(rep, "Lagged responses and reaction functions (Wilson intervals)", 5, head);
    events_share_row(rep, "launches within the window after a drill starts", a->launch_after_drill, a->base_launch);
    events_share_row(rep, "drills starting within the window after a launch", a->drill_after_launch, a->base_drill);
    events_share_row(rep, "P(launch in a month | drill began that month or the last)", a->launch_given_drill, NAN);
    events_share_row(rep, "P(launch in a month | no drill began then)", a->launch_given_no_drill, NAN);
    events_share_row(rep, "P(drill begins in a month | launch the month before)", a->drill_given_launch, NAN);
    events_share_row(rep, "P(drill begins in a month | no launch the month before)", a->drill_given_no_launch, NAN);
    pl_report_table_end(rep);
    snprintf(text, sizeof text,
             "A policy with reaction: launch_after_drill (or drill_after_launch) plays the two monthly rates of its "
             "function, each run drawing them afresh from their posteriors, Beta(k + 1, n - k + 1), so the runs carry "
             "the estimate's uncertainty (a period of m months: 1 - (1 - p)^m).%s",
             m->rec_from_events ? " The record every run starts from is built from these events, a month a period." : "");
    pl_report_paragraph(rep, text);
    const char *eh[] = {"date", "actor", "kind", "event", "intensity", "source"};
    pl_report_table_begin(rep, "The dated events", 6, eh);
    for (int i = 0; i < e->n; i++) {
        const np_event *x = &e->ev[i];
        char in[64] = "";
        if (!isnan(x->intensity)) snprintf(in, sizeof in, "%g %s", x->intensity, x->unit);
        const char *row[] = {x->date, x->actor, np_event_kind_names[x->kind], x->what, in, x->source};
        pl_report_table_row(rep, row, 0);
    }
    pl_report_table_end(rep);
}

int np_write_report(const np_model *m, const np_results *r, const char *path, pl_error *err)
{
    pl_report *rep = pl_report_create(m->name);
    if (!rep) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_report_set_subtitle(rep, m->path);
    pl_report_citations(rep, m->source_tag, (size_t)m->n_sources); /* [G15] links to its source */
    pl_report_param(rep, "scenario", m->path);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)m->seed);
    pl_report_paramf(rep, "runs per profile", "%ld", m->runs);
    if (m->game) {
        pl_report_paramf(rep, "parties", "%d", m->n);
        pl_report_paramf(rep, "simulated periods", "%d %ss after a record of %d", m->periods, m->period_unit, m->rec_turns);
        pl_report_paramf(rep, "noise", "%g per action; observation noise %g, delay %d", m->noise, m->obs_noise, m->obs_delay);
        pl_report_param(rep, "stage game", pl_ngame_name(m->game));
    }
    if (r->nash_count >= 0) {
        char eq[512] = "";
        size_t k = 0;
        if (r->nash_count > 0)
            for (int i = 0; i < m->n && k < sizeof eq; i++)
                k += (size_t)snprintf(eq + k, sizeof eq - k, "%s%s %s", i ? ", " : "", m->party[i].id,
                                      m->party[i].action[r->nash_first[i]]);
        pl_report_paramf(rep, "pure equilibria of the stage game", "%ld%s%s", r->nash_count, r->nash_count ? ": " : "", eq);
    }
    for (int k = 0; k < m->n_assumptions; k++) pl_report_assumption(rep, m->assumption[k]);
    if (m->n_profiles)
        pl_report_assumption(rep, "Payoffs, noise levels, action ladders and policies are modelling assumptions, marked "
                                  "ASSUMPTION in the scenario file; the results describe the model, not a forecast.");
    if (m->n_profiles) {
        profiles_section(rep, m, r);
        sensitivity_section(rep, m, r);
        shock_section(rep, m, r);
        time_section(rep, m, r);
        record_section(rep, m, r);
    }
    events_section(rep, m);
    tournament_section(rep, m, r);
    if (m->n_sources) {
        pl_report_section(rep, "Sources");
        pl_report_paragraph(rep, "The tags in brackets in this report's tables are these sources (the scenario's "
                                 "'sources:'; every tag the file cites resolves here, or the file is refused).");
        pl_report_citation_list(rep, "Source list", (size_t)m->n_sources, m->source_tag, m->source_text);
    }
    char cmd[512];
    if (m->n_profiles)
        snprintf(cmd, sizeof cmd, "parley run %s --seed %llu --runs %ld --out DIR", m->path, (unsigned long long)m->seed, m->runs);
    else
        snprintf(cmd, sizeof cmd, "parley run %s --seed %llu --out DIR", m->path, (unsigned long long)m->seed);
    pl_report_section(rep, "Reproduce");
    pl_report_code(rep, cmd);
    int rc = pl_report_write(rep, path, err);
    pl_report_free(rep);
    return rc;
}
