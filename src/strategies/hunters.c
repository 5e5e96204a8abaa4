// SPDX-License-Identifier: MIT
/* hunters.c — strategy family "hunters": players that look for a recognisable
 * kind of opponent (unconditional, alternating, cyclic, constant-rate, random)
 * and exploit it, the two meta players that pool a team of such hunters, and the
 * probers that test the opponent with early defections.
 * Behaviour matches Axelrod-Python 4.13; each rule is cited above its function. */
#include "strategies/strategy_def.h"

/* ------------------------------------------------------------------------ */
/* Shared pieces                                                            */

/* Periodicity tracker over the opponent's history.  A period p (1..12) holds
 * from `off` on while every action at index j >= off + p equals the one p
 * before it; once broken it stays broken, so each new action costs a few bit
 * operations and the longest match needs no rescanning. */
#define CYC_MAX 12
typedef struct cyc_track {
    int seen;          /* opponent actions already examined */
    uint32_t recent;   /* bit p: the examined action p before the newest (bit 0 the newest) */
    uint32_t broken0;  /* bit p: period p broken counting from index 0 */
    uint32_t broken10; /* bit p: period p broken counting from index 10 */
} cyc_track;

/* 1 once every period that cyc_find can report (3 to 12) is broken counting from index 0 and
 * from index 10: both only gain bits, so from then on cyc_find returns 0 whatever comes, and
 * the tracker need not examine another action (against most opponents, within a few dozen). */
static inline int cyc_settled(const cyc_track *c)
{
    return (c->broken0 & c->broken10 & 0x1ff8u) == 0x1ff8u;
}

static inline void cyc_update(cyc_track *c, const pl_history *h)
{
    if (cyc_settled(c)) return;
    for (int j = c->seen; j < h->len; j++) {
        uint32_t a = (uint32_t)pl_hist_at(h, j);
        c->recent = c->recent << 1 | a;
        int k = j < CYC_MAX ? j : CYC_MAX; /* the periods p <= k have an action p before j */
        /* the periods broken at j, all at once: bit p where the action p before j differs
         * from the one at j (bit 0 is j against itself, never set; bits past k are masked) */
        uint32_t broken = (c->recent ^ (0u - a)) & ((2u << k) - 2);
        c->broken0 |= broken;
        int lim = j - 10; /* counting from index 10: the periods p <= j - 10 */
        if (lim >= CYC_MAX) c->broken10 |= broken;
        else if (lim >= 1) c->broken10 |= broken & ((2u << lim) - 1);
    }
    c->seen = h->len;
}

/* The shortest period of at least 3 (and at most half the examined stretch, at
 * most 12) that the stretch from `off` on follows, or 0 if none: the cycle test
 * of the hunters (Axelrod-Python's detect_cycle with min_size 3). */
static int cyc_find(const cyc_track *c, int len, int off)
{
    int n = len - off;
    if (n <= 0) return 0;
    int maxp = n / 2 < CYC_MAX ? n / 2 : CYC_MAX;
    if (maxp < 3) return 0;
    /* the lowest period of 3..maxp not broken */
    uint32_t held = ~(off ? c->broken10 : c->broken0) & ((2u << maxp) - 8);
    return held ? __builtin_ctz(held) : 0;
}

/* ------------------------------------------------------------------------ */
/* The hunters.  Each one's rule is written against an abstract "own history"
 * (what the hunter itself has played), because inside a meta player a hunter's
 * own history is the list of its proposals, not the meta player's moves.     */

/* Defector Hunter (Karol Langner, Axelrod-Python): after 4 turns, defect while
 * the opponent has never cooperated. */
static int defector_hunter_rule(int n, const pl_history *opp)
{
    return n >= 4 && opp->n_defect == opp->len ? PL_D : PL_C;
}

/* Cooperator Hunter (Karol Langner, Axelrod-Python): after 4 turns, defect while
 * the opponent has never defected. */
static int cooperator_hunter_rule(int n, const pl_history *opp)
{
    return n >= 4 && opp->n_defect == 0 ? PL_D : PL_C;
}

/* Alternator Hunter (Karol Langner, Axelrod-Python): once six opponent moves are
 * in, judge them once; if they strictly alternate, defect for the rest of the
 * match. */
typedef struct alt_hunter {
    int is_alt;
} alt_hunter;

static int alt_hunter_rule(alt_hunter *s, int n, const pl_history *opp)
{
    if (opp->len < 6) return PL_C;
    if (n == 6) {
        int alt = 1;
        for (int i = 0; i + 1 < opp->len; i++)
            if (pl_hist_at(opp, i) == pl_hist_at(opp, i + 1)) alt = 0;
        if (alt) s->is_alt = 1;
    }
    return s->is_alt ? PL_D : PL_C;
}

