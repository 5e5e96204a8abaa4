// SPDX-License-Identifier: MIT
/* text.c — edit distance for "did you mean" suggestions, the one number scanner every flag and
 * file field goes through (so "0x10", " 5" and "1e-400" are refused everywhere alike, in the
 * same words), and control characters taken out of user text before it is echoed. */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

size_t pl_edit_distance(const char *a, const char *b, int fold_case)
{
    size_t la = strlen(a), lb = strlen(b), row[81];
    if (la > 80) la = 80;
    if (lb > 80) lb = 80;
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            int x = (unsigned char)a[i - 1], y = (unsigned char)b[j - 1];
            if (fold_case) x = tolower(x), y = tolower(y);
            size_t up = row[j], best = diag + (x != y);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* ---- numbers -------------------------------------------------------------- */

/* The shape of a decimal number: [+-]digits[.digits][(e|E)[+-]digits], at least one digit
 * before the exponent.  Returns the length of the longest such prefix (0 if none) and whether a
 * fraction or an exponent was seen.  strtod alone would also take hex, "inf", "nan", spaces. */
static size_t decimal_shape(const char *s, int *fractional)
{
    size_t i = 0, digits = 0;
    *fractional = 0;
    if (s[i] == '+' || s[i] == '-') i++;
    while (isdigit((unsigned char)s[i])) i++, digits++;
    if (s[i] == '.') {
        i++;
        *fractional = 1;
        while (isdigit((unsigned char)s[i])) i++, digits++;
    }
    if (!digits) return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-') j++;
        if (isdigit((unsigned char)s[j])) {
            while (isdigit((unsigned char)s[j])) j++;
            i = j;
            *fractional = 1;
        }
    }
    return i;
}

pl_num_problem pl_number_scan(const char *text, pl_num_kind kind, double lo, double hi, double *real, long *whole,
                              uint64_t *u)
{
    if (!text || !*text) return PL_NUM_EMPTY;
    size_t n = strlen(text);
    if (isspace((unsigned char)text[0]) || isspace((unsigned char)text[n - 1])) return PL_NUM_SPACE;
    const char *p = text + (text[0] == '+' || text[0] == '-');
    if (p[0] == '0' && p[1] && strchr("xXbBoO", p[1])) return PL_NUM_HEX;
    if (!strncasecmp(p, "inf", 3) || !strncasecmp(p, "nan", 3)) return PL_NUM_NOT_FINITE;
    int fractional;
    size_t len = decimal_shape(text, &fractional);
    if (len == 0 || len != n) return PL_NUM_SYNTAX;
    if (kind != PL_NUM_REAL && fractional) return PL_NUM_NOT_WHOLE;
    errno = 0;
    if (kind == PL_NUM_U64) {
        if (text[0] == '-') return PL_NUM_RANGE;
        unsigned long long x = strtoull(text, NULL, 10);
        if (errno == ERANGE) return PL_NUM_TOO_LARGE;
        if (u) *u = x;
        return PL_NUM_OK;
    }
    if (kind == PL_NUM_LONG) {
        long x = strtol(text, NULL, 10);
        if (errno == ERANGE) return x < 0 ? PL_NUM_RANGE : PL_NUM_TOO_LARGE;
        if ((double)x < lo || (double)x > hi) return PL_NUM_RANGE;
        if (whole) *whole = x;
        return PL_NUM_OK;
    }
    double x = strtod(text, NULL);
    if (errno == ERANGE && fabs(x) > 1.0) return PL_NUM_TOO_LARGE;
    /* strtod sets ERANGE on a result below DBL_MIN too (a subnormal, still nonzero): only a
     * nonzero text that became 0 has lost its value */
    if (x == 0.0) {
        for (const char *q = text; *q && *q != 'e' && *q != 'E'; q++)
            if (*q >= '1' && *q <= '9') return PL_NUM_TOO_SMALL;
    }
    if (!isfinite(x)) return PL_NUM_TOO_LARGE;
    if (!(x >= lo && x <= hi)) return PL_NUM_RANGE;
    if (real) *real = x;
    return PL_NUM_OK;
}

