// SPDX-License-Identifier: MIT
/* axelrod_first.c — the entries of Axelrod's first computer tournament (1980),
 * as the rules were published in Axelrod (1980), "Effective choice in the
 * prisoner's dilemma", J. Conflict Resolution 24(1):3-25, and as Axelrod-Python
 * 4.13 interprets them, plus Revised Downing.  Tit For Tat, Grudger (Friedman)
 * and Random live in other families.
 *
 * Each rule is written here from its published description; where the paper is
 * vague, the interpretation of Axelrod-Python 4.13 is followed so that matches
 * are turn-for-turn identical to the reference library. */
#include "strategies/strategy_def.h"
#include "strategies/automaton.h"
#include "strategies/automaton_probe.h"
#include "strategies/draw_only.h"

/* Pearson's chi-squared statistic x of the counts (a, b) against an even split. */
static double even_split_statistic(int a, int b)
{
    double n = (double)a + (double)b, e = n / 2.0;
    return ((a - e) * (a - e) + (b - e) * (b - e)) / e;
}

/* Its upper tail probability: one degree of freedom, so P = erfc(sqrt(x/2)); NaN without
 * counts.  This is the p-value of scipy.stats.chisquare([a, b]) used by the reference. */
static double even_split_pvalue(int a, int b)
{
    if ((double)a + (double)b <= 0) return NAN;
    return erfc(sqrt(even_split_statistic(a, b) / 2.0));
}

/* ---- First by Davis ---------------------------------------------------- */

/* Morton Davis: cooperate for the first k moves, then a grudger: defect for
 * good once the other has defected.  Axelrod (1980), p. 9. */
static int davis_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    if (v->turn < (int)p->num[0]) return PL_C;
    return v->opp->n_defect > 0 ? PL_D : PL_C;
}

/* Davis as an automaton: k cooperations (pl_automaton_opening, flagged by a defection of the
 * other's), then 2 k cooperates while the other never defected and 2 k + 1 defects for good.
 * Declined for k above 1,023 (more states than PL_AUTOMATON_MAX). */
static int davis_automaton(const pl_params *p, pl_automaton *a)
{
    if (!(p->num[0] <= (PL_AUTOMATON_MAX - 2) / 2)) return 0;
    int k = (int)p->num[0], good = 2 * k;
    char open[PL_AUTOMATON_MAX / 2];
    for (int i = 0; i < k; i++) open[i] = 'C';
    open[k] = '\0';
    const int grim[2] = {good + 1, good + 1};
    if (!pl_automaton_opening(a, open, NULL, 2, good, grim)) return 0;
    a->n = good + 2;
    pl_automaton_state(a, good, 'C', good, good + 1);
    pl_automaton_state(a, good + 1, 'D', good + 1, good + 1);
    return 1;
}

/* ---- First by Downing -------------------------------------------------- */

typedef struct {
    int opp_c_after_my_c; /* opponent cooperations answering my cooperation */
    int opp_c_after_my_d; /* ... answering my defection */
} downing_state;

/* Downing (1975), "The prisoner's dilemma game as a problem-solving
 * phenomenon", as entered in Axelrod (1980): estimate P(other C | my C) and
 * P(other C | my D), play the move with the larger expected payoff, alternate
 * on a tie.  The first two moves are defections; the other's first move counts
 * as an answer to a cooperation before the match (Axelrod-Python 4.13). */
static int downing_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    downing_state *s = st;
    if (v->turn == 0) return PL_D;
    if (v->turn == 1) {
        if (pl_view_opp_last(v) == PL_C) s->opp_c_after_my_c++;
        return PL_D;
    }
    if (pl_view_opp_last(v) == PL_C) {
        if (pl_hist_ago(v->me, 2) == PL_C) s->opp_c_after_my_c++;
        else s->opp_c_after_my_d++;
    }
    int my_c = pl_hist_coops(v->me), my_d = v->me->n_defect;
    double alpha = (double)s->opp_c_after_my_c / (double)(my_c + 1);
    double beta = (double)s->opp_c_after_my_d / (double)(my_d > 2 ? my_d : 2);
    double R, S, T, P;
    pl_view_rstp(v, &R, &S, &T, &P);
    double ev_c = alpha * R + (1 - alpha) * S;
    double ev_d = beta * T + (1 - beta) * P;
    if (ev_c > ev_d) return PL_C;
    if (ev_c < ev_d) return PL_D;
    return pl_view_my_last(v) ^ 1;
}

