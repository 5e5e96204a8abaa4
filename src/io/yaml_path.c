/* SPDX-License-Identifier: MIT */
/* yaml_path.c — resolve a dotted path of keys and ids to scalar nodes of a YAML tree (yaml_path.h).
 *
 * The walk goes one segment at a time; a `*` fans out over every entry.  Without `*` every
 * segment must exist, and an error says which segment of which prefix is unknown, what exists
 * there, and the closest name (pl_yclosest, the same suggestion the loaders make). */
#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "io/yaml_path.h"

typedef struct walk {
    const char *path;
    char text[PL_YPATH_MAX];             /* the path with each dot made a '\0' */
    const char *seg[PL_YPATH_MAX / 2 + 1]; /* its segments, in text (a path of 255 chars has at most 128) */
    int n_seg;
    pl_ynode **out;
    size_t max, n;
    int wild;            /* the path has a '*': missing entries are skipped, not errors */
    int any;             /* pl_ypath_node: the last segment may name a list or map */
    pl_error *err;
} walk;

static const char *kind_word(pl_ykind k) { return k == PL_Y_MAP ? "a map" : k == PL_Y_SEQ ? "a list" : "a value"; }

/* The prefix of the path before segment i, for messages ("parties.DPRK"; "the top" for none). */
static void prefix(const walk *w, int i, char *buf, size_t len)
{
    size_t k = 0;
    buf[0] = 0;
    for (int j = 0; j < i && k < len; j++) k += (size_t)snprintf(buf + k, len - k, "%s%s", j ? "." : "", w->seg[j]);
    if (!i) snprintf(buf, len, "the top level");
}

/* What names an item of a list: its `id`, else the value of its first key; NULL for neither. */
static const char *item_name(const pl_ynode *item)
{
    if (item->kind != PL_Y_MAP || !item->n) return NULL;
    const pl_ynode *id = pl_ymap_get(item, "id");
    if (id && id->kind == PL_Y_SCALAR) return id->value;
    return item->items[0]->kind == PL_Y_SCALAR ? item->items[0]->value : NULL;
}

/* "no X in P (did you mean Y?); it has: a, b, c" */
static int unknown(walk *w, int i, const pl_ynode *at, const char *what)
{
    const char *names[64];
    size_t nn = 0;
    for (size_t k = 0; k < at->n && nn < 64; k++) {
        const char *s = at->kind == PL_Y_MAP ? at->keys[k]->value : item_name(at->items[k]);
        if (s) names[nn++] = s;
    }
    char list[400] = "", pre[300];
    size_t len = 0;
    for (size_t k = 0; k < nn && len < sizeof list; k++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "", names[k]);
    prefix(w, i, pre, sizeof pre);
    const char *best = pl_yclosest(w->seg[i], names, nn);
    char hint[128] = "";
    if (best) snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
    return pl_error_set(w->err, PL_EINVAL, "path '%s': no %s '%s' in %s%s; %s: %s", w->path, what, w->seg[i], pre,
                        hint, at->kind == PL_Y_MAP ? "its keys are" : "its items are", nn ? list : "(none)");
}

static int step(walk *w, int i, pl_ynode *at);

static int visit(walk *w, int i, pl_ynode *child)
{
    if (i + 1 < w->n_seg) return step(w, i + 1, child);
    if (!w->any) child = pl_ypath_value_of(child); /* a map by party: its default */
    if (child->kind != PL_Y_SCALAR && !w->any) {
        if (w->wild) return PL_OK; /* '*' over entries of mixed shapes: only the values count */
        char pre[300];
        prefix(w, w->n_seg, pre, sizeof pre);
        return pl_error_set(w->err, PL_EINVAL, "path '%s': %s is %s, not a value; give a path to one of its entries",
                            w->path, pre, kind_word(child->kind));
    }
    if (w->n == w->max)
        return pl_error_set(w->err, PL_EINVAL, "path '%s': names more than %zu values", w->path, w->max);
    w->out[w->n++] = child;
    return PL_OK;
}

