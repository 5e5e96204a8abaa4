/* text.c — edit distance for "did you mean" suggestions. */
#include <ctype.h>
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
