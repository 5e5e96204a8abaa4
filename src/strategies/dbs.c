// SPDX-License-Identifier: MIT
/* dbs.c — DBS, the Desired (Derived) Belief Strategy of Au & Nau (2006), as Axelrod-Python
 * 4.13 plays it (axelrod/strategies/dbs.py).
 *
 * DBS models the opponent as a policy: for each outcome of a turn (CC, CD, DC, DD) the
 * probability that the opponent cooperates on the turn after.  A condition the opponent has
 * answered the same way its last `promotion` times becomes a deterministic rule (Rc); rules
 * the opponent breaks `violation` times in a row are moved to the default rules (Rd, which
 * start as tit for tat's: CC, CD -> C; DC, DD -> D), and default rules broken more than
 * `reject` times are dropped.  Other conditions get the discounted frequency of the
 * opponent's C after them (discount `discount`, newest first, with the reference's starting
 * counts: one C after CC and CD, one D after DC and DD).  Its move maximises the payoff summed
 * over a tree `depth` turns deep against that policy (payoffs 3, 0, 5, 1 as the reference
 * fixes them, whatever the game), C on a tie.
 *
 * The frequencies are summed exactly as the reference sums them (newest first, with the
 * running power of the discount), so the values compare equal where the reference's do.  Only
 * the additions that can change a sum are made (issue 17): a term of 0 adds nothing; a sum that
 * an addition of the current power left unchanged stays unchanged by every later, smaller term
 * (rounding is monotone); and a sum whose every event has been added meets only zeros until the
 * starting entry.  So each turn's pass stops once all eight sums are settled, about 130 turns back
 * at 0.75 instead of the whole history.  What that needs is kept up to date turn by turn: how many
 * times each outcome ended a turn and was answered with C, the power of the discount at the
 * starting entry (the same repeated products), and for the promotions the opponent's last answer
 * to each outcome and how many times in a row it gave it.  The tree's value depends only on
 * (outcome, depth), so each is computed once, and only on the policy: the values one turn below
 * the root are kept with the policy they were computed for and reused while it is unchanged. */
#include "strategies/strategy_def.h"

#include <string.h>

#define REF_DBS "Au & Nau (2006), Accident or intention: that is the question (in the iterated prisoner's dilemma), AAMAS"

enum { OUT_CC, OUT_CD, OUT_DC, OUT_DD, OUTCOMES };
enum { P_DISCOUNT, P_PROMOTION, P_VIOLATION, P_REJECT, P_DEPTH };
#define DBS_MAX_DEPTH 32

typedef struct dbs_state {
    signed char rc[OUTCOMES], rd[OUTCOMES]; /* -1: no rule; else 1 (C) or 0 (D), the reference's action_to_int */
    int violations[OUTCOMES];
    int v;
    double pi[OUTCOMES]; /* the policy of the last move */
    /* the history's entries 1 .. seen folded in (entry j: turn j - 1's outcome, the opponent's turn j) */
    int seen;
    int n_f[OUTCOMES], n_g[OUTCOMES]; /* entries with that outcome; of them, answered with C */
    int last_answer[OUTCOMES], streak[OUTCOMES]; /* the newest answer to each outcome; times in a row */
    double start_power;                          /* the discount to the power `seen`, by repeated products */
    /* the tree's values one turn below the root, for the policy memo_pi at depth memo_depth */
    double memo_pi[OUTCOMES], memo_val[OUTCOMES];
    int memo_depth;
} dbs_state;

static int outcome(int mine, int theirs) { return mine * 2 + theirs; }

static void dbs_forget(dbs_state *s)
{
    for (int o = 0; o < OUTCOMES; o++) s->n_f[o] = s->n_g[o] = s->last_answer[o] = s->streak[o] = 0;
    s->seen = 0;
    s->start_power = 1;
}

static void dbs_init(void *state, const pl_params *p)
{
    dbs_state *s = state;
    (void)p;
    static const signed char tft[OUTCOMES] = {1, 1, 0, 0};
    memset(s, 0, sizeof *s);
    for (int o = 0; o < OUTCOMES; o++) {
        s->rc[o] = -1;
        s->rd[o] = tft[o];
        s->pi[o] = tft[o];
    }
    dbs_forget(s);
    s->memo_depth = 0; /* no memo: the depth is at least 1 */
}

/* The reference's history_by_cond: for outcome o, entry 0 is its starting count, entry j >= 1
 * (turn j of the opponent) is F = 1 when turn j - 1 ended in o, G = 1 when also the opponent
 * then played C.  Entries 1 .. t-1 exist at turn t.  Folds the entries not yet counted into the
 * state (all of them again when the history is shorter than what was counted). */
