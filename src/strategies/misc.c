// SPDX-License-Identifier: MIT
/* misc.c — strategy family "misc": assorted rules that fit no larger family —
 * classifiers (Adaptive, the adaptive Pavlovs), handshakes, end-game backstabbers,
 * counting moods (Grumpy, VeryBad, ShortMem, Stalker), small fixed machines, and
 * players whose rule is mostly a draw (the average copiers, the Worse and Worse
 * family, Inverse, Negation, SelfSteem, Calculator).
 * Behaviour matches Axelrod-Python 4.13; each rule is cited above its function. */
#include "strategies/strategy_def.h"
#include "strategies/automaton_probe.h"

/* 1 if the opponent's last k moves, oldest first, spell `pat` (k = strlen(pat) <= len). */
static int opp_last_is(const pl_history *h, const char *pat)
{
    int k = (int)strlen(pat);
    if (h->len < k) return 0;
    for (int i = 0; i < k; i++)
        if (pl_hist_ago(h, k - i) != (pat[i] == 'D')) return 0;
    return 1;
}

/* Adaptive (Li, Hingston & Kendall 2011): play a fixed opening (six C then five
 * D by default), scoring each of its own actions by the payoffs it brought; then
 * play the action whose total payoff so far is higher (D on a tie). */
typedef struct adaptive_state {
    double score[2];
} adaptive_state;

static int adaptive_move(void *st, const pl_params *p, const pl_view *v)
{
    adaptive_state *s = st;
    if (v->me->len) {
        unsigned last = pl_view_last_pair(v); /* own last action, then the other's */
        int a = (int)(last >> 1), b = (int)(last & 1u);
        s->score[a] += pl_view_payoff(v, a, b);
    }
    /* in the opening: it has fewer than PL_PARAM_TEXT_MAX moves, so past that turn its length
     * need not be measured again every turn */
    if (v->turn < PL_PARAM_TEXT_MAX && v->turn < (int)strlen(p->text[0]))
        return p->text[0][v->turn] == 'D' ? PL_D : PL_C;
    return s->score[PL_C] > s->score[PL_D] ? PL_C : PL_D;
}

/* Adaptive Pavlov 2006 (Li 2007, How to design a strategy to win an IPD
 * tournament): tit for tat for six turns; then, every sixth turn, classify the
 * opponent's last six moves as cooperative (CCCCCC), always-defect (DDDDDD),
 * suspicious TFT (DCDCDC), Pavlov-D (DDCDDC) or, if never classified before,
 * random — an unmatched block keeps the previous class — and answer each class
 * in kind. */
enum { AP_NONE, AP_COOP, AP_ALLD, AP_STFT, AP_PAVLOVD, AP_RANDOM };
typedef struct apavlov_state {
    int cls;
} apavlov_state;

static int apavlov2006_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    apavlov_state *s = st;
    int n = v->turn;
    if (n < 6) return pl_view_tft_reply(v);
    if (n % 6 == 0) {
        if (opp_last_is(v->opp, "CCCCCC")) s->cls = AP_COOP;
        if (opp_last_is(v->opp, "DDDDDD")) s->cls = AP_ALLD;
        if (opp_last_is(v->opp, "DCDCDC")) s->cls = AP_STFT;
        if (opp_last_is(v->opp, "DDCDDC")) s->cls = AP_PAVLOVD;
        if (s->cls == AP_NONE) s->cls = AP_RANDOM;
    }
    switch (s->cls) {
    case AP_RANDOM:
    case AP_ALLD: return PL_D;
    case AP_STFT:
        if (n % 6 == 0 || n % 6 == 1) return PL_C;
        return pl_hist_ago(v->opp, 1);
    case AP_PAVLOVD: return n % 6 == 0 ? PL_D : PL_C;
    case AP_COOP: return pl_hist_ago(v->opp, 1);
    default: return PL_C;
    }
}

/* Adaptive Pavlov 2011 (Li, Hingston & Kendall 2011): tit for tat for six turns;
 * then every sixth turn classify the last six opponent moves: all C cooperative,
 * 4+ D always-defect, exactly 3 D suspicious TFT, else (if never classified)
 * random; defect against always-defect and random, play tit for two tats against
 * suspicious TFT and tit for tat against cooperators. */
