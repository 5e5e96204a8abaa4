// SPDX-License-Identifier: MIT
/* nparty_output.c — an N-party scenario's results for people (aligned tables on
 * standard output) and for programs (CSV tables and one JSON document).
 *
 * Files hold no timings and nothing that depends on the thread count; numbers
 * are printed with fixed precision so that two runs give identical bytes. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/stats.h"
#include "io/csv.h"
#include "io/files.h"
#include "nparty/nparty_model.h"
#include "nparty/nparty_events.h"

void np_period_label(const np_model *m, int t, char *buf, size_t len)
{
    if (t < m->rec_turns && m->rec_label) {
        snprintf(buf, len, "%s", m->rec_label[t]);
        return;
    }
    if (!m->start_year) {
        snprintf(buf, len, "%d", t + 1);
        return;
    }
    int year = m->start_year + t / m->per_year, sub = t % m->per_year;
    if (m->per_year == 1) snprintf(buf, len, "%d", year);
    else if (m->per_year == 2) snprintf(buf, len, "%dH%d", year, sub + 1);
    else if (m->per_year == 4) snprintf(buf, len, "%dQ%d", year, sub + 1);
    else snprintf(buf, len, "%d-%02d", year, sub + 1);
}

void np_fmt_pct(char *buf, size_t len, double x)
{
    if (isnan(x)) snprintf(buf, len, "n/a");
    else snprintf(buf, len, "%.1f%%", 100 * x);
}

void np_fmt_num(char *buf, size_t len, double x, int prec)
{
    if (isnan(x)) snprintf(buf, len, "n/a");
    else snprintf(buf, len, "%.*f", prec, x);
}

static int name_width(const np_model *m)
{
    int w = 7;
    for (int k = 0; k < m->n_profiles; k++) {
        int l = (int)strlen(m->profile[k].id);
        if (l > w) w = l;
    }
    return w > 40 ? 40 : w;
}

/* The head of a text table with a column per party under a "Profile" column w wide. */
static void party_columns(FILE *out, const np_model *m, int w)
{
    fprintf(out, "  %-*s", w, "Profile");
    for (int i = 0; i < m->n; i++) fprintf(out, "  %7.7s", m->party[i].id);
    fputc('\n', out);
}

