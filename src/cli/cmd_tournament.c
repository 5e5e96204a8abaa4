/* cmd_tournament.c — placeholder until the tournament engine lands. */
#include "cli/cli.h"

int cmd_tournament(int argc, char **argv)
{
    (void)argc, (void)argv;
    return cli_usage_error("tournament", "not built yet");
}
