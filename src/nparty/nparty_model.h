// SPDX-License-Identifier: MIT
/* nparty_model.h — an N-party scenario: its validated model and its results.
 *
 * nparty_load.c reads the YAML into the model; nparty_simulate.c runs it (policy
 * profiles side by side on common random streams, a shock experiment, a replay
 * of the record); nparty_output.c and nparty_report.c turn the results into the
 * summary, CSV, JSON and report.html.  Data flows one way: document -> model -> engine ->
 * results -> writers. */
#ifndef PL_SCENARIO_NPARTY_H
#define PL_SCENARIO_NPARTY_H

#include <stdint.h>
#include <stdio.h>

#include "parley/nparty.h"
#include "parley/nscenario.h"
#include "scenario/scenario.h"

#define NP_MAX PL_NPARTY_MAX
#define NP_MAX_BLOCS 16
#define NP_MAX_PROFILES 32
/* Periods after a shock over which its spread is followed (the longest 'horizon' a scenario may ask). */
#define NP_SHOCK_HORIZON 8
/* A scenario's `assumptions:` entries, and the values one sensitivity sweep may try. */
#define NP_MAX_ASSUMPTIONS 32
#define NP_MAX_SENS_VALUES 16
/* Party and bloc sets are bit masks of this many bits (uint32_t). */
#define NP_MASK_BITS 32

/* The words for the two ends of every action ladder (`terms:`), so that a textbook game is not told in
 * the words of a crisis: "restraint"/"escalation" for a scenario with a record, "cooperation"/"defection"
 * without one, each replaceable in the file (terms: {cooperation: contribution, ...}). */
typedef struct np_terms {
    const char *coop, *defect;          /* nouns: "restraint", "escalation" */
    const char *coops, *defects;        /* "restrains", "escalates" */
    const char *defect_verb, *defected; /* "escalate", "escalated" */
} np_terms;

typedef struct np_party {
    const char *id, *name;
    int n_actions;
    const char *action[PL_NPARTY_MAX_ACTIONS];
    unsigned char coop[PL_NPARTY_MAX_ACTIONS];
    /* `intensity: {unit: TEXT, ACTION: number}`: how much of the unit each action is (troops in a
     * drill, missiles in a launch); an additive game's `per_unit:` values scale with it */
    const char *intensity_unit; /* NULL: none declared */
    double intensity[PL_NPARTY_MAX_ACTIONS];
} np_party;

typedef struct np_bloc {
    const char *id, *name;
    uint32_t mask;
    int k;            /* members that must defect for the bloc to count as defecting */
    const char *rule; /* "any", "all", "majority" or a number, as written */
} np_bloc;

typedef struct np_profile {
    const char *id, *name, *description;
    pl_nplayer *players[NP_MAX];
    int opening[NP_MAX];  /* forced action at the first simulated period, or -1 */
    int has_opening;
} np_profile;

typedef struct np_model {
    const char *path, *name, *description, *period_unit;
    np_terms terms;
    int n_sources;            /* the scenario's `sources:` (tag: "title: address"), for the report's list */
    const char **source_tag, **source_text;
    int n_assumptions;
    const char *assumption[NP_MAX_ASSUMPTIONS]; /* the scenario's `assumptions:` list, shown in the report */
    uint64_t seed;
    long runs;
    int periods;          /* simulated periods after the record */
    double noise, obs_noise;
    int obs_delay;
    int window;           /* lasting restraint: no escalation in the last `window` periods */
    int start_year, per_year; /* period labels: 0 = plain numbers */
    int n;
    np_party party[NP_MAX];
    int n_blocs;
    np_bloc bloc[NP_MAX_BLOCS];
    uint32_t measured;    /* parties whose escalation the metrics count */
    pl_ngame *game;
    /* the historical record, a prelude every profile starts from: rec[t*n+i], -1 unknown */
    int rec_turns;
    int *rec;
    const char **rec_label;
    const char **rec_source; /* rec_source[t*n+i]: the citation written beside it, or NULL */
    int rec_from_events;     /* the record was built from the dated events (events: record:) */
    char **owned;            /* texts the model made (labels and sources of a record built from events) */
    int n_owned, cap_owned;
    /* dated events at their own resolution and "who answered whom" (nparty_events.c); NULL none */
    struct np_events *events;
    /* shock experiment */
    int shock_party, shock_period, shock_horizon;
    int n_profiles;
    np_profile profile[NP_MAX_PROFILES];
    /* sensitivity: every profile again with one assumption set to each value */
    const char *sens_param;   /* "noise" or "observation_noise"; NULL = none */
    int n_sens;
    double sens_value[NP_MAX_SENS_VALUES];
    int n_ranges;             /* `sensitivity: ranges:` declared for parley sensitivity */
    /* tournament */
    int tour;
    int tour_n_players;
    pl_nplayer **tour_players;
    pl_ngame *tour_game;
    pl_ntournament_config tour_cfg;
} np_model;

