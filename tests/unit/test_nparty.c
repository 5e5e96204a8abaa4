// SPDX-License-Identifier: MIT
/* test_nparty.c — N-party games, matches and tournaments: payoffs, the stage-game
 * equilibrium, threshold reciprocity, blocs, delay, pairwise games, the N = 2
 * equivalence with the two-party engine, and determinism across threads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "scenario/scenario.h"

int pl_run_nparty(const pl_ydoc *doc, const pl_run_options *opt, FILE *summary, pl_error *err);

static pl_nplayer *player(const char *spec)
{
    pl_nplayer *p;
    pl_error err;
    if (pl_nplayer_create(&p, spec, &err)) fail_msg("%s: %s", spec, err.msg);
    return p;
}

static void free_players(pl_nplayer **p, int n)
{
    for (int i = 0; i < n; i++) pl_nplayer_free(p[i]);
}

static void npd_payoffs_follow_the_share_of_cooperators(void **state)
{
    (void)state;
    pl_ngame *g;
    pl_error err;
    assert_int_equal(pl_ngame_create_pd(&g, 4, 3, 0, 5, 1, &err), 0);
    double pay[8];
    int allc[4] = {0, 0, 0, 0}, alld[4] = {1, 1, 1, 1}, one[4] = {0, 1, 0, 0};
    pl_ngame_payoffs(g, allc, pay);
    for (int i = 0; i < 4; i++) assert_true(pay[i] == 3);
    pl_ngame_payoffs(g, alld, pay);
    for (int i = 0; i < 4; i++) assert_true(pay[i] == 1);
    pl_ngame_payoffs(g, one, pay);
    assert_true(pay[1] == 5);                       /* T: everyone else cooperated */
    assert_true(fabs(pay[0] - 2.0) < 1e-12);        /* S + (R-S) * 2/3 */
    assert_int_equal(pl_ngame_set_party_pd(g, 2, 6, 0, 10, 2, &err), 0); /* an asymmetric party */
    pl_ngame_payoffs(g, allc, pay);
    assert_true(pay[2] == 6 && pay[0] == 3);
    assert_int_equal(pl_ngame_set_party_pd(g, 7, 6, 0, 10, 2, &err), PL_EINVAL);
    pl_ngame_free(g);

    assert_int_equal(pl_ngame_create_public_goods(&g, 5, 1.0, 3.0, &err), 0);
    int two[5] = {0, 0, 1, 1, 1};
    pl_ngame_payoffs(g, two, pay);
    assert_true(fabs(pay[0] - (3.0 * 2 / 5 - 1)) < 1e-12);
    assert_true(fabs(pay[4] - 3.0 * 2 / 5) < 1e-12);
    pl_ngame_free(g);

    assert_int_equal(pl_ngame_create_volunteer(&g, 3, 1.0, 4.0, 1, &err), 0);
    int none[3] = {1, 1, 1}, v1[3] = {1, 0, 1};
    pl_ngame_payoffs(g, none, pay);
    assert_true(pay[0] == 0 && pay[1] == 0);
    pl_ngame_payoffs(g, v1, pay);
    assert_true(pay[0] == 4 && pay[1] == 3 && pay[2] == 4);
    pl_ngame_free(g);
    assert_int_equal(pl_ngame_create_volunteer(&g, 3, 1.0, 4.0, 4, &err), PL_EINVAL);
}

static void table_games_index_joint_actions_in_mixed_radix(void **state)
{
    (void)state;
    int na[3] = {2, 3, 2};
    double tab[12 * 3];
    for (int k = 0; k < 12; k++)
        for (int i = 0; i < 3; i++) tab[k * 3 + i] = k * 10 + i;
    pl_ngame *g;
    pl_error err;
    assert_int_equal(pl_ngame_create_table(&g, 3, na, tab, &err), 0);
    int a[3] = {1, 2, 1}; /* index 1 + 2*(2 + 3*1) = 11 */
    double pay[3];
    pl_ngame_payoffs(g, a, pay);
    assert_true(pay[0] == 110 && pay[1] == 111 && pay[2] == 112);
    assert_int_equal(pl_ngame_actions(g, 1), 3);
    assert_true(pl_ngame_is_cooperative(g, 1, 0) && !pl_ngame_is_cooperative(g, 1, 1));
    assert_int_equal(pl_ngame_set_cooperative(g, 1, 1, 1, &err), 0);
    assert_true(pl_ngame_is_cooperative(g, 1, 1));
    assert_int_equal(pl_ngame_set_cooperative(g, 1, 3, 1, &err), PL_EINVAL);
    pl_ngame_free(g);
    int bad[2] = {2, 0};
    assert_int_equal(pl_ngame_create_table(&g, 2, bad, tab, &err), PL_EINVAL);
    tab[5] = NAN;
    int ok2[2] = {2, 2};
    assert_int_equal(pl_ngame_create_table(&g, 2, ok2, tab, &err), PL_EINVAL);
}

