// SPDX-License-Identifier: MIT
/* test_moran_structure.c — population/moran with structure: graphs, mutation matrices and the
 * exponential fitness mapping, against what is known of them.
 *
 * The isothermal theorem (Lieberman, Hauert & Nowak 2005): on a cycle, birth-death with
 * constant fitness r fixes a single mutant with the well-mixed probability
 * (1 - 1/r) / (1 - 1/r^N); a complete graph given as an edge list is the well-mixed process
 * (birth-death and death-birth, the exact value within the simulated interval); a neutral
 * population with per-type mutation rates u0, u1 spends on average the share u1 / (u0 + u1) as
 * type 0 (the expected change of the count is u1 (1 - x) - u0 x); a one-way mutation matrix
 * only ever lowers the first type; exponential fitness with payoffs ln r is constant fitness r;
 * the same bytes at any thread count on a graph with random outcomes; and the input errors.
 * Directed graphs: on a directed path (one-rooted: Lieberman, Hauert & Nowak 2005) the root's
 * type fixes in every run whatever the fitness, any other mutant in none, and the same path
 * undirected fixes a mutant at the end sometimes but not always; a directed cycle (with the
 * default loops, isothermal) fixes constant fitness r with the well-mixed probability.
 * Abundance under mutation (pl_moran_abundance_run): in a neutral population of two types with
 * rate mu the expected share moves as E[x'] = E[x] + mu (1 - 2 E[x]) / N, so its mean over
 * generations 0 .. G is known in closed form; the estimate lies within four standard errors of it,
 * is the same at any thread count, and needs mutation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parley/parley.h"

static pl_moran *from_matrix(double a, double b, double c, double d)
{
    double pay[4] = {a, b, c, d};
    const char *names[2] = {"A", "B"};
    pl_moran *m = NULL;
    pl_error err;
    assert_int_equal(pl_moran_create_matrix(&m, pay, names, 2, &err), PL_OK);
    return m;
}

static double moran_closed_form(double r, int N) { return (1 - 1 / r) / (1 - pow(r, -N)); }

static pl_moran_fixation *fix(const pl_moran *m, const pl_moran_config *cfg, int c0, int c1)
{
    int counts[2] = {c0, c1};
    pl_moran_fixation *f = NULL;
    pl_error err;
    assert_int_equal(pl_moran_fixation_run(m, counts, cfg, &f, &err), PL_OK);
    return f;
}

static void config(pl_moran_config *cfg, pl_moran_mode mode, uint64_t runs)
{
    pl_moran_config_default(cfg);
    cfg->mode = mode;
    cfg->runs = runs;
    cfg->seed = 17;
    cfg->threads = 2;
}

static void isothermal_cycle(void **state)
{
    (void)state;
    int N = 10;
    double r = 1.5;
    pl_moran *m = from_matrix(r, r, 1, 1); /* the mutant A scores r against anyone, B 1 */
    pl_moran_graph g;
    pl_error err;
    assert_int_equal(pl_moran_graph_make("cycle", N, &g, &err), PL_OK);
    assert_int_equal((int)g.edges, N);
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 20000);
    cfg.interaction = &g;
    pl_moran_fixation *f = fix(m, &cfg, 1, N - 1);
    double x = moran_closed_form(r, N);
    assert_true(isnan(f->exact[0])); /* no exact value on a graph */
    assert_true(f->lo[0] <= x && x <= f->hi[0]);
    pl_moran_fixation_free(f);
    /* the same cycle as an explicit reproduction graph without loops: still isothermal */
    cfg.reproduction = &g;
    f = fix(m, &cfg, 1, N - 1);
    assert_true(f->lo[0] <= x && x <= f->hi[0]);
    pl_moran_fixation_free(f);
    pl_moran_graph_free(&g);
    pl_moran_free(m);
}

