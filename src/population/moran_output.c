// SPDX-License-Identifier: MIT
/* moran_output.c — the Moran process's result files: fixation.csv, payoffs.csv, shares.csv,
 * results.json and report.html (moran_report.c) (parley/population.h, pl_moran_write).
 *
 * Written atomically through io/files.h, numbers through io/csv.h and jansson at a fixed
 * precision, so the same results are the same bytes; no timings, nothing that depends on the
 * number of threads. */
#include <jansson.h>
#include <math.h>

#include "core/alloc.h"
#include "io/csv.h"
#include "io/files.h"
#include "parley/population.h"
#include "population/moran_report.h"

/* What the files of a Moran process are written from. */
typedef struct moran_out {
    const pl_moran *m;
    const pl_moran_meta *meta;
    const pl_moran_fixation *f;
    const int *traj;
    uint64_t gens;
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
    pl_json_begin();
    json_t *root = json_object(), *par = json_object(), *types = json_array();
    json_object_set_new(par, "mode", json_string(cfg->mode == PL_MORAN_DB ? "db" : "bd"));
    json_object_set_new(par, "mutation", pl_json_num(cfg->mutation));
    json_object_set_new(par, "selection", pl_json_num(cfg->selection));
    json_object_set_new(par, "max_generations", pl_json_u64(cfg->max_generations));
    json_object_set_new(par, "runs", pl_json_u64(cfg->runs));
    json_object_set_new(par, "seed", pl_json_u64(cfg->seed));
    if (meta->match) {
        json_object_set_new(par, "turns", json_integer(meta->match->turns));
        json_object_set_new(par, "noise", pl_json_num(meta->match->noise));
        json_object_set_new(par, "prob_end", pl_json_num(meta->match->prob_end));
        json_object_set_new(par, "match_seed", pl_json_u64(meta->match->seed));
        json_object_set_new(par, "samples", json_integer(meta->samples));
    }
    if (meta->game_text) json_object_set_new(par, "game_RSTP", json_string(meta->game_text));
    json_object_set_new(par, "deterministic_payoffs", json_boolean(pl_moran_deterministic(m)));
    json_object_set_new(root, "parameters", par);
    for (size_t t = 0; t < n; t++) {
        json_t *o = json_object(), *row = json_array();
        json_object_set_new(o, "name", json_string(pl_moran_name(m, t)));
        json_object_set_new(o, "start", json_integer(meta->counts[t]));
        for (size_t s = 0; s < n; s++) json_array_append_new(row, pl_json_num(pl_moran_payoff(m, t, s)));
        json_object_set_new(o, "payoffs", row);
        if (f) {
            json_object_set_new(o, "fixed", pl_json_u64(f->fixed[t]));
            json_object_set_new(o, "p", pl_json_num(f->p[t]));
            json_object_set_new(o, "lo95", pl_json_num(f->lo[t]));
            json_object_set_new(o, "hi95", pl_json_num(f->hi[t]));
            json_object_set_new(o, "exact", pl_json_num(f->exact[t]));
        }
        if (traj) json_object_set_new(o, "final_count", json_integer(traj[gens * n + t]));
        json_array_append_new(types, o);
    }
    json_object_set_new(root, "types", types);
    if (f) {
        json_object_set_new(root, "unfixed", pl_json_u64(f->unfixed));
        json_object_set_new(root, "mean_generations", pl_json_num(f->mean_generations));
    }
    if (traj) json_object_set_new(root, "trajectory_generations", pl_json_u64(gens));
    int rc = pl_write_json_file(path, root, JSON_INDENT(1) | JSON_REAL_PRECISION(12), 1, err);
    json_decref(root);
    return rc;
}

int pl_moran_write(const pl_moran *m, const pl_moran_config *cfg, const pl_moran_meta *meta, const pl_moran_fixation *f,
                   const int *traj, uint64_t gens, const char *dir, pl_error *err)
{
    const moran_out x = {m, meta, f, traj, gens};
    int rc = PL_OK;
    if (f) rc = pl_outfile_write(dir, "fixation.csv", csv_fixation, &x, err);
    if (!rc) rc = pl_outfile_write(dir, "payoffs.csv", csv_payoffs, &x, err);
    if (!rc && traj) rc = pl_outfile_write(dir, "shares.csv", csv_shares, &x, err);
    for (int k = 0; k < 2 && !rc; k++) {
        char *path = pl_path_join(dir, k == 0 ? "results.json" : "report.html");
        if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory for a path");
        rc = k == 0 ? write_json(m, cfg, meta, f, traj, gens, path, err)
                    : pl_moran_write_report(m, cfg, meta, f, traj, gens, path, err);
        pl_free(path);
    }
    return rc;
}
