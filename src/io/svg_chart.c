// SPDX-License-Identifier: MIT
/* svg_chart.c — the chart object: create, the setters, free, and pl_chart_svg.
 *
 * Why hand-written SVG rather than a plotting library: a report must open from
 * disk with no network and no script, must be byte-identical for the same data
 * (reports are compared in tests and kept under version control), and must be
 * safe whatever a scenario calls its parties.  SVG written by one small module
 * gives all three, and the browser does the typesetting.
 *
 * How it is built: this file holds the chart's data and checks what the caller
 * gives (an error is recorded once and returned by pl_chart_svg, so a caller may
 * make many calls and check once).  Each kind of chart is one render function in
 * its own file (svg_bar.c, svg_box.c, svg_heatmap.c, svg_line.c, svg_histogram.c,
 * svg_timeline.c) that computes a layout (margins from estimated label widths, then
 * the plot rectangle) and draws with a handful of shared pieces — the frame and
 * legend (svg_frame.c), value, category and month axes (svg_axes.c), and text output
 * that always escapes (svg_text.c); svg_internal.h declares them.  Text widths are
 * estimated (0.58 em per character of a sans-serif face) because there is no font
 * to measure with; the estimates err wide so labels do not collide.  Nothing here
 * allocates ids: two charts in one page cannot clash. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "io/svg_internal.h"

const char *const pl_svg_kind_names[] = {"bar", "box", "heatmap", "line", "histogram", "timeline", "graph", "area"};

/* ------------------------------------------------------------------ errors */

#define fail(c, code, ...) pl_error_set_first((c) ? &(c)->err : NULL, (code), __VA_ARGS__)

static int need_kind(pl_chart *c, const char *what, int ok)
{
    if (!c) return PL_EINVAL;
    if (!ok) return fail(c, PL_EINVAL, "%s does not apply to a %s chart", what, pl_svg_kind_names[c->kind]);
    return PL_OK;
}

/* --------------------------------------------------------------- copying */

static char *dup_or_null(const char *s) { return s ? pl_strdup(s) : NULL; }

/* Replaces *dst by a copy of s; 0 or PL_ENOMEM. */
static int set_str(pl_chart *c, char **dst, const char *s)
{
    char *p = dup_or_null(s);
    if (s && !p) return fail(c, PL_ENOMEM, "out of memory");
    pl_free(*dst);
    *dst = p;
    return PL_OK;
}

static double *dup_doubles(const double *v, size_t n)
{
    if (n > ((size_t)-1) / sizeof(double)) return NULL;
    double *p = pl_malloc(n ? n * sizeof *p : 1);
    if (p && n) memcpy(p, v, n * sizeof *p);
    return p;
}

static char **dup_labels(const char *const *labels, size_t n, int number_if_null)
{
    char **p = pl_calloc(n ? n : 1, sizeof *p);
    if (!p) return NULL;
    for (size_t i = 0; i < n; i++) {
        char num[32];
        const char *s = labels ? labels[i] : NULL;
        if (!s && number_if_null) {
            snprintf(num, sizeof num, "%zu", i + 1);
            s = num;
        }
        p[i] = dup_or_null(s ? s : "");
        if (!p[i]) {
            for (size_t j = 0; j < i; j++) pl_free(p[j]);
            pl_free(p);
            return NULL;
        }
    }
    return p;
}

static void free_labels(char **p, size_t n)
{
    if (!p) return;
    for (size_t i = 0; i < n; i++) pl_free(p[i]);
    pl_free(p);
}

/* ------------------------------------------------------ create and setters */

pl_chart *pl_chart_create(pl_chart_kind kind, const char *title)
{
    pl_chart *c = pl_calloc(1, sizeof *c);
    if (!c) return NULL;
    c->kind = kind;
    c->decimals = -1;
    if ((unsigned)kind > PL_CHART_AREA) {
        c->kind = PL_CHART_BAR;
        fail(c, PL_EINVAL, "unknown chart kind %d", (int)kind);
    }
    if (title && !(c->title = dup_or_null(title))) {
        pl_free(c);
        return NULL;
    }
    return c;
}

