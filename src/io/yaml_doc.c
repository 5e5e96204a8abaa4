// SPDX-License-Identifier: MIT
/* yaml_doc.c — libyaml events folded into a positioned tree, and typed getters.
 *
 * The event API (not libyaml's document API) is used because it hands us each
 * node's start mark directly and lets us refuse aliases and duplicate keys at
 * the point they occur.
 *
 * The tree is built by recursion, one level per nested list or map, so the
 * depth is bounded (PL_YAML_MAX_DEPTH): an 80 KB file of `- - - ...` or
 * `[[[...]]]` would otherwise overflow the stack.  No scenario comes near the
 * limit; the refusal names the line and column where it was crossed. */
#include <ctype.h>
#include <float.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#include "core/alloc.h"
#include "core/text.h"
#include "io/files.h"
#include "io/yaml_doc.h"

static int push(pl_ynode *parent, pl_ynode *key, pl_ynode *child);

static void node_free(pl_ynode *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->n; i++) {
        node_free(n->items[i]);
        if (n->keys) node_free(n->keys[i]);
    }
    pl_free(n->items);
    pl_free(n->keys);
    pl_free(n->value);
    pl_free(n->origin);
    pl_free(n->origin_note);
    pl_free(n);
}

/* ---- the defaults the getters used (pl_ydoc_record_defaults) ---------------- */

typedef struct ydefault {
    const pl_ynode *map;
    char *key, *text;
    int quoted; /* a text, never read as a number */
    int by_party; /* not a default (text NULL): the keys map[key] may be written with, ids[0..n_ids);
                   * 2: a key that cannot be set where the file leaves it out, text the reason */
    int reach_only; /* a default --set may reach, not written into the inputs (pl_ydoc_fill_defaults) */
    char **ids;
    size_t n_ids;
} ydefault;
struct pl_ydefaults {
    size_t n, cap;
    ydefault *e;
    int failed; /* out of memory while noting: fill reports it */
};

static void defaults_free(pl_ydefaults *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) {
        for (size_t k = 0; k < l->e[i].n_ids; k++) pl_free(l->e[i].ids[k]);
        pl_free(l->e[i].key), pl_free(l->e[i].text), pl_free(l->e[i].ids);
    }
    pl_free(l->e);
    pl_free(l);
}

int pl_ydoc_record_defaults(pl_ydoc *d)
{
    if (d->defaults) return PL_OK;
    d->defaults = pl_calloc(1, sizeof *d->defaults);
    return d->defaults ? PL_OK : PL_ENOMEM;
}

static void note(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *text, int quoted);

void pl_ydoc_note_default(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *text)
{
    note(d, map, key, text, 0);
}

static ydefault *add(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *text, int quoted, int by_party);
static const ydefault *noted(const pl_ydoc *d, const pl_ynode *map, const char *key, int by_party);

void pl_ydoc_note_reachable(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *text)
{
    if (!map || map->kind != PL_Y_MAP || !key || !text || pl_ymap_get(map, key)) return;
    ydefault *e = add(d, map, key, text, 0, 0);
    if (e) e->reach_only = 1;
}

void pl_ydoc_note_fixed(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *why)
{
    if (map && map->kind == PL_Y_MAP && key && why && !pl_ymap_get(map, key)) add(d, map, key, why, 0, 2);
}

const char *pl_ydoc_fixed_why(const pl_ydoc *d, const pl_ynode *map, const char *key)
{
    const ydefault *e = noted(d, map, key, 2);
    return e ? e->text : NULL;
}

static void note(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *text, int quoted)
{
    if (map && map->kind == PL_Y_MAP && key && text && !pl_ymap_get(map, key)) add(d, map, key, text, quoted, 0);
}

