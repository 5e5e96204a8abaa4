// SPDX-License-Identifier: MIT
/* nparty_events.h — dated events (drills, launches, tests, sanctions) at their own resolution,
 * and the "who answered whom" analysis made from them.
 *
 * A half-year game cannot tell whether a launch answered a drill or the other way round; a file
 * of dated events can.  The file is CSV (one event a line, a header first):
 *
 *     date,actor,kind,event,intensity,unit,source
 *     2019-08-05,US-ROK,drill,combined exercise begins,,,[K9]
 *     2019-08-06,DPRK,launch,two SRBMs (~450 km),2,missiles,[K9]
 *
 * date YYYY-MM-DD (or YYYY-MM when only the month is known: such events count in the monthly
 * reaction functions, not in the day windows); kind one of drill, suspension, launch, test,
 * sanctions, veto, relief, note; intensity a number or empty (troops, aircraft, missiles:
 * `unit` says which); source the fact sheet's tags.  Every problem is reported with the
 * file, line and column.
 *
 * The analysis: (1) the share of launches (and tests) within `window` days after a drill
 * starts, against the base rate (the share of days that lie in such a window: what the share
 * would be if launches fell at random over the same span), with a 95% Wilson interval; the
 * same the other way (drills after launches); (2) reaction functions by month: the probability
 * of a launch in a month given a drill began that month or the month before, and without, each
 * with its interval; and the probability of a drill given a launch the month before, and
 * without.  The events are the fact sheet's, a selection, not a catalogue: the result says so. */
#ifndef PL_NPARTY_EVENTS_H
#define PL_NPARTY_EVENTS_H

#include <stddef.h>
#include <stdio.h>

#include "parley/error.h"

typedef enum np_event_kind {
    NP_EV_DRILL,
    NP_EV_SUSPENSION,
    NP_EV_LAUNCH,
    NP_EV_TEST,
    NP_EV_SANCTIONS,
    NP_EV_VETO,
    NP_EV_RELIEF,
    NP_EV_NOTE,
    NP_EV_KIND_COUNT
} np_event_kind;

typedef struct np_event {
    int y, m, d;          /* d = 0: month precision */
    long day;             /* days since 1970-01-01 (the 1st for month precision) */
    np_event_kind kind;
    char *date, *actor, *what, *unit, *source;
    double intensity;     /* NAN when not given */
    int line;
} np_event;

/* A proportion with its 95% Wilson interval. */
typedef struct np_share {
    long k, n;
    double p, lo, hi;
} np_share;

typedef struct np_events_analysis {
    int window_days;
    long span_days;           /* first to last day-precision event, inclusive */
    const char *first, *last; /* their dates */
    np_share launch_after_drill; /* launches within the window after a drill start, of all launches */
    double base_launch;          /* share of days within such a window */
    np_share drill_after_launch;
    double base_drill;
    int months;
    np_share launch_given_drill, launch_given_no_drill; /* by month: a drill began this month or last */
    np_share drill_given_launch, drill_given_no_launch; /* by month: a launch the month before */
    double drill_intensity_sum, launch_intensity_sum;   /* recorded intensities (troops / aircraft, missiles) */
} np_events_analysis;

typedef struct np_events {
    char *path;
    int n;
    np_event *ev;             /* sorted by date, file order within a day */
    np_events_analysis an;
} np_events;

extern const char *const np_event_kind_names[NP_EV_KIND_COUNT];

/* Reads and validates the file (path relative to the working directory) and analyses it with
 * a window of `window_days` days; *out to free with np_events_free. */
int np_events_load(const char *path, int window_days, np_events **out, pl_error *err);
void np_events_free(np_events *e);
/* The analysis as text (the run's summary); with months > 0, the reactions a `reaction:` policy
 * plays in a game of `months`-month periods. */
void np_events_print(const np_events *e, int months, FILE *out);
/* events_analysis.csv: one row per measure. */
int np_events_write_csv(const np_events *e, const char *path, pl_error *err);

#endif
