// SPDX-License-Identifier: MIT
/* test_match_automaton.c — automata play the same matches as the loop of moves.
 *
 * When both players are automata (pl_strategy_def.automaton: finite-state machines, lookup
 * tables, gamblers, cycles; or memory-one tables) pl_match_run plays them without calling
 * their move functions (twoparty/match.c, play_automata), and a deterministic pair without
 * noise is played until its joint state repeats, then copied to the end (play_cycle).  The
 * proof that nothing changes: every pair of automata of the registry, with tables and cycles
 * of other lengths beside them, with and without noise, with a probabilistic end, short and
 * long, played by the loop of moves (pl_match_buf.generic), by the automaton loop without the
 * copy (no_extrapolate) and with it, gives the same actions, defection counts, scores (bit for
 * bit) and stream state (`drew`).  A pair in which only one player is an automaton is played
 * with that one stepped in the loop and the other called (play_half): every automaton and table
 * against players of every kind that are not, from both sides, compared with the loop of moves. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "twoparty/match_engine.h"
#include "strategies/registry.h"
#include "strategy_testing.h"

static int has_automaton(const pl_strategy *s) { return s->def->automaton != NULL; }
#include "strategies/automaton_probe.h"


static void same_match(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, const pl_match_buf *f,
                       const pl_match_buf *s, const char *what)
{
    for (int p = 0; p < 2; p++) {
        const pl_history *x = &f->h[p], *y = &s->h[p];
        if (x->len != y->len || x->n_defect != y->n_defect || memcmp(&x->score, &y->score, sizeof x->score) != 0 ||
            memcmp(x->w, y->w, (size_t)(x->len + 63) / 64 * sizeof *x->w) != 0)
            fail_msg("%s: %s vs %s (turns %d, noise %g, prob_end %g, seed %llu): party %d differs (len %d/%d, "
                     "defections %d/%d)",
                     what, pl_strategy_label(a), pl_strategy_label(b), cfg->turns, cfg->noise, cfg->prob_end,
                     (unsigned long long)cfg->seed, p, x->len, y->len, x->n_defect, y->n_defect);
    }
    assert_int_equal(f->drew, s->drew);
}

/* Plays a against b three ways; fails on the first difference.  Returns the turns copied. */
static int three_ways(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, pl_match_buf bufs[3])
{
    pl_error err;
    bufs[0].generic = 1;
    bufs[1].no_extrapolate = 1;
    for (int k = 0; k < 3; k++) assert_int_equal(pl_match_run(a, b, cfg, &bufs[k], &err), PL_OK);
    assert_int_equal(bufs[0].copied, 0);
    assert_int_equal(bufs[1].copied, 0);
    same_match(a, b, cfg, &bufs[1], &bufs[0], "automaton loop");
    same_match(a, b, cfg, &bufs[2], &bufs[0], "extrapolated");
    return bufs[2].copied;
}

/* Every automaton of the registry, with memory-one tables and cycles of other lengths beside
 * them; *count gets how many.  Free each and the array. */
static pl_strategy **automata_and_tables(size_t *count)
{
    /* memory-one tables (mixed pairs), and cycles whose joint periods are below, at and past 64 */
    static const char *extra[] = {"tft", "gtft", "wsls", "defector", "random", "alternator",
                                  "n_tits_for_m_tats:N=1,M=1", "n_tits_for_m_tats:N=2,M=3",
                                  "soft_go_by_majority:memory_depth=3", "hard_go_by_majority:memory_depth=4",
                                  "general_soft_grudger:n=2,d=3,c=1", "detective:initial_actions=D",
                                  "handshake:initial_plays=DDC", "first_davis:rounds_to_cooperate=0",
                                  "first_davis:rounds_to_cooperate=3",
                                  "cycler:cycle=CCDCDDDCD", "cycler:cycle=DDDDDDC", "cycler:cycle=CCCCCCCCCCCCD",
                                  "cycler:cycle=D", "cycler:cycle=CDCDDCCCDDCCCCCDDDDDCCCCCCCCCCCCCCCCCCDDDDD",
                                  /* Feld rising to 1 by turn 13; falling to 0 (then deterministic); never
                                   * drawing (tit for tat, 3 states: extrapolated); 2,001 states */
                                  "first_feld:start_coop_prob=0.3,end_coop_prob=0.7,rounds_of_decay=7",
                                  "first_feld:start_coop_prob=1,end_coop_prob=0,rounds_of_decay=9",
                                  "first_feld:start_coop_prob=1,end_coop_prob=1,rounds_of_decay=200",
                                  "first_feld:start_coop_prob=0.5,end_coop_prob=0.25,rounds_of_decay=1000"};
    size_t n, n_extra = sizeof extra / sizeof *extra;
    pl_strategy **all = st_registry_where(has_automaton, n_extra, &n);
    assert_true(n >= 30);
    for (size_t k = 0; k < n_extra; k++) {
        all[n] = st_make(extra[k]);
        double prob[5];
        static pl_automaton made2;
        assert_true((all[n]->def->automaton && all[n]->def->automaton(&all[n]->params, &made2)) ||
                    (all[n]->def->memory_one && all[n]->def->memory_one(&all[n]->params, pl_game_standard(), 0, prob)));
        n++;
    }
    *count = n;
    return all;
}

