/* SPDX-License-Identifier: MIT */
/* parley/strategy.h — the strategy registry seen from outside.
 *
 * A strategy is named by its id with optional parameters, "gtft:p=0.1", by
 * its Axelrod-Python display name ("First by Davis: 10", with other parameters
 * "First by Davis: 5" or "GTFT: 0.1") or by its Axelrod-Python class name
 * ("TitForTat").  pl_strategy is an
 * opaque handle: a registry entry plus validated parameter values.  Playing it
 * is the match engine's business (parley/match.h). */
#ifndef PARLEY_STRATEGY_H
#define PARLEY_STRATEGY_H

#include "parley/common.h"

#include <stddef.h>
#include "parley/error.h"
#include "parley/game.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_strategy pl_strategy;

typedef enum pl_param_kind {
    PL_PARAM_REAL,    /* any real number within [lo, hi] */
    PL_PARAM_INT,     /* an integer within [lo, hi] */
    PL_PARAM_ACTIONS  /* a string of C and D, e.g. a cycle "CCD" */
} pl_param_kind;

#define PL_MAX_PARAMS 6
#define PL_PARAM_TEXT_MAX 64

typedef struct pl_param_info {
    const char *key;
    pl_param_kind kind;
    double def;           /* default for REAL and INT */
    const char *def_text; /* default for ACTIONS */
    double lo, hi;        /* bounds for REAL and INT */
    const char *help;
} pl_param_info;

/* What the registry knows of one strategy (borrowed pointers, valid for the process). */
typedef struct pl_strategy_info {
    const char *id;           /* short, stable, lower case: "tft", "first_davis" */
    const char *name;         /* display name */
    const char *axelrod_name; /* Axelrod-Python name with default parameters, or NULL */
    /* stochastic and memory_depth are those of the default parameters; a strategy made with
     * others says its own (pl_strategy_is_stochastic, pl_strategy_memory_depth) */
    const char *family;       /* the file it lives in: "classic", "axelrod_first", ... */
    const char *reference;    /* where its rule comes from, one line */
    int stochastic;
    int memory_depth;         /* -1: unbounded */
    int uses_length;          /* reads the match length */
    int uses_game;            /* reads the game's payoffs */
    int n_params;
    const pl_param_info *params;
    const char *class_name;   /* the Axelrod-Python class (TitForTat), or NULL */
    int long_run_time;        /* slow to play (the reference's long_run_time classifier) */
    /* the reference's classifiers of a player that breaks the rules of a fair match (Darwin):
     * such a player is never in a Meta player's team */
    int inspects_source, manipulates_source, manipulates_state;
} pl_strategy_info;

PL_EXTERN size_t pl_strategy_count(void);
/* The i-th strategy of the registry, in a stable order (family, then file order). */
PL_EXTERN const pl_strategy_info *pl_strategy_info_at(size_t i);

/* Creates a strategy from a name with optional parameters (err may be NULL for a quiet
 * probe, which skips computing suggestions).  An unknown name gives
 * PL_ENOTFOUND and a message listing the closest known names; a bad parameter
 * gives PL_EINVAL naming the parameter and what it accepts. */
PL_EXTERN int pl_strategy_create(pl_strategy **out, const char *spec, pl_error *err);
PL_EXTERN pl_strategy *pl_strategy_clone(const pl_strategy *s);
PL_EXTERN void pl_strategy_free(pl_strategy *s);

PL_EXTERN const pl_strategy_info *pl_strategy_get_info(const pl_strategy *s);
/* The name to show: the Axelrod name when parameters are the defaults, else "id:k=v,...". */
PL_EXTERN const char *pl_strategy_label(const pl_strategy *s);
/* 1 if every parameter has its default value (the label is then the strategy's name). */
PL_EXTERN int pl_strategy_is_default(const pl_strategy *s);
/* The value of a numeric parameter, or NAN if there is none by that key. */
PL_EXTERN double pl_strategy_param(const pl_strategy *s, const char *key);
/* 1 if the strategy with these parameters can draw random numbers. */
PL_EXTERN int pl_strategy_is_stochastic(const pl_strategy *s);
/* How many past turns it looks at with these parameters; -1: its whole history. */
PL_EXTERN int pl_strategy_memory_depth(const pl_strategy *s);
/* PL_OK if the strategy with these parameters can play game g (NULL: the standard
 * prisoner's dilemma), else PL_EINVAL saying why (a zero-determinant relation that no
 * probabilities enforce in that game).  Matches and tournaments check it when they start. */
PL_EXTERN int pl_strategy_check_game(const pl_strategy *s, const pl_game *g, pl_error *err);

/* The strategies of Axelrod-Python 4.13 (its axelrod.all_strategies, 241): how many, and the
 * i-th's name (its classifier-table key, "Tit For Tat"), with its class name in *class_name
 * and parley's id for it in *id (NULL when parley does not have it yet); NULL past the end. */
PL_EXTERN size_t pl_reference_count(void);
PL_EXTERN const char *pl_reference_at(size_t i, const char **class_name, const char **id);

/* Up to max registry names closest to `name` (edit distance), best first; returns how many. */
PL_EXTERN size_t pl_strategy_suggest(const char *name, const char **out, size_t max);

#ifdef __cplusplus
}
#endif
#endif