static int step(walk *w, int i, pl_ynode *at)
{
    const char *s = w->seg[i];
    if (at->kind == PL_Y_SCALAR) {
        if (w->wild) return PL_OK;
        char pre[300];
        prefix(w, i, pre, sizeof pre);
        return pl_error_set(w->err, PL_EINVAL, "path '%s': %s is a value ('%s'); nothing is inside it to name '%s'",
                            w->path, pre, at->value ? at->value : "", s);
    }
    if (!strcmp(s, "*")) {
        for (size_t k = 0; k < at->n; k++) {
            int rc = visit(w, i, at->items[k]);
            if (rc) return rc;
        }
        return PL_OK;
    }
    if (at->kind == PL_Y_MAP) {
        for (size_t k = 0; k < at->n; k++)
            if (!strcmp(at->keys[k]->value, s)) return visit(w, i, at->items[k]);
        return w->wild ? PL_OK : unknown(w, i, at, "key");
    }
    /* a list: by id, else by the first key's value, else by index */
    size_t found = at->n, count = 0;
    for (size_t k = 0; k < at->n; k++) {
        const char *name = item_name(at->items[k]);
        if (name && !strcmp(name, s)) {
            if (!count) found = k;
            count++;
        }
    }
    if (count > 1) {
        char pre[300];
        prefix(w, i, pre, sizeof pre);
        return pl_error_set(w->err, PL_EINVAL, "path '%s': %zu items of %s are named '%s'; name one by its index (0 to %zu)",
                            w->path, count, pre, s, at->n - 1);
    }
    if (!count) {
        int digits = *s != 0;
        for (const char *c = s; *c; c++) digits &= isdigit((unsigned char)*c) != 0;
        if (digits && strlen(s) < 9 && (size_t)atoi(s) < at->n) found = (size_t)atoi(s);
    }
    if (found < at->n) return visit(w, i, at->items[found]);
    return w->wild ? PL_OK : unknown(w, i, at, "item");
}

static int resolve(const pl_ydoc *d, const char *path, int any, pl_ynode **out, size_t max, size_t *n, pl_error *err)
{
    *n = 0;
    walk wk = {0}, *w = &wk; /* about 1.3 kB: on the stack (a walk once held 64 kB of segments, allocated and
                              * freed for every path resolved, which a sensitivity analysis does thousands of times) */
    w->path = path, w->out = out, w->max = max, w->err = err, w->any = any;
    size_t len = strlen(path);
    int rc = PL_OK;
    if (!len || len >= PL_YPATH_MAX)
        rc = pl_error_set(err, PL_EINVAL, "path '%s': expected keys and ids separated by dots, at most %d characters",
                          path, PL_YPATH_MAX - 1);
    if (!rc) memcpy(w->text, path, len + 1);
    for (char *p = w->text; !rc;) {
        char *dot = strchr(p, '.');
        if (dot == p || !*p) {
            rc = pl_error_set(err, PL_EINVAL, "path '%s': an empty segment (two dots, or a dot at an end)", path);
            break;
        }
        if (dot) *dot = 0;
        w->seg[w->n_seg] = p;
        if (!strcmp(p, "*")) w->wild = 1;
        w->n_seg++;
        if (!dot) break;
        p = dot + 1;
    }
    if (!rc && any && w->wild) rc = pl_error_set(err, PL_EINVAL, "path '%s': '*' cannot name one entry", path);
    if (!rc && (!d->root || d->root->kind == PL_Y_SCALAR))
        rc = pl_error_set(err, PL_EINVAL, "path '%s': the document has no keys", path);
    if (!rc) rc = step(w, 0, d->root);
    if (!rc && !w->n) rc = pl_error_set(err, PL_EINVAL, "path '%s': names no value in %s", path, d->path);
    *n = rc ? 0 : w->n;
    return rc;
}

int pl_ypath_resolve(const pl_ydoc *d, const char *path, pl_ynode **out, size_t max, size_t *n, pl_error *err)
{
    return resolve(d, path, 0, out, max, n, err);
}

int pl_ypath_node(const pl_ydoc *d, const char *path, pl_ynode **out, pl_error *err)
{
    size_t n;
    return resolve(d, path, 1, out, 1, &n, err);
}

pl_ynode *pl_ypath_value_of(pl_ynode *node)
{
    const pl_ynode *def = node && node->kind == PL_Y_MAP ? pl_ymap_get(node, "default") : NULL;
    return def && def->kind == PL_Y_SCALAR ? (pl_ynode *)def : node;
}

int pl_ynode_set_text(pl_ynode *node, const char *text, pl_error *err)
{
    if (!node || node->kind != PL_Y_SCALAR)
        return pl_error_set(err, PL_EINVAL, "only a value (not a list or map) can be replaced");
    char *copy = pl_strdup(text);
    if (!copy) return pl_error_set(err, PL_ENOMEM, "out of memory replacing a value");
    pl_free(node->value);
    node->value = copy;
    node->quoted = 0;
    return PL_OK;
}
