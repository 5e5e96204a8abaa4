// SPDX-License-Identifier: MIT
/* cmd_check_transcripts.c — `parley check-transcripts FILE...`: conformance with a reference. */
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "parley/transcript.h"

static const char usage[] =
    "Usage: parley check-transcripts [--min-checked N] FILE...\n"
    "\n"
    "Replays every match of each transcript file (JSON lines, gzipped or not) whose\n"
    "two strategies parley has, compares every action and both scores, names each\n"
    "mismatch, and ends with 'N checked, M mismatched, K skipped' (K: lines naming a\n"
    "strategy parley lacks).  Exit 1 on any mismatch, or when nothing was compared\n"
    "(an empty file, or only strategies parley lacks), or when fewer than N matches\n"
    "were compared with --min-checked N; exit 2 on a malformed file (a NUL byte, a\n"
    "line that is not JSON, a missing field: file and line are named).\n"
    "\n"
    "Options:\n";
static const char after[] =
    "\n"
    "Example:\n"
    "  parley check-transcripts tests/resources/conformance/matches-200-standard.jsonl.gz\n";

static void print_mismatch(const char *line, void *user)
{
    (void)user;
    printf("MISMATCH %s\n", line);
}

int cmd_check_transcripts(int argc, char **argv)
{
    uint64_t min_checked = 1;
    int n_args;
    const cli_flag flags[] = {
        {"min-checked", 0, CLI_FLAG_COUNT, &min_checked, "N", "fail unless at least N matches were compared (default 1)", 0, 1e12},
        {0}};
    const cli_command cmd = {"check-transcripts", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args < 1) return cli_usage_error("check-transcripts", "expected at least one transcript FILE (see --help)");
    pl_transcript_stats st = {0};
    for (int i = 1; i <= n_args; i++) {
        pl_error err;
        if (pl_transcript_check_file(argv[i], &st, print_mismatch, NULL, &err)) {
            fflush(stdout);
            return cli_lib_error("check-transcripts", &err);
        }
    }
    printf("%zu checked, %zu mismatched, %zu skipped\n", st.checked, st.mismatched, st.skipped);
    fflush(stdout);
    /* A gate built on this command must not pass when nothing was compared. */
    if (st.checked < min_checked) {
        if (st.checked == 0)
            fprintf(stderr, "parley check-transcripts: nothing was compared (%zu lines named strategies parley lacks); "
                            "a check that compares nothing fails\n", st.skipped);
        else
            fprintf(stderr, "parley check-transcripts: only %zu matches were compared, fewer than --min-checked %llu\n",
                    st.checked, (unsigned long long)min_checked);
        return EXIT_CHECK_FAILED;
    }
    return st.mismatched ? EXIT_CHECK_FAILED : EXIT_OK;
}
