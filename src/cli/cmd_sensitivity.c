/* SPDX-License-Identifier: MIT */
/* cmd_sensitivity.c — `parley sensitivity SCENARIO.yaml`: flags in, the library's analyses
 * (parley/sensitivity.h) do the rest. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"
#include "parley/outdir.h"
#include "parley/sensitivity.h"

static const char help[] =
    "Usage: parley sensitivity SCENARIO.yaml [--range PATH=LO:HI]... [--set PATH=VALUE]...\n"
    "                          [--compare A,B] [--sobol N] [--grid R1,R2] [options]\n"
    "\n"
    "How the conclusions of a scenario move with its assumptions.  Each range is\n"
    "varied one at a time (the others at their values) on common random numbers:\n"
    "each design's success and the paired difference between two designs at both\n"
    "ends (a tornado), and the value at which their ranking flips (bisection).\n"
    "Optionally, Sobol indices over all ranges together and a two-way grid.\n"
    "Ranges come from the scenario's 'sensitivity: ranges:' list and from --range.\n"
    "\n"
    "  --range P=LO:HI     vary the value at path P from LO to HI (repeatable)\n"
    "  --range P,Q=xLO:HI  scale every value paths P, Q name ('*' for every entry) by\n"
    "                      a factor from LO to HI, e.g. 'steps.*.cost,steps.*.flow.*=x0.5:2'\n"
    "  --set P=V           change a value for the whole analysis (as parley run --set)\n"
    "  --compare A,B       the two designs compared (default: the two best at the baseline)\n"
    "  --bisect N          bisection steps for each break-even (default 8)\n"
    "  --sobol N           Sobol indices from N Latin hypercube rows (N x (ranges + 2) points)\n"
    "  --sobol-runs N      runs per Sobol point (default: runs / 10, at least 200)\n"
    "  --bootstrap N       resamples for the indices' intervals (default 500)\n"
    "  --grid R1,R2        a grid of two ranges (by name or number) -> which design is ahead\n"
    "  --grid-steps N      points per side of the grid (default 7)\n"
    "  --runs N            runs per point (default: the scenario's)\n"
    "  --seed s            random seed (default: the scenario's)\n"
    "  --threads k         worker threads (default: every core); results do not depend on it\n"
    "  --out DIR           write sensitivity.csv, breakeven.csv, sobol.csv, grid.csv,\n"
    "                      sensitivity.json and sensitivity.html into DIR\n"
    "\n"
    "Examples:\n"
    "  parley sensitivity scenarios/korea/six-party-2007.yaml --runs 20000\n"
    "  parley sensitivity scenarios/korea/six-party-2007.yaml --sobol 64 --out results/\n"
    "  parley sensitivity FILE.yaml --range parties.A.policy.all_first.p=0:0.6 --grid 1,2\n";

int cmd_sensitivity(int argc, char **argv)
{
    static const struct option opts[] = {
        {"range", required_argument, 0, 'R'},   {"set", required_argument, 0, 'S'},
        {"compare", required_argument, 0, 'c'}, {"bisect", required_argument, 0, 'b'},
        {"sobol", required_argument, 0, 'n'},   {"sobol-runs", required_argument, 0, 'N'},
        {"bootstrap", required_argument, 0, 'B'}, {"grid", required_argument, 0, 'g'},
        {"grid-steps", required_argument, 0, 'G'}, {"runs", required_argument, 0, 'r'},
        {"seed", required_argument, 0, 's'},    {"threads", required_argument, 0, 't'},
        {"out", required_argument, 0, 'o'},     {"help", no_argument, 0, 'h'},
        {0}};
    const char *sets[CLI_MAX_SETS], *ranges[CLI_MAX_SETS];
    pl_sensitivity_config cfg = {.threads = cli_cores(), .sets = sets, .ranges = ranges, .log = stderr};
    long v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'R':
            if (cfg.n_ranges == CLI_MAX_SETS) return cli_usage_error("sensitivity", "--range: at most %d", CLI_MAX_SETS);
            ranges[cfg.n_ranges++] = optarg;
            break;
        case 'S':
            if (cfg.n_sets == CLI_MAX_SETS) return cli_usage_error("sensitivity", "--set: at most %d", CLI_MAX_SETS);
            sets[cfg.n_sets++] = optarg;
            break;
        case 'c': cfg.compare = optarg; break;
        case 'g': cfg.grid = optarg; break;
        case 'b': if (cli_parse_int("sensitivity", "--bisect", optarg, 1, 40, &v)) return EXIT_USAGE; cfg.bisect_steps = (int)v; break;
        case 'n': if (cli_parse_int("sensitivity", "--sobol", optarg, 4, 100000, &v)) return EXIT_USAGE; cfg.sobol_n = (int)v; break;
        case 'N': if (cli_parse_int("sensitivity", "--sobol-runs", optarg, 1, 1000000000L, &v)) return EXIT_USAGE; cfg.sobol_runs = (uint64_t)v; break;
        case 'B': if (cli_parse_int("sensitivity", "--bootstrap", optarg, 10, 100000, &v)) return EXIT_USAGE; cfg.bootstrap = (int)v; break;
        case 'G': if (cli_parse_int("sensitivity", "--grid-steps", optarg, 2, 25, &v)) return EXIT_USAGE; cfg.grid_steps = (int)v; break;
        case 'r': if (cli_parse_int("sensitivity", "--runs", optarg, 1, 1000000000L, &v)) return EXIT_USAGE; cfg.runs = (uint64_t)v; break;
        case 's':
            if (cli_parse_seed("sensitivity", "--seed", optarg, &cfg.seed)) return EXIT_USAGE;
            cfg.seed_given = 1;
            break;
        case 't': if (cli_parse_threads("sensitivity", "--threads", optarg, &cfg.threads)) return EXIT_USAGE; break;
        case 'o':
            if (!*optarg) return cli_usage_error("sensitivity", "--out: expected a directory name");
            cfg.out_dir = optarg;
            break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default: fputs(help, stderr); return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) return cli_usage_error("sensitivity", "expected one SCENARIO.yaml file (see --help)");
    pl_error err;
    /* the results directory is checked before anything is computed, and filled as a set */
    cli_out out;
    int rc = cli_out_begin(&out, "sensitivity", cfg.out_dir, "CSV, sensitivity.json, sensitivity.html");
    if (rc) return rc;
    cfg.out_dir = cli_out_path(&out);
    rc = pl_sensitivity_run_file(argv[optind], &cfg, stdout, &err);
    return cli_out_end(&out, rc, &err);
}
