/* scenario.h — inside the library: what a scenario kind's runner sees.
 *
 * The public side (parley/scenario.h) opens a file and reads its kind; here a
 * runner gets the loaded document.  scenario_kinds.def is the one table of kinds:
 * each line names a kind, its runner and a summary, and both `parley run` and
 * `parley play` find a kind through it. */
#ifndef PL_SCENARIO_H
#define PL_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "parley/scenario.h"
#include "io/yaml_doc.h"

/* A runner: doc is loaded and its `kind` checked.  Returns 0, or a pl_status with err set. */
typedef int (*pl_scenario_runner)(const pl_ydoc *doc, const pl_run_options *opt, FILE *summary, pl_error *err);

/* The document of an open scenario (the domains' loaders read it). */
const pl_ydoc *pl_scenario_doc(const pl_scenario *s);

#endif
