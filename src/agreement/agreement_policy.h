// SPDX-License-Identifier: MIT
/* agreement_policy.h — what each party does each period, from what it has verified.
 *
 * A policy sees the common public state (which steps are verified, which have
 * been reversed or reported breached) and returns the set of its own steps to
 * start or restore and the set to reverse.  All parties decide on the same
 * snapshot, so moves within a period are simultaneous.  The rules, in words,
 * are in docs/agreements.md; the essentials:
 *  - reciprocal: start a step when every step it requires is verified; when a
 *    counterpart reverses a step exchanged for ours (one ours requires, or one
 *    that requires ours), reverse ours; resume when it is restored.  A reversal
 *    that was itself an answer does not call for an answer (no endless echo),
 *    and a step we reversed may be restored once what it requires is verified
 *    or was withdrawn only in answer to us.
 *  - unconditional: do every own step at once, never reverse.
 *  - all_first: reciprocal, and start nothing until every counterpart step it
 *    waits for is verified ("denuclearisation first"); with `gates`, only
 *    the named own steps wait.
 *  - grit: start the initiatives at once and keep them; reciprocal otherwise.
 *  - grim: reciprocal until the first counterpart reversal, then reverse all
 *    it can and never act again.
 *  - opportunist: reciprocal, but reverse a step that costs it to keep in force
 *    once nothing more depends on it and what it would lose in answer is worth
 *    less per period than what it saves.
 *  - hold: reciprocal, but never does the held steps (a spoiler).
 * Each rule is one entry of pl_ag_policy_types (agreement_policy.c): a name, a
 * description and its function, as strategies are.  With a `behaviour:` block the
 * rule is what a party of that type would do; agreement_choice.c then makes the
 * choice stochastic (a tremble, or a logit over its payoffs), and a counterpart's
 * step late beyond the party's patience is answered as a reversal is. */
#ifndef PL_AG_POLICY_H
#define PL_AG_POLICY_H

#include <assert.h>

#include "agreement/agreement.h"

typedef struct pl_ag_move {
    pl_bits start, reverse, retal, opp;
} pl_ag_move;

