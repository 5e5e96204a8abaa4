// SPDX-License-Identifier: MIT
/* test_automaton_store.c — a worker's kept automata (src/twoparty/automaton_store.c): what is kept
 * is found under the same definition, parameters, length and salt, and under no other; past
 * PL_AUTO_STORE_MAX entries nothing more is kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "parley/parley.h"
#include "twoparty/automaton_store.h"

static pl_strategy *make(const char *name)
{
    pl_strategy *s = NULL;
    pl_error err;
    if (pl_strategy_create(&s, name, &err)) fail_msg("%s: %s", name, err.msg);
    return s;
}

static void found_under_its_own_key_only(void **unused)
{
    (void)unused;
    pl_strategy *gtft1 = make("gtft:p=0.1"), *gtft1b = make("gtft:p=0.1"), *gtft2 = make("gtft:p=0.2"),
                *tft = make("tft");
    pl_auto_store *st = pl_auto_store_new();
    assert_non_null(st);
    size_t bytes = 0;
    assert_null(pl_auto_store_find(st, gtft1, 200, 7, &bytes));
    char *room = pl_auto_store_add(st, gtft1, 200, 7, 6);
    assert_non_null(room);
    memcpy(room, "hello", 6);
    const char *got = pl_auto_store_find(st, gtft1b, 200, 7, &bytes); /* another player, the same parameters */
    assert_non_null(got);
    assert_int_equal(bytes, 6);
    assert_string_equal(got, "hello");
    assert_null(pl_auto_store_find(st, gtft2, 200, 7, &bytes)); /* other parameters */
    assert_null(pl_auto_store_find(st, tft, 200, 7, &bytes));   /* another definition */
    assert_null(pl_auto_store_find(st, gtft1, 201, 7, &bytes)); /* another length */
    assert_null(pl_auto_store_find(st, gtft1, 200, 8, &bytes)); /* another salt */
    assert_non_null(pl_auto_store_add(st, gtft1, 200, 0, 0));   /* empty bytes: a hook that declined */
    assert_non_null(pl_auto_store_find(st, gtft1, 200, 0, &bytes));
    assert_int_equal(bytes, 0);
    pl_auto_store_free(st);
    pl_strategy_free(gtft1), pl_strategy_free(gtft1b), pl_strategy_free(gtft2), pl_strategy_free(tft);
}

static void bounded(void **unused)
{
    (void)unused;
    pl_strategy *s = make("tft");
    pl_auto_store *st = pl_auto_store_new();
    assert_non_null(st);
    for (int k = 0; k < PL_AUTO_STORE_MAX; k++) assert_non_null(pl_auto_store_add(st, s, k + 1, 0, 8));
    assert_null(pl_auto_store_add(st, s, PL_AUTO_STORE_MAX + 1, 0, 8)); /* full: the caller makes it again */
    size_t bytes;
    for (int k = 0; k < PL_AUTO_STORE_MAX; k++) assert_non_null(pl_auto_store_find(st, s, k + 1, 0, &bytes));
    assert_null(pl_auto_store_find(st, s, PL_AUTO_STORE_MAX + 1, 0, &bytes));
    pl_auto_store_free(st);
    pl_strategy_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(found_under_its_own_key_only),
        cmocka_unit_test(bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
