// SPDX-License-Identifier: MIT
/* agreement_trace.c — why an agreement's steps are done or not, counted over many runs.
 *
 * Usage: agreement_trace SCENARIO.yaml [--variant ID] [--runs N] [--seed S] [--set PATH=VALUE]...
 *                        [--held STEP --to PERIOD] [--at-completion STEP]
 *
 * A completion rate says how often; this says why.  Each run is played period by period through
 * the simulator's own functions (pl_ag_begin, pl_ag_period_open, pl_ag_decide, pl_ag_period_close:
 * the run pl_ag_run plays, without its jumps over periods at rest, which skip only periods in
 * which nobody moves), and after each party's decision the tool reads what the choice saw:
 *   - per step, when it first fell due in its actor's eyes: its worth to the actor (the logit's
 *     Delta, pl_ag_delta_start) and the chance a month of starting it; then whether it was
 *     started and completed, and how often it was withdrawn, by cause: the actor's rule answering
 *     a counterpart's withdrawal or breach, the rule answering a step late beyond its patience,
 *     the rule's own withdrawal (opportunist, grim), the choice not keeping it (the logit or a
 *     tremble where the rule keeps it), a shock;
 *   - the answers to lateness: "PARTY halts STEP because LATE ran late", in how many runs;
 *   - the runs that came within one step of completing (every core step in force but one at the
 *     end of some period), and which step was the one missing;
 *   - with --at-completion STEP: in the runs where STEP completes, which core steps are out of
 *     force at the end of the period it first completes in (what it waited for, and lost);
 *   - with --held STEP --to PERIOD: the share of runs in which the step was completed and never
 *     withdrawn before that period (the Agreed Framework's freeze held to 2002-10, say).
 * It prints the completion rate of the variant as well: it must equal `parley run`'s on the same
 * seed and runs (tests/e2e/agreement_trace.sh checks it), which is how the tool shows it plays the
 * simulator's runs.  Everything is read from the state; nothing is changed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "agreement/agreement_output.h"
#include "parley/parley.h"
#include "scenario/overrides.h"
#include "scenario/scenario.h"

enum { W_ANSWER, W_LATE, W_RULE, W_CHOICE, W_SHOCK, W_N };
static const char *const w_names[W_N] = {"answer", "late", "rule", "choice", "shock"};

typedef struct step_tally {
    long due, started, completed;
    double delta_sum, p_sum;    /* at the first period due */
    double withdrawn[W_N];      /* withdrawals, summed over runs */
    double keep_periods, keep_hazard; /* periods it could be withdrawn, and the chance summed */
    double choice_delta;        /* the worth of keeping it (pl_ag_delta_keep), summed over the choice's withdrawals */
} step_tally;

