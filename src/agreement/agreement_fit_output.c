// SPDX-License-Identifier: MIT
/* agreement_fit_output.c — the fit of an agreement's behaviour, as text and as JSON.
 *
 * The posterior over each party's type beside its prior, the maximum-likelihood
 * parameters (refined, the grid's best beside them) with each one's profile likelihood over
 * the grid and where its plateau reaches an end of the grid or of its own scale, the most probable type
 * profiles, and the posterior-predictive milestones.  Times go to the text only (the
 * JSON holds nothing that depends on the clock). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_behaviour_output.h"
#include "agreement/agreement_fit.h"
#include "io/files.h"
#include "scenario/overrides.h"

pl_agreement_fit_point pl_agreement_fit_best(const pl_agreement_fit *f) { return f->best; }
double pl_agreement_fit_loglik(const pl_agreement_fit *f) { return f->best_ll; }
double pl_agreement_fit_posterior(const pl_agreement_fit *f, int p, int k)
{
    return p >= 0 && p < f->n_parties && k >= 0 && k < f->n_types[p] ? f->posterior[p][k] : NAN;
}
int pl_agreement_fit_n_types(const pl_agreement_fit *f, int p) { return p >= 0 && p < f->n_parties ? f->n_types[p] : 0; }

static const char *tname(const pl_agreement *a, int p, int k)
{
    int v = a->record_variant >= 0 ? a->record_variant : 0;
    const pl_ag_policy_dist *d = a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : &a->party[p].policy;
    return pl_policy_names[d->opt[k].kind];
}

static const char *const edge_names[4] = {"rationality", "tremble", "patience", "discount"};

/* How the grid's best is refined (agreement_fit.c, fit_refine), for the text and fit.json. */
static const char refine_method[] =
    "golden-section search on log rationality, logit tremble and discount in turn, each between the grid's "
    "neighbours of its value, then along each round's move, then patience over every whole number of periods "
    "between its grid neighbours; the rule and patience without end kept";

static void lam_text(double l, char *buf, size_t n)
{
    if (isinf(l))
        snprintf(buf, n, "rule");
    else
        snprintf(buf, n, "%g", l);
}

static void pat_text(int pat, char *buf, size_t n)
{
    if (pat >= PL_AG_FIT_NEVER)
        snprintf(buf, n, "never");
    else
        snprintf(buf, n, "%d", pat);
}

/* The text of grid value x of parameter i (0 rationality, 1 tremble, 2 patience, 3 discount). */
static void grid_text(int i, int x, char *buf, size_t n)
{
    if (i == 0)
        lam_text(pl_ag_fit_grid_lambda[x], buf, n);
    else if (i == 1)
        snprintf(buf, n, "%g", pl_ag_fit_grid_eps[x]);
    else if (i == 2)
        pat_text(pl_ag_fit_grid_patience[x], buf, n);
    else
        snprintf(buf, n, "%g", pl_ag_fit_grid_delta[x]);
}

/* What an end of a parameter's own scale means (grid value x of parameter i, pl_ag_fit_own_end). */
static const char *own_end_text(int i, int x)
{
    if (i == 0) return "choices that weigh no payoff";
    if (i == 2) return pl_ag_fit_grid_patience[x] == 0 ? "a step counts as late at once" : "lateness never counts";
    return "each party weighs only the payoffs of the period it decides in";
}

/* A point of the fit's as text: its values to 4 significant digits where fine (the refined point),
 * as "%g" writes them otherwise (the grid's). */
static void point_text(const pl_agreement_fit_point *g, int fine, char *buf, size_t n)
{
    char lam[32], pat[32];
    if (isinf(g->rationality))
        snprintf(lam, sizeof lam, "rule");
    else
        snprintf(lam, sizeof lam, fine ? "%.4g" : "%g", g->rationality);
    pat_text(g->patience, pat, sizeof pat);
    snprintf(buf, n, fine ? "rationality %s, tremble %.4g, patience %s, discount %.4g" : "rationality %s, tremble %g, patience %s, discount %g",
             lam, g->tremble, pat, g->discount);
}

void pl_ag_fit_point_text(const pl_agreement_fit_point *g, char *buf, size_t n) { point_text(g, 1, buf, n); }

