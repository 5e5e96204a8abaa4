// SPDX-License-Identifier: MIT
/* transformers.c — strategy transformers: rules wrapped around any strategy.
 *
 * The rules are Axelrod-Python 4.13's (axelrod/strategy_transformers.py), each written
 * here from its definition: the wrapped strategy chooses first (it is always asked, so its
 * own state moves on as in the reference), then the transformer may replace the action.
 * Every level sees the histories as played, after all transformers and noise, except
 * that the dual asks its inner strategy with its own history flipped, as the reference's
 * dual does (there the flip costs O(turns) a move; here a pass over the packed words).
 *
 * Name syntax (docs/strategies.md): kind(inner, args...), nested freely up to PL_TF_MAX
 * levels, e.g. dual(tft), noisy(grudger, 0.1), joss_ann(tft, 0.1, 0.2), flip(dual(tft)),
 * mixed(tft, 0.3, defector).  The reference's display names with the parameterless
 * transformers' prefixes ("Dual Tit For Tat", "Flipped Grudger") and the one-number ones
 * ("Noisy Grudger: 0.1") are read too.
 *
 * Metadata follows the reference's reclassifiers: noisy and forgiver make a player
 * stochastic unless their probability is 0 or 1; initial and final raise the memory depth
 * to their sequence's length and final reads the match length; retaliation raises it to
 * its count and retaliate-until-apology to 1; Joss-Ann at (1, 0) or (0, 1) is a fixed
 * player of memory 0, otherwise stochastic; mixed takes its player's stochasticity at
 * probability 1, is stochastic at any other non-zero one. */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "parley/text.h"
#include "strategies/strategy_handle.h"
#include "strategies/transformers.h"

enum {
    TF_IDENTITY,
    TF_FLIP,
    TF_DUAL,
    TF_NOISY,
    TF_FORGIVER,
    TF_NICE,
    TF_INITIAL,
    TF_FINAL,
    TF_TRACK,
    TF_DEADLOCK,
    TF_GRUDGE,
    TF_APOLOGY,
    TF_MIXED,
    TF_JOSS_ANN,
    TF_RETALIATION,
    TF_RUA,
    TF_COUNT
};

/* What a transformer takes after its inner strategy. */
enum {
    ARG_NONE,
    ARG_OPT_PROB, /* one probability, optional (noisy: 0.05 as the reference's default) */
    ARG_PROB,     /* one probability */
    ARG_SEQ,      /* one sequence of C and D */
    ARG_SEQ2,     /* two sequences of C and D, of one length */
    ARG_COUNT0,   /* a whole number, 0 or more */
    ARG_COUNT1,   /* a whole number, 1 or more */
    ARG_PROB2,    /* two probabilities */
    ARG_MIXED     /* pairs: probability, strategy */
};

static const struct tf_kind {
    const char *name, *alias;
    const char *prefix; /* the reference's name prefix, NULL: none (identity) */
    int args;
    const char *arg_name[2];
    int reclassifies; /* has a reclassifier in the reference (reclassify() below): sets makes_use_of */
} kinds[TF_COUNT] = {
    [TF_IDENTITY] = {"identity", NULL, NULL, ARG_NONE, {0}, 0},
    [TF_FLIP] = {"flip", NULL, "Flipped", ARG_NONE, {0}, 0},
    [TF_DUAL] = {"dual", NULL, "Dual", ARG_NONE, {0}, 0},
    [TF_NOISY] = {"noisy", NULL, "Noisy", ARG_OPT_PROB, {"noise"}, 1},
    [TF_FORGIVER] = {"forgiver", NULL, "Forgiving", ARG_PROB, {"p"}, 1},
    [TF_NICE] = {"nice", NULL, "Nice", ARG_NONE, {0}, 0},
    [TF_INITIAL] = {"initial", NULL, "Initial", ARG_SEQ, {"sequence"}, 1},
    [TF_FINAL] = {"final", NULL, "Final", ARG_SEQ, {"sequence"}, 1},
    [TF_TRACK] = {"track_history", NULL, "HistoryTracking", ARG_NONE, {0}, 0},
    [TF_DEADLOCK] = {"deadlock_breaking", NULL, "DeadlockBreaking", ARG_NONE, {0}, 0},
    [TF_GRUDGE] = {"grudge", NULL, "Grudging", ARG_COUNT0, {"grudges"}, 0},
    [TF_APOLOGY] = {"apology", NULL, "Apologizing", ARG_SEQ2, {"my_sequence", "opponent_sequence"}, 0},
    [TF_MIXED] = {"mixed", NULL, "Mutated", ARG_MIXED, {"probability", "strategy"}, 1},
    [TF_JOSS_ANN] = {"joss_ann", "jossann", "Joss-Ann", ARG_PROB2, {"p_cooperate", "p_defect"}, 1},
    [TF_RETALIATION] = {"retaliation", NULL, "Retaliating", ARG_COUNT1, {"retaliations"}, 1},
    [TF_RUA] = {"retaliate_until_apology", "rua", "RUA", ARG_NONE, {0}, 1},
};