/* All-defect is the unique pure equilibrium of the N-player prisoner's dilemma: every joint
 * action is checked against every unilateral deviation. */
static void all_defect_is_the_unique_equilibrium_of_the_npd(void **state)
{
    (void)state;
    pl_error err;
    for (int n = 2; n <= 8; n++) {
        const double games[3][4] = {{3, 0, 5, 1}, {4, 0, 6, 1}, {2, -1, 3, 0}};
        for (int k = 0; k < 3; k++) {
            pl_ngame *g;
            assert_int_equal(pl_ngame_create_pd(&g, n, games[k][0], games[k][1], games[k][2], games[k][3], &err), 0);
            long count;
            int first[16];
            assert_int_equal(pl_ngame_pure_nash(g, &count, first, &err), 0);
            assert_int_equal(count, 1);
            for (int i = 0; i < n; i++) assert_int_equal(first[i], PL_D);
            pl_ngame_free(g);
        }
        pl_ngame *pg;
        assert_int_equal(pl_ngame_create_public_goods(&pg, n, 1.0, 0.9 * n, &err), 0); /* benefit < n * cost */
        long count;
        int first[16];
        assert_int_equal(pl_ngame_pure_nash(pg, &count, first, &err), 0);
        assert_int_equal(count, 1);
        for (int i = 0; i < n; i++) assert_int_equal(first[i], PL_D);
        pl_ngame_free(pg);
        /* the volunteer's dilemma with one volunteer needed: n equilibria, each with one volunteer */
        assert_int_equal(pl_ngame_create_volunteer(&pg, n, 1.0, 4.0, 1, &err), 0);
        assert_int_equal(pl_ngame_pure_nash(pg, &count, NULL, &err), 0);
        assert_int_equal(count, n);
        pl_ngame_free(pg);
    }
}

static void play(const pl_ngame *g, pl_nplayer **p, const pl_nmatch_config *cfg, pl_nmatch_result **r)
{
    pl_error err;
    if (pl_nmatch_play(g, p, cfg, r, &err)) fail_msg("%s", err.msg);
}

/* Threshold tit for tat with threshold N-1: full cooperation among its own kind; one
 * defection and, without forgiveness, everyone defects for ever from two turns later. */
static void threshold_tft_sustains_cooperation_and_collapses_after_one_defection(void **state)
{
    (void)state;
    pl_error err;
    for (int n = 3; n <= 8; n++) {
        pl_ngame *g;
        assert_int_equal(pl_ngame_create_pd(&g, n, 3, 0, 5, 1, &err), 0);
        pl_nplayer *p[16];
        char spec[32];
        snprintf(spec, sizeof spec, "ttft:k=%d", n - 1);
        for (int i = 0; i < n; i++) p[i] = player(spec);
        pl_nmatch_config cfg;
        pl_nmatch_config_default(&cfg);
        cfg.turns = 100;
        pl_nmatch_result *r;
        play(g, p, &cfg, &r);
        for (int i = 0; i < n; i++) {
            assert_true(pl_nmatch_result_score(r, i) == 300);
            for (int t = 0; t < 100; t++) assert_int_equal(pl_nmatch_result_action(r, i, t), PL_C);
        }
        pl_nmatch_result_free(r);
        cfg.shock_party = 1;
        cfg.shock_turn = 10;
        play(g, p, &cfg, &r);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 10; t++) assert_int_equal(pl_nmatch_result_action(r, i, t), PL_C);
            assert_int_equal(pl_nmatch_result_action(r, i, 11), i == 1 ? PL_C : PL_D);
            for (int t = 12; t < 100; t++) assert_int_equal(pl_nmatch_result_action(r, i, t), PL_D);
        }
        pl_nmatch_result_free(r);
        /* the contrite variant takes its punishment and cooperation returns */
        for (int i = 0; i < n; i++) {
            pl_nplayer_free(p[i]);
            p[i] = player("cttft");
        }
        cfg.shock_party = -1;
        cfg.noise = 0.01;
        cfg.seed = 5;
        cfg.turns = 400;
        play(g, p, &cfg, &r);
        int coop = 0;
        for (int t = 0; t < 400; t++) coop += pl_nmatch_result_cooperated(r, 0, t);
        pl_nmatch_result_free(r);
        /* plain ttft under the same noise collapses */
        for (int i = 0; i < n; i++) {
            pl_nplayer_free(p[i]);
            p[i] = player("ttft");
        }
        play(g, p, &cfg, &r);
        int coop_ttft = 0;
        for (int t = 0; t < 400; t++) coop_ttft += pl_nmatch_result_cooperated(r, 0, t);
        pl_nmatch_result_free(r);
        assert_true(coop > coop_ttft);
        free_players(p, n);
        pl_ngame_free(g);
    }
}