void np_print_summary(const np_model *m, const np_results *r, FILE *out)
{
    char a[32], b[32], c[32], d[32], e[32], f[32], g[32];
    int n = m->n, w = name_width(m);
    fprintf(out, "%s\n", m->name);
    if (n == 0) goto tournament;
    fprintf(out, "%d parties (", n);
    for (int i = 0; i < n; i++) fprintf(out, "%s%s", i ? ", " : "", m->party[i].id);
    fprintf(out, "); %d %ss simulated", m->periods, m->period_unit);
    if (m->rec_turns) {
        char first[32], last[32];
        np_period_label(m, 0, first, sizeof first);
        np_period_label(m, m->rec_turns - 1, last, sizeof last);
        fprintf(out, " after the record %s to %s (%d %ss)", first, last, m->rec_turns, m->period_unit);
    }
    fprintf(out, "; %ld runs per profile, seed %llu\n", m->runs, (unsigned long long)m->seed);
    np_fmt_pct(a, sizeof a, m->noise);
    np_fmt_pct(b, sizeof b, m->obs_noise);
    fprintf(out, "noise %s per action, observation noise %s, observation delay %d %s(s)\n", a, b, m->obs_delay, m->period_unit);
    if (r->nash_count >= 0) {
        fprintf(out, "stage game: %s; %ld pure equilibri%s", pl_ngame_name(m->game), r->nash_count, r->nash_count == 1 ? "um" : "a");
        if (r->nash_count >= 1) {
            fprintf(out, "%s ", r->nash_count == 1 ? ":" : ", the first:");
            for (int i = 0; i < n; i++)
                fprintf(out, "%s%s %s", i ? ", " : "", m->party[i].id, m->party[i].action[r->nash_first[i]]);
        }
        fputc('\n', out);
    }
    for (int i = 0; i < n; i++) {
        const np_party *pa = &m->party[i];
        if (!pa->intensity_unit) continue;
        fprintf(out, "intensity of %s's actions (%s):", pa->id, pa->intensity_unit);
        for (int q = 0; q < pa->n_actions; q++) fprintf(out, "%s %s %g", q ? "," : "", pa->action[q], pa->intensity[q]);
        fputc('\n', out);
    }
    const np_terms *T = &m->terms;
    fprintf(out, "\nPolicy profiles (%s counted for", T->defect);
    for (int i = 0, first = 1; i < n; i++)
        if (m->measured >> i & 1) fprintf(out, "%s %s", first ? "" : ",", m->party[i].id), first = 0;
    fprintf(out, "; lasting %s = none %s in the last %d %ss)\n\n", T->coop, T->defects, m->window, m->period_unit);
    fprintf(out, "  %-*s  %11s  %11s  %11s  %11s", w, "Profile", "Lasting", "Runs with", "First", "Periods");
    if (m->shock_party >= 0) fprintf(out, "  %10s  %8s  %9s  %9s", "Calm at", "Spread", "Reach", "Recovered");
    fprintf(out, "\n  %-*s  %11.11s  %11.11s  %11.11s  %11.11s", w, "", T->coop, T->defect, T->defect, T->defected);
    if (m->shock_party >= 0) fprintf(out, "  %10s  %8s  %9s  %9s", "shock", "(periods)", "(parties)", "");
    fputc('\n', out);
    for (int k = 0; k < m->n_profiles; k++) {
        const np_profile_result *p = &r->prof[k];
        np_fmt_pct(a, sizeof a, (double)p->restraint_runs / p->runs);
        np_fmt_pct(b, sizeof b, (double)p->escalation_runs / p->runs);
        np_fmt_num(c, sizeof c, p->first_escalation + 1, 1);
        np_fmt_pct(d, sizeof d, p->escalated_share);
        fprintf(out, "  %-*.*s  %11s  %11s  %11s  %11s", w, w, m->profile[k].id, a, b, c, d);
        if (m->shock_party >= 0) {
            np_fmt_pct(e, sizeof e, (double)p->shock_runs / p->runs);
            np_fmt_num(f, sizeof f, p->spread_periods, 1);
            int h = m->shock_horizon - 1;
            np_fmt_num(g, sizeof g, p->reach[h], 2);
            char rr[32];
            np_fmt_pct(rr, sizeof rr, p->shock_runs ? (double)p->recovered / p->shock_runs : NAN);
            fprintf(out, "  %10s  %8s  %9s  %9s", e, f, g, rr);
        }
        fputc('\n', out);
    }
    if (m->n_profiles > 1) {
        int best = 0, worst = 0;
        for (int k = 1; k < m->n_profiles; k++) {
            if (r->prof[k].restraint_runs > r->prof[best].restraint_runs) best = k;
            if (r->prof[k].restraint_runs < r->prof[worst].restraint_runs) worst = k;
        }
        np_fmt_pct(a, sizeof a, (double)r->prof[best].restraint_runs / r->prof[best].runs);
        np_fmt_pct(b, sizeof b, (double)r->prof[worst].restraint_runs / r->prof[worst].runs);
        fprintf(out, "\n  Lasting %s is most frequent under %s (%s of runs) and least under %s (%s).\n", T->coop,
                m->profile[best].id, a, m->profile[worst].id, b);
        /* a ranking within the noise is no ranking: the runner-up's 95% interval against the leader's */
        int second = -1;
        for (int k = 0; k < m->n_profiles; k++)
            if (k != best && (second < 0 || r->prof[k].restraint_runs > r->prof[second].restraint_runs)) second = k;
        double p1, l1, h1, p2, l2, h2;
        pl_stats_wilson((uint64_t)r->prof[best].restraint_runs, (uint64_t)r->prof[best].runs, PL_STATS_Z95, &p1, &l1, &h1);
        pl_stats_wilson((uint64_t)r->prof[second].restraint_runs, (uint64_t)r->prof[second].runs, PL_STATS_Z95, &p2, &l2, &h2);
        fprintf(out, "  95%% intervals: %s [%.1f%%, %.1f%%], next %s [%.1f%%, %.1f%%]", m->profile[best].id, 100 * l1,
                100 * h1, m->profile[second].id, 100 * l2, 100 * h2);
        if (h2 >= l1)
            fprintf(out, ": within the noise of each other, so no ranking between the two.\n");
        else
            fprintf(out, ".\n");
        if (r->depends_on) fprintf(out, "  %s\n", r->depends_on);
    }
    if (m->shock_party >= 0)
        fprintf(out, "\n  Shock: %s is made to %s once in %s %d; among runs calm just before it, spread = %ss until\n"
                     "  half of the other parties %s, reach = how many of them %s within %d %ss,\n"
                     "  recovered = back in lasting %s at the end.\n",
                m->party[m->shock_party].id, T->defect_verb, m->period_unit, m->shock_period + 1, m->period_unit,
                T->defect_verb, T->defected, m->shock_horizon, m->period_unit, T->coop);
    if (m->n_sens) {
        fprintf(out, "\nSensitivity: lasting %s as %s varies (the same runs, no shock)\n\n  %-*s", T->coop, m->sens_param,
                w, "Profile");
        for (int v = 0; v < m->n_sens; v++) {
            char h[32];
            snprintf(h, sizeof h, "%g", m->sens_value[v]);
            fprintf(out, "  %7s", h);
        }
        fputc('\n', out);
        for (int k = 0; k < m->n_profiles; k++) {
            fprintf(out, "  %-*.*s", w, w, m->profile[k].id);
            for (int v = 0; v < m->n_sens; v++) {
                np_fmt_pct(a, sizeof a, r->sens_restraint[v][k]);
                fprintf(out, "  %7s", a);
            }
            fputc('\n', out);
        }
    }
    fprintf(out, "\nShare of %ss each party %s (chooses a cooperative action)\n\n", m->period_unit, T->coops);
    party_columns(out, m, w);
    for (int k = 0; k < m->n_profiles; k++) {
        fprintf(out, "  %-*.*s", w, w, m->profile[k].id);
        for (int i = 0; i < n; i++) {
            np_fmt_pct(a, sizeof a, r->prof[k].coop[i]);
            fprintf(out, "  %7s", a);
        }
        fputc('\n', out);
    }
    fprintf(out, "\nMean payoff per %s (under the stated payoff assumptions)\n\n", m->period_unit);
    party_columns(out, m, w);
    for (int k = 0; k < m->n_profiles; k++) {
        fprintf(out, "  %-*.*s", w, w, m->profile[k].id);
        for (int i = 0; i < n; i++) fprintf(out, "  %7.2f", r->prof[k].payoff[i]);
        fputc('\n', out);
    }
    if (m->rec_turns > 1) {
        char first[32], last[32];
        np_period_label(m, 0, first, sizeof first);
        np_period_label(m, m->rec_turns - 1, last, sizeof last);
        fprintf(out, "\nReplay of the record %s-%s: how often each policy, fed the record, chose as the record shows\n"
                     "(%s or %s; periods the record leaves open are not counted)\n\n",
                first, last, T->coop, T->defect);
        party_columns(out, m, w);
        for (int k = 0; k < m->n_profiles; k++) {
            fprintf(out, "  %-*.*s", w, w, m->profile[k].id);
            for (int i = 0; i < n; i++) {
                const np_profile_result *p = &r->prof[k];
                if (!p->replay_checked[i]) snprintf(a, sizeof a, "-");
                else snprintf(a, sizeof a, "%ld/%ld", p->replay_agreed[i], p->replay_checked[i]);
                fprintf(out, "  %7s", a);
            }
            fputc('\n', out);
        }
    }
tournament:
    if (r->tour) {
        const pl_ntournament_config *tc = &m->tour_cfg;
        fprintf(out, "\nN-party tournament: %s; groups of %d from %d strategies: %ld groups x %d repetitions, %d turns",
                pl_ngame_name(m->tour_game), tc->group_size, m->tour_n_players, pl_ntournament_result_groups(r->tour),
                tc->repetitions, tc->match.turns);
        if (tc->match.noise > 0) fprintf(out, ", noise %g", tc->match.noise);
        fprintf(out, "\n\n");
        int tw = 8;
        for (int i = 0; i < m->tour_n_players; i++) {
            int l = (int)strlen(pl_nplayer_label(m->tour_players[i]));
            if (l > tw) tw = l;
        }
        if (tw > 40) tw = 40;
        fprintf(out, "  %4s  %-*s  %7s  %7s  %6s  %7s  %6s  %10s\n", "Rank", tw, "Strategy", "Mean", "Median", "SD", "Coop",
                "Wins", "Group coop");
        for (int k = 0; k < m->tour_n_players; k++) {
            const pl_ntournament_row *row = pl_ntournament_result_row(r->tour, k);
            np_fmt_pct(a, sizeof a, row->cooperation);
            np_fmt_pct(b, sizeof b, row->wins);
            np_fmt_pct(c, sizeof c, row->group_cooperation);
            fprintf(out, "  %4d  %-*.*s  %7.3f  %7.3f  %6.3f  %7s  %6s  %10s\n", row->rank, tw, tw,
                    pl_nplayer_label(m->tour_players[row->player]), row->mean_score, row->median_score, row->sd_score, a, b, c);
        }
    }
    if (m->events) np_events_print(m->events, np_months_per_period(m), out);
    if (n == 0)
        fprintf(out, "\nThese results hold for the game, noise and strategies stated in %s.\n", m->path);
    else
        fprintf(out, "\nThese results hold under the payoff and noise assumptions stated in %s (marked ASSUMPTION);\n"
                     "they describe the model, not a forecast.\n",
                m->path);
}

