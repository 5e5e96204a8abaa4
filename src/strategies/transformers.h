// SPDX-License-Identifier: MIT
/* transformers.h — strategy transformers: any strategy wrapped by rules that change its
 * moves, as Axelrod-Python's strategy_transformers.py has them (flip, dual, noisy, ...).
 *
 * A transformed strategy is a pl_strategy whose definition is one dispatcher
 * (pl_transformed_def) and whose chain (pl_tf_chain, owned by the strategy) holds the
 * untransformed strategy and the transformers applied to it, innermost first, so that
 * dual(noisy(tft, 0.1)) is one chain of two levels over tft and every engine plays it
 * through the ordinary def->init / def->move calls.  The registry (registry.c) parses the
 * name syntax through pl_transform_create and copies and frees chains with the strategy. */
#ifndef PL_TRANSFORMERS_H
#define PL_TRANSFORMERS_H

#include "strategies/strategy_def.h"

#define PL_TF_MAX 8       /* transformers on one strategy */
#define PL_TF_MIXED_MAX 4 /* strategies one mixed transformer mixes in */

typedef struct pl_tf_level {
    int kind;                          /* a TF_* of transformers.c */
    double num[2];                     /* its numbers (Joss-Ann's normalised as the reference does) */
    double raw[2];                     /* Joss-Ann's as given, for its name */
    int given;                         /* noisy: the probability was given (else the default 0.05) */
    char seq[2][PL_PARAM_TEXT_MAX];    /* its action sequences (initial, final, apology) */
    int n_mixed;
    double mixed_p[PL_TF_MIXED_MAX];
    struct pl_strategy *mixed[PL_TF_MIXED_MAX]; /* owned */
} pl_tf_level;

typedef struct pl_tf_chain {
    struct pl_strategy *base; /* the untransformed strategy, owned */
    int n;                    /* levels, innermost first */
    pl_tf_level level[PL_TF_MAX];
    size_t base_size;         /* bytes of the base's state, first in the state */
    size_t scratch_off;       /* a mixed-in player's fresh state, then */
    size_t level_off;         /* one int per level (the retaliation count) */
    size_t total;             /* bytes of the whole state */
} pl_tf_chain;

/* Parses "kind(inner, args...)" or a reference display name ("Dual Tit For Tat") into *out.
 * Returns PL_TF_NOT_MINE without touching *err when spec is neither form (the registry then
 * reads it as a plain name), else PL_OK or an error with its message. */
#define PL_TF_NOT_MINE 1
int pl_transform_create(struct pl_strategy **out, const char *spec, size_t len, pl_error *err);

/* The chain copied with its strategies (NULL when out of memory), and freed. */
pl_tf_chain *pl_tf_chain_clone(const pl_tf_chain *c);
void pl_tf_chain_free(pl_tf_chain *c);

/* Points a transformed strategy's info at its own copy (after it is made or copied). */
void pl_tf_point_info(struct pl_strategy *s);

/* Bytes of state a strategy needs (its chain's total when transformed): the engines grow their
 * state slots to it when a match begins. */
size_t pl_strategy_state_need(const struct pl_strategy *s);

/* Room a transformed strategy may take beyond the largest plain state: pl_registry_max_state()
 * includes it, and a transformed strategy that needs more is refused when it is made. */
#define PL_TF_STATE_EXTRA 4096

extern const pl_strategy_def pl_transformed_def;

#endif
