// SPDX-License-Identifier: MIT
/* cmd_moran.c — `parley moran`: which strategy takes over a population, and how often.
 *
 * Flags to a population (parley/population.h), the fixation estimate over many runs with its
 * intervals and the exact value beside it where one exists, and the result files. */
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/progress.h"
#include "parley/player_list.h"
#include "parley/population.h"

static const char usage[] =
    "Usage: parley moran --players LIST [--counts C1,C2,...] [--turns N] [--noise p] [--prob-end p]\n"
    "                    [--game R,S,T,P] [--mode bd|db] [--selection w] [--mutation p]\n"
    "                    [--runs R] [--generations G] [--samples K] [--seed s] [--threads k]\n"
    "                    [--mutation-rates R1,R2,... | --mutation-matrix FILE] [--fitness linear|exp]\n"
    "                    [--graph SPEC] [--reproduction-graph SPEC] [--directed] [--invasion]\n"
    "                    [--replicator T] [--grid-sizes N1,... [--grid-noise p1,...] [--grid-game R,S,T,P ...]\n"
    "                    [--grid-mutation u1,...]] [--out DIR] [--json]\n"
    "\n"
    "A Moran process: a population of strategies in which, each generation, everyone plays\n"
    "everyone, one individual reproduces in proportion to its fitness and one dies.  Without\n"
    "mutation one strategy eventually takes over (fixes); parley runs the population R times and\n"
    "prints how often each strategy fixed, with a 95% Wilson interval, and beside it the exact\n"
    "probability when two strategies are present and their matches are deterministic (no noise,\n"
    "no random strategy): the absorption probability of the Moran chain (Nowak et al. 2004).\n"
    "\n"
    "With --game FILE.yaml (an N-party game, kind: nparty) the population plays in groups of the\n"
    "game's k parties: see `parley moran --game FILE.yaml --help`.\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley moran --players tft,defector --counts 1,9 --turns 10 --runs 100000\n"
    "  parley moran --players wsls,tft --counts 1,9 --noise 0.05 --turns 50 --runs 20000 --threads 0\n"
    "  parley moran --players tft,defector,cooperator --counts 4,4,4 --mutation 0.01 --generations 5000 --out moran/\n"
    "  parley moran --players tft,defector --counts 1,1 --turns 10 --replicator 50\n"
    "  parley moran --players tft,defector --counts 1,19 --turns 10 --graph cycle --runs 20000\n"
    "  parley moran --players tft,defector,cooperator --counts 4,4,4 --mutation-rates 0.01,0,0.05 --generations 2000\n"
    "  parley moran --players wsls,tft --grid-sizes 5,10,20,50 --grid-noise 0,0.01,0.05 --turns 20 --runs 20000\n"
    "  parley moran --game games/public-goods.yaml --players ttft,defector --counts 10,10 --noise 0 --selection 0.5\n";

/* "3,1,2" into n counts; an error names --counts, the count and its value (read by the one number
 * reader: no spaces, signs or hex), and a population beyond what a Moran process takes. */
int cli_moran_counts(const char *text, size_t n, int *counts)
{
    const char *p = text;
    long total = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strcspn(p, ",");
        if (p[len] == '\0' && i + 1 < n)
            return cli_usage_error("moran", "--counts: %zu counts given for %zu players; expected one count each", i + 1, n), -1;
        if (p[len] == ',' && i + 1 == n)
            return cli_usage_error("moran", "--counts: more counts than the %zu players; expected one count each", n), -1;
        char piece[64];
        snprintf(piece, sizeof piece, "%.*s", (int)(len < sizeof piece ? len : sizeof piece - 1), p);
        long v;
        pl_error e;
        if (len >= sizeof piece || pl_parse_long(piece, 0, PL_MORAN_MAX_POPULATION, &v, &e))
            return cli_usage_error("moran", "--counts: count %zu of %zu: %s", i + 1, n,
                                   len >= sizeof piece ? "expected a whole number, got a longer text" : e.msg), -1;
        counts[i] = (int)v;
        total += v;
        p += len + 1;
    }
    if (total > PL_MORAN_MAX_POPULATION)
        return cli_usage_error("moran", "--counts: a population of %ld individuals is more than a Moran process takes "
                               "(at most %d)", total, PL_MORAN_MAX_POPULATION), -1;
    return 0;
}

/* The runs, the summary and the output set of population m, made in t1 - t0 seconds, for both
 * `parley moran` and `parley moran --game FILE.yaml` (cmd_moran_nparty.c): the fixation runs with
 * their progress (with mutation none: nothing fixes), run 0's course when there is an output set
 * or mutation, the writer's header, the table of the types (their names, pl_moran_name) with how
 * often each fixed or, with mutation, its share over the run, the writer's further lines, the
 * timing line and the output set with meta.  The exit code. */
