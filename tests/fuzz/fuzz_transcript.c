// SPDX-License-Identifier: MIT
/* fuzz_transcript.c — libFuzzer target: a transcripts file for `parley check-transcripts` (JSON
 * lines, plain or gzip), each match replayed and compared. */
#include "fuzz_input.h"
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_as_file(data, size, path, sizeof path);
    if (fd < 0) return 0;
    pl_error err;
    pl_transcript_stats st = {0};
    pl_transcript_check_file(path, &st, NULL, NULL, &err);
    close(fd);
    return 0;
}
