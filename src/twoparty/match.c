// SPDX-License-Identifier: MIT
/* match.c — the repeated two-party game.
 *
 * One loop serves every caller: the `match` command, the tournament and the
 * evolutionary engines.  Order of random draws each turn, fixed so that results
 * are reproducible: A's move, B's move (each may draw from the stream), then
 * A's noise flip, then B's.  With a probabilistic end the length is the first
 * draw of the stream, as the geometric law ceil(log(1-u)/log(1-p)).
 *
 * The stepper (pl_match_stepper) plays the same match one turn at a time with
 * party A's move given from outside: a person at a terminal, another program.
 * It shares the start of a match (match_begin, party_begin) with pl_match_run;
 * its turn (match_resolve) takes the same draws in the same order as the loop
 * of pl_match_run (play_turns), which is specialised for speed, and unit tests
 * prove the two give the same matches.
 *
 * When both strategies are memory-one tables (pl_strategy_def.memory_one: TFT,
 * GTFT, WSLS, the zero-determinant players, ...) the match is played by
 * play_table instead: no call per turn, each party's next probability read from
 * its table by the last turn's two actions, the same draws in the same order
 * (a party draws only where its probability is strictly between 0 and 1, as
 * pl_view_coop_with does), so the very same matches, byte for byte
 * (tests/unit/test_match_table.c plays every pair of tables both ways).
 * Automata (finite-state machines, lookup tables, cycles; a table is one too) are
 * played by play_automata when both players are, and by play_half when one is: the
 * automaton stepped in the loop, only the other player called, the same draws in the
 * same order (tests/unit/test_match_automaton.c compares them with the loop of moves); against a
 * called player that takes no draw, the automaton moves after it whichever its side (`late`).
 * pl_match_run_two plays two repetitions of a pair of automata or tables at once, as two
 * lanes of one loop, so that one match's wait on its chain of states overlaps the other's. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "twoparty/automaton_store.h"
#include "twoparty/match_engine.h"
#include "twoparty/table.h"
#include "strategies/draw_only.h"
#include "strategies/registry.h"
#include "strategies/transformers.h"

struct pl_match_result {
    pl_match_buf buf;
};

void pl_match_config_default(pl_match_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->turns = 200;
}

int pl_match_config_check(const pl_match_config *cfg, pl_error *err)
{
    if (cfg->turns < 0) return pl_error_set(err, PL_EINVAL, "turns must be 0 or more, got %d", cfg->turns);
    if (!(cfg->prob_end >= 0 && cfg->prob_end <= 1))
        return pl_error_set(err, PL_EINVAL, "the probability of ending must be in [0, 1], got %g", cfg->prob_end);
    if (!(cfg->noise >= 0 && cfg->noise <= 1))
        return pl_error_set(err, PL_EINVAL, "noise must be in [0, 1], got %g", cfg->noise);
    if (cfg->turns == 0 && cfg->prob_end == 0)
        return pl_error_set(err, PL_EINVAL, "a match needs a number of turns or a probability of ending");
    if (cfg->game && (cfg->game->n_row != 2 || cfg->game->n_col != 2))
        return pl_error_set(err, PL_EINVAL,
                            "two-party strategies play 2x2 games (C/D); a %dx%d game needs the N-party engine",
                            cfg->game->n_row, cfg->game->n_col);
    if (cfg->game) return pl_game_check(cfg->game, err);
    return PL_OK;
}

/* A state slot's first size: most strategies' states fit (a Meta player's or a lookup table's
 * do not: the slots grow when a match meets them, state_room). */
#define STATE_SLOT_START 256

int pl_match_buf_init(pl_match_buf *b, int turns_hint)
{
    memset(b, 0, sizeof *b);
    b->state_cap = STATE_SLOT_START;
    if (pl_history_init(&b->h[0], turns_hint) || pl_history_init(&b->h[1], turns_hint)) goto fail;
    b->state[0] = pl_aligned_alloc(64, b->state_cap);
    b->state[1] = pl_aligned_alloc(64, b->state_cap);
    if (!b->state[0] || !b->state[1]) goto fail;
    return PL_OK;
fail:
    pl_match_buf_free(b);
    return PL_ENOMEM;
}

/* Gives back what the strategy in a state slot took at its start (a Meta player's team). */
static void party_release(pl_match_buf *b, int side)
{
    const pl_strategy_def *d = b->held[side];
    if (d && b->state[side]) d->release(b->state[side]);
    b->held[side] = NULL;
}

static void autos_free(struct pl_match_autos *m);

void pl_match_buf_free(pl_match_buf *b)
{
    autos_free(b->autos);
    party_release(b, 0);
    party_release(b, 1);
    pl_history_free(&b->h[0]);
    pl_history_free(&b->h[1]);
    pl_free(b->state[0]);
    pl_free(b->state[1]);
    memset(b, 0, sizeof *b);
}

int pl_match_length(pl_rng *rng, int turns, double prob_end)
{
    if (!(prob_end > 0)) return turns;
    if (prob_end >= 1) return 1;
    double u = pl_rng_uniform(rng);
    double len = ceil(log(1 - u) / log(1 - prob_end));
    if (len < 1) len = 1;
    if (turns > 0 && len > turns) return turns;
    if (len > 1e9) len = 1e9;
    return (int)len;
}

/* ---- the start of a match, shared by pl_match_run and the stepper, and the stepper's turn ----
 * A turn played by a person through the stepper draws the same random numbers in the same
 * order as one played by two strategies in play_turns. */

/* The start of a match: the stream, then the length (its first draw when the end is
 * probabilistic), cleared histories.  Returns the length. */
static int match_begin(const pl_match_config *cfg, pl_rng *rng, pl_match_buf *buf)
{
    assert(cfg->noise >= 0 && cfg->noise <= 1 && cfg->prob_end >= 0 && cfg->prob_end <= 1); /* checked on entry */
    pl_rng_init(rng, cfg->seed, cfg->stream_a, cfg->stream_b);
    int length = pl_match_length(rng, cfg->turns, cfg->prob_end);
    assert(length >= 1);
    pl_history_clear(&buf->h[0]);
    pl_history_clear(&buf->h[1]);
    return length;
}

/* party_release for pl_slots_room */
static void party_release_at(void *owner, int side) { party_release(owner, side); }

/* Room in both state slots for states of `need` bytes, made before either party begins (both slots
 * keep the larger size).  Sizing every slot by the registry's largest state (about 135 kB,
 * pl_registry_max_state) made each one-off match and stepper allocate that much, which under the
 * sanitizers is a mapping of its own each time.  PL_ENOMEM when the slots cannot grow. */
static int state_room(pl_match_buf *buf, size_t need)
{
    return pl_slots_room(buf->state, 2, &buf->state_cap, need, party_release_at, buf);
}

static size_t larger(size_t x, size_t y) { return x > y ? x : y; }

/* A party's strategy state at the start of a match, zeroed then initialised (state_room first). */
static void party_begin(pl_match_buf *buf, int side, const pl_strategy *s)
{
    party_release(buf, side);
    memset(buf->state[side], 0, pl_strategy_def_clear_size(s->def));
    if (s->def->init) s->def->init(buf->state[side], &s->params);
    if (s->def->release) buf->held[side] = s->def;
}

/* The end of a turn once both parties have chosen x and y: A's noise flip, then B's,
 * then both histories record the flipped actions.  *flips (if non-NULL) gets bit 0
 * set when A's action was flipped, bit 1 when B's was. */
