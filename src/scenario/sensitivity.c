/* SPDX-License-Identifier: MIT */
/* sensitivity.c — one-at-a-time sweeps, break-even points, Sobol indices and a two-way grid over a
 * scenario's assumed numbers (parley/sensitivity.h).
 *
 * Every point is evaluated the same way: the scenario file is read afresh, the run's `--set`
 * overrides and the point's values are put into the document (scenario/overrides.h: lists of
 * `p` renormalised), and the scenario's kind evaluates its designs on common random numbers
 * (the evaluator of scenario_kinds.def).  The same seed and runs serve every point, so the
 * difference between two points is the assumption moved, not the noise.  The points are
 * evaluated one after another (each evaluation uses the threads), and every random draw of the
 * analyses themselves (the Latin hypercube, the bootstrap) comes from streams of the seed, so
 * every output is the same bytes whatever the number of threads.
 *
 * A range set (not scaled) moves in whole numbers where the scenario's kind accepts only whole
 * numbers (a duration, a patience, a delay): the value put in the document is then rounded.  Which
 * it is, is asked of the kind itself (whole_ranges): a range whose value and both ends are whole
 * is tried once at a fractional value inside it, and moves in whole numbers only if the kind refuses
 * that value.  So a real-valued assumption (a rationality from 1 to 16) moves continuously whatever
 * its ends, and this layer needs no list of which settings are whole. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/stats.h"
#include "parley/rng.h"
#include "scenario/overrides.h"
#include "scenario/sensitivity.h"

typedef struct sens_ctx {
    pl_sensitivity *s;
    const pl_ydoc *doc;      /* the scenario as loaded, once: every point evaluates a copy */
    pl_ydoc *base;           /* NULL, or the baseline (overrides applied, keys the ranges reach made) */
    pl_scenario_eval eval;
    /* NULL, or the kind's evaluator of points with the baseline, sharing its runs (scenario.h): the
     * one-at-a-time ends it evaluated with the baseline, end[2 k] (range k's low end) and end[2 k + 1],
     * where end_shared says so */
    pl_scenario_eval_shared shared;
    pl_eval_result *end;
    int end_shared[2 * PL_SENS_MAX_RANGES];
    pl_eval_config ec;
    pl_error *err;
    const pl_sensitivity_config *cfg; /* its phase and progress callbacks */
    uint64_t done, total;             /* points of the current part, for the progress display */
} sens_ctx;

/* A part of the analysis begins: its name and how many points it evaluates (the progress display). */
static void begin_part(sens_ctx *x, const char *name, uint64_t points)
{
    const pl_sensitivity_config *c = x->cfg;
    x->done = 0, x->total = points;
    if (!c) return;
    if (c->phase) {
        char full[128];
        snprintf(full, sizeof full, "%s%s", c->phase_prefix ? c->phase_prefix : "", name);
        c->phase(c->progress_user, full);
    }
    if (c->progress) c->progress(c->progress_user, 0, points);
}

static int parse_num(const char *t, double *x)
{
    char *end;
    errno = 0;
    *x = strtod(t, &end);
    return t != end && !*end && !errno && isfinite(*x);
}


/* Puts the value of every range (values[k]) into a freshly loaded document. */
static int apply_values(sens_ctx *x, pl_ydoc *doc, const double *values)
{
    const pl_sensitivity *s = x->s;
    const char *paths[PL_SENS_MAX_RANGES * PL_SENS_MAX_PATHS];
    pl_ynode *nodes[PL_SENS_MAX_RANGES * PL_SENS_MAX_PATHS];
    int n_set = 0;
    pl_ynode **found = pl_malloc(sizeof *found * PL_YPATH_MAX_MATCHES);
    if (!found) return pl_error_set(x->err, PL_ENOMEM, "out of memory");
    int rc = PL_OK;
    for (int k = 0; k < s->n_ranges && !rc; k++) {
        const pl_sens_range *r = &s->range[k];
        for (int i = 0; i < r->n_paths && !rc; i++) {
            size_t n;
            if ((rc = pl_ypath_resolve(doc, r->path[i], found, PL_YPATH_MAX_MATCHES, &n, x->err))) break;
            for (size_t j = 0; j < n && !rc; j++) {
                double v = values[k], orig;
                if (r->scale) {
                    if (!parse_num(found[j]->value, &orig)) continue; /* not a number: left as written */
                    v = orig * values[k];
                }
                if (r->whole) v = nearbyint(v);
                char text[40];
                snprintf(text, sizeof text, "%.15g", v);
                rc = pl_ynode_set_text(found[j], text, x->err);
                if (!r->scale && n_set < PL_SENS_MAX_RANGES * PL_SENS_MAX_PATHS)
                    paths[n_set] = r->path[i], nodes[n_set++] = found[j];
            }
        }
    }
    pl_free(found);
    if (!rc) rc = pl_overrides_renormalise(doc, paths, nodes, n_set, NULL, x->err);
    return rc;
}

/* A copy of the scenario with the run's overrides (the baseline document): the file is read once. */
static int load_base(sens_ctx *x, pl_ydoc **doc)
{
    if (x->base) return pl_ydoc_copy(doc, x->base, x->err);
    int rc = pl_ydoc_copy(doc, x->doc, x->err);
    if (rc) return rc;
    pl_overrides *log = x->s->log && !x->s->log->n ? x->s->log : NULL; /* the first time: what they changed */
    if ((rc = pl_overrides_apply(*doc, pl_scenario_reader_of(*doc), x->s->sets, x->s->n_sets, log, x->err))) {
        pl_ydoc_free(*doc);
        *doc = NULL;
    }
    return rc;
}

