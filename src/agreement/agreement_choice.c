// SPDX-License-Identifier: MIT
/* agreement_choice.c — a party's choice around its rule: a tremble, or a logit over its payoffs.
 *
 * The rule type (agreement_policy.c) says what a party of that type would do.  The choice
 * then decides, step by step:
 *   - with `choice: rule`, it does what the rule says, except that with probability
 *     epsilon (the tremble) it does the opposite;
 *   - with `choice: logit`, where the rule would start or keep a step it does so with
 *     probability 1 / (1 + exp(-lambda * Delta)), Delta being what starting or keeping the
 *     step is worth to it over doing without it (below); where the rule holds back or
 *     withdraws, it does so; and the tremble epsilon still applies on top, so that every
 *     recorded history has a probability.
 * Delta counts, over a look-ahead of L periods discounted by delta per period: the step's own
 * cost (once, at its first start) or reversal cost, its one-off value and flows to the party;
 * the counterpart steps that hang on it through `requires` (directly or transitively), each
 * weighted by the probability, under the public beliefs about their actor's type, that the
 * actor would do it (a `hold` type never does its held steps; a triggered `grim` nothing);
 * and the flows of the counterpart steps in force exchanged for it, weighted by the
 * probability that their actor answers a breach (every type but `unconditional`); a
 * counterpart step withdrawn in answer counts, through either, the flows its restoring
 * brings back (its one-off value is spent).
 * A step paid as delivered (`paid: as_delivered`) pays its cost and its values a 1/duration share
 * each period of work instead: its start and its keeping under way count the shares within the
 * look-ahead, discounted (halting it saves those still to pay), and a counterpart's counts its value
 * the same way.
 * Keeping a step under way or in force is worth, besides, the party's inertia K (`behaviour: inertia:`):
 * a decision friction, not a payoff (never paid, in no payoff sum), so that a step whose keeping
 * brings its actor nothing is halted with chance 1 / (1 + exp(lambda K)) a period, not 1/2.
 * Starting is untouched: a new step's cost is real.  With `choice: rule` there are no worths, and
 * inertia reads nothing.
 * Only steps that are due in the party's eyes (what they require verified, or done by the
 * party itself), or that its rule starts, are candidates to start: a tremble is a slip in
 * carrying out a decision, not a random unilateral move.
 * Draws come from a hash of (run key, period, step), so a preview of a choice (the stepper)
 * draws nothing and the simulator and the stepper agree exactly. */
#include <math.h>
#include <string.h>

#include "agreement/agreement_behaviour.h"

#define G_STEP(i) 0x9E3779B97F4A7C15ULL * (uint64_t)(i)
#define G_STEP4(i) G_STEP(i), G_STEP((i) + 1), G_STEP((i) + 2), G_STEP((i) + 3)
#define G_STEP16(i) G_STEP4(i), G_STEP4((i) + 4), G_STEP4((i) + 8), G_STEP4((i) + 12)
_Static_assert(PL_AG_MAX_STEPS == 64, "pl_ag_choice_step lists 64 steps");
const uint64_t pl_ag_choice_step[PL_AG_MAX_STEPS] = {G_STEP16(0), G_STEP16(16), G_STEP16(32), G_STEP16(48)};
#undef G_STEP16
#undef G_STEP4
#undef G_STEP

/* The belief that party j (its beliefs `belief`, all_k its types) is of one of `types`: their sum in the order
 * of the types, or exactly 1 where they are all its types.  The beliefs sum to 1, but their sum in doubles may
 * miss it by a unit in the last place, and by a different one under another prior: the sensitivity analyses
 * fork a point whose priors differ from the baseline's runs only while their expectations are the same
 * (agreement_fork.c), which a sum that is 1 in both would otherwise not be. */
static inline double belief_in(const double *belief, uint32_t types, uint32_t all_k)
{
    if (types == all_k) return 1;
    double a = 0;
    for (uint32_t m = types; m; m &= m - 1) a += belief[__builtin_ctz(m)];
    return a;
}

static inline __attribute__((always_inline)) void expectation_of(const pl_ag_compiled *c, const pl_ag_state *st,
                                                                 const double *belief, int j, double *would_answer,
                                                                 double *would_do)
{
    /* each a sum of the beliefs in some of j's types, in the order of the types: the last sum is reused for the
     * same types (most of j's steps, and often the types that answer) */
    const uint32_t all_k = (1u << c->n_opt[j]) - 1, grim = (st->grim >> j & 1) ? c->grim_types[j] : 0;
    uint32_t types = c->answer_types[j];
    double w = *would_answer = belief_in(belief, types, all_k);
    for (pl_bits b = c->maybe_never & c->own[j]; b; b &= b - 1) {
        int d = __builtin_ctzll(b);
        uint32_t does = all_k & ~(c->hold_types[d] | grim);
        if (does != types) types = does, w = belief_in(belief, does, all_k);
        would_do[d] = w;
    }
}

void pl_ag_expectation_of(const pl_ag_compiled *c, const pl_ag_state *st, const double *belief, int j,
                          double *would_answer, double *would_do)
{
    expectation_of(c, st, belief, j, would_answer, would_do);
}

void pl_ag_watch_expect(const pl_ag_compiled *c, const pl_ag_state *st, pl_ag_type_watch *w, int k, int j)
{
    pl_ag_expectation_of(c, st, w->belief[k][j], j, &w->answer[k][j], w->would_do[k]);
    pl_bits reads = w->answer[k][j] != st->would_answer[j] ? c->pi_readers_answer[j] : 0;
    for (pl_bits m = c->maybe_never & c->own[j]; m; m &= m - 1) {
        const int d = __builtin_ctzll(m);
        if (w->would_do[k][d] != st->would_do[d]) reads |= c->pi_readers_do[d];
    }
    w->reads_of[k][j] = reads;
    pl_bits all = 0;
    for (uint32_t q = w->parties[k]; q; q &= q - 1) all |= w->reads_of[k][__builtin_ctz(q)];
    w->reads[k] = all;
}