/* Every strategy of the registry, lifted into the N-party engine with N = 2, plays exactly as
 * in the two-party engine: the same actions and scores, with and without noise, fixed and
 * probabilistic lengths, several seeds, against several opponents. */
static void n2_engine_equals_the_two_party_engine_across_the_registry(void **state)
{
    (void)state;
    pl_error err;
    size_t ns = pl_strategy_count();
    pl_ngame *g, *gp;
    assert_int_equal(pl_ngame_create_pd(&g, 2, 3, 0, 5, 1, &err), 0);
    pl_game pd;
    pl_game_default(&pd);
    assert_int_equal(pl_ngame_create_pairwise(&gp, 2, &pd, &err), 0);
    long compared = 0;
    char a2[400], b2[400], an[400], bn[400];
    for (size_t i = 0; i < ns; i++) {
        const char *ida = pl_strategy_info_at(i)->id;
        /* a few opponents: the classic three and a spread of the registry */
        const char *opp[8];
        int no = 0;
        opp[no++] = "cooperator";
        opp[no++] = "defector";
        opp[no++] = "tft";
        for (size_t j = i % 7; j < ns && no < 8; j += 1 + ns / 4) opp[no++] = pl_strategy_info_at(j)->id;
        for (int o = 0; o < no; o++) {
            for (int seed = 1; seed <= 3; seed++)
                for (int variant = 0; variant < 3; variant++) {
                    pl_strategy *sa, *sb;
                    assert_int_equal(pl_strategy_create(&sa, ida, &err), 0);
                    assert_int_equal(pl_strategy_create(&sb, opp[o], &err), 0);
                    pl_match_config mc;
                    pl_match_config_default(&mc);
                    mc.turns = 120;
                    mc.seed = (uint64_t)seed;
                    mc.stream_a = 3;
                    mc.stream_b = (uint64_t)variant;
                    if (variant >= 1) mc.noise = 0.1;
                    if (variant == 2) mc.prob_end = 0.02, mc.turns = 300;
                    pl_match_result *mr;
                    assert_int_equal(pl_match_play(sa, sb, &mc, &mr, &err), 0);
                    pl_match_result_actions(mr, 0, a2);
                    pl_match_result_actions(mr, 1, b2);
                    pl_nmatch_config nc;
                    pl_nmatch_config_default(&nc);
                    nc.turns = mc.turns, nc.noise = mc.noise, nc.prob_end = mc.prob_end;
                    nc.seed = mc.seed, nc.stream_a = mc.stream_a, nc.stream_b = mc.stream_b;
                    pl_nplayer *p[2] = {player(ida), player(opp[o])};
                    for (int k = 0; k < 2; k++) {
                        pl_nmatch_result *nr;
                        play(k ? gp : g, p, &nc, &nr);
                        pl_nmatch_result_actions(nr, 0, an);
                        pl_nmatch_result_actions(nr, 1, bn);
                        if (strcmp(a2, an) || strcmp(b2, bn) ||
                            pl_match_result_score(mr, 0) != pl_nmatch_result_score(nr, 0) ||
                            pl_match_result_score(mr, 1) != pl_nmatch_result_score(nr, 1))
                            fail_msg("%s vs %s seed %d variant %d %s: two-party\n%s\n%s\nN-party\n%s\n%s", ida, opp[o], seed,
                                     variant, k ? "pairwise" : "npd", a2, b2, an, bn);
                        pl_nmatch_result_free(nr);
                        compared++;
                    }
                    free_players(p, 2);
                    pl_match_result_free(mr);
                    pl_strategy_free(sa);
                    pl_strategy_free(sb);
                }
        }
    }
    print_message("compared %ld matches over %zu strategies\n", compared, ns);
    assert_true(compared >= (long)ns * 3 * 3 * 3 * 2);
    pl_ngame_free(g);
    pl_ngame_free(gp);
}