static void point_of(const sens_ctx *x, const pl_eval_result *e, pl_sens_point *p)
{
    int a = x->s->a, b = x->s->b;
    for (int d = 0; d < e->n; d++) p->rate[d] = (double)e->success[d] / (double)e->runs;
    if (a >= 0 && b >= 0)
        pl_stats_paired_diff(e->only[a][b], e->only[b][a], e->runs, PL_STATS_Z95, &p->diff, &p->diff_lo, &p->diff_hi);
    else
        p->diff = p->diff_lo = p->diff_hi = NAN;
}

/* Whether each range that looks whole (set, a whole value and whole ends) is whole for the kind: its
 * paths set to a fractional value inside it (lo + 0.5, the others at their values), one run of every
 * design; a value the kind refuses (PL_EINVAL) makes the range whole, anything else it accepts makes
 * it continuous.  Not counted among the evaluations: it answers a question about the file. */
static int whole_ranges(sens_ctx *x)
{
    pl_sensitivity *s = x->s;
    pl_eval_result *e = NULL;
    int rc = PL_OK;
    for (int k = 0; k < s->n_ranges && !rc; k++) {
        pl_sens_range *r = &s->range[k];
        if (!r->whole || !(r->hi - r->lo >= 1)) continue;
        double values[PL_SENS_MAX_RANGES];
        for (int i = 0; i < s->n_ranges; i++) values[i] = s->range[i].scale ? 1 : s->range[i].base;
        values[k] = r->lo + 0.5;
        if (!e && !(e = pl_malloc(sizeof *e))) return pl_error_set(x->err, PL_ENOMEM, "out of memory");
        pl_ydoc *doc;
        if ((rc = load_base(x, &doc))) break;
        r->whole = 0; /* the probe puts the fraction in as written */
        rc = apply_values(x, doc, values);
        if (!rc) {
            pl_eval_config ec = x->ec;
            ec.runs = 1;
            rc = x->eval(doc, &ec, e, x->err);
        }
        pl_ydoc_free(doc);
        if (rc == PL_EINVAL) r->whole = 1, rc = PL_OK, x->err->code = PL_OK, x->err->msg[0] = '\0';
    }
    pl_free(e);
    return rc;
}

/* A point's values put into a document (pl_overrides_explain's `then`). */
typedef struct point_hook {
    sens_ctx *x;
    const double *values;
} point_hook;
static int apply_point(void *user, pl_ydoc *doc, pl_error *err)
{
    point_hook *h = user;
    pl_error *keep = h->x->err;
    h->x->err = err;
    int rc = apply_values(h->x, doc, h->values);
    h->x->err = keep;
    return rc;
}

/* A point evaluated: counted, and the progress display told. */
static void counted(sens_ctx *x)
{
    x->s->evaluations++;
    if (++x->done > x->total) x->total = x->done; /* a total that was an upper bound never runs short */
    if (x->cfg && x->cfg->progress) x->cfg->progress(x->cfg->progress_user, x->done, x->total);
}

/* Evaluates every design at one point (values[k] for every range), with `runs` runs. */
static int evaluate(sens_ctx *x, const double *values, uint64_t runs, pl_eval_result *e)
{
    pl_ydoc *doc;
    int rc = load_base(x, &doc);
    if (rc) return rc;
    if (!(rc = apply_values(x, doc, values))) {
        pl_eval_config ec = x->ec;
        ec.runs = runs;
        rc = x->eval(doc, &ec, e, x->err);
        if (rc == PL_EINVAL) { /* a value the kind refuses: which --set it follows from, and which point */
            point_hook h = {x, values};
            pl_overrides_explain(x->doc, pl_scenario_reader_of(x->doc), x->s->sets, x->s->n_sets, apply_point, &h,
                                 x->err);
            char pt[512] = "";
            size_t len = 0;
            for (int k = 0; k < x->s->n_ranges && len < sizeof pt; k++)
                len += (size_t)snprintf(pt + len, sizeof pt - len, "%s%s=%g", k ? ", " : "", x->s->range[k].name, values[k]);
            /* (a key made at its default names its range: add_range) */
            char msg[PL_ERROR_MSG_MAX];
            snprintf(msg, sizeof msg, "%.700s (at the point %.300s)", x->err->msg, pt);
            pl_input about = x->err->input;
            pl_error_set(x->err, rc, "%s", msg);
            pl_error_about(x->err, about);
        }
    }
    pl_ydoc_free(doc);
    counted(x);
    return rc;
}

/* The baseline, with values[k] for every range and `runs` runs.  Where the kind shares the
 * baseline's runs with points (x->shared: the agreement's points that move only draw thresholds or only
 * priors, forked from the baseline's runs), the one-at-a-time ends go with it (x->end, for one_at_a_time):
 * each the same result as evaluated alone.  Anything that goes wrong there (a point the kind refuses,
 * say) leaves the points and the baseline to be evaluated one by one as without it, so that the
 * errors are the same. */
static int evaluate_base(sens_ctx *x, double *values, uint64_t runs, pl_eval_result *e)
{
    const pl_sensitivity *s = x->s;
    const int n = 2 * s->n_ranges;
    pl_ydoc *base = NULL, *pts[2 * PL_SENS_MAX_RANGES] = {0};
    pl_eval_result *res = x->shared ? pl_calloc((size_t)n, sizeof *res) : NULL;
    pl_error keep = *x->err, quiet = {0};
    int rc = !res || load_base(x, &base) || apply_values(x, base, values);
    for (int i = 0; i < n && !rc; i++) {
        int k = i / 2;
        double v = values[k];
        values[k] = i % 2 ? s->range[k].hi : s->range[k].lo;
        if (load_base(x, &pts[i]) || apply_values(x, pts[i], values)) pl_ydoc_free(pts[i]), pts[i] = NULL;
        values[k] = v;
    }
    if (!rc) {
        pl_eval_config ec = x->ec;
        ec.runs = runs;
        rc = x->shared(base, (const pl_ydoc *const *)pts, n, &ec, e, res, x->end_shared, &quiet);
    }
    for (int i = 0; i < n; i++) pl_ydoc_free(pts[i]);
    pl_ydoc_free(base);
    *x->err = keep;
    if (rc) {
        pl_free(res);
        memset(x->end_shared, 0, sizeof x->end_shared);
        return evaluate(x, values, runs, e);
    }
    x->end = res;
    counted(x);
    return PL_OK;
}

