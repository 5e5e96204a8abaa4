// SPDX-License-Identifier: MIT
/* meta.c — the Meta players of Axelrod-Python 4.13 (axelrod/strategies/meta.py): a player
 * that runs a whole team of the registry's strategies every turn and chooses its own move
 * from their proposals (by majority, by minority, after the best scorer so far, at random
 * among the best, at random), and Memory Decay, a team of one.
 *
 * The team.  As the reference builds it: every "ordinary" strategy of the reference (a class
 * of its all_strategies that neither inspects nor manipulates source or state: Darwin is the
 * one that does, flagged PL_INSPECTS_SOURCE | PL_MANIPULATES_STATE), less the Meta players
 * themselves (PL_META), each with its default parameters, then filtered by the variant's
 * rule on the player's classifiers
 * (memory depth at most 1, finite, unbounded; deterministic, stochastic).  The registry is
 * parley's, so a team counts exactly the reference's players that parley has, in the order of
 * the reference's list (data/reference_names.h).  Built once, on first use.
 *
 * A turn.  Every member chooses from its own view: the opponent's real history, and as its
 * own history the moves *it proposed* (the reference appends each member's proposal, not the
 * Meta player's move, to the member's history: MetaPlayer.update_histories).  A member's
 * running score is its proposal against the opponent's real move, in the match's game
 * (MetaWinner._update_scores).  The last turn's proposals are recorded at the start of the
 * next move, so a move is all a turn needs.  Stochastic members draw from the match's
 * stream in team order: the reference seeds each member from its own generator, which no
 * other library reproduces, so the stochastic Meta players match it in distribution.
 *
 * Members that are automata or memory-one tables (their definition's automaton or
 * memory_one hook) are not called: each keeps its state in the team's loop, draws with its
 * state's cut and moves on by its proposal and the opponent's move, which the hooks promise
 * is what its move does, draw for draw (tests/unit/test_strategies_meta.c plays the teams
 * both ways).
 *
 * The nice ones apply the reference's nice transformer after the choice (C while the opponent
 * has never defected); the ensembles draw their pick every turn even where it is overridden,
 * as the reference's wrapped strategy does.
 *
 * Memory.  The members' states (one block) and histories are taken at init and given back by
 * release (strategy_def.h); the histories' moves share one block too, which grows with the
 * match (speed: docs/performance.md, Meta players).  Where that memory cannot be
 * had the player plays C without its team and says it failed (strategy_def.h: failed), and
 * the engine fails the match with PL_ENOMEM.  Only the teams' own tables, built once at the
 * first use, stop the program when they cannot be made (as the registry does at start-up). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/alloc.h"
#include "strategies/registry.h"
#include "strategies/data/reference_names.h"

#define REF_LANGNER "Axelrod-Python (Karol Langner), axelrod/strategies/meta.py"
#define REF_HARPER "Axelrod-Python (Marc Harper), axelrod/strategies/meta.py"
#define REF_KNIGHT "Axelrod-Python (Vince Knight), axelrod/strategies/meta.py"
#define REF_DECAY "Axelrod-Python 4.13, axelrod/strategies/meta.py (MemoryDecay)"

/* ---- teams ---------------------------------------------------------------- */

enum team_rule { TEAM_ALL, TEAM_MEMORY_ONE, TEAM_FINITE, TEAM_LONG, TEAM_DETERMINISTIC, TEAM_STOCHASTIC, TEAM_TFT, TEAM_RULES };

/* What a turn needs of one member, side by side: one stream through the team. */
typedef struct meta_member {
    int (*move)(void *state, const pl_params *p, const pl_view *v);
    size_t offset; /* of its state in the block, 16-aligned (packed: fewer cache lines a turn) */
} meta_member;

typedef struct meta_team {
    size_t n;
    meta_member *member;
    const pl_strategy_def **def;
    pl_params *params;
    const pl_automaton **autom; /* member i as an automaton (its definition's hook), or NULL */
    size_t state_size; /* of all the members' states */
} meta_team;

static meta_team teams[TEAM_RULES];
static pthread_once_t teams_once = PTHREAD_ONCE_INIT;

/* Building the teams' tables (a few kB, once): without them no Meta player can be made. */
static void out_of_memory(void)
{
    fputs("parley: out of memory for the Meta players' teams\n", stderr);
    abort();
}

