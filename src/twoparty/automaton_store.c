// SPDX-License-Identifier: MIT
/* automaton_store.c — a worker's kept automata (automaton_store.h): chained buckets by definition,
 * length and salt, the parameters compared whole. */
#include <string.h>

#include "core/alloc.h"
#include "strategies/strategy_handle.h"
#include "twoparty/automaton_store.h"

enum { BUCKETS = 64 };

typedef struct entry {
    struct entry *next; /* in its bucket */
    const pl_strategy_def *def;
    pl_params params;
    int length;
    uint64_t salt;
    size_t bytes; /* then the bytes themselves, in the same allocation */
} entry;

struct pl_auto_store {
    entry *bucket[BUCKETS];
    int n;
};

pl_auto_store *pl_auto_store_new(void) { return pl_calloc(1, sizeof(pl_auto_store)); }

void pl_auto_store_free(pl_auto_store *st)
{
    if (!st) return;
    for (int k = 0; k < BUCKETS; k++)
        for (entry *e = st->bucket[k], *nx; e; e = nx) {
            nx = e->next;
            pl_free(e);
        }
    pl_free(st);
}

static size_t bucket_of(const pl_strategy_def *d, int length, uint64_t salt)
{
    uint64_t h = ((uint64_t)(uintptr_t)d ^ (uint64_t)(unsigned)length * 0x9e3779b9u ^ salt) * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 58) % BUCKETS;
}

const void *pl_auto_store_find(const pl_auto_store *st, const pl_strategy *s, int length, uint64_t salt,
                               size_t *bytes)
{
    for (const entry *e = st->bucket[bucket_of(s->def, length, salt)]; e; e = e->next)
        if (e->def == s->def && e->length == length && e->salt == salt &&
            memcmp(&e->params, &s->params, sizeof s->params) == 0) {
            *bytes = e->bytes;
            return e + 1;
        }
    return NULL;
}

void *pl_auto_store_add(pl_auto_store *st, const pl_strategy *s, int length, uint64_t salt, size_t bytes)
{
    if (st->n >= PL_AUTO_STORE_MAX) return NULL;
    entry *e = pl_malloc(sizeof *e + bytes);
    if (!e) return NULL;
    e->def = s->def;
    e->params = s->params;
    e->length = length;
    e->salt = salt;
    e->bytes = bytes;
    entry **b = &st->bucket[bucket_of(s->def, length, salt)];
    e->next = *b;
    *b = e;
    st->n++;
    return e + 1;
}
