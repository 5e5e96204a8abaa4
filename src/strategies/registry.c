// SPDX-License-Identifier: MIT
/* registry.c — the one list of strategies, and how names become strategies.
 *
 * The families listed in families.def are flattened once into a table; every
 * lookup (by id, by display name, by Axelrod name, case-insensitively) walks
 * that table.  Parameters are parsed and range-checked here so that a strategy's
 * move function can trust them. */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/text.h"
#include "strategies/registry.h"
#include "strategies/transformers.h"
#include "strategies/data/reference_names.h"

#define PL_FAMILY(name) extern const pl_strategy_def pl_family_##name[];
#include "strategies/families.def"
#undef PL_FAMILY

static const struct {
    const char *name;
    const pl_strategy_def *defs;
} families[] = {
#define PL_FAMILY(name) {#name, pl_family_##name},
#include "strategies/families.def"
#undef PL_FAMILY
};

static const pl_strategy_def **table_def;
static pl_strategy_info *table_info;
static size_t table_n;
static size_t max_state;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* The parameters at their defaults. */
void pl_registry_params_default(const pl_strategy_def *d, pl_params *p)
{
    memset(p, 0, sizeof *p);
    for (int i = 0; i < PL_MAX_PARAMS && d->params[i].key; i++) {
        p->num[i] = d->params[i].def;
        if (d->params[i].def_text) snprintf(p->text[i], PL_PARAM_TEXT_MAX, "%s", d->params[i].def_text);
    }
}

/* Length of an Axelrod name without its parameters: "GTFT: 0.33" -> 4 ("GTFT"). */
static size_t axelrod_base_len(const char *a)
{
    const char *c = strchr(a, ':');
    size_t n = c ? (size_t)(c - a) : strlen(a);
    while (n && isspace((unsigned char)a[n - 1])) n--;
    return n;
}

/* The reference's class of an entry: named in the entry, or the reference row whose name
 * is the entry's Axelrod name, with or without its parameters. */
static const char *reference_class(const pl_strategy_def *d)
{
    if (d->class_name) return d->class_name;
    if (!d->axelrod_name) return NULL;
    size_t base = axelrod_base_len(d->axelrod_name);
    for (size_t r = 0; r < PL_REFERENCE_COUNT; r++) {
        const char *nm = pl_reference_names[r].name;
        if (!strcmp(nm, d->axelrod_name) || (strlen(nm) == base && !strncmp(nm, d->axelrod_name, base)))
            return pl_reference_names[r].class_name;
    }
    return NULL;
}

static void table_build(void)
{
    size_t n = 0;
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (const pl_strategy_def *d = families[f].defs; d->id; d++) n++;
    table_def = pl_calloc(n ? n : 1, sizeof *table_def);
    table_info = pl_calloc(n ? n : 1, sizeof *table_info);
    if (!table_def || !table_info) abort(); /* at start-up, a few kB: nothing sensible to do */
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (const pl_strategy_def *d = families[f].defs; d->id; d++) {
            pl_strategy_info *in = &table_info[table_n];
            table_def[table_n++] = d;
            in->id = d->id;
            in->name = d->name;
            in->axelrod_name = d->axelrod_name;
            in->family = families[f].name;
            in->reference = d->reference;
            /* the metadata of the default parameters, as the reference classifies its default player */
            pl_params defp;
            pl_registry_params_default(d, &defp);
            in->stochastic = d->is_stochastic ? d->is_stochastic(&defp) : (d->flags & PL_STOCHASTIC) != 0;
            in->memory_depth = d->memory_depth_of ? d->memory_depth_of(&defp) : d->memory_depth;
            in->class_name = reference_class(d);
            in->long_run_time = (d->flags & PL_LONG_RUN_TIME) != 0;
            in->inspects_source = (d->flags & PL_INSPECTS_SOURCE) != 0;
            in->manipulates_source = (d->flags & PL_MANIPULATES_SOURCE) != 0;
            in->manipulates_state = (d->flags & PL_MANIPULATES_STATE) != 0;
            in->uses_length = (d->flags & PL_USES_LENGTH) != 0;
            in->uses_game = (d->flags & PL_USES_GAME) != 0;
            in->params = d->params;
            while (in->n_params < PL_MAX_PARAMS && d->params[in->n_params].key) in->n_params++;
            if (d->state_size > max_state) max_state = d->state_size;
        }
}