int cli_moran_report(pl_moran *m, const int *counts, pl_moran_config *cfg, const pl_moran_meta *meta, cli_out *out,
                     double t0, double t1, const cli_moran_writer *wr)
{
    size_t n = pl_moran_types(m);
    int mutating = pl_moran_mutates(cfg, n), *traj = NULL, rc = EXIT_OK;
    uint64_t gens = 0;
    pl_moran_fixation *f = NULL;
    pl_error err;
    cli_phases bar; /* the fixation runs' progress, on a terminal only */
    cli_phases_init(&bar, "moran", NULL);
    cfg->phase = cli_phases_phase, cfg->progress = cli_phases_progress, cfg->progress_user = &bar;
    int fix_rc = mutating ? 0 : pl_moran_fixation_run(m, counts, cfg, &f, &err);
    cli_phases_finish(&bar);
    cfg->phase = NULL, cfg->progress = NULL, cfg->progress_user = NULL; /* the bar is gone */
    if (fix_rc) return cli_lib_error("moran", &err);
    double t2 = cli_seconds();
    if ((cli_out_path(out) || mutating) && pl_moran_trajectory(m, counts, cfg, &traj, &gens, &err)) {
        rc = cli_lib_error("moran", &err);
        goto done;
    }
    int N = 0;
    size_t w = 4;
    for (size_t i = 0; i < n; i++) {
        N += counts[i];
        size_t l = strlen(pl_moran_name(m, i));
        if (l > w) w = l;
    }
    wr->header(wr->ctx, m, cfg, N);
    if (f) {
        printf("%llu runs, seed %llu: ", (unsigned long long)f->runs, (unsigned long long)cfg->seed);
        if (f->unfixed)
            printf("%llu did not fix within %llu generations; ", (unsigned long long)f->unfixed,
                   (unsigned long long)cfg->max_generations);
        printf("mean time to fixation %.1f generations\n\n", f->mean_generations);
        printf("%-*s  %6s  %10s  %8s  %-19s  %s\n", (int)w, "type", "start", "fixed", "p", "95% interval", "exact");
        for (size_t i = 0; i < n; i++) {
            char iv[64], ex[32] = "-";
            snprintf(iv, sizeof iv, "[%.4f, %.4f]", f->lo[i], f->hi[i]);
            if (!isnan(f->exact[i])) snprintf(ex, sizeof ex, "%.6f", f->exact[i]);
            printf("%-*s  %6d  %10llu  %8.4f  %-19s  %s\n", (int)w, pl_moran_name(m, i), counts[i],
                   (unsigned long long)f->fixed[i], f->p[i], iv, ex);
        }
        if (N > 0) printf("\nneutral drift would fix each individual's type with probability 1/N = %.6f\n", 1.0 / N);
    } else {
        printf("one run of %llu generations, seed %llu (with mutation nothing fixes)\n\n", (unsigned long long)gens,
               (unsigned long long)cfg->seed);
        printf("%-*s  %6s  %6s  %s\n", (int)w, "type", "start", "end", "mean share");
        for (size_t i = 0; i < n; i++) {
            double sum = 0;
            for (uint64_t g = 0; g <= gens; g++) sum += traj[g * n + i];
            printf("%-*s  %6d  %6d  %.4f\n", (int)w, pl_moran_name(m, i), counts[i], traj[gens * n + i],
                   sum / ((double)(gens + 1) * N));
        }
    }
    if (wr->more && (rc = wr->more(wr->ctx, m, cfg, N, (int)w))) goto done;
    fprintf(stderr, "%s in %.3f s; %s in %.3f s (%d thread%s)\n", wr->made, t1 - t0, f ? "fixation runs" : "the run",
            f ? t2 - t1 : cli_seconds() - t2, cfg->threads, cfg->threads == 1 ? "" : "s");
    int wrc = cli_out_path(out) ? pl_moran_write(m, cfg, meta, f, traj, gens, cli_out_path(out), &err) : 0;
    rc = cli_out_end(out, wrc, &err);
done:
    free(traj);
    pl_moran_fixation_free(f);
    return rc;
}

/* A comma-separated list of up to max numbers in [lo, hi] (whole numbers if whole) into out; its
 * length in *n.  An error names the flag, the place and the value. */
static int parse_list(const char *flag, const char *text, double lo, double hi, int whole, size_t max, double *out,
                      size_t *n)
{
    const char *p = text;
    *n = 0;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (*n == max) return cli_usage_error("moran", "%s: more than %zu values", flag, max), -1;
        char piece[64];
        snprintf(piece, sizeof piece, "%.*s", (int)(len < sizeof piece ? len : sizeof piece - 1), p);
        pl_error e;
        long l = 0;
        int bad = len >= sizeof piece ||
                  (whole ? pl_parse_long(piece, (long)lo, (long)hi, &l, &e) : pl_parse_double(piece, lo, hi, &out[*n], &e));
        if (bad)
            return cli_usage_error("moran", "%s: value %zu: %s", flag, *n + 1,
                                   len >= sizeof piece ? "expected a number, got a longer text" : e.msg), -1;
        if (whole) out[*n] = (double)l;
        (*n)++;
        if (p[len] == '\0') return 0;
        p += len + 1;
    }
}

