// SPDX-License-Identifier: MIT
/* fuzz_set.c — libFuzzer target: the overrides `--set PATH=VALUE` on a shipped scenario, as `parley
 * run`, fit, design and sensitivity take them (parley/scenario.h, pl_scenario_set: paths of keys and
 * ids, the closest name suggested, lists of `p` renormalised, defaults a path may reach), then the
 * model read from the changed document (pl_agreement_from_scenario, pl_nscenario_load), whose errors
 * name the --set that caused them.  Nothing is simulated.
 *
 * The input is lines: an optional first line "@STEM" names the scenario (scenarios/KIND/STEM.yaml
 * or tests/resources/two_step_breakeven.yaml), else its first byte picks one; every other line is one
 * override, except that a line "~PATH=LO:HI" is a `--range` and "=A,B" a `--compare`: with a range
 * given, the sensitivity analysis runs too, at 2 runs a point (pl_sensitivity_run_file: the ranges'
 * parser, the points' overrides, the tables and texts).  An error must say something: an empty
 * message aborts (the project's rule is a clear error, never a silent one). */
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/agreement.h"
#include "parley/error.h"
#include "parley/nscenario.h"
#include "parley/scenario.h"
#include "parley/sensitivity.h"

#define MAX_SETS 16

static glob_t files;
static FILE *null_out;

static void once(void)
{
    if (null_out) return;
    null_out = fopen("/dev/null", "w");
    if (glob("scenarios/*/*.yaml", 0, NULL, &files) != 0 ||
        glob("tests/resources/two_step_breakeven.yaml", GLOB_APPEND, NULL, &files) != 0 || !null_out) {
        fprintf(stderr, "fuzz_set: run from the repository's root (no scenarios/*/*.yaml here)\n");
        abort();
    }
}

static const char *pick(const char *stem, size_t len, unsigned byte)
{
    if (stem) /* "@six-party-2007": the file whose name is STEM.yaml */
        for (size_t i = 0; i < files.gl_pathc; i++) {
            const char *p = files.gl_pathv[i], *base = strrchr(p, '/');
            base = base ? base + 1 : p;
            if (strlen(base) == len + 5 && !strncmp(base, stem, len) && !strcmp(base + len, ".yaml")) return p;
        }
    return files.gl_pathv[byte % files.gl_pathc];
}

static void said(const pl_error *err)
{
    if (!err->msg[0]) {
        fprintf(stderr, "fuzz_set: an error without a message\n");
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    once();
    if (size == 0 || size > 4096) return 0;
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    const char *sets[MAX_SETS], *ranges[MAX_SETS], *compare = NULL;
    int n = 0, n_ranges = 0;
    const char *stem = NULL;
    size_t stem_len = 0;
    char *line = text;
    for (int first = 1; line && n < MAX_SETS && n_ranges < MAX_SETS; first = 0) {
        char *next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (first && line[0] == '@')
            stem = line + 1, stem_len = strlen(stem);
        else if (line[0] == '~')
            ranges[n_ranges++] = line + 1;
        else if (line[0] == '=')
            compare = line + 1;
        else
            sets[n++] = line;
        line = next;
    }
    const char *path = pick(stem, stem_len, data[0]);
    pl_error err = {0};
    pl_scenario *s = NULL;
    if (pl_scenario_open(&s, path, &err) != 0) { /* a shipped file: it opens */
        fprintf(stderr, "fuzz_set: %s does not open: %s\n", path, err.msg);
        abort();
    }
    if (pl_scenario_set(s, sets, n, &err) == 0) {
        pl_scenario_print_overrides(null_out, s);
        const char *kind = pl_scenario_kind(s);
        if (!strcmp(kind, "agreement")) {
            pl_agreement *a = NULL;
            if (pl_agreement_from_scenario(&a, s, &err) == 0)
                pl_agreement_free(a);
            else
                said(&err);
        } else if (!strcmp(kind, "nparty")) {
            pl_nscenario *m = NULL;
            if (pl_nscenario_load(&m, s, &err) == 0)
                pl_nscenario_free(m);
            else
                said(&err);
        }
    } else
        said(&err);
    pl_scenario_free(s);
    if (n_ranges) {
        pl_sensitivity_config cfg;
        pl_sensitivity_config_default(&cfg);
        cfg.runs = 2, cfg.seed = 1, cfg.seed_given = 1, cfg.bisect_steps = 1, cfg.bootstrap = 10;
        cfg.sets = sets, cfg.n_sets = n, cfg.ranges = ranges, cfg.n_ranges = n_ranges, cfg.compare = compare;
        pl_error serr = {0};
        if (pl_sensitivity_run_file(path, &cfg, null_out, &serr) != 0) said(&serr);
    }
    free(text);
    return 0;
}