void pl_agreement_fit_print(FILE *out, const pl_agreement *a, const pl_agreement_fit *f)
{
    char lam[32];
    pl_overrides_print(out, a->overrides, "fit"); /* --set, as parley run's summary opens */
    fprintf(out, "%s: fit of behaviour to the record (%d periods, %d recorded steps)\n", a->name, f->periods,
            __builtin_popcountll(f->recorded));
    const int *n = pl_ag_fit_grid_n;
    char lam0[32], lam1[32];
    lam_text(pl_ag_fit_grid_lambda[0], lam0, sizeof lam0);
    lam_text(pl_ag_fit_grid_lambda[n[0] - 2], lam1, sizeof lam1);
    char pat[32];
    fprintf(out, "Grid of %d points: rationality {%s .. %s, rule}, tremble {%g .. %g}, patience {%d .. %d, never}, "
                 "discount {%g .. %g}; types enumerated exactly.\n",
            f->n_grid, lam0, lam1, pl_ag_fit_grid_eps[0], pl_ag_fit_grid_eps[n[1] - 1], pl_ag_fit_grid_patience[0],
            pl_ag_fit_grid_patience[n[2] - 2], pl_ag_fit_grid_delta[0], pl_ag_fit_grid_delta[n[3] - 1]);
    char inertia[512];
    if (pl_ag_inertia_text(a, inertia, sizeof inertia)) /* named only where given, as in the run's summary */
        fprintf(out, "Not searched: inertia %s, the scenario's, at every grid point.\n", inertia);
    fputs("\n", out);
    char best[160], grid[160];
    point_text(&f->best, 1, best, sizeof best);
    point_text(&f->grid_best, 0, grid, sizeof grid);
    fprintf(out, "Maximum likelihood: %s (log likelihood %.2f)\n", best, f->best_ll);
    fprintf(out, "  refined from the grid's best, %s (log likelihood %.2f),\n  by %s\n"
                 "  (%d rounds, %d likelihoods); the profiles and plateaus below are the grid's\n",
            grid, f->grid_best_ll, refine_method, f->refine_rounds, f->refine_evals);
    for (int i = 0; i < 4; i++) {
        if (!(f->own_end >> i & 1)) continue;
        for (int end = 0; end < 2; end++) {
            int x = end ? pl_ag_fit_grid_n[i] - 1 : 0;
            if ((end ? f->flat_hi[i] : f->flat_lo[i]) != x || !pl_ag_fit_own_end(i, x)) continue;
            char v[32], lo[32], hi[32];
            grid_text(i, x, v, sizeof v);
            grid_text(i, f->flat_lo[i], lo, sizeof lo);
            grid_text(i, f->flat_hi[i], hi, sizeof hi);
            fprintf(out, "  at an end of the parameter's own scale: %s %s, %s (within %g of the maximum from %s to %s)\n",
                    edge_names[i], v, own_end_text(i, x), PL_AG_FIT_FLAT, lo, hi);
        }
    }
    if (f->edge) {
        fprintf(out, "  at the edge of the searched range:");
        for (int i = 0, first = 1; i < 4; i++) {
            if (!(f->edge >> i & 1)) continue;
            char lo[32], hi[32];
            grid_text(i, f->flat_lo[i], lo, sizeof lo);
            grid_text(i, f->flat_hi[i], hi, sizeof hi);
            fprintf(out, "%s %s (within %g of the maximum from %s to %s)", first ? "" : ";", edge_names[i], PL_AG_FIT_FLAT,
                    lo, hi);
            first = 0;
        }
        fprintf(out, "\n  the likelihood may rise, or stay flat, beyond: read such a value as a bound, not an estimate\n");
    } else
        fprintf(out, "  every fitted parameter is inside the searched range\n");
    fprintf(out, "Profile log likelihood (best over the other parameters):\n  rationality");
    for (int i = 0; i < pl_ag_fit_grid_n[0]; i++) {
        lam_text(pl_ag_fit_grid_lambda[i], lam, sizeof lam);
        fprintf(out, "  %s: %.1f", lam, f->profile_lambda[i]);
    }
    fprintf(out, "\n  tremble    ");
    for (int i = 0; i < pl_ag_fit_grid_n[1]; i++) fprintf(out, "  %g: %.1f", pl_ag_fit_grid_eps[i], f->profile_eps[i]);
    fprintf(out, "\n  patience   ");
    for (int i = 0; i < pl_ag_fit_grid_n[2]; i++) {
        pat_text(pl_ag_fit_grid_patience[i], pat, sizeof pat);
        fprintf(out, "  %s: %.1f", pat, f->profile_patience[i]);
    }
    fprintf(out, "\n  discount   ");
    for (int i = 0; i < pl_ag_fit_grid_n[3]; i++) fprintf(out, "  %g: %.1f", pl_ag_fit_grid_delta[i], f->profile_delta[i]);
    fprintf(out, "\n\nPosterior over each party's type (prior -> posterior at the maximum; averaged over the grid)\n");
    for (int p = 0; p < f->n_parties; p++) {
        fprintf(out, "  %-6.6s", a->party[p].id);
        for (int k = 0; k < f->n_types[p]; k++)
            fprintf(out, "  %s %.2f -> %.2f (%.2f)", tname(a, p, k), f->prior[p][k], f->posterior[p][k],
                    f->posterior_avg[p][k]);
        fprintf(out, "\n");
    }
    /* the most probable profiles: the product of the parties' posteriors */
    int idx[PL_AG_MAX_PARTIES] = {0};
    double best_p[5] = {0};
    int best_idx[5][PL_AG_MAX_PARTIES];
    long n_prof = 1;
    for (int p = 0; p < f->n_parties; p++) n_prof *= f->n_types[p];
    for (long i = 0; i < n_prof; i++) {
        double pr = 1;
        for (int p = 0; p < f->n_parties; p++) pr *= f->posterior[p][idx[p]];
        for (int r = 0; r < 5; r++)
            if (pr > best_p[r]) {
                for (int q = 4; q > r; q--) best_p[q] = best_p[q - 1], memcpy(best_idx[q], best_idx[q - 1], sizeof idx);
                best_p[r] = pr, memcpy(best_idx[r], idx, sizeof idx);
                break;
            }
        for (int p = 0; p < f->n_parties; p++) {
            if (++idx[p] < f->n_types[p]) break;
            idx[p] = 0;
        }
    }
    fprintf(out, "Most probable of the %ld type profiles:\n", n_prof);
    for (int r = 0; r < 5 && best_p[r] > 0; r++) {
        fprintf(out, "  %.3f ", best_p[r]);
        for (int p = 0; p < f->n_parties; p++) fprintf(out, " %s=%s", a->party[p].id, tname(a, p, best_idx[r][p]));
        fprintf(out, "\n");
    }
    fprintf(out, "\nPosterior-predictive check: %llu runs of '%s' with the fitted behaviour and the posterior types;\n"
                 "how often each recorded milestone recurs within %d periods of its date (and at any time)\n",
            (unsigned long long)f->predictive_runs, a->variant[a->record_variant >= 0 ? a->record_variant : 0].id,
            f->window);
    for (int k = 0; k < f->n_milestones; k++) {
        const pl_agreement_fit_milestone *m = &f->milestone[k];
        char d[16];
        pl_ag_period_label(a, m->period, d, sizeof d);
        fprintf(out, "  %-12s %-9s %s   %5.1f%%  (%5.1f%%)\n", a->step[m->step].id, m->reversal ? "withdrawn" : "completed",
                d, 100.0 * (double)m->hits / (double)f->predictive_runs, 100.0 * (double)m->ever / (double)f->predictive_runs);
    }
    fprintf(out, "  whole agreement completed: %.1f%%\n", 100 * f->predictive_complete);
    int shown = 0;
    for (int s = 0; s < a->n_steps; s++)
        for (int c = 0; c < a->n_steps; c++)
            if (f->late_answer[s][c] * 100 >= f->predictive_runs) {
                if (!shown++) fprintf(out, "Steps withdrawn in answer to a late counterpart step (at least 1%% of runs):\n");
                fprintf(out, "  %s halts %s because %s ran late: %.1f%%\n", a->party[a->step[s].actor].id, a->step[s].id,
                        a->step[c].id, 100.0 * (double)f->late_answer[s][c] / (double)f->predictive_runs);
            }
    fprintf(out, "\nThe fit holds under the scenario's stated assumptions (payoffs, the types it allows, the record as "
                 "dated);\nsteps the record does not mention are summed out, not taken as undone.\n");
}