/* ---- playing ------------------------------------------------------------ */

static const pl_strategy *strategy_of(const pl_params *p)
{
    /* the engines pass &s->params of the strategy they play: its chain is beside it */
    return (const pl_strategy *)((const char *)p - offsetof(pl_strategy, params));
}

size_t pl_strategy_state_need(const pl_strategy *s)
{
    return s->tf ? s->tf->total : pl_strategy_def_state_bytes(s->def);
}

/* A strategy's state at the start of a match (or of a mixed-in player's move). */
static void strategy_begin(const pl_strategy *s, void *state)
{
    memset(state, 0, pl_strategy_def_clear_size(s->def));
    if (s->def->init) s->def->init(state, &s->params);
}

static void tf_init(void *state, const pl_params *p)
{
    const pl_tf_chain *c = strategy_of(p)->tf;
    memset(state, 0, c->total);
    strategy_begin(c->base, state);
}

/* Flips every recorded action of h in place (the bits past its length stay 0). */
static void history_flip(const pl_history *ch)
{
    pl_history *h = (pl_history *)ch; /* the engine's own history, lent to this move */
    int full = h->len >> 6, rest = h->len & 63;
    for (int i = 0; i < full; i++) h->w[i] = ~h->w[i];
    if (rest) h->w[full] ^= (1ull << rest) - 1;
    h->n_defect = h->len - h->n_defect;
}

/* 1 if the last n actions of h are those of seq (n = strlen(seq) <= h->len). */
static int history_ends_with(const pl_history *h, const char *seq, int n)
{
    for (int k = 0; k < n; k++)
        if (pl_hist_ago(h, n - k) != (seq[k] == 'D' ? PL_D : PL_C)) return 0;
    return 1;
}

static int level_move(const pl_strategy *s, int k, unsigned char *st, const pl_view *v);

/* A mixed-in player: a fresh instance that sees this player's histories, as the reference
 * makes one for the move. */
static int mixed_move(const pl_strategy *m, unsigned char *scratch, const pl_view *v)
{
    strategy_begin(m, scratch);
    return m->def->move(scratch, &m->params, v);
}

static int level_move(const pl_strategy *s, int k, unsigned char *st, const pl_view *v)
{
    const pl_tf_chain *c = s->tf;
    if (k < 0) return c->base->def->move(st, &c->base->params, v);
    const pl_tf_level *L = &c->level[k];
    int *count = (int *)(void *)(st + c->level_off) + k;
    int a;
    if (L->kind == TF_DUAL) {
        history_flip(v->me);
        a = level_move(s, k - 1, st, v);
        history_flip(v->me);
        return a ^ 1;
    }
    /* Joss-Ann on a player the reference classifies as deterministic does not ask it */
    if (L->kind == TF_JOSS_ANN && !s->stochastic) a = PL_C;
    else a = level_move(s, k - 1, st, v);
    const pl_history *me = v->me, *opp = v->opp;
    switch (L->kind) {
    case TF_FLIP: return a ^ 1;
    case TF_NOISY:
        if (L->num[0] == 0) return a;
        if (L->num[0] == 1) return a ^ 1;
        return pl_rng_uniform(v->rng) < L->num[0] ? a ^ 1 : a;
    case TF_FORGIVER:
        if (a == PL_C) return PL_C;
        if (L->num[0] == 0) return PL_D;
        if (L->num[0] == 1) return PL_C;
        return pl_view_coop_with(v, L->num[0]);
    case TF_NICE: return a == PL_D && opp->n_defect == 0 ? PL_C : a;
    case TF_INITIAL: {
        int n = (int)strlen(L->seq[0]);
        return me->len < n ? pl_actions_at(L->seq[0], me->len) : a;
    }
    case TF_FINAL: {
        int n = (int)strlen(L->seq[0]);
        if (v->length < 0 || me->len >= v->length) return a;
        int left = v->length - me->len; /* this turn included */
        return left <= n ? pl_actions_at(L->seq[0], n - left) : a;
    }
    case TF_DEADLOCK:
        if (me->len < 2) return a;
        {
            int m2 = pl_hist_ago(me, 2), o2 = pl_hist_ago(opp, 2), m1 = pl_hist_ago(me, 1), o1 = pl_hist_ago(opp, 1);
            if (m2 != o2 && m1 != o1 && m2 == o1) return PL_C; /* (C,D),(D,C) or (D,C),(C,D) */
        }
        return a;
    case TF_GRUDGE: return opp->n_defect > (int)L->num[0] ? PL_D : a;
    case TF_APOLOGY: {
        int n = (int)strlen(L->seq[0]);
        if (me->len < n) return a;
        return history_ends_with(me, L->seq[0], n) && history_ends_with(opp, L->seq[1], n) ? PL_C : a;
    }
    case TF_MIXED: {
        double sum = 0;
        for (int i = 0; i < L->n_mixed; i++) sum += L->mixed_p[i];
        if (!(sum > 0)) return a;
        for (int i = 0; i < L->n_mixed; i++)
            if (L->mixed_p[i] == 1) return mixed_move(L->mixed[i], st + c->scratch_off, v);
        if (!(pl_rng_uniform(v->rng) < sum)) return a;
        double u = pl_rng_uniform(v->rng) * sum, acc = 0;
        int pick = L->n_mixed - 1;
        for (int i = 0; i < L->n_mixed; i++) {
            acc += L->mixed_p[i];
            if (u < acc) {
                pick = i;
                break;
            }
        }
        return mixed_move(L->mixed[pick], st + c->scratch_off, v);
    }
    case TF_JOSS_ANN: {
        double pc = L->num[0], pd = L->num[1], rest = 1 - pc - pd;
        if (rest < 0) rest = 0;
        if (pc == 1) return PL_C;
        if (pd == 1) return PL_D;
        if (rest == 1) return a;
        double u = pl_rng_uniform(v->rng);
        return u < pc ? PL_C : u < pc + pd ? PL_D : a;
    }
    case TF_RETALIATION:
        if (me->len == 0) {
            *count = 0;
            return a;
        }
        if (pl_hist_ago(opp, 1) == PL_D) {
            *count += (int)L->num[0] - 1;
            return PL_D;
        }
        if (*count == 0) return a;
        (*count)--;
        return PL_D;
    case TF_RUA: return me->len > 0 && pl_hist_ago(opp, 1) == PL_D ? PL_D : a;
    default: return a; /* identity, track-history */
    }
}

