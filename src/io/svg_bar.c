// SPDX-License-Identifier: MIT
/* svg_bar.c — the bar chart, and the category x value frame it shares with the box chart.
 *
 * The frame lays out n categories along one axis and values along the other, either way
 * round (horizontal bars suit long labels), so that the bar and box charts draw their marks
 * in the frame's terms (a value, a category) and never think about orientation. */
#include <math.h>
#include <string.h>

#include "io/svg_internal.h"

/* ---------------------------------------------- category x value charts */

double pl_svg_cf_val(const catframe *f, double v)
{
    return f->horiz ? pl_svg_vaxis_map(&f->va, v, f->x0, f->x1) : pl_svg_vaxis_map(&f->va, v, f->y1, f->y0);
}

double pl_svg_cf_cat(const catframe *f, size_t i)
{
    return f->horiz ? f->y0 + f->band * ((double)i + 0.5) : f->x0 + f->band * ((double)i + 0.5);
}

/* The height (pixels) above which a horizontal chart repeats its value labels at the top. */
#define TALL_PX 600.0

/* Lays out, opens the svg and draws header, legend, grid and labels. per_cat: the
 * natural room per category when the chart is horizontal and its height automatic. */
void pl_svg_catframe_begin(catframe *f, pl_strbuf *sb, const pl_chart *c, char *const *labels, size_t n, double lo,
                           double hi, const legend_item *lg, size_t n_lg, double per_cat)
{
    memset(f, 0, sizeof *f);
    f->horiz = c->horizontal;
    f->n = n;
    double W = c->width ? c->width : W_DEFAULT;
    double head = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6;
    double lgh = pl_svg_legend_height(lg, n_lg, 12, W - 12);
    double top = head + lgh + (lgh > 0 ? 8 : 0) + 8;
    double H;
    int tall = 0;
    cat_layout L = {0, 1, 0, 18, 1, 0};
    if (f->horiz) {
        double widest = pl_svg_widest_label(labels, n), lw = fmin(widest, W * 0.35);
        if (!c->width && widest > lw) lw = fmin(widest, LONG_LABEL_PX), W = lw + W * 0.65; /* names whole */
        f->x0 = 12 + (c->x_title && *c->x_title ? 20 : 0) + lw + 8;
        f->x1 = W - 24;
        pl_svg_vaxis_fit_across(&f->va, lo, hi, f->x1 - f->x0, c->has_vrange);
        double pb = 8 + 16 + (c->y_title && *c->y_title ? 22 : 0) + 8;
        /* a chart taller than a screen repeats its value labels above the plot */
        tall = !c->height && (double)n * per_cat > TALL_PX;
        if (tall) top += 20;
        H = c->height ? c->height : top + (double)n * per_cat + pb;
        f->y0 = top;
        f->y1 = H - pb;
        f->band = (f->y1 - f->y0) / (double)n;
    } else {
        pl_svg_vaxis_fit(&f->va, lo, hi, 8, c->has_vrange);
        f->x0 = 12 + (c->y_title && *c->y_title ? 20 : 0) + pl_svg_vaxis_label_w(&f->va) + 10;
        f->x1 = W - 16;
        f->band = (f->x1 - f->x0) / (double)n;
        L = pl_svg_cat_layout_bottom(labels, n, f->band);
        double pb = 6 + L.height + (c->x_title && *c->x_title ? 22 : 0) + 6;
        H = c->height ? c->height : top + 300 + pb;
        f->y0 = top;
        f->y1 = H - pb;
        if (f->y1 - f->y0 < 60) f->y1 = f->y0 + 60, H = f->y1 + pb;
    }
    f->W = W;
    f->H = H;
    pl_svg_open(sb, c, W, H);
    pl_svg_legend_draw(sb, lg, n_lg, 12, W - 12, head);
    if (f->horiz) {
        pl_svg_draw_vaxis(sb, &f->va, 1, f->x0, f->x1, f->y0, f->y1);
        if (tall) pl_svg_draw_vaxis_labels_above(sb, &f->va, f->x0, f->x1, f->y0);
        pl_svg_draw_cat_left(sb, labels, n, f->x0 - 8, f->y0, f->band, f->x0 - 20 - (c->x_title && *c->x_title ? 20 : 0));
        pl_svg_draw_vtitle(sb, c->x_title, 16, f->y0, f->y1);
        pl_svg_draw_htitle(sb, c->y_title, f->x0, f->x1, H - 10);
    } else {
        pl_svg_draw_vaxis(sb, &f->va, 0, f->x0, f->x1, f->y0, f->y1);
        pl_svg_draw_cat_bottom(sb, &L, labels, n, f->x0, f->band, f->y1);
        pl_svg_draw_vtitle(sb, c->y_title, 18, f->y0, f->y1);
        pl_svg_draw_htitle(sb, c->x_title, f->x0, f->x1, H - 10);
    }
}

/* The axis line at value v (the baseline of bars). */
void pl_svg_catframe_baseline(const catframe *f, pl_strbuf *sb, double v)
{
    double p = pl_svg_cf_val(f, v);
    if (f->horiz) pl_svg_line(sb, p, f->y0, p, f->y1, C_AXIS, 1);
    else pl_svg_line(sb, f->x0, p, f->x1, p, C_AXIS, 1);
}

