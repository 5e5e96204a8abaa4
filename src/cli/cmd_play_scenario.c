// SPDX-License-Identifier: MIT
/* cmd_play_scenario.c — `parley play SCENARIO.yaml --as PARTY`: a person plays one party of a scenario.
 *
 * This file reads the flags, opens the scenario and hands it to the front end of its kind,
 * found through the one table of kinds (parley/scenario_kinds.def): cmd_play_nparty.c and
 * cmd_play_agreement.c.  Both read the person's moves through play_input.h.
 *
 * Two kinds.  In an N-party game (kind: nparty) the person picks the party's action
 * each period and the others follow the chosen profile's policies; in a phased
 * agreement (kind: agreement) the person decides each period which of the party's
 * steps to start or reverse, and the others follow the policies drawn for them.
 * Either way the moves go through the library's steppers (pl_nmatch_stepper,
 * pl_agreement_stepper), which run the very turn and period the simulators run, on
 * run 0 of the scenario's stream: had the party's own policy chosen what the person
 * chose, `parley run` would have played the same game.  This file reads lines and
 * draws boards and summaries, nothing more.  Input is line-based so that a script
 * can play; when standard input is not a terminal each line read is echoed. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "cli/play_input.h"

static const char usage[] =
    "Usage: parley play SCENARIO.yaml --as PARTY [--profile NAME | --variant NAME] [--seed s]\n"
    "                   [--reference POLICY] [--set PATH=VALUE]...\n"
    "\n"
    "Play one party of a scenario yourself, period by period, against the engine's\n"
    "policies for the others; at the end a summary compares what you did with what the\n"
    "party's own policy would have done on the same random stream.\n"
    "\n";
static const char after[] =
    "\n"
    "N-party scenarios, each period type an action by name or number (1 is the most\n"
    "restrained); agreements, type the steps to start (numbers or ids; 's 1 2'),\n"
    "'r N' to reverse one, 'w' to wait a period, 'w N' to wait N, 'end' to wait to the\n"
    "horizon.  Both: ? for help, h for the history, q to quit (end of input also ends\n"
    "the game, with its summary).\n"
    "\n"
    "Examples:\n"
    "  parley play korea/drills-and-launches --as DPRK\n"
    "  parley play korea/drills-and-launches --as US --profile double_suspension\n"
    "  parley play korea/six-party-2007 --as DPRK --variant denuclearisation_first\n"
    "  parley play korea/six-party-2007 --as US --set parties.DPRK.policy.opportunist.p=0.5\n"
    "      (against a DPRK more likely to be an opportunist; the others are rescaled)\n"
    "  printf 'refrain\\nlaunch\\n' | parley play korea/drills-and-launches --as DPRK\n";

/* The front ends, one for each kind of the table whose play column names one. */
#define PL_SCENARIO_KIND(k, runner, eval, shared, reader, play, text) int cli_play_##play(const pl_scenario *scn, const cli_play_args *args);
#include "parley/scenario_kinds.def"
#undef PL_SCENARIO_KIND
static const struct {
    const char *kind;
    int (*play)(const pl_scenario *scn, const cli_play_args *args);
} play_kinds[] = {
#define PL_SCENARIO_KIND(k, runner, eval, shared, reader, play, text) {k, cli_play_##play},
#include "parley/scenario_kinds.def"
#undef PL_SCENARIO_KIND
};

/* The front end of a kind that cannot be played (`none` in the table's play column). */
int cli_play_none(const pl_scenario *scn, const cli_play_args *args) { return -1; }

int cmd_play_scenario(int argc, char **argv)
{
    const char *party = NULL, *profile = NULL, *variant = NULL, *reference = NULL;
    uint64_t seed = 0;
    cli_list sets = {0};
    int seed_given = 0, n_args;
    static const char not_here[] = "is for a game against a strategy ('parley play OPPONENT'); a scenario sets its own game";
    const cli_flag flags[] = {
        {"as", 0, CLI_FLAG_TEXT, &party, "PARTY", "the party you play (its id; without it the parties are listed)"},
        {"profile", 0, CLI_FLAG_TEXT, &profile, "NAME", "N-party scenarios (kind: nparty): the policy profile the others\n"
         "follow (default: the first); your party's policy in it is the\n"
         "one you are compared with"},
        {"variant", 0, CLI_FLAG_TEXT, &variant, "NAME", "agreements (kind: agreement): the sequencing (default: the first)"},
        {"reference", 0, CLI_FLAG_TEXT, &reference, "POL", "agreements: the policy you are compared with (default reciprocal;\n"
         "also unconditional, grim, opportunist)"},
        {"seed", 's', CLI_FLAG_SEED, &seed, "s", "random seed (default: the scenario's); you play run 0 of the\n"
         "scenario's stream, as 'parley run' does", .given = &seed_given},
        CLI_ROW_SET(&sets, "The opening screen lists\n"
                           "every change"),
        {"turns", 0, CLI_FLAG_REFUSE, NULL, NULL, not_here},
        {"game", 0, CLI_FLAG_REFUSE, NULL, NULL, not_here},
        {"noise", 0, CLI_FLAG_REFUSE, NULL, NULL, not_here},
        {"prob-end", 0, CLI_FLAG_REFUSE, NULL, NULL, not_here},
        {"hide-length", 0, CLI_FLAG_REFUSE, NULL, NULL, not_here},
        {0}};
    const cli_command cmd = {"play", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args != 1) return cli_usage_error("play", "expected one SCENARIO.yaml file, got %d (see --help)", n_args);
    char path[4096]; /* a file, or a shipped scenario's name */
    if ((rc = cli_scenario_find("play", argv[1], path, sizeof path))) {
        if (!cli_is_scenario_path(argv[1]))
            cli_usage_error("play", "'%s' is not a scenario file (.yaml); --as, --profile, --variant, --reference and "
                                    "--set play one party of a scenario (against a strategy, give none of them)",
                            argv[1]);
        return rc;
    }
    pl_error err;
    pl_scenario *scn;
    if (pl_scenario_open(&scn, path, &err)) return cli_lib_error("play", &err);
    if (pl_scenario_set(scn, sets.items, sets.n, &err)) { /* (the front ends print the changes) */
        pl_scenario_free(scn);
        return cli_lib_error("play", &err);
    }
    in_line in;
    cli_line_init(&in);
    cli_play_args args = {.party = party, .profile = profile, .variant = variant, .reference = reference,
                          .seed_given = seed_given, .seed = seed, .in = &in};
    rc = -1;
    for (size_t i = 0; i < sizeof play_kinds / sizeof play_kinds[0]; i++)
        if (!strcmp(play_kinds[i].kind, pl_scenario_kind(scn))) rc = play_kinds[i].play(scn, &args);
    if (rc < 0) /* a kind the library knows but whose line in the table names no front end */
        rc = cli_usage_error("play", "%s: scenarios of kind '%s' cannot be played; try 'parley run'", path,
                             pl_scenario_kind(scn));
    cli_line_free(&in);
    pl_scenario_free(scn);
    return rc;
}
