// SPDX-License-Identifier: MIT
/* nparty_match.c — the repeated N-party game, and the players that play it.
 *
 * One loop for one-action games and pairwise games, native N-party strategies
 * and lifted two-party ones.  Each observer keeps its own C/D record of every
 * other party (what it has seen, with noise and delay), indexed by "other
 * number" r (the others in seat order, itself skipped) so that the default
 * watch set, every other party on its own, is that record itself and costs no
 * copy.  Blocs and custom watch sets get their own unit records, and a lifted
 * strategy gets one more: the aggregate opponent.
 *
 * With two parties the lifted strategy sees its own record and the other's,
 * exactly as in match.c, and the draws come in match.c's order (moves of seat 0
 * then 1, then noise of 0 then 1; observation noise 0 draws nothing), which is
 * what makes the N = 2 engine give the two-party engine's results. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "twoparty/match_engine.h"
#include "nparty/nparty_engine.h"
#include "strategies/transformers.h"

/* ---- players ------------------------------------------------------------ */

static int parse_native_params(pl_nplayer *p, const char *s, size_t len, pl_error *err)
{
    const pl_nstrategy_def *d = p->ndef;
    const char *end = s + len;
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *stop = comma ? comma : end;
        const char *eq = memchr(s, '=', (size_t)(stop - s));
        if (!eq) return pl_error_set(err, PL_EINVAL, "strategy '%s': expected key=value, got '%.*s'", d->id, (int)(stop - s), s);
        int idx = -1;
        for (int i = 0; i < PL_MAX_PARAMS && d->params[i].key; i++)
            if (strlen(d->params[i].key) == (size_t)(eq - s) && !strncmp(d->params[i].key, s, (size_t)(eq - s))) idx = i;
        if (idx < 0) {
            char known[128] = "";
            size_t n = 0;
            for (int i = 0; i < PL_MAX_PARAMS && d->params[i].key && n < sizeof known; i++)
                n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", i ? ", " : "", d->params[i].key);
            return pl_error_set(err, PL_EINVAL, "strategy '%s' has no parameter '%.*s' (it has: %s)", d->id, (int)(eq - s), s,
                                n ? known : "none");
        }
        char buf[64];
        size_t vl = (size_t)(stop - eq - 1);
        if (vl >= sizeof buf) vl = sizeof buf - 1;
        memcpy(buf, eq + 1, vl);
        buf[vl] = '\0';
        char *e;
        errno = 0;
        double x = strtod(buf, &e);
        const pl_param_info *pi = &d->params[idx];
        if (e == buf || *e || errno || !isfinite(x) || (pi->kind == PL_PARAM_INT && x != floor(x)) || x < pi->lo || x > pi->hi)
            return pl_error_set(err, PL_EINVAL, "strategy '%s': '%s' must be %s between %g and %g, got '%s'", d->id, pi->key,
                                pi->kind == PL_PARAM_INT ? "a whole number" : "a number", pi->lo, pi->hi, buf);
        p->params.num[idx] = x;
        s = comma ? comma + 1 : end;
    }
    return PL_OK;
}

static void make_label(pl_nplayer *p, const char *agg_text)
{
    size_t n;
    if (p->lifted)
        n = (size_t)snprintf(p->label, sizeof p->label, "%s", pl_strategy_label(p->lifted));
    else {
        n = (size_t)snprintf(p->label, sizeof p->label, "%s", p->ndef->id);
        int first = 1;
        for (int i = 0; i < PL_MAX_PARAMS && p->ndef->params[i].key && n < sizeof p->label; i++) {
            if (p->params.num[i] == p->ndef->params[i].def) continue;
            n += (size_t)snprintf(p->label + n, sizeof p->label - n, "%s%s=%g", first ? ":" : ",", p->ndef->params[i].key,
                                  p->params.num[i]);
            first = 0;
        }
    }
    if (agg_text && n < sizeof p->label) snprintf(p->label + n, sizeof p->label - n, "@%s", agg_text);
}

