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
#include "io/json_writer.h"
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
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    pl_jw w;
    pl_jw_init(&w, o.f, 1, 12);
    pl_jw_object(&w);
    pl_jw_key(&w, "parameters");
    pl_jw_object(&w);
    pl_jw_key_str(&w, "mode", cfg->mode == PL_MORAN_DB ? "db" : "bd");
    pl_jw_key_num(&w, "mutation", cfg->mutation);
    pl_jw_key_num(&w, "selection", cfg->selection);
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
    pl_jw_end(&w);
    fputc('\n', o.f);
    return pl_outfile_commit_json(&o, &w, err);
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
