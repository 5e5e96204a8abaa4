// SPDX-License-Identifier: MIT
/* axelrod_second.c — the entries of Axelrod's second computer tournament,
 * described in Axelrod (1980b), "More effective choice in the prisoner's
 * dilemma", J. Conflict Resolution 24(3):379-403.  The details of most rules
 * come from the reverse engineering of the tournament's Fortran sources (the
 * K..R programs) done for Axelrod-Python; the deterministic ones match
 * Axelrod-Python 4.13 turn for turn, the random ones follow its rules with the
 * match's own stream (the same probabilities at every turn, not the same draws). */
#include "strategies/strategy_def.h"
#include "strategies/automaton_probe.h"

#include <limits.h>
#include <pthread.h>

/* ---- Second by Borufsen (K32R) ------------------------------------------ */

typedef struct {
    int cd, cc;               /* other's cooperations answering my D / my C (two moves back) */
    int mutual_defect_streak;
    int echo_streak;
    int flip_next_defect;
    int defect_mode;
} borufsen_state;

/* Tit for tat, unless an owed flip turns this defection into a cooperation. */
static inline int borufsen_tft(borufsen_state *s, int action)
{
    if (action == PL_C) return PL_C;
    if (s->flip_next_defect) {
        s->flip_next_defect = 0;
        return PL_C;
    }
    return PL_D;
}

/* Otto Borufsen: tit for tat that breaks runs of three mutual defections with
 * a cooperation and breaks three-move echoes (alternating C/D out of phase) by
 * turning the next defection into a cooperation; every 25 moves (from move 27)
 * it enters a defect mode if the other cooperated fewer than 3 times since the
 * last check, or 8-17 times with under 70% of them answering its cooperation.
 * Axelrod (1980b); rule from the Fortran K32R as read by Axelrod-Python. */
static int borufsen_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    borufsen_state *s = st;
    int turn = v->turn + 1;
    if (turn == 1) return PL_C;
    unsigned last = pl_view_last_pair(v);
    int me1 = (int)(last >> 1), opp1 = (int)(last & 1u);
    if (turn >= 3 && opp1 == PL_C) {
        if (pl_hist_ago(v->me, 2) == PL_C) s->cc++;
        else s->cd++;
    }
    if (turn > 2 && turn % 25 == 2) {
        int was_defecting = s->defect_mode;
        int coops = s->cd + s->cc;
        s->defect_mode = 0;
        if (coops < 3) s->defect_mode = 1;
        if (coops >= 8 && coops <= 17 && (double)s->cc / (double)coops < 0.7) s->defect_mode = 1;
        s->cd = s->cc = 0;
        if (s->defect_mode) {
            s->mutual_defect_streak = 0;
            s->echo_streak = 0;
            s->flip_next_defect = 0;
        } else if (was_defecting) {
            return PL_D;
        }
    }
    if (s->defect_mode) return PL_D;

    if (me1 == PL_D && opp1 == PL_D) s->mutual_defect_streak++;
    else s->mutual_defect_streak = 0;
    if (s->mutual_defect_streak >= 3) {
        s->mutual_defect_streak = 0;
        s->echo_streak = 0;
        return PL_C;
    }
    int me2 = PL_C, opp2 = PL_C; /* before the second move, two moves back counts as C */
    if (turn >= 3) {
        me2 = pl_hist_ago(v->me, 2);
        opp2 = pl_hist_ago(v->opp, 2);
    }
    if (me1 != opp1 && me1 == opp2 && opp1 == me2) s->echo_streak++;
    else s->echo_streak = 0;
    if (s->echo_streak >= 3) {
        s->mutual_defect_streak = 0;
        s->echo_streak = 0;
        s->flip_next_defect = 1;
    }
    return borufsen_tft(s, opp1);
}

/* ---- Second by Colbert (K51R) -------------------------------------------- */

typedef struct {
    int state;
} colbert_state;

/* Colbert's machine: [state][other's last move] -> next state and move.  After
 * the opening C, states 0-6 play moves 2-8 (C C C C D C C) whatever the other
 * does; state 7 answers C with C and D with D, and 8, 9, 10 then play D, C, C.
 * Table as reconstructed from the Fortran K51R by Axelrod-Python. */
static const signed char colbert_next[11][2] = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6},
                                                {7, 7}, {7, 8}, {9, 9}, {10, 10}, {7, 7}};
static const signed char colbert_act[11][2] = {{PL_C, PL_C}, {PL_C, PL_C}, {PL_C, PL_C}, {PL_C, PL_C},
                                               {PL_D, PL_D}, {PL_C, PL_C}, {PL_C, PL_C}, {PL_C, PL_D},
                                               {PL_D, PL_D}, {PL_C, PL_C}, {PL_C, PL_C}};

/* William Colbert: cooperate on the first eight moves except the sixth; then
 * answer a cooperation with a cooperation and a defection with the fixed chain
 * D, D, C, C, ignoring the other during the chain.  Axelrod (1980b), K51R. */
static int colbert_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    colbert_state *s = st;
    if (v->turn == 0) return PL_C;
    int o = pl_view_opp_last(v);
    int a = colbert_act[s->state][o];
    s->state = colbert_next[s->state][o];
    return a;
}

/* ---- Second by Gladstein (K46R) ------------------------------------------ */

typedef struct {
    int apologised; /* the other has defected and got its apology: plain tit for tat since */
} gladstein_state;

/* David Gladstein: defect first; once the other defects, apologise with a
 * cooperation and play tit for tat for good; until then defect whenever its
 * own cooperations exceed half its moves.  Axelrod (1980b). */
