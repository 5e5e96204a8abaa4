// SPDX-License-Identifier: MIT
/* agreement_behaviour.c — a scenario's `behaviour:` block: how parties choose, weigh time, and learn.
 *
 *   behaviour:
 *     choice: logit          # or `rule`: the rule type with a tremble
 *     rationality: 1.5       # lambda of the logit
 *     tremble: 0.002         # epsilon per decision
 *     discount: 0.97         # delta per period
 *     lookahead: 24          # periods of flows a party counts ahead (default: the horizon)
 *     patience: 1            # periods late before a breach; or {default: 1, DPRK: 0}
 *     inertia: 1             # payoff units added to the worth of keeping an own step (logit); or a map
 *     answers: {SP-DP-1: [SP-US-SST]}   # a breach of these is answered by withdrawing this
 *     start_by: {BDA-US: 2007-03-01}    # start deadlines
 *     status_quo: {DPRK: 0.1}           # payoff per period with no agreement
 *     tolerance: 0.1         # a gain from leaving a design below this does not count
 *
 * Kept apart from agreement_load.c so that the first edition's reader is untouched: a
 * scenario without the block behaves exactly as before.  Every value is checked with
 * its file:line:col. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "agreement/agreement_behaviour.h"

#define TRY(x)                                                                                                         \
    do {                                                                                                               \
        int rc_ = (x);                                                                                                 \
        if (rc_) return rc_;                                                                                           \
    } while (0)

static int step_of(const pl_ydoc *d, const pl_agreement *a, const pl_ynode *n, const char *what, int *out,
                   pl_error *err)
{
    const char *id;
    TRY(pl_ynode_str(d, n, what, &id, err));
    int s = pl_agreement_find_step(a, id);
    if (s < 0) return pl_yerr(d, n, err, "%s: unknown step '%s'", what, id);
    *out = s;
    return PL_OK;
}

static int party_of(const pl_ydoc *d, const pl_agreement *a, const pl_ynode *n, const char *what, int *out,
                    pl_error *err)
{
    const char *id;
    TRY(pl_ynode_str(d, n, what, &id, err));
    int p = pl_agreement_find_party(a, id);
    if (p < 0) return pl_yerr(d, n, err, "%s: unknown party '%s'", what, id);
    *out = p;
    return PL_OK;
}

static int period_of_node(const pl_ydoc *d, const pl_agreement *a, const pl_ynode *n, const char *what, int *out,
                          pl_error *err)
{
    int y, m, dd;
    if (n->kind == PL_Y_SCALAR && strchr(n->value, '-') && !pl_ag_parse_date(n->value, &y, &m, &dd)) {
        int p = pl_ag_period_of(a, y, m, dd);
        if (p < 0) return pl_yerr(d, n, err, "%s %s is before the agreement's start", what, n->value);
        *out = p;
        return PL_OK;
    }
    long v;
    TRY(pl_ynode_int(d, n, what, 0, PL_AG_MAX_HORIZON, &v, err));
    *out = (int)v;
    return PL_OK;
}

/* One value of `key` (a number, or in a map its item): a whole number in [lo, hi] where whole, else any. */
static int by_party_value(const pl_ydoc *d, const pl_ynode *v, const char *what, double lo, double hi, int whole,
                          double *out, pl_error *err)
{
    if (!whole) return pl_ynode_num(d, v, what, lo, hi, out, err);
    long w;
    TRY(pl_ynode_int(d, v, what, (long)lo, (long)hi, &w, err));
    *out = (double)w;
    return PL_OK;
}

/* `key:` as a number for every party, or a map {default: x, PARTY: x, ...} (patience, inertia): *def is
 * the value without a party, out[p] each party's; both are left as they are when the key is absent.
 * what_one names a lone number in an error, what_item an item of the map. */
