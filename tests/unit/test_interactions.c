// SPDX-License-Identifier: MIT
/* test_interactions.c — io/gzout.c (gzip result files with a fixed header, written atomically)
 * and the tournament's interactions file (pl_tournament_config.interactions): every match, one
 * line each, whose scores add up to the results' totals, the same bytes at any thread count. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "io/gzout.h"
#include "parley/strategy.h"
#include "parley/tournament.h"

static char root[256];

static char *path_in(const char *name)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", root, name);
    return p;
}

/* The whole decompressed content of a gzip file (caller frees), its length in *len. */
static char *gunzip(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    assert_non_null(f);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int got;
    while ((got = gzread(f, buf + n, (unsigned)(cap - n))) > 0) {
        n += (size_t)got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    assert_int_equal(got, 0);
    gzclose(f);
    buf = realloc(buf, n + 1);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static unsigned char *read_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)n + 1);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* One line of an interactions file, "i,j,repetition,actions_i,actions_j,score_i,score_j", read whole:
 * the two actions' texts point into the line (C and D only, their lengths equal). */
typedef struct {
    size_t i, j;
    int rep, turns;
    const char *a, *b;
    double si, sj;
} interaction_line;

static interaction_line read_interaction(const char *line)
{
    interaction_line l;
    int a_at, a_end, b_at, b_end, used = 0;
    assert_int_equal(sscanf(line, "%zu,%zu,%d,%n%*[CD]%n,%n%*[CD]%n,%lf,%lf%n", &l.i, &l.j, &l.rep, &a_at, &a_end,
                            &b_at, &b_end, &l.si, &l.sj, &used), 5);
    assert_int_equal((size_t)used, strlen(line));
    assert_int_equal(a_end - a_at, b_end - b_at);
    l.turns = a_end - a_at;
    l.a = line + a_at, l.b = line + b_at;
    return l;
}

/* No "<name>.tmp-<pid>" left in the test's directory. */
static void no_temporary(void)
{
    DIR *d = opendir(root);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".tmp-")) fail_msg("a temporary was left: %s", e->d_name);
    closedir(d);
}

static void write_text(const char *path, const char *text, size_t len, size_t piece)
{
    pl_gzout *g = malloc(sizeof *g);
    pl_error err;
    assert_int_equal(pl_gzout_open(g, path, &err), 0);
    for (size_t at = 0; at < len; at += piece) assert_int_equal(pl_gzout_write(g, text + at, len - at < piece ? len - at : piece), 0);
    assert_int_equal(pl_gzout_commit(g, &err), 0);
    free(g);
}

/* Text in pieces of any size, longer than the output buffer, reads back whole; the header holds
 * no name and a time of 0, so the same text gives the same bytes, however it was cut. */
static void gzout_round_trip(void **state)
{
    (void)state;
    size_t len = 300000;
    char *text = malloc(len);
    uint64_t x = 12345;
    for (size_t i = 0; i < len; i++) { /* hardly compressible, so the output buffer fills often */
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        text[i] = (char)('A' + (x >> 59));
    }
    write_text(path_in("a.gz"), text, len, 7);
    write_text(path_in("b.gz"), text, len, 100000);
    size_t n;
    char *back = gunzip(path_in("a.gz"), &n);
    assert_int_equal(n, len);
    assert_memory_equal(back, text, len);
    free(back);
    size_t na, nb;
    unsigned char *a = read_bytes(path_in("a.gz"), &na), *b = read_bytes(path_in("b.gz"), &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    static const unsigned char header[8] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0}; /* no FNAME flag, MTIME 0 */
    assert_memory_equal(a, header, sizeof header);
    free(a);
    free(b);
    free(text);
    no_temporary();
}

/* An empty text is a valid, empty gzip file. */
static void gzout_empty(void **state)
{
    (void)state;
    write_text(path_in("empty.gz"), "", 0, 1);
    size_t n;
    char *back = gunzip(path_in("empty.gz"), &n);
    assert_int_equal(n, 0);
    free(back);
}