struct pl_ag_type_watch; /* below */
typedef struct pl_ag_state {
    int t;
    pl_bits started, prog, done, rev, verified, breach, retal, opp, ever_done;
    uint32_t grim;                   /* parties that have seen a breach (bit p): the memory grim reads */
    uint32_t shock_on;               /* shocks that have happened and change flows (`flows:`) */
    pl_bits covert;                  /* steps withdrawn in secret: done to the public, not in force */
    pl_bits disputed[PL_AG_MAX_PARTIES]; /* steps in force that party counts breached by an ambiguous event */
    int type[PL_AG_MAX_PARTIES];
    /* behaviour only (c->behave): time and beliefs */
    uint64_t choice_key;
    /* NULL (as a run opens), or the points watching this run's beliefs (pl_ag_type_watch) */
    struct pl_ag_type_watch *type_watch;
    pl_bits late[PL_AG_MAX_PARTIES]; /* counterpart core steps each party counts late: a breach to it */
    pl_bits late_pub, late_pub_new;  /* late on the public (verified) view; newly so this period */
    int next_late;                   /* first later period at which some step turns late */
    pl_bits time_sig[5];             /* the state lateness was last computed on, or found to hold for (agreement_time.c) */
    pl_bits time_cand, time_rel;     /* ... the steps that could be due then, and those `not_before` released
                                      * (the plans read time_rel as the steps released this period) */
    pl_bits due_mask[PL_AG_MAX_PARTIES + 1];
    uint32_t view_same;              /* the parties whose clocks are the public ones (bit p) */
    uint32_t pat_same;               /* the parties whose patience is the public view's (bit p; pl_ag_time_init) */
    uint32_t late_of_pub;            /* the parties whose late steps were last made from late_pub (pub & core & ~own) */
    double would_answer[PL_AG_MAX_PARTIES]; /* chance the party answers a breach */
    uint32_t bel_ver;                /* bumped at every change of beliefs */
    uint32_t bel_dirty;              /* parties whose beliefs changed since the expectations were made */
    uint32_t exp_grim;               /* st->grim when the expectations were last made */
    /* each party's last rule move and choice plan, and what says whether they still hold: the public
     * state, compared at the first decision of each period with the one before (pub_last; an epoch
     * counts the periods in which it differed), drops the plans that read a step that moved
     * (plan_ok); the party's late steps and its own memory are kept beside the plan; plan_noted and
     * plan_grim say which parties decided on the snapshot of epoch plan_epoch, and with what memory
     * (agreement_beliefs.c reuses their moves): plan_grim, bit p, is p's own memory when it last decided
     * (st->grim's bit p), the only one its rule reads */
    int pub_t;                       /* 1 + the period the epoch was last checked, 0 never */
    uint32_t pub_epoch;
    pl_bits pub_last[12];
    uint32_t plan_ok;                /* parties none of whose plan's reads (c->readers_*) moved since it was made */
    uint32_t plan_epoch, plan_noted, plan_grim;
    /* 1 + the period whose decisions (pl_ag_decide_all_behaved) found every party's plan holding, or made
     * it, on its snapshot: there each party's keys are those of its plan (agreement_beliefs.c); 0 never */
    int plan_all_t;
    /* what the plan was made (or last found to hold) on: the party's late and disputed steps, and
     * the threats and withdrawals in answer its rule reads (pl_ag_plan_keys_hold); ans_moved: some
     * `rev`, `breach` or `retal` moved since the period pub_check compared before */
    pl_bits plan_late[PL_AG_MAX_PARTIES], plan_key_threat[PL_AG_MAX_PARTIES], plan_key_restore[PL_AG_MAX_PARTIES];
    uint32_t ans_moved;
    /* the parties whose late or disputed steps may have moved since the decisions last compared them with
     * plan_late (bit p; set where the lateness changes a party's late steps, and wherever a disputed set is
     * written; cleared by pl_ag_decide_all_behaved for the parties and by plan_now for its party, after which
     * their plan_late is their late and disputed steps): a party not in it has them as its plan_late, and the
     * memory's test (its threat) as the last decisions found it, while ans_moved is 0 */
    uint32_t ld_moved;
    pl_ag_move plan_rule[PL_AG_MAX_PARTIES];
    pl_bits plan_cs[PL_AG_MAX_PARTIES], plan_ck[PL_AG_MAX_PARTIES];
    /* the chance (the logit's, the tremble on top: eps + span pi) of starting (pi_start) or keeping
     * (pi_keep) each own step, as its actor's last plan computed it: valid for the steps of pi_ok_start /
     * pi_ok_keep.
     * A step's worth reads only the step itself, the counterpart steps that hang on it or are
     * exchanged for it (c->pi_readers), their actors' expectations and the shocks; when one of
     * those changes, the chances that read it are dropped (plan_holds, pl_ag_expectations) */
    pl_bits pi_ok_start, pi_ok_keep;
    /* every party's plan merged (each party's part replaced when its plan is remade): of the parties
     * that choose, the steps that may start (agg_cs) or be kept (agg_ck), those of them whose rule
     * starts (agg_cs_start) or keeps (agg_ck_keep) them, and the rules' answers and opportunism; of
     * the parties that follow their rule exactly (c->exact), the rule's move (fix_*) */
    pl_bits agg_cs, agg_ck, agg_cs_start, agg_ck_keep, agg_retal, agg_opp;
    pl_bits fix_start, fix_reverse, fix_retal, fix_opp;
    /* ---- not cleared when a run opens (pl_ag_begin): each entry is written before it is read ---- */
    short due_since[PL_AG_MAX_PARTIES + 1][PL_AG_MAX_STEPS]; /* per party, and [n_parties] the public view */
    /* ... and the period each due step is due done by, made when it fell due: the later of its deadline
     * and its duration from then (agreement_time.c; periods are below PL_AG_MAX_HORIZON, twice over) */
    short due_by[PL_AG_MAX_PARTIES + 1][PL_AG_MAX_STEPS];
    double belief[PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];     /* public belief over each party's type */
    double would_do[PL_AG_MAX_STEPS];    /* under the beliefs: chance the actor would ever do the step */
    double p_act[PL_AG_MAX_STEPS];   /* for each step, its actor's last plan */
    double pi_start[PL_AG_MAX_STEPS], pi_keep[PL_AG_MAX_STEPS];
    /* the parties whose type drawn for the run is opportunist, all_first, grim (bit p): made at the
     * run's first decision (pub_check) */
    uint32_t type_opp, type_waits, type_grim;
} pl_ag_state;

/* Other compiled variants watching a run's draws (agreement_fork.c): variants that differ from the
 * run's only in draw thresholds.  At each verification delay drawn with a step's p_confirm, every point
 * in `pending` whose own p_confirm would give another delay from the same uniform gets its bit in
 * `differs` (its run would part from this one there); and at each read of the shock schedule, every
 * point in `shocks` whose own schedule (draws[k]) would give another answer. */
#define PL_AG_WATCH_MAX 32
typedef struct pl_ag_watch {
    const pl_ag_compiled *point[PL_AG_WATCH_MAX];
    const pl_ag_draws *draws[PL_AG_WATCH_MAX];
    uint32_t pending, shocks, differs;
} pl_ag_watch;

