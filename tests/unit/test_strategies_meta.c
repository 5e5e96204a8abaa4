/* SPDX-License-Identifier: MIT */
/* test_strategies_meta.c — the Meta players (src/strategies/meta.c): their teams are the
 * reference's, member for member (tests/resources/axelrod-4.13/meta_teams.txt, made by
 * tools/meta_reference.py from Axelrod-Python 4.13); their classifiers follow from their
 * teams as the reference derives them; Meta Winner follows its best scorer, recomputed here
 * from each member played alone; the nice ones never defect first; Memory Decay opens as Tit
 * For Tat and then judges by its memory.  Move-for-move agreement with the reference's own
 * matches is tests/e2e/meta_strategies.sh (check-transcripts). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"
#include "parley/testing.h"
#include "resource_testing.h"

/* The registry index of a definition. */
static size_t index_of(const pl_strategy_def *d)
{
    for (size_t i = 0; i < pl_strategy_count(); i++)
        if (pl_registry_def_at(i) == d) return i;
    fail_msg("a team member is not in the registry");
    return 0;
}

static const pl_strategy_info *info_of_class(const char *cls)
{
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (in->class_name && !strcmp(in->class_name, cls)) return in;
    }
    return NULL;
}

/* Every team, member for member and in order, is the reference's; the display name carries
 * the team's size as the reference's does ("Meta Winner: 217 players"). */
static void teams_are_the_references(void **state)
{
    (void)state;
    char path[1024];
    FILE *f = resource_open("axelrod-4.13/meta_teams.txt", path, sizeof path);
    if (!f) fail_msg("cannot read %s", path);
    static char line[20000];
    int metas = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        char *save = NULL, *cls = strtok_r(line, " \n", &save), *size = strtok_r(NULL, " \n", &save);
        assert_non_null(cls);
        assert_non_null(size);
        size_t n = strtoul(size, NULL, 10);
        const pl_strategy_info *meta = info_of_class(cls);
        if (!meta) fail_msg("the reference's %s is not in parley", cls);
        if (pl_meta_team_size(cls) != n)
            fail_msg("%s: parley's team has %zu players, the reference's %zu", cls, pl_meta_team_size(cls), n);
        if (strcmp(cls, "MemoryDecay")) {
            char players[64];
            snprintf(players, sizeof players, ": %zu players", n);
            if (!strstr(meta->axelrod_name, players)) fail_msg("%s is shown as '%s'", cls, meta->axelrod_name);
        }
        for (size_t k = 0; k < n; k++) {
            const char *want = strtok_r(NULL, " \n", &save);
            assert_non_null(want);
            const pl_strategy_info *got = pl_strategy_info_at(index_of(pl_meta_team_member(cls, k)));
            if (!got->class_name || strcmp(got->class_name, want))
                fail_msg("%s: member %zu is %s, the reference's is %s", cls, k, got->class_name ? got->class_name : got->id,
                         want);
        }
        assert_null(strtok_r(NULL, " \n", &save));
        metas++;
    }
    fclose(f);
    printf("# %d Meta players' teams equal the reference's\n", metas);
    assert_int_equal(metas, 21);
}

/* The classifiers each Meta player carries follow from its team as the reference derives
 * them (MetaPlayer._post_init): makes_use_of is the union of the team's (not Meta Mixer's); stochastic if any
 * member is, except that Meta Winner Deterministic says deterministic, the ensembles (a team
 * of more than one) and Memory Decay are always stochastic. */
