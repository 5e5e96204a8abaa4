// SPDX-License-Identifier: MIT
/* test_registry.c — the strategy registry: unique names, parameters, suggestions, the
 * reference's display names with parameters and class names, and metadata that follows
 * the parameters as the reference's does. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parley/parley.h"

static void ids_and_axelrod_names_are_unique(void **state)
{
    (void)state;
    size_t n = pl_strategy_count();
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        const pl_strategy_info *a = pl_strategy_info_at(i);
        assert_non_null(a->id);
        assert_non_null(a->name);
        assert_non_null(a->reference);
        for (size_t j = i + 1; j < n; j++) {
            const pl_strategy_info *b = pl_strategy_info_at(j);
            if (!strcmp(a->id, b->id)) fail_msg("duplicate id %s", a->id);
            if (a->axelrod_name && b->axelrod_name && !strcmp(a->axelrod_name, b->axelrod_name))
                fail_msg("duplicate axelrod_name %s", a->axelrod_name);
        }
    }
}

static void every_strategy_is_reachable_by_id_and_axelrod_name(void **state)
{
    (void)state;
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        pl_strategy *s;
        pl_error err;
        assert_int_equal(pl_strategy_create(&s, in->id, &err), 0);
        assert_ptr_equal(pl_strategy_get_info(s), in);
        assert_int_equal(pl_strategy_is_default(s), 1);
        pl_strategy_free(s);
        if (in->axelrod_name) {
            assert_int_equal(pl_strategy_create(&s, in->axelrod_name, &err), 0);
            assert_ptr_equal(pl_strategy_get_info(s), in);
            assert_string_equal(pl_strategy_label(s), in->axelrod_name);
            pl_strategy_free(s);
        }
    }
}

static void unknown_names_get_suggestions(void **state)
{
    (void)state;
    pl_strategy *s;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "gtft:p=0.3", &err), 0);
    assert_int_equal(pl_strategy_is_default(s), 0);
    pl_strategy_free(s);
    assert_int_equal(pl_strategy_create(&s, "tit_for_tatt", &err), PL_ENOTFOUND);
    assert_non_null(strstr(err.msg, "closest known"));
    assert_int_equal(pl_strategy_create(&s, "", &err), PL_EINVAL);
    assert_int_equal(pl_strategy_create(&s, "tft:nope=1", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "no parameter 'nope'"));
    assert_int_equal(pl_strategy_create(&s, "tft:garbage", &err), PL_EINVAL);
    /* a parameter given twice is an error, not "the last one wins" */
    assert_int_equal(pl_strategy_create(&s, "gtft:p=0.1,p=0.2", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "parameter 'p' given twice"));
    assert_int_equal(pl_strategy_create(&s, "limited_retaliate:retaliation_limit=3,retaliation_threshold=0.2", &err), 0);
    pl_strategy_free(s);
}

/* Creates spec, fails the test if it cannot. */
static pl_strategy *make(const char *spec)
{
    pl_strategy *s = NULL;
    pl_error err;
    if (pl_strategy_create(&s, spec, &err) != PL_OK) fail_msg("cannot create '%s': %s", spec, err.msg);
    return s;
}

/* The reference's display names with other parameters: its positional values, in the
 * order of the parameters ("GTFT: 0.1"), and its final-moves tail ("... : (D, D)"). */
