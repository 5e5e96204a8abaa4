// SPDX-License-Identifier: MIT
/* test_agreement_design.c — the design search (src/agreement/agreement_design.c) against a
 * scenario whose best sequencing is worked by hand (tests/resources/agreement/design_tiny.yaml:
 * D00 completes 0.85, D10 0.70, D01 0.50, D11 is a cycle), the same answer on 1 and 2 threads,
 * and `design_search:` blocks that are refused with their place. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "agreement/agreement.h"
#include "agreement/agreement_design.h"
#include "agreement/agreement_policy.h"
#include "agreement/agreement_output.h"
#include "io/yaml_doc.h"
#include "scenario/overrides.h"

#define TINY "tests/resources/agreement/design_tiny.yaml"

static pl_agreement *load(const char *path)
{
    pl_error err;
    pl_agreement *a;
    if (pl_agreement_load(&a, path, &err)) fail_msg("%s", err.msg);
    return a;
}

static pl_agreement_design_result *search(const pl_agreement *a, int threads, uint64_t confirm)
{
    pl_agreement_design_config cfg;
    pl_agreement_design_config_default(&cfg);
    cfg.threads = threads;
    cfg.confirm_runs = confirm;
    pl_error err;
    pl_agreement_design_result *r;
    if (pl_agreement_design_search(a, &cfg, &r, &err)) fail_msg("%s", err.msg);
    return r;
}

static const pl_ag_design *named(const pl_agreement *a, const pl_agreement_design_result *r, const char *name)
{
    for (int i = 0; i < r->n_cand; i++) {
        char buf[80];
        pl_ag_design_name(a, r, &r->cand[i], buf, sizeof buf);
        if (!strcmp(buf, name)) return &r->cand[i];
    }
    fail_msg("no candidate %s", name);
    return NULL;
}

/* Within four standard errors of the probability worked by hand. */
static void near(double x, double p, uint64_t n)
{
    double se = sqrt(p * (1 - p) / (double)n);
    if (fabs(x - p) > 4 * se) fail_msg("%.4f is not within 4 standard errors (%.4f) of %.4f", x, se, p);
}

static void exhaustive_search_finds_the_design_worked_by_hand(void **state)
{
    (void)state;
    pl_agreement *a = load(TINY);
    pl_agreement_design_result *r = search(a, 1, 20000);
    assert_true(r->exhaustive);
    assert_int_equal(r->n_screened, 4);
    assert_int_equal(r->n_infeasible, 1); /* D11: each step waits for the other */
    assert_int_equal(r->base_mask, 1);    /* a_waits: link 0 on */
    for (int i = 0; i < r->n_screened; i++)
        if (r->screened[i].mask == 3) assert_int_equal(r->screened[i].problem, 1);
    /* the best design is D00, and the shipped a_waits (0.70) the reference */
    char name[80];
    pl_ag_design_name(a, r, &r->cand[r->best], name, sizeof name);
    assert_string_equal(name, "D00");
    pl_ag_design_name(a, r, &r->cand[r->reference], name, sizeof name);
    assert_string_equal(name, "a_waits");
    near(pl_ag_design_rate(r, named(a, r, "D00"), 0), 0.85, r->confirm_runs);
    near(pl_ag_design_rate(r, named(a, r, "D10"), 0), 0.70, r->confirm_runs);
    near(pl_ag_design_rate(r, named(a, r, "D01"), 0), 0.50, r->confirm_runs);
    /* common random numbers: D10 is a_waits, run for run */
    assert_int_equal(named(a, r, "D10")->done[0], named(a, r, "a_waits")->done[0]);
    assert_int_equal(named(a, r, "D10")->only_me[0], 0);
    /* paired against a_waits: D00 completes where B waits and A does not (0.15), never the reverse */
    const pl_ag_design *best = &r->cand[r->best];
    assert_int_equal(best->only_ref[0], 0);
    near((double)best->only_me[0] / (double)r->confirm_runs, 0.15, r->confirm_runs);
    assert_true(r->best_beats);
    /* each party gains 0.15 by being reciprocal under D00: not self-enforcing at the tolerance of 0 */
    assert_false(best->self_enforcing);
    near(best->inc[0].best_gain[0], 0.15, r->check_runs);
    assert_int_equal(r->best_se, -1);
    assert_false(r->beats);
    pl_agreement_design_free(r);
    /* at a tolerance of 0.2, D00 is self-enforcing (gains 0.15) and D10 (B gains 0.30) is not */
    a->behaviour.tolerance = 0.2;
    r = search(a, 1, 20000);
    assert_true(r->cand[r->best].self_enforcing);
    assert_int_equal(r->best_se, r->best);
    assert_true(r->beats);
    assert_false(named(a, r, "D10")->self_enforcing);
    pl_agreement_design_free(r);
    pl_agreement_free(a);
}

/* --set through the public loader (pl_agreement_load_set, issue 11): B waits with probability 0.6,
 * its reciprocal type rescaled to 0.4, so that by hand D00 completes 1 - 0.5 x 0.6 = 0.70 and D10
 * 1 - 0.6 = 0.40; the changes are kept with the model, printed first and written in results.json. */
