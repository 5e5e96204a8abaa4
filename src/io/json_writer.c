// SPDX-License-Identifier: MIT
/* json_writer.c — JSON written as it is produced (json_writer.h).
 *
 * Whitespace follows jansson's dump: a member is preceded by a newline and (depth x indent)
 * spaces when indenting, by ", " between members on one line, by "," when compact; an empty
 * container is "{}" or "[]".  Once a misuse is seen the writer writes nothing more: the
 * document is already wrong, and pl_jw_finish says how. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/json_writer.h"
#include "io/number.h"

/* One writer writes its stream from one thread, so glibc's stream lock, taken and dropped at
 * every putc, fwrite and fputs (a results file is millions of them), is skipped where glibc
 * offers the unlocked calls. */
#ifdef __GLIBC__
#define putc putc_unlocked
#define fwrite fwrite_unlocked
#define fputs fputs_unlocked
#endif

void pl_jw_init(pl_jw *w, FILE *f, int indent, int precision)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->indent = indent;
    w->precision = precision == PL_JW_SHORTEST || (precision > 0 && precision < 32) ? precision : 17;
}

static int misused(pl_jw *w, int code)
{
    if (!w->misuse) w->misuse = code;
    return 1;
}

/* A newline and the indentation of `level` when indenting; else a space if asked (not compact).
 * The newline and spaces go out as one fwrite of a prepared run (more runs beyond 64 spaces), not
 * a putc each: a results file's per-pair objects are millions of indented members. */
static void space(pl_jw *w, int level, int want_space)
{
    if (w->indent > 0) {
        enum { RUN = 64 };
        static const char run[RUN + 2] = "\n                                                                ";
        size_t n = (size_t)level * (size_t)w->indent, k = n < RUN ? n : RUN;
        fwrite(run, 1, k + 1, w->f);
        for (n -= k; n > 0; n -= k) {
            k = n < RUN ? n : RUN;
            fwrite(run + 1, 1, k, w->f);
        }
    } else if (want_space && w->indent == 0) {
        putc(' ', w->f);
    }
}

/* Before a member of the innermost container: the comma and spacing. */
static void member(pl_jw *w)
{
    int top = w->depth - 1;
    if (w->count[top]) {
        putc(',', w->f);
        space(w, w->depth, 1);
    } else {
        space(w, w->depth, 0);
        w->count[top] = 1;
    }
}

/* Before any value: 1 when it may not be written. */
static int before_value(pl_jw *w)
{
    if (w->misuse) return 1;
    if (w->depth == 0) return w->done ? misused(w, PL_JW_TWO_ROOTS) : 0;
    if (w->kind[w->depth - 1] == '{') {
        if (!w->want_value) return misused(w, PL_JW_NO_KEY);
        w->want_value = 0;
        return 0;
    }
    member(w);
    return 0;
}

/* What member() writes before the innermost container's next member (the comma, newline and pad
 * spaces of indentation), into out, which has room for pad + 2 bytes; the member counted; the
 * count of bytes. */
static size_t separator_text(pl_jw *w, char *out, size_t pad)
{
    int top = w->depth - 1, later = w->count[top];
    size_t n = 0;
    w->count[top] = 1;
    if (later) out[n++] = ',';
    if (w->indent > 0) {
        out[n++] = '\n';
        memset(out + n, ' ', pad);
        n += pad;
    } else if (later && w->indent == 0) {
        out[n++] = ' ';
    }
    return n;
}

/* What member() would write before an array's next member, into out (the comma, newline and
 * indentation); the count of bytes, or 0 after writing them itself when they do not fit. */
static size_t member_text(pl_jw *w, char *out, size_t room)
{
    size_t pad = w->indent > 0 ? (size_t)w->depth * (size_t)w->indent : 0;
    if (pad + 2 > room) {
        member(w);
        return 0;
    }
    return separator_text(w, out, pad);
}

static void write_raw(pl_jw *w, const char *text);

static void after_value(pl_jw *w)
{
    if (w->depth == 0) w->done = 1;
}

