/* svg_chart.c — bar, box, heatmap, line, histogram and timeline charts as SVG text.
 *
 * Why hand-written SVG rather than a plotting library: a report must open from
 * disk with no network and no script, must be byte-identical for the same data
 * (reports are compared in tests and kept under version control), and must be
 * safe whatever a scenario calls its parties.  SVG written by one small module
 * gives all three, and the browser does the typesetting.
 *
 * How it is built: each kind of chart is one render function that computes a
 * layout (margins from estimated label widths, then the plot rectangle) and
 * draws with a handful of shared pieces — the header (title, subtitle, legend),
 * value axes with 1-2-5 ticks, a category axis that rotates, truncates or thins
 * its labels, a month axis, and text output that always escapes.  Text widths
 * are estimated (0.58 em per character of a sans-serif face) because there is
 * no font to measure with; the estimates err wide so labels do not collide.
 * Nothing here allocates ids: two charts in one page cannot clash. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/stats.h"
#include "io/svg_chart.h"

#define W_DEFAULT 900
#define FS 12.0           /* tick labels, legend */
#define FS_TITLE 16.0
#define FS_AXIS 12.5      /* axis titles */
#define CHAR_EM 0.58      /* estimated glyph width in em */
#define MAX_LABEL_PX 170.0 /* rotated category labels are cut at this length */
#define C_TEXT "#222222"
#define C_MUTED "#555555"
#define C_GRID "#e3e3e3"
#define C_AXIS "#666666"
#define FONT "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

typedef struct series {
    char *name;
    double *v;
    size_t n;
    double *lo, *hi; /* error bars (BAR), NULL if none */
} series;

typedef struct box {
    char *label;
    double *v;
    size_t n;
} box;

typedef struct xmarker {
    double x;
    char *label;
} xmarker;

typedef struct mark {
    size_t row;
    double a, b; /* interval [a, b] (b NaN = open); a point has b == a */
    pl_timeline_kind kind;
    int point;
    char *note;
} mark;

struct pl_chart {
    pl_chart_kind kind;
    char *title, *subtitle, *x_title, *y_title;
    int width, height, horizontal, decimals, bins;
    int has_vrange, has_xrange, months, year0, month0;
    double vlo, vhi, xlo, xhi;
    char **cats;
    size_t n_cats;
    series *series;
    size_t n_series;
    double *x;
    size_t n_x;
    box *boxes;
    size_t n_boxes;
    size_t rows, cols;
    double *matrix;
    char **row_labels, **col_labels;
    char **tl_rows;
    size_t n_tl_rows;
    mark *marks;
    size_t n_marks;
    xmarker *xmarkers;
    size_t n_xmarkers;
    int err_code;
    char err_msg[300];
};

static const char *const kind_names[] = {"bar", "box", "heatmap", "line", "histogram", "timeline"};

/* ------------------------------------------------------------------ errors */

__attribute__((format(printf, 3, 4))) static int fail(pl_chart *c, int code, const char *fmt, ...)
{
    if (c && !c->err_code) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err_msg, sizeof c->err_msg, fmt, ap);
        va_end(ap);
        c->err_code = code;
    }
    return code;
}

static int need_kind(pl_chart *c, const char *what, int ok)
{
    if (!c) return PL_EINVAL;
    if (!ok) return fail(c, PL_EINVAL, "%s does not apply to a %s chart", what, kind_names[c->kind]);
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
    if ((unsigned)kind > PL_CHART_TIMELINE) {
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
                       c && (c->kind == PL_CHART_BAR || c->kind == PL_CHART_LINE || c->kind == PL_CHART_HISTOGRAM));
    if (rc) return rc;
    const char *nm = name ? name : "";
    if (c->kind == PL_CHART_BAR && n != c->n_cats)
        return fail(c, PL_EINVAL, "series '%s' has %zu values for %zu categories", nm, n, c->n_cats);
    if (c->kind == PL_CHART_LINE && n != c->n_x)
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
    if (rows > 100000 || cols > 100000) return fail(c, PL_EINVAL, "matrix %zux%zu is too large to draw", rows, cols);
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

int pl_chart_set_x(pl_chart *c, const double *x, size_t n)
{
    int rc = need_kind(c, "x values", c && c->kind == PL_CHART_LINE);
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

/* ------------------------------------------------------------ statistics */

/* Sorted copy of the finite values; *m gets their number.  NULL if none or no memory
 * (*m tells which: 0 for none). */
static double *finite_sorted(const double *v, size_t n, size_t *m)
{
    *m = 0;
    double *s = pl_malloc(n ? n * sizeof *s : 1);
    if (!s) return NULL;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i])) s[(*m)++] = v[i];
    if (!*m) {
        pl_free(s);
        return NULL;
    }
    pl_stats_sort(s, *m);
    return s;
}

int pl_chart_box_stats_of(const double *values, size_t n, pl_chart_box_stats *st)
{
    memset(st, 0, sizeof *st);
    size_t m;
    double *s = finite_sorted(values, n, &m);
    if (!s) return m ? PL_ENOMEM : PL_EINVAL;
    st->n = m;
    st->min = s[0];
    st->max = s[m - 1];
    st->mean = pl_stats_mean(s, m);
    st->q1 = pl_stats_quantile_sorted(s, m, 0.25);
    st->median = pl_stats_quantile_sorted(s, m, 0.5);
    st->q3 = pl_stats_quantile_sorted(s, m, 0.75);
    double iqr = st->q3 - st->q1, lo = st->q1 - 1.5 * iqr, hi = st->q3 + 1.5 * iqr;
    st->whisker_lo = st->q1;
    st->whisker_hi = st->q3;
    for (size_t i = 0; i < m; i++) {
        if (s[i] < lo || s[i] > hi) {
            st->n_outliers++;
            continue;
        }
        if (s[i] < st->whisker_lo) st->whisker_lo = s[i];
        if (s[i] > st->whisker_hi) st->whisker_hi = s[i];
    }
    pl_free(s);
    return PL_OK;
}

/* ------------------------------------------------------------------ ticks */

int pl_chart_nice_ticks(double lo, double hi, int max_ticks, double *first, double *step, int *count)
{
    if (!isfinite(lo) || !isfinite(hi)) return PL_EINVAL;
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (max_ticks < 2) max_ticks = 2;
    if (hi - lo < 1e-12 * fmax(1.0, fmax(fabs(lo), fabs(hi)))) { /* one value: widen around it */
        double w = lo == 0 ? 1 : fabs(lo) * 0.1;
        lo -= w;
        hi += w;
    }
    double span = hi - lo;
    if (!isfinite(span)) return PL_EINVAL;
    static const double mult[] = {1, 2, 5};
    int k = (int)floor(log10(span / max_ticks)) - 1;
    for (int tries = 0; tries < 40; tries++, k++) {
        for (int j = 0; j < 3; j++) {
            double s = mult[j] * pow(10.0, k);
            if (!(s > 0) || !isfinite(s)) continue;
            double f = floor(lo / s + 1e-9) * s, l = ceil(hi / s - 1e-9) * s, span_steps = (l - f) / s;
            if (!(span_steps < 1e6)) continue;
            int cnt = (int)llround(span_steps) + 1;
            if (cnt <= max_ticks && isfinite(f) && isfinite(l)) {
                *first = f;
                *step = s;
                *count = cnt < 2 ? 2 : cnt;
                return PL_OK;
            }
        }
    }
    return PL_EINVAL;
}

/* Okabe & Ito (2008), "Color Universal Design": yellow last, it is faint on white */
static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442"};

const char *pl_chart_palette(size_t i) { return palette[i % (sizeof palette / sizeof *palette)]; }

/* A value axis: ticks first + i*step for i < count, drawn over [lo, hi]. */
typedef struct vaxis {
    double lo, hi, first, step;
    int count;
    double scale;       /* labels show value / scale ... */
    const char *suffix; /* ... followed by this: "k", "M", "B" or "" */
    int dec;            /* digits after the point in labels */
} vaxis;

/* Fits an axis to data [lo, hi].  fixed: keep [lo, hi] and put ticks inside it;
 * otherwise widen [lo, hi] to the first and last tick. */
static void vaxis_fit(vaxis *a, double lo, double hi, int max_ticks, int fixed)
{
    double f, s;
    int n;
    if (pl_chart_nice_ticks(lo, hi, max_ticks, &f, &s, &n)) f = 0, s = 1, n = 2, lo = 0, hi = 1;
    if (fixed) {
        a->lo = lo;
        a->hi = hi;
        double eps = s * 1e-6;
        while (n > 0 && f < lo - eps) f += s, n--;
        while (n > 0 && f + (n - 1) * s > hi + eps) n--;
    } else {
        a->lo = f;
        a->hi = f + (n - 1) * s;
    }
    a->first = f;
    a->step = s;
    a->count = n;
    double big = fmax(fabs(a->lo), fabs(a->hi));
    a->scale = 1;
    a->suffix = "";
    if (big >= 1e9) a->scale = 1e9, a->suffix = "B";
    else if (big >= 1e6) a->scale = 1e6, a->suffix = "M";
    else if (big >= 1e4) a->scale = 1e3, a->suffix = "k";
    double ss = s / a->scale;
    a->dec = ss >= 1 ? 0 : (int)ceil(-log10(ss) - 1e-9);
    if (a->dec > 10) a->dec = 10;
}

static double vaxis_tick(const vaxis *a, int i) { return a->first + i * a->step; }

static void vaxis_label(const vaxis *a, double v, pl_strbuf *sb)
{
    if (fabs(v) < a->step * 1e-9) v = 0;
    pl_strbuf_append_fixed(sb, v / a->scale, a->dec);
    pl_strbuf_append(sb, a->suffix);
}

