/* test_registry.c — the strategy registry: unique names, parameters, suggestions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
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
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_and_axelrod_names_are_unique),
        cmocka_unit_test(every_strategy_is_reachable_by_id_and_axelrod_name),
        cmocka_unit_test(unknown_names_get_suggestions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