static void overrides_change_the_search_and_are_recorded(void **state)
{
    (void)state;
    pl_error err;
    pl_agreement *a;
    const char *sets[] = {"parties.B.policy.all_first.p=0.6"};
    if (pl_agreement_load_set(&a, TINY, sets, 1, &err)) fail_msg("%s", err.msg);
    assert_non_null(a->overrides);
    assert_int_equal(a->overrides->n, 2);
    assert_string_equal(a->overrides->e[1].path, "parties.B.policy.reciprocal.p");
    assert_true(a->overrides->e[1].renormalised);
    assert_true(a->party[1].policy.opt[0].p == 0.6 && a->party[1].policy.opt[1].p == 0.4);
    pl_agreement_design_result *r = search(a, 1, 20000);
    near(pl_ag_design_rate(r, named(a, r, "D00"), 0), 0.70, r->confirm_runs);
    near(pl_ag_design_rate(r, named(a, r, "D10"), 0), 0.40, r->confirm_runs);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    pl_agreement_design_print(f, a, r);
    fclose(f);
    const char *opening = "Assumptions changed for this design search (--set):\n"
                          "  parties.B.policy.all_first.p = 0.6 (the file: 0.3)\n";
    assert_true(len > strlen(opening) && !strncmp(text, opening, strlen(opening)));
    free(text);
    pl_agreement_design_free(r);
    pl_agreement_free(a);
    /* without --set: no record of changes at all (the outputs as before) */
    a = load(TINY);
    assert_null(a->overrides);
    pl_agreement_free(a);
    /* a path that is not one names the flag; a second set on one scenario is refused */
    const char *bad[] = {"parties.B.policy.all_frst.p=0.6"};
    assert_int_equal(pl_agreement_load_set(&a, TINY, bad, 1, &err), PL_EINVAL);
    assert_null(a);
    assert_non_null(strstr(err.msg, "--set path 'parties.B.policy.all_frst.p'"));
    assert_non_null(strstr(err.msg, "(did you mean 'all_first'?)"));
    pl_scenario *s;
    assert_int_equal(pl_scenario_open(&s, TINY, &err), PL_OK);
    assert_int_equal(pl_scenario_set(s, sets, 1, &err), PL_OK);
    assert_int_equal(pl_scenario_set(s, sets, 1, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "already changed once"));
    pl_scenario_free(s);
}

static void the_answer_does_not_depend_on_the_thread_count(void **state)
{
    (void)state;
    static const char *const files[] = {TINY, "scenarios/korea/six-party-2007.yaml"};
    for (int f = 0; f < 2; f++) {
        pl_agreement *a = load(files[f]);
        pl_agreement_design_config cfg;
        pl_agreement_design_config_default(&cfg);
        cfg.runs = 60, cfg.confirm_runs = 100, cfg.check_runs = 40, cfg.top = 3;
        cfg.exhaustive_max = f ? 3 : 10; /* six-party: the local search */
        pl_agreement_design_result *r[2];
        for (int t = 0; t < 2; t++) {
            pl_error err;
            cfg.threads = t + 1;
            if (pl_agreement_design_search(a, &cfg, &r[t], &err)) fail_msg("%s", err.msg);
        }
        assert_int_equal(r[0]->n_screened, r[1]->n_screened);
        assert_int_equal(r[0]->n_cand, r[1]->n_cand);
        assert_memory_equal(r[0]->screened, r[1]->screened, sizeof(pl_ag_design) * (size_t)r[0]->n_screened);
        assert_memory_equal(r[0]->cand, r[1]->cand, sizeof(pl_ag_design) * (size_t)r[0]->n_cand);
        if (f) assert_false(r[0]->exhaustive);
        pl_agreement_design_free(r[0]);
        pl_agreement_design_free(r[1]);
        pl_agreement_free(a);
    }
}

/* The tiny scenario with its design_search block replaced. */
static void refused(const char *block, const char *expect)
{
    FILE *f = fopen(TINY, "r");
    assert_non_null(f);
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    char *cut = strstr(text, "design_search:");
    assert_non_null(cut);
    snprintf(cut, sizeof text - (size_t)(cut - text), "%s", block);
    pl_error err;
    pl_ydoc *d;
    if (pl_ydoc_load_string(&d, "tiny.yaml", text, strlen(text), &err)) fail_msg("%s", err.msg);
    pl_agreement *a = NULL;
    int rc = pl_agreement_from_doc(d, &a, &err);
    pl_ydoc_free(d);
    if (!rc) fail_msg("accepted: %s", block);
    assert_int_equal(rc, PL_EINVAL);
    if (!strstr(err.msg, expect)) fail_msg("'%s' lacks '%s'", err.msg, expect);
    if (!strstr(err.msg, "tiny.yaml:")) fail_msg("'%s' names no place", err.msg);
}

