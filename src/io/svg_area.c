// SPDX-License-Identifier: MIT
/* svg_area.c — the stacked area chart: several named series over shared x values, each drawn
 * on top of the ones before it, so the band heights are the series and the top edge their sum
 * (a population's shares over time: the bands fill the chart when the shares sum to 1).
 *
 * Missing or negative values count as 0 in the stack.  The value axis starts at 0. */
#include <math.h>

#include "io/svg_internal.h"

int pl_svg_render_area(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_x || !c->n_series) return pl_svg_render_empty(sb, c, "No data to show");
    double hi = 0;
    for (size_t i = 0; i < c->n_x; i++) {
        double sum = 0;
        for (size_t s = 0; s < c->n_series; s++) {
            double v = c->series[s].v[i];
            if (isfinite(v) && v > 0) sum += v;
        }
        hi = fmax(hi, sum);
    }
    if (!(hi > 0)) return pl_svg_render_empty(sb, c, "No data to show: every value is 0 or missing");
    if (!isfinite(hi)) return pl_svg_render_empty(sb, c, "No data to show: the stacked values are too large to draw");
    double lo = 0;
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    double xlo = c->x[0], xhi = c->x[c->n_x - 1];
    if (c->has_xrange) xlo = c->xlo, xhi = c->xhi;
    legend_item lg[64];
    size_t n_lg = 0;
    for (size_t s = 0; s < c->n_series && n_lg < 64; s++)
        lg[n_lg++] = (legend_item){c->series[s].name ? c->series[s].name : "", pl_chart_palette(s), LG_LINE, 0, NULL, 1};
    vaxis ya;
    pl_svg_vaxis_fit(&ya, lo, hi, 7, 1);
    xyframe f;
    pl_svg_xyframe_begin(&f, sb, c, lg, n_lg, &ya, xlo, xhi, 400);
    const xaxis xa = f.xa;
    double x0 = f.x0, x1 = f.x1, y0 = f.y0, y1 = f.y1;
    /* at most ~1000 points a band: long runs are thinned by a stride (the same for every band) */
    size_t count, stride = (size_t)pl_chart_thin(c->n_x - 1, 1000, &count);
    pl_strbuf_append(sb, "<g class=\"marks\" stroke=\"#ffffff\" stroke-width=\"0.4\">\n");
    for (size_t s = 0; s < c->n_series; s++) {
        pl_strbuf_appendf(sb, "<path fill=\"%s\" fill-opacity=\"0.85\" d=\"", pl_chart_palette(s));
        /* the top edge left to right, then the bottom edge (the stack below) back; points at
         * 0, stride, 2 stride, ... and always the last */
        for (size_t q = 0; q < 2 * count; q++) {
            int back = q >= count;
            size_t k = back ? 2 * count - 1 - q : q;
            size_t i = k * stride < c->n_x ? k * stride : c->n_x - 1;
            double below = 0;
            for (size_t t = 0; t < s; t++) {
                double v = c->series[t].v[i];
                if (isfinite(v) && v > 0) below += v;
            }
            double v = c->series[s].v[i], top = below + (isfinite(v) && v > 0 ? v : 0);
            double x = fmin(fmax(c->x[i], xa.va.lo), xa.va.hi);
            pl_svg_path_pt(sb, q == 0 ? 'M' : 'L', pl_svg_vaxis_map(&xa.va, x, x0, x1),
                           pl_svg_vaxis_map(&ya, fmin(back ? below : top, ya.hi), y1, y0));
        }
        pl_strbuf_append(sb, "Z\"><title>");
        pl_strbuf_append_html_escaped(sb, c->series[s].name && *c->series[s].name ? c->series[s].name : "series");
        pl_strbuf_append(sb, "</title></path>\n");
    }
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_close(sb);
    return PL_OK;
}
