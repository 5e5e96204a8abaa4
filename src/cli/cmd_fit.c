// SPDX-License-Identifier: MIT
/* cmd_fit.c — `parley fit SCENARIO.yaml`: which behaviour the dated record supports. */
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/progress.h"

static const char usage[] =
    "Usage: parley fit SCENARIO.yaml [--runs N] [--seed s] [--window W] [--threads k] [--compare] [--out DIR]\n"
    "                         [--json] [--set PATH=VALUE]...\n"
    "\n"
    "Fits the behaviour of an agreement's parties to the scenario's dated record: the\n"
    "likelihood of every recorded decision (to start a step or not, to keep it or withdraw\n"
    "it) under each party's types and over a grid of behaviour parameters (rationality of\n"
    "the logit choice, or the rule with a tremble; tremble; patience; discount from 0),\n"
    "whose best point is then refined (golden-section search, and patience over the\n"
    "whole periods between its grid neighbours).  Prints the maximum-likelihood\n"
    "parameters (refined, the grid's best beside them) with their profile\n"
    "likelihoods, the posterior over each party's type beside its prior, the\n"
    "most probable type profiles, and a posterior-predictive check: how often the\n"
    "record's milestones (each step's first completion and first withdrawal) recur\n"
    "within W periods of their dates when the agreement is simulated with the fit.\n"
    "Steps the record never mentions are summed out, not taken as undone.  Time taken\n"
    "goes to standard error.\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley fit korea/six-party-2007\n"
    "  parley fit korea/agreed-framework-1994 --compare --runs 20000\n"
    "  parley fit korea/agreed-framework-1994 --set steps.AF-US-2.paid=as_delivered\n"
    "      (the KEDO fuel oil paid for as it is delivered, without editing the file)\n"
    "SCENARIO is a file, or the name of a shipped scenario (parley scenarios lists them).\n";

static int compare(pl_agreement *a, const pl_agreement_fit *fit, uint64_t runs, uint64_t seed, int threads, pl_error *err)
{
    pl_agreement_sim_config cfg;
    pl_agreement_sim_config_default(&cfg);
    cfg.runs = runs, cfg.seed = seed, cfg.threads = threads;
    pl_agreement_result *prior = NULL, *post = NULL;
    int rc = pl_agreement_simulate(a, &cfg, &prior, err);
    if (rc) return rc;
    pl_agreement_apply_fit(a, fit);
    rc = pl_agreement_simulate(a, &cfg, &post, err);
    if (!rc) {
        printf("\nDesigns under the priors (scenario's behaviour) and under the posterior (fitted behaviour), %llu runs each\n",
               (unsigned long long)runs);
        printf("  %-26s %-22s %-22s\n", "variant", "complete (prior)", "complete (posterior)");
        for (int v = 0; v < pl_agreement_n_variants(a); v++) {
            pl_interval x = pl_agreement_result_p_complete(prior, v), y = pl_agreement_result_p_complete(post, v);
            char c1[40], c2[40];
            snprintf(c1, sizeof c1, "%.1f%% [%.1f, %.1f]", 100 * x.est, 100 * x.lo, 100 * x.hi);
            snprintf(c2, sizeof c2, "%.1f%% [%.1f, %.1f]", 100 * y.est, 100 * y.lo, 100 * y.hi);
            printf("  %-26s %-22s %-22s\n", pl_agreement_variant_id(a, v), c1, c2);
        }
    }
    pl_agreement_result_free(prior);
    pl_agreement_result_free(post);
    return rc;
}

int cmd_fit(int argc, char **argv)
{
    pl_agreement_fit_config cfg;
    pl_agreement_fit_config_default(&cfg);
    cfg.threads = cli_default_threads();
    const char *out_dir = NULL;
    cli_list sets = {0};
    int do_compare = 0, runs_given = 0, as_json = 0, n_args;
    const cli_flag flags[] = {
        {"runs", 'r', CLI_FLAG_COUNT, &cfg.runs, "N", "predictive runs (default 5000; with --compare, runs per design)", 1, 1e9,
         &runs_given},
        {"seed", 's', CLI_FLAG_SEED, &cfg.seed, "s", "random seed (default: the scenario's)", .given = &cfg.seed_given},
        {"window", 0, CLI_FLAG_INT, &cfg.window, "W", "periods either side of a recorded date that count (default 3)", 0, 1000},
        CLI_ROW_THREADS(&cfg.threads),
        {"compare", 0, CLI_FLAG_BOOL, &do_compare, NULL, "also run every design under the priors and under the posterior\n"
         "types with the fitted behaviour, side by side"},
        {"out", 'o', CLI_FLAG_DIR, &out_dir, "DIR", "write DIR/fit.json"},
        CLI_ROW_JSON(&as_json),
        CLI_ROW_SET(&sets, "The summary and fit.json record\n"
                           "every change"),
        {0}};
    const cli_command cmd = {"fit", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args != 1) return cli_usage_error("fit", "expected one SCENARIO.yaml file (see --help)");
    if (do_compare && as_json) /* the comparison is a table, not part of fit.json */
        return cli_usage_error("fit", "--compare prints a table that fit.json does not hold: give --json or --compare, "
                                      "not both");
    pl_error err;
    pl_agreement *a;
    char path[4096];
    if ((rc = cli_scenario_find("fit", argv[1], path, sizeof path))) return rc;
    rc = pl_agreement_load_set(&a, path, sets.items, sets.n, &err);
    if (rc) return cli_lib_error("fit", &err);
    if (!pl_agreement_has_record(a)) {
        fprintf(stderr, "parley fit: %s: the scenario has no 'record:' to fit\n", path);
        pl_agreement_free(a);
        return EXIT_USAGE;
    }
    cli_out out;
    if ((rc = cli_out_begin(&out, "fit", out_dir, "fit.json", as_json ? "fit.json" : NULL))) {
        pl_agreement_free(a);
        return rc;
    }
    double t0 = cli_seconds();
    pl_agreement_fit *fit = NULL;
    cli_phases bar; /* a bar for the grid and for the check, on a terminal only */
    cli_phases_init(&bar, "fit", NULL);
    cfg.phase = cli_phases_phase, cfg.progress = cli_phases_progress, cfg.progress_user = &bar;
    rc = pl_agreement_fit_record(a, &cfg, &fit, &err);
    cli_phases_finish(&bar);
    cfg.phase = NULL, cfg.progress = NULL, cfg.progress_user = NULL; /* the bar is gone */
    double t1 = cli_seconds();
    if (!rc) {
        fprintf(stderr, "parley fit: fitted in %.2f s (likelihood and predictive check, %d thread%s)\n", t1 - t0,
                cfg.threads, cfg.threads == 1 ? "" : "s");
        pl_agreement_fit_print(stdout, a, fit);
        if (cli_out_path(&out)) rc = pl_agreement_fit_write_json(cli_out_path(&out), a, fit, &err);
    }
    int code = cli_out_end(&out, rc, &err);
    if (!code && do_compare) {
        rc = compare(a, fit, runs_given ? cfg.runs : 20000, cfg.seed_given ? cfg.seed : pl_agreement_seed(a), cfg.threads, &err);
        fflush(stdout);
        if (rc) code = cli_lib_error("fit", &err);
    }
    pl_agreement_fit_free(fit);
    pl_agreement_free(a);
    return code;
}
