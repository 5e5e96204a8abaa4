/* SPDX-License-Identifier: MIT */
/* test_agreement_fork.c — points that move only a draw's threshold, or only the priors over the parties'
 * types, forked from the baseline's runs (agreement_fork.c), against the same points evaluated alone.
 *
 * Every shipped agreement with a verifier or a shock: its verifiers' p_confirm and its shocks' rates
 * moved (each alone, both together, to the ends 0 and 1 where a chance may be), evaluated with the
 * baseline by pl_eval_agreement_shared and one by one by pl_eval_agreement on the same runs and seed:
 * every tally (completions per variant, and the paired ones) must be the same.  A point forked a
 * stretch late, or a differing draw missed, changes some run's completion and so these tallies (tried
 * by breaking agreement_fork.c on purpose: see the commit).  Points that move anything else a run
 * reads (a cost, a behaviour's rationality) are not shared, and a point the loader refuses is left
 * to the evaluator. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement/agreement_policy.h"
#include "io/yaml_doc.h"
#include "io/yaml_path.h"
#include "scenario/overrides.h"
#include "scenario/scenario.h"

/* A copy of doc with every value at `path` (may hold '*') set to `value`; NULL if the path names none. */
static pl_ydoc *with(const pl_ydoc *doc, const char *path, const char *value, pl_ydoc *into)
{
    pl_error err;
    pl_ydoc *d = into;
    if (!d && pl_ydoc_copy(&d, doc, &err)) fail_msg("%s", err.msg);
    static pl_ynode *found[PL_YPATH_MAX_MATCHES];
    size_t n = 0;
    if (pl_ypath_resolve(d, path, found, PL_YPATH_MAX_MATCHES, &n, &err) || !n) {
        pl_ydoc_free(d);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (pl_ynode_set_text(found[i], value, &err)) fail_msg("%s", err.msg);
    return d;
}

/* A copy of doc with the --set overrides `sets` applied (their lists of `p` renormalised); NULL where refused. */
static pl_ydoc *with_sets(const pl_ydoc *doc, const char *const *sets, int n)
{
    pl_error err;
    pl_ydoc *d;
    if (pl_ydoc_copy(&d, doc, &err)) fail_msg("%s", err.msg);
    if (pl_overrides_apply(d, pl_scenario_reader_of(d), sets, n, NULL, &err)) {
        pl_ydoc_free(d);
        return NULL;
    }
    return d;
}

static void assert_same_result(const pl_eval_result *a, const pl_eval_result *b, const char *what)
{
    /* and no run of either took a logit chance from a cache that a fork or the watch should have dropped */
    if (pl_ag_stale_chances) fail_msg("%s: %ld chances taken from a stale cache", what, pl_ag_stale_chances);
    if (a->n != b->n || a->runs != b->runs || a->seed != b->seed) fail_msg("%s: designs, runs or seed differ", what);
    for (int v = 0; v < a->n; v++) {
        if (strcmp(a->name[v], b->name[v])) fail_msg("%s: design %d named %s, %s", what, v, a->name[v], b->name[v]);
        if (a->success[v] != b->success[v])
            fail_msg("%s: %s completed %llu times forked, %llu alone", what, a->name[v],
                     (unsigned long long)a->success[v], (unsigned long long)b->success[v]);
        for (int w = 0; w < a->n; w++)
            if (a->only[v][w] != b->only[v][w])
                fail_msg("%s: %s without %s %llu times forked, %llu alone", what, a->name[v], a->name[w],
                         (unsigned long long)a->only[v][w], (unsigned long long)b->only[v][w]);
    }
    assert_memory_equal(a, b, sizeof *a);
}

#define MAX_POINTS 16

/* The points of one shipped file, evaluated forked and alone at `runs` runs on `seed`; returns how
 * many were shared. */
static int check_file(const char *path, uint64_t runs, uint64_t seed, int threads)
{
    pl_error err;
    pl_ydoc *doc;
    if (pl_ydoc_load(&doc, path, &err)) fail_msg("%s", err.msg);
    static const char *const confirm[] = {"0.05", "0.35", "1"}, *const rate[] = {"0", "0.004", "0.1"};
    const pl_ydoc *pts[MAX_POINTS];
    pl_ydoc *own[MAX_POINTS];
    int expect[MAX_POINTS], n = 0; /* expect: 1 shared, 0 not */
    for (int i = 0; i < 3; i++) {
        if ((own[n] = with(doc, "verifiers.*.p_confirm", confirm[i], NULL))) expect[n++] = 1;
        if ((own[n] = with(doc, "shocks.*.p", rate[i], NULL))) expect[n++] = 1;
    }
    /* both at once; the file's own values (a point the same as the baseline) */
    if ((own[n] = with(doc, "verifiers.*.p_confirm", "0.2", NULL)) && (own[n] = with(doc, "shocks.*.p", "0.05", own[n])))
        expect[n++] = 1;
    if (pl_ydoc_copy(&own[n], doc, &err)) fail_msg("%s", err.msg);
    expect[n++] = 1;
    /* not draw-only: a cost, the parties' rationality; refused: a p_confirm above 1; and none at all */
    if ((own[n] = with(doc, "steps.*.cost", "3", NULL))) expect[n++] = 0;
    if ((own[n] = with(doc, "behaviour.rationality", "2", NULL))) expect[n++] = 0;
    if ((own[n] = with(doc, "verifiers.*.p_confirm", "1.5", NULL))) expect[n++] = 0;
    own[n] = NULL, expect[n++] = 0;
    for (int i = 0; i < n; i++) pts[i] = own[i];
    pl_eval_config ec = {.runs = runs, .seed = seed, .seed_given = 1, .threads = threads};
    pl_eval_result base, alone, *out = calloc(MAX_POINTS, sizeof *out);
    int shared[MAX_POINTS], count = 0;
    assert_non_null(out);
    if (pl_eval_agreement_shared(doc, pts, n, &ec, &base, out, shared, &err)) fail_msg("%s: %s", path, err.msg);
    if (pl_eval_agreement(doc, &ec, &alone, &err)) fail_msg("%s: %s", path, err.msg);
    char what[512];
    snprintf(what, sizeof what, "%s, the baseline", path);
    assert_same_result(&base, &alone, what);
    for (int i = 0; i < n; i++) {
        if (shared[i] != expect[i]) fail_msg("%s: point %d %s, expected %s", path, i, shared[i] ? "shared" : "not shared",
                                             expect[i] ? "shared" : "not");
        count += shared[i];
        if (!shared[i]) continue;
        if (pl_eval_agreement(pts[i], &ec, &alone, &err)) fail_msg("%s: point %d: %s", path, i, err.msg);
        snprintf(what, sizeof what, "%s, point %d, seed %llu", path, i, (unsigned long long)seed);
        assert_same_result(&out[i], &alone, what);
    }
    for (int i = 0; i < n; i++) pl_ydoc_free(own[i]);
    free(out);
    pl_ydoc_free(doc);
    return count;
}

static const char *const shipped[] = {
    "scenarios/korea/six-party-2007.yaml",     "scenarios/korea/agreed-framework-1994.yaml",
    "scenarios/korea/singapore-2018.yaml",     "scenarios/korea/russia-china-roadmap.yaml",
    "scenarios/korea/unsc-resolutions.yaml",   "scenarios/korea/joint-statement-2005.yaml",
    "scenarios/korea/leap-day-2012.yaml",
};

static void forked_points_are_the_points_evaluated_alone(void **state)
{
    (void)state;
    for (size_t f = 0; f < sizeof shipped / sizeof *shipped; f++) {
        int shared = check_file(shipped[f], 600, 7, 1);
        assert_true(shared >= 4); /* every file has a verifier: its three p_confirm, and its own values */
    }
}

/* Points whose priors over the parties' types differ (agreement_fork.c: watched through their beliefs and
 * chances, forked where a choice comes out otherwise), against the same points alone: the shipped agreements'
 * parties' types made likelier and less likely, one party or two at once, hold and grim types among them, and
 * a file without behaviour (the priors draw the types, nothing else); at 1 and 2 threads.  A prior moved with
 * a cost is not shared. */
static void points_whose_priors_differ(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        const char *sets[3][2]; /* up to three points of up to two overrides */
        int n_sets[3];
    } cases[] = {
        {"scenarios/korea/six-party-2007.yaml",
         {{"parties.DPRK.policy.opportunist.p=0.05"}, {"parties.US.policy.all_first.p=0.7"},
          {"parties.DPRK.policy.grim.p=0.5", "parties.CN.policy.unconditional.p=0.9"}},
         {1, 1, 2}},
        {"scenarios/korea/six-party-2007.yaml",
         {{"parties.DPRK.policy.opportunist.p=0.5"}, {"parties.US.policy.all_first.p=0.1"},
          {"parties.JP.policy.hold.p=0.2"}},
         {1, 1, 1}},
        {"scenarios/korea/agreed-framework-1994.yaml",
         {{"parties.DPRK.policy.0.p=0.9"}, {"parties.US.policy.0.p=0.2"}, {"parties.DPRK.policy.1.p=0.6"}},
         {1, 1, 1}},
        {"scenarios/korea/singapore-2018.yaml",
         {{"parties.DPRK.policy.0.p=0.3"}, {"parties.UNSC.policy.0.p=0.8"}, {"parties.DPRK.policy.grim.p=0.6"}},
         {1, 1, 1}},
        {"scenarios/korea/russia-china-roadmap.yaml",
         {{"parties.DPRK.policy.hold.p=0.4"}, {"parties.DPRK.policy.0.p=0.1", "parties.UNSC.policy.0.p=0.9"},
          {"parties.US.policy.all_first.p=0.05"}},
         {1, 2, 1}},
        /* without behaviour the priors draw the types and nothing else */
        {"scenarios/korea/leap-day-2012.yaml",
         {{"parties.DPRK.policy.0.p=0.3"}, {"parties.US.policy.all_first.p=0.6"}, {"parties.DPRK.policy.grim.p=0.05"}},
         {1, 1, 1}},
    };
    int typed = 0;
    for (size_t f = 0; f < sizeof cases / sizeof *cases; f++) {
        pl_error err;
        pl_ydoc *doc;
        if (pl_ydoc_load(&doc, cases[f].file, &err)) fail_msg("%s", err.msg);
        pl_ydoc *own[3];
        const pl_ydoc *pts[3];
        int n = 0;
        for (int i = 0; i < 3; i++)
            if (!(pts[n] = own[n] = with_sets(doc, cases[f].sets[i], cases[f].n_sets[i])))
                fail_msg("%s: --set %s refused", cases[f].file, cases[f].sets[i][0]);
            else
                n++;
        for (int threads = 1; threads <= 2; threads++) {
            pl_eval_config ec = {.runs = 1200, .seed = 5 + (uint64_t)threads, .seed_given = 1, .threads = threads};
            pl_eval_result base, alone, out[3];
            int shared[3];
            if (pl_eval_agreement_shared(doc, pts, n, &ec, &base, out, shared, &err)) fail_msg("%s", err.msg);
            for (int i = 0; i < n; i++) {
                if (!shared[i]) fail_msg("%s: point %d not shared", cases[f].file, i);
                typed++;
                if (pl_eval_agreement(pts[i], &ec, &alone, &err)) fail_msg("%s", err.msg);
                char what[512];
                snprintf(what, sizeof what, "%s with %s%s%s, %d threads", cases[f].file, cases[f].sets[i][0],
                         cases[f].n_sets[i] > 1 ? " and " : "", cases[f].n_sets[i] > 1 ? cases[f].sets[i][1] : "", threads);
                assert_same_result(&out[i], &alone, what);
            }
        }
        for (int i = 0; i < n; i++) pl_ydoc_free(own[i]);
        pl_ydoc_free(doc);
    }
    assert_int_equal(typed, (int)(sizeof cases / sizeof *cases) * 3 * 2);
    /* a prior and a cost together: not shared */
    pl_error err;
    pl_ydoc *doc;
    if (pl_ydoc_load(&doc, "scenarios/korea/six-party-2007.yaml", &err)) fail_msg("%s", err.msg);
    const char *both[] = {"parties.DPRK.policy.opportunist.p=0.05", "steps.BDA-US.cost=3"};
    pl_ydoc *own = with_sets(doc, both, 2);
    assert_non_null(own);
    const pl_ydoc *pts[1] = {own};
    pl_eval_config ec = {.runs = 200, .seed = 1, .seed_given = 1, .threads = 1};
    pl_eval_result base, out[1];
    int shared[1];
    if (pl_eval_agreement_shared(doc, pts, 1, &ec, &base, out, shared, &err)) fail_msg("%s", err.msg);
    assert_int_equal(shared[0], 0);
    pl_ydoc_free(own);
    pl_ydoc_free(doc);
}