void pl_ydoc_note_by_party(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *const *ids, size_t n)
{
    if (!d || !d->defaults || !map || map->kind != PL_Y_MAP || !key || noted(d, map, key, 1)) return;
    char **keys = pl_calloc(n + 1, sizeof *keys);
    size_t k = 0;
    while (keys && k <= n && (keys[k] = pl_strdup(k ? ids[k - 1] : "default"))) k++;
    ydefault *e = k == n + 1 ? add(d, map, key, NULL, 0, 1) : NULL;
    if (e) {
        e->ids = keys, e->n_ids = k;
        return;
    }
    d->defaults->failed = 1; /* out of memory: fill reports it */
    while (keys && k) pl_free(keys[--k]);
    pl_free(keys);
}

static const ydefault *noted(const pl_ydoc *d, const pl_ynode *map, const char *key, int by_party)
{
    const pl_ydefaults *l = d ? d->defaults : NULL;
    for (size_t i = 0; l && i < l->n; i++)
        if (l->e[i].map == map && l->e[i].by_party == by_party && !strcmp(l->e[i].key, key)) return &l->e[i];
    return NULL;
}

size_t pl_ydoc_by_party(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *const **keys)
{
    const ydefault *e = noted(d, map, key, 1);
    *keys = e ? (const char *const *)e->ids : NULL;
    return e ? e->n_ids : 0;
}

const char *pl_ydoc_default_of(const pl_ydoc *d, const pl_ynode *map, const char *key)
{
    const ydefault *e = noted(d, map, key, 0);
    return e ? e->text : NULL;
}

/* The entry noted for map[key] (a default, text; or by_party, text NULL and the caller fills ids), or
 * NULL when not recording, already noted (the first value read stands) or out of memory. */
static ydefault *add(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *text, int quoted, int by_party)
{
    pl_ydefaults *l = d ? d->defaults : NULL;
    if (!l) return NULL;
    if (noted(d, map, key, by_party)) return NULL;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        ydefault *e = pl_realloc(l->e, cap * sizeof *e);
        if (!e) {
            l->failed = 1;
            return NULL;
        }
        l->e = e, l->cap = cap;
    }
    ydefault *e = &l->e[l->n];
    memset(e, 0, sizeof *e);
    e->map = map, e->key = pl_strdup(key), e->text = text ? pl_strdup(text) : NULL, e->quoted = quoted, e->by_party = by_party;
    if (!e->key || (text && !e->text)) {
        pl_free(e->key), pl_free(e->text);
        l->failed = 1;
        return NULL;
    }
    return &l->e[l->n++];
}

static pl_ynode *scalar_node(const char *text, int line, int col)
{
    pl_ynode *n = pl_calloc(1, sizeof *n);
    if (n && !(n->value = pl_strdup(text))) pl_free(n), n = NULL;
    if (n) n->kind = PL_Y_SCALAR, n->line = line, n->col = col;
    return n;
}

static int fill(pl_ydoc *d, int reachable, pl_error *err)
{
    pl_ydefaults *l = d->defaults;
    if (!l) return PL_OK;
    int rc = l->failed ? PL_ENOMEM : PL_OK;
    for (size_t i = 0; i < l->n && !rc; i++) {
        if (l->e[i].by_party) continue; /* a form the key accepts, not a value */
        if (l->e[i].reach_only && !reachable) continue; /* not an input the file is read with */
        pl_ynode *map = (pl_ynode *)l->e[i].map; /* a node of d's own tree: d is not const here */
        char *key = l->e[i].key, *dot;
        while (map && (dot = strchr(key, '.'))) { /* "observation.noise": a block left out, made */
            *dot = 0;
            pl_ynode *sub = (pl_ynode *)pl_ymap_get(map, key);
            if (!sub && !(sub = pl_ymap_add(map, key, NULL, map->line, map->col))) {
                rc = PL_ENOMEM;
                break;
            }
            map = sub->kind == PL_Y_MAP ? sub : NULL;
            key = dot + 1;
        }
        if (rc || !map || pl_ymap_get(map, key)) continue;
        pl_ynode *v = pl_ymap_add(map, key, l->e[i].text, map->line, map->col);
        if (v) v->quoted = l->e[i].quoted;
        else rc = PL_ENOMEM;
    }
    defaults_free(l);
    d->defaults = NULL;
    return rc ? pl_error_set(err, rc, "out of memory noting the defaults of %s", d->path) : PL_OK;
}