/* The watching points' expectations about j remade, where the run's just were. */
static __attribute__((noinline)) void watch_expectations(const pl_ag_compiled *c, const pl_ag_state *st,
                                                         pl_ag_type_watch *w, int j)
{
    for (uint32_t b = w->pending & ~w->differs; b; b &= b - 1)
        if (w->parties[__builtin_ctz(b)] >> j & 1) pl_ag_watch_expect(c, st, w, __builtin_ctz(b), j);
}

/* Swaps point k's expectations about its parties with the run's (st's), both ways. */
static void watch_swap(const pl_ag_compiled *c, pl_ag_state *st, pl_ag_type_watch *w, int k)
{
    for (uint32_t q = w->parties[k]; q; q &= q - 1) {
        const int j = __builtin_ctz(q);
        double x = st->would_answer[j];
        st->would_answer[j] = w->answer[k][j], w->answer[k][j] = x;
        for (pl_bits m = c->maybe_never & c->own[j]; m; m &= m - 1) {
            const int d = __builtin_ctzll(m);
            x = st->would_do[d], st->would_do[d] = w->would_do[k][d], w->would_do[k][d] = x;
        }
    }
}

void pl_ag_expectations(const pl_ag_compiled *c, pl_ag_state *st)
{
    /* a party's expectations read only its own beliefs and memory: remade for those that changed.
     * The logit chances that read one are dropped only if it moved: a belief about a party whose
     * every type answers (or does the step) moves the beliefs but not their sum, the expectation */
    uint32_t dirty = st->bel_dirty | (st->grim ^ st->exp_grim);
    st->bel_dirty = 0, st->exp_grim = st->grim;
    pl_bits drop = 0;
    for (; dirty; dirty &= dirty - 1) {
        int j = __builtin_ctz(dirty);
        if (j >= c->n_parties) break;
        double a, w[PL_AG_MAX_STEPS]; /* (w: only the entries of j's steps some type may never do) */
        expectation_of(c, st, st->belief[j], j, &a, w);
        if (a != st->would_answer[j]) drop |= c->pi_readers_answer[j];
        st->would_answer[j] = a;
        for (pl_bits b = c->maybe_never & c->own[j]; b; b &= b - 1) {
            const int d = __builtin_ctzll(b);
            if (w[d] != st->would_do[d]) drop |= c->pi_readers_do[d];
            st->would_do[d] = w[d];
        }
        if (st->type_watch) watch_expectations(c, st, st->type_watch, j);
    }
    st->pi_ok_start &= ~drop, st->pi_ok_keep &= ~drop;
}

/* The worths of a step to its actor are made four times over (pl_ag_delta_start, pl_ag_delta_keep): with
 * the shocks' flows (`shocks`: some shock has come) and without, where each flow is the compiled one
 * (pl_ag_flow adds nothing before any shock: the same values), most worths being made before any shock
 * and each flow having tested the shocks again; and for a variant with steps paid as delivered
 * (`deliv`) and one without, where no step's test of it is made.  FLOW(d): d's flow to p; DELIV(bit):
 * whether the step of bit is paid as delivered. */
#define FLOW(d) (shocks ? pl_ag_flow(c, st, (d), p) : c->flow_to[(d)][p])
/* FLOW(d) * annuity, value_to[d][p] + that, and disc[d] times the sum: the compiled worths' terms
 * (c->worth_*, the same operations on the same numbers: the same doubles) where d's flows are the compiled
 * ones, that is before any shock and, after, where no shock that has come changes them (SHOCKED(d):
 * pl_ag_flow adds something only for those) */
#define SHOCKED(d) (shocks && (st->shock_on & c->flow_shocks[(d)]))
#define FA(d) (SHOCKED(d) ? pl_ag_flow(c, st, (d), p) * c->annuity : c->worth_fa[(d)][p])
#define VA(d) (SHOCKED(d) ? c->value_to[(d)][p] + pl_ag_flow(c, st, (d), p) * c->annuity : c->worth_va[(d)][p])
#define DVA(d) (SHOCKED(d) ? c->disc[(d)] * (c->value_to[(d)][p] + pl_ag_flow(c, st, (d), p) * c->annuity) \
                           : c->worth_dva[(d)][p])
#define DELIV(bit) (deliv && (c->as_delivered & (bit)))

/* What step d paid as delivered (`paid: as_delivered`) is worth to p from its start: `pay` (its value
 * to p, less its cost if p is its actor) a share each period of work (c->delivered_worth), and its
 * flows once done.  Halting it saves the shares still to pay. */
static inline __attribute__((always_inline)) double worth_as_delivered(const pl_ag_compiled *c, const pl_ag_state *st,
                                                                       int p, int d, double pay, const int shocks,
                                                                       const int deliv)
{
    return pay * c->delivered_worth[d] + c->disc[d] * FLOW(d) * c->annuity;
}

/* Step s's one-off payment to p: its value to p, less its cost if p is its actor. */
static inline double own_pay(const pl_ag_compiled *c, int p, int s)
{
    return c->value_to[s][p] - (c->actor[s] == p ? c->cost[s] : 0);
}

/* What hangs on s for p: the counterpart steps still to come that require it; those exchanged
 * for it, which a counterpart that answers breaches would hold back, suspend or withdraw.  A
 * counterpart step withdrawn in answer (to a reversal, a late step) is restored once what it
 * answered is put right (agreement_policy.h): its one-off value is spent, but its flows come
 * back, so they count as what hangs on s like those of a step still to come. */
