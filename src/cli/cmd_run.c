/* cmd_run.c — placeholder until the scenario runner lands. */
#include "cli/cli.h"

int cmd_run(int argc, char **argv)
{
    (void)argc, (void)argv;
    return cli_usage_error("run", "not built yet");
}
