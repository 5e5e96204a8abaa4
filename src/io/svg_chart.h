// SPDX-License-Identifier: MIT
/* svg_chart.h — every chart in a parley report: data in, SVG text out.
 *
 * One small module draws all the charts the engines need, so that they share
 * axes, ticks, fonts, colours and escaping, and so that one set of tests covers
 * them.  A chart is built in three steps:
 *
 *     pl_chart *c = pl_chart_create(PL_CHART_BAR, "Mean score per turn");
 *     pl_chart_set_categories(c, n, names);
 *     pl_chart_add_series(c, "score", means, n);
 *     pl_chart_set_errors(c, 0, ci_low, ci_high);
 *     pl_error err;
 *     if (pl_chart_svg(c, &sb, &err)) ...;   // appends one <svg> element to sb
 *     pl_chart_free(c);
 *
 * Rules that hold for every kind:
 *  - Deterministic: the same data gives byte-identical SVG.  No ids, no clock,
 *    no randomness; every coordinate is printed with one decimal, whatever the
 *    C locale.  Charts contain no id attributes, so any number can sit in one page.
 *  - Safe: every text that comes from data (titles, labels, series names, notes)
 *    is XML-escaped; a party called "<script>" shows as text.
 *  - Errors are sticky: a setter given inconsistent data (a series whose length
 *    does not match the categories, a setter of another kind's data) returns
 *    PL_EINVAL and records the first such error in the chart; pl_chart_svg then
 *    returns it with its message.  So a caller may make many calls and check once.
 *  - Missing data is not an error: NaN and infinite values are left out (a bar
 *    not drawn, a line broken, a value not counted); a chart with nothing left
 *    to draw renders as an "empty" chart that says so.
 *  - Readable: axes use 1-2-5 tick steps; long labels are truncated with an
 *    ellipsis (the full text in a tooltip) and rotated or thinned when crowded;
 *    colours are the Okabe–Ito palette (distinguishable with colour-blindness),
 *    heatmaps use viridis; every mark has a <title> tooltip.
 */
#ifndef PL_IO_SVG_CHART_H
#define PL_IO_SVG_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "io/strbuf.h"
#include "parley/error.h"

typedef enum pl_chart_kind {
    PL_CHART_BAR,       /* categories x series, grouped bars, optional error bars, optionally horizontal */
    PL_CHART_BOX,       /* one box per category: quartiles, 1.5 IQR whiskers, outliers, median */
    PL_CHART_HEATMAP,   /* a rows x cols matrix with labels, viridis colour scale and legend */
    PL_CHART_LINE,      /* x values, several named series, legend */
    PL_CHART_HISTOGRAM, /* values -> bins; several series side by side in each bin */
    PL_CHART_TIMELINE,  /* rows of intervals and point markers of a kind over a time axis */
    PL_CHART_GRAPH,     /* nodes and directed edges, laid out in columns by depth (a sequencing) */
    PL_CHART_AREA       /* x values, several named series stacked one on another (shares over time) */
} pl_chart_kind;

/* Kinds of edge in a graph: one every drawing has, one this drawing adds (highlighted), one it
 * lacks that the reference has (dashed, muted). */
typedef enum pl_graph_edge_kind { PL_GE_SHARED, PL_GE_ADDED, PL_GE_REMOVED } pl_graph_edge_kind;

/* Kinds of interval and marker on a timeline (an agreement step's life). */
typedef enum pl_timeline_kind {
    PL_TL_DUE,       /* interval: when the step was due (conditions met -> deadline); point: the deadline */
    PL_TL_STARTED,   /* interval: work under way (started -> completed); point: started */
    PL_TL_COMPLETED, /* interval: done, not yet verified; point: completed */
    PL_TL_VERIFIED,  /* interval: verified and in force; point: verified */
    PL_TL_REVERSED,  /* interval: reversed (undone); point: reversed */
    PL_TL_UNKNOWN,   /* interval: no record settles it (hatched grey): missing data, not a failure */
    PL_TL_KIND_COUNT
} pl_timeline_kind;