static int gladstein_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    gladstein_state *s = st;
    if (v->turn == 0) return PL_D;
    if (s->apologised) return pl_view_opp_last(v);
    if (pl_view_opp_last(v) == PL_D) {
        s->apologised = 1;
        return PL_C;
    }
    return (double)pl_hist_coops(v->me) / (double)v->turn > 0.5 ? PL_D : PL_C;
}

/* ---- Second by GraaskampKatzen (K60R) ------------------------------------ */

typedef struct {
    double score;
    int defect_mode;
} graaskamp_katzen_state;

/* Jim Graaskamp and Ken Katzen: tit for tat while its own score keeps up;
 * defect for good if, on move 11, 21, 31, 41, 51 or 101, its score is below
 * 23, 53, 83, 113, 143 or 293.  Axelrod (1980b), K60R. */
static int graaskamp_katzen_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    graaskamp_katzen_state *s = st;
    if (s->defect_mode) return PL_D;
    int turn = v->turn + 1;
    if (turn == 1) return PL_C;
    unsigned last = pl_view_last_pair(v); /* own last action, then the other's */
    s->score += pl_view_payoff(v, (int)(last >> 1), (int)(last & 1u));
    double bar = -1;
    switch (turn) {
    case 11: bar = 23; break;
    case 21: bar = 53; break;
    case 31: bar = 83; break;
    case 41: bar = 113; break;
    case 51: bar = 143; break;
    case 101: bar = 293; break;
    default: break;
    }
    if (bar >= 0 && s->score < bar) {
        s->defect_mode = 1;
        return PL_D;
    }
    return pl_view_opp_last(v);
}

/* ---- Second by Grofman (K86R) -------------------------------------------- */

/* Bernard Grofman: cooperate twice, copy the other for moves 3-7, then
 * cooperate if (after own C) the other defected at most twice, or (after own
 * D) at most once, in the 7 moves before the last one; defect otherwise.
 * Axelrod (1980b), K86R. */
static int grofman_second_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn < 2) return PL_C;
    if (v->turn <= 6) return pl_view_opp_last(v);
    int d = pl_history_defects_last(v->opp, 8) - pl_view_opp_last(v);
    if (pl_view_my_last(v) == PL_C && d <= 2) return PL_C;
    if (pl_view_my_last(v) == PL_D && d <= 1) return PL_C;
    return PL_D;
}

/* ---- Second by Mikkelson (K66R) ------------------------------------------ */

typedef struct {
    int credit;
} mikkelson_state;

static void mikkelson_init(void *st, const pl_params *p)
{
    (void)p;
    ((mikkelson_state *)st)->credit = 7;
}

/* Ray Mikkelson: a credit starting at 7 rises by one (to at most 8) after the
 * other's cooperation and falls by two (to at least -7) after its defection;
 * cooperate while it is positive; otherwise defect (resetting it to 4) within
 * the first ten moves, and later defect only if the other has defected on at
 * least 15% of the moves.  Axelrod (1980b), K66R. */
static int mikkelson_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    mikkelson_state *s = st;
    int turn = v->turn + 1;
    if (turn == 1) return PL_C;
    if (pl_view_opp_last(v) == PL_C) {
        if (++s->credit > 8) s->credit = 8;
    } else {
        s->credit -= 2;
        if (s->credit < -7) s->credit = -7;
    }
    if (turn == 2 || s->credit > 0) return PL_C;
    if (turn <= 10) {
        s->credit = 4;
        return PL_D;
    }
    return (double)v->opp->n_defect / (double)turn >= 0.15 ? PL_D : PL_C;
}

/* ---- Second by RichardHufford (K47R) ------------------------------------- */

typedef struct {
    int agreements;       /* moves where the other matched my move two back, plus 2 */
    int last_four[4];
    int last_four_idx;
    double streak_needed; /* cooperations in a row that trigger an aberration */
    int streak;
    int last_aberration;  /* move of the last aberration, INT_MAX if none pending */
    int coop_after_ab, def_after_ab;
} hufford_state;

static void hufford_init(void *st, const pl_params *p)
{
    (void)p;
    hufford_state *s = st;
    s->agreements = 2;
    for (int i = 0; i < 4; i++) s->last_four[i] = 1;
    s->streak_needed = 21;
    s->streak = 2;
    s->last_aberration = INT_MAX;
    s->coop_after_ab = 2;
    s->def_after_ab = 2;
}

/* Richard Hufford: counts the other's "agreements" (its move equal to mine
 * two moves earlier); cooperates if over 90% agree and all of the last four,
 * plays tit for tat if at least 62.5% agree and two of the last four, defects
 * otherwise; after a long enough run of the other's cooperations it defects
 * once (an aberration), then resets the run and tunes the run length from how
 * the other answered past aberrations.  Axelrod (1980b), K47R. */
static int hufford_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    hufford_state *s = st;
    int turn = v->turn + 1;
    if (turn == 1) return PL_C;
    int opp1 = pl_view_opp_last(v);
    s->last_four_idx = (s->last_four_idx + 1) % 4;
    int me2 = turn > 2 ? pl_hist_ago(v->me, 2) : PL_C;
    if (me2 == opp1) {
        s->agreements++;
        s->last_four[s->last_four_idx] = 1;
    } else {
        s->last_four[s->last_four_idx] = 0;
    }
    if (turn < s->last_aberration) {
        if (opp1 == PL_C) s->streak++;
        else s->streak = 0;
        if (s->streak >= s->streak_needed) {
            s->last_aberration = turn;
            if (s->streak == s->streak_needed) return PL_D;
        }
    } else if (turn - 2 == s->last_aberration) {
        s->last_aberration = INT_MAX;
        if (opp1 == PL_C) s->coop_after_ab++;
        else s->def_after_ab++;
        s->streak_needed = floor(20.0 * s->def_after_ab / s->coop_after_ab) + 1;
        s->streak = 0;
        return PL_C;
    }
    double agree = (double)s->agreements / (double)turn;
    int last4 = s->last_four[0] + s->last_four[1] + s->last_four[2] + s->last_four[3];
    if (agree > 0.9 && last4 >= 4) return PL_C;
    if (agree >= 0.625 && last4 >= 2) return opp1;
    return PL_D;
}