/* A lifted tit for tat watching a bloc that defects only when all its members do; and delay. */
static void blocs_aggregation_and_observation_delay(void **state)
{
    (void)state;
    pl_error err;
    pl_ngame *g;
    assert_int_equal(pl_ngame_create_pd(&g, 3, 3, 0, 5, 1, &err), 0);
    pl_nplayer *p[3] = {player("tft"), player("cooperator"), player("ttft")};
    assert_int_equal(pl_nplayer_watch(p[0], (1u << 1) | (1u << 2), 0, &err), 0); /* one bloc, all must defect */
    pl_nmatch_config cfg;
    pl_nmatch_config_default(&cfg);
    cfg.turns = 30;
    cfg.shock_party = 2;
    cfg.shock_turn = 5;
    pl_nmatch_result *r;
    play(g, p, &cfg, &r);
    /* only one member of the bloc defected: tft (lifted) does not answer */
    assert_int_equal(pl_nmatch_result_action(r, 0, 6), PL_C);
    /* ttft (threshold all) answers the shocked party's own... no: seat 2 watches 0 and 1, who cooperated */
    assert_int_equal(pl_nmatch_result_action(r, 2, 6), PL_C);
    pl_nmatch_result_free(r);
    pl_nplayer_free(p[0]);
    p[0] = player("tft@any");
    cfg.obs_delay = 3;
    play(g, p, &cfg, &r);
    for (int t = 0; t < 9; t++) assert_int_equal(pl_nmatch_result_action(r, 0, t), PL_C);
    assert_int_equal(pl_nmatch_result_action(r, 0, 9), PL_D); /* seen at turn 8, answered at 9 */
    assert_int_equal(pl_nmatch_result_action(r, 0, 10), PL_C);
    pl_nmatch_result_free(r);
    /* a watch list naming a party beyond the game is refused */
    assert_int_equal(pl_nplayer_watch(p[1], 1u << 5, 1, &err), 0);
    assert_int_equal(pl_nmatch_play(g, p, &cfg, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "beyond"));
    free_players(p, 3);
    pl_ngame_free(g);
    assert_int_equal(pl_nplayer_create(&p[0], "ttft@all", &err), PL_EINVAL);
    assert_int_equal(pl_nplayer_create(&p[0], "tft@lots", &err), PL_EINVAL);
    assert_int_equal(pl_nplayer_create(&p[0], "ttft:k=x", &err), PL_EINVAL);
    assert_int_equal(pl_nplayer_create(&p[0], "ttft:z=1", &err), PL_EINVAL);
    assert_int_equal(pl_nplayer_create(&p[0], "no_such_thing", &err), PL_ENOTFOUND);
    /* every N-party strategy is listed with its reference, and can be created by its id */
    size_t k = 0;
    for (; pl_nstrategy_info_at(k); k++) {
        const pl_nstrategy_info *in = pl_nstrategy_info_at(k);
        assert_non_null(in->reference);
        assert_int_equal(pl_nplayer_create(&p[0], in->id, &err), 0);
        assert_string_equal(pl_nplayer_label(p[0]), in->id);
        assert_false(pl_nplayer_is_lifted(p[0]));
        pl_nplayer_free(p[0]);
    }
    assert_true(k >= 8);
    assert_int_equal(pl_nstrategy_count(), k);
    assert_non_null(strstr(pl_nstrategy_info_at(1)->params_help, "g=0.1"));
    /* the parameters one by one too, as `parley strategies --nparty --json` lists them */
    const pl_nstrategy_info *gttft = pl_nstrategy_info_at(1);
    assert_int_equal(gttft->n_params, 2);
    assert_string_equal(gttft->params[0].key, "k");
    assert_string_equal(gttft->params[1].key, "g");
    assert_true(gttft->params[1].def == 0.1);
}

