/* SPDX-License-Identifier: MIT */
/* overrides.h — `--set PATH=VALUE`: a scenario's assumptions changed without editing its file.
 *
 * Overrides are applied to the parsed document before the scenario's kind reads it, so every
 * kind accepts them and every value set goes through the same checks as a written one.  Paths
 * are those of io/yaml_path.h.  One convention of every scenario kind is known here: a list of
 * alternatives, each with a probability `p` (a party's policy types).  Setting some of the `p`
 * of such a list rescales the others in proportion, so that the list still adds up to what it
 * did (1) and the ratios between the alternatives not set are kept; the summary and results
 * record each such change as a renormalisation.  Set probabilities that alone exceed the total
 * are refused.
 *
 * The same mechanism moves the assumptions of the sensitivity analyses (sensitivity.c): a
 * parameter there is a path, or a scale applied to every value some paths name. */
#ifndef PL_SCENARIO_OVERRIDES_H
#define PL_SCENARIO_OVERRIDES_H

#include <stdio.h>

#include "io/yaml_doc.h"

/* One value changed: by a --set (renormalised = 0), or rescaled with its list (1). */
typedef struct pl_override {
    char *path;          /* as given, or the sibling's path for a renormalisation */
    char *was, *now;     /* the text before and after */
    int renormalised;
    int line, col;       /* where the value is in the file */
} pl_override;

typedef struct pl_overrides {
    int n, cap;
    pl_override *e;
} pl_overrides;

/* Splits "PATH=VALUE" (the text after the first '='); PL_EINVAL naming the flag otherwise. */
int pl_override_split(const char *arg, char *path, size_t path_len, const char **value, pl_error *err);

/* Applies n "PATH=VALUE" texts to the document, then renormalises the lists of `p` they touched.
 * The log (may be NULL) receives every value changed, in order.  PL_EINVAL with "--set PATH: ..."
 * for an unknown path (closest suggested), a path naming a list or map, or a path with '*'. */
int pl_overrides_apply(pl_ydoc *doc, const char *const *sets, int n, pl_overrides *log, pl_error *err);

/* After setting the scalar nodes nodes[0..n) (paths[i] the path of each), rescales the other `p`
 * of each list of alternatives they belong to (see above).  Used by pl_overrides_apply and by the
 * sensitivity analyses; log may be NULL. */
int pl_overrides_renormalise(pl_ydoc *doc, const char *const *paths, pl_ynode *const *nodes, int n, pl_overrides *log,
                             pl_error *err);

/* " (the value set by --set PATH)" when an error message points at a value an override set, else "". */
const char *pl_overrides_blame(const pl_overrides *log, const char *msg, const char *path_of_file, char *buf,
                               size_t len);

void pl_overrides_clear(pl_overrides *log);

/* The overrides as the summary's opening lines (nothing when there are none), and as a JSON array
 * of {path, value, file_value, renormalised} (scenario.c). */
void pl_overrides_print(FILE *f, const pl_overrides *log);
struct json_t *pl_overrides_json(const pl_overrides *log);

#endif