/* ---- Revised Downing ----------------------------------------------------- */

typedef struct {
    double good, bad;   /* estimated P(other C | my C two moves back), P(other C | my D) */
    int nice1, nice2;   /* cooperations answering my C, my D */
    int total_c, total_d;
} revised_downing_state;

static void revised_downing_init(void *st, const pl_params *p)
{
    (void)p;
    revised_downing_state *s = st;
    s->good = 1.0;
    s->bad = 0.0;
}

/* Downing's revised rule (Fortran K59R, Axelrod's second tournament; Axelrod
 * 1980b): cooperate first, then weigh the other's responsiveness to own
 * cooperation ("good") against its responsiveness to own defection ("bad"):
 * cooperate when 6g - 8b - 2 >= 0 and at least 4g - 5b - 1, alternate when
 * only one of the two expressions allows it, defect otherwise. */
static int revised_downing_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    revised_downing_state *s = st;
    if (v->turn == 0) return PL_C;
    if (v->turn >= 2) {
        int answered_c = pl_view_opp_last(v) == PL_C;
        if (pl_hist_ago(v->me, 2) == PL_D) {
            s->nice2 += answered_c;
            s->total_d++;
            s->bad = (double)s->nice2 / (double)s->total_d;
        } else {
            s->nice1 += answered_c;
            s->total_c++;
            s->good = (double)s->nice1 / (double)s->total_c;
        }
    }
    double c = 6.0 * s->good - 8.0 * s->bad - 2;
    double alt = 4.0 * s->good - 5.0 * s->bad - 1;
    if (c >= 0 && c >= alt) return PL_C;
    if ((c >= 0 && c < alt) || alt >= 0) return pl_view_my_last(v) ^ 1;
    return PL_D;
}

/* ---- First by Nydegger ------------------------------------------------- */

/* Values of A at which Nydegger defects (Axelrod 1980, p. 10), as a bit set. */
static const uint64_t nydegger_defect_set =
    (1ull << 1) | (1ull << 6) | (1ull << 7) | (1ull << 17) | (1ull << 22) | (1ull << 23) | (1ull << 26) |
    (1ull << 29) | (1ull << 30) | (1ull << 31) | (1ull << 33) | (1ull << 38) | (1ull << 39) | (1ull << 45) |
    (1ull << 49) | (1ull << 54) | (1ull << 55) | (1ull << 58) | (1ull << 61);

/* Rudy Nydegger: tit for tat for three moves (defecting on the third if it
 * alone cooperated first and alone defected second), then defect exactly when
 * A = 16 a1 + 4 a2 + a3 over the last three outcomes is in a fixed set.
 * Axelrod (1980), p. 10. */
static int nydegger_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    if (v->turn == 1) return pl_view_opp_last(v);
    if (v->turn == 2) {
        if (pl_hist_at(v->opp, 0) == PL_D && pl_hist_at(v->opp, 1) == PL_C) return PL_D;
        return pl_view_opp_last(v);
    }
    /* The outcome k turns ago codes as a_k = mine + 2 theirs (the other's defection counts 2, one's
     * own 1).  The last three actions of each side are read at once (bit 2 the latest), and
     * spread[m] places bits 2, 1, 0 at weights 16, 4, 1, so A needs two loads, not six. */
    static const unsigned char spread[8] = {0, 1, 4, 5, 16, 17, 20, 21};
    int a = spread[pl_hist_last_bits(v->me, 3)] + 2 * spread[pl_hist_last_bits(v->opp, 3)];
    return (nydegger_defect_set >> a) & 1u ? PL_D : PL_C;
}