/* In a pairwise game targeted reciprocity answers each party on what that party did. */
static void targeted_reciprocity_answers_each_party(void **state)
{
    (void)state;
    pl_error err;
    pl_game pd;
    pl_game_default(&pd);
    pl_ngame *g;
    assert_int_equal(pl_ngame_create_pairwise(&g, 3, &pd, &err), 0);
    pl_nplayer *p[3] = {player("targeted"), player("targeted"), player("defector")};
    pl_nmatch_config cfg;
    pl_nmatch_config_default(&cfg);
    cfg.turns = 20;
    pl_nmatch_result *r;
    play(g, p, &cfg, &r);
    for (int t = 0; t < 20; t++) {
        assert_int_equal(pl_nmatch_result_action_toward(r, 0, 1, t), PL_C);
        assert_int_equal(pl_nmatch_result_action_toward(r, 1, 0, t), PL_C);
        assert_int_equal(pl_nmatch_result_action_toward(r, 0, 2, t), t == 0 ? PL_C : PL_D);
    }
    /* 0 gets R from 1 every turn, S then P from 2 */
    assert_true(pl_nmatch_result_score(r, 0) == 20 * 3 + 0 + 19 * 1);
    pl_nmatch_result_free(r);
    free_players(p, 3);
    pl_ngame_free(g);
}

/* Every bad configuration of an N-party tournament is refused with a message, before any play. */
static void tournament_rejects_bad_configurations(void **state)
{
    (void)state;
    pl_error err;
    pl_ngame *g;
    assert_int_equal(pl_ngame_create_pd(&g, 8, 3, 0, 5, 1, &err), 0);
    pl_nplayer *one = player("ttft"), *p[40];
    for (int i = 0; i < 40; i++) p[i] = one;
    pl_ntournament_config tc = {.group_size = 8, .repetitions = 1, .threads = 1};
    pl_nmatch_config_default(&tc.match);
    tc.match.turns = 5;
    pl_ntournament_result *r = (pl_ntournament_result *)&tc; /* must come back NULL */
    assert_int_equal(pl_ntournament_run(g, p, 0, &tc, &r, &err), PL_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.msg, "at least one player"));
    tc.group_size = 4;
    assert_int_equal(pl_ntournament_run(g, p, 3, &tc, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "groups of 4 need a game of 4 parties, got 8"));
    tc.group_size = 8;
    tc.repetitions = 0;
    assert_int_equal(pl_ntournament_run(g, p, 3, &tc, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "repetitions"));
    tc.repetitions = 1;
    tc.threads = 0;
    assert_int_equal(pl_ntournament_run(g, p, 3, &tc, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "threads"));
    tc.threads = 1;
    tc.match.noise = 2;
    assert_int_equal(pl_ntournament_run(g, p, 3, &tc, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "noise"));
    tc.match.noise = 0;
    /* a watch list good in seat 0 but holding only the player itself in seat 1 */
    pl_nplayer *watcher = player("ttft");
    assert_int_equal(pl_nplayer_watch(watcher, 1u << 1, 1, &err), 0);
    p[1] = watcher;
    assert_int_equal(pl_ntournament_run(g, p, 3, &tc, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "seat 1"));
    assert_non_null(strstr(err.msg, "only the party itself"));
    p[1] = one;
    pl_nplayer_free(watcher);
    /* multisets of 8 from 40 players: C(47, 8), about 3.1e8 groups, too many to list; a sample is fine */
    assert_int_equal(pl_ntournament_run(g, p, 40, &tc, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "too many"));
    assert_null(r);
    /* counts are size_t and uint64_t, as in every public API: beyond the limits, an error, not a wrap */
    assert_int_equal(pl_ntournament_run(g, p, (size_t)1 << 40, &tc, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "at most 100000 players"));
    tc.max_groups = (uint64_t)1 << 40;
    assert_int_equal(pl_ntournament_run(g, p, 40, &tc, &r, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "max_groups: at most 100000000"));
    assert_null(r);
    tc.max_groups = 10;
    assert_int_equal(pl_ntournament_run(g, p, 40, &tc, &r, &err), 0);
    assert_int_equal(pl_ntournament_result_groups(r), 10);
    pl_ntournament_result_free(r);
    pl_nplayer_free(one);
    pl_ngame_free(g);
}