#define GRID_MAX 64 /* values a grid axis takes */

/* --grid-sizes: one mutant of the first player among N - 1 of the second for every game, size and
 * noise level, each a fixation estimate of cfg->runs runs; a table, and grid.csv and report.html
 * with --out.  games: the --grid-game texts (none: the one --game, game).  0 or the exit status. */
static int run_grid(const pl_player_list *players, pl_match_config mc, const pl_moran_config *cfg, int samples,
                    const char *sizes_text, const char *noise_text, const cli_list *games, const cli_game *game,
                    const char *mut_text, cli_out *out, const char *out_dir)
{
    double sz[GRID_MAX], nz[GRID_MAX], mz[GRID_MAX];
    size_t ns, nn = 1, ng = games->n ? (size_t)games->n : 1, nmu = 0;
    int rc = EXIT_USAGE;
    if (players->n != 2) return cli_usage_error("moran", "--grid-sizes: expected two players (the mutant first), got %zu",
                                                players->n), EXIT_USAGE;
    if (cfg->mutation > 0 || cfg->mutation_matrix || cfg->interaction || cfg->reproduction)
        return cli_usage_error("moran", "--grid-sizes: a grid of fixation estimates takes no mutation and no graph"),
               EXIT_USAGE;
    if (games->n > GRID_MAX) return cli_usage_error("moran", "--grid-game: more than %d games", GRID_MAX), EXIT_USAGE;
    if (parse_list("--grid-sizes", sizes_text, cfg->mode == PL_MORAN_DB ? 3 : 2, PL_MORAN_MAX_POPULATION, 1, GRID_MAX, sz,
                   &ns))
        return EXIT_USAGE;
    nz[0] = mc.noise;
    if (noise_text && parse_list("--grid-noise", noise_text, 0, 1, 0, GRID_MAX, nz, &nn)) return EXIT_USAGE;
    if (mut_text) {
        if (parse_list("--grid-mutation", mut_text, 0, 1, 0, GRID_MAX, mz, &nmu)) return EXIT_USAGE;
        for (size_t u = 0; u < nmu; u++)
            if (!(mz[u] > 0))
                return cli_usage_error("moran", "--grid-mutation: value %zu: expected a rate above 0 (with mutation the "
                                                "grid measures abundance; for fixation leave the flag out)", u + 1),
                       EXIT_USAGE;
    }
    size_t nm = nmu ? nmu : 1;
    pl_game *gm = malloc(ng * sizeof *gm);
    const char *gtext[GRID_MAX];
    if (!gm) {
        fprintf(stderr, "parley moran: out of memory for the grid\n");
        return EXIT_ENV;
    }
    if (!games->n) gm[0] = game->game, gtext[0] = game->text;
    for (size_t g = 0; g < (size_t)games->n; g++) {
        char flag[48];
        snprintf(flag, sizeof flag, "--grid-game (%zu)", g + 1);
        if (cli_parse_game("moran", flag, games->items[g], &gm[g])) {
            free(gm);
            return EXIT_USAGE;
        }
        gtext[g] = games->items[g];
    }
    size_t cells = ng * ns * nn * nm;
    int sizes[GRID_MAX];
    double *v = calloc(5 * cells, sizeof *v);
    if (!v) {
        free(gm);
        fprintf(stderr, "parley moran: out of memory for the grid\n");
        return EXIT_ENV;
    }
    for (size_t i = 0; i < ns; i++) sizes[i] = (int)sz[i];
    double *p = v, *lo = v + cells, *hi = v + 2 * cells, *ex = v + 3 * cells, *gen = v + 4 * cells;
    pl_error err;
    const char *names[2] = {NULL, NULL};
    pl_moran *m = NULL;
    if (nmu)
        printf("Abundance of one mutant's type under mutation over a grid (%s), selection w = %g; matches of %d turns;\n"
               "%llu runs of %llu generations a cell, seed %llu\n\n",
               cfg->mode == PL_MORAN_DB ? "death-birth" : "birth-death", cfg->selection, mc.turns,
               (unsigned long long)cfg->runs, (unsigned long long)cfg->max_generations, (unsigned long long)cfg->seed);
    else
        printf("Fixation of one mutant over a grid (%s), selection w = %g; matches of %d turns; %llu runs a cell, seed %llu\n\n",
               cfg->mode == PL_MORAN_DB ? "death-birth" : "birth-death", cfg->selection, mc.turns,
               (unsigned long long)cfg->runs, (unsigned long long)cfg->seed);
    if (nmu)
        printf("%8s  %8s  %8s  %10s  %-19s  %s\n", "N", "noise", "mutation", "mean share", "95% interval", "game R,S,T,P");
    else
        printf("%8s  %8s  %8s  %-19s  %9s  %7s  %16s  %s\n", "N", "noise", "p", "95% interval", "exact", "N x p",
               "mean generations", "game R,S,T,P");
    for (size_t g = 0; g < ng; g++)
        for (size_t j = 0; j < nn; j++) {
            mc.noise = nz[j];
            mc.game = &gm[g];
            pl_moran_free(m);
            m = NULL;
            if (pl_moran_create(&m, (pl_strategy *const *)players->items, 2, &mc, samples, cfg->threads, &err)) {
                rc = cli_lib_error("moran", &err);
                goto done;
            }
            names[0] = pl_moran_name(m, 0);
            names[1] = pl_moran_name(m, 1);
            for (size_t i = 0; i < ns; i++) {
                int counts[2] = {1, sizes[i] - 1};
                for (size_t u = 0; u < nm; u++) {
                    size_t k = ((g * ns + i) * nn + j) * nm + u;
                    if (nmu) {
                        pl_moran_config c = *cfg;
                        c.mutation = mz[u];
                        pl_moran_abundance *a;
                        if (pl_moran_abundance_run(m, counts, &c, &a, &err)) {
                            rc = cli_lib_error("moran", &err);
                            goto done;
                        }
                        p[k] = a->mean[0], lo[k] = a->lo[0], hi[k] = a->hi[0], ex[k] = NAN;
                        gen[k] = (double)a->generations;
                        pl_moran_abundance_free(a);
                        continue;
                    }
                    pl_moran_fixation *f;
                    if (pl_moran_fixation_run(m, counts, cfg, &f, &err)) {
                        rc = cli_lib_error("moran", &err);
                        goto done;
                    }
                    p[k] = f->p[0], lo[k] = f->lo[0], hi[k] = f->hi[0], ex[k] = f->exact[0], gen[k] = f->mean_generations;
                    pl_moran_fixation_free(f);
                }
            }
        }
    for (size_t k = 0; k < cells; k++) {
        char iv[48], e[24] = "-";
        size_t i = k / (nn * nm) % ns, j = k / nm % nn;
        const char *gt = gtext[k / (nn * ns * nm)];
        snprintf(iv, sizeof iv, "[%.4f, %.4f]", lo[k], hi[k]);
        if (nmu) {
            printf("%8d  %8g  %8g  %10.4f  %-19s  %s\n", sizes[i], nz[j], mz[k % nm], p[k], iv, gt);
            continue;
        }
        if (!isnan(ex[k])) snprintf(e, sizeof e, "%.6f", ex[k]);
        printf("%8d  %8g  %8.4f  %-19s  %9s  %7.3f  %16.1f  %s\n", sizes[i], nz[j], p[k], iv, e, sizes[i] * p[k], gen[k],
               gt);
    }
    int wrc = 0;
    if (out_dir) {
        pl_moran_grid g = {.mutant = names[0], .resident = names[1], .nsizes = ns, .nnoise = nn, .sizes = sizes,
                           .noise = nz, .p = p, .lo = lo, .hi = hi, .exact = ex, .generations = gen, .runs = cfg->runs,
                           .seed = cfg->seed, .turns = mc.turns, .selection = cfg->selection, .mode = cfg->mode,
                           .ngames = ng, .games = gtext, .nmutation = nmu, .mutation = mz};
        wrc = pl_moran_grid_write(&g, cli_out_path(out), &err);
    }
    rc = cli_out_end(out, wrc, &err);
done:
    pl_moran_free(m);
    free(v);
    free(gm);
    return rc;
}