/* Cycle Hunter (Marc Harper, Axelrod-Python): when the whole opponent history
 * repeats a cycle of length 3..12 that contains both actions, defect forever. */
typedef struct cycle_hunter {
    int found;
} cycle_hunter;

static int cycle_hunter_rule(cycle_hunter *s, const cyc_track *c, const pl_history *opp)
{
    if (s->found) return PL_D;
    int p = cyc_find(c, opp->len, 0);
    if (p) {
        int d = 0;
        for (int i = 0; i < p; i++) d += pl_hist_at(opp, i);
        if (d > 0 && d < p) {
            s->found = 1;
            return PL_D;
        }
    }
    return PL_C;
}

/* Eventual Cycle Hunter (Marc Harper, Axelrod-Python): ignoring the first ten
 * moves, re-test every ten turns whether the opponent has settled into a cycle
 * of length 3..12; defect while the last test found one (never against an
 * opponent that has only cooperated). */
typedef struct ecycle_hunter {
    int cycle;
} ecycle_hunter;

static int ecycle_hunter_rule(ecycle_hunter *s, const cyc_track *c, const pl_history *opp)
{
    if (opp->len < 10) return PL_C;
    if (opp->n_defect == 0) return PL_C;
    if (opp->len % 10 == 0) s->cycle = cyc_find(c, opp->len, 10);
    return s->cycle ? PL_D : PL_C;
}

/* Math Constant Hunter (Karol Langner, Axelrod-Python): once 8 turns are in and
 * the opponent has played both actions, compare the cooperation rate (both
 * parties pooled) of the first half, the middle half and the second half of the
 * match so far; if the first differs from both others by less than 0.2, defect.
 * The three windows start at n/4, n/2, 3n/4 and end at n/2, 3n/4, n: running
 * counts up to those cut points move forward monotonically, so each turn costs
 * O(1) however long the match. */
typedef struct mc_hunter {
    int cut[3];  /* n/4, n/2, 3n/4 as last advanced */
    int coop[3]; /* cooperations of both parties in [0, cut[i]) */
} mc_hunter;

/* `own_bit(ctx, t)` gives the hunter's own action at turn t; own_coops is its
 * number of cooperations over turns [0, n). */
typedef int (*own_bit_fn)(const void *ctx, int t);

static inline __attribute__((always_inline)) int mc_hunter_rule(mc_hunter *s, int n, own_bit_fn own_bit,
                                                                 const void *ctx, int own_coops, const pl_history *opp)
{
    /* n / 4, n / 2 and 3 n / 4 (as n - ceil(n / 4), which needs no 3 n) for n >= 0; called every
     * turn, each cut advances by at most one, but the loops take any gap.  Unrolled: the three
     * windows' loop with its targets in an array cost more than the advances themselves. */
    unsigned un = (unsigned)n;
    int target0 = (int)(un >> 2), target1 = (int)(un >> 1), target2 = (int)(un - ((un + 3) >> 2));
    while (s->cut[0] < target0) {
        int t = s->cut[0]++;
        s->coop[0] += (own_bit(ctx, t) == PL_C) + (pl_hist_at(opp, t) == PL_C);
    }
    while (s->cut[1] < target1) {
        int t = s->cut[1]++;
        s->coop[1] += (own_bit(ctx, t) == PL_C) + (pl_hist_at(opp, t) == PL_C);
    }
    while (s->cut[2] < target2) {
        int t = s->cut[2]++;
        s->coop[2] += (own_bit(ctx, t) == PL_C) + (pl_hist_at(opp, t) == PL_C);
    }
    if (n >= 8 && opp->n_defect > 0 && opp->n_defect < opp->len) {
        int all = own_coops + (opp->len - opp->n_defect);
        int c1 = s->coop[1], c2 = s->coop[2] - s->coop[0], c3 = all - s->coop[1];
        double r1 = 0.5 * c1 / (double)target1;
        double r2 = 0.5 * c2 / (double)(target2 - target0);
        double r3 = 0.5 * c3 / (double)(n - target1);
        if (fabs(r1 - r2) < 0.2 && fabs(r1 - r3) < 0.2) return PL_D;
    }
    return PL_C;
}

/* Random Hunter (Karol Langner, Axelrod-Python): estimate how often the opponent
 * answers C with C and D with D; after 10 turns, if each estimate that rests on
 * more than 5 of the hunter's own moves is within 0.25 of one half, the opponent
 * looks random: defect.  (The counts pair the hunter's move two turns back with
 * the opponent's last move and divide by all the hunter's moves so far, as the
 * reference implementation does.) */