static void automata_play_as_moves(void **unused)
{
    (void)unused;
    /* the players the automaton loop is for are automata: a hook lost would pass every comparison */
    static const char *must[] = {"fortress3", "fortress4", "predator", "tf1", "evolved_fsm_16", "evolved_fsm_4",
                                 "evolved_lookerup_1_1_1", "evolved_lookerup_2_2_2", "winner12", "winner21",
                                 "pso_gambler_mem1", "pso_gambler_2_2_2", "zd_mem2", "cycler", "cycler_ccd",
                                 "cycler_dc",
                                 /* automata made by probing their moves (automaton_probe.h) */
                                 "tf2t", "two_tits_for_tat", "hard_tft", "hard_tf2t", "slow_tf2t2", "appeaser",
                                 "resurrection", "double_resurrection", "n_tits_for_m_tats", "aon2", "delayed_aon1",
                                 "capri", "first_nydegger", "soft_go_by_majority_5", "hard_go_by_majority_5",
                                 "n_tits_for_m_tats:N=1,M=1", "n_tits_for_m_tats:N=2,M=3", "n_tits_for_m_tats:N=0,M=2",
                                 "n_tits_for_m_tats:N=4,M=0", "soft_go_by_majority:memory_depth=3",
                                 "hard_go_by_majority:memory_depth=4",
                                 /* hand-written (grudgers.c) */
                                 "grudger", "opposite_grudger", "aggravater", "easy_go", "spiteful_cc",
                                 "grudger_alternator", "fool_me_once",
                                 /* probed with their states */
                                 "spiteful_tft", "contrite_tft", "second_colbert", "second_tester",
                                 "usually_cooperates", "usually_defects", "forgetful_grudger", "once_bitten",
                                 "soft_grudger", "general_soft_grudger", "general_soft_grudger:n=2,d=3,c=1",
                                 /* hand-written (hunters.c, misc.c) */
                                 "prober", "prober2", "prober3", "hard_prober", "detective", "handshake",
                                 "detective:initial_actions=D", "handshake:initial_plays=DDC",
                                 "defector_hunter", "cooperator_hunter", "alternator_hunter", "collective_strategy",
                                 "gradual_killer", "tricky_cooperator", "tricky_defector", "first_davis",
                                 "first_davis:rounds_to_cooperate=0", "first_davis:rounds_to_cooperate=1023",
                                 "sneaky_tft",
                                 /* probed, its countdown stopped once it is read no more (memory.c) */
                                 "mem2",
                                 /* past 256 states (16-bit next states): Feld's decay, Tullock's window */
                                 "first_feld", "first_tullock",
                                 "first_feld:start_coop_prob=0.3,end_coop_prob=0.7,rounds_of_decay=7",
                                 "first_feld:start_coop_prob=1,end_coop_prob=0,rounds_of_decay=9",
                                 "first_feld:start_coop_prob=1,end_coop_prob=1,rounds_of_decay=200",
                                 "first_feld:start_coop_prob=0.5,end_coop_prob=0.25,rounds_of_decay=1000"};
    static pl_automaton made;
    for (size_t k = 0; k < sizeof must / sizeof *must; k++) {
        pl_strategy *s = st_make(must[k]);
        /* a hook that declines would pass every comparison too */
        if (!s->def->automaton || !s->def->automaton(&s->params, &made)) fail_msg("%s has no automaton", must[k]);
        pl_strategy_free(s);
    }
    size_t n;
    pl_strategy **all = automata_and_tables(&n);
    enum { NCFG = 7 };
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 200;
    cfgs[1].turns = 200, cfgs[1].noise = 0.05, cfgs[1].seed = 7;
    cfgs[2].turns = 0, cfgs[2].prob_end = 0.01, cfgs[2].seed = 5;     /* unknown length, no noise */
    cfgs[3].turns = 0, cfgs[3].prob_end = 0.02, cfgs[3].noise = 0.02, cfgs[3].seed = 3;
    cfgs[4].turns = 1;
    cfgs[5].turns = 1001, cfgs[5].seed = 9, cfgs[5].stream_a = 4;   /* long: most of it copied */
    cfgs[6].turns = 65, cfgs[6].noise = 0.2, cfgs[6].seed = 13;
    pl_match_buf bufs[3];
    for (int k = 0; k < 3; k++) assert_int_equal(pl_match_buf_init(&bufs[k], 16), PL_OK);
    long played = 0, copied = 0, short_period = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            for (int k = 0; k < NCFG; k++) {
                int c = three_ways(all[i], all[j], &cfgs[k], bufs);
                played++;
                copied += c > 0;
                if (k == 5 && c > 900) short_period++;
            }
    assert_true(played > (long)(n * n * 6));
    /* the copy was exercised, and often: deterministic pairs settle into short cycles */
    assert_true(copied > (long)(n * n / 4));
    assert_true(short_period > 0);
    for (int k = 0; k < 3; k++) pl_match_buf_free(&bufs[k]);
    for (size_t i = 0; i < n; i++) pl_strategy_free(all[i]);
    free(all);
}

/* Two repetitions of a pair of automata or tables played together (pl_match_run_two: two chains
 * of state, each on its own stream, advanced turn by turn in one loop, the automaton loop's or
 * the table loop's) are the two matches played one at a time: every pair of automata and tables,
 * with and without noise, at lengths on both sides of a 64-turn word; and the pairs it is not for
 * are left to pl_match_run. */
static void two_chains_play_as_one_at_a_time(void **unused)
{
    (void)unused;
    size_t n;
    pl_strategy **all = automata_and_tables(&n);
    enum { NCFG = 6 };
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 200, cfgs[0].seed = 3, cfgs[0].stream_a = 11;
    cfgs[1].turns = 200, cfgs[1].noise = 0.05, cfgs[1].seed = 7;
    cfgs[2].turns = 1, cfgs[2].seed = 2;
    cfgs[3].turns = 64, cfgs[3].noise = 0.01, cfgs[3].seed = 8;
    cfgs[4].turns = 65, cfgs[4].noise = 0.2, cfgs[4].seed = 13;
    cfgs[5].turns = 1001, cfgs[5].seed = 9, cfgs[5].stream_a = 4;
    pl_match_buf two[2], one[2];
    for (int k = 0; k < 2; k++) {
        assert_int_equal(pl_match_buf_init(&two[k], 16), PL_OK);
        assert_int_equal(pl_match_buf_init(&one[k], 16), PL_OK);
    }
    two[0].game_checked = 1;
    /* which players are automata here: tables (no hook) and automata (a hook may decline: Soft Go
     * By Majority's whole memory) */
    int *aut = calloc(n, sizeof *aut);
    assert_non_null(aut);
    static pl_automaton made;
    for (size_t i = 0; i < n; i++)
        aut[i] = !all[i]->def->automaton || all[i]->def->automaton(&all[i]->params, &made);
    long tables = 0;
    pl_error err;
    long together = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            for (int k = 0; k < NCFG; k++) {
                pl_match_config c = cfgs[k];
                c.stream_b = 0; /* the first repetition, played alone: its automata stay in two[0] */
                assert_int_equal(pl_match_run(all[i], all[j], &c, &two[0], &err), PL_OK);
                c.stream_b = 5;
                int played = pl_match_run_two(all[i], all[j], &c, 6, &two[0], &two[1]);
                if (!aut[i] || !aut[j]) assert_int_equal(played, 0);
                else if (c.noise > 0 || two[0].drew) assert_int_equal(played, 1);
                /* else a pair that drew nothing: played together unless both never draw */
                if (!played) continue;
                for (int l = 0; l < 2; l++) {
                    c.stream_b = 5 + (uint64_t)l;
                    assert_int_equal(pl_match_run(all[i], all[j], &c, &one[l], &err), PL_OK);
                    same_match(all[i], all[j], &c, &two[l], &one[l], "two chains");
                    assert_int_equal(two[l].copied, 0);
                }
                together++;
                tables += !all[i]->def->automaton && !all[j]->def->automaton; /* the table loop's */
            }
    free(aut);
    assert_true(together > (long)(n * n)); /* most pairs draw in the noisy settings at least */
    assert_true(tables > 0);
    /* never with a probabilistic end (the lengths differ), nor a player that is not an automaton */
    pl_strategy *gtft = st_make("gtft"), *fsm = st_make("evolved_fsm_16"), *anon = st_make("first_anonymous");
    pl_match_config c;
    pl_match_config_default(&c);
    c.turns = 100, c.noise = 0.1;
    assert_int_equal(pl_match_run(gtft, fsm, &c, &two[0], &err), PL_OK);
    assert_int_equal(pl_match_run_two(gtft, fsm, &c, 1, &two[0], &two[1]), 1);
    assert_int_equal(pl_match_run(gtft, anon, &c, &two[0], &err), PL_OK);
    assert_int_equal(pl_match_run_two(gtft, anon, &c, 1, &two[0], &two[1]), 0);
    c.turns = 0, c.prob_end = 0.01;
    assert_int_equal(pl_match_run(gtft, fsm, &c, &two[0], &err), PL_OK);
    assert_int_equal(pl_match_run_two(gtft, fsm, &c, 1, &two[0], &two[1]), 0);
    pl_strategy_free(gtft);
    pl_strategy_free(fsm);
    pl_strategy_free(anon);
    for (int k = 0; k < 2; k++) {
        pl_match_buf_free(&two[k]);
        pl_match_buf_free(&one[k]);
    }
    for (size_t i = 0; i < n; i++) pl_strategy_free(all[i]);
    free(all);
}

