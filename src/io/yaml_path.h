/* SPDX-License-Identifier: MIT */
/* yaml_path.h — naming a value inside a YAML tree by a path of keys and ids, and replacing it.
 *
 * `parley run --set parties.DPRK.policy.opportunist.p=0.1` and the sensitivity analyses vary the
 * numbers of a scenario without editing its file: the value is replaced in the parsed tree, and
 * the scenario's own loader then reads it with every check it applies to a written value.  So one
 * mechanism serves every kind of scenario, and this layer knows no domain.
 *
 * A path is segments separated by dots.  In a map a segment is a key.  In a list it names an
 * item: the item whose `id:` is that text, else whose first key's value is that text (so
 * `policy.opportunist` is the item `{policy: opportunist, p: 0.2}`), else, for digits, the item
 * at that 0-based index.  A segment `*` stands for every key of a map or every item of a list;
 * a path with `*` names every scalar it reaches (at least one), skipping entries that lack the
 * rest of the path.  A path that ends at a map with a `default:` value names that value (a number
 * written by party, {default: 1, DPRK: 2}: the number of every party not named).  Unknown keys and ids are errors that list what exists and suggest the
 * closest. */
#ifndef PL_IO_YAML_PATH_H
#define PL_IO_YAML_PATH_H

#include <stddef.h>

#include "io/yaml_doc.h"

/* The longest path, and the most scalars one path may name. */
#define PL_YPATH_MAX 256
#define PL_YPATH_MAX_MATCHES 1024

/* The scalar nodes `path` names, in document order, into out[0..max); *n is how many.
 * PL_EINVAL with "path 'P': ..." when a segment is unknown (with the closest), ambiguous,
 * names a list or map where a value was expected, or (with '*') matches nothing. */
int pl_ypath_resolve(const pl_ydoc *d, const char *path, pl_ynode **out, size_t max, size_t *n, pl_error *err);

/* The one node (value, list or map) a path without '*' names (a map with `default:` is the map). */
int pl_ypath_node(const pl_ydoc *d, const char *path, pl_ynode **out, pl_error *err);

/* The value a node stands for at the end of a path: for a map with a `default:` value (a number
 * written by party, {default: 1, DPRK: 2}), that default; else the node itself.  The one rule both
 * the paths here and the overrides (scenario/overrides.h) follow. */
pl_ynode *pl_ypath_value_of(pl_ynode *node);

/* Replaces the text of a scalar node (it becomes an unquoted scalar, read like any written one).
 * PL_EINVAL for a node that is not a scalar, PL_ENOMEM. */
int pl_ynode_set_text(pl_ynode *node, const char *text, pl_error *err);

#endif
