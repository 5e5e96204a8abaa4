// SPDX-License-Identifier: MIT
/* nparty_engine.h — the inside of N-party games, players and matches, for the
 * engines that play many matches (tournament, scenario runner, benchmark).
 *
 * A pl_nmatch_buf holds every history and strategy state of one match; an engine
 * keeps one per thread and reuses it, so playing allocates nothing once warm. */
#ifndef PL_NPARTY_ENGINE_H
#define PL_NPARTY_ENGINE_H

#include "parley/nparty.h"
#include "core/history.h"
#include "strategies/nparty_def.h"
#include "strategies/registry.h"

struct pl_ngame {
    pl_ngame_kind kind;
    int n;
    int n_actions[PL_NPARTY_MAX];
    unsigned char coop[PL_NPARTY_MAX][PL_NPARTY_MAX_ACTIONS];
    double R[PL_NPARTY_MAX], S[PL_NPARTY_MAX], T[PL_NPARTY_MAX], P[PL_NPARTY_MAX];
    double cost[PL_NPARTY_MAX], benefit[PL_NPARTY_MAX];
    int threshold;
    long n_joint;            /* joint actions (table) */
    long stride[PL_NPARTY_MAX];
    double *table;           /* n_joint * n */
    pl_game pair;            /* pairwise games */
    char name[96];
};

struct pl_nplayer {
    const pl_nstrategy_def *ndef; /* NULL when lifted */
    pl_params params;
    pl_strategy *lifted;          /* a two-party strategy against an aggregate */
    int agg_k;                    /* lifted: units defecting for the aggregate to defect; 0 all, -1 majority */
    int n_units;                  /* 0: every other party, each on its own */
    uint32_t unit_mask[PL_NPARTY_MAX];
    int unit_k[PL_NPARTY_MAX];
    int stochastic;
    char label[200];
};

/* The 2x2 game a lifted strategy of party i sees: its own payoff with itself at C/D against
 * everyone else at C/D (cooperative action 0, defect action last). */
void pl_ngame_reduced(const pl_ngame *g, int party, pl_game *out);
/* Payoffs at a joint action given as bytes, fast path for the match loop. */
void pl_ngame_payoffs_u8(const pl_ngame *g, const unsigned char *a, double *out);

typedef struct pl_nmatch_buf {
    int n, pairwise;
    int turns;                     /* turns played */
    int cap;                       /* capacity of the per-turn arrays */
    pl_history *hist;              /* true C/D: [i] or, pairwise, [i*n+j] (i toward j) */
    pl_history *obs;               /* [o*n+j]: what o has seen of j (pairwise: of j toward o) */
    pl_history *unit;              /* [o*n+u]: o's units */
    pl_history *agg;               /* [o]: aggregate opponent of a lifted strategy */
    const pl_history **seen;       /* [o*n+r]: o's record of its r-th other party: obs, or the true record
                                      itself when observation is exact and immediate */
    const pl_history **units;      /* [o*n+u]: o's watched units (seen, or unit for blocs) */
    unsigned char *acts;           /* [t*n+i] true action (pairwise: 1 if it defected toward anyone) */
    unsigned char *intent;         /* [t*n+i] chosen before noise / forcing */
    double *pay;                   /* [t*n+i] payoff at turn t */
    void **state;                  /* [i*n+j] (pairwise per target; else [i*n]) */
    const void **held;             /* [i*n+j]: the lifted definition whose state holds a resource (its release), or NULL */
    size_t state_cap;
    double score[PL_NPARTY_MAX];
    /* resolved watch units per party */
    int n_units[PL_NPARTY_MAX];
    uint32_t unit_mask[PL_NPARTY_MAX][PL_NPARTY_MAX];
    int unit_k[PL_NPARTY_MAX][PL_NPARTY_MAX];
    int agg_k[PL_NPARTY_MAX];
} pl_nmatch_buf;

/* Turns a buffer starts with when the length is not known in advance; it grows as needed. */
#define PL_NMATCH_BUF_TURNS 256

int pl_nmatch_buf_init(pl_nmatch_buf *b, int n, int pairwise, int turns_hint);
void pl_nmatch_buf_free(pl_nmatch_buf *b);
/* Validates the configuration and the players for the game (watch masks within the parties,
 * pairwise games without blocs). */
int pl_nmatch_check(const pl_ngame *g, pl_nplayer *const *players, const pl_nmatch_config *cfg, pl_error *err);
/* Plays one match into buf (which must have been made for this game's n and kind). */
int pl_nmatch_run(const pl_ngame *g, pl_nplayer *const *players, const pl_nmatch_config *cfg, pl_nmatch_buf *buf,
                  pl_error *err);

#endif