static void classifiers_follow_the_team(void **state)
{
    (void)state;
    int checked = 0;
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        const pl_strategy_def *d = pl_registry_def_at(i);
        if (!d->release) continue;
        size_t n = pl_meta_team_size(in->class_name);
        assert_true(n > 0);
        int game = 0, length = 0, stochastic = 0;
        for (size_t k = 0; k < n; k++) {
            const pl_strategy_info *m = pl_strategy_info_at(index_of(pl_meta_team_member(in->class_name, k)));
            game |= m->uses_game, length |= m->uses_length, stochastic |= m->stochastic;
        }
        if (strstr(in->class_name, "Ensemble") || !strncmp(in->class_name, "NMWE", 4) || !strcmp(in->class_name, "MemoryDecay"))
            stochastic = 1;
        if (!strcmp(in->class_name, "MetaWinnerDeterministic")) stochastic = 0;
        /* MetaMixer._post_init replaces MetaPlayer's without calling it: its team's use of the
         * game and length is never collected, and the reference's table says neither */
        if (!strcmp(in->class_name, "MetaMixer")) game = length = 0;
        if (in->uses_game != game || in->uses_length != length || in->stochastic != stochastic || in->memory_depth != -1)
            fail_msg("%s: game %d length %d stochastic %d memory %d; its team gives game %d length %d stochastic %d",
                     in->id, in->uses_game, in->uses_length, in->stochastic, in->memory_depth, game, length, stochastic);
        checked++;
    }
    assert_int_equal(checked, 21);
}

/* Meta Winner Deterministic against an opponent that ignores it (a cycle): each member's
 * proposals are then what the member plays alone against that cycle, so the best scorer
 * after every turn can be recomputed from matches of the members alone. */
static void winner_follows_the_best_scorer(void **state)
{
    (void)state;
    const char *cls = "MetaWinnerDeterministic";
    const char *opps[] = {"cycler:cycle=CCDCDDC", "alternator", "cycler:cycle=DDC"};
    enum { T = 120 };
    size_t n = pl_meta_team_size(cls);
    char *prop = malloc(n * (T + 1));
    double *score = calloc(n, sizeof *score);
    assert_non_null(prop);
    assert_non_null(score);
    for (size_t o = 0; o < sizeof opps / sizeof *opps; o++) {
        char opp[T + 1], meta[T + 1];
        for (size_t k = 0; k < n; k++) {
            const pl_strategy_info *m = pl_strategy_info_at(index_of(pl_meta_team_member(cls, k)));
            st_play(m->id, opps[o], (st_match){.turns = T}, prop + k * (T + 1), opp);
            score[k] = 0;
        }
        st_play("meta_winner_deterministic", opps[o], (st_match){.turns = T}, meta, opp);
        for (int t = 0; t < T; t++) {
            double best = -1e300;
            for (size_t k = 0; k < n; k++)
                if (score[k] > best) best = score[k];
            char want = 'D';
            for (size_t k = 0; k < n; k++)
                if (score[k] == best && prop[k * (T + 1) + t] == 'C') want = 'C';
            if (meta[t] != want) fail_msg("vs %s, turn %d: Meta Winner Deterministic plays %c, its best scorers %c", opps[o], t, meta[t], want);
            int theirs = opp[t] == 'D';
            for (size_t k = 0; k < n; k++) score[k] += prop[k * (T + 1) + t] == 'D' ? (theirs ? 1 : 5) : (theirs ? 0 : 3);
        }
    }
    free(prop);
    free(score);
}

/* The nice ones (the reference's nice transformer) never defect before the opponent does. */
static void nice_ones_never_defect_first(void **state)
{
    (void)state;
    const char *nice[] = {"nice_meta_winner", "nice_meta_winner_ensemble", "nmwe_deterministic", "nmwe_stochastic",
                          "nmwe_finite_memory", "nmwe_long_memory", "nmwe_memory_one"};
    for (size_t i = 0; i < sizeof nice / sizeof *nice; i++)
        for (uint64_t seed = 1; seed <= 3; seed++) {
            char a[61], b[61];
            st_play(nice[i], "cooperator", (st_match){.turns = 60, .seed = seed}, a, b);
            if (st_count_c(a) != 60) fail_msg("%s defects against Cooperator (seed %llu): %s", nice[i], (unsigned long long)seed, a);
            /* against an opponent that defects at turn 10: C up to and including turn 10 */
            char script[61];
            st_script(script, "CCCCCCCCCCD", 'C', 60);
            char moves[61];
            st_play_script(nice[i], script, 60, NULL, seed, moves);
            for (int t = 0; t <= 10; t++)
                if (moves[t] != 'C') fail_msg("%s defects at turn %d before the opponent has: %s", nice[i], t, moves);
        }
}