static void table_ready(void) { pthread_once(&table_once, table_build); }

size_t pl_strategy_count(void)
{
    table_ready();
    return table_n;
}

const pl_strategy_info *pl_strategy_info_at(size_t i)
{
    table_ready();
    return i < table_n ? &table_info[i] : NULL;
}

size_t pl_reference_count(void) { return PL_REFERENCE_COUNT; }

const char *pl_reference_at(size_t i, const char **class_name, const char **id)
{
    table_ready();
    if (i >= PL_REFERENCE_COUNT) return NULL;
    const pl_reference_name *r = &pl_reference_names[i];
    if (class_name) *class_name = r->class_name;
    if (id) {
        *id = NULL;
        for (size_t k = 0; k < table_n && !*id; k++)
            if (table_info[k].class_name && !strcmp(table_info[k].class_name, r->class_name)) *id = table_info[k].id;
    }
    return r->name;
}

const pl_strategy_def *pl_registry_def_at(size_t i)
{
    table_ready();
    return i < table_n ? table_def[i] : NULL;
}

size_t pl_registry_max_state(void)
{
    table_ready();
    return max_state + PL_TF_STATE_EXTRA; /* a transformed strategy's levels and mixed-in player */
}

/* ---- names ------------------------------------------------------------ */

static long find_exact(const char *name, size_t len)
{
    /* ids are matched exactly first, then every name case-insensitively. */
    for (size_t i = 0; i < table_n; i++)
        if (strlen(table_info[i].id) == len && !strncmp(table_info[i].id, name, len)) return (long)i;
    for (size_t i = 0; i < table_n; i++) {
        const pl_strategy_info *in = &table_info[i];
        const char *cands[4] = {in->id, in->name, in->axelrod_name, in->class_name};
        for (int c = 0; c < 4; c++)
            if (cands[c] && strlen(cands[c]) == len && !strncasecmp(cands[c], name, len)) return (long)i;
    }
    /* the reference's class attribute `name`, the key of its classifier table, where the player
     * shows another ("Go By Majority 10" is shown "Soft Go By Majority: 10") */
    for (size_t r = 0; r < PL_REFERENCE_COUNT; r++) {
        const pl_reference_name *ref = &pl_reference_names[r];
        if (strlen(ref->name) != len || strncasecmp(ref->name, name, len)) continue;
        for (size_t i = 0; i < table_n; i++)
            if (table_info[i].class_name && !strcmp(table_info[i].class_name, ref->class_name)) return (long)i;
    }
    return -1;
}

/* The entry whose Axelrod name without parameters is this ("GTFT" for "GTFT: 0.33"), for a
 * reference display name with other parameters ("GTFT: 0.1"). */
static long find_axelrod_base(const char *name, size_t len)
{
    for (size_t i = 0; i < table_n; i++) {
        const char *a = table_info[i].axelrod_name;
        if (a && axelrod_base_len(a) == len && !strncasecmp(a, name, len)) return (long)i;
    }
    return -1;
}


size_t pl_strategy_suggest(const char *name, const char **out, size_t max)
{
    table_ready();
    size_t n = 0;
    size_t dist[16];
    if (max > 16) max = 16;
    for (size_t i = 0; i < table_n; i++) {
        const pl_strategy_info *in = &table_info[i];
        size_t d = pl_edit_distance(name, in->id, 1);
        size_t d2 = pl_edit_distance(name, in->name, 1);
        if (d2 < d) d = d2;
        if (in->axelrod_name) {
            d2 = pl_edit_distance(name, in->axelrod_name, 1);
            if (d2 < d) d = d2;
        }
        /* a name that contains the query is a strong suggestion */
        if (strcasestr(in->name, name) || strcasestr(in->id, name)) d = d < 2 ? d : 2;
        size_t pos = n;
        while (pos > 0 && dist[pos - 1] > d) pos--;
        if (pos >= max) continue;
        if (n < max) n++;
        for (size_t k = n - 1; k > pos; k--) {
            dist[k] = dist[k - 1];
            out[k] = out[k - 1];
        }
        dist[pos] = d;
        out[pos] = in->id;
    }
    return n;
}

