// SPDX-License-Identifier: MIT
/* bench_moran.c — how fast are Moran runs and fixation estimates?
 *
 * Four populations: one tit for tat among nine defectors (deterministic pairs: a run keeps
 * counts only), the same with N = 100, one win-stay lose-shift among nine tit for tat with
 * noise 0.05 (random outcomes: a run keeps individuals and draws one cached outcome a
 * meeting), and a neutral population of 100 (the longest runs).  Each is a fixation estimate
 * over R runs on 1 thread and on every core; the figure is the best of three, in runs and
 * generations a second.  The outcome cache is made once, outside the timing, and timed apart.
 * `bench_moran mem1` runs only the paired case of issue 17 (see main). */
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

static void bench(const char *label, const char *a, const char *b, int ca, int cb, int turns, double noise,
                  uint64_t runs, int threads)
{
    pl_strategy *s[2];
    pl_error err;
    if (pl_strategy_create(&s[0], a, &err) || pl_strategy_create(&s[1], b, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        exit(1);
    }
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = turns;
    mc.noise = noise;
    pl_moran *m;
    double t0 = now();
    if (pl_moran_create(&m, s, 2, &mc, 100, 1, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        exit(1);
    }
    double cache = now() - t0;
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    cfg.runs = runs;
    cfg.threads = threads;
    int counts[2] = {ca, cb};
    double best = 1e300, gens = 0, p = 0;
    for (int k = 0; k < 3; k++) {
        pl_moran_fixation *f;
        double t1 = now();
        if (pl_moran_fixation_run(m, counts, &cfg, &f, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            exit(1);
        }
        double dt = now() - t1;
        if (dt < best) best = dt;
        gens = f->mean_generations;
        p = f->p[0];
        pl_moran_fixation_free(f);
    }
    printf("%-44s %d thr  %8llu runs  %8.3f s  %10.0f runs/s  %7.3g gen/s  (cache %.4f s; mean %.1f gen, p %.4f)\n",
           label, threads, (unsigned long long)runs, best, runs / best, runs * gens / best, cache, gens, p);
    pl_moran_free(m);
    pl_strategy_free(s[0]);
    pl_strategy_free(s[1]);
}

int main(int argc, char **argv)
{
    /* `bench_moran mem1`: the paired case of issue 17, one thread: a fixation estimate of 1,000
     * runs, 20 players of two memory-one strategies, noise 0.05 (the cache included, printed apart) */
    if (argc > 1 && !strcmp(argv[1], "mem1")) {
        bench("GTFT 1 vs ZD-Extort-2 19, noise 0.05", "gtft", "zd_extort_2", 1, 19, 200, 0.05, 1000, 1);
        return 0;
    }
    char *end = NULL;
    uint64_t scale = argc > 1 ? strtoull(argv[1], &end, 10) : 1;
    if (argc > 1 && (*end || scale < 1)) {
        fprintf(stderr, "usage: bench_moran [SCALE (a whole number >= 1) | mem1], got '%s'\n", argv[1]);
        return 2;
    }
    int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    for (int pass = 0; pass < 2; pass++) {
        int thr = pass ? cores : 1;
        bench("TFT 1 vs ALLD 9, 200 turns", "tft", "defector", 1, 9, 200, 0, 100000 * scale, thr);
        bench("TFT 1 vs ALLD 99, 200 turns", "tft", "defector", 1, 99, 200, 0, 100000 * scale, thr);
        bench("WSLS 1 vs TFT 9, 200 turns, noise 0.05", "wsls", "tft", 1, 9, 200, 0.05, 10000 * scale, thr);
        bench("neutral TFT 1 vs Cooperator 99", "tft", "cooperator", 1, 99, 200, 0, 10000 * scale, thr);
    }
    return 0;
}
