// SPDX-License-Identifier: MIT
/* agreement_fork.c — points that move only a draw's threshold, or only the priors over the parties' types,
 * played with the baseline's runs and forked from them where they first come out differently (the
 * sensitivity analyses' shared evaluator: pl_eval_agreement_shared, scenario/scenario.h).
 *
 * Which points: those whose compiled variants (pl_ag_compile: everything a run reads) are the
 * baseline's but for the verifiers' chance of confirming a period (p_confirm, read only where a
 * verification delay is drawn) and the shocks' rates (read only by pl_ag_draw's schedule), or but for
 * the priors (opt_cum: read by the types drawn and the beliefs a run opens with).  The rule is the
 * comparison of the compiled tables, byte for byte, not a list of names: a range that moves anything else a
 * run reads makes its points ordinary ones (evaluated as today, one by one).
 *
 * Such a point's run is the baseline's run until the first draw that comes out differently (the draws
 * are counter-based: the same uniforms in the same order).  The watch (pl_ag_watch in the run state,
 * agreement_simulate.c) tells, as the baseline's run goes:
 * - at each verification delay drawn, the points whose own p_confirm gives another delay from the same
 *   uniform;
 * - at each read of the shock schedule (an opening's occurrences, the test of a run at rest, a quiet
 *   stretch's end), the points whose own schedule (their own pl_ag_draw, whose other draws are the
 *   baseline's) answers otherwise.  A run reads its schedule only there and in its opening, where
 *   only an occurrence in period 0 is read: schedules that differ from such an occurrence on (`m`, the
 *   first occurrence at which they differ) part there.
 * A point whose priors differ draws the run's types or not (from the same uniforms): where not, it plays
 * its run whole.  Where it does, its run reads its priors only through its beliefs, those only through
 * its expectations, and those only through the logit chances of the steps whose worths read them: the
 * watch of the beliefs (pl_ag_type_watch in the state) carries its beliefs and expectations beside the
 * run's, makes its chances where its expectations differ, and tells where a choice drawn for such a step
 * (a decision, or a period a quiet stretch or a run at rest skips) comes out otherwise under them.
 * The baseline's run goes stretch by stretch (a stretch: one pl_ag_period_next and the decisions after,
 * as run_periods in agreement_simulate.c goes, cut at completion with the payoffs not added up).  While a
 * point that moves a draw is still its, the state at each stretch's start is kept; otherwise, where a point
 * parts, the baseline's run is played again to that stretch's start (its runs are deterministic: a point
 * that moves only priors parts in about one run in a hundred after its opening).  After a stretch in which a
 * point's draw, a read of its schedule or one of its choices differed, the point's run goes on from that
 * state (a typed point's beliefs, expectations and chances put in: watch_state) under its own compiled
 * variant and draws, to its end; a point whose run never parts takes the baseline's completion.  A
 * difference in the opening (before the first stretch) plays the point whole.
 * So each point's completion is the one pl_ag_completion_of gives it, and its tallies (completions and
 * the paired ones: integers, summed in any order) the same whatever the thread count. */
#include <assert.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "agreement/agreement.h"
#include "agreement/agreement_output.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_policy.h"
#include "scenario/scenario.h"

/* A run between stretches copied (the state kept at a stretch's start, a fork from it): the public
 * state as the openings are copied (pl_ag_state_copy: what a run of c reads), the simulator's fields
 * beside it, and the flows a shock made (rows of c's steps; read only where a shock is on).  Of the
 * outcome, a run cut at completion with its payoffs not added up (R.unpaid) reads only the completion,
 * -1 at a stretch's start (else the run ended): the rest it only writes, and nobody reads it here. */
#define FOLLOWS(a, b) (offsetof(pl_ag_run_state, b) == offsetof(pl_ag_run_state, a) + sizeof(((pl_ag_run_state *)0)->a))
_Static_assert(offsetof(pl_ag_run_state, st) == 0 && FOLLOWS(flow_on, next_event),
               "loop_copy copies the run state's fields in three parts: the state, up to flow_on, after it");
