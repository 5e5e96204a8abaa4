/* nparty_simulate.c — running one policy profile of an N-party scenario.
 *
 * Each profile is played `runs` times from the record; run r uses stream
 * (seed, r, 0) in every profile (common random numbers: profiles differ by
 * their policies, not by luck) and, when the scenario has a shock, (seed, r, 1)
 * for the run with the shock.  Runs are split into blocks of 64 taken by worker
 * threads; counts are integers summed under a lock and payoff sums are kept per
 * block and added in block order, so results are the same bytes whatever the
 * number of threads.  The record is also replayed through each policy. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "nparty/nparty_engine.h"
#include "nparty/nparty_model.h"

#define BLOCK 64

typedef struct run_ctx {
    const np_model *m;
    const np_profile *pr;
    np_profile_result *res;
    int *forced;       /* the record plus the opening */
    int forced_turns;
    long blocks;
    double *block_pay; /* blocks * n */
    atomic_long next;
    atomic_int failed;
    pl_error err;
    pthread_mutex_t lock;
    /* integer totals, added under the lock (integers: order does not matter) */
    long restraint, esc_runs, first_sum, esc_count, coop[NP_MAX], shock_runs, spread_sum, spread_reached, reach[8], recovered;
    long *coop_t;      /* periods * (n + blocs) */
    void (*progress)(void *, uint64_t, uint64_t);
    void *progress_user;
    uint64_t *done, total;
} run_ctx;

static int escalated(const np_model *m, const unsigned char *act, int i) { return !m->party[i].coop[act[i]]; }