static int tf_move(void *state, const pl_params *p, const pl_view *v)
{
    const pl_strategy *s = strategy_of(p);
    return level_move(s, s->tf->n - 1, state, v);
}

static int tf_check_game(const pl_params *p, const pl_game *g, char *why, size_t whylen)
{
    const pl_tf_chain *c = strategy_of(p)->tf;
    pl_error e;
    if (pl_strategy_check_game(c->base, g, &e)) {
        snprintf(why, whylen, "%s", e.msg);
        return 1;
    }
    for (int k = 0; k < c->n; k++)
        for (int i = 0; i < c->level[k].n_mixed; i++)
            if (pl_strategy_check_game(c->level[k].mixed[i], g, &e)) {
                snprintf(why, whylen, "%s", e.msg);
                return 1;
            }
    return 0;
}

const pl_strategy_def pl_transformed_def = {
    .id = "transformed",
    .name = "a transformed strategy",
    .reference = "Axelrod-Python 4.13, axelrod/strategy_transformers.py",
    .state_size = 1,
    .init = tf_init,
    .move = tf_move,
    .check_game = tf_check_game,
};

/* ---- chains ------------------------------------------------------------- */

void pl_tf_chain_free(pl_tf_chain *c)
{
    if (!c) return;
    pl_strategy_free(c->base);
    for (int k = 0; k < c->n; k++)
        for (int i = 0; i < c->level[k].n_mixed; i++) pl_strategy_free(c->level[k].mixed[i]);
    pl_free(c);
}

pl_tf_chain *pl_tf_chain_clone(const pl_tf_chain *c)
{
    pl_tf_chain *d = pl_malloc(sizeof *d);
    if (!d) return NULL;
    *d = *c;
    int ok = (d->base = pl_strategy_clone(c->base)) != NULL;
    for (int k = 0; k < c->n; k++)
        for (int i = 0; i < c->level[k].n_mixed; i++)
            if (!(d->level[k].mixed[i] = pl_strategy_clone(c->level[k].mixed[i]))) ok = 0;
    if (!ok) {
        pl_tf_chain_free(d);
        return NULL;
    }
    return d;
}

/* ---- metadata and names ----------------------------------------------- */

/* A number as Python's str() shows a float: the shortest form that reads back, ".0" on whole numbers. */
static void py_float(char *out, size_t n, double x)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, n, "%.*g", prec, x);
        if (strtod(out, NULL) == x) break;
    }
    if (!strpbrk(out, ".einn")) strncat(out, ".0", n - strlen(out) - 1);
}

/* A sequence as the reference shows a list of actions: "[D, D, C]". */
static void py_actions(char *out, size_t n, const char *seq)
{
    size_t k = (size_t)snprintf(out, n, "[");
    for (const char *p = seq; *p && k < n; p++) k += (size_t)snprintf(out + k, n - k, "%s%c", p == seq ? "" : ", ", *p);
    if (k < n) snprintf(out + k, n - k, "]");
}