static inline __attribute__((always_inline)) double what_hangs_on(const pl_ag_compiled *c, const pl_ag_state *st, int p,
                                                                  int s, const int shocks, const int deliv)
{
    /* only the counterpart steps that may pay p something (c->worth_*): each of the others adds a term
     * of 0 (v is 0), which leaves the sum as it is, so they are left out */
    double g = 0;
    pl_bits back = st->ever_done & ~st->done & st->retal; /* withdrawn in answer */
    for (pl_bits b = c->worth_hang[s] & (~st->ever_done | back); b; b &= b - 1) {
        int d = __builtin_ctzll(b);
        /* (0 + FA(d) is FA(d), but for -0, which gives +0: a term skipped either way) */
        double v = (back >> d & 1) ? FA(d) : VA(d);
        if (v == 0) continue;
        if (!DELIV(PL_BIT(d)))
            g += st->would_do[d] * c->disc[s] * c->disc[d] * v;
        else /* its value comes as d is delivered, its flows once it is done */
            g += st->would_do[d] * c->disc[s] *
                 worth_as_delivered(c, st, p, d, (back >> d & 1) ? 0 : c->value_to[d][p], shocks, deliv);
    }
    for (pl_bits b = c->worth_traded[s]; b; b &= b - 1) {
        int x = __builtin_ctzll(b);
        pl_bits bit = PL_BIT(x);
        double ans = st->would_answer[c->actor[x]], v = 0;
        if (st->done & bit) {
            if (c->reversible & bit) v = FA(x);
        } else if (!(st->ever_done & bit))
            v = (DELIV(bit) ? worth_as_delivered(c, st, p, x, c->value_to[x][p], shocks, deliv)
                            : DVA(x)) *
                ((st->prog & bit) ? 1 : st->would_do[x]);
        else if (back & bit)
            v = c->disc[x] * FLOW(x) * c->annuity * ((st->prog & bit) ? 1 : st->would_do[x]);
        g += ans * v;
    }
    return g;
}

static inline __attribute__((always_inline)) double delta_start(const pl_ag_compiled *c, const pl_ag_state *st, int p,
                                                                int s, const int shocks, const int deliv)
{
    pl_bits bit = PL_BIT(s);
    if (DELIV(bit))
        return worth_as_delivered(c, st, p, s, own_pay(c, p, s), shocks, deliv) +
               what_hangs_on(c, st, p, s, shocks, deliv);
    double d = (st->started & bit) ? 0 : -c->cost[s];
    d += (st->ever_done & bit) ? c->disc[s] * (0.0 + FA(s)) : DVA(s);
    return d + what_hangs_on(c, st, p, s, shocks, deliv);
}

static inline __attribute__((always_inline)) double delta_keep(const pl_ag_compiled *c, const pl_ag_state *st, int p,
                                                               int s, const int shocks, const int deliv)
{
    pl_bits bit = PL_BIT(s);
    double d = c->reverse_cost[s];
    if (st->done & bit)
        d += FA(s);
    else if (DELIV(bit))
        d += worth_as_delivered(c, st, p, s, own_pay(c, p, s), shocks, deliv);
    else
        d += (st->ever_done & bit) ? c->disc[s] * (0.0 + FA(s)) : DVA(s);
    return d + what_hangs_on(c, st, p, s, shocks, deliv) + c->inertia[p]; /* the party's reluctance to reverse its own course */
}
#undef DVA
#undef VA
#undef FA
#undef SHOCKED
#undef FLOW
#undef DELIV

/* Each of the four made apart, out of line, and the public functions only choose (a tail call): the plain
 * one, before any shock without steps paid as delivered, keeps fewer values in registers than the four
 * inlined in one function, which saved and restored six registers at every call */
#define DELTA_VARIANT(name, body, shocks, deliv) \
    static __attribute__((noinline)) double name(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s) \
    { \
        return body(c, st, p, s, shocks, deliv); \
    }
DELTA_VARIANT(delta_start_00, delta_start, 0, 0)
DELTA_VARIANT(delta_start_10, delta_start, 1, 0)
DELTA_VARIANT(delta_start_01, delta_start, 0, 1)
DELTA_VARIANT(delta_start_11, delta_start, 1, 1)
DELTA_VARIANT(delta_keep_00, delta_keep, 0, 0)
DELTA_VARIANT(delta_keep_10, delta_keep, 1, 0)
DELTA_VARIANT(delta_keep_01, delta_keep, 0, 1)
DELTA_VARIANT(delta_keep_11, delta_keep, 1, 1)
#undef DELTA_VARIANT

double pl_ag_delta_start(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s)
{
    if (c->as_delivered) return st->shock_on ? delta_start_11(c, st, p, s) : delta_start_01(c, st, p, s);
    return st->shock_on ? delta_start_10(c, st, p, s) : delta_start_00(c, st, p, s);
}

double pl_ag_delta_keep(const pl_ag_compiled *c, const pl_ag_state *st, int p, int s)
{
    if (c->as_delivered) return st->shock_on ? delta_keep_11(c, st, p, s) : delta_keep_01(c, st, p, s);
    return st->shock_on ? delta_keep_10(c, st, p, s) : delta_keep_00(c, st, p, s);
}

/* The logistic through a memo of its last arguments, by their bits: the same argument gives the same chance
 * (a pure function), and the worths repeat (of the 1.13 million chances the decisions made in
 * `bench_agreement six-party-2007 2000`, 87 % had the argument of one of the last 1,024 in its entry and 95 %
 * with 4,096, counted with a probe outside the tree), where the exp and the division cost some 70
 * instructions.  One memo a thread, 4,096 entries of 16 bytes, the argument's hash of 12 bits the index (a
 * worker's runs, in whatever order, see the same chances: only the time changes); its address taken once a
 * decision and passed down (`memo`: taken at each chance, the thread's address cost the saving and restoring
 * of registers around a call).  An entry holds an argument's bits and its chance; the memo starts zeroed but
 * for entry 0, the entry of the argument +0, whose bits are 0: it holds +0's chance, 1/2, so that no zeroed
 * entry matches an argument whose chance it does not hold.  A chance not in the memo is made out of line
 * (the callers keep their registers). */
