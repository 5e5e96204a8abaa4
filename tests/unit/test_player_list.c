// SPDX-License-Identifier: MIT
/* test_player_list.c — the keywords of a list of players: "all", "deterministic" and "short".
 *
 * "short" must be exactly the reference's `axl.short_run_time_strategies` restricted to what
 * parley has (parley has all of them): the file short_run_time.txt is that list, by class, as
 * Axelrod-Python 4.13 itself made it (tools/meta_reference.py, `short`), so the players the
 * keyword selects are compared class by class with it, both ways. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "resource_testing.h"

#define MAX_CLASSES 400

static char classes[MAX_CLASSES][64];
static size_t n_classes;

/* Reads the reference's short_run_time list (one class a line, '#' a comment). */
static int load_list(void **state)
{
    (void)state;
    char path[1024], line[256];
    FILE *f = resource_open("axelrod-4.13/short_run_time.txt", path, sizeof path);
    if (!f) {
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        if (n_classes == MAX_CLASSES || strlen(line) >= sizeof classes[0]) {
            fclose(f);
            return -1;
        }
        strcpy(classes[n_classes++], line);
    }
    fclose(f);
    return 0;
}

static pl_player_list players_of(const char *spec)
{
    pl_player_list l = {0};
    pl_error err;
    if (pl_player_list_add(&l, spec, &err) != PL_OK) fail_msg("%s: %s", spec, err.msg);
    return l;
}

static void short_is_the_reference_short_run_time_list(void **state)
{
    (void)state;
    assert_true(n_classes > 200); /* the file was read whole: 222 classes in 4.13 */
    pl_player_list l = players_of("short");
    int *seen = calloc(n_classes, sizeof *seen);
    assert_non_null(seen);
    for (size_t i = 0; i < l.n; i++) {
        const pl_strategy_info *in = pl_strategy_get_info(l.items[i]);
        if (!in->class_name) fail_msg("short selected %s, which is no class of the reference", in->id);
        size_t k = 0;
        while (k < n_classes && strcmp(classes[k], in->class_name)) k++;
        if (k == n_classes) fail_msg("short selected %s (%s), not in the reference's short_run_time_strategies", in->id, in->class_name);
        if (seen[k]++) fail_msg("short selected class %s twice", in->class_name);
        assert_false(in->long_run_time);
    }
    for (size_t k = 0; k < n_classes; k++)
        if (!seen[k]) fail_msg("short left out %s, one of the reference's short_run_time_strategies", classes[k]);
    assert_int_equal(l.n, n_classes);
    free(seen);
    pl_player_list_free(&l);
}

/* The keywords keep the registry's order and mix with names: "short" is "all" less the
 * long-run-time players, Darwin and the general classes, in the same order. */
static void keywords_keep_the_registry_order(void **state)
{
    (void)state;
    pl_player_list all = players_of("all"), det = players_of("deterministic"), sh = players_of("tft,short");
    assert_int_equal(all.n, pl_strategy_count());
    size_t j = 1;
    for (size_t i = 0; i < all.n; i++) {
        const pl_strategy_info *in = pl_strategy_get_info(all.items[i]);
        if (j < sh.n && !strcmp(pl_strategy_get_info(sh.items[j])->id, in->id)) j++;
        else if (in->class_name && !in->long_run_time && !in->inspects_source && strcmp(in->class_name, "Cycler") &&
                 strcmp(in->class_name, "MemoryOnePlayer"))
            fail_msg("short skipped %s", in->id);
    }
    assert_int_equal(j, sh.n);
    assert_string_equal(pl_strategy_get_info(sh.items[0])->id, "tft");
    for (size_t i = 0; i < det.n; i++) assert_false(pl_strategy_get_info(det.items[i])->stochastic);
    pl_player_list_free(&all);
    pl_player_list_free(&det);
    pl_player_list_free(&sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(short_is_the_reference_short_run_time_list),
        cmocka_unit_test(keywords_keep_the_registry_order),
    };
    return cmocka_run_group_tests(tests, load_list, NULL);
}