static void dbs_fold(dbs_state *s, const pl_view *v, double alpha)
{
    int last = v->opp->len - 1;
    if (last < s->seen) dbs_forget(s);
    for (int j = s->seen + 1; j <= last; j++) {
        int o = outcome(pl_hist_at(v->me, j - 1), pl_hist_at(v->opp, j - 1));
        int answer = pl_hist_at(v->opp, j);
        s->n_f[o]++;
        s->n_g[o] += answer == PL_C;
        if (s->streak[o] > 0 && s->last_answer[o] == answer)
            s->streak[o]++;
        else {
            s->last_answer[o] = answer;
            s->streak[o] = 1;
        }
        s->start_power = alpha * s->start_power;
        s->seen = j;
    }
}

/* A running sum x that still has `left` events to add is settled at power ak when none is left
 * (or it is not needed: `left` counts down from 0 then) or when adding ak, the largest term
 * still to come, leaves it unchanged. */
static int settled(double x, int left, double ak) { return left <= 0 || x + ak == x; }

/* The discounted frequencies of the opponent's C after each outcome, newest first with the
 * running power of the discount, then the starting entry; probability[o] = G / F, needed for
 * the outcomes in the bit mask `need` (the others may stop short). */
static void prob_rules(const dbs_state *s, const pl_view *v, double alpha, unsigned need, double *probability)
{
    int n = v->opp->len; /* entries 1 .. n-1 */
    double g[OUTCOMES] = {0}, f[OUTCOMES] = {0}, ak = 1;
    int left_f[OUTCOMES], left_g[OUTCOMES];
    /* Outcomes whose quotient is known without the sums: never seen (G and F are both the
     * starting entry, or 0: the starting count); never answered with C after DC or DD (G is 0);
     * always answered with C after CC or CD (G and F are the same sums, term by term). */
    for (int o = 0; o < OUTCOMES; o++) {
        int start_c = o == OUT_CC || o == OUT_CD;
        if (s->n_f[o] == 0 || (!start_c && s->n_g[o] == 0) || (start_c && s->n_g[o] == s->n_f[o])) {
            probability[o] = start_c;
            need &= ~(1u << o);
        }
    }
    if (!need) return;
    for (int o = 0; o < OUTCOMES; o++) {
        left_f[o] = need >> o & 1 ? s->n_f[o] : 0;
        left_g[o] = need >> o & 1 ? s->n_g[o] : 0;
    }
    /* entries hi - k + 1 .. hi, 64 at a time: bit i of `mine`, `theirs` is turn hi - k + i,
     * of `answer` the opponent's turn hi - k + 1 + i */
    for (int hi = n - 1, step = 0, stop = 0; hi >= 1 && ak != 0 && !stop; hi -= 64) {
        int k = hi < 64 ? hi : 64;
        uint64_t mine = pl_hist_bits(v->me, hi - k, k), theirs = pl_hist_bits(v->opp, hi - k, k),
                 answer = pl_hist_bits(v->opp, hi - k + 1, k);
        for (int i = k - 1; i >= 0 && ak != 0; i--, step++) {
            if ((step & 7) == 0) {
                int all = 1;
                for (int o = 0; o < OUTCOMES && all; o++)
                    all = settled(f[o], left_f[o], ak) && settled(g[o], left_g[o], ak); /* at once when not needed */
                if (all) { /* every later term, and the starting entry, adds nothing */
                    stop = 1;
                    break;
                }
            }
            int o = outcome((int)(mine >> i) & 1, (int)(theirs >> i) & 1);
            f[o] += ak;
            left_f[o]--;
            if (((answer >> i) & 1) == PL_C) {
                g[o] += ak;
                left_g[o]--;
            }
            ak = alpha * ak;
        }
    }
    double start = s->start_power; /* the power the loop reaches at the starting entry */
    for (int o = 0; o < OUTCOMES; o++) {
        if (!(need >> o & 1)) continue;
        if (start != 0) {
            g[o] += start * (o == OUT_CC || o == OUT_CD);
            f[o] += start;
        }
        /* f is 0 only when o has not ended a turn since the discount's power underflowed
         * (about 2,500 turns at 0.75), where the reference divides by zero: the starting
         * count then */
        probability[o] = f[o] != 0 ? g[o] / f[o] : (o == OUT_CC || o == OUT_CD);
    }
}

/* should_promote: how many times, newest first, the opponent answered outcome o with `act`
 * before it last answered it otherwise; promote at `threshold`. */
static int should_promote(const dbs_state *s, int o, int act, int threshold)
{
    int count = s->streak[o] > 0 && s->last_answer[o] == act ? s->streak[o] : 0;
    return count >= threshold;
}

static const double dbs_value[OUTCOMES] = {3, 0, 5, 1};

/* The reference's minimax_tree_search from the deterministic node (outcome, depth) below
 * the root: its value, memoised in val[depth][outcome]. */
static double tree_value(const double *pi, int o, int depth, int max_depth, double val[][OUTCOMES], unsigned char done[][OUTCOMES])
{
    if (depth == max_depth) return dbs_value[o];
    if (done[depth][o]) return val[depth][o];
    double pc = pi[o], best = 0;
    for (int own = 0; own < 2; own++) {
        double x = pc * tree_value(pi, outcome(own, PL_C), depth + 1, max_depth, val, done) +
                   (1 - pc) * tree_value(pi, outcome(own, PL_D), depth + 1, max_depth, val, done);
        if (own == 0 || x > best) best = x;
    }
    val[depth][o] = best + dbs_value[o];
    done[depth][o] = 1;
    return val[depth][o];
}