/* Other compiled variants watching a run's beliefs (agreement_fork.c): variants that differ from the run's
 * only in the priors over some parties' types (parties[k], bit j), and that draw the run's types.  Such a
 * point's run reads its beliefs only through its expectations (pl_ag_expectations), and those only through
 * the logit chances of the steps whose worths read them; so it is the watched run as long as every choice
 * drawn comes out the same under its own chances.  The watch keeps, for each point: its beliefs about those
 * parties (belief[k][j]), updated by each of the run's Bayes updates as its own run would update them
 * (agreement_beliefs.c); its expectations about them (answer, would_do), remade where the run's are
 * (agreement_choice.c); the steps whose worths read one of those that differs from the run's (reads[k]);
 * and, for those of them the last plans draw a logit choice for (acts[k]), the point's own chance
 * (chance[k][s]).  Every choice drawn for such a step (the decisions,
 * and the periods a quiet stretch or a run at rest skips) is drawn against both chances; where they answer
 * otherwise, or where an update normalises otherwise, the point in `pending` gets its bit in `differs`. */
typedef struct pl_ag_type_watch {
    uint32_t pending, differs;
    uint32_t parties[PL_AG_WATCH_MAX];
    pl_bits reads[PL_AG_WATCH_MAX], reads_of[PL_AG_WATCH_MAX][PL_AG_MAX_PARTIES];
    pl_bits acts[PL_AG_WATCH_MAX];
    double belief[PL_AG_WATCH_MAX][PL_AG_MAX_PARTIES][PL_AG_MAX_OPTIONS];
    double answer[PL_AG_WATCH_MAX][PL_AG_MAX_PARTIES];
    double would_do[PL_AG_WATCH_MAX][PL_AG_MAX_STEPS];
    double chance[PL_AG_WATCH_MAX][PL_AG_MAX_STEPS];
} pl_ag_type_watch;

/* Point k's expectations about party j made from its beliefs with st's memory (agreement_choice.c), and the
 * steps whose worths read one that differs from st's (reads_of[k][j], and all of its parties' in reads[k]). */
void pl_ag_watch_expect(const pl_ag_compiled *c, const pl_ag_state *st, pl_ag_type_watch *w, int k, int j);
/* The watch's chances for the steps of `starts` (to start) and `keeps` (to keep) that read an expectation
 * of some point's that differs (the plans' logit choices: the merged plans at the decisions, the plans
 * remade at rest), made with the point's expectations (agreement_choice.c) */
void pl_ag_watch_chances(const pl_ag_compiled *c, pl_ag_state *st, pl_bits starts, pl_bits keeps);
/* ... and the choices of periods from..to (inclusive) drawn against them and the run's (st->p_act). */
void pl_ag_watch_draws(const pl_ag_state *st, int from, int to);

#ifndef NDEBUG
/* The sanitizer build only (the tests): with pl_ag_check_chances set, every logit chance a plan takes from the
 * state's cache (pi_start, pi_keep where pi_ok_*) is made afresh too, and a cached one that differs is counted
 * in pl_ag_stale_chances.  A missed drop of the cache rarely changes a result (only a draw that falls between
 * the two chances does), so the tests of the caches' keepers (the forks, the watch) read this count. */
extern int pl_ag_check_chances;
extern long pl_ag_stale_chances;
#endif

/* One run in progress: the public state and what the simulator keeps beside it.
 * pl_ag_run plays a whole run with it; the stepper (agreement_stepper.c) one period at a time. */
typedef struct pl_ag_run_state {
    pl_ag_state st;
    pl_rng late;
    int t;                       /* the period to play next */
    int occ_i;                   /* next shock occurrence */
    int max_not_before;
    int remaining[PL_AG_MAX_STEPS], verify_at[PL_AG_MAX_STEPS], false_at[PL_AG_MAX_STEPS], detect_at[PL_AG_MAX_STEPS];
    int rev_t[PL_AG_MAX_STEPS];  /* first reversal of each step (valid where ever_rev) */
    pl_bits full;                /* steps whose whole quantity is delivered (completed, not undone since) */
    pl_bits ver_drawn, false_drawn, ever_rev;
    uint32_t covert_types[PL_AG_MAX_STEPS]; /* behaviour: the types whose rule withdrew a covert step then */
    /* once a shock has changed flows (st.shock_on): the steps that pay flows (pl_ag_flowing) and what
     * each pays each party a period (pl_ag_flow), made when a shock changes them */
    pl_bits flowing_on;
    double flow_on[PL_AG_MAX_STEPS][PL_AG_MAX_PARTIES];
    /* no confirmation, false report or detection falls before this period (verify_at of the steps
     * done and not verified, false_at of those verified, detect_at of the covert): lowered as each
     * is drawn, made exact by the opening that reaches it (a step withdrawn since may leave it early) */
    int next_event;
    /* 1: the payoffs of the periods are not added up (o->pay keeps what the opening and the moves' one-off
     * costs added), nor the belief changes of the periods' Bayes updates recorded: a run cut at completion
     * for its completion alone (pl_ag_completion_of), whose outcome nobody reads but its completion;
     * nothing a run does reads them */
    int unpaid;
    pl_ag_watch *watch;          /* NULL (as a run opens), or the points watching its delays drawn */
} pl_ag_run_state;