void pl_chart_free(pl_chart *c)
{
    if (!c) return;
    pl_free(c->title);
    pl_free(c->subtitle);
    pl_free(c->x_title);
    pl_free(c->y_title);
    free_labels(c->cats, c->n_cats);
    for (size_t i = 0; i < c->n_series; i++) {
        pl_free(c->series[i].name);
        pl_free(c->series[i].v);
        pl_free(c->series[i].lo);
        pl_free(c->series[i].hi);
    }
    pl_free(c->series);
    pl_free(c->x);
    for (size_t i = 0; i < c->n_boxes; i++) {
        pl_free(c->boxes[i].label);
        pl_free(c->boxes[i].v);
    }
    pl_free(c->boxes);
    pl_free(c->matrix);
    free_labels(c->row_labels, c->rows);
    free_labels(c->col_labels, c->cols);
    free_labels(c->tl_rows, c->n_tl_rows);
    for (size_t i = 0; i < c->n_marks; i++) pl_free(c->marks[i].note);
    pl_free(c->marks);
    for (size_t i = 0; i < c->n_xmarkers; i++) pl_free(c->xmarkers[i].label);
    pl_free(c->xmarkers);
    free_labels(c->g_nodes, c->n_gnodes);
    pl_free(c->g_hl), pl_free(c->g_from), pl_free(c->g_to), pl_free(c->g_kind);
    pl_free(c);
}

int pl_chart_set_size(pl_chart *c, int width, int height)
{
    if (!c) return PL_EINVAL;
    if (width < 0 || height < 0 || width > 20000 || height > 100000 || (width && width < 200) || (height && height < 120))
        return fail(c, PL_EINVAL, "chart size %dx%d: width must be 0 or 200..20000, height 0 or 120..100000", width,
                    height);
    c->width = width;
    c->height = height;
    return PL_OK;
}

int pl_chart_set_subtitle(pl_chart *c, const char *subtitle) { return c ? set_str(c, &c->subtitle, subtitle) : PL_EINVAL; }

int pl_chart_set_axis_titles(pl_chart *c, const char *x_title, const char *y_title)
{
    if (!c) return PL_EINVAL;
    int rc = set_str(c, &c->x_title, x_title);
    return rc ? rc : set_str(c, &c->y_title, y_title);
}

int pl_chart_set_value_range(pl_chart *c, double lo, double hi)
{
    if (!c) return PL_EINVAL;
    if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
        return fail(c, PL_EINVAL, "value range [%g, %g]: expected two finite numbers, the first below the second", lo, hi);
    c->has_vrange = 1;
    c->vlo = lo;
    c->vhi = hi;
    return PL_OK;
}

int pl_chart_set_decimals(pl_chart *c, int decimals)
{
    if (!c) return PL_EINVAL;
    if (decimals < -1 || decimals > 10) return fail(c, PL_EINVAL, "decimals must be -1 (automatic) or 0..10, got %d", decimals);
    c->decimals = decimals;
    return PL_OK;
}

int pl_chart_set_horizontal(pl_chart *c, int horizontal)
{
    int rc = need_kind(c, "horizontal", c && (c->kind == PL_CHART_BAR || c->kind == PL_CHART_BOX));
    if (rc) return rc;
    c->horizontal = horizontal != 0;
    return PL_OK;
}

int pl_chart_set_categories(pl_chart *c, size_t n, const char *const *labels)
{
    int rc = need_kind(c, "categories", c && c->kind == PL_CHART_BAR);
    if (rc) return rc;
    if (c->n_series) return fail(c, PL_EINVAL, "set the categories before adding series");
    char **p = dup_labels(labels, n, 1);
    if (!p) return fail(c, PL_ENOMEM, "out of memory");
    free_labels(c->cats, c->n_cats);
    c->cats = p;
    c->n_cats = n;
    return PL_OK;
}

int pl_chart_add_series(pl_chart *c, const char *name, const double *values, size_t n)
{
    int rc = need_kind(c, "a series",
                       c && (c->kind == PL_CHART_BAR || c->kind == PL_CHART_LINE || c->kind == PL_CHART_HISTOGRAM ||
                             c->kind == PL_CHART_AREA));
    if (rc) return rc;
    const char *nm = name ? name : "";
    if (c->kind == PL_CHART_BAR && n != c->n_cats)
        return fail(c, PL_EINVAL, "series '%s' has %zu values for %zu categories", nm, n, c->n_cats);
    if ((c->kind == PL_CHART_LINE || c->kind == PL_CHART_AREA) && n != c->n_x)
        return fail(c, PL_EINVAL, "series '%s' has %zu values for %zu x values", nm, n, c->n_x);
    if (n && !values) return fail(c, PL_EINVAL, "series '%s': no values given", nm);
    series *ns = pl_realloc(c->series, (c->n_series + 1) * sizeof *ns);
    if (!ns) return fail(c, PL_ENOMEM, "out of memory");
    c->series = ns;
    series *s = &ns[c->n_series];
    memset(s, 0, sizeof *s);
    s->name = dup_or_null(name);
    s->v = dup_doubles(values, n);
    s->n = n;
    if ((name && !s->name) || !s->v) {
        pl_free(s->name);
        pl_free(s->v);
        return fail(c, PL_ENOMEM, "out of memory");
    }
    c->n_series++;
    return PL_OK;
}

