# SPDX-License-Identifier: MIT
"""_build.py — the cffi (API mode) builder of parley._parley, the C extension under the Python package.

The extension is compiled against the public headers (include/parley/*.h) and linked with the
static library libparley.a, so the installed package needs no libparley.so beside it.  The
declarations below are the part of the public C API the Python layer uses; in API mode the C
compiler checks every one of them against the real headers when the extension is built, so they
cannot drift silently.  Three small helpers (the `pyl_` functions) only route a summary the library
writes to a FILE * into memory: they use nothing but the public API.

Where the library comes from, first found:
  PARLEY_INCLUDE_DIR and PARLEY_LIBRARY (the path of a libparley.a), if set;
  the repository around this file: include/ and build/release/libparley.a (made with `make` when
  missing, as `pip install .` from a fresh clone needs).
"""
import os
import subprocess

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

CDEF = r"""
typedef enum pl_status { PL_OK = 0, PL_EINVAL = -1, PL_ENOMEM = -2, PL_EIO = -3, PL_ENOTFOUND = -4 } pl_status;
typedef enum pl_input { PL_INPUT_UNSAID = 0, PL_INPUT_SET = 1, PL_INPUT_RANGE = 2, PL_INPUT_COMPARE = 3,
                        PL_INPUT_GRID = 4, PL_INPUT_GRID_STEPS = 5 } pl_input;
typedef struct pl_error { pl_status code; char msg[1024]; pl_input input; } pl_error;
const char *pl_version(void);

typedef struct pl_game { int n_row, n_col; ...; } pl_game;
void pl_game_pd(pl_game *g, double R, double S, double T, double P);
int pl_game_check(const pl_game *g, pl_error *err);

typedef enum pl_param_kind { PL_PARAM_REAL, PL_PARAM_INT, PL_PARAM_ACTIONS } pl_param_kind;
typedef struct pl_param_info {
    const char *key; pl_param_kind kind; double def; const char *def_text; double lo, hi; const char *help;
} pl_param_info;
typedef struct pl_strategy_info {
    const char *id; const char *name; const char *axelrod_name; const char *family; const char *reference;
    int stochastic; int memory_depth; int uses_length; int uses_game; int n_params; const pl_param_info *params;
    const char *class_name; int long_run_time;
    int inspects_source, manipulates_source, manipulates_state;
    ...;
} pl_strategy_info;
typedef struct pl_strategy pl_strategy;
size_t pl_strategy_count(void);
const pl_strategy_info *pl_strategy_info_at(size_t i);
int pl_strategy_create(pl_strategy **out, const char *spec, pl_error *err);
void pl_strategy_free(pl_strategy *s);
const pl_strategy_info *pl_strategy_get_info(const pl_strategy *s);
const char *pl_strategy_label(const pl_strategy *s);
double pl_strategy_param(const pl_strategy *s, const char *key);
int pl_strategy_is_stochastic(const pl_strategy *s);
int pl_strategy_memory_depth(const pl_strategy *s);
size_t pl_reference_count(void);
const char *pl_reference_at(size_t i, const char **class_name, const char **id);

typedef struct pl_player_list { pl_strategy **items; size_t n, cap; } pl_player_list;
int pl_player_list_add(pl_player_list *l, const char *spec, pl_error *err);
void pl_player_list_free(pl_player_list *l);

typedef struct pl_match_config {
    int turns; double prob_end; double noise; const pl_game *game; uint64_t seed; uint64_t stream_a, stream_b;
} pl_match_config;
void pl_match_config_default(pl_match_config *cfg);
typedef struct pl_match_result pl_match_result;
int pl_match_play(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, pl_match_result **out,
                  pl_error *err);
void pl_match_result_free(pl_match_result *r);
int pl_match_result_turns(const pl_match_result *r);
double pl_match_result_score(const pl_match_result *r, int party);
void pl_match_result_actions(const pl_match_result *r, int party, char *buf);

typedef struct pl_tournament_config {
    int turns; int repetitions; double noise; double prob_end; const pl_game *game; uint64_t seed; int threads;
    int self_play; int batched; ...;
} pl_tournament_config;
void pl_tournament_config_default(pl_tournament_config *cfg);
typedef struct pl_tournament_result pl_tournament_result;
int pl_tournament_run(const pl_strategy *const *players, size_t n, const pl_tournament_config *cfg,
                      pl_tournament_result **out, pl_error *err);
void pl_tournament_result_free(pl_tournament_result *r);
size_t pl_tournament_result_players(const pl_tournament_result *r);
int pl_tournament_result_repetitions(const pl_tournament_result *r);
const char *pl_tournament_result_name(const pl_tournament_result *r, size_t player);
const size_t *pl_tournament_result_ranking(const pl_tournament_result *r);
double pl_tournament_result_normalised(const pl_tournament_result *r, size_t player, int rep);
double pl_tournament_result_median(const pl_tournament_result *r, size_t player);
double pl_tournament_result_mean(const pl_tournament_result *r, size_t player);
double pl_tournament_result_stddev(const pl_tournament_result *r, size_t player);
int pl_tournament_result_wins(const pl_tournament_result *r, size_t player, int rep);
double pl_tournament_result_score(const pl_tournament_result *r, size_t player, int rep);
uint64_t pl_tournament_result_pair_cooperation(const pl_tournament_result *r, size_t i, size_t j);
uint64_t pl_tournament_result_pair_turns(const pl_tournament_result *r, size_t i, size_t j);
double pl_tournament_result_payoff(const pl_tournament_result *r, size_t i, size_t j);
double pl_tournament_result_payoff_stddev(const pl_tournament_result *r, size_t i, size_t j);
double pl_tournament_result_cooperation(const pl_tournament_result *r, size_t player);
void pl_tournament_result_outcomes(const pl_tournament_result *r, size_t player, double out[4], double out_next_c[4],
                                   double *initial_c);
void pl_tournament_result_outcomes_others(const pl_tournament_result *r, size_t player, double out[4],
                                          double out_next_c[4], double *initial_c);
double pl_tournament_result_payoff_diff(const pl_tournament_result *r, size_t i, size_t j);
void pl_tournament_result_pair_states(const pl_tournament_result *r, size_t i, size_t j, uint64_t states[4],
                                      uint64_t to_c[4], uint64_t to_d[4]);
uint64_t pl_tournament_result_good_partner(const pl_tournament_result *r, size_t i, size_t j);
double pl_tournament_result_normalised_cooperation(const pl_tournament_result *r, size_t i, size_t j);
double pl_tournament_result_median_wins(const pl_tournament_result *r, size_t player);
double pl_tournament_result_cooperating_rating(const pl_tournament_result *r, size_t player);
double pl_tournament_result_initial_cooperation_rate(const pl_tournament_result *r, size_t player);
uint64_t pl_tournament_result_initial_cooperation_count(const pl_tournament_result *r, size_t player);
void pl_tournament_result_summary_rates(const pl_tournament_result *r, size_t player, double states[4],
                                        double to_c[4]);
double pl_tournament_result_good_partner_rating(const pl_tournament_result *r, size_t player);
double pl_tournament_result_eigenjesus(const pl_tournament_result *r, size_t player);
double pl_tournament_result_eigenmoses(const pl_tournament_result *r, size_t player);
uint64_t pl_tournament_result_matches(const pl_tournament_result *r);
uint64_t pl_tournament_result_turns(const pl_tournament_result *r);
typedef struct pl_tournament_meta { const pl_tournament_config *cfg; const char *game_text; } pl_tournament_meta;
int pl_tournament_write(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *dir, pl_error *err);
int pl_tournament_write_report(const pl_tournament_result *r, const pl_tournament_meta *meta, const char *path,
                               pl_error *err);

typedef struct pl_outdir pl_outdir;
int pl_outdir_open(pl_outdir **out, const char *dir, pl_error *err);
const char *pl_outdir_path(const pl_outdir *od);
int pl_outdir_commit(pl_outdir *od, pl_error *err);
void pl_outdir_abort(pl_outdir *od);
void pl_outdir_fix_error(const pl_outdir *od, pl_error *err);

typedef struct pl_run_options {
    uint64_t runs; uint64_t seed; int seed_given; int threads; const char *out_dir;
    int types_posterior; const char *const *sets; int n_sets; ...;
} pl_run_options;
void pl_run_options_default(pl_run_options *opt);
typedef struct pl_scenario pl_scenario;
int pl_scenario_open(pl_scenario **out, const char *path, pl_error *err);
int pl_scenario_find(const char *arg, char *path, size_t size, pl_error *err);
void pl_scenario_free(pl_scenario *s);
int pl_scenario_set(pl_scenario *s, const char *const *sets, int n, pl_error *err);
const char *pl_scenario_kind(const pl_scenario *s);

typedef struct pl_agreement pl_agreement;
int pl_agreement_load(pl_agreement **out, const char *path, pl_error *err);
int pl_agreement_load_set(pl_agreement **out, const char *path, const char *const *sets, int n_sets, pl_error *err);
void pl_agreement_free(pl_agreement *a);
int pl_agreement_has_record(const pl_agreement *a);
int pl_agreement_n_parties(const pl_agreement *a);
const char *pl_agreement_party_id(const pl_agreement *a, int i);
typedef struct pl_agreement_fit pl_agreement_fit;
typedef struct pl_agreement_fit_point { double rationality; double tremble; int patience; double discount; }
    pl_agreement_fit_point;
typedef struct pl_agreement_fit_config { uint64_t runs; uint64_t seed; int seed_given; int window; int threads; ...; }
    pl_agreement_fit_config;
void pl_agreement_fit_config_default(pl_agreement_fit_config *cfg);
int pl_agreement_fit_record(const pl_agreement *a, const pl_agreement_fit_config *cfg, pl_agreement_fit **out,
                            pl_error *err);
void pl_agreement_fit_free(pl_agreement_fit *f);
pl_agreement_fit_point pl_agreement_fit_best(const pl_agreement_fit *f);
double pl_agreement_fit_loglik(const pl_agreement_fit *f);
int pl_agreement_fit_write_json(const char *dir, const pl_agreement *a, const pl_agreement_fit *f, pl_error *err);

typedef struct pl_ngame pl_ngame;
typedef struct pl_nplayer pl_nplayer;
int pl_ngame_parties(const pl_ngame *g);
const char *pl_ngame_name(const pl_ngame *g);
int pl_nplayer_create(pl_nplayer **out, const char *spec, pl_error *err);
void pl_nplayer_free(pl_nplayer *p);
typedef struct pl_nmatch_config { int turns; double prob_end; double noise; double obs_noise; uint64_t seed; ...; }
    pl_nmatch_config;
void pl_nmatch_config_default(pl_nmatch_config *cfg);
typedef struct pl_nscenario pl_nscenario;
int pl_nscenario_load(pl_nscenario **out, const pl_scenario *s, pl_error *err);
void pl_nscenario_free(pl_nscenario *m);
typedef struct pl_nscenario_info {
    int periods; double noise, obs_noise; const pl_ngame *game; const pl_ngame *tournament_game; int tournament_turns;
    double tournament_noise; ...;
} pl_nscenario_info;
void pl_nscenario_get_info(const pl_nscenario *m, pl_nscenario_info *out);
int pl_nscenario_population_info(const pl_nscenario *m, pl_nscenario_info *out);

typedef enum pl_moran_mode { PL_MORAN_BD = 0, PL_MORAN_DB = 1 } pl_moran_mode;
#define PL_MORAN_MAX_POPULATION ...
typedef struct pl_moran pl_moran;
int pl_moran_create(pl_moran **out, pl_strategy *const *types, size_t n, const pl_match_config *cfg, int samples,
                    int threads, pl_error *err);
void pl_moran_free(pl_moran *m);
size_t pl_moran_types(const pl_moran *m);
const char *pl_moran_name(const pl_moran *m, size_t i);
double pl_moran_payoff(const pl_moran *m, size_t i, size_t j);
typedef enum pl_moran_fitness { PL_MORAN_FIT_LINEAR = 0, PL_MORAN_FIT_EXP = 1 } pl_moran_fitness;
typedef struct pl_moran_config {
    pl_moran_mode mode; double mutation; pl_moran_fitness fitness; double selection; uint64_t max_generations;
    uint64_t runs; uint64_t seed; int threads; ...;
} pl_moran_config;
void pl_moran_config_default(pl_moran_config *cfg);
int pl_moran_mutates(const pl_moran_config *cfg, size_t n);
int pl_moran_create_nparty(pl_moran **out, const pl_ngame *g, pl_nplayer *const *types, size_t n,
                           const pl_nmatch_config *cfg, int samples, int threads, pl_error *err);
typedef struct pl_moran_fixation {
    size_t n; uint64_t runs; uint64_t *fixed; uint64_t unfixed; double *p, *lo, *hi; double *exact;
    double mean_generations; ...;
} pl_moran_fixation;
int pl_moran_fixation_run(const pl_moran *m, const int *counts, const pl_moran_config *cfg, pl_moran_fixation **out,
                          pl_error *err);
void pl_moran_fixation_free(pl_moran_fixation *f);
int pl_moran_trajectory(const pl_moran *m, const int *counts, const pl_moran_config *cfg, int **out,
                        uint64_t *generations, pl_error *err);
typedef struct pl_moran_meta {
    const pl_match_config *match; const char *game_text; int samples; const int *counts;
    const pl_nmatch_config *nmatch; const char *nparty_game; int parties; const pl_scenario *nparty_scenario; ...;
} pl_moran_meta;
int pl_moran_write(const pl_moran *m, const pl_moran_config *cfg, const pl_moran_meta *meta,
                   const pl_moran_fixation *f, const int *traj, uint64_t gens, const char *dir, pl_error *err);

int pl_ecosystem_run(const double *payoff, const double *stddev, size_t n, const double *x0, uint64_t steps,
                     uint64_t seed, double *out, pl_error *err);
typedef struct pl_ecosystem_result {
    size_t n; const char *const *names; const double *payoff, *stddev, *shares; uint64_t steps, seed;
    int turns, repetitions; double noise; const char *game_text; ...;
} pl_ecosystem_result;
int pl_ecosystem_write(const pl_ecosystem_result *r, const char *dir, pl_error *err);

typedef struct pl_sensitivity_config {
    uint64_t runs; uint64_t seed; int seed_given; int threads; const char *const *sets; int n_sets;
    const char *const *ranges; int n_ranges; const char *compare; int bisect_steps; int sobol_n; uint64_t sobol_runs;
    int bootstrap; const char *grid; int grid_steps; const char *out_dir; ...;
} pl_sensitivity_config;
void pl_sensitivity_config_default(pl_sensitivity_config *cfg);

typedef struct pl_agreement_design_result pl_agreement_design_result;
typedef struct pl_agreement_design_config {
    uint64_t runs; uint64_t confirm_runs; uint64_t check_runs; int top; int exhaustive_max; int max_designs;
    uint64_t seed; int seed_given; int threads; int prior_only; ...;
} pl_agreement_design_config;
void pl_agreement_design_config_default(pl_agreement_design_config *cfg);
int pl_agreement_design_search(const pl_agreement *a, const pl_agreement_design_config *cfg,
                               pl_agreement_design_result **out, pl_error *err);
void pl_agreement_design_free(pl_agreement_design_result *r);
int pl_agreement_design_write(const char *dir, const pl_agreement *a, const pl_agreement_design_result *r,
                              pl_error *err);

void free(void *);

/* summaries the library writes to a stream, caught in memory (free the text with free()) */
int pyl_scenario_run(const pl_scenario *s, const pl_run_options *opt, char **text, pl_error *err);
int pyl_fit_print(const pl_agreement *a, const pl_agreement_fit *f, char **text);
int pyl_tournament_table(const pl_tournament_result *r, char **text);
int pyl_sensitivity_run(const char *path, const pl_sensitivity_config *cfg, char **text, pl_error *err);
int pyl_design_print(const pl_agreement *a, const pl_agreement_design_result *r, char **text);
"""