int pl_nplayer_create(pl_nplayer **out, const char *spec, pl_error *err)
{
    *out = NULL;
    while (isspace((unsigned char)*spec)) spec++;
    size_t len = strlen(spec);
    while (len && isspace((unsigned char)spec[len - 1])) len--;
    if (!len) return pl_error_set(err, PL_EINVAL, "empty strategy name");
    pl_nplayer *p = pl_calloc(1, sizeof *p);
    if (!p) return pl_error_set(err, PL_ENOMEM, "out of memory");
    p->agg_k = 1;
    const char *at = memrchr(spec, '@', len);
    char agg_text[32] = "";
    if (at) {
        size_t al = len - (size_t)(at - spec) - 1;
        snprintf(agg_text, sizeof agg_text, "%.*s", (int)(al < 31 ? al : 31), at + 1);
        char *e;
        long k = strtol(agg_text, &e, 10);
        if (!strcmp(agg_text, "any")) p->agg_k = 1;
        else if (!strcmp(agg_text, "all")) p->agg_k = 0;
        else if (!strcmp(agg_text, "majority")) p->agg_k = -1;
        else if (*agg_text && !*e && k >= 1 && k <= PL_NPARTY_MAX) p->agg_k = (int)k;
        else {
            pl_free(p);
            return pl_error_set(err, PL_EINVAL, "'%.*s': after '@' expected any, all, majority or a count 1..%d", (int)len,
                                spec, PL_NPARTY_MAX);
        }
        len = (size_t)(at - spec);
    }
    const char *colon = memchr(spec, ':', len);
    size_t idlen = colon ? (size_t)(colon - spec) : len;
    p->ndef = pl_nstrategy_find(spec, idlen);
    if (p->ndef) {
        if (at) {
            pl_error_set(err, PL_EINVAL, "'@' sets the aggregate of a lifted two-party strategy; '%s' is an N-party "
                                         "strategy (give it a watch list or k instead)", p->ndef->id);
            pl_free(p);
            return PL_EINVAL;
        }
        for (int i = 0; i < PL_MAX_PARAMS && p->ndef->params[i].key; i++) p->params.num[i] = p->ndef->params[i].def;
        if (colon && parse_native_params(p, colon + 1, len - idlen - 1, err)) {
            pl_free(p);
            return PL_EINVAL;
        }
        char why[200];
        if (p->ndef->check && p->ndef->check(&p->params, why, sizeof why)) {
            pl_error_set(err, PL_EINVAL, "'%.*s': %s", (int)len, spec, why);
            pl_free(p);
            return PL_EINVAL;
        }
        p->stochastic = (p->ndef->flags & PL_STOCHASTIC) != 0;
        make_label(p, NULL);
        *out = p;
        return PL_OK;
    }
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(len < 255 ? len : 255), spec);
    int rc = pl_strategy_create(&p->lifted, name, err);
    if (rc) {
        pl_free(p);
        if (rc == PL_ENOTFOUND && err) {
            char msg[PL_ERROR_MSG_MAX];
            snprintf(msg, sizeof msg, "%s", err->msg);
            pl_error_set(err, rc, "%s; N-party strategies: ttft, gttft, cttft, targeted, ngrim, nwsls, majority, proportional",
                         msg);
        }
        return rc;
    }
    p->stochastic = pl_strategy_is_stochastic(p->lifted);
    make_label(p, at ? agg_text : NULL);
    *out = p;
    return PL_OK;
}

pl_nplayer *pl_nplayer_clone(const pl_nplayer *p)
{
    pl_nplayer *c = pl_malloc(sizeof *c);
    if (!c) return NULL;
    *c = *p;
    if (p->lifted && !(c->lifted = pl_strategy_clone(p->lifted))) {
        pl_free(c);
        return NULL;
    }
    return c;
}

void pl_nplayer_free(pl_nplayer *p)
{
    if (!p) return;
    pl_strategy_free(p->lifted);
    pl_free(p);
}

const char *pl_nplayer_label(const pl_nplayer *p) { return p->label; }
int pl_nplayer_is_lifted(const pl_nplayer *p) { return p->lifted != NULL; }
int pl_nplayer_is_stochastic(const pl_nplayer *p) { return p->stochastic; }
void pl_nplayer_set_aggregate(pl_nplayer *p, int k) { p->agg_k = k; }

int pl_nplayer_watch(pl_nplayer *p, uint32_t mask, int k, pl_error *err)
{
    if (!mask) return pl_error_set(err, PL_EINVAL, "a watched unit needs at least one party");
    if (p->n_units >= PL_NPARTY_MAX) return pl_error_set(err, PL_EINVAL, "at most %d watched units", PL_NPARTY_MAX);
    if (k < 0 || k > PL_NPARTY_MAX) return pl_error_set(err, PL_EINVAL, "a unit's threshold must be 0..%d", PL_NPARTY_MAX);
    p->unit_mask[p->n_units] = mask;
    p->unit_k[p->n_units] = k;
    p->n_units++;
    return PL_OK;
}

static pl_nstrategy_info ninfo[64];
static char ninfo_help[64][256];
static size_t ninfo_n;
static pthread_once_t ninfo_once = PTHREAD_ONCE_INIT;

static void ninfo_build(void)
{
    for (const pl_nstrategy_def *d = pl_nstrategies; d->id && ninfo_n < 64; d++, ninfo_n++) {
        char *help = ninfo_help[ninfo_n];
        size_t len = 0;
        for (int k = 0; k < PL_MAX_PARAMS && d->params[k].key && len < sizeof ninfo_help[0]; k++)
            len += (size_t)snprintf(help + len, sizeof ninfo_help[0] - len, "%s%s=%g: %s", k ? "; " : "", d->params[k].key,
                                    d->params[k].def, d->params[k].help);
        int n_params = 0;
        while (n_params < PL_MAX_PARAMS && d->params[n_params].key) n_params++;
        ninfo[ninfo_n] = (pl_nstrategy_info){d->id, d->name, d->reference, help, (d->flags & PL_STOCHASTIC) != 0,
                                             n_params, d->params};
    }
}

size_t pl_nstrategy_count(void)
{
    pthread_once(&ninfo_once, ninfo_build);
    return ninfo_n;
}

const pl_nstrategy_info *pl_nstrategy_info_at(size_t i)
{
    pthread_once(&ninfo_once, ninfo_build);
    return i < ninfo_n ? &ninfo[i] : NULL;
}

/* ---- the match buffer ---------------------------------------------------- */

