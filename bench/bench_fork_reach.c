// SPDX-License-Identifier: MIT
/* bench_fork_reach.c — how far a run could be shared: with another point's run, or with the run before it.
 *
 *   build/release/bench/bench_fork_reach [SCENARIO.yaml] [RUNS] --set PATH=VALUE...
 *
 * The sensitivity analyses fork a one-at-a-time end's runs from the baseline's where only a draw's
 * threshold differs (agreement_fork.c).  Whether other ends could be forked too depends on how long their
 * runs stay the baseline's.  This plays, for RUNS runs of each variant (default 5,000), the baseline's run
 * and the point's (the scenario with the --set overrides, as parley sensitivity makes an end) side by side,
 * a stretch at a time from the same draws, and reports how many of the point's stretches and periods come
 * before the first stretch after which the two differ in what anyone can see: the periods, the steps done,
 * under way, started, withdrawn and verified, and every party's and the public's late steps.  That is an
 * upper bound on what a fork could save: a point whose parameters the Bayes update reads (the tremble)
 * parts in its beliefs before it parts in anything seen, and a fork must also find where it parts, at a
 * cost of its own (for the rationality, the discount: the point's chance at every choice drawn).
 *
 * Then, with the runs in the order of their types (pl_ag_order_by_types), how many of the baseline's
 * stretches leave its run as the previous run of the same types left its own after as many stretches:
 * the most that sharing whole periods between runs could save.
 *
 * Without --set only the second figure is made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement/agreement.h"
#include "agreement/agreement_policy.h"
#include "parley/agreement.h"

#define MAX_STRETCHES 256 /* kept of a run for the comparison with the next (a run of 48 periods has fewer) */

/* What anyone can see of a run between stretches. */
typedef struct seen {
    int t;
    pl_bits done, prog, started, rev, verified, late_pub, late[PL_AG_MAX_PARTIES];
} seen;

static seen seen_of(const pl_ag_compiled *c, const pl_ag_loop *L)
{
    const pl_ag_state *st = &L->R.st;
    seen v;
    memset(&v, 0, sizeof v);
    v.t = L->R.t, v.done = st->done, v.prog = st->prog, v.started = st->started, v.rev = st->rev;
    v.verified = st->verified, v.late_pub = st->late_pub;
    for (int p = 0; p < c->n_parties; p++) v.late[p] = st->late[p];
    return v;
}