/* What a two-party population prints of its own (cli_moran_writer): how it was made, and below
 * the table the replicator dynamics (--replicator) and the invasion table (--invasion). */
typedef struct moran_view {
    const pl_match_config *mc;
    const char *rates_text, *matrix_path, *graph_spec, *repro_spec;
    int directed, invasion;
    double rep_time;
    const int *counts;
} moran_view;

static void moran_header(void *ctx, const pl_moran *m, const pl_moran_config *cfg, int N)
{
    const moran_view *v = ctx;
    char mutation_text[160];
    if (v->rates_text) snprintf(mutation_text, sizeof mutation_text, "mutation rates %s", v->rates_text);
    else if (v->matrix_path) snprintf(mutation_text, sizeof mutation_text, "mutation matrix %s", v->matrix_path);
    else snprintf(mutation_text, sizeof mutation_text, "mutation %g", cfg->mutation);
    printf("Moran process (%s), %d individuals, selection w = %g%s, %s; matches of %d turns, noise %g%s\n",
           cfg->mode == PL_MORAN_DB ? "death-birth" : "birth-death", N, cfg->selection,
           cfg->fitness == PL_MORAN_FIT_EXP ? " (fitness exp(w x payoff))" : "", mutation_text, v->mc->turns, v->mc->noise,
           pl_moran_deterministic(m) ? "" : " (random outcomes: each meeting draws one of the cached samples)");
    if (v->graph_spec || v->repro_spec)
        printf("interaction graph %s, reproduction graph %s%s\n", v->graph_spec ? v->graph_spec : "complete",
               v->repro_spec ? v->repro_spec : "the interaction graph with loops", v->directed ? " (directed)" : "");
}