static inline int match_resolve(pl_match_buf *buf, const pl_game *g, pl_rng *rng, double noise, int x, int y,
                                unsigned *flips)
{
    unsigned f = 0;
    if (noise > 0) {
        if (pl_rng_bernoulli(rng, noise)) {
            x ^= 1;
            f |= 1u;
        }
        if (pl_rng_bernoulli(rng, noise)) {
            y ^= 1;
            f |= 2u;
        }
    }
    if (flips) *flips = f;
    if (pl_history_push(&buf->h[0], x, g->payoff[x][y][0]) || pl_history_push(&buf->h[1], y, g->payoff[x][y][1]))
        return PL_ENOMEM;
    return PL_OK;
}

/* 1 if every payoff of the 2x2 game is an integer of magnitude at most 2^20: then any sum of
 * at most 2^31 of them is an integer below 2^53, exact in whatever order it is added. */
int pl_match_payoffs_exact(const pl_game *g)
{
    for (int x = 0; x < 2; x++)
        for (int y = 0; y < 2; y++)
            for (int side = 0; side < 2; side++) {
                double v = g->payoff[x][y][side];
                if (!(fabs(v) <= 0x1p20) || v != (double)(int32_t)v) return 0; /* the cast is exact here */
            }
    return 1;
}

void pl_match_scores_of_counts(const uint64_t n[4], const pl_game *g, pl_history *ha, pl_history *hb)
{
    double score_a = 0, score_b = 0;
    for (int x = 0; x < 2; x++)
        for (int y = 0; y < 2; y++) {
            score_a += (double)n[2 * x + y] * g->payoff[x][y][0];
            score_b += (double)n[2 * x + y] * g->payoff[x][y][1];
        }
    ha->score = score_a;
    hb->score = score_b;
}

/* Both scores of a finished match, from the packed histories: what adding each turn's payoff
 * as it is played gives, bit for bit, without a floating-point add per turn in the loop.
 * With integer payoffs (the usual games) the sums are exact, so they come from the four
 * joint-outcome counts, a popcount per 64 turns; otherwise the turns are replayed in order. */
static void match_scores(pl_history *ha, pl_history *hb, const pl_game *g)
{
    int len = ha->len;
    double score_a = 0, score_b = 0;
    if (pl_match_payoffs_exact(g)) {
        uint64_t n[4] = {0, 0, 0, 0};
        for (int w = 0; w < (len + 63) / 64; w++) {
            uint64_t x = ha->w[w], y = hb->w[w];
            uint64_t live = len - w * 64 >= 64 ? ~0ull : (1ull << (len - w * 64)) - 1;
            n[0] += (uint64_t)__builtin_popcountll(~x & ~y & live);
            n[1] += (uint64_t)__builtin_popcountll(~x & y & live);
            n[2] += (uint64_t)__builtin_popcountll(x & ~y & live);
            n[3] += (uint64_t)__builtin_popcountll(x & y & live);
        }
        pl_match_scores_of_counts(n, g, ha, hb);
        return;
    }
    for (int t = 0; t < len; t++) {
        int x = pl_hist_at(ha, t), y = pl_hist_at(hb, t);
        score_a += g->payoff[x][y][0];
        score_b += g->payoff[x][y][1];
    }
    ha->score = score_a;
    hb->score = score_b;
}

/* A move decided by its cut (pl_rng_cut): 1 (D) when it does not cooperate, the decision and the
 * draw of !pl_rng_bernoulli_cut(r, cut), with one test for both cuts that take no draw: cut + 1 is
 * 0 for UINT64_MAX (always C) and 1 for 0 (never C, so D), and above 1 for every cut that draws. */
static inline __attribute__((always_inline)) unsigned cut_defects(pl_rng *r, uint64_t cut)
{
    uint64_t c1 = cut + 1;
    if (c1 <= 1) return (unsigned)c1;
    return pl_rng_next(r) >= cut;
}

/* One side of a match as the turn loop needs it. */
typedef struct match_side {
    int (*move)(void *, const pl_params *, const pl_view *);
    void *state;
    const pl_params *params;
    pl_view view;
} match_side;

/* The turns of a match.  `noisy` is a constant at each call, so the noiseless loop (the
 * common one) carries no flip test.  Capacity is reserved, so the pushes need no check; the
 * defection counts are added in the histories (kept in registers they were more values live
 * across the calls, which cost more instructions than the memory adds); no strategy
 * reads h->score during a match, so the scores are made once at the end (match_scores). */
static inline __attribute__((always_inline)) void play_turns(match_side *pa, match_side *pb, pl_history *ha, pl_history *hb,
                                                             pl_rng *rng, uint64_t noise_cut, int length, int noisy)
{
    uint64_t *wa = ha->w, *wb = hb->w;
    for (int t = 0; t < length; t++) {
        pa->view.turn = pb->view.turn = t;
        unsigned x = (unsigned)pa->move(pa->state, pa->params, &pa->view);
        unsigned y = (unsigned)pb->move(pb->state, pb->params, &pb->view);
        if (noisy) { /* A's flip is drawn before B's, as in match_resolve */
            x ^= (unsigned)pl_rng_bernoulli_cut(rng, noise_cut);
            y ^= (unsigned)pl_rng_bernoulli_cut(rng, noise_cut);
        }
        /* a move is PL_C or PL_D (strategy_def.h; test_match_automaton's every_move_is_an_action):
         * no mask */
        size_t word = (unsigned)t >> 6; /* unsigned: no sign extension in the index */
        wa[word] |= (uint64_t)x << (t & 63);
        wb[word] |= (uint64_t)y << (t & 63);
        ha->n_defect += (int)x; /* in memory: fewer values live across the calls */
        hb->n_defect += (int)y;
        ha->len = hb->len = t + 1;
    }
}

/* A party as a memory-one table (twoparty/table.h): the cut (pl_rng_cut) of its probability of
 * cooperating on the first turn, then after CC, CD, DC, DD from its own side (own action first). */
int pl_table_of(const pl_strategy *s, const pl_game *g, int side, pl_table *t)
{
    return pl_strategy_def_table_cuts(s->def, &s->params, g, side, t->cut);
}

int pl_table_deterministic(const pl_table *t)
{
    for (int k = 0; k < 5; k++)
        if (t->cut[k] != 0 && t->cut[k] != UINT64_MAX) return 0;
    return 1;
}

/* The two loops below (play_table, play_automata) end each 64-turn word and the match alike: each
 * lane's word of actions stored and its defections counted; then each lane's stream handed back
 * and its histories' counts and length set. */
static inline __attribute__((always_inline)) void lanes_word(int lanes, int w, uint64_t *const *wa, uint64_t *const *wb,
                                                             const uint64_t *bits_a, const uint64_t *bits_b,
                                                             int *defects_a, int *defects_b)
{
    for (int l = 0; l < lanes; l++) {
        wa[l][w] = bits_a[l];
        wb[l][w] = bits_b[l];
        defects_a[l] += __builtin_popcountll(bits_a[l]);
        defects_b[l] += __builtin_popcountll(bits_b[l]);
    }
}

static inline __attribute__((always_inline)) void lanes_end(int lanes, pl_history *const *h, pl_rng *rng,
                                                            const pl_rng *r, const int *defects_a,
                                                            const int *defects_b, int length)
{
    for (int l = 0; l < lanes; l++) {
        rng[l] = r[l];
        h[2 * l]->n_defect = defects_a[l];
        h[2 * l + 1]->n_defect = defects_b[l];
        h[2 * l]->len = h[2 * l + 1]->len = length;
    }
}

/* The turns of `lanes` (1 or 2, a constant) matches between two tables that differ only by their
 * streams, lane l into the histories h[2 l] (A) and h[2 l + 1] (B) from the stream rng[l]: A's
 * move, B's move, A's flip, B's flip, each a draw only where its cut is neither 0 nor UINT64_MAX,
 * as in play_turns.  A's action is 1 (D) when it does not cooperate.  Bits are gathered a word at
 * a time (the words past len are zero).  Two lanes advance turn by turn together, as in
 * play_automata: each turn's cut waits on the last turn's actions. */
