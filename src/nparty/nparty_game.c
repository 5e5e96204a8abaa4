// SPDX-License-Identifier: MIT
/* nparty_game.c — N-party stage games: building them, their payoffs, their pure equilibria.
 *
 * The symmetric kinds (prisoner's dilemma, public goods, volunteer's dilemma)
 * are kept as formulas in the count of cooperators, so a game of sixteen
 * parties costs no table; the general kind is a dense table over joint actions
 * in mixed radix.  Equilibria are found by brute force over every joint action,
 * which is what a test of "all-defect is the unique equilibrium" needs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "nparty/nparty_engine.h"

#define TABLE_MAX (1L << 22)

static pl_ngame *ngame_new(int n, pl_ngame_kind kind, pl_error *err)
{
    if (n < 2 || n > PL_NPARTY_MAX) {
        pl_error_set(err, PL_EINVAL, "an N-party game needs 2 to %d parties, got %d", PL_NPARTY_MAX, n);
        return NULL;
    }
    pl_ngame *g = pl_calloc(1, sizeof *g);
    if (!g) {
        pl_error_set(err, PL_ENOMEM, "out of memory");
        return NULL;
    }
    g->kind = kind;
    g->n = n;
    for (int i = 0; i < n; i++) {
        g->n_actions[i] = 2;
        g->coop[i][0] = 1;
    }
    return g;
}

int pl_ngame_create_pd(pl_ngame **out, int n, double R, double S, double T, double P, pl_error *err)
{
    *out = NULL;
    if (!isfinite(R) || !isfinite(S) || !isfinite(T) || !isfinite(P))
        return pl_error_set(err, PL_EINVAL, "R, S, T, P must be finite numbers");
    pl_ngame *g = ngame_new(n, PL_NGAME_PD, err);
    if (!g) return err ? err->code : PL_EINVAL;
    for (int i = 0; i < n; i++) g->R[i] = R, g->S[i] = S, g->T[i] = T, g->P[i] = P;
    snprintf(g->name, sizeof g->name, "%d-player prisoner's dilemma %g,%g,%g,%g", n, R, S, T, P);
    *out = g;
    return PL_OK;
}

int pl_ngame_create_public_goods(pl_ngame **out, int n, double cost, double benefit, pl_error *err)
{
    *out = NULL;
    if (!isfinite(cost) || !isfinite(benefit)) return pl_error_set(err, PL_EINVAL, "cost and benefit must be finite");
    pl_ngame *g = ngame_new(n, PL_NGAME_PUBLIC_GOODS, err);
    if (!g) return err ? err->code : PL_EINVAL;
    for (int i = 0; i < n; i++) g->cost[i] = cost, g->benefit[i] = benefit;
    snprintf(g->name, sizeof g->name, "%d-player public goods game, cost %g, benefit %g", n, cost, benefit);
    *out = g;
    return PL_OK;
}

int pl_ngame_create_volunteer(pl_ngame **out, int n, double cost, double benefit, int threshold, pl_error *err)
{
    *out = NULL;
    if (!isfinite(cost) || !isfinite(benefit)) return pl_error_set(err, PL_EINVAL, "cost and benefit must be finite");
    if (threshold < 1 || threshold > n)
        return pl_error_set(err, PL_EINVAL, "the volunteers needed must be between 1 and %d, got %d", n, threshold);
    pl_ngame *g = ngame_new(n, PL_NGAME_VOLUNTEER, err);
    if (!g) return err ? err->code : PL_EINVAL;
    for (int i = 0; i < n; i++) g->cost[i] = cost, g->benefit[i] = benefit;
    g->threshold = threshold;
    snprintf(g->name, sizeof g->name, "%d-player volunteer's dilemma, cost %g, benefit %g, %d needed", n, cost, benefit,
             threshold);
    *out = g;
    return PL_OK;
}

int pl_ngame_create_table(pl_ngame **out, int n, const int *n_actions, const double *payoffs, pl_error *err)
{
    *out = NULL;
    pl_ngame *g = ngame_new(n, PL_NGAME_TABLE, err);
    if (!g) return err ? err->code : PL_EINVAL;
    long joint = 1;
    for (int i = 0; i < n; i++) {
        if (n_actions[i] < 1 || n_actions[i] > PL_NPARTY_MAX_ACTIONS) {
            pl_free(g);
            return pl_error_set(err, PL_EINVAL, "party %d needs 1 to %d actions, got %d", i, PL_NPARTY_MAX_ACTIONS,
                                n_actions[i]);
        }
        g->stride[i] = joint;
        g->n_actions[i] = n_actions[i];
        joint *= n_actions[i];
        if (joint > TABLE_MAX) {
            pl_free(g);
            return pl_error_set(err, PL_EINVAL, "the payoff table would have more than %ld joint actions", TABLE_MAX);
        }
    }
    g->n_joint = joint;
    g->table = pl_malloc((size_t)joint * (size_t)n * sizeof *g->table);
    if (!g->table) {
        pl_free(g);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    for (long k = 0; k < joint * n; k++) {
        if (!isfinite(payoffs[k])) {
            pl_free(g->table);
            pl_free(g);
            return pl_error_set(err, PL_EINVAL, "payoff %ld of the table is not a finite number", k);
        }
        g->table[k] = payoffs[k];
    }
    snprintf(g->name, sizeof g->name, "%d-party payoff table (%ld joint actions)", n, joint);
    *out = g;
    return PL_OK;
}

int pl_ngame_create_pairwise(pl_ngame **out, int n, const pl_game *pair, pl_error *err)
{
    *out = NULL;
    if (pair->n_row != 2 || pair->n_col != 2)
        return pl_error_set(err, PL_EINVAL, "a pairwise game is built on a 2x2 game, got %dx%d", pair->n_row, pair->n_col);
    pl_ngame *g = ngame_new(n, PL_NGAME_PAIRWISE, err);
    if (!g) return err ? err->code : PL_EINVAL;
    g->pair = *pair;
    snprintf(g->name, sizeof g->name, "%d-party pairwise %.60s", n, pair->name);
    *out = g;
    return PL_OK;
}

pl_ngame *pl_ngame_clone(const pl_ngame *g)
{
    pl_ngame *c = pl_malloc(sizeof *c);
    if (!c) return NULL;
    *c = *g;
    if (g->table) {
        size_t sz = (size_t)g->n_joint * (size_t)g->n * sizeof *g->table;
        c->table = pl_malloc(sz);
        if (!c->table) {
            pl_free(c);
            return NULL;
        }
        memcpy(c->table, g->table, sz);
    }
    return c;
}

void pl_ngame_free(pl_ngame *g)
{
    if (!g) return;
    pl_free(g->table);
    pl_free(g);
}

static int check_party(const pl_ngame *g, int party, pl_error *err)
{
    if (party < 0 || party >= g->n) return pl_error_set(err, PL_EINVAL, "no party %d in a %d-party game", party, g->n);
    return PL_OK;
}

int pl_ngame_set_party_pd(pl_ngame *g, int party, double R, double S, double T, double P, pl_error *err)
{
    if (check_party(g, party, err)) return PL_EINVAL;
    if (g->kind != PL_NGAME_PD) return pl_error_set(err, PL_EINVAL, "R, S, T, P belong to the prisoner's dilemma kind");
    if (!isfinite(R) || !isfinite(S) || !isfinite(T) || !isfinite(P))
        return pl_error_set(err, PL_EINVAL, "R, S, T, P must be finite numbers");
    g->R[party] = R, g->S[party] = S, g->T[party] = T, g->P[party] = P;
    return PL_OK;
}

int pl_ngame_set_party_cost_benefit(pl_ngame *g, int party, double cost, double benefit, pl_error *err)
{
    if (check_party(g, party, err)) return PL_EINVAL;
    if (g->kind != PL_NGAME_PUBLIC_GOODS && g->kind != PL_NGAME_VOLUNTEER)
        return pl_error_set(err, PL_EINVAL, "cost and benefit belong to the public goods and volunteer kinds");
    if (!isfinite(cost) || !isfinite(benefit)) return pl_error_set(err, PL_EINVAL, "cost and benefit must be finite");
    g->cost[party] = cost, g->benefit[party] = benefit;
    return PL_OK;
}

int pl_ngame_set_cooperative(pl_ngame *g, int party, int action, int cooperative, pl_error *err)
{
    if (check_party(g, party, err)) return PL_EINVAL;
    if (action < 0 || action >= g->n_actions[party])
        return pl_error_set(err, PL_EINVAL, "party %d has no action %d", party, action);
    if (g->kind != PL_NGAME_TABLE)
        return pl_error_set(err, PL_EINVAL, "only a payoff table's actions can be reclassified");
    g->coop[party][action] = cooperative != 0;
    return PL_OK;
}

pl_ngame_kind pl_ngame_get_kind(const pl_ngame *g) { return g->kind; }
int pl_ngame_parties(const pl_ngame *g) { return g->n; }
int pl_ngame_actions(const pl_ngame *g, int party) { return party >= 0 && party < g->n ? g->n_actions[party] : 0; }
int pl_ngame_is_cooperative(const pl_ngame *g, int party, int action)
{
    return party >= 0 && party < g->n && action >= 0 && action < g->n_actions[party] && g->coop[party][action];
}
const char *pl_ngame_name(const pl_ngame *g) { return g->name; }

void pl_ngame_payoffs_u8(const pl_ngame *g, const unsigned char *a, double *out)
{
    int n = g->n;
    switch (g->kind) {
    case PL_NGAME_PD: {
        int k = 0;
        for (int i = 0; i < n; i++) k += g->coop[i][a[i]];
        for (int i = 0; i < n; i++) {
            int c = g->coop[i][a[i]];
            double s = (double)(k - c) / (n - 1);
            out[i] = c ? g->S[i] + (g->R[i] - g->S[i]) * s : g->P[i] + (g->T[i] - g->P[i]) * s;
        }
        break;
    }
    case PL_NGAME_PUBLIC_GOODS:
    case PL_NGAME_VOLUNTEER: {
        int k = 0;
        for (int i = 0; i < n; i++) k += g->coop[i][a[i]];
        for (int i = 0; i < n; i++) {
            double gain = g->kind == PL_NGAME_PUBLIC_GOODS ? g->benefit[i] * k / n : (k >= g->threshold ? g->benefit[i] : 0);
            out[i] = gain - (g->coop[i][a[i]] ? g->cost[i] : 0);
        }
        break;
    }
    case PL_NGAME_TABLE: {
        long idx = 0;
        for (int i = 0; i < n; i++) idx += a[i] * g->stride[i];
        memcpy(out, g->table + idx * n, (size_t)n * sizeof *out);
        break;
    }
    case PL_NGAME_PAIRWISE: /* one action toward all: the sum of the pair games */
        for (int i = 0; i < n; i++) out[i] = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                out[i] += g->pair.payoff[a[i]][a[j]][0];
                out[j] += g->pair.payoff[a[i]][a[j]][1];
            }
        break;
    }
}

