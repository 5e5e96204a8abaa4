// SPDX-License-Identifier: MIT
/* svg_heatmap.c — the heatmap: a rows x cols matrix in the viridis scale, with labels and a colour legend.
 *
 * Cells show their value when they are large enough, all with one number of decimals,
 * in white or black by the cell's luminance.  The colour legend is stacked steps, not a
 * gradient, because a gradient needs an id and charts have none.
 *
 * A large matrix (a tournament of 243 players has 59,049 pairs) is drawn compactly: cells of
 * at least COMPACT_CELL pixels, so the chart grows wider rather than its cells vanishing; a row
 * is one group whose tooltip names the row, and the cells of one colour in a row are one path,
 * which keeps 243 players' matrix near one megabyte rather than six. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "io/svg_internal.h"

/* ----------------------------------------------------------------- heatmap */

/* A coordinate of a compact path: whole numbers without the decimal point. */
static void path_num(pl_strbuf *sb, double x)
{
    if (x == round(x) && fabs(x) < 1e9) { /* "%.0f" by hand: a large matrix has millions */
        char digits[16], *o = digits + sizeof digits;
        unsigned long v = (unsigned long)fabs(x);
        do *--o = (char)('0' + v % 10), v /= 10;
        while (v);
        if (signbit(x)) *--o = '-';
        pl_strbuf_append_n(sb, o, (size_t)(digits + sizeof digits - o));
    } else {
        pl_svg_num(sb, x);
    }
}

/* Cells narrower than this are drawn compactly (see above), and never narrower than it. */
#define COMPACT_CELL 5.0

/* One number of decimals for a set of values shown side by side (heatmap cells). */
static int shared_decimals(const double *v, size_t n)
{
    double big = 0;
    int integral = 1;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i])) continue;
        big = fmax(big, fabs(v[i]));
        if (fabs(v[i] - round(v[i])) > 1e-9 * fmax(1, fabs(v[i]))) integral = 0;
    }
    if (integral) return 0;
    return big >= 1000 ? 0 : big >= 100 ? 1 : big >= 1 ? 2 : 3;
}

/* viridis at 9 stops: perceptually uniform and readable with colour-blindness */
static const unsigned char viridis[9][3] = {{68, 1, 84},    {71, 44, 122},  {59, 81, 139},
                                            {44, 113, 142}, {33, 144, 141}, {39, 173, 129},
                                            {92, 200, 99},  {170, 220, 50}, {253, 231, 37}};

static void viridis_at(double t, char out[8], int *dark)
{
    if (!(t >= 0)) t = 0;
    if (t > 1) t = 1;
    double p = t * 8;
    int i = (int)floor(p);
    if (i >= 8) i = 7;
    double u = p - i;
    int rgb[3];
    for (int k = 0; k < 3; k++) rgb[k] = (int)lround(viridis[i][k] + u * (viridis[i + 1][k] - viridis[i][k]));
    static const char hex[] = "0123456789abcdef"; /* "#%02x%02x%02x" by hand */
    out[0] = '#';
    for (int k = 0; k < 3; k++) {
        out[1 + 2 * k] = hex[(rgb[k] & 255) >> 4];
        out[2 + 2 * k] = hex[rgb[k] & 15];
    }
    out[7] = '\0';
    double lum = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
    *dark = lum < 0.45;
}

