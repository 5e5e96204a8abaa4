// SPDX-License-Identifier: MIT
/* svg_frame.c — what every chart is drawn in: the <svg> element with its title, basic shapes, the legend,
 * the palette and the empty chart.
 *
 * The legend wraps onto as many rows as it needs and reports its height first, so a
 * render function can lay out its plot below it before drawing anything.  Colours are
 * the Okabe–Ito palette, distinguishable with colour-blindness. */
#include <math.h>

#include "io/svg_internal.h"

/* Okabe & Ito (2008), "Color Universal Design": yellow last, it is faint on white */
static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442"};

const char *pl_chart_palette(size_t i) { return palette[i % (sizeof palette / sizeof *palette)]; }

/* ---------------------------------------------------------- frame pieces */

/* Opens the <svg> and draws the title and subtitle; returns the y below them. */
double pl_svg_open(pl_strbuf *sb, const pl_chart *c, double W, double H)
{
    /* wider than a report's page (62rem): the page scrolls it rather than shrinking its labels */
    pl_strbuf_append(sb, W > 1000 ? "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pl-chart wide\" role=\"img\""
                                  : "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pl-chart\" role=\"img\"");
    pl_strbuf_appendf(sb, " data-kind=\"%s\"", pl_svg_kind_names[c->kind]);
    pl_strbuf_append(sb, " viewBox=\"0 0 ");
    pl_svg_num(sb, W);
    pl_strbuf_append_char(sb, ' ');
    pl_svg_num(sb, H);
    pl_strbuf_append_char(sb, '"');
    pl_svg_attr(sb, "width", W);
    pl_svg_attr(sb, "height", H);
    pl_strbuf_append(sb, " font-family=\"" FONT "\" font-size=\"12\" fill=\"" C_TEXT "\">\n");
    pl_svg_open_title(sb);
    pl_strbuf_append_html_escaped(sb, c->title ? c->title : pl_svg_kind_names[c->kind]);
    pl_svg_close_title(sb);
    pl_strbuf_append(sb, "\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    double y = 8;
    if (c->title && *c->title) {
        pl_svg_put_text(sb, 12, y + 16, "start", FS_TITLE, "font-weight=\"600\"", c->title, W - 24);
        y += 24;
    }
    if (c->subtitle && *c->subtitle) {
        pl_svg_put_text(sb, 12, y + 13, "start", FS, "fill=\"" C_MUTED "\"", c->subtitle, W - 24);
        y += 18;
    }
    return y + 6;
}

void pl_svg_close(pl_strbuf *sb) { pl_strbuf_append(sb, "</svg>\n"); }

void pl_svg_line(pl_strbuf *sb, double x1, double y1, double x2, double y2, const char *stroke, double width)
{
    pl_strbuf_append(sb, "<line");
    pl_svg_attr(sb, "x1", x1);
    pl_svg_attr(sb, "y1", y1);
    pl_svg_attr(sb, "x2", x2);
    pl_svg_attr(sb, "y2", y2);
    pl_strbuf_appendf(sb, " stroke=\"%s\"", stroke);
    if (width != 1) pl_svg_attr(sb, "stroke-width", width);
    pl_strbuf_append(sb, "/>\n");
}

void pl_svg_rect_open(pl_strbuf *sb, double x, double y, double w, double h, const char *fill)
{
    pl_strbuf_append(sb, "<rect");
    pl_svg_attr(sb, "x", x);
    pl_svg_attr(sb, "y", y);
    pl_svg_attr(sb, "width", w < 0 ? 0 : w);
    pl_svg_attr(sb, "height", h < 0 ? 0 : h);
    pl_strbuf_appendf(sb, " fill=\"%s\"", fill);
}

/* The empty state: the frame, the title and a sentence saying there is nothing to draw. */
int pl_svg_render_empty(pl_strbuf *sb, const pl_chart *c, const char *why)
{
    double W = c->width ? c->width : W_DEFAULT, H = c->height ? c->height : 200;
    double top = pl_svg_open(sb, c, W, H);
    pl_strbuf_append(sb, "<g class=\"empty\">\n");
    pl_svg_rect_open(sb, 12, top, W - 24, H - top - 12, "#fafafa");
    pl_strbuf_append(sb, " stroke=\"#dddddd\" stroke-dasharray=\"4 3\"/>\n");
    pl_svg_put_text(sb, W / 2, (top + H - 12) / 2 + 4, "middle", 13, "fill=\"" C_MUTED "\"", why, W - 48);
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_close(sb);
    return PL_OK;
}

#define LEGEND_TEXT_MAX 200.0

/* ----------------------------------------------------------------- legend */

static double legend_item_w(const legend_item *it)
{
    double w = 0;
    if (it->style & LG_SWATCH) w += 14;
    if (it->style & LG_LINE) w += 22;
    if (it->style & LG_MARKER) w += 14;
    return w + 6 + fmin(pl_svg_text_w(it->name, FS), LEGEND_TEXT_MAX) + 18;
}

/* Height the legend takes when laid out in [x0, x1]. */
double pl_svg_legend_height(const legend_item *it, size_t n, double x0, double x1)
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

void pl_svg_legend_draw(pl_strbuf *sb, const legend_item *it, size_t n, double x0, double x1, double y0)
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
            pl_svg_attr(sb, "x", cx);
            pl_svg_attr(sb, "y", cy - 6);
            pl_strbuf_appendf(sb, " width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"", it[i].color);
            if (it[i].opacity > 0 && it[i].opacity < 1) pl_svg_attr(sb, "fill-opacity", it[i].opacity);
            if (it[i].dash) pl_strbuf_appendf(sb, " stroke=\"#888888\" stroke-dasharray=\"%s\"", it[i].dash);
            pl_strbuf_append(sb, "/>\n");
            cx += 14;
        }
        if (it[i].style & LG_LINE) {
            pl_strbuf_append(sb, "<line");
            pl_svg_attr(sb, "x1", cx);
            pl_svg_attr(sb, "y1", cy);
            pl_svg_attr(sb, "x2", cx + 18);
            pl_svg_attr(sb, "y2", cy);
            pl_strbuf_appendf(sb, " stroke=\"%s\" stroke-width=\"2.5\"", it[i].color);
            if (it[i].dash) pl_strbuf_appendf(sb, " stroke-dasharray=\"%s\"", it[i].dash);
            pl_strbuf_append(sb, "/>\n");
            cx += 22;
        }
        if (it[i].style & LG_MARKER) {
            pl_svg_marker_open(sb, it[i].shape, cx + 6, cy, 5, it[i].color);
            pl_strbuf_append(sb, "/>\n");
            cx += 14;
        }
        pl_svg_put_text(sb, cx + 4, cy + 4, "start", FS, "fill=\"" C_TEXT "\"", it[i].name, LEGEND_TEXT_MAX);
        x += w;
    }
    pl_strbuf_append(sb, "</g>\n");
}

