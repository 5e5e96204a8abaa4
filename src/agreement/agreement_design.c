// SPDX-License-Identifier: MIT
/* agreement_design.c — searching the sequencing designs for those that complete most often.
 *
 * The scenario's `design_search:` block names a base variant and the `requires` links that
 * may change ("free" links); a design is the base's sequencing with each free link on or off
 * (every other link as the base has it, the base's policies).  The search:
 *   1. Sets of types.  Every design is judged under the scenario's priors and, when the
 *      scenario has a dated record, under the fit's posterior types with the fitted behaviour
 *      (agreement_fit.c, as `parley run --types posterior`).  A design's score is its smaller
 *      completion rate over these sets: robust across the prior and the posterior.
 *   2. Screen.  With at most `exhaustive_max` free links every design is screened; with more,
 *      a steepest-ascent local search: from each start (the base, every free link off, every
 *      free link on) screen every design one link away, move to the best of them while it
 *      completes more often than the current one, stop at a design none of whose neighbours
 *      does better or when `max_designs` designs have been screened.  A design whose
 *      sequencing cannot run (a `requires` cycle, a step that can never fall due) is counted
 *      and never run.  Every design is screened on the same runs 0..runs-1 of the seed
 *      (common random numbers: run i of every design draws the same types, delays and
 *      shocks), so the comparisons are paired.
 *   3. Re-estimate.  The `top` designs of the screen (by score; ties to fewer changes from
 *      the base, then the lower mask) and every shipped variant are run again on fresh runs
 *      (runs..runs+confirm_runs-1, again common to all), so the screen's luck (the winner's
 *      curse) does not carry into the figures reported; each is compared with the shipped
 *      variant that completes most often (paired difference and its 95% interval), and given
 *      the incentive checks (agreement_incentives.c) in every set of types.  A design is
 *      self-enforcing when it is so in every set of types.
 * Designs are evaluated on the worker pool, one design an item, each into its own slot (a copy
 * of the design and its completion bits) folded back in place, so the results are the same
 * bytes whatever the thread count, and the designs are shared among MPI processes the same way. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_design.h"

#define TRY(x)                                                                                                         \
    do {                                                                                                               \
        int rc_ = (x);                                                                                                 \
        if (rc_) return rc_;                                                                                           \
    } while (0)

/* ---- the block -------------------------------------------------------------- */

static int step_named(const pl_ydoc *d, const pl_agreement *a, const pl_ynode *n, const char *what, int *out,
                      pl_error *err)
{
    const char *id;
    TRY(pl_ynode_str(d, n, what, &id, err));
    int s = pl_agreement_find_step(a, id);
    if (s < 0) {
        const char *ids[PL_AG_MAX_STEPS], *best;
        for (int i = 0; i < a->n_steps; i++) ids[i] = a->step[i].id;
        if ((best = pl_yclosest(id, ids, (size_t)a->n_steps)))
            return pl_yerr(d, n, err, "%s: unknown step '%s' (did you mean '%s'?)", what, id, best);
        return pl_yerr(d, n, err, "%s: unknown step '%s'", what, id);
    }
    *out = s;
    return PL_OK;
}

static int add_link(const pl_ydoc *d, pl_agreement *a, const pl_ynode *at, int s, int r, pl_error *err)
{
    pl_ag_design_space *ds = &a->design;
    if (s == r) return pl_yerr(d, at, err, "'free': step '%s' cannot require itself", a->step[s].id);
    for (int i = 0; i < ds->n_free; i++)
        if (ds->free_step[i] == s && ds->free_req[i] == r)
            return pl_yerr(d, at, err, "'free': '%s requires %s' is already free (line %d)", a->step[s].id, a->step[r].id,
                           ds->free_pos[i].line);
    if (ds->n_free == PL_AG_MAX_FREE) return pl_yerr(d, at, err, "'free': at most %d free links", PL_AG_MAX_FREE);
    int i = ds->n_free++;
    ds->free_step[i] = s, ds->free_req[i] = r, ds->free_pos[i] = (pl_ag_pos){at->line, at->col};
    return PL_OK;
}

