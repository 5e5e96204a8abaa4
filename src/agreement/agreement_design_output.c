// SPDX-License-Identifier: MIT
/* agreement_design_output.c — the design search's answer as text, CSV, JSON and a report.
 *
 * The summary (to the stream the command hands over), and with an output directory:
 * designs.csv (the best designs of the search and the shipped variants, re-estimated, with
 * the paired difference to the best shipped variant and the incentive checks), screen.csv
 * (every design screened), results.json (all of it) and report.html (the table and each
 * leading design's sequencing drawn as a graph, what it changes from the base highlighted).
 * Nothing here depends on the thread count or the clock. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/html_report.h"
#include "io/svg_chart.h"
#include "agreement/agreement_design.h"
#include "agreement/agreement_fit.h"
#include "scenario/overrides.h"
#include "agreement/agreement_output.h"

static const char *const world_names[PL_AG_DESIGN_WORLDS] = {"prior", "posterior"};

static int policy_variant(const pl_agreement_design_result *r, const pl_ag_design *d)
{
    return d->shipped >= 0 ? d->shipped : r->base;
}

static const char *type_name(const pl_agreement *a, int v, int p, int k)
{
    return pl_policy_names[pl_ag_variant_policy(a, v, p)->opt[k].kind];
}

/* Who gains by leaving in set of types w: the party with the largest gain above the tolerance. */
static int leaver(const pl_agreement_design_result *r, const pl_ag_design *d, int w, int n_parties)
{
    int best = -1;
    for (int p = 0; p < n_parties; p++)
        if (d->inc[w].best_type[p] >= 0 && d->inc[w].best_gain[p] > r->tolerance &&
            (best < 0 || d->inc[w].best_gain[p] > d->inc[w].best_gain[best]))
            best = p;
    return best;
}

static void leaver_text(const pl_agreement *a, const pl_agreement_design_result *r, const pl_ag_design *d, int w,
                        char *buf, size_t n)
{
    int p = leaver(r, d, w, a->n_parties);
    if (p < 0) {
        snprintf(buf, n, "nobody");
        return;
    }
    snprintf(buf, n, "%s as %s %+.2f", a->party[p].id, type_name(a, policy_variant(r, d), p, d->inc[w].best_type[p]),
             d->inc[w].best_gain[p]);
}

static void pct_iv(char *buf, size_t n, uint64_t k, uint64_t runs)
{
    pl_interval iv = pl_ag_wilson(k, runs);
    snprintf(buf, n, "%.1f%% [%.1f, %.1f]", 100 * iv.est, 100 * iv.lo, 100 * iv.hi);
}

static void diff_text(char *buf, size_t n, pl_interval iv)
{
    snprintf(buf, n, "%+.1f [%+.1f, %+.1f]", 100 * iv.est, 100 * iv.lo, 100 * iv.hi);
}

