// SPDX-License-Identifier: MIT
/* cli_data.c — a command's SCENARIO argument made a file by the library's pl_scenario_find (a
 * shipped scenario by name from any directory: `parley run korea/six-party-2007`), its miss
 * reported as the command's usage error. */
#include "cli/cli.h"

int cli_scenario_find(const char *cmd, const char *arg, char *path, size_t size)
{
    pl_error err;
    if (!pl_scenario_find(arg, path, size, &err)) return 0;
    return cli_usage_error(cmd, "%s", err.msg);
}
