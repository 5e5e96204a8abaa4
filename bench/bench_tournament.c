// SPDX-License-Identifier: MIT
/* bench_tournament.c — how fast is a round robin?
 *
 * Two fields: the 15 players of Axelrod's first tournament (Axelrod 1980) and
 * every registered strategy; 200 turns, 50 repetitions, standard game.  Each is
 * timed on 1 thread and on every core, best of several runs (the machine's
 * other load only ever slows a run down).  Prints time, matches and turns per
 * second.  The reference library takes about 10 s for the first field.
 *
 * `bench_tournament once` plays the first field once on one thread and prints
 * one line: what to run under valgrind --tool=callgrind, whose instruction
 * counts do not change with the machine's load as wall-clock times do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "parley/parley.h"

static const char *first_tournament[] = {
    "Tit For Tat", "First by Tideman and Chieruzzi: (D, D)", "First by Nydegger", "First by Grofman",
    "First by Shubik", "First by Stein and Rapoport: 0.05: (D, D)", "Grudger", "First by Davis: 10",
    "First by Graaskamp: 0.05", "First by Downing", "First by Feld: 1.0, 0.5, 200", "First by Joss: 0.9",
    "First by Tullock", "First by Anonymous", "Random: 0.5"};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void bench(const char *label, pl_strategy **p, size_t n, int threads, int runs)
{
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 200;
    cfg.repetitions = 50;
    cfg.threads = threads;
    cfg.seed = 1;
    double best = 1e30;
    uint64_t turns = 0, matches = 0, computed = 0;
    for (int k = 0; k < runs; k++) {
        pl_tournament_result *r;
        pl_error err;
        double t0 = now();
        if (pl_tournament_run((const pl_strategy *const *)p, n, &cfg, &r, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            exit(1);
        }
        double dt = now() - t0;
        if (dt < best) best = dt;
        turns = pl_tournament_result_turns(r);
        computed = pl_tournament_result_turns_computed(r);
        matches = pl_tournament_result_matches(r);
        pl_tournament_result_free(r);
    }
    printf("%-28s %3zu players %d thread%s %9.3f ms %7llu matches %10.3g turns/s in results, %10.3g simulated\n",
           label, n, threads, threads == 1 ? " " : "s", best * 1e3, (unsigned long long)matches, (double)turns / best,
           (double)computed / best);
}

int main(int argc, char **argv)
{
    int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    int once = argc > 1 && strcmp(argv[1], "once") == 0;
    int runs = argc > 1 && !once ? atoi(argv[1]) : 20;
    if (runs < 1) runs = 1;
    pl_strategy *p[16];
    size_t n = 0;
    for (size_t i = 0; i < sizeof first_tournament / sizeof *first_tournament; i++) {
        pl_error err;
        if (pl_strategy_create(&p[n], first_tournament[i], &err)) {
            printf("first tournament: missing %s\n", first_tournament[i]);
            continue;
        }
        n++;
    }
    if (once) {
        bench("Axelrod's first tournament", p, n, 1, 1);
        for (size_t i = 0; i < n; i++) pl_strategy_free(p[i]);
        return 0;
    }
    printf("parley %s, 200 turns, 50 repetitions, best of %d runs\n", pl_version(), runs);
    bench("Axelrod's first tournament", p, n, 1, runs);
    if (cores > 1) bench("Axelrod's first tournament", p, n, cores, runs);
    for (size_t i = 0; i < n; i++) pl_strategy_free(p[i]);

    size_t total = pl_strategy_count();
    pl_strategy **all = calloc(total, sizeof *all);
    for (size_t i = 0; i < total; i++) {
        pl_error err;
        if (pl_strategy_create(&all[i], pl_strategy_info_at(i)->id, &err)) return 1;
    }
    int runs_all = runs / 5 > 0 ? runs / 5 : 1;
    bench("every registered strategy", all, total, 1, runs_all);
    if (cores > 1) bench("every registered strategy", all, total, cores, runs_all);
    for (size_t i = 0; i < total; i++) pl_strategy_free(all[i]);
    free(all);
    return 0;
}