static int read_by_party(const pl_ydoc *d, const pl_ynode *n, const pl_agreement *a, const char *key,
                         const char *what_one, const char *what_item, double lo, double hi, int whole, double *def,
                         double *out, pl_error *err)
{
    const char *ids[PL_AG_MAX_PARTIES];
    for (int p = 0; p < a->n_parties; p++) ids[p] = a->party[p].id;
    pl_ydoc_note_by_party(d, n, key, ids, (size_t)a->n_parties); /* --set KEY.PARTY on one number: overrides.h */
    const pl_ynode *in = pl_ymap_get(n, key);
    if (!in) return PL_OK;
    if (in->kind != PL_Y_MAP) {
        TRY(by_party_value(d, in, what_one, lo, hi, whole, def, err));
        for (int p = 0; p < PL_AG_MAX_PARTIES; p++) out[p] = *def;
        return PL_OK;
    }
    const pl_ynode *dv = pl_ymap_get(in, "default");
    if (dv) TRY(by_party_value(d, dv, what_item, lo, hi, whole, def, err));
    for (int p = 0; p < PL_AG_MAX_PARTIES; p++) out[p] = *def;
    char quoted[64];
    snprintf(quoted, sizeof quoted, "'%s'", key);
    for (size_t i = 0; i < in->n; i++) {
        if (!strcmp(in->keys[i]->value, "default")) continue;
        int p = 0;
        TRY(party_of(d, a, in->keys[i], quoted, &p, err));
        TRY(by_party_value(d, in->items[i], what_item, lo, hi, whole, &out[p], err));
    }
    return PL_OK;
}