/* ---- First by Shubik --------------------------------------------------- */

typedef struct {
    int retaliating;
    int length;    /* length of the latest retaliation */
    int remaining; /* defections still owed */
} retaliation_state;

/* Counts one owed defection off; the retaliation ends when none is left. */
static inline void retaliation_step(retaliation_state *r)
{
    if (r->retaliating && --r->remaining == 0) r->retaliating = 0;
}

/* Starts a retaliation one move longer than the last, and plays its first defection. */
static inline int retaliation_start(retaliation_state *r)
{
    r->retaliating = 1;
    r->length++;
    r->remaining = r->length;
    retaliation_step(r);
    return PL_D;
}

/* Martin Shubik: cooperate; when the other defects against a cooperation,
 * defect k times, with k growing by one at each such departure.  Shubik
 * (1970) via Axelrod (1980), p. 9. */
static int shubik_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    retaliation_state *s = st;
    if (v->turn == 0) return PL_C;
    if (s->retaliating) {
        retaliation_step(s);
        return PL_D;
    }
    if (pl_view_opp_last(v) == PL_D && pl_view_my_last(v) == PL_C) return retaliation_start(s);
    return PL_C;
}

/* ---- First by Stein and Rapoport --------------------------------------- */

typedef struct {
    int opp_random;
} stein_state;

/* William Stein and Amnon Rapoport: cooperate on the first four moves, then
 * tit for tat; every fifteen moves a chi-squared test of the other's
 * cooperation count against a 50-50 split decides whether it looks random,
 * in which case defect; defect on the last two moves.  Axelrod (1980), p. 10. */
static int stein_rapoport_move(void *st, const pl_params *p, const pl_view *v)
{
    stein_state *s = st;
    int round = v->turn + 1, action;
    if (round < 5) action = PL_C;
    else if (round < 15) action = pl_view_opp_last(v);
    else {
        if (round % 15 == 0)
            s->opp_random = even_split_pvalue(pl_hist_coops(v->opp), v->opp->n_defect) >= p->num[0];
        action = s->opp_random ? PL_D : pl_view_opp_last(v);
    }
    return pl_view_in_last(v, 2) ? PL_D : action;
}

/* ---- First by Tideman and Chieruzzi ------------------------------------ */

typedef struct {
    retaliation_state r;
    double my_score, opp_score;
    int last_fresh_start;   /* round of the last fresh start, 0 if none */
    int fresh_start;        /* the second cooperation of a fresh start is due */
    int opp_defections;     /* the other's defections since the last fresh start */
} tideman_state;

/* Nicolas Tideman and Paula Chieruzzi: tit for tat whose punishment grows by
 * one defection with each run of the other's defections; the other gets a
 * fresh start (two cooperations, everything forgotten) when it is 10 or more
 * points behind, has just cooperated, 20 rounds have passed since the last one,
 * 10 or more remain, and its defections are at least 3 standard deviations
 * from a 50-50 split; defect on the last two moves.  Axelrod (1980), p. 9. */
