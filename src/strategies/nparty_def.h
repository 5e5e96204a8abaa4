// SPDX-License-Identifier: MIT
/* nparty_def.h — how an N-party strategy is written.
 *
 * Like a two-party strategy (strategy_def.h): a fixed-size state zeroed and
 * `init`ed by the engine, and a `move` that returns the next action from what
 * the party has seen.  What it sees is grouped in "units": each unit is one
 * watched party, or a bloc counted as one (it defects when enough of its members
 * did).  Histories are C/D bits as observed (with noise and delay); `me` is the
 * party's own true record.  In pairwise games the engine asks for one action
 * toward each other party in turn, and `target` names the unit it is toward.
 * Random draws come only from v->rng. */
#ifndef PL_NPARTY_DEF_H
#define PL_NPARTY_DEF_H

#include "parley/nparty.h"
#include "strategies/strategy_def.h"

typedef struct pl_nview {
    int turn;               /* turns already played */
    int length;             /* match length, or -1 when not known */
    int n;                  /* parties in the game */
    int self;               /* this party's seat */
    int target;             /* pairwise games: the unit this action is toward; -1 otherwise */
    const pl_history *me;   /* own actions (C/D, after noise) and score */
    int n_units;
    const pl_history *const *units; /* units[u]: what this party has seen of unit u */
    int last_defecting;     /* units seen defecting at the last turn (0 before any) */
    int n_actions;          /* own actions: 0 is the most cooperative */
    int defect_action;      /* the action a plain "defect" maps to (the last, most escalatory) */
    pl_rng *rng;
} pl_nview;

typedef struct pl_nstrategy_def {
    const char *id;
    const char *name;
    const char *reference;
    unsigned flags;          /* PL_STOCHASTIC */
    pl_param_info params[PL_MAX_PARAMS];
    size_t state_size;
    void (*init)(void *state, const pl_params *p);
    /* The next action: an index in [0, v->n_actions); pl_nv_act maps C/D to one. */
    int (*move)(void *state, const pl_params *p, const pl_nview *v);
    /* Optional: 0 if the parameter values go together, else nonzero with a sentence in why
     * (checked when the player is created). */
    int (*check)(const pl_params *p, char *why, size_t whylen);
} pl_nstrategy_def;

static inline int pl_nv_act(const pl_nview *v, int defect) { return defect ? v->defect_action : 0; }
/* Units that cooperated at the last turn (all of them before any turn). */
static inline int pl_nv_last_cooperating(const pl_nview *v) { return v->n_units - v->last_defecting; }

/* The table of N-party strategies, ending with {0}. */
extern const pl_nstrategy_def pl_nstrategies[];
size_t pl_nstrategy_max_state(void);
const pl_nstrategy_def *pl_nstrategy_find(const char *id, size_t len);

#endif
