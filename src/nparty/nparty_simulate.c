// SPDX-License-Identifier: MIT
/* nparty_simulate.c — running one policy profile of an N-party scenario.
 *
 * Each profile is played `runs` times from the record; run r uses stream
 * (seed, r, 0) in every profile (common random numbers: profiles differ by
 * their policies, not by luck) and, when the scenario has a shock, (seed, r, 1)
 * for the run with the shock.  Runs are split into blocks of NP_RUN_BLOCK taken
 * by the worker pool (core/parallel.c); counts are integers kept per worker and
 * added as each worker ends, and payoff sums are kept per block and folded in
 * block order, so results are the same bytes whatever the number of threads.
 * A block's slot also carries which of its runs ended in lasting restraint (one
 * bit a run), so the whole result travels in the slots and the integer tallies:
 * with a distributor (parley/distribute.h) the blocks are shared among processes,
 * each process's tallies are added to every one's, and every process ends with
 * the one-process result.  The sample run (run 0 without the shock) is played
 * again on its own after the pool, in every process.
 * The record is also replayed through each policy. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "nparty/nparty_engine.h"
#include "nparty/nparty_metrics.h"
#include "nparty/nparty_model.h"

/* Runs per block of the pool: fixed, so that the payoff sums do not depend on the thread count;
 * at most 64, one bit of the block's `lasting` a run. */
#define NP_RUN_BLOCK 64
_Static_assert(NP_RUN_BLOCK <= 64, "a block's lasting restraint is one 64-bit word");

/* One block's result: its payoff sums and the runs that ended in lasting restraint (bit r - lo). */
typedef struct run_slot {
    double pay[NP_MAX];
    uint64_t lasting;
} run_slot;

/* The integer tallies that travel between processes, before the per-period counts. */
#define NP_TALLY_FIXED (8 + NP_MAX + NP_SHOCK_HORIZON)

typedef struct run_ctx {
    const np_model *m;
    const np_profile *pr;
    np_profile_result *res;
    int *forced;       /* the record plus the opening */
    int forced_turns;
    double pay[NP_MAX]; /* payoff sums, folded block by block in block order */
    /* integer totals, added under the pool's lock as each worker ends (integers: order does not matter) */
    long restraint, esc_runs, first_sum, esc_count, coop[NP_MAX], shock_runs, spread_sum, spread_reached, reach[NP_SHOCK_HORIZON], recovered;
    long *coop_t;      /* periods * (n + blocs) */
    void (*progress)(void *, uint64_t, uint64_t);
    void *progress_user;
    uint64_t *done, total;
} run_ctx;

/* One worker's buffer and integer tallies. */
typedef struct run_state {
    pl_nmatch_buf buf;
    pl_nmatch_config cfg; /* the same for every run but the streams and the shock */
    long *coop_t;
    long restraint, esc_runs, first_sum, esc_count, coop[NP_MAX], shock_runs, spread_sum, spread_reached, reach[NP_SHOCK_HORIZON], recovered;
} run_state;