int pl_ag_read_behaviour(const pl_ydoc *d, const pl_ynode *n, pl_agreement *a, pl_error *err)
{
    static const char *const keys[] = {"choice",   "rationality", "tremble",    "discount",  "lookahead", "patience",
                                       "inertia",  "answers",     "start_by",   "status_quo", "tolerance", "source",
                                       "note",     NULL};
    pl_ag_behaviour *b = &a->behaviour;
    TRY(pl_yexpect(d, n, PL_Y_MAP, "'behaviour' (a map: choice, rationality, tremble, discount, patience, ...)", err));
    TRY(pl_ymap_check_keys(d, n, keys, err));
    b->given = 1;
    b->pos = (pl_ag_pos){n->line, n->col};
    const char *choice = "logit";
    TRY(pl_yget_str(d, n, "choice", 0, &choice, err));
    if (!strcmp(choice, "logit"))
        b->choice = PL_CHOICE_LOGIT;
    else if (!strcmp(choice, "rule"))
        b->choice = PL_CHOICE_RULE;
    else
        return pl_yerr(d, pl_ymap_get(n, "choice"), err, "'choice' must be 'logit' or 'rule', found '%s'", choice);
    b->rationality = 1, b->tremble = 0.002, b->discount = 0.97, b->lookahead = a->horizon, b->tolerance = 0.1;
    TRY(pl_yget_num(d, n, "rationality", 0, 0, 1e6, &b->rationality, err));
    TRY(pl_yget_num(d, n, "tremble", 0, 0, 0.5, &b->tremble, err));
    TRY(pl_yget_num(d, n, "discount", 0, 0, 1, &b->discount, err));
    TRY(pl_yget_num(d, n, "tolerance", 0, 0, 1e12, &b->tolerance, err));
    long look = b->lookahead;
    TRY(pl_yget_int(d, n, "lookahead", 0, 1, PL_AG_MAX_HORIZON, &look, err));
    b->lookahead = (int)look;
    /* patience: 1 period when absent; inertia: 0 (the second edition's choice), noted for the inputs */
    double pat_def = 1, pat[PL_AG_MAX_PARTIES];
    for (int p = 0; p < PL_AG_MAX_PARTIES; p++) pat[p] = 1;
    if (!pl_ymap_get(n, "patience")) { /* absent: the getter notes the default for results.json's inputs */
        long pat_absent = 1;
        TRY(pl_yget_int(d, n, "patience", 0, 0, PL_AG_MAX_HORIZON, &pat_absent, err));
        pat_def = (double)pat_absent;
    }
    TRY(read_by_party(d, n, a, "patience", "'patience' (periods, or a map party: periods)", "'patience'", 0,
                      PL_AG_MAX_HORIZON, 1, &pat_def, pat, err));
    b->patience_default = (int)pat_def;
    for (int p = 0; p < PL_AG_MAX_PARTIES; p++) b->patience[p] = (int)pat[p];
    static const char inertia_what[] = "'inertia' (payoff units, a number >= 0, or a map party: number)";
    b->inertia_default = 0;
    for (int p = 0; p < PL_AG_MAX_PARTIES; p++) b->inertia[p] = 0;
    if (!pl_ymap_get(n, "inertia")) TRY(pl_yget_num(d, n, "inertia", 0, 0, 1e12, &b->inertia_default, err));
    TRY(read_by_party(d, n, a, "inertia", inertia_what, inertia_what, 0, 1e12, 0, &b->inertia_default, b->inertia, err));
    for (int s = 0; s < PL_AG_MAX_STEPS; s++) b->start_by[s] = -1;
    const pl_ynode *ans = pl_ymap_get(n, "answers");
    if (ans) {
        TRY(pl_yexpect(d, ans, PL_Y_MAP, "'answers' (step: [counterpart steps whose breach it answers])", err));
        for (size_t i = 0; i < ans->n; i++) {
            int s = 0;
            TRY(step_of(d, a, ans->keys[i], "'answers'", &s, err));
            const pl_ynode *v = ans->items[i];
            const pl_ynode *one[1] = {v};
            const pl_ynode *const *items = v->kind == PL_Y_SEQ ? (const pl_ynode *const *)v->items : one;
            size_t cnt = v->kind == PL_Y_SEQ ? v->n : 1;
            for (size_t k = 0; k < cnt; k++) {
                int x = 0;
                TRY(step_of(d, a, items[k], "'answers'", &x, err));
                if (a->step[x].actor == a->step[s].actor)
                    return pl_yerr(d, items[k], err, "'answers': '%s' and '%s' are steps of the same party; a step answers a counterpart's",
                                   a->step[s].id, a->step[x].id);
                b->answers[s] |= PL_BIT(x);
            }
        }
    }
    const pl_ynode *sb = pl_ymap_get(n, "start_by");
    if (sb) {
        TRY(pl_yexpect(d, sb, PL_Y_MAP, "'start_by' (step: date or period)", err));
        for (size_t i = 0; i < sb->n; i++) {
            int s = 0;
            TRY(step_of(d, a, sb->keys[i], "'start_by'", &s, err));
            TRY(period_of_node(d, a, sb->items[i], "'start_by'", &b->start_by[s], err));
        }
    }
    const pl_ynode *sq = pl_ymap_get(n, "status_quo");
    if (sq) {
        TRY(pl_yexpect(d, sq, PL_Y_MAP, "'status_quo' (party: payoff per period with no agreement)", err));
        for (size_t i = 0; i < sq->n; i++) {
            int p = 0;
            TRY(party_of(d, a, sq->keys[i], "'status_quo'", &p, err));
            TRY(pl_ynode_num(d, sq->items[i], "'status_quo'", -1e12, 1e12, &b->status_quo[p], err));
        }
    }
    return PL_OK;
}

int pl_ag_inertia_text(const pl_agreement *a, char *buf, size_t n)
{
    const pl_ag_behaviour *b = &a->behaviour;
    int given = 0;
    for (int p = 0; p < a->n_parties; p++) given |= b->inertia[p] != 0;
    size_t len = (size_t)snprintf(buf, n, "%g by default", given ? b->inertia_default : 0.0);
    const char *sep = " (";
    for (int p = 0; given && p < a->n_parties && len < n; p++)
        if (b->inertia[p] != b->inertia_default)
            len += (size_t)snprintf(buf + len, n - len, "%s%s %g", sep, a->party[p].id, b->inertia[p]), sep = ", ";
    if (*sep == ',' && len < n) snprintf(buf + len, n - len, ")");
    return given;
}

