// SPDX-License-Identifier: MIT
/* text.h — small text utilities every layer shares (so none writes its own): edit distance for
 * suggestions, the one number scanner behind every flag and file field, and making user text
 * safe to echo (control characters replaced). */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "parley/text.h"

/* What pl_number_scan found wrong with a text (PL_NUM_OK: nothing). */
typedef enum pl_num_problem {
    PL_NUM_OK = 0,
    PL_NUM_EMPTY,     /* no text */
    PL_NUM_SPACE,     /* spaces before or after the number */
    PL_NUM_HEX,       /* 0x10, 0b1, 0o7: another base */
    PL_NUM_SYNTAX,    /* not a number at all, or trailing characters */
    PL_NUM_NOT_FINITE,/* inf, nan */
    PL_NUM_NOT_WHOLE, /* a fraction or an exponent where a whole number was wanted */
    PL_NUM_TOO_LARGE, /* beyond the type's range (or, for doubles, beyond DBL_MAX) */
    PL_NUM_TOO_SMALL, /* nonzero but below the smallest double: it would be read as 0 */
    PL_NUM_RANGE      /* a good number outside [lo, hi] */
} pl_num_problem;

typedef enum pl_num_kind { PL_NUM_REAL, PL_NUM_LONG, PL_NUM_U64 } pl_num_kind;

/* Scans text as a number of the given kind; lo/hi bound PL_NUM_REAL and PL_NUM_LONG (ignored for
 * PL_NUM_U64, whose range is the type's).  The value goes to *real (PL_NUM_REAL), *whole
 * (PL_NUM_LONG, as an int64) or *u (PL_NUM_U64); any may be NULL if its kind is not asked. */
pl_num_problem pl_number_scan(const char *text, pl_num_kind kind, double lo, double hi, double *real, long *whole,
                              uint64_t *u);

/* pl_edit_distance, pl_text_sanitize, pl_text_sanitize_inplace and the pl_parse_* readers:
 * parley/text.h (public). */

#endif
