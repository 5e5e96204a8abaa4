/* test_strategies_axelrod_first.c — the entries of Axelrod's first tournament:
 * behaviour at other match lengths and payoffs, parameters, and the statistics
 * of the stochastic entries against values derived from their rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "strategies/registry.h"

/* ---- helpers ------------------------------------------------------------ */

static pl_strategy *make(const char *spec)
{
    pl_strategy *s = NULL;
    pl_error err;
    if (pl_strategy_create(&s, spec, &err) != 0) fail_msg("cannot create %s: %s", spec, err.msg);
    return s;
}

/* Plays a against b; writes a's actions (and b's if bout) as C/D strings. */
static double play_match(const char *a, const char *b, int turns, double prob_end, const char *rstp, uint64_t seed,
                         char *aout, char *bout)
{
    pl_strategy *sa = make(a), *sb = make(b);
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = turns;
    cfg.prob_end = prob_end;
    cfg.seed = seed;
    pl_game g;
    pl_error err;
    if (rstp) {
        assert_int_equal(pl_game_parse_rstp(&g, rstp, &err), 0);
        cfg.game = &g;
    }
    pl_match_result *r;
    assert_int_equal(pl_match_play(sa, sb, &cfg, &r, &err), 0);
    if (aout) pl_match_result_actions(r, 0, aout);
    if (bout) pl_match_result_actions(r, 1, bout);
    double score = pl_match_result_score(r, 0);
    pl_match_result_free(r);
    pl_strategy_free(sa);
    pl_strategy_free(sb);
    return score;
}

/* Plays `spec` against a scripted opponent (the string `opp`), telling it the
 * match length `length` (-1: unknown), under the game R,S,T,P; writes its moves. */
static void play_script(const char *spec, const char *opp, int length, const char *rstp, uint64_t seed, char *out)
{
    pl_strategy *s = make(spec);
    pl_game g;
    pl_error err;
    assert_int_equal(pl_game_parse_rstp(&g, rstp ? rstp : "3,0,5,1", &err), 0);
    pl_history hm, ho;
    assert_int_equal(pl_history_init(&hm, 64), 0);
    assert_int_equal(pl_history_init(&ho, 64), 0);
    void *state = calloc(1, s->def->state_size + 1);
    assert_non_null(state);
    if (s->def->init) s->def->init(state, &s->params);
    pl_rng rng;
    pl_rng_init(&rng, seed, 0, 0);
    pl_view v = {.length = length, .me = &hm, .opp = &ho, .game = &g, .side = 0, .rng = &rng};
    int n = (int)strlen(opp);
    for (int t = 0; t < n; t++) {
        v.turn = t;
        int a = s->def->move(state, &s->params, &v);
        int o = opp[t] == 'D';
        out[t] = a == PL_D ? 'D' : 'C';
        pl_history_push(&hm, a, g.payoff[a][o][0]);
        pl_history_push(&ho, o, g.payoff[a][o][1]);
    }
    out[n] = 0;
    free(state);
    pl_history_free(&hm);
    pl_history_free(&ho);
    pl_strategy_free(s);
}

static int count_c(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == 'C';
    return n;
}

/* Over m seeded 200-turn matches of a against b, the mean number of a's
 * cooperations must be within 5 standard errors (from the sample spread) of
 * `expected`, or within 1e-9 when the count does not vary. */
static void assert_mean_coops(const char *a, const char *b, int m, double expected)
{
    static char buf[256];
    double sum = 0, sum2 = 0;
    for (int i = 0; i < m; i++) {
        play_match(a, b, 200, 0, NULL, 1000 + (uint64_t)i, buf, NULL);
        double c = count_c(buf);
        sum += c;
        sum2 += c * c;
    }
    double mean = sum / m, var = (sum2 - m * mean * mean) / (m - 1);
    double tol = 5 * sqrt(var > 0 ? var : 0) / sqrt(m) + 1e-9;
    if (fabs(mean - expected) > tol)
        fail_msg("%s vs %s: mean cooperations %.4f, expected %.4f (tolerance %.4f)", a, b, mean, expected, tol);
}

