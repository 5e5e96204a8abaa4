/* test_alloc_faults.c — every public entry point against running out of memory.
 *
 * After SQLite's test_malloc.c: for each entry point, make the Nth allocation
 * of the library (and every later one) fail, for N = 1, 2, ... until the call
 * goes through without meeting a failure.  Each time the call must either
 * return PL_ENOMEM with a message, or succeed with exactly the output of a
 * run without faults (an allocation whose failure has a fallback).  It must
 * never crash (the sanitizers watch), never leak (LeakSanitizer checks at exit)
 * and never leave an incomplete file in the output directory: no temporary,
 * and every file there byte-identical to the same file of a run without
 * faults.  (Whether a failed run may leave a *subset* of complete files is the
 * business of the output-set work; this test records what holds today.)
 *
 * The runs are tiny (a few dozen Monte Carlo runs, 2-turn tournaments) so the
 * whole test takes seconds; threads = 1 makes the Nth allocation the same one
 * every time, and one entry runs with 2 threads to exercise the pool's error
 * path.  Small entries try every N; the scenarios, with thousands of
 * allocations (YAML nodes, report pages), try every N up to EXHAUSTIVE_UNTIL and
 * then evenly spaced ones; PARLEY_FAULTS_ALL=1 tries every N everywhere (minutes). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parley/parley.h"
#include "parley/testing.h"
#include "scenario/scenario.h"

/* N up to this is tried one by one; beyond, in about as many evenly spaced steps. */
#define EXHAUSTIVE_UNTIL 40

static char root[256]; /* a temporary directory for every run's output */

/* ---- files ---------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) n = -1;
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(p);
        else unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Every file in dir is the same bytes as its namesake in ref; returns how many there are,
 * and whether every file of ref is there (*complete). */
static int same_files(const char *dir, const char *ref, int *complete)
{
    int n = 0;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            if (strstr(e->d_name, ".tmp-")) fail_msg("%s/%s: a temporary file was left behind", dir, e->d_name);
            char a[1024], b[1024];
            snprintf(a, sizeof a, "%s/%s", dir, e->d_name);
            snprintf(b, sizeof b, "%s/%s", ref, e->d_name);
            size_t la, lb;
            char *x = slurp(a, &la), *y = slurp(b, &lb);
            if (!y) fail_msg("%s: a file the run without faults did not write", a);
            if (!x || la != lb || memcmp(x, y, la)) fail_msg("%s: differs from the run without faults (incomplete?)", a);
            free(x), free(y);
            n++;
        }
        closedir(d);
    }
    int m = 0;
    if ((d = opendir(ref))) {
        struct dirent *e;
        while ((e = readdir(d)))
            if (e->d_name[0] != '.') m++;
        closedir(d);
    }
    *complete = n == m;
    return n;
}

/* ---- the driver ----------------------------------------------------------- */

typedef int (*entry_fn)(const char *out, pl_error *err);

typedef struct entry_report {
    long steps;          /* values of N tried */
    long allocations;    /* allocations in a run without faults */
    long partial_sets;   /* failed runs that left some (complete) files, not all */
} entry_report;

static entry_report fault_every_allocation(const char *name, entry_fn run)
{
    entry_report rep = {0};
    const char *only = getenv("PARLEY_FAULTS_ONLY"); /* one entry, by name, when debugging */
    if (only && strcmp(only, name)) return rep;
    char ref[512], out[512];
    snprintf(ref, sizeof ref, "%s/%s-ref", root, name);
    snprintf(out, sizeof out, "%s/%s-out", root, name);
    pl_error err;
    pl_alloc_fail_at(0);
    if (run(ref, &err)) fail_msg("%s without faults: %s", name, err.msg);
    pl_alloc_fail_at(1L << 40); /* armed, never reached: counts */
    remove_tree(ref);
    if (run(ref, &err)) fail_msg("%s without faults: %s", name, err.msg);
    rep.allocations = pl_alloc_count();
    pl_alloc_fail_at(0);
    if (getenv("PARLEY_FAULTS_COUNT_ONLY")) {
        print_message("%-28s %6ld allocations\n", name, rep.allocations);
        remove_tree(ref);
        return rep;
    }
    /* Every N up to EXHAUSTIVE_UNTIL, then a stride that spans the rest in about as many
     * steps, then the last allocation and one past it (which must succeed).  With
     * PARLEY_FAULTS_ALL set in the environment, every N. */
    long stride = getenv("PARLEY_FAULTS_ALL") || rep.allocations <= EXHAUSTIVE_UNTIL
                      ? 1 : (rep.allocations - EXHAUSTIVE_UNTIL) / EXHAUSTIVE_UNTIL + 1;
    for (long n = 1;; n = n < EXHAUSTIVE_UNTIL || stride == 1 ? n + 1
                          : n + stride <= rep.allocations ? n + stride
                          : n < rep.allocations ? rep.allocations : n + 1) {
        remove_tree(out);
        pl_error_clear(&err);
        pl_alloc_fail_at(n);
        int rc = run(out, &err);
        long failures = pl_alloc_failures();
        pl_alloc_fail_at(0);
        rep.steps++;
        int complete;
        int files = same_files(out, ref, &complete);
        if (!failures) {
            if (rc) fail_msg("%s: failed with no allocation refused: %s", name, err.msg);
            if (!complete) fail_msg("%s: succeeded but wrote only %d files", name, files);
            break;
        }
        if (rc == 0) { /* a refused allocation with a fallback: the output must be whole */
            if (!complete) fail_msg("%s, allocation %ld refused: success claimed with %d files", name, n, files);
            continue;
        }
        if (rc != PL_ENOMEM)
            fail_msg("%s, allocation %ld refused: status %d instead of PL_ENOMEM (%s)", name, n, rc, err.msg);
        if (!err.msg[0]) fail_msg("%s, allocation %ld refused: no message", name, n);
        if (files && !complete) rep.partial_sets++;
        if (n > 4 * rep.allocations + 100) fail_msg("%s: still failing after %ld allocations", name, n);
    }
    remove_tree(out);
    remove_tree(ref);
    print_message("%-28s %6ld allocations, %ld values of N tried (stride %ld after %d); %ld failed runs left a "
                  "partial set of complete files\n",
                  name, rep.allocations, rep.steps, stride, EXHAUSTIVE_UNTIL, rep.partial_sets);
    fflush(stdout);
    return rep;
}