static void tournament_is_identical_whatever_the_threads(void **state)
{
    (void)state;
    pl_error err;
    pl_ngame *g;
    assert_int_equal(pl_ngame_create_pd(&g, 4, 3, 0, 5, 1, &err), 0);
    const char *names[] = {"ttft", "gttft", "cttft", "ngrim", "nwsls", "majority", "tft", "defector", "cooperator"};
    int np = 9;
    pl_nplayer *p[9];
    for (int i = 0; i < np; i++) p[i] = player(names[i]);
    pl_ntournament_config tc = {.group_size = 4, .repetitions = 3, .threads = 1};
    pl_nmatch_config_default(&tc.match);
    tc.match.turns = 50;
    tc.match.noise = 0.05;
    tc.match.seed = 11;
    pl_ntournament_result *r1, *r2, *r3;
    assert_int_equal(pl_ntournament_run(g, p, np, &tc, &r1, &err), 0);
    tc.threads = 2;
    assert_int_equal(pl_ntournament_run(g, p, np, &tc, &r2, &err), 0);
    tc.threads = 5;
    assert_int_equal(pl_ntournament_run(g, p, np, &tc, &r3, &err), 0);
    assert_int_equal(pl_ntournament_result_groups(r1), 495); /* multisets of 4 from 9: C(12,4) */
    for (int i = 0; i < np; i++) {
        const pl_ntournament_row *a = pl_ntournament_result_row(r1, i), *b = pl_ntournament_result_row(r2, i),
                                 *c = pl_ntournament_result_row(r3, i);
        assert_memory_equal(a, b, sizeof *a);
        assert_memory_equal(a, c, sizeof *a);
    }
    pl_ntournament_result_free(r1);
    pl_ntournament_result_free(r2);
    pl_ntournament_result_free(r3);
    /* a seeded sample of groups */
    tc.max_groups = 40;
    tc.threads = 1;
    assert_int_equal(pl_ntournament_run(g, p, np, &tc, &r1, &err), 0);
    tc.threads = 2;
    assert_int_equal(pl_ntournament_run(g, p, np, &tc, &r2, &err), 0);
    assert_int_equal(pl_ntournament_result_groups(r1), 40);
    for (long k = 0; k < 40; k++) {
        int ga[4], gb[4];
        double sa[4], sb[4];
        pl_ntournament_result_group(r1, k, ga, sa);
        pl_ntournament_result_group(r2, k, gb, sb);
        assert_memory_equal(ga, gb, sizeof ga);
        assert_memory_equal(sa, sb, sizeof sa);
    }
    pl_ntournament_result_free(r1);
    pl_ntournament_result_free(r2);
    free_players(p, np);
    pl_ngame_free(g);
}

/* With two parties the N-party rules are their two-party kin: ttft is tft, nwsls is wsls, ngrim is
 * grudger, targeted (pairwise) is tft; checked with noise over several seeds. */
static void n2_native_strategies_equal_their_two_party_kin(void **state)
{
    (void)state;
    pl_error err;
    pl_ngame *g, *gp;
    assert_int_equal(pl_ngame_create_pd(&g, 2, 3, 0, 5, 1, &err), 0);
    pl_game pd;
    pl_game_default(&pd);
    assert_int_equal(pl_ngame_create_pairwise(&gp, 2, &pd, &err), 0);
    const char *pairs[][2] = {{"ttft", "tft"}, {"nwsls", "wsls"}, {"ngrim", "grudger"}, {"targeted", "tft"}};
    const char *opp[] = {"tft", "defector", "alternator", "random", "wsls"};
    char a[300], b[300];
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
        for (size_t o = 0; o < sizeof opp / sizeof *opp; o++)
            for (int seed = 1; seed <= 4; seed++) {
                pl_nmatch_config cfg;
                pl_nmatch_config_default(&cfg);
                cfg.turns = 150;
                cfg.noise = 0.05;
                cfg.seed = (uint64_t)seed;
                pl_nplayer *pn[2] = {player(pairs[k][0]), player(opp[o])};
                pl_nplayer *pt[2] = {player(pairs[k][1]), player(opp[o])};
                for (int game = 0; game < 2; game++) {
                    pl_nmatch_result *rn, *rt;
                    play(game ? gp : g, pn, &cfg, &rn);
                    play(game ? gp : g, pt, &cfg, &rt);
                    for (int i = 0; i < 2; i++) {
                        pl_nmatch_result_actions(rn, i, a);
                        pl_nmatch_result_actions(rt, i, b);
                        if (strcmp(a, b)) fail_msg("%s vs %s (seed %d): %s\n%s", pairs[k][0], pairs[k][1], seed, a, b);
                    }
                    pl_nmatch_result_free(rn);
                    pl_nmatch_result_free(rt);
                }
                free_players(pn, 2);
                free_players(pt, 2);
            }
    pl_ngame_free(g);
    pl_ngame_free(gp);
}

