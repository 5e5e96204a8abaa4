/* SPDX-License-Identifier: MIT */
/* parley/text.h — small text utilities a front end shares with the library.
 *
 * The library suggests the closest known name after a typo (a strategy, a YAML key);
 * a front end does the same for its own words (the command's subcommands) with the
 * same measure. */
#ifndef PARLEY_TEXT_H
#define PARLEY_TEXT_H

#include "parley/common.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Levenshtein distance between two words, comparing at most the first 80 characters of each;
 * fold_case != 0 ignores ASCII case. */
PL_EXTERN size_t pl_edit_distance(const char *a, const char *b, int fold_case);

#ifdef __cplusplus
}
#endif
#endif