#define LOGIT_MEMO 4096
typedef struct {
    uint64_t key;
    double chance;
} logit_entry;
static _Thread_local logit_entry logit_memo[LOGIT_MEMO] = {[0] = {0, 0.5}};

static __attribute__((noinline)) double logistic_fill(logit_entry *e, uint64_t bits, double x)
{
    const double chance = pl_ag_logistic(x);
    e->key = bits, e->chance = chance;
    return chance;
}

static inline double logistic_memo(logit_entry *memo, double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    logit_entry *e = &memo[(bits * 0x9E3779B97F4A7C15ULL) >> 52]; /* 12 bits: LOGIT_MEMO */
    return e->key == bits ? e->chance : logistic_fill(e, bits, x);
}
_Static_assert(LOGIT_MEMO == 1 << 12, "logistic_memo's index is 12 bits");

#ifndef NDEBUG
/* (the sanitizer build: agreement_policy.h) */
int pl_ag_check_chances;
long pl_ag_stale_chances;
/* A cached chance against the chance made afresh from the state as it is: a cache kept past a change that
 * moved it (a drop missed) is counted, whatever the draw it meets makes of it. */
static void check_cached(double cached, double fresh)
{
    if (cached != fresh) __atomic_fetch_add(&pl_ag_stale_chances, 1, __ATOMIC_RELAXED);
}
#define CHECK_CACHED(cached, fresh) (pl_ag_check_chances ? check_cached(cached, fresh) : (void)0)
#else
#define CHECK_CACHED(cached, fresh) ((void)0)
#endif

/* The chance, the tremble on top (eps + span pi, pi the logit's), of starting, or keeping, own step s: from
 * the cache where it is still valid (cache: the state itself, in the simulator's decisions; NULL where the
 * snapshot is only read).  The cache holds the chance with its tremble, so that a plan remade on chances
 * still valid copies them (the same operations on the same doubles, once). */
static inline double act_start(const pl_ag_compiled *c, const pl_ag_state *st, pl_ag_state *cache, logit_entry *memo, int p,
                               int s, double eps, double span)
{
    if (!cache) return eps + span * logistic_memo(memo, c->lambda * pl_ag_delta_start(c, st, p, s));
    if (!(cache->pi_ok_start >> s & 1)) {
        cache->pi_start[s] = eps + span * logistic_memo(memo, c->lambda * pl_ag_delta_start(c, st, p, s));
        cache->pi_ok_start |= PL_BIT(s);
    } else
        CHECK_CACHED(cache->pi_start[s], eps + span * logistic_memo(memo, c->lambda * pl_ag_delta_start(c, st, p, s)));
    return cache->pi_start[s];
}

static inline double act_keep(const pl_ag_compiled *c, const pl_ag_state *st, pl_ag_state *cache, logit_entry *memo, int p,
                              int s, double eps, double span)
{
    if (!cache) return eps + span * logistic_memo(memo, c->lambda * pl_ag_delta_keep(c, st, p, s));
    if (!(cache->pi_ok_keep >> s & 1)) {
        cache->pi_keep[s] = eps + span * logistic_memo(memo, c->lambda * pl_ag_delta_keep(c, st, p, s));
        cache->pi_ok_keep |= PL_BIT(s);
    } else
        CHECK_CACHED(cache->pi_keep[s], eps + span * logistic_memo(memo, c->lambda * pl_ag_delta_keep(c, st, p, s)));
    return cache->pi_keep[s];
}

/* The plan of p into cs, ck and p_act (indexed by step; only the entries of cs | ck are written).
 * The steps due to p are its own not under way whose `requires` it sees verified (or done itself),
 * released by `not_before`: p's view of lateness, which keeps exactly that set (due_mask; the public
 * view's while p sees what everyone sees), where the state is the simulator's (cache); made here
 * where the snapshot is only read (the fit, the tests' plans made afresh). */
static inline __attribute__((always_inline)) void plan_fill(const pl_ag_compiled *c, const pl_ag_state *st,
                                                            pl_ag_state *cache, logit_entry *memo, int p,
                                                            const pl_ag_move *rule,
                                                            pl_bits *cs_out, pl_bits *ck_out, double *p_act)
{
    pl_bits own = c->own[p];
    pl_bits seen = st->verified | (st->done & own);
    pl_bits due = 0;
    if (cache) /* the simulator's own state: what is due in p's eyes is kept by its lateness (agreement_time.c) */
        due = ((st->view_same >> p & 1) ? st->due_mask[c->n_parties] : st->due_mask[p]) & own & ~st->prog;
    else
        for (pl_bits b = own & ~st->prog & ~st->done & pl_ag_released(c, st->t); b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            if (!(c->req[s] & ~seen)) due |= PL_BIT(s);
        }
    pl_bits cs = due | rule->start, ck = own & ((st->done & c->reversible) | st->prog) & ~st->covert;
    const double eps = c->eps, span = 1 - 2 * eps;
    const int logit = c->choice == PL_CHOICE_LOGIT;
    /* eps + span pi, pi the logit's chance, 1 (the rule's choice) or 0 (held back, withdrawn): eps + span * 0 is
     * eps (span is finite and not negative) */
    for (pl_bits b = cs; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        p_act[s] = (rule->start >> s & 1) ? (logit ? act_start(c, st, cache, memo, p, s, eps, span) : eps + span * 1.0) : eps;
    }
    for (pl_bits b = ck; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        p_act[s] = !(rule->reverse >> s & 1) ? (logit ? act_keep(c, st, cache, memo, p, s, eps, span) : eps + span * 1.0) : eps;
    }
    *cs_out = cs, *ck_out = ck;
}