static int rule_admits(enum team_rule rule, const pl_strategy_info *in)
{
    switch (rule) {
    case TEAM_ALL: return 1;
    case TEAM_MEMORY_ONE: return in->memory_depth >= 0 && in->memory_depth <= 1;
    case TEAM_FINITE: return in->memory_depth >= 0;
    case TEAM_LONG: return in->memory_depth < 0;
    case TEAM_DETERMINISTIC: return !in->stochastic;
    case TEAM_STOCHASTIC: return in->stochastic;
    case TEAM_TFT: return in->class_name && !strcmp(in->class_name, "TitForTat");
    default: return 0;
    }
}

/* The registry's entry of a reference class that may play in a team, or -1. */
static long ordinary_entry(const char *class_name)
{
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        const pl_strategy_def *d = pl_registry_def_at(i);
        if (in->class_name && !strcmp(in->class_name, class_name))
            return d->flags & (PL_META | PL_INSPECTS_SOURCE | PL_MANIPULATES_SOURCE | PL_MANIPULATES_STATE) ? -1 : (long)i;
    }
    return -1;
}

/* Class r of the reference as an automaton with its default parameters, or NULL: made once,
 * shared by every team (an automaton hangs on nothing but the parameters). */
static const pl_automaton *member_automaton(const pl_strategy_def *d)
{
    if (!d->automaton) return NULL;
    pl_automaton *a = malloc(sizeof *a);
    if (!a) out_of_memory();
    pl_params p;
    pl_registry_params_default(d, &p);
    if (d->automaton(&p, a)) return a;
    free(a);
    return NULL;
}

static void teams_build(void)
{
    long *entry = malloc(PL_REFERENCE_COUNT * sizeof *entry);
    const pl_automaton **autom = calloc(PL_REFERENCE_COUNT, sizeof *autom);
    if (!entry || !autom) out_of_memory();
    for (size_t r = 0; r < PL_REFERENCE_COUNT; r++) {
        entry[r] = ordinary_entry(pl_reference_names[r].class_name);
        if (entry[r] >= 0) autom[r] = member_automaton(pl_registry_def_at((size_t)entry[r]));
    }
    for (int rule = 0; rule < TEAM_RULES; rule++) {
        meta_team *t = &teams[rule];
        size_t n = 0;
        for (size_t r = 0; r < PL_REFERENCE_COUNT; r++)
            if (entry[r] >= 0 && rule_admits(rule, pl_strategy_info_at((size_t)entry[r]))) n++;
        t->def = calloc(n ? n : 1, sizeof *t->def);
        t->params = calloc(n ? n : 1, sizeof *t->params);
        t->member = calloc(n ? n : 1, sizeof *t->member);
        t->autom = calloc(n ? n : 1, sizeof *t->autom);
        if (!t->def || !t->params || !t->member || !t->autom) out_of_memory();
        for (size_t r = 0; r < PL_REFERENCE_COUNT; r++) {
            if (entry[r] < 0 || !rule_admits(rule, pl_strategy_info_at((size_t)entry[r]))) continue;
            const pl_strategy_def *d = pl_registry_def_at((size_t)entry[r]);
            t->def[t->n] = d;
            pl_registry_params_default(d, &t->params[t->n]);
            t->member[t->n] = (meta_member){d->move, t->state_size};
            t->autom[t->n] = autom[r];
            t->state_size += pl_strategy_def_state_bytes(d);
            t->state_size = (t->state_size + 15) / 16 * 16; /* malloc's alignment, enough for any state */
            t->n++;
        }
        t->state_size = (t->state_size + 63) / 64 * 64; /* aligned_alloc's size rule */
    }
    free(entry);
    free(autom); /* the automata themselves stay: the teams point to them */
}

static const meta_team *team_of(enum team_rule rule)
{
    pthread_once(&teams_once, teams_build);
    return &teams[rule];
}

/* ---- a Meta player in a match --------------------------------------------- */

enum meta_choice { CHOOSE_MAJORITY, CHOOSE_MINORITY, CHOOSE_WINNER, CHOOSE_ENSEMBLE, CHOOSE_MIXER, CHOOSE_DECAY };

/* What makes one Meta player: its team's rule, how it chooses, and whether it is nice
 * (the reference's nice transformer: never the first to defect). */