typedef struct rnd_hunter {
    int cc, dd;
} rnd_hunter;

/* The reference's test fabs(c / m - 0.5) < 0.25 (c / m a double) on counts 0 <= c, 0 < m < 2^31,
 * without a division: 1 when m < 4 c < 3 m.  Exact: c / m rounds to q, and q - 0.5 is exact for q
 * in [0.25, 1] (Sterbenz), below -0.25 for q < 0.25 and above 0.5 for q > 1, so the test is
 * 0.25 < q < 0.75; and c / m is never within 2^-33 of 0.25 or 0.75 unless equal to it ((4 c - m)
 * / 4 m and (3 m - 4 c) / 4 m are multiples of 1 / 4 m), far more than half an ulp there (2^-55,
 * 2^-54), so q is on the same side of each as c / m is. */
static inline int near_half(int c, int m)
{
    int64_t c4 = 4 * (int64_t)c;
    return c4 > m && c4 < 3 * (int64_t)m;
}

/* own2: the hunter's own move two turns back (valid when n > 1). */
static int rnd_hunter_rule(rnd_hunter *s, int n, int own2, int own_coops, const pl_history *opp)
{
    if (n > 1) {
        int o = pl_hist_ago(opp, 1);
        if (own2 == PL_C && o == PL_C) s->cc++;
        if (own2 == PL_D && o == PL_D) s->dd++;
    }
    if (n > 10) {
        int own_defects = n - own_coops, k = 0, ok = 1;
        if (own_coops > 5) {
            k++;
            ok &= near_half(s->cc, own_coops);
        }
        if (own_defects > 5) {
            k++;
            ok &= near_half(s->dd, own_defects);
        }
        if (k && ok) return PL_D;
    }
    return PL_C;
}

/* ------------------------------------------------------------------------ */
/* Stand-alone hunters: their own history is the match history.             */

static int hist_bit(const void *ctx, int t) { return pl_hist_at((const pl_history *)ctx, t); }

static int defector_hunter_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    return defector_hunter_rule(v->turn, v->opp);
}

static int cooperator_hunter_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    return cooperator_hunter_rule(v->turn, v->opp);
}

static int alternator_hunter_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    return alt_hunter_rule(st, v->turn, v->opp);
}

typedef struct cycle_hunter_state {
    cyc_track track;
    cycle_hunter h;
} cycle_hunter_state;

static int cycle_hunter_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    cycle_hunter_state *s = st;
    cyc_update(&s->track, v->opp);
    return cycle_hunter_rule(&s->h, &s->track, v->opp);
}

typedef struct ecycle_hunter_state {
    cyc_track track;
    ecycle_hunter h;
} ecycle_hunter_state;

static int ecycle_hunter_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    ecycle_hunter_state *s = st;
    cyc_update(&s->track, v->opp);
    return ecycle_hunter_rule(&s->h, &s->track, v->opp);
}

static int math_constant_hunter_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    return mc_hunter_rule(st, v->turn, hist_bit, v->me, pl_hist_coops(v->me), v->opp);
}

static int random_hunter_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    int own2 = v->me->len > 1 ? pl_hist_ago(v->me, 2) : PL_C;
    return rnd_hunter_rule(st, v->turn, own2, pl_hist_coops(v->me), v->opp);
}

/* ------------------------------------------------------------------------ */
/* Meta Hunter and Meta Hunter Aggressive (Karol Langner; Marc Harper;
 * Axelrod-Python meta.py): every turn each hunter of the team proposes a move
 * from ITS OWN past proposals and the opponent's history; if any proposes D the
 * meta player defects, otherwise it cooperates, or plays tit for tat once the
 * opponent has more than 100 moves.
 *
 * Only the Math Constant Hunter needs its past proposals one by one (its
 * windows reach back to turn n/4); they are kept in a ring of MH_RING bits, so
 * the team is exact while n - n/4 < MH_RING, i.e. for matches up to about
 * 1.39 million turns.  Beyond that the oldest proposals read back are those of
 * a later lap (an approximation; Axelrod itself would need gigabytes there). */
#ifndef MH_RING
#define MH_RING (1 << 20)
#endif

enum { T_DEFECTOR, T_ALTERNATOR, T_RANDOM, T_MATHCONST, T_CYCLE, T_ECYCLE, T_COOPERATOR, T_N };