static inline __attribute__((always_inline)) void play_table(const pl_table *ta, const pl_table *tb, int lanes,
                                                             pl_history *const *h, pl_rng *rng,
                                                             uint64_t noise_cut, int length, int noisy)
{
    uint64_t *wa[2], *wb[2];
    int defects_a[2] = {0, 0}, defects_b[2] = {0, 0};
    uint64_t cut_a[2], cut_b[2];
    pl_rng r[2]; /* copies no store to the histories may alias: the streams stay in registers */
    for (int l = 0; l < lanes; l++) {
        wa[l] = h[2 * l]->w;
        wb[l] = h[2 * l + 1]->w;
        cut_a[l] = ta->cut[0];
        cut_b[l] = tb->cut[0];
        r[l] = rng[l];
    }
    /* a word of 64 turns at a time: its bits gathered by the turn's index in it, with no test
     * of the word's end a turn (the last word's bits past len stay 0) */
    for (int w = 0; w * 64 < length; w++) {
        int in_word = length - w * 64 < 64 ? length - w * 64 : 64;
        uint64_t bits_a[2] = {0, 0}, bits_b[2] = {0, 0};
        for (int k = 0; k < in_word; k++)
            for (int l = 0; l < lanes; l++) {
                unsigned x = cut_defects(&r[l], cut_a[l]);
                unsigned y = cut_defects(&r[l], cut_b[l]);
                if (noisy) {
                    x ^= (unsigned)pl_rng_bernoulli_cut(&r[l], noise_cut);
                    y ^= (unsigned)pl_rng_bernoulli_cut(&r[l], noise_cut);
                }
                bits_a[l] |= (uint64_t)x << k;
                bits_b[l] |= (uint64_t)y << k;
                cut_a[l] = ta->cut[1 + 2 * x + y];
                cut_b[l] = tb->cut[1 + 2 * y + x];
            }
        lanes_word(lanes, w, wa, wb, bits_a, bits_b, defects_a, defects_b);
    }
    lanes_end(lanes, h, rng, r, defects_a, defects_b, length);
}

/* ---- automata (strategies/automaton.h): finite-state machines, lookup tables, cycles ----
 * A pair in which each player is an automaton (its definition's automaton hook, or a
 * memory-one table as the five-state automaton "first turn, then the last outcome") is played
 * by play_automata: per turn a chance read by each player's state, the draws of play_turns in
 * its order, the next states read by the two actions.  A pair of deterministic automata without
 * noise is a function of its joint state, so once a joint state comes back the rest of the
 * match repeats the turns since its first visit: play_cycle then copies them to the end. */

/* The automata built for the last players, so that the repetitions of a pair (played one after
 * the other by the tournament) and the Moran process's rematches build them once; keyed by
 * definition and parameters (an automaton hangs on nothing else).  `seen` is play_cycle's
 * record of joint states: the turn each was first visited in the match whose mark is `mark`. */
typedef struct auto_slot {
    const pl_strategy_def *def; /* NULL: empty */
    pl_params params;
    int length;                 /* the match length an automaton_length hook made it for; -1: the automaton hook */
    int deterministic;          /* pl_automaton_deterministic(&a), found once: Tullock's 2,048 states */
    pl_automaton a;
} auto_slot;

typedef struct seen_turn {
    uint32_t mark;
    int32_t turn;
} seen_turn;

/* The states of each automaton of a pair play_cycle extrapolates: its record of joint states has
 * one entry for each pair of states (at most CYCLE_STATES^2, 512 kB; made as large as the largest
 * pair met so far, not that large at once: a one-off match of two small automata then makes a small
 * record).  A deterministic pair with a larger automaton (none of the registry's defaults) is
 * played by play_automata to the end instead: the same turns. */
#define CYCLE_STATES 256

struct pl_match_autos {
    /* What the players of the last match were made into, for a match of the same players
     * (pl_match_buf.same_players): `known` once its tables were looked for (pl_table_of both:
     * `tables`, ta, tb), `au_known` once its automata were (automata_of: au, det, pointing into
     * slot and m1).  Both 0 when a match of other players begins. */
    int known, tables, au_known;
    int au_length; /* the match length (-1: not known) automata_of made au for */
    pl_table ta, tb;
    const pl_automaton *au[2];
    int det[2];
    auto_slot slot[2];
    pl_automaton *m1;   /* [2]: memory-one tables as automata, made for each match (they hang on the game);
                         * allocated apart, on first use, so that neither allocation is above 128 kB (an
                         * allocation that large is a mapping of its own under the sanitizers) */
    seen_turn *seen;    /* seen_cap entries, made on first use */
    size_t seen_cap;
    uint32_t mark;
    pl_auto_store *kept; /* what the hooks made (or declined) in this buffer, made on first use */
    uint16_t (*acts)[4]; /* PL_AUTOMATON_MAX entries, made on first use: the deterministic automaton
                          * au[acts_side]'s next states with their actions (pack_actions) */
    int acts_side;       /* -1: none made for au (set so when automata_known has automata_of make au) */
};

static void autos_free(struct pl_match_autos *m)
{
    if (!m) return;
    pl_auto_store_free(m->kept);
    pl_free(m->acts);
    pl_free(m->seen);
    pl_free(m->m1);
    pl_free(m);
}

static int slot_holds(const auto_slot *sl, const pl_strategy *s, int length)
{
    return sl->def == s->def && sl->length == length && memcmp(&sl->params, &s->params, sizeof s->params) == 0;
}

/* An automaton a hook made, as kept in the buffer's store (automaton_store.h): its states' count
 * (0: the hook declined) and whether it draws, then its cuts and next states. */
typedef struct kept_head {
    int n, deterministic;
} kept_head;

/* The automaton of s for `length` (automaton_for) into slot sl as it was made before in this buffer:
 * 1 found (sl->def is NULL when the hook declined then), 0 not. */
static int kept_take(struct pl_match_autos *m, const pl_strategy *s, int length, auto_slot *sl)
{
    size_t bytes;
    const unsigned char *b = m->kept ? pl_auto_store_find(m->kept, s, length, 0, &bytes) : NULL;
    if (!b) return 0;
    kept_head h;
    memcpy(&h, b, sizeof h), b += sizeof h;
    sl->def = NULL;
    if (!h.n) return 1;
    sl->a.n = h.n;
    memcpy(sl->a.cut, b, (size_t)h.n * sizeof *sl->a.cut), b += (size_t)h.n * sizeof *sl->a.cut;
    memcpy(sl->a.next, b, (size_t)h.n * sizeof *sl->a.next);
    sl->def = s->def;
    sl->length = length;
    sl->params = s->params;
    sl->deterministic = h.deterministic;
    return 1;
}

/* Keeps what the hook made of s for `length` into sl (sl->def NULL: declined); nothing when the
 * store is full or out of memory. */
static void kept_add(struct pl_match_autos *m, const pl_strategy *s, int length, const auto_slot *sl)
{
    kept_head h = {sl->def ? sl->a.n : 0, sl->def ? sl->deterministic : 0};
    size_t cuts = (size_t)h.n * sizeof *sl->a.cut, nexts = (size_t)h.n * sizeof *sl->a.next;
    if (!m->kept && !(m->kept = pl_auto_store_new())) return;
    unsigned char *b = pl_auto_store_add(m->kept, s, length, 0, sizeof h + cuts + nexts);
    if (!b) return;
    memcpy(b, &h, sizeof h), b += sizeof h;
    memcpy(b, sl->a.cut, cuts), b += cuts;
    memcpy(b, sl->a.next, nexts);
}

