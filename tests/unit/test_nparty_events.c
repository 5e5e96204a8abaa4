/* SPDX-License-Identifier: MIT */
/* test_nparty_events.c — the dated events at their own resolution: the "who answered whom"
 * estimator on a small hand-made file whose counts and Wilson intervals are worked out by hand
 * below; the record prelude built from the events (a month a period, the most escalatory move of
 * a month, `until:` spans, months left open); the `reaction:` policy and the `estimated` strategy
 * it plays; and the errors of each (file:line:col). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parley/parley.h"
#include "nparty/nparty_events.h"
#include "nparty/nparty_model.h"

/* Six events in 2020.  Day-precision drills d1 01-10, d2 04-01, d3 06-20; launches l1 01-12,
 * l2 03-05 and l3 in May (month only: it counts by month, not in the day windows).
 *
 * Days: the span of day-precision events is 01-10..06-20 = 22 + 29 + 31 + 30 + 31 + 20 = 163 days.
 *   launches within 14 days after a drill: l1 (2 days after d1) yes, l2 (55 days after d1) no: 1 of 2.
 *   base rate: days within 14 days after a drill: 14 (d1) + 14 (d2) + 1 (d3, the span ends that day) = 29 of 163.
 *   drills within 14 days after a launch: d1 (none before), d2 (27 days after l2), d3: none: 0 of 3.
 *   base rate: 14 (l1) + 14 (l2) = 28 of 163.
 * Months 2020-01..06 (6 months; the functions look at Feb..Jun, each with the month before):
 *   drill began: Jan, Apr, Jun; launch: Jan, Mar, May.
 *   launch | drill this month or last: Feb (Jan) no, Apr yes-drill no-launch, May (Apr) launch, Jun no: 1 of 4;
 *   launch | no drill then: Mar: 1 of 1.
 *   drill | launch the month before: Feb (Jan) no, Apr (Mar) yes, Jun (May) yes: 2 of 3;
 *   drill | no launch the month before: Mar, May: 0 of 2.
 * Wilson 95% intervals (z = 1.959964): 1/2 [0.094531, 0.905469]; 0/3 [0, 0.561497]; 1/4 [0.045587, 0.699358];
 * 1/1 [0.206549, 1]; 2/3 [0.207660, 0.938508]; 0/2 [0, 0.657620]. */
static const char *const small_file = "date,actor,kind,event,intensity,unit,source\n"
                                      "2020-01-10,US-ROK,drill,d1,1000,troops,[X1]\n"
                                      "2020-01-12,DPRK,launch,l1,2,missiles,[X1]\n"
                                      "2020-03-05,DPRK,launch,l2,,,[X1]\n"
                                      "2020-04-01,US-ROK,drill,d2,,,[X1]\n"
                                      "2020-05,DPRK,launch,l3 (the month only),,,[X1]\n"
                                      "# a comment line\n"
                                      "2020-06-20,US-ROK,drill,d3,500,troops,[X1]\n";

static char csv_path[256];
static pl_ydoc *doc; /* the document of the last model loaded: a model points into it */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(csv_path, sizeof csv_path, "/tmp/test_nparty_events_%ld.csv", (long)getpid());
    write_file(csv_path, small_file);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove(csv_path);
    pl_ydoc_free(doc);
    return 0;
}

static void share_is(np_share s, long k, long n, double lo, double hi)
{
    assert_int_equal(s.k, k);
    assert_int_equal(s.n, n);
    assert_true(fabs(s.p - (double)k / (double)n) < 1e-12);
    assert_true(fabs(s.lo - lo) < 1e-6);
    assert_true(fabs(s.hi - hi) < 1e-6);
}

