// SPDX-License-Identifier: MIT
/* svg_axes.c — the axes of every chart: 1-2-5 ticks, value axes, category labels, month axes, x markers.
 *
 * A value axis picks its ticks on a 1-2-5 step and shortens large labels (12k, 3M);
 * across the page it thins its ticks until the labels fit.  Category labels stay
 * horizontal when they fit their slot, else they turn by 45 degrees and are cut with
 * the whole label as a tooltip.  A time axis may count months from a date and is then
 * labelled "2007-03" (or "2007" when ticks are a year or more apart). */
#include <math.h>
#include <string.h>

#include "io/svg_internal.h"

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

/* -------------------------------------------------------------- value axes */

/* Fits an axis to data [lo, hi].  fixed: keep [lo, hi] and put ticks inside it;
 * otherwise widen [lo, hi] to the first and last tick. */
void pl_svg_vaxis_fit(vaxis *a, double lo, double hi, int max_ticks, int fixed)
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

double pl_svg_vaxis_tick(const vaxis *a, int i) { return a->first + i * a->step; }

void pl_svg_vaxis_label(const vaxis *a, double v, pl_strbuf *sb)
{
    if (fabs(v) < a->step * 1e-9) v = 0;
    pl_strbuf_append_fixed(sb, v / a->scale, a->dec);
    pl_strbuf_append(sb, a->suffix);
}

/* Maps v in [a->lo, a->hi] to [p0, p1], clipping outside values to the ends. */
double pl_svg_vaxis_map(const vaxis *a, double v, double p0, double p1)
{
    double t = a->hi > a->lo ? (v - a->lo) / (a->hi - a->lo) : 0.5;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    return p0 + t * (p1 - p0);
}

/* Width of the widest tick label of an axis. */
double pl_svg_vaxis_label_w(const vaxis *a)
{
    double w = 0;
    pl_strbuf t;
    pl_strbuf_init(&t);
    for (int i = 0; i < a->count; i++) {
        pl_strbuf_reset(&t);
        pl_svg_vaxis_label(a, pl_svg_vaxis_tick(a, i), &t);
        w = fmax(w, pl_svg_text_w(pl_strbuf_cstr(&t), FS));
    }
    pl_strbuf_free(&t);
    return w;
}

/* Fits a horizontal numeric axis so that its labels do not collide in width px. */
void pl_svg_vaxis_fit_across(vaxis *a, double lo, double hi, double width, int fixed)
{
    int max_ticks = (int)(width / 70);
    if (max_ticks < 2) max_ticks = 2;
    if (max_ticks > 12) max_ticks = 12;
    for (int tries = 0; tries < 8; tries++) {
        pl_svg_vaxis_fit(a, lo, hi, max_ticks, fixed);
        if (max_ticks <= 2 || a->count * (pl_svg_vaxis_label_w(a) + 14) <= width) return;
        max_ticks--;
    }
}

/* Grid lines and labels of a value axis: drawn vertically (ticks along y, labels left of x0) or,
 * across, horizontally (ticks along x, labels below y_bottom). */