static int run_open(void *ctx, void **state, pl_error *err)
{
    run_ctx *c = ctx;
    const np_model *m = c->m;
    const int n = m->n, P = m->rec_turns, T = P + m->periods, nb = m->n_blocs;
    run_state *w = pl_calloc(1, sizeof *w);
    if (!w) return pl_error_set(err, PL_ENOMEM, "out of memory");
    if (pl_nmatch_buf_init(&w->buf, n, pl_ngame_get_kind(m->game) == PL_NGAME_PAIRWISE, T)) {
        pl_free(w);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    if (!(w->coop_t = pl_calloc((size_t)m->periods * (size_t)(n + nb), sizeof *w->coop_t))) {
        pl_nmatch_buf_free(&w->buf);
        pl_free(w);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    np_match_config(m, &w->cfg);
    w->cfg.forced = c->forced;
    w->cfg.forced_turns = c->forced_turns;
    *state = w;
    return PL_OK;
}

/* Adds a worker's integer tallies to the totals and frees it; under the pool's lock. */
static void run_close(void *ctx, void *state)
{
    run_ctx *c = ctx;
    run_state *w = state;
    const int n = c->m->n, nb = c->m->n_blocs;
    c->restraint += w->restraint, c->esc_runs += w->esc_runs, c->first_sum += w->first_sum, c->esc_count += w->esc_count;
    c->shock_runs += w->shock_runs, c->spread_sum += w->spread_sum, c->spread_reached += w->spread_reached;
    c->recovered += w->recovered;
    for (int i = 0; i < n; i++) c->coop[i] += w->coop[i];
    for (int h = 0; h < NP_SHOCK_HORIZON; h++) c->reach[h] += w->reach[h];
    for (long k = 0; k < (long)c->m->periods * (n + nb); k++) c->coop_t[k] += w->coop_t[k];
    pl_free(w->coop_t);
    pl_nmatch_buf_free(&w->buf);
    pl_free(w);
}

/* This process's integer tallies, packed for the other processes (parley/distribute.h). */
static size_t tally_longs(const run_ctx *c) { return NP_TALLY_FIXED + (size_t)c->m->periods * (size_t)(c->m->n + c->m->n_blocs); }

static void tally_pack(void *ctx, void *bytes)
{
    const run_ctx *c = ctx;
    long t[NP_TALLY_FIXED] = {c->restraint, c->esc_runs, c->first_sum, c->esc_count,
                              c->shock_runs, c->spread_sum, c->spread_reached, c->recovered};
    memcpy(t + 8, c->coop, sizeof c->coop);
    memcpy(t + 8 + NP_MAX, c->reach, sizeof c->reach);
    memcpy(bytes, t, sizeof t);
    memcpy((unsigned char *)bytes + sizeof t, c->coop_t, (tally_longs(c) - NP_TALLY_FIXED) * sizeof(long));
}

/* Adds another process's packed tallies to this one's. */
static void tally_add(void *ctx, const void *bytes)
{
    run_ctx *c = ctx;
    long t[NP_TALLY_FIXED];
    memcpy(t, bytes, sizeof t);
    c->restraint += t[0], c->esc_runs += t[1], c->first_sum += t[2], c->esc_count += t[3];
    c->shock_runs += t[4], c->spread_sum += t[5], c->spread_reached += t[6], c->recovered += t[7];
    for (int i = 0; i < NP_MAX; i++) c->coop[i] += t[8 + i];
    for (int h = 0; h < NP_SHOCK_HORIZON; h++) c->reach[h] += t[8 + NP_MAX + h];
    const unsigned char *q = (const unsigned char *)bytes + sizeof t;
    for (size_t k = 0; k < tally_longs(c) - NP_TALLY_FIXED; k++) {
        long v;
        memcpy(&v, q + k * sizeof v, sizeof v);
        c->coop_t[k] += v;
    }
}

/* Runs [lo, hi): integer tallies into the worker's state, payoff sums into the block's slot. */
static int run_block(void *ctx, void *state, uint64_t lo, uint64_t hi, void *slot, pl_error *err_out)
{
    run_ctx *c = ctx;
    run_state *w = state;
    const np_model *m = c->m;
    const int n = m->n, P = m->rec_turns, T = P + m->periods, nb = m->n_blocs;
    pl_nmatch_buf buf = w->buf;
    pl_nmatch_config cfg = w->cfg;
    long *coop_t = w->coop_t;
    long restraint = 0, esc_runs = 0, first_sum = 0, esc_count = 0, coop[NP_MAX] = {0};
    long shock_runs = 0, spread_sum = 0, spread_reached = 0, reach[NP_SHOCK_HORIZON] = {0}, recovered = 0;
    /* the shock spreads to any other party: drills, launches, sanctions, pressure alike */
    uint32_t others = m->shock_party >= 0 ? (((m->n >= NP_MASK_BITS ? 0 : 1u << m->n) - 1) & ~(1u << m->shock_party)) : 0;
    int n_others = __builtin_popcount(others), half = (n_others + 1) / 2;
    pl_error err;
    int rc = PL_OK;
    {
        run_slot *out = slot;
        double *pay = out->pay;
        long from = (long)lo, to = (long)hi;
        for (long run = from; run < to; run++) {
            cfg.stream_a = (uint64_t)run;
            for (int pass = 0; pass < (m->shock_party >= 0 ? 2 : 1); pass++) {
                cfg.stream_b = (uint64_t)pass;
                cfg.shock_party = pass ? m->shock_party : -1;
                if ((rc = pl_nmatch_run(m->game, c->pr->players, &cfg, &buf, &err))) {
                    *err_out = err;
                    goto out;
                }
                np_escalation_track track;
                np_track_init(&track);
                for (int t = P; t < T; t++) {
                    uint32_t esc = np_escalations(m, buf.acts + (size_t)t * n);
                    np_track_period(&track, m, t, esc);
                    if (pass == 0) {
                        for (int i = 0; i < n; i++) {
                            coop[i] += !(esc >> i & 1);
                            coop_t[(size_t)(t - P) * (n + nb) + i] += !(esc >> i & 1);
                            pay[i] += buf.pay[(size_t)t * n + i];
                        }
                        esc_count += __builtin_popcount(esc & m->measured);
                        for (int b = 0; b < nb; b++) coop_t[(size_t)(t - P) * (n + nb) + n + b] += !np_bloc_escalates(m, b, esc);
                    }
                }
                int first = track.first >= 0 ? track.first - P : -1;
                int lasting = np_lasting_restraint(m, &track, T);
                if (pass == 0) {
                    restraint += lasting;
                    out->lasting |= (uint64_t)(lasting != 0) << (run - from);
                    if (first >= 0) esc_runs++, first_sum += first;
                    continue;
                }
                /* the shock: was everyone restrained just before it? */
                int S = P + m->shock_period;
                if (np_escalations(m, buf.acts + (size_t)(S - 1) * n) & m->measured) continue; /* not calm */
                shock_runs++;
                uint32_t hit = 0;
                int spread = -1;
                for (int h = 1; h <= NP_SHOCK_HORIZON && S + h < T; h++) {
                    const unsigned char *a = buf.acts + (size_t)(S + h) * n;
                    uint32_t now_esc = np_escalations(m, a) & others;
                    int now = __builtin_popcount(now_esc);
                    hit |= now_esc;
                    if (spread < 0 && n_others > 0 && now >= half) spread = h;
                    reach[h - 1] += __builtin_popcount(hit);
                }
                if (spread > 0) spread_sum += spread, spread_reached++;
                recovered += lasting;
            }
        }
    }
out:
    w->buf = buf;
    w->restraint += restraint, w->esc_runs += esc_runs, w->first_sum += first_sum, w->esc_count += esc_count;
    w->shock_runs += shock_runs, w->spread_sum += spread_sum, w->spread_reached += spread_reached, w->recovered += recovered;
    for (int i = 0; i < n; i++) w->coop[i] += coop[i];
    for (int h = 0; h < NP_SHOCK_HORIZON; h++) w->reach[h] += reach[h];
    return rc;
}

/* Adds a block's payoff sums in block order, keeps its runs' lasting restraint; reports progress
 * over every profile. */
static void run_fold(void *ctx, uint64_t lo, uint64_t hi, void *slot)
{
    run_ctx *c = ctx;
    const run_slot *in = slot;
    for (int i = 0; i < c->m->n; i++) c->pay[i] += in->pay[i];
    if (c->res->lasting_run)
        for (uint64_t r = lo; r < hi; r++) c->res->lasting_run[r] = (unsigned char)(in->lasting >> (r - lo) & 1);
    *c->done += hi - lo;
    if (c->progress) c->progress(c->progress_user, *c->done, c->total);
}

/* Feeds the record to each policy and counts how often its choice (cooperative or not) matches. */
static int replay_record(const np_model *m, const np_profile *pr, np_profile_result *res, pl_error *err)
{
    if (m->rec_turns < 2) return PL_OK;
    pl_nmatch_config cfg;
    pl_nmatch_config_default(&cfg);
    cfg.turns = m->rec_turns;
    cfg.forced = m->rec;
    cfg.forced_turns = m->rec_turns;
    cfg.seed = m->seed;
    cfg.stream_a = UINT64_MAX;
    pl_nmatch_result *r;
    int rc = pl_nmatch_play(m->game, pr->players, &cfg, &r, err);
    if (rc) return rc;
    for (int t = 1; t < m->rec_turns; t++)
        for (int i = 0; i < m->n; i++) {
            int want = m->rec[(size_t)t * m->n + i];
            if (want < 0) continue;
            /* the policy saw periods before t; unknown ones it filled in itself */
            res->replay_checked[i]++;
            res->replay_agreed[i] += m->party[i].coop[pl_nmatch_result_intent(r, i, t)] == m->party[i].coop[want];
        }
    pl_nmatch_result_free(r);
    return PL_OK;
}

void np_match_config(const np_model *m, pl_nmatch_config *cfg)
{
    pl_nmatch_config_default(cfg);
    cfg->turns = m->rec_turns + m->periods;
    cfg->noise = m->noise;
    cfg->obs_noise = m->obs_noise;
    cfg->obs_delay = m->obs_delay;
    cfg->seed = m->seed;
    cfg->shock_turn = m->rec_turns + m->shock_period;
}

int *np_forced_actions(const np_model *m, int k, int skip_party, int *turns)
{
    const np_profile *pr = &m->profile[k];
    const int n = m->n;
    *turns = m->rec_turns + (pr->has_opening ? 1 : 0);
    int *f = pl_malloc(((size_t)*turns + 1) * (size_t)n * sizeof *f);
    if (!f) return NULL;
    if (m->rec_turns) memcpy(f, m->rec, (size_t)m->rec_turns * (size_t)n * sizeof *f);
    if (pr->has_opening) {
        memcpy(f + (size_t)m->rec_turns * n, pr->opening, (size_t)n * sizeof *f);
        if (skip_party >= 0) f[(size_t)m->rec_turns * n + skip_party] = -1;
    }
    return f;
}

/* The sample run shown in the report: run 0 without the shock, played again here so that every
 * process has it, whichever played run 0 in the pool. */
static int play_sample(const np_model *m, const run_ctx *c, np_profile_result *res, pl_error *err)
{
    const int n = m->n, T = m->rec_turns + m->periods;
    if (m->runs < 1) return PL_OK;
    pl_nmatch_buf buf;
    if (pl_nmatch_buf_init(&buf, n, pl_ngame_get_kind(m->game) == PL_NGAME_PAIRWISE, T))
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_nmatch_config cfg;
    np_match_config(m, &cfg);
    cfg.forced = c->forced;
    cfg.forced_turns = c->forced_turns;
    cfg.stream_a = 0, cfg.stream_b = 0, cfg.shock_party = -1;
    int rc = pl_nmatch_run(m->game, c->pr->players, &cfg, &buf, err);
    if (!rc) memcpy(res->sample, buf.acts, (size_t)T * n);
    pl_nmatch_buf_free(&buf);
    return rc;
}

int np_run_profile(const np_model *m, int k, const pl_run_options *opt, np_profile_result *res, uint64_t *done,
                   uint64_t total, pl_error *err)
{
    const np_profile *pr = &m->profile[k];
    const int n = m->n, nb = m->n_blocs;
    res->runs = m->runs;
    run_ctx c = {.m = m, .pr = pr, .res = res, .progress = opt->progress, .progress_user = opt->progress_user, .done = done,
                 .total = total};
    c.forced = np_forced_actions(m, k, -1, &c.forced_turns);
    c.coop_t = pl_calloc((size_t)m->periods * (size_t)(n + nb), sizeof *c.coop_t);
    res->coop_t = pl_calloc((size_t)m->periods * (size_t)(n + nb), sizeof *res->coop_t);
    res->sample = pl_calloc((size_t)(m->rec_turns + m->periods) * (size_t)n, 1);
    if (!c.forced || !c.coop_t || !res->coop_t || !res->sample) {
        pl_free(c.forced);
        pl_free(c.coop_t);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    /* the engine checks what the loader built: one configuration stands for every run */
    pl_nmatch_config probe;
    pl_nmatch_config_default(&probe);
    probe.turns = m->rec_turns + m->periods;
    probe.noise = m->noise;
    probe.obs_noise = m->obs_noise;
    probe.obs_delay = m->obs_delay;
    probe.forced = c.forced;
    probe.forced_turns = c.forced_turns;
    probe.shock_party = m->shock_party;
    probe.shock_turn = m->rec_turns + m->shock_period;
    if (pl_nmatch_check(m->game, pr->players, &probe, err)) {
        pl_free(c.forced);
        pl_free(c.coop_t);
        return err ? err->code : PL_EINVAL;
    }
    pl_parallel job = {.items = (uint64_t)m->runs, .block_items = NP_RUN_BLOCK, .threads = opt->threads < 1 ? 1 : opt->threads,
                       .slot_size = sizeof(run_slot), .ctx = &c, .worker_open = run_open,
                       .worker_close = run_close, .run = run_block, .fold = run_fold, .distributable = 1,
                       .tally_size = tally_longs(&c) * sizeof(long), .tally_pack = tally_pack, .tally_add = tally_add};
    int rc = pl_parallel_run(&job, err);
    if (!rc) rc = play_sample(m, &c, res, err);
    if (!rc) {
        double runs = (double)m->runs, per = (double)m->periods;
        res->restraint_runs = c.restraint;
        res->escalation_runs = c.esc_runs;
        res->first_escalation = c.esc_runs ? (double)c.first_sum / c.esc_runs : NAN;
        int measured = __builtin_popcount(m->measured);
        res->escalated_share = (double)c.esc_count / (runs * per * measured);
        for (int i = 0; i < n; i++) {
            res->payoff[i] = c.pay[i] / (runs * per);
            res->coop[i] = (double)c.coop[i] / (runs * per);
            assert(res->coop[i] >= 0 && res->coop[i] <= 1);
        }
        for (long q = 0; q < (long)m->periods * (n + nb); q++) res->coop_t[q] = (double)c.coop_t[q] / runs;
        res->shock_runs = c.shock_runs;
        res->spread_reached = c.spread_reached;
        res->spread_periods = c.spread_reached ? (double)c.spread_sum / c.spread_reached : NAN;
        for (int h = 0; h < NP_SHOCK_HORIZON; h++) res->reach[h] = c.shock_runs ? (double)c.reach[h] / c.shock_runs : NAN;
        res->recovered = c.recovered;
        rc = replay_record(m, pr, res, err);
    }
    pl_free(c.forced);
    pl_free(c.coop_t);
    return rc;
}

