// SPDX-License-Identifier: MIT
/* svg_timeline.c — the timeline: one row per agreement step, its intervals and point markers over time.
 *
 * Each kind (due, started, completed, verified, reversed, unknown: hatched) has its colour and, for points,
 * its shape, so the life of a step reads without the legend; the markers are also drawn
 * in legends (pl_svg_marker_open). */
#include <math.h>

#include "io/svg_internal.h"

/* ---------------------------------------------------------------- timeline */

static const char *const tl_color[PL_TL_KIND_COUNT] = {"#bbbbbb", "#E69F00", "#56B4E9", "#009E73", "#D55E00",
                                                       "#dddddd"};
static const char *const tl_interval_name[PL_TL_KIND_COUNT] = {"due", "under way", "completed, not verified",
                                                               "verified, in force", "reversed",
                                                               "no record: unknown"};
static const char *const tl_point_name[PL_TL_KIND_COUNT] = {"deadline", "started", "completed", "verified", "reversed",
                                                            "unknown"};

/* Diagonal hatching inside the box (x, y, w, h), drawn as clipped segments (a <pattern>
 * would need an id, and charts carry none): unknown reads as "not known", never as a colour. */
static void draw_hatch(pl_strbuf *sb, double x, double y, double w, double h)
{
    pl_strbuf_append(sb, "<path d=\"");
    for (double x0 = x - h; x0 < x + w; x0 += 5) {
        double s0 = fmax(0, x - x0), s1 = fmin(h, x + w - x0);
        if (s1 <= s0) continue;
        pl_svg_path_pt(sb, 'M', x0 + s0, y + h - s0);
        pl_svg_path_pt(sb, 'L', x0 + s1, y + h - s1);
    }
    pl_strbuf_append(sb, "\" stroke=\"#888888\" stroke-width=\"0.8\" fill=\"none\"/>\n");
}

/* Opens the element of a marker of a timeline kind centred on (x, y), without closing
 * it (the caller adds "/>" or a tooltip); returns the element's name. */
const char *pl_svg_marker_open(pl_strbuf *sb, int shape, double x, double y, double r, const char *color)
{
    switch (shape) {
    case PL_TL_DUE: /* a deadline: a bar across the row */
        pl_strbuf_append(sb, "<path d=\"");
        pl_svg_path_pt(sb, 'M', x, y - r * 1.6);
        pl_strbuf_append(sb, "V");
        pl_svg_num(sb, y + r * 1.6);
        pl_strbuf_append(sb, "\" stroke=\"#333333\" stroke-width=\"2.4\" fill=\"none\"");
        return "path";
    case PL_TL_STARTED: /* a triangle pointing forward */
        pl_strbuf_append(sb, "<path d=\"");
        pl_svg_path_pt(sb, 'M', x - r * 0.8, y - r);
        pl_svg_path_pt(sb, 'L', x + r, y);
        pl_svg_path_pt(sb, 'L', x - r * 0.8, y + r);
        pl_strbuf_appendf(sb, "Z\" fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.8\"", color);
        return "path";
    case PL_TL_COMPLETED:
        pl_strbuf_append(sb, "<circle");
        pl_svg_attr(sb, "cx", x);
        pl_svg_attr(sb, "cy", y);
        pl_svg_attr(sb, "r", r * 0.85);
        pl_strbuf_appendf(sb, " fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.8\"", color);
        return "circle";
    case PL_TL_VERIFIED: /* a diamond */
        pl_strbuf_append(sb, "<path d=\"");
        pl_svg_path_pt(sb, 'M', x, y - r * 1.15);
        pl_svg_path_pt(sb, 'L', x + r, y);
        pl_svg_path_pt(sb, 'L', x, y + r * 1.15);
        pl_svg_path_pt(sb, 'L', x - r, y);
        pl_strbuf_appendf(sb, "Z\" fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.8\"", color);
        return "path";
    default: /* reversed: a cross */
        pl_strbuf_append(sb, "<path d=\"");
        pl_svg_path_pt(sb, 'M', x - r * 0.8, y - r * 0.8);
        pl_svg_path_pt(sb, 'L', x + r * 0.8, y + r * 0.8);
        pl_svg_path_pt(sb, 'M', x - r * 0.8, y + r * 0.8);
        pl_svg_path_pt(sb, 'L', x + r * 0.8, y - r * 0.8);
        pl_strbuf_appendf(sb, "\" stroke=\"%s\" stroke-width=\"2.6\" fill=\"none\"", color);
        return "path";
    }
}