/* The automaton hook that makes an automaton of definition d in a match whose length is `known`
 * (-1: not known): its automaton hook; else, for a length known, its automaton_length hook (a
 * player that reads the length); or none.  The length a slot is keyed by: -1 for the first. */
static int automaton_for(const pl_strategy_def *d, int known)
{
    if (d->automaton) return -1;
    return d->automaton_length && known > 0 ? known : 0;
}

/* Each player as an automaton into out[side] (pointing into m), NULL for a player that is not
 * one (no automaton hook and not a memory-one table in g, or a hook that declines); det[side]
 * is 1 when that automaton never draws. */
static void automata_of(struct pl_match_autos *m, const pl_strategy *a, const pl_strategy *b, const pl_game *g,
                        int known, const pl_automaton *out[2], int det[2])
{
    const pl_strategy *s[2] = {a, b};
    int in[2] = {-1, -1}, len[2];
    for (int side = 0; side < 2; side++) {
        out[side] = NULL;
        if ((len[side] = automaton_for(s[side]->def, known))) {
            for (int k = 0; k < 2; k++)
                if (slot_holds(&m->slot[k], s[side], len[side])) in[side] = k;
        } else {
            pl_table t;
            if (!s[side]->def->memory_one || !pl_table_of(s[side], g, side, &t)) continue;
            if (!m->m1 && !(m->m1 = pl_malloc(2 * sizeof *m->m1))) continue; /* the loop of moves will do */
            pl_table_as_automaton(&t, &m->m1[side]);
            out[side] = &m->m1[side];
            det[side] = pl_table_deterministic(&t);
        }
    }
    for (int side = 0; side < 2; side++) {
        if (!len[side]) continue;
        if (in[side] < 0) {
            int k = in[1 - side] == 0 ? 1 : 0; /* not the slot the other player's automaton is in */
            auto_slot *sl = &m->slot[k];
            const pl_strategy_def *d = s[side]->def;
            if (!kept_take(m, s[side], len[side], sl)) {
                sl->def = NULL;
                if (len[side] < 0 ? d->automaton(&s[side]->params, &sl->a) :
                                    d->automaton_length(&s[side]->params, len[side], &sl->a)) {
                    sl->def = d;
                    sl->length = len[side];
                    sl->params = s[side]->params;
                    sl->deterministic = pl_automaton_deterministic(&sl->a);
                }
                kept_add(m, s[side], len[side], sl);
            }
            if (!sl->def) continue;
            in[side] = k;
        }
        out[side] = &m->slot[in[side]].a;
        det[side] = m->slot[in[side]].deterministic;
    }
}

/* A deterministic automaton's next states with the action each plays: entry [s][o] is 2 n + (n's
 * action, D = 1) for n = next[s][o], so that play_automata_acts reads a state's action from the
 * state it keeps (its low bit) where it read the state's cut and tested it twice.  States are below
 * PL_AUTOMATON_MAX = 2048, so 2 n + 1 fits 16 bits. */
static void pack_actions(const pl_automaton *a, uint16_t (*acts)[4])
{
    for (int s = 0; s < a->n; s++)
        for (int o = 0; o < 4; o++) {
            unsigned n = a->next[s][o];
            acts[s][o] = (uint16_t)(2 * n + (a->cut[n] == 0));
        }
}

/* The state of the first turn as pack_actions keeps it. */
static unsigned acts_first(const pl_automaton *a) { return a->cut[0] == 0; }

/* The turns of `lanes` (1 or 2, a constant) matches between the automata A and B that differ
 * only by their streams, lane l into the histories h[2 l] (A) and h[2 l + 1] (B) from the stream
 * rng[l], each with the draws of play_turns: A's move, B's move, A's flip, B's flip, each a draw
 * only where its cut is neither 0 nor UINT64_MAX.  Two lanes advance turn by turn together: a
 * lane's turn waits on its chain of state (the cut read by the state, the next state read by the
 * actions, two loads in series), and the other lane's chain runs meanwhile (pl_match_run_two).
 * `packed` (a constant) 1: A never draws and is played from `acts` (pack_actions), its state kept
 * as 2 s + its action (a B that never draws is played as A, the sides exchanged: pl_match_run_two). */
static inline __attribute__((always_inline)) void play_automata_acts(const pl_automaton *A, const pl_automaton *B,
                                                                     int packed, const uint16_t (*acts)[4], int lanes,
                                                                     pl_history *const *h, pl_rng *rng,
                                                                     uint64_t noise_cut, int length, int noisy)
{
    uint64_t *wa[2], *wb[2];
    int defects_a[2] = {0, 0}, defects_b[2] = {0, 0};
    unsigned sa[2] = {0, 0}, sb[2] = {0, 0};
    pl_rng r[2]; /* as in play_table: copies in registers */
    for (int l = 0; l < lanes; l++) {
        wa[l] = h[2 * l]->w;
        wb[l] = h[2 * l + 1]->w;
        r[l] = rng[l];
        if (packed) sa[l] = acts_first(A);
    }
    /* a word of 64 turns at a time: its bits gathered by the turn's index in it, with no test
     * of the word's end a turn (the last word's bits past len stay 0) */
    for (int w = 0; w * 64 < length; w++) {
        int in_word = length - w * 64 < 64 ? length - w * 64 : 64;
        uint64_t bits_a[2] = {0, 0}, bits_b[2] = {0, 0};
        for (int k = 0; k < in_word; k++)
            for (int l = 0; l < lanes; l++) {
                unsigned x = packed ? sa[l] & 1 : (unsigned)!pl_rng_bernoulli_cut(&r[l], A->cut[sa[l]]);
                unsigned y = (unsigned)!pl_rng_bernoulli_cut(&r[l], B->cut[sb[l]]);
                if (noisy) {
                    x ^= (unsigned)pl_rng_bernoulli_cut(&r[l], noise_cut);
                    y ^= (unsigned)pl_rng_bernoulli_cut(&r[l], noise_cut);
                }
                bits_a[l] |= (uint64_t)x << k;
                bits_b[l] |= (uint64_t)y << k;
                sa[l] = packed ? acts[sa[l] >> 1][2 * x + y] : A->next[sa[l]][2 * x + y];
                sb[l] = B->next[sb[l]][2 * y + x];
            }
        lanes_word(lanes, w, wa, wb, bits_a, bits_b, defects_a, defects_b);
    }
    lanes_end(lanes, h, rng, r, defects_a, defects_b, length);
}

/* play_automata_acts with no side packed. */
static inline __attribute__((always_inline)) void play_automata(const pl_automaton *A, const pl_automaton *B,
                                                                int lanes, pl_history *const *h, pl_rng *rng,
                                                                uint64_t noise_cut, int length, int noisy)
{
    play_automata_acts(A, B, 0, NULL, lanes, h, rng, noise_cut, length, noisy);
}

/* The n (1..64) bits of w from bit pos, lowest first; every word they touch exists. */
static inline uint64_t bits_get(const uint64_t *w, long pos, int n)
{
    int off = (int)(pos & 63);
    uint64_t v = w[pos >> 6] >> off;
    if (off && off + n > 64) v |= w[(pos >> 6) + 1] << (64 - off);
    return n == 64 ? v : v & ((1ull << n) - 1);
}

/* Ors the n (1..64) bits v into w from bit pos (those bits are 0). */
static inline void bits_put(uint64_t *w, long pos, uint64_t v, int n)
{
    int off = (int)(pos & 63);
    w[pos >> 6] |= v << off;
    if (off && off + n > 64) w[(pos >> 6) + 1] |= v >> (64 - off);
}

/* Bits [from, to) of w as the repetition of the `period` bits before from (from >= period):
 * chunks of up to 64 bits, each copied from a whole number of periods back, never from bits
 * not yet written. */