int pl_ag_read_design(const pl_ydoc *d, const pl_ynode *n, pl_agreement *a, pl_error *err)
{
    static const char *const keys[] = {"base", "free", "note", "source", NULL};
    static const char *const link_keys[] = {"step", "requires", "note", "source", NULL};
    pl_ag_design_space *ds = &a->design;
    TRY(pl_yexpect(d, n, PL_Y_MAP, "'design_search' (a map: base, free)", err));
    TRY(pl_ymap_check_keys(d, n, keys, err));
    ds->given = 1;
    ds->pos = (pl_ag_pos){n->line, n->col};
    ds->base = 0;
    const pl_ynode *base = pl_ymap_get(n, "base");
    if (base) {
        const char *id;
        TRY(pl_ynode_str(d, base, "'base'", &id, err));
        ds->base = pl_agreement_find_variant(a, id);
        if (ds->base < 0) {
            char list[1024];
            size_t off = 0;
            for (int v = 0; v < a->n_variants && off < sizeof list; v++)
                off += (size_t)snprintf(list + off, sizeof list - off, "%s%s", v ? ", " : "", a->variant[v].id);
            return pl_yerr(d, base, err, "'base': unknown variant '%s' (the variants: %s)", id, list);
        }
    }
    const pl_ynode *free_;
    TRY(pl_yget_node(d, n, "free", PL_Y_SEQ, 1, &free_, err));
    if (free_->n == 0)
        return pl_yerr(d, free_, err, "'free' lists no link: name at least one {step: STEP, requires: STEP}");
    for (size_t i = 0; i < free_->n; i++) {
        const pl_ynode *e = free_->items[i];
        TRY(pl_yexpect(d, e, PL_Y_MAP, "a free link {step: STEP, requires: STEP or [STEPS]}", err));
        TRY(pl_ymap_check_keys(d, e, link_keys, err));
        const pl_ynode *sn, *rn;
        TRY(pl_yget_node(d, e, "step", PL_Y_SCALAR, 1, &sn, err));
        if (!(rn = pl_ymap_get(e, "requires")))
            return pl_yerr(d, e, err, "a free link needs 'requires' (the step, or steps, it may wait for)");
        int s = 0;
        TRY(step_named(d, a, sn, "'free'", &s, err));
        if (rn->kind == PL_Y_SEQ) {
            if (rn->n == 0) return pl_yerr(d, rn, err, "'requires' of a free link names no step");
            for (size_t k = 0; k < rn->n; k++) {
                int r = 0;
                TRY(step_named(d, a, rn->items[k], "'free'", &r, err));
                TRY(add_link(d, a, rn->items[k], s, r, err));
            }
        } else {
            int r = 0;
            TRY(step_named(d, a, rn, "'free'", &r, err));
            TRY(add_link(d, a, rn, s, r, err));
        }
    }
    /* a free link that closes a cycle with the links that never change can never be on: refused */
    pl_bits fixed[PL_AG_MAX_STEPS];
    pl_ag_variant_requires(a, ds->base, fixed);
    for (int i = 0; i < ds->n_free; i++) fixed[ds->free_step[i]] &= ~PL_BIT(ds->free_req[i]);
    for (int i = 0; i < ds->n_free; i++) {
        pl_bits req[PL_AG_MAX_STEPS];
        memcpy(req, fixed, sizeof req);
        req[ds->free_step[i]] |= PL_BIT(ds->free_req[i]);
        char msg[700];
        int at = -1;
        if (pl_ag_requires_problem(a, req, NULL, msg, sizeof msg, &at) == 1)
            return pl_ag_err_at(d, ds->free_pos[i], err,
                                "'free': '%s requires %s' can never be on: with the links of '%s' that do not change, %s",
                                a->step[ds->free_step[i]].id, a->step[ds->free_req[i]].id, a->variant[ds->base].id, msg);
    }
    return PL_OK;
}

int pl_agreement_has_design_space(const pl_agreement *a) { return a->design.given; }

/* ---- designs ------------------------------------------------------------------ */

static void design_req(const pl_agreement *a, const pl_agreement_design_result *r, uint64_t mask, pl_bits *req)
{
    memcpy(req, r->fixed, sizeof(pl_bits) * PL_AG_MAX_STEPS);
    for (int i = 0; i < a->design.n_free; i++)
        if (mask >> i & 1) req[a->design.free_step[i]] |= PL_BIT(a->design.free_req[i]);
}

