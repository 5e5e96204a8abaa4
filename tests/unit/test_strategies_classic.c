// SPDX-License-Identifier: MIT
/* test_strategies_classic.c — the classic family beyond the 200-turn transcripts:
 * other match lengths and payoffs, parameters, and the statistics of the
 * stochastic players (Random, GTFT, Stochastic WSLS, Memory One). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"

/* ---- length-aware strategies ---------------------------------------------- */

static void alexei_and_eugine_defect_on_the_last_known_turn(void **state)
{
    (void)state;
    st_expect_actions("alexei", "cooperator", "D");
    st_expect_actions("alexei", "cooperator", "CCCCCCD");
    st_expect_actions("Alexei: (D,)", "cooperator", "CCCCCCCCCCCCD");
    st_expect_actions("eugine_nier", "cooperator", "CCCCD");
    /* five defections by the opponent turn EugineNier into a defector */
    st_expect_actions("eugine_nier", "defector", "CDDDDDDDD");
    st_expect_actions("eugine_nier", "alternator", "CCDCDCDCDCDD");
    /* with a probabilistic end the length is unknown: no final defection */
    char a[600];
    for (uint64_t seed = 0; seed < 20; seed++) {
        st_match m = {.turns = 500, .prob_end = 0.05, .seed = seed};
        int n = st_play("alexei", "cooperator", m, a, NULL).turns;
        assert_int_equal(st_count_c(a), n);
        n = st_play("eugine_nier", "cooperator", m, a, NULL).turns;
        assert_int_equal(st_count_c(a), n);
    }
}

static void level_punishers_beyond_the_windows(void **state)
{
    (void)state;
    char a[1100], want[1100];
    /* Level Punisher: C for 10 turns, then D while the opponent defects > 20% */
    st_play("level_punisher", "defector", (st_match){.turns = 1000}, a, NULL);
    for (int t = 0; t < 1000; t++) want[t] = t < 10 ? 'C' : 'D';
    want[1000] = 0;
    assert_string_equal(a, want);
    /* Tricky Level Punisher stops punishing from turn 100 on */
    st_play("tricky_level_punisher", "defector", (st_match){.turns = 1000}, a, NULL);
    for (int t = 0; t < 1000; t++) want[t] = (t == 0 || t >= 100) ? 'C' : 'D';
    assert_string_equal(a, want);
}

static void gradual_punishments_grow_over_long_matches(void **state)
{
    (void)state;
    /* against a defector: C, then n defections followed by two cooperations where n counts
     * every defection the opponent made up to the trigger */
    char a[2100];
    st_play("gradual", "defector", (st_match){.turns = 2000}, a, NULL);
    int t = 1, opp_defections = 1;
    while (t < 2000) {
        int n = opp_defections; /* the opponent has defected on every turn before t */
        for (int k = 0; k < n && t < 2000; k++, t++) assert_int_equal(a[t], 'D');
        for (int k = 0; k < 2 && t < 2000; k++, t++) assert_int_equal(a[t], 'C');
        opp_defections = t;
    }
}

static void retaliators_over_long_matches(void **state)
{
    (void)state;
    char a[3100];
    /* Retaliate never forgives a defector: exploited once, it never exploits back */
    st_play("retaliate", "defector", (st_match){.turns = 3000}, a, NULL);
    assert_int_equal(a[0], 'C');
    assert_int_equal(st_count_c(a + 1), 0);
    /* Limited Retaliate against a defector: C, then runs of `limit` defections separated by one C */
    st_play("limited_retaliate:retaliation_limit=7", "defector", (st_match){.turns = 3000}, a, NULL);
    for (int t = 0; t < 3000; t++) assert_int_equal(a[t], t % 8 == 0 ? 'C' : 'D');
}

/* pl_view_last_pair (strategy_def.h) reads both parties' last actions at one position: at every
 * turn of histories three words long, against the two actions each read from its own length. */
static void last_pair_is_both_last_actions(void **state)
{
    (void)state;
    pl_history me, opp;
    assert_int_equal(pl_history_init(&me, 64), 0);
    assert_int_equal(pl_history_init(&opp, 64), 0);
    pl_view v = {.me = &me, .opp = &opp};
    uint64_t x = 777;
    for (int t = 1; t <= 192; t++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        assert_int_equal(pl_history_push(&me, (int)(x >> 63), 0), 0);
        assert_int_equal(pl_history_push(&opp, (int)(x >> 62) & 1, 0), 0);
        v.turn = t;
        assert_int_equal(pl_view_last_pair(&v), (unsigned)(pl_hist_ago(&me, 1) << 1 | pl_hist_ago(&opp, 1)));
    }
    pl_history_free(&me);
    pl_history_free(&opp);
}

