/* SPDX-License-Identifier: MIT */
/* test_reference_classifiers.c — every strategy parley has from Axelrod-Python 4.13
 * carries the reference's classifier values, read from the reference's own table
 * (tests/resources/axelrod-4.13/all_classifiers.yml): stochastic, memory depth
 * (.inf = unbounded), makes_use_of game / length, long_run_time, and inspects_source,
 * manipulates_source, manipulates_state (Darwin's are true).  Compared with the default
 * parameters, as the reference's table is made.
 *
 * The table is built from the reference's classes; a few of its players reclassify
 * themselves when made (the values its Classifiers[...] returns for a player).  Where
 * that differs from the table, parley carries the player's value, and the list
 * `made_players` below says which, why, and checks both numbers.
 *
 * Every one of the reference's 241 strategies must be in parley; the four the table leaves
 * out (it predates them) are named in `not_in_table`.  The table's other nine keys are the
 * reference's source-inspecting players, outside its list of strategies: `cheaters` names
 * each with why parley has none of them, and the test checks that the table marks each as
 * inspecting or manipulating.  So all 246 keys of the table are accounted for. */
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
#include "resource_testing.h"

static pl_ydoc *table;

static int load_table(void **state)
{
    (void)state;
    char path[1024];
    resource_path("axelrod-4.13/all_classifiers.yml", path, sizeof path);
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

/* Classifiers the reference's player sets when it is made, unlike its class's table row:
 * the memory depth, "stochastic" or "long_run_time" (`what`). */
static const struct {
    const char *class_name, *what;
    int table_value, player_value;
    const char *why;
} made_players[] = {
    {"NTitsForMTats", "memory", -1, 3, "axelrod/strategies/titfortat.py: memory_depth = max(M, N) = 3"},
    {"Winner12", "memory", -1, 2, "axelrod/strategies/lookerup.py, _set_memory_depth: the table's depth 2 (no opening moves)"},
    {"Winner21", "memory", -1, 2, "axelrod/strategies/lookerup.py, _set_memory_depth: the table's depth 2 (no opening moves)"},
    {"PSOGamblerMem1", "memory", -1, 1, "axelrod/strategies/lookerup.py, _set_memory_depth: the table's depth 1 (no opening moves)"},
    {"MetaWinnerDeterministic", "stochastic", 1, 0,
     "axelrod/strategies/meta.py: its __init__ sets stochastic False (a team of deterministic players)"},
    {"MetaMajorityMemoryOne", "long_run", 1, 0, "axelrod/strategies/meta.py: its __init__ sets long_run_time False"},
    {"MetaWinnerMemoryOne", "long_run", 1, 0, "axelrod/strategies/meta.py: its __init__ sets long_run_time False"},
    {"NMWEMemoryOne", "long_run", 1, 0, "axelrod/strategies/meta.py: its __init__ sets long_run_time False"},
};

/* The reference's strategies its classifier table does not list (the table is older). */
static const char *const not_in_table[] = {"SpitefulCC", "EvolvedFSM6", "BurnBothEnds", "Capri"};

/* The table's players outside the reference's list of strategies (axelrod.strategies leaves
 * out every player that does not obey the rules of a fair match), and why parley has none. */
static const struct {
    const char *name, *why;
} cheaters[] = {
    {"Geller", "reads the opponent's next move by calling its strategy; not shipped in Axelrod-Python 4.13 (no source to replay)"},
    {"Geller Cooperator", "Geller that cooperates where it cannot read; not shipped in 4.13"},
    {"Geller Defector", "Geller that defects where it cannot read; not shipped in 4.13"},
    {"Mind Reader", "simulates the opponent's reply to each of its moves by copying the opponent; not shipped in 4.13"},
    {"Protected Mind Reader", "Mind Reader that also hides its strategy from being read; not shipped in 4.13"},
    {"Mirror Mind Reader", "plays what the opponent will play against itself; not shipped in 4.13"},
    {"Mind Bender", "rewrites the opponent's strategy to cooperate; not shipped in 4.13"},
    {"Mind Controller", "rewrites the opponent's strategy to cooperate forever; not shipped in 4.13"},
    {"Mind Warper", "rewrites the opponent's strategy to defect; not shipped in 4.13"},
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
            int known = 0;
            for (size_t k = 0; k < sizeof not_in_table / sizeof *not_in_table; k++) known |= !strcmp(not_in_table[k], cls);
            if (!known) fail_msg("%s (%s) is not in the reference's classifier table and not listed as such", name, cls);
            printf("# %s (%s, parley's %s) is not in the reference's classifier table (it predates the class)\n", name,
                   cls, in->id);
            unlisted++;
            continue;
        }
        compared++;
        char want[160], got[160];
        const pl_ynode *md = pl_ymap_get(e, "memory_depth");
        if (!md || md->kind != PL_Y_SCALAR) fail_msg("%s: no memory_depth in the reference's table", name);
        int depth = !strcmp(md->value, ".inf") ? -1 : atoi(md->value);
        int stochastic = flag(e, name, "stochastic"), long_run = flag(e, name, "long_run_time");
        for (size_t k = 0; k < sizeof made_players / sizeof *made_players; k++)
            if (!strcmp(made_players[k].class_name, cls)) {
                const char *what = made_players[k].what;
                int *v = !strcmp(what, "memory") ? &depth : !strcmp(what, "stochastic") ? &stochastic : &long_run;
                if (*v != made_players[k].table_value)
                    fail_msg("%s: the table's %s is %d, not %d as listed", name, what, *v, made_players[k].table_value);
                printf("# %s: %s %d as the reference's player has it (its table says %d): %s\n", name, what,
                       made_players[k].player_value, *v, made_players[k].why);
                *v = made_players[k].player_value;
            }
        const pl_ynode *uses = pl_ymap_get(e, "makes_use_of");
        int uses_game = uses && pl_ymap_get(uses, "game") != NULL, uses_length = uses && pl_ymap_get(uses, "length") != NULL;
        snprintf(want, sizeof want, "stochastic %d, memory %d, game %d, length %d, long run %d, source %d%d%d",
                 stochastic, depth, uses_game, uses_length, long_run,
                 flag(e, name, "inspects_source"), flag(e, name, "manipulates_source"),
                 flag(e, name, "manipulates_state"));
        snprintf(got, sizeof got, "stochastic %d, memory %d, game %d, length %d, long run %d, source %d%d%d",
                 in->stochastic, in->memory_depth, in->uses_game, in->uses_length, in->long_run_time, in->inspects_source,
                 in->manipulates_source, in->manipulates_state);
        if (strcmp(want, got)) {
            printf("# DIFFERS %s (%s): reference %s; parley %s\n", name, in->id, want, got);
            differences++;
        } else
            printf("# same: %s (%s, parley's %s): %s\n", name, cls, in->id, got);
    }
    printf("# %d of the reference's %d strategies compared, %d differ; %d not yet in parley; %d not in its table\n",
           compared, PL_REFERENCE_COUNT, differences, missing, unlisted);
    assert_int_equal(missing, 0);
    assert_int_equal(unlisted, (int)(sizeof not_in_table / sizeof *not_in_table));
    assert_int_equal(compared, PL_REFERENCE_COUNT - unlisted);
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
            const char *why = NULL;
            for (size_t c = 0; c < sizeof cheaters / sizeof *cheaters; c++)
                if (!strcmp(cheaters[c].name, key)) why = cheaters[c].why;
            if (!why) fail_msg("the table's '%s' is neither one of the 241 nor a known cheater", key);
            const pl_ynode *e = table->root->items[k];
            if (!flag(e, key, "inspects_source") && !flag(e, key, "manipulates_source") && !flag(e, key, "manipulates_state"))
                fail_msg("'%s' is listed as a cheater but the table says it obeys the rules", key);
            printf("# the table's '%s' is a cheating player outside all_strategies, not in parley: %s\n", key, why);
            unknown++;
        }
    }
    assert_int_equal(unknown, (int)(sizeof cheaters / sizeof *cheaters));
    assert_int_equal((int)table->root->n, PL_REFERENCE_COUNT - (int)(sizeof not_in_table / sizeof *not_in_table) + unknown);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_implemented_strategy_has_the_reference_classifier),
        cmocka_unit_test(names_agree_with_the_reference),
    };
    return cmocka_run_group_tests(tests, load_table, free_table);
}