typedef struct pl_chart pl_chart;

/* A new empty chart of that kind; title may be NULL.  NULL only if out of memory. */
pl_chart *pl_chart_create(pl_chart_kind kind, const char *title);
void pl_chart_free(pl_chart *c);

/* ---- every kind ---------------------------------------------------------- */

/* Size in pixels (the SVG also scales to its container).  0 = automatic: 900 wide,
 * and a height from the data for horizontal bars and boxes, heatmaps and timelines. */
int pl_chart_set_size(pl_chart *c, int width, int height);
/* A line under the title (e.g. "20 000 runs, seed 1"); NULL for none. */
int pl_chart_set_subtitle(pl_chart *c, const char *subtitle);
/* Axis titles.  x_title names the axis of categories, x values or time; y_title the
 * axis of values (in a horizontal chart the category axis is the vertical one).
 * For a heatmap: x_title names the columns, y_title the rows.  NULL for none. */
int pl_chart_set_axis_titles(pl_chart *c, const char *x_title, const char *y_title);
/* Fixes the value range to [lo, hi] instead of fitting it to the data (e.g. 0..1 for
 * probabilities): the value axis of BAR, BOX and LINE, the colour scale of a heatmap,
 * the binned range of a histogram.  Values outside are drawn at the edge (counted in
 * the first or last bin).  lo < hi, both finite. */
int pl_chart_set_value_range(pl_chart *c, double lo, double hi);
/* Digits after the point in tooltips and heatmap cells; -1 (default) = automatic. */
int pl_chart_set_decimals(pl_chart *c, int decimals);

/* ---- BAR, BOX ------------------------------------------------------------- */

/* Draw categories down the left side and values along the bottom (long labels). */
int pl_chart_set_horizontal(pl_chart *c, int horizontal);

/* ---- BAR ------------------------------------------------------------------ */

/* The category labels, in order (copied).  Set before the series. */
int pl_chart_set_categories(pl_chart *c, size_t n, const char *const *labels);
/* BAR: one value per category (n equals the number of categories).
 * LINE: one value per x (n equals the number of x values); NaN breaks the line.
 * HISTOGRAM: any number of raw values, binned (series share bins, side by side).  name may be NULL for a single series. */
int pl_chart_add_series(pl_chart *c, const char *name, const double *values, size_t n);
/* BAR: error bars for series number `series` (0-based): lo[i] and hi[i] are the
 * absolute lower and upper ends (e.g. a 95% confidence interval), one per category.
 * LINE: a shaded band between lo[i] and hi[i] around the series, one per x value. */
int pl_chart_set_errors(pl_chart *c, size_t series, const double *lo, const double *hi);

/* ---- BOX ------------------------------------------------------------------ */

/* One box: a label and its values (copied; NaN left out). */
int pl_chart_add_box(pl_chart *c, const char *label, const double *values, size_t n);

/* Five-number summary as drawn: quartiles by linear interpolation (the default of
 * numpy and matplotlib), whiskers at the furthest values within 1.5 IQR of the box. */
typedef struct pl_chart_box_stats {
    size_t n;                    /* finite values */
    double q1, median, q3;
    double whisker_lo, whisker_hi;
    size_t n_outliers;           /* values beyond the whiskers */
    double min, max, mean;
} pl_chart_box_stats;
/* Fills st from values (NaN and infinities left out).  PL_EINVAL if none is finite. */
int pl_chart_box_stats_of(const double *values, size_t n, pl_chart_box_stats *st);

/* ---- HEATMAP -------------------------------------------------------------- */

/* The most rows or columns a heat map takes: a reader of a scenario checks its sizes against it
 * when the input is validated, so a run is never refused only when its report is drawn. */
#define PL_CHART_MAX_SIDE 100000

/* The matrix, row-major (values[r * cols + c]), with row and column labels (each may be
 * NULL for numbers 1..n).  Cells show their value when they are large enough. */
