/* cmd_run.c — `parley run SCENARIO.yaml`: flags in, the scenario runner does the rest. */
#include <getopt.h>
#include <string.h>

#include <pthread.h>

#include "cli/cli.h"
#include "cli/progress.h"
#include "scenario/scenario.h"

/* The runner reports progress from worker threads; the bar starts at the first report, when the total is known. */
typedef struct run_bar {
    pthread_mutex_t mu;
    cli_progress *bar;
    int started;
} run_bar;

static void on_progress(void *user, uint64_t done, uint64_t total)
{
    run_bar *b = user;
    pthread_mutex_lock(&b->mu); /* reports come once per chunk of runs: a lock is cheap here */
    if (!b->started) b->started = 1, b->bar = cli_progress_start("run", total);
    cli_progress_update(b->bar, done);
    if (total && done >= total) { /* erase the bar before the summary is printed */
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
    run_bar bar = {.mu = PTHREAD_MUTEX_INITIALIZER};
    opt.progress = on_progress;
    opt.progress_user = &bar;
    opt.log = stderr;
    int rc = pl_scenario_run_file(argv[optind], &opt, stdout, &err);
    cli_progress_finish(bar.bar);
    if (rc) {
        fflush(stdout);
        fprintf(stderr, "parley run: %s\n", err.msg);
        return rc == PL_EINVAL || rc == PL_ENOTFOUND || rc == PL_EIO ? EXIT_USAGE : 1;
    }
    return EXIT_OK;
}
