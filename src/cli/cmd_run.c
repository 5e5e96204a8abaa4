/* cmd_run.c — `parley run SCENARIO.yaml`: flags in, the scenario runner does the rest. */
#include <getopt.h>
#include <string.h>
#include <time.h>

#include <pthread.h>

#include "cli/cli.h"
#include "cli/progress.h"

/* The runner reports progress from worker threads; the bar starts at the first report, when the total is known. */
typedef struct run_bar {
    pthread_mutex_t mu;
    cli_progress *bar;
    int started;
    uint64_t total;    /* the runs the scenario asked for, from the reports (0: none came) */
    double runs_done;  /* when the last run was reported (cli_seconds) */
} run_bar;

static void on_progress(void *user, uint64_t done, uint64_t total)
{
    run_bar *b = user;
    pthread_mutex_lock(&b->mu); /* reports come once per chunk of runs: a lock is cheap here */
    if (!b->started) b->started = 1, b->bar = cli_progress_start("run", total);
    b->total = total;
    cli_progress_update(b->bar, done);
    if (total && done >= total) { /* erase the bar before the summary is printed */
        b->runs_done = cli_seconds();
        cli_progress_finish(b->bar);
        b->bar = NULL;
    }
    pthread_mutex_unlock(&b->mu);
}

static const char help[] =
    "Usage: parley run SCENARIO.yaml [--runs N] [--seed s] [--threads k] [--out DIR] [--set PATH=VALUE]...\n"
    "\n"
    "Runs a scenario file of any kind (its top-level 'kind:' says which: an agreement\n"
    "to simulate and replay, an N-party game, a tournament) and prints a summary.\n"
    "\n"
    "  --runs N      Monte Carlo runs (default: the scenario's own, else 10000)\n"
    "  --seed s      random seed (default: the scenario's, else 1); the same seed gives\n"
    "                byte-identical results whatever --threads is\n"
    "  --threads k   worker threads (default: every core; 0 = every core)\n"
    "  --out DIR     write CSV and JSON results and report.html into DIR\n"
    "  --types T     agreements: 'prior' (default) runs the scenario's types; 'posterior'\n"
    "                first fits the record (as parley fit does) and runs every design under\n"
    "                the posterior types and the fitted behaviour\n"
    "  --set P=V     change one value of the scenario for this run (repeatable), by a\n"
    "                path of keys and ids: parties.DPRK.policy.opportunist.p=0.1,\n"
    "                steps.SP-DP-1.flow.DPRK=-0.31, verifiers.IAEA.p_confirm=0.6; the\n"
    "                other probabilities of a policy list are rescaled to add up to 1.\n"
    "                The summary and results.json record every change\n"
    "\n"
    "Examples:\n"
    "  parley run scenarios/korea/six-party-2007.yaml\n"
    "  parley run scenarios/korea/six-party-2007.yaml --runs 100000 --seed 7 --out results/\n";

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {{"runs", required_argument, 0, 'r'},   {"seed", required_argument, 0, 's'},
                                         {"threads", required_argument, 0, 't'}, {"out", required_argument, 0, 'o'},
                                         {"types", required_argument, 0, 'y'},   {"set", required_argument, 0, 'S'},
                                         {"help", no_argument, 0, 'h'},
                                         {0}};
    pl_run_options opt = {.threads = cli_cores()};
    const char *sets[CLI_MAX_SETS];
    int n_sets = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r': if (cli_parse_int("run", "--runs", optarg, 1, 1000000000L, &opt.runs)) return EXIT_USAGE; break;
        case 's':
            if (cli_parse_seed("run", "--seed", optarg, &opt.seed)) return EXIT_USAGE;
            opt.seed_given = 1;
            break;
        case 't': if (cli_parse_threads("run", "--threads", optarg, &opt.threads)) return EXIT_USAGE; break;
        case 'o':
            if (!*optarg) return cli_usage_error("run", "--out: expected a directory name");
            opt.out_dir = optarg;
            break;
        case 'y':
            if (!strcmp(optarg, "posterior"))
                opt.types_posterior = 1;
            else if (strcmp(optarg, "prior"))
                return cli_usage_error("run", "--types: expected 'prior' or 'posterior', found '%s'", optarg);
            break;
        case 'S':
            if (n_sets == CLI_MAX_SETS) return cli_usage_error("run", "--set: at most %d overrides", CLI_MAX_SETS);
            sets[n_sets++] = optarg;
            break;
        case 'h': fputs(help, stdout); return EXIT_OK;
        default: fputs(help, stderr); return EXIT_USAGE;
        }
    }
    opt.sets = sets, opt.n_sets = n_sets;
    if (argc - optind != 1) return cli_usage_error("run", "expected one SCENARIO.yaml file (see --help)");
    pl_error err;
    /* the results directory is checked and made before anything is computed, and filled as a set */
    cli_out out;
    int rc = cli_out_begin(&out, "run", opt.out_dir, "CSV, results.json, report.html");
    if (rc) return rc;
    opt.out_dir = cli_out_path(&out);
    run_bar bar = {.mu = PTHREAD_MUTEX_INITIALIZER};
    opt.progress = on_progress;
    opt.progress_user = &bar;
    pl_scenario *scn = NULL;
    rc = pl_scenario_open(&scn, argv[optind], &err);
    double t0 = cli_seconds();
    if (!rc) {
        if (opt.types_posterior)
            fprintf(stderr, "parley run: types are the posterior given the record (see parley fit %s)\n", argv[optind]);
        rc = pl_scenario_run(scn, &opt, stdout, &err);
    }
    double t1 = cli_seconds(), secs = bar.runs_done > t0 ? bar.runs_done - t0 : 0;
    cli_progress_finish(bar.bar);
    pl_scenario_free(scn);
    if (!rc) { /* timings go to standard error, never into the results */
        fflush(stdout);
        if (bar.total && secs > 0)
            fprintf(stderr, "parley run: %llu runs in %.3f s (%.0f runs/s, %d thread%s); %.3f s in all\n",
                    (unsigned long long)bar.total, secs, (double)bar.total / secs, opt.threads,
                    opt.threads == 1 ? "" : "s", t1 - t0);
        else
            fprintf(stderr, "parley run: done in %.3f s (%d thread%s)\n", t1 - t0, opt.threads, opt.threads == 1 ? "" : "s");
    }
    return cli_out_end(&out, rc, &err);
}