/* ---- files ------------------------------------------------------------------- */

static json_t *share_json(np_share s, double base)
{
    json_t *o = json_pack("{s:I,s:I}", "k", (json_int_t)s.k, "n", (json_int_t)s.n);
    json_object_set_new(o, "share", s.n ? json_real(s.p) : json_null());
    json_object_set_new(o, "lo", s.n ? json_real(s.lo) : json_null());
    json_object_set_new(o, "hi", s.n ? json_real(s.hi) : json_null());
    if (!isnan(base)) json_object_set_new(o, "base_rate", json_real(base));
    return o;
}

/* "Who answered whom" from the dated events (nparty_events.c). */
static json_t *events_json(const np_events *e)
{
    const np_events_analysis *a = &e->an;
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(e->path));
    json_object_set_new(o, "n_events", json_integer(e->n));
    json_object_set_new(o, "window_days", json_integer(a->window_days));
    json_object_set_new(o, "first", a->first ? json_string(a->first) : json_null());
    json_object_set_new(o, "last", a->last ? json_string(a->last) : json_null());
    json_object_set_new(o, "launch_within_window_after_drill", share_json(a->launch_after_drill, a->base_launch));
    json_object_set_new(o, "drill_within_window_after_launch", share_json(a->drill_after_launch, a->base_drill));
    json_object_set_new(o, "months", json_integer(a->months));
    json_object_set_new(o, "launch_given_drill_this_or_last_month", share_json(a->launch_given_drill, NAN));
    json_object_set_new(o, "launch_given_no_drill", share_json(a->launch_given_no_drill, NAN));
    json_object_set_new(o, "drill_given_launch_last_month", share_json(a->drill_given_launch, NAN));
    json_object_set_new(o, "drill_given_no_launch_last_month", share_json(a->drill_given_no_launch, NAN));
    json_object_set_new(o, "note", json_string("the fact sheet's selection of events, not a catalogue: shares describe "
                                               "the recorded events only"));
    return o;
}