static void bad_declarations_are_refused_with_their_place(void **state)
{
    (void)state;
    refused("design_search: [a_step]\n", "'design_search' (a map: base, free)");
    refused("design_search: {base: a_wait, free: [{step: a_step, requires: b_step}]}\n",
            "'base': unknown variant 'a_wait' (the variants: a_waits, b_waits)");
    refused("design_search: {base: a_waits}\n", "free");
    refused("design_search: {free: []}\n", "'free' lists no link");
    refused("design_search:\n  free:\n    - {step: a_stp, requires: b_step}\n",
            "tiny.yaml:41:14: 'free': unknown step 'a_stp' (did you mean 'a_step'?)");
    refused("design_search:\n  free:\n    - {step: a_step, requires: a_step}\n", "cannot require itself");
    refused("design_search:\n  free:\n    - {step: a_step, requires: [b_step, b_step]}\n",
            "'free': 'a_step requires b_step' is already free (line 41)");
    refused("design_search:\n  free:\n    - {step: a_step}\n", "needs 'requires'");
    refused("design_search:\n  fre: []\n", "fre");
    refused("design_search:\n  free:\n    - {step: a_step, requires: b_step, wait: 1}\n", "wait");
    /* base b_waits keeps b_step <- a_step fixed: a_step <- b_step would close a cycle */
    refused("design_search:\n  base: b_waits\n  free:\n    - {step: a_step, requires: b_step}\n",
            "tiny.yaml:42:32: 'free': 'a_step requires b_step' can never be on: with the links of 'b_waits' that do not "
            "change, 'requires' makes a cycle");
}

static void a_scenario_without_the_block_is_refused_by_the_search(void **state)
{
    (void)state;
    pl_agreement *a = load("tests/resources/two_step_breakeven.yaml");
    assert_false(pl_agreement_has_design_space(a));
    pl_agreement_design_config cfg;
    pl_agreement_design_config_default(&cfg);
    pl_error err;
    pl_agreement_design_result *r = NULL;
    assert_int_equal(pl_agreement_design_search(a, &cfg, &r, &err), PL_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.msg, "declares no 'design_search:' block"));
    pl_agreement_free(a);
}

/* The design search's screen (pl_ag_count_completions) and the incentive checks (pl_ag_tally_runs, on a
 * copy of the compiled variant forcing one party's type, which shares the variant's opening) run on the
 * opening every run of a variant shares: the same counts, payoffs and steps done, to the bit, as runs
 * that open on their own, in every variant of the shipped files with behaviour and every forced type
 * (fails when the copy's runs take the opening's plans for the type drawn, not the type forced). */
static void the_screen_and_the_checks_run_the_same_on_the_shared_opening(void **state)
{
    (void)state;
    const char *files[] = {"scenarios/korea/six-party-2007.yaml", "scenarios/korea/agreed-framework-1994.yaml",
                           "scenarios/korea/russia-china-roadmap.yaml", "scenarios/korea/singapore-2018.yaml"};
    pl_ag_compiled *c = malloc(sizeof *c), *forced = malloc(sizeof *forced);
    assert_non_null(c), assert_non_null(forced);
    int taken = 0;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        pl_agreement *a = load(files[f]);
        for (int v = 0; v < (a->n_variants > 0 ? a->n_variants : 1); v++) {
            pl_ag_compile(a, a->n_variants > 0 ? v : -1, c);
            uint64_t alone, shared;
            pl_ag_count_completions(c, 5, 0, 300, &alone);
            assert_int_equal(pl_ag_opening_make(c), PL_OK);
            assert_non_null(c->opening);
            pl_ag_count_completions(c, 5, 0, 300, &shared);
            assert_int_equal(alone, shared);
            for (int p = 0; p < c->n_parties; p++)
                for (int k = 0; k < c->n_opt[p]; k++) {
                    pl_ag_tally t[2];
                    *forced = *c;
                    forced->forced_type[p] = k + 1;
                    pl_ag_tally_runs(forced, 5, 0, 120, &t[1]); /* on the variant's opening */
                    forced->opening = NULL;
                    pl_ag_tally_runs(forced, 5, 0, 120, &t[0]); /* each run its own */
                    if (memcmp(&t[0], &t[1], sizeof t[0]))
                        fail_msg("%s variant %d, party %d forced to type %d: the tallies differ", files[f], v, p, k);
                    taken += k > 0;
                }
            pl_ag_opening_drop(c);
        }
        pl_agreement_free(a);
    }
    assert_true(taken > 10); /* types other than the first forced, whose plans come from the opening's other states */
    free(c), free(forced);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exhaustive_search_finds_the_design_worked_by_hand),
        cmocka_unit_test(overrides_change_the_search_and_are_recorded),
        cmocka_unit_test(the_answer_does_not_depend_on_the_thread_count),
        cmocka_unit_test(bad_declarations_are_refused_with_their_place),
        cmocka_unit_test(a_scenario_without_the_block_is_refused_by_the_search),
        cmocka_unit_test(the_screen_and_the_checks_run_the_same_on_the_shared_opening),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