/* A buffer told that its players are the last match's (pl_match_buf.same_players, as the
 * tournament plays a pair's repetitions) takes their tables and automata from that match: every
 * pair of automata and tables, and each of them against players that are neither, from both
 * sides, four repetitions as the tournament plays them (the first alone, then two at a time where
 * pl_match_run_two can), each the same match as one played in a fresh buffer; in a 1,001-turn
 * setting too, with a probabilistic end, and with the Meta players' teams.  And the promise is
 * taken on trust: told falsely, a buffer plays the last match's players again (which shows the
 * kept tables and automata are what it plays). */
static void same_players_take_what_was_made(void **unused)
{
    (void)unused;
    size_t n;
    pl_strategy **all = automata_and_tables(&n);
    static const char *called_ids[] = {"first_anonymous", "first_graaskamp", "retaliate", "meta_hunter",
                                       "evolved_ann_5", "random_hunter", "first_downing", "gradual"};
    enum { NCALLED = sizeof called_ids / sizeof *called_ids, NCFG = 3, REPS = 4 };
    pl_strategy *called[NCALLED];
    for (int k = 0; k < NCALLED; k++) called[k] = st_make(called_ids[k]);
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 200, cfgs[0].noise = 0.05, cfgs[0].seed = 4, cfgs[0].stream_a = 3;
    cfgs[1].turns = 1001, cfgs[1].seed = 6;
    cfgs[2].turns = 0, cfgs[2].prob_end = 0.02, cfgs[2].noise = 0.01, cfgs[2].seed = 5;
    pl_match_buf kept[2], fresh;
    for (int k = 0; k < 2; k++) assert_int_equal(pl_match_buf_init(&kept[k], 16), PL_OK);
    kept[0].game_checked = 1;
    pl_error err;
    long reused = 0;
    size_t m = n + NCALLED;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < m; j++) {
            if (i >= n && j >= n) continue; /* two called players: nothing is made of them */
            if ((i >= n || j >= n) ? 0 : (i * 7 + j) % 5 != 0) continue; /* a fifth of the automaton pairs */
            const pl_strategy *a = i < n ? all[i] : called[i - n], *b = j < n ? all[j] : called[j - n];
            for (int k = 0; k < NCFG; k++) {
                pl_match_config c = cfgs[k];
                for (int r = 0; r < REPS; r++) {
                    c.stream_b = (uint64_t)r;
                    kept[0].same_players = r > 0;
                    int lanes = 1;
                    if (r > 0 && r + 1 < REPS && pl_match_run_two(a, b, &c, (uint64_t)r + 1, &kept[0], &kept[1]))
                        lanes = 2;
                    else
                        assert_int_equal(pl_match_run(a, b, &c, &kept[0], &err), PL_OK);
                    for (int l = 0; l < lanes; l++) {
                        c.stream_b = (uint64_t)(r + l);
                        assert_int_equal(pl_match_buf_init(&fresh, 16), PL_OK);
                        assert_int_equal(pl_match_run(a, b, &c, &fresh, &err), PL_OK);
                        same_match(a, b, &c, &kept[l], &fresh, "same players");
                        pl_match_buf_free(&fresh);
                    }
                    reused += r > 0;
                    r += lanes - 1;
                }
            }
        }
    assert_true(reused > 1000);
    /* told falsely that Tit For Tat's opponent is still Defector, the buffer plays Defector's table */
    pl_strategy *tft = st_make("tft"), *def = st_make("defector"), *coop = st_make("cooperator");
    pl_match_config c;
    pl_match_config_default(&c);
    c.turns = 10;
    kept[0].same_players = 0;
    assert_int_equal(pl_match_run(tft, def, &c, &kept[0], &err), PL_OK);
    assert_int_equal(kept[0].h[1].n_defect, 10);
    kept[0].same_players = 1;
    assert_int_equal(pl_match_run(tft, coop, &c, &kept[0], &err), PL_OK);
    assert_int_equal(kept[0].h[1].n_defect, 10);
    kept[0].same_players = 0; /* and made afresh when not told */
    assert_int_equal(pl_match_run(tft, coop, &c, &kept[0], &err), PL_OK);
    assert_int_equal(kept[0].h[1].n_defect, 0);
    pl_strategy_free(tft);
    pl_strategy_free(def);
    pl_strategy_free(coop);
    for (int k = 0; k < 2; k++) pl_match_buf_free(&kept[k]);
    for (int k = 0; k < NCALLED; k++) pl_strategy_free(called[k]);
    for (size_t i = 0; i < n; i++) pl_strategy_free(all[i]);
    free(all);
}

/* Cycles of coprime lengths: the joint period is their product, below, at and past 64 turns;
 * each match is copied from its cycle and equals the loop of moves at every length. */
static void cycles_of_every_period(void **unused)
{
    (void)unused;
    static const char *cyc[] = {"cycler:cycle=CD", "cycler:cycle=CCD", "cycler:cycle=CDDCD", "cycler:cycle=CCCDCDD",
                                "cycler:cycle=DCCCCCCCDCD", "cycler:cycle=CCCCCCCCCCCCD"};
    enum { N = sizeof cyc / sizeof *cyc };
    pl_strategy *s[N];
    for (int i = 0; i < N; i++) s[i] = st_make(cyc[i]);
    pl_match_buf bufs[3];
    for (int k = 0; k < 3; k++) assert_int_equal(pl_match_buf_init(&bufs[k], 16), PL_OK);
    static const int lengths[] = {2, 63, 64, 65, 127, 128, 129, 200, 1000, 4099};
    int copied = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            for (size_t k = 0; k < sizeof lengths / sizeof *lengths; k++) {
                pl_match_config cfg;
                pl_match_config_default(&cfg);
                cfg.turns = lengths[k];
                int c = three_ways(s[i], s[j], &cfg, bufs);
                copied += c > 0;
                if (lengths[k] == 4099) assert_true(c > 0); /* every joint period here is below 4099 */
            }
    assert_true(copied > N * N);
    for (int k = 0; k < 3; k++) pl_match_buf_free(&bufs[k]);
    for (int i = 0; i < N; i++) pl_strategy_free(s[i]);
}

/* A deterministic player of 300 states, past what play_cycle records joint states for (256 an
 * automaton): a cycle of 300 turns, D at every seventh from the fourth and at the last. */