typedef struct meta_kind {
    const char *class_name;
    enum team_rule rule;
    enum meta_choice choice;
    int nice;
} meta_kind;

/* Memory Decay's parameters, in this order in its params[]. */
enum { P_DELETE, P_ALTER, P_LOSS, P_GAIN, P_START };

/* A member played without a call (its automaton, or its memory-one table in the match's game
 * as the automaton "first turn, then the last outcome"): its chance of cooperating in each
 * state and its next state after its own proposal x and the opponent's move y, next[s][2x + y].
 * These are its hooks' contracts (strategy_def.h): the very proposals and draws of its move. */
typedef struct meta_fast {
    const uint64_t *cut; /* NULL: the member is called */
    const uint16_t (*next)[4];
    unsigned state;
} meta_fast;

/* A memory-one table's next states: 1 + 2x + y whatever the state. */
static const uint16_t table_next[5][4] = {{1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, 4}};

typedef struct meta_run {
    const meta_team *team;
    meta_fast *fast;         /* per member, set at the first move (a table hangs on the game) */
    uint64_t (*cuts)[5];     /* the memory-one members' tables */
    int recorded;            /* turns recorded in the histories */
    unsigned char *states;   /* the members' states, at team->member[i].offset */
    pl_history *hist;        /* each member's own proposals (scores in them: its running score) */
    uint64_t *words;         /* the histories' packed moves, one block: member i's at i * words_per */
    size_t words_per;
    unsigned char *proposal; /* this turn's */
    int *order;              /* Ensemble's ranking of the whole team, best first, kept from turn to turn */
    int *split;              /* its scratch: the ranking split by the last proposals (2 n) */
    unsigned char *last;     /* the proposals the scores were last updated by */
    int ranked;              /* order holds a ranking */
    int started;             /* the histories have their first capacity */
    int plain;               /* pl_meta_plain_loop as the match began: the plain turn */
    /* Memory Decay's memory of the opponent's moves */
    unsigned char *memory;
    int mem_len, mem_cap, mem_defects;
} meta_run;

typedef struct meta_state {
    meta_run *run;        /* NULL when it could not be had */
    const meta_kind *kind;
    int failed;           /* out of memory: plays C, the engine reports it */
} meta_state;

static void meta_release(void *state);

static void meta_start(void *state, const meta_kind *kind)
{
    meta_state *s = state;
    s->kind = kind;
    const meta_team *t = team_of(kind->rule);
    meta_run *r = pl_calloc(1, sizeof *r);
    s->run = r;
    if (!r) {
        s->failed = 1;
        return;
    }
    r->team = t;
    r->states = t->state_size ? pl_aligned_alloc(64, t->state_size) : NULL;
    r->hist = pl_calloc(t->n ? t->n : 1, sizeof *r->hist);
    r->proposal = pl_calloc(t->n ? t->n : 1, 1);
    r->order = pl_calloc(t->n ? t->n : 1, sizeof *r->order);
    r->split = pl_calloc(t->n ? 2 * t->n : 1, sizeof *r->split);
    r->last = pl_calloc(t->n ? t->n : 1, 1);
    r->fast = pl_calloc(t->n ? t->n : 1, sizeof *r->fast);
    r->cuts = pl_calloc(t->n ? t->n : 1, sizeof *r->cuts);
    if ((t->state_size && !r->states) || !r->hist || !r->proposal || !r->order || !r->split || !r->last || !r->fast ||
        !r->cuts) {
        free(r->states);
        r->states = NULL;
        meta_release(state);
        s->failed = 1;
        return;
    }
    for (size_t i = 0; i < t->n; i++) {
        void *st = r->states + t->member[i].offset;
        memset(st, 0, pl_strategy_def_clear_size(t->def[i]));
        if (t->def[i]->init) t->def[i]->init(st, &t->params[i]);
    }
}

static int meta_failed(const void *state) { return ((const meta_state *)state)->failed; }

static void meta_release(void *state)
{
    meta_state *s = state;
    meta_run *r = s->run;
    if (!r) return;
    for (size_t i = 0; i < r->team->n && r->hist; i++) {
        if (r->states && r->team->def[i]->release) r->team->def[i]->release(r->states + r->team->member[i].offset);
    }
    free(r->states);
    pl_free(r->words);
    pl_free(r->hist);
    pl_free(r->proposal);
    pl_free(r->order);
    pl_free(r->split);
    pl_free(r->last);
    pl_free(r->fast);
    pl_free(r->cuts);
    pl_free(r->memory);
    pl_free(r);
    s->run = NULL;
}