/* A path that cannot be written fails at open, naming it; an abort leaves nothing. */
static void gzout_errors(void **state)
{
    (void)state;
    pl_gzout *g = malloc(sizeof *g);
    pl_error err;
    assert_int_equal(pl_gzout_open(g, path_in("no-such-dir/x.gz"), &err), PL_EIO);
    assert_non_null(strstr(err.msg, "no-such-dir/x.gz"));
    assert_int_equal(pl_gzout_open(g, path_in("dropped.gz"), &err), 0);
    assert_int_equal(pl_gzout_write(g, "abc", 3), 0);
    pl_gzout_abort(g);
    assert_int_equal(access(path_in("dropped.gz"), F_OK), -1);
    no_temporary();
    free(g);
}

typedef struct field {
    pl_strategy *p[5];
    size_t n;
} field;

static void field_make(field *f)
{
    static const char *names[] = {"tft", "grudger", "random", "wsls", "defector"};
    pl_error err;
    f->n = 5;
    for (size_t i = 0; i < f->n; i++) assert_int_equal(pl_strategy_create(&f->p[i], names[i], &err), 0);
}

static void field_free(field *f)
{
    for (size_t i = 0; i < f->n; i++) pl_strategy_free(f->p[i]);
}

static pl_tournament_result *play(const field *f, int threads, const char *path, pl_tournament_config *cfg)
{
    pl_tournament_config_default(cfg);
    cfg->turns = 30;
    cfg->repetitions = 4;
    cfg->noise = 0.1;
    cfg->prob_end = 0.05;
    cfg->seed = 3;
    cfg->threads = threads;
    cfg->interactions = path;
    pl_tournament_result *r = NULL;
    pl_error err;
    int rc = pl_tournament_run((const pl_strategy *const *)f->p, f->n, cfg, &r, &err);
    if (rc) fail_msg("%s", err.msg);
    return r;
}

/* One line a match, each player's scores against the others adding up to the results' total
 * score of each repetition, the same bytes at 1 and 3 threads. */
static void tournament_file(void **state)
{
    (void)state;
    field f;
    field_make(&f);
    pl_tournament_config cfg;
    pl_tournament_result *r1 = play(&f, 1, path_in("i1.gz"), &cfg);
    pl_tournament_result *r3 = play(&f, 3, path_in("i3.gz"), &cfg);
    size_t n1, n3;
    unsigned char *b1 = read_bytes(path_in("i1.gz"), &n1), *b3 = read_bytes(path_in("i3.gz"), &n3);
    assert_int_equal(n1, n3);
    assert_memory_equal(b1, b3, n1);
    free(b1);
    free(b3);

    size_t len;
    char *text = gunzip(path_in("i1.gz"), &len);
    char *line = strtok(text, "\n");
    assert_string_equal(line, "i,j,repetition,actions_i,actions_j,score_i,score_j");
    double total[5][4] = {{0}};
    uint64_t lines = 0, turns = 0;
    while ((line = strtok(NULL, "\n"))) {
        interaction_line l = read_interaction(line);
        size_t i = l.i, j = l.j;
        int rep = l.rep;
        double si = l.si, sj = l.sj;
        assert_true(i <= j && j < f.n && rep >= 0 && rep < cfg.repetitions);
        turns += (uint64_t)l.turns;
        lines++;
        if (i != j) {
            total[i][rep] += si;
            total[j][rep] += sj;
        }
    }
    assert_int_equal(lines, pl_tournament_result_matches(r1));
    assert_int_equal(turns, pl_tournament_result_turns(r1));
    for (size_t p = 0; p < f.n; p++)
        for (int rep = 0; rep < cfg.repetitions; rep++)
            assert_true(total[p][rep] == pl_tournament_result_score(r1, p, rep)); /* whole numbers: exact */
    free(text);
    pl_tournament_result_free(r1);
    pl_tournament_result_free(r3);
    field_free(&f);
    no_temporary();
}