static pl_history *hist_array(int count, int turns)
{
    pl_history *h = pl_calloc((size_t)count, sizeof *h);
    if (!h) return NULL;
    for (int i = 0; i < count; i++)
        if (pl_history_init(&h[i], turns)) {
            for (int k = 0; k < i; k++) pl_history_free(&h[k]);
            pl_free(h);
            return NULL;
        }
    return h;
}

static void hist_array_free(pl_history *h, int count)
{
    if (!h) return;
    for (int i = 0; i < count; i++) pl_history_free(&h[i]);
    pl_free(h);
}

/* A state slot's first size: most strategies' states fit; the slots grow when a match meets a
 * larger one (state_room). */
#define NSTATE_SLOT_START 256

int pl_nmatch_buf_init(pl_nmatch_buf *b, int n, int pairwise, int turns_hint)
{
    memset(b, 0, sizeof *b);
    b->n = n;
    b->pairwise = pairwise;
    if (turns_hint < 16) turns_hint = 16;
    int nn = n * n;
    b->hist = hist_array(pairwise ? nn : n, turns_hint);
    b->obs = hist_array(nn, turns_hint);
    b->unit = hist_array(nn, turns_hint);
    b->agg = hist_array(n, turns_hint);
    b->cap = turns_hint;
    b->acts = pl_malloc((size_t)b->cap * (size_t)n);
    b->intent = pl_malloc((size_t)b->cap * (size_t)n);
    b->pay = pl_malloc((size_t)b->cap * (size_t)n * sizeof *b->pay);
    b->state_cap = NSTATE_SLOT_START; /* grown to the players' states at a match's start (state_room) */
    b->state = pl_calloc((size_t)nn, sizeof *b->state);
    b->held = pl_calloc((size_t)nn, sizeof *b->held);
    b->seen = pl_calloc((size_t)nn, sizeof *b->seen);
    b->units = pl_calloc((size_t)nn, sizeof *b->units);
    if (!b->seen || !b->units || !b->hist || !b->obs || !b->unit || !b->agg || !b->acts || !b->intent || !b->pay || !b->state || !b->held) goto fail;
    for (int i = 0; i < nn; i++)
        if (!(b->state[i] = pl_aligned_alloc(64, b->state_cap))) goto fail;
    return PL_OK;
fail:
    pl_nmatch_buf_free(b);
    return PL_ENOMEM;
}

/* Gives back what a lifted two-party strategy took at its start in state slot k (a Meta
 * player's team). */
static void slot_release(pl_nmatch_buf *b, int k)
{
    const pl_strategy_def *d = b->held ? b->held[k] : NULL;
    if (d) d->release(b->state[k]);
    if (b->held) b->held[k] = NULL;
}

void pl_nmatch_buf_free(pl_nmatch_buf *b)
{
    int n = b->n, nn = n * n;
    if (b->state && b->held)
        for (int i = 0; i < nn; i++)
            if (b->state[i]) slot_release(b, i);
    pl_free(b->held);
    hist_array_free(b->hist, b->pairwise ? nn : n);
    hist_array_free(b->obs, nn);
    hist_array_free(b->unit, nn);
    hist_array_free(b->agg, n);
    pl_free(b->acts);
    pl_free(b->intent);
    pl_free(b->pay);
    if (b->state)
        for (int i = 0; i < nn; i++) pl_free(b->state[i]);
    pl_free(b->state);
    pl_free(b->seen);
    pl_free(b->units);
    memset(b, 0, sizeof *b);
}

static int buf_grow(pl_nmatch_buf *b)
{
    int cap = b->cap * 2;
    size_t n = (size_t)b->n;
    unsigned char *a = pl_realloc(b->acts, (size_t)cap * n);
    if (!a) return PL_ENOMEM;
    b->acts = a;
    unsigned char *in = pl_realloc(b->intent, (size_t)cap * n);
    if (!in) return PL_ENOMEM;
    b->intent = in;
    double *p = pl_realloc(b->pay, (size_t)cap * n * sizeof *p);
    if (!p) return PL_ENOMEM;
    b->pay = p;
    b->cap = cap;
    return PL_OK;
}

/* ---- configuration -------------------------------------------------------- */

void pl_nmatch_config_default(pl_nmatch_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->turns = 200;
    cfg->shock_party = -1;
}