/* ---------------------------------------------------- values over an x axis */

void pl_svg_xyframe_begin(xyframe *f, pl_strbuf *sb, const pl_chart *c, const legend_item *lg, size_t n_lg,
                          const vaxis *ya, double xlo, double xhi, double H_default)
{
    double W = c->width ? c->width : W_DEFAULT, H = c->height ? c->height : H_default;
    double head = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6;
    double lgh = pl_svg_legend_height(lg, n_lg, 12, W - 12);
    double y0 = head + lgh + (lgh > 0 ? 8 : 0) + 8 + pl_svg_marker_lanes(c);
    double x0 = 12 + (c->y_title && *c->y_title ? 20 : 0) + pl_svg_vaxis_label_w(ya) + 10, x1 = W - 24;
    double pb = 8 + 16 + (c->x_title && *c->x_title ? 22 : 0) + 6, y1 = H - pb;
    if (y1 - y0 < 60) y1 = y0 + 60, H = y1 + pb;
    pl_svg_xaxis_fit(&f->xa, c, xlo, xhi, x1 - x0, c->has_xrange || c->months);
    pl_svg_open(sb, c, W, H);
    pl_svg_legend_draw(sb, lg, n_lg, 12, W - 12, head);
    pl_svg_draw_vaxis(sb, ya, 0, x0, x1, y0, y1);
    pl_svg_draw_xaxis(sb, &f->xa, x0, x1, y0, y1);
    pl_svg_draw_vtitle(sb, c->y_title, 18, y0, y1);
    pl_svg_draw_htitle(sb, c->x_title, x0, x1, H - 10);
    f->W = W, f->H = H, f->x0 = x0, f->x1 = x1, f->y0 = y0, f->y1 = y1;
}