/* What every file of a run is written from. */
typedef struct np_out {
    const np_model *m;
    const np_results *r;
} np_out;

static void csv_summary(FILE *f, const void *ctx)
{
    const np_model *m = ((const np_out *)ctx)->m;
    const np_results *r = ((const np_out *)ctx)->r;
    fputs("profile,name,runs,lasting_restraint,escalation_runs,mean_first_escalation,escalated_share,"
          "shock_calm_runs,shock_spread_periods,shock_spread_reached,shock_reach,shock_recovered\n",
          f);
    for (int k = 0; k < m->n_profiles; k++) {
        const np_profile_result *p = &r->prof[k];
        pl_csv_row(f, "sslglgg", m->profile[k].id, m->profile[k].name, p->runs, (double)p->restraint_runs / p->runs,
                   p->escalation_runs, p->first_escalation + 1, p->escalated_share);
        if (m->shock_party >= 0)
            pl_csv_row(f, "+lglgg\n", p->shock_runs, p->spread_periods, p->spread_reached, p->reach[m->shock_horizon - 1],
                       p->shock_runs ? (double)p->recovered / p->shock_runs : NAN);
        else
            pl_csv_row(f, "+-----\n");
    }
}

static void csv_parties(FILE *f, const void *ctx)
{
    const np_model *m = ((const np_out *)ctx)->m;
    const np_results *r = ((const np_out *)ctx)->r;
    fputs("profile,party,strategy,cooperation,mean_payoff,replay_checked,replay_agreed\n", f);
    for (int k = 0; k < m->n_profiles; k++)
        for (int i = 0; i < m->n; i++) {
            const np_profile_result *p = &r->prof[k];
            pl_csv_row(f, "sssggll\n", m->profile[k].id, m->party[i].id, pl_nplayer_label(m->profile[k].players[i]),
                       p->coop[i], p->payoff[i], p->replay_checked[i], p->replay_agreed[i]);
        }
}