/* Retaliate and Limited Retaliate against random scripts of 300 turns (every pair of last actions
 * at every position of a word), move for move against their rules with the two counts recounted
 * from the play at every turn: the players count the last turn's outcome from both last actions
 * read at once (pl_view_last_pair).  Fails with the two actions swapped there (tried). */
static void retaliators_count_as_a_recount(void **state)
{
    (void)state;
    enum { N = 300 };
    static const char *specs[] = {"retaliate", "retaliate:retaliation_threshold=0.3",
                                  "limited_retaliate", "limited_retaliate:retaliation_threshold=0.2,retaliation_limit=3"};
    static const double threshold[] = {0.1, 0.3, 0.1, 0.2};
    static const int limit[] = {0, 0, 20, 3};
    uint64_t x = 31337;
    char script[N + 1], got[N + 1];
    for (int trial = 0; trial < 40; trial++) {
        unsigned bias = 1 + (unsigned)(trial % 7);
        st_biased_script(script, N, bias, &x);
        for (size_t k = 0; k < sizeof specs / sizeof *specs; k++) {
            st_play_script(specs[k], script, N, NULL, 1, got);
            int retaliating = 0, count = 0;
            for (int n = 0; n < N; n++) {
                int cd = 0, dc = 0;
                for (int i = 0; i < n; i++) {
                    cd += got[i] == 'C' && script[i] == 'D';
                    dc += got[i] == 'D' && script[i] == 'C';
                }
                char want = cd > dc * threshold[k] ? 'D' : 'C';
                if (limit[k]) { /* a retaliation stops after `limit` defections in a row */
                    want = 'C';
                    if (cd > dc * threshold[k]) retaliating = 1;
                    else retaliating = 0, count = 0;
                    if (retaliating) {
                        if (count < limit[k]) count++, want = 'D';
                        else count = 0, retaliating = 0;
                    }
                }
                if (got[n] != want) fail_msg("%s, trial %d, turn %d: played %c, the rule says %c", specs[k], trial, n, got[n], want);
            }
        }
    }
}

/* ---- parameters ---------------------------------------------------------------- */

