// SPDX-License-Identifier: MIT
/* svg_internal.h — what the chart files share: the chart's data, the look, and the drawing pieces.
 *
 * svg_chart.h is the interface for the writers; this header is for the files that implement it
 * and nothing else includes it.  The chart is one data structure (struct pl_chart, filled by the
 * setters in svg_chart.c) drawn by one render function per kind, each in its own file, from the
 * pieces declared here:
 *
 *     svg_chart.c      the chart object: create, setters (with sticky errors), free, pl_chart_svg
 *     svg_text.c       text output: numbers, attributes, escaped and fitted text, values, dates
 *     svg_frame.c      the frame: <svg> element, title, basic shapes, legend, palette, empty chart,
 *                      and the frame of values over an x axis (line and area charts)
 *     svg_axes.c       axes: 1-2-5 ticks, value axes, month axes, axis titles, category labels,
 *                      x markers
 *     svg_bar.c        the category x value frame (shared with boxes) and the bar chart
 *     svg_box.c        box statistics and the box chart
 *     svg_heatmap.c    the heatmap and its viridis scale
 *     svg_line.c       the line chart and its interval bands
 *     svg_area.c       the stacked area chart
 *     svg_histogram.c  the histogram
 *     svg_timeline.c   the timeline and its markers
 *     svg_graph.c      the graph of nodes and edges (an agreement's sequencing)
 *
 * Every coordinate goes through pl_svg_num (one decimal, whatever the locale) and every text
 * from data through pl_svg_put_text or pl_svg_put_fit (escaped), so those rules hold in one place. */
#ifndef PL_IO_SVG_INTERNAL_H
#define PL_IO_SVG_INTERNAL_H

#include <stddef.h>

#include "io/strbuf.h"
#include "io/svg_chart.h"

/* ---- the look ------------------------------------------------------------ */

#define W_DEFAULT 900
#define FS 12.0           /* tick labels, legend */
#define FS_TITLE 16.0
#define FS_AXIS 12.5      /* axis titles */
#define CHAR_EM 0.58      /* estimated glyph width in em */
#define MAX_LABEL_PX 170.0 /* rotated category labels are cut at this length */
#define LONG_LABEL_PX 480.0 /* a chart grows to show a category label up to this long whole */
#define C_TEXT "#222222"
#define C_MUTED "#555555"
#define C_GRID "#e3e3e3"
#define C_AXIS "#666666"
#define FONT "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

/* ---- the chart's data (filled by svg_chart.c) ------------------------------ */

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
    char **g_nodes;     /* GRAPH */
    int *g_hl;
    size_t n_gnodes;
    size_t *g_from, *g_to;
    int *g_kind;
    size_t n_gedges;
    pl_error err; /* the first failure of a setter (pl_error_set_first), given back by pl_chart_svg */
};

/* "bar", "box", ...: the data-kind attribute of the <svg> and the kind named in errors */
extern const char *const pl_svg_kind_names[];

/* ---- text output (svg_text.c) ---------------------------------------------- */

/* Estimated width in px of s at font size fs (0 for NULL). */
double pl_svg_text_w(const char *s, double fs);
/* The same for the first len bytes of s. */
double pl_svg_text_w_n(const char *s, size_t len, double fs);
/* A coordinate: one decimal. */
void pl_svg_num(pl_strbuf *sb, double x);
/* One point of a path's d attribute: the command letter (M, L), then "x y". */
void pl_svg_path_pt(pl_strbuf *sb, char cmd, double x, double y);
/* Appends ` name="x"` with one decimal. */
void pl_svg_attr(pl_strbuf *sb, const char *name, double x);
/* Appends s escaped, cut to at most max_px wide with an ellipsis; returns 1 if cut. */
int pl_svg_put_fit(pl_strbuf *sb, const char *s, double max_px, double fs);
/* A text element.  attrs: extra raw attributes (constant strings only).  The text is
 * cut to max_px (0 = no limit); a cut text carries the whole of it as a tooltip. */
void pl_svg_put_text(pl_strbuf *sb, double x, double y, const char *anchor, double fs, const char *attrs,
                     const char *raw, double max_px);
/* A value with d digits after the point (d < 0: chosen from the value). */
void pl_svg_put_val_d(pl_strbuf *sb, double v, int d);
/* A value as it appears in tooltips (the chart's decimals). */
void pl_svg_put_val(pl_strbuf *sb, const pl_chart *c, double v);
/* Period p as a date "2007-03" on a month axis, else as a number. */
void pl_svg_put_period(pl_strbuf *sb, const pl_chart *c, double p);
void pl_svg_open_title(pl_strbuf *sb);
void pl_svg_close_title(pl_strbuf *sb);