void pl_ag_watch_chances(const pl_ag_compiled *c, pl_ag_state *st, pl_bits starts, pl_bits keeps)
{
    pl_ag_type_watch *const w = st->type_watch;
    const double eps = c->eps, span = 1 - 2 * eps;
    for (uint32_t b = w->pending & ~w->differs; b; b &= b - 1) {
        const int k = __builtin_ctz(b);
        /* (with `choice: rule` no chance reads an expectation) */
        const pl_bits acts = c->choice == PL_CHOICE_LOGIT ? w->reads[k] & (starts | keeps) : 0;
        w->acts[k] = acts;
        if (!acts) continue;
        watch_swap(c, st, w, k); /* the point's expectations in the run's place, as its own run holds them */
        for (pl_bits m = acts; m; m &= m - 1) { /* made afresh, as a plan makes them where its cache is empty */
            const int s = __builtin_ctzll(m);
            w->chance[k][s] = (starts >> s & 1) ? act_start(c, st, NULL, logit_memo, c->actor[s], s, eps, span)
                                                : act_keep(c, st, NULL, logit_memo, c->actor[s], s, eps, span);
        }
        watch_swap(c, st, w, k);
    }
}

void pl_ag_watch_draws(const pl_ag_state *st, int from, int to)
{
    pl_ag_type_watch *const w = st->type_watch;
    for (uint32_t b = w->pending & ~w->differs; b; b &= b - 1) {
        const int k = __builtin_ctz(b);
        if (!w->acts[k]) continue;
        for (int t = from; t <= to; t++) {
            const uint64_t base = pl_ag_choice_base(st->choice_key, t);
            pl_bits differ = 0;
            for (pl_bits m = w->acts[k]; m; m &= m - 1) {
                const unsigned s = (unsigned)__builtin_ctzll(m);
                const double u = pl_ag_choice_u_at(base, s);
                differ |= (pl_bits)((u < st->p_act[s]) != (u < w->chance[k][s]));
            }
            if (differ) {
                w->differs |= b & -b;
                break;
            }
        }
    }
}

void pl_ag_plan_choice(const pl_ag_compiled *c, const pl_ag_state *st, int p, const pl_ag_move *rule, pl_ag_plan *pl)
{
    plan_fill(c, st, NULL, logit_memo, p, rule, &pl->cs, &pl->ck, pl->p_act);
}

/* Whether party p's last plan still holds: what its rule and plan read is the public state of its
 * own steps and, field by field, of the steps whose readers it is among (c->readers_*, narrowed to
 * the type drawn for the run; the verification of what its steps neither under way nor done
 * require), the threats it answers and the withdrawals in answer it restores by
 * (pl_ag_plan_keys_hold: what it counts late is among its threats), its own memory if it is a grim
 * type, and which of its own steps
 * are released by `not_before` (st->time_rel: the lateness of the period, agreement_time.c, made it
 * at the period's opening; a plan made before a release holds after it unless one of its party's
 * own steps was released).  The public part is compared once a period, at its first
 * decision (the state does not move while parties decide), exactly: the steps that moved drop the
 * plans that read them (plan_ok), and an epoch counts the periods in which anything moved.  The
 * beliefs are not read by the rule; the logit chances that read them are dropped by
 * pl_ag_expectations and refreshed in the plan by pl_ag_decide_behaved. */
