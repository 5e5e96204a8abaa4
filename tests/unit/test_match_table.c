// SPDX-License-Identifier: MIT
/* test_match_table.c — the table loop plays the same matches as the loop of moves.
 *
 * When both players are memory-one tables (pl_strategy_def.memory_one) pl_match_run plays
 * them without calling their move functions (twoparty/match.c, play_table).  The proof that
 * nothing changes: every pair of table strategies, with default and other parameters, in
 * several games, with and without noise and with a probabilistic end, played by both loops
 * (pl_match_buf.generic forces the loop of moves) gives the same actions, defection counts,
 * scores (bit for bit), the same stream state (`drew`), and so the same tournaments. */
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


static int is_table(const pl_strategy *s, const pl_game *g)
{
    double prob[5];
    return s->def->memory_one && s->def->memory_one(&s->params, g ? g : pl_game_standard(), 0, prob);
}

static int is_plain_table(const pl_strategy *s) { return is_table(s, NULL); }

/* Plays a against b with both loops; fails on the first difference. */
static void both_loops(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, pl_match_buf *fast,
                       pl_match_buf *slow)
{
    pl_error err;
    slow->generic = 1;
    fast->generic = 0;
    assert_int_equal(pl_match_run(a, b, cfg, fast, &err), PL_OK);
    assert_int_equal(pl_match_run(a, b, cfg, slow, &err), PL_OK);
    for (int p = 0; p < 2; p++) {
        const pl_history *f = &fast->h[p], *s = &slow->h[p];
        if (f->len != s->len || f->n_defect != s->n_defect || memcmp(&f->score, &s->score, sizeof f->score) != 0 ||
            memcmp(f->w, s->w, (size_t)(f->len + 63) / 64 * sizeof *f->w) != 0)
            fail_msg("%s vs %s (noise %g, prob_end %g, seed %llu): party %d differs (len %d/%d, defections %d/%d)",
                     pl_strategy_label(a), pl_strategy_label(b), cfg->noise, cfg->prob_end,
                     (unsigned long long)cfg->seed, p, f->len, s->len, f->n_defect, s->n_defect);
    }
    assert_int_equal(fast->drew, slow->drew);
}

/* Every pair of table strategies of the registry, and some with other parameters. */
static void tables_play_as_moves(void **unused)
{
    (void)unused;
    static const char *extra[] = {"gtft:p=-1", "gtft:p=0", "random:p=0.3", "random:p=1", "soft_joss:q=0",
                                  "win_shift_lose_stay:initial=C", "stochastic_wsls:ep=0.2", "first_joss:p=0.7",
                                  "memory_one:p_cc=0.9,p_cd=0.1,p_dc=0.8,p_dd=0.3,initial=0.6",
                                  "memory_one:p_cc=1,p_cd=0,p_dc=0,p_dd=1,initial=0"};
    size_t n, n_extra = sizeof extra / sizeof *extra;
    pl_strategy **all = st_registry_where(is_plain_table, n_extra, &n);
    /* the players the table loop is for are tables: a hook lost would pass every comparison */
    static const char *must[] = {"tft", "gtft", "wsls", "cooperator", "defector", "random", "first_grofman",
                                 "first_joss", "zd_extort_2", "zd_gtft_2", "firm_but_fair", "soft_joss"};
    for (size_t k = 0; k < sizeof must / sizeof *must; k++) {
        pl_strategy *s = st_make(must[k]);
        if (!is_table(s, NULL)) fail_msg("%s is not a memory-one table", must[k]);
        pl_strategy_free(s);
    }
    assert_true(n >= 30);
    for (size_t k = 0; k < n_extra; k++) {
        all[n] = st_make(extra[k]);
        assert_true(is_table(all[n], NULL));
        n++;
    }
    pl_game g, frac, asym;
    pl_game_pd(&g, 4, 0, 7, 1);
    pl_game_pd(&frac, 3.1, 0.3, 5.7, 1.1);
    /* a game whose two sides differ: a table made for the wrong side would show here */
    asym = *pl_game_standard();
    asym.payoff[0][1][1] = 6, asym.payoff[1][0][0] = 4, asym.payoff[1][1][1] = 2;
    enum { NCFG = 6 };
    pl_match_config cfgs[NCFG];
    for (int k = 0; k < NCFG; k++) pl_match_config_default(&cfgs[k]);
    cfgs[0].turns = 200;                                          /* no noise: 3 full words + 8 turns */
    cfgs[1].turns = 200, cfgs[1].noise = 0.05, cfgs[1].seed = 7;  /* noise */
    cfgs[2].turns = 64, cfgs[2].noise = 0.1, cfgs[2].game = &g, cfgs[2].seed = 11, cfgs[2].stream_a = 3;
    cfgs[3].turns = 0, cfgs[3].prob_end = 0.02, cfgs[3].noise = 0.02, cfgs[3].seed = 5; /* unknown length */
    cfgs[4].turns = 130, cfgs[4].noise = 0.05, cfgs[4].game = &frac, cfgs[4].seed = 13;
    cfgs[5].turns = 77, cfgs[5].noise = 0.03, cfgs[5].game = &asym, cfgs[5].seed = 17, cfgs[5].stream_b = 9;
    pl_match_buf fast, slow;
    assert_int_equal(pl_match_buf_init(&fast, 16), PL_OK); /* small: the histories grow to the match */
    assert_int_equal(pl_match_buf_init(&slow, 16), PL_OK);
    int played = 0, drew = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            for (int k = 0; k < NCFG; k++) {
                if (pl_strategy_check_game(all[i], cfgs[k].game, NULL) || pl_strategy_check_game(all[j], cfgs[k].game, NULL))
                    continue; /* a zero-determinant relation impossible in this game: refused by both */
                both_loops(all[i], all[j], &cfgs[k], &fast, &slow);
                played++;
                drew += fast.drew;
            }
    assert_true(played > (int)(n * n * 4));
    assert_true(drew > 0 && drew < played); /* both kinds of pair were compared */
    pl_match_buf_free(&fast);
    pl_match_buf_free(&slow);
    for (size_t i = 0; i < n; i++) pl_strategy_free(all[i]);
    free(all);
}

/* A buffer reused from a longer match to a shorter one: no bit of the old match is left. */
static void table_loop_after_longer_match(void **unused)
{
    (void)unused;
    pl_strategy *d = st_make("defector"), *r = st_make("random");
    pl_match_buf fast, slow;
    assert_int_equal(pl_match_buf_init(&fast, 16), PL_OK);
    assert_int_equal(pl_match_buf_init(&slow, 16), PL_OK);
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 300;
    both_loops(d, d, &cfg, &fast, &slow);
    cfg.turns = 70;
    cfg.noise = 0.5;
    both_loops(r, d, &cfg, &fast, &slow);
    assert_int_equal(fast.h[0].len, 70);
    int defects = 0;
    for (int t = 0; t < 70; t++) defects += pl_hist_at(&fast.h[1], t);
    assert_int_equal(defects, fast.h[1].n_defect);
    assert_int_equal(fast.h[1].w[1] >> 6, 0); /* turn 70 on: nothing */
    pl_match_buf_free(&fast);
    pl_match_buf_free(&slow);
    pl_strategy_free(d);
    pl_strategy_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tables_play_as_moves),
        cmocka_unit_test(table_loop_after_longer_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