static void complete_graph_is_well_mixed(void **state)
{
    (void)state;
    int N = 8;
    pl_moran *m = from_matrix(3, 0.9, 1.4, 1); /* tit for tat against all-defect over 10 turns */
    pl_moran_graph g;
    pl_error err;
    assert_int_equal(pl_moran_graph_make("complete", N, &g, &err), PL_OK);
    assert_int_equal((int)g.edges, N * (N - 1) / 2);
    for (int mode = 0; mode < 2; mode++) {
        pl_moran_config cfg;
        config(&cfg, (pl_moran_mode)mode, 20000);
        double x;
        assert_int_equal(pl_moran_exact_config(m, 0, 1, 2, N, &cfg, &x, &err), PL_OK);
        cfg.interaction = &g;
        pl_moran_fixation *f = fix(m, &cfg, 2, N - 2);
        assert_true(f->lo[0] <= x && x <= f->hi[0]);
        pl_moran_fixation_free(f);
    }
    pl_moran_graph_free(&g);
    pl_moran_free(m);
}

/* A reproduction graph alone: the interaction graph is then the complete one (built by the
 * run, and freed by it: the sanitizer build catches a leak).  Every vertex with an arc to every
 * vertex, itself included, is the well-mixed birth-death process. */
static void reproduction_graph_alone(void **state)
{
    (void)state;
    enum { N = 8 };
    pl_moran *m = from_matrix(3, 0.9, 1.4, 1); /* tit for tat against all-defect over 10 turns */
    int from[N * N], to[N * N];
    for (int k = 0; k < N * N; k++) from[k] = k / N, to[k] = k % N;
    pl_moran_graph g = {.vertices = N, .directed = 1, .edges = N * N, .from = from, .to = to};
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 20000);
    double x;
    pl_error err;
    assert_int_equal(pl_moran_exact_config(m, 0, 1, 2, N, &cfg, &x, &err), PL_OK);
    cfg.reproduction = &g;
    pl_moran_fixation *f = fix(m, &cfg, 2, N - 2);
    assert_true(isnan(f->exact[0])); /* no exact value on a graph */
    assert_true(f->lo[0] <= x && x <= f->hi[0]);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

/* A directed path 0 -> 1 -> ... -> N - 1: nobody replaces the root but its own offspring, so the
 * root's type fixes in every run, even when it is the weaker (fitness 1 against 2). */
static void directed_path_root_fixes(void **state)
{
    (void)state;
    enum { N = 8 };
    pl_moran *m = from_matrix(1, 1, 2, 2); /* A scores 1, B 2 against anyone */
    int from[N - 1], to[N - 1];
    for (int k = 0; k < N - 1; k++) from[k] = k, to[k] = k + 1;
    pl_moran_graph g = {.vertices = N, .directed = 1, .edges = N - 1, .from = from, .to = to};
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 400);
    cfg.interaction = &g;
    pl_moran_fixation *f = fix(m, &cfg, 1, N - 1); /* A at individual 0, the root */
    assert_int_equal(f->fixed[0], 400);
    pl_moran_fixation_free(f);
    f = fix(m, &cfg, N - 1, 1); /* B, the fitter, alone at the last individual */
    assert_int_equal(f->fixed[1], 0);
    assert_int_equal(f->fixed[0], 400);
    pl_moran_fixation_free(f);
    g.directed = 0; /* the same path both ways: the root can be replaced */
    f = fix(m, &cfg, N - 1, 1);
    assert_true(f->fixed[1] > 0 && f->fixed[0] > 0);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

static void directed_cycle_isothermal(void **state)
{
    (void)state;
    enum { N = 10 };
    double r = 1.5;
    pl_moran *m = from_matrix(r, r, 1, 1);
    int from[N], to[N];
    for (int k = 0; k < N; k++) from[k] = k, to[k] = (k + 1) % N;
    pl_moran_graph g = {.vertices = N, .directed = 1, .edges = N, .from = from, .to = to};
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 20000);
    cfg.interaction = &g;
    pl_moran_fixation *f = fix(m, &cfg, 1, N - 1);
    double x = moran_closed_form(r, N);
    assert_true(f->lo[0] <= x && x <= f->hi[0]);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

