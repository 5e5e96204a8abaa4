/* SPDX-License-Identifier: MIT */
/* test_reference_classifiers.c — every strategy parley has from Axelrod-Python 4.13
 * carries the reference's classifier values, read from the reference's own table
 * (tests/resources/axelrod-4.13/all_classifiers.yml): stochastic, memory depth
 * (.inf = unbounded), makes_use_of game / length, long_run_time, and inspects_source,
 * manipulates_source, manipulates_state (parley has no such player: all must be false).
 * Compared with the default parameters, as the reference's table is made.
 *
 * The table is built from the reference's classes; a few of its players reclassify
 * themselves when made (the values its Classifiers[...] returns for a player).  Where
 * that differs from the table, parley carries the player's value, and the list
 * `made_players` below says which, why, and checks both numbers.
 *
 * The reference strategies parley does not have yet are printed ("# not yet in parley:
 * ..."), not counted as passed; so are those the reference's table leaves out.  A
 * registry entry claiming a reference class must be found in the table or be one of
 * those, and every table entry must be a reference strategy. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"
#include "io/yaml_doc.h"
#include "strategies/data/reference_names.h"

static pl_ydoc *table;

static int load_table(void **state)
{
    (void)state;
    const char *dir = getenv("RESOURCES") ? getenv("RESOURCES") : "tests/resources";
    char path[1024];
    snprintf(path, sizeof path, "%s/axelrod-4.13/all_classifiers.yml", dir);
    pl_error err;
    if (pl_ydoc_load(&table, path, &err) != 0) {
        fprintf(stderr, "cannot read the reference's classifier table: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int free_table(void **state)
{
    (void)state;
    pl_ydoc_free(table);
    return 0;
}

/* A boolean of the table ("true"/"false"); fails the test on anything else. */
static int flag(const pl_ynode *entry, const char *name, const char *key)
{
    const pl_ynode *n = pl_ymap_get(entry, key);
    if (!n || n->kind != PL_Y_SCALAR) fail_msg("%s: no '%s' in the reference's table", name, key);
    if (!strcmp(n->value, "true")) return 1;
    if (!strcmp(n->value, "false")) return 0;
    fail_msg("%s: '%s' is '%s', not true or false", name, key, n->value);
    return 0;
}

/* Memory depths the reference's player sets in its constructor, unlike its class's table row. */
static const struct {
    const char *class_name;
    int table_depth, player_depth;
    const char *why;
} made_players[] = {
    {"NTitsForMTats", -1, 3, "axelrod/strategies/titfortat.py: memory_depth = max(M, N) = 3"},
    {"Winner12", -1, 2, "axelrod/strategies/lookerup.py, _set_memory_depth: the table's depth 2 (no opening moves)"},
    {"Winner21", -1, 2, "axelrod/strategies/lookerup.py, _set_memory_depth: the table's depth 2 (no opening moves)"},
    {"PSOGamblerMem1", -1, 1, "axelrod/strategies/lookerup.py, _set_memory_depth: the table's depth 1 (no opening moves)"},
};

/* The reference's name (its table's key) of a class, or NULL. */
static const char *reference_name_of(const char *class_name)
{
    for (size_t r = 0; r < PL_REFERENCE_COUNT; r++)
        if (!strcmp(pl_reference_names[r].class_name, class_name)) return pl_reference_names[r].name;
    return NULL;
}

/* The registry entry of a reference class, or NULL. */
static const pl_strategy_info *registry_entry_of(const char *class_name)
{
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (in->class_name && !strcmp(in->class_name, class_name)) return in;
    }
    return NULL;
}