/* Whether step x may pay party p anything while the run lasts: a one-off value, a flow, or a flow
 * some shock gives (pl_ag_flow).  A step that pays p nothing adds exactly 0 to the worth of any of
 * p's steps (what_hangs_on: its terms are all 0), whatever its state and its actor's expectations. */
static int pays(const pl_ag_compiled *c, int x, int p)
{
    if (c->value_to[x][p] != 0 || c->flow_to[x][p] != 0) return 1;
    for (int k = 0; k < c->n_shocks; k++)
        for (int i = 0; i < c->shock_n_flow[k]; i++)
            if (c->shock_flow_step[k][i] == x && c->shock_flow_party[k][i] == p && c->shock_flow[k][i] != 0) return 1;
    return 0;
}

/* What each party's rule and plan read of the public state (agreement_choice.c, plan_holds). */
static void plan_reads(pl_ag_compiled *c)
{
    for (int x = 0; x < c->n_steps; x++) c->readers_done[x] = c->readers_verified[x] = 0;
    for (int p = 0; p < c->n_parties; p++) {
        pl_bits own = c->own[p], req = 0, link = 0, done = own, verified = 0;
        for (pl_bits b = own; b; b &= b - 1) {
            int s = __builtin_ctzll(b);
            req |= c->req[s], link |= c->link[s];
        }
        verified = req;
        /* agreement_policy.c: every rule reads its own steps' state and answers the breaches of the
         * steps exchanged for them (pl_ag_reciprocal_*: link & threat); it starts a step once what it
         * requires is verified (or, restoring, withdrawn in answer); an all_first type waits for its
         * steps verified; an opportunist weighs what is exchanged for a step that is done and whether
         * anything hanging on it is still to come (ever done: read with `done`, since a step is first
         * ever done when it is done, and the counterpart steps hanging on its own are exchanged for
         * them); the plan's due steps read what they require verified (agreement_time.c).  Of every
         * type the party may be (agreement_choice.c narrows them to the type drawn for the run). */
        for (int k = 0; k < c->n_opt[p]; k++) {
            const pl_ag_copt *o = &c->opt[p][k];
            if (o->kind == PL_POL_OPPORTUNIST) done |= link;
            if (o->kind == PL_POL_ALL_FIRST) verified |= o->steps;
        }
        for (pl_bits b = done; b; b &= b - 1) c->readers_done[__builtin_ctzll(b)] |= 1u << p;
        for (pl_bits b = verified; b; b &= b - 1) c->readers_verified[__builtin_ctzll(b)] |= 1u << p;
        c->plan_threat[p] = link & ~own, c->plan_restore[p] = req;
    }
}

/* The tables compiled from the parties' types (agreement_choice.c's expectations and plans);
 * maybe_never only with behaviour, which alone reads it. */
static void type_tables(pl_ag_compiled *c)
{
    c->maybe_never = 0;
    for (int p = 0; p < c->n_parties; p++) {
        c->answer_types[p] = c->grim_types[p] = 0;
        for (int k = 0; k < c->n_opt[p]; k++) {
            const pl_ag_copt *o = &c->opt[p][k];
            if (pl_ag_policy_types[o->kind].answers) c->answer_types[p] |= 1u << k;
            if (o->kind == PL_POL_GRIM) c->grim_types[p] |= 1u << k;
            if (!c->behave) continue;
            if (o->kind == PL_POL_GRIM) c->maybe_never |= c->own[p];
            if (o->kind == PL_POL_HOLD) c->maybe_never |= o->steps & c->own[p];
        }
    }
    for (int s = 0; s < c->n_steps; s++) {
        int j = c->actor[s];
        c->hold_types[s] = 0;
        for (int k = 0; k < c->n_opt[j]; k++)
            if (c->opt[j][k].kind == PL_POL_HOLD && (c->opt[j][k].steps >> s & 1)) c->hold_types[s] |= 1u << k;
    }
    plan_reads(c);
}