static void parameters_change_behaviour(void **state)
{
    (void)state;
    const char *opps[] = {"alternator", "bully", "suspicious_tft", "anti_tft", "random:p=0"};
    for (size_t i = 0; i < sizeof opps / sizeof *opps; i++) {
        st_expect_same("n_tits_for_m_tats:N=1,M=1", "tft", opps[i], 50);
        st_expect_same("n_tits_for_m_tats:N=1,M=2", "tf2t", opps[i], 50);
        st_expect_same("n_tits_for_m_tats:N=2,M=1", "two_tits_for_tat", opps[i], 50);
        st_expect_same("n_tits_for_m_tats:N=0,M=1", "cooperator", opps[i], 50);
        st_expect_same("n_tits_for_m_tats:N=3,M=0", "defector", opps[i], 50);
        st_expect_same("gtft:p=0", "tft", opps[i], 50);
        st_expect_same("gtft:p=1", "cooperator", opps[i], 50);
        st_expect_same("stochastic_wsls:ep=0", "wsls", opps[i], 50);
        st_expect_same("memory_one", "wsls", opps[i], 50);
        st_expect_same("memory_one:p_cc=1,p_cd=0,p_dc=1,p_dd=0", "tft", opps[i], 50);
        st_expect_same("memory_one:p_cc=0,p_cd=1,p_dc=1,p_dd=0,initial=0", "win_shift_lose_stay", opps[i], 50);
        st_expect_same("random:p=1", "cooperator", opps[i], 50);
        st_expect_same("random:p=0", "defector", opps[i], 50);
        st_expect_same("adaptive_tft:rate=1", "tft", opps[i], 50);
    }
    /* the world image starts at the rate: 0.1, 0.19, 0.271, 0.3439, 0.40951, 0.468559, 0.5217031 */
    st_expect_actions("adaptive_tft:rate=0.1", "cooperator", "CDDDDDCC");
    st_expect_actions("Adaptive Tit For Tat: 0.5", "alternator", "CCDCDC");
    st_expect_actions("win_shift_lose_stay", "cooperator", "DCDCDC");
    st_expect_actions("win_shift_lose_stay:initial=C", "cooperator", "CDCDCD");
    /* Omega TFT against Alternator, worked by hand from the rule: the deadlock breaker cooperates
     * on turns 5 and 6, then the randomness score reaches 8 on turn 8 */
    st_expect_actions("omega_tft", "alternator", "CCDCDCCCDD");
    st_expect_actions("omega_tft:deadlock_threshold=100", "alternator", "CCDCDDDD");
    st_expect_actions("omega_tft:randomness_threshold=0", "alternator", "CCDDDD");
    st_expect_actions("omega_tft:randomness_threshold=0", "cooperator", "CCCCCC");

    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "limited_retaliate:retaliation_limit=-1", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "limited_retaliate:retaliation_limit=1.5", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "adaptive_tft:rate=2", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "gtft:p=1.5", &err), PL_EINVAL);
    /* a negative p other than -1 once ran as -1 under the label typed (gtft:p=-0.5) */
    assert_int_equal(pl_strategy_create(&s, "gtft:p=-0.5", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "or -1 for the default of each match's game"));
    assert_int_equal(pl_strategy_create(&s, "random:p=-0.1", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "memory_one:p_cd=2", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "win_shift_lose_stay:initial=X", &err), PL_EINVAL);

    s = st_make("Retaliate 2: 0.08");
    assert_true(pl_strategy_param(s, "retaliation_threshold") == 0.08);
    assert_string_equal(pl_strategy_label(s), "Retaliate 2: 0.08");
    pl_strategy_free(s);
    s = st_make("gtft");
    assert_string_equal(pl_strategy_label(s), "GTFT: 0.33");
    assert_true(pl_strategy_is_stochastic(s));
    pl_strategy_free(s);
    s = st_make("gtft:p=0");
    assert_false(pl_strategy_is_stochastic(s));
    pl_strategy_free(s);
    s = st_make("random:p=1");
    assert_false(pl_strategy_is_stochastic(s));
    pl_strategy_free(s);
    s = st_make("Random: 0.5");
    assert_true(pl_strategy_is_stochastic(s));
    pl_strategy_free(s);
    s = st_make("memory_one:p_cc=1,p_cd=0,p_dc=1,p_dd=0");
    assert_false(pl_strategy_is_stochastic(s));
    pl_strategy_free(s);
    s = st_make("memory_one:initial=0.5");
    assert_true(pl_strategy_is_stochastic(s));
    pl_strategy_free(s);

    s = st_make("alexei");
    assert_true(pl_strategy_get_info(s)->uses_length);
    pl_strategy_free(s);
    s = st_make("gtft");
    assert_true(pl_strategy_get_info(s)->uses_game);
    assert_int_equal(pl_strategy_get_info(s)->memory_depth, 1);
    pl_strategy_free(s);
}

/* ---- noise ---------------------------------------------------------------------- */

static void contrite_tft_is_tft_without_noise_and_repents_with_it(void **state)
{
    (void)state;
    const char *opps[] = {"alternator", "bully", "defector", "suspicious_tft", "gradual", "punisher"};
    for (size_t i = 0; i < sizeof opps / sizeof *opps; i++) st_expect_same("contrite_tft", "tft", opps[i], 100);
    /* Against Tit For Tat with noise, contrition ends D/C echoes sooner than plain TFT does:
     * compare the mutual-cooperation rate over many seeded noisy matches. */
    char a[201], b[201];
    long cc_contrite = 0, cc_tft = 0;
    for (uint64_t seed = 0; seed < 200; seed++) {
        st_play("contrite_tft", "tft", (st_match){.turns = 200, .noise = 0.02, .seed = seed}, a, b);
        for (int t = 0; t < 200; t++) cc_contrite += a[t] == 'C' && b[t] == 'C';
        st_play("tft", "tft", (st_match){.turns = 200, .noise = 0.02, .seed = seed}, a, b);
        for (int t = 0; t < 200; t++) cc_tft += a[t] == 'C' && b[t] == 'C';
    }
    assert_true(cc_contrite > cc_tft);
}

/* ---- other payoffs ------------------------------------------------------------ */

/* GTFT with p = -1 takes its forgiveness from the match's game: min(1-(T-R)/(R-S), (R-P)/(T-P));
 * by default it is the reference's, fixed from the standard game.
 * Against a defector every turn after the first is an independent draw: C with
 * probability p.  Tolerance: 5 binomial standard errors. */