/* Gives the members' histories room for `words_per` words each, in one block (member by
 * member, so a turn's pushes and reads stay within a few cache lines), keeping what they
 * hold.  The members' histories all have one length, so they fill up together and grow
 * here, never one by one (pl_history_grow would reallocate a pointer into the block). */
static int histories_resize(meta_run *r, size_t words_per)
{
    size_t n = r->team->n ? r->team->n : 1;
    uint64_t *w = pl_calloc(n * words_per, sizeof *w);
    if (!w) return -1;
    for (size_t i = 0; i < r->team->n; i++) {
        if (r->words) memcpy(w + i * words_per, r->words + i * r->words_per, r->words_per * sizeof *w);
        r->hist[i].w = w + i * words_per;
        r->hist[i].cap = (int)(words_per * 64);
    }
    pl_free(r->words);
    r->words = w;
    r->words_per = words_per;
    return 0;
}

static int plain_loop; /* pl_meta_plain_loop; a match reads it once, as it begins (meta_run.plain) */

void pl_meta_plain_loop(int on) { plain_loop = on; }

/* Which members are played without a call in this match, from the game and side the first
 * move sees: an automaton, else a memory-one table, else none. */
static void fast_members(meta_run *r, const pl_view *v)
{
    const meta_team *t = r->team;
    for (size_t i = 0; i < t->n && !r->plain; i++) {
        meta_fast *f = &r->fast[i];
        if (t->autom[i]) {
            *f = (meta_fast){t->autom[i]->cut, t->autom[i]->next, 0};
        } else if (pl_strategy_def_table_cuts(t->def[i], &t->params[i], v->game, v->side, r->cuts[i])) {
            *f = (meta_fast){r->cuts[i], table_next, 0};
        }
    }
}

/* Makes the members' histories ready for the last turn's proposals: their first capacity
 * (the match's length when known) or twice it when they are full (they all hold the same
 * turns; the members played without a call keep only their scores there). */
static int histories_ready(meta_run *r, const pl_view *v)
{
    if (!r->started) {
        int cap = v->length > 0 && v->length < (1 << 20) ? v->length : 256;
        r->started = 1;
        r->plain = plain_loop;
        fast_members(r, v);
        return histories_resize(r, ((size_t)cap + 63) / 64);
    }
    if ((size_t)r->recorded == r->words_per * 64) return histories_resize(r, 2 * r->words_per);
    return 0;
}

/* 1 when member i ranks before member j: a higher running score, or the same and a higher
 * team index, as the reference sorts (score, index) descending. */
static inline int ranks_before(const meta_run *r, int i, int j)
{
    double si = r->hist[i].score, sj = r->hist[j].score;
    return si > sj || (si == sj && i > j);
}

/* Ensemble's pick: one of the best 8 % of the members by running score (at least one), the
 * k-th best with k drawn uniformly.  The whole team's ranking is kept from turn to turn: since
 * the last pick each member's score grew by what its last proposal earned, one amount for
 * those that proposed C and one for D, so each group keeps its order and the new ranking is
 * the two merged.  The ranking is then checked pair by pair and, where a rounding made two
 * scores equal (so the index decides), sorted again: it is always the exact ranking. */