int pl_chart_set_errors(pl_chart *c, size_t idx, const double *lo, const double *hi)
{
    int rc = need_kind(c, "error bars", c && (c->kind == PL_CHART_BAR || c->kind == PL_CHART_LINE));
    if (rc) return rc;
    if (idx >= c->n_series) return fail(c, PL_EINVAL, "error bars for series %zu, but there are %zu series", idx, c->n_series);
    if (!lo || !hi) return fail(c, PL_EINVAL, "error bars need both lower and upper ends");
    series *s = &c->series[idx];
    double *l = dup_doubles(lo, s->n), *h = dup_doubles(hi, s->n);
    if (!l || !h) {
        pl_free(l);
        pl_free(h);
        return fail(c, PL_ENOMEM, "out of memory");
    }
    pl_free(s->lo);
    pl_free(s->hi);
    s->lo = l;
    s->hi = h;
    return PL_OK;
}

int pl_chart_add_box(pl_chart *c, const char *label, const double *values, size_t n)
{
    int rc = need_kind(c, "a box", c && c->kind == PL_CHART_BOX);
    if (rc) return rc;
    if (n && !values) return fail(c, PL_EINVAL, "box '%s': no values given", label ? label : "");
    box *nb = pl_realloc(c->boxes, (c->n_boxes + 1) * sizeof *nb);
    if (!nb) return fail(c, PL_ENOMEM, "out of memory");
    c->boxes = nb;
    box *b = &nb[c->n_boxes];
    b->label = dup_or_null(label ? label : "");
    b->v = dup_doubles(values, n);
    b->n = n;
    if (!b->label || !b->v) {
        pl_free(b->label);
        pl_free(b->v);
        return fail(c, PL_ENOMEM, "out of memory");
    }
    c->n_boxes++;
    return PL_OK;
}

int pl_chart_set_matrix(pl_chart *c, size_t rows, size_t cols, const double *values, const char *const *row_labels,
                        const char *const *col_labels)
{
    int rc = need_kind(c, "a matrix", c && c->kind == PL_CHART_HEATMAP);
    if (rc) return rc;
    if (rows && cols && !values) return fail(c, PL_EINVAL, "matrix %zux%zu: no values given", rows, cols);
    if (rows > PL_CHART_MAX_SIDE || cols > PL_CHART_MAX_SIDE) return fail(c, PL_EINVAL, "matrix %zux%zu is too large to draw", rows, cols);
    double *m = dup_doubles(values, rows * cols);
    char **rl = dup_labels(row_labels, rows, 1), **cl = dup_labels(col_labels, cols, 1);
    if (!m || !rl || !cl) {
        pl_free(m);
        free_labels(rl, rows);
        free_labels(cl, cols);
        return fail(c, PL_ENOMEM, "out of memory");
    }
    pl_free(c->matrix);
    free_labels(c->row_labels, c->rows);
    free_labels(c->col_labels, c->cols);
    c->matrix = m;
    c->row_labels = rl;
    c->col_labels = cl;
    c->rows = rows;
    c->cols = cols;
    return PL_OK;
}

uint64_t pl_chart_thin(uint64_t last, size_t most, size_t *count)
{
    uint64_t stride = (last + most) / most; /* (last + 1) / most rounded up */
    *count = (size_t)(last / stride) + 1 + (last % stride != 0);
    return stride;
}

int pl_chart_set_x(pl_chart *c, const double *x, size_t n)
{
    int rc = need_kind(c, "x values", c && (c->kind == PL_CHART_LINE || c->kind == PL_CHART_AREA));
    if (rc) return rc;
    if (c->n_series) return fail(c, PL_EINVAL, "set the x values before adding series");
    if (n && !x) return fail(c, PL_EINVAL, "x values: none given");
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i])) return fail(c, PL_EINVAL, "x value %zu is not a finite number", i);
        if (i && !(x[i] > x[i - 1]))
            return fail(c, PL_EINVAL, "x values must increase: x[%zu] = %g follows %g", i, x[i], x[i - 1]);
    }
    double *p = dup_doubles(x, n);
    if (!p) return fail(c, PL_ENOMEM, "out of memory");
    pl_free(c->x);
    c->x = p;
    c->n_x = n;
    return PL_OK;
}