/* The pieces of pl_ag_run (agreement_simulate.c), in the order it calls them: begin, then for each
 * period open, every party's pl_ag_decide (pl_ag_decide_all: all at once), close (and, when close
 * says the run is at rest, skip), then finish. */
void pl_ag_begin(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o);
void pl_ag_period_open(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                       const pl_ag_trace *tr);
int pl_ag_period_close(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                       const pl_ag_move *all, const pl_ag_trace *tr);
void pl_ag_fast_forward(const pl_ag_compiled *c, pl_ag_run_state *R, pl_ag_outcome *o);
/* At rest: jumps to the next period at which some party's choice acts (a tremble, a logit
 * choice), adding the flows of the periods passed, or to the horizon.  Returns 1 at the horizon. */
int pl_ag_skip(const pl_ag_compiled *c, pl_ag_run_state *R, pl_ag_outcome *o);
/* Close, then open the next period, skipping a stretch at rest, or a quiet stretch (after a period
 * of pl_ag_decide_all's decisions that moved nothing, the periods up to the next event or the next
 * choice that acts): pl_ag_run's step from one period's decisions to the next.  Returns 0 once the
 * run is over (the horizon reached). */
int pl_ag_period_next(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                      const pl_ag_move *all, const pl_ag_trace *tr);
/* After a close (rest: what it returned): opens the next period and, at rest, jumps to the next
 * choice that acts (pl_ag_skip), as pl_ag_period_next does after it, with no quiet stretch skipped
 * (the tests' period-by-period reference).  Returns 0 once the run is over. */
int pl_ag_period_reopen(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o, int rest,
                        const pl_ag_trace *tr);
void pl_ag_finish(const pl_ag_compiled *c, const pl_ag_run_state *R, pl_ag_outcome *o);
/* Whether the run, from period R->t on, can no longer complete before the horizon (a lower bound on
 * when each core step not in force could be: runs counted by completion alone end there); if it can
 * still, *until gets a period before which it still can while no step leaves force and no step is
 * withdrawn since (agreement_simulate.c, where the runs cut at completion look again only then). */
int pl_ag_cannot_complete(const pl_ag_compiled *c, const pl_ag_run_state *R, int *until);

/* pl_ag_run's loop (agreement_simulate.c's run_periods; agreement_fork.c plays runs so a stretch at a
 * time, to fork them between stretches).  until_complete: 0 the whole run; 1 cut at completion, or where
 * it can no longer complete; 2 cut so, and the payoffs not added up (R->unpaid).
 * pl_ag_loop_open: the opening (the variant's shared opening, or begin, period 0's opening and
 * decisions into *all); 0 if the run ended there.  Then each stretch is pl_ag_period_next, for a run cut
 * at completion pl_ag_loop_cut, the horizon's test, and pl_ag_decide_all into *all. */
int pl_ag_loop_open(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                    pl_ag_move *all, int until_complete);
/* After a stretch of a run cut at completion: 1 where it ends (completed, or it can no longer complete).
 * until, force, rev (0 at the opening): pl_ag_cannot_complete's last look, the run can still complete
 * before period `until` while the steps in force then (`force`) stay so and no step is withdrawn that was
 * not then (`rev`).  By address, so that run_periods keeps them in registers. */
static inline __attribute__((always_inline)) int pl_ag_loop_cut(const pl_ag_compiled *c, const pl_ag_run_state *R,
                                                                const pl_ag_outcome *o, int *until, pl_bits *force,
                                                                pl_bits *rev)
{
    if (o->complete_t >= 0) return 1;
    const pl_bits in_force = R->st.done & ~R->st.covert;
    if (R->t >= *until || (*force & ~in_force) || (R->st.rev & ~*rev)) {
        if (pl_ag_cannot_complete(c, R, until)) return 1;
        *force = in_force, *rev = R->st.rev;
    }
    return 0;
}

/* Of a block's runs kept a bit a run (completed or not, under two designs or points), how many the first
 * completed and the second did not: the paired tallies of the many-run drivers (agreement_simulate.c's work,
 * agreement_fork.c's). */