static int tideman_first_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    tideman_state *s = st;
    int action = PL_C;
    if (v->turn == 0) return pl_view_in_last(v, 2) ? PL_D : PL_C;
    unsigned last = pl_view_last_pair(v);
    int me1 = (int)(last >> 1), opp1 = (int)(last & 1u);
    if (opp1 == PL_D) s->opp_defections++;
    s->my_score += pl_view_payoff(v, me1, opp1);
    s->opp_score += pl_view_opp_payoff(v, me1, opp1);

    if (s->fresh_start) {
        s->fresh_start = 0;
        return pl_view_in_last(v, 2) ? PL_D : PL_C;
    }
    int round = v->turn + 1;
    int may_restart = s->last_fresh_start == 0 || round - s->last_fresh_start >= 20;
    if (may_restart && s->my_score - s->opp_score >= 10 && (v->length < 0 || v->length - round >= 10) &&
        opp1 == PL_C) {
        double n = v->opp->len;
        double sd = sqrt(n) / 2;
        double lower = n / 2 - 3 * sd, upper = n / 2 + 3 * sd;
        if (s->opp_defections <= lower || s->opp_defections >= upper) {
            s->last_fresh_start = round;
            s->r.retaliating = 0;
            s->r.length = 0;
            s->r.remaining = 0;
            s->opp_defections = 0;
            s->fresh_start = 1;
            return pl_view_in_last(v, 2) ? PL_D : PL_C;
        }
    }
    if (s->r.retaliating) {
        retaliation_step(&s->r);
        action = PL_D;
    } else if (opp1 == PL_D) {
        action = retaliation_start(&s->r);
    }
    return pl_view_in_last(v, 2) ? PL_D : action;
}

/* ---- Stochastic entries ------------------------------------------------- */

/* Feld's chance of answering a cooperation at turn t (from 1): the line, at least `end`.  The
 * move and the automaton both take it from here, so they compute the same double. */
static double feld_prob(const pl_params *p, int t)
{
    double start = p->num[0], end = p->num[1], rounds = p->num[2];
    double prob = start + (end - start) / rounds * t;
    return prob < end ? end : prob;
}

/* Scott Feld: tit for tat whose cooperation after the other's cooperation
 * falls linearly from probability 1 to .5 by the two hundredth move, then
 * stays there.  Axelrod (1980), p. 10 (linear decay as in Axelrod-Python). */
static int feld_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    if (v->turn == 0) return PL_C;
    if (pl_view_opp_last(v) == PL_D) return PL_D;
    return pl_view_coop_with(v, feld_prob(p, v->turn));
}

/* Feld as an automaton (automaton.h): state 0 the first turn; for each turn t from 1 to the turn T
 * at which his chance settles, state 2t - 1 after the other's C (his chance at t) and 2t after its
 * D (he defects); from T on those two states of T stay.  The line start + (end - start) / rounds t
 * is monotone in t in floating point too (each rounding is), so the chance settles at the first
 * turn where it is `end` when it falls (the line is at or below end from there on), and where it
 * reaches 1 when it rises (held at end until the line passes it, then the line: never a draw from
 * 1 on).  0 when T is too late for PL_AUTOMATON_MAX states (a decay over more than 1,023 turns, a
 * rise that stops short of 1): the loop of moves plays him. */
static int feld_automaton(const pl_params *p, pl_automaton *a)
{
    int rising = p->num[1] > p->num[0], T = 1;
    for (;; T++) {
        if (2 * T + 1 > PL_AUTOMATON_MAX) return 0;
        double prob = feld_prob(p, T);
        if (rising ? prob >= 1 : prob == p->num[1]) break;
    }
    a->n = 2 * T + 1;
    a->cut[0] = UINT64_MAX;
    for (int t = 1; t <= T; t++) {
        a->cut[2 * t - 1] = pl_rng_cut(feld_prob(p, t));
        a->cut[2 * t] = 0;
    }
    for (int s = 0; s < a->n; s++) {
        int t = (s + 1) / 2, to = t < T ? t + 1 : T; /* state s is of turn t */
        for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++) a->next[s][2 * x + y] = (uint16_t)(2 * to - 1 + y);
    }
    return 1;
}

/* Bernard Grofman: cooperate if both did the same last move, otherwise
 * cooperate with probability 2/7.  Axelrod (1980), p. 9. */
static int grofman_first_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0 || pl_view_my_last(v) == pl_view_opp_last(v)) return PL_C;
    return pl_view_coop_with(v, 2.0 / 7.0);
}

/* Johann Joss: cooperate first; after the other's cooperation cooperate with
 * probability p (0.9), after its defection defect.  Axelrod (1980), p. 10. */
