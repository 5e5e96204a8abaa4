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
 * counts do not change with the machine's load as wall-clock times do.
 *
 * `bench_tournament case NAME [RUNS [REPS]]` times one of the paired cases of
 * bench/paired.sh on one thread, best of RUNS (1: a single run, for an
 * instruction count): `first` (the first field, 50 repetitions), `first-noise`
 * (the same with noise 0.05), `mem1-noise` (20 memory-one players, noise 0.05,
 * REPS repetitions, 1,000 by default) and `all` (every registered strategy, 50
 * repetitions); NAME-batched is the same with the --batched option (after: a library
 * that has it; an older one plays it as the default).
 * It uses only the public API, so the same source measures any two trees. */
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

/* Twenty memory-one players (each a four-vector and a first move), the kind of field that
 * the Moran process and sensitivity runs replay. */
static const char *memory_one_field[] = {
    "tft", "gtft", "wsls", "cooperator", "defector", "random", "first_grofman", "first_joss", "zd_extort_2",
    "zd_extort_2_v2", "zd_extort_3", "zd_extort_4", "zd_gtft_2", "zd_gen_2", "zd_set_2", "zd_mischief",
    "zd_extortion", "firm_but_fair", "stochastic_cooperator", "soft_joss"};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int batched; /* the --batched option (pl_tournament_config.batched) for the case being timed */

static void bench_with(const char *label, pl_strategy **p, size_t n, int threads, int runs, double noise, int reps)
{
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    cfg.turns = 200;
    cfg.repetitions = reps;
    cfg.noise = noise;
    cfg.batched = batched; /* set whatever the library: an older one's default does not know the field */
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
    printf("%-28s %3zu players %d thread%s %9.3f ms %7llu matches %10.3g turns/s in results, %10.3g simulated"
           " (%.2f ns a simulated turn)\n",
           label, n, threads, threads == 1 ? " " : "s", best * 1e3, (unsigned long long)matches, (double)turns / best,
           (double)computed / best, computed ? best * 1e9 / (double)computed : 0.0);
}

static void bench(const char *label, pl_strategy **p, size_t n, int threads, int runs)
{
    bench_with(label, p, n, threads, runs, 0, 50);
}

static size_t make_players(pl_strategy **p, const char *const *names, size_t count)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        pl_error err;
        if (pl_strategy_create(&p[n], names[i], &err)) {
            fprintf(stderr, "missing %s: %s\n", names[i], err.msg);
            exit(1);
        }
        n++;
    }
    return n;
}

/* One paired case on one thread (bench/paired.sh). */
static int bench_case(const char *name, int runs, int mem1_reps)
{
    pl_strategy *p[32];
    size_t n;
    char base[32];
    snprintf(base, sizeof base, "%s", name);
    char *suffix = strstr(base, "-batched");
    batched = suffix != NULL;
    if (suffix) *suffix = '\0';
    const char *label = name;
    name = base;
    if (!strcmp(name, "first") || !strcmp(name, "first-noise")) {
        n = make_players(p, first_tournament, sizeof first_tournament / sizeof *first_tournament);
        bench_with(label, p, n, 1, runs, name[5] ? 0.05 : 0, 50);
    } else if (!strcmp(name, "mem1-noise")) {
        n = make_players(p, memory_one_field, sizeof memory_one_field / sizeof *memory_one_field);
        bench_with(label, p, n, 1, runs, 0.05, mem1_reps);
    } else if (!strcmp(name, "all")) {
        size_t total = pl_strategy_count();
        pl_strategy **all = calloc(total, sizeof *all);
        for (size_t i = 0; i < total; i++) {
            pl_error err;
            if (!all || pl_strategy_create(&all[i], pl_strategy_info_at(i)->id, &err)) return 1;
        }
        bench_with(label, all, total, 1, runs, 0, 50);
        for (size_t i = 0; i < total; i++) pl_strategy_free(all[i]);
        free(all);
        return 0;
    } else {
        fprintf(stderr, "bench_tournament case: unknown case '%s' (first, first-noise, mem1-noise, all; each "
                "also with -batched)\n", label);
        return 2;
    }
    for (size_t i = 0; i < n; i++) pl_strategy_free(p[i]);
    return 0;
}

int main(int argc, char **argv)
{
    int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (argc > 2 && strcmp(argv[1], "case") == 0)
        return bench_case(argv[2], argc > 3 && atoi(argv[3]) > 0 ? atoi(argv[3]) : 5,
                          argc > 4 && atoi(argv[4]) > 0 ? atoi(argv[4]) : 1000);
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