int pl_chart_set_matrix(pl_chart *c, size_t rows, size_t cols, const double *values,
                        const char *const *row_labels, const char *const *col_labels);

/* ---- LINE ----------------------------------------------------------------- */

/* The x values, shared by all series, increasing (copied).  Set before the series. */
int pl_chart_set_x(pl_chart *c, const double *x, size_t n);
/* Which of the points 0 .. last a chart of a long series draws, about `most` of them at most:
 * every stride-th (0, stride, 2 stride, ...) and always the last.  Returns the stride (1 when
 * all fit); *count the points drawn. */
uint64_t pl_chart_thin(uint64_t last, size_t most, size_t *count);

/* ---- HISTOGRAM ------------------------------------------------------------ */

/* Number of bins; 0 (default) = automatic (Sturges' rule, edges on 1-2-5 steps). */
int pl_chart_set_bins(pl_chart *c, int bins);

/* ---- TIMELINE ------------------------------------------------------------- */

/* Adds a row (e.g. an agreement step); returns its index (>= 0) or a negative pl_status. */
int pl_chart_timeline_add_row(pl_chart *c, const char *label);
/* An interval on a row from `start` to `end` (in periods).  end = NaN means still
 * open: it runs to the end of the axis.  note (may be NULL) goes in the tooltip. */
int pl_chart_timeline_add_interval(pl_chart *c, size_t row, double start, double end,
                                   pl_timeline_kind kind, const char *note);
/* A point marker on a row at period `at`. */
int pl_chart_timeline_add_point(pl_chart *c, size_t row, double at, pl_timeline_kind kind, const char *note);

/* ---- GRAPH ---------------------------------------------------------------- */

/* Adds a node (a step); highlight marks one that differs from the reference.  Returns its index
 * (>= 0) or a negative pl_status. */
int pl_chart_graph_add_node(pl_chart *c, const char *label, int highlight);
/* A directed edge from node `from` to node `to` ("to requires from").  Nodes are placed in
 * columns by the longest chain of edges (not REMOVED ones) leading to them. */
int pl_chart_graph_add_edge(pl_chart *c, size_t from, size_t to, pl_graph_edge_kind kind);

/* ---- x markers (LINE, TIMELINE, HISTOGRAM) -------------------------------- */

/* A dashed vertical line at x with a label at the top of the plot (an event: "agreement
 * signed", "talks suspended"; or a threshold: "deadline").  Markers outside the x axis
 * of a line chart or histogram are not drawn; a timeline's axis widens to show them. */
int pl_chart_add_x_marker(pl_chart *c, double x, const char *label);

/* ---- time axis (LINE, TIMELINE) ------------------------------------------ */

/* Periods are months and period 0 is year-month (month 1..12): the axis is labelled
 * with dates ("2007-03", or "2007" when ticks are a year or more apart). */
int pl_chart_set_x_months(pl_chart *c, int year, int month);
/* Fixes the x (time) axis of a LINE or TIMELINE chart to [lo, hi]. */
int pl_chart_set_x_range(pl_chart *c, double lo, double hi);

/* ---- output --------------------------------------------------------------- */

/* Appends the chart as one <svg> element (with xmlns, so it is also a valid .svg
 * file).  Returns 0, the chart's first recorded error (out is then untouched), or
 * PL_ENOMEM (out is then marked failed, see strbuf.h). */
int pl_chart_svg(const pl_chart *c, pl_strbuf *out, pl_error *err);

/* ---- helpers, exposed for tests and other writers -------------------------- */

/* Ticks on a 1-2-5 step covering [lo, hi] with at most max_ticks ticks (max_ticks >= 2):
 * first, first + step, ..., first + (count - 1) * step, with first <= lo and the last
 * >= hi.  lo == hi is widened around the value.  PL_EINVAL for non-finite input. */
int pl_chart_nice_ticks(double lo, double hi, int max_ticks, double *first, double *step, int *count);

/* The Okabe–Ito colour for series i (cycles), as "#rrggbb". */
const char *pl_chart_palette(size_t i);

#endif