static void csv_time(FILE *f, const void *ctx)
{
    const np_model *m = ((const np_out *)ctx)->m;
    const np_results *r = ((const np_out *)ctx)->r;
    int n = m->n, nb = m->n_blocs;
    fputs("profile,period,label", f);
    for (int i = 0; i < n; i++) fprintf(f, ",%s", m->party[i].id);
    for (int b = 0; b < nb; b++) fprintf(f, ",bloc:%s", m->bloc[b].id);
    fputc('\n', f);
    for (int k = 0; k < m->n_profiles; k++)
        for (int t = 0; t < m->periods; t++) {
            char lab[32];
            np_period_label(m, m->rec_turns + t, lab, sizeof lab);
            pl_csv_row(f, "sds", m->profile[k].id, t + 1, lab);
            for (int q = 0; q < n + nb; q++) pl_csv_row(f, "+g", r->prof[k].coop_t[(size_t)t * (n + nb) + q]);
            fputc('\n', f);
        }
}

static void csv_record(FILE *f, const void *ctx)
{
    const np_model *m = ((const np_out *)ctx)->m;
    fputs("period,party,action,cooperative,source\n", f);
    for (int t = 0; t < m->rec_turns; t++)
        for (int i = 0; i < m->n; i++) {
            int a = m->rec[(size_t)t * m->n + i];
            if (a < 0) continue;
            const char *src = m->rec_source[(size_t)t * m->n + i];
            pl_csv_row(f, "sssds\n", m->rec_label[t], m->party[i].id, m->party[i].action[a], m->party[i].coop[a],
                       src ? src : "");
        }
}

static void csv_tournament(FILE *f, const void *ctx)
{
    const np_model *m = ((const np_out *)ctx)->m;
    const np_results *r = ((const np_out *)ctx)->r;
    fputs("Rank,Name,Mean_score,Median_score,Std_score,Cooperation_rating,Wins,Group_cooperation,Seats\n", f);
    for (int k = 0; k < m->tour_n_players; k++) {
        const pl_ntournament_row *row = pl_ntournament_result_row(r->tour, k);
        pl_csv_row(f, "dsggggggl\n", row->rank, pl_nplayer_label(m->tour_players[row->player]), row->mean_score,
                   row->median_score, row->sd_score, row->cooperation, row->wins, row->group_cooperation, row->seats);
    }
}