typedef struct meta_hunter_state {
    unsigned team; /* bit i: hunter i of the enum is in the team */
    /* 1 once none of Defector, Alternator, Cycle, Eventual Cycle and Cooperator Hunter can
     * propose D again (see meta_hunter_move): only Random and Math Constant Hunter are asked */
    int quiet;
    cyc_track track;
    alt_hunter alt;
    cycle_hunter cyc;
    ecycle_hunter ecyc;
    rnd_hunter rnd;
    int rnd_last2;   /* Random Hunter's last two proposals: bit 0 last, bit 1 the one before */
    int rnd_coops;   /* Random Hunter's cooperative proposals */
    mc_hunter mc;
    int mc_coops;    /* Math Constant Hunter's cooperative proposals */
    /* Its proposals, bit t % MH_RING for turn t.  Left out of the zeroing before init
     * (state_clear): the bit of turn t is written at turn t and read only later. */
    uint64_t mc_bits[MH_RING / 64];
} meta_hunter_state;

static int ring_bit(const void *ctx, int t)
{
    const uint64_t *w = ctx;
    unsigned i = (unsigned)t & (MH_RING - 1);
    return (int)(w[i >> 6] >> (i & 63) & 1u);
}

static int meta_hunter_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    meta_hunter_state *s = st;
    const pl_history *opp = v->opp;
    int n = v->turn, any_d = 0;
    /* Cycle Hunter and Alternator Hunter, once they have fired, propose D for good, and any D
     * makes the team defect: the others' proposals (and the tracker) can no longer matter */
    if (s->cyc.found | s->alt.is_alt) return PL_D;
    /* The hunters are independent (each its own state) and all are asked every turn, so their
     * order does not matter.  Those that look at the opponent alone fall silent for good: the
     * Defector and Cooperator Hunters once it has played both actions, the Alternator Hunter after
     * its one judgement at turn 6, the two cycle hunters once the tracker has every period broken
     * (cyc_settled) and the last periodic test found none.  Then they are not asked.  (A settled
     * tracker has seen both actions, so the first two conditions follow from it; they are
     * written out for the reader.) */
    if (!s->quiet) {
        cyc_update(&s->track, opp);
        if (s->team & 1u << T_DEFECTOR) any_d |= defector_hunter_rule(n, opp);
        if (s->team & 1u << T_ALTERNATOR) any_d |= alt_hunter_rule(&s->alt, n, opp);
        if (s->team & 1u << T_CYCLE) any_d |= cycle_hunter_rule(&s->cyc, &s->track, opp);
        if (s->team & 1u << T_ECYCLE) any_d |= ecycle_hunter_rule(&s->ecyc, &s->track, opp);
        if (s->team & 1u << T_COOPERATOR) any_d |= cooperator_hunter_rule(n, opp);
        s->quiet = n >= 6 && opp->n_defect > 0 && opp->n_defect < opp->len && cyc_settled(&s->track) &&
                   s->ecyc.cycle == 0;
    }
    if (s->team & 1u << T_RANDOM) {
        int a = rnd_hunter_rule(&s->rnd, n, s->rnd_last2 >> 1 & 1, s->rnd_coops, opp);
        s->rnd_last2 = (s->rnd_last2 << 1 | a) & 3;
        s->rnd_coops += a == PL_C;
        any_d |= a;
    }
    if (s->team & 1u << T_MATHCONST) {
        int a = mc_hunter_rule(&s->mc, n, ring_bit, s->mc_bits, s->mc_coops, opp);
        unsigned i = (unsigned)n & (MH_RING - 1);
        uint64_t m = 1ull << (i & 63);
        s->mc_bits[i >> 6] = a ? s->mc_bits[i >> 6] | m : s->mc_bits[i >> 6] & ~m;
        s->mc_coops += a == PL_C;
        any_d |= a;
    }
    if (any_d) return PL_D;
    return opp->len > 100 ? pl_hist_ago(opp, 1) : PL_C;
}

static void meta_hunter_init(void *st, const pl_params *p)
{
    (void)p;
    ((meta_hunter_state *)st)->team = (1u << T_N) - 1 - (1u << T_COOPERATOR);
}

static void meta_hunter_aggressive_init(void *st, const pl_params *p)
{
    ((meta_hunter_state *)st)->team = (unsigned)p->num[0];
}

/* ------------------------------------------------------------------------ */
/* Probers                                                                  */

/* Prober (Li, Hingston & Kendall 2011, Engineering design of strategies for
 * winning IPD competitions): open D, C, C; if the opponent cooperated on the
 * second and third moves, defect forever, else tit for tat. */
static int prober_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn < 3) return v->turn == 0 ? PL_D : PL_C;
    if (pl_hist_at(v->opp, 1) == PL_C && pl_hist_at(v->opp, 2) == PL_C) return PL_D;
    return pl_view_tft_reply(v);
}

/* Prober 2 (PRISON project, Mathieu & Delahaye): open D, C, C; if the opponent
 * answered D then C on moves 2 and 3, cooperate forever, else tit for tat. */
