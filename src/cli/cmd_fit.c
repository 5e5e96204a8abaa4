/* cmd_fit.c — `parley fit SCENARIO.yaml`: which behaviour the dated record supports. */
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

static const char help[] =
    "Usage: parley fit SCENARIO.yaml [--runs N] [--seed s] [--window W] [--compare] [--out DIR]\n"
    "\n"
    "Fits the behaviour of an agreement's parties to the scenario's dated record: the\n"
    "likelihood of every recorded decision (to start a step or not, to keep it or withdraw\n"
    "it) under each party's types and over a grid of behaviour parameters (rationality of\n"
    "the logit choice, or the rule with a tremble; tremble; patience; discount).  Prints\n"
    "the maximum-likelihood parameters with their profile likelihoods, the posterior over\n"
    "each party's type beside its prior, the most probable type profiles, and a\n"
    "posterior-predictive check: how often the record's milestones (each step's first\n"
    "completion and first withdrawal) recur within W periods of their dates when the\n"
    "agreement is simulated with the fit.  Steps the record never mentions are summed\n"
    "out, not taken as undone.  Time taken goes to standard error.\n"
    "\n"
    "  --runs N      predictive runs (default 5000; with --compare, runs per design)\n"
    "  --seed s      random seed (default: the scenario's)\n"
    "  --window W    periods either side of a recorded date that count (default 3)\n"
    "  --compare     also run every design under the priors and under the posterior\n"
    "                types with the fitted behaviour, side by side\n"
    "  --out DIR     write DIR/fit.json\n"
    "\n"
    "Examples:\n"
    "  parley fit scenarios/korea/six-party-2007.yaml\n"
    "  parley fit scenarios/korea/agreed-framework-1994.yaml --compare --runs 20000\n";

static int compare(pl_agreement *a, const pl_agreement_fit *fit, uint64_t runs, uint64_t seed, pl_error *err)
{
    pl_agreement_sim_config cfg;
    pl_agreement_sim_config_default(&cfg);
    cfg.runs = runs, cfg.seed = seed, cfg.threads = cli_cores();
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
    static const struct option opts[] = {{"runs", required_argument, 0, 'r'},   {"seed", required_argument, 0, 's'},
                                         {"window", required_argument, 0, 'w'}, {"out", required_argument, 0, 'o'},
                                         {"compare", no_argument, 0, 'c'},      {"help", no_argument, 0, 'h'},
                                         {0}};
    pl_agreement_fit_config cfg;
    pl_agreement_fit_config_default(&cfg);
    const char *out_dir = NULL;
    int do_compare = 0, runs_given = 0;
    long n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (cli_parse_int("fit", "--runs", optarg, 1, 1000000000L, &n)) return EXIT_USAGE;
            cfg.runs = (uint64_t)n;
            runs_given = 1;
            break;
        case 's':
            if (cli_parse_seed("fit", "--seed", optarg, &cfg.seed)) return EXIT_USAGE;
            cfg.seed_given = 1;
            break;
        case 'w':
            if (cli_parse_int("fit", "--window", optarg, 0, 1000, &n)) return EXIT_USAGE;
            cfg.window = (int)n;
            break;
        case 'o':
            if (!*optarg) return cli_usage_error("fit", "--out: expected a directory name");
            out_dir = optarg;
            break;
        case 'c': do_compare = 1; break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default: fputs(help, stderr); return EXIT_USAGE;
        }
    }
    if (argc - optind != 1) return cli_usage_error("fit", "expected one SCENARIO.yaml file (see --help)");
    pl_error err;
    pl_agreement *a;
    int rc = pl_agreement_load(&a, argv[optind], &err);
    if (rc) return cli_lib_error("fit", &err);
    if (!pl_agreement_has_record(a)) {
        fprintf(stderr, "parley fit: %s: the scenario has no 'record:' to fit\n", argv[optind]);
        pl_agreement_free(a);
        return EXIT_USAGE;
    }
    cli_out out;
    if ((rc = cli_out_begin(&out, "fit", out_dir, "fit.json"))) {
        pl_agreement_free(a);
        return rc;
    }
    double t0 = cli_seconds();
    pl_agreement_fit *fit = NULL;
    rc = pl_agreement_fit_record(a, &cfg, &fit, &err);
    double t1 = cli_seconds();
    if (!rc) {
        fprintf(stderr, "parley fit: fitted in %.2f s (likelihood and predictive check, one core)\n", t1 - t0);
        pl_agreement_fit_print(stdout, a, fit);
        if (out_dir) rc = pl_agreement_fit_write_json(cli_out_path(&out), a, fit, &err);
    }
    int code = cli_out_end(&out, rc, &err);
    if (!code && do_compare) {
        rc = compare(a, fit, runs_given ? cfg.runs : 20000, cfg.seed_given ? cfg.seed : pl_agreement_seed(a), &err);
        fflush(stdout);
        if (rc) code = cli_lib_error("fit", &err);
    }
    pl_agreement_fit_free(fit);
    pl_agreement_free(a);
    return code;
}
