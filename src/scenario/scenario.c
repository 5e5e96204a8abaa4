/* scenario.c — loads a scenario file and hands it to the runner for its kind. */
#include <string.h>

#include "scenario/scenario.h"

#define PL_SCENARIO_KIND(k, fn, text) int fn(const pl_ydoc *, const pl_run_options *, FILE *, pl_error *);
#include "scenario/scenario_kinds.def"
#undef PL_SCENARIO_KIND

const pl_scenario_kind pl_scenario_kinds[] = {
#define PL_SCENARIO_KIND(k, fn, text) {k, fn, text},
#include "scenario/scenario_kinds.def"
#undef PL_SCENARIO_KIND
    {NULL, NULL, NULL}};

int pl_scenario_run_file(const char *path, const pl_run_options *opt, FILE *summary, pl_error *err)
{
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
    for (const pl_scenario_kind *k = pl_scenario_kinds; k->kind; k++)
        if (!strcmp(k->kind, kind)) {
            rc = k->run(doc, opt, summary, err);
            pl_ydoc_free(doc);
            return rc;
        }
    char list[256] = "";
    size_t n = 0;
    for (const pl_scenario_kind *k = pl_scenario_kinds; k->kind && n < sizeof list; k++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k == pl_scenario_kinds ? "" : ", ", k->kind);
    rc = pl_yerr(doc, pl_ymap_get(doc->root, "kind"), err, "unknown scenario kind '%s'; expected one of: %s", kind,
                 n ? list : "(none built)");
    pl_ydoc_free(doc);
    return rc;
}