/* The level's arguments in parley's syntax (", 0.1") and in the reference's name (": 0.1"). */
static void level_args(const pl_tf_level *L, char *mine, size_t nm, char *ref, size_t nr)
{
    char a[64], b[64];
    mine[0] = ref[0] = '\0';
    switch (kinds[L->kind].args) {
    case ARG_OPT_PROB:
    case ARG_PROB:
        py_float(a, sizeof a, L->num[0]);
        if (L->given) snprintf(mine, nm, ", %s", a);
        if (L->given) snprintf(ref, nr, ": %s", a);
        break;
    case ARG_COUNT0:
    case ARG_COUNT1:
        snprintf(mine, nm, ", %d", (int)L->num[0]);
        snprintf(ref, nr, ": %d", (int)L->num[0]);
        break;
    case ARG_SEQ:
        py_actions(a, sizeof a, L->seq[0]);
        snprintf(mine, nm, ", %s", L->seq[0]);
        snprintf(ref, nr, ": %.60s", a);
        break;
    case ARG_SEQ2:
        py_actions(a, sizeof a, L->seq[0]);
        py_actions(b, sizeof b, L->seq[1]);
        snprintf(mine, nm, ", %s, %s", L->seq[0], L->seq[1]);
        snprintf(ref, nr, ": %.60s, %.60s", a, b);
        break;
    case ARG_PROB2:
        py_float(a, sizeof a, L->raw[0]);
        py_float(b, sizeof b, L->raw[1]);
        snprintf(mine, nm, ", %s, %s", a, b);
        snprintf(ref, nr, ": (%s, %s)", a, b);
        break;
    case ARG_MIXED: {
        size_t k = 0;
        for (int i = 0; i < L->n_mixed && k < nm; i++) {
            py_float(a, sizeof a, L->mixed_p[i]);
            k += (size_t)snprintf(mine + k, nm - k, ", %s, %s", a, pl_strategy_label(L->mixed[i]));
        }
        break; /* the reference names the players by their classes: no name of its kind here */
    }
    default: break;
    }
}

/* ---- parsing ------------------------------------------------------------ */

static int kind_named(const char *name, size_t len)
{
    for (int k = 0; k < TF_COUNT; k++) {
        const char *n1 = kinds[k].name, *n2 = kinds[k].alias;
        if ((strlen(n1) == len && !strncasecmp(n1, name, len)) || (n2 && strlen(n2) == len && !strncasecmp(n2, name, len)))
            return k;
    }
    return -1;
}

static void trim(const char **p, size_t *len)
{
    while (*len && isspace((unsigned char)**p)) (*p)++, (*len)--;
    while (*len && isspace((unsigned char)(*p)[*len - 1])) (*len)--;
}

typedef struct piece {
    const char *p;
    size_t len;
} piece;

/* Splits [s, s + len) at commas outside parentheses into at most max pieces, trimmed. */
static int split_args(const char *s, size_t len, piece *out, int max, int *n, pl_error *err)
{
    int depth = 0;
    *n = 0;
    const char *start = s;
    for (size_t i = 0; i <= len; i++) {
        char ch = i < len ? s[i] : ',';
        if (ch == '(') depth++;
        else if (ch == ')') depth--;
        if (depth < 0) return pl_error_set(err, PL_EINVAL, "transformer: unbalanced ')' in '%.*s'", (int)len, s);
        if (ch == ',' && depth == 0) {
            if (*n == max) return pl_error_set(err, PL_EINVAL, "transformer: too many arguments in '%.*s'", (int)len, s);
            out[*n] = (piece){start, (size_t)(s + i - start)};
            trim(&out[*n].p, &out[*n].len);
            (*n)++;
            start = s + i + 1;
        }
    }
    if (depth != 0) return pl_error_set(err, PL_EINVAL, "transformer: unbalanced '(' in '%.*s'", (int)len, s);
    return PL_OK;
}

/* 1 if the piece is one number, whatever its length (read_number then says what is wrong
 * with it: a long one is refused as too long, not taken for part of a strategy's name).
 * strtod reads in place: a trimmed piece is followed by a space, ',', ')' or the name's end. */
static int is_number(piece a)
{
    if (a.len == 0 || isspace((unsigned char)a.p[0])) return 0;
    char *end;
    strtod(a.p, &end);
    return end == a.p + a.len;
}