int pl_chart_set_bins(pl_chart *c, int bins)
{
    int rc = need_kind(c, "bins", c && c->kind == PL_CHART_HISTOGRAM);
    if (rc) return rc;
    if (bins < 0 || bins > 1000) return fail(c, PL_EINVAL, "bins must be 0 (automatic) or 1..1000, got %d", bins);
    c->bins = bins;
    return PL_OK;
}

int pl_chart_graph_add_node(pl_chart *c, const char *label, int highlight)
{
    int rc = need_kind(c, "a graph node", c && c->kind == PL_CHART_GRAPH);
    if (rc) return rc;
    if (c->n_gnodes >= 4096) return fail(c, PL_EINVAL, "too many graph nodes");
    char **p = pl_realloc(c->g_nodes, (c->n_gnodes + 1) * sizeof *p);
    if (!p) return fail(c, PL_ENOMEM, "out of memory");
    c->g_nodes = p;
    int *h = pl_realloc(c->g_hl, (c->n_gnodes + 1) * sizeof *h);
    if (!h) return fail(c, PL_ENOMEM, "out of memory");
    c->g_hl = h;
    if (!(p[c->n_gnodes] = dup_or_null(label ? label : ""))) return fail(c, PL_ENOMEM, "out of memory");
    h[c->n_gnodes] = highlight != 0;
    return (int)c->n_gnodes++;
}

int pl_chart_graph_add_edge(pl_chart *c, size_t from, size_t to, pl_graph_edge_kind kind)
{
    int rc = need_kind(c, "a graph edge", c && c->kind == PL_CHART_GRAPH);
    if (rc) return rc;
    if (from >= c->n_gnodes || to >= c->n_gnodes || from == to)
        return fail(c, PL_EINVAL, "an edge from node %zu to node %zu: expected two different nodes below %zu", from, to,
                    c->n_gnodes);
    if ((unsigned)kind > PL_GE_REMOVED) return fail(c, PL_EINVAL, "unknown edge kind %d", (int)kind);
    size_t n = c->n_gedges + 1;
    size_t *f = pl_realloc(c->g_from, n * sizeof *f), *t = f ? pl_realloc(c->g_to, n * sizeof *t) : NULL;
    if (f) c->g_from = f;
    if (t) c->g_to = t;
    int *k = t ? pl_realloc(c->g_kind, n * sizeof *k) : NULL;
    if (!k) return fail(c, PL_ENOMEM, "out of memory");
    c->g_kind = k;
    f[c->n_gedges] = from, t[c->n_gedges] = to, k[c->n_gedges] = (int)kind;
    c->n_gedges = n;
    return PL_OK;
}

int pl_chart_timeline_add_row(pl_chart *c, const char *label)
{
    int rc = need_kind(c, "a timeline row", c && c->kind == PL_CHART_TIMELINE);
    if (rc) return rc;
    if (c->n_tl_rows >= 1000000) return fail(c, PL_EINVAL, "too many timeline rows");
    char **p = pl_realloc(c->tl_rows, (c->n_tl_rows + 1) * sizeof *p);
    if (!p) return fail(c, PL_ENOMEM, "out of memory");
    c->tl_rows = p;
    if (!(p[c->n_tl_rows] = dup_or_null(label ? label : ""))) return fail(c, PL_ENOMEM, "out of memory");
    return (int)c->n_tl_rows++;
}

static int add_mark(pl_chart *c, size_t row, double a, double b, pl_timeline_kind kind, int point, const char *note)
{
    int rc = need_kind(c, point ? "a timeline point" : "a timeline interval", c && c->kind == PL_CHART_TIMELINE);
    if (rc) return rc;
    if (row >= c->n_tl_rows) return fail(c, PL_EINVAL, "timeline row %zu does not exist (%zu rows)", row, c->n_tl_rows);
    if ((unsigned)kind >= PL_TL_KIND_COUNT) return fail(c, PL_EINVAL, "unknown timeline kind %d", (int)kind);
    if (!isfinite(a)) return fail(c, PL_EINVAL, "timeline row '%s': the start is not a finite number", c->tl_rows[row]);
    if (!point && !isnan(b) && !(b >= a))
        return fail(c, PL_EINVAL, "timeline row '%s': interval ends (%g) before it starts (%g)", c->tl_rows[row], b, a);
    mark *p = pl_realloc(c->marks, (c->n_marks + 1) * sizeof *p);
    if (!p) return fail(c, PL_ENOMEM, "out of memory");
    c->marks = p;
    mark *m = &p[c->n_marks];
    m->row = row;
    m->a = a;
    m->b = point ? a : b;
    m->kind = kind;
    m->point = point;
    m->note = dup_or_null(note);
    if (note && !m->note) return fail(c, PL_ENOMEM, "out of memory");
    c->n_marks++;
    return PL_OK;
}