/* Proportional response climbs the ladder with the share of watched parties escalating;
 * majority and generous variants behave as documented. */
static void graded_majority_and_generous_rules(void **state)
{
    (void)state;
    pl_error err;
    int na[5] = {5, 2, 2, 2, 2};
    long joint = 5 * 16;
    double *tab = calloc((size_t)joint * 5, sizeof *tab);
    pl_ngame *g;
    assert_int_equal(pl_ngame_create_table(&g, 5, na, tab, &err), 0);
    free(tab);
    pl_nplayer *p[5] = {player("proportional"), player("defector"), player("defector"), player("cooperator"),
                        player("cooperator")};
    pl_nmatch_config cfg;
    pl_nmatch_config_default(&cfg);
    cfg.turns = 5;
    pl_nmatch_result *r;
    play(g, p, &cfg, &r);
    assert_int_equal(pl_nmatch_result_action(r, 0, 0), 0);
    assert_int_equal(pl_nmatch_result_action(r, 0, 1), 2); /* half of the four escalate: rung 2 of 0..4 */
    pl_nmatch_result_free(r);
    pl_nplayer_free(p[3]);
    p[3] = player("defector");
    play(g, p, &cfg, &r);
    assert_int_equal(pl_nmatch_result_action(r, 0, 1), 3); /* three of four: rung 3 */
    pl_nmatch_result_free(r);
    free_players(p, 5);
    pl_ngame_free(g);

    assert_int_equal(pl_ngame_create_pd(&g, 4, 3, 0, 5, 1, &err), 0);
    pl_nplayer *q[4] = {player("majority"), player("defector"), player("cooperator"), player("cooperator")};
    cfg.turns = 20;
    play(g, q, &cfg, &r);
    for (int t = 0; t < 20; t++) assert_int_equal(pl_nmatch_result_action(r, 0, t), PL_C); /* 2 of 3 cooperate */
    pl_nmatch_result_free(r);
    pl_nplayer_free(q[2]);
    q[2] = player("defector");
    play(g, q, &cfg, &r);
    assert_int_equal(pl_nmatch_result_action(r, 0, 0), PL_C);
    for (int t = 1; t < 20; t++) assert_int_equal(pl_nmatch_result_action(r, 0, t), PL_D);
    pl_nmatch_result_free(r);
    /* generous ttft facing a defector forgives about g of the time */
    pl_nplayer_free(q[0]);
    q[0] = player("gttft:g=0.3");
    cfg.turns = 4000;
    play(g, q, &cfg, &r);
    int coop = 0;
    for (int t = 1; t < 4000; t++) coop += pl_nmatch_result_cooperated(r, 0, t);
    assert_true(fabs(coop / 3999.0 - 0.3) < 0.03);
    pl_nmatch_result_free(r);
    free_players(q, 4);
    pl_ngame_free(g);
}

static const char fuzz_base[] =
    "kind: nparty\nruns: 3\nperiods: 6\nnoise: 0.05\nobservation: {noise: 0.1, delay: 1}\n"
    "parties:\n  - {id: A, actions: [r, e]}\n  - {id: B, actions: [r, m, e], cooperative: [r, m]}\n  - {id: C}\n"
    "blocs:\n  - {id: AB, members: [A, B], rule: all}\n"
    "game:\n  kind: additive\n  values:\n    A: {e: {self: 1, B: -2}}\n    B: {e: {self: 2, A: -3}, m: {self: 1}}\n"
    "record:\n  - {period: p0, A: e, B: {did: m, source: x}}\nshock: {party: C, period: 2, horizon: 3}\n"
    "profiles:\n  - id: one\n    opening: {A: r}\n    policies:\n      A: {strategy: ttft, watch: [C]}\n"
    "      B: {strategy: tft, watch: [AB], aggregate: majority}\n    default: proportional\n"
    "tournament: {players: [ttft, tft, defector], group_size: 3, turns: 10, repetitions: 1}\n";