/* The replicator dynamics from the starting shares over the population's mean payoffs. */
static int moran_replicator(const moran_view *v, const pl_moran *m, const pl_moran_config *cfg, int N, int w)
{
    size_t n = pl_moran_types(m);
    uint64_t steps = (uint64_t)llround(v->rep_time / 0.01), chunk = 1000;
    double *payoff = malloc(n * n * sizeof *payoff), *x0 = malloc(n * sizeof *x0), *start = malloc(n * sizeof *start);
    double *rep = malloc((size_t)(chunk + 1) * n * sizeof *rep);
    int rc = EXIT_OK;
    pl_error err;
    if (!payoff || !x0 || !rep || !start) {
        fprintf(stderr, "parley moran: out of memory for the replicator dynamics\n");
        rc = EXIT_ENV;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        x0[i] = v->counts[i];
        for (size_t j = 0; j < n; j++) payoff[i * n + j] = pl_moran_payoff(m, i, j);
    }
    /* in chunks of 1000 steps, each starting where the last ended: the same steps as one call */
    for (size_t i = 0; i < n; i++) start[i] = x0[i] / N;
    for (uint64_t done_steps = 0; done_steps < steps;) {
        uint64_t k = steps - done_steps < chunk ? steps - done_steps : chunk;
        if (cfg->mutation_matrix ? pl_replicator_mutator_run(payoff, n, x0, cfg->mutation_matrix, 0.01, k, rep, &err)
                                 : pl_replicator_run(payoff, n, x0, cfg->mutation, 0.01, k, rep, &err)) {
            rc = cli_lib_error("moran", &err);
            goto done;
        }
        memcpy(x0, rep + k * n, n * sizeof *x0);
        done_steps += k;
    }
    printf("\nreplicator dynamics%s from the starting shares, t = %g (RK4, step 0.01):\n",
           cfg->mutation > 0 || cfg->mutation_matrix ? " with mutation" : "", steps * 0.01);
    for (size_t i = 0; i < n; i++) printf("%-*s  %.6f -> %.6f\n", w, pl_moran_name(m, i), start[i], x0[i] / (steps ? 1 : N));
done:
    free(payoff);
    free(x0);
    free(start);
    free(rep);
    return rc;
}

static int moran_more(void *ctx, const pl_moran *m, const pl_moran_config *cfg, int N, int w)
{
    const moran_view *v = ctx;
    if (v->rep_time > 0) {
        int rc = moran_replicator(v, m, cfg, N, w);
        if (rc) return rc;
    }
    if (v->invasion) {
        size_t n = pl_moran_types(m);
        printf("\ninvasion (row: resident, column: invader): + invades an infinite population, - does not;\n"
               "N x rho: the exact chance one invader takes over %d - 1 residents, times N (> 1: selection favours it)\n\n",
               N);
        printf("%-*s", w, "");
        for (size_t j = 0; j < n; j++) printf("  %12.12s", pl_moran_name(m, j));
        printf("\n");
        for (size_t i = 0; i < n; i++) {
            printf("%-*s", w, pl_moran_name(m, i));
            for (size_t j = 0; j < n; j++) {
                char cell[32] = "";
                double rho;
                if (i == j) snprintf(cell, sizeof cell, ".");
                else if (!v->graph_spec && !v->repro_spec && !pl_moran_exact_config(m, j, i, 1, N, cfg, &rho, NULL))
                    snprintf(cell, sizeof cell, "%c %.3f", pl_moran_invades(m, i, j) ? '+' : '-', rho * N);
                else snprintf(cell, sizeof cell, "%c", pl_moran_invades(m, i, j) ? '+' : '-');
                printf("  %12s", cell);
            }
            printf("\n");
        }
    }
    return EXIT_OK;
}

