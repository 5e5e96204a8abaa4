// SPDX-License-Identifier: MIT
/* cmd_check_transcripts.c — `parley check-transcripts FILE...`: conformance with a reference. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"
#include "parley/transcript.h"

static const char usage[] =
    "Usage: parley check-transcripts [--min-checked N] [--json] FILE...\n"
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

/* user: NULL prints each mismatch as a line; with --json, the array the lines are appended to. */
static void print_mismatch(const char *line, void *user)
{
    if (user) json_array_append_new(user, json_string(line)); /* a failure shows as a short list, never a crash */
    else printf("MISMATCH %s\n", line);
}

int cmd_check_transcripts(int argc, char **argv)
{
    uint64_t min_checked = 1;
    int as_json = 0, n_args;
    const cli_flag flags[] = {
        {"min-checked", 0, CLI_FLAG_COUNT, &min_checked, "N", "fail unless at least N matches were compared (default 1)", 0, 1e12},
        {"json", 0, CLI_FLAG_BOOL, &as_json, NULL, "one JSON document at the end: {\"checked\", \"mismatched\", \"skipped\",\n"
         "\"files\", \"mismatches\": [line, ...]} (docs/json.md); the exit code is the same"},
        {0}};
    const cli_command cmd = {"check-transcripts", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args < 1) return cli_usage_error("check-transcripts", "expected at least one transcript FILE (see --help)");
    /* every file is opened before the first is replayed: a missing third file fails at once */
    for (int i = 1; i <= n_args; i++) {
        if (!strcmp(argv[i], "-")) continue;
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            int e = errno;
            fprintf(stderr, "parley check-transcripts: %s: cannot open: %s\n", argv[i], strerror(e));
            return e == EACCES || e == EPERM ? EXIT_ENV : EXIT_USAGE;
        }
        fclose(f);
    }
    pl_transcript_stats st = {0};
    json_t *mismatches = as_json ? json_array() : NULL, *files = as_json ? json_array() : NULL;
    for (int i = 1; i <= n_args; i++) {
        pl_error err;
        if (files) json_array_append_new(files, json_string(argv[i]));
        if (pl_transcript_check_file(argv[i], &st, print_mismatch, mismatches, &err)) {
            json_decref(mismatches);
            json_decref(files);
            fflush(stdout);
            return cli_lib_error("check-transcripts", &err);
        }
    }
    if (as_json) {
        json_t *doc = json_pack("{s:I,s:I,s:I,s:o,s:o}", "checked", (json_int_t)st.checked, "mismatched",
                                (json_int_t)st.mismatched, "skipped", (json_int_t)st.skipped, "files", files,
                                "mismatches", mismatches);
        if ((rc = cli_print_json("check-transcripts", doc))) return rc;
    } else {
        printf("%zu checked, %zu mismatched, %zu skipped\n", st.checked, st.mismatched, st.skipped);
    }
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