/* Mangled scenario files are refused with a positioned message or run; never a crash or a leak. */
static void fuzzed_scenarios_fail_cleanly(void **state)
{
    (void)state;
    pl_rng rng;
    pl_rng_init(&rng, 99, 0, 0);
    size_t n0 = sizeof fuzz_base - 1;
    char buf[sizeof fuzz_base + 64];
    FILE *devnull = fopen("/dev/null", "w");
    int ran = 0, refused = 0;
    for (int it = 0; it < 400; it++) {
        memcpy(buf, fuzz_base, n0 + 1);
        size_t n = n0;
        int edits = 1 + (int)pl_rng_below(&rng, 3);
        for (int e = 0; e < edits; e++) {
            size_t at = pl_rng_below(&rng, n);
            int kind = (int)pl_rng_below(&rng, 3);
            const char pool[] = "0123456789-:,[]{} abcdeABCmr\n";
            if (kind == 0) buf[at] = pool[pl_rng_below(&rng, sizeof pool - 1)];
            else if (kind == 1 && n > 1) memmove(buf + at, buf + at + 1, n - at), n--;
            else if (n + 1 < sizeof buf) memmove(buf + at + 1, buf + at, n - at + 1), buf[at] = pool[pl_rng_below(&rng, sizeof pool - 1)], n++;
        }
        pl_ydoc *d;
        pl_error err;
        if (pl_ydoc_load_string(&d, "fuzz.yaml", buf, n, &err)) {
            assert_non_null(strstr(err.msg, "fuzz.yaml:"));
            refused++;
            continue;
        }
        pl_run_options opt = {.threads = 2};
        int rc = d->root && d->root->kind == PL_Y_MAP ? pl_run_nparty(d, &opt, devnull, &err) : PL_EINVAL;
        if (rc == 0) ran++;
        else {
            if (d->root && d->root->kind == PL_Y_MAP && !strstr(err.msg, "fuzz.yaml:")) fail_msg("unpositioned: %s", err.msg);
            refused++;
        }
        pl_ydoc_free(d);
    }
    fclose(devnull);
    print_message("%d ran, %d refused\n", ran, refused);
    assert_true(ran > 0 && refused > 0);
}

/* pl_ntournament_config_default gives a configuration pl_ntournament_run accepts as it is. */
static void tournament_config_default_runs(void **state)
{
    (void)state;
    pl_ntournament_config tc;
    pl_ntournament_config_default(&tc);
    assert_int_equal(tc.group_size, 2);
    assert_int_equal(tc.repetitions, 1);
    assert_int_equal(tc.threads, 1);
    tc.match.turns = 10;
    pl_ngame *g;
    pl_nplayer *p[2];
    pl_error err;
    assert_int_equal(pl_ngame_create_pd(&g, 2, 3, 0, 5, 1, &err), 0);
    assert_int_equal(pl_nplayer_create(&p[0], "tft", &err), 0);
    assert_int_equal(pl_nplayer_create(&p[1], "defector", &err), 0);
    pl_ntournament_result *r;
    assert_int_equal(pl_ntournament_run(g, p, 2, &tc, &r, &err), 0);
    assert_int_equal(pl_ntournament_result_groups(r), 3); /* {tft,tft}, {tft,defector}, {defector,defector} */
    pl_ntournament_result_free(r);
    pl_nplayer_free(p[0]), pl_nplayer_free(p[1]);
    pl_ngame_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tournament_config_default_runs),
        cmocka_unit_test(npd_payoffs_follow_the_share_of_cooperators),
        cmocka_unit_test(table_games_index_joint_actions_in_mixed_radix),
        cmocka_unit_test(all_defect_is_the_unique_equilibrium_of_the_npd),
        cmocka_unit_test(threshold_tft_sustains_cooperation_and_collapses_after_one_defection),
        cmocka_unit_test(n2_engine_equals_the_two_party_engine_across_the_registry),
        cmocka_unit_test(blocs_aggregation_and_observation_delay),
        cmocka_unit_test(targeted_reciprocity_answers_each_party),
        cmocka_unit_test(tournament_is_identical_whatever_the_threads),
        cmocka_unit_test(tournament_rejects_bad_configurations),
        cmocka_unit_test(n2_native_strategies_equal_their_two_party_kin),
        cmocka_unit_test(graded_majority_and_generous_rules),
        cmocka_unit_test(fuzzed_scenarios_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