static inline uint64_t pl_ag_only_completed(const uint64_t *a, const uint64_t *b, size_t words)
{
    uint64_t k = 0;
    for (size_t q = 0; q < words; q++) k += (uint64_t)__builtin_popcountll(a[q] & ~b[q]);
    return k;
}

/* The opening of a variant's runs, made once (c->opening): pl_ag_begin, the opening of period 0 and its
 * decisions are the same in every run but for the types drawn, which only the plans read (each party's
 * its own), the choice key, which only the draws read, and a shock in period 0.  So the state after
 * period 0's decisions is made once for each type index k, every party of type k (its last, where it
 * has fewer), and a run's is the first of them with each party's plan taken from the one of its type.
 * pl_ag_opening_make: PL_OK (none made without behaviour or periods), or PL_ENOMEM;
 * pl_ag_opening_drop frees it.  pl_ag_opening_take: run d's begin, period 0's opening and decisions into
 * R and o, as pl_ag_begin, pl_ag_period_open and pl_ag_decide_all leave them, the moves drawn in *all;
 * 0, with nothing done, where the variant has no opening or the run has a shock in period 0. */
/* A run's state copied as the opening is into each run: every entry a run of c reads (not the ends of
 * the arrays past its steps and parties). */
void pl_ag_state_copy(const pl_ag_compiled *c, pl_ag_state *st, const pl_ag_state *from);
int pl_ag_opening_make(pl_ag_compiled *c);
void pl_ag_opening_drop(pl_ag_compiled *c);
int pl_ag_opening_take(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_run_state *R, pl_ag_outcome *o,
                       pl_ag_move *all);

/* ---- the rule types --------------------------------------------------------- */

/* A rule: what a party of this type does on the snapshot, given the counterpart breaches
 * that call for an answer (`threat`) and whether it has ever seen one (`triggered`), into m,
 * which every caller gives it cleared. */
typedef void (*pl_ag_rule_fn)(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_copt *o,
                              pl_bits threat, int triggered, pl_ag_move *m);

typedef struct pl_ag_policy_type {
    const char *name;
    const char *description;  /* one sentence, for --help, reports and docs */
    pl_ag_rule_fn rule;
    int answers;              /* answers a counterpart's breach (what others expect of the type) */
} pl_ag_policy_type;

extern const pl_ag_policy_type pl_ag_policy_types[PL_POL_COUNT];

/* The steps whose `not_before` has come by period t, -1 <= t <= horizon + 1: one read of the table
 * filled to horizon + 1 (pl_ag_compile_behaviour).  Every caller is within it: the rules and the plans
 * read st->t, which only pl_ag_period_open sets, to R->t below the horizon, and the fit to a period
 * below its record's end, itself at most the horizon; the quiet stretch reads periods below the
 * horizon; the tests go to horizon + 1. */
static inline pl_bits pl_ag_released(const pl_ag_compiled *c, int t)
{
    assert(t >= -1 && t <= c->horizon + 1); /* the sanitizer build (the tests) checks every caller */
    return c->released_at[1 + t];
}

/* Steps of party p (within `mine`) to start or restore under reciprocal rules. */
static inline pl_bits pl_ag_reciprocal_starts(const pl_ag_compiled *c, const pl_ag_state *st, pl_bits mine,
                                              pl_bits threat, pl_bits blocked)
{
    pl_bits out = 0;
    pl_bits cand = mine & ~st->prog & ~st->done & ~st->opp & ~blocked & pl_ag_released(c, st->t);
    for (pl_bits b = cand; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (c->link[s] & threat) continue;
        pl_bits ok = st->verified;
        if (st->rev & PL_BIT(s)) ok |= st->rev & st->retal; /* restoring: answers to us do not block */
        if (c->req[s] & ~ok) continue;
        out |= PL_BIT(s);
    }
    return out;
}

/* Own steps in force or under way that a reciprocal party withdraws in answer to `threat`. */
static inline pl_bits pl_ag_reciprocal_reversals(const pl_ag_compiled *c, const pl_ag_state *st, pl_bits mine,
                                                 pl_bits threat)
{
    pl_bits out = 0;
    if (!threat) return 0;
    pl_bits cand = mine & ((st->done & c->reversible) | st->prog);
    for (pl_bits b = cand; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        if (c->link[s] & threat) out |= PL_BIT(s);
    }
    return out;
}