#undef FOLLOWS
static void loop_copy(const pl_ag_compiled *c, pl_ag_loop *to, const pl_ag_loop *from)
{
    pl_ag_state_copy(c, &to->R.st, &from->R.st);
    const size_t mid = sizeof(pl_ag_state), rows = offsetof(pl_ag_run_state, flow_on),
                 tail = offsetof(pl_ag_run_state, next_event);
    memcpy((char *)&to->R + mid, (const char *)&from->R + mid, rows - mid);
    if (from->R.st.shock_on)
        for (int s = 0; s < c->n_steps; s++) memcpy(to->R.flow_on[s], from->R.flow_on[s], sizeof from->R.flow_on[s]);
    memcpy((char *)&to->R + tail, (const char *)&from->R + tail, sizeof(pl_ag_run_state) - tail);
    to->o.complete_t = -1;
    to->all = from->all;
    to->until = from->until, to->force = from->force, to->rev = from->rev;
}

/* What run_forked keeps beside the runs: the loops (L the baseline's; snap, fork scratch), the watch of
 * the beliefs, and what it held at the stretch's start for each point (held: the same fields). */
typedef struct fork_scratch {
    pl_ag_loop L, snap, fork;
    pl_ag_type_watch tw, held;
} fork_scratch;

/* Point k's part of a watch (its beliefs, expectations, the steps reading those that differ, its chances)
 * copied from `from` into `to`: every entry its run reads. */
static void watch_copy(const pl_ag_compiled *c, pl_ag_type_watch *to, const pl_ag_type_watch *from, int k)
{
    for (uint32_t q = from->parties[k]; q; q &= q - 1) {
        const int j = __builtin_ctz(q);
        memcpy(to->belief[k][j], from->belief[k][j], (size_t)c->n_opt[j] * sizeof to->belief[k][j][0]);
        to->answer[k][j] = from->answer[k][j], to->reads_of[k][j] = from->reads_of[k][j];
        for (pl_bits m = c->maybe_never & c->own[j]; m; m &= m - 1)
            to->would_do[k][__builtin_ctzll(m)] = from->would_do[k][__builtin_ctzll(m)];
    }
    to->parties[k] = from->parties[k], to->reads[k] = from->reads[k];
    to->acts[k] = from->acts[k];
    for (pl_bits m = from->acts[k]; m; m &= m - 1) to->chance[k][__builtin_ctzll(m)] = from->chance[k][__builtin_ctzll(m)];
}

/* The state of point k's own run, made from the baseline's at the same moment (st, a copy) and what the watch
 * held of the point then (w): its beliefs and expectations about the parties whose priors differ, the chances
 * of its last plans' logit choices that read one of those expectations that differs, and no chance kept
 * (cached) for a step whose worth reads one: the rest of a point's run that has not parted is the run's. */
static void watch_state(const pl_ag_compiled *c, pl_ag_state *st, const pl_ag_type_watch *w, int k)
{
    for (uint32_t q = w->parties[k]; q; q &= q - 1) {
        const int j = __builtin_ctz(q);
        memcpy(st->belief[j], w->belief[k][j], (size_t)c->n_opt[j] * sizeof st->belief[j][0]);
        st->would_answer[j] = w->answer[k][j];
        for (pl_bits m = c->maybe_never & c->own[j]; m; m &= m - 1)
            st->would_do[__builtin_ctzll(m)] = w->would_do[k][__builtin_ctzll(m)];
    }
    st->pi_ok_start &= ~w->reads[k], st->pi_ok_keep &= ~w->reads[k];
    for (pl_bits m = w->acts[k]; m; m &= m - 1) st->p_act[__builtin_ctzll(m)] = w->chance[k][__builtin_ctzll(m)];
}

/* Whether typed point k's run (its compiled variant p, its priors differing in the parties of `parties`) opens as
 * the baseline's opened (L): the same types drawn and, with behaviour, the opening's choices drawn the same under
 * the point's chances; its part of the watch (its priors, the expectations they give where the opening made
 * the run's, its chances) made in w. */