/* The answer to "does a design found by the search beat the shipped ones and enforce itself?". */
static void answer_text(const pl_agreement *a, const pl_agreement_design_result *r, char *buf, size_t n)
{
    char name[80], ref[80], leave[160];
    const pl_ag_design *ref_d = &r->cand[r->reference];
    pl_ag_design_name(a, r, ref_d, ref, sizeof ref);
    size_t off = 0;
    if (r->best < 0) {
        snprintf(buf, n, "No design of the search can run (each makes a 'requires' cycle or a step that never falls due).");
        return;
    }
    const pl_ag_design *b = &r->cand[r->best];
    pl_ag_design_name(a, r, b, name, sizeof name);
    off += (size_t)snprintf(buf + off, n - off,
                            "The design found that completes most often, %s, completes in %.1f%% of runs (the smaller "
                            "over the sets of types) against %.1f%% for the best shipped variant, %s",
                            name, 100 * pl_ag_design_robust(r, b, 0), 100 * pl_ag_design_robust(r, ref_d, 0), ref);
    for (int w = 0; w < r->n_worlds && off < n; w++) {
        char dt[64];
        diff_text(dt, sizeof dt, pl_ag_design_paired(r, b, w));
        off += (size_t)snprintf(buf + off, n - off, "%s paired difference under the %s %s points", w ? ";" : ":",
                                world_names[w], dt);
    }
    if (off < n) {
        if (b->self_enforcing)
            off += (size_t)snprintf(buf + off, n - off, "; it is self-enforcing.");
        else {
            leaver_text(a, r, b, b->inc[0].self_enforcing && r->n_worlds > 1 ? 1 : 0, leave, sizeof leave);
            off += (size_t)snprintf(buf + off, n - off, "; it is not self-enforcing (%s).", leave);
        }
    }
    if (off >= n) return;
    if (r->beats) {
        pl_ag_design_name(a, r, &r->cand[r->best_se], name, sizeof name);
        snprintf(buf + off, n - off,
                 " Design %s, found by the search, beats the shipped variants on completion (paired 95%% interval above "
                 "0 in every set of types) and is self-enforcing.",
                 name);
    } else if (r->best_se >= 0) {
        pl_ag_design_name(a, r, &r->cand[r->best_se], name, sizeof name);
        snprintf(buf + off, n - off,
                 " The best self-enforcing design found, %s, completes in %.1f%%: it does not beat the best shipped "
                 "variant in every set of types. No design found by the search both beats the shipped ones on "
                 "completion and is self-enforcing.",
                 name, 100 * pl_ag_design_robust(r, &r->cand[r->best_se], 0));
    } else
        snprintf(buf + off, n - off,
                 " None of the %d best designs re-estimated is self-enforcing: no design found by the search both beats "
                 "the shipped ones on completion and is self-enforcing.",
                 r->n_cand - a->n_variants);
}

static void method_text(const pl_agreement *a, const pl_agreement_design_result *r, char *buf, size_t n)
{
    if (r->exhaustive)
        snprintf(buf, n, "every design: %d (2^%d), %d of which cannot run (a 'requires' cycle or a step never due)",
                 r->n_screened, r->n_free, r->n_infeasible);
    else
        snprintf(buf, n,
                 "steepest-ascent local search over single-link changes from %d starts (the base, every free link off, "
                 "every free link on): %d moves, %d designs screened of 2^%d%s, %d of which cannot run",
                 r->n_starts, r->n_moves, r->n_screened, r->n_free, r->budget_hit ? " (the budget ran out)" : "",
                 r->n_infeasible);
    (void)a;
}