static void open_container(pl_jw *w, unsigned char kind)
{
    if (before_value(w)) return;
    if (w->depth >= PL_JW_MAX_DEPTH) {
        misused(w, PL_JW_TOO_DEEP);
        return;
    }
    putc(kind, w->f);
    w->kind[w->depth] = kind;
    w->count[w->depth] = 0;
    w->depth++;
}

void pl_jw_object(pl_jw *w) { open_container(w, '{'); }
void pl_jw_array(pl_jw *w) { open_container(w, '['); }

void pl_jw_end(pl_jw *w)
{
    if (w->misuse) return;
    if (w->depth == 0) {
        misused(w, PL_JW_UNBALANCED);
        return;
    }
    if (w->want_value) {
        misused(w, PL_JW_KEY_WITHOUT_VALUE);
        return;
    }
    int top = w->depth - 1;
    if (w->count[top]) space(w, top, 0);
    putc(w->kind[top] == '{' ? '}' : ']', w->f);
    w->depth--;
    after_value(w);
}

/* The length of the UTF-8 sequence at s (at most n bytes), or 0 when it is not valid UTF-8
 * (a stray continuation byte, a truncated or overlong sequence, a surrogate, beyond U+10FFFF). */
static size_t utf8_len(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    size_t len;
    unsigned v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, v = c & 0x07, min = 0x10000;
    else return 0;
    if (len > n) return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

static void write_string(FILE *f, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    putc('"', f);
    size_t run = 0; /* bytes at s[0..run) to copy as they are */
    while (run < n) {
        unsigned char c = s[run];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { /* plain ASCII, the usual byte */
            run++;
            continue;
        }
        unsigned cp;
        size_t len = utf8_len(s + run, n - run, &cp);
        if (len && cp >= 0x20 && cp != '"' && cp != '\\') {
            run += len;
            continue;
        }
        fwrite(s, 1, run, f);
        s += run;
        n -= run;
        run = 0;
        if (!len) { /* not UTF-8: the replacement character */
            fputs("\xEF\xBF\xBD", f);
            s++;
            n--;
            continue;
        }
        switch (cp) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default: fprintf(f, "\\u%04X", cp); break;
        }
        s++;
        n--;
    }
    fwrite(s, 1, run, f);
    putc('"', f);
}

/* The usual key (plain ASCII, short) with its comma, newline, indentation and colon, the same
 * bytes member() and write_string() write in six calls, composed in text (room bytes); its
 * length, or 0 (and nothing done) for any other key. */
static size_t key_text(pl_jw *w, const char *key, size_t len, char *text, size_t room)
{
    size_t pad = w->indent > 0 ? (size_t)w->depth * (size_t)w->indent : 0;
    if (len + pad + 8 > room) return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)key[i] < 0x20 || (unsigned char)key[i] >= 0x80 || key[i] == '"' || key[i] == '\\') return 0;
    size_t n = separator_text(w, text, pad);
    text[n++] = '"';
    memcpy(text + n, key, len);
    n += len;
    text[n++] = '"';
    text[n++] = ':';
    if (w->indent >= 0) text[n++] = ' ';
    return n;
}

/* 1 when a key may not be written here (the misuse recorded) */
static int key_refused(pl_jw *w)
{
    if (w->misuse) return 1;
    if (w->depth == 0 || w->kind[w->depth - 1] != '{') return misused(w, PL_JW_KEY_OUTSIDE_OBJECT);
    if (w->want_value) return misused(w, PL_JW_KEY_WITHOUT_VALUE);
    return 0;
}

static void write_key(pl_jw *w, const char *key, size_t len)
{
    if (key_refused(w)) return;
    w->want_value = 1;
    char text[256];
    size_t n = key_text(w, key, len, text, sizeof text);
    if (n) {
        fwrite(text, 1, n, w->f);
        return;
    }
    member(w);
    write_string(w->f, key, len);
    fputs(w->indent < 0 ? ":" : ": ", w->f);
}

/* A member whose value is a short text (a number): key and value as one fwrite when the key is
 * the usual kind, else as pl_jw_key then the value. */