static void gtft_forgiveness_follows_the_game(void **state)
{
    (void)state;
    struct { const char *game; double p; } cases[] = {
        {"3,0,5,1", 1.0 / 3.0}, /* min(1 - 2/3, 2/4) */
        {"4,0,6,1", 0.5},       /* min(1 - 2/4, 3/5) */
        {"3,-1,4,0", 0.75},     /* min(1 - 1/4, 3/4) */
        {"5,0,8,2", 0.4},       /* min(1 - 3/5, 3/6) */
    };
    char a[301];
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        long coop = 0, n = 0;
        double score = 0, s;
        for (uint64_t seed = 0; seed < 300; seed++) {
            st_match m = {.turns = 300, .game = cases[c].game, .seed = seed};
            s = st_play("gtft:p=-1", "defector", m, a, NULL).score_a;
            assert_int_equal(a[0], 'C');
            coop += st_count_c(a + 1);
            n += 299;
            score += s;
        }
        char what[64];
        snprintf(what, sizeof what, "GTFT cooperation vs Defector in %s", cases[c].game);
        st_assert_proportion(what, (double)coop / n, cases[c].p, n, 5);
        /* the score is S on cooperations and P on defections: check it agrees with the actions */
        pl_game g;
        pl_error err;
        pl_game_parse_rstp(&g, cases[c].game, &err);
        double R, S, T, P;
        pl_game_rstp(&g, &R, &S, &T, &P);
        double want = 300 * S + (double)coop * S + (double)(n - coop) * P;
        assert_true(fabs(score - want) < 1e-6 * fabs(want) + 1e-9);
    }
    /* an explicit p overrides the game */
    long coop = 0, n = 0;
    for (uint64_t seed = 0; seed < 300; seed++) {
        st_play("gtft:p=0.1", "defector", (st_match){.turns = 300, .game = "4,0,6,1", .seed = seed}, a, NULL);
        coop += st_count_c(a + 1);
        n += 299;
    }
    st_assert_proportion("gtft:p=0.1 cooperation vs Defector", (double)coop / n, 0.1, n, 5);
    /* the default is the reference's: p fixed from the standard game when made (1 - 2/3 in
     * floating point, as Axelrod-Python computes it) and kept in any other game */
    pl_strategy *g = st_make("gtft");
    assert_true(pl_strategy_param(g, "p") == 1.0 - 2.0 / 3.0);
    assert_string_equal(pl_strategy_label(g), "GTFT: 0.33");
    pl_strategy_free(g);
    coop = 0, n = 0;
    for (uint64_t seed = 0; seed < 300; seed++) {
        st_play("gtft", "defector", (st_match){.turns = 300, .game = "4,0,6,1", .seed = seed}, a, NULL);
        coop += st_count_c(a + 1);
        n += 299;
    }
    st_assert_proportion("GTFT (default) cooperation vs Defector in 4,0,6,1", (double)coop / n, 1.0 / 3.0, n, 5);
}

/* ---- statistics of the stochastic players ---------------------------------- */

/* Random: each action is an independent draw, C with probability p (5 standard errors). */
static void random_cooperates_with_probability_p(void **state)
{
    (void)state;
    double ps[] = {0.5, 0.3, 0.9};
    char a[1001];
    for (size_t i = 0; i < 3; i++) {
        char spec[32];
        snprintf(spec, sizeof spec, "random:p=%g", ps[i]);
        long coop = 0, n = 0;
        for (uint64_t seed = 0; seed < 100; seed++) {
            st_play(spec, "tft", (st_match){.turns = 1000, .seed = seed}, a, NULL);
            coop += st_count_c(a);
            n += 1000;
        }
        st_assert_proportion(spec, (double)coop / n, ps[i], n, 5);
    }
    /* runs: P(action t == action t-1) = p^2 + (1-p)^2 = 0.5 for p = 0.5 */
    long same = 0, n = 0;
    for (uint64_t seed = 0; seed < 50; seed++) {
        st_play("Random: 0.5", "cooperator", (st_match){.turns = 1000, .seed = seed}, a, NULL);
        for (int t = 1; t < 1000; t++) same += a[t] == a[t - 1];
        n += 999;
    }
    st_assert_proportion("Random: 0.5 repeats", (double)same / n, 0.5, n, 5);
}

/* Counts, over seeded matches of `me` against `opp`, how often `me` cooperated after each
 * outcome (my last, their last) = CC, CD, DC, DD; and on the first turn. */
