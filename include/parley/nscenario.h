/* SPDX-License-Identifier: MIT */
/* parley/nscenario.h — an N-party scenario file (kind: nparty), opened for play.
 *
 * `parley run` runs a scenario whole (parley/scenario.h); a front end that lets a
 * person play one party needs the scenario's parts instead: its parties and their
 * actions, its blocs, its policy profiles, its record and a stepper that plays run 0
 * of a profile exactly as the simulator does.  The handle is opaque; its parts come
 * out as small read-only views that live as long as the handle.  The metrics
 * (escalation, lasting restraint, blocs) are the very definitions the simulator
 * counts with, so a played game and a simulated run are measured alike. */
#ifndef PARLEY_NSCENARIO_H
#define PARLEY_NSCENARIO_H

#include "parley/common.h"

#include <stddef.h>
#include <stdint.h>
#include "parley/error.h"
#include "parley/nparty.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_nscenario pl_nscenario; /* opaque */

/* Reads and validates the model of an open scenario of kind nparty (PL_EINVAL for another
 * kind); the handle is independent of s afterwards. */
PL_EXTERN int pl_nscenario_load(pl_nscenario **out, const pl_scenario *s, pl_error *err);
PL_EXTERN void pl_nscenario_free(pl_nscenario *m);

typedef struct pl_nscenario_info {
    const char *name, *period_unit; /* "months", "half-years", ... */
    int n_parties, n_blocs, n_profiles, n_assumptions;
    int record_turns;  /* periods of the historical record, the prelude of every run */
    int periods;       /* simulated periods after it */
    int window;        /* lasting restraint: no measured escalation in the last `window` periods */
    double noise, obs_noise;
    uint64_t seed;
    const pl_ngame *game;             /* NULL in a file with only a tournament */
    /* the file's `tournament:` block, when it has one (else NULL, 0, 0): its game (of group_size
     * parties), turns and noise */
    const pl_ngame *tournament_game;
    int tournament_turns;
    double tournament_noise;
} pl_nscenario_info;
PL_EXTERN void pl_nscenario_get_info(const pl_nscenario *m, pl_nscenario_info *out);

/* pl_nscenario_get_info for a population of the file's players (parley moran --game FILE.yaml):
 * its game, periods and noise are the file's `game:`, or, in a file with only a `tournament:`, the
 * tournament's game, turns and noise (observation noise 0).  Returns 0 and leaves out->game NULL
 * when the file has neither. */
PL_EXTERN int pl_nscenario_population_info(const pl_nscenario *m, pl_nscenario_info *out);

typedef struct pl_nscenario_party {
    const char *id, *name;            /* name: its display name, else its id */
    int n_actions;
    const char *const *action;        /* [a], most restrained first */
    const unsigned char *restrained;  /* [a]: 1 when action a is restraint, 0 escalation */
    int measured;                     /* 1 when its escalations count in the metrics */
} pl_nscenario_party;
PL_EXTERN void pl_nscenario_get_party(const pl_nscenario *m, int i, pl_nscenario_party *out);

typedef struct pl_nscenario_profile {
    const char *id, *name;           /* name: its display name, else its id */
    pl_nplayer *const *players;      /* [i]: party i's policy */
    const int *opening;              /* [i]: the action forced at the first simulated period, or -1 */
} pl_nscenario_profile;
PL_EXTERN void pl_nscenario_get_profile(const pl_nscenario *m, int k, pl_nscenario_profile *out);

PL_EXTERN const char *pl_nscenario_bloc_id(const pl_nscenario *m, int b);
PL_EXTERN const char *pl_nscenario_assumption(const pl_nscenario *m, int i);
/* Period t's label: "2023H1", "2023", "period 7". */
PL_EXTERN void pl_nscenario_period_label(const pl_nscenario *m, int t, char *buf, size_t len);

/* A stepper over run 0 of profile k, as `parley run` plays it (same stream; seed: the
 * scenario's, or *seed when seed is non-NULL): the record is forced for everyone, then
 * the profile's opening.  Party `seat` moves through pl_nmatch_stepper_step; with
 * seat_chooses_opening its opening is left to it (a person plays it). */
PL_EXTERN int pl_nscenario_stepper_create(pl_nmatch_stepper **out, const pl_nscenario *m, int k, int seat,
                                          int seat_chooses_opening, const uint64_t *seed, pl_error *err);

/* Bloc b escalated at period t of the stepper's game: at least its threshold of members did. */
PL_EXTERN int pl_nscenario_bloc_escalated(const pl_nscenario *m, int b, const pl_nmatch_stepper *st, int t);

/* The simulator's metrics over the periods played after the record. */
typedef struct pl_nscenario_tally {
    int periods;                       /* periods played after the record */
    int first_escalation;              /* period of the first measured escalation, or -1 */
    int lasting_restraint;             /* none in the last `window` periods (0 while fewer were played) */
    int restrained[PL_NPARTY_MAX];     /* periods each party restrained */
    double payoff[PL_NPARTY_MAX];      /* each party's payoff over them */
} pl_nscenario_tally;
PL_EXTERN void pl_nscenario_tally_stepper(const pl_nscenario *m, const pl_nmatch_stepper *st, pl_nscenario_tally *out);

#ifdef __cplusplus
}
#endif
#endif