static int prober2_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn < 3) return v->turn == 0 ? PL_D : PL_C;
    if (pl_hist_at(v->opp, 1) == PL_D && pl_hist_at(v->opp, 2) == PL_C) return PL_C;
    return pl_view_tft_reply(v);
}

/* Prober 3 (PRISON project, Mathieu & Delahaye): open D, C; if the opponent
 * cooperated on move 2, defect forever, else tit for tat. */
static int prober3_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn < 2) return v->turn == 0 ? PL_D : PL_C;
    if (pl_hist_at(v->opp, 1) == PL_C) return PL_D;
    return pl_view_tft_reply(v);
}

/* Prober 4 (PRISON project 1998, "prober4"): play a fixed 20-move probe while
 * counting the opponent's defections that answered one of ours ("just") and
 * those that did not ("unjust"); if the two counts differ by 2 or less, defect
 * forever, else cooperate 5 turns and then play tit for tat. */
static const char prober4_probe[] = "CCDCDDDCCDCDCCDCDDCD"; /* the 20 opening moves, from the PRISON source */
typedef struct prober4_state {
    int just, unjust, defector;
} prober4_state;

static int prober4_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    prober4_state *s = st;
    int n = v->turn, len = (int)sizeof prober4_probe - 1;
    if (n == 0) return pl_actions_at(prober4_probe, 0);
    if (n < len) {
        if (pl_hist_ago(v->opp, 1) == PL_D) {
            if (pl_hist_ago(v->me, 1) == PL_D)
                s->just++;
            else
                s->unjust++;
        }
        return pl_actions_at(prober4_probe, n);
    }
    if (n == len) s->defector = abs(s->just - s->unjust) <= 2;
    if (s->defector) return PL_D;
    if (n < len + 5) return PL_C;
    return pl_hist_ago(v->opp, 1);
}

/* Prober 4 as an automaton of 408 states: in the probe's turn t (0 to 19) the difference of the
 * counts, just - unjust, from the outcomes of turns 0 to t - 2 as played (state t^2 + t + diff:
 * |diff| <= t); then, from the turn-19 state, the defector's state (D for good) when |diff| <= 2,
 * else five turns of C and tit for tat (its two states). */
enum { P4_LEN = 20, P4_DEF = P4_LEN * P4_LEN, P4_C20 = P4_DEF + 1, P4_TC = P4_C20 + 5, P4_TD = P4_TC + 1 };
static int prober4_automaton(const pl_params *p, pl_automaton *a)
{
    (void)p;
    a->n = P4_TD + 1;
    for (int t = 0; t < P4_LEN; t++)
        for (int diff = -t; diff <= t; diff++) {
            int s = t * t + t + diff;
            a->cut[s] = pl_actions_at(prober4_probe, t) == PL_D ? 0 : UINT64_MAX;
            for (int k = 0; k < 4; k++) {
                int x = k >> 1, y = k & 1, d2 = diff + (y ? (x ? 1 : -1) : 0); /* turn t's outcome, read at t + 1 */
                a->next[s][k] = (uint16_t)(t + 1 < P4_LEN ? (t + 1) * (t + 1) + (t + 1) + d2 :
                                           (diff <= 2 && diff >= -2 ? P4_DEF : P4_C20)); /* turn 19's is not read */
            }
        }
    for (int s = P4_DEF; s <= P4_TD; s++) {
        a->cut[s] = s == P4_DEF || s == P4_TD ? 0 : UINT64_MAX;
        for (int k = 0; k < 4; k++)
            a->next[s][k] = (uint16_t)(s == P4_DEF ? P4_DEF : s < P4_TC - 1 ? s + 1 : (k & 1) ? P4_TD : P4_TC);
    }
    return 1;
}

/* Hard Prober (PRISON project, Mathieu & Delahaye): open D, D, C, C; if the
 * opponent cooperated on moves 2 and 3, defect forever, else tit for tat. */
static int hard_prober_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn < 4) return v->turn < 2 ? PL_D : PL_C;
    if (pl_hist_at(v->opp, 1) == PL_C && pl_hist_at(v->opp, 2) == PL_C) return PL_D;
    return pl_view_tft_reply(v);
}

/* Detective (Nicky Case, The Evolution of Trust, 2017): open C, D, C, C; if the
 * opponent never defected during the opening, defect forever, else tit for tat. */
static int detective_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st;
    const char *open = p->text[0];
    int k = (int)strlen(open);
    if (v->turn < k) return open[v->turn] == 'D' ? PL_D : PL_C;
    int m = k < v->opp->len ? k : v->opp->len;
    int seen_d = 0;
    for (int i = 0; i < m && !seen_d; i++) seen_d = pl_hist_at(v->opp, i);
    if (!seen_d) return PL_D;
    return pl_hist_ago(v->opp, 1);
}

