// SPDX-License-Identifier: MIT
/* agreement_testing.h — the set-up the agreement unit tests share (header only, included by
 * test_agreement_behaviour.c, test_agreement_events.c): a scenario from text, a text that must
 * fail to load, one run of it, and the public state of a run before its first period. */
#ifndef PL_AGREEMENT_TESTING_H
#define PL_AGREEMENT_TESTING_H

#include <stdio.h>
#include <string.h>

#include "parley/parley.h"
#include "core/alloc.h"
#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "io/yaml_doc.h"

/* A scenario from YAML text; any error fails the test. */
static inline pl_agreement *ag_load_text(const char *text)
{
    pl_error err;
    pl_ydoc *d;
    if (pl_ydoc_load_string(&d, "test.yaml", text, strlen(text), &err)) fail_msg("%s", err.msg);
    pl_agreement *a;
    if (pl_agreement_from_doc(d, &a, &err)) fail_msg("%s", err.msg);
    pl_ydoc_free(d);
    return a;
}

/* A scenario from YAML text (*a) compiled as written (variant -1): pl_free the compiled form. */
static inline pl_ag_compiled *ag_compile_text(const char *text, pl_agreement **a)
{
    *a = ag_load_text(text);
    pl_ag_compiled *c = pl_malloc(sizeof *c);
    assert_non_null(c);
    pl_ag_compile(*a, -1, c);
    return c;
}

/* A shipped file with every `paid: once` read as `paid: as_delivered` (the Agreed Framework's fuel oil
 * and reactors): the other reading of its payments, for the tests that play every shipped file. */
static inline pl_agreement *ag_load_as_delivered(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("%s: cannot open", path);
    static char text[1 << 17], out[(1 << 17) + 4096];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    size_t o = 0;
    int found = 0;
    for (const char *p = text; *p && o < sizeof out - 32;) {
        if (!strncmp(p, "paid: once", 10)) {
            o += (size_t)snprintf(out + o, sizeof out - o, "paid: as_delivered"), p += 10, found++;
            continue;
        }
        out[o++] = *p++;
    }
    out[o] = 0;
    if (!found) fail_msg("%s: no 'paid: once' to read otherwise", path);
    return ag_load_text(out);
}

/* Loads text that should be refused: its status (0 if it loaded), the message in err. */
static inline int ag_load_error(const char *text, pl_error *err)
{
    pl_ydoc *d;
    if (pl_ydoc_load_string(&d, "bad.yaml", text, strlen(text), err)) return 1;
    pl_agreement *a = NULL;
    int rc = pl_agreement_from_doc(d, &a, err);
    pl_ydoc_free(d);
    pl_agreement_free(a);
    return rc;
}

/* One run (run 0 of `seed`) of the scenario as written (no variant): compiled into *c, played into *o. */
static inline void ag_run_once(const pl_agreement *a, uint64_t seed, pl_ag_compiled *c, pl_ag_outcome *o)
{
    pl_ag_compile(a, -1, c);
    pl_ag_draws d;
    pl_ag_draw(c, seed, 0, &d);
    pl_ag_run(c, &d, o, NULL);
}

/* The public state before period 0: clocks and the prior beliefs. */
static inline void ag_fresh_state(const pl_ag_compiled *c, pl_ag_state *st)
{
    memset(st, 0, sizeof *st);
    pl_ag_time_init(c, st);
    pl_ag_beliefs_init(c, st);
}

#endif