/* ---- Second by Rowsam (K58R) --------------------------------------------- */

enum { ROWSAM_NORMAL, ROWSAM_CYCLE1, ROWSAM_CYCLE2, ROWSAM_DEFECT };

typedef struct {
    int mode;
    int distrust;
    double score;
} rowsam_state;

/* Glen Rowsam: cooperate, checking every sixth move its score so far per move
 * (over the move number, one more than the moves scored): below 2.5 it adds
 * 1, 2, 3 or 5 distrust points (thresholds 2.0, 1.5, 1.0) and plays D, C, D,
 * or defects for good once distrust reaches 7; every 18 moves distrust of 3
 * or more wears off by one.  Axelrod (1980b), K58R. */
static int rowsam_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    rowsam_state *s = st;
    int turn = v->turn + 1;
    if (turn > 1) {
        unsigned last = pl_view_last_pair(v); /* own last action, then the other's */
        s->score += pl_view_payoff(v, (int)(last >> 1), (int)(last & 1u));
    }
    switch (s->mode) {
    case ROWSAM_DEFECT: return PL_D;
    case ROWSAM_CYCLE1: s->mode = ROWSAM_CYCLE2; return PL_C;
    case ROWSAM_CYCLE2: s->mode = ROWSAM_NORMAL; return PL_D;
    default: break;
    }
    if (turn % 18 == 0 && s->distrust >= 3) s->distrust--;
    if (turn % 6 != 0) return PL_C;
    double per_turn = s->score / turn;
    if (per_turn < 1.0) s->distrust += 5;
    else if (per_turn < 1.5) s->distrust += 3;
    else if (per_turn < 2.0) s->distrust += 2;
    else if (per_turn < 2.5) s->distrust += 1;
    else return PL_C;
    s->mode = s->distrust >= 7 ? ROWSAM_DEFECT : ROWSAM_CYCLE1;
    return PL_D;
}

/* ---- Second by Tester (K46R) --------------------------------------------- */

typedef struct {
    int tft;
} tester_state;

/* David Gladstein's TESTER as described in Axelrod (1980b): defect first; if
 * the other ever defects, apologise with a cooperation and play tit for tat;
 * otherwise cooperate on moves 2 and 3 and then alternate. */
static int tester_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    tester_state *s = st;
    if (v->turn == 0) return PL_D;
    if (s->tft) return pl_view_opp_last(v);
    if (pl_view_opp_last(v) == PL_D) {
        s->tft = 1;
        return PL_C;
    }
    if (v->turn <= 2) return PL_C;
    return pl_view_my_last(v) ^ 1;
}

/* ---- Second by Tideman and Chieruzzi (K84R) ------------------------------ */

typedef struct {
    double my_score, opp_score; /* since the last fresh start */
    int last_fresh_start;
    int fresh_start;
    double score_to_beat, score_to_beat_inc;
} tideman2_state;

/* T. Nicolaus Tideman and Paula Chieruzzi: cooperate while ahead of the other
 * by at least a margin that grows (by 0, 5, 10, ...) each time the other plays
 * C then D; when behind, give a fresh start (two cooperations, scores and
 * margins reset) if the other did not just play C D, 10 moves have passed since
 * the last one and its defections are 3 standard deviations from a 50-50 split;
 * else defect.  Axelrod (1980b), K84R. */
static int tideman_second_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    tideman2_state *s = st;
    int round = v->turn + 1;
    if (round == 1) return PL_C;
    unsigned last = pl_view_last_pair(v);
    int me1 = (int)(last >> 1), opp1 = (int)(last & 1u);
    s->my_score += pl_view_payoff(v, me1, opp1);
    s->opp_score += pl_view_opp_payoff(v, me1, opp1);
    if (s->fresh_start) {
        s->my_score = s->opp_score = 0;
        s->score_to_beat = s->score_to_beat_inc = 0;
        s->last_fresh_start = round;
        s->fresh_start = 0;
        return PL_C;
    }
    int opp2 = v->opp->len >= 2 ? pl_hist_ago(v->opp, 2) : PL_C;
    int c_then_d = opp2 == PL_C && opp1 == PL_D;
    if (c_then_d) {
        s->score_to_beat += s->score_to_beat_inc;
        s->score_to_beat_inc += 5;
    }
    if (s->my_score - s->opp_score >= s->score_to_beat) return PL_C;
    if (!c_then_d && round - s->last_fresh_start >= 10) {
        double n = v->opp->len;
        double sd = sqrt(n) / 2;
        double lower = n / 2 - 3 * sd, upper = n / 2 + 3 * sd;
        if (v->opp->n_defect <= lower || v->opp->n_defect >= upper) {
            s->fresh_start = 1;
            return PL_C;
        }
    }
    return PL_D;
}

/* ---- Second by Weiner (K41R) --------------------------------------------- */

typedef struct {
    int forgive;
    int grudge;
    int defect_padding;
    unsigned char last_twelve[12]; /* the other's defections, lagged one move */
    int lt_index;
    int lt_sum;
} weiner_state;