static int long_cycle_move(void *st, const pl_params *p, const pl_view *v)
{
    int k = v->turn % 300;
    return k % 7 == 3 || k == 299 ? PL_D : PL_C;
}
static int long_cycle_automaton(const pl_params *p, pl_automaton *a)
{
    a->n = 300;
    for (int s = 0; s < a->n; s++) {
        a->cut[s] = s % 7 == 3 || s == 299 ? 0 : UINT64_MAX;
        for (int k = 0; k < 4; k++) a->next[s][k] = (uint16_t)((s + 1) % 300);
    }
    return 1;
}

/* Automata of more than 256 states: a deterministic pair with one is played to the end by the
 * automaton loop, not extrapolated (nothing copied), and gives the loop of moves' matches; Feld
 * and Tullock are automata of the sizes their rules need, and a Feld whose chance settles too
 * late for PL_AUTOMATON_MAX states is not one. */
static void automata_past_256_states(void **unused)
{
    (void)unused;
    static pl_strategy_def long_def;
    pl_strategy *lc = st_make("tft");
    long_def = *lc->def;
    long_def.id = "long_cycle";
    long_def.move = long_cycle_move;
    long_def.memory_one = NULL;
    long_def.automaton = long_cycle_automaton;
    long_def.flags = 0;
    lc->def = &long_def;
    pl_strategy *opp[] = {lc, st_make("tft"), st_make("grudger"), st_make("cycler:cycle=CCD"), st_make("first_feld"),
                          st_make("first_feld:start_coop_prob=1,end_coop_prob=1,rounds_of_decay=200")};
    enum { N = sizeof opp / sizeof *opp };
    pl_match_buf bufs[3];
    for (int k = 0; k < 3; k++) assert_int_equal(pl_match_buf_init(&bufs[k], 16), PL_OK);
    static const int lengths[] = {1, 257, 300, 301, 1001};
    for (int j = 0; j < N; j++)
        for (int side = 0; side < 2; side++)
            for (size_t k = 0; k < sizeof lengths / sizeof *lengths; k++) {
                pl_match_config cfg;
                pl_match_config_default(&cfg);
                cfg.turns = lengths[k];
                cfg.seed = 11;
                /* every pair here is deterministic but with first_feld, none copied */
                assert_int_equal(three_ways(side ? opp[j] : lc, side ? lc : opp[j], &cfg, bufs), 0);
            }
    /* the long cycle against itself, 1001 turns: its turns 899 and 900 are its 299th and 0th */
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 1001;
    assert_int_equal(three_ways(lc, lc, &cfg, bufs), 0);
    assert_int_equal(pl_hist_at(&bufs[2].h[0], 899), PL_D);
    assert_int_equal(pl_hist_at(&bufs[2].h[0], 900), PL_C);
    for (int k = 0; k < 3; k++) pl_match_buf_free(&bufs[k]);
    for (int j = 0; j < N; j++) pl_strategy_free(opp[j]);

    static pl_automaton a;
    pl_strategy *s = st_make("first_tullock");
    assert_true(s->def->automaton(&s->params, &a));
    assert_int_equal(a.n, 2048);
    int st = 0;
    for (int t = 0; t < 11; t++) { /* eleven C: ten of them in the window of turn 11 */
        assert_int_equal(a.cut[st], UINT64_MAX);
        st = a.next[st][0];
    }
    assert_int_equal(st, 1024);
    assert_int_equal(a.cut[st], pl_rng_cut(10 / 10.0 - 0.10)); /* his chance: the C counted, less 0.1 */
    for (int t = 0; t < 8; t++) st = a.next[st][1]; /* eight D: two C left in the window */
    assert_int_equal(a.cut[st], pl_rng_cut(2 / 10.0 - 0.10));
    st = a.next[st][0]; /* a C in, the older of the two out */
    assert_int_equal(a.cut[st], pl_rng_cut(2 / 10.0 - 0.10));
    st = a.next[st][1]; /* a D in, the other old C out: the C of the turn before */
    assert_int_equal(a.cut[st], 0);
    pl_strategy_free(s);
    /* Feld's default: the chance falls to 0.5 by turn 200 (or 201, as the doubles round) */
    s = st_make("first_feld");
    assert_true(s->def->automaton(&s->params, &a));
    assert_true(a.n == 401 || a.n == 403);
    assert_int_equal(a.cut[a.n - 2], pl_rng_cut(0.5));
    assert_int_equal(a.cut[a.n - 1], 0);
    assert_int_equal(a.next[a.n - 2][0], a.n - 2);
    assert_int_equal(a.next[a.n - 1][1], a.n - 1);
    pl_strategy_free(s);
    /* too late to settle: a decay over 5,000 turns; a rise that reaches 1 at turn 200,000 */
    static const char *late[] = {"first_feld:rounds_of_decay=5000",
                                 "first_feld:start_coop_prob=0,end_coop_prob=0.001,rounds_of_decay=200"};
    for (size_t k = 0; k < sizeof late / sizeof *late; k++) {
        s = st_make(late[k]);
        if (s->def->automaton(&s->params, &a)) fail_msg("%s made an automaton of %d states", late[k], a.n);
        pl_strategy_free(s);
    }
    /* Davis: two states a cooperative turn and two after them, so 1,023 turns fill PL_AUTOMATON_MAX
     * and 1,024 are declined */
    s = st_make("first_davis:rounds_to_cooperate=1023");
    assert_true(s->def->automaton(&s->params, &a));
    assert_int_equal(a.n, 2048);
    pl_strategy_free(s);
    s = st_make("first_davis:rounds_to_cooperate=1024");
    assert_false(s->def->automaton(&s->params, &a));
    pl_strategy_free(s);
}

