// SPDX-License-Identifier: MIT
/* cmd_scenarios.c — `parley scenarios`: the scenarios `make install` shipped, one line each (the
 * name to give `parley run`, the kind and the title from the file), so a user who is not in the
 * checkout can find what there is to run. */
#include <jansson.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"

static const char usage[] =
    "Usage: parley scenarios [--json]\n"
    "\n"
    "Lists the shipped scenarios, one line each: the name that parley run, fit,\n"
    "sensitivity and play take from any directory, the scenario's kind and its title.\n"
    "They are looked for under $PARLEY_DATA/scenarios when PARLEY_DATA is set, then,\n"
    "for a command run where it was built (build/release/parley), in its checkout's\n"
    "scenarios/, then in the data folder 'make install' filled (parley --help names it).\n"
    "\n";
static const char after[] =
    "\n"
    "Examples:\n"
    "  parley scenarios\n"
    "  parley scenarios --json\n"
    "  parley run korea/six-party-2007\n";

int cmd_scenarios(int argc, char **argv)
{
    int as_json = 0, n_args;
    const cli_flag flags[] = {
        {"json", 0, CLI_FLAG_BOOL, &as_json, NULL, "one JSON document: {\"scenarios\": [{\"name\", \"kind\", \"title\",\n"
         "\"file\", \"folder\"}, ...]} (docs/json.md)"},
        {0}};
    const cli_command cmd = {"scenarios", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args) return cli_usage_error("scenarios", "takes no arguments, got '%s' (see --help)", argv[1]);
    const char *dirs[PL_DATA_DIRS_MAX];
    int nd = pl_data_dirs(dirs), found = 0, bad = 0;
    json_t *list = as_json ? json_array() : NULL;
    for (int i = 0; i < nd; i++) {
        pl_names names = {0};
        if (!pl_scenarios_shipped(dirs[i], &names)) continue;
        if (!as_json) printf("%s%s/scenarios:\n", found ? "\n" : "", dirs[i]);
        found += names.n;
        for (int j = 0; j < names.n; j++) {
            char path[4096], name[1024];
            snprintf(path, sizeof path, "%s/scenarios/%s", dirs[i], names.items[j]);
            pl_scenario_stem(names.items[j], name, sizeof name);
            pl_scenario *s;
            pl_error err;
            int unreadable = pl_scenario_open(&s, path, &err) != 0;
            if (as_json) { /* json_pack fails whole (NULL) if a member cannot be made: caught at the end */
                json_t *o = unreadable ? json_pack("{s:s,s:n,s:n,s:s,s:s,s:s}", "name", name, "kind", "title", "file", path,
                                                   "folder", dirs[i], "error", err.msg)
                                       : json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", name, "kind", pl_scenario_kind(s),
                                                   "title", pl_scenario_name(s), "file", path, "folder", dirs[i]);
                if (!o || json_array_append_new(list, o)) json_decref(list), list = NULL;
                bad |= unreadable;
                if (!unreadable) pl_scenario_free(s);
                if (!list) break;
                continue;
            }
            if (unreadable) {
                printf("  %-34s (cannot be read: %s)\n", name, err.msg);
                bad = 1;
                continue;
            }
            printf("  %-34s %-10s %s\n", name, pl_scenario_kind(s), pl_scenario_name(s));
            pl_scenario_free(s);
        }
        pl_names_free(&names);
    }
    if (as_json && found) {
        rc = cli_print_json("scenarios", list ? json_pack("{s:o}", "scenarios", list) : NULL);
        if (rc) return rc;
    } else {
        json_decref(list);
    }
    if (!found) {
        fprintf(stderr, "parley scenarios: no shipped scenarios found (looked in ");
        for (int i = 0; i < nd; i++)
            fprintf(stderr, "%s%s/scenarios%s", i ? (i + 1 < nd ? ", " : " and ") : "", dirs[i], pl_data_dir_label(dirs[i]));
        fprintf(stderr, "); run 'make install', or set PARLEY_DATA to a folder that holds scenarios/\n");
        return EXIT_ENV;
    }
    return bad ? EXIT_USAGE : EXIT_OK;
}