/* ---- registry metadata --------------------------------------------------- */

static void names_flags_and_memory_match_axelrod(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int stochastic, uses_length, uses_game, memory;
    } want[] = {
        {"First by Davis: 10", 0, 0, 0, -1},
        {"First by Downing", 0, 0, 1, -1},
        {"First by Nydegger", 0, 0, 0, 3},
        {"First by Shubik", 0, 0, 0, -1},
        {"First by Stein and Rapoport: 0.05: (D, D)", 0, 1, 0, -1},
        {"First by Tideman and Chieruzzi: (D, D)", 0, 1, 1, -1},
        {"Revised Downing", 0, 0, 0, -1},
        {"First by Feld: 1.0, 0.5, 200", 1, 0, 0, 200},
        {"First by Grofman", 1, 0, 0, 1},
        {"First by Joss: 0.9", 1, 0, 0, 1},
        {"First by Tullock", 1, 0, 0, -1},
        {"First by Graaskamp: 0.05", 1, 0, 0, -1},
        {"First by Anonymous", 1, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        pl_strategy *s = make(want[i].name);
        const pl_strategy_info *in = pl_strategy_get_info(s);
        assert_string_equal(in->family, "axelrod_first");
        assert_string_equal(pl_strategy_label(s), want[i].name);
        assert_int_equal(pl_strategy_is_stochastic(s), want[i].stochastic);
        assert_int_equal(in->uses_length, want[i].uses_length);
        assert_int_equal(in->uses_game, want[i].uses_game);
        assert_int_equal(in->memory_depth, want[i].memory);
        pl_strategy_free(s);
    }
    /* Joss with a certain cooperation is deterministic */
    pl_strategy *s = make("first_joss:p=1");
    assert_int_equal(pl_strategy_is_stochastic(s), 0);
    pl_strategy_free(s);
}

/* ---- deterministic entries ----------------------------------------------- */

static void davis_parameter(void **state)
{
    (void)state;
    char a[64];
    play_match("first_davis:rounds_to_cooperate=3", "defector", 10, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CCCDDDDDDD");
    /* no unconditional cooperation: still C until the first defection is seen */
    play_match("first_davis:rounds_to_cooperate=0", "defector", 5, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "CDDDD");
    play_match("First by Davis: 10", "cooperator", 30, 0, NULL, 1, a, NULL);
    assert_int_equal(count_c(a), 30);
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "first_davis:rounds_to_cooperate=-1", &err), PL_EINVAL);
}

static void final_two_defections_follow_the_length(void **state)
{
    (void)state;
    static const char *final_two[] = {"First by Stein and Rapoport: 0.05: (D, D)",
                                      "First by Tideman and Chieruzzi: (D, D)"};
    static const struct {
        int turns;
        const char *want;
    } cases[] = {{1, "D"}, {2, "DD"}, {3, "CDD"}, {7, "CCCCCDD"}};
    char a[512];
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
            play_match(final_two[k], "cooperator", cases[i].turns, 0, NULL, 1, a, NULL);
            assert_string_equal(a, cases[i].want);
        }
        play_match(final_two[k], "cooperator", 333, 0, NULL, 1, a, NULL);
        assert_int_equal(count_c(a), 331);
        assert_string_equal(a + 331, "DD");
        /* with a probabilistic end the length is unknown: no final defections */
        for (uint64_t seed = 1; seed <= 20; seed++) {
            play_match(final_two[k], "cooperator", 400, 0.02, NULL, seed, a, NULL);
            assert_int_equal(count_c(a), (int)strlen(a));
        }
    }
}

/* A scripted opponent's moves over 60 turns (drawn once at random, 40% D). */
static const char *r60 = "CCCCCCDCCCDDDCCDCCCCDDCDDDDCCCCCCCCDCCCCDDDDCCCDCCDDCCCDDCCD";