static int joss_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s;
    if (v->turn == 0) return PL_C;
    if (pl_view_opp_last(v) == PL_D) return PL_D;
    return pl_view_coop_with(v, p->num[0]);
}

/* Grofman and Joss as tables for the engine's table loop (first move, then after CC, CD, DC, DD). */
static int grofman_first_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)p, (void)g, (void)side;
    return pl_table_fill(prob, 1, 1, 2.0 / 7.0, 2.0 / 7.0, 1);
}
static int joss_table(const pl_params *p, const pl_game *g, int side, double prob[5])
{
    (void)g, (void)side;
    return pl_table_fill(prob, 1, p->num[0], 0, p->num[0], 0);
}

static int joss_is_stochastic(const pl_params *p) { return p->num[0] > 0 && p->num[0] < 1; }

/* Gordon Tullock: cooperate on the first eleven moves, then cooperate with a
 * probability 10 points below the other's cooperation rate over the preceding
 * ten moves.  Axelrod (1980), p. 10. */
typedef struct {
    uint64_t cut[11]; /* by the count of cooperations in the last ten: the cut (pl_rng_cut) of its probability */
} tullock_state;

/* The eleven probabilities coops / 10.0 - 0.10 (at least 0) as cuts once a match, so a move
 * compares its draw with one (the draws and decisions of pl_view_coop_with; none at 0). */
static void tullock_init(void *st, const pl_params *p)
{
    (void)p;
    tullock_state *s = st;
    for (int coops = 0; coops <= 10; coops++) {
        double prob = (double)coops / 10.0 - 0.10;
        s->cut[coops] = pl_rng_cut(prob < 0 ? 0 : prob);
    }
}

static int tullock_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    const tullock_state *s = st;
    if (v->turn < 11) return PL_C;
    int coops = 10 - pl_history_defects_last(v->opp, 10);
    return pl_rng_bernoulli_cut(v->rng, s->cut[coops]) ? PL_C : PL_D;
}

/* Tullock as an automaton (automaton.h), 2,048 states.  Through turn 10 he cooperates and the
 * state is the turn t with the other's actions since turn 1 (the ten his eleventh move reads):
 * 2^(t-1) + h, h those t - 1 actions (the newest in bit 0, D = 1), and 0 for the first turn.
 * From turn 11 on it is 1,024 + w, w the other's last ten actions, and he cooperates with the
 * chance of their count of C. */
static int tullock_automaton(const pl_params *p, pl_automaton *a)
{
    tullock_state ts;
    tullock_init(&ts, p);
    a->n = 2048;
    for (unsigned s = 0; s < 2048; s++) {
        unsigned to[2];
        if (s == 0) { /* the first turn: the other's action there is not in the window */
            a->cut[s] = UINT64_MAX;
            to[0] = to[1] = 1;
        } else if (s < 1024) {
            unsigned t = 32 - (unsigned)__builtin_clz(s), h = s - (1u << (t - 1));
            a->cut[s] = UINT64_MAX;
            for (unsigned y = 0; y < 2; y++) to[y] = t < 10 ? (1u << t) + (h << 1 | y) : 1024 + (h << 1 | y);
        } else {
            unsigned w = s - 1024;
            a->cut[s] = ts.cut[10 - __builtin_popcount(w)];
            for (unsigned y = 0; y < 2; y++) to[y] = 1024 + ((w << 1 | y) & 1023);
        }
        for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++) a->next[s][2 * x + y] = (uint16_t)to[y];
    }
    return 1;
}

/* Anonymous graduate student: the published rule adjusted its cooperation
 * probability so that it mostly stayed between 30% and 70%; as in
 * Axelrod-Python it is modelled as cooperating each move with a probability
 * drawn uniformly from [0.3, 0.7].  Axelrod (1980), p. 11. */
int pl_anonymous_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return pl_anonymous_defects(v->rng) ? PL_D : PL_C; /* its rule: draw_only.h */
}