void pl_ngame_payoffs(const pl_ngame *g, const int *actions, double *out)
{
    unsigned char a[PL_NPARTY_MAX];
    for (int i = 0; i < g->n; i++) a[i] = (unsigned char)actions[i];
    pl_ngame_payoffs_u8(g, a, out);
}

void pl_ngame_reduced(const pl_ngame *g, int party, pl_game *out)
{
    unsigned char a[PL_NPARTY_MAX];
    double pay[PL_NPARTY_MAX], v[2][2];
    if (g->kind == PL_NGAME_PAIRWISE) {
        /* a pair game as seen from the row: the game itself (symmetric or not, row = this party) */
        pl_game_pd(out, g->pair.payoff[0][0][0], g->pair.payoff[0][1][0], g->pair.payoff[1][0][0], g->pair.payoff[1][1][0]);
        return;
    }
    for (int mine = 0; mine < 2; mine++)
        for (int theirs = 0; theirs < 2; theirs++) {
            for (int i = 0; i < g->n; i++) a[i] = (unsigned char)(theirs ? g->n_actions[i] - 1 : 0);
            a[party] = (unsigned char)(mine ? g->n_actions[party] - 1 : 0);
            pl_ngame_payoffs_u8(g, a, pay);
            v[mine][theirs] = pay[party];
        }
    pl_game_pd(out, v[0][0], v[0][1], v[1][0], v[1][1]);
}