static int eval_point(sens_ctx *x, const double *values, uint64_t runs, pl_sens_point *p)
{
    pl_eval_result *e = pl_malloc(sizeof *e);
    if (!e) return pl_error_set(x->err, PL_ENOMEM, "out of memory");
    int rc = evaluate(x, values, runs, e);
    if (!rc) point_of(x, e, p);
    pl_free(e);
    return rc;
}

/* ---- reading the ranges ---------------------------------------------------- */

static int add_range(sens_ctx *x, pl_ydoc *doc, const char *name, const char *const *paths, int n_paths, int scale,
                     double lo, double hi, const char *where)
{
    pl_sensitivity *s = x->s;
    if (s->n_ranges == PL_SENS_MAX_RANGES)
        return pl_error_set(x->err, PL_EINVAL, "%s: at most %d ranges", where, PL_SENS_MAX_RANGES);
    if (!(lo < hi)) return pl_error_set(x->err, PL_EINVAL, "%s: the range must go from a lower to a higher value, found %g to %g", where, lo, hi);
    pl_sens_range *r = &s->range[s->n_ranges];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    r->scale = scale, r->lo = lo, r->hi = hi, r->base = 1;
    pl_ynode **found = pl_malloc(sizeof *found * PL_YPATH_MAX_MATCHES);
    if (!found) return pl_error_set(x->err, PL_ENOMEM, "out of memory");
    int rc = PL_OK;
    for (int i = 0; i < n_paths && !rc; i++) {
        if (strlen(paths[i]) >= PL_YPATH_MAX) {
            rc = pl_error_set(x->err, PL_EINVAL, "%s: a path longer than %d characters", where, PL_YPATH_MAX - 1);
            break;
        }
        snprintf(r->path[i], sizeof r->path[i], "%s", paths[i]);
        size_t n = 0;
        pl_error e;
        pl_ynode *one = NULL;
        char was[256];
        int added = 0;
        /* a value the file leaves out is made, at its default (overrides.h), in the baseline document */
        char origin[PL_YPATH_MAX + 64]; /* an error at a key made names the range, not line 0 of the file */
        snprintf(origin, sizeof origin, "range %s (a value the file leaves to its default)", r->name);
        /* at: past the --set's, so that no key made here shares its place with one a --set made (an error
         * the loader reports at a kept place finds the key there: pl_ydoc_at) */
        const pl_override_who who = {.at = s->n_sets + s->n_ranges, .origin = origin, .say_how = 0,
                                     .input = PL_INPUT_RANGE};
        if (!strchr(paths[i], '*'))
            rc = pl_overrides_reach(doc, pl_scenario_reader_of(doc), paths[i], NULL, &who, &one, was, sizeof was, &added, &e);
        if (rc == PL_ENOMEM) {
            *x->err = e;
            break;
        }
        r->added |= added != 0;
        if (!rc && one && one->kind == PL_Y_SCALAR) /* one value, found: not looked for again */
            found[0] = one, n = 1;
        else if (!rc) /* '*' (many values), or a list or map (the walk says so) */
            rc = pl_ypath_resolve(doc, paths[i], found, PL_YPATH_MAX_MATCHES, &n, &e);
        if (rc) {
            pl_error_set(x->err, rc, "%s: %s", where, e.msg);
            break;
        }
        int numbers = 0;
        for (size_t j = 0; j < n && !rc; j++) {
            double v;
            if (parse_num(found[j]->value, &v)) {
                /* a range that sets many values (one profile's generosity, party by party) sets them all
                 * to the same value, so they must be the same in the file: that is its value */
                if (!scale && (i || numbers) && v != r->base)
                    rc = pl_error_set(x->err, PL_EINVAL, "%s: path '%s' names %d values that differ (%g, then %g); a "
                                      "range sets one value, or several equal ones, or scales many (scale: true, or "
                                      "--range PATH=x0.5:2)", where, paths[i], r->n_values + numbers + 1, r->base, v);
                numbers++;
                if (!scale && !i) r->base = v;
            }
        }
        if (!rc && !numbers) rc = pl_error_set(x->err, PL_EINVAL, "%s: path '%s' names no number", where, paths[i]);
        r->n_values += numbers;
    }
    pl_free(found);
    if (rc) return rc;
    r->n_paths = n_paths;
    r->whole = !scale && r->base == floor(r->base) && lo == floor(lo) && hi == floor(hi);
    s->n_ranges++;
    return PL_OK;
}