/* One player an automaton, the other not: play_half (buf.half) against the loop of moves. */
static void one_automaton_plays_as_moves(void **unused)
{
    (void)unused;
    /* players that are neither automata nor tables: stochastic ones, ones that read the whole
     * history, the match length or the game, transformed ones, a Meta player */
    static const char *others[] = {"forgiving_tft", "second_gladstein", "first_graaskamp", "first_anonymous", "gradual",
                                   "retaliate", "limited_retaliate", "omega_tft", "cycle_hunter", "math_constant_hunter",
                                   "evolved_ann_5", "backstabber", "doublecrosser", "adaptive", "noisy(tft, 0.1)",
                                   "dual(gtft)", "meta_majority_memory_one"};
    size_t n_reg = pl_strategy_count(), n_oth = sizeof others / sizeof *others;
    pl_strategy **aut = calloc(n_reg, sizeof *aut), *oth[sizeof others / sizeof *others];
    assert_non_null(aut);
    size_t n = 0, tables = 0;
    for (size_t i = 0; i < n_reg; i++) {
        pl_strategy *s = st_make(pl_strategy_info_at(i)->id);
        double prob[5];
        int table = s->def->memory_one && s->def->memory_one(&s->params, pl_game_standard(), 0, prob);
        if (s->def->automaton || table) {
            aut[n++] = s;
            tables += table && !s->def->automaton;
        } else pl_strategy_free(s);
    }
    static const char *with_params[] = {"n_tits_for_m_tats:N=1,M=1", "n_tits_for_m_tats:N=2,M=3",
                                        "soft_go_by_majority:memory_depth=3", "hard_go_by_majority:memory_depth=4",
                                        "general_soft_grudger:n=2,d=3,c=1", "detective:initial_actions=D",
                                        "handshake:initial_plays=DDC"};
    enum { N_WITH = sizeof with_params / sizeof *with_params };
    aut = realloc(aut, (n_reg + N_WITH) * sizeof *aut);
    assert_non_null(aut);
    for (size_t k = 0; k < N_WITH; k++) aut[n++] = st_make(with_params[k]);
    assert_true(n >= 60 && tables >= 25);
    for (size_t k = 0; k < n_oth; k++) {
        oth[k] = st_make(others[k]);
        double prob[5];
        if (oth[k]->def->automaton ||
            (oth[k]->def->memory_one && oth[k]->def->memory_one(&oth[k]->params, pl_game_standard(), 0, prob)))
            fail_msg("%s is an automaton or a table: not a test of one", others[k]);
    }
    pl_game asym = *pl_game_standard(); /* a game whose two sides differ: a table made for the wrong side shows */
    asym.payoff[0][1][1] = 6, asym.payoff[1][0][0] = 4, asym.payoff[1][1][1] = 2;
    enum { NCFG = 6 };
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 200;
    cfgs[1].turns = 200, cfgs[1].noise = 0.05, cfgs[1].seed = 7;
    cfgs[2].turns = 0, cfgs[2].prob_end = 0.01, cfgs[2].seed = 5;
    cfgs[3].turns = 0, cfgs[3].prob_end = 0.02, cfgs[3].noise = 0.02, cfgs[3].seed = 3;
    cfgs[4].turns = 65, cfgs[4].noise = 0.2, cfgs[4].seed = 13;
    cfgs[5].turns = 77, cfgs[5].noise = 0.03, cfgs[5].game = &asym, cfgs[5].seed = 17, cfgs[5].stream_b = 9;
    pl_match_buf bufs[2];
    for (int k = 0; k < 2; k++) assert_int_equal(pl_match_buf_init(&bufs[k], 16), PL_OK);
    bufs[0].generic = 1;
    pl_error err;
    long half = 0, drew = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n_oth; j++)
            for (int k = 0; k < NCFG; k++)
                for (int side = 0; side < 2; side++) {
                    const pl_strategy *a = side ? oth[j] : aut[i], *b = side ? aut[i] : oth[j];
                    if (pl_strategy_check_game(a, cfgs[k].game, NULL) || pl_strategy_check_game(b, cfgs[k].game, NULL))
                        continue; /* a zero-determinant relation impossible in this game */
                    for (int m = 0; m < 2; m++) assert_int_equal(pl_match_run(a, b, &cfgs[k], &bufs[m], &err), PL_OK);
                    assert_int_equal(bufs[0].half, 0);
                    same_match(a, b, &cfgs[k], &bufs[0], &bufs[1], "one automaton");
                    half += bufs[1].half;
                    drew += cfgs[k].noise == 0 && cfgs[k].prob_end == 0 && bufs[1].drew;
                }
    /* play_half played almost all of them (a table's hook may decline in the asymmetric game), and
     * some without noise drew (stochastic players on either side) */
    assert_true(half > (long)(n * n_oth * 2 * (NCFG - 1)));
    assert_true(drew > (long)n);
    for (int k = 0; k < 2; k++) pl_match_buf_free(&bufs[k]);
    for (size_t i = 0; i < n; i++) pl_strategy_free(aut[i]);
    for (size_t k = 0; k < n_oth; k++) pl_strategy_free(oth[k]);
    free(aut);
}

/* Tit for tat with one thing more each, that the probe must see. */
static int tft_but_last_turn(void *st, const pl_params *p, const pl_view *v)
{
    return pl_view_in_last(v, 1) ? PL_D : pl_view_tft_reply(v); /* the match length */
}
static int tft_but_game(void *st, const pl_params *p, const pl_view *v)
{
    return pl_view_payoff(v, PL_D, PL_C) > 5 ? PL_D : pl_view_tft_reply(v); /* the game */
}
static int tft_but_side(void *st, const pl_params *p, const pl_view *v)
{
    return v->side ? PL_D : pl_view_tft_reply(v); /* the side */
}
static int tft_but_draws(void *st, const pl_params *p, const pl_view *v)
{
    return pl_view_coop_with(v, 1) == PL_C ? pl_view_tft_reply(v) : PL_C; /* draws nothing at 1 */
}
static int tft_but_stream(void *st, const pl_params *p, const pl_view *v)
{
    (void)pl_rng_next(v->rng); /* draws, whatever it plays */
    return pl_view_tft_reply(v);
}
static int tft_but_turn(void *st, const pl_params *p, const pl_view *v)
{
    return v->turn == 20 ? PL_D : pl_view_tft_reply(v); /* the turn */
}
static int tft_but_score(void *st, const pl_params *p, const pl_view *v)
{
    return v->me->score > 40 ? PL_D : pl_view_tft_reply(v); /* its score: the whole history */
}
static int tft_four_back(void *st, const pl_params *p, const pl_view *v)
{
    return v->turn >= 4 && pl_hist_ago(v->opp, 4) == PL_D ? PL_D : pl_view_tft_reply(v); /* four turns back */
}
typedef struct {
    int seen;
} count_state;
static int tft_but_counts(void *st, const pl_params *p, const pl_view *v)
{
    count_state *s = st; /* its own state: the other's defections, never forgotten */
    if (v->turn && pl_view_opp_last(v) == PL_D) s->seen++;
    return s->seen >= 3 ? PL_D : pl_view_tft_reply(v);
}

/* 1 when the automaton pl_match_run makes of s never draws, 0 when it may, -1 when s is none
 * (the automaton hook first, as automata_of looks). */
static int never_draws(const pl_strategy *s)
{
    static pl_automaton a;
    double prob[5];
    if (s->def->automaton) return s->def->automaton(&s->params, &a) ? pl_automaton_deterministic(&a) : -1;
    if (!s->def->memory_one || !s->def->memory_one(&s->params, pl_game_standard(), 0, prob)) return -1;
    for (int k = 0; k < 5; k++)
        if (prob[k] > 0 && prob[k] < 1) return 0;
    return 1;
}

/* With the automaton as A and a called B that its definition says never draws, or an A that
 * never draws, play_half makes A's move after B's (pl_match_buf.late): the same matches as with
 * A's move first (half_in_order) and as the loop of moves, every automaton and table against
 * deterministic players of every kind and two stochastic ones (played in order against an A that
 * draws), with and without noise, a probabilistic end, short and long.  And a B whose definition
 * says it does not draw but draws (tit for tat taking a number from the stream every turn) is
 * played again in order (late 2) against an A that draws: the same match as the loop of moves. */