static void abundance_neutral_transient(void **state)
{
    (void)state;
    enum { N = 10, G = 100 };
    double mu = 0.1, x0 = 0.1, a = 1 - 2 * mu / N;
    double expect = 0.5 + (x0 - 0.5) * (1 - pow(a, G + 1)) / ((1 - a) * (G + 1));
    pl_moran *m = from_matrix(1, 1, 1, 1);
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 20000);
    cfg.mutation = mu;
    cfg.max_generations = G;
    int counts[2] = {1, N - 1};
    pl_moran_abundance *r1 = NULL, *r2 = NULL;
    pl_error err;
    assert_int_equal(pl_moran_abundance_run(m, counts, &cfg, &r1, &err), PL_OK);
    double se = (r1->hi[0] - r1->lo[0]) / (2 * 1.959963984540054);
    assert_true(se > 0 && se < 0.01);
    assert_true(fabs(r1->mean[0] - expect) < 4 * se);
    assert_float_equal(r1->mean[0] + r1->mean[1], 1, 1e-12);
    cfg.threads = 1;
    assert_int_equal(pl_moran_abundance_run(m, counts, &cfg, &r2, &err), PL_OK);
    assert_memory_equal(r1->mean, r2->mean, 2 * sizeof *r1->mean);
    assert_memory_equal(r1->lo, r2->lo, 2 * sizeof *r1->lo);
    pl_moran_abundance_free(r1);
    pl_moran_abundance_free(r2);
    cfg.mutation = 0;
    assert_int_equal(pl_moran_abundance_run(m, counts, &cfg, &r1, &err), PL_EINVAL);
    assert_null(r1);
    assert_non_null(strstr(err.msg, "needs mutation"));
    pl_moran_free(m);
}

static void mutation_rates_balance(void **state)
{
    (void)state;
    pl_moran *m = from_matrix(1, 1, 1, 1); /* neutral */
    double rates[2] = {0.05, 0.15}, q[4];
    pl_moran_rates_matrix(rates, 2, q);
    assert_float_equal(q[0], 0.95, 1e-15);
    assert_float_equal(q[1], 0.05, 1e-15);
    assert_float_equal(q[2], 0.15, 1e-15);
    assert_float_equal(q[3], 0.85, 1e-15);
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 1);
    cfg.mutation_matrix = q;
    cfg.max_generations = 200000;
    assert_true(pl_moran_mutates(&cfg, 2));
    int counts[2] = {10, 10}, *traj = NULL;
    uint64_t gens;
    pl_error err;
    assert_int_equal(pl_moran_trajectory(m, counts, &cfg, &traj, &gens, &err), PL_OK);
    assert_int_equal(gens, 200000);
    double share = 0;
    for (uint64_t g = 0; g <= gens; g++) share += traj[2 * g] / 20.0;
    share /= (double)(gens + 1);
    assert_float_equal(share, 0.15 / 0.2, 0.04);
    free(traj);
    /* a fixation estimate refuses a matrix that mutates */
    pl_moran_fixation *f = NULL;
    cfg.runs = 10;
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "never fixes"));
    pl_moran_free(m);
}

static void one_way_mutation(void **state)
{
    (void)state;
    pl_moran *m = from_matrix(3, 0, 5, 1);
    double q[4] = {0, 1, 0, 1}; /* every offspring is of type B */
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 1);
    cfg.mutation_matrix = q;
    cfg.max_generations = 500;
    int counts[2] = {6, 2}, *traj = NULL;
    uint64_t gens;
    pl_error err;
    assert_int_equal(pl_moran_trajectory(m, counts, &cfg, &traj, &gens, &err), PL_OK);
    for (uint64_t g = 1; g <= gens; g++) assert_true(traj[2 * g] <= traj[2 * (g - 1)]);
    assert_int_equal(traj[2 * gens], 0);
    free(traj);
    /* the identity matrix does not mutate: fixation runs */
    double id[4] = {1, 0, 0, 1};
    cfg.mutation_matrix = id;
    assert_false(pl_moran_mutates(&cfg, 2));
    cfg.runs = 100;
    pl_moran_fixation *f = fix(m, &cfg, 4, 4);
    assert_int_equal(f->fixed[0] + f->fixed[1], 100);
    pl_moran_fixation_free(f);
    pl_moran_free(m);
}