static void the_estimator_counts_as_worked_by_hand(void **state)
{
    (void)state;
    np_events *E;
    pl_error err;
    assert_int_equal(np_events_load(csv_path, 14, &E, &err), PL_OK);
    const np_events_analysis *a = &E->an;
    assert_int_equal(E->n, 6);
    assert_int_equal(a->span_days, 163);
    assert_string_equal(a->first, "2020-01-10");
    assert_string_equal(a->last, "2020-06-20");
    share_is(a->launch_after_drill, 1, 2, 0.094531, 0.905469);
    assert_true(fabs(a->base_launch - 29.0 / 163.0) < 1e-12);
    share_is(a->drill_after_launch, 0, 3, 0, 0.561497);
    assert_true(fabs(a->base_drill - 28.0 / 163.0) < 1e-12);
    assert_int_equal(a->months, 6);
    share_is(a->launch_given_drill, 1, 4, 0.045587, 0.699358);
    share_is(a->launch_given_no_drill, 1, 1, 0.206549, 1);
    share_is(a->drill_given_launch, 2, 3, 0.207660, 0.938508);
    share_is(a->drill_given_no_launch, 0, 2, 0, 0.657620);
    assert_true(a->drill_intensity_sum == 1500 && a->launch_intensity_sum == 2);
    np_events_free(E);
}

/* A scenario around the small file: two parties, a monthly calendar from 2020, the record built
 * from the events by `moves` (text spliced in). */
static int load_model(const char *moves_and_more, np_model *m, pl_error *err)
{
    char text[4096];
    snprintf(text, sizeof text,
             "kind: nparty\n"
             "period: month\n"
             "calendar: {start_year: 2020, per_year: 12}\n"
             "periods: 6\n"
             "parties:\n"
             "  - {id: A, actions: [suspend, small, drill]}\n"
             "  - {id: D, actions: [refrain, launch]}\n"
             "game: {kind: additive, values: {D: {launch: {self: 1, A: -1}}}}\n"
             "events:\n"
             "  file: %s\n"
             "%s",
             csv_path, moves_and_more);
    pl_ydoc_free(doc); /* the last model's document (its model freed by now) */
    doc = NULL;
    if (pl_ydoc_load_string(&doc, "test.yaml", text, strlen(text), err)) return err->code;
    return np_model_load(doc, m, err);
}

static const char *const profile_tft = "profiles:\n"
                                       "  - id: p\n"
                                       "    policies: {A: {strategy: ttft, watch: [D]}, D: {strategy: ttft, watch: [A]}}\n";

static void the_record_is_built_month_by_month_from_the_events(void **state)
{
    (void)state;
    char spec[2048];
    snprintf(spec, sizeof spec,
             "  record:\n"
             "    from: 2020-01\n"
             "    to: 2020-07\n"
             "    moves:\n"
             "      - {actor: US-ROK, kind: drill, event: d2, did: {A: small}}\n"
             "      - {actor: US-ROK, kind: drill, did: {A: drill}}\n"
             "      - {actor: DPRK, kind: launch, event: l2, did: {D: launch}, until: [launch]}\n"
             "      - {actor: DPRK, kind: launch, did: {D: launch}}\n"
             "%s",
             profile_tft);
    np_model m;
    pl_error err;
    if (load_model(spec, &m, &err)) fail_msg("%s", err.msg);
    assert_int_equal(m.rec_turns, 7);
    assert_int_equal(m.rec_from_events, 1);
    static const char *const labels[] = {"2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06", "2020-07"};
    for (int t = 0; t < 7; t++) assert_string_equal(m.rec_label[t], labels[t]);
    /* A: drill in Jan (d1), small in Apr (d2, the first rule that fits), drill in Jun (d3); open otherwise */
    static const int A[] = {2, -1, -1, 1, -1, 2, -1};
    /* D: launch in Jan (l1), Mar (l2); l2's until: [launch] carries it over Apr to May, the next launch (l3) */
    static const int D[] = {1, -1, 1, 1, 1, -1, -1};
    for (int t = 0; t < 7; t++) {
        assert_int_equal(m.rec[t * 2 + 0], A[t]);
        assert_int_equal(m.rec[t * 2 + 1], D[t]);
    }
    assert_string_equal(m.rec_source[0 * 2 + 0], "2020-01-10 d1 [X1]");
    assert_string_equal(m.rec_source[3 * 2 + 1], "carried on since 2020-03-05 l2 [X1]");
    assert_null(m.rec_source[1 * 2 + 0]);
    np_model_free(&m);
}