/* The batched play (the default since 2026-12-04, issue 17) with an interactions file: tables
 * (tft, gtft, wsls, random), automata (a gambler, a machine, tf2t) and a player that is neither
 * (adaptive, played match by match), a fixed length across a chunk of 64 turns and 70 repetitions
 * (a full batch and a part of one), noise.  Each line's scores are its actions' under the game; a
 * player's scores in a repetition add up to the results' total; each ordered pair's states, the
 * actions that followed them, its good partnership, cooperations and turns recomputed from the
 * lines are the results' counts; each pair's mean payoff a turn the payoff matrix's (to 1e-12:
 * numpy's summation order); the same bytes on 1 and 3 threads; and the results the same with and
 * without the file (keeping the actions changes no draw). */
static void batched_file(void **state)
{
    (void)state;
    enum { N = 8, REPS = 70, TURNS = 70 };
    static const char *names[N] = {"tft", "gtft", "pso_gambler_2_2_2", "random", "evolved_fsm_4", "wsls", "tf2t",
                                   "adaptive"};
    pl_strategy *p[N];
    pl_error err;
    for (int i = 0; i < N; i++) assert_int_equal(pl_strategy_create(&p[i], names[i], &err), 0);
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    assert_int_equal(cfg.batched, 1); /* the default */
    cfg.turns = TURNS;
    cfg.repetitions = REPS;
    cfg.noise = 0.02;
    cfg.seed = 8;
    pl_tournament_result *r[3] = {NULL, NULL, NULL};
    const char *paths[2] = {path_in("b1.gz"), NULL};
    char p3[512];
    snprintf(p3, sizeof p3, "%s", path_in("b3.gz"));
    paths[1] = p3;
    for (int v = 0; v < 3; v++) {
        cfg.threads = v == 1 ? 3 : 1;
        cfg.interactions = v < 2 ? paths[v] : NULL;
        if (pl_tournament_run((const pl_strategy *const *)p, N, &cfg, &r[v], &err)) fail_msg("%s", err.msg);
    }
    assert_int_equal(pl_tournament_result_batched(r[0]), 1);
    size_t n1, n3;
    unsigned char *b1 = read_bytes(paths[0], &n1), *b3 = read_bytes(paths[1], &n3);
    assert_int_equal(n1, n3);
    assert_memory_equal(b1, b3, n1);
    free(b1);
    free(b3);
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < N; j++) {
            assert_true(pl_tournament_result_payoff(r[0], i, j) == pl_tournament_result_payoff(r[2], i, j));
            assert_true(pl_tournament_result_payoff_stddev(r[0], i, j) == pl_tournament_result_payoff_stddev(r[2], i, j));
        }

    const pl_game *g = pl_game_standard();
    size_t len;
    char *text = gunzip(paths[0], &len);
    char *save = NULL, *line = strtok_r(text, "\n", &save);
    assert_string_equal(line, "i,j,repetition,actions_i,actions_j,score_i,score_j");
    static double total[N][REPS], pay[N][N];
    static uint64_t st[N][N][4], to_c[N][N][4], to_d[N][N][4], good[N][N], coop[N][N], turns_of[N][N];
    static int seen[N][N][REPS];
    memset(total, 0, sizeof total), memset(pay, 0, sizeof pay), memset(st, 0, sizeof st), memset(to_c, 0, sizeof to_c);
    memset(to_d, 0, sizeof to_d), memset(good, 0, sizeof good), memset(coop, 0, sizeof coop);
    memset(turns_of, 0, sizeof turns_of), memset(seen, 0, sizeof seen);
    uint64_t lines = 0;
    size_t last_i = 0, last_j = 0;
    int last_rep = -1;
    while ((line = strtok_r(NULL, "\n", &save))) {
        interaction_line l = read_interaction(line);
        size_t i = l.i, j = l.j;
        int rep = l.rep;
        double si = l.si, sj = l.sj;
        assert_int_equal(l.turns, TURNS);
        assert_true(i <= j && j < N && rep >= 0 && rep < REPS && !seen[i][j][rep]);
        /* pairs in job order, repetitions in order */
        assert_true(i > last_i || (i == last_i && (j > last_j || (j == last_j && rep == last_rep + 1))) || lines == 0);
        if (i != last_i || j != last_j) assert_int_equal(rep, 0);
        last_i = i, last_j = j, last_rep = rep;
        seen[i][j][rep] = 1;
        lines++;
        const char *A = l.a, *B = l.b;
        double ai = 0, aj = 0;
        int ci = 0, cj = 0;
        for (int t = 0; t < TURNS; t++) {
            int x = A[t] == 'D', y = B[t] == 'D';
            ai += g->payoff[x][y][0];
            aj += g->payoff[x][y][1];
            ci += !x, cj += !y;
            if (i == j) continue;
            st[i][j][2 * x + y]++;
            st[j][i][2 * y + x]++;
            if (t + 1 < TURNS) {
                if (A[t + 1] == 'C') to_c[i][j][2 * x + y]++;
                else to_d[i][j][2 * x + y]++;
                if (B[t + 1] == 'C') to_c[j][i][2 * y + x]++;
                else to_d[j][i][2 * y + x]++;
            }
        }
        assert_true(ai == si && aj == sj); /* the line's scores are its actions' */
        if (i != j) {
            total[i][rep] += si;
            total[j][rep] += sj;
            good[i][j] += ci >= cj;
            good[j][i] += cj >= ci;
            pay[i][j] += si / TURNS;
            pay[j][i] += sj / TURNS;
            coop[i][j] += (uint64_t)ci, coop[j][i] += (uint64_t)cj;
            turns_of[i][j] += TURNS, turns_of[j][i] += TURNS;
        }
    }
    assert_int_equal(lines, pl_tournament_result_matches(r[0]));
    assert_int_equal(lines, (uint64_t)N * (N + 1) / 2 * REPS);
    for (size_t i = 0; i < N; i++) {
        for (int rep = 0; rep < REPS; rep++)
            assert_true(total[i][rep] == pl_tournament_result_score(r[0], i, rep)); /* whole numbers: exact */
        for (size_t j = 0; j < N; j++) {
            if (i == j) continue;
            uint64_t s4[4], c4[4], d4[4];
            pl_tournament_result_pair_states(r[0], i, j, s4, c4, d4);
            for (int o = 0; o < 4; o++)
                if (s4[o] != st[i][j][o] || c4[o] != to_c[i][j][o] || d4[o] != to_d[i][j][o])
                    fail_msg("%s vs %s, state %d: the lines %llu, %llu, %llu; the results %llu, %llu, %llu", names[i],
                             names[j], o, (unsigned long long)st[i][j][o], (unsigned long long)to_c[i][j][o],
                             (unsigned long long)to_d[i][j][o], (unsigned long long)s4[o], (unsigned long long)c4[o],
                             (unsigned long long)d4[o]);
            assert_int_equal(good[i][j], pl_tournament_result_good_partner(r[0], i, j));
            assert_int_equal(coop[i][j], pl_tournament_result_pair_cooperation(r[0], i, j));
            assert_int_equal(turns_of[i][j], pl_tournament_result_pair_turns(r[0], i, j));
            double want = pl_tournament_result_payoff(r[0], i, j), got = pay[i][j] / REPS;
            if (fabs(got - want) > 1e-12) fail_msg("%s vs %s: payoff %.17g from the lines, %.17g", names[i], names[j], got, want);
        }
    }
    free(text);
    for (int v = 0; v < 3; v++) pl_tournament_result_free(r[v]);
    for (int i = 0; i < N; i++) pl_strategy_free(p[i]);
    no_temporary();
}

/* A path that cannot be written fails before any play, no file made. */
static void tournament_refusals(void **state)
{
    (void)state;
    field f;
    field_make(&f);
    pl_tournament_config cfg;
    pl_tournament_config_default(&cfg);
    pl_tournament_result *r = NULL;
    pl_error err;
    cfg.interactions = path_in("missing/dir.gz");
    assert_int_equal(pl_tournament_run((const pl_strategy *const *)f.p, f.n, &cfg, &r, &err), PL_EIO);
    assert_null(r);
    assert_non_null(strstr(err.msg, "missing/dir.gz"));
    field_free(&f);
    no_temporary();
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "%s/parley-interactions-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gzout_round_trip),     cmocka_unit_test(gzout_empty),
        cmocka_unit_test(gzout_errors),         cmocka_unit_test(tournament_file),
        cmocka_unit_test(batched_file),         cmocka_unit_test(tournament_refusals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
