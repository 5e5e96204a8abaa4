// SPDX-License-Identifier: MIT
/* agreement_run.c — `parley run` on a phased agreement (kind: agreement): load, engine, writers.
 *
 * The runner named in parley/scenario_kinds.def: it reads the model (agreement_load.c), fits
 * the record first under `--types posterior` (agreement_fit.c), simulates every variant
 * (agreement_simulate.c), computes who gains by joining or leaving when the scenario models
 * behaviour (agreement_incentives.c), replays the record (agreement_replay.c) and hands the
 * results to the writers (agreement_output.c).  It prints only the summary, to the stream it
 * is handed; timings are the command's.  pl_eval_agreement is the same engine for the
 * sensitivity analyses (src/scenario/sensitivity.c): completion per variant, paired. */
#include <stdio.h>
#include <string.h>

#include "agreement/agreement.h"
#include "agreement/agreement_output.h"
#include "scenario/scenario.h"

/* The simulator reports runs of every variant together; the command counts a run of one variant
 * as a run, as the N-party runner counts a run of one policy profile (and the benches count). */
typedef struct {
    void (*progress)(void *user, uint64_t done, uint64_t total);
    void *user;
    uint64_t variants;
} variant_progress;

static void variant_runs(void *user, uint64_t done, uint64_t total)
{
    const variant_progress *p = user;
    p->progress(p->user, done * p->variants, total * p->variants);
}

int pl_run_agreement(const pl_ydoc *doc, const pl_run_options *opt, FILE *summary, pl_error *err)
{
    pl_agreement *a;
    int rc = pl_agreement_from_doc(doc, &a, err);
    if (rc) return rc;
    pl_agreement_sim_config cfg;
    pl_agreement_sim_config_default(&cfg);
    cfg.runs = opt->runs > 0 ? opt->runs : (uint64_t)a->runs;
    cfg.seed = opt->seed_given ? opt->seed : a->seed;
    cfg.threads = opt->threads > 0 ? opt->threads : 1;
    variant_progress vp = {opt->progress, opt->progress_user, a->n_variants > 0 ? (uint64_t)a->n_variants : 1};
    if (opt->progress) cfg.progress = variant_runs, cfg.progress_user = &vp;
    pl_agreement_result *res = NULL;
    pl_agreement_ledger *led = NULL;
    if (opt->types_posterior) { /* `--types posterior`: the types and behaviour the record supports */
        pl_agreement_fit *fit = NULL;
        pl_agreement_fit_config fc;
        pl_agreement_fit_config_default(&fc);
        fc.runs = 1000, fc.seed = cfg.seed, fc.seed_given = 1;
        rc = a->has_record ? pl_agreement_fit_record(a, &fc, &fit, err)
                           : pl_error_set(err, PL_EINVAL, "%s: --types posterior needs the scenario's 'record:' to fit",
                                          a->path);
        if (!rc) pl_agreement_apply_fit(a, fit);
        pl_agreement_fit_free(fit);
        if (rc) {
            pl_agreement_free(a);
            return rc;
        }
    }
    rc = pl_agreement_simulate(a, &cfg, &res, err);
    if (!rc) res->depends_on = opt->depends_on;
    if (!rc && a->behaviour.given) /* who gains by joining, who by leaving (agreement_incentives.c) */
        rc = pl_ag_incentives_compute(a, res, cfg.runs < 2000 ? cfg.runs : 2000, cfg.seed, cfg.threads, &res->incentives,
                                      err);
    if (!rc && a->has_record) rc = pl_agreement_replay(a, &led, err);
    if (!rc) {
        if (summary) pl_ag_write_summary(summary, a, res, led);
        if (opt->out_dir) rc = pl_ag_write_results(opt->out_dir, a, res, led, err);
    }
    pl_agreement_ledger_free(led);
    pl_agreement_result_free(res);
    pl_agreement_free(a);
    return rc;
}

int pl_read_agreement(const pl_ydoc *doc, pl_error *err)
{
    pl_agreement *a;
    int rc = pl_agreement_from_doc(doc, &a, err);
    if (!rc) pl_agreement_free(a);
    return rc;
}

void pl_ag_eval_result_begin(const pl_agreement *a, uint64_t runs, uint64_t seed, pl_eval_result *out)
{
    memset(out, 0, sizeof *out);
    out->n = a->n_variants > 0 ? a->n_variants : 1, out->runs = runs, out->seed = seed;
    snprintf(out->measure, sizeof out->measure, "completion");
    snprintf(out->item, sizeof out->item, "design"), snprintf(out->items, sizeof out->items, "designs");
    for (int v = 0; v < out->n; v++)
        snprintf(out->name[v], sizeof out->name[v], "%s", a->n_variants ? a->variant[v].id : "as_written");
}

int pl_eval_agreement(const pl_ydoc *doc, const pl_eval_config *ec, pl_eval_result *out, pl_error *err)
{
    pl_agreement *a;
    int rc = pl_agreement_from_doc(doc, &a, err);
    if (rc) return rc;
    pl_agreement_sim_config cfg = {.runs = ec->runs ? ec->runs : (uint64_t)a->runs,
                                   .seed = ec->seed_given ? ec->seed : a->seed,
                                   .threads = ec->threads > 0 ? ec->threads : 1,
                                   .completion_only = 1}; /* success is completion: runs end there */
    pl_agreement_result *r;
    if (!(rc = pl_agreement_simulate(a, &cfg, &r, err))) {
        pl_ag_eval_result_begin(a, r->runs, r->seed, out);
        for (int v = 0; v < r->n_variants; v++) {
            out->success[v] = r->stats[v].completed;
            for (int w = 0; w < r->n_variants; w++) out->only[v][w] = r->stats[v].only_completed[w];
        }
        pl_agreement_result_free(r);
    }
    pl_agreement_free(a);
    return rc;
}
