// SPDX-License-Identifier: MIT
/* strbuf.c — a growable string buffer with a sticky failure flag.
 *
 * Capacity doubles (starting at PL_STRBUF_START bytes) so appending n bytes one at a time
 * costs O(n).  Sizes are checked for overflow before every growth: an append
 * of SIZE_MAX bytes fails cleanly instead of wrapping round.  The escaper
 * validates UTF-8 itself because report text comes from scenario files and
 * command lines, and one stray Latin-1 byte must not make an SVG unparseable. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/strbuf.h"
#include "parley/error.h"

void pl_strbuf_init(pl_strbuf *sb)
{
    sb->data = NULL;
    sb->len = 0;
    sb->cap = 0;
    sb->failed = 0;
}

void pl_strbuf_free(pl_strbuf *sb)
{
    pl_free(sb->data);
    pl_strbuf_init(sb);
}

void pl_strbuf_reset(pl_strbuf *sb)
{
    sb->len = 0;
    sb->failed = 0;
    if (sb->data) sb->data[0] = '\0';
}

/* Makes room for `extra` more bytes plus the NUL. */
static int reserve(pl_strbuf *sb, size_t extra)
{
    if (sb->failed) return PL_ENOMEM;
    if (extra > SIZE_MAX - sb->len - 1) {
        sb->failed = 1;
        return PL_ENOMEM;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap) return PL_OK;
    size_t cap = sb->cap ? sb->cap : PL_STRBUF_START;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = pl_realloc(sb->data, cap);
    if (!p) {
        sb->failed = 1;
        return PL_ENOMEM;
    }
    sb->data = p;
    sb->cap = cap;
    return PL_OK;
}

int pl_strbuf_append_n(pl_strbuf *sb, const char *s, size_t n)
{
    if (reserve(sb, n)) return PL_ENOMEM;
    if (n) memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
    return PL_OK;
}

int pl_strbuf_append(pl_strbuf *sb, const char *s)
{
    if (!s) return sb->failed ? PL_ENOMEM : PL_OK;
    return pl_strbuf_append_n(sb, s, strlen(s));
}

int pl_strbuf_append_char(pl_strbuf *sb, char c) { return pl_strbuf_append_n(sb, &c, 1); }

int pl_strbuf_appendf(pl_strbuf *sb, const char *fmt, ...)
{
    if (sb->failed) return PL_ENOMEM;
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return PL_OK; /* an encoding error in the format: append nothing */
    if ((size_t)n < sizeof small) return pl_strbuf_append_n(sb, small, (size_t)n);
    if (reserve(sb, (size_t)n)) return PL_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    return PL_OK;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if the bytes there are not one. */
static size_t utf8_valid_len(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t n;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) n = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, min = 0x10000;
    else return 0;
    unsigned cp = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0; /* also stops at the NUL */
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    if (cp == 0xFFFE || cp == 0xFFFF) return 0; /* not characters in XML */
    return n;
}

int pl_strbuf_append_html_escaped(pl_strbuf *sb, const char *s)
{
    if (!s) return sb->failed ? PL_ENOMEM : PL_OK;
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *run = p; /* start of bytes that need no escaping */
    while (*p) {
        const char *rep = NULL;
        size_t adv = 1;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\t': case '\n': case '\r': break;
        default:
            if (*p < 0x20 || *p == 0x7F) rep = "\xEF\xBF\xBD";
            else if (*p >= 0x80) {
                adv = utf8_valid_len(p);
                if (!adv) rep = "\xEF\xBF\xBD", adv = 1;
            }
        }
        if (rep) {
            pl_strbuf_append_n(sb, (const char *)run, (size_t)(p - run));
            pl_strbuf_append(sb, rep);
            p += adv;
            run = p;
        } else {
            p += adv;
        }
    }
    return pl_strbuf_append_n(sb, (const char *)run, (size_t)(p - run));
}

int pl_strbuf_append_fixed(pl_strbuf *sb, double x, int decimals)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 12) decimals = 12;
    if (!isfinite(x)) x = 0;
    char tmp[64];
    /* "%.*f" without printf while x 10^decimals stays below 2^40: the product is then within
     * 2^-14 of the exact one, so its rounding to a whole number is the exact one's unless its
     * fraction is within 2^-12 of one half (then, and beyond 2^40, printf decides) */
    static const double scale[13] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    double p = fabs(x) * scale[decimals];
    if (p < 0x1p40) {
        double whole = floor(p), frac = p - whole;
        if (fabs(frac - 0.5) > 0x1p-12) {
            uint64_t r = (uint64_t)whole + (frac > 0.5);
            char digits[24], *o = tmp;
            int n = 0;
            do digits[n++] = (char)('0' + r % 10), r /= 10;
            while (r || n <= decimals);
            int nonzero = 0;
            for (int i = 0; i < n; i++) nonzero |= digits[i] != '0';
            if (x < 0 && nonzero) *o++ = '-'; /* "-0.00" is zero, as below */
            for (int i = n - 1; i >= 0; i--) {
                *o++ = digits[i];
                if (i == decimals && i > 0) *o++ = '.';
            }
            return pl_strbuf_append_n(sb, tmp, (size_t)(o - tmp));
        }
    }
    int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, x);
    if (n < 0 || (size_t)n >= sizeof tmp) { /* |x| beyond 1e50: scientific is still valid SVG */
        n = snprintf(tmp, sizeof tmp, "%.*e", decimals, x);
        if (n < 0 || (size_t)n >= sizeof tmp) return pl_strbuf_append(sb, "0");
    }
    /* whatever LC_NUMERIC says, the separator is a point */
    for (int i = 0; i < n; i++)
        if (tmp[i] == ',') tmp[i] = '.';
    const char *out = tmp;
    if (tmp[0] == '-') { /* "-0.00" is zero */
        int zero = 1;
        for (int i = 1; i < n; i++)
            if (tmp[i] >= '1' && tmp[i] <= '9') zero = 0;
        if (zero) out = tmp + 1;
    }
    return pl_strbuf_append(sb, out);
}

const char *pl_strbuf_cstr(const pl_strbuf *sb) { return sb->data ? sb->data : ""; }

char *pl_strbuf_release(pl_strbuf *sb)
{
    if (sb->failed) {
        pl_strbuf_free(sb);
        return NULL;
    }
    char *p = sb->data;
    if (!p) p = pl_calloc(1, 1);
    pl_strbuf_init(sb);
    return p;
}

int pl_strbuf_failed(const pl_strbuf *sb) { return sb->failed; }
