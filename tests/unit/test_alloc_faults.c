// SPDX-License-Identifier: MIT
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
 * The runs are tiny (a few Monte Carlo runs: a run allocates nothing, so more runs
 * would add time and no allocation site; 5-turn tournaments) so the whole test
 * takes seconds; threads = 1 makes the Nth allocation the same one every time,
 * and the tournament runs with 2 threads (a match is a block of the pool) to
 * exercise the pool's error path.  Every N up to EXHAUSTIVE_UNTIL is tried; beyond it, the scenarios'
 * thousands of allocations (YAML nodes, report pages) come from a few hundred
 * places in the library, and the first allocation of each place is tried, so
 * every allocation site's failure path runs once (pl_alloc_sites);
 * PARLEY_FAULTS_ALL=1 tries every N everywhere (minutes). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parley/parley.h"
#include "parley/testing.h"
#include "core/alloc.h"
#include "scenario/scenario.h"

/* N up to this is tried one by one; beyond, the first allocation of each site. */
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

typedef int (*entry_fn)(const void *ctx, const char *out, pl_error *err);

typedef struct entry_report {
    long steps;          /* values of N tried */
    long allocations;    /* allocations in a run without faults */
    long partial_sets;   /* failed runs that left some (complete) files, not all */
    long sites;          /* distinct places in the library that allocated */
} entry_report;

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static entry_report fault_every_allocation(const char *name, entry_fn run, const void *ctx)
{
    entry_report rep = {0};
    const char *only = getenv("PARLEY_FAULTS_ONLY"); /* one entry, by name, when debugging */
    if (only && strcmp(only, name)) return rep;
    clock_t cpu0 = clock(); /* user and system time of the process: the report says what each entry costs */
    char ref[512], out[512];
    snprintf(ref, sizeof ref, "%s/%s-ref", root, name);
    snprintf(out, sizeof out, "%s/%s-out", root, name);
    pl_error err;
    pl_alloc_fail_at(0);
    if (run(ctx, ref, &err)) fail_msg("%s without faults: %s", name, err.msg);
    pl_alloc_fail_at(1L << 40); /* armed, never reached: counts */
    remove_tree(ref);
    if (run(ctx, ref, &err)) fail_msg("%s without faults: %s", name, err.msg);
    rep.allocations = pl_alloc_count();
    static long sites[4096];
    size_t n_sites = pl_alloc_sites(sites, sizeof sites / sizeof sites[0]);
    pl_alloc_fail_at(0);
    if (getenv("PARLEY_FAULTS_COUNT_ONLY")) {
        print_message("%-28s %6ld allocations\n", name, rep.allocations);
        remove_tree(ref);
        return rep;
    }
    /* The values of N: every one up to EXHAUSTIVE_UNTIL; then the first allocation of every
     * place in the library that allocates (each site's failure path, once); then the last
     * allocation, and one past it, where the run must succeed.  With PARLEY_FAULTS_ALL set in
     * the environment, every N. */
    long *plan = malloc(((size_t)EXHAUSTIVE_UNTIL + n_sites + 2) * sizeof *plan);
    size_t n_plan = 0;
    int all = getenv("PARLEY_FAULTS_ALL") != NULL;
    for (long n = 1; n <= EXHAUSTIVE_UNTIL && n <= rep.allocations; n++) plan[n_plan++] = n;
    for (size_t i = 0; i < n_sites; i++)
        if (sites[i] > EXHAUSTIVE_UNTIL) plan[n_plan++] = sites[i];
    plan[n_plan++] = rep.allocations;
    qsort(plan, n_plan, sizeof *plan, cmp_long);
    size_t k = 0;
    for (size_t i = 0; i < n_plan; i++)
        if (!k || plan[i] != plan[k - 1]) plan[k++] = plan[i];
    n_plan = k;
    rep.sites = (long)n_sites;
    for (size_t step = 0;; step++) {
        long n = all ? (long)step + 1 : step < n_plan ? plan[step] : rep.allocations + 1;
        remove_tree(out);
        pl_error_clear(&err);
        pl_alloc_fail_at(n);
        int rc = run(ctx, out, &err);
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
    free(plan);
    remove_tree(out);
    remove_tree(ref);
    print_message("%-28s %6ld allocations from %ld sites, %ld values of N tried; %ld failed runs left a partial set "
                  "of complete files (%.0f s of CPU)\n",
                  name, rep.allocations, rep.sites, rep.steps, rep.partial_sets, (double)(clock() - cpu0) / CLOCKS_PER_SEC);
    fflush(stdout);
    return rep;
}

/* ---- the entry points ----------------------------------------------------- */

/* A scenario file run whole, as `parley run` runs it. */
typedef struct scenario_entry {
    const char *name;
    const char *path;
    long runs;
} scenario_entry;

static int run_scenario(const void *ctx, const char *out, pl_error *err)
{
    const scenario_entry *e = ctx;
    pl_run_options opt;
    pl_run_options_default(&opt);
    opt.runs = e->runs, opt.out_dir = out;
    FILE *sink = fopen("/dev/null", "w");
    pl_scenario *scn = NULL;
    int rc = pl_scenario_open(&scn, e->path, err);
    if (!rc) rc = pl_scenario_run(scn, &opt, sink, err);
    pl_scenario_free(scn);
    fclose(sink);
    return rc;
}

/* the N-party ones are copies with their tournaments cut to a few groups (setup) */
static char drills[512], six_player[512], large_state[512];

/* ctx non-NULL: also the interactions file (pl_tournament_config.interactions) into out */
static int tournament(const void *ctx, const char *out, pl_error *err)
{
    char interactions[600];
    if (ctx) {
        mkdir(out, 0777); /* the file is opened before the results' directory is made */
        snprintf(interactions, sizeof interactions, "%s/interactions.csv.gz", out);
    }
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
        cfg.threads = 2; /* matches are the pool's blocks: the pool's error path, with a worker failing */
        cfg.interactions = ctx ? interactions : NULL;
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

/* ctx: the two players' specs, or NULL for a generous tit for tat against First by Davis */
static int match(const void *ctx, const char *out, pl_error *err)
{
    (void)out;
    const char *const *pair = ctx ? ctx : (const char *const[]){"gtft:p=0.1", "First by Davis: 10"};
    pl_strategy *a = NULL, *b = NULL;
    int rc = pl_strategy_create(&a, pair[0], err);
    if (!rc) rc = pl_strategy_create(&b, pair[1], err);
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

static int transcripts(const void *ctx, const char *out, pl_error *err)
{
    (void)ctx;
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
    const scenario_entry entries[] = {
        {"agreement-six-party", "scenarios/korea/six-party-2007.yaml", 4},
        {"agreement-with-record", "scenarios/korea/agreed-framework-1994.yaml", 4},
        {"nparty-drills", drills, 2},
        {"nparty-tournament", six_player, 1},
        /* a lifted player whose state is larger than the buffer's first slots: their growth */
        {"nparty-large-state", large_state, 1},
    };
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++)
        fault_every_allocation(entries[i].name, run_scenario, &entries[i]);
}

static void tournament_match_and_transcripts_fail_cleanly(void **state)
{
    (void)state;
    fault_every_allocation("tournament-2-threads", tournament, NULL);
    fault_every_allocation("tournament-interactions", tournament, "interactions");
    fault_every_allocation("match", match, NULL);
    /* a state larger than a match buffer's first slots (Meta Hunter's ring of proposals): the
     * slots' growth (state_room) has its failure path too */
    static const char *const large[] = {"Meta Hunter", "tft"};
    fault_every_allocation("match-large-state", match, large);
    fault_every_allocation("transcripts", transcripts, NULL);
}

/* Copies src to dst, replacing the first `from` (if given) by `to`. */
static int copy_file(const char *src, const char *dst, const char *from, const char *to)
{
    size_t len;
    char *text = slurp(src, &len);
    if (!text) return -1;
    text[len] = '\0';
    char *at = from ? strstr(text, from) : NULL;
    FILE *f = fopen(dst, "w");
    int ok = f != NULL;
    if (ok && at) ok = fwrite(text, 1, (size_t)(at - text), f) == (size_t)(at - text) && fputs(to, f) >= 0 &&
                       fputs(at + strlen(from), f) >= 0;
    else if (ok) ok = fwrite(text, 1, len, f) == len;
    if (f && fclose(f)) ok = 0;
    free(text);
    return ok && (!from || at) ? 0 : -1;
}

/* One allocation site, however often it is called. */
static __attribute__((noinline)) void *one_site(void) { return pl_malloc(8); }

/* The seam tells its allocation sites apart by caller, each with the first allocation it made. */
static void the_seam_counts_sites_by_caller(void **state)
{
    (void)state;
    void *p[4];
    pl_alloc_fail_at(1L << 40);
    p[0] = one_site(), p[1] = one_site();            /* one site, allocations 1 and 2 */
    p[2] = pl_calloc(1, 8);                          /* a second site, allocation 3 */
    p[3] = pl_malloc(8);                             /* a third, allocation 4 */
    long first[8];
    size_t n = pl_alloc_sites(first, 8);
    pl_alloc_fail_at(0);
    for (int i = 0; i < 4; i++) pl_free(p[i]);
    assert_int_equal(n, 3);
    assert_int_equal(first[0], 1), assert_int_equal(first[1], 3), assert_int_equal(first[2], 4);
    assert_int_equal(pl_alloc_sites(first, 8), 0); /* disarming forgets them */
    pl_alloc_fail_at(1L << 40);
    p[0] = one_site(), p[1] = pl_malloc(8), p[2] = pl_calloc(1, 8);
    assert_int_equal(pl_alloc_sites(first, 1), 1); /* at most max stored */
    pl_alloc_fail_at(0);
    for (int i = 0; i < 3; i++) pl_free(p[i]);
}

/* pl_calloc_huge: zeroed blocks, small and large, through the seam like any allocation; where
 * the system has MADV_HUGEPAGE a large block starts a 2 MB page (so it can be laid on huge pages). */
static void huge_blocks_are_zeroed_and_counted(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 4096, (size_t)1 << 20, (size_t)5 << 19};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        unsigned char *p = pl_calloc_huge(sizes[k], 1);
        assert_non_null(p);
        size_t nonzero = 0;
        for (size_t i = 0; i < sizes[k]; i++) nonzero += p[i] != 0;
        assert_int_equal(nonzero, 0);
        memset(p, 0xa5, sizes[k]); /* all of it writable (the sanitizers watch) */
#ifdef MADV_HUGEPAGE
        if (sizes[k] >= (size_t)1 << 20) assert_int_equal((uintptr_t)p % ((size_t)2 << 20), 0);
#endif
        pl_free(p);
    }
    pl_alloc_fail_at(1);
    assert_null(pl_calloc_huge((size_t)3 << 20, 1));
    assert_int_equal(pl_alloc_failures(), 1);
    pl_alloc_fail_at(0);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "%s/parley-faults-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) return -1;
    /* the shipped N-party scenarios with their tournaments cut to 4 groups: every part of an N-party
     * scenario (record, events, blocs, shock, sensitivity, tournament) at a fraction of the time */
    char events[512];
    snprintf(drills, sizeof drills, "%s/drills.yaml", root);
    snprintf(events, sizeof events, "%s/drills-and-launches-events.csv", root);
    if (copy_file("scenarios/korea/drills-and-launches.yaml", drills, "max_groups: 1500", "max_groups: 4") ||
        copy_file("scenarios/korea/drills-and-launches-events.csv", events, NULL, NULL))
        return -1;
    snprintf(six_player, sizeof six_player, "%s/six-player.yaml", root);
    if (copy_file("scenarios/games/six-player-tournament.yaml", six_player, "max_groups: 3000", "max_groups: 4"))
        return -1;
    /* Meta Hunter (a ring of its team's proposals) among N-party players: the state slots grow */
    snprintf(large_state, sizeof large_state, "%s/large-state.yaml", root);
    FILE *f = fopen(large_state, "w");
    if (!f) return -1;
    fputs("kind: nparty\nname: \"A large state\"\nseed: 1\ntournament:\n"
          "  players: [ttft, \"Meta Hunter\", tft]\n  group_size: 3\n  turns: 10\n  repetitions: 1\n"
          "  noise: 0.01\n  game: {kind: pd, R: 3, S: 0, T: 5, P: 1}\n",
          f);
    fclose(f);
    snprintf(transcript, sizeof transcript, "%s/t.jsonl", root);
    f = fopen(transcript, "w");
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
        cmocka_unit_test(the_seam_counts_sites_by_caller),
        cmocka_unit_test(huge_blocks_are_zeroed_and_counted),
        cmocka_unit_test(each_scenario_kind_fails_cleanly),
        cmocka_unit_test(tournament_match_and_transcripts_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