static int apavlov2011_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    apavlov_state *s = st;
    int n = v->turn;
    if (n < 6) return pl_view_tft_reply(v);
    if (n % 6 == 0) {
        int d = pl_history_defects_last(v->opp, 6);
        if (d == 0) s->cls = AP_COOP;
        if (d >= 4) s->cls = AP_ALLD;
        if (d == 3) s->cls = AP_STFT;
        if (s->cls == AP_NONE) s->cls = AP_RANDOM;
    }
    switch (s->cls) {
    case AP_RANDOM:
    case AP_ALLD: return PL_D;
    case AP_STFT: return opp_last_is(v->opp, "DD") ? PL_D : PL_C;
    case AP_COOP: return pl_hist_ago(v->opp, 1);
    default: return PL_C;
    }
}

/* BackStabber (Thomas Campbell, Axelrod-Python): cooperate until the opponent has
 * defected four times, then defect forever; defect on the last two turns of a
 * match of known length. */
static int backstabber_rule(const pl_view *v)
{
    if (v->opp->len == 0) return PL_C;
    return v->opp->n_defect > 3 ? PL_D : PL_C;
}

static int backstabber_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (pl_view_in_last(v, 2)) return PL_D;
    return backstabber_rule(v);
}

/* BackStabber as an automaton for a match of known length (pl_timed_rule): its class is the
 * other's defections while below 4, then 4 (absorbing: it defects to the end). */
enum { BACKSTABBER_DONE = 4 };
static int backstabber_act(int t, int length, int c)
{
    if (length - t <= 2 || c == BACKSTABBER_DONE) return PL_D;
    return PL_C;
}
static int backstabber_step(int t, int c, int x, int y)
{
    (void)t, (void)x;
    return c + y >= 4 ? BACKSTABBER_DONE : c + y;
}
static int backstabber_automaton(const pl_params *p, int length, pl_automaton *a)
{
    static const pl_timed_rule rule = {5, BACKSTABBER_DONE, backstabber_act, backstabber_step};
    return (void)p, pl_automaton_timed(&rule, length, a);
}

/* DoubleCrosser (Thomas Campbell, Axelrod-Python): as BackStabber, but if the
 * opponent did not defect in its first 7 moves, then from round 8 to round 180
 * (absolute round numbers, whatever the length) defect only after two opponent
 * defections in a row. */
static int doublecrosser_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (pl_view_in_last(v, 2)) return PL_D;
    const pl_history *opp = v->opp;
    int round = opp->len + 1;
    /* its first 7 moves (those it has made) as bits, one read rather than a loop each turn: 0 when
     * it cooperated on all; and its last two were D, D when both bits of the last two are set */
    uint64_t first7 = opp->len ? pl_hist_bits(opp, 0, opp->len < 7 ? opp->len : 7) : 0;
    if (!first7 && round > 7 && round <= 180) return pl_hist_last_bits(opp, 2) == 3 ? PL_D : PL_C;
    return backstabber_rule(v);
}

/* CAPRI (Murase & Baek 2020, Five rules for friendly rivalry in direct
 * reciprocity, Scientific Reports 10:16904): a memory-3 rule — Cooperate at
 * mutual cooperation, Accept punishment after one's own slip, Punish a slip of
 * the co-player once, Recover from mutual defection, otherwise defect.  Missing
 * early turns count as mutual cooperation.  The table lists the 15 three-turn
 * profiles (own, opponent per turn, oldest first) after which CAPRI cooperates;
 * each profile is 6 bits: turn t-3 own/opp in bits 5/4, t-2 in 3/2, t-1 in 1/0. */
static int capri_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
#define PR(a, b, c, d, e, f) ((a) << 5 | (b) << 4 | (c) << 3 | (d) << 2 | (e) << 1 | (f))
    static const unsigned char coop[] = {
        PR(0, 0, 0, 0, 0, 0), PR(0, 0, 0, 0, 1, 0), PR(0, 0, 1, 0, 0, 1), PR(1, 0, 0, 1, 0, 0),
        PR(0, 1, 0, 0, 0, 0), PR(0, 0, 0, 1, 1, 0), PR(0, 1, 1, 0, 0, 0), PR(1, 0, 0, 0, 0, 0),
        PR(1, 1, 1, 1, 1, 0), PR(1, 1, 1, 0, 0, 0), PR(1, 1, 1, 1, 0, 1), PR(1, 1, 0, 1, 0, 0),
        PR(1, 1, 1, 1, 0, 0), PR(1, 1, 0, 0, 0, 0),
    };
#undef PR
    unsigned key = 0;
    for (int k = 3; k >= 1; k--) {
        int a = 0, b = 0;
        if (v->me->len >= k) a = pl_hist_ago(v->me, k), b = pl_hist_ago(v->opp, k);
        key = key << 2 | (unsigned)(a << 1 | b);
    }
    for (size_t i = 0; i < sizeof coop; i++)
        if (coop[i] == key) return PL_C;
    return PL_D;
}

