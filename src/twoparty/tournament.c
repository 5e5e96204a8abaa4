// SPDX-License-Identifier: MIT
/* tournament.c — the round robin, played by the worker pool (core/parallel.c).
 *
 * A job is one pair of players with all its repetitions; a pair whose first
 * match took no random draw (two deterministic strategies without noise or
 * random ending, among others) is played once and its result reused for
 * every repetition.  Each pair is a block of the pool: its result goes to a
 * slot and the pool folds the slots into the aggregates in pair order, so
 * floating-point sums happen in the same order whatever the thread count
 * (byte-identical results), and memory is a few slots of `repetitions`
 * numbers per thread, never turns x matches.
 *
 * What stays is a players x players payoff matrix (and, with more than one repetition, the
 * deviations beside it): the results hold every pair's payoff.  Pairs are not listed (at 10,000
 * players a list was 800 MB): job k's pair is found from where each row of pairs starts. */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/parallel.h"
#include "core/stats.h"
#include "io/gzout.h"
#include "io/number.h"
#include "io/strbuf.h"
#include "parley/tournament.h"
#include "twoparty/automaton_batch.h"
#include "twoparty/batch_count.h"
#include "twoparty/match_engine.h"
#include "twoparty/table.h"
#include "strategies/registry.h"

/* Per player: joint outcomes (own action first), the same outcomes when a further turn
 * follows, those followed by own cooperation, first moves that were C, and matches. */
enum { OC_CC, OC_CD, OC_DC, OC_DD, OC_CC_N, OC_CD_N, OC_DC_N, OC_DD_N, OC_CC_C, OC_CD_C, OC_DC_C, OC_DD_C,
       OC_FIRST_C, OC_MATCHES, OC_N };

typedef struct rep_result {
    double score[2];
    int turns;
    int coop[2]; /* each side's cooperations (the reference's "Good partner" compares them) */
} rep_result;

/* One ordered pair's counts over its repetitions from the first player's side: the reference's
 * interactions columns "CC count" .. "DD count", "CC to C count" .. "DD to D count" and "Good
 * partner", summed as its result set sums them.  32 bits a count (48 bytes a pair where 96 would
 * not leave room for 10,000 players); a pair that overflows one fails the run. */
typedef struct pair_counts {
    uint32_t st[4];   /* turns in state CC, CD, DC, DD (own action first) */
    uint32_t to_c[4]; /* those turns followed by a turn where the player cooperated */
    uint32_t to_d[4]; /* ... where it defected */
    uint32_t good;    /* repetitions in which it cooperated at least as often as the opponent */
} pair_counts;

/* A pair's lines of the interactions file (pl_tournament_config.interactions), made by the
 * worker that played it and written by the fold in pair order.  Every one is on the shared list
 * until the fold frees it, so a run that stops on an error frees those never folded. */
typedef struct itext {
    struct itext *prev, *next;
    pl_strbuf sb;
} itext;

typedef struct slot {
    itext *text;          /* the pair's interactions lines, or NULL */
    uint64_t oc[2][OC_N]; /* outcome counts for the pair's two players, summed over repetitions */
    uint64_t computed;    /* turns actually simulated (a pair whose result is reused is played once) */
    uint64_t copied;      /* turns copied from a deterministic pair's cycle (pl_match_buf.copied) */
    int same;             /* 1: the pair was played once and every repetition's result is reps[0] (the
                           * others are not written); 0: reps[r] is repetition r's */
    int batched;          /* 1: the batched kernels played the pair (play_batched) */
    rep_result reps[];    /* one per repetition */
} slot;

struct pl_tournament_result {
    size_t n;
    int reps;
    char **names;
    pl_kahan *normk;   /* n x reps: per-turn scores against the opponents, summed as pandas sums */
    double *norm;      /* n x reps: their mean over the opponents */
    int *wins;         /* n x reps */
    double *score;     /* n x reps: total score against the opponents (self-play excluded) */
    pair_counts *pc;   /* n x n, the diagonal unused */
    uint64_t *self_coop, *self_turns; /* n: self-play's cooperations (the copies' mean) and turns */
    double *pay_mean;  /* n x n: numpy's mean over reps of the per-turn payoff (a cell is filled by
                          one job, all reps at once) */
    double *pay_sd;    /* n x n: numpy's standard deviation of the same */
    double *dif;       /* n x n: numpy's mean over reps of the per-turn score difference */
    uint64_t *oc;      /* n x OC_N */
    uint64_t *oc_others; /* n x OC_N: the same without self-play */
    size_t *rank;
    double *median, *mean, *sd;
    /* per player, the reference's summary and ratings (filled by finish) */
    double *wins_median, *coop_rating, *init_rate, *gp_rating, *eig_jesus, *eig_moses;
    double *state_rate; /* n x 4 */
    double *to_c_rate;  /* n x 4 */
    uint64_t *len_hist; /* matches of each length (index: turns), len_cap entries */
    size_t len_cap;
    uint64_t matches, turns, computed, copied;
    int overflow;      /* a pair's count passed 32 bits */
    int nomem;         /* the length histogram could not grow */
    int batched;       /* some pair was played by the batched kernels */
};

typedef struct shared {
    const pl_strategy *const *players;
    size_t n;
    const pl_tournament_config *cfg;
    size_t njobs;
    size_t *row_start; /* n + 1: the first job of each row of pairs (i, j >= i or > i), then njobs */
    double *scratch;   /* 3 x reps, used by merge_job (under the pool's lock) */
    pl_tournament_result *res;
    pl_gzout *gz;      /* the interactions file, or NULL */
    pthread_mutex_t text_lock; /* guards the list of pairs' lines not yet written */
    itext *texts;
    int text_failed;   /* a pair's lines could not be made or written */
    pl_rng_gaps gaps;  /* the noise as gaps between flips, for the batched play (gaps.e 0: none) */
    int exact;         /* pl_match_payoffs_exact of the game: the scores are made from the outcome counts */
} shared;

void pl_tournament_config_default(pl_tournament_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->turns = 200;
    cfg->repetitions = 10;
    cfg->threads = 1;
    cfg->self_play = 1;
    cfg->batched = 1;
}

/* One word of a match's two histories counted (count_outcomes): the defections of A (x), B (y) and
 * both (xy) into d, and among the turns after which side p cooperates (c[p]) those into cn[p][1..3]. */
static inline __attribute__((always_inline)) void count_word(uint64_t x, uint64_t y, uint64_t xy, const uint64_t c[2],
                                                             uint64_t d[3], uint64_t cn[2][4])
{
    d[0] += (uint64_t)__builtin_popcountll(x);
    d[1] += (uint64_t)__builtin_popcountll(y);
    d[2] += (uint64_t)__builtin_popcountll(xy);
    for (int p = 0; p < 2; p++) {
        cn[p][1] += (uint64_t)__builtin_popcountll(x & c[p]);
        cn[p][2] += (uint64_t)__builtin_popcountll(y & c[p]);
        cn[p][3] += (uint64_t)__builtin_popcountll(xy & c[p]);
    }
}

/* Joint outcomes and what each player did next, for both players of a match at once, a
 * 64-turn word at a time.  B's joint outcomes are A's with the roles swapped (B's CD is A's DC),
 * so one pass makes both players' counts.  Each player's defections and both's give the four
 * outcomes, and the outcomes of the turns followed by another are those less the last turn's;
 * among the turns after which a player cooperates, all of them, A's and B's defections and
 * both's give the four outcomes again (all of them from its defections): 9 popcounts a word.
 * out gets the match's joint outcomes from A's side (CC, CD, DC, DD), for its scores. */