int pl_nmatch_check(const pl_ngame *g, pl_nplayer *const *players, const pl_nmatch_config *cfg, pl_error *err)
{
    int n = g->n;
    if (cfg->turns < 0) return pl_error_set(err, PL_EINVAL, "turns must be 0 or more, got %d", cfg->turns);
    if (!(cfg->prob_end >= 0 && cfg->prob_end <= 1))
        return pl_error_set(err, PL_EINVAL, "the probability of ending must be in [0, 1], got %g", cfg->prob_end);
    if (cfg->turns == 0 && cfg->prob_end == 0)
        return pl_error_set(err, PL_EINVAL, "a match needs a number of turns or a probability of ending");
    if (!(cfg->noise >= 0 && cfg->noise <= 1)) return pl_error_set(err, PL_EINVAL, "noise must be in [0, 1], got %g", cfg->noise);
    if (!(cfg->obs_noise >= 0 && cfg->obs_noise <= 1))
        return pl_error_set(err, PL_EINVAL, "observation noise must be in [0, 1], got %g", cfg->obs_noise);
    if (cfg->obs_delay < 0 || cfg->obs_delay > 1000000)
        return pl_error_set(err, PL_EINVAL, "observation delay must be 0 to 1000000 turns, got %d", cfg->obs_delay);
    if (cfg->shock_party >= n) return pl_error_set(err, PL_EINVAL, "shock: no party %d in a %d-party game", cfg->shock_party, n);
    if (cfg->forced_turns < 0 || (cfg->forced_turns > 0 && !cfg->forced))
        return pl_error_set(err, PL_EINVAL, "forced actions: %d turns but no table", cfg->forced_turns);
    for (long k = 0; k < (long)cfg->forced_turns * n; k++) {
        int a = cfg->forced[k], i = (int)(k % n);
        if (a < -1 || a >= g->n_actions[i])
            return pl_error_set(err, PL_EINVAL, "forced action %d of party %d at turn %ld is not one of its %d actions", a, i,
                                k / n, g->n_actions[i]);
    }
    for (int i = 0; i < n; i++) {
        const pl_nplayer *p = players[i];
        if (!p) return pl_error_set(err, PL_EINVAL, "no player in seat %d", i);
        if (g->kind == PL_NGAME_PAIRWISE && p->n_units)
            return pl_error_set(err, PL_EINVAL, "seat %d (%s): in a pairwise game every party answers each other party; "
                                                "watch lists and blocs apply to one-action games", i, p->label);
        for (int u = 0; u < p->n_units; u++) {
            uint32_t m = p->unit_mask[u] & ~(1u << i);
            if (p->unit_mask[u] >> n)
                return pl_error_set(err, PL_EINVAL, "seat %d (%s): watches a party beyond the %d of the game", i, p->label, n);
            if (!m) return pl_error_set(err, PL_EINVAL, "seat %d (%s): a watched unit holds only the party itself", i, p->label);
        }
    }
    return PL_OK;
}

/* Resolves each seat's watch units: default = every other party on its own. */
static void resolve_units(const pl_ngame *g, pl_nplayer *const *players, pl_nmatch_buf *b)
{
    int n = g->n;
    for (int i = 0; i < n; i++) {
        const pl_nplayer *p = players[i];
        b->n_units[i] = p->n_units;
        for (int u = 0; u < p->n_units; u++) {
            b->unit_mask[i][u] = p->unit_mask[u] & ~(1u << i);
            int size = __builtin_popcount(b->unit_mask[i][u]);
            int k = p->unit_k[u];
            b->unit_k[i][u] = k <= 0 || k > size ? size : k;
        }
        int units = p->n_units ? p->n_units : n - 1;
        int k = p->agg_k;
        b->agg_k[i] = k == 0 ? units : k < 0 ? units / 2 + 1 : (k > units ? units : k);
    }
}

static inline int other_index(int self, int j) { return j < self ? j : j - 1; }

/* ---- the loop ------------------------------------------------------------ */

/* One match in progress: everything the turns share.  pl_nmatch_run keeps it on its
 * stack and plays every turn; a stepper keeps it on the heap and plays one turn per
 * call, so that a person's moves go through exactly the turn the simulations use.
 * The views point into it (the stream) and into the buffer: it must not move. */
typedef struct nm_run {
    const pl_ngame *g;
    pl_nplayer *const *players;
    const pl_nmatch_config *cfg;
    pl_nmatch_buf *b;
    pl_rng rng;
    int length, direct;
    pl_game reduced[PL_NPARTY_MAX];
    pl_view lv[PL_NPARTY_MAX * PL_NPARTY_MAX];
    pl_nview nv[PL_NPARTY_MAX];
    int defect_action[PL_NPARTY_MAX];
    int last_def[PL_NPARTY_MAX];
} nm_run;

/* slot_release for pl_slots_room */
static void slot_release_at(void *owner, int k) { slot_release(owner, k); }

/* Room in every state slot for the largest state of the players, made before any begins (the slots
 * keep the larger size).  Every slot used to be the largest state of any strategy (about 135 kB,
 * n x n of them), which under the sanitizers is a mapping of its own each, made and unmade for every
 * buffer.  PL_ENOMEM when the slots cannot grow. */
static int state_room(pl_nmatch_buf *b, pl_nplayer *const *players, int n)
{
    size_t need = 1;
    for (int i = 0; i < n; i++) {
        const pl_nplayer *p = players[i];
        size_t s = p->lifted ? pl_strategy_state_need(p->lifted) : p->ndef->state_size;
        if (s > need) need = s;
    }
    return pl_slots_room(b->state, b->n * b->n, &b->state_cap, need, slot_release_at, b);
}