int pl_chart_timeline_add_interval(pl_chart *c, size_t row, double start, double end, pl_timeline_kind kind,
                                   const char *note)
{
    return add_mark(c, row, start, end, kind, 0, note);
}

int pl_chart_timeline_add_point(pl_chart *c, size_t row, double at, pl_timeline_kind kind, const char *note)
{
    return add_mark(c, row, at, at, kind, 1, note);
}

int pl_chart_add_x_marker(pl_chart *c, double x, const char *label)
{
    int rc = need_kind(c, "an x marker",
                       c && (c->kind == PL_CHART_LINE || c->kind == PL_CHART_TIMELINE || c->kind == PL_CHART_HISTOGRAM));
    if (rc) return rc;
    if (!isfinite(x)) return fail(c, PL_EINVAL, "x marker '%s': the position is not a finite number", label ? label : "");
    xmarker *p = pl_realloc(c->xmarkers, (c->n_xmarkers + 1) * sizeof *p);
    if (!p) return fail(c, PL_ENOMEM, "out of memory");
    c->xmarkers = p;
    p[c->n_xmarkers].x = x;
    if (!(p[c->n_xmarkers].label = dup_or_null(label ? label : ""))) return fail(c, PL_ENOMEM, "out of memory");
    c->n_xmarkers++;
    return PL_OK;
}

int pl_chart_set_x_months(pl_chart *c, int year, int month)
{
    int rc = need_kind(c, "a month axis", c && (c->kind == PL_CHART_LINE || c->kind == PL_CHART_TIMELINE));
    if (rc) return rc;
    if (year < 1 || year > 9999 || month < 1 || month > 12)
        return fail(c, PL_EINVAL, "month axis origin %d-%d: expected a year 1..9999 and a month 1..12", year, month);
    c->months = 1;
    c->year0 = year;
    c->month0 = month;
    return PL_OK;
}

int pl_chart_set_x_range(pl_chart *c, double lo, double hi)
{
    int rc = need_kind(c, "an x range", c && (c->kind == PL_CHART_LINE || c->kind == PL_CHART_TIMELINE));
    if (rc) return rc;
    if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
        return fail(c, PL_EINVAL, "x range [%g, %g]: expected two finite numbers, the first below the second", lo, hi);
    c->has_xrange = 1;
    c->xlo = lo;
    c->xhi = hi;
    return PL_OK;
}

/* ------------------------------------------------------------------ output */

int pl_chart_svg(const pl_chart *c, pl_strbuf *out, pl_error *err)
{
    /* pl_chart_create returns NULL only when out of memory, and the setters accept NULL */
    if (!c) return pl_error_set(err, PL_ENOMEM, "chart: out of memory");
    if (!out) return pl_error_set(err, PL_EINVAL, "chart: no output buffer");
    if (c->err.code)
        return pl_error_set(err, c->err.code, "chart '%s': %s",
                            c->title ? c->title : pl_svg_kind_names[c->kind], c->err.msg);
    if (pl_strbuf_failed(out)) return pl_error_set(err, PL_ENOMEM, "chart: out of memory");
    size_t mark_len = out->len;
    int rc;
    switch (c->kind) {
    case PL_CHART_BAR: rc = pl_svg_render_bar(out, c); break;
    case PL_CHART_BOX: rc = pl_svg_render_box(out, c); break;
    case PL_CHART_HEATMAP: rc = pl_svg_render_heatmap(out, c); break;
    case PL_CHART_LINE: rc = pl_svg_render_line(out, c); break;
    case PL_CHART_HISTOGRAM: rc = pl_svg_render_histogram(out, c); break;
    case PL_CHART_GRAPH: rc = pl_svg_render_graph(out, c); break;
    case PL_CHART_AREA: rc = pl_svg_render_area(out, c); break;
    default: rc = pl_svg_render_timeline(out, c); break;
    }
    if (!rc && pl_strbuf_failed(out)) rc = PL_ENOMEM;
    if (rc) {
        if (!pl_strbuf_failed(out)) {
            out->len = mark_len;
            if (out->data) out->data[mark_len] = '\0';
        }
        return pl_error_set(err, (pl_status)rc, "chart '%s': out of memory",
                            c->title ? c->title : pl_svg_kind_names[c->kind]);
    }
    return PL_OK;
}