static void count_outcomes(const pl_history *ha, const pl_history *hb, uint64_t oc[2][OC_N], uint64_t out[4])
{
    int len = ha->len;
    out[0] = out[1] = out[2] = out[3] = 0;
    if (len == 0) return;
    int words = (len + 63) / 64;
    uint64_t d[3] = {0, 0, 0}; /* A's defections, B's, both's */
    uint64_t cn[2][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}}; /* next turn C for side p: all, x D, y D, both D */
    /* the words before the last, every turn of them with a next: no mask */
    for (int w = 0; w + 1 < words; w++) {
        uint64_t x = ha->w[w], y = hb->w[w], xy = x & y;
        uint64_t c[2] = {~((x >> 1) | ha->w[w + 1] << 63), ~((y >> 1) | hb->w[w + 1] << 63)};
        count_word(x, y, xy, c, d, cn);
    }
    { /* the last word: its turns (in_word), those with a next (in_word - 1) */
        int w = words - 1, in_word = len - w * 64;
        uint64_t mask = in_word == 64 ? ~0ull : (1ull << in_word) - 1, mask2 = mask >> 1;
        uint64_t x = ha->w[w] & mask, y = hb->w[w] & mask, xy = x & y;
        uint64_t c[2] = {~(x >> 1) & mask2, ~(y >> 1) & mask2};
        count_word(x, y, xy, c, d, cn);
    }
    const uint64_t dx = d[0], dy = d[1], dxy = d[2];
    /* the turns followed by a C of side p: the len - 1 turns after the first, less p's defections
     * among them */
    cn[0][0] = (uint64_t)len - 1 - (dx - (uint64_t)pl_hist_at(ha, 0));
    cn[1][0] = (uint64_t)len - 1 - (dy - (uint64_t)pl_hist_at(hb, 0));
    /* CC, CD, DC, DD with A's action first */
    uint64_t n[4] = {(uint64_t)len - dx - dy + dxy, dy - dxy, dx - dxy, dxy}, n_next[4], c_next[2][4];
    int last = 2 * pl_hist_at(ha, len - 1) + pl_hist_at(hb, len - 1);
    for (int k = 0; k < 4; k++) n_next[k] = n[k] - (k == last), out[k] = n[k];
    for (int p = 0; p < 2; p++) {
        c_next[p][0] = cn[p][0] - cn[p][1] - cn[p][2] + cn[p][3];
        c_next[p][1] = cn[p][2] - cn[p][3];
        c_next[p][2] = cn[p][1] - cn[p][3];
        c_next[p][3] = cn[p][3];
    }
    static const int swap[4] = {0, 2, 1, 3}; /* A's CC, CD, DC, DD are B's CC, DC, CD, DD */
    for (int k = 0; k < 4; k++) {
        oc[0][OC_CC + k] += n[k];
        oc[0][OC_CC_N + k] += n_next[k];
        oc[0][OC_CC_C + k] += c_next[0][k];
        oc[1][OC_CC + swap[k]] += n[k];
        oc[1][OC_CC_N + swap[k]] += n_next[k];
        oc[1][OC_CC_C + swap[k]] += c_next[1][k];
    }
    oc[0][OC_FIRST_C] += !pl_hist_at(ha, 0);
    oc[1][OC_FIRST_C] += !pl_hist_at(hb, 0);
    oc[0][OC_MATCHES]++;
    oc[1][OC_MATCHES]++;
}

/* The pair of job k: the k-th edge of a spatial tournament (lower index first); in a round
 * robin the row i whose jobs hold k (a binary search of the row starts), then j. */