/* Draws the length, clears the buffer and sets up every view and strategy state (state_room first). */
static void nm_begin(nm_run *R, const pl_ngame *g, pl_nplayer *const *players, const pl_nmatch_config *cfg,
                     pl_nmatch_buf *b)
{
    const int n = g->n, pairwise = g->kind == PL_NGAME_PAIRWISE;
    R->g = g, R->players = players, R->cfg = cfg, R->b = b;
    pl_rng_init(&R->rng, cfg->seed, cfg->stream_a, cfg->stream_b);
    R->length = pl_match_length(&R->rng, cfg->turns, cfg->prob_end);
    const int length = R->length;
    resolve_units(g, players, b);

    int nh = pairwise ? n * n : n;
    for (int k = 0; k < nh; k++) pl_history_clear(&b->hist[k]);
    for (int k = 0; k < n * n; k++) {
        pl_history_clear(&b->obs[k]);
        pl_history_clear(&b->unit[k]);
    }
    for (int k = 0; k < n; k++) pl_history_clear(&b->agg[k]);
    b->turns = 0;
    for (int i = 0; i < n; i++) b->score[i] = 0;
    /* Exact, immediate observation needs no copies: each observer reads the true records. */
    const int direct = R->direct = cfg->obs_noise == 0 && cfg->obs_delay == 0;
    for (int o = 0; o < n; o++)
        for (int r = 0; r < n - 1; r++) {
            int j = r < o ? r : r + 1;
            b->seen[o * n + r] = !direct ? &b->obs[o * n + r] : pairwise ? &b->hist[j * n + o] : &b->hist[j];
        }
    for (int o = 0; o < n; o++) {
        int units = b->n_units[o] ? b->n_units[o] : n - 1;
        for (int u = 0; u < units; u++) b->units[o * n + u] = b->n_units[o] ? &b->unit[o * n + u] : b->seen[o * n + u];
    }

    pl_game *reduced = R->reduced;
    pl_view *lv = R->lv;
    pl_nview *nv = R->nv;
    int *defect_action = R->defect_action;
    memset(R->last_def, 0, sizeof R->last_def);
    for (int i = 0; i < n; i++) {
        const pl_nplayer *p = players[i];
        defect_action[i] = g->n_actions[i] - 1;
        int targets = pairwise ? n - 1 : 1;
        for (int r = 0; r < targets; r++) {
            void *st = b->state[i * n + r];
            slot_release(b, i * n + r);
            if (p->lifted) {
                const pl_strategy_def *d = p->lifted->def;
                memset(st, 0, pl_strategy_def_clear_size(d));
                if (d->init) d->init(st, &p->lifted->params);
                if (d->release) b->held[i * n + r] = d;
            } else {
                memset(st, 0, p->ndef->state_size ? p->ndef->state_size : 1);
                if (p->ndef->init) p->ndef->init(st, &p->params);
            }
        }
        if (p->lifted) {
            pl_ngame_reduced(g, i, &reduced[i]);
            for (int r = 0; r < targets; r++) {
                int j = r < i ? r : r + 1;
                lv[i * n + r] = (pl_view){.length = cfg->prob_end > 0 ? -1 : length,
                                          .me = pairwise ? &b->hist[i * n + j] : &b->hist[i],
                                          .opp = pairwise ? b->seen[i * n + r] : &b->agg[i],
                                          .game = &reduced[i],
                                          .side = 0,
                                          .rng = &R->rng};
            }
        }
        nv[i] = (pl_nview){.length = cfg->prob_end > 0 ? -1 : length,
                           .n = n,
                           .self = i,
                           .target = -1,
                           .me = &b->hist[i],
                           .n_units = b->n_units[i] ? b->n_units[i] : n - 1,
                           .units = &b->units[i * n],
                           .n_actions = g->n_actions[i],
                           .defect_action = defect_action[i],
                           .rng = &R->rng};
    }
}

/* Plays turn b->turns.  Seat `human` (or -1: none) plays `human_action` instead of what its
 * strategy chose; the strategy still chooses, and draws, first, so that every draw of the
 * turn comes in the same order whatever the person does (a negative action: no override). */