/* ---- the probers as automata (automaton.h) ---------------------------------
 * An opening of a few moves, what the other answered at fixed turns of it remembered, then a
 * rule for good (defect, cooperate) or tit for tat.  act[s], then next[s] by own action and the
 * other's (CC, CD, DC, DD); tests/unit/test_match_automaton.c plays each against its move. */

/* 0-2 the opening D C C (1: the other's move 1 not yet seen; 2 it was C, 3 it was D), 4 defect
 * for good, 5 and 6 tit for tat after C and after D */
static int prober_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[7][4] = {PL_NEXT_BY_OTHER(1, 1), PL_NEXT_BY_OTHER(2, 3), PL_NEXT_BY_OTHER(4, 6), PL_NEXT_BY_OTHER(5, 6),
                                       PL_NEXT_BY_OTHER(4, 4), PL_NEXT_BY_OTHER(5, 6), PL_NEXT_BY_OTHER(5, 6)};
    return pl_automaton_fill(a, 7, "DCCCDCD", next);
}
/* as Prober, but 4 cooperates for good, reached when the other answered D then C */
static int prober2_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[7][4] = {PL_NEXT_BY_OTHER(1, 1), PL_NEXT_BY_OTHER(2, 3), PL_NEXT_BY_OTHER(5, 6), PL_NEXT_BY_OTHER(4, 6),
                                       PL_NEXT_BY_OTHER(4, 4), PL_NEXT_BY_OTHER(5, 6), PL_NEXT_BY_OTHER(5, 6)};
    return pl_automaton_fill(a, 7, "DCCCCCD", next);
}
/* 0-1 the opening D C, 2 defect for good (the other cooperated on move 1), 3 and 4 tit for tat */
static int prober3_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[5][4] = {PL_NEXT_BY_OTHER(1, 1), PL_NEXT_BY_OTHER(2, 4), PL_NEXT_BY_OTHER(2, 2), PL_NEXT_BY_OTHER(3, 4),
                                       PL_NEXT_BY_OTHER(3, 4)};
    return pl_automaton_fill(a, 5, "DCDCD", next);
}
/* 0-1 the opening D D; 2 and 3 its C on move 2 after the other's C or D on move 1; 4 and 5 its C
 * on move 3, the other's moves 1 and 2 both C or not; 6 defect for good; 7 and 8 tit for tat */
static int hard_prober_automaton(const pl_params *p, pl_automaton *a)
{
    static const uint8_t next[9][4] = {PL_NEXT_BY_OTHER(1, 1), PL_NEXT_BY_OTHER(2, 3), PL_NEXT_BY_OTHER(4, 5), PL_NEXT_BY_OTHER(5, 5), PL_NEXT_BY_OTHER(6, 6),
                                       PL_NEXT_BY_OTHER(7, 8), PL_NEXT_BY_OTHER(6, 6), PL_NEXT_BY_OTHER(7, 8), PL_NEXT_BY_OTHER(7, 8)};
    return pl_automaton_fill(a, 9, "DDCCCCDCD", next);
}

/* Defector Hunter and Cooperator Hunter: four C's (pl_automaton_opening, flagged once the other
 * has played other than what it hunts), then 8 defects while the other has never played otherwise
 * and 9 cooperates for good. */
static int hunter_automaton(pl_automaton *a, const char *hunted)
{
    const int spared[2] = {9, 9};
    if (!pl_automaton_opening(a, "CCCC", hunted, 2, 8, spared)) return 0;
    a->n = 10;
    int stays_hunted = hunted ? 1 : 0; /* the other's action that keeps the hunt on: D, or C */
    pl_automaton_state(a, 8, 'D', stays_hunted ? 9 : 8, stays_hunted ? 8 : 9);
    pl_automaton_state(a, 9, 'C', 9, 9);
    return 1;
}
static int defector_hunter_automaton(const pl_params *p, pl_automaton *a) { return hunter_automaton(a, "DDDD"); }
static int cooperator_hunter_automaton(const pl_params *p, pl_automaton *a) { return hunter_automaton(a, NULL); }

/* Alternator Hunter: state 0 its first move; 1 + 3 (i - 1) + m its move i (1 to 5), m 0 or 1 while
 * the other has alternated since its first move C or D, 2 once it has not; after move 5, 16
 * defects for good (the other's six moves alternated) and 17 cooperates for good. */