/* Memory Decay plays Tit For Tat for 15 turns, then by its net cooperation score: a
 * constant opponent is judged the same whatever flip or loss of memory happens. */
static void memory_decay_opens_as_tit_for_tat(void **state)
{
    (void)state;
    char alt[101];
    st_script(alt, "CDDCDCCDDDCDCCDCD", 'C', 100);
    char tft[101], md[101];
    st_play_script("tft", alt, 100, NULL, 1, tft);
    for (uint64_t seed = 1; seed <= 8; seed++) {
        st_play_script("memory_decay", alt, 100, NULL, seed, md);
        if (strncmp(md, tft, 15)) fail_msg("Memory Decay's opening (seed %llu) %.15s is not Tit For Tat's %.15s", (unsigned long long)seed, md, tft);
    }
    st_expect_run("memory_decay", "defector", (st_match){.turns = 500, .seed = 3}, 1, 'C', 'D');
    st_expect_run("memory_decay", "cooperator", (st_match){.turns = 500, .seed = 3}, 500, 'C', 'C');
    /* a start of 0 turns: judged from the first move, on an empty memory (net 0: C) */
    char a[21];
    st_script(alt, "", 'D', 20);
    st_play_script("memory_decay:start=0", alt, 20, NULL, 5, a);
    assert_string_equal(a, "CDDDDDDDDDDDDDDDDDDD");
}

/* Meta Mixer plays a uniformly chosen member's proposal each turn: against Defector, whose
 * moves do not depend on it, its share of C at a turn is the team's mean share of C there,
 * measured here from the members played alone. */
static void mixer_plays_the_teams_mean(void **state)
{
    (void)state;
    enum { T = 30, SEEDS = 400 };
    const char *cls = "MetaMixer";
    size_t n = pl_meta_team_size(cls);
    double share[T] = {0};
    for (size_t k = 0; k < n; k++) {
        const pl_strategy_info *m = pl_strategy_info_at(index_of(pl_meta_team_member(cls, k)));
        int reps = m->stochastic ? 20 : 1;
        for (int r = 0; r < reps; r++) {
            char a[T + 1];
            st_play(m->id, "defector", (st_match){.turns = T, .seed = (uint64_t)r + 1}, a, NULL);
            for (int t = 0; t < T; t++) share[t] += (a[t] == 'C') / (double)reps / (double)n;
        }
    }
    int coop[T] = {0};
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        char a[T + 1];
        st_play("meta_mixer", "defector", (st_match){.turns = T, .seed = seed}, a, NULL);
        for (int t = 0; t < T; t++) coop[t] += a[t] == 'C';
    }
    for (int t = 0; t < T; t += 7) {
        char what[80];
        snprintf(what, sizeof what, "Meta Mixer vs Defector: share of C at turn %d", t);
        /* 5 standard errors, plus the members' own sampling error */
        st_assert_near(what, coop[t] / (double)SEEDS, share[t], 5 * sqrt(0.25 / SEEDS) + 0.02);
    }
}

/* The random Meta players, Memory Decay and DBS under noise against the reference's own, in
 * distribution: for each row of
 * tests/resources/axelrod-4.13/meta_distributions.csv (the reference's mean and standard
 * deviation of the player's score and cooperations per match over its seeds, made by
 * tools/meta_reference.py), parley's mean over four times as many seeds is within 5 standard
 * errors of the difference (both samples' spreads), plus 1e-9 where both spreads are 0. */
