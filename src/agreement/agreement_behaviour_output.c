// SPDX-License-Identifier: MIT
/* agreement_behaviour_output.c — what the second edition adds to an agreement's results.
 *
 * With a `behaviour:` block: the incentive checks of every variant (as written, expected,
 * with no agreement, who joins, who gains by being another type, self-enforcing or not),
 * the reversals that answered a late step (the 2008 pattern: disablement halted over a
 * delisting that ran late), and the mean public belief about each party's type by period.
 * Text for the summary, CSV and JSON for the files, a section and a chart for the report.
 * Kept beside the first edition's writers so that theirs stay as they were. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_behaviour_output.h"
#include "io/csv.h"
#include "io/files.h"

static double belief_at(const pl_agreement_result *r, int v, int t, int j, int k)
{
    const pl_ag_stats *s = &r->stats[v];
    if (!s->belief_q || !s->runs) return NAN;
    uint64_t q = s->belief_q[((size_t)t * r->n_parties + j) * PL_AG_MAX_OPTIONS + k];
    return (double)q / PL_AG_BELIEF_ONE / (double)s->runs;
}

static const char *type_name(const pl_agreement *a, int v, int p, int k)
{
    const pl_ag_policy_dist *d = a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : &a->party[p].policy;
    return k < d->n ? pl_policy_names[d->opt[k].kind] : "?";
}
static int n_types(const pl_agreement *a, int v, int p)
{
    return a->variant[v].has_policy[p] ? a->variant[v].policy[p].n : a->party[p].policy.n;
}

void pl_ag_write_behaviour_summary(FILE *f, const pl_agreement *a, const pl_agreement_result *r)
{
    if (!a->behaviour.given) return;
    const pl_ag_behaviour *b = &a->behaviour;
    const int V = r->n_variants, P = a->n_parties, S = a->n_steps;
    /* 4 significant digits, as parley fit writes its refined point (a fitted value, --types
     * posterior, has many; results.json holds every digit) */
    fprintf(f, "\nBehaviour: %s choice (rationality %.4g, tremble %.4g), discount %.4g per period over %d periods, "
               "patience %d by default",
            b->choice == PL_CHOICE_LOGIT ? "logit" : "rule", b->rationality, b->tremble, b->discount, b->lookahead,
            b->patience_default);
    const char *sep = " (";
    for (int p = 0; p < P; p++)
        if (b->patience[p] != b->patience_default) fprintf(f, "%s%s %d", sep, a->party[p].id, b->patience[p]), sep = ", ";
    if (*sep == ',') fputs(")", f);
    char inertia[512];
    if (pl_ag_inertia_text(a, inertia, sizeof inertia)) { /* absent (0): not named, as before the key existed */
        fprintf(f, ", inertia %s", inertia);
        fputs(b->choice == PL_CHOICE_LOGIT ? " (added to the worth of keeping an own step under way or in force; not paid)"
                                           : " (read by the logit only: the rule has no worths)",
              f);
    }
    fputs("\n", f);
    const pl_ag_incentives *inc = r->incentives;
    if (inc) {
        fprintf(f, "\nIncentives per variant: payoff as written (every step at the earliest) / expected / with no "
                   "agreement;\nthe best other type and what it gains (deviation, %llu runs on common random numbers)\n",
                (unsigned long long)inc->runs);
        for (int v = 0; v < V; v++) {
            const pl_ag_incentive_row *row = &inc->v[v];
            fprintf(f, "  %s: %s%s\n", a->variant[v].id,
                    row->self_enforcing ? "self-enforcing (no party gains by being another type)"
                                        : "not self-enforcing",
                    row->everyone_joins ? "" : "; some party gains nothing by joining");
            for (int p = 0; p < P; p++) {
                char dev[96] = "no other type gains";
                if (row->best_type[p] >= 0 && row->best_gain[p] > inc->tolerance)
                    snprintf(dev, sizeof dev, "gains %+.1f as %s", row->best_gain[p], type_name(a, v, p, row->best_type[p]));
                fprintf(f, "    %-6.6s  %7.1f  %7.1f  %7.1f  %-22s %s\n", a->party[p].id, row->as_written[p],
                        row->expected[p], row->no_agreement[p],
                        row->joins[p] ? "joins" : "would not join", dev);
            }
        }
        for (int v = 0; v < V; v++)
            for (int p = 0; p < P; p++)
                if (inc->v[v].as_written[p] < inc->v[v].no_agreement[p])
                    fprintf(f, "Note: by the scenario's own numbers, %s gets %.1f from '%s' carried out in full, less "
                               "than %.1f with no agreement:\nit has no reason to sign it as written.\n",
                            a->party[p].id, inc->v[v].as_written[p], a->variant[v].id, inc->v[v].no_agreement[p]);
    }
    int any = 0;
    for (int v = 0; v < V; v++)
        for (int s = 0; s < S; s++)
            for (int c = 0; c < S; c++)
                if (r->stats[v].late_answer[s][c]) any = 1;
    if (any) {
        fprintf(f, "\nSteps withdrawn in answer to a late counterpart step (%% of runs; the most frequent per variant)\n");
        for (int v = 0; v < V; v++) {
            int shown[3][2], ns = 0;
            for (int n = 0; n < 3; n++) { /* the three most frequent, in order */
                uint64_t best = 0;
                int bs = -1, bc = -1;
                for (int s = 0; s < S; s++)
                    for (int c = 0; c < S; c++) {
                        int dup = 0;
                        for (int m = 0; m < ns; m++) dup |= shown[m][0] == s && shown[m][1] == c;
                        if (!dup && r->stats[v].late_answer[s][c] > best) best = r->stats[v].late_answer[s][c], bs = s, bc = c;
                    }
                if (bs < 0) break;
                shown[ns][0] = bs, shown[ns][1] = bc, ns++;
                fprintf(f, "  %-24s %s halts %s because %s ran late: %.1f%%\n", n ? "" : a->variant[v].id,
                        a->party[a->step[bs].actor].id, a->step[bs].id, a->step[bc].id,
                        100.0 * (double)best / (double)r->stats[v].runs);
            }
        }
    }
    if (r->stats[0].belief_q) {
        fprintf(f, "\nMean public belief about each party's type at the horizon ('%s'; prior in parentheses)\n",
                a->variant[0].id);
        for (int p = 0; p < P; p++) {
            if (n_types(a, 0, p) < 2) continue;
            fprintf(f, "  %-6.6s", a->party[p].id);
            const pl_ag_policy_dist *d = a->variant[0].has_policy[p] ? &a->variant[0].policy[p] : &a->party[p].policy;
            for (int k = 0; k < d->n; k++)
                fprintf(f, "  %s %.2f (%.2f)", type_name(a, 0, p, k), belief_at(r, 0, r->horizon - 1, p, k), d->opt[k].p);
            fprintf(f, "\n");
        }
    }
}

