/* text.h — small text utilities every layer shares (so none writes its own). */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>

/* Levenshtein distance between two words, comparing at most the first 80 characters of each;
 * fold_case != 0 ignores ASCII case.  Used to suggest the closest known name after a typo. */
size_t pl_edit_distance(const char *a, const char *b, int fold_case);

#endif