static int nm_turn(nm_run *R, int human, int human_action, pl_error *err)
{
    const pl_ngame *g = R->g;
    pl_nplayer *const *players = R->players;
    const pl_nmatch_config *cfg = R->cfg;
    pl_nmatch_buf *b = R->b;
    const int n = g->n, pairwise = g->kind == PL_NGAME_PAIRWISE, direct = R->direct, t = b->turns;
    pl_rng *const rng = &R->rng;
    pl_view *lv = R->lv;
    pl_nview *nv = R->nv;
    const int *defect_action = R->defect_action;
    int *last_def = R->last_def;
    const double noise = cfg->noise, obs_noise = cfg->obs_noise;
    const int delay = cfg->obs_delay;
    unsigned char pact[PL_NPARTY_MAX * PL_NPARTY_MAX]; /* pairwise: [i*n+j] */
    double ppay[PL_NPARTY_MAX * PL_NPARTY_MAX];
    {
        if (t >= b->cap && buf_grow(b)) return pl_error_set(err, PL_ENOMEM, "out of memory at turn %d", t);
        unsigned char *act = b->acts + (size_t)t * n, *intent = b->intent + (size_t)t * n;
        double *pay = b->pay + (size_t)t * n;
        /* moves */
        for (int i = 0; i < n; i++) {
            const pl_nplayer *p = players[i];
            if (!pairwise) {
                int a;
                if (p->lifted) {
                    lv[i * n].turn = t;
                    a = p->lifted->def->move(b->state[i * n], &p->lifted->params, &lv[i * n]) ? defect_action[i] : 0;
                } else {
                    nv[i].turn = t;
                    nv[i].last_defecting = last_def[i];
                    a = p->ndef->move(b->state[i * n], &p->params, &nv[i]);
                    if (a < 0) a = 0;
                    if (a >= g->n_actions[i]) a = g->n_actions[i] - 1;
                }
                act[i] = intent[i] = (unsigned char)a;
            } else {
                int any = 0;
                for (int r = 0; r < n - 1; r++) {
                    int j = r < i ? r : r + 1, a;
                    if (p->lifted) {
                        lv[i * n + r].turn = t;
                        a = p->lifted->def->move(b->state[i * n + r], &p->lifted->params, &lv[i * n + r]) != 0;
                    } else {
                        nv[i].turn = t;
                        nv[i].target = r;
                        nv[i].me = &b->hist[i * n + j];
                        nv[i].last_defecting = last_def[i];
                        a = p->ndef->move(b->state[i * n + r], &p->params, &nv[i]) != 0;
                    }
                    pact[i * n + j] = (unsigned char)a;
                    any |= a;
                }
                act[i] = intent[i] = (unsigned char)any;
            }
        }
        /* a person's move replaces its seat's choice, before noise as for every party */
        if (human >= 0 && human_action >= 0) {
            act[human] = intent[human] = (unsigned char)human_action;
        }
        /* action noise, then shocks and forced actions */
        if (noise > 0) {
            for (int i = 0; i < n; i++) {
                if (!pairwise) {
                    if (pl_rng_bernoulli(rng, noise)) {
                        int m = g->n_actions[i];
                        act[i] = m == 2 ? act[i] ^ 1 : (unsigned char)((act[i] + 1 + pl_rng_below(rng, (uint64_t)(m - 1))) % m);
                    }
                } else
                    for (int j = 0; j < n; j++)
                        if (j != i && pl_rng_bernoulli(rng, noise)) pact[i * n + j] ^= 1;
            }
        }
        for (int i = 0; i < n; i++) {
            int forced = -1;
            if (t < cfg->forced_turns) forced = cfg->forced[(size_t)t * n + i];
            if (i == cfg->shock_party && t == cfg->shock_turn) forced = defect_action[i];
            if (forced < 0) continue;
            act[i] = (unsigned char)forced;
            if (pairwise)
                for (int j = 0; j < n; j++)
                    if (j != i) pact[i * n + j] = (unsigned char)forced;
        }
        /* payoffs and true records */
        if (!pairwise) {
            pl_ngame_payoffs_u8(g, act, pay);
            for (int i = 0; i < n; i++)
                if (pl_history_push(&b->hist[i], !g->coop[i][act[i]], pay[i])) goto nomem;
        } else {
            for (int i = 0; i < n; i++) pay[i] = 0;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++) {
                    int x = pact[i * n + j], y = pact[j * n + i];
                    ppay[i * n + j] = g->pair.payoff[x][y][0];
                    ppay[j * n + i] = g->pair.payoff[x][y][1];
                    pay[i] += ppay[i * n + j];
                    pay[j] += ppay[j * n + i];
                }
            for (int i = 0; i < n; i++) {
                int any = 0;
                for (int j = 0; j < n; j++)
                    if (j != i) {
                        any |= pact[i * n + j];
                        if (pl_history_push(&b->hist[i * n + j], pact[i * n + j], ppay[i * n + j])) goto nomem;
                    }
                act[i] = (unsigned char)any;
            }
        }
        for (int i = 0; i < n; i++) b->score[i] += pay[i];
        /* what each party sees of the others */
        int seen_t = t - delay;
        if (direct) {
            int total = 0;
            if (!pairwise)
                for (int j = 0; j < n; j++) total += !g->coop[j][act[j]];
            for (int o = 0; o < n; o++) {
                int defecting = 0;
                if (!pairwise) defecting = total - !g->coop[o][act[o]];
                else
                    for (int j = 0; j < n; j++)
                        if (j != o) defecting += pact[j * n + o];
                last_def[o] = defecting;
            }
        } else
            for (int o = 0; o < n; o++) {
                int defecting = 0;
                for (int j = 0; j < n; j++) {
                    if (j == o) continue;
                    int bit = 0;
                    double py = 0;
                    if (seen_t >= 0) {
                        const pl_history *src = pairwise ? &b->hist[j * n + o] : &b->hist[j];
                        bit = pl_hist_at(src, seen_t);
                        py = pairwise ? (seen_t == t ? ppay[j * n + o] : 0) : b->pay[(size_t)seen_t * n + j];
                    }
                    if (obs_noise > 0 && pl_rng_bernoulli(rng, obs_noise)) bit ^= 1;
                    defecting += bit;
                    if (pl_history_push(&b->obs[o * n + other_index(o, j)], bit, py)) goto nomem;
                }
                last_def[o] = defecting;
            }
        if (!pairwise)
            for (int o = 0; o < n; o++) {
                int units = b->n_units[o];
                if (units) {
                    int defecting = 0;
                    for (int u = 0; u < units; u++) {
                        uint32_t m = b->unit_mask[o][u];
                        int cnt = 0, members = 0;
                        double py = 0;
                        for (int j = 0; j < n; j++)
                            if (m >> j & 1) {
                                const pl_history *h = b->seen[o * n + other_index(o, j)];
                                cnt += pl_hist_ago(h, 1);
                                py += seen_t >= 0 ? b->pay[(size_t)seen_t * n + j] : 0;
                                members++;
                            }
                        int bit = cnt >= b->unit_k[o][u];
                        defecting += bit;
                        if (pl_history_push(&b->unit[o * n + u], bit, py / members)) goto nomem;
                    }
                    last_def[o] = defecting;
                } else
                    units = n - 1;
                if (players[o]->lifted) {
                    /* the aggregate's payoff: the mean of what the watched units got */
                    double py = 0;
                    if (b->n_units[o]) {
                        for (int u = 0; u < units; u++) {
                            uint32_t m = b->unit_mask[o][u];
                            double s = 0;
                            int members = 0;
                            for (int j = 0; j < n; j++)
                                if (m >> j & 1) s += seen_t >= 0 ? b->pay[(size_t)seen_t * n + j] : 0, members++;
                            py += s / members;
                        }
                    } else
                        for (int j = 0; j < n; j++)
                            if (j != o) py += seen_t >= 0 ? b->pay[(size_t)seen_t * n + j] : 0;
                    py /= units;
                    if (pl_history_push(&b->agg[o], last_def[o] >= b->agg_k[o], py)) goto nomem;
                }
            }
        b->turns = t + 1;
    }
    return PL_OK;