/* "PATH=LO:HI" or "PATH,PATH=xLO:HI" */
static int range_flag(sens_ctx *x, pl_ydoc *doc, const char *arg)
{
    char buf[PL_SENS_MAX_PATHS * PL_YPATH_MAX], where[PL_YPATH_MAX + 16];
    snprintf(where, sizeof where, "--range %.200s", arg);
    const char *eq = strrchr(arg, '=');
    if (!eq || eq == arg || strlen(arg) >= sizeof buf)
        return pl_error_set(x->err, PL_EINVAL, "%s: expected PATH=LO:HI (or PATH,PATH=xLO:HI to scale)", where);
    memcpy(buf, arg, (size_t)(eq - arg));
    buf[eq - arg] = 0;
    const char *v = eq + 1;
    int scale = *v == 'x';
    if (scale) v++;
    char num[64];
    const char *colon = strchr(v, ':');
    double lo, hi;
    if (!colon || (size_t)(colon - v) >= sizeof num)
        return pl_error_set(x->err, PL_EINVAL, "%s: expected LO:HI after '=', e.g. 0.05:0.5", where);
    memcpy(num, v, (size_t)(colon - v));
    num[colon - v] = 0;
    if (!parse_num(num, &lo) || !parse_num(colon + 1, &hi))
        return pl_error_set(x->err, PL_EINVAL, "%s: LO and HI must be numbers", where);
    const char *paths[PL_SENS_MAX_PATHS];
    int n = 0;
    for (char *p = buf, *comma; p; p = comma ? comma + 1 : NULL) {
        comma = strchr(p, ',');
        if (comma) *comma = 0;
        if (n == PL_SENS_MAX_PATHS) return pl_error_set(x->err, PL_EINVAL, "%s: at most %d paths", where, PL_SENS_MAX_PATHS);
        paths[n++] = p;
    }
    char name[PL_YPATH_MAX];
    snprintf(name, sizeof name, "%s%.200s", n > 1 && scale ? "scale of " : "", n > 1 ? paths[0] : buf);
    if (n > 1) snprintf(name + strlen(name), sizeof name - strlen(name), " (+%d)", n - 1);
    return add_range(x, doc, scale && n == 1 ? buf : name, paths, n, scale, lo, hi, where);
}

/* The scenario's own `sensitivity: ranges:` list (each: path or paths, from, to, scale, name). */
static int range_block(sens_ctx *x, pl_ydoc *doc)
{
    const pl_ynode *se = pl_ymap_get(doc->root, "sensitivity");
    if (!se || se->kind != PL_Y_MAP) return PL_OK;
    const pl_ynode *list = pl_ymap_get(se, "ranges");
    if (!list) return PL_OK;
    int rc = pl_yexpect(doc, list, PL_Y_SEQ, "'sensitivity: ranges:' (a list of {path, from, to})", x->err);
    static const char *const keys[] = {"name", "path", "paths", "from", "to", "scale", "note", "source", NULL};
    for (size_t i = 0; !rc && i < list->n; i++) {
        const pl_ynode *n = list->items[i];
        if ((rc = pl_yexpect(doc, n, PL_Y_MAP, "a range ({path, from, to})", x->err))) break;
        if ((rc = pl_ymap_check_keys(doc, n, keys, x->err))) break;
        const char *paths[PL_SENS_MAX_PATHS], *name = NULL;
        int np = 0, scale = 0;
        double lo = 0, hi = 0;
        const pl_ynode *one = pl_ymap_get(n, "path"), *many = pl_ymap_get(n, "paths");
        if (!!one == !!many) {
            rc = pl_yerr(doc, n, x->err, "a range needs 'path' (one value) or 'paths' (values to scale), not %s",
                         one ? "both" : "neither");
            break;
        }
        if (one && (rc = pl_ynode_str(doc, one, "'path'", &paths[np++], x->err))) break;
        if (many) {
            if ((rc = pl_yexpect(doc, many, PL_Y_SEQ, "'paths'", x->err))) break;
            if (!many->n || many->n > PL_SENS_MAX_PATHS) {
                rc = pl_yerr(doc, many, x->err, "'paths' needs 1 to %d paths", PL_SENS_MAX_PATHS);
                break;
            }
            for (size_t k = 0; k < many->n && !rc; k++) rc = pl_ynode_str(doc, many->items[k], "a path", &paths[np++], x->err);
            if (rc) break;
        }
        if ((rc = pl_yget_bool(doc, n, "scale", 0, &scale, x->err)) || (rc = pl_yget_num(doc, n, "from", 1, -1e12, 1e12, &lo, x->err)) ||
            (rc = pl_yget_num(doc, n, "to", 1, -1e12, 1e12, &hi, x->err)) || (rc = pl_yget_str(doc, n, "name", 0, &name, x->err)))
            break;
        char where[PL_YPATH_MAX + 64];
        snprintf(where, sizeof where, "%s:%d:%d", doc->path, n->line, n->col);
        rc = add_range(x, doc, name ? name : paths[0], paths, np, scale, lo, hi, where);
    }
    return rc;
}

static int design_index(const pl_eval_result *e, const char *name, size_t len)
{
    for (int d = 0; d < e->n; d++)
        if (strlen(e->name[d]) == len && !strncmp(e->name[d], name, len)) return d;
    return -1;
}