/* A rectangle between values a and b across [c0, c1] of the category axis. */
void pl_svg_cf_rect(const catframe *f, pl_strbuf *sb, double a, double b, double c0, double c1, const char *fill)
{
    double pa = pl_svg_cf_val(f, a), pb = pl_svg_cf_val(f, b);
    double lo = fmin(pa, pb), hi = fmax(pa, pb);
    if (f->horiz) pl_svg_rect_open(sb, lo, c0, hi - lo, c1 - c0, fill);
    else pl_svg_rect_open(sb, c0, lo, c1 - c0, hi - lo, fill);
}

/* A line at value-axis position v across [c0, c1], or along the value axis at c from a to b. */
void pl_svg_cf_line_across(const catframe *f, pl_strbuf *sb, double v, double c0, double c1, const char *stroke,
                           double w)
{
    double p = pl_svg_cf_val(f, v);
    if (f->horiz) pl_svg_line(sb, p, c0, p, c1, stroke, w);
    else pl_svg_line(sb, c0, p, c1, p, stroke, w);
}

void pl_svg_cf_line_along(const catframe *f, pl_strbuf *sb, double cpos, double a, double b, const char *stroke,
                          double w)
{
    double pa = pl_svg_cf_val(f, a), pb = pl_svg_cf_val(f, b);
    if (f->horiz) pl_svg_line(sb, pa, cpos, pb, cpos, stroke, w);
    else pl_svg_line(sb, cpos, pa, cpos, pb, stroke, w);
}

/* --------------------------------------------------------------------- bar */

int pl_svg_render_bar(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_cats || !c->n_series) return pl_svg_render_empty(sb, c, "No data to show");
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
    if (!any) return pl_svg_render_empty(sb, c, "No data to show: every value is missing");
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    legend_item lg[64];
    size_t n_lg = 0;
    int named = c->n_series > 1; /* one series: the axis title names it */
    for (size_t s = 0; named && s < c->n_series && n_lg < 64; s++)
        lg[n_lg++] = (legend_item){c->series[s].name ? c->series[s].name : "", pl_chart_palette(s), LG_SWATCH, 0, NULL, 1};
    double per_cat = fmax(22, 14.0 * (double)c->n_series + 10);
    catframe f;
    pl_svg_catframe_begin(&f, sb, c, c->cats, c->n_cats, lo, hi, lg, n_lg, per_cat);
    double base = f.va.lo > 0 ? f.va.lo : f.va.hi < 0 ? f.va.hi : 0;
    double group = f.band * (c->n_series > 1 ? 0.84 : 0.72), bw = group / (double)c->n_series;
    if (bw > 80) bw = 80, group = bw * (double)c->n_series;
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (size_t s = 0; s < c->n_series; s++) {
        const series *S = &c->series[s];
        for (size_t i = 0; i < S->n; i++) {
            if (!isfinite(S->v[i])) continue;
            double c0 = pl_svg_cf_cat(&f, i) - group / 2 + bw * (double)s, inset = bw > 6 ? bw * 0.06 : 0;
            pl_svg_cf_rect(&f, sb, base, S->v[i], c0 + inset, c0 + bw - inset, pl_chart_palette(s));
            pl_strbuf_append(sb, "><title>");
            pl_strbuf_append_html_escaped(sb, c->cats[i]);
            if (S->name && *S->name) {
                pl_strbuf_append(sb, " \xE2\x80\x94 ");
                pl_strbuf_append_html_escaped(sb, S->name);
            }
            pl_strbuf_append(sb, ": ");
            pl_svg_put_val(sb, c, S->v[i]);
            if (S->lo && S->hi && isfinite(S->lo[i]) && isfinite(S->hi[i])) {
                pl_strbuf_append(sb, " [");
                pl_svg_put_val(sb, c, S->lo[i]);
                pl_strbuf_append(sb, ", ");
                pl_svg_put_val(sb, c, S->hi[i]);
                pl_strbuf_append(sb, "]");
            }
            pl_strbuf_append(sb, "</title></rect>\n");
        }
    }
    pl_svg_catframe_baseline(&f, sb, base);
    for (size_t s = 0; s < c->n_series; s++) { /* error bars on top of every bar */
        const series *S = &c->series[s];
        if (!S->lo || !S->hi) continue;
        for (size_t i = 0; i < S->n; i++) {
            if (!isfinite(S->v[i]) || !isfinite(S->lo[i]) || !isfinite(S->hi[i])) continue;
            double mid = pl_svg_cf_cat(&f, i) - group / 2 + bw * ((double)s + 0.5), cap = fmin(bw * 0.25, 6);
            pl_svg_cf_line_along(&f, sb, mid, S->lo[i], S->hi[i], C_TEXT, 1.3);
            pl_svg_cf_line_across(&f, sb, S->lo[i], mid - cap, mid + cap, C_TEXT, 1.3);
            pl_svg_cf_line_across(&f, sb, S->hi[i], mid - cap, mid + cap, C_TEXT, 1.3);
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_close(sb);
    return PL_OK;
}