static int opens_the_same(const pl_ag_compiled *c0, const pl_ag_compiled *p, const pl_ag_draws *d, pl_ag_loop *L,
                          uint32_t parties, pl_ag_type_watch *w, int k)
{
    pl_ag_state *st = &L->R.st;
    for (int j = 0; j < c0->n_parties; j++)
        if (pl_ag_type_drawn(p, j, d->u_type[j]) != st->type[j]) return 0;
    w->parties[k] = parties, w->reads[k] = w->acts[k] = 0;
    if (!c0->behave) return 1; /* (no beliefs: the priors draw the types, nothing else) */
    for (uint32_t b = parties; b; b &= b - 1) w->reads_of[k][__builtin_ctz(b)] = 0; /* (all, before any is made) */
    for (uint32_t b = parties; b; b &= b - 1) {
        const int j = __builtin_ctz(b);
        pl_ag_prior_of(p, j, w->belief[k][j]);
        /* the expectations the opening made (a party's still to be made: where the run makes its own) */
        if (!(st->bel_dirty >> j & 1)) pl_ag_watch_expect(c0, st, w, k, j);
    }
    if (!w->reads[k]) return 1;
    /* the opening's decisions (period 0's), drawn against the point's chances too */
    const uint32_t bit = 1u << k, pending = w->pending, differs = w->differs;
    w->pending = bit, w->differs = 0, st->type_watch = w;
    pl_ag_watch_chances(c0, st, st->agg_cs_start, st->agg_ck_keep);
    pl_ag_watch_draws(st, st->t, st->t);
    const int same = !w->differs;
    st->type_watch = NULL, w->pending = pending, w->differs = differs;
    return same;
}

/* The baseline's run of one variant (c0, d0) and n points' (c[k], d[k]; m[k] the first occurrence at
 * which the point's schedule differs, INT_MAX none; watched: the points whose delays differ; typed: the
 * points whose priors differ, parties[k] the parties whose): each point's completion into out[k] (-1
 * none); returns the baseline's. */
static int run_forked(const pl_ag_compiled *c0, const pl_ag_draws *d0, int n, const pl_ag_compiled *const *c,
                      const pl_ag_draws *const *d, const int *m, uint32_t watched, uint32_t typed, const uint32_t *parties,
                      int *out, fork_scratch *x)
{
    pl_ag_loop *const L = &x->L, *const snap = &x->snap, *const fork = &x->fork;
    pl_ag_type_watch *const tw = &x->tw;
    uint32_t pending = n ? (uint32_t)(((uint64_t)1 << n) - 1) : 0, parted = 0;
    int live = pl_ag_loop_begin(c0, d0, L);
    /* the opening (no watch: pl_ag_begin clears it): a delay drawn (none can be: nothing is done yet), or
     * schedules that differ from an occurrence in period 0 (the opening reads the schedule only there), or
     * other types drawn, or period 0's choices drawn otherwise (opens_the_same) */
    if (L->R.ver_drawn || memcmp(&L->R.late, &d0->late, sizeof d0->late)) parted |= watched;
    for (int k = 0; k < n; k++)
        if (m[k] < INT_MAX && ((m[k] < d0->n_occ && d0->occ_t[m[k]] == 0) || (m[k] < d[k]->n_occ && d[k]->occ_t[m[k]] == 0)))
            parted |= 1u << k;
    tw->pending = tw->differs = 0;
    for (uint32_t b = typed & ~parted; b; b &= b - 1) {
        const int k = __builtin_ctz(b);
        if (!opens_the_same(c0, c[k], d0, L, parties[k], tw, k)) parted |= 1u << k;
    }
    for (uint32_t b = parted; b; b &= b - 1) {
        int k = __builtin_ctz(b);
        pl_ag_outcome o;
        out[k] = pl_ag_completion_of(c[k], d[k], &o);
    }
    pending &= ~parted;
    pl_ag_watch w;
    uint32_t shocks = 0;
    for (int k = 0; k < n; k++) w.point[k] = c[k], w.draws[k] = d[k], shocks |= (uint32_t)(m[k] < INT_MAX) << k;
    int played = 0; /* the baseline's stretches */
    while (live && pending) {
        /* the state at the stretch's start kept while a point that moves a draw is pending (those part in many
         * runs); a point that moves only priors parts in few, and its state is played again where it does */
        const int kept = (pending & (watched | shocks)) != 0;
        if (kept) loop_copy(c0, snap, L);
        tw->pending = pending & typed, tw->differs = 0;
        for (uint32_t b = tw->pending; b; b &= b - 1) watch_copy(c0, &x->held, tw, __builtin_ctz(b)); /* as at the stretch's start */
        w.pending = pending & watched, w.shocks = pending & shocks, w.differs = 0;
        L->R.watch = &w;
        L->R.st.type_watch = tw->pending ? tw : NULL;
        live = pl_ag_loop_stretch(c0, d0, L);
        L->R.watch = NULL, L->R.st.type_watch = NULL;
        parted = w.differs | tw->differs;
        if (parted && !kept) { /* the baseline's run again to the stretch's start (its runs are deterministic) */
            pl_ag_loop_begin(c0, d0, snap);
            for (int i = 0; i < played; i++) pl_ag_loop_stretch(c0, d0, snap);
        }
        played++;
        for (uint32_t b = parted; b; b &= b - 1) { /* from the stretch's start, the point's own */
            int k = __builtin_ctz(b);
            pl_ag_loop *f = snap; /* the last to part here goes on from the kept state itself */
            if (b & (b - 1)) loop_copy(c0, fork, snap), f = fork;
            f->R.watch = NULL, f->R.st.type_watch = NULL;
            if (typed >> k & 1) watch_state(c0, &f->R.st, &x->held, k); /* a typed point's own state */
            while (pl_ag_loop_stretch(c[k], d[k], f)) continue;
            out[k] = f->o.complete_t;
        }
        pending &= ~parted;
    }
    while (live) live = pl_ag_loop_stretch(c0, d0, L);
    for (uint32_t b = pending; b; b &= b - 1) out[__builtin_ctz(b)] = L->o.complete_t; /* never parted */
    return L->o.complete_t;
}