/* A flag beside the file refused: err set to the message, about that input (parley/error.h). */
static int refuse(pl_error *err, pl_input input, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(pl_error *err, pl_input input, const char *fmt, ...)
{
    char msg[PL_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pl_error_set(err, PL_EINVAL, "%s", msg);
    pl_error_about(err, input);
    return PL_EINVAL;
}

static int range_index(const pl_sensitivity *s, const char *t, size_t len)
{
    for (int k = 0; k < s->n_ranges; k++)
        if (strlen(s->range[k].name) == len && !strncmp(s->range[k].name, t, len)) return k;
    int digits = len > 0 && len < 4, v = 0;
    for (size_t i = 0; i < len; i++) digits &= t[i] >= '0' && t[i] <= '9', v = v * 10 + (t[i] - '0');
    return digits && v >= 1 && v <= s->n_ranges ? v - 1 : -1;
}

/* ---- the analyses ------------------------------------------------------------ */

/* One-at-a-time end i (2 k: range k's low end, 2 k + 1 its high end) at values: evaluated with the
 * baseline (evaluate_base), or now. */
static int end_point(sens_ctx *x, const double *values, int i, pl_sens_point *p)
{
    if (!x->end || !x->end_shared[i]) return eval_point(x, values, x->s->runs, p);
    point_of(x, &x->end[i], p);
    counted(x);
    return PL_OK;
}

static int one_at_a_time(sens_ctx *x, double *values)
{
    pl_sensitivity *s = x->s;
    for (int k = 0; k < s->n_ranges; k++) {
        double keep = values[k];
        values[k] = s->range[k].lo;
        int rc = end_point(x, values, 2 * k, &s->at_lo[k]);
        values[k] = s->range[k].hi;
        if (!rc) rc = end_point(x, values, 2 * k + 1, &s->at_hi[k]);
        values[k] = keep;
        if (rc) return rc;
    }
    return PL_OK;
}

static int sign_of(double d) { return d > 0 ? 1 : d < 0 ? -1 : 0; }

int pl_sens_flip_is_clear(const pl_sensitivity *s, int k)
{
    const pl_sens_point *lo = &s->at_lo[k], *hi = &s->at_hi[k];
    return (lo->diff_lo > 0 && hi->diff_hi < 0) || (lo->diff_hi < 0 && hi->diff_lo > 0);
}

/* Whether break_even bisects range k: the ranking flips strictly inside it (and, in the quick
 * pass, the flip is clear). */
static int bisects(const pl_sensitivity *s, int k)
{
    int slo = sign_of(s->at_lo[k].diff), shi = sign_of(s->at_hi[k].diff);
    return !(s->quick && !pl_sens_flip_is_clear(s, k)) && slo && shi && slo != shi;
}

static int break_even(sens_ctx *x, double *values)
{
    pl_sensitivity *s = x->s;
    uint64_t bisected = 0; /* the ranges the loop below bisects, for the progress display */
    for (int k = 0; k < s->n_ranges; k++) bisected += bisects(s, k);
    begin_part(x, "break-even", bisected * (uint64_t)s->bisect_steps);
    for (int k = 0; k < s->n_ranges; k++) {
        pl_sens_breakeven *be = &s->be[k];
        memset(be, 0, sizeof *be);
        be->at = be->bracket_lo = be->bracket_hi = NAN;
        int slo = sign_of(s->at_lo[k].diff), shi = sign_of(s->at_hi[k].diff);
        if (s->quick && !pl_sens_flip_is_clear(s, k)) continue;
        if (!bisects(s, k)) {
            if (slo != shi) { /* a tie at an end: the break-even is that end */
                be->flips = 1, be->tie = !slo ? PL_SENS_TIE_LOW_END : PL_SENS_TIE_HIGH_END;
                be->at = be->bracket_lo = be->bracket_hi = !slo ? s->range[k].lo : s->range[k].hi;
            }
            continue;
        }
        be->flips = 1;
        double lo = s->range[k].lo, hi = s->range[k].hi, keep = values[k];
        for (int i = 0; i < s->bisect_steps; i++) {
            pl_sens_point p;
            values[k] = (lo + hi) / 2;
            int rc = eval_point(x, values, s->runs, &p);
            if (rc) {
                values[k] = keep;
                return rc;
            }
            be->evaluations++;
            int sm = sign_of(p.diff);
            if (!sm) {
                be->tie = PL_SENS_TIE_INSIDE;
                lo = hi = values[k];
                break;
            }
            if (sm == slo)
                lo = values[k];
            else
                hi = values[k];
        }
        values[k] = keep;
        be->bracket_lo = lo, be->bracket_hi = hi, be->at = (lo + hi) / 2;
    }
    return PL_OK;
}

/* A Latin hypercube of n rows in [0,1)^k: each column a shuffled stratum per row, jittered. */
static void latin_hypercube(double *m, int n, int k, pl_rng *r)
{
    for (int c = 0; c < k; c++) {
        for (int i = 0; i < n; i++) m[i * k + c] = (i + pl_rng_uniform(r)) / n;
        for (int i = n - 1; i > 0; i--) {
            int j = (int)pl_rng_below(r, (uint64_t)i + 1);
            double t = m[i * k + c];
            m[i * k + c] = m[j * k + c], m[j * k + c] = t;
        }
    }
}

static int cmp_double(const void *p, const void *q)
{
    double a = *(const double *)p, b = *(const double *)q;
    return a < b ? -1 : a > b;
}

/* First-order (Saltelli 2010) and total (Jansen 1999) indices of input i for output o over rows idx. */
static void indices(const double *fa, const double *fb, const double *fab, const int *idx, int n, int O, int o, double *s1,
                    double *st)
{
    double sum = 0, sq = 0, m1 = 0, m2 = 0;
    for (int j = 0; j < n; j++) {
        double a = fa[idx[j] * O + o], b = fb[idx[j] * O + o], ab = fab[idx[j] * O + o];
        sum += a + b, sq += a * a + b * b;
        m1 += b * (ab - a);
        m2 += (a - ab) * (a - ab);
    }
    double mean = sum / (2.0 * n), var = sq / (2.0 * n) - mean * mean;
    if (var <= 1e-15) {
        *s1 = *st = NAN;
        return;
    }
    *s1 = m1 / n / var;
    *st = m2 / (2.0 * n) / var;
}

static int sobol(sens_ctx *x)
{
    pl_sensitivity *s = x->s;
    int N = s->sobol_n, K = s->n_ranges, O = s->base.n + 1;
    double *A = pl_malloc(sizeof(double) * (size_t)N * K), *B = pl_malloc(sizeof(double) * (size_t)N * K);
    double *fa = pl_malloc(sizeof(double) * (size_t)N * O), *fb = pl_malloc(sizeof(double) * (size_t)N * O);
    double *fab = pl_malloc(sizeof(double) * (size_t)N * O * K);
    double *boot = pl_malloc(sizeof(double) * (size_t)s->bootstrap * 2);
    int *idx = pl_malloc(sizeof(int) * (size_t)N);
    int rc = (!A || !B || !fa || !fb || !fab || !boot || !idx) ? pl_error_set(x->err, PL_ENOMEM, "out of memory") : 0;
    if (!rc) {
        pl_rng r;
        pl_rng_init(&r, s->seed, 0x5e45, 1);
        latin_hypercube(A, N, K, &r);
        latin_hypercube(B, N, K, &r);
        begin_part(x, "Sobol", (uint64_t)N * (uint64_t)(K + 2));
        double values[PL_SENS_MAX_RANGES];
        for (int j = 0; j < N && !rc; j++) {
            for (int m = -2; m < K && !rc; m++) { /* -2: row of A, -1: row of B, i: A with column i of B */
                for (int c = 0; c < K; c++) {
                    double u = (m == -1 || m == c) ? B[j * K + c] : A[j * K + c];
                    values[c] = s->range[c].lo + u * (s->range[c].hi - s->range[c].lo);
                }
                pl_sens_point p;
                if ((rc = eval_point(x, values, s->sobol_runs, &p))) break;
                double *out = m == -2 ? fa + j * O : m == -1 ? fb + j * O : fab + ((size_t)m * N + j) * O;
                for (int o = 0; o < O - 1; o++) out[o] = p.rate[o];
                out[O - 1] = p.diff;
            }
        }
    }
    for (int o = 0; !rc && o < O; o++) {
        for (int j = 0; j < N; j++) idx[j] = j;
        double sum = 0, sq = 0;
        for (int j = 0; j < N; j++) sum += fa[j * O + o] + fb[j * O + o], sq += fa[j * O + o] * fa[j * O + o] + fb[j * O + o] * fb[j * O + o];
        s->sobol_var[o] = sq / (2.0 * N) - (sum / (2.0 * N)) * (sum / (2.0 * N));
        for (int i = 0; i < K; i++) {
            pl_sens_index *ix = &s->sobol[i][o];
            const double *fabi = fab + (size_t)i * N * O;
            indices(fa, fb, fabi, idx, N, O, o, &ix->s1, &ix->st);
            pl_rng r;
            pl_rng_init(&r, s->seed, 0x5e45, 2 + (uint64_t)i * 64 + (uint64_t)o);
            int nb = 0;
            for (int b = 0; b < s->bootstrap; b++) {
                for (int j = 0; j < N; j++) idx[j] = (int)pl_rng_below(&r, (uint64_t)N);
                double s1, st;
                indices(fa, fb, fabi, idx, N, O, o, &s1, &st);
                if (isfinite(s1) && isfinite(st)) boot[nb] = s1, boot[s->bootstrap + nb] = st, nb++;
            }
            ix->s1_lo = ix->s1_hi = ix->st_lo = ix->st_hi = NAN;
            if (nb >= 10) {
                qsort(boot, (size_t)nb, sizeof *boot, cmp_double);
                qsort(boot + s->bootstrap, (size_t)nb, sizeof *boot, cmp_double);
                ix->s1_lo = pl_stats_quantile_sorted(boot, (size_t)nb, 0.025);
                ix->s1_hi = pl_stats_quantile_sorted(boot, (size_t)nb, 0.975);
                ix->st_lo = pl_stats_quantile_sorted(boot + s->bootstrap, (size_t)nb, 0.025);
                ix->st_hi = pl_stats_quantile_sorted(boot + s->bootstrap, (size_t)nb, 0.975);
            }
            for (int j = 0; j < N; j++) idx[j] = j;
        }
    }
    pl_free(A), pl_free(B), pl_free(fa), pl_free(fb), pl_free(fab), pl_free(boot), pl_free(idx);
    return rc;
}

static int grid(sens_ctx *x, double *values)
{
    pl_sensitivity *s = x->s;
    int G = s->grid_steps, r = s->grid_r, c = s->grid_c;
    double kr = values[r], kc = values[c];
    int rc = PL_OK;
    for (int i = 0; i < G && !rc; i++) {
        s->grid_x[i] = s->range[r].lo + (s->range[r].hi - s->range[r].lo) * i / (G - 1);
        s->grid_y[i] = s->range[c].lo + (s->range[c].hi - s->range[c].lo) * i / (G - 1);
    }
    begin_part(x, "grid", (uint64_t)G * (uint64_t)G);
    for (int i = 0; i < G && !rc; i++)
        for (int j = 0; j < G && !rc; j++) {
            values[r] = s->grid_x[i], values[c] = s->grid_y[j];
            rc = eval_point(x, values, s->runs, &s->grid[i][j]);
        }
    values[r] = kr, values[c] = kc;
    return rc;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int analyse(sens_ctx *x, const pl_sensitivity_config *cfg, FILE *summary)
{
    pl_sensitivity *s = x->s;
    x->cfg = cfg;
    pl_ydoc *doc;
    int rc = load_base(x, &doc);
    if (rc) return rc;
    const char *kind = NULL;
    if (!doc->root || doc->root->kind != PL_Y_MAP)
        rc = pl_yerr(doc, doc->root, x->err, "a scenario must be a map of keys, starting with 'kind:'");
    if (!rc) rc = pl_scenario_check_sources(doc, x->err);
    if (!rc) rc = pl_yget_str(doc, doc->root, "kind", 1, &kind, x->err);
    if (!rc) {
        int known = 0;
        for (int i = 0; pl_scenario_kind_name(i, NULL); i++) known |= !strcmp(pl_scenario_kind_name(i, NULL), kind);
        x->eval = pl_scenario_evaluator(kind);
        x->shared = pl_scenario_shared_evaluator(kind);
        if (!known)
            rc = pl_yerr(doc, pl_ymap_get(doc->root, "kind"), x->err, "unknown scenario kind '%s'", kind);
        else if (!x->eval)
            rc = pl_yerr(doc, pl_ymap_get(doc->root, "kind"), x->err,
                         "parley sensitivity does not analyse '%s' scenarios yet; "
                         "parley run --set changes one value of any kind", kind);
        else
            snprintf(s->kind, sizeof s->kind, "%s", kind);
    }
    const char *name = NULL;
    if (!rc && !pl_yget_str(doc, doc->root, "name", 0, &name, x->err) && name)
        snprintf(s->scenario_name, sizeof s->scenario_name, "%s", name);
    if (!rc) rc = range_block(x, doc);
    for (int i = 0; !rc && i < cfg->n_ranges; i++)
        if ((rc = range_flag(x, doc, cfg->ranges[i])) && rc != PL_ENOMEM && x->err->input == PL_INPUT_UNSAID)
            pl_error_about(x->err, PL_INPUT_RANGE);
    if (rc) {
        pl_ydoc_free(doc);
        return rc;
    }
    x->base = doc; /* every point starts from it (freed by the caller) */
    if (!s->n_ranges)
        return pl_error_set(x->err, PL_EINVAL, "%s: no ranges to analyse: add a 'sensitivity: ranges:' list to the "
                            "scenario or give --range PATH=LO:HI", s->path);
    if (cfg->grid) { /* two ranges by name or 1-based number */
        const char *comma = strchr(cfg->grid, ',');
        if (comma) s->grid_r = range_index(s, cfg->grid, (size_t)(comma - cfg->grid)),
                   s->grid_c = range_index(s, comma + 1, strlen(comma + 1));
        if (!comma || s->grid_r < 0 || s->grid_c < 0 || s->grid_r == s->grid_c)
            return refuse(x->err, PL_INPUT_GRID, "--grid '%s': expected two different ranges R1,R2, by name or by number (1 to %d)",
                          cfg->grid, s->n_ranges);
    }
    if ((rc = whole_ranges(x))) return rc;
    double values[PL_SENS_MAX_RANGES];
    for (int k = 0; k < s->n_ranges; k++) values[k] = s->range[k].scale ? 1 : s->range[k].base;
    /* the baseline, and the designs compared */
    double t0 = now_seconds();
    s->a = s->b = -1;
    begin_part(x, "baseline", 1);
    if ((rc = evaluate_base(x, values, cfg->runs, &s->base))) return rc;
    s->runs = s->base.runs, s->seed = s->base.seed;
    x->ec.seed = s->seed, x->ec.seed_given = 1;
    s->sobol_runs = cfg->sobol_runs ? cfg->sobol_runs : (s->runs / 10 > 200 ? s->runs / 10 : 200);
    if (cfg->compare) {
        const char *comma = strchr(cfg->compare, ',');
        if (comma) s->a = design_index(&s->base, cfg->compare, (size_t)(comma - cfg->compare)),
                   s->b = design_index(&s->base, comma + 1, strlen(comma + 1));
        if (!comma || s->a < 0 || s->b < 0 || s->a == s->b) {
            char list[PL_EVAL_MAX_DESIGNS * PL_EVAL_NAME_MAX] = "";
            size_t len = 0;
            for (int d = 0; d < s->base.n; d++) len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", d ? ", " : "", s->base.name[d]);
            return refuse(x->err, PL_INPUT_COMPARE, "--compare '%s': expected two different %s A,B of: %s", cfg->compare,
                          s->base.items, list);
        }
    } else if (s->base.n >= 2) { /* the two best at the baseline (file order on a tie) */
        for (int d = 0; d < s->base.n; d++)
            if (s->a < 0 || s->base.success[d] > s->base.success[s->a]) s->a = d;
        for (int d = 0; d < s->base.n; d++)
            if (d != s->a && (s->b < 0 || s->base.success[d] > s->base.success[s->b])) s->b = d;
    }
    point_of(x, &s->base, &s->base_point);
    if (s->base.n < 2) s->a = s->b = -1;
    if (s->grid_r >= 0 && s->a < 0)
        return refuse(x->err, PL_INPUT_GRID, "--grid compares two %s; the scenario has one", s->base.items);
    double t1 = now_seconds();
    begin_part(x, "one at a time", 2 * (uint64_t)s->n_ranges);
    if ((rc = one_at_a_time(x, values))) return rc;
    double t2 = now_seconds();
    if (s->a >= 0 && (rc = break_even(x, values))) return rc;
    double t3 = now_seconds();
    if (s->sobol_n && (rc = sobol(x))) return rc;
    double t4 = now_seconds();
    if (s->grid_r >= 0 && (rc = grid(x, values))) return rc;
    double t5 = now_seconds();
    int forked = 0; /* the one-at-a-time ends played with the baseline: their time is the baseline's */
    for (int i = 0; x->end && i < 2 * s->n_ranges; i++) forked += x->end_shared[i];
    char with[64] = "";
    if (forked) snprintf(with, sizeof with, " (with %d end%s forked from its runs)", forked, forked == 1 ? "" : "s");
    if (cfg->log)
        fprintf(cfg->log,
                "parley sensitivity: %d points; baseline %.2f s%s, one at a time (%d ranges x 2 x %llu runs) %.2f s, "
                "break-even %.2f s, Sobol (%d rows x %d points x %llu runs) %.2f s, grid %.2f s (%d thread%s)\n",
                s->evaluations, t1 - t0, with, s->n_ranges, (unsigned long long)s->runs, t2 - t1, t3 - t2, s->sobol_n,
                s->n_ranges + 2, (unsigned long long)s->sobol_runs, t4 - t3, t5 - t4, x->ec.threads, x->ec.threads == 1 ? "" : "s");
    if (summary) pl_sens_write_summary(summary, s);
    if (cfg->out_dir) {
        rc = pl_sens_write_results(cfg->out_dir, s, x->err);
    }
    return rc;
}

int pl_sensitivity_run_file(const char *path, const pl_sensitivity_config *cfg, FILE *summary, pl_error *err)
{
    pl_ydoc *doc;
    int rc = pl_ydoc_load(&doc, path, err); /* "-": standard input, read once */
    if (rc) return rc;
    pl_sensitivity *s = pl_calloc(1, sizeof *s);
    if (!s) {
        pl_ydoc_free(doc);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    s->path = doc->path, s->sets = cfg->sets, s->n_sets = cfg->n_sets;
    pl_overrides log = {0};
    s->log = &log;
    s->bisect_steps = cfg->bisect_steps > 0 ? cfg->bisect_steps : 8;
    s->sobol_n = cfg->sobol_n > 0 ? cfg->sobol_n : 0;
    s->bootstrap = cfg->bootstrap > 0 ? cfg->bootstrap : 500;
    s->grid_steps = cfg->grid_steps > 1 ? cfg->grid_steps : 7;
    s->grid_r = s->grid_c = -1;
    if (s->grid_steps > PL_SENS_MAX_GRID) rc = refuse(err, PL_INPUT_GRID_STEPS, "--grid-steps: at most %d", PL_SENS_MAX_GRID);
    sens_ctx x = {.s = s, .doc = doc, .err = err, .ec = {.runs = cfg->runs, .seed = cfg->seed, .seed_given = cfg->seed_given,
                                              .threads = cfg->threads > 0 ? cfg->threads : 1}};
    if (!rc) rc = analyse(&x, cfg, summary);
    pl_ydoc_free(x.base);
    pl_free(x.end);
    pl_overrides_clear(&log);
    pl_free(s);
    pl_ydoc_free(doc);
    return rc;
}

int pl_sensitivity_depends_on(const pl_ydoc *doc, const pl_run_options *opt, uint64_t runs, char *buf, size_t n,
                              pl_error *err)
{
    buf[0] = 0;
    pl_sensitivity *s = pl_calloc(1, sizeof *s);
    if (!s) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_sensitivity_config cfg = {.runs = runs, .seed = opt->seed, .seed_given = opt->seed_given, .threads = opt->threads,
                                 .sets = opt->sets, .n_sets = opt->n_sets, .bisect_steps = 5,
                                 .phase = opt->phase, .progress = opt->progress, .progress_user = opt->progress_user,
                                 .phase_prefix = "key findings: "};
    s->path = doc->path, s->sets = cfg.sets, s->n_sets = cfg.n_sets;
    s->bisect_steps = cfg.bisect_steps, s->bootstrap = 500, s->grid_steps = 7;
    s->grid_r = s->grid_c = -1;
    s->quick = 1;
    sens_ctx x = {.s = s, .doc = doc, .err = err, .ec = {.runs = runs, .seed = cfg.seed, .seed_given = cfg.seed_given,
                                              .threads = cfg.threads > 0 ? cfg.threads : 1}};
    int rc = analyse(&x, &cfg, NULL);
    pl_ydoc_free(x.base);
    pl_free(x.end);
    if (!rc && s->a >= 0) {
        size_t len = (size_t)snprintf(buf, n, "What the ranking of %s and %s depends on (one at a time over the %d "
                                      "declared assumption%s, %llu runs a point; parley sensitivity for the full "
                                      "analysis): ", s->base.name[s->a], s->base.name[s->b], s->n_ranges,
                                      s->n_ranges == 1 ? "" : "s", (unsigned long long)s->runs);
        if (len < n) pl_sens_depends_text(s, buf + len, n - len);
        len = strlen(buf);
        while (len && buf[len - 1] == ' ') buf[--len] = 0;
    }
    pl_free(s);
    return rc;
}

void pl_sensitivity_config_default(pl_sensitivity_config *cfg)
{
    *cfg = (pl_sensitivity_config){.threads = 1}; /* a 0 in the others is "the default" (sensitivity.h) */
}

/* pl_scenario_run: the run, with what its ranking depends on for the key findings when the scenario
 * declares `sensitivity: ranges:` (one at a time at a modest cost).  It lives here, over
 * pl_scenario_run_plain, so that the scenario module does not depend on the sensitivity engine.
 * If the pass fails, the run goes first, so that a mistake of the scenario itself is reported as
 * the run reports it; a mistake only the ranges make is reported after. */
int pl_scenario_run(const pl_scenario *s, const pl_run_options *opt, FILE *summary, pl_error *err)
{
    const pl_ydoc *doc = pl_scenario_doc(s);
    pl_run_options o = *opt;
    char depends[1200];
    o.depends_on = NULL;
    pl_error sens_err = {0};
    int sens_rc = PL_OK;
    if (pl_scenario_evaluator(pl_scenario_kind(s)) && pl_ymap_get(pl_ymap_get(doc->root, "sensitivity"), "ranges") && !opt->types_posterior) {
        uint64_t runs = opt->runs > 0 && opt->runs < PL_RUN_SENSITIVITY_RUNS ? (uint64_t)opt->runs : PL_RUN_SENSITIVITY_RUNS;
        /* the pass works on copies of the loaded document (also one read from standard input) */
        sens_rc = pl_sensitivity_depends_on(doc, opt, runs, depends, sizeof depends, &sens_err);
        if (!sens_rc && *depends) o.depends_on = depends;
    }
    if (opt->phase) opt->phase(opt->progress_user, "runs");
    int rc = pl_scenario_run_plain(s, &o, summary, err);
    if (!rc && sens_rc) {
        rc = sens_rc;
        if (err) *err = sens_err;
    }
    return rc;
}
