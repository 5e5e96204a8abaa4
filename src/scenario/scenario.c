/* scenario.c — opens a scenario file, reads its kind, hands it to the runner for its kind.
 *
 * The one place a scenario file is opened: `parley run` and `parley play` (and any
 * program on the library) get the same checks and the same errors. */
#include <string.h>

#include "core/alloc.h"
#include "scenario/scenario.h"

#define PL_SCENARIO_KIND(k, fn, text) int fn(const pl_ydoc *, const pl_run_options *, FILE *, pl_error *);
#include "scenario/scenario_kinds.def"
#undef PL_SCENARIO_KIND

typedef struct scenario_kind {
    const char *kind;
    pl_scenario_runner run;
    const char *summary;
} scenario_kind;

static const scenario_kind kinds[] = {
#define PL_SCENARIO_KIND(k, fn, text) {k, fn, text},
#include "scenario/scenario_kinds.def"
#undef PL_SCENARIO_KIND
};
#define N_KINDS (int)(sizeof kinds / sizeof kinds[0])

struct pl_scenario {
    pl_ydoc *doc;
    const scenario_kind *kind;
};

void pl_run_options_default(pl_run_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->threads = 1;
}

const char *pl_scenario_kind_name(int i, const char **summary)
{
    if (i < 0 || i >= N_KINDS) return NULL;
    if (summary) *summary = kinds[i].summary;
    return kinds[i].kind;
}

int pl_scenario_open(pl_scenario **out, const char *path, pl_error *err)
{
    *out = NULL;
    pl_ydoc *doc;
    int rc = pl_ydoc_load(&doc, path, err);
    if (rc) return rc;
    if (!doc->root || doc->root->kind != PL_Y_MAP) {
        rc = pl_yerr(doc, doc->root, err, "a scenario must be a map of keys, starting with 'kind:'");
        pl_ydoc_free(doc);
        return rc;
    }
    const char *kind;
    if ((rc = pl_yget_str(doc, doc->root, "kind", 1, &kind, err))) {
        pl_ydoc_free(doc);
        return rc;
    }
    for (int i = 0; i < N_KINDS; i++)
        if (!strcmp(kinds[i].kind, kind)) {
            pl_scenario *s = pl_calloc(1, sizeof *s);
            if (!s) {
                pl_ydoc_free(doc);
                return pl_error_set(err, PL_ENOMEM, "out of memory opening %s", path);
            }
            s->doc = doc;
            s->kind = &kinds[i];
            *out = s;
            return PL_OK;
        }
    char list[256] = "";
    size_t n = 0;
    for (int i = 0; i < N_KINDS && n < sizeof list; i++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", kinds[i].kind);
    rc = pl_yerr(doc, pl_ymap_get(doc->root, "kind"), err, "unknown scenario kind '%s'; expected one of: %s", kind,
                 n ? list : "(none built)");
    pl_ydoc_free(doc);
    return rc;
}

void pl_scenario_free(pl_scenario *s)
{
    if (!s) return;
    pl_ydoc_free(s->doc);
    pl_free(s);
}

const char *pl_scenario_kind(const pl_scenario *s) { return s->kind->kind; }
const char *pl_scenario_path(const pl_scenario *s) { return s->doc->path; }
const pl_ydoc *pl_scenario_doc(const pl_scenario *s) { return s->doc; }

int pl_scenario_run(const pl_scenario *s, const pl_run_options *opt, FILE *summary, pl_error *err)
{
    return s->kind->run(s->doc, opt, summary, err);
}
