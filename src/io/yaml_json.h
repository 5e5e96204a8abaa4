/* SPDX-License-Identifier: MIT */
/* yaml_json.h — a YAML tree as JSON, so that a results file can carry the inputs it was computed from.
 *
 * results.json holds the scenario as it was run (after every `--set`), so that results can be
 * checked without the YAML file.  Scalars that read as numbers become JSON numbers (integers beyond
 * 2^53, which JSON readers may round, stay text, as results.json writes seeds), true/false booleans,
 * null/~ null, the rest strings; quoted scalars stay strings. */
#ifndef PL_IO_YAML_JSON_H
#define PL_IO_YAML_JSON_H

#include <jansson.h>

#include "io/yaml_doc.h"

/* A new JSON value for the node (NULL node: JSON null); NULL only when out of memory. */
json_t *pl_ynode_to_json(const pl_ynode *n);

#endif