/* ---- parameters --------------------------------------------------------- */

static int param_index(const pl_strategy_def *d, const char *key, size_t keylen)
{
    for (int i = 0; i < PL_MAX_PARAMS && d->params[i].key; i++)
        if (strlen(d->params[i].key) == keylen && !strncmp(d->params[i].key, key, keylen)) return i;
    return -1;
}

static int param_set(pl_strategy *s, int i, const char *val, size_t len, pl_error *err)
{
    const pl_param_info *pi = &s->def->params[i];
    char buf[PL_PARAM_TEXT_MAX];
    if (len >= sizeof buf)
        return pl_error_set(err, PL_EINVAL, "strategy '%s': value of '%s' is too long", s->def->id, pi->key);
    memcpy(buf, val, len);
    buf[len] = '\0';
    if (pi->kind == PL_PARAM_ACTIONS) {
        if (len == 0) return pl_error_set(err, PL_EINVAL, "strategy '%s': '%s' needs a string of C and D", s->def->id, pi->key);
        for (size_t k = 0; k < len; k++)
            if (buf[k] != 'C' && buf[k] != 'D')
                return pl_error_set(err, PL_EINVAL, "strategy '%s': '%s' must be a string of C and D, got '%s'",
                                    s->def->id, pi->key, buf);
        strcpy(s->params.text[i], buf);
        return PL_OK;
    }
    double x;
    pl_error e;
    if (pl_parse_double(buf, -DBL_MAX, DBL_MAX, &x, &e))
        return pl_error_set(err, PL_EINVAL, "strategy '%s': '%s': %s", s->def->id, pi->key, e.msg);
    if (pi->kind == PL_PARAM_INT && x != floor(x))
        return pl_error_set(err, PL_EINVAL, "strategy '%s': '%s' must be a whole number, got '%s'", s->def->id, pi->key, buf);
    if (x < pi->lo || x > pi->hi)
        return pl_error_set(err, PL_EINVAL, "strategy '%s': '%s' must be between %g and %g, got %s", s->def->id,
                            pi->key, pi->lo, pi->hi, buf);
    s->params.num[i] = x;
    return PL_OK;
}

static void make_label(pl_strategy *s)
{
    const pl_strategy_def *d = s->def;
    s->is_default = 1;
    for (int i = 0; i < PL_MAX_PARAMS && d->params[i].key; i++) {
        const pl_param_info *pi = &d->params[i];
        if (pi->kind == PL_PARAM_ACTIONS ? strcmp(s->params.text[i], pi->def_text ? pi->def_text : "") != 0
                                         : s->params.num[i] != pi->def)
            s->is_default = 0;
    }
    if (s->is_default) {
        snprintf(s->label, sizeof s->label, "%s", d->axelrod_name ? d->axelrod_name : d->name);
        return;
    }
    size_t n = (size_t)snprintf(s->label, sizeof s->label, "%s:", d->id);
    for (int i = 0; i < PL_MAX_PARAMS && d->params[i].key && n < sizeof s->label; i++) {
        const pl_param_info *pi = &d->params[i];
        if (pi->kind == PL_PARAM_ACTIONS)
            n += (size_t)snprintf(s->label + n, sizeof s->label - n, "%s%s=%s", i ? "," : "", pi->key, s->params.text[i]);
        else
            n += (size_t)snprintf(s->label + n, sizeof s->label - n, "%s%s=%g", i ? "," : "", pi->key, s->params.num[i]);
    }
}

/* Trims spaces at both ends of [*p, *p + *len). */
static void trim(const char **p, size_t *len)
{
    while (*len && isspace((unsigned char)**p)) (*p)++, (*len)--;
    while (*len && isspace((unsigned char)(*p)[*len - 1])) (*len)--;
}

