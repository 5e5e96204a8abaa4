/* SPDX-License-Identifier: MIT */
/* test_yaml_path.c — paths of keys and ids into a YAML tree, their errors, and the overrides
 * (`--set`) built on them: replacement, renormalisation of lists of `p`, and the messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "agreement/agreement.h"
#include "agreement/agreement_output.h"
#include "io/yaml_json.h"
#include "io/yaml_path.h"
#include "scenario/overrides.h"
#include "scenario/scenario.h"

static const char doc_text[] = "kind: agreement\n"
                               "parties:\n"
                               "  - id: A\n"
                               "    policy:\n"
                               "      - {policy: reciprocal, p: 0.5}\n"
                               "      - {policy: opportunist, p: 0.3}\n"
                               "      - {policy: grim, p: 0.2}\n"
                               "  - id: B\n"
                               "    policy: reciprocal\n"
                               "steps:\n"
                               "  - {id: s1, actor: A, cost: 1, flow: {A: -0.3, B: 0.1}}\n"
                               "  - {id: s2, actor: B, cost: 2, value: {A: 3}}\n"
                               "list: [10, 20, 30]\n"
                               "twins:\n"
                               "  - {policy: grim, p: 0.5}\n"
                               "  - {policy: grim, p: 0.5}\n";

static pl_ydoc *load_text(const char *name, const char *text)
{
    pl_error err;
    pl_ydoc *d = NULL;
    assert_int_equal(pl_ydoc_load_string(&d, name, text, strlen(text), &err), 0);
    return d;
}

static pl_ydoc *load(void) { return load_text("t.yaml", doc_text); }

static void paths_name_values_by_key_id_and_index(void **state)
{
    (void)state;
    pl_ydoc *d = load();
    pl_error err;
    pl_ynode *out[16];
    size_t n;
    assert_int_equal(pl_ypath_resolve(d, "parties.A.policy.opportunist.p", out, 16, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(out[0]->value, "0.3");
    assert_int_equal(out[0]->line, 6);
    assert_int_equal(pl_ypath_resolve(d, "steps.s1.flow.A", out, 16, &n, &err), 0);
    assert_string_equal(out[0]->value, "-0.3");
    assert_int_equal(pl_ypath_resolve(d, "list.2", out, 16, &n, &err), 0);
    assert_string_equal(out[0]->value, "30");
    assert_int_equal(pl_ypath_resolve(d, "parties.0.policy.2.p", out, 16, &n, &err), 0);
    assert_string_equal(out[0]->value, "0.2");
    /* '*' fans out and skips entries without the rest of the path */
    assert_int_equal(pl_ypath_resolve(d, "steps.*.cost", out, 16, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(pl_ypath_resolve(d, "steps.*.flow.*", out, 16, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(pl_ypath_resolve(d, "steps.*.value.*", out, 16, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(out[0]->value, "3");
    pl_ynode *node;
    assert_int_equal(pl_ypath_node(d, "parties.A.policy", &node, &err), 0);
    assert_int_equal(node->kind, PL_Y_SEQ);
    pl_ydoc_free(d);
}

static void unknown_segments_name_the_closest(void **state)
{
    (void)state;
    pl_ydoc *d = load();
    pl_error err;
    pl_ynode *out[4];
    size_t n;
    assert_int_equal(pl_ypath_resolve(d, "parties.A.policy.oportunist.p", out, 4, &n, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "no item 'oportunist' in parties.A.policy"));
    assert_non_null(strstr(err.msg, "did you mean 'opportunist'?"));
    assert_int_equal(pl_ypath_resolve(d, "steps.s1.cots", out, 4, &n, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "no key 'cots' in steps.s1 (did you mean 'cost'?)"));
    assert_int_equal(pl_ypath_resolve(d, "steps.s1.flow", out, 4, &n, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "is a map, not a value"));
    assert_int_equal(pl_ypath_resolve(d, "kind.x", out, 4, &n, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "kind is a value ('agreement')"));
    assert_int_equal(pl_ypath_resolve(d, "twins.grim.p", out, 4, &n, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "2 items of twins are named 'grim'"));
    assert_int_equal(pl_ypath_resolve(d, "steps..cost", out, 4, &n, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "empty segment"));
    assert_int_equal(pl_ypath_resolve(d, "list.7", out, 4, &n, &err), PL_EINVAL);
    assert_int_equal(pl_ypath_resolve(d, "steps.*.nothing", out, 4, &n, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "names no value"));
    pl_ydoc_free(d);
}

static void overrides_set_values_and_renormalise_the_others(void **state)
{
    (void)state;
    pl_ydoc *d = load();
    pl_error err;
    pl_overrides log = {0};
    const char *sets[] = {"parties.A.policy.opportunist.p=0.1", "steps.s1.flow.A=-0.31"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), sets, 2, &log, &err), 0);
    pl_ynode *out[2];
    size_t n;
    assert_int_equal(pl_ypath_resolve(d, "parties.A.policy.reciprocal.p", out, 2, &n, &err), 0);
    assert_string_equal(out[0]->value, "0.642857142857143"); /* 0.5 x 0.9 / 0.7 */
    assert_int_equal(pl_ypath_resolve(d, "parties.A.policy.grim.p", out, 2, &n, &err), 0);
    assert_string_equal(out[0]->value, "0.257142857142857"); /* 0.2 x 0.9 / 0.7 */
    assert_int_equal(log.n, 4);
    assert_string_equal(log.e[0].path, "parties.A.policy.opportunist.p");
    assert_string_equal(log.e[0].was, "0.3");
    assert_int_equal(log.e[0].renormalised, 0);
    assert_string_equal(log.e[1].path, "steps.s1.flow.A");
    assert_int_equal(log.e[2].renormalised, 1);
    assert_string_equal(log.e[2].path, "parties.A.policy.reciprocal.p");
    char why[256];
    char msg[128];
    snprintf(msg, sizeof msg, "t.yaml:%d:%d: must be a number", log.e[1].line, log.e[1].col);
    pl_overrides_blame(&log, msg, "t.yaml", why, sizeof why);
    assert_string_equal(why, " (the value set by --set steps.s1.flow.A=-0.31)");
    pl_overrides_clear(&log);
    pl_ydoc_free(d);
}

static void overrides_refuse_what_cannot_be_done(void **state)
{
    (void)state;
    pl_error err;
    pl_ydoc *d = load();
    const char *too_much[] = {"parties.A.policy.opportunist.p=0.7", "parties.A.policy.grim.p=0.5"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), too_much, 2, NULL, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "add up to 1.2, more than 1"));
    pl_ydoc_free(d);
    d = load();
    const char *bad[][1] = {{"steps.s1.cost"}, {"=1"}, {"steps.*.cost=1"}, {"steps.s1=1"}, {"steps.s9.cost=1"}};
    const char *want[] = {"expected PATH=VALUE", "expected PATH=VALUE", "'*' names many values", "names a map",
                          "no item 's9' in steps"};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), bad[i], 1, NULL, &err), PL_EINVAL);
        assert_non_null(strstr(err.msg, want[i]));
    }
    const char *twice[] = {"steps.s1.cost=2", "steps.s1.cost=3"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), twice, 2, NULL, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "set twice"));
    pl_ydoc_free(d);
}