static void job_pair(const shared *sh, size_t k, size_t *i, size_t *j)
{
    if (sh->cfg->edges) {
        size_t a = sh->cfg->edges[2 * k], b = sh->cfg->edges[2 * k + 1];
        *i = a < b ? a : b;
        *j = a < b ? b : a;
        return;
    }
    size_t lo = 0, hi = sh->n; /* row_start[lo] <= k < row_start[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (sh->row_start[mid] <= k) lo = mid;
        else hi = mid;
    }
    *i = lo;
    *j = lo + !sh->cfg->self_play + (k - sh->row_start[lo]);
}

/* A new, empty itext on the shared list; NULL when out of memory. */
static itext *text_new(shared *sh)
{
    itext *t = pl_calloc(1, sizeof *t);
    if (!t) return NULL;
    pl_strbuf_init(&t->sb);
    pthread_mutex_lock(&sh->text_lock);
    t->next = sh->texts;
    if (sh->texts) sh->texts->prev = t;
    sh->texts = t;
    pthread_mutex_unlock(&sh->text_lock);
    return t;
}

static void text_free(shared *sh, itext *t)
{
    pthread_mutex_lock(&sh->text_lock);
    if (t->prev) t->prev->next = t->next;
    else sh->texts = t->next;
    if (t->next) t->next->prev = t->prev;
    pthread_mutex_unlock(&sh->text_lock);
    pl_strbuf_free(&t->sb);
    pl_free(t);
}

/* Appends "i,j,r," to sb. */
static void text_prefix(pl_strbuf *sb, size_t i, size_t j, int r)
{
    pl_strbuf_appendf(sb, "%zu,%zu,%d,", i, j, r);
}

/* Appends a line's end: both total scores, each the shortest text that reads back exactly. */
static void text_scores(pl_strbuf *sb, double a, double b)
{
    char num[PL_NUM_BUF];
    int len = pl_num_shortest(num, a);
    pl_strbuf_append_n(sb, num, (size_t)len);
    pl_strbuf_append_char(sb, ',');
    len = pl_num_shortest(num, b);
    pl_strbuf_append_n(sb, num, (size_t)len);
    pl_strbuf_append_char(sb, '\n');
}

/* Appends the rest of a match's line: both action strings and both total scores. */
static void text_match(pl_strbuf *sb, const pl_match_buf *buf)
{
    char chunk[512];
    for (int p = 0; p < 2; p++) {
        const pl_history *h = &buf->h[p];
        size_t m = 0;
        for (int t = 0; t < h->len; t++) {
            chunk[m++] = pl_hist_at(h, t) ? 'D' : 'C';
            if (m == sizeof chunk) pl_strbuf_append_n(sb, chunk, m), m = 0;
        }
        chunk[m++] = ',';
        pl_strbuf_append_n(sb, chunk, m);
    }
    text_scores(sb, buf->h[0].score, buf->h[1].score);
}

/* A worker's match buffers: the second lends its histories to pl_match_run_two; with the batched
 * play, its room for a pair of automata, and with an interactions file too the room for a batch's
 * actions as played (2 x turns words: the kernels' `actions`). */
typedef struct worker {
    pl_match_buf buf[2];
    pl_automaton_batch *ab;
    uint64_t *acts;
} worker;

/* Appends the line of lane `lane` of a batch (repetition r of the pair (i, j), its actions in the
 * kept words acts, its scores in x) to sb: the same text as text_prefix and text_match make of a
 * match played alone. */
static void text_lane(pl_strbuf *sb, size_t i, size_t j, int r, const uint64_t *acts, int turns, int lane,
                      const rep_result *x)
{
    text_prefix(sb, i, j, r);
    char chunk[512];
    for (int p = 0; p < 2; p++) {
        for (int t0 = 0; t0 < turns; t0 += (int)sizeof chunk) {
            int m = turns - t0 < (int)sizeof chunk ? turns - t0 : (int)sizeof chunk;
            pl_batch_lane_actions(acts, turns, p, lane, t0, m, chunk);
            pl_strbuf_append_n(sb, chunk, (size_t)m);
        }
        pl_strbuf_append_char(sb, ',');
    }
    text_scores(sb, x->score[0], x->score[1]);
}

/* The batched play (pl_tournament_config.batched, the default; `parley tournament` without
 * --no-batched): a pair with a fixed length and integer
 * payoffs, where something is random, plays its repetitions 64 at a time when both players are
 * memory-one tables (twoparty/table_batch.c) or both automata, tables among them
 * (twoparty/automaton_batch.c, in the worker's room w->ab).  Batch q of pair k = (pi, pj) draws
 * from the stream (seed, k, 2^64 - 1 - q), which no match's stream (repetition r < 2^31) can be,
 * and depends on neither the thread nor the order.  With an interactions file (s->text) the
 * kernels keep each batch's actions in w->acts and every repetition's line is written from them,
 * in repetition order.  Returns 1 when it played the pair. */
static int play_batched(const shared *sh, size_t k, size_t pi, size_t pj, const pl_strategy *a, const pl_strategy *b,
                        slot *s, worker *w)
{
    pl_automaton_batch *ab = w->ab;
    const pl_tournament_config *cfg = sh->cfg;
    s->batched = 0;
    const pl_game *g = cfg->game ? cfg->game : pl_game_standard();
    if (!cfg->batched || cfg->prob_end > 0 || !pl_match_payoffs_exact(g)) return 0;
    uint64_t noise_cut = pl_rng_cut(cfg->noise);
    pl_table ta, tb;
    int tables = pl_table_of(a, g, 0, &ta) && pl_table_of(b, g, 1, &tb);
    if (tables && !noise_cut && pl_table_deterministic(&ta) && pl_table_deterministic(&tb)) return 0; /* played once */
    if (!tables && !pl_automaton_batch_pair(ab, a, b, g, noise_cut, cfg->turns)) return 0;
    pl_table_pair pair;
    if (tables) pl_table_pair_prepare(&ta, &tb, noise_cut, sh->gaps.e ? &sh->gaps : NULL, &pair);
    pl_table_batch bt;
    static const int swap[4] = {0, 2, 1, 3}; /* A's CC, CD, DC, DD are B's CC, DC, CD, DD */
    /* Each side's payoff in A's state o as an integer (pl_match_payoffs_exact: |payoff| <= 2^20):
     * a lane's score is an integer below 2^53 whose every partial sum match_scores' doubles
     * hold exactly, so the integer sum converted once is the same double (a zero is +0 both ways). */
    int64_t pay[2][4];
    for (int o = 0; o < 4; o++)
        pay[0][o] = (int64_t)g->payoff[o >> 1][o & 1][0], pay[1][o] = (int64_t)g->payoff[o >> 1][o & 1][1];
    pl_table_batch bt2; /* batch q + 1's, played beside q's (pl_table_batch_play2) */
    int ahead = 0;      /* bt2 holds the next batch */
    for (int done = 0, q = 0; done < cfg->repetitions; done += 64, q++) {
        int lanes = cfg->repetitions - done < 64 ? cfg->repetitions - done : 64;
        pl_rng rng;
        pl_rng_init(&rng, cfg->seed, k, UINT64_MAX - (uint64_t)q);
        uint64_t *acts = s->text ? w->acts : NULL; /* the actions kept only for the interactions */
        if (ahead) {
            bt = bt2;
            ahead = 0;
        } else if (tables && !acts && cfg->repetitions - done > 64) { /* two batches at once */
            int two[2] = {64, cfg->repetitions - done - 64 < 64 ? cfg->repetitions - done - 64 : 64};
            pl_rng rng2;
            pl_rng_init(&rng2, cfg->seed, k, UINT64_MAX - (uint64_t)(q + 1));
            pl_rng *rngs[2] = {&rng, &rng2};
            pl_table_batch *outs[2] = {&bt, &bt2};
            pl_table_batch_play2(&pair, cfg->turns, two, rngs, outs);
            ahead = 1;
        } else if (tables) pl_table_batch_play(&pair, cfg->turns, lanes, &rng, &bt, acts);
        else pl_automaton_batch_play(ab, cfg->turns, lanes, &rng, &bt, acts);
        for (int i = 0; i < lanes; i++) {
            rep_result *x = &s->reps[done + i];
            int64_t sa = 0, sb = 0;
            for (int o = 0; o < 4; o++) {
                sa += (int64_t)bt.n[i][o] * pay[0][o];
                sb += (int64_t)bt.n[i][o] * pay[1][o];
            }
            x->score[0] = (double)sa;
            x->score[1] = (double)sb;
            x->turns = cfg->turns;
            x->coop[0] = (int)(bt.n[i][0] + bt.n[i][1]); /* A cooperated in CC and CD */
            x->coop[1] = (int)(bt.n[i][0] + bt.n[i][2]); /* B in CC and DC (A's view) */
        }
        if (acts) /* the batch's lines, in repetition order */
            for (int i = 0; i < lanes; i++) text_lane(&s->text->sb, pi, pj, done + i, acts, cfg->turns, i, &s->reps[done + i]);
        for (int o = 0; o < 4; o++) {
            s->oc[0][OC_CC + o] += bt.total[o];
            s->oc[1][OC_CC + swap[o]] += bt.total[o];
            s->oc[0][OC_CC_N + o] += bt.next[o];
            s->oc[0][OC_CC_C + o] += bt.next_c[0][o];
            s->oc[1][OC_CC_N + swap[o]] += bt.next[o];
            s->oc[1][OC_CC_C + swap[o]] += bt.next_c[1][o];
        }
        for (int p = 0; p < 2; p++) {
            s->oc[p][OC_FIRST_C] += bt.first_c[p];
            s->oc[p][OC_MATCHES] += (uint64_t)lanes;
        }
        s->computed += (uint64_t)lanes * (uint64_t)cfg->turns;
    }
    s->batched = 1; /* folded into the results (fold_pair): in every process of an MPI run alike */
    return 1;
}

/* The match in buf as repetition r of the pair (pi, pj) in s: its result, its outcome counts,
 * its turns, its interactions lines. */
static void take_match(shared *sh, slot *s, size_t pi, size_t pj, int r, pl_match_buf *buf)
{
    uint64_t n[4];
    if (s->text) text_prefix(&s->text->sb, pi, pj, r);
    count_outcomes(&buf->h[0], &buf->h[1], s->oc, n);
    if (sh->exact) /* the match's own scores from the same counts: the same doubles */
        pl_match_scores_of_counts(n, sh->cfg->game ? sh->cfg->game : pl_game_standard(), &buf->h[0], &buf->h[1]);
    s->reps[r].score[0] = buf->h[0].score;
    s->reps[r].score[1] = buf->h[1].score;
    s->reps[r].turns = buf->h[0].len;
    s->reps[r].coop[0] = buf->h[0].len - buf->h[0].n_defect;
    s->reps[r].coop[1] = buf->h[1].len - buf->h[1].n_defect;
    s->computed += (uint64_t)(buf->h[0].len - buf->copied);
    s->copied += (uint64_t)buf->copied;
    if (s->text) text_match(&s->text->sb, buf);
}

static int play_job(shared *sh, size_t k, slot *s, worker *w, pl_error *err)
{
    pl_match_buf *buf = &w->buf[0];
    const pl_tournament_config *cfg = sh->cfg;
    size_t pi, pj;
    job_pair(sh, k, &pi, &pj);
    const pl_strategy *a = sh->players[pi], *b = sh->players[pj];
    /* Played once, its result reused for every repetition: a pair whose first match took no
     * draw from its stream (buf->drew == 0).  That covers two deterministic strategies without
     * noise or a random length, and also, say, Grofman against Tit For Tat, which never
     * disagree, so Grofman never draws.  Strategies draw only from the stream, so each turn of
     * such a match followed from the histories alone and any other repetition's stream gives
     * the same match, draw for (no) draw. */
    int reuse = 0;
    pl_match_config mc = {.turns = cfg->turns, .prob_end = cfg->prob_end, .noise = cfg->noise, .game = cfg->game,
                          .seed = cfg->seed, .stream_a = k};
    memset(s->oc, 0, sizeof s->oc);
    s->computed = 0;
    s->copied = 0;
    s->text = NULL;
    s->same = 0;
    if (sh->gz && !(s->text = text_new(sh))) return pl_error_set(err, PL_ENOMEM, "out of memory");
    if (play_batched(sh, k, pi, pj, a, b, s, w)) {
        if (s->text && pl_strbuf_failed(&s->text->sb)) return pl_error_set(err, PL_ENOMEM, "out of memory");
        return PL_OK;
    }
    for (int r = 0; r < cfg->repetitions; r++) {
        if (reuse && r > 0) { /* reps[r] is reps[0]: merge_job reads it so (s->same) */
            if (!s->text) break;
            text_prefix(&s->text->sb, pi, pj, r);
            text_match(&s->text->sb, buf); /* buf still holds the one match played */
            continue;
        }
        mc.stream_b = (uint64_t)r;
        buf->no_scores = w->buf[1].no_scores = sh->exact;
        buf->same_players = r > 0; /* after the first, what the pair's players were made into is kept */
        /* after the first, two repetitions of a pair of automata or tables that draws are played together */
        if (r > 0 && r + 1 < cfg->repetitions && pl_match_run_two(a, b, &mc, (uint64_t)r + 1, buf, &w->buf[1])) {
            take_match(sh, s, pi, pj, r, buf);
            take_match(sh, s, pi, pj, ++r, &w->buf[1]);
            continue;
        }
        int rc = pl_match_run(a, b, &mc, buf, err);
        if (rc) return rc;
        take_match(sh, s, pi, pj, r, buf);
        if (r == 0 && !buf->drew) reuse = s->same = 1;
    }
    if (s->text && pl_strbuf_failed(&s->text->sb)) return pl_error_set(err, PL_ENOMEM, "out of memory");
    if (reuse) /* the outcomes were counted for the one match played */
        for (int p = 0; p < 2; p++)
            for (int c = 0; c < OC_N; c++) s->oc[p][c] *= (uint64_t)cfg->repetitions;
    return PL_OK;
}

/* Player p's counts of the pair from the slot's side `side`: its states, what it did next, and
 * how often it cooperated at least as much as the other.  0, or 1 if a count passed 32 bits. */
static int fill_pair(pair_counts *pc, const uint64_t oc[OC_N], uint64_t good)
{
    uint64_t v[13];
    for (int c = 0; c < 4; c++) {
        v[c] = oc[OC_CC + c];
        v[4 + c] = oc[OC_CC_C + c];
        v[8 + c] = oc[OC_CC_N + c] - oc[OC_CC_C + c];
    }
    v[12] = good;
    int over = 0;
    for (int k = 0; k < 13; k++) over |= v[k] > UINT32_MAX;
    for (int c = 0; c < 4; c++) {
        pc->st[c] = (uint32_t)v[c];
        pc->to_c[c] = (uint32_t)v[4 + c];
        pc->to_d[c] = (uint32_t)v[8 + c];
    }
    pc->good = (uint32_t)v[12];
    return over;
}

/* Adds `count` matches of `turns` turns to the length histogram, grown as needed (R->nomem, and
 * no more counts, once it cannot grow). */
static void count_length(pl_tournament_result *R, int turns, uint64_t count)
{
    if ((size_t)turns >= R->len_cap && !R->nomem) {
        size_t cap = R->len_cap ? 2 * R->len_cap : 256;
        while (cap <= (size_t)turns) cap *= 2;
        uint64_t *grown = pl_realloc(R->len_hist, cap * sizeof *grown);
        if (!grown) R->nomem = 1;
        else {
            memset(grown + R->len_cap, 0, (cap - R->len_cap) * sizeof *grown);
            R->len_hist = grown, R->len_cap = cap;
        }
    }
    if (!R->nomem) R->len_hist[turns] += count;
}

/* Folds job k into the aggregates; called in job order under the lock, so every player's
 * opponents come in ascending order (rows k < i hold (k, i), then row i), the order of the rows
 * of the reference's interactions file that pandas sums. */
static void merge_job(shared *sh, size_t k, const slot *s)
{
    pl_tournament_result *R = sh->res;
    size_t i, j, n = R->n;
    job_pair(sh, k, &i, &j);
    int reps = R->reps;
    assert(i <= j && j < n);
    double *pay_i = sh->scratch, *pay_j = pay_i + reps, *dif = pay_j + reps;
    uint64_t good_i = 0, good_j = 0, turns = 0; /* added to R once, after the loop */
    double pi = 0, pj = 0, di = 0, t = 1;
    if (s->same) {
        /* every repetition is reps[0] (a pair played once: most of the issue field's 14,365 pairs):
         * its quotients, length and comparisons made once, then each repetition's sums as below,
         * the same additions in the same order */
        const rep_result *x = &s->reps[0];
        assert(x->turns >= 0 && (sh->cfg->prob_end > 0 || x->turns == sh->cfg->turns));
        t = x->turns > 0 ? x->turns : 1;
        pi = x->score[0] / t;
        pj = x->score[1] / t;
        di = (x->score[0] - x->score[1]) / t;
        turns = (uint64_t)reps * (uint64_t)x->turns;
        count_length(R, x->turns, (uint64_t)reps);
        if (i != j) {
            int *win = x->score[0] > x->score[1] ? &R->wins[i * (size_t)reps] :
                       x->score[1] > x->score[0] ? &R->wins[j * (size_t)reps] : NULL;
            for (int r = 0; r < reps; r++) {
                pl_kahan_add(&R->normk[i * (size_t)reps + r], pi);
                pl_kahan_add(&R->normk[j * (size_t)reps + r], pj);
                R->score[i * (size_t)reps + r] += x->score[0];
                R->score[j * (size_t)reps + r] += x->score[1];
                if (win) win[r]++;
            }
            good_i = (uint64_t)reps * (x->coop[0] >= x->coop[1]);
            good_j = (uint64_t)reps * (x->coop[1] >= x->coop[0]);
        }
    }
    for (int r = 0; r < reps && !s->same; r++) {
        const rep_result *x = &s->reps[r];
        assert(x->turns >= 0 && (sh->cfg->prob_end > 0 || x->turns == sh->cfg->turns));
        /* the three quotients of a repetition the same as the last (the same turns and scores, bit
         * for bit) are the last's: three divisions a repetition were about 3 % of the issue
         * field's time */
        if (r == 0 || x->turns != x[-1].turns || memcmp(x->score, x[-1].score, sizeof x->score) != 0) {
            t = x->turns > 0 ? x->turns : 1;
            pi = x->score[0] / t;
            pj = x->score[1] / t;
            di = (x->score[0] - x->score[1]) / t;
        }
        turns += (uint64_t)x->turns;
        count_length(R, x->turns, 1);
        if (i == j) {
            pay_i[r] = (pi + pj) / 2; /* the mean of the two copies' rows */
            continue;
        }
        pl_kahan_add(&R->normk[i * (size_t)reps + r], pi);
        pl_kahan_add(&R->normk[j * (size_t)reps + r], pj);
        R->score[i * (size_t)reps + r] += x->score[0];
        R->score[j * (size_t)reps + r] += x->score[1];
        if (x->score[0] > x->score[1]) R->wins[i * (size_t)reps + r]++;
        else if (x->score[1] > x->score[0]) R->wins[j * (size_t)reps + r]++;
        pay_i[r] = pi;
        pay_j[r] = pj;
        dif[r] = di;
        good_i += x->coop[0] >= x->coop[1];
        good_j += x->coop[1] >= x->coop[0];
    }
    R->turns += turns;
    R->matches += (uint64_t)reps;
    /* numpy's means and deviations over the repetitions; of a pair played once, of reps copies of
     * one value (pay_i, pay_j and dif not written): the same doubles */
    size_t nr = (size_t)reps;
    double self = (pi + pj) / 2; /* a pair played once: the mean of the two copies' rows, as below */
    R->pay_mean[i * n + j] = !s->same ? pl_stats_np_mean(pay_i, nr) : pl_stats_np_mean_same(i == j ? self : pi, nr);
    R->pay_sd[i * n + j] = !s->same ? pl_stats_np_std(pay_i, nr) : pl_stats_np_std_same(i == j ? self : pi, nr);
    if (i != j) {
        R->pay_mean[j * n + i] = !s->same ? pl_stats_np_mean(pay_j, nr) : pl_stats_np_mean_same(pj, nr);
        R->pay_sd[j * n + i] = !s->same ? pl_stats_np_std(pay_j, nr) : pl_stats_np_std_same(pj, nr);
        double d = !s->same ? pl_stats_np_mean(dif, nr) : pl_stats_np_mean_same(di, nr);
        R->dif[i * n + j] = d;
        R->dif[j * n + i] = -d; /* every difference negated: numpy's sum of them is the negated sum */
        R->overflow |= fill_pair(&R->pc[i * n + j], s->oc[0], good_i);
        R->overflow |= fill_pair(&R->pc[j * n + i], s->oc[1], good_j);
    } else {
        /* the turns of the pair, and the mean of the two copies' cooperations rounded down, as
         * the reference counts self-play */
        uint64_t ci = s->oc[0][OC_CC] + s->oc[0][OC_CD], cj = s->oc[1][OC_CC] + s->oc[1][OC_CD];
        R->self_turns[i] = turns;
        R->self_coop[i] = (ci + cj) / 2;
    }
    R->computed += s->computed;
    R->copied += s->copied;
    if (s->text) { /* the pair's interactions, in pair order */
        if (!sh->text_failed && pl_gzout_write(sh->gz, s->text->sb.data, s->text->sb.len)) sh->text_failed = 1;
        text_free(sh, s->text);
    }
    for (int c = 0; c < OC_N; c++) {
        R->oc[i * OC_N + c] += s->oc[0][c];
        R->oc[j * OC_N + c] += s->oc[1][c];
        if (i != j) {
            R->oc_others[i * OC_N + c] += s->oc[0][c];
            R->oc_others[j * OC_N + c] += s->oc[1][c];
        }
    }
}

/* ---- the pool's callbacks: a block is one pair ---- */

static int worker_open(void *ctx, void **state, pl_error *err)
{
    shared *sh = ctx;
    worker *w = pl_calloc(1, sizeof *w);
    int turns = sh->cfg->turns > 0 ? sh->cfg->turns : PL_MATCH_BUF_TURNS;
    if (!w || pl_match_buf_init(&w->buf[0], turns) || pl_match_buf_init(&w->buf[1], turns) ||
        (sh->cfg->batched && !(w->ab = pl_automaton_batch_new())) ||
        (sh->cfg->batched && sh->gz && sh->cfg->turns > 0 && !(w->acts = pl_malloc(2 * (size_t)sh->cfg->turns * sizeof *w->acts)))) {
        if (w) pl_match_buf_free(&w->buf[0]); /* a buffer not made is all zeros: nothing to free */
        if (w) pl_match_buf_free(&w->buf[1]);
        if (w) pl_automaton_batch_free(w->ab);
        pl_free(w);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    /* pl_tournament_run checked every player against the game before the pool */
    w->buf[0].game_checked = 1;
    *state = w;
    return PL_OK;
}

static void worker_close(void *ctx, void *state)
{
    (void)ctx;
    worker *w = state;
    pl_match_buf_free(&w->buf[0]);
    pl_match_buf_free(&w->buf[1]);
    pl_automaton_batch_free(w->ab);
    pl_free(w->acts);
    pl_free(w);
}

static int run_pair(void *ctx, void *state, uint64_t lo, uint64_t hi, void *s, pl_error *err)
{
    (void)hi;
    return play_job(ctx, (size_t)lo, s, state, err);
}

static void fold_pair(void *ctx, uint64_t lo, uint64_t hi, void *s)
{
    (void)hi;
    merge_job(ctx, (size_t)lo, s);
    ((shared *)ctx)->res->batched |= ((const slot *)s)->batched;
}

/* The pool counts pairs; the caller's bar counts matches. */
static void pair_progress(void *user, uint64_t done, uint64_t total)
{
    const pl_tournament_config *cfg = user;
    cfg->progress(cfg->progress_user, done * (uint64_t)cfg->repetitions, total * (uint64_t)cfg->repetitions);
}

/* Best first: higher median, ties in player order (the reference sorts stably by the median
 * alone); a median that is not a number (a player with no opponent) last. */
static int cmp_rank(const void *a, const void *b, void *ctx)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const pl_tournament_result *R = ctx;
    double mi = R->median[i], mj = R->median[j];
    if (isnan(mi) != isnan(mj)) return isnan(mi) ? 1 : -1;
    if (!isnan(mi) && mi != mj) return mi > mj ? -1 : 1;
    return (i > j) - (i < j);
}

/* i's cooperations and turns against j (self-play: the copies' mean, and the pair's turns). */
static uint64_t pair_coop(const pl_tournament_result *R, size_t i, size_t j)
{
    if (i == j) return R->self_coop[i];
    const pair_counts *pc = &R->pc[i * R->n + j];
    return (uint64_t)pc->st[0] + pc->st[1];
}
static uint64_t pair_turns(const pl_tournament_result *R, size_t i, size_t j)
{
    if (i == j) return R->self_turns[i];
    const pair_counts *pc = &R->pc[i * R->n + j];
    return (uint64_t)pc->st[0] + pc->st[1] + pc->st[2] + pc->st[3];
}
/* The reference's normalised cooperation: cooperations over turns, 0 for a pair that never met. */
static double norm_coop(const pl_tournament_result *R, size_t i, size_t j)
{
    uint64_t t = pair_turns(R, i, j);
    return t ? (double)pair_coop(R, i, j) / (double)t : 0;
}

/* The reference's principal eigenvector (its eigen.py): power iteration from a vector of ones,
 * each product normalised to length 1, until two successive vectors are closer than 1e-3 or
 * after 1,001 steps; the matrix is normalised cooperation (eigenjesus) or 2 (it - 0.5)
 * (vengeful cooperation, eigenmoses).  `coop` is the n x n normalised cooperation (norm_coop),
 * worked out once for both vectors and their up to 1,001 steps each, or NULL: each cell is then
 * worked out afresh at every step (the same numbers, in a field too large to keep them).  `vec`
 * gets the last vector; `work` holds 2 n doubles. */
static void principal_eigenvector(const pl_tournament_result *R, const double *coop, int vengeful, double *vec,
                                  double *work)
{
    size_t n = R->n;
    double *last = work, *next = work + n;
    for (size_t i = 0; i < n; i++) vec[i] = last[i] = 1;
    for (int it = 0;; it++) {
        double len2 = 0;
        for (size_t i = 0; i < n; i++) {
            double x = 0;
            for (size_t j = 0; j < n; j++) {
                double m = coop ? coop[i * n + j] : norm_coop(R, i, j);
                x += (vengeful ? 2 * (m - 0.5) : m) * vec[j];
            }
            next[i] = x;
        }
        for (size_t i = 0; i < n; i++) len2 += next[i] * next[i];
        double len = sqrt(len2), err2 = 0;
        for (size_t i = 0; i < n; i++) {
            vec[i] = next[i] / len;
            err2 += (vec[i] - last[i]) * (vec[i] - last[i]);
        }
        if (it > 1000 || sqrt(err2) < 1e-3) break;
        memcpy(last, vec, n * sizeof *vec);
    }
}

/* Normalised scores, their mean, deviation and median, the reference's summary columns and
 * ratings per player, and the ranking.  0 or PL_ENOMEM. */
static int finish(pl_tournament_result *R)
{
    size_t n = R->n;
    int reps = R->reps;
    double *tmp = pl_malloc((size_t)(reps > 0 ? reps : 1) * sizeof *tmp);
    double *rates = pl_malloc((2 * n + 1) * sizeof *rates);
    int *wins = pl_malloc((size_t)(reps > 0 ? reps : 1) * sizeof *wins);
    if (!tmp || !rates || !wins) {
        pl_free(tmp);
        pl_free(rates);
        pl_free(wins);
        return PL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const uint64_t *oc = &R->oc_others[i * OC_N];
        /* pandas' groupby mean: the compensated sum over the count of opponents met */
        double met = (double)(oc[OC_MATCHES] / (uint64_t)reps);
        double *v = &R->norm[i * (size_t)reps];
        for (int r = 0; r < reps; r++) tmp[r] = v[r] = met > 0 ? R->normk[i * (size_t)reps + r].sum / met : 0;
        /* parley's extra columns: the mean in index order and Welford's population deviation
         * (exactly 0 when every repetition scored the same) */
        R->mean[i] = pl_stats_mean(v, (size_t)reps);
        R->sd[i] = pl_stats_sd(v, (size_t)reps, 0);
        pl_stats_sort(tmp, (size_t)reps);
        R->median[i] = pl_stats_median_sorted(tmp, (size_t)reps);
        memcpy(wins, &R->wins[i * (size_t)reps], (size_t)reps * sizeof *wins);
        R->wins_median[i] = pl_stats_median_int(wins, (size_t)reps);
        R->rank[i] = i;
        /* cooperations over turns against the others; initial cooperations over matches against
         * them (0 without any); good partner: the repetitions it cooperated at least as much */
        uint64_t c = 0, t = 0, good = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i) continue;
            c += pair_coop(R, i, j);
            t += pair_turns(R, i, j);
            good += R->pc[i * n + j].good;
        }
        R->coop_rating[i] = (double)c / (double)(t ? t : 1);
        R->init_rate[i] = oc[OC_MATCHES] ? (double)oc[OC_FIRST_C] / (double)oc[OC_MATCHES] : 0;
        R->gp_rating[i] = (double)good / (double)(oc[OC_MATCHES] ? oc[OC_MATCHES] : 1);
        /* state rates: each opponent's share of the state summed over the opponents (Python's
         * sum, in order), over the sum of the four; to-C rates: numpy's mean, over the opponents
         * where it was positive, of the share of the state followed by C (0 if none) */
        double p[4] = {0, 0, 0, 0};
        for (size_t j = 0; j < n; j++) {
            const pair_counts *pc = &R->pc[i * n + j];
            uint64_t all = (uint64_t)pc->st[0] + pc->st[1] + pc->st[2] + pc->st[3];
            if (j == i || !all) continue;
            for (int s = 0; s < 4; s++)
                if (pc->st[s]) p[s] += (double)pc->st[s] / (double)all;
        }
        double total = ((p[0] + p[1]) + p[2]) + p[3];
        for (int s = 0; s < 4; s++) {
            R->state_rate[i * 4 + s] = total != 0 ? p[s] / total : 0;
            size_t m = 0;
            for (size_t j = 0; j < n; j++) {
                const pair_counts *pc = &R->pc[i * n + j];
                if (j == i || !pc->to_c[s]) continue;
                rates[m++] = (double)pc->to_c[s] / (double)((uint64_t)pc->to_c[s] + pc->to_d[s]);
            }
            R->to_c_rate[i * 4 + s] = m ? pl_stats_np_mean(rates, m) : 0;
        }
    }
    pl_free(tmp);
    pl_free(wins);
    /* the normalised cooperation kept while the ratings are made, 8 bytes a pair, in a field of up
     * to 1,024 players (8 MB); a larger one, or one with no memory to spare, works each cell out
     * afresh (tests/e2e/hostile_input.sh plays 1,500 players in 192 MB of address space) */
    double *coop = n <= 1024 ? pl_malloc(n * n * sizeof *coop) : NULL;
    if (coop)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) coop[i * n + j] = norm_coop(R, i, j);
    principal_eigenvector(R, coop, 0, R->eig_jesus, rates);
    principal_eigenvector(R, coop, 1, R->eig_moses, rates);
    pl_free(coop);
    pl_free(rates);
    qsort_r(R->rank, n, sizeof *R->rank, cmp_rank, R);
    return PL_OK;
}