/* The parties acting the steps of `steps` (c->actor_bits, a byte of the set at a time). */
static inline uint32_t pl_ag_actors_of(const pl_ag_compiled *c, pl_bits steps)
{
    /* the variant's bytes, last first, each with its constant shift (a loop over them kept a count and
     * shifted by a variable) */
    uint32_t a = 0;
    switch (c->step_bytes) {
#define PL_AG_ACTORS_BYTE(i) \
    case (i) + 1: \
        a |= c->actor_bits[i][steps >> 8 * (i) & 255]; \
        __attribute__((fallthrough))
        PL_AG_ACTORS_BYTE(7);
        PL_AG_ACTORS_BYTE(6);
        PL_AG_ACTORS_BYTE(5);
        PL_AG_ACTORS_BYTE(4);
        PL_AG_ACTORS_BYTE(3);
        PL_AG_ACTORS_BYTE(2);
        PL_AG_ACTORS_BYTE(1);
        PL_AG_ACTORS_BYTE(0);
#undef PL_AG_ACTORS_BYTE
    default: break;
    }
    return a;
}

/* Counterpart breaches that call for an answer from p: reversals and reports of breach that
 * were not themselves answers, and (with behaviour) steps late beyond p's patience. */
static inline pl_bits pl_ag_threat(const pl_ag_compiled *c, const pl_ag_state *st, int p)
{
    return ((st->rev | st->breach) & ~c->own[p] & ~st->retal) | st->late[p] | st->disputed[p];
}

/* What party p's rule reads of the threats and of the withdrawals in answer, beside its own steps
 * (c->readers_*): the threats to the steps exchanged for its own (a rule answers only those:
 * pl_ag_threat's late and disputed steps are counterpart steps), and, while one of its own steps is
 * withdrawn, which of the steps they require were withdrawn in answer (restoring reads them).  A
 * kept plan holds only while both are those it was made on.  `breaches`: (rev | breach) & ~retal;
 * `answered`: rev & retal. */
static inline pl_bits pl_ag_plan_threat(const pl_ag_compiled *c, const pl_ag_state *st, int p, pl_bits breaches)
{
    return (breaches | st->late[p] | st->disputed[p]) & c->plan_threat[p];
}
static inline pl_bits pl_ag_plan_restore(const pl_ag_compiled *c, const pl_ag_state *st, int p, pl_bits answered)
{
    return (st->rev & c->own[p]) ? answered & c->plan_restore[p] : 0;
}
static inline pl_bits pl_ag_breaches(const pl_ag_state *st) { return (st->rev | st->breach) & ~st->retal; }
static inline pl_bits pl_ag_answered(const pl_ag_state *st) { return st->rev & st->retal; }
/* Notes the keys p's plan is made on (plan_make), and whether they still are (plan_valid). */
static inline void pl_ag_plan_keys_keep(const pl_ag_compiled *c, pl_ag_state *st, int p)
{
    st->plan_key_threat[p] = pl_ag_plan_threat(c, st, p, pl_ag_breaches(st));
    st->plan_key_restore[p] = pl_ag_plan_restore(c, st, p, pl_ag_answered(st));
}
/* The counterpart steps whose threat p's rule reads on this snapshot: a reciprocal rule reads `link[s] &
 * threat` only for an own step s it may withdraw (in force and reversible, or under way) or may start
 * (released, neither under way nor done nor taken by the opportunist, what it requires verified or,
 * restoring, withdrawn in answer: pl_ag_reciprocal_starts tests the requirements after the link, but a
 * step whose requirements fail is not started either way); the other rules read no threat (a grim type
 * triggered reads its memory; unconditional and grit's initiatives start regardless).  While p's plan is
 * held none of what this reads has moved: its own steps' state and release, the verification of what
 * its steps neither under way nor done require (pub_check's staleness) and, while one of its steps is
 * withdrawn, which of what they require were withdrawn in answer (the restore key, compared first). */
static inline pl_bits pl_ag_plan_threat_reads(const pl_ag_compiled *c, const pl_ag_state *st, int p)
{
    const pl_bits own = c->own[p];
    pl_bits m = 0;
    for (pl_bits b = own & ((st->done & c->reversible) | st->prog); b; b &= b - 1) m |= c->link[__builtin_ctzll(b)];
    for (pl_bits b = own & ~st->prog & ~st->done & ~st->opp & pl_ag_released(c, st->t); b; b &= b - 1) {
        const int s = __builtin_ctzll(b);
        pl_bits ok = st->verified;
        if (st->rev >> s & 1) ok |= st->rev & st->retal;
        if (!(c->req[s] & ~ok)) m |= c->link[s];
    }
    return m;
}
/* The keys as they were when the plan was made (they are not moved when found to hold): the
 * withdrawals in answer exactly, the threats on the steps the rule reads them for
 * (pl_ag_plan_threat_reads, made only when some threat moved). */
