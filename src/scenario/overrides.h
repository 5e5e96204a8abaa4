/* SPDX-License-Identifier: MIT */
/* overrides.h — `--set PATH=VALUE`: a scenario's assumptions changed without editing its file.
 *
 * Overrides are applied to the parsed document before the scenario's kind reads it, so every
 * kind accepts them and every value set goes through the same checks as a written one.  Paths
 * are those of io/yaml_path.h.  One convention of every scenario kind is known here: a list of
 * alternatives, each with a probability `p` (a party's policy types).  Setting some of the `p`
 * of such a list rescales the others in proportion, so that the list still adds up to what it
 * did (1) and the ratios between the alternatives not set are kept; the summary and results
 * record each such change as a renormalisation.  Set probabilities that alone exceed the total
 * are refused.
 *
 * A path may also name a number the file does not write, in two ways.  (1) A key the file leaves
 * to its default: the kind's own loader is asked (scenario_kinds.def's reader) by reading a copy of
 * the document with its defaults recorded and filled (io/yaml_doc.h); if the path names a value
 * there, the missing keys are made in the document itself with the value set, and nothing else:
 * the other defaults stay absent, so one that depends on another value (a lookahead that is the
 * horizon) still follows it.  (2) `KEY.PARTY` below a key that the loader reads as one number for
 * every party or as a map {default: x, PARTY: y} (the loader says so with pl_ydoc_note_by_party):
 * the number becomes {default: OLD, PARTY: VALUE}.  A party that is not one is refused with the
 * closest.  The keys made have line 0 and, as column, 1 + the index of their --set, and carry who
 * made them as their origin (io/yaml_doc.h), so that an error the loader reports at them names the
 * flag, not a place in the file: "--set PATH: ... (a key the file leaves to its default)".
 *
 * The same mechanism moves the assumptions of the sensitivity analyses (sensitivity.c): a
 * parameter there is a path, or a scale applied to every value some paths name. */
#ifndef PL_SCENARIO_OVERRIDES_H
#define PL_SCENARIO_OVERRIDES_H

#include <stdio.h>

#include "io/yaml_doc.h"

/* How a --set reached its value: written in the file, a key the file leaves to its default
 * (added), or a party's entry of a number written for every party (by party). */
enum { PL_OVERRIDE_WRITTEN = 0, PL_OVERRIDE_ADDED = 1, PL_OVERRIDE_BY_PARTY = 2 };

/* One value changed: by a --set (renormalised = 0), or rescaled with its list (1). */
typedef struct pl_override {
    char *path;          /* as given, or the sibling's path for a renormalisation */
    char *was, *now;     /* the text before and after (for an added key: the default the loader used) */
    int renormalised;
    int added;           /* PL_OVERRIDE_* */
    int line, col;       /* where the value is in the file */
} pl_override;

typedef struct pl_overrides {
    int n, cap;
    pl_override *e;
} pl_overrides;

/* The loader of the document's kind alone (scenario.h: pl_scenario_reader_of, passed in by the
 * caller so that this module needs nothing of the scenario kinds), asked which values the file leaves
 * to their defaults; NULL: only the values the file writes can be set. */
typedef int (*pl_overrides_reader)(const pl_ydoc *doc, pl_error *err);

/* Splits "PATH=VALUE" (the text after the first '='); PL_EINVAL naming the flag otherwise. */
int pl_override_split(const char *arg, char *path, size_t path_len, const char **value, pl_error *err);

/* Applies n "PATH=VALUE" texts to the document, then renormalises the lists of `p` they touched.
 * The log (may be NULL) receives every value changed, in order.  PL_EINVAL with "--set PATH: ..."
 * for an unknown path (closest suggested), a path naming a list or map, or a path with '*'. */
int pl_overrides_apply(pl_ydoc *doc, pl_overrides_reader read, const char *const *sets, int n, pl_overrides *log,
                       pl_error *err);

