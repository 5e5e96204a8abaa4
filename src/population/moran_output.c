// SPDX-License-Identifier: MIT
/* moran_output.c — the Moran process's result files: fixation.csv, payoffs.csv, shares.csv,
 * results.json and report.html (moran_report.c) (parley/population.h, pl_moran_write).
 *
 * Written atomically through io/files.h, numbers through io/csv.h and io/json_writer.h at a fixed
 * precision, so the same results are the same bytes; no timings, nothing that depends on the
 * number of threads. */
#include <math.h>

#include "core/alloc.h"
#include "io/csv.h"
#include "io/files.h"
#include <jansson.h>

#include "io/json_writer.h"
#include "scenario/overrides.h"
#include "scenario/scenario.h"
#include "parley/population.h"
#include "population/moran_report.h"

/* What the files of a Moran process are written from. */
typedef struct moran_out {
    const pl_moran *m;
    const pl_moran_meta *meta;
    const pl_moran_fixation *f;
    const int *traj;
    uint64_t gens;
    const pl_moran_config *cfg;
} moran_out;

static void csv_fixation(FILE *out, const void *ctx)
{
    const moran_out *x = ctx;
    const pl_moran_fixation *f = x->f;
    fputs("type,start,fixed,p,lo95,hi95,exact\n", out);
    for (size_t t = 0; t < f->n; t++)
        pl_csv_row(out, "sdugggg\n", pl_moran_name(x->m, t), x->meta->counts[t], f->fixed[t], f->p[t], f->lo[t], f->hi[t],
                   f->exact[t]);
}

static const char *type_name(const void *m, size_t i) { return pl_moran_name(m, i); }
static double type_payoff(const void *m, size_t i, size_t j) { return pl_moran_payoff(m, i, j); }
static void csv_payoffs(FILE *out, const void *ctx)
{
    const pl_moran *m = ((const moran_out *)ctx)->m;
    pl_csv_square(out, "type", pl_moran_types(m), type_name, type_payoff, m);
}

/* Every invader against every resident: the payoffs that decide it, whether it invades an infinite
 * population, and the exact chance that one of it takes over N - 1 residents (when there is one). */
static void csv_invasion(FILE *out, const void *ctx)
{
    const moran_out *x = ctx;
    const pl_moran *m = x->m;
    size_t n = pl_moran_types(m);
    int N = 0;
    for (size_t t = 0; t < n; t++) N += x->meta->counts[t];
    fputs("resident,invader,invader_vs_resident,resident_vs_resident,invades,rho,rho_times_N\n", out);
    for (size_t r = 0; r < n; r++)
        for (size_t i = 0; i < n; i++) {
            if (i == r) continue;
            double rho = NAN;
            if (x->cfg && !x->cfg->interaction && !x->cfg->reproduction &&
                pl_moran_exact_config(m, i, r, 1, N, x->cfg, &rho, NULL))
                rho = NAN;
            pl_csv_row(out, "ssggdgg\n", pl_moran_name(m, r), pl_moran_name(m, i), pl_moran_payoff(m, i, r),
                       pl_moran_payoff(m, r, r), pl_moran_invades(m, r, i), rho, rho * N);
        }
}

static void csv_shares(FILE *out, const void *ctx)
{
    const moran_out *x = ctx;
    size_t n = pl_moran_types(x->m);
    fputs("generation", out);
    for (size_t s = 0; s < n; s++) pl_csv_row(out, "+s", pl_moran_name(x->m, s));
    fputc('\n', out);
    for (uint64_t g = 0; g <= x->gens; g++) {
        pl_csv_row(out, "u", g);
        for (size_t s = 0; s < n; s++) pl_csv_row(out, "+d", x->traj[g * n + s]);
        fputc('\n', out);
    }
}