static int ensemble_pick(meta_run *r, const pl_view *v)
{
    int n = (int)r->team->n, *order = r->order;
    size_t keep = (size_t)((double)n * 0.08);
    if (keep < 1) keep = 1;
    if (r->plain) { /* the plain turn: the best `keep` selected afresh from the whole team */
        for (int i = 0; i < n; i++) order[i] = i;
        for (size_t k = 0; k < keep; k++) {
            size_t best = k;
            for (size_t j = k + 1; j < (size_t)n; j++)
                if (ranks_before(r, order[j], order[best])) best = j;
            int tmp = order[k];
            order[k] = order[best];
            order[best] = tmp;
        }
        r->ranked = 0;
        return order[pl_rng_below(v->rng, keep)];
    }
    if (!r->ranked) {
        for (int k = 0; k < n; k++) order[k] = n - 1 - k; /* no score yet: by index, highest first */
        r->ranked = 1;
    } else {
        int *c = r->split, *d = r->split + n, nc = 0, nd = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (r->last[i]) d[nd++] = i;
            else c[nc++] = i;
        }
        int a = 0, b = 0, k = 0;
        while (a < nc && b < nd) order[k++] = ranks_before(r, c[a], d[b]) ? c[a++] : d[b++];
        while (a < nc) order[k++] = c[a++];
        while (b < nd) order[k++] = d[b++];
    }
    for (int k = 1; k < n; k++)
        if (!ranks_before(r, order[k - 1], order[k])) { /* insertion sort: a few places out at most */
            for (int m = k; m < n; m++) {
                int x = order[m], j = m;
                while (j > 0 && ranks_before(r, x, order[j - 1])) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = x;
            }
            break;
        }
    memcpy(r->last, r->proposal, (size_t)n); /* next turn's scores grow by these */
    return order[pl_rng_below(v->rng, keep)];
}

/* Memory Decay's memory: the opponent's moves, with a chance each turn to flip one and to
 * forget one (each chosen uniformly). */
static int memory_push(meta_run *r, int a)
{
    if (r->mem_len == r->mem_cap) {
        int cap = r->mem_cap ? 2 * r->mem_cap : 64;
        unsigned char *m = pl_realloc(r->memory, (size_t)cap);
        if (!m) return -1;
        r->memory = m;
        r->mem_cap = cap;
    }
    r->memory[r->mem_len++] = (unsigned char)a;
    r->mem_defects += a;
    return 0;
}

static int memory_decay_choose(meta_state *s, const pl_params *p, const pl_view *v, int start_move)
{
    meta_run *r = s->run;
    if (v->turn > 0 && memory_push(r, pl_view_opp_last(v))) {
        s->failed = 1;
        return PL_C;
    }
    if (v->turn < (int)p->num[P_START]) return start_move;
    if (pl_rng_uniform(v->rng) <= p->num[P_ALTER] && r->mem_len > 0) {
        int k = (int)pl_rng_below(v->rng, (uint64_t)r->mem_len);
        r->mem_defects += r->memory[k] ? -1 : 1;
        r->memory[k] ^= 1;
    }
    if (pl_rng_uniform(v->rng) <= p->num[P_DELETE] && r->mem_len > 0) {
        int k = (int)pl_rng_below(v->rng, (uint64_t)r->mem_len);
        r->mem_defects -= r->memory[k];
        memmove(r->memory + k, r->memory + k + 1, (size_t)(r->mem_len - k - 1));
        r->mem_len--;
    }
    double net = p->num[P_GAIN] * (r->mem_len - r->mem_defects) + p->num[P_LOSS] * r->mem_defects;
    return net < 0 ? PL_D : PL_C;
}

/* What a turn's pass over the team adds up for the choice: nothing (the ensembles, Mixer, Memory
 * Decay), the defections (Majority, Minority), or the best running score and whether one of its
 * holders proposes C (the Winners). */
enum team_tally { TALLY_NONE, TALLY_COUNT, TALLY_BEST };

typedef struct team_sums {
    size_t defects;
    double best;
    int best_coops;
} team_sums;

/* One pass over the team: each member's last proposal goes into its own history, scored
 * against the opponent's real move, just before the member chooses again from it; and, in the
 * same pass, what the choice needs.  `tally` is a constant at each call, so each kind of player
 * gets a loop without the others' sums (the sums do not depend on the members' order). */