int pl_ag_write_behaviour_csvs(const char *dir, const pl_agreement *a, const pl_agreement_result *r, pl_error *err)
{
    if (!a->behaviour.given) return PL_OK;
    const int V = r->n_variants, P = a->n_parties, S = a->n_steps;
    pl_outfile f;
    char *path = pl_path_join(dir, "beliefs.csv");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    int rc = pl_outfile_open(&f, path, err);
    pl_free(path);
    if (rc) return rc;
    fprintf(f.f, "variant,period,date,party,type,mean_belief\n");
    for (int v = 0; v < V; v++)
        for (int t = 0; t < r->horizon; t++)
            for (int p = 0; p < P; p++)
                for (int k = 0; k < n_types(a, v, p); k++) {
                    char d[16];
                    pl_ag_period_label(a, t, d, sizeof d);
                    fprintf(f.f, "%s,%d,%s,%s,%s,%.6f\n", a->variant[v].id, t, d, a->party[p].id, type_name(a, v, p, k),
                            belief_at(r, v, t, p, k));
                }
    if ((rc = pl_outfile_commit(&f, err))) return rc;
    path = pl_path_join(dir, "late_answers.csv");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    rc = pl_outfile_open(&f, path, err);
    pl_free(path);
    if (rc) return rc;
    fprintf(f.f, "variant,step,actor,late_step,late_actor,runs,share\n");
    for (int v = 0; v < V; v++)
        for (int s = 0; s < S; s++)
            for (int c = 0; c < S; c++)
                if (r->stats[v].late_answer[s][c])
                    fprintf(f.f, "%s,%s,%s,%s,%s,%llu,%.6f\n", a->variant[v].id, a->step[s].id,
                            a->party[a->step[s].actor].id, a->step[c].id, a->party[a->step[c].actor].id,
                            (unsigned long long)r->stats[v].late_answer[s][c],
                            (double)r->stats[v].late_answer[s][c] / (double)r->stats[v].runs);
    if ((rc = pl_outfile_commit(&f, err))) return rc;
    if (!r->incentives) return PL_OK;
    path = pl_path_join(dir, "incentives.csv");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    rc = pl_outfile_open(&f, path, err);
    pl_free(path);
    if (rc) return rc;
    fprintf(f.f, "variant,party,as_written,expected,no_agreement,joins,type,gain_as_type,p_complete_as_type,"
                 "self_enforcing\n");
    for (int v = 0; v < V; v++) {
        const pl_ag_incentive_row *row = &r->incentives->v[v];
        for (int p = 0; p < P; p++)
            for (int k = 0; k < n_types(a, v, p); k++)
                fprintf(f.f, "%s,%s,%.6f,%.6f,%.6f,%d,%s,%.6f,%.6f,%d\n", a->variant[v].id, a->party[p].id,
                        row->as_written[p], row->expected[p], row->no_agreement[p], row->joins[p], type_name(a, v, p, k),
                        row->gain[p][k], row->type_complete[p][k], row->self_enforcing);
    }
    return pl_outfile_commit(&f, err);
}