int pl_ngame_pure_nash(const pl_ngame *g, long *count, int *first, pl_error *err)
{
    if (g->kind == PL_NGAME_PAIRWISE)
        return pl_error_set(err, PL_EINVAL, "equilibria of pairwise games (one action per partner) are not enumerated");
    long joint = 1;
    for (int i = 0; i < g->n; i++) {
        joint *= g->n_actions[i];
        if (joint > TABLE_MAX) return pl_error_set(err, PL_EINVAL, "too many joint actions to enumerate");
    }
    unsigned char a[PL_NPARTY_MAX] = {0};
    double pay[PL_NPARTY_MAX], dev[PL_NPARTY_MAX];
    *count = 0;
    for (long k = 0; k < joint; k++) {
        long rest = k;
        for (int i = 0; i < g->n; i++) {
            a[i] = (unsigned char)(rest % g->n_actions[i]);
            rest /= g->n_actions[i];
        }
        pl_ngame_payoffs_u8(g, a, pay);
        int nash = 1;
        for (int i = 0; i < g->n && nash; i++) {
            unsigned char own = a[i];
            for (int alt = 0; alt < g->n_actions[i] && nash; alt++) {
                if (alt == own) continue;
                a[i] = (unsigned char)alt;
                pl_ngame_payoffs_u8(g, a, dev);
                if (dev[i] > pay[i] + 1e-12) nash = 0;
            }
            a[i] = own;
        }
        if (nash) {
            if (*count == 0 && first)
                for (int i = 0; i < g->n; i++) first[i] = a[i];
            (*count)++;
        }
    }
    return PL_OK;
}