/* The reference shows its final transformer after the parameters ("First by Stein and
 * Rapoport: 0.05: (D, D)").  Takes such a "(...)" tail off [p, p + *len): it must be the
 * one the entry's own Axelrod name shows, which parley builds in. */
static int strip_final_moves(const pl_strategy_def *d, const char *p, size_t *len, pl_error *err)
{
    const char *open = memchr(p, '(', *len);
    if (!open) return PL_OK;
    size_t tail = *len - (size_t)(open - p);
    const char *want = d->axelrod_name ? strrchr(d->axelrod_name, '(') : NULL;
    if (!want || strlen(want) != tail || strncmp(want, open, tail))
        return pl_error_set(err, PL_EINVAL, "strategy '%s': '%.*s' is not its final moves (%s)", d->id, (int)tail, open,
                            want ? want : "it has none");
    size_t n = (size_t)(open - p);
    while (n && (isspace((unsigned char)p[n - 1]) || p[n - 1] == ':')) n--;
    *len = n;
    return PL_OK;
}

/* Sets parameters from text: "key=value,key=value", or the reference's positional form
 * "value, value" (its display names: "GTFT: 0.1", "First by Davis: 5"), values in the
 * order of the entry's parameters. */
static int params_parse(pl_strategy *s, const char *text, size_t len, pl_error *err)
{
    const pl_strategy_def *d = s->def;
    if (strip_final_moves(d, text, &len, err)) return PL_EINVAL;
    trim(&text, &len);
    if (len == 0) return PL_OK;
    int positional = memchr(text, '=', len) == NULL;
    int n_params = 0;
    while (n_params < PL_MAX_PARAMS && d->params[n_params].key) n_params++;
    const char *p = text, *end = text + len;
    unsigned given = 0; /* the parameters set so far: one each */
    for (int k = 0; p <= end; k++) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        const char *v = p;
        size_t vlen = (size_t)(stop - p);
        int pi;
        if (positional) {
            if (k >= n_params)
                return pl_error_set(err, PL_EINVAL, "strategy '%s': %d parameter value%s given, it has %d", d->id,
                                    k + 1, k ? "s" : "", n_params);
            pi = k;
        } else {
            const char *eq = memchr(p, '=', vlen);
            if (!eq) return pl_error_set(err, PL_EINVAL, "strategy '%s': expected key=value, got '%.*s'", d->id, (int)vlen, p);
            const char *key = p;
            size_t klen = (size_t)(eq - p);
            trim(&key, &klen);
            pi = param_index(d, key, klen);
            if (pi < 0) {
                char known[256] = "";
                size_t n = 0;
                for (int i = 0; i < n_params && n < sizeof known; i++)
                    n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", i ? ", " : "", d->params[i].key);
                return pl_error_set(err, PL_EINVAL, "strategy '%s' has no parameter '%.*s' (it has: %s)", d->id, (int)klen,
                                    key, n ? known : "none");
            }
            v = eq + 1;
            vlen = (size_t)(stop - v);
        }
        trim(&v, &vlen);
        if (given & (1u << pi))
            return pl_error_set(err, PL_EINVAL, "strategy '%s': parameter '%s' given twice", d->id, d->params[pi].key);
        given |= 1u << pi;
        if (param_set(s, pi, v, vlen, err)) return PL_EINVAL;
        if (!comma) break;
        p = comma + 1;
    }
    return PL_OK;
}

