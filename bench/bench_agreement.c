// SPDX-License-Identifier: MIT
/* bench_agreement.c — runs per second of the agreement simulator on one core.
 *
 *   build/release/bench/bench_agreement [SCENARIO.yaml] [RUNS]
 *
 * Times pl_agreement_simulate on one thread over every variant of the scenario
 * (default scenarios/korea/six-party-2007.yaml, 200,000 runs per variant) and
 * reports simulated runs (one variant, one run) per second; then the inner
 * loop alone (draws + one run of the first variant), without aggregation. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "agreement/agreement.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "scenarios/korea/six-party-2007.yaml";
    uint64_t runs = argc > 2 ? strtoull(argv[2], NULL, 10) : 200000;
    pl_error err;
    pl_agreement *a;
    if (pl_agreement_load(&a, path, &err)) {
        fprintf(stderr, "bench_agreement: %s\n", err.msg);
        return 2;
    }
    int nv = pl_agreement_n_variants(a);
    pl_agreement_sim_config cfg = {.runs = runs, .seed = 1, .threads = 1};
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
    printf("agreement %s: %llu runs x %d variants on 1 thread in %.3f s: %.0f runs/s (best of 3)\n", path,
           (unsigned long long)runs, nv, best, (double)runs * nv / best);

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
