// SPDX-License-Identifier: MIT
/* automaton_probe.c — the automaton of a strategy of bounded memory, made by asking its move
 * (automaton_probe.h).
 *
 * Raw states: a history of L < k turns, or a window of the last k turns, written as L outcomes
 * 2 * own + other's (D = 1), the oldest first, state (L, code) with code = sum o_t 4^t.  The
 * move of each is its move after exactly that history from the first turn; a window's move is
 * checked after prefixes (all of one and two turns; runs of each outcome and alternations of two,
 * up to 17 turns; eight of a small generator, up to 45 turns), every state's move
 * with the length known (its last turn, or two before it) and in another game from the other
 * side.  The raw machine is then minimised (states of the same move whose next states are alike,
 * refined until stable) and numbered in the order a search from the first turn meets them. */
#include "strategies/automaton_probe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { RAW_MAX = 1365 + 1 }; /* sum of 4^L for L = 0 .. PL_PROBE_MAX_DEPTH, and one spare */

typedef struct probe {
    const pl_probe_def *d;
    const pl_params *p;
    void *state;
    pl_history me, opp;
    pl_game other; /* a game whose sides differ, for the check that the game is not read */
    int bad;       /* the stream was drawn from */
} probe;

/* The move after the outcomes o[0 .. n-1] from the first turn, with the match length `length`
 * (-1: unknown), in game g from side `side`. */
static int move_after(probe *pr, const unsigned char *o, int n, int length, const pl_game *g, int side)
{
    memset(pr->state, 0, pr->d->state_size ? pr->d->state_size : 1);
    if (pr->d->init) pr->d->init(pr->state, pr->p);
    pl_history_clear(&pr->me);
    pl_history_clear(&pr->opp);
    pl_rng rng, before;
    pl_rng_init(&rng, 1, 2, 3);
    before = rng;
    pl_view v = {.turn = 0, .length = length, .me = &pr->me, .opp = &pr->opp, .game = g, .side = side, .rng = &rng};
    int r = PL_C;
    for (int t = 0; t <= n; t++) {
        v.turn = t;
        r = pr->d->move(pr->state, pr->p, &v);
        if (t == n) break;
        int x = o[t] >> 1, y = o[t] & 1;
        double px = side == 0 ? g->payoff[x][y][0] : g->payoff[y][x][1];
        double py = side == 0 ? g->payoff[x][y][1] : g->payoff[y][x][0];
        if (pl_history_push(&pr->me, x, px) || pl_history_push(&pr->opp, y, py)) pr->bad = 1;
    }
    if (memcmp(&rng, &before, sizeof rng) != 0) pr->bad = 1;
    return r & 1;
}

/* The outcomes of raw state (L, code) into o; returns L. */
static int outcomes_of(int L, unsigned code, unsigned char *o)
{
    for (int t = 0; t < L; t++, code >>= 2) o[t] = (unsigned char)(code & 3u);
    return L;
}

/* The raw machine of pr with depth k into out[] (the move, D = 1) and next[][4]; state ids are
 * off[L] + code.  0 when a check fails. */
static int raw_machine(probe *pr, int k, int *n_raw, unsigned char *out, int (*next)[4])
{
    int off[PL_PROBE_MAX_DEPTH + 2];
    off[0] = 0;
    for (int L = 0; L <= k; L++) off[L + 1] = off[L] + (1 << (2 * L));
    *n_raw = off[k + 1];
    const pl_game *std = pl_game_standard();
    unsigned char o[64 + PL_PROBE_MAX_DEPTH];
    /* the longer prefixes, fixed: each outcome and each alternation of two repeated 1 to 16 times,
     * and eight from a small generator of lengths 3 to 45 */
    enum { LONGER = 4 * 16 + 6 * 8 + 8 };
    static const unsigned char pairs[6][2] = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
    unsigned char longer[LONGER][48];
    int longer_n[LONGER], nl = 0;
    for (int y = 0; y < 4; y++)
        for (int len = 1; len <= 16; len++, nl++) {
            longer_n[nl] = len;
            memset(longer[nl], y, (size_t)len);
        }
    for (int i = 0; i < 6; i++)
        for (int len = 3; len <= 17; len += 2, nl++) {
            longer_n[nl] = len;
            for (int t = 0; t < len; t++) longer[nl][t] = pairs[i][t & 1];
        }
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 8; i++, nl++) {
        longer_n[nl] = 3 + 6 * i;
        for (int t = 0; t < longer_n[nl]; t++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            longer[nl][t] = (unsigned char)(x >> 62);
        }
    }
    for (int L = 0; L <= k; L++)
        for (unsigned code = 0; code < (1u << (2 * L)); code++) {
            int s = off[L] + (int)code;
            int n = outcomes_of(L, code, o);
            int m = move_after(pr, o, n, -1, std, 0);
            if (move_after(pr, o, n, n + 1, &pr->other, 1) != m || move_after(pr, o, n, n + 3, std, 0) != m) return 0;
            if (L == k) {
                /* after every prefix of one and two turns, and the longer ones */
                for (int pl = 1; pl <= 2; pl++)
                    for (unsigned q = 0; q < (1u << (2 * pl)); q++) {
                        outcomes_of(pl, q, o);
                        outcomes_of(L, code, o + pl);
                        if (move_after(pr, o, pl + L, -1, std, 0) != m) return 0;
                    }
                for (int i = 0; i < LONGER; i++) {
                    memcpy(o, longer[i], (size_t)longer_n[i]);
                    outcomes_of(L, code, o + longer_n[i]);
                    if (move_after(pr, o, longer_n[i] + L, -1, std, 0) != m) return 0;
                }
            }
            if (pr->bad) return 0;
            out[s] = (unsigned char)m;
            for (unsigned y = 0; y < 4; y++)
                next[s][y] = L < k ? off[L + 1] + (int)(code + (y << (2 * L)))
                                   : off[k] + (int)((code >> 2) + (y << (2 * (k - 1))));
        }
    return 1;
}