typedef struct {
    int opp_random;     /* the chi-squared test has once found the other random */
    int tft_like;       /* the other has so far copied this player's previous move */
    int twin_like;      /* the other has so far played exactly as this player */
    int next_defection; /* turn of the next random defection; 0 until drawn */
    double crit;        /* the test passes (p >= alpha) exactly when the statistic is <= crit */
    int test_from;      /* the randomness test cannot pass before the other has this many moves */
} graaskamp_state;

/* After the randomness test failed with the other's counts differing by d = |coops - defects| over
 * n = coops + defects moves, the number k of its next moves over which it certainly fails too.  j
 * moves on the counts differ by at least d - j, so the statistic, fl(D^2 / n) as even_split_statistic
 * computes it (see there), is at least (d - j)^2 / (n + j) less half an ulp; it stays above crit
 * while (d - j)^2 > C (n + j) with C = crit (1 + 2^-40), a condition that, once true at j = k, is
 * true at every j from 0 to k ((d - j)^2 - C (n + j) falls as j grows while j <= d).  k comes from
 * the quadratic's root and is then checked in doubles with room for their rounding (a factor
 * 1 + 2^-30 on the right); if the check fails, 0.  Against an opponent far from an even split the
 * test, a division each turn, is then made once every few dozen turns. */
static int graaskamp_sure_failures(int d, int n, double crit)
{
    if (!(crit > 0 && crit < 1e9) || d <= 0 || n >= (1 << 26)) return 0;
    double c = crit * (1 + 0x1p-40), root = d + c / 2 - sqrt(c * d + c * n + c * c / 4);
    if (!(root >= 2)) return 0;
    int k = (int)root - 1;
    if (k >= d) k = d - 1;
    double left = (double)((int64_t)(d - k) * (d - k)), right = crit * (1 + 0x1p-30) * (double)(n + k);
    return left > right ? k : 0;
}

/* The largest statistic whose p-value erfc(sqrt(x/2)) is still >= alpha, found by bisection
 * on the monotone p-value once per match, so each move compares instead of calling erfc. */
static double critical_statistic(double alpha)
{
    if (alpha <= 0) return INFINITY;
    if (alpha > 1) return -1;
    double lo = 0, hi = 1;
    while (erfc(sqrt(hi / 2.0)) >= alpha) hi *= 2;
    for (int i = 0; i < 200 && lo < hi; i++) {
        double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi) break;
        if (erfc(sqrt(mid / 2.0)) >= alpha) lo = mid;
        else hi = mid;
    }
    return lo;
}

/* critical_statistic for the alpha of the last match this thread played: run at every init,
 * the bisection (about a hundred erfc calls) cost a third as much as a 200-turn match. */
static double critical_statistic_cached(double alpha)
{
    static _Thread_local double last_alpha = NAN, last_crit;
    if (alpha != last_alpha) {
        last_crit = critical_statistic(alpha);
        last_alpha = alpha;
    }
    return last_crit;
}

static void graaskamp_init(void *st, const pl_params *p)
{
    graaskamp_state *s = st;
    s->tft_like = 1;
    s->twin_like = 1;
    s->crit = critical_statistic_cached(p->num[0]);
}

/* The randomness test at turn t, and when it fails the turn from which it can pass again.  Out of
 * line: made once every few dozen turns against most, it would only take registers from the move. */
static __attribute__((noinline)) void graaskamp_test(graaskamp_state *s, const pl_history *opp, int t)
{
    int coops = pl_hist_coops(opp), defects = opp->n_defect;
    if (even_split_statistic(coops, defects) <= s->crit)
        s->opp_random = 1;
    else /* the test's next sure failures need not be made (graaskamp_sure_failures) */
        s->test_from = t + 1 + graaskamp_sure_failures(abs(coops - defects), coops + defects, s->crit);
}