void pl_tournament_result_free(pl_tournament_result *R)
{
    if (!R) return;
    for (size_t i = 0; R->names && i < R->n; i++) pl_free(R->names[i]);
    /* pc holds pay_mean, pay_sd and dif in its block */
    void *arrays[] = {R->len_hist, R->names, R->normk, R->norm, R->wins, R->score, R->pc, R->self_coop, R->self_turns,
                      R->oc, R->oc_others, R->rank, R->median, R->mean, R->sd,
                      R->wins_median, R->coop_rating, R->init_rate, R->gp_rating, R->eig_jesus, R->eig_moses,
                      R->state_rate, R->to_c_rate};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++) pl_free(arrays[k]);
    pl_free(R);
}

static int cmp_edge(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
    return (x[1] > y[1]) - (x[1] < y[1]);
}

/* A spatial tournament's edges: at least one, every index a player's, no pair twice. */
static int check_edges(const pl_tournament_config *cfg, size_t n, pl_error *err)
{
    if (!cfg->edges) return PL_OK;
    if (cfg->n_edges == 0) return pl_error_set(err, PL_EINVAL, "edges: a spatial tournament needs at least one edge");
    for (size_t k = 0; k < cfg->n_edges; k++)
        for (int s = 0; s < 2; s++)
            if (cfg->edges[2 * k + s] >= n)
                return pl_error_set(err, PL_EINVAL, "edges: edge %zu names player %zu, but the players are 0 to %zu", k + 1,
                                    cfg->edges[2 * k + s], n - 1);
    size_t *sorted = pl_malloc(2 * cfg->n_edges * sizeof *sorted);
    if (!sorted) return pl_error_set(err, PL_ENOMEM, "out of memory");
    for (size_t k = 0; k < cfg->n_edges; k++) {
        size_t a = cfg->edges[2 * k], b = cfg->edges[2 * k + 1];
        sorted[2 * k] = a < b ? a : b;
        sorted[2 * k + 1] = a < b ? b : a;
    }
    qsort(sorted, cfg->n_edges, 2 * sizeof *sorted, cmp_edge);
    int rc = PL_OK;
    for (size_t k = 1; k < cfg->n_edges && !rc; k++)
        if (sorted[2 * k] == sorted[2 * k - 2] && sorted[2 * k + 1] == sorted[2 * k - 1])
            rc = pl_error_set(err, PL_EINVAL, "edges: the pair %zu-%zu is listed twice", sorted[2 * k], sorted[2 * k + 1]);
    pl_free(sorted);
    return rc;
}

