/* SPDX-License-Identifier: MIT */
/* svg_graph.c — the graph chart: nodes in columns by depth, directed edges between them.
 *
 * Drawn for an agreement's sequencing: each step a node, each `requires` an edge from the step
 * required to the step that waits for it, so that reading left to right is reading the order in
 * which steps can fall due.  A node's column is the longest chain of edges that leads to it;
 * within a column nodes keep the order they were added.  Nodes and edges that differ from a
 * reference (a variant's changes to the steps as written) are highlighted; an edge the reference
 * has and this drawing lacks is dashed and muted.  Arrowheads are small triangles, not markers,
 * because markers need ids and charts have none. */
#include <math.h>
#include <stdio.h>

#include "core/alloc.h"
#include "io/svg_internal.h"

#define C_HL "#D55E00"   /* Okabe–Ito vermillion: what differs */
#define C_EDGE "#8a8a8a"
#define C_GONE "#c4c4c4"
#define NODE_H 24.0
#define ROW_GAP 10.0
#define COL_GAP 56.0

int pl_svg_render_graph(pl_strbuf *sb, const pl_chart *c)
{
    size_t n = c->n_gnodes;
    if (!n) return pl_svg_render_empty(sb, c, "No data to show: no nodes");
    int *depth = pl_calloc(n, sizeof *depth), *row = pl_calloc(n, sizeof *row);
    if (!depth || !row) {
        pl_free(depth), pl_free(row);
        return PL_ENOMEM;
    }
    /* the longest chain to each node (at most n rounds: a cycle cannot push a node past n) */
    for (size_t round = 0; round < n; round++) {
        int moved = 0;
        for (size_t e = 0; e < c->n_gedges; e++) {
            if (c->g_kind[e] == PL_GE_REMOVED) continue;
            int d = depth[c->g_from[e]] + 1;
            if (d > depth[c->g_to[e]] && d < (int)n) depth[c->g_to[e]] = d, moved = 1;
        }
        if (!moved) break;
    }
    int ncol = 0, nrow = 0;
    for (size_t i = 0; i < n; i++) ncol = depth[i] + 1 > ncol ? depth[i] + 1 : ncol;
    int *count = pl_calloc((size_t)ncol, sizeof *count);
    if (!count) {
        pl_free(depth), pl_free(row);
        return PL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        row[i] = count[depth[i]]++;
        if (count[depth[i]] > nrow) nrow = count[depth[i]];
    }
    double bw = fmin(fmax(pl_svg_widest_label(c->g_nodes, n) + 16, 60), 150);
    double W = c->width ? c->width : fmax(600, 24 + ncol * (bw + COL_GAP) - COL_GAP);
    if (!c->width && W > 1400) W = 1400; /* the viewBox scales; a wide sequencing shrinks to the page */
    double colw = ncol > 1 ? (W - 24 - bw) / (ncol - 1) : 0;
    int any_hl = 0, kinds[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) any_hl |= c->g_hl[i];
    for (size_t e = 0; e < c->n_gedges; e++) kinds[c->g_kind[e]] = 1;
    legend_item lg[4];
    size_t n_lg = 0;
    if (kinds[PL_GE_SHARED]) lg[n_lg++] = (legend_item){"requires (as written)", C_EDGE, LG_LINE, 0, NULL, 1};
    if (kinds[PL_GE_ADDED]) lg[n_lg++] = (legend_item){"requires (this variant only)", C_HL, LG_LINE, 0, NULL, 1};
    if (kinds[PL_GE_REMOVED]) lg[n_lg++] = (legend_item){"as written, dropped here", C_GONE, LG_LINE, 0, "5 4", 1};
    if (any_hl) lg[n_lg++] = (legend_item){"step whose requirements differ", C_HL, LG_SWATCH, 0, NULL, 0.25};
    double top = 8 + (c->title && *c->title ? 24 : 0) + (c->subtitle && *c->subtitle ? 18 : 0) + 6;
    double lgh = n_lg ? pl_svg_legend_height(lg, n_lg, 12, W - 12) : 0;
    double y0 = top + lgh + 10;
    double H = c->height ? c->height : y0 + nrow * (NODE_H + ROW_GAP) + 12;
    pl_svg_open(sb, c, W, H);
    if (n_lg) pl_svg_legend_draw(sb, lg, n_lg, 12, W - 12, top);
    /* edges under the nodes: removed, then shared, then added on top */
    pl_strbuf_append(sb, "<g class=\"edges\" fill=\"none\">\n");
    for (int pass = 0; pass < 3; pass++) {
        int kind = pass == 0 ? PL_GE_REMOVED : pass == 1 ? PL_GE_SHARED : PL_GE_ADDED;
        for (size_t e = 0; e < c->n_gedges; e++) {
            if (c->g_kind[e] != kind) continue;
            size_t a = c->g_from[e], b = c->g_to[e];
            double x1 = 12 + depth[a] * colw + bw, y1 = y0 + row[a] * (NODE_H + ROW_GAP) + NODE_H / 2;
            double x2 = 12 + depth[b] * colw, y2 = y0 + row[b] * (NODE_H + ROW_GAP) + NODE_H / 2;
            const char *col = kind == PL_GE_ADDED ? C_HL : kind == PL_GE_REMOVED ? C_GONE : C_EDGE;
            double bend = fmax(fabs(x2 - x1) * 0.4, 24);
            pl_strbuf_append(sb, "<path d=\"");
            pl_svg_path_pt(sb, 'M', x1, y1);
            pl_strbuf_append(sb, " C");
            pl_svg_num(sb, x1 + bend), pl_strbuf_append_char(sb, ' '), pl_svg_num(sb, y1), pl_strbuf_append_char(sb, ' ');
            pl_svg_num(sb, x2 - bend), pl_strbuf_append_char(sb, ' '), pl_svg_num(sb, y2), pl_strbuf_append_char(sb, ' ');
            pl_svg_num(sb, x2 - 6), pl_strbuf_append_char(sb, ' '), pl_svg_num(sb, y2);
            pl_strbuf_appendf(sb, "\" stroke=\"%s\" stroke-width=\"%s\"%s>", col, kind == PL_GE_ADDED ? "2" : "1.2",
                              kind == PL_GE_REMOVED ? " stroke-dasharray=\"5 4\"" : "");
            pl_svg_open_title(sb);
            pl_strbuf_append_html_escaped(sb, c->g_nodes[b]);
            pl_strbuf_append(sb, kind == PL_GE_REMOVED ? " no longer requires " : " requires ");
            pl_strbuf_append_html_escaped(sb, c->g_nodes[a]);
            pl_svg_close_title(sb);
            pl_strbuf_append(sb, "</path>\n<path d=\"");
            pl_svg_path_pt(sb, 'M', x2, y2);
            pl_svg_path_pt(sb, 'L', x2 - 7, y2 - 4);
            pl_svg_path_pt(sb, 'L', x2 - 7, y2 + 4);
            pl_strbuf_appendf(sb, "Z\" fill=\"%s\" stroke=\"none\"/>\n", col);
        }
    }
    pl_strbuf_append(sb, "</g>\n<g class=\"marks\">\n");
    for (size_t i = 0; i < n; i++) {
        double x = 12 + depth[i] * colw, y = y0 + row[i] * (NODE_H + ROW_GAP);
        pl_svg_rect_open(sb, x, y, bw, NODE_H, c->g_hl[i] ? "#fbe3d4" : "#f4f4f4");
        pl_strbuf_appendf(sb, " rx=\"4\" stroke=\"%s\" stroke-width=\"%s\">", c->g_hl[i] ? C_HL : "#777777",
                          c->g_hl[i] ? "2" : "1");
        pl_svg_open_title(sb);
        pl_strbuf_append_html_escaped(sb, c->g_nodes[i]);
        if (c->g_hl[i]) pl_strbuf_append(sb, " (its requirements differ from the steps as written)");
        pl_svg_close_title(sb);
        pl_strbuf_append(sb, "</rect>\n");
        pl_svg_put_text(sb, x + bw / 2, y + NODE_H / 2 + 4, "middle", FS, NULL, c->g_nodes[i], bw - 8);
    }
    pl_strbuf_append(sb, "</g>\n");
    pl_svg_close(sb);
    pl_free(depth), pl_free(row), pl_free(count);
    return pl_strbuf_failed(sb) ? PL_ENOMEM : PL_OK;
}