static inline __attribute__((always_inline)) void team_pass(meta_run *r, const pl_view *v, int record, int theirs,
                                                            const double pay[2], enum team_tally tally, team_sums *out)
{
    const meta_team *t = r->team;
    size_t defects = 0;
    double best = -HUGE_VAL;
    int best_coops = 0;
    pl_view mv = *v;
    const meta_member *m = t->member;
    for (size_t i = 0; i < t->n; i++) {
        pl_history *h = &r->hist[i];
        meta_fast *f = &r->fast[i];
        int a;
        if (f->cut) { /* its state follows its proposal and the opponent's move; its draw in team order */
            if (record) {
                int b = r->proposal[i];
                f->state = f->next[f->state][2 * b + theirs];
                h->score += pay[b];
            }
            a = !pl_rng_bernoulli_cut(v->rng, f->cut[f->state]);
        } else {
            if (record) {
                int b = r->proposal[i];
                pl_history_push(h, b, pay[b]); /* cannot fail: histories_ready made the room */
            }
            mv.me = h;
            a = m[i].move(r->states + m[i].offset, &t->params[i], &mv) ? PL_D : PL_C;
        }
        r->proposal[i] = (unsigned char)a;
        if (tally == TALLY_COUNT) defects += (size_t)a;
        if (tally == TALLY_BEST) {
            if (h->score > best) {
                best = h->score;
                best_coops = a == PL_C;
            } else if (h->score == best) {
                best_coops |= a == PL_C;
            }
        }
    }
    *out = (team_sums){defects, best, best_coops};
}

static int meta_move(void *state, const pl_params *p, const pl_view *v)
{
    meta_state *s = state;
    if (s->failed) return PL_C;
    meta_run *r = s->run;
    const meta_team *t = r->team;
    if (histories_ready(r, v)) {
        s->failed = 1;
        return PL_C;
    }
    double pay[2] = {0, 0};
    int record = v->turn > 0, theirs = 0;
    if (record) {
        theirs = pl_view_opp_last(v);
        pay[PL_C] = pl_view_payoff(v, PL_C, theirs);
        pay[PL_D] = pl_view_payoff(v, PL_D, theirs);
        r->recorded++;
    }
    team_sums sum;
    enum meta_choice choice = s->kind->choice;
    if (choice == CHOOSE_MAJORITY || choice == CHOOSE_MINORITY) team_pass(r, v, record, theirs, pay, TALLY_COUNT, &sum);
    else if (choice == CHOOSE_WINNER) team_pass(r, v, record, theirs, pay, TALLY_BEST, &sum);
    else team_pass(r, v, record, theirs, pay, TALLY_NONE, &sum);
    size_t defects = sum.defects, coops = t->n - defects;
    int action = PL_C;
    switch (choice) {
    case CHOOSE_MAJORITY: action = defects > coops ? PL_D : PL_C; break;
    case CHOOSE_MINORITY: action = defects < coops ? PL_D : PL_C; break;
    case CHOOSE_WINNER: action = t->n && !sum.best_coops ? PL_D : PL_C; break; /* C if one of the best scorers so far proposes C */
    case CHOOSE_ENSEMBLE: action = t->n ? r->proposal[ensemble_pick(r, v)] : PL_C; break;
    case CHOOSE_MIXER: action = t->n ? r->proposal[pl_rng_below(v->rng, t->n)] : PL_C; break;
    case CHOOSE_DECAY: action = memory_decay_choose(s, p, v, t->n ? r->proposal[0] : PL_C); break;
    }
    /* the reference's nice transformer: no first defection */
    if (s->kind->nice && action == PL_D && v->opp->n_defect == 0) action = PL_C;
    return action;
}

/* ---- the table ---------------------------------------------------------------- */

/* Every Meta player: id, name, Axelrod display name (team size as the reference shows it),
 * class, reference, flags (as the reference classifies the player made with its team: the
 * game and length its team uses, tests/unit/test_strategies_meta.c derives them; but Meta
 * Mixer, whose _post_init never collects its team's, uses neither), team rule, choice, nice. */
