// SPDX-License-Identifier: MIT
/* strbuf.h — a growable string buffer, the one every writer in parley builds text with.
 *
 * Built like SQLite's StrAccum: an allocation failure is sticky.  After the
 * first failure every append is a no-op that returns PL_ENOMEM, so a writer can
 * make a hundred appends and check once at the end (pl_strbuf_failed) instead
 * of after each one.  The text is always NUL-terminated; pl_strbuf_cstr never
 * returns NULL, even for a buffer that was only initialised.
 *
 *     pl_strbuf sb;
 *     pl_strbuf_init(&sb);
 *     pl_strbuf_appendf(&sb, "<p>%d of %d</p>", k, n);
 *     pl_strbuf_append_html_escaped(&sb, party_name);
 *     if (pl_strbuf_failed(&sb)) ...;
 *     fputs(pl_strbuf_cstr(&sb), f);
 *     pl_strbuf_free(&sb);
 */
#ifndef PL_IO_STRBUF_H
#define PL_IO_STRBUF_H

#include <stddef.h>

/* The capacity of a buffer's first allocation, in bytes; it doubles from there. */
#define PL_STRBUF_START 256

typedef struct pl_strbuf {
    char *data;  /* NULL until the first append; use pl_strbuf_cstr to read */
    size_t len;  /* bytes of text, not counting the NUL */
    size_t cap;  /* bytes allocated */
    int failed;  /* an allocation failed: the text is incomplete */
} pl_strbuf;

/* An empty buffer; allocates nothing. */
void pl_strbuf_init(pl_strbuf *sb);
/* Frees the text and leaves an empty buffer (safe to call twice). */
void pl_strbuf_free(pl_strbuf *sb);
/* Empties the buffer, keeps its memory, clears a failure. */
void pl_strbuf_reset(pl_strbuf *sb);

/* Each append returns 0, or PL_ENOMEM (also for every append after a failure). */
int pl_strbuf_append(pl_strbuf *sb, const char *s);
int pl_strbuf_append_n(pl_strbuf *sb, const char *s, size_t n);
int pl_strbuf_append_char(pl_strbuf *sb, char c);
int pl_strbuf_appendf(pl_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s escaped for HTML and XML text and attribute values: & < > " ' become
 * entities; control characters that XML forbids and bytes that are not valid
 * UTF-8 become U+FFFD, so the output always parses.  NULL appends nothing. */
int pl_strbuf_append_html_escaped(pl_strbuf *sb, const char *s);

/* Appends x with exactly `decimals` digits after a '.', whatever the C locale
 * (SVG and CSS need a point).  -0 prints as 0; NaN and infinities print as 0
 * (callers check finiteness first; this only guarantees valid output). */
int pl_strbuf_append_fixed(pl_strbuf *sb, double x, int decimals);

/* The text, NUL-terminated; "" for an empty buffer, never NULL. */
const char *pl_strbuf_cstr(const pl_strbuf *sb);
/* Hands the text to the caller (free() it) and leaves the buffer empty; NULL after a failure. */
char *pl_strbuf_release(pl_strbuf *sb);
/* 1 if an allocation failed since init or the last reset. */
int pl_strbuf_failed(const pl_strbuf *sb);

#endif
