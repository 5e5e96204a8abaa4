// SPDX-License-Identifier: MIT
/* game.c — building stage games and reading R, S, T, P back out of them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parley/game.h"
#include "parley/text.h"

void pl_game_pd(pl_game *g, double R, double S, double T, double P)
{
    memset(g, 0, sizeof *g);
    g->n_row = g->n_col = 2;
    g->payoff[0][0][0] = R; g->payoff[0][0][1] = R;
    g->payoff[0][1][0] = S; g->payoff[0][1][1] = T;
    g->payoff[1][0][0] = T; g->payoff[1][0][1] = S;
    g->payoff[1][1][0] = P; g->payoff[1][1][1] = P;
    snprintf(g->name, sizeof g->name, "prisoner's dilemma %g,%g,%g,%g", R, S, T, P);
}

void pl_game_default(pl_game *g) { pl_game_pd(g, 3, 0, 5, 1); }

/* Byte for byte what pl_game_default fills in (a unit test compares the two). */
static const pl_game standard_game = {
    .n_row = 2,
    .n_col = 2,
    .payoff = {{{3, 3}, {0, 5}}, {{5, 0}, {1, 1}}},
    .name = "prisoner's dilemma 3,0,5,1",
};

const pl_game *pl_game_standard(void) { return &standard_game; }

int pl_game_matrix(pl_game *g, int m, int n, const double *a, const double *b, pl_error *err)
{
    if (m < 1 || n < 1 || m > PL_GAME_MAX_ACTIONS || n > PL_GAME_MAX_ACTIONS)
        return pl_error_set(err, PL_EINVAL, "a matrix game needs 1 to %d actions per party, got %d x %d",
                            PL_GAME_MAX_ACTIONS, m, n);
    memset(g, 0, sizeof *g);
    g->n_row = m;
    g->n_col = n;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            if (!isfinite(a[i * n + j]) || !isfinite(b[i * n + j]))
                return pl_error_set(err, PL_EINVAL, "payoff at (%d,%d) is not a finite number", i, j);
            if (fabs(a[i * n + j]) > PL_GAME_MAX_PAYOFF || fabs(b[i * n + j]) > PL_GAME_MAX_PAYOFF)
                return pl_error_set(err, PL_EINVAL, "payoff at (%d,%d) must lie between -%g and %g", i, j,
                                    PL_GAME_MAX_PAYOFF, PL_GAME_MAX_PAYOFF);
            g->payoff[i][j][0] = a[i * n + j];
            g->payoff[i][j][1] = b[i * n + j];
        }
    snprintf(g->name, sizeof g->name, "%dx%d matrix game", m, n);
    return PL_OK;
}

int pl_game_check(const pl_game *g, pl_error *err)
{
    for (int i = 0; i < g->n_row; i++)
        for (int j = 0; j < g->n_col; j++)
            for (int k = 0; k < 2; k++)
                if (!(fabs(g->payoff[i][j][k]) <= PL_GAME_MAX_PAYOFF))
                    return pl_error_set(err, PL_EINVAL,
                                        "payoff %g is out of range: payoffs must lie between -%g and %g, so that a "
                                        "score summed over every turn stays a finite number",
                                        g->payoff[i][j][k], PL_GAME_MAX_PAYOFF, PL_GAME_MAX_PAYOFF);
    return PL_OK;
}

int pl_game_parse_rstp(pl_game *g, const char *text, pl_error *err)
{
    double v[4];
    char item[64];
    const char *p = text;
    for (int i = 0; i < 4; i++) {
        const char *comma = strchr(p, ',');
        if (i < 3 && !comma)
            return pl_error_set(err, PL_EINVAL, "expected four numbers R,S,T,P separated by commas (e.g. 3,0,5,1), got '%s'", text);
        size_t len = i < 3 ? (size_t)(comma - p) : strlen(p);
        if (i == 3 && strchr(p, ','))
            return pl_error_set(err, PL_EINVAL, "expected exactly four numbers R,S,T,P, got '%s'", text);
        /* spaces around an item belong to the list ("3, 0, 5, 1"), not to the number */
        while (len && *p == ' ') p++, len--;
        while (len && p[len - 1] == ' ') len--;
        if (len >= sizeof item) len = sizeof item - 1;
        memcpy(item, p, len);
        item[len] = '\0';
        pl_error e;
        if (pl_parse_double(item, -PL_GAME_MAX_PAYOFF, PL_GAME_MAX_PAYOFF, &v[i], &e))
            return pl_error_set(err, PL_EINVAL, "%c (number %d of R,S,T,P): %s", "RSTP"[i], i + 1, e.msg);
        if (comma) p = comma + 1;
    }
    pl_game_pd(g, v[0], v[1], v[2], v[3]);
    return PL_OK;
}

void pl_game_rstp(const pl_game *g, double *R, double *S, double *T, double *P)
{
    *R = g->payoff[0][0][0];
    *S = g->payoff[0][1][0];
    *T = g->payoff[1][0][0];
    *P = g->payoff[1][1][0];
}

int pl_game_is_pd(const pl_game *g)
{
    double R, S, T, P;
    if (g->n_row != 2 || g->n_col != 2) return 0;
    pl_game_rstp(g, &R, &S, &T, &P);
    return T > R && R > P && P > S;
}