/* Who reaches a value (pl_overrides_reach): the keys it makes carry it as their origin. */
typedef struct pl_override_who {
    int at;             /* the index of the --set or range: the column of the keys made (their line is 0) */
    const char *origin; /* what an error at a key made begins with: "--set PATH", "range NAME (...)" */
    int say_how;        /* 1: such an error ends with how the key was made ("(a key the file leaves to its
                         * default)", "(a party's entry; the file writes one number for all)") */
    pl_input input;     /* and is about this input (parley/error.h) */
    const char *const *prior; /* the paths set before this one (NULL: none): the loader asked about a
                               * default reads the document with their lists of `p` rescaled as they
                               * will be, so that a probability set first does not make it refuse the file */
    int n_prior;
} pl_override_who;

/* The scalar node `path` names in doc, made as above when the file leaves it out (value: the text
 * it gets then; NULL for the default itself, or for a by-party entry the number it had).  was
 * receives the text before (the default for a key made); *added one of PL_OVERRIDE_*.  PL_EINVAL
 * with "path 'P': ..." for a path neither written nor a default (the closest suggested, defaults
 * included) or a party that is not one; PL_ENOMEM. */
int pl_overrides_reach(pl_ydoc *doc, pl_overrides_reader read, const char *path, const char *value,
                       const pl_override_who *who, pl_ynode **node, char *was, size_t was_len, int *added, pl_error *err);

/* After setting the scalar nodes nodes[0..n) (paths[i] the path of each), rescales the other `p`
 * of each list of alternatives they belong to (see above).  Used by pl_overrides_apply and by the
 * sensitivity analyses; log may be NULL. */
int pl_overrides_renormalise(pl_ydoc *doc, const char *const *paths, pl_ynode *const *nodes, int n, pl_overrides *log,
                             pl_error *err);

/* " (the value set by --set PATH=VALUE)" when an error message points at a value an override set, else "". */
const char *pl_overrides_blame(const pl_overrides *log, const char *msg, const char *path_of_file, char *buf,
                               size_t len);

/* More changes after the overrides, for a document explained below (a sensitivity analysis's point). */
typedef int (*pl_overrides_then)(void *user, pl_ydoc *doc, pl_error *err);
/* An error (err, PL_EINVAL) from reading `file` changed by the n --set texts (and then `then`, may be
 * NULL) blames the overrides it follows from, whatever the check and wherever it points: one rule for
 * every validation of every kind.  When the message points at a value a --set wrote, " (the value set
 * by --set PATH=VALUE)" (pl_overrides_blame).  Else, when the kind's loader (`read`) gives this very
 * error with every --set and not with none, the --set texts it follows from are found by leaving each
 * out in turn (the loader read again each time: errors are rare, loading is fast): " (this follows
 * from --set P=V: without it, the file does not fail here)", or all of them when only together they
 * fail it.  An error the loader does not give (a run's), or gives for the file alone (the file's own),
 * or one already about a --set, is left as it is.  Either way the error becomes about --set. */
void pl_overrides_explain(const pl_ydoc *file, pl_overrides_reader read, const char *const *sets, int n,
                          pl_overrides_then then, void *user, pl_error *err);

void pl_overrides_clear(pl_overrides *log);
/* A copy of a log (for a model that outlives its scenario), or NULL when out of memory. */
pl_overrides *pl_overrides_copy(const pl_overrides *log);

/* The overrides as the summary's opening lines (nothing when there are none), headed "Assumptions
 * changed for this WHAT (--set):" (what: "run", "fit", "design search"; NULL: "Assumptions changed
 * from the file (--set):", for a front end's screen), and as a JSON array
 * of {path, value, file_value, renormalised} (scenario.c), with "file_default": true for a key the
 * file leaves out (file_value is the loader's default) and "by_party": true for a party's entry made
 * of a number written for all (file_value is that number); neither when the file wrote the value. */
void pl_overrides_print(FILE *f, const pl_overrides *log, const char *what);
struct json_t *pl_overrides_json(const pl_overrides *log);
/* The overrides as a report's parameters ("--set": one line of the summary each), and appended to
 * the report's command line cmd (len bytes) as the flags that make them again (an error is the
 * report's, sticky: io/html_report.h). */
struct pl_report;
void pl_overrides_report(struct pl_report *rep, const pl_overrides *log, char *cmd, size_t len);

#endif
