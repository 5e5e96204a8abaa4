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

static int log_add(pl_overrides *log, const char *path, const char *was, const char *now, int renorm, int added,
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
    o->renormalised = renorm, o->added = added, o->line = at->line, o->col = at->col;
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

pl_overrides *pl_overrides_copy(const pl_overrides *log)
{
    pl_overrides *c = pl_calloc(1, sizeof *c);
    pl_error e;
    for (int i = 0; c && i < log->n; i++) {
        const pl_override *o = &log->e[i];
        const pl_ynode at = {.line = o->line, .col = o->col};
        if (log_add(c, o->path, o->was, o->now, o->renormalised, o->added, &at, &e)) {
            pl_overrides_clear(c);
            pl_free(c), c = NULL;
        }
    }
    return c;
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
            if (!rc) rc = log_add(log, sib, was, now, 1, 0, p, err);
            if (rc) return rc;
        }
    }
    return PL_OK;
}

/* ---- a value the file leaves out (overrides.h) ------------------------------------------- */

/* The node of a path's prefix of k segments (the root for none), or NULL. */
static pl_ynode *prefix_node(const pl_ydoc *doc, const char *path, int k)
{
    char pre[PL_YPATH_MAX];
    const char *end = path;
    for (int i = 0; i < k; i++) {
        end = strchr(end, '.');
        if (!end) return NULL;
        if (i + 1 < k) end++;
    }
    if (!k) return doc->root;
    snprintf(pre, sizeof pre, "%.*s", (int)(end - path), path);
    pl_ynode *n;
    pl_error e;
    return pl_ypath_node(doc, pre, &n, &e) ? NULL : n;
}

/* Segment k of a path into buf. */
static const char *segment(const char *path, int k, char *buf, size_t len)
{
    const char *p = path;
    for (int i = 0; i < k && p; i++) p = strchr(p, '.'), p = p ? p + 1 : NULL;
    const char *dot = p ? strchr(p, '.') : NULL;
    snprintf(buf, len, "%.*s", p ? (int)(dot ? (size_t)(dot - p) : strlen(p)) : 0, p ? p : "");
    return buf;
}

/* map[key] made by an override (a value or, for NULL text, an empty map): at no place in the file
 * (line 0, column 1 + the index of the --set or range), with who made it as its origin and its key's,
 * so that an error the loader reports at it names the override (yaml_doc.h: pl_yerr). */
static pl_ynode *made(pl_ynode *map, const char *key, const char *text, const pl_override_who *who, int how)
{
    pl_ynode *v = pl_ymap_add(map, key, text, 0, who->at + 1);
    const char *note = !who->say_how ? NULL
                       : how == PL_OVERRIDE_BY_PARTY ? "(a party's entry; the file writes one number for all)"
                                                     : "(a key the file leaves to its default)";
    if (v && (pl_ynode_set_origin(v, who->origin, note, who->input) ||
              pl_ynode_set_origin(map->keys[map->n - 1], who->origin, note, who->input)))
        return NULL; /* out of memory: the run stops */
    return v;
}

/* `KEY.PARTY` below a key whose loader takes one number or a map by party (pl_ydoc_note_by_party,
 * noted in the evaluated copy c): the number becomes {default: OLD, PARTY: value}, or the map gains
 * PARTY.  *node is set when the path is of that form, left NULL when it is not. */