static void csv_sensitivity(FILE *f, const void *ctx)
{
    const np_model *m = ((const np_out *)ctx)->m;
    const np_results *r = ((const np_out *)ctx)->r;
    fputs("parameter,value,profile,lasting_restraint,escalated_share\n", f);
    for (int v = 0; v < m->n_sens; v++)
        for (int k = 0; k < m->n_profiles; k++)
            pl_csv_row(f, "sgsgg\n", m->sens_param, m->sens_value[v], m->profile[k].id, r->sens_restraint[v][k],
                       r->sens_escalated[v][k]);
}

static json_t *results_json(const np_model *m, const np_results *r)
{
    int n = m->n, nb = m->n_blocs;
    pl_json_begin();
    json_t *root = json_object();
    json_object_set_new(root, "kind", json_string("nparty"));
    json_object_set_new(root, "name", json_string(m->name));
    json_object_set_new(root, "scenario", json_string(m->path));
    json_object_set_new(root, "seed", pl_json_u64(m->seed));
    json_object_set_new(root, "runs", json_integer(m->runs));
    json_object_set_new(root, "periods", json_integer(m->periods));
    json_object_set_new(root, "period_unit", json_string(m->period_unit));
    json_object_set_new(root, "record_periods", json_integer(m->rec_turns));
    json_object_set_new(root, "noise", json_real(m->noise));
    json_object_set_new(root, "observation_noise", json_real(m->obs_noise));
    json_object_set_new(root, "observation_delay", json_integer(m->obs_delay));
    json_object_set_new(root, "restraint_window", json_integer(m->window));
    json_t *parties = json_array();
    for (int i = 0; i < n; i++) {
        json_t *p = json_object(), *acts = json_array();
        json_object_set_new(p, "id", json_string(m->party[i].id));
        json_object_set_new(p, "name", json_string(m->party[i].name));
        for (int a = 0; a < m->party[i].n_actions; a++) {
            json_t *ac = json_object();
            json_object_set_new(ac, "name", json_string(m->party[i].action[a]));
            json_object_set_new(ac, "cooperative", json_boolean(m->party[i].coop[a]));
            json_array_append_new(acts, ac);
        }
        json_object_set_new(p, "actions", acts);
        json_object_set_new(p, "counted", json_boolean(m->measured >> i & 1));
        json_array_append_new(parties, p);
    }
    json_object_set_new(root, "parties", parties);
    json_t *blocs = json_array();
    for (int b = 0; b < nb; b++) {
        json_t *bo = json_object(), *mem = json_array();
        json_object_set_new(bo, "id", json_string(m->bloc[b].id));
        json_object_set_new(bo, "name", json_string(m->bloc[b].name));
        for (int i = 0; i < n; i++)
            if (m->bloc[b].mask >> i & 1) json_array_append_new(mem, json_string(m->party[i].id));
        json_object_set_new(bo, "members", mem);
        json_object_set_new(bo, "escalates_when_at_least", json_integer(m->bloc[b].k));
        json_array_append_new(blocs, bo);
    }
    json_object_set_new(root, "blocs", blocs);
    json_t *sg = json_object();
    if (m->game) json_object_set_new(sg, "name", json_string(pl_ngame_name(m->game)));
    if (r->nash_count >= 0) {
        json_object_set_new(sg, "pure_equilibria", json_integer(r->nash_count));
        if (r->nash_count > 0) {
            json_t *eq = json_object();
            for (int i = 0; i < n; i++) json_object_set_new(eq, m->party[i].id, json_string(m->party[i].action[r->nash_first[i]]));
            json_object_set_new(sg, "first_equilibrium", eq);
        }
    }
    json_object_set_new(root, "stage_game", sg);
    json_t *rec = json_array();
    for (int t = 0; t < m->rec_turns; t++)
        for (int i = 0; i < n; i++) {
            int a = m->rec[(size_t)t * n + i];
            if (a < 0) continue;
            json_t *e = json_object();
            const char *src = m->rec_source[(size_t)t * n + i];
            json_object_set_new(e, "period", json_string(m->rec_label[t]));
            json_object_set_new(e, "party", json_string(m->party[i].id));
            json_object_set_new(e, "action", json_string(m->party[i].action[a]));
            json_object_set_new(e, "source", src ? json_string(src) : json_null());
            json_array_append_new(rec, e);
        }
    json_object_set_new(root, "record", rec);
    if (m->events) json_object_set_new(root, "events", events_json(m->events));
    json_t *profs = json_array();
    for (int k = 0; k < m->n_profiles; k++) {
        const np_profile_result *p = &r->prof[k];
        json_t *po = json_object();
        json_object_set_new(po, "id", json_string(m->profile[k].id));
        json_object_set_new(po, "name", json_string(m->profile[k].name));
        json_object_set_new(po, "description", json_string(m->profile[k].description));
        json_object_set_new(po, "lasting_restraint", json_real((double)p->restraint_runs / p->runs));
        {
            double e, lo, hi;
            pl_stats_wilson((uint64_t)p->restraint_runs, (uint64_t)p->runs, PL_STATS_Z95, &e, &lo, &hi);
            json_t *iv = json_object();
            json_object_set_new(iv, "lo", json_real(lo));
            json_object_set_new(iv, "hi", json_real(hi));
            json_object_set_new(po, "lasting_restraint_interval", iv);
        }
        json_object_set_new(po, "escalation_runs", json_integer(p->escalation_runs));
        json_object_set_new(po, "mean_first_escalation", pl_json_num(p->first_escalation + 1));
        json_object_set_new(po, "escalated_share", json_real(p->escalated_share));
        if (m->shock_party >= 0) {
            json_t *so = json_object(), *reach = json_array();
            json_object_set_new(so, "party", json_string(m->party[m->shock_party].id));
            json_object_set_new(so, "period", json_integer(m->shock_period + 1));
            json_object_set_new(so, "calm_runs", json_integer(p->shock_runs));
            json_object_set_new(so, "spread_periods", pl_json_num(p->spread_periods));
            json_object_set_new(so, "spread_reached", json_integer(p->spread_reached));
            for (int h = 0; h < m->shock_horizon; h++) json_array_append_new(reach, pl_json_num(p->reach[h]));
            json_object_set_new(so, "reach_by_period", reach);
            json_object_set_new(so, "recovered",
                                pl_json_num(p->shock_runs ? (double)p->recovered / p->shock_runs : NAN));
            json_object_set_new(po, "shock", so);
        }
        json_t *pp = json_object(), *ot = json_object();
        for (int i = 0; i < n; i++) {
            json_t *q = json_object();
            json_object_set_new(q, "strategy", json_string(pl_nplayer_label(m->profile[k].players[i])));
            json_object_set_new(q, "cooperation", json_real(p->coop[i]));
            json_object_set_new(q, "mean_payoff", json_real(p->payoff[i]));
            if (p->replay_checked[i]) {
                json_object_set_new(q, "replay_checked", json_integer(p->replay_checked[i]));
                json_object_set_new(q, "replay_agreed", json_integer(p->replay_agreed[i]));
            }
            json_object_set_new(pp, m->party[i].id, q);
        }
        for (int q = 0; q < n + nb; q++) {
            json_t *s = json_array();
            for (int t = 0; t < m->periods; t++) json_array_append_new(s, json_real(p->coop_t[(size_t)t * (n + nb) + q]));
            char key[96];
            snprintf(key, sizeof key, "%s%s", q < n ? "" : "bloc:", q < n ? m->party[q].id : m->bloc[q - n].id);
            json_object_set_new(ot, key, s);
        }
        json_object_set_new(po, "parties", pp);
        json_object_set_new(po, "cooperation_over_time", ot);
        json_array_append_new(profs, po);
    }
    json_object_set_new(root, "profiles", profs);
    if (m->n_sens) {
        json_t *so = json_object(), *vals = json_array(), *by = json_object();
        json_object_set_new(so, "parameter", json_string(m->sens_param));
        for (int v = 0; v < m->n_sens; v++) json_array_append_new(vals, json_real(m->sens_value[v]));
        json_object_set_new(so, "values", vals);
        for (int k = 0; k < m->n_profiles; k++) {
            json_t *lr = json_array();
            for (int v = 0; v < m->n_sens; v++) json_array_append_new(lr, json_real(r->sens_restraint[v][k]));
            json_object_set_new(by, m->profile[k].id, lr);
        }
        json_object_set_new(so, "lasting_restraint", by);
        json_object_set_new(root, "sensitivity", so);
    }
    if (r->tour) {
        json_t *to = json_object(), *rows = json_array();
        json_object_set_new(to, "game", json_string(pl_ngame_name(m->tour_game)));
        json_object_set_new(to, "group_size", json_integer(m->tour_cfg.group_size));
        json_object_set_new(to, "groups", json_integer(pl_ntournament_result_groups(r->tour)));
        json_object_set_new(to, "repetitions", json_integer(m->tour_cfg.repetitions));
        json_object_set_new(to, "turns", json_integer(m->tour_cfg.match.turns));
        for (int k = 0; k < m->tour_n_players; k++) {
            const pl_ntournament_row *row = pl_ntournament_result_row(r->tour, k);
            json_t *ro = json_object();
            json_object_set_new(ro, "rank", json_integer(row->rank));
            json_object_set_new(ro, "name", json_string(pl_nplayer_label(m->tour_players[row->player])));
            json_object_set_new(ro, "mean_score", json_real(row->mean_score));
            json_object_set_new(ro, "median_score", json_real(row->median_score));
            json_object_set_new(ro, "sd_score", json_real(row->sd_score));
            json_object_set_new(ro, "cooperation", json_real(row->cooperation));
            json_object_set_new(ro, "wins", json_real(row->wins));
            json_object_set_new(ro, "group_cooperation", json_real(row->group_cooperation));
            json_array_append_new(rows, ro);
        }
        json_object_set_new(to, "ranking", rows);
        json_object_set_new(root, "tournament", to);
    }
    json_object_set_new(root, "note", json_string("Results hold under the payoff and noise assumptions stated in the scenario "
                                                  "file (marked ASSUMPTION); they describe the model, not a forecast."));
    return root;
}