/* Collective Strategy (Li & Kendall 2009, A strategy with novel evolutionary
 * features for the IPD, Evolutionary Computation 17(2)): play C then D as a
 * handshake; if the opponent answered with the same C, D, cooperate until it
 * defects again, otherwise defect. */
static int collective_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn == 0) return PL_C;
    if (v->turn == 1) return PL_D;
    if (v->opp->n_defect > 1) return PL_D;
    if (pl_hist_at(v->opp, 0) == PL_C && pl_hist_at(v->opp, 1) == PL_D) return PL_C;
    return PL_D;
}

/* Collective Strategy as an automaton: 0 its C of turn 1; 1 and 2 its D of turn 2 after the
 * other's C or D; 3 cooperates until the other defects again; 4 defects for good. */
static int collective_automaton(const pl_params *p, pl_automaton *a)
{
    (void)p;
    static const uint8_t next[5][4] = {PL_NEXT_BY_OTHER(1, 2), PL_NEXT_BY_OTHER(4, 3), PL_NEXT_BY_OTHER(4, 4),
                                       PL_NEXT_BY_OTHER(3, 4), PL_NEXT_BY_OTHER(4, 4)};
    return pl_automaton_fill(a, 5, "CDDCD", next);
}

/* Gradual Killer (PRISON project 1998, Mathieu & Delahaye): open D, D, D, D, D,
 * C, C; then defect forever if the opponent defected on both moves 6 and 7, else
 * cooperate forever. */
static int gradual_killer_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->turn < 7) return v->turn < 5 ? PL_D : PL_C;
    return pl_hist_at(v->opp, 5) == PL_D && pl_hist_at(v->opp, 6) == PL_D ? PL_D : PL_C;
}

/* Gradual Killer as an automaton: 0-4 its D's, 5 its C of move 6, 6 and 7 its C of move 7 after
 * the other's D or C on move 6, 8 defects for good, 9 cooperates for good. */
static int gradual_killer_automaton(const pl_params *p, pl_automaton *a)
{
    (void)p;
    static const uint8_t next[10][4] = {PL_NEXT_BY_OTHER(1, 1), PL_NEXT_BY_OTHER(2, 2), PL_NEXT_BY_OTHER(3, 3),
                                        PL_NEXT_BY_OTHER(4, 4), PL_NEXT_BY_OTHER(5, 5), PL_NEXT_BY_OTHER(7, 6),
                                        PL_NEXT_BY_OTHER(9, 8), PL_NEXT_BY_OTHER(9, 9), PL_NEXT_BY_OTHER(8, 8),
                                        PL_NEXT_BY_OTHER(9, 9)};
    return pl_automaton_fill(a, 10, "DDDDDCCCDC", next);
}

/* Grumpy (Jason Young, Axelrod-Python): grumpiness is the opponent's defections
 * minus its cooperations; a nice Grumpy turns grumpy (and defects) once it
 * exceeds grumpy_threshold, a grumpy one turns nice (and cooperates) once it
 * drops below nice_threshold. */
typedef struct grumpy_state {
    int grumpy;
} grumpy_state;

static void grumpy_init(void *st, const pl_params *p) { ((grumpy_state *)st)->grumpy = p->num[0] != 0; }

static int grumpy_move(void *st, const pl_params *p, const pl_view *v)
{
    grumpy_state *s = st;
    double g = (double)v->opp->n_defect - (double)pl_hist_coops(v->opp);
    if (!s->grumpy) {
        if (g > p->num[1]) s->grumpy = 1;
    } else {
        if (g < p->num[2]) s->grumpy = 0;
    }
    return s->grumpy ? PL_D : PL_C;
}

/* Grumpy as an automaton for a match of at most `length` turns: its state is the other's
 * defections less cooperations so far, g (within -length .. length), and its mood as the last move
 * left it; each turn the mood is updated from g as grumpy_move does (the same comparisons of
 * doubles) and played.  Numbered breadth first from (0, the starting mood); declined past
 * PL_AUTOMATON_MAX states. */