int main(int argc, char **argv)
{
    const char *path = "scenarios/korea/six-party-2007.yaml";
    int runs = 5000, n_sets = 0, n_pos = 0;
    const char *sets[64];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--set") && i + 1 < argc && n_sets < 64)
            sets[n_sets++] = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "bench_fork_reach: unknown or incomplete option '%s'\n", argv[i]);
            return 2;
        } else if (n_pos++ == 0)
            path = argv[i];
        else {
            char *end;
            long r = strtol(argv[i], &end, 10);
            if (end == argv[i] || *end || r < 1 || r > PL_AG_ORDER_MAX) {
                fprintf(stderr, "bench_fork_reach: RUNS '%s': expected a whole number from 1 to %d\n", argv[i], PL_AG_ORDER_MAX);
                return 2;
            }
            runs = (int)r;
        }
    }
    pl_error err;
    pl_agreement *a = NULL, *b = NULL;
    if (pl_agreement_load(&a, path, &err) || (n_sets && pl_agreement_load_set(&b, path, sets, n_sets, &err))) {
        fprintf(stderr, "bench_fork_reach: %s\n", err.msg);
        return 2;
    }
    const int nv = pl_agreement_n_variants(a);
    pl_ag_compiled *c0 = malloc(sizeof *c0), *ca = malloc(sizeof *ca), *cb = malloc(sizeof *cb);
    pl_ag_loop *A = malloc(sizeof *A), *B = malloc(sizeof *B);
    pl_ag_run_order *order = malloc(sizeof *order);
    seen *prev = malloc(sizeof *prev * MAX_STRETCHES), *cur = malloc(sizeof *cur * MAX_STRETCHES);
    if (!c0 || !ca || !cb || !A || !B || !order || !prev || !cur) return 1;
    pl_ag_compile(a, a->n_variants > 0 ? 0 : -1, c0); /* the draws are made with variant 0's tables */
    pl_ag_draws d;

    /* the point's runs beside the baseline's */
    if (b) {
        long never = 0;
        double stretches = 0, before = 0, periods = 0, before_t = 0;
        for (int v = 0; v < nv; v++) {
            pl_ag_compile(a, a->n_variants > 0 ? v : -1, ca), pl_ag_compile(b, b->n_variants > 0 ? v : -1, cb);
            if (pl_ag_opening_make(ca) || pl_ag_opening_make(cb)) return 1;
            for (int r = 0; r < runs; r++) {
                pl_ag_draw(c0, a->seed, (uint64_t)r, &d);
                int la = pl_ag_loop_begin(ca, &d, A), lb = pl_ag_loop_begin(cb, &d, B), n = 0, part = -1, part_t = 0;
                seen sa = seen_of(ca, A), sb = seen_of(cb, B);
                if (la != lb || memcmp(&sa, &sb, sizeof sa)) part = 0;
                while (lb) {
                    if (part < 0 && la) la = pl_ag_loop_stretch(ca, &d, A);
                    lb = pl_ag_loop_stretch(cb, &d, B), n++;
                    sa = seen_of(ca, A), sb = seen_of(cb, B);
                    if (part < 0 && (la != lb || memcmp(&sa, &sb, sizeof sa))) part = n, part_t = B->R.t;
                }
                stretches += n, periods += B->R.t;
                if (part < 0) never++, before += n, before_t += B->R.t;
                else before += part, before_t += part_t;
            }
            pl_ag_opening_drop(ca), pl_ag_opening_drop(cb);
        }
        printf("%s with", path);
        for (int k = 0; k < n_sets; k++) printf(" --set %s", sets[k]);
        printf(": %d runs x %d variants; %.1f %% never part from the baseline's; %.1f %% of the point's stretches "
               "and %.1f %% of its periods come before they part\n",
               runs, nv, 100.0 * (double)never / ((double)runs * nv), 100 * before / stretches, 100 * before_t / periods);
    }

    /* each baseline run beside the previous run of the same types */
    pl_ag_order_by_types(c0, a->seed, 0, runs, order);
    double stretches = 0, shared = 0;
    for (int v = 0; v < nv; v++) {
        pl_ag_compile(a, a->n_variants > 0 ? v : -1, ca);
        if (pl_ag_opening_make(ca)) return 1;
        int n_prev = 0;
        for (int i = 0; i < runs; i++) {
            const int r = order->run[i];
            pl_ag_draw(c0, a->seed, (uint64_t)r, &d);
            int live = pl_ag_loop_begin(ca, &d, A), n = 0;
            cur[n++] = seen_of(ca, A);
            while (live) {
                live = pl_ag_loop_stretch(ca, &d, A);
                if (n < MAX_STRETCHES) cur[n++] = seen_of(ca, A);
            }
            int k = 0;
            if (i > 0 && !memcmp(order->type[r], order->type[order->run[i - 1]], sizeof order->type[r]))
                while (k < n && k < n_prev && !memcmp(&cur[k], &prev[k], sizeof cur[k])) k++;
            stretches += n, shared += k;
            seen *x = prev;
            prev = cur, cur = x, n_prev = n;
        }
        pl_ag_opening_drop(ca);
    }
    printf("%s: %d runs x %d variants in the order of their types; %.1f %% of the stretches leave a run as the "
           "previous run of the same types was after as many\n",
           path, runs, nv, 100 * shared / stretches);
    free(prev), free(cur), free(order), free(A), free(B), free(c0), free(ca), free(cb);
    pl_agreement_free(a), pl_agreement_free(b);
    return 0;
}