int pl_ydoc_fill_defaults(pl_ydoc *d, pl_error *err) { return fill(d, 0, err); }
int pl_ydoc_fill_reachable(pl_ydoc *d, pl_error *err) { return fill(d, 1, err); }

pl_ynode *pl_ymap_add(pl_ynode *map, const char *key, const char *text, int line, int col)
{
    if (!map || map->kind != PL_Y_MAP) return NULL;
    pl_ynode *k = scalar_node(key, line, col), *v = text ? scalar_node(text, line, col) : pl_calloc(1, sizeof *v);
    if (v && !text) v->kind = PL_Y_MAP, v->line = line, v->col = col;
    if (!k || !v || push(map, k, v)) {
        node_free(k), node_free(v);
        return NULL;
    }
    return v;
}

static pl_ynode *node_copy(const pl_ynode *n)
{
    pl_ynode *c = pl_calloc(1, sizeof *c);
    if (!c) return NULL;
    c->kind = n->kind, c->line = n->line, c->col = n->col, c->quoted = n->quoted;
    if (n->value && !(c->value = pl_strdup(n->value))) goto fail;
    if (n->origin && pl_ynode_set_origin(c, n->origin, n->origin_note, n->origin_input)) goto fail;
    if (n->n) {
        if (!(c->items = pl_calloc(n->n, sizeof *c->items))) goto fail;
        if (n->keys && !(c->keys = pl_calloc(n->n, sizeof *c->keys))) goto fail;
    }
    for (size_t i = 0; i < n->n; i++) {
        c->n = i + 1; /* what node_free frees if a later copy fails */
        if (!(c->items[i] = node_copy(n->items[i]))) goto fail;
        if (n->keys && !(c->keys[i] = node_copy(n->keys[i]))) goto fail;
    }
    return c;
fail:
    node_free(c);
    return NULL;
}

int pl_ydoc_copy(pl_ydoc **out, const pl_ydoc *src, pl_error *err)
{
    *out = NULL;
    pl_ydoc *d = pl_calloc(1, sizeof *d);
    if (!d || !(d->path = pl_strdup(src->path)) || (src->root && !(d->root = node_copy(src->root)))) {
        pl_ydoc_free(d);
        return pl_error_set(err, PL_ENOMEM, "out of memory copying %s", src->path);
    }
    *out = d;
    return PL_OK;
}

void pl_ydoc_free(pl_ydoc *d)
{
    if (!d) return;
    defaults_free(d->defaults);
    node_free(d->root);
    pl_free(d->path);
    pl_free(d);
}

int pl_ynode_set_origin(pl_ynode *node, const char *origin, const char *note, pl_input input)
{
    char *o = pl_strdup(origin), *t = note ? pl_strdup(note) : NULL;
    if (!o || (note && !t)) {
        pl_free(o), pl_free(t);
        return PL_ENOMEM;
    }
    pl_free(node->origin), pl_free(node->origin_note);
    node->origin = o, node->origin_note = t, node->origin_input = input;
    return PL_OK;
}

static int yerr_v(const pl_ydoc *d, const pl_ynode *at, pl_error *err, pl_status code, const char *fmt, va_list ap)
{
    char msg[PL_ERROR_MSG_MAX - 128];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (at && at->origin) { /* a node made by an override: where it comes from, not a place in the file */
        pl_error_set(err, code, "%s: %s%s%s", at->origin, msg, at->origin_note ? " " : "",
                     at->origin_note ? at->origin_note : "");
        pl_error_about(err, at->origin_input);
        return code;
    }
    if (at) return pl_error_set(err, code, "%s:%d:%d: %s", d->path, at->line, at->col, msg);
    return pl_error_set(err, code, "%s:1:1: %s", d->path, msg);
}

/* The first node at the place into *first, and the first of them with an origin into *made (which
 * ends the search: the keys and value an override made share their place and origin). */
