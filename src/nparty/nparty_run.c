/* nparty_run.c — `parley run` on an N-party scenario (kind: nparty): load, engine, writers.
 *
 * The runner named in parley/scenario_kinds.def: it reads the model (nparty_load.c), finds the
 * stage game's pure equilibria, runs every policy profile (nparty_simulate.c), then the
 * sensitivity sweep on the same streams and the tournament if the scenario has one, and hands
 * the results to the writers (nparty_output.c, nparty_report.c).  It prints only the summary,
 * to the stream it is handed; timings are the command's. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "nparty/nparty_model.h"

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
    if (!rc && m.game) {
        pl_error e2;
        if (pl_ngame_pure_nash(m.game, &res.nash_count, res.nash_first, &e2)) res.nash_count = -1;
        uint64_t done = 0, total = (uint64_t)m.runs * (uint64_t)m.n_profiles;
        for (int k = 0; k < m.n_profiles && !rc; k++) rc = np_run_profile(&m, k, opt, &res.prof[k], &done, total, err);
        /* sensitivity: the same profiles and streams, one assumption changed, no shock pass */
        for (int v = 0; v < m.n_sens && !rc; v++) {
            np_model m2 = m;
            m2.shock_party = -1;
            if (!strcmp(m.sens_param, "noise")) m2.noise = m.sens_value[v];
            else m2.obs_noise = m.sens_value[v];
            for (int k = 0; k < m.n_profiles && !rc; k++) {
                np_profile_result pr;
                memset(&pr, 0, sizeof pr);
                uint64_t d2 = 0;
                pl_run_options o2 = *opt;
                o2.progress = NULL;
                rc = np_run_profile(&m2, k, &o2, &pr, &d2, 0, err);
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
