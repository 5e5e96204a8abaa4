// SPDX-License-Identifier: MIT
/* test_cli_data.c — where the command finds the installed data (src/scenario/shipped.c in the
 * library, src/cli/cli_data.c for the command): the data folders in their order ($PARLEY_DATA
 * first, then the compiled-in one), the shipped scenarios of a folder (sorted, .yaml and .yml
 * only, one level of groups), and a scenario argument resolved as given, then by name with or
 * without .yaml; a miss is a usage error of the command, and bad input from pl_scenario_find
 * saying where it looked and the closest name; a program run from the checkout it was built in
 * (CHECKOUT/build/MODE/NAME) finds that checkout's scenarios/ before the installed ones. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "scenario/scenario.h"

static char data[256];

static void put(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", data, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("kind: agreement\n", f);
    fclose(f);
}

/* A data folder: scenarios/korea/six.yaml, scenarios/games/pg.yml, scenarios/top.yaml, and files
 * that are no scenario (a CSV, a hidden file). */
static int setup(void **state)
{
    snprintf(data, sizeof data, "/tmp/test_cli_data.%d", (int)getpid());
    char p[512];
    mkdir(data, 0755);
    snprintf(p, sizeof p, "%s/scenarios", data), mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/scenarios/korea", data), mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/scenarios/games", data), mkdir(p, 0755);
    put("scenarios/korea/six.yaml");
    put("scenarios/korea/events.csv");
    put("scenarios/korea/.hidden.yaml");
    put("scenarios/games/pg.yml");
    put("scenarios/top.yaml");
    setenv("PARLEY_DATA", data, 1);
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", data);
    return system(cmd) == 0 ? 0 : -1;
}

static void folders_in_order(void **state)
{
    const char *dirs[PL_DATA_DIRS_MAX];
    assert_int_equal(pl_data_dirs(dirs), 2);
    assert_string_equal(dirs[0], data);
    assert_string_equal(dirs[1], pl_data_dir_builtin());
    setenv("PARLEY_DATA", "", 1); /* empty is unset */
    assert_int_equal(pl_data_dirs(dirs), 1);
    assert_string_equal(dirs[0], pl_data_dir_builtin());
    setenv("PARLEY_DATA", data, 1);
}

/* The checkout of a program: CHECKOUT/build/MODE/NAME with CHECKOUT/scenarios a folder, else none. */
static void a_program_in_its_build_folder_finds_its_checkout(void **state)
{
    char p[512], exe[512], out[512];
    snprintf(p, sizeof p, "%s/co", data), mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/co/build", data), mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/co/build/release", data), mkdir(p, 0755);
    snprintf(exe, sizeof exe, "%s/co/build/release/parley", data);
    assert_int_equal(pl_checkout_of(exe, out, sizeof out), -1); /* no scenarios/ yet: not a checkout */
    snprintf(p, sizeof p, "%s/co/scenarios", data), mkdir(p, 0755);
    assert_int_equal(pl_checkout_of(exe, out, sizeof out), 0);
    snprintf(p, sizeof p, "%s/co", data);
    assert_string_equal(out, p);
    snprintf(exe, sizeof exe, "%s/co/build/asan/tests/test_x", data); /* one level too deep */
    assert_int_equal(pl_checkout_of(exe, out, sizeof out), -1);
    snprintf(exe, sizeof exe, "%s/co/bin/release/parley", data); /* not under build/ */
    assert_int_equal(pl_checkout_of(exe, out, sizeof out), -1);
    assert_int_equal(pl_checkout_of("co/build/release/parley", out, sizeof out), -1); /* not absolute */
    assert_int_equal(pl_checkout_of("/build/x/parley", out, sizeof out), -1);          /* no folder above build */
    assert_int_equal(pl_checkout_of("/parley", out, sizeof out), -1);
    snprintf(exe, sizeof exe, "%s/co/build/release/parley", data);
    assert_int_equal(pl_checkout_of(exe, out, 4), -1); /* too long for out: refused, not cut */
    /* this test program is build/MODE/tests/NAME: no checkout, so the folders are as above */
    assert_null(pl_data_dir_checkout());
}