int np_write_files(const np_model *m, const np_results *r, const char *dir, pl_error *err)
{
    int rc = pl_mkdir_p(dir, err);
    if (rc) return rc;
    /* in the order written: the CSV files through their writers, the others by their index below */
    const struct {
        const char *name;
        int wanted;
        pl_write_fn write;
    } files[] = {
        {"summary.csv", m->n_profiles > 0, csv_summary},
        {"parties.csv", m->n_profiles > 0, csv_parties},
        {"cooperation_over_time.csv", m->n_profiles > 0, csv_time},
        {"record.csv", m->rec_turns > 0, csv_record},
        {"tournament.csv", r->tour != NULL, csv_tournament},
        {"results.json", 1, NULL},
        {"report.html", 1, NULL},
        {"sensitivity.csv", m->n_sens > 0, csv_sensitivity},
        {"events_analysis.csv", m->events != NULL, NULL},
    };
    const np_out x = {m, r};
    for (int k = 0; k < (int)(sizeof files / sizeof *files) && !rc; k++) {
        if (!files[k].wanted) continue;
        if (files[k].write) {
            rc = pl_outfile_write(dir, files[k].name, files[k].write, &x, err);
            continue;
        }
        char *path = pl_path_join(dir, files[k].name);
        if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
        if (k == 5) {
            json_t *j = results_json(m, r);
            rc = pl_write_json_file(path, j, JSON_INDENT(1) | JSON_REAL_PRECISION(10), 1, err);
            json_decref(j);
        } else if (k == 6)
            rc = np_write_report(m, r, path, err);
        else
            rc = np_events_write_csv(m->events, path, err);
        pl_free(path);
    }
    return rc;
}
