// SPDX-License-Identifier: MIT
/* fuzz_events.c — libFuzzer target: a dated events CSV (date,actor,kind,event,intensity,unit,
 * source), the file an N-party scenario's `events:` names, read and analysed. */
#include "fuzz_input.h"
#include "nparty/nparty_events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_as_file(data, size, path, sizeof path);
    if (fd < 0) return 0;
    pl_error err;
    np_events *e = NULL;
    if (np_events_load(path, 30, &e, &err) == 0) np_events_free(e);
    close(fd);
    return 0;
}