static void node_at(const pl_ynode *n, int line, int col, const pl_ynode **first, const pl_ynode **made)
{
    if (!n || *made) return;
    if (n->line == line && n->col == col) {
        if (!*first) *first = n;
        if (n->origin) *made = n;
    }
    for (size_t i = 0; n->kind != PL_Y_SCALAR && i < n->n; i++) {
        if (n->kind == PL_Y_MAP) node_at(n->keys[i], line, col, first, made);
        node_at(n->items[i], line, col, first, made);
    }
}

const pl_ynode *pl_ydoc_at(const pl_ydoc *d, int line, int col)
{
    const pl_ynode *first = NULL, *made = NULL;
    if (d) node_at(d->root, line, col, &first, &made);
    return made ? made : first;
}

int pl_yerr(const pl_ydoc *d, const pl_ynode *at, pl_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = yerr_v(d, at, err, PL_EINVAL, fmt, ap);
    va_end(ap);
    return rc;
}

int pl_yerr_code(const pl_ydoc *d, const pl_ynode *at, pl_error *err, pl_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = yerr_v(d, at, err, code ? code : PL_EINVAL, fmt, ap);
    va_end(ap);
    return rc;
}

typedef struct builder {
    yaml_parser_t parser;
    const char *path;
    pl_error *err;
    int depth; /* lists and maps open around the node being built */
} builder;

static int parse_error(builder *b)
{
    yaml_parser_t *p = &b->parser;
    const yaml_mark_t *m = p->problem ? &p->problem_mark : &p->context_mark;
    return pl_error_set(b->err, PL_EINVAL, "%s:%zu:%zu: YAML syntax error: %s%s%s", b->path, m->line + 1, m->column + 1,
                        p->problem ? p->problem : "unknown problem", p->context ? " " : "", p->context ? p->context : "");
}

static int push(pl_ynode *parent, pl_ynode *key, pl_ynode *child)
{
    pl_ynode **items = pl_realloc(parent->items, (parent->n + 1) * sizeof *items);
    if (!items) return PL_ENOMEM;
    parent->items = items;
    if (parent->kind == PL_Y_MAP) {
        pl_ynode **keys = pl_realloc(parent->keys, (parent->n + 1) * sizeof *keys);
        if (!keys) return PL_ENOMEM;
        parent->keys = keys;
        keys[parent->n] = key;
    }
    items[parent->n++] = child;
    return PL_OK;
}

/* The first control character in a scalar (C0 but newline and tab, DEL, C1 as UTF-8 C2 80..9F),
 * or -1.  libyaml has checked the bytes are UTF-8. */
static long control_char(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7F) return s[i];
        if (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] < 0xA0) return s[i + 1];
    }
    return -1;
}