void pl_agreement_design_print(FILE *f, const pl_agreement *a, const pl_agreement_design_result *r)
{
    const pl_ag_design_space *ds = &a->design;
    char buf[4096];
    pl_overrides_print(f, a->overrides, "design search"); /* --set, as parley run's summary opens */
    fprintf(f, "Design search: %s (%s)\n", a->name, a->path);
    fprintf(f, "Base: %s; %d free 'requires' links (on or off in each design):\n", a->variant[r->base].id, r->n_free);
    for (int i = 0; i < ds->n_free; i++)
        if (r->base_mask >> i & 1)
            fprintf(f, "  %2d  %-14s requires %-14s (on in the base)\n", i + 1, a->step[ds->free_step[i]].id,
                    a->step[ds->free_req[i]].id);
        else
            fprintf(f, "  %2d  %-14s requires %s\n", i + 1, a->step[ds->free_step[i]].id, a->step[ds->free_req[i]].id);
    method_text(a, r, buf, sizeof buf);
    fprintf(f, "Searched: %s\n", buf);
    fprintf(f, "Sets of types: the priors");
    if (r->n_worlds > 1) {
        char fitted[256]; /* as parley fit writes its maximum */
        pl_ag_fit_point_text(&r->fitted, fitted, sizeof fitted);
        fprintf(f, "; the fit's posterior types with the fitted behaviour (%s)", fitted);
    }
    else if (a->has_record)
        fprintf(f, " only (--prior-only)");
    else
        fprintf(f, " only (no record to fit)");
    fprintf(f, "\nScreen: %llu runs a design and set of types (runs 0-%llu of seed %llu, common to every design); "
               "re-estimate: %llu fresh runs (%llu-%llu); incentive checks: %llu runs\n",
            (unsigned long long)r->runs, (unsigned long long)r->runs - 1, (unsigned long long)r->seed,
            (unsigned long long)r->confirm_runs, (unsigned long long)r->runs,
            (unsigned long long)(r->runs + r->confirm_runs - 1), (unsigned long long)r->check_runs);
    char ref[80];
    pl_ag_design_name(a, r, &r->cand[r->reference], ref, sizeof ref);
    fprintf(f, "\nThe best designs found and the shipped variants (re-estimate; difference in points to %s, paired):\n", ref);
    int nw = 12;
    for (int i = 0; i < r->n_cand; i++) {
        char name[80];
        pl_ag_design_name(a, r, &r->cand[i], name, sizeof name);
        if ((int)strlen(name) > nw) nw = (int)strlen(name);
    }
    fprintf(f, "  %-*s %-22s", nw, "design", "complete (prior)");
    if (r->n_worlds > 1) fprintf(f, " %-22s", "complete (posterior)");
    fprintf(f, " %-24s", "vs reference (prior)");
    if (r->n_worlds > 1) fprintf(f, " %-24s", "vs reference (posterior)");
    fprintf(f, " %-5s %s\n", "self-", "who gains by leaving");
    fprintf(f, "  %-*s %-22s", nw, "", "");
    if (r->n_worlds > 1) fprintf(f, " %-22s", "");
    fprintf(f, " %-24s", "");
    if (r->n_worlds > 1) fprintf(f, " %-24s", "");
    fprintf(f, " %s\n", "enf.");
    for (int i = 0; i < r->n_cand; i++) {
        const pl_ag_design *d = &r->cand[i];
        char name[80], c[2][48], df[2][48], lv[2][120];
        pl_ag_design_name(a, r, d, name, sizeof name);
        for (int w = 0; w < r->n_worlds; w++) {
            pct_iv(c[w], sizeof c[w], d->done[w], r->confirm_runs);
            if (i == r->reference)
                snprintf(df[w], sizeof df[w], "(reference)");
            else
                diff_text(df[w], sizeof df[w], pl_ag_design_paired(r, d, w));
            leaver_text(a, r, d, w, lv[w], sizeof lv[w]);
        }
        fprintf(f, "  %-*s %-22s", nw, name, c[0]);
        if (r->n_worlds > 1) fprintf(f, " %-22s", c[1]);
        fprintf(f, " %-24s", df[0]);
        if (r->n_worlds > 1) fprintf(f, " %-24s", df[1]);
        fprintf(f, " %-5s %s", d->self_enforcing ? "yes" : "no", lv[0]);
        if (r->n_worlds > 1) fprintf(f, "; posterior: %s", lv[1]);
        fprintf(f, "\n");
    }
    fprintf(f, "What each design of the search changes from the base (+ a link added, - a link dropped):\n");
    for (int i = 0; i < r->n_cand; i++) {
        const pl_ag_design *d = &r->cand[i];
        if (d->shipped >= 0) continue;
        char name[80];
        pl_ag_design_name(a, r, d, name, sizeof name);
        pl_ag_design_changes(a, r, d, buf, sizeof buf);
        fprintf(f, "  %-*s %s\n", nw, name, buf);
    }
    for (int v = 0; v < a->n_variants; v++) { /* the designs have the base's policies */
        char why[600];
        pl_ag_fairness_text(a, r->base, v, why, sizeof why);
        if (*why) fprintf(f, "Note: the designs have the base's policies; %s.\n", why);
    }
    answer_text(a, r, buf, sizeof buf);
    fprintf(f, "\n%s\n", buf);
    fprintf(f, "\nThese results hold only under the scenario's stated assumptions (payoffs, policy probabilities,\n"
               "verification and shock rates, and the links declared free); they are not forecasts.\n");
}

/* ---- files ------------------------------------------------------------------ */