static void exponential_fitness(void **state)
{
    (void)state;
    int N = 12;
    double r = 1.3;
    pl_moran *m = from_matrix(log(r), log(r), 0, 0); /* exp(1 * payoff): A has fitness r, B 1 */
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 20000);
    cfg.fitness = PL_MORAN_FIT_EXP;
    pl_moran_fixation *f = fix(m, &cfg, 1, N - 1);
    double x = moran_closed_form(r, N);
    assert_float_equal(f->exact[0], x, 1e-12);
    assert_true(f->lo[0] <= x && x <= f->hi[0]);
    pl_moran_fixation_free(f);
    /* negative payoffs are fine under exp, refused under the linear mapping at w = 1 */
    pl_moran *neg = from_matrix(-1, -2, 0, -1);
    f = fix(neg, &cfg, 3, 3);
    pl_moran_fixation_free(f);
    cfg.fitness = PL_MORAN_FIT_LINEAR;
    int counts[2] = {3, 3};
    pl_error err;
    assert_int_equal(pl_moran_fixation_run(neg, counts, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "negative fitness"));
    pl_moran_free(neg);
    pl_moran_free(m);
}

/* The stability conditions: B invades A when it earns more against A than A does, or as much and
 * more against itself than A earns against B. */
static void invasion_conditions(void **state)
{
    (void)state;
    pl_moran *m = from_matrix(3, 0, 5, 1); /* prisoner's dilemma: A cooperates, B defects */
    assert_true(pl_moran_invades(m, 0, 1));
    assert_false(pl_moran_invades(m, 1, 0));
    assert_false(pl_moran_invades(m, 0, 0));
    pl_moran_free(m);
    m = from_matrix(2, 1, 2, 3); /* a tie against A (2 = 2), and B earns 3 against itself > 1 */
    assert_true(pl_moran_invades(m, 0, 1));
    pl_moran_free(m);
    m = from_matrix(2, 3, 2, 1); /* the same tie, but B earns 1 against itself < 3 */
    assert_false(pl_moran_invades(m, 0, 1));
    pl_moran_free(m);
}

static void graph_threads_same_results(void **state)
{
    (void)state;
    pl_strategy *s[2];
    pl_error err;
    assert_int_equal(pl_strategy_create(&s[0], "wsls", &err), PL_OK);
    assert_int_equal(pl_strategy_create(&s[1], "tft", &err), PL_OK);
    pl_match_config mc;
    pl_match_config_default(&mc);
    mc.turns = 20;
    mc.noise = 0.05;
    pl_moran *m = NULL;
    assert_int_equal(pl_moran_create(&m, s, 2, &mc, 20, 1, &err), PL_OK);
    pl_moran_graph g;
    assert_int_equal(pl_moran_graph_make("star", 9, &g, &err), PL_OK);
    pl_moran_fixation *f[2];
    for (int t = 0; t < 2; t++) {
        pl_moran_config cfg;
        config(&cfg, PL_MORAN_DB, 300);
        cfg.threads = t + 1;
        cfg.interaction = &g;
        f[t] = fix(m, &cfg, 3, 6);
    }
    assert_memory_equal(f[0]->fixed, f[1]->fixed, 2 * sizeof(uint64_t));
    assert_true(f[0]->mean_generations == f[1]->mean_generations);
    pl_moran_fixation_free(f[0]);
    pl_moran_fixation_free(f[1]);
    pl_moran_graph_free(&g);
    pl_moran_free(m);
    pl_strategy_free(s[0]);
    pl_strategy_free(s[1]);
}

