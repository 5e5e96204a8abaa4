// SPDX-License-Identifier: MIT
/* automaton_probe.c — the automaton of a strategy of bounded memory, made by asking its move
 * (automaton_probe.h).
 *
 * Raw states: the strategy's state bytes and a window (L, code): L < k turns from the first, or
 * the last k, written as L outcomes 2 * own + other's (D = 1), the oldest first, code = sum o_t
 * 4^t.  From the state after init and no turn, each raw state met is asked its move and its next
 * state bytes (the strategy's move called from those bytes with the window as the histories),
 * a window's after prefixes too (all of one and two turns; runs of each outcome and alternations
 * of two, up to 17 turns; eight of a small generator, up to 45 turns; and without one, with the
 * length known or in another game from the other side: about 1,024 checks in all, so past 7
 * windows each after a share of them, at least 2, in turn), the shorter histories with the length
 * known (its last turn, or two before it) and in another game from the other side; its four next
 * raw states join the search.  The raw machine is then minimised (states of the same move whose
 * next states are alike, refined until stable) and numbered in the order a search from the first
 * turn meets them. */
#include "strategies/automaton_probe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { RAW_MAX = 4096, STATE_MAX = 256 }; /* raw states; bytes of a strategy's state */

typedef struct probe {
    const pl_probe_def *d;
    const pl_params *p;
    size_t bytes;   /* of the strategy's state (at least 1) */
    void *state;
    pl_history me, opp;
    pl_history base_me, base_opp; /* the histories' counts at their base (base_set) */
    pl_game other; /* a game whose sides differ, for the check that the game is not read */
    int bad;       /* the stream was drawn from */
} probe;

/* The histories hold a base (a prefix, or nothing) of base_len turns, its counts kept to go back. */
static void base_set(probe *pr, const unsigned char *o, int n)
{
    const pl_game *g = pl_game_standard();
    pl_history_clear(&pr->me);
    pl_history_clear(&pr->opp);
    for (int t = 0; t < n; t++) {
        int x = o[t] >> 1, y = o[t] & 1;
        if (pl_history_push(&pr->me, x, g->payoff[x][y][0]) || pl_history_push(&pr->opp, y, g->payoff[x][y][1]))
            pr->bad = 1;
    }
    pr->base_me = pr->me, pr->base_opp = pr->opp;
}

/* Back to the base: the turns after it cleared (its last word's bits past it, then whole words),
 * its counts and scores as they were. */
static void base_back(pl_history *h, const pl_history *base)
{
    int from = base->len, to = h->len;
    if (to > from) {
        int w = from >> 6, last = (to - 1) >> 6;
        h->w[w] &= (from & 63) ? (1ull << (from & 63)) - 1 : 0;
        for (w++; w <= last; w++) h->w[w] = 0;
    }
    h->len = base->len, h->n_defect = base->n_defect, h->score = base->score;
}

/* The move from state bytes `from` after the base and then the outcomes o[0 .. n-1] (pushed, not
 * played: the state is the strategy's as the last of them was played), with the match length
 * `length` (-1: unknown), in game g from side `side` (the base is the standard game's: empty
 * when g is another); the state after the move is left in pr->state. */
static int move_from(probe *pr, const void *from, const unsigned char *o, int n, int length, const pl_game *g,
                     int side)
{
    static const pl_rng start = {{0x9e3779b97f4a7c15ull, 0xbf58476d1ce4e5b9ull, 0x94d049bb133111ebull, 1}};
    memcpy(pr->state, from, pr->bytes);
    base_back(&pr->me, &pr->base_me);
    base_back(&pr->opp, &pr->base_opp);
    for (int t = 0; t < n; t++) {
        int x = o[t] >> 1, y = o[t] & 1;
        double px = side == 0 ? g->payoff[x][y][0] : g->payoff[y][x][1];
        double py = side == 0 ? g->payoff[x][y][1] : g->payoff[y][x][0];
        if (pl_history_push(&pr->me, x, px) || pl_history_push(&pr->opp, y, py)) pr->bad = 1;
    }
    pl_rng rng = start;
    pl_view v = {.turn = pr->me.len, .length = length, .me = &pr->me, .opp = &pr->opp, .game = g, .side = side,
                 .rng = &rng};
    int r = pr->d->move(pr->state, pr->p, &v);
    if (memcmp(&rng, &start, sizeof rng) != 0) pr->bad = 1;
    return r & 1;
}

/* The outcomes of a window (L, code) into o; returns L. */
static int outcomes_of(int L, unsigned code, unsigned char *o)
{
    for (int t = 0; t < L; t++, code >>= 2) o[t] = (unsigned char)(code & 3u);
    return L;
}