static void late_automaton_moves_as_in_order(void **unused)
{
    (void)unused;
    static const char *others[] = {"forgiving_tft", "second_gladstein", "gradual", "retaliate", "limited_retaliate",
                                   "omega_tft", "cycle_hunter", "math_constant_hunter", "evolved_ann_5", "doublecrosser",
                                   "first_shubik", "adaptive", "meta_hunter", "first_downing", "first_anonymous",
                                   "first_graaskamp"};
    enum { N_OTH = sizeof others / sizeof *others, NCFG = 5 };
    size_t n;
    pl_strategy **aut = automata_and_tables(&n), *oth[N_OTH];
    for (size_t k = 0; k < N_OTH; k++) oth[k] = st_make(others[k]);
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 200, cfgs[0].seed = 3;
    cfgs[1].turns = 200, cfgs[1].noise = 0.05, cfgs[1].seed = 7;
    cfgs[2].turns = 0, cfgs[2].prob_end = 0.01, cfgs[2].seed = 5;
    cfgs[3].turns = 65, cfgs[3].noise = 0.2, cfgs[3].seed = 13, cfgs[3].stream_b = 4;
    cfgs[4].turns = 1001, cfgs[4].seed = 11;
    pl_match_buf bufs[3];
    for (int k = 0; k < 3; k++) assert_int_equal(pl_match_buf_init(&bufs[k], 16), PL_OK);
    bufs[0].generic = 1;
    bufs[1].half_in_order = 1;
    pl_error err;
    long late = 0, late_det = 0, in_order = 0, drew = 0;
    for (size_t i = 0; i < n; i++) {
        int still = never_draws(aut[i]) == 1; /* -1 (a hook that declines here): not played as one */
        for (size_t j = 0; j < N_OTH; j++)
            for (int k = 0; k < NCFG; k++) {
                for (int m = 0; m < 3; m++) assert_int_equal(pl_match_run(aut[i], oth[j], &cfgs[k], &bufs[m], &err), PL_OK);
                same_match(aut[i], oth[j], &cfgs[k], &bufs[0], &bufs[2], "late");
                same_match(aut[i], oth[j], &cfgs[k], &bufs[1], &bufs[2], "late against in order");
                assert_int_equal(bufs[1].late, 0);
                if (bufs[2].half && (still || !pl_strategy_is_stochastic(oth[j]))) {
                    assert_int_equal(bufs[2].late, 1);
                    late++;
                    late_det += still && pl_strategy_is_stochastic(oth[j]);
                    drew += !still && bufs[2].drew && cfgs[k].noise == 0 && cfgs[k].prob_end == 0;
                } else {
                    assert_int_equal(bufs[2].late, 0);
                    in_order += bufs[2].half;
                }
            }
    }
    assert_true(late > (long)(n * (N_OTH - 2) * NCFG * 9 / 10));
    assert_true(late_det > (long)n); /* Anonymous and Graaskamp after an A that never draws */
    assert_true(in_order > 2 * NCFG * 10); /* and in order after the automata that draw */
    assert_true(drew > 10);                /* the stochastic automata drew, alone */
    /* tit for tat that draws, its definition saying it does not (and neither a table nor an automaton) */
    pl_strategy *tft = st_make("tft");
    static pl_strategy_def d;
    d = *tft->def;
    d.move = tft_but_stream;
    d.flags &= ~(unsigned)PL_STOCHASTIC;
    d.is_stochastic = NULL;
    d.memory_one = NULL;
    d.automaton = NULL;
    pl_strategy liar = *tft;
    liar.def = &d;
    liar.stochastic = 0;
    long again = 0, drawing = 0;
    for (size_t i = 0; i < n; i++) {
        int nd = never_draws(aut[i]), still = nd == 1;
        drawing += nd == 0; /* an automaton that may draw (not one whose hook declines) */
        for (int k = 0; k < NCFG; k++) {
            for (int m = 0; m < 3; m += 2) assert_int_equal(pl_match_run(aut[i], &liar, &cfgs[k], &bufs[m], &err), PL_OK);
            same_match(aut[i], &liar, &cfgs[k], &bufs[0], &bufs[2], "a B that draws");
            assert_int_equal(bufs[2].late, bufs[2].half ? (still ? 1 : 2) : 0);
            again += bufs[2].late == 2;
        }
    }
    assert_true(drawing >= 10 && again > drawing * NCFG * 9 / 10);
    pl_strategy_free(tft);
    for (int k = 0; k < 3; k++) pl_match_buf_free(&bufs[k]);
    for (size_t i = 0; i < n; i++) pl_strategy_free(aut[i]);
    free(aut);
    for (size_t k = 0; k < N_OTH; k++) pl_strategy_free(oth[k]);
}

/* The players that read the match length or follow the turn alone made automata for a length
 * known (automaton_length: BackStabber, Alexei, EugineNier, AntiCycler and the Thue-Morse players,
 * their states counting the turns; Grumpy, its count bounded by the length) and Prober 4 (an automaton
 * of its probe's counts): stepped beside their move, turn by turn, told the length, against
 * opponents of every kind (random at several rates, tit for tat, suspicious tit for tat, an
 * alternator, and own actions flipped as noise flips them), at lengths around every threshold of
 * their rules (the last turns, the probe's 20 turns and the 5 after, a 64-turn word); the same
 * move every turn.  Then in matches: each against every automaton and table and against called
 * players, with and without noise, at fixed lengths and with a probabilistic end (where a player
 * that reads the length must stay called), the same matches as the loop of moves. */