void pl_ag_design_requires(const pl_agreement *a, const pl_agreement_design_result *r, const pl_ag_design *d,
                           pl_bits *req)
{
    if (d->shipped >= 0)
        pl_ag_variant_requires(a, d->shipped, req);
    else
        design_req(a, r, d->mask, req);
}

double pl_ag_design_screen_rate(const pl_agreement_design_result *r, const pl_ag_design *d, int w)
{
    return d->problem ? -1 : (double)d->screen_done[w] / (double)r->runs;
}

double pl_ag_design_rate(const pl_agreement_design_result *r, const pl_ag_design *d, int w)
{
    return d->problem ? -1 : (double)d->done[w] / (double)r->confirm_runs;
}

double pl_ag_design_robust(const pl_agreement_design_result *r, const pl_ag_design *d, int screen)
{
    double m = INFINITY;
    for (int w = 0; w < r->n_worlds; w++) {
        double x = screen ? pl_ag_design_screen_rate(r, d, w) : pl_ag_design_rate(r, d, w);
        if (x < m) m = x;
    }
    return m;
}

/* The screen's score as an exact integer (comparisons of doubles would do, but need not). */
static uint64_t screen_score(const pl_agreement_design_result *r, const pl_ag_design *d)
{
    if (d->problem) return 0;
    uint64_t m = UINT64_MAX;
    for (int w = 0; w < r->n_worlds; w++)
        if (d->screen_done[w] < m) m = d->screen_done[w];
    return m + 1;
}

pl_interval pl_ag_design_paired(const pl_agreement_design_result *r, const pl_ag_design *d, int w)
{
    pl_interval iv;
    pl_stats_paired_diff(d->only_me[w], d->only_ref[w], r->confirm_runs, PL_STATS_Z95, &iv.est, &iv.lo, &iv.hi);
    return iv;
}

void pl_ag_design_name(const pl_agreement *a, const pl_agreement_design_result *r, const pl_ag_design *d, char *buf,
                       size_t n)
{
    if (d->shipped >= 0) {
        snprintf(buf, n, "%s", a->variant[d->shipped].id);
        return;
    }
    size_t off = (size_t)snprintf(buf, n, "D");
    for (int i = 0; i < r->n_free && off + 1 < n; i++) buf[off++] = (d->mask >> i & 1) ? '1' : '0';
    buf[off < n ? off : n - 1] = 0;
}

void pl_ag_design_changes(const pl_agreement *a, const pl_agreement_design_result *r, const pl_ag_design *d, char *buf,
                          size_t n)
{
    pl_bits base[PL_AG_MAX_STEPS], req[PL_AG_MAX_STEPS];
    pl_ag_variant_requires(a, r->base, base);
    pl_ag_design_requires(a, r, d, req);
    size_t off = 0;
    buf[0] = 0;
    for (int pass = 0; pass < 2; pass++) /* the links added, then those dropped */
        for (int s = 0; s < a->n_steps; s++) {
            pl_bits diff = pass ? base[s] & ~req[s] : req[s] & ~base[s];
            for (pl_bits b = diff; b && off < n; b &= b - 1)
                off += (size_t)snprintf(buf + off, n - off, "%s%c%s<-%s", off ? " " : "", pass ? '-' : '+', a->step[s].id,
                                        a->step[__builtin_ctzll(b)].id);
        }
    if (!off) snprintf(buf, n, "(the base)");
}

/* ---- evaluation on the worker pool -------------------------------------------- */

typedef struct eval_job {
    const pl_agreement *a;
    const pl_agreement *world[PL_AG_DESIGN_WORLDS];
    const pl_agreement_design_result *r;
    pl_ag_design *d;
    int confirm;
    void (*progress)(void *user, uint64_t done, uint64_t total); /* of each evaluation; may be NULL */
    void *progress_user;
} eval_job;

typedef struct eval_worker {
    pl_ag_compiled c, scratch;
} eval_worker;

static int eval_open(void *ctx, void **state, pl_error *err)
{
    (void)ctx;
    if (!(*state = pl_malloc(sizeof(eval_worker)))) return pl_error_set(err, PL_ENOMEM, "out of memory for the design search");
    return PL_OK;
}

static void eval_close(void *ctx, void *state)
{
    (void)ctx;
    pl_free(state);
}

