/* SPDX-License-Identifier: MIT */
/* overrides.c — `--set PATH=VALUE` applied to a scenario's document, lists of `p` renormalised
 * (overrides.h says the rule and why). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/yaml_path.h"
#include "scenario/overrides.h"

int pl_override_split(const char *arg, char *path, size_t path_len, const char **value, pl_error *err)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return pl_error_set(err, PL_EINVAL, "--set '%s': expected PATH=VALUE, e.g. parties.DPRK.policy.opportunist.p=0.1",
                            arg);
    if ((size_t)(eq - arg) >= path_len)
        return pl_error_set(err, PL_EINVAL, "--set: the path is longer than %zu characters", path_len - 1);
    memcpy(path, arg, (size_t)(eq - arg));
    path[eq - arg] = 0;
    *value = eq + 1;
    return PL_OK;
}

static int log_add(pl_overrides *log, const char *path, const char *was, const char *now, int renorm,
                   const pl_ynode *at, pl_error *err)
{
    if (!log) return PL_OK;
    if (log->n == log->cap) {
        int cap = log->cap ? 2 * log->cap : 8;
        pl_override *e = pl_realloc(log->e, (size_t)cap * sizeof *e);
        if (!e) return pl_error_set(err, PL_ENOMEM, "out of memory recording an override");
        log->e = e, log->cap = cap;
    }
    pl_override *o = &log->e[log->n];
    o->path = pl_strdup(path), o->was = pl_strdup(was ? was : ""), o->now = pl_strdup(now);
    if (!o->path || !o->was || !o->now) {
        pl_free(o->path), pl_free(o->was), pl_free(o->now);
        return pl_error_set(err, PL_ENOMEM, "out of memory recording an override");
    }
    o->renormalised = renorm, o->line = at->line, o->col = at->col;
    log->n++;
    return PL_OK;
}

void pl_overrides_clear(pl_overrides *log)
{
    if (!log) return;
    for (int i = 0; i < log->n; i++) pl_free(log->e[i].path), pl_free(log->e[i].was), pl_free(log->e[i].now);
    pl_free(log->e);
    memset(log, 0, sizeof *log);
}

static int number(const pl_ynode *n, double *x)
{
    if (!n || n->kind != PL_Y_SCALAR || !n->value) return 0;
    char *end;
    errno = 0;
    *x = strtod(n->value, &end);
    return *n->value && !*end && !errno && isfinite(*x);
}

/* The list a `...ID.p` path's item belongs to, if it is a list of alternatives each with a `p`. */
static pl_ynode *alternatives(const pl_ydoc *doc, const char *path, char *list_path, size_t len)
{
    size_t n = strlen(path);
    if (n < 3 || strcmp(path + n - 2, ".p") || n - 2 >= len) return NULL;
    memcpy(list_path, path, n - 2);
    list_path[n - 2] = 0;
    char *dot = strrchr(list_path, '.');
    if (!dot) return NULL;
    *dot = 0;
    pl_ynode *l;
    pl_error e;
    if (pl_ypath_node(doc, list_path, &l, &e) || l->kind != PL_Y_SEQ || l->n < 2) return NULL;
    for (size_t k = 0; k < l->n; k++) {
        const pl_ynode *p = pl_ymap_get(l->items[k], "p");
        if (!p || p->kind != PL_Y_SCALAR) return NULL;
    }
    return l;
}

