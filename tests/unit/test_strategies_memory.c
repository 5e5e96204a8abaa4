// SPDX-License-Identifier: MIT
/* test_strategies_memory.c — the memory family beyond the 200-turn transcripts:
 * the memory-two tables against states listed by hand, MEM2's switching, and
 * the zero-determinant players' statistics: stationary scores derived from
 * their four probabilities, the enforced linear relation between the two
 * parties' scores against several opponents and under another game, and the
 * equalizer's fixed opponent score. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "strategy_testing.h"

#define MAXT 4096

/* every match of these tests is played with this seed (and a stream of its own) */
#define MATCH_SEED 20121

static char xa[MAXT + 1], xb[MAXT + 1];

/* ---- memory two ----------------------------------------------------------- */

/* Whether the player cooperates after the two rounds (mine two ago, mine last;
 * theirs two ago, theirs last), from the lists of states in Hilbe et al. (2017). */
static int listed(const char *const *states, size_t n, const char *mine, const char *theirs)
{
    char key[6] = {mine[0], mine[1], ',', theirs[0], theirs[1], '\0'};
    for (size_t i = 0; i < n; i++)
        if (!strcmp(states[i], key)) return 1;
    return 0;
}

static void memory_two_players_follow_their_state_lists(void **state)
{
    (void)state;
    static const char *const aon2[] = {"CC,CC", "CD,CD", "DC,DC", "DD,DD"};
    static const char *const delayed[] = {"CC,CC", "CD,CD", "CD,DD", "DD,CD", "DC,DC", "DD,DD"};
    struct {
        const char *id;
        const char *const *states;
        size_t n;
    } p[] = {{"aon2", aon2, 4}, {"delayed_aon1", delayed, 6}};
    const char *opps[] = {"cycler:cycle=CCDCDDDCCCCCCDDD", "tft", "defector", "anti_cycler", "thue_morse", "mem2",
                          "aon2", "delayed_aon1", "soft_go_by_majority_5"};
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < sizeof opps / sizeof *opps; j++) {
            st_play(p[i].id, opps[j], (st_match){.turns = 2000, .seed = MATCH_SEED}, xa, xb);
            assert_int_equal(xa[0], 'C');
            assert_int_equal(xa[1], 'C');
            for (int t = 2; t < 2000; t++) {
                int want = listed(p[i].states, p[i].n, xa + t - 2, xb + t - 2) ? 'C' : 'D';
                if (xa[t] != want) fail_msg("%s vs %s: turn %d", p[i].id, opps[j], t);
            }
        }
}