int pl_tournament_run(const pl_strategy *const *players, size_t n, const pl_tournament_config *cfg,
                      pl_tournament_result **out, pl_error *err)
{
    *out = NULL;
    if (n < 2) return pl_error_set(err, PL_EINVAL, "a tournament needs at least two players, got %zu", n);
    if (cfg->repetitions < 1) return pl_error_set(err, PL_EINVAL, "repetitions must be 1 or more, got %d", cfg->repetitions);
    if (cfg->threads < 1) return pl_error_set(err, PL_EINVAL, "threads must be 1 or more, got %d", cfg->threads);
    if (n > PL_TOURNAMENT_MAX_PLAYERS)
        return pl_error_set(err, PL_EINVAL, "%zu players are more than a tournament takes (at most %d)", n,
                            PL_TOURNAMENT_MAX_PLAYERS);
    pl_match_config probe = {.turns = cfg->turns, .prob_end = cfg->prob_end, .noise = cfg->noise, .game = cfg->game};
    int rc = pl_match_config_check(&probe, err);
    if (rc) return rc;
    for (size_t i = 0; i < n; i++)
        if ((rc = pl_strategy_check_game(players[i], cfg->game, err))) return rc;

    if ((rc = check_edges(cfg, n, err))) return rc;
    shared sh = {.players = players, .n = n, .cfg = cfg,
                 .exact = pl_match_payoffs_exact(cfg->game ? cfg->game : pl_game_standard())};
    uint64_t noise_cut = pl_rng_cut(cfg->noise);
    if (cfg->batched && noise_cut && noise_cut <= PL_TABLE_GAPS_NOISE) pl_rng_gaps_init(&sh.gaps, noise_cut);
    pl_gzout *gz = NULL;
    pthread_mutex_init(&sh.text_lock, NULL);
    if (cfg->interactions) { /* opened before any match is played: a path it cannot write fails now */
        if (!(gz = pl_malloc(sizeof *gz))) {
            pthread_mutex_destroy(&sh.text_lock);
            return pl_error_set(err, PL_ENOMEM, "out of memory");
        }
        if ((rc = pl_gzout_open(gz, cfg->interactions, err))) {
            pl_free(gz);
            pthread_mutex_destroy(&sh.text_lock);
            return rc;
        }
        static const char header[] = "i,j,repetition,actions_i,actions_j,score_i,score_j\n";
        pl_gzout_write(gz, header, sizeof header - 1);
        sh.gz = gz;
    }
    sh.njobs = cfg->edges ? cfg->n_edges : cfg->self_play ? n * (n + 1) / 2 : n * (n - 1) / 2;
    pl_tournament_result *R = pl_calloc(1, sizeof *R);
    sh.scratch = NULL;
    sh.row_start = pl_malloc((n + 1) * sizeof *sh.row_start);
    if (!R || !sh.row_start) goto nomem;
    R->n = n;
    R->reps = cfg->repetitions;
    size_t nr = n * (size_t)R->reps;
    R->names = pl_calloc(n, sizeof *R->names);
    R->normk = pl_calloc(nr, sizeof *R->normk);
    R->norm = pl_calloc(nr, sizeof *R->norm);
    R->wins = pl_calloc(nr, sizeof *R->wins);
    R->score = pl_calloc(nr, sizeof *R->score);
    /* the n x n arrays in one block, freed with pc: each pair's job writes its cells of all four,
     * so they are written all over (pl_calloc_huge: 2.2 MB and 540 small pages at 169 players) */
    size_t nn = n * n, pc_bytes = (nn * sizeof *R->pc + 63) / 64 * 64;
    char *pairs = pl_calloc_huge(1, pc_bytes + 3 * nn * sizeof(double));
    if (pairs) {
        R->pc = (pair_counts *)(void *)pairs;
        R->pay_mean = (double *)(void *)(pairs + pc_bytes);
        R->pay_sd = R->pay_mean + nn;
        R->dif = R->pay_sd + nn;
    }
    R->self_coop = pl_calloc(n, sizeof *R->self_coop);
    R->self_turns = pl_calloc(n, sizeof *R->self_turns);
    R->oc = pl_calloc(n * OC_N, sizeof *R->oc);
    R->oc_others = pl_calloc(n * OC_N, sizeof *R->oc_others);
    R->rank = pl_calloc(n, sizeof *R->rank);
    R->median = pl_calloc(n, sizeof *R->median);
    R->mean = pl_calloc(n, sizeof *R->mean);
    R->sd = pl_calloc(n, sizeof *R->sd);
    R->wins_median = pl_calloc(n, sizeof *R->wins_median);
    R->coop_rating = pl_calloc(n, sizeof *R->coop_rating);
    R->init_rate = pl_calloc(n, sizeof *R->init_rate);
    R->gp_rating = pl_calloc(n, sizeof *R->gp_rating);
    R->eig_jesus = pl_calloc(n, sizeof *R->eig_jesus);
    R->eig_moses = pl_calloc(n, sizeof *R->eig_moses);
    R->state_rate = pl_calloc(n * 4, sizeof *R->state_rate);
    R->to_c_rate = pl_calloc(n * 4, sizeof *R->to_c_rate);
    sh.scratch = pl_malloc(3 * (size_t)R->reps * sizeof *sh.scratch);
    if (!R->names || !R->normk || !R->norm || !R->wins || !R->score || !R->pc || !R->self_coop || !R->self_turns ||
        !R->pay_mean || !R->pay_sd || !R->dif || !R->oc || !R->oc_others || !R->rank || !R->median || !R->mean ||
        !R->sd || !R->wins_median || !R->coop_rating || !R->init_rate || !R->gp_rating || !R->eig_jesus ||
        !R->eig_moses || !R->state_rate || !R->to_c_rate || !sh.scratch)
        goto nomem;
    for (size_t i = 0; i < n; i++)
        if (!(R->names[i] = pl_strdup(pl_strategy_label(players[i])))) goto nomem;
    sh.row_start[0] = 0;
    for (size_t i = 0; i < n; i++) sh.row_start[i + 1] = sh.row_start[i] + (n - i - !cfg->self_play);
    assert(cfg->edges || sh.row_start[n] == sh.njobs);
    sh.res = R;
    pl_parallel job = {.items = sh.njobs, .block_items = 1, .threads = cfg->threads,
                       .slot_size = sizeof(slot) + (size_t)cfg->repetitions * sizeof(rep_result), .ctx = &sh,
                       .worker_open = worker_open, .worker_close = worker_close, .run = run_pair, .fold = fold_pair,
                       .progress = cfg->progress ? pair_progress : NULL, .progress_user = (void *)cfg,
                       .slot_filled = 1, /* play_job writes the counts, the text and every repetition */
                       /* the interactions' lines travel in memory the slots point to: not across processes */
                       .distributable = !cfg->interactions};
    if ((rc = pl_parallel_run(&job, err))) goto fail;
    if (R->nomem) goto nomem;
    if (R->overflow) {
        rc = pl_error_set(err, PL_EINVAL, "a pair played more than %lu turns in one state over its repetitions: "
                          "the per-pair counts hold 32 bits; use fewer turns or repetitions", (unsigned long)UINT32_MAX);
        goto fail;
    }
    if (finish(R)) goto nomem;
    if (gz) {
        if (sh.text_failed) {
            rc = pl_error_set(err, PL_EIO, "%s: write failed", cfg->interactions);
            goto fail;
        }
        rc = pl_gzout_commit(gz, err);
        pl_free(gz);
        gz = NULL;
        if (rc) goto fail;
    }
    pl_free(sh.row_start);
    pl_free(sh.scratch);
    pthread_mutex_destroy(&sh.text_lock);
    *out = R;
    return PL_OK;
nomem:
    rc = pl_error_set(err, PL_ENOMEM, "out of memory");
fail:
    while (sh.texts) text_free(&sh, sh.texts); /* the pairs' lines a stopped run never wrote */
    if (gz) {
        pl_gzout_abort(gz);
        pl_free(gz);
    }
    pthread_mutex_destroy(&sh.text_lock);
    pl_free(sh.row_start);
    pl_free(sh.scratch);
    pl_tournament_result_free(R);
    return rc;
}

