/* SPDX-License-Identifier: MIT */
/* cmd_sensitivity.c — `parley sensitivity SCENARIO.yaml`: flags in, the library's analyses
 * (parley/sensitivity.h) do the rest. */
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/progress.h"
#include "parley/outdir.h"
#include "parley/sensitivity.h"

static const char usage[] =
    "Usage: parley sensitivity SCENARIO.yaml [--range PATH=LO:HI]... [--set PATH=VALUE]...\n"
    "                          [--compare A,B] [--sobol N] [--grid R1,R2] [options]\n"
    "\n"
    "How the conclusions of a scenario move with its assumptions.  Each range is\n"
    "varied one at a time (the others at their values) on common random numbers:\n"
    "each design's success and the paired difference between two designs at both\n"
    "ends (a tornado), and the value at which their ranking flips (bisection).\n"
    "Optionally, Sobol indices over all ranges together and a two-way grid.\n"
    "Ranges come from the scenario's 'sensitivity: ranges:' list and from --range;\n"
    "a range may name a number the file leaves to its default, or one party's\n"
    "entry of a number written for all (behaviour.inertia.DPRK), as --set may.\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley sensitivity korea/six-party-2007 --runs 20000\n"
    "  parley sensitivity korea/six-party-2007 --sobol 64 --out results/\n"
    "  parley sensitivity korea/six-party-2007 --range 'steps.*.cost=x0.5:2' --runs 2000\n"
    "SCENARIO is a file, or the name of a shipped scenario (parley scenarios lists them).\n";

int cmd_sensitivity(int argc, char **argv)
{
    cli_list sets = {0}, ranges = {0};
    pl_sensitivity_config cfg;
    pl_sensitivity_config_default(&cfg);
    cfg.threads = cli_default_threads(), cfg.log = stderr;
    int as_json = 0, n_args;
    const cli_flag flags[] = {
        {"range", 0, CLI_FLAG_LIST, &ranges, "P=LO:HI", "vary the value at path P from LO to HI (repeatable);\n"
         "P,Q=xLO:HI scales every value paths P, Q name ('*' for every entry)\n"
         "by a factor from LO to HI, e.g. 'steps.*.cost,steps.*.flow.*=x0.5:2'"},
        {"set", 0, CLI_FLAG_LIST, &sets, "P=V", "change a value for the whole analysis (as parley run --set)"},
        {"compare", 0, CLI_FLAG_TEXT, &cfg.compare, "A,B", "the two designs compared (default: the two best at the baseline)"},
        {"bisect", 0, CLI_FLAG_INT, &cfg.bisect_steps, "N", "bisection steps for each break-even (default 8)", 1, 40},
        {"sobol", 0, CLI_FLAG_INT, &cfg.sobol_n, "N", "Sobol indices from N Latin hypercube rows (N x (ranges + 2) points)", 4, 100000},
        {"sobol-runs", 0, CLI_FLAG_COUNT, &cfg.sobol_runs, "N", "runs per Sobol point (default: runs / 10, at least 200)", 1, 1e9},
        {"bootstrap", 0, CLI_FLAG_INT, &cfg.bootstrap, "N", "resamples for the indices' intervals (default 500)", 10, 100000},
        {"grid", 0, CLI_FLAG_TEXT, &cfg.grid, "R1,R2", "a grid of two ranges (by name or number) -> which design is ahead"},
        {"grid-steps", 0, CLI_FLAG_INT, &cfg.grid_steps, "N", "points per side of the grid (default 7)", 2, 25},
        {"runs", 'r', CLI_FLAG_COUNT, &cfg.runs, "N", "runs per point (default: the scenario's)", 1, 1e9},
        {"seed", 's', CLI_FLAG_SEED, &cfg.seed, "s", "random seed (default: the scenario's)", .given = &cfg.seed_given},
        CLI_ROW_THREADS(&cfg.threads),
        {"out", 'o', CLI_FLAG_DIR, &cfg.out_dir, "DIR", "write sensitivity.csv, breakeven.csv, sobol.csv, grid.csv,\n"
         "sensitivity.json and sensitivity.html into DIR"},
        CLI_ROW_JSON(&as_json),
        {0}};
    const cli_command cmd = {"sensitivity", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    cfg.sets = sets.items, cfg.n_sets = sets.n, cfg.ranges = ranges.items, cfg.n_ranges = ranges.n;
    if (n_args != 1) return cli_usage_error("sensitivity", "expected one SCENARIO.yaml file (see --help)");
    char path[4096]; /* a file, or a shipped scenario's name */
    if ((rc = cli_scenario_find("sensitivity", argv[1], path, sizeof path))) return rc;
    pl_error err;
    /* the results directory is checked before anything is computed, and filled as a set */
    cli_out out;
    rc = cli_out_begin(&out, "sensitivity", cfg.out_dir, "CSV, sensitivity.json, sensitivity.html",
                       as_json ? "sensitivity.json" : NULL);
    if (rc) return rc;
    cfg.out_dir = cli_out_path(&out);
    /* one display over the analysis' parts (baseline, one at a time, break-even, Sobol, grid) */
    cli_phases bar;
    cli_phases_init(&bar, "sensitivity", NULL);
    cfg.phase = cli_phases_phase, cfg.progress = cli_phases_progress, cfg.progress_user = &bar;
    rc = pl_sensitivity_run_file(path, &cfg, stdout, &err);
    cli_phases_finish(&bar);
    return cli_out_end(&out, rc, &err);
}