/* Minimises the raw machine into a: 0 when more than PL_AUTOMATON_MAX states are left. */
static int minimise(int n, const unsigned char *out, int (*next)[4], pl_automaton *a)
{
    int *cls = malloc((size_t)n * sizeof *cls), *ncls = malloc((size_t)n * sizeof *ncls);
    int *sig = malloc((size_t)n * 5 * sizeof *sig), *order = malloc((size_t)n * sizeof *order);
    int ok = 0;
    if (!cls || !ncls || !sig || !order) goto done;
    for (int s = 0; s < n; s++) cls[s] = out[s];
    int classes = 0;
    for (;;) {
        /* a state's signature: its class and its next states' classes; new classes numbered in
         * the order of first appearance (a quadratic search: n is at most 1,365) */
        int count = 0;
        for (int s = 0; s < n; s++) {
            int *g = sig + 5 * s;
            g[0] = cls[s];
            for (int y = 0; y < 4; y++) g[1 + y] = cls[next[s][y]];
            int c = -1;
            for (int i = 0; i < count && c < 0; i++)
                if (memcmp(sig + 5 * order[i], g, 5 * sizeof *g) == 0) c = i;
            if (c < 0) order[c = count++] = s;
            ncls[s] = c;
        }
        memcpy(cls, ncls, (size_t)n * sizeof *cls);
        if (count == classes) break;
        classes = count;
    }
    if (classes > PL_AUTOMATON_MAX) goto done;
    /* number the classes in the order a breadth-first search from state 0 meets them */
    int *num = ncls, *rep = sig, head = 0, tail = 0;
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
        for (int y = 0; y < 4; y++) a->next[i][y] = (uint8_t)num[cls[next[s][y]]];
    }
    ok = 1;
done:
    free(cls);
    free(ncls);
    free(sig);
    free(order);
    return ok;
}

int pl_automaton_probe_uncached(const pl_probe_def *d, const pl_params *p, pl_automaton *a)
{
    int k = d->depth_of ? d->depth_of(p) : d->depth;
    if (k < 1 || k > PL_PROBE_MAX_DEPTH || !d->move) return 0;
    probe pr = {.d = d, .p = p};
    pr.other = *pl_game_standard();
    pr.other.payoff[0][1][1] = 6, pr.other.payoff[1][0][0] = 4.5, pr.other.payoff[1][1][1] = 0.5;
    pr.other.payoff[0][0][0] = 2.5;
    unsigned char *out = malloc(RAW_MAX);
    int(*next)[4] = malloc(RAW_MAX * sizeof *next);
    pr.state = calloc(1, d->state_size ? d->state_size : 1);
    int ok = 0, n = 0;
    if (out && next && pr.state && !pl_history_init(&pr.me, 128) && !pl_history_init(&pr.opp, 128))
        ok = raw_machine(&pr, k, &n, out, next) && minimise(n, out, next, a);
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
            if (ok) { /* the states it has, not the whole 3 kB */
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
        if (ok) cache[cache_n].a = *a;
        else cache[cache_n].a.n = 0;
        cache_n++;
    }
    pthread_mutex_unlock(&cache_lock);
    return ok;
}