static int write_csvs(const char *dir, const pl_agreement *a, const pl_agreement_design_result *r, pl_error *err)
{
    char *path = pl_path_join(dir, "designs.csv");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_outfile f;
    int rc = pl_outfile_open(&f, path, err);
    pl_free(path);
    if (rc) return rc;
    fprintf(f.f, "design,shipped,changes,p_complete_prior,p_complete_prior_lo,p_complete_prior_hi,p_complete_posterior,"
                 "p_complete_posterior_lo,p_complete_posterior_hi,robust,diff_prior,diff_prior_lo,diff_prior_hi,"
                 "diff_posterior,diff_posterior_lo,diff_posterior_hi,self_enforcing,self_enforcing_prior,"
                 "self_enforcing_posterior,gains_by_leaving_prior,gains_by_leaving_posterior,screen_prior,screen_posterior\n");
    for (int i = 0; i < r->n_cand; i++) {
        const pl_ag_design *d = &r->cand[i];
        char name[80], changes[2048], lv[120];
        pl_ag_design_name(a, r, d, name, sizeof name);
        pl_ag_design_changes(a, r, d, changes, sizeof changes);
        pl_csv_text(f.f, name);
        fprintf(f.f, ",%d,", d->shipped >= 0);
        pl_csv_text(f.f, changes);
        for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) {
            pl_interval iv = w < r->n_worlds ? pl_ag_wilson(d->done[w], r->confirm_runs) : (pl_interval){NAN, NAN, NAN};
            fputc(',', f.f), pl_csv_num(f.f, iv.est), fputc(',', f.f), pl_csv_num(f.f, iv.lo), fputc(',', f.f),
                pl_csv_num(f.f, iv.hi);
        }
        fputc(',', f.f), pl_csv_num(f.f, pl_ag_design_robust(r, d, 0));
        for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) {
            pl_interval iv = w < r->n_worlds ? pl_ag_design_paired(r, d, w) : (pl_interval){NAN, NAN, NAN};
            fputc(',', f.f), pl_csv_num(f.f, iv.est), fputc(',', f.f), pl_csv_num(f.f, iv.lo), fputc(',', f.f),
                pl_csv_num(f.f, iv.hi);
        }
        fprintf(f.f, ",%d", d->self_enforcing);
        for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) {
            if (w < r->n_worlds)
                fprintf(f.f, ",%d", d->inc[w].self_enforcing);
            else
                fputc(',', f.f);
        }
        for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) {
            fputc(',', f.f);
            if (w < r->n_worlds) leaver_text(a, r, d, w, lv, sizeof lv), pl_csv_text(f.f, lv);
        }
        for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) {
            fputc(',', f.f);
            if (d->shipped < 0 && w < r->n_worlds) pl_csv_num(f.f, pl_ag_design_screen_rate(r, d, w));
        }
        fputc('\n', f.f);
    }
    if ((rc = pl_outfile_commit(&f, err))) return rc;
    if (!(path = pl_path_join(dir, "screen.csv"))) return pl_error_set(err, PL_ENOMEM, "out of memory");
    rc = pl_outfile_open(&f, path, err);
    pl_free(path);
    if (rc) return rc;
    fprintf(f.f, "design,changes,can_run,screen_prior,screen_posterior,robust\n");
    for (int i = 0; i < r->n_screened; i++) {
        const pl_ag_design *d = &r->screened[i];
        char name[80], changes[2048];
        pl_ag_design_name(a, r, d, name, sizeof name);
        pl_ag_design_changes(a, r, d, changes, sizeof changes);
        pl_csv_text(f.f, name), fputc(',', f.f), pl_csv_text(f.f, changes);
        fprintf(f.f, ",%d", !d->problem);
        for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) {
            fputc(',', f.f);
            if (!d->problem && w < r->n_worlds) pl_csv_num(f.f, pl_ag_design_screen_rate(r, d, w));
        }
        fputc(',', f.f);
        if (!d->problem) pl_csv_num(f.f, pl_ag_design_robust(r, d, 1));
        fputc('\n', f.f);
    }
    return pl_outfile_commit(&f, err);
}

static json_t *jiv(pl_interval iv) { return json_pack("{s:o,s:o,s:o}", "est", pl_json_num(iv.est), "lo", pl_json_num(iv.lo), "hi", pl_json_num(iv.hi)); }