/* ---- the entry points ----------------------------------------------------- */

static int run_scenario(const char *path, long runs, int threads, const char *out, pl_error *err)
{
    pl_run_options opt = {.runs = runs, .threads = threads, .out_dir = out};
    FILE *sink = fopen("/dev/null", "w");
    pl_scenario *scn = NULL;
    int rc = pl_scenario_open(&scn, path, err);
    if (!rc) rc = pl_scenario_run(scn, &opt, sink, err);
    pl_scenario_free(scn);
    fclose(sink);
    return rc;
}

static int agreement_six_party(const char *out, pl_error *err)
{
    return run_scenario("scenarios/korea/six-party-2007.yaml", 40, 1, out, err);
}
static int agreement_with_record(const char *out, pl_error *err)
{
    return run_scenario("scenarios/korea/agreed-framework-1994.yaml", 40, 1, out, err);
}
static int nparty_drills(const char *out, pl_error *err)
{
    return run_scenario("scenarios/korea/drills-and-launches.yaml", 65, 2, out, err); /* 2 blocks of 64 runs */
}
static int nparty_tournament(const char *out, pl_error *err)
{
    return run_scenario("scenarios/games/six-player-tournament.yaml", 1, 1, out, err);
}

static int tournament(const char *out, pl_error *err)
{
    const char *names[] = {"tft", "random", "grudger"};
    pl_strategy *p[3] = {0};
    int rc = 0;
    for (int i = 0; i < 3 && !rc; i++) rc = pl_strategy_create(&p[i], names[i], err);
    pl_tournament_result *r = NULL;
    if (!rc) {
        pl_tournament_config cfg;
        pl_tournament_config_default(&cfg);
        cfg.turns = 5;
        cfg.repetitions = 3;
        cfg.seed = 7;
        rc = pl_tournament_run((const pl_strategy *const *)p, 3, &cfg, &r, err);
        if (!rc) {
            pl_tournament_meta meta = {.cfg = &cfg, .game_text = "3,0,5,1"};
            rc = pl_tournament_write(r, &meta, out, err);
        }
    }
    pl_tournament_result_free(r);
    for (int i = 0; i < 3; i++) pl_strategy_free(p[i]);
    return rc;
}

static int match(const char *out, pl_error *err)
{
    (void)out;
    pl_strategy *a = NULL, *b = NULL;
    int rc = pl_strategy_create(&a, "gtft:p=0.1", err);
    if (!rc) rc = pl_strategy_create(&b, "First by Davis: 10", err);
    pl_match_result *m = NULL;
    if (!rc) {
        pl_match_config cfg;
        pl_match_config_default(&cfg);
        cfg.turns = 20;
        cfg.noise = 0.1;
        rc = pl_match_play(a, b, &cfg, &m, err);
    }
    pl_match_result_free(m);
    pl_strategy_free(a);
    pl_strategy_free(b);
    return rc;
}

static char transcript[512];

static int transcripts(const char *out, pl_error *err)
{
    (void)out;
    pl_transcript_stats st = {0};
    int rc = pl_transcript_check_file(transcript, &st, NULL, NULL, err);
    if (!rc && (st.checked != 2 || st.mismatched != 0))
        return pl_error_set(err, PL_EINVAL, "checked %zu, mismatched %zu", st.checked, st.mismatched);
    return rc;
}

/* ---- tests ---------------------------------------------------------------- */

static void each_scenario_kind_fails_cleanly(void **state)
{
    (void)state;
    fault_every_allocation("agreement-six-party", agreement_six_party);
    fault_every_allocation("agreement-with-record", agreement_with_record);
    fault_every_allocation("nparty-drills-2-threads", nparty_drills);
    fault_every_allocation("nparty-tournament", nparty_tournament);
}

static void tournament_match_and_transcripts_fail_cleanly(void **state)
{
    (void)state;
    fault_every_allocation("tournament-and-files", tournament);
    fault_every_allocation("match", match);
    fault_every_allocation("transcripts", transcripts);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "%s/parley-faults-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) return -1;
    snprintf(transcript, sizeof transcript, "%s/t.jsonl", root);
    FILE *f = fopen(transcript, "w");
    if (!f) return -1;
    /* Tit For Tat against Defector, and against itself, 5 turns of the standard game */
    fputs("{\"a\": \"Tit For Tat\", \"b\": \"Defector\", \"turns\": 5, \"game_RPST\": [3, 1, 0, 5], "
          "\"a_actions\": \"CDDDD\", \"b_actions\": \"DDDDD\", \"a_score\": 4, \"b_score\": 9}\n"
          "{\"a\": \"Tit For Tat\", \"b\": \"Tit For Tat\", \"turns\": 5, \"game_RPST\": [3, 1, 0, 5], "
          "\"a_actions\": \"CCCCC\", \"b_actions\": \"CCCCC\"}\n",
          f);
    fclose(f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_tree(root);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_scenario_kind_fails_cleanly),
        cmocka_unit_test(tournament_match_and_transcripts_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