/* Graaskamp's move from turn 56 on, once the resemblance tests are up to date (graaskamp_move below). */
static __attribute__((noinline)) int graaskamp_late(graaskamp_state *s, const pl_view *v, int t)
{
    if (!s->opp_random && t >= s->test_from) graaskamp_test(s, v->opp, t);
    if (s->opp_random) return PL_D;
    /* the other's last action is read only where it decides (against most, neither test holds) */
    if (s->tft_like || s->twin_like) return pl_view_opp_last(v);
    if (s->next_defection == 0) s->next_defection = t + 5 + (int)pl_rng_below(v->rng, 10);
    if (t == s->next_defection) {
        s->next_defection = t + 5 + (int)pl_rng_below(v->rng, 10);
        return PL_D;
    }
    return PL_C;
}

/* James Graaskamp: tit for tat for 50 moves, defect on move 51, tit for tat
 * for 5 more; then defect for good if the other looks random (chi-squared test
 * of its cooperation count at level alpha), play tit for tat if it is tit for
 * tat or a twin, and otherwise cooperate but defect at random every 5 to 15
 * moves.  Axelrod (1980), p. 10, as interpreted by Axelrod-Python 4.13 (the
 * gap is drawn uniformly from 5..14, numpy's randint(5, 15)). */
static int graaskamp_move(void *st, const pl_params *p, const pl_view *v)
{
    graaskamp_state *s = st;
    int t = v->turn;
    if (t == 0) return PL_C;
    /* keep the two resemblance tests up to date with the last turn */
    if (s->tft_like | s->twin_like) { /* both lost for good: the histories need not be read */
        unsigned pair = pl_view_last_pair(v); /* own last action, then the other's */
        int opp1 = (int)(pair & 1u);
        if (t >= 2 && opp1 != pl_hist_at(v->me, t - 2)) s->tft_like = 0;
        if (opp1 != (int)(pair >> 1)) s->twin_like = 0;
    }

    if (t < 56) return (pl_view_opp_last(v) == PL_D || t == 50) ? PL_D : PL_C;
    /* graaskamp_late's turns that call nothing here, so that this move saves no register: the test
     * not due, then its first three answers; the defection's turn (and its first draw) there */
    if (!s->opp_random && t >= s->test_from) return graaskamp_late(s, v, t);
    if (s->opp_random) return PL_D;
    if (s->tft_like || s->twin_like) return pl_view_opp_last(v);
    if (s->next_defection == 0 || t == s->next_defection) return graaskamp_late(s, v, t);
    return PL_C;
}

#define REF1980 "Axelrod (1980), Effective choice in the prisoner's dilemma, J. Conflict Resolution 24(1)"

/* Nydegger as an automaton, by probing (automaton_probe.h): its move reads the last 3 turns. */
PL_PROBED_AUTOMATON(nydegger, nydegger_move, NULL, 0, 3, NULL)