void pl_svg_draw_vaxis(pl_strbuf *sb, const vaxis *a, int across, double x0, double x1, double y_top, double y_bottom)
{
    pl_strbuf_append(sb, across ? "<g class=\"axis x\">\n" : "<g class=\"axis y\">\n");
    pl_strbuf t;
    pl_strbuf_init(&t);
    for (int i = 0; i < a->count; i++) {
        double v = pl_svg_vaxis_tick(a, i);
        pl_strbuf_reset(&t);
        pl_svg_vaxis_label(a, v, &t);
        if (across) {
            double x = pl_svg_vaxis_map(a, v, x0, x1);
            pl_svg_line(sb, x, y_top, x, y_bottom, C_GRID, 1);
            pl_svg_put_text(sb, x, y_bottom + 16, "middle", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
        } else {
            double y = pl_svg_vaxis_map(a, v, y_bottom, y_top);
            pl_svg_line(sb, x0, y, x1, y, C_GRID, 1);
            pl_svg_put_text(sb, x0 - 6, y + 4, "end", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
        }
    }
    pl_strbuf_free(&t);
    pl_strbuf_append(sb, "</g>\n");
}

/* The tick labels of an axis drawn across (left to right) again above the plot, whose top is y:
 * a chart taller than a screen is then read without scrolling back to its foot. */
void pl_svg_draw_vaxis_labels_above(pl_strbuf *sb, const vaxis *a, double x0, double x1, double y)
{
    pl_strbuf_append(sb, "<g class=\"axis x top\">\n");
    pl_strbuf t;
    pl_strbuf_init(&t);
    for (int i = 0; i < a->count; i++) {
        double v = pl_svg_vaxis_tick(a, i);
        pl_strbuf_reset(&t);
        pl_svg_vaxis_label(a, v, &t);
        pl_svg_put_text(sb, pl_svg_vaxis_map(a, v, x0, x1), y - 6, "middle", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
    }
    pl_strbuf_free(&t);
    pl_strbuf_append(sb, "</g>\n");
}

/* The title of the vertical axis, rotated, centred on [y0, y1] at x. */
void pl_svg_draw_vtitle(pl_strbuf *sb, const char *title, double x, double y0, double y1)
{
    if (!title || !*title) return;
    double cy = (y0 + y1) / 2;
    pl_strbuf_append(sb, "<text");
    pl_svg_attr(sb, "x", x);
    pl_svg_attr(sb, "y", cy);
    pl_strbuf_append(sb, " text-anchor=\"middle\" font-size=\"12.5\" font-weight=\"600\" fill=\"" C_TEXT "\"");
    pl_strbuf_append(sb, " transform=\"rotate(-90 ");
    pl_svg_num(sb, x);
    pl_strbuf_append_char(sb, ' ');
    pl_svg_num(sb, cy);
    pl_strbuf_append(sb, ")\">");
    int cut = pl_svg_put_fit(sb, title, fabs(y1 - y0), FS_AXIS);
    if (cut) {
        pl_svg_open_title(sb);
        pl_strbuf_append_html_escaped(sb, title);
        pl_svg_close_title(sb);
    }
    pl_strbuf_append(sb, "</text>\n");
}

void pl_svg_draw_htitle(pl_strbuf *sb, const char *title, double x0, double x1, double y)
{
    if (!title || !*title) return;
    pl_svg_put_text(sb, (x0 + x1) / 2, y, "middle", FS_AXIS, "font-weight=\"600\"", title, x1 - x0);
}

/* Labels of a category axis along the bottom: horizontal if they fit their slot, else wrapped
 * at spaces on a few lines, else rotated by 45 degrees and cut; every k-th only when the slots are
 * too narrow. */

#define WRAP_LEAD (FS + 3) /* from one wrapped line's baseline to the next */

int pl_svg_wrap_label(const char *s, double max_px, double fs, size_t start[CAT_WRAP_LINES], size_t len[CAT_WRAP_LINES])
{
    size_t n = strlen(s), i = 0;
    int lines = 0;
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        if (i == n) break;
        if (lines == CAT_WRAP_LINES) return 0;
        size_t end = i, fit = 0; /* the longest run of whole words from i that fits */
        while (end < n) {
            size_t w = end;
            while (w < n && s[w] == ' ') w++;
            while (w < n && s[w] != ' ') w++;
            if (pl_svg_text_w_n(s + i, w - i, fs) > max_px) break;
            fit = end = w;
        }
        if (!fit) return 0; /* one word wider than the line */
        start[lines] = i, len[lines] = fit - i;
        lines++;
        i = fit;
    }
    return lines;
}

cat_layout pl_svg_cat_layout_bottom(char *const *labels, size_t n, double slot)
{
    cat_layout L = {0, 1, 0, 18, 1, 0};
    double widest = 0;
    for (size_t i = 0; i < n; i++) widest = fmax(widest, pl_svg_text_w(labels[i], FS));
    if (widest <= slot - 6) {
        L.max_px = slot - 2;
        return L;
    }
    int lines = 0;
    for (size_t i = 0; i < n && lines >= 0; i++) {
        size_t st[CAT_WRAP_LINES], ln[CAT_WRAP_LINES];
        int k = labels[i] ? pl_svg_wrap_label(labels[i], slot - 6, FS, st, ln) : 1;
        lines = k ? (k > lines ? k : lines) : -1;
    }
    if (lines > 1) { /* whole on a few lines rather than cut */
        L.lines = lines, L.wrap_px = slot - 6, L.max_px = slot - 2, L.height = 18 + (lines - 1) * WRAP_LEAD;
        return L;
    }
    L.rotate = 1;
    L.max_px = fmin(widest, MAX_LABEL_PX);
    L.height = L.max_px * 0.7071 + FS + 4;
    double need = FS * 1.25; /* perpendicular room one rotated label takes */
    if (slot * 0.7071 < need) L.every = slot * 0.7071 * 1e6 < need ? 1000000 : (int)ceil(need / (slot * 0.7071));
    return L;
}

void pl_svg_draw_cat_bottom(pl_strbuf *sb, const cat_layout *L, char *const *labels, size_t n, double x0, double slot,
                            double y)
{
    pl_strbuf_append(sb, "<g class=\"axis categories\">\n");
    for (size_t i = 0; i < n; i += (size_t)L->every) {
        double x = x0 + slot * ((double)i + 0.5);
        if (!L->rotate && L->lines > 1 && labels[i]) {
            size_t st[CAT_WRAP_LINES], ln[CAT_WRAP_LINES];
            char line[512];
            int k = pl_svg_wrap_label(labels[i], L->wrap_px, FS, st, ln);
            for (int j = 0; j < k; j++) {
                size_t m = ln[j] < sizeof line - 1 ? ln[j] : sizeof line - 1; /* a line fits a slot: far shorter */
                memcpy(line, labels[i] + st[j], m);
                line[m] = 0;
                pl_svg_put_text(sb, x, y + 14 + j * WRAP_LEAD, "middle", FS, "", line, L->max_px);
            }
            continue;
        }
        if (!L->rotate) {
            pl_svg_put_text(sb, x, y + 14, "middle", FS, "", labels[i], L->max_px);
            continue;
        }
        double ty = y + 10;
        pl_strbuf_append(sb, "<text");
        pl_svg_attr(sb, "x", x);
        pl_svg_attr(sb, "y", ty);
        pl_strbuf_append(sb, " text-anchor=\"end\" transform=\"rotate(-45 ");
        pl_svg_num(sb, x);
        pl_strbuf_append_char(sb, ' ');
        pl_svg_num(sb, ty);
        pl_strbuf_append(sb, ")\">");
        if (pl_svg_put_fit(sb, labels[i], L->max_px, FS)) {
            pl_svg_open_title(sb);
            pl_strbuf_append_html_escaped(sb, labels[i]);
            pl_svg_close_title(sb);
        }
        pl_strbuf_append(sb, "</text>\n");
    }
    pl_strbuf_append(sb, "</g>\n");
}

/* Category labels down the left, right-aligned at x, every k-th if the band is thin. */
void pl_svg_draw_cat_left(pl_strbuf *sb, char *const *labels, size_t n, double x, double y0, double band,
                          double max_px)
{
    if (!(band > 0)) return;
    size_t every = band >= FS * 1.1 ? 1 : band * 1e6 < FS * 1.1 ? 1000000 : (size_t)ceil(FS * 1.1 / band);
    pl_strbuf_append(sb, "<g class=\"axis categories\">\n");
    for (size_t i = 0; i < n; i += every)
        pl_svg_put_text(sb, x, y0 + band * ((double)i + 0.5) + 4, "end", FS, "", labels[i], max_px);
    pl_strbuf_append(sb, "</g>\n");
}

double pl_svg_widest_label(char *const *labels, size_t n)
{
    double w = 0;
    for (size_t i = 0; i < n; i++) w = fmax(w, pl_svg_text_w(labels[i], FS));
    return w;
}

/* ----------------------------------------------------- x axes: number, month */

void pl_svg_xaxis_fit(xaxis *a, const pl_chart *c, double lo, double hi, double width, int fixed)
{
    memset(a, 0, sizeof *a);
    if (!c->months || !(fabs(lo) < 1e7 && fabs(hi) < 1e7)) { /* no calendar spans 10 million months */
        pl_svg_vaxis_fit_across(&a->va, lo, hi, width, fixed);
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
    return a->months ? (double)(a->m_first + (long long)i * a->m_step - a->m_origin) : pl_svg_vaxis_tick(&a->va, i);
}

static void xaxis_label(const xaxis *a, int i, pl_strbuf *sb)
{
    if (!a->months) {
        pl_svg_vaxis_label(&a->va, pl_svg_vaxis_tick(&a->va, i), sb);
        return;
    }
    long long m = a->m_first + (long long)i * a->m_step;
    long long y = m >= 0 ? m / 12 : -((-m + 11) / 12);
    if (a->m_step >= 12) pl_strbuf_appendf(sb, "%lld", y);
    else pl_strbuf_appendf(sb, "%04lld-%02d", y, (int)(m - y * 12) + 1);
}

void pl_svg_draw_xaxis(pl_strbuf *sb, const xaxis *a, double x0, double x1, double y_top, double y_bottom)
{
    pl_strbuf_append(sb, "<g class=\"axis x\">\n");
    pl_strbuf t;
    pl_strbuf_init(&t);
    for (int i = 0; i < xaxis_count(a); i++) {
        double x = pl_svg_vaxis_map(&a->va, xaxis_tick(a, i), x0, x1);
        pl_svg_line(sb, x, y_top, x, y_bottom, C_GRID, 1);
        pl_strbuf_reset(&t);
        xaxis_label(a, i, &t);
        /* a label centred on a tick too near the plot's right end would stick out of the chart: it
         * ends at the tick instead (tests/e2e/report_browser.sh measures every label) */
        int at_end = x1 - x < pl_svg_text_w(pl_strbuf_cstr(&t), FS) / 2;
        pl_svg_put_text(sb, x, y_bottom + 16, at_end ? "end" : "middle", FS, "fill=\"" C_MUTED "\"",
                        pl_strbuf_cstr(&t), 0);
    }
    pl_strbuf_free(&t);
    pl_svg_line(sb, x0, y_bottom, x1, y_bottom, C_AXIS, 1);
    pl_strbuf_append(sb, "</g>\n");
}

/* Room above the plot for the labels of x markers: one lane, or two that alternate. */
double pl_svg_marker_lanes(const pl_chart *c) { return c->n_xmarkers ? (c->n_xmarkers > 1 ? 28 : 15) : 0; }

/* Dashed vertical lines at marked x positions, labelled in the lanes above the plot (y0). */
void pl_svg_draw_x_markers(pl_strbuf *sb, const pl_chart *c, const vaxis *xa, double x0, double x1, double y0,
                           double y1)
{
    if (!c->n_xmarkers) return;
    pl_strbuf_append(sb, "<g class=\"markers\">\n");
    for (size_t i = 0; i < c->n_xmarkers; i++) {
        const xmarker *m = &c->xmarkers[i];
        if (m->x < xa->lo - 1e-9 || m->x > xa->hi + 1e-9) continue;
        double x = pl_svg_vaxis_map(xa, m->x, x0, x1), ty = y0 - pl_svg_marker_lanes(c) + 10 + 13.0 * (double)(i % 2);
        pl_strbuf_append(sb, "<line");
        pl_svg_attr(sb, "x1", x);
        pl_svg_attr(sb, "y1", *m->label ? ty + 3 : y0);
        pl_svg_attr(sb, "x2", x);
        pl_svg_attr(sb, "y2", y1);
        pl_strbuf_append(sb, " stroke=\"#444444\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"><title>");
        pl_strbuf_append_html_escaped(sb, m->label);
        pl_strbuf_append(sb, " (");
        pl_svg_put_period(sb, c, m->x);
        pl_strbuf_append(sb, ")</title></line>\n");
        if (*m->label) { /* the label reads from the line into the plot, or leftwards near the right edge */
            int left = x > x0 + (x1 - x0) * 0.75;
            pl_svg_put_text(sb, left ? x - 4 : x + 4, ty, left ? "end" : "start", 11,
                            "fill=\"#333333\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"",
                            m->label, (x1 - x0) * 0.3);
        }
    }
    pl_strbuf_append(sb, "</g>\n");
}