#define USES (PL_USES_GAME | PL_USES_LENGTH)
#define STOCH_SLOW (PL_STOCHASTIC | PL_LONG_RUN_TIME | USES)
#define STOCH_SLOW_GAME (PL_STOCHASTIC | PL_LONG_RUN_TIME | PL_USES_GAME)
#define META_LIST(X)                                                                                                 \
    X(meta_majority, "Meta Majority", "Meta Majority: 217 players", MetaMajority, REF_LANGNER, STOCH_SLOW,          \
      TEAM_ALL, CHOOSE_MAJORITY, 0)                                                                                  \
    X(meta_minority, "Meta Minority", "Meta Minority: 217 players", MetaMinority, REF_LANGNER, STOCH_SLOW,          \
      TEAM_ALL, CHOOSE_MINORITY, 0)                                                                                  \
    X(meta_winner, "Meta Winner", "Meta Winner: 217 players", MetaWinner, REF_LANGNER, STOCH_SLOW, TEAM_ALL,        \
      CHOOSE_WINNER, 0)                                                                                              \
    X(meta_winner_ensemble, "Meta Winner Ensemble", "Meta Winner Ensemble: 217 players", MetaWinnerEnsemble,       \
      REF_HARPER, STOCH_SLOW, TEAM_ALL, CHOOSE_ENSEMBLE, 0)                                                          \
    X(nice_meta_winner, "Nice Meta Winner", "Nice Meta Winner: 217 players", NiceMetaWinner, REF_LANGNER,          \
      STOCH_SLOW, TEAM_ALL, CHOOSE_WINNER, 1)                                                                        \
    X(nice_meta_winner_ensemble, "Nice Meta Winner Ensemble", "Nice Meta Winner Ensemble: 217 players",            \
      NiceMetaWinnerEnsemble, REF_HARPER, STOCH_SLOW, TEAM_ALL, CHOOSE_ENSEMBLE, 1)                                   \
    X(meta_majority_memory_one, "Meta Majority Memory One", "Meta Majority Memory One: 37 players",                \
      MetaMajorityMemoryOne, REF_HARPER, PL_STOCHASTIC | PL_USES_GAME, TEAM_MEMORY_ONE, CHOOSE_MAJORITY, 0)                  \
    X(meta_majority_finite_memory, "Meta Majority Finite Memory", "Meta Majority Finite Memory: 81 players",      \
      MetaMajorityFiniteMemory, REF_HARPER, STOCH_SLOW_GAME, TEAM_FINITE, CHOOSE_MAJORITY, 0)                             \
    X(meta_majority_long_memory, "Meta Majority Long Memory", "Meta Majority Long Memory: 136 players",            \
      MetaMajorityLongMemory, REF_HARPER, STOCH_SLOW, TEAM_LONG, CHOOSE_MAJORITY, 0)                                 \
    X(meta_winner_memory_one, "Meta Winner Memory One", "Meta Winner Memory One: 37 players", MetaWinnerMemoryOne, \
      REF_HARPER, PL_STOCHASTIC | PL_USES_GAME, TEAM_MEMORY_ONE, CHOOSE_WINNER, 0)                                           \
    X(meta_winner_finite_memory, "Meta Winner Finite Memory", "Meta Winner Finite Memory: 81 players",            \
      MetaWinnerFiniteMemory, REF_HARPER, STOCH_SLOW_GAME, TEAM_FINITE, CHOOSE_WINNER, 0)                                 \
    X(meta_winner_long_memory, "Meta Winner Long Memory", "Meta Winner Long Memory: 136 players",                  \
      MetaWinnerLongMemory, REF_HARPER, STOCH_SLOW, TEAM_LONG, CHOOSE_WINNER, 0)                                     \
    X(meta_winner_deterministic, "Meta Winner Deterministic", "Meta Winner Deterministic: 149 players",            \
      MetaWinnerDeterministic, REF_HARPER, PL_LONG_RUN_TIME | USES, TEAM_DETERMINISTIC, CHOOSE_WINNER, 0)            \
    X(meta_winner_stochastic, "Meta Winner Stochastic", "Meta Winner Stochastic: 68 players", MetaWinnerStochastic,\
      REF_HARPER, STOCH_SLOW, TEAM_STOCHASTIC, CHOOSE_WINNER, 0)                                                     \
    X(nmwe_deterministic, "NMWE Deterministic", "NMWE Deterministic: 149 players", NMWEDeterministic, REF_HARPER,  \
      STOCH_SLOW, TEAM_DETERMINISTIC, CHOOSE_ENSEMBLE, 1)                                                            \
    X(nmwe_stochastic, "NMWE Stochastic", "NMWE Stochastic: 68 players", NMWEStochastic, REF_HARPER, STOCH_SLOW,   \
      TEAM_STOCHASTIC, CHOOSE_ENSEMBLE, 1)                                                                           \
    X(nmwe_finite_memory, "NMWE Finite Memory", "NMWE Finite Memory: 81 players", NMWEFiniteMemory, REF_HARPER,   \
      STOCH_SLOW_GAME, TEAM_FINITE, CHOOSE_ENSEMBLE, 1)                                                                   \
    X(nmwe_long_memory, "NMWE Long Memory", "NMWE Long Memory: 136 players", NMWELongMemory, REF_HARPER,           \
      STOCH_SLOW, TEAM_LONG, CHOOSE_ENSEMBLE, 1)                                                                     \
    X(nmwe_memory_one, "NMWE Memory One", "NMWE Memory One: 37 players", NMWEMemoryOne, REF_HARPER,                \
      PL_STOCHASTIC | PL_USES_GAME, TEAM_MEMORY_ONE, CHOOSE_ENSEMBLE, 1)                                                     \
    X(meta_mixer, "Meta Mixer", "Meta Mixer: 217 players", MetaMixer, REF_KNIGHT, PL_STOCHASTIC | PL_LONG_RUN_TIME, TEAM_ALL,             \
      CHOOSE_MIXER, 0)