static void random_metas_match_the_reference_in_distribution(void **state)
{
    (void)state;
    char path[1024], line[512];
    FILE *f = resource_open("axelrod-4.13/meta_distributions.csv", path, sizeof path);
    if (!f) fail_msg("cannot read %s", path);
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || !strncmp(line, "player,", 7)) continue;
        char player[64], opp[64];
        int turns, reps;
        double noise, ms, ss, mc, sc;
        if (sscanf(line, "%63[^,],%63[^,],%d,%d,%lf,%lf,%lf,%lf,%lf", player, opp, &turns, &reps, &noise, &ms, &ss, &mc,
                   &sc) != 9)
            fail_msg("%s: cannot read the line '%s'", path, line);
        st_sample score = {0}, coop = {0};
        int n = 4 * reps;
        char *a = malloc((size_t)turns + 1);
        assert_non_null(a);
        for (int seed = 1; seed <= n; seed++) {
            st_result r = st_play(player, opp, (st_match){.turns = turns, .noise = noise, .seed = (uint64_t)seed}, a, NULL);
            st_sample_add(&score, r.score_a);
            st_sample_add(&coop, st_count_c(a));
        }
        free(a);
        double se_s = sqrt(ss * ss / reps + pow(st_sample_se(&score), 2)),
               se_c = sqrt(sc * sc / reps + pow(st_sample_se(&coop), 2));
        printf("# %s vs %s, %d turns, noise %g: score %.3f (reference %.3f, 5 SE %.3f), cooperations %.3f (reference %.3f, 5 SE %.3f)\n",
               player, opp, turns, noise, st_sample_mean(&score), ms, 5 * se_s, st_sample_mean(&coop), mc, 5 * se_c);
        char what[200];
        snprintf(what, sizeof what, "%s vs %s: mean score", player, opp);
        st_assert_near(what, st_sample_mean(&score), ms, 5 * se_s + 1e-9);
        snprintf(what, sizeof what, "%s vs %s: mean cooperations", player, opp);
        st_assert_near(what, st_sample_mean(&coop), mc, 5 * se_c + 1e-9);
        rows++;
    }
    fclose(f);
    assert_true(rows >= 8);
}

/* The same seed gives the same match, and the team's memory is given back (the sanitizer
 * build checks the release). */
static void same_seed_same_match(void **state)
{
    (void)state;
    char a1[101], b1[101], a2[101], b2[101];
    st_play("meta_winner_ensemble", "random", (st_match){.turns = 100, .seed = 9, .noise = 0.05}, a1, b1);
    st_play("meta_winner_ensemble", "random", (st_match){.turns = 100, .seed = 9, .noise = 0.05}, a2, b2);
    assert_string_equal(a1, a2);
    assert_string_equal(b1, b2);
    /* a probabilistic end: the team's histories grow past their first capacity */
    st_result r = st_play_alloc("meta_majority", "meta_minority", (st_match){.prob_end = 0.002, .seed = 4}, NULL, NULL);
    assert_true(r.turns >= 1);
}

/* The shortcuts of the Meta players' turn give the very matches of the plain turn: the
 * members that are automata or memory-one tables, played in the team's loop without a call,
 * against calling every member's move; Ensemble's ranking kept from turn to turn against one
 * sorted afresh.  Every Meta player, from either side, against opponents that draw and that
 * do not, with and without noise, with a probabilistic end, in the standard game, in one whose
 * tables differ (the zero-determinant members hang on the payoffs), in one of fractional
 * payoffs and in one whose running scores round to ties: both action strings, both scores
 * bit for bit. */