/* Builds the node that starts with event ev (already taken from the parser). */
static int build(builder *b, yaml_event_t *ev, pl_ynode **out)
{
    *out = NULL;
    pl_ynode *n = pl_calloc(1, sizeof *n);
    if (!n) return pl_error_set(b->err, PL_ENOMEM, "out of memory");
    n->line = (int)ev->start_mark.line + 1;
    n->col = (int)ev->start_mark.column + 1;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n->kind = PL_Y_SCALAR;
        n->value = pl_strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
        n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
                    ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE || ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
        if (!n->value) goto nomem;
        {
            /* "\e[2J", "\x9b" or "\0" in a double-quoted string: a name or a note with a control
             * character would drive the terminal it is echoed on (or, a NUL, be cut short) */
            long cc = control_char((const unsigned char *)ev->data.scalar.value, ev->data.scalar.length);
            if (cc >= 0) {
                node_free(n);
                return pl_error_set(b->err, PL_EINVAL,
                                    "%s:%zu:%zu: a control character (U+%04lX) in a text value; names and notes are "
                                    "shown on terminals and in reports, so none is accepted",
                                    b->path, ev->start_mark.line + 1, ev->start_mark.column + 1, cc);
            }
        }
        *out = n;
        return PL_OK;
    case YAML_ALIAS_EVENT:
        pl_free(n);
        return pl_error_set(b->err, PL_EINVAL, "%s:%zu:%zu: YAML aliases (*name) are not supported; write the value out",
                            b->path, ev->start_mark.line + 1, ev->start_mark.column + 1);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        int is_map = ev->type == YAML_MAPPING_START_EVENT;
        n->kind = is_map ? PL_Y_MAP : PL_Y_SEQ;
        if (b->depth >= PL_YAML_MAX_DEPTH) {
            node_free(n);
            return pl_error_set(b->err, PL_EINVAL, "%s:%zu:%zu: lists and maps nested deeper than %d levels; a scenario needs far fewer",
                                b->path, ev->start_mark.line + 1, ev->start_mark.column + 1, PL_YAML_MAX_DEPTH);
        }
        if ((is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor) != NULL) {
            node_free(n);
            return pl_error_set(b->err, PL_EINVAL, "%s:%zu:%zu: YAML anchors (&name) are not supported", b->path,
                                ev->start_mark.line + 1, ev->start_mark.column + 1);
        }
        for (;;) {
            yaml_event_t e;
            if (!yaml_parser_parse(&b->parser, &e)) {
                node_free(n);
                return parse_error(b);
            }
            if (e.type == (is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT)) {
                yaml_event_delete(&e);
                break;
            }
            pl_ynode *key = NULL, *val = NULL;
            b->depth++;
            int rc = build(b, &e, is_map ? &key : &val);
            b->depth--;
            yaml_event_delete(&e);
            if (rc) {
                node_free(n);
                return rc;
            }
            if (is_map) {
                if (key->kind != PL_Y_SCALAR) {
                    pl_error_set(b->err, PL_EINVAL, "%s:%d:%d: a key must be a plain name, not a list or map", b->path,
                                 key->line, key->col);
                    node_free(key);
                    node_free(n);
                    return PL_EINVAL;
                }
                for (size_t i = 0; i < n->n; i++)
                    if (!strcmp(n->keys[i]->value, key->value)) {
                        pl_error_set(b->err, PL_EINVAL, "%s:%d:%d: duplicate key '%s' (first at line %d)", b->path,
                                     key->line, key->col, key->value, n->keys[i]->line);
                        node_free(key);
                        node_free(n);
                        return PL_EINVAL;
                    }
                if (!yaml_parser_parse(&b->parser, &e)) {
                    node_free(key);
                    node_free(n);
                    return parse_error(b);
                }
                b->depth++;
                rc = build(b, &e, &val);
                b->depth--;
                yaml_event_delete(&e);
                if (rc) {
                    node_free(key);
                    node_free(n);
                    return rc;
                }
            }
            if (push(n, key, val)) {
                node_free(key);
                node_free(val);
                goto nomem;
            }
        }
        *out = n;
        return PL_OK;
    }
    default:
        node_free(n);
        return pl_error_set(b->err, PL_EINVAL, "%s:%zu:%zu: unexpected YAML structure", b->path,
                            ev->start_mark.line + 1, ev->start_mark.column + 1);
    }
nomem:
    node_free(n);
    return pl_error_set(b->err, PL_ENOMEM, "out of memory");
}

int pl_ydoc_load_string(pl_ydoc **out, const char *name, const char *text, size_t len, pl_error *err)
{
    *out = NULL;
    pl_ydoc *d = pl_calloc(1, sizeof *d);
    if (!d || !(d->path = pl_strdup(name))) {
        pl_free(d);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    builder b = {.path = d->path, .err = err};
    if (!yaml_parser_initialize(&b.parser)) {
        pl_ydoc_free(d);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    yaml_parser_set_input_string(&b.parser, (const unsigned char *)text, len);
    int rc = PL_OK, docs = 0;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&b.parser, &e)) {
            rc = parse_error(&b);
            break;
        }
        yaml_event_type_t t = e.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&e);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
            rc = pl_error_set(err, PL_EINVAL, "%s:%zu:1: only one YAML document per file is read", d->path,
                              e.start_mark.line + 1);
            yaml_event_delete(&e);
            break;
        }
        if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT ||
            t == YAML_ALIAS_EVENT) {
            rc = build(&b, &e, &d->root);
            yaml_event_delete(&e);
            if (rc) break;
            continue;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&b.parser);
    if (rc) {
        pl_ydoc_free(d);
        return rc;
    }
    *out = d;
    return PL_OK;
}