int pl_strategy_create(pl_strategy **out, const char *spec, pl_error *err)
{
    table_ready();
    *out = NULL;
    while (isspace((unsigned char)*spec)) spec++;
    size_t speclen = strlen(spec);
    while (speclen && isspace((unsigned char)spec[speclen - 1])) speclen--;
    if (speclen == 0) return pl_error_set(err, PL_EINVAL, "empty strategy name");

    /* A whole-name match first: Axelrod names contain ':' ("First by Davis: 10"); then the
     * name before the first ':' with parameters after it, the name being an id, a name, a
     * class name or an Axelrod name without its parameters ("GTFT: 0.1"). */
    long idx = find_exact(spec, speclen);
    const char *pstart = NULL;
    size_t namelen = speclen;
    if (idx < 0) {
        /* a transformed strategy: dual(tft), noisy(grudger, 0.1), "Dual Tit For Tat" */
        int rc = pl_transform_create(out, spec, speclen, err);
        if (rc != PL_TF_NOT_MINE) return rc;
    }
    if (idx < 0) {
        const char *colon = memchr(spec, ':', speclen);
        if (colon) {
            namelen = (size_t)(colon - spec);
            while (namelen && isspace((unsigned char)spec[namelen - 1])) namelen--;
            idx = find_exact(spec, namelen);
            if (idx < 0) idx = find_axelrod_base(spec, namelen);
            pstart = colon + 1;
        }
    }
    if (idx < 0) {
        if (!err) return PL_ENOTFOUND; /* a quiet probe: no suggestions to compute */
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(namelen < 127 ? namelen : 127), spec);
        const char *sug[5];
        size_t ns = pl_strategy_suggest(name, sug, 5);
        char list[512] = "";
        size_t n = 0;
        for (size_t i = 0; i < ns && n < sizeof list; i++)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", sug[i]);
        return pl_error_set(err, PL_ENOTFOUND, "unknown strategy '%s'; closest known: %s (see 'parley strategies')",
                            name, ns ? list : "none");
    }

    pl_strategy *s = pl_calloc(1, sizeof *s);
    if (!s) return pl_error_set(err, PL_ENOMEM, "out of memory");
    s->def = table_def[idx];
    s->info = &table_info[idx];
    pl_registry_params_default(s->def, &s->params);
    if (pstart && params_parse(s, pstart, (size_t)(spec + speclen - pstart), err)) {
        pl_free(s);
        return PL_EINVAL;
    }
    s->stochastic = s->def->is_stochastic ? s->def->is_stochastic(&s->params) : (s->def->flags & PL_STOCHASTIC) != 0;
    s->memory_depth = s->def->memory_depth_of ? s->def->memory_depth_of(&s->params) : s->def->memory_depth;
    make_label(s);
    /* as the reference, which checks a player against its default game when it is made */
    if (pl_strategy_check_game(s, NULL, err)) {
        pl_free(s);
        return PL_EINVAL;
    }
    *out = s;
    return PL_OK;
}

int pl_strategy_check_game(const pl_strategy *s, const pl_game *g, pl_error *err)
{
    if (!s->def->check_game) return PL_OK;
    char why[256] = "";
    if (s->def->check_game(&s->params, g ? g : pl_game_standard(), why, sizeof why) == 0) return PL_OK;
    return pl_error_set(err, PL_EINVAL, "strategy '%s' cannot play %s: %s", s->label,
                        g ? "this game" : "the standard prisoner's dilemma (R=3, S=0, T=5, P=1)", why);
}

int pl_strategy_memory_depth(const pl_strategy *s) { return s->memory_depth; }

pl_strategy *pl_strategy_clone(const pl_strategy *s)
{
    pl_strategy *c = pl_malloc(sizeof *c);
    if (!c) return NULL;
    *c = *s;
    if (s->tf) {
        if (!(c->tf = pl_tf_chain_clone(s->tf))) {
            pl_free(c);
            return NULL;
        }
        pl_tf_point_info(c);
    }
    return c;
}

void pl_strategy_free(pl_strategy *s)
{
    if (s) pl_tf_chain_free(s->tf);
    pl_free(s);
}
const pl_strategy_info *pl_strategy_get_info(const pl_strategy *s) { return s->info; }
const char *pl_strategy_label(const pl_strategy *s) { return s->label; }
int pl_strategy_is_stochastic(const pl_strategy *s) { return s->stochastic; }
int pl_strategy_is_default(const pl_strategy *s) { return s->is_default; }

double pl_strategy_param(const pl_strategy *s, const char *key)
{
    int i = param_index(s->def, key, strlen(key));
    return i < 0 || s->def->params[i].kind == PL_PARAM_ACTIONS ? NAN : s->params.num[i];
}