int pl_svg_render_heatmap(pl_strbuf *sb, const pl_chart *c)
{
    if (!c->rows || !c->cols) return pl_svg_render_empty(sb, c, "No data to show");
    size_t nc = c->rows * c->cols;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < nc; i++)
        if (isfinite(c->matrix[i])) lo = fmin(lo, c->matrix[i]), hi = fmax(hi, c->matrix[i]);
    if (!(lo <= hi)) return pl_svg_render_empty(sb, c, "No data to show: every value is missing");
    if (c->has_vrange) lo = c->vlo, hi = c->vhi;
    double W = c->width ? c->width : W_DEFAULT;
    double top = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6 + 8;
    double widest = pl_svg_widest_label(c->row_labels, c->rows), lw = fmin(widest, W * 0.3);
    double x0 = 12 + (c->y_title && *c->y_title ? 20 : 0) + lw + 8;
    double legend_w = 84, x1 = W - legend_w;
    double cell_w = fmin((x1 - x0) / (double)c->cols, 64);
    int compact = cell_w < COMPACT_CELL;
    if (compact && !c->width) x0 += fmin(widest, LONG_LABEL_PX) - lw, lw = fmin(widest, LONG_LABEL_PX); /* names whole */
    if (compact && !c->width) cell_w = COMPACT_CELL;
    if (!c->width) W = fmax(compact ? x0 + cell_w * (double)c->cols + legend_w + 12 : fmin(W, x0 + cell_w * (double)c->cols + legend_w + 12), 360), x1 = W - legend_w - 12;
    cat_layout L = pl_svg_cat_layout_bottom(c->col_labels, c->cols, cell_w);
    if (compact && !c->width && L.rotate) { /* the chart is large already: column names whole too */
        L.max_px = fmin(pl_svg_widest_label(c->col_labels, c->cols), LONG_LABEL_PX);
        L.height = L.max_px * 0.7071 + FS + 4;
    }
    double pb = 6 + L.height + (c->x_title && *c->x_title ? 22 : 0) + 6;
    double cell_h = fmin(fmax(cell_w * 0.62, 4), 40);
    if (cell_w < 8) cell_h = cell_w;
    double H = c->height ? c->height : top + cell_h * (double)c->rows + pb;
    if (c->height) cell_h = (H - pb - top) / (double)c->rows;
    if (H < top + 140 + pb) H = top + 140 + pb; /* room for the colour legend */
    double y0 = top, grid_w = cell_w * (double)c->cols;
    pl_svg_open(sb, c, W, H);
    /* cells */
    int show_values = cell_w >= 26 && cell_h >= 15;
    int dec = c->decimals >= 0 ? c->decimals : shared_decimals(c->matrix, nc);
    double vfs = fmin(FS, cell_h * 0.6);
    pl_strbuf_append(sb, "<g class=\"marks\">\n");
    char (*cols)[8] = compact ? pl_malloc(c->cols * sizeof *cols) : NULL;
    if (compact && !cols) return PL_ENOMEM;
    for (size_t r = 0; compact && r < c->rows; r++) { /* a group a row, a path a colour */
        pl_strbuf_append(sb, "<g>");
        pl_svg_open_title(sb);
        pl_strbuf_append_html_escaped(sb, c->row_labels[r]);
        pl_strbuf_append(sb, " (row)");
        pl_svg_close_title(sb);
        pl_strbuf_append(sb, "\n");
        for (size_t k = 0; k < c->cols; k++) {
            double v = c->matrix[r * c->cols + k];
            int dark;
            strcpy(cols[k], "#eeeeee");
            if (isfinite(v)) viridis_at(hi > lo ? (v - lo) / (hi - lo) : 0.5, cols[k], &dark);
        }
        for (size_t k = 0; k < c->cols; k++) {
            if (!cols[k][0]) continue; /* drawn already */
            char col[8];
            memcpy(col, cols[k], sizeof col);
            pl_strbuf_append(sb, "<path fill=\"");
            pl_strbuf_append(sb, col);
            pl_strbuf_append(sb, "\" d=\"");
            for (size_t j = k; j < c->cols;) { /* every run of this colour in the row */
                if (strcmp(cols[j], col)) {
                    j++;
                    continue;
                }
                size_t e = j;
                while (e < c->cols && !strcmp(cols[e], col)) cols[e++][0] = 0;
                pl_strbuf_append_char(sb, 'M');
                path_num(sb, x0 + cell_w * (double)j);
                pl_strbuf_append_char(sb, ' ');
                path_num(sb, y0 + cell_h * (double)r);
                pl_strbuf_append_char(sb, 'h');
                path_num(sb, cell_w * (double)(e - j));
                pl_strbuf_append_char(sb, 'v');
                path_num(sb, cell_h);
                pl_strbuf_append_char(sb, 'h');
                path_num(sb, -cell_w * (double)(e - j));
                pl_strbuf_append_char(sb, 'z');
                j = e;
            }
            pl_strbuf_append(sb, "\"/>\n");
        }
        pl_strbuf_append(sb, "</g>\n");
    }
    pl_free(cols);
    for (size_t r = 0; !compact && r < c->rows; r++) {
        for (size_t k = 0; k < c->cols; k++) {
            double v = c->matrix[r * c->cols + k], x = x0 + cell_w * (double)k, y = y0 + cell_h * (double)r;
            char col[8] = "#eeeeee";
            int dark = 0;
            if (isfinite(v)) viridis_at(hi > lo ? (v - lo) / (hi - lo) : 0.5, col, &dark);
            pl_svg_rect_open(sb, x, y, cell_w, cell_h, col);
            if (cell_w >= 6) pl_strbuf_append(sb, " stroke=\"#ffffff\" stroke-width=\"1\"");
            pl_strbuf_append(sb, "><title>");
            pl_strbuf_append_html_escaped(sb, c->row_labels[r]);
            pl_strbuf_append(sb, " \xC3\x97 ");
            pl_strbuf_append_html_escaped(sb, c->col_labels[k]);
            pl_strbuf_append(sb, ": ");
            pl_svg_put_val(sb, c, v);
            pl_strbuf_append(sb, "</title></rect>\n");
            if (show_values && isfinite(v)) {
                pl_strbuf t;
                pl_strbuf_init(&t);
                pl_svg_put_val_d(&t, v, dec);
                if (pl_svg_text_w(pl_strbuf_cstr(&t), vfs) <= cell_w - 4)
                    pl_svg_put_text(sb, x + cell_w / 2, y + cell_h / 2 + vfs * 0.35, "middle", vfs,
                                    dark ? "fill=\"#ffffff\" pointer-events=\"none\""
                                         : "fill=\"#111111\" pointer-events=\"none\"",
                                    pl_strbuf_cstr(&t), 0);
                pl_strbuf_free(&t);
            }
        }
    }
    pl_strbuf_append(sb, "</g>\n");
    double y1 = y0 + cell_h * (double)c->rows;
    pl_svg_draw_cat_left(sb, c->row_labels, c->rows, x0 - 8, y0, cell_h, lw);
    pl_svg_draw_cat_bottom(sb, &L, c->col_labels, c->cols, x0, cell_w, y1 - 4);
    pl_svg_draw_vtitle(sb, c->y_title, 16, y0, y1);
    pl_svg_draw_htitle(sb, c->x_title, x0, x0 + grid_w, H - 10);
    /* colour legend: stacked steps (no gradient, so no id) with ticks */
    double lx = x0 + grid_w + 16, ly0 = y0, ly1 = y0 + fmin(fmax(y1 - y0, 120), 240);
    int steps = 48;
    pl_strbuf_append(sb, "<g class=\"legend\">\n");
    for (int i = 0; i < steps; i++) {
        char col[8];
        int dark;
        viridis_at((i + 0.5) / steps, col, &dark);
        double h = (ly1 - ly0) / steps;
        pl_svg_rect_open(sb, lx, ly1 - h * (i + 1), 14, h + 0.6, col);
        pl_strbuf_append(sb, "/>\n");
    }
    pl_svg_rect_open(sb, lx, ly0, 14, ly1 - ly0, "none");
    pl_strbuf_append(sb, " stroke=\"#999999\"/>\n");
    vaxis va;
    if (hi > lo) {
        pl_svg_vaxis_fit(&va, lo, hi, 6, 1);
        pl_strbuf t;
        pl_strbuf_init(&t);
        for (int i = 0; i < va.count; i++) {
            double v = pl_svg_vaxis_tick(&va, i), y = pl_svg_vaxis_map(&va, v, ly1, ly0);
            pl_svg_line(sb, lx + 14, y, lx + 18, y, C_AXIS, 1);
            pl_strbuf_reset(&t);
            pl_svg_vaxis_label(&va, v, &t);
            pl_svg_put_text(sb, lx + 21, y + 4, "start", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
        }
        pl_strbuf_free(&t);
    } else {
        pl_strbuf t;
        pl_strbuf_init(&t);
        pl_svg_put_val(&t, c, lo);
        pl_svg_put_text(sb, lx + 21, (ly0 + ly1) / 2 + 4, "start", FS, "fill=\"" C_MUTED "\"", pl_strbuf_cstr(&t), 0);
        pl_strbuf_free(&t);
    }
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_close(sb);
    return PL_OK;
}