static json_t *results_json(const pl_agreement *a, const pl_agreement_design_result *r)
{
    const pl_ag_design_space *ds = &a->design;
    json_t *root = json_object();
    json_object_set_new(root, "kind", json_string("agreement_design_search"));
    json_object_set_new(root, "scenario", json_string(a->id ? a->id : a->path));
    if (a->overrides) /* what --set changed, as in parley run's results.json (none: no key, the file as before) */
        json_object_set_new(root, "overrides", pl_overrides_json(a->overrides));
    json_object_set_new(root, "base", json_string(a->variant[r->base].id));
    json_t *fl = json_array();
    for (int i = 0; i < ds->n_free; i++)
        json_array_append_new(fl, json_pack("{s:s,s:s,s:b}", "step", a->step[ds->free_step[i]].id, "requires",
                                            a->step[ds->free_req[i]].id, "on_in_base", (int)(r->base_mask >> i & 1)));
    json_object_set_new(root, "free_links", fl);
    char m[1024];
    method_text(a, r, m, sizeof m);
    json_object_set_new(root, "method",
                        json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:b}", "search", r->exhaustive ? "exhaustive" : "local",
                                  "description", m, "designs_screened", r->n_screened, "cannot_run", r->n_infeasible,
                                  "starts", r->n_starts, "moves", r->n_moves, "budget_ran_out", r->budget_hit));
    json_object_set_new(root, "runs",
                        json_pack("{s:I,s:I,s:I,s:I}", "screen", (json_int_t)r->runs, "re_estimate",
                                  (json_int_t)r->confirm_runs, "incentive_checks", (json_int_t)r->check_runs, "seed",
                                  (json_int_t)r->seed));
    json_t *worlds = json_array();
    json_array_append_new(worlds, json_string("prior"));
    if (r->n_worlds > 1) {
        json_array_append_new(worlds, json_string("posterior"));
        json_object_set_new(root, "fitted", pl_ag_fit_point_json(&r->fitted)); /* as fit.json's */
    }
    json_object_set_new(root, "sets_of_types", worlds);
    char name[80], buf[4096];
    pl_ag_design_name(a, r, &r->cand[r->reference], name, sizeof name);
    json_object_set_new(root, "reference", json_string(name));
    json_t *cands = json_array();
    for (int i = 0; i < r->n_cand; i++) {
        const pl_ag_design *d = &r->cand[i];
        pl_ag_design_name(a, r, d, name, sizeof name);
        pl_ag_design_changes(a, r, d, buf, sizeof buf);
        json_t *jd = json_pack("{s:s,s:b,s:s}", "design", name, "shipped", d->shipped >= 0, "changes", buf);
        pl_bits req[PL_AG_MAX_STEPS];
        pl_ag_design_requires(a, r, d, req);
        json_t *jr = json_object();
        for (int s = 0; s < a->n_steps; s++) {
            json_t *l = json_array();
            for (pl_bits b = req[s]; b; b &= b - 1) json_array_append_new(l, json_string(a->step[__builtin_ctzll(b)].id));
            json_object_set_new(jr, a->step[s].id, l);
        }
        json_object_set_new(jd, "requires", jr);
        for (int w = 0; w < r->n_worlds; w++) {
            char lv[160];
            leaver_text(a, r, d, w, lv, sizeof lv);
            json_t *jw = json_pack("{s:o,s:o,s:b,s:s}", "p_complete", jiv(pl_ag_wilson(d->done[w], r->confirm_runs)),
                                   "paired_difference", jiv(pl_ag_design_paired(r, d, w)), "self_enforcing",
                                   d->inc[w].self_enforcing, "gains_by_leaving", lv);
            if (d->shipped < 0) json_object_set_new(jw, "screen", pl_json_num(pl_ag_design_screen_rate(r, d, w)));
            json_object_set_new(jd, world_names[w], jw);
        }
        json_object_set_new(jd, "robust", pl_json_num(pl_ag_design_robust(r, d, 0)));
        json_object_set_new(jd, "self_enforcing", json_boolean(d->self_enforcing));
        json_array_append_new(cands, jd);
    }
    json_object_set_new(root, "candidates", cands);
    if (r->best >= 0) pl_ag_design_name(a, r, &r->cand[r->best], name, sizeof name);
    json_object_set_new(root, "best", r->best >= 0 ? json_string(name) : json_null());
    if (r->best_se >= 0) pl_ag_design_name(a, r, &r->cand[r->best_se], name, sizeof name);
    json_object_set_new(root, "best_self_enforcing", r->best_se >= 0 ? json_string(name) : json_null());
    json_object_set_new(root, "best_beats_shipped", json_boolean(r->best_beats));
    json_object_set_new(root, "self_enforcing_design_beats_shipped", json_boolean(r->beats));
    answer_text(a, r, buf, sizeof buf);
    json_object_set_new(root, "answer", json_string(buf));
    return root;
}