/* ---- the evaluator ---------------------------------------------------------- */

/* The evaluations played together: [0] the baseline, [1 + k] point k. */
typedef struct fork_job {
    int n, nv;                                     /* points, variants */
    const pl_ag_compiled *c[1 + PL_AG_WATCH_MAX];  /* each nv compiled variants */
    uint32_t shocks;                               /* the points whose schedules may differ */
    uint32_t watched[PL_AG_MAX_VARIANTS];          /* per variant, the points whose delays may differ */
    uint32_t typed[PL_AG_MAX_VARIANTS];            /* ... those whose priors differ */
    uint32_t parties[PL_AG_MAX_VARIANTS][PL_AG_WATCH_MAX]; /* ... and the parties whose priors differ */
    uint64_t seed;
    /* the totals: completions, and d completed where e did not */
    uint64_t success[1 + PL_AG_WATCH_MAX][PL_AG_MAX_VARIANTS];
    uint64_t only[1 + PL_AG_WATCH_MAX][PL_AG_MAX_VARIANTS][PL_AG_MAX_VARIANTS];
} fork_job;

#define DONE_WORDS (PL_AG_ORDER_MAX / 64) /* the longest block's, a bit a run */
/* The runs of a block are played a chunk at a time, every variant in turn on the chunk, the draws made once
 * for all of them: the baseline's, and those of each point whose shocks' schedule differs (dk: a chunk's
 * for each such point, in the order of the points). */
#define FORK_CHUNK 64
typedef struct fork_worker {
    fork_scratch x;
    pl_ag_draws d0[FORK_CHUNK], *dk;
    int m[FORK_CHUNK][PL_AG_WATCH_MAX]; /* the first occurrence at which point k's schedule differs (INT_MAX none) */
    uint64_t success[1 + PL_AG_WATCH_MAX][PL_AG_MAX_VARIANTS];
    uint64_t only[1 + PL_AG_WATCH_MAX][PL_AG_MAX_VARIANTS][PL_AG_MAX_VARIANTS];
    uint64_t *done;        /* a block's completions, a bit a run: [1 + n][nv][DONE_WORDS] (done_at) */
    pl_ag_run_order order; /* the order the block's runs are played in */
} fork_worker;

