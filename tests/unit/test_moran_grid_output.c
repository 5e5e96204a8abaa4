// SPDX-License-Identifier: MIT
/* test_moran_grid_output.c — population/moran_grid_output: grid.csv and report.html of a grid of
 * fixation estimates over size, noise and game.
 *
 * The cells are laid out game by game, then size, then noise ((g * nsizes + i) * nnoise + j); the
 * CSV must put every cell on its own row with the right N, noise and game (quoted: it holds
 * commas), a grid without games names the standard one, and the report draws a heat map for each
 * game and, with several games, one for each noise level over size and game.  With mutation rates
 * (an abundance grid) the rows carry the rate and the mean share, mutation the fastest axis. */
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

static char *slurp(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what)) n++;
    return n;
}

static void games_in_long_format(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_grid_XXXXXX";
    assert_non_null(mkdtemp(dir));
    int sizes[2] = {5, 10};
    double noise[1] = {0.05}, p[4] = {0.1, 0.2, 0.3, 0.4}, lo[4] = {0.05, 0.15, 0.25, 0.35},
           hi[4] = {0.15, 0.25, 0.35, 0.45}, ex[4] = {NAN, NAN, NAN, NAN}, gen[4] = {1, 2, 3, 4};
    const char *games[2] = {"3,0,5,1", "4,0,5,1"};
    pl_moran_grid g = {.mutant = "A", .resident = "B", .nsizes = 2, .nnoise = 1, .sizes = sizes, .noise = noise,
                       .p = p, .lo = lo, .hi = hi, .exact = ex, .generations = gen, .runs = 10, .seed = 1,
                       .turns = 10, .selection = 1, .mode = PL_MORAN_BD, .ngames = 2, .games = games};
    pl_error err;
    assert_int_equal(pl_moran_grid_write(&g, dir, &err), PL_OK);
    const char *csv = slurp(dir, "grid.csv");
    assert_string_equal(csv, "N,noise,p,lo95,hi95,exact,N_times_p,mean_generations,game\n"
                             "5,0.05,0.1,0.05,0.15,,0.5,1,\"3,0,5,1\"\n"
                             "10,0.05,0.2,0.15,0.25,,2,2,\"3,0,5,1\"\n"
                             "5,0.05,0.3,0.25,0.35,,1.5,3,\"4,0,5,1\"\n"
                             "10,0.05,0.4,0.35,0.45,,4,4,\"4,0,5,1\"\n");
    /* a heat map for each game (size x noise) and one for the noise level (size x game) */
    assert_int_equal(count(slurp(dir, "report.html"), "data-kind=\"heatmap\""), 3);
    g.ngames = 0, g.games = NULL; /* no games given: the standard one */
    assert_int_equal(pl_moran_grid_write(&g, dir, &err), PL_OK);
    csv = slurp(dir, "grid.csv");
    assert_int_equal(count(csv, "\"3,0,5,1\"\n"), 2);
    assert_int_equal(count(csv, "\n"), 3);
    assert_int_equal(count(slurp(dir, "report.html"), "data-kind=\"heatmap\""), 1);
    char path[512];
    snprintf(path, sizeof path, "%s/grid.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/report.html", dir);
    unlink(path);
    rmdir(dir);
}

static void mutation_in_long_format(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_grid_XXXXXX";
    assert_non_null(mkdtemp(dir));
    int sizes[2] = {5, 10};
    double noise[1] = {0}, mu[2] = {0.01, 0.1}, p[4] = {0.1, 0.2, 0.3, 0.4}, lo[4] = {0.05, 0.15, 0.25, 0.35},
           hi[4] = {0.15, 0.25, 0.35, 0.45}, ex[4] = {NAN, NAN, NAN, NAN}, gen[4] = {100, 100, 100, 100};
    pl_moran_grid g = {.mutant = "A", .resident = "B", .nsizes = 2, .nnoise = 1, .sizes = sizes, .noise = noise,
                       .p = p, .lo = lo, .hi = hi, .exact = ex, .generations = gen, .runs = 10, .seed = 1,
                       .turns = 10, .selection = 1, .mode = PL_MORAN_BD, .nmutation = 2, .mutation = mu};
    pl_error err;
    assert_int_equal(pl_moran_grid_write(&g, dir, &err), PL_OK);
    assert_string_equal(slurp(dir, "grid.csv"), "N,noise,mutation,share,lo95,hi95,generations,game\n"
                                                "5,0,0.01,0.1,0.05,0.15,100,\"3,0,5,1\"\n"
                                                "5,0,0.1,0.2,0.15,0.25,100,\"3,0,5,1\"\n"
                                                "10,0,0.01,0.3,0.25,0.35,100,\"3,0,5,1\"\n"
                                                "10,0,0.1,0.4,0.35,0.45,100,\"3,0,5,1\"\n");
    /* size x noise for each mutation rate, and size x mutation */
    assert_int_equal(count(slurp(dir, "report.html"), "data-kind=\"heatmap\""), 3);
    char path[512];
    snprintf(path, sizeof path, "%s/grid.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/report.html", dir);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(games_in_long_format),
        cmocka_unit_test(mutation_in_long_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