static void bits_repeat(uint64_t *w, long from, long to, long period)
{
    for (long i = from; i < to;) {
        long back = period;
        if (period < 64) { /* as many periods as fit in 64 bits and are already written */
            long fit = 64 / period, have = (i - from + period) / period;
            back = period * (fit < have ? fit : have);
        }
        int n = (int)(to - i < 64 ? to - i : 64);
        if (n > back) n = (int)back;
        bits_put(w, i, bits_get(w, i - back, n), n);
        i += n;
    }
}

/* Defections in the first len bits of w. */
static int bits_count(const uint64_t *w, int len)
{
    int n = 0;
    for (int k = 0; k < len / 64; k++) n += __builtin_popcountll(w[k]);
    if (len & 63) n += __builtin_popcountll(w[len / 64] & ((1ull << (len & 63)) - 1));
    return n;
}

/* Room in m's record of joint states for n of them: 0 when it cannot be made (the caller then
 * plays every turn).  A new record is all zeros, which no match's mark is (marks start at 1). */
static int seen_room(struct pl_match_autos *m, size_t n)
{
    if (n <= m->seen_cap) return 1;
    seen_turn *grown = pl_calloc(n, sizeof *grown);
    if (!grown) return 0;
    pl_free(m->seen);
    m->seen = grown;
    m->seen_cap = n;
    return 1;
}

/* The turns of a match between two deterministic automata without noise: played until the
 * joint state of a turn is one seen before (at turn mu), then, the match being a function of
 * its joint state, turns t.. repeat turns mu.. with period t - mu to the end.  The histories
 * are those of play_automata bit for bit (and no draw is taken in either). */
static int play_cycle(struct pl_match_autos *m, const pl_automaton *A, const pl_automaton *B, pl_history *ha,
                      pl_history *hb, int length)
{
    uint64_t *wa = ha->w, *wb = hb->w;
    uint64_t bits_a = 0, bits_b = 0;
    if (++m->mark == 0) { /* 2^32 matches: the old marks could come back */
        memset(m->seen, 0, sizeof *m->seen * m->seen_cap);
        m->mark = 1;
    }
    unsigned sa = 0, sb = 0;
    int t = 0, mu = -1;
    for (; t < length; t++) {
        seen_turn *v = &m->seen[sa * (unsigned)B->n + sb];
        if (v->mark == m->mark) {
            mu = v->turn;
            break;
        }
        v->mark = m->mark;
        v->turn = t;
        unsigned x = A->cut[sa] == 0, y = B->cut[sb] == 0;
        bits_a |= (uint64_t)x << (t & 63);
        bits_b |= (uint64_t)y << (t & 63);
        if ((t & 63) == 63) {
            wa[t >> 6] = bits_a;
            wb[t >> 6] = bits_b;
            bits_a = bits_b = 0;
        }
        sa = A->next[sa][2 * x + y];
        sb = B->next[sb][2 * y + x];
    }
    if (t & 63) { /* the word in progress; the words after it are 0 */
        wa[t >> 6] = bits_a;
        wb[t >> 6] = bits_b;
    }
    if (mu >= 0) {
        bits_repeat(wa, t, length, t - mu);
        bits_repeat(wb, t, length, t - mu);
    }
    ha->n_defect = bits_count(wa, length);
    hb->n_defect = bits_count(wb, length);
    ha->len = hb->len = length;
    return length - t;
}

/* The turns of a match in which the player of side `aside` (a constant: 0 or 1) is the automaton
 * A, stepped here, and the other is called through its side p, as in play_turns: the draws in
 * its order (A's move, B's move, A's flip, B's flip; the automaton's move a draw only where its
 * cut is neither 0 nor UINT64_MAX), every turn pushed before the next move, for the called
 * player reads the histories.  Two more constants: `late` 1 makes the automaton's move after the
 * call when the automaton is A (aside 0) too, which is the same stream only when the called
 * player takes no draw (pl_match_run gives it a stream of its own and plays the match again in
 * order if it drew): then no value of the automaton's lives across the call, as when it is B.
 * `table` 1 when A is a memory-one table (pl_table_as_automaton): its next state is 1 + 2 (own action)
 * + (the other's), the actions after the noise's flips, no load. */
static inline __attribute__((always_inline)) void play_half(const pl_automaton *A, int aside, int late, int table,
                                                            match_side *p, pl_history *ha, pl_history *hb,
                                                            pl_rng *rng, uint64_t noise_cut, int length, int noisy)
{
    uint64_t *wa = ha->w, *wb = hb->w;
    unsigned s = 0;
    for (int w = 0; w * 64 < length; w++) {
        int end = length - w * 64 < 64 ? length : w * 64 + 64;
        for (int t = w * 64; t < end; t++) {
            p->view.turn = t;
            unsigned m, o; /* the automaton's move, the called player's */
            if (aside == 0 && !late) {
                m = cut_defects(rng, A->cut[s]);
                o = (unsigned)p->move(p->state, p->params, &p->view);
            } else {
                o = (unsigned)p->move(p->state, p->params, &p->view);
                m = cut_defects(rng, A->cut[s]);
            }
            unsigned x = aside == 0 ? m : o, y = aside == 0 ? o : m;
            if (noisy) {
                x ^= (unsigned)pl_rng_bernoulli_cut(rng, noise_cut);
                y ^= (unsigned)pl_rng_bernoulli_cut(rng, noise_cut);
            }
            /* the called move is PL_C or PL_D, as in play_turns: no mask */
            wa[w] |= (uint64_t)x << (t & 63);
            wb[w] |= (uint64_t)y << (t & 63);
            ha->n_defect += (int)x; /* in memory: fewer values live across the call */
            hb->n_defect += (int)y;
            ha->len = hb->len = t + 1;
            if (table) s = aside == 0 ? 1 + 2 * x + y : 1 + 2 * y + x;
            else s = aside == 0 ? A->next[s][2 * x + y] : A->next[s][2 * y + x];
        }
    }
}

/* play_half with its constants picked at run time (noise, late and table as above). */
static inline __attribute__((always_inline)) void play_half_as(const pl_automaton *A, int aside, int late, int table,
                                                               match_side *p, pl_history *ha, pl_history *hb,
                                                               pl_rng *rng, uint64_t noise_cut, int length)
{
    if (noise_cut) { /* the table's next state from the flipped actions, as next[s][..] reads them */
        if (late && table) play_half(A, aside, 1, 1, p, ha, hb, rng, noise_cut, length, 1);
        else if (late) play_half(A, aside, 1, 0, p, ha, hb, rng, noise_cut, length, 1);
        else if (table) play_half(A, aside, 0, 1, p, ha, hb, rng, noise_cut, length, 1);
        else play_half(A, aside, 0, 0, p, ha, hb, rng, noise_cut, length, 1);
    } else if (late) {
        if (table) play_half(A, aside, 1, 1, p, ha, hb, rng, 0, length, 0);
        else play_half(A, aside, 1, 0, p, ha, hb, rng, 0, length, 0);
    } else {
        if (table) play_half(A, aside, 0, 1, p, ha, hb, rng, 0, length, 0);
        else play_half(A, aside, 0, 0, p, ha, hb, rng, 0, length, 0);
    }
}

/* play_half for a called player whose move reads nothing but the stream (draw_only.h: First by
 * Anonymous), its rule inlined: no call, so the stream, the automaton's state and the turn's bits
 * stay in registers and the histories are written a word at a time (nothing reads them during the
 * match), as in play_automata.  The same draws in the same order: `called_first` (a constant) 1 when
 * the called player moves before the automaton (the automaton is B, aside 1, or an A that never
 * draws moves late), else A's move first; then A's flip and B's. */