/* Herb Weiner: tit for tat, forgiving a defection (at most once per 20 moves
 * of grudge) after an odd-length run of the other's defections ended, but
 * defecting whenever five of the other's twelve moves before its last were
 * defections.  Axelrod (1980b), K41R. */
static int weiner_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    weiner_state *s = st;
    if (v->turn == 0) return PL_C;
    int opp1 = pl_view_opp_last(v);
    if (v->turn >= 2) {
        int d = pl_hist_ago(v->opp, 2);
        s->lt_sum += d - s->last_twelve[s->lt_index];
        s->last_twelve[s->lt_index] = (unsigned char)d;
        s->lt_index = (s->lt_index + 1) % 12;
    }
    int action = opp1;
    if (s->forgive) {
        s->forgive = 0;
        s->defect_padding = 0;
        if (s->grudge < v->turn + 1 && opp1 == PL_D) {
            s->grudge += 20;
            action = PL_C;
        }
    } else if (opp1 == PL_D) {
        s->defect_padding++;
    } else {
        if (s->defect_padding % 2 == 1) s->forgive = 1;
        s->defect_padding = 0;
    }
    return s->lt_sum >= 5 ? PL_D : action;
}

/* ---- Second by White (K72R) ---------------------------------------------- */

/* Edward White: cooperate on the first ten moves and after the other's
 * cooperation; after its defection defect iff floor(ln n) times its number of
 * defections is at least n, n the move number.  Axelrod (1980b), K72R. */

/* floor(log(n)) of the library's log for 1 <= n < 2^31, by its steps: white_step[k] is the
 * smallest such n with floor(log(n)) >= k (k = 1 to 21; e^22 is past 2^31), found with log itself
 * once a process.  Exact: log is within an ulp of ln (glibc's, 0.52 ulp), and below 2^31 the
 * logarithms of consecutive integers differ by more than 2^-32, far more than two ulps of a value
 * below 22 (2^-48 each), so the computed log is strictly increasing on these integers and its floor
 * steps only at white_step[k].  The move then counts steps where it called log each time the other
 * defected.  (Checked against floor(log(n)) for every n below 2^31.) */
enum { WHITE_STEPS = 21 };
static int white_step[WHITE_STEPS + 1];
static pthread_once_t white_once = PTHREAD_ONCE_INIT;

static void white_steps(void)
{
    for (int k = 1; k <= WHITE_STEPS; k++) {
        int64_t n = (int64_t)exp(k) - 3; /* near e^k, then down below the step and up onto it */
        if (n < 1) n = 1;
        while (n > 1 && floor(log((double)n)) >= k) n--;
        while (floor(log((double)n)) < k) n++;
        white_step[k] = (int)n;
    }
}

static void white_init(void *s, const pl_params *p)
{
    (void)s, (void)p;
    pthread_once(&white_once, white_steps);
}

static int white_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    int turn = v->turn + 1;
    if (turn <= 10 || pl_view_opp_last(v) == PL_C) return PL_C;
    int k = 2; /* floor(log(n)) for n > 10 is at least 2 (log 11 = 2.4) */
    while (k < WHITE_STEPS && turn >= white_step[k + 1]) k++;
    return (double)k * v->opp->n_defect >= turn ? PL_D : PL_C;
}

/* ---- Second by Yamachi (K64R) -------------------------------------------- */

typedef struct {
    int count[8];     /* [other's move][my intended move next][other's move after] */
    int intended[2];  /* my intended moves (before the override): [0] last, [1] the one before */
} yamachi_state;

static inline int yamachi_idx(int them, int us, int them_next) { return them * 4 + us * 2 + them_next; }

/* Records the intended move and applies the late override: after move 40,
 * defect when the other's defection share (plus a half) is within 45-55%. */
static int yamachi_return(yamachi_state *s, const pl_view *v, int action)
{
    int turn = v->turn + 1;
    s->intended[1] = s->intended[0];
    s->intended[0] = action;
    if (turn > 40) {
        double share = (v->opp->n_defect + 0.5) / turn;
        if (0.45 < share && share < 0.55) return PL_D;
    }
    return action;
}

/* Brian Yamachi: predicts the other's answer from how it answered before in
 * the same situation (its move two back, my move last), cooperating when it
 * cooperated at least as often as it defected; from move 41 it defects against
 * an apparently random (45-55% defecting) opponent.  Axelrod (1980b), K64R. */
static int yamachi_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    yamachi_state *s = st;
    int turn = v->turn + 1;
    if (turn == 1) return yamachi_return(s, v, PL_C);
    int us_last = s->intended[0];
    int them2 = PL_C, us2 = PL_C, them3 = PL_C;
    if (turn >= 3) {
        them2 = pl_hist_ago(v->opp, 2);
        us2 = s->intended[1];
    }
    if (turn >= 4) them3 = pl_hist_ago(v->opp, 3);
    if (turn >= 3) s->count[yamachi_idx(them3, us2, them2)]++;
    if (s->count[yamachi_idx(them2, us_last, PL_C)] >= s->count[yamachi_idx(them2, us_last, PL_D)])
        return yamachi_return(s, v, PL_C);
    return yamachi_return(s, v, PL_D);
}

/* ---- the random entries ----------------------------------------------------
 * Each follows Axelrod-Python 4.13's class of the same name (axelrod/strategies/
 * axelrod_second.py); a probability of cooperating is drawn as its random_choice
 * does (no draw at 0 or 1), a comparison with a uniform draw as its random(). */