static inline __attribute__((always_inline)) void pub_check(const pl_ag_compiled *c, pl_ag_state *st)
{
    if (st->pub_t != st->t + 1) {
        /* what moved of each field since the last comparison, each in a variable of its own: gathered in an
         * array on the stack, the fields were stored there one and two at a time and read back two at a time
         * straddling those stores, which the processor cannot forward (a stall at every period's first
         * decision, a tenth of the decisions' time) */
        pl_bits *const last = st->pub_last;
        const pl_bits d_started = st->started ^ last[0], d_prog = st->prog ^ last[1], d_done = st->done ^ last[2],
                      d_rev = st->rev ^ last[3], d_ver = st->verified ^ last[4], d_breach = st->breach ^ last[5],
                      d_retal = st->retal ^ last[6], d_opp = st->opp ^ last[7], d_ever = st->ever_done ^ last[8],
                      d_rel = st->time_rel ^ last[9], d_covert = st->covert ^ last[10], d_shock = st->shock_on ^ last[11];
        const pl_bits diff = d_started | d_prog | d_done | d_rev | d_ver | d_breach | d_retal | d_opp | d_ever | d_rel |
                             d_covert | d_shock;
        st->ans_moved = 0;
        if (diff || !st->pub_t) {
            st->pub_epoch++;
            /* the logit chances that read a step that moved, or a flow the shocks changed (c->shock_pi_readers):
             * a step's own chances read whether it was ever started and is or was ever done; one
             * exchanged for it, those and whether it is under way; one hanging on it, whether it is or
             * was ever done (and withdrawn in answer, for either), not its start */
            pl_bits moved_dep = d_done | d_retal | d_ever;
            /* (whether a step exchanged for it is under way is read only as the chance its actor does it,
             * 1 if it is, else would_do: exactly 1 for the steps no type of their actor may never do,
             * which the expectations never move (pl_ag_expectations: c->maybe_never), so only theirs) */
            pl_bits moved = moved_dep | (d_prog & c->maybe_never);
            pl_bits drop = 0;
            for (pl_bits k = d_shock; k; k &= k - 1) drop |= c->shock_pi_readers[__builtin_ctzll(k)];
            /* the plans that read a field of a step that moved (every one at the first decision, where
             * the types drawn for the run are noted) */
            if (!st->pub_t) {
                st->plan_ok = 0;
                st->type_opp = st->type_waits = st->type_grim = 0;
                for (int p = 0; p < c->n_parties; p++) {
                    const int kind = c->opt[p][st->type[p]].kind;
                    st->type_opp |= (uint32_t)(kind == PL_POL_OPPORTUNIST) << p;
                    st->type_waits |= (uint32_t)(kind == PL_POL_ALL_FIRST) << p;
                    st->type_grim |= (uint32_t)(kind == PL_POL_GRIM) << p;
                }
            } else {
                /* (the threats and the withdrawals in answer a plan reads: pl_ag_plan_keys_hold) */
                const pl_bits d_own = d_started | d_prog | d_rev | d_opp | d_rel | d_covert | d_done;
                st->ans_moved = (d_rev | d_breach | d_retal) != 0;
                /* a step's verification is read by the steps that require it only while they are neither
                 * under way nor done (the rule's starts, the due steps): a plan kept this long was made
                 * with its own steps as they are now (their start or completion moved it), so it read
                 * those of them that are neither now; their actors' plans go as if their own steps moved */
                const uint32_t opp = st->type_opp, waits = st->type_waits;
                pl_bits users = 0;
                uint32_t waited = 0; /* (the all_first types' reads, below: one loop over d_ver for both) */
                if (waits)
                    for (pl_bits b = d_ver; b; b &= b - 1) {
                        const int x = __builtin_ctzll(b);
                        users |= c->req_users[x], waited |= c->readers_verified[x];
                    }
                else
                    for (pl_bits b = d_ver; b; b &= b - 1) users |= c->req_users[__builtin_ctzll(b)];
                uint32_t stale = pl_ag_actors_of(c, d_own | (users & ~st->prog & ~st->done));
                /* the types drawn, not every type a party may be (c->readers_*): an opportunist reads the
                 * counterpart steps exchanged for its own being done, those hanging on them ever done
                 * (read with `done`: a step is first ever done in the period it is done, and those
                 * hanging on its own steps are exchanged for them), and the flows the shocks change; an
                 * all_first type, its steps waited for verified; the memory, a grim type (plan_valid) */
                if (opp) {
                    if (d_shock) stale |= opp;
                    for (pl_bits b = d_done; b; b &= b - 1) stale |= c->readers_done[__builtin_ctzll(b)] & opp;
                }
                stale |= waited & waits;
                st->plan_ok &= ~stale;
            }
            /* (moved holds moved_dep: the steps of both read both tables in one loop) */
            for (moved &= ~moved_dep; moved; moved &= moved - 1) drop |= c->pi_readers[__builtin_ctzll(moved)];
            for (; moved_dep; moved_dep &= moved_dep - 1) {
                const int x = __builtin_ctzll(moved_dep);
                drop |= c->pi_readers[x] | c->pi_readers_dep[x];
            }
            /* a step's own chances: of starting, its start (the cost is paid once) and, if it pays its
             * actor, its first completion (the value is paid once); of keeping, if it pays its actor,
             * its completion (pl_ag_delta_start, pl_ag_delta_keep) */
            const pl_bits ever = d_ever & c->pays_actor;
            st->pi_ok_start &= ~(drop | d_started | ever);
            st->pi_ok_keep &= ~(drop | (d_done & c->pays_actor) | ever);
            last[0] = st->started, last[1] = st->prog, last[2] = st->done, last[3] = st->rev, last[4] = st->verified;
            last[5] = st->breach, last[6] = st->retal, last[7] = st->opp, last[8] = st->ever_done;
            last[9] = st->time_rel, last[10] = st->covert, last[11] = st->shock_on;
        }
        st->pub_t = st->t + 1;
    }
}

/* Whether p's plan holds on a snapshot pub_check has compared (g: the memories).  Every party's plan
 * is checked at every decision, so one found to hold at the last still holds if its party's late and
 * disputed steps are as then and no `rev`, `breach` or `retal` moved since (ans_moved): its keys are
 * as then; else the keys are compared (pl_ag_plan_keys_hold). */
static inline uint32_t plans_read_held(const pl_ag_state *st, uint32_t g)
{
    return st->plan_ok & ~((st->plan_grim ^ g) & st->type_grim); /* the plans whose reads, and memory, held */
}

static inline __attribute__((always_inline)) int plan_keys_valid(const pl_ag_compiled *c, pl_ag_state *st, int p)
{
    const pl_bits ld = st->late[p] | st->disputed[p];
    if (!st->ans_moved && ld == st->plan_late[p]) return 1;
    st->plan_late[p] = ld;
    return pl_ag_plan_keys_hold(c, st, p);
}

static inline __attribute__((always_inline)) int plan_valid(const pl_ag_compiled *c, pl_ag_state *st, int p,
                                                            uint32_t g)
{
    return (plans_read_held(st, g) >> p & 1) && plan_keys_valid(c, st, p);
}

static inline __attribute__((always_inline)) int plan_holds(const pl_ag_compiled *c, pl_ag_state *st, int p)
{
    pub_check(c, st);
    return plan_valid(c, st, p, st->grim);
}

/* Party p's rule move and plan remade on this snapshot (threat: p's), and the merged plans of every
 * party (agg_*, fix_*) with p's part replaced. */