#define KIND(id, name, axname, cls, ref, flags, rule, choice, nice) static const meta_kind kind_##id = {#cls, rule, choice, nice};
META_LIST(KIND)
#undef KIND
#define INIT(id, name, axname, cls, ref, flags, rule, choice, nice) \
    static void init_##id(void *state, const pl_params *p) { (void)p; meta_start(state, &kind_##id); }
META_LIST(INIT)
#undef INIT

static const meta_kind kind_memory_decay = {"MemoryDecay", TEAM_TFT, CHOOSE_DECAY, 0};
static void init_memory_decay(void *state, const pl_params *p)
{
    (void)p;
    meta_start(state, &kind_memory_decay);
}

static const meta_kind *const kinds[] = {
#define KIND_PTR(id, name, axname, cls, ref, flags, rule, choice, nice) &kind_##id,
    META_LIST(KIND_PTR)
#undef KIND_PTR
    &kind_memory_decay,
};

/* The team of a Meta player by its class (MetaWinner): its size and k-th member, for the
 * tests and `parley strategies`; 0 / NULL for a class that is not one. */
size_t pl_meta_team_size(const char *class_name)
{
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (!strcmp(kinds[k]->class_name, class_name)) return team_of(kinds[k]->rule)->n;
    return 0;
}

const pl_strategy_def *pl_meta_team_member(const char *class_name, size_t i)
{
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (!strcmp(kinds[k]->class_name, class_name)) {
            const meta_team *t = team_of(kinds[k]->rule);
            return i < t->n ? t->def[i] : NULL;
        }
    return NULL;
}

const pl_strategy_def pl_family_meta[] = {
#define DEF(id_, name_, axname_, cls_, ref_, flags_, rule_, choice_, nice_)                                         \
    {.id = #id_, .name = name_, .axelrod_name = axname_, .class_name = #cls_, .reference = ref_,                   \
     .flags = (flags_) | PL_META, .memory_depth = -1, .state_size = sizeof(meta_state), .init = init_##id_,         \
     .move = meta_move, .release = meta_release, .failed = meta_failed},
    META_LIST(DEF)
#undef DEF
    {.id = "memory_decay", .name = "Memory Decay", .axelrod_name = "Memory Decay: 0.1, 0.03, -2, 1, Tit For Tat, 15", .class_name = "MemoryDecay",
     .reference = REF_DECAY, .flags = PL_STOCHASTIC | PL_META, .memory_depth = -1,
     .params = {{.key = "p_delete", .kind = PL_PARAM_REAL, .def = 0.1, .lo = 0, .hi = 1,
                 .help = "chance each turn (after the start) to forget one remembered move of the opponent"},
                {.key = "p_alter", .kind = PL_PARAM_REAL, .def = 0.03, .lo = 0, .hi = 1,
                 .help = "chance each turn (after the start) to flip one remembered move"},
                {.key = "loss", .kind = PL_PARAM_REAL, .def = -2, .lo = -1e6, .hi = 1e6,
                 .help = "weight of a remembered defection in the net cooperation score"},
                {.key = "gain", .kind = PL_PARAM_REAL, .def = 1, .lo = -1e6, .hi = 1e6,
                 .help = "weight of a remembered cooperation"},
                {.key = "start", .kind = PL_PARAM_INT, .def = 15, .lo = 0, .hi = 1e9,
                 .help = "turns played as Tit For Tat before the memory decides"}},
     .state_size = sizeof(meta_state), .init = init_memory_decay, .move = meta_move, .release = meta_release, .failed = meta_failed},
    {0},
};