typedef struct np_profile_result {
    long runs;
    long restraint_runs;      /* no measured escalation in the last window */
    long escalation_runs;     /* any measured escalation in the simulated periods */
    double first_escalation;  /* mean period of the first one, over runs with one */
    double escalated_share;   /* measured party-periods escalated */
    double coop[NP_MAX];      /* share of periods each party chose a cooperative action */
    double payoff[NP_MAX];    /* mean payoff per period */
    double *coop_t;           /* [t*(n+n_blocs)+k]: share restraining at period t (parties, then blocs) */
    unsigned char *sample;    /* run 1's actions, record included: [t*n+i], t < rec_turns + periods */
    unsigned char *lasting_run; /* NULL, or (the caller's, runs bytes) 1 where run r ended in lasting restraint:
                                 * the sensitivity evaluator's paired differences between profiles */
    /* shock */
    long shock_runs;          /* runs in restraint just before the shock */
    double spread_periods;    /* mean periods until half the other parties escalated (among those it reached) */
    long spread_reached;      /* runs in which it did */
    double reach[NP_SHOCK_HORIZON]; /* mean other parties that escalated within 1..8 periods */
    long recovered;           /* runs back in lasting restraint at the end */
    /* replay of the record: how often each party's policy chose what the record shows */
    long replay_checked[NP_MAX], replay_agreed[NP_MAX];
} np_profile_result;

typedef struct np_results {
    np_profile_result prof[NP_MAX_PROFILES];
    long nash_count;
    int nash_first[NP_MAX];
    double sens_restraint[NP_MAX_SENS_VALUES][NP_MAX_PROFILES]; /* lasting restraint at each sensitivity value */
    double sens_escalated[NP_MAX_SENS_VALUES][NP_MAX_PROFILES];
    pl_ntournament_result *tour;
    const char *depends_on;   /* the top sensitivity in words (parley run over declared ranges), or NULL */
} np_results;

/* Reads and validates the model of an N-party scenario (the document must outlive it: the
 * model's names point into it); np_model_free frees what it holds (not m itself). */
int np_model_load(const pl_ydoc *doc, np_model *m, pl_error *err);
void np_model_free(np_model *m);
/* Months in one period: 1 for `period: month`, 3 quarter, 6 half-year, 12 year, else 12 / the
 * calendar's per_year; 0 when the period is not a calendar span. */
int np_months_per_period(const np_model *m);
/* Lookups shared by the loaders (nparty_load.c, nparty_events_record.c): the index or -1, and the
 * same with an error naming the choices at `at`. */
int np_party_index(const np_model *m, const char *id);
int np_action_index(const np_party *p, const char *name);
int np_need_party(const pl_ydoc *d, const np_model *m, const pl_ynode *at, const char *id, int *out, pl_error *err);
int np_need_action(const pl_ydoc *d, const np_party *p, const pl_ynode *at, const char *name, int *out, pl_error *err);
/* Keeps a text the model made (freed with the model); NULL, and s freed, when out of memory. */
const char *np_model_keep(np_model *m, char *s);
/* The record prelude built from the dated events (`events: record:`, nparty_events_record.c): a
 * month a period from `from` to `to`, each party's move the most escalatory its events that month
 * give by the scenario's rules, a rule's `until:` carrying it on over the months that follow. */
int np_record_from_events(const pl_ydoc *d, const pl_ynode *spec, np_model *m, pl_error *err);

/* The actions forced in profile k, turn by turn ([t*n+i], -1 free): the record, then the
 * profile's opening at the first simulated period.  skip_party (or -1) is left free at the
 * opening (a person plays it).  *turns gets the number of turns; NULL when out of memory. */
int *np_forced_actions(const np_model *m, int k, int skip_party, int *turns);
/* The match every run of the model plays (turns, noise, observation, seed, shock period); the
 * caller sets the forced actions, the streams and the shock party. */
void np_match_config(const np_model *m, pl_nmatch_config *cfg);

/* The public handle on a model (parley/nscenario.h; nparty_scenario.c, nparty_metrics.c). */
struct pl_nscenario {
    np_model m;
};

/* Runs profile k of the model (nparty_simulate.c): fills res (the caller frees res->coop_t and
 * res->sample); done/total feed opt->progress. */
int np_run_profile(const np_model *m, int k, const pl_run_options *opt, np_profile_result *res, uint64_t *done,
                   uint64_t total, pl_error *err);

/* Writers (nparty_output.c). */
void np_print_summary(const np_model *m, const np_results *r, FILE *out);
int np_write_files(const np_model *m, const np_results *r, const char *dir, pl_error *err);
/* report.html (nparty_report.c). */
int np_write_report(const np_model *m, const np_results *r, const char *path, pl_error *err);
/* "2023H1", "2023", "period 7". */
void np_period_label(const np_model *m, int t, char *buf, size_t len);
/* "12.5%" and "3.14" (prec decimals) for the text summary and the report; NaN is "n/a". */
void np_fmt_pct(char *buf, size_t len, double x);
void np_fmt_num(char *buf, size_t len, double x, int prec);

#endif
