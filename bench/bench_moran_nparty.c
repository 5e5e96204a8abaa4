// SPDX-License-Identifier: MIT
/* bench_moran_nparty.c — how fast are N-party populations (pl_moran_create_nparty)?
 *
 * Four populations over N-party games: one contributor among 19 and among 99 free riders in the
 * 5-party public goods game of scenarios/games/public-goods.yaml (cost 1, benefit 3; deterministic
 * groups: one match each), threshold tit for tat against free riders in the same game with noise
 * 0.01 (100 matches a group), and three strategies in the 6-player prisoner's dilemma (R,S,T,P
 * 3,0,5,1) with noise 0.01 (20 matches a group).  Each is a fixation estimate over R runs on 1
 * thread and on every core, best of three, in runs and generations a second; the groups are
 * played once, outside the timing, and timed apart.  `bench_moran_nparty [SCALE]` multiplies the
 * runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "parley/parley.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void die(const pl_error *err)
{
    fprintf(stderr, "%s\n", err->msg);
    exit(1);
}

static void bench(const char *label, pl_ngame *g, const char *const *specs, const int *counts, size_t n, double noise,
                  int samples, double w, uint64_t runs, int threads)
{
    pl_error err;
    pl_nplayer *p[8];
    for (size_t i = 0; i < n; i++)
        if (pl_nplayer_create(&p[i], specs[i], &err)) die(&err);
    pl_nmatch_config mc;
    pl_nmatch_config_default(&mc);
    mc.turns = 100;
    mc.noise = noise;
    pl_moran *m;
    double t0 = now();
    if (pl_moran_create_nparty(&m, g, p, n, &mc, samples, threads, &err)) die(&err);
    double groups = now() - t0;
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    cfg.runs = runs;
    cfg.threads = threads;
    cfg.selection = w;
    double best = 1e300, gens = 0, pr = 0;
    for (int k = 0; k < 3; k++) {
        pl_moran_fixation *f;
        double t1 = now();
        if (pl_moran_fixation_run(m, counts, &cfg, &f, &err)) die(&err);
        double dt = now() - t1;
        if (dt < best) best = dt;
        gens = f->mean_generations;
        pr = f->p[0];
        pl_moran_fixation_free(f);
    }
    printf("%-52s %d thr  %8llu runs  %8.3f s  %10.0f runs/s  %7.3g gen/s  (groups %.4f s; mean %.1f gen, p %.4f)\n",
           label, threads, (unsigned long long)runs, best, runs / best, runs * gens / best, groups, gens, pr);
    pl_moran_free(m);
    for (size_t i = 0; i < n; i++) pl_nplayer_free(p[i]);
}

int main(int argc, char **argv)
{
    char *end = NULL;
    uint64_t scale = argc > 1 ? strtoull(argv[1], &end, 10) : 1;
    if (argc > 1 && (*end || scale < 1)) {
        fprintf(stderr, "usage: bench_moran_nparty [SCALE (a whole number >= 1)], got '%s'\n", argv[1]);
        return 2;
    }
    pl_error err;
    pl_ngame *pg, *pd;
    if (pl_ngame_create_public_goods(&pg, 5, 1, 3, &err) || pl_ngame_create_pd(&pd, 6, 3, 0, 5, 1, &err)) die(&err);
    int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    const char *cd[2] = {"cooperator", "defector"}, *td[2] = {"ttft", "defector"};
    const char *three[3] = {"ttft:k=4", "tft@majority", "defector"};
    int c19[2] = {1, 19}, c99[2] = {1, 99}, c1010[2] = {10, 10}, c101010[3] = {10, 10, 10};
    for (int pass = 0; pass < 2; pass++) {
        int thr = pass ? cores : 1;
        bench("public goods k=5: 1 contributor vs 19 free riders", pg, cd, c19, 2, 0, 100, 0.5, 100000 * scale, thr);
        bench("public goods k=5: 1 contributor vs 99 free riders", pg, cd, c99, 2, 0, 100, 0.5, 100000 * scale, thr);
        bench("public goods k=5, noise 0.01: 10 TTFT vs 10 ALLD", pg, td, c1010, 2, 0.01, 100, 0.5, 10000 * scale, thr);
        bench("6-player PD, noise 0.01: 10 TTFT:k=4, TFT@maj, ALLD", pd, three, c101010, 3, 0.01, 20, 1, 10000 * scale, thr);
    }
    pl_ngame_free(pg);
    pl_ngame_free(pd);
    return 0;
}