/* ---- the frame and the legend (svg_frame.c) -------------------------------- */

/* Opens the <svg> and draws the title and subtitle; returns the y below them. */
double pl_svg_open(pl_strbuf *sb, const pl_chart *c, double W, double H);
void pl_svg_close(pl_strbuf *sb);
void pl_svg_line(pl_strbuf *sb, double x1, double y1, double x2, double y2, const char *stroke, double width);
/* Opens a <rect> with its geometry and fill; the caller adds attributes and closes it. */
void pl_svg_rect_open(pl_strbuf *sb, double x, double y, double w, double h, const char *fill);
/* The empty state: the frame, the title and a sentence saying there is nothing to draw. */
int pl_svg_render_empty(pl_strbuf *sb, const pl_chart *c, const char *why);

enum { LG_SWATCH = 1, LG_LINE = 2, LG_MARKER = 4 };

typedef struct legend_item {
    const char *name;
    const char *color;
    int style;        /* LG_* bits */
    int shape;        /* marker shape (a pl_timeline_kind) with LG_MARKER */
    const char *dash; /* for LG_LINE, or NULL */
    double opacity;   /* fill opacity of a swatch */
} legend_item;

/* Height the legend takes when laid out in [x0, x1]. */
double pl_svg_legend_height(const legend_item *it, size_t n, double x0, double x1);
void pl_svg_legend_draw(pl_strbuf *sb, const legend_item *it, size_t n, double x0, double x1, double y0);

/* ---- axes (svg_axes.c) ------------------------------------------------------ */

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
void pl_svg_vaxis_fit(vaxis *a, double lo, double hi, int max_ticks, int fixed);
double pl_svg_vaxis_tick(const vaxis *a, int i);
void pl_svg_vaxis_label(const vaxis *a, double v, pl_strbuf *sb);
/* Maps v in [a->lo, a->hi] to [p0, p1], clipping outside values to the ends. */
double pl_svg_vaxis_map(const vaxis *a, double v, double p0, double p1);
/* Width of the widest tick label of an axis. */
double pl_svg_vaxis_label_w(const vaxis *a);
/* Fits a horizontal numeric axis so that its labels do not collide in width px. */
void pl_svg_vaxis_fit_across(vaxis *a, double lo, double hi, double width, int fixed);
/* Grid lines and labels of a value axis: drawn vertically (ticks along y, labels left of x0) or,
 * across, horizontally (ticks along x, labels below y_bottom). */
void pl_svg_draw_vaxis(pl_strbuf *sb, const vaxis *a, int across, double x0, double x1, double y_top, double y_bottom);
/* The tick labels of an axis drawn across, again above the plot whose top is y (tall charts). */
void pl_svg_draw_vaxis_labels_above(pl_strbuf *sb, const vaxis *a, double x0, double x1, double y);
/* The title of the vertical axis, rotated, centred on [y0, y1] at x. */
void pl_svg_draw_vtitle(pl_strbuf *sb, const char *title, double x, double y0, double y1);
void pl_svg_draw_htitle(pl_strbuf *sb, const char *title, double x0, double x1, double y);

/* Labels of a category axis along the bottom: horizontal if they fit their slot, else
 * horizontal on up to CAT_WRAP_LINES lines if each word fits, else rotated by 45 degrees and cut;
 * every k-th only when the slots are too narrow. */
#define CAT_WRAP_LINES 3
typedef struct cat_layout {
    int rotate, every;
    double max_px, height;
    int lines;      /* > 1: the labels wrapped at spaces, at most this many lines each */
    double wrap_px; /* the width they were wrapped to */
} cat_layout;
/* The label wrapped at spaces into lines no wider than max_px (fs): the number of lines (at most
 * CAT_WRAP_LINES), each line's start and length in s; 0 if a word is wider or more lines are needed. */
int pl_svg_wrap_label(const char *s, double max_px, double fs, size_t start[CAT_WRAP_LINES],
                      size_t len[CAT_WRAP_LINES]);

cat_layout pl_svg_cat_layout_bottom(char *const *labels, size_t n, double slot);
void pl_svg_draw_cat_bottom(pl_strbuf *sb, const cat_layout *L, char *const *labels, size_t n, double x0, double slot,
                            double y);
/* Category labels down the left, right-aligned at x, every k-th if the band is thin. */
void pl_svg_draw_cat_left(pl_strbuf *sb, char *const *labels, size_t n, double x, double y0, double band,
                          double max_px);
double pl_svg_widest_label(char *const *labels, size_t n);

/* An x axis of numbers or of months (LINE, HISTOGRAM, TIMELINE). */
typedef struct xaxis {
    int months;
    vaxis va;          /* numeric axis, or the range for a month axis */
    long long m_first; /* month axis: absolute month of the first tick */
    int m_step, m_count;
    long long m_origin; /* absolute month of period 0 */
} xaxis;