static void reference_names_with_parameters(void **state)
{
    (void)state;
    static const struct {
        const char *spec, *id, *key;
        double value;
    } cases[] = {
        {"GTFT: 0.1", "gtft", "p", 0.1},
        {"Random: 0.2", "random", "p", 0.2},
        {"First by Davis: 5", "first_davis", "rounds_to_cooperate", 5},
        {"First by Stein and Rapoport: 0.1: (D, D)", "first_stein_rapoport", "alpha", 0.1},
        {"Retaliate: 0.2", "retaliate", "retaliation_threshold", 0.2},
        {"Limited Retaliate: 0.1, 12", "limited_retaliate", "retaliation_limit", 12},
        {"ZD-Extort-2: 0.05, 0.25", "zd_extort_2", "s", 0.25},
        {"gtft: 0.2", "gtft", "p", 0.2},
        {"TitForTat", "tft", NULL, 0},
        {"GoByMajority10", "soft_go_by_majority_10", NULL, 0},
        {"GTFT", "gtft", "p", 1.0 - 2.0 / 3.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pl_strategy *s = make(cases[i].spec);
        assert_string_equal(pl_strategy_get_info(s)->id, cases[i].id);
        if (cases[i].key && pl_strategy_param(s, cases[i].key) != cases[i].value)
            fail_msg("%s: %s = %g, want %g", cases[i].spec, cases[i].key, pl_strategy_param(s, cases[i].key),
                     cases[i].value);
        pl_strategy_free(s);
    }
    /* the default display name is the reference's: "Limited Retaliate: 0.1, 12" differs in one */
    pl_strategy *s = make("Limited Retaliate: 0.1, 20");
    assert_true(pl_strategy_is_default(s));
    pl_strategy_free(s);
    static const char *bad[] = {"GTFT: 0.1, 0.2", "GTFT: x", "GTFT: 1.5", "First by Stein and Rapoport: 0.1: (C, C)",
                                "TitForTat: 3"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pl_error err;
        s = NULL;
        if (pl_strategy_create(&s, bad[i], &err) != PL_EINVAL) fail_msg("'%s' was accepted", bad[i]);
        assert_null(s);
        assert_non_null(strstr(err.msg, "strategy"));
    }
}

/* Every entry the reference has a class for is reachable by it, and its class is a
 * name of the reference (not a made-up one). */
static void class_names_are_accepted(void **state)
{
    (void)state;
    size_t n = pl_strategy_count(), with_class = 0;
    for (size_t i = 0; i < n; i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (!in->class_name) continue;
        with_class++;
        pl_strategy *s = make(in->class_name);
        assert_string_equal(pl_strategy_get_info(s)->id, in->id);
        pl_strategy_free(s);
    }
    /* every one with an Axelrod name has a class (hand-check: 169 of 171 have one) */
    for (size_t i = 0; i < n; i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (in->axelrod_name && !in->class_name) fail_msg("%s (%s) has no reference class", in->id, in->axelrod_name);
    }
    assert_true(with_class > 100);
}

/* Metadata follows the parameters as the reference reclassifies its players
 * (MemoryOnePlayer, Random, Cycler, GoByMajority). */
static void metadata_follows_the_parameters(void **state)
{
    (void)state;
    static const struct {
        const char *spec;
        int stochastic, memory_depth;
    } cases[] = {
        {"memory_one", 0, 1},                                   /* (1, 0, 0, 1): win-stay lose-shift */
        {"memory_one:p_cc=1,p_cd=1,p_dc=1,p_dd=1", 0, 0},       /* all 1: memory depth 0 */
        {"memory_one:p_cc=0,p_cd=0,p_dc=0,p_dd=0,initial=0", 0, 0},
        {"memory_one:p_cd=0.3", 1, 1},
        {"random", 1, 0},
        {"Random: 0", 0, 0},
        {"Random: 1", 0, 0},
        {"cycler", 0, 2},                                       /* CCD: length - 1 */
        {"cycler:cycle=CCCCD", 0, 4},
        {"cycler:cycle=D", 0, 0},
        {"soft_go_by_majority", 0, -1},
        {"soft_go_by_majority:memory_depth=7", 0, 7},
        {"hard_go_by_majority:memory_depth=3", 0, 3},
        {"gtft:p=0", 0, 1},
        {"gtft", 1, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pl_strategy *s = make(cases[i].spec);
        if (pl_strategy_is_stochastic(s) != cases[i].stochastic)
            fail_msg("%s: stochastic %d, want %d", cases[i].spec, pl_strategy_is_stochastic(s), cases[i].stochastic);
        if (pl_strategy_memory_depth(s) != cases[i].memory_depth)
            fail_msg("%s: memory depth %d, want %d", cases[i].spec, pl_strategy_memory_depth(s), cases[i].memory_depth);
        /* the registry's facts are those of the default parameters */
        if (pl_strategy_is_default(s)) {
            assert_int_equal(pl_strategy_get_info(s)->stochastic, cases[i].stochastic);
            assert_int_equal(pl_strategy_get_info(s)->memory_depth, cases[i].memory_depth);
        }
        pl_strategy_free(s);
    }
}

/* The reference's list: 241 strategies, each named, with parley's id where it has one. */
static void the_reference_list(void **state)
{
    (void)state;
    assert_int_equal(pl_reference_count(), 241);
    const char *cls = NULL, *id = NULL;
    assert_string_equal(pl_reference_at(0, &cls, &id), "ALLCorALLD");
    assert_string_equal(cls, "ALLCorALLD");
    assert_string_equal(id, "allc_or_alld");
    assert_null(pl_reference_at(241, &cls, &id));
    size_t have = 0;
    for (size_t i = 0; i < pl_reference_count(); i++) {
        const char *name = pl_reference_at(i, &cls, &id);
        assert_non_null(name);
        assert_non_null(cls);
        if (!id) continue;
        have++;
        /* parley's entry answers to the class name */
        pl_strategy *s = NULL;
        pl_error err;
        assert_int_equal(pl_strategy_create(&s, cls, &err), PL_OK);
        assert_string_equal(pl_strategy_get_info(s)->id, id);
        pl_strategy_free(s);
        /* and so does the reference's table name of the class ("Go By Majority 10") */
        assert_int_equal(pl_strategy_create(&s, name, &err), PL_OK);
        assert_string_equal(pl_strategy_get_info(s)->id, id);
        pl_strategy_free(s);
    }
    assert_int_equal(have, 241); /* every one of the reference's strategies */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_and_axelrod_names_are_unique),
        cmocka_unit_test(every_strategy_is_reachable_by_id_and_axelrod_name),
        cmocka_unit_test(unknown_names_get_suggestions),
        cmocka_unit_test(reference_names_with_parameters),
        cmocka_unit_test(class_names_are_accepted),
        cmocka_unit_test(metadata_follows_the_parameters),
        cmocka_unit_test(the_reference_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