static int fork_open(void *ctx, void **state, pl_error *err)
{
    const fork_job *j = ctx;
    fork_worker *w = pl_calloc(1, sizeof *w);
    const size_t shocked = (size_t)__builtin_popcount(j->shocks) * FORK_CHUNK;
    if (!w || !(w->done = pl_calloc((size_t)(1 + j->n) * (size_t)j->nv * DONE_WORDS, sizeof *w->done)) ||
        (shocked && !(w->dk = pl_malloc(shocked * sizeof *w->dk)))) {
        if (w) pl_free(w->done);
        pl_free(w);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    *state = w;
    return PL_OK;
}

/* The completions of evaluation i (0 the baseline, 1 + k point k) under variant v, a bit a run of the block. */
static inline uint64_t *done_at(const fork_job *j, const fork_worker *w, int i, int v)
{
    return w->done + ((size_t)i * (size_t)j->nv + (size_t)v) * DONE_WORDS;
}

static void fork_close(void *ctx, void *state)
{
    fork_job *j = ctx;
    fork_worker *w = state;
    for (int i = 0; i <= j->n; i++)
        for (int v = 0; v < j->nv; v++) {
            j->success[i][v] += w->success[i][v];
            for (int x = 0; x < j->nv; x++) j->only[i][v][x] += w->only[i][v][x];
        }
    pl_free(w->done), pl_free(w->dk);
    pl_free(w);
}

/* The first occurrence at which two schedules differ (INT_MAX: the same). */
static int first_difference(const pl_ag_draws *a, const pl_ag_draws *b)
{
    int n = a->n_occ < b->n_occ ? a->n_occ : b->n_occ;
    for (int i = 0; i < n; i++)
        if (a->occ_t[i] != b->occ_t[i] || a->occ_shock[i] != b->occ_shock[i]) return i;
    return a->n_occ == b->n_occ ? INT_MAX : n;
}

/* Runs [lo, hi) (a block of the pool's, PL_AG_ORDER_MAX runs at most), in the order of the types they draw
 * and a chunk of them at a time, variant by variant on each chunk, as the simulator's work goes
 * (agreement_simulate.c: one variant's tables, the baseline's and its points', in the caches at a time; the
 * chunk's draws made once for every variant),
 * each run's completions kept a bit a run for the tallies (integers: neither the order nor the blocks
 * matter). */
static int fork_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)slot, (void)err;
    fork_job *j = ctx;
    fork_worker *w = state;
    const int n = j->n, nv = j->nv;
    const size_t words = (size_t)(hi - lo + 63) / 64;
    assert(hi - lo <= PL_AG_ORDER_MAX);
    for (int i = 0; i <= n; i++)
        for (int v = 0; v < nv; v++) memset(done_at(j, w, i, v), 0, words * sizeof *w->done);
    pl_ag_order_by_types(&j->c[0][0], j->seed, lo, (int)(hi - lo), &w->order);
    const int runs = (int)(hi - lo);
    pl_ag_draws *dk[PL_AG_WATCH_MAX] = {0}; /* the chunk's draws of each point whose schedule differs */
    for (int k = 0, at = 0; k < n; k++)
        if (j->shocks >> k & 1) dk[k] = w->dk + (size_t)FORK_CHUNK * (size_t)at++;
    for (int i0 = 0; i0 < runs; i0 += FORK_CHUNK) {
        const int cn = runs - i0 < FORK_CHUNK ? runs - i0 : FORK_CHUNK;
        for (int i = 0; i < cn; i++) { /* the draws of variant 0's tables, as the simulator's */
            const uint64_t run = lo + w->order.run[i0 + i];
            pl_ag_draw(&j->c[0][0], j->seed, run, &w->d0[i]);
            for (int k = 0; k < n; k++) {
                w->m[i][k] = INT_MAX;
                if (dk[k]) {
                    pl_ag_draw(&j->c[1 + k][0], j->seed, run, &dk[k][i]);
                    w->m[i][k] = first_difference(&w->d0[i], &dk[k][i]);
                }
            }
        }
        for (int v = 0; v < nv; v++) {
            const pl_ag_compiled *c[PL_AG_WATCH_MAX];
            for (int k = 0; k < n; k++) c[k] = &j->c[1 + k][v];
            for (int i = 0; i < cn; i++) {
                const uint64_t run = lo + w->order.run[i0 + i];
                const pl_ag_draws *d[PL_AG_WATCH_MAX];
                int out[PL_AG_WATCH_MAX];
                for (int k = 0; k < n; k++) d[k] = dk[k] ? &dk[k][i] : &w->d0[i];
                const size_t at = (size_t)(run - lo) / 64;
                const int shift = (int)((run - lo) % 64);
                const int base = run_forked(&j->c[0][v], &w->d0[i], n, c, d, w->m[i], j->watched[v], j->typed[v], j->parties[v], out,
                                            &w->x) >= 0;
                w->success[0][v] += (uint64_t)base, done_at(j, w, 0, v)[at] |= (uint64_t)base << shift;
                for (int k = 0; k < n; k++)
                    w->success[1 + k][v] += (uint64_t)(out[k] >= 0), done_at(j, w, 1 + k, v)[at] |= (uint64_t)(out[k] >= 0) << shift;
            }
        }
    }
    for (int i = 0; i <= n; i++)
        for (int v = 0; v < nv; v++)
            for (int x = 0; x < nv; x++) /* the paired tallies: the same run under two designs */
                w->only[i][v][x] += pl_ag_only_completed(done_at(j, w, i, v), done_at(j, w, i, x), words);
    return PL_OK;
}