static int grumpy_automaton(const pl_params *p, int length, pl_automaton *a)
{
    if (length < 1 || length > PL_AUTOMATON_MAX) return 0;
    int span = 2 * length + 1, cells = 2 * span;
    int *num = malloc((size_t)cells * sizeof *num), *gq = malloc((size_t)cells * sizeof *gq);
    int *mq = malloc((size_t)cells * sizeof *mq), n = 0, ok = 0;
    if (!num || !gq || !mq) goto done;
    for (int k = 0; k < cells; k++) num[k] = -1;
    int m0 = p->num[0] != 0;
    num[length * 2 + m0] = n, gq[n] = 0, mq[n] = m0, n++;
    for (int s = 0; s < n; s++) {
        int g = gq[s], m = mq[s];
        double gd = (double)g;
        int mood = !m ? gd > p->num[1] : !(gd < p->num[2]); /* the move's update of its mood */
        a->cut[s] = mood ? 0 : UINT64_MAX;
        for (int k = 0; k < 4; k++) {
            int g2 = g + ((k & 1) ? 1 : -1);
            if (g2 < -length || g2 > length) g2 = g; /* after the last turn: never played */
            int *cell = &num[(g2 + length) * 2 + mood];
            if (*cell < 0) {
                if (n == PL_AUTOMATON_MAX) goto done;
                *cell = n, gq[n] = g2, mq[n] = mood, n++;
            }
            a->next[s][k] = (uint16_t)*cell;
        }
    }
    a->n = n;
    ok = 1;
done:
    free(num);
    free(gq);
    free(mq);
    return ok;
}

/* Handshake (Robson 1990, Efficiency in evolutionary games: Darwin, Nash and the
 * secret handshake, J. Theor. Biol. 144): open with C, D; cooperate forever if
 * the opponent opened the same way, else defect forever. */
static int handshake_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st;
    const char *hs = p->text[0];
    int k = (int)strlen(hs);
    if (v->turn < k) return hs[v->turn] == 'D' ? PL_D : PL_C;
    for (int i = 0; i < k; i++)
        if (pl_hist_at(v->opp, i) != (hs[i] == 'D')) return PL_D;
    return PL_C;
}

/* Handshake as an automaton (pl_automaton_opening, flagged once the other leaves the handshake);
 * then 2 k cooperates for good and 2 k + 1 defects for good. */
static int handshake_automaton(const pl_params *p, pl_automaton *a)
{
    int k = (int)strlen(p->text[0]), coop = 2 * k;
    const int left[2] = {coop + 1, coop + 1};
    if (!pl_automaton_opening(a, p->text[0], p->text[0], 2, coop, left)) return 0;
    a->n = 2 * k + 2;
    for (int t = 0; t < 2; t++) {
        a->cut[coop + t] = t ? 0 : UINT64_MAX;
        for (int m = 0; m < 4; m++) a->next[coop + t][m] = (uint16_t)(coop + t);
    }
    return 1; /* no handshake (k = 0): state 0 cooperates for good */
}

/* ShortMem (Carvalho et al. 2013, Iterated Prisoner's Dilemma: an extended
 * analysis): cooperate for ten turns; then, over the opponent's last ten moves,
 * cooperate if C outnumber D by 3 or more, defect if D outnumber C by 3 or more,
 * else repeat the opponent's last move. */
static int shortmem_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    if (v->opp->len <= 10) return PL_C;
    int d = pl_history_defects_last(v->opp, 10), c = 10 - d;
    if (c - d >= 3) return PL_C;
    if (d - c >= 3) return PL_D;
    return pl_hist_ago(v->opp, 1);
}

/* Tricky Cooperator (Karol Langner, Axelrod-Python): cooperate, but from the
 * fourth turn on defect whenever the opponent has not defected in its last ten
 * moves. */
static int tricky_cooperator_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    return v->turn >= 3 && pl_history_defects_last(v->opp, 10) == 0 ? PL_D : PL_C;
}

/* Tricky Cooperator as an automaton: the state is the turn t, counted up to 10, and c, the other's
 * cooperations since its last defection, also up to 10 (c <= t; state t (t + 1) / 2 + c).  From
 * turn 3 on it defects when the other's last min(t, 10) moves hold no defection: c = min(t, 10). */
static int tricky_cooperator_automaton(const pl_params *p, pl_automaton *a)
{
    (void)p;
    a->n = 66; /* t and c of 0 to 10 */
    for (int t = 0; t <= 10; t++)
        for (int c = 0; c <= t; c++) {
            int t1 = t < 10 ? t + 1 : 10, c1 = c < 10 ? c + 1 : 10;
            pl_automaton_state(a, t * (t + 1) / 2 + c, t >= 3 && c == t ? 'D' : 'C', t1 * (t1 + 1) / 2 + c1,
                               t1 * (t1 + 1) / 2);
        }
    return 1;
}

