// SPDX-License-Identifier: MIT
/* bench_agreement.c — runs per second of the agreement simulator on one core.
 *
 *   build/release/bench/bench_agreement [SCENARIO.yaml] [RUNS] [--set PATH=VALUE]...
 *                                       [--scale PATH[,PATH...]=FACTOR] [--completion]
 *
 * Times pl_agreement_simulate on one thread over every variant of the scenario
 * (default scenarios/korea/six-party-2007.yaml, 200,000 runs per variant) and
 * reports simulated runs (one variant, one run) per second; then the inner
 * loop alone (draws + one run of the first variant), without aggregation.
 *
 * A sensitivity analysis's point (parley sensitivity) is reproduced with --set (a
 * value changed as parley run --set does), --scale (every number the paths name
 * multiplied by FACTOR, as a range with `scale: true` does: sensitivity.c's
 * apply_values) and --completion (runs cut where their completion is known, as
 * every point of the analysis is simulated: pl_eval_agreement). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agreement/agreement.h"
#include "agreement/agreement_output.h"
#include "io/yaml_doc.h"
#include "io/yaml_path.h"
#include "scenario/overrides.h"
#include "scenario/scenario.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Multiplies every number the comma-separated paths name by the factor (sensitivity.c's apply_values
 * for a scaled range: the product written with %.15g, a text that is not a number left as written). */
static int scale_paths(pl_ydoc *doc, const char *arg, pl_error *err)
{
    const char *eq = strrchr(arg, '=');
    if (!eq) return pl_error_set(err, PL_EINVAL, "--scale %s: expected PATH[,PATH...]=FACTOR", arg);
    double f = atof(eq + 1);
    pl_ynode **found = malloc(sizeof *found * PL_YPATH_MAX_MATCHES);
    if (!found) return pl_error_set(err, PL_ENOMEM, "out of memory");
    int rc = PL_OK;
    for (const char *p = arg; p < eq && !rc;) {
        const char *end = memchr(p, ',', (size_t)(eq - p));
        if (!end) end = eq;
        char path[512];
        snprintf(path, sizeof path, "%.*s", (int)(end - p), p);
        size_t n;
        if (!(rc = pl_ypath_resolve(doc, path, found, PL_YPATH_MAX_MATCHES, &n, err)))
            for (size_t j = 0; j < n && !rc; j++) {
                char *stop;
                double orig = strtod(found[j]->value, &stop);
                if (stop == found[j]->value || *stop || !isfinite(orig)) continue;
                char text[40];
                snprintf(text, sizeof text, "%.15g", orig * f);
                rc = pl_ynode_set_text(found[j], text, err);
            }
        p = end + 1;
    }
    free(found);
    return rc;
}

int main(int argc, char **argv)
{
    const char *path = "scenarios/korea/six-party-2007.yaml";
    uint64_t runs = 200000;
    const char *sets[64], *scales[16];
    int n_sets = 0, n_scales = 0, completion = 0, n_pos = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--completion"))
            completion = 1;
        else if (!strcmp(argv[i], "--set") && i + 1 < argc && n_sets < 64)
            sets[n_sets++] = argv[++i];
        else if (!strcmp(argv[i], "--scale") && i + 1 < argc && n_scales < 16)
            scales[n_scales++] = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "bench_agreement: unknown or incomplete option '%s'\n", argv[i]);
            return 2;
        } else if (n_pos == 0)
            path = argv[i], n_pos++;
        else if (n_pos == 1)
            runs = strtoull(argv[i], NULL, 10), n_pos++;
        else {
            fprintf(stderr, "bench_agreement: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    pl_error err;
    pl_agreement *a = NULL;
    pl_ydoc *doc = NULL;
    int rc = pl_ydoc_load(&doc, path, &err);
    if (!rc) rc = pl_overrides_apply(doc, pl_scenario_reader_of(doc), sets, n_sets, NULL, &err);
    for (int k = 0; k < n_scales && !rc; k++) rc = scale_paths(doc, scales[k], &err);
    if (!rc) rc = pl_agreement_from_doc(doc, &a, &err);
    pl_ydoc_free(doc);
    if (rc) {
        fprintf(stderr, "bench_agreement: %s\n", err.msg);
        return 2;
    }
    int nv = pl_agreement_n_variants(a);
    pl_agreement_sim_config cfg = {.runs = runs, .seed = 1, .threads = 1, .completion_only = completion};
    pl_agreement_result *r;
    double best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        if (pl_agreement_simulate(a, &cfg, &r, &err)) {
            fprintf(stderr, "bench_agreement: %s\n", err.msg);
            return 1;
        }
        double dt = now() - t0;
        if (dt < best) best = dt;
        pl_agreement_result_free(r);
    }
    printf("agreement %s: %llu runs x %d variants on 1 thread in %.3f s: %.0f runs/s (best of 3)%s\n", path,
           (unsigned long long)runs, nv, best, (double)runs * nv / best, completion ? ", completion only" : "");

    pl_ag_compiled *c = malloc(sizeof *c);
    pl_ag_compile(a, 0, c);
    pl_ag_draws d;
    pl_ag_outcome o;
    long done = 0;
    double t0 = now();
    for (uint64_t i = 0; i < runs; i++) {
        pl_ag_draw(c, 1, i, &d);
        pl_ag_run(c, &d, &o, NULL);
        done += o.complete_t >= 0;
    }
    double dt = now() - t0;
    printf("agreement %s: variant '%s' alone, draws + run: %.0f runs/s (%ld completed)\n", path,
           pl_agreement_variant_id(a, 0), (double)runs / dt, done);
    free(c);
    pl_agreement_free(a);
    return 0;
}