static void mem2_switches_every_two_turns(void **state)
{
    (void)state;
    /* two D rounds: ALLD twice at turns 2 and 4, then ALLD for good */
    st_play("mem2", "defector", (st_match){.turns = 40, .seed = MATCH_SEED}, xa, xb);
    assert_string_equal(xa, "CDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
    /* mutual cooperation keeps TFT */
    st_play("mem2", "cooperator", (st_match){.turns = 40, .seed = MATCH_SEED}, xa, xb);
    assert_string_equal(xa, "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
    /* (C,D),(D,C) at turn 2 gives TFTT (C, C); (C,D),(C,C) at turn 4 ALLD; ALLD again at 6 */
    st_play("mem2", "cycler_dc", (st_match){.turns = 16, .seed = MATCH_SEED}, xa, xb);
    assert_string_equal(xa, "CDCCDDDDDDDDDDDD");
    /* TFT at turn 2; TFTT at turn 4 after (C,D),(D,C); ALLD at 6 and 8 */
    st_play("mem2", "cycler_ccd", (st_match){.turns = 30, .seed = MATCH_SEED}, xa, xb);
    assert_string_equal(xa, "CCCDCCDDDDDDDDDDDDDDDDDDDDDDDD");
    /* TFT answers the D of turn 6; (C,D),(D,C) at turn 8 gives TFTT, which forgives;
     * two CC rounds at turn 10 give TFT again */
    st_play("mem2", "cycler:cycle=CCCCCCDCCCCCCCCCCCCC", (st_match){.turns = 20, .seed = MATCH_SEED}, xa, xb);
    assert_string_equal(xa, "CCCCCCCDCCCCCCCCCCCC");
    /* a D seen just before a choice gives ALLD; ALLD's own D rounds then force the
     * second ALLD pick, after which it defects for good */
    st_play("mem2", "cycler:cycle=CCCCCCCDCCCCCCCCCCCC", (st_match){.turns = 20, .seed = MATCH_SEED}, xa, xb);
    assert_string_equal(xa, "CCCCCCCCDDDDDDDDDDDD");
}

/* ---- zero-determinant players: statistics ------------------------------- */

typedef struct {
    double mean_a, mean_b, mean_z; /* per-turn scores, and the relation statistic z */
    double se_a, se_b, se_z;       /* standard errors of those means over the matches */
} zd_stats;

/* Plays `matches` seeded matches of `turns` turns and summarises the per-turn
 * scores x (A), y (B) and z = s (x - l) - (y - l). */
static zd_stats run_many(const char *a, const char *b, const char *rstp, int matches, int turns, double s, double l)
{
    st_sample x = {0}, y = {0}, z = {0};
    for (int m = 0; m < matches; m++) {
        st_match match = {.turns = turns, .game = rstp, .seed = MATCH_SEED, .stream_a = (uint64_t)m};
        st_result r = st_play(a, b, match, NULL, NULL);
        st_sample_add(&x, r.score_a / turns);
        st_sample_add(&y, r.score_b / turns);
        st_sample_add(&z, s * (r.score_a / turns - l) - (r.score_b / turns - l));
    }
    return (zd_stats){st_sample_mean(&x), st_sample_mean(&y), st_sample_mean(&z),
                      st_sample_se(&x),   st_sample_se(&y),   st_sample_se(&z)};
}

static void zd_extort_2_against_cooperator(void **state)
{
    (void)state;
    /* Against Cooperator only the states CC and DC occur: P(C|CC) = 1 - (1/9)(1/2)(3-1) = 8/9,
     * P(C|DC) = (1/9)((1-0) + (1/2)(5-1)) = 1/3.  Its own action is a two-state chain
     * with stationary P(C) = (1/3) / (1/9 + 1/3) = 3/4, so it scores 3/4*3 + 1/4*5 = 3.5
     * and Cooperator 3/4*3 = 2.25 (and 3.5 - 1 = 2 (2.25 - 1): chi = 2).
     * Tolerance: 5 standard errors of the mean over the matches, plus 2/n for the
     * start in state C (the chain's second eigenvalue is 5/9, so the transient
     * shifts the mean by at most (9/4)(1/4)(5-3)/n ~ 1.1/n). */
    int M = 200, n = 2000;
    zd_stats st = run_many("zd_extort_2", "cooperator", NULL, M, n, 0.5, 1);
    st_assert_near("ZD-Extort-2 score", st.mean_a, 3.5, 5 * st.se_a + 2.0 / n);
    st_assert_near("Cooperator score", st.mean_b, 2.25, 5 * st.se_b + 2.0 / n);
    assert_true(st.se_a > 0); /* it is random */

    /* Under R,S,T,P = 4,0,7,2 (l = P = 2): P(C|CC) = 1 - (1/9)(1/2)(2) = 8/9,
     * P(C|DC) = (1/9)(2 + (1/2)(5)) = 1/2, stationary P(C) = 9/11: scores
     * 9/11*4 + 2/11*7 = 50/11 and 9/11*4 = 36/11. */
    st = run_many("zd_extort_2", "cooperator", "4,0,7,2", M, n, 0.5, 2);
    st_assert_near("ZD-Extort-2 score, game 4,0,7,2", st.mean_a, 50.0 / 11, 5 * st.se_a + 4.0 / n);
    st_assert_near("Cooperator score, game 4,0,7,2", st.mean_b, 36.0 / 11, 5 * st.se_b + 4.0 / n);
}

/* Akin's lemma: with p~ = p - (1,1,0,0), the expected sum over n rounds of p~ . v_t
 * is P(C at n+1) - P(C at 1), so at most 1 in size.  For these players
 * p~ . v_t = phi (s (x_t - l) - (y_t - l)), hence |E z| <= 1 / (phi n) after n turns,
 * whatever the opponent.  Tolerance: 5 standard errors plus that bound. */
static void check_relation(const char *zd, double phi, double s, double l, const char *opp, const char *rstp)
{
    int M = 100, n = 2000;
    zd_stats st = run_many(zd, opp, rstp, M, n, s, l);
    char what[160];
    snprintf(what, sizeof what, "%s vs %s (game %s): s (x - l) - (y - l)", zd, opp, rstp ? rstp : "3,0,5,1");
    st_assert_near(what, st.mean_z, 0.0, 5 * st.se_z + 1.0 / (phi * n));
}

/* 1 if the strategy accepts the game "R,S,T,P". */
static int can_play(const char *spec, const char *rstp)
{
    pl_strategy *s = st_make(spec);
    pl_game g;
    pl_error err;
    if (pl_game_parse_rstp(&g, rstp, &err) != 0) fail_msg("game '%s': %s", rstp, err.msg);
    int ok = pl_strategy_check_game(s, &g, &err) == PL_OK;
    pl_strategy_free(s);
    return ok;
}

static void zd_players_enforce_their_linear_relation(void **state)
{
    (void)state;
    const char *opps[] = {"cooperator", "tft", "cycler_ccd", "zd_gtft_2", "soft_go_by_majority", "thue_morse",
                          "zd_extort_4", "aon2"};
    for (size_t i = 0; i < sizeof opps / sizeof *opps; i++) {
        /* extortion: (x - P) = chi (y - P), chi = 2 */
        check_relation("zd_extort_2", 1.0 / 9, 0.5, 1, opps[i], NULL);
        check_relation("zd_extort_4", 4.0 / 17, 0.25, 1, opps[i], NULL);
        check_relation("zd_extort_2_v2", 1.0 / 8, 0.5, 1, opps[i], NULL);
        check_relation("zd_extortion", 0.2, 0.1, 1, opps[i], NULL);
        /* generosity: (x - R) = 2 (y - R) */
        check_relation("zd_gtft_2", 0.25, 0.5, 3, opps[i], NULL);
        check_relation("zd_gen_2", 1.0 / 8, 0.5, 3, opps[i], NULL);
        /* under other games (where these parameters stay valid), with l following
         * the game: P = 2 for Extort-2, R = 3 for GTFT-2; an opponent that cannot play
         * that game (a ZD player whose relation is impossible there) is left out */
        if (can_play(opps[i], "4,0,7,2")) check_relation("zd_extort_2", 1.0 / 9, 0.5, 2, opps[i], "4,0,7,2");
        if (can_play(opps[i], "3,0,4,1")) check_relation("zd_gtft_2", 0.25, 0.5, 3, opps[i], "3,0,4,1");
    }
    /* other parameters */
    check_relation("zd_extort_2:phi=0.05,s=0.25", 0.05, 0.25, 1, "tft", NULL);
    check_relation("zd_extortion:phi=0.1,s=0.5,l=2", 0.1, 0.5, 2, "cycler_ccd", NULL);
}

static void zd_equalizers_fix_the_opponent_score(void **state)
{
    (void)state;
    /* s = 0: y = l whatever the opponent does (Press & Dyson's equalizer) */
    const char *opps[] = {"cooperator", "defector", "tft", "cycler_ddc", "grudger", "anti_cycler"};
    int M = 100, n = 2000;
    for (size_t i = 0; i < sizeof opps / sizeof *opps; i++) {
        zd_stats st = run_many("zd_set_2", opps[i], NULL, M, n, 0, 2);
        st_assert_near(opps[i], st.mean_b, 2.0, 5 * st.se_b + 4.0 / n);
        st = run_many("zd_mischief", opps[i], NULL, M, n, 0, 1);
        st_assert_near(opps[i], st.mean_b, 1.0, 5 * st.se_b + 10.0 / n);
    }
}

static void zd_gtft_2_against_defector(void **state)
{
    (void)state;
    /* Against Defector only CD and DD occur: P(C|CD) = 1 - (1/4)((1/2)(3-0) + (5-3)) = 1/8,
     * P(C|DD) = (1/4)(1/2)(3-1) = 1/4; stationary P(C) = (1/4) / (7/8 + 1/4) = 2/9, so it
     * scores 7/9 and Defector 2/9*5 + 7/9 = 17/9.  Tolerance as above (second
     * eigenvalue -1/8: transient below 1/n). */
    int M = 200, n = 2000;
    zd_stats st = run_many("zd_gtft_2", "defector", NULL, M, n, 0.5, 3);
    st_assert_near("ZD-GTFT-2 score", st.mean_a, 7.0 / 9, 5 * st.se_a + 2.0 / n);
    st_assert_near("Defector score", st.mean_b, 17.0 / 9, 5 * st.se_b + 2.0 / n);
}

static void zd_extort_2_against_defector(void **state)
{
    (void)state;
    /* P(C|CD) = 1 - (1/9)((1/2)(1-0) + (5-1)) = 1/2 and P(C|DD) = 0: after its first
     * defection it never cooperates again; the second move is C with probability 1/2
     * (tolerance 5 binomial standard errors). */
    int M = 2000, second_c = 0;
    for (int m = 0; m < M; m++) {
        st_play("zd_extort_2", "defector", (st_match){.turns = 60, .seed = MATCH_SEED, .stream_a = (uint64_t)m}, xa,
                xb);
        assert_int_equal(xa[0], 'C');
        second_c += xa[1] == 'C';
        const char *d = strchr(xa + 1, 'D');
        assert_non_null(d);
        for (; *d; d++) assert_int_equal(*d, 'D');
    }
    st_assert_near("P(second move C)", (double)second_c / M, 0.5, 5 * sqrt(0.25 / M));
}

static void zd_parameters_names_and_seeds(void **state)
{
    (void)state;
    struct {
        const char *id, *axl;
    } names[] = {
        {"zd_extort_2", "ZD-Extort-2: 0.1111111111111111, 0.5"},
        {"zd_extort_2_v2", "ZD-Extort-2 v2: 0.125, 0.5, 1"},
        {"zd_extort_4", "ZD-Extort-4: 0.23529411764705882, 0.25, 1"},
        {"zd_gtft_2", "ZD-GTFT-2: 0.25, 0.5"},
        {"zd_gen_2", "ZD-GEN-2: 0.125, 0.5, 3"},
        {"zd_set_2", "ZD-SET-2: 0.25, 0.0, 2"},
        {"zd_mischief", "ZD-Mischief: 0.1, 0.0, 1"},
        {"zd_extortion", "ZD-Extortion: 0.2, 0.1, 1"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        pl_strategy *s = st_make(names[i].id);
        assert_string_equal(pl_strategy_label(s), names[i].axl);
        assert_true(pl_strategy_is_stochastic(s));
        assert_true(pl_strategy_get_info(s)->uses_game);
        assert_int_equal(pl_strategy_get_info(s)->memory_depth, 1);
        pl_strategy_free(s);
        /* the same seed and stream give the same match; first move C */
        static char a2[MAXT + 1];
        st_play(names[i].id, "cycler_ccd", (st_match){.turns = 500, .seed = MATCH_SEED, .stream_a = 7}, xa, xb);
        st_play(names[i].id, "cycler_ccd", (st_match){.turns = 500, .seed = MATCH_SEED, .stream_a = 7}, a2, xb);
        assert_string_equal(xa, a2);
        assert_int_equal(xa[0], 'C');
    }
    pl_strategy *s = st_make("zd_extort_2:phi=0.05");
    assert_string_equal(pl_strategy_label(s), "zd_extort_2:phi=0.05,s=0.5");
    assert_true(pl_strategy_param(s, "phi") == 0.05);
    pl_strategy_free(s);
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "zd_extort_2:s=1.5", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "zd_extort_2:phi=-0.1", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "zd_extort_2:l=1", &err), PL_EINVAL); /* l follows the game */
    /* with phi = 0 the probabilities are (1, 1, 0, 0): it repeats its own last
     * move, so from a first C it cooperates for ever */
    st_play("zd_extortion:phi=0", "defector", (st_match){.turns = 50, .seed = MATCH_SEED}, xa, xb);
    for (int t = 0; t < 50; t++) assert_int_equal(xa[t], 'C');
}

/* Parameters no probabilities enforce are refused, as Axelrod-Python refuses them
 * (LRPlayer raises ValueError): in the standard game when the player is made, in the
 * match's game when a match or tournament starts. */
static void zd_impossible_parameters_are_refused(void **state)
{
    (void)state;
    pl_strategy *s = NULL;
    pl_error err;
    /* phi = 1, s = 0.1, l = 1: P(C|CC) = 1 - 1 (0.9)(2) = -0.8 */
    assert_int_equal(pl_strategy_create(&s, "zd_extortion:phi=1", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "outside [0, 1]"));
    assert_non_null(strstr(err.msg, "CC"));
    /* the same through the reference's display name */
    assert_int_equal(pl_strategy_create(&s, "ZD-Extortion: 1, 0.1, 1", &err), PL_EINVAL);
    /* l below P = 1 and above R = 3 */
    assert_int_equal(pl_strategy_create(&s, "zd_extortion:l=0.5", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "baseline payoff"));
    assert_int_equal(pl_strategy_create(&s, "zd_gen_2:l=3.5", &err), PL_EINVAL);
    /* the slope's lower bound at l = 1: -min((5-1)/(1-0), (1-0)/(5-1)) = -0.25 */
    assert_int_equal(pl_strategy_create(&s, "zd_extortion:phi=0.1,s=-0.3", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "slope"));
    /* s = -0.25 itself, phi = 0.1: (0.75, 0.625, 0, 0), all in [0, 1] */
    assert_int_equal(pl_strategy_create(&s, "zd_extortion:phi=0.1,s=-0.25", &err), PL_OK);
    pl_strategy_free(s);

    /* valid in the standard game, impossible in 3,0,10,1: ZD-Extort-4 (phi = 4/17, s = 1/4,
     * l = 1) there has P(C|CD) = 1 - (4/17)(1/4 + 9) < 0 */
    pl_strategy *a = st_make("zd_extort_4"), *b = st_make("tft");
    pl_game g;
    assert_int_equal(pl_game_parse_rstp(&g, "3,0,10,1", &err), PL_OK);
    assert_int_equal(pl_strategy_check_game(a, &g, &err), PL_EINVAL);
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.game = &g;
    pl_match_result *r = NULL;
    assert_int_equal(pl_match_play(a, b, &cfg, &r, &err), PL_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.msg, "ZD-Extort-4"));
    const pl_strategy *players[2] = {b, a};
    pl_tournament_config tc;
    pl_tournament_config_default(&tc);
    tc.game = &g;
    tc.repetitions = 1;
    pl_tournament_result *tr = NULL;
    assert_int_equal(pl_tournament_run(players, 2, &tc, &tr, &err), PL_EINVAL);
    assert_null(tr);
    /* and in the standard game it plays */
    cfg.game = NULL;
    assert_int_equal(pl_match_play(a, b, &cfg, &r, &err), PL_OK);
    pl_match_result_free(r);
    pl_strategy_free(a), pl_strategy_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memory_two_players_follow_their_state_lists),
        cmocka_unit_test(mem2_switches_every_two_turns),
        cmocka_unit_test(zd_extort_2_against_cooperator),
        cmocka_unit_test(zd_players_enforce_their_linear_relation),
        cmocka_unit_test(zd_equalizers_fix_the_opponent_score),
        cmocka_unit_test(zd_gtft_2_against_defector),
        cmocka_unit_test(zd_extort_2_against_defector),
        cmocka_unit_test(zd_parameters_names_and_seeds),
        cmocka_unit_test(zd_impossible_parameters_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