size_t pl_tournament_result_players(const pl_tournament_result *r) { return r->n; }
int pl_tournament_result_repetitions(const pl_tournament_result *r) { return r->reps; }
const char *pl_tournament_result_name(const pl_tournament_result *r, size_t i) { return r->names[i]; }
const size_t *pl_tournament_result_ranking(const pl_tournament_result *r) { return r->rank; }
double pl_tournament_result_normalised(const pl_tournament_result *r, size_t i, int rep)
{
    return r->norm[i * (size_t)r->reps + rep];
}
double pl_tournament_result_median(const pl_tournament_result *r, size_t i) { return r->median[i]; }
double pl_tournament_result_mean(const pl_tournament_result *r, size_t i) { return r->mean[i]; }
double pl_tournament_result_stddev(const pl_tournament_result *r, size_t i) { return r->sd[i]; }
int pl_tournament_result_wins(const pl_tournament_result *r, size_t i, int rep) { return r->wins[i * (size_t)r->reps + rep]; }
double pl_tournament_result_score(const pl_tournament_result *r, size_t i, int rep)
{
    return r->score[i * (size_t)r->reps + rep];
}
uint64_t pl_tournament_result_pair_cooperation(const pl_tournament_result *r, size_t i, size_t j)
{
    return pair_coop(r, i, j);
}
uint64_t pl_tournament_result_pair_turns(const pl_tournament_result *r, size_t i, size_t j) { return pair_turns(r, i, j); }
double pl_tournament_result_payoff(const pl_tournament_result *r, size_t i, size_t j) { return r->pay_mean[i * r->n + j]; }
double pl_tournament_result_payoff_stddev(const pl_tournament_result *r, size_t i, size_t j)
{
    return r->pay_sd[i * r->n + j];
}
double pl_tournament_result_payoff_diff(const pl_tournament_result *r, size_t i, size_t j) { return r->dif[i * r->n + j]; }
void pl_tournament_result_pair_states(const pl_tournament_result *r, size_t i, size_t j, uint64_t states[4],
                                      uint64_t to_c[4], uint64_t to_d[4])
{
    const pair_counts *pc = &r->pc[i * r->n + j];
    for (int s = 0; s < 4; s++) {
        states[s] = i == j ? 0 : pc->st[s];
        to_c[s] = i == j ? 0 : pc->to_c[s];
        to_d[s] = i == j ? 0 : pc->to_d[s];
    }
}
uint64_t pl_tournament_result_good_partner(const pl_tournament_result *r, size_t i, size_t j)
{
    return i == j ? 0 : r->pc[i * r->n + j].good;
}
double pl_tournament_result_normalised_cooperation(const pl_tournament_result *r, size_t i, size_t j)
{
    return norm_coop(r, i, j);
}
double pl_tournament_result_median_wins(const pl_tournament_result *r, size_t i) { return r->wins_median[i]; }
double pl_tournament_result_cooperating_rating(const pl_tournament_result *r, size_t i) { return r->coop_rating[i]; }
double pl_tournament_result_initial_cooperation_rate(const pl_tournament_result *r, size_t i) { return r->init_rate[i]; }
uint64_t pl_tournament_result_initial_cooperation_count(const pl_tournament_result *r, size_t i)
{
    return r->oc_others[i * OC_N + OC_FIRST_C];
}
double pl_tournament_result_good_partner_rating(const pl_tournament_result *r, size_t i) { return r->gp_rating[i]; }
double pl_tournament_result_eigenjesus(const pl_tournament_result *r, size_t i) { return r->eig_jesus[i]; }
double pl_tournament_result_eigenmoses(const pl_tournament_result *r, size_t i) { return r->eig_moses[i]; }
void pl_tournament_result_summary_rates(const pl_tournament_result *r, size_t i, double states[4], double to_c[4])
{
    for (int s = 0; s < 4; s++) states[s] = r->state_rate[i * 4 + s], to_c[s] = r->to_c_rate[i * 4 + s];
}
double pl_tournament_result_cooperation(const pl_tournament_result *r, size_t i)
{
    const uint64_t *oc = &r->oc[i * OC_N];
    uint64_t all = oc[OC_CC] + oc[OC_CD] + oc[OC_DC] + oc[OC_DD];
    return all ? (double)(oc[OC_CC] + oc[OC_CD]) / (double)all : 0;
}
/* Rates of the outcome counts oc (one player's OC_N counters). */
static void outcome_rates(const uint64_t *oc, double out[4], double next_c[4], double *initial_c)
{
    uint64_t all = oc[OC_CC] + oc[OC_CD] + oc[OC_DC] + oc[OC_DD];
    for (int c = 0; c < 4; c++) {
        out[c] = all ? (double)oc[OC_CC + c] / (double)all : 0;
        next_c[c] = oc[OC_CC_N + c] ? (double)oc[OC_CC_C + c] / (double)oc[OC_CC_N + c] : NAN;
    }
    *initial_c = oc[OC_MATCHES] ? (double)oc[OC_FIRST_C] / (double)oc[OC_MATCHES] : NAN;
}
void pl_tournament_result_outcomes(const pl_tournament_result *r, size_t i, double out[4], double next_c[4],
                                   double *initial_c)
{
    outcome_rates(&r->oc[i * OC_N], out, next_c, initial_c);
}
void pl_tournament_result_outcomes_others(const pl_tournament_result *r, size_t i, double out[4], double next_c[4],
                                          double *initial_c)
{
    outcome_rates(&r->oc_others[i * OC_N], out, next_c, initial_c);
}
uint64_t pl_tournament_result_matches(const pl_tournament_result *r) { return r->matches; }
uint64_t pl_tournament_result_turns(const pl_tournament_result *r) { return r->turns; }
uint64_t pl_tournament_result_turns_computed(const pl_tournament_result *r) { return r->computed; }
uint64_t pl_tournament_result_turns_copied(const pl_tournament_result *r) { return r->copied; }
int pl_tournament_result_batched(const pl_tournament_result *r) { return r->batched; }
const uint64_t *pl_tournament_result_lengths(const pl_tournament_result *r, size_t *longest)
{
    size_t m = 0;
    for (size_t t = 0; t < r->len_cap; t++)
        if (r->len_hist[t]) m = t;
    *longest = m;
    return r->len_hist;
}