static void graph(pl_report *rep, const pl_agreement *a, const pl_agreement_design_result *r, const pl_ag_design *d,
                  const char *title)
{
    pl_bits base[PL_AG_MAX_STEPS], req[PL_AG_MAX_STEPS];
    pl_ag_variant_requires(a, r->base, base);
    pl_ag_design_requires(a, r, d, req);
    pl_chart *c = pl_chart_create(PL_CHART_GRAPH, title);
    if (!c) return;
    for (int s = 0; s < a->n_steps; s++) pl_chart_graph_add_node(c, a->step[s].id, req[s] != base[s]);
    for (int s = 0; s < a->n_steps; s++)
        for (int q = 0; q < a->n_steps; q++) {
            pl_bits b = PL_BIT(q);
            if (req[s] & b) pl_chart_graph_add_edge(c, (size_t)q, (size_t)s, (base[s] & b) ? PL_GE_SHARED : PL_GE_ADDED);
            else if (base[s] & b) pl_chart_graph_add_edge(c, (size_t)q, (size_t)s, PL_GE_REMOVED);
        }
    char changes[2048];
    pl_ag_design_changes(a, r, d, changes, sizeof changes);
    pl_report_chart(rep, c, changes);
    pl_chart_free(c);
}

static int write_report(const char *path, const pl_agreement *a, const pl_agreement_design_result *r, pl_error *err)
{
    pl_report *rep = pl_report_create(a->name);
    if (!rep) return pl_error_set(err, PL_ENOMEM, "out of memory");
    char buf[4096], name[80];
    pl_report_set_subtitle(rep, a->path);
    pl_report_paramf(rep, "base variant", "%s", a->variant[r->base].id);
    pl_report_paramf(rep, "free links", "%d", r->n_free);
    method_text(a, r, buf, sizeof buf);
    pl_report_param(rep, "searched", buf);
    pl_report_paramf(rep, "runs", "screen %llu a design and set of types; re-estimate %llu fresh; incentive checks %llu",
                     (unsigned long long)r->runs, (unsigned long long)r->confirm_runs, (unsigned long long)r->check_runs);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)r->seed);
    pl_report_param(rep, "sets of types", r->n_worlds > 1 ? "the priors; the fit's posterior types and behaviour" : "the priors");
    if (a->assumptions) pl_report_assumption(rep, a->assumptions);
    pl_report_assumption(rep, "only the links the scenario's 'design_search:' declares free change; everything else "
                              "is the base variant's");
    snprintf(buf, sizeof buf, "parley design %s --runs %llu --confirm %llu --check-runs %llu --top %d --seed %llu%s", a->path,
             (unsigned long long)r->runs, (unsigned long long)r->confirm_runs, (unsigned long long)r->check_runs,
             r->n_cand - a->n_variants, (unsigned long long)r->seed, r->n_worlds > 1 || !a->has_record ? "" : " --prior-only");
    pl_overrides_report(rep, a->overrides, buf, sizeof buf); /* (an error is the report's, sticky: html_report.h) */
    pl_report_code(rep, buf);
    pl_report_section(rep, "Key findings");
    answer_text(a, r, buf, sizeof buf);
    pl_report_paragraph(rep, buf);
    pl_report_section(rep, "The best designs found and the shipped variants");
    pl_ag_design_name(a, r, &r->cand[r->reference], name, sizeof name);
    snprintf(buf, sizeof buf,
             "Re-estimated on %llu fresh runs common to every design. The difference is in percentage points against "
             "the best shipped variant, %s, on the same runs (paired, 95%% interval). Self-enforcing: no party gains "
             "more than %g by being another of its types, in every set of types.",
             (unsigned long long)r->confirm_runs, name, r->tolerance);
    pl_report_paragraph(rep, buf);
    const char *head[] = {"design", "changes from the base", "complete (prior)", "vs reference (prior)",
                          "complete (posterior)", "vs reference (posterior)", "self-enforcing", "who gains by leaving"};
    pl_report_table_begin(rep, "Designs", r->n_worlds > 1 ? 8 : 6,
                          r->n_worlds > 1 ? head : (const char *[]){head[0], head[1], head[2], head[3], head[6], head[7]});
    for (int i = 0; i < r->n_cand; i++) {
        const pl_ag_design *d = &r->cand[i];
        char changes[2048], c[2][48], df[2][48], lv[2][120];
        pl_ag_design_name(a, r, d, name, sizeof name);
        pl_ag_design_changes(a, r, d, changes, sizeof changes);
        for (int w = 0; w < r->n_worlds; w++) {
            pct_iv(c[w], sizeof c[w], d->done[w], r->confirm_runs);
            if (i == r->reference) snprintf(df[w], sizeof df[w], "(reference)");
            else diff_text(df[w], sizeof df[w], pl_ag_design_paired(r, d, w));
            leaver_text(a, r, d, w, lv[w], sizeof lv[w]);
        }
        char lvs[260];
        snprintf(lvs, sizeof lvs, "%s%s%s", lv[0], r->n_worlds > 1 ? "; posterior: " : "", r->n_worlds > 1 ? lv[1] : "");
        if (r->n_worlds > 1) {
            const char *row[] = {name, changes, c[0], df[0], c[1], df[1], d->self_enforcing ? "yes" : "no", lvs};
            pl_report_table_row(rep, row, i == r->best || i == r->best_se);
        } else {
            const char *row[] = {name, changes, c[0], df[0], d->self_enforcing ? "yes" : "no", lvs};
            pl_report_table_row(rep, row, i == r->best || i == r->best_se);
        }
    }
    pl_report_table_end(rep);
    pl_report_section(rep, "Sequencing of the leading designs");
    pl_report_paragraph(rep, "Each step is a box; an arrow runs from a step to the steps that wait for it to be verified "
                             "(`requires`). What a design changes from the base variant is highlighted: links it adds, "
                             "links it drops (dashed), and the steps whose requirements differ.");
    int shown[3] = {r->best, r->best_se, r->reference};
    const char *what[3] = {"the design found that completes most often", "the best self-enforcing design found",
                           "the best shipped variant"};
    for (int k = 0; k < 3; k++) {
        if (shown[k] < 0 || (k == 1 && shown[1] == shown[0])) continue;
        char title[200];
        pl_ag_design_name(a, r, &r->cand[shown[k]], name, sizeof name);
        snprintf(title, sizeof title, "%s: %s", name, what[k]);
        graph(rep, a, r, &r->cand[shown[k]], title);
    }
    pl_report_section(rep, "The free links");
    {
        const char *h[] = {"step", "requires", "in the base"};
        pl_report_table_begin(rep, "Links the search may change", 3, h);
        for (int i = 0; i < a->design.n_free; i++) {
            const char *row[] = {a->step[a->design.free_step[i]].id, a->step[a->design.free_req[i]].id,
                                 r->base_mask >> i & 1 ? "on" : "off"};
            pl_report_table_row(rep, row, 0);
        }
        pl_report_table_end(rep);
    }
    int rc = pl_report_write(rep, path, err);
    pl_report_free(rep);
    return rc;
}

int pl_agreement_design_write(const char *dir, const pl_agreement *a, const pl_agreement_design_result *r,
                              pl_error *err)
{
    int rc = pl_mkdir_p(dir, err);
    if (rc) return rc;
    if ((rc = write_csvs(dir, a, r, err))) return rc;
    pl_json_begin();
    json_t *j = results_json(a, r);
    char *path = pl_path_join(dir, "results.json");
    rc = path ? pl_write_json_file(path, j, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10), 1, err)
              : pl_error_set(err, PL_ENOMEM, "out of memory");
    json_decref(j);
    pl_free(path);
    if (rc) return rc;
    if (!(path = pl_path_join(dir, "report.html"))) return pl_error_set(err, PL_ENOMEM, "out of memory");
    rc = write_report(path, a, r, err);
    pl_free(path);
    return rc;
}