static void the_same_at_two_threads_and_another_seed(void **state)
{
    (void)state;
    assert_int_equal(check_file("scenarios/korea/six-party-2007.yaml", 3000, 20071003, 2), 8);
}

/* Shocks frequent (a rate of 0.25 a period in the baseline) and points at rates close to it, so that
 * the schedules agree on their first occurrences and part at a later one, read ahead by a run at
 * rest or a quiet stretch (the watch's schedule reads, agreement_simulate.c). */
static void schedules_that_part_late(void **state)
{
    (void)state;
    static const char *const files[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/leap-day-2012.yaml",
                                        "scenarios/korea/agreed-framework-1994.yaml"};
    static const char *const rate[] = {"0.2502", "0.251", "0.26", "0.3", "0.25"};
    for (int f = 0; f < 3; f++) {
        pl_error err;
        pl_ydoc *file;
        if (pl_ydoc_load(&file, files[f], &err)) fail_msg("%s", err.msg);
        pl_ydoc *doc = with(file, "shocks.*.p", "0.25", NULL);
        assert_non_null(doc);
        pl_ydoc *own[5];
        const pl_ydoc *pts[5];
        for (int i = 0; i < 5; i++) pts[i] = own[i] = with(doc, "shocks.*.p", rate[i], NULL);
        pl_eval_config ec = {.runs = 1500, .seed = 11, .seed_given = 1, .threads = 1};
        pl_eval_result base, alone, out[5];
        int shared[5];
        if (pl_eval_agreement_shared(doc, pts, 5, &ec, &base, out, shared, &err)) fail_msg("%s", err.msg);
        for (int i = 0; i < 5; i++) {
            assert_true(shared[i]);
            if (pl_eval_agreement(pts[i], &ec, &alone, &err)) fail_msg("%s", err.msg);
            char what[256];
            snprintf(what, sizeof what, "%s at shock rate %s", files[f], rate[i]);
            assert_same_result(&out[i], &alone, what);
            pl_ydoc_free(own[i]);
        }
        pl_ydoc_free(doc);
        pl_ydoc_free(file);
    }
}