static void length_automata_move_as_called(void **unused)
{
    (void)unused;
    static const char *ids[] = {"backstabber", "alexei", "eugine_nier", "anti_cycler", "thue_morse", "thue_morse_inverse",
                                "grumpy", "grumpy:starting_state=1,grumpy_threshold=2,nice_threshold=1",
                                "grumpy:grumpy_threshold=0,nice_threshold=3", "prober4"};
    static const int lengths[] = {1, 2, 3, 4, 5, 6, 7, 8, 19, 20, 21, 22, 25, 26, 27, 63, 64, 65, 180, 199, 200, 201, 333, 1000};
    enum { N_IDS = sizeof ids / sizeof *ids, N_LEN = sizeof lengths / sizeof *lengths, OPPONENTS = 9, TRIALS = 6 };
    static pl_automaton a;
    long made = 0, turns = 0;
    pl_history me, opp;
    assert_int_equal(pl_history_init(&me, 16), PL_OK);
    assert_int_equal(pl_history_init(&opp, 16), PL_OK);
    for (int i = 0; i < N_IDS; i++) {
        pl_strategy *s = st_make(ids[i]);
        const pl_strategy_def *d = s->def;
        assert_true(d->automaton || d->automaton_length);
        unsigned char *state = calloc(1, d->state_size ? d->state_size : 1);
        assert_non_null(state);
        for (int l = 0; l < N_LEN; l++) {
            int L = lengths[l];
            int ok = d->automaton ? d->automaton(&s->params, &a) : d->automaton_length(&s->params, L, &a);
            if (L <= 200 && !ok) fail_msg("%s: no automaton for %d turns", ids[i], L);
            if (!ok) continue;
            made++;
            assert_true(a.n >= 1 && a.n <= PL_AUTOMATON_MAX);
            for (int k = 0; k < a.n; k++)
                for (int y = 0; y < 4; y++) assert_true(a.next[k][y] < a.n);
            for (int o = 0; o < OPPONENTS; o++)
                for (int trial = 0; trial < TRIALS; trial++) {
                    static const double rate[6] = {0, 0.03, 0.2, 0.5, 0.8, 1};
                    double flip = trial % 3 == 2 ? 0.1 : 0; /* own actions flipped, as noise does */
                    pl_rng rng, untouched;
                    pl_rng_init(&rng, 99, (uint64_t)(o * TRIALS + trial), (uint64_t)L);
                    pl_rng_init(&untouched, 1, 2, 3);
                    memset(state, 0, d->state_size ? d->state_size : 1);
                    if (d->init) d->init(state, &s->params);
                    pl_history_clear(&me);
                    pl_history_clear(&opp);
                    unsigned at = 0;
                    for (int t = 0; t < L; t++) {
                        pl_view v = {.turn = t, .length = L, .me = &me, .opp = &opp, .game = pl_game_standard(),
                                     .side = 0, .rng = &untouched};
                        int m = d->move(state, &s->params, &v) & 1, am = a.cut[at] == 0;
                        if (m != am)
                            fail_msg("%s, %d turns, opponent %d, trial %d: turn %d moves %c, its automaton %c (state %u)",
                                     ids[i], L, o, trial, t, m ? 'D' : 'C', am ? 'D' : 'C', at);
                        assert_true(a.cut[at] == 0 || a.cut[at] == UINT64_MAX);
                        int x = m ^ (flip > 0 && pl_rng_uniform(&rng) < flip), y;
                        if (o < 6) y = pl_rng_uniform(&rng) < rate[o];
                        else if (o == 6) y = t ? pl_hist_at(&me, t - 1) : 0;       /* tit for tat */
                        else if (o == 7) y = t ? pl_hist_at(&me, t - 1) : 1;       /* suspicious */
                        else y = t & 1;                                             /* alternator */
                        assert_int_equal(pl_history_push(&me, x, 0), PL_OK);
                        assert_int_equal(pl_history_push(&opp, y, 0), PL_OK);
                        at = a.next[at][2 * x + y];
                        turns++;
                    }
                }
        }
        free(state);
        pl_strategy_free(s);
    }
    /* 237 and 1,224,558: EugineNier past 230 turns and BackStabber past 513 declined */
    assert_true(made == N_IDS * N_LEN - 3 && turns > 1200000);
    pl_history_free(&me);
    pl_history_free(&opp);
    /* a length past PL_AUTOMATON_MAX turns is declined */
    pl_strategy *bs = st_make("backstabber");
    assert_false(bs->def->automaton_length(&bs->params, PL_AUTOMATON_MAX + 1, &a));
    pl_strategy_free(bs);

    /* in matches, against every automaton and table, and against called players */
    size_t n;
    pl_strategy **aut = automata_and_tables(&n), *len[N_IDS];
    static const char *called[] = {"meta_hunter", "retaliate", "doublecrosser", "first_anonymous", "evolved_ann_5"};
    enum { N_CALLED = sizeof called / sizeof *called, NCFG = 6 };
    pl_strategy *cal[N_CALLED];
    for (int i = 0; i < N_IDS; i++) len[i] = st_make(ids[i]);
    for (int k = 0; k < N_CALLED; k++) cal[k] = st_make(called[k]);
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 200, cfgs[0].seed = 3;
    cfgs[1].turns = 200, cfgs[1].noise = 0.05, cfgs[1].seed = 7;
    cfgs[2].turns = 0, cfgs[2].prob_end = 0.01, cfgs[2].seed = 5;
    cfgs[3].turns = 200, cfgs[3].prob_end = 0.02, cfgs[3].noise = 0.02, cfgs[3].seed = 3; /* capped at 200 */
    cfgs[4].turns = 65, cfgs[4].noise = 0.2, cfgs[4].seed = 13, cfgs[4].stream_b = 4;
    cfgs[5].turns = 3, cfgs[5].seed = 11;
    pl_match_buf bufs[2];
    for (int k = 0; k < 2; k++) assert_int_equal(pl_match_buf_init(&bufs[k], 16), PL_OK);
    bufs[0].generic = 1;
    pl_error err;
    long stepped = 0;
    for (int i = 0; i < N_IDS; i++)
        for (size_t j = 0; j < n + N_CALLED; j++)
            for (int k = 0; k < NCFG; k++)
                for (int side = 0; side < 2; side++) {
                    const pl_strategy *o = j < n ? aut[j] : cal[j - n];
                    const pl_strategy *pa = side ? o : len[i], *pb = side ? len[i] : o;
                    for (int m = 0; m < 2; m++) assert_int_equal(pl_match_run(pa, pb, &cfgs[k], &bufs[m], &err), PL_OK);
                    same_match(pa, pb, &cfgs[k], &bufs[0], &bufs[1], "a player that reads the length");
                    if (j >= n && !pl_strategy_is_stochastic(o) && strcmp(ids[i], "prober4") != 0) {
                        /* against a called player: stepped (half) for a length known, called with a
                         * probabilistic end */
                        assert_int_equal(bufs[1].half, cfgs[k].prob_end == 0);
                        stepped += bufs[1].half;
                    }
                }
    assert_true(stepped == (N_IDS - 1) * (N_CALLED - 1) * 4 * 2); /* all but Prober 4, the four deterministic, 4 lengths, 2 sides */
    for (int k = 0; k < 2; k++) pl_match_buf_free(&bufs[k]);
    for (size_t i = 0; i < n; i++) pl_strategy_free(aut[i]);
    free(aut);
    for (int i = 0; i < N_IDS; i++) pl_strategy_free(len[i]);
    for (int k = 0; k < N_CALLED; k++) pl_strategy_free(cal[k]);
}

static void probe_refuses_hidden_reads(void **unused)
{
    (void)unused;
    static const struct {
        int (*move)(void *, const pl_params *, const pl_view *);
        size_t state_size;
        int depth, ok;
    } cases[] = {
        {tft_but_last_turn, 0, 3, 0}, {tft_but_game, 0, 1, 0},   {tft_but_side, 0, 1, 0},
        {tft_but_draws, 0, 1, 1},     {tft_but_stream, 0, 1, 0}, {tft_but_turn, 0, 5, 0},
        {tft_but_score, 0, 5, 0},     {tft_four_back, 0, 3, 0},  {tft_four_back, 0, 4, 1},
        {tft_but_counts, sizeof(count_state), 5, 0},
    };
    pl_params p;
    memset(&p, 0, sizeof p);
    static pl_automaton a;
    static pl_probe_def d[sizeof cases / sizeof *cases]; /* the cache knows a definition by its address */
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        d[k] = (pl_probe_def){"test", cases[k].move, NULL, cases[k].state_size, cases[k].depth, NULL};
        if (pl_automaton_probe_uncached(&d[k], &p, &a) != cases[k].ok)
            fail_msg("case %zu: %s", k, cases[k].ok ? "refused" : "made");
        /* the cached builder says the same, twice (the second from its cache) */
        for (int t = 0; t < 2; t++) assert_int_equal(pl_automaton_probe(&d[k], &p, &a), cases[k].ok);
    }
}