static inline int pl_ag_plan_keys_hold(const pl_ag_compiled *c, const pl_ag_state *st, int p)
{
    if (st->plan_key_restore[p] != pl_ag_plan_restore(c, st, p, pl_ag_answered(st))) return 0;
    const pl_bits moved = st->plan_key_threat[p] ^ pl_ag_plan_threat(c, st, p, pl_ag_breaches(st));
    return !moved || !(moved & pl_ag_plan_threat_reads(c, st, p));
}

/* What step s pays party p each period it is in force: its flow, and what the shocks so far added. */
static inline double pl_ag_flow(const pl_ag_compiled *c, const pl_ag_state *st, int s, int p)
{
    double f = c->flow_to[s][p];
    for (uint32_t k = st->shock_on & c->flow_shocks[s]; k; k &= k - 1) { /* the others add nothing to s */
        int j = __builtin_ctz(k);
        for (int i = 0; i < c->shock_n_flow[j]; i++)
            if (c->shock_flow_step[j][i] == s && c->shock_flow_party[j][i] == p) f += c->shock_flow[j][i];
    }
    return f;
}

/* The steps that pay flows now. */
static inline pl_bits pl_ag_flowing(const pl_ag_compiled *c, const pl_ag_state *st)
{
    pl_bits b = c->has_flow;
    for (uint32_t k = st->shock_on; k; k &= k - 1) b |= c->shock_flow_steps[__builtin_ctz(k)];
    return b;
}


/* What party p's rule would do were it of its type k, given the threats to it (pl_ag_threat), with
 * no tremble and no plan: pl_ag_rule_as, and the Bayes update, which makes the threats once for all
 * of p's types. */
static inline void pl_ag_rule_with(const pl_ag_compiled *c, const pl_ag_state *st, int p, int k, pl_bits threat,
                                   pl_ag_move *m)
{
    const pl_ag_copt *o = &c->opt[p][k];
    m->start = m->reverse = m->retal = m->opp = 0;
    pl_ag_policy_types[o->kind].rule(c, st, p, o, threat, (st->grim >> p & 1) || threat != 0, m);
}

/* The opportunist's part beyond the reciprocal frame (agreement_policy.c's rule_opportunist, whose move m
 * holds the frame on all of p's own steps): the steps of `mine` (p's own steps, or some of them) in force
 * that it withdraws because they cost it to keep (m->opp, added to m->reverse and taken from m->start).
 * Each step's withdrawal reads that step's part of m alone, so on some of p's steps it is the rule's
 * move on those steps. */
void pl_ag_opportunist_takes(const pl_ag_compiled *c, const pl_ag_state *st, int p, pl_bits mine, pl_ag_move *m);

/* The reciprocal frame of party p on the steps `mine` (some of its own) with nothing held back: the move
 * of a `reciprocal` type on those steps, given the threats to p (agreement_policy.c's reciprocal_frame
 * with blocked = 0).  The frame decides step by step: whether step s is withdrawn reads only s (its link
 * to a threat, whether it is in force or under way), and whether it is started reads only s and whether
 * s itself is withdrawn; so the frame on some steps is the frame on all of p's steps, on those steps. */
static inline void pl_ag_frame_on(const pl_ag_compiled *c, const pl_ag_state *st, pl_bits mine, pl_bits threat,
                                  pl_ag_move *m)
{
    const pl_bits rev = pl_ag_reciprocal_reversals(c, st, mine, threat);
    m->start = pl_ag_reciprocal_starts(c, st, mine, threat, rev);
    m->reverse = m->retal = rev, m->opp = 0;
}

/* Whether a type of this kind may have its move made from the frame (pl_ag_rule_by_frame; a grim type
 * only until triggered). */
static inline int pl_ag_by_frame(pl_policy_kind kind)
{
    return kind == PL_POL_RECIPROCAL || kind == PL_POL_GRIM || kind == PL_POL_HOLD || kind == PL_POL_ALL_FIRST ||
           kind == PL_POL_OPPORTUNIST;
}

/* Party p's rule move were it of type k, as pl_ag_rule_with makes it, on the steps `mine` (some of p's
 * own), from the frame pl_ag_frame_on made on them (with the same threats; the type triggered as
 * pl_ag_rule_with triggers it), for the types whose rule is that frame on some of p's own steps, or
 * holding some back, and so the frame masked, step by step:
 *   reciprocal, and grim not yet triggered: the frame;
 *   hold: the frame on its own steps but those it holds (o->steps): every field masked by ~o->steps;
 *   all_first: the frame holding back its gated steps not yet started while some step it waits for is
 *     not verified (rule_all_first's `blocked`): the frame's starts less those;
 *   opportunist: the frame, then what it takes (pl_ag_opportunist_takes, on the same steps).
 * On the steps of `mine` every field of m is that of pl_ag_rule_with's move; off them, 0.  Returns 0, m
 * untouched, for the other types (unconditional, grit, a triggered grim): their rule is to be called.
 * The Bayes update makes a party's types' moves this way, one frame for all of them, on the steps
 * its evidence is about (agreement_beliefs.c). */