int pl_ydoc_load(pl_ydoc **out, const char *path, pl_error *err)
{
    *out = NULL;
    FILE *f;
    int orc = pl_input_open(&f, path, "a scenario file", err);
    if (orc) return orc;
    path = pl_infile_name(path); /* "-" is standard input, named <stdin> in every message */
    size_t cap = PL_YAML_READ_CHUNK, len = 0;
    char *buf = pl_malloc(cap);
    int too_large = 0;
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            too_large = len > PL_YAML_MAX_BYTES;
            char *nb = too_large ? NULL : pl_realloc(buf, cap *= 2);
            if (!nb) {
                pl_free(buf);
                buf = NULL;
            } else
                buf = nb;
        }
    }
    int rerr = ferror(f);
    fclose(f);
    if (!buf && too_large)
        return pl_error_set(err, PL_EINVAL, "%s: too large to be a scenario (over %d MiB)", path, PL_YAML_MAX_BYTES >> 20);
    if (!buf) return pl_error_set(err, PL_ENOMEM, "%s: out of memory reading the file", path);
    if (rerr) {
        pl_free(buf);
        return pl_error_set(err, PL_EIO, "%s: read error", path);
    }
    int brc = pl_input_check_start(path, buf, len, err);
    if (brc) {
        pl_free(buf);
        return brc;
    }
    if (memchr(buf, '\0', len)) {
        pl_free(buf);
        return pl_error_set(err, PL_EINVAL, "%s:1:1: not a text file (contains a NUL byte)", path);
    }
    int rc = pl_ydoc_load_string(out, path, buf, len, err);
    pl_free(buf);
    return rc;
}

/* ---- lookups ----------------------------------------------------------- */

const pl_ynode *pl_ymap_get(const pl_ynode *map, const char *key)
{
    if (!map || map->kind != PL_Y_MAP) return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (!strcmp(map->keys[i]->value, key)) return map->items[i];
    return NULL;
}

const pl_ynode *pl_ymap_key(const pl_ynode *map, const char *key)
{
    if (!map || map->kind != PL_Y_MAP) return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (!strcmp(map->keys[i]->value, key)) return map->keys[i];
    return NULL;
}


static const char *kind_name(pl_ykind k) { return k == PL_Y_MAP ? "a map (key: value)" : k == PL_Y_SEQ ? "a list" : "a value"; }

int pl_yexpect(const pl_ydoc *d, const pl_ynode *node, pl_ykind kind, const char *what, pl_error *err)
{
    if (!node) return pl_yerr(d, d->root, err, "%s is missing; expected %s", what, kind_name(kind));
    if (node->kind != kind) return pl_yerr(d, node, err, "%s must be %s, found %s", what, kind_name(kind), kind_name(node->kind));
    return PL_OK;
}

const char *pl_yclosest(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t bestd = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t dd = pl_edit_distance(word, names[i], 0);
        if (dd < bestd) bestd = dd, best = names[i];
    }
    return bestd <= 3 ? best : NULL;
}

int pl_ymap_check_keys(const pl_ydoc *d, const pl_ynode *map, const char *const *allowed, pl_error *err)
{
    if (!map || map->kind != PL_Y_MAP) return PL_OK;
    for (size_t i = 0; i < map->n; i++) {
        const char *k = map->keys[i]->value;
        size_t n_allowed = 0;
        int found = 0;
        for (; allowed[n_allowed]; n_allowed++) found |= !strcmp(allowed[n_allowed], k);
        if (found) continue;
        char list[400] = "";
        size_t n = 0;
        for (const char *const *a = allowed; *a && n < sizeof list; a++)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", a == allowed ? "" : ", ", *a);
        const char *best = pl_yclosest(k, allowed, n_allowed);
        if (best)
            return pl_yerr(d, map->keys[i], err, "unknown key '%s' (did you mean '%s'?); expected one of: %s", k, best, list);
        return pl_yerr(d, map->keys[i], err, "unknown key '%s'; expected one of: %s", k, list);
    }
    return PL_OK;
}