void pl_ag_set_discounting(pl_ag_compiled *c, double discount, int lookahead)
{
    c->delta = discount;
    c->annuity = discount < 1 ? (1 - pow(discount, lookahead)) / (1 - discount) : lookahead;
    for (int s = 0; s < c->n_steps; s++) {
        c->disc[s] = pow(discount, c->duration[s]);
        /* paid as delivered: a 1/duration share in each period of work from the start, those within the
         * look-ahead counted (as a flow's are) */
        int m = c->duration[s] < lookahead ? c->duration[s] : lookahead;
        double sum = discount < 1 ? (1 - pow(discount, m)) / (1 - discount) : m;
        c->delivered_worth[s] = (c->as_delivered >> s & 1) ? sum / c->duration[s] : 0;
        for (int p = 0; p < c->n_parties; p++) {
            c->worth_fa[s][p] = c->flow_to[s][p] * c->annuity;
            c->worth_va[s][p] = c->value_to[s][p] + c->worth_fa[s][p];
            c->worth_dva[s][p] = c->disc[s] * c->worth_va[s][p];
        }
    }
}

void pl_ag_set_one_policy(pl_ag_compiled *c, int p, pl_policy_kind kind)
{
    c->n_opt[p] = 1;
    c->opt_cum[p][0] = 1;
    c->opt[p][0] = (pl_ag_copt){kind, 0, 0};
    type_tables(c);
}

