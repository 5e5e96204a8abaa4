// SPDX-License-Identifier: MIT
/* cmd_run.c — `parley run SCENARIO.yaml`: flags in, the scenario runner does the rest. */
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/progress.h"

static const char usage[] =
    "Usage: parley run SCENARIO.yaml [--runs N] [--seed s] [--threads k] [--out DIR] [--json]\n"
    "                  [--set PATH=VALUE]...\n"
    "\n"
    "Runs a scenario file of any kind (its top-level 'kind:' says which: an agreement\n"
    "to simulate and replay, an N-party game, a tournament) and prints a summary.\n"
    "\n";
static const char after[] =
    "\n"
    "The time goes to standard error, never into the results: the runs (a run is one design's\n"
    "or one policy profile's) with their rate, and the time in all, before the runs (where the\n"
    "scenario declares sensitivity ranges, the key findings' one-at-a-time pass) and after them\n"
    "(an agreement's incentive checks and replay of the record, the files).\n"
    "\n"
    "Examples:\n"
    "  parley run korea/six-party-2007\n"
    "  parley run korea/six-party-2007 -r 100000 -s 7 -o results/\n"
    "SCENARIO is a file, or the name of a shipped scenario (parley scenarios lists them).\n";

int cmd_run(int argc, char **argv)
{
    pl_run_options opt = {.threads = cli_default_threads()};
    cli_list sets = {0};
    int types = 0, as_json = 0, n_args;
    const cli_flag flags[] = {
        {"runs", 'r', CLI_FLAG_COUNT, &opt.runs, "N", "Monte Carlo runs (default: the scenario's own, else 10000)", 1, 1e9},
        {"seed", 's', CLI_FLAG_SEED, &opt.seed, "s",
         "random seed (default: the scenario's, else 1); the same seed gives\n"
         "byte-identical results whatever --threads is", .given = &opt.seed_given},
        CLI_ROW_THREADS(&opt.threads),
        {"out", 'o', CLI_FLAG_DIR, &opt.out_dir, "DIR", "write CSV and JSON results and report.html into DIR"},
        {"types", 0, CLI_FLAG_CHOICE, &types, "prior|posterior",
         "agreements: 'prior' (default) runs the scenario's types; 'posterior'\n"
         "first fits the record (as parley fit does) and runs every design under\n"
         "the posterior types and the fitted behaviour"},
        CLI_ROW_SET(&sets, "The summary and results.json\n"
                           "record every change"),
        CLI_ROW_JSON(&as_json),
        {0}};
    const cli_command cmd = {"run", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    opt.types_posterior = types == 1;
    opt.sets = sets.items, opt.n_sets = sets.n;
    if (n_args != 1) return cli_usage_error("run", "expected one SCENARIO.yaml file (see --help)");
    char path[4096]; /* a file, or a shipped scenario's name */
    if ((rc = cli_scenario_find("run", argv[1], path, sizeof path))) return rc;
    pl_error err;
    /* the results directory is checked and made before anything is computed, and filled as a set */
    cli_out out;
    rc = cli_out_begin(&out, "run", opt.out_dir, "CSV, results.json, report.html", as_json ? "results.json" : NULL);
    if (rc) return rc;
    opt.out_dir = cli_out_path(&out);
    /* one display over every phase (the key findings' sensitivity pass, the runs, the noise sweep);
     * the runs are timed for the rate the timing line gives */
    cli_phases bar;
    cli_phases_init(&bar, "run", "runs");
    opt.progress = cli_phases_progress, opt.phase = cli_phases_phase;
    opt.progress_user = &bar;
    pl_scenario *scn = NULL;
    rc = pl_scenario_open(&scn, path, &err);
    double t0 = cli_seconds();
    if (!rc) {
        if (opt.types_posterior)
            fprintf(stderr, "parley run: types are the posterior given the record (see parley fit %s)\n", path);
        rc = pl_scenario_run(scn, &opt, stdout, &err);
    }
    cli_phases_finish(&bar);
    double t1 = cli_seconds(), secs = bar.timed_t1 > bar.timed_t0 ? bar.timed_t1 - bar.timed_t0 : 0;
    pl_scenario_free(scn);
    if (!rc) { /* timings go to standard error, never into the results */
        fflush(stdout);
        /* the rest of the time: before the runs (the key findings' one-at-a-time pass), after them (the
         * incentive checks, the replay, the files) */
        double pre = bar.timed_t0 - t0, post = t1 - bar.timed_t1;
        if (bar.timed_total && secs > 0)
            fprintf(stderr, "parley run: %llu runs of a design or profile in %.3f s (%.0f runs/s, %d thread%s); %.3f s in all, "
                    "%.3f s before the runs and %.3f s after them\n",
                    (unsigned long long)bar.timed_total, secs, (double)bar.timed_total / secs, opt.threads,
                    opt.threads == 1 ? "" : "s", t1 - t0, pre > 0 ? pre : 0, post > 0 ? post : 0);
        else
            fprintf(stderr, "parley run: done in %.3f s (%d thread%s)\n", t1 - t0, opt.threads, opt.threads == 1 ? "" : "s");
    }
    return cli_out_end(&out, rc, &err);
}