/* A valid agreement that writes few numbers: the loader's defaults are what --set must reach. */
static const char sparse_text[] = "kind: agreement\n"
                                  "start: 2020-01\n"
                                  "horizon: 12\n"
                                  "parties:\n"
                                  "  - {id: A}\n"
                                  "  - {id: DPRK}\n"
                                  "steps:\n"
                                  "  - {id: s1, actor: A, cost: 1, value: {DPRK: 2}, verification: {by: DPRK}}\n"
                                  "  - {id: s2, actor: DPRK, cost: 1, value: {A: 2}}\n"
                                  "behaviour:\n"
                                  "  rationality: 2\n"
                                  "  inertia: 1\n";

static pl_ydoc *load_sparse(void) { return load_text("sparse.yaml", sparse_text); }

static const char *text_at(const pl_ydoc *d, const char *path)
{
    pl_ynode *n;
    pl_error err;
    return pl_ypath_node(d, path, &n, &err) || n->kind != PL_Y_SCALAR ? NULL : n->value;
}

static void overrides_make_a_key_the_file_leaves_to_its_default(void **state)
{
    (void)state;
    pl_ydoc *d = load_sparse();
    pl_error err;
    pl_overrides log = {0};
    const char *sets[] = {"steps.s1.verification.p_false=0.1", "behaviour.patience=3"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), sets, 2, &log, &err), 0);
    assert_string_equal(text_at(d, "steps.s1.verification.p_false"), "0.1");
    assert_string_equal(text_at(d, "behaviour.patience"), "3");
    /* only the keys set are made: the other defaults stay out of the document */
    assert_null(text_at(d, "steps.s1.verification.delay"));
    assert_null(text_at(d, "behaviour.tremble"));
    assert_int_equal(log.n, 2);
    assert_int_equal(log.e[0].added, PL_OVERRIDE_ADDED);
    assert_string_equal(log.e[0].was, "0");
    assert_string_equal(log.e[1].was, "1");
    /* a key made has no line: an error there is the flag's */
    assert_int_equal(log.e[1].line, 0);
    assert_int_equal(log.e[1].col, 2);
    char why[256], msg[128];
    snprintf(msg, sizeof msg, "sparse.yaml:0:2: 'patience' must be ...");
    pl_overrides_blame(&log, msg, "sparse.yaml", why, sizeof why);
    assert_string_equal(why, " (the value set by --set behaviour.patience=3)");
    pl_agreement *a;
    assert_int_equal(pl_agreement_from_doc(d, &a, &err), 0);
    assert_true(a->step[0].p_false == 0.1);
    assert_int_equal(a->behaviour.patience[1], 3);
    pl_agreement_free(a);
    pl_overrides_clear(&log);
    pl_ydoc_free(d);
}