/* The file's own analysis: its three ranges that move only draws are shared, the other eight not (the
 * ends as sensitivity.c makes them: the range's path set to each end). */
static void the_six_party_ranges_that_move_only_draws(void **state)
{
    (void)state;
    pl_error err;
    pl_ydoc *doc;
    if (pl_ydoc_load(&doc, "scenarios/korea/six-party-2007.yaml", &err)) fail_msg("%s", err.msg);
    static const char *const paths[] = {"verifiers.IAEA.p_confirm", "verifiers.VM.p_confirm", "shocks.launch.p",
                                        "behaviour.tremble", "behaviour.inertia", "behaviour.discount"};
    static const char *const ends[] = {"0.3", "0.05", "0", "0.1", "2.5", "0.9"};
    pl_ydoc *own[6];
    const pl_ydoc *pts[6];
    for (int i = 0; i < 6; i++) pts[i] = own[i] = with(doc, paths[i], ends[i], NULL);
    pl_eval_config ec = {.runs = 300, .seed = 1, .seed_given = 1, .threads = 1};
    pl_eval_result base, out[6];
    int shared[6];
    if (pl_eval_agreement_shared(doc, pts, 6, &ec, &base, out, shared, &err)) fail_msg("%s", err.msg);
    for (int i = 0; i < 6; i++) {
        if (shared[i] != (i < 3)) fail_msg("%s: %s", paths[i], shared[i] ? "shared" : "not shared");
        pl_ydoc_free(own[i]);
    }
    pl_ydoc_free(doc);
}

/* Each test counts the stale chances of its own runs. */
static int stale_count_reset(void **state)
{
    (void)state;
    pl_ag_stale_chances = 0;
    return 0;
}

int main(void)
{
    pl_ag_check_chances = 1; /* every cached chance made afresh too (agreement_policy.h) */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(forked_points_are_the_points_evaluated_alone, stale_count_reset),
        cmocka_unit_test_setup(points_whose_priors_differ, stale_count_reset),
        cmocka_unit_test_setup(the_same_at_two_threads_and_another_seed, stale_count_reset),
        cmocka_unit_test_setup(schedules_that_part_late, stale_count_reset),
        cmocka_unit_test_setup(the_six_party_ranges_that_move_only_draws, stale_count_reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