static char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_moran_structure_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void input_errors(void **state)
{
    (void)state;
    pl_moran_graph g;
    pl_error err;
    char *p = write_temp("# a triangle\n0 1\n1,2\n\n2 0 # back\n");
    assert_int_equal(pl_moran_graph_make(p, 3, &g, &err), PL_OK);
    assert_int_equal((int)g.edges, 3);
    assert_int_equal(g.from[1], 1);
    assert_int_equal(g.to[1], 2);
    pl_moran_graph_free(&g);
    assert_int_equal(pl_moran_graph_make(p, 2, &g, &err), PL_EINVAL); /* vertex 2 of 2 individuals */
    assert_non_null(strstr(err.msg, ":3:3: "));
    unlink(p);
    p = write_temp("0 1 2\n");
    assert_int_equal(pl_moran_graph_make(p, 3, &g, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, ":1:5: more numbers"));
    unlink(p);
    p = write_temp("0\n");
    assert_int_equal(pl_moran_graph_make(p, 3, &g, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "1 numbers on the line; expected 2"));
    unlink(p);
    p = write_temp("# nothing\n");
    assert_int_equal(pl_moran_graph_make(p, 3, &g, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "no edges"));
    unlink(p);
    assert_int_equal(pl_moran_graph_make("/nonexistent/graph", 3, &g, &err), PL_EINVAL);
    double q[4];
    p = write_temp("0.9 0.1\n0.2 0.8\n");
    assert_int_equal(pl_moran_matrix_read(p, 2, q, &err), PL_OK);
    assert_float_equal(q[2], 0.2, 1e-15);
    unlink(p);
    p = write_temp("0.9 0.2\n0 1\n");
    assert_int_equal(pl_moran_matrix_read(p, 2, q, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "row 1 sums to 1.1"));
    unlink(p);
    p = write_temp("0.9 0.1\n");
    assert_int_equal(pl_moran_matrix_read(p, 2, q, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "1 rows; expected 2"));
    unlink(p);
    p = write_temp("0.9 1.5\n");
    assert_int_equal(pl_moran_matrix_read(p, 2, q, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, ":1:5: "));
    unlink(p);
    /* the configuration: a graph of the wrong size, a rate beside a matrix, a bad row */
    pl_moran *m = from_matrix(1, 1, 1, 1);
    assert_int_equal(pl_moran_graph_make("cycle", 5, &g, &err), PL_OK);
    pl_moran_config cfg;
    config(&cfg, PL_MORAN_BD, 10);
    cfg.interaction = &g;
    int counts[2] = {2, 2};
    pl_moran_fixation *f = NULL;
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "5 vertices for a population of 4"));
    cfg.interaction = NULL;
    double bad[4] = {0.5, 0.4, 0, 1};
    cfg.mutation_matrix = bad;
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "row 1 (A) sums to 0.9"));
    double ok[4] = {1, 0, 0, 1};
    cfg.mutation_matrix = ok;
    cfg.mutation = 0.1;
    assert_int_equal(pl_moran_fixation_run(m, counts, &cfg, &f, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "give one of them"));
    pl_moran_graph_free(&g);
    pl_moran_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(isothermal_cycle),
        cmocka_unit_test(complete_graph_is_well_mixed),
        cmocka_unit_test(reproduction_graph_alone),
        cmocka_unit_test(directed_path_root_fixes),
        cmocka_unit_test(directed_cycle_isothermal),
        cmocka_unit_test(abundance_neutral_transient),
        cmocka_unit_test(mutation_rates_balance),
        cmocka_unit_test(one_way_mutation),
        cmocka_unit_test(exponential_fitness),
        cmocka_unit_test(invasion_conditions),
        cmocka_unit_test(graph_threads_same_results),
        cmocka_unit_test(input_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
