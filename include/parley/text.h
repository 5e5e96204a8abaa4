/* SPDX-License-Identifier: MIT */
/* parley/text.h — reading and echoing what people type.
 *
 * The one reader of numbers: every flag and every number in a file goes through it, so they all
 * accept the same text and refuse it in the same words.
 *
 * Accepted: an optional sign, decimal digits, for real numbers a fraction and an exponent
 * (1.5, -2e-3).  Refused, each with its own reason: empty text, leading or trailing spaces,
 * hexadecimal (0x10) and other bases, "inf" and "nan", a value too large for its type, and a
 * nonzero value too small to be told apart from zero (1e-400).  On failure err->msg says what
 * was expected and what was found, without naming the flag or the file: the caller adds that.
 *
 * Also the measure behind every "closest known name" suggestion, which a front end uses for its
 * own words (the command's subcommands). */
#ifndef PARLEY_TEXT_H
#define PARLEY_TEXT_H

#include "parley/common.h"

#include <stddef.h>
#include <stdint.h>

#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Levenshtein distance between two words, comparing at most the first 80 characters of each;
 * fold_case != 0 ignores ASCII case. */
PL_EXTERN size_t pl_edit_distance(const char *a, const char *b, int fold_case);

/* A real number in [lo, hi]. */
PL_EXTERN int pl_parse_double(const char *text, double lo, double hi, double *out, pl_error *err);
/* A whole number in [lo, hi] (digits only: no fraction, no exponent). */
PL_EXTERN int pl_parse_long(const char *text, long lo, long hi, long *out, pl_error *err);
/* A whole number from 0 to 2^64 - 1 (a seed); a sign is refused, "-1" is not 2^64 - 1. */
PL_EXTERN int pl_parse_u64(const char *text, uint64_t *out, pl_error *err);

/* Writes into buf (size n) a copy of text with every control character (C0 but newline and tab,
 * DEL, and C1 U+0080..U+009F) and every byte that is not valid UTF-8 replaced by '?', so echoing
 * user text cannot move the cursor, clear the screen or set the terminal's title.  Returns buf.
 * pl_error_set applies it to every error message; a writer applies it to names it echoes. */
PL_EXTERN char *pl_text_sanitize(char *buf, size_t n, const char *text);
/* The same in place. */
PL_EXTERN void pl_text_sanitize_inplace(char *text);

#ifdef __cplusplus
}
#endif
#endif