int pl_ynode_str(const pl_ydoc *d, const pl_ynode *n, const char *what, const char **out, pl_error *err)
{
    if (n->kind != PL_Y_SCALAR) return pl_yerr(d, n, err, "%s must be a text value, found %s", what, kind_name(n->kind));
    *out = n->value;
    return PL_OK;
}

/* The words for a number the scanner (core/text.h) refused, after "<what> ". */
static int num_refused(const pl_ydoc *d, const pl_ynode *n, const char *what, pl_num_problem pr, double lo, double hi,
                       int whole, pl_error *err)
{
    const char *s = n->value, *kind = whole ? "a whole number" : "a number";
    switch (pr) {
    case PL_NUM_OK: return PL_OK;
    case PL_NUM_SPACE: return pl_yerr(d, n, err, "%s must be %s written without spaces, found '%s'", what, kind, s);
    case PL_NUM_HEX: return pl_yerr(d, n, err, "%s must be %s in decimal, found '%s' (another base is not accepted)", what, kind, s);
    case PL_NUM_NOT_FINITE: return pl_yerr(d, n, err, "%s must be a finite number, found '%s'", what, s);
    case PL_NUM_NOT_WHOLE: return pl_yerr(d, n, err, "%s must be a whole number, found '%s'", what, s);
    case PL_NUM_TOO_LARGE: return pl_yerr(d, n, err, "%s must be between %g and %g, found '%s' (too large)", what, lo, hi, s);
    case PL_NUM_TOO_SMALL:
        return pl_yerr(d, n, err, "%s is too small: '%s' is nonzero but below %g (write 0 for zero)", what, s, DBL_MIN);
    case PL_NUM_RANGE: return pl_yerr(d, n, err, "%s must be between %g and %g, found %s", what, lo, hi, s);
    case PL_NUM_EMPTY: case PL_NUM_SYNTAX: break;
    }
    return pl_yerr(d, n, err, "%s must be %s, found '%s'", what, kind, s);
}

int pl_ynode_num(const pl_ydoc *d, const pl_ynode *n, const char *what, double lo, double hi, double *out, pl_error *err)
{
    if (n->kind != PL_Y_SCALAR) return pl_yerr(d, n, err, "%s must be a number, found %s", what, kind_name(n->kind));
    if (n->quoted) return pl_yerr(d, n, err, "%s must be a number, found '%s'", what, n->value);
    return num_refused(d, n, what, pl_number_scan(n->value, PL_NUM_REAL, lo, hi, out, NULL, NULL), lo, hi, 0, err);
}

int pl_ynode_int(const pl_ydoc *d, const pl_ynode *n, const char *what, long lo, long hi, long *out, pl_error *err)
{
    double x;
    if (n->kind != PL_Y_SCALAR) return pl_yerr(d, n, err, "%s must be a whole number, found %s", what, kind_name(n->kind));
    if (n->quoted) return pl_yerr(d, n, err, "%s must be a whole number, found '%s'", what, n->value);
    /* read as a real number (so 1e3 is 1000), then required whole */
    pl_num_problem pr = pl_number_scan(n->value, PL_NUM_REAL, (double)lo, (double)hi, &x, NULL, NULL);
    if (pr) return num_refused(d, n, what, pr, (double)lo, (double)hi, 1, err);
    if (x != floor(x)) return pl_yerr(d, n, err, "%s must be a whole number, found '%s'", what, n->value);
    *out = (long)x;
    return PL_OK;
}