SOURCE = r"""
#include <stdio.h>
#include <stdlib.h>
#include <parley/parley.h>

static FILE *pyl_open(char **text, size_t *len) { *text = NULL; return open_memstream(text, len); }

static int pyl_scenario_run(const pl_scenario *s, const pl_run_options *opt, char **text, pl_error *err)
{
    size_t len;
    FILE *f = pyl_open(text, &len);
    if (!f) return pl_error_set(err, PL_ENOMEM, "out of memory for the summary");
    int rc = pl_scenario_run(s, opt, f, err);
    fclose(f);
    return rc;
}

static int pyl_fit_print(const pl_agreement *a, const pl_agreement_fit *fit, char **text)
{
    size_t len;
    FILE *f = pyl_open(text, &len);
    if (!f) return PL_ENOMEM;
    pl_agreement_fit_print(f, a, fit);
    fclose(f);
    return PL_OK;
}

static int pyl_sensitivity_run(const char *path, const pl_sensitivity_config *cfg, char **text, pl_error *err)
{
    size_t len;
    FILE *f = pyl_open(text, &len);
    if (!f) return pl_error_set(err, PL_ENOMEM, "out of memory for the summary");
    int rc = pl_sensitivity_run_file(path, cfg, f, err);
    fclose(f);
    return rc;
}

static int pyl_design_print(const pl_agreement *a, const pl_agreement_design_result *r, char **text)
{
    size_t len;
    FILE *f = pyl_open(text, &len);
    if (!f) return PL_ENOMEM;
    pl_agreement_design_print(f, a, r);
    fclose(f);
    return PL_OK;
}

static int pyl_tournament_table(const pl_tournament_result *r, char **text)
{
    size_t len;
    FILE *f = pyl_open(text, &len);
    if (!f) return PL_ENOMEM;
    pl_tournament_print_table(r, f);
    fclose(f);
    return PL_OK;
}
"""