static int by_party(pl_ydoc *doc, const pl_ydoc *c, const char *path, int n_seg, const char *value,
                    const pl_override_who *who, pl_ynode **node, char *was, size_t was_len, pl_error *err)
{
    if (n_seg < 2) return 0;
    char key[PL_YPATH_MAX], party[PL_YPATH_MAX];
    segment(path, n_seg - 2, key, sizeof key), segment(path, n_seg - 1, party, sizeof party);
    pl_ynode *cm = prefix_node(c, path, n_seg - 2), *m = prefix_node(doc, path, n_seg - 2);
    const char *const *names = NULL; /* "default", then the party ids */
    size_t nn = cm && m && m->kind == PL_Y_MAP ? pl_ydoc_by_party(c, cm, key, &names) : 0;
    if (!nn) return PL_OK;
    int known = 0;
    for (size_t i = 0; i < nn; i++) known |= !strcmp(names[i], party);
    if (!known) {
        const char *best = pl_yclosest(party, names, nn);
        char hint[PL_YPATH_MAX + 32] = "";
        if (best) snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
        char list[PL_ERROR_MSG_MAX]; /* as much as the message holds */
        size_t len = 0;
        for (size_t i = 0; i < nn && len < sizeof list; i++)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", names[i]);
        return pl_error_set(err, PL_EINVAL, "path '%s': '%s' is not a party%s; '%s' takes one number, or a map of: %s",
                            path, party, hint, key, list);
    }
    pl_ynode *cur = (pl_ynode *)pl_ymap_get(m, key);
    const pl_ynode *old = pl_ypath_value_of(cur); /* the number written for all */
    const char *def = old && old->kind == PL_Y_SCALAR ? old->value : pl_ydoc_default_of(c, cm, key);
    snprintf(was, was_len, "%s", def ? def : "");
    if (!value) value = was; /* a sensitivity range: the party starts where all are */
    if (cur && cur->kind == PL_Y_SCALAR) { /* the one number becomes the map's default */
        char *text = cur->value;
        cur->value = NULL, cur->kind = PL_Y_MAP, cur->quoted = 0;
        pl_ynode *d = pl_ymap_add(cur, "default", text ? text : "", cur->line, cur->col);
        pl_free(text);
        if (!d) return pl_error_set(err, PL_ENOMEM, "out of memory applying --set");
    } else if (!cur) {
        if (!(cur = made(m, key, NULL, who, PL_OVERRIDE_BY_PARTY)) ||
            (def && !made(cur, "default", def, who, PL_OVERRIDE_BY_PARTY)))
            return pl_error_set(err, PL_ENOMEM, "out of memory applying --set");
    }
    if (cur->kind != PL_Y_MAP) return PL_OK;
    if ((*node = (pl_ynode *)pl_ymap_get(cur, party))) return PL_OK; /* `default` of a number just made a map */
    if (!(*node = made(cur, party, value, who, PL_OVERRIDE_BY_PARTY)))
        return pl_error_set(err, PL_ENOMEM, "out of memory applying --set");
    return PL_OK;
}