static void *run_worker(void *arg)
{
    run_ctx *c = arg;
    const np_model *m = c->m;
    const int n = m->n, P = m->rec_turns, T = P + m->periods, nb = m->n_blocs;
    pl_nmatch_buf buf;
    if (pl_nmatch_buf_init(&buf, n, pl_ngame_get_kind(m->game) == PL_NGAME_PAIRWISE, T)) {
        atomic_store(&c->failed, 1);
        return NULL;
    }
    long *coop_t = pl_calloc((size_t)m->periods * (size_t)(n + nb), sizeof *coop_t);
    if (!coop_t) {
        atomic_store(&c->failed, 1);
        pl_nmatch_buf_free(&buf);
        return NULL;
    }
    long restraint = 0, esc_runs = 0, first_sum = 0, esc_count = 0, coop[NP_MAX] = {0};
    long shock_runs = 0, spread_sum = 0, spread_reached = 0, reach[8] = {0}, recovered = 0;
    /* the shock spreads to any other party: drills, launches, sanctions, pressure alike */
    uint32_t others = m->shock_party >= 0 ? (((m->n >= 32 ? 0 : 1u << m->n) - 1) & ~(1u << m->shock_party)) : 0;
    int n_others = __builtin_popcount(others), half = (n_others + 1) / 2;
    pl_error err;
    /* the same for every run but the streams and the shock */
    pl_nmatch_config cfg;
    pl_nmatch_config_default(&cfg);
    cfg.turns = T;
    cfg.noise = m->noise;
    cfg.obs_noise = m->obs_noise;
    cfg.obs_delay = m->obs_delay;
    cfg.forced = c->forced;
    cfg.forced_turns = c->forced_turns;
    cfg.seed = m->seed;
    cfg.shock_turn = P + m->shock_period;
    for (;;) {
        long blk = atomic_fetch_add(&c->next, 1);
        if (blk >= c->blocks || atomic_load(&c->failed)) break;
        double pay[NP_MAX] = {0};
        long from = blk * BLOCK, to = from + BLOCK < c->res->runs ? from + BLOCK : c->res->runs;
        for (long run = from; run < to; run++) {
            cfg.stream_a = (uint64_t)run;
            for (int pass = 0; pass < (m->shock_party >= 0 ? 2 : 1); pass++) {
                cfg.stream_b = (uint64_t)pass;
                cfg.shock_party = pass ? m->shock_party : -1;
                if (pl_nmatch_run(m->game, c->pr->players, &cfg, &buf, &err)) {
                    pthread_mutex_lock(&c->lock);
                    c->err = err;
                    atomic_store(&c->failed, 1);
                    pthread_mutex_unlock(&c->lock);
                    goto out;
                }
                if (run == 0 && pass == 0) memcpy(c->res->sample, buf.acts, (size_t)T * n);
                int last_esc = -1, first = -1;
                for (int t = P; t < T; t++) {
                    const unsigned char *a = buf.acts + (size_t)t * n;
                    int any = 0;
                    for (int i = 0; i < n; i++) {
                        int e = escalated(m, a, i);
                        if (pass == 0) {
                            coop[i] += !e;
                            coop_t[(size_t)(t - P) * (n + nb) + i] += !e;
                            pay[i] += buf.pay[(size_t)t * n + i];
                        }
                        if (e && (m->measured >> i & 1)) {
                            any = 1;
                            if (pass == 0) esc_count++;
                        }
                    }
                    if (pass == 0)
                        for (int b = 0; b < nb; b++) {
                            int cnt = 0;
                            for (int i = 0; i < n; i++)
                                if (m->bloc[b].mask >> i & 1) cnt += escalated(m, a, i);
                            coop_t[(size_t)(t - P) * (n + nb) + n + b] += cnt < m->bloc[b].k;
                        }
                    if (any) {
                        last_esc = t;
                        if (first < 0) first = t - P;
                    }
                }
                int lasting = last_esc < T - m->window;
                if (pass == 0) {
                    restraint += lasting;
                    if (first >= 0) esc_runs++, first_sum += first;
                    continue;
                }
                /* the shock: was everyone restrained just before it? */
                int S = P + m->shock_period, calm = 1;
                for (int i = 0; i < n; i++)
                    if ((m->measured >> i & 1) && escalated(m, buf.acts + (size_t)(S - 1) * n, i)) calm = 0;
                if (!calm) continue;
                shock_runs++;
                uint32_t hit = 0;
                int spread = -1;
                for (int h = 1; h <= 8 && S + h < T; h++) {
                    const unsigned char *a = buf.acts + (size_t)(S + h) * n;
                    int now = 0;
                    for (int i = 0; i < n; i++)
                        if ((others >> i & 1) && escalated(m, a, i)) hit |= 1u << i, now++;
                    if (spread < 0 && n_others > 0 && now >= half) spread = h;
                    reach[h - 1] += __builtin_popcount(hit);
                }
                if (spread > 0) spread_sum += spread, spread_reached++;
                recovered += lasting;
            }
        }
        memcpy(c->block_pay + blk * n, pay, (size_t)n * sizeof *pay);
        if (c->progress) {
            pthread_mutex_lock(&c->lock);
            *c->done += (uint64_t)(to - from);
            c->progress(c->progress_user, *c->done, c->total);
            pthread_mutex_unlock(&c->lock);
        }
    }
out:
    pthread_mutex_lock(&c->lock);
    c->restraint += restraint, c->esc_runs += esc_runs, c->first_sum += first_sum, c->esc_count += esc_count;
    c->shock_runs += shock_runs, c->spread_sum += spread_sum, c->spread_reached += spread_reached, c->recovered += recovered;
    for (int i = 0; i < n; i++) c->coop[i] += coop[i];
    for (int h = 0; h < 8; h++) c->reach[h] += reach[h];
    for (long k = 0; k < (long)m->periods * (n + nb); k++) c->coop_t[k] += coop_t[k];
    pthread_mutex_unlock(&c->lock);
    pl_free(coop_t);
    pl_nmatch_buf_free(&buf);
    return NULL;
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

int np_run_profile(const np_model *m, int k, const pl_run_options *opt, np_profile_result *res, uint64_t *done,
                   uint64_t total, pl_error *err)
{
    const np_profile *pr = &m->profile[k];
    const int n = m->n, nb = m->n_blocs;
    res->runs = m->runs;
    run_ctx c = {.m = m, .pr = pr, .res = res, .progress = opt->progress, .progress_user = opt->progress_user, .done = done,
                 .total = total};
    c.forced = np_forced_actions(m, k, -1, &c.forced_turns);
    c.blocks = (m->runs + BLOCK - 1) / BLOCK;
    c.block_pay = pl_calloc((size_t)c.blocks * (size_t)n, sizeof *c.block_pay);
    c.coop_t = pl_calloc((size_t)m->periods * (size_t)(n + nb), sizeof *c.coop_t);
    res->coop_t = pl_calloc((size_t)m->periods * (size_t)(n + nb), sizeof *res->coop_t);
    res->sample = pl_calloc((size_t)(m->rec_turns + m->periods) * (size_t)n, 1);
    if (!c.forced || !c.block_pay || !c.coop_t || !res->coop_t || !res->sample) {
        pl_free(c.forced);
        pl_free(c.block_pay);
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
        pl_free(c.block_pay);
        pl_free(c.coop_t);
        return err ? err->code : PL_EINVAL;
    }
    atomic_init(&c.next, 0);
    atomic_init(&c.failed, 0);
    pthread_mutex_init(&c.lock, NULL);
    pl_error_clear(&c.err);
    int nt = opt->threads < 1 ? 1 : opt->threads;
    if (nt > c.blocks) nt = (int)c.blocks;
    pthread_t th[256];
    if (nt > 256) nt = 256;
    int started = 0;
    for (; started < nt - 1; started++)
        if (pthread_create(&th[started], NULL, run_worker, &c)) break;
    run_worker(&c);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    pthread_mutex_destroy(&c.lock);
    int rc = PL_OK;
    if (atomic_load(&c.failed)) rc = c.err.code ? pl_error_set(err, c.err.code, "%s", c.err.msg) : pl_error_set(err, PL_ENOMEM, "out of memory");
    if (!rc) {
        double runs = (double)m->runs, per = (double)m->periods;
        res->restraint_runs = c.restraint;
        res->escalation_runs = c.esc_runs;
        res->first_escalation = c.esc_runs ? (double)c.first_sum / c.esc_runs : NAN;
        int measured = __builtin_popcount(m->measured);
        res->escalated_share = (double)c.esc_count / (runs * per * measured);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (long b = 0; b < c.blocks; b++) s += c.block_pay[b * n + i];
            res->payoff[i] = s / (runs * per);
            res->coop[i] = (double)c.coop[i] / (runs * per);
        }
        for (long q = 0; q < (long)m->periods * (n + nb); q++) res->coop_t[q] = (double)c.coop_t[q] / runs;
        res->shock_runs = c.shock_runs;
        res->spread_reached = c.spread_reached;
        res->spread_periods = c.spread_reached ? (double)c.spread_sum / c.spread_reached : NAN;
        for (int h = 0; h < 8; h++) res->reach[h] = c.shock_runs ? (double)c.reach[h] / c.shock_runs : NAN;
        res->recovered = c.recovered;
        rc = replay_record(m, pr, res, err);
    }
    pl_free(c.forced);
    pl_free(c.block_pay);
    pl_free(c.coop_t);
    return rc;
}