static inline int pl_ag_rule_by_frame(const pl_ag_compiled *c, const pl_ag_state *st, int p, int k, pl_bits threat,
                                      pl_bits mine, const pl_ag_move *frame, pl_ag_move *m)
{
    const pl_ag_copt *o = &c->opt[p][k];
    switch (o->kind) {
    case PL_POL_GRIM: /* untriggered: reciprocal */
        if ((st->grim >> p & 1) || threat) return 0;
        *m = *frame;
        return 1;
    case PL_POL_RECIPROCAL:
        *m = *frame;
        return 1;
    case PL_POL_HOLD:
        m->start = frame->start & ~o->steps, m->reverse = frame->reverse & ~o->steps;
        m->retal = frame->retal & ~o->steps, m->opp = 0;
        return 1;
    case PL_POL_ALL_FIRST:
        *m = *frame;
        if (o->steps & ~st->verified) m->start &= ~(c->own[p] & ~st->started & ~o->exempt);
        return 1;
    case PL_POL_OPPORTUNIST:
        *m = *frame;
        pl_ag_opportunist_takes(c, st, p, mine, m);
        return 1;
    default:
        return 0;
    }
}

/* With behaviour: the rule move and the plan, remade only when what they read has changed. */
void pl_ag_decide_behaved(const pl_ag_compiled *c, pl_ag_state *st, int p, pl_ag_move *m);

static inline void pl_ag_decide(const pl_ag_compiled *c, pl_ag_state *st, int p, pl_ag_move *m)
{
    if (c->behave) {
        pl_ag_decide_behaved(c, st, p, m);
        return;
    }
    const pl_ag_copt *o = &c->opt[p][st->type[p]];
    pl_bits threat = pl_ag_threat(c, st, p);
    if (threat) st->grim |= 1u << p; /* the memory of every party; only grim reads it */
    m->start = m->reverse = m->retal = m->opp = 0;
    pl_ag_policy_types[o->kind].rule(c, st, p, o, threat, st->grim >> p & 1, m);
    m->reverse &= ~st->covert, m->retal &= ~st->covert, m->opp &= ~st->covert; /* withdrawn already, in secret */
}

/* Every party's decision on the same snapshot, merged into `all`: the moves of pl_ag_decide for
 * each party in turn (the simulator's loop; the stepper decides party by party). */
void pl_ag_decide_all_behaved(const pl_ag_compiled *c, pl_ag_state *st, pl_ag_move *all);

static inline void pl_ag_decide_all(const pl_ag_compiled *c, pl_ag_state *st, pl_ag_move *all)
{
    if (c->behave) {
        pl_ag_decide_all_behaved(c, st, all);
        return;
    }
    *all = (pl_ag_move){0, 0, 0, 0};
    for (int p = 0; p < c->n_parties; p++) {
        pl_ag_move m;
        pl_ag_decide(c, st, p, &m);
        all->start |= m.start, all->reverse |= m.reverse, all->retal |= m.retal, all->opp |= m.opp;
    }
}

/* A run between stretches, as run_periods keeps it from one to the next (pl_ag_loop_open and
 * pl_ag_loop_cut's state), for the drivers that play a run cut at completion a stretch at a time
 * (agreement_fork.c; bench/bench_fork_reach.c): pl_ag_loop_begin plays its opening, pl_ag_loop_stretch
 * one stretch; each returns 0 once the run ended, its completion then in o.complete_t (-1 none). */
typedef struct pl_ag_loop {
    pl_ag_run_state R;
    pl_ag_outcome o;
    pl_ag_move all;
    int until;
    pl_bits force, rev;
} pl_ag_loop;

static inline int pl_ag_loop_begin(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_loop *L)
{
    L->until = 0, L->force = L->rev = 0;
    return pl_ag_loop_open(c, d, &L->R, &L->o, &L->all, 2);
}

static inline int pl_ag_loop_stretch(const pl_ag_compiled *c, const pl_ag_draws *d, pl_ag_loop *L)
{
    pl_ag_run_state *R = &L->R;
    if (!pl_ag_period_next(c, d, R, &L->o, &L->all, NULL)) return 0;
    if (pl_ag_loop_cut(c, R, &L->o, &L->until, &L->force, &L->rev)) return 0;
    if (R->t >= c->horizon) return 0;
    pl_ag_decide_all(c, &R->st, &L->all);
    return 1;
}

#endif