static int alternator_hunter_automaton(const pl_params *p, pl_automaton *a)
{
    a->n = 18;
    pl_automaton_state(a, 0, 'C', 1, 2);
    for (int i = 1; i <= 5; i++)
        for (int m = 0; m < 3; m++) {
            int after[2]; /* the state after the other's C and D at move i */
            for (int y = 0; y < 2; y++) {
                int still = m < 2 && y == ((i & 1) ^ m); /* it alternates from C (m 0) or D (m 1) */
                int m1 = still ? m : 2;
                after[y] = i < 5 ? 1 + 3 * i + m1 : m1 < 2 ? 16 : 17;
            }
            pl_automaton_state(a, 1 + 3 * (i - 1) + m, 'C', after[0], after[1]);
        }
    pl_automaton_state(a, 16, 'D', 16, 16);
    pl_automaton_state(a, 17, 'C', 17, 17);
    return 1;
}

/* Detective with any opening of k moves (pl_automaton_opening, flagged by a defection of the
 * other's in it); then 2 k defects for good (it never did), 2 k + 1 and 2 k + 2 tit for tat after
 * C and after D. */
static int detective_automaton(const pl_params *p, pl_automaton *a)
{
    int k = (int)strlen(p->text[0]), grim = 2 * k, tft = 2 * k + 1;
    const int tit[2] = {tft, tft + 1};
    if (!pl_automaton_opening(a, p->text[0], NULL, 3, grim, tit)) return 0;
    static const uint8_t tail[3][4] = {{0, 0, 0, 0}, PL_NEXT_BY_OTHER(1, 2), PL_NEXT_BY_OTHER(1, 2)};
    a->n = 2 * k + 3;
    for (int t = 0; t < 3; t++) {
        a->cut[grim + t] = t == 1 ? UINT64_MAX : 0;
        for (int m = 0; m < 4; m++) a->next[grim + t][m] = (uint16_t)(grim + tail[t][m]);
    }
    return 1; /* no opening (k = 0): state 0 defects for good */
}

#define REF_LANGNER "Axelrod-Python, original strategy by Karol Langner"
#define REF_HARPER "Axelrod-Python, original strategy by Marc Harper"
#define REF_PRISON "Mathieu & Delahaye, PRISON project (1998), LIFL Lille"

/* Naive Prober: tit for tat that, after a cooperation, defects with probability p.
 * Li, Hingston & Kendall (2011), Engineering design of strategies for winning IPD competitions. */
static int naive_prober_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st;
    if (v->turn == 0) return PL_C;
    if (pl_view_opp_last(v) == PL_D) return PL_D;
    return pl_view_coop_with(v, 1 - p->num[0]);
}
static int prober_p_is_stochastic(const pl_params *p) { return p->num[0] > 0 && p->num[0] < 1; }

/* Remorseful Prober: Naive Prober that, when its probe (a random defection) is answered
 * by a defection, cooperates once instead of retaliating.  Li, Hingston & Kendall (2011). */
typedef struct {
    int probing;
} remorseful_state;

static int remorseful_prober_move(void *st, const pl_params *p, const pl_view *v)
{
    remorseful_state *s = st;
    if (v->turn == 0) return PL_C;
    if (pl_view_opp_last(v) == PL_D) {
        if (s->probing) {
            s->probing = 0;
            return PL_C;
        }
        return PL_D;
    }
    double q = p->num[0];
    if (q == 1 || (q != 0 && !(pl_rng_uniform(v->rng) < 1 - q))) {
        s->probing = 1;
        return PL_D;
    }
    s->probing = 0;
    return PL_C;
}

#define REF_LI2011_H "Li, Hingston & Kendall (2011), Engineering design of strategies for winning IPD competitions"