void pl_ag_compile_behaviour(const pl_agreement *a, pl_ag_compiled *c)
{
    const pl_ag_behaviour *b = &a->behaviour;
    c->behave = b->given;
    c->max_not_before = 0;
    c->has_start_by = 0;
    for (int s = 0; s < c->n_steps; s++) {
        c->deadline[s] = a->step[s].deadline, c->start_by[s] = -1;
        if (c->not_before[s] > c->max_not_before) c->max_not_before = c->not_before[s];
        c->req_users[s] = 0;
    }
    for (int s = 0; s < c->n_steps; s++)
        for (pl_bits x = c->req[s]; x; x &= x - 1) c->req_users[__builtin_ctzll(x)] |= PL_BIT(s);
    c->step_bytes = (c->n_steps + 7) / 8;
    for (int i = 0; i < c->step_bytes; i++)
        for (int x = 0; x < 256; x++) {
            uint32_t who = 0;
            for (int j = 0; j < 8 && 8 * i + j < c->n_steps; j++)
                if (x >> j & 1) who |= 1u << c->actor[8 * i + j];
            c->actor_bits[i][x] = who;
        }
    c->n_release = 0; /* pl_ag_released's table: the distinct not_before periods, ascending */
    for (int last = 0, first = 1;; first = 0) {
        int next = 0, found = 0;
        for (int s = 0; s < c->n_steps; s++)
            if ((first || c->not_before[s] > last) && (!found || c->not_before[s] < next)) next = c->not_before[s], found = 1;
        if (!found) break;
        pl_bits m = 0;
        for (int s = 0; s < c->n_steps; s++)
            if (c->not_before[s] <= next) m |= PL_BIT(s);
        c->release_t[c->n_release] = next, c->release_mask[c->n_release++] = m;
        last = next;
    }
    c->released_at[0] = 0;
    for (int t = 0, i = 0; t <= c->horizon + 1; t++) {
        c->released_at[1 + t] = c->released_at[t];
        for (; i < c->n_release && c->release_t[i] <= t; i++) c->released_at[1 + t] = c->release_mask[i];
    }
    type_tables(c);
    if (!b->given) return;
    c->choice = b->choice;
    c->lambda = b->rationality;
    c->eps = b->tremble;
    double eo = b->tremble > 0.001 ? b->tremble : 0.001; /* observers never rule a type out for good */
    c->log_eps = log(eo), c->log_1m_eps = log1p(-eo);
    c->eps_ratio = exp(c->log_eps - c->log_1m_eps);
    c->lookahead = b->lookahead;
    pl_ag_set_discounting(c, b->discount, b->lookahead);
    for (int s = 0; s < c->n_steps; s++) {
        /* a start deadline: the step's own `start_by:`, or the behaviour block's for it, which wins */
        c->start_by[s] = b->start_by[s] >= 0 ? b->start_by[s] : a->step[s].start_by;
        if (c->start_by[s] >= 0) c->has_start_by |= PL_BIT(s);
        for (pl_bits x = b->answers[s]; x; x &= x - 1) {
            int y = __builtin_ctzll(x);
            c->link[s] |= PL_BIT(y);
            c->link[y] |= PL_BIT(s);
        }
    }
    plan_reads(c); /* `answers` added links */
    for (int p = 0; p < c->n_parties; p++) c->patience[p] = b->patience[p];
    c->pub_patience = b->patience_default;
    for (int p = 0; p < c->n_parties; p++) c->inertia[p] = b->inertia[p];
    /* what each step's worth to its actor reads (agreement_choice.c: pl_ag_delta_start/keep, what_hangs_on),
     * beside the step itself (its own moves drop it, without a table): the counterpart steps that hang
     * on it (their completion, not their start) and those exchanged for it; the chance that each of
     * those is done, and that the actor of each one exchanged for it (and not hanging on it) answers;
     * of those, only the steps that may pay the actor something (the others add 0 to its worth) */
    pl_bits paying[PL_AG_MAX_PARTIES] = {0}; /* the steps that may pay each party something */
    for (int p = 0; p < c->n_parties; p++)
        for (int x = 0; x < c->n_steps; x++)
            if (pays(c, x, p)) paying[p] |= PL_BIT(x);
    c->pays_actor = 0;
    for (int s = 0; s < c->n_steps; s++) {
        const int p = c->actor[s];
        /* (a step paid as delivered costs its actor only while under way: its keeping reads `done`) */
        if ((paying[p] >> s & 1) || (c->as_delivered >> s & 1)) c->pays_actor |= PL_BIT(s);
        pl_bits theirs = ~c->own[p] & paying[p], hang = c->dep_closure[s] & theirs, traded = c->link[s] & ~c->dep_closure[s] & theirs;
        c->worth_hang[s] = hang, c->worth_traded[s] = traded;
        for (pl_bits x = traded; x; x &= x - 1) c->pi_readers[__builtin_ctzll(x)] |= PL_BIT(s);
        for (pl_bits x = hang; x; x &= x - 1) c->pi_readers_dep[__builtin_ctzll(x)] |= PL_BIT(s);
        for (pl_bits x = hang | traded; x; x &= x - 1) c->pi_readers_do[__builtin_ctzll(x)] |= PL_BIT(s);
        for (pl_bits x = traded; x; x &= x - 1) c->pi_readers_answer[c->actor[__builtin_ctzll(x)]] |= PL_BIT(s);
    }
    for (int k = 0; k < c->n_shocks; k++) {
        c->shock_pi_readers[k] = 0;
        for (int i = 0; i < c->shock_n_flow[k]; i++) {
            int x = c->shock_flow_step[k][i], q = c->shock_flow_party[k][i];
            for (pl_bits m = c->own[q]; m; m &= m - 1) {
                int s = __builtin_ctzll(m);
                if (((c->worth_hang[s] | c->worth_traded[s] | PL_BIT(s)) >> x) & 1) c->shock_pi_readers[k] |= PL_BIT(s);
            }
        }
    }
}