/* The prefixes a window's move is checked after: every one of one and two turns, each outcome
 * and each alternation of two repeated, up to 17 turns, and eight from a small generator of 3
 * to 45 turns. */
enum { N_PREFIX = 4 + 16 + 4 * 16 + 6 * 8 + 8, PREFIX_MAX = 48, CHECKS = 1024, P_ALL = N_PREFIX + 2 };
typedef struct prefixes {
    unsigned char o[N_PREFIX][PREFIX_MAX];
    int n[N_PREFIX];
} prefixes;

static void prefixes_make(prefixes *q)
{
    static const unsigned char pairs[6][2] = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
    int i = 0;
    for (int len = 1; len <= 2; len++)
        for (unsigned c = 0; c < (1u << (2 * len)); c++, i++) q->n[i] = outcomes_of(len, c, q->o[i]);
    for (int y = 0; y < 4; y++)
        for (int len = 1; len <= 16; len++, i++) {
            q->n[i] = len;
            memset(q->o[i], y, (size_t)len);
        }
    for (int k = 0; k < 6; k++)
        for (int len = 3; len <= 17; len += 2, i++) {
            q->n[i] = len;
            for (int t = 0; t < len; t++) q->o[i][t] = pairs[k][t & 1];
        }
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int k = 0; k < 8; k++, i++) {
        q->n[i] = 3 + 6 * k;
        for (int t = 0; t < q->n[i]; t++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            q->o[i][t] = (unsigned char)(x >> 62);
        }
    }
}

/* A table of keys (byte strings of one length) by hash, numbered in the order they came. */
typedef struct keyset {
    size_t len;
    int n, cap;
    unsigned char *keys; /* cap * len */
    int *slot;           /* 2 * cap entries: a key's number, or -1 */
} keyset;