static void write_key_raw(pl_jw *w, const char *key, const char *value)
{
    if (key_refused(w)) return;
    size_t len = strlen(key), vlen = strlen(value);
    char text[320];
    size_t n = vlen < 64 ? key_text(w, key, len, text, sizeof text - 64) : 0;
    if (!n) {
        write_key(w, key, len);
        write_raw(w, value);
        return;
    }
    memcpy(text + n, value, vlen);
    fwrite(text, 1, n + vlen, w->f);
    after_value(w);
}

void pl_jw_key(pl_jw *w, const char *key) { write_key(w, key, strlen(key)); }

void pl_jw_strn(pl_jw *w, const char *s, size_t len)
{
    if (before_value(w)) return;
    write_string(w->f, s, len);
    after_value(w);
}

void pl_jw_str(pl_jw *w, const char *s)
{
    if (!s) pl_jw_null(w);
    else pl_jw_strn(w, s, strlen(s));
}

/* A short value's text (a number, null, true, false) with what goes before it as one fwrite:
 * an array of numbers is most of a results file. */
static void write_raw(pl_jw *w, const char *text)
{
    if (w->misuse) return;
    if (w->depth == 0 || w->kind[w->depth - 1] == '{') {
        if (before_value(w)) return;
        fputs(text, w->f);
        after_value(w);
        return;
    }
    char out[256];
    size_t len = strlen(text), n = len < 64 ? member_text(w, out, sizeof out - 64) : (member(w), 0);
    if (len < 64) {
        memcpy(out + n, text, len);
        fwrite(out, 1, n + len, w->f);
    } else {
        fwrite(out, 1, n, w->f);
        fputs(text, w->f);
    }
    after_value(w);
}

void pl_jw_null(pl_jw *w) { write_raw(w, "null"); }
void pl_jw_bool(pl_jw *w, int b) { write_raw(w, b ? "true" : "false"); }

/* The digits by hand, not snprintf: results files hold millions of counts. */
static const char *int_text(long long x, char buf[24])
{
    char *p = buf + 23;
    unsigned long long u = x < 0 ? 0ULL - (unsigned long long)x : (unsigned long long)x;
    *p = '\0';
    do *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (x < 0) *--p = '-';
    return p;
}

void pl_jw_int(pl_jw *w, long long x)
{
    char buf[24];
    write_raw(w, int_text(x, buf));
}

/* "%.<p>g" (or the shortest exact text), then as jansson: ".0" after a whole number (so it reads back as a real), and the
 * exponent without its "+" or leading zeros ("1e+20" -> "1e20", "1e-05" -> "1e-5"). */
/* x's text in buf: "null" when it is not finite */
static const char *num_text(const pl_jw *w, double x, char buf[64])
{
    if (!isfinite(x)) return "null";
    int len = w->precision == PL_JW_SHORTEST ? pl_num_shortest(buf, x)
                                             : snprintf(buf, 64 - 3, "%.*g", w->precision, x); /* at most 31 digits: it fits */
    char *e = strchr(buf, 'e');
    if (!e && !strchr(buf, '.')) {
        memcpy(buf + len, ".0", 3);
    } else if (e) {
        char *digits = e + 1 + (e[1] == '-'), *from = e + 2;
        while (*from == '0') from++;
        memmove(digits, from, strlen(from) + 1);
    }
    return buf;
}

void pl_jw_num(pl_jw *w, double x)
{
    char buf[64];
    write_raw(w, num_text(w, x, buf));
}

void pl_jw_u64(pl_jw *w, uint64_t x)
{
    if (x <= (UINT64_C(1) << 53)) {
        pl_jw_int(w, (long long)x);
        return;
    }
    char digits[24];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)x);
    pl_jw_str(w, digits);
}