static int read_number(const char *tname, const char *arg, piece a, double lo, double hi, int whole, double *out,
                       pl_error *err)
{
    char buf[64];
    if (a.len == 0) return pl_error_set(err, PL_EINVAL, "transformer %s: '%s' is empty", tname, arg);
    if (a.len >= sizeof buf) return pl_error_set(err, PL_EINVAL, "transformer %s: '%s' is too long", tname, arg);
    memcpy(buf, a.p, a.len);
    buf[a.len] = '\0';
    pl_error e;
    double x;
    if (pl_parse_double(buf, -DBL_MAX, DBL_MAX, &x, &e))
        return pl_error_set(err, PL_EINVAL, "transformer %s: '%s': %s", tname, arg, e.msg);
    if (whole && x != floor(x))
        return pl_error_set(err, PL_EINVAL, "transformer %s: '%s' must be a whole number, got '%s'", tname, arg, buf);
    if (!(x >= lo && x <= hi))
        return pl_error_set(err, PL_EINVAL, "transformer %s: '%s' must be between %g and %g, got %s", tname, arg, lo, hi,
                            buf);
    *out = x;
    return PL_OK;
}

static int read_seq(const char *tname, const char *arg, piece a, char *out, pl_error *err)
{
    if (a.len == 0 || a.len >= PL_PARAM_TEXT_MAX)
        return pl_error_set(err, PL_EINVAL, "transformer %s: '%s' must be 1 to %d actions C or D, got '%.*s'", tname, arg,
                            PL_PARAM_TEXT_MAX - 1, (int)(a.len < 80 ? a.len : 80), a.p);
    for (size_t i = 0; i < a.len; i++)
        if (a.p[i] != 'C' && a.p[i] != 'D')
            return pl_error_set(err, PL_EINVAL, "transformer %s: '%s' must be a string of C and D, got '%.*s'", tname, arg,
                                (int)(a.len < 80 ? a.len : 80), a.p);
    memcpy(out, a.p, a.len);
    out[a.len] = '\0';
    return PL_OK;
}

/* Reads the level's arguments from the last pieces of args[0..*n); leaves the inner
 * strategy's pieces in args[0..*n) on return. */
static int read_level(pl_tf_level *L, piece *args, int *n, pl_error *err)
{
    const struct tf_kind *K = &kinds[L->kind];
    const char *t = K->name;
    int m = *n, need = 0;
    switch (K->args) {
    case ARG_NONE: break;
    case ARG_OPT_PROB:
        L->num[0] = 0.05;
        if (m >= 2 && is_number(args[m - 1])) need = 1;
        break;
    case ARG_PROB:
    case ARG_SEQ:
    case ARG_COUNT0:
    case ARG_COUNT1: need = 1; break;
    case ARG_SEQ2:
    case ARG_PROB2: need = 2; break;
    case ARG_MIXED:
        while (m - 2 >= 1 && L->n_mixed < PL_TF_MIXED_MAX && is_number(args[m - 2]) && !is_number(args[m - 1])) m -= 2, L->n_mixed++;
        if (L->n_mixed == 0)
            return pl_error_set(err, PL_EINVAL,
                                "transformer mixed: expected mixed(STRATEGY, PROBABILITY, OTHER[, PROBABILITY, OTHER...]) "
                                "with up to %d others",
                                PL_TF_MIXED_MAX);
        break;
    }
    if (need && m < need + 1)
        return pl_error_set(err, PL_EINVAL, "transformer %s: expected %s(STRATEGY, %s%s%s)", t, t, K->arg_name[0],
                            need > 1 ? ", " : "", need > 1 ? K->arg_name[1] : "");
    piece *a = args + m - need;
    switch (K->args) {
    case ARG_OPT_PROB:
    case ARG_PROB:
        if (need && read_number(t, K->arg_name[0], a[0], 0, 1, 0, &L->num[0], err)) return PL_EINVAL;
        L->given = need;
        break;
    case ARG_COUNT0:
    case ARG_COUNT1:
        if (read_number(t, K->arg_name[0], a[0], K->args == ARG_COUNT1, 1e9, 1, &L->num[0], err)) return PL_EINVAL;
        break;
    case ARG_SEQ:
        if (read_seq(t, K->arg_name[0], a[0], L->seq[0], err)) return PL_EINVAL;
        break;
    case ARG_SEQ2:
        if (read_seq(t, K->arg_name[0], a[0], L->seq[0], err) || read_seq(t, K->arg_name[1], a[1], L->seq[1], err))
            return PL_EINVAL;
        if (strlen(L->seq[0]) != strlen(L->seq[1]))
            return pl_error_set(err, PL_EINVAL, "transformer %s: '%s' (%s) and '%s' (%s) must be of one length", t,
                                K->arg_name[0], L->seq[0], K->arg_name[1], L->seq[1]);
        break;
    case ARG_PROB2:
        if (read_number(t, K->arg_name[0], a[0], 0, 1, 0, &L->num[0], err) ||
            read_number(t, K->arg_name[1], a[1], 0, 1, 0, &L->num[1], err))
            return PL_EINVAL;
        /* as the reference: probabilities adding up to more than 1 are scaled to add up to 1 */
        L->raw[0] = L->num[0];
        L->raw[1] = L->num[1];
        if (L->num[0] + L->num[1] > 1) {
            double sum = L->num[0] + L->num[1];
            L->num[0] /= sum;
            L->num[1] /= sum;
        }
        break;
    case ARG_MIXED: {
        double sum = 0;
        for (int i = 0; i < L->n_mixed; i++) {
            piece pp = args[m + 2 * i], ps = args[m + 2 * i + 1];
            if (read_number(t, K->arg_name[0], pp, 0, 1, 0, &L->mixed_p[i], err)) return PL_EINVAL;
            sum += L->mixed_p[i];
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)ps.len, ps.p);
            pl_error e;
            int rc = pl_strategy_create(&L->mixed[i], name, &e);
            if (rc) return pl_error_set(err, rc, "transformer mixed: '%s': %s", K->arg_name[1], e.msg);
        }
        if (sum > 1 + 1e-12)
            return pl_error_set(err, PL_EINVAL, "transformer mixed: the probabilities add up to %g, at most 1", sum);
        break;
    }
    default: break;
    }
    *n = m - need;
    return PL_OK;
}