static int usage(void)
{
    fprintf(stderr, "usage: agreement_trace SCENARIO.yaml [--variant ID] [--runs N] [--seed S] [--set PATH=VALUE]... "
                    "[--held STEP --to PERIOD]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *variant = NULL, *held_id = NULL, *at_id = NULL;
    const char *sets[64];
    int n_sets = 0, held_to = -1;
    long runs = 2000;
    unsigned long long seed = 0;
    int seed_given = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--variant") && i + 1 < argc)
            variant = argv[++i];
        else if (!strcmp(a, "--runs") && i + 1 < argc)
            runs = strtol(argv[++i], NULL, 10);
        else if (!strcmp(a, "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10), seed_given = 1;
        else if (!strcmp(a, "--set") && i + 1 < argc && n_sets < 64)
            sets[n_sets++] = argv[++i];
        else if (!strcmp(a, "--held") && i + 1 < argc)
            held_id = argv[++i];
        else if (!strcmp(a, "--at-completion") && i + 1 < argc)
            at_id = argv[++i];
        else if (!strcmp(a, "--to") && i + 1 < argc)
            held_to = atoi(argv[++i]);
        else if (a[0] != '-' && !path)
            path = a;
        else
            return usage();
    }
    if (!path || runs <= 0 || (held_id && held_to < 0)) return usage();

    pl_error err;
    pl_scenario *sc;
    if (pl_scenario_open(&sc, path, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
    pl_ydoc *doc = (pl_ydoc *)pl_scenario_doc(sc);
    pl_agreement *a;
    if (pl_overrides_apply(doc, pl_scenario_reader_of(doc), sets, n_sets, NULL, &err) || pl_agreement_from_doc(doc, &a, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        pl_scenario_free(sc);
        return 2;
    }
    int v = variant ? pl_agreement_find_variant(a, variant) : 0;
    int held = held_id ? pl_agreement_find_step(a, held_id) : -1, at = at_id ? pl_agreement_find_step(a, at_id) : -1;
    if (v < 0 || (held_id && held < 0) || (at_id && at < 0)) {
        fprintf(stderr, "agreement_trace: unknown %s '%s'\n", v < 0 ? "variant" : "step",
                v < 0 ? variant : (held_id && held < 0) ? held_id : at_id);
        pl_agreement_free(a), pl_scenario_free(sc);
        return 2;
    }
    if (!seed_given) seed = pl_agreement_seed(a);
    static pl_ag_compiled c;
    pl_ag_compile(a, v, &c);
    const int S = c.n_steps, P = c.n_parties;
    static step_tally tal[PL_AG_MAX_STEPS];
    static long late_runs[PL_AG_MAX_STEPS][PL_AG_MAX_STEPS]; /* [withdrawn][late] */
    static long answer_runs[PL_AG_MAX_STEPS][PL_AG_MAX_STEPS]; /* [withdrawn][breached] */
    long completed = 0, held_runs = 0;
    static long missing_one[PL_AG_MAX_STEPS]; /* runs that had every core step in force but this one */
    long near = 0, at_runs = 0;
    static long at_out[PL_AG_MAX_STEPS]; /* runs where step `at` first completed with this core step out of force */

    for (long r = 0; r < runs; r++) {
        pl_ag_draws d;
        pl_ag_outcome o;
        static pl_ag_run_state R;
        pl_ag_draw(&c, seed, (uint64_t)r, &d);
        pl_ag_begin(&c, &d, &R, &o);
        pl_bits seen_due = 0, late_seen[PL_AG_MAX_STEPS] = {0}, answer_seen[PL_AG_MAX_STEPS] = {0};
        int held_ok = 1;
        pl_bits missed_alone = 0;
        int at_seen = 0;
        if (c.horizon > 0) pl_ag_period_open(&c, &d, &R, &o, NULL);
        while (R.t < c.horizon) {
            pl_ag_state *st = &R.st;
            pl_bits before = st->done | st->prog;
            pl_ag_move all = {0, 0, 0, 0}, rules = {0, 0, 0, 0};
            for (int p = 0; p < P; p++) {
                pl_ag_move m;
                pl_ag_decide(&c, st, p, &m);
                if (c.behave) rules.reverse |= st->plan_rule[p].reverse;
                else
                    rules.reverse |= m.reverse;
                all.start |= m.start, all.reverse |= m.reverse, all.retal |= m.retal, all.opp |= m.opp;
                if (!c.behave) continue;
                /* a step newly due in its actor's eyes: what its choice saw */
                for (pl_bits b = st->plan_cs[p] & ~st->started & ~seen_due; b; b &= b - 1) {
                    int s = __builtin_ctzll(b);
                    seen_due |= PL_BIT(s);
                    tal[s].due++;
                    tal[s].delta_sum += pl_ag_delta_start(&c, st, p, s);
                    tal[s].p_sum += st->p_act[s];
                }
                for (pl_bits b = st->plan_ck[p]; b; b &= b - 1) {
                    int s = __builtin_ctzll(b);
                    tal[s].keep_periods++;
                    tal[s].keep_hazard += 1 - st->p_act[s];
                }
            }
            for (pl_bits b = all.reverse & before; b; b &= b - 1) {
                int s = __builtin_ctzll(b);
                pl_bits bit = PL_BIT(s);
                int w = W_CHOICE;
                if (rules.reverse & bit) {
                    w = W_RULE;
                    if (all.retal & bit) {
                        pl_bits lt = c.behave ? st->late[c.actor[s]] & c.link[s] : 0;
                        w = lt ? W_LATE : W_ANSWER;
                        if (lt && !(late_seen[s] & lt)) {
                            int x = __builtin_ctzll(lt & ~late_seen[s]);
                            late_seen[s] |= PL_BIT(x);
                            late_runs[s][x]++;
                        }
                        pl_bits br = pl_ag_threat(&c, st, c.actor[s]) & c.link[s] & ~lt;
                        if (!lt && br && !(answer_seen[s] & br)) {
                            int x = __builtin_ctzll(br & ~answer_seen[s]);
                            answer_seen[s] |= PL_BIT(x);
                            answer_runs[s][x]++;
                        }
                    }
                }
                tal[s].withdrawn[w]++;
                if (w == W_CHOICE && c.behave) tal[s].choice_delta += pl_ag_delta_keep(&c, st, c.actor[s], s);
                if (s == held && R.t < held_to) held_ok = 0;
            }
            for (pl_bits b = all.start & ~st->started; b; b &= b - 1) tal[__builtin_ctzll(b)].started++;
            pl_ag_period_close(&c, &d, &R, &o, &all, NULL);
            pl_bits out_of_force = c.core & ~(R.st.done & ~R.st.covert);
            if (out_of_force && !(out_of_force & (out_of_force - 1))) missed_alone |= out_of_force;
            if (at >= 0 && !at_seen && (R.st.done >> at & 1)) {
                at_seen = 1, at_runs++;
                for (pl_bits b = out_of_force; b; b &= b - 1) at_out[__builtin_ctzll(b)]++;
            }
            if (R.t < c.horizon) {
                pl_bits before_open = R.st.done | R.st.prog, pre_rev = R.st.rev;
                pl_ag_period_open(&c, &d, &R, &o, NULL);
                /* a shock or a found covert withdrawal forces steps back as the period opens */
                for (pl_bits b = before_open & ~(R.st.done | R.st.prog) & R.st.rev & ~pre_rev; b; b &= b - 1) {
                    int s = __builtin_ctzll(b);
                    tal[s].withdrawn[W_SHOCK]++;
                    if (s == held && R.t < held_to) held_ok = 0;
                }
            }
        }
        pl_ag_finish(&c, &R, &o);
        for (int s = 0; s < S; s++)
            if (o.ever_done >> s & 1) tal[s].completed++;
        if (o.complete_t >= 0) completed++;
        if (missed_alone) near++;
        for (pl_bits b = missed_alone; b; b &= b - 1) missing_one[__builtin_ctzll(b)]++;
        if (held >= 0 && held_ok && (o.ever_done >> held & 1)) held_runs++;
    }

    printf("%s, variant %s: %ld runs, seed %llu\n", pl_agreement_name(a), pl_agreement_variant_id(a, v), runs, seed);
    printf("complete: %.1f %% (%ld runs)\n", 100.0 * completed / runs, completed);
    if (held >= 0)
        printf("%s completed and never withdrawn before period %d: %.1f %% (%ld runs)\n", held_id, held_to,
               100.0 * held_runs / runs, held_runs);
    printf("\n%-12s %-6s %6s %8s %7s %8s %9s  withdrawn a run: %s %s %s %s %s   keep: hazard a month\n", "step", "actor",
           "due%", "delta", "p/month", "started%", "complete%", w_names[0], w_names[1], w_names[2], w_names[3],
           w_names[4]);
    for (int s = 0; s < S; s++) {
        step_tally *t = &tal[s];
        char dl[32] = "-", pm[32] = "-";
        if (t->due) {
            snprintf(dl, sizeof dl, "%+.2f", t->delta_sum / t->due);
            snprintf(pm, sizeof pm, "%.3f", t->p_sum / t->due);
        }
        printf("%-12s %-6s %6.1f %8s %7s %8.1f %9.1f  ", pl_agreement_step_id(a, s),
               pl_agreement_party_id(a, c.actor[s]), 100.0 * t->due / runs, dl, pm, 100.0 * t->started / runs,
               100.0 * t->completed / runs);
        for (int w = 0; w < W_N; w++) printf(" %.2f", t->withdrawn[w] / runs);
        if (t->keep_periods)
            printf("   %.4f over %.1f periods a run", t->keep_hazard / t->keep_periods, t->keep_periods / runs);
        if (t->withdrawn[W_CHOICE])
            printf("; worth keeping at a choice's withdrawal %+.2f", t->choice_delta / t->withdrawn[W_CHOICE]);
        printf("\n");
    }
    printf("\nruns with every core step in force but one at the end of some period: %.1f %%; the one missing:\n",
           100.0 * near / runs);
    for (int s = 0; s < S; s++)
        if (missing_one[s]) printf("  %s (%s): %.1f %%\n", pl_agreement_step_id(a, s), pl_agreement_party_id(a, c.actor[s]),
                                   100.0 * missing_one[s] / runs);
    if (at >= 0) {
        printf("\n%s completed in %ld runs; out of force at the end of the period it first completed in:\n", at_id,
               at_runs);
        for (int s = 0; s < S; s++)
            if (at_out[s]) printf("  %s (%s): %.1f %%\n", pl_agreement_step_id(a, s), pl_agreement_party_id(a, c.actor[s]),
                                  100.0 * at_out[s] / at_runs);
    }
    printf("\nanswers to lateness (runs in which the actor withdrew STEP in answer to LATE running late):\n");
    int any = 0;
    for (int s = 0; s < S; s++)
        for (int x = 0; x < S; x++)
            if (late_runs[s][x]) {
                any = 1;
                printf("  %s halts %s because %s ran late: %.1f %%\n", pl_agreement_party_id(a, c.actor[s]),
                       pl_agreement_step_id(a, s), pl_agreement_step_id(a, x), 100.0 * late_runs[s][x] / runs);
            }
    if (!any) printf("  none\n");
    printf("\nanswers to withdrawals and breaches (runs in which the actor withdrew STEP in answer to BREACHED):\n");
    any = 0;
    for (int s = 0; s < S; s++)
        for (int x = 0; x < S; x++)
            if (answer_runs[s][x]) {
                any = 1;
                printf("  %s halts %s because %s was withdrawn or reported breached: %.1f %%\n",
                       pl_agreement_party_id(a, c.actor[s]), pl_agreement_step_id(a, s), pl_agreement_step_id(a, x),
                       100.0 * answer_runs[s][x] / runs);
            }
    if (!any) printf("  none\n");
    pl_agreement_free(a);
    pl_scenario_free(sc);
    return 0;
}
