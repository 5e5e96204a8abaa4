// SPDX-License-Identifier: MIT
/* svg_box.c — the box chart and the five-number summary it draws.
 *
 * Quartiles by linear interpolation (the default of numpy and matplotlib), whiskers at
 * the furthest values within 1.5 IQR of the box, each outlier a hollow circle. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/stats.h"
#include "io/svg_internal.h"

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

/* --------------------------------------------------------------------- box */

int pl_svg_render_box(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->n_boxes) return pl_svg_render_empty(sb, c, "No data to show");
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
        return pl_svg_render_empty(sb, c, "No data to show: every value is missing");
    }
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    catframe f;
    pl_svg_catframe_begin(&f, sb, c, labels, c->n_boxes, lo, hi, NULL, 0, 26);
    const char *col = pl_chart_palette(0);
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    for (size_t i = 0; i < c->n_boxes; i++) {
        const pl_chart_box_stats *s = &st[i];
        if (!s->n) continue;
        double mid = pl_svg_cf_cat(&f, i), half = fmin(f.band * 0.32, 28), cap = half * 0.5;
        pl_strbuf_append(sb, "<g>");
        pl_svg_open_title(sb);
        pl_strbuf_append_html_escaped(sb, labels[i]);
        pl_strbuf_appendf(sb, ": n=%zu, median ", s->n);
        pl_svg_put_val(sb, c, s->median);
        pl_strbuf_append(sb, ", quartiles ");
        pl_svg_put_val(sb, c, s->q1);
        pl_strbuf_append(sb, "\xE2\x80\x93");
        pl_svg_put_val(sb, c, s->q3);
        pl_strbuf_append(sb, ", whiskers ");
        pl_svg_put_val(sb, c, s->whisker_lo);
        pl_strbuf_append(sb, "\xE2\x80\x93");
        pl_svg_put_val(sb, c, s->whisker_hi);
        pl_strbuf_append(sb, ", mean ");
        pl_svg_put_val(sb, c, s->mean);
        pl_strbuf_appendf(sb, ", %zu outlier%s", s->n_outliers, s->n_outliers == 1 ? "" : "s");
        pl_svg_close_title(sb);
        pl_strbuf_append(sb, "\n");
        pl_svg_cf_line_along(&f, sb, mid, s->whisker_lo, s->q1, C_AXIS, 1.2);
        pl_svg_cf_line_along(&f, sb, mid, s->q3, s->whisker_hi, C_AXIS, 1.2);
        pl_svg_cf_line_across(&f, sb, s->whisker_lo, mid - cap, mid + cap, C_AXIS, 1.2);
        pl_svg_cf_line_across(&f, sb, s->whisker_hi, mid - cap, mid + cap, C_AXIS, 1.2);
        pl_svg_cf_rect(&f, sb, s->q1, s->q3, mid - half, mid + half, col);
        pl_strbuf_appendf(sb, " fill-opacity=\"0.22\" stroke=\"%s\" stroke-width=\"1.3\"/>\n", col);
        pl_svg_cf_line_across(&f, sb, s->median, mid - half, mid + half, "#D55E00", 2.4);
        pl_strbuf_append(sb, "</g>\n");
        if (s->n_outliers) { /* each outlier a hollow circle with its value */
            double iqr = s->q3 - s->q1;
            const box *B = &c->boxes[i];
            for (size_t k = 0; k < B->n; k++) {
                double v = B->v[k];
                if (!isfinite(v) || (v >= s->q1 - 1.5 * iqr && v <= s->q3 + 1.5 * iqr)) continue;
                double p = pl_svg_cf_val(&f, v);
                pl_strbuf_append(sb, "<circle");
                pl_svg_attr(sb, "cx", f.horiz ? p : mid);
                pl_svg_attr(sb, "cy", f.horiz ? mid : p);
                pl_strbuf_append(sb, " r=\"2.8\" fill=\"none\" stroke=\"#444444\"><title>");
                pl_strbuf_append_html_escaped(sb, labels[i]);
                pl_strbuf_append(sb, ": outlier ");
                pl_svg_put_val(sb, c, v);
                pl_strbuf_append(sb, "</title></circle>\n");
            }
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_close(sb);
    pl_free(st);
    pl_free(labels);
    return PL_OK;
}