/* The cli-style words: "expected ..., got '...'". */
static int number_error(pl_num_problem pr, const char *text, const char *expected, pl_error *err)
{
    char shown[96];
    pl_text_sanitize(shown, sizeof shown, text ? text : "");
    switch (pr) {
    case PL_NUM_OK: return PL_OK;
    case PL_NUM_EMPTY: return pl_error_set(err, PL_EINVAL, "expected %s, got nothing", expected);
    case PL_NUM_SPACE: return pl_error_set(err, PL_EINVAL, "expected %s without spaces around it, got '%s'", expected, shown);
    case PL_NUM_HEX: return pl_error_set(err, PL_EINVAL, "expected %s in decimal, got '%s' (another base is not accepted)", expected, shown);
    case PL_NUM_NOT_FINITE: return pl_error_set(err, PL_EINVAL, "expected %s, got '%s' (not a finite number)", expected, shown);
    case PL_NUM_NOT_WHOLE: return pl_error_set(err, PL_EINVAL, "expected %s, got '%s' (not a whole number)", expected, shown);
    case PL_NUM_TOO_LARGE: return pl_error_set(err, PL_EINVAL, "expected %s, got '%s' (too large)", expected, shown);
    case PL_NUM_TOO_SMALL:
        return pl_error_set(err, PL_EINVAL, "expected %s, got '%s' (too small: nonzero but below %g, write 0 for zero)",
                            expected, shown, DBL_MIN);
    case PL_NUM_RANGE: return pl_error_set(err, PL_EINVAL, "expected %s, got '%s'", expected, shown);
    case PL_NUM_SYNTAX: break;
    }
    return pl_error_set(err, PL_EINVAL, "expected %s, got '%s'", expected, shown);
}

int pl_parse_double(const char *text, double lo, double hi, double *out, pl_error *err)
{
    char expected[96];
    if (lo == -DBL_MAX && hi == DBL_MAX) snprintf(expected, sizeof expected, "a number");
    else snprintf(expected, sizeof expected, "a number from %g to %g", lo, hi);
    return number_error(pl_number_scan(text, PL_NUM_REAL, lo, hi, out, NULL, NULL), text, expected, err);
}

int pl_parse_long(const char *text, long lo, long hi, long *out, pl_error *err)
{
    char expected[96];
    pl_num_problem pr = pl_number_scan(text, PL_NUM_LONG, (double)lo, (double)hi, NULL, out, NULL);
    if (pr == PL_NUM_SYNTAX || pr == PL_NUM_EMPTY) snprintf(expected, sizeof expected, "a whole number");
    else snprintf(expected, sizeof expected, "a whole number from %ld to %ld", lo, hi);
    return number_error(pr, text, expected, err);
}

int pl_parse_u64(const char *text, uint64_t *out, pl_error *err)
{
    return number_error(pl_number_scan(text, PL_NUM_U64, 0, 0, NULL, NULL, out), text,
                        "a whole number from 0 to 18446744073709551615", err);
}

/* ---- echoing user text ---------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if the bytes there are not one. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80) return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (n == 0 || (n == 4 && s[0] > 0xF4)) return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    if (n == 3 && s[0] == 0xE0 && s[1] < 0xA0) return 0;           /* overlong */
    if (n == 3 && s[0] == 0xED && s[1] >= 0xA0) return 0;          /* surrogates */
    if (n == 4 && s[0] == 0xF0 && s[1] < 0x90) return 0;           /* overlong */
    if (n == 4 && s[0] == 0xF4 && s[1] >= 0x90) return 0;          /* beyond U+10FFFF */
    return n;
}

/* Copies text to dst (at most cap bytes, cap >= 1, always terminated), replacing control
 * characters and invalid bytes by '?'; a newline and a tab are kept. */
static void sanitize_copy(char *dst, size_t cap, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t k = 0;
    while (*s && k + 1 < cap) {
        size_t n = utf8_len(s);
        int bad = n == 0 || (n == 1 && ((*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7F)) ||
                  (n == 2 && s[0] == 0xC2 && s[1] < 0xA0); /* C1 controls U+0080..U+009F */
        if (bad) {
            dst[k++] = '?';
            s += n ? n : 1;
            continue;
        }
        if (k + n >= cap) break; /* never cut a character in half */
        memmove(dst + k, s, n);
        k += n, s += n;
    }
    dst[k] = '\0';
}

char *pl_text_sanitize(char *buf, size_t n, const char *text)
{
    if (n == 0) return buf;
    sanitize_copy(buf, n, text ? text : "");
    return buf;
}

void pl_text_sanitize_inplace(char *text)
{
    /* the copy never grows (each replacement is 1 byte for >= 1 byte), so it can run in place */
    sanitize_copy(text, strlen(text) + 1, text);
}
