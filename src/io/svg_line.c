// SPDX-License-Identifier: MIT
/* svg_line.c — the line chart: several named series over shared x values, with interval bands.
 *
 * A missing value breaks the line; a point standing alone still shows as a dot.  Past
 * seven series the lines also differ by dash, since colours run out. */
#include <math.h>

#include "io/svg_internal.h"

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
            pl_svg_path_pt(sb, k == a ? 'M' : 'L', pl_svg_vaxis_map(xa, c->x[k], x0, x1),
                           pl_svg_vaxis_map(ya, S->hi[k], y1, y0));
        }
        for (size_t k = i; k-- > a;) {
            pl_svg_path_pt(sb, 'L', pl_svg_vaxis_map(xa, c->x[k], x0, x1), pl_svg_vaxis_map(ya, S->lo[k], y1, y0));
        }
        pl_strbuf_append(sb, "Z\"><title>");
        pl_strbuf_append_html_escaped(sb, S->name && *S->name ? S->name : "series");
        pl_strbuf_append(sb, ": interval</title></path>\n");
    }
}

/* -------------------------------------------------------------------- line */

static const char *series_dash(size_t s) { return s >= 7 ? (s % 2 ? "6 3" : "2 3") : NULL; }

int pl_svg_render_line(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_x || !c->n_series) return pl_svg_render_empty(sb, c, "No data to show");
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
    if (!(lo <= hi)) return pl_svg_render_empty(sb, c, "No data to show: every value is missing");
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    xlo = c->x[0];
    xhi = c->x[c->n_x - 1];
    if (c->has_xrange) xlo = c->xlo, xhi = c->xhi;
    legend_item lg[64];
    size_t n_lg = 0;
    int named = c->n_series > 1; /* one series: the axis title names it */
    for (size_t s = 0; named && s < c->n_series && n_lg < 64; s++)
        lg[n_lg++] = (legend_item){c->series[s].name ? c->series[s].name : "", pl_chart_palette(s), LG_LINE, 0,
                                   series_dash(s), 1};
    vaxis ya;
    pl_svg_vaxis_fit(&ya, lo, hi, 7, c->has_vrange);
    xyframe f;
    pl_svg_xyframe_begin(&f, sb, c, lg, n_lg, &ya, xlo, xhi, 400);
    const xaxis xa = f.xa;
    double x0 = f.x0, x1 = f.x1, y0 = f.y0, y1 = f.y1;
    int markers = c->n_x <= 24 || c->n_x * c->n_series <= 120;
    for (size_t s = 0; s < c->n_series; s++) /* bands under every line */
        if (c->series[s].lo && c->series[s].hi)
            draw_band(sb, c, &c->series[s], pl_chart_palette(s), &xa.va, &ya, x0, x1, y0, y1);
    pl_svg_draw_x_markers(sb, c, &xa.va, x0, x1, y0, y1);
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
            pl_svg_path_pt(sb, pen ? 'L' : 'M', pl_svg_vaxis_map(&xa.va, c->x[i], x0, x1),
                           pl_svg_vaxis_map(&ya, S->v[i], y1, y0));
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
            pl_svg_attr(sb, "cx", pl_svg_vaxis_map(&xa.va, c->x[i], x0, x1));
            pl_svg_attr(sb, "cy", pl_svg_vaxis_map(&ya, S->v[i], y1, y0));
            pl_strbuf_appendf(sb, " r=\"%s\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"0.8\"><title>",
                              markers ? "3" : "2.5", col);
            if (S->name && *S->name) {
                pl_strbuf_append_html_escaped(sb, S->name);
                pl_strbuf_append(sb, " \xE2\x80\x94 ");
            }
            pl_svg_put_period(sb, c, c->x[i]);
            pl_strbuf_append(sb, ": ");
            pl_svg_put_val(sb, c, S->v[i]);
            pl_strbuf_append(sb, "</title></circle>\n");
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_close(sb);
    return PL_OK;
}
