/* cmd_design.c — `parley design SCENARIO.yaml`: search the sequencing designs an agreement allows.
 * A thin layer over pl_agreement_design_search (src/agreement/agreement_design.c). */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: parley design SCENARIO.yaml [--runs N] [--confirm N] [--check-runs N] [--top K]\n"
    "                     [--exhaustive-max L] [--max-designs N] [--prior-only] [--seed s]\n"
    "                     [--threads T] [--out DIR]\n"
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
    "\n"
    "  --runs N           screening runs a design and set of types (default 2000)\n"
    "  --confirm N        re-estimate runs, after the screen's (default 10000)\n"
    "  --check-runs N     runs of each incentive check (default 2000)\n"
    "  --top K            designs of the search re-estimated and checked (default 8)\n"
    "  --exhaustive-max L free links up to which every design is tried (default 10, at most 16)\n"
    "  --max-designs N    the local search's budget of designs screened (default 4000)\n"
    "  --prior-only       judge the designs under the priors only, even with a record\n"
    "  --seed s           random seed (default: the scenario's)\n"
    "  --threads T        worker threads, 0 = every core (default 1); results do not depend on it\n"
    "  --out DIR          write DIR/designs.csv, DIR/screen.csv, DIR/results.json, DIR/report.html\n"
    "\n"
    "Examples:\n"
    "  parley design scenarios/korea/six-party-2007.yaml --threads 0\n"
    "  parley design scenarios/korea/six-party-2007.yaml --runs 5000 --confirm 20000 --out design/\n";

int cmd_design(int argc, char **argv)
{
    static const struct option opts[] = {{"runs", required_argument, 0, 'r'},
                                         {"confirm", required_argument, 0, 'c'},
                                         {"check-runs", required_argument, 0, 'k'},
                                         {"top", required_argument, 0, 't'},
                                         {"exhaustive-max", required_argument, 0, 'x'},
                                         {"max-designs", required_argument, 0, 'm'},
                                         {"prior-only", no_argument, 0, 'p'},
                                         {"seed", required_argument, 0, 's'},
                                         {"threads", required_argument, 0, 'j'},
                                         {"out", required_argument, 0, 'o'},
                                         {"help", no_argument, 0, 'h'},
                                         {0}};
    pl_agreement_design_config cfg;
    pl_agreement_design_config_default(&cfg);
    const char *out = NULL;
    long n;
    int c, threads = 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (cli_parse_int("design", "--runs", optarg, 1, 100000000L, &n)) return EXIT_USAGE;
            cfg.runs = (uint64_t)n;
            break;
        case 'c':
            if (cli_parse_int("design", "--confirm", optarg, 1, 100000000L, &n)) return EXIT_USAGE;
            cfg.confirm_runs = (uint64_t)n;
            break;
        case 'k':
            if (cli_parse_int("design", "--check-runs", optarg, 1, 100000000L, &n)) return EXIT_USAGE;
            cfg.check_runs = (uint64_t)n;
            break;
        case 't':
            if (cli_parse_int("design", "--top", optarg, 1, 1000, &n)) return EXIT_USAGE;
            cfg.top = (int)n;
            break;
        case 'x':
            if (cli_parse_int("design", "--exhaustive-max", optarg, 0, 16, &n)) return EXIT_USAGE;
            cfg.exhaustive_max = (int)n;
            break;
        case 'm':
            if (cli_parse_int("design", "--max-designs", optarg, 1, 1000000, &n)) return EXIT_USAGE;
            cfg.max_designs = (int)n;
            break;
        case 'p': cfg.prior_only = 1; break;
        case 's':
            if (cli_parse_seed("design", "--seed", optarg, &cfg.seed)) return EXIT_USAGE;
            cfg.seed_given = 1;
            break;
        case 'j':
            if (cli_parse_threads("design", "--threads", optarg, &threads)) return EXIT_USAGE;
            break;
        case 'o':
            if (!*optarg) return cli_usage_error("design", "--out: expected a directory name");
            out = optarg;
            break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default: fputs(help, stderr); return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) return cli_usage_error("design", "expected one SCENARIO.yaml file (see --help)");
    cfg.threads = threads > 0 ? threads : cli_cores();
    pl_error err;
    pl_agreement *a;
    if (pl_agreement_load(&a, argv[optind], &err)) return cli_lib_error("design", &err);
    if (!pl_agreement_has_design_space(a)) {
        fprintf(stderr,
                "parley design: %s: the scenario declares no 'design_search:' block (a base variant and the 'requires' "
                "links the search may change; see docs/agreements.md)\n",
                argv[optind]);
        pl_agreement_free(a);
        return EXIT_USAGE;
    }
    cli_signals_install(); /* before the temporary exists, so no signal can leave it behind */
    pl_outdir *od = NULL;
    if (out && pl_outdir_open(&od, out, &err)) {
        pl_agreement_free(a);
        return cli_lib_error("design", &err);
    }
    double t0 = cli_seconds();
    pl_agreement_design_result *r = NULL;
    int rc = pl_agreement_design_search(a, &cfg, &r, &err);
    if (!rc) {
        fprintf(stderr, "parley design: searched in %.2f s on %d thread%s\n", cli_seconds() - t0, cfg.threads,
                cfg.threads == 1 ? "" : "s");
        pl_agreement_design_print(stdout, a, r);
        if (od && (rc = pl_agreement_design_write(pl_outdir_path(od), a, r, &err))) pl_outdir_fix_error(od, &err);
        if (od && !rc) {
            rc = pl_outdir_commit(od, &err);
            od = NULL;
        }
    }
    if (rc) {
        fflush(stdout);
        fprintf(stderr, "parley design: %s\n", err.msg);
    }
    pl_outdir_abort(od);
    pl_agreement_design_free(r);
    pl_agreement_free(a);
    return cli_exit_code(rc);
}