nomem:
    return pl_error_set(err, PL_ENOMEM, "out of memory");
}

int pl_nmatch_run(const pl_ngame *g, pl_nplayer *const *players, const pl_nmatch_config *cfg, pl_nmatch_buf *b,
                  pl_error *err)
{
    nm_run R;
    if (state_room(b, players, g->n)) return pl_error_set(err, PL_ENOMEM, "out of memory for the players' states");
    nm_begin(&R, g, players, cfg, b);
    for (int t = 0; t < R.length; t++) {
        int rc = nm_turn(&R, -1, -1, err);
        if (rc) return rc;
    }
    /* a lifted player made of others (a Meta player) that ran out of memory played on without it */
    for (int k = 0; k < b->n * b->n; k++)
        if (b->held[k] && pl_strategy_def_failed(b->held[k], b->state[k]))
            return pl_error_set(err, PL_ENOMEM, "out of memory for a Meta player's team");
    return PL_OK;
}

/* Party i cooperated at turn t: its cooperative action, or, pairwise, no defection toward anyone.
 * For the stepper and the result alike. */
static int buf_cooperated(const pl_nmatch_buf *b, int i, int t)
{
    if (b->pairwise) return !b->acts[(size_t)t * b->n + i];
    return !pl_hist_at(&b->hist[i], t);
}

/* ---- the stepper: one turn per call, through nm_turn ---------------------- */

struct pl_nmatch_stepper {
    nm_run run;        /* first: the views point into it, and the stepper never moves */
    pl_nmatch_buf buf;
    pl_nmatch_config cfg;
    pl_ngame *game;
    pl_nplayer *players[PL_NPARTY_MAX];
    int *forced;
    int seat;
};