static void eval_one(const eval_job *j, eval_worker *wk, pl_ag_design *d)
{
    const pl_agreement_design_result *r = j->r;
    pl_bits req[PL_AG_MAX_STEPS];
    pl_ag_design_requires(j->a, r, d, req);
    if (d->shipped < 0) {
        char msg[700];
        int at;
        d->problem = pl_ag_requires_problem(j->a, req, NULL, msg, sizeof msg, &at);
        if (d->problem) return;
    }
    for (int w = 0; w < r->n_worlds; w++) {
        const pl_agreement *aw = j->world[w];
        if (d->shipped >= 0)
            pl_ag_compile(aw, d->shipped, &wk->c);
        else
            pl_ag_compile_requires(aw, r->base, req, &wk->c);
        /* the opening its runs share, as pl_agreement_simulate makes it (the same runs, to the bit: none
         * without behaviour; out of memory, each run opens on its own, the same runs again) */
        (void)pl_ag_opening_make(&wk->c);
        if (!j->confirm) {
            pl_ag_count_completions(&wk->c, r->seed, 0, r->runs, &d->screen_done[w]);
            pl_ag_opening_drop(&wk->c);
            continue;
        }
        pl_ag_draws dr;
        pl_ag_outcome o;
        double sum[PL_AG_MAX_PARTIES] = {0};
        d->done[w] = 0;
        for (uint64_t i = 0; i < r->confirm_runs; i++) {
            pl_ag_draw(&wk->c, r->seed, r->runs + i, &dr);
            pl_ag_run(&wk->c, &dr, &o, NULL);
            if (o.complete_t >= 0) {
                d->done[w]++;
                d->bits[w][i >> 6] |= (uint64_t)1 << (i & 63);
            }
            for (int p = 0; p < aw->n_parties; p++) sum[p] += o.pay[p];
        }
        for (int p = 0; p < aw->n_parties; p++) d->pay[w][p] = sum[p] / (double)r->confirm_runs;
        pl_ag_incentive_row_fill(aw, &wk->c, d->pay[w], r->check_runs, r->seed, r->tolerance, &wk->scratch, &d->inc[w]);
        pl_ag_opening_drop(&wk->c);
    }
    if (j->confirm) {
        d->confirmed = 1;
        d->self_enforcing = 1;
        for (int w = 0; w < r->n_worlds; w++)
            if (!d->inc[w].self_enforcing) d->self_enforcing = 0;
    }
}

/* Words of a design's completion bits in one world (the re-estimate only). */
static size_t bit_words(const eval_job *j) { return j->confirm ? (size_t)((j->r->confirm_runs + 63) / 64) : 0; }

/* A block is one design: its slot holds a copy of the design, evaluated there, then the
 * completion bits of its re-estimate in every world; so the whole result travels in the slot
 * and the designs are shared among processes (parley/distribute.h) as among threads. */
static int eval_run(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err)
{
    (void)hi, (void)err;
    const eval_job *j = ctx;
    pl_ag_design *d = slot;
    uint64_t *bits = (uint64_t *)(d + 1);
    *d = j->d[lo];
    for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) d->bits[w] = j->confirm && w < j->r->n_worlds ? bits + (size_t)w * bit_words(j) : NULL;
    eval_one(j, state, d);
    return PL_OK;
}

/* The evaluated design back in place, its bits into the design's own arrays. */
static void eval_fold(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    (void)hi;
    const eval_job *j = ctx;
    const pl_ag_design *in = slot;
    const uint64_t *bits = (const uint64_t *)(in + 1);
    pl_ag_design *d = &j->d[lo];
    uint64_t *keep[PL_AG_DESIGN_WORLDS];
    memcpy(keep, d->bits, sizeof keep);
    *d = *in;
    memcpy(d->bits, keep, sizeof keep);
    for (int w = 0; j->confirm && w < j->r->n_worlds; w++)
        memcpy(d->bits[w], bits + (size_t)w * bit_words(j), bit_words(j) * sizeof *bits);
}