static inline __attribute__((always_inline)) void draw_only_turns(const pl_automaton *A, int aside, int called_first,
                                                                  pl_history *ha, pl_history *hb, pl_rng *rng,
                                                                  uint64_t noise_cut, int length, int noisy)
{
    uint64_t *wa = ha->w, *wb = hb->w;
    int defects_a = 0, defects_b = 0;
    unsigned s = 0;
    pl_rng r = *rng; /* a copy no store to the histories may alias */
    for (int w = 0; w * 64 < length; w++) {
        int in_word = length - w * 64 < 64 ? length - w * 64 : 64;
        uint64_t bits_a = 0, bits_b = 0;
        for (int k = 0; k < in_word; k++) {
            unsigned m, o; /* the automaton's move, the called player's */
            if (called_first) {
                o = pl_anonymous_defects(&r);
                m = cut_defects(&r, A->cut[s]);
            } else {
                m = cut_defects(&r, A->cut[s]);
                o = pl_anonymous_defects(&r);
            }
            unsigned x = aside == 0 ? m : o, y = aside == 0 ? o : m;
            if (noisy) {
                x ^= (unsigned)pl_rng_bernoulli_cut(&r, noise_cut);
                y ^= (unsigned)pl_rng_bernoulli_cut(&r, noise_cut);
            }
            bits_a |= (uint64_t)x << k;
            bits_b |= (uint64_t)y << k;
            s = aside == 0 ? A->next[s][2 * x + y] : A->next[s][2 * y + x];
        }
        wa[w] = bits_a;
        wb[w] = bits_b;
        defects_a += __builtin_popcountll(bits_a);
        defects_b += __builtin_popcountll(bits_b);
    }
    *rng = r;
    ha->n_defect = defects_a;
    hb->n_defect = defects_b;
    ha->len = hb->len = length;
}

/* draw_only_turns with its constants picked at run time; out of line (the loop of pl_match_run
 * keeps its registers). */
static __attribute__((noinline)) void play_draw_only(const pl_automaton *A, int aside, int called_first, pl_history *ha,
                                                     pl_history *hb, pl_rng *rng, uint64_t noise_cut, int length)
{
    if (aside == 1) {
        if (noise_cut) draw_only_turns(A, 1, 1, ha, hb, rng, noise_cut, length, 1);
        else draw_only_turns(A, 1, 1, ha, hb, rng, 0, length, 0);
    } else if (called_first) {
        if (noise_cut) draw_only_turns(A, 0, 1, ha, hb, rng, noise_cut, length, 1);
        else draw_only_turns(A, 0, 1, ha, hb, rng, 0, length, 0);
    } else {
        if (noise_cut) draw_only_turns(A, 0, 0, ha, hb, rng, noise_cut, length, 1);
        else draw_only_turns(A, 0, 0, ha, hb, rng, 0, length, 0);
    }
}

/* automata_of for the buffer's match, taken from the last match when the caller says its players
 * are the same (same_players) and that match looked for them, else made and kept for the next. */
static void automata_known(pl_match_buf *buf, const pl_strategy *a, const pl_strategy *b, const pl_game *g,
                           int known, const pl_automaton *au[2], int det[2])
{
    struct pl_match_autos *m = buf->autos;
    if (!(buf->same_players && m->au_known && m->au_length == known)) {
        automata_of(m, a, b, g, known, m->au, m->det);
        m->acts_side = -1;
        m->au_known = 1;
        m->au_length = known;
    }
    for (int side = 0; side < 2; side++) {
        au[side] = m->au[side];
        det[side] = m->det[side];
    }
}

/* Plays the match as automata when both players are (and the buffer allows it): 1 when played.
 * buf->copied says how many turns play_cycle copied.  When only one is, *half gets it (and its
 * side in *half_side) for play_half; otherwise *half is NULL.  Out of line: inlined in
 * pl_match_run, the automaton loops and the loops that call strategies cost more instructions. */
static __attribute__((noinline)) int play_as_automata(const pl_strategy *a, const pl_strategy *b, const pl_game *g, pl_match_buf *buf,
                            pl_rng *rng, uint64_t noise_cut, int length, int known, const pl_automaton **half,
                            int *half_side)
{
    *half = NULL;
    if (buf->generic || (!automaton_for(a->def, known) && !a->def->memory_one && !automaton_for(b->def, known) &&
                         !b->def->memory_one))
        return 0;
    if (!buf->autos) {
        if (!(buf->autos = pl_calloc(1, sizeof *buf->autos))) return 0; /* the loop of moves will do */
        buf->autos->acts_side = -1;
    }
    const pl_automaton *au[2];
    int det[2] = {0, 0};
    automata_known(buf, a, b, g, known, au, det);
    if (!au[0] || !au[1]) {
        *half_side = au[0] ? 0 : 1;
        *half = au[*half_side];
        return 0;
    }
    const pl_automaton *A = au[0], *B = au[1];
    pl_history *ha = &buf->h[0], *hb = &buf->h[1];
    if (!noise_cut && !buf->no_extrapolate && det[0] && det[1] && A->n <= CYCLE_STATES && B->n <= CYCLE_STATES &&
        seen_room(buf->autos, (size_t)A->n * (size_t)B->n))
        buf->copied = play_cycle(buf->autos, A, B, ha, hb, length);
    else {
        pl_history *h[2] = {ha, hb};
        if (noise_cut) play_automata(A, B, 1, h, rng, noise_cut, length, 1);
        else play_automata(A, B, 1, h, rng, 0, length, 0);
    }
    return 1;
}

int pl_match_run_two(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, uint64_t stream_b1,
                     pl_match_buf *buf, pl_match_buf *buf1)
{
    /* the players' automata as pl_match_run found them (the slots hold them: no build here) */
    if (buf->generic || cfg->prob_end > 0 || !buf->game_checked || !buf->autos) return 0;
    const pl_game *g = cfg->game ? cfg->game : pl_game_standard();
    const pl_automaton *au[2];
    int det[2] = {0, 0};
    automata_known(buf, a, b, g, cfg->turns, au, det); /* a fixed length: pl_match_run's `known` */
    /* a deterministic pair without noise draws nothing (and cycles) */
    if (!au[0] || !au[1] || (!cfg->noise && det[0] && det[1])) return 0;
    /* two memory-one tables, as pl_match_run plays them: the table loop (their automata hold the
     * tables' cuts, state 0 the first turn and 1 + 2x + y after (x, y)) */
    int tables = buf->autos->m1 && au[0] == &buf->autos->m1[0] && au[1] == &buf->autos->m1[1];
    pl_table ta, tb;
    for (int k = 0; tables && k < 5; k++) {
        ta.cut[k] = au[0]->cut[k];
        tb.cut[k] = au[1]->cut[k];
    }
    pl_match_buf *bufs[2] = {buf, buf1};
    pl_rng rng[2], before[2];
    pl_history *h[4];
    int length = cfg->turns;
    for (int l = 0; l < 2; l++) {
        pl_match_config c = *cfg;
        if (l == 1) c.stream_b = stream_b1;
        length = match_begin(&c, &rng[l], bufs[l]);
        before[l] = rng[l];
        h[2 * l] = &bufs[l]->h[0];
        h[2 * l + 1] = &bufs[l]->h[1];
        if (pl_history_reserve(h[2 * l], length) || pl_history_reserve(h[2 * l + 1], length))
            return 0; /* pl_match_run will say so */
    }
    uint64_t noise_cut = pl_rng_cut(cfg->noise);
    if (tables && noise_cut) play_table(&ta, &tb, 2, h, rng, noise_cut, length, 1);
    else if (tables) play_table(&ta, &tb, 2, h, rng, 0, length, 0);
    else {
        /* A side that never draws (the other does: not both deterministic without noise) plays from
         * its actions packed with its next states (pack_actions, made once for the pair's automata),
         * as the first side of play_automata_acts.  Only without noise, and a deterministic B by
         * exchanging the sides rather than a loop that packs B: a second loop, or noise, moved the
         * loops' registers (the field 1,975.5 M instructions as here; 1,984.4 M without packing;
         * 1,977.7 M packing A alone; 1,991.2 M packing B alone in a loop of its own; 1,992.3 M both in
         * loops of their own, with noise too) */
        struct pl_match_autos *m = buf->autos;
        int dside = noise_cut ? -1 : det[0] ? 0 : det[1] ? 1 : -1;
        if (dside >= 0 && m->acts_side != dside) {
            if (m->acts || (m->acts = pl_malloc(PL_AUTOMATON_MAX * sizeof *m->acts))) {
                pack_actions(au[dside], m->acts);
                m->acts_side = dside;
            } else
                dside = -1;
        }
        const uint16_t (*acts)[4] = (const uint16_t (*)[4])m->acts;
        /* B that never draws: without noise only A draws, so the match is the same played with the
         * sides exchanged (each automaton reads the outcome from its own side), its histories too */
        const pl_automaton *P = au[0], *Q = au[1];
        pl_history *hs[4] = {h[0], h[1], h[2], h[3]};
        if (dside == 1) {
            P = au[1], Q = au[0];
            hs[0] = h[1], hs[1] = h[0], hs[2] = h[3], hs[3] = h[2];
        }
        if (noise_cut) play_automata(au[0], au[1], 2, h, rng, noise_cut, length, 1);
        else if (dside >= 0) play_automata_acts(P, Q, 1, acts, 2, hs, rng, 0, length, 0);
        else play_automata(au[0], au[1], 2, h, rng, 0, length, 0);
    }
    for (int l = 0; l < 2; l++) {
        bufs[l]->copied = 0;
        bufs[l]->half = 0;
        bufs[l]->late = 0;
        bufs[l]->drew = memcmp(&before[l], &rng[l], sizeof rng[l]) != 0;
        if (!bufs[l]->no_scores) match_scores(h[2 * l], h[2 * l + 1], g);
    }
    return 1;
}