static void tl_tooltip(pl_strbuf *sb, const pl_chart *c, const mark *m)
{
    pl_svg_open_title(sb);
    pl_strbuf_append_html_escaped(sb, c->tl_rows[m->row]);
    pl_strbuf_append(sb, ": ");
    pl_strbuf_append(sb, m->point ? tl_point_name[m->kind] : tl_interval_name[m->kind]);
    pl_strbuf_append(sb, m->point ? " at " : ", ");
    pl_svg_put_period(sb, c, m->a);
    if (!m->point) {
        pl_strbuf_append(sb, " \xE2\x86\x92 ");
        if (isnan(m->b)) pl_strbuf_append(sb, "still open");
        else pl_svg_put_period(sb, c, m->b);
    }
    if (m->note && *m->note) {
        pl_strbuf_append(sb, " \xE2\x80\x94 ");
        pl_strbuf_append_html_escaped(sb, m->note);
    }
    pl_svg_close_title(sb);
}

int pl_svg_render_timeline(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_tl_rows) return pl_svg_render_empty(sb, c, "No data to show");
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
    double lgh = pl_svg_legend_height(lg, n_lg, 12, W - 12);
    double y0 = head + lgh + (lgh > 0 ? 8 : 0) + 8 + pl_svg_marker_lanes(c);
    double lw = fmin(pl_svg_widest_label(c->tl_rows, c->n_tl_rows), W * 0.32);
    double x0 = 12 + (c->y_title && *c->y_title ? 20 : 0) + lw + 10, x1 = W - 24;
    double pb = 8 + 16 + (c->x_title && *c->x_title ? 22 : 0) + 6;
    double rowh = 26;
    double H = c->height ? c->height : y0 + rowh * (double)c->n_tl_rows + pb;
    if (c->height) rowh = (H - pb - y0) / (double)c->n_tl_rows;
    double y1 = y0 + rowh * (double)c->n_tl_rows;
    xaxis xa;
    pl_svg_xaxis_fit(&xa, c, lo, hi, x1 - x0, 1);
    pl_svg_open(sb, c, W, H);
    pl_svg_legend_draw(sb, lg, n_lg, 12, W - 12, head);
    for (size_t r = 0; r < c->n_tl_rows; r += 2) { /* zebra stripes guide the eye along a row */
        pl_svg_rect_open(sb, x0, y0 + rowh * (double)r, x1 - x0, rowh, "#f7f7f7");
        pl_strbuf_append(sb, "/>\n");
    }
    pl_svg_draw_xaxis(sb, &xa, x0, x1, y0, y1);
    pl_svg_draw_cat_left(sb, c->tl_rows, c->n_tl_rows, x0 - 8, y0, rowh, lw);
    pl_svg_draw_vtitle(sb, c->y_title, 16, y0, y1);
    pl_svg_draw_htitle(sb, c->x_title, x0, x1, H - 10);
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (int pass = 0; pass < 3; pass++) { /* due windows, then intervals, then points on top */
        for (size_t i = 0; i < c->n_marks; i++) {
            const mark *m = &c->marks[i];
            int is_due = !m->point && m->kind == PL_TL_DUE;
            int my_pass = m->point ? 2 : is_due ? 0 : 1;
            if (pass != my_pass) continue;
            double cy = y0 + rowh * ((double)m->row + 0.5);
            double xa0 = pl_svg_vaxis_map(&xa.va, m->a, x0, x1);
            if (m->point) {
                const char *el = pl_svg_marker_open(sb, m->kind, xa0, cy, fmin(6, rowh * 0.25), tl_color[m->kind]);
                pl_strbuf_append(sb, ">");
                tl_tooltip(sb, c, m);
                pl_strbuf_appendf(sb, "</%s>\n", el);
                continue;
            }
            double xb = isnan(m->b) ? x1 : pl_svg_vaxis_map(&xa.va, m->b, x0, x1);
            double w = fmax(xb - xa0, 2);
            if (is_due) {
                pl_svg_rect_open(sb, xa0, cy - rowh * 0.36, w, rowh * 0.72, "#f1f1f1");
                pl_strbuf_append(sb, " stroke=\"#999999\" stroke-dasharray=\"3 2\"");
            } else if (m->kind == PL_TL_UNKNOWN) {
                draw_hatch(sb, xa0, cy - rowh * 0.3, w, rowh * 0.6);
                pl_svg_rect_open(sb, xa0, cy - rowh * 0.3, w, rowh * 0.6, tl_color[m->kind]);
                pl_strbuf_append(sb, " fill-opacity=\"0.45\" stroke=\"#888888\"");
            } else {
                pl_svg_rect_open(sb, xa0, cy - rowh * 0.22, w, rowh * 0.44, tl_color[m->kind]);
                pl_strbuf_append(sb, " rx=\"2\"");
                if (isnan(m->b)) pl_strbuf_append(sb, " fill-opacity=\"0.75\"");
            }
            pl_strbuf_append(sb, ">");
            tl_tooltip(sb, c, m);
            pl_strbuf_append(sb, "</rect>\n");
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_draw_x_markers(sb, c, &xa.va, x0, x1, y0, y1);
    pl_svg_close(sb);
    return PL_OK;
}
