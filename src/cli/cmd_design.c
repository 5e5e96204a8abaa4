// SPDX-License-Identifier: MIT
/* cmd_design.c — `parley design SCENARIO.yaml`: search the sequencing designs an agreement allows.
 * A thin layer over pl_agreement_design_search (src/agreement/agreement_design.c). */
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/progress.h"

static const char usage[] =
    "Usage: parley design SCENARIO.yaml [--runs N] [--confirm N] [--check-runs N] [--top K]\n"
    "                     [--exhaustive-max L] [--max-designs N] [--prior-only] [--seed s]\n"
    "                     [--threads T] [--out DIR] [--json] [--set PATH=VALUE]...\n"
    "\n"
    "Searches the sequencing designs of an agreement for those that complete most often and\n"
    "are self-enforcing.  The scenario's 'design_search:' block names a base variant and the\n"
    "'requires' links that may change; a design is the base with each of those links on or\n"
    "off.  With at most L free links every design is tried; with more, a steepest-ascent\n"
    "local search over one-link changes from three starts (the base, every free link off,\n"
    "every free link on).  Each design is screened on the same runs (common random numbers)\n"
    "under the priors and, when the scenario has a dated record, under the fit's posterior\n"
    "types with the fitted behaviour ('parley fit'); its score is the smaller completion\n"
    "rate.  The K best designs and the shipped variants are then re-estimated on fresh runs,\n"
    "compared with the best shipped variant on the same runs (paired difference, 95%\n"
    "interval), and given the incentive checks (self-enforcing: no party gains by being\n"
    "another of its types, in every set of types).  Time taken goes to standard error.\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley design korea/six-party-2007\n"
    "  parley design korea/six-party-2007 --runs 5000 --confirm 20000 --out design/\n"
    "  parley design korea/six-party-2007 --set parties.DPRK.policy.opportunist.p=0.1\n"
    "      (the designs under another type probability; the others are rescaled)\n"
    "SCENARIO is a file, or the name of a shipped scenario (parley scenarios lists them).\n";

int cmd_design(int argc, char **argv)
{
    pl_agreement_design_config cfg;
    pl_agreement_design_config_default(&cfg);
    const char *out_dir = NULL;
    cli_list sets = {0};
    int as_json = 0, n_args;
    cfg.threads = cli_default_threads();
    const cli_flag flags[] = {
        {"runs", 'r', CLI_FLAG_COUNT, &cfg.runs, "N", "screening runs a design and set of types (default 2000)", 1, 1e8},
        {"confirm", 0, CLI_FLAG_COUNT, &cfg.confirm_runs, "N", "re-estimate runs, after the screen's (default 10000)", 1, 1e8},
        {"check-runs", 0, CLI_FLAG_COUNT, &cfg.check_runs, "N", "runs of each incentive check (default 2000)", 1, 1e8},
        {"top", 0, CLI_FLAG_INT, &cfg.top, "K", "designs of the search re-estimated and checked (default 8)", 1, 1000},
        {"exhaustive-max", 0, CLI_FLAG_INT, &cfg.exhaustive_max, "L",
         "free links up to which every design is tried (default 10, at most 16)", 0, 16},
        {"max-designs", 0, CLI_FLAG_INT, &cfg.max_designs, "N", "the local search's budget of designs screened (default 4000)",
         1, 1e6},
        {"prior-only", 0, CLI_FLAG_BOOL, &cfg.prior_only, NULL, "judge the designs under the priors only, even with a record"},
        {"seed", 's', CLI_FLAG_SEED, &cfg.seed, "s", "random seed (default: the scenario's)", .given = &cfg.seed_given},
        CLI_ROW_THREADS(&cfg.threads),
        {"out", 'o', CLI_FLAG_DIR, &out_dir, "DIR", "write DIR/designs.csv, DIR/screen.csv, DIR/results.json, DIR/report.html"},
        CLI_ROW_JSON(&as_json),
        CLI_ROW_SET(&sets, "The summary, results.json and\n"
                           "report.html record every change"),
        {0}};
    const cli_command cmd = {"design", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args != 1) return cli_usage_error("design", "expected one SCENARIO.yaml file (see --help)");
    char path[4096]; /* a file, or a shipped scenario's name */
    if ((rc = cli_scenario_find("design", argv[1], path, sizeof path))) return rc;
    pl_error err;
    pl_agreement *a;
    if (pl_agreement_load_set(&a, path, sets.items, sets.n, &err)) return cli_lib_error("design", &err);
    if (!pl_agreement_has_design_space(a)) {
        fprintf(stderr,
                "parley design: %s: the scenario declares no 'design_search:' block (a base variant and the 'requires' "
                "links the search may change; see docs/agreements.md)\n",
                path);
        pl_agreement_free(a);
        return EXIT_USAGE;
    }
    cli_out out;
    if ((rc = cli_out_begin(&out, "design", out_dir, "designs.csv, screen.csv, results.json, report.html",
                            as_json ? "results.json" : NULL))) {
        pl_agreement_free(a);
        return rc;
    }
    double t0 = cli_seconds();
    pl_agreement_design_result *r = NULL;
    cli_phases bar; /* a bar for the screen and for the re-estimate, on a terminal only */
    cli_phases_init(&bar, "design", NULL);
    cfg.phase = cli_phases_phase, cfg.progress = cli_phases_progress, cfg.progress_user = &bar;
    rc = pl_agreement_design_search(a, &cfg, &r, &err);
    cli_phases_finish(&bar);
    if (!rc) {
        fprintf(stderr, "parley design: searched in %.2f s on %d thread%s\n", cli_seconds() - t0, cfg.threads,
                cfg.threads == 1 ? "" : "s");
        pl_agreement_design_print(stdout, a, r);
        fflush(stdout);
        if (cli_out_path(&out)) rc = pl_agreement_design_write(cli_out_path(&out), a, r, &err);
    }
    int code = cli_out_end(&out, rc, &err);
    pl_agreement_design_free(r);
    pl_agreement_free(a);
    return code;
}