/* Danny Champion: cooperates
 * 10 moves, plays tit for tat to move 25, then cooperates unless the other defected last,
 * and its defection share is at least max(0.4, a uniform draw).  Axelrod (1980b). */
static int champion_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    int t = v->turn;
    if (t < 10) return PL_C;
    if (t < 25) return pl_view_opp_last(v);
    if (pl_view_opp_last(v) == PL_D) {
        double share = (double)v->opp->n_defect / (double)v->opp->len;
        double r = pl_rng_uniform(v->rng);
        if (share >= (r > 0.4 ? r : 0.4)) return PL_D;
    }
    return PL_C;
}

/* Graham Eatherley: cooperates after a cooperation; after a defection defects with
 * probability the other's share of defections so far.  Axelrod (1980b). */
static int eatherley_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn == 0 || pl_view_opp_last(v) == PL_C) return PL_C;
    double share = (double)v->opp->n_defect / (double)v->opp->len;
    return pl_view_coop_with(v, 1.0 - share);
}

/* Craig Feathers' Tranquilizer (K67R), as reverse engineered from the Fortran for
 * Axelrod-Python: mostly cooperative while its average payoff per move (standard
 * payoffs, over moves + 1) stays at 2.25 or more, with random defections whose
 * probability falls as its "good defections" paid; between 1.75 and 2.25 it
 * cooperates with a probability built from the other's cooperations, its run of
 * defections and the score difference; below, tit for tat.  Axelrod (1980b). */
typedef struct {
    int after_good;        /* turns since a good defection: 0, 1 or 2 (FD) */
    int opp_defect_run;    /* the other's consecutive defections (S) */
    double one_ratio;      /* AD */
    double two_ratio;      /* NO */
    int one_count, two_count; /* AK, NK */
    double my_score, opp_score; /* under the standard payoffs */
    int ready;
} tranquilizer_state;

static int tranquilizer_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    tranquilizer_state *s = st;
    if (!s->ready) {
        s->one_ratio = 5, s->two_ratio = 0, s->one_count = 1, s->two_count = 1;
        s->ready = 1;
    }
    if (v->turn == 0) return PL_C;
    int me1 = pl_view_my_last(v), opp1 = pl_view_opp_last(v);
    /* the reference scores with the standard game whatever the match's (compute_final_score) */
    static const double pay[2][2][2] = {{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}};
    s->my_score += pay[me1][opp1][0];
    s->opp_score += pay[me1][opp1][1];
    s->opp_defect_run = opp1 == PL_D ? s->opp_defect_run + 1 : 0;
    /* summed left to right as the reference does, so the ratios are the same doubles */
    if (s->after_good == 2) {
        s->after_good = 0;
        s->two_ratio = (s->two_ratio * s->two_count + (3 - 3 * opp1) + 2 * me1 - opp1 * me1) / (s->two_count + 1);
        s->two_count++;
    } else if (s->after_good == 1) {
        s->after_good = 2;
        s->one_ratio = (s->one_ratio * s->one_count + (3 - 3 * opp1) + 2 * me1 - opp1 * me1) / (s->one_count + 1);
        s->one_count++;
    }
    if (s->after_good == 1 || s->after_good == 2) return PL_C;
    double moves = (double)v->turn + 1.0;
    if (s->my_score / moves >= 2.25) {
        double prob = (0.95 - ((s->one_ratio + s->two_ratio - 5) / 15)) + (1 / (moves * moves)) - (opp1 / 4.0);
        if (pl_rng_uniform(v->rng) <= prob) return PL_C;
        s->after_good = 1;
        return PL_D;
    }
    if (s->my_score / moves >= 1.75) {
        double prob = (0.25 + ((pl_hist_coops(v->opp) + 1) / moves)) - (s->opp_defect_run * 0.25) +
                      ((s->my_score - s->opp_score) / 100) + (4 / moves);
        return pl_rng_uniform(v->rng) <= prob ? PL_C : PL_D;
    }
    return opp1;
}

/* Charles Kluepfel: counts the other's answers to its own move two back; after move 26
 * defects for ever once those answers look random (both C-after-my-D and D-after-my-C at
 * least half their totals less 0.75 of the square root); else repeats the other's last
 * move when its last three agree, with probability 0.9 when its last two agree, 0.7
 * after a lone C and 0.6 after a lone D, otherwise plays the opposite.  Axelrod (1980b). */
typedef struct {
    int cd, dd, cc, dc; /* the other's C/D answering my D, my C (my move two back) */
} kluepfel_state;

static int kluepfel_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    kluepfel_state *s = st;
    int t = v->turn;
    if (t >= 2) {
        int me2 = pl_hist_ago(v->me, 2), opp1 = pl_view_opp_last(v);
        if (me2 == PL_D) {
            if (opp1 == PL_C) s->cd++;
            else s->dd++;
        } else {
            if (opp1 == PL_C) s->cc++;
            else s->dc++;
        }
    }
    if (t > 26 && s->cd >= (s->cd + s->dd) / 2.0 - 0.75 * sqrt((double)(s->cd + s->dd)) &&
        s->dc >= (s->dc + s->cc) / 2.0 - 0.75 * sqrt((double)(s->dc + s->cc)))
        return PL_D;
    int o1 = t >= 1 ? pl_hist_ago(v->opp, 1) : PL_C, o2 = t >= 2 ? pl_hist_ago(v->opp, 2) : PL_C,
        o3 = t >= 3 ? pl_hist_ago(v->opp, 3) : PL_C;
    if (o1 == o2 && o2 == o3) return o1;
    double r = pl_rng_uniform(v->rng);
    double keep = o1 == o2 ? 0.9 : o1 == PL_C ? 0.7 : 0.6;
    return r < keep ? o1 : 1 - o1;
}