static inline __attribute__((always_inline)) void plan_make(const pl_ag_compiled *c, pl_ag_state *st, int p,
                                                            pl_bits threat, logit_entry *memo)
{
    const pl_ag_copt *o = &c->opt[p][st->type[p]];
    /* the rule writes the plan's move in place, field by field: reading it back whole at once,
     * while those stores are still on their way, would stall the processor (store forwarding) */
    pl_ag_move *r = &st->plan_rule[p];
    if (o->kind == PL_POL_RECIPROCAL) { /* the common type: its rule, the frame on every own step, inlined */
        pl_ag_frame_on(c, st, c->own[p], threat, r);
    } else {
        *r = (pl_ag_move){0, 0, 0, 0};
        pl_ag_policy_types[o->kind].rule(c, st, p, o, threat, st->grim >> p & 1, r);
    }
    if (st->covert) /* withdrawn already, in secret */
        r->reverse &= ~st->covert, r->retal &= ~st->covert, r->opp &= ~st->covert;
    st->plan_ok |= 1u << p;
    st->plan_late[p] = st->late[p] | st->disputed[p];
    pl_ag_plan_keys_keep(c, st, p);
    const pl_bits own = c->own[p];
    if (c->exact[p]) {
        st->fix_start = (st->fix_start & ~own) | r->start, st->fix_reverse = (st->fix_reverse & ~own) | r->reverse;
        st->fix_retal = (st->fix_retal & ~own) | r->retal, st->fix_opp = (st->fix_opp & ~own) | r->opp;
        return;
    }
    plan_fill(c, st, st, memo, p, r, &st->plan_cs[p], &st->plan_ck[p], st->p_act);
    st->agg_cs = (st->agg_cs & ~own) | st->plan_cs[p], st->agg_ck = (st->agg_ck & ~own) | st->plan_ck[p];
    st->agg_cs_start = (st->agg_cs_start & ~own) | (st->plan_cs[p] & r->start);
    st->agg_ck_keep = (st->agg_ck_keep & ~own) | (st->plan_ck[p] & ~r->reverse);
    st->agg_retal = (st->agg_retal & ~own) | (r->retal & own), st->agg_opp = (st->agg_opp & ~own) | (r->opp & own);
}

/* Party p's rule move and plan on this snapshot (st->plan_rule[p], plan_cs[p], plan_ck[p] and the
 * chances p_act of its steps), kept from before where they still hold. */
static inline __attribute__((always_inline)) void plan_now(const pl_ag_compiled *c, pl_ag_state *st, int p)
{
    logit_entry *const memo = logit_memo;
    pl_bits threat = pl_ag_threat(c, st, p);
    if (threat) st->grim |= 1u << p; /* the memory of every party; only grim reads it */
    if (!plan_holds(c, st, p))
        plan_make(c, st, p, threat, memo);
    else if (!c->exact[p] && c->choice == PL_CHOICE_LOGIT) {
        /* the plan holds: only the logit chances whose inputs changed are remade */
        const double eps = c->eps, span = 1 - 2 * eps;
        for (pl_bits b = st->plan_cs[p] & st->plan_rule[p].start & ~st->pi_ok_start; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            st->p_act[s] = act_start(c, st, st, memo, p, s, eps, span);
        }
        for (pl_bits b = st->plan_ck[p] & ~st->plan_rule[p].reverse & ~st->pi_ok_keep; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            st->p_act[s] = act_keep(c, st, st, memo, p, s, eps, span);
        }
    }
    /* current on this snapshot (the beliefs' reuse): the parties noted on an earlier one no longer are */
    if (st->plan_epoch != st->pub_epoch) st->plan_epoch = st->pub_epoch, st->plan_noted = 0;
    st->plan_noted |= 1u << p;
    st->ld_moved &= ~(1u << p); /* its plan_late is its late and disputed steps (plan_make, plan_keys_valid) */
    st->plan_grim = (st->plan_grim & ~(1u << p)) | (st->grim & 1u << p);
}

void pl_ag_plan_now(const pl_ag_compiled *c, pl_ag_state *st, int p) { plan_now(c, st, p); }

/* The choices drawn against the plans: of the steps that may start (cs), those whose uniform falls
 * below their chance; of those that may be kept (ck), those whose uniform does not.  One loop over
 * both, each step's uniform compared with its chance once, without a branch (a chance is never NaN,
 * so "not below" is "at or above"). */
static inline void draw_choices(const pl_ag_state *st, pl_bits cs, pl_bits ck, pl_bits *start, pl_bits *reverse)
{
    pl_bits below = 0;
    const uint64_t base = pl_ag_choice_base(st->choice_key, st->t);
    for (pl_bits b = cs | ck; b; b &= b - 1) {
        unsigned s = (unsigned)__builtin_ctzll(b);
        below |= (pl_bits)(pl_ag_choice_u_at(base, s) < st->p_act[s]) << s;
    }
    *start = cs & below, *reverse = ck & ~below;
}

void pl_ag_decide_behaved(const pl_ag_compiled *c, pl_ag_state *st, int p, pl_ag_move *m)
{
    plan_now(c, st, p);
    const pl_ag_move *rule = &st->plan_rule[p];
    if (c->exact[p]) {
        *m = *rule;
        return;
    }
    pl_bits start, reverse;
    draw_choices(st, st->plan_cs[p], st->plan_ck[p], &start, &reverse);
    *m = (pl_ag_move){start, reverse, rule->retal & reverse, rule->opp & reverse}; /* whole: the caller reads it whole */
}

/* pl_ag_decide_drawn, inlined where the decisions end */
static inline __attribute__((always_inline)) void decide_drawn(const pl_ag_state *st, pl_ag_move *all)
{
    pl_bits start, reverse;
    draw_choices(st, st->agg_cs, st->agg_ck, &start, &reverse);
    *all = (pl_ag_move){st->fix_start | start, st->fix_reverse | reverse, st->fix_retal | (st->agg_retal & reverse),
                        st->fix_opp | (st->agg_opp & reverse)};
}

