// SPDX-License-Identifier: MIT
/* fuzz_scenario.c — libFuzzer target: a scenario file of any kind, read and validated as
 * `parley run` and `parley play` read it (YAML tree, kind, the agreement or N-party model with
 * its record, policies, profiles, dates).  Nothing is simulated: the loaders are the target. */
#include <string.h>

#include "fuzz_input.h"
#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_as_file(data, size, path, sizeof path);
    if (fd < 0) return 0;
    pl_error err;
    pl_scenario *s = NULL;
    if (pl_scenario_open(&s, path, &err) == 0) {
        const char *kind = pl_scenario_kind(s);
        if (!strcmp(kind, "agreement")) {
            pl_agreement *a = NULL;
            if (pl_agreement_load(&a, path, &err) == 0) pl_agreement_free(a);
        } else if (!strcmp(kind, "nparty")) {
            pl_nscenario *m = NULL;
            if (pl_nscenario_load(&m, s, &err) == 0) pl_nscenario_free(m);
        }
        pl_scenario_free(s);
    }
    close(fd);
    return 0;
}