static int evaluate(eval_job *j, pl_ag_design *d, int n, int threads, pl_error *err)
{
    if (n <= 0) return PL_OK;
    j->d = d;
    _Static_assert(sizeof(pl_ag_design) % sizeof(uint64_t) == 0, "the bits follow the design in its slot");
    pl_parallel job = {.items = (uint64_t)n, .block_items = 1, .threads = threads < 1 ? 1 : threads, .ctx = j,
                       .slot_size = sizeof(pl_ag_design) + (size_t)j->r->n_worlds * bit_words(j) * sizeof(uint64_t),
                       .worker_open = eval_open, .worker_close = eval_close, .run = eval_run, .fold = eval_fold,
                       .progress = j->progress, .progress_user = j->progress_user, .distributable = 1};
    return pl_parallel_run(&job, err);
}

/* ---- the search ------------------------------------------------------------- */

typedef struct search {
    pl_agreement_design_result *r;
    eval_job job;
    int threads, cap;
    pl_error *err;
} search;

static int find_screened(const pl_agreement_design_result *r, uint64_t mask)
{
    for (int i = 0; i < r->n_screened; i++)
        if (r->screened[i].mask == mask) return i;
    return -1;
}

/* Screens the designs of `masks` not screened yet (in the order given; `fresh`: all are new). */
static int screen(search *S, const uint64_t *masks, int n, int fresh)
{
    pl_agreement_design_result *r = S->r;
    int first = r->n_screened;
    for (int i = 0; i < n; i++) {
        if (!fresh && find_screened(r, masks[i]) >= 0) continue;
        int dup = 0;
        for (int k = first; !fresh && k < r->n_screened; k++) dup |= r->screened[k].mask == masks[i];
        if (dup || r->n_screened == S->cap) continue;
        pl_ag_design *d = &r->screened[r->n_screened++];
        memset(d, 0, sizeof *d);
        d->mask = masks[i], d->shipped = -1;
    }
    int rc = evaluate(&S->job, r->screened + first, r->n_screened - first, S->threads, S->err);
    for (int k = first; k < r->n_screened; k++) r->n_infeasible += r->screened[k].problem != 0;
    return rc;
}

/* The better of two screened designs: higher score, then fewer changes from the base, then the lower mask. */
static int better(const pl_agreement_design_result *r, const pl_ag_design *x, const pl_ag_design *y)
{
    uint64_t sx = screen_score(r, x), sy = screen_score(r, y);
    if (sx != sy) return sx > sy;
    int cx = __builtin_popcountll(x->mask ^ r->base_mask), cy = __builtin_popcountll(y->mask ^ r->base_mask);
    if (cx != cy) return cx < cy;
    return x->mask < y->mask;
}

static int local_search(search *S, const pl_agreement_design_config *cfg)
{
    pl_agreement_design_result *r = S->r;
    const int n = r->n_free;
    uint64_t all = n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
    uint64_t starts[3] = {r->base_mask, 0, all};
    r->n_starts = 3;
    for (int k = 0; k < 3; k++) {
        int rc = screen(S, &starts[k], 1, 0);
        if (rc) return rc;
        int cur = find_screened(r, starts[k]);
        if (cur < 0) break; /* the budget is spent */
        for (;;) {
            uint64_t nb[PL_AG_MAX_FREE];
            for (int i = 0; i < n; i++) nb[i] = r->screened[cur].mask ^ ((uint64_t)1 << i);
            if ((rc = screen(S, nb, n, 0))) return rc;
            if (cfg->progress) cfg->progress(cfg->progress_user, (uint64_t)r->n_screened, (uint64_t)S->cap);
            int best = -1;
            for (int i = 0; i < n; i++) {
                int x = find_screened(r, nb[i]);
                if (x >= 0 && (best < 0 || better(r, &r->screened[x], &r->screened[best]))) best = x;
            }
            if (best < 0 || screen_score(r, &r->screened[best]) <= screen_score(r, &r->screened[cur])) break;
            cur = best;
            r->n_moves++;
        }
        if (r->n_screened >= cfg->max_designs) r->budget_hit = 1;
    }
    return PL_OK;
}

void pl_agreement_design_config_default(pl_agreement_design_config *cfg)
{
    *cfg = (pl_agreement_design_config){.runs = 2000, .confirm_runs = 10000, .check_runs = 2000, .top = 8,
                                        .exhaustive_max = 10, .max_designs = 4000, .threads = 1};
}