int pl_match_run(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, pl_match_buf *buf,
                 pl_error *err)
{
    /* the shared standard game: filling a 4 kB pl_game per match cost more than a short match */
    const pl_game *g = cfg->game ? cfg->game : pl_game_standard();
    /* a strategy that cannot be played in this game (an impossible zero-determinant relation) */
    if (!buf->game_checked && ((a->def->check_game && pl_strategy_check_game(a, cfg->game, err)) ||
                               (b->def->check_game && pl_strategy_check_game(b, cfg->game, err))))
        return PL_EINVAL;
    pl_rng rng;
    int length = match_begin(cfg, &rng, buf);
    pl_history *ha = &buf->h[0], *hb = &buf->h[1];
    struct pl_match_autos *m = buf->autos;
    int same = buf->same_players && m && m->known; /* the last match's players: their slots have room */
    if (m && !same) m->known = m->au_known = 0;
    if (!same && state_room(buf, larger(pl_strategy_state_need(a), pl_strategy_state_need(b))))
        return pl_error_set(err, PL_ENOMEM, "out of memory for the players' states");
    party_begin(buf, 0, a);
    party_begin(buf, 1, b);
    if (pl_history_reserve(ha, length) || pl_history_reserve(hb, length))
        return pl_error_set(err, PL_ENOMEM, "out of memory for a match of %d turns", length);

    /* the noise flips as raw-draw comparisons: the same draws and decisions as pl_rng_bernoulli */
    uint64_t noise_cut = pl_rng_cut(cfg->noise);
    pl_rng before = rng;
    pl_table ta = {{0}}, tb = {{0}};
    buf->copied = 0;
    buf->half = 0;
    buf->late = 0;
    int tables;
    if (same) {
        tables = m->tables;
        ta = m->ta;
        tb = m->tb;
    } else {
        tables = !buf->generic && pl_table_of(a, g, 0, &ta) && pl_table_of(b, g, 1, &tb);
        if (m) {
            m->tables = tables;
            m->ta = ta;
            m->tb = tb;
            m->known = 1;
        }
    }
    if (tables && (noise_cut || buf->no_extrapolate || !pl_table_deterministic(&ta) || !pl_table_deterministic(&tb))) {
        pl_history *h[2] = {ha, hb};
        if (noise_cut) play_table(&ta, &tb, 1, h, &rng, noise_cut, length, 1);
        else play_table(&ta, &tb, 1, h, &rng, 0, length, 0);
        buf->drew = cfg->prob_end > 0 || memcmp(&before, &rng, sizeof rng) != 0;
        if (!buf->no_scores) match_scores(ha, hb, g);
        return PL_OK;
    }
    const pl_automaton *half;
    int half_side = 0;
    int known = cfg->prob_end > 0 ? -1 : length; /* the length the players are told (pl_view.length) */
    if (play_as_automata(a, b, g, buf, &rng, noise_cut, length, known, &half, &half_side)) { /* a deterministic table pair comes here to cycle */
        buf->drew = cfg->prob_end > 0 || memcmp(&before, &rng, sizeof rng) != 0;
        if (!buf->no_scores) match_scores(ha, hb, g);
        return PL_OK;
    }
    match_side pa = {.move = a->def->move, .state = buf->state[0], .params = &a->params,
                     .view = {.length = known, .me = ha, .opp = hb, .game = g, .side = 0, .rng = &rng}};
    match_side pb = {.move = b->def->move, .state = buf->state[1], .params = &b->params,
                     .view = {.length = known, .me = hb, .opp = ha, .game = g, .side = 1, .rng = &rng}};
    buf->half = half != NULL;
    if (half) {
        /* a memory-one table as the automaton (pl_table_as_automaton): its next state without a load */
        int table = buf->autos->m1 && half == &buf->autos->m1[half_side];
        if ((half_side == 1 ? a : b)->def->move == pl_anonymous_move) {
            /* the called player reads only the stream: its rule inlined (play_draw_only), late as below
             * after an A that never draws */
            int late = half_side == 0 && buf->autos->det[0] && !buf->half_in_order;
            play_draw_only(half, half_side, half_side == 1 || late, ha, hb, &rng, noise_cut, length);
            buf->late = late;
        } else if (half_side == 1) play_half_as(half, 1, 1, table, &pa, ha, hb, &rng, noise_cut, length);
        else if (buf->autos->det[0] && !buf->half_in_order) {
            /* an automaton A that never draws: its move after B's takes nothing from the stream
             * either way, so late, B on the match's stream */
            play_half_as(half, 0, 1, table, &pb, ha, hb, &rng, noise_cut, length);
            buf->late = 1;
        } else if (pl_strategy_is_stochastic(b) || buf->half_in_order)
            play_half_as(half, 0, 0, table, &pb, ha, hb, &rng, noise_cut, length);
        else {
            /* B called and deterministic by its definition: the automaton A moves after it (late),
             * B given a stream of its own that it should never draw from; if it did, the match is
             * played again with A's move first and B on the match's stream, the order of the draws */
            pl_rng own = rng;
            pb.view.rng = &own;
            play_half_as(half, 0, 1, table, &pb, ha, hb, &rng, noise_cut, length);
            buf->late = 1;
            if (memcmp(&own, &before, sizeof own) != 0) {
                buf->late = 2;
                rng = before;
                pl_history_clear(ha);
                pl_history_clear(hb);
                party_begin(buf, 1, b);
                pb.view.rng = &rng;
                play_half_as(half, 0, 0, table, &pb, ha, hb, &rng, noise_cut, length);
            }
        }
    } else if (noise_cut) play_turns(&pa, &pb, ha, hb, &rng, noise_cut, length, 1);
    else play_turns(&pa, &pb, ha, hb, &rng, 0, length, 0);
    /* Every draw moves the state on (xoshiro256** has period 2^256 - 1), so an unchanged state
     * means the turns drew nothing; a probabilistic length counts as a draw. */
    buf->drew = cfg->prob_end > 0 || memcmp(&before, &rng, sizeof rng) != 0;
    if (pl_strategy_def_failed(a->def, buf->state[0]) || pl_strategy_def_failed(b->def, buf->state[1]))
        return pl_error_set(err, PL_ENOMEM, "out of memory for a Meta player's team");
    if (!buf->no_scores) match_scores(ha, hb, g);
    return PL_OK;
}