static void downing_reads_the_payoffs(void **state)
{
    (void)state;
    /* Expected strings computed from the rule (estimate P(C|my C), P(C|my D),
     * compare alpha R + (1-alpha) S with beta T + (1-beta) P) by an independent model. */
    char a[128];
    play_script("first_downing", r60, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "DDCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
    play_script("first_downing", r60, 60, "4,0,4.5,1", 1, a);
    assert_string_equal(a, "DDCDCDCDCDCDCDCDCDCDDCDCCDCDCDCDCDCDDDDDDDDDDDDDDDDDDDDDDDDD");
    play_script("first_downing", r60, 60, "2,0,5,1", 1, a);
    assert_string_equal(a, "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
    /* against a cooperator with the standard game: D, D, then a tie broken by alternation */
    play_match("first_downing", "cooperator", 3, 0, NULL, 1, a, NULL);
    assert_string_equal(a, "DDC");
}

static void tideman_chieruzzi_fresh_starts_depend_on_points_and_length(void **state)
{
    (void)state;
    /* An opponent that defects once every ten moves and takes its punishment:
     * growing retaliations, fresh starts when 10 points ahead (expected strings
     * from an independent model of the rule). */
    const char *sucker = "DCCCCCCCCCDCCCCCCCCCDCCCCCCCCCDCCCCCCCCCDCCCCCCCCCDCCCCCCCCC";
    const char *tc = "First by Tideman and Chieruzzi: (D, D)";
    char a[128];
    play_script(tc, sucker, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "CDCCCCCCCCCDDCCCCCCCCDDCCCCCCCCDCCCCCCCCCDDCCCCCCCCDCCCCCCDD");
    play_script(tc, sucker, -1, "3,0,5,1", 1, a);
    assert_string_equal(a, "CDCCCCCCCCCDDCCCCCCCCDDCCCCCCCCDCCCCCCCCCDDCCCCCCCCDCCCCCCCC");
    /* ten times the payoffs: the 10-point lead comes sooner */
    play_script(tc, sucker, 60, "30,0,50,10", 1, a);
    assert_string_equal(a, "CDCCCCCCCCCDDCCCCCCCCDCCCCCCCCCDDCCCCCCCCDCCCCCCCCCDDCCCCCDD");
    play_script(tc, r60, 60, "3,0,5,1", 1, a);
    assert_string_equal(a, "CCCCCCCDCCCDDDDDDDDDCDDDDDDDDDDDCCCCDDDDDDDDDDDDDDDDDDDDDDDD");
}

static void stein_rapoport_alpha(void **state)
{
    (void)state;
    /* 5 defections in the first 14 moves: chi2 = (9-5)^2/14 = 1.143, p = 0.285.
     * At alpha 0.05 the opponent looks random (defect from move 15 until the
     * next test at move 30, where 5 of 29 gives p = 0.0004); at alpha 0.3 it does not. */
    const char *opp = "DCCDCCDCCDCCDCCCCCCCCCCCCCCCCCCCCCCCCCCC";
    char a[64];
    play_script("first_stein_rapoport", opp, 40, NULL, 1, a);
    assert_string_equal(a, "CCCCDCCDCCDCCDDDDDDDDDDDDDDDDCCCCCCCCCDD");
    play_script("first_stein_rapoport:alpha=0.3", opp, 40, NULL, 1, a);
    assert_string_equal(a, "CCCCDCCDCCDCCDCCCCCCCCCCCCCCCCCCCCCCCCDD");
}

static void nydegger_third_move_exception(void **state)
{
    (void)state;
    char a[16];
    play_script("first_nydegger", "DCC", 3, NULL, 1, a); /* alone C on move 1, alone D on move 2 */
    assert_string_equal(a, "CDD");
    play_script("first_nydegger", "CDC", 3, NULL, 1, a);
    assert_string_equal(a, "CCD");
    /* then A = 16 a1 + 4 a2 + a3: (D,D), (D,D), (C,D) gives 48 + 12 + 2 = 62, not
     * in the set: C; then (C,D), (D,D), (D,D) gives 32 + 12 + 3 = 47: C */
    play_script("first_nydegger", "DDDDD", 5, NULL, 1, a);
    assert_string_equal(a, "CDDCC");
    /* mutual cooperation: A = 0, cooperate */
    play_script("first_nydegger", "CCCCCCC", 7, NULL, 1, a);
    assert_string_equal(a, "CCCCCCC");
}

static void shubik_retaliations_grow(void **state)
{
    (void)state;
    char a[64];
    /* each defection against a cooperation is answered by 1, 2, 3 ... defections */
    play_script("first_shubik", "DCCCDCCCCDCCCCCC", 16, NULL, 1, a);
    assert_string_equal(a, "CDCCCDDCCCDDDCCC");
}

static void revised_downing_against_defector(void **state)
{
    (void)state;
    char a[16];
    play_match("revised_downing", "defector", 6, 0, NULL, 1, a, NULL);
    /* C; then good = 1, bad = 0: 6-2 >= 0 and >= 4-1: C; after a C answered by D,
     * good = 0: both expressions negative: D from then on */
    assert_string_equal(a, "CCDDDD");
}

/* ---- stochastic entries --------------------------------------------------- */

static void joss_statistics(void **state)
{
    (void)state;
    /* vs Cooperator: C first, then C with probability p on each of 199 moves */
    assert_mean_coops("First by Joss: 0.9", "cooperator", 400, 1 + 199 * 0.9);
    assert_mean_coops("first_joss:p=0.5", "cooperator", 400, 1 + 199 * 0.5);
    /* vs Defector: tit for tat, no draw */
    char a[256];
    play_match("first_joss", "defector", 200, 0, NULL, 7, a, NULL);
    assert_int_equal(count_c(a), 1);
    assert_int_equal(a[0], 'C');
}

static void feld_statistics(void **state)
{
    (void)state;
    /* vs Cooperator: P(C at move t>0) = max(start + (end-start) t / rounds, end) */
    double e = 1;
    for (int t = 1; t < 200; t++) e += fmax(1.0 - 0.5 * t / 200.0, 0.5);
    assert_mean_coops("First by Feld: 1.0, 0.5, 200", "cooperator", 400, e);
    e = 1;
    for (int t = 1; t < 200; t++) e += fmax(0.9 - 0.7 * t / 50.0, 0.2);
    assert_mean_coops("first_feld:start_coop_prob=0.9,end_coop_prob=0.2,rounds_of_decay=50", "cooperator", 400, e);
    /* start = end = 1: tit for tat */
    char a[256], b[256];
    play_match("first_feld:end_coop_prob=1", "tft", 200, 0, NULL, 3, a, b);
    assert_int_equal(count_c(a), 200);
    play_match("first_feld", "defector", 50, 0, NULL, 3, a, NULL);
    assert_int_equal(count_c(a), 1);
}

static void grofman_statistics(void **state)
{
    (void)state;
    /* vs Defector: after C (outcomes differ) cooperate w.p. 2/7, after D (both D)
     * cooperate: P(C at t+1) = 2/7 P(C at t) + (1 - P(C at t)), P(C at 0) = 1 */
    double p = 1, e = 0;
    for (int t = 0; t < 200; t++) {
        e += p;
        p = p * 2.0 / 7.0 + (1 - p);
    }
    assert_mean_coops("First by Grofman", "defector", 400, e);
    char a[256];
    play_match("first_grofman", "cooperator", 200, 0, NULL, 5, a, NULL);
    assert_int_equal(count_c(a), 200); /* outcomes always agree */
}

static void tullock_statistics(void **state)
{
    (void)state;
    /* 11 cooperations, then C with probability (10/10) - 0.1 = 0.9 against a cooperator */
    assert_mean_coops("First by Tullock", "cooperator", 400, 11 + 189 * 0.9);
    /* against a defector the probability is max(0, 0 - 0.1) = 0: no draw */
    char a[256];
    play_match("first_tullock", "defector", 200, 0, NULL, 9, a, NULL);
    assert_int_equal(count_c(a), 11);
    assert_int_equal(strspn(a, "C"), 11);
}

static void anonymous_statistics(void **state)
{
    (void)state;
    /* P(C) = E[U(0.3, 0.7)] = 0.5 on every move, whatever the opponent */
    assert_mean_coops("First by Anonymous", "cooperator", 400, 100);
    assert_mean_coops("First by Anonymous", "defector", 400, 100);
}

static void graaskamp_behaviour(void **state)
{
    (void)state;
    char a[256], b[256];
    /* vs Cooperator: 50 C, D on move 51, 5 C, then defections every 5 to 14 moves */
    double e = 0;
    {
        /* expected number of random defections within moves 57..200 (turns 56..199):
         * renewal process with gaps uniform on 5..14 starting from turn 56 */
        double f[200 + 15] = {0};
        for (int g = 5; g <= 14; g++) f[56 + g] += 0.1;
        for (int t = 56; t < 200; t++)
            if (f[t] > 0) {
                e += f[t];
                for (int g = 5; g <= 14; g++) f[t + g] += f[t] * 0.1;
            }
    }
    double sum = 0, sum2 = 0;
    int m = 400;
    for (int i = 0; i < m; i++) {
        play_match("First by Graaskamp: 0.05", "cooperator", 200, 0, NULL, 50 + (uint64_t)i, a, NULL);
        assert_int_equal(strspn(a, "C"), 50);
        assert_int_equal(a[50], 'D');
        assert_int_equal(strspn(a + 51, "C"), 5 + strspn(a + 56, "C"));
        int last = 56;
        for (int t = 56; t < 200; t++)
            if (a[t] == 'D') {
                int gap = t - last;
                assert_true(gap >= 5 && gap <= 14);
                last = t;
            }
        double d = 200 - count_c(a) - 1;
        sum += d;
        sum2 += d * d;
    }
    /* mean number of random defections within 5 standard errors (sample spread) */
    double mean = sum / m, sd = sqrt((sum2 - m * mean * mean) / (m - 1));
    if (fabs(mean - e) > 5 * sd / sqrt(m)) fail_msg("Graaskamp: %.3f random defections, expected %.3f", mean, e);

    /* vs Tit For Tat: recognised as tit for tat, played deterministically */
    play_match("first_graaskamp", "tft", 200, 0, NULL, 1, a, b);
    char a2[256];
    play_match("first_graaskamp", "tft", 200, 0, NULL, 2, a2, NULL);
    assert_string_equal(a, a2);
    assert_int_equal(strspn(a, "C"), 50);
    for (int t = 50; t < 200; t++) assert_int_equal(a[t], (t - 50) % 2 == 0 ? 'D' : 'C');

    /* alpha: 24 defections in 56 moves gives p = 0.285; random at 0.05, not at 0.5 */
    char opp[80];
    for (int t = 0; t < 70; t++) opp[t] = (t < 56 && t % 7 < 3) ? 'D' : 'C';
    opp[70] = 0;
    play_script("first_graaskamp", opp, 70, NULL, 1, a);
    assert_int_equal(strspn(a + 56, "D"), 14);
    play_script("first_graaskamp:alpha=0.5", opp, 70, NULL, 1, a);
    assert_int_equal(a[56], 'C');
    assert_true(strspn(a + 56, "C") >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_flags_and_memory_match_axelrod),
        cmocka_unit_test(davis_parameter),
        cmocka_unit_test(final_two_defections_follow_the_length),
        cmocka_unit_test(downing_reads_the_payoffs),
        cmocka_unit_test(tideman_chieruzzi_fresh_starts_depend_on_points_and_length),
        cmocka_unit_test(stein_rapoport_alpha),
        cmocka_unit_test(nydegger_third_move_exception),
        cmocka_unit_test(shubik_retaliations_grow),
        cmocka_unit_test(revised_downing_against_defector),
        cmocka_unit_test(joss_statistics),
        cmocka_unit_test(feld_statistics),
        cmocka_unit_test(grofman_statistics),
        cmocka_unit_test(tullock_statistics),
        cmocka_unit_test(anonymous_statistics),
        cmocka_unit_test(graaskamp_behaviour),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