void pl_jw_key_str(pl_jw *w, const char *key, const char *s)
{
    pl_jw_key(w, key);
    pl_jw_str(w, s);
}
void pl_jw_key_num(pl_jw *w, const char *key, double x)
{
    char buf[64];
    write_key_raw(w, key, num_text(w, x, buf));
}
void pl_jw_key_int(pl_jw *w, const char *key, long long x)
{
    char buf[24];
    write_key_raw(w, key, int_text(x, buf));
}
void pl_jw_key_u64(pl_jw *w, const char *key, uint64_t x)
{
    pl_jw_key(w, key);
    pl_jw_u64(w, x);
}
void pl_jw_key_bool(pl_jw *w, const char *key, int b)
{
    pl_jw_key(w, key);
    pl_jw_bool(w, b);
}

void pl_jw_key_matrix(pl_jw *w, const char *key, const double *m, size_t rows, size_t cols)
{
    pl_jw_key(w, key);
    pl_jw_array(w);
    for (size_t i = 0; i < rows; i++) {
        pl_jw_array(w);
        for (size_t j = 0; j < cols; j++) pl_jw_num(w, m[i * cols + j]);
        pl_jw_end(w);
    }
    pl_jw_end(w);
}

/* Depth first with a stack of open containers and where each stands, not recursion: the depth
 * of a tree echoed from a file is the file's. */
void pl_jw_tree(pl_jw *w, const json_t *j)
{
    struct {
        json_t *c;
        void *iter;   /* an object's next member */
        size_t index; /* an array's next element */
    } stack[PL_JW_MAX_DEPTH];
    int sp = 0;
    json_t *v = (json_t *)j;
    for (;;) {
        if (!v) pl_jw_null(w);
        else switch (json_typeof(v)) {
            case JSON_OBJECT:
            case JSON_ARRAY:
                if (sp == PL_JW_MAX_DEPTH) {
                    misused(w, PL_JW_TOO_DEEP);
                    return;
                }
                if (json_is_object(v)) pl_jw_object(w);
                else pl_jw_array(w);
                stack[sp].c = v;
                stack[sp].iter = json_is_object(v) ? json_object_iter(v) : NULL;
                stack[sp].index = 0;
                sp++;
                break;
            case JSON_STRING: pl_jw_strn(w, json_string_value(v), json_string_length(v)); break;
            case JSON_INTEGER: pl_jw_int(w, (long long)json_integer_value(v)); break;
            case JSON_REAL: pl_jw_num(w, json_real_value(v)); break;
            case JSON_TRUE: pl_jw_bool(w, 1); break;
            case JSON_FALSE: pl_jw_bool(w, 0); break;
            default: pl_jw_null(w); break;
            }
        if (w->misuse) return;
        /* the next value: the next member of the innermost container not yet finished */
        v = NULL;
        while (sp > 0 && !v) {
            json_t *c = stack[sp - 1].c;
            if (json_is_object(c) && stack[sp - 1].iter) {
                void *it = stack[sp - 1].iter;
                write_key(w, json_object_iter_key(it), json_object_iter_key_len(it));
                v = json_object_iter_value(it);
                stack[sp - 1].iter = json_object_iter_next(c, it);
            } else if (json_is_array(c) && stack[sp - 1].index < json_array_size(c)) {
                v = json_array_get(c, stack[sp - 1].index++);
            } else {
                pl_jw_end(w);
                sp--;
            }
        }
        if (!v) return;
    }
}

int pl_jw_finish(const pl_jw *w)
{
    if (w->misuse) return w->misuse;
    if (w->depth || !w->done) return PL_JW_UNBALANCED;
    return ferror(w->f) ? -1 : PL_JW_OK;
}

const char *pl_jw_strerror(int code)
{
    switch (code) {
    case PL_JW_OK: return "no error";
    case PL_JW_UNBALANCED: return "a container closed that was not open, or left open";
    case PL_JW_NO_KEY: return "a value in an object without its key";
    case PL_JW_KEY_WITHOUT_VALUE: return "a key without its value";
    case PL_JW_KEY_OUTSIDE_OBJECT: return "a key outside an object";
    case PL_JW_TOO_DEEP: return "nested deeper than the writer allows";
    case PL_JW_TWO_ROOTS: return "a second value after the document's end";
    default: return "a write error";
    }
}
