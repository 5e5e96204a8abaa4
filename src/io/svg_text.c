// SPDX-License-Identifier: MIT
/* svg_text.c — text output for the charts: coordinates, attributes, escaped and fitted text, values, dates.
 *
 * Every number a chart prints goes through here, so that every coordinate has one
 * decimal whatever the C locale (the output is byte-identical for the same data),
 * and every text that comes from data is XML-escaped (a party called "<script>"
 * shows as text).  Widths are estimated, not measured: there is no font to ask. */
#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "io/svg_internal.h"

/* ------------------------------------------------------------ text output */

/* The characters of the first len bytes of s (UTF-8: continuation bytes are not counted). */
static size_t utf8_chars_n(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

static size_t utf8_chars(const char *s) { return utf8_chars_n(s, strlen(s)); }

double pl_svg_text_w(const char *s, double fs) { return s ? (double)utf8_chars(s) * fs * CHAR_EM : 0; }

double pl_svg_text_w_n(const char *s, size_t len, double fs) { return s ? (double)utf8_chars_n(s, len) * fs * CHAR_EM : 0; }

void pl_svg_num(pl_strbuf *sb, double x) { pl_strbuf_append_fixed(sb, x, 1); }

/* One point of a path's d attribute: the command letter (M, L), then "x y". */
void pl_svg_path_pt(pl_strbuf *sb, char cmd, double x, double y)
{
    pl_strbuf_append_char(sb, cmd);
    pl_svg_num(sb, x);
    pl_strbuf_append_char(sb, ' ');
    pl_svg_num(sb, y);
}

/* Appends "name="x"" with one decimal. */
void pl_svg_attr(pl_strbuf *sb, const char *name, double x)
{
    pl_strbuf_appendf(sb, " %s=\"", name);
    pl_svg_num(sb, x);
    pl_strbuf_append_char(sb, '"');
}

/* Appends s escaped, cut to at most max_px wide with an ellipsis; returns 1 if cut. */
int pl_svg_put_fit(pl_strbuf *sb, const char *s, double max_px, double fs)
{
    if (!s) return 0;
    double per = fs * CHAR_EM;
    size_t chars = utf8_chars(s);
    if ((double)chars * per <= max_px + 0.01) {
        pl_strbuf_append_html_escaped(sb, s);
        return 0;
    }
    size_t keep = max_px > per ? (size_t)(max_px / per) - 1 : 0;
    size_t bytes = 0, seen = 0;
    while (s[bytes]) {
        if (((unsigned char)s[bytes] & 0xC0) != 0x80) {
            if (seen == keep) break;
            seen++;
        }
        bytes++;
    }
    while (bytes > 0 && s[bytes - 1] == ' ') bytes--;
    char *cut = pl_malloc(bytes + 1);
    if (!cut) {
        pl_strbuf_append_html_escaped(sb, "\xE2\x80\xA6");
        return 1;
    }
    memcpy(cut, s, bytes);
    cut[bytes] = '\0';
    pl_strbuf_append_html_escaped(sb, cut);
    pl_strbuf_append(sb, "\xE2\x80\xA6");
    pl_free(cut);
    return 1;
}

/* A text element.  attrs: extra raw attributes (constant strings only).  The text is
 * cut to max_px (0 = no limit); a cut text carries the whole of it as a tooltip. */
void pl_svg_put_text(pl_strbuf *sb, double x, double y, const char *anchor, double fs, const char *attrs,
                     const char *raw, double max_px)
{
    pl_strbuf_append(sb, "<text");
    pl_svg_attr(sb, "x", x);
    pl_svg_attr(sb, "y", y);
    if (anchor && strcmp(anchor, "start")) pl_strbuf_appendf(sb, " text-anchor=\"%s\"", anchor);
    if (fs != FS) pl_svg_attr(sb, "font-size", fs);
    if (attrs && *attrs) pl_strbuf_appendf(sb, " %s", attrs);
    pl_strbuf_append_char(sb, '>');
    int cut = max_px > 0 ? pl_svg_put_fit(sb, raw, max_px, fs) : (pl_strbuf_append_html_escaped(sb, raw), 0);
    if (cut) {
        pl_strbuf_append(sb, "<title>");
        pl_strbuf_append_html_escaped(sb, raw);
        pl_strbuf_append(sb, "</title>");
    }
    pl_strbuf_append(sb, "</text>\n");
}

/* A value with d digits after the point (d < 0: chosen from the value). */
void pl_svg_put_val_d(pl_strbuf *sb, double v, int d)
{
    if (!isfinite(v)) {
        pl_strbuf_append(sb, isnan(v) ? "no value" : v > 0 ? "\xE2\x88\x9E" : "\xE2\x88\x92\xE2\x88\x9E");
        return;
    }
    if (d < 0) {
        double a = fabs(v);
        if (a < 1e15 && fabs(v - round(v)) < 1e-9 * fmax(1, a)) d = 0;
        else d = a >= 100 ? 1 : a >= 1 ? 2 : 3;
    }
    pl_strbuf_append_fixed(sb, v, d);
}

/* A value as it appears in tooltips. */
void pl_svg_put_val(pl_strbuf *sb, const pl_chart *c, double v) { pl_svg_put_val_d(sb, v, c->decimals); }

/* Period p as a date "2007-03" on a month axis, else as a number. */
void pl_svg_put_period(pl_strbuf *sb, const pl_chart *c, double p)
{
    if (!c->months) {
        pl_svg_put_val(sb, c, p);
        return;
    }
    double m = floor((double)c->year0 * 12 + (c->month0 - 1) + p + 1e-9);
    if (!(fabs(m) < 1e9)) { /* far beyond any calendar: show the number */
        pl_svg_put_val(sb, c, p);
        return;
    }
    long long mi = (long long)m;
    long long y = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
    int mo = (int)(mi - y * 12) + 1;
    pl_strbuf_appendf(sb, "%04lld-%02d", y, mo);
}

void pl_svg_open_title(pl_strbuf *sb) { pl_strbuf_append(sb, "<title>"); }
void pl_svg_close_title(pl_strbuf *sb) { pl_strbuf_append(sb, "</title>"); }