static void a_month_takes_its_most_escalatory_move(void **state)
{
    (void)state;
    /* January has the drill d1 read as 'drill' and, by a second rule on the DPRK's launch, 'small'
     * for A: the month is a drilling month */
    char spec[2048];
    snprintf(spec, sizeof spec,
             "  record:\n"
             "    from: 2020-01\n"
             "    to: 2020-01\n"
             "    moves:\n"
             "      - {actor: DPRK, kind: launch, did: {A: small}}\n"
             "      - {actor: US-ROK, kind: drill, did: {A: drill}}\n"
             "%s",
             profile_tft);
    np_model m;
    pl_error err;
    if (load_model(spec, &m, &err)) fail_msg("%s", err.msg);
    assert_int_equal(m.rec[0], 2);
    assert_string_equal(m.rec_source[0], "2020-01-10 d1 [X1]; 2020-01-12 l1 [X1]");
    np_model_free(&m);
}

static void expect_error(const char *spec, const char *where, const char *text)
{
    np_model m;
    pl_error err;
    int rc = load_model(spec, &m, &err);
    if (rc == PL_OK) {
        np_model_free(&m);
        fail_msg("loaded, expected an error with '%s'", text);
    }
    assert_int_equal(rc, PL_EINVAL);
    if (!strstr(err.msg, where) || !strstr(err.msg, text)) fail_msg("'%s' lacks '%s' or '%s'", err.msg, where, text);
}

static void a_bad_record_rule_is_refused_with_its_place(void **state)
{
    (void)state;
    char spec[2048];
    snprintf(spec, sizeof spec, "  record: {from: 2020-01, to: 2020-03, moves: [{actor: DPRK, kind: missile, did: {D: launch}}]}\n%s",
             profile_tft);
    expect_error(spec, "test.yaml:11:", "unknown event kind 'missile'");
    snprintf(spec, sizeof spec, "  record: {from: 2020-01, to: 2020-03, moves: [{actor: DPRK, kind: launch, did: {D: fire}}]}\n%s",
             profile_tft);
    expect_error(spec, "test.yaml:11:", "party D has no action 'fire'");
    snprintf(spec, sizeof spec, "  record: {from: 2020-02, to: 2020-03, moves: [{actor: DPRK, kind: launch, did: {D: launch}}]}\n%s",
             profile_tft);
    expect_error(spec, "test.yaml:11:", "must start where the calendar does, 2020-01");
    snprintf(spec, sizeof spec, "  record: {from: 2020-01, to: 2020-3-1, moves: [{actor: DPRK, kind: launch, did: {D: launch}}]}\n%s",
             profile_tft);
    expect_error(spec, "test.yaml:11:", "'to' must be a month, YYYY-MM");
    snprintf(spec, sizeof spec,
             "  record: {from: 2020-01, to: 2020-01, moves: [{actor: DPRK, kind: launch, did: {D: launch}}]}\n"
             "record: [{period: 2020-01}]\n%s",
             profile_tft);
    expect_error(spec, "test.yaml:11:", "the record comes either from the events");
}

static void the_record_labels_follow_the_calendar(void **state)
{
    (void)state;
    np_model m;
    pl_error err;
    char spec[2048];
    /* a hand-written record whose second month is mislabelled */
    snprintf(spec, sizeof spec, "record:\n  - {period: 2020-01, A: drill}\n  - {period: 2020-03, D: launch}\n%s", profile_tft);
    expect_error(spec, "test.yaml:13:", "record period 2 is '2020-03', expected '2020-02'");
    snprintf(spec, sizeof spec, "record:\n  - {period: 2020-01, A: drill}\n  - {period: 2020-02, D: launch}\n%s", profile_tft);
    if (load_model(spec, &m, &err)) fail_msg("%s", err.msg);
    assert_int_equal(m.rec_turns, 2);
    np_model_free(&m);
}