/* Maps v in [a->lo, a->hi] to [p0, p1], clipping outside values to the ends. */
static double vaxis_map(const vaxis *a, double v, double p0, double p1)
{
    double t = a->hi > a->lo ? (v - a->lo) / (a->hi - a->lo) : 0.5;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    return p0 + t * (p1 - p0);
}

/* ------------------------------------------------------------ text output */

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static double text_w(const char *s, double fs) { return s ? (double)utf8_chars(s) * fs * CHAR_EM : 0; }

static void num(pl_strbuf *sb, double x) { pl_strbuf_append_fixed(sb, x, 1); }

/* One point of a path's d attribute: the command letter (M, L), then "x y". */
static void path_pt(pl_strbuf *sb, char cmd, double x, double y)
{
    pl_strbuf_append_char(sb, cmd);
    num(sb, x);
    pl_strbuf_append_char(sb, ' ');
    num(sb, y);
}

/* Appends "name="x"" with one decimal. */
static void attr(pl_strbuf *sb, const char *name, double x)
{
    pl_strbuf_appendf(sb, " %s=\"", name);
    num(sb, x);
    pl_strbuf_append_char(sb, '"');
}

/* Appends s escaped, cut to at most max_px wide with an ellipsis; returns 1 if cut. */
static int put_fit(pl_strbuf *sb, const char *s, double max_px, double fs)
{
    if (!s) return 0;
    double per = fs * CHAR_EM;
    size_t chars = utf8_chars(s);
    if ((double)chars * per <= max_px + 0.01) {
        pl_strbuf_append_html_escaped(sb, s);
        return 0;
    }
    size_t keep = max_px > per ? (size_t)(max_px / per) - 1 : 0;
    size_t bytes = 0, seen = 0;
    while (s[bytes]) {
        if (((unsigned char)s[bytes] & 0xC0) != 0x80) {
            if (seen == keep) break;
            seen++;
        }
        bytes++;
    }
    while (bytes > 0 && s[bytes - 1] == ' ') bytes--;
    char *cut = pl_malloc(bytes + 1);
    if (!cut) {
        pl_strbuf_append_html_escaped(sb, "\xE2\x80\xA6");
        return 1;
    }
    memcpy(cut, s, bytes);
    cut[bytes] = '\0';
    pl_strbuf_append_html_escaped(sb, cut);
    pl_strbuf_append(sb, "\xE2\x80\xA6");
    pl_free(cut);
    return 1;
}

/* A text element.  attrs: extra raw attributes (constant strings only).  The text is
 * cut to max_px (0 = no limit); a cut text carries the whole of it as a tooltip. */
static void put_text(pl_strbuf *sb, double x, double y, const char *anchor, double fs, const char *attrs,
                     const char *raw, double max_px)
{
    pl_strbuf_append(sb, "<text");
    attr(sb, "x", x);
    attr(sb, "y", y);
    if (anchor && strcmp(anchor, "start")) pl_strbuf_appendf(sb, " text-anchor=\"%s\"", anchor);
    if (fs != FS) attr(sb, "font-size", fs);
    if (attrs && *attrs) pl_strbuf_appendf(sb, " %s", attrs);
    pl_strbuf_append_char(sb, '>');
    int cut = max_px > 0 ? put_fit(sb, raw, max_px, fs) : (pl_strbuf_append_html_escaped(sb, raw), 0);
    if (cut) {
        pl_strbuf_append(sb, "<title>");
        pl_strbuf_append_html_escaped(sb, raw);
        pl_strbuf_append(sb, "</title>");
    }
    pl_strbuf_append(sb, "</text>\n");
}

/* A value with d digits after the point (d < 0: chosen from the value). */
static void put_val_d(pl_strbuf *sb, double v, int d)
{
    if (!isfinite(v)) {
        pl_strbuf_append(sb, isnan(v) ? "no value" : v > 0 ? "\xE2\x88\x9E" : "\xE2\x88\x92\xE2\x88\x9E");
        return;
    }
    if (d < 0) {
        double a = fabs(v);
        if (a < 1e15 && fabs(v - round(v)) < 1e-9 * fmax(1, a)) d = 0;
        else d = a >= 100 ? 1 : a >= 1 ? 2 : 3;
    }
    pl_strbuf_append_fixed(sb, v, d);
}

/* A value as it appears in tooltips. */
static void put_val(pl_strbuf *sb, const pl_chart *c, double v) { put_val_d(sb, v, c->decimals); }

/* One number of decimals for a set of values shown side by side (heatmap cells). */
static int shared_decimals(const double *v, size_t n)
{
    double big = 0;
    int integral = 1;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i])) continue;
        big = fmax(big, fabs(v[i]));
        if (fabs(v[i] - round(v[i])) > 1e-9 * fmax(1, fabs(v[i]))) integral = 0;
    }
    if (integral) return 0;
    return big >= 1000 ? 0 : big >= 100 ? 1 : big >= 1 ? 2 : 3;
}

/* Period p as a date "2007-03" on a month axis, else as a number. */
static void put_period(pl_strbuf *sb, const pl_chart *c, double p)
{
    if (!c->months) {
        put_val(sb, c, p);
        return;
    }
    double m = floor((double)c->year0 * 12 + (c->month0 - 1) + p + 1e-9);
    if (!(fabs(m) < 1e9)) { /* far beyond any calendar: show the number */
        put_val(sb, c, p);
        return;
    }
    long long mi = (long long)m;
    long long y = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
    int mo = (int)(mi - y * 12) + 1;
    pl_strbuf_appendf(sb, "%04lld-%02d", y, mo);
}

static void open_title(pl_strbuf *sb) { pl_strbuf_append(sb, "<title>"); }
static void close_title(pl_strbuf *sb) { pl_strbuf_append(sb, "</title>"); }

/* ----------------------------------------------------------------- legend */

enum { LG_SWATCH = 1, LG_LINE = 2, LG_MARKER = 4 };

typedef struct legend_item {
    const char *name;
    const char *color;
    int style;        /* LG_* bits */
    int shape;        /* marker shape (a pl_timeline_kind) with LG_MARKER */
    const char *dash; /* for LG_LINE, or NULL */
    double opacity;   /* fill opacity of a swatch */
} legend_item;

#define LEGEND_TEXT_MAX 200.0

static double legend_item_w(const legend_item *it)
{
    double w = 0;
    if (it->style & LG_SWATCH) w += 14;
    if (it->style & LG_LINE) w += 22;
    if (it->style & LG_MARKER) w += 14;
    return w + 6 + fmin(text_w(it->name, FS), LEGEND_TEXT_MAX) + 18;
}

/* Height the legend takes when laid out in [x0, x1]. */
static double legend_height(const legend_item *it, size_t n, double x0, double x1)
{
    if (!n) return 0;
    double x = x0, rows = 1;
    for (size_t i = 0; i < n; i++) {
        double w = legend_item_w(&it[i]);
        if (x > x0 && x + w > x1) rows++, x = x0;
        x += w;
    }
    return rows * 18;
}

static const char *draw_marker_open(pl_strbuf *sb, int shape, double x, double y, double r, const char *color);

