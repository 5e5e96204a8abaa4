// SPDX-License-Identifier: MIT
/* automaton_timed.c — the automaton of a rule that counts the turns to the end of a match of known
 * length (automaton.h, pl_timed_rule): BackStabber, Alexei, EugineNier, AntiCycler, the Thue-Morse
 * players. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "strategies/automaton.h"

static int timed_make(const pl_timed_rule *r, int length, pl_automaton *a)
{
    /* at least one state a turn, unless the absorbing class is entered at once: a length above
     * the limit is refused before anything is made */
    if (length < 1 || length > PL_AUTOMATON_MAX || r->classes < 1) return 0;
    size_t cells = (size_t)length * (size_t)r->classes;
    int *num = malloc(cells * sizeof *num); /* (t, c) -> state, -1 when not met */
    int *tq = malloc(PL_AUTOMATON_MAX * sizeof *tq), *cq = malloc(PL_AUTOMATON_MAX * sizeof *cq);
    int ok = 0, n = 0, absorbed = -1; /* the absorbing class's state, once met */
    if (!num || !tq || !cq) goto done;
    for (size_t k = 0; k < cells; k++) num[k] = -1;
    num[0] = n;
    tq[n] = 0, cq[n] = 0, n++;
    if (r->absorbing == 0) absorbed = 0;
    for (int s = 0; s < n; s++) {
        int t = tq[s], c = cq[s];
        int absorbing = c == r->absorbing;
        a->cut[s] = r->act(t, length, c) ? 0 : UINT64_MAX;
        for (int k = 0; k < 4; k++) {
            int to;
            if (absorbing || t + 1 == length) to = s; /* kept; or after the last turn: never played */
            else {
                int c2 = r->step(t, c, k >> 1, k & 1);
                int *cell = c2 == r->absorbing ? &absorbed : &num[(size_t)(t + 1) * (size_t)r->classes + (size_t)c2];
                if (*cell < 0) {
                    if (n == PL_AUTOMATON_MAX) goto done;
                    *cell = n;
                    tq[n] = t + 1, cq[n] = c2, n++;
                }
                to = *cell;
            }
            a->next[s][k] = (uint16_t)to;
        }
    }
    a->n = n;
    ok = 1;
done:
    free(num);
    free(tq);
    free(cq);
    return ok;
}

/* The process's timed automata, by rule and length (refusals too: n = 0), each kept at the size
 * of its states: the engine asks for one at every new pair, and EugineNier's at 200 turns is
 * about 1,800 states. */
enum { TIMED_CACHE_MAX = 64 };
static struct {
    const pl_timed_rule *r;
    int length, n;
    uint64_t *cut;
    uint16_t (*next)[4];
} timed_cache[TIMED_CACHE_MAX];
static int timed_cache_n;
static pthread_mutex_t timed_lock = PTHREAD_MUTEX_INITIALIZER;

int pl_automaton_timed(const pl_timed_rule *r, int length, pl_automaton *a)
{
    int ok = -1;
    pthread_mutex_lock(&timed_lock);
    for (int i = 0; i < timed_cache_n && ok < 0; i++)
        if (timed_cache[i].r == r && timed_cache[i].length == length) {
            int n = timed_cache[i].n;
            if ((ok = n > 0)) {
                a->n = n;
                memcpy(a->cut, timed_cache[i].cut, (size_t)n * sizeof *a->cut);
                memcpy(a->next, timed_cache[i].next, (size_t)n * sizeof *a->next);
            }
        }
    pthread_mutex_unlock(&timed_lock);
    if (ok >= 0) return ok;
    ok = timed_make(r, length, a); /* outside the lock */
    pthread_mutex_lock(&timed_lock);
    if (timed_cache_n < TIMED_CACHE_MAX) {
        int n = ok ? a->n : 0;
        uint64_t *cut = n ? malloc((size_t)n * sizeof *cut) : NULL;
        uint16_t(*next)[4] = n ? malloc((size_t)n * sizeof *next) : NULL;
        if (!n || (cut && next)) {
            if (n) {
                memcpy(cut, a->cut, (size_t)n * sizeof *cut);
                memcpy(next, a->next, (size_t)n * sizeof *next);
            }
            timed_cache[timed_cache_n++] = (__typeof__(timed_cache[0])){r, length, n, cut, next};
        } else {
            free(cut);
            free(next);
        }
    }
    pthread_mutex_unlock(&timed_lock);
    return ok;
}