/* Applies the level's reclassification to the strategy's metadata, as the reference does. */
static void reclassify(pl_strategy *s, const pl_tf_level *L)
{
    int *depth = &s->memory_depth;
    int n;
    switch (L->kind) {
    case TF_NOISY:
    case TF_FORGIVER:
        if (L->num[0] != 0 && L->num[0] != 1) s->stochastic = 1;
        break;
    case TF_INITIAL:
    case TF_FINAL:
        n = (int)strlen(L->seq[0]);
        if (*depth >= 0 && *depth < n) *depth = n;
        if (L->kind == TF_FINAL) s->tf_info.uses_length = 1;
        break;
    case TF_RETALIATION:
        if (*depth >= 0 && *depth < (int)L->num[0]) *depth = (int)L->num[0];
        break;
    case TF_RUA:
        if (*depth == 0) *depth = 1;
        break;
    case TF_JOSS_ANN:
        if ((L->num[0] == 1 && L->num[1] == 0) || (L->num[0] == 0 && L->num[1] == 1)) {
            s->stochastic = 0;
            *depth = 0;
            s->tf_info.uses_length = s->tf_info.uses_game = 0;
            s->tf_info.long_run_time = 0;
        } else s->stochastic = 1;
        break;
    case TF_MIXED: {
        double mx = 0;
        for (int i = 0; i < L->n_mixed; i++) mx = L->mixed_p[i] > mx ? L->mixed_p[i] : mx;
        if (mx == 0) break;
        s->stochastic = 1;
        for (int i = 0; i < L->n_mixed; i++)
            if (L->mixed_p[i] == 1) s->stochastic = pl_strategy_is_stochastic(L->mixed[i]);
        break;
    }
    default: break;
    }
}

