// SPDX-License-Identifier: MIT
/* history.c — growth and window counts for packed histories. */
#include <string.h>

#include "core/alloc.h"
#include "core/history.h"
#include "parley/error.h"

int pl_history_init(pl_history *h, int capacity_turns)
{
    memset(h, 0, sizeof *h);
    int words = (capacity_turns + 63) / 64;
    if (words < 1) words = 1;
    h->w = pl_calloc((size_t)words, sizeof *h->w);
    if (!h->w) return PL_ENOMEM;
    h->cap = words * 64;
    return PL_OK;
}

void pl_history_free(pl_history *h)
{
    pl_free(h->w);
    memset(h, 0, sizeof *h);
}


int pl_history_grow(pl_history *h)
{
    int words = h->cap / 64 * 2;
    uint64_t *w = pl_realloc(h->w, (size_t)words * sizeof *w);
    if (!w) return PL_ENOMEM;
    memset(w + h->cap / 64, 0, (size_t)(words - h->cap / 64) * sizeof *w);
    h->w = w;
    h->cap = words * 64;
    return PL_OK;
}

int pl_history_defects_window(const pl_history *h, int k)
{
    if (k >= h->len) return h->n_defect;
    if (k <= 0) return 0;
    int from = h->len - k, to = h->len; /* [from, to) */
    int count = 0;
    int wf = from >> 6, wt = (to - 1) >> 6;
    for (int w = wf; w <= wt; w++) {
        uint64_t x = h->w[w];
        if (w == wf) x &= ~0ull << (from & 63);
        if (w == wt && (to & 63)) x &= (1ull << (to & 63)) - 1;
        count += __builtin_popcountll(x);
    }
    return count;
}