static void shortcuts_play_the_same_matches(void **state)
{
    (void)state;
    static const char *const opponents[] = {"random", "grudger", "wsls", "first_davis"};
    const st_match settings[] = {{.turns = 80, .seed = 3, .noise = 0.05},
                                 {.turns = 80, .seed = 5},
                                 {.turns = 0, .prob_end = 0.02, .seed = 6, .noise = 0.01},
                                 {.turns = 60, .seed = 7, .noise = 0.02, .game = "2,-1,4,0"},
                                 {.turns = 60, .seed = 8, .noise = 0.03, .game = "3.1,0.3,5.7,1.1"},
                                 /* payoffs near 10^15, whose sums round away small differences
                                  * of score: ties the index must break */
                                 {.turns = 60, .seed = 9, .noise = 0.05, .game = "5e14,0.3,1e15,1"}};
    int played = 0;
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (strcmp(in->family, "meta")) continue;
        for (size_t o = 0; o < sizeof opponents / sizeof *opponents; o++)
            for (size_t k = 0; k < sizeof settings / sizeof *settings; k++)
                for (int side = 0; side < 2; side++) {
                    const char *a = side ? opponents[o] : in->id, *b = side ? in->id : opponents[o];
                    char *fa, *fb, *ca, *cb;
                    st_result fast = st_play_alloc(a, b, settings[k], &fa, &fb);
                    pl_meta_plain_loop(1);
                    st_result called = st_play_alloc(a, b, settings[k], &ca, &cb);
                    pl_meta_plain_loop(0);
                    if (strcmp(fa, ca) || strcmp(fb, cb) || memcmp(&fast.score_a, &called.score_a, sizeof(double)) ||
                        memcmp(&fast.score_b, &called.score_b, sizeof(double)))
                        fail_msg("%s vs %s, setting %zu: without calls %s / %s (%.17g, %.17g); calling every member "
                                 "%s / %s (%.17g, %.17g)",
                                 a, b, k, fa, fb, fast.score_a, fast.score_b, ca, cb, called.score_a, called.score_b);
                    free(fa), free(fb), free(ca), free(cb);
                    played++;
                }
    }
    printf("# %d matches of Meta players played both ways, the same\n", played);
    assert_int_equal(played, 21 * 4 * 6 * 2);
}

/* Out of memory for the team (at the start or as its histories grow): the match fails with
 * PL_ENOMEM and a message, never a crash and never a leak (the sanitizers watch), whichever
 * allocation fails. */
static void out_of_memory_fails_the_match(void **state)
{
    (void)state;
    pl_strategy *meta = st_make("meta_majority_memory_one"), *tft = st_make("tft");
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 0;
    cfg.prob_end = 0.001; /* unknown length: the histories start small and grow */
    cfg.seed = 11;
    int failed = 0;
    for (long n = 1;; n++) {
        pl_alloc_fail_at(n);
        pl_match_result *r = NULL;
        pl_error err;
        int rc = pl_match_play(meta, tft, &cfg, &r, &err);
        long failures = pl_alloc_failures();
        pl_alloc_fail_at(0);
        if (rc == PL_OK) {
            assert_int_equal(failures, 0);
            pl_match_result_free(r);
            break;
        }
        assert_int_equal(rc, PL_ENOMEM);
        assert_null(r);
        assert_non_null(strstr(err.msg, "out of memory"));
        failed++;
        assert_true(n < 100000);
    }
    printf("# %d allocations of a Meta player's match failed in turn, each with PL_ENOMEM\n", failed);
    assert_true(failed > 3);
    pl_strategy_free(meta);
    pl_strategy_free(tft);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(teams_are_the_references),
        cmocka_unit_test(classifiers_follow_the_team),
        cmocka_unit_test(winner_follows_the_best_scorer),
        cmocka_unit_test(nice_ones_never_defect_first),
        cmocka_unit_test(memory_decay_opens_as_tit_for_tat),
        cmocka_unit_test(mixer_plays_the_teams_mean),
        cmocka_unit_test(random_metas_match_the_reference_in_distribution),
        cmocka_unit_test(same_seed_same_match),
        cmocka_unit_test(shortcuts_play_the_same_matches),
        cmocka_unit_test(out_of_memory_fails_the_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
