// SPDX-License-Identifier: MIT
/* nparty_metrics.h — what an N-party scenario measures, defined once.
 *
 * A party escalates in a period when its action is not one of its restrained
 * actions; a measured escalation is one by a party the scenario measures; a bloc
 * escalates when at least its threshold of members do; a run ends in lasting
 * restraint when no measured escalation falls in its last `window` periods.  The
 * simulator (nparty_simulate.c) counts its runs with these, and `parley play`
 * measures a played game with them (pl_nscenario_tally_stepper), so the two agree
 * by construction. */
#ifndef PL_NPARTY_METRICS_H
#define PL_NPARTY_METRICS_H

#include <stdint.h>

#include "nparty/nparty_model.h"

/* The parties that escalate in one period, as a mask, from its row of actions acts[i]. */
static inline uint32_t np_escalations(const np_model *m, const unsigned char *acts)
{
    uint32_t e = 0;
    for (int i = 0; i < m->n; i++) e |= (uint32_t)!m->party[i].coop[acts[i]] << i;
    return e;
}

/* Bloc b escalates in a period whose escalations are `esc`. */
static inline int np_bloc_escalates(const np_model *m, int b, uint32_t esc)
{
    return __builtin_popcount(esc & m->bloc[b].mask) >= m->bloc[b].k;
}

/* First and last period with a measured escalation, fed one period at a time. */
typedef struct np_escalation_track {
    int first, last; /* -1: none yet */
} np_escalation_track;

static inline void np_track_init(np_escalation_track *x) { x->first = x->last = -1; }
/* Returns 1 when period t had a measured escalation. */
static inline int np_track_period(np_escalation_track *x, const np_model *m, int t, uint32_t esc)
{
    if (!(esc & m->measured)) return 0;
    if (x->first < 0) x->first = t;
    x->last = t;
    return 1;
}
/* Lasting restraint for a game that ended before period `end`: no measured escalation in its
 * last `window` periods. */
static inline int np_lasting_restraint(const np_model *m, const np_escalation_track *x, int end)
{
    return x->last < end - m->window;
}

#endif