static void legend_draw(pl_strbuf *sb, const legend_item *it, size_t n, double x0, double x1, double y0)
{
    if (!n) return;
    pl_strbuf_append(sb, "<g class=\"legend\">\n");
    double x = x0, y = y0;
    for (size_t i = 0; i < n; i++) {
        double w = legend_item_w(&it[i]);
        if (x > x0 && x + w > x1) y += 18, x = x0;
        double cx = x, cy = y + 9;
        if (it[i].style & LG_SWATCH) {
            pl_strbuf_append(sb, "<rect");
            attr(sb, "x", cx);
            attr(sb, "y", cy - 6);
            pl_strbuf_appendf(sb, " width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"", it[i].color);
            if (it[i].opacity > 0 && it[i].opacity < 1) attr(sb, "fill-opacity", it[i].opacity);
            if (it[i].dash) pl_strbuf_appendf(sb, " stroke=\"#888888\" stroke-dasharray=\"%s\"", it[i].dash);
            pl_strbuf_append(sb, "/>\n");
            cx += 14;
        }
        if (it[i].style & LG_LINE) {
            pl_strbuf_append(sb, "<line");
            attr(sb, "x1", cx);
            attr(sb, "y1", cy);
            attr(sb, "x2", cx + 18);
            attr(sb, "y2", cy);
            pl_strbuf_appendf(sb, " stroke=\"%s\" stroke-width=\"2.5\"", it[i].color);
            if (it[i].dash) pl_strbuf_appendf(sb, " stroke-dasharray=\"%s\"", it[i].dash);
            pl_strbuf_append(sb, "/>\n");
            cx += 22;
        }
        if (it[i].style & LG_MARKER) {
            draw_marker_open(sb, it[i].shape, cx + 6, cy, 5, it[i].color);
            pl_strbuf_append(sb, "/>\n");
            cx += 14;
        }
        put_text(sb, cx + 4, cy + 4, "start", FS, "fill=\"" C_TEXT "\"", it[i].name, LEGEND_TEXT_MAX);
        x += w;
    }
    pl_strbuf_append(sb, "</g>\n");
}

/* ---------------------------------------------------------- frame pieces */

/* Opens the <svg> and draws the title and subtitle; returns the y below them. */
static double open_svg(pl_strbuf *sb, const pl_chart *c, double W, double H)
{
    pl_strbuf_append(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pl-chart\" role=\"img\"");
    pl_strbuf_appendf(sb, " data-kind=\"%s\"", kind_names[c->kind]);
    pl_strbuf_append(sb, " viewBox=\"0 0 ");
    num(sb, W);
    pl_strbuf_append_char(sb, ' ');
    num(sb, H);
    pl_strbuf_append_char(sb, '"');
    attr(sb, "width", W);
    attr(sb, "height", H);
    pl_strbuf_append(sb, " font-family=\"" FONT "\" font-size=\"12\" fill=\"" C_TEXT "\">\n");
    open_title(sb);
    pl_strbuf_append_html_escaped(sb, c->title ? c->title : kind_names[c->kind]);
    close_title(sb);
    pl_strbuf_append(sb, "\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    double y = 8;
    if (c->title && *c->title) {
        put_text(sb, 12, y + 16, "start", FS_TITLE, "font-weight=\"600\"", c->title, W - 24);
        y += 24;
    }
    if (c->subtitle && *c->subtitle) {
        put_text(sb, 12, y + 13, "start", FS, "fill=\"" C_MUTED "\"", c->subtitle, W - 24);
        y += 18;
    }
    return y + 6;
}

static void close_svg(pl_strbuf *sb) { pl_strbuf_append(sb, "</svg>\n"); }

static void line(pl_strbuf *sb, double x1, double y1, double x2, double y2, const char *stroke, double width)
{
    pl_strbuf_append(sb, "<line");
    attr(sb, "x1", x1);
    attr(sb, "y1", y1);
    attr(sb, "x2", x2);
    attr(sb, "y2", y2);
    pl_strbuf_appendf(sb, " stroke=\"%s\"", stroke);
    if (width != 1) attr(sb, "stroke-width", width);
    pl_strbuf_append(sb, "/>\n");
}

static void rect_open(pl_strbuf *sb, double x, double y, double w, double h, const char *fill)
{
    pl_strbuf_append(sb, "<rect");
    attr(sb, "x", x);
    attr(sb, "y", y);
    attr(sb, "width", w < 0 ? 0 : w);
    attr(sb, "height", h < 0 ? 0 : h);
    pl_strbuf_appendf(sb, " fill=\"%s\"", fill);
}

/* The empty state: the frame, the title and a sentence saying there is nothing to draw. */
static int render_empty(pl_strbuf *sb, const pl_chart *c, const char *why)
{
    double W = c->width ? c->width : W_DEFAULT, H = c->height ? c->height : 200;
    double top = open_svg(sb, c, W, H);
    pl_strbuf_append(sb, "<g class=\"empty\">\n");
    rect_open(sb, 12, top, W - 24, H - top - 12, "#fafafa");
    pl_strbuf_append(sb, " stroke=\"#dddddd\" stroke-dasharray=\"4 3\"/>\n");
    put_text(sb, W / 2, (top + H - 12) / 2 + 4, "middle", 13, "fill=\"" C_MUTED "\"", why, W - 48);
    pl_strbuf_append(sb, "</g>\n");
    close_svg(sb);
    return PL_OK;
}

/* Width of the widest tick label of an axis. */
static double vaxis_label_w(const vaxis *a)
{
    double w = 0;
    pl_strbuf t;
    pl_strbuf_init(&t);
    for (int i = 0; i < a->count; i++) {
        pl_strbuf_reset(&t);
        vaxis_label(a, vaxis_tick(a, i), &t);
        w = fmax(w, text_w(pl_strbuf_cstr(&t), FS));
    }
    pl_strbuf_free(&t);
    return w;
}

/* Fits a horizontal numeric axis so that its labels do not collide in width px. */
static void vaxis_fit_across(vaxis *a, double lo, double hi, double width, int fixed)
{
    int max_ticks = (int)(width / 70);
    if (max_ticks < 2) max_ticks = 2;
    if (max_ticks > 12) max_ticks = 12;
    for (int tries = 0; tries < 8; tries++) {
        vaxis_fit(a, lo, hi, max_ticks, fixed);
        if (max_ticks <= 2 || a->count * (vaxis_label_w(a) + 14) <= width) return;
        max_ticks--;
    }
}

/* Grid lines and labels of a value axis: drawn vertically (ticks along y, labels left of x0) or,
 * across, horizontally (ticks along x, labels below y_bottom). */
static void draw_vaxis(pl_strbuf *sb, const vaxis *a, int across, double x0, double x1, double y_top, double y_bottom)
{
    pl_strbuf_append(sb, across ? "<g class=\"axis x\">\n" : "<g class=\"axis y\">\n");
    pl_strbuf t;
    pl_strbuf_init(&t);
    for (int i = 0; i < a->count; i++) {
        double v = vaxis_tick(a, i);
        pl_strbuf_reset(&t);
        vaxis_label(a, v, &t);
        if (across) {
            double x = vaxis_map(a, v, x0, x1);
            line(sb, x, y_top, x, y_bottom, C_GRID, 1);
            put_text(sb, x, y_bottom + 16, "middle", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
        } else {
            double y = vaxis_map(a, v, y_bottom, y_top);
            line(sb, x0, y, x1, y, C_GRID, 1);
            put_text(sb, x0 - 6, y + 4, "end", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
        }
    }
    pl_strbuf_free(&t);
    pl_strbuf_append(sb, "</g>\n");
}

/* The title of the vertical axis, rotated, centred on [y0, y1] at x. */
static void draw_vtitle(pl_strbuf *sb, const char *title, double x, double y0, double y1)
{
    if (!title || !*title) return;
    double cy = (y0 + y1) / 2;
    pl_strbuf_append(sb, "<text");
    attr(sb, "x", x);
    attr(sb, "y", cy);
    pl_strbuf_append(sb, " text-anchor=\"middle\" font-size=\"12.5\" font-weight=\"600\" fill=\"" C_TEXT "\"");
    pl_strbuf_append(sb, " transform=\"rotate(-90 ");
    num(sb, x);
    pl_strbuf_append_char(sb, ' ');
    num(sb, cy);
    pl_strbuf_append(sb, ")\">");
    int cut = put_fit(sb, title, fabs(y1 - y0), FS_AXIS);
    if (cut) {
        open_title(sb);
        pl_strbuf_append_html_escaped(sb, title);
        close_title(sb);
    }
    pl_strbuf_append(sb, "</text>\n");
}

static void draw_htitle(pl_strbuf *sb, const char *title, double x0, double x1, double y)
{
    if (!title || !*title) return;
    put_text(sb, (x0 + x1) / 2, y, "middle", FS_AXIS, "font-weight=\"600\"", title, x1 - x0);
}

/* Labels of a category axis along the bottom: horizontal if they fit their slot,
 * else rotated by 45 degrees and cut; every k-th only when the slots are too narrow. */
typedef struct cat_layout {
    int rotate, every;
    double max_px, height;
} cat_layout;

static cat_layout cat_layout_bottom(char *const *labels, size_t n, double slot)
{
    cat_layout L = {0, 1, 0, 18};
    double widest = 0;
    for (size_t i = 0; i < n; i++) widest = fmax(widest, text_w(labels[i], FS));
    if (widest <= slot - 6) {
        L.max_px = slot - 2;
        return L;
    }
    L.rotate = 1;
    L.max_px = fmin(widest, MAX_LABEL_PX);
    L.height = L.max_px * 0.7071 + FS + 4;
    double need = FS * 1.25; /* perpendicular room one rotated label takes */
    if (slot * 0.7071 < need) L.every = slot * 0.7071 * 1e6 < need ? 1000000 : (int)ceil(need / (slot * 0.7071));
    return L;
}

static void draw_cat_bottom(pl_strbuf *sb, const cat_layout *L, char *const *labels, size_t n, double x0, double slot,
                            double y)
{
    pl_strbuf_append(sb, "<g class=\"axis categories\">\n");
    for (size_t i = 0; i < n; i += (size_t)L->every) {
        double x = x0 + slot * ((double)i + 0.5);
        if (!L->rotate) {
            put_text(sb, x, y + 14, "middle", FS, "", labels[i], L->max_px);
            continue;
        }
        double ty = y + 10;
        pl_strbuf_append(sb, "<text");
        attr(sb, "x", x);
        attr(sb, "y", ty);
        pl_strbuf_append(sb, " text-anchor=\"end\" transform=\"rotate(-45 ");
        num(sb, x);
        pl_strbuf_append_char(sb, ' ');
        num(sb, ty);
        pl_strbuf_append(sb, ")\">");
        if (put_fit(sb, labels[i], L->max_px, FS)) {
            open_title(sb);
            pl_strbuf_append_html_escaped(sb, labels[i]);
            close_title(sb);
        }
        pl_strbuf_append(sb, "</text>\n");
    }
    pl_strbuf_append(sb, "</g>\n");
}

/* Category labels down the left, right-aligned at x, every k-th if the band is thin. */
static void draw_cat_left(pl_strbuf *sb, char *const *labels, size_t n, double x, double y0, double band, double max_px)
{
    if (!(band > 0)) return;
    size_t every = band >= FS * 1.1 ? 1 : band * 1e6 < FS * 1.1 ? 1000000 : (size_t)ceil(FS * 1.1 / band);
    pl_strbuf_append(sb, "<g class=\"axis categories\">\n");
    for (size_t i = 0; i < n; i += every)
        put_text(sb, x, y0 + band * ((double)i + 0.5) + 4, "end", FS, "", labels[i], max_px);
    pl_strbuf_append(sb, "</g>\n");
}

static double widest_label(char *const *labels, size_t n)
{
    double w = 0;
    for (size_t i = 0; i < n; i++) w = fmax(w, text_w(labels[i], FS));
    return w;
}

/* ---------------------------------------------- category x value charts */

/* Layout shared by BAR and BOX: n categories along one axis, values along the other. */
typedef struct catframe {
    int horiz;
    size_t n;
    double x0, x1, y0, y1; /* plot rectangle; y0 top, y1 bottom */
    double band;           /* room per category */
    vaxis va;
    double W, H;
} catframe;

static double cf_val(const catframe *f, double v)
{
    return f->horiz ? vaxis_map(&f->va, v, f->x0, f->x1) : vaxis_map(&f->va, v, f->y1, f->y0);
}

static double cf_cat(const catframe *f, size_t i)
{
    return f->horiz ? f->y0 + f->band * ((double)i + 0.5) : f->x0 + f->band * ((double)i + 0.5);
}

/* Lays out, opens the svg and draws header, legend, grid and labels. per_cat: the
 * natural room per category when the chart is horizontal and its height automatic. */
static void catframe_begin(catframe *f, pl_strbuf *sb, const pl_chart *c, char *const *labels, size_t n, double lo,
                           double hi, const legend_item *lg, size_t n_lg, double per_cat)
{
    memset(f, 0, sizeof *f);
    f->horiz = c->horizontal;
    f->n = n;
    double W = c->width ? c->width : W_DEFAULT;
    double head = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6;
    double lgh = legend_height(lg, n_lg, 12, W - 12);
    double top = head + lgh + (lgh > 0 ? 8 : 0) + 8;
    double H;
    cat_layout L = {0, 1, 0, 18};
    if (f->horiz) {
        double lw = fmin(widest_label(labels, n), W * 0.35);
        f->x0 = 12 + (c->x_title && *c->x_title ? 20 : 0) + lw + 8;
        f->x1 = W - 24;
        vaxis_fit_across(&f->va, lo, hi, f->x1 - f->x0, c->has_vrange);
        double pb = 8 + 16 + (c->y_title && *c->y_title ? 22 : 0) + 8;
        H = c->height ? c->height : top + (double)n * per_cat + pb;
        f->y0 = top;
        f->y1 = H - pb;
        f->band = (f->y1 - f->y0) / (double)n;
    } else {
        vaxis_fit(&f->va, lo, hi, 8, c->has_vrange);
        f->x0 = 12 + (c->y_title && *c->y_title ? 20 : 0) + vaxis_label_w(&f->va) + 10;
        f->x1 = W - 16;
        f->band = (f->x1 - f->x0) / (double)n;
        L = cat_layout_bottom(labels, n, f->band);
        double pb = 6 + L.height + (c->x_title && *c->x_title ? 22 : 0) + 6;
        H = c->height ? c->height : top + 300 + pb;
        f->y0 = top;
        f->y1 = H - pb;
        if (f->y1 - f->y0 < 60) f->y1 = f->y0 + 60, H = f->y1 + pb;
    }
    f->W = W;
    f->H = H;
    open_svg(sb, c, W, H);
    legend_draw(sb, lg, n_lg, 12, W - 12, head);
    if (f->horiz) {
        draw_vaxis(sb, &f->va, 1, f->x0, f->x1, f->y0, f->y1);
        draw_cat_left(sb, labels, n, f->x0 - 8, f->y0, f->band, fmin(widest_label(labels, n), W * 0.35));
        draw_vtitle(sb, c->x_title, 16, f->y0, f->y1);
        draw_htitle(sb, c->y_title, f->x0, f->x1, H - 10);
    } else {
        draw_vaxis(sb, &f->va, 0, f->x0, f->x1, f->y0, f->y1);
        draw_cat_bottom(sb, &L, labels, n, f->x0, f->band, f->y1);
        draw_vtitle(sb, c->y_title, 18, f->y0, f->y1);
        draw_htitle(sb, c->x_title, f->x0, f->x1, H - 10);
    }
}

/* The axis line at value v (the baseline of bars). */
static void catframe_baseline(const catframe *f, pl_strbuf *sb, double v)
{
    double p = cf_val(f, v);
    if (f->horiz) line(sb, p, f->y0, p, f->y1, C_AXIS, 1);
    else line(sb, f->x0, p, f->x1, p, C_AXIS, 1);
}

/* A rectangle between values a and b across [c0, c1] of the category axis. */
static void cf_rect(const catframe *f, pl_strbuf *sb, double a, double b, double c0, double c1, const char *fill)
{
    double pa = cf_val(f, a), pb = cf_val(f, b);
    double lo = fmin(pa, pb), hi = fmax(pa, pb);
    if (f->horiz) rect_open(sb, lo, c0, hi - lo, c1 - c0, fill);
    else rect_open(sb, c0, lo, c1 - c0, hi - lo, fill);
}

/* A line at value-axis position v across [c0, c1], or along the value axis at c from a to b. */
static void cf_line_across(const catframe *f, pl_strbuf *sb, double v, double c0, double c1, const char *stroke, double w)
{
    double p = cf_val(f, v);
    if (f->horiz) line(sb, p, c0, p, c1, stroke, w);
    else line(sb, c0, p, c1, p, stroke, w);
}

static void cf_line_along(const catframe *f, pl_strbuf *sb, double cpos, double a, double b, const char *stroke, double w)
{
    double pa = cf_val(f, a), pb = cf_val(f, b);
    if (f->horiz) line(sb, pa, cpos, pb, cpos, stroke, w);
    else line(sb, cpos, pa, cpos, pb, stroke, w);
}

static int render_bar(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_cats || !c->n_series) return render_empty(sb, c, "No data to show");
    double lo = 0, hi = 0;
    int any = 0;
    for (size_t s = 0; s < c->n_series; s++) {
        const series *S = &c->series[s];
        for (size_t i = 0; i < S->n; i++) {
            if (!isfinite(S->v[i])) continue;
            any = 1;
            lo = fmin(lo, S->v[i]);
            hi = fmax(hi, S->v[i]);
            if (S->lo && isfinite(S->lo[i])) lo = fmin(lo, S->lo[i]), hi = fmax(hi, S->lo[i]);
            if (S->hi && isfinite(S->hi[i])) lo = fmin(lo, S->hi[i]), hi = fmax(hi, S->hi[i]);
        }
    }
    if (!any) return render_empty(sb, c, "No data to show: every value is missing");
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    legend_item lg[64];
    size_t n_lg = 0;
    int named = c->n_series > 1; /* one series: the axis title names it */
    for (size_t s = 0; named && s < c->n_series && n_lg < 64; s++)
        lg[n_lg++] = (legend_item){c->series[s].name ? c->series[s].name : "", pl_chart_palette(s), LG_SWATCH, 0, NULL, 1};
    double per_cat = fmax(22, 14.0 * (double)c->n_series + 10);
    catframe f;
    catframe_begin(&f, sb, c, c->cats, c->n_cats, lo, hi, lg, n_lg, per_cat);
    double base = f.va.lo > 0 ? f.va.lo : f.va.hi < 0 ? f.va.hi : 0;
    double group = f.band * (c->n_series > 1 ? 0.84 : 0.72), bw = group / (double)c->n_series;
    if (bw > 80) bw = 80, group = bw * (double)c->n_series;
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (size_t s = 0; s < c->n_series; s++) {
        const series *S = &c->series[s];
        for (size_t i = 0; i < S->n; i++) {
            if (!isfinite(S->v[i])) continue;
            double c0 = cf_cat(&f, i) - group / 2 + bw * (double)s, inset = bw > 6 ? bw * 0.06 : 0;
            cf_rect(&f, sb, base, S->v[i], c0 + inset, c0 + bw - inset, pl_chart_palette(s));
            pl_strbuf_append(sb, "><title>");
            pl_strbuf_append_html_escaped(sb, c->cats[i]);
            if (S->name && *S->name) {
                pl_strbuf_append(sb, " \xE2\x80\x94 ");
                pl_strbuf_append_html_escaped(sb, S->name);
            }
            pl_strbuf_append(sb, ": ");
            put_val(sb, c, S->v[i]);
            if (S->lo && S->hi && isfinite(S->lo[i]) && isfinite(S->hi[i])) {
                pl_strbuf_append(sb, " [");
                put_val(sb, c, S->lo[i]);
                pl_strbuf_append(sb, ", ");
                put_val(sb, c, S->hi[i]);
                pl_strbuf_append(sb, "]");
            }
            pl_strbuf_append(sb, "</title></rect>\n");
        }
    }
    catframe_baseline(&f, sb, base);
    for (size_t s = 0; s < c->n_series; s++) { /* error bars on top of every bar */
        const series *S = &c->series[s];
        if (!S->lo || !S->hi) continue;
        for (size_t i = 0; i < S->n; i++) {
            if (!isfinite(S->v[i]) || !isfinite(S->lo[i]) || !isfinite(S->hi[i])) continue;
            double mid = cf_cat(&f, i) - group / 2 + bw * ((double)s + 0.5), cap = fmin(bw * 0.25, 6);
            cf_line_along(&f, sb, mid, S->lo[i], S->hi[i], C_TEXT, 1.3);
            cf_line_across(&f, sb, S->lo[i], mid - cap, mid + cap, C_TEXT, 1.3);
            cf_line_across(&f, sb, S->hi[i], mid - cap, mid + cap, C_TEXT, 1.3);
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    close_svg(sb);
    return PL_OK;
}

static int render_box(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_boxes) return render_empty(sb, c, "No data to show");
    pl_chart_box_stats *st = pl_calloc(c->n_boxes, sizeof *st);
    char **labels = pl_calloc(c->n_boxes, sizeof *labels);
    if (!st || !labels) {
        pl_free(st);
        pl_free(labels);
        return PL_ENOMEM;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < c->n_boxes; i++) {
        labels[i] = c->boxes[i].label;
        int rc = pl_chart_box_stats_of(c->boxes[i].v, c->boxes[i].n, &st[i]);
        if (rc == PL_ENOMEM) {
            pl_free(st);
            pl_free(labels);
            return PL_ENOMEM;
        }
        if (rc) continue;
        lo = fmin(lo, st[i].min);
        hi = fmax(hi, st[i].max);
    }
    if (!(lo <= hi)) {
        pl_free(st);
        pl_free(labels);
        return render_empty(sb, c, "No data to show: every value is missing");
    }
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    catframe f;
    catframe_begin(&f, sb, c, labels, c->n_boxes, lo, hi, NULL, 0, 26);
    const char *col = pl_chart_palette(0);
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (size_t i = 0; i < c->n_boxes; i++) {
        const pl_chart_box_stats *s = &st[i];
        if (!s->n) continue;
        double mid = cf_cat(&f, i), half = fmin(f.band * 0.32, 28), cap = half * 0.5;
        pl_strbuf_append(sb, "<g>");
        open_title(sb);
        pl_strbuf_append_html_escaped(sb, labels[i]);
        pl_strbuf_appendf(sb, ": n=%zu, median ", s->n);
        put_val(sb, c, s->median);
        pl_strbuf_append(sb, ", quartiles ");
        put_val(sb, c, s->q1);
        pl_strbuf_append(sb, "\xE2\x80\x93");
        put_val(sb, c, s->q3);
        pl_strbuf_append(sb, ", whiskers ");
        put_val(sb, c, s->whisker_lo);
        pl_strbuf_append(sb, "\xE2\x80\x93");
        put_val(sb, c, s->whisker_hi);
        pl_strbuf_append(sb, ", mean ");
        put_val(sb, c, s->mean);
        pl_strbuf_appendf(sb, ", %zu outlier%s", s->n_outliers, s->n_outliers == 1 ? "" : "s");
        close_title(sb);
        pl_strbuf_append(sb, "\n");
        cf_line_along(&f, sb, mid, s->whisker_lo, s->q1, C_AXIS, 1.2);
        cf_line_along(&f, sb, mid, s->q3, s->whisker_hi, C_AXIS, 1.2);
        cf_line_across(&f, sb, s->whisker_lo, mid - cap, mid + cap, C_AXIS, 1.2);
        cf_line_across(&f, sb, s->whisker_hi, mid - cap, mid + cap, C_AXIS, 1.2);
        cf_rect(&f, sb, s->q1, s->q3, mid - half, mid + half, col);
        pl_strbuf_appendf(sb, " fill-opacity=\"0.22\" stroke=\"%s\" stroke-width=\"1.3\"/>\n", col);
        cf_line_across(&f, sb, s->median, mid - half, mid + half, "#D55E00", 2.4);
        pl_strbuf_append(sb, "</g>\n");
        if (s->n_outliers) { /* each outlier a hollow circle with its value */
            double iqr = s->q3 - s->q1;
            const box *B = &c->boxes[i];
            for (size_t k = 0; k < B->n; k++) {
                double v = B->v[k];
                if (!isfinite(v) || (v >= s->q1 - 1.5 * iqr && v <= s->q3 + 1.5 * iqr)) continue;
                double p = cf_val(&f, v);
                pl_strbuf_append(sb, "<circle");
                attr(sb, "cx", f.horiz ? p : mid);
                attr(sb, "cy", f.horiz ? mid : p);
                pl_strbuf_append(sb, " r=\"2.8\" fill=\"none\" stroke=\"#444444\"><title>");
                pl_strbuf_append_html_escaped(sb, labels[i]);
                pl_strbuf_append(sb, ": outlier ");
                put_val(sb, c, v);
                pl_strbuf_append(sb, "</title></circle>\n");
            }
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    close_svg(sb);
    pl_free(st);
    pl_free(labels);
    return PL_OK;
}

/* ----------------------------------------------------------------- heatmap */

/* viridis at 9 stops: perceptually uniform and readable with colour-blindness */
static const unsigned char viridis[9][3] = {{68, 1, 84},    {71, 44, 122},  {59, 81, 139},
                                            {44, 113, 142}, {33, 144, 141}, {39, 173, 129},
                                            {92, 200, 99},  {170, 220, 50}, {253, 231, 37}};

static void viridis_at(double t, char out[8], int *dark)
{
    if (!(t >= 0)) t = 0;
    if (t > 1) t = 1;
    double p = t * 8;
    int i = (int)floor(p);
    if (i >= 8) i = 7;
    double u = p - i;
    int rgb[3];
    for (int k = 0; k < 3; k++) rgb[k] = (int)lround(viridis[i][k] + u * (viridis[i + 1][k] - viridis[i][k]));
    snprintf(out, 8, "#%02x%02x%02x", rgb[0] & 255, rgb[1] & 255, rgb[2] & 255);
    double lum = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
    *dark = lum < 0.45;
}

static int render_heatmap(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->rows || !c->cols) return render_empty(sb, c, "No data to show");
    size_t nc = c->rows * c->cols;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < nc; i++)
        if (isfinite(c->matrix[i])) lo = fmin(lo, c->matrix[i]), hi = fmax(hi, c->matrix[i]);
    if (!(lo <= hi)) return render_empty(sb, c, "No data to show: every value is missing");
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    double W = c->width ? c->width : W_DEFAULT;
    double top = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6 + 8;
    double lw = fmin(widest_label(c->row_labels, c->rows), W * 0.3);
    double x0 = 12 + (c->y_title && *c->y_title ? 20 : 0) + lw + 8;
    double legend_w = 84, x1 = W - legend_w;
    double cell_w = fmin((x1 - x0) / (double)c->cols, 64);
    if (!c->width) W = fmax(fmin(W, x0 + cell_w * (double)c->cols + legend_w + 12), 360), x1 = W - legend_w - 12;
    cat_layout L = cat_layout_bottom(c->col_labels, c->cols, cell_w);
    double pb = 6 + L.height + (c->x_title && *c->x_title ? 22 : 0) + 6;
    double cell_h = fmin(fmax(cell_w * 0.62, 4), 40);
    if (cell_w < 8) cell_h = cell_w;
    double H = c->height ? c->height : top + cell_h * (double)c->rows + pb;
    if (c->height) cell_h = (H - pb - top) / (double)c->rows;
    if (H < top + 140 + pb) H = top + 140 + pb; /* room for the colour legend */
    double y0 = top, grid_w = cell_w * (double)c->cols;
    open_svg(sb, c, W, H);
    /* cells */
    int show_values = cell_w >= 26 && cell_h >= 15;
    int dec = c->decimals >= 0 ? c->decimals : shared_decimals(c->matrix, nc);
    double vfs = fmin(FS, cell_h * 0.6);
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (size_t r = 0; r < c->rows; r++) {
        for (size_t k = 0; k < c->cols; k++) {
            double v = c->matrix[r * c->cols + k], x = x0 + cell_w * (double)k, y = y0 + cell_h * (double)r;
            char col[8] = "#eeeeee";
            int dark = 0;
            if (isfinite(v)) viridis_at(hi > lo ? (v - lo) / (hi - lo) : 0.5, col, &dark);
            rect_open(sb, x, y, cell_w, cell_h, col);
            if (cell_w >= 6) pl_strbuf_append(sb, " stroke=\"#ffffff\" stroke-width=\"1\"");
            pl_strbuf_append(sb, "><title>");
            pl_strbuf_append_html_escaped(sb, c->row_labels[r]);
            pl_strbuf_append(sb, " \xC3\x97 ");
            pl_strbuf_append_html_escaped(sb, c->col_labels[k]);
            pl_strbuf_append(sb, ": ");
            put_val(sb, c, v);
            pl_strbuf_append(sb, "</title></rect>\n");
            if (show_values && isfinite(v)) {
                pl_strbuf t;
                pl_strbuf_init(&t);
                put_val_d(&t, v, dec);
                if (text_w(pl_strbuf_cstr(&t), vfs) <= cell_w - 4)
                    put_text(sb, x + cell_w / 2, y + cell_h / 2 + vfs * 0.35, "middle", vfs,
                             dark ? "fill=\"#ffffff\" pointer-events=\"none\"" : "fill=\"#111111\" pointer-events=\"none\"",
                             pl_strbuf_cstr(&t), 0);
                pl_strbuf_free(&t);
            }
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    double y1 = y0 + cell_h * (double)c->rows;
    draw_cat_left(sb, c->row_labels, c->rows, x0 - 8, y0, cell_h, lw);
    draw_cat_bottom(sb, &L, c->col_labels, c->cols, x0, cell_w, y1 - 4);
    draw_vtitle(sb, c->y_title, 16, y0, y1);
    draw_htitle(sb, c->x_title, x0, x0 + grid_w, H - 10);
    /* colour legend: stacked steps (no gradient, so no id) with ticks */
    double lx = x0 + grid_w + 16, ly0 = y0, ly1 = y0 + fmin(fmax(y1 - y0, 120), 240);
    int steps = 48;
    pl_strbuf_append(sb, "<g class=\"legend\">\n");
    for (int i = 0; i < steps; i++) {
        char col[8];
        int dark;
        viridis_at((i + 0.5) / steps, col, &dark);
        double h = (ly1 - ly0) / steps;
        rect_open(sb, lx, ly1 - h * (i + 1), 14, h + 0.6, col);
        pl_strbuf_append(sb, "/>\n");
    }
    rect_open(sb, lx, ly0, 14, ly1 - ly0, "none");
    pl_strbuf_append(sb, " stroke=\"#999999\"/>\n");
    vaxis va;
    if (hi > lo) {
        vaxis_fit(&va, lo, hi, 6, 1);
        pl_strbuf t;
        pl_strbuf_init(&t);
        for (int i = 0; i < va.count; i++) {
            double v = vaxis_tick(&va, i), y = vaxis_map(&va, v, ly1, ly0);
            line(sb, lx + 14, y, lx + 18, y, C_AXIS, 1);
            pl_strbuf_reset(&t);
            vaxis_label(&va, v, &t);
            put_text(sb, lx + 21, y + 4, "start", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
        }
        pl_strbuf_free(&t);
    } else {
        pl_strbuf t;
        pl_strbuf_init(&t);
        put_val(&t, c, lo);
        put_text(sb, lx + 21, (ly0 + ly1) / 2 + 4, "start", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
        pl_strbuf_free(&t);
    }
    pl_strbuf_append(sb, "</g>\n");
    close_svg(sb);
    return PL_OK;
}

/* ----------------------------------------------------- x axes: number, month */

typedef struct xaxis {
    int months;
    vaxis va;          /* numeric axis, or the range for a month axis */
    long long m_first; /* month axis: absolute month of the first tick */
    int m_step, m_count;
    long long m_origin; /* absolute month of period 0 */
} xaxis;

static void xaxis_fit(xaxis *a, const pl_chart *c, double lo, double hi, double width, int fixed)
{
    memset(a, 0, sizeof *a);
    if (!c->months || !(fabs(lo) < 1e7 && fabs(hi) < 1e7)) { /* no calendar spans 10 million months */
        vaxis_fit_across(&a->va, lo, hi, width, fixed);
        return;
    }
    a->months = 1;
    if (!(hi > lo)) lo -= 1, hi += 1;
    a->va.lo = lo;
    a->va.hi = hi;
    a->m_origin = (long long)c->year0 * 12 + (c->month0 - 1);
    static const int steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200};
    int max_ticks = (int)(width / 64);
    if (max_ticks < 2) max_ticks = 2;
    a->m_step = 1200;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if ((hi - lo) / steps[i] <= max_ticks - 1) {
            a->m_step = steps[i];
            break;
        }
    double abs_lo = (double)a->m_origin + lo, abs_hi = (double)a->m_origin + hi;
    a->m_first = (long long)ceil(abs_lo / a->m_step - 1e-9) * a->m_step;
    a->m_count = 0;
    for (long long m = a->m_first; (double)m <= abs_hi + 1e-9 && a->m_count < 1000; m += a->m_step) a->m_count++;
}

static int xaxis_count(const xaxis *a) { return a->months ? a->m_count : a->va.count; }

static double xaxis_tick(const xaxis *a, int i)
{
    return a->months ? (double)(a->m_first + (long long)i * a->m_step - a->m_origin) : vaxis_tick(&a->va, i);
}

static void xaxis_label(const xaxis *a, int i, pl_strbuf *sb)
{
    if (!a->months) {
        vaxis_label(&a->va, vaxis_tick(&a->va, i), sb);
        return;
    }
    long long m = a->m_first + (long long)i * a->m_step;
    long long y = m >= 0 ? m / 12 : -((-m + 11) / 12);
    if (a->m_step >= 12) pl_strbuf_appendf(sb, "%lld", y);
    else pl_strbuf_appendf(sb, "%04lld-%02d", y, (int)(m - y * 12) + 1);
}

static void draw_xaxis(pl_strbuf *sb, const xaxis *a, double x0, double x1, double y_top, double y_bottom)
{
    pl_strbuf_append(sb, "<g class=\"axis x\">\n");
    pl_strbuf t;
    pl_strbuf_init(&t);
    for (int i = 0; i < xaxis_count(a); i++) {
        double x = vaxis_map(&a->va, xaxis_tick(a, i), x0, x1);
        line(sb, x, y_top, x, y_bottom, C_GRID, 1);
        pl_strbuf_reset(&t);
        xaxis_label(a, i, &t);
        put_text(sb, x, y_bottom + 16, "middle", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
    }
    pl_strbuf_free(&t);
    line(sb, x0, y_bottom, x1, y_bottom, C_AXIS, 1);
    pl_strbuf_append(sb, "</g>\n");
}

/* Room above the plot for the labels of x markers: one lane, or two that alternate. */
static double marker_lanes(const pl_chart *c) { return c->n_xmarkers ? (c->n_xmarkers > 1 ? 28 : 15) : 0; }

/* Dashed vertical lines at marked x positions, labelled in the lanes above the plot (y0). */
static void draw_x_markers(pl_strbuf *sb, const pl_chart *c, const vaxis *xa, double x0, double x1, double y0, double y1)
{
    if (!c->n_xmarkers) return;
    pl_strbuf_append(sb, "<g class=\"markers\">\n");
    for (size_t i = 0; i < c->n_xmarkers; i++) {
        const xmarker *m = &c->xmarkers[i];
        if (m->x < xa->lo - 1e-9 || m->x > xa->hi + 1e-9) continue;
        double x = vaxis_map(xa, m->x, x0, x1), ty = y0 - marker_lanes(c) + 10 + 13.0 * (double)(i % 2);
        pl_strbuf_append(sb, "<line");
        attr(sb, "x1", x);
        attr(sb, "y1", *m->label ? ty + 3 : y0);
        attr(sb, "x2", x);
        attr(sb, "y2", y1);
        pl_strbuf_append(sb, " stroke=\"#444444\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"><title>");
        pl_strbuf_append_html_escaped(sb, m->label);
        pl_strbuf_append(sb, " (");
        put_period(sb, c, m->x);
        pl_strbuf_append(sb, ")</title></line>\n");
        if (*m->label) { /* the label reads from the line into the plot, or leftwards near the right edge */
            int left = x > x0 + (x1 - x0) * 0.75;
            put_text(sb, left ? x - 4 : x + 4, ty, left ? "end" : "start", 11,
                     "fill=\"#333333\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"", m->label,
                     (x1 - x0) * 0.3);
        }
    }
    pl_strbuf_append(sb, "</g>\n");
}

/* Shaded band between lo and hi of a line series, one polygon per unbroken run. */
static void draw_band(pl_strbuf *sb, const pl_chart *c, const series *S, const char *col, const vaxis *xa,
                      const vaxis *ya, double x0, double x1, double y0, double y1)
{
    size_t i = 0;
    while (i < c->n_x) {
        while (i < c->n_x && !(isfinite(S->lo[i]) && isfinite(S->hi[i]) && c->x[i] >= xa->lo - 1e-9 &&
                               c->x[i] <= xa->hi + 1e-9))
            i++;
        size_t a = i;
        while (i < c->n_x && isfinite(S->lo[i]) && isfinite(S->hi[i]) && c->x[i] >= xa->lo - 1e-9 &&
               c->x[i] <= xa->hi + 1e-9)
            i++;
        if (i == a) continue;
        pl_strbuf_appendf(sb, "<path fill=\"%s\" fill-opacity=\"0.16\" stroke=\"none\" d=\"", col);
        for (size_t k = a; k < i; k++) {
            path_pt(sb, k == a ? 'M' : 'L', vaxis_map(xa, c->x[k], x0, x1), vaxis_map(ya, S->hi[k], y1, y0));
        }
        for (size_t k = i; k-- > a;) {
            path_pt(sb, 'L', vaxis_map(xa, c->x[k], x0, x1), vaxis_map(ya, S->lo[k], y1, y0));
        }
        pl_strbuf_append(sb, "Z\"><title>");
        pl_strbuf_append_html_escaped(sb, S->name && *S->name ? S->name : "series");
        pl_strbuf_append(sb, ": interval</title></path>\n");
    }
}

/* -------------------------------------------------------------------- line */

static const char *series_dash(size_t s) { return s >= 7 ? (s % 2 ? "6 3" : "2 3") : NULL; }

static int render_line(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_x || !c->n_series) return render_empty(sb, c, "No data to show");
    double lo = INFINITY, hi = -INFINITY, xlo = INFINITY, xhi = -INFINITY;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->n_x; i++) {
            const series *S = &c->series[s];
            if (isfinite(S->v[i])) {
                lo = fmin(lo, S->v[i]);
                hi = fmax(hi, S->v[i]);
                xlo = fmin(xlo, c->x[i]);
                xhi = fmax(xhi, c->x[i]);
            }
            if (S->lo && S->hi && isfinite(S->lo[i]) && isfinite(S->hi[i])) {
                lo = fmin(lo, fmin(S->lo[i], S->hi[i]));
                hi = fmax(hi, fmax(S->lo[i], S->hi[i]));
            }
        }
    if (!(lo <= hi)) return render_empty(sb, c, "No data to show: every value is missing");
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    xlo = c->x[0];
    xhi = c->x[c->n_x - 1];
    if (c->has_xrange) xlo = c->xlo, xhi = c->xhi;
    double W = c->width ? c->width : W_DEFAULT, H = c->height ? c->height : 400;
    legend_item lg[64];
    size_t n_lg = 0;
    int named = c->n_series > 1; /* one series: the axis title names it */
    for (size_t s = 0; named && s < c->n_series && n_lg < 64; s++)
        lg[n_lg++] = (legend_item){c->series[s].name ? c->series[s].name : "", pl_chart_palette(s), LG_LINE, 0,
                                   series_dash(s), 1};
    double head = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6;
    double lgh = legend_height(lg, n_lg, 12, W - 12);
    double y0 = head + lgh + (lgh > 0 ? 8 : 0) + 8 + marker_lanes(c);
    vaxis ya;
    vaxis_fit(&ya, lo, hi, 7, c->has_vrange);
    double x0 = 12 + (c->y_title && *c->y_title ? 20 : 0) + vaxis_label_w(&ya) + 10, x1 = W - 24;
    double pb = 8 + 16 + (c->x_title && *c->x_title ? 22 : 0) + 6, y1 = H - pb;
    if (y1 - y0 < 60) y1 = y0 + 60, H = y1 + pb;
    xaxis xa;
    xaxis_fit(&xa, c, xlo, xhi, x1 - x0, c->has_xrange || c->months);
    open_svg(sb, c, W, H);
    legend_draw(sb, lg, n_lg, 12, W - 12, head);
    draw_vaxis(sb, &ya, 0, x0, x1, y0, y1);
    draw_xaxis(sb, &xa, x0, x1, y0, y1);
    draw_vtitle(sb, c->y_title, 18, y0, y1);
    draw_htitle(sb, c->x_title, x0, x1, H - 10);
    int markers = c->n_x <= 24 || c->n_x * c->n_series <= 120;
    for (size_t s = 0; s < c->n_series; s++) /* bands under every line */
        if (c->series[s].lo && c->series[s].hi)
            draw_band(sb, c, &c->series[s], pl_chart_palette(s), &xa.va, &ya, x0, x1, y0, y1);
    draw_x_markers(sb, c, &xa.va, x0, x1, y0, y1);
    pl_strbuf_append(sb, "<g class=\"marks\" fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
    for (size_t s = 0; s < c->n_series; s++) {
        const series *S = &c->series[s];
        const char *col = pl_chart_palette(s), *dash = series_dash(s);
        pl_strbuf_appendf(sb, "<path stroke=\"%s\" stroke-width=\"2.2\"", col);
        if (dash) pl_strbuf_appendf(sb, " stroke-dasharray=\"%s\"", dash);
        pl_strbuf_append(sb, " d=\"");
        int pen = 0;
        for (size_t i = 0; i < c->n_x; i++) {
            if (!isfinite(S->v[i]) || c->x[i] < xa.va.lo - 1e-9 || c->x[i] > xa.va.hi + 1e-9) {
                pen = 0;
                continue;
            }
            path_pt(sb, pen ? 'L' : 'M', vaxis_map(&xa.va, c->x[i], x0, x1), vaxis_map(&ya, S->v[i], y1, y0));
            pen = 1;
        }
        pl_strbuf_append(sb, "\"><title>");
        pl_strbuf_append_html_escaped(sb, S->name && *S->name ? S->name : "series");
        pl_strbuf_append(sb, "</title></path>\n");
        for (size_t i = 0; i < c->n_x; i++) {
            if (!isfinite(S->v[i]) || c->x[i] < xa.va.lo - 1e-9 || c->x[i] > xa.va.hi + 1e-9) continue;
            int isolated = (i == 0 || !isfinite(S->v[i - 1])) && (i + 1 == c->n_x || !isfinite(S->v[i + 1]));
            if (!markers && !isolated) continue;
            pl_strbuf_append(sb, "<circle");
            attr(sb, "cx", vaxis_map(&xa.va, c->x[i], x0, x1));
            attr(sb, "cy", vaxis_map(&ya, S->v[i], y1, y0));
            pl_strbuf_appendf(sb, " r=\"%s\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"0.8\"><title>",
                              markers ? "3" : "2.5", col);
            if (S->name && *S->name) {
                pl_strbuf_append_html_escaped(sb, S->name);
                pl_strbuf_append(sb, " \xE2\x80\x94 ");
            }
            put_period(sb, c, c->x[i]);
            pl_strbuf_append(sb, ": ");
            put_val(sb, c, S->v[i]);
            pl_strbuf_append(sb, "</title></circle>\n");
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    close_svg(sb);
    return PL_OK;
}

/* --------------------------------------------------------------- histogram */

static int render_histogram(pl_strbuf *sb, const pl_chart *c)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t total = 0;
    int integral = 1;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            double v = c->series[s].v[i];
            if (!isfinite(v)) continue;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
            total++;
            if (v != floor(v)) integral = 0;
        }
    if (!total) return render_empty(sb, c, c->n_series ? "No data to show: every value is missing" : "No data to show");
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    /* bin edges on a 1-2-5 step, so they read as round numbers */
    size_t per = 0;
    for (size_t s = 0; s < c->n_series; s++) per = per > c->series[s].n ? per : c->series[s].n;
    int want = c->bins ? c->bins : (int)ceil(log2((double)(per ? per : 1))) + 1;
    if (want < 1) want = 1;
    if (want > 60 && !c->bins) want = 60;
    double step;
    if (hi > lo) {
        double f;
        int n;
        pl_chart_nice_ticks(lo, hi, want + 1, &f, &step, &n);
        if (c->bins) step = (hi - lo) / c->bins; /* exact count asked for: exact edges */
    } else {
        step = integral ? 1 : (lo == 0 ? 1 : pow(10, floor(log10(fabs(lo)))) / 10);
    }
    if (integral && step < 1) step = 1;
    double first = c->bins && hi > lo ? lo : floor(lo / step + 1e-9) * step;
    double nbd = floor((hi - first) / step + 1e-9) + 1;
    int nb = nbd >= 2000 || !(nbd == nbd) ? 2000 : nbd < 1 ? 1 : (int)nbd;
    if (c->bins && hi > lo) nb = c->bins;
    size_t *cnt = pl_calloc((size_t)nb * (c->n_series ? c->n_series : 1), sizeof *cnt);
    if (!cnt) return PL_ENOMEM;
    size_t top_count = 0;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->series[s].n; i++) {
            double v = c->series[s].v[i];
            if (!isfinite(v)) continue;
            double bd = floor((v - first) / step + 1e-9); /* clamp before converting: v may be far out */
            long b = bd < 0 ? 0 : bd >= nb ? nb - 1 : (long)bd;
            size_t *p = &cnt[s * (size_t)nb + (size_t)b];
            if (++*p > top_count) top_count = *p;
        }
    double W = c->width ? c->width : W_DEFAULT, H = c->height ? c->height : 380;
    legend_item lg[64];
    size_t n_lg = 0;
    int named = c->n_series > 1; /* one series: the axis title names it */
    double op = 0.85;
    for (size_t s = 0; named && s < c->n_series && n_lg < 64; s++)
        lg[n_lg++] = (legend_item){c->series[s].name ? c->series[s].name : "", pl_chart_palette(s), LG_SWATCH, 0, NULL, op};
    double head = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6;
    double lgh = legend_height(lg, n_lg, 12, W - 12);
    double y0 = head + lgh + (lgh > 0 ? 8 : 0) + 8 + marker_lanes(c);
    vaxis ya;
    vaxis_fit(&ya, 0, (double)(top_count ? top_count : 1), 7, 0);
    if (ya.step < 1) vaxis_fit(&ya, 0, fmax(2, (double)top_count), 3, 0);
    const char *ytitle = c->y_title && *c->y_title ? c->y_title : "count";
    double x0 = 12 + 20 + vaxis_label_w(&ya) + 10, x1 = W - 24;
    double pb = 8 + 16 + (c->x_title && *c->x_title ? 22 : 0) + 6, y1 = H - pb;
    if (y1 - y0 < 60) y1 = y0 + 60, H = y1 + pb;
    xaxis xa;
    pl_chart tmp = *c;
    tmp.months = 0;
    xaxis_fit(&xa, &tmp, first, first + step * nb, x1 - x0, 0);
    open_svg(sb, c, W, H);
    legend_draw(sb, lg, n_lg, 12, W - 12, head);
    draw_vaxis(sb, &ya, 0, x0, x1, y0, y1);
    draw_xaxis(sb, &xa, x0, x1, y0, y1);
    draw_vtitle(sb, ytitle, 18, y0, y1);
    draw_htitle(sb, c->x_title, x0, x1, H - 10);
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (size_t s = 0; s < c->n_series; s++) {
        const char *col = pl_chart_palette(s);
        for (int b = 0; b < nb; b++) {
            size_t k = cnt[s * (size_t)nb + (size_t)b];
            if (!k) continue;
            double a = first + step * b, e = a + step;
            /* several series share each bin side by side (overlaid colours would mix) */
            double bx0 = vaxis_map(&xa.va, a, x0, x1), bx1 = vaxis_map(&xa.va, e, x0, x1);
            double gap = bx1 - bx0 > 4 ? (c->n_series > 1 ? fmin(6, (bx1 - bx0) * 0.15) : 1) : 0, sw = (bx1 - bx0 - gap) / (double)c->n_series;
            double px0 = bx0 + gap / 2 + sw * (double)s;
            double py = vaxis_map(&ya, (double)k, y1, y0);
            rect_open(sb, px0, py, sw, y1 - py, col);
            if (op < 1) attr(sb, "fill-opacity", op);
            pl_strbuf_append(sb, "><title>");
            if (c->series[s].name && *c->series[s].name) {
                pl_strbuf_append_html_escaped(sb, c->series[s].name);
                pl_strbuf_append(sb, " \xE2\x80\x94 ");
            }
            if (integral && step == 1) {
                put_val(sb, c, a);
            } else {
                pl_strbuf_append(sb, "[");
                put_val(sb, c, a);
                pl_strbuf_append(sb, ", ");
                put_val(sb, c, e);
                pl_strbuf_append(sb, b == nb - 1 ? "]" : ")");
            }
            pl_strbuf_appendf(sb, ": %zu</title></rect>\n", k);
        }
    }
    line(sb, x0, y1, x1, y1, C_AXIS, 1);
    pl_strbuf_append(sb, "</g>\n");
    draw_x_markers(sb, c, &xa.va, x0, x1, y0, y1);
    close_svg(sb);
    pl_free(cnt);
    return PL_OK;
}

/* ---------------------------------------------------------------- timeline */

static const char *const tl_color[PL_TL_KIND_COUNT] = {"#bbbbbb", "#E69F00", "#56B4E9", "#009E73", "#D55E00"};
static const char *const tl_interval_name[PL_TL_KIND_COUNT] = {"due", "under way", "completed, not verified",
                                                               "verified, in force", "reversed"};
static const char *const tl_point_name[PL_TL_KIND_COUNT] = {"deadline", "started", "completed", "verified", "reversed"};

/* Opens the element of a marker of a timeline kind centred on (x, y), without closing
 * it (the caller adds "/>" or a tooltip); returns the element's name. */
static const char *draw_marker_open(pl_strbuf *sb, int shape, double x, double y, double r, const char *color)
{
    switch (shape) {
    case PL_TL_DUE: /* a deadline: a bar across the row */
        pl_strbuf_append(sb, "<path d=\"");
        path_pt(sb, 'M', x, y - r * 1.6);
        pl_strbuf_append(sb, "V");
        num(sb, y + r * 1.6);
        pl_strbuf_append(sb, "\" stroke=\"#333333\" stroke-width=\"2.4\" fill=\"none\"");
        return "path";
    case PL_TL_STARTED: /* a triangle pointing forward */
        pl_strbuf_append(sb, "<path d=\"");
        path_pt(sb, 'M', x - r * 0.8, y - r);
        path_pt(sb, 'L', x + r, y);
        path_pt(sb, 'L', x - r * 0.8, y + r);
        pl_strbuf_appendf(sb, "Z\" fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.8\"", color);
        return "path";
    case PL_TL_COMPLETED:
        pl_strbuf_append(sb, "<circle");
        attr(sb, "cx", x);
        attr(sb, "cy", y);
        attr(sb, "r", r * 0.85);
        pl_strbuf_appendf(sb, " fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.8\"", color);
        return "circle";
    case PL_TL_VERIFIED: /* a diamond */
        pl_strbuf_append(sb, "<path d=\"");
        path_pt(sb, 'M', x, y - r * 1.15);
        path_pt(sb, 'L', x + r, y);
        path_pt(sb, 'L', x, y + r * 1.15);
        path_pt(sb, 'L', x - r, y);
        pl_strbuf_appendf(sb, "Z\" fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.8\"", color);
        return "path";
    default: /* reversed: a cross */
        pl_strbuf_append(sb, "<path d=\"");
        path_pt(sb, 'M', x - r * 0.8, y - r * 0.8);
        path_pt(sb, 'L', x + r * 0.8, y + r * 0.8);
        path_pt(sb, 'M', x - r * 0.8, y + r * 0.8);
        path_pt(sb, 'L', x + r * 0.8, y - r * 0.8);
        pl_strbuf_appendf(sb, "\" stroke=\"%s\" stroke-width=\"2.6\" fill=\"none\"", color);
        return "path";
    }
}

static void tl_tooltip(pl_strbuf *sb, const pl_chart *c, const mark *m)
{
    open_title(sb);
    pl_strbuf_append_html_escaped(sb, c->tl_rows[m->row]);
    pl_strbuf_append(sb, ": ");
    pl_strbuf_append(sb, m->point ? tl_point_name[m->kind] : tl_interval_name[m->kind]);
    pl_strbuf_append(sb, m->point ? " at " : ", ");
    put_period(sb, c, m->a);
    if (!m->point) {
        pl_strbuf_append(sb, " \xE2\x86\x92 ");
        if (isnan(m->b)) pl_strbuf_append(sb, "still open");
        else put_period(sb, c, m->b);
    }
    if (m->note && *m->note) {
        pl_strbuf_append(sb, " \xE2\x80\x94 ");
        pl_strbuf_append_html_escaped(sb, m->note);
    }
    close_title(sb);
}

static int render_timeline(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_tl_rows) return render_empty(sb, c, "No data to show");
    double lo = INFINITY, hi = -INFINITY;
    int used_iv[PL_TL_KIND_COUNT] = {0}, used_pt[PL_TL_KIND_COUNT] = {0};
    for (size_t i = 0; i < c->n_marks; i++) {
        const mark *m = &c->marks[i];
        lo = fmin(lo, m->a);
        hi = fmax(hi, m->a);
        if (isfinite(m->b)) hi = fmax(hi, m->b);
        (m->point ? used_pt : used_iv)[m->kind] = 1;
    }
    for (size_t i = 0; i < c->n_xmarkers; i++) lo = fmin(lo, c->xmarkers[i].x), hi = fmax(hi, c->xmarkers[i].x);
    if (c->has_xrange) lo = c->xlo, hi = c->xhi;
    if (!(lo <= hi)) lo = 0, hi = 1;
    if (hi - lo < 1) hi = lo + 1;
    double W = c->width ? c->width : W_DEFAULT;
    legend_item lg[PL_TL_KIND_COUNT * 2];
    size_t n_lg = 0;
    for (int k = 0; k < PL_TL_KIND_COUNT; k++)
        if (used_iv[k])
            lg[n_lg++] = (legend_item){tl_interval_name[k], k == PL_TL_DUE ? "#f1f1f1" : tl_color[k], LG_SWATCH, 0,
                                       k == PL_TL_DUE ? "3 2" : NULL, 1};
    for (int k = 0; k < PL_TL_KIND_COUNT; k++)
        if (used_pt[k]) lg[n_lg++] = (legend_item){tl_point_name[k], tl_color[k], LG_MARKER, k, NULL, 1};
    double head = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6;
    double lgh = legend_height(lg, n_lg, 12, W - 12);
    double y0 = head + lgh + (lgh > 0 ? 8 : 0) + 8 + marker_lanes(c);
    double lw = fmin(widest_label(c->tl_rows, c->n_tl_rows), W * 0.32);
    double x0 = 12 + (c->y_title && *c->y_title ? 20 : 0) + lw + 10, x1 = W - 24;
    double pb = 8 + 16 + (c->x_title && *c->x_title ? 22 : 0) + 6;
    double rowh = 26;
    double H = c->height ? c->height : y0 + rowh * (double)c->n_tl_rows + pb;
    if (c->height) rowh = (H - pb - y0) / (double)c->n_tl_rows;
    double y1 = y0 + rowh * (double)c->n_tl_rows;
    xaxis xa;
    xaxis_fit(&xa, c, lo, hi, x1 - x0, 1);
    open_svg(sb, c, W, H);
    legend_draw(sb, lg, n_lg, 12, W - 12, head);
    for (size_t r = 0; r < c->n_tl_rows; r += 2) { /* zebra stripes guide the eye along a row */
        rect_open(sb, x0, y0 + rowh * (double)r, x1 - x0, rowh, "#f7f7f7");
        pl_strbuf_append(sb, "/>\n");
    }
    draw_xaxis(sb, &xa, x0, x1, y0, y1);
    draw_cat_left(sb, c->tl_rows, c->n_tl_rows, x0 - 8, y0, rowh, lw);
    draw_vtitle(sb, c->y_title, 16, y0, y1);
    draw_htitle(sb, c->x_title, x0, x1, H - 10);
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (int pass = 0; pass < 3; pass++) { /* due windows, then intervals, then points on top */
        for (size_t i = 0; i < c->n_marks; i++) {
            const mark *m = &c->marks[i];
            int is_due = !m->point && m->kind == PL_TL_DUE;
            int my_pass = m->point ? 2 : is_due ? 0 : 1;
            if (pass != my_pass) continue;
            double cy = y0 + rowh * ((double)m->row + 0.5);
            double xa0 = vaxis_map(&xa.va, m->a, x0, x1);
            if (m->point) {
                const char *el = draw_marker_open(sb, m->kind, xa0, cy, fmin(6, rowh * 0.25), tl_color[m->kind]);
                pl_strbuf_append(sb, ">");
                tl_tooltip(sb, c, m);
                pl_strbuf_appendf(sb, "</%s>\n", el);
                continue;
            }
            double xb = isnan(m->b) ? x1 : vaxis_map(&xa.va, m->b, x0, x1);
            double w = fmax(xb - xa0, 2);
            if (is_due) {
                rect_open(sb, xa0, cy - rowh * 0.36, w, rowh * 0.72, "#f1f1f1");
                pl_strbuf_append(sb, " stroke=\"#999999\" stroke-dasharray=\"3 2\"");
            } else {
                rect_open(sb, xa0, cy - rowh * 0.22, w, rowh * 0.44, tl_color[m->kind]);
                pl_strbuf_append(sb, " rx=\"2\"");
                if (isnan(m->b)) pl_strbuf_append(sb, " fill-opacity=\"0.75\"");
            }
            pl_strbuf_append(sb, ">");
            tl_tooltip(sb, c, m);
            pl_strbuf_append(sb, "</rect>\n");
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    draw_x_markers(sb, c, &xa.va, x0, x1, y0, y1);
    close_svg(sb);
    return PL_OK;
}

/* ------------------------------------------------------------------ output */

int pl_chart_svg(const pl_chart *c, pl_strbuf *out, pl_error *err)
{
    /* pl_chart_create returns NULL only when out of memory, and the setters accept NULL */
    if (!c) return pl_error_set(err, PL_ENOMEM, "chart: out of memory");
    if (!out) return pl_error_set(err, PL_EINVAL, "chart: no output buffer");
    if (c->err_code)
        return pl_error_set(err, (pl_status)c->err_code, "chart '%s': %s", c->title ? c->title : kind_names[c->kind],
                            c->err_msg);
    if (pl_strbuf_failed(out)) return pl_error_set(err, PL_ENOMEM, "chart: out of memory");
    size_t mark_len = out->len;
    int rc;
    switch (c->kind) {
    case PL_CHART_BAR: rc = render_bar(out, c); break;
    case PL_CHART_BOX: rc = render_box(out, c); break;
    case PL_CHART_HEATMAP: rc = render_heatmap(out, c); break;
    case PL_CHART_LINE: rc = render_line(out, c); break;
    case PL_CHART_HISTOGRAM: rc = render_histogram(out, c); break;
    default: rc = render_timeline(out, c); break;
    }
    if (!rc && pl_strbuf_failed(out)) rc = PL_ENOMEM;
    if (rc) {
        if (!pl_strbuf_failed(out)) {
            out->len = mark_len;
            if (out->data) out->data[mark_len] = '\0';
        }
        return pl_error_set(err, (pl_status)rc, "chart '%s': out of memory", c->title ? c->title : kind_names[c->kind]);
    }
    return PL_OK;
}