int cmd_moran(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) /* --game FILE.yaml: an N-party population (cmd_moran_nparty.c) */
        if ((!strcmp(argv[i], "--game") && i + 1 < argc && cli_is_scenario_path(argv[i + 1])) ||
            (!strncmp(argv[i], "--game=", 7) && cli_is_scenario_path(argv[i] + 7)))
            return cmd_moran_nparty(argc, argv);
    pl_match_config mc;
    pl_match_config_default(&mc);
    pl_moran_config cfg;
    pl_moran_config_default(&cfg);
    cfg.threads = cli_default_threads();
    cli_game game;
    cli_game_default(&game);
    const char *out_dir = NULL, *counts_text = NULL;
    pl_player_list players = {0};
    int turns_given = 0, gens_given = 0, samples = 100, mode = 0, as_json = 0, n_args;
    int *counts = NULL, fitness = 0, invasion = 0, directed = 0;
    const char *rates_text = NULL, *matrix_path = NULL, *graph_spec = NULL, *repro_spec = NULL;
    const char *grid_sizes = NULL, *grid_noise = NULL;
    cli_list grid_games = {0};
    const char *grid_mutation = NULL;
    double *qmatrix = NULL;
    pl_moran_graph graph = {0}, repro = {0};
    double rep_time = 0;
    pl_moran *m = NULL;
    cli_out out = {0};
    pl_error err;
    const cli_flag flags[] = {
        {"players", 'p', CLI_FLAG_PLAYERS, &players, "LIST", "the strategies (types), comma-separated, as for `parley tournament`"},
        {"counts", 0, CLI_FLAG_TEXT, &counts_text, "C,...", "how many individuals of each type start (default 1 each); '1,9' with\n"
         "--players tft,defector is one tit for tat mutant among nine defectors"},
        {"turns", 't', CLI_FLAG_INT, &mc.turns, "N", "turns per match (default 200); with --prob-end, the upper bound", 1, 1e8,
         &turns_given},
        CLI_ROW_NOISE(&mc.noise),
        {"prob-end", 0, CLI_FLAG_PROB, &mc.prob_end, "p", "each match ends after each turn with probability p"},
        CLI_ROW_GAME(&game),
        {"mode", 0, CLI_FLAG_CHOICE, &mode, "bd|db", "birth-death (default: a parent chosen by fitness, its offspring replaces\n"
         "anyone) or death-birth (one dies, the others compete for its place)"},
        {"selection", 0, CLI_FLAG_REAL, &cfg.selection, "w", "fitness = 1 - w + w * mean payoff a turn, 0 < w <= 1 (default 1, the\n"
         "reference library's rule); small w is weak selection", 0, 1},
        {"mutation", 0, CLI_FLAG_PROB, &cfg.mutation, "p", "an offspring becomes another of the types with probability p (default 0);\n"
         "then nothing fixes: one run of --generations is recorded instead"},
        {"mutation-rates", 0, CLI_FLAG_TEXT, &rates_text, "R1,...", "a mutation rate for each type: an offspring of type i becomes one\n"
         "of the others (uniformly) with probability Ri"},
        {"mutation-matrix", 0, CLI_FLAG_TEXT, &matrix_path, "FILE", "mutation by transition matrix: one line a type, the chances that its\n"
         "offspring is of each type (rows sum to 1; commas or spaces, '#' comments)"},
        {"fitness", 0, CLI_FLAG_CHOICE, &fitness, "linear|exp", "fitness from payoff: 1 - w + w * payoff (default) or exp(w * payoff)"},
        {"graph", 0, CLI_FLAG_TEXT, &graph_spec, "SPEC", "who meets whom: complete (default), cycle, star, or an edge list FILE (two\n"
         "individual numbers 0 .. N-1 a line; individuals numbered type by type in\n"
         "--counts order); payoff = the mean over one's neighbours"},
        {"reproduction-graph", 0, CLI_FLAG_TEXT, &repro_spec, "SPEC", "where offspring go (as --graph; default: the --graph with\n"
         "every individual also its own neighbour, the reference library's rule)"},
        {"directed", 0, CLI_FLAG_BOOL, &directed, NULL, "the graphs are directed: an edge list's lines go from -> to, cycle is\n"
         "i -> i + 1, star 0 -> every other (complete stays both ways); an\n"
         "offspring goes along the arcs from its parent (the reference's rule)"},
        {"invasion", 0, CLI_FLAG_BOOL, &invasion, NULL, "also print which type can invade which: in an infinite population (the\n"
         "payoffs' stability conditions) and, with deterministic pairs, the exact\n"
         "chance N x rho that one invader takes over N - 1 residents (> 1: favoured)"},
        {"grid-sizes", 0, CLI_FLAG_TEXT, &grid_sizes, "N1,...", "instead of one population: one mutant of the first player among\n"
         "N - 1 of the second for every size N, each a fixation estimate of --runs\n"
         "runs with its interval and exact value (grid.csv, a heat map)"},
        {"grid-noise", 0, CLI_FLAG_TEXT, &grid_noise, "p1,...", "with --grid-sizes, also over these noise levels (default --noise)"},
        {"grid-game", 0, CLI_FLAG_LIST, &grid_games, "R,S,T,P", "with --grid-sizes, also over games: repeat the flag, one game each\n"
         "(default --game); grid.csv gains a row for every game"},
        {"grid-mutation", 0, CLI_FLAG_TEXT, &grid_mutation, "u1,...", "with --grid-sizes, also over these mutation rates (each > 0):\n"
         "then every cell is the mutant type's mean share over --runs runs of\n"
         "--generations (default 1000), with its interval, not a fixation estimate"},
        {"runs", 'r', CLI_FLAG_COUNT, &cfg.runs, "R", "runs for the fixation estimate (default 1000)", 1, 1e12},
        {"generations", 0, CLI_FLAG_COUNT, &cfg.max_generations, "G", "a run that has not fixed after G generations stops (default 10000000;\n"
         "with --mutation, the length of the recorded run, default 1000)", 1, 1e12, &gens_given},
        {"samples", 0, CLI_FLAG_INT, &samples, "K", "match outcomes cached per pair of random strategies or noisy matches\n"
         "(default 100); each meeting draws one of them", 1, 1e6},
        {"replicator", 0, CLI_FLAG_REAL, &rep_time, "T", "also integrate the replicator equation (the infinite population) over the\n"
         "same payoffs from the starting shares for time T (RK4, step 0.01) and\n"
         "print the final shares; with --mutation, --mutation-rates or\n"
         "--mutation-matrix, the replicator-mutator equation", 0.01, 1e6},
        {"seed", 's', CLI_FLAG_SEED, &cfg.seed, "s", "random seed (default 0); same seed, same results, whatever --threads"},
        CLI_ROW_THREADS(&cfg.threads),
        {"out", 'o', CLI_FLAG_DIR, &out_dir, "DIR", "write fixation.csv, payoffs.csv, shares.csv (the counts of run 0, one row a\n"
         "generation), results.json and report.html (the charts) into DIR"},
        CLI_ROW_JSON(&as_json),
        {0}};
    const cli_command cmd = {"moran", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) goto done;
    rc = EXIT_USAGE;
    cfg.mode = mode == 1 ? PL_MORAN_DB : PL_MORAN_BD;
    mc.seed = cfg.seed;
    if (!(cfg.selection > 0)) {
        cli_usage_error("moran", "--selection: expected a number in (0, 1], got 0");
        goto done;
    }
    if (n_args > 0) {
        cli_usage_error("moran", "unexpected argument '%s' (see --help)", argv[1]);
        goto done;
    }
    if (players.n < 1) {
        cli_usage_error("moran", "--players: expected the strategies of the population, e.g. --players tft,defector");
        goto done;
    }
    counts = calloc(players.n, sizeof *counts);
    if (!counts) {
        fprintf(stderr, "parley moran: out of memory\n");
        rc = EXIT_ENV;
        goto done;
    }
    if (counts_text) {
        if (cli_moran_counts(counts_text, players.n, counts)) goto done;
    } else {
        for (size_t i = 0; i < players.n; i++) counts[i] = 1;
    }
    if (mc.prob_end > 0 && !turns_given) mc.turns = 0;
    cfg.fitness = fitness == 1 ? PL_MORAN_FIT_EXP : PL_MORAN_FIT_LINEAR;
    if ((rates_text || matrix_path) && cfg.mutation > 0) {
        cli_usage_error("moran", "--mutation with %s: give one way of mutation", rates_text ? "--mutation-rates" : "--mutation-matrix");
        goto done;
    }
    if (rates_text && matrix_path) {
        cli_usage_error("moran", "--mutation-rates with --mutation-matrix: give one of them");
        goto done;
    }
    if (rates_text || matrix_path) {
        size_t n = players.n;
        double *rates = calloc(n, sizeof *rates);
        qmatrix = calloc(n * n, sizeof *qmatrix);
        if (!rates || !qmatrix) {
            free(rates);
            fprintf(stderr, "parley moran: out of memory\n");
            rc = EXIT_ENV;
            goto done;
        }
        int bad = 0;
        if (rates_text) {
            const char *p = rates_text;
            for (size_t i = 0; i < n && !bad; i++) {
                size_t len = strcspn(p, ",");
                if ((p[len] == '\0') != (i + 1 == n)) {
                    cli_usage_error("moran", "--mutation-rates: expected %zu rates, one for each type", n);
                    bad = 1;
                    break;
                }
                char piece[64];
                snprintf(piece, sizeof piece, "%.*s", (int)(len < sizeof piece ? len : sizeof piece - 1), p);
                pl_error e;
                if (len >= sizeof piece || pl_parse_double(piece, 0, 1, &rates[i], &e)) {
                    cli_usage_error("moran", "--mutation-rates: rate %zu of %zu: %s", i + 1, n,
                                    len >= sizeof piece ? "expected a probability, got a longer text" : e.msg);
                    bad = 1;
                }
                p += len + 1;
            }
            if (!bad) pl_moran_rates_matrix(rates, n, qmatrix);
        } else if (pl_moran_matrix_read(matrix_path, n, qmatrix, &err)) {
            cli_usage_error("moran", "--mutation-matrix: %s", err.msg);
            rc = cli_exit_code(err.code);
            bad = 2;
        }
        free(rates);
        if (bad) goto done;
        cfg.mutation_matrix = qmatrix;
    }
    int mutating = pl_moran_mutates(&cfg, players.n);
    {
        int total = 0;
        for (size_t i = 0; i < players.n; i++) total += counts[i];
        const char *specs[2] = {graph_spec, repro_spec}, *flagnames[2] = {"--graph", "--reproduction-graph"};
        pl_moran_graph *gs[2] = {&graph, &repro};
        if (directed && !graph_spec && !repro_spec) {
            cli_usage_error("moran", "--directed: expected --graph or --reproduction-graph (the well-mixed population has no "
                                     "direction)");
            goto done;
        }
        for (int k = 0; k < 2; k++) {
            if (!specs[k]) continue;
            if (directed && total == 2 && !strcmp(specs[k], "cycle")) {
                cli_usage_error("moran", "--directed: %s cycle: a directed cycle needs at least 3 individuals, got 2",
                                flagnames[k]);
                goto done;
            }
            if (pl_moran_graph_make(specs[k], total, gs[k], &err)) {
                cli_usage_error("moran", "%s: %s", flagnames[k], err.msg);
                rc = cli_exit_code(err.code);
                goto done;
            }
            gs[k]->directed = directed && strcmp(specs[k], "complete") != 0;
        }
        if (graph_spec) cfg.interaction = &graph;
        if (repro_spec) cfg.reproduction = &repro;
    }
    if (mutating && !gens_given) cfg.max_generations = 1000;
    if (mutating && cfg.max_generations > 100000000) {
        cli_usage_error("moran", "--generations: with --mutation one run is recorded; expected at most 100000000, got %llu",
                        (unsigned long long)cfg.max_generations);
        goto done;
    }
    mc.game = &game.game;
    if ((grid_noise || grid_games.n || grid_mutation) && !grid_sizes) {
        cli_usage_error("moran", "%s needs --grid-sizes",
                        grid_noise ? "--grid-noise" : grid_games.n ? "--grid-game" : "--grid-mutation");
        goto done;
    }
    if (grid_sizes) {
        if (counts_text || rep_time > 0 || invasion || as_json) {
            cli_usage_error("moran", "--grid-sizes sets the populations and writes grid.csv: it takes no %s",
                            counts_text ? "--counts" : rep_time > 0 ? "--replicator" : invasion ? "--invasion" : "--json");
            goto done;
        }
        if ((rc = cli_out_begin(&out, "moran", out_dir, "grid.csv, report.html", NULL))) goto done;
        cli_phases grid_bar; /* a bar for each cell's fixation runs */
        cli_phases_init(&grid_bar, "moran", NULL);
        cfg.phase = cli_phases_phase, cfg.progress = cli_phases_progress, cfg.progress_user = &grid_bar;
        if (grid_mutation && !gens_given) cfg.max_generations = 1000;
        rc = run_grid(&players, mc, &cfg, samples, grid_sizes, grid_noise, &grid_games, &game, grid_mutation, &out, out_dir);
        cli_phases_finish(&grid_bar);
        goto done;
    }
    if ((rc = cli_out_begin(&out, "moran", out_dir, "CSV, results.json, report.html", as_json ? "results.json" : NULL))) goto done;
    rc = EXIT_USAGE;
    double t0 = cli_seconds();
    if (pl_moran_create(&m, (pl_strategy *const *)players.items, players.n, &mc, samples, cfg.threads, &err)) {
        rc = cli_lib_error("moran", &err);
        goto done;
    }
    double t1 = cli_seconds();
    moran_view view = {.mc = &mc, .rates_text = rates_text, .matrix_path = matrix_path, .graph_spec = graph_spec,
                       .repro_spec = repro_spec, .directed = directed, .rep_time = rep_time, .invasion = invasion,
                       .counts = counts};
    const cli_moran_writer wr = {.header = moran_header, .more = moran_more, .ctx = &view, .made = "outcomes cached"};
    pl_moran_meta meta = {.match = &mc, .game_text = game.text, .samples = samples, .counts = counts,
                          .interaction_text = graph_spec, .reproduction_text = repro_spec, .invasion = invasion,
                          .directed = directed};
    rc = cli_moran_report(m, counts, &cfg, &meta, &out, t0, t1, &wr);
done:
    cli_out_abort(&out);
    free(counts);
    free(qmatrix);
    pl_moran_graph_free(&graph);
    pl_moran_graph_free(&repro);
    pl_moran_free(m);
    pl_player_list_free(&players);
    return rc == EXIT_OK ? cli_finish("moran", rc) : rc;
}