/* Whether compiled variant p differs from b only in the draws' thresholds: 1 (and in which), else 0. */
static int draw_only(const pl_ag_compiled *b, const pl_ag_compiled *p, pl_ag_compiled *t, int *confirm, int *shocks)
{
    *t = *p; /* (t: scratch) */
    memcpy(t->p_confirm, b->p_confirm, sizeof t->p_confirm), memcpy(t->log_q_confirm, b->log_q_confirm, sizeof t->log_q_confirm);
    memcpy(t->confirm_geo, b->confirm_geo, sizeof t->confirm_geo); /* made from them */
    memcpy(t->shock_p, b->shock_p, sizeof t->shock_p), memcpy(t->shock_log_q, b->shock_log_q, sizeof t->shock_log_q);
    if (memcmp(t, b, sizeof *t)) return 0;
    *confirm = memcmp(p->p_confirm, b->p_confirm, sizeof t->p_confirm) || memcmp(p->log_q_confirm, b->log_q_confirm, sizeof t->log_q_confirm);
    *shocks = memcmp(p->shock_p, b->shock_p, sizeof t->shock_p) || memcmp(p->shock_log_q, b->shock_log_q, sizeof t->shock_log_q);
    return 1;
}

/* Whether compiled variant p differs from b only in the priors over the parties' types (the draws of the types
 * and the beliefs they open with): 1, and the parties whose priors differ in *parties, else 0. */
static int priors_only(const pl_ag_compiled *b, const pl_ag_compiled *p, pl_ag_compiled *t, uint32_t *parties)
{
    *t = *p; /* (t: scratch) */
    memcpy(t->opt_cum, b->opt_cum, sizeof t->opt_cum);
    if (memcmp(t, b, sizeof *t)) return 0;
    *parties = 0;
    for (int q = 0; q < b->n_parties; q++)
        if (memcmp(p->opt_cum[q], b->opt_cum[q], sizeof p->opt_cum[q])) *parties |= 1u << q;
    return 1;
}

static void result_of(const pl_agreement *a, const fork_job *j, int i, uint64_t runs, pl_eval_result *out)
{
    pl_ag_eval_result_begin(a, runs, j->seed, out);
    for (int v = 0; v < j->nv; v++) {
        out->success[v] = j->success[i][v];
        for (int x = 0; x < j->nv; x++) out->only[v][x] = j->only[i][v][x];
    }
}