/* Tricky Defector (Karol Langner, Axelrod-Python): defect, but cooperate once the
 * opponent, having cooperated at least once, has defected three times running. */
static int tricky_defector_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    return pl_hist_coops(v->opp) > 0 && opp_last_is(v->opp, "DDD") ? PL_C : PL_D;
}

/* Tricky Defector as an automaton: state 4 f + d, f 1 once the other has cooperated, d its
 * defections since its last cooperation (or since the start), counted up to 3; it cooperates in
 * state 7 only. */
static int tricky_defector_automaton(const pl_params *p, pl_automaton *a)
{
    (void)p;
    a->n = 8;
    for (int f = 0; f < 2; f++)
        for (int d = 0; d < 4; d++)
            pl_automaton_state(a, 4 * f + d, f && d == 3 ? 'C' : 'D', 4, 4 * f + (d < 3 ? d + 1 : 3));
    return 1;
}

/* Usually Cooperates (Ashlock, Kim & Ashlock 2009, fingerprinting of evolved
 * finite-state agents): a two-state machine that cooperates except right after
 * the opponent plays C following a D. */
typedef struct fsm_state {
    int state;
} fsm_state;

static int usually_cooperates_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    fsm_state *s = st;
    if (v->turn == 0) return PL_C;
    int o = pl_hist_ago(v->opp, 1);
    if (s->state == 0) { /* state 1 of the reference machine */
        if (o == PL_D) s->state = 1;
        return PL_C;
    }
    s->state = 0;
    return o == PL_C ? PL_D : PL_C;
}

/* Usually Defects (Ashlock, Kim & Ashlock 2009): a two-state machine that
 * defects except right after the opponent plays D following a C. */
static int usually_defects_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    fsm_state *s = st;
    if (v->turn == 0) return PL_D;
    int o = pl_hist_ago(v->opp, 1);
    if (s->state == 0) {
        if (o == PL_C) s->state = 1;
        return PL_D;
    }
    s->state = 0;
    return o == PL_D ? PL_C : PL_D;
}

/* VeryBad (Carvalho et al. 2013): cooperate for three turns; then cooperate if
 * the opponent has cooperated more than half the time, defect if less than half,
 * and repeat its last move on an exact half. */
static int verybad_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)st, (void)p;
    int n = v->opp->len;
    if (n < 3) return PL_C;
    int c2 = 2 * pl_hist_coops(v->opp);
    if (c2 > n) return PL_C;
    if (c2 < n) return PL_D;
    return pl_hist_ago(v->opp, 1);
}

/* ---- players whose rule is mostly a draw ------------------------------------ */

/* Average Copier: cooperates with probability the other's share of cooperations (a coin
 * on the first move).  Axelrod-Python, original strategy by Geraint Palmer.  Nice Average
 * Copier cooperates first.  Axelrod-Python, original strategy by Owen Campbell. */
static int average_copier_share(const pl_view *v)
{
    return pl_view_coop_with(v, (double)pl_hist_coops(v->opp) / (double)v->opp->len);
}
static int average_copier_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? pl_view_coop_with(v, 0.5) : average_copier_share(v);
}
static int nice_average_copier_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? PL_C : average_copier_share(v);
}

/* The Worse and Worse family, The PRISON project (1998), LIFL Lille: Worse and Worse
 * cooperates on move n with probability 1 - n/1000; Better and Better with n/1000;
 * Worse and Worse 2 plays tit for tat for 20 moves, then cooperates with probability
 * 20/n; Worse and Worse 3 cooperates first, then with the other's share of cooperations.
 * Knowledgeable Worse and Worse (Axelrod-Python, original strategy by Adam Pohl) uses the
 * match length: 1 - n/length (always C when the length is unknown, as the reference with
 * its length -1). */
static int worse_and_worse_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return pl_view_coop_with(v, 1 - (v->turn + 1) / 1000.0);
}
static int better_and_better_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return pl_view_coop_with(v, (v->turn + 1) / 1000.0);
}
static int worse_and_worse_2_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    int n = v->turn + 1;
    if (n == 1) return PL_C;
    if (n <= 20) return pl_view_opp_last(v);
    return pl_view_coop_with(v, 20.0 / n);
}
static int worse_and_worse_3_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->turn == 0) return PL_C;
    return pl_view_coop_with(v, 1 - (double)v->opp->n_defect / (double)v->turn);
}
static int knowledgeable_worse_and_worse_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    if (v->length < 0) return PL_C;
    return pl_view_coop_with(v, 1 - (double)(v->turn + 1) / (double)v->length);
}