static int move_gen(dbs_state *s, int o, int max_depth)
{
    const double *pi = s->pi;
    if (s->memo_depth != max_depth || memcmp(s->memo_pi, pi, sizeof s->memo_pi) != 0) {
        double val[DBS_MAX_DEPTH + 1][OUTCOMES];
        unsigned char done[DBS_MAX_DEPTH + 1][OUTCOMES] = {{0}};
        for (int below = 0; below < OUTCOMES; below++) s->memo_val[below] = tree_value(pi, below, 1, max_depth, val, done);
        memcpy(s->memo_pi, pi, sizeof s->memo_pi);
        s->memo_depth = max_depth;
    }
    const double *below = s->memo_val;
    double pc = pi[o], choice[2];
    for (int own = 0; own < 2; own++)
        choice[own] = (pc * below[outcome(own, PL_C)] + (1 - pc) * below[outcome(own, PL_D)]) + dbs_value[o];
    return choice[1] > choice[0] ? PL_D : PL_C;
}

static int dbs_move(void *state, const pl_params *p, const pl_view *v)
{
    dbs_state *s = state;
    if (v->turn == 0) return PL_C;
    int t = v->opp->len;
    if (t >= 2) {
        dbs_fold(s, v, p->num[P_DISCOUNT]);
        int two = outcome(pl_hist_ago(v->me, 2), pl_hist_ago(v->opp, 2));
        int plus = pl_hist_ago(v->opp, 1) == PL_C ? 1 : 0, minus = 1 - plus;
        if (s->rc[two] < 0 && should_promote(s, two, plus ? PL_C : PL_D, (int)p->num[P_PROMOTION])) {
            s->rc[two] = (signed char)plus;
            s->violations[two] = 0;
        }
        if (s->rc[two] >= 0) {
            if (plus == s->rc[two])
                s->violations[two] = 0;
            else {
                s->violations[two]++;
                if (s->violations[two] >= (int)p->num[P_VIOLATION]) {
                    for (int o = 0; o < OUTCOMES; o++) {
                        if (s->rc[o] >= 0) s->rd[o] = s->rc[o];
                        s->rc[o] = -1;
                        s->violations[o] = 0;
                    }
                    s->v = 0;
                }
            }
        }
        int plus_in_rc = s->rc[two] == plus, minus_in_rd = s->rd[two] == minus;
        if (minus_in_rd) s->v++;
        if (s->v > (int)p->num[P_REJECT] || (plus_in_rc && minus_in_rd)) {
            for (int o = 0; o < OUTCOMES; o++) s->rd[o] = -1;
            s->v = 0;
        }
        double probability[OUTCOMES];
        unsigned learned = 0;
        for (int o = 0; o < OUTCOMES; o++) learned |= (unsigned)(s->rd[o] < 0 && s->rc[o] < 0) << o;
        if (learned) prob_rules(s, v, p->num[P_DISCOUNT], learned, probability);
        for (int o = 0; o < OUTCOMES; o++)
            s->pi[o] = s->rd[o] >= 0 ? s->rd[o] : s->rc[o] >= 0 ? s->rc[o] : probability[o];
    }
    return move_gen(s, outcome(pl_view_my_last(v), pl_view_opp_last(v)), (int)p->num[P_DEPTH]);
}

const pl_strategy_def pl_family_dbs[] = {
    {.id = "dbs", .name = "DBS", .axelrod_name = "DBS: 0.75, 3, 4, 3, 5", .class_name = "DBS", .reference = REF_DBS,
     .flags = PL_LONG_RUN_TIME, .memory_depth = -1,
     .params = {{.key = "discount", .kind = PL_PARAM_REAL, .def = 0.75, .lo = 0, .hi = 1,
                 .help = "discount of older observations in the opponent's learned probabilities"},
                {.key = "promotion", .kind = PL_PARAM_INT, .def = 3, .lo = 0, .hi = 1e6,
                 .help = "successive same answers that make a deterministic rule"},
                {.key = "violation", .kind = PL_PARAM_INT, .def = 4, .lo = 0, .hi = 1e6,
                 .help = "successive breaks of a rule that demote it (lower it under noise)"},
                {.key = "reject", .kind = PL_PARAM_INT, .def = 3, .lo = 0, .hi = 1e6,
                 .help = "breaks of the default rules before they are forgotten"},
                {.key = "depth", .kind = PL_PARAM_INT, .def = 5, .lo = 1, .hi = DBS_MAX_DEPTH,
                 .help = "turns the tree search looks ahead"}},
     .state_size = sizeof(dbs_state), .init = dbs_init, .move = dbs_move},
    {0},
};