static void shipped_scenarios_sorted(void **state)
{
    pl_names names = {0};
    assert_int_equal(pl_scenarios_shipped(data, &names), 3);
    assert_string_equal(names.items[0], "games/pg.yml");
    assert_string_equal(names.items[1], "korea/six.yaml");
    assert_string_equal(names.items[2], "top.yaml");
    pl_names_free(&names);
    assert_int_equal(pl_scenarios_shipped("/nonexistent-parley-data", &names), 0);
    pl_names_free(&names);
}

static void find_by_name(void **state)
{
    char path[4096], want[512];
    snprintf(want, sizeof want, "%s/scenarios/korea/six.yaml", data);
    assert_int_equal(cli_scenario_find("t", "korea/six", path, sizeof path), 0);
    assert_string_equal(path, want);
    assert_int_equal(cli_scenario_find("t", "korea/six.yaml", path, sizeof path), 0);
    assert_string_equal(path, want);
    assert_int_equal(cli_scenario_find("t", "scenarios/korea/six.yaml", path, sizeof path), 0);
    assert_string_equal(path, want);
    snprintf(want, sizeof want, "%s/scenarios/games/pg.yml", data);
    assert_int_equal(cli_scenario_find("t", "games/pg.yml", path, sizeof path), 0);
    assert_string_equal(path, want);
}

static void as_given_first(void **state)
{
    char path[4096];
    assert_int_equal(cli_scenario_find("t", "-", path, sizeof path), 0);
    assert_string_equal(path, "-");
    /* an existing file is taken as given, even when a shipped one has the same name */
    assert_int_equal(chdir(data), 0);
    assert_int_equal(cli_scenario_find("t", "scenarios/top.yaml", path, sizeof path), 0);
    assert_string_equal(path, "scenarios/top.yaml");
    /* an absolute path is never searched for: the library reports what is wrong with it */
    assert_int_equal(cli_scenario_find("t", "/nonexistent/x.yaml", path, sizeof path), 0);
    assert_string_equal(path, "/nonexistent/x.yaml");
}

static void a_miss_is_a_usage_error(void **state)
{
    char path[4096];
    assert_int_equal(cli_scenario_find("t", "korea/sx", path, sizeof path), EXIT_USAGE);
    assert_int_equal(cli_scenario_find("t", "korea/events.csv", path, sizeof path), 0); /* any file under scenarios/, by its name */
    assert_int_equal(cli_scenario_find("t", "nothing/at/all", path, sizeof path), EXIT_USAGE);
}

/* The library's pl_scenario_find, which the command and the Python package both call: the
 * file by name, and a miss as bad input that says where it looked and the closest name. */
static void the_library_finds_a_name_and_explains_a_miss(void **state)
{
    char path[4096];
    pl_error err;
    assert_int_equal(pl_scenario_find("korea/six", path, sizeof path, &err), 0);
    assert_non_null(strstr(path, "/scenarios/korea/six.yaml"));
    assert_int_equal(pl_scenario_find("korea/sx", path, sizeof path, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "korea/sx: cannot open: No such file or directory; nor is it a shipped scenario "
                                    "(looked in "));
    assert_non_null(strstr(err.msg, "; did you mean 'korea/six'? ('parley scenarios' lists them)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folders_in_order),
        cmocka_unit_test(a_program_in_its_build_folder_finds_its_checkout),
        cmocka_unit_test(shipped_scenarios_sorted),
        cmocka_unit_test(find_by_name),
        cmocka_unit_test(as_given_first),
        cmocka_unit_test(a_miss_is_a_usage_error),
        cmocka_unit_test(the_library_finds_a_name_and_explains_a_miss),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