static void a_reaction_policy_plays_the_estimated_counts(void **state)
{
    (void)state;
    np_model m;
    pl_error err;
    const char *spec = "profiles:\n"
                       "  - id: p\n"
                       "    policies:\n"
                       "      A: {reaction: drill_after_launch, watch: [D]}\n"
                       "      D: {reaction: launch_after_drill, watch: [A]}\n";
    if (load_model(spec, &m, &err)) fail_msg("%s", err.msg);
    /* the counts worked out above: launches 1 of 4 after drills, 1 of 1 otherwise; drills 2 of 3, 0 of 2 */
    assert_string_equal(pl_nplayer_label(m.profile[0].players[1]), "estimated:k1=1,n1=4,k0=1,n0=1");
    assert_string_equal(pl_nplayer_label(m.profile[0].players[0]), "estimated:k1=2,n1=3,n0=2");
    np_model_free(&m);
    expect_error("profiles:\n  - id: p\n    policies: {A: {reaction: drills, watch: [D]}, D: cooperator}\n", "test.yaml:13:",
                 "unknown reaction 'drills'");
    expect_error("profiles:\n  - id: p\n    policies: {A: {strategy: tft, reaction: drill_after_launch, watch: [D]}, D: cooperator}\n",
                 "test.yaml:13:", "'reaction' plays the estimated strategy");
}

/* draw=0 with k1 = n1 and k0 = 0 is tit for tat against the watched: it answers exactly the
 * escalations it saw; with draw=1 each match draws its rates (a stochastic player). */
static void the_estimated_strategy_answers_at_its_rates(void **state)
{
    (void)state;
    pl_ngame *g;
    pl_error err;
    assert_int_equal(pl_ngame_create_pd(&g, 2, 3, 0, 5, 1, &err), 0);
    pl_nplayer *p[2];
    assert_int_equal(pl_nplayer_create(&p[0], "estimated:k1=5,n1=5,k0=0,n0=5,draw=0", &err), 0);
    assert_int_equal(pl_nplayer_create(&p[1], "alternator", &err), 0);
    pl_nmatch_config cfg;
    pl_nmatch_config_default(&cfg);
    cfg.turns = 20;
    pl_nmatch_result *r;
    assert_int_equal(pl_nmatch_play(g, p, &cfg, &r, &err), 0);
    for (int t = 1; t < 20; t++)
        assert_int_equal(pl_nmatch_result_action(r, 0, t), pl_nmatch_result_action(r, 1, t - 1));
    pl_nmatch_result_free(r);
    /* rates near 0 and 1 from many cases: almost surely the same answers, drawn per match */
    pl_nplayer_free(p[0]);
    assert_int_equal(pl_nplayer_create(&p[0], "estimated:k1=100000,n1=100000,k0=0,n0=100000", &err), 0);
    assert_true(pl_nplayer_is_stochastic(p[0]));
    assert_int_equal(pl_nmatch_play(g, p, &cfg, &r, &err), 0);
    for (int t = 1; t < 20; t++)
        assert_int_equal(pl_nmatch_result_action(r, 0, t), pl_nmatch_result_action(r, 1, t - 1));
    pl_nmatch_result_free(r);
    pl_nplayer_free(p[0]);
    pl_nplayer_free(p[1]);
    pl_ngame_free(g);
    pl_nplayer *bad;
    assert_int_equal(pl_nplayer_create(&bad, "estimated:k1=3,n1=2", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "successes cannot exceed its cases"));
    assert_int_equal(pl_nplayer_create(&bad, "estimated:k1=0,n1=0,draw=0", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "draw=0 plays k/n"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_estimator_counts_as_worked_by_hand),
        cmocka_unit_test(the_record_is_built_month_by_month_from_the_events),
        cmocka_unit_test(a_month_takes_its_most_escalatory_move),
        cmocka_unit_test(a_bad_record_rule_is_refused_with_its_place),
        cmocka_unit_test(the_record_labels_follow_the_calendar),
        cmocka_unit_test(a_reaction_policy_plays_the_estimated_counts),
        cmocka_unit_test(the_estimated_strategy_answers_at_its_rates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