void pl_ag_decide_all_behaved(const pl_ag_compiled *c, pl_ag_state *st, pl_ag_move *all)
{
    /* A party's plan reads no other party's decision of the period, and its steps are its own
     * (rules, due steps and steps in force are all within c->own[p]), so the plans are made
     * first and the choices drawn together: the same moves, and the same state, as pl_ag_decide
     * party by party.  Only the plans that no longer hold are remade; the merged plans of every
     * party are kept beside them (plan_make), and the logit chances whose inputs changed are
     * remade for every held plan at once, step by step (each reads only the snapshot). */
    const int P = c->n_parties;
    logit_entry *const memo = logit_memo; /* the thread's, its address taken once */
    const uint32_t g0 = st->grim, parties = P >= 32 ? ~0u : (1u << P) - 1;
    /* the memory of every party (only grim reads it): for those that have not yet seen a breach */
    /* (asked again only of the parties whose late or disputed steps moved since the last decisions, while no
     * `rev`, `breach` or `retal` moved since (pub_check's ans_moved): for the others the answer is the last
     * decisions', no breach, or they would be in g0; at the run's first decisions every party is in ld_moved,
     * pl_ag_time_init) */
    pub_check(c, st);
    const pl_bits breaches = (st->rev | st->breach) & ~st->retal;
    for (uint32_t m = parties & ~g0 & (st->ans_moved ? ~0u : st->ld_moved); m; m &= m - 1) {
        int p = __builtin_ctz(m);
        if ((breaches & ~c->own[p]) | st->late[p] | st->disputed[p]) st->grim |= 1u << p;
    }
    const uint32_t g1 = st->grim, held = plans_read_held(st, g1); /* plan_valid, its first part for all at once */
    /* the held plans' keys first, then the plans remade, each in the order of the parties: a plan made reads
     * and writes only its own party's keys and parts, so this is the one loop that asked and made in turn */
    uint32_t remake = parties & ~held;
    /* (plan_keys_valid's first test holds, without reading them, for the parties whose late and disputed steps have
     * not moved since the last decisions, while no `rev`, `breach` or `retal` moved: st->ld_moved) */
    for (uint32_t m = held & parties & (st->ans_moved ? ~0u : st->ld_moved); m; m &= m - 1)
        if (!plan_keys_valid(c, st, __builtin_ctz(m))) remake |= m & -m;
    for (uint32_t m = remake; m; m &= m - 1) {
        const int p = __builtin_ctz(m);
        plan_make(c, st, p, pl_ag_threat(c, st, p), memo);
    }
    /* every plan current on this snapshot (the beliefs' reuse), with each party's memory as it was at its
     * turn (g1's bit p: no plan reads another party's): noted once they are all made */
    st->plan_epoch = st->pub_epoch, st->plan_noted = parties, st->plan_grim = g1, st->plan_all_t = st->t + 1;
    st->ld_moved &= ~parties; /* every party's plan_late is now its late and disputed steps (plan_make, plan_keys_valid) */
    if (c->choice == PL_CHOICE_LOGIT) { /* the held plans' chances whose inputs changed */
        const double eps = c->eps, span = 1 - 2 * eps;
        for (pl_bits b = st->agg_cs_start & ~st->pi_ok_start; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            st->p_act[s] = act_start(c, st, st, memo, c->actor[s], s, eps, span);
        }
        for (pl_bits b = st->agg_ck_keep & ~st->pi_ok_keep; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            st->p_act[s] = act_keep(c, st, st, memo, c->actor[s], s, eps, span);
        }
    }
    decide_drawn(st, all);
    if (st->type_watch) { /* the watching points' chances where they differ, drawn against the same uniforms */
        pl_ag_watch_chances(c, st, st->agg_cs_start, st->agg_ck_keep);
        pl_ag_watch_draws(st, st->t, st->t);
    }
}

void pl_ag_decide_drawn(const pl_ag_state *st, pl_ag_move *all) { decide_drawn(st, all); }

void pl_ag_plan_take(const pl_ag_compiled *c, pl_ag_state *st, const pl_ag_state *from, int p)
{
    /* what plan_make, plan_fill and the chances they made wrote of p (its own steps' entries and
     * bits), what the first pub_check noted of its type, and what the decisions noted of its plan */
    const pl_bits own = c->own[p];
    const uint32_t bit = 1u << p;
    st->type[p] = from->type[p];
    st->plan_rule[p] = from->plan_rule[p], st->plan_cs[p] = from->plan_cs[p], st->plan_ck[p] = from->plan_ck[p];
    /* (the late and disputed steps of period 0 are those of every type's state: the lateness reads no type, and a
     * run with a shock in period 0 opens on its own; so the plan_late taken is p's, and p's bit of st->ld_moved stays clear) */
    st->plan_late[p] = from->plan_late[p];
    st->plan_key_threat[p] = from->plan_key_threat[p], st->plan_key_restore[p] = from->plan_key_restore[p];
    st->plan_noted = (st->plan_noted & ~bit) | (from->plan_noted & bit); /* plan_epoch: the same in both */
    st->plan_grim = (st->plan_grim & ~bit) | (from->plan_grim & bit);
    st->plan_ok = (st->plan_ok & ~bit) | (from->plan_ok & bit);
    st->type_opp = (st->type_opp & ~bit) | (from->type_opp & bit);
    st->type_waits = (st->type_waits & ~bit) | (from->type_waits & bit);
    st->type_grim = (st->type_grim & ~bit) | (from->type_grim & bit);
    for (pl_bits b = own; b; b &= b - 1) {
        int s = __builtin_ctzll(b);
        st->p_act[s] = from->p_act[s], st->pi_start[s] = from->pi_start[s], st->pi_keep[s] = from->pi_keep[s];
    }
#define TAKE_OWN(f) st->f = (st->f & ~own) | (from->f & own)
    TAKE_OWN(pi_ok_start), TAKE_OWN(pi_ok_keep);
    TAKE_OWN(agg_cs), TAKE_OWN(agg_ck), TAKE_OWN(agg_cs_start), TAKE_OWN(agg_ck_keep), TAKE_OWN(agg_retal), TAKE_OWN(agg_opp);
    TAKE_OWN(fix_start), TAKE_OWN(fix_reverse), TAKE_OWN(fix_retal), TAKE_OWN(fix_opp);
#undef TAKE_OWN
}

void pl_ag_rule_as(const pl_ag_compiled *c, const pl_ag_state *st, int p, int k, pl_ag_move *m)
{
    pl_ag_rule_with(c, st, p, k, pl_ag_threat(c, st, p), m);
}