int pl_match_play(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, pl_match_result **out,
                  pl_error *err)
{
    *out = NULL;
    int rc = pl_match_config_check(cfg, err);
    if (rc) return rc;
    pl_match_result *r = pl_calloc(1, sizeof *r);
    if (!r) return pl_error_set(err, PL_ENOMEM, "out of memory");
    if (pl_match_buf_init(&r->buf, cfg->turns > 0 ? cfg->turns : PL_MATCH_BUF_TURNS)) {
        pl_free(r);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    rc = pl_match_run(a, b, cfg, &r->buf, err);
    if (rc) {
        pl_match_result_free(r);
        return rc;
    }
    *out = r;
    return PL_OK;
}

void pl_match_result_free(pl_match_result *r)
{
    if (!r) return;
    pl_match_buf_free(&r->buf);
    pl_free(r);
}

int pl_match_result_turns(const pl_match_result *r) { return r->buf.h[0].len; }
int pl_match_result_action(const pl_match_result *r, int party, int t) { return pl_hist_at(&r->buf.h[party & 1], t); }
double pl_match_result_score(const pl_match_result *r, int party) { return r->buf.h[party & 1].score; }

/* A history as a string of C and D, for the result and the stepper alike. */
static void history_letters(const pl_history *h, char *buf)
{
    for (int t = 0; t < h->len; t++) buf[t] = pl_hist_at(h, t) ? 'D' : 'C';
    buf[h->len] = '\0';
}

void pl_match_result_actions(const pl_match_result *r, int party, char *buf)
{
    history_letters(&r->buf.h[party & 1], buf);
}

/* ---- the stepper: the same loop, one turn at a time, party A driven from outside ---- */

struct pl_match_stepper {
    pl_match_buf buf;
    pl_strategy *opp;       /* party B, the stepper's own copy */
    pl_game game;
    pl_rng rng;
    pl_view vb;             /* what B sees; points into this struct */
    int length;
    int length_known;       /* 0 with a probabilistic end */
    double noise;
    unsigned char *flips;   /* per turn: bit 0 A's action was flipped by noise, bit 1 B's */
    int flips_cap;
};

int pl_match_stepper_create(pl_match_stepper **out, const pl_strategy *opponent, const pl_match_config *cfg,
                            pl_error *err)
{
    *out = NULL;
    if (!opponent) return pl_error_set(err, PL_EINVAL, "the stepper needs an opponent strategy");
    int rc = pl_match_config_check(cfg, err);
    if (rc) return rc;
    if ((rc = pl_strategy_check_game(opponent, cfg->game, err))) return rc;
    pl_match_stepper *st = pl_calloc(1, sizeof *st);
    if (!st) return pl_error_set(err, PL_ENOMEM, "out of memory");
    int hint = cfg->turns > 0 && cfg->turns < 1 << 16 ? cfg->turns : 256;
    if (pl_match_buf_init(&st->buf, hint)) {
        pl_free(st);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    st->opp = pl_strategy_clone(opponent);
    st->flips_cap = hint;
    st->flips = pl_malloc((size_t)st->flips_cap);
    if (!st->opp || !st->flips) {
        pl_match_stepper_free(st);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    if (cfg->game) st->game = *cfg->game;
    else pl_game_default(&st->game);
    st->noise = cfg->noise;
    st->length = match_begin(cfg, &st->rng, &st->buf);
    st->length_known = !(cfg->prob_end > 0);
    if (state_room(&st->buf, pl_strategy_state_need(st->opp))) {
        pl_match_stepper_free(st);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    party_begin(&st->buf, 1, st->opp);
    st->vb = (pl_view){.length = st->length_known ? st->length : -1, .me = &st->buf.h[1], .opp = &st->buf.h[0],
                       .game = &st->game, .side = 1, .rng = &st->rng};
    *out = st;
    return PL_OK;
}

void pl_match_stepper_free(pl_match_stepper *st)
{
    if (!st) return;
    pl_match_buf_free(&st->buf);
    pl_strategy_free(st->opp);
    pl_free(st->flips);
    pl_free(st);
}

int pl_match_stepper_step(pl_match_stepper *st, int my_action, int *their_action, pl_error *err)
{
    int t = st->buf.h[0].len;
    if (t >= st->length) return pl_error_set(err, PL_EINVAL, "the match is over: it lasted %d turns", st->length);
    if (my_action != PL_C && my_action != PL_D)
        return pl_error_set(err, PL_EINVAL, "an action is PL_C (0) or PL_D (1), got %d", my_action);
    if (t >= st->flips_cap) {
        int cap = st->flips_cap * 2;
        unsigned char *f = pl_realloc(st->flips, (size_t)cap);
        if (!f) return pl_error_set(err, PL_ENOMEM, "out of memory at turn %d", t);
        st->flips = f;
        st->flips_cap = cap;
    }
    st->vb.turn = t;
    int y = st->opp->def->move(st->buf.state[1], &st->opp->params, &st->vb);
    if (pl_strategy_def_failed(st->opp->def, st->buf.state[1]))
        return pl_error_set(err, PL_ENOMEM, "out of memory for a Meta player's team at turn %d", t);
    unsigned flips;
    if (match_resolve(&st->buf, &st->game, &st->rng, st->noise, my_action, y, &flips))
        return pl_error_set(err, PL_ENOMEM, "out of memory at turn %d", t);
    st->flips[t] = (unsigned char)flips;
    if (their_action) *their_action = pl_hist_at(&st->buf.h[1], t);
    return PL_OK;
}

int pl_match_stepper_turn(const pl_match_stepper *st) { return st->buf.h[0].len; }
int pl_match_stepper_length(const pl_match_stepper *st) { return st->length; }
int pl_match_stepper_length_known(const pl_match_stepper *st) { return st->length_known; }
int pl_match_stepper_done(const pl_match_stepper *st) { return st->buf.h[0].len >= st->length; }
double pl_match_stepper_score(const pl_match_stepper *st, int party) { return st->buf.h[party & 1].score; }
int pl_match_stepper_cooperations(const pl_match_stepper *st, int party)
{
    return pl_hist_coops(&st->buf.h[party & 1]);
}
int pl_match_stepper_action(const pl_match_stepper *st, int party, int t)
{
    return pl_hist_at(&st->buf.h[party & 1], t);
}
int pl_match_stepper_flipped(const pl_match_stepper *st, int party, int t)
{
    return (st->flips[t] >> (party & 1)) & 1;
}
void pl_match_stepper_actions(const pl_match_stepper *st, int party, char *buf)
{
    history_letters(&st->buf.h[party & 1], buf);
}
const pl_strategy *pl_match_stepper_opponent(const pl_match_stepper *st) { return st->opp; }
const pl_game *pl_match_stepper_game(const pl_match_stepper *st) { return &st->game; }

pl_rng *pl_match_stepper_rng(pl_match_stepper *st) { return &st->rng; }
const pl_history *pl_match_stepper_history(const pl_match_stepper *st, int party) { return &st->buf.h[party & 1]; }