json_t *pl_ag_inertia_json(const pl_agreement *a)
{
    char text[512];
    if (!a->behaviour.given || !pl_ag_inertia_text(a, text, sizeof text)) return NULL;
    json_t *in = json_object();
    for (int p = 0; p < a->n_parties; p++) json_object_set_new(in, a->party[p].id, pl_json_num(a->behaviour.inertia[p]));
    return in;
}

json_t *pl_ag_patience_json(const pl_agreement *a)
{
    json_t *pat = json_object();
    for (int p = 0; p < a->n_parties; p++) json_object_set_new(pat, a->party[p].id, json_integer(a->behaviour.patience[p]));
    return pat;
}

json_t *pl_ag_behaviour_json(const pl_agreement *a, const pl_agreement_result *r)
{
    if (!a->behaviour.given) return NULL;
    const pl_ag_behaviour *b = &a->behaviour;
    const int V = r->n_variants, P = a->n_parties, S = a->n_steps;
    json_t *o = json_pack("{s:s,s:f,s:f,s:f,s:i,s:i}", "choice", b->choice == PL_CHOICE_LOGIT ? "logit" : "rule",
                          "rationality", b->rationality, "tremble", b->tremble, "discount", b->discount, "lookahead",
                          b->lookahead, "patience", b->patience_default);
    json_object_set_new(o, "patience_by_party", pl_ag_patience_json(a)); /* "patience": the default, as before */
    json_t *in = pl_ag_inertia_json(a);
    if (in) json_object_set_new(o, "inertia", in);
    json_t *vars = json_object();
    for (int v = 0; v < V; v++) {
        json_t *jv = json_object();
        if (r->incentives) {
            const pl_ag_incentive_row *row = &r->incentives->v[v];
            json_object_set_new(jv, "self_enforcing", json_boolean(row->self_enforcing));
            json_object_set_new(jv, "everyone_joins", json_boolean(row->everyone_joins));
            json_t *parties = json_object();
            for (int p = 0; p < P; p++) {
                json_t *gains = json_object();
                for (int k = 0; k < n_types(a, v, p); k++)
                    json_object_set_new(gains, type_name(a, v, p, k), json_real(row->gain[p][k]));
                json_object_set_new(parties, a->party[p].id,
                                    json_pack("{s:f,s:f,s:f,s:b,s:o}", "as_written", row->as_written[p], "expected",
                                              row->expected[p], "no_agreement", row->no_agreement[p], "joins",
                                              row->joins[p], "gain_as_type", gains));
            }
            json_object_set_new(jv, "incentives", parties);
        }
        json_t *late = json_array();
        for (int s = 0; s < S; s++)
            for (int c = 0; c < S; c++)
                if (r->stats[v].late_answer[s][c])
                    json_array_append_new(late, json_pack("{s:s,s:s,s:f}", "step", a->step[s].id, "late_step",
                                                          a->step[c].id, "share",
                                                          (double)r->stats[v].late_answer[s][c] / (double)r->stats[v].runs));
        json_object_set_new(jv, "late_answers", late);
        if (r->stats[v].belief_q) {
            json_t *bel = json_object();
            for (int p = 0; p < P; p++) {
                json_t *jp = json_object();
                for (int k = 0; k < n_types(a, v, p); k++) {
                    json_t *arr = json_array();
                    for (int t = 0; t < r->horizon; t++) json_array_append_new(arr, json_real(belief_at(r, v, t, p, k)));
                    json_object_set_new(jp, type_name(a, v, p, k), arr);
                }
                json_object_set_new(bel, a->party[p].id, jp);
            }
            json_object_set_new(jv, "mean_belief_by_period", bel);
        }
        json_object_set_new(vars, a->variant[v].id, jv);
    }
    json_object_set_new(o, "variants", vars);
    return o;
}