def _library():
    inc = os.environ.get("PARLEY_INCLUDE_DIR")
    lib = os.environ.get("PARLEY_LIBRARY")
    if inc and lib:
        return inc, lib
    inc = os.path.join(REPO, "include")
    lib = os.path.join(REPO, "build", "release", "libparley.a")
    if not os.path.isfile(os.path.join(inc, "parley", "parley.h")):
        raise RuntimeError("parley: the C headers are not at %s; set PARLEY_INCLUDE_DIR and PARLEY_LIBRARY "
                           "(the folder holding parley/parley.h, and the path of libparley.a)" % inc)
    if not os.path.isfile(lib):
        subprocess.check_call(["make", "-C", REPO, "build/release/libparley.a"])
    return inc, lib


ffibuilder = FFI()
ffibuilder.cdef(CDEF)
_inc, _lib = _library()
ffibuilder.set_source(
    "parley._parley",
    SOURCE,
    include_dirs=[_inc],
    extra_objects=[_lib],
    # relink when the library or a header changes (setuptools looks only at the sources otherwise)
    depends=[_lib] + sorted(os.path.join(_inc, "parley", h) for h in os.listdir(os.path.join(_inc, "parley"))),
    libraries=["jansson", "yaml", "z", "m"],
    extra_compile_args=["-std=c11", "-D_GNU_SOURCE", "-pthread"],
    extra_link_args=["-pthread"],
)

if __name__ == "__main__":
    ffibuilder.compile(verbose=False)