int pl_overrides_reach(pl_ydoc *doc, pl_overrides_reader read, const char *path, const char *value,
                       const pl_override_who *who, pl_ynode **node, char *was, size_t was_len, int *added, pl_error *err)
{
    pl_error e0;
    *added = 0, *node = NULL;
    int rc = pl_ypath_node(doc, path, node, &e0);
    if (!rc) {
        *node = pl_ypath_value_of(*node); /* a map by party: its default, as pl_ypath_resolve */
        snprintf(was, was_len, "%s", (*node)->kind == PL_Y_SCALAR && (*node)->value ? (*node)->value : "");
        return PL_OK;
    }
    if (!read || strchr(path, '*')) return pl_error_set(err, rc, "%s", e0.msg);
    /* ask the loader: a copy of the document, read with its defaults noted */
    pl_ydoc *c;
    if ((rc = pl_ydoc_copy(&c, doc, err))) return rc;
    if (pl_ydoc_record_defaults(c)) {
        pl_ydoc_free(c);
        return pl_error_set(err, PL_ENOMEM, "out of memory applying --set");
    }
    if (who->n_prior > 0) { /* the values set so far, their lists of `p` rescaled as they will be at the end */
        pl_ynode **pn = pl_calloc((size_t)who->n_prior, sizeof *pn);
        int ok = pn != NULL;
        pl_error pe;
        for (int i = 0; ok && i < who->n_prior; i++) ok = !pl_ypath_node(c, who->prior[i], &pn[i], &pe);
        if (ok) pl_overrides_renormalise(c, who->prior, pn, who->n_prior, NULL, &pe); /* a refusal: apply's to say */
        pl_free(pn);
    }
    pl_error le;
    int read_rc = read(c, &le); /* a mistake of the file is the run's to report; what the loader read up to it counts */
    int n_seg = 1;
    for (const char *p = path; (p = strchr(p, '.')); p++) n_seg++;
    rc = by_party(doc, c, path, n_seg, value, who, node, was, was_len, err);
    if (rc || *node) {
        pl_ydoc_free(c);
        if (!rc) *added = PL_OVERRIDE_BY_PARTY;
        return rc;
    }
    pl_ynode *cn;
    pl_error e1;
    char last[PL_YPATH_MAX];
    const pl_ynode *parent = prefix_node(c, path, n_seg - 1);
    const char *fixed = parent ? pl_ydoc_fixed_why(c, parent, segment(path, n_seg - 1, last, sizeof last)) : NULL;
    if (fixed) { /* a key the loader says cannot be made, and why */
        rc = pl_error_set(err, PL_EINVAL, "path '%s': the file writes no '%s' here, and one cannot be made by an "
                          "override: %s", path, last, fixed);
        pl_ydoc_free(c);
        return rc;
    }
    if ((rc = pl_ydoc_fill_reachable(c, err)) || (rc = pl_ypath_node(c, path, &cn, &e1))) {
        if (rc != PL_ENOMEM && read_rc) /* the loader stopped before it: say why */
            pl_error_set(err, rc, "%.400s; nor can its default be known, as the scenario does not load: %.500s",
                         e1.msg, le.msg);
        else if (rc != PL_ENOMEM)
            pl_error_set(err, rc, "%s", e1.msg); /* the suggestion may be a default */
        pl_ydoc_free(c);
        return rc;
    }
    int scalar = cn->kind == PL_Y_SCALAR;
    snprintf(was, was_len, "%s", scalar && cn->value ? cn->value : "");
    pl_ydoc_free(c);
    if (!scalar) return pl_error_set(err, PL_EINVAL, "%s", e0.msg);
    /* the deepest part of the path the file writes, then the keys it leaves out, made */
    int k = n_seg - 1;
    pl_ynode *m = NULL;
    while (k >= 0 && !(m = prefix_node(doc, path, k))) k--;
    if (!m || m->kind != PL_Y_MAP) return pl_error_set(err, PL_EINVAL, "%s", e0.msg);
    for (; k < n_seg; k++) {
        char seg[PL_YPATH_MAX];
        segment(path, k, seg, sizeof seg);
        if (!(m = made(m, seg, k + 1 < n_seg ? NULL : value ? value : was, who, PL_OVERRIDE_ADDED)))
            return pl_error_set(err, PL_ENOMEM, "out of memory applying --set");
    }
    *node = m, *added = PL_OVERRIDE_ADDED;
    return PL_OK;
}

int pl_overrides_apply(pl_ydoc *doc, pl_overrides_reader read, const char *const *sets, int n, pl_overrides *log,
                       pl_error *err)
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
        char was[256], origin[PL_YPATH_MAX + 8];
        snprintf(origin, sizeof origin, "--set %s", paths[i]);
        const pl_override_who who = {.at = i, .origin = origin, .say_how = 1, .input = PL_INPUT_SET, .prior = pp,
                                     .n_prior = i};
        int added;
        pl_error e;
        if ((rc = pl_overrides_reach(doc, read, paths[i], value, &who, &nodes[i], was, sizeof was, &added, &e))) {
            if (rc == PL_ENOMEM) *err = e;
            else pl_error_set(err, rc, "--set %s", e.msg);
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
        if (!rc) rc = pl_ynode_set_text(nodes[i], value, err);
        if (!rc) rc = log_add(log, paths[i], was, value, 0, added, nodes[i], err);
    }
    if (!rc) rc = pl_overrides_renormalise(doc, pp, nodes, n, log, err);
    pl_free(paths), pl_free(pp), pl_free(nodes);
    if (rc && rc != PL_ENOMEM) pl_error_about(err, PL_INPUT_SET); /* every refusal here is of a --set */
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
            if (log->e[i].renormalised)
                snprintf(buf, len, " (the value rescaled after --set on %s)", log->e[i].path);
            else
                snprintf(buf, len, " (the value set by --set %s=%s)", log->e[i].path, log->e[i].now);
            return buf;
        }
    }
    return buf;
}