int pl_ynode_u64(const pl_ydoc *d, const pl_ynode *n, const char *what, uint64_t *out, pl_error *err)
{
    if (n->kind != PL_Y_SCALAR) return pl_yerr(d, n, err, "%s must be a whole number, found %s", what, kind_name(n->kind));
    /* a seed may be quoted: "18446744073709551615" is how results.json writes one above 2^53 */
    pl_num_problem pr = pl_number_scan(n->value, PL_NUM_U64, 0, 0, NULL, NULL, out);
    if (pr == PL_NUM_RANGE || pr == PL_NUM_TOO_LARGE)
        return pl_yerr(d, n, err, "%s must be a whole number from 0 to 18446744073709551615, found '%s'", what, n->value);
    return num_refused(d, n, what, pr, 0, 0, 1, err);
}

static const pl_ynode *need(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, int *rc, pl_error *err)
{
    *rc = PL_OK;
    const pl_ynode *v = pl_ymap_get(map, key);
    if (!v && required) *rc = pl_yerr(d, map, err, "missing required key '%s'", key);
    return v;
}

int pl_yget_str(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, const char **out, pl_error *err)
{
    int rc;
    const pl_ynode *v = need(d, map, key, required, &rc, err);
    if (!v) {
        if (!rc && *out && **out) note(d, map, key, *out, 1);
        return rc;
    }
    char what[96];
    snprintf(what, sizeof what, "'%s'", key);
    return pl_ynode_str(d, v, what, out, err);
}

int pl_yget_num(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, double lo, double hi,
                double *out, pl_error *err)
{
    int rc;
    const pl_ynode *v = need(d, map, key, required, &rc, err);
    if (!v) {
        if (!rc && d->defaults && isfinite(*out) && *out >= lo && *out <= hi) { /* not a sentinel: a value used */
            char t[40];
            snprintf(t, sizeof t, "%.15g", *out);
            pl_ydoc_note_default(d, map, key, t);
        }
        return rc;
    }
    char what[96];
    snprintf(what, sizeof what, "'%s'", key);
    return pl_ynode_num(d, v, what, lo, hi, out, err);
}

int pl_yget_int(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, long lo, long hi, long *out,
                pl_error *err)
{
    int rc;
    const pl_ynode *v = need(d, map, key, required, &rc, err);
    if (!v) {
        if (!rc && d->defaults && *out >= lo && *out <= hi) {
            char t[32];
            snprintf(t, sizeof t, "%ld", *out);
            pl_ydoc_note_default(d, map, key, t);
        }
        return rc;
    }
    char what[96];
    snprintf(what, sizeof what, "'%s'", key);
    return pl_ynode_int(d, v, what, lo, hi, out, err);
}

int pl_yget_u64(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, uint64_t *out, pl_error *err)
{
    int rc;
    const pl_ynode *v = need(d, map, key, required, &rc, err);
    if (!v) {
        if (!rc && d->defaults) {
            char t[32];
            snprintf(t, sizeof t, "%llu", (unsigned long long)*out);
            pl_ydoc_note_default(d, map, key, t);
        }
        return rc;
    }
    char what[96];
    snprintf(what, sizeof what, "'%s'", key);
    return pl_ynode_u64(d, v, what, out, err);
}

int pl_yget_bool(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, int *out, pl_error *err)
{
    int rc;
    const pl_ynode *v = need(d, map, key, required, &rc, err);
    if (!v) {
        if (!rc && (*out == 0 || *out == 1)) pl_ydoc_note_default(d, map, key, *out ? "true" : "false");
        return rc;
    }
    if (v->kind == PL_Y_SCALAR && !v->quoted) {
        if (!strcasecmp(v->value, "true") || !strcasecmp(v->value, "yes")) return *out = 1, PL_OK;
        if (!strcasecmp(v->value, "false") || !strcasecmp(v->value, "no")) return *out = 0, PL_OK;
    }
    return pl_yerr(d, v, err, "'%s' must be true or false", key);
}

int pl_yget_node(const pl_ydoc *d, const pl_ynode *map, const char *key, pl_ykind kind, int required,
                 const pl_ynode **out, pl_error *err)
{
    int rc;
    *out = need(d, map, key, required, &rc, err);
    if (!*out) return rc;
    char what[96];
    snprintf(what, sizeof what, "'%s'", key);
    return pl_yexpect(d, *out, kind, what, err);
}
