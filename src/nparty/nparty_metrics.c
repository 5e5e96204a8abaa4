// SPDX-License-Identifier: MIT
/* nparty_metrics.c — the N-party metrics (nparty_metrics.h) over a game played by hand.
 *
 * `parley play` measures the game a person played, and the game their party's own
 * policy would have played, with the definitions the simulator counts its runs with. */
#include <string.h>

#include "nparty/nparty_metrics.h"
#include "parley/nscenario.h"

/* The escalations of period t of a stepped game, as a mask: its actions, read as the simulator reads a run's. */
static uint32_t stepper_escalations(const np_model *m, const pl_nmatch_stepper *st, int t)
{
    unsigned char acts[NP_MAX];
    for (int i = 0; i < m->n; i++) acts[i] = (unsigned char)pl_nmatch_stepper_action(st, i, t);
    return np_escalations(m, acts);
}

int pl_nscenario_bloc_escalated(const pl_nscenario *h, int b, const pl_nmatch_stepper *st, int t)
{
    return np_bloc_escalates(&h->m, b, stepper_escalations(&h->m, st, t));
}

void pl_nscenario_tally_stepper(const pl_nscenario *h, const pl_nmatch_stepper *st, pl_nscenario_tally *x)
{
    const np_model *m = &h->m;
    int P = m->rec_turns, T = pl_nmatch_stepper_turn(st);
    memset(x, 0, sizeof *x);
    x->periods = T > P ? T - P : 0;
    np_escalation_track track;
    np_track_init(&track);
    for (int t = P; t < T; t++) {
        uint32_t esc = stepper_escalations(m, st, t);
        for (int i = 0; i < m->n; i++) {
            x->restrained[i] += !(esc >> i & 1);
            x->payoff[i] += pl_nmatch_stepper_payoff(st, i, t);
        }
        np_track_period(&track, m, t, esc);
    }
    x->first_escalation = track.first;
    x->lasting_restraint = x->periods >= m->window && np_lasting_restraint(m, &track, T);
}