void pl_ag_behaviour_assumptions(pl_report *rep, const pl_agreement *a)
{
    char inertia[512], text[1024];
    if (!a->behaviour.given || !pl_ag_inertia_text(a, inertia, sizeof inertia)) return;
    snprintf(text, sizeof text, "inertia (payoff units) %s%s", inertia,
             a->behaviour.choice == PL_CHOICE_LOGIT
                 ? ": a decision friction added, in the logit choice only, to the worth of keeping each of a party's own "
                   "steps under way or in force (assumed); never paid, in no payoff or incentive check's sums"
                 : ": read by the logit choice only; this scenario's rule choice has no worths, so it changes nothing");
    pl_report_assumption(rep, text);
}

void pl_ag_behaviour_report(pl_report *rep, const pl_agreement *a, const pl_agreement_result *r)
{
    if (!a->behaviour.given) return;
    const int V = r->n_variants, P = a->n_parties;
    pl_report_section(rep, "Incentives: who gains by joining, who by leaving");
    pl_report_paragraph(rep, "As written: each party's payoff if every step were done at the earliest and kept. "
                             "Expected: the simulation's mean. A party joins when both are at least its payoff with "
                             "no agreement. A design is self-enforcing when no party gains (beyond the tolerance) by "
                             "being another of its types while the others keep their priors.");
    if (r->incentives) {
        const char *head[] = {"variant", "party", "as written", "expected", "no agreement", "joins", "best other type"};
        pl_report_table_begin(rep, "Participation and deviation, per variant", 7, head);
        for (int v = 0; v < V; v++) {
            const pl_ag_incentive_row *row = &r->incentives->v[v];
            for (int p = 0; p < P; p++) {
                char c2[32], c3[32], c4[32], c6[96] = "none gains";
                snprintf(c2, sizeof c2, "%.1f", row->as_written[p]);
                snprintf(c3, sizeof c3, "%.1f", row->expected[p]);
                snprintf(c4, sizeof c4, "%.1f", row->no_agreement[p]);
                if (row->best_type[p] >= 0 && row->best_gain[p] > r->incentives->tolerance)
                    snprintf(c6, sizeof c6, "%s (%+.1f)", type_name(a, v, p, row->best_type[p]), row->best_gain[p]);
                char vn[160];
                snprintf(vn, sizeof vn, "%s%s", a->variant[v].id, p ? "" : (row->self_enforcing ? " (self-enforcing)" : " (not self-enforcing)"));
                const char *cells[] = {p ? "" : vn, a->party[p].id, c2, c3, c4, row->joins[p] ? "yes" : "no", c6};
                pl_report_table_row(rep, cells, !row->joins[p]);
            }
        }
        pl_report_table_end(rep);
    }
    if (!r->stats[0].belief_q) return;
    pl_report_section(rep, "What the parties learn of each other");
    pl_report_paragraph(rep, "The mean, over runs, of the public belief about each party's type, by period, under the "
                             "first variant: every party starts from the scenario's prior and updates it by Bayes' rule "
                             "from what it has verified (steps started, withdrawn, or late).");
    double *x = pl_malloc(sizeof(double) * (size_t)r->horizon), *y = pl_malloc(sizeof(double) * (size_t)r->horizon);
    if (x && y) {
        for (int t = 0; t < r->horizon; t++) x[t] = t;
        for (int p = 0; p < P; p++) {
            if (n_types(a, 0, p) < 2) continue;
            char title[160];
            snprintf(title, sizeof title, "Belief about %s's type", a->party[p].id);
            pl_chart *ch = pl_chart_create(PL_CHART_LINE, title);
            pl_chart_set_x(ch, x, (size_t)r->horizon);
            for (int k = 0; k < n_types(a, 0, p); k++) {
                for (int t = 0; t < r->horizon; t++) y[t] = belief_at(r, 0, t, p, k);
                pl_chart_add_series(ch, type_name(a, 0, p, k), y, (size_t)r->horizon);
            }
            if (a->unit == PL_PER_MONTH) pl_chart_set_x_months(ch, a->start_y, a->start_m);
            pl_chart_set_value_range(ch, 0, 1);
            pl_chart_set_axis_titles(ch, pl_ag_unit_name(a), "mean belief");
            pl_report_chart(rep, ch, NULL);
            pl_chart_free(ch);
        }
    }
    pl_free(x), pl_free(y);
}