const pl_strategy_def pl_family_hunters[] = {
    {.id = "defector_hunter", .name = "Defector Hunter", .axelrod_name = "Defector Hunter", .reference = REF_LANGNER,
     .memory_depth = -1, .move = defector_hunter_move, .automaton = defector_hunter_automaton},
    {.id = "cooperator_hunter", .name = "Cooperator Hunter", .axelrod_name = "Cooperator Hunter",
     .reference = REF_LANGNER, .memory_depth = -1, .move = cooperator_hunter_move, .automaton = cooperator_hunter_automaton},
    {.id = "alternator_hunter", .name = "Alternator Hunter", .axelrod_name = "Alternator Hunter",
     .reference = REF_LANGNER, .memory_depth = -1, .state_size = sizeof(alt_hunter), .move = alternator_hunter_move, .automaton = alternator_hunter_automaton},
    {.id = "cycle_hunter", .name = "Cycle Hunter", .axelrod_name = "Cycle Hunter", .reference = REF_HARPER,
     .memory_depth = -1, .state_size = sizeof(cycle_hunter_state), .move = cycle_hunter_move},
    {.id = "eventual_cycle_hunter", .name = "Eventual Cycle Hunter", .axelrod_name = "Eventual Cycle Hunter",
     .reference = REF_HARPER, .memory_depth = -1, .state_size = sizeof(ecycle_hunter_state),
     .move = ecycle_hunter_move},
    {.id = "math_constant_hunter", .name = "Math Constant Hunter", .axelrod_name = "Math Constant Hunter",
     .reference = REF_LANGNER, .memory_depth = -1, .state_size = sizeof(mc_hunter), .move = math_constant_hunter_move},
    {.id = "random_hunter", .name = "Random Hunter", .axelrod_name = "Random Hunter", .reference = REF_LANGNER,
     .memory_depth = -1, .state_size = sizeof(rnd_hunter), .move = random_hunter_move},
    {.id = "meta_hunter", .name = "Meta Hunter", .axelrod_name = "Meta Hunter: 6 players", .reference = REF_LANGNER,
     .flags = PL_META, .memory_depth = -1, .state_size = sizeof(meta_hunter_state),
     .state_clear = offsetof(meta_hunter_state, mc_bits), .init = meta_hunter_init, .move = meta_hunter_move},
    {.id = "meta_hunter_aggressive", .name = "Meta Hunter Aggressive",
     .axelrod_name = "Meta Hunter Aggressive: 7 players", .reference = REF_HARPER, .flags = PL_META, .memory_depth = -1,
     .params = {{.key = "team", .kind = PL_PARAM_INT, .def = 127, .lo = 0, .hi = 127,
                 .help = "hunters in the team, a bit mask: 1 Defector, 2 Alternator, 4 Random, 8 Math Constant, "
                         "16 Cycle, 32 Eventual Cycle, 64 Cooperator"}},
     .state_size = sizeof(meta_hunter_state),
     .state_clear = offsetof(meta_hunter_state, mc_bits), .init = meta_hunter_aggressive_init, .move = meta_hunter_move},
    {.id = "prober", .name = "Prober", .axelrod_name = "Prober",
     .reference = "Li, Hingston & Kendall (2011), Engineering design of strategies for winning IPD competitions",
     .memory_depth = -1, .move = prober_move, .automaton = prober_automaton},
    {.id = "prober2", .name = "Prober 2", .axelrod_name = "Prober 2", .reference = REF_PRISON, .memory_depth = -1,
     .move = prober2_move, .automaton = prober2_automaton},
    {.id = "prober3", .name = "Prober 3", .axelrod_name = "Prober 3", .reference = REF_PRISON, .memory_depth = -1,
     .move = prober3_move, .automaton = prober3_automaton},
    {.id = "prober4", .name = "Prober 4", .axelrod_name = "Prober 4", .reference = REF_PRISON, .memory_depth = -1,
     .state_size = sizeof(prober4_state), .move = prober4_move,
     .automaton = prober4_automaton},
    {.id = "hard_prober", .name = "Hard Prober", .axelrod_name = "Hard Prober", .reference = REF_PRISON,
     .memory_depth = -1, .move = hard_prober_move, .automaton = hard_prober_automaton},
    {.id = "naive_prober", .name = "Naive Prober", .axelrod_name = "Naive Prober: 0.1", .reference = REF_LI2011_H,
     .flags = PL_STOCHASTIC, .memory_depth = 1,
     .params = {{.key = "p", .kind = PL_PARAM_REAL, .def = 0.1, .lo = 0, .hi = 1,
                 .help = "probability of defecting after the other's cooperation"}},
     .move = naive_prober_move, .is_stochastic = prober_p_is_stochastic},
    {.id = "remorseful_prober", .name = "Remorseful Prober", .axelrod_name = "Remorseful Prober: 0.1",
     .reference = REF_LI2011_H, .flags = PL_STOCHASTIC, .memory_depth = 2,
     .params = {{.key = "p", .kind = PL_PARAM_REAL, .def = 0.1, .lo = 0, .hi = 1,
                 .help = "probability of a probing defection after the other's cooperation"}},
     .state_size = sizeof(remorseful_state), .move = remorseful_prober_move, .is_stochastic = prober_p_is_stochastic},
    {.id = "detective", .name = "Detective", .axelrod_name = "Detective",
     .reference = "Nicky Case (2017), The Evolution of Trust, https://ncase.me/trust/", .memory_depth = -1,
     .params = {{.key = "initial_actions", .kind = PL_PARAM_ACTIONS, .def_text = "CDCC",
                 .help = "opening moves; then defect forever if the opponent did not defect during them, else TFT"}},
     .move = detective_move, .automaton = detective_automaton},
    {0}
};
