// SPDX-License-Identifier: MIT
/* nparty_run.c — `parley run` on an N-party scenario (kind: nparty): load, engine, writers.
 *
 * The runner named in parley/scenario_kinds.def: it reads the model (nparty_load.c), finds the
 * stage game's pure equilibria, runs every policy profile (nparty_simulate.c), then the
 * sensitivity sweep on the same streams and the tournament if the scenario has one, and hands
 * the results to the writers (nparty_output.c, nparty_report.c).  It prints only the summary,
 * to the stream it is handed; timings are the command's.  pl_eval_nparty is the same engine for the
 * sensitivity analyses (src/scenario/sensitivity.c): lasting restraint per profile, paired run by run. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "nparty/nparty_model.h"
#include "scenario/scenario.h"

int pl_run_nparty(const pl_ydoc *doc, const pl_run_options *opt, FILE *summary, pl_error *err)
{
    np_model m;
    int rc = np_model_load(doc, &m, err);
    if (rc) return rc;
    if (opt->seed_given) m.seed = opt->seed;
    if (opt->runs > 1000000000) {
        np_model_free(&m);
        return pl_error_set(err, PL_EINVAL, "runs: expected at most 1000000000, got %llu", (unsigned long long)opt->runs);
    }
    if (opt->runs > 0) m.runs = (long)opt->runs;
    np_results res;
    memset(&res, 0, sizeof res);
    res.nash_count = -1;
    res.depends_on = opt->depends_on;
    if (!rc && m.game) {
        pl_error e2;
        if (pl_ngame_pure_nash(m.game, &res.nash_count, res.nash_first, &e2)) res.nash_count = -1;
        uint64_t done = 0, total = (uint64_t)m.runs * (uint64_t)m.n_profiles;
        for (int k = 0; k < m.n_profiles && !rc; k++) rc = np_run_profile(&m, k, opt, &res.prof[k], &done, total, err);
        /* sensitivity: the same profiles and streams, one assumption changed, no shock pass; its
         * progress is a phase of its own (pl_run_options.phase) */
        uint64_t d2 = 0, total2 = (uint64_t)m.n_sens * (uint64_t)m.runs * (uint64_t)m.n_profiles;
        if (m.n_sens && !rc && opt->phase) opt->phase(opt->progress_user, "noise sweep");
        for (int v = 0; v < m.n_sens && !rc; v++) {
            np_model m2 = m;
            m2.shock_party = -1;
            if (!strcmp(m.sens_param, "noise")) m2.noise = m.sens_value[v];
            else m2.obs_noise = m.sens_value[v];
            for (int k = 0; k < m.n_profiles && !rc; k++) {
                np_profile_result pr;
                memset(&pr, 0, sizeof pr);
                rc = np_run_profile(&m2, k, opt, &pr, &d2, total2, err);
                if (!rc) {
                    res.sens_restraint[v][k] = (double)pr.restraint_runs / pr.runs;
                    res.sens_escalated[v][k] = pr.escalated_share;
                }
                pl_free(pr.coop_t);
                pl_free(pr.sample);
            }
        }
    }
    if (!rc && m.tour) {
        m.tour_cfg.threads = opt->threads < 1 ? 1 : opt->threads;
        m.tour_cfg.match.seed = m.seed;
        rc = pl_ntournament_run(m.tour_game, m.tour_players, m.tour_n_players, &m.tour_cfg, &res.tour, err);
        if (rc) { /* where in the file, keeping what went wrong (bad input, or out of memory) */
            char msg[PL_ERROR_MSG_MAX];
            snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
            rc = pl_yerr_code(doc, pl_ymap_get(doc->root, "tournament"), err, (pl_status)rc, "tournament: %s", msg);
        }
    }
    if (!rc && summary) np_print_summary(&m, &res, summary);
    if (!rc && opt->out_dir) rc = np_write_files(&m, &res, opt->out_dir, err);
    for (int k = 0; k < NP_MAX_PROFILES; k++) {
        pl_free(res.prof[k].coop_t);
        pl_free(res.prof[k].sample);
    }
    pl_ntournament_result_free(res.tour);
    np_model_free(&m);
    return rc;
}

int pl_read_nparty(const pl_ydoc *doc, pl_error *err)
{
    np_model m;
    int rc = np_model_load(doc, &m, err);
    if (!rc) np_model_free(&m);
    return rc;
}

/* The profiles' lasting restraint on common random numbers, paired run by run (the shock pass, the
 * noise sweep, the tournament and the writers are left out: they do not change it). */
int pl_eval_nparty(const pl_ydoc *doc, const pl_eval_config *ec, pl_eval_result *out, pl_error *err)
{
    np_model m;
    int rc = np_model_load(doc, &m, err);
    if (rc) return rc;
    if (ec->seed_given) m.seed = ec->seed;
    if (ec->runs) m.runs = (long)ec->runs;
    m.shock_party = -1;
    if (!m.game)
        rc = pl_error_set(err, PL_EINVAL, "%s: parley sensitivity needs parties and profiles (a scenario with only a "
                          "tournament has none)", m.path);
    else if (m.n_profiles > PL_EVAL_MAX_DESIGNS)
        rc = pl_error_set(err, PL_EINVAL, "%s: parley sensitivity compares at most %d profiles, the scenario has %d", m.path,
                          PL_EVAL_MAX_DESIGNS, m.n_profiles);
    unsigned char *lasting = rc ? NULL : pl_calloc((size_t)m.runs * (size_t)m.n_profiles, 1);
    if (!rc && !lasting) rc = pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_run_options opt;
    pl_run_options_default(&opt);
    opt.threads = ec->threads > 0 ? ec->threads : 1;
    if (!rc) {
        memset(out, 0, sizeof *out);
        out->n = m.n_profiles, out->runs = (uint64_t)m.runs, out->seed = m.seed;
        snprintf(out->measure, sizeof out->measure, "lasting %s", m.terms.coop);
        snprintf(out->item, sizeof out->item, "profile"), snprintf(out->items, sizeof out->items, "profiles");
    }
    for (int k = 0; k < m.n_profiles && !rc; k++) {
        np_profile_result pr;
        memset(&pr, 0, sizeof pr);
        pr.lasting_run = lasting + (size_t)k * (size_t)m.runs;
        uint64_t done = 0;
        rc = np_run_profile(&m, k, &opt, &pr, &done, 0, err);
        pl_free(pr.coop_t);
        pl_free(pr.sample);
        if (rc) break;
        snprintf(out->name[k], sizeof out->name[k], "%s", m.profile[k].id);
        out->success[k] = (uint64_t)pr.restraint_runs;
    }
    for (int d = 0; d < m.n_profiles && !rc; d++)
        for (int e = 0; e < m.n_profiles; e++) {
            const unsigned char *ld = lasting + (size_t)d * (size_t)m.runs, *le = lasting + (size_t)e * (size_t)m.runs;
            uint64_t only = 0;
            for (long r = 0; r < m.runs; r++) only += ld[r] && !le[r];
            out->only[d][e] = only;
        }
    pl_free(lasting);
    np_model_free(&m);
    return rc;
}