/* (Only where a key is looked for hangs on it, not its number: any hash gives the same machine.) */
static uint64_t key_hash(const unsigned char *k, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, k + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    if (i < len) { /* the last bytes as one word, zeros after them */
        w = 0;
        memcpy(&w, k + i, len - i);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    return h ^ (h >> 32);
}

/* The number of key k, added when new; -1 when the set is full. */
static int keyset_find(keyset *s, const unsigned char *k)
{
    size_t mask = (size_t)(2 * s->cap) - 1, i = key_hash(k, s->len) & mask;
    for (; s->slot[i] >= 0; i = (i + 1) & mask)
        if (memcmp(s->keys + (size_t)s->slot[i] * s->len, k, s->len) == 0) return s->slot[i];
    if (s->n == s->cap) return -1;
    memcpy(s->keys + (size_t)s->n * s->len, k, s->len);
    return s->slot[i] = s->n++;
}

static int keyset_init(keyset *s, size_t len, int cap) /* cap: a power of two */
{
    s->len = len, s->n = 0, s->cap = cap;
    s->keys = malloc((size_t)cap * len);
    s->slot = malloc((size_t)(2 * cap) * sizeof *s->slot);
    if (!s->keys || !s->slot) return 0;
    memset(s->slot, -1, (size_t)(2 * cap) * sizeof *s->slot);
    return 1;
}

static void keyset_free(keyset *s)
{
    free(s->keys);
    free(s->slot);
}

/* A raw state: the strategy's state bytes, then the window's length L and code (4 bytes each). */
static void key_make(unsigned char *key, const void *state, size_t bytes, int L, unsigned code)
{
    memcpy(key, state, bytes);
    memcpy(key + bytes, &L, sizeof L);
    memcpy(key + bytes + sizeof L, &code, sizeof code);
}

/* The raw machine of pr with depth k, from the first turn by breadth-first search: into out[]
 * (the move, D = 1) and next[][4].  0 when a check fails or more than RAW_MAX states. */
static int raw_machine(probe *pr, int k, int *n_raw, unsigned char *out, int (*next)[4])
{
    const pl_game *std = pl_game_standard();
    prefixes *q = malloc(sizeof *q);
    size_t klen = pr->bytes + 2 * sizeof(int);
    unsigned char *key = malloc(klen), *from = malloc(pr->bytes), *after = malloc(pr->bytes);
    int *win = malloc(RAW_MAX * sizeof *win); /* the raw states that are windows */
    keyset ks = {0};
    int ok = 0;
    if (!q || !key || !from || !after || !win || !keyset_init(&ks, klen, RAW_MAX)) goto done;
    prefixes_make(q);
    unsigned char o[PREFIX_MAX + PL_PROBE_MAX_DEPTH];
    base_set(pr, o, 0);
    key_make(key, pr->state, pr->bytes, 0, 0); /* the state after init, no turn yet */
    keyset_find(&ks, key);
    for (int s = 0; s < ks.n; s++) {
        const unsigned char *ks_key = ks.keys + (size_t)s * klen;
        int L;
        unsigned code;
        memcpy(from, ks_key, pr->bytes);
        memcpy(&L, ks_key + pr->bytes, sizeof L);
        memcpy(&code, ks_key + pr->bytes + sizeof L, sizeof code);
        int n = outcomes_of(L, code, o);
        int m = move_from(pr, from, o, n, -1, std, 0);
        memcpy(after, pr->state, pr->bytes);
        /* the same move and state with the length known, and in another game from side 1 (the
         * windows: in the pass below) */
        if (L < k && (move_from(pr, from, o, n, n + 1, &pr->other, 1) != m || memcmp(pr->state, after, pr->bytes) ||
                      move_from(pr, from, o, n, n + 3, std, 0) != m || memcmp(pr->state, after, pr->bytes)))
            goto done;
        if (pr->bad) goto done;
        out[s] = (unsigned char)m;
        for (unsigned y = 0; y < 4; y++) {
            unsigned c = L < k ? code + (y << (2 * L)) : (code >> 2) + (y << (2 * (k - 1)));
            key_make(key, after, pr->bytes, L < k ? L + 1 : k, c);
            if ((next[s][y] = keyset_find(&ks, key)) < 0) goto done;
        }
    }
    /* each window's move and next state the same after prefixes (a prefix pushed once for all
     * the windows): about CHECKS checks in all, so with few windows each after every prefix, with
     * many after a share of them (at least 2), taken in turn from window to window so that each
     * prefix is tried on many windows */
    int windows = 0;
    for (int s = 0; s < ks.n; s++) {
        int L;
        memcpy(&L, ks.keys + (size_t)s * klen + pr->bytes, sizeof L);
        if (L == k) win[windows++] = s;
    }
    int share = CHECKS / (windows ? windows : 1);
    if (share < 2) share = 2;
    for (int i = 0; i < N_PREFIX + 2; i++) { /* the last two: no prefix, the length known or another game */
        base_set(pr, q->o[i < N_PREFIX ? i : 0], i < N_PREFIX ? q->n[i] : 0);
        int length = i == N_PREFIX ? k + 3 : -1, side = i == N_PREFIX + 1;
        const pl_game *g = side ? &pr->other : std;
        /* window j is checked after prefix i when (i + 37 j) mod P < share (P = N_PREFIX + 2, and
         * 73 = 1/37 mod P): for each r < share, the windows j = (r - i) 73 mod P, + P, + 2P, ...;
         * with fewer windows than rows, each window's test made once (the same checks: their order
         * does not matter, every one must pass) */
        int rows = share < P_ALL ? share : P_ALL, by_window = windows < rows;
        for (int r = 0; r < (by_window ? windows : rows); r++)
            for (int j = by_window ? r : (int)((unsigned)((r - i + P_ALL) % P_ALL) * 73u % P_ALL); j < windows;
                 j += by_window ? windows : P_ALL) {
                if (by_window && (i + 37 * j) % P_ALL >= share) continue;
                int s = win[j];
                const unsigned char *ks_key = ks.keys + (size_t)s * klen;
                unsigned code;
                memcpy(&code, ks_key + pr->bytes + sizeof(int), sizeof code);
                int n = outcomes_of(k, code, o);
                if (move_from(pr, ks_key, o, n, side ? k + 1 : length, g, side) != out[s] ||
                    memcmp(pr->state, ks.keys + (size_t)next[s][0] * klen, pr->bytes) != 0)
                    goto done;
            }
    }
    if (pr->bad) goto done;
    *n_raw = ks.n;
    ok = 1;
done:
    keyset_free(&ks);
    free(q);
    free(key);
    free(from);
    free(after);
    free(win);
    return ok;
}

/* Minimises the raw machine into a: 0 when more than PL_AUTOMATON_MAX states are left. */
static int minimise(int n, const unsigned char *out, int (*next)[4], pl_automaton *a)
{
    int *cls = malloc((size_t)n * sizeof *cls), *ncls = malloc((size_t)n * sizeof *ncls);
    int *rep = malloc((size_t)n * sizeof *rep);
    keyset sigs = {0};
    int ok = 0, cap = 1;
    while (cap < n) cap *= 2;
    if (!cls || !ncls || !rep || !keyset_init(&sigs, 5 * sizeof(int), cap)) goto done;
    for (int s = 0; s < n; s++) cls[s] = out[s];
    int classes = 0;
    for (;;) {
        /* a state's signature: its class and its next states' classes; the new classes numbered
         * in the order of first appearance */
        sigs.n = 0;
        memset(sigs.slot, -1, (size_t)(2 * cap) * sizeof *sigs.slot);
        for (int s = 0; s < n; s++) {
            int g[5] = {cls[s], cls[next[s][0]], cls[next[s][1]], cls[next[s][2]], cls[next[s][3]]};
            ncls[s] = keyset_find(&sigs, (const unsigned char *)g);
        }
        memcpy(cls, ncls, (size_t)n * sizeof *cls);
        if (sigs.n == classes) break;
        classes = sigs.n;
    }
    if (classes > PL_AUTOMATON_MAX) goto done;
    /* number the classes in the order a breadth-first search from state 0 meets them */
    int *num = ncls, head = 0, tail = 0;
    for (int c = 0; c < classes; c++) num[c] = -1;
    num[cls[0]] = tail;
    rep[tail++] = 0;
    while (head < tail) {
        int s = rep[head++];
        for (int y = 0; y < 4; y++) {
            int c = cls[next[s][y]];
            if (num[c] < 0) {
                num[c] = tail;
                rep[tail++] = next[s][y];
            }
        }
    }
    a->n = tail;
    for (int i = 0; i < tail; i++) {
        int s = rep[i];
        a->cut[i] = out[s] ? 0 : UINT64_MAX;
        for (int y = 0; y < 4; y++) a->next[i][y] = (uint16_t)num[cls[next[s][y]]];
    }
    ok = 1;
done:
    free(cls);
    free(ncls);
    free(rep);
    keyset_free(&sigs);
    return ok;
}

int pl_automaton_probe_uncached(const pl_probe_def *d, const pl_params *p, pl_automaton *a)
{
    int k = d->depth_of ? d->depth_of(p) : d->depth;
    if (k < 1 || k > PL_PROBE_MAX_DEPTH || !d->move || d->state_size > STATE_MAX) return 0;
    probe pr = {.d = d, .p = p, .bytes = d->state_size ? d->state_size : 1};
    pr.other = *pl_game_standard();
    pr.other.payoff[0][1][1] = 6, pr.other.payoff[1][0][0] = 4.5, pr.other.payoff[1][1][1] = 0.5;
    pr.other.payoff[0][0][0] = 2.5;
    unsigned char *out = malloc(RAW_MAX);
    int(*next)[4] = malloc(RAW_MAX * sizeof *next);
    pr.state = calloc(1, pr.bytes); /* zeroed, as an engine zeroes it */
    int ok = 0, n = 0;
    if (out && next && pr.state && !pl_history_init(&pr.me, 128) && !pl_history_init(&pr.opp, 128)) {
        if (d->init) d->init(pr.state, p);
        ok = raw_machine(&pr, k, &n, out, next) && minimise(n, out, next, a);
    }
    pl_history_free(&pr.me);
    pl_history_free(&pr.opp);
    free(pr.state);
    free(out);
    free(next);
    return ok;
}

/* The process's probed automata, by definition and parameters (refusals too: n = 0). */
enum { CACHE_MAX = 64 };
static struct {
    const pl_probe_def *d;
    pl_params p;
    pl_automaton a;
} cache[CACHE_MAX];
static int cache_n;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

int pl_automaton_probe(const pl_probe_def *d, const pl_params *p, pl_automaton *a)
{
    int k = d->depth_of ? d->depth_of(p) : d->depth;
    if (k < 1 || k > PL_PROBE_MAX_DEPTH) return 0;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < cache_n; i++)
        if (cache[i].d == d && memcmp(&cache[i].p, p, sizeof *p) == 0) {
            const pl_automaton *c = &cache[i].a;
            int ok = c->n > 0;
            if (ok) { /* the states it has, not the whole 32 kB */
                a->n = c->n;
                memcpy(a->cut, c->cut, (size_t)c->n * sizeof *c->cut);
                memcpy(a->next, c->next, (size_t)c->n * sizeof *c->next);
            }
            pthread_mutex_unlock(&cache_lock);
            return ok;
        }
    pthread_mutex_unlock(&cache_lock);
    int ok = pl_automaton_probe_uncached(d, p, a); /* outside the lock: it calls the strategy */
    pthread_mutex_lock(&cache_lock);
    if (cache_n < CACHE_MAX) {
        cache[cache_n].d = d;
        cache[cache_n].p = *p;
        pl_automaton *c = &cache[cache_n].a;
        c->n = ok ? a->n : 0;
        if (ok) { /* its states only: the whole 32 kB would touch pages of the cache no state uses */
            memcpy(c->cut, a->cut, (size_t)a->n * sizeof *a->cut);
            memcpy(c->next, a->next, (size_t)a->n * sizeof *a->next);
        }
        cache_n++;
    }
    pthread_mutex_unlock(&cache_lock);
    return ok;
}