/* Inverse: defects with probability 1/k, k the moves since the other's last defection
 * (cooperates while it has never defected).  Axelrod-Python, original strategy by Karol
 * Langner. */
static int inverse_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    int k = pl_hist_last_defect_ago(v->opp);
    return k ? pl_view_coop_with(v, 1 - 1.0 / k) : PL_C;
}

/* Negation: a coin first, then the opposite of the other's last move.  Prisoner's Dilemma
 * competition, prisoners-dilemma.com (2017). */
static int negation_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    return v->turn == 0 ? pl_view_coop_with(v, 0.5) : 1 - pl_view_opp_last(v);
}

/* SelfSteem: with x = sin(2 pi n / 10) at move n (from 0): D when x > 0.95, a copy of the
 * other's last move when 0.3 < |x| < 0.95, a coin when |x| < 0.3, else C.  Carvalho et al.
 * (2013), Iterated Prisoner's Dilemma: an extended analysis. */
static int selfsteem_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)s, (void)p;
    double x = sin(2 * M_PI * v->turn / 10);
    if (x > 0.95) return PL_D;
    if (0.95 > fabs(x) && fabs(x) > 0.3) return pl_view_opp_last(v);
    if (0.3 > x && x > -0.3) return pl_view_coop_with(v, 0.5);
    return PL_C;
}

/* Stalker: by its average payoff per move (the match's game): above R, D; between
 * (R + P)/2 and R, C; above 2, C; between 1 and 2, D; otherwise a coin; D on the last move
 * when the length is known (the reference's final transformer).  Carvalho et al. (2013). */
typedef struct {
    double score; /* its payoff so far (the history's score is only summed after the match) */
} stalker_state;

static int stalker_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    stalker_state *s = st;
    if (v->turn > 0) s->score += pl_view_payoff(v, pl_view_my_last(v), pl_view_opp_last(v));
    if (pl_view_in_last(v, 1)) return PL_D;
    if (v->turn == 0) return PL_C;
    double R, S, T, P;
    pl_view_rstp(v, &R, &S, &T, &P);
    double avg = s->score / v->turn, wish = (R + P) / 2;
    if (avg > R) return PL_D;
    if (avg > wish && avg < R) return PL_C;
    if (avg > 2) return PL_C;
    if (avg < 2 && avg > 1) return PL_D;
    return pl_view_coop_with(v, 0.5);
}

/* Calculator: First by Joss's rule (C after C with probability 0.9, D after D) for 20
 * moves; then, if the other's 20 moves repeat a cycle of length 1 to 10 (the reference's
 * detect_cycle), defect for ever, else tit for tat.  The PRISON project (1998), LIFL Lille. */
typedef struct {
    int cycle;
} calculator_state;

static int calculator_move(void *st, const pl_params *p, const pl_view *v)
{
    (void)p;
    calculator_state *s = st;
    int t = v->turn;
    if (t < 20) return t == 0 ? PL_C : pl_view_opp_last(v) == PL_C ? pl_view_coop_with(v, 0.9) : PL_D;
    if (t == 20) {
        int n = v->opp->len, maxp = n / 2 < 12 ? n / 2 : 12;
        for (int per = 1; per <= maxp && !s->cycle; per++) {
            int ok = 1;
            for (int j = per; j < n && ok; j++) ok = pl_hist_at(v->opp, j) == pl_hist_at(v->opp, j - per);
            if (ok) s->cycle = 1;
        }
    }
    return s->cycle ? PL_D : pl_view_opp_last(v);
}

#define REF_PRISON98 "The PRISON project (1998), LIFL Lille (strategy list)"
#define REF_LI2011 "Li, Hingston & Kendall (2011), Engineering design of strategies for winning IPD competitions"
#define REF_ANDRE2013 "Carvalho et al. (2013), Iterated Prisoner's Dilemma: an extended analysis"
#define REF_ASHLOCK2009 "Ashlock, Kim & Ashlock (2009), fingerprint analysis of evolved finite state agents"

/* CAPRI, Usually Cooperates and Usually Defects as automata, by probing (automaton_probe.h). */
PL_PROBED_AUTOMATON(capri, capri_move, NULL, 0, 3, NULL)

PL_PROBED_AUTOMATON(usually_cooperates, usually_cooperates_move, NULL, sizeof(fsm_state), 1, NULL)
PL_PROBED_AUTOMATON(usually_defects, usually_defects_move, NULL, sizeof(fsm_state), 1, NULL)