/* Rob Cave (K49R): defects against an opponent that defects too much (more than 39% after
 * move 39, 65% after 29, 79% after 19, as a share of the moves so far plus this one);
 * otherwise cooperates after a cooperation and, after a defection, defects if the other
 * has defected 18 times or more, else cooperates or defects at even odds.  Axelrod (1980b). */
static int cave_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    int turn = v->turn + 1;
    if (turn == 1) return PL_C;
    int nd = v->opp->n_defect;
    double share = (double)nd / turn;
    if ((turn > 39 && share > 0.39) || (turn > 29 && share > 0.65) || (turn > 19 && share > 0.79)) return PL_D;
    if (pl_view_opp_last(v) == PL_D) return nd > 17 ? PL_D : pl_view_coop_with(v, 0.5);
    return PL_C;
}

/* William Adams (K44R): counts the other's defections after its first move; defects when
 * that count is 4, 7 or 9; beyond 9, after a defection it cooperates with probability
 * 0.5^(count - 9) (the reference's code; its description says count - 1).  Axelrod (1980b). */
static int wm_adams_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn <= 1) return PL_C;
    int nd = v->opp->n_defect - (pl_hist_at(v->opp, 0) == PL_D);
    if (nd == 4 || nd == 7 || nd == 9) return PL_D;
    if (nd > 9 && pl_view_opp_last(v) == PL_D) return pl_view_coop_with(v, pow(0.5, nd - 9));
    return PL_C;
}

/* Abraham Getzler (K35R): defects with probability "flack", the sum over the other's
 * defections of 0.5^(moves since).  Axelrod (1980b). */
typedef struct {
    double flack;
} getzler_state;

static int getzler_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    getzler_state *s = st;
    if (v->turn == 0) return PL_C;
    s->flack += pl_view_opp_last(v) == PL_D ? 1 : 0;
    s->flack *= 0.5;
    return pl_view_coop_with(v, 1.0 - s->flack);
}

/* Fransois Leyvraz (K68R): from the other's last three moves (C before the start): after
 * D,D last defects with probability 0.75; else after a D three back cooperates; else after
 * a D two back defects; else after a D last defects at even odds; else cooperates.
 * Axelrod (1980b). */
static int leyvraz_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    int t = v->turn;
    int o1 = t >= 1 ? pl_hist_ago(v->opp, 1) : PL_C, o2 = t >= 2 ? pl_hist_ago(v->opp, 2) : PL_C,
        o3 = t >= 3 ? pl_hist_ago(v->opp, 3) : PL_C;
    double pc;
    if (o2 == PL_D && o1 == PL_D) pc = 0.25;
    else if (o3 == PL_D) pc = 1.0;
    else if (o2 == PL_D) pc = 0.0;
    else if (o1 == PL_D) pc = 0.5;
    else pc = 1.0;
    return pl_view_coop_with(v, pc);
}

/* Paul Black (K83R): cooperates five moves, then with probability 1 - (d^2 - 1)/25 where d
 * is the other's defections in its last five moves (1 for d = 0).  Axelrod (1980b). */
static int black_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn < 5) return PL_C;
    static const double pc[6] = {1.0, 1.0, 0.88, 0.68, 0.4, 0.04};
    return pl_view_coop_with(v, pc[pl_history_defects_last(v->opp, 5)]);
}

/* Scott Appold (K88R): cooperates four moves; the first time after that the other's last
 * move is a defection it cooperates; otherwise cooperates with the observed probability
 * that the other cooperated after its own move of two turns back was what it is now (C
 * counted once in advance for the first move, D once with one cooperation).
 * Axelrod (1980b). */
typedef struct {
    int c_after[2], total[2];
    int first_defection_seen;
    int ready;
} appold_state;

static int appold_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    appold_state *s = st;
    if (!s->ready) {
        s->c_after[PL_C] = 0, s->c_after[PL_D] = 1;
        s->total[PL_C] = 0, s->total[PL_D] = 1;
        s->ready = 1;
    }
    int turn = v->turn + 1;
    int us2 = turn <= 2 ? PL_C : pl_hist_ago(v->me, 2);
    if (turn > 1) {
        s->total[us2]++;
        if (pl_view_opp_last(v) == PL_C) s->c_after[us2]++;
    }
    if (turn <= 4) return PL_C;
    if (pl_view_opp_last(v) == PL_D && !s->first_defection_seen) {
        s->first_defection_seen = 1;
        return PL_C;
    }
    return pl_view_coop_with(v, (double)s->c_after[us2] / (double)s->total[us2]);
}

/* Paul Harrington (K75R), as reverse engineered for Axelrod-Python: tit for tat with
 * detectors — a chi-squared test every 15 moves for a random opponent (then a defect
 * mode left when the other keeps defecting), a fair-weather mode for an opponent that
 * cooperated 36 times and defects on move 38, streak and alternating-streak breakers,
 * and from move 37 a random "defect, cooperate, cooperate" probe whose probability grows
 * by 0.05 each time, stopped for good once a probe is answered by a defection.
 * Axelrod (1980b). */
enum { HARR_NORMAL, HARR_DEFECT, HARR_FAIR };
typedef struct {
    int ready, mode, recorded_defects, exit_meter, was_defective, more_coop, generous_ago, burned;
    int defect_streak, parity_streak[2], parity_bit, parity_limit, parity_hits;
    double prob;
    int hist[4][2]; /* rows: (other two back, me two back); columns: the other's last move */
} harrington_state;