void pl_agreement_design_free(pl_agreement_design_result *r)
{
    if (!r) return;
    if (r->cand)
        for (int i = 0; i < r->n_cand; i++)
            for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) pl_free(r->cand[i].bits[w]);
    pl_free(r->cand);
    pl_free(r->screened);
    pl_free(r);
}

int pl_agreement_design_search(const pl_agreement *a, const pl_agreement_design_config *cfg,
                               pl_agreement_design_result **out, pl_error *err)
{
    *out = NULL;
    if (!a->design.given)
        return pl_error_set(err, PL_EINVAL,
                            "%s: the scenario declares no 'design_search:' block (the base variant and the 'requires' "
                            "links the search may change; see docs/agreements.md)",
                            a->path);
    if (!cfg->runs || !cfg->confirm_runs || !cfg->check_runs || cfg->top < 1 || cfg->max_designs < 1)
        return pl_error_set(err, PL_EINVAL, "the design search needs at least one run of each kind and one design");
    const pl_ag_design_space *ds = &a->design;
    pl_agreement_design_result *r = pl_calloc(1, sizeof *r);
    if (!r) return pl_error_set(err, PL_ENOMEM, "out of memory for the design search");
    r->n_free = ds->n_free, r->base = ds->base;
    r->runs = cfg->runs, r->confirm_runs = cfg->confirm_runs, r->check_runs = cfg->check_runs;
    r->seed = cfg->seed_given ? cfg->seed : a->seed;
    r->tolerance = a->behaviour.tolerance;
    r->best = r->best_se = r->reference = -1;
    pl_ag_variant_requires(a, ds->base, r->fixed);
    for (int i = 0; i < ds->n_free; i++) {
        pl_bits b = PL_BIT(ds->free_req[i]);
        if (r->fixed[ds->free_step[i]] & b) r->base_mask |= (uint64_t)1 << i;
    }
    for (int i = 0; i < ds->n_free; i++) r->fixed[ds->free_step[i]] &= ~PL_BIT(ds->free_req[i]);

    /* the sets of types: the priors, and the fit's posterior with the fitted behaviour */
    int rc = PL_OK;
    pl_agreement *post = NULL;
    r->n_worlds = 1;
    if (a->has_record && !cfg->prior_only) {
        pl_agreement_fit *fit = NULL;
        pl_agreement_fit_config fc;
        pl_agreement_fit_config_default(&fc);
        fc.runs = 1000, fc.seed = r->seed, fc.seed_given = 1, fc.threads = cfg->threads;
        if ((rc = pl_agreement_fit_record(a, &fc, &fit, err))) {
            pl_free(r);
            return rc;
        }
        if (!(post = pl_malloc(sizeof *post))) {
            pl_agreement_fit_free(fit);
            pl_free(r);
            return pl_error_set(err, PL_ENOMEM, "out of memory for the design search");
        }
        *post = *a; /* a shallow copy: its strings are a's, and it is never freed as a model */
        pl_agreement_apply_fit(post, fit);
        r->has_fit = 1;
        r->fitted = pl_agreement_fit_best(fit);
        for (int p = 0; p < a->n_parties; p++)
            for (int k = 0; k < pl_agreement_fit_n_types(fit, p); k++) r->posterior[p][k] = pl_agreement_fit_posterior(fit, p, k);
        pl_agreement_fit_free(fit);
        r->n_worlds = 2;
    }

    search S = {.r = r, .threads = cfg->threads, .err = err};
    S.job = (eval_job){.a = a, .world = {a, post ? post : a}, .r = r};
    r->exhaustive = ds->n_free <= (cfg->exhaustive_max < 16 ? cfg->exhaustive_max : 16); /* 2^16 designs at most */
    S.cap = r->exhaustive ? 1 << ds->n_free : cfg->max_designs;
    if (!(r->screened = pl_calloc((size_t)S.cap, sizeof *r->screened))) rc = pl_error_set(err, PL_ENOMEM, "out of memory for the design search");
    if (cfg->phase) cfg->phase(cfg->progress_user, r->exhaustive ? "screen" : "local search");
    if (r->exhaustive) S.job.progress = cfg->progress, S.job.progress_user = cfg->progress_user;
    if (!rc && r->exhaustive) {
        uint64_t *all = pl_malloc(sizeof *all * (size_t)S.cap);
        if (!all) rc = pl_error_set(err, PL_ENOMEM, "out of memory for the design search");
        for (int i = 0; !rc && i < S.cap; i++) all[i] = (uint64_t)i;
        if (!rc) rc = screen(&S, all, S.cap, 1);
        pl_free(all);
    } else if (!rc)
        rc = local_search(&S, cfg);

    /* the candidates: the best designs of the screen, then every shipped variant */
    int top = 0;
    if (!rc) {
        int nv = a->n_variants;
        if (!(r->cand = pl_calloc((size_t)(cfg->top + nv), sizeof *r->cand)))
            rc = pl_error_set(err, PL_ENOMEM, "out of memory for the design search");
        char *taken = rc ? NULL : pl_calloc((size_t)r->n_screened + 1, 1);
        if (!rc && !taken) rc = pl_error_set(err, PL_ENOMEM, "out of memory for the design search");
        for (; !rc && top < cfg->top; top++) { /* selection: the next best not taken */
            int b = -1;
            for (int i = 0; i < r->n_screened; i++)
                if (!taken[i] && !r->screened[i].problem && (b < 0 || better(r, &r->screened[i], &r->screened[b]))) b = i;
            if (b < 0) break;
            taken[b] = 1;
            r->cand[top] = r->screened[b];
        }
        pl_free(taken);
        for (int v = 0; !rc && v < nv; v++) {
            pl_ag_design *d = &r->cand[top + v];
            memset(d, 0, sizeof *d);
            d->shipped = v;
        }
        r->n_cand = top + nv;
        size_t words = (size_t)((r->confirm_runs + 63) / 64);
        for (int i = 0; !rc && i < r->n_cand; i++)
            for (int w = 0; w < r->n_worlds; w++)
                if (!(r->cand[i].bits[w] = pl_calloc(words, sizeof(uint64_t))))
                    rc = pl_error_set(err, PL_ENOMEM, "out of memory for the design search");
        if (!rc) {
            S.job.confirm = 1;
            if (cfg->phase) cfg->phase(cfg->progress_user, "re-estimate");
            S.job.progress = cfg->progress, S.job.progress_user = cfg->progress_user;
            rc = evaluate(&S.job, r->cand, r->n_cand, cfg->threads, err);
        }
    }
    if (!rc) {
        /* the reference: the shipped variant that completes most often (robustly); ties to the first */
        for (int i = top; i < r->n_cand; i++)
            if (r->reference < 0 || pl_ag_design_robust(r, &r->cand[i], 0) > pl_ag_design_robust(r, &r->cand[r->reference], 0))
                r->reference = i;
        size_t words = (size_t)((r->confirm_runs + 63) / 64);
        for (int i = 0; i < r->n_cand; i++)
            for (int w = 0; w < r->n_worlds; w++) {
                const uint64_t *x = r->cand[i].bits[w], *y = r->cand[r->reference].bits[w];
                for (size_t k = 0; k < words; k++) {
                    r->cand[i].only_me[w] += (uint64_t)__builtin_popcountll(x[k] & ~y[k]);
                    r->cand[i].only_ref[w] += (uint64_t)__builtin_popcountll(y[k] & ~x[k]);
                }
            }
        for (int i = 0; i < top; i++) {
            const pl_ag_design *d = &r->cand[i];
            double x = pl_ag_design_robust(r, d, 0);
            if (r->best < 0 || x > pl_ag_design_robust(r, &r->cand[r->best], 0)) r->best = i;
            if (d->self_enforcing && (r->best_se < 0 || x > pl_ag_design_robust(r, &r->cand[r->best_se], 0))) r->best_se = i;
        }
        for (int pass = 0; pass < 2; pass++) {
            int i = pass ? r->best_se : r->best, ok = i >= 0;
            for (int w = 0; ok && w < r->n_worlds; w++) ok = pl_ag_design_paired(r, &r->cand[i], w).lo > 0;
            if (pass)
                r->beats = ok;
            else
                r->best_beats = ok;
        }
        for (int i = 0; i < r->n_cand; i++)
            for (int w = 0; w < PL_AG_DESIGN_WORLDS; w++) pl_free(r->cand[i].bits[w]), r->cand[i].bits[w] = NULL;
    }
    pl_free(post);
    if (rc) {
        pl_agreement_design_free(r);
        return rc;
    }
    *out = r;
    return PL_OK;
}