int pl_nmatch_stepper_create(pl_nmatch_stepper **out, const pl_ngame *g, pl_nplayer *const *players,
                             const pl_nmatch_config *cfg, int seat, pl_error *err)
{
    *out = NULL;
    int rc = pl_nmatch_check(g, players, cfg, err);
    if (rc) return rc;
    if (seat < 0 || seat >= g->n) return pl_error_set(err, PL_EINVAL, "no seat %d in a %d-party game", seat, g->n);
    if (g->kind == PL_NGAME_PAIRWISE)
        return pl_error_set(err, PL_EINVAL, "a pairwise game cannot be stepped by hand: each party acts toward each "
                                            "other party separately, and a move here is one action");
    pl_nmatch_stepper *st = pl_calloc(1, sizeof *st);
    if (!st) return pl_error_set(err, PL_ENOMEM, "out of memory");
    st->seat = seat;
    st->cfg = *cfg;
    st->game = pl_ngame_clone(g);
    int ok = st->game != NULL;
    for (int i = 0; i < g->n && ok; i++) ok = (st->players[i] = pl_nplayer_clone(players[i])) != NULL;
    if (ok && cfg->forced_turns > 0) {
        size_t k = (size_t)cfg->forced_turns * (size_t)g->n;
        ok = (st->forced = pl_malloc(k * sizeof *st->forced)) != NULL;
        if (ok) memcpy(st->forced, cfg->forced, k * sizeof *st->forced);
        st->cfg.forced = st->forced;
    }
    if (ok) ok = !pl_nmatch_buf_init(&st->buf, g->n, g->kind == PL_NGAME_PAIRWISE, cfg->turns > 0 ? cfg->turns : PL_NMATCH_BUF_TURNS) &&
                 !state_room(&st->buf, st->players, g->n);
    else st->buf.n = 0;
    if (!ok) {
        pl_nmatch_stepper_free(st);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    nm_begin(&st->run, st->game, st->players, &st->cfg, &st->buf);
    *out = st;
    return PL_OK;
}

void pl_nmatch_stepper_free(pl_nmatch_stepper *st)
{
    if (!st) return;
    if (st->buf.n) pl_nmatch_buf_free(&st->buf);
    for (int i = 0; i < PL_NPARTY_MAX; i++) pl_nplayer_free(st->players[i]);
    pl_ngame_free(st->game);
    pl_free(st->forced);
    pl_free(st);
}

int pl_nmatch_stepper_step(pl_nmatch_stepper *st, int action, pl_error *err)
{
    if (st->buf.turns >= st->run.length)
        return pl_error_set(err, PL_EINVAL, "the match is over after %d turns", st->run.length);
    if (action < -1 || action >= st->game->n_actions[st->seat])
        return pl_error_set(err, PL_EINVAL, "action %d is not one of the %d of party %d", action,
                            st->game->n_actions[st->seat], st->seat);
    return nm_turn(&st->run, st->seat, action, err);
}

int pl_nmatch_stepper_seat(const pl_nmatch_stepper *st) { return st->seat; }
int pl_nmatch_stepper_turn(const pl_nmatch_stepper *st) { return st->buf.turns; }
int pl_nmatch_stepper_length(const pl_nmatch_stepper *st) { return st->run.length; }
int pl_nmatch_stepper_done(const pl_nmatch_stepper *st) { return st->buf.turns >= st->run.length; }
int pl_nmatch_stepper_forced(const pl_nmatch_stepper *st, int i, int t)
{
    int f = t < st->cfg.forced_turns ? st->cfg.forced[(size_t)t * st->buf.n + i] : -1;
    if (i == st->cfg.shock_party && t == st->cfg.shock_turn) f = st->run.defect_action[i];
    return f;
}
int pl_nmatch_stepper_action(const pl_nmatch_stepper *st, int i, int t) { return st->buf.acts[(size_t)t * st->buf.n + i]; }
int pl_nmatch_stepper_intent(const pl_nmatch_stepper *st, int i, int t) { return st->buf.intent[(size_t)t * st->buf.n + i]; }
double pl_nmatch_stepper_payoff(const pl_nmatch_stepper *st, int i, int t) { return st->buf.pay[(size_t)t * st->buf.n + i]; }
int pl_nmatch_stepper_cooperated(const pl_nmatch_stepper *st, int i, int t) { return buf_cooperated(&st->buf, i, t); }
double pl_nmatch_stepper_score(const pl_nmatch_stepper *st, int i) { return st->buf.score[i]; }
const pl_ngame *pl_nmatch_stepper_game(const pl_nmatch_stepper *st) { return st->game; }

/* ---- results ------------------------------------------------------------- */

struct pl_nmatch_result {
    pl_nmatch_buf buf;
    int n_actions[PL_NPARTY_MAX];
    unsigned char coop[PL_NPARTY_MAX][PL_NPARTY_MAX_ACTIONS];
};

int pl_nmatch_play(const pl_ngame *g, pl_nplayer *const *players, const pl_nmatch_config *cfg, pl_nmatch_result **out,
                   pl_error *err)
{
    *out = NULL;
    int rc = pl_nmatch_check(g, players, cfg, err);
    if (rc) return rc;
    pl_nmatch_result *r = pl_calloc(1, sizeof *r);
    if (!r) return pl_error_set(err, PL_ENOMEM, "out of memory");
    if (pl_nmatch_buf_init(&r->buf, g->n, g->kind == PL_NGAME_PAIRWISE, cfg->turns > 0 ? cfg->turns : PL_NMATCH_BUF_TURNS)) {
        pl_free(r);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    memcpy(r->n_actions, g->n_actions, sizeof r->n_actions);
    memcpy(r->coop, g->coop, sizeof r->coop);
    rc = pl_nmatch_run(g, players, cfg, &r->buf, err);
    if (rc) {
        pl_nmatch_result_free(r);
        return rc;
    }
    *out = r;
    return PL_OK;
}

void pl_nmatch_result_free(pl_nmatch_result *r)
{
    if (!r) return;
    pl_nmatch_buf_free(&r->buf);
    pl_free(r);
}

int pl_nmatch_result_turns(const pl_nmatch_result *r) { return r->buf.turns; }
int pl_nmatch_result_parties(const pl_nmatch_result *r) { return r->buf.n; }
int pl_nmatch_result_action(const pl_nmatch_result *r, int i, int t) { return r->buf.acts[(size_t)t * r->buf.n + i]; }
int pl_nmatch_result_intent(const pl_nmatch_result *r, int i, int t) { return r->buf.intent[(size_t)t * r->buf.n + i]; }
double pl_nmatch_result_score(const pl_nmatch_result *r, int i) { return r->buf.score[i]; }

int pl_nmatch_result_action_toward(const pl_nmatch_result *r, int i, int j, int t)
{
    if (!r->buf.pairwise) return pl_nmatch_result_action(r, i, t);
    return pl_hist_at(&r->buf.hist[i * r->buf.n + j], t);
}

int pl_nmatch_result_cooperated(const pl_nmatch_result *r, int i, int t) { return buf_cooperated(&r->buf, i, t); }

void pl_nmatch_result_actions(const pl_nmatch_result *r, int i, char *out)
{
    int T = r->buf.turns;
    for (int t = 0; t < T; t++) {
        int a = pl_nmatch_result_action(r, i, t);
        out[t] = r->n_actions[i] == 2 ? (a ? 'D' : 'C') : "0123456789abcdef"[a & 15];
    }
    out[T] = '\0';
}