/* The reference's try_return: end-of-turn bookkeeping on the action returned. */
static int harr_return(harrington_state *s, int a, int lower_flags, int inc_parity)
{
    if (lower_flags && a == PL_C) {
        s->more_coop--;
        s->generous_ago++;
    }
    if (inc_parity && a == PL_D) s->parity_streak[s->parity_bit]++;
    return a;
}

/* Pearson's chi squared of hist, leaving out the cells expected at 1 or less. */
static double harr_chi_squared(const harrington_state *s, int turn)
{
    double denom = turn - 2, rows[4], cols[2] = {0, 0};
    for (int i = 0; i < 4; i++) {
        rows[i] = (double)s->hist[i][0] + (double)s->hist[i][1];
        cols[0] += s->hist[i][0], cols[1] += s->hist[i][1];
    }
    double chi = 0.0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 2; j++) {
            double expect = rows[i] * cols[j] / denom;
            if (expect > 1.0) chi += (expect - s->hist[i][j]) * (expect - s->hist[i][j]) / expect;
        }
    return chi;
}

static int harr_random(const harrington_state *s, int turn)
{
    double denom = turn - 2;
    if (s->hist[0][0] / denom >= 0.8) return 0;
    if (s->recorded_defects / denom < 0.25 || s->recorded_defects / denom > 0.75) return 0;
    return harr_chi_squared(s, turn) <= 3;
}

static int harrington_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    harrington_state *s = st;
    if (!s->ready) {
        s->mode = HARR_NORMAL, s->generous_ago = 3, s->parity_limit = 5, s->prob = 0.25;
        s->ready = 1;
    }
    int turn = v->turn + 1;
    if (turn == 1) return PL_C;
    int opp1 = pl_view_opp_last(v);
    if (s->mode == HARR_DEFECT) {
        s->exit_meter += opp1 == PL_D ? 1 : -3;
        if (s->exit_meter >= 11) {
            s->mode = HARR_NORMAL;
            s->was_defective = 1;
            s->more_coop = 2;
            return harr_return(s, PL_C, 0, 0);
        }
        return harr_return(s, PL_D, 1, 0);
    }
    if (!s->was_defective) {
        if (turn > 2) {
            if (opp1 == PL_D) s->recorded_defects++;
            int row = (pl_hist_ago(v->opp, 2) == PL_D) + 2 * (pl_hist_ago(v->me, 2) == PL_D);
            s->hist[row][opp1 == PL_D]++;
        }
        if (turn % 15 == 0 && turn > 15 && harr_random(s, turn)) {
            s->mode = HARR_DEFECT;
            return harr_return(s, PL_D, 0, 0);
        }
    }
    if (s->generous_ago == 2 && opp1 == PL_D) s->burned = 1;
    if (turn == 38 && opp1 == PL_D && pl_hist_coops(v->opp) == 36) {
        s->mode = HARR_FAIR;
        return harr_return(s, PL_C, 0, 0);
    }
    if (s->mode == HARR_FAIR) {
        if (opp1 == PL_D) s->mode = HARR_NORMAL;
        else return harr_return(s, PL_C, 1, 0);
    }
    /* a run of 20 defections */
    s->defect_streak = opp1 == PL_D ? s->defect_streak + 1 : 0;
    if (s->defect_streak >= 20) return harr_return(s, PL_D, 1, 1);
    /* alternating streaks */
    s->parity_bit = 1 - s->parity_bit;
    if (opp1 == PL_D) s->parity_streak[s->parity_bit]++;
    else s->parity_streak[s->parity_bit] = 0;
    if (s->parity_streak[s->parity_bit] >= s->parity_limit) {
        s->parity_streak[s->parity_bit] = 0;
        if (++s->parity_hits >= 8) s->parity_limit = 3;
        return harr_return(s, PL_C, 1, 1);
    }
    if (s->more_coop >= 1) return harr_return(s, PL_C, 1, 1);
    if (turn < 37) return harr_return(s, opp1, 1, 1);
    if (turn == 37) {
        s->more_coop = 2, s->generous_ago = 1;
        return harr_return(s, PL_D, 0, 0);
    }
    if (s->burned || pl_rng_uniform(v->rng) > s->prob) return harr_return(s, opp1, 1, 1);
    s->prob += 0.05;
    s->more_coop = 2, s->generous_ago = 1;
    return harr_return(s, PL_D, 0, 0);
}

#define REF1980B "Axelrod (1980b), More effective choice in the prisoner's dilemma, J. Conflict Resolution 24(3)"

/* Colbert and Tester as automata, by probing their state and last turns (automaton_probe.h). */
PL_PROBED_AUTOMATON(colbert, colbert_move, NULL, sizeof(colbert_state), 1, NULL)
PL_PROBED_AUTOMATON(tester, tester_move, NULL, sizeof(tester_state), 3, NULL)

