// SPDX-License-Identifier: MIT
/* svg_histogram.c — the histogram: values binned on round edges, several series side by side.
 *
 * Bins follow Sturges' rule with edges on a 1-2-5 step unless the caller fixes their
 * number; series share each bin side by side, because overlaid colours would mix. */
#include <math.h>

#include "core/alloc.h"
#include "io/svg_internal.h"

/* --------------------------------------------------------------- histogram */

int pl_svg_render_histogram(pl_strbuf *sb, const pl_chart *c)
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
    if (!total) return pl_svg_render_empty(sb, c, c->n_series ? "No data to show: every value is missing" : "No data to show");
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
    double lgh = pl_svg_legend_height(lg, n_lg, 12, W - 12);
    double y0 = head + lgh + (lgh > 0 ? 8 : 0) + 8 + pl_svg_marker_lanes(c);
    vaxis ya;
    pl_svg_vaxis_fit(&ya, 0, (double)(top_count ? top_count : 1), 7, 0);
    if (ya.step < 1) pl_svg_vaxis_fit(&ya, 0, fmax(2, (double)top_count), 3, 0);
    const char *ytitle = c->y_title && *c->y_title ? c->y_title : "count";
    double x0 = 12 + 20 + pl_svg_vaxis_label_w(&ya) + 10, x1 = W - 24;
    double pb = 8 + 16 + (c->x_title && *c->x_title ? 22 : 0) + 6, y1 = H - pb;
    if (y1 - y0 < 60) y1 = y0 + 60, H = y1 + pb;
    xaxis xa;
    pl_chart tmp = *c;
    tmp.months = 0;
    pl_svg_xaxis_fit(&xa, &tmp, first, first + step * nb, x1 - x0, 0);
    pl_svg_open(sb, c, W, H);
    pl_svg_legend_draw(sb, lg, n_lg, 12, W - 12, head);
    pl_svg_draw_vaxis(sb, &ya, 0, x0, x1, y0, y1);
    pl_svg_draw_xaxis(sb, &xa, x0, x1, y0, y1);
    pl_svg_draw_vtitle(sb, ytitle, 18, y0, y1);
    pl_svg_draw_htitle(sb, c->x_title, x0, x1, H - 10);
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (size_t s = 0; s < c->n_series; s++) {
        const char *col = pl_chart_palette(s);
        for (int b = 0; b < nb; b++) {
            size_t k = cnt[s * (size_t)nb + (size_t)b];
            if (!k) continue;
            double a = first + step * b, e = a + step;
            /* several series share each bin side by side (overlaid colours would mix) */
            double bx0 = pl_svg_vaxis_map(&xa.va, a, x0, x1), bx1 = pl_svg_vaxis_map(&xa.va, e, x0, x1);
            double gap = bx1 - bx0 > 4 ? (c->n_series > 1 ? fmin(6, (bx1 - bx0) * 0.15) : 1) : 0, sw = (bx1 - bx0 - gap) / (double)c->n_series;
            double px0 = bx0 + gap / 2 + sw * (double)s;
            double py = pl_svg_vaxis_map(&ya, (double)k, y1, y0);
            pl_svg_rect_open(sb, px0, py, sw, y1 - py, col);
            if (op < 1) pl_svg_attr(sb, "fill-opacity", op);
            pl_strbuf_append(sb, "><title>");
            if (c->series[s].name && *c->series[s].name) {
                pl_strbuf_append_html_escaped(sb, c->series[s].name);
                pl_strbuf_append(sb, " \xE2\x80\x94 ");
            }
            if (integral && step == 1) {
                pl_svg_put_val(sb, c, a);
            } else {
                pl_strbuf_append(sb, "[");
                pl_svg_put_val(sb, c, a);
                pl_strbuf_append(sb, ", ");
                pl_svg_put_val(sb, c, e);
                pl_strbuf_append(sb, b == nb - 1 ? "]" : ")");
            }
            pl_strbuf_appendf(sb, ": %zu</title></rect>\n", k);
        }
    }
    pl_svg_line(sb, x0, y1, x1, y1, C_AXIS, 1);
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_draw_x_markers(sb, c, &xa.va, x0, x1, y0, y1);
    pl_svg_close(sb);
    pl_free(cnt);
    return PL_OK;
}