static void every_implemented_strategy_has_the_reference_classifier(void **state)
{
    (void)state;
    assert_non_null(table->root);
    assert_int_equal(table->root->kind, PL_Y_MAP);
    int compared = 0, differences = 0, missing = 0, unlisted = 0;
    for (size_t r = 0; r < PL_REFERENCE_COUNT; r++) {
        const char *cls = pl_reference_names[r].class_name, *name = pl_reference_names[r].name;
        const pl_strategy_info *in = registry_entry_of(cls);
        const pl_ynode *e = pl_ymap_get(table->root, name);
        if (!in) {
            printf("# not yet in parley: %s (%s)\n", name, cls);
            missing++;
            continue;
        }
        if (!e) {
            printf("# %s (%s, parley's %s) is not in the reference's classifier table: not compared\n", name, cls,
                   in->id);
            unlisted++;
            continue;
        }
        compared++;
        char want[160], got[160];
        const pl_ynode *md = pl_ymap_get(e, "memory_depth");
        if (!md || md->kind != PL_Y_SCALAR) fail_msg("%s: no memory_depth in the reference's table", name);
        int depth = !strcmp(md->value, ".inf") ? -1 : atoi(md->value);
        for (size_t k = 0; k < sizeof made_players / sizeof *made_players; k++)
            if (!strcmp(made_players[k].class_name, cls)) {
                if (depth != made_players[k].table_depth)
                    fail_msg("%s: the table's memory depth is %d, not %d as listed", name, depth, made_players[k].table_depth);
                printf("# %s: memory depth %d as the reference's player has it (its table says %d): %s\n", name,
                       made_players[k].player_depth, depth, made_players[k].why);
                depth = made_players[k].player_depth;
            }
        const pl_ynode *uses = pl_ymap_get(e, "makes_use_of");
        int uses_game = uses && pl_ymap_get(uses, "game") != NULL, uses_length = uses && pl_ymap_get(uses, "length") != NULL;
        snprintf(want, sizeof want, "stochastic %d, memory %d, game %d, length %d, long run %d, source %d%d%d",
                 flag(e, name, "stochastic"), depth, uses_game, uses_length, flag(e, name, "long_run_time"),
                 flag(e, name, "inspects_source"), flag(e, name, "manipulates_source"),
                 flag(e, name, "manipulates_state"));
        snprintf(got, sizeof got, "stochastic %d, memory %d, game %d, length %d, long run %d, source %d%d%d",
                 in->stochastic, in->memory_depth, in->uses_game, in->uses_length, in->long_run_time, 0, 0, 0);
        if (strcmp(want, got)) {
            printf("# DIFFERS %s (%s): reference %s; parley %s\n", name, in->id, want, got);
            differences++;
        }
    }
    printf("# %d of the reference's %d strategies compared, %d differ; %d not yet in parley; %d not in its table\n",
           compared, PL_REFERENCE_COUNT, differences, missing, unlisted);
    assert_true(compared > 150);
    assert_int_equal(differences, 0);
}

/* Every class the registry claims is a reference class, and every key of the table is one
 * of the reference's names (so a mistyped class cannot hide an entry from the comparison). */
static void names_agree_with_the_reference(void **state)
{
    (void)state;
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        /* Cycler and MemoryOnePlayer are the reference's general classes, outside its list */
        if (!in->class_name || !strcmp(in->class_name, "Cycler") || !strcmp(in->class_name, "MemoryOnePlayer")) continue;
        if (!reference_name_of(in->class_name)) fail_msg("%s claims class %s, not in the reference's list", in->id, in->class_name);
    }
    int unknown = 0;
    for (size_t k = 0; k < table->root->n; k++) {
        const char *key = table->root->keys[k]->value;
        int found = 0;
        for (size_t r = 0; r < PL_REFERENCE_COUNT && !found; r++) found = !strcmp(pl_reference_names[r].name, key);
        if (!found) {
            /* the table also lists the reference's cheaters (Geller, Mind Reader, ...) */
            printf("# the table's '%s' is not one of the 241 (a cheating player, outside all_strategies)\n", key);
            unknown++;
        }
    }
    assert_true(unknown < 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_implemented_strategy_has_the_reference_classifier),
        cmocka_unit_test(names_agree_with_the_reference),
    };
    return cmocka_run_group_tests(tests, load_table, free_table);
}