/* Copies text into dst of n bytes, cut to fit (callers check the length first where a cut matters). */
static void copy_text(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n) len = n - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Wraps strategy *inner (consumed) in one more level: *out is a transformed strategy. */
static int wrap(pl_strategy *inner, pl_tf_level *L, pl_strategy **out, pl_error *err)
{
    *out = NULL;
    pl_tf_chain *c;
    if (inner->tf) {
        if (inner->tf->n == PL_TF_MAX) {
            pl_strategy_free(inner);
            return pl_error_set(err, PL_EINVAL, "transformer %s: at most %d transformers on one strategy",
                                kinds[L->kind].name, PL_TF_MAX);
        }
        c = inner->tf;
        inner->tf = NULL;
    } else {
        c = pl_calloc(1, sizeof *c);
        if (!c) {
            pl_strategy_free(inner);
            return pl_error_set(err, PL_ENOMEM, "out of memory");
        }
        c->base = inner;
        inner = NULL;
    }
    c->level[c->n++] = *L;
    memset(L, 0, sizeof *L); /* the mixed-in strategies are the chain's now */

    /* the state: the base's, a mixed-in player's, then one int a level */
    size_t scratch = 0;
    for (int k = 0; k < c->n; k++)
        for (int i = 0; i < c->level[k].n_mixed; i++) {
            size_t need = pl_strategy_state_need(c->level[k].mixed[i]);
            if (need > scratch) scratch = need;
        }
    c->base_size = pl_strategy_state_need(c->base);
    c->scratch_off = (c->base_size + 15) / 16 * 16;
    c->level_off = (c->scratch_off + scratch + 15) / 16 * 16;
    c->total = c->level_off + PL_TF_MAX * sizeof(int);

    pl_strategy *s = pl_calloc(1, sizeof *s);
    if (!s) {
        pl_strategy_free(inner);
        pl_tf_chain_free(c);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    pl_strategy_free(inner);
    s->tf = c;
    s->def = &pl_transformed_def;
    /* metadata: the base's, then each level's reclassification, innermost first */
    s->tf_info = *c->base->info;
    s->stochastic = pl_strategy_is_stochastic(c->base);
    s->memory_depth = pl_strategy_memory_depth(c->base);
    int keyed = 0; /* a reclassifier has set the uses (the reference's makes_use_of key) */
    for (int k = 0; k < c->n; k++) {
        /* What the reference says a transformed player reads (makes_use_of): a transformer with
         * a reclassifier (noisy, forgiver, initial, final, mixed, Joss-Ann, retaliation,
         * retaliate-until-apology) sets it from the source of the class it wraps, which it can
         * read only for a class written in a file: wrapping an already transformed player, it
         * finds nothing, and the uses found so far (by an inner reclassifier) are all that
         * stay.  parley follows that, so final(initial(dual(Adaptive), CD), DDD) reads the
         * length but, as in the reference, not the game. */
        int reclassifies = kinds[c->level[k].kind].reclassifies;
        if (reclassifies && k > 0 && !keyed) s->tf_info.uses_length = s->tf_info.uses_game = 0;
        keyed |= reclassifies;
        reclassify(s, &c->level[k]);
    }
    /* the label in parley's syntax; the reference's name where it has one (not for mixed) */
    char lab[1024], prefixes[512] = "", tail[512] = "", tmp[1200];
    snprintf(lab, sizeof lab, "%s", pl_strategy_label(c->base));
    int ref_ok = pl_strategy_is_default(c->base) && c->base->info->axelrod_name;
    for (int k = 0; k < c->n; k++) {
        const pl_tf_level *Lk = &c->level[k];
        char mine[512], rarg[256];
        level_args(Lk, mine, sizeof mine, rarg, sizeof rarg);
        snprintf(tmp, sizeof tmp, "%s(%.600s%.500s)", kinds[Lk->kind].name, lab, mine);
        snprintf(lab, sizeof lab, "%.1000s", tmp);
        if (Lk->kind == TF_MIXED) ref_ok = 0;
        if (kinds[Lk->kind].prefix) {
            snprintf(tmp, sizeof tmp, "%s %s", kinds[Lk->kind].prefix, prefixes);
            snprintf(prefixes, sizeof prefixes, "%.500s", tmp);
        }
        size_t tl = strlen(tail);
        snprintf(tail + tl, sizeof tail - tl, "%s", rarg);
    }
    if (strlen(lab) >= sizeof s->label) {
        pl_error_set(err, PL_EINVAL, "transformer %s: the name '%.60s...' is longer than %zu characters",
                     kinds[c->level[c->n - 1].kind].name, lab, sizeof s->label - 1);
        pl_strategy_free(s);
        return PL_EINVAL;
    }
    copy_text(s->label, sizeof s->label, lab);
    s->ref_name[0] = '\0';
    if (ref_ok) {
        snprintf(tmp, sizeof tmp, "%s%s%s", prefixes, c->base->info->axelrod_name, tail);
        if (strlen(tmp) < sizeof s->ref_name) copy_text(s->ref_name, sizeof s->ref_name, tmp);
    }
    s->is_default = 0;
    s->tf_info.id = "transformed";
    s->tf_info.family = "transformed";
    s->tf_info.reference = pl_transformed_def.reference;
    s->tf_info.class_name = NULL;
    s->tf_info.n_params = 0;
    s->tf_info.params = NULL;
    s->tf_info.stochastic = s->stochastic;
    s->tf_info.memory_depth = s->memory_depth;
    pl_tf_point_info(s);
    *out = s;
    return PL_OK;
}

void pl_tf_point_info(pl_strategy *s)
{
    s->info = &s->tf_info;
    s->tf_info.id = s->label;
    s->tf_info.name = s->label;
    s->tf_info.axelrod_name = s->ref_name[0] ? s->ref_name : NULL;
}

/* The inner strategy's name, made through the registry (which re-enters pl_transform_create:
 * its nesting counter bounds the depth). */
static int create_spec(const char *spec, size_t len, pl_strategy **out, pl_error *err)
{
    char buf[1024];
    if (len >= sizeof buf) return pl_error_set(err, PL_EINVAL, "strategy name longer than %zu characters", sizeof buf - 1);
    memcpy(buf, spec, len);
    buf[len] = '\0';
    return pl_strategy_create(out, buf, err);
}

/* The parley syntax: kind(inner, args...). */
static int create_call(int kind, const char *args, size_t len, pl_strategy **out, pl_error *err)
{
    piece a[2 + 2 * PL_TF_MIXED_MAX + 16];
    int n;
    if (split_args(args, len, a, (int)(sizeof a / sizeof *a), &n, err)) return PL_EINVAL;
    pl_tf_level L;
    memset(&L, 0, sizeof L);
    L.kind = kind;
    int rc = read_level(&L, a, &n, err);
    if (!rc && (n < 1 || a[0].len == 0))
        rc = pl_error_set(err, PL_EINVAL, "transformer %s: expected a strategy to transform, as in %s(tft%s)",
                          kinds[kind].name, kinds[kind].name, kinds[kind].args == ARG_NONE ? "" : ", ...");
    pl_strategy *inner = NULL;
    if (!rc) {
        /* the inner strategy's pieces, commas and all: memory_one:p1=1,p2=0 */
        const char *from = a[0].p;
        size_t ilen = (size_t)(a[n - 1].p + a[n - 1].len - from);
        rc = create_spec(from, ilen, &inner, err);
        if (rc && err && strncmp(err->msg, "transformer", 11) != 0) { /* an inner transformer named itself */
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            pl_error_set(err, rc, "transformer %s: %s", kinds[kind].name, msg);
        }
    }
    if (rc) {
        for (int i = 0; i < L.n_mixed; i++) pl_strategy_free(L.mixed[i]);
        return rc;
    }
    return wrap(inner, &L, out, err);
}

/* 1 if spec is one of the reference's own strategy names ("Nice Average Copier"). */
static int is_reference_name(const char *spec, size_t len)
{
    for (size_t i = 0; i < pl_reference_count(); i++) {
        const char *nm = pl_reference_at(i, NULL, NULL);
        if (strlen(nm) == len && !strncasecmp(nm, spec, len)) return 1;
    }
    return 0;
}

/* The reference's display name of a transformed player: "Dual Tit For Tat", "Noisy Grudger: 0.1". */
static int create_prefixed(const char *spec, size_t len, pl_strategy **out, pl_error *err)
{
    if (is_reference_name(spec, len)) return PL_TF_NOT_MINE;
    for (int k = 0; k < TF_COUNT; k++) {
        const struct tf_kind *K = &kinds[k];
        size_t pl = K->prefix ? strlen(K->prefix) : 0;
        if (!pl || len <= pl + 1 || strncmp(spec, K->prefix, pl) || spec[pl] != ' ') continue;
        if (K->args != ARG_NONE && K->args != ARG_PROB && K->args != ARG_OPT_PROB && K->args != ARG_COUNT0 &&
            K->args != ARG_COUNT1)
            continue;
        const char *rest = spec + pl + 1;
        size_t rlen = len - pl - 1;
        char call[1100];
        if (K->args == ARG_NONE) snprintf(call, sizeof call, "%.*s", (int)rlen, rest);
        else {
            const char *colon = NULL;
            for (size_t i = 0; i < rlen; i++)
                if (rest[i] == ':') colon = rest + i;
            if (!colon) continue;
            snprintf(call, sizeof call, "%.*s, %.*s", (int)(colon - rest), rest, (int)(rlen - (size_t)(colon - rest) - 1),
                     colon + 1);
        }
        pl_strategy *s = NULL;
        if (create_call(k, call, strlen(call), &s, NULL) == PL_OK) {
            *out = s;
            return PL_OK;
        }
    }
    return PL_TF_NOT_MINE;
}

/* How deep this thread is in nested transformer names: each level re-enters the registry, so a
 * hostile name ("dual(dual(dual(...)))", "Dual Dual Dual ...") is stopped here, before the
 * stack, whatever path it takes.  A valid name nests at most PL_TF_MAX transformers, plus the
 * strategies mixed in. */
static _Thread_local int nesting;
enum { MAX_NESTING = 2 * PL_TF_MAX + 4 };

static int transform_create(pl_strategy **out, const char *spec, size_t len, pl_error *err);

int pl_transform_create(pl_strategy **out, const char *spec, size_t len, pl_error *err)
{
    *out = NULL;
    if (nesting >= MAX_NESTING)
        return pl_error_set(err, PL_EINVAL, "transformer: names nested more than %d deep", MAX_NESTING);
    nesting++;
    int rc = transform_create(out, spec, len, err);
    nesting--;
    return rc;
}

static int transform_create(pl_strategy **out, const char *spec, size_t len, pl_error *err)
{
    const char *open = memchr(spec, '(', len);
    if (open && spec[len - 1] == ')') {
        const char *id = spec;
        size_t idlen = (size_t)(open - spec);
        trim(&id, &idlen);
        int ident = idlen > 0;
        for (size_t i = 0; i < idlen; i++)
            if (!isalnum((unsigned char)id[i]) && id[i] != '_' && id[i] != '-') ident = 0;
        if (ident) {
            int kind = kind_named(id, idlen);
            if (kind < 0) {
                char known[512];
                size_t n = 0;
                for (int k = 0; k < TF_COUNT && n < sizeof known; k++)
                    n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", k ? ", " : "", kinds[k].name);
                return pl_error_set(err, PL_EINVAL, "unknown transformer '%.*s' (known: %s)", (int)(idlen < 64 ? idlen : 64),
                                    id, known);
            }
            return create_call(kind, open + 1, (size_t)(spec + len - 1 - (open + 1)), out, err);
        }
    }
    return create_prefixed(spec, len, out, err);
}
