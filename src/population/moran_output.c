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

static int write_fixation(const pl_moran *m, const pl_moran_meta *meta, const pl_moran_fixation *f, const char *path,
                          pl_error *err)
{
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    fputs("type,start,fixed,p,lo95,hi95,exact\n", o.f);
    for (size_t t = 0; t < f->n; t++) {
        pl_csv_text(o.f, pl_moran_name(m, t));
        fprintf(o.f, ",%d,%llu,", meta->counts[t], (unsigned long long)f->fixed[t]);
        pl_csv_num(o.f, f->p[t]);
        fputc(',', o.f);
        pl_csv_num(o.f, f->lo[t]);
        fputc(',', o.f);
        pl_csv_num(o.f, f->hi[t]);
        fputc(',', o.f);
        if (!isnan(f->exact[t])) pl_csv_num(o.f, f->exact[t]);
        fputc('\n', o.f);
    }
    return pl_outfile_commit(&o, err);
}

static const char *type_name(const void *m, size_t i) { return pl_moran_name(m, i); }
static double type_payoff(const void *m, size_t i, size_t j) { return pl_moran_payoff(m, i, j); }

static int write_payoffs(const pl_moran *m, const char *path, pl_error *err)
{
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    pl_csv_square(o.f, "type", pl_moran_types(m), type_name, type_payoff, m);
    return pl_outfile_commit(&o, err);
}

static int write_shares(const pl_moran *m, const int *traj, uint64_t gens, const char *path, pl_error *err)
{
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    size_t n = pl_moran_types(m);
    fputs("generation", o.f);
    for (size_t s = 0; s < n; s++) {
        fputc(',', o.f);
        pl_csv_text(o.f, pl_moran_name(m, s));
    }
    fputc('\n', o.f);
    for (uint64_t g = 0; g <= gens; g++) {
        fprintf(o.f, "%llu", (unsigned long long)g);
        for (size_t s = 0; s < n; s++) fprintf(o.f, ",%d", traj[g * n + s]);
        fputc('\n', o.f);
    }
    return pl_outfile_commit(&o, err);
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
    static const char *names[] = {"fixation.csv", "payoffs.csv", "shares.csv", "results.json", "report.html"};
    int rc = PL_OK;
    for (int k = 0; k < 5 && !rc; k++) {
        if ((k == 0 && !f) || (k == 2 && !traj)) continue;
        char *path = pl_path_join(dir, names[k]);
        if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory for a path");
        switch (k) {
        case 0: rc = write_fixation(m, meta, f, path, err); break;
        case 1: rc = write_payoffs(m, path, err); break;
        case 2: rc = write_shares(m, traj, gens, path, err); break;
        case 3: rc = write_json(m, cfg, meta, f, traj, gens, path, err); break;
        default: rc = pl_moran_write_report(m, cfg, meta, f, traj, gens, path, err); break;
        }
        pl_free(path);
    }
    return rc;
}