int pl_overrides_renormalise(pl_ydoc *doc, const char *const *paths, pl_ynode *const *nodes, int n, pl_overrides *log,
                             pl_error *err)
{
    for (int i = 0; i < n; i++) {
        char lp[PL_YPATH_MAX];
        pl_ynode *l = alternatives(doc, paths[i], lp, sizeof lp);
        if (!l) continue;
        int first = 1; /* each list once: at the first of its set values */
        for (int j = 0; j < i; j++) {
            char lp2[PL_YPATH_MAX];
            if (alternatives(doc, paths[j], lp2, sizeof lp2) == l) first = 0;
        }
        if (!first) continue;
        double set_sum = 0, free_sum = 0;
        int n_free = 0;
        for (size_t k = 0; k < l->n; k++) {
            pl_ynode *p = (pl_ynode *)pl_ymap_get(l->items[k], "p");
            int is_set = 0;
            for (int j = 0; j < n; j++) is_set |= nodes[j] == p;
            double x;
            if (!number(p, &x)) return PL_OK; /* not numbers: the loader says so, at the value */
            if (is_set)
                set_sum += x;
            else
                free_sum += x, n_free++;
        }
        if (!n_free) continue; /* every alternative set: the loader checks they add up to 1 */
        double target = 1 - set_sum;
        if (target < -1e-9)
            return pl_error_set(err, PL_EINVAL, "--set %s: the probabilities set in %s add up to %.15g, more than 1",
                                paths[i], lp, set_sum);
        if (target < 0) target = 0;
        if (free_sum <= 0 && target > 1e-12)
            return pl_error_set(err, PL_EINVAL,
                                "--set %s: the other alternatives of %s have probability 0, so they cannot be rescaled "
                                "to make up %.15g; set them too",
                                paths[i], lp, target);
        for (size_t k = 0; k < l->n; k++) {
            pl_ynode *p = (pl_ynode *)pl_ymap_get(l->items[k], "p");
            int is_set = 0;
            for (int j = 0; j < n; j++) is_set |= nodes[j] == p;
            if (is_set) continue;
            double x = 0;
            number(p, &x);
            char now[40], was[64], sib[PL_YPATH_MAX + 64];
            snprintf(now, sizeof now, "%.15g", free_sum > 0 ? x * target / free_sum : 0.0);
            snprintf(was, sizeof was, "%s", p->value);
            if (!strcmp(was, now)) continue;
            const pl_ynode *id = pl_ymap_get(l->items[k], "id");
            const pl_ynode *name = id ? id : l->items[k]->items[0];
            /* the sibling's own path: by its name when that names it alone, else by index */
            int alone = 1;
            for (size_t m = 0; m < l->n; m++) {
                const pl_ynode *o = pl_ymap_get(l->items[m], "id");
                o = o ? o : l->items[m]->items[0];
                if (m != k && o->kind == PL_Y_SCALAR && name->kind == PL_Y_SCALAR && !strcmp(o->value, name->value))
                    alone = 0;
            }
            if (alone && name->kind == PL_Y_SCALAR)
                snprintf(sib, sizeof sib, "%s.%s.p", lp, name->value);
            else
                snprintf(sib, sizeof sib, "%s.%zu.p", lp, k);
            int rc = pl_ynode_set_text(p, now, err);
            if (!rc) rc = log_add(log, sib, was, now, 1, p, err);
            if (rc) return rc;
        }
    }
    return PL_OK;
}

int pl_overrides_apply(pl_ydoc *doc, const char *const *sets, int n, pl_overrides *log, pl_error *err)
{
    if (n <= 0) return PL_OK;
    char(*paths)[PL_YPATH_MAX] = pl_calloc((size_t)n, PL_YPATH_MAX);
    const char **pp = pl_calloc((size_t)n, sizeof *pp);
    pl_ynode **nodes = pl_calloc((size_t)n, sizeof *nodes);
    int rc = (!paths || !pp || !nodes) ? pl_error_set(err, PL_ENOMEM, "out of memory applying --set") : PL_OK;
    for (int i = 0; !rc && i < n; i++) {
        const char *value = NULL;
        if ((rc = pl_override_split(sets[i], paths[i], PL_YPATH_MAX, &value, err))) break;
        pp[i] = paths[i];
        if (strchr(paths[i], '*')) {
            rc = pl_error_set(err, PL_EINVAL, "--set %s: '*' names many values; --set changes one (sensitivity "
                              "ranges may scale many)", paths[i]);
            break;
        }
        pl_error e;
        if ((rc = pl_ypath_node(doc, paths[i], &nodes[i], &e))) {
            pl_error_set(err, rc, "--set %s", e.msg);
            break;
        }
        if (nodes[i]->kind != PL_Y_SCALAR) {
            rc = pl_error_set(err, PL_EINVAL, "--set %s: names %s, not a value; give a path to one of its entries",
                              paths[i], nodes[i]->kind == PL_Y_MAP ? "a map" : "a list");
            break;
        }
        for (int j = 0; j < i; j++)
            if (nodes[j] == nodes[i]) {
                rc = pl_error_set(err, PL_EINVAL, "--set %s: the same value is set twice", paths[i]);
                break;
            }
        if (rc) break;
        char *was = pl_strdup(nodes[i]->value ? nodes[i]->value : "");
        if (!was) rc = pl_error_set(err, PL_ENOMEM, "out of memory applying --set");
        if (!rc) rc = pl_ynode_set_text(nodes[i], value, err);
        if (!rc) rc = log_add(log, paths[i], was, value, 0, nodes[i], err);
        pl_free(was);
    }
    if (!rc) rc = pl_overrides_renormalise(doc, pp, nodes, n, log, err);
    pl_free(paths), pl_free(pp), pl_free(nodes);
    return rc;
}

const char *pl_overrides_blame(const pl_overrides *log, const char *msg, const char *file, char *buf, size_t len)
{
    buf[0] = 0;
    if (!log || !msg || !file) return buf;
    for (int i = 0; i < log->n; i++) {
        char at[64 + 4096];
        snprintf(at, sizeof at, "%s:%d:%d:", file, log->e[i].line, log->e[i].col);
        if (strstr(msg, at)) {
            snprintf(buf, len, " (the value %s by %s%s)", log->e[i].renormalised ? "rescaled after" : "set",
                     log->e[i].renormalised ? "--set on " : "--set ", log->e[i].path);
            return buf;
        }
    }
    return buf;
}