int pl_eval_agreement_shared(const pl_ydoc *base, const pl_ydoc *const *points, int n, const pl_eval_config *ec,
                             pl_eval_result *base_out, pl_eval_result *points_out, int *shared, pl_error *err)
{
    for (int i = 0; i < n; i++) shared[i] = 0;
    pl_agreement *a;
    int rc = pl_agreement_from_doc(base, &a, err);
    if (rc) return rc;
    fork_job *j = pl_calloc(1, sizeof *j);
    pl_ag_compiled *comp = NULL, *scratch = pl_malloc(sizeof *scratch);
    int which[PL_AG_WATCH_MAX]; /* the point each shared one is */
    const int nv = a->n_variants > 0 ? a->n_variants : 1;
    if (!j || !scratch || !(comp = pl_malloc(sizeof *comp * (size_t)nv * (1 + (n < PL_AG_WATCH_MAX ? n : PL_AG_WATCH_MAX))))) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory");
        goto done;
    }
    j->nv = nv;
    j->seed = ec->seed_given ? ec->seed : a->seed;
    const uint64_t runs = ec->runs ? ec->runs : (uint64_t)a->runs;
    for (int v = 0; v < nv; v++) pl_ag_compile(a, a->n_variants > 0 ? v : -1, &comp[v]);
    j->c[0] = comp;
    for (int i = 0; i < n && j->n < PL_AG_WATCH_MAX; i++) { /* the points that move only draws, or priors */
        pl_agreement *p;
        pl_error perr = {0};
        if (!points[i] || pl_agreement_from_doc(points[i], &p, &perr)) continue; /* left to the evaluator */
        pl_ag_compiled *pc = comp + (size_t)nv * (1 + j->n);
        int ok = (p->n_variants > 0 ? p->n_variants : 1) == nv, any_shock = 0;
        uint32_t confirm = 0, priors[PL_AG_MAX_VARIANTS] = {0};
        for (int v = 0; v < nv && ok; v++) {
            ok = !a->n_variants || !strcmp(a->variant[v].id, p->variant[v].id);
            int cf = 0, sh = 0;
            if (ok) pl_ag_compile(p, p->n_variants > 0 ? v : -1, &pc[v]);
            ok = ok && (draw_only(&comp[v], &pc[v], scratch, &cf, &sh) || priors_only(&comp[v], &pc[v], scratch, &priors[v]));
            confirm |= (uint32_t)cf << v, any_shock |= v == 0 && sh; /* the schedule is drawn with variant 0's */
        }
        pl_agreement_free(p);
        if (!ok) continue;
        for (int v = 0; v < nv; v++) {
            if (confirm >> v & 1) j->watched[v] |= 1u << j->n;
            if (priors[v]) j->typed[v] |= 1u << j->n, j->parties[v][j->n] = priors[v];
        }
        if (any_shock) j->shocks |= 1u << j->n;
        j->c[1 + j->n] = pc;
        which[j->n++] = i;
    }
    int made = 0; /* the compiled variants with their openings */
    for (; made < nv * (1 + j->n) && !rc; made++) rc = pl_ag_opening_make(&comp[made]);
    if (rc) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory");
        goto done;
    }
    /* (the tallies are integers: the pool may make the blocks longer, longer stretches of runs of the same
     * types; agreement_simulate.c) */
    pl_parallel job = {.items = runs, .block_items = 2048, .block_items_max = PL_AG_ORDER_MAX,
                       .threads = ec->threads < 1 ? 1 : ec->threads, .ctx = j,
                       .worker_open = fork_open, .worker_close = fork_close, .run = fork_run};
    if (!(rc = pl_parallel_run(&job, err))) {
        result_of(a, j, 0, runs, base_out);
        for (int k = 0; k < j->n; k++) result_of(a, j, 1 + k, runs, &points_out[which[k]]), shared[which[k]] = 1;
    }
done:
    if (comp)
        for (int i = 0; i < made; i++) pl_ag_opening_drop(&comp[i]);
    pl_free(comp), pl_free(scratch);
    pl_free(j);
    pl_agreement_free(a);
    return rc;
}
