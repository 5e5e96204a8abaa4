/* SPDX-License-Identifier: MIT */
/* yaml_json.c — YAML tree to JSON (yaml_json.h): the inputs of a run, written beside its results. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/yaml_json.h"

static json_t *scalar(const pl_ynode *n)
{
    const char *s = n->value ? n->value : "";
    if (n->quoted) return json_string(s);
    if (!*s || !strcmp(s, "~") || !strcmp(s, "null")) return json_null();
    if (!strcmp(s, "true")) return json_true();
    if (!strcmp(s, "false")) return json_false();
    char *end;
    errno = 0;
    long long i = strtoll(s, &end, 10);
    /* beyond 2^53 a JSON reader may round: such an integer (a seed) is kept as its text */
    if (!*end && !errno) return i > (1LL << 53) || i < -(1LL << 53) ? json_string(s) : json_integer((json_int_t)i);
    double x = strtod(s, &end);
    if (!*end && isfinite(x) && !errno) return json_real(x);
    return json_string(s);
}

json_t *pl_ynode_to_json(const pl_ynode *n)
{
    if (!n) return json_null();
    if (n->kind == PL_Y_SCALAR) return scalar(n);
    json_t *j = n->kind == PL_Y_MAP ? json_object() : json_array();
    if (!j) return NULL;
    for (size_t k = 0; k < n->n; k++) {
        json_t *c = pl_ynode_to_json(n->items[k]);
        if (!c || (n->kind == PL_Y_MAP ? json_object_set_new(j, n->keys[k]->value, c) : json_array_append_new(j, c))) {
            json_decref(j);
            return NULL;
        }
    }
    return j;
}