/* The probe as a definition would use it, from the registry's strategy `id`, claiming `depth`. */
static int probe_as(const char *id, int depth, pl_automaton *a)
{
    pl_strategy *s = st_make(id);
    pl_probe_def d = {id, s->def->move, s->def->init, s->def->state_size, depth, NULL};
    int ok = pl_automaton_probe_uncached(&d, &s->params, a);
    pl_strategy_free(s);
    return ok;
}

/* The probing builder refuses a strategy that reads more than the depth it is given: more turns
 * back, the turn itself, its intentions, the match length, the game or the stream. */
static void probe_refuses_deeper_moves(void **unused)
{
    (void)unused;
    static pl_automaton a;
    static const struct {
        const char *id;
        int depth, ok, states;
    } cases[] = {
        {"tf2t", 1, 0, 0},        {"tf2t", 2, 1, 3},           {"hard_tft", 2, 0, 0},
        {"hard_tft", 3, 1, 4},    {"hard_tft", 5, 1, 4},       {"two_tits_for_tat", 1, 0, 0},
        {"slow_tf2t2", 1, 0, 0},  {"capri", 2, 0, 0},          {"capri", 3, 1, 14},
        {"first_nydegger", 2, 0, 0},
        {"n_tits_for_m_tats", 1, 0, 0}, {"n_tits_for_m_tats", 2, 1, 6}, /* M = 2 turns back, and its count */
        {"resurrection", 4, 0, 0}, {"resurrection", 5, 1, 10}, {"soft_go_by_majority_5", 4, 0, 0},
        {"grudger", 5, 0, 0},      /* the whole history */
        /* with their states: an opening of eight moves counted in it, what it meant to play */
        {"second_colbert", 1, 1, 9}, {"contrite_tft", 1, 1, 4}, {"once_bitten", 1, 0, 0}, {"once_bitten", 2, 1, 14},
        {"random", 1, 0, 0},         /* draws from the stream */
        {"tft", 0, 0, 0},            /* depths outside 1 to PL_PROBE_MAX_DEPTH */
        {"tft", PL_PROBE_MAX_DEPTH + 1, 0, 0},
        {"tft", 1, 1, 2},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        a.n = 0;
        int ok = probe_as(cases[k].id, cases[k].depth, &a);
        if (ok != cases[k].ok || (ok && a.n != cases[k].states))
            fail_msg("%s at depth %d: %s with %d states, expected %s with %d", cases[k].id, cases[k].depth,
                     ok ? "made" : "refused", a.n, cases[k].ok ? "made" : "refused", cases[k].states);
    }
    /* tit for two tats probed: state 0 (the first turn) cooperates, and two defections of the
     * other in a row lead to the state that defects */
    assert_true(probe_as("tf2t", 2, &a));
    assert_int_equal(a.cut[0], UINT64_MAX);
    int s1 = a.next[0][1], s2 = a.next[s1][1];
    assert_int_equal(a.cut[s1], UINT64_MAX);
    assert_int_equal(a.cut[s2], 0);
    assert_int_equal(a.cut[a.next[s2][0]], UINT64_MAX);
    assert_true(pl_automaton_deterministic(&a));
}

/* The match loops store a called player's move as it is returned, unmasked (play_turns, play_half):
 * every move must be PL_C or PL_D (strategy_def.h).  Each strategy of the registry and a few
 * transformed ones, played by the loop of moves through a definition whose move checks what the
 * real move returned, from both sides, against opponents of every kind, with and without noise,
 * a probabilistic end, short and long. */
static const pl_strategy_def *checked_def;
static long checked_moves, checked_bad;
static int checked_move(void *st, const pl_params *p, const pl_view *v)
{
    int r = checked_def->move(st, p, v);
    checked_moves++;
    checked_bad += r != PL_C && r != PL_D;
    return r;
}

static int every_kind(const pl_strategy *s) { (void)s; return 1; }

static void every_move_is_an_action(void **unused)
{
    (void)unused;
    static const char *extra[] = {"dual(tft)", "flip(random)", "noisy(grudger, 0.1)", "flip(dual(meta_hunter))"};
    static const char *opps[] = {"random", "alternator", "tft", "first_anonymous", "meta_hunter"};
    enum { N_EXTRA = sizeof extra / sizeof *extra, N_OPP = sizeof opps / sizeof *opps, NCFG = 3 };
    size_t n;
    pl_strategy **all = st_registry_where(every_kind, N_EXTRA, &n), *opp[N_OPP];
    for (size_t k = 0; k < N_EXTRA; k++) all[n++] = st_make(extra[k]);
    for (size_t k = 0; k < N_OPP; k++) opp[k] = st_make(opps[k]);
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 150, cfgs[0].seed = 21;
    cfgs[1].turns = 150, cfgs[1].noise = 0.1, cfgs[1].seed = 22;
    cfgs[2].turns = 0, cfgs[2].prob_end = 0.02, cfgs[2].seed = 23, cfgs[2].noise = 0.02;
    pl_match_buf buf;
    assert_int_equal(pl_match_buf_init(&buf, 16), PL_OK);
    buf.generic = 1;
    pl_error err;
    /* a definition each: the buffer keeps the last one whose state holds a resource (release) */
    pl_strategy_def *d = calloc(n, sizeof *d);
    assert_non_null(d);
    for (size_t i = 0; i < n; i++) {
        d[i] = *all[i]->def;
        checked_def = all[i]->def;
        d[i].move = checked_move;
        pl_strategy s = *all[i];
        s.def = &d[i];
        for (size_t j = 0; j < N_OPP; j++)
            for (int k = 0; k < NCFG; k++) {
                long before = checked_bad;
                assert_int_equal(pl_match_run(&s, opp[j], &cfgs[k], &buf, &err), PL_OK);
                assert_int_equal(pl_match_run(opp[j], &s, &cfgs[k], &buf, &err), PL_OK);
                if (checked_bad != before)
                    fail_msg("%s against %s (config %d) returned a move other than PL_C or PL_D",
                             pl_strategy_label(all[i]), opps[j], k);
            }
    }
    assert_true(checked_moves > (long)n * N_OPP * 2 * 300);
    pl_match_buf_free(&buf);
    free(d);
    for (size_t k = 0; k < N_OPP; k++) pl_strategy_free(opp[k]);
    for (size_t i = 0; i < n; i++) pl_strategy_free(all[i]);
    free(all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(automata_play_as_moves),
        cmocka_unit_test(every_move_is_an_action),
        cmocka_unit_test(one_automaton_plays_as_moves),
        cmocka_unit_test(late_automaton_moves_as_in_order),
        cmocka_unit_test(length_automata_move_as_called),
        cmocka_unit_test(two_chains_play_as_one_at_a_time),
        cmocka_unit_test(same_players_take_what_was_made),
        cmocka_unit_test(cycles_of_every_period),
        cmocka_unit_test(automata_past_256_states),
        cmocka_unit_test(probe_refuses_deeper_moves),
        cmocka_unit_test(probe_refuses_hidden_reads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