/* A point of the fit's and its log likelihood, as JSON (the rule as "rule"). */
json_t *pl_ag_fit_point_json(const pl_agreement_fit_point *g)
{
    json_t *o = json_object();
    json_object_set_new(o, "rationality", isinf(g->rationality) ? json_string("rule") : pl_json_num(g->rationality));
    json_object_set_new(o, "tremble", pl_json_num(g->tremble));
    json_object_set_new(o, "patience", json_integer(g->patience));
    json_object_set_new(o, "discount", pl_json_num(g->discount));
    return o;
}

static json_t *point_json(const pl_agreement_fit_point *g, double ll)
{
    json_t *o = pl_ag_fit_point_json(g);
    json_object_set_new(o, "log_likelihood", pl_json_num(ll));
    return o;
}

int pl_agreement_fit_write_json(const char *dir, const pl_agreement *a, const pl_agreement_fit *f, pl_error *err)
{
    int rc0 = pl_mkdir_p(dir, err);
    if (rc0) return rc0;
    char *path = pl_path_join(dir, "fit.json");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_json_begin(); /* a refused allocation is then seen by pl_write_json_file, not a missing key */
    json_t *root = json_object();
    json_object_set_new(root, "kind", json_string("agreement_fit"));
    json_object_set_new(root, "scenario", json_string(a->id ? a->id : a->path));
    if (a->overrides) /* what --set changed, as in parley run's results.json (none: no key, the file as before) */
        json_object_set_new(root, "overrides", pl_overrides_json(a->overrides));
    json_object_set_new(root, "periods", json_integer(f->periods));
    json_t *best = point_json(&f->best, f->best_ll), *edge = json_array(), *end = json_array();
    for (int i = 0; i < 4; i++) {
        if (f->edge >> i & 1) json_array_append_new(edge, json_string(edge_names[i]));
        if (f->own_end >> i & 1) json_array_append_new(end, json_string(edge_names[i]));
    }
    json_object_set_new(best, "at_edge_of_searched_range", edge);
    json_object_set_new(best, "at_end_of_own_scale", end);
    json_object_set_new(best, "grid_best", point_json(&f->grid_best, f->grid_best_ll));
    json_object_set_new(best, "refinement", json_pack("{s:s,s:i,s:i}", "method", refine_method, "rounds", f->refine_rounds,
                                                      "likelihoods", f->refine_evals));
    json_object_set_new(root, "maximum_likelihood", best);
    json_t *in = pl_ag_inertia_json(a);
    if (in) json_object_set_new(root, "inertia_not_searched", in); /* fixed at the scenario's: not searched */
    json_t *types = json_object();
    for (int p = 0; p < f->n_parties; p++) {
        json_t *jp = json_object();
        for (int k = 0; k < f->n_types[p]; k++)
            json_object_set_new(jp, tname(a, p, k),
                                json_pack("{s:o,s:o,s:o,s:o}", "prior", pl_json_num(f->prior[p][k]), "posterior",
                                          pl_json_num(f->posterior[p][k]), "posterior_grid_average",
                                          pl_json_num(f->posterior_avg[p][k]), "log_likelihood",
                                          pl_json_num(f->loglik_type[p][k])));
        json_object_set_new(types, a->party[p].id, jp);
    }
    json_object_set_new(root, "types", types);
    json_t *ms = json_array();
    for (int k = 0; k < f->n_milestones; k++) {
        const pl_agreement_fit_milestone *m = &f->milestone[k];
        char d[16];
        pl_ag_period_label(a, m->period, d, sizeof d);
        json_array_append_new(ms, json_pack("{s:s,s:s,s:s,s:i,s:f,s:f}", "step", a->step[m->step].id, "event",
                                            m->reversal ? "withdrawn" : "completed", "date", d, "window", f->window,
                                            "share_within_window", (double)m->hits / (double)f->predictive_runs,
                                            "share_ever", (double)m->ever / (double)f->predictive_runs));
    }
    json_object_set_new(root, "predictive", json_pack("{s:I,s:f,s:o}", "runs", (json_int_t)f->predictive_runs,
                                                      "p_complete", f->predictive_complete, "milestones", ms));
    int rc = pl_write_json_file(path, root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10), 1, err);
    json_decref(root);
    pl_free(path);
    return rc;
}