static int write_json(const pl_moran *m, const pl_moran_config *cfg, const pl_moran_meta *meta,
                      const pl_moran_fixation *f, const int *traj, uint64_t gens, const char *path, pl_error *err)
{
    size_t n = pl_moran_types(m);
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    pl_jw w;
    pl_jw_init(&w, o.f, 1, PL_JW_SHORTEST);
    pl_jw_object(&w);
    pl_jw_key(&w, "parameters");
    pl_jw_object(&w);
    pl_jw_key_str(&w, "mode", cfg->mode == PL_MORAN_DB ? "db" : "bd");
    pl_jw_key_num(&w, "mutation", cfg->mutation);
    if (cfg->mutation_matrix) {
        pl_jw_key(&w, "mutation_matrix");
        pl_jw_array(&w);
        for (size_t i = 0; i < n * n; i++) pl_jw_num(&w, cfg->mutation_matrix[i]);
        pl_jw_end(&w);
    }
    pl_jw_key_str(&w, "fitness", cfg->fitness == PL_MORAN_FIT_EXP ? "exp" : "linear");
    pl_jw_key_num(&w, "selection", cfg->selection);
    pl_jw_key_str(&w, "interaction_graph", meta->interaction_text ? meta->interaction_text : "complete");
    pl_jw_key_str(&w, "reproduction_graph", meta->reproduction_text ? meta->reproduction_text
                                                                      : "the interaction graph with loops");
    pl_jw_key_bool(&w, "directed", meta->directed);
    pl_jw_key_u64(&w, "max_generations", cfg->max_generations);
    pl_jw_key_u64(&w, "runs", cfg->runs);
    pl_jw_key_u64(&w, "seed", cfg->seed);
    if (meta->match) {
        pl_jw_key_int(&w, "turns", meta->match->turns);
        pl_jw_key_num(&w, "noise", meta->match->noise);
        pl_jw_key_num(&w, "prob_end", meta->match->prob_end);
        pl_jw_key_u64(&w, "match_seed", meta->match->seed);
        pl_jw_key_int(&w, "samples", meta->samples);
    }
    if (meta->game_text) pl_jw_key_str(&w, "game_RSTP", meta->game_text);
    if (meta->nmatch) { /* an N-party population */
        pl_jw_key_str(&w, "nparty_game", meta->nparty_game ? meta->nparty_game : "");
        pl_jw_key_int(&w, "parties", meta->parties);
        pl_jw_key_int(&w, "turns", meta->nmatch->turns);
        pl_jw_key_num(&w, "noise", meta->nmatch->noise);
        pl_jw_key_num(&w, "observation_noise", meta->nmatch->obs_noise);
        pl_jw_key_u64(&w, "match_seed", meta->nmatch->seed);
        pl_jw_key_int(&w, "samples", meta->samples);
    }
    pl_jw_key_bool(&w, "deterministic_payoffs", pl_moran_deterministic(m));
    pl_jw_end(&w);
    pl_jw_key(&w, "types");
    pl_jw_array(&w);
    for (size_t t = 0; t < n; t++) {
        pl_jw_object(&w);
        pl_jw_key_str(&w, "name", pl_moran_name(m, t));
        pl_jw_key_int(&w, "start", meta->counts[t]);
        pl_jw_key(&w, "payoffs");
        pl_jw_array(&w);
        for (size_t s = 0; s < n; s++) pl_jw_num(&w, pl_moran_payoff(m, t, s));
        pl_jw_end(&w);
        if (f) {
            pl_jw_key_u64(&w, "fixed", f->fixed[t]);
            pl_jw_key_num(&w, "p", f->p[t]);
            pl_jw_key_num(&w, "lo95", f->lo[t]);
            pl_jw_key_num(&w, "hi95", f->hi[t]);
            pl_jw_key_num(&w, "exact", f->exact[t]);
        }
        if (traj) pl_jw_key_int(&w, "final_count", traj[gens * n + t]);
        pl_jw_end(&w);
    }
    pl_jw_end(&w);
    if (f) {
        pl_jw_key_u64(&w, "unfixed", f->unfixed);
        pl_jw_key_num(&w, "mean_generations", f->mean_generations);
    }
    if (traj) pl_jw_key_u64(&w, "trajectory_generations", gens);
    const pl_overrides *log = meta->nparty_scenario ? pl_scenario_overrides(meta->nparty_scenario) : NULL;
    if (log && log->n) { /* what --set changed in the game's file, as in parley run's results.json */
        json_t *j = pl_overrides_json(log);
        pl_jw_key(&w, "overrides");
        pl_jw_tree(&w, j);
        json_decref(j);
    }
    pl_jw_end(&w);
    fputc('\n', o.f);
    return pl_outfile_commit_json(&o, &w, err);
}

int pl_moran_write(const pl_moran *m, const pl_moran_config *cfg, const pl_moran_meta *meta, const pl_moran_fixation *f,
                   const int *traj, uint64_t gens, const char *dir, pl_error *err)
{
    const moran_out x = {m, meta, f, traj, gens, cfg};
    int rc = PL_OK;
    if (f) rc = pl_outfile_write(dir, "fixation.csv", csv_fixation, &x, err);
    if (!rc) rc = pl_outfile_write(dir, "payoffs.csv", csv_payoffs, &x, err);
    if (!rc && traj) rc = pl_outfile_write(dir, "shares.csv", csv_shares, &x, err);
    if (!rc && meta->invasion) rc = pl_outfile_write(dir, "invasion.csv", csv_invasion, &x, err);
    for (int k = 0; k < 2 && !rc; k++) {
        char *path = pl_path_join(dir, k == 0 ? "results.json" : "report.html");
        if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory for a path");
        rc = k == 0 ? write_json(m, cfg, meta, f, traj, gens, path, err)
                    : pl_moran_write_report(m, cfg, meta, f, traj, gens, path, err);
        pl_free(path);
    }
    return rc;
}