const pl_strategy_def pl_family_axelrod_second[] = {
    {.id = "second_appold", .name = "Second by Appold", .axelrod_name = "Second by Appold",
     .reference = REF1980B " (K88R)", .flags = PL_STOCHASTIC, .memory_depth = -1, .state_size = sizeof(appold_state),
     .move = appold_move},
    {.id = "second_black", .name = "Second by Black", .axelrod_name = "Second by Black",
     .reference = REF1980B " (K83R)", .flags = PL_STOCHASTIC, .memory_depth = 5, .move = black_move},
    {.id = "second_borufsen", .name = "Second by Borufsen", .axelrod_name = "Second by Borufsen",
     .reference = REF1980B " (K32R)", .memory_depth = -1, .state_size = sizeof(borufsen_state),
     .move = borufsen_move},
    {.id = "second_cave", .name = "Second by Cave", .axelrod_name = "Second by Cave",
     .reference = REF1980B " (K49R)", .flags = PL_STOCHASTIC, .memory_depth = -1, .move = cave_move},
    {.id = "second_champion", .name = "Second by Champion", .axelrod_name = "Second by Champion",
     .reference = REF1980B, .flags = PL_STOCHASTIC, .memory_depth = -1, .move = champion_move},
    {.id = "second_colbert", .name = "Second by Colbert", .axelrod_name = "Second by Colbert",
     .reference = REF1980B " (K51R)", .memory_depth = 4, .state_size = sizeof(colbert_state), .move = colbert_move,
     .automaton = colbert_automaton},
    {.id = "second_eatherley", .name = "Second by Eatherley", .axelrod_name = "Second by Eatherley",
     .reference = REF1980B, .flags = PL_STOCHASTIC, .memory_depth = -1, .move = eatherley_move},
    {.id = "second_getzler", .name = "Second by Getzler", .axelrod_name = "Second by Getzler",
     .reference = REF1980B " (K35R)", .flags = PL_STOCHASTIC, .memory_depth = -1, .state_size = sizeof(getzler_state),
     .move = getzler_move},
    {.id = "second_gladstein", .name = "Second by Gladstein", .axelrod_name = "Second by Gladstein",
     .reference = REF1980B " (K46R)", .memory_depth = -1, .state_size = sizeof(gladstein_state),
     .move = gladstein_move},
    {.id = "second_graaskamp_katzen", .name = "Second by GraaskampKatzen", .axelrod_name = "Second by GraaskampKatzen",
     .reference = REF1980B " (K60R)", .flags = PL_USES_GAME, .memory_depth = -1,
     .state_size = sizeof(graaskamp_katzen_state), .move = graaskamp_katzen_move},
    {.id = "second_grofman", .name = "Second by Grofman", .axelrod_name = "Second by Grofman",
     .reference = REF1980B " (K86R)", .memory_depth = 8, .move = grofman_second_move},
    {.id = "second_harrington", .name = "Second by Harrington", .axelrod_name = "Second by Harrington",
     .reference = REF1980B " (K75R)", .flags = PL_STOCHASTIC, .memory_depth = -1,
     .state_size = sizeof(harrington_state), .move = harrington_move},
    {.id = "second_kluepfel", .name = "Second by Kluepfel", .axelrod_name = "Second by Kluepfel",
     .reference = REF1980B, .flags = PL_STOCHASTIC, .memory_depth = -1, .state_size = sizeof(kluepfel_state),
     .move = kluepfel_move},
    {.id = "second_leyvraz", .name = "Second by Leyvraz", .axelrod_name = "Second by Leyvraz",
     .reference = REF1980B " (K68R)", .flags = PL_STOCHASTIC, .memory_depth = 3, .move = leyvraz_move},
    {.id = "second_mikkelson", .name = "Second by Mikkelson", .axelrod_name = "Second by Mikkelson",
     .reference = REF1980B " (K66R)", .memory_depth = -1, .state_size = sizeof(mikkelson_state),
     .init = mikkelson_init, .move = mikkelson_move},
    {.id = "second_richard_hufford", .name = "Second by RichardHufford", .axelrod_name = "Second by RichardHufford",
     .reference = REF1980B " (K47R)", .memory_depth = -1, .state_size = sizeof(hufford_state),
     .init = hufford_init, .move = hufford_move},
    {.id = "second_rowsam", .name = "Second by Rowsam", .axelrod_name = "Second by Rowsam",
     .reference = REF1980B " (K58R)", .flags = PL_USES_GAME, .memory_depth = -1,
     .state_size = sizeof(rowsam_state), .move = rowsam_move},
    {.id = "second_tester", .name = "Second by Tester", .axelrod_name = "Second by Tester",
     .reference = REF1980B " (TESTER)", .memory_depth = -1, .state_size = sizeof(tester_state),
     .move = tester_move, .automaton = tester_automaton},
    {.id = "second_tideman_chieruzzi", .name = "Second by Tideman and Chieruzzi",
     .axelrod_name = "Second by Tideman and Chieruzzi", .reference = REF1980B " (K84R)", .flags = PL_USES_GAME,
     .memory_depth = -1, .state_size = sizeof(tideman2_state), .move = tideman_second_move},
    {.id = "second_tranquilizer", .name = "Second by Tranquilizer", .axelrod_name = "Second by Tranquilizer",
     .reference = REF1980B " (K67R)", .flags = PL_STOCHASTIC, .memory_depth = -1,
     .state_size = sizeof(tranquilizer_state), .move = tranquilizer_move},
    {.id = "second_weiner", .name = "Second by Weiner", .axelrod_name = "Second by Weiner",
     .reference = REF1980B " (K41R)", .memory_depth = -1, .state_size = sizeof(weiner_state), .move = weiner_move},
    {.id = "second_white", .name = "Second by White", .axelrod_name = "Second by White",
     .reference = REF1980B " (K72R)", .memory_depth = -1, .init = white_init, .move = white_move},
    {.id = "second_wm_adams", .name = "Second by WmAdams", .axelrod_name = "Second by WmAdams",
     .reference = REF1980B " (K44R)", .flags = PL_STOCHASTIC, .memory_depth = -1, .move = wm_adams_move},
    {.id = "second_yamachi", .name = "Second by Yamachi", .axelrod_name = "Second by Yamachi",
     .reference = REF1980B " (K64R)", .memory_depth = -1, .state_size = sizeof(yamachi_state),
     .move = yamachi_move},
    {0}
};
