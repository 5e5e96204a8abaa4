// SPDX-License-Identifier: MIT
/* bench_nparty.c — how many six-party matches a second?
 *
 * Six parties, 200 turns, the 6-player prisoner's dilemma 3,0,5,1, in four
 * settings: threshold tit for tat (an N-party strategy) without and with noise
 * and observation noise; six lifted two-party strategies; and a three-action
 * payoff table with blocs (the shape of the drills-and-launches scenario).  One
 * thread, the match loop reused as the engines use it; best of several runs.
 * Then a six-party tournament (every group of 6 from 10 strategies) on 1 thread
 * and on every core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nparty/nparty_engine.h"
#include "parley/parley.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static pl_nplayer *player(const char *spec)
{
    pl_nplayer *p;
    pl_error err;
    if (pl_nplayer_create(&p, spec, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        exit(1);
    }
    return p;
}

static void bench_matches(const char *label, const pl_ngame *g, pl_nplayer **p, double noise, double obs_noise)
{
    pl_nmatch_buf buf;
    pl_nmatch_config cfg;
    pl_nmatch_config_default(&cfg);
    cfg.turns = 200;
    cfg.noise = noise;
    cfg.obs_noise = obs_noise;
    cfg.seed = 1;
    pl_error err;
    if (pl_nmatch_check(g, p, &cfg, &err) || pl_nmatch_buf_init(&buf, g->n, 0, cfg.turns)) {
        fprintf(stderr, "%s\n", err.msg);
        exit(1);
    }
    double best = 1e30;
    long matches = 20000;
    double checksum = 0;
    for (int run = 0; run < 5; run++) {
        double t0 = now();
        for (long k = 0; k < matches; k++) {
            cfg.stream_a = (uint64_t)k;
            pl_nmatch_run(g, p, &cfg, &buf, &err);
            checksum += buf.score[0];
        }
        double dt = now() - t0;
        if (dt < best) best = dt;
    }
    /* a turn is one round of the six parties' moves; a party-turn is one party's move in it */
    printf("%-44s %10.0f matches/s %10.3g turns/s %10.3g party-turns/s  (checksum %.0f)\n", label, matches / best,
           matches * 200.0 / best, matches * 200.0 * 6 / best, checksum / 5);
    pl_nmatch_buf_free(&buf);
}

int main(void)
{
    pl_ngame *g;
    pl_error err;
    if (pl_ngame_create_pd(&g, 6, 3, 0, 5, 1, &err)) return 1;
    pl_nplayer *p[6];
    printf("six-party matches, 200 turns, 1 thread\n");
    for (int i = 0; i < 6; i++) p[i] = player("ttft");
    bench_matches("6 x ttft, no noise", g, p, 0, 0);
    bench_matches("6 x ttft, noise 0.05, observation noise 0.05", g, p, 0.05, 0.05);
    for (int i = 0; i < 6; i++) pl_nplayer_free(p[i]);
    const char *lifted[6] = {"tft", "grudger", "gtft", "wsls", "tf2t", "defector"};
    for (int i = 0; i < 6; i++) p[i] = player(lifted[i]);
    bench_matches("6 lifted (tft grudger gtft wsls tf2t defector)", g, p, 0.05, 0);
    for (int i = 0; i < 6; i++) pl_nplayer_free(p[i]);

    /* a 3-action table with blocs: every party watches a bloc of two and one other party */
    int na[6] = {3, 3, 3, 2, 2, 2};
    long joint = 3 * 3 * 3 * 2 * 2 * 2;
    double *tab = malloc((size_t)joint * 6 * sizeof *tab);
    for (long k = 0; k < joint * 6; k++) tab[k] = (double)((k * 2654435761u) % 11) - 5;
    pl_ngame *gt;
    if (pl_ngame_create_table(&gt, 6, na, tab, &err)) return 1;
    free(tab);
    for (int i = 0; i < 6; i++) {
        p[i] = player(i % 2 ? "ttft" : "tft");
        uint32_t bloc = (1u << ((i + 1) % 6)) | (1u << ((i + 2) % 6));
        pl_nplayer_watch(p[i], bloc, 1, &err);
        pl_nplayer_watch(p[i], 1u << ((i + 3) % 6), 1, &err);
    }
    bench_matches("3-action table, blocs, noise 0.02/obs 0.05", gt, p, 0.02, 0.05);
    for (int i = 0; i < 6; i++) pl_nplayer_free(p[i]);
    pl_ngame_free(gt);

    const char *field[10] = {"ttft", "gttft", "cttft", "ngrim", "nwsls", "majority", "tft", "grudger", "cooperator", "defector"};
    pl_nplayer *f[10];
    for (int i = 0; i < 10; i++) f[i] = player(field[i]);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("\nsix-party tournament: every group of 6 from 10 strategies (5005 groups), 200 turns, 2 repetitions, noise 0.02\n");
    for (int threads = 1; threads <= (cores > 1 ? cores : 1); threads = threads == 1 && cores > 1 ? (int)cores : threads + 1) {
        pl_ntournament_config tc = {.group_size = 6, .repetitions = 2, .threads = threads};
        pl_nmatch_config_default(&tc.match);
        tc.match.turns = 200;
        tc.match.noise = 0.02;
        tc.match.seed = 1;
        double best = 1e30;
        long groups = 0;
        for (int run = 0; run < 3; run++) {
            pl_ntournament_result *r;
            double t0 = now();
            if (pl_ntournament_run(g, f, 10, &tc, &r, &err)) {
                fprintf(stderr, "%s\n", err.msg);
                return 1;
            }
            double dt = now() - t0;
            if (dt < best) best = dt;
            groups = pl_ntournament_result_groups(r);
            pl_ntournament_result_free(r);
        }
        printf("%-44s %10.0f matches/s  %8.1f ms\n", threads == 1 ? "1 thread" : "every core", groups * 2 / best, best * 1e3);
        if (threads == cores) break;
    }
    for (int i = 0; i < 10; i++) pl_nplayer_free(f[i]);
    pl_ngame_free(g);
    return 0;
}