const pl_strategy_def pl_family_axelrod_first[] = {
    {.id = "first_davis", .name = "First by Davis", .axelrod_name = "First by Davis: 10", .reference = REF1980,
     .memory_depth = -1,
     .params = {{.key = "rounds_to_cooperate", .kind = PL_PARAM_INT, .def = 10, .lo = 0, .hi = 1e9,
                 .help = "moves cooperated unconditionally at the start"}},
     .move = davis_move, .automaton = davis_automaton},
    {.id = "first_downing", .name = "First by Downing", .axelrod_name = "First by Downing",
     .reference = REF1980 "; Downing (1975), J. Conflict Resolution 19(3)", .flags = PL_USES_GAME,
     .memory_depth = -1, .state_size = sizeof(downing_state), .move = downing_move},
    {.id = "first_nydegger", .name = "First by Nydegger", .axelrod_name = "First by Nydegger", .reference = REF1980,
     .memory_depth = 3, .move = nydegger_move, .automaton = nydegger_automaton},
    {.id = "first_shubik", .name = "First by Shubik", .axelrod_name = "First by Shubik",
     .reference = REF1980 "; Shubik (1970), J. Conflict Resolution 14(2)", .memory_depth = -1,
     .state_size = sizeof(retaliation_state), .move = shubik_move},
    {.id = "first_stein_rapoport", .name = "First by Stein and Rapoport",
     .axelrod_name = "First by Stein and Rapoport: 0.05: (D, D)", .reference = REF1980, .flags = PL_USES_LENGTH,
     .memory_depth = -1,
     .params = {{.key = "alpha", .kind = PL_PARAM_REAL, .def = 0.05, .lo = 0, .hi = 1,
                 .help = "significance level of the randomness test"}},
     .state_size = sizeof(stein_state), .move = stein_rapoport_move},
    {.id = "first_tideman_chieruzzi", .name = "First by Tideman and Chieruzzi",
     .axelrod_name = "First by Tideman and Chieruzzi: (D, D)", .reference = REF1980,
     .flags = PL_USES_LENGTH | PL_USES_GAME, .memory_depth = -1, .state_size = sizeof(tideman_state),
     .move = tideman_first_move},
    {.id = "revised_downing", .name = "Revised Downing", .axelrod_name = "Revised Downing",
     .reference = "Axelrod (1980b), More effective choice in the prisoner's dilemma (Downing's K59R)",
     .memory_depth = -1, .state_size = sizeof(revised_downing_state), .init = revised_downing_init,
     .move = revised_downing_move},
    {.id = "first_feld", .name = "First by Feld", .axelrod_name = "First by Feld: 1.0, 0.5, 200",
     .reference = REF1980, .flags = PL_STOCHASTIC, .memory_depth = 200,
     .params = {{.key = "start_coop_prob", .kind = PL_PARAM_REAL, .def = 1.0, .lo = 0, .hi = 1,
                 .help = "probability of answering a cooperation with one at the start"},
                {.key = "end_coop_prob", .kind = PL_PARAM_REAL, .def = 0.5, .lo = 0, .hi = 1,
                 .help = "that probability once the decay is over"},
                {.key = "rounds_of_decay", .kind = PL_PARAM_INT, .def = 200, .lo = 1, .hi = 1e9,
                 .help = "moves over which the probability falls linearly"}},
     .move = feld_move, .automaton = feld_automaton},
    {.id = "first_grofman", .name = "First by Grofman", .axelrod_name = "First by Grofman", .reference = REF1980,
     .flags = PL_STOCHASTIC, .memory_depth = 1, .move = grofman_first_move, .memory_one = grofman_first_table},
    {.id = "first_joss", .name = "First by Joss", .axelrod_name = "First by Joss: 0.9", .reference = REF1980,
     .flags = PL_STOCHASTIC, .memory_depth = 1,
     .params = {{.key = "p", .kind = PL_PARAM_REAL, .def = 0.9, .lo = 0, .hi = 1,
                 .help = "probability of cooperating after the other's cooperation"}},
     .move = joss_move, .memory_one = joss_table, .is_stochastic = joss_is_stochastic},
    {.id = "first_tullock", .name = "First by Tullock", .axelrod_name = "First by Tullock", .reference = REF1980,
     .flags = PL_STOCHASTIC, .memory_depth = -1, .state_size = sizeof(tullock_state), .init = tullock_init,
     .move = tullock_move, .automaton = tullock_automaton},
    {.id = "first_graaskamp", .name = "First by Graaskamp", .axelrod_name = "First by Graaskamp: 0.05",
     .reference = REF1980, .flags = PL_STOCHASTIC, .memory_depth = -1,
     .params = {{.key = "alpha", .kind = PL_PARAM_REAL, .def = 0.05, .lo = 0, .hi = 1,
                 .help = "significance level of the randomness test"}},
     .state_size = sizeof(graaskamp_state), .init = graaskamp_init, .move = graaskamp_move},
    {.id = "first_anonymous", .name = "First by Anonymous", .axelrod_name = "First by Anonymous",
     .reference = REF1980, .flags = PL_STOCHASTIC, .memory_depth = 0, .move = pl_anonymous_move},
    {0}
};