/* The file with the --set texts use[i] marks applied, then `then`, read by the kind's loader: its
 * status, and in *e its error (the log, when not NULL, receives the changes). */
static int trial(const pl_ydoc *file, pl_overrides_reader read, const char *const *sets, int n, const char *use,
                 pl_overrides_then then, void *user, pl_overrides *log, pl_error *e)
{
    pl_ydoc *d;
    int rc = pl_ydoc_copy(&d, file, e);
    if (rc) return rc;
    const char **sub = pl_calloc((size_t)n, sizeof *sub);
    int m = 0;
    for (int i = 0; sub && i < n; i++)
        if (use[i]) sub[m++] = sets[i];
    rc = !sub ? pl_error_set(e, PL_ENOMEM, "out of memory") : pl_overrides_apply(d, read, sub, m, log, e);
    if (!rc && then) rc = then(user, d, e);
    if (!rc) rc = read(d, e);
    pl_free(sub);
    pl_ydoc_free(d);
    return rc;
}

static int same_error(int rc, const pl_error *e, const char *msg) { return rc == PL_EINVAL && !strcmp(e->msg, msg); }

void pl_overrides_explain(const pl_ydoc *file, pl_overrides_reader read, const char *const *sets, int n,
                          pl_overrides_then then, void *user, pl_error *err)
{
    if (!err || err->code != PL_EINVAL || n <= 0 || !file || err->input == PL_INPUT_SET) return;
    char msg[PL_ERROR_MSG_MAX], why[PL_ERROR_MSG_MAX] = "";
    snprintf(msg, sizeof msg, "%s", err->msg);
    char *use = pl_malloc((size_t)n), *blamed = pl_calloc((size_t)n, 1);
    pl_overrides log = {0};
    pl_error e;
    if (!use || !blamed) goto done; /* out of memory: the error stays as it was */
    memset(use, 1, (size_t)n);
    /* every --set: the log says where each value is (the error may point at one), and the loader
     * must give this very error, or the error is not the loader's (a run's) and nothing more is said */
    int rc = read ? trial(file, read, sets, n, use, then, user, &log, &e) : PL_EINVAL;
    pl_overrides_blame(&log, msg, file->path, why, sizeof why);
    if (*why || !read || !same_error(rc, &e, msg)) goto done;
    /* the file alone: the same error is the file's own */
    memset(use, 0, (size_t)n);
    rc = trial(file, read, sets, n, use, then, user, NULL, &e);
    if (rc == PL_ENOMEM || same_error(rc, &e, msg)) goto done;
    /* each --set left out in turn: those without which the error does not arise (all of them when it
     * takes them together, none alone) */
    int k = 0;
    for (int i = 0; i < n; i++) {
        memset(use, 1, (size_t)n);
        use[i] = 0;
        rc = trial(file, read, sets, n, use, then, user, NULL, &e);
        if (rc == PL_ENOMEM) goto done;
        if (!same_error(rc, &e, msg)) blamed[i] = 1, k++;
    }
    size_t len = (size_t)snprintf(why, sizeof why, " (this follows from ");
    for (int i = 0, j = 0; i < n && len < sizeof why; i++) {
        if (k && !blamed[i]) continue;
        len += (size_t)snprintf(why + len, sizeof why - len, "%s--set %s", j++ ? " and " : "",
                                sets[i]);
    }
    if (len < sizeof why)
        snprintf(why + len, sizeof why - len, k == 1 ? ": without it, the file does not fail here)"
                                              : k ? ": without any one of them, the file does not fail here)"
                                                  : " together: the file alone does not fail here)");
done:
    if (*why && strlen(msg) + strlen(why) < sizeof err->msg) {
        strcat(err->msg, why);
        pl_error_about(err, PL_INPUT_SET);
    }
    pl_overrides_clear(&log);
    pl_free(use), pl_free(blamed);
}