const pl_strategy_def pl_family_misc[] = {
    {.id = "adaptive", .name = "Adaptive", .axelrod_name = "Adaptive", .reference = REF_LI2011,
     .flags = PL_USES_GAME, .memory_depth = -1,
     .params = {{.key = "initial_plays", .kind = PL_PARAM_ACTIONS, .def_text = "CCCCCCDDDDD",
                 .help = "opening moves, after which the action with the higher total payoff is played"}},
     .state_size = sizeof(adaptive_state), .move = adaptive_move},
    {.id = "apavlov2006", .name = "Adaptive Pavlov 2006", .axelrod_name = "Adaptive Pavlov 2006",
     .reference = "Li (2007), How to design a strategy to win an IPD tournament", .memory_depth = -1,
     .state_size = sizeof(apavlov_state), .move = apavlov2006_move},
    {.id = "apavlov2011", .name = "Adaptive Pavlov 2011", .axelrod_name = "Adaptive Pavlov 2011",
     .reference = REF_LI2011, .memory_depth = -1, .state_size = sizeof(apavlov_state), .move = apavlov2011_move},
    {.id = "backstabber", .name = "BackStabber", .axelrod_name = "BackStabber: (D, D)",
     .reference = "Axelrod-Python, original strategy by Thomas Campbell", .flags = PL_USES_LENGTH,
     .memory_depth = -1, .move = backstabber_move, .automaton_length = backstabber_automaton},
    {.id = "doublecrosser", .name = "DoubleCrosser", .axelrod_name = "DoubleCrosser: (D, D)",
     .reference = "Axelrod-Python, original strategy by Thomas Campbell", .flags = PL_USES_LENGTH,
     .memory_depth = -1, .move = doublecrosser_move},
    {.id = "capri", .name = "CAPRI", .axelrod_name = "CAPRI",
     .reference = "Murase & Baek (2020), Five rules for friendly rivalry in direct reciprocity, Sci. Rep. 10",
     .memory_depth = 3, .move = capri_move, .automaton = capri_automaton},
    {.id = "collective_strategy", .name = "Collective Strategy", .axelrod_name = "CollectiveStrategy",
     .reference = "Li & Kendall (2009), A strategy with novel evolutionary features for the IPD, Evol. Comput. 17",
     .memory_depth = -1, .move = collective_move, .automaton = collective_automaton},
    {.id = "gradual_killer", .name = "Gradual Killer", .axelrod_name = "Gradual Killer: (D, D, D, D, D, C, C)",
     .reference = "Mathieu & Delahaye, PRISON project (1998), LIFL Lille", .memory_depth = -1,
     .move = gradual_killer_move, .automaton = gradual_killer_automaton},
    {.id = "grumpy", .name = "Grumpy", .axelrod_name = "Grumpy: Nice, 10, -10",
     .reference = "Axelrod-Python, original strategy by Jason Young", .memory_depth = -1,
     .params = {{.key = "starting_state", .kind = PL_PARAM_INT, .def = 0, .lo = 0, .hi = 1,
                 .help = "0: starts Nice, 1: starts Grumpy"},
                {.key = "grumpy_threshold", .kind = PL_PARAM_INT, .def = 10, .lo = -1e9, .hi = 1e9,
                 .help = "turns grumpy when opponent defections minus cooperations exceed this"},
                {.key = "nice_threshold", .kind = PL_PARAM_INT, .def = -10, .lo = -1e9, .hi = 1e9,
                 .help = "turns nice when opponent defections minus cooperations fall below this"}},
     .state_size = sizeof(grumpy_state), .init = grumpy_init, .move = grumpy_move,
     .automaton_length = grumpy_automaton},
    {.id = "handshake", .name = "Handshake", .axelrod_name = "Handshake",
     .reference = "Robson (1990), Efficiency in evolutionary games: Darwin, Nash and the secret handshake",
     .memory_depth = -1,
     .params = {{.key = "initial_plays", .kind = PL_PARAM_ACTIONS, .def_text = "CD",
                 .help = "the handshake; cooperate forever if the opponent opened with it, else defect"}},
     .move = handshake_move, .automaton = handshake_automaton},
    {.id = "shortmem", .name = "ShortMem", .axelrod_name = "ShortMem", .reference = REF_ANDRE2013,
     .memory_depth = -1, .move = shortmem_move},
    {.id = "tricky_cooperator", .name = "Tricky Cooperator", .axelrod_name = "Tricky Cooperator",
     .reference = "Axelrod-Python, original strategy by Karol Langner", .memory_depth = 10,
     .move = tricky_cooperator_move, .automaton = tricky_cooperator_automaton},
    {.id = "tricky_defector", .name = "Tricky Defector", .axelrod_name = "Tricky Defector",
     .reference = "Axelrod-Python, original strategy by Karol Langner", .memory_depth = -1,
     .move = tricky_defector_move, .automaton = tricky_defector_automaton},
    {.id = "usually_cooperates", .name = "Usually Cooperates", .axelrod_name = "UsuallyCooperates",
     .reference = REF_ASHLOCK2009, .memory_depth = -1, .state_size = sizeof(fsm_state),
     .move = usually_cooperates_move, .automaton = usually_cooperates_automaton},
    {.id = "usually_defects", .name = "Usually Defects", .axelrod_name = "UsuallyDefects",
     .reference = REF_ASHLOCK2009, .memory_depth = -1, .state_size = sizeof(fsm_state),
     .move = usually_defects_move, .automaton = usually_defects_automaton},
    {.id = "verybad", .name = "VeryBad", .axelrod_name = "VeryBad", .reference = REF_ANDRE2013,
     .memory_depth = -1, .move = verybad_move},
    {.id = "average_copier", .name = "Average Copier", .axelrod_name = "Average Copier",
     .reference = "Axelrod-Python library, original strategy by Geraint Palmer", .flags = PL_STOCHASTIC,
     .memory_depth = -1, .move = average_copier_move},
    {.id = "nice_average_copier", .name = "Nice Average Copier", .axelrod_name = "Nice Average Copier",
     .reference = "Axelrod-Python library, original strategy by Owen Campbell", .flags = PL_STOCHASTIC,
     .memory_depth = -1, .move = nice_average_copier_move},
    {.id = "worse_and_worse", .name = "Worse and Worse", .axelrod_name = "Worse and Worse", .reference = REF_PRISON98,
     .flags = PL_STOCHASTIC, .memory_depth = -1, .move = worse_and_worse_move},
    {.id = "better_and_better", .name = "Better and Better", .axelrod_name = "Better and Better",
     .reference = REF_PRISON98, .flags = PL_STOCHASTIC, .memory_depth = -1, .move = better_and_better_move},
    {.id = "worse_and_worse_2", .name = "Worse and Worse 2", .axelrod_name = "Worse and Worse 2",
     .reference = REF_PRISON98, .flags = PL_STOCHASTIC, .memory_depth = -1, .move = worse_and_worse_2_move},
    {.id = "worse_and_worse_3", .name = "Worse and Worse 3", .axelrod_name = "Worse and Worse 3",
     .reference = REF_PRISON98, .flags = PL_STOCHASTIC, .memory_depth = -1, .move = worse_and_worse_3_move},
    {.id = "knowledgeable_worse_and_worse", .name = "Knowledgeable Worse and Worse",
     .axelrod_name = "Knowledgeable Worse and Worse", .reference = "Axelrod-Python library, original strategy by Adam Pohl",
     .flags = PL_STOCHASTIC | PL_USES_LENGTH, .memory_depth = -1, .move = knowledgeable_worse_and_worse_move},
    {.id = "inverse", .name = "Inverse", .axelrod_name = "Inverse",
     .reference = "Axelrod-Python library, original strategy by Karol Langner", .flags = PL_STOCHASTIC,
     .memory_depth = -1, .move = inverse_move},
    {.id = "negation", .name = "Negation", .axelrod_name = "Negation",
     .reference = "Prisoner's Dilemma competition, prisoners-dilemma.com (2017)", .flags = PL_STOCHASTIC,
     .memory_depth = 1, .move = negation_move},
    {.id = "selfsteem", .name = "SelfSteem", .axelrod_name = "SelfSteem", .reference = REF_ANDRE2013,
     .flags = PL_STOCHASTIC, .memory_depth = -1, .move = selfsteem_move},
    {.id = "stalker", .name = "Stalker", .axelrod_name = "Stalker: (D,)", .reference = REF_ANDRE2013,
     .flags = PL_STOCHASTIC | PL_USES_GAME | PL_USES_LENGTH, .memory_depth = -1,
     .state_size = sizeof(stalker_state), .move = stalker_move},
    {.id = "calculator", .name = "Calculator", .axelrod_name = "Calculator", .reference = REF_PRISON98,
     .flags = PL_STOCHASTIC, .memory_depth = -1, .state_size = sizeof(calculator_state), .move = calculator_move},
    {0}
};
