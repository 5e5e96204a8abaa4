/* SPDX-License-Identifier: MIT */
/* parley/game.h — stage games.
 *
 * A two-party game here is a matrix game with any number of actions per party
 * and a payoff for each party at each joint action; the prisoner's dilemma is
 * the 2x2 case with action 0 = C (cooperate) and 1 = D (defect).  Strategies of
 * the repeated prisoner's dilemma read R, S, T, P through pl_game_rstp(). */
#ifndef PARLEY_GAME_H
#define PARLEY_GAME_H

#include "parley/common.h"

#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { PL_C = 0, PL_D = 1 };
#define PL_GAME_MAX_ACTIONS 16
/* The largest payoff (in magnitude) a game may have: 1e15 over 10^8 turns and any tournament's
 * sums stays far from the largest double, so no score can overflow to infinity. */
#define PL_GAME_MAX_PAYOFF 1e15

typedef struct pl_game {
    int n_row, n_col; /* actions of the row party (A) and the column party (B) */
    /* payoff[a][b][0] to A, payoff[a][b][1] to B */
    double payoff[PL_GAME_MAX_ACTIONS][PL_GAME_MAX_ACTIONS][2];
    char name[96];
} pl_game;

/* The prisoner's dilemma with reward R, sucker S, temptation T, punishment P. */
PL_EXTERN void pl_game_pd(pl_game *g, double R, double S, double T, double P);
/* The standard prisoner's dilemma R,S,T,P = 3,0,5,1 (Axelrod 1980). */
PL_EXTERN void pl_game_default(pl_game *g);
/* The same game, shared and read-only: what engines use when no game is given, so a match
 * does not fill 4 kB and format a name each time it starts. */
PL_EXTERN const pl_game *pl_game_standard(void);
/* A general m x n game: a[i*n+j] payoff to A, b[i*n+j] payoff to B. */
PL_EXTERN int pl_game_matrix(pl_game *g, int m, int n, const double *a, const double *b, pl_error *err);
/* Parses "R,S,T,P" (four numbers) into a prisoner's dilemma; PL_EINVAL with a message otherwise. */
PL_EXTERN int pl_game_parse_rstp(pl_game *g, const char *text, pl_error *err);
/* PL_EINVAL unless every payoff is finite and within +-PL_GAME_MAX_PAYOFF (engines check the
 * game they are handed; the readers above refuse such a game already). */
PL_EXTERN int pl_game_check(const pl_game *g, pl_error *err);
/* R, S, T, P as seen by party 0 (A) of a 2x2 game. */
PL_EXTERN void pl_game_rstp(const pl_game *g, double *R, double *S, double *T, double *P);
/* 1 if the 2x2 game is a prisoner's dilemma (T > R > P > S). */
PL_EXTERN int pl_game_is_pd(const pl_game *g);

#ifdef __cplusplus
}
#endif
#endif