static void transition_counts(const char *me, const char *opp, int matches, int turns, long coop[5], long n[5])
{
    char a[2001], b[2001];
    memset(coop, 0, 5 * sizeof *coop);
    memset(n, 0, 5 * sizeof *n);
    for (int m = 0; m < matches; m++) {
        st_play(me, opp, (st_match){.turns = turns, .seed = (uint64_t)m + 1000}, a, b);
        n[4]++;
        coop[4] += a[0] == 'C';
        for (int t = 1; t < turns; t++) {
            int k = 2 * (a[t - 1] == 'D') + (b[t - 1] == 'D');
            n[k]++;
            coop[k] += a[t] == 'C';
        }
    }
}

/* Stochastic WSLS: four-vector (1-ep, ep, ep, 1-ep).  Each conditional frequency is a sum of
 * independent Bernoulli draws with the stated probability (5 standard errors). */
static void stochastic_wsls_transition_probabilities(void **state)
{
    (void)state;
    long coop[5], n[5];
    const char *labels[4] = {"CC", "CD", "DC", "DD"};
    double eps[] = {0.05, 0.25};
    for (size_t e = 0; e < 2; e++) {
        char spec[40];
        snprintf(spec, sizeof spec, "stochastic_wsls:ep=%g", eps[e]);
        transition_counts(spec, "random", 200, 500, coop, n);
        double want[4] = {1 - eps[e], eps[e], eps[e], 1 - eps[e]};
        for (int k = 0; k < 4; k++) {
            char what[64];
            snprintf(what, sizeof what, "%s after %s", spec, labels[k]);
            assert_true(n[k] > 1000);
            st_assert_proportion(what, (double)coop[k] / n[k], want[k], n[k], 5);
        }
        assert_int_equal(coop[4], n[4]); /* always cooperates first */
    }
}

/* Memory One: the frequency of cooperation after each outcome matches p_cc..p_dd, and the
 * first move matches `initial` (5 standard errors each). */
static void memory_one_transition_probabilities(void **state)
{
    (void)state;
    long coop[5], n[5];
    const char *labels[5] = {"CC", "CD", "DC", "DD", "first"};
    double want[5] = {0.9, 0.2, 0.6, 0.1, 0.7};
    transition_counts("memory_one:p_cc=0.9,p_cd=0.2,p_dc=0.6,p_dd=0.1,initial=0.7", "random", 2000, 200, coop, n);
    for (int k = 0; k < 5; k++) {
        char what[64];
        snprintf(what, sizeof what, "memory_one after %s", labels[k]);
        assert_true(n[k] >= 1000);
        st_assert_proportion(what, (double)coop[k] / n[k], want[k], n[k], 5);
    }
}

/* GTFT against Random with 5% noise: it reacts to the opponent's action as recorded (after
 * noise), and its own recorded action is flipped with probability 0.05, so after a recorded C
 * it shows C with probability 0.95 and after a recorded D with 1/3 * 0.95 + 2/3 * 0.05 = 0.35
 * (5 binomial standard errors). */
static void gtft_transition_probabilities_under_noise(void **state)
{
    (void)state;
    long coop[5], n[5];
    char a[301], b[301];
    memset(coop, 0, sizeof coop);
    memset(n, 0, sizeof n);
    for (uint64_t seed = 0; seed < 300; seed++) {
        st_play("gtft", "random", (st_match){.turns = 300, .noise = 0.05, .seed = seed}, a, b);
        for (int t = 1; t < 300; t++) {
            int k = b[t - 1] == 'D';
            n[k]++;
            coop[k] += a[t] == 'C';
        }
    }
    st_assert_proportion("GTFT after a cooperation", (double)coop[0] / n[0], 0.95, n[0], 5);
    st_assert_proportion("GTFT after a defection", (double)coop[1] / n[1], 0.35, n[1], 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alexei_and_eugine_defect_on_the_last_known_turn),
        cmocka_unit_test(level_punishers_beyond_the_windows),
        cmocka_unit_test(gradual_punishments_grow_over_long_matches),
        cmocka_unit_test(retaliators_over_long_matches),
        cmocka_unit_test(parameters_change_behaviour),
        cmocka_unit_test(contrite_tft_is_tft_without_noise_and_repents_with_it),
        cmocka_unit_test(gtft_forgiveness_follows_the_game),
        cmocka_unit_test(random_cooperates_with_probability_p),
        cmocka_unit_test(stochastic_wsls_transition_probabilities),
        cmocka_unit_test(memory_one_transition_probabilities),
        cmocka_unit_test(gtft_transition_probabilities_under_noise),
        cmocka_unit_test(last_pair_is_both_last_actions),
        cmocka_unit_test(retaliators_count_as_a_recount),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