void pl_svg_xaxis_fit(xaxis *a, const pl_chart *c, double lo, double hi, double width, int fixed);
void pl_svg_draw_xaxis(pl_strbuf *sb, const xaxis *a, double x0, double x1, double y_top, double y_bottom);
/* Room above the plot for the labels of x markers: one lane, or two that alternate. */
double pl_svg_marker_lanes(const pl_chart *c);
/* Dashed vertical lines at marked x positions, labelled in the lanes above the plot (y0). */
void pl_svg_draw_x_markers(pl_strbuf *sb, const pl_chart *c, const vaxis *xa, double x0, double x1, double y0,
                           double y1);

/* ---- the frame of values over an x axis (svg_frame.c; LINE and AREA) -------- */

/* The plot area [x0, x1] x [y0, y1] (y0 the top), the chart's size and its x axis. */
typedef struct xyframe {
    double W, H, x0, x1, y0, y1;
    xaxis xa;
} xyframe;

/* Lays out and draws the frame of a chart of values over x: the <svg> with its title (W, H the
 * chart's, else W_DEFAULT and H_default, grown to a plot at least 60 high), the legend lg, room
 * for the x markers' labels, the value axis ya (fitted by the caller) down the left with
 * c->y_title, and the x axis fitted to [xlo, xhi] (fixed when the chart gives an x range or
 * months) with c->x_title.  The caller draws the marks into f's plot area, then closes. */
void pl_svg_xyframe_begin(xyframe *f, pl_strbuf *sb, const pl_chart *c, const legend_item *lg, size_t n_lg,
                          const vaxis *ya, double xlo, double xhi, double H_default);

/* ---- the category x value frame (svg_bar.c; BAR and BOX) --------------------- */

/* Layout shared by BAR and BOX: n categories along one axis, values along the other. */
typedef struct catframe {
    int horiz;
    size_t n;
    double x0, x1, y0, y1; /* plot rectangle; y0 top, y1 bottom */
    double band;           /* room per category */
    vaxis va;
    double W, H;
} catframe;

/* Lays out, opens the svg and draws header, legend, grid and labels. per_cat: the
 * natural room per category when the chart is horizontal and its height automatic. */
void pl_svg_catframe_begin(catframe *f, pl_strbuf *sb, const pl_chart *c, char *const *labels, size_t n, double lo,
                           double hi, const legend_item *lg, size_t n_lg, double per_cat);
/* Position of value v, and of the middle of category i. */
double pl_svg_cf_val(const catframe *f, double v);
double pl_svg_cf_cat(const catframe *f, size_t i);
/* The axis line at value v (the baseline of bars). */
void pl_svg_catframe_baseline(const catframe *f, pl_strbuf *sb, double v);
/* A rectangle between values a and b across [c0, c1] of the category axis. */
void pl_svg_cf_rect(const catframe *f, pl_strbuf *sb, double a, double b, double c0, double c1, const char *fill);
/* A line at value-axis position v across [c0, c1], or along the value axis at c from a to b. */
void pl_svg_cf_line_across(const catframe *f, pl_strbuf *sb, double v, double c0, double c1, const char *stroke,
                           double w);
void pl_svg_cf_line_along(const catframe *f, pl_strbuf *sb, double cpos, double a, double b, const char *stroke,
                          double w);

/* ---- markers of a timeline kind (svg_timeline.c; also drawn in legends) ------ */

/* Opens the element of a marker of a timeline kind centred on (x, y), without closing
 * it (the caller adds "/>" or a tooltip); returns the element's name. */
const char *pl_svg_marker_open(pl_strbuf *sb, int shape, double x, double y, double r, const char *color);

/* ---- one render function per kind (called by pl_chart_svg) --------------------- */

int pl_svg_render_bar(pl_strbuf *sb, const pl_chart *c);       /* svg_bar.c */
int pl_svg_render_box(pl_strbuf *sb, const pl_chart *c);       /* svg_box.c */
int pl_svg_render_heatmap(pl_strbuf *sb, const pl_chart *c);   /* svg_heatmap.c */
int pl_svg_render_line(pl_strbuf *sb, const pl_chart *c);      /* svg_line.c */
int pl_svg_render_area(pl_strbuf *sb, const pl_chart *c);      /* svg_area.c */
int pl_svg_render_histogram(pl_strbuf *sb, const pl_chart *c); /* svg_histogram.c */
int pl_svg_render_timeline(pl_strbuf *sb, const pl_chart *c);  /* svg_timeline.c */
int pl_svg_render_graph(pl_strbuf *sb, const pl_chart *c);     /* svg_graph.c */

#endif