static void overrides_turn_one_number_into_a_map_by_party(void **state)
{
    (void)state;
    pl_ydoc *d = load_sparse();
    pl_error err;
    pl_overrides log = {0};
    const char *sets[] = {"behaviour.inertia.DPRK=2", "behaviour.patience.A=4"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), sets, 2, &log, &err), 0);
    assert_string_equal(text_at(d, "behaviour.inertia.default"), "1");
    assert_string_equal(text_at(d, "behaviour.inertia.DPRK"), "2");
    assert_string_equal(text_at(d, "behaviour.patience.default"), "1"); /* absent: its default, then A's */
    assert_string_equal(text_at(d, "behaviour.patience.A"), "4");
    assert_int_equal(log.e[0].added, PL_OVERRIDE_BY_PARTY);
    assert_string_equal(log.e[0].was, "1");
    pl_agreement *a;
    assert_int_equal(pl_agreement_from_doc(d, &a, &err), 0);
    assert_true(a->behaviour.inertia[0] == 1 && a->behaviour.inertia[1] == 2);
    assert_int_equal(a->behaviour.patience[0], 4);
    assert_int_equal(a->behaviour.patience[1], 1);
    pl_agreement_free(a);
    /* a path that ends at the map names its default (a sensitivity range over every party) */
    pl_ynode *out[2];
    size_t n;
    assert_int_equal(pl_ypath_resolve(d, "behaviour.inertia", out, 2, &n, &err), 0);
    assert_string_equal(out[0]->value, "1");
    pl_overrides_clear(&log);
    pl_ydoc_free(d);
}

static void overrides_refuse_a_party_or_key_the_loader_does_not_read(void **state)
{
    (void)state;
    pl_ydoc *d = load_sparse();
    pl_error err;
    const char *party[] = {"behaviour.inertia.DPRKK=2"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), party, 1, NULL, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "--set path 'behaviour.inertia.DPRKK': 'DPRKK' is not a party (did you mean 'DPRK'?)"));
    assert_string_equal(text_at(d, "behaviour.inertia"), "1"); /* untouched */
    const char *neither[] = {"behaviour.lookahed=3"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), neither, 1, NULL, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "no key 'lookahed' in behaviour (did you mean 'lookahead'?)")); /* a default */
    const char *below[] = {"behaviour.rationality.A=3"}; /* one number, not by party */
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), below, 1, NULL, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "is a value"));
    pl_ydoc_free(d);
}

static void overrides_leave_a_default_that_follows_another_value(void **state)
{
    (void)state;
    pl_ydoc *d = load_sparse();
    pl_error err;
    /* lookahead defaults to the horizon: making another behaviour key must not freeze it at 12 */
    const char *sets[] = {"behaviour.patience=2", "horizon=20"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), sets, 2, NULL, &err), 0);
    assert_null(text_at(d, "behaviour.lookahead"));
    pl_agreement *a;
    assert_int_equal(pl_agreement_from_doc(d, &a, &err), 0);
    assert_int_equal(a->behaviour.lookahead, 20);
    pl_agreement_free(a);
    pl_ydoc_free(d);
    d = load_sparse();
    pl_overrides log = {0};
    const char *look[] = {"horizon=20", "behaviour.lookahead=5"};
    assert_int_equal(pl_overrides_apply(d, pl_scenario_reader_of(d), look, 2, &log, &err), 0);
    assert_string_equal(log.e[1].was, "20"); /* the default after the horizon set */
    assert_string_equal(text_at(d, "behaviour.lookahead"), "5");
    pl_overrides_clear(&log);
    pl_ydoc_free(d);
}

static void the_tree_as_json_keeps_numbers_as_numbers(void **state)
{
    (void)state;
    pl_ydoc *d = load();
    json_t *j = pl_ynode_to_json(d->root);
    assert_non_null(j);
    json_t *p = json_object_get(json_array_get(json_object_get(json_array_get(json_object_get(j, "parties"), 0), "policy"), 1), "p");
    assert_true(json_is_real(p));
    assert_true(json_real_value(p) == 0.3);
    assert_true(json_is_integer(json_array_get(json_object_get(j, "list"), 0)));
    assert_true(json_is_string(json_object_get(j, "kind")));
    json_decref(j);
    pl_ydoc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths_name_values_by_key_id_and_index),
        cmocka_unit_test(unknown_segments_name_the_closest),
        cmocka_unit_test(overrides_set_values_and_renormalise_the_others),
        cmocka_unit_test(overrides_refuse_what_cannot_be_done),
        cmocka_unit_test(overrides_make_a_key_the_file_leaves_to_its_default),
        cmocka_unit_test(overrides_turn_one_number_into_a_map_by_party),
        cmocka_unit_test(overrides_refuse_a_party_or_key_the_loader_does_not_read),
        cmocka_unit_test(overrides_leave_a_default_that_follows_another_value),
        cmocka_unit_test(the_tree_as_json_keeps_numbers_as_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
